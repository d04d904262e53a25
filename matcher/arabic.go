package matcher

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Arab and Iranian customers write their names in Arabic script on one
// visit (نوف الشهري, محمد) and in Latin letters on another (Nouf Al-Shehri,
// Mohammed, Muhammad). The script writes a name's consonants and its long
// vowels (ا, و, ي), not its short ones, and Latin spellings differ in
// their vowels (Khalid, Khaled), so neither reads as the other letter for
// letter. sameArabicName compares them as a reader of both would: the
// same consonants in the same order (Latin spellings write one way what
// the script writes two: ص and س as s, ق and ك as k or q; Mohammed's
// doubled m is one), each long vowel of the script spelled by a Latin
// vowel of its sound (و by o or u: Mahmoud, not Mohammed; ي by i or e:
// Hussein, not Hassan), a Latin vowel between two consonants where the
// script writes none single (Hassan, not Hussein, for حسن), and a name
// that ends on a vowel in one ending on a vowel in the other (Noura, not
// Nour, for نورة). Ayn (ع), which Latin spellings write as a vowel or not
// at all (Saad, Omar), stands for any vowel; so does the article's alif
// (Abdul, Abdel, Abdal for عبد ال). The article before a surname (Al-,
// Al, ال) is left out.

// hasArabicScript reports whether s holds a letter of the Arabic script.
func hasArabicScript(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r >= 0x0620 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F })
}

// arabicConsonants are the Arabic script's consonants as the classes of
// consonants Latin spellings write for them, in capitals, after FoldName
// (ة is ه, ى ي, hamza's carriers bare).
var arabicConsonants = map[rune]byte{
	'ب': 'B', 'پ': 'P', 'ت': 'T', 'ط': 'T', 'ث': 'T', 'ٹ': 'T', 'ج': 'J', 'گ': 'J', 'چ': 'C', 'ح': 'H', 'ه': 'H', 'ھ': 'H',
	'ہ': 'H', 'خ': 'X', 'د': 'D', 'ض': 'D', 'ذ': 'D', 'ڈ': 'D', 'ر': 'R', 'ڑ': 'R', 'ز': 'Z', 'ظ': 'Z', 'ژ': 'Z', 'س': 'S',
	'ص': 'S', 'ش': 'C', 'غ': 'G', 'ف': 'F', 'ق': 'K', 'ك': 'K', 'ل': 'L', 'م': 'M', 'ن': 'N', 'ں': 'N',
	// Kurdish (Sorani): its heavy l and rolled r, its v, and the Persian k.
	'ڵ': 'L', 'ڕ': 'R', 'ڤ': 'F', 'ک': 'K',
}

// latinDigraphs are the pairs of Latin letters that write one of the
// script's consonants, as its class.
var latinDigraphs = map[string]byte{"sh": 'C', "ch": 'C', "kh": 'X', "gh": 'G', "th": 'T', "dh": 'D', "zh": 'Z', "ph": 'F'}

// latinConsonants are the other Latin consonants as their classes: g as j
// (Gamal for جمال), q and c as k, v as f.
var latinConsonants = map[byte]byte{'b': 'B', 'p': 'P', 't': 'T', 'j': 'J', 'g': 'J', 'h': 'H', 'd': 'D', 'r': 'R', 'z': 'Z',
	's': 'S', 'f': 'F', 'v': 'F', 'k': 'K', 'q': 'K', 'c': 'K', 'x': 'K', 'l': 'L', 'm': 'M', 'n': 'N'}

// spoken is a name as sameArabicName compares it: its consonants' classes
// in order, and the vowels around them: vowels[i] are those before
// consonant i, vowels[len(consonants)] those after the last. The script's
// are its long vowels, A (ا), U (و) and I (ي), and E, any vowel (ع, the
// article's alif); Latin's are its vowel letters, y and w inside a word
// read as i and u.
type spoken struct {
	consonants []byte
	vowels     []string
}

// add appends a consonant, once where a doubled one is written twice
// (Mohammed, Hassan) with no vowel between.
func (s *spoken) add(c byte) {
	if n := len(s.consonants); n > 0 && s.consonants[n-1] == c && s.vowels[n] == "" {
		return
	}
	s.consonants = append(s.consonants, c)
	s.vowels = append(s.vowels, "")
}

// vowel appends a vowel after the last consonant.
func (s *spoken) vowel(v string) { s.vowels[len(s.vowels)-1] += v }

// arabicArticles are the article written as a word of its own before a
// name (Al Shehri, El-Sayed, ال شهري).
var arabicArticles = setOf("al", "el", "all", "ال") // all: the article mistyped, All-Jowder

