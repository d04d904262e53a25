package matcher

import (
	"cmp"
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	edlib "github.com/hbollon/go-edlib"
	"golang.org/x/text/unicode/norm"
)

// shortFormsData lists, one name a line, the spellings of a first name
// left of "=" and its short forms right of it: "elizabeth elisabeth = liz
// beth". It is data, not code: add a line to teach the matcher a new short
// form. The comment at the top of the file explains the format.
//
//go:embed shortforms.txt
var shortFormsData string

// shortFormLine is one line of shortforms.txt, its names folded.
type shortFormLine struct {
	Line  int      // 1-based line number in the file
	Full  []string // spellings of one first name, left of "="
	Short []string // its short forms, right of "="
}

// parseShortForms reads shortforms.txt: comments and blank lines skipped,
// every other line "full names = short forms", both sides non-empty, or
// two spellings or more and no short form ("khadija khadidja =").
func parseShortForms(data string) ([]shortFormLine, error) {
	var out []shortFormLine
	for i, line := range strings.Split(data, "\n") {
		line, _, _ = strings.Cut(line, "#")
		if strings.TrimSpace(line) == "" {
			continue
		}
		left, right, ok := strings.Cut(line, "=")
		if !ok || strings.Contains(right, "=") {
			return nil, fmt.Errorf("shortforms.txt line %d: want one \"=\" between the full name and its short forms: %q", i+1, line)
		}
		l := shortFormLine{Line: i + 1}
		for _, side := range []struct {
			names string
			to    *[]string
		}{{left, &l.Full}, {right, &l.Short}} {
			for _, name := range strings.Fields(side.names) {
				f := FoldName(name)
				if f == "" {
					return nil, fmt.Errorf("shortforms.txt line %d: %q has no letters", i+1, name)
				}
				*side.to = append(*side.to, f)
			}
		}
		if len(l.Full) == 0 || len(l.Short) == 0 && len(l.Full) < 2 {
			return nil, fmt.Errorf("shortforms.txt line %d: want names on both sides of \"=\", or two spellings left of it: %q", i+1, line)
		}
		out = append(out, l)
	}
	return out, nil
}

// shortFormPairs is every pair of distinct names on one line, the smaller
// first: two spellings, a name and a short form, or two short forms of one
// name. Two lines sharing a short form add no pair between their names.
func shortFormPairs(lines []shortFormLine) map[[2]string]struct{} {
	pairs := map[[2]string]struct{}{}
	for _, l := range lines {
		names := append(append([]string(nil), l.Full...), l.Short...)
		for i, a := range names {
			for _, b := range names[i+1:] {
				switch {
				case a < b:
					pairs[[2]string{a, b}] = struct{}{}
				case b < a:
					pairs[[2]string{b, a}] = struct{}{}
				}
			}
		}
	}
	return pairs
}

// shortFormLines are shortforms.txt's lines, read once.
var shortFormLines = func() []shortFormLine {
	lines, err := parseShortForms(shortFormsData)
	if err != nil {
		panic(err)
	}
	return lines
}()

// shortForms holds the pairs of folded first names that shortforms.txt
// says are one name, built once so a look-up is one map access.
var shortForms = shortFormPairs(shortFormLines)

// shortFormsApart holds the pairs of two short forms on one line of
// shortforms.txt (neither of them a full name there) that differ from
// their first two letters, the smaller first: Lisa and Beth, Amy and Mia,
// Molly and Polly, Chris and Tina. The name guard does not take them for
// one person: two sisters go by them as often as one woman by both. Liz
// and Lizzie, Beth and Betty, Jim and Jimmy stay one name, and so do two
// that another line gives as a name and its short form (Jan and Honza,
// both short forms of Johannes, and Honza Jan's own).
var shortFormsApart = func() map[[2]string]bool {
	nameAndShort := map[[2]string]bool{}
	for _, l := range shortFormLines {
		for _, f := range l.Full {
			for _, sh := range l.Short {
				nameAndShort[[2]string{min(f, sh), max(f, sh)}] = true
			}
		}
	}
	m := map[[2]string]bool{}
	for _, l := range shortFormLines {
		for i, a := range l.Short {
			for _, b := range l.Short[i+1:] {
				if a == b || slices.Contains(l.Full, a) || slices.Contains(l.Full, b) || firstTwo(a) == firstTwo(b) ||
					nameAndShort[[2]string{min(a, b), max(a, b)}] {
					continue
				}
				m[[2]string{min(a, b), max(a, b)}] = true
			}
		}
	}
	return m
}()

// firstTwo returns a folded name's first two letters.
func firstTwo(s string) string {
	if len(s) < 2 {
		return s
	}
	return s[:2]
}

// shortFormsOf holds each pair of a folded short form and a folded full
// name it is on one line with: {"alex", "alexandra"}.
var shortFormsOf = func() map[[2]string]bool {
	m := map[[2]string]bool{}
	for _, l := range shortFormLines {
		for _, short := range l.Short {
			for _, full := range l.Full {
				m[[2]string{short, full}] = true
			}
		}
	}
	return m
}()

// fullSpellings holds each pair of two names left of "=" on one line of
// shortforms.txt, the smaller first: one name's spellings or languages
// (Georges and George, Michel and Mikhael, Mohammed and Muhammad).
var fullSpellings = func() map[[2]string]bool {
	m := map[[2]string]bool{}
	for _, l := range shortFormLines {
		for i, a := range l.Full {
			for _, b := range l.Full[i+1:] {
				m[[2]string{min(a, b), max(a, b)}] = true
			}
		}
	}
	return m
}()

// otherSpelling reports whether a booking's first name is the profile's
// written in another spelling or language of one name (fullSpellings):
// the profile keeps the spelling it holds, against which the next
// booking's slips are read (Geores for Georges, after a booking wrote
// George). A slip that spells otherwise (Cahterine) is no spelling.
func otherSpelling(booking, profile string) bool {
	a, b := givenName(booking).folded, givenName(profile).folded
	return a != "" && b != "" && a != b && fullSpellings[[2]string{min(a, b), max(a, b)}]
}

// shortFormPair reports whether two folded first names are on one line of
// shortforms.txt: spellings of one name, a name and its short form, or two
// short forms of one name.
func shortFormPair(a, b string) bool {
	if a > b {
		a, b = b, a
	}
	_, ok := shortForms[[2]string{a, b}]
	return ok
}

