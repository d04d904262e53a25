package matcher

import (
	"slices"
	"testing"
)

// found reports whether a search finds a profile: every term shares a key
// with the profile's keys, as the store's query asks.
func found(q, first, last string) bool {
	keys := SearchKeys(first, last)
	terms := SearchTerms(q)
	if len(terms) == 0 {
		return false
	}
	for _, t := range terms {
		if !slices.ContainsFunc(t.Keys(), func(k string) bool { _, ok := slices.BinarySearch(keys, k); return ok }) {
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
