package matcher

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// South Asian customers write their names in their own script on one
// visit (राम शर्मा in Nepal and India, রফিকুল ইসলাম in Bangladesh, පෙරේරා
// and குமார் in Sri Lanka) and in Latin letters on another (Ram Sharma,
// Rafiqul Islam, Perera, Kumar). These scripts write a consonant with the
// vowel a after it unless a sign says another vowel or none (the
// virama), and Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil,
// Telugu, Kannada and Malayalam lay their letters out in one order from
// U+0900, 0x80 apart; Sinhala's are laid out otherwise and read here in
// that order (sinhalaLetters).
//
// FoldName reads them as the commonest Latin spelling writes them
// (brahmicRead: शर्मा is sharma, রহমান rahman, පෙරේරා perera). Latin
// spellings differ from one another more than the script does: a
// consonant's inherent a may be written or not (Kamala, Kamla), as o in
// Bangladesh (Robiul), t and d as th and dh (Nishantha), Tamil's
// consonants voiced or not (Murugan, Murukan), v as w or b (Wijesinghe,
// Bishnu). The name guard compares the script and a Latin spelling as
// sameBrahmicName says.

// brahmicLetter is a letter of one of these scripts, in Devanagari's
// order: its offset there (0x15 for क, ক, க, ක), and its script.
type brahmicLetter struct {
	offset int
	script int // its block's first letter (0x0900, 0x0980, ... 0x0D80)
}

const (
	devanagari = 0x0900
	bengali    = 0x0980
	gurmukhi   = 0x0A00
	gujarati   = 0x0A80
	tamil      = 0x0B80
	sinhala    = 0x0D80
)

// isBrahmic reports whether r is a letter or sign of Devanagari, Bengali,
// Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam or Sinhala.
func isBrahmic(r rune) bool { return r >= 0x0900 && r <= 0x0DFF }

// hasBrahmic reports whether s holds a letter of those scripts.
func hasBrahmic(s string) bool { return strings.ContainsFunc(s, isBrahmic) }

// readBrahmic returns r's letter in Devanagari's order, and whether it is
// one of those scripts'.
func readBrahmic(r rune) (brahmicLetter, bool) {
	switch {
	case r >= 0x0900 && r < 0x0D80:
		block := int(r) &^ 0x7F
		return brahmicLetter{offset: int(r) - block, script: block}, true
	case r >= 0x0D80 && r <= 0x0DFF:
		if o, ok := sinhalaLetters[r]; ok {
			return brahmicLetter{offset: o, script: sinhala}, true
		}
	}
	return brahmicLetter{}, false
}

// Offsets of Devanagari's order beyond its own letters: Sinhala's
// prenasalised consonants, its f and its æ.
const (
	prenasalG = 0x80 + iota // ඟ
	prenasalJ               // ඦ
	prenasalD               // ඬ, ඳ
	prenasalB               // ඹ
	sinhalaF                // ෆ
	sinhalaGn               // ඥ
)

