package matcher

import "testing"

func TestIdentifierValue(t *testing.T) {
	for in, want := range map[string]string{
		"123 456-7": "1234567",
		"a-17":      "A17",
		"ＡＢ１２":      "AB12", // full-width forms
		" - ":       "",
	} {
		if got := IdentifierValue(in); got != want {
			t.Errorf("IdentifierValue(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCompareIdentifiers(t *testing.T) {
	ids := func(kv ...string) map[string]string {
		m := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			if v := identifierOrNone(kv[i+1]); v != "" {
				m[kv[i]] = v
			}
		}
		return m
	}
	for _, tt := range []struct {
		name string
		a, b map[string]string
		want Level
	}{
		{"same", ids("ssn", "1234567"), ids("ssn", "123 4567"), LevelExact},
		{"one changed", ids("ssn", "1234567"), ids("ssn", "1234557"), LevelTypo},
		{"neighbours swapped", ids("ssn", "1234567"), ids("ssn", "1243567"), LevelTypo},
		{"one dropped", ids("ssn", "1234567"), ids("ssn", "123467"), LevelTypo},
		{"two changed", ids("ssn", "1234567"), ids("ssn", "1299567"), LevelDifferent},
		{"short codes one apart", ids("card", "A17"), ids("card", "A18"), LevelDifferent},
		{"one key agrees", ids("ssn", "1234567", "card", "A17"), ids("ssn", "7654321", "card", "a-17"), LevelExact},
		{"no key in common", ids("ssn", "1234567"), ids("card", "1234567"), LevelMissing},
		{"missing", nil, ids("ssn", "1234567"), LevelMissing},
		{"placeholders", ids("ssn", "N/A"), ids("ssn", "n.a."), LevelMissing},
		{"one digit repeated", ids("ssn", "000-000-000"), ids("ssn", "000000000"), LevelMissing},
		{"too short", ids("card", "7"), ids("card", "7"), LevelMissing},
	} {
		if got := compareIdentifiers(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestIdentifierWeighs: the same identifier adds enough to open a pair
// that agrees on a common name alone, and a different one takes from a pair.
func TestIdentifierWeighs(t *testing.T) {
	m := DefaultFuzzyModel()
	rec := func(ssn string) *FuzzyRecord {
		in := FuzzyInput{FirstName: "Marie", LastName: "Martin"}
		if ssn != "" {
			in.Identifiers = map[string]string{"ssn": ssn}
		}
		return NewFuzzyRecord(in)
	}
	alone := m.Score(rec(""), rec(""))
	same := m.Score(rec("1234567"), rec("123-4567"))
	diff := m.Score(rec("1234567"), rec("7654321"))
	if alone.Opens(DefaultFuzzyThreshold) || !same.Opens(DefaultFuzzyThreshold) {
		t.Fatalf("names alone %v (open %v), with the same identifier %v (open %v)", alone.Weight, alone.Opens(DefaultFuzzyThreshold),
			same.Weight, same.Opens(DefaultFuzzyThreshold))
	}
	if diff.Weight >= alone.Weight || diff.Level(CompareIdentifier) != LevelDifferent {
		t.Fatalf("a different identifier: %+v, want less than %v", diff, alone.Weight)
	}
}
