package matcher

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/antzucaro/matchr"
	"golang.org/x/text/unicode/norm"
)

// Comparison names a piece of evidence the fuzzy search compares between
// two profiles. Each has levels, from the closest agreement to a plain
// disagreement; a missing value on either side is no level at all and
// weighs nothing.
type Comparison string

// The comparisons, in the order the evidence lists them.
const (
	CompareFirstName Comparison = "first_name"
	CompareLastName  Comparison = "last_name"
	CompareBirthDate Comparison = "birth_date"
	CompareAddress   Comparison = "address"
	CompareEmail     Comparison = "email"
	CompareMobile    Comparison = "mobile"
	ComparePhone     Comparison = "phone"
	CompareGender    Comparison = "gender"
	// CompareIdentifier compares the attributes the tenant designates as
	// naming one person (identifier.go).
	CompareIdentifier Comparison = "identifier"
)

// CompareFileSize is not a comparison but the line of a score that says
// how large the file is (FuzzyModel.FileSizeWeight): its level is
// LevelLargerFile or LevelSmallerFile.
const CompareFileSize Comparison = "file_size"

// Comparisons lists every comparison, in evidence order.
var Comparisons = []Comparison{CompareFirstName, CompareLastName, CompareBirthDate, CompareAddress,
	CompareEmail, CompareMobile, ComparePhone, CompareGender, CompareIdentifier}

// Level is how closely two values agree. The empty level means a value is
// missing on one side: neither for nor against a match.
type Level string

// The levels. Each comparison uses some of them (see DefaultFuzzyModel).
const (
	LevelMissing   Level = ""
	LevelExact     Level = "exact"     // equal once normalised
	LevelNickname  Level = "nickname"  // a known short form (first names)
	LevelInitial   Level = "initial"   // one is the initial of the other (first names)
	LevelCompound  Level = "compound"  // one is part of the other: Jean / Jean-Pierre
	LevelTypo      Level = "typo"      // one slip: a letter changed, added, dropped, or two swapped
	LevelPhonetic  Level = "phonetic"  // they sound the same (Double Metaphone)
	LevelDifferent Level = "different" // present on both sides and unlike
	// LevelSurnameInEmail: surnames unlike, the given names alike, and one
	// record's email names the other's surname beyond its own names
	// (karine.ferrari@… on Karine Fontana's record): a maiden or married
	// name.
	LevelSurnameInEmail Level = "surname_in_email"
	// LevelSurnameFromEmail: one record has no surname, and its email
	// writes the other's (Isla, islaoliver@…, and Isla Oliver).
	LevelSurnameFromEmail Level = "from_email"
	LevelOneDigit         Level = "one_digit" // dates: one digit off
	LevelDayMonth         Level = "day_month_swapped"
	// LevelNearDate: dates at most a month apart, not one digit off (the
	// day mistyped in two digits, 1985-04-12 and 1985-04-28; a day either
	// side of a month's end).
	LevelNearDate Level = "within_a_month"
	// LevelNearYear: dates more than a month and at most a year apart,
	// not one digit off: the year or the month mistyped beyond a digit,
	// or a date given roughly. Neither for nor against: strangers' dates
	// are that close about as often as one person's.
	LevelNearYear  Level = "within_a_year"
	LevelStreet    Level = "same_street" // addresses: the same street and town, another number
	LevelTown      Level = "same_town"   // addresses: the same postal code or town only
	LevelMailbox   Level = "mailbox"     // emails: one mailbox once provider tricks (dots, +tags) are removed
	LevelLocalPart Level = "local_part"  // emails: what the local part adds to the name agrees (marie.martin84 / m.martin84)
	LevelOneSlip   Level = "one_slip"    // numbers: one digit changed or two neighbours swapped
	// LevelLargerFile is the level of the file-size line: the file holds
	// more than FileSizeReference profiles.
	LevelLargerFile Level = "larger_file"
	// LevelSmallerFile: the file holds fewer than FileSizeReference
	// profiles.
	LevelSmallerFile Level = "smaller_file"
)

// Levels lists every level a score's line can hold.
var Levels = []Level{LevelExact, LevelNickname, LevelInitial, LevelCompound, LevelTypo, LevelPhonetic, LevelDifferent,
	LevelSurnameInEmail, LevelSurnameFromEmail, LevelOneDigit, LevelDayMonth, LevelNearDate, LevelNearYear, LevelStreet, LevelTown, LevelMailbox, LevelLocalPart, LevelOneSlip, LevelLargerFile, LevelSmallerFile}

// FuzzyInput is what the fuzzy comparison reads of a profile: its core
// fields and every valid contact value it holds.
type FuzzyInput struct {
	ID        string
	FirstName string
	LastName  string
	BirthDate string
	Address   Address
	Emails    []string // valid, normalised
	Mobiles   []string // valid, E.164
	Phones    []string // valid fixed lines, E.164
	Gender    string   // as given: F, M, Mme, Monsieur, female… (Gender reads it)
	// Identifiers holds the values of the attributes the tenant designates
	// as identifiers (identifier.go), by attribute key, as given.
	Identifiers map[string]string
}