// sinhalaLetters are Sinhala's letters at Devanagari's offsets.
var sinhalaLetters = map[rune]int{
	'ං': 0x02, 'ඃ': 0x03,
	'අ': 0x05, 'ආ': 0x06, 'ඇ': 0x0D, 'ඈ': 0x0D, 'ඉ': 0x07, 'ඊ': 0x08, 'උ': 0x09, 'ඌ': 0x0A, 'ඍ': 0x0B, 'ඎ': 0x0B,
	'ඏ': 0x0C, 'ඐ': 0x0C, 'එ': 0x0E, 'ඒ': 0x0F, 'ඓ': 0x10, 'ඔ': 0x12, 'ඕ': 0x13, 'ඖ': 0x14,
	'ක': 0x15, 'ඛ': 0x16, 'ග': 0x17, 'ඝ': 0x18, 'ඞ': 0x19, 'ඟ': prenasalG, 'ච': 0x1A, 'ඡ': 0x1B, 'ජ': 0x1C,
	'ඣ': 0x1D, 'ඤ': 0x1E, 'ඥ': sinhalaGn, 'ඦ': prenasalJ, 'ට': 0x1F, 'ඨ': 0x20, 'ඩ': 0x21, 'ඪ': 0x22, 'ණ': 0x23,
	'ඬ': prenasalD, 'ත': 0x24, 'ථ': 0x25, 'ද': 0x26, 'ධ': 0x27, 'න': 0x28, 'ඳ': prenasalD, 'ප': 0x2A, 'ඵ': 0x2B,
	'බ': 0x2C, 'භ': 0x2D, 'ම': 0x2E, 'ඹ': prenasalB, 'ය': 0x2F, 'ර': 0x30, 'ල': 0x32, 'ව': 0x35, 'ශ': 0x36,
	'ෂ': 0x37, 'ස': 0x38, 'හ': 0x39, 'ළ': 0x33, 'ෆ': sinhalaF,
	'්': 0x4D, 'ා': 0x3E, 'ැ': 0x45, 'ෑ': 0x45, 'ි': 0x3F, 'ී': 0x40, 'ු': 0x41, 'ූ': 0x42, 'ෘ': 0x43, 'ෲ': 0x43,
	'ෟ': 0x43, 'ෙ': 0x46, 'ේ': 0x47, 'ෛ': 0x48, 'ො': 0x4A, 'ෝ': 0x4B, 'ෞ': 0x4C,
	'෦': 0x66, '෧': 0x67, '෨': 0x68, '෩': 0x69, '෪': 0x6A, '෫': 0x6B, '෬': 0x6C, '෭': 0x6D, '෮': 0x6E, '෯': 0x6F,
}

// brahmicConsonants are the consonants at Devanagari's offsets from 0x15,
// as the commonest Latin spelling writes them.
var brahmicConsonants = [...]string{
	"k", "kh", "g", "gh", "n", "ch", "chh", "j", "jh", "n", // क to ञ
	"t", "th", "d", "dh", "n", "t", "th", "d", "dh", "n", "n", // ट to ऩ
	"p", "ph", "b", "bh", "m", "y", "r", "r", "l", "l", "zh", "v", "sh", "sh", "s", "h", // प to ह
}

// brahmicNukta are the consonants Devanagari and Bengali write with a dot
// below (क़, ज़, ড়, য়), at their offsets from 0x58.
var brahmicNukta = [...]string{"q", "kh", "gh", "z", "r", "rh", "f", "y"}

// brahmicVowels are the vowels, independent (from 0x05) or signs (from
// 0x3E, their offset less 0x38), as Latin spellings write them.
var brahmicVowels = map[int]string{
	0x05: "a", 0x06: "a", 0x07: "i", 0x08: "i", 0x09: "u", 0x0A: "u", 0x0B: "ri", 0x0C: "li", 0x0D: "e",
	0x0E: "e", 0x0F: "e", 0x10: "ai", 0x11: "o", 0x12: "o", 0x13: "o", 0x14: "au",
}

// brahmicKind is what a letter of Devanagari's order is.
type brahmicKind int

const (
	brahmicOther brahmicKind = iota
	brahmicConsonant
	brahmicIndependentVowel
	brahmicVowelSign
	brahmicVirama
	brahmicNasal   // anusvara ं, candrabindu ँ
	brahmicVisarga // ः
	brahmicNuktaSign
	brahmicDigit
)

