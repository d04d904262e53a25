package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"dedupe/internal/redistest"
	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// gate holds the first transaction a batcher runs until it is opened, so
// that the bookings submitted meanwhile wait together.
type gate struct {
	open  chan struct{}
	once  sync.Once
	first chan struct{} // closed when the first transaction waits at the gate
}

func newGate() *gate { return &gate{open: make(chan struct{}), first: make(chan struct{})} }

func (g *gate) wrap(ingest func(context.Context, []store.Ingest) []store.IngestResult) func(context.Context, []store.Ingest) []store.IngestResult {
	return func(ctx context.Context, ins []store.Ingest) []store.IngestResult {
		held := false
		g.once.Do(func() { held = true })
		if held {
			close(g.first)
			<-g.open
		}
		return ingest(ctx, ins)
	}
}

// waiting returns how many bookings of the tenant wait for a transaction.
func (b *batcher) waiting(tenantID string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	if q := b.tenants[tenantID]; q != nil {
		return len(q.waiting)
	}
	return 0
}

// mustWaiting waits until n bookings of the tenant wait.
func mustWaiting(t *testing.T, b *batcher, tenantID string, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for b.waiting(tenantID) != n {
		if time.Now().After(deadline) {
			t.Fatalf("%d bookings wait, want %d", b.waiting(tenantID), n)
		}
		time.Sleep(time.Millisecond)
	}
}

// mustForgetTenants waits until the batcher keeps no tenant: its last
// transaction's loop forgets the tenant just after it answers the
// bookings, so the answers may come first.
func mustForgetTenants(t *testing.T, b *batcher) {
	t.Helper()
	kept := func() int {
		b.mu.Lock()
		defer b.mu.Unlock()
		return len(b.tenants)
	}
	deadline := time.Now().Add(10 * time.Second)
	for kept() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("the batcher keeps %d tenants after the work", kept())
		}
		time.Sleep(time.Millisecond)
	}
}

// testWorker is a worker, not started, on a fresh database with one
// tenant, and a Redis of its own.
type testWorker struct {
	*Worker
	store  *store.Store
	tenant store.Tenant
	redis  asynq.RedisClientOpt
}

// newTestWorker makes a testWorker; cfg gives the rest of its configuration.
func newTestWorker(t *testing.T, cfg Config) testWorker {
	t.Helper()
	tw := testWorker{store: storetest.MustOpen(t, store.Config{})}
	tw.tenant = storetest.MustTenant(t, tw.store, "salon", "FR")
	tw.redis = asynq.RedisClientOpt{Addr: redistest.MustStart(t, redistest.Options{}).Addr()}
	cfg.Store, cfg.Redis, cfg.Logger = tw.store, tw.redis, slog.New(slog.DiscardHandler)
	w, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.client.Close() })
	tw.Worker = w
	return tw
}

// newGatedWorker is a testWorker that runs one transaction of a tenant at
// a time, the first of them held at the gate it returns.
func newGatedWorker(t *testing.T) (testWorker, *gate) {
	t.Helper()
	tw := newTestWorker(t, Config{TenantTransactions: 1})
	g := newGate()
	tw.batch.ingest = g.wrap(tw.batch.ingest)
	return tw, g
}

func ingestOf(tenantID, externalID string, c matcher.Customer) store.Ingest {
	return store.Ingest{IngestionID: IngestionID(tenantID, "booking_widget", externalID), TenantID: tenantID,
		Kind: store.KindBooking, Source: "booking_widget", ExternalID: externalID, Customer: c, AcceptedAt: time.Now()}
}

func newSizeHistogram() prometheus.Histogram {
	return prometheus.NewHistogram(prometheus.HistogramOpts{Name: "dedupe_ingest_batch_size", Buckets: []float64{1, 2, 4, 8, 16, 32}})
}

func newTookHistogram() prometheus.Histogram {
	return prometheus.NewHistogram(prometheus.HistogramOpts{Name: "dedupe_ingest_transaction_seconds"})
}

