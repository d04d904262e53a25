package matcher

import (
	"slices"
	"strings"
	"sync"
)

// surnamesInOrderTellApart reports whether the surnames of a booking and
// a profile whose names are written in the same order say two people:
// a word of a surname of two replaced (surnameWordReplaced), but for a
// married woman's form in a tenant of region (marriedFormWithDe), the form of
// the other gender beside first names that are not one name, or are one
// both men and women go by (first, folded: unisexGivenNames)
// (surnameFormsOfTwoGenders), or two given names where both records put
// the surname (givenNamesReplaced), or, where a person's surnames are her
// father's and her mother's, a mother's and her child's (mothersSurnames)
// but beside the same birth date.
func surnamesInOrderTellApart(region string, c Customer, p Profile, first string, sameName bool) bool {
	return surnameWordReplaced(c.LastName, p.LastName) && !marriedFormWithDe(region, c.LastName, p.LastName) ||
		(!sameName || unisexGivenNames[first]) && surnameFormsOfTwoGenders(c.LastName, p.LastName) ||
		givenNamesReplaced(c.FirstName, c.LastName, p.FirstName, p.LastName) ||
		mothersSurnames(region, c.LastName, p.LastName) && !sameBirthDate(c.BirthDate, p.BirthDate)
}

// mothersSurnames reports whether, in Spain or Spanish-speaking America,
// whose people carry their father's first surname and their mother's
// second, two surnames are a mother's and her child's: one surname alone
// that is the other's second and not its first (María / García, the
// mother, and María / Xicará García, her daughter, who goes by Xicará
// alone), or two surnames in the other order (García Hernández, the
// mother, and her daughter Hernández García). A woman who writes her
// surnames one visit and not the next writes her first, her father's.
func mothersSurnames(region, a, b string) bool {
	if region = strings.ToUpper(region); region != "ES" && !latinAmerica[region] {
		return false
	}
	x, y := surnameWords(a), surnameWords(b)
	for _, s := range [][2][]string{{x, y}, {y, x}} {
		one, two := s[0], s[1]
		if len(one) == 1 && len(two) == 2 && one[0] == two[1] &&
			compareNames(newNameValue(one[0]), newNameValue(two[0]), false) == LevelDifferent {
			return true // not González for Gonzáelz González, whose first surname is his, mistyped
		}
	}
	return len(x) == 2 && len(y) == 2 && x[0] == y[1] && x[1] == y[0] && x[0] != x[1]
}

// marriedFormWithDe reports whether, in a tenant of Spanish-speaking
// America (latinAmerica), one surname is the other's married form: the
// woman's first surname, then de and her husband's, which takes her
// mother's place (Rosa María Flores de Quispe for Flores Rojas), as
// Peruvian, Ecuadorian and Bolivian women write it on one form and not the
// next. The profile keeps the surnames it holds, so that they are not
// written back and forth.
func marriedFormWithDe(region, a, b string) bool {
	if !latinAmerica[strings.ToUpper(region)] {
		return false
	}
	for _, s := range [][2]string{{a, b}, {b, a}} {
		married, _ := nameCore(s[0])
		own := surnameWords(s[1])
		if len(married) == 3 && married[1] == "de" && len(own) > 0 && own[0] == married[0] {
			return true
		}
	}
	return false
}

// unisexGivenNames are the short forms, folded, that a man and a woman
// both go by, where the surname's form for a man or for a woman is what
// tells a brother and sister of one name apart (Саша Михайлов, Саша
// Михайлова): Sasha for Aleksandr and Aleksandra, Zhenya for Evgeny and
// Evgenia, Valya, Shura, Slava, Sanya.
var unisexGivenNames = setOf("sasha", "sascha", "sasa", "sanya", "sania", "shura", "zhenya", "zhenia", "zhenja",
	"valya", "valia", "slava")