// kind is the letter's kind.
func (l brahmicLetter) kind() brahmicKind {
	o := l.offset
	switch {
	case o >= 0x15 && o <= 0x39, o >= 0x58 && o <= 0x5F, o >= prenasalG && o <= sinhalaGn:
		return brahmicConsonant
	case l.script == bengali && o == 0x4E: // ৎ
		return brahmicConsonant
	case l.script == 0x0D00 && o >= 0x7A && o <= 0x7F: // Malayalam's chillu letters, a consonant with no vowel
		return brahmicConsonant
	case o >= 0x05 && o <= 0x14, o == 0x60, o == 0x61:
		return brahmicIndependentVowel
	case o >= 0x3E && o <= 0x4C, o == 0x62, o == 0x63:
		return brahmicVowelSign
	case o == 0x4D:
		return brahmicVirama
	case o == 0x01 || o == 0x02:
		return brahmicNasal
	case o == 0x03:
		return brahmicVisarga
	case o == 0x3C:
		return brahmicNuktaSign
	case o >= 0x66 && o <= 0x6F:
		return brahmicDigit
	}
	return brahmicOther
}

// latin is a consonant as the commonest Latin spelling writes it, at the
// head of a word (head) or after a virama (joined): Sinhala and Tamil
// write dental t as th (Nishantha, Geetha) and Sinhala v as w
// (Wijesinghe); Bengali writes a dotless য at a word's head as j (Jamuna),
// ব joined to a consonant before it as w (বিশ্বাস is Biswas) and ফ as f
// (Rafiq); Tamil writes its க, ச, ட and ப as k, s, t and p.
func (l brahmicLetter) latin(head, joined bool) string {
	o := l.offset
	switch {
	case o == prenasalG:
		return "ng"
	case o == prenasalJ:
		return "nj"
	case o == prenasalD:
		return "nd"
	case o == prenasalB:
		return "mb"
	case o == sinhalaF:
		return "f"
	case o == sinhalaGn:
		return "gn"
	case o == 0x4E:
		return "t" // ৎ
	case o >= 0x7A && o <= 0x7F:
		return [...]string{"n", "n", "r", "l", "l", "k"}[o-0x7A] // ൺ ൻ ർ ൽ ൾ ൿ
	case o >= 0x58:
		return brahmicNukta[o-0x58]
	}
	switch l.script {
	case sinhala:
		switch o {
		case 0x24:
			return "th"
		case 0x35:
			if joined {
				return "v" // සිල්වා is Silva
			}
			return "w"
		}
	case tamil:
		switch o {
		case 0x1A:
			return "s"
		case 0x24:
			return "th"
		case 0x31:
			return "r"
		case 0x34:
			return "zh"
		}
	case bengali:
		switch {
		case o == 0x2B:
			return "f"
		case o == 0x2F && head:
			return "j"
		case o == 0x2C && joined:
			return "w"
		}
	}
	return brahmicConsonants[o-0x15]
}

// finalVowelSilent reports whether the script's spellings leave out the a
// a word's last consonant carries: Hindi's, Nepali's, Marathi's,
// Bengali's, Punjabi's and Gujarati's (राम is Ram, রহমান Rahman); Tamil
// and Malayalam write such a consonant with its virama, and Sinhala,
// Telugu and Kannada say the a (Bandara, Krishna).
func finalVowelSilent(script int) bool {
	return script == devanagari || script == bengali || script == gurmukhi || script == gujarati
}

// brahmicAbbreviations are the words Bangladesh writes for Mohammad and
// for a Muslim woman's Mosammat, read as their Latin abbreviations.
var brahmicAbbreviations = map[string]string{"মোঃ": "md", "মো:": "md", "মো.": "md", "মুহাম্মদ": "muhammad",
	"মোহাম্মদ": "mohammad", "মোছাঃ": "mst", "মোসাঃ": "mst", "মোছা:": "mst", "মোসাম্মৎ": "mosammat", "মোছাম্মৎ": "mosammat"}

// brahmicRead writes the letters of these scripts in s as the commonest
// Latin spelling writes them (above) and their digits as ASCII ones; the
// rest stays as it is.
func brahmicRead(s string) string {
	var b strings.Builder
	for i, w := range strings.Split(s, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		if a, ok := brahmicAbbreviations[w]; ok {
			b.WriteString(a)
			continue
		}
		for len(w) > 0 {
			n := strings.IndexFunc(w, func(r rune) bool { return !inBrahmicWord(r) })
			if n < 0 {
				n = len(w)
			}
			if n == 0 {
				_, n = utf8.DecodeRuneInString(w)
				b.WriteString(w[:n])
			} else {
				b.WriteString(brahmicWord(w[:n]))
			}
			w = w[n:]
		}
	}
	return b.String()
}

