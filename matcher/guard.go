package matcher

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The name guard (Decide) reads a booking's names against a profile's as
// written, or in another reading (the Cyrillic ones as Ukrainians write
// theirs in Latin letters), with the ways one person writes her name from
// one visit to the next.

// guardNames are a booking's and a profile's names as the name guard
// compares them, with their birth dates and the tenant's region, which say
// how its people write names.
type guardNames struct {
	first, last, profileFirst, profileLast string
	birth, profileBirth, region            string
}

// agree reports whether the names may be one person's (Decide's name
// guard), and how the booking wrote the profile's: swapped between the
// boxes (NamesSwapped), or its words moved or run together
// (SameNameOtherwise: otherwise). Where a name is a chain of given names,
// the person's, the father's and the grandfather's (nameChains), the
// boxes swapped are the father's name and the son's unless the birth
// dates agree: Mohamed / Hamdy is the father of Hamdy / Mohamed.
func (g guardNames) agree() (agree, swapped, otherwise bool) {
	if g.crossed() && !wordsMeet(nameWords(g.first+" "+g.last), nameWords(g.profileFirst+" "+g.profileLast)) {
		// Naema Ben Kirane / '' on the profile '' / Elkhatib: each
		// record's name is in the box the other left empty, so no box
		// compares, and nothing the two write is one name.
		return false, false, false
	}
	switch {
	case g.fathersInitialSiblings():
		// A. / Suresh and A. Nandhini: a brother and a sister, the
		// initial their father's, which every child of his writes.
		return false, false, false
	case grandfathersAfter[strings.ToUpper(g.region)] && strings.ContainsFunc(g.last, unicode.IsLetter) &&
		strings.ContainsFunc(g.profileLast, unicode.IsLetter) && NamesCompatible(g.first, g.profileFirst) &&
		!oneNameChain(g.first+" "+g.last, g.profileFirst+" "+g.profileLast):
		// Getachew / Bekele on Getachew / Getachew Bekele: the surname
		// box is a father's name, then a grandfather's, and Bekele is the
		// grandfather of the second, who is the first's son.
		return false, false, false
	case (surnameShaped(g.first) || surnameShaped(g.profileFirst)) && strings.ContainsFunc(g.last, unicode.IsLetter) &&
		strings.ContainsFunc(g.profileLast, unicode.IsLetter) && NamesCompatible(g.first, g.profileFirst) &&
		!NamesCompatible(g.last, g.profileLast):
		// Костић / Никола and Kostic / Nemanja: both records write the
		// surname in the first-name box, and their given names differ. A
		// father and his son, not a marriage.
		return false, false, false
	case albanianNames[strings.ToUpper(g.region)] &&
		(albanianDefiniteForm(g.first, g.profileFirst) || albanianDefiniteForm(g.profileFirst, g.first)):
		// Besniku for Besnik, Shqipja for Shqipe: an Albanian given name
		// in its definite form, as Albanians write it as often as not.
		// The profile keeps the name's own form, or takes it (Arben
		// over Arbeni), against which a slip (Aren) is read.
		return !surnameSaysAnother(g.first, g.last, g.profileFirst, g.profileLast), false, albanianDefiniteForm(g.first, g.profileFirst)
	case NamesCompatible(g.first, g.profileFirst):
		return !surnameSaysAnother(g.first, g.last, g.profileFirst, g.profileLast), false, false
	case NamesSwapped(g.first, g.last, g.profileFirst, g.profileLast):
		if fathersNameSurnames(g.region) && !sameBirthDate(g.birth, g.profileBirth) && !g.familyNameWritten() {
			// In Mongolia too the surname box holds the father's name:
			// Purevsuren / Lkhagvasuren's son may be Lkhagvasuren /
			// Purevsuren.
			return false, false, false
		}
		return true, true, false
	case SameNameOtherwise(g.first, g.last, g.profileFirst, g.profileLast, g.region):
		return true, false, true
	case g.surnameBeforeGivenAlone():
		// Quispe Rojas / Miguel on Miguel / '': the profile holds the
		// given name alone, the booking writes it in the surname box and
		// the surnames before it. The update writes them the profile's
		// way round.
		if fathersNameSurnames(g.region) && !sameBirthDate(g.birth, g.profileBirth) {
			return false, false, false
		}
		return true, true, false
	case vietnameseMiddleNameDropped(g.first, g.profileFirst) && foldedCore(g.last) == foldedCore(g.profileLast) &&
		vietnameseSurnames[foldedCore(g.last)] && !bornApart(g.birth, g.profileBirth, false):
		// Hương / Đặng for Ngọc Hương / Đặng: a Vietnamese middle name,
		// the first of the given names, written or not (Thị and Văn are
		// middleNameLeftOut's). The profile keeps its names.
		return true, false, true
	case !fathersInitials[strings.ToUpper(g.region)] && (leadingInitialBefore(givenName(g.first).words, givenName(g.profileFirst).words) ||
		leadingInitialBefore(givenName(g.profileFirst).words, givenName(g.first).words)):
		// P. Hitesh / Patel for Hitesh / Patel on a US form: an initial
		// before the name one goes by (a father's or a village's, as
		// South Indians write it abroad; a first name, J. Michael), the
		// name itself written out. Where a father's initial is the custom
		// (fathersInitials) its own rules read it.
		return !surnameSaysAnother(g.first, g.last, g.profileFirst, g.profileLast), false, false
	case g.wholeNameOverGivenAlone():
		// Juan Rodríguez Flores / '' on Juan / '': the whole name in the
		// first-name box, the profile's given name, then words that are
		// no given names. The profile keeps its names.
		return true, false, true
	case givenNameDropped(g.first, g.profileFirst) && g.birth == g.profileBirth && sameBirthDate(g.birth, g.profileBirth):
		// Margaret for Margaret Nduta, born the same day (not a slip
		// apart): a Kenyan's African name, a second given name, left out
		// on one visit. Without the date it may be her mother, Margaret
		// Wanjiku.
		return !surnameSaysAnother(g.first, g.last, g.profileFirst, g.profileLast), false, false
	case postNoms[strings.ToUpper(g.region)] && postNomWrittenOrNot(g.first, g.profileFirst) &&
		foldedCore(g.last) != "" && foldedCore(g.last) == foldedCore(g.profileLast) && !bornApart(g.birth, g.profileBirth, false):
		// Ngalula Glodie / Kabila for Glodie / Kabila: a Congolese's
		// post-nom written beside her given name on one visit and not the
		// next. The profile keeps its names.
		return true, false, true
	case middleNamesLeftOut[strings.ToUpper(g.region)] && laterNamesLeftOut(g.first, g.profileFirst) &&
		foldedCore(g.last) != "" && foldedCore(g.last) == foldedCore(g.profileLast) && !bornApart(g.birth, g.profileBirth, false):
		// Tinna for Tinna Ingibjörg / Jónsdóttir: in Iceland a middle name
		// is left out from one visit to the next, and the surname, the
		// father's name, tells her from her mother; a sister is not Tinna
		// too. Sigurður for Bjarni Sigurður is his brother.
		return true, false, false
	case middleNamesWrittenOrNot[strings.ToUpper(g.region)] && middleNameWrittenOrNot(g.first, g.profileFirst) &&
		foldedCore(g.last) != "" && foldedCore(g.last) == foldedCore(g.profileLast) &&
		(strings.TrimSpace(g.birth) == "" && strings.TrimSpace(g.profileBirth) == "" || sameBirthDate(g.birth, g.profileBirth)):
		// Eva for Eva Kristina / Andersson, Tuomas for Tuomas Olavi,
		// Rohan for Rohan Suresh / Patil (a Marathi's father's name):
		// a second given name written on one visit and not the next,
		// beside the same birth date or none on either. One date alone
		// may be a son's who bears his father's first name: Fredrik,
		// born 2003, is not said to be Fredrik Kristian when the
		// booking gives no date. The profile keeps its names as they
		// are, the second name written or not: the next booking is read
		// against those.
		return true, false, true
	case grandfathersAfter[strings.ToUpper(g.region)] && oneNameChain(g.first+" "+g.last, g.profileFirst+" "+g.profileLast) &&
		!bornApart(g.birth, g.profileBirth, false):
		// Tesfaye Mesfin / Yonas for Tesfaye / Mesfin: an Ethiopian's
		// name, his father's and his grandfather's, in whichever boxes,
		// the grandfather's written or not. The profile keeps its names.
		return true, false, true
	case armenianPatronymics[strings.ToUpper(g.region)] && fathersGenitiveLeftOut(g.first, g.profileFirst) &&
		foldedCore(g.last) != "" && foldedCore(g.last) == foldedCore(g.profileLast) && !bornApart(g.birth, g.profileBirth, false):
		// Haik for Haik Kareni / Petrosyan: an Armenian's father's name,
		// in the genitive, written after his own on one visit and not the
		// next.
		return true, false, false
	case (gulfFamilyNames[strings.ToUpper(g.region)] || levantFamilyNames[strings.ToUpper(g.region)] ||
		albanianNames[strings.ToUpper(g.region)]) &&
		laterNamesLeftOut(g.first, g.profileFirst) && (familyName(g.last) || noGivenName(surnameWords(g.last))) &&
		foldedCore(g.last) == foldedCore(g.profileLast) && !bornApart(g.birth, g.profileBirth, false):
		// Omar for Omar Mohammed / Al-Otaibi, Mahmoud for Mahmoud Omar /
		// Abu Zeid: a father's name (the nasab) written on one visit and
		// not the next, before the family's name, which no given name in
		// use is (Dashti, Khasawneh). Hassan may be the father's name.
		// The profile keeps its names: written over them, the father's
		// name left a later spelling of her own (Muhammad for Mohammed
		// Salem) no name to meet.
		return true, false, true
	}
	return false, false, false
}

