package matcher

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// The fuzzy search scores a pair of profiles with the Fellegi–Sunter model,
// as Splink and recordlinkage do. Each comparison, at each level, has two
// probabilities: m, that two records of one person agree at that level,
// and u, that two records of different people do. Its match weight is
// log2(m/u) bits: positive when the level is more likely for one person,
// negative when it is more likely for two, so a disagreement counts
// against a match. A missing value has no level and weighs nothing. The
// pair's weight is the sum; a candidate opens when it reaches the tenant's
// fuzzy threshold.

// MU is one level's pair of probabilities.
type MU struct {
	M float64 `json:"m"`
	U float64 `json:"u"`
}

// Weight is the level's match weight in bits, log2(m/u).
func (p MU) Weight() float64 { return math.Log2(p.M / p.U) }

// FuzzyModel holds a tenant's m and u probabilities, and the frequencies of
// its most common names.
type FuzzyModel struct {
	// Levels: comparison → level → m and u.
	Levels map[Comparison]map[Level]MU `json:"levels"`
	// Frequencies: for first and last names, the share of the tenant's
	// profiles holding each of the most common values (folded). Agreeing
	// on a value, its u is its frequency (Splink's term-frequency
	// adjustment): "Marie Martin" says less than a rare name.
	Frequencies map[Comparison]map[string]float64 `json:"frequencies,omitempty"`
	// RareFrequency is the u of agreeing on a value not listed: the
	// frequency of the least common one listed, an upper bound.
	RareFrequency map[Comparison]float64 `json:"rare_frequency,omitempty"`
	// Prior is the share of compared pairs that are one person, which
	// turns a weight into a probability.
	Prior float64 `json:"prior"`
	// TrainedAt is when the estimates were made from the tenant's file;
	// zero for the defaults.
	TrainedAt time.Time `json:"trained_at,omitzero"`
	// Profiles and Pairs are the file size and the number of blocked pairs
	// the estimates were made from. Profiles also sets FileSizeWeight.
	Profiles int `json:"profiles,omitempty"`
	Pairs    int `json:"pairs,omitempty"`
}

// DefaultFuzzyThreshold is the total match weight, in bits, at which a
// fuzzy candidate opens when the tenant sets none. Chosen from the
// measurements in docs/performance.md: every kind of slip the issue lists
// scores above it when a second piece of evidence (a birth date, an
// address, a mobile, an email's tail) agrees, while a shared common name
// alone, a household at one address, or a name and a town do not. It was
// chosen on a file of FileSizeReference profiles; on any other,
// FileSizeWeight keeps it meaning the same odds.
const DefaultFuzzyThreshold = 20

// FileSizeReference is the file size, in profiles, at which
// DefaultFuzzyThreshold was chosen (docs/performance.md §11).
const FileSizeReference = 100_000

// FileSizeWeight is the part of every pair's weight that the size of the
// file sets, in bits: -log2(profiles / FileSizeReference) for a trained
// model, 0 for the defaults (a file too small to train).
//
// Fellegi–Sunter weighs a pair's evidence against the prior, the chance
// that two compared records are one person before their fields are read
// (Splink's probability_two_random_records_match, where its waterfall
// starts). A profile has one possible partner per other profile and at
// most a few duplicates among them, so that chance falls as the file
// grows: ten times the profiles, ten times the namesakes who share a
// surname and a birth date, and as many duplicates as before. A fixed
// threshold on the fields' weights alone would propose more false pairs
// the larger the file, and miss more true ones the smaller: counting the
// file's size as evidence keeps the threshold meaning the same odds on
// any file. On a file of a few thousand profiles a surname and a birth
// date have few other holders, and the line adds up to log2(100) bits
// (docs/performance.md section 48).
func (m *FuzzyModel) FileSizeWeight() float64 {
	if m.Profiles <= 0 {
		return 0
	}
	return -math.Log2(float64(m.Profiles) / FileSizeReference)
}

// MaxFuzzyThreshold bounds the threshold a tenant may set.
const MaxFuzzyThreshold = 100