// inBrahmicWord reports whether r is of a word in these scripts: a letter
// or sign, or a joiner (Sinhala's ප්‍ර).
func inBrahmicWord(r rune) bool { return isBrahmic(r) || r == '\u200d' || r == '\u200c' }

// brahmicSyllable is a syllable of a word in one of these scripts, as
// Latin letters write it: its consonants, its vowel and a nasal after it.
type brahmicSyllable struct {
	onset, vowel, nasal string
	inherent            bool // the vowel is the a the consonant carries
	cluster             bool // the onset is two consonants or more, joined by a virama
}

// brahmicWord reads one word of these scripts alone (brahmicRead). In Hindi, Nepali, Bengali,
// Punjabi and Gujarati a consonant's inherent a is not said at a word's
// end, after a single consonant (राम is Ram, but मिश्र Mishra), nor
// between a syllable and a single consonant with a vowel of its own
// (कमला is Kamla, राजकुमार Rajkumar, রহমান Rahman).
func brahmicWord(w string) string {
	rs := []rune(w)
	var syls []brahmicSyllable
	script := 0
	open := false // the last letter was a virama: a consonant next joins its syllable
	for i := 0; i < len(rs); i++ {
		l, ok := readBrahmic(rs[i])
		if !ok {
			continue // a joiner, or a code point no script has
		}
		script = l.script
		joined := open
		open = false
		last := len(syls) - 1
		switch l.kind() {
		case brahmicConsonant:
			c := l.latin(len(syls) == 0, joined)
			if i+1 < len(rs) {
				if n, ok := readBrahmic(rs[i+1]); ok && n.kind() == brahmicNuktaSign && l.offset >= 0x15 && l.offset <= 0x2F {
					c = nuktaOf(l.offset, c)
					i++
				}
			}
			chillu := l.offset >= 0x7A && l.offset <= 0x7F || l.offset == 0x4E
			if joined && last >= 0 {
				if strings.HasSuffix(syls[last].onset, "sh") && strings.HasPrefix(c, "t") {
					syls[last].onset = strings.TrimSuffix(syls[last].onset, "h") // श्रेष्ठ is Shrestha
				}
				syls[last].onset += c
				syls[last].vowel, syls[last].inherent, syls[last].cluster = "a", true, true
			} else {
				syls = append(syls, brahmicSyllable{onset: c, vowel: "a", inherent: true})
				last++
			}
			if chillu {
				syls[last].vowel, syls[last].inherent = "", false
			}
		case brahmicVowelSign:
			if last < 0 {
				syls = append(syls, brahmicSyllable{})
				last++
			}
			syls[last].vowel, syls[last].inherent = vowelSign(l.offset), false
		case brahmicIndependentVowel:
			syls = append(syls, brahmicSyllable{vowel: independentVowel(l.offset)})
		case brahmicVirama:
			if last >= 0 {
				syls[last].vowel, syls[last].inherent = "", false
			}
			open = true
		case brahmicNasal:
			if last < 0 {
				syls = append(syls, brahmicSyllable{})
				last++
			}
			syls[last].nasal += nasalBefore(rs, i)
		case brahmicDigit:
			syls = append(syls, brahmicSyllable{onset: string(rune('0' + l.offset - 0x66))})
		}
	}
	if finalVowelSilent(script) {
		dropSchwas(syls)
	}
	var b strings.Builder
	for _, y := range syls {
		b.WriteString(y.onset)
		b.WriteString(y.vowel)
		b.WriteString(y.nasal)
	}
	return b.String()
}

