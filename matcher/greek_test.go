package matcher

import "testing"

// TestGreekRead: a Greek name in Greek letters folds as a Greek passport
// writes it in Latin ones, capitals and accents or not, with the vowel
// pairs and the consonant pairs read as one sound.
func TestGreekRead(t *testing.T) {
	for in, want := range map[string]string{
		"Γιώργος": "giorgos", "ΓΙΩΡΓΟΣ": "giorgos", "Παπαδόπουλος": "papadopoulos", "Παπαδοπούλου": "papadopoulou",
		"Κωνσταντίνος": "konstantinos", "Αικατερίνη": "aikaterini", "Χρήστος": "christos", "Θεόδωρος": "theodoros",
		"Ευάγγελος": "evangelos", "Ευστάθιος": "efstathios", "Λευτέρης": "lefteris", "Αγγελική": "angeliki",
		"Μπάμπης": "bampis", "Ντίνα": "dina", "Παντελής": "pantelis", "Ψαρράς": "psarras", "Μαΐου": "maiou",
		"Ευΐα": "evia", "Σοφία Οικονόμου": "sofiaoikonomou", "Γεωργίου": "georgiou", "Ξανθή": "xanthi",
		"Maria Κυριακή": "mariakyriaki", "Ἀθηνᾶ": "athina",
	} {
		if got := FoldName(in); got != want {
			t.Errorf("FoldName(%q) = %q, want %q", in, got, want)
		}
	}
	// One customer in two alphabets, on the guard's side and the fuzzy one.
	if !NamesCompatible("Γιώργος", "Giorgos") || !NamesSwapped("Παπαδόπουλος", "Γιώργος", "Giorgos", "Papadopoulos") {
		t.Error("Γιώργος Παπαδόπουλος is not Giorgos Papadopoulos")
	}
	if l := compareNames(newNameValue("Παπαδόπουλος"), newNameValue("Papadopoulos"), false); l != LevelExact {
		t.Errorf("Παπαδόπουλος / Papadopoulos: %s, want exact", l)
	}
}
