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
	checkGuard(t, []guardCase{
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
	})
}

// TestGuardReadsIndonesianThaiPakistani: the guard lets a customer's
// title (Khun, Ibu, Bapak) or the Muhammad or Syed before her name land
// on her profile without it where people write them so, and keeps a
// Pakistani son whose surname box holds his father's name off his
// father's profile, the boxes swapped.
func TestGuardReadsIndonesianThaiPakistani(t *testing.T) {
	checkGuard(t, []guardCase{
		{"Khun Somchai", "Wongsawas", "Somchai", "Wongsawas", "TH", true},
		{"Ibu Siti", "Oktaviani", "Siti", "Oktaviani", "ID", true},
		{"Bapak Ahmad", "Wibowo", "Ahmad", "Wibowo", "ID", true},
		{"Muhammad Asif", "Choudhry", "Asif", "Choudhry", "PK", true},
		{"Md. Waqas", "Jafri", "Muhammad Waqas", "Jafri", "PK", true},
		{"Syed Ali", "Raza", "Ali", "Raza", "PK", true},
		{"Muhammad Asif Choudhry", "", "Asif", "Choudhry", "PK", true},
		{"Dwi Wahyuni", "Dwi Wahyuni", "Dwi", "Wahyuni", "ID", true},
		{"Wahyudi", "Wahyudi", "Wahyudi", "-", "ID", true},
		{"Mohd. Abbas", "Faisal", "Mohd. Faisal", "Abbas", "PK", false},
		{"Muhammad Asif", "Choudhry", "Asif", "Choudhry", "FR", false},
	})
}
