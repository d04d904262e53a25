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
			name:     "MobileInPhoneColumnUpdates",
			customer: Customer{FirstName: "Camille", Phone: "06 12 34 56 78"}, policy: guard,
			matches: []Match{match("a", t0, "Camille", FieldMobile)},
			want:    Decision{Outcome: OutcomeUpdated, Rule: RuleSingleMatch, Target: "a"},
		},
		{
			name:     "PlaceholderMobileInPhoneColumnCreates",
			customer: Customer{FirstName: "Camille", Phone: "06 00 00 00 00"},
			matches:  []Match{match("a", t0, "Camille", FieldMobile)}, policy: guard,
			want: Decision{Outcome: OutcomeCreated, Rule: RuleNoKey},
		},
		{
			name:     "BlockedMobileInPhoneColumnCreates",
			customer: Customer{FirstName: "Camille", Phone: "06 12 34 56 78"},
			matches:  []Match{match("a", t0, "Camille", FieldMobile)},
			policy:   Policy{NameGuard: true, Blocked: []string{"+33612345678"}},
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

func TestKeys(t *testing.T) {
	email := Key{Kind: FieldEmail, Value: "camille@example.fr"}
	mobile := func(v string, definite bool) Key { return Key{Kind: FieldMobile, Value: v, DefiniteMobile: definite} }
	tests := []struct {
		name     string
		customer Customer
		region   string
		want     []Key
	}{
		{"EmailAndMobile", Customer{Email: "camille@example.fr", Mobile: "06 12 34 56 78"}, "FR",
			[]Key{email, mobile("+33612345678", true)}},
		{"FRMobileInPhone", Customer{Email: "camille@example.fr", Phone: "06 12 34 56 78"}, "FR",
			[]Key{email, mobile("+33612345678", true)}},
		{"GBMobileInPhone", Customer{Phone: "07911 123456"}, "GB", []Key{mobile("+447911123456", true)}},
		{"DEMobileInPhone", Customer{Phone: "0151 23456789"}, "DE", []Key{mobile("+4915123456789", true)}},
		{"GBLandlineInPhone", Customer{Phone: "020 7946 0018"}, "GB", nil},
		{"FRLandlineInPhone", Customer{Email: "camille@example.fr", Phone: "01 42 68 53 00"}, "FR", []Key{email}},
		{"USNumberInPhone", Customer{Phone: "(201) 555-0123"}, "US", nil},
		{"USNumberInMobile", Customer{Mobile: "(201) 555-0123"}, "US", []Key{mobile("+12015550123", false)}},
		{"GBLandlineInMobile", Customer{Mobile: "020 7946 0018"}, "GB", []Key{mobile("+442079460018", false)}},
		{"SameMobileInBoth", Customer{Mobile: "07911 123456", Phone: "+44 7911 123456"}, "GB", []Key{mobile("+447911123456", true)}},
		{"TwoMobiles", Customer{Mobile: "07911 123456", Phone: "07400 123456"}, "GB",
			[]Key{mobile("+447911123456", true), mobile("+447400123456", true)}},
		{"USNumberInBoth", Customer{Mobile: "(201) 555-0123", Phone: "(201) 555-0123"}, "US", []Key{mobile("+12015550123", false)}},
		{"InvalidMobileValidPhone", Customer{Mobile: "12", Phone: "06 12 34 56 78"}, "FR", []Key{mobile("+33612345678", true)}},
		{"InvalidPhone", Customer{Phone: "06 12"}, "FR", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NewIncoming(tt.customer, nil, tt.region).Keys()
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Keys (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKeyKinds(t *testing.T) {
	tests := []struct {
		key  Key
		want []Field
	}{
		{Key{Kind: FieldEmail, Value: "camille@example.fr"}, []Field{FieldEmail}},
		{Key{Kind: FieldMobile, Value: "+12015550123"}, []Field{FieldMobile}},
		{Key{Kind: FieldMobile, Value: "+33612345678", DefiniteMobile: true}, []Field{FieldMobile, FieldPhone}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.key.Kinds()); diff != "" {
			t.Errorf("%+v.Kinds() (-want +got):\n%s", tt.key, diff)
		}
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
