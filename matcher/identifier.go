package matcher

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Identifier attributes are the attributes a tenant designates as naming
// one person (policy identifier_attributes): a national or social security
// number, a loyalty card the customer carries, a membership number kept
// across visits. The fuzzy search compares them (CompareIdentifier) as one
// more field: the same value is strong evidence, one slip apart weaker, a
// different value counts against. Each is a blocking key too ("id:"), so
// that two records of one identifier are compared whatever else was
// mistyped; a slip in it is found only where a name, birth date, address
// or contact brings the two together. Never an exact-match key: a pair
// goes to a person. A code the business gives each record (a customer
// number per sign-up) differs between duplicates by construction and must
// not be designated.

// MaxIdentifierAttributes is how many attributes a tenant may designate.
const MaxIdentifierAttributes = 5

// minIdentifierKey is the shortest identifier keyed or compared: shorter
// codes are shared by chance.
const minIdentifierKey = 3

// minIdentifierSlip is the shortest identifier a slip may be read in:
// shorter codes one character apart are as often two codes.
const minIdentifierSlip = 5

// IdentifierValue normalises an identifier for comparison: compatibility
// forms folded, letters in upper case, and only letters and digits kept,
// so that "123 456-7", "1234567" and "A-17" / "a17" agree.
func IdentifierValue(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKC.String(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// placeholderIdentifiers are the values a form takes when the customer
// gave none, normalised (IdentifierValue).
var placeholderIdentifiers = map[string]bool{"NA": true, "NONE": true, "NULL": true, "NIL": true, "UNKNOWN": true,
	"TBA": true, "TBC": true, "TBD": true, "TEST": true, "XXX": true, "NAN": true}

// identifierOrNone returns an identifier normalised, or "" when it says
// nothing of whom it names: shorter than minIdentifierKey, a known
// placeholder (N/A, unknown), or one character repeated (0000000).
func identifierOrNone(s string) string {
	v := IdentifierValue(s)
	if len(v) < minIdentifierKey || placeholderIdentifiers[v] || strings.Count(v, v[:1]) == len(v) {
		return ""
	}
	return v
}

// compareIdentifiers compares the identifiers two records both hold, key
// by key, and returns the closest agreement: the same value, one slip
// apart (a character changed, added, dropped, or two neighbours swapped,
// for values of minIdentifierSlip characters or more), or different.
// Missing when no key is held by both.
func compareIdentifiers(a, b map[string]string) Level {
	best := LevelMissing
	for k, x := range a {
		y, ok := b[k]
		switch {
		case !ok:
		case x == y:
			return LevelExact
		case min(len(x), len(y)) >= minIdentifierSlip && EditDistance(x, y) == 1:
			best = LevelTypo
		case best == LevelMissing:
			best = LevelDifferent
		}
	}
	return best
}
