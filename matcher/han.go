package matcher

import (
	"strings"
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
// only it). Taiwan's and Hong Kong's passports write other romanizations
// (Chang Chih-ming, Chan Tai-man), which read as other names; so do
// Japanese names in kanji, which need Japanese readings.

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
			if readings := pinyin.SinglePinyin(r, hanArgs); len(readings) > 0 {
				reading = strings.ReplaceAll(readings[0], "v", "u") // lv: 吕 is Lu
			} else {
				reading = string(r) // a character the dictionary lacks: as written
			}
		}
		first = false
		b.WriteString(reading)
	}
	return b.String()
}