// FoldName lower-cases a name and strips accents and everything that is not
// a letter, so "Zoé", "zoe" and "ZOÉ" compare equal; the letters Unicode
// does not write as a letter and an accent are written as keyboards
// without them write them (lettersApart: Łukasz is lukasz, Søren soren),
// and kana, Hangul and Greek in Latin letters (kanaRead: ケイコ is keiko;
// hangulRead: 강서연 is kangseoyeon; greekRead: Γιώργος is giorgos). A
// surname whose particles a register files after it is read with them
// before (particlesFirst: Haan, de is dehaan).
func FoldName(s string) string {
	s = particlesFirst(s)
	if ascii(s) {
		return foldASCII(s)
	}
	if hasKana(s) {
		s = kanaRead(s) // ケイコ is keiko
	}
	if hasHangul(s) {
		s = hangulRead(s) // 강서연 is kangseoyeon
	}
	s = alphabetsRead(s)
	if hasHan(s) {
		s = hanRead(s) // 王伟 is wangwei
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent: drop it
		case unicode.IsLetter(r):
			r = unicode.ToLower(r)
			if w, ok := letterApart(r); ok {
				b.WriteString(w)
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// alphabetsRead writes the letters of the Greek, Armenian, Ethiopic,
// South Asian and Burmese scripts in s in Latin ones, as their readings
// do (Γιώργος is giorgos, Պետրոսյան petrosyan, ተስፋዬ tesfaye, शर्मा
// sharma, ကျော် ဇော် kyaw zaw), and leaves the rest as it is: names
// (FoldName) and addresses (addressTokens) read them alike.
func alphabetsRead(s string) string {
	if hasGreek(s) {
		s = greekRead(s)
	}
	if hasArmenian(s) {
		s = armenianRead(s)
	}
	if hasEthiopic(s) {
		s = ethiopicRead(s)
	}
	if hasBrahmic(s) {
		s = brahmicRead(s)
	}
	if hasBurmese(s) {
		s = burmeseRead(s)
	}
	return s
}

// ascii reports whether s is ASCII alone, as most names are.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldASCII is FoldName of an ASCII string: its letters, lower-cased.
func foldASCII(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z':
			b = append(b, c)
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		}
	}
	return string(b)
}

// trailingParticles are the small words that a register or an export
// files after a surname and a comma (Berg, van den; Haan, de; Hooft, 't):
// Dutch and Flemish, German, French, Italian, Spanish and Portuguese.
var trailingParticles = setOf("van", "der", "den", "de", "het", "ten", "ter", "te", "t", "in", "op", "uit", "vd",
	"von", "zu", "vom", "zum", "du", "des", "le", "la", "di", "da", "del", "della", "dello", "lo", "das", "do", "dos")

// particlesFirst writes a surname filed with its particles after a comma
// (Berg, van den) in the order it is said (van den Berg), and any other
// name as it is: the part after the comma must be particles alone, so
// Smith, John stays as written.
func particlesFirst(s string) string {
	i := strings.LastIndexByte(s, ',')
	if i < 0 {
		return s
	}
	before, after := strings.TrimSpace(s[:i]), s[i+1:]
	words := strings.FieldsFunc(after, func(r rune) bool { return !unicode.IsLetter(r) })
	if before == "" || len(words) == 0 {
		return s
	}
	for _, w := range words {
		if !trailingParticles[strings.ToLower(w)] {
			return s
		}
	}
	return strings.TrimSpace(after) + " " + before
}

// WrittenWithLessCare reports whether name a is name b written with less
// care: the same letters (FoldName), with fewer of b's accents, hyphens
// and apostrophes or in a single case where b mixes them, and with
// nothing b lacks. A booking's "zoe" or "ROY" never replaces a profile's
// "Zoé" or "Roy" (Apply), while "Zoé" replaces "zoe". The letters are
// also the same when a writes b's umlauts as German keyboards without
// them do (Juergen for Jürgen, MUELLER for Müller: umlautsWrittenOut).
func WrittenWithLessCare(a, b string) bool {
	if a == b {
		return false
	}
	if fa := FoldName(a); fa != FoldName(b) && fa != FoldName(umlautsWrittenOut(b)) {
		return false
	}
	da, db := nameCare(a), nameCare(b)
	fewer := false
	for i := range da {
		if da[i] > db[i] {
			return false
		}
		fewer = fewer || da[i] < db[i]
	}
	return fewer
}

// SaysLess reports whether first name a tells no more than first name b
// who the customer is, written otherwise: a is b's initial (J. for Jean),
// the initials of its words (J.-P. for Jean-Pierre) or initials alone
// (J.H. for Johannes), one of its short forms (Alex for Alexandra,
// shortforms.txt), b cut short (Max for Maxime), b with a title or an
// abbreviation (Dr. Andreas for Andreas, Mª José for María José). A
// booking's a leaves a profile's b as it is (Apply): written
// over it, Alex would let Alexander's next booking on the family's email
// rename Alexandra, whom it would then be compatible with.
func SaysLess(a, b string) bool {
	x, y := givenName(a), givenName(b)
	switch {
	case x.folded == "" || y.folded == "":
		return false
	case x.folded == y.folded:
		return FoldName(a) != x.folded // a title or an abbreviation written
	case utf8.RuneCountInString(x.folded) == 1 || initialsOnly(x.words):
		return strings.HasPrefix(y.folded, x.words[0])
	case initialsOf(x, y) || shortFormsOf[[2]string{x.folded, y.folded}]:
		return true
	case shortFormPair(x.folded, y.folded) || genderPair(x.folded, y.folded):
		return false // two spellings of one name, the latest written; or two people
	}
	return clipped(x.folded, y.folded) && len(x.folded) < len(y.folded)
}

// nameCare counts what a careful writing of a name holds that a hasty one
// may not: its accents (read decomposed, so "é" counts once however it is
// encoded) and its letters apart (ł for l), its hyphens and apostrophes,
// and 1 when it mixes upper and lower case.
func nameCare(s string) [3]int {
	var out [3]int
	var upper, lower bool
	for _, r := range norm.NFD.String(s) {
		if _, apart := letterApart(unicode.ToLower(r)); apart || unicode.Is(unicode.Mn, r) {
			out[0]++
		}
		if r == '-' || r == '\'' || r == '’' {
			out[1]++
		}
		upper = upper || unicode.IsUpper(r)
		lower = lower || unicode.IsLower(r)
	}
	if upper && lower {
		out[2] = 1
	}
	return out
}

// umlautsWrittenOut writes a name's ä, ö and ü as ae, oe and ue, as German
// writes them without the umlaut, however they were encoded.
func umlautsWrittenOut(s string) string {
	return umlautWriter.Replace(norm.NFC.String(s))
}

var umlautWriter = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue")

// lettersApart are the Latin letters with no decomposition into a base
// letter and a combining accent, each as its language's customers type it
// on a keyboard without it: Polish ł, Danish and Norwegian ø and æ, French
// œ, German ß, Croatian đ, Icelandic ð and þ, Turkish ı, Azerbaijani ə
// (Məmmədov is mammadov, as its passports write it). And the Cyrillic
// alphabet, as Russian, Ukrainian, Bulgarian and Serbian customers write
// their names in Latin letters (Ольга is olga, Наталья natalya, Юлия
// yuliya): a Riga shop's customer types Ольга Иванова on one visit and
// Olga Ivanova on the next. (й, ё and ї lose their marks as accents do.)
// And Georgian's, as Georgia's national system writes them in Latin
// letters, its apostrophes left out as passports and people leave them
// (გიორგი ბერიძე is giorgi beridze, წიკლაური tsiklauri, ყიფიანი qipiani).
// Arabic's ta marbuta and alif maqsura as the letters people type for
// them (دانة and دانه are one name, ليلى and ليلي), and Persian's yeh and
// keheh as Arabic's.
var lettersApart = map[rune]string{'ł': "l", 'ø': "o", 'æ': "ae", 'œ': "oe", 'ß': "ss", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i", 'ə': "a",
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh", 'з': "z", 'и': "i", 'к': "k", 'л': "l",
	'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	'і': "i", 'є': "ye", 'ґ': "g", 'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz",
	'ә': "a", 'ғ': "g", 'қ': "k", 'ң': "n", 'ө': "o", 'ұ': "u", 'ү': "u", 'һ': "h",
	'ა': "a", 'ბ': "b", 'გ': "g", 'დ': "d", 'ე': "e", 'ვ': "v", 'ზ': "z", 'თ': "t", 'ი': "i", 'კ': "k", 'ლ': "l",
	'მ': "m", 'ნ': "n", 'ო': "o", 'პ': "p", 'ჟ': "zh", 'რ': "r", 'ს': "s", 'ტ': "t", 'უ': "u", 'ფ': "p", 'ქ': "k",
	'ღ': "gh", 'ყ': "q", 'შ': "sh", 'ჩ': "ch", 'ც': "ts", 'ძ': "dz", 'წ': "ts", 'ჭ': "ch", 'ხ': "kh", 'ჯ': "j", 'ჰ': "h",
	'ة': "ه", 'ى': "ي", 'ی': "ي", 'ک': "ك"}

// letterApart returns a lower-case letter's writing in lettersApart; an
// ASCII letter, most of every name, needs no look-up.
func letterApart(r rune) (string, bool) {
	if r < utf8.RuneSelf {
		return "", false
	}
	w, ok := lettersApart[r]
	return w, ok
}

// givenAbbreviations are the abbreviations Spanish forms write for a
// given name, folded: Mª José is María José, Fco. Javier is Francisco
// Javier. FoldName keeps "ª", a letter of its own, not an accented "a".
var givenAbbreviations = map[string]string{"mª": "maria", "fco": "francisco"}

// givenWords returns the folded words of a given name with its
// abbreviations written out (givenAbbreviations), words itself when it has
// none. "M.ª", as the Academy writes it, reads as "m" then "ª". "Ma" is
// María only before another name: alone it is a name of its own (Chinese),
// as "M." alone is an initial.
func givenWords(words []string) []string {
	var out []string // a copy, made at the first abbreviation
	for i := 0; i < len(words); i++ {
		w, full, skip := words[i], givenAbbreviations[words[i]], 0
		switch {
		case full != "":
		case w == "m" && i+1 < len(words) && words[i+1] == "ª":
			full, skip = "maria", 1
		case w == "ma" && i == 0 && len(words) > 1:
			full = "maria"
		}
		if full != "" && out == nil {
			out = append(make([]string, 0, len(words)), words[:i]...)
		}
		if out != nil {
			out = append(out, cmp.Or(full, w))
		}
		i += skip
	}
	if out == nil {
		return words
	}
	return out
}

// NamesCompatible reports whether two first names may belong to one person,
// a title before them ("Mr Paul") left aside and abbreviations written out
// ("Mª José"): either is empty; they are equal once folded; one is the
// initial of the other, the initials of every given name (K.G.A. for Kim,
// agreeing by the first) or of a compound name (JF, J.-F. for
// Jean-François); one is a known short form of the other (shortforms.txt:
// Véro for Véronique); or they are a small typo apart (typoApart: one
// edit, or two for names of eight letters or more, that keeps the initial
// and, in a four-letter name, changes no letter). A name and its feminine (Louis /
// Louise, Julien / Julie, Mario / Marie, Federico / Federica Rosa:
// genderPair, of the names or of their first words) are never compatible,
// unless they are compound names with a word in common; a word of a
// compound name (Jean for Jean-François) is only when shortforms.txt says
// so, or when the other word is a Vietnamese middle name (Mai for Thi
// Mai: middleNameLeftOut), and a compound name written joined is read
// along the other's words (joinedAlong: Minjung is not Min-jun). A name
// merely cut short is not enough here, as it is for the fuzzy search: Léo
// and Léonie, siblings sharing the family's email, must not be taken for
// one person. A name in Chinese characters is compatible only with its
// Pinyin, equal once folded.
func NamesCompatible(a, b string) bool {
	x, y := givenName(a), givenName(b)
	if x.han || y.han {
		// 劉怡君 and 劉佩君 are twins: a character is a whole syllable,
		// which no slip of its Pinyin letters stands for.
		return x.folded == "" || y.folded == "" || x.folded == y.folded
	}
	hangul := hasHangul(a) != hasHangul(b)
	a, b = x.folded, y.folded
	xs, ys := withoutMiddleInitials(x.words), withoutMiddleInitials(y.words)
	switch {
	case a == "" || b == "" || a == b:
		return true
	case hangul && koreanSpelling(a) == koreanSpelling(b):
		// 현우 and Hyun-woo: the Hangul read as the Revised Romanization
		// writes it (hyeonu), the Latin as Korean-Americans do.
		return true
	case middleNameLeftOut(x.words, y.words) || middleNameLeftOut(y.words, x.words):
		return true
	case len(xs) < len(x.words) && len(y.words) == 1 || len(ys) < len(y.words) && len(x.words) == 1:
		// Jomar A. (a middle initial after the given name, as Filipino
		// and American records write it) is Jomar, and not his twin
		// Jomari: the initial is no letter of the name.
		return NamesCompatible(strings.Join(xs, " "), strings.Join(ys, " "))
	case len([]rune(a)) == 1 || len([]rune(b)) == 1 || byInitials(x.words, y.words):
		// An initial, or the initials of every given name (K.G.A. for
		// Kim), agree by the first.
		return []rune(a)[0] == []rune(b)[0]
	case shortFormPair(a, b) && !shortFormsApart[[2]string{min(a, b), max(a, b)}]:
		return true
	case (genderPair(a, b) || genderPair(x.words[0], y.words[0])) && !shareAWord(x.words, y.words):
		// Two people, often a couple or twins sharing one email or
		// phone, however close the spelling; but not a compound name,
		// whose other word gives its gender (Anne-Laur, Anne-Laure).
		return false
	case spelledOtherwise(a, b):
		return true
	case len(a) >= 4 && len(b) >= 4 && transliterated.Replace(a) == transliterated.Replace(b):
		return true
	case initialsOf(x, y) || initialsOf(y, x):
		return true
	case len(x.words) > 1 && len(x.words) == len(y.words):
		// Word by word: J. Luis is José Luis; but Jean-Marc and
		// Jean-Marie, Min-jun and Min-jung, whose words are two names,
		// are two people, however close the whole. A slip in a longer
		// word is a slip (compoundSlip: Jean-lCaude).
		return wordsAgree(x.words, y.words) || compoundSlip(x.words, y.words)
	}
	if agree, ok := joinedAlong(x, y); ok {
		// A compound name written joined (Minjung for Min-jung, Seoyun
		// for Seo-yun) is read along the other's words too: Minjung is
		// not Min-jun, nor Seoyun Seo-jun, nor Jeanmarie Jean-Marc.
		return agree
	}
	return slipApart(a, b)
}

// leadingInitialBefore reports whether the words long are an initial and
// then the words short, one word at least: P. Hitesh and Hitesh.
func leadingInitialBefore(long, short []string) bool {
	return len(short) > 0 && len(long) == len(short)+1 && len([]rune(long[0])) == 1 && slices.Equal(long[1:], short)
}

// withoutMiddleInitials returns a given name's words without the initials
// after its first word (Jomar A., John F. K.), words itself when it has
// none.
func withoutMiddleInitials(words []string) []string {
	n := len(words)
	for n > 1 && len([]rune(words[n-1])) == 1 {
		n--
	}
	return words[:n]
}

// vietnameseMiddleNames are the middle names that say no more than a
// Vietnamese name's gender, folded: Thị, a woman's, and Văn, a man's.
// Forms abroad leave them out as often as they keep them.
var vietnameseMiddleNames = map[string]bool{"thi": true, "van": true}

// middleNameLeftOut reports whether the given names long are the given
// names short after such a middle name: Thi Mai and Mai, Van Dung and
// Dung are one person's. Thi Mai and Van Mai are a sister and a brother,
// and so Thanh alone may be Thi Thanh or her brother Van Thanh: a given
// name that men and women both bear (unisexVietnameseNames) is not one
// name with its middle name.
func middleNameLeftOut(long, short []string) bool {
	return firstWordLeftOut(long, short) && vietnameseMiddleNames[long[0]]
}

// firstWordLeftOut reports whether the given names long are short after
// one more word, and short is no single Vietnamese given name that men
// and women both bear (unisexVietnameseNames), which that word alone
// tells apart.
func firstWordLeftOut(long, short []string) bool {
	return len(long) == len(short)+1 && slices.Equal(long[1:], short) && !(len(short) == 1 && unisexVietnameseNames[short[0]])
}

// vietnameseMiddleNameDropped reports whether one first name is the other
// without its first word, a Vietnamese middle name (Hương for Ngọc Hương,
// Quang for Đức Quang), which siblings often share and the given name
// after it tells apart; not when that given name is one men and women
// both bear (Anh may be Ngọc Anh's brother Đức Anh).
func vietnameseMiddleNameDropped(a, b string) bool {
	x, y := givenName(a).words, givenName(b).words
	if len(x) > len(y) {
		x, y = y, x
	}
	return len(x) > 0 && firstWordLeftOut(y, x)
}

// vietnameseFamilyNames are Vietnam's commonest family names, folded,
// none of them a given name too (surnameFirst holds them).
var vietnameseFamilyNames = []string{"nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui",
	"do", "ho", "ngo", "duong", "ly", "trinh", "dinh", "truong", "lam", "luong"}

// vietnameseSurnames are vietnameseFamilyNames and the family names that
// are given names too (Mai), beside which a middle name may be left out.
var vietnameseSurnames = setOf(append(slices.Clone(vietnameseFamilyNames), "mai", "cao", "ta", "doan", "la", "tong")...)

// unisexVietnameseNames are Vietnamese given names that men and women
// both bear, folded, which the middle name alone tells apart.
var unisexVietnameseNames = setOf("anh", "minh", "thanh", "linh", "khanh", "ngoc", "phuong", "an", "binh", "hai",
	"tu", "xuan", "giang", "duong", "tam", "nhat", "lam", "thu", "ha", "hoa", "hanh", "vinh", "nhu", "tuyen")

// middleNamesOfTwoGenders reports whether a booking's name and a
// profile's carry the two Vietnamese middle names, one Thị and the other
// Văn, wherever the form put them: Thanh Van Le on Thi Thanh Le's profile
// is her brother.
func middleNamesOfTwoGenders(first, last, profileFirst, profileLast string) bool {
	a, b := middleNameIn(first, last), middleNameIn(profileFirst, profileLast)
	return a != "" && b != "" && a != b
}

// middleNameIn is the one Vietnamese middle name among a name's words,
// "" when there is none or both.
func middleNameIn(first, last string) string {
	found := ""
	for _, w := range append(nameWords(first), nameWords(last)...) {
		if vietnameseMiddleNames[w] && w != found {
			if found != "" {
				return ""
			}
			found = w
		}
	}
	return found
}

// joinedAlong compares a given name of one word with a compound name of
// several (Minjung and Min-jun), the one word cut into as many pieces as
// the other has words, with their lengths: from the start, and from the
// end. ok is false when the word cannot be cut so (a piece would have
// fewer than two letters, or the names have one word each, or several
// each); agree says whether the pieces agree with the words, word by word
// (wordsAgree), either way cut.
func joinedAlong(x, y nameValue) (agree, ok bool) {
	one, many := x, y
	if len(one.words) != 1 {
		one, many = y, x
	}
	if len(one.words) != 1 || len(many.words) < 2 {
		return false, false
	}
	word, n := []rune(one.words[0]), len(many.words)
	fromStart := make([]int, n) // the pieces' lengths, the last taking what is left
	for i, w := range many.words {
		fromStart[i] = len([]rune(w))
	}
	fromEnd := slices.Clone(fromStart) // the first taking what is left
	fromStart[n-1] = len(word) - sum(fromStart[:n-1])
	fromEnd[0] = len(word) - sum(fromEnd[1:])
	for _, sizes := range [][]int{fromStart, fromEnd} {
		if pieces := cutInto(word, sizes); pieces != nil {
			ok = true
			if wordsAgree(many.words, pieces) {
				return true, true
			}
		}
	}
	return false, ok
}

// cutInto cuts word into pieces of the sizes given, which add up to its
// length; nil when a piece would have fewer than two letters, or the
// word runs out.
func cutInto(word []rune, sizes []int) []string {
	pieces := make([]string, len(sizes))
	for i, n := range sizes {
		if n < 2 || n > len(word) {
			return nil
		}
		pieces[i], word = string(word[:n]), word[n:]
	}
	return pieces
}

// sum adds up xs.
func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

// slipApart reports whether two folded given names are one name with a
// slip in one of them. Two names in common use (givennames.txt) are not,
// however close: Lina and Lisa, Jonas and Jonah, Marta and María are two
// people, sisters or a couple on the family's email, where a slip of the
// keyboard seldom makes another name in use; unless they are one name
// spelled two ways (Mark and Marc, Sara and Sarah). Other names are when
// they are a typo apart (typoApart).
func slipApart(a, b string) bool {
	if givenNames()[a] && givenNames()[b] {
		return spellingVariant(a, b)
	}
	return typoApart(a, b)
}

// givenNamesData lists given names in common use (givennames.txt), which
// the name guard reads as names of their own, not slips of each other.
//
//go:embed givennames.txt
var givenNamesData string

// givenNames is givennames.txt's names, folded.
var givenNames = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{}
	for line := range strings.Lines(givenNamesData) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, n := range strings.Fields(line) {
			names[FoldName(n)] = true
		}
	}
	return names
})

