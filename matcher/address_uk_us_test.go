package matcher

import (
	"slices"
	"strings"
	"testing"
)

// UK and US addresses: street types, directions, ordinals, flats, PO
// boxes, ZIP codes and postcodes (address.go, parseAddressLines).

func uk(line1 string) Address {
	return Address{Line1: line1, PostalCode: "B63 3AA", City: "Halesowen", Country: "GB"}
}

func us(line1 string) Address {
	return Address{Line1: line1, PostalCode: "30324", City: "Atlanta", Country: "US"}
}

func withLine2(a Address, line2 string) Address { a.Line2 = line2; return a }

func fr(line1, line2 string) Address {
	return Address{Line1: line1, Line2: line2, PostalCode: "25000", City: "Besançon", Country: "FR"}
}

// readAddress is what newAddressValue keeps of an address's lines.
type readAddress struct{ number, unit, street, postal string }

func readLines(a Address) readAddress {
	var r readAddress
	r.number, r.unit, r.street, r.postal = parseAddressLines(a.Trimmed())
	return r
}

// addressKeys are a profile's address blocking keys ("a:", "as:").
func addressKeys(a Address) []string {
	var out []string
	for _, k := range BlockingKeyStrings(Profile{Address: a}) {
		if strings.HasPrefix(k, "a:") || strings.HasPrefix(k, "as:") {
			out = append(out, k)
		}
	}
	return out
}

