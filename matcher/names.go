package matcher

import (
	_ "embed"
	"strings"
	"unicode"

	"github.com/antzucaro/matchr"
	"golang.org/x/text/unicode/norm"
)

// shortFormsData lists, one family a line, first names that are short forms
// of one another. It is data, not code: add a line to teach the matcher a
// new short form.
//
//go:embed shortforms.txt
var shortFormsData string

// shortForms maps a folded first name to the ids of the families it is in.
var shortForms = parseShortForms(shortFormsData)

func parseShortForms(data string) map[string][]int {
	m := map[string][]int{}
	for i, line := range strings.Split(data, "\n") {
		line, _, _ = strings.Cut(line, "#")
		for _, name := range strings.Fields(line) {
			m[FoldName(name)] = append(m[FoldName(name)], i)
		}
	}
	return m
}

// FoldName lower-cases a name and strips accents and everything that is not
// a letter, so "Zoé", "zoe" and "ZOÉ" compare equal.
func FoldName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent: drop it
		case unicode.IsLetter(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// NamesCompatible reports whether two first names may belong to one person:
// either is empty, they are equal once folded, one is the initial of the
// other, one is a known short form of the other, or they are a small typo
// apart (one edit, or two for names of eight letters or more).
func NamesCompatible(a, b string) bool {
	a, b = FoldName(a), FoldName(b)
	switch {
	case a == "" || b == "" || a == b:
		return true
	case len([]rune(a)) == 1 || len([]rune(b)) == 1:
		return []rune(a)[0] == []rune(b)[0]
	}
	for _, fa := range shortForms[a] {
		for _, fb := range shortForms[b] {
			if fa == fb {
				return true
			}
		}
	}
	limit := 1
	if min(len([]rune(a)), len([]rune(b))) >= 8 {
		limit = 2
	}
	return min(len([]rune(a)), len([]rune(b))) >= 4 && EditDistance(a, b) <= limit
}

// EditDistance is the optimal string alignment distance between two
// strings, in runes: the letters changed, added or dropped, and two
// neighbouring letters swapped counts as one slip (Tohmas / Thomas), as
// people make them.
func EditDistance(a, b string) int { return matchr.OSA(a, b) }
