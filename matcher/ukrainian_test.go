package matcher

import "testing"

// TestUkrainianReading: a name in Cyrillic letters reads as Ukraine's
// passports write it, ye, yi, y, yu and ya at the head of a word only; a
// name in Latin letters, with a letter only Russian writes, or that
// FoldName reads the same way, has no other reading.
func TestUkrainianReading(t *testing.T) {
	for in, want := range map[string]string{
		"Ольга": "Olha", "Олег": "Oleh", "Галина": "Halyna", "Гончаренко": "Honcharenko", "Юлія": "Yuliia",
		"Євген": "Yevhen", "Мар'яна": "Mariana", "Ігор": "Ihor", "Дмитро": "Dmytro", "Тетяна Шевчук": "Tetiana Shevchuk",
	} {
		got, ok := ukrainianReading(in)
		if !ok || FoldName(got) != FoldName(want) {
			t.Errorf("ukrainianReading(%q) = %q, %t; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"Olha", "Ёлкин", "Эдуард", "Анна", "Олександр"} {
		if got, ok := ukrainianReading(in); ok {
			t.Errorf("ukrainianReading(%q) = %q, want none", in, got)
		}
	}
}

// TestGuardReadsUkrainian: the name guard lets a booking written in Latin
// letters as a Ukrainian passport writes it land on the profile written in
// Cyrillic letters, and the other way round, and one with a patronymic
// beside the given name land on the profile without; it still tells two
// people of the household apart in either alphabet.
func TestGuardReadsUkrainian(t *testing.T) {
	for _, tt := range []struct {
		first, last, profileFirst, profileLast string
		same                                   bool
	}{
		{"Olha", "Honcharenko", "Ольга", "Гончаренко", true},
		{"Ольга", "Гончаренко", "Olha", "Honcharenko", true},
		{"Olga", "Goncharenko", "Ольга", "Гончаренко", true},
		{"Halyna", "Hrytsenko", "Галина", "Гриценко", true},
		{"Oleh", "Melnyk", "Олег", "Мельник", true},
		{"Ihor", "Kovalenko", "Ігор", "Коваленко", true},
		{"Serhii", "Shevchenko", "Sergey", "Shevchenko", true}, // two transliterations (shortforms.txt)
		{"Hanna", "Bondarenko", "Олег", "Бондаренко", false},
		{"Oleh", "Bondarenko", "Ольга", "Бондаренко", false},
		{"Halyna", "Hrytsenko", "Ганна", "Гриценко", false},
		// A patronymic beside the given name on one visit only.
		{"Оксана Вікторівна", "Ковальчук", "Оксана", "Ковальчук", true},
		{"Наталья", "Иванова", "НАТАЛЬЯ ИВАНОВНА", "ИВАНОВА", true},
		{"Oleksandr Petrovych", "Bondar", "Олександр", "Бондар", true},
		// A daughter filed surname first, her patronymic her father's name,
		// is not her father.
		{"Ковальчук", "Ірина Дмитрівна", "Ковальчук", "Дмитро", false},
	} {
		got := onFamilyEmail(tt.first, tt.last, tt.profileFirst, tt.profileLast, "UA")
		if same := got.Outcome == OutcomeUpdated; same != tt.same {
			t.Errorf("%s %s on %s %s's profile: %s (%s), want one person %t", tt.first, tt.last, tt.profileFirst, tt.profileLast,
				got.Outcome, got.Rule, tt.same)
		}
	}
}
