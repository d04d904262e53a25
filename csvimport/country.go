package csvimport

import (
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"dedupe/matcher"
)

// countryCode turns a country written as an ISO 3166 alpha-3 code ("FRA")
// or by its name in English, French, Spanish or German ("France",
// "Allemagne", "españa") into its alpha-2 code, which is what a profile
// stores. Spreadsheets write countries as people say them, and the API's
// alpha-2 rule would leave them all out. Anything else is returned as
// written, for the usual check.
func countryCode(v string) string {
	if len(v) == 3 {
		if r, err := language.ParseRegion(v); err == nil {
			if r = r.Canonicalize(); r.IsCountry() {
				return r.String()
			}
		}
	}
	if code, ok := countryNames()[matcher.FoldName(v)]; ok {
		return code
	}
	return v
}

// countryNames maps country names, folded as matcher.FoldName folds them
// (any case, accents optional), to alpha-2 codes. It is built from
// Unicode's CLDR tables at first use rather than written by hand, by asking
// for every two-letter code. A name that two countries share is dropped:
// it cannot tell them apart.
var countryNames = sync.OnceValue(func() map[string]string {
	namers := []display.Namer{display.English.Regions(), display.French.Regions(),
		display.Spanish.Regions(), display.German.Regions()}
	names, shared := map[string]string{}, map[string]bool{}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil {
				continue
			}
			if r = r.Canonicalize(); !r.IsCountry() {
				continue
			}
			for _, n := range namers {
				name := matcher.FoldName(n.Name(r))
				if code, ok := names[name]; ok && code != r.String() {
					shared[name] = true
				}
				names[name] = r.String()
			}
		}
	}
	for name := range shared {
		delete(names, name)
	}
	delete(names, "")
	return names
})
