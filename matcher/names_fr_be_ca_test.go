package matcher

import "testing"

// French, Belgian and Québec forms: M. (Monsieur) before a man's given
// name, the short forms their customers go by, and sisters who both write
// the surname first.
func TestFrancophoneNames(t *testing.T) {
	checkGuard(t, []guardCase{
		{"M. Félix", "Leclerc", "Félix", "Leclerc", "CA", true},
		{"Félix", "Leclerc", "M. Félix", "Leclerc", "FR", true},
		{"M. Félix", "Leclerc", "Hugo", "Leclerc", "FR", false},
		{"Caro", "Martin", "Caroline", "Martin", "FR", true},
		{"Cath", "Morel", "Catherine", "Morel", "FR", true},
		{"Gen", "Roy", "Geneviève", "Roy", "CA", true},
		{"Ben", "Roy", "Benoît", "Roy", "CA", true},
		{"Lau", "Roy", "Laurence", "Roy", "CA", true},
		{"Kat", "Peeters", "Katrien", "Peeters", "BE", true},
		{"Jo", "Roy", "Johanne", "Roy", "CA", true},
		{"Gab", "Roy", "Gabrielle", "Roy", "CA", true},
		// A whole name in one box, split at the other record's surname,
		// and a short form besides
		{"MARTIN Catherine", "", "Cath", "Martin", "FR", true},
		{"Tom", "Fontaine", "FONTAINE Thomas", "", "FR", true},
		{"MARTIN Claire", "", "Cath", "Martin", "FR", false},   // her sister
		{"Beaulieu", "Karine", "Beaulieu", "Zoé", "CA", false}, // sisters, surname first
		{"gagné", "océane", "Gagné", "Rosalie", "CA", false},
	})
}

// A booking whose first name is a typing slip of the profile's, which is a
// given name dedupe knows, lands there, and the profile keeps its name; a
// slip on the profile gives way to the name.
func TestSlipOverKnownName(t *testing.T) {
	for _, tt := range []struct {
		first, profileFirst string
		kept                bool
	}{
		{"Cahterine", "Catherine", true},
		{"Nicloas", "Nicolas", true},
		{"Catherine", "Cahterine", false},
		{"Catherine", "Catherine", false},
		{"Kathy", "Catherine", false}, // a short form she goes by
	} {
		got := onFamilyEmail(tt.first, "Morel", tt.profileFirst, "Morel", "FR") // family@example.com names neither
		if got.Outcome != OutcomeUpdated || got.FirstNameKept != tt.kept {
			t.Errorf("%s on %s's profile: %s, first name kept %t; want updated, kept %t", tt.first, tt.profileFirst, got.Outcome,
				got.FirstNameKept, tt.kept)
		}
	}
}

// A booking's own email says which of two spellings a slip apart is the
// name: Gwneola beside gwenola.dubois@… leaves Gwenola, a name no list
// holds.
func TestSlipBesideItsEmail(t *testing.T) {
	for _, tt := range []struct {
		first, email, profileFirst string
		kept                       bool
	}{
		{"Gwneola", "gwenola.dubois@example.fr", "Gwenola", true},
		{"Gwenola", "gwenola.dubois@example.fr", "Gwneola", false},
		{"Gwneola", "g.dubois@example.fr", "Gwenola", false}, // no name in it
	} {
		got := guarded(Customer{FirstName: tt.first, LastName: "Dubois", Email: tt.email}, named("p", t0, tt.profileFirst, "Dubois", FieldEmail), "FR")
		if got.Outcome != OutcomeUpdated || got.FirstNameKept != tt.kept {
			t.Errorf("%s (%s) on %s's profile: %s, first name kept %t; want updated, kept %t", tt.first, tt.email, tt.profileFirst,
				got.Outcome, got.FirstNameKept, tt.kept)
		}
	}
}
