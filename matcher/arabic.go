package matcher

import (
	"strings"
	"unicode"
)

// Arab and Iranian customers write their names in Arabic script on one
// visit (نوف الشهري, محمد) and in Latin letters on another (Nouf Al-Shehri,
// Mohammed, Muhammad). The script writes no short vowels, and Latin
// spellings differ in their vowels (Khalid, Khaled), so neither reads as
// the other. What they share is the name's consonants: arabicSkeleton
// writes a name as those, the long vowels and ayn left out as the short
// ones are (عمر and Omar are mr), doubled letters once (Mohammed is mhmd),
// the article al- before a name left out (الشهري, Al-Shehri, Alshehri are
// chr), and whether the word ends on a vowel (Noura is not Nour). Letters
// that Latin spellings write one way for two of the script's (ص and س as
// s, ق and ك as k or q) are one.

// hasArabicScript reports whether s holds a letter of the Arabic script.
func hasArabicScript(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r >= 0x0620 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F })
}

// arabicConsonants are the Arabic script's letters as arabicSkeleton
// writes them, after FoldName (ة is ه, ى ي, hamza's carriers bare): each
// as the class of consonants Latin spellings write for it, in capitals;
// the long vowels, ayn and hamza as nothing.
var arabicConsonants = map[rune]string{
	'ب': "B", 'پ': "P", 'ت': "T", 'ط': "T", 'ث': "T", 'ٹ': "T", 'ج': "J", 'گ': "J", 'چ': "C", 'ح': "H", 'ه': "H", 'ھ': "H",
	'ہ': "H", 'خ': "X", 'د': "D", 'ض': "D", 'ذ': "D", 'ڈ': "D", 'ر': "R", 'ڑ': "R", 'ز': "Z", 'ظ': "Z", 'ژ': "Z", 'س': "S",
	'ص': "S", 'ش': "C", 'غ': "G", 'ف': "F", 'ق': "K", 'ك': "K", 'ل': "L", 'م': "M", 'ن': "N", 'ں': "N",
	'ا': "", 'و': "", 'ي': "", 'ے': "", 'ع': "", 'ء': "", 'ٱ': "",
}

// latinClasses writes a folded Latin spelling's letters as arabicConsonants'
// classes: the pairs that write one consonant first (sh and ch, kh, gh,
// th, dh, zh, ph), then each letter, g as j (Gamal for جمال), q and c as
// k; vowels, and y and w inside a word, as nothing.
var latinClasses = strings.NewReplacer(
	"sh", "C", "ch", "C", "kh", "X", "gh", "G", "th", "T", "dh", "D", "zh", "Z", "ph", "F",
	"b", "B", "p", "P", "t", "T", "j", "J", "g", "J", "h", "H", "d", "D", "r", "R", "z", "Z", "s", "S", "f", "F", "v", "F",
	"k", "K", "q", "K", "c", "K", "x", "KS", "l", "L", "m", "M", "n", "N",
	"a", "", "e", "", "i", "", "o", "", "u", "", "y", "", "w", "")

// arabicArticles are the article written as a word of its own before a
// name (Al Shehri, El-Sayed, ال شهري), which arabicSkeleton leaves out.
var arabicArticles = setOf("al", "el", "ال")

// arabicSkeleton writes a name box, in Arabic script or in Latin letters,
// as the consonants its words share (see above), run together.
func arabicSkeleton(s string) string {
	words := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '.' || r == ',' })
	var b strings.Builder
	for _, w := range words {
		if w = FoldName(w); !arabicArticles[w] {
			b.WriteString(wordSkeleton(w))
		}
	}
	return b.String()
}

// wordSkeleton is arabicSkeleton of one folded word.
func wordSkeleton(w string) string {
	if w == "" {
		return ""
	}
	var b strings.Builder
	vowelEnd := false
	if isASCII(w) {
		if rest, ok := strings.CutPrefix(w, "al"); ok && len(rest) >= 3 {
			w = rest // Alshehri
		} else if rest, ok := strings.CutPrefix(w, "el"); ok && len(rest) >= 3 {
			w = rest
		}
		w = strings.TrimSuffix(w, "h") // Fatimah, Abdullah: ة and a final ه
		if w == "" {
			return ""
		}
		switch w[len(w)-1] {
		case 'a', 'i', 'o', 'u', 'y':
			vowelEnd = true // a final e is mute (Nadine)
		}
		if w[0] == 'y' || w[0] == 'w' {
			b.WriteString(strings.ToUpper(w[:1])) // Yousef, Waleed: y and w begin a word as consonants
			w = w[1:]
		}
		b.WriteString(latinClasses.Replace(w))
	} else {
		r := []rune(w)
		if len(r) >= 5 && r[0] == 'ا' && r[1] == 'ل' {
			r = r[2:] // الشهري: the article
		}
		switch last := r[len(r)-1]; last {
		case 'ه', 'ا', 'ي', 'و':
			vowelEnd = true // نورة, مصطفى, سامي
			if last == 'ه' {
				r = r[:len(r)-1]
			}
		case 'ح':
			r = r[:len(r)-1] // صالح, Saleh: a Latin spelling's final h is left out too
		}
		for i, c := range r {
			switch {
			case i == 0 && c == 'ي':
				b.WriteByte('Y')
			case i == 0 && c == 'و':
				b.WriteByte('W')
			default:
				b.WriteString(arabicConsonants[c])
			}
		}
	}
	k := b.String()
	var once strings.Builder
	for i := 0; i < len(k); i++ {
		if i == 0 || k[i] != k[i-1] {
			once.WriteByte(k[i])
		}
	}
	if vowelEnd {
		once.WriteByte('v')
	}
	return once.String()
}

// arabicLatinRead returns the names with the Arabic-script ones written as
// the other record's Latin ones, and true, when one record writes its
// names in Arabic script and the other in Latin letters and their
// skeletons (arabicSkeleton) are the same: box for box, the boxes swapped,
// or the whole name, its words in the order written, however the boxes
// split it (نوف / الشهري for Nouf / Al-Shehri, محمد عبدالله / القحطاني
// for Mohammed / Abdullah Al-Qahtani). A name of fewer than four
// consonants in all says too little.
func (g guardNames) arabicLatinRead() (guardNames, bool) {
	booking, profile := hasArabicScript(g.first+g.last), hasArabicScript(g.profileFirst+g.profileLast)
	if booking == profile {
		return g, false
	}
	f, l, pf, pl := arabicSkeleton(g.first), arabicSkeleton(g.last), arabicSkeleton(g.profileFirst), arabicSkeleton(g.profileLast)
	if len(f)+len(l) < 4 {
		return g, false
	}
	swapped := f == pl && l == pf && f != l
	if !(f == pf && l == pl || swapped || f+l == pf+pl) {
		return g, false
	}
	first, last := g.profileFirst, g.profileLast // the Latin names, in the Arabic ones' boxes
	if !booking {
		first, last = g.first, g.last
	}
	if swapped && !(f == pf && l == pl) {
		first, last = last, first // swapped as written, for the guard's rule on swapped boxes
	}
	if booking {
		g.first, g.last = first, last
	} else {
		g.profileFirst, g.profileLast = first, last
	}
	return g, true
}
