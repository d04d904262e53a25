package main

import (
	"cmp"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"dedupe/loadgen"
	"dedupe/matcher"
	"dedupe/store"
)

// The replay measures the quality of a scan without PostgreSQL: it builds
// in memory what the import writes (matcher.NewIncoming, NewProfile, the
// valid contact points, matcher.BlockingKeys), trains the model as
// store.TrainFuzzy does (the name frequencies of every profile, u from
// random pairs of a sample, m by EM over the pairs around the sample that
// share a training key, through matcher.Train), and runs what store.Scan
// runs: the exact groups (an email or mobile held by 2 to the shared
// threshold of profiles), the pairs sharing a blocking key held by at most
// store.FuzzyKeyBound profiles (store.BlockedPairs), scored and grouped by
// store.GroupFuzzyPairs. It measures at several thresholds from one file
// and one model, fast enough for a million people on one core. What it
// does not reproduce: the order of the records (the store's follows the
// table, the replay's the file; it decides ties between links of equal
// weight) and the sample's draw (PostgreSQL's random()), so its figures
// can differ from a store run's by a few borderline pairs.

// ReplayResult is what one replay measured.
type ReplayResult struct {
	People     int            `json:"people"`
	Profiles   int            `json:"profiles"`
	Seed       uint64         `json:"seed"`
	Kinds      string         `json:"kinds"`
	Model      ReplayModel    `json:"model"`
	Pairs      int            `json:"blocked_pairs"`
	SharedKeys int            `json:"shared_keys"`
	Exact      int            `json:"exact_groups"`
	Runs       []ReplayRun    `json:"runs"`
	Explained  *Explanation   `json:"explained,omitempty"`
	Seconds    float64        `json:"seconds"`
	Steps      map[string]int `json:"-"`
}

// ReplayModel sums up the trained model.
type ReplayModel struct {
	Profiles     int     `json:"profiles"`
	TrainedPairs int     `json:"trained_pairs"`
	Prior        float64 `json:"prior"`
	FileSize     float64 `json:"file_size_bits"`
	// Weights: each level's trained weight, in bits.
	Weights map[matcher.Comparison]map[matcher.Level]float64 `json:"weights"`
}

// ReplayRun is the quality at one threshold.
type ReplayRun struct {
	Threshold float64  `json:"threshold"`
	Fuzzy     int      `json:"fuzzy_groups"`
	Quality   Quality  `json:"quality"`
	Targets   []Target `json:"targets"`
}

// replayData is the file as the replay holds it: each profile's fuzzy
// record and names, the blocking keys, the exact groups, and the truth.
type replayData struct {
	records []*matcher.FuzzyRecord
	first   []string // folded, for the name frequencies
	last    []string
	keys    []store.HeldKey // every profile's blocking keys and its mobiles' (store.SortHeld)
	exact   [][]int32       // the exact groups
	truth   *truth
	// profiles are kept for --explain, to say which keys a pair the
	// blocking missed shares.
	profiles []matcher.Profile
}

// holders returns the profiles holding key (a run of d.keys).
func (d *replayData) holders(key int64) []store.HeldKey {
	i, _ := slices.BinarySearchFunc(d.keys, key, func(h store.HeldKey, k int64) int { return cmp.Compare(h.Key, k) })
	j := i
	for j < len(d.keys) && d.keys[j].Key == key {
		j++
	}
	return d.keys[i:j]
}

