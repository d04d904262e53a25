package matcher

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Serbs write their names in Cyrillic letters on one visit and in Latin
// ones on the next, and the two alphabets are one letter for one letter
// (Гај's Latin alphabet): Милица Јовановић is Milica Jovanović, Живковић
// Živković, Ђорђе Đorđe, Хаџић Hadžić. FoldName reads Cyrillic as Russian
// customers write it (ц is ts, ж zh, ш sh, х kh), so the name guard reads
// a name in Cyrillic letters the Serbian way as well when the other record
// writes it in Latin ones (serbianReading), as Montenegro's, Bosnia's and
// North Macedonia's customers write theirs. Without its marks, đ is typed
// d or dj (Dorde, Djordje): the guard reads a name holding it both ways
// (djReading).

// serbianLetters are the Cyrillic letters as Serbian's Latin alphabet
// writes them, and North Macedonia's own (ѓ, ѕ, ќ) as its does.
var serbianLetters = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'ђ': "đ", 'е': "e", 'ж': "ž", 'з': "z", 'и': "i",
	'ј': "j", 'к': "k", 'л': "l", 'љ': "lj", 'м': "m", 'н': "n", 'њ': "nj", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'ћ': "ć", 'у': "u", 'ф': "f", 'х': "h", 'ц': "c", 'ч': "č", 'џ': "dž", 'ш': "š",
	'ѓ': "ǵ", 'ѕ': "dz", 'ќ': "ḱ",
}

// notSerbian are the Cyrillic letters neither Serbian nor Macedonian
// writes: a name that holds one is Russian, Ukrainian, Bulgarian or
// another language's.
const notSerbian = "йщьъыэёюяєїіґ"

// serbianReading returns s with its Cyrillic letters written in Serbian's
// Latin alphabet (serbianLetters: Милица is Milica, Живковић Živković),
// and whether that reads otherwise than FoldName's reading of s: false for
// a name in Latin letters alone, or one with a letter Serbian does not
// write (notSerbian).
func serbianReading(s string) (string, bool) {
	if !strings.ContainsFunc(s, isCyrillic) || strings.ContainsAny(strings.ToLower(s), notSerbian) {
		return "", false
	}
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		if w, ok := serbianLetters[unicode.ToLower(r)]; ok {
			b.WriteString(w)
			continue
		}
		b.WriteRune(r)
	}
	read := b.String()
	return read, FoldName(read) != FoldName(s)
}

// djReading returns s with its đ written dj, as a keyboard without the
// letter types it (Đorđe, Djordje), and whether s holds one.
func djReading(s string) (string, bool) {
	if !strings.ContainsAny(s, "đĐ") {
		return "", false
	}
	return strings.NewReplacer("đ", "dj", "Đ", "Dj").Replace(s), true
}