// dropSchwas leaves out the a that Hindi, Nepali, Bengali, Punjabi and
// Gujarati do not say (brahmicWord), from a word's end to its head.
func dropSchwas(syls []brahmicSyllable) {
	silent := func(y brahmicSyllable) bool { return y.inherent && !y.cluster && y.nasal == "" }
	n := len(syls)
	if n > 1 && silent(syls[n-1]) {
		syls[n-1].vowel, syls[n-1].inherent = "", false
	}
	for k := n - 2; k >= 1; k-- {
		next := syls[k+1]
		if silent(syls[k]) && syls[k-1].vowel != "" && next.onset != "" && !next.cluster && next.vowel != "" {
			syls[k].vowel, syls[k].inherent = "", false
		}
	}
}

// nuktaOf is a consonant written with its nukta sign after it (ज़ as ज
// and ़): z for j, f for ph, r for d.
func nuktaOf(offset int, plain string) string {
	switch offset {
	case 0x15:
		return "q"
	case 0x1C:
		return "z"
	case 0x21, 0x22:
		return "r"
	case 0x2B:
		return "f"
	case 0x2F:
		return "y"
	}
	return plain
}

// vowelSign is a vowel sign's Latin vowel.
func vowelSign(offset int) string {
	if offset >= 0x62 {
		return "li"
	}
	return brahmicVowels[offset-0x38]
}

// independentVowel is an independent vowel's Latin vowel.
func independentVowel(offset int) string {
	if v, ok := brahmicVowels[offset]; ok {
		return v
	}
	return "ri" // ॠ, ॡ
}

// nasalBefore is the anusvara or candrabindu at rs[i] as Latin spellings
// write it: ng before h (सिंह, සිංහ: Singh, Singha), m before p, b and m,
// n elsewhere.
func nasalBefore(rs []rune, i int) string {
	if i+1 < len(rs) {
		if n, ok := readBrahmic(rs[i+1]); ok && n.kind() == brahmicConsonant {
			switch n.offset {
			case 0x39:
				return "ng"
			case 0x2A, 0x2B, 0x2C, 0x2D, 0x2E:
				return "m"
			}
		}
	}
	return "n"
}

// brahmicName is a name box as sameBrahmicName compares it: its
// consonants, each with the classes of Latin consonants that may spell it
// (one or two classes an alternative: prenasalised ඬ is nd or d), and the
// vowels around them: vowels[i] are those before consonant i,
// vowels[len(consonants)] those after the last. A vowel of the script is
// one of S (a consonant's inherent a, written or not), A (ā), I (i, ī),
// U (u, ū), E (e, ē), Y (ai), O (o, ō), W (au), X (Sinhala's æ), R
// (the vowel of ṛ, after its r) and G (a y joined to a consonant, a glide
// written or not); a Latin one is its letter.
type brahmicName struct {
	consonants [][]string
	vowels     []string
}

// add appends a consonant, once where one is written twice with no vowel
// between (म्म, Mohammad and Mohamad alike).
func (n *brahmicName) add(alternatives ...string) {
	if k := len(n.consonants); k > 0 && n.vowels[k] == "" && slices.Equal(n.consonants[k-1], alternatives) {
		return
	}
	n.consonants = append(n.consonants, alternatives)
	n.vowels = append(n.vowels, "")
}

// vowel appends vowels after the last consonant.
func (n *brahmicName) vowel(v string) { n.vowels[len(n.vowels)-1] += v }

