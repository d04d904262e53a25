package matcher

import "strings"

// CanonicalEmail strips the provider tricks that exact matching keeps: the
// +tag of any address, and the dots of a Gmail local part. Two addresses
// with one canonical form reach one mailbox, so they make a strong fuzzy
// candidate, but not an automatic match (one mailbox may serve a family).
func CanonicalEmail(email string) string {
	local, domain, ok := strings.Cut(email, "@")
	if !ok {
		return email
	}
	local, _, _ = strings.Cut(local, "+")
	if domain == "gmail.com" || domain == "googlemail.com" {
		local = strings.ReplaceAll(local, ".", "")
		domain = "gmail.com"
	}
	return local + "@" + domain
}

// PhoneVariants returns the E.164 numbers one typing slip away from n: one
// digit changed, or two neighbouring digits swapped. The country code is
// left alone.
func PhoneVariants(n string) []string {
	if !strings.HasPrefix(n, "+") || len(n) < 8 {
		return nil
	}
	// Leave "+" and the first three digits (country code and more) alone.
	const keep = 4
	b := []byte(n)
	var out []string
	for i := keep; i < len(b); i++ {
		orig := b[i]
		for d := byte('0'); d <= '9'; d++ {
			if d != orig {
				b[i] = d
				out = append(out, string(b))
			}
		}
		b[i] = orig
		if i+1 < len(b) && b[i] != b[i+1] {
			b[i], b[i+1] = b[i+1], b[i]
			out = append(out, string(b))
			b[i], b[i+1] = b[i+1], b[i]
		}
	}
	return out
}
