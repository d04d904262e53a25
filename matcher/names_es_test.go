package matcher

import (
	"slices"
	"testing"
)

// TestSpanishSurnames: a Spanish customer carries two surnames, which
// forms write in either order, the second sometimes as its initial or not
// at all; all agree at the compound level. Two different second surnames
// are two people, even when the names' codes (four sounds) agree.
func TestSpanishSurnames(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want Level
	}{
		{"Navarro Fernández", "Fernández Navarro", LevelCompound},
		{"Ortiz Martínez", "Martínez Ortiz", LevelCompound},
		{"de la Torre Ruiz", "Ruiz de la Torre", LevelCompound},
		{"Ruiz R.", "Ruiz Rodríguez", LevelCompound},
		{"Rodríguez M.", "Rodríguez Martín", LevelCompound},
		{"Cano G.", "Cano García", LevelCompound},
		{"García L.", "García López", LevelCompound},
		{"García López", "García", LevelCompound},
		{"García López", "García-López", LevelExact},
		{"Fernández Lppez", "Fernández López", LevelTypo},
		{"Fernández Navarro", "Fernández López", LevelDifferent},
		{"Fernández Navarro", "Navarro López", LevelDifferent},
		{"Ruiz R.", "Ruiz Martín", LevelDifferent},
		{"Álvarez Álvarez", "Álvarez Pérez", LevelDifferent},
	} {
		for _, p := range [][2]string{{c.a, c.b}, {c.b, c.a}} {
			if got := compareNames(newNameValue(p[0]), newNameValue(p[1]), false); got != c.want {
				t.Errorf("surnames %q / %q: %s, want %s", p[0], p[1], got, c.want)
			}
		}
	}
}

