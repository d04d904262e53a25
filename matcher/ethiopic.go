package matcher

import (
	"strings"
	"unicode"
)

// Ethiopian and Eritrean customers write their names in the Ethiopic
// script on one visit (አበበ ቢቂላ) and in Latin letters on another (Abebe
// Bikila). Each of the script's letters is a consonant and a vowel, its
// order: ä, u, i, a, e, ə (or none), o, and wa for the eighth. Latin
// spellings write ä as e (as a after h and at the head of a name: Abebe,
// Habtamu), ə as i or as nothing (Tigist for ትግስት, Mesfin for መስፍን),
// and a consonant said twice, which the script writes once, as one or two
// letters (Yohannes, Yohanes for ዮሐንስ). FoldName reads the script as the
// commonest Latin spelling writes it (ethiopicRead: ትግስት is tigst,
// ተስፋዬ tesfaye); the name guard compares the script and a Latin spelling
// as sameEthiopicName says.

// ethiopicConsonants are the consonants of the script's series, in the
// order of their letters (eight a series from U+1200), as Latin spellings
// write them: "" for the glottal and pharyngeal series (አ, ዐ), which write
// a vowel alone. A series ending in "w" is a labialised one, whose letters
// are laid out otherwise (ኳ is kwa).
var ethiopicConsonants = []string{
	"h", "l", "h", "m", "s", "r", "s", "sh", "k", "kw", "k", "kw", "b", "v", "t", "ch",
	"h", "hw", "n", "ny", "", "k", "kw", "kh", "khw", "w", "", "z", "zh", "y", "d", "d",
	"j", "g", "gw", "g", "t", "ch", "p", "ts", "ts", "f", "p",
}

// ethiopicOrders are the vowels of a series' eight letters as Latin
// spellings write them: ä as e, ə as nothing.
var ethiopicOrders = [8]string{"e", "u", "i", "a", "e", "", "o", "wa"}

// labialisedOrders are a labialised series' vowels: its first, third to
// sixth letters (ቈ, ቊ, ቋ, ቌ, ቍ), the others unused.
var labialisedOrders = [8]string{"e", "", "i", "a", "e", "", "", ""}

// ethiopicLetter is a letter of the script: its consonant as Latin
// spellings write it, its order, and whether it is one.
func ethiopicLetter(r rune) (consonant string, order int, ok bool) {
	if r < 0x1200 || r >= 0x1200+rune(8*len(ethiopicConsonants)) {
		return "", 0, false
	}
	i := int(r - 0x1200)
	return ethiopicConsonants[i/8], i % 8, true
}

// isEthiopic reports whether r is a letter of the Ethiopic script.
func isEthiopic(r rune) bool {
	return r >= 0x1200 && r <= 0x137F || r >= 0x2D80 && r <= 0x2DDF || r >= 0xAB00 && r <= 0xAB2F
}

// hasEthiopic reports whether s holds a letter of the Ethiopic script.
func hasEthiopic(s string) bool { return strings.ContainsFunc(s, isEthiopic) }

// laryngeal reports whether a consonant is one after which Latin
// spellings write ä as a (Habtamu, Abebe), and w, after which they write
// it o (Wolde, Worku).
func laryngeal(consonant string) bool { return consonant == "" || consonant == "h" }

// ethiopicVowel is the vowel of a letter of consonant's series at order,
// as Latin spellings commonly write it.
func ethiopicVowel(consonant string, order int) string {
	switch {
	case strings.HasSuffix(consonant, "w") && consonant != "w":
		return labialisedOrders[order]
	case order == 0 && laryngeal(consonant):
		return "a"
	case order == 0 && consonant == "w":
		return "o"
	case order == 5 && consonant == "":
		return "e" // እ, ዕ: Eshetu, Endale
	}
	return ethiopicOrders[order]
}

// ethiopicRead writes the Ethiopic letters of s in Latin letters, as the
// commonest spelling writes them (above), a word's first consonant with
// no vowel of its own with an i (ግርማ is girma), and its word separators
// (፡, ፣) as spaces; the rest stays as it is.
func ethiopicRead(s string) string {
	var b strings.Builder
	head := true
	for _, r := range s {
		c, order, ok := ethiopicLetter(r)
		if !ok {
			if r == '፡' || r == '፣' || r == '፤' || r == '።' {
				r = ' '
			}
			b.WriteRune(r)
			head = !unicode.IsLetter(r)
			continue
		}
		v := ethiopicVowel(c, order)
		if head && v == "" && c != "" {
			v = "i"
		}
		b.WriteString(c)
		b.WriteString(v)
		head = false
	}
	return b.String()
}

// ethiopicSounds are the Latin vowels that spell a vowel of the script,
// by its class in a spoken name: ä by e (E), or by a or e after h and at
// the head of a name (A), or by o or e after w (W); u and o by o or u (U);
// i by i or e (I); a by a; e (ē) by e, i or a (e); and the y and w said
// between two vowels (ዬ in Tesfaye, ው in Getachew) by the vowels Latin
// spellings write for them (i, e; u, o).
var ethiopicSounds = map[byte]string{'E': "e", 'A': "ae", 'W': "oe", 'U': "ou", 'I': "ie", 'a': "a", 'e': "eia",
	'y': "ie", 'w': "uo"}