// FuzzyRecord is a profile prepared for comparison: names folded and coded
// once, the address normalised, the emails' local parts with the name
// taken out. A scan compares each record with many others.
type FuzzyRecord struct {
	ID      string
	first   nameValue
	last    nameValue
	birth   string
	address addressValue
	emails  []emailValue
	mobiles []string
	phones  []string
	gender  string            // "f", "m" or "" (Gender)
	ids     map[string]string // identifier attributes, normalised (IdentifierValue)
	// unreadBirth is a birth date given but not a real date, written
	// YYYY-MM-DD from its eight digits (20030868 → 2003-08-68), or "":
	// a date with a digit typed wrong, which only a date one digit from
	// it says anything of (compareUnreadBirth).
	unreadBirth string
}

// NewFuzzyRecord prepares in for comparison. A birth date that is not a
// real YYYY-MM-DD date, or a placeholder such as 1900-01-01, counts as
// missing; so does a placeholder email or number (noemail@…,
// 06 00 00 00 00), which says nothing of who holds it.
func NewFuzzyRecord(in FuzzyInput) *FuzzyRecord {
	first, last := commaName(in.FirstName, in.LastName)
	r := &FuzzyRecord{ID: in.ID, first: newGivenNameValue(first), last: newNameValue(last),
		address: newAddressValue(in.Address), mobiles: withoutPlaceholders(FieldMobile, in.Mobiles),
		phones: withoutPlaceholders(FieldPhone, in.Phones), gender: Gender(in.Gender)}
	switch {
	case !ValidBirthDate(in.BirthDate):
		r.unreadBirth = unreadDate(in.BirthDate)
	case !placeholderBirthDates[in.BirthDate]:
		r.birth = in.BirthDate // a placeholder date stays missing
	}
	for k, v := range in.Identifiers {
		if v = identifierOrNone(v); v != "" {
			if r.ids == nil {
				r.ids = map[string]string{}
			}
			r.ids[k] = v
		}
	}
	for _, e := range in.Emails {
		if !Placeholder(Key{Kind: FieldEmail, Value: e}) {
			r.emails = append(r.emails, newEmailValue(e, r.first, r.last))
		}
	}
	return r
}

// commaName reads a whole name written in one field as "surname, given
// name" (Varela Romero, María Pilar), as files exported from systems with
// one name column write it, when the other field is empty. Other names are
// returned as they are.
func commaName(first, last string) (string, string) {
	whole := strings.TrimSpace(first + last)
	if strings.TrimSpace(first) != "" && strings.TrimSpace(last) != "" || strings.Count(whole, ",") != 1 {
		return first, last
	}
	sur, given, _ := strings.Cut(whole, ",")
	if len(NameWords(sur)) == 0 || len(NameWords(given)) == 0 {
		return first, last
	}
	return given, sur
}

// splitLike reads the whole name of a record that writes it in one field
// (its surname or its given name empty) as the other record splits
// its own, when the words are the other's given names and surnames, in
// that order or surnames first: María Pilar Varela Romero against María
// Pilar / Varela Romero. Two records that split the same words in two
// places (Ana Paula / de Moraes, Ana / Paula de Moraes) read as the one
// with the shorter given name does. It returns a unchanged otherwise.
func splitLike(a, b *FuzzyRecord) *FuzzyRecord {
	one := a.first
	switch {
	case b.first.folded == "" || b.last.folded == "":
		return a
	case a.first.folded != "" && a.last.folded != "":
		if len(a.first.words) <= len(b.first.words) {
			return a
		}
		one = nameValue{words: slices.Concat(a.first.words, a.last.words)}
	case a.first.folded == "":
		one = a.last
	}
	if !slices.Equal(one.words, slices.Concat(b.first.words, b.last.words)) &&
		!slices.Equal(one.words, slices.Concat(b.last.words, b.first.words)) {
		return a
	}
	split := *a
	split.first, split.last = b.first, b.last
	// The words are b's, the generation a's own: Jorge de Jesus da Silva
	// is not the Filho of Jorge / de Jesus da Silva Filho.
	split.first.generation, split.last.generation = "", cmp.Or(a.last.generation, a.first.generation)
	return &split
}

// withoutPlaceholders returns values without the placeholders of kind,
// values itself when it holds none (the usual case: no copy).
func withoutPlaceholders(kind Field, values []string) []string {
	if !slices.ContainsFunc(values, func(v string) bool { return Placeholder(Key{Kind: kind, Value: v}) }) {
		return values
	}
	return slices.DeleteFunc(slices.Clone(values), func(v string) bool { return Placeholder(Key{Kind: kind, Value: v}) })
}

// Gender reads a profile's gender, free text as forms and files write it
// (a title, a word in English, French, Spanish, German, Dutch, Italian,
// Portuguese, Swedish, Norwegian, Danish or Finnish, a letter: the Nordic
// K is kvinna), as "f" or "m"; "" when it says neither.
func Gender(s string) string {
	return genders[FoldName(s)]
}

