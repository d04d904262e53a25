package matcher

import "testing"

// A name's Arabic-script and Latin writings share a skeleton: its
// consonants, the article and the vowels left out, and whether it ends on
// a vowel.
func TestArabicSkeleton(t *testing.T) {
	for _, p := range [][2]string{
		{"نوف", "Nouf"}, {"الشهري", "Al-Shehri"}, {"الشهري", "Alshehri"}, {"الشهري", "Al Shehri"}, {"محمد", "Mohammed"},
		{"محمد", "Muhammad"}, {"عبدالله", "Abdullah"}, {"عبد الله", "Abdallah"}, {"عبدالعزيز", "Abdulaziz"}, {"خالد", "Khaled"},
		{"سعد", "Saad"}, {"الغامدي", "Al-Ghamdi"}, {"ريم", "Reem"}, {"دانة", "Dana"}, {"يوسف", "Yousef"}, {"وليد", "Waleed"},
		{"نواف", "Nawaf"}, {"نورة", "Noura"}, {"مصطفى", "Mustafa"}, {"فاطمة", "Fatimah"}, {"صالح", "Saleh"}, {"القحطاني", "Al-Qahtani"},
		{"حسین", "Hossein"}, {"رستمی", "Rostami"}, {"هيثم", "Haitham"}, {"عمر", "Omar"}, {"إياد", "Eyad"}, {"سلطان", "Sultan"},
	} {
		if a, b := arabicSkeleton(p[0]), arabicSkeleton(p[1]); a != b {
			t.Errorf("%s is %q, %s %q: want one skeleton", p[0], a, p[1], b)
		}
	}
	for _, p := range [][2]string{{"نور", "Noura"}, {"محمد", "Ahmed"}, {"سلطان", "Salman"}, {"سارة", "Nouf"}} {
		if a, b := arabicSkeleton(p[0]), arabicSkeleton(p[1]); a == b {
			t.Errorf("%s and %s share the skeleton %q: want two names", p[0], p[1], a)
		}
	}
}

// A Saudi customer's name in Arabic script on one visit and in Latin
// letters on the next is one person's, box for box or the whole name,
// and in Iran too; another name of the family is not; boxes swapped stay
// the father's and the son's without a birth date. Her father's name left
// out between her own and the family's is her, but her father's name
// alone is him.
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
		{"محمد", "العتيبي", "Ahmed", "Al-Otaibi", "SA", false},
		{"الدوسري", "يوسف", "Yousef", "Al-Dosari", "SA", false},
		{"عمر", "العتيبي", "عمر محمد", "العتيبي", "SA", true},
		{"Omar", "Al-Otaibi", "Omar Mohammed Fahad", "Al-Otaibi", "SA", true},
		{"Omar bin Mohammed", "Al-Otaibi", "Omar", "Al-Otaibi", "SA", true},
		{"Mohammed", "Al-Otaibi", "Omar Mohammed", "Al-Otaibi", "SA", false},
		{"Omar Khalid", "Al-Otaibi", "Omar Mohammed", "Al-Otaibi", "SA", false},
		{"Omar", "Hassan", "Omar Mohammed", "Hassan", "SA", false}, // Hassan: a father's name, not a family's
		{"Omar", "Al-Otaibi", "Omar Mohammed", "Al-Otaibi", "EG", false},
	})
}