func TestReadAddressLines(t *testing.T) {
	for _, tt := range []struct {
		a    Address
		want readAddress
	}{
		// 1. Street types; St is Street at the end, Saint before a name.
		{uk("14 Hagley St"), readAddress{"14", "", "hagley street", "B633AA"}},
		{uk("14 Hagley St."), readAddress{"14", "", "hagley street", "B633AA"}},
		{uk("14 Hagley St, Halesowen"), readAddress{"14", "", "hagley street", "B633AA"}}, // the town after a comma is no part of the street
		{uk("Rose Cottage, 12 High St"), readAddress{"12", "", "high street", "B633AA"}},  // nor a house's name before the number
		{uk("12 St John's Road"), readAddress{"12", "", "saint johns road", "B633AA"}},
		{uk("12 St. Albans Rd"), readAddress{"12", "", "saint albans road", "B633AA"}},
		{us("45 Main St NW"), readAddress{"45", "", "main street northwest", "30324"}},
		{us("45 Main St N, Apt 4"), readAddress{"45", "4", "main street north", "30324"}},
		{uk("8 Rose La"), readAddress{"8", "", "rose lane", "B633AA"}},
		{uk("5 Oak Dr"), readAddress{"5", "", "oak drive", "B633AA"}},
		{uk("10 Bath Ter"), readAddress{"10", "", "bath terrace", "B633AA"}},
		// 2. Directions, as whole words, first or last.
		{us("123 N Main St"), readAddress{"123", "", "north main street", "30324"}},
		{uk("12 Newton Road"), readAddress{"12", "", "newton road", "B633AA"}},
		// 3. Ordinals.
		{us("123 W 3rd St"), readAddress{"123", "", "west third street", "30324"}},
		// 4. Flats and units, on either line, before or after the street.
		{uk("Flat 2, 12a Milton Road"), readAddress{"12a", "2", "milton road", "B633AA"}},
		{uk("2/12a Milton Road"), readAddress{"12a", "2", "milton road", "B633AA"}},
		{uk("12a Milton Road, Flat 2"), readAddress{"12a", "2", "milton road", "B633AA"}},
		{withLine2(uk("12a Milton Road"), "Flat 2"), readAddress{"12a", "2", "milton road", "B633AA"}},
		{withLine2(uk("Flat 2"), "12a Milton Road"), readAddress{"12a", "2", "milton road", "B633AA"}},
		{uk("Flat 2/1, 12 Main St"), readAddress{"12", "2/1", "main street", "B633AA"}},
		{us("123 Main St Apt 4B"), readAddress{"123", "4b", "main street", "30324"}},
		{us("Apt. 4B, 123 Main St"), readAddress{"123", "4b", "main street", "30324"}},
		{us("123 Main St #4B"), readAddress{"123", "4b", "main street", "30324"}},
		{withLine2(us("123 Main St"), "Apt #4B"), readAddress{"123", "4b", "main street", "30324"}},
		{us("123 Main St Suite 200"), readAddress{"123", "200", "main street", "30324"}},
		{us("123 Main St Ste 200"), readAddress{"123", "200", "main street", "30324"}},
		{us("Unit 3, 123 Main St"), readAddress{"123", "3", "main street", "30324"}},
		{us("Apartment 4, 123 Main St"), readAddress{"123", "4", "main street", "30324"}},
		{Address{Line1: "U5/23 George St", PostalCode: "2000", Country: "AU"}, readAddress{"23", "5", "george street", "2000"}},
		{Address{Line1: "U1673 107 Langston Pl", PostalCode: "2121", Country: "AU"}, readAddress{"107", "1673", "langston place", "2121"}},
		// 5. Post office boxes.
		{us("PO Box 17"), readAddress{"17", "", "po box", "30324"}},
		{us("P.O. Box 17"), readAddress{"17", "", "po box", "30324"}},
		{us("Post Office Box 17"), readAddress{"17", "", "po box", "30324"}},
		{Address{Line1: "BP 17", PostalCode: "75002", Country: "FR"}, readAddress{"17", "", "po box", "75002"}},
		{Address{Line1: "B.P. 17", PostalCode: "75002"}, readAddress{"17", "", "po box", "75002"}},
		// French addresses read as before.
		{Address{Line1: "N° 12 rue de la Paix", Line2: "Bât. B", Country: "FR"}, readAddress{"12", "", "rue paix", ""}},
		{Address{Line1: "12 bis av. E. Zola", Country: "FR"}, readAddress{"12b", "", "avenue e zola", ""}},
		{Address{Line1: "3 rue du Dr Roux", Country: "FR"}, readAddress{"3", "", "rue dr roux", ""}},
		{Address{Line1: "3 rue Ste Catherine", Country: "FR"}, readAddress{"3", "", "rue sainte catherine", ""}},
		{Address{Line1: "12/14 rue de la Paix", Country: "FR"}, readAddress{"12", "", "14 rue paix", ""}},
		{Address{Line1: "12 rue de la Paix", Line2: "Appt 4", Country: "FR"}, readAddress{"12", "4", "rue paix", ""}},
		// A building, a floor, written on the first line after the street,
		// or a residence's name before the number.
		{Address{Line1: "172, RUE de la Gare, Bât. A, Appt 38", Country: "FR"}, readAddress{"172", "38", "rue gare", ""}},
		{Address{Line1: "6, rue Saint-Michel, 1eme etage", Country: "FR"}, readAddress{"6", "", "rue saint michel", ""}},
		{Address{Line1: "63 chemin du Moulin, Res Les Tilleuls", Country: "FR"}, readAddress{"63", "", "chemin moulin", ""}},
		{Address{Line1: "Résidence Les Tilleuls, 63 chemin du Moulin", Country: "FR"}, readAddress{"63", "", "chemin moulin", ""}},
		// A house's (or a firm's) name on the first line, the street on
		// the second.
		{Address{Line1: "Rose Cottage", Line2: "10 High Street", Country: "GB"}, readAddress{"10", "", "high street", ""}},
		{Address{Line1: "Acme Ltd", Line2: "4 Station Road", Country: "GB"}, readAddress{"4", "", "station road", ""}},
		{Address{Line1: "High Street", Line2: "2nd floor", Country: "GB"}, readAddress{"", "", "high street", ""}},
		// A flat as German, Austrian, Italian and Québécois addresses write it.
		{Address{Line1: "Hauptstraße 5, Whg. 3", Country: "DE"}, readAddress{"5", "3", "hauptstrasse", ""}},
		{Address{Line1: "Mariahilfer Straße 12 Top 14", Country: "AT"}, readAddress{"12", "14", "mariahilferstrasse", ""}},
		{Address{Line1: "Via Roma 10, int. 4", Country: "IT"}, readAddress{"10", "4", "via roma", ""}},
		{Address{Line1: "1200 rue Sherbrooke", Line2: "App 4", Country: "CA"}, readAddress{"1200", "4", "rue sherbrooke", ""}},
		// Canada Post's unit before the civic number and a dash; in the
		// United States a house number of two parts.
		{Address{Line1: "903-4420 Kennedy Road", Country: "CA"}, readAddress{"4420", "903", "kennedy road", ""}},
		{Address{Line1: "12B - 150 Main St W", Country: "CA"}, readAddress{"150", "12b", "main street west", ""}},
		{Address{Line1: "4420 Kennedy Rd, Unit 903", Country: "CA"}, readAddress{"4420", "903", "kennedy road", ""}},
		{Address{Line1: "Via Roma, 12", Country: "IT"}, readAddress{"12", "", "via roma", ""}}, // the number after the street and a comma
		{Address{Line1: "Via Roma, 12b", Country: "IT"}, readAddress{"12b", "", "via roma", ""}},
	} {
		if got := readLines(tt.a); got != tt.want {
			t.Errorf("parseAddressLines(%+v) = %+v, want %+v", tt.a, got, tt.want)
		}
	}
}