var genders = map[string]string{
	"f": "f", "female": "f", "woman": "f", "w": "f", "femme": "f", "feminin": "f", "mme": "f", "madame": "f", "mlle": "f",
	"mademoiselle": "f", "melle": "f", "ms": "f", "mrs": "f", "miss": "f", "mujer": "f", "femenino": "f", "sra": "f", "senora": "f",
	"srta": "f", "frau": "f", "weiblich": "f", "v": "f", "vrouw": "f", "mevr": "f", "mevrouw": "f", "mw": "f",
	"donna": "f", "femmina": "f", "sigra": "f", "signa": "f", "signora": "f", "signorina": "f", "feminino": "f", "mulher": "f",
	"k": "f", "kvinna": "f", "kvinne": "f", "kvinde": "f", "kvindelig": "f", "kvinnlig": "f", "nainen": "f", "fru": "f",
	"m": "m", "male": "m", "man": "m", "homme": "m", "masculin": "m", "monsieur": "m", "mr": "m", "hombre": "m",
	"masculino": "m", "sr": "m", "senor": "m", "herr": "m", "mannlich": "m", "h": "m", "dhr": "m", "heer": "m",
	"deheer": "m", "uomo": "m", "maschio": "m", "sig": "m", "signor": "m", "signore": "m", "homem": "m",
	"mann": "m", "mand": "m", "mandlig": "m", "manlig": "m", "mannlig": "m", "mies": "m",
}

// compareGenders compares two genders read by Gender.
func compareGenders(a, b string) Level {
	switch {
	case a == "" || b == "":
		return LevelMissing
	case a == b:
		return LevelExact
	}
	return LevelDifferent
}

// placeholderBirthDates are dates forms fill in when the customer gave
// none: no evidence.
var placeholderBirthDates = map[string]bool{"1900-01-01": true, "1901-01-01": true, "1970-01-01": true, "2000-01-01": true}

// nameValue is one name, folded, with its words and phonetic codes,
// without a title before it or a generation after it (nameCore).
type nameValue struct {
	folded     string   // FoldName of the name's words, run together
	words      []string // folded words: "Jean-Pierre" → jean, pierre
	codes      [2]string
	wordCodes  [][2]string // each word's codes, for a name of several words
	generation string      // "jr", "sr", "ii"…: written after the name
}

func newNameValue(s string) nameValue {
	words, generation := nameCore(s)
	return nameValueOf(words, generation)
}

// newGivenNameValue is newNameValue for a given name, its abbreviations
// written out: Mª José compares as María José (givenWords). Blocking keys
// keep the name as written (newNameValue), as the stored keys were made.
func newGivenNameValue(s string) nameValue {
	words, generation := nameCore(s)
	return nameValueOf(givenWords(words), generation)
}

func nameValueOf(words []string, generation string) nameValue {
	v := nameValue{folded: strings.Join(words, ""), words: words, generation: generation}
	if v.folded != "" {
		v.codes[0], v.codes[1] = matchr.DoubleMetaphone(v.folded)
	}
	if len(words) > 1 {
		v.wordCodes = make([][2]string, len(words))
		for i, w := range words {
			v.wordCodes[i][0], v.wordCodes[i][1] = matchr.DoubleMetaphone(w)
		}
	}
	return v
}

