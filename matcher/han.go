package matcher

import (
	"strings"
	"sync"
	"unicode"

	pinyin "github.com/mozillazg/go-pinyin"
)

// Chinese customers write their names in characters (王伟, 陳建宏) on one
// visit and in Latin letters on another (Wang Wei, Wei Wang). hanRead
// writes the characters in Hanyu Pinyin without its tones, as mainland
// passports do: each character's most common reading (go-pinyin's
// dictionary, simplified and traditional alike), ü as u (吕 is lu: people
// and forms type Lu, Lv or Lyu), and the first character of a name by its
// reading as a surname where that differs (曾 is Zeng, 单 Shan, 解 Xie: a
// name in characters begins with its surname, and a surname box holds
// only it). Taiwan's passports write Wade–Giles (Chang Chih-ming), which
// the name guard reads beside the characters in Taiwan (hanLatinRead);
// Hong Kong's write Cantonese (Chan Tai-man), which reads as another name,
// as do Japanese names in kanji, which need Japanese readings.

// hanArgs are go-pinyin's settings: Pinyin without tones, one reading of
// each character.
var hanArgs = pinyin.NewArgs()

// hanSurnames are the surnames whose character reads otherwise as a
// surname than go-pinyin's most common reading of it.
var hanSurnames = map[rune]string{
	'曾': "zeng", '单': "shan", '單': "shan", '解': "xie", '区': "ou", '區': "ou", '仇': "qiu", '朴': "piao",
	'查': "zha", '盖': "ge", '蓋': "ge", '乐': "yue", '樂': "yue", '缪': "miao", '繆': "miao", '翟': "zhai",
	'秘': "bi", '覃': "qin", '种': "chong", '種': "chong", '员': "yun", '員': "yun", '召': "shao", '长': "chang",
	'長': "chang", '重': "chong", '尉': "yu",
}

// isHan reports whether r is a Chinese character.
func isHan(r rune) bool { return r >= 0x2E80 && unicode.Is(unicode.Han, r) }

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool { return strings.ContainsFunc(s, isHan) }

// hanRead writes the Chinese characters of s in Pinyin (see above) and
// leaves the rest as it is.
func hanRead(s string) string {
	var b strings.Builder
	first := true
	for _, r := range s {
		if !isHan(r) {
			b.WriteRune(r)
			continue
		}
		reading := ""
		if first {
			reading = hanSurnames[r]
		}
		if reading == "" {
			reading = hanReading(r)
		}
		first = false
		b.WriteString(reading)
	}
	return b.String()
}

// wadeGilesRegions are the regions whose customers' passports spell their
// Chinese names in Wade–Giles, or near it: Taiwan (陳建宏 is Chen
// Chien-hung there, Chen Jianhong in Pinyin).
var wadeGilesRegions = setOf("TW")

// hanLatinRead returns the names with the ones in Chinese characters
// written as the other record's Latin ones, and true, in a region of
// wadeGilesRegions, when one record writes its names in characters and
// the other in Latin letters and they read alike (romanizationKey: Pinyin
// and Wade–Giles spell them alike) box for box, with the boxes swapped, or
// as one whole name however the boxes split it (陳建宏 for Chen /
// Chien-hung): every syllable in its place, none a slip apart.
func (g guardNames) hanLatinRead() (guardNames, bool) {
	if !wadeGilesRegions[strings.ToUpper(g.region)] {
		return g, false
	}
	booking, profile := g.written(hasHan)
	if booking == profile {
		return g, false
	}
	k := func(s string) string { return romanizationKey(FoldName(s)) }
	f, l, pf, pl := k(g.first), k(g.last), k(g.profileFirst), k(g.profileLast)
	if len(f)+len(l) < 4 {
		return g, false
	}
	first, last := g.profileFirst, g.profileLast // the other record's names, in the characters' boxes
	if profile {
		first, last = g.first, g.last
	}
	switch {
	case f == pf && l == pl:
	case f == pl && l == pf:
		first, last = last, first
	case f+l == pf+pl || f+l == pl+pf:
		// One whole name, split otherwise: the Latin one as written.
	default:
		return g, false
	}
	return g.withOtherScriptRead(booking, first, last), true
}

// romanizationKey is a folded syllable (or syllables run together) as
// Pinyin and Wade–Giles write it alike: Wade–Giles's hs, ch, ts and tz,
// -ih, -ieh, -ien, -ung, -uei, p, t and k are Pinyin's x, zh, ch, j or q,
// z or c, -i, -ie, -ian, -ong, -ui, b, d and g (Hsieh Chih-ming is Xie
// Zhiming, Chang Chien-hung Zhang Jianhong).
func romanizationKey(w string) string {
	for _, r := range romanizationPasses {
		w = r.Replace(w)
	}
	return w
}

// romanizationPasses are romanizationKey's replacements, in order: a pass
// replaces what the one before wrote.
var romanizationPasses = []*strings.Replacer{
	strings.NewReplacer("tzu", "zi", "ssu", "si", "szu", "si", "ieh", "ie", "yeh", "ye"),
	strings.NewReplacer("hs", "s", "sh", "s", "zh", "j", "ch", "j", "tz", "z", "ts", "z", "x", "s", "q", "j", "c", "z"),
	strings.NewReplacer("ih", "i", "ian", "ien", "yan", "yen", "ong", "ung", "uei", "ui"),
	strings.NewReplacer("b", "p", "d", "t", "g", "k"),
}

// hanReadings are the readings hanReading has looked up, by character: a
// customer file's names repeat a few thousand characters, which go-pinyin
// reads with a regular expression each time.
var hanReadings sync.Map

// hanReading is a character's most common reading in Pinyin without its
// tones, ü as u (lv: 吕 is Lu), or the character itself when the
// dictionary lacks it.
func hanReading(r rune) string {
	if v, ok := hanReadings.Load(r); ok {
		return v.(string)
	}
	reading := string(r)
	if readings := pinyin.SinglePinyin(r, hanArgs); len(readings) > 0 {
		reading = strings.ReplaceAll(readings[0], "v", "u")
	}
	hanReadings.Store(r, reading)
	return reading
}
