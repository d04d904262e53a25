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
	if d, ok := sameAccountDomains[domain]; ok {
		domain = d
	}
	return local + "@" + domain
}

// sameAccountDomains are the domains whose addresses of one name are one
// mailbox: an Apple account answers at icloud.com, me.com and mac.com, a
// Proton one at proton.me, protonmail.com, protonmail.ch and pm.me.
var sameAccountDomains = map[string]string{
	"me.com": "icloud.com", "mac.com": "icloud.com",
	"protonmail.com": "proton.me", "protonmail.ch": "proton.me", "pm.me": "proton.me",
}
