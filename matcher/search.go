package matcher

import (
	"slices"
	"strings"
	"unicode"
)

// The customer search of the front desk finds a profile by any word of its
// name, in either order, by a word's beginning, or with one slip in a word.
// It does so with exact look-ups only: each profile stores search keys
// (SearchKeys), and a query term matches a profile when they share a key
// (SearchTerm). The keys are prefixed with their kind:
//
//	w:dumont   a whole word of the name (and compound names joined: lefevredumont)
//	p:dum      a beginning of a word, of 2 letters or more
//	d:dumnt    the word, or the word less one letter (4 letters or more):
//	           two words one insertion, deletion, substitution or swap of
//	           neighbours apart share one of these (Dumont, Dumnot: d:dumot)
const (
	keyWord   = "w:"
	keyPrefix = "p:"
	keyTypo   = "d:"
	// minPrefix is the shortest beginning of a word that finds it.
	minPrefix = 2
	// minTypo is the shortest word that is allowed a slip.
	minTypo = 4
	// maxKeyWord bounds the words that get keys (a longer one is kept
	// whole only).
	maxKeyWord = 24
)

// NameWords splits a name into its folded words: "Lefèvre-Dumont" gives
// lefevre and dumont. Hyphens, apostrophes, spaces and dots separate words.
func NameWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) }) {
		if f := FoldName(w); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// SearchKeys returns the search keys of a profile's name, sorted and each
// once; none (an empty slice, not nil) for a nameless profile.
func SearchKeys(first, last string) []string {
	var words []string
	for _, part := range []string{first, last} {
		ws := NameWords(part)
		words = append(words, ws...)
		if len(ws) > 1 {
			words = append(words, strings.Join(ws, "")) // the compound typed without its hyphen
		}
	}
	var keys []string
	for _, w := range words {
		r := []rune(w)
		if len(r) > maxKeyWord {
			keys = append(keys, keyWord+w)
			continue
		}
		keys = append(keys, keyWord+w)
		for n := minPrefix; n < len(r); n++ {
			keys = append(keys, keyPrefix+string(r[:n]))
		}
		if len(r) >= minTypo {
			for _, v := range oneLess(r) {
				keys = append(keys, keyTypo+v)
			}
		}
	}
	if keys == nil {
		return []string{} // stored as an empty array, never NULL
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// oneLess returns a word and every word one letter shorter.
func oneLess(r []rune) []string {
	out := []string{string(r)}
	for i := range r {
		out = append(out, string(r[:i])+string(r[i+1:]))
	}
	return out
}

// SearchTerm is one word of a search and the keys that find it, by how
// well they match.
type SearchTerm struct {
	Word   string
	Exact  string   // the whole word
	Prefix string   // the word as a beginning ("" when too short)
	Typo   []string // the word within one slip ("" when too short)
}

// Keys returns every key of the term: a profile holding any of them matches.
func (t SearchTerm) Keys() []string {
	keys := []string{t.Exact}
	if t.Prefix != "" {
		keys = append(keys, t.Prefix)
	}
	return append(keys, t.Typo...)
}

// SearchTerms turns a search text into its terms, one a word, each once.
func SearchTerms(q string) []SearchTerm {
	var out []SearchTerm
	for _, w := range NameWords(q) {
		if slices.ContainsFunc(out, func(t SearchTerm) bool { return t.Word == w }) {
			continue
		}
		r := []rune(w)
		t := SearchTerm{Word: w, Exact: keyWord + w}
		if len(r) >= minPrefix {
			t.Prefix = keyPrefix + w
		}
		if len(r) >= minTypo && len(r) <= maxKeyWord {
			for _, v := range oneLess(r) {
				t.Typo = append(t.Typo, keyTypo+v)
			}
		}
		out = append(out, t)
	}
	return out
}
