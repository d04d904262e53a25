package store_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
)

func TestCountOpenReviews(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		s := newStore(t)
		n, err := s.CountOpenReviews(ctx)
		if err != nil || n != 0 {
			t.Fatalf("CountOpenReviews on an empty file = %d, %v", n, err)
		}
		// Two families sharing an email: each second booking opens a review.
		for _, tenant := range []string{"salon", "shop"} {
			tn := storetest.MustTenant(t, s, tenant, "FR")
			mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Camille", Email: "roy@example.fr"}))
			if ing := mustIngest(t, s, booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Jean", Email: "roy@example.fr"})); ing.ReviewID == nil {
				t.Fatalf("%s: a family email opened no review", tenant)
			}
		}
		if _, err := s.Pool().Exec(ctx, `INSERT INTO review_candidates (tenant_id, id, status, reason, profile_ids, created_at, updated_at)
			SELECT tenant_id, gen_random_uuid(), 'ignored', 'test', profile_ids, created_at, updated_at FROM review_candidates`); err != nil {
			t.Fatal(err)
		}
		if n, err := s.CountOpenReviews(ctx); err != nil || n != 2 {
			t.Fatalf("CountOpenReviews = %d, %v; want 2 (the ignored ones do not count)", n, err)
		}
	})
	t.Run("IndexBacked", func(t *testing.T) {
		s := newStore(t)
		// On a tiny table a sequential scan is cheaper; forbid it to see
		// whether an index can answer at all.
		tx, err := s.Pool().Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback(ctx)
		if _, err := tx.Exec(ctx, `SET LOCAL enable_seqscan = off`); err != nil {
			t.Fatal(err)
		}
		rows, err := tx.Query(ctx, `EXPLAIN SELECT count(*) FROM review_candidates WHERE status = 'open'`)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, line)
		}
		// An index scan or a bitmap scan of the partial index: either reads
		// the open candidates only.
		if p := strings.Join(plan, "\n"); !strings.Contains(p, " on review_candidates_open_set") && !strings.Contains(p, " using review_candidates_open_set") {
			t.Fatalf("the open-review count is not served by the partial index:\n%s", p)
		}
	})
	t.Run("ErrUnavailable", func(t *testing.T) {
		s := newStore(t)
		s.Close()
		if _, err := s.CountOpenReviews(ctx); err == nil {
			t.Fatal("CountOpenReviews on a closed store succeeded")
		}
	})
}

func TestTenantSlug(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	t.Run("OK", func(t *testing.T) {
		if slug, err := s.TenantSlug(ctx, tn.ID); err != nil || slug != "salon" {
			t.Fatalf("TenantSlug = %q, %v", slug, err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		for _, id := range []string{"0b6c2f0e-4a54-4b39-9d3b-1d8c0f9b7a11", "not-a-uuid"} {
			if _, err := s.TenantSlug(ctx, id); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("TenantSlug(%q) = %v, want ErrNotFound", id, err)
			}
		}
	})
}

// TestCountCollectors: the review backlog, the webhook outbox and the
// disabled endpoints are gauges counted on each scrape, and left out of a scrape PostgreSQL does
// not answer (never NaN, never a failed scrape).
func TestCountCollectors(t *testing.T) {
	for name, collector := range map[string]func(*store.Store) prometheus.Collector{
		"dedupe_review_candidates_open": func(s *store.Store) prometheus.Collector {
			return store.NewReviewCollector(s, slog.New(slog.DiscardHandler), 0)
		},
		"dedupe_webhook_outbox_pending": func(s *store.Store) prometheus.Collector {
			return store.NewOutboxCollector(s, slog.New(slog.DiscardHandler), 0)
		},
		"dedupe_webhook_endpoints_disabled": func(s *store.Store) prometheus.Collector {
			return store.NewDisabledEndpointsCollector(s, slog.New(slog.DiscardHandler), 0)
		},
	} {
		t.Run(name, func(t *testing.T) {
			s := newStore(t)
			reg := prometheus.NewPedanticRegistry()
			reg.MustRegister(collector(s))
			fams, err := reg.Gather()
			if err != nil {
				t.Fatal(err)
			}
			if len(fams) != 1 || fams[0].GetName() != name || fams[0].GetType().String() != "GAUGE" ||
				fams[0].GetMetric()[0].GetGauge().GetValue() != 0 {
				t.Fatalf("gathered %v, want %s 0", fams, name)
			}
			// Down, the series is left out instead of failing the whole scrape.
			s.Close()
			if fams, err := reg.Gather(); err != nil || len(fams) != 0 {
				t.Fatalf("with the database closed: %v, %v; want no series and no error", fams, err)
			}
		})
	}
}

func TestPoolCollector(t *testing.T) {
	s := storetest.MustOpen(t, store.Config{MaxConns: 7})
	if err := s.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(store.NewPoolCollector(s))
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, f := range fams {
		m := f.GetMetric()[0]
		got[f.GetName()] = m.GetGauge().GetValue() + m.GetCounter().GetValue()
		if strings.HasSuffix(f.GetName(), "_total") != (f.GetType().String() == "COUNTER") {
			t.Errorf("%s is a %s: counters, and only they, end in _total", f.GetName(), f.GetType())
		}
	}
	if len(got) != 13 || got["dedupe_db_pool_max_conns"] != 7 || got["dedupe_db_pool_acquires_total"] < 1 || got["dedupe_db_pool_conns"] < 1 {
		t.Fatalf("pool series = %v", got)
	}
}
