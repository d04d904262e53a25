package matcher

import (
	"slices"
	"testing"
)

func TestCanonicalEmail(t *testing.T) {
	for in, want := range map[string]string{
		"j.dupont@gmail.com":      "jdupont@gmail.com",
		"jdupont+salon@gmail.com": "jdupont@gmail.com",
		"j.dupont@googlemail.com": "jdupont@gmail.com",
		"j.dupont+x@example.fr":   "j.dupont@example.fr",
		"camille.roy@example.fr":  "camille.roy@example.fr",
		"not-an-email":            "not-an-email",
	} {
		if got := CanonicalEmail(in); got != want {
			t.Errorf("CanonicalEmail(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPhoneVariants(t *testing.T) {
	v := PhoneVariants("+33612345678")
	for _, want := range []string{"+33612345679", "+33612345687", "+33602345678"} {
		if !slices.Contains(v, want) {
			t.Errorf("variants lack %s", want)
		}
	}
	for _, not := range []string{"+33612345678", "+44612345678", "+33612345699"} {
		if slices.Contains(v, not) {
			t.Errorf("variants contain %s", not)
		}
	}
}

func TestNameKey(t *testing.T) {
	if got := NameKey("Zoé", "Le Gall"); got != "zoe legall" {
		t.Errorf("NameKey = %q", got)
	}
}

func TestFuzzyScore(t *testing.T) {
	tests := []struct {
		name string
		e    Evidence
		ok   bool
	}{
		{"GmailDotVariant", Evidence{SameMailbox: true}, true},
		{"TypoSurnameSimilarEmail", Evidence{NameSimilarity: 0.7, EmailSimilarity: 0.7, FirstNamesCompatible: true}, true},
		{"SwappedDigit", Evidence{NameSimilarity: 0.9, PhoneOneSlip: true, FirstNamesCompatible: true}, true},
		{"SameNameSameBirthDate", Evidence{NameSimilarity: 1, SameBirthDate: true, FirstNamesCompatible: true}, true},
		{"SameNameAlone", Evidence{NameSimilarity: 1, FirstNamesCompatible: true}, false},
		{"OneSlipOtherName", Evidence{NameSimilarity: 0.1, PhoneOneSlip: true, FirstNamesCompatible: true}, false},
		{"SimilarEmailOtherName", Evidence{NameSimilarity: 0.2, EmailSimilarity: 0.8, FirstNamesCompatible: true}, false},
		{"SiblingsSameSurnameAndDomain", Evidence{NameSimilarity: 0.6, EmailSimilarity: 0.7, FirstNamesCompatible: false}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			score, reason, ok := FuzzyScore(tt.e)
			if ok != tt.ok || (ok && (score <= 0 || score > 1 || reason == "")) {
				t.Errorf("FuzzyScore(%+v) = %v %q %v, want ok=%v", tt.e, score, reason, ok, tt.ok)
			}
		})
	}
}