// spellingVariant reports whether two folded given names are one name
// spelled two ways: with or without an h (Sara and Sarah, Thomas and Tomas,
// Johanna and Joanna), a letter doubled or not (Philip and Phillip, Ana and
// Anna), c or k, s or z, i or y, v or w (Eric and Erik, Elisabeth and
// Elizabeth, Sylvia and Silvia, Mark and Marc), or ph or f (Philipp and
// Filip). An initial h, z, y or w stays: Hanna and Anna, Sara and Zara are
// two names.
func spellingVariant(a, b string) bool { return spelling(a) == spelling(b) }

// spelling writes a folded name as spellingVariant compares it.
func spelling(s string) string {
	s = transliterated.Replace(s)
	var b strings.Builder
	var last rune
	for i, r := range s {
		switch r {
		case 'h':
			if i > 0 {
				continue
			}
		case 'c':
			r = 'k'
		case 'z':
			if i > 0 { // Sara and Zara stay apart
				r = 's'
			}
		case 'y':
			if i > 0 {
				r = 'i'
			}
		case 'w':
			if i > 0 {
				r = 'v'
			}
		}
		if r != last {
			b.WriteRune(r)
		}
		last = r
	}
	return b.String()
}

// wordsAgree reports whether each word of one compound given name is the
// other's word at its place, its initial, a short form of it, a slip of it,
// the same with a feminine ending (Ann, Anne), or it cut short from four
// letters on (Anne-Laur for Anne-Laure: the other word gives the gender).
func wordsAgree(a, b []string) bool {
	for i := range a {
		x, y := a[i], b[i]
		if len(x) > len(y) {
			x, y = y, x
		}
		switch {
		case x == y:
		case x[0] != y[0]:
			return false
		case len(x) == 1: // an initial
		case !shortFormPair(x, y) && !slipApart(x, y) && !spelledOtherwise(x, y) && !(len(x) >= 4 && strings.HasPrefix(y, x)): // Anne-Laur
			return false
		}
	}
	return true
}