// nameWords splits a name at everything that is not a letter and folds
// each word.
func nameWords(s string) []string {
	s = lettersForDigits(s)
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) }) {
		if f := FoldName(w); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// ocrDigits are the digits a name read by a scanner, or typed from one,
// shows for a letter of like shape: Har0ld, 5arah, Ro1and.
var ocrDigits = map[rune]rune{'0': 'o', '1': 'l', '2': 'z', '5': 's', '6': 'g', '8': 'b'}

// lettersForDigits reads each digit of ocrDigits beside a letter as the
// letter it looks like. A digit between spaces or other digits stays.
func lettersForDigits(s string) string {
	if !strings.ContainsAny(s, "012568") {
		return s
	}
	rs := []rune(s)
	for i, r := range rs {
		if l, ok := ocrDigits[r]; ok && (i > 0 && unicode.IsLetter(rs[i-1]) || i+1 < len(rs) && unicode.IsLetter(rs[i+1])) {
			rs[i] = l
		}
	}
	return string(rs)
}

// ocrLetters are the letter pairs a scanner, or a reader of a hurried
// hand, takes for one letter: cl for d, rn for m, vv for w (Wencly,
// Wendy; Ryrna, Myma).
var ocrLetters = strings.NewReplacer("cl", "d", "rn", "m", "vv", "w")

// ocrSlip reports whether two names of five letters or more agree once
// ocrLetters are read as the letter they look like, or are one slip apart
// then.
func ocrSlip(a, b string) bool {
	x, y := ocrLetters.Replace(a), ocrLetters.Replace(b)
	if x == a && y == b || min(len(x), len(y)) < 5 {
		return false // Clara and Dara, Erna and Ema: two names
	}
	return x == y || EditDistance(x, y) == 1
}

// compareNames compares two first names (first) or two surnames.
func compareNames(a, b nameValue, first bool) Level { return compareNamesOf(a, b, first, first) }

// compareNamesOf is compareNames, gendered saying a feminine form is
// another person's name (Louis and Louise). It is not when both records
// give one gender: Corine and Corinne, Celin and Celine of two women are
// a slip.
func compareNamesOf(a, b nameValue, first, gendered bool) Level {
	switch {
	case a.folded == "" || b.folded == "":
		return LevelMissing
	case a.folded == b.folded:
		return LevelExact
	case !first && sameSurnameCore(a.words, b.words):
		// Van den Berg and Berg, v. Leeuwen and Leeuwen, van: one Dutch
		// surname, its particles written before it, after it or not at
		// all, as registers and forms file them; dos Santos and Santos,
		// one Brazilian surname.
		return LevelExact
	case first && shortFormPair(a.folded, b.folded):
		return LevelNickname
	case first && gendered && (feminineOf(a.folded, b.folded) || feminineOf(a.words[0], b.words[0])) && !shareAWord(a.words, b.words) &&
		!doubledEnd(a.folded, b.folded):
		// Louis and Louise, Jean and Jeanne, Federico and Federica Rosa:
		// two people, often a couple or twins at one address, not a slip.
		// But a compound name's gender is its other word's: Anne-Laur is
		// Anne-Laure cut short.
		return LevelDifferent
	case partOf(a.words, b.words) || partOf(b.words, a.words):
		return LevelCompound
	case !first && reordered(a.words, b.words):
		// Navarro Fernández and Fernández Navarro: a Spanish customer's
		// two surnames, which forms write in either order. Compound, not
		// exact: the words agree but not the name as written, whose
		// frequency is what the exact level weighs.
		return LevelCompound
	case initialed(a.words, b.words):
		// M. José and María José, Ruiz R. and Ruiz Rodríguez: a word
		// written out agrees, the others by their initials. As much as a
		// word dropped (José and María José), more than an initial alone.
		return LevelCompound
	case first && clipped(a.folded, b.folded):
		return LevelNickname
	case first && (len(a.folded) == 1 || len(b.folded) == 1):
		if a.folded[0] == b.folded[0] {
			return LevelInitial
		}
		return LevelDifferent
	case first && (initialsOf(a, b) || initialsOf(b, a)):
		// JL, J.-L. or J-L for Jean-Luc: every word by its initial. Two
		// initials name far fewer people than one, and a household
		// rarely holds two of one compound's initials: a compound's
		// level, as when one word is written out.
		return LevelCompound
	case first && byInitials(a.words, b.words):
		// K.G.A. for Kim: a Dutch or Belgian record writes the initials
		// of every given name, the name one goes by first among them.
		if []rune(a.folded)[0] == []rune(b.folded)[0] {
			return LevelInitial
		}
		return LevelDifferent
	}
	if first && min(len(a.folded), len(b.folded)) == 2 && max(len(a.folded), len(b.folded)) == 3 && EditDistance(a.folded, b.folded) == 1 {
		// Ye and Yen, Je and Jie, Bo and Boi: a given name of two letters
		// and one of three that holds them are said alike, and one
		// letter decides between two names as often as it is a slip:
		// the sound's level, which counts only with birth dates that
		// agree.
		return LevelPhonetic
	}
	if d, short := EditDistance(dutchIJ.Replace(a.folded), dutchIJ.Replace(b.folded)), min(len(a.folded), len(b.folded)); d == 0 || d == 1 && short >= 3 || d == 2 && short >= 8 {
		return LevelTypo // one slip, or the Dutch ij written y (Jannij, Janny; Dijkstra, Dykstra)
	}
	if ocrSlip(a.folded, b.folded) {
		return LevelTypo
	}
	if min(len(a.folded), len(b.folded)) >= 3 && soundAlike(a.codes, b.codes) && wordsSoundAlike(a, b) {
		return LevelPhonetic
	}
	return LevelDifferent
}

// dutchParticles are the small words before a Dutch or Flemish surname
// (the tussenvoegsel: van, van der, ten), which registers file after it
// (Berg, van den) or in a field of their own. The words other languages
// put before a surname too (de, in, op, te, 't) are particles only beside
// one of these (van de Ven, in 't Veld): De Rosa and Rosa, De Luca and
// Luca are two Italian surnames.
var dutchParticles = map[string]bool{"van": true, "der": true, "den": true, "het": true, "ten": true, "ter": true, "vd": true}

var sharedParticles = map[string]bool{"de": true, "in": true, "op": true, "te": true, "t": true}

// portugueseParticles are the small words inside a Brazilian or Portuguese
// surname (Santos, dos Santos; Pereira da Silva, Pereira Silva), which
// forms and people write or leave out. De and e are ones only beside one
// of these or between two words (Campos de Lima, Souza e Silva): De Rosa
// is an Italian surname.
var portugueseParticles = map[string]bool{"da": true, "das": true, "do": true, "dos": true}

var portugueseSharedParticles = map[string]bool{"de": true, "e": true}

// sameSurnameCore reports whether two surnames, at least one of which has
// Dutch or Portuguese particles, are the same words once those are left
// aside.
func sameSurnameCore(a, b []string) bool {
	ca, cb := withoutSurnameParticles(a), withoutSurnameParticles(b)
	return len(ca) > 0 && (len(ca) < len(a) || len(cb) < len(b)) && slices.Equal(ca, cb)
}

// withoutSurnameParticles returns a surname's words without its Dutch
// particles (dutchParticles; sharedParticles beside one of those, or in
// 't together; v. first, for van) or its Portuguese ones
// (portugueseParticles, portugueseSharedParticles beside one), words
// itself when it has none.
func withoutSurnameParticles(words []string) []string {
	dutch := slices.ContainsFunc(words, func(w string) bool { return dutchParticles[w] }) ||
		slices.Contains(words, "in") && slices.Contains(words, "t")
	portuguese := slices.ContainsFunc(words, func(w string) bool { return portugueseParticles[w] }) ||
		len(words) > 2 && slices.ContainsFunc(words[1:len(words)-1], func(w string) bool { return portugueseSharedParticles[w] })
	if !dutch && !portuguese && (len(words) < 2 || words[0] != "v") {
		return words
	}
	out := make([]string, 0, len(words))
	for i, w := range words {
		switch {
		case dutchParticles[w] || dutch && sharedParticles[w] || i == 0 && w == "v":
		case portugueseParticles[w] || portuguese && portugueseSharedParticles[w]:
		default:
			out = append(out, w)
		}
	}
	return out
}

// dutchIJ writes the Dutch ij as the y that forms and other countries'
// keyboards make of it.
var dutchIJ = strings.NewReplacer("ij", "y")

// shareAWord reports whether two names of several words have a word in
// common.
func shareAWord(a, b []string) bool {
	return len(a) >= 2 && len(b) >= 2 && slices.ContainsFunc(a, func(w string) bool { return slices.Contains(b, w) })
}

// soundAlike reports whether two Double Metaphone codes agree: either
// primary code is the other's primary or alternate.
func soundAlike(a, b [2]string) bool {
	return a[0] != "" && (a[0] == b[0] || a[0] == b[1] || a[1] == b[0])
}

// wordsSoundAlike reports whether two names of several words sound alike
// word by word. A code keeps four sounds, so Fernández Navarro and
// Fernández López share one: the name's code alone would call them alike.
func wordsSoundAlike(a, b nameValue) bool {
	if len(a.words) < 2 || len(b.words) < 2 {
		return true
	}
	if len(a.words) != len(b.words) {
		return false
	}
	for i := range a.words {
		if a.words[i] != b.words[i] && !soundAlike(a.wordCodes[i], b.wordCodes[i]) {
			return false
		}
	}
	return true
}

// nameParticles are the small words inside a compound name, left aside
// when its words are matched one by one: María del Carmen is M. Carmen.
var nameParticles = map[string]bool{"de": true, "del": true, "la": true, "las": true, "los": true}

// initialed reports whether two names hold, at each place, the same word
// or a word and its initial, with one word at least written out on both
// sides and one as an initial on one side: M. José and María José, Ruiz R.
// and Ruiz Rodríguez. Particles are left aside (nameParticles).
func initialed(a, b []string) bool {
	a, b = withoutParticles(a), withoutParticles(b)
	if len(a) < 2 || len(a) != len(b) {
		return false
	}
	full, initial := false, false
	for i, x := range a {
		y := b[i]
		switch {
		case x == y:
			full = full || utf8.RuneCountInString(x) > 1
		case utf8.RuneCountInString(x) == 1 && strings.HasPrefix(y, x) || utf8.RuneCountInString(y) == 1 && strings.HasPrefix(x, y):
			initial = true
		default:
			return false
		}
	}
	return full && initial
}

// withoutParticles returns words without nameParticles, words itself when
// it holds none.
func withoutParticles(words []string) []string {
	if !slices.ContainsFunc(words, func(w string) bool { return nameParticles[w] }) {
		return words
	}
	return slices.DeleteFunc(slices.Clone(words), func(w string) bool { return nameParticles[w] })
}

// reordered reports whether two names of several words hold the same
// words, each as many times, in another order.
func reordered(a, b []string) bool {
	if len(a) < 2 || len(a) != len(b) || slices.Equal(a, b) {
		return false
	}
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

// byInitials reports whether one of two given names is written as
// initials alone (initialsOnly) and the other as one name: K.G.A. and Kim.
// A compound name's initials are initialsOf's.
func byInitials(a, b []string) bool {
	return initialsOnly(a) && len(b) == 1 && !initialsOnly(b) || initialsOnly(b) && len(a) == 1 && !initialsOnly(a)
}

// initialsOnly reports whether a name is written as initials alone, two
// or more, one letter a word: L.J.J., G. J. (Not PJP: folded, it cannot be
// told from Chr. for Christiaan or a short name of another script.)
func initialsOnly(words []string) bool {
	return len(words) >= 2 && !slices.ContainsFunc(words, func(w string) bool { return utf8.RuneCountInString(w) != 1 })
}

// initialsOf reports whether a is the initials of a compound name b: JM,
// J.-M. or J-M for Jean-Michel.
func initialsOf(a, b nameValue) bool {
	if len(b.words) < 2 || len(a.folded) != len(b.words) {
		return false
	}
	for i, w := range b.words {
		if a.folded[i] != w[0] {
			return false
		}
	}
	return true
}

// feminineSuffixes turn a masculine first name into its feminine: in
// French Louis → Louise, Jean → Jeanne, Daniel → Danielle, Antoine →
// Antoinette, Joseph → Joséphine; in English, Spanish and Italian Paul →
// Paula, Gabriel → Gabriela; in German Stefan → Stefanie, Leon → Leonie.
var feminineSuffixes = []string{"e", "ne", "le", "tte", "ette", "ine", "a", "ie"}

// feminineEndings turn a masculine ending into its feminine: Mario →
// Maria, Antonio → Antonia; Alexander → Alexandra, Peter → Petra.
var feminineEndings = [][2]string{{"o", "a"}, {"er", "ra"}}

// feminineNames are masculine names and their feminines that no ending
// rule reads without splitting one woman's name elsewhere (Hanni and
// Hanna, Jenni and Jenna): Italian and Dutch ones. Daniele and Daniela,
// Gabriele and Gabriela, are one French or German woman's name too, and
// stay one (shortforms.txt).
var feminineNames = map[[2]string]bool{
	{"giovanni", "giovanna"}: true, {"gianni", "gianna"}: true, {"simone", "simona"}: true,
	{"emanuele", "emanuela"}: true, {"raffaele", "raffaella"}: true, {"samuele", "samuela"}: true,
	{"cornelis", "cornelia"}: true,
}

// eForms are the feminine endings that replace a masculine name's final e
// (Antoine → Antoinette). The others do not: Corine and Corinne, Michèle
// and Michelle, Fabiene and Fabienne are one name.
var eForms = map[string]bool{"ette": true, "tte": true}

// masculineEnd reports whether a name ending so may be a masculine name
// that takes an e (Louis, Pascal, Jean, Denis): not a doubled letter or
// qu, which a feminine name cut short leaves (Juliett, Moniqu).
func masculineEnd(a string) bool {
	n := len(a)
	return n >= 2 && a[n-1] != a[n-2] && !strings.HasSuffix(a, "qu")
}

// feminineOf reports whether one first name is the other's feminine form.
func feminineOf(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	for _, s := range feminineSuffixes {
		if s == "a" && strings.HasSuffix(a, "n") && !strings.HasSuffix(a, "ian") {
			continue // Ann and Anna, Karin and Karina: one name; Adrian and Adriana: two
		}
		if s == "ie" && !strings.HasSuffix(a, "n") {
			continue // Aurel for Aurélie is a short form
		}
		if (s == "a" || s == "e") && a != "" && strings.ContainsRune("aiouy", rune(a[len(a)-1])) {
			continue // Sara and Saraa, Charli and Charlie, Henry and Henrya: one name slipped
		}
		if b == a+s && !(s == "e" && (strings.HasSuffix(a, "e") || !masculineEnd(a))) {
			return true
		}
		if strings.HasSuffix(a, "e") && b == a[:len(a)-1]+s && eForms[s] {
			return true // Antoine and Antoinette
		}
	}
	return endingsPair(a, b, feminineEndings) || feminineNames[[2]string{a, b}] || feminineNames[[2]string{b, a}]
}

// endingsPair reports whether two names are one stem of two letters or
// more with the two endings of a pair of endings, in either order.
func endingsPair(a, b string, endings [][2]string) bool {
	for _, e := range endings {
		for _, p := range [2][2]string{{a, b}, {b, a}} {
			if m, ok := strings.CutSuffix(p[0], e[0]); ok && len(m) >= 2 && p[1] == m+e[1] {
				return true
			}
		}
	}
	return false
}

// doubledEnd reports whether the shorter of two names ends in a doubled
// letter, which a masculine name taking a feminine ending seldom does and
// a feminine name cut short does (Rebecc, Isabell): for the fuzzy
// comparison, a slip. (The name guard keeps Will and Willa two names.)
func doubledEnd(a, b string) bool {
	if len(a) > len(b) {
		a = b
	}
	n := len(a)
	return n >= 3 && a[n-1] == a[n-2]
}

// clipped reports whether one first name is the other cut short, as people
// shorten names (Max for Maxime, Raph for Raphaël): a beginning of three
// letters or more, missing two letters or more.
func clipped(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 3 && len(b)-len(a) >= 2 && strings.HasPrefix(b, a)
}

// partOf reports whether every word of a is a word of b, b having more:
// "Garcia" of "Garcia Lopez".
func partOf(a, b []string) bool {
	if len(a) == 0 || len(a) >= len(b) {
		return false
	}
	for _, w := range a {
		found := false
		for _, x := range b {
			found = found || w == x
		}
		if !found {
			return false
		}
	}
	return true
}

// compareBirthDates compares two valid dates, YYYY-MM-DD. One digit off
// includes two neighbouring digits of one part swapped, the commonest slip
// of the keyboard: 1985 typed 1958, the 12th typed 21.
func compareBirthDates(a, b string) Level {
	switch {
	case a == "" || b == "":
		return LevelMissing
	case a == b:
		return LevelExact
	case a[:5] == b[:5] && a[5:7] == b[8:10] && a[8:10] == b[5:7]:
		return LevelDayMonth
	case oneSlip(a, b):
		return LevelOneDigit
	}
	switch d := daysApart(a, b); {
	case d <= nearDays:
		return LevelNearDate
	case d <= yearDays:
		return LevelNearYear
	}
	return LevelDifferent
}

// nearDays and yearDays are the most days apart of two birth dates at
// LevelNearDate and LevelNearYear.
const nearDays, yearDays = 31, 366

// daysApart counts the days between two dates written YYYY-MM-DD; a large
// number when either is not one.
func daysApart(a, b string) int {
	ta, errA := time.Parse(time.DateOnly, a)
	tb, errB := time.Parse(time.DateOnly, b)
	if errA != nil || errB != nil {
		return math.MaxInt
	}
	d := int(ta.Sub(tb).Hours() / 24)
	return max(d, -d)
}

// unreadDate writes a birth date that is no real date as YYYY-MM-DD from
// its digits, when it has eight of them and a year of this century or
// the last at either end (20030868, 31/02/1990), and "" otherwise.
func unreadDate(s string) string {
	var d []byte
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			d = append(d, s[i])
		} else if !strings.ContainsRune("-/. ", rune(s[i])) {
			return ""
		}
	}
	if len(d) != 8 {
		return ""
	}
	century := func(x []byte) bool { return x[0] == '1' && x[1] == '9' || x[0] == '2' && x[1] == '0' }
	month := func(x []byte) bool { return x[0] == '0' || x[0] == '1' && x[1] <= '2' }
	ymd := string(d[:4]) + "-" + string(d[4:6]) + "-" + string(d[6:])
	dmy := string(d[4:]) + "-" + string(d[2:4]) + "-" + string(d[:2])
	switch {
	case century(d[:2]) && (month(d[4:6]) || !century(d[4:6])):
		return ymd
	case century(d[4:6]):
		return dmy // 19121990: the 19th of December, not month 19 of 1912
	}
	return ""
}

