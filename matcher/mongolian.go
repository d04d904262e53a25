package matcher

import (
	"strings"
)

// Mongolian customers write their given name and their father's, the
// name forms ask for as the surname, in Cyrillic letters on one visit
// (Батмөнх / Отгонбаяр) and in Latin ones on another, which spell the
// Cyrillic ones otherwise than Russian (Batmunkh, Batmunx; Javkhlan for
// Жавхлан), the father's name often as an initial before the given name
// (Б.Ганзориг, G. Javhlan) or in the genitive (Otgonbayaryn).

// mongolianSounds are the spellings mongolianKey writes alike, in its
// folded Latin letters: zh and j (Жавхлан, Javkhlan), kh, x and h
// (Batmunkh, Batmunx), ts and c (Цогтбаяр, Tsogtbayar, Cogtbayar), o and
// u (Мөнх, Monkh, Munkh).
var mongolianSounds = strings.NewReplacer("zh", "j", "kh", "h", "x", "h", "ts", "c", "o", "u")

// mongolianKey is a word of a Mongolian name as the guard compares it:
// folded (Cyrillic as Russian writes it), mongolianSounds written alike,
// and a letter written twice as one (Ganbaatar, Ganbatar).
func mongolianKey(w string) string {
	f := mongolianSounds.Replace(FoldName(w))
	b := make([]byte, 0, len(f))
	for i := 0; i < len(f); i++ {
		if n := len(b); n > 0 && b[n-1] == f[i] {
			continue
		}
		b = append(b, f[i])
	}
	return string(b)
}

// mongolianNames reads a record's boxes as the guard compares them in
// Mongolia: each word keyed (mongolianKey), a hyphenated name as one
// (Бат-Эрдэнэ, Baterdene), a father's name in the genitive without its
// ending (Otgonbayaryn), and an initial written before a given name in
// the first box (Б.Ганзориг) moved to the surname box, where the
// father's name is, as is the rest of a whole name in the first box after
// its first word (Отгонбаяр Энхболд).
func mongolianNames(first, last string) (string, string) {
	words := func(s string) (full, initials []string) {
		s = strings.ReplaceAll(s, "-", "")
		for _, w := range strings.FieldsFunc(s, wordBreak) {
			k := mongolianKey(w)
			switch {
			case k == "":
			case len([]rune(w)) == 1:
				initials = append(initials, k)
			default:
				for _, end := range []string{"yn", "iin"} {
					if t, ok := strings.CutSuffix(k, end); ok && len(t) >= 5 {
						k = t
						break
					}
				}
				full = append(full, k)
			}
		}
		return full, initials
	}
	f, fi := words(first)
	l, li := words(last)
	if len(f) > 0 && len(fi) > 0 {
		// Б.Ганзориг: the father's initial, before the given name.
		li = append(fi, li...)
		fi = nil
	}
	if len(f) > 1 && len(l) == 0 && len(li) == 0 {
		// Отгонбаяр Энхболд in one box: the given name, then the
		// father's (Narantsetseg Bat Erdene).
		f, l = f[:1], []string{strings.Join(f[1:], "")}
	}
	return strings.Join(append(f, fi...), " "), strings.Join(append(l, li...), " ")
}

// mongolianRead returns the names as mongolianNames reads them, a
// father's name written as an initial on one side (Б. for Bilguun) as the
// other side writes it in full where it begins so, and whether that reads
// any otherwise.
func (g guardNames) mongolianRead() (guardNames, bool) {
	r := g
	r.first, r.last = mongolianNames(g.first, g.last)
	r.profileFirst, r.profileLast = mongolianNames(g.profileFirst, g.profileLast)
	initialOf := func(initial, full string) bool {
		return len([]rune(initial)) <= 2 && !strings.Contains(full, " ") && len(full) > len(initial) && strings.HasPrefix(full, initial)
	}
	switch {
	case initialOf(r.last, r.profileLast):
		r.last = r.profileLast
	case initialOf(r.profileLast, r.last):
		r.profileLast = r.last
	}
	return r, r != g
}
