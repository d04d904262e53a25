package matcher

import "testing"

// TestNordicAddresses: a Nordic street's kind at its end is one word
// however it is written (Storgatan, Storg.; Kirkeveien, Kirkevn.), ø is o,
// and the flat after the number (lgh 1102, 3. tv, H0203) tells two homes
// of one building apart.
func TestNordicAddresses(t *testing.T) {
	se := func(line1, line2, postal string) Address {
		return Address{Line1: line1, Line2: line2, PostalCode: postal, City: "Stockholm", Country: "SE"}
	}
	dk := func(line1 string) Address {
		return Address{Line1: line1, PostalCode: "2200", City: "København N", Country: "DK"}
	}
	no := func(line1 string) Address {
		return Address{Line1: line1, PostalCode: "0368", City: "Oslo", Country: "NO"}
	}
	checkAddressPairs(t, []addressPair{
		{se("Storgatan 12 B", "", "123 45"), se("Storg. 12B", "", "12345"), LevelExact},
		{se("Kvillebäcksvägen 43", "", "422 19"), se("Kvillebacksv. 43", "", "42219"), LevelExact},
		{se("Drottninggatan 5, lgh 1102", "", "111 51"), se("Drottninggatan 5", "lgh 1102", "11151"), LevelExact},
		{se("Drottninggatan 5, lgh 1102", "", "111 51"), se("Drottninggatan 5, lägenhet 1103", "", "11151"), LevelStreet},
		{se("Drottninggatan 5", "", "111 51"), se("Drottninggatan 5, lgh 1103", "", "11151"), LevelExact},
		{se("c/o Andersson, Storgatan 12", "", "123 45"), se("Storgatan 12", "c/o Andersson", "12345"), LevelExact},
		{se("c/o Andersson", "Storgatan 12", "123 45"), se("Storgatan 12", "", "12345"), LevelExact},
		{se("Storgatan 12", "", "123 45"), se("Storgatan 14", "", "12345"), LevelStreet},
		{se("Storgatan 12", "", "123 45"), se("Kyrkogatan 12", "", "12345"), LevelTown},
		{dk("Nørrebrogade 12, 3. tv"), dk("Norrebrogade 12 3tv"), LevelExact},
		{dk("Nørrebrogade 12, 3. tv"), dk("Nørrebrogade 12, 2. th"), LevelStreet},
		{dk("Nørrebrogade 12, st. th"), dk("Nørrebrogade 12"), LevelExact},
		{no("Kirkeveien 5"), no("Kirkevn. 5"), LevelExact},
		{no("Karl Johans gate 22"), no("Karl Johans gt. 22"), LevelExact},
		{no("Kirkeveien 5, H0203"), no("Kirkeveien 5, H0301"), LevelStreet},
		// The whole address on its first line.
		{Address{Line1: "Storgatan 12, 123 45 Stockholm", Country: "SE"}, se("Storgatan 12", "", "12345"), LevelExact},
		{Address{Line1: "Storgatan 12, SE-123 45 Stockholm", Country: "SE"}, se("Storgatan 12", "", "12345"), LevelExact},
		{Address{Line1: "Storgatan 12, 123 46 Stockholm", Country: "SE"}, se("Storgatan 12", "", "12345"), LevelExact}, // a slip, one town
		{Address{Line1: "Storgatan 12, 223 45 Lund", Country: "SE"}, se("Storgatan 12", "", "12345"), LevelDifferent},
	})
	for _, line := range []string{"Storgatan 12, lgh 1102", "Flat 3, 12 High Street", "Via Roma, 12", "Drottninggatan 5, 2 tr",
		"Résidence Les Pins, 1234 route de Lyon", "Suite 200, 12345 Ventura Blvd"} {
		if a := townFromLine(Address{Line1: line}); a.PostalCode != "" || a.City != "" {
			t.Errorf("%q read as a postal code %q and a town %q", line, a.PostalCode, a.City)
		}
	}
}
