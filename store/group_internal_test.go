package store

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"dedupe/matcher"
)

// TestGroupPairsJoinsCliquesNotChains: three profiles linked pairwise
// (three copies with only a name and an address in common, above the
// clique margin, none strong) make one group; two such links through a
// middle record do not, nor links under the clique margin, and a profile
// linked to only some members of a group stays out. Strong links join a regular's
// twelve copies into one group, and no group passes maxGroup.
func TestGroupPairsJoinsCliquesNotChains(t *testing.T) {
	const threshold = 20
	link := func(a, b int32, w float64) scoredPair {
		return scoredPair{a: a, b: b, score: matcher.FuzzyScore{Weight: w}}
	}
	groups := func(links ...scoredPair) [][]int32 {
		var out [][]int32
		for _, g := range groupPairs(links, threshold, nil, nil) {
			out = append(out, g.Members())
		}
		return out
	}
	// star links profile 0 to each of the n-1 others with weight w.
	star := func(n int32, w float64) []scoredPair {
		var out []scoredPair
		for i := int32(1); i < n; i++ {
			out = append(out, link(0, i, w))
		}
		return out
	}
	seq := func(from, to int32) []int32 {
		var out []int32
		for i := from; i < to; i++ {
			out = append(out, i)
		}
		return out
	}
	// mid is above the clique margin and not strong; weak is under the
	// clique margin.
	const mid, weak = threshold + (cliqueMargin+strongMargin)/2.0, threshold + cliqueMargin - 1
	for _, c := range []struct {
		name  string
		links []scoredPair
		want  [][]int32
	}{
		{"triangle", []scoredPair{link(0, 1, mid), link(0, 2, mid), link(1, 2, mid)}, [][]int32{{0, 1, 2}}},
		{"chain", []scoredPair{link(0, 1, mid), link(1, 2, mid-0.5)}, [][]int32{{0, 1}, {1, 2}}},
		{"strong link", []scoredPair{link(0, 1, 30), link(1, 2, threshold+strongMargin)}, [][]int32{{0, 1, 2}}},
		{"four copies", []scoredPair{link(0, 1, mid), link(0, 2, mid), link(1, 2, mid), link(0, 3, mid-0.5), link(1, 3, mid), link(2, 3, mid-0.5)},
			[][]int32{{0, 1, 2, 3}}},
		{"borderline links", []scoredPair{link(0, 1, mid), link(0, 2, weak), link(1, 2, mid)}, [][]int32{{0, 1}, {0, 2}, {1, 2}}},
		{"linked to two of three", []scoredPair{link(0, 1, mid), link(0, 2, mid), link(1, 2, mid), link(0, 3, mid), link(1, 3, mid)},
			[][]int32{{0, 1, 2}, {0, 3}, {1, 3}}},
		{"twelve copies", star(12, 30), [][]int32{seq(0, 12)}},
		{"a group is full at maxGroup", star(maxGroup+2, 30), [][]int32{seq(0, maxGroup), {0, maxGroup}, {0, maxGroup + 1}}},
	} {
		got := groups(c.links...)
		slices.SortFunc(got, slices.Compare)
		if !slices.EqualFunc(got, c.want, slices.Equal) {
			t.Errorf("%s: groups %v, want %v", c.name, got, c.want)
		}
	}
}

// TestGroupPairsNeverHoldsTwoBornApart: a mother (0) and her daughter of
// one name (2), born decades apart, each strongly linked to a copy that
// gives no birth date (1): the copy groups with one of them, and the
// other link stays a candidate of its two profiles. Born apart or not,
// the group of three copies of one person still forms.
func TestGroupPairsNeverHoldsTwoBornApart(t *testing.T) {
	const threshold = 20
	link := func(a, b int32, w float64) scoredPair {
		return scoredPair{a: a, b: b, score: matcher.FuzzyScore{Weight: w}}
	}
	apart := func(a, b int32) bool { return min(a, b) == 0 && max(a, b) == 2 }
	var got [][]int32
	for _, g := range groupPairs([]scoredPair{link(0, 1, 34), link(1, 2, 32)}, threshold, nil, apart) {
		got = append(got, g.Members())
	}
	slices.SortFunc(got, slices.Compare)
	if want := [][]int32{{0, 1}, {1, 2}}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("groups %v, want %v: the mother and the daughter apart", got, want)
	}
	// Linked all three, the mother and the daughter too (one home, one
	// email): still apart.
	got = nil
	for _, g := range groupPairs([]scoredPair{link(0, 1, 34), link(1, 2, 32), link(0, 2, 23)}, threshold, nil, apart) {
		got = append(got, g.Members())
	}
	slices.SortFunc(got, slices.Compare)
	if want := [][]int32{{0, 1}, {0, 2}, {1, 2}}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("groups %v, want %v: the mother and the daughter apart, linked all three", got, want)
	}
	got = nil
	for _, g := range groupPairs([]scoredPair{link(0, 1, 34), link(1, 3, 32)}, threshold, nil, apart) {
		got = append(got, g.Members())
	}
	if want := [][]int32{{0, 1, 3}}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("groups %v, want %v", got, want)
	}
}

