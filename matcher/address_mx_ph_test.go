package matcher

import "testing"

// Mexican and Philippine addresses: a Latin American line read as a
// Spanish one, with its interior and its neighbourhood
// (latinAmericanLine), and a Philippine block and lot, tower and City
// (philippineBlockLot, withoutTower).
func TestMexicanAndPhilippineAddresses(t *testing.T) {
	cdmx := func(line1 string) Address {
		return Address{Line1: line1, PostalCode: "06760", City: "Ciudad de México", Country: "MX"}
	}
	makati := func(line1, city string) Address {
		return Address{Line1: line1, PostalCode: "1226", City: city, Country: "PH"}
	}
	for _, tt := range []struct {
		name string
		a, b Address
		want Level
	}{
		{"NumberMark", cdmx("Calle Tonalá núm. 2314 interior B"), cdmx("Calle Tonalá 2314, Int. B"), LevelExact},
		{"HashBeforeTheNumber", cdmx("Av. Insurgentes Sur #785"), cdmx("Av. Insurgentes Sur 785"), LevelExact},
		{"Neighbourhood", cdmx("Av. Insurgentes Sur 1234, Int. 5, Col. Del Valle"), cdmx("Insurgentes Sur 1234 int 5"), LevelExact},
		{"AnotherInterior", cdmx("Calle Tonalá 2314, Int. B"), cdmx("Calle Tonalá 2314, Int. C"), LevelStreet},
		{"AnotherNumber", cdmx("Av. Insurgentes Sur #785"), cdmx("Av. Insurgentes Sur #787"), LevelStreet},
		{"BlockAndLot", Address{Line1: "Blk 3 Lot 4, Alabang-Zapote Rd", City: "Las Piñas City", Country: "PH"},
			Address{Line1: "Blk. 3, Lot 4 Alabang-Zapote Road", City: "Las Piñas", Country: "PH"}, LevelExact},
		{"BlockAndLotJoined", makati("B39 L30 Mabuhay St", "Makati"), makati("Block 39 Lot 30 Mabuhay Street", "Makati City"), LevelExact},
		{"AnotherLot", makati("Blk 39 Lot 30 Mabuhay St", "Makati"), makati("Blk 39 Lot 31 Mabuhay St", "Makati"), LevelStreet},
		{"Tower", makati("Unit 12B, Tower 2, 123 Ayala Ave", "Makati City"), makati("123 Ayala Avenue, Unit 12B Tower 2", "Makati"), LevelExact},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := compareAddresses(newAddressValue(tt.a), newAddressValue(tt.b)); got != tt.want {
				t.Errorf("%+v and %+v: %s, want %s\n%+v\n%+v", tt.a, tt.b, got, tt.want, newAddressValue(tt.a), newAddressValue(tt.b))
			}
		})
	}
}

// TestLatinAmericanNumberedStreets: on a numbered street the house's number
// follows the street's, after # or alone (Calle 25 #148, Calle 25 148,
// Pasaje 3 #123), and the streets the block lies between (e/ D y M) are
// left aside; two houses of one pasaje are two homes, and Havana is La
// Habana. Guatemala City's house is numbered by its crossing street
// (7a. Calle 11-73, Zona 4), Tegucigalpa's by its block (bloque 21, casa
// 332, bl. 21 c. 332).
func TestLatinAmericanNumberedStreets(t *testing.T) {
	checkAddressPairs(t, []addressPair{
		{Address{Line1: "Calle 25 #148 e/ D y M, Vedado", City: "La Habana", PostalCode: "10400", Country: "CU"},
			Address{Line1: "Calle 25 148 e/D y M Vedado", City: "Havana", Country: "CU"}, LevelExact},
		{Address{Line1: "Col. Escalón, Pasaje 3 #123", City: "San Salvador", Country: "SV"},
			Address{Line1: "Pasaje 3 #4631", City: "San Salvador", Country: "SV"}, LevelTown},
		{Address{Line1: "Pasaje 3 #123", City: "San Salvador", Country: "SV"},
			Address{Line1: "Pasaje 3 # 123", City: "San Salvador", Country: "SV"}, LevelExact},
		{Address{Line1: "7 calle 11-73 zona 4", City: "Guatemala", Country: "GT"},
			Address{Line1: "7a. Calle 11-73, Zona 4", City: "Ciudad de Guatemala", Country: "GT"}, LevelExact},
		{Address{Line1: "3 c. 20-86 z. 13", City: "Guatemala", Country: "GT"},
			Address{Line1: "3a. calle 20-86 zona 13", City: "Guatemala", Country: "GT"}, LevelExact},
		{Address{Line1: "7a. Calle 11-73, Zona 4", City: "Guatemala", Country: "GT"},
			Address{Line1: "7a. Calle 11-73, Zona 10", City: "Guatemala", Country: "GT"}, LevelTown},
		{Address{Line1: "Col. Kennedy, bloque 21, casa 332", City: "Tegucigalpa", Country: "HN"},
			Address{Line1: "Col. Kennedy bl. 21 c. 332", City: "Tegus", Country: "HN"}, LevelExact},
		{Address{Line1: "Col. Kennedy, bloque 21, casa 332", City: "Tegucigalpa", Country: "HN"},
			Address{Line1: "Col. Kennedy, bloque 21, casa 333", City: "Tegucigalpa", Country: "HN"}, LevelStreet},
		{Address{Line1: "Av. Insurgentes Sur #785", PostalCode: "03100", City: "Ciudad de México", Country: "MX"},
			Address{Line1: "Avenida Insurgentes Sur 785", PostalCode: "03100", City: "Ciudad de México", Country: "MX"}, LevelExact},
	})
}
