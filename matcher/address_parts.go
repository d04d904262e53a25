package matcher

import "strings"

// Addresses of the former Soviet Union's cities name a microdistrict or a
// quarter, then the house, then the flat, each by a word and its number,
// the word before the number in Russian (мкр. 5, д. 12, кв. 34) and after
// it in Uzbek (11-mavze, 28-uy, 100-xonadon), or a number alone after the
// microdistrict (85 mkr 22/65); the Gulf's name a block, a street and a
// building (Block 9, Street 33, Building 51); Tegucigalpa's, Port
// Moresby's and Phnom Penh's a block, a section, a lot, a street and a
// house alike (numberedPartsOf). The first number of the
// line is the microdistrict's or the block's, not the house's: read as
// the house, two homes of one block were one address, and the same flat
// written in Russian and in Uzbek two.

// numberedParts is how a country's lines number their parts by words:
// marks says what each word numbers ("district", "street", "house" or
// "flat", or "house after a district" for a word that numbers the house
// only after a district's number), district is the word the street is read with for the district,
// cityDistricts are the words that name the city's district, which one
// record writes and another leaves out, and bareFlat says a number no
// mark claims after the house's is the flat's (мкр. 5, 12-34), and
// hashNumbersHouse that # numbers the house (#185, St. 2004), not a flat
// as elsewhere (takeUnit's #4B).
type numberedParts struct {
	marks            map[string]string
	district         string
	cityDistricts    map[string]bool
	bareFlat         bool
	hashNumbersHouse bool
}

// postSovietParts read the former Soviet Union's lines: the microdistrict
// or quarter (Russian мкр., микрорайон, квартал, массив; Uzbek mavze), the
// house (д., дом; Uzbek uy, Kazakh and Kyrgyz үй) and the flat (кв.,
// квартира; Uzbek xonadon, Kazakh пәтер), in Latin letters as
// addressTokens reads Cyrillic.
var postSovietParts = numberedParts{
	marks: map[string]string{
		"mkr": "district", "mkrn": "district", "mikrorayon": "district", "mikroraion": "district", "mikrorajon": "district",
		"kvartal": "district", "massiv": "district", "mavze": "district",
		"d": "house", "dom": "house", "uy": "house", "ui": "house",
		"kv": "flat", "kvartira": "flat", "xonadon": "flat", "khonadon": "flat", "pater": "flat",
	},
	district:      "mkr",
	cityDistricts: setOf("tumani", "tuman", "rayon", "raion"),
	bareFlat:      true,
}

// gulfParts read the Gulf's lines, which number the block (Kuwait's Q3,
// Qatar's zone), the street or road (Bahrain's and Oman's way) and the
// building or house, in English or Arabic words: Block 9, Street 33,
// Building 51; Building 1234, Road 5678, Block 345; Way 1234, House No.
// 56.
var gulfParts = numberedParts{
	marks: map[string]string{
		"block": "district", "blk": "district", "blok": "district", "q": "district", "zone": "district", "z": "district",
		"قطعة": "district", "قطعه": "district", "منطقة": "district",
		"street": "street", "st": "street", "road": "street", "rd": "street", "way": "street", "jadda": "street",
		"jaddah": "street", "avenue": "street", "ave": "street", "sikka": "street", "شارع": "street", "جادة": "street",
		"building": "house", "bldg": "house", "bld": "house", "house": "house", "villa": "house", "h": "house",
		"مبنى": "house", "منزل": "house", "فيلا": "house",
		"flat": "flat", "apt": "flat", "apartment": "flat", "شقة": "flat",
	},
	district: "block",
}

// centralAmericanParts read the lines of Honduras, Nicaragua and El
// Salvador that number a neighbourhood's block and house: Col. Kennedy,
// bloque 21, casa 332, or bl. 21 c. 332.
var centralAmericanParts = numberedParts{
	marks: map[string]string{
		"bloque": "district", "bl": "district", "blq": "district", "manzana": "district", "mz": "district",
		"casa": "house", "lote": "house",
		"c": "house after a district", // bl. 21 c. 332; alone, C. is calle (C. 5 de Noviembre 123)
	},
	district: "bloque",
}

// sectionAndLotParts read Papua New Guinea's lines, which number a town's
// section and the lot in it (Section 281, Lot 41; Sec 281 Allot 41), and
// Cambodia's, which number the house and its street (#185, St. 2004; No
// 185 Street 2004).
var sectionAndLotParts = numberedParts{
	marks: map[string]string{
		"section": "district", "sec": "district", "sect": "district",
		"lot": "house", "allotment": "house", "allot": "house", "#": "house", "house": "house", "no": "house",
		"street": "street", "st": "street", "road": "street", "rd": "street",
	},
	district:         "section",
	hashNumbersHouse: true,
}

// numberedPartsOf are the countries whose lines number their parts by
// words, and how.
var numberedPartsOf = map[string]numberedParts{
	"RU": postSovietParts, "UA": postSovietParts, "BY": postSovietParts, "MD": postSovietParts, "KZ": postSovietParts,
	"UZ": postSovietParts, "KG": postSovietParts, "TJ": postSovietParts, "TM": postSovietParts, "AZ": postSovietParts,
	"AM": postSovietParts, "GE": postSovietParts,
	"KW": gulfParts, "QA": gulfParts, "BH": gulfParts, "OM": gulfParts, "AE": gulfParts,
	"HN": centralAmericanParts, "NI": centralAmericanParts, "SV": centralAmericanParts,
	"PG": sectionAndLotParts, "KH": sectionAndLotParts,
}

