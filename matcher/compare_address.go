package matcher

import (
	"regexp"
	"strings"
	"unicode"
)

// Postal addresses compared: the street and house number normalised with
// their abbreviations written out, the postal code and the town.

// addressValue is an address normalised for comparison: the house number
// apart, the street's words folded with the usual abbreviations written
// out, the postal code and the town.
type addressValue struct {
	number, unit, street, postal, city string
	state                              string // written after the town (Springfield, IL), folded; "" when none
}

// houseNumber reads the number at the start of a street line, after
// "n°" or "no" if written ("n°12" is "n 12" once the sign is gone).
var houseNumber = regexp.MustCompile(`^(?:(?:n|no|num|numero)\s*)?(\d+)\s*(bis|ter|quater|[a-d])?\b`)

// streetWords are the abbreviations of street types and titles written in
// French, British and American addresses, and the small words dropped.
var streetWords = map[string]string{
	"cres": "crescent", "gro": "grove", "gdns": "gardens", "ln": "lane", "terr": "terrace", "pde": "parade",
	"wy": "way", "hwy": "highway", "pkwy": "parkway", "cir": "circle", "trl": "trail", "ct": "court",
	"av": "avenue", "ave": "avenue", "bd": "boulevard", "bld": "boulevard", "blvd": "boulevard", "boul": "boulevard",
	"r": "rue", "ch": "chemin", "che": "chemin", "chem": "chemin", "pl": "place", "imp": "impasse", "all": "allee",
	"rte": "route", "st": "saint", "ste": "sainte", "fg": "faubourg", "fbg": "faubourg", "sq": "square",
	"crs": "cours", "q": "quai", "qu": "quai", "qai": "quai", "res": "residence", "pass": "passage", "prom": "promenade",
	"lot": "lotissement", "ham": "hameau", "rd": "road", "str": "street",
	"de": "", "du": "", "des": "", "la": "", "le": "", "les": "", "l": "", "d": "", "of": "", "the": "",
}

// streetWriting is how one country's street names abbreviate: its words
// (written out, or "" for a small word left aside) and its abbreviations
// that a dot inside splits in two (V.le).
type streetWriting struct {
	words  map[string]string
	dotted map[[2]string]string
}

// countryStreets are the countries whose street names read otherwise than
// streetWords reads them: the Dutch V. is van (Laan v. Meerdervoort), the
// Italian via.
var countryStreets = map[string]streetWriting{
	"NL": {words: dutchStreetWords}, "BE": {words: dutchStreetWords},
	"IT": {words: italianStreetWords, dotted: italianDotted}, "SM": {words: italianStreetWords, dotted: italianDotted},
	"PL": {words: polishStreetWords}, "CZ": {words: czechStreetWords}, "SK": {words: czechStreetWords},
	"GR": {words: greekStreetWords}, "CY": {words: greekStreetWords},
	"UA": {words: ukrainianStreetWords}, "RU": {words: ukrainianStreetWords}, "BY": {words: ukrainianStreetWords},
	"KZ": {words: ukrainianStreetWords}, "UZ": {words: ukrainianStreetWords}, "KG": {words: ukrainianStreetWords},
	"TJ": {words: ukrainianStreetWords}, "TM": {words: ukrainianStreetWords},
	"MY": {words: malayStreetWords}, "BN": {words: malayStreetWords}, "SG": {words: malayStreetWords},
}

// malayStreetWords write out the Malay abbreviations of Malaysia's,
// Brunei's and Singapore's lines: Jln for jalan, Spg for simpang, Lrg for
// lorong, Kg for kampung, Tmn for taman.
var malayStreetWords = map[string]string{
	"jln": "jalan", "jl": "jalan", "spg": "simpang", "smpg": "simpang", "lrg": "lorong", "kg": "kampung",
	"kpg": "kampung", "kampong": "kampung", "tmn": "taman",
}

// greekStreetWords leave aside the kind of street, read in Latin letters
// (greekRead): the street (οδός, which a Greek line writes or not, and an
// English one Str. or St.), the avenue (Λεωφ. Συγγρού, Leof. Syngrou,
// Syngrou Ave., before the name or after it) and the square. As in
// Poland, the name says which.
var greekStreetWords = map[string]string{
	"odos": "", "od": "", "str": "", "st": "", "street": "",
	"leof": "", "lef": "", "leoforos": "", "av": "", "ave": "", "avenue": "",
	"pl": "", "plat": "", "plateia": "", "sq": "", "square": "",
}

