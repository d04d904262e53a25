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
		letters, initials := initialsWord(w, mixed)
		switch {
		case letters == "":
		case initials:
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

// initialsWord returns a word's letters, and whether they are initials (a
// word of one Latin letter, or of two to four Latin capitals with dots, or
// with no vowel or beside a word that is not all capitals: mixed).
func initialsWord(w string, mixed bool) (letters string, initials bool) {
	letters = strings.Map(func(c rune) rune {
		if unicode.IsLetter(c) {
			return c
		}
		return -1
	}, w)
	n := len([]rune(letters))
	latin := !otherLetters(letters)
	capitals := !strings.ContainsFunc(letters, func(c rune) bool { return !unicode.IsUpper(c) })
	return letters, n > 0 && latin && (n == 1 || n <= 4 && strings.Count(w, ".") >= n-1 && strings.Contains(w, ".") ||
		n <= 4 && capitals && (mixed || !strings.ContainsAny(strings.ToLower(letters), "aeiou")))
}

// surnameBeforeInitials reads a first-name box that holds a surname and
// then initials, the surname box left empty, as the initials and the
// surname (FERNANDO K A K is K A K / FERNANDO, BANDARA W.M.R.P. is
// W.M.R.P. / BANDARA), as Sri Lankan records write a name surname first.
// Initials before a word are left as they are: S. Kumaran is a Tamil's
// father's initial before his own name.
func surnameBeforeInitials(first, last string) (string, string, bool) {
	words := strings.Fields(first)
	if strings.ContainsFunc(last, unicode.IsLetter) || len(words) < 2 {
		return first, last, false
	}
	if _, initials := initialsWord(words[0], false); initials {
		return first, last, false
	}
	for _, w := range words[1:] {
		if _, initials := initialsWord(w, true); !initials {
			return first, last, false
		}
	}
	return strings.Join(words[1:], " "), words[0], true
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

// fathersNameBeforeGivenNames reports whether, in a Sri Lankan tenant, a
// booking and a profile that agree on the first-name box and give
// surnames that share nothing are two people of one household: a Tamil
// writes his father's name before his own (Sivakumar / Ganesh and his
// sister Sivakumar / Nirmala; Prakash / Kajan and his mother, who took
// her husband's name, PRAKASH / JEYANTHI), so the boxes that differ are
// two given names, not a surname changed at marriage. A surname changed
// at marriage is one when both are Sri Lankan family names (Nadeesha
// Perera, married Nadeesha Fernando: sriLankanFamilyName) or the birth
// dates agree. A Tamil woman who writes her husband's name for her
// father's after marrying, with no birth date, goes to review rather than
// onto a sibling's profile.
func fathersNameBeforeGivenNames(region string, c Customer, p Profile) bool {
	if !initialsRegions[strings.ToUpper(region)] || sameBirthDate(c.BirthDate, p.BirthDate) {
		return false
	}
	if otherLetters(c.LastName) != otherLetters(p.LastName) {
		return false // ශානිකා / ප්‍රනාන්දු and Shanika / Fernando: the script's readings compare them
	}
	x, y := surnameWords(c.LastName), surnameWords(p.LastName)
	if len(x) == 0 || len(y) == 0 || !NamesCompatible(c.FirstName, p.FirstName) || wordsMeet(x, y) {
		return false
	}
	return !slices.ContainsFunc(x, sriLankanFamilyName) || !slices.ContainsFunc(y, sriLankanFamilyName)
}

// otherLetters reports whether a name holds a letter of another alphabet
// than the Latin one.
func otherLetters(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) })
}

// sriLankanFamilyName reports whether a folded word is a Sri Lankan family
// name, not a given name: one of the Sinhala endings (Wickramasinghe,
// Dissanayake, Karunaratne, Jayawardena, Abeysekera, Jayatilaka,
// Jayasuriya, Samarakoon, Liyanage, Kankanamge, Ranatunga, Samaraweera,
// Rajapaksa, Kotelawala, Arachchi) or one of the commonest that have none,
// many of them Portuguese or Dutch (Perera, Fernando, de Silva, Bandara,
// Herath: southAsianFamilyNames, sriLankanFamilyNames).
func sriLankanFamilyName(w string) bool {
	if southAsianFamilyNames[w] || sriLankanFamilyNames[w] {
		return true
	}
	for _, e := range sriLankanFamilyEndings {
		if len(w) > len(e)+1 && strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// sriLankanFamilyEndings are the endings of Sinhala family names, folded.
var sriLankanFamilyEndings = []string{"singhe", "singha", "sinha", "nayake", "nayaka", "naike", "ratne", "ratna",
	"rathne", "rathna", "wardena", "wardene", "wardana", "wardhana", "wardhane", "sekara", "sekera", "tilake",
	"tilaka", "tileke", "tilleke", "thilake", "suriya", "sooriya", "koon", "tunga", "thunga", "weera", "paksa",
	"pakse", "wala", "gama", "goda", "pitiya", "deniya", "arachchi", "kody", "kodi", "pathirana", "pathirane",
	"wickrama", "appuhamy", "age", "mge", "ige", "uge"} // the ge names: Liyanage, Kankanamge, Arachchige, Hettige

// sriLankanFamilyNames are common Sri Lankan family names that end
// otherwise, folded, beside those of southAsianFamilyNames (Perera,
// Fernando, Silva, Bandara, Herath): some of them are given names
// elsewhere (Rodrigo, Mel).
var sriLankanFamilyNames = setOf("desilva", "mendis", "peiris", "pieris", "dias", "cooray", "fonseka", "rodrigo",
	"costa", "alwis", "dealwis", "gomes", "zoysa", "dezoysa", "soysa", "mel", "demel", "kumara", "premadasa", "livera",
	"salgado", "croos", "pinto", "dharmadasa", "wimalasena", "gunasena", "jayasena", "amarasena")
