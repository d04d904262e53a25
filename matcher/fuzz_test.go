package matcher

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzNormalizeEmail checks the email rules on any input: never a panic, a
// valid result is a bare lower-case address with a dotted ASCII domain, and
// normalising it again changes nothing.
func FuzzNormalizeEmail(f *testing.F) {
	for _, s := range []string{"Camille.Roy@Example.fr", " a@b.c ", "zoé@café.fr", "a@b@c.d", "\x00@x.fr", "@", "a@.fr", "<a@b.fr>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		c := NormalizeEmail(raw)
		if !c.Valid {
			if c.Value != strings.TrimSpace(raw) {
				t.Fatalf("invalid %q not kept as given: %q", raw, c.Value)
			}
			return
		}
		local, domain, ok := strings.Cut(c.Value, "@")
		if !ok || local == "" || !strings.Contains(domain, ".") || strings.ContainsAny(c.Value, " <>") {
			t.Fatalf("NormalizeEmail(%q) = %q: not a bare address", raw, c.Value)
		}
		for _, r := range domain {
			if r > 127 {
				t.Fatalf("domain of %q is not ASCII: %q", raw, domain)
			}
		}
		if again := NormalizeEmail(c.Value); !again.Valid || again.Value != c.Value {
			t.Fatalf("not idempotent: %q → %q → %q", raw, c.Value, again.Value)
		}
	})
}

// FuzzNormalizePhone checks the number rules on any input: never a panic,
// a valid result is E.164, and it normalises to itself from any region.
func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"06 12 34 56 78", "+33612345678", "(416) 555-0123", "0151/23456789", "0000000000", "+", "++33", "6\x00"} {
		f.Add(s, "FR")
	}
	f.Fuzz(func(t *testing.T, raw, region string) {
		if len(region) > 3 {
			return
		}
		c := NormalizePhone(raw, region)
		if !c.Valid {
			return
		}
		if !strings.HasPrefix(c.Value, "+") || strings.Trim(c.Value[1:], "0123456789") != "" || len(c.Value) > 16 {
			t.Fatalf("NormalizePhone(%q, %q) = %q: not E.164", raw, region, c.Value)
		}
		if again := NormalizePhone(c.Value, "DE"); again.Value != c.Value {
			t.Fatalf("not stable: %q → %q → %q", raw, c.Value, again.Value)
		}
	})
}

// FuzzNamesCompatible: symmetric, reflexive, never a panic.
func FuzzNamesCompatible(f *testing.F) {
	f.Add("Camille", "camile")
	f.Add("É", "e")
	f.Add("ကျော်ဇော်၊ ၃", "Kyaw Zaw")
	f.Add("राम शर्मा", "Ram Sharma")
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return
		}
		if NamesCompatible(a, b) != NamesCompatible(b, a) {
			t.Fatalf("not symmetric for %q, %q", a, b)
		}
		if !NamesCompatible(a, a) {
			t.Fatalf("%q not compatible with itself", a)
		}
	})
}
