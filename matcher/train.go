package matcher

import (
	"cmp"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Training estimates a tenant's model from its own file, as Splink does:
//
//   - u, the chance that two different people agree at a level, from
//     random pairs of profiles: nearly all random pairs are two people.
//     Each field is compared in every pair, whatever Score would leave
//     out (the address and the landline, which it counts only when the
//     given names agree). The exact birth date and address, which two
//     strangers share too rarely for 100,000 pairs to count steadily,
//     take u from their values' frequencies in the sample instead: the
//     chance that two of its records agree;
//   - m, the chance that one person's two records agree at a level, by
//     expectation-maximisation over the pairs that share a name and a
//     birth date (FuzzyRecord.TrainingKeys), with u held fixed; the names'
//     and the birth date's m keep their defaults, since those pairs were
//     chosen by them;
//   - the frequencies of the most common first names and surnames, for
//     the term-frequency adjustment.
//
// A small file says too little: below MinTrainProfiles the defaults stay,
// and every estimate is blended with the default as if the default had
// been seen priorWeight times (for u, as if it had given priorAgreements
// agreements, whichever counts more), so a level the file barely shows
// keeps a sensible value.

// MinTrainProfiles is the smallest file Train estimates from.
const MinTrainProfiles = 1000

// TopFrequencies is how many of the most common values of each name the
// model keeps.
const TopFrequencies = 2000

const (
	emIterations = 25
	priorWeight  = 20.0 // pseudo-observations of the default per comparison
	// priorAgreements is how many agreeing pairs the default u of a level
	// counts for at least: a level two strangers reach once in 10,000
	// pairs is seen a handful of times in the random pairs, and one more
	// or one less chance agreement must not move its weight by bits.
	priorAgreements = 5.0
	minU            = 1e-6   // no level is impossible for two people
	minM            = 1e-4   // nor for one
	maxProb         = 0.9999 // nor certain
)

// TrainingData is what Train reads of a tenant's file.
type TrainingData struct {
	Profiles int
	// Sample is a random sample of the file, and Random random pairs of
	// it, for u.
	Sample []*FuzzyRecord
	Random [][2]*FuzzyRecord
	// Blocked holds pairs that share a blocking key, for m.
	Blocked [][2]*FuzzyRecord
	// FirstNames and LastNames count each folded value over the file.
	FirstNames, LastNames map[string]int
	// Pause, when set, is called between slices of Train's work (every
	// PauseEvery pairs scored), so that a caller sharing the machine with
	// other work can hold the training back.
	Pause func()
}

// PauseEvery is how many pairs Train scores between calls of
// TrainingData.Pause: a few milliseconds of a CPU.
const PauseEvery = 500

// RandomPairs draws n pairs of distinct records of sample, for
// TrainingData.Random, from a generator seeded with seed: the same sample
// and seed give the same pairs. A draw of one record twice is dropped.
func RandomPairs(sample []*FuzzyRecord, n int, seed uint64) [][2]*FuzzyRecord {
	if len(sample) < 2 {
		return nil
	}
	rng := rand.New(rand.NewPCG(seed, 0x7472616e))
	out := make([][2]*FuzzyRecord, 0, n)
	for range n {
		if a, b := rng.IntN(len(sample)), rng.IntN(len(sample)); a != b {
			out = append(out, [2]*FuzzyRecord{sample[a], sample[b]})
		}
	}
	return out
}

// CompareContent orders two records by what they hold, then by id: a
// file's sample sorted so draws the same random pairs however its rows
// were stored or numbered (a file imported twice has other ids), and
// records alike in content compare alike with any other, so their order
// among themselves changes nothing.
func CompareContent(a, b *FuzzyRecord) int {
	if c := cmp.Or(
		strings.Compare(a.first.folded, b.first.folded), strings.Compare(a.last.folded, b.last.folded),
		strings.Compare(a.birth, b.birth), strings.Compare(a.unreadBirth, b.unreadBirth),
		strings.Compare(a.address.postal, b.address.postal), strings.Compare(a.address.city, b.address.city),
		strings.Compare(a.address.street, b.address.street), strings.Compare(a.address.number, b.address.number),
		strings.Compare(a.address.unit, b.address.unit),
		slices.CompareFunc(a.emails, b.emails, func(x, y emailValue) int { return strings.Compare(x.value, y.value) }),
		slices.Compare(a.mobiles, b.mobiles), slices.Compare(a.phones, b.phones), strings.Compare(a.gender, b.gender)); c != 0 {
		return c
	}
	if len(a.ids) > 0 || len(b.ids) > 0 {
		if c := orderIdentifiers(a.ids, b.ids); c != 0 {
			return c
		}
	}
	return strings.Compare(a.ID, b.ID)
}

// orderIdentifiers orders two records' identifier attributes.
func orderIdentifiers(a, b map[string]string) int {
	keys := func(m map[string]string) []string {
		out := make([]string, 0, 2*len(m))
		for _, k := range slices.Sorted(maps.Keys(m)) {
			out = append(out, k, m[k])
		}
		return out
	}
	return slices.Compare(keys(a), keys(b))
}

// CutSample returns n records of sample chosen at random (all of them when
// it holds no more), from a generator seeded with seed.
func CutSample(sample []*FuzzyRecord, n int, seed uint64) []*FuzzyRecord {
	if len(sample) <= n {
		return sample
	}
	out := slices.Clone(sample)
	rng := rand.New(rand.NewPCG(seed, 0x63757473))
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out[:n]
}

// Train returns the model estimated from d, or the defaults when the file
// is too small.
func Train(d TrainingData, now time.Time) FuzzyModel {
	m := DefaultFuzzyModel()
	if d.Profiles < MinTrainProfiles || len(d.Random) == 0 {
		return m
	}
	m.TrainedAt, m.Profiles, m.Pairs = now.UTC().Truncate(time.Second), d.Profiles, len(d.Blocked)
	m.Frequencies = map[Comparison]map[string]float64{}
	m.RareFrequency = map[Comparison]float64{}
	for c, counts := range map[Comparison]map[string]int{CompareFirstName: d.FirstNames, CompareLastName: d.LastNames} {
		m.Frequencies[c], m.RareFrequency[c] = topFrequencies(counts)
	}

	m.estimateU(d)
	def := DefaultFuzzyModel()

	// m by EM over the blocked pairs, u fixed.
	vectors := make([]FuzzyScore, len(d.Blocked))
	for i, p := range d.Blocked {
		d.pauseAt(i)
		vectors[i] = def.Score(p[0], p[1])
	}
	lambda := 0.1
	for range emIterations {
		weights := make([]float64, len(vectors))
		sum := 0.0
		for i, v := range vectors {
			w := 0.0
			for _, f := range v.Fields {
				if p := m.Levels[f.Field][f.Level]; p.U > 0 {
					// A line of a level the defaults lack weighs nothing
					// here; log(0/0) would turn every pair's weight NaN.
					w += math.Log2(p.M / p.U)
				}
			}
			odds := lambda / (1 - lambda) * math.Exp2(w)
			if math.IsInf(odds, 1) {
				weights[i] = 1
			} else {
				weights[i] = odds / (1 + odds)
			}
			sum += weights[i]
		}
		if len(vectors) > 0 {
			lambda = clamp(sum/float64(len(vectors)), 1e-6, 0.999)
		}
		mc := levelCounts(&def, nil, nil, nil)
		for i, v := range vectors {
			for _, f := range v.Fields {
				mc[f.Field][f.Level] += weights[i]
			}
		}
		for c, levels := range m.Levels {
			if c == CompareBirthDate || c == CompareFirstName || c == CompareLastName {
				// The pairs were chosen by a name and the birth date: they
				// say nothing of how often one person's names and dates
				// differ, so those keep their default m (as Splink leaves
				// a blocking rule's own fields out of its estimates).
				continue
			}
			total := 0.0
			for _, n := range mc[c] {
				total += n
			}
			for l, p := range levels {
				p.M = clamp((mc[c][l]+priorWeight*def.Levels[c][l].M)/(total+priorWeight), minM, maxProb)
				if l == LevelDifferent {
					// EM, fed pairs that agree on names and birth date, takes
					// namesakes for matches and learns that disagreement is
					// common; bounded, a disagreement keeps counting against.
					p.M = min(p.M, 2*def.Levels[c][l].M)
				}
				levels[l] = p
			}
		}
	}
	// The prior is of a random pair: the blocked pairs' share of matches,
	// spread over every pair the file could make.
	if n := float64(d.Profiles); n > 1 && len(d.Blocked) > 0 {
		m.Prior = clamp(lambda*float64(len(d.Blocked))/(n*(n-1)/2), 1e-9, 0.5)
	}
	return m
}

// estimateU sets each level's u from d's random pairs, scored with the
// default model (levels do not depend on the weights, except the choice
// of a name swap), and the exact birth date's and address's from the
// sample's frequencies (exactShare).
func (m *FuzzyModel) estimateU(d TrainingData) {
	def := DefaultFuzzyModel()
	counts := levelCounts(&def, d.Random, nil, d.pauseAt)
	for c, levels := range m.Levels {
		exactU, steady := exactShare(c, d.Sample)
		total := 0.0
		for _, n := range counts[c] {
			total += n
		}
		for l, p := range levels {
			strength := max(priorWeight, priorAgreements/p.U)
			p.U = clamp((counts[c][l]+strength*p.U)/(total+strength), minU, maxProb)
			if l == LevelExact && steady {
				p.U = clamp(exactU, minU, maxProb)
			}
			levels[l] = p
		}
	}
}

// pauseAt calls d.Pause before the i-th pair of a run of pairs, every
// PauseEvery pairs.
func (d TrainingData) pauseAt(i int) {
	if d.Pause != nil && i > 0 && i%PauseEvery == 0 {
		d.Pause()
	}
}

// levelCounts counts the levels the pairs reach, per comparison: every
// field of every pair, the address and the landline too when Score leaves
// them out. pauseAt, when not nil, is called with each pair's index first.
func levelCounts(m *FuzzyModel, pairs [][2]*FuzzyRecord, into map[Comparison]map[Level]float64, pauseAt func(int)) map[Comparison]map[Level]float64 {
	if into == nil {
		into = map[Comparison]map[Level]float64{}
		for _, c := range Comparisons {
			into[c] = map[Level]float64{}
		}
	}
	for i, p := range pairs {
		if pauseAt != nil {
			pauseAt(i)
		}
		s := m.Score(p[0], p[1])
		for _, f := range s.Fields {
			into[f.Field][f.Level]++
		}
		if s.Level(CompareAddress) == LevelMissing && s.Level(ComparePhone) == LevelMissing {
			if l := compareAddresses(p[0].address, p[1].address); l != LevelMissing {
				into[CompareAddress][l]++
			}
			if l := compareNumbers(p[0].phones, p[1].phones); l != LevelMissing {
				into[ComparePhone][l]++
			}
		}
	}
	return into
}

// minExactAgreements is how many agreeing pairs of the sample exactShare
// needs before its share replaces the random pairs' count.
const minExactAgreements = 50

// exactShare returns, for the birth date and the address, the chance that
// two distinct records of the sample holding the field agree on it
// exactly: the sum over values of n(n-1), over N(N-1). It reads every
// pair of the sample at once, where random pairs see a handful of
// agreements and their count jumps from one training to the next. steady
// is false for other comparisons, and when the sample holds fewer than
// minExactAgreements agreeing pairs.
func exactShare(c Comparison, sample []*FuzzyRecord) (u float64, steady bool) {
	key := func(r *FuzzyRecord) string { return r.birth }
	switch c {
	case CompareBirthDate:
	case CompareAddress:
		key = func(r *FuzzyRecord) string {
			if a := r.address; a.street != "" && a.postal != "" {
				return a.postal + "|" + a.street + "|" + a.number
			}
			return ""
		}
	default:
		return 0, false
	}
	counts := map[string]float64{}
	n := 0.0
	for _, r := range sample {
		if k := key(r); k != "" {
			counts[k]++
			n++
		}
	}
	agreeing := 0.0
	for _, k := range counts {
		agreeing += k * (k - 1) / 2
	}
	if agreeing < minExactAgreements {
		return 0, false
	}
	return agreeing / (n * (n - 1) / 2), true
}

// topFrequencies keeps the TopFrequencies most common values with their
// share of all values, and the share of the least common kept.
func topFrequencies(counts map[string]int) (map[string]float64, float64) {
	total := 0
	type vc struct {
		v string
		n int
	}
	var all []vc
	for v, n := range counts {
		if v == "" {
			continue
		}
		total += n
		all = append(all, vc{v, n})
	}
	if total == 0 {
		return nil, 0
	}
	slices.SortFunc(all, func(a, b vc) int { return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.v, b.v)) })
	out := map[string]float64{}
	rare := 1 / float64(total)
	for i, x := range all {
		if i == TopFrequencies || x.n < 2 {
			break
		}
		out[x.v] = float64(x.n) / float64(total)
		rare = out[x.v]
	}
	return out, rare
}

func clamp(f, lo, hi float64) float64 { return max(lo, min(hi, f)) }