// compareUnreadBirth compares a birth date that is no real date with the
// other record's real one: one digit off, a slip (20030868 and
// 2003-08-28); anything else says nothing, since the value cannot be read.
func compareUnreadBirth(a, b *FuzzyRecord) Level {
	for _, p := range [2][2]*FuzzyRecord{{a, b}, {b, a}} {
		if p[0].birth == "" && p[0].unreadBirth != "" && p[1].birth != "" && oneSlip(p[0].unreadBirth, p[1].birth) {
			return LevelOneDigit
		}
	}
	return LevelMissing
}

// yearsApart is how many years separate the years of two dates,
// YYYY-MM-DD.
func yearsApart(a, b string) int {
	ya, _ := strconv.Atoi(a[:4])
	yb, _ := strconv.Atoi(b[:4])
	return max(ya-yb, yb-ya)
}

// hamming counts the bytes that differ between two strings of one length;
// -1 when the lengths differ.
func hamming(a, b string) int {
	if len(a) != len(b) {
		return -1
	}
	n := 0
	for i := range len(a) {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

// oneSlip reports whether two numbers of one length differ by one digit or
// by two neighbouring digits swapped.
func oneSlip(a, b string) bool {
	switch hamming(a, b) {
	case 1:
		return true
	case 2:
		for i := 0; i+1 < len(a); i++ {
			if a[i] != b[i] {
				return a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
			}
		}
	}
	return false
}

// compareNumbers compares two lists of E.164 numbers by their closest
// pair.
func compareNumbers(a, b []string) Level {
	if len(a) == 0 || len(b) == 0 {
		return LevelMissing
	}
	best := LevelDifferent
	for _, x := range a {
		for _, y := range b {
			switch {
			case x == y:
				return LevelExact
			case oneSlip(x, y):
				best = LevelOneSlip
			}
		}
	}
	return best
}

// emailValue is one address with what its local part says beyond the
// name.
type emailValue struct {
	value, canonical string
	domain           string
	digits           string // the digits of the local part, in order
	local            string // letters and digits of the local part
	residue          string // the local part with the owner's names and initials taken out
}

// surnameFromEmail returns the surname of one of two records when the
// other has none and its email writes it whole (Isla, islaoliver@…, and
// Isla Oliver): a surname of four letters or more, in the local part.
func surnameFromEmail(a, b *FuzzyRecord) (string, bool) {
	for _, p := range [][2]*FuzzyRecord{{a, b}, {b, a}} {
		lacking, named := p[0], p[1]
		if lacking.last.folded != "" || len(named.last.folded) < 4 {
			continue
		}
		for _, e := range lacking.emails {
			if strings.Contains(e.local, named.last.folded) {
				return named.last.folded, true
			}
		}
	}
	return "", false
}

// surnameInEmail reports whether one record's email names the other's
// surname beyond its own names: a word of 4 letters or more of it, in
// what is left of the local part once the owner's names are taken out.
func surnameInEmail(a, b *FuzzyRecord) bool {
	names := func(r, other *FuzzyRecord) bool {
		for _, e := range r.emails {
			for _, w := range other.last.words {
				if len(w) >= 4 && strings.Contains(e.residue, w) {
					return true
				}
			}
		}
		return false
	}
	return names(a, b) || names(b, a)
}

func newEmailValue(e string, first, last nameValue) emailValue {
	v := emailValue{value: e, canonical: CanonicalEmail(e)}
	local, domain, _ := strings.Cut(v.canonical, "@")
	v.local, v.domain = foldAlnum(local), domain
	v.digits = strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, v.local)
	v.residue = nameResidue(v.local, first, last)
	return v
}

// foldAlnum keeps the letters (folded) and digits of s.
func foldAlnum(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r):
			b.WriteRune(unicode.ToLower(r))
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		}
	}
	return b.String()
}

