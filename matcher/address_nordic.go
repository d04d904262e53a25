package matcher

import "strings"

// nordicCountries write a street as one word with its kind at the end
// (Storgatan, Kvillebäcksvägen, Nørrebrogade), abbreviated at will
// (Storg., Kvillebäcksv.), and the flat after the house number: a Swedish
// lägenhet number (lgh 1102, unitWords), a Danish floor and side (3. tv),
// a Norwegian bolignummer (H0203).
var nordicCountries = map[string]bool{"SE": true, "NO": true, "DK": true, "FI": true, "AX": true, "IS": true, "FO": true}

// nordicEndings are the kinds of street at a Nordic street's end, each
// with its spellings and abbreviations (folded: ä and ø are a and o), the
// longest first: the Swedish gatan and vägen, the Norwegian gata, gate and
// veien, the Danish gade and vej are each written one way.
var nordicEndings = []struct {
	kind  string
	forms []string
}{
	{"gata", []string{"gatan", "gata", "gate", "gade", "gat", "gt", "g"}},
	{"vag", []string{"vagen", "veien", "vegen", "vag", "vei", "veg", "vej", "vn", "v"}},
}

// nordicStreet writes the kind of street that ends a Nordic street's last
// word, or is its last word (Karl Johans gate, Karl Johans gt.), one way:
// Storgatan and Storg. are storgata, Kvillebäcksvägen and Kvillebäcksv.
// kvillebacksvag. An abbreviation of one letter is read only at the end
// of a word of four letters or more, or after another word.
func nordicStreet(words []string) []string {
	if len(words) == 0 {
		return words
	}
	last := words[len(words)-1]
	for _, e := range nordicEndings {
		for _, f := range e.forms {
			stem, ok := strings.CutSuffix(last, f)
			if !ok || len(f) == 1 && (stem == "" && len(words) == 1 || stem != "" && len(stem) < 3) {
				continue
			}
			return append(words[:len(words)-1:len(words)-1], stem+e.kind)
		}
	}
	return words
}

// nordicSides are a Danish flat's side after its floor: til venstre, til
// højre, midtfor.
var nordicSides = map[string]bool{"tv": true, "th": true, "mf": true}

// nordicUnit reads the flat written after a Nordic house number: a Danish
// floor and side (3. tv, st. th, 1. sal: the floor alone) or a Norwegian
// bolignummer (H0203). "" when it names none.
func nordicUnit(rest []addrToken) string {
	if len(rest) == 0 {
		return ""
	}
	w := rest[0].text
	if len(w) == 5 && strings.ContainsRune("hkul", rune(w[0])) && allDigits(w[1:]) {
		return w // H0203: the floor (02) and the flat (03)
	}
	if floor, side := w[:len(w)-min(2, len(w))], w[len(w)-min(2, len(w)):]; nordicSides[side] && allDigits(floor) {
		return w // 3tv
	}
	if !(allDigits(w) && len(w) <= 2 || w == "st" || w == "kl") {
		return ""
	}
	if len(rest) > 1 && nordicSides[rest[1].text] {
		return w + rest[1].text
	}
	return w
}
