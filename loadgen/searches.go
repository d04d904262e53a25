package loadgen

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"dedupe/store"
)

// Searches times single fuzzy searches, in milliseconds.
type Searches struct {
	Count  int     `json:"count"`
	P50    float64 `json:"p50_ms"`
	P99    float64 `json:"p99_ms"`
	Max    float64 `json:"max_ms"`
	PerSec float64 `json:"per_second"`
}

// TimeFuzzySearches times n single fuzzy searches (store.FuzzyCandidates)
// of profiles drawn from ids, one after the other.
func TimeFuzzySearches(ctx context.Context, st *store.Store, tenantID string, ids []string, n int, seed uint64) (Searches, error) {
	var s Searches
	if n <= 0 || len(ids) == 0 {
		return s, nil
	}
	rng := rand.New(rand.NewPCG(seed, 0x7365617263686573))
	took := make([]time.Duration, 0, n)
	start := time.Now()
	for range n {
		id := ids[rng.IntN(len(ids))]
		t0 := time.Now()
		if _, err := st.FuzzyCandidates(ctx, tenantID, id); err != nil {
			return s, fmt.Errorf("fuzzy search: %w", err)
		}
		took = append(took, time.Since(t0))
	}
	total := time.Since(start)
	slices.Sort(took)
	ms := func(q float64) float64 {
		return float64(took[min(int(q*float64(len(took))), len(took)-1)]) / float64(time.Millisecond)
	}
	return Searches{Count: n, P50: ms(0.50), P99: ms(0.99), Max: ms(1), PerSec: float64(n) / total.Seconds()}, nil
}