// nameResidue takes the owner's name words out of a local part, then a
// lone initial: what is left (a year, a number, a nickname) is what the
// address says beyond the name, so agreeing on the name is not counted
// twice. Too little left (one character) is no evidence.
func nameResidue(local string, first, last nameValue) string {
	return stripNames(local, slices.Concat(last.words, first.words))
}

// stripNames takes the name words out of a folded local part, then lone
// initials, and returns what is left, or "" when that is under two
// characters.
func stripNames(local string, words []string) string {
	for _, w := range words {
		if len(w) >= 2 {
			local = strings.Replace(local, w, " ", 1)
		}
	}
	var parts []string
	for _, p := range strings.Fields(local) {
		if len(p) > 1 || p[0] >= '0' && p[0] <= '9' {
			parts = append(parts, p)
		}
	}
	r := strings.Join(parts, "")
	if len(r) < 2 {
		return ""
	}
	return r
}

// compareEmails compares two lists of emails by their closest pair. names
// are both records' name words: what a local part says beyond them is
// compared, so a slip in one record's name does not hide the name in its
// address.
func compareEmails(a, b []emailValue, names []string) Level {
	if len(a) == 0 || len(b) == 0 {
		return LevelMissing
	}
	rank := map[Level]int{LevelExact: 4, LevelMailbox: 3, LevelLocalPart: 2, LevelDifferent: 1}
	best := LevelDifferent
	for _, x := range a {
		for _, y := range b {
			l := LevelDifferent
			switch {
			case x.value == y.value:
				l = LevelExact
			case x.canonical == y.canonical:
				l = LevelMailbox
			case x.residue != "" && y.residue != "" && sameBeyond(x.local, y.local, names):
				l = LevelLocalPart
			case x.domain == y.domain && x.digits != "" && x.digits == y.digits && EditDistance(x.local, y.local) == 1:
				// One slip in the address, at the same provider, its
				// number kept: jean.martin5 / jean.martin5e.
				l = LevelLocalPart
			case x.residue != "" && y.residue != "" && x.digits == y.digits && min(len(x.value), len(y.value)) >= 12 &&
				EditDistance(x.value, y.value) <= 2:
				// Two slips at most in an address that says more than its
				// owner's names, its number kept, the provider's name
				// included (ryannoble@bryant.info, ryannnble@bryat.info):
				// one address typed twice.
				l = LevelLocalPart
			case x.local == y.local && (x.residue == "" || y.residue == ""):
				// The same name at two providers: the names already said it,
				// one record's at least (a slip in the other's surname:
				// matteo.battaglia for Matteo Bataglia).
				l = LevelMissing
			}
			if rank[l] > rank[best] || l == LevelMissing && best == LevelDifferent {
				best = l
			}
		}
	}
	return best
}