// DefaultFuzzyModel returns the probabilities used until a tenant's file is
// large enough to estimate its own (see Train). They are deliberately
// cautious: u of an exact name is that of a common name, a shared address
// counts once with a shared landline (a household shares both), and a
// different first name or birth date weighs strongly against.
func DefaultFuzzyModel() FuzzyModel {
	return FuzzyModel{Prior: 1e-4, Levels: map[Comparison]map[Level]MU{
		CompareFirstName: {
			LevelExact: {0.80, 0.02}, LevelNickname: {0.04, 0.002}, LevelTypo: {0.06, 0.002},
			LevelCompound: {0.02, 0.001}, LevelPhonetic: {0.02, 0.005}, LevelInitial: {0.02, 0.02},
			LevelDifferent: {0.01, 0.95}, LevelFromEmail: {0.02, 0.002},
		},
		CompareLastName: {
			LevelExact: {0.85, 0.003}, LevelTypo: {0.06, 0.001}, LevelCompound: {0.02, 0.0005},
			LevelPhonetic: {0.02, 0.003}, LevelDifferent: {0.05, 0.98}, LevelSurnameInEmail: {0.01, 0.0001},
			LevelFromEmail: {0.05, 0.003},
		},
		CompareBirthDate: {
			LevelExact: {0.85, 0.0001}, LevelDayMonth: {0.02, 0.0001}, LevelOneDigit: {0.08, 0.003},
			LevelNearDate: {0.01, 0.002}, LevelNearYear: {0.02, 0.025}, LevelDifferent: {0.02, 0.97},
		},
		CompareAddress: {
			LevelExact: {0.75, 0.0005}, LevelStreet: {0.03, 0.003}, LevelTown: {0.10, 0.02},
			LevelDifferent: {0.10, 0.978},
		},
		CompareEmail: {
			LevelExact: {0.20, 0.000001}, LevelMailbox: {0.05, 0.000001}, LevelLocalPart: {0.10, 0.0002},
			LevelDifferent: {0.65, 0.9998},
		},
		CompareMobile: {
			LevelExact: {0.20, 0.00001}, LevelOneSlip: {0.10, 0.0001}, LevelDifferent: {0.70, 0.9999},
		},
		ComparePhone: {
			LevelExact: {0.30, 0.0005}, LevelOneSlip: {0.05, 0.0005}, LevelDifferent: {0.65, 0.999},
		},
		CompareGender: {
			LevelExact: {0.98, 0.5}, LevelDifferent: {0.02, 0.5},
		},
		// An identifier the tenant designates (identifier.go): two people
		// share one only by a clerk's slip; one person's records differ in
		// it when one was mistyped beyond a slip or the person was given a
		// new one.
		CompareIdentifier: {
			LevelExact: {0.90, 0.00001}, LevelTypo: {0.05, 0.0001}, LevelDifferent: {0.05, 0.9999},
		},
	}}
}

// generation is how many years apart two birth dates put a parent and a
// child rather than one person written twice (Score).
const generation = 15

// swapPenalty is taken from the names' weight when they agree only after
// swapping first name and surname: a swap is a slip, rarer than a match in
// order.
const swapPenalty = 3

// FieldWeight is one comparison's part of a pair's score.
type FieldWeight struct {
	Field  Comparison `json:"field"`
	Level  Level      `json:"level"`
	Weight float64    `json:"weight"` // bits, log2(m/u)
}

// FuzzyScore is a pair's score and the evidence behind it.
type FuzzyScore struct {
	// Weight is the sum of the fields' weights, in bits.
	Weight float64 `json:"weight"`
	// Probability is the chance the pair is one person, from the weight
	// and the model's prior.
	Probability float64 `json:"probability"`
	// Fields holds each compared field's level and weight; a field missing
	// on either side is left out.
	Fields []FieldWeight `json:"fields"`
	// NamesSwapped says the names agree once first name and surname are
	// swapped; the weight includes the swap's penalty.
	NamesSwapped bool `json:"names_swapped,omitempty"`
}

// Opens reports whether the pair becomes a candidate at threshold: its
// weight reaches it, and something besides the names (and the gender)
// agrees (a birth date, an address, an email, a number). A name alone,
// however rare, is shared by namesakes: in a large file, two records that
// agree on nothing but the name are more often two people than one. The
// file's size is no such agreement: on a small file it adds to every
// pair alike.
func (s FuzzyScore) Opens(threshold float64) bool {
	if s.Weight < threshold {
		return false
	}
	for _, f := range s.Fields {
		switch f.Field {
		case CompareFirstName, CompareLastName, CompareGender, CompareFileSize:
			continue
		}
		if f.Weight > 0 {
			return true
		}
	}
	return false
}