func TestNormalPostalCode(t *testing.T) {
	for _, tt := range []struct{ code, country, want string }{
		{"30324-9116", "US", "30324"}, {"30324-9116", "", "30324"}, {"303249116", "US", "30324"},
		{"30324 9116", "US", "30324"}, {"7024", "US", "07024"}, {"501", "US", "00501"}, {"7024-1234", "US", "07024"},
		{"7024", "BE", "7024"}, {"7024", "", "7024"}, {"1012 AB", "NL", "1012AB"},
		{"SW1A 1AA", "GB", "SW1A1AA"}, {"sw1a1aa", "GB", "SW1A1AA"}, {"SW1A  1AA", "GB", "SW1A1AA"}, {"sw1a 1aa", "", "SW1A1AA"},
		{"75 002", "FR", "75002"}, {"75002", "", "75002"},
	} {
		if got := normalPostalCode(tt.code, tt.country); got != tt.want {
			t.Errorf("normalPostalCode(%q, %q) = %q, want %q", tt.code, tt.country, got, tt.want)
		}
	}
}

func TestTrimmedCountryUK(t *testing.T) {
	for in, want := range map[string]string{"UK": "GB", " uk ": "GB", "Uk": "GB", "gb": "GB", "fr": "FR", "": "", "US": "US"} {
		if got := (Address{Country: in}).Trimmed().Country; got != want {
			t.Errorf("Trimmed country %q = %q, want %q", in, got, want)
		}
	}
}

func TestMainWordUKUS(t *testing.T) {
	for _, tt := range []struct {
		a    Address
		want string
	}{
		{us("123 W 3rd St"), "third"}, {us("123 West Third Street"), "third"}, {uk("9 Park Cres"), "park"},
		{uk("1 Kings Mews"), "kings"}, {uk("6 Kew Gdns"), "kew"}, {uk("3 North Street"), "north"},
		{Address{Line1: "12 avenue Victor Hugo"}, "victor"}, {Address{Line1: "12 av. E. Zola"}, "zola"},
	} {
		r := readLines(tt.a)
		if got := (addressValue{number: r.number, street: r.street, postal: r.postal}).mainWord(); got != tt.want {
			t.Errorf("mainWord(%q) = %q, want %q", tt.a.Line1, got, tt.want)
		}
	}
}

