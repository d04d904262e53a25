package worker

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"dedupe/store"
)

// batcher is the worker's group commit. Each ingest handler hands its
// booking to submit and waits; the bookings of one tenant that wait at the
// same time are recorded by one transaction (store.IngestBatch), and each
// handler is answered after its commit.
//
// Nothing waits for a batch to fill: a booking that finds fewer than
// parallel transactions of its tenant running starts one at once, alone
// if it is alone (a trickle pays what one booking costs). Under load the
// running transactions hold the tenant's slots, the bookings that arrive
// meanwhile wait for one to end, and the next transaction takes all of
// them (up to max). So batches grow with the load, bounded by the
// worker's concurrency, which bounds the handlers that can wait.
type batcher struct {
	ingest   func(context.Context, []store.Ingest) []store.IngestResult
	max      int // bookings per transaction
	parallel int // transactions of one tenant at once
	size     prometheus.Histogram
	took     prometheus.Histogram // seconds a transaction took, from its start to its end

	mu      sync.Mutex
	tenants map[string]*tenantQueue // the tenants with a transaction running
}

// tenantQueue is one tenant's waiting bookings and running transactions.
type tenantQueue struct {
	waiting []*batchRequest
	running int
}

// batchRequest is one handler's booking and the channel of its answer.
type batchRequest struct {
	ctx  context.Context
	in   store.Ingest
	done chan store.IngestResult
}

func newBatcher(ingest func(context.Context, []store.Ingest) []store.IngestResult, max, parallel int,
	size, took prometheus.Histogram) *batcher {
	return &batcher{ingest: ingest, max: max, parallel: parallel, size: size, took: took, tenants: map[string]*tenantQueue{}}
}

// submit records a booking in the next transaction of its tenant and
// returns its result once that transaction has ended. When ctx ends first
// it returns ctx's error; the booking may still be recorded, which its
// retry then finds (its replay).
func (b *batcher) submit(ctx context.Context, in store.Ingest) (store.Ingestion, error) {
	r := &batchRequest{ctx: ctx, in: in, done: make(chan store.IngestResult, 1)}
	b.mu.Lock()
	q := b.tenants[in.TenantID]
	if q == nil {
		q = &tenantQueue{}
		b.tenants[in.TenantID] = q
	}
	q.waiting = append(q.waiting, r)
	start := q.running < b.parallel
	if start {
		q.running++
	}
	b.mu.Unlock()
	if start {
		go b.run(in.TenantID, q)
	}
	select {
	case res := <-r.done:
		return res.Ingestion, res.Err
	case <-ctx.Done():
		return store.Ingestion{}, ctx.Err()
	}
}

// run runs transactions of the tenant's waiting bookings until none wait.
func (b *batcher) run(tenantID string, q *tenantQueue) {
	for {
		b.mu.Lock()
		if len(q.waiting) == 0 {
			q.running--
			if q.running == 0 {
				delete(b.tenants, tenantID)
			}
			b.mu.Unlock()
			return
		}
		n := min(len(q.waiting), b.max)
		batch := make([]*batchRequest, n)
		copy(batch, q.waiting)
		q.waiting = append(q.waiting[:0], q.waiting[n:]...)
		b.mu.Unlock()
		b.process(batch)
	}
}

// process records a batch and answers its handlers. The bookings whose
// handler has gone (its task cancelled) are left out; the transaction is
// cancelled only when every handler of the batch has gone.
func (b *batcher) process(batch []*batchRequest) {
	live := batch[:0]
	for _, r := range batch {
		if err := r.ctx.Err(); err != nil {
			r.done <- store.IngestResult{Err: err}
			continue
		}
		live = append(live, r)
	}
	if len(live) == 0 {
		return
	}
	ctx, cancel := context.WithCancel(context.WithoutCancel(live[0].ctx))
	defer cancel()
	var left atomic.Int32
	left.Store(int32(len(live)))
	ins := make([]store.Ingest, len(live))
	for i, r := range live {
		ins[i] = r.in
		stop := context.AfterFunc(r.ctx, func() {
			if left.Add(-1) == 0 {
				cancel()
			}
		})
		defer stop()
	}
	b.size.Observe(float64(len(live)))
	start := time.Now()
	res := b.ingest(ctx, ins)
	b.took.Observe(time.Since(start).Seconds())
	for i, r := range live {
		r.done <- res[i]
	}
}
