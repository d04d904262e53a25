package matcher

import "testing"

// TestPolishAndCzechAddresses: the kind of street a Polish line writes or
// leaves out (ul., ulica, al., Aleje, os.) and the Czech abbreviations
// (tř., nám.) leave the home the same; another number is another home.
func TestPolishAndCzechAddresses(t *testing.T) {
	at := func(line1, postal, city, country string) Address {
		return Address{Line1: line1, PostalCode: postal, City: city, Country: country}
	}
	for _, tt := range []struct {
		a, b Address
		want Level
	}{
		{at("ul. Krowoderska 87", "31-141", "Kraków", "PL"), at("Krowoderska 87", "31141", "Kraków", "PL"), LevelExact},
		{at("al. Mickiewicza 140", "30-059", "Kraków", "PL"), at("Aleje Mickiewicza 140", "30-059", "Kraków", "PL"), LevelExact},
		{at("ulica Puławska 12", "02-515", "Warszawa", "PL"), at("ul. Puławska 12", "02-515", "Warszawa", "PL"), LevelExact},
		{at("ul. Puławska 12", "02-515", "Warszawa", "PL"), at("ul. Puławska 14", "02-515", "Warszawa", "PL"), LevelStreet},
		{at("Palackého tř. 12", "612 00", "Brno", "CZ"), at("Palackého třída 12", "61200", "Brno", "CZ"), LevelExact},
		{at("nám. Míru 5", "120 00", "Praha", "CZ"), at("náměstí Míru 5", "120 00", "Praha", "CZ"), LevelExact},
	} {
		if got := compareAddresses(newAddressValue(tt.a), newAddressValue(tt.b)); got != tt.want {
			t.Errorf("%q / %q = %q, want %q", tt.a.Line1, tt.b.Line1, got, tt.want)
		}
	}
}