// spokenName reads a name box in Arabic script or in Latin letters as
// spoken; surname says the box is a surname, whose article is left out.
func spokenName(box string, surname bool) spoken {
	s := spoken{vowels: []string{""}}
	words := strings.FieldsFunc(box, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '.' || r == ',' })
	first := true
	for _, w := range words {
		if strings.HasSuffix(w, "ى") {
			w = strings.TrimSuffix(w, "ى") + "ا" // مصطفى: alif maqsura, which FoldName writes as ي, is said a
		}
		w = FoldName(w)
		if w == "" || surname && first && arabicArticles[w] {
			continue
		}
		switch {
		case isASCII(w):
			s.latinWord(w, surname && first)
		case strings.HasPrefix(w, "عبدال") && len(w) > len("عبدال"):
			s.arabicWord([]rune("عبد"), false) // عبدالله: Abd and the article
			s.arabicWord([]rune(w[len("عبد"):]), false)
		default:
			s.arabicWord([]rune(w), surname && first)
		}
		first = false
	}
	return s
}

// arabicWord adds a word in Arabic script; article says to leave out an
// article before it (الشهري).
func (s *spoken) arabicWord(r []rune, article bool) {
	if len(r) >= 4 && r[0] == 'ا' && r[1] == 'ل' {
		if article {
			r = r[2:]
		} else {
			s.vowel("E") // the article's alif inside a name: Abdul, Abdel for عبد ال
			r = r[1:]
		}
	}
	for i, c := range r {
		last := i == len(r)-1
		switch {
		case c == 'ا' && i == 0:
			s.vowel("E") // أ, إ: Ahmed, Eyad, Ibrahim
		case c == 'ا':
			s.vowel("A")
		case c == 'و' && i > 0:
			s.vowel("U")
		case c == 'ي' && i > 0:
			s.vowel("I")
		case c == 'و':
			s.add('W')
		case c == 'ي':
			s.add('Y')
		case c == 'ع' || c == 'ء':
			s.vowel("E")
		case c == 'ە':
			s.vowel("H") // Kurdish writes its short vowel: a or e (Talabani, Hawrami, Kakai)
		case c == 'ێ':
			s.vowel("I") // Kurdish ê
		case c == 'ۆ':
			s.vowel("U") // Kurdish ô
		case c == 'ه' && last && i > 0:
			s.vowel("H") // ة, and الله's final h, which Latin spellings write as a or ah, and the Levant's as e or eh
		case c == 'ح' && last && i > 0:
			s.vowel("E") // صالح: Saleh, Salih, whose h a spelling may leave out
		default:
			if k, ok := arabicConsonants[c]; ok {
				s.add(k)
			}
		}
	}
}

// latinWord adds a word in Latin letters; article says to leave out the
// article run on to it (Alshehri).
func (s *spoken) latinWord(w string, article bool) {
	if article {
		for _, a := range []string{"al", "el"} {
			if rest, ok := strings.CutPrefix(w, a); ok && len(rest) >= 3 {
				w = rest
				break
			}
		}
	}
	if n := len(w); n >= 2 && w[n-1] == 'h' && strings.IndexByte("aeiou", w[n-2]) >= 0 {
		w = w[:n-1] // Fatimah, Abdullah, Saleh: a final h after a vowel
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if i+1 < len(w) {
			if k, ok := latinDigraphs[w[i:i+2]]; ok {
				s.add(k)
				i++
				continue
			}
		}
		switch {
		case strings.IndexByte("aeiou", c) >= 0:
			s.vowel(string(c))
		case (c == 'y' || c == 'w') && i == 0:
			s.add(c - 'a' + 'A')
		case c == 'y':
			s.vowel("i")
		case c == 'w':
			s.vowel("u")
		default:
			if k, ok := latinConsonants[c]; ok {
				s.add(k)
			}
		}
	}
}

// sameArabicName reports whether a name box in Arabic script and one in
// Latin letters write one name (see above). A name of one consonant and
// fewer than three letters says too little; علي (Ali), عدي (Odai) and
// هيا (Haya) say enough with their vowels.
func sameArabicName(arabic, latin string, surname bool) bool {
	a, l := spokenName(arabic, surname), spokenName(latin, surname)
	if len(a.consonants) == 0 || len(a.consonants) == 1 && utf8.RuneCountInString(strings.TrimSpace(arabic)) < 3 ||
		string(a.consonants) != string(l.consonants) {
		return false
	}
	last := len(a.vowels) - 1
	for i, av := range a.vowels {
		if i == last && i > 0 && av == "" && l.vowels[i] == "e" {
			continue // Nadine, Jasmine: a French spelling's silent final e
		}
		if !vowelsAgree(av, l.vowels[i], i == 0 || i == last) {
			return false
		}
	}
	return true
}

// vowelsAgree reports whether the script's vowels between two consonants
// (or before the first or after the last, at an end) and a Latin
// spelling's agree: any where the script writes E; each long vowel spelled
// by a Latin one of its sound; where the script writes none, a single
// Latin vowel or none inside the name, and none at its ends.
func vowelsAgree(arabic, latin string, end bool) bool {
	switch {
	case strings.Contains(arabic, "E"):
		return !end || latin != "" // أحمد is Ahmed, not Hamed
	case arabic == "":
		return latin == "" || !end && len(latin) == 1
	case latin == "":
		return false
	}
	for _, v := range arabic {
		if !strings.ContainsAny(latin, longVowelSounds[v]) {
			return false
		}
	}
	return true
}

