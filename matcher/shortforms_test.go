package matcher

import (
	"strings"
	"testing"
)

// TestShortFormsFile checks that every line of shortforms.txt parses, and
// that no name is the full name of two lines (two lines for one name would
// silently split its short forms; fold them into one line).
func TestShortFormsFile(t *testing.T) {
	lines, err := parseShortForms(shortFormsData)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) < 100 {
		t.Fatalf("%d lines parsed, want the whole file", len(lines))
	}
	// intended lists names deliberately the full name of more than one line.
	intended := map[string]bool{}
	fullOn := map[string]int{}
	for _, l := range lines {
		if len(l.Full) == 0 || len(l.Short) == 0 && len(l.Full) < 2 {
			t.Errorf("line %d: empty side: %v = %v", l.Line, l.Full, l.Short)
		}
		seen := map[string]bool{}
		for _, n := range append(append([]string(nil), l.Full...), l.Short...) {
			if seen[n] {
				t.Errorf("line %d: %q listed twice", l.Line, n)
			}
			seen[n] = true
		}
		for _, n := range l.Full {
			if prev, ok := fullOn[n]; ok && !intended[n] {
				t.Errorf("line %d: %q is already the full name of line %d", l.Line, n, prev)
			}
			fullOn[n] = l.Line
		}
	}
}

func TestParseShortFormsErrors(t *testing.T) {
	for _, data := range []string{
		"alex alexander",           // no "="
		"= alex",                   // no full name
		"alexander =",              // no short form
		"alexander = alex = sandy", // two "="
		"alexander = ?",            // no letters
	} {
		if _, err := parseShortForms(data); err == nil {
			t.Errorf("parseShortForms(%q): no error", data)
		}
	}
	if lines, err := parseShortForms("Khadija khadidja =\n"); err != nil || len(lines) != 1 || len(lines[0].Full) != 2 || len(lines[0].Short) != 0 {
		t.Errorf("parseShortForms of two spellings alone: %+v, %v", lines, err)
	}
	lines, err := parseShortForms("# comment\n\n  Élisabeth elizabeth = Liz  beth # trailing\n")
	if err != nil || len(lines) != 1 || strings.Join(lines[0].Full, ",") != "elisabeth,elizabeth" || strings.Join(lines[0].Short, ",") != "liz,beth" {
		t.Errorf("parseShortForms: %+v, %v", lines, err)
	}
}

