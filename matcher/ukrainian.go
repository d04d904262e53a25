package matcher

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// A name in Cyrillic letters folds as Russian customers write theirs in
// Latin letters (lettersApart: Ольга is olga, Олег oleg). Ukrainians
// write theirs as Ukraine's passports do (its 2010 transliteration): г is
// h, и is y, and є, ї, й, ю, я are ye, yi, y, yu, ya at the head of a
// word and ie, i, i, iu, ia inside it. So Ольга is Olha, Олег Oleh,
// Галина Halyna, Гончаренко Honcharenko, Юлія Yuliia. The name guard
// reads a name in Cyrillic letters both ways when the other record writes
// it in Latin ones (ukrainianReading).

// ukrainianLetters are the Cyrillic letters as Ukraine's passports write
// them inside a word; ukrainianInitials those written otherwise at its
// head.
var (
	ukrainianLetters = map[rune]string{
		'а': "a", 'б': "b", 'в': "v", 'г': "h", 'ґ': "g", 'д': "d", 'е': "e", 'є': "ie", 'ж': "zh", 'з': "z",
		'и': "y", 'і': "i", 'ї': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p",
		'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
		'ь': "", 'ю': "iu", 'я': "ia",
	}
	ukrainianInitials = map[rune]string{'є': "ye", 'ї': "yi", 'й': "y", 'ю': "yu", 'я': "ya"}
)

// russianOnly are the Cyrillic letters Ukrainian does not write: a name
// that holds one is Russian (or Belarusian, Bulgarian…), and read as such.
const russianOnly = "ыэёъ"

// ukrainianReading returns s with its Cyrillic letters written as
// Ukraine's passports write them, and whether that reads otherwise than
// FoldName's reading of s: false for a name in Latin letters alone, or
// one with a letter only Russian writes. The apostrophe of Мар'яна is
// dropped, as the transliteration drops it.
func ukrainianReading(s string) (string, bool) {
	if !strings.ContainsFunc(s, isCyrillic) || strings.ContainsAny(strings.ToLower(s), russianOnly) {
		return "", false
	}
	s = norm.NFC.String(s) // й as one letter, not и and a breve
	var b strings.Builder
	head := true // at the head of a word
	for _, r := range s {
		lower := unicode.ToLower(r)
		w, ok := ukrainianLetters[lower]
		if !ok {
			if r == '\'' || r == '’' || r == 'ʼ' {
				continue
			}
			b.WriteRune(r)
			head = !unicode.IsLetter(r)
			continue
		}
		if i, ok := ukrainianInitials[lower]; ok && head {
			w = i
		}
		b.WriteString(w)
		head = false
	}
	read := b.String()
	return read, FoldName(read) != FoldName(s)
}

// ukrainianLine is a Ukrainian address's line or town in Latin letters
// as Ukraine writes them (ukrainianReading: вул. Велика Васильківська is
// vul. Velyka Vasylkivska, Київ Kyiv), or the line as it is.
func ukrainianLine(s string) string {
	if r, ok := ukrainianReading(s); ok {
		return r
	}
	return s
}

// isCyrillic reports whether r is a letter of the Cyrillic alphabet.
func isCyrillic(r rune) bool { return r >= 0x0400 && r <= 0x04FF }

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
	switch {
	case NamesCompatible(g.first, g.profileFirst):
		return !surnameSaysAnother(g.first, g.last, g.profileFirst, g.profileLast), false, false
	case NamesSwapped(g.first, g.last, g.profileFirst, g.profileLast):
		if nameChains[strings.ToUpper(g.region)] && !sameBirthDate(g.birth, g.profileBirth) {
			return false, false, false
		}
		return true, true, false
	case SameNameOtherwise(g.first, g.last, g.profileFirst, g.profileLast, g.region):
		return true, false, true
	case givenNameDropped(g.first, g.profileFirst) && g.birth == g.profileBirth && sameBirthDate(g.birth, g.profileBirth):
		// Margaret for Margaret Nduta, born the same day: a Kenyan's
		// African name, a second given name, left out on one visit. Without
		// the date it may be her mother, Margaret Wanjiku.
		return !surnameSaysAnother(g.first, g.last, g.profileFirst, g.profileLast), false, false
	}
	return false, false, false
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
// a slip apart at most: both given, and not two people's.
func sameBirthDate(a, b string) bool {
	l := compareBirthDates(a, b)
	return l != LevelMissing && l != LevelDifferent && ValidBirthDate(a) && ValidBirthDate(b)
}

// read returns the first reading of the names that agree: as written, or,
// when one record writes its names in Cyrillic letters and the other in
// Latin ones, the Cyrillic ones read as Ukraine's passports write them
// (ukrainianReading: Ольга / Olha). ok is false when neither agrees.
func (g guardNames) read() (read guardNames, swapped, otherwise, ok bool) {
	if agree, swapped, otherwise := g.agree(); agree {
		return g, swapped, otherwise, true
	}
	booking, profile := strings.ContainsFunc(g.first+g.last, isCyrillic), strings.ContainsFunc(g.profileFirst+g.profileLast, isCyrillic)
	if booking == profile {
		return g, false, false, false
	}
	other := g
	names := []*string{&other.first, &other.last}
	if profile {
		names = []*string{&other.profileFirst, &other.profileLast}
	}
	changed := false
	for _, n := range names {
		if r, ok := ukrainianReading(*n); ok {
			*n, changed = r, true
		}
	}
	if !changed {
		return g, false, false, false
	}
	agree, swapped, otherwise := other.agree()
	return other, swapped, otherwise, agree
}
