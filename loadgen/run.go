package loadgen

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5/pgxpool"

	"dedupe/store"
	"dedupe/worker"
)

// result is what became of one request.
//
// It keeps only what the report reads, not the booking sent: a soak holds
// hundreds of thousands of them, and the customers and details they would
// keep alive made each of the load generator's garbage collections a burst
// of a whole CPU, taken from the service under test on a shared machine
// (docs/performance.md section 27).
type result struct {
	tenant   int           // index into the run's tenants
	person   int           // who made it: the truth
	kind     string        // booking or sale
	id       string        // the ingestion id
	ok       bool          // accepted (ModeHTTP: 202; ModeQueue: enqueued; ModeStore: committed)
	code     string        // why not, when not ok: an HTTP status or "error"
	sendTime time.Duration // request round trip (ModeStore: the whole transaction)
}

// runner holds one run's connections and counters.
type runner struct {
	cfg   Config
	runID string
	st    *store.Store
	db    *pgxpool.Pool
	queue *worker.Client
	insp  *asynq.Inspector
	http  *http.Client

	tenants []Tenant
	created []Tenant // the tenants to delete on cleanup

	sent, accepted, failed, retries atomic.Int64
	firstError                      atomic.Pointer[string] // why the first request refused for good was
	baseProcessed                   int                    // the ingest queue's processed total at the start
}

// Run sends the load, waits for the queue to drain, reads the outcome
// back and returns the report. It stops by itself after Count requests or
// Duration, or when ctx ends (the report then covers what was sent).
func Run(ctx context.Context, cfg Config) (*Report, error) {
	cfg.setDefaults()
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("loadgen: %w", err)
	}
	r := &runner{cfg: cfg, runID: cfg.RunID}
	if r.runID == "" {
		b := make([]byte, 4)
		rand.Read(b)
		r.runID = hex.EncodeToString(b)
	}
	defer r.close()
	if err := r.open(ctx); err != nil {
		return nil, fmt.Errorf("loadgen: %w", err)
	}
	if err := r.setUp(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("loadgen: set up: %w", err), r.cleanUp(context.WithoutCancel(ctx), nil))
	}
	if cfg.Prepare != nil {
		if err := cfg.Prepare(ctx, r.tenants); err != nil {
			return nil, errors.Join(fmt.Errorf("loadgen: prepare: %w", err), r.cleanUp(context.WithoutCancel(ctx), nil))
		}
	}

	// Sending stops when ctx ends; the drain and the read-back go on, so
	// an interrupted run still reports what it sent.
	started := time.Now()
	results, sendEnd := r.send(ctx)
	rctx := context.WithoutCancel(ctx)
	drained, fuzzyLeft := r.drain(ctx, rctx)
	rep, err := r.report(rctx, results, started, sendEnd)
	if err != nil {
		return nil, fmt.Errorf("loadgen: %w", err)
	}
	rep.Drained, rep.FuzzyPending = drained, fuzzyLeft
	if cfg.Cleanup {
		if err := r.cleanUp(rctx, rep.missing); err != nil {
			return rep, fmt.Errorf("loadgen: cleanup: %w", err)
		}
		rep.CleanedUp = true
	}
	return rep, nil
}

func (r *runner) open(ctx context.Context) error {
	var err error
	r.st, err = store.Open(ctx, store.Config{URL: r.cfg.DatabaseURL, MaxConns: int32(r.cfg.Concurrency + 2)})
	if err != nil {
		return err
	}
	if err := r.st.Ping(ctx); err != nil {
		return err
	}
	if r.db, err = pgxpool.New(ctx, r.cfg.DatabaseURL); err != nil {
		return err
	}
	if r.cfg.Redis != nil {
		r.insp = asynq.NewInspector(r.cfg.Redis)
		info, err := r.queueInfo(worker.QueueIngest)
		if err != nil {
			return fmt.Errorf("redis: %w", err)
		}
		r.baseProcessed = info.ProcessedTotal
	}
	if r.cfg.Mode == ModeQueue {
		r.queue = worker.NewClient(r.cfg.Redis)
	}
	r.http = r.cfg.HTTPClient
	if r.http == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = r.cfg.Concurrency
		r.http = &http.Client{Transport: tr, Timeout: 30 * time.Second}
	}
	return nil
}