// familyNameWritten reports whether a box of either record holds a name
// shaped as only a family's is (articledFamilyName's Al-Enezi,
// surnameShaped's Boyadjian): then the names are no chain of given names,
// and boxes swapped are one person's, Al-Enezi / Noura for Noura /
// Al-Enezi.
func (g guardNames) familyNameWritten() bool {
	for _, box := range []string{g.first, g.last, g.profileFirst, g.profileLast} {
		if articledFamilyName(box) || surnameShaped(box) {
			return true
		}
	}
	return false
}

// articledFamilyName reports whether a box is an Arab family's name with
// its article written apart (Al-Enezi, Al Thani, El-Khoury) or, in Arabic
// script, the article before a name of origin (الدوسري, المطيري). Given
// names that begin with the article's letters run them on (Alaa, Ali,
// Elias, الياس), and familyName's looser reading would take them.
func articledFamilyName(box string) bool {
	w := strings.Fields(strings.ToLower(strings.TrimSpace(box)))
	if len(w) == 0 {
		return false
	}
	for _, article := range []string{"al-", "el-"} {
		if rest, ok := strings.CutPrefix(w[0], article); ok && utf8.RuneCountInString(rest) >= 3 {
			return true
		}
	}
	if (w[0] == "al" || w[0] == "el" || w[0] == "آل") && len(w) > 1 && utf8.RuneCountInString(w[1]) >= 3 {
		return true
	}
	return strings.HasPrefix(w[0], "ال") && strings.HasSuffix(w[0], "ي") && utf8.RuneCountInString(w[0]) >= 5
}

// scriptsDiffer reports whether a booking writes its names in Latin
// letters and the profile in another script, or the other way round
// (عائشة for Aisha, Олена for Olena): the update keeps the profile's,
// against which the next booking's slips are read.
func scriptsDiffer(c Customer, p Profile) bool {
	latin := func(s ...string) bool {
		return !slices.ContainsFunc(s, func(box string) bool {
			return strings.ContainsFunc(box, func(r rune) bool { return unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) })
		})
	}
	return latin(c.FirstName, c.LastName) != latin(p.FirstName, p.LastName)
}

