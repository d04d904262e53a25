package matcher

import (
	"fmt"
	"strings"
)

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

// NameKey is the folded "first last" name that fuzzy search compares.
func NameKey(first, last string) string {
	return strings.TrimSpace(FoldName(first) + " " + FoldName(last))
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

// Evidence is what the fuzzy search found between two profiles.
type Evidence struct {
	NameSimilarity  float64 `json:"name_similarity"`            // trigram similarity of NameKey, 0..1
	EmailSimilarity float64 `json:"email_similarity,omitempty"` // best trigram similarity of their emails
	SameMailbox     bool    `json:"same_mailbox,omitempty"`     // emails equal once provider tricks are removed
	PhoneOneSlip    bool    `json:"phone_one_slip,omitempty"`   // a mobile one digit apart
	SameBirthDate   bool    `json:"same_birth_date,omitempty"`
	// FirstNamesCompatible: see NamesCompatible. Without it, a similar
	// full name is a shared surname (a family), not one person.
	FirstNamesCompatible bool `json:"first_names_compatible"`
}

// Fuzzy thresholds. A similar name alone proposes nothing: many people
// share a name; a second, independent sign is needed, and the first names
// must be compatible.
const (
	// SimilarName is the least trigram similarity of two NameKeys that
	// counts as a similar name; the store's name look-up asks its index
	// for no less.
	SimilarName  = 0.5
	similarEmail = 0.6
)

// FuzzyScore says whether the evidence makes two profiles a review
// candidate, with a score in 0..1 and a short reason.
func FuzzyScore(e Evidence) (score float64, reason string, ok bool) {
	switch {
	case e.SameMailbox:
		return 0.9, "same mailbox once provider tricks (dots, +tags) are removed", true
	case !e.FirstNamesCompatible:
		return 0, "", false
	case e.NameSimilarity >= SimilarName && e.SameBirthDate:
		return 0.75 + e.NameSimilarity/5, "similar name and same birth date", true
	case e.NameSimilarity >= SimilarName && e.PhoneOneSlip:
		return 0.7 + e.NameSimilarity/5, "similar name and a mobile one digit apart", true
	case e.NameSimilarity >= SimilarName && e.EmailSimilarity >= similarEmail:
		return (e.NameSimilarity + e.EmailSimilarity) / 2, fmt.Sprintf("similar name (%.2f) and email (%.2f)", e.NameSimilarity, e.EmailSimilarity), true
	}
	return 0, "", false
}
