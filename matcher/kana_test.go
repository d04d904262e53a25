package matcher

import "testing"

// TestKanaRead: a name written in kana folds to its Latin writing, and is
// the same name as the Latin one.
func TestKanaRead(t *testing.T) {
	for in, want := range map[string]string{
		"ケイコ": "keiko", "けいこ": "keiko", "スズキ": "suzuki", "サトウ": "satou", "ユウキ": "yuuki",
		"リョウタ": "ryouta", "キョウコ": "kyouko", "ジュン": "jun", "シンイチ": "shinichi", "チヒロ": "chihiro",
		"ハットリ": "hattori", "ショウタ": "shouta", "ファミリー": "famiri", "ヴィクトリア": "vikutoria",
		"ケイコ スズキ": "keikosuzuki", "田中": "tianzhong" /* kanji read as Chinese characters, not as Japanese: han.go */, "Keiko": "keiko", "イトウ・ケンジ": "itoukenji",
	} {
		if got := FoldName(in); got != want {
			t.Errorf("FoldName(%q) = %q, want %q", in, got, want)
		}
	}
	for _, p := range [][2]string{{"ケイコ", "Keiko"}, {"リョウタ", "Ryota"}, {"ゆうき", "Yuki"}, {"シンイチ", "Shinichi"}} {
		if !NamesCompatible(p[0], p[1]) {
			t.Errorf("%s and %s: two names, want one", p[0], p[1])
		}
	}
	if NamesCompatible("ハルカ", "Haruki") {
		t.Error("ハルカ (Haruka) and Haruki: one name, want two")
	}
}
