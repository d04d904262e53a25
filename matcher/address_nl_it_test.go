package matcher

import "testing"

// TestDutchAddresses: a Dutch postal code and house number name one
// address, however the street is written; straat and str. are one word,
// and the small words of a street's name (van, der) are left aside.
func TestDutchAddresses(t *testing.T) {
	nl := func(line1, postal string) Address {
		return Address{Line1: line1, PostalCode: postal, City: "Haarlem", Country: "NL"}
	}
	checkAddressPairs(t, []addressPair{
		{nl("Nieuwstraat 200", "2406 GD"), nl("Nieuwstr. 200", "2406GD"), LevelExact},
		{nl("Zuiderkerkstraat 20", "2025 HM"), nl("Zuiderkerkstr 20", "2025 hm"), LevelExact},
		{nl("Burgemeester Jansenstraat 4", "2011 AB"), nl("Burg. Jansenstr. 4", "2011AB"), LevelExact},
		{nl("Laan van Meerdervoort 100", "2517 AK"), nl("Laan v Meerdervoort 100", "2517 AK"), LevelExact},
		// The postal code and number agree, the street is written another way.
		{nl("Prinses Margrietlaan 26", "1072 FR"), nl("Pr. Margrietln 26", "1072 FR"), LevelExact},
		// No number on either side: the street decides, as anywhere.
		{nl("Dorpsplein", "2406 GD"), nl("Dorpsplein", "2406GD"), LevelExact},
		// Two numbers of one postal code: neighbours.
		{nl("Nieuwstraat 200", "2406 GD"), nl("Nieuwstraat 202", "2406 GD"), LevelStreet},
		// The same number under two postal codes: two streets.
		{nl("Nieuwstraat 200", "2406 GD"), nl("Kerkstraat 200", "2406 GE"), LevelTown},
		// A slip in the postal code's letters, the town named once.
		{Address{Line1: "Singel 19", PostalCode: "8446 ME", Country: "NL"}, Address{Line1: "Singel 19", PostalCode: "8446 AE", City: "Heerenveen", Country: "NL"}, LevelExact},
		{Address{Line1: "Singel 19", PostalCode: "8446 ME", Country: "NL"}, Address{Line1: "Singel 19", PostalCode: "8447 ME", City: "Heerenveen", Country: "NL"}, LevelDifferent},
	})
}

// TestCityWidePostalCodes: a large town's postal code for the whole town
// (Milan's 20100) written for one of its districts' (20153) is the same
// town; two districts' codes are not.
func TestCityWidePostalCodes(t *testing.T) {
	it := func(postal, city string) Address {
		return Address{Line1: "Viale Umbria 2", PostalCode: postal, City: city, Country: "IT"}
	}
	checkAddressPairs(t, []addressPair{
		{it("20153", "Milano"), it("20100", "Milano"), LevelExact},
		{it("80136", "Napoli"), it("80100", "NAPOLI"), LevelExact},
		{it("20153", "Milano"), it("20137", "Milano"), LevelDifferent},             // two districts
		{it("20153", "Milano"), it("20100", "Sesto San Giovanni"), LevelDifferent}, // another town
		{it("20153", "Milano"), it("21100", "Milano"), LevelDifferent},             // not the town's first digits
	})
}

// TestItalianAddresses: the Italian abbreviations of a street's type (V.le,
// P.zza, C.so, V.) are the words written out, a town's province after it
// (Milano (MI)) is no part of it, and the street's own name keys it, not
// its type.
func TestItalianAddresses(t *testing.T) {
	it := func(line1, postal, city string) Address {
		return Address{Line1: line1, PostalCode: postal, City: city, Country: "IT"}
	}
	checkAddressPairs(t, []addressPair{
		{it("Viale Monza 17", "20100", "Milano (MI)"), it("V.Le Monza, 17", "20130", "Milano"), LevelExact},
		{it("Piazza Garibaldi 3", "00144", "Roma"), it("P.zza Garibaldi 3", "00144", "Roma"), LevelExact},
		{it("Piazza Garibaldi 3", "00144", "Roma"), it("P.za Garibaldi 3", "00144", "ROMA"), LevelExact},
		{it("Corso Vittorio Emanuele II, 101", "00186", "Roma"), it("C.so Vittorio Emanuele II 101", "00186", "Roma"), LevelExact},
		{it("Via Roma 12", "10121", "Torino"), it("V. Roma 12", "10121", "Torino"), LevelExact},
		{it("Via Roma 12", "10121", "Torino"), it("Via Roma 14", "10121", "Torino"), LevelStreet},
		// A number after a comma with no street after it is the street's.
		{it("Via Nazionale 35", "80014", "Napoli"), it("Via Nazionale, 35 Scala A Int. 28", "80014", "Napoli"), LevelExact},
		// A word of the street's name by its initial.
		{it("Via G. Marconi 15/B", "20158", "Milano"), it("Via Guglielmo Marconi, 15/B", "20158", "Milano"), LevelExact},
		{it("Via G. Marconi 15/B", "20158", "Milano"), it("Via Giuseppe Verdi 15/B", "20158", "Milano"), LevelTown},
	})
	// Not a lettered street.
	us := func(line1 string) Address {
		return Address{Line1: line1, PostalCode: "11230", City: "Brooklyn", Country: "US"}
	}
	checkAddressPairs(t, []addressPair{{us("450 Avenue J"), us("450 Avenue Jefferson"), LevelTown}})
	if w := newAddressValue(it("Piazza Dante 4", "80135", "Napoli")).mainWord(); w != "dante" {
		t.Errorf("Piazza Dante's main word %q, want dante", w)
	}
}

// addressPair is two addresses and the level they compare at.
type addressPair struct {
	a, b Address
	want Level
}

// checkAddressPairs compares each pair both ways round.
func checkAddressPairs(t *testing.T, pairs []addressPair) {
	t.Helper()
	for _, c := range pairs {
		va, vb := newAddressValue(c.a), newAddressValue(c.b)
		if got, back := compareAddresses(va, vb), compareAddresses(vb, va); got != c.want || back != got {
			t.Errorf("%q %s %s / %q %s %s: %s (%s back), want %s (%+v / %+v)", c.a.Line1, c.a.PostalCode, c.a.City,
				c.b.Line1, c.b.PostalCode, c.b.City, got, back, c.want, va, vb)
		}
	}
}