// replay runs the replay at each threshold.
func replay(o options, thresholds []float64, explain float64, log io.Writer) (*ReplayResult, error) {
	start := time.Now()
	step := func(format string, args ...any) {
		fmt.Fprintf(log, "fuzzybench replay: "+format+" (%.0f s)\n", append(args, time.Since(start).Seconds())...)
	}
	file, err := loadgen.CustomerFile(loadgen.FileConfig{People: o.people, Seed: o.seed, DuplicateRate: o.dupRate, Kinds: o.kinds})
	if err != nil {
		return nil, err
	}
	d := readFile(file, explain != 0)
	res := &ReplayResult{People: o.people, Profiles: len(d.records), Seed: o.seed, Kinds: o.kindsName}
	step("read %d profiles, %d blocking and mobile keys, %d exact groups", len(d.records), len(d.keys), len(d.exact))
	res.Exact = len(d.exact)

	model := d.train(o.seed)
	res.Model = ReplayModel{Profiles: model.Profiles, TrainedPairs: model.Pairs, Prior: model.Prior, FileSize: model.FileSizeWeight(),
		Weights: map[matcher.Comparison]map[matcher.Level]float64{}}
	for c, levels := range model.Levels {
		res.Model.Weights[c] = map[matcher.Level]float64{}
		for l, p := range levels {
			res.Model.Weights[c][l] = round1(p.Weight())
		}
	}
	step("trained on %d blocked pairs", model.Pairs)

	// The pairs sharing a key, as the scan joins fuzzy_keys to itself,
	// and the pairs whose mobiles are one slip apart, as it joins them in
	// memory.
	var blocked store.BlockedPairs
	res.SharedKeys = blocked.AddHeld(d.keys)
	pairs := blocked.Pairs
	blocked = store.BlockedPairs{}
	res.Pairs = len(pairs)
	step("%d blocked pairs, %d shared keys skipped", len(pairs), res.SharedKeys)

	for _, th := range thresholds {
		groups := store.GroupFuzzyPairs(&model, th, d.records, pairs)
		candidates := make([][]int, 0, len(d.exact)+len(groups))
		for _, g := range d.exact {
			candidates = append(candidates, positions(g))
		}
		for _, g := range groups {
			candidates = append(candidates, positions(g.Members()))
		}
		q := measure(d.truth, candidates)
		run := ReplayRun{Threshold: th, Fuzzy: len(groups), Quality: q}
		run.Targets = targets(&Result{Quality: q})[:5] // the quality targets: no cost is measured
		res.Runs = append(res.Runs, run)
		step("threshold %g: precision %.4f, recall %.3f", th, q.Precision, q.Recall)
		if th == explain {
			res.Explained = d.explain(&model, th, candidates, pairs)
		}
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

func positions(g []int32) []int {
	out := make([]int, len(g))
	for i, x := range g {
		out[i] = int(x)
	}
	return out
}

// readFile builds what the import writes: each profile's fuzzy record,
// blocking keys and valid contact points, and the truth.
func readFile(file func(func(loadgen.FileRecord) bool), keepProfiles bool) *replayData {
	d := &replayData{truth: &truth{}}
	originals := map[int32]int{}
	type contact struct {
		kind  matcher.Field
		value string
	}
	holders := map[contact][]int32{}
	now := time.Now()
	for rec := range file {
		i := int32(len(d.records))
		in := matcher.NewIncoming(rec.Customer, nil, loadgen.Region)
		p, _ := matcher.NewProfile(in, fmt.Sprint(i), now)
		p.Address = p.Address.InRegion(loadgen.Region) // read as the store reads it
		fi := matcher.FuzzyInput{ID: p.ID, FirstName: p.FirstName, LastName: p.LastName, BirthDate: p.BirthDate, Address: p.Address}
		for _, cp := range in.Contacts() {
			if !cp.Valid {
				continue
			}
			switch cp.Kind {
			case matcher.FieldEmail:
				fi.Emails = append(fi.Emails, cp.Value)
			case matcher.FieldMobile:
				fi.Mobiles = append(fi.Mobiles, cp.Value)
			case matcher.FieldPhone:
				fi.Phones = append(fi.Phones, cp.Value)
			}
			// A definite mobile in the phone column is a mobile key.
			if k, ok := cp.Key(); ok {
				c := contact{k.Kind, k.Value}
				if ids := holders[c]; len(ids) == 0 || ids[len(ids)-1] != i {
					holders[c] = append(ids, i)
				}
			}
		}
		d.records = append(d.records, matcher.NewFuzzyRecord(fi))
		if keepProfiles {
			d.profiles = append(d.profiles, p)
		}
		d.first = append(d.first, matcher.FoldName(p.FirstName))
		d.last = append(d.last, matcher.FoldName(p.LastName))
		for _, k := range matcher.BlockingKeys(p) {
			d.keys = append(d.keys, store.HeldKey{Key: k, Holder: i})
		}
		for _, k := range d.records[i].MobileSlipKeys() {
			d.keys = append(d.keys, store.HeldKey{Key: k, Holder: i})
		}
		r := record{person: int32(rec.Person), household: int32(rec.Household), kind: rec.Kind}
		if r.kind == loadgen.Original {
			originals[r.person] = int(i)
		}
		d.truth.records = append(d.truth.records, r)
	}
	store.SortHeld(d.keys)
	d.truth.people = len(originals)
	for i, r := range d.truth.records {
		if r.kind != loadgen.Original {
			d.truth.planted = append(d.truth.planted, [2]int{originals[r.person], i})
		}
	}
	// The scan's exact phase: a value held by several profiles, but not by
	// more than the shared threshold, and no placeholder.
	policy := store.Tenant{}.Policy()
	for c, ids := range holders {
		if len(ids) < 2 || len(ids) > policy.Threshold() {
			continue
		}
		if usable, _ := policy.Screen([]matcher.Key{{Kind: c.kind, Value: c.value}}); len(usable) > 0 {
			d.exact = append(d.exact, ids)
		}
	}
	return d
}

// train does what store.TrainFuzzy does, on the replay's records.
func (d *replayData) train(seed uint64) matcher.FuzzyModel {
	t := matcher.TrainingData{Profiles: len(d.records), FirstNames: map[string]int{}, LastNames: map[string]int{}}
	for i := range d.records {
		t.FirstNames[d.first[i]]++
		t.LastNames[d.last[i]]++
	}
	if t.Profiles < matcher.MinTrainProfiles {
		return matcher.DefaultFuzzyModel()
	}
	// The sample: a share of the file, cut to TrainSample, as the store
	// draws it (by each profile's content there, at random here).
	share := store.TrainSampleShare(t.Profiles)
	rng := rand.New(rand.NewPCG(seed, 0x73616d706c65))
	index := map[*matcher.FuzzyRecord]int32{}
	var drawn []*matcher.FuzzyRecord
	for i := range d.records {
		if rng.Float64() < share {
			drawn = append(drawn, d.records[i])
			index[d.records[i]] = int32(i)
		}
	}
	t.Sample = matcher.CutSample(drawn, store.TrainSample, uint64(t.Profiles))
	sample := make([]int32, len(t.Sample))
	for i, r := range t.Sample {
		sample[i] = index[r]
	}
	t.Random = matcher.RandomPairs(t.Sample, store.TrainRandomPairs, uint64(t.Profiles))
	// The pairs around the sample sharing a training key held by 2 to
	// store.FuzzyKeyBound profiles.
	seen := map[[2]int32]bool{}
	for _, s := range sample {
		for _, k := range d.records[s].TrainingKeys() {
			hs := d.holders(k)
			if len(hs) < 2 || len(hs) > store.FuzzyKeyBound {
				continue
			}
			for _, h := range hs {
				p := [2]int32{min(s, h.Holder), max(s, h.Holder)}
				if h.Holder != s && !seen[p] {
					seen[p] = true
					t.Blocked = append(t.Blocked, [2]*matcher.FuzzyRecord{d.records[p[0]], d.records[p[1]]})
				}
			}
		}
	}
	return matcher.Train(t, time.Now())
}

// Explanation sorts the false pairs and the missed planted pairs at one
// threshold by the levels their records reach: which evidence the model
// over- or under-weighs.
type Explanation struct {
	Threshold float64     `json:"threshold"`
	False     []LevelsRow `json:"false_pairs"`
	Missed    []LevelsRow `json:"missed_pairs"`
}

// LevelsRow is a count of pairs of one class.
type LevelsRow struct {
	Class  string  `json:"class"`
	Pairs  int     `json:"pairs"`
	Weight float64 `json:"mean_weight"`
}

// explain classifies the false pairs within the candidates and the missed
// planted pairs.
func (d *replayData) explain(m *matcher.FuzzyModel, threshold float64, candidates [][]int, pairs [][2]int32) *Explanation {
	e := &Explanation{Threshold: threshold}
	inCandidate := map[[2]int]bool{}
	for _, g := range candidates {
		for i := range g {
			for j := i + 1; j < len(g); j++ {
				inCandidate[[2]int{min(g[i], g[j]), max(g[i], g[j])}] = true
			}
		}
	}
	blocked := map[[2]int]bool{}
	planted := map[[2]int]bool{}
	for _, p := range d.truth.planted {
		planted[[2]int{min(p[0], p[1]), max(p[0], p[1])}] = true
	}
	for _, p := range pairs {
		if k := [2]int{int(p[0]), int(p[1])}; planted[k] {
			blocked[k] = true
		}
	}
	type acc struct {
		n int
		w float64
	}
	falses, missed := map[string]*acc{}, map[string]*acc{}
	add := func(into map[string]*acc, class string, w float64) {
		if into[class] == nil {
			into[class] = &acc{}
		}
		into[class].n++
		into[class].w += w
	}
	for p := range inCandidate {
		a, b := d.truth.records[p[0]], d.truth.records[p[1]]
		if a.person == b.person {
			continue
		}
		s := m.Score(d.records[p[0]], d.records[p[1]])
		add(falses, levelsClass(s), s.Weight)
	}
	for _, p := range d.truth.planted {
		k := [2]int{min(p[0], p[1]), max(p[0], p[1])}
		if inCandidate[k] {
			continue
		}
		kind := string(d.truth.records[p[1]].kind)
		if !blocked[k] {
			add(missed, kind+": not blocked, "+d.sharedKeys(k[0], k[1]), 0)
			continue
		}
		s := m.Score(d.records[p[0]], d.records[p[1]])
		add(missed, kind+": "+levelsClass(s), s.Weight)
	}
	rows := func(from map[string]*acc) []LevelsRow {
		var out []LevelsRow
		for c, a := range from {
			out = append(out, LevelsRow{Class: c, Pairs: a.n, Weight: round1(a.w / float64(a.n))})
		}
		slices.SortFunc(out, func(x, y LevelsRow) int { return cmp.Or(cmp.Compare(y.Pairs, x.Pairs), cmp.Compare(x.Class, y.Class)) })
		return out
	}
	e.False, e.Missed = rows(falses), rows(missed)
	return e
}

// sharedKeys names the kinds of the blocking keys two profiles share
// (each held by more than store.FuzzyKeyBound profiles, or the pair would
// have been blocked), or says they share none.
func (d *replayData) sharedKeys(a, b int) string {
	if d.profiles == nil {
		return "keys not kept"
	}
	theirs := matcher.BlockingKeyStrings(d.profiles[b])
	var kinds []string
	for _, k := range matcher.BlockingKeyStrings(d.profiles[a]) {
		if _, found := slices.BinarySearch(theirs, k); found {
			kind, _, _ := strings.Cut(k, ":")
			kinds = append(kinds, kind)
		}
	}
	if len(kinds) == 0 {
		return "no key in common"
	}
	return "only common keys " + strings.Join(slices.Compact(kinds), " ")
}

// levelsClass names a score's levels, field by field.
func levelsClass(s matcher.FuzzyScore) string {
	var parts []string
	for _, f := range s.Fields {
		parts = append(parts, string(f.Field)+"="+string(f.Level))
	}
	if s.NamesSwapped {
		parts = append(parts, "swapped")
	}
	return strings.Join(parts, " ")
}

func round1(f float64) float64 { return float64(int(f*10+0.5*sign(f))) / 10 }

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}

// writeTable prints the replay for people to read.
func (r *ReplayResult) writeTable(w io.Writer, classes int) {
	fmt.Fprintf(w, "replay (no database): %d people + %d planted duplicates = %d profiles (seed %d, kinds %s)\n",
		r.People, r.Profiles-r.People, r.Profiles, r.Seed, r.Kinds)
	fmt.Fprintf(w, "model: trained on %d profiles, %d blocked pairs, prior %.3g, file size %+.2f bits\n",
		r.Model.Profiles, r.Model.TrainedPairs, r.Model.Prior, r.Model.FileSize)
	fmt.Fprintf(w, "scan: %d blocked pairs compared, %d shared keys skipped, %d exact groups (%.0f s in all)\n\n",
		r.Pairs, r.SharedKeys, r.Exact, r.Seconds)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "threshold\tcandidates\tpairs\tfalse\tfalse/1000\tprecision\trecall\tfalse among people/1000\ttypo recall\tkinds under 0.8\t")
	for _, run := range r.Runs {
		q := run.Quality
		fmt.Fprintf(tw, "%g\t%d\t%d\t%d\t%.2f\t%.4f\t%.3f\t%.2f\t%.3f\t%s\t\n", run.Threshold, q.Candidates, q.Pairs, q.FalsePairs,
			q.FalsePer1000, q.Precision, q.Recall, q.FalseAmongPeoplePer1000, q.TypoRecall, run.Targets[4].Got)
	}
	tw.Flush()
	if len(r.Runs) > 0 && len(r.Runs[0].Quality.Kinds) > 1 {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprint(tw, "recall by kind\tplanted\t")
		for _, run := range r.Runs {
			fmt.Fprintf(tw, "%g\t", run.Threshold)
		}
		fmt.Fprintln(tw)
		for i, k := range r.Runs[0].Quality.Kinds {
			fmt.Fprintf(tw, "%s\t%d\t", k.Kind, k.Planted)
			for _, run := range r.Runs {
				fmt.Fprintf(tw, "%.3f\t", run.Quality.Kinds[i].Recall)
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
	}
	if e := r.Explained; e != nil {
		for _, part := range []struct {
			name string
			rows []LevelsRow
		}{{"false pairs", e.False}, {"missed planted pairs", e.Missed}} {
			fmt.Fprintf(w, "\n%s at %g bits, by levels (the %d largest classes)\n", part.name, e.Threshold, classes)
			tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			for i, row := range part.rows {
				if i == classes {
					break
				}
				fmt.Fprintf(tw, "%d\t%.1f bits\t%s\n", row.Pairs, row.Weight, row.Class)
			}
			tw.Flush()
		}
	}
}
