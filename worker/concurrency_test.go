package worker

import (
	"context"
	"fmt"
	"testing"
	"time"

	"dedupe/matcher"
	"dedupe/store"
)

// The bookings queued while a tenant's transaction stalls are taken from
// Redis meanwhile and recorded together once it ends: at the default
// concurrency, as many as the default batch holds wait in the batcher,
// not in Redis to come out one at a time (DefaultConcurrency). The time
// each transaction took is measured.
func TestStalledBookingsCommitTogether(t *testing.T) {
	ctx := context.Background()
	tw, g := newGatedWorker(t)
	w, s, tn := tw.Worker, tw.store, tw.tenant
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Shutdown)
	client := NewClient(tw.redis)
	t.Cleanup(func() { client.Close() })

	const stalled = 24 // a batch of the default MaxBatch, and more than a concurrency of 10 could hold
	ins := make([]store.Ingest, stalled+1)
	for i := range ins {
		ins[i] = ingestOf(tn.ID, fmt.Sprintf("bk-%d", i), matcher.Customer{FirstName: "Léa", Email: fmt.Sprintf("lea%d@example.fr", i)})
		if err := client.Enqueue(ctx, ins[i]); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			<-g.first // the first transaction stalls
		}
	}
	mustWaiting(t, w.batch, tn.ID, stalled)
	const held = 100 * time.Millisecond
	time.Sleep(held)
	close(g.open)

	deadline := time.Now().Add(20 * time.Second)
	for _, in := range ins {
		for {
			ing, err := s.Ingestion(ctx, tn.ID, in.IngestionID)
			if err == nil && ing.Status == store.StatusDone {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("booking %s = %+v, %v; want done", in.ExternalID, ing, err)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	wantSizes(t, w.metrics.batchSize, 2, stalled+1)
	// The stalled transaction's time is in dedupe_ingest_transaction_seconds.
	if took := gathered(t, w.metrics.batchTook); took.GetSampleCount() != 2 || took.GetSampleSum() < held.Seconds() {
		t.Fatalf("dedupe_ingest_transaction_seconds: %d transactions of %.3f s in all, want 2 of at least %v",
			took.GetSampleCount(), took.GetSampleSum(), held)
	}
}
