package matcher

import (
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// CountryCode turns a country written as an ISO 3166 alpha-3 code ("FRA",
// also with dots: "U.S.A."), by its name in a language of Europe or of
// Asia's larger countries (countryNames: "France", "Allemagne", "españa",
// "Nederland", "Italia", "Magyarország", "대한민국", "Việt Nam"),
// by its ISO 3166 English short name ("United States of America", "Korea,
// Republic of") or by a common name of countryAliases ("England", "UK",
// "Holland", "Pilipinas", "日本") into its alpha-2 code, which is what a
// profile stores. Spreadsheets and checkout forms write countries as people
// say them, and an alpha-2 rule alone would refuse them all. Names are
// matched ignoring case, accents, punctuation and spaces, and a place
// written before the country and a comma (Québec, Canada) is left aside.
// A Canadian province is Canada. An alpha-2 code
// written with dots ("U.S.") loses them; written without, it is returned
// as written. Anything else is returned as written, for the usual check.
func CountryCode(v string) string {
	if t := strings.TrimSpace(v); len(t) == 2 && isASCIILetter(t[0]) && isASCIILetter(t[1]) && !strings.EqualFold(t, "uk") {
		return v // a code, the common case: as written
	}
	// A code: three letters, or two written with dots.
	if k := FoldName(v); len(k) == 3 || len(k) == 2 && k != strings.ToLower(strings.TrimSpace(v)) {
		if r, err := language.ParseRegion(k); err == nil {
			if r = r.Canonicalize(); r.IsCountry() {
				return r.String()
			}
		}
	}
	key := countryKey(v)
	if code, ok := countryNames()[key]; ok {
		return code
	}
	// German written without its umlauts: Oesterreich, Daenemark.
	if code, ok := countryNames()[ReadUmlauts(key)]; ok {
		return code
	}
	// A state's official name: the Republic of Kenya, the Arab Republic of
	// Egypt, the Kingdom of Spain, República de Colombia, Royaume du Maroc,
	// مملكة البحرين.
	for _, p := range officialNames {
		if rest, ok := strings.CutPrefix(key, p); ok {
			if code, ok := officialCountry(rest); ok {
				return code
			}
		}
	}
	if code, ok := nameBesideCode(v); ok {
		return code
	}
	if i := strings.LastIndexAny(v, ",/"); i >= 0 {
		// A place before its country: Québec, Canada; Lyon, France.
		if code, ok := countryRead(v[i+1:]); ok {
			return code
		}
	}
	return v
}

// nameBesideCode reads a country list's entry that writes a name and a
// code together, as many forms' drop-down lists do: Malaysia (MY), MY -
// Malaysia, Switzerland (CHE). Each part is read alone, and the two must
// name one country: Korea (North) is not Korea, which alone is the South.
func nameBesideCode(v string) (string, bool) {
	var a, b string
	switch v = strings.TrimSpace(v); {
	case strings.HasSuffix(v, ")") && strings.Contains(v, "("):
		i := strings.LastIndex(v, "(")
		a, b = v[:i], v[i+1:len(v)-1]
	case strings.Contains(v, " - "):
		a, b, _ = strings.Cut(v, " - ")
	default:
		return "", false
	}
	ca, aok := countryRead(a)
	cb, bok := countryRead(b)
	return ca, aok && bok && ca == cb
}

// countryRead is CountryCode of v and whether it names a country: an ISO
// code, as CountryCode returns it, or as written.
func countryRead(v string) (string, bool) {
	c := CountryCode(strings.TrimSpace(v))
	if len(c) != 2 || !isASCIILetter(c[0]) || !isASCIILetter(c[1]) {
		return "", false
	}
	r, err := language.ParseRegion(strings.ToUpper(c))
	if err != nil || !r.IsCountry() {
		return "", false
	}
	return strings.ToUpper(c), true
}

// officialCountry is the country named by what follows the words of
// officialNames, itself (República Argentina, Republika Hrvatska) or
// after one of stateParticles (República de Chile, República del Perú,
// République d'Haïti). A single letter is no country there, though a car
// plate's sign is one alone: República de and Republika name none.
func officialCountry(rest string) (string, bool) {
	if len(rest) > 1 {
		if code, ok := countryNames()[rest]; ok {
			return code, true
		}
	}
	for _, p := range stateParticles {
		if name, ok := strings.CutPrefix(rest, p); ok && len(name) > 1 {
			if code, ok := countryNames()[name]; ok {
				return code, true
			}
		}
	}
	return "", false
}

// stateParticles are the words between a state's word and its country's
// name in Spanish, Portuguese, French and Italian, in countryKey's form:
// República de Colombia, Reino de los Países Bajos, República Federativa
// do Brasil, República da Guiné-Bissau, Royaume du Maroc, République
// d'Haïti, République de l'Inde (del), Repubblica di San Marino, Stato
// della Città del Vaticano, Regno dei Paesi Bassi; and in Swahili and
// Kinyarwanda, Jamhuri ya Kenya, Republika y'u Rwanda.
var stateParticles = []string{"de", "del", "dela", "delos", "delas", "d", "du", "des", "do", "da", "dos", "das",
	"di", "dei", "degli", "della", "delle", "dello", "dell", "ya", "yu"}

// officialNames are the words before a country's name in the official
// name of its state, in countryKey's form, a language's longest first
// (República Bolivariana before República), in English
// and in the languages that write it before the name (Република
// България, Republika Hrvatska, Republica Moldova, Rzeczpospolita
// Polska, Republik Indonesia, Bundesrepublik Deutschland), with or
// without a particle after them (stateParticles: República de Colombia,
// República Oriental del Uruguay, Royaume du Maroc, Repubblica di San
// Marino), and in Arabic, which names the state first and the country
// after it (جمهورية العراق, مملكة البحرين, دولة قطر, سلطنة عمان; ة is
// ه in a key). Where the name is an adjective after the state's word
// (République française, República Portuguesa, المملكة المغربية) it is
// in countryAliases, as are the Republic of China, which is not China,
// and the Democratic Republic of the Congo, which is not the Congo.
// Words that tell Congo's two republics apart (démocratique) are none of
// these.
var officialNames = []string{
	"federaldemocraticrepublicof", "democraticsocialistrepublicof", "bolivarianrepublicof", "islamicrepublicof",
	"federalrepublicof", "socialistrepublicof", "unitedrepublicof", "peoplesrepublicof", "arabrepublicof",
	"democraticrepublicof", "independentstateof", "republicof", "repof", "kingdomof", "sultanateof", "principalityof", "grandduchyof", "stateof",
	"commonwealthof", "federationof",
	// Spanish and Portuguese (República, Reino, Principado, Estado;
	// Grão-Ducado), French, Italian.
	"republicabolivariana", "republicafederativa", "estadoplurinacional", "republicaoriental", "republicafederal",
	"republicaislamica", "republicaarabe", "granducado", "graoducado", "principado", "sultanato", "estado", "reino",
	"republiquebolivarienne", "republiquefederative", "republiquefederale", "republiqueislamique", "republiqueorientale",
	"etatplurinational", "republiquearabe", "grandduche", "principaute", "republique", "sultanat", "royaume", "etat",
	"repubblicabolivariana", "repubblicafederativa", "repubblicafederale", "repubblicaislamica", "repubblicaorientale",
	"statoplurinazionale", "repubblicaaraba", "repubblica", "principato", "regno", "stato",
	"bundesrepublik", "republika", "republik", "republica", "rzeczpospolita",
	// Russian's (Республика Таджикистан), and the Islamic Emirate of
	// Afghanistan.
	"respublika", "islamicemirateof",
	// Swahili's (Jamhuri ya Muungano wa Tanzania, Jamhuri ya Kenya) and
	// Kinyarwanda's (Repubulika y'u Rwanda).
	"jamhuriyamuunganowa", "jamhuri", "repubulika",
	"جمهوريه", "مملكه", "سلطنه", "دوله", "اماره",
}

// regionalCountries are the ways a region's own customers write their
// country that mean another one elsewhere, folded: SA is Saudi Arabia's
// code, but a South African writes it for South Africa; ARE is the
// Emirates' alpha-3 code, but A.R.E. on an Egyptian form is the Arab
// Republic of Egypt; SL is Sierra Leone's code, but a Sri Lankan writes it
// for Sri Lanka; QC is no country's code, but a Quebecer writes it, her
// province's, for Canada; RD (República Dominicana) and JA are no codes,
// but Dominicans and Jamaicans write them for theirs; Kurdistan spans four
// states, but an Iraqi Kurd writes it for his region of Iraq.
var regionalCountries = map[string]map[string]string{"ZA": {"sa": "ZA"}, "EG": {"are": "EG"}, "LK": {"sl": "LK"},
	"CA": {"qc": "CA"}, "DO": {"rd": "DO"}, "JM": {"ja": "JM"}, "IQ": {"kurdistan": "IQ", "کوردستان": "IQ", "كردستان": "IQ"}}

// CountryCodeIn is CountryCode for a customer of a tenant in region (ISO
// 3166 alpha-2), who writes her own country as its people do
// (regionalCountries).
func CountryCodeIn(v, region string) string {
	if code, ok := regionalCountry(v, region); ok {
		return code
	}
	return CountryCode(v)
}

// regionalCountry is the country region's customers mean by v when it
// names another elsewhere (regionalCountries), and false for any other v.
func regionalCountry(v, region string) (string, bool) {
	code, ok := regionalCountries[strings.ToUpper(region)][FoldName(v)]
	return code, ok
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// countryKey is a country name as countryNames holds it: folded as
// FoldName folds it (any case, accents optional, no punctuation
// or spaces, so "U.K." is "uk"; an Arabic alef, yeh or waw with or without
// its hamza, الجزائر or الجزاير), without the words "the" and "and", with
// "St" for "Saint", so that "The Bahamas", "Bosnia & Herzegovina" and
// "St Lucia" meet CLDR's and ISO's ways of writing them, and in Arabic as
// arabicKey writes it (المملكة المغربية or المملكه المغربيه).
func countryKey(v string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(v, wordBreak) {
		switch w = foldedKey(w); w {
		case "the", "and":
		case "st":
			b.WriteString("saint")
		default:
			b.WriteString(w)
		}
	}
	return b.String()
}

// arabicKey writes an Arabic word's final ة (ta marbuta) as ه and its ى
// (alef maksura) as ي, as many keyboards and hands type them either way:
// المملكه for المملكة, الثانى for الثاني; and Persian's ی and ک as the
// Arabic ي and ك that Arabic keyboards type for them (ایران, ايران).
// Other letters are left alone.
func arabicKey(w string) string {
	if !strings.ContainsAny(w, "ةىیک") {
		return w
	}
	return arabicEndings.Replace(w)
}

var arabicEndings = strings.NewReplacer("ة", "ه", "ى", "ي", "ی", "ي", "ک", "ك")

// countryAliases are names CLDR's tables do not give, written as people
// write them (countryNames keys them with countryKey): the ISO 3166 English
// short names that differ from CLDR's English ones, and a few common names
// that can only mean one country (the UK's nations, UK itself, which is no
// ISO code, America, Holland). They win over CLDR's names.
var countryAliases = map[string]string{
	// The United Kingdom and its nations, in English, French, Spanish and
	// German.
	"UK": "GB", "Great Britain": "GB", "Britain": "GB", "United Kingdom of Great Britain and Northern Ireland": "GB",
	"England": "GB", "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB",
	"Angleterre": "GB", "Écosse": "GB", "Pays de Galles": "GB", "Irlande du Nord": "GB", "Grande-Bretagne": "GB",
	"Inglaterra": "GB", "Escocia": "GB", "País de Gales": "GB", "Irlanda del Norte": "GB", "Gran Bretaña": "GB",
	"Schottland": "GB", "Nordirland": "GB", "Großbritannien": "GB", "Grossbritannien": "GB",
	// The United States.
	"America": "US", "United States of America": "US",
	// Canada's provinces, which Canadians write for their country, in
	// English and in French.
	"Québec": "CA", "Province de Québec": "CA", "Ontario": "CA", "Alberta": "CA", "British Columbia": "CA",
	"Colombie-Britannique": "CA", "Manitoba": "CA", "Saskatchewan": "CA", "New Brunswick": "CA",
	"Nouveau-Brunswick": "CA", "Nova Scotia": "CA", "Nouvelle-Écosse": "CA", "Prince Edward Island": "CA",
	"Île-du-Prince-Édouard": "CA", "Newfoundland and Labrador": "CA", "Terre-Neuve-et-Labrador": "CA",
	// ISO's other short names that CLDR (of x/text's version) writes
	// otherwise: "(the)" after them reads too, as "the" is no part of a key.
	"Bolivia (Plurinational State of)": "BO", "Bonaire, Sint Eustatius and Saba": "BQ", "Congo": "CG",
	"Congo, Democratic Republic of the": "CD", "Eswatini": "SZ", "Falkland Islands (Malvinas)": "FK",
	"Heard Island and McDonald Islands": "HM", "Holy See": "VA", "Hong Kong": "HK",
	"Iran (Islamic Republic of)": "IR", "Korea (Democratic People's Republic of)": "KP",
	"Korea, Republic of": "KR", "Lao People's Democratic Republic": "LA", "Macao": "MO",
	"Micronesia (Federated States of)": "FM", "Moldova, Republic of": "MD", "Netherlands, Kingdom of the": "NL",
	"North Macedonia": "MK", "Palestine, State of": "PS", "Pitcairn": "PN", "Russian Federation": "RU",
	"Saint Helena, Ascension and Tristan da Cunha": "SH", "Saint Martin (French part)": "MF",
	"Sint Maarten (Dutch part)": "SX", "Syrian Arab Republic": "SY", "Taiwan, Province of China": "TW",
	"Tanzania, United Republic of": "TZ", "Türkiye": "TR", "United States Minor Outlying Islands": "UM",
	"Venezuela (Bolivarian Republic of)": "VE", "Virgin Islands (British)": "VG", "Virgin Islands (U.S.)": "VI",
	// Other common names.
	"Holland": "NL", "Hollande": "NL", "Holanda": "NL", "Czech Republic": "CZ", "Ivory Coast": "CI",
	"Burma": "MM", "East Timor": "TL", "Vatican": "VA", "Macau": "MO", "Republic of Ireland": "IE",
	"Pilipinas": "PH", "Nippon": "JP", "Nihon": "JP", "日本": "JP", "中国": "CN", "한국": "KR", "대한민국": "KR",
	"Éire": "IE", "ROI": "IE", "R.O.I.": "IE", "Irish Republic": "IE", "UAE": "AE", "Česká republika": "CZ", "Slovenská republika": "SK",
	// Korea alone is the South in commerce, as Korean sites and forms
	// write it in English.
	"Korea": "KR", "Republic of Korea": "KR", "Korea, Rep.": "KR", "S. Korea": "KR", "ROK": "KR",
	"People's Republic of China": "CN", "PRC": "CN", "Hong Kong SAR": "HK", "Macao SAR": "MO", "Macau SAR": "MO",
	"KSA": "SA", "Bharat": "IN", "ประเทศไทย": "TH", "香港": "HK", "澳門": "MO", "澳门": "MO", "台湾": "TW", "台灣": "TW",
	"Hong Kong, China": "HK", "Hong Kong S.A.R.": "HK", "HKSAR": "HK", "中國香港": "HK", "中国香港": "HK",
	"Macao, China": "MO", "Macau, China": "MO", "中國澳門": "MO", "中国澳门": "MO", "Republic of China": "TW",
	"Democratic Republic of the Congo": "CD", "DR Congo": "CD", "DRC": "CD", "Republic of the Congo": "CG",
	"Democratic People's Republic of Korea": "KP", "DPRK": "KP",
	"Ελλάς": "GR", "Hellas": "GR", "Hellenic Republic": "GR",
	"RSA": "ZA", "Suid-Afrika": "ZA", "S. Africa": "ZA", "Misr": "EG", "Masr": "EG",
	// Hungary's official name until 2012, Romania's spelling before 1993,
	// Bulgaria's own name read letter by letter.
	"Magyar Köztársaság": "HU", "Romînia": "RO", "Bulgariya": "BG", "Balgariya": "BG",
	// Russia's official name and its abbreviation, as Russian forms write
	// them, and read letter by letter.
	"Российская Федерация": "RU", "РФ": "RU", "Rossiya": "RU", "Rossiia": "RU", "Rossiyskaya Federatsiya": "RU",
	// Switzerland's official names in its languages and Latin (CH's own),
	// Romansh's name, and Malaysia's official name in Malay.
	"Confoederatio Helvetica": "CH", "Schweizerische Eidgenossenschaft": "CH", "Confédération suisse": "CH",
	"Confederazione Svizzera": "CH", "Confederaziun svizra": "CH", "Svizra": "CH", "Helvetia": "CH",
	"Persekutuan Malaysia": "MY",
	// China's and Taiwan's states in their own characters, simplified and
	// traditional (臺 is 台 written fully), Taiwan's R.O.C., and the own
	// names of Georgia and Lithuania.
	"中华人民共和国": "CN", "中華人民共和國": "CN", "中華民國": "TW", "中华民国": "TW", "臺灣": "TW",
	"ROC": "TW", "R.O.C.": "TW", "P.R. China": "CN", "PR China": "CN", "P.R.C.": "CN", "საქართველო": "GE", "Sakartvelo": "GE", "Lietuvos Respublika": "LT",
	// The own names of Ethiopia, Armenia, Kazakhstan, Uzbekistan,
	// Azerbaijan and North Macedonia, in their scripts and in Latin
	// letters.
	"ኢትዮጵያ": "ET", "Ityopia": "ET", "Ityop'ia": "ET", "Ityop'iya": "ET", "Itiyopiya": "ET", "Հայաստան": "AM",
	"Hayastan": "AM", "Հայաստանի Հանրապետություն": "AM", "Hayastani Hanrapetutyun": "AM", "Qazaqstan": "KZ",
	"Республика Казахстан": "KZ", "Қазақстан Республикасы": "KZ", "Qazaqstan Respublikasy": "KZ", "Oʻzbekiston": "UZ", "O'zbekiston": "UZ", "Ozbekiston": "UZ", "Ўзбекистон": "UZ",
	"Azərbaycan": "AZ", "Азәрбајҹан": "AZ", "Северна Македонија": "MK", "Sjeverna Makedonija": "MK", "Severna Makedonija": "MK",
	"Azərbaycan Respublikası": "AZ", "Азербайджанская Республика": "AZ", "Монгол": "MN", "Монгол Улс": "MN", "Mongol Uls": "MN",
	"Mongol": "MN",
	// Kyrgyzstan's, Tajikistan's and Uzbekistan's states in their own
	// languages and in Russian, their names in Tajik, and the Kyrgyz
	// Republic, ISO's full name; Afghanistan's state in Pashto and Dari.
	"Kyrgyz Republic": "KG", "Кыргыз Республикасы": "KG", "Kyrgyz Respublikasy": "KG", "Кыргызская Республика": "KG",
	"Qırğızstan": "KG", "Kirghizia": "KG", "Тоҷикистон": "TJ", "Tojikiston": "TJ", "Ҷумҳурии Тоҷикистон": "TJ",
	"Jumhurii Tojikiston": "TJ", "O'zbekiston Respublikasi": "UZ", "Oʻzbekiston Respublikasi": "UZ",
	"Ўзбекистон Республикаси": "UZ", "د افغانستان اسلامي امارت": "AF", "امارت اسلامی افغانستان": "AF",
	"جمهوری اسلامی افغانستان": "AF", "د افغانستان اسلامي جمهوریت": "AF",
	"မြန်မာ": "MM", "မြန်မာနိုင်ငံ": "MM", "Republic of the Union of Myanmar": "MM", "Union of Myanmar": "MM",
	"ශ්\u200dරී ලංකාව": "LK", "ශ්\u200dරී ලංකා": "LK", "இலங்கை": "LK", "Democratic Socialist Republic of Sri Lanka": "LK",
	"বাংলাদেশ": "BD", "গণপ্রজাতন্ত্রী বাংলাদেশ": "BD", "People's Republic of Bangladesh": "BD", "नेपाल": "NP",
	"Federal Democratic Republic of Nepal": "NP", "संघीय लोकतान्त्रिक गणतन्त्र नेपाल": "NP",
	// Iran's official name in Persian (ی and ک as Arabic keyboards type
	// them read too: arabicKey), and Israel's in Hebrew.
	"جمهوری اسلامی ایران": "IR", "מדינת ישראל": "IL",
	// Thai forms' country is often their people's name.
	"Thai": "TH",
	// Official names whose country is an adjective after the state's word
	// (officialNames reads República de Chile and Royaume du Maroc), and
	// the Republic of China and the Democratic Republic of the Congo as the
	// Spanish, Portuguese, French and Italian write them.
	"Estados Unidos Mexicanos": "MX", "República Portuguesa": "PT", "République française": "FR",
	"Repubblica Italiana": "IT", "République algérienne": "DZ", "République algérienne démocratique et populaire": "DZ",
	"République tunisienne": "TN", "République libanaise": "LB", "République arabe syrienne": "SY",
	"République gabonaise": "GA", "République togolaise": "TG", "Royaume hachémite de Jordanie": "JO",
	"Hashemite Kingdom of Jordan": "JO", "Lebanese Republic": "LB", "Kurdistan Region": "IQ", "Kurdistan Region of Iraq": "IQ",
	"Iraqi Kurdistan": "IQ", "KRI": "IQ", "Lao PDR": "LA", "Laos PDR": "LA", "ສປປ ລາວ": "LA",
	// Samoa's and Fiji's names before independence and in their own
	// languages, Botswana's and Malawi's, and Zimbabwe as its people say it.
	"Western Samoa": "WS", "Samoa (Western)": "WS", "Samoa i Sisifo": "WS", "Malo Saʻoloto Tutoʻatasi o Samoa": "WS",
	"Fiji Islands": "FJ", "Matanitu Tugalala o Viti": "FJ", "Viti": "FJ", "Lefatshe la Botswana": "BW",
	"Dziko la Malaŵi": "MW", "Zim": "ZW",
	"Estados Unidos de América": "US", "Estados Unidos da América": "US", "États-Unis d'Amérique": "US", "Stati Uniti d'America": "US",
	"República de China": "TW", "República da China": "TW", "République de Chine": "TW", "Repubblica di Cina": "TW",
	"República Popular China": "CN", "República Popular de China": "CN", "República Popular da China": "CN",
	"République populaire de Chine": "CN", "Repubblica Popolare Cinese": "CN",
	"República Democrática do Congo": "CD", "République démocratique du Congo": "CD", "RD Congo": "CD", "RDC": "CD",
	"Repubblica Democratica del Congo": "CD",
	// The Arab states' official names, as their customers write them
	// (officialNames reads جمهورية العراق and دولة قطر), and the short
	// names CLDR's Arabic lacks: السعودية, الإمارات, فلسطين.
	"المملكة المغربية": "MA", "الجمهورية الجزائرية": "DZ", "الجمهورية الجزائرية الديمقراطية الشعبية": "DZ",
	"الجمهورية التونسية": "TN", "جمهورية مصر العربية": "EG", "المملكة العربية السعودية": "SA", "السعودية": "SA",
	"الإمارات": "AE", "المملكة الأردنية الهاشمية": "JO", "الجمهورية اللبنانية": "LB", "الجمهورية العربية السورية": "SY",
	"الجمهورية اليمنية": "YE", "الجمهورية الإسلامية الموريتانية": "MR", "فلسطين": "PS", "جمهورية الصومال الفيدرالية": "SO",
	"الاتحاد القمري": "KM", "جمهورية القمر المتحدة": "KM",
	// جمهورية الصين is the Republic of China, Taiwan; the People's Republic
	// is جمهورية الصين الشعبية.
	"جمهورية الصين": "TW", "جمهورية الصين الشعبية": "CN",
	// The Dominican Republic abbreviated as Dominicans write it; French
	// Guiana, Mauritius and Réunion as their French-speaking customers
	// do, where CLDR's French writes Guyane française and Maurice.
	"Rep. Dom.": "DO", "Rep. Dominicana": "DO", "Guyane": "GF", "Île Maurice": "MU", "République de Maurice": "MU",
	"Île de la Réunion": "RE",
	// Norway in Nynorsk, the Faroes and Greenland in their own languages,
	// and the Nordic countries in Northern Sámi; England in Finnish;
	// India as Hindi and Urdu speakers name it.
	"Noreg": "NO", "Føroyar": "FO", "Kalaallit Nunaat": "GL", "Norga": "NO", "Ruoŧŧa": "SE", "Suopma": "FI",
	"Dánmárku": "DK", "Danmárku": "DK", "Englanti": "GB", "Hindustan": "IN",
	// Côte d'Ivoire and the Democratic Republic of the Congo as their
	// people write them.
	"RCI": "CI", "Congo RDC": "CD", "RDC Congo": "CD", "Congo (RDC)": "CD", "RD du Congo": "CD",
	// New Zealand in Māori, alone or beside its English name; Germany
	// by its old initials and by the code sports write for it.
	"Aotearoa": "NZ", "Aotearoa New Zealand": "NZ", "New Zealand Aotearoa": "NZ", "BRD": "DE", "GER": "DE",
	// The one-letter signs of the cars' plates, which German-speaking files
	// write for a country (D-80331 München, A-1010 Wien): no ISO code has
	// one letter.
	"D": "DE", "A": "AT", "F": "FR", "I": "IT", "B": "BE", "E": "ES", "L": "LU", "P": "PT", "S": "SE", "N": "NO", "H": "HU",
}

// countryNames maps country names, in countryKey's form (any case, accents
// optional), to alpha-2 codes. It is built from Unicode's CLDR tables at
// first use rather than written by hand, by asking for every two-letter
// code, in the languages of Europe and of Asia's larger countries, so
// that each country's own name reads (Magyarország, Suomi, Ελλάδα,
// Россия, 대한민국, Việt Nam, ประเทศไทย, 台灣). A name that two countries
// share is dropped: it cannot tell them apart. countryAliases are added
// last.
var countryNames = sync.OnceValue(func() map[string]string {
	namers := []display.Namer{display.English.Regions(), display.French.Regions(),
		display.Spanish.Regions(), display.German.Regions(), display.Dutch.Regions(),
		display.Italian.Regions(), display.Portuguese.Regions(), display.Catalan.Regions(),
		display.Danish.Regions(), display.Swedish.Regions(), display.Norwegian.Regions(),
		display.Polish.Regions(), display.Czech.Regions(),
		display.Finnish.Regions(), display.Estonian.Regions(), display.Latvian.Regions(), display.Lithuanian.Regions(),
		display.Icelandic.Regions(), display.Hungarian.Regions(), display.Romanian.Regions(), display.Slovak.Regions(),
		display.Slovenian.Regions(), display.Croatian.Regions(), display.SerbianLatin.Regions(), display.Serbian.Regions(),
		display.Bulgarian.Regions(), display.Macedonian.Regions(), display.Albanian.Regions(), display.Greek.Regions(),
		display.Russian.Regions(), display.Ukrainian.Regions(), display.Turkish.Regions(), display.Hebrew.Regions(),
		display.Arabic.Regions(), display.Persian.Regions(), display.Hindi.Regions(), display.Thai.Regions(),
		display.Vietnamese.Regions(), display.Indonesian.Regions(), display.Malay.Regions(), display.Filipino.Regions(),
		display.Japanese.Regions(), display.Korean.Regions(), display.SimplifiedChinese.Regions(),
		display.TraditionalChinese.Regions()}
	names, shared := map[string]string{}, map[string]bool{}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil {
				continue
			}
			if r = r.Canonicalize(); !r.IsCountry() {
				continue
			}
			for _, n := range namers {
				name := countryKey(n.Name(r))
				if code, ok := names[name]; ok && code != r.String() {
					shared[name] = true
				}
				names[name] = r.String()
			}
		}
	}
	for name := range shared {
		delete(names, name)
	}
	delete(names, "")
	for name, code := range countryAliases {
		names[countryKey(name)] = code
	}
	return names
})