// compoundSlip reports whether two compound given names of as many words
// are one with a slip in one word: one letter changed, added, dropped or
// two swapped in the whole, in a word of five letters or more (Jean-lCaude,
// Marie-eosée) or leaving one with no vowel (Jean-Mrc). Not when both words
// are names in use (givennames.txt): Marie-Line and Marie-Lise, Jan-Marc and
// Jean-Marc are two people; nor a syllable of a Korean name a letter from
// another (Min-jun and Min-jung, Seo-yeon and Seo-yoon).
func compoundSlip(a, b []string) bool {
	differ := -1
	for i := range a {
		if a[i] != b[i] {
			if differ >= 0 {
				return false
			}
			differ = i
		}
	}
	if differ < 0 || givenNames()[a[differ]] && givenNames()[b[differ]] {
		return false
	}
	x, y := a[differ], b[differ]
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(y) < 5 && strings.ContainsAny(x, "aeiouy") {
		return false
	}
	return EditDistance(strings.Join(a, ""), strings.Join(b, "")) == 1
}

// transliterated writes one way the sounds that transliterations and
// spellings of one name write two ways: Sanjeev and Sanjiv, Pooja and Puja,
// Stephan and Stefan, Ralph and Ralf, Maksim and Maxim, Oksana and Oxana.
// Two names of four letters or more that read the same once so written
// are one name to the name guard.
var transliterated = strings.NewReplacer("ph", "f", "ks", "x", "ee", "i", "oo", "u", "ck", "k")

