package store

import (
	"cmp"
	"maps"
	"runtime"
	"slices"
	"sync"

	"dedupe/matcher"
)

// The pure part of a scan's fuzzy phase: the blocked pairs scored, and the
// links that reach the threshold joined into groups, each of which the
// scan opens as one candidate (scan.go). Nothing here reads the database,
// so fuzzybench's replay measures the same groups in memory.

// maxGroup is the most profiles one fuzzy candidate holds: the copies of
// a regular customer whom a booking widget recorded anew on every visit,
// up to the most the customer list merges at once. Every member past the
// second joins through a strong link or links to every member (a chain of
// look-alikes does neither); the cap bounds what one reviewer is shown.
const maxGroup = 20

// strongMargin is how far above the threshold, in bits, a link must be to
// add a third (or later) profile to a group: each member of a group
// matches at least one other member strongly, so one borderline record
// does not chain two people together.
const strongMargin = 4

// scoredPair is two profiles (indexes into the scan's records) and their
// score.
type scoredPair struct {
	a, b  int32
	score matcher.FuzzyScore
}

// BlockedPairs collects the pairs of profiles that share a blocking key,
// each pair once however many keys it shares. Profiles are indexes into
// the scan's records.
type BlockedPairs struct {
	seen  map[uint64]struct{}
	Pairs [][2]int32
}

// HeldKey is one blocking key that one record holds: an index into the
// scan's records.
type HeldKey struct {
	Key    int64
	Holder int32
}

// SortHeld sorts held keys by key, then holder: each key's holders
// together, as AddHeld reads them.
func SortHeld(held []HeldKey) {
	slices.SortFunc(held, func(a, b HeldKey) int { return cmp.Or(cmp.Compare(a.Key, b.Key), cmp.Compare(a.Holder, b.Holder)) })
}

// AddHeld adds the pairs of each key's holders, held sorted by SortHeld.
// A key held by more than FuzzyKeyBound records is skipped as a shared
// value; it returns how many were.
func (bp *BlockedPairs) AddHeld(held []HeldKey) (shared int) {
	holders := make([]int32, 0, FuzzyKeyBound)
	for i := 0; i < len(held); {
		j := i
		for j < len(held) && held[j].Key == held[i].Key {
			j++
		}
		switch n := j - i; {
		case n > FuzzyKeyBound:
			shared++
		case n >= 2:
			holders = holders[:0]
			for _, h := range held[i:j] {
				holders = append(holders, h.Holder)
			}
			bp.Add(holders)
		}
		i = j
	}
	return shared
}

// Add adds every pair of one key's holders (a key that is not shared:
// at most FuzzyKeyBound of them).
func (bp *BlockedPairs) Add(holders []int32) {
	if bp.seen == nil {
		bp.seen = map[uint64]struct{}{}
	}
	for i, a := range holders {
		for _, b := range holders[i+1:] {
			lo, hi := min(a, b), max(a, b) // not a, b = b, a: a is every pair's
			if lo == hi {
				continue
			}
			k := uint64(lo)<<32 | uint64(hi)
			if _, dup := bp.seen[k]; !dup {
				bp.seen[k] = struct{}{}
				bp.Pairs = append(bp.Pairs, [2]int32{lo, hi})
			}
		}
	}
}

// GroupFuzzyPairs is the pure part of a scan's fuzzy phase: it scores the
// blocked pairs with the model, keeps those that open at threshold and
// groups them (groupPairs). The scan turns each group into a candidate;
// fuzzybench's replay measures the groups without a database.
func GroupFuzzyPairs(model *matcher.FuzzyModel, threshold float64, records []*matcher.FuzzyRecord, pairs [][2]int32) []FuzzyGroup {
	return groupPairs(scorePairs(model, threshold, records, pairs), threshold, nil, bornApart(records))
}

// bornApart reads matcher.BornApart of two records by their indexes: a
// group never holds two such records, whatever links them through a
// third (a mother, her daughter of one name and an undated copy).
func bornApart(records []*matcher.FuzzyRecord) func(a, b int32) bool {
	return func(a, b int32) bool { return matcher.BornApart(records[a], records[b]) }
}

// Members returns the group's profiles, indexes into the records.
func (g FuzzyGroup) Members() []int32 { return g.members }

// maxEvidencePairs is the most pairs a group's evidence lists, and so the
// most weight tables its review page shows: a group of six has at most 15
// links, a regular's twenty copies up to 190.
const maxEvidencePairs = 30

// evidenceLinks returns the links a group's candidate shows: all of them
// up to maxEvidencePairs; past that, each member's strongest link first,
// so that every member shows why it is there, then the strongest of the
// rest.
func (g FuzzyGroup) evidenceLinks() []scoredPair {
	if len(g.links) <= maxEvidencePairs {
		return slices.Clone(g.links)
	}
	shown := make([]bool, len(g.links))
	covered := map[int32]bool{}
	var out []scoredPair
	for i, l := range g.links { // strongest first
		if !covered[l.a] || !covered[l.b] {
			covered[l.a], covered[l.b] = true, true
			shown[i] = true
			out = append(out, l)
		}
	}
	for i, l := range g.links {
		if len(out) == maxEvidencePairs {
			break
		}
		if !shown[i] {
			out = append(out, l)
		}
	}
	return out
}

