package matcher

import (
	"slices"
	"testing"
)

// Spanish addresses: street types, the house number after the street, the
// floor and door (address.go, parseSpanishLines), and postal codes that
// lost their leading zero.

func es(line1 string) Address {
	return Address{Line1: line1, PostalCode: "28008", City: "Madrid", Country: "ES"}
}

// noCountry is es without its country, as files often leave it.
func noCountry(line1 string) Address {
	return Address{Line1: line1, PostalCode: "28008", City: "Madrid"}
}

func TestReadSpanishAddressLines(t *testing.T) {
	for _, tt := range []struct {
		a    Address
		want readAddress
	}{
		// 1. Street types, the connecting words, the number's marker.
		{es("Calle de Alcalá 12"), readAddress{"12", "", "street alcala", "28008"}},
		{es("Calle Alcalá 12"), readAddress{"12", "", "street alcala", "28008"}},
		{es("C/ Alcalá, 12"), readAddress{"12", "", "street alcala", "28008"}},
		{es("c/ Alcalá 12"), readAddress{"12", "", "street alcala", "28008"}},
		{es("C/. de Alcalá 12"), readAddress{"12", "", "street alcala", "28008"}},
		{es("Cl. Alcalá 12"), readAddress{"12", "", "street alcala", "28008"}},
		{es("C. Alcalá 12"), readAddress{"12", "", "street alcala", "28008"}},
		{es("Avenida del Mediterráneo 11"), readAddress{"11", "", "avenue mediterraneo", "28008"}},
		{es("Av. Mediterráneo 11"), readAddress{"11", "", "avenue mediterraneo", "28008"}},
		{es("Avda. Mediterráneo, 11"), readAddress{"11", "", "avenue mediterraneo", "28008"}},
		{es("Avda Mediterráneo 11"), readAddress{"11", "", "avenue mediterraneo", "28008"}},
		{es("Paseo de la Castellana 134"), readAddress{"134", "", "promenade castellana", "28008"}},
		{es("Pº la Castellana, 134"), readAddress{"134", "", "promenade castellana", "28008"}},
		{es("P.º de la Castellana 134"), readAddress{"134", "", "promenade castellana", "28008"}},
		{es("Plaza Mayor 3"), readAddress{"3", "", "place mayor", "28008"}},
		{es("Pza. Mayor 3"), readAddress{"3", "", "place mayor", "28008"}},
		{es("Plza. Mayor 3"), readAddress{"3", "", "place mayor", "28008"}},
		{es("Ctra. de Castilla 12"), readAddress{"12", "", "route castilla", "28008"}},
		{es("Carretera de Castilla 12"), readAddress{"12", "", "route castilla", "28008"}},
		{es("Rda. de Segovia 99"), readAddress{"99", "", "ronda segovia", "28008"}},
		{es("Trav. del Conde 4"), readAddress{"4", "", "travesia conde", "28008"}},
		{es("Travesía del Conde 4"), readAddress{"4", "", "travesia conde", "28008"}},
		{es("Calle de los Reyes Católicos 5"), readAddress{"5", "", "street reyes catolicos", "28008"}},
		{es("Calle de las Huertas 5"), readAddress{"5", "", "street huertas", "28008"}},
		{es("Calle Mayor, nº 12"), readAddress{"12", "", "street mayor", "28008"}},
		{es("Calle Mayor, n.º 12"), readAddress{"12", "", "street mayor", "28008"}},
		{es("Calle Mayor núm. 12"), readAddress{"12", "", "street mayor", "28008"}},
		{es("Calle 2 de Mayo, 5"), readAddress{"5", "", "street 2 mayo", "28008"}},
		{es("Calle Mayor 12 bis"), readAddress{"12bis", "", "street mayor", "28008"}},
		{es("Nº 12, Calle Mayor, 2º A"), readAddress{"12", "|2|a", "street mayor", "28008"}},
		// 2. Floor and door: "stair|floor|door".
		{es("Calle Mayor 12 2º A"), readAddress{"12", "|2|a", "street mayor", "28008"}},
		{es("Calle Mayor 12 2ºA"), readAddress{"12", "|2|a", "street mayor", "28008"}},
		{es("Calle Mayor 12 2º-A"), readAddress{"12", "|2|a", "street mayor", "28008"}},
		{es("Calle Mayor 12 2 A"), readAddress{"12", "|2|a", "street mayor", "28008"}},
		{es("Calle Mayor, 12, 2A"), readAddress{"12", "|2|a", "street mayor", "28008"}},
		{es("Calle Mayor 12 2ºIzq"), readAddress{"12", "|2|izq", "street mayor", "28008"}},
		{es("Calle Mayor 12 2º Izda."), readAddress{"12", "|2|izq", "street mayor", "28008"}},
		{es("Calle Mayor 12 2 izquierda"), readAddress{"12", "|2|izq", "street mayor", "28008"}},
		{es("Calle Mayor 12 5 IZQ."), readAddress{"12", "|5|izq", "street mayor", "28008"}},
		{es("Calle Mayor 12 1º Dcha"), readAddress{"12", "|1|dch", "street mayor", "28008"}},
		{es("Calle Mayor 12, 1º Dch"), readAddress{"12", "|1|dch", "street mayor", "28008"}},
		{es("Calle Mayor 12 1 derecha"), readAddress{"12", "|1|dch", "street mayor", "28008"}},
		{es("Calle Mayor 12, bajo C"), readAddress{"12", "|bajo|c", "street mayor", "28008"}},
		{es("Calle Mayor 12, Bajo"), readAddress{"12", "|bajo|", "street mayor", "28008"}},
		{es("Calle Mayor 12, Entlo."), readAddress{"12", "|entresuelo|", "street mayor", "28008"}},
		{es("Calle Mayor 12, entresuelo"), readAddress{"12", "|entresuelo|", "street mayor", "28008"}},
		{es("Calle Mayor 12, Ático"), readAddress{"12", "|atico|", "street mayor", "28008"}},
		{es("Calle Mayor 12, esc. B, 3º 1ª"), readAddress{"12", "b|3|1", "street mayor", "28008"}},
		{es("Calle Mayor 12, puerta 3"), readAddress{"12", "||3", "street mayor", "28008"}},
		{es("Calle Mayor 12, pta. 3"), readAddress{"12", "||3", "street mayor", "28008"}},
		{es("Calle Mayor 12, 3º planta"), readAddress{"12", "|3|", "street mayor", "28008"}},
		{es("Calle Mayor, nº 9 5º 2ª"), readAddress{"9", "|5|2", "street mayor", "28008"}},
		{es("Calle Mayor 9, 5-2"), readAddress{"9", "|5|2", "street mayor", "28008"}},
		// A letter after the number, with no floor, is the door.
		{es("Calle Mayor 12 A"), readAddress{"12", "||a", "street mayor", "28008"}},
		{es("Calle Mayor 12A"), readAddress{"12", "||a", "street mayor", "28008"}},
		{withLine2(es("Calle Mayor, 7"), "Ático A"), readAddress{"7", "|atico|a", "street mayor", "28008"}},
		{withLine2(es("Calle Mayor, 7"), "Urbanización Los Pinos"), readAddress{"7", "", "street mayor", "28008"}},
		// 3. Spain by its name, or by the line when no country is given.
		{Address{Line1: "C/ Pilar 138 5 Izq", PostalCode: "3009", Country: "España"}, readAddress{"138", "|5|izq", "street pilar", "03009"}},
		{Address{Line1: "C/ Pilar 138 5 Izq", PostalCode: "3009", Country: "Spain"}, readAddress{"138", "|5|izq", "street pilar", "03009"}},
		{Address{Line1: "C/ Pilar 138 5 Izq", PostalCode: "3009"}, readAddress{"138", "|5|izq", "street pilar", "03009"}},
		{Address{Line1: "Av. Mediterráneo, 11, 7ºA", PostalCode: "8016"}, readAddress{"11", "|7|a", "avenue mediterraneo", "08016"}},
		// Lines with no country that are not Spanish read as before.
		{Address{Line1: "Av. Louise 54 b", PostalCode: "1050"}, readAddress{"54b", "", "avenue louise", "1050"}},
		{Address{Line1: "P.O. Box 17", PostalCode: "3009"}, readAddress{"17", "", "po box", "3009"}},
		{Address{Line1: "12 rue de la Paix", PostalCode: "7024"}, readAddress{"12", "", "rue paix", "7024"}},
		{Address{Line1: "Pl. Flagey 7", PostalCode: "1050"}, readAddress{"7", "", "place flagey", "1050"}},
	} {
		if got := readLines(tt.a); got != tt.want {
			t.Errorf("parseAddressLines(%+v) = %+v, want %+v", tt.a, got, tt.want)
		}
	}
}