// fathersNameSurnames reports whether region's surname box holds a
// father's given name: where names are chains of given names
// (nameChains, grandfathersAfter among them), and in Mongolia.
func fathersNameSurnames(region string) bool {
	region = strings.ToUpper(region)
	return nameChains[region] || region == "MN"
}

// middleNamesLeftOut are the regions whose customers leave a middle name
// out from one visit to the next, where the surname is a patronymic that
// tells a parent from a child of one given name: Iceland.
var middleNamesLeftOut = setOf("IS")

// fathersInitials are the regions where a Tamil writes his father's
// initial before or after his own name, in either box, and no surname:
// India, Sri Lanka, Malaysia and Singapore.
var fathersInitials = setOf("IN", "LK", "MY", "SG")

// fathersInitialSiblings reports whether, in fathersInitials, each record
// writes one initial and a name (A. / Suresh, A. Nandhini, Karthik / R),
// the initials agree, and the names are two people's: the children of one
// father.
func (g guardNames) fathersInitialSiblings() bool {
	if !fathersInitials[strings.ToUpper(g.region)] {
		return false
	}
	i, name := initialAndName(g.first + " " + g.last)
	j, other := initialAndName(g.profileFirst + " " + g.profileLast)
	return i != "" && i == j && !NamesCompatible(name, other)
}

// initialAndName returns the one initial among a whole name's words and
// the other words, when it holds one initial and a name of one word.
func initialAndName(s string) (initial, name string) {
	words := nameWords(s)
	if len(words) != 2 {
		return "", ""
	}
	for k, w := range words {
		if utf8.RuneCountInString(w) == 1 && utf8.RuneCountInString(words[1-k]) > 1 {
			return w, words[1-k]
		}
	}
	return "", ""
}

// middleNamesWrittenOrNot are the regions whose customers have second
// given names, written apart, that they write on one visit and leave out
// on the next, and where a child seldom bears a parent's first given
// name: Sweden, Norway, Denmark and Finland, whose people have one or two
// middle names (Eva Kristina, Tuomas Olavi), and India, where a Marathi
// writes his father's name after his own (Rohan Suresh Patil) and many
// men a Kumar, and Fiji, whose Indian families do the same (Sunita Devi,
// Avinesh Kumar). A name joined by a hyphen (Anna-Maria) is one name there,
// as in France, and Anna may be another person; so is a name after
// Muhammad or Syed (muhammadBefore reads those), and one after Sai or
// Venkata (Sai Kiran, Venkata Ramana), which are part of the name.
var middleNamesWrittenOrNot = setOf("SE", "NO", "DK", "FI", "IN", "FJ")

// middleNameWrittenOrNot reports whether one first name is the other with
// later given names written apart after it (laterNamesLeftOut), not
// joined by a hyphen, and not after a word that begins a name of several
// (namesBefore, Sai, Venkata).
func middleNameWrittenOrNot(a, b string) bool {
	if strings.ContainsAny(a+b, "-‐") || !laterNamesLeftOut(a, b) {
		return false
	}
	first := givenName(a).words[0]
	return !namesBefore[first] && !nameStarts[first]
}

// nameStarts are words that begin an Indian name of several words and
// say little alone: Sai Kiran and Sai Krishna are brothers.
var nameStarts = setOf("sai", "venkata", "venkat", "sri", "shri", "sree", "naga", "lakshmi", "siva", "shiva", "satya", "surya")

// grandfathersAfter are the regions whose customers have no family name
// and write their father's given name in the surname box, and on some
// visits their grandfather's after it (Tesfaye / Abera Mulugeta, which
// the guard reads as Tesfaye / Abera, a surname written in part):
// Ethiopia, Eritrea and Somalia. A whole name in the first-name box is
// read so (wholeNameRead).
var grandfathersAfter = setOf("ET", "ER", "SO")

// surnameShaped reports whether a name box as written ends as only a
// family name does: Serbian, Croatian and Bosnian -ić (or -ich), Armenian -yan (and
// -jian and -ssian as Lebanon's Armenians write it: Boyadjian, Boghossian), East
// Slavic and Kazakh -ov, -ev, -ova, -eva and -enko, Georgian -shvili and
// -dze, in Latin, Cyrillic, Armenian or Georgian letters. A given name
// never does (Irina, Yakov and Brian are too short or end otherwise).
func surnameShaped(box string) bool {
	w := strings.TrimSpace(box)
	if len(w) < 4 {
		return false
	}
	w = strings.ToLower(w)
	n := utf8.RuneCountInString(w)
	for _, e := range familyNameEndings {
		if strings.HasSuffix(w, e.ending) && n >= e.min {
			return true
		}
	}
	return n >= 5 && strings.HasSuffix(w, "ich") && !strings.HasSuffix(w, "rich") // Kostich, as Russian spells -ić; not Ulrich
}

// familyNameEndings are surnameShaped's endings, each with the fewest letters
// a surname that ends so has.
var familyNameEndings = []struct {
	ending string
	min    int
}{
	{"ić", 4}, {"ић", 4}, {"yan", 5}, {"ян", 5}, {"յան", 5}, {"ova", 6}, {"eva", 6}, {"ова", 6}, {"ева", 6},
	{"ov", 6}, {"ev", 6}, {"ов", 6}, {"ев", 6}, {"enko", 6}, {"енко", 6}, {"shvili", 7}, {"швили", 7}, {"შვილი", 7},
	{"dze", 5}, {"ძე", 5}, {"jian", 6}, {"ssian", 8},
}

