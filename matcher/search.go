package matcher

import (
	"slices"
	"strings"
)

// The customer search of the front desk finds a profile by any word of its
// name, in either order, by a word's beginning, or with one slip in a word.
// It does so with exact look-ups only: each profile stores search keys
// (SearchKeys), and a query term matches a profile when they share a key
// (SearchTerm). The keys are prefixed with their kind:
//
//	w:dumont   a whole word of the name (and compound names joined: lefevredumont)
//	p:dum      a beginning of a word, of 2 letters or more
//
// Slips are found through the words, not the profiles. A word's slips
// (Slips) are the word and the word less one letter (4 letters or more):
// two words one insertion, deletion, substitution or swap of neighbours
// apart share one of them (Dumont, Dumnot: dumot). The store files each
// distinct word of a tenant's names under its slips once, and a term with
// a slip finds the words that share one of its slips, then the profiles
// that hold one of those words by their w: keys. A profile adds no slip
// keys of its own to the search index, and a name already known adds none
// at all.
const (
	keyWord   = "w:"
	keyPrefix = "p:"
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
	for _, w := range strings.FieldsFunc(s, wordBreak) {
		if f := FoldName(w); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// searchWords returns the words of a profile's name that get search keys:
// each word, and a compound also typed without its hyphen.
func searchWords(first, last string) []string {
	var words []string
	for _, part := range []string{first, last} {
		ws := NameWords(part)
		words = append(words, ws...)
		if len(ws) > 1 {
			words = append(words, strings.Join(ws, "")) // the compound typed without its hyphen
		}
	}
	return words
}

// SearchKeys returns the search keys of a profile's name, sorted and each
// once; none (an empty slice, not nil) for a nameless profile.
func SearchKeys(first, last string) []string {
	var keys []string
	for _, w := range searchWords(first, last) {
		keys = append(keys, keyWord+w)
		if r := []rune(w); len(r) <= maxKeyWord {
			for n := minPrefix; n < len(r); n++ {
				keys = append(keys, keyPrefix+string(r[:n]))
			}
		}
	}
	if keys == nil {
		return []string{} // stored as an empty array, never NULL
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// SearchSlips returns the slips of the words of a profile's name, as two
// lists of the same length: slips[i] is a slip of words[i]. Each pair is
// there once; a name without a word of 4 to 24 letters has none.
func SearchSlips(first, last string) (slips, words []string) {
	seen := map[[2]string]bool{}
	for _, w := range searchWords(first, last) {
		for _, s := range Slips(w) {
			if k := [2]string{s, w}; !seen[k] {
				seen[k] = true
				slips, words = append(slips, s), append(words, w)
			}
		}
	}
	return slips, words
}

// Slips returns the slips of a folded word: the word and every word one
// letter shorter, each once; none for a word under 4 letters or over 24.
// Two words share a slip when one insertion, deletion, substitution or
// swap of neighbours takes one to the other.
func Slips(w string) []string {
	r := []rune(w)
	if len(r) < minTypo || len(r) > maxKeyWord {
		return nil
	}
	out := []string{w}
	for i := range r {
		if v := string(r[:i]) + string(r[i+1:]); !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// SearchTerm is one word of a search and what finds it, by how well it
// matches.
type SearchTerm struct {
	Word   string
	Exact  string   // the whole word's key
	Prefix string   // the word as a beginning's key ("" when too short)
	Slips  []string // the word's slips (none when too short or too long)
}

// Keys returns the keys of the term that a profile may hold: the whole
// word and the beginning, then the whole words one slip away (slipWords,
// the words that share one of the term's slips).
func (t SearchTerm) Keys(slipWords []string) []string {
	keys := []string{t.Exact}
	if t.Prefix != "" {
		keys = append(keys, t.Prefix)
	}
	return append(keys, WordKeys(slipWords)...)
}

// WordKeys returns the whole-word keys of words.
func WordKeys(words []string) []string {
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = keyWord + w
	}
	return keys
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
		t.Slips = Slips(w)
		out = append(out, t)
	}
	return out
}