// TestCompareAddressesUKUS compares pairs as the fuzzy search does, and
// checks that the pairs of one building share their address blocking keys.
func TestCompareAddressesUKUS(t *testing.T) {
	pairs := []struct {
		a, b Address
		want Level
	}{
		// 1. Street types.
		{uk("14 Hagley St"), uk("14 Hagley Street"), LevelExact},
		{uk("14 Hagley St."), uk("14 Hagley Street"), LevelExact},
		{uk("3 Church Rd"), uk("3 Church Road"), LevelExact},
		{uk("5 Oak Dr"), uk("5 Oak Drive"), LevelExact},
		{uk("7 Elm Cl"), uk("7 Elm Close"), LevelExact},
		{uk("9 Park Cres"), uk("9 Park Crescent"), LevelExact},
		{uk("2 Mill Ct"), uk("2 Mill Court"), LevelExact},
		{uk("4 Ash Gr"), uk("4 Ash Grove"), LevelExact},
		{uk("4 Ash Gro"), uk("4 Ash Grove"), LevelExact},
		{uk("6 Kew Gdns"), uk("6 Kew Gardens"), LevelExact},
		{uk("8 Rose La"), uk("8 Rose Lane"), LevelExact},
		{uk("8 Rose Ln"), uk("8 Rose Lane"), LevelExact},
		{uk("10 Bath Terr"), uk("10 Bath Terrace"), LevelExact},
		{uk("10 Bath Ter"), uk("10 Bath Terrace"), LevelExact},
		{uk("11 Queens Pl"), uk("11 Queens Place"), LevelExact},
		{uk("12 Bedford Sq"), uk("12 Bedford Square"), LevelExact},
		{uk("13 Marine Pde"), uk("13 Marine Parade"), LevelExact},
		{uk("15 Hill Wy"), uk("15 Hill Way"), LevelExact},
		{uk("16 Coast Hwy"), uk("16 Coast Highway"), LevelExact},
		{us("100 Peachtree Ave"), us("100 Peachtree Avenue"), LevelExact},
		{us("100 Peachtree Av"), us("100 Peachtree Avenue"), LevelExact},
		{us("100 Ponce Blvd"), us("100 Ponce Boulevard"), LevelExact},
		{us("100 Lenox Pkwy"), us("100 Lenox Parkway"), LevelExact},
		{us("100 Oak Cir"), us("100 Oak Circle"), LevelExact},
		{us("100 Creek Trl"), us("100 Creek Trail"), LevelExact},
		{us("100 Oak Ct"), us("100 Oak Court"), LevelExact},
		{us("100 Oak Ln"), us("100 Oak Lane"), LevelExact},
		{us("100 Oak Rd"), us("100 Oak Road"), LevelExact},
		{us("100 Oak Dr"), us("100 Oak Drive"), LevelExact},
		{us("100 Oak Ter"), us("100 Oak Terrace"), LevelExact},
		{us("100 Oak Pl"), us("100 Oak Place"), LevelExact},
		{us("100 Oak Sq"), us("100 Oak Square"), LevelExact},
		{us("100 Old Hwy"), us("100 Old Highway"), LevelExact},
		{uk("12 St John's Road"), uk("12 Saint John's Road"), LevelExact},
		{uk("12 St. Albans Rd"), uk("12 Saint Albans Road"), LevelExact},
		{uk("14 Hagley St"), uk("14 Hagley Road"), LevelTown},
		// 2. Directions.
		{us("123 N Main St"), us("123 North Main Street"), LevelExact},
		{us("123 S Main St"), us("123 South Main Street"), LevelExact},
		{us("123 E Main St"), us("123 East Main Street"), LevelExact},
		{us("123 W Main St"), us("123 West Main Street"), LevelExact},
		{us("45 Main St NE"), us("45 Main Street Northeast"), LevelExact},
		{us("45 Main St NW"), us("45 Main Street Northwest"), LevelExact},
		{us("45 Main St SE"), us("45 Main Street Southeast"), LevelExact},
		{us("45 Main St SW"), us("45 Main Street Southwest"), LevelExact},
		// 3. Ordinals.
		{us("123 W 3rd St"), us("123 West Third Street"), LevelExact},
		{us("10 1st Ave"), us("10 First Avenue"), LevelExact},
		{us("10 2nd Ave"), us("10 Second Avenue"), LevelExact},
		{us("10 4th Ave"), us("10 Fourth Avenue"), LevelExact},
		{us("10 5th Ave"), us("10 Fifth Avenue"), LevelExact},
		{us("10 6th Ave"), us("10 Sixth Avenue"), LevelExact},
		{us("10 7th Ave"), us("10 Seventh Avenue"), LevelExact},
		{us("10 8th Ave"), us("10 Eighth Avenue"), LevelExact},
		{us("10 9th Ave"), us("10 Ninth Avenue"), LevelExact},
		{us("10 10th Ave"), us("10 Tenth Avenue"), LevelExact},
		// 4. Flats: the building decides the number and the keys; two
		// flats of one building are the same street, not one home.
		{uk("Flat 6, 22 Milton Road"), withLine2(uk("22 Milton Road"), "Flat 6"), LevelExact},
		{uk("Flat 6, 22 Milton Road"), uk("22 Milton Road"), LevelExact},
		{uk("Flat 2, 12a Milton Road"), uk("2/12a Milton Road"), LevelExact},
		{uk("12a Milton Road, Flat 2"), withLine2(uk("Flat 2"), "12a Milton Road"), LevelExact},
		{uk("Flat 2, 12a Milton Road"), uk("Flat 3, 12a Milton Road"), LevelStreet},
		{us("123 Main St Apt 4B"), us("123 Main St, Apt. 4B"), LevelExact},
		{us("123 Main St #4B"), withLine2(us("123 Main Street"), "Apt 4B"), LevelExact},
		{us("123 Main St Suite 200"), us("123 Main St Ste 200"), LevelExact},
		{us("Unit 3, 123 Main St"), us("123 Main St"), LevelExact},
		{Address{Line1: "U5/23 George St", PostalCode: "2000", Country: "AU"}, Address{Line1: "Unit 5/23 George St", PostalCode: "2000", Country: "AU"}, LevelExact},
		{Address{Line1: "U5/23 George St", PostalCode: "2000", Country: "AU"}, Address{Line1: "5/23 George St", PostalCode: "2000", Country: "AU"}, LevelExact},
		{us("Apartment 4, 123 Main St"), us("123 Main St Apt 4"), LevelExact},
		{us("123 Main St Apt 26"), us("123 Main St Apt 31"), LevelStreet},
		{withLine2(us("123 Main St"), "Apt 26"), withLine2(us("123 Main St"), "Apt 31"), LevelStreet},
		{Address{Line1: "12 rue de la Paix", Line2: "Apt 3", PostalCode: "75002"},
			Address{Line1: "12 rue de la Paix", Line2: "Apt 5", PostalCode: "75002"}, LevelStreet},
		// 5. Post office boxes.
		{us("PO Box 17"), us("P.O. Box 17"), LevelExact},
		{us("PO Box 17"), us("Post Office Box 17"), LevelExact},
		{us("PO Box 17"), us("PO Box 18"), LevelStreet},
		{Address{Line1: "BP 17", PostalCode: "75002"}, Address{Line1: "B.P. 17", PostalCode: "75002"}, LevelExact},
		// 6. ZIP+4 and lost leading zeros.
		{us("123 Main St"), Address{Line1: "123 Main St", PostalCode: "30324-9116", City: "Atlanta", Country: "US"}, LevelExact},
		{Address{Line1: "1 Oak Rd", PostalCode: "7024", Country: "US"}, Address{Line1: "1 Oak Rd", PostalCode: "07024", Country: "US"}, LevelExact},
		// Two points of the compass are two streets, whatever the slip allowance.
		{us("123 N Main St"), us("123 S Main St"), LevelTown},
		{us("123 N Main St"), us("123 North Main Street"), LevelExact},
		// 7. UK postcodes.
		{Address{Line1: "10 Downing St", PostalCode: "SW1A 1AA"}, Address{Line1: "10 Downing Street", PostalCode: "sw1a1aa"}, LevelExact},
		{Address{Line1: "10 Downing St", PostalCode: "SW1A  1AA"}, Address{Line1: "10 Downing Street", PostalCode: "sw1a1aa"}, LevelExact},
		// 8. A building, a floor or a house's name on the first line with
		// the street, against the street alone.
		{fr("172, RUE de la Gare, Bât. A, Appt 38", ""), fr("172 rue de la Gare", "Bât. A, Appt 38"), LevelExact},
		{fr("6, rue Saint-Michel, 1eme etage", ""), fr("6 rue Saint-Michel, 1e et.", ""), LevelExact},
		{fr("Résidence Les Tilleuls, 63 chemin du Moulin", ""), fr("63 chemin du Moulin", "Rés. Les Tilleuls"), LevelExact},
		{fr("63 chemin du Moulin, Res Les Tilleuls", ""), fr("65 chemin du Moulin", ""), LevelStreet},
		{fr("12, rue de la Gare, Bât. A", ""), fr("12 rue de la Paix", ""), LevelTown},
		{uk("Rose Cottage, 12 High St"), uk("12 High Street"), LevelExact},
		{uk("14 Hagley St, Halesowen"), uk("14 Hagley Street"), LevelExact},
	}
	// Without the comparison: the two sides read alike.
	for _, p := range pairs {
		ra, rb := readLines(p.a), readLines(p.b)
		sameBuilding := ra.number == rb.number && ra.street == rb.street && ra.postal == rb.postal
		switch {
		case p.want == LevelExact && (!sameBuilding || !sameUnit(ra.unit, rb.unit)):
			t.Errorf("%+v / %+v read %+v / %+v, want one home", p.a, p.b, ra, rb)
		case p.want == LevelStreet && sameBuilding && sameUnit(ra.unit, rb.unit):
			t.Errorf("%+v / %+v read %+v / %+v, want two homes", p.a, p.b, ra, rb)
		case p.want == LevelTown && ra.street == rb.street:
			t.Errorf("%+v / %+v read one street %q", p.a, p.b, ra.street)
		}
	}
	for _, p := range pairs {
		va, vb := newAddressValue(p.a), newAddressValue(p.b)
		if got, back := compareAddresses(va, vb), compareAddresses(vb, va); got != p.want || back != got {
			t.Errorf("compareAddresses(%+v, %+v) = %q (%q back), want %q", p.a, p.b, got, back, p.want)
		}
		if va.number != vb.number || p.want != LevelExact && p.want != LevelStreet {
			continue
		}
		if ka, kb := addressKeys(p.a), addressKeys(p.b); len(ka) == 0 || !slices.Equal(ka, kb) {
			t.Errorf("address keys of %+v = %q, of %+v = %q, want the same", p.a, ka, p.b, kb)
		}
	}
}

