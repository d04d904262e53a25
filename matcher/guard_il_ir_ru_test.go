package matcher

import (
	"strings"
	"testing"
)

// TestGuardReadsIsraelIranRussia: the name guard lets an Israeli
// customer's Hebrew name written in Latin letters one way or another
// (Yosef, Yossi; Chaim, Haim; Cohen, Kohen), an Iranian's Seyed or her
// Fatemeh written Fatima, and a Russian's patronymic written on one visit
// and not the next land on her profile; and keeps apart a Russian father
// and his son of one name whose patronymics both records write, and a
// husband and wife whose surname is one name's two forms.
func TestGuardReadsIsraelIranRussia(t *testing.T) {
	checkGuard(t, []guardCase{
		{"Yossi", "Cohen", "Yosef", "Cohen", "IL", true},
		{"Yossi", "Kohen", "Yosef", "Cohen", "IL", true},
		{"Avi", "Levi", "Avraham", "Levi", "IL", true},
		{"Itzhak", "Mizrahi", "Yitzhak", "Mizrahi", "IL", true},
		{"Haim", "Peretz", "Chaim", "Peretz", "IL", true},
		{"Kobi", "Biton", "Yaakov", "Biton", "IL", true},
		{"Moti", "Friedman", "Mordechai", "Friedman", "IL", true},
		{"Moti", "Friedman", "Moshe", "Friedman", "IL", false},
		{"Seyed Ali", "Hosseini", "Ali", "Hosseini", "IR", true},
		{"Seyedeh Zahra", "Mousavi", "Zahra", "Mousavi", "IR", true},
		{"Ali", "Hoseini", "Ali", "Hosseini", "IR", true},
		{"Fatemeh", "Ahmadi", "Fatima", "Ahmadi", "IR", true},
		{"Hossein", "Karimi", "Hosein", "Karimi", "IR", true},
		{"Mohammadreza", "Rezaei", "Mohammad Reza", "Rezaei", "IR", true},
		{"Reza", "Mohammadzadeh", "Reza", "Mohammadzade", "IR", true},
		{"Zahra", "Ahmadi", "Zahir", "Ahmadi", "IR", false},
		{"Fatemeh", "Ghasemi", "Fatemeh", "Heidari", "IR", false}, // a daughter on her mother's profile: Iranian women keep their surnames
		{"Hasan", "Akbari", "Seyed Hasan", "Akbari", "IR", true},
		{"Mehdi Hosseini", "", "Agha Mehdi", "Hosseini", "IR", true},
		{"Reza", "Karimi", "Mohammad Reza", "Karimi", "IR", true},
		{"Yoni", "Levi", "Yonatan", "Levi", "IL", true},
		{"Tzachi", "Levi", "Yitzhak", "Levi", "IL", true},
		{"Иван Иванович", "Иванов", "Иван", "Иванов", "RU", true},
		{"Иванов Иван Иванович", "", "Иван", "Иванов", "RU", true},
		{"Ivan Ivanovich", "Ivanov", "Иван Иванович", "Иванов", "RU", true},
		{"Саша", "Иванов", "Александр", "Иванов", "RU", true},
		{"Катя", "Смирнова", "Екатерина", "Смирнова", "RU", true},
		{"Sergei", "Ivanov", "Sergey", "Ivanov", "RU", true},
		{"Иван Петрович", "Иванов", "Иван Иванович", "Иванов", "RU", false},
		{"Ivan Petrovich", "Ivanov", "Иван Иванович", "Иванов", "RU", false},
		{"Александра", "Иванова", "Александр", "Иванов", "RU", false},
		{"Женя", "Попова", "Евгений", "Попов", "RU", false},
		// A patronymic after the surname or in a whole name; a brother and
		// sister of one unisex name, told apart by their patronymics or
		// their surnames' forms.
		{"Михаил", "Петров Владимирович", "Петров Михаил Михайлович", "", "RU", false},
		{"", "Александров Павел Евгеньевич", "Александров Павел Павлович", "", "RU", false},
		{"АЛЕКСАНДР", "СМИРНОВ ГЕННАДЬЕВИЧ", "Александр Александрович", "Смирнов", "RU", false},
		{"Саша Алексеевна", "Михайлова", "Саша Алексеевич", "Михайлов", "RU", false},
		{"Саша", "Михайлова", "Саша", "Михайлов", "RU", false},
		{"Карпова Наталья Александровна", "", "Карпова Наталья Алексеевна", "", "RU", false},
		{"Наталья Сергеевна", "Карпова", "Natalya Sergeyevna", "Karpova", "RU", true},
		{"Anton Valeryevich", "Orlov", "Антон Валерьевич", "Орлов", "RU", true},
		{"Sasha", "Mikhaylova", "Саша", "Михайлов", "RU", false},
		{"Анна", "Михайлова", "Анна", "Михайлов", "RU", true}, // a woman's name beside the man's form: a slip
		// A whole name in one box beside the other record's two, its
		// umlaut written out or its letters Cyrillic.
		{"Laura Müller", "", "Laura", "Mueller", "CH", true},
		{"Luca Näf", "", "Luca", "Naef", "CH", true},
		{"Михайлова Полина", "", "Polina", "Mikhaylova", "RU", true},
		{"Dmitrieva Julia", "", "Дмитриева", "Юлия", "RU", true},
		{"Sofiya", "Kuzmina", "КУЗЬМИНА СОФЬЯ", "", "RU", true},
		{"Laura Müller", "", "Lara", "Mueller", "CH", false},
		{"Jan Smit", "", "Ian", "Smit", "NL", false}, // two names in Latin letters, not transliterations of one
		{"Korolev Alexandr", "", "Aleksandr", "Korolyov", "RU", true},
		{"Olga Alexeevna", "Sokolova", "Ольга Алексеевна", "Соколова", "RU", true},
	})
}

