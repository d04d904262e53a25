package matcher

import (
	"slices"
	"strings"
	"unicode"
)

// Sri Lankan customers write their given names as initials before the
// one they go by, or all as initials, on one visit (W.M.P.G. de Silva, K A
// G Dilshan Bandara, A.K. Dissanayake: the first initials are often the
// family's ge name, Wickramasinghe Mudiyanselage) and written out on the
// next (Pradeep Gayan de Silva, Dilshan Bandara, Kamal Dissanayake).

// initialsRegions are the regions whose customers write their given names
// so: Sri Lanka.
var initialsRegions = setOf("LK")

// givenWithInitials is a record's names read for initialsRead: its given
// names written out, its initials (of given names and a ge name, in
// order), and its surname.
type givenWithInitials struct {
	given    []string // folded
	initials string   // folded letters
	surname  string
}

// readInitials reads a record's boxes: a word of one Latin letter, or of
// two to four Latin capitals with dots, with no vowel or beside a word
// that is not all capitals (K.A., DMS, LA Hasini), is initials; a whole
// name in the first box ends with the surname.
func readInitials(first, last string) givenWithInitials {
	var r givenWithInitials
	words := strings.FieldsFunc(first, func(c rune) bool { return unicode.IsSpace(c) || c == ',' })
	mixed := slices.ContainsFunc(words, func(w string) bool { return w != strings.ToUpper(w) }) // LA Hasini, not ANU
	for _, w := range words {
		letters := strings.Map(func(c rune) rune {
			if unicode.IsLetter(c) {
				return c
			}
			return -1
		}, w)
		n := len([]rune(letters))
		latin := !strings.ContainsFunc(letters, func(c rune) bool { return !unicode.Is(unicode.Latin, c) })
		capitals := !strings.ContainsFunc(letters, func(c rune) bool { return !unicode.IsUpper(c) })
		switch {
		case n == 0:
		case latin && (n == 1 || n <= 4 && strings.Count(w, ".") >= n-1 && strings.Contains(w, ".") ||
			n <= 4 && capitals && (mixed || !strings.ContainsAny(strings.ToLower(letters), "aeiou"))):
			r.initials += FoldName(letters)
		default:
			r.given = append(r.given, FoldName(letters))
		}
	}
	r.surname = strings.TrimSpace(last)
	if r.surname == "" && len(r.given) >= 2 {
		r.surname, r.given = r.given[len(r.given)-1], r.given[:len(r.given)-1]
	}
	return r
}

// initialsRead returns the names with one record's initials read as the
// other's given names, and true, when one record writes initials and the
// other none and the first's names are the second's (spelledOut): A.K.
// for Kamal, W.M.P.G. for Pradeep Gayan, L.A.N. Anusha for Anusha. The
// surnames are left to the guard, but for a record of initials alone.
func (g guardNames) initialsRead() (guardNames, bool) {
	b, p := readInitials(g.first, g.last), readInitials(g.profileFirst, g.profileLast)
	b.surnameFrom(p)
	p.surnameFrom(b)
	switch {
	case b.initials != "" && p.initials == "" && spelledOut(b, p):
		g.first, g.last = g.profileFirst, b.surname
		if strings.TrimSpace(g.profileLast) == "" {
			g.first = strings.Join(p.given, " ")
		}
		return g, true
	case p.initials != "" && b.initials == "" && spelledOut(p, b):
		g.profileFirst, g.profileLast = g.first, p.surname
		if strings.TrimSpace(g.last) == "" {
			g.profileFirst = strings.Join(b.given, " ")
		}
		return g, true
	}
	return g, false
}

// spelledOut reports whether the names a record r writes with initials
// are another record's written out: each of r's written out among the
// other's, and the other's others, in order, the initials r ends with (the
// first initials may be a ge name's: W.M. of W.M.P.G.). Initials left
// before those, and initials alone, need the surnames to agree: R M S M /
// Herath is not Sunil / Herath, nor S. / Thivya Sivakumar / Selvaraj, and
// S. Kumaran may be Kumaran / Sivakumar, a Tamil's father's initial before
// his name, or his wife, Kumaran / Shanthini.
func spelledOut(r, other givenWithInitials) bool {
	given := other.given
	if len(given) == 0 || len(r.given) > len(given) {
		return false
	}
	used := make([]bool, len(given))
	for _, w := range r.given {
		found := false
		for i, v := range given {
			if !used[i] && NamesCompatible(w, v) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	var rest strings.Builder // the initials of the other's names r does not write out
	for i, v := range given {
		if !used[i] {
			rest.WriteString(v[:1])
		}
	}
	left, ok := strings.CutSuffix(r.initials, rest.String())
	if !ok {
		return false
	}
	sameSurname := r.surname != "" && other.surname != "" && NamesCompatible(r.surname, other.surname)
	return left == "" && len(r.given) > 0 || sameSurname
}

// surnameFrom takes r's last given name for its surname when r writes no
// surname and that name is the other record's surname (U Perera, for Upul
// / Perera).
func (r *givenWithInitials) surnameFrom(other givenWithInitials) {
	if n := len(r.given); r.surname == "" && n > 0 && other.surname != "" && NamesCompatible(r.given[n-1], other.surname) {
		r.surname, r.given = r.given[n-1], r.given[:n-1]
	}
}
