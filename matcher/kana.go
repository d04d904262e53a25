package matcher

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Japanese customers write their names in kanji, in kana (the reading:
// ケイコ, けいこ) or in Latin letters (Keiko). Kanji need a dictionary to
// read; kana are read here, as FoldName folds them, in Hepburn: the kana
// and the Latin writing of one name are one name.

// kanaSyllables are the katakana's readings; hiragana are read as their
// katakana (kanaToKatakana).
var kanaSyllables = map[rune]string{
	'ア': "a", 'イ': "i", 'ウ': "u", 'エ': "e", 'オ': "o",
	'カ': "ka", 'キ': "ki", 'ク': "ku", 'ケ': "ke", 'コ': "ko", 'ガ': "ga", 'ギ': "gi", 'グ': "gu", 'ゲ': "ge", 'ゴ': "go",
	'サ': "sa", 'シ': "shi", 'ス': "su", 'セ': "se", 'ソ': "so", 'ザ': "za", 'ジ': "ji", 'ズ': "zu", 'ゼ': "ze", 'ゾ': "zo",
	'タ': "ta", 'チ': "chi", 'ツ': "tsu", 'テ': "te", 'ト': "to", 'ダ': "da", 'ヂ': "ji", 'ヅ': "zu", 'デ': "de", 'ド': "do",
	'ナ': "na", 'ニ': "ni", 'ヌ': "nu", 'ネ': "ne", 'ノ': "no",
	'ハ': "ha", 'ヒ': "hi", 'フ': "fu", 'ヘ': "he", 'ホ': "ho", 'バ': "ba", 'ビ': "bi", 'ブ': "bu", 'ベ': "be", 'ボ': "bo",
	'パ': "pa", 'ピ': "pi", 'プ': "pu", 'ペ': "pe", 'ポ': "po",
	'マ': "ma", 'ミ': "mi", 'ム': "mu", 'メ': "me", 'モ': "mo", 'ヤ': "ya", 'ユ': "yu", 'ヨ': "yo",
	'ラ': "ra", 'リ': "ri", 'ル': "ru", 'レ': "re", 'ロ': "ro", 'ワ': "wa", 'ヰ': "i", 'ヱ': "e", 'ヲ': "o", 'ン': "n", 'ヴ': "vu",
}

// smallKana are the small kana written after a syllable: ャュョ turn an
// i-syllable into a y-one (キョ kyo, シャ sha, ジュ ju), ァィゥェォ change
// the syllable's vowel (ファ fa, ティ ti).
var smallKana = map[rune]string{'ャ': "a", 'ュ': "u", 'ョ': "o", 'ァ': "a", 'ィ': "i", 'ゥ': "u", 'ェ': "e", 'ォ': "o"}

// hasKana reports whether s holds a hiragana or katakana letter.
func hasKana(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r >= 0x3041 && r <= 0x30FF })
}

// kanaToKatakana writes a hiragana letter as its katakana.
func kanaToKatakana(r rune) rune {
	if r >= 0x3041 && r <= 0x3096 {
		return r + 0x60
	}
	return r
}

// kanaRead writes the kana of s in Latin letters (Hepburn, a long vowel as
// its kana write it: サトウ is satou, ユウキ yuuki; the mark ー left out) and
// leaves the rest as it is.
func kanaRead(s string) string {
	var b strings.Builder
	rs := []rune(norm.NFC.String(s))
	double := false // a small ッ: the next consonant is doubled
	for i := 0; i < len(rs); i++ {
		r := kanaToKatakana(rs[i])
		switch syllable, ok := kanaSyllables[r]; {
		case r == 'ッ':
			double = true
			continue
		case r == 'ー' || r == '・':
			if r == '・' {
				b.WriteByte(' ') // the dot between a foreign name's words
			}
		case ok:
			if i+1 < len(rs) {
				if v, small := smallKana[kanaToKatakana(rs[i+1])]; small {
					syllable, i = withSmallKana(syllable, kanaToKatakana(rs[i+1]), v), i+1
				}
			}
			if double && !isVowel(rune(syllable[0])) && syllable != "n" {
				b.WriteByte(syllable[0])
			}
			b.WriteString(syllable)
		default:
			if v, small := smallKana[r]; small {
				b.WriteString(v) // a small vowel alone: its sound
			} else {
				b.WriteRune(rs[i])
			}
		}
		double = false
	}
	return b.String()
}

// withSmallKana is a syllable followed by a small kana: キ and ョ are kyo,
// シ and ャ sha, チ and ュ chu, ジ and ョ jo; フ and ァ fa, テ and ィ ti.
func withSmallKana(syllable string, small rune, vowel string) string {
	stem := syllable[:len(syllable)-1]
	switch small {
	case 'ャ', 'ュ', 'ョ':
		if stem == "sh" || stem == "ch" || stem == "j" {
			return stem + vowel
		}
		return stem + "y" + vowel
	}
	return stem + vowel
}
