package main

import (
	"slices"

	"dedupe/loadgen"
)

// Quality is how well the open review candidates find the planted
// duplicates.
type Quality struct {
	Candidates int `json:"candidates"`     // open review candidates
	Groups3    int `json:"groups_3_plus"`  // candidates of three profiles or more
	Pairs      int `json:"proposed_pairs"` // distinct pairs within a candidate
	TruePairs  int `json:"true_pairs"`     // of those, records of one person
	FalsePairs int `json:"false_pairs"`
	// FalseHousehold are the false pairs of two people living together.
	FalseHousehold int     `json:"false_pairs_household"`
	FalsePer1000   float64 `json:"false_pairs_per_1000_profiles"`
	Precision      float64 `json:"precision"`
	Planted        int     `json:"planted_pairs"` // (person's record, duplicate) pairs
	Found          int     `json:"found_pairs"`   // of those, both in one candidate
	Recall         float64 `json:"recall"`
	// The precision file's view: false pairs between two people's own
	// records (no planted duplicate in the pair), per 1,000 distinct
	// people, and the recall of the typo duplicates.
	FalseAmongPeople        int     `json:"false_pairs_among_people"`
	FalseAmongPeoplePer1000 float64 `json:"false_pairs_among_people_per_1000"`
	TypoRecall              float64 `json:"typo_recall"`
	Kinds                   []Kind  `json:"kinds"`
}

// Kind is the quality on the duplicates of one error kind. Its precision
// is over the proposed pairs that hold a duplicate of the kind.
type Kind struct {
	Kind      loadgen.ErrorKind `json:"kind"`
	Planted   int               `json:"planted"`
	Found     int               `json:"found"`
	Recall    float64           `json:"recall"`
	Pairs     int               `json:"pairs"`
	TruePairs int               `json:"true_pairs"`
	Precision float64           `json:"precision"`
}

// measure compares the candidates (groups of record positions) with the
// truth.
func measure(t *truth, groups [][]int) Quality {
	q := Quality{Candidates: len(groups)}
	pairs := map[[2]int]bool{}
	for _, g := range groups {
		if len(g) >= 3 {
			q.Groups3++
		}
		for i := range g {
			for j := i + 1; j < len(g); j++ {
				a, b := min(g[i], g[j]), max(g[i], g[j])
				pairs[[2]int{a, b}] = true
			}
		}
	}
	kinds := map[loadgen.ErrorKind]*Kind{}
	kind := func(k loadgen.ErrorKind) *Kind {
		if kinds[k] == nil {
			kinds[k] = &Kind{Kind: k}
		}
		return kinds[k]
	}
	q.Pairs = len(pairs)
	for p := range pairs {
		a, b := t.records[p[0]], t.records[p[1]]
		same := a.person == b.person
		if same {
			q.TruePairs++
		} else {
			q.FalsePairs++
			if a.household == b.household {
				q.FalseHousehold++
			}
			if a.kind == loadgen.Original && b.kind == loadgen.Original {
				q.FalseAmongPeople++
			}
		}
		// A pair counts once for each kind it holds a duplicate of.
		for i, k := range []loadgen.ErrorKind{a.kind, b.kind} {
			if k == loadgen.Original || (i == 1 && k == a.kind) {
				continue
			}
			kind(k).Pairs++
			if same {
				kind(k).TruePairs++
			}
		}
	}
	for _, p := range t.planted {
		k := kind(t.records[p[1]].kind)
		k.Planted++
		q.Planted++
		if pairs[[2]int{min(p[0], p[1]), max(p[0], p[1])}] {
			k.Found++
			q.Found++
		}
	}
	profiles := len(t.records)
	q.FalsePer1000 = per1000(q.FalsePairs, profiles)
	q.FalseAmongPeoplePer1000 = per1000(q.FalseAmongPeople, t.people)
	q.Precision = ratio(q.TruePairs, q.Pairs)
	q.Recall = ratio(q.Found, q.Planted)
	for _, k := range loadgen.ErrorKinds {
		if kk := kinds[k]; kk != nil {
			kk.Recall, kk.Precision = ratio(kk.Found, kk.Planted), ratio(kk.TruePairs, kk.Pairs)
			q.Kinds = append(q.Kinds, *kk)
		}
	}
	if i := slices.IndexFunc(q.Kinds, func(k Kind) bool { return k.Kind == loadgen.Typo }); i >= 0 {
		q.TypoRecall = q.Kinds[i].Recall
	}
	return q
}

// ratio is a/b, or 1 when there is nothing to divide: no proposal is
// wrong when none is made, no pair is missed when none is planted.
func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func per1000(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 1000 * float64(n) / float64(of)
}
