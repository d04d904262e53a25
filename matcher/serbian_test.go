package matcher

import "testing"

// Serbs write their names in Cyrillic letters on one visit and in Latin
// ones, with their marks or without, on the next: the guard reads them as
// one name, and a sibling's or a parent's name as another.
func TestSerbianNames(t *testing.T) {
	checkGuard(t, []guardCase{
		{"Milica", "Jovanovic", "Милица", "Јовановић", "RS", true},
		{"Милица", "Јовановић", "Milica", "Jovanović", "RS", true},
		{"Živko", "Čolić", "Живко", "Чолић", "RS", true},
		{"Zivko", "Colic", "Живко", "Чолић", "RS", true},
		{"Ђорђе", "Петровић", "Đorđe", "Petrović", "RS", true},
		{"Ђорђе", "Петровић", "Djordje", "Petrovic", "RS", true},
		{"Đorđe", "Petrović", "Djordje", "Petrovic", "RS", true},
		{"Djordje", "Djordjevic", "Đorđe", "Đorđević", "RS", true},
		{"Dorde", "Dordevic", "Ђорђе", "Ђорђевић", "RS", true},
		{"Emir", "Hadžić", "Емир", "Хаџић", "BA", true},
		{"Ljiljana", "Nikolic", "Љиљана", "Николић", "RS", true},
		{"Milan", "Jovanovic", "Милица", "Јовановић", "RS", false}, // her father on the family's email
		{"Marija", "Petrović", "Мирјана", "Петровић", "RS", false},
		{"Đorđe", "Petrović", "Dragan", "Petrovic", "RS", false},
		{"Ольга", "Иванова", "Olga", "Ivanova", "RU", true},
		// Both write the surname in the first-name box: a father and his
		// son, a mother and her daughter, not a marriage.
		{"Kostic", "Nemanja", "Костић", "Никола", "RS", false},
		{"Әбенова", "Гүлнара", "Әбенова", "Айгерім", "KZ", false},
		{"Կարապետյան", "Կարեն", "Karapetyan", "Anait", "AM", false},
		{"Petrović", "Mica", "Петровић", "Милица", "RS", true},
	})
}

// Serbian and Armenian customers go by short forms of their names.
func TestSerbianArmenianShortForms(t *testing.T) {
	checkGuard(t, []guardCase{
		{"Гага", "Петровић", "Драгана", "Петровић", "RS", true},
		{"Kaća", "Jovanović", "Katarina", "Jovanović", "RS", true},
		{"Bilja", "Ilić", "Biljana", "Ilić", "RS", true},
		{"Đole", "Marković", "Đorđe", "Marković", "RS", true},
		{"Ceca", "Nikolić", "Svetlana", "Nikolić", "RS", true},
		{"Gayo", "Karapetyan", "Gayane", "Karapetyan", "AM", true},
		{"ЈЕЦА", "НИКОЛИЋ", "Јелена", "Николић", "RS", true},
		{"Влада", "Обрадовић", "Владимир", "Обрадовић", "RS", true},
		{"Lila", "Živković", "Ljiljana", "Živković", "RS", true},
		{"Zoki", "Stankovic", "Зоран", "Станковић", "RS", true},
		{"пеђа", "ђорђевић", "предраг", "ђорђевић", "RS", true},
		{"Gaga", "Petrović", "Milica", "Petrović", "RS", false}, // her sister
	})
}
