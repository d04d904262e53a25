package matcher

import "math"

// keyboards are the letter rows of the layouts customers type names on
// (QWERTY, AZERTY, QWERTZ), each row with how far its first key sits to
// the right of the row above's first key, in keys.
var keyboards = [][]struct {
	keys  string
	shift float64
}{
	{{"qwertyuiop", 0}, {"asdfghjkl", 0.25}, {"zxcvbnm", 0.75}},
	{{"azertyuiop", 0}, {"qsdfghjklm", 0.25}, {"wxcvbn", 0.75}},
	{{"qwertzuiop", 0}, {"asdfghjkl", 0.25}, {"yxcvbnm", 0.75}},
}

// keyboardNeighbours reports whether two folded letters are keys next to
// each other on one of the keyboards: beside each other in a row, or
// touching in the row above or below. A finger that slips hits a
// neighbour (Emma typed Emna); two names one letter apart are seldom that
// (Mark / Mary, Jean / Joan).
func keyboardNeighbours(x, y rune) bool {
	for _, rows := range keyboards {
		xr, xc, yr, yc := -1, 0.0, -1, 0.0
		for r, row := range rows {
			for i, k := range row.keys {
				if k == x {
					xr, xc = r, float64(i)+row.shift
				}
				if k == y {
					yr, yc = r, float64(i)+row.shift
				}
			}
		}
		if xr < 0 || yr < 0 || x == y {
			continue
		}
		if dr := xr - yr; (dr == 0 && math.Abs(xc-yc) == 1) || ((dr == 1 || dr == -1) && math.Abs(xc-yc) <= 0.75) {
			return true
		}
	}
	return false
}