// typoApart reports whether two folded first names are one typo apart
// for the name guard: one edit, or two for names of eight letters or
// more, in names of four letters or more. Not when the first letters
// differ (people seldom mistype their initial, and Gary / Mary, Ling /
// Jing, Sean / Jean are two people) unless, in a longer name, they sound
// alike (Yvonne / Ivonne); nor, in a four-letter name, the last letter or
// a vowel changed for another (Mark / Mary, Liam / Lian, Jean / Joan,
// Yuki / Yuko, Lena / Lina): that is how short names differ, so a typo
// there is as likely another name, and taking two people for one renames
// a profile with no review, where taking a typo for another person only
// opens one. A consonant changed inside (Emna for Emma) is a typo.
func typoApart(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	shorter := min(len(ra), len(rb))
	if shorter < 4 || ra[0] != rb[0] && (shorter == 4 || !sameInitialSound(ra[0], rb[0])) {
		return false
	}
	if shorter == 4 && len(ra) == len(rb) {
		if i := onlyDifference(ra, rb); i >= 0 && (i == len(ra)-1 || isVowel(ra[i]) && isVowel(rb[i])) {
			return false
		}
	}
	limit := 1
	if shorter >= 8 {
		limit = 2
	}
	return EditDistance(a, b) <= limit
}

