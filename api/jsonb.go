package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// maxExponent bounds the decimal exponent of a number in a booking or sale.
// PostgreSQL's jsonb stores numbers as numeric, which refuses 1e1000000;
// nothing a booking carries comes near 1e1000.
const maxExponent = 1000

// checkJSONB refuses what PostgreSQL's jsonb would refuse in an object that
// is valid JSON: the escape \u0000, a lone UTF-16 surrogate (\ud800), and
// numbers beyond numeric's range. Refused here, the client hears which
// field at once; accepted, the booking could never be written.
func checkJSONB(field string, raw json.RawMessage) *Error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var path jsonPath
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return nil // the end; raw was checked to be valid JSON before
		}
		at := field + path.String()
		switch v := tok.(type) {
		case json.Delim:
			if v == '{' || v == '[' {
				path.push(v == '{')
				continue
			}
			path.pop() // the closed container was its parent's value
		case string:
			if path.expectsKey() {
				if msg := badEscape(raw[start:dec.InputOffset()]); msg != "" {
					return badRequest(CodeInvalidField, at, "a key of "+at+" "+msg)
				}
				path.key(v)
				continue
			}
			at = field + path.String()
			if msg := badEscape(raw[start:dec.InputOffset()]); msg != "" {
				return badRequest(CodeInvalidField, at, at+" "+msg)
			}
		case json.Number:
			at = field + path.String()
			if !numericRange(string(v)) {
				return badRequest(CodeInvalidField, at, fmt.Sprintf("%s is a number out of range (at most 1e%d in size)", at, maxExponent))
			}
		}
		path.value()
	}
}

// badEscape returns what is wrong with the escapes of one raw JSON string
// token (it may start with the separators before it), or "".
func badEscape(raw []byte) string {
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' || i+1 >= len(raw) {
			continue
		}
		if raw[i+1] != 'u' {
			i++ // \" \\ \n …: skip the escaped character
			continue
		}
		r, ok := hex4(raw, i+2)
		switch {
		case !ok:
		case r == 0:
			return `contains \u0000, which cannot be stored`
		case 0xDC00 <= r && r <= 0xDFFF:
			return "contains a lone UTF-16 low surrogate, which is not text"
		case 0xD800 <= r && r <= 0xDBFF:
			low, ok := hex4(raw, i+8)
			if !ok || raw[i+6] != '\\' || raw[i+7] != 'u' || low < 0xDC00 || low > 0xDFFF {
				return "contains a lone UTF-16 high surrogate, which is not text"
			}
			i += 6
		}
		i += 5
	}
	return ""
}

// hex4 reads the four hex digits at raw[i:i+4].
func hex4(raw []byte, i int) (rune, bool) {
	if i+4 > len(raw) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(raw[i:i+4]), 16, 32)
	return rune(n), err == nil
}

// numericRange reports whether a JSON number's decimal exponent is within
// ±maxExponent, counting the digits before its point.
func numericRange(n string) bool {
	mant, exp, _ := strings.Cut(strings.ToLower(n), "e")
	e := 0
	if exp != "" {
		v, err := strconv.Atoi(exp)
		if err != nil || v > maxExponent || v < -maxExponent {
			return false // more than Atoi takes is out of range too
		}
		e = v
	}
	whole, frac, _ := strings.Cut(strings.TrimLeft(mant, "-"), ".")
	whole = strings.TrimLeft(whole, "0")
	return len(whole)+e <= maxExponent && len(frac)-e <= maxExponent
}

// jsonPath tracks where a token stream is, to name a field as
// "items[2].name".
type jsonPath struct{ frames []frame }

type frame struct {
	object bool
	key    string // the current key of an object
	keyed  bool   // object: a key was read and its value is next
	index  int    // array: the index of the next value
}

func (p *jsonPath) push(object bool) { p.frames = append(p.frames, frame{object: object}) }

func (p *jsonPath) pop() { p.frames = p.frames[:len(p.frames)-1] }

func (p *jsonPath) expectsKey() bool {
	n := len(p.frames)
	return n > 0 && p.frames[n-1].object && !p.frames[n-1].keyed
}

func (p *jsonPath) key(k string) {
	f := &p.frames[len(p.frames)-1]
	f.key, f.keyed = k, true
}

// value records that the current value was read: an object expects a key
// next, an array its next index. It is called after a scalar's checks used
// the path, and when a nested container closes.
func (p *jsonPath) value() {
	if len(p.frames) == 0 {
		return
	}
	f := &p.frames[len(p.frames)-1]
	if f.object {
		f.keyed = false
	} else {
		f.index++
	}
}

func (p jsonPath) String() string {
	var b strings.Builder
	for _, f := range p.frames {
		switch {
		case f.object && f.keyed:
			b.WriteString("." + f.key)
		case !f.object:
			fmt.Fprintf(&b, "[%d]", f.index)
		}
	}
	return b.String()
}
