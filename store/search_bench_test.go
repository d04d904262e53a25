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

	"dedupe/internal/postgrestest"
	"dedupe/internal/storetest"
	"dedupe/loadgen"
	"dedupe/store"
)

// BenchmarkSearch measures the front desk's customer search on a customer
// file pre-filled with DEDUPE_BENCH_SEARCH_PROFILES profiles (default
// 100,000; `make bench-search` uses 1,000,000), over a mix of what a front
// desk types: a full name (either order), a surname alone, the beginnings
// of both, one beginning alone, a name with a slip, a surname with a slip
// alone, and a phone number. It reports the latency
// percentiles of one search (p50_ms, p99_ms) besides ns/op.
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	n, _ := strconv.Atoi(os.Getenv("DEDUPE_BENCH_SEARCH_PROFILES"))
	n = cmp.Or(n, 100_000)
	// A server of its own, with the buffers a production server would
	// give a file this size (the tests' server keeps PostgreSQL's 128 MB).
	pg, err := postgrestest.StartWith(ctx, postgrestest.Options{Settings: []string{"shared_buffers=2GB", "effective_cache_size=8GB", "work_mem=16MB"}})
	if err != nil {
		b.Fatal(err)
	}
	defer pg.Close()
	if err := pg.CreateDatabase(ctx, "bench", ""); err != nil {
		b.Fatal(err)
	}
	url := pg.URL("bench")
	s, err := store.Open(ctx, store.Config{URL: url})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	tn := storetest.MustTenant(b, s, "salon", "FR")
	start := time.Now()
	if err := loadgen.Prefill(ctx, url, tn.ID, n, nil); err != nil {
		b.Fatal(err)
	}
	b.Logf("pre-filled %d profiles in %s", n, time.Since(start).Round(time.Second))
	rng := rand.New(rand.NewPCG(1, 2))
	firsts, lasts := loadgen.FirstNames(), loadgen.LastNames()
	kinds := []string{"full", "surname", "beginnings", "slip", "phone", "reversed", "beginning", "surname-slip"}
	query := func(kind string) string {
		f, l := firsts[rng.IntN(len(firsts))], lasts[rng.IntN(len(lasts))]
		g := 1 + rng.IntN(n)
		switch kind {
		case "full":
			return f + " " + l
		case "surname":
			return l
		case "beginnings":
			return string([]rune(f)[:3]) + " " + string([]rune(l)[:min(4, len([]rune(l)))])
		case "slip":
			r := []rune(l)
			if len(r) >= 4 {
				r[1], r[2] = r[2], r[1]
			}
			return f + " " + string(r)
		case "phone":
			return fmt.Sprintf("+337%d%07d", 5+g/10_000_000, g%10_000_000)
		case "beginning": // one word's first three letters: a broad search
			return string([]rune(l)[:3])
		case "surname-slip": // one word with a slip, alone
			r := []rune(l)
			if len(r) >= 4 {
				r[1], r[2] = r[2], r[1]
			}
			return string(r)
		}
		return l + " " + f
	}
	var took []time.Duration
	byKind := map[string][]time.Duration{}
	i := 0
	b.ResetTimer()
	for b.Loop() {
		kind := kinds[i%len(kinds)]
		i++
		q := query(kind)
		t0 := time.Now()
		if _, err := s.SearchProfiles(ctx, tn.ID, q, 20, ""); err != nil {
			b.Fatalf("search %q: %v", q, err)
		}
		d := time.Since(t0)
		took = append(took, d)
		byKind[kind] = append(byKind[kind], d)
	}
	b.StopTimer()
	b.ReportMetric(percentile(took, 0.50), "p50_ms")
	b.ReportMetric(percentile(took, 0.99), "p99_ms")
	for _, k := range kinds {
		b.Logf("%-10s p50 %6.2f ms  p99 %6.2f ms  (%d searches)", k, percentile(byKind[k], 0.5), percentile(byKind[k], 0.99), len(byKind[k]))
	}
}

// percentile returns the p-th percentile of ds in milliseconds.
func percentile(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	ds = slices.Clone(ds)
	slices.Sort(ds)
	return float64(ds[min(len(ds)-1, int(p*float64(len(ds))))].Microseconds()) / 1000
}