// TestSpanishGivenNames: Mª, M.ª, Ma. and Fco. are María and Francisco
// written short; "Ma" only before another name (alone it is a name of its
// own), "M." alone stays an initial. A word of a compound given name
// written as its initial agrees at the compound level, as a word dropped
// does; another word with the same initial, or the words in another order,
// is another name.
func TestSpanishGivenNames(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want Level
	}{
		{"Mª José", "María José", LevelExact},
		{"Mª. José", "María José", LevelExact},
		{"M.ª José", "María José", LevelExact},
		{"Ma. José", "María José", LevelExact},
		{"Ma José", "María José", LevelExact},
		{"MA JOSE", "MARIA JOSE", LevelExact},
		{"José Mª", "José María", LevelExact},
		{"Mª. Rosario", "María Rosario", LevelExact},
		{"Ma. Cristina", "María Cristina", LevelExact},
		{"Mª del Carmen", "María del Carmen", LevelExact},
		{"Ma. del Carmen", "María del Carmen", LevelExact},
		{"Mª", "María", LevelExact},
		{"Fco. Javier", "Francisco Javier", LevelExact},
		{"Fco.", "Francisco", LevelExact},
		{"Fco", "Francisco", LevelExact},
		{"Sra. Mª José", "María José", LevelExact},
		{"M. José", "María José", LevelCompound},
		{"J. Antonio", "José Antonio", LevelCompound},
		{"José A.", "José Antonio", LevelCompound},
		{"A. María", "Ana María", LevelCompound},
		{"F. Javier", "Francisco Javier", LevelCompound},
		{"M. Carmen", "María del Carmen", LevelCompound},
		{"Mari Carmen", "María del Carmen", LevelNickname},
		{"Maricarmen", "Mª del Carmen", LevelNickname},
		{"J.L.", "José Luis", LevelCompound}, // every word by its initial
		// As before: Ma alone is a name, M. alone an initial.
		{"Ma", "María", LevelDifferent},
		{"Ma", "Ma", LevelExact},
		{"M.", "María", LevelInitial},
		{"María", "Mario", LevelDifferent},
		{"María José", "María Jesús", LevelDifferent},
		{"María José", "María Luisa", LevelDifferent},
		{"M. José", "María Jesús", LevelDifferent},
		{"José María", "María José", LevelDifferent},
		{"José Luis", "José Manuel", LevelDifferent},
		{"Marie-Claire", "Marie-Christine", LevelDifferent},
	} {
		for _, p := range [][2]string{{c.a, c.b}, {c.b, c.a}} {
			if got := compareNames(newGivenNameValue(p[0]), newGivenNameValue(p[1]), true); got != c.want {
				t.Errorf("given names %q / %q: %s, want %s", p[0], p[1], got, c.want)
			}
		}
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"Mª José", "María José", true}, {"Fco. Javier", "Francisco Javier", true}, {"Ma", "María", false},
	} {
		if got := NamesCompatible(c.a, c.b); got != c.want {
			t.Errorf("NamesCompatible(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	// Blocking keys keep the name as written: the stored keys were made so.
	if a, b := PhoneticCode("Mª José"), PhoneticCode("María José"); a == b {
		t.Errorf("PhoneticCode(Mª José) = PhoneticCode(María José) = %q: the blocking keys changed", a)
	}
}

// TestSpanishFile: pairs of a Spanish customer file, one person written
// twice, open at the default threshold and share a blocking key; the same
// given name and birth date with another second surname does not open.
func TestSpanishFile(t *testing.T) {
	type person struct{ first, last, birth, gender, email, mobile string }
	sol := Address{Line1: "Calle del Sol, 25", Line2: "bajo C", PostalCode: "28033", City: "Madrid"}
	soria := Address{Line1: "Calle de Arturo Soria, nº 142 6º 1ª", PostalCode: "46022", City: "Valencia"}
	for _, c := range []struct {
		name        string
		a, b        person
		addrA       Address
		addrB       Address
		first, last Level
		open        bool
	}{
		{"SurnamesSwapped",
			person{"Manuela", "Navarro Fernández", "1963-02-17", "Mujer", "madridista_58@gmail.com", "+34648753527"},
			person{"Manuela", "Fernández Navarro", "1963-02-17", "Mujer", "", "+34625612689"},
			Address{}, Address{}, LevelExact, LevelCompound, true},
		{"CompoundAbbreviated",
			person{"Mª José", "Rodríguez Ramírez", "1952-08-30", "Mujer", "rodriguezm52@live.com", ""},
			person{"María José", "Rodríguez Ramírez", "1952-08-30", "Mujer", "", "+34621499917"},
			sol, sol, LevelExact, LevelExact, true},
		{"ShortFormChelo",
			person{"Chelo", "Diez Ibáñez", "1979-09-17", "Mujer", "consuelo526@gmail.com", "+34648414957"},
			person{"Consuelo", "Diez Ibáñez", "1979-09-17", "Mujer", "", "+34680861039"},
			Address{}, Address{}, LevelNickname, LevelExact, true},
		{"ShortFormChus",
			person{"Chus", "Suárez Morales", "", "Hombre", "jesus_suarez@icloud.com", ""},
			person{"Jesús", "Suárez Morales", "1957-05-13", "Hombre", "jesus_suarez@hotmail.com", "+34661514408"},
			soria, soria, LevelNickname, LevelExact, true},
		{"SecondSurnameInitial",
			person{"Carmen", "Ruiz R.", "2007-10-19", "Mujer", "carmen.ruiz2@gmail.com", ""},
			person{"Carmen", "Ruiz Rodríguez", "2007-10-19", "Mujer", "carmen_ruiz@gmail.com", "+34686743168"},
			Address{}, Address{}, LevelExact, LevelCompound, true},
		{"SurnameCommaGivenNameInOneField",
			person{"", "Varela Romero, María Pilar", "1971-05-02", "", "", ""},
			person{"María Pilar", "Varela Romero", "1971-05-02", "Mujer", "pilar.varela@gmail.com", "+34611223344"},
			sol, sol, LevelExact, LevelExact, true},
		{"WholeNameInGivenName",
			person{"María Pilar Varela Romero", "", "1971-05-02", "", "", ""},
			person{"María Pilar", "Varela Romero", "1971-05-02", "Mujer", "pilar.varela@gmail.com", "+34611223344"},
			sol, sol, LevelExact, LevelExact, true},
		{"WholeNameSurnamesFirst",
			person{"Varela Romero María Pilar", "", "1971-05-02", "", "", ""},
			person{"María Pilar", "Varela Romero", "1971-05-02", "Mujer", "", ""},
			sol, sol, LevelExact, LevelExact, true},
		{"WholeNameOfAnotherPerson",
			person{"María Pilar Varela López", "", "1971-05-02", "", "", ""},
			person{"María Pilar", "Varela Romero", "1948-11-20", "Mujer", "", ""},
			sol, soria, LevelCompound, LevelMissing, false},
		{"AnotherSecondSurname",
			person{"Manuela", "Fernández Navarro", "1963-02-17", "Mujer", "", "+34648753527"},
			person{"Manuela", "Fernández López", "1963-02-17", "Mujer", "", "+34625612689"},
			Address{}, Address{}, LevelExact, LevelDifferent, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			input := func(p person, addr Address) FuzzyInput {
				in := FuzzyInput{ID: p.first, FirstName: p.first, LastName: p.last, BirthDate: p.birth, Gender: p.gender, Address: addr}
				if p.email != "" {
					in.Emails = []string{p.email}
				}
				if p.mobile != "" {
					in.Mobiles = []string{p.mobile}
				}
				return in
			}
			m := DefaultFuzzyModel()
			s := m.Score(NewFuzzyRecord(input(c.a, c.addrA)), NewFuzzyRecord(input(c.b, c.addrB)))
			if s.Level(CompareFirstName) != c.first || s.Level(CompareLastName) != c.last || s.Opens(DefaultFuzzyThreshold) != c.open {
				t.Errorf("first name %s (want %s), last name %s (want %s), weight %.2f, open %v (want %v): %+v",
					s.Level(CompareFirstName), c.first, s.Level(CompareLastName), c.last, s.Weight, s.Opens(DefaultFuzzyThreshold), c.open, s.Fields)
			}
			profile := func(p person, addr Address) Profile {
				return Profile{FirstName: p.first, LastName: p.last, BirthDate: p.birth, Email: p.email, Mobile: p.mobile, Address: addr}
			}
			ka, kb := BlockingKeyStrings(profile(c.a, c.addrA)), BlockingKeyStrings(profile(c.b, c.addrB))
			if c.open && !slices.ContainsFunc(ka, func(k string) bool { return slices.Contains(kb, k) }) {
				t.Errorf("no blocking key in common:\n%v\n%v", ka, kb)
			}
		})
	}
}

// TestSurnameWordReplaced: two surnames of several words that share one
// and each hold one the other lacks are two people's; a word left out,
// reordered, mistyped or written as its initial, or the small words
// between, are not.
func TestSurnameWordReplaced(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Martín Soto", "Martín Serrano", true},
		{"García Vázquez", "García García", true},
		{"García Moreno", "García Guerrero", true},
		{"García de la Torre", "García Moreno", true},
		{"Smith-Jones", "Smith-Brown", true},
		{"al-Sayed", "al-Masri", true}, // Omar al-Sayed and Omar al-Masri: two men
		{"al-Sayed", "al Sayed", false},
		{"Martín Soto", "Martín", false},
		{"Martín", "Martín Soto", false},
		{"Martín Soto", "Soto Martín", false},
		{"Martín Soto", "Martín Sotto", false},
		{"Díaz Fernández", "Día Fernández", false},
		{"Gómez Ruiz", "Gómez Riz", false},
		{"Martín Soto", "Martin S.", false},
		{"Rodríguez Gómez", "Rodrigues Gomes", false},
		{"García de la Torre", "García Torre", false},
		{"Pereira da Silva", "Pereira Silva", false},
		{"van der Berg", "van den Berg", false},
		{"García García", "García García", false},
		{"Martín Soto", "López Serrano", false}, // nothing shared: the surnames say another way
		{"", "Martín Soto", false},
	}
	for _, tt := range tests {
		if got := surnameWordReplaced(tt.a, tt.b); got != tt.want {
			t.Errorf("surnameWordReplaced(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