// brahmicClasses are the classes of a consonant at Devanagari's offset
// in a script, each an alternative: Tamil's consonants voiced or not,
// aspirates as the plain ones, v as v, w or b.
func (l brahmicLetter) classes(head, joined bool) []string {
	o := l.offset
	switch {
	case o == prenasalG:
		return []string{"NG", "G"}
	case o == prenasalJ:
		return []string{"NJ", "J"}
	case o == prenasalD:
		return []string{"ND", "D"}
	case o == prenasalB:
		return []string{"MB", "B"}
	case o == sinhalaF:
		return []string{"F", "P"}
	case o == sinhalaGn:
		return []string{"GN", "N"}
	case o == 0x4E:
		return []string{"T"}
	case o >= 0x7A && o <= 0x7F:
		return []string{[...]string{"N", "N", "R", "L", "L", "K"}[o-0x7A]}
	}
	if l.script == tamil {
		switch o {
		case 0x15:
			return []string{"K", "G"}
		case 0x1A:
			return []string{"S", "C", "J"}
		case 0x1F, 0x24:
			return []string{"T", "D"}
		case 0x2A:
			return []string{"P", "B"}
		case 0x31:
			return []string{"R", "T"}
		}
	}
	if l.script == sinhala && o == 0x2A {
		return []string{"P", "F"} // ප්‍රනාන්දු is Fernando
	}
	if l.script == bengali && o == 0x2C && joined {
		return []string{"V", "B"} // বিশ্বাস: Biswas
	}
	switch o {
	case 0x2B, 0x5E:
		return []string{"F", "P"}
	case 0x2C, 0x2D, 0x35:
		return []string{"B", "V"}
	case 0x2F, 0x5F:
		return []string{"Y", "J"}
	case 0x34:
		return []string{"L", "J"}
	case 0x5C, 0x5D:
		return []string{"R", "D"}
	}
	return []string{string(brahmicLatinClass(l.latin(head, joined)))}
}

// brahmicLatinClass is the class of a Latin consonant or digraph: its
// aspiration left out (bh is b, th is t), sh as s, ch as c, ph as f, w as
// v, q as k, z as j.
func brahmicLatinClass(c string) byte {
	switch c {
	case "ph":
		return 'F'
	case "ch", "chh":
		return 'C'
	case "zh":
		return 'L'
	}
	switch c[0] {
	case 'w':
		return 'V'
	case 'q', 'c':
		return 'K'
	case 'z':
		return 'J'
	}
	return c[0] - 'a' + 'A'
}

// brahmicSpoken reads a name box in one of these scripts (brahmicName).
func brahmicSpoken(box string) brahmicName {
	n := brahmicName{vowels: []string{""}}
	for _, w := range strings.FieldsFunc(box, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '.' }) {
		if a, ok := brahmicAbbreviations[w]; ok || ascii(w) {
			if !ok {
				a = FoldName(w)
			}
			l := latinBrahmicName(a)
			for i, c := range l.consonants {
				n.vowel(l.vowels[i])
				n.add(c...)
			}
			n.vowel(l.vowels[len(l.vowels)-1])
			continue
		}
		rs := []rune(w)
		pending, virama := false, false
		for i := 0; i < len(rs); i++ {
			l, ok := readBrahmic(rs[i])
			if !ok {
				continue
			}
			afterVirama := virama
			virama = false
			switch l.kind() {
			case brahmicConsonant:
				if pending {
					n.vowel("S")
				}
				if afterVirama && (l.offset == 0x2F || l.offset == 0x5F) && l.script != sinhala && l.script != tamil {
					n.vowel("G") // य joined to a consonant, said as a glide or not: न्यौपाने is Neupane, सत्य Satya
					pending = true
					continue
				}
				cs := l.classes(i == 0, afterVirama)
				if i+1 < len(rs) {
					if k, ok := readBrahmic(rs[i+1]); ok && k.kind() == brahmicNuktaSign && l.offset >= 0x15 && l.offset <= 0x2F {
						cs = brahmicLetter{offset: nuktaOffset(l.offset), script: l.script}.classes(false, false)
						i++
					}
				}
				n.add(cs...)
				pending = true
			case brahmicVowelSign:
				pending = false
				v := brahmicVowelClass(l.offset - 0x38)
				if v == "A" && l.script == bengali {
					v = "B" // আক্তার: Akter as often as Aktar
				}
				n.vowel(v)
			case brahmicIndependentVowel:
				if pending {
					n.vowel("S")
				}
				pending = false
				n.vowel(brahmicVowelClass(l.offset))
			case brahmicVirama:
				pending, virama = false, true
			case brahmicNasal:
				if pending {
					n.vowel("S")
				}
				pending = false
				if l.offset == 0x02 {
					n.add("N", "M", "NG")
				}
			}
		}
		if pending {
			n.vowel("S")
		}
	}
	return n
}

