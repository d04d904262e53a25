package matcher

import (
	"slices"
	"strings"
)

// Myanmar's customers have no family name: a name of one to four
// syllables (Kyaw Zaw Win, Thida), which forms split over their two boxes
// in any way, with an honorific before it or not (U, Daw, Ko, Ma, Maung),
// written in Burmese letters on one visit (ကျော်ဇော်ဝင်း) and in Latin ones
// on another, whose spellings differ (Htun, Tun; Kyaw, Kyo; Win, Winn).
// FoldName reads Burmese syllable by syllable as the commonest spelling
// writes it (burmeseRead: ကျော် is kyaw, အောင် aung, မြင့် myint); in
// Myanmar the name guard compares the whole names as myanmarKey reads
// them.

// burmeseOnsets are the consonants from U+1000 (က) to U+1021 (အ), as
// Latin spellings write them at a syllable's head.
var burmeseOnsets = [...]string{
	"k", "kh", "g", "g", "ng", "s", "hs", "z", "z", "ny", "ny", "t", "ht", "d", "d", "n", // က to ဏ
	"t", "ht", "d", "d", "n", "p", "ph", "b", "b", "m", "y", "y", "l", "w", "th", "h", "l", "", // တ to အ
}

// burmeseSyllable is a syllable of a Burmese word: its onset (a
// consonant from U+1000, -1 for none), its medials, its vowel signs, its
// final consonant (-1 for none) and whether it ends in the creaky tone's
// dot (့).
type burmeseSyllable struct {
	onset, final              rune
	medialY, medialW, medialH bool
	vowels                    string // the signs' letters: a (ာ, ါ), i (ိ, ီ), u (ု, ူ), e (ေ), E (ဲ), n (ံ)
	dot                       bool
}

// isBurmese reports whether r is a letter, sign or digit of the Myanmar
// script.
func isBurmese(r rune) bool { return r >= 0x1000 && r <= 0x109F }

// hasBurmese reports whether s holds one.
func hasBurmese(s string) bool { return strings.ContainsFunc(s, isBurmese) }

// burmeseConsonant reports whether r is one of the consonants from က to
// အ.
func burmeseConsonant(r rune) bool { return r >= 0x1000 && r <= 0x1021 }

// burmeseSyllables splits a word of Burmese letters into its syllables:
// a consonant starts one unless the asat (်) or the stacking virama (္)
// follows it, which make it the syllable's final.
func burmeseSyllables(w string) []burmeseSyllable {
	rs := []rune(w)
	var out []burmeseSyllable
	cur := func() *burmeseSyllable { return &out[len(out)-1] }
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case burmeseConsonant(r):
			// The tone marks may stand between a final and its asat (င့်).
			j := i + 1
			for j < len(rs) && (rs[j] == '့' || rs[j] == 'း') {
				j++
			}
			if j < len(rs) && (rs[j] == '်' || rs[j] == '္') && len(out) > 0 && cur().final < 0 {
				cur().final = r
				cur().dot = cur().dot || slices.Contains(rs[i+1:j], '့')
				if rs[j] == '်' {
					i = j
				} else {
					i = j - 1
				}
				continue
			}
			out = append(out, burmeseSyllable{onset: r, final: -1})
		case r >= 0x1023 && r <= 0x102A: // ဣ ဤ ဥ ဦ ဧ ဩ ဪ: a vowel alone
			v := map[rune]string{'ဣ': "i", 'ဤ': "i", 'ဥ': "u", 'ဦ': "u", 'ဧ': "e", 'ဩ': "ea", 'ဪ': "ea"}[r]
			out = append(out, burmeseSyllable{onset: -1, final: -1, vowels: v})
		case len(out) == 0:
			// a sign with no letter before it: left out
		case r == 'ျ' || r == 'ြ':
			cur().medialY = true
		case r == 'ွ':
			cur().medialW = true
		case r == 'ှ':
			cur().medialH = true
		case r == 'ာ' || r == 'ါ':
			cur().vowels += "a"
		case r == 'ိ' || r == 'ီ':
			cur().vowels += "i"
		case r == 'ု' || r == 'ူ':
			cur().vowels += "u"
		case r == 'ေ':
			cur().vowels += "e"
		case r == 'ဲ':
			cur().vowels += "E"
		case r == 'ံ':
			cur().vowels += "n"
		case r == '့':
			cur().dot = true
		}
	}
	return out
}

