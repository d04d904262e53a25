package loadgen

import (
	"math"
	"math/rand/v2"
	"sort"
	"strings"
)

// nameDraw draws names with the frequencies of a real customer file: a
// heavy head (a ranked list, weighted by a Zipf law, so that a few names
// cover a large share of people) and a long tail of rare names made up
// from syllables, weighted by a flatter power law (many names, each held
// by a few people).
//
// The booking population (population.go) keeps its uniform draw over the
// lists: its figures in docs/performance.md measure the exact path, where
// name frequency only matters to the name guard, and drawing other people
// would move that baseline under every run compared against it. The
// customer file (customerfile.go), which measures the fuzzy search, is
// where frequency matters, and it draws with this.
type nameDraw struct {
	head      []string
	cum       []float64 // cumulative Zipf weights of head, the last one 1
	headShare float64   // share of people named from head
	tail      func(k int) string
	tailSize  int
	tailShift float64 // the tail's rank k has weight 1/(k+tailShift)
}

// newNameDraw weights head by rank r as 1/(r+shift): the larger shift, the
// flatter the head.
func newNameDraw(head []string, shift, headShare float64, tail func(int) string, tailSize int, tailShift float64) *nameDraw {
	d := &nameDraw{head: head, cum: make([]float64, len(head)), headShare: headShare,
		tail: tail, tailSize: tailSize, tailShift: tailShift}
	var sum float64
	for r := range head {
		sum += 1 / (float64(r) + shift)
		d.cum[r] = sum
	}
	for r := range d.cum {
		d.cum[r] /= sum
	}
	return d
}

// draw returns one name.
func (d *nameDraw) draw(rng *rand.Rand) string {
	if rng.Float64() < d.headShare {
		return d.head[min(sort.SearchFloat64s(d.cum, rng.Float64()), len(d.head)-1)]
	}
	// Inverse of the cumulative weight of 1/(k+shift) over 0..tailSize.
	s := d.tailShift
	k := int(s*math.Exp(rng.Float64()*math.Log((float64(d.tailSize)+s)/s)) - s)
	return d.tail(min(max(k, 0), d.tailSize-1))
}

// Syllables of the made-up names of the tail. They are put together by
// rank, so one rank is always one name.
var (
	tailStarts = []string{"Bo", "Ca", "Da", "Fa", "Ga", "La", "Ma", "Na", "Pa", "Ra", "Sa", "Ta", "Va", "Be",
		"Ce", "De", "Fe", "Ge", "Le", "Me", "Ne", "Pe", "Re", "Se", "Te", "Ve", "Bi", "Di", "Fi", "Gi", "Li",
		"Mi", "Ni", "Pi", "Ri", "Si", "Ti", "Vi", "Bru", "Cha", "Che", "Cla", "Cou", "Dro", "Fra", "Gre",
		"Gui", "Jou", "Lam", "Mor", "Pla", "Que", "Rou", "Tro", "Vau", "Ker", "Mal", "Bel", "Gar", "Hu"}
	tailMiddles = []string{"", "ba", "bo", "ca", "co", "da", "de", "di", "fo", "ga", "la", "le", "li", "lo",
		"ma", "me", "mi", "na", "ne", "no", "pa", "ra", "re", "ri", "ro", "sa", "se", "ta", "te", "ti", "to",
		"va", "vi", "gou", "nay", "quer"}
	tailSurnameEnds = []string{"rd", "rt", "t", "l", "n", "s", "x", "z", "c", "ec", "ou", "ier", "ard", "aud",
		"ault", "eau", "elle", "et", "ette", "in", "ine", "on", "ot", "oux", "y", "ac", "as", "é", "ès", "ant"}
	tailFirstEnds = []string{"a", "ia", "ine", "elle", "ie", "ette", "ane", "ys", "is", "o", "an", "en",
		"ien", "ic", "el", "ée", "ea", "in", "ance", "ilde"}
	// compoundFirstNames are the commonest of the tail: in France one
	// person in twenty or so has a compound first name.
	compoundFirstNames = strings.Fields(`Jean-Pierre Jean-Luc Jean-Marc Jean-Paul Jean-François Jean-Claude
		Jean-Michel Jean-Louis Jean-Baptiste Jean-Philippe Jean-Christophe Marie-Claire Marie-Christine
		Marie-France Marie-Hélène Marie-Laure Marie-Pierre Marie-Thérèse Marie-Line Anne-Sophie Anne-Marie
		Anne-Laure Anne-Claire Pierre-Louis Pierre-Yves Paul-Henri Louis-Marie Marie-Ange Jean-Yves Jean-Noël`)
)

// tailSurname is the made-up surname of tail rank k.
func tailSurname(k int) string {
	x := scramble(k, len(tailStarts)*len(tailMiddles)*len(tailSurnameEnds))
	s := tailStarts[x%len(tailStarts)]
	x /= len(tailStarts)
	s += tailMiddles[x%len(tailMiddles)]
	x /= len(tailMiddles)
	return s + tailSurnameEnds[x%len(tailSurnameEnds)]
}

// tailFirstName is the rarer first name of tail rank k: the first ranks
// compound names, the others made up.
func tailFirstName(k int) string {
	if k < len(compoundFirstNames) {
		return compoundFirstNames[k]
	}
	x := scramble(k, len(tailStarts)*len(tailMiddles)*len(tailFirstEnds))
	s := tailStarts[x%len(tailStarts)]
	x /= len(tailStarts)
	s += tailMiddles[x%len(tailMiddles)]
	x /= len(tailMiddles)
	return s + tailFirstEnds[x%len(tailFirstEnds)]
}

// scramble maps k to 0..n-1 by a bijection for k < n, so neighbouring
// ranks do not share their first syllables.
func scramble(k, n int) int {
	return int((uint64(k)*2654435761 + 40503) % uint64(n))
}

// Name frequencies of the customer file. With these, the most common
// surname (the first of lastNames) is held by about 0.7% of people and the
// most common first name by about 3.5%; a fifth of people have one of the
// 150 listed surnames, 70% one of the listed first names.
var (
	fileSurnames   = newNameDraw(lastNames, 10, 0.20, tailSurname, len(tailStarts)*len(tailMiddles)*len(tailSurnameEnds), 200)
	fileFirstNames = newNameDraw(firstNames, 6, 0.70, tailFirstName, 20_000, 50)
)