func TestShortForms(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		// a name and its short form, either way round
		{"Peggy", "Margaret", true},
		{"Sue", "Susan", true},
		{"Bob", "Robert", true},
		{"Robert", "Bobby", true},
		{"Paco", "Francisco", true},
		{"Jack", "John", true},
		{"Jim", "James", true},
		{"Liam", "William", true},
		{"Mo", "Muhammad", true},
		// English spellings of one name
		{"Sean", "Shaun", true}, {"Shawn", "Sean", true}, {"Ashleigh", "Ashley", true}, {"Zoe", "Zoey", true},
		{"Erik", "Eric", true}, {"Sofie", "Sophie", true}, {"Kaitlyn", "Caitlin", true},
		{"Eric", "Erica", false}, {"Sophie", "Sophia", false},
		// Russian, Greek and Dutch names and short forms
		{"Sasha", "Aleksandr", true}, {"Dima", "Dmitry", true}, {"Natasha", "Natalia", true}, {"Misha", "Mikhail", true},
		{"Giorgos", "Georgios", true}, {"Nikos", "Nikolaos", true}, {"Bram", "Abraham", true}, {"Thijs", "Matthijs", true},
		// German short forms
		{"Uschi", "Ursula", true},
		{"Fritz", "Friedrich", true},
		{"Grete", "Margarete", true},
		{"Gerd", "Gerhard", true},
		{"Heinz", "Heinrich", true},
		{"Käthe", "Katharina", true},
		// one Arabic name in two transliterations
		{"Youcef", "Youssef", true},
		{"Khedidja", "Khadija", true},
		{"Saeed", "Saïd", true},
		{"Hichem", "Hisham", true},
		{"Leïla", "Layla", true},
		{"Karim", "Karima", false},
		{"Youssef", "Said", false},
		{"Pepe", "José", true},
		{"Toño", "Antonio", true},
		{"Maite", "María Teresa", true},
		{"Chuy", "Jesús", true},
		{"Alex", "Alexander", true},
		{"Alex", "Alexandra", true},
		{"Chris", "Christine", true},
		{"Chris", "Christopher", true},
		// Swedish, Norwegian and Danish; Brazilian; British customers' other names
		{"Kalle", "Karl", true}, {"Lasse", "Lars", true}, {"Stina", "Kristina", true}, {"Micke", "Mikael", true},
		{"Olle", "Olof", true}, {"Zé", "José", true}, {"Duda", "Maria Eduarda", true}, {"Bia", "Beatriz", true},
		{"Jo", "Joanne", true}, {"Seun", "Oluwaseun", true}, {"Tunde", "Babatunde", true}, {"Kasia", "Katarzyna", true},
		{"Gosia", "Małgorzata", true}, {"Nikki", "Nicola", true},
		// Spanish, with the Catalan and Basque forms of a name
		{"Chelo", "Consuelo", true},
		{"Chus", "Jesús", true},
		{"Chus", "María Jesús", true},
		{"Fani", "Estefanía", true},
		{"Susi", "Susana", true},
		{"Marisa", "María Luisa", true},
		{"Mariví", "María Victoria", true},
		{"Mari Carmen", "María del Carmen", true},
		{"Maricarmen", "María del Carmen", true},
		{"Lola", "Dolores", true},
		{"Lola", "María Dolores", true},
		{"Nacho", "Ignacio", true},
		{"Nacho", "José Ignacio", true},
		{"Iñaki", "Ignacio", true},
		{"Jordi", "Jorge", true},
		{"Concha", "Concepción", true},
		{"Conchi", "Concepción", true},
		{"Quique", "Enrique", true},
		{"Manolo", "Manuel", true},
		{"Charo", "Rosario", true},
		{"Merche", "Mercedes", true},
		{"Pili", "Pilar", true},
		{"Toñi", "Antonia", true},
		{"Tere", "Teresa", true},
		{"Rafa", "Rafael", true},
		{"Curro", "Francisco", true},
		{"Lupe", "Guadalupe", true},
		{"Nando", "Fernando", true},
		{"Chema", "José María", true},
		{"Txema", "José María", true},
		{"Juanjo", "Juan José", true},
		{"Josemi", "José Miguel", true},
		{"Pepa", "Josefa", true},
		{"Encarna", "Encarnación", true},
		{"Inma", "Inmaculada", true},
		{"Reme", "Remedios", true},
		{"Sole", "Soledad", true},
		{"Montse", "Montserrat", true},
		{"Xavi", "Javier", true},
		{"Xavier", "Javier", true},
		// Italian
		{"Max", "Massimo", true},
		{"Beppe", "Giuseppe", true},
		{"Pippo", "Giuseppe", true},
		{"Pippo", "Filippo", true},
		{"Gianni", "Giovanni", true},
		{"Checco", "Francesco", true},
		{"Mimmo", "Domenico", true},
		{"Totò", "Salvatore", true},
		{"Lele", "Emanuele", true},
		{"Giusy", "Giuseppina", true},
		{"Grazia", "Maria Grazia", true},
		// Dutch: the baptismal name and the call name
		{"Kees", "Cornelis", true},
		{"Piet", "Petrus", true},
		{"Jan", "Johannes", true},
		{"Jaap", "Jacobus", true},
		{"Henk", "Hendrik", true},
		{"Wim", "Wilhelmus", true},
		{"Klaas", "Nicolaas", true},
		{"Tineke", "Catharina", true},
		{"Truus", "Geertruida", true},
		{"Mies", "Maria", true},
		{"Els", "Elisabeth", true},
		// two short forms of one name
		{"Liz", "Beth", true},
		{"Peggy", "Maggie", true},
		// two spellings or languages of one name
		{"Jacques", "James", true},
		{"Catherine", "Kathryn", true},
		{"Mohammed", "Muhammad", true},
		{"Guillaume", "William", true},
		// two names that only share a short form
		{"Alexander", "Alexandra", false},
		{"Alexandre", "Alexis", false},
		{"Gabriel", "Gabrielle", false},
		{"Joseph", "Josephine", false},
		{"Charles", "Charlotte", false},
		{"Christopher", "Christine", false},
		{"Christophe", "Christine", false},
		{"Daniel", "Daniele", false},
		{"Daniel", "Danielle", false},
		{"Paul", "Paula", false},
		{"Louis", "Louise", false},
		{"Samuel", "Samantha", false},
		{"Stéphane", "Stéphanie", false},
		{"Maxime", "Maximilien", false},
		{"Valentin", "Valentine", false},
		{"Patrick", "Patricia", false},
		{"Frédéric", "Frédérique", false},
		{"Sandra", "Alexandra", false},
		{"Katherine", "Kathleen", false},
		{"John", "Jacques", false},
		{"Eleanor", "Ellen", false},
		{"Alberto", "Roberto", false},
		{"Jesús", "María Jesús", false},
		{"Dolores", "María Dolores", false},
		{"Ignacio", "José Ignacio", false},
		{"José María", "María José", false},
		{"Antonio", "Antonia", false},
		{"Jules", "Julien", false},
		{"Giovanni", "Giovanna", false},
		{"Francesco", "Francesca", false},
		{"Alessandro", "Alessandra", false},
		{"Federico", "Federica", false},
		{"Giuseppe", "Filippo", false},
		{"Lorenzo", "Vincenzo", false},
		{"Massimo", "Maxime", false},
		{"Jacobus", "Jacoba", false},
		{"Cornelis", "Cornelia", false},
		{"Hendrik", "Hendrika", false},
		{"Henny", "Hendrik", false},
		{"Petrus", "Pierre", false},
		// unrelated
		{"Paul", "Pierre", false},
		{"Tom", "Tim", false},
	}
	for _, tt := range tests {
		a, b := FoldName(tt.a), FoldName(tt.b)
		if got := shortFormPair(a, b); got != tt.want {
			t.Errorf("shortFormPair(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := shortFormPair(b, a); got != tt.want {
			t.Errorf("shortFormPair(%q, %q) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
		if tt.want {
			// Two short forms that begin otherwise (shortFormsApart) are
			// one name to the fuzzy comparison only.
			if apart := shortFormsApart[[2]string{min(a, b), max(a, b)}]; NamesCompatible(tt.a, tt.b) == apart {
				t.Errorf("NamesCompatible(%q, %q) = %v, want %v", tt.a, tt.b, apart, !apart)
			}
			if got := compareNames(newNameValue(tt.a), newNameValue(tt.b), true); got != LevelNickname && got != LevelTypo && got != LevelCompound {
				t.Errorf("compareNames(%q, %q) = %q, want a nickname", tt.a, tt.b, got)
			}
		} else if got := compareNames(newNameValue(tt.a), newNameValue(tt.b), true); got == LevelNickname {
			if clipped(a, b) {
				// Joseph / Josephine: one is the other cut short, which
				// compareNames takes for a nickname whatever this file says.
				t.Logf("compareNames(%q, %q) = %q by clipped, not by shortforms.txt", tt.a, tt.b, got)
			} else {
				t.Errorf("compareNames(%q, %q) = %q, want no nickname", tt.a, tt.b, got)
			}
		}
	}
}

// TestShortFormsNamesCompatible: pairs too far apart to pass as a typo, so
// NamesCompatible says no unless shortforms.txt joins them.
func TestShortFormsNamesCompatible(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"Peggy", "Margaret", true},
		{"Paco", "Francisco", true},
		// two short forms of one name: one name when they begin alike, two
		// people otherwise (two sisters, a husband and a wife)
		{"Liz", "Lizzie", true}, {"Beth", "Betty", true},
		{"Liz", "Beth", false}, {"Lisa", "Beth", false}, {"Peggy", "Maggie", false}, {"Chris", "Tina", false}, {"Amy", "Mia", false}, {"Molly", "Polly", false},
		{"Gabriel", "Gabrielle", false},
		{"Joseph", "Josephine", false},
		{"Charles", "Charlotte", false},
		{"Christopher", "Christine", false},
		{"Samuel", "Samantha", false},
		{"Alexandre", "Alexis", false},
		{"Jules", "Julien", false},
		{"Max", "Massimo", true},
		{"Beppe", "Giuseppe", true},
		{"Kees", "Cornelis", true},
		{"Piet", "Petrus", true},
		{"Tineke", "Catharina", true},
		{"Jacobus", "Jacoba", false},
	} {
		if got := NamesCompatible(tt.a, tt.b); got != tt.want {
			t.Errorf("NamesCompatible(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func BenchmarkShortFormPair(b *testing.B) {
	x, y := FoldName("Peggy"), FoldName("Margaret")
	b.ReportAllocs()
	for b.Loop() {
		shortFormPair(x, y)
	}
}
