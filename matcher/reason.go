package matcher

import (
	"fmt"
	"strings"
)

// Reason says in a sentence, without personal data, why a decision fell as
// it did: the rule, how many profiles matched, each contact value set
// aside and why (unused, in the booking's order), and whether a review
// candidate was opened or joined (queued: a set of profiles a reviewer
// dismissed before is not queued again, and the sentence must not say it
// was). The explanation holds the details.
func Reason(d Decision, matched int, unused []Ignored, queued bool) string {
	review := "queued all of them for review"
	if !queued {
		review = "did not queue them for review, as a reviewer dismissed them before"
	}
	var why string
	switch d.Rule {
	case RuleNoKey:
		why = "no valid email or mobile to match on: created a new profile"
	case RuleNoMatch:
		why = "no active profile holds this email or mobile: created a new profile"
	case RuleSingleMatch:
		why = "one profile holds this email or mobile and the first names are compatible: updated it"
		if d.NamesSwapped {
			why = "one profile holds this email or mobile and its first name and surname are the booking's, swapped: updated it"
		}
	case RuleFirstCreated:
		which := "with a compatible first name"
		if d.NamesSwapped {
			which = "whose first name and surname are the booking's, swapped,"
		}
		why = fmt.Sprintf("%d profiles hold this email or mobile: updated the first-created one %s and %s", matched, which, review)
	case RuleNameGuard:
		why = fmt.Sprintf("%d profile(s) hold this email or mobile but none has a compatible name and birth date: created a new profile and %s",
			matched, strings.Replace(review, "all of them", "them", 1))
	case RuleGuardDisabled:
		why = "the name guard is off for this tenant: updated the first-created matching profile"
	}
	for _, k := range unused {
		why += fmt.Sprintf("; the %s was not used as a key (%s)", k.Key.Kind, problemText[k.Problem])
	}
	return why
}

// problemText says why a value was not a key, in the reason's words.
var problemText = map[Problem]string{
	ProblemInvalid:     "it is not a valid address or number",
	ProblemBlocked:     "the tenant blocked this value",
	ProblemPlaceholder: "it is a placeholder value",
	ProblemShared:      "too many customers share it",
}