// keepSurnamesForLife reports whether region's people carry the surnames
// they were born with for life, a woman keeping hers when she marries:
// Spain and Spanish-speaking America (latinAmerica), whose people carry
// their father's and their mother's, and Italy and Greece, whose law
// keeps a married woman's own (a daughter takes her father's, so a mother
// and her daughter of one given name have two surnames); Iran, whose
// women keep theirs; and Malaysia and Brunei, where a Malay's or an
// Indian's "surname" is her father's name after bin, binti or a/p, which
// no marriage changes, and a son named after his father (Rosli bin Rosli)
// is told from him by it; and Iceland, whose people's surname is their
// father's name with -son or -dóttir, which no marriage changes either (a
// mother and her daughter of one given name have two: Guðrún Bjarnadóttir
// and Guðrún Gunnarsdóttir); and China, Taiwan, Hong Kong and Macao,
// whose women keep theirs too; and Senegal and its neighbours (Mali,
// Guinea, Mauritania, the Gambia), whose women keep their own family
// name; and Ethiopia, Eritrea and Somalia, whose "surname" is a father's
// given name (grandfathersAfter), and Mongolia, whose is too; and
// Tanzania, whose customers' surname is mostly a father's given name
// too, and Uganda, Rwanda and Burundi, whose people each bear a name of
// their own that no marriage changes (Jean Paul Habimana and Jean Paul
// Mugisha are two men); and Cambodia, whose women keep their family's
// name (Sreymom Sok is not her daughter Sreymom Meas).
func keepSurnamesForLife(region string) bool {
	region = strings.ToUpper(region)
	return surnamesForLife[region] || latinAmerica[region]
}

// surnamesForLife are keepSurnamesForLife's regions but Spanish-speaking
// America (latinAmerica).
var surnamesForLife = setOf("ES", "IT", "GR", "IR", "MY", "BN", "IS", "CN", "TW", "HK", "MO",
	"SN", "ML", "GN", "MR", "GM", "ET", "ER", "SO", "MN", "TZ", "UG", "RW", "BI", "KH")

// maidenAndMarriedForms reports whether two surnames are one Lithuanian
// family name's form for a married woman (-ienė: Kazlauskienė,
// Butkuvienė) and for an unmarried one (-aitė, -ytė, -utė, -iūtė:
// Kazlauskaitė, Butkutė): a mother, who took the name when she married,
// and her daughter, born to it. One woman who marries takes her husband's
// name, not her father's again. Any word of one against any word of the
// other counts (Petraitytė-Kazlauskienė).
func maidenAndMarriedForms(a, b string) bool {
	if !marriedForm(a) && !marriedForm(b) {
		return false // most surnames: no married form
	}
	x, y := surnameWords(a), surnameWords(b)
	for _, v := range x {
		for _, w := range y {
			if marriedOf(v, w) || marriedOf(w, v) {
				return true
			}
		}
	}
	return false
}

// marriedForm reports whether a surname may hold a Lithuanian married
// woman's ending (-ienė, -IENĖ).
func marriedForm(s string) bool { return strings.Contains(s, "ien") || strings.Contains(s, "IEN") }

// marriedOf reports whether folded surname m is a married woman's form of
// the family name whose unmarried woman's form is u.
func marriedOf(m, u string) bool {
	for _, f := range lithuanianForms {
		if stem, ok := strings.CutSuffix(m, f.married); ok && len(stem) >= 3 {
			for _, maiden := range f.maiden {
				if u == stem+maiden {
					return true
				}
			}
		}
	}
	return false
}

// lithuanianForms are a married woman's ending of a Lithuanian surname and
// the unmarried woman's endings beside it, folded: Kazlauskas,
// Kazlauskienė, Kazlauskaitė; Adomaitis, Adomaitienė, Adomaitytė;
// Stankevičius, Stankevičienė, Stankevičiūtė; Butkus, Butkuvienė, Butkutė.
var lithuanianForms = []struct {
	married string
	maiden  []string
}{
	{"uviene", []string{"ute"}},
	{"iene", []string{"aite", "yte", "ute", "iute"}},
}