func TestBatcher(t *testing.T) {
	ctx := context.Background()

	t.Run("WaitingBookingsShareATransaction", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		g := newGate()
		size := newSizeHistogram()
		b := newBatcher(g.wrap(s.IngestBatch), 32, 1, size, newTookHistogram())
		var wg sync.WaitGroup
		results := make([]store.Ingestion, 20)
		errs := make([]error, 20)
		submit := func(i int) {
			wg.Go(func() {
				c := matcher.Customer{FirstName: "Camille", Email: fmt.Sprintf("camille.%d@example.fr", i%2)}
				results[i], errs[i] = b.submit(ctx, ingestOf(tn.ID, fmt.Sprintf("bk-%d", i), c))
			})
		}
		submit(0)
		<-g.first // the first booking's transaction runs (held), alone
		for i := 1; i < 20; i++ {
			submit(i)
		}
		mustWaiting(t, b, tn.ID, 19)
		close(g.open)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("booking %d: %v", i, err)
			}
		}
		var count int
		if err := s.Pool().QueryRow(ctx, `SELECT count(*) FROM profiles WHERE tenant_id = $1`, tn.ID).Scan(&count); err != nil || count != 2 {
			t.Fatalf("%d profiles, %v; want 2", count, err)
		}
		if err := s.Pool().QueryRow(ctx, `SELECT count(DISTINCT xmin::text) FROM ingestions WHERE tenant_id = $1`, tn.ID).Scan(&count); err != nil || count != 2 {
			t.Fatalf("the 20 bookings took %d transactions, %v; want 2 (1, then the 19 that waited)", count, err)
		}
		wantSizes(t, size, 2, 20)
		mustForgetTenants(t, b)
	})

	t.Run("TrickleGoesAlone", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		size := newSizeHistogram()
		b := newBatcher(s.IngestBatch, 32, 2, size, newTookHistogram())
		for i := range 3 {
			if _, err := b.submit(ctx, ingestOf(tn.ID, fmt.Sprintf("bk-%d", i), matcher.Customer{FirstName: "Léa", Email: "lea@example.fr"})); err != nil {
				t.Fatal(err)
			}
		}
		wantSizes(t, size, 3, 3)
	})

	t.Run("MaxBatch", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		g := newGate()
		size := newSizeHistogram()
		b := newBatcher(g.wrap(s.IngestBatch), 4, 1, size, newTookHistogram())
		var wg sync.WaitGroup
		submit := func(i int) {
			wg.Go(func() {
				if _, err := b.submit(ctx, ingestOf(tn.ID, fmt.Sprintf("bk-%d", i), matcher.Customer{FirstName: "Jo", Email: fmt.Sprintf("jo.%d@example.fr", i)})); err != nil {
					t.Error(err)
				}
			})
		}
		submit(0)
		<-g.first
		for i := 1; i < 10; i++ {
			submit(i)
		}
		mustWaiting(t, b, tn.ID, 9)
		close(g.open)
		wg.Wait()
		wantSizes(t, size, 4, 10) // 1, 4, 4, 1
	})
}

// gathered returns what a histogram holds.
func gathered(t *testing.T, h prometheus.Histogram) *dto.Histogram {
	t.Helper()
	reg := prometheus.NewRegistry()
	reg.MustRegister(h)
	mf, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	return mf[0].GetMetric()[0].GetHistogram()
}

// wantSizes checks the batch size histogram: transactions and bookings.
func wantSizes(t *testing.T, h prometheus.Histogram, transactions uint64, bookings float64) {
	t.Helper()
	got := gathered(t, h)
	if got.GetSampleCount() != transactions || got.GetSampleSum() != bookings {
		t.Fatalf("dedupe_ingest_batch_size: %d transactions of %v bookings, want %d of %v",
			got.GetSampleCount(), got.GetSampleSum(), transactions, bookings)
	}
}

// TestHandleIngestBatched runs ingest tasks through the handler while they
// wait together: one PostgreSQL refuses fails alone, archived with its
// reason, and its neighbours are recorded.
func TestHandleIngestBatched(t *testing.T) {
	ctx := context.Background()
	tw, g := newGatedWorker(t)
	w, s, tn := tw.Worker, tw.store, tw.tenant

	ins := []store.Ingest{
		ingestOf(tn.ID, "bk-0", matcher.Customer{FirstName: "Jo", Email: "jo@example.fr"}),
		ingestOf(tn.ID, "bk-1", matcher.Customer{FirstName: "Camille", Email: "camille@example.fr"}),
		ingestOf(tn.ID, "bk-bad", matcher.Customer{FirstName: "Camille", Email: "camille@example.fr"}),
		ingestOf(tn.ID, "bk-3", matcher.Customer{FirstName: "Camille", Mobile: "06 12 34 56 78", Email: "camille@example.fr"}),
		ingestOf(tn.ID, "bk-4", matcher.Customer{FirstName: "Léa", Email: "lea@example.fr"}),
	}
	ins[2].Details = json.RawMessage(`{"service": "Co\u0000upe"}`) // jsonb refuses a NUL
	errs := make([]error, len(ins))
	var wg sync.WaitGroup
	handle := func(i int) {
		task, err := NewIngestTask(ins[i])
		if err != nil {
			t.Fatal(err)
		}
		wg.Go(func() { errs[i] = w.HandleIngest(ctx, task) })
	}
	handle(0)
	<-g.first
	for i := 1; i < len(ins); i++ {
		handle(i)
	}
	mustWaiting(t, w.batch, tn.ID, len(ins)-1)
	close(g.open)
	wg.Wait()

	if !errors.Is(errs[2], asynq.SkipRetry) {
		t.Fatalf("bad booking's task = %v; want archived", errs[2])
	}
	bad, err := s.Ingestion(ctx, tn.ID, ins[2].IngestionID)
	if err != nil || bad.Status != store.StatusFailed || !strings.Contains(bad.Reason, "SQLSTATE 22") {
		t.Fatalf("bad booking's ingestion = %+v, %v; want failed with the SQLSTATE", bad, err)
	}
	var camille string
	for i, in := range ins {
		if i == 2 {
			continue
		}
		if errs[i] != nil {
			t.Fatalf("booking %s: %v", in.ExternalID, errs[i])
		}
		ing, err := s.Ingestion(ctx, tn.ID, in.IngestionID)
		if err != nil || ing.Status != store.StatusDone {
			t.Fatalf("booking %s = %+v, %v; want done", in.ExternalID, ing, err)
		}
		if in.Customer.FirstName == "Camille" {
			if camille != "" && *ing.ProfileID != camille {
				t.Fatalf("Camille's bookings on %s and %s, want one profile", camille, *ing.ProfileID)
			}
			camille = *ing.ProfileID
		}
	}
}
