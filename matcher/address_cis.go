package matcher

// Addresses of the former Soviet Union's cities name a microdistrict or a
// quarter, then the house, then the flat, each by a word and its number,
// the word before the number in Russian (мкр. 5, д. 12, кв. 34) and after
// it in Uzbek (11-mavze, 28-uy, 100-xonadon), or a number alone after the
// microdistrict (85 mkr 22/65). The first number of the line is the
// microdistrict's, not the house's: read as the house, two flats of two
// houses of one microdistrict were one address, and the same flat written
// in Russian and in Uzbek two.

// postSovietCountries are the countries whose lines postSovietLine reads.
var postSovietCountries = setOf("RU", "UA", "BY", "MD", "KZ", "UZ", "KG", "TJ", "TM", "AZ", "AM", "GE")

// postSovietMarks are the words that say what the number beside them
// numbers, in Latin letters (addressTokens reads Cyrillic so): the
// microdistrict or quarter (Russian мкр., микрорайон, квартал, массив;
// Uzbek mavze), the house (д., дом; Uzbek uy, Kazakh and Kyrgyz үй) and
// the flat (кв., квартира; Uzbek xonadon, Kazakh пәтер).
var postSovietMarks = map[string]string{
	"mkr": "district", "mkrn": "district", "mikrorayon": "district", "mikroraion": "district", "mikrorajon": "district",
	"kvartal": "district", "massiv": "district", "mavze": "district",
	"d": "house", "dom": "house", "uy": "house", "ui": "house",
	"kv": "flat", "kvartira": "flat", "xonadon": "flat", "khonadon": "flat", "pater": "flat",
}

// postSovietDistrictWords are the words of a line that name the city's
// district (Uzbek tumani, Russian район), which one record writes and
// another leaves out.
var postSovietDistrictWords = setOf("tumani", "tuman", "rayon", "raion")

// postSovietLine reads a line of postSovietCountries that numbers its parts
// by postSovietMarks: the house's number (the first number no mark claims,
// when no mark names the house), the flat's (after the house and a slash
// or alone, when no mark names it), and the street: the microdistrict, as
// "mkr" and its number whatever word named it, or else the line's other
// words. ok is
// false for a line without such a mark, which parseAddressLines reads as
// any other.
func postSovietLine(country string, toks []addrToken) (number, unit string, street []addrToken, ok bool) {
	if !postSovietCountries[country] {
		return "", "", nil, false
	}
	used := make([]bool, len(toks))
	// numberOf is the index of the number a mark at i names: the one
	// before it in the same part of the line (28-uy), else the one after
	// it (д. 12), or -1.
	numberOf := func(i int) int {
		if i > 0 && startsWithDigit(toks[i-1].text) && !used[i-1] && !toks[i-1].end {
			return i - 1
		}
		if i+1 < len(toks) && startsWithDigit(toks[i+1].text) && !used[i+1] && !toks[i].end {
			return i + 1
		}
		return -1
	}
	var district []addrToken
	for i, t := range toks {
		kind := postSovietMarks[t.text]
		if kind == "" || used[i] {
			continue
		}
		j := numberOf(i)
		if j < 0 {
			continue
		}
		used[i], used[j], ok = true, true, true
		switch kind {
		case "district":
			district = append(district, addrToken{text: "mkr"}, addrToken{text: toks[j].text})
		case "house":
			number = toks[j].text
		case "flat":
			unit = toks[j].text
		}
	}
	if !ok {
		return "", "", nil, false
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case used[i] || postSovietDistrictWords[t.text]:
		case t.text == "/" && number != "" && unit == "" && i+1 < len(toks) && startsWithDigit(toks[i+1].text):
			unit = toks[i+1].text // 22/65: the house, then its flat
			i++
		case startsWithDigit(t.text) && number == "":
			number = t.text
		case startsWithDigit(t.text) && unit == "":
			unit = t.text // мкр. 5, 12-34
		case t.text != "/":
			street = append(street, addrToken{text: t.text})
		}
	}
	if len(district) > 0 {
		// The microdistrict names the street: a record writes the city's
		// district before it (Yunusobod tumani, Юнусабад) or not.
		street = district
	}
	return number, unit, street, true
}