// TestGuardReadsChildOf: a Malaysian or Singaporean Indian customer's a/l,
// a/p, s/o or d/o before her father's name is the Malay bin or binti,
// written or not: her name in one box or two is one person, and a father
// and his son, or a brother and sister, stay two.
func TestGuardReadsChildOf(t *testing.T) {
	checkGuard(t, []guardCase{
		{"Rajesh a/l Subramaniam", "", "Rajesh", "Subramaniam", "MY", true},
		{"Rajesh", "s/o Subramaniam", "Rajesh", "a/l Subramaniam", "MY", true},
		{"Rajesh", "A/L Subramaniam", "Rajesh", "Subramaniam", "MY", true},
		{"Kavitha", "a/p Muniandy", "Kavitha", "Muniandy", "MY", true},
		{"Kavitha a/p Muniandy", "", "Kavitha", "d/o Muniandy", "SG", true},
		{"Ahmad bin Abdullah", "", "Ahmad", "Abdullah", "MY", true},
		{"AHMAD BIN MOHAMAD", "", "Ahmad", "Mohamad", "MY", true},
		{"Kumar", "S/O Kumar", "Kumar", "a/l Kumar", "MY", true},
		{"EN. ROSLI", "BIN HASSAN", "Rosli", "bin Hassan", "MY", true},
		{"Puan Siti Aminah", "binti Yusof", "Siti Aminah", "Yusof", "MY", true},
		{"Hj. Ahmad", "Kamal", "Ahmad", "Kamal", "MY", true},
		{"Rosli", "BIN Rosli", "Rosli", "Idris", "MY", false},                   // a son named after his father, on his father's profile
		{"Nur Atiqah", "binti Mohd", "Nur Atiqah", "BINTI Hamzah", "MY", false}, // a colleague of one given name
		{"Kavitha", "a/p Muniandy", "Rajesh", "a/l Muniandy", "MY", false},
		{"Rajesh", "a/l Subramaniam", "Subramaniam", "a/l Krishnan", "MY", false},
	})
	for in, want := range map[string]string{"Rajesh a/l Subramaniam": "rajesh bin subramaniam", "KAVITHA A/P MUNIANDY": "kavitha binti muniandy",
		"Siva A / L Raman": "siva bin raman", "Priya d/o Raman": "priya binti raman", "Anna/Maria": "anna maria"} {
		if got := strings.Join(nameWords(in), " "); got != want {
			t.Errorf("nameWords(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPatronymicKept: a Russian booking that leaves out the patronymic a
// profile holds lands on it and leaves the profile's names as they are;
// one that writes it, or a profile without one, is written as usual.
func TestPatronymicKept(t *testing.T) {
	checkNamesKept(t, []keptCase{
		{"Сергей", "Орлов", "Сергей Михайлович", "Орлов", "RU", true},
		{"Ольга", "Соколова", "Ольга", "Соколова Антоновна", "RU", true},
		{"Olga", "Sokolova", "Ольга Антоновна", "Соколова", "RU", true},
		{"Сергей Михайлович", "Орлов", "Сергей", "Орлов", "RU", false},
		{"Сергей", "Орлов", "Сергей", "Орлов", "RU", false},
	})
}