// TestAddressInRegion: an address that names no country reads as one of
// the tenant's region; one that names its country, or none at all, is
// left alone.
func TestAddressInRegion(t *testing.T) {
	bare := Address{Line1: "2/12 High Street", PostalCode: "SW1A 1AA"}
	if got := bare.InRegion("GB"); got.Country != "GB" || got.Line1 != bare.Line1 {
		t.Errorf("InRegion = %+v", got)
	}
	if got := (Address{Line1: "1 rue X", Country: "BE"}).InRegion("FR"); got.Country != "BE" {
		t.Errorf("a named country was replaced: %+v", got)
	}
	if got := (Address{}).InRegion("FR"); !got.Empty() {
		t.Errorf("an empty address gained a country: %+v", got)
	}
	// In a British tenant the flat before the number reads as a flat.
	flat := Address{Line1: "Flat 2, 12 High Street", PostalCode: "SW1A 1AA"}
	if got := compareAddresses(newAddressValue(bare.InRegion("GB")), newAddressValue(flat.InRegion("GB"))); got != LevelExact {
		t.Errorf("2/12 and Flat 2, 12 in a British tenant: %s, want exact", got)
	}
	// In France "2/12" is no British flat and building.
	if got := compareAddresses(newAddressValue(bare.InRegion("FR")), newAddressValue(flat.InRegion("GB"))); got == LevelExact {
		t.Errorf("2/12 read as a French address compared exact with Flat 2, 12")
	}
}

