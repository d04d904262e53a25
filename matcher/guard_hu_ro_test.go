package matcher

import "testing"

// TestGuardReadsHungarianRomanianBulgarian: the name guard lets a
// Hungarian, Romanian or Bulgarian customer's pet name land on her
// profile, and her whole name written in the surname box, or without the
// title before it, and keeps apart two people of one family that a
// surname-first form or a name in the surname box alone would have made
// one: a wife and her husband filed Kovács / Réka and Kovács / Dániel, a
// wife writing her whole name where her husband's surname was, a
// daughter marked ifj. (the younger) on her mother's profile, a son
// Ionuț on his father Ion's.
func TestGuardReadsHungarianRomanianBulgarian(t *testing.T) {
	guard := Policy{NameGuard: true, Version: 1}
	for _, tt := range []struct {
		first, last, profileFirst, profileLast, region string
		same                                           bool
	}{
		{"Tibi", "Papp", "Tibor", "Papp", "HU", true},
		{"Laci", "Tóth", "László", "Tóth", "HU", true},
		{"Jóska", "Biró", "József", "Biró", "HU", true},
		{"Sandu", "Pop", "Alexandru", "Pop", "RO", true},
		{"Nelu", "Popescu", "Ion", "Popescu", "RO", true},
		{"Ванката", "Николов", "Иван", "Николов", "BG", true},
		{"Ицо", "Колев", "Христо", "Колев", "BG", true},
		{"", "Mészáros László", "László", "Mészáros", "HU", true},
		{"Vida Nóra", "", "dr. Nóra", "Vida", "HU", true},
		{"Kovács", "Dániel", "Kovacs", "Reka", "HU", false},
		{"Farkas", "Imre", "Farkas", "Ilona", "HU", false},
		{"", "Laszlo Anna", "Norbert Sándor", "László", "HU", false},
		{"", "Mészáros László", "Rita", "Mészáros", "HU", false},
		{"Gyongyi", "ifj. Kiss", "Gyöngyi", "Kiss", "HU", false},
		{"Ionuț", "Popa", "Ion", "Popa", "RO", false},
		{"Vali", "Ene", "Valentin", "Ene", "RO", false},
		{"Dóra", "Szabó", "Nóra", "Szabó", "HU", false},
	} {
		in := NewIncoming(Customer{FirstName: tt.first, LastName: tt.last, Email: "family@freemail.hu"}, nil, tt.region)
		keys, _ := guard.Screen(in.Keys())
		got := Decide(in, keys, []Match{named("p", t0, tt.profileFirst, tt.profileLast, FieldEmail)}, guard)
		if same := got.Outcome == OutcomeUpdated; same != tt.same {
			t.Errorf("%s / %s on %s / %s's profile in %s: %s (%s), want one person %t", tt.first, tt.last, tt.profileFirst,
				tt.profileLast, tt.region, got.Outcome, got.Rule, tt.same)
		}
	}
}
