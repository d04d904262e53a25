package matcher

import "strings"

// Addresses in Brazil and Portugal put the house number after the street
// and a comma, the flat after the number, and in Brazil the neighbourhood
// (bairro) last, after a dash or on the second line:
//
//	Rua Augusta, 1500, apto 42 - Consolação
//	Av. Paulista 1000 - Bela Vista
//	Estrada do Tindiba, n. 552, ap 602
//	Rua Augusta 25, 2º Esq.
//
// parsePortugueseLines reads them: the street is the words before the
// number, the unit the flat or house after it (or on the second line),
// and the neighbourhood is no part of either.

// portugueseCountries are the countries whose addresses read so.
var portugueseCountries = map[string]bool{"BR": true, "PT": true}

// portugueseStreetTypes are the kinds of street of Brazilian and
// Portuguese addresses, abbreviated (R. is rua there, not rue) or written
// out, each to one word: a type, not a street's own name (mainWord).
var portugueseStreetTypes = map[string]string{
	"r": "rua", "av": "avenida", "avd": "avenida", "avda": "avenida", "avn": "avenida", "al": "alameda",
	"tv": "travessa", "trav": "travessa", "estr": "estrada", "est": "estrada", "rod": "rodovia",
	"pc": "praca", "pca": "praca", "lg": "largo", "lgo": "largo", "lad": "ladeira",
	"rua": "rua", "avenida": "avenida", "alameda": "alameda", "travessa": "travessa", "estrada": "estrada",
	"rodovia": "rodovia", "praca": "praca", "largo": "largo", "ladeira": "ladeira", "viela": "viela", "beco": "beco",
}

// portugueseStreetWords write out the titles of the people streets are
// named after (Av. Brig. Faria Lima, Rua Dr. Arnaldo) and leave aside the
// small words (de, da, dos).
var portugueseStreetWords = map[string]string{
	"dr": "doutor", "dra": "doutora", "prof": "professor", "profa": "professora", "eng": "engenheiro",
	"gen": "general", "gal": "general", "cel": "coronel", "cap": "capitao", "ten": "tenente", "mal": "marechal",
	"brig": "brigadeiro", "alm": "almirante", "pres": "presidente", "sen": "senador", "dep": "deputado",
	"gov": "governador", "pe": "padre", "fr": "frei", "d": "dom", "sta": "santa", "sto": "santo", "s": "sao",
	"de": "", "da": "", "do": "", "das": "", "dos": "", "e": "",
}

// portugueseNumberMarks are the words before a house number: n., nº, no,
// núm., número.
var portugueseNumberMarks = map[string]bool{"n": true, "no": true, "nr": true, "nro": true, "num": true, "numero": true}

// portugueseUnitWords introduce a flat or a house of a lot: apto 42, ap.
// 301, apartamento 5, casa 2, cs 6, sala 12.
var portugueseUnitWords = map[string]string{
	"ap": "", "apt": "", "apto": "", "apart": "", "apartamento": "",
	"casa": "c", "cs": "c", "sala": "s", "sl": "s", "conj": "cj", "cj": "cj", "loja": "l", "lj": "l",
}

// portugueseSides are the Portuguese flat's side after its floor: 2º Esq.,
// 3º Dto.
var portugueseSides = map[string]string{"esq": "e", "esquerdo": "e", "dto": "d", "dt": "d", "dir": "d",
	"direito": "d", "fte": "f", "frente": "f", "tras": "t"}

// portugueseMonths are the months' names, folded, of the streets named
// after a date: Rua 25 de Março, Avenida Sete de Setembro.
var portugueseMonths = map[string]bool{
	"janeiro": true, "fevereiro": true, "marco": true, "abril": true, "maio": true, "junho": true, "julho": true,
	"agosto": true, "setembro": true, "outubro": true, "novembro": true, "dezembro": true,
}

// parsePortugueseLines reads the lines of a Brazilian or Portuguese
// address: the street, the house number after it, and the flat after the
// number, after a dash (Rua Augusta 25 - 2º Dto.) or on the second line.
// What else follows a dash (" - Bela Vista") is the neighbourhood.
func parsePortugueseLines(line1, line2 string) (number, unit, street string) {
	head, tail := cutDash(line1)
	toks := dropSigns(splitOrdinals(withoutNoNumber(addressTokens(head))))
	if n, ok := poBox(toks); ok {
		return n, "", "po box"
	}
	streetToks, number, rest := portugueseNumber(toks)
	unit = portugueseUnit(rest)
	for _, more := range []string{tail, line2} {
		if unit == "" && more != "" {
			unit = portugueseUnit(dropSigns(splitOrdinals(addressTokens(more))))
		}
	}
	words := make([]string, 0, len(streetToks))
	for _, t := range streetToks {
		w := t.text
		if full, ok := portugueseStreetTypes[w]; ok {
			w = full
		} else if full, ok := portugueseStreetWords[w]; ok {
			w = full
		}
		if w != "" {
			words = append(words, w)
		}
	}
	return number, unit, strings.Join(words, " ")
}

// cutDash cuts a line at its first dash written between spaces, where a
// Brazilian address names its neighbourhood (Av. Paulista 1000 - Bela
// Vista) and a Portuguese one may name the floor, when something comes
// before it.
func cutDash(line string) (head, tail string) {
	for _, dash := range []string{" - ", " – ", " — "} {
		if i := strings.Index(line, dash); i > 0 && strings.TrimSpace(line[:i]) != "" {
			return line[:i], line[i+len(dash):]
		}
	}
	return line, ""
}

