package matcher

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Bulgarians write their names in Cyrillic letters, or in Latin ones as
// their passports do, and give three names: their own, their father's
// (Василев, son of Васил; Иванова, daughter of Иван) and the family's.
// A form that asks for a first name and a surname gets the father's name
// beside either, or not at all, from one visit to the next. The name
// guard reads both (guardNames.readings).

// bulgarianLetters are the Cyrillic letters as Bulgaria's passports write
// them (its 2009 transliteration): ъ is a, щ sht, х h, ц ts, й y, and ь,
// which Bulgarian writes only before о (Вальо), y.
// A word's final ия is ia (България, Bulgaria; Мария, Maria).
var bulgarianLetters = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh", 'з': "z", 'и': "i", 'й': "y",
	'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "h", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "sht", 'ъ': "a", 'ь': "y", 'ю': "yu", 'я': "ya",
}

// bulgarianReading returns s with its Cyrillic letters written as
// Bulgaria's passports write them (bulgarianLetters: Петър is Petar,
// Христова Hristova, Йорданка Yordanka), and whether that reads otherwise
// than FoldName's reading of s: false for a name in Latin letters alone,
// or one with a letter Bulgarian does not write (ы, э, ё, і, ї, є, ґ,
// Serbian's own letters, or ь but before о).
func bulgarianReading(s string) (string, bool) {
	if !strings.ContainsFunc(s, isCyrillic) || strings.ContainsAny(strings.ToLower(s), "ыэёіїєґ"+serbianOnly) {
		return "", false
	}
	s = norm.NFC.String(s) // й as one letter, not и and a breve
	var b strings.Builder
	runes := []rune(s)
	for i, r := range runes {
		lower := unicode.ToLower(r)
		w, ok := bulgarianLetters[lower]
		switch {
		case !ok:
			b.WriteRune(r)
			continue
		case lower == 'ь' && (i+1 == len(runes) || unicode.ToLower(runes[i+1]) != 'о'):
			return "", false // Ольга: Bulgarian writes ь only before о (Вальо)
		case lower == 'я' && i > 0 && unicode.ToLower(runes[i-1]) == 'и' && (i+1 == len(runes) || !unicode.IsLetter(runes[i+1])):
			w = "a" // Мария, Maria
		}
		b.WriteString(w)
	}
	read := b.String()
	return read, FoldName(read) != FoldName(s)
}

// fathersNames returns a first name and surname without the words between
// the name's first and its last that are Bulgarian father's names (a
// given name with -ов, -ев, -ова or -ева: Василев, Иванова, Nikolaeva), as
// Bulgarians write their three names (Мартин Василев Тодоров, Виктория
// Иванова / Георгиева, Ivan / Ivanov Nikolov), and those words, folded.
// A hyphenated surname (Димитрова-Колева) is one word, a woman's two
// surnames.
func fathersNames(first, last string) (string, string, string) {
	f, l := strings.Fields(first), strings.Fields(last)
	n := len(f) + len(l)
	if n < 3 {
		return first, last, ""
	}
	var kept [2][]string
	var fathers []string
	for i, w := range append(slices.Clone(f), l...) {
		if i > 0 && i < n-1 && isFathersName(w) {
			fathers = append(fathers, FoldName(w))
			continue
		}
		box := 0
		if i >= len(f) {
			box = 1
		}
		kept[box] = append(kept[box], w)
	}
	f, l = kept[0], kept[1]
	return strings.Join(f, " "), strings.Join(l, " "), strings.Join(fathers, " ")
}

// isFathersName reports whether a word is shaped as a Bulgarian father's
// name: six letters or more, ending in -ov, -ev, -ova or -eva once folded,
// and no hyphen.
func isFathersName(w string) bool {
	f := FoldName(w)
	return len(f) >= 6 && !strings.Contains(w, "-") &&
		(strings.HasSuffix(f, "ov") || strings.HasSuffix(f, "ev") || strings.HasSuffix(f, "ova") || strings.HasSuffix(f, "eva"))
}

// fathersNameKept reports whether a Bulgarian booking that lands on a
// profile leaves out the father's name the profile holds (Maria / Slavova
// on Maria / Dimitrova Slavova's profile): the profile keeps its names,
// for that name is what tells her from her mother, Maria Hristova
// Slavova, whose booking would otherwise land on it once the update had
// written it away.
func fathersNameKept(region string, c Customer, p Profile) bool {
	if !strings.EqualFold(region, "BG") {
		return false
	}
	_, _, fathers := fathersNames(c.FirstName, c.LastName)
	_, _, profileFathers := fathersNames(p.FirstName, p.LastName)
	return fathers == "" && profileFathers != ""
}