// secondSurnameKept reports whether a booking in a tenant of Spain,
// Spanish-speaking America or a Portuguese-speaking country that lands on
// a profile writes fewer of the profile's surnames, and no other, beside
// the same first name or none (Vargas for Cristian / Vargas González,
// Mendes for Ana / Correia Mendes): the profile keeps its names, for the
// surname left out, the mother's, is what tells a customer from his
// cousin of one common name, and customers write it on one visit and not
// on the next, which would otherwise rewrite the profile back and forth.
func secondSurnameKept(region string, c Customer, p Profile) bool {
	region = strings.ToUpper(region)
	if region != "ES" && !latinAmerica[region] && !portugueseCountries[region] {
		return false
	}
	if f := foldedCore(c.FirstName); f != "" && f != foldedCore(p.FirstName) {
		return false
	}
	x, y := surnameWords(c.LastName), surnameWords(p.LastName)
	if len(x) == 0 || len(x) >= len(y) {
		return false
	}
	for _, w := range x {
		if !slices.Contains(y, w) {
			return false
		}
	}
	return true
}

// surnamesKeptForLife reports whether, in a tenant of keepSurnamesForLife,
// a booking and a profile give surnames that share nothing: no word of
// one is a word of the other, or a slip or a sound of it (LevelDifferent).
// Elsewhere that is a marriage; there it is another person, a mother and
// her daughter of one given name (Sofía Morales Méndez on her daughter
// Sofía Rojas's profile) or two women of a common one. A surname left out
// (Rojas for Rojas Morales) shares a word, and so does one with a slip in
// a word (Gnozález for González Vega); one written joined is the same
// (DeLuca for De Luca, Delatorre for de la Torre).
func surnamesKeptForLife(region, a, b string) bool {
	if !keepSurnamesForLife(region) || compareNames(newNameValue(a), newNameValue(b), false) != LevelDifferent {
		return false
	}
	x, y := surnameWords(a), surnameWords(b)
	if len(x) == 0 || len(y) == 0 {
		return false
	}
	for _, v := range x {
		for _, w := range y {
			if compareNames(newNameValue(v), newNameValue(w), false) != LevelDifferent {
				return false
			}
		}
	}
	return true
}

// surnameFormsOfTwoGenders reports whether two surnames are one family
// name's forms for a man and for a woman: Kowalski and Kowalska, Ivanov
// and Ivanova, Novák and Nováková, Novotný and Novotná, Kazlauskas and
// Kazlauskienė, Bērziņš and Bērziņa, Papadopoulos and Papadopoulou,
// Jónsson and Jónsdóttir. A couple or a brother and sister sharing the
// family's email write them so, and a short form common to both genders
// (Sasha for Aleksandr and Aleksandra, Alex, Zhenya) leaves the surname
// the only thing that tells them apart. Any word of one against any word
// of the other counts (Kowalska-Nowak).
func surnameFormsOfTwoGenders(a, b string) bool {
	x, y := surnameWords(a), surnameWords(b)
	for _, v := range x {
		for _, w := range y {
			if v != w && (feminineSurname(v, w) || feminineSurname(w, v)) {
				return true
			}
			if v, w := cyrillicLatinKey(v), cyrillicLatinKey(w); v != w && (feminineSurname(v, w) || feminineSurname(w, v)) {
				return true // Mikhaylova, Михайлов (mikhailov)
			}
		}
	}
	return false
}

// cyrillicLatinKey is a folded word of a Cyrillic name as its Latin
// writings' common letters (Mikhaylova, Mikhailova, Михайлова as
// mihailova; Yuliya, Iuliia, Julia, Юлия as iulia; Alexandr, Александр
// as aleksandr): y and i one letter, ya and ja ia, yu and ju iu, ye and yo
// e, kh h, x ks, and ii i. Passports,
// forms and people transliterate a name one way or another from one
// record to the next.
func cyrillicLatinKey(w string) string {
	w = translitPairs.Replace(w)
	w = strings.ReplaceAll(w, "y", "i")
	return strings.ReplaceAll(w, "ii", "i")
}

var translitPairs = strings.NewReplacer("kh", "h", "ya", "ia", "ja", "ia", "yu", "iu", "ju", "iu", "ye", "e", "yo", "e", "x", "ks")

