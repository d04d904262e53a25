package matcher

import "testing"

// TestBrazilianNames: a Brazilian surname's particles (dos Santos,
// Pereira da Silva) may be written or not, Filho and Neto say which of a
// family's namesakes one is, the common short forms (Zé, Bia, Duda) are
// the name's, and a name split in two places, or written in one field, is
// keyed so that its records meet.
func TestBrazilianNames(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		first bool
		want  Level
	}{
		{"dos Santos", "Santos", false, LevelExact},
		{"Pereira da Silva", "Pereira Silva", false, LevelExact},
		{"Souza e Silva", "Souza da Silva", false, LevelExact},
		{"de Oliveira", "Oliveira", false, LevelCompound}, // de alone: De Rosa and Rosa are two
		{"Campos Souza de Lima", "Campos Souza Lima", false, LevelExact},
		{"Santos Rocha", "Rocha", false, LevelCompound},
		{"José", "Zé", true, LevelNickname}, {"Beatriz", "Bia", true, LevelNickname},
		{"Maria Eduarda", "Duda", true, LevelNickname}, {"Gabriel", "Biel", true, LevelNickname},
		{"Francisco", "Chico", true, LevelNickname}, {"Antônio", "Toninho", true, LevelNickname},
	} {
		if got := compareNames(newNameValue(c.a), newNameValue(c.b), c.first); got != c.want {
			t.Errorf("%s / %s: %s, want %s", c.a, c.b, got, c.want)
		}
	}
	for in, want := range map[string]string{"Nunes Filho": "jr", "Alves Neto": "neto", "Neto": "", "Matos Sobrinho": "sobrinho"} {
		if _, g := nameCore(in); g != want {
			t.Errorf("%s: generation %q, want %q", in, g, want)
		}
	}

	for _, c := range [][2]Profile{
		{{FirstName: "Ana Paula", LastName: "de Moraes", BirthDate: "1987-07-17"}, {FirstName: "Ana", LastName: "Paula de Moraes", BirthDate: "1987-07-17"}},
		{{FirstName: "CARLA PEREIRA BECKER", BirthDate: "1993-12-21"}, {FirstName: "Carla", LastName: "Pereira Becker", BirthDate: "1993-12-21"}},
		{{FirstName: "Maria", LastName: "dos Santos Rocha", BirthDate: "2010-01-29"}, {FirstName: "Maria Júlia", LastName: "Rocha", BirthDate: "2010-01-29"}},
	} {
		if !shareKey(c[0], c[1]) {
			t.Errorf("%s %s / %s %s share no blocking key", c[0].FirstName, c[0].LastName, c[1].FirstName, c[1].LastName)
		}
	}

	m := DefaultFuzzyModel()
	home := Address{Line1: "Rua Augusta, 147, apto 22", PostalCode: "01305-000", City: "São Paulo", Country: "BR"}
	for _, c := range []struct {
		a, b FuzzyInput
		want bool
	}{
		// The son with and without his Filho, born on one day: one man.
		{FuzzyInput{ID: "a", FirstName: "Ricardo", LastName: "Nunes Filho", BirthDate: "1987-03-25", Address: home},
			FuzzyInput{ID: "b", FirstName: "Ricardo", LastName: "Nunes", BirthDate: "1987-03-25", Address: home}, true},
		// The father and the son, born apart: two men.
		{FuzzyInput{ID: "a", FirstName: "Ricardo", LastName: "Nunes Filho", BirthDate: "1987-03-25", Address: home},
			FuzzyInput{ID: "b", FirstName: "Ricardo", LastName: "Nunes", BirthDate: "1958-11-02", Address: home}, false},
		// The Filho and his father, whose whole name one record writes in
		// one field: the son's Filho is not the father's.
		{FuzzyInput{ID: "a", FirstName: "Jorge de Jesus da Silva", Address: home},
			FuzzyInput{ID: "b", FirstName: "Jorge", LastName: "de Jesus da Silva Filho", Address: home}, false},
		// One name split in two places.
		{FuzzyInput{ID: "a", FirstName: "Ana Paula", LastName: "de Moraes", BirthDate: "1987-07-17"},
			FuzzyInput{ID: "b", FirstName: "Ana", LastName: "Paula de Moraes", BirthDate: "1987-07-17"}, true},
		{FuzzyInput{ID: "a", FirstName: "Manoel", LastName: "da Silva", BirthDate: "1965-10-26", Address: home},
			FuzzyInput{ID: "b", FirstName: "Manoel", LastName: "Silva", Address: home}, true},
	} {
		if s := m.Score(NewFuzzyRecord(c.a), NewFuzzyRecord(c.b)); s.Opens(DefaultFuzzyThreshold) != c.want {
			t.Errorf("%s %s %s / %s %s %s: %+v, want opens %v", c.a.FirstName, c.a.LastName, c.a.BirthDate,
				c.b.FirstName, c.b.LastName, c.b.BirthDate, s, c.want)
		}
	}
}
