package matcher

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Greek customers write their names in Greek letters (Γιώργος
// Παπαδόπουλος) on one visit and in Latin letters (Giorgos Papadopoulos)
// on another. greekRead writes Greek letters as the Latin ones a Greek
// passport holds (ELOT 743): each letter alone (η is i, υ y, ω o, χ ch, θ
// th, ψ ps), ου as ou, αυ and ευ as av and ev (af and ef before a
// voiceless consonant: Ευστάθιος is Efstathios), γγ as ng (Αγγελική is
// Angeliki), and μπ and ντ at the head of a word as b and d, as everyone
// writes them (Μπάμπης is Bampis, Ντίνα Dina). Accents (tonos) fall;
// a diaeresis keeps two vowels apart (Ευΐα, Μαΐου).

// greekLetters are the Greek letters each alone, lower case, accents off.
var greekLetters = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th", 'ι': "i", 'κ': "k",
	'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t",
	'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o",
}

// diaeresis is the combining mark of ϊ and ϋ.
const diaeresis = '\u0308'

// greekVoiceless are the consonants before which αυ and ευ read af and ef.
const greekVoiceless = "θκξπστφχψς"

// isGreek reports whether r is a letter of the Greek alphabet, accented
// or not.
func isGreek(r rune) bool { return r >= 0x0370 && r <= 0x03FF || r >= 0x1F00 && r <= 0x1FFF }

// hasGreek reports whether s holds a Greek letter.
func hasGreek(s string) bool { return strings.ContainsFunc(s, isGreek) }

// greekRead writes the Greek letters of s in Latin letters and leaves the
// rest as it is.
func greekRead(s string) string {
	type letter struct {
		r     rune
		apart bool // a diaeresis: not one sound with the vowel before
	}
	var word []letter
	var b strings.Builder
	flush := func() {
		for i := 0; i < len(word); i++ {
			c, next, apart := word[i].r, rune(0), false
			if i+1 < len(word) {
				next, apart = word[i+1].r, word[i+1].apart
			}
			switch {
			case c == 'ο' && next == 'υ' && !apart:
				b.WriteString("ou")
				i++
			case (c == 'α' || c == 'ε' || c == 'η') && next == 'υ' && !apart:
				b.WriteString(greekLetters[c])
				if i+2 >= len(word) || strings.ContainsRune(greekVoiceless, word[i+2].r) {
					b.WriteByte('f')
				} else {
					b.WriteByte('v')
				}
				i++
			case c == 'γ' && (next == 'γ' || next == 'ξ' || next == 'χ'):
				b.WriteByte('n') // the first γ of γγ, γξ, γχ is said n
			case i == 0 && c == 'μ' && next == 'π':
				b.WriteByte('b')
				i++
			case i == 0 && c == 'ν' && next == 'τ':
				b.WriteByte('d')
				i++
			default:
				b.WriteString(greekLetters[c])
			}
		}
		word = word[:0]
	}
	for _, r := range norm.NFD.String(s) {
		switch lower := unicode.ToLower(r); {
		case r == diaeresis && len(word) > 0:
			word[len(word)-1].apart = true
		case unicode.Is(unicode.Mn, r):
			// an accent: drop it
		case greekLetters[lower] != "":
			word = append(word, letter{r: lower})
		default:
			flush()
			b.WriteRune(r)
		}
	}
	flush()
	return b.String()
}