// strongestFirst orders links by weight, the strongest first, and links
// of equal weight by their profiles' indexes, so a file gives the same
// groups and evidence on every scan.
func strongestFirst(x, y scoredPair) int {
	return cmp.Or(cmp.Compare(y.score.Weight, x.score.Weight), cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
}

// scorePairs scores the pairs on every core and returns those reaching
// the threshold.
func scorePairs(model *matcher.FuzzyModel, threshold float64, records []*matcher.FuzzyRecord, pairs [][2]int32) []scoredPair {
	workers := runtime.GOMAXPROCS(0)
	out := make([][]scoredPair, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(pairs); i += workers {
				p := pairs[i]
				if sc := model.Score(records[p[0]], records[p[1]]); sc.Opens(threshold) {
					out[w] = append(out[w], scoredPair{p[0], p[1], sc})
				}
			}
		}()
	}
	wg.Wait()
	return slices.Concat(out...)
}

// FuzzyGroup is a set of profiles proposed as one person, with the links
// that joined them, strongest first.
type FuzzyGroup struct {
	members []int32
	links   []scoredPair
	// grown is false for a group that is one held set (an open
	// candidate's profiles) and nothing more: nothing to propose.
	grown bool
}

// heldSet is an open candidate's profiles, as records, when grouping
// begins; whole unless some of its profiles are no longer active.
type heldSet struct {
	members []int32
	whole   bool
}

// groupPairs joins linked profiles into groups, strongest links first. Two
// profiles always make a group; a group grows past two through a strong
// link (threshold + strongMargin), or with a profile linked to every one
// of its members (joinCliques), and never past maxGroup. A strong link
// joins no two groups that would hold two profiles apart says are two
// people (born apart: a mother and her daughter of one name, linked
// through a copy that gives no birth date). A link that joins nothing
// stays a candidate of its own two profiles, so the reviewer still sees
// it.
//
// held are the open candidates of three or more profiles. One that the
// links connect, whole, is a group from the start, so that what belongs
// with it joins it: copies of one person sharing an email, found by the
// exact phase, and their copy with another email become one candidate,
// not two that split the person. One the links do not connect (a
// family sharing a mobile) has its pairs before a reviewer already: its
// links join nothing, and no other candidate shows them again.
func groupPairs(links []scoredPair, threshold float64, held []heldSet, apart func(a, b int32) bool) []FuzzyGroup {
	slices.SortFunc(links, strongestFirst)
	parent := map[int32]int32{}
	size := map[int32]int{}
	var find func(int32) int32
	find = func(x int32) int32 {
		p, ok := parent[x]
		if !ok {
			parent[x], size[x] = x, 1
			return x
		}
		if p != x {
			parent[x] = find(p)
		}
		return parent[x]
	}
	byRoot := map[int32][]scoredPair{}
	group := rootMembers{}
	links, seeds := seedHeld(links, held)
	var taken [][]int32
	for _, seed := range seeds {
		if slices.ContainsFunc(seed, func(m int32) bool { _, ok := parent[m]; return ok }) {
			continue // overlaps a seed taken: its profiles group by their links
		}
		r := find(seed[0])
		for _, m := range seed[1:] {
			parent[find(m)] = r
		}
		size[r] = len(seed)
		group[r] = slices.Clone(seed)
		taken = append(taken, seed)
	}
	var loose []scoredPair
	for _, l := range links {
		ra, rb := find(l.a), find(l.b)
		switch {
		case ra == rb:
			byRoot[ra] = append(byRoot[ra], l)
		case size[ra]+size[rb] == 2 || size[ra]+size[rb] <= maxGroup && l.score.Weight >= threshold+strongMargin &&
			!anyApart(group.of(ra), group.of(rb), apart):
			parent[rb] = ra
			size[ra] += size[rb]
			group.merge(ra, rb)
			byRoot[ra] = append(append(byRoot[ra], byRoot[rb]...), l)
			delete(byRoot, rb)
		default:
			loose = append(loose, l)
		}
	}
	loose = joinCliques(loose, threshold, find, size, parent, byRoot, group, apart)
	members := map[int32][]int32{}
	for x := range parent {
		r := find(x)
		members[r] = append(members[r], x)
	}
	// A seed is within one group: the group is the seed alone when no
	// profile joined it.
	alone := map[int32]bool{}
	for _, seed := range taken {
		if r := find(seed[0]); size[r] == len(seed) {
			alone[r] = true
		}
	}
	var out []FuzzyGroup
	for r, ls := range byRoot {
		slices.SortFunc(ls, strongestFirst)
		m := members[r]
		slices.Sort(m)
		out = append(out, FuzzyGroup{members: m, links: ls, grown: !alone[r]})
	}
	for _, l := range loose {
		out = append(out, FuzzyGroup{members: []int32{l.a, l.b}, links: []scoredPair{l}, grown: true})
	}
	slices.SortFunc(out, func(x, y FuzzyGroup) int { return cmp.Compare(x.members[0], y.members[0]) })
	return out
}