// Level returns the level of one comparison, LevelMissing when absent.
func (s FuzzyScore) Level(c Comparison) Level {
	for _, f := range s.Fields {
		if f.Field == c {
			return f.Level
		}
	}
	return LevelMissing
}

// weight returns the weight of a level. For an exact name, u is the
// frequency of value among the names of the lists tfs (first names, last
// names, or both for swapped names, whose role is uncertain: then the more
// common reading, the cautious one).
//
// A partial agreement (a slip, a short form, a digit off, the same street)
// never weighs more than the exact agreement of the same field on the same
// value. Estimated alone it can: strangers rarely hold mobiles one digit
// apart, while relatives share one, so its u comes out smaller than the
// exact level's; and a slip in "Martin" is as common among strangers as
// "Martin" itself, which only the exact level's term frequency knows. A
// reviewer reading "one digit off: +16.6, the same: +11.1" is misled.
func (m *FuzzyModel) weight(c Comparison, l Level, value string, tfs ...Comparison) float64 {
	w, ok := m.levelWeight(c, l, value, tfs...)
	if !ok || l == LevelExact || l == LevelDifferent {
		return w
	}
	if exact, ok := m.levelWeight(c, LevelExact, value, tfs...); ok && exact < w {
		return exact
	}
	return w
}

// commoner returns whichever of two names is the more frequent in the
// lists tfs: the one whose exact agreement says less, which bounds what a
// slip between them says (weight). Two equal names give either.
func (m *FuzzyModel) commoner(a, b string, tfs ...Comparison) string {
	fa, fb := 0.0, 0.0
	for _, tf := range tfs {
		fa, fb = max(fa, m.Frequencies[tf][a]), max(fb, m.Frequencies[tf][b])
	}
	if fb > fa {
		return b
	}
	return a
}

// levelWeight is a level's own weight, as estimated (weight), and whether
// the model knows the level.
func (m *FuzzyModel) levelWeight(c Comparison, l Level, value string, tfs ...Comparison) (float64, bool) {
	p, ok := m.Levels[c][l]
	if !ok {
		p, ok = defaultLevels[c][l]
		if !ok {
			return 0, false
		}
	}
	if l == LevelExact && len(tfs) > 0 {
		known, rare := 0.0, 0.0
		for _, tf := range tfs {
			known = max(known, m.Frequencies[tf][value])
			rare = max(rare, m.RareFrequency[tf])
		}
		switch {
		case known > 0:
			p.U = known
		case rare > 0 && rare < p.U:
			p.U = rare
		}
	}
	return p.Weight(), true
}

var defaultLevels = DefaultFuzzyModel().Levels

func (m *FuzzyModel) probability(w float64) float64 {
	prior := m.Prior
	if prior <= 0 || prior >= 1 {
		prior = DefaultFuzzyModel().Prior
	}
	odds := prior / (1 - prior) * math.Exp2(w)
	if math.IsInf(odds, 1) {
		return 1
	}
	return round2(odds / (1 + odds))
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// Reason words a score for the review queue: the fields that agree, the
// strongest first.
func (s FuzzyScore) Reason() string {
	fields := slices.Clone(s.Fields)
	slices.SortStableFunc(fields, func(a, b FieldWeight) int {
		switch {
		case a.Weight > b.Weight:
			return -1
		case a.Weight < b.Weight:
			return 1
		}
		return 0
	})
	reason := ""
	for _, f := range fields {
		if f.Weight <= 0 {
			continue
		}
		if reason != "" {
			reason += ", "
		}
		reason += string(f.Field) + " " + string(f.Level)
	}
	if s.NamesSwapped {
		reason += " (names swapped)"
	}
	return fmt.Sprintf("fuzzy: %s (%.1f bits)", reason, s.Weight)
}

// birthYears returns a date's year written in four digits and in two.
func birthYears(date string) []string {
	if len(date) < 4 {
		return nil
	}
	return []string{date[:4], date[2:4]}
}
