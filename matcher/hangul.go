package matcher

import (
	"strings"
	"unicode/utf8"
)

// Korean customers write their names in Hangul (강서연) on one visit and in
// Latin letters (Kang Seo-yeon) on another. Hangul is an alphabet: each
// syllable is read here as FoldName folds it, its given name in the
// Revised Romanization (서연 is seoyeon, 민준 minjun) and its family name
// as Koreans write theirs in Latin letters (강 is Kang, 이 Lee, 박 Park),
// which the Revised Romanization does not (Gang, I, Bak).

// hangulInitials, hangulVowels and hangulFinals are the Revised
// Romanization of a syllable's three parts, in Unicode's order.
var (
	hangulInitials = [19]string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}
	hangulVowels   = [21]string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"}
	hangulFinals   = [28]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

// koreanFamilyNames are the family names of Korea as their bearers write
// them in Latin letters, the commonest spelling of each.
var koreanFamilyNames = map[string]string{
	"김": "kim", "이": "lee", "박": "park", "최": "choi", "정": "jung", "강": "kang", "조": "cho", "윤": "yoon",
	"장": "jang", "임": "lim", "한": "han", "오": "oh", "서": "seo", "신": "shin", "권": "kwon", "황": "hwang",
	"안": "ahn", "송": "song", "류": "ryu", "유": "yoo", "전": "jeon", "홍": "hong", "고": "ko", "문": "moon",
	"양": "yang", "손": "son", "배": "bae", "백": "baek", "허": "heo", "남": "nam", "심": "shim", "노": "noh",
	"하": "ha", "곽": "kwak", "성": "sung", "차": "cha", "주": "joo", "우": "woo", "구": "koo", "민": "min",
	"진": "jin", "나": "na", "지": "ji", "엄": "eom", "변": "byun", "채": "chae", "원": "won", "천": "cheon",
	"방": "bang", "공": "kong", "현": "hyun", "함": "ham", "염": "yeom", "여": "yeo", "추": "choo", "도": "do",
	"석": "seok", "선": "sun", "설": "seol", "마": "ma", "길": "gil", "연": "yeon", "표": "pyo", "명": "myung",
	"기": "ki", "반": "ban", "왕": "wang", "금": "keum", "옥": "ok", "육": "yook", "인": "in", "맹": "maeng",
	"제": "je", "모": "mo", "탁": "tak", "국": "kook", "봉": "bong", "경": "kyung", "태": "tae", "형": "hyung",
	"남궁": "namgung", "황보": "hwangbo", "제갈": "jegal", "선우": "sunwoo", "독고": "dokgo", "사공": "sagong", "서문": "seomun",
}

// isHangulSyllable reports whether r is a precomposed Hangul syllable.
func isHangulSyllable(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

// hasHangul reports whether s holds a Hangul syllable.
func hasHangul(s string) bool { return strings.ContainsFunc(s, isHangulSyllable) }

// hangulRead writes each word of Hangul syllables in s in Latin letters
// and leaves the rest as it is. A word of one syllable is a family name
// (강 is kang), and so is the first syllable of a word of three or four,
// a whole name written together (강서연 is kangseoyeon), or its first two
// when they are a family name of two (남궁민 is namgungmin); a word of two
// is a given name (서연 is seoyeon).
func hangulRead(s string) string {
	var b strings.Builder
	for s != "" {
		i := strings.IndexFunc(s, isHangulSyllable)
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		end := strings.IndexFunc(s, func(r rune) bool { return !isHangulSyllable(r) })
		if end < 0 {
			end = len(s)
		}
		b.WriteString(hangulWord(s[:end]))
		s = s[end:]
	}
	return b.String()
}

// hangulWord writes one word of Hangul syllables in Latin letters.
func hangulWord(w string) string {
	n := utf8.RuneCountInString(w)
	family := ""
	switch {
	case n == 1:
		family = w
	case n >= 3:
		if two := string([]rune(w)[:2]); koreanFamilyNames[two] != "" {
			family = two
		} else {
			family = string([]rune(w)[:1])
		}
	}
	var b strings.Builder
	if f, ok := koreanFamilyNames[family]; ok {
		b.WriteString(f)
		w = w[len(family):]
	}
	for _, r := range w {
		i := int(r - 0xAC00)
		b.WriteString(hangulInitials[i/(21*28)])
		b.WriteString(hangulVowels[i/28%21])
		b.WriteString(hangulFinals[i%28])
	}
	return b.String()
}

// koreanSpellings write a folded Korean given name's sounds one way
// whichever romanization spelled them: the Revised Romanization's eo and
// ui, and its g, d, b and j, as the spellings Korean-Americans and older
// passports use (Hyun-woo for 현우, hyeonu; Ji-young for 지영, jiyeong;
// Kyung-hee for 경희, gyeonghui; Chul-soo for 철수, cheolsu). Its eu
// stays: Seung (승) and Sung (성) are two names.
var koreanSpellings = strings.NewReplacer("yeo", "yu", "you", "yu", "eo", "u", "oo", "u", "ou", "u", "ee", "i", "ui", "i",
	"g", "k", "d", "t", "b", "p", "j", "ch", "sh", "s", "r", "l")

// koreanSpelling is a folded Korean given name as koreanSpellings write
// it, a w before u left out (seungwoo, seungu).
func koreanSpelling(folded string) string {
	return strings.ReplaceAll(koreanSpellings.Replace(folded), "wu", "u")
}
