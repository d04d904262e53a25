package worker

import (
	"context"
	"slices"
	"sync"
	"time"
)

// fuzzyQueue gathers the profiles the worker's bookings create, or give a
// blocking key they did not have (store.Ingestion.SearchAgain), and queues
// their fuzzy searches several to a task, so that under load a search
// costs one statement's share and one task's share, not a task of its own
// (asynq's per-task protocol costs about what the search does).
//
// Nothing waits while the worker is idle: when the last booking being
// processed ends, everything gathered is queued at once, so a trickle of
// bookings queues one search per task, as soon as each is committed.
// While bookings overlap, a tenant's profiles are queued when max have
// gathered, or wait after the first of them, whichever comes first.
//
// What is gathered and not yet queued is lost if the process is killed
// (never on Shutdown, which queues it): at most wait's worth of searches,
// which `dedupe scan` finds again, as it does those of a failed enqueue.
type fuzzyQueue struct {
	enqueue func(ctx context.Context, tenantID string, profileIDs []string)
	max     int
	wait    time.Duration

	mu      sync.Mutex
	busy    int                 // bookings being processed
	pending map[string][]string // tenant → profiles gathered
	timer   *time.Timer         // queues everything after wait; nil when nothing waits
}

func newFuzzyQueue(max int, wait time.Duration, enqueue func(ctx context.Context, tenantID string, profileIDs []string)) *fuzzyQueue {
	return &fuzzyQueue{enqueue: enqueue, max: max, wait: wait, pending: map[string][]string{}}
}

// begin says a booking is being processed.
func (q *fuzzyQueue) begin() {
	q.mu.Lock()
	q.busy++
	q.mu.Unlock()
}

// end says a booking's processing ended, having created or newly keyed
// profileID ("" for none) in tenantID. A profile gathered already is not
// gathered twice.
func (q *fuzzyQueue) end(tenantID, profileID string) {
	q.mu.Lock()
	q.busy--
	var ready map[string][]string
	if profileID != "" && !slices.Contains(q.pending[tenantID], profileID) {
		ids := append(q.pending[tenantID], profileID)
		q.pending[tenantID] = ids
		if len(ids) >= q.max {
			ready = map[string][]string{tenantID: ids}
			delete(q.pending, tenantID)
		}
	}
	switch {
	case q.busy == 0:
		ready = q.takeAll(ready)
	case len(q.pending) > 0 && q.timer == nil:
		q.timer = time.AfterFunc(q.wait, q.flush)
	}
	q.mu.Unlock()
	q.send(ready)
}

// flush queues everything gathered.
func (q *fuzzyQueue) flush() {
	q.mu.Lock()
	ready := q.takeAll(nil)
	q.mu.Unlock()
	q.send(ready)
}

// takeAll moves everything gathered into ready and stops the timer. q.mu
// is held.
func (q *fuzzyQueue) takeAll(ready map[string][]string) map[string][]string {
	if q.timer != nil {
		q.timer.Stop()
		q.timer = nil
	}
	if len(q.pending) == 0 {
		return ready
	}
	if ready == nil {
		ready = make(map[string][]string, len(q.pending))
	}
	for t, ids := range q.pending {
		ready[t] = append(ready[t], ids...)
	}
	clear(q.pending)
	return ready
}

func (q *fuzzyQueue) send(ready map[string][]string) {
	for tenantID, ids := range ready {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		q.enqueue(ctx, tenantID, ids)
		cancel()
	}
}
