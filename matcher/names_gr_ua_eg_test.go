package matcher

import "testing"

// TestGivenNamesWrittenTheirWays: Greek, Ukrainian and Russian, Egyptian,
// Afrikaans and Kenyan given names as their bearers write them from one
// visit to the next (official and everyday forms, transliterations, pet
// names) are one name; names in use a letter apart are two people.
func TestGivenNamesWrittenTheirWays(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{"Γεώργιος", "Γιώργος", true}, {"Αικατερίνη", "Κατερίνα", true}, {"Βασίλειος", "Βασίλης", true},
		{"Παναγιώτης", "Πάνος", true}, {"Ελένη", "Λένα", true}, {"Georgios", "Yeorgios", true}, {"Eirini", "Irini", true},
		{"Олена", "Елена", true}, {"Микола", "Николай", true}, {"Дмитрий", "Дмитро", true}, {"Настя", "Анастасія", true},
		{"Віка", "Вікторія", true}, {"Лёша", "Алексей", true}, {"Евгений", "Evgeny", true}, {"Олексій", "Olexiy", true},
		{"Olha", "Olga", true}, {"Serhii", "Sergey", true},
		{"Hany", "Hani", true}, {"Omar", "Omer", true}, {"Mona", "Muna", true}, {"Hossam", "Husam", true},
		{"Seif", "Saif", true}, {"Essam", "Issam", true}, {"Fatmah", "Fatima", true}, {"Ali", "Aly", true},
		{"Jaco", "Jacobus", true}, {"Elize", "Elizabeth", true}, {"Hennie", "Hendrik", true},
		{"Jaco", "Jano", false}, {"Mira", "Mina", false}, {"Wanjiku", "Wanjiru", false}, {"Hana", "Hala", false},
	} {
		if got := NamesCompatible(tt.a, tt.b); got != tt.same {
			t.Errorf("NamesCompatible(%q, %q) = %t, want %t", tt.a, tt.b, got, tt.same)
		}
	}
}