// surnameEndings turn a masculine surname's ending into its feminine
// ones (folded: no accents, so ý is y and ė is e).
var surnameEndings = []struct {
	masculine string
	feminine  []string
}{
	{"ski", []string{"ska", "skaya", "skaja", "skaia"}}, // Polish, Russian written -ski
	{"cki", []string{"cka"}},
	{"zki", []string{"zka"}},
	{"sky", []string{"ska", "skaya", "skaja"}}, // Czech and Slovak -ský/-ská, Russian -sky
	{"skiy", []string{"skaya", "skaja", "skaia"}},
	{"skii", []string{"skaya", "skaja", "skaia"}},
	{"skij", []string{"skaya", "skaja", "skaia"}},
	{"ov", []string{"ova"}}, // Russian, Bulgarian
	{"ev", []string{"eva"}},
	{"yov", []string{"yova"}},
	{"in", []string{"ina"}},
	{"yn", []string{"yna"}},
	{"oy", []string{"aya", "aja"}}, // Tolstoy, Tolstaya
	{"iy", []string{"aya", "aja"}},
	{"y", []string{"a"}},                                   // Czech and Slovak adjectival: Novotný, Novotná
	{"as", []string{"iene", "aite", "yte", "ute", "iute"}}, // Lithuanian: a wife's -ienė, a daughter's -aitė
	{"is", []string{"iene", "yte", "ute", "e"}},            // Lithuanian; Latvian -is, -e
	{"ys", []string{"iene", "yte"}},
	{"us", []string{"iene", "ute", "iute"}},
	{"s", []string{"a"}},        // Latvian: Bērziņš, Bērziņa; Ozols, Ozola
	{"os", []string{"ou"}},      // Greek: Papadopoulos, Papadopoulou
	{"son", []string{"dottir"}}, // Icelandic: Jónsson, Jónsdóttir
}

// feminineSurname reports whether f is the masculine surname m's form for
// a woman: an ending of surnameEndings, or Czech -ová after the whole
// name (Novák, Nováková), after it without its final vowel (Svoboda,
// Svobodová) or without the e before its last letter (Němec, Němcová;
// Marek, Marková).
func feminineSurname(m, f string) bool {
	if len(m) < 3 {
		return false
	}
	for _, e := range surnameEndings {
		stem, ok := strings.CutSuffix(m, e.masculine)
		if !ok || len(stem) < 2 {
			continue
		}
		for _, fe := range e.feminine {
			if f == stem+fe {
				return true
			}
		}
	}
	base, ok := strings.CutSuffix(f, "ova")
	if !ok || len(base) < 3 {
		return false
	}
	n := len(m)
	return base == m || strings.ContainsRune("aeo", rune(m[n-1])) && base == m[:n-1] ||
		m[n-2] == 'e' && base == m[:n-2]+m[n-1:]
}

// generationsTellApart reports whether the generations written after a
// booking's and a profile's names say two people: both written and
// unlike (John Smith Jr and John Smith Sr, a son and his father on the
// family's email), or written on one side only while the birth dates do
// not show one person (William Romano Sr on William Romano's profile:
// which of the two the profile is, nothing says). One left out with the
// birth dates agreeing, even by a slip, is the person, as is II for Jr.
func generationsTellApart(first, last, birth, profileFirst, profileLast, profileBirth string) bool {
	a, b := generationOf(first, last), generationOf(profileFirst, profileLast)
	switch {
	case a == b:
		return false
	case a != "" && b != "":
		return true
	}
	l := compareBirthDates(birth, profileBirth)
	return l == LevelMissing || l == LevelDifferent || !ValidBirthDate(birth) || !ValidBirthDate(profileBirth)
}

// generationOf is the generation written after a surname, or after a
// first name (William Jr), II read as Jr.
func generationOf(first, last string) string {
	_, g := nameCore(last)
	if g == "" {
		_, g = nameCore(first)
	}
	if g == "ii" {
		return "jr"
	}
	return g
}

