package matcher

import (
	"slices"
	"testing"
)

// TestNameCore: a title before a name and a generation after it are not
// part of it; a name made of nothing else is kept whole.
func TestNameCore(t *testing.T) {
	for _, c := range []struct {
		in         string
		words      []string
		generation string
	}{
		{"Mrs Sarah", []string{"sarah"}, ""},
		{"Mr. D", []string{"d"}, ""},
		{"Dr", []string{"dr"}, ""},
		{"M Dupont", []string{"m", "dupont"}, ""},
		{"Vaughan Sr.", []string{"vaughan"}, "sr"},
		{"Tibbetson Junior", []string{"tibbetson"}, "jr"},
		{"Beard III", []string{"beard"}, "iii"},
		{"Beard 3rd", []string{"beard"}, "iii"},
		{"Smith 2nd.", []string{"smith"}, "ii"},
		{"Smith 4th", []string{"smith"}, "iv"},
		{"Har0ld", []string{"harold"}, ""},
		{"Junior", []string{"junior"}, ""},
		{"Mary Ann", []string{"mary", "ann"}, ""},
	} {
		words, generation := nameCore(c.in)
		if !slices.Equal(words, c.words) || generation != c.generation {
			t.Errorf("nameCore(%q) = %v, %q; want %v, %q", c.in, words, generation, c.words, c.generation)
		}
	}
}

// TestTitlesAndGenerations: a title does not make two names differ, at a
// booking (NamesCompatible) or in the fuzzy comparison; two different
// generations of one name are a father and his son, and a generation on
// one side only keeps the home out of the evidence unless the birth dates
// agree.
func TestTitlesAndGenerations(t *testing.T) {
	if !NamesCompatible("Mr Paul", "Paul") || !NamesCompatible("Mrs. Christine", "christine") {
		t.Error("a title makes two first names incompatible")
	}
	m := DefaultFuzzyModel()
	level := func(s FuzzyScore, c Comparison) Level { return s.Level(c) }
	if s := m.Score(rec("a", "Mr D", "Vickerstaff", "", hugo12, nil, nil), rec("b", "Daniel", "Vickerstaff", "", hugo12b, nil, nil)); level(s, CompareFirstName) != LevelInitial {
		t.Errorf("Mr D / Daniel: %+v, want an initial", s.Fields)
	}
	father, son := rec("a", "David", "Vaughan Sr", "", hugo12, nil, nil), rec("b", "David", "Vaughan Jr", "", hugo12b, nil, nil)
	if s := m.Score(father, son); level(s, CompareLastName) != LevelDifferent || level(s, CompareAddress) != LevelMissing {
		t.Errorf("Vaughan Sr / Vaughan Jr at one address: %+v, want different surnames and the home not counted", s.Fields)
	}
	plain, junior := rec("a", "David", "Tibbetson", "", hugo12, nil, nil), rec("b", "David", "Tibbetson Junior", "", hugo12b, nil, nil)
	if s := m.Score(plain, junior); level(s, CompareLastName) != LevelExact || level(s, CompareAddress) != LevelMissing {
		t.Errorf("Tibbetson / Tibbetson Junior at one address, no birth dates: %+v, want the surname exact and the home not counted", s.Fields)
	}
	plain, junior = rec("a", "David", "Tibbetson", "1990-02-03", hugo12, nil, nil), rec("b", "David", "Tibbetson Jr", "1990-02-03", hugo12b, nil, nil)
	if s := m.Score(plain, junior); level(s, CompareAddress) != LevelExact {
		t.Errorf("Tibbetson / Tibbetson Jr born the same day at one address: %+v, want the home counted", s.Fields)
	}
}