// ukrainianStreetWords leave aside the street (вул., вулиця, and the
// Russian ул., улица, in Cyrillic or Latin letters, or Str.) and write
// out the avenue, the lane, the boulevard and the square, and the
// Russian highway, embankment, passage and district (ш., наб., пр-д,
// мкр.): Ukraine's, Russia's, Belarus's and Central Asia's lines.
var ukrainianStreetWords = map[string]string{
	"vul": "", "vulitsya": "", "vulytsia": "", "vulitsia": "", "vulytsya": "", "ul": "", "ulitsa": "", "ulica": "",
	"str": "", "st": "", "street": "",
	"prosp": "prospekt", "pr": "prospekt", "prt": "prospekt", "prospekt": "prospekt", "av": "prospekt", "ave": "prospekt", "avenue": "prospekt",
	"prov": "provulok", "provulok": "provulok", "per": "provulok", "pereulok": "provulok", "lane": "provulok",
	"bulv": "bulvar", "bulvar": "bulvar", "blvd": "bulvar", "boulevard": "bulvar",
	"pl": "ploshcha", "ploshcha": "ploshcha", "ploshchad": "ploshcha", "sq": "ploshcha", "square": "ploshcha",
	"sh": "shosse", "shosse": "shosse", "nab": "naberezhnaya", "naberezhnaya": "naberezhnaya", "emb": "naberezhnaya",
	"prd": "proezd", "proezd": "proezd", "mkr": "mikrorayon", "mikrorayon": "mikrorayon", "mkrn": "mikrorayon",
	"t":   "", // пр-т, the avenue's abbreviation split at its hyphen
	"dom": "", // дом 7, the house: its number follows
}

// polishStreetWords leave aside the kind of street a Polish line writes or
// not (ul. Krowoderska, Krowoderska; al. Mickiewicza, Aleje Mickiewicza):
// the name says which.
var polishStreetWords = map[string]string{
	"ul": "", "ulica": "", "al": "", "aleja": "", "aleje": "", "os": "", "osiedle": "", "pl": "", "plac": "",
}

// czechStreetWords write out the Czech and Slovak abbreviations (tř. for
// třída, nám. for náměstí) and leave ulice aside.
var czechStreetWords = map[string]string{
	"tr": "trida", "nam": "namesti", "nabr": "nabrezi", "ul": "", "ulice": "", "ulica": "",
}

var dutchStreetWords = map[string]string{
	"burg": "burgemeester", "v": "", "van": "", "vd": "", "der": "", "den": "", "het": "", "t": "",
}

var italianStreetWords = map[string]string{
	"v": "via", "vle": "viale", "pza": "piazza", "pzza": "piazza", "ple": "piazzale", "cso": "corso",
	"lgo": "largo", "vlo": "vicolo", "str": "strada", "loc": "localita",
	// Types never abbreviated, so that a street's own name keys it.
	"via": "via", "viale": "viale", "piazza": "piazza", "piazzale": "piazzale", "corso": "corso", "largo": "largo",
	"vicolo": "vicolo", "vico": "vico", "strada": "strada", "contrada": "contrada", "traversa": "traversa",
	"lungomare": "lungomare", "salita": "salita", "localita": "localita", "borgo": "borgo",
}

// italianDotted are the Italian abbreviations written with a dot inside,
// which addressTokens splits in two: V.le, P.zza, C.so.
var italianDotted = map[[2]string]string{
	{"v", "le"}: "viale", {"p", "za"}: "piazza", {"p", "zza"}: "piazza", {"p", "le"}: "piazzale",
	{"c", "so"}: "corso", {"l", "go"}: "largo", {"v", "lo"}: "vicolo",
}

func newAddressValue(a Address) addressValue {
	a = townFromLine(withASCIIDigits(a.Trimmed()))
	var v addressValue
	v.number, v.unit, v.street, v.postal = parseAddressLines(a)
	city := a.City
	if i := strings.IndexByte(city, '('); i > 0 {
		city = city[:i] // Milano (MI): the province after the town
	}
	town := withoutState(withoutStateCode(city, a.Country))
	if rest, ok := strings.CutPrefix(city, town); ok && rest != "" {
		v.state = FoldName(rest)
	}
	v.city = townName(town, a.Country)
	return v
}

// withASCIIDigits is a with the digits of other scripts in its lines,
// postal code and town written as ASCII ones (ASCIIDigits): an Iranian or
// an Egyptian form's ۱۲۳۴۵-۶۷۸۹۰ is 12345-67890, the postal code a Latin
// form writes.
func withASCIIDigits(a Address) Address {
	for _, s := range []*string{&a.Line1, &a.Line2, &a.PostalCode, &a.City} {
		if !isASCII(*s) {
			*s = ASCIIDigits(*s)
		}
	}
	return a
}

