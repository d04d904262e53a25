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
