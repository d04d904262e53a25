package matcher

import "testing"

// A Chinese name in characters reads in Pinyin, a surname's character by
// its reading as a surname, simplified and traditional alike.
func TestHanRead(t *testing.T) {
	for in, want := range map[string]string{
		"王伟": "wangwei", "李娜": "lina", "张伟": "zhangwei", "張偉": "zhangwei", "陳建宏": "chenjianhong",
		"曾志伟": "zengzhiwei", "单田芳": "shantianfang", "解晓东": "xiexiaodong", "吕布": "lubu", "欧阳娜娜": "ouyangnana",
		"乐乐": "yuele", // the first character read as a surname, even in a given name's box
	} {
		if got := FoldName(in); got != want {
			t.Errorf("FoldName(%s) = %q, want %q", in, got, want)
		}
	}
}

// A Chinese customer who writes her name in characters on one visit and
// in Pinyin on another, in either order, in one box or two, is one person;
// another name on the family's email is not. In Taiwan, so is one who
// writes her name's Wade–Giles spelling, as her passport does; an English
// name reads as another name.
func TestHanGuard(t *testing.T) {
	checkGuard(t, []guardCase{
		{"王伟", "", "Wang", "Wei", "CN", true},
		{"伟", "王", "Wei", "Wang", "CN", true},
		{"Wang Wei", "", "伟", "王", "CN", true},
		{"WANG", "Wei", "王伟", "", "CN", true},
		{"Wangwei", "", "王伟", "", "CN", true},
		{"Xiao Ming", "Wang", "王小明", "", "CN", true},
		{"Wang Xiao-Ming", "", "王小明", "", "CN", true},
		{"陳建宏", "", "Chen", "Jianhong", "TW", true},
		{"王芳", "", "Wang", "Wei", "CN", false}, // his sister
		{"王伟", "", "王", "芳", "CN", false},
		{"Chen", "Chien-Hung", "陳建宏", "", "TW", true},
		{"CHEN, CHIEN-HUNG", "", "陳", "建宏", "TW", true},
		{"Chang Chih-Ming", "", "張志明", "", "TW", true},
		{"Huang", "Shu-Fen", "黃淑芬", "", "TW", true},
		{"Hsieh", "Chia-Hao", "謝家豪", "", "TW", true},
		{"Tsai", "Yi-Ting", "蔡宜庭", "", "TW", true},
		{"Chou", "Tzu-Yu", "周子瑜", "", "TW", true},
		{"Chen", "Chien-Ming", "陳建宏", "", "TW", false},
		{"Lin", "Mei-Hua", "林美玲", "", "TW", false},
		{"Wu", "Chien-Hung", "陳建宏", "", "TW", false},
		{"Jason", "Chen", "陳建宏", "", "TW", false},
		{"Chen", "Chien-Hung", "陳建宏", "", "CN", false}, // Wade–Giles is Taiwan's
		// A character is a whole syllable: its Pinyin a slip or a word
		// apart is another name, and women keep their surnames.
		{"劉怡君", "", "劉佩君", "", "TW", false}, // twins
		{"", "陳佩君", "", "陳怡君", "TW", false},
		{"", "陳冠宇", "Leo", "Chen", "TW", false}, // a father and his son
		{"", "蔡冠宇", "Kuan-ting", "Tsai", "TW", false},
		{"", "劉雅婷", "Chihwei", "Liu", "TW", false},
		{"一诺", "杨", "", "杨慧", "CN", false},
		{"Yating", "Liu", "彥廷", "劉", "TW", false},
		{"賴", "家宏", "Lai", "Kuan-Ting", "TW", false},
		{"MEI-HUI CHEN", "", "", "陳怡君", "TW", false},
	})
}

// Pinyin and Wade–Giles spellings of one syllable share a key.
func TestRomanizationKey(t *testing.T) {
	for _, p := range [][2]string{{"zhang", "chang"}, {"xie", "hsieh"}, {"jianhong", "chienhung"}, {"zhiming", "chihming"},
		{"cai", "tsai"}, {"zi", "tzu"}, {"si", "ssu"}, {"xu", "hsu"}, {"guo", "kuo"}, {"zhou", "chou"}, {"de", "te"}} {
		if a, b := romanizationKey(p[0]), romanizationKey(p[1]); a != b {
			t.Errorf("%s is %q, %s %q: want one key", p[0], a, p[1], b)
		}
	}
	if romanizationKey("chen") == romanizationKey("cheng") || romanizationKey("lin") == romanizationKey("ling") {
		t.Error("two syllables share a key")
	}
}