func TestSameUnitSpanish(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"|2|a", "|2|a", true}, {"|2|a", "", true}, {"|2|a", "|2|", true}, {"b|3|1", "|3|1", true},
		{"|2|a", "|3|a", false}, {"|2|izq", "|2|dch", false}, {"a|3|1", "b|3|1", false},
		{"|2|a", "2a", false}, {"2", "3", false}, {"2/1", "2/1", true},
	} {
		if got := sameUnit(tt.a, tt.b); got != tt.want {
			t.Errorf("sameUnit(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNormalPostalCodeLostZero(t *testing.T) {
	for _, tt := range []struct{ code, country, want string }{
		{"3009", "ES", "03009"}, {"8016", "ES", "08016"}, {"1000", "FR", "01000"}, {"1067", "DE", "01067"},
		{"1100", "IT", "01100"}, {"1000", "MX", "01000"}, {"2100", "FI", "02100"},
		{"03009", "ES", "03009"}, {"28013", "ES", "28013"}, {"303", "ES", "303"}, {"3009A", "ES", "3009A"},
		{"7024", "BE", "7024"}, {"8001", "CH", "8001"}, {"1010", "AT", "1010"}, {"2100", "DK", "2100"},
		{"1012", "NL", "1012"}, {"3009", "", "3009"}, {"3009", "GB", "3009"},
	} {
		if got := normalPostalCode(tt.code, tt.country); got != tt.want {
			t.Errorf("normalPostalCode(%q, %q) = %q, want %q", tt.code, tt.country, got, tt.want)
		}
	}
}

func TestMainWordSpanish(t *testing.T) {
	for line, want := range map[string]string{"Calle Mayor 12": "mayor", "C/ Sol 3": "sol",
		"Avda. Mediterráneo 11": "mediterraneo", "Pº de la Castellana 134": "castellana", "Plaza de España 1": "espana"} {
		r := readLines(es(line))
		if got := (addressValue{number: r.number, street: r.street, postal: r.postal}).mainWord(); got != want {
			t.Errorf("mainWord(%q) = %q, want %q", line, got, want)
		}
	}
}

// TestCompareAddressesSpanish compares pairs as the fuzzy search does
// (one home written two ways, two homes of one building), and checks that
// the pairs of one building share their address blocking keys.
func TestCompareAddressesSpanish(t *testing.T) {
	at := func(line1, line2, postal, city, country string) Address {
		return Address{Line1: line1, Line2: line2, PostalCode: postal, City: city, Country: country}
	}
	pairs := []struct {
		a, b Address
		want Level
	}{
		// 1. Street types and connecting words.
		{es("Avenida del Mediterráneo 11 7º A"), es("Avda. Mediterráneo, 11, 7ºA"), LevelExact},
		{es("Calle de Alcalá 12"), es("Calle Alcalá 12"), LevelExact},
		{es("Calle de Alcalá 12"), es("C/ Alcalá 12"), LevelExact},
		{es("Calle Alcalá 12"), es("c/ Alcalá 12"), LevelExact},
		{es("Calle Alcalá 12"), es("Cl. Alcalá 12"), LevelExact},
		{es("Calle Alcalá 12"), es("C. Alcalá 12"), LevelExact},
		{es("Avenida de América 4"), es("Av. América 4"), LevelExact},
		{es("Avenida de América 4"), es("Avda. de América 4"), LevelExact},
		{es("Avenida de América 4"), es("Avda América 4"), LevelExact},
		{es("Paseo de la Castellana 134"), es("Pº de la Castellana 134"), LevelExact},
		{es("Paseo de la Castellana 134"), es("P.º Castellana 134"), LevelExact},
		{es("Plaza de España 1"), es("Pza. España 1"), LevelExact},
		{es("Plaza de España 1"), es("Plza. de España, 1"), LevelExact},
		{es("Carretera de Castilla 12"), es("Ctra. Castilla 12"), LevelExact},
		{es("Ronda de Segovia 99"), es("Rda. Segovia 99"), LevelExact},
		{es("Travesía del Conde 4"), es("Trav. del Conde 4"), LevelExact},
		{es("Calle de los Reyes Católicos 5"), es("C/ Reyes Católicos 5"), LevelExact},
		{es("Calle de las Huertas 5"), es("C/ Huertas 5"), LevelExact},
		{es("Calle Mayor 12"), es("Calle Mayor, nº 12"), LevelExact},
		{es("Calle Mayor 12"), es("Calle Mayor n.º 12"), LevelExact},
		{es("Calle Mayor 12"), es("Calle Mayor, núm. 12"), LevelExact},
		{es("Calle Mayor 12"), es("Calle Mayor 14"), LevelStreet},
		{es("Calle Mayor 12"), es("Plaza Mayor 12"), LevelTown},
		{es("Calle Mayor 12"), es("Calle Mayor 12 bis"), LevelStreet},
		// 2. Floors and doors: one home written two ways, a part missing on
		// one side; two homes of one building.
		{es("Calle Mayor 12 2º A"), es("Calle Mayor 12, 2ºA"), LevelExact},
		{es("Calle Mayor 12 2º A"), es("Calle Mayor 12 2º-A"), LevelExact},
		{es("Calle Mayor 12 2º A"), es("Calle Mayor 12 2 A"), LevelExact},
		{es("Calle Mayor 12 2ºIzq"), es("Calle Mayor 12, 2º Izda."), LevelExact},
		{es("Calle Mayor 12 2ºIzq"), es("Calle Mayor 12 2 izquierda"), LevelExact},
		{es("Calle Mayor 12 1º Dcha"), es("Calle Mayor 12 1 derecha"), LevelExact},
		{es("Calle Mayor 12 1º Dcha"), es("Calle Mayor 12, 1º Dch"), LevelExact},
		{es("Calle Mayor 12, bajo C"), es("Calle Mayor 12 Bajo C"), LevelExact},
		{es("Calle Mayor 12, Bj. C"), es("Calle Mayor 12 Bajo C"), LevelExact},
		{es("Calle Mayor 12, Entlo."), es("Calle Mayor 12 entresuelo"), LevelExact},
		{es("Calle Mayor 12, Ático"), es("Calle Mayor 12 Atico"), LevelExact},
		{es("Calle Mayor 12, esc. B, 3º 1ª"), es("Calle Mayor 12, 3º 1ª"), LevelExact},
		{es("Calle Mayor 12, puerta 3"), es("Calle Mayor 12, pta. 3"), LevelExact},
		{es("Calle Mayor 12 2º A"), es("Calle Mayor 12"), LevelExact},
		{es("Calle Mayor 12 2º A"), es("Calle Mayor 12 2º"), LevelExact},
		{es("Calle Mayor 12 2º A"), es("Calle Mayor 12 3º A"), LevelStreet},
		{es("Calle Mayor 12 2º A"), es("Calle Mayor 12 2º B"), LevelStreet},
		{es("Calle Mayor 12 2º Izq"), es("Calle Mayor 12 2º Dcha"), LevelStreet},
		{es("Calle Mayor 12 Izq"), es("Calle Mayor 12 Dcha"), LevelStreet},
		{es("Calle Mayor 12, bajo C"), es("Calle Mayor 12, bajo D"), LevelStreet},
		{es("Calle Mayor 12, Bajo"), es("Calle Mayor 12, Ático"), LevelStreet},
		{es("Calle Mayor 12, esc. A, 3º 1ª"), es("Calle Mayor 12, esc. B, 3º 1ª"), LevelStreet},
		{es("Calle Mayor 12, puerta 3"), es("Calle Mayor 12, pta. 4"), LevelStreet},
		// 3. Pairs of a Spanish customer file.
		{at("Calle del Sol, 25", "bajo C", "28033", "Madrid", "España"),
			at("Calle del Sol, 25", "bajo C", "28033", "Madrid", "España"), LevelExact},
		{at("C/. del Generalísimo 81, Bajo Izq.", "", "41010", "Sevilla", "ES"),
			at("Calle del Generalísimo, nº 81 Bajo Izq", "", "41010", "Sevilla", "ES"), LevelExact},
		{at("Avenida del Mediterráneo 11 7º A", "", "28008", "Madrid", "España"),
			at("Avda. Mediterráneo, 11, 7ºA", "", "28008", "Madrid", "España"), LevelExact},
		{at("C/ DEL PILAR 138 5 IZQ.", "", "03009", "Alicante", "ES"),
			at("Calle del Pilar, nº 138 5 Izq", "", "3009", "Alicante", "ES"), LevelExact},
		{at("Calle de San Bernardo, nº 131 4º 2ª", "", "28028", "Madrid", "España"),
			at("Calle de San Bernardo 131 4º 2ª", "", "28028", "Madrid", "España"), LevelExact},
		{at("C/ de Serrano, 24, Entlo. derecha", "", "09001", "Burgos", "ES"),
			at("C/ Serrano, 24, Entlo. derecha", "", "09001", "Burgos", "ES"), LevelExact},
		{at("Calle del Pilar 21 B", "", "48006", "Bilbao", ""), at("C/ Pilar, 21, B", "", "48006", "Bilbao", ""), LevelExact},
		{at("Calle de Colón 10 3 Dch", "", "48008", "Bilbao", ""), at("C/ Colón, 10, 3º Dcha", "", "48008", "Bilbao", ""), LevelExact},
		{at("Calle Mayor, 7", "Ático A", "28043", "Madrid", ""), at("Calle Mayor 7 Atico A", "", "28043", "Madrid", ""), LevelExact},
		{at("Pº la Castellana, 134, Atico 3", "", "28034", "Madrid", ""),
			at("Paseo de la Castellana 134 Ático 3", "", "28034", "Madrid", ""), LevelExact},
		{at("Calle de Serrano 197 2 Dch", "", "28016", "Madrid", ""), at("C/. de Serrano 197, 2º Dch", "", "28016", "Madrid", ""), LevelExact},
		{at("Pg. Gràcia, 3, 6ºA", "", "28007", "Madrid", "ES"), at("Passeig de Gràcia, 3", "6ºA", "28007", "Madrid", "ES"), LevelExact},
		{at("C/. de Sants 7, Bajo Izq.", "", "06003", "Badajoz", ""), at("Calle de Sants 7 Bajo Izq", "", "6003", "Badajoz", ""), LevelExact},
		{at("Calle de Serrano, 197", "2ºderecha", "28016", "Madrid", "ES"), at("C/. de Serrano 197, 2º Dch", "", "28016", "Madrid", "ES"), LevelExact},
		// Neighbours in that file, once read as one home.
		{es("Ronda de Segovia 99 3º Izda."), es("Rda. Segovia, 99, 1º planta"), LevelStreet},
		{es("Calle de la Princesa 6 Ático A"), withLine2(es("Calle de la Princesa, 6"), "5ºA"), LevelStreet},
		// 4. Spain by its code, its name, or an unknown country.
		{es("Calle Mayor 12 2º A"), noCountry("C/ Mayor, 12, 2ºA"), LevelExact},
		{at("Calle Mayor 12", "", "3009", "Alicante", "Spain"), at("C/ Mayor 12", "", "03009", "Alicante", "ES"), LevelExact},
		{at("Calle Mayor 12", "", "3009", "Alicante", ""), at("C/ Mayor 12", "", "03009", "Alicante", "ES"), LevelExact},
		{noCountry("Calle Mayor 12 2º A"), noCountry("Calle Mayor 12 3º A"), LevelStreet},
		// 5. Lost leading zeros elsewhere.
		{at("12 rue de la Paix", "", "1000", "Bourg-en-Bresse", "FR"), at("12 rue de la Paix", "", "01000", "Bourg-en-Bresse", "FR"), LevelExact},
		{at("Prager Straße 6", "", "1069", "Dresden", "DE"), at("Prager Str. 6", "", "01069", "Dresden", "DE"), LevelExact},
		{at("Via Roma 6", "", "1100", "Viterbo", "IT"), at("Via Roma 6", "", "01100", "Viterbo", "IT"), LevelExact},
	}
	for _, p := range pairs {
		va, vb := newAddressValue(p.a), newAddressValue(p.b)
		if got, back := compareAddresses(va, vb), compareAddresses(vb, va); got != p.want || back != got {
			t.Errorf("compareAddresses(%+v, %+v) = %q (%q back), want %q (%+v / %+v)", p.a, p.b, got, back, p.want, va, vb)
		}
		if va.number != vb.number || p.want != LevelExact && p.want != LevelStreet {
			continue
		}
		if ka, kb := addressKeys(p.a), addressKeys(p.b); len(ka) == 0 || !slices.Equal(ka, kb) {
			t.Errorf("address keys of %+v = %q, of %+v = %q, want the same", p.a, ka, p.b, kb)
		}
	}
}
