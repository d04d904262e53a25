package matcher

import (
	"strings"
)

// Azerbaijani customers write their names in Azerbaijani letters on one
// visit (Məmmədov, Xədicə, Rəşad), and on another in ASCII letters as its
// passports write them (Mammadov, Khadija, Rashad), as a keyboard without
// them does (Memmedov, Xedice, Resad), or as Russian writes them (Мамедов,
// Mamedov, Гусейнов for Hüseynov). azerbaijaniKey reads all of them alike.

// azerbaijaniKey is a name as the Azerbaijani guard compares it: folded,
// ə, a and e as one vowel, x and kh as one, c, ç, j, ch and dzh as one, ş,
// sh and s as one, q, k, g, ğ, gh and h as one, ı, y between consonants and
// i as one, yu as u and yo as o after a consonant, iy as i, and a letter
// written twice as once: Məmmədov, Mammadov, Memmedov and Mamedov are
// mamadov; Əliyev and Aliev alav; Cəfərov, Jafarov and Dzhafarov
// jafarov. Words stay apart.
func azerbaijaniKey(s string) string {
	var out []string
	for _, w := range strings.FieldsFunc(s, wordBreak) {
		out = append(out, azerbaijaniWordKey(w))
	}
	return strings.Join(out, " ")
}

// azerbaijaniSounds are the letters and pairs azerbaijaniKey reads as one,
// longest first, ASCII after FoldName.
var azerbaijaniSounds = strings.NewReplacer("dzh", "j", "kh", "x", "ch", "j", "sh", "s", "zh", "j", "gh", "g",
	"c", "j", "q", "g", "k", "g", "h", "g", "e", "a")

// azerbaijaniLetters are the letters azerbaijaniKey reads before
// FoldName, which would write ç as c.
var azerbaijaniLetters = strings.NewReplacer("ç", "j", "ş", "s")

func azerbaijaniWordKey(w string) string {
	f := azerbaijaniSounds.Replace(FoldName(azerbaijaniLetters.Replace(strings.ToLower(w))))
	vowel := func(c byte) bool { return strings.IndexByte("aiou", c) >= 0 }
	b := make([]byte, 0, len(f))
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch {
		case c == 'y' && i > 0 && !vowel(f[i-1]) && i+1 < len(f) && (f[i+1] == 'u' || f[i+1] == 'o'):
			continue // Гюнай, Gyunay: yu after a consonant is u
		case c == 'y' && i > 0 && !vowel(f[i-1]) && (i+1 == len(f) || !vowel(f[i+1])):
			c = 'i' // Гасымов, Gasymov: ы as y
		case c == 'y' && i > 0 && f[i-1] == 'i':
			continue // Əliyev, Aliev
		}
		if n := len(b); n > 0 && b[n-1] == c {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// azerbaijaniRead returns the names as azerbaijaniKey reads them, and
// whether that reads any otherwise: the guard compares them so in
// Azerbaijan too.
func (g guardNames) azerbaijaniRead() (guardNames, bool) {
	r := g
	r.first, r.last = azerbaijaniKey(g.first), azerbaijaniKey(g.last)
	r.profileFirst, r.profileLast = azerbaijaniKey(g.profileFirst), azerbaijaniKey(g.profileLast)
	return r, r != g
}