// townName is a town's name as addresses compare it: folded, without
// CEDEX, a leading Saint or St (Saint-Étienne, St-Étienne), an
// abbreviated first word written out (Ft Worth as Fort Worth, N Las Vegas
// as North Las Vegas; Mt as Mount in English, Mont in French), and a
// name given in another language written as the town's own (Munich as
// München, Cologne as Köln: townExonyms).
func townName(town, country string) string {
	return strings.TrimPrefix(strings.TrimPrefix(townWritten(town, country), "saint"), "st")
}

// townWritten is townName with its Saint: a town's name folded, its first
// word written out and an exonym read as the town's own name.
func townWritten(town, country string) string {
	if country == "UA" {
		town = ukrainianLine(town)
	}
	words := strings.FieldsFunc(strings.ToLower(town), func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '.' })
	if len(words) > 1 {
		switch {
		case country == "UA" && ukrainianTownWords[words[0]]:
			words = words[1:] // м. Київ: the town's kind
		case (country == "RU" || country == "BY" || country == "KZ") && ukrainianTownWords[FoldName(words[0])]:
			words = words[1:] // г. Москва
		case englishStyle[country]:
			if full, ok := englishTownWords[words[0]]; ok {
				words[0] = full
			}
		case frenchStyle[country] && words[0] == "mt":
			words[0] = "mont"
		}
		if country == "PH" && words[len(words)-1] == "city" {
			words = words[:len(words)-1] // Makati City, Makati
		}
	}
	city := FoldName(strings.ReplaceAll(strings.Join(words, " "), "cedex", ""))
	if own, ok := townExonyms[city]; ok {
		return own
	}
	return city
}

// ukrainianTownWords are the words a Ukrainian address writes before a
// town's name for its kind, in Ukrainian reading: м. (місто, a town), смт
// (an urban village), с. (a village), and the Russian г. (город).
var ukrainianTownWords = setOf("m", "misto", "smt", "s", "selo", "h", "g", "gorod")

// englishTownWords are the first words of towns' names that English
// addresses abbreviate (Ft Worth, Mt Pleasant, N Charleston). A state
// after the town (Helena MT) is its last word, read apart (withoutState).
var englishTownWords = map[string]string{"ft": "fort", "mt": "mount", "n": "north", "s": "south", "e": "east", "w": "west"}

// townExonyms holds, folded, the names English, French and other writers
// give to European towns whose own name differs, and the own name: a
// customer writes Munich where the town's register writes München, and
// with no postal code on one side only the town can say it is one. A
// name that is also another town's (Florence in South Carolina, Vienne in
// the Isère) reads as the European town's too: two records of that other
// town still read alike, and only at the same street and number would
// one be taken for the European town written its own way.
var townExonyms = map[string]string{
	"munich": "munchen", "cologne": "koln", "vienna": "wien", "vienne": "wien", "nuremberg": "nurnberg",
	"hanover": "hannover", "aixlachapelle": "aachen", "mayence": "mainz", "treves": "trier",
	"florence": "firenze", "milan": "milano", "rome": "roma", "venice": "venezia", "venise": "venezia",
	"naples": "napoli", "turin": "torino", "genoa": "genova", "genes": "genova", "padua": "padova",
	"lisbon": "lisboa", "lisbonne": "lisboa", "oporto": "porto", "seville": "sevilla", "saragossa": "zaragoza",
	"saragosse": "zaragoza", "corunna": "acoruna", "lacoruna": "acoruna",
	"prague": "praha", "warsaw": "warszawa", "varsovie": "warszawa", "cracow": "krakow", "cracovie": "krakow",
	"copenhagen": "kobenhavn", "copenhague": "kobenhavn", "gothenburg": "goteborg",
	"brussels": "bruxelles", "brussel": "bruxelles", "antwerp": "antwerpen", "anvers": "antwerpen",
	"bruges": "brugge", "ghent": "gent", "gand": "gent", "thehague": "denhaag", "lahaye": "denhaag",
	"sgravenhage": "denhaag", "geneva": "geneve", "genf": "geneve", "ginevra": "geneve", "basle": "basel",
	"bale": "basel", "lucerne": "luzern", "athens": "athina", "athenes": "athina", "athinai": "athina",
	"thessaloniki": "thessaloniki", "salonica": "thessaloniki", "salonique": "thessaloniki", "saloniki": "thessaloniki",
	"kiev": "kyiv", "kiiv": "kyiv", "kiew": "kyiv", "kyjiw": "kyiv", "kharkov": "kharkiv", "odessa": "odesa",
	"lvov": "lviv", "lwow": "lviv", "lemberg": "lviv", "dnepr": "dnipro", "zaporozhye": "zaporizhzhia",
	"marseilles": "marseille", "lyons": "lyon", "dunkirk": "dunkerque",
	"moscow": "moskva", "moscou": "moskva", "moskau": "moskva", "mosca": "moskva", "moscu": "moskva", "moskwa": "moskva",
	"saintpetersburg": "sanktpeterburg", "stpetersburg": "sanktpeterburg", "sanktpetersburg": "sanktpeterburg",
	"spb": "sanktpeterburg", "zuerich": "zurich", "berne": "bern", "bienne": "biel", "muenchen": "munchen", "koeln": "koln",
	"telavivyafo": "telaviv", "telavivjaffa": "telaviv", "tlv": "telaviv", "תלאביב": "telaviv", "תלאביביפו": "telaviv",
	"ירושלים": "jerusalem", "yerushalayim": "jerusalem", "חיפה": "haifa", "teheran": "tehran", "تهران": "tehran",
	"esfahan": "isfahan", "اصفهان": "isfahan", "kl": "kualalumpur", "wpkualalumpur": "kualalumpur",
	"wilayahpersekutuankualalumpur": "kualalumpur", "pj": "petalingjaya",
	"havana": "lahabana", "habana": "lahabana", "ciudaddelahabana": "lahabana", "tegus": "tegucigalpa",
	"ciudaddeguatemala": "guatemala", "guatemalacity": "guatemala", "ciudaddepanama": "panama", "panamacity": "panama",
	"toshkent": "tashkent", "nursultan": "astana",
}

