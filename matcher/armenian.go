package matcher

import (
	"strings"
	"unicode"
)

// Armenian customers write their names in Armenian letters (Արամ
// Պետրոսյան) on one visit and in Latin letters (Aram Petrosyan) on
// another. armenianRead writes Armenian letters as an Armenian passport
// writes them in Latin letters: each letter alone (խ is kh, ղ gh, ժ zh, ծ
// ts, ջ j), the aspirated consonants as the plain ones (թ is t, փ p, ք
// k), ու as u, and ե and ո at the head of a word as ye and vo, as they are
// said there (Երեմյան is Yeremyan, Ոսկան Voskan); և is ev, yev at the head
// of a word.

// armenianLetters are the Armenian letters each alone, lower case.
var armenianLetters = map[rune]string{
	'ա': "a", 'բ': "b", 'գ': "g", 'դ': "d", 'ե': "e", 'զ': "z", 'է': "e", 'ը': "y", 'թ': "t", 'ժ': "zh",
	'ի': "i", 'լ': "l", 'խ': "kh", 'ծ': "ts", 'կ': "k", 'հ': "h", 'ձ': "dz", 'ղ': "gh", 'ճ': "ch", 'մ': "m",
	'յ': "y", 'ն': "n", 'շ': "sh", 'ո': "o", 'չ': "ch", 'պ': "p", 'ջ': "j", 'ռ': "r", 'ս': "s", 'վ': "v",
	'տ': "t", 'ր': "r", 'ց': "ts", 'ւ': "v", 'փ': "p", 'ք': "k", 'օ': "o", 'ֆ': "f", 'և': "ev",
}

// isArmenian reports whether r is a letter of the Armenian alphabet.
func isArmenian(r rune) bool { return r >= 0x0531 && r <= 0x058A || r >= 0xFB13 && r <= 0xFB17 }

// hasArmenian reports whether s holds an Armenian letter.
func hasArmenian(s string) bool { return strings.ContainsFunc(s, isArmenian) }

// armenianRead writes the Armenian letters of s in Latin letters and
// leaves the rest as it is.
func armenianRead(s string) string {
	var b strings.Builder
	head := true // at the head of a word
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		c := unicode.ToLower(rs[i])
		w, ok := armenianLetters[c]
		if !ok {
			b.WriteRune(rs[i])
			head = !unicode.IsLetter(rs[i])
			continue
		}
		switch {
		case c == 'ո' && i+1 < len(rs) && unicode.ToLower(rs[i+1]) == 'ւ':
			w = "u"
			i++
		case head && c == 'ե':
			w = "ye"
		case head && c == 'ո':
			w = "vo"
		case head && c == 'և':
			w = "yev"
		}
		b.WriteString(w)
		head = false
	}
	return b.String()
}
