package matcher

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestScreen(t *testing.T) {
	email := func(v string) Key { return Key{Kind: FieldEmail, Value: v} }
	mobile := func(v string) Key { return Key{Kind: FieldMobile, Value: v} }
	policy := Policy{Blocked: []string{"+33142685300", "accueil@*", "salon@coiffure.fr", "+541143210000"}}
	tests := []struct {
		name string
		key  Key
		want Problem
	}{
		{"PlainEmailUsable", email("camille@example.fr"), ProblemNone},
		{"PlainMobileUsable", mobile("+33612345678"), ProblemNone},
		{"TenantBlockedNumber", mobile("+33142685300"), ProblemBlocked},
		{"TenantBlockedAddress", email("salon@coiffure.fr"), ProblemBlocked},
		// The salon's 011 4321-0000 typed in the mobile box.
		{"TenantBlockedLandlineAsArgentineMobile", mobile("+5491143210000"), ProblemBlocked},
		{"TenantBlockedLandline", mobile("+541143210000"), ProblemBlocked},
		{"OtherArgentineMobileUsable", mobile("+5491143210001"), ProblemNone},
		{"TenantBlockedLocalAnyDomain", email("accueil@gmail.com"), ProblemBlocked},
		{"NoEmailAnyDomain", email("noemail@salon.fr"), ProblemPlaceholder},
		{"NoDashEmail", email("no-email@gmail.com"), ProblemPlaceholder},
		{"TestAtTest", email("test@test.com"), ProblemPlaceholder},
		{"NotApplicable", email("na@na.com"), ProblemPlaceholder},
		{"NoAtEmail", email("no@email.com"), ProblemPlaceholder},
		{"Declined", email("declined@email.com"), ProblemPlaceholder},
		{"NonCommunique", email("nc@nc.fr"), ProblemPlaceholder},
		{"NonRenseigne", email("nonrenseigne@orange.fr"), ProblemPlaceholder},
		{"InitialsNC", email("nc@orange.fr"), ProblemNone}, // N. C.'s own address
		{"NietVanToepassing", email("nvt@nvt.nl"), ProblemPlaceholder},
		{"GeenEmail", email("geen@geen.nl"), ProblemPlaceholder},
		{"Alphabet", email("abc@gmail.com"), ProblemPlaceholder}, {"Keyboard", email("qwerty@yahoo.co.in"), ProblemPlaceholder},
		{"IngenEmail", email("ingen@ingen.se"), ProblemPlaceholder}, {"HarIngen", email("har.ingen@mail.se"), ProblemPlaceholder},
		{"SemEmail", email("sem@email.com"), ProblemPlaceholder}, {"NaoInformado", email("naoinformado@gmail.com"), ProblemPlaceholder},
		{"TestAtSwedishTest", email("test@test.se"), ProblemPlaceholder}, {"AnyoneAtTest", email("anna@test.no"), ProblemPlaceholder},
		{"LetterAtLetter", email("x@x.nl"), ProblemPlaceholder},
		{"LettersAtLetters", email("xxx@xxx.de"), ProblemPlaceholder},
		{"NameAtOwnDomain", email("eva@eva.nl"), ProblemNone},
		{"RepeatedDigitMobile", mobile("+33666666666"), ProblemPlaceholder},
		{"ZerosMobile", mobile("+33600000000"), ProblemPlaceholder},
		{"RealNumberWithRepeats", mobile("+33611111112"), ProblemNone},
		{"DesignExampleNumber", mobile("+33612345678"), ProblemNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			usable, ignored := policy.Screen([]Key{tt.key})
			got := ProblemNone
			if len(ignored) == 1 {
				got = ignored[0].Problem
			}
			if got != tt.want || len(usable)+len(ignored) != 1 {
				t.Errorf("Screen(%v) = usable %v ignored %v, want problem %q", tt.key, usable, ignored, tt.want)
			}
		})
	}
}

func TestTooShared(t *testing.T) {
	tests := []struct {
		policy  Policy
		holders int
		want    bool
	}{
		{Policy{}, 5, false},
		{Policy{}, 6, true},
		{Policy{SharedThreshold: 10}, 10, false},
		{Policy{SharedThreshold: 10}, 11, true},
		{Policy{SharedThreshold: 1}, 2, true},
	}
	for _, tt := range tests {
		if got := tt.policy.TooShared(tt.holders); got != tt.want {
			t.Errorf("Policy{SharedThreshold: %d}.TooShared(%d) = %v, want %v", tt.policy.SharedThreshold, tt.holders, got, tt.want)
		}
	}
}

func TestParsePlaceholders(t *testing.T) {
	locals, domains, emails := parsePlaceholders("# comment\nlocal NoEmail\ndomain test.com # trailing\nemail a@a.com\nbogus\n")
	want := []map[string]bool{{"noemail": true}, {"test.com": true}, {"a@a.com": true}}
	if diff := cmp.Diff(want, []map[string]bool{locals, domains, emails}); diff != "" {
		t.Errorf("parsePlaceholders (-want +got):\n%s", diff)
	}
}