// ethiopicSpoken reads a name box in the Ethiopic script as sameArabicName
// reads one (spoken): its consonants' classes in order (latinDigraphs,
// latinConsonants), each written (ንን in Mekonnen is two), and the vowels
// around them by their class (ethiopicSounds). A y or w inside a word is a
// vowel, as spokenName reads one in Latin letters.
func ethiopicSpoken(box string) spoken {
	s := spoken{vowels: []string{""}}
	for _, w := range strings.FieldsFunc(box, func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '.' || r == '፡' || r == '፣'
	}) {
		first := true
		for _, r := range w {
			c, order, ok := ethiopicLetter(r)
			if !ok {
				continue
			}
			v := ethiopicVowel(c, order)
			labialised := strings.HasSuffix(c, "w") && c != "w"
			if labialised {
				c = strings.TrimSuffix(c, "w")
			}
			switch {
			case c == "":
			case c == "ny":
				s.consonant("n")
				s.vowel("y") // ኘ: Latin spellings write ny, its y a vowel
			case (c == "y" || c == "w") && !first:
				s.vowel(string(c[0]))
			default:
				s.consonant(c)
			}
			if labialised || order == 7 {
				s.vowel("w")
			}
			switch {
			case order == 0 && laryngeal(c):
				s.vowel("A")
			case order == 0 && c == "w":
				s.vowel("W")
			case order == 0:
				s.vowel("E")
			case order == 5 && c == "":
				s.vowel("I") // እ: e or i
			case v == "u" || v == "o":
				s.vowel("U")
			case v == "i":
				s.vowel("I")
			case v == "a" || v == "wa":
				s.vowel("a")
			case v == "e":
				s.vowel("e")
			}
			first = false
		}
	}
	return s
}

// consonant appends a consonant of the script as Latin spellings write
// it, by its class: each written, a consonant said twice being two
// letters of the script.
func (s *spoken) consonant(latin string) {
	if k, ok := latinDigraphs[latin]; ok {
		s.append(k)
		return
	}
	for i := 0; i < len(latin); i++ {
		if k, ok := latinConsonants[latin[i]]; ok {
			s.append(k)
		} else {
			s.append(latin[i] - 'a' + 'A') // w, y at the head of a word
		}
	}
}

// append appends a consonant's class, even where the one before is the
// same.
func (s *spoken) append(c byte) {
	s.consonants = append(s.consonants, c)
	s.vowels = append(s.vowels, "")
}

// sameEthiopicName reports whether a name box in the Ethiopic script and
// one in Latin letters write one name: the same consonants in the same
// order, where the Latin spelling writes once a consonant the script
// writes twice with no vowel between (Mekonnen, Mekonen for መኮንን), and
// the vowels agree (ethiopicVowelsAgree). A name of fewer than two
// consonants says too little.
func sameEthiopicName(script, latin string) bool {
	e, l := ethiopicSpoken(script), spokenName(ethiopicLatinDigraphs.Replace(strings.ToLower(latin)), false)
	if len(e.consonants) < 2 {
		return false
	}
	// Join the script's doubled consonants where the Latin spelling
	// writes one: walk both, the script's second of a pair taking no
	// Latin consonant when the Latin one after is another.
	i, j := 0, 0
	lastE, lastL := len(e.vowels)-1, len(l.vowels)-1
	if !ethiopicVowelsAgree(e.vowels[0], l.vowels[0], true) {
		return false
	}
	for i < len(e.consonants) && j < len(l.consonants) {
		if e.consonants[i] != l.consonants[j] {
			return false
		}
		ev := e.vowels[i+1]
		if ev == "" && i+1 < len(e.consonants) && e.consonants[i+1] == e.consonants[i] &&
			(j+1 >= len(l.consonants) || l.consonants[j+1] != e.consonants[i]) {
			i++ // ንን written nn or n: one Latin consonant for two
			ev = e.vowels[i+1]
		}
		if !ethiopicVowelsAgree(ev, l.vowels[j+1], i+1 == lastE || j+1 == lastL) {
			return false
		}
		i, j = i+1, j+1
	}
	return i == len(e.consonants) && j == len(l.consonants)
}

// ethiopicLatinDigraphs are the pairs of Latin letters that write two of
// the script's consonants, or one, not as Arabic's spellings write them:
// dh is d and h (Gebremedhin for ገብረመድህን), th is t (Bethlehem, Ruth).
var ethiopicLatinDigraphs = strings.NewReplacer("dh", "d h", "th", "t")

// ethiopicVowelsAgree reports whether the script's vowels between two
// consonants (or before the first or after the last, at an end) and a
// Latin spelling's agree: each of the script's spelled by a Latin vowel of
// its sound (ethiopicSounds), an ä but the name's last vowel by a as well; where the
// script writes none, a single Latin vowel or none inside the name, and
// none at its ends.
func ethiopicVowelsAgree(script, latin string, end bool) bool {
	if script == "" {
		return latin == "" || !end && len(latin) == 1
	}
	if latin == "" {
		return false
	}
	for i := 0; i < len(script); i++ {
		sounds := ethiopicSounds[script[i]]
		if script[i] == 'E' && (!end || i+1 < len(script)) {
			sounds = "ea" // Getachew, Getachaw; but Abebe is not Abeba
		}
		if !strings.ContainsAny(latin, sounds) {
			return false
		}
	}
	return true
}

// ethiopicLatinRead returns the names with the Ethiopic ones written as
// the other record's Latin ones, and true, when one record writes its
// names in the Ethiopic script and the other in Latin letters and they are
// one name (sameEthiopicName) box for box, or with the boxes swapped, both
// boxes named.
func (g guardNames) ethiopicLatinRead() (guardNames, bool) {
	return g.scriptLatinRead(hasEthiopic, sameEthiopicName)
}
