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
// another name on the family's email is not. Taiwan's Wade–Giles
// spellings and English names read as other names.
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
		{"Chen", "Chien-Hung", "陳建宏", "", "TW", false},
	})
}