func (v addressValue) empty() bool { return v.street == "" && v.postal == "" && v.city == "" }

// sameTown reports whether two addresses are in one town: the same postal
// code, or the same town when a postal code is missing, differs by a
// slip (69100 and 69160 in Villeurbanne: one digit typed wrong; 2320 and
// 320 in Maitland, one dropped) or is the town's own (cityWide). Where
// neither names a postal code, a town's name one slip from the other's is
// that town (Birmngham, Birmingham): no postal code says otherwise.
func (v addressValue) sameTown(w addressValue) bool {
	if v.otherState(w) {
		return false
	}
	sameCity := v.city != "" && v.city == w.city
	if v.postal != "" && w.postal != "" {
		return v.postal == w.postal || sameCity && (postalSlip(v.postal, w.postal) || cityWide(v.postal, w.postal))
	}
	return sameCity || v.postal == "" && w.postal == "" && townSlip(v.city, w.city)
}

// otherState reports whether two addresses name two states after their
// towns, with no postal code they share: Springfield, IL and Springfield,
// MA are two towns.
func (v addressValue) otherState(w addressValue) bool {
	return v.state != "" && w.state != "" && v.state != w.state && (v.postal == "" || v.postal != w.postal)
}

// townSlip reports whether two towns' names are one slip apart, each of
// five letters or more (Castle Hikl, Castle Hill): shorter names one slip
// apart are as often two towns.
func townSlip(a, b string) bool {
	return a != "" && b != "" && min(len(a), len(b)) >= 5 && EditDistance(a, b) <= 1
}

// nearTown reports whether two addresses name one town with a slip in
// each of its names: the towns' names one slip apart (Port Wdelaide, Castle
// Hikl), and the postal codes one slip apart or one missing. Only the same
// street and house number make that one home (compareAddresses): two towns
// so alike, each with that street and number, are too rare to weigh. Postal
// codes one slip apart with no town to confirm them are not enough: they
// are often two neighbouring towns, each with its avenue Victor Hugo.
func (v addressValue) nearTown(w addressValue) bool {
	if !townSlip(v.city, w.city) || v.otherState(w) {
		return false
	}
	return v.postal == "" || w.postal == "" || postalSlip(v.postal, w.postal)
}

// postalSlip reports whether two postal codes are one slip apart: a
// character typed wrong, added or dropped, or two neighbours swapped.
func postalSlip(a, b string) bool {
	return min(len(a), len(b)) >= 3 && EditDistance(a, b) == 1
}

// cityWide reports whether one of two five-digit postal codes is a large
// town's code for the whole town, which people write for its districts'
// (Milan's 20100 for 20153, Naples' 80100, Paris's 75000 for 75011):
// the other's first three digits, then 00.
func cityWide(a, b string) bool {
	if len(a) != 5 || len(b) != 5 || a[:3] != b[:3] || !allDigits(a) || !allDigits(b) {
		return false
	}
	return strings.HasSuffix(a, "00") || strings.HasSuffix(b, "00")
}

