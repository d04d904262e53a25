package matcher

import "testing"

// Ghana's, Senegal's and Ethiopia's customers write their names otherwise
// from one visit to the next: a day name spelled as Twi or Fante spells
// it, a title, the surname written again in the first-name box, an
// Ethiopian's grandfather's name written or not. A relative's name is
// another.
func TestGhanaSenegalEthiopiaNames(t *testing.T) {
	checkGuard(t, []guardCase{
		{"Kwesi", "Mensah", "Kwasi", "Mensah", "GH", true},
		{"Efua", "Mensah", "Afua", "Mensah", "GH", true},
		{"Emmanuel Kweku", "Agyei", "Emmanuel Kwaku", "Agyei", "GH", true},
		{"Araba", "Mensah", "Abena", "Mensah", "GH", true},
		{"Nii Armah", "Tetteh", "Armah", "Tetteh", "GH", true},
		{"Alhaji Ibrahim", "Mahama", "Ibrahim", "Mahama", "GH", true},
		{"Kofi", "Mensah", "Kwame", "Mensah", "GH", false}, // brothers born on other days
		{"Ama", "Mensah", "Abena", "Mensah", "GH", false},
		{"Mamoudou", "Diop", "Mamadou", "Diop", "SN", true},
		{"Modou", "Diop", "Mamadou", "Diop", "SN", true},
		{"Cheick", "Fall", "Cheikh", "Fall", "SN", true},
		{"Ousmane", "Sow", "Usman", "Sow", "SN", true},
		{"Fatou", "Ndiaye", "Fatoumata", "Ndiaye", "SN", true},
		{"Khady", "Ba", "Khadija", "Ba", "SN", true},
		{"DIOP Mamadou", "DIOP", "Mamadou", "Diop", "SN", true},
		{"Mamadou DIOP", "Diop", "Mamadou", "Diop", "SN", true},
		{"Awa", "Diop", "Fatou", "Diop", "SN", false},                     // her sister
		{"Fatou", "Cissé", "Fatou", "Thiam", "SN", false},                 // her mother: Senegal's women keep their names
		{"N'DIAYE", "Moussa", "N'diaye", "El Hadji Ousmane", "SN", false}, // his father, both surnames first
		{"Tigist", "Kebede", "Tigist", "Abera", "ET", false},              // another father's daughter
		{"Tesfaye", "Abera", "Tesfaye", "Abera Mulugeta", "ET", true},
		{"Tesfaye Abera Mulugeta", "", "Tesfaye", "Abera", "ET", true},
		{"Ato Dawit", "Binyam Henok", "Dawit", "Binyam", "ET", true},
		{"W/ro Almaz", "Kebede", "Almaz", "Kebede", "ET", true},
		{"Selam", "Abebe", "Selamawit", "Abebe", "ET", true},
		{"Eden Hailemariam", "Kidane", "Eden", "Hailemariam", "ET", true}, // her name, her father's, her grandfather's
		{"ተስፋዬ መስፍን", "ዮናስ", "አቶ ተስፋዬ", "መስፍን", "ET", true},
		{"QIDIST YONASS", "HAYLE", "Qidist", "Yonas", "ET", true},
		{"Abebe Kebede", "Girma", "Abebe", "Kebede Tesfaye", "ET", false},   // a cousin: another grandfather
		{"Abebe", "Kebede", "Kebede", "Tesfaye", "ET", false},               // his father
		{"Getachew", "Bekele", "Getachew Getachew Bekele", "", "ET", false}, // his son, Getachew son of Getachew
		{"Getachew", "Bekele", "Getachew", "Getachew Bekele", "ET", false},
		{"ጌታቸው", "በቀለ", "Getachew Getachew Bekele", "Getachew", "ET", false},
		{"Tesfaye", "Abera Mulugeta", "Tesfaye", "Abera Girma", "ET", false}, // a cousin: another grandfather
		{"Hirut", "Abera", "Tesfaye", "Abera Mulugeta", "ET", false},         // his sister
	})
}