// withoutNoNumber drops the "s/n" (sem número) of a building with no
// number.
func withoutNoNumber(toks []addrToken) []addrToken {
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].text == "s" && toks[i+1].text == "/" && toks[i+2].text == "n" {
			if i > 0 && toks[i+2].end {
				toks[i-1].end = true
			}
			return append(toks[:i:i], toks[i+3:]...)
		}
	}
	return toks
}

// portugueseNumber finds the house number after the street's words: the
// first number after a word, with its letter (25 A), that names no date
// (Rua 25 de Março, 1000 is at 1000). It returns the street's words, the
// number and what follows it; no number, the whole line is the street.
func portugueseNumber(toks []addrToken) (street []addrToken, number string, rest []addrToken) {
	for i := 1; i < len(toks); i++ {
		n := toks[i].text
		digits := strings.TrimRightFunc(n, func(r rune) bool { return r >= 'a' && r <= 'z' })
		if !allDigits(digits) || len(n)-len(digits) > 1 {
			continue
		}
		if !toks[i].end && i+1 < len(toks) && (portugueseMonths[toks[i+1].text] ||
			toks[i+1].text == "de" && i+2 < len(toks) && portugueseMonths[toks[i+2].text]) {
			continue // a date the street is named after
		}
		end := i + 1
		if len(n) == len(digits) && !toks[i].end && end < len(toks) && oneLetter(toks[end].text) && toks[end].text <= "f" &&
			(toks[end].end || end+1 == len(toks)) {
			n += toks[end].text // 25 A → 25a
			end++
		}
		street = toks[:i]
		if portugueseNumberMarks[street[len(street)-1].text] && len(street) > 1 {
			street = street[:len(street)-1]
		}
		return streetUpToComma(street), n, toks[end:]
	}
	return streetUpToComma(toks), "", nil
}

// streetUpToComma returns the street's words up to the first comma: a
// line that names no number may go on with a neighbourhood after one.
func streetUpToComma(toks []addrToken) []addrToken {
	for i, t := range toks {
		if t.end && i+1 < len(toks) {
			return toks[:i+1]
		}
	}
	return toks
}

// portugueseUnit reads the flat of what follows a house number, or of a
// second line: apto 42, ap. 301, casa 6, bl. A apto 1202 (the block left
// aside), or a Portuguese floor and side (2º Esq. is 2e). "" when it
// names none.
func portugueseUnit(toks []addrToken) string {
	for i, t := range toks {
		kind, ok := portugueseUnitWords[t.text]
		if !ok {
			continue
		}
		j := i + 1
		if j < len(toks) && portugueseNumberMarks[toks[j].text] {
			j++
		}
		if j < len(toks) && unitID(toks[j].text, false) {
			return kind + toks[j].text
		}
	}
	if len(toks) > 0 && allDigits(toks[0].text) && len(toks[0].text) <= 2 {
		if len(toks) > 1 {
			if side, ok := portugueseSides[toks[1].text]; ok {
				return toks[0].text + side // 2º Esq.
			}
		}
		if len(toks) > 1 && (toks[1].text == "andar" || toks[1].text == "piso") {
			return toks[0].text
		}
	}
	return ""
}

// stateAfterCity is how many letters the state or province a town is
// written with may have: São Paulo - SP, São Paulo/SP, Austin, TX.
const stateAfterCity = 2

// withoutState returns a town without the state code written after it
// with a comma, a slash or a dash (Austin, TX; Porto Alegre/RS; São Paulo
// - SP; Guarulhos-SP, the code in capitals where the dash has no space:
// Saint-Ay is a town).
func withoutState(city string) string {
	i := strings.LastIndexAny(city, "-/,")
	if i <= 0 {
		return city
	}
	town, state := strings.TrimSpace(city[:i]), strings.TrimSpace(city[i+1:])
	if len(state) != stateAfterCity || !isLetters(state) || town == "" {
		return city
	}
	if city[i] == '-' && city[i-1] != ' ' && city[i+1] != ' ' && (strings.ToUpper(state) != state || strings.ToUpper(town) == town) {
		return city
	}
	return town
}

// stateCodes are the states and territories of the countries whose
// addresses write one after the town, as a word of its own (Gosford NSW,
// Kingston ACT, Austin TX, Laval QC): the town's field holds them as often
// as not.
var stateCodes = map[string]map[string]bool{
	"AU": setOf("nsw", "vic", "qld", "wa", "sa", "tas", "act", "nt"),
	"CA": setOf("ab", "bc", "mb", "nb", "nl", "ns", "nt", "nu", "on", "pe", "qc", "sk", "yt"),
	"US": setOf("al", "ak", "az", "ar", "ca", "co", "ct", "de", "dc", "fl", "ga", "hi", "id", "il", "in", "ia", "ks", "ky",
		"la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or",
		"pa", "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wa", "wv", "wi", "wy"),
}

// withoutStateCode returns a town without the code of its state written
// after it, however separated (Gosford NSW, Gosford, NSW), when the
// address is in a country of stateCodes.
func withoutStateCode(city, country string) string {
	codes := stateCodes[country]
	if codes == nil {
		return city
	}
	i := strings.LastIndexAny(city, " ,/-")
	if i <= 0 || !codes[strings.ToLower(strings.TrimSpace(city[i+1:]))] {
		return city
	}
	if town := strings.TrimRight(city[:i], " ,/-"); town != "" {
		return town
	}
	return city
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// isLetters reports whether s is ASCII letters only.
func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}