// directions returns the points of the compass a street's name holds
// (written out: compassWords), which a slip allowance must not take for
// a slip: North Main Street and South Main Street are two streets.
func directions(street string) string {
	var out []string
	for _, w := range strings.Fields(street) {
		if compassWords[w] == w {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// withoutStreetType returns a street's name without the kind of street
// that begins or ends it (Avenida Batel, Main Street), which a record may
// leave out; the street itself when it is no more than that.
func withoutStreetType(street string) string {
	words := strings.Fields(street)
	switch {
	case len(words) < 2:
	case streetTypes[words[0]]:
		return strings.Join(words[1:], " ")
	case streetTypes[words[len(words)-1]]:
		return strings.Join(words[:len(words)-1], " ")
	}
	return street
}

// compareAddresses compares two addresses.
func compareAddresses(a, b addressValue) Level {
	if a.empty() || b.empty() {
		return LevelMissing
	}
	sameStreet := a.street != "" && (a.street == b.street || EditDistance(a.street, b.street) <= 2 && min(len(a.street), len(b.street)) >= 8 &&
		directions(a.street) == directions(b.street) && !otherStreetNumbers(a.street, b.street) || streetInitialed(strings.Fields(a.street), strings.Fields(b.street)) ||
		b.street != "" && (withoutStreetType(a.street) == b.street || a.street == withoutStreetType(b.street)))
	sameBuilding := a.number == b.number && sameUnit(a.unit, b.unit)
	if a.postal == "" && a.city == "" || b.postal == "" && b.city == "" {
		// No town on a side (an address written on its street's line
		// alone): the same street and number is the same home as far as
		// the records tell; anything else cannot be told from another
		// town's.
		if sameStreet && sameBuilding && a.number != "" {
			return LevelExact
		}
		return LevelMissing
	}
	home := sameStreet && sameBuilding && a.number != ""
	if !a.sameTown(b) && !(home && (dutchSlip(a.postal, b.postal) || a.nearTown(b))) {
		// Another town; but one street and number are one home with a
		// Dutch postal code's letters one slip apart, even where a record
		// names no town to say so (8446 ME, 8446 AE Heerenveen), or with
		// a slip in the town's name and in its postal code (Port
		// Wdelaide 50125, Port Adelaide 5015).
		return LevelDifferent
	}
	switch {
	case sameStreet && sameBuilding && (a.number != "" || a.unit != "" || a.postal != ""):
		// No house number and no postal code (Rue Hamra, Imm. Karrada,
		// 9ème étage, in Beirut): the street is all the records share,
		// its buildings' names left aside.
		return LevelExact
	case sameBuilding && a.number != "" && a.postal == b.postal && dutchPostal.MatchString(a.postal):
		// A Dutch postal code and a house number name one address (forms
		// fill the street in from them): the street written two ways
		// (Burg. Jansenstr., Burgemeester Jansenstraat) is one street.
		return LevelExact
	case sameStreet:
		return LevelStreet
	}
	return LevelTown
}

// otherStreetNumbers reports whether two streets' names both hold digits,
// and not the same: Calle 23 and Calle 32, microdistricts 5 and 12, are
// other streets, not slips of one. Via 20 Settembre and Via XX Settembre
// are one.
func otherStreetNumbers(a, b string) bool {
	digits := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s)
	}
	x, y := digits(a), digits(b)
	return x != "" && y != "" && x != y
}

// streetInitialed reports whether two streets' names are the same words,
// some written by their initial between two written out (Via G. Marconi,
// Via Guglielmo Marconi); not a lettered street (Avenue J, J Street).
func streetInitialed(a, b []string) bool {
	if len(a) < 3 || len(a) != len(b) {
		return false
	}
	initial := false
	for i, x := range a {
		y := b[i]
		switch {
		case x == y:
		case i > 0 && i < len(a)-1 && (len(x) == 1 && strings.HasPrefix(y, x) || len(y) == 1 && strings.HasPrefix(x, y)):
			initial = true
		default:
			return false
		}
	}
	return initial && len(a[len(a)-1]) > 1
}

// dutchPostal is a Dutch postal code as normalPostalCode writes it, 1017WW:
// a side of one street, a few dozen homes.
var dutchPostal = regexp.MustCompile(`^[0-9]{4}[A-Z]{2}$`)

// dutchSlip reports whether two Dutch postal codes are one area's, their
// letters one slip apart (8446ME, 8446AE).
func dutchSlip(a, b string) bool {
	return dutchPostal.MatchString(a) && dutchPostal.MatchString(b) && a[:4] == b[:4] && oneSlip(a, b)
}
