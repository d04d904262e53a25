package matcher

import "testing"

func TestReason(t *testing.T) {
	invalidEmail := Ignored{Key: Key{Kind: FieldEmail, Value: "x"}, Problem: ProblemInvalid}
	sharedMobile := Ignored{Key: Key{Kind: FieldMobile, Value: "+33100000000"}, Problem: ProblemShared}
	tests := []struct {
		name    string
		rule    Rule
		matched int
		unused  []Ignored
		queued  bool
		want    string
	}{
		{"NoKey", RuleNoKey, 0, []Ignored{invalidEmail}, false,
			"no valid email or mobile to match on: created a new profile; the email was not used as a key (it is not a valid address or number)"},
		{"NoMatch", RuleNoMatch, 0, nil, false, "no active profile holds this email or mobile: created a new profile"},
		{"Single", RuleSingleMatch, 1, []Ignored{sharedMobile}, false,
			"one profile holds this email or mobile and the first names are compatible: updated it; the mobile was not used as a key (too many customers share it)"},
		{"FirstCreatedQueued", RuleFirstCreated, 2, nil, true,
			"2 profiles hold this email or mobile: updated the first-created one with a compatible first name and queued all of them for review"},
		{"FirstCreatedDismissed", RuleFirstCreated, 2, nil, false,
			"2 profiles hold this email or mobile: updated the first-created one with a compatible first name and did not queue them for review, as a reviewer dismissed them before"},
		{"NameGuard", RuleNameGuard, 1, nil, true,
			"1 profile(s) hold this email or mobile but none has a compatible name and birth date: created a new profile and queued them for review"},
		{"GuardOff", RuleGuardDisabled, 3, nil, false, "the name guard is off for this tenant: updated the first-created matching profile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Reason(Decision{Rule: tt.rule}, tt.matched, tt.unused, tt.queued); got != tt.want {
				t.Errorf("Reason =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
	// A profile found with its names the other way round (NamesSwapped).
	for _, tt := range []struct {
		rule    Rule
		matched int
		want    string
	}{
		{RuleSingleMatch, 1, "one profile holds this email or mobile and its first name and surname are the booking's, swapped: updated it"},
		{RuleFirstCreated, 2, "2 profiles hold this email or mobile: updated the first-created one whose first name and surname are the booking's, swapped, and queued all of them for review"},
	} {
		if got := Reason(Decision{Rule: tt.rule, NamesSwapped: true}, tt.matched, nil, true); got != tt.want {
			t.Errorf("Reason(%s, swapped) =\n%s\nwant\n%s", tt.rule, got, tt.want)
		}
	}
}