// latin writes a syllable as the commonest Latin spelling writes it:
// ကျော် kyaw, ချို cho, ထွန်း htun, လှိုင် hlaing, မြင့် myint, ရွှေ shwe.
func (y burmeseSyllable) latin() string {
	onset := ""
	if y.onset >= 0 {
		onset = burmeseOnsets[y.onset-0x1000]
	}
	rhyme, roundedFinal := y.rhyme()
	switch {
	case y.medialY && y.onset == 'ခ':
		onset = "ch" // ချို is Cho, ချော Chaw
	case y.medialY && y.onset == 'င':
		onset = "ny" // ငြိမ်း is Nyein
	case y.medialY && y.medialH && (y.onset == 'လ' || y.onset == 'ရ'):
		onset = "sh" // လျှ
	case y.medialY:
		onset += "y"
	}
	switch {
	case y.medialH && y.onset == 'ရ':
		onset = "sh" // ရှ, ရွှေ is Shwe
	case y.medialH && !y.medialY:
		onset = "h" + onset // လှ is Hla, နှင်း Hnin
	}
	if y.medialW && !roundedFinal {
		onset += "w" // ပွင့် is Pwint, နွဲ့ Nwe
	}
	if onset == "" && rhyme == "ay" {
		return "aye" // အေး is Aye
	}
	if onset == "" && rhyme == "i" {
		return "ei" // အိ is Ei
	}
	return onset + rhyme
}

// rhyme is a syllable's vowel and final as Latin spellings write them,
// and whether its w medial is written in it (ွန် is un: ထွန်း, Htun).
func (y burmeseSyllable) rhyme() (string, bool) {
	v := y.vowels
	nasal := strings.Contains(v, "n")
	v = strings.ReplaceAll(v, "n", "")
	final := y.final
	if nasal && final < 0 {
		final = 'န' // ံ: as န်
	}
	open := map[string]string{"": "a", "a": "a", "i": "i", "u": "u", "e": "ay", "E": "e", "ea": "aw", "iu": "o", "ui": "o"}
	if final < 0 {
		if r, ok := open[v]; ok {
			return r, false
		}
		return strings.ReplaceAll(v, "E", "e"), false
	}
	dotT := ""
	if y.dot {
		dotT = "t" // သန့် is Thant, မြင့် Myint
	}
	switch final {
	case 'က':
		switch v {
		case "ea":
			return "auk", false
		case "iu", "ui":
			return "aik", false
		case "":
			return "et", false
		}
	case 'င':
		switch v {
		case "ea":
			return "aung", false
		case "iu", "ui":
			return "aing", false
		case "":
			return "in" + dotT, false
		}
	case 'စ':
		return "it", false
	case 'ဉ':
		return "in" + dotT, false
	case 'ည':
		return "i", false // ကြည် is Kyi, ဇာနည် Zarni
	case 'တ', 'ပ':
		switch {
		case y.medialW:
			return "ut", true
		case v == "i":
			return "eik", false
		case v == "u":
			return "ok", false
		}
		return "at", false
	case 'န', 'မ':
		switch {
		case y.medialW:
			return "un" + dotT, true
		case v == "i":
			return "ein" + dotT, false
		case v == "u":
			return "on" + dotT, false
		}
		return "an" + dotT, false
	case 'ယ':
		return "e", false
	}
	r, ok := open[v]
	if !ok {
		r = v
	}
	return r + burmeseOnsets[final-0x1000], false
}

// burmeseRead writes the Burmese letters of s syllable by syllable as the
// commonest Latin spelling writes them, a space between two (the name
// guard reads them one by one; FoldName leaves the spaces out), and its
// digits as ASCII ones; the rest stays as it is.
func burmeseRead(s string) string {
	var b strings.Builder
	rs := []rune(s)
	inWord := func(r rune) bool { return isBurmese(r) && !(r >= 0x1040 && r <= 0x104F) } // not a digit or a sign of punctuation
	for i := 0; i < len(rs); {
		if !inWord(rs[i]) {
			switch r := rs[i]; {
			case r >= 0x1040 && r <= 0x1049:
				b.WriteRune('0' + r - 0x1040)
			case r == '၊' || r == '။':
				b.WriteByte(',')
			default:
				b.WriteRune(r)
			}
			i++
			continue
		}
		j := i
		for j < len(rs) && inWord(rs[j]) {
			j++
		}
		for k, y := range burmeseSyllables(string(rs[i:j])) {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(y.latin())
		}
		i = j
	}
	return b.String()
}

// myanmarHonorifics are the honorifics written before a name in Myanmar,
// as myanmarKey reads them: U, Daw, Ko, Ma, Maung (Mg), Saw, Naw, Sai and
// Nang, and Burmese's ဦး, ဒေါ်, ကို, မ, မောင်, စော, နော်, စိုင်း, နန်း.
var myanmarHonorifics = func() map[string]bool {
	m := map[string]bool{}
	for _, h := range []string{"u", "daw", "ko", "ma", "maung", "mg", "saw", "naw", "sai", "saing", "nang", "nan"} {
		m[myanmarKey(h)] = true
	}
	return m
}()