// sameInitialSound reports whether two folded initials are one letter or
// two spellings of one sound at the start of a name: Carl / Karl, Ivonne /
// Yvonne, Sofia / Zofia, Viktor / Wiktor.
func sameInitialSound(x, y rune) bool {
	if x > y {
		x, y = y, x
	}
	return x == y || x == 'c' && y == 'k' || x == 'i' && y == 'y' || x == 's' && y == 'z' || x == 'v' && y == 'w'
}

// isVowel reports whether a folded letter is a vowel (y counts).
func isVowel(r rune) bool { return strings.ContainsRune("aeiouy", r) }

// onlyDifference is the one position at which two names of one length
// differ, or -1 when they differ at none or at several.
func onlyDifference(a, b []rune) int {
	at := -1
	for i := range a {
		if a[i] != b[i] {
			if at >= 0 {
				return -1
			}
			at = i
		}
	}
	return at
}

// surnameSaysAnother reports whether a booking and a profile that the
// first names cannot tell apart, because one of them gives none or only
// an initial, are two people by their surnames: both given and unlike
// (LevelDifferent: not equal, one slip or one sound apart, a word of the
// other, nor the same words in another order). With no first name to
// compare, the surname is the only name left to guard: a profile filed as
// "Dupont" alone is not renamed Marie Martin by a booking on the family's
// email. An initial is a first name that agrees with a whole household:
// E. Van den Berg on the family's email is not Eva De Jong married, and
// the marriage a new surname beside agreeing first names reads as needs
// first names that say more than a letter, and more than two letters
// apart: Shafiqul Khan on his brother Shahidul Sarker's profile is not one
// man who married and mistyped two letters of his name (slippedTwice).
func surnameSaysAnother(first, last, profileFirst, profileLast string) bool {
	if x, y := givenName(first), givenName(profileFirst); x.folded != "" && y.folded != "" && !onlyInitials(x) && !onlyInitials(y) &&
		!slippedTwice(x, y) {
		return false
	}
	return compareNames(newNameValue(last), newNameValue(profileLast), false) == LevelDifferent
}

// slippedTwice reports whether two first names are a slip apart
// (LevelTypo) only by two letters or more, and sound and spell otherwise:
// Shafiqul and Shahidul, not Stefanie and Stéphanie.
func slippedTwice(a, b nameValue) bool {
	return compareNames(a, b, true) == LevelTypo && EditDistance(a.folded, b.folded) >= 2 &&
		nameCode(a) != nameCode(b) && !spellingVariant(a.folded, b.folded) && !spelledOtherwise(a.folded, b.folded)
}

// onlyInitials reports whether a given name is an initial or initials
// alone: E., J.-P., JP.
func onlyInitials(v nameValue) bool {
	return utf8.RuneCountInString(v.folded) == 1 || initialsOnly(v.words)
}

// surnamesOfTwoGenders reports whether two surnames say a woman and a man
// of one family: Kaur and Singh, which Sikh women and men take whatever
// their family's name (Harpreet Kaur and Harpreet Singh, a couple sharing
// an email, and many Punjabi given names are both a woman's and a man's).
// Either may stand beside the family's name (Harpreet Kaur Gill). And an
// Icelandic daughter's -dóttir against a son's -son, whatever the
// father's name before them: Sigríður Jónsdóttir and Sigurður Helgason, a
// couple of two names a slip apart.
func surnamesOfTwoGenders(a, b string) bool {
	x, _ := nameCore(a)
	y, _ := nameCore(b)
	kaur := func(w []string) bool { return slices.Contains(w, "kaur") && !slices.Contains(w, "singh") }
	singh := func(w []string) bool { return slices.Contains(w, "singh") && !slices.Contains(w, "kaur") }
	daughter := func(w []string) bool {
		return slices.ContainsFunc(w, func(s string) bool { return strings.HasSuffix(s, "dottir") })
	}
	son := func(w []string) bool {
		return !daughter(w) && slices.ContainsFunc(w, func(s string) bool { return strings.HasSuffix(s, "son") })
	}
	return kaur(x) && singh(y) || singh(x) && kaur(y) ||
		daughter(x) && son(y) || son(x) && daughter(y) // Helga Kristjánsdóttir, Helgi Kristjánsson
}

// surnameWordReplaced reports whether two surnames of two words or more
// share a word and each has a word that the other lacks, not even by a
// slip or an initial: María Martín Soto and María Martín Serrano, Ana
// García Vázquez and Ana García García, whose second surnames (their
// mothers') say two women of one common name. A word left out (García for
// García Vázquez, Smith for Smith-Jones), the words in another order, a
// slip (Martín Sotto, Día Fernández) or an initial (Martín S.) is not
// one; nor are the small words between (de la Torre, dos Santos, van der
// Berg).
func surnameWordReplaced(a, b string) bool {
	x, y := surnameWords(a), surnameWords(b)
	if len(x) < 2 || len(y) < 2 {
		return false
	}
	// Pair the words off, the equal ones first, then those a slip or an
	// initial apart, or spoken alike; x's paired words are blanked, y's
	// marked used.
	used := make([]bool, len(y))
	shared := false
	for _, alike := range []func(v, w string) bool{
		func(v, w string) bool { return v == w },
		func(v, w string) bool {
			return len(v) == 1 && v[0] == w[0] || len(w) == 1 && w[0] == v[0] ||
				min(len(v), len(w)) >= 3 && EditDistance(v, w) <= 1+min(len(v), len(w))/8 ||
				// Al-Balushi and Al-Bloushi: one name spelled two ways,
				// two letters apart and spoken alike.
				min(len(v), len(w)) >= 5 && EditDistance(v, w) <= 2 && PhoneticCode(v) == PhoneticCode(w)
		},
	} {
		for i := range x {
			for j := range y {
				if x[i] != "" && !used[j] && alike(x[i], y[j]) {
					used[j], x[i], shared = true, "", true
					break
				}
			}
		}
	}
	leftInX := slices.ContainsFunc(x, func(v string) bool { return v != "" })
	return shared && leftInX && slices.Contains(used, false)
}