// sameBeyond reports whether two local parts leave the same once the
// names (both records' names and birth years) are taken out, and leave
// something: two addresses of nothing but names and a year (lucasm10 and
// emmam10, twins born in 2010) agree on nothing the names have not said.
func sameBeyond(a, b string, names []string) bool {
	r := stripNames(a, names)
	return r != "" && r == stripNames(b, names)
}

// addressValue is an address normalised for comparison: the house number
// apart, the street's words folded with the usual abbreviations written
// out, the postal code and the town.
type addressValue struct {
	number, unit, street, postal, city string
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
	a = townFromLine(a.Trimmed())
	var v addressValue
	v.number, v.unit, v.street, v.postal = parseAddressLines(a)
	city := a.City
	if i := strings.IndexByte(city, '('); i > 0 {
		city = city[:i] // Milano (MI): the province after the town
	}
	city = withoutState(withoutStateCode(city, a.Country))
	city = FoldName(strings.ReplaceAll(strings.ToLower(city), "cedex", ""))
	v.city = strings.TrimPrefix(strings.TrimPrefix(city, "saint"), "st")
	return v
}

func (v addressValue) empty() bool { return v.street == "" && v.postal == "" && v.city == "" }

// sameTown reports whether two addresses are in one town: the same postal
// code, or the same town when a postal code is missing, differs by a
// slip (69100 and 69160 in Villeurbanne: one digit typed wrong; 2320 and
// 320 in Maitland, one dropped) or is the town's own (cityWide). Where
// neither names a postal code, a town's name one slip from the other's is
// that town (Birmngham, Birmingham): no postal code says otherwise.
func (v addressValue) sameTown(w addressValue) bool {
	sameCity := v.city != "" && v.city == w.city
	if v.postal != "" && w.postal != "" {
		return v.postal == w.postal || sameCity && (postalSlip(v.postal, w.postal) || cityWide(v.postal, w.postal))
	}
	return sameCity || v.postal == "" && w.postal == "" && townSlip(v.city, w.city)
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
	if !townSlip(v.city, w.city) {
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
		directions(a.street) == directions(b.street) || streetInitialed(strings.Fields(a.street), strings.Fields(b.street)) ||
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
	case sameStreet && sameBuilding:
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