// oneNameChain reports whether two whole names, each a person's given
// name, her father's and perhaps her grandfather's in order (titles left
// out), are one: two words or more of each, the shorter the longer's
// first words, each word one name (NamesCompatible, or the Ethiopic
// script's and a Latin spelling's: sameEthiopicName). Abebe Kebede is not
// Kebede Tesfaye, his father, nor Abebe Girma, another father's son.
func oneNameChain(a, b string) bool {
	x, y := chainWords(a), chainWords(b)
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(x) < 2 {
		return false
	}
	for i, w := range x {
		v := y[i]
		if !NamesCompatible(w, v) && !(hasEthiopic(w) && sameEthiopicName(w, v) || hasEthiopic(v) && sameEthiopicName(v, w)) {
			return false
		}
	}
	return true
}

// chainWords are a whole name's words as written, its titles left out
// (አቶ, Ato, W/ro).
func chainWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(slashedTitlesWritten(s), func(r rune) bool {
		return wordBreak(r) && r != '\'' && r != '’'
	}) {
		if f := FoldName(w); f != "" && !titles[f] {
			out = append(out, w)
		}
	}
	return out
}

// armenianPatronymics are the regions whose customers write their father's
// name in the genitive after their own on some visits (Haik Kareni, son
// of Karen): Armenia.
var armenianPatronymics = setOf("AM")

// withoutArmenianH returns a name in Latin letters without the h before a
// vowel at the head of its words, which Russian leaves out of Armenian
// names (Hasmik is Асмик, Hayk Айк, Hovhannes Ованес), and whether it
// held one.
func withoutArmenianH(s string) (string, bool) {
	words := strings.Fields(s)
	changed := false
	for i, w := range words {
		if len(w) > 2 && (w[0] == 'H' || w[0] == 'h') && strings.IndexByte("aeiouyAEIOUY", w[1]) >= 0 {
			words[i], changed = w[1:], true
		}
	}
	return strings.Join(words, " "), changed
}

// fathersGenitiveLeftOut reports whether one given name box is the
// other's first words, and each word left out is a father's name in the
// Armenian genitive, which ends in i (Kareni, Armeni, Hovhannesi).
func fathersGenitiveLeftOut(a, b string) bool {
	if !laterNamesLeftOut(a, b) {
		return false
	}
	x, y := givenName(a).words, givenName(b).words
	if len(x) > len(y) {
		x, y = y, x
	}
	return !slices.ContainsFunc(y[len(x):], func(w string) bool { return len(w) < 4 || !strings.HasSuffix(w, "i") })
}

// gulfFamilyNames are the regions whose customers write a family name
// (Al-Otaibi, القحطاني) after their own name and, on some visits, their
// father's and grandfather's between (laterNamesLeftOut): Saudi Arabia and the
// Gulf states.
var gulfFamilyNames = setOf("SA", "AE", "QA", "KW", "BH", "OM")

// albanianNames are the regions whose Albanian customers write their
// father's name after their own on some visits (Besnik Arben / Asani), and
// their given name in its definite form (Besniku, Shqipja): Albania,
// Kosovo, North Macedonia and Montenegro.
var albanianNames = setOf("AL", "XK", "MK", "ME")

// albanianDefiniteForm reports whether the first given name of a is that
// of b in Albanian's definite form: a masculine name with -i or -u after
// it (Erioni, Besniku), -ër becoming -ri (Arbri for Arbër), and a feminine
// one's final -e written -ja (Shqipja for Shqipe, Nduja for Ndue).
func albanianDefiniteForm(a, b string) bool {
	x, y := givenName(a).words, givenName(b).words
	if len(x) == 0 || len(y) < 1 || len(y[0]) < 3 {
		return false
	}
	definite, name := x[0], y[0]
	return definite == name+"i" || definite == name+"u" ||
		strings.HasSuffix(name, "er") && definite == strings.TrimSuffix(name, "er")+"ri" ||
		strings.HasSuffix(name, "e") && definite == strings.TrimSuffix(name, "e")+"ja"
}

// levantFamilyNames are the regions whose customers carry a family name
// and write their father's name between it and their own on some visits
// (Mahmoud Omar / Abu Zeid, Mireille Charbel / Sfeir), as the Gulf's do:
// Jordan, Lebanon, Syria, Palestine and Iraq.
var levantFamilyNames = setOf("JO", "LB", "SY", "PS", "IQ")

// laterNamesLeftOut reports whether one given name box is the other's
// first words, the rest left out: a middle name (Tinna for Tinna
// Ingibjörg), or a father's and grandfather's names, with or without bin
// (Omar for Omar Mohammed, Omar bin Mohammed bin Fahad). A later word
// alone is another person: Mohammed for Omar Mohammed is his father,
// Sigurður for Bjarni Sigurður his brother.
func laterNamesLeftOut(a, b string) bool {
	x, y := givenName(a).words, givenName(b).words
	if len(x) > len(y) {
		x, y = y, x
	}
	return len(x) > 0 && len(x) < len(y) && slices.EqualFunc(x, y[:len(x)], func(v, w string) bool {
		return v == w || NamesCompatible(v, w) // Muhammad for Mohammed Salem, Laar for Lara Rami
	})
}

// postNoms are the regions whose people bear a post-nom, a name of their
// own written after the family's on their papers (KABILA KABANGE Joseph),
// which a form of two boxes puts now in the surname box, now beside the
// given name, now nowhere: the Democratic Republic of the Congo.
var postNoms = map[string]bool{"CD": true}

// postNomWrittenOrNot reports whether one first-name box is the other's
// with a word or more that are no given names in use (givennames.txt)
// before or after it, a post-nom: Ngalula Glodie or Glodie Ngalula for
// Glodie. Glodie Merveille is another name.
func postNomWrittenOrNot(a, b string) bool {
	if !givenNameDropped(a, b) {
		return false
	}
	x, y := givenName(a).words, givenName(b).words
	if len(x) > len(y) {
		x, y = y, x
	}
	return noGivenName(slices.DeleteFunc(slices.Clone(y), func(w string) bool { return slices.Contains(x, w) }))
}

