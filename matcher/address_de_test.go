package matcher

import (
	"slices"
	"testing"
)

// TestGermanAddresses: a house number written after the street (as German
// addresses do) is the house number, so two houses of one street are two
// homes and the postal code and number key the address; Straße, Strasse
// and Str. are one word.
func TestGermanAddresses(t *testing.T) {
	de := func(line1 string) Address {
		return Address{Line1: line1, PostalCode: "80799", City: "München", Country: "DE"}
	}
	for _, c := range []struct {
		a, b Address
		want Level
	}{
		{de("Leopoldstraße 6"), de("Leopoldstraße 24"), LevelStreet},
		{de("Leopoldstraße 6"), de("Leopoldstr. 6"), LevelExact},
		{de("Theresienstraße 113"), de("Theresienstr.113"), LevelExact},
		{de("Theresienstraße 113"), de("Theresienstraße 113, Hinterhaus"), LevelExact},
		{de("Am Markt 94"), de("Am Markt Nr. 94"), LevelExact},
		{de("Schleißheimer Straße 118c"), de("Schleissheimer Strasse 118c"), LevelExact},
		{de("Schleißheimer Straße 118c"), de("Schleissheimer Str. 118 c"), LevelExact},
		{de("Hauptstraße 12a"), de("Haupt-Straße 12 a"), LevelExact},
		{de("Hauptstraße 12a"), de("Hauptstraße 12b"), LevelStreet},
		{de("Kirchweg 5, 2. OG"), de("Kirchweg 5"), LevelExact},
	} {
		if got := compareAddresses(newAddressValue(c.a), newAddressValue(c.b)); got != c.want {
			t.Errorf("%q / %q: %s, want %s (%+v / %+v)", c.a.Line1, c.b.Line1, got, c.want, newAddressValue(c.a), newAddressValue(c.b))
		}
	}
	keys := BlockingKeyStrings(Profile{Address: Address{Line1: "Fraunhoferstraße 41", PostalCode: "81925", City: "München"}})
	if !slices.Contains(keys, "a:81925||41") {
		t.Errorf("keys %v lack the postal code and house number", keys)
	}
}