// myanmarLongVowels and myanmarSounds are the spellings of one sound that
// myanmarKey writes alike, after its h are left out: ee, ei, ie and i; oo,
// ue and u; oe and o; aw, ao, au and ow; ay, ae, ai, ey and e.
var (
	myanmarLongVowels = strings.NewReplacer("ee", "i", "oo", "u", "ei", "i", "ie", "i")
	myanmarSounds     = strings.NewReplacer("ue", "u", "oe", "o", "aw", "o", "ao", "o", "au", "o", "ow", "o",
		"ay", "e", "ae", "e", "ai", "e", "ey", "e")
)

// myanmarVoiced writes the consonants a Burmese syllable says voiced
// after another (သီတာ is Thida) as the voiced ones, and r as y (သူရ is
// Thura and Thuya).
var myanmarVoiced = strings.NewReplacer("t", "d", "k", "g", "p", "b", "s", "z", "c", "j", "r", "y")

// myanmarKey is a syllable or a word of a Myanmar name as the guard
// compares it: folded, its h left out (Htun and Tun, Phyo and Pyo, Hlaing
// and Laing, Khin and Kin), one spelling of each vowel (myanmarSounds),
// ar as a before a consonant or at the end (Sandar, Sanda; Zarni, Zani),
// nt and ng as n there (Thant, Than; Myint, Mying), voiced and voiceless
// consonants alike (myanmarVoiced), and a letter written twice as one
// (Winn, Win).
func myanmarKey(s string) string {
	f := myanmarLongVowels.Replace(strings.ReplaceAll(FoldName(s), "h", ""))
	f = myanmarSounds.Replace(myanmarSounds.Replace(f))
	vowel := func(i int) bool { return i < len(f) && strings.IndexByte("aeiou", f[i]) >= 0 }
	b := make([]byte, 0, len(f))
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch {
		case c == 'r' && i > 0 && f[i-1] == 'a' && !vowel(i+1):
			continue // Sandar, Zarni
		case (c == 't' || c == 'g') && i > 0 && f[i-1] == 'n' && !vowel(i+1):
			continue // Thant, Mying
		}
		b = append(b, c)
	}
	f = myanmarVoiced.Replace(string(b))
	b = b[:0]
	for i := 0; i < len(f); i++ {
		if n := len(b); n > 0 && b[n-1] == f[i] {
			continue
		}
		b = append(b, f[i])
	}
	return string(b)
}

// myanmarNameKeys are the keys of a whole name written in a record's two
// boxes (myanmarKey, word by word or syllable by syllable), the boxes read
// in either order, a box that repeats the other or holds no name left out,
// and the honorifics before it left out (U Kyaw Win is Kyaw Win).
func myanmarNameKeys(first, last string) []string {
	words := func(s string) []string {
		if hasBurmese(s) {
			s = burmeseRead(s)
		}
		var out []string
		for _, w := range strings.FieldsFunc(s, wordBreak) {
			if k := myanmarKey(w); k != "" && !placeholderWord(w) {
				out = append(out, k)
			}
		}
		return out
	}
	a, b := withoutHonorifics(words(first)), withoutHonorifics(words(last))
	orders := [][2][]string{{a, b}, {b, a}}
	if strings.Join(a, "") == strings.Join(b, "") {
		orders = append(orders, [2][]string{a, nil}) // Lay Phyu / Lay Phyu, or Thin / Thin for Thin Thin
	}
	var keys []string
	for _, order := range orders {
		w := withoutHonorifics(append(append([]string{}, order[0]...), order[1]...))
		if k := strings.Join(w, ""); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// withoutHonorifics returns a name's keys without the honorifics before
// it (myanmarHonorifics), its last kept.
func withoutHonorifics(w []string) []string {
	for len(w) > 1 && myanmarHonorifics[w[0]] {
		w = w[1:]
	}
	return w
}

// placeholderWord reports whether a word is what a form takes for no name
// (NA, Nil, None).
func placeholderWord(w string) bool {
	switch FoldName(w) {
	case "na", "nil", "none", "null", "nill":
		return true
	}
	return false
}

// myanmarRead returns both records' names as one key (myanmarNameKeys),
// and true, when their whole names are one: the same key, or a slip apart
// where both are of six letters or more (Aung Min is not Aung Myint).
// named is false when either record writes no name.
func (g guardNames) myanmarRead() (read guardNames, one, named bool) {
	xs, ys := myanmarNameKeys(g.first, g.last), myanmarNameKeys(g.profileFirst, g.profileLast)
	for _, x := range xs {
		for _, y := range ys {
			if x == y || min(len(x), len(y)) >= 6 && EditDistance(x, y) <= 1 {
				g.first, g.last, g.profileFirst, g.profileLast = x, "", x, ""
				return g, true, true
			}
		}
	}
	return g, false, len(xs) > 0 && len(ys) > 0
}