// familyName reports whether a surname box is a family's name with its
// article, as Saudi and Gulf families write theirs (Al-Otaibi, Al Otaibi,
// Alotaibi, العتيبي), not a father's given name.
func familyName(s string) bool {
	w := strings.Fields(strings.TrimSpace(s))
	if len(w) == 0 {
		return false
	}
	f := FoldName(w[0])
	return strings.HasPrefix(f, "al") || strings.HasPrefix(f, "el") || strings.HasPrefix(f, "ال")
}

// surnameBeforeGivenAlone reports whether the profile holds a given name
// in use alone (givennames.txt) and the booking writes it in the surname
// box, beside a first-name box that holds no given name in use: Quispe
// Rojas / Miguel for Miguel and no surname. Ana / Miguel is Ana, whose
// surname is Miguel; Imran / Khan is not Khan with no given name.
func (g guardNames) surnameBeforeGivenAlone() bool {
	if foldedCore(g.profileLast) != "" || !givenNames()[FoldName(g.profileFirst)] || foldedCore(g.first) == "" ||
		FoldName(g.last) != FoldName(g.profileFirst) {
		return false
	}
	return noGivenName(nameWords(g.first))
}

// wholeNameOverGivenAlone reports whether neither record gives a surname
// and the booking's first-name box holds the profile's given name, then
// words that are no given names in use (givennames.txt), its surnames:
// Juan Rodríguez Flores for Juan. Juan Carlos is another name.
func (g guardNames) wholeNameOverGivenAlone() bool {
	if foldedCore(g.last) != "" || foldedCore(g.profileLast) != "" {
		return false
	}
	words, given := nameWords(g.first), nameWords(g.profileFirst)
	if len(given) == 0 || len(words) <= len(given) || !slices.Equal(words[:len(given)], given) {
		return false
	}
	return noGivenName(words[len(given):])
}

// noGivenName reports whether none of the folded words is a given name in
// use (givennames.txt) or an initial: surnames.
func noGivenName(words []string) bool {
	return !slices.ContainsFunc(words, func(w string) bool { return givenNames()[w] || len([]rune(w)) == 1 })
}

// crossed reports whether both records write a name and no box holds one
// on both: one gives only a first name, the other only a surname, or each
// fills the box the other leaves empty.
func (g guardNames) crossed() bool {
	named := func(s string) bool { return strings.ContainsFunc(s, unicode.IsLetter) }
	return (named(g.first) || named(g.last)) && (named(g.profileFirst) || named(g.profileLast)) &&
		!(named(g.first) && named(g.profileFirst)) && !(named(g.last) && named(g.profileLast))
}

// wordsMeet reports whether a word of one name and a word of the other
// are one name: the same, a slip, a short form or an initial of it
// (NamesCompatible, word by word).
func wordsMeet(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if NamesCompatible(x, y) {
				return true
			}
		}
	}
	return false
}

// givenNameDropped reports whether one first name is the other with a word
// or more left out: each word of the one is a word of the other, which has
// more.
func givenNameDropped(a, b string) bool {
	x, y := givenName(a).words, givenName(b).words
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(x) == 0 || len(x) == len(y) {
		return false
	}
	x, y = slices.Clone(x), slices.Clone(y)
	slices.Sort(x)
	slices.Sort(y)
	return allIn(x, y)
}

// sameBirthDate reports whether two records give birth dates that agree,
// a slip apart at most: both real (realBirthDates), and not two people's.
func sameBirthDate(a, b string) bool {
	return realBirthDates(a, b) && compareBirthDates(a, b) != LevelDifferent
}

// read returns the first reading of the names that agree (readings): as
// written, the Cyrillic ones in Latin letters as Ukraine's or Bulgaria's
// passports write them, or without a Bulgarian father's name, and so on;
// a whole name in one box is first read as the two boxes
// (wholeNameRead), and in Myanmar the whole names alone decide
// (myanmarRead). ok is false when none agrees.
func (g guardNames) read() (read guardNames, swapped, otherwise, ok bool) {
	if strings.EqualFold(g.region, "MM") {
		// Myanmar's names have no surname, so no box says more than
		// another: the whole names decide, one or not (myanmarRead).
		if r, one, named := g.myanmarRead(); one {
			agree, swapped, otherwise := r.agree()
			return r, swapped, otherwise, agree
		} else if named {
			return g, false, false, false
		}
	}
	g.first, g.last = wholeNameRead(g.first, g.last, g.region)
	g.profileFirst, g.profileLast = wholeNameRead(g.profileFirst, g.profileLast, g.region)
	if agree, swapped, otherwise := g.agree(); agree {
		return g, swapped, otherwise, true
	}
	for _, r := range g.readings()[1:] {
		if agree, swapped, otherwise := r.agree(); agree {
			return r, swapped, otherwise, true
		}
	}
	if fathersNameSurnames(g.region) {
		return g, false, false, false // L. Purevsuren is his son's
	}
	if r, ok := g.splitBySurname(); ok {
		if agree, swapped, _ := r.agree(); agree {
			return r, swapped, true, true // the profile keeps its names
		}
	}
	return g, false, false, false
}

// splitBySurname returns the names with a whole name written in one
// record's first-name box, its surname box empty, split at the other
// record's surname, which it writes first or last (MARTIN Catherine
// beside Cath / Martin is Catherine / MARTIN), and true when it split one.
// A name moved so and shortened or slipped besides (Cath for Catherine)
// is no longer the same words (SameNameOtherwise), but still the same
// name. Where the surname box holds a father's name (Mongolia, and where
// names are chains of given names) it is not read so.
func (g guardNames) splitBySurname() (guardNames, bool) {
	split := func(first, last, otherLast string) (string, string, bool) {
		w, surname := strings.Fields(first), foldedCore(otherLast)
		if len(w) < 2 || strings.ContainsFunc(last, unicode.IsLetter) || surname == "" || strings.Contains(surname, " ") {
			return first, last, false
		}
		if rest, word, ok := cutEndWord(w, func(x string) bool { return foldedCore(x) == surname }); ok {
			return rest, word, true
		}
		return first, last, false
	}
	var booking, profile bool
	g.first, g.last, booking = split(g.first, g.last, g.profileLast)
	g.profileFirst, g.profileLast, profile = split(g.profileFirst, g.profileLast, g.last)
	return g, booking || profile
}