// longVowelSounds are the Latin vowels that spell each of the script's
// long vowels: ا by a, و by o or u, ي by i or e, and a final ة by a or,
// as the Levant says it, e (Khasawneh, Fatmeh, Ghazaleh).
var longVowelSounds = map[rune]string{'A': "a", 'U': "ou", 'I': "ie", 'H': "ae"}

// arabicLatinRead returns the names with the Arabic-script ones written as
// the other record's Latin ones, and true, when one record writes its
// names in Arabic script and the other in Latin letters and they are one
// name (sameArabicName) box for box, or with the boxes swapped (نوف /
// الشهري for Nouf / Al-Shehri), both boxes named.
func (g guardNames) arabicLatinRead() (guardNames, bool) {
	af, al, lf, ll, booking, ok := g.scriptAndLatin(hasArabicScript)
	if !ok {
		return g, false
	}
	var first, last string // the Latin names, in the Arabic ones' boxes
	switch {
	case sameArabicName(af, lf, false) && sameArabicName(al, ll, true):
		first, last = lf, ll
	case sameArabicName(af, ll, true) && sameArabicName(al, lf, false):
		first, last = ll, lf // swapped as written, for the guard's rule on swapped boxes
	case gulfFamilyNames[strings.ToUpper(g.region)] && sameFirstWords(af, lf) && familyName(al) && familyName(ll) &&
		sameArabicName(al, ll, true):
		// نوف / الشهري for Nouf Mohammad / Al-Shehri: her father's name
		// left out, as the guard reads it in one script (laterNamesLeftOut).
		first, last = lf, ll
		if a, l := arabicNameWords(af), arabicNameWords(lf); len(a) < len(l) {
			first = strings.Join(l[:len(a)], " ")
		}
	default:
		return g, false
	}
	return g.withOtherScriptRead(booking, first, last), true
}

// scriptAndLatin returns the names of the record that writes them in a
// script (has: hasArabicScript, hasEthiopic) and the other record's, in
// Latin letters, and whether the booking is the one in the script; false
// when both records or neither write it, or a box of either is empty.
func (g guardNames) scriptAndLatin(has func(string) bool) (first, last, latinFirst, latinLast string, booking, ok bool) {
	if g.first == "" || g.last == "" || g.profileFirst == "" || g.profileLast == "" {
		return "", "", "", "", false, false
	}
	booking, profile := g.written(has)
	if booking == profile {
		return "", "", "", "", false, false
	}
	if profile {
		return g.profileFirst, g.profileLast, g.first, g.last, false, true
	}
	return g.first, g.last, g.profileFirst, g.profileLast, true, true
}

// scriptLatinRead returns the names with those of the record written in a
// script (has: hasEthiopic, hasBrahmic) read as the other record's Latin
// ones, and true, when the two are one name (same) box for box, or with
// the boxes swapped, both boxes named.
func (g guardNames) scriptLatinRead(has func(string) bool, same func(script, latin string) bool) (guardNames, bool) {
	sf, sl, lf, ll, booking, ok := g.scriptAndLatin(has)
	switch {
	case !ok:
	case same(sf, lf) && same(sl, ll):
		return g.withOtherScriptRead(booking, lf, ll), true
	case same(sf, ll) && same(sl, lf):
		return g.withOtherScriptRead(booking, ll, lf), true // swapped as written, for the guard's rule on swapped boxes
	}
	return g, false
}

// written reports whether the booking's names and the profile's hold a
// letter that has says is of a script (hasArabicScript, hasHan).
func (g guardNames) written(has func(string) bool) (booking, profile bool) {
	return has(g.first) || has(g.last), has(g.profileFirst) || has(g.profileLast)
}

// withOtherScriptRead is g with the booking's names (booking) or the
// profile's read as first and last: the other record's Latin names, as
// arabicLatinRead and hanLatinRead read them in place of the script's.
func (g guardNames) withOtherScriptRead(booking bool, first, last string) guardNames {
	if booking {
		g.first, g.last = first, last
	} else {
		g.profileFirst, g.profileLast = first, last
	}
	return g
}

// arabicNameWords are a given name box's words, bin, bint and ibn (بن,
// بنت) left out: the person's own name, then her father's and
// grandfather's.
func arabicNameWords(box string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(box, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '.' || r == ',' }) {
		switch FoldName(w) {
		case "bin", "bint", "ibn", "ben", "bn", "بن", "بنت":
		default:
			out = append(out, w)
		}
	}
	return out
}

// sameFirstWords reports whether a given name box in Arabic script and one
// in Latin letters write the same first words, one of them more: the
// person's own name, and on one side her father's after it.
func sameFirstWords(arabic, latin string) bool {
	a, l := arabicNameWords(arabic), arabicNameWords(latin)
	n := min(len(a), len(l))
	if n == 0 || len(a) == len(l) {
		return false
	}
	for i := range n {
		if !sameArabicName(a[i], l[i], false) {
			return false
		}
	}
	return true
}