// nuktaOffset is the offset of the letter a consonant and its nukta sign
// write together (ज and ़ is ज़), or the consonant's own.
func nuktaOffset(offset int) int {
	switch offset {
	case 0x15:
		return 0x58
	case 0x16:
		return 0x59
	case 0x17:
		return 0x5A
	case 0x1C:
		return 0x5B
	case 0x21:
		return 0x5C
	case 0x22:
		return 0x5D
	case 0x2B:
		return 0x5E
	case 0x2F:
		return 0x5F
	}
	return offset
}

// brahmicVowelClass is the class of a vowel at its independent offset.
func brahmicVowelClass(offset int) string {
	switch offset {
	case 0x05:
		return "S"
	case 0x06:
		return "A"
	case 0x07, 0x08:
		return "I"
	case 0x09, 0x0A:
		return "U"
	case 0x0D:
		return "X"
	case 0x0E, 0x0F:
		return "E"
	case 0x10:
		return "Y"
	case 0x11, 0x12, 0x13:
		return "O"
	case 0x14:
		return "W"
	}
	return "R" // ṛ, ḷ: their r or l is said with i or u
}

// latinBrahmicName reads a name box in Latin letters as brahmicName does:
// each consonant or digraph by its class (brahmicLatinClass), x as k and
// s, a y after a consonant as the vowel i (Pinky, Sandhya) and a w before
// one as u (Chowdhury).
func latinBrahmicName(box string) brahmicName {
	n := brahmicName{vowels: []string{""}}
	for _, w := range strings.FieldsFunc(box, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '.' || r == ',' }) {
		w = FoldName(w)
		for i := 0; i < len(w); i++ {
			c := w[i]
			switch {
			case strings.IndexByte("aeiou", c) >= 0:
				n.vowel(string(c))
				continue
			case c == 'w' && i > 0 && (i == len(w)-1 || strings.IndexByte("aeiou", w[i+1]) < 0):
				n.vowel("u") // Chowdhury
				continue
			case c == 'y' && i > 0 && strings.IndexByte("aeiouy", w[i-1]) < 0:
				n.vowel("i") // Pinky, Sandhya: a y after a consonant
				continue
			case c == 'x':
				n.add("K")
				n.add("S")
				continue
			}
			d := string(c)
			if i+1 < len(w) && w[i+1] == 'h' && strings.IndexByte("bcdgjkpstz", c) >= 0 && !(c == 'g' && i > 0 && w[i-1] == 'n') {
				d += "h"
				i++
				if c == 'c' && i+1 < len(w) && w[i+1] == 'h' {
					i++ // chh
				}
			}
			n.add(string(brahmicLatinClass(d)))
		}
	}
	return n
}

// brahmicSounds are the Latin vowels that may spell each of the script's
// required vowels (brahmicName).
var brahmicSounds = map[byte]string{'A': "a", 'B': "ae", 'I': "ie", 'U': "uo", 'E': "ei", 'Y': "aeio", 'O': "ou", 'W': "aou", 'X': "ae"}