// readings are the ways the guard reads the names, the first as written.
// When either record writes a letter outside ASCII, the names are also
// read as the other record's script or alphabet would write them
// (scriptReadings: Ольга / Olha, 陳建宏 / Chen Chien-hung, نوف / Nouf).
// Then each of the tenant's region's own ways of writing a name is read
// away (regionReadings: Muhammad Asif / Asif, A.K. / Kamal, M. Félix /
// Félix), and in Bulgaria each reading so far is also read without the
// father's name that a customer writes between her given name and surname
// on one visit and not on the next (withoutFathersNames: Мартин Василев
// Тодоров / Мартин Тодоров).
func (g guardNames) readings() []guardNames {
	all := []guardNames{g}
	if !ascii(g.first) || !ascii(g.last) || !ascii(g.profileFirst) || !ascii(g.profileLast) {
		all = g.scriptReadings(all) // most names are in Latin letters alone: none to read
	}
	region := strings.ToUpper(g.region)
	for _, r := range regionReadings {
		if r.regions[region] {
			if w, ok := r.read(g); ok {
				all = append(all, w)
			}
		}
	}
	if region == "BG" {
		for _, r := range all {
			if w, ok := r.withoutFathersNames(); ok {
				all = append(all, w)
			}
		}
	}
	return all
}

// regionReadings are the readings of the names that the customers of some
// regions need, each tried on the names as written in a tenant of one of
// its regions (readings). read returns the names read, and whether it read
// any otherwise.
var regionReadings = []struct {
	regions map[string]bool
	read    func(guardNames) (guardNames, bool)
}{
	// Muhammad Asif / Asif, Syed Ali Raza / Ali Raza, Mst. Rina / Rina
	{muhammadBefore, guardNames.withoutMuhammad},
	// Mhamed ben Slim / Ben Romdhane for Mhamed / Ben Romdhane
	{fathersAfterBen, guardNames.withoutFathersAfterBen},
	// A.K. / Dissanayake for Kamal / Dissanayake
	{initialsRegions, guardNames.initialsRead},
	// Б.Ганзориг for Ganzorig / Bilguun, Batmunx for Батмөнх
	{setOf("MN"), guardNames.mongolianRead},
	// Sarita for Sarita Kumari, Dinesh / Neupane for Dinesh / Bahadur Neupane
	{setOf("NP"), guardNames.withoutNepaliMiddleNames},
	// Məmmədov for Mammadov, Memmedov, Мамедов
	{setOf("AZ"), guardNames.azerbaijaniRead},
	// M. Félix / Leclerc for Félix / Leclerc
	{monsieurRegions, guardNames.withoutMonsieur},
}

// monsieurRegions are the regions whose forms write M., Monsieur, before a
// man's name: France, Belgium, Switzerland, Luxembourg, Monaco, Canada
// (Québec) and the French-speaking countries of Africa.
var monsieurRegions = setOf("FR", "BE", "CH", "LU", "MC", "CA", "SN", "CI", "CM", "ML", "BF", "NE", "TG", "BJ", "GA",
	"CG", "CD", "GN", "MG", "MA", "DZ", "TN", "HT")

// withoutMonsieur returns the names without the M. (Monsieur) a French
// form writes before a given name in the first-name box (M. Félix /
// Leclerc), and true when either record writes one. Elsewhere, and
// without its dot, M is an initial: M Dupont may be Marc.
func (g guardNames) withoutMonsieur() (guardNames, bool) {
	strip := func(s string) (string, bool) {
		w := strings.Fields(s)
		if len(w) >= 2 && (w[0] == "M." || w[0] == "m.") {
			return strings.Join(w[1:], " "), true
		}
		return s, false
	}
	var booking, profile bool
	g.first, booking = strip(g.first)
	g.profileFirst, profile = strip(g.profileFirst)
	return g, booking || profile
}

// scriptReadings appends to all the readings of names that hold a letter
// outside ASCII (readings): Cyrillic ones as Ukrainian, Bulgarian and
// Serbian passports write them, an Armenian's Latin name without the h
// Russian leaves out, a đ as dj, and a name in Chinese characters, Arabic
// script, the Ethiopic script or a South Asian one as the other record's
// Latin one.
func (g guardNames) scriptReadings(all []guardNames) []guardNames {
	booking, profile := g.written(func(s string) bool { return strings.ContainsFunc(s, isCyrillic) })
	if booking != profile {
		for _, reading := range []func(string) (string, bool){ukrainianReading, bulgarianReading, serbianReading} {
			if other, ok := g.readWith(reading, profile); ok {
				all = append(all, other)
			}
		}
		if armenianPatronymics[strings.ToUpper(g.region)] {
			if other, ok := g.readWith(withoutArmenianH, !profile); ok {
				all = append(all, other) // Hasmik for Асмик, Hayk for Айк
			}
		}
	}
	if booking, profile := g.written(func(s string) bool { return strings.ContainsAny(s, "đĐ") }); booking != profile {
		if other, ok := g.readWith(djReading, profile); ok {
			all = append(all, other) // Đorđe for Djordje
		}
	}
	if r, ok := g.hanLatinRead(); ok {
		all = append(all, r) // 陳建宏 for Chen Chien-hung: Taiwan's passports spell in Wade–Giles
	}
	if r, ok := g.arabicLatinRead(); ok {
		all = append(all, r) // نوف / الشهري for Nouf / Al-Shehri
	}
	if r, ok := g.ethiopicLatinRead(); ok {
		all = append(all, r) // ተስፋዬ / ገብሬ for Tesfaye / Gebre
	}
	if r, ok := g.brahmicLatinRead(); ok {
		all = append(all, r) // रफिकुल / इस्लाम for Rafiqul / Islam
	}
	return all
}