// givenNamesReplaced reports whether a booking and a profile that both
// hold a surname as their first name (the form filled the other way round
// on both visits) hold two given names as their surnames: Kuznetsova
// Anastasia on Kuznetsova Anna's profile is her sister or her mother, not
// a woman who married. A surname replaced beside a given name that agrees
// stays a marriage (Marie Martin for Marie Dupont).
//
// The first name is known for a surname when it is one of the family
// names of the countries that write the surname first (surnameFirst):
// Ngo Cong Minh on Ngo Thi Vy's profile, Chen Xiaoming on Chen Xiaoli's,
// Nguyen Van Dung on Nguyen Van Khoa's are a husband, a brother and a
// father, whatever their given names, which no list holds; so are the
// commonest family names of South Asia, whose forms are often filled
// surname first too (southAsianFamilyNames: Rai / Bishnu on Rai /
// Prakash's profile, a father and his son, Sharma / Rahul on Sharma /
// Priya's), but for a second given name left out (Shrestha / Ram for
// Shrestha / Ram Bahadur); unless a surname box holds such a family name
// too, which makes the first name a given name (Nam / Nguyen Van on Nam /
// Nguyễn's profile: Nam is a Vietnamese given name as well as a Korean
// family name). Otherwise both surnames must be given names dedupe knows.
func givenNamesReplaced(first, last, profileFirst, profileLast string) bool {
	f, a, b := foldedCore(first), foldedCore(last), foldedCore(profileLast)
	if f == "" || a == "" || b == "" || anyGivenName(f) || !oneFamilyName(first, profileFirst) {
		return false
	}
	family := func(w string) bool { return surnameFirst[w] || southAsianFamilyNames[w] }
	familyFirst := family(f) && !slices.ContainsFunc(append(nameWords(last), nameWords(profileLast)...), family)
	return (familyFirst || anyGivenName(a) && anyGivenName(b)) && !NamesCompatible(last, profileLast) &&
		!givenNameDropped(last, profileLast)
}

// oneFamilyName reports whether two first-name boxes hold one family's
// name: the same once folded, a slip apart (Belik, Білик), or its two
// genders' forms (Соловйова, Solovyov).
func oneFamilyName(a, b string) bool {
	return foldedCore(a) == foldedCore(b) || compareNames(newNameValue(a), newNameValue(b), false) != LevelDifferent ||
		surnameFormsOfTwoGenders(a, b)
}

// southAsianFamilyNames are the commonest family names of Nepal, India,
// Bangladesh, Pakistan and Sri Lanka, folded, that are no given name as
// well (not Roy, Paul, Rana, Malik, Islam, Ahmed or Karim): a first-name
// box that holds one holds a surname.
var southAsianFamilyNames = setOf(
	// Nepal
	"shrestha", "adhikari", "thapa", "gurung", "tamang", "rai", "limbu", "magar", "karki", "khadka",
	"basnet", "bhandari", "poudel", "paudel", "pokharel", "pokhrel", "koirala", "acharya", "bhattarai",
	"ghimire", "gautam", "pant", "regmi", "dahal", "neupane", "khanal", "subedi", "aryal", "maharjan",
	"shakya", "bajracharya", "tuladhar", "manandhar", "pradhan", "lama", "sherpa", "mahato", "bista",
	"dhakal", "sapkota", "timilsina", "lamichhane", "bhusal", "kc",
	// India
	"sharma", "patel", "verma", "gupta", "agarwal", "agrawal", "mehta", "jain", "reddy", "nair", "menon",
	"pillai", "iyer", "iyengar", "rao", "naidu", "mukherjee", "banerjee", "chatterjee", "bhattacharya",
	"ghosh", "bose", "dutta", "datta", "mishra", "tiwari", "trivedi", "dubey", "pandey", "chauhan",
	"rathore", "kapoor", "khanna", "malhotra", "arora", "bhatia", "saxena", "srivastava", "sinha",
	"desai", "kulkarni", "joshi", "deshpande", "patil", "pawar", "jadhav", "naik", "shetty", "hegde",
	"kamath", "yadav", "chaudhary", "choudhary", "thakur", "singh", "kaur",
	// Bangladesh
	"hossain", "hossen", "chowdhury", "sarker", "sarkar", "miah", "uddin", "haque", "hoque",
	"talukder", "bhuiyan", "mondal", "biswas", "saha", "akter", "akhter", "khatun", "begum",
	// Pakistan
	"khan", "qureshi", "siddiqui", "butt", "chaudhry", "sheikh", "shaikh", "awan", "abbasi", "rajput",
	"hashmi", "bukhari", "rizvi", "naqvi", "zaidi", "baig", "ansari",
	// Sri Lanka
	"perera", "fernando", "silva", "bandara", "dissanayake", "jayawardena", "wickramasinghe",
	"rajapaksa", "herath", "gunawardena",
)

