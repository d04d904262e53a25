package api

import (
	"bytes"
	"encoding/json"
	"strings"
)

// jsonWalk walks one JSON value that encoding/json has read without a
// syntax error, for two things encoding/json does not say: where an
// object repeats a key (it keeps the last value, while a proxy or a log
// may keep the first), and the path of the value at a type error's offset
// (its Field stops at a map). One pass over the bytes; it allocates only
// for a key with escapes, a large object's key set, and the path it
// returns.
type jsonWalk struct {
	data []byte
	i    int
	// at, when >= 0, is a type error's offset: the walk stops at the
	// innermost value that spans it, and repeated keys are not looked for.
	at int
	// keys[:n] are the keys read so far of the small objects being
	// walked, the innermost object's last. An array, not a slice, so that
	// the walk itself lives on the stack.
	keys [2 * smallObject][]byte
	n    int
}

// smallObject is how many keys an object may have before they go into a
// map: up to it, each key is compared with the others one by one, which
// costs no allocation; past it, an object of thousands of short keys
// (64 KiB allows that) would cost quadratic time. An object that finds
// jsonWalk.keys full goes into a map too.
const smallObject = 16

// repeatedKey returns the path of the first key that appears twice in the
// same object of data, one valid JSON value, or "" when none does.
func repeatedKey(data []byte) string {
	w := jsonWalk{data: data, at: -1}
	path, _ := w.value()
	return pathString(path)
}

// pathAt returns the path, from the top of data (one valid JSON value),
// of the innermost value that spans offset: the one an
// encoding/json.UnmarshalTypeError with that Offset is about (its Offset
// is the end of a scalar, or just past a container's opening bracket).
func pathAt(data []byte, offset int64) []frame {
	w := jsonWalk{data: data, at: int(offset)}
	path, _ := w.value()
	return path
}

// pathString writes a path as the API names fields:
// "customer.attributes.points", "items[2].name".
func pathString(path []frame) string {
	if len(path) == 0 {
		return "" // without the strings.Builder that jsonPath.String allocates
	}
	return strings.TrimPrefix(jsonPath{frames: path}.String(), ".")
}

// value walks the value at w.i. When the walk stops inside it, it reports
// so with the path from this value down to where it stopped.
func (w *jsonWalk) value() ([]frame, bool) {
	w.space()
	start := w.i
	var path []frame
	stop := false
	switch w.data[w.i] {
	case '{':
		path, stop = w.object()
	case '[':
		path, stop = w.array()
	case '"':
		w.str()
	default:
		w.literal()
	}
	if !stop && start < w.at && w.at <= w.i {
		stop = true // no value inside spans w.at: this one is at fault
	}
	return path, stop
}

func (w *jsonWalk) object() ([]frame, bool) {
	w.i++ // {
	keys := objectKeys{first: w.n}
	for {
		w.space()
		if w.data[w.i] == '}' {
			w.i++
			w.n = keys.first
			return nil, false
		}
		key := w.key()
		if w.at < 0 && keys.repeated(w, key) {
			return []frame{keyFrame(key)}, true
		}
		w.space()
		w.i++ // :
		if path, stop := w.value(); stop {
			return append([]frame{keyFrame(key)}, path...), true
		}
		w.space()
		if w.data[w.i] == ',' {
			w.i++
		}
	}
}

func keyFrame(key []byte) frame { return frame{object: true, keyed: true, key: string(key)} }

func (w *jsonWalk) array() ([]frame, bool) {
	w.i++ // [
	for n := 0; ; n++ {
		w.space()
		if w.data[w.i] == ']' {
			w.i++
			return nil, false
		}
		if path, stop := w.value(); stop {
			return append([]frame{{index: n}}, path...), true
		}
		w.space()
		if w.data[w.i] == ',' {
			w.i++
		}
	}
}

// key reads the string at w.i and returns its text: the bytes between the
// quotes, unescaped when it has escapes ("\u0061" and "a" are one key).
func (w *jsonWalk) key() []byte {
	start := w.i
	if !w.str() {
		return w.data[start+1 : w.i-1]
	}
	var s string
	if err := json.Unmarshal(w.data[start:w.i], &s); err != nil {
		panic("jsonWalk: a string the walk read is not JSON: " + err.Error()) // the walk read it: it cannot fail
	}
	return []byte(s)
}

// str skips the string at w.i and reports whether it has escapes.
func (w *jsonWalk) str() (escaped bool) {
	for w.i++; ; w.i++ {
		switch w.data[w.i] {
		case '"':
			w.i++
			return escaped
		case '\\':
			escaped = true
			w.i++ // the escaped character, which may be a quote
		}
	}
}

// literal skips a number, true, false or null.
func (w *jsonWalk) literal() {
	for w.i < len(w.data) && strings.IndexByte(",}] \t\r\n", w.data[w.i]) < 0 {
		w.i++
	}
}

func (w *jsonWalk) space() {
	for w.i < len(w.data) && (w.data[w.i] == ' ' || w.data[w.i] == '\t' || w.data[w.i] == '\r' || w.data[w.i] == '\n') {
		w.i++
	}
}

// objectKeys is the set of keys read so far in one object: w.keys[first:]
// while the object is small, a map once it is large.
type objectKeys struct {
	first int
	large map[string]bool
}

// repeated records key and reports whether the object had it already.
func (s *objectKeys) repeated(w *jsonWalk, key []byte) bool {
	if s.large != nil {
		if s.large[string(key)] {
			return true
		}
		s.large[string(key)] = true
		return false
	}
	for _, k := range w.keys[s.first:w.n] {
		if bytes.Equal(k, key) {
			return true
		}
	}
	if w.n-s.first < smallObject && w.n < len(w.keys) {
		w.keys[w.n] = key
		w.n++
		return false
	}
	s.large = make(map[string]bool, 4*smallObject)
	for _, k := range w.keys[s.first:w.n] {
		s.large[string(k)] = true
	}
	s.large[string(key)] = true
	w.n = s.first
	return false
}