// numberedLine reads a line of numberedPartsOf's countries that numbers
// its parts by their marks: the house's number (the first number no mark
// claims, when no mark names the house), the flat's (after the house and a
// slash or alone, when no mark names it), and the street: the district
// (the microdistrict or block, under the country's one word whatever word
// named it) and the numbered street, or else the line's other words. A
// street named, not numbered (Salem Al Mubarak Street), keeps its words.
// ok is false for a line without such a mark, which parseAddressLines
// reads as any other.
func numberedLine(country string, toks []addrToken) (number, unit string, street []addrToken, ok bool) {
	parts, known := numberedPartsOf[country]
	if !known {
		return "", "", nil, false
	}
	used := make([]bool, len(toks))
	// numberOf is the index of the number a mark at i names: the one
	// before it in the same part of the line (28-uy), else the one after
	// it (д. 12, House No. 56), or -1.
	numberOf := func(i int) int {
		if i > 0 && startsWithDigit(toks[i-1].text) && !used[i-1] && !toks[i-1].end {
			return i - 1
		}
		j := i + 1
		if j < len(toks) && unitNumberWords[toks[j].text] && !toks[i].end {
			j++
		}
		if j < len(toks) && startsWithDigit(toks[j].text) && !used[j] && !toks[j-1].end {
			return j
		}
		return -1
	}
	var district, numbered []addrToken // the district's parts, and the street's
	named := false                     // a street mark with no number: its words name it
	for i, t := range toks {
		kind, j := parts.marks[t.text], -1
		if kind == "" && len(t.text) > 1 && parts.marks[t.text[:1]] == "district" && allDigits(t.text[1:]) {
			// Q3, Z4: the block's letter and its number run together.
			district = append(district, addrToken{text: parts.district}, addrToken{text: t.text[1:]})
			used[i], ok = true, true
			continue
		}
		if kind == "house after a district" {
			if len(district) == 0 {
				continue
			}
			kind = "house"
		}
		if kind == "" || used[i] {
			continue
		}
		if kind == "district" && i+2 < len(toks) && !toks[i].end && !toks[i+1].end && !startsWithDigit(toks[i+1].text) &&
			allDigits(toks[i+2].text) && !used[i+2] {
			// мкр Самал-3, mkr. Samal 8: a microdistrict of a name and a
			// number.
			district = append(district, addrToken{text: parts.district}, addrToken{text: toks[i+1].text}, addrToken{text: toks[i+2].text})
			used[i], used[i+1], used[i+2], ok = true, true, true, true
			continue
		}
		if j = numberOf(i); j < 0 {
			named = named || kind == "street"
			continue
		}
		used[i], used[j], ok = true, true, true
		switch kind {
		case "district":
			district = append(district, addrToken{text: parts.district}, addrToken{text: toks[j].text})
		case "street":
			numbered = append(numbered, addrToken{text: "street"}, addrToken{text: toks[j].text})
		case "house":
			number = toks[j].text
		case "flat":
			unit = toks[j].text
		}
		for k := i + 1; k < j; k++ {
			used[k] = true // No., # between a mark and its number
		}
	}
	if !ok {
		return "", "", nil, false
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case used[i] || parts.cityDistricts[t.text]:
		case t.text == "/" && number != "" && unit == "" && i+1 < len(toks) && startsWithDigit(toks[i+1].text):
			unit = toks[i+1].text // 22/65: the house, then its flat
			i++
		case startsWithDigit(t.text) && number == "":
			number = t.text
		case startsWithDigit(t.text) && unit == "" && parts.bareFlat:
			unit = t.text // мкр. 5, 12-34
		case t.text != "/":
			street = append(street, addrToken{text: t.text})
		}
	}
	// The district first, then the numbered street, in whichever order
	// the line wrote them (Block 345, Road 5678; Road 5678, Block 345).
	numbered = append(district, numbered...)
	if len(numbered) > 0 && !named {
		// The district and the numbered street name the street: a record
		// writes the city's district or its area before them (Yunusobod
		// tumani, Юнусабад; Mishref) or not.
		street = numbered
	} else {
		street = append(street, numbered...)
	}
	return number, unit, street, true
}

// guatemalanStreetKinds are the words of Guatemala City's numbered streets
// and avenues, and the kind each names.
var guatemalanStreetKinds = map[string]string{"calle": "calle", "c": "calle", "cl": "calle", "avenida": "avenida",
	"av": "avenida", "ave": "avenida", "avda": "avenida"}

// guatemalanLine reads Guatemala City's addressing: the street or avenue
// by its number (7a. calle, 6a. avenida, 3 c.), the house by the number of
// the crossing street and its own (11-73), and the zone (zona 4, z. 4),
// which is the street's town: 7 calle 11-73 zona 4 and 7a. Calle 11-73,
// Zona 4 are one house, at number 11-73 of street 7 of zone 4. ok is
// false for any other line.
func guatemalanLine(toks []addrToken) (number string, street []addrToken, ok bool) {
	for i := 0; i+3 < len(toks); i++ {
		n, kind := toks[i].text, ""
		j := i + 1
		if j < len(toks) && toks[j].text == "a" {
			j++ // 7a. calle: the ordinal's a, split off
		}
		n = strings.TrimSuffix(n, "a")
		if !allDigits(n) || j+2 >= len(toks) {
			continue
		}
		if kind = guatemalanStreetKinds[toks[j].text]; kind == "" || !allDigits(toks[j+1].text) || !allDigits(toks[j+2].text) {
			continue
		}
		number = toks[j+1].text + "-" + toks[j+2].text
		street = []addrToken{{text: kind}, {text: n}}
		for k := j + 3; k+1 < len(toks); k++ {
			if (toks[k].text == "zona" || toks[k].text == "z") && allDigits(toks[k+1].text) {
				street = append(street, addrToken{text: "zona"}, addrToken{text: toks[k+1].text})
				break
			}
		}
		return number, street, true
	}
	return "", nil, false
}
