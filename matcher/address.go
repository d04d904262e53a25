package matcher

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// FieldAddress names the postal address in requested_fields, merge picks
// and explanations. The address is one unit: written whole, picked whole.
const FieldAddress Field = "address"

// Address is a postal address: web sales ship to it, and it is matching
// evidence for the fuzzy search, never an exact match key.
type Address struct {
	Line1      string `json:"line1,omitempty"`
	Line2      string `json:"line2,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	City       string `json:"city,omitempty"`
	Country    string `json:"country,omitempty"` // ISO 3166 alpha-2
}

// Trimmed returns a with its parts trimmed and the country as its
// upper-cased code: España, ESP and Spain as ES, UK as GB (UK is no ISO
// 3166 code, though people and files write it); see CountryCode.
func (a Address) Trimmed() Address {
	country := strings.ToUpper(strings.TrimSpace(CountryCode(a.Country)))
	return Address{Line1: strings.TrimSpace(a.Line1), Line2: strings.TrimSpace(a.Line2),
		PostalCode: strings.TrimSpace(a.PostalCode), City: strings.TrimSpace(a.City),
		Country: country}
}

// InRegion returns a with region (the tenant's, ISO 3166 alpha-2) as its
// country when it names none, for reading it: a customer file of one
// country seldom writes it, and an address reads by its country's ways
// (its postal code's leading zero, its street words). An empty address
// stays empty.
func (a Address) InRegion(region string) Address {
	if strings.TrimSpace(a.Country) != "" || a.Empty() {
		return a
	}
	a.Country = region
	return a
}

// Empty reports whether no part is set.
func (a Address) Empty() bool { return a.Trimmed() == Address{} }

// CompletedBy returns the stored address b completed by a booking's
// address a, and true, when a is the same home: a and b agree, case and
// spaces aside, on every part both set (b's country read in region when it
// names none), or write it two ways (sameStreetLine, samePostalCode,
// sameTownName). The parts b sets keep b's writing; a adds the ones b lacks
// (a flat's line2, a postal code). It returns false when a and b disagree
// on a part: a is another home, and Apply writes it whole, since a street
// kept from one home and a town from another would be nobody's. A country
// alone names no home (a form's default, another country's widget): it
// never replaces a stored address, it only completes one.
func (a Address) CompletedBy(b Address, region string) (Address, bool) {
	a, b = a.Trimmed(), b.Trimmed()
	if a.Line1+a.Line2+a.PostalCode+a.City == "" && !b.Empty() {
		if out, ok := a.completing(b, region); ok {
			return out, true
		}
		return b, true
	}
	return a.completing(b, region)
}

// completing is CompletedBy for an address a that names a home.
func (a Address) completing(b Address, region string) (Address, bool) {
	read := b.InRegion(region)
	out := b
	for _, p := range []struct {
		got, stored, read *string
		same              func(x, y string) bool
	}{
		{&a.Line1, &out.Line1, &read.Line1, sameStreetLine(cmp.Or(a.Country, read.Country))},
		{&a.Line2, &out.Line2, &read.Line2, nil},
		{&a.PostalCode, &out.PostalCode, &read.PostalCode, samePostalCode(cmp.Or(a.Country, read.Country))},
		{&a.City, &out.City, &read.City, sameTownName(cmp.Or(a.Country, read.Country))},
		{&a.Country, &out.Country, &read.Country, nil},
	} {
		switch {
		case *p.got == "":
		case *p.read == "":
			*p.stored = *p.got
		case strings.EqualFold(strings.Join(strings.Fields(*p.got), " "), strings.Join(strings.Fields(*p.read), " ")):
		case p.same == nil || !p.same(*p.got, *p.read):
			return a, false
		}
	}
	return out, true
}

// sameStreetLine says two first lines of an address are one street and
// number written two ways (Hauptstraße 12a, Hauptstr. 12 a), as the
// fuzzy comparison reads them, with the same numbers and letters for the
// door: the fuzzy reading leaves out what it cannot place, and a flat
// written in the line (Mariahilfer Straße 12/3/14, Kerkstraat 10-2, 10
// m. 5, Bât. B) must not be lost.
func sameStreetLine(country string) func(x, y string) bool {
	return func(x, y string) bool {
		vx, vy := newAddressValue(Address{Line1: x, Country: country}), newAddressValue(Address{Line1: y, Country: country})
		return vx.street != "" && vx.number != "" && vx.street == vy.street && vx.number == vy.number && vx.unit == vy.unit &&
			doorMarks(x) == doorMarks(y)
	}
}

// doorMarks are a line's words that hold a digit, and its letters alone
// that abbreviate no street word, run together: "12a", "1234b" for
// "Hauptstr. 12 a" and "12/3/4 Bât. B"; what tells one door of a street
// from another.
func doorMarks(line string) string {
	var b strings.Builder
	for _, t := range addressTokens(line) {
		_, abbreviation := streetWords[t.text]
		if strings.ContainsAny(t.text, "0123456789") || len(t.text) == 1 && t.text[0] >= 'a' && t.text[0] <= 'z' && !abbreviation {
			b.WriteString(t.text)
		}
	}
	return b.String()
}

// samePostalCode says two postal codes are one written two ways (75011,
// 75 011; 1067 and 01067 in Germany).
func samePostalCode(country string) func(x, y string) bool {
	c := addressCountry(country)
	return func(x, y string) bool {
		nx := normalPostalCode(x, c)
		return nx != "" && nx == normalPostalCode(y, c)
	}
}

// sameTownName says two towns are one written two ways: accents, hyphens
// or umlauts written out (Saint-Étienne, saint etienne; München, Muenchen),
// a first word abbreviated or a name in another language (townWritten: Ft
// Worth, Fort Worth; Munich, München).
func sameTownName(country string) func(x, y string) bool {
	return func(x, y string) bool {
		fx, fy := FoldName(x), FoldName(y)
		return fx != "" && (fx == fy || FoldName(umlautsWrittenOut(x)) == fy || fx == FoldName(umlautsWrittenOut(y)) ||
			townWritten(x, country) == townWritten(y, country))
	}
}

// String writes the address on one line, its parts comma-separated.
func (a Address) String() string {
	var parts []string
	for _, p := range []string{a.Line1, a.Line2, strings.TrimSpace(a.PostalCode + " " + a.City), a.Country} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

var countryCode = regexp.MustCompile(`^[A-Za-z]{2}$`)

// namesACountry reports whether c, as CountryCode returns it, is a
// country's alpha-2 code (ISO 3166, as CLDR knows them: XK for Kosovo
// too), or a code a tenant's customers write for their own
// (regionalCountries: QC in Canada). ZZ, or SP and RJ, Brazilian states
// written in the country's box, name none.
func namesACountry(c string) bool {
	if !countryCode.MatchString(c) {
		return false
	}
	if r, err := language.ParseRegion(c); err == nil && r.Canonicalize().IsCountry() {
		return true
	}
	for _, codes := range regionalCountries {
		if _, ok := codes[strings.ToLower(c)]; ok {
			return true
		}
	}
	return false
}

// checkAddress checks an address's sizes and characters, naming the part
// at fault with prefix ("address.").
func checkAddress(a *Address) *FieldError {
	if a == nil {
		return nil
	}
	for _, f := range []struct {
		name, value string
		max         int
	}{{"line1", a.Line1, MaxName}, {"line2", a.Line2, MaxName}, {"postal_code", a.PostalCode, MaxShort},
		{"city", a.City, MaxName}, {"country", a.Country, MaxCountry}} {
		if err := CheckText("address."+f.name, f.value, f.max); err != nil {
			return err
		}
	}
	if c := strings.TrimSpace(CountryCode(a.Country)); c != "" && !namesACountry(c) {
		return &FieldError{"address.country", "address.country must be a country: an ISO 3166 alpha-2 code such as FR, " +
			"an alpha-3 code such as FRA, or its name (France, España)"}
	}
	return nil
}

// The rest of this file reads an address for comparison (newAddressValue):
// the house number, a flat or unit (in Spain a floor and door), the
// street's words with the French, UK, US and Spanish abbreviations written
// out, and the postal code. It runs once per record, on precomputed maps;
// houseNumber is the only regexp.

// addrToken is one word of an address line, folded (accents dropped, lower
// case): letters and digits, or a "#" or "/" sign.
type addrToken struct {
	text string
	end  bool // a comma follows: the end of one part of the line
}

// addressTokens splits a line into folded words, keeping "#" and "/" as
// words and noting commas; Greek, Armenian, Ethiopic, South Asian and Burmese letters are read
// in Latin ones. An English possessive stays in its word (St John's → johns).
func addressTokens(line string) []addrToken {
	line = norm.NFD.String(alphabetsRead(line)) // Λεωφ. Συγγρού as leof syngrou, ቦሌ bole, ဒဂုံ မြို့နယ် da gon myo ne
	buf := make([]byte, 0, len(line))
	type span struct {
		start, end int
		comma      bool
	}
	spans := make([]span, 0, 8)
	start := 0 // of the word being read in buf
	flush := func() {
		if len(buf) > start {
			spans = append(spans, span{start: start, end: len(buf)})
			start = len(buf)
		}
	}
	for i, r := range line {
		switch {
		case unicode.Is(unicode.M, r): // an accent, or a vowel sign of a script not read in Latin letters
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if w, ok := letterApart(unicode.ToLower(r)); ok {
				buf = append(buf, w...) // Straße as Strasse, Nørrebrogade as Norrebrogade
				continue
			}
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		case r == '#' || r == '/':
			flush()
			buf = append(buf, byte(r))
			flush()
		case r == ',' || r == ';':
			flush()
			if len(spans) > 0 {
				spans[len(spans)-1].comma = true
			}
		case (r == '\'' || r == '’' || r == 'ʼ') && len(buf) > start && possessive(line[i+utf8.RuneLen(r):]):
		default:
			flush()
		}
	}
	flush()
	text := string(buf)
	toks := make([]addrToken, len(spans))
	for i, s := range spans {
		toks[i] = addrToken{text: text[s.start:s.end], end: s.comma}
	}
	return toks
}

// possessive reports whether rest, after an apostrophe, is an English
// possessive's s: St John's Road.
func possessive(rest string) bool {
	if rest == "" || rest[0] != 's' && rest[0] != 'S' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest[1:])
	return len(rest) == 1 || !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// unitWords introduce a flat or unit: Flat 2, Apt 4B, #4B, Suite 200, the
// Swedish lgh 1102 (lägenhet), the German Whg. 3 (Wohnung), the Austrian
// Top 14, the Italian int. 4 (interno), the French and Québécois App 4,
// the Ukrainian and Russian кв. 5 (квартира).
// "ste" and "#" only before a number (else Ste is Sainte).
var unitWords = map[string]bool{"flat": true, "apt": true, "apartment": true, "appt": true, "appartement": true,
	"unit": true, "suite": true, "ste": true, "#": true, "lgh": true, "lagenhet": true,
	"whg": true, "wohnung": true, "top": true, "int": true, "interno": true, "app": true,
	"kv": true, "kvartyra": true, "kvartira": true}

// unitNumberWords may stand between a unit word and its number: Apt No 4,
// Apt #4.
var unitNumberWords = map[string]bool{"#": true, "no": true, "n": true, "num": true, "number": true}

// unitID reports whether s can name a flat: a word with a digit (2, 4b,
// 200) or, unless digit is set, one letter (Flat A).
func unitID(s string, digit bool) bool {
	if !digit && len(s) == 1 && s[0] >= 'a' && s[0] <= 'z' {
		return true
	}
	return len(s) <= 8 && strings.ContainsAny(s, "0123456789")
}

// takeUnit finds the first flat or unit in toks (Flat 2, Apt. 4B, #4B,
// Suite 200, Flat 2/1, and the Australian U5 before the number: U5/23
// George St, U5 23 George St) and returns it with toks without it.
func takeUnit(toks []addrToken) (string, []addrToken) {
	if len(toks) >= 2 && len(toks[0].text) >= 2 && toks[0].text[0] == 'u' && allDigits(toks[0].text[1:]) &&
		(startsWithDigit(toks[1].text) || toks[1].text == "/" && len(toks) >= 3 && startsWithDigit(toks[2].text)) {
		rest := toks[1:]
		if rest[0].text == "/" {
			rest = rest[1:]
		}
		return toks[0].text[1:], rest
	}
	for i, t := range toks {
		if !unitWords[t.text] {
			continue
		}
		digit := t.text == "ste" || t.text == "#"
		j := i + 1
		if t.text != "#" && j+1 < len(toks) && unitNumberWords[toks[j].text] && !t.end {
			j++
		}
		if j >= len(toks) || toks[j-1].end || !unitID(toks[j].text, digit) {
			continue
		}
		unit, end := toks[j].text, j+1
		// Flat 2/1, 12 Main St (Glasgow: floor 2, flat 1).
		if end+1 < len(toks) && !toks[j].end && toks[end].text == "/" && allDigits(toks[end+1].text) &&
			(toks[end+1].end || end+2 < len(toks) && startsWithDigit(toks[end+2].text)) {
			unit, end = unit+"/"+toks[end+1].text, end+2
		}
		rest := append(toks[:i:i], toks[end:]...)
		if i > 0 {
			rest[i-1].end = true // what came before the unit ends there: 123 Main St Apt 4
		}
		return unit, rest
	}
	return "", toks
}

// takeSlashUnit reads the UK and Australian flat written before the
// building's number: 2/12a Milton Road is flat 2 of number 12a.
func takeSlashUnit(toks []addrToken) (string, []addrToken) {
	if len(toks) >= 3 && toks[1].text == "/" && !toks[0].end && !toks[1].end && unitID(toks[0].text, false) &&
		startsWithDigit(toks[2].text) {
		return toks[0].text, toks[2:]
	}
	return "", toks
}

// civicUnit is the unit written before the civic number and a dash, as
// Canada Post writes it: 903-4420 Kennedy Road is unit 903 of number 4420.
var civicUnit = regexp.MustCompile(`^\s*([0-9]+[A-Za-z]?)\s*-\s*([0-9]+[A-Za-z]?\s)`)

// takeCivicUnit reads a Canadian address line's unit written before its
// civic number (civicUnit), and returns it and the line without it. In
// the United States 123-45 Main Street is one house number (Queens), so
// only a Canadian address is read so.
func takeCivicUnit(line string) (unit, rest string) {
	m := civicUnit.FindStringSubmatchIndex(line)
	if m == nil {
		return "", line
	}
	return strings.ToLower(line[m[2]:m[3]]), line[m[4]:]
}

// frenchStyle are the countries whose addresses write 12/14 for a building
// on two numbers, not a flat and its building.
var frenchStyle = map[string]bool{"FR": true, "BE": true, "CH": true, "LU": true, "MC": true, "GP": true, "MQ": true,
	"GF": true, "RE": true, "YT": true, "PM": true, "BL": true, "MF": true, "NC": true, "PF": true, "WF": true}

// poBoxes are the ways of writing a post office box, before its number:
// PO Box, P.O. Box, Post Office Box, and the French boîte postale (BP).
var poBoxes = [][]string{{"po", "box"}, {"p", "o", "box"}, {"pobox"}, {"pob"}, {"post", "office", "box"},
	{"bp"}, {"b", "p"}, {"boite", "postale"}}

// poBoxStarts are the first words of poBoxes.
var poBoxStarts = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range poBoxes {
		m[p[0]] = true
	}
	return m
}()

// poBox returns the number of the post office box toks hold, if any.
func poBox(toks []addrToken) (string, bool) {
	for i, t := range toks {
		if !poBoxStarts[t.text] {
			continue
		}
		for _, p := range poBoxes {
			n := i + len(p)
			if n >= len(toks) || !strings.ContainsAny(toks[n].text, "0123456789") {
				continue
			}
			match := true
			for k, w := range p {
				match = match && toks[i+k].text == w && (k == len(p)-1 || !toks[i+k].end)
			}
			if match {
				return toks[n].text, true
			}
		}
	}
	return "", false
}

// ordinalWords write out the ordinals of street names (W 3rd St): each to
// one spelling.
var ordinalWords = map[string]string{
	"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "5th": "fifth", "6th": "sixth",
	"7th": "seventh", "8th": "eighth", "9th": "ninth", "10th": "tenth",
}

// streetEndWords are abbreviations that name a kind of street only at the
// end of the street's name (followed by nothing, a direction or a unit):
// 14 Hagley St, Main St NW, but St John's Road (saint), rue du Dr Roux, rue
// de la Paix.
var streetEndWords = map[string]string{"st": "street", "dr": "drive", "la": "lane", "ter": "terrace", "gr": "grove",
	"cl": "close"}

// compassWords are the points of the compass as street names write them,
// written out. The one- and two-letter forms are read as directions only
// first or last in the street (N Main St, Main St NW), not elsewhere (rue
// E. Zola), nor before a number (the French n° 12).
var compassWords = map[string]string{"n": "north", "s": "south", "e": "east", "w": "west", "ne": "northeast",
	"nw": "northwest", "se": "southeast", "sw": "southwest", "north": "north", "south": "south", "east": "east",
	"west": "west", "northeast": "northeast", "northwest": "northwest", "southeast": "southeast", "southwest": "southwest"}

// atStreetEnd reports whether toks[i] ends the street's name: the last word,
// before a comma, or followed only by directions.
func atStreetEnd(toks []addrToken, i int) bool {
	for ; i < len(toks)-1 && !toks[i].end; i++ {
		if _, ok := compassWords[toks[i+1].text]; !ok {
			return false
		}
	}
	return true
}

// parseAddressLines reads a trimmed address (Trimmed) for comparison: the
// building's house number, the flat or unit (on either line), the street's
// words and the postal code. A line holding only a unit leaves the street
// to the other line; a post office box is number N of street "po box".
// An address in Spain, or with no country and a Spanish line, is read by
// parseSpanishLines.
func parseAddressLines(a Address) (number, unit, street, postal string) {
	country := addressCountry(a.Country)
	if country == "UA" {
		a.Line1, a.Line2 = ukrainianLine(a.Line1), ukrainianLine(a.Line2)
	}
	line1, dashedUnit := a.Line1, ""
	if country == "CA" {
		dashedUnit, line1 = takeCivicUnit(line1)
	}
	toks := addressTokens(line1)
	if country == "" && spanishLine(toks) {
		country = "ES"
	}
	postal = normalPostalCode(a.PostalCode, country)
	if country == "ES" {
		number, unit, street = parseSpanishLines(toks, a.Line2)
		return number, unit, street, postal
	}
	if latinAmerica[country] {
		if country == "GT" {
			if n, s, ok := guatemalanLine(toks); ok {
				return n, unit, spanishStreet(s), postal
			}
		}
		if n, u, s, ok := numberedLine(country, toks); ok && n != "" {
			return n, u, spanishStreet(s), postal // Col. Kennedy, bloque 21, casa 332
		}
		number, unit, street = parseSpanishLines(latinAmericanLine(toks, false), latinAmericanLine2(a.Line2))
		return number, unit, street, postal
	}
	if portugueseCountries[country] {
		number, unit, street = parsePortugueseLines(a.Line1, a.Line2)
		return number, unit, street, postal
	}
	toks, careOf := withoutCareOf(toks)
	if numberedPartsOf[country].hashNumbersHouse {
		for i := range toks {
			if toks[i].text == "#" {
				toks[i].text = "no" // #185, St. 2004: the house's number, which takeUnit would read as a flat's
			}
		}
	}
	unit, toks = takeUnit(toks)
	if unit == "" {
		unit = dashedUnit
	}
	if unit == "" && country != "" && !frenchStyle[country] {
		unit, toks = takeSlashUnit(toks)
	}
	if a.Line2 != "" {
		u2, toks2 := takeUnit(addressTokens(a.Line2))
		switch {
		case unit != "" && len(dropSigns(toks)) == 0 || careOf && len(toks) == 0:
			toks = toks2 // Line1 "Flat 2" or "c/o Andersson", Line2 "12a Milton Road"
		case houseName(toks) && len(toks2) > 1 && plainHouseNumber(toks2[0].text) && !startsWithDigit(toks2[1].text):
			toks = toks2 // Line1 "Rose Cottage", Line2 "10 High Street"
		}
		if unit == "" {
			unit = u2
		}
	}
	toks = dropSigns(toks)
	if n, ok := poBox(toks); ok {
		return n, unit, "po box", postal
	}
	toks = afterBuildingName(toks)
	block := ""
	if country == "PH" {
		block, toks = philippineBlockLot(withoutTower(toks))
	}
	local := countryStreets[country]
	if local.dotted != nil {
		toks = joinDotted(toks, local.dotted)
	}
	var line strings.Builder
	for i, t := range toks {
		if i > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(t.text)
	}
	if n, street, ok := rwandanStreet(country, toks); ok {
		number, toks = n, street
	} else if n, u, street, ok := numberedLine(country, toks); ok {
		number, toks = n, street
		if unit == "" {
			unit = u
		}
	} else if block != "" {
		number, toks = block, streetOnly(toks)
	} else if m := houseNumber.FindStringSubmatch(line.String()); m != nil {
		number = m[1]
		if m[2] != "" {
			number += m[2][:1] // 12 bis → 12b
		}
		toks = streetOnly(tokensAfter(toks, len(m[0])))
	} else {
		var rest []addrToken
		number, toks, rest = trailingNumber(toks)
		if unit == "" && nordicCountries[country] {
			unit = nordicUnit(rest)
		}
	}
	out := make([]string, 0, len(toks))
	last := len(toks) - 1
	for i, t := range toks {
		w := t.text
		if full, ok := local.words[w]; ok {
			w = full
		} else if w == "str" && !englishStyle[country] {
			w = "strasse" // Str. is German (Haupt Str.), written out by germanStreet
		} else if full, ok := streetEndWords[w]; ok && atStreetEnd(toks, i) {
			w = full
		} else if full, ok := compassWords[w]; ok && (len(w) > 2 || (i == 0 || atStreetEnd(toks, i)) &&
			!(w == "n" && i < last && allDigits(toks[i+1].text))) {
			w = full
		} else if full, ok := ordinalWords[w]; ok {
			w = full
		} else if full, ok := streetWords[w]; ok {
			w = full
		}
		if w != "" {
			out = append(out, w)
		}
	}
	if nordicCountries[country] {
		out = nordicStreet(out)
	}
	return number, unit, germanStreet(out), postal
}

// rwandanStreet reads a line of Rwanda's street addressing: the street
// first, named by its district's two letters, a number and its kind (KN 3
// Ave, KG 541 St, KK 15 Rd), then the house's number, after No or not (KN
// 3 Ave 47, KN 5 Rd, No 36). The street's number is no house number: KN 3
// Ave 47 and KN 3 Ave 95 are two homes of one street.
func rwandanStreet(country string, toks []addrToken) (number string, street []addrToken, ok bool) {
	if country != "RW" || len(toks) < 3 || len(toks[0].text) != 2 || !isLetters(toks[0].text) ||
		!allDigits(toks[1].text) || !rwandanStreetKinds[toks[2].text] {
		return "", nil, false
	}
	for _, t := range toks[3:] {
		if plainHouseNumber(t.text) {
			return t.text, toks[:3], true
		}
	}
	return "", toks[:3], true
}

// rwandanStreetKinds are the kinds of street Rwanda's street names end
// with, folded as addressTokens writes them.
var rwandanStreetKinds = setOf("ave", "av", "avenue", "rd", "road", "st", "street")

// joinDotted joins the abbreviations that a dot inside splits in two
// words (a country's dotted: the Italian V.le is viale, P.zza piazza).
func joinDotted(toks []addrToken, dotted map[[2]string]string) []addrToken {
	out := toks[:0:0]
	for i := 0; i < len(toks); i++ {
		if i+1 < len(toks) {
			if full, ok := dotted[[2]string{toks[i].text, toks[i+1].text}]; ok {
				out = append(out, addrToken{text: full, end: toks[i+1].end})
				i++
				continue
			}
		}
		out = append(out, toks[i])
	}
	return out
}

// englishStyle are the countries whose addresses write Str. for Street.
var englishStyle = map[string]bool{"GB": true, "US": true, "IE": true, "CA": true, "AU": true, "NZ": true}

// trailingNumber reads the house number written after the street, as
// German, Dutch, Italian and Nordic addresses do (Leopoldstraße 6, Am
// Markt Nr. 94, Hauptstraße 12 a; Spanish ones: spanishNumber): the first
// number after a word, with its letter. The street is the words before
// it; what follows (a floor, a back building: 2. OG, Hinterhaus) is the
// rest, no part of the street. The street is toks unchanged when they
// hold no such number.
//
// A day before a month's name, or a year after one, is a date the street
// is named after, not a house number: rue du 8 Mai 1945 has none, Straße
// des 17. Juni 135 is at 135.
func trailingNumber(toks []addrToken) (number string, street, rest []addrToken) {
	for i := 1; i < len(toks); i++ {
		n := toks[i].text
		if !plainHouseNumber(n) {
			continue
		}
		if len(n) <= 2 && dayOfMonth(toks[i+1:]) || len(n) == 4 && monthWords[toks[i-1].text] && n >= "1800" && n < "2100" {
			continue // a day before a month, a year after one
		}
		if i+1 < len(toks) && allDigits(n) && !toks[i].end && len(toks[i+1].text) == 1 && toks[i+1].text[0] >= 'a' && toks[i+1].text[0] <= 'd' {
			n += toks[i+1].text // 12 a → 12a
		}
		street := toks[:i]
		if w := street[len(street)-1].text; w == "nr" || w == "no" || w == "n" {
			street = street[:len(street)-1]
		}
		if len(street) == 0 {
			return "", toks, nil
		}
		end := i + 1
		if len(n) > len(toks[i].text) {
			end++ // 12 a
		}
		return n, street, toks[end:]
	}
	return "", toks, nil
}

// houseName reports whether a first line holds words and no digit: a
// house's name (Rose Cottage, The Old Rectory), whose street and number a
// British or Irish address writes on the next line.
func houseName(toks []addrToken) bool {
	return len(toks) > 0 && !slices.ContainsFunc(toks, func(t addrToken) bool {
		return strings.ContainsFunc(t.text, unicode.IsDigit)
	})
}

// plainHouseNumber reports whether a word is a house number: digits, and
// a letter at most (10, 12a), not an ordinal (2nd floor).
func plainHouseNumber(w string) bool {
	digits := strings.TrimRightFunc(w, unicode.IsLetter)
	return digits != "" && allDigits(digits) && len(w)-len(digits) <= 1
}

// dayOfMonth reports whether the words after a number of one or two digits
// are a month's name, or "de" or "di" and a month's name: the number is a
// day the street is named after (Via 20 Settembre, Avenida 9 de Julio,
// Rua 7 de Setembro).
func dayOfMonth(after []addrToken) bool {
	if len(after) > 1 && (after[0].text == "de" || after[0].text == "di") {
		after = after[1:]
	}
	return len(after) > 0 && monthWords[after[0].text]
}

// monthWords are the months' names, folded, in the languages whose streets
// are named after dates (trailingNumber).
var monthWords = map[string]bool{
	"janvier": true, "fevrier": true, "mars": true, "avril": true, "mai": true, "juin": true, "juillet": true,
	"aout": true, "septembre": true, "octobre": true, "novembre": true, "decembre": true,
	"januar": true, "februar": true, "marz": true, "juni": true, "juli": true, "august": true, "oktober": true, "dezember": true,
	"enero": true, "febrero": true, "marzo": true, "abril": true, "mayo": true, "junio": true, "julio": true, "agosto": true,
	"septiembre": true, "octubre": true, "noviembre": true, "diciembre": true,
	"january": true, "february": true, "march": true, "april": true, "june": true, "july": true,
	"september": true, "october": true, "november": true, "december": true,
	"gennaio": true, "febbraio": true, "aprile": true, "maggio": true, "giugno": true, "luglio": true,
	"settembre": true, "ottobre": true, "dicembre": true,
	"janeiro": true, "fevereiro": true, "marco": true, "maio": true, "junho": true, "julho": true,
	"setembro": true, "outubro": true, "novembro": true, "dezembro": true,
	"januari": true, "februari": true, "maart": true, "mei": true, "augustus": true,
}

// germanStreet writes a German or Dutch street's type one way:
// Theresienstr., Theresienstraße and Theresien-Straße are
// theresienstrasse, Schleißheimer Straße and Schleissheimer Str.
// schleissheimerstrasse, Nieuwstraat and Nieuwstr. nieuwstrasse.
func germanStreet(words []string) string {
	out := words[:0:0]
	for _, w := range words {
		if strings.HasSuffix(w, "str") {
			w += "asse"
		} else if stem, ok := strings.CutSuffix(w, "straat"); ok {
			w = stem + "strasse"
		}
		if w == "strasse" && len(out) > 0 {
			out[len(out)-1] += w
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// addressCountry returns a trimmed address's country as its upper-cased
// ISO code: Spain written by its name (España, Spain) is ES.
func addressCountry(c string) string { return strings.ToUpper(strings.TrimSpace(CountryCode(c))) }

// spanishStreetTypes are the kinds of street that begin a Spanish or
// Catalan street line, written out or abbreviated, read only as the
// line's first word (C/ Mayor, Cl. Mayor, Avda. Mediterráneo, Pº de la
// Castellana: Pº is p once its º is cut off). Each is written as the
// French or English type the rest of the reading knows (calle as street,
// avenida as avenue, which Av. reads as everywhere, plaza as place, as
// Pl.), so blocking keys the street's name, not its type.
var spanishStreetTypes = map[string]string{
	"c": "street", "cl": "street", "cll": "street", "calle": "street", "carrer": "street",
	"av": "avenue", "avd": "avenue", "avda": "avenue", "avenida": "avenue", "avgda": "avenue", "avinguda": "avenue",
	"p": "promenade", "ps": "promenade", "pso": "promenade", "pseo": "promenade", "paseo": "promenade",
	"pg": "promenade", "passeig": "promenade",
	"pl": "place", "plz": "place", "pza": "place", "plza": "place", "plaza": "place", "placa": "place",
	"ctra": "route", "crta": "route", "carretera": "route",
	"rda": "ronda", "ronda": "ronda", "trav": "travesia", "trv": "travesia", "travesia": "travesia",
	"gta": "glorieta", "glorieta": "glorieta",
}

// spanishLine reports whether a line of an address with no country is
// Spanish: it begins with a Spanish street type (C/, C., Calle, Avda.,
// Pº; not Av., Pl. or P., which French, Belgian and PO box lines begin
// with too), or a number carries º or ª (7º, 2ª).
func spanishLine(toks []addrToken) bool {
	if len(toks) < 2 || startsWithDigit(toks[0].text) {
		return false
	}
	switch first, next := toks[0].text, toks[1].text; {
	case first == "c": // C/ Mayor, C. Mayor; not c/o
		if next == "/" && len(toks) > 2 {
			next = toks[2].text
		}
		return next != "o"
	case first == "pº" || first == "p" && next == "º":
		return true
	case first != "av" && first != "pl" && first != "p" && spanishStreetTypes[first] != "":
		return true
	}
	for _, t := range toks {
		if i := strings.IndexAny(t.text, "ºª"); i > 0 && t.text[i-1] >= '0' && t.text[i-1] <= '9' {
			return true
		}
	}
	return false
}

// parseSpanishLines reads the lines of a Spanish address: the street, the
// house number written after it, and as the unit the floor and door
// written after the number or alone on the second line (spanishUnit).
func parseSpanishLines(toks []addrToken, line2 string) (number, unit, street string) {
	toks = dropSigns(toks)
	if n, ok := poBox(toks); ok {
		return n, "", "po box"
	}
	streetToks, number, rest := spanishNumber(splitOrdinals(toks))
	unit, _ = spanishUnit(rest)
	if unit == "" && line2 != "" {
		if u, all := spanishUnit(splitOrdinals(dropSigns(addressTokens(line2)))); all {
			unit = u
		}
	}
	return number, unit, spanishStreet(streetToks)
}

// latinAmerica are the Spanish-speaking countries of the Americas, whose
// addresses read as Spain's do (the street, its number after it, núm.
// 2314 or #785) with an interior for a door (Int. 5, Depto. 3) and the
// neighbourhood after them (Col. Del Valle).
var latinAmerica = setOf("MX", "AR", "CO", "CL", "PE", "VE", "EC", "GT", "CU", "BO", "DO", "HN", "PY", "SV",
	"NI", "CR", "PA", "UY")

// latinAmericanDoors are the words before a flat's number or letter in
// Latin America (Int. B, interior 5, Depto. 3), read as Spain's puerta.
var latinAmericanDoors = setOf("int", "interior", "depto", "dpto", "departamento", "dep", "apto", "apartamento")

// numberedStreetTypes are the kinds of street that Latin American cities
// number rather than name (Calle 25, Pasaje 3, Avenida 5, Carrera 7).
var numberedStreetTypes = setOf("calle", "c", "cl", "pasaje", "pje", "psje", "avenida", "av", "ave", "avda", "carrera",
	"cra", "kr", "diagonal", "dg", "transversal", "tv", "senda")

// numberedStreets joins a numbered street's number to its kind where the
// house's number follows it, after #, No. or alone (Calle 25 #148, Pasaje 3
// No. 123, Calle 25 148), so that the street's number is read as its name
// (calle25), not as the house's.
func numberedStreets(toks []addrToken) []addrToken {
	for i := 0; i+2 < len(toks); i++ {
		t, n, next := toks[i], toks[i+1], toks[i+2]
		if !numberedStreetTypes[t.text] || t.end || !allDigits(n.text) || n.end || i > 0 && startsWithDigit(toks[i-1].text) {
			continue // 7a. Calle 11-73: Guatemala's street number comes before the kind, its house's after
		}
		if next.text == "#" || spanishNumberMarks[next.text] || startsWithDigit(next.text) {
			joined := slices.Clone(toks[:i])
			joined = append(joined, addrToken{text: t.text + n.text})
			return append(joined, toks[i+2:]...)
		}
	}
	return toks
}

// neighbourhoodWords begin the neighbourhood written after a Latin
// American street and number (Col. Del Valle, Fracc. Las Américas, Barrio
// San Juan): no part of the street or the door.
var neighbourhoodWords = setOf("col", "colonia", "fracc", "fraccionamiento", "barrio", "urb", "urbanizacion")

// latinAmericanLine reads a Latin American address line as Spain writes
// one: the neighbourhood after the number cut off, an interior written
// as a door. afterNumber says the line follows one holding the number (a
// second line), where a neighbourhood may come first.
func latinAmericanLine(toks []addrToken, afterNumber bool) []addrToken {
	toks = numberedStreets(toks)
	out := make([]addrToken, 0, len(toks))
	for i, t := range toks {
		switch {
		case t.text == "entre" || t.text == "e" && i+1 < len(toks) && toks[i+1].text == "/":
			// Calle 25 #148 e/ D y M: the streets the block lies between,
			// which one record writes and another not.
			if len(out) > 0 {
				out[len(out)-1].end = true
			}
			return out
		case afterNumber && neighbourhoodWords[t.text]:
			if len(out) > 0 {
				out[len(out)-1].end = true
			}
			return out
		case latinAmericanDoors[t.text]:
			t.text = "puerta"
		}
		afterNumber = afterNumber || startsWithDigit(t.text)
		out = append(out, t)
	}
	return out
}

// latinAmericanLine2 is a second line read as latinAmericanLine reads the
// first: a line that is the neighbourhood alone says nothing of the home.
func latinAmericanLine2(line string) string {
	var words []string
	for _, t := range latinAmericanLine(addressTokens(line), true) {
		words = append(words, t.text)
	}
	return strings.Join(words, " ")
}

// philippineBlockLot reads the block and lot that number a home in a
// Philippine subdivision (Blk 3 Lot 4, Blk. 3, Lot 4, B39 L30, Block 39
// Lot 30) as its house number, "3-4", and the line without them.
func philippineBlockLot(toks []addrToken) (string, []addrToken) {
	var block, lot string
	rest := make([]addrToken, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		w := toks[i].text
		switch {
		case (w == "blk" || w == "block" || w == "b") && i+1 < len(toks) && allDigits(toks[i+1].text) && block == "":
			block, i = toks[i+1].text, i+1
		case (w == "lot" || w == "l") && i+1 < len(toks) && allDigits(toks[i+1].text) && lot == "":
			lot, i = toks[i+1].text, i+1
		case len(w) > 1 && (w[0] == 'b' || w[0] == 'l') && allDigits(w[1:]) && (w[0] == 'b' && block == "" || w[0] == 'l' && lot == ""):
			if w[0] == 'b' {
				block = w[1:]
			} else {
				lot = w[1:]
			}
		default:
			rest = append(rest, toks[i])
		}
	}
	if block == "" || lot == "" {
		return "", toks
	}
	return strings.TrimLeft(block, "0") + "-" + strings.TrimLeft(lot, "0"), rest
}

// towerWords name one building of a Philippine condominium (Unit 12B,
// Tower 2, 123 Ayala Ave), which records write or leave out.
var towerWords = setOf("tower", "twr", "bldg", "building")

// withoutTower drops a condominium's tower and its number or letter from
// a Philippine line: the unit and the street number say the home.
func withoutTower(toks []addrToken) []addrToken {
	out := make([]addrToken, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		if towerWords[toks[i].text] && i+1 < len(toks) && (allDigits(toks[i+1].text) || oneLetter(toks[i+1].text)) {
			if toks[i+1].end && len(out) > 0 {
				out[len(out)-1].end = true
			}
			i++
			continue
		}
		out = append(out, toks[i])
	}
	return out
}

// splitOrdinals cuts the ordinal signs º and ª out of toks' words,
// splitting a word they stand inside: 7ºA is 7 A, nº and n.º are n, Pº is
// p.
func splitOrdinals(toks []addrToken) []addrToken {
	out := make([]addrToken, 0, len(toks)+2)
	for _, t := range toks {
		if !strings.ContainsAny(t.text, "ºª") {
			out = append(out, t)
			continue
		}
		parts := strings.FieldsFunc(t.text, func(r rune) bool { return r == 'º' || r == 'ª' })
		for i, p := range parts {
			out = append(out, addrToken{text: p, end: t.end && i == len(parts)-1})
		}
		if len(parts) == 0 && t.end && len(out) > 0 {
			out[len(out)-1].end = true
		}
	}
	return out
}

// spanishNumberMarks are the words before a Spanish house number: nº,
// n.º, núm., número.
var spanishNumberMarks = map[string]bool{"n": true, "no": true, "nr": true, "nro": true, "num": true, "numero": true}

// spanishNumber splits a Spanish line at its house number, written after
// the street (Calle Mayor 12; Calle Mayor, nº 12) or, rarely, before it:
// the street's words, the number, and the words after it (floor, door).
// A number followed by "de" names the street (Calle 2 de Mayo, 5); a
// letter after the number, joined or not, is the door (12B, 12 B), which
// is how Spanish lines write a door on a floorless building; "bis" stays
// on the number. A line with no number is all street.
func spanishNumber(toks []addrToken) (street []addrToken, number string, rest []addrToken) {
	if len(toks) > 2 && spanishNumberMarks[toks[0].text] && allDigits(toks[1].text) {
		toks = toks[1:] // Nº 12, Calle Mayor
	}
	if len(toks) > 1 && allDigits(toks[0].text) {
		i := 1
		for i < len(toks) && !startsWithDigit(toks[i].text) {
			i++
		}
		return toks[1:i], toks[0].text, toks[i:]
	}
	for i := 1; i < len(toks); i++ {
		t := toks[i]
		n := len(t.text) - len(strings.TrimLeft(t.text, "0123456789"))
		digits, suffix := t.text[:n], t.text[n:]
		if n == 0 || n > 4 || suffix != "" && suffix != "bis" && !oneLetter(suffix) ||
			suffix == "" && !t.end && i+1 < len(toks) && (toks[i+1].text == "de" || toks[i+1].text == "del") {
			continue
		}
		street = toks[:i]
		for len(street) > 0 && spanishNumberMarks[street[len(street)-1].text] {
			street = street[:len(street)-1]
		}
		if len(street) == 0 {
			continue
		}
		number, rest = digits, toks[i+1:]
		switch {
		case suffix == "bis":
			number += suffix
		case suffix != "":
			rest = append([]addrToken{{text: suffix, end: t.end}}, rest...)
		case !t.end && len(rest) > 0 && rest[0].text == "bis":
			number, rest = number+"bis", rest[1:]
		}
		return street, number, rest
	}
	return toks, "", nil
}

func oneLetter(s string) bool { return len(s) == 1 && s[0] >= 'a' && s[0] <= 'z' }

// spanishFloors are the floors named by a word, in Spanish and Catalan,
// each written one way.
var spanishFloors = map[string]string{
	"bajo": "bajo", "bj": "bajo", "bjo": "bajo", "bajos": "bajo", "baix": "bajo", "baixos": "bajo",
	"entlo": "entresuelo", "entl": "entresuelo", "entresuelo": "entresuelo", "entresol": "entresuelo",
	"principal": "principal", "pral": "principal", "ppal": "principal",
	"atico": "atico", "atic": "atico", "sobreatico": "sobreatico",
	"sotano": "sotano", "semisotano": "semisotano", "local": "local",
}

// spanishSides are the doors named by their side of the landing: left,
// right, centre.
var spanishSides = map[string]string{
	"izq": "izq", "izqda": "izq", "izda": "izq", "izdo": "izq", "izqdo": "izq", "izquierda": "izq",
	"izquierdo": "izq", "esquerra": "izq",
	"dch": "dch", "dcha": "dch", "dcho": "dch", "drch": "dch", "drcha": "dch", "dr": "dch", "dra": "dch",
	"der": "dch", "derecha": "dch", "derecho": "dch", "dreta": "dch",
	"ctro": "centro", "centro": "centro",
}

// spanishStairWords introduce a staircase or block, spanishDoorWords a
// door, before its letter or number: esc. B, puerta 3, pta. 3.
var (
	spanishStairWords = map[string]bool{"esc": true, "escal": true, "escalera": true, "escala": true,
		"portal": true, "bloque": true, "blq": true}
	spanishDoorWords = map[string]bool{"puerta": true, "pta": true, "pt": true, "prta": true, "porta": true}
)

// spanishUnitFillers are words a floor is written with and that say
// nothing more: 3º planta, piso 2.
var spanishUnitFillers = map[string]bool{"planta": true, "plta": true, "pl": true, "piso": true, "pis": true}

// ordinalEnds are what a floor's number may carry instead of º: 2o, 1er,
// 2do.
var ordinalEnds = map[string]bool{"o": true, "er": true, "ero": true, "ro": true, "do": true, "to": true}

// spanishUnitValue reads the word after esc. or puerta: a side, a number
// or a letter; "" when it is none.
func spanishUnitValue(w string) string {
	n := len(w) - len(strings.TrimLeft(w, "0123456789"))
	switch {
	case spanishSides[w] != "":
		return spanishSides[w]
	case n > 0 && n <= 3 && (n == len(w) || ordinalEnds[w[n:]]):
		return w[:n]
	case oneLetter(w):
		return w
	}
	return ""
}

// spanishUnit reads the floor and door of a Spanish address (2º A, 2ºIzq,
// 5 IZQ., bajo C, Entlo. derecha, Ático 3, esc. B 3º 1ª, puerta 3) as
// "stair|floor|door". The first number is the floor and what follows it
// (a letter, a side, a number) the door; a lone letter or side is the
// door. all reports whether every word was read so, as a second line
// holding only the unit is.
func spanishUnit(toks []addrToken) (unit string, all bool) {
	var stair, floor, door string
	put := func(v string) { // a number or a letter: the floor first, then the door
		switch {
		case floor == "" && door == "" && startsWithDigit(v):
			floor = v
		case door == "":
			door = v
		}
	}
	all = true
	for i := 0; i < len(toks); i++ {
		w := toks[i].text
		n := len(w) - len(strings.TrimLeft(w, "0123456789"))
		switch suffix := w[n:]; {
		case spanishStairWords[w] || spanishDoorWords[w]:
			v := ""
			if i+1 < len(toks) {
				v = spanishUnitValue(toks[i+1].text)
			}
			switch {
			case v == "":
				all = false
			case spanishStairWords[w]:
				stair, i = cmp.Or(stair, v), i+1
			default:
				door, i = cmp.Or(door, v), i+1
			}
		case spanishUnitFillers[w]:
		case spanishFloors[w] != "":
			floor = cmp.Or(floor, spanishFloors[w])
		case spanishSides[w] != "":
			door = cmp.Or(door, spanishSides[w])
		case n > 0 && n <= 3 && (suffix == "" || ordinalEnds[suffix]):
			put(w[:n])
		case n > 0 && n <= 3 && (oneLetter(suffix) || spanishSides[suffix] != ""):
			put(w[:n]) // 2A, 2izq: floor 2, door A
			put(cmp.Or(spanishSides[suffix], suffix))
		case n == 0 && oneLetter(w) && w != "y":
			put(w)
		default:
			all = false
		}
	}
	if stair == "" && floor == "" && door == "" {
		return "", all
	}
	return stair + "|" + floor + "|" + door, all
}

// spanishWords are the words of a Spanish street's name written one way:
// the connecting words dropped (Calle de Alcalá is Calle Alcalá; Carrer
// d'Aragó), the titles written out.
var spanishWords = map[string]string{
	"de": "", "del": "", "la": "", "las": "", "los": "", "el": "", "d": "", "l": "", "dels": "", "les": "",
	"sta": "santa", "sto": "santo", "dr": "doctor", "dra": "doctora", "gral": "general", "ntra": "nuestra",
	"sra": "senora", "hnos": "hermanos",
}

// spanishStreet writes a Spanish street's words: its type (the first
// word: spanishStreetTypes) and its name (spanishWords).
func spanishStreet(toks []addrToken) string {
	words := make([]string, 0, len(toks))
	for i, t := range toks {
		w := t.text
		if full, ok := spanishStreetTypes[w]; ok && i == 0 {
			w = full
		} else if full, ok := spanishWords[w]; ok {
			w = full
		}
		if w != "" {
			words = append(words, w)
		}
	}
	return strings.Join(words, " ")
}

// dropSigns drops the "#" and "/" signs left in toks, a comma after one
// passing to the word before.
func dropSigns(toks []addrToken) []addrToken {
	out := toks[:0:0]
	for _, t := range toks {
		switch {
		case t.text != "#" && t.text != "/":
			out = append(out, t)
		case t.end && len(out) > 0:
			out[len(out)-1].end = true
		}
	}
	return out
}

// afterBuildingName drops the name of a building or a place written first,
// before a comma and the house number with its street (Résidence Les
// Tilleuls, 63 chemin du Moulin; Rose Cottage, 12 High Street): the parts
// of the line before the first that begins with a number hold no digit.
// A number after the comma with no street after it is the street's own:
// Via Roma, 12; Via Guglielmo Marconi, 15/B; Via Nazionale, 35 Scala A
// (a staircase, floorWords).
func afterBuildingName(toks []addrToken) []addrToken {
	for i, t := range toks {
		switch {
		case strings.ContainsAny(t.text, "0123456789"):
			return toks // the number comes first, or the line's first part has one
		case t.end && i+2 < len(toks) && startsWithDigit(toks[i+1].text) && !toks[i+1].end && streetAfter(toks[i+2:]):
			return toks[i+1:]
		}
	}
	return toks
}

// streetAfter reports whether what follows a house number starts with a
// street's word: a word of two letters or more, not a flat's or a floor's.
func streetAfter(toks []addrToken) bool {
	for _, t := range toks {
		switch {
		case t.text == "/" || len(t.text) == 1 && t.text[0] >= 'a' && t.text[0] <= 'z':
			continue // 15/B, 12 a: the number's letter
		case unitWords[t.text] || floorWords[t.text] || startsWithDigit(t.text):
			return false
		}
		return true
	}
	return false
}

// floorWords name a staircase, a floor or a flat in Italian addresses
// (Scala A, Int. 11, Piano 4), which follow the house number.
var floorWords = map[string]bool{"scala": true, "sc": true, "int": true, "interno": true, "piano": true}

// streetOnly returns the street's words after the house number: up to the
// first comma that follows one of them. What the line adds after it (a
// building, a floor, the town: 12, rue de la Gare, Bât. A, 1er étage) is no
// part of the street's name.
func streetOnly(toks []addrToken) []addrToken {
	for i, t := range toks {
		if t.end {
			return toks[:i+1]
		}
	}
	return toks
}

// tokensAfter returns the words of toks after the first n bytes of their
// text joined by spaces (what houseNumber matched), a word cut by n kept
// for its end.
func tokensAfter(toks []addrToken, n int) []addrToken {
	pos := 0
	for i, t := range toks {
		start, end := pos, pos+len(t.text)
		pos = end + 1
		switch {
		case end <= n:
			continue
		case start >= n:
			return toks[i:]
		}
		return append([]addrToken{{text: t.text[n-start:], end: t.end}}, toks[i+1:]...)
	}
	return nil
}

func allDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// digitCodeLengths are the countries whose postal codes are digits, some
// beginning with 0, with their length: Alicante 03009, Ain 01000, Dresden
// 01067, Rome 00184, Mexico City 01000, Espoo 02100, São Paulo 01310-100.
// A code one digit short lost its leading zero in a spreadsheet.
var digitCodeLengths = map[string]int{"ES": 5, "FR": 5, "DE": 5, "IT": 5, "MX": 5, "FI": 5, "BR": 8}

// codeSeparators are the dashes and dots written inside a code of digits.
var codeSeparators = strings.NewReplacer("-", "", ".", "")

// normalPostalCode writes a postal code for comparison: upper case, no
// spaces (SW1A 1AA, sw1a1aa), a US ZIP+4 cut to its ZIP (30324-9116), a
// code of digits without the dashes and dots written inside it (the
// Brazilian 01310-100, 01.310-100, CEP 01310-100 and 01310100 are one
// code; Portugal's 1000-001, Poland's 00-950), a country written before
// the code (SE-113 45, DK-8000, D-10115), and a code that lost its
// leading zero in a spreadsheet padded: in the US a ZIP (7024 → 07024,
// 501 → 00501), elsewhere a code of digits one short (digitCodeLengths:
// 3009 → 03009, 1310-100 → 01310100).
func normalPostalCode(code, country string) string {
	p := strings.ToUpper(strings.Join(strings.Fields(code), ""))
	if len(p) == 10 && p[5] == '-' && allDigits(p[:5]) && allDigits(p[6:]) {
		return p[:5]
	}
	switch country {
	case "BR":
		p = strings.TrimPrefix(strings.TrimPrefix(p, "CEP"), ":") // CEP 01310-100
	case "GR", "CY":
		p = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(p, "Τ.Κ."), "ΤΚ"), ":") // ΤΚ 10563, Τ.Κ. 105 63
	}
	p = withoutCountryPrefix(p, country)
	if digits := codeSeparators.Replace(p); country != "US" && digits != p && allDigits(digits) {
		p = digits
	}
	if n := digitCodeLengths[country]; len(p) == n-1 && allDigits(p) {
		return "0" + p // 3009 for 03009, 1310-100 for 01310-100
	}
	if country != "US" {
		return p
	}
	if i := strings.IndexByte(p, '-'); i > 0 && len(p)-i == 5 && allDigits(p[i+1:]) {
		p = p[:i]
	}
	switch {
	case len(p) == 9 && allDigits(p):
		p = p[:5]
	case (len(p) == 3 || len(p) == 4) && allDigits(p):
		p = strings.Repeat("0", 5-len(p)) + p
	}
	return p
}

// sameUnit reports whether two flats of one building may be one home:
// the same, or missing on one side. Two flats of one building are two
// households (flatmates, neighbours), not one address. Spanish units
// ("stair|floor|door": spanishUnit) are compared part by part, a part
// missing on one side agreeing: 2º and 2º A may be one home, 2º A and 3º A
// are not.
func sameUnit(a, b string) bool {
	if a == "" || b == "" || a == b {
		return true
	}
	pa, pb := strings.Split(a, "|"), strings.Split(b, "|")
	if len(pa) != 3 || len(pb) != 3 {
		return false
	}
	for i := range pa {
		if pa[i] != "" && pb[i] != "" && pa[i] != pb[i] {
			return false
		}
	}
	return true
}

// withoutCareOf drops the "c/o" part written first on a line (c/o
// Andersson, Storgatan 12: the household the post goes through), up to its
// comma; a line that is only that part leaves none. It reports whether
// the line began with one.
func withoutCareOf(toks []addrToken) ([]addrToken, bool) {
	if len(toks) < 3 || toks[0].text != "c" || toks[1].text != "/" || toks[2].text != "o" {
		return toks, false
	}
	for i, t := range toks {
		if t.end {
			return toks[i+1:], true
		}
	}
	if !strings.ContainsAny(toks[len(toks)-1].text, "0123456789") {
		return nil, true // the whole line: the street is on the other
	}
	return toks, true
}

// withoutCountryPrefix returns a postal code (upper case, no spaces)
// without the country written before it, as European mail addressed
// abroad writes it: letters and a dash before a digit (SE-113 45, DK-8000,
// the old D-10115 and F-75001), or the address's own country code before
// digits alone (SE 113 45).
func withoutCountryPrefix(p, country string) string {
	i := strings.IndexByte(p, '-')
	if i >= 1 && i <= 3 && i+1 < len(p) && isLetters(p[:i]) && startsWithDigit(p[i+1:]) {
		return p[i+1:]
	}
	if country != "" && len(p) > len(country) && strings.HasPrefix(p, country) && allDigits(p[len(country):]) {
		return p[len(country):]
	}
	return p
}

// townFromLine reads the postal code and the town of an address typed
// whole on its first line, after the street and a comma, when the postal
// code and town fields are empty: Storgatan 12, 113 45 Stockholm; 12 rue
// de la Paix, 75002 Paris; Rua Augusta 147, 01305-000 São Paulo. The
// code is digits (with the country or a dash before them, or split in
// two, 113 45), the town the words after it.
func townFromLine(a Address) Address {
	if a.PostalCode != "" || a.City != "" || englishStyle[a.Country] {
		return a // in English-speaking countries a number after a comma is a house's: Apt 5, 1234 Main Street
	}
	i := strings.LastIndexByte(a.Line1, ',')
	if i <= 0 {
		return a
	}
	words := strings.Fields(a.Line1[i+1:])
	if len(words) < 2 {
		return a
	}
	code, n := withoutCountryPrefix(strings.ToUpper(words[0]), a.Country), 1 // SE-113 45
	if len(code) == 3 && allDigits(code) && len(words) > 2 && len(words[1]) == 2 && allDigits(words[1]) {
		code, n = code+words[1], 2 // 113 45
	}
	digits := strings.Replace(code, "-", "", 1)
	if len(digits) < 4 || len(digits) > 8 || !allDigits(digits) || n == len(words) {
		return a
	}
	for _, w := range addressTokens(strings.Join(words[n:], " ")) {
		if streetTypes[w.text] || streetTypes[streetWords[w.text]] {
			return a // 1234 Main Street: a house number and its street
		}
	}
	a.PostalCode, a.City, a.Line1 = code, strings.Join(words[n:], " "), strings.TrimSpace(a.Line1[:i])
	return a
}