// readWith returns g with the booking's names (or the profile's, when
// profile) read as reading reads them, and whether it read either
// otherwise.
func (g guardNames) readWith(reading func(string) (string, bool), profile bool) (guardNames, bool) {
	names := []*string{&g.first, &g.last}
	if profile {
		names = []*string{&g.profileFirst, &g.profileLast}
	}
	changed := false
	for _, n := range names {
		if r, ok := reading(*n); ok {
			*n, changed = r, true
		}
	}
	return g, changed
}

// withoutFathersNames returns the names without the Bulgarian father's
// names written between a given name and a surname (fathersNames), and
// true, when either record writes one and they do not write two: Цветан
// Иванов Тодоров and Цветан Цветанов Тодоров are a father and his son.
func (g guardNames) withoutFathersNames() (guardNames, bool) {
	first, last, fathers := fathersNames(g.first, g.last)
	profileFirst, profileLast, profileFathers := fathersNames(g.profileFirst, g.profileLast)
	if fathers == "" && profileFathers == "" || fathers != "" && profileFathers != "" && fathers != profileFathers {
		return g, false
	}
	g.first, g.last, g.profileFirst, g.profileLast = first, last, profileFirst, profileLast
	return g, true
}

// fathersAfterBen are the regions whose customers write their father's
// name after their own, behind ben (son of) or bent (daughter of), on one
// visit and not on the next: Tunisia, as its civil register names people
// (Mhamed ben Slim / Ben Romdhane), Algeria, Morocco and Libya.
var fathersAfterBen = setOf("TN", "DZ", "MA", "LY")

// withoutFathersAfterBen returns the names with each first-name box cut
// before the ben or bent that says whose child she is (fatherAfterBen),
// and true when either record writes one and they do not write two: Mohamed
// ben Ali / Trabelsi and Mohamed ben Salah / Trabelsi are two cousins, or
// a grandson named after his grandfather and his uncle.
func (g guardNames) withoutFathersAfterBen() (guardNames, bool) {
	first, father := fatherAfterBen(g.first, g.last)
	profileFirst, profileFather := fatherAfterBen(g.profileFirst, g.profileLast)
	if father == "" && profileFather == "" || father != "" && profileFather != "" && father != profileFather {
		return g, false
	}
	g.first, g.profileFirst = first, profileFirst
	return g, true
}

// fatherAfterBen splits a first-name box into the given name before a ben,
// bent, bint or ibn, and the father's name after it, folded ("" when
// none; the grandfather's after his is not compared). A box with nothing
// before the word, or beside an empty surname box, where Ben Ali may be
// the surname itself, has none.
func fatherAfterBen(first, last string) (string, string) {
	if !strings.ContainsFunc(last, unicode.IsLetter) {
		return first, ""
	}
	words := strings.Fields(first)
	for i := 1; i < len(words)-1; i++ {
		switch FoldName(words[i]) {
		case "ben", "bent", "bint", "ibn":
			return strings.Join(words[:i], " "), FoldName(words[i+1])
		}
	}
	return first, ""
}

// wholeNameRead returns a whole name written in the surname box, the
// first-name box left empty, as a whole name in the first-name box: a
// surname box of Mészáros László is Mészáros László, whom no first name
// would otherwise tell from his daughter Rita / Mészáros. A surname box
// of one word, or of words none of which is a given name dedupe knows
// (García López), holds a surname alone, and stays, but for a word
// before a common South Asian family name (southAsianFamilyNames): Prodip
// Ghosh is a whole name. A name written in
// both boxes (Dwi Wahyuni / Dwi Wahyuni), as an Indonesian without a
// family name fills a form that asks for one, is read once. In the
// Maghreb (fathersAfterBen) a Ben first in the box begins a surname (Ben
// Kirane, Ben Salah), and is no given name there. A first-name box that
// writes the surname again beside the given name is read without it
// (withoutSurnameRepeated), but where a name is a chain of given names
// (nameChains), in which a son is often his father's namesake. Where a
// name is a person's, her father's and her grandfather's
// (grandfathersAfter), a whole name in the first-name box, the surname box
// left empty, is her name and her fathers'. Where Muhammad comes before a
// name (muhammadBefore), a first-name box of Md. alone says the name is
// in the surname box: Md. / Sohel Ali is Sohel / Ali.
func wholeNameRead(first, last, region string) (string, string) {
	if muhammadBefore[strings.ToUpper(region)] && onlyNamesBefore(first) && strings.ContainsFunc(last, unicode.IsLetter) {
		// Md. / Sohel Ali: the name he goes by is in the surname box.
		w := strings.Fields(last)
		return w[0], strings.Join(w[1:], " ")
	}
	if initialsRegions[strings.ToUpper(region)] {
		if initials, surname, ok := surnameBeforeInitials(first, last); ok {
			return initials, surname // FERNANDO K A K: K A K / FERNANDO
		}
	}
	if strings.ContainsFunc(first, unicode.IsLetter) {
		if strings.EqualFold(strings.TrimSpace(first), strings.TrimSpace(last)) && !grandfathersAfter[strings.ToUpper(region)] &&
			!strings.EqualFold(region, "TZ") {
			return first, "" // but Yonas / Yonas is Yonas, son of Yonas, and Juma / Juma Juma, son of Juma
		}
		if w := strings.Fields(first); grandfathersAfter[strings.ToUpper(region)] && len(w) >= 2 &&
			!strings.ContainsFunc(last, unicode.IsLetter) {
			return w[0], strings.Join(w[1:], " ") // Tesfaye Abera Mulugeta: his name, his father's and his grandfather's
		}
		if nameChains[strings.ToUpper(region)] {
			return first, last // Getachew Getachew / Getachew: a son named after his father
		}
		return withoutSurnameRepeated(first, last), last
	}
	if !strings.ContainsAny(strings.TrimSpace(last), " \t") {
		return first, last
	}
	words, _ := nameCore(last)
	given := words
	if len(words) > 0 && words[0] == "ben" && fathersAfterBen[strings.ToUpper(region)] {
		given = words[1:] // Ben Kirane: the surname's first word
	}
	familyLast := len(words) == 2 && southAsianFamilyNames[words[1]] && !southAsianFamilyNames[words[0]]
	if len(words) < 2 || !slices.ContainsFunc(given, anyGivenName) && !familyLast {
		return first, last
	}
	return last, ""
}

