package matcher

import "testing"

// TestPostSovietAddresses: a line that numbers its microdistrict, house
// and flat reads the house's number as the house (not the
// microdistrict's), in Russian, Uzbek or Kazakh words, before or after
// their numbers, and the same flat written in Russian and in Uzbek is one
// address; two houses of one microdistrict are two, as are two
// microdistricts whose numbers are a slip apart, and a Russian street's
// line reads as before.
func TestPostSovietAddresses(t *testing.T) {
	uz := func(line, city string) Address { return Address{Line1: line, City: city, Country: "UZ"} }
	kz := func(line string) Address { return Address{Line1: line, City: "Almaty", Country: "KZ"} }
	checkAddressPairs(t, []addressPair{
		{uz("Юнусабад 8 квартал, дом 49, кв 57", "Ташкент"), uz("Yunusobod tumani, 8-mavze, 49-uy, 57-xonadon", "Toshkent"), LevelExact},
		{kz("mkr. 85, d. 22, kv. 65"), kz("85 mkr 22/65"), LevelExact},
		{kz("мкр. 85, д. 22, кв. 65"), kz("Mikrorayon 85, dom 22, kvartira 65"), LevelExact},
		{uz("Yunusobod tumani, 11-mavze, 28-uy, 100-xonadon", "Toshkent"), uz("Yunusobod tumani, 11-mavze, 8-uy, 25-xonadon", "Toshkent"), LevelStreet},
		{kz("мкр. 5, д. 12, кв. 34"), kz("мкр. 12, д. 5, кв. 34"), LevelTown},
		{kz("mkr. Samal-3, d. 8, kv. 118"), kz("мкр Самал 8, 37-96"), LevelTown},
		{kz("mkr. Samal-3, d. 8, kv. 118"), kz("мкр. Самал-3, дом 8, кв. 118"), LevelExact},
		{Address{Line1: "ул. Тверская, д. 7, кв. 15", City: "Москва", Country: "RU"}, Address{Line1: "Tverskaya St 7, apt 15", City: "Moscow", Country: "RU"}, LevelExact},
	})
}

// TestGulfAddresses: a Gulf line that numbers its block, street and
// building reads the building's number as the house (not the block's),
// whatever words and order it writes them in (Q3, St. 51, Bldg. 115;
// Bldg 1234 Rd 5678 Blk 345), and two buildings, or two streets, of one
// block are two homes.
func TestGulfAddresses(t *testing.T) {
	kw := func(line string) Address { return Address{Line1: line, City: "Fahaheel", Country: "KW"} }
	bh := func(line string) Address { return Address{Line1: line, City: "Manama", Country: "BH"} }
	checkAddressPairs(t, []addressPair{
		{kw("Block 3, Street 51, Building 115"), kw("Q3, St. 51, Bldg. 115"), LevelExact},
		{kw("Block 3, Street 51, Building 115, Fahaheel"), kw("Block 3, Street 51, Building 115"), LevelExact},
		{bh("Building 1234, Road 5678, Block 345"), bh("Bldg 1234 Rd 5678 Blk 345"), LevelExact},
		{bh("Block 345, Road 5678, Building 1234"), bh("Building 1234, Road 5678, Block 345"), LevelExact},
		{Address{Line1: "Way 1234, House No. 56", City: "Muscat", Country: "OM"}, Address{Line1: "House 56, Way 1234", City: "Muscat", Country: "OM"}, LevelExact},
		{kw("Block 9, Street 33, Building 51"), kw("Block 9, Street 18, Building 97"), LevelTown},
		{kw("Block 9, Street 33, Building 51"), kw("Block 9, Street 33, Building 97"), LevelStreet},
		{Address{Line1: "Zone 4, Street 3, Building 30", City: "Doha", Country: "QA"}, Address{Line1: "Zone 4, Street 25, Building 52", City: "Doha", Country: "QA"}, LevelTown},
	})
}

// TestStreetWithNoNumberNorPostalCode: two addresses of one street that
// give neither a house number nor a postal code (Beirut's, which name
// their building) share the street, no more; with a postal code, or the
// same number, they are one address.
func TestStreetWithNoNumberNorPostalCode(t *testing.T) {
	lb := func(line string) Address { return Address{Line1: line, City: "Beirut", Country: "LB"} }
	checkAddressPairs(t, []addressPair{
		{Address{Line1: "Rue Hamra", Line2: "Imm. Karrada", City: "Beirut", Country: "LB"},
			Address{Line1: "Rue Hamra", Line2: "Imm. Jadriya", City: "Beirut", Country: "LB"}, LevelStreet},
		{lb("Rue Hamra, Imm. Karrada, 9ème étage"), lb("Rue Hamra, Imm. Jadriya, 1ème étage"), LevelTown},
		{lb("Rue Hamra 12"), lb("Rue Hamra 12"), LevelExact},
		{Address{Line1: "Estrada das Flores, s/n", PostalCode: "13100-000", City: "Campinas", Country: "BR"},
			Address{Line1: "Estr. das Flores s/n", PostalCode: "13100000", City: "Campinas", Country: "BR"}, LevelExact},
	})
}

// TestSectionLotAndHouseAddresses: Papua New Guinea's section and lot, and
// Cambodia's house and numbered street, read the lot's and the house's
// number as the house (Section 281, Lot 41; #185, St. 2004), whatever
// words write them, and Brunei's Malay abbreviations (Spg, Jln) are the
// words they stand for.
func TestSectionLotAndHouseAddresses(t *testing.T) {
	checkAddressPairs(t, []addressPair{
		{Address{Line1: "Section 281, Lot 41", City: "Port Moresby", Country: "PG"},
			Address{Line1: "Sec 281 Allot 41", City: "Port Moresby", Country: "PG"}, LevelExact},
		{Address{Line1: "Section 281, Lot 41", City: "Port Moresby", Country: "PG"},
			Address{Line1: "Section 281, Lot 14", City: "Port Moresby", Country: "PG"}, LevelStreet},
		{Address{Line1: "#185, St. 2004", City: "Phnom Penh", Country: "KH"},
			Address{Line1: "No 185 Street 2004", City: "Phnom Penh", Country: "KH"}, LevelExact},
		{Address{Line1: "No. 13, Simpang 30, Jalan Tutong", City: "Bandar Seri Begawan", Country: "BN"},
			Address{Line1: "13, Spg 30, Jln Tutong", City: "Bandar Seri Begawan", Country: "BN"}, LevelExact},
	})
}