// rootMembers holds a group's members by its root, once it has more than
// its root.
type rootMembers map[int32][]int32

func (g rootMembers) of(r int32) []int32 {
	if m, ok := g[r]; ok {
		return m
	}
	return []int32{r}
}

// merge moves rb's members to ra's group.
func (g rootMembers) merge(ra, rb int32) {
	g[ra] = append(g.of(ra), g.of(rb)...)
	delete(g, rb)
}

// anyApart reports whether a profile of a and one of b are two people by
// apart (nil: none are).
func anyApart(a, b []int32, apart func(x, y int32) bool) bool {
	if apart == nil {
		return false
	}
	for _, x := range a {
		for _, y := range b {
			if apart(x, y) {
				return true
			}
		}
	}
	return false
}

// seedHeld splits the held sets into the seeds groupPairs starts from
// (whole, and connected by the links between their members) and the
// rest, whose inner links it drops: it returns the links left and the
// seeds. It reads the links once, whatever the number of sets.
func seedHeld(links []scoredPair, held []heldSet) ([]scoredPair, [][]int32) {
	if len(held) == 0 {
		return links, nil
	}
	type parts struct {
		of    map[int32]int32 // a member → another of its part, by the links within
		count int
	}
	sets := make([]parts, len(held))
	holding := map[int32][]int{} // a profile → the sets holding it
	for i, h := range held {
		sets[i] = parts{of: make(map[int32]int32, len(h.members)), count: len(h.members)}
		for _, m := range h.members {
			sets[i].of[m] = m
			holding[m] = append(holding[m], i)
		}
	}
	// within calls f with each set holding both of l's profiles.
	within := func(l scoredPair, f func(i int)) {
		for _, i := range holding[l.a] {
			if _, ok := sets[i].of[l.b]; ok {
				f(i)
			}
		}
	}
	for _, l := range links {
		within(l, func(i int) {
			p := &sets[i]
			var root func(int32) int32
			root = func(x int32) int32 {
				if p.of[x] != x {
					p.of[x] = root(p.of[x])
				}
				return p.of[x]
			}
			if ra, rb := root(l.a), root(l.b); ra != rb {
				p.of[rb] = ra
				p.count--
			}
		})
	}
	var seeds [][]int32
	seed := make([]bool, len(held))
	for i, h := range held {
		if h.whole && sets[i].count == 1 && len(h.members) <= maxGroup {
			seed[i] = true
			seeds = append(seeds, h.members)
		}
	}
	links = slices.DeleteFunc(links, func(l scoredPair) bool {
		dropped := false
		within(l, func(i int) { dropped = dropped || !seed[i] })
		return dropped
	})
	return links, seeds
}

// cliqueMargin is how far above the threshold, in bits, every link
// between two groups must be for joinCliques to join them.
const cliqueMargin = strongMargin / 2

// joinCliques joins two groups (or a group and a lone profile) when
// every member of one is linked to every member of the other, each link
// at least cliqueMargin above the threshold (the loose links: a strong one
// joined them already, unless a member of each is born apart from the
// other's, which keeps them apart here too): copies of a
// person with only a name and an address in common link all to all,
// while a chain through a middle record does not (its two ends are not
// linked), so the rule joins the first and never the second; and a
// namesake born the same day elsewhere, linked to each copy by the name
// and the date against the address, stays out. It returns the links left
// loose. Pairs of groups are taken in order of their indexes, so a scan
// gives the same groups every time.
func joinCliques(loose []scoredPair, threshold float64, find func(int32) int32, size map[int32]int, parent map[int32]int32,
	byRoot map[int32][]scoredPair, group rootMembers, apart func(a, b int32) bool) []scoredPair {
	for joined := true; joined; {
		joined = false
		between := map[[2]int32][]int{} // two groups' roots → the loose links between them
		for i, l := range loose {
			if l.score.Weight < threshold+cliqueMargin {
				continue
			}
			ra, rb := find(l.a), find(l.b)
			k := [2]int32{min(ra, rb), max(ra, rb)}
			between[k] = append(between[k], i)
		}
		keys := slices.Collect(maps.Keys(between))
		slices.SortFunc(keys, func(x, y [2]int32) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
		used := map[int]bool{}
		for _, k := range keys {
			ra, rb := k[0], k[1]
			if find(ra) != ra || find(rb) != rb || len(between[k]) != size[ra]*size[rb] || size[ra]+size[rb] > maxGroup ||
				anyApart(group.of(ra), group.of(rb), apart) {
				continue
			}
			parent[rb] = ra
			size[ra] += size[rb]
			group.merge(ra, rb)
			byRoot[ra] = append(byRoot[ra], byRoot[rb]...)
			delete(byRoot, rb)
			for _, i := range between[k] {
				byRoot[ra] = append(byRoot[ra], loose[i])
				used[i] = true
			}
			joined = true
		}
		var left []scoredPair
		for i, l := range loose {
			if !used[i] {
				left = append(left, l)
			}
		}
		loose = left
	}
	return loose
}