// surnameFirst are the commonest family names of China, Korea, Vietnam
// and Japan, whose people write the surname before the given name, folded;
// a booking form's first-name box holding one holds a surname. Left out
// are those that are given names too (Kim, Lee, Jo, which givennames.txt
// lists, and Wei, An, Yu, Lin, Su, Ye, Song), where a surname replaced
// may be a marriage.
var surnameFirst = setOf(append(slices.Clone(vietnameseFamilyNames), // Vietnam
	// China (pinyin) and Hong Kong, Singapore, Malaysia (Cantonese, Hokkien)
	"wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao",
	"wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he",
	"gao", "luo", "zheng", "liang", "xie", "tang", "feng", "deng",
	"cao", "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan",
	"cai", "jiang", "du", "cheng", "lu", "ding", "ren", "shen",
	"yao", "wong", "chan", "cheung", "leung", "lau", "chow", "tsang",
	"yeung", "kwok", "ng", "tan", "lim", "goh", "teo", "ong",
	// Korea
	"park", "choi", "jung", "jeong", "kang", "cho", "yoon", "yun",
	"jang", "shin", "han", "oh", "seo", "kwon", "hwang", "ahn",
	"yoo", "hong", "jeon", "ko", "moon", "bae", "baek", "heo",
	"nam", "gim", "yi", "pak", "chung", "choe",
	// Japan (Hepburn, and the long vowels written out: Satou, Itou)
	"sato", "satou", "suzuki", "takahashi", "tanaka", "watanabe", "ito",
	"itou", "yamamoto", "nakamura", "kobayashi", "kato", "katou",
	"yoshida", "yamada", "sasaki", "yamaguchi", "saito", "saitou",
	"matsumoto", "inoue", "kimura", "hayashi", "shimizu", "yamazaki",
	"ikeda", "hashimoto", "yamashita", "ishikawa", "nakajima", "maeda",
	"fujita", "ogawa", "goto", "gotou", "okada", "hasegawa", "murakami",
	"kondo", "kondou", "ishii", "sakamoto", "endo", "endou", "aoki",
	"fujii", "nishimura", "fukuda", "ota", "oota", "miura", "fujiwara",
	"okamoto", "matsuda", "nakagawa", "nakano", "harada", "ono", "oono",
	"ohno", "tamura", "takeuchi", "kaneko", "wada", "nakayama", "ishida",
	"ueda", "morita", "shibata", "sakai", "kudo", "kudou", "yokoyama",
	"miyazaki", "miyamoto", "uchida", "takagi", "ando", "andou",
	"taniguchi", "maruyama", "imai", "fujimoto", "takeda", "murata",
	"ueno", "sugiyama", "masuda", "hirano", "otsuka", "kubo", "matsui",
	"sakurai", "kinoshita", "noguchi", "nomura", "kikuchi", "arai",
)...)

// anyGivenName reports whether a folded name is a given name dedupe
// knows: listed in givennames.txt, or on a line of shortforms.txt.
func anyGivenName(f string) bool { return givenNames()[f] || shortFormNames()[f] }

// shortFormNames are every name of shortforms.txt, folded.
var shortFormNames = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, l := range shortFormLines {
		for _, n := range append(append([]string(nil), l.Full...), l.Short...) {
			m[n] = true
		}
	}
	return m
})
