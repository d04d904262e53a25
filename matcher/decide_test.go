package matcher

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func match(id string, created time.Time, first string, on ...Field) Match {
	return Match{Profile: Profile{ID: id, CreatedAt: created, FirstName: first}, On: on}
}

func TestDecide(t *testing.T) {
	guard := Policy{NameGuard: true, Version: 1}
	camille := Customer{FirstName: "Camille", Email: "camille@example.fr", Mobile: "0612345678"}
	tests := []struct {
		name     string
		customer Customer
		matches  []Match
		policy   Policy
		want     Decision
	}{
		{
			name:     "NoMatchCreates",
			customer: camille, policy: guard,
			want: Decision{Outcome: OutcomeCreated, Rule: RuleNoMatch},
		},
		{
			name:     "NoKeyCreates",
			customer: Customer{FirstName: "Camille", Email: "not-an-email", Mobile: "12"},
			matches:  []Match{match("a", t0, "Camille", FieldEmail)}, policy: guard,
			want: Decision{Outcome: OutcomeCreated, Rule: RuleNoKey},
		},
		{
			name:     "OneCompatibleMatchUpdates",
			customer: camille, policy: guard,
			matches: []Match{match("a", t0, "camille", FieldEmail)},
			want:    Decision{Outcome: OutcomeUpdated, Rule: RuleSingleMatch, Target: "a"},
		},
		{
			name:     "SeveralMatchesUpdateFirstCreatedAndReview",
			customer: camille, policy: guard,
			matches: []Match{
				match("b", t0.Add(time.Hour), "Camille", FieldMobile),
				match("a", t0, "Camille", FieldEmail),
			},
			want: Decision{Outcome: OutcomeUpdated, Rule: RuleFirstCreated, Target: "a", Review: []string{"a", "b"}},
		},
		{
			name:     "CreatedAtTieBrokenByID",
			customer: camille, policy: guard,
			matches: []Match{match("b", t0, "Camille", FieldEmail), match("a", t0, "Camille", FieldEmail)},
			want:    Decision{Outcome: OutcomeUpdated, Rule: RuleFirstCreated, Target: "a", Review: []string{"a", "b"}},
		},
		{
			name:     "FirstCreatedAmongCompatibleNames",
			customer: camille, policy: guard,
			matches: []Match{
				match("mum", t0, "Sophie", FieldEmail),
				match("camille", t0.Add(time.Hour), "Camille", FieldEmail),
			},
			want: Decision{Outcome: OutcomeUpdated, Rule: RuleFirstCreated, Target: "camille", Review: []string{"mum", "camille"}},
		},
		{
			name:     "NameGuardCreatesOnFamilyEmail",
			customer: camille, policy: guard,
			matches: []Match{match("mum", t0, "Sophie", FieldEmail)},
			want:    Decision{Outcome: OutcomeCreated, Rule: RuleNameGuard, Review: []string{"mum"}},
		},
		{
			name:     "GuardOffAlwaysUpdatesFirstCreated",
			customer: camille, policy: Policy{NameGuard: false},
			matches: []Match{match("mum", t0, "Sophie", FieldEmail)},
			want:    Decision{Outcome: OutcomeUpdated, Rule: RuleGuardDisabled, Target: "mum"},
		},
		{
			name:     "OnlyPlaceholderKeysCreates",
			customer: Customer{FirstName: "Camille", Email: "noemail@salon.fr", Mobile: "06 00 00 00 00"},
			matches:  []Match{match("a", t0, "Camille", FieldEmail)}, policy: guard,
			want: Decision{Outcome: OutcomeCreated, Rule: RuleNoKey},
		},
		{
			name:     "OnlyBlockedKeyCreates",
			customer: Customer{FirstName: "Camille", Mobile: "01 42 68 53 00"},
			matches:  []Match{match("a", t0, "Camille", FieldMobile)},
			policy:   Policy{NameGuard: true, Blocked: []string{"+33142685300"}},
			want:     Decision{Outcome: OutcomeCreated, Rule: RuleNoKey},
		},
		{
			name:     "MissingIncomingNameIsCompatible",
			customer: Customer{Email: "camille@example.fr"}, policy: guard,
			matches: []Match{match("a", t0, "Camille", FieldEmail)},
			want:    Decision{Outcome: OutcomeUpdated, Rule: RuleSingleMatch, Target: "a"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := NewIncoming(tt.customer, nil, "FR")
			keys, _ := tt.policy.Screen(in.Keys())
			got := Decide(in, keys, tt.matches, tt.policy)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Decide (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNamesCompatible(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Camille", "camille", true},
		{"Zoé", "ZOE", true},
		{"", "Camille", true},
		{"C.", "Camille", true},
		{"C", "Sophie", false},
		{"Alex", "Alexandre", true},
		{"Tony", "Antoine", true},
		{"Camille", "Camile", true},
		{"Jean-Baptiste", "Jean Baptiste", true},
		{"Christophe", "Kristophe", true},
		{"Camille", "Sophie", false},
		{"Léa", "Lou", false},
		{"Tom", "Tim", false},
		{"Paul", "Pierre", false},
	}
	for _, tt := range tests {
		if got := NamesCompatible(tt.a, tt.b); got != tt.want {
			t.Errorf("NamesCompatible(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func BenchmarkDecide(b *testing.B) {
	in := NewIncoming(Customer{FirstName: "Camille", Email: "camille@example.fr", Mobile: "0612345678"}, nil, "FR")
	matches := []Match{match("b", t0.Add(time.Hour), "Cam", FieldMobile), match("a", t0, "Camille", FieldEmail)}
	for b.Loop() {
		Decide(in, in.Keys(), matches, Policy{NameGuard: true})
	}
}
