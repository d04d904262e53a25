package matcher

import (
	"regexp"
	"strings"
)

// FieldAddress names the postal address in requested_fields, merge picks
// and explanations. The address is one unit: written whole, picked whole.
const FieldAddress Field = "address"

// Address is a postal address: web sales ship to it, and it is matching
// evidence for the fuzzy search, never an exact match key.
type Address struct {
	Line1      string `json:"line1,omitempty"`
	Line2      string `json:"line2,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	City       string `json:"city,omitempty"`
	Country    string `json:"country,omitempty"` // ISO 3166 alpha-2
}

// Trimmed returns a with its parts trimmed and the country upper-cased.
func (a Address) Trimmed() Address {
	return Address{Line1: strings.TrimSpace(a.Line1), Line2: strings.TrimSpace(a.Line2),
		PostalCode: strings.TrimSpace(a.PostalCode), City: strings.TrimSpace(a.City),
		Country: strings.ToUpper(strings.TrimSpace(a.Country))}
}

// Empty reports whether no part is set.
func (a Address) Empty() bool { return a.Trimmed() == Address{} }

// String writes the address on one line, its parts comma-separated.
func (a Address) String() string {
	var parts []string
	for _, p := range []string{a.Line1, a.Line2, strings.TrimSpace(a.PostalCode + " " + a.City), a.Country} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

var countryCode = regexp.MustCompile(`^[A-Za-z]{2}$`)

// checkAddress checks an address's sizes and characters, naming the part
// at fault with prefix ("address.").
func checkAddress(a *Address) *FieldError {
	if a == nil {
		return nil
	}
	for _, f := range []struct {
		name, value string
		max         int
	}{{"line1", a.Line1, MaxName}, {"line2", a.Line2, MaxName}, {"postal_code", a.PostalCode, MaxShort},
		{"city", a.City, MaxName}, {"country", a.Country, MaxShort}} {
		if err := CheckText("address."+f.name, f.value, f.max); err != nil {
			return err
		}
	}
	if c := strings.TrimSpace(a.Country); c != "" && !countryCode.MatchString(c) {
		return &FieldError{"address.country", "address.country must be an ISO 3166 alpha-2 code such as FR"}
	}
	return nil
}
