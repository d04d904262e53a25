package matcher

import (
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

// serbianOnly are the Cyrillic letters Serbian and Macedonian write and
// Russian, Ukrainian and Bulgarian do not: a name that holds one is read
// as Serbian's Latin alphabet writes it (serbianReading), not as theirs.
const serbianOnly = "ђјљњћџѓѕќ"

// ukrainianReading returns s with its Cyrillic letters written as
// Ukraine's passports write them, and whether that reads otherwise than
// FoldName's reading of s: false for a name in Latin letters alone, or
// one with a letter only Russian (or Serbian) writes. The apostrophe of Мар'яна is
// dropped, as the transliteration drops it.
func ukrainianReading(s string) (string, bool) {
	if !strings.ContainsFunc(s, isCyrillic) || strings.ContainsAny(strings.ToLower(s), russianOnly+serbianOnly) {
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