// surnameWords are a surname's words without title and generation, its
// particles (withoutSurnameParticles) and the small words that join a
// Spanish or Catalan one's parts (de la Torre, García y López), or say
// whose child a Malay is (bin, binte, bte, bt: Siti Khadijah Bte Ibrahim
// is Bt Ibrahim).
func surnameWords(s string) []string {
	if strings.ContainsAny(s, "'’ʼ‘`") {
		s = innerApostrophes.ReplaceAllString(s, "$1$2")
	}
	words, _ := nameCore(s)
	words = slices.DeleteFunc(slices.Clone(withoutSurnameParticles(words)), func(w string) bool { return surnameJoiners[w] || childOfWords[w] })
	for i, w := range words {
		if latinArabicArticles[w] {
			// El Amrani and Al Amrani, All-Enezi: the Arabic article, as
			// French and English records write it, or a keyboard doubles it.
			words[i] = "al"
		}
	}
	return words
}

// latinArabicArticles are the Arabic article al as English and French
// records write it, and as a keyboard doubles it.
var latinArabicArticles = setOf("al", "el", "all")

// innerApostrophes are the apostrophes within a word of Arabic written in
// Latin letters, for the letter ayn or a hamza (Al-Sa'adi, Ma'ruf), which
// a record writes or leaves out: Sa'adi is Saadi. One letter before it is
// an Irish or a French particle (O'Brien, D'Angelo), and stays a word.
var innerApostrophes = regexp.MustCompile(`(\pL{2,})['’ʼ‘` + "`" + `](\pL{2,})`)

var surnameJoiners = setOf("de", "del", "la", "las", "los", "y", "i")

// childOfWords are the Malay bin and binti (son or daughter of) and their
// abbreviations, folded, which say whose child a customer is, not who:
// a/l, a/p, s/o and d/o read as them (childOfWritten).
var childOfWords = setOf("bin", "binti", "binte", "bte", "bt", "bint")

// SameNameOtherwise reports whether a booking's first name and surname
// are a profile's written with their words in other boxes or another
// order: all of them in one box (Tan Mei Ling for Mei Ling / Tan), the
// family name first or last (Nguyen Thi Lan for Lan / Nguyen Thi), a
// middle name moved (Huong / Tran Thu for Thu Huong / Tran), the words
// run together or apart (Meiling Tan for Mei Ling / Tan), a Malay's bin
// or binti written or not (childOfWords). The letters of
// the whole name, with the surname first or last on each side, are the
// same, or its words are, two at least. Nothing may be left out or added
// but, in a region whose Chinese customers go by an English name too
// (englishNames), one word beside three or more that are the same (Amanda
// / Sim Pei Shan for Sim Pei Shan). In a region whose names are chains of
// given names (nameChains), the words must keep their order: Mohamed
// Hamdy is the father of Hamdy / Mohamed, and Ibrahim / El-Sayed the
// father of Deena / Ibrahim El-Sayed. Titles and generations written
// before a name are left aside (untitled: Vida Nóra for dr. Nóra / Vida).
func SameNameOtherwise(first, last, profileFirst, profileLast, region string) bool {
	first, last, profileFirst, profileLast = untitled(first), untitled(last), untitled(profileFirst), untitled(profileLast)
	a, b := withoutPatronymics(nameWords(first+" "+last)), withoutPatronymics(nameWords(profileFirst+" "+profileLast))
	isChildOf := func(w string) bool { return childOfWords[w] }
	a, b = slices.DeleteFunc(a, isChildOf), slices.DeleteFunc(b, isChildOf) // Rajesh a/l Subramaniam for Rajesh / Subramaniam
	if len(a) < 2 && len(b) < 2 {
		return false
	}
	region = strings.ToUpper(region)
	if nameChains[region] {
		return FoldName(first+last) == FoldName(profileFirst+profileLast)
	}
	ys := []string{FoldName(profileFirst + profileLast), FoldName(profileLast + profileFirst)}
	xs := []string{FoldName(first + last), FoldName(last + first)}
	if slices.Contains(ys, xs[0]) || slices.Contains(ys, xs[1]) || sameWords(a, b, region) {
		return true
	}
	// Laura Müller for Laura / Mueller, Михайлова Полина for Polina /
	// Mikhaylova: the same letters once an umlaut written out and, where
	// one record writes Cyrillic letters and the other Latin ones, or in a
	// tenant whose customers' names are Cyrillic ones (Korolev Alexandr for
	// Aleksandr / Korolyov in Russia), the name's transliterations are read
	// alike (spelledAlike). Jan and Ian in a Dutch tenant stay two names.
	cyrillic := cyrillicNames[region] ||
		strings.ContainsFunc(first+last, isCyrillic) != strings.ContainsFunc(profileFirst+profileLast, isCyrillic)
	if !writesUmlauts(xs[0]+ys[0]) && !(cyrillic && spellingsDiffer(xs[0]+ys[0])) {
		return false
	}
	for _, w := range [][]string{xs, ys, a, b} {
		for i := range w {
			w[i] = spelledAlike(w[i], cyrillic)
		}
	}
	return slices.Contains(ys, xs[0]) || slices.Contains(ys, xs[1]) || sameWords(a, b, region)
}

// sameWords is SameNameOtherwise's comparison of the names' words, in any
// order (sorted in place): the same words, two at least, or in a region of
// englishNames one word beside three or more that are the same.
func sameWords(a, b []string, region string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	slices.Sort(a)
	slices.Sort(b)
	switch len(b) - len(a) {
	case 0:
		return len(a) >= 2 && slices.Equal(a, b)
	case 1:
		return englishNames[region] && len(a) >= 3 && allIn(a, b)
	}
	return false
}

