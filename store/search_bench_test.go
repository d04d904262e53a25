package store_test

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"dedupe/internal/storetest"
	"dedupe/loadgen"
	"dedupe/store"
)

// BenchmarkSearch measures the front desk's customer search on a customer
// file pre-filled with DEDUPE_BENCH_SEARCH_PROFILES profiles (default
// 100,000; `make bench-search` uses 1,000,000), over a mix of what a front
// desk types: a full name, a surname, the beginnings of both, a surname
// with a slip, an email and a phone number. It reports the latency
// percentiles of one search (p50_ms, p99_ms) besides ns/op.
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	n, _ := strconv.Atoi(os.Getenv("DEDUPE_BENCH_SEARCH_PROFILES"))
	n = cmp.Or(n, 100_000)
	url := storetest.MustURL(b)
	s, err := store.Open(ctx, store.Config{URL: url})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	tn := storetest.MustTenant(b, s, "salon", "FR")
	start := time.Now()
	if err := loadgen.Prefill(ctx, url, tn.ID, n, nil); err != nil {
		b.Fatal(err)
	}
	b.Logf("pre-filled %d profiles in %s", n, time.Since(start).Round(time.Second))
	rng := rand.New(rand.NewPCG(1, 2))
	firsts, lasts := loadgen.FirstNames(), loadgen.LastNames()
	queries := func() string {
		f, l := firsts[rng.IntN(len(firsts))], lasts[rng.IntN(len(lasts))]
		g := 1 + rng.IntN(n)
		switch rng.IntN(6) {
		case 0:
			return f + " " + l
		case 1:
			return l
		case 2:
			return string([]rune(f)[:3]) + " " + string([]rune(l)[:min(4, len([]rune(l)))])
		case 3:
			r := []rune(l)
			if len(r) >= 4 {
				r[1], r[2] = r[2], r[1]
			}
			return f + " " + string(r)
		case 4:
			return fmt.Sprintf("+337%d%07d", 5+g/10_000_000, g%10_000_000)
		}
		return l + " " + f
	}
	var took []time.Duration
	b.ResetTimer()
	for b.Loop() {
		q := queries()
		t0 := time.Now()
		if _, err := s.SearchProfiles(ctx, tn.ID, q, 20, ""); err != nil {
			b.Fatalf("search %q: %v", q, err)
		}
		took = append(took, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(took)
	pct := func(p float64) float64 {
		return float64(took[min(len(took)-1, int(p*float64(len(took))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50_ms")
	b.ReportMetric(pct(0.99), "p99_ms")
}
