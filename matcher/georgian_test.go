package matcher

import "testing"

// Georgian customers write their names in Georgian letters on one visit
// and in Latin ones on another: the national system's Latin letters are
// the name's folded form, in capitals (Mtavruli) too.
func TestGeorgianLetters(t *testing.T) {
	for in, want := range map[string]string{
		"გიორგი": "giorgi", "ᲒᲘᲝᲠᲒᲘ": "giorgi", "ბერიძე": "beridze", "წიკლაური": "tsiklauri",
		"ყიფიანი": "qipiani", "ქეთევან": "ketevan", "მამულაშვილი": "mamulashvili", "ჟღენტი": "zhghenti",
		"ჭავჭავაძე": "chavchavadze", "ხარაზიშვილი": "kharazishvili",
	} {
		if got := FoldName(in); got != want {
			t.Errorf("FoldName(%s) = %q, want %q", in, got, want)
		}
	}
	checkGuard(t, []guardCase{
		{"გიორგი", "ბერიძე", "Giorgi", "Beridze", "GE", true},
		{"Giorgi", "Beridze", "გიორგი", "ბერიძე", "GE", true},
		{"გიორგი ბერიძე", "", "Giorgi", "Beridze", "GE", true},
		{"Giorgi", "Tsiklauri", "გიორგი", "წიკლაური", "GE", true},
		{"ნინო", "ბერიძე", "Giorgi", "Beridze", "GE", false}, // his sister on the family's email
		{"Davit", "Beridze", "გიორგი", "ბერიძე", "GE", false},
	})
}
