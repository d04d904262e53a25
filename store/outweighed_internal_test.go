package store

import (
	"testing"

	"dedupe/matcher"
)

// TestNewlyAgainst: a candidate is closed only when a field weighs against
// its pair now that did not when it was proposed, not when its weight
// merely fell (a name written another way since).
func TestNewlyAgainst(t *testing.T) {
	proposed := []matcher.FieldWeight{
		{Field: matcher.CompareFirstName, Level: matcher.LevelExact, Weight: 5.32},
		{Field: matcher.CompareLastName, Level: matcher.LevelExact, Weight: 8.1},
		{Field: matcher.CompareEmail, Level: matcher.LevelLocalPart, Weight: 8.97},
		{Field: matcher.CompareMobile, Level: matcher.LevelDifferent, Weight: -0.5},
	}
	with := func(f matcher.Comparison, l matcher.Level, w float64) []matcher.FieldWeight {
		out := []matcher.FieldWeight{}
		for _, p := range proposed {
			if p.Field != f {
				out = append(out, p)
			}
		}
		return append(out, matcher.FieldWeight{Field: f, Level: l, Weight: w})
	}
	for _, tc := range []struct {
		name string
		now  []matcher.FieldWeight
		want bool
	}{
		{"Unchanged", proposed, false},
		{"BirthDateGivenYearsApart", with(matcher.CompareBirthDate, matcher.LevelDifferent, -5.6), true},
		{"BirthDateGivenTheSame", with(matcher.CompareBirthDate, matcher.LevelExact, 13), false},
		{"SurnameShortened", with(matcher.CompareLastName, matcher.LevelCompound, 5.32), false},
		{"FirstNameNowAnother", with(matcher.CompareFirstName, matcher.LevelDifferent, -6.5), true},
		{"SameDisagreementAsBefore", with(matcher.CompareMobile, matcher.LevelDifferent, -0.5), false},
		{"DisagreementGrown", with(matcher.CompareMobile, matcher.LevelDifferent, -3), true},
		{"NothingStoredThen", proposed[:0], false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := newlyAgainst(proposed, tc.now); got != tc.want {
				t.Errorf("newlyAgainst = %v, want %v", got, tc.want)
			}
		})
	}
	if !newlyAgainst(nil, with(matcher.CompareBirthDate, matcher.LevelDifferent, -5.6)) {
		t.Error("with no weights stored, a field against the pair must count as new")
	}
}