// TestTownNames: a town written with its first word abbreviated, or in
// another language, with no postal code on one side, is that town: one
// home at one street and number, and one blocking key of the town
// (ac:). A state after the town stays the state (Helena MT), and Mt
// before a French town is Mont.
func TestTownNames(t *testing.T) {
	one := []struct{ a, b Address }{
		{Address{Line1: "12 Main St", City: "Ft Worth", Country: "US"}, Address{Line1: "12 Main Street", PostalCode: "76102", City: "Fort Worth", Country: "US"}},
		{Address{Line1: "12 Main St", City: "Mt. Pleasant", Country: "US"}, Address{Line1: "12 Main St", City: "Mount Pleasant", Country: "US"}},
		{Address{Line1: "12 Main St", City: "N Las Vegas", Country: "US"}, Address{Line1: "12 Main St", City: "North Las Vegas", Country: "US"}},
		{Address{Line1: "4 High St", City: "E Grinstead", Country: "GB"}, Address{Line1: "4 High Street", City: "East Grinstead", Country: "GB"}},
		{Address{Line1: "3 rue du Port", City: "Mt-de-Marsan", Country: "FR"}, Address{Line1: "3 rue du Port", City: "Mont-de-Marsan", Country: "FR"}},
		{Address{Line1: "Leopoldstraße 12", City: "Munich", Country: "DE"}, Address{Line1: "Leopoldstr. 12", PostalCode: "80802", City: "München", Country: "DE"}},
		{Address{Line1: "Hohe Straße 5", City: "Cologne", Country: "DE"}, Address{Line1: "Hohe Str. 5", City: "Köln", Country: "DE"}},
		{Address{Line1: "Via Roma 5", City: "Florence", Country: "IT"}, Address{Line1: "Via Roma 5", City: "Firenze", Country: "IT"}},
		{Address{Line1: "Laan van Meerdervoort 12", City: "'s-Gravenhage", Country: "NL"}, Address{Line1: "Laan van Meerdervoort 12", City: "Den Haag", Country: "NL"}},
		{Address{Line1: "Rue du Rhône 3", City: "Geneva", Country: "CH"}, Address{Line1: "Rue du Rhône 3", City: "Genève", Country: "CH"}},
	}
	for _, tt := range one {
		a, b := newAddressValue(tt.a), newAddressValue(tt.b)
		if got := compareAddresses(a, b); got != LevelExact {
			t.Errorf("%s / %s = %q, want exact (towns %q, %q)", tt.a, tt.b, got, a.city, b.city)
		}
		ka, kb := BlockingKeyStrings(Profile{LastName: "Smith", Address: tt.a}), BlockingKeyStrings(Profile{LastName: "Smith", Address: tt.b})
		if !slices.ContainsFunc(ka, func(k string) bool { return strings.HasPrefix(k, "ac:") && slices.Contains(kb, k) }) {
			t.Errorf("%s / %s share no town key: %q, %q", tt.a, tt.b, ka, kb)
		}
	}
	// Helena MT is Helena, Montana: its last word is the state, not Mount.
	helena := Address{Line1: "12 Main St", City: "Helena MT", Country: "US"}
	if v := newAddressValue(helena); v.city != "helena" || v.state != "mt" {
		t.Errorf("Helena MT reads town %q, state %q; want helena, mt", v.city, v.state)
	}
	apart := []struct{ a, b Address }{
		{Address{Line1: "12 Main St", City: "Ft Worth", Country: "US"}, Address{Line1: "12 Main St", City: "Worth", Country: "US"}},
		{Address{Line1: "12 Main St", City: "N Las Vegas", Country: "US"}, Address{Line1: "12 Main St", City: "Las Vegas", Country: "US"}},
		{Address{Line1: "Via Roma 5", City: "Milan", Country: "IT"}, Address{Line1: "Via Roma 5", City: "Roma", Country: "IT"}},
	}
	for _, tt := range apart {
		if got := compareAddresses(newAddressValue(tt.a), newAddressValue(tt.b)); got == LevelExact {
			t.Errorf("%s / %s = %q, want two towns", tt.a, tt.b, got)
		}
	}
}
