package matcher

import (
	"fmt"
	"testing"
)

// TestBulgarianReading: a name in Cyrillic letters reads as Bulgaria's
// passports write it, ъ as a and a final ия as ia; a name in Latin
// letters, with a letter Bulgarian does not write, or that FoldName reads
// the same way, has no other reading.
func TestBulgarianReading(t *testing.T) {
	for in, want := range map[string]string{
		"Петър": "Petar", "Христова": "Hristova", "Йорданка": "Yordanka", "Щерев": "Shterev", "Дъбов": "Dabov",
		"Мария": "Maria", "Вальо": "Valyo", "Цветелина Жекова Чакърова": "Tsvetelina Zhekova Chakarova",
	} {
		got, ok := bulgarianReading(in)
		if !ok || FoldName(got) != FoldName(want) {
			t.Errorf("bulgarianReading(%q) = %q, %t; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"Petar", "Анна", "Любомир", "Ольга", "Эдуард", "Ігор"} {
		if got, ok := bulgarianReading(in); ok {
			t.Errorf("bulgarianReading(%q) = %q, want none", in, got)
		}
	}
}

// TestFathersNames: the words between a Bulgarian's given name and
// surname that are shaped as a father's name are left out, wherever the
// boxes put them; the given name, the surname and a hyphenated surname
// stay.
func TestFathersNames(t *testing.T) {
	for _, tt := range []struct{ first, last, want string }{
		{"Мартин Василев Тодоров", "", "Мартин Тодоров / : vasilev"},
		{"Виктория Иванова", "Георгиева", "Виктория / Георгиева: ivanova"},
		{"Ivan", "Ivanov Nikolov", "Ivan / Nikolov: ivanov"},
		{"Иван", "Иванов", "Иван / Иванов: "},
		{"Иван Иванов", "Иванов", "Иван / Иванов: ivanov"},
		{"Elena", "Dimitrova-Koleva", "Elena / Dimitrova-Koleva: "},
		{"Мария Петрова", "", "Мария Петрова / : "},
	} {
		f, l, fathers := fathersNames(tt.first, tt.last)
		if got := fmt.Sprintf("%s / %s: %s", f, l, fathers); got != tt.want {
			t.Errorf("fathersNames(%q, %q) = %q, want %q", tt.first, tt.last, got, tt.want)
		}
	}
}

// TestGuardReadsBulgarian: in Bulgaria the name guard lets a booking land
// on its customer's profile written in the other alphabet, or with her
// father's name beside her given name, her surname or in one box with
// both, and still keeps a father and his son of one given name and
// surname apart when both write their fathers' names, and a sister with
// her own given name apart. Outside Bulgaria a word between is no
// father's name.
func TestGuardReadsBulgarian(t *testing.T) {
	checkGuard(t, []guardCase{
		{"Hristova", "Teodora", "теодора", "христова", "BG", true},
		{"Петър", "Шопов", "Petar", "Shopov", "BG", true},
		{"Yordanka", "Nikolova", "Йорданка", "Николова", "BG", true},
		{"МАРТИН ВАСИЛЕВ ТОДОРОВ", "", "Мартин", "Тодоров", "BG", true},
		{"Виктория Иванова", "Георгиева", "Виктория", "Георгиева", "BG", true},
		{"Hristina", "Kaloyanova Koleva", "Христина Калоянова Колева", "", "BG", true},
		{"Angel Georgiev Stoyanov", "", "Angel", "Stoyanov", "BG", true},
		{"Виктория Иванова", "Георгиева", "Виктория Петрова", "Георгиева", "BG", false},
		{"Цветан Иванов", "Тодоров", "Цветан Цветанов", "Тодоров", "BG", false},
		{"Десислава Иванова", "Георгиева", "Мария", "Георгиева", "BG", false},
		{"Angel Georgiev Stoyanov", "", "Angel", "Stoyanov", "FR", false},
	})
}

// TestFathersNameKept: a Bulgarian booking without the father's name the
// profile holds keeps the profile's names, so the name that tells a
// daughter from her mother stays; one that writes it, or any booking
// elsewhere, writes its own as the update rules have it.
func TestFathersNameKept(t *testing.T) {
	checkNamesKept(t, []keptCase{
		{"Maria", "Slavova", "MARIA", "DIMITROVA SLAVOVA", "BG", true},
		{"Виктория", "Георгиева", "Виктория Иванова", "Георгиева", "BG", true},
		{"Виктория Иванова", "Георгиева", "Виктория", "Георгиева", "BG", false},
		{"Maria", "Slavova", "Maria", "Slavova", "BG", false},
		{"Maria", "Slavova", "MARIA", "DIMITROVA SLAVOVA", "RO", false},
	})
	// The mother's booking then meets the daughter's father's name.
	if got := onFamilyEmail("Maria Hristova Slavova", "", "MARIA", "DIMITROVA SLAVOVA", "BG"); got.Outcome != OutcomeCreated {
		t.Errorf("Maria Hristova Slavova on Maria Dimitrova Slavova's profile: %s, want created", got.Outcome)
	}
}
