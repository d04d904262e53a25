package matcher

import (
	"cmp"
	"slices"
	"strings"
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
	// LevelFromEmail: one record has no surname, and its email writes
	// the other's (Isla, islaoliver@…, and Isla Oliver); or no given name,
	// and its email writes the other's with the surname (Traoré,
	// cheikh.traore@…, and Cheikh Traoré).
	LevelFromEmail Level = "from_email"
	LevelOneDigit  Level = "one_digit" // dates: one digit off
	LevelDayMonth  Level = "day_month_swapped"
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
	LevelSurnameInEmail, LevelFromEmail, LevelOneDigit, LevelDayMonth, LevelNearDate, LevelNearYear, LevelStreet, LevelTown, LevelMailbox, LevelLocalPart, LevelOneSlip, LevelLargerFile, LevelSmallerFile}

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
// Portuguese, Swedish, Norwegian, Danish, Finnish and the languages of
// genders' last lines, a letter: the Nordic K is kvinna), as "f" or "m";
// "" when it says neither. Lithuanian forms' V (vyras) and M (moteris)
// read as Dutch V and English M do, the other way round: two Lithuanian
// records that both write them agree as they should.
func Gender(s string) string {
	return genders[FoldName(s)]
}

// genders are the words Gender reads, folded (FoldName) as it folds them.
var genders = foldedGenders(map[string]string{
	"f": "f", "female": "f", "woman": "f", "w": "f", "femme": "f", "feminin": "f", "mme": "f", "madame": "f", "mlle": "f",
	"mademoiselle": "f", "melle": "f", "ms": "f", "mrs": "f", "miss": "f", "mujer": "f", "femenino": "f", "sra": "f", "senora": "f",
	"srta": "f", "frau": "f", "weiblich": "f", "v": "f", "vrouw": "f", "mevr": "f", "mevrouw": "f", "mw": "f",
	"donna": "f", "femmina": "f", "sigra": "f", "signa": "f", "signora": "f", "signorina": "f", "feminino": "f", "mulher": "f",
	"k": "f", "kvinna": "f", "kvinne": "f", "kvinde": "f", "kvindelig": "f", "kvinnlig": "f", "nainen": "f", "fru": "f",
	"m": "m", "male": "m", "man": "m", "homme": "m", "masculin": "m", "monsieur": "m", "mr": "m", "hombre": "m",
	"masculino": "m", "sr": "m", "senor": "m", "herr": "m", "mannlich": "m", "h": "m", "dhr": "m", "heer": "m",
	"deheer": "m", "uomo": "m", "maschio": "m", "sig": "m", "signor": "m", "signore": "m", "homem": "m",
	"mann": "m", "mand": "m", "mandlig": "m", "manlig": "m", "mannlig": "m", "mies": "m",
	// Lithuanian, Icelandic, Georgian (in Latin letters, as FoldName reads
	// them), Russian (likewise), Polish, Czech, Turkish, Malay, Greek
	// (likewise), Chinese and Japanese (in Pinyin: 男 nan, 女性 nuxing),
	// Korean (남 nam, 여 yeo), Arabic, Persian, Hebrew and Thai.
	"vyras": "m", "vyr": "m", "moteris": "f", "mot": "f", "karl": "m", "kk": "m", "kona": "f", "kvk": "f",
	"mamrobiti": "m", "katsi": "m", "mdedrobiti": "f", "kali": "f",
	"muzh": "m", "muzhskoi": "m", "muzhchina": "m", "zh": "f", "zhen": "f", "zhenskii": "f", "zhenshchina": "f",
	"mezczyzna": "m", "kobieta": "f", "muz": "m", "zena": "f", "erkek": "m", "kadin": "f", "lelaki": "m", "perempuan": "f",
	"andras": "m", "gynaika": "f", "nan": "m", "nanxing": "m", "nu": "f", "nuxing": "f", "nam": "m", "namja": "m",
	"yeo": "f", "yeoja": "f", "ذكر": "m", "انثى": "f", "انثي": "f", "مرد": "m", "زن": "f", "זכר": "m", "נקבה": "f",
	"ชาย": "m", "หญิง": "f",
})

// foldedGenders is words keyed as Gender looks them up, folded: หญิง
// without its vowel sign.
func foldedGenders(words map[string]string) map[string]string {
	out := make(map[string]string, len(words))
	for w, g := range words {
		out[FoldName(w)] = g
	}
	return out
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
