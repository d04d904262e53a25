package matcher

import (
	"slices"
	"testing"
)

// found reports whether a search finds a profile, as the store's query
// asks: every term shares a key with the profile's keys, its slip words
// being the words filed under one of its slips (here, the profile's own).
func found(q, first, last string) bool {
	keys := SearchKeys(first, last)
	slips, words := SearchSlips(first, last)
	terms := SearchTerms(q)
	if len(terms) == 0 {
		return false
	}
	for _, t := range terms {
		var near []string
		for i, s := range slips {
			if slices.Contains(t.Slips, s) {
				near = append(near, words[i])
			}
		}
		if !slices.ContainsFunc(t.Keys(near), func(k string) bool { _, ok := slices.BinarySearch(keys, k); return ok }) {
			return false
		}
	}
	return true
}

func TestSearch(t *testing.T) {
	tests := []struct {
		q, first, last string
		want           bool
	}{
		{"anais", "Anaïs", "Lefèvre-Dumont", true},
		{"ANAÏS lefevre", "Anaïs", "Lefèvre-Dumont", true},
		{"Lefèvre-Dumont Anaïs", "Anaïs", "Lefèvre-Dumont", true},
		{"dumont", "Anaïs", "Lefèvre-Dumont", true},
		{"lefevredumont", "Anaïs", "Lefèvre-Dumont", true},
		{"lef", "Anaïs", "Lefèvre-Dumont", true},
		{"ana lef", "Anaïs", "Lefèvre-Dumont", true},
		{"Dumnot", "Anaïs", "Lefèvre-Dumont", true},
		{"Dumon", "Anaïs", "Lefèvre-Dumont", true},
		{"Dumontt", "Anaïs", "Lefèvre-Dumont", true},
		{"Dupont", "Anaïs", "Lefèvre-Dumont", true}, // one letter changed: a slip a person would forgive
		{"d'Arc", "Jeanne", "d'Arc", true},
		{"Martin", "Anaïs", "Lefèvre-Dumont", false},
		{"anais martin", "Anaïs", "Lefèvre-Dumont", false},
		{"Dumnoot", "Anaïs", "Lefèvre-Dumont", false},
		{"a", "Anaïs", "Lefèvre-Dumont", false},
		{"", "Anaïs", "Lefèvre-Dumont", false},
		{"ana", "Anna", "Roy", false}, // three letters get no slip, and "ana" is no beginning of "anna"
	}
	for _, tt := range tests {
		if got := found(tt.q, tt.first, tt.last); got != tt.want {
			t.Errorf("search %q for %s %s = %v, want %v", tt.q, tt.first, tt.last, got, tt.want)
		}
	}
}

func TestSlips(t *testing.T) {
	for in, want := range map[string][]string{
		"dumont":                    {"dumont", "umont", "dmont", "duont", "dumnt", "dumot", "dumon"},
		"anna":                      {"anna", "nna", "ana", "ann"}, // "ana" once, for either n
		"ana":                       nil,                           // too short for a slip
		"abcdefghijklmnopqrstuvwxy": nil,                           // 25 letters: kept whole only
	} {
		if got := Slips(in); !slices.Equal(got, want) {
			t.Errorf("Slips(%q) = %q, want %q", in, got, want)
		}
	}
	// The compound typed without its hyphen has slips of its own, and a
	// word two parts of the name share is filed once.
	slips, words := SearchSlips("Anaïs Dumont", "Lefèvre-Dumont")
	if len(slips) != len(words) {
		t.Fatalf("SearchSlips gave %d slips and %d words", len(slips), len(words))
	}
	pairs := map[string]int{}
	for i := range slips {
		pairs[slips[i]+">"+words[i]]++
	}
	for _, p := range []string{"anais>anais", "anis>anais", "anaisdumont>anaisdumont", "dumot>dumont", "lefevredumont>lefevredumont", "lefevredumnt>lefevredumont"} {
		if pairs[p] != 1 {
			t.Errorf("slip %s filed %d times, want once", p, pairs[p])
		}
	}
	if _, ok := pairs["ana>ana"]; ok {
		t.Error("a three-letter word got a slip")
	}
	if s, w := SearchSlips("", ""); s != nil || w != nil {
		t.Errorf("a nameless profile has slips %q %q", s, w)
	}
}

func TestNameWords(t *testing.T) {
	for in, want := range map[string][]string{
		"Lefèvre-Dumont":  {"lefevre", "dumont"},
		"  Jean Pierre ":  {"jean", "pierre"},
		"O'Neil":          {"o", "neil"},
		"Zoé":             {"zoe"},
		"St. John-Smythe": {"st", "john", "smythe"},
		"":                nil,
	} {
		if got := NameWords(in); !slices.Equal(got, want) {
			t.Errorf("NameWords(%q) = %q, want %q", in, got, want)
		}
	}
}
