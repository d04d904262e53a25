package matcher

import (
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
		"camille.roy@me.com":      "camille.roy@icloud.com",
		"camille.roy@mac.com":     "camille.roy@icloud.com",
		"camille+x@pm.me":         "camille@proton.me",
		"camille@protonmail.ch":   "camille@proton.me",
	} {
		if got := CanonicalEmail(in); got != want {
			t.Errorf("CanonicalEmail(%q) = %q, want %q", in, got, want)
		}
	}
}