// withoutSurnameRepeated returns a first-name box without the surname box's
// one word written again at its head or its end, as forms that ask for the
// surname first are filled (DIOP Mamadou / DIOP is Mamadou / Diop); first
// as it is when it holds no more.
func withoutSurnameRepeated(first, last string) string {
	if !strings.ContainsRune(strings.TrimSpace(first), ' ') || !strings.ContainsFunc(last, unicode.IsLetter) {
		return first // most names: one word, or no surname
	}
	surname := nameWords(last)
	words := strings.Fields(first)
	if len(surname) != 1 || len(words) < 2 {
		return first
	}
	if rest, _, ok := cutEndWord(words, func(w string) bool { return FoldName(w) == surname[0] }); ok {
		return rest
	}
	return first
}

// cutEndWord cuts from words (two or more) their first word when is says
// so of it, or else their last, and returns the other words joined, the
// word cut, and true; false when is says so of neither.
func cutEndWord(words []string, is func(string) bool) (rest, word string, ok bool) {
	switch n := len(words); {
	case is(words[0]):
		return strings.Join(words[1:], " "), words[0], true
	case is(words[n-1]):
		return strings.Join(words[:n-1], " "), words[n-1], true
	}
	return "", "", false
}

// muhammadBefore are the regions whose Muslim customers go by a name that
// Muhammad (Mohd, Md, M.) or Syed, a descent's title, comes before, and
// write it or not from one visit to the next: Pakistan, Bangladesh, India,
// Afghanistan, Indonesia, Malaysia, Brunei and Singapore; and Morocco,
// Algeria and Tunisia, where Mohamed Amine goes by Amine (Med Amine), and
// Moroccans write Moulay (My.), Sidi or Lalla, a descent's honorific, or
// not; and Iran, whose Seyed (Seyedeh for a woman) is Syed; and Sri
// Lanka, whose Muslim women write Fathima as its men write Mohamed.
var muhammadBefore = setOf("PK", "BD", "IN", "AF", "ID", "MY", "BN", "SG", "MA", "DZ", "TN", "IR", "LK")

// namesBefore are the words withoutMuhammad leaves out, folded.
var namesBefore = setOf("muhammad", "mohammad", "mohammed", "muhammed", "mohamad", "mohamed", "mouhamed", "mohd", "md", "muhd",
	"med", "mhd", "m", "syed", "syeda", "sayed", "sayeda", "sayyid", "sayyida", "sayyed", "moulay", "my", "mly", "sidi", "lalla",
	"seyed", "seyyed", "seied", "seyedeh", "seyyedeh", "sayedeh",
	"mst", "most", "mosammat", "mosammot", "mossammat", "mosamat", "musammat", "mussammat") // Mosammat: Bangladesh's Muhammad for a woman

// namesBeforeIn are the words a region's Muslim women write before the
// name they go by as Muhammad is written before a man's, folded: Sri
// Lanka's Fathima (Fathima Rizna is Rizna). Elsewhere Fatima Zahra is a
// name of two words, and Zahra alone may be her sister.
var namesBeforeIn = map[string]map[string]bool{"LK": setOf("fathima", "fatima", "fathimah", "fathuma")}

// withoutMuhammad returns the names without the Muhammad or Syed that
// either record writes before a first name of more words (Muhammad Asif,
// Syed Ali Raza, M. Imran, Mst. Rina), and true when it left one out.
func (g guardNames) withoutMuhammad() (guardNames, bool) {
	drop := func(f string) bool { return namesBefore[f] || namesBeforeIn[strings.ToUpper(g.region)][f] }
	first, profileFirst := withoutLeading(g.first, drop), withoutLeading(g.profileFirst, drop)
	changed := len(strings.Fields(first)) < len(strings.Fields(g.first)) || len(strings.Fields(profileFirst)) < len(strings.Fields(g.profileFirst))
	g.first, g.profileFirst = first, profileFirst
	return g, changed
}

// nepaliMiddleNames are the words Nepali customers write after a given
// name on one visit and not on the next, folded: Bahadur (Bdr.), Prasad,
// Raj, Lal and Kumar after a man's, Kumari, Devi and Maya after a
// woman's, in Latin letters or in Devanagari (बहादुर, कुमारी).
var nepaliMiddleNames = setOf("bahadur", "bdr", "prasad", "prashad", "raj", "lal", "kumar", "kumari", "devi", "maya")

// withoutNepaliMiddleNames returns the names without the middle names
// (nepaliMiddleNames) after a given name's first word, or at the head of
// a surname box that holds more (Dinesh / Bahadur Neupane), and true when
// either record wrote one.
func (g guardNames) withoutNepaliMiddleNames() (guardNames, bool) {
	changed := false
	given := func(s string) string {
		words := strings.Fields(s)
		kept := words[:0:0]
		for i, w := range words {
			if i > 0 && nepaliMiddleNames[FoldName(w)] {
				changed = true
				continue
			}
			kept = append(kept, w)
		}
		return strings.Join(kept, " ")
	}
	surname := func(s string) string {
		t := withoutLeading(s, func(f string) bool { return nepaliMiddleNames[f] })
		changed = changed || t != strings.Join(strings.Fields(s), " ")
		return t
	}
	g.first, g.last = given(g.first), surname(g.last)
	g.profileFirst, g.profileLast = given(g.profileFirst), surname(g.profileLast)
	return g, changed
}

// onlyNamesBefore reports whether a box holds a name and only the words
// written before a name (namesBefore): Md., Mohammad, Mst.
func onlyNamesBefore(box string) bool {
	words := nameWords(box)
	return len(words) > 0 && !slices.ContainsFunc(words, func(w string) bool { return !namesBefore[w] })
}