func (r *runner) close() {
	if r.queue != nil {
		r.queue.Close()
	}
	if r.insp != nil {
		r.insp.Close()
	}
	if r.db != nil {
		r.db.Close()
	}
	if r.st != nil {
		r.st.Close()
	}
	if r.cfg.HTTPClient == nil && r.http != nil {
		r.http.CloseIdleConnections()
	}
}

// setUp creates the run's tenants and their tokens, unless it was given
// existing ones.
func (r *runner) setUp(ctx context.Context) error {
	if len(r.cfg.Existing) > 0 {
		r.tenants = r.cfg.Existing
		return nil
	}
	for i := range r.cfg.Tenants {
		slug := fmt.Sprintf("loadgen-%s-%d", r.runID, i+1)
		t, err := r.st.CreateTenant(ctx, slug, Region)
		if err != nil {
			return err
		}
		tn := Tenant{ID: t.ID, Slug: slug}
		r.created = append(r.created, tn)
		if tn.Token, _, err = r.st.CreateToken(ctx, slug, "loadgen", []string{store.ScopeIngest, store.ScopeRead}); err != nil {
			return err
		}
		r.tenants = append(r.tenants, tn)
	}
	return nil
}

// pacingTick is the shortest sleep of a paced run: the bookings that fall
// due meanwhile are sent together on waking. A sleep per booking cost the
// load generator three times the CPU of an unpaced run (0.47 against
// 0.15 ms a booking at 500/s), CPU the service under test then lacked.
const pacingTick = 5 * time.Millisecond