// cyrillicNames are the regions whose customers' names are written in
// Cyrillic letters at home and transliterated one way or another
// elsewhere: Russia, Ukraine, Belarus and Kazakhstan.
var cyrillicNames = setOf("RU", "UA", "BY", "KZ")

// spellingsDiffer reports whether folded names hold letters a Cyrillic
// name's transliterations write otherwise (y, j, x, kh, ii), so that
// SameNameOtherwise compares them again.
func spellingsDiffer(folded string) bool {
	return strings.ContainsAny(folded, "yjx") || strings.Contains(folded, "kh") || strings.Contains(folded, "ii")
}

// spelledAlike is a folded name with its umlauts written out read as
// FoldName leaves them (ReadUmlauts: mueller as muller) and, for a name
// compared across Cyrillic and Latin letters, its transliterations read
// alike (cyrillicLatinKey).
func spelledAlike(folded string, cyrillic bool) string {
	folded = ReadUmlauts(folded)
	if cyrillic {
		folded = cyrillicLatinKey(folded)
	}
	return folded
}

// untitled is a name box without the titles and generations written
// before the name (dr. Nóra, ifj. Kiss), which the box's other words may
// follow into another box (Vida Nóra for dr. Nóra / Vida).
func untitled(s string) string {
	return withoutLeading(s, func(f string) bool {
		_, generation := generationsBefore[f]
		return generation || titles[f] || leadingTitles[f]
	})
}

// withoutLeading is a name box without the words before its last that
// drop says to leave out, folded (untitled, withoutMuhammad).
func withoutLeading(s string, drop func(folded string) bool) string {
	words := strings.Fields(s)
	for len(words) > 1 && drop(FoldName(words[0])) {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// englishNames are the regions whose Chinese customers write an English
// name beside their Chinese one, or not, from one visit to the next:
// Singapore, Malaysia, Brunei, Hong Kong, Macao, Taiwan and China.
var englishNames = setOf("SG", "MY", "BN", "HK", "MO", "TW", "CN")

// nameChains are the regions whose people's names are chains of given
// names: their own, their father's, their grandfather's (Ahmed Mohamed
// Hassan), the family's name sometimes last. A son's name is his father's
// with a name before it, so two records whose words are in another order
// or other boxes may be a father and his son: the Arab countries, Somalia,
// Ethiopia and Eritrea, and Pakistan and Afghanistan, where a son's
// surname box often holds his father's given name (Abbas / Faisal, son of
// Faisal / Abbas). Not Tanzania, whose customers write their surname first
// (HASSAN Daudi) far more often than a son is his father reversed.
var nameChains = setOf("EG", "SA", "AE", "QA", "KW", "BH", "OM", "JO", "LB", "SY", "IQ", "PS", "YE", "SD", "LY",
	"SO", "ET", "ER", "PK", "AF")

// allIn reports whether every word of sorted a is one of sorted b's, each
// word of b used once.
func allIn(a, b []string) bool {
	j := 0
	for _, w := range a {
		for j < len(b) && b[j] < w {
			j++
		}
		if j == len(b) || b[j] != w {
			return false
		}
		j++
	}
	return true
}

// NamesSwapped reports whether a booking's names are a profile's written
// the other way round (first name Martin, surname Sophie for Sophie
// Martin): its first name compatible with the profile's surname and its
// surname with the profile's first name (NamesCompatible), all four
// present.
func NamesSwapped(first, last, profileFirst, profileLast string) bool {
	for _, s := range []string{first, last, profileFirst, profileLast} {
		if foldedCore(s) == "" {
			return false
		}
	}
	if (initialOnly(first) || initialOnly(profileLast)) && (initialOnly(last) || initialOnly(profileFirst)) {
		// B. / Saranya and S / Balaji: each agrees with the other's box
		// by an initial alone, which says nothing of a swap. (Her
		// father's initial is B, his S: a father and his daughter.)
		return false
	}
	return (NamesCompatible(first, profileLast) || oneSurname(first, profileLast)) &&
		(NamesCompatible(last, profileFirst) || oneSurname(last, profileFirst))
}

// initialOnly reports whether a name box holds one letter alone.
func initialOnly(s string) bool { return utf8.RuneCountInString(foldedCore(s)) == 1 }

// oneSurname reports whether two names are one surname with its particles
// written or not (Santos and dos Santos, Berg and van den Berg), or a
// first surname with the second written after it or not (González
// Martínez and González), as a surname moved to the first-name box is
// written.
func oneSurname(a, b string) bool {
	if sameSurnameCore(newNameValue(a).words, newNameValue(b).words) {
		return true
	}
	x, y := surnameWords(a), surnameWords(b)
	if len(x) > len(y) {
		x, y = y, x
	}
	// Smith, John is a whole name: the word after is a given name.
	return len(x) == 1 && len(y) == 2 && x[0] == y[0] && noGivenName(y[1:]) && !strings.Contains(a+b, ",")
}

// givenName reads a given name as NamesCompatible compares it: its folded
// words without title and generation, abbreviations written out
// (givenWords), and those words run together. The guard uses no phonetic
// codes, so none are computed.
func givenName(s string) nameValue {
	words, _ := nameCore(s)
	words = givenWords(words)
	return nameValue{folded: strings.Join(words, ""), words: words, han: hasHan(s)}
}

// genderEndings are endings of a masculine first name and its feminine
// that feminineOf does not read: Mario / Marie, Alexandre / Alexandra,
// Julien / Julie, Aurélien / Aurélie. One letter apart, the typo rule
// would take them for one name.
var genderEndings = [][2]string{{"o", "e"}, {"re", "ra"}, {"ien", "ie"}}

// genderPair reports whether two folded first names are a masculine name
// and its feminine: feminineOf, or an ending of genderEndings on one stem
// of two letters or more.
func genderPair(a, b string) bool {
	return feminineOf(a, b) || endingsPair(a, b, genderEndings)
}

// EditDistance is the optimal string alignment distance between two
// strings, in runes: the letters changed, added or dropped, and two
// neighbouring letters swapped counts as one slip (Tohmas / Thomas), as
// people make them. (matchr's OSA, which the phonetic codes come from,
// counts a swap of the first two letters as two: Ajck and Jack.)
func EditDistance(a, b string) int { return edlib.OSADamerauLevenshteinDistance(a, b) }