// TestGroupPairsGrowsHeldGroups: an open candidate of three whose
// profiles the links connect is where its group starts: a strong link
// from a fourth profile to one of them adds it, and without one the group
// is the candidate's and nothing more (not grown: nothing to propose). A
// candidate the links do not connect (a family sharing a mobile), or one
// with a profile no longer active, keeps its pairs to itself: its links
// join nothing, and its profiles group only with others.
func TestGroupPairsGrowsHeldGroups(t *testing.T) {
	const threshold = 20
	link := func(a, b int32, w float64) scoredPair {
		return scoredPair{a: a, b: b, score: matcher.FuzzyScore{Weight: w}}
	}
	type group struct {
		members []int32
		grown   bool
	}
	for _, c := range []struct {
		name  string
		links []scoredPair
		held  []heldSet
		want  []group
	}{
		{"grown by a strong link", []scoredPair{link(0, 1, 30), link(0, 2, 22), link(0, 3, 30)},
			[]heldSet{{members: []int32{0, 1, 2}, whole: true}}, []group{{[]int32{0, 1, 2, 3}, true}}},
		{"held, nothing more", []scoredPair{link(0, 1, 30), link(1, 2, 22)},
			[]heldSet{{members: []int32{0, 1, 2}, whole: true}}, []group{{[]int32{0, 1, 2}, false}}},
		{"a family: its pairs join nothing", []scoredPair{link(0, 1, 30), link(1, 3, 30)},
			[]heldSet{{members: []int32{0, 1, 2}, whole: true}}, []group{{[]int32{1, 3}, true}}},
		{"a profile merged since", []scoredPair{link(0, 1, 30), link(1, 3, 30)},
			[]heldSet{{members: []int32{0, 1}, whole: false}}, []group{{[]int32{1, 3}, true}}},
	} {
		var got []group
		for _, g := range groupPairs(slices.Clone(c.links), threshold, c.held, nil) {
			got = append(got, group{g.Members(), g.grown})
		}
		slices.SortFunc(got, func(x, y group) int { return slices.Compare(x.members, y.members) })
		if !slices.EqualFunc(got, c.want, func(x, y group) bool { return slices.Equal(x.members, y.members) && x.grown == y.grown }) {
			t.Errorf("%s: groups %v, want %v", c.name, got, c.want)
		}
	}
}

// TestEvidenceLinksShowEveryMember: a group of six shows all its links; a
// regular's twenty copies, all linked to all (190 links), show
// maxEvidencePairs of them, among which a link of every member, the
// weakest member's included.
func TestEvidenceLinksShowEveryMember(t *testing.T) {
	const threshold = 20
	clique := func(n int32, weight func(a, b int32) float64) []scoredPair {
		var out []scoredPair
		for a := int32(0); a < n; a++ {
			for b := a + 1; b < n; b++ {
				out = append(out, scoredPair{a: a, b: b, score: matcher.FuzzyScore{Weight: weight(a, b)}})
			}
		}
		return out
	}
	// The copies' links weaken with each copy: the last one's are the
	// weakest of all, and would not be among the 30 strongest.
	weight := func(a, b int32) float64 { return 60 - float64(a+b) }
	for _, c := range []struct {
		copies int32
		want   int
	}{{6, 15}, {20, maxEvidencePairs}} {
		groups := groupPairs(clique(c.copies, weight), threshold, nil, nil)
		if len(groups) != 1 || len(groups[0].Members()) != int(c.copies) {
			t.Fatalf("%d copies: groups %v, want one of %d", c.copies, groups, c.copies)
		}
		shown := groups[0].evidenceLinks()
		if len(shown) != c.want {
			t.Errorf("%d copies: %d links shown, want %d", c.copies, len(shown), c.want)
		}
		seen := map[int32]bool{}
		for _, l := range shown {
			seen[l.a], seen[l.b] = true, true
		}
		if len(seen) != int(c.copies) {
			t.Errorf("%d copies: the links shown name %d of them, want every one", c.copies, len(seen))
		}
	}
}

// TestBlockedPairsPairsEveryHolder: every pair of a key's holders, in
// whatever order PostgreSQL's array_agg lists them, each once.
func TestBlockedPairsPairsEveryHolder(t *testing.T) {
	var bp BlockedPairs
	bp.Add([]int32{5, 3, 7, 1})
	bp.Add([]int32{7, 5, 5}) // pairs already held, and a holder twice
	want := [][2]int32{{3, 5}, {5, 7}, {1, 5}, {3, 7}, {1, 3}, {1, 7}}
	if diff := cmp.Diff(want, bp.Pairs); diff != "" {
		t.Errorf("pairs (-want +got):\n%s", diff)
	}
}

// TestAddHeldSkipsSharedKeys: AddHeld pairs each key's holders, and skips
// and counts a key held by more than FuzzyKeyBound records.
func TestAddHeldSkipsSharedKeys(t *testing.T) {
	held := []HeldKey{{Key: 7, Holder: 4}, {Key: 3, Holder: 2}, {Key: 7, Holder: 1}, {Key: 9, Holder: 5}}
	for i := range FuzzyKeyBound + 1 {
		held = append(held, HeldKey{Key: 5, Holder: int32(100 + i)})
	}
	SortHeld(held)
	var bp BlockedPairs
	if shared := bp.AddHeld(held); shared != 1 {
		t.Errorf("%d keys skipped as shared, want 1", shared)
	}
	if diff := cmp.Diff([][2]int32{{1, 4}}, bp.Pairs); diff != "" {
		t.Errorf("pairs (-want +got):\n%s", diff)
	}
}
