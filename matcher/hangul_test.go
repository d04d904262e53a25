package matcher

import "testing"

// TestHangulRead: a Korean name in Hangul folds as its Latin writing: the
// given name in the Revised Romanization, the family name as Koreans
// write theirs, alone or at the head of a whole name written together.
func TestHangulRead(t *testing.T) {
	for in, want := range map[string]string{
		"서연": "seoyeon", "민준": "minjun", "강": "kang", "이": "lee", "박": "park", "김민준": "kimminjun",
		"강 서연": "kangseoyeon", "남궁민수": "namgungminsu", "정국": "jeongguk", "최지우": "choijiu",
		"Kim 민준": "kimminjun", "송 미영": "songmiyeong",
	} {
		if got := FoldName(in); got != want {
			t.Errorf("FoldName(%q) = %q, want %q", in, got, want)
		}
	}
	// One customer in two alphabets, on the guard's side and the fuzzy one.
	if !NamesCompatible("서연", "Seo-Yeon") || !NamesSwapped("강", "서연", "Seo-yeon", "Kang") {
		t.Error("서연 / 강 is not Seo-yeon Kang")
	}
	if l := compareNames(newNameValue("강"), newNameValue("Kang"), false); l != LevelExact {
		t.Errorf("강 / Kang: %s, want exact", l)
	}
}

// TestHangulAgainstPopularSpellings: a Korean given name in Hangul and
// the spelling Korean-Americans and older passports give it, not the
// Revised Romanization's, are one name; another name stays another.
func TestHangulAgainstPopularSpellings(t *testing.T) {
	for _, tt := range []struct {
		latin, hangul string
		want          bool
	}{
		{"Hyun-woo", "현우", true},
		{"Ji-young", "지영", true},
		{"Dong-hyun", "동현", true},
		{"Kyung-hee", "경희", true},
		{"Chul-soo", "철수", true},
		{"Young-ho", "영호", true},
		{"Ji-hoon", "지훈", true},
		{"Ji-young", "지연", false},
		{"Hyun-woo", "현수", false},
		{"Min-ji", "지영", false},
	} {
		if got := NamesCompatible(tt.latin, tt.hangul); got != tt.want {
			t.Errorf("NamesCompatible(%s, %s) = %v, want %v", tt.latin, tt.hangul, got, tt.want)
		}
	}
}