// brahmicVowelsAgree reports whether the script's vowels between two
// consonants (or before the first or after the last, at an end) and a
// Latin spelling's agree: each of the script's vowels spelled by a Latin
// vowel of its sound, a consonant's inherent a by a, o, e or u (Begum
// for বেগম) or by none,
// and where the script writes none, a single Latin vowel or none inside
// the name, and none at its ends.
func brahmicVowelsAgree(script, latin string, end bool) bool {
	required := strings.Map(func(r rune) rune {
		if r == 'S' || r == 'R' || r == 'G' {
			return -1 // written or not
		}
		return r
	}, script)
	switch {
	case script == "":
		return latin == "" || !end && len(latin) == 1
	case required == "" && strings.Contains(script, "G"):
		return len(latin) <= 2
	case required == "":
		if len(latin) > 1 {
			return false
		}
		return latin == "" || strings.Contains(script, "S") && strings.Contains("aoeu", latin) ||
			strings.Contains(script, "R") && strings.Contains("iu", latin)
	case latin == "" || len(latin) > 2*len(script)+1:
		return false
	}
	for i := 0; i < len(required); i++ {
		if !strings.ContainsAny(latin, brahmicSounds[required[i]]) {
			return false
		}
	}
	return true
}

// sameBrahmicName reports whether a name box in one of these scripts and
// one in Latin letters write one name: the same consonants in the same
// order, each spelled by a Latin consonant of one of its classes, and the
// vowels around them agreeing (brahmicVowelsAgree). A name of fewer than
// two consonants says too little.
func sameBrahmicName(script, latin string) bool {
	s, l := brahmicSpoken(script), latinBrahmicName(latin)
	if len(s.consonants) < 2 || !brahmicVowelsAgree(s.vowels[0], l.vowels[0], true) {
		return false
	}
	return s.matchFrom(l, 0, 0, map[[2]int]bool{})
}

// matchFrom reports whether s's consonants from i on spell l's from j on
// (sameBrahmicName), the vowels before them having agreed; failed holds
// the pairs already found not to.
func (s brahmicName) matchFrom(l brahmicName, i, j int, failed map[[2]int]bool) bool {
	if i == len(s.consonants) || j == len(l.consonants) {
		return i == len(s.consonants) && j == len(l.consonants)
	}
	if failed[[2]int{i, j}] {
		return false
	}
	for _, alt := range s.consonants[i] {
		k := j + len(alt)
		if k > len(l.consonants) {
			continue
		}
		ok := true
		for x := 0; x < len(alt) && ok; x++ {
			ok = l.consonants[j+x][0][0] == alt[x] && (x == 0 || l.vowels[j+x] == "")
		}
		if ok && brahmicVowelsAgree(s.vowels[i+1], l.vowels[k], i+1 == len(s.consonants)) && s.matchFrom(l, i+1, k, failed) {
			return true
		}
	}
	failed[[2]int{i, j}] = true
	return false
}

// brahmicLatinRead returns the names with those in one of these scripts
// written as the other record's Latin ones, and true, when one record
// writes its names in the script and the other in Latin letters and they
// are one name (sameBrahmicName) box for box, or with the boxes swapped,
// both boxes named, or a whole name in one box (brahmicWholeNameRead).
func (g guardNames) brahmicLatinRead() (guardNames, bool) {
	if r, ok := g.scriptLatinRead(hasBrahmic, sameBrahmicName); ok {
		return r, true
	}
	return g.brahmicWholeNameRead()
}

// brahmicWholeNameRead is brahmicLatinRead for a record that writes its
// whole name in one box (রুমানা নাহার / -, for Rumana / Nahar) or splits
// it otherwise: the record in the script takes the Latin record's names
// when its boxes, read one after the other, write them in either order.
func (g guardNames) brahmicWholeNameRead() (guardNames, bool) {
	booking, profile := g.written(hasBrahmic)
	if booking == profile {
		return g, false
	}
	script, latinFirst, latinLast := g.first+" "+g.last, g.profileFirst, g.profileLast
	if profile {
		script, latinFirst, latinLast = g.profileFirst+" "+g.profileLast, g.first, g.last
	}
	if hasBrahmic(latinFirst + latinLast) {
		return g, false
	}
	switch {
	case sameBrahmicName(script, latinFirst+" "+latinLast):
		return g.withOtherScriptRead(booking, latinFirst, latinLast), true
	case sameBrahmicName(script, latinLast+" "+latinFirst):
		return g.withOtherScriptRead(booking, latinLast, latinFirst), true
	}
	return g, false
}
