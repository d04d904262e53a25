package matcher

import "testing"

// A name in Arabic script and its Latin spelling are one name when their
// consonants are, and the script's long vowels are spelled by vowels of
// their sound: Mahmoud is not Mohammed, Hussein not Hassan, Noura not
// Nour, Ahmed not Hamed.
func TestSameArabicName(t *testing.T) {
	for _, p := range []struct {
		arabic, latin string
		surname, same bool
	}{
		{"نوف", "Nouf", false, true}, {"الشهري", "Al-Shehri", true, true}, {"الشهري", "Alshehri", true, true},
		{"الشهري", "Al Shehri", true, true}, {"محمد", "Mohammed", false, true}, {"محمد", "Muhammad", false, true},
		{"محمود", "Mahmoud", false, true}, {"عبدالله", "Abdullah", false, true}, {"عبد الله", "Abdallah", false, true},
		{"عبدالعزيز", "Abdulaziz", false, true}, {"عبد العزيز", "Abdul Aziz", false, true}, {"عبدالرحمن", "Abdulrahman", false, true},
		{"فيصل", "Faisal", false, true}, {"خالد", "Khaled", false, true}, {"سعد", "Saad", false, true}, {"سعيد", "Saeed", false, true},
		{"يوسف", "Yousef", false, true}, {"وليد", "Waleed", false, true}, {"نواف", "Nawaf", false, true}, {"نورة", "Noura", false, true},
		{"مصطفى", "Mustafa", false, true}, {"صالح", "Saleh", false, true}, {"القحطاني", "Al-Qahtani", true, true},
		{"حسن", "Hassan", false, true}, {"حسين", "Hussein", false, true}, {"حسین", "Hossein", false, true}, {"رستمی", "Rostami", true, true},
		{"أحمد", "Ahmed", false, true}, {"حامد", "Hamed", false, true}, {"عمر", "Omar", false, true}, {"فاطمة", "Fatimah", false, true},
		{"منيرة", "Muneera", false, true}, {"لولوة", "Lulwa", false, true},
		{"محمد", "Mahmoud", false, false}, {"محمود", "Mohammed", false, false}, {"نور", "Noura", false, false},
		{"حسن", "Hussein", false, false}, {"حسين", "Hassan", false, false}, {"أحمد", "Hamed", false, false},
		{"سلطان", "Salman", false, false}, {"سارة", "Nouf", false, false},
		// Names of one consonant, a final ة said e in the Levant, a French
		// spelling's silent final e.
		{"علي", "Ali", false, true}, {"عدي", "Odai", false, true}, {"عدي", "Uday", false, true}, {"هيا", "Haya", false, true},
		{"عائشة", "Aisha", false, true}, {"إيلي", "Elie", false, true}, {"الخصاونة", "Khasawneh", true, true},
		{"أبو غزالة", "Abu Ghazaleh", true, true}, {"نادين", "Nadine", false, true}, {"فاطمة", "Fatmeh", false, true},
		{"علي", "Ola", false, false}, {"هيا", "Hoda", false, false}, {"عدي", "Eyad", false, false},
		// Kurdish in its Arabic script (Sorani), which writes its vowels.
		{"کاروان", "Karwan", false, true}, {"تاڵەبانی", "Talabani", true, true}, {"ڕێبوار", "Rebwar", false, true},
		{"کاکەیی", "Kakai", true, true}, {"هێڤی", "Hêvî", false, true}, {"هەورامی", "Hawrami", true, true},
		{"کاروان", "Kamran", false, false},
	} {
		if got := sameArabicName(p.arabic, p.latin, p.surname); got != p.same {
			t.Errorf("sameArabicName(%s, %s) = %v, want %v", p.arabic, p.latin, got, p.same)
		}
	}
}

// A Saudi customer's name in Arabic script on one visit and in Latin
// letters on the next is one person's, box for box, and in Iran too;
// another name of the family is not; boxes swapped stay the father's and
// the son's without a birth date, unless a box holds a family's name
// (Al-Dosari), which no chain of given names does. Her father's name left out between her
// own and the family's is her, but her father's name alone is him.
func TestGuardArabicAndLatin(t *testing.T) {
	checkGuard(t, []guardCase{
		{"نوف", "الشهري", "Nouf", "Al-Shehri", "SA", true},
		{"Saad", "Al-Ghamdi", "سعد", "الغامدي", "SA", true},
		{"ريم", "الشمري", "Reem", "Al Shammari", "SA", true},
		{"دانه", "الدوسري", "دانة", "الدوسري", "SA", true},
		{"صالح", "السلمي", "Saleh", "Alsulami", "SA", true},
		{"حسین", "رستمی", "Hossein", "Rostami", "IR", true},
		{"نور", "الشهري", "Noura", "Al-Shehri", "SA", false},
		{"Sara", "Al-Shehri", "نوف", "الشهري", "SA", false},
		{"محمود", "العتيبي", "Mohammed", "Al-Otaibi", "SA", false}, // brothers
		{"حسين", "الزهراني", "Hassan", "Al-Zahrani", "SA", false},
		{"الدوسري", "يوسف", "Yousef", "Al-Dosari", "SA", true}, // a family's name in a box: no chain of given names
		{"يوسف", "محمد", "Mohammed", "Yousef", "SA", false},
		{"عمر", "العتيبي", "عمر محمد", "العتيبي", "SA", true},
		{"Omar", "Al-Otaibi", "Omar Mohammed Fahad", "Al-Otaibi", "SA", true},
		{"Omar bin Mohammed", "Al-Otaibi", "Omar", "Al-Otaibi", "SA", true},
		{"Mohammed", "Al-Otaibi", "Omar Mohammed", "Al-Otaibi", "SA", false},
		{"Omar Khalid", "Al-Otaibi", "Omar Mohammed", "Al-Otaibi", "SA", false},
		{"Omar", "Hassan", "Omar Mohammed", "Hassan", "SA", false}, // Hassan: a father's name, not a family's
		{"Omar", "Al-Otaibi", "Omar Mohammed", "Al-Otaibi", "EG", false},
		{"نوف", "الشهري", "Nouf Mohammad", "Al-Shehri", "SA", true}, // both: another script, her father's name left out
		{"سارة وليد", "المالكي", "Sara", "Al-Malki", "SA", true},
		{"محمد", "الأسمري", "Fahad Mohammed", "Al-Asmari", "SA", false},
		{"نوف", "الشهري", "Nouf Mohammad", "Al-Shehri", "EG", false},
	})
}