// send paces the requests and sends them with Concurrency senders. It
// returns every result and when the last request ended.
func (r *runner) send(ctx context.Context) ([]result, time.Time) {
	gen := newGenerator(&r.cfg, r.runID, time.Now())
	jobs := make(chan booking, r.cfg.Concurrency)
	start := time.Now()
	produced := make(chan struct{})
	full := r.watchQueue(ctx, produced)
	go func() {
		defer close(produced)
		defer close(jobs)
		for seq := 0; r.cfg.Count == 0 || seq < r.cfg.Count; seq++ {
			if r.cfg.Duration > 0 && time.Since(start) >= r.cfg.Duration {
				return
			}
			for full.Load() && ctx.Err() == nil && (r.cfg.Duration == 0 || time.Since(start) < r.cfg.Duration) {
				time.Sleep(5 * time.Millisecond)
			}
			if r.cfg.Rate > 0 {
				due := start.Add(time.Duration(float64(seq) / r.cfg.Rate * float64(time.Second)))
				if wait := time.Until(due); wait > 0 {
					select {
					case <-time.After(max(wait, pacingTick)):
					case <-ctx.Done():
						return
					}
				}
			}
			select {
			case jobs <- gen.next(seq):
			case <-ctx.Done():
				return
			}
		}
	}()

	stop := make(chan struct{})
	var progress sync.WaitGroup
	progress.Go(func() { r.showProgress(start, "send", stop) })

	var mu sync.Mutex
	var all []result
	var wg sync.WaitGroup
	for range r.cfg.Concurrency {
		wg.Go(func() {
			var mine []result
			for b := range jobs {
				mine = append(mine, r.sendOne(ctx, b))
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	end := time.Now()
	close(stop)
	progress.Wait()
	return all, end
}

// watchQueue reports, until done is closed, whether the ingest queue holds
// more than MaxQueue tasks (see Config.MaxQueue); it never does without
// MaxQueue. It asks four times a second: asynq's queue statistics cost
// Redis a script and a few MEMORY USAGE calls, charged to the run.
func (r *runner) watchQueue(ctx context.Context, done <-chan struct{}) *atomic.Bool {
	full := &atomic.Bool{}
	if r.cfg.MaxQueue == 0 {
		return full
	}
	go func() {
		for {
			if q := r.queueState(worker.QueueIngest); q.known {
				full.Store(q.waiting > r.cfg.MaxQueue)
			}
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-time.After(250 * time.Millisecond):
			}
		}
	}()
	return full
}

// sendOne sends one request, retrying what a widget would retry: a
// transport error, 429 and 503 (nothing was accepted), three times.
func (r *runner) sendOne(ctx context.Context, b booking) result {
	r.sent.Add(1)
	t := r.tenants[b.tenant]
	res := result{tenant: b.tenant, person: b.person, kind: b.kind, id: worker.IngestionID(t.ID, b.source, b.external)}
	start := time.Now()
	var lastErr error
	for attempt := 0; ; attempt++ {
		code, err := r.deliver(ctx, t, b, res.id)
		if err == nil {
			res.ok = true
			break
		}
		res.code, lastErr = code, err
		if !(code == "error" || code == "429" || code == "503") || attempt == 3 || ctx.Err() != nil {
			break
		}
		r.retries.Add(1)
		time.Sleep(time.Duration(100<<attempt) * time.Millisecond)
	}
	res.sendTime = time.Since(start)
	if res.ok {
		r.accepted.Add(1)
	} else {
		r.failed.Add(1)
		why := lastErr.Error()
		r.firstError.CompareAndSwap(nil, &why)
	}
	if r.cfg.OnSent != nil {
		r.cfg.OnSent(Sent{Tenant: b.tenant, Person: b.person, ExternalID: b.external, IngestionID: res.id,
			Kind: b.kind, Accepted: res.ok, Code: res.code, Customer: b.customer})
	}
	return res
}

// deliver makes one attempt; on failure it returns a short code: the HTTP
// status, or "error".
func (r *runner) deliver(ctx context.Context, t Tenant, b booking, wantID string) (string, error) {
	switch r.cfg.Mode {
	case ModeQueue:
		if err := r.queue.Enqueue(ctx, b.ingest(t.ID, time.Now())); err != nil {
			return "error", err
		}
		return "", nil
	case ModeStore:
		if _, err := r.st.Ingest(ctx, b.ingest(t.ID, time.Now())); err != nil {
			return "error", err
		}
		return "", nil
	}
	body, err := b.body()
	if err != nil {
		return "error", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(r.cfg.URL, "/")+b.path(), bytes.NewReader(body))
	if err != nil {
		return "error", err
	}
	req.Header.Set("Authorization", "Bearer "+t.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := r.http.Do(req)
	if err != nil {
		return "error", err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode != http.StatusAccepted {
		return strconv.Itoa(resp.StatusCode), fmt.Errorf("%s: %s", resp.Status, data)
	}
	var a struct {
		IngestionID string `json:"ingestion_id"`
	}
	if err := json.Unmarshal(data, &a); err != nil || a.IngestionID != wantID {
		return "bad_answer", fmt.Errorf("202 with ingestion id %q, want %q", a.IngestionID, wantID)
	}
	return "", nil
}

// queueState is the ingest queue as the progress line shows it.
type queueState struct {
	known     bool
	waiting   int // pending, active, scheduled and waiting to retry
	lag       time.Duration
	processed int // since the run started
	paused    bool
}

func (r *runner) queueState(queue string) queueState {
	if r.insp == nil {
		return queueState{}
	}
	info, err := r.queueInfo(queue)
	if err != nil {
		return queueState{}
	}
	return queueState{known: true, waiting: info.Pending + info.Active + info.Scheduled + info.Retry,
		lag: info.Latency, processed: info.ProcessedTotal - r.baseProcessed, paused: info.Paused}
}

// queueInfo reads a queue's statistics; a queue Redis has never seen (no
// task was ever queued there) is empty.
func (r *runner) queueInfo(queue string) (*asynq.QueueInfo, error) {
	info, err := r.insp.GetQueueInfo(queue)
	if err == nil {
		return info, nil
	}
	// asynq's "queue not found" is not an exported error: ask for the
	// list of queues to tell it from Redis being down.
	queues, qerr := r.insp.Queues()
	if qerr == nil && !slices.Contains(queues, queue) {
		return &asynq.QueueInfo{Queue: queue}, nil
	}
	return nil, err
}

// showProgress prints a line every interval until stop is closed.
func (r *runner) showProgress(start time.Time, phase string, stop <-chan struct{}) {
	if r.cfg.Progress == nil {
		return
	}
	tick := time.NewTicker(r.cfg.ProgressInterval)
	defer tick.Stop()
	var lastSent, lastProcessed int64
	last := start
	for {
		select {
		case <-stop:
			return
		case now := <-tick.C:
			secs := now.Sub(last).Seconds()
			last = now
			sent := r.accepted.Load()
			line := fmt.Sprintf("loadgen %s %5.0fs  sent %d (%.0f/s)  errors %d", phase, now.Sub(start).Seconds(),
				sent, float64(sent-lastSent)/secs, r.failed.Load())
			lastSent = sent
			if q := r.queueState(worker.QueueIngest); q.known {
				line += fmt.Sprintf("  queue %d, lag %s  processed %d (%.0f/s)", q.waiting, q.lag.Round(time.Millisecond),
					q.processed, float64(int64(q.processed)-lastProcessed)/secs)
				lastProcessed = int64(q.processed)
			}
			fmt.Fprintln(r.cfg.Progress, line)
		}
	}
}

// drain waits, at most DrainTimeout, until every accepted request has its
// ingestion row, then (within the same bound) until the fuzzy queue is
// empty, so the review candidates are counted whole (the fuzzy searches
// of other tenants count too: asynq has one queue for all). It returns whether
// the ingestions all arrived and how many fuzzy tasks still wait. An
// interrupt (ctx) ends the wait early.
func (r *runner) drain(ctx, rctx context.Context) (bool, int) {
	want := r.accepted.Load()
	if r.cfg.Mode == ModeStore {
		return true, 0
	}
	deadline := time.Now().Add(r.cfg.DrainTimeout)
	stop := make(chan struct{})
	var progress sync.WaitGroup
	progress.Go(func() { r.showProgress(time.Now(), "drain", stop) })
	defer func() { close(stop); progress.Wait() }()

	// Twice a second: asynq's queue statistics cost Redis a few dozen
	// commands, and the count reads PostgreSQL.
	wait := func(done func() bool) bool {
		for {
			if done() {
				return true
			}
			if time.Now().After(deadline) || ctx.Err() != nil {
				return false
			}
			time.Sleep(500 * time.Millisecond)
		}
	}
	drained := wait(func() bool {
		if q := r.queueState(worker.QueueIngest); q.known && q.waiting > 0 {
			return false
		}
		n, err := r.countIngestions(rctx)
		return err == nil && n >= want
	})
	fuzzyLeft := 0
	wait(func() bool {
		q := r.queueState(worker.QueueFuzzy)
		fuzzyLeft = q.waiting
		// A paused fuzzy queue (a benchmark measuring ingestion alone)
		// will not drain: report what waits.
		return q.waiting == 0 || q.paused || r.cfg.NoFuzzyWait
	})
	return drained, fuzzyLeft
}

// countIngestions counts the run's ingestion rows.
func (r *runner) countIngestions(ctx context.Context) (int64, error) {
	var n int64
	for _, t := range r.tenants {
		var c int64
		err := r.db.QueryRow(ctx, `SELECT count(*) FROM ingestions WHERE tenant_id = $1 AND external_id LIKE $2`,
			t.ID, "lg-"+r.runID+"-%").Scan(&c)
		if err != nil {
			return 0, err
		}
		n += c
	}
	return n, nil
}

// cleanUp deletes the tenants the run created, and the tasks of the
// ingestions still missing (a drain that timed out), so the worker does
// not retry them against a deleted tenant.
func (r *runner) cleanUp(ctx context.Context, missing []string) error {
	if r.insp != nil {
		for _, id := range missing {
			_ = r.insp.DeleteTask(worker.QueueIngest, id) // it may have finished meanwhile
		}
	}
	var errs []error
	for _, t := range r.created {
		if err := r.st.DeleteTenant(ctx, t.ID); err != nil && !errors.Is(err, store.ErrNotFound) {
			errs = append(errs, fmt.Errorf("tenant %s: %w", t.Slug, err))
		}
	}
	return errors.Join(errs...)
}
