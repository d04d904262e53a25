package matcher

import "testing"

// TestDutchSurnameParticles: a Dutch surname written with its particles
// before it, after it or without them (van den Berg, Berg, van den; Berg)
// is one surname, and its records share a blocking key, so the scan
// compares them; two surnames that differ once the particles are left
// aside do not.
func TestDutchSurnameParticles(t *testing.T) {
	for _, c := range []struct {
		a, b Profile
		want bool
	}{
		{Profile{FirstName: "Noor", LastName: "v. Leeuwen", BirthDate: "1976-09-02"},
			Profile{FirstName: "N.E.", LastName: "Leeuwen, van", BirthDate: "1976-09-02"}, true},
		{Profile{FirstName: "Evi", LastName: "Berg", BirthDate: "2002-02-08"},
			Profile{FirstName: "Evi", LastName: "van den Berg", BirthDate: "2002-08-02"}, true},
		{Profile{FirstName: "Evi", LastName: "van Dijk", BirthDate: "2002-02-08"},
			Profile{FirstName: "Sanne", LastName: "van Dam", BirthDate: "1971-05-30"}, false},
	} {
		if got := shareKey(c.a, c.b); got != c.want {
			t.Errorf("%s %s / %s %s share a key: %v, want %v", c.a.FirstName, c.a.LastName, c.b.FirstName, c.b.LastName, got, c.want)
		}
	}
	m := DefaultFuzzyModel()
	a := rec("a", "Evi", "Berg", "2002-02-08", Address{}, nil, nil)
	b := rec("b", "Evi", "van den Berg", "2002-02-08", Address{}, nil, nil)
	if s := m.Score(a, b); !s.Opens(20) {
		t.Errorf("Evi Berg / Evi van den Berg, one birth date: %+v does not open", s)
	}
}

// TestFoldNameLettersApart: the letters with no accent to drop fold to
// what a keyboard without them types, so Łukasz Wałęsa and Lukasz Walesa
// are one name, not two slips apart.
// TestParticlesAfterComma: a surname that a register or an export files
// with its particles after a comma folds as it is said; a comma before
// anything else is left where it is.
func TestParticlesAfterComma(t *testing.T) {
	for in, want := range map[string]string{"Berg, van den": "vandenberg", "Haan, de": "dehaan", "Hooft, 't": "thooft",
		"Berg,van den": "vandenberg", "Weizsäcker, von": "vonweizsacker", "Smith, John": "smithjohn", "Rossi, Mario": "rossimario",
		", de": "de", "Berg,": "berg"} {
		if got := FoldName(in); got != want {
			t.Errorf("FoldName(%q) = %q, want %q", in, got, want)
		}
	}
	if l := compareNames(newNameValue("Haan, de"), newNameValue("De Haan"), false); l != LevelExact {
		t.Errorf("Haan, de / De Haan: %s, want exact", l)
	}
}

func TestFoldNameLettersApart(t *testing.T) {
	for in, want := range map[string]string{"Łukasz": "lukasz", "Wałęsa": "walesa", "Søren": "soren", "Ærø": "aero",
		"Straße": "strasse", "Œuvray": "oeuvray", "Đorđe": "dorde", "Þórunn": "thorunn", "Zoé": "zoe",
		"Ольга": "olga", "Наталья": "natalya", "Юлия": "yuliya", "Сергей": "sergei", "Щукина": "shchukina",
		"Фёдор": "fedor", "Олексій": "oleksii", "Ђорђе": "djordje"} {
		if got := FoldName(in); got != want {
			t.Errorf("FoldName(%q) = %q, want %q", in, got, want)
		}
	}
	if l := compareNames(newNameValue("Wałęsa"), newNameValue("Walesa"), false); l != LevelExact {
		t.Errorf("Wałęsa / Walesa: %s, want exact", l)
	}
	// One customer in two alphabets.
	if l := compareNames(newNameValue("Иванова"), newNameValue("Ivanova"), false); l != LevelExact {
		t.Errorf("Иванова / Ivanova: %s, want exact", l)
	}
	for _, p := range [][2]string{{"Ольга", "Olga"}, {"Татьяна", "Tatiana"}, {"Юлия", "Yulia"}, {"Сергей", "Sergey"}} {
		if !NamesCompatible(p[0], p[1]) {
			t.Errorf("NamesCompatible(%s, %s) = false, want true", p[0], p[1])
		}
	}
}
