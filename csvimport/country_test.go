package csvimport

import "testing"

func TestCountryCode(t *testing.T) {
	for v, want := range map[string]string{
		"France": "FR", "FRANCE": "FR", "france": "FR", "FRA": "FR", "fra": "FR", "fr": "fr",
		"Royaume-Uni": "GB", "royaume uni": "GB", "United Kingdom": "GB", "GBR": "GB",
		"Etats-Unis": "US", "États-Unis": "US", "USA": "US", "Estados Unidos": "US",
		"Belgique": "BE", "Suisse": "CH", "Schweiz": "CH", "Suiza": "CH",
		"Côte d’Ivoire": "CI", "Cote d'Ivoire": "CI", "Pays-Bas": "NL", "Maroc": "MA",
		"La Réunion": "RE", "Guadeloupe": "GP", "Österreich": "AT", "Alemania": "DE",
		// Neither a code nor a name: left for the check to refuse.
		"F": "F", "Atlantis": "Atlantis", "ZZZ": "ZZZ", "EUR": "EUR", "": "",
	} {
		if got := countryCode(v); got != want {
			t.Errorf("countryCode(%q) = %q, want %q", v, got, want)
		}
	}
}
