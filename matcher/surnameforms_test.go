package matcher

import "testing"

func TestSurnameFormsOfTwoGenders(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"Kowalski", "Kowalska", true},
		{"Wiśniewska", "Wisniewski", true},
		{"Zieliński", "Zielińska-Nowak", true},
		{"Ivanov", "Ivanova", true},
		{"Lebedeva", "Lebedev", true},
		{"Pushkin", "Pushkina", true},
		{"Dostoyevsky", "Dostoyevskaya", true},
		{"Tolstoy", "Tolstaya", true},
		{"Novák", "Nováková", true},
		{"Svoboda", "Svobodová", true},
		{"Němec", "Němcová", true},
		{"Marek", "Marková", true},
		{"Novotný", "Novotná", true},
		{"Kazlauskas", "Kazlauskienė", true},
		{"Kazlauskas", "Kazlauskaitė", true},
		{"Bērziņš", "Bērziņa", true},
		{"Papadopoulos", "Papadopoulou", true},
		{"Jónsson", "Jónsdóttir", true},

		{"Kowalska", "Kowalska", false},
		{"Kowalski", "Kowalsky", false}, // a slip, one gender
		{"Smith", "Smyth", false},
		{"Martin", "Martinez", false},
		{"Nowak", "Nowakowska", false},
		{"García", "Garcías", false},
		{"Ivanova", "Petrova", false},
		{"", "Kowalska", false},
	} {
		if got := surnameFormsOfTwoGenders(tc.a, tc.b); got != tc.want {
			t.Errorf("surnameFormsOfTwoGenders(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestGenerationsDiffer(t *testing.T) {
	for _, tc := range []struct {
		first, last, pfirst, plast string
		want                       bool
	}{
		{"John", "Smith Jr.", "John", "Smith Sr.", true},
		{"John", "Smith Jr", "John", "Smith Junior", false},
		{"John", "Smith", "John", "Smith Jr", false},
		{"Robert", "Beard III", "Robert", "Beard II", true},
		{"João", "Silva Filho", "João", "Silva", false},
	} {
		if got := generationsDiffer(tc.first, tc.last, tc.pfirst, tc.plast); got != tc.want {
			t.Errorf("generationsDiffer(%s %s, %s %s) = %v, want %v", tc.first, tc.last, tc.pfirst, tc.plast, got, tc.want)
		}
	}
}
