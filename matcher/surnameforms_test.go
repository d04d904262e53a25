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

func TestGenerationsTellApart(t *testing.T) {
	for _, tc := range []struct {
		first, last, birth, pfirst, plast, pbirth string
		want                                      bool
	}{
		{"John", "Smith Jr.", "", "John", "Smith Sr.", "", true},
		{"John", "Smith Jr", "", "John", "Smith Junior", "", false},
		{"John", "Smith II", "", "John", "Smith Jr", "", false},
		{"Robert", "Beard III", "", "Robert", "Beard II", "", true},
		{"Robert", "Beard 3rd", "", "Robert", "Beard III", "", false},
		{"Robert", "Beard 3rd", "", "Robert", "Beard 2nd", "", true},
		{"John", "Smith", "", "John", "Smith", "", false},
		// One side only: which of the two the other is, only the dates say.
		{"William", "Romano Sr", "1956-03-28", "William", "Romano", "", true},
		{"John", "Smith", "", "John", "Smith Jr", "", true},
		{"Mark Jr", "Peterson", "", "Mark", "Peterson", "", true},
		{"João", "Silva Filho", "1990-02-03", "João", "Silva", "1962-07-01", true},
		{"John", "Smith", "1982-03-17", "John", "Smith Jr", "1982-03-17", false},
		{"John", "Smith", "1982-03-17", "John", "Smith Jr", "1982-03-18", false},
		{"John", "Smith", "1982-07-03", "John", "Smith Jr", "1982-03-07", false},
	} {
		if got := generationsTellApart(tc.first, tc.last, tc.birth, tc.pfirst, tc.plast, tc.pbirth); got != tc.want {
			t.Errorf("generationsTellApart(%s %s %s, %s %s %s) = %v, want %v", tc.first, tc.last, tc.birth,
				tc.pfirst, tc.plast, tc.pbirth, got, tc.want)
		}
	}
}

// TestMiddleNamesOfTwoGenders: Thị and Văn, wherever the form put them,
// are a woman and a man; one side without either, or a name with both
// (Thị Vân, a woman named Vân), says nothing.
func TestMiddleNamesOfTwoGenders(t *testing.T) {
	for _, tc := range []struct {
		first, last, pfirst, plast string
		want                       bool
	}{
		{"Thanh", "Van Le", "THI THANH", "LE", true},
		{"Nguyen", "Thị Dung", "Nguyen", "Van Dung", true},
		{"Dung", "Nguyen", "Van Dung", "Nguyen", false},
		{"Thi Van", "Tran", "Van", "Tran", false},
		{"Anna", "van Dijk", "Anna", "van Dijk", false},
		{"Thi Mai", "Pham", "Mai", "Pham", false},
	} {
		if got := middleNamesOfTwoGenders(tc.first, tc.last, tc.pfirst, tc.plast); got != tc.want {
			t.Errorf("middleNamesOfTwoGenders(%s %s, %s %s) = %v, want %v", tc.first, tc.last, tc.pfirst, tc.plast, got, tc.want)
		}
	}
}
