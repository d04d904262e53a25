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
