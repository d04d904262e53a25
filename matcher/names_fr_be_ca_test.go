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
		{"Beaulieu", "Karine", "Beaulieu", "Zoé", "CA", false}, // sisters, surname first
		{"gagné", "océane", "Gagné", "Rosalie", "CA", false},
	})
}
