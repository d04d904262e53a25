package worker

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"

	"dedupe/store"
)

// Config configures a Worker.
type Config struct {
	Store *store.Store
	Redis asynq.RedisConnOpt
	// Concurrency is the number of bookings and sales processed at once.
	// Default DefaultConcurrency.
	Concurrency int
	// MaxBatch is the most bookings and sales of one tenant recorded by
	// one transaction: those that wait while the tenant's transactions
	// run are recorded together, a group commit (batcher). Nothing waits
	// for a batch to fill. Default DefaultMaxBatch; 1 records each in a
	// transaction of its own.
	MaxBatch int
	// TenantTransactions is how many ingest transactions of one tenant
	// run at once. Default 2: one commits while the next forms.
	TenantTransactions int
	// FuzzyConcurrency is the number of fuzzy searches run at once, by a
	// server of their own so that they never hold the slots bookings need
	// (one search costs many bookings' worth of database time). Default 1.
	// That server has one slot more, so that a training (HandleTrain),
	// which may take a minute beside the bookings, never holds the
	// searches back: they would pile up behind it, then run all at once.
	FuzzyConcurrency int
	// FuzzyBatch is the most new profiles one fuzzy task searches for:
	// while bookings overlap, the profiles they create are gathered
	// (fuzzyQueue) and searched together. Default 64; 1 queues a task
	// per profile.
	FuzzyBatch int
	// RetrainAfter is how old a tenant's fuzzy model may grow before a
	// fuzzy search queues its training again. Default 7 days; a model
	// trained on fewer than 100,000 profiles a day, or once its file has
	// doubled, and a tenant without a model once its file reaches 1,000
	// profiles (store.FuzzyModelStale).
	RetrainAfter time.Duration
	// TaskCheckInterval is how long an idle worker waits before looking
	// for work again (DefaultTaskCheckInterval).
	TaskCheckInterval time.Duration
	// ShutdownTimeout is how long Shutdown lets active tasks finish before
	// returning them to the queue. Default 25 s.
	ShutdownTimeout time.Duration
	Logger          *slog.Logger
	Registry        prometheus.Registerer
	// MetricsTenants lists the slugs of the tenants whose decisions are
	// counted apart (a tenant label on dedupe_decisions_total; all other
	// tenants count as "other"). Empty, the default: no tenant label.
	MetricsTenants []string
	// Now is the clock for end-to-end latency. Default time.Now.
	Now func() time.Time
	// WebhookConcurrency is the number of webhook deliveries run at once,
	// by a server of their own. Default 2.
	WebhookConcurrency int
	// WebhookAllowPrivate lets deliveries connect to loopback and private
	// addresses (DEDUPE_WEBHOOK_ALLOW_PRIVATE: tests, on-premise set-ups).
	WebhookAllowPrivate bool
	// WebhookRetryBase is the delay before the first retry of a failed
	// delivery (then ×3 each time, capped at 6 h). Default 5 s.
	WebhookRetryBase time.Duration
	// WebhookGiveUp is how long an endpoint may fail before it is
	// disabled. Default 24 h.
	WebhookGiveUp time.Duration
}

func (c *Config) validate() error {
	if c.Store == nil {
		return errors.New("worker: Store is required")
	}
	if c.Redis == nil {
		return errors.New("worker: Redis is required")
	}
	if c.Concurrency < 0 || c.MaxBatch < 0 || c.TenantTransactions < 0 || c.TaskCheckInterval < 0 || c.ShutdownTimeout < 0 || c.WebhookConcurrency < 0 ||
		c.WebhookRetryBase < 0 || c.WebhookGiveUp < 0 || c.FuzzyBatch < 0 {
		return errors.New("worker: concurrencies, intervals and timeouts must not be negative")
	}
	return nil
}

// Worker processes ingest tasks.
type Worker struct {
	store  *store.Store
	batch  *batcher      // records the bookings that wait together
	server *asynq.Server // bookings and sales
	fuzzy  *asynq.Server // fuzzy searches, on their own slots
	hooks  *asynq.Server // webhook deliveries, on their own slots
	// webhooks posts events.
	webhooks *deliverer
	// stopLoops stops the background loops (the webhook sweep, the
	// merging of pending index entries); loops waits for them.
	stopLoops context.CancelFunc
	loops     sync.WaitGroup
	// stopping is closed when Shutdown begins: a webhook delivery task
	// then starts no further delivery (HandleWebhook).
	stopping  <-chan struct{}
	client    *asynq.Client    // enqueues follow-up fuzzy tasks
	inspector *asynq.Inspector // finds an archived task in a webhook's way
	fuzzyq    *fuzzyQueue      // gathers the new profiles' fuzzy searches
	// searching holds a token while a fuzzy search runs: Config.FuzzyConcurrency
	// of them, one fewer than the fuzzy server's slots (see there).
	searching chan struct{}
	// retrainAfter: see Config.RetrainAfter.
	retrainAfter time.Duration
	log          *slog.Logger
	metrics      *metrics
	tenants      *tenantLabels // nil: no tenant label
	now          func() time.Time
	// lag is how long the latest booking waited in the queue; the fuzzy
	// searches yield to the bookings while it is long.
	lag bookingLag
}

// DefaultTaskCheckInterval is how long an idle worker sleeps before it
// polls the ingest queue again: asynq polls, and sleeps from half this to
// one and a half times it when the queue is empty. Every booking that
// arrives while it sleeps waits for it. asynq's default of 1 s would add
// up to 1.5 s to a booking at a trickle; 20 ms added up to 30 ms, most of
// the 50 ms budget at the half rate (docs/performance.md section 16). An
// idle worker polls about 200 times a second, too little for Redis or the
// worker to show in their CPU.
const DefaultTaskCheckInterval = 5 * time.Millisecond

// DefaultConcurrency is how many bookings a worker takes from the queue
// at once. It bounds the group commit's batches too: the bookings that
// wait for a tenant's transaction are handlers holding a slot, and asynq
// takes a task from Redis only into a free slot, one at a time. At 10,
// a batch never held more than 8, and after any stall (a checkpoint, an
// autovacuum pass) the bookings queued meanwhile stayed in Redis and came
// out one round trip at a time, each into a small transaction. At
// DefaultMaxBatch, a whole batch waits in the batcher and is recorded
// together: the booking path's max rose from 726–790 to 926–1,231/s on
// the benchmark's machine (docs/performance.md section 17).
const DefaultConcurrency = DefaultMaxBatch

// DefaultMaxBatch is the most bookings of one tenant one ingest
// transaction records (Config.MaxBatch).
const DefaultMaxBatch = 32

// New makes a Worker; Start runs it.
func New(cfg Config) (*Worker, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	cfg.Concurrency = cmp.Or(cfg.Concurrency, DefaultConcurrency)
	cfg.TaskCheckInterval = cmp.Or(cfg.TaskCheckInterval, DefaultTaskCheckInterval)
	cfg.ShutdownTimeout = cmp.Or(cfg.ShutdownTimeout, 25*time.Second)
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Registry == nil {
		cfg.Registry = prometheus.NewRegistry()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	webhookDefaults(&cfg)
	m, err := newMetrics(cfg.Registry, len(cfg.MetricsTenants) > 0, cfg.Store, cfg.Logger)
	if err != nil {
		return nil, err
	}
	w := &Worker{store: cfg.Store, client: asynq.NewClient(cfg.Redis), inspector: asynq.NewInspector(cfg.Redis), log: cfg.Logger, metrics: m, now: cfg.Now,
		retrainAfter: cmp.Or(cfg.RetrainAfter, 7*24*time.Hour)}
	w.fuzzyq = newFuzzyQueue(cmp.Or(cfg.FuzzyBatch, 64), fuzzyGather, w.enqueueFuzzy)
	w.batch = newBatcher(cfg.Store.IngestBatch, cmp.Or(cfg.MaxBatch, DefaultMaxBatch), cmp.Or(cfg.TenantTransactions, 2), m.batchSize, m.batchTook)
	if len(cfg.MetricsTenants) > 0 {
		w.tenants = newTenantLabels(cfg.MetricsTenants, cfg.Store.TenantSlug)
	}
	server := func(queue string, concurrency int, check time.Duration) *asynq.Server {
		return asynq.NewServer(cfg.Redis, asynq.Config{
			Concurrency:       concurrency,
			Queues:            map[string]int{queue: 1},
			TaskCheckInterval: check,
			RetryDelayFunc:    retryDelay,
			ShutdownTimeout:   cfg.ShutdownTimeout,
			Logger:            asynqLogger{cfg.Logger},
			LogLevel:          asynq.WarnLevel,
			ErrorHandler: asynq.ErrorHandlerFunc(func(ctx context.Context, t *asynq.Task, err error) {
				id, _ := asynq.GetTaskID(ctx)
				cfg.Logger.Warn("task failed", "task_id", id, "request_id", requestID(t.Payload()), "type", t.Type(), "err", err)
			}),
		})
	}
	w.server = server(QueueIngest, cfg.Concurrency, cfg.TaskCheckInterval)
	// Fuzzy searches wait in their own queue and run on their own slots;
	// their latency does not matter, so they poll once a second.
	searches := cmp.Or(cfg.FuzzyConcurrency, 1)
	w.searching = make(chan struct{}, searches)
	w.fuzzy = server(QueueFuzzy, searches+1, time.Second)
	w.hooks = server(QueueWebhooks, cfg.WebhookConcurrency, 100*time.Millisecond)
	w.webhooks = &deliverer{store: cfg.Store, client: newWebhookClient(), allowPrivate: cfg.WebhookAllowPrivate, base: cfg.WebhookRetryBase,
		giveUp: cfg.WebhookGiveUp, now: cfg.Now, metrics: m}
	return w, nil
}

// Start starts processing in the background.
func (w *Worker) Start() error {
	mux := asynq.NewServeMux()
	mux.HandleFunc(TypeIngest, w.HandleIngest)
	mux.HandleFunc(TypeFuzzy, w.HandleFuzzy)
	mux.HandleFunc(TypeTrain, w.HandleTrain)
	mux.HandleFunc(TypeWebhook, w.HandleWebhook)
	// Before the servers start: a task already waiting runs at once, and
	// HandleWebhook reads stopping.
	ctx, stop := context.WithCancel(context.Background())
	w.stopLoops, w.stopping = stop, ctx.Done()
	if err := w.server.Start(mux); err != nil {
		stop()
		return err
	}
	if err := w.fuzzy.Start(mux); err != nil {
		stop()
		w.server.Shutdown()
		return err
	}
	if err := w.hooks.Start(mux); err != nil {
		stop()
		w.server.Shutdown()
		w.fuzzy.Shutdown()
		return err
	}
	w.loops.Go(func() { every(ctx, webhookSweep, w.sweepWebhooks) })
	w.loops.Go(func() { every(ctx, mergeEvery, w.mergePendingEntries) })
	return nil
}

// every calls fn every d until ctx ends or fn returns false.
func every(ctx context.Context, d time.Duration, fn func(context.Context) bool) {
	tick := time.NewTicker(d)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if !fn(ctx) {
			return
		}
	}
}

// mergeEvery is how often a worker merges the pending entries of the
// GIN indexes: about 300 created profiles' worth at the half rate of
// docs/performance.md, 20–30 ms of work in the background.
const mergeEvery = time.Second

// mergePendingEntries merges the search indexes' pending entries, off the
// booking path (store.MergePendingEntries); Start runs it every
// mergeEvery. It returns false, to stop, when the database refuses it
// (the worker's role does not own the indexes): bookings then merge the
// lists themselves when one reaches its limit, as before.
func (w *Worker) mergePendingEntries(ctx context.Context) bool {
	_, err := w.store.MergePendingEntries(ctx)
	switch {
	case err == nil || ctx.Err() != nil:
	case errors.Is(err, store.ErrNotPermitted):
		w.log.Warn("cannot merge the search index's pending entries: bookings will, now and then", "err", err)
		return false
	default:
		w.log.Warn("could not merge the search index's pending entries", "err", err)
	}
	return true
}

// Ping says whether Redis answers, as Client.Ping does: the worker's
// readiness probe (/readyz on its metrics address).
func (w *Worker) Ping(ctx context.Context) error {
	if _, err := w.inspector.Queues(); err != nil {
		return fmt.Errorf("%w: %w", ErrQueueUnavailable, err)
	}
	return nil
}

// Shutdown stops taking tasks, waits up to the shutdown timeout for active
// ones, and returns the others to the queue.
func (w *Worker) Shutdown() {
	if w.stopLoops != nil {
		w.stopLoops()
		w.loops.Wait()
	}
	w.server.Shutdown()
	w.fuzzyq.flush() // the searches of the last bookings' profiles
	w.fuzzy.Shutdown()
	w.hooks.Shutdown()
	w.client.Close()
	w.inspector.Close()
}

// HandleIngest matches and records one booking or sale, in a transaction
// with the other bookings of its tenant waiting at the same time
// (Config.MaxBatch), and returns once it is committed.
func (w *Worker) HandleIngest(ctx context.Context, t *asynq.Task) error {
	start := w.now()
	taskID, _ := asynq.GetTaskID(ctx)
	var search string // the profile created or newly keyed, whose fuzzy search to queue
	in, err := decodeIngest(t.Payload())
	w.fuzzyq.begin()
	defer func() { w.fuzzyq.end(in.TenantID, search) }()
	if err != nil {
		// It will never decode better: record it (when it names an
		// ingestion) and archive it with the reason.
		if in.TenantID != "" && in.IngestionID != "" {
			if ferr := w.store.FailIngestion(ctx, in, err.Error()); ferr != nil {
				return ferr // retry the recording; the task stays
			}
		}
		w.metrics.failed.WithLabelValues(failMalformed).Inc()
		return fmt.Errorf("%w: %w", err, asynq.SkipRetry)
	}
	if !in.AcceptedAt.IsZero() {
		// The real clock, as yieldToBookings reads it (w.now may be a test's).
		dequeued := time.Now()
		w.lag.observe(dequeued.Sub(in.AcceptedAt), dequeued)
	}
	res, err := w.batch.submit(ctx, in)
	if errors.Is(err, store.ErrNotFound) {
		why := "tenant does not exist"
		if ferr := w.store.FailIngestion(ctx, in, why); ferr != nil {
			return ferr // the database is down: retry the recording
		}
		w.metrics.failed.WithLabelValues(failUnknownTenant).Inc()
		return fmt.Errorf("%s: %w", why, asynq.SkipRetry)
	}
	var dataErr *store.DataError
	if errors.As(err, &dataErr) {
		// PostgreSQL refused a value of this booking: every retry would be
		// refused alike. Record why, and archive the task with the reason.
		// The client may send the booking again, corrected, under the same
		// external_id (Client.Enqueue replaces the archived task).
		why := "the booking cannot be stored: " + dataErr.Error() + "; correct it and send it again with the same external_id"
		if ferr := w.store.FailIngestion(ctx, in, why); ferr != nil {
			return ferr // the database is down: retry the recording
		}
		w.metrics.failed.WithLabelValues(failInvalid).Inc()
		return fmt.Errorf("%s: %w", why, asynq.SkipRetry)
	}
	if err != nil {
		w.metrics.failed.WithLabelValues(failError).Inc()
		return err
	}
	decision := "duplicate"
	if !res.Replayed && res.Decision != nil {
		decision = *res.Decision
	}
	done := w.now()
	labels := []string{in.Source, decision}
	if w.tenants != nil {
		labels = append(labels, w.tenants.label(ctx, in.TenantID, store.ErrNotFound))
	}
	w.metrics.decisions.WithLabelValues(labels...).Inc()
	w.metrics.taskDuration.WithLabelValues(TypeIngest).Observe(done.Sub(start).Seconds())
	if !res.Replayed && !in.AcceptedAt.IsZero() {
		w.metrics.endToEnd.Observe(done.Sub(in.AcceptedAt).Seconds())
	}
	if !res.Replayed && (decision == "created" || res.SearchAgain) {
		search = deref(res.ProfileID)
	}
	w.log.Debug("ingested", "task_id", taskID, "request_id", in.RequestID, "ingestion_id", in.IngestionID, "decision", decision,
		"profile_id", deref(res.ProfileID), "review_id", deref(res.ReviewID))
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func jitter(n int64) int64 {
	if n <= 0 {
		return 0
	}
	return rand.Int64N(n)
}

// fuzzyGather is how long the first new profile waits for others while
// bookings overlap (fuzzyQueue).
const fuzzyGather = 100 * time.Millisecond

// enqueueFuzzy queues the near-duplicate search of new profiles. Their
// bookings are committed whatever happens here: a failure only delays the
// candidates until the next `dedupe scan`, so it is logged, not retried.
func (w *Worker) enqueueFuzzy(ctx context.Context, tenantID string, profileIDs []string) {
	if err := queueFuzzy(ctx, w.client, tenantID, profileIDs...); err != nil {
		w.metrics.failed.WithLabelValues(failFuzzyEnqueue).Add(float64(len(profileIDs)))
		w.log.Warn("could not queue the fuzzy search", "tenant_id", tenantID, "profiles", len(profileIDs), "err", err)
	}
}

// HandleFuzzy looks for near-duplicates of new profiles and opens review
// candidates for them.
func (w *Worker) HandleFuzzy(ctx context.Context, t *asynq.Task) error {
	start := w.now()
	var p FuzzyPayload
	err := json.Unmarshal(t.Payload(), &p)
	ids := p.Profiles()
	for _, id := range ids {
		if uuid.Validate(id) != nil {
			err = errors.New("a profile id is not a UUID")
		}
	}
	if err != nil || p.TenantID == "" || len(ids) == 0 {
		w.metrics.failed.WithLabelValues(failMalformed).Inc()
		return fmt.Errorf("fuzzy payload is malformed: %w", asynq.SkipRetry)
	}
	select {
	case w.searching <- struct{}{}:
		defer func() { <-w.searching }()
	case <-ctx.Done():
		return ctx.Err()
	}
	w.yieldToBookings(ctx, fuzzyYieldMax)
	res, err := w.store.FuzzySearch(ctx, p.TenantID, ids)
	if errors.Is(err, store.ErrNotFound) {
		return nil // the tenant is gone: nothing to compare
	}
	if err != nil {
		return err
	}
	w.metrics.sharedKeys.Add(float64(res.SharedKeys))
	w.metrics.outweighed.Add(float64(res.Outweighed))
	w.metrics.taskDuration.WithLabelValues(TypeFuzzy).Observe(w.now().Sub(start).Seconds())
	w.log.Debug("fuzzy search", "profiles", len(ids), "compared", res.Compared, "candidates", res.Candidates, "outweighed", res.Outweighed)
	if stale, profiles, err := w.store.FuzzyModelStale(ctx, p.TenantID, w.retrainAfter); err == nil && stale {
		if task, err := NewTrainTask(TrainPayload{TenantID: p.TenantID}, w.now(), profiles); err == nil {
			if _, err := w.client.EnqueueContext(ctx, task); err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
				w.log.Warn("could not queue the fuzzy model's training", "tenant_id", p.TenantID, "err", err)
			}
		}
	}
	return nil
}

// The fuzzy searches yield to the bookings. Both share the worker's
// machine and PostgreSQL, and a search's latency does not matter while a
// booking's does: when the bookings fall behind (an autovacuum pass, a
// checkpoint, a burst), a search about to start waits, polling every
// fuzzyYieldPoll, until a booking is dequeued on time again or
// fuzzyYieldMax has passed. A booking is behind when it waited in the
// queue longer than fuzzyYieldAt, the p99 budget of a booking at the half
// rate (docs/performance.md section 16); only a booking dequeued in the
// last fuzzyYieldFresh counts, so that a quiet queue holds nothing back.
// Under a load the worker cannot sustain the searches still run, one per
// fuzzyYieldMax, and their backlog grows until the load falls.
const (
	fuzzyYieldAt    = 50 * time.Millisecond
	fuzzyYieldFresh = 500 * time.Millisecond
	fuzzyYieldPoll  = 20 * time.Millisecond
	fuzzyYieldMax   = 5 * time.Second
)

// bookingLag is how long the latest booking waited in the queue, and when
// it was dequeued. The ingest handlers write it, the fuzzy handler reads.
type bookingLag struct {
	wait atomic.Int64 // nanoseconds
	seen atomic.Int64 // Unix nanoseconds
}

func (l *bookingLag) observe(wait time.Duration, at time.Time) {
	l.wait.Store(int64(wait))
	l.seen.Store(at.UnixNano())
}

// behind reports whether the bookings are behind at now: the latest waited
// longer than fuzzyYieldAt and was dequeued within fuzzyYieldFresh.
func (l *bookingLag) behind(now time.Time) bool {
	return time.Duration(l.wait.Load()) > fuzzyYieldAt && l.flowing(now)
}

// flowing reports whether a booking was dequeued within fuzzyYieldFresh
// of now.
func (l *bookingLag) flowing(now time.Time) bool {
	return now.UnixNano()-l.seen.Load() < int64(fuzzyYieldFresh)
}

// A training (HandleTrain) reads every name of the tenant's file and
// scores over a hundred thousand pairs: seconds of a CPU in one go, which
// on a machine busy with bookings held their latency up for as long
// (docs/performance.md section 62). While bookings flow, it works in
// slices (store.TrainFuzzyPaced) and rests trainRest times as long as each
// slice took, so that it takes at most a 1/(1+trainRest) share of a CPU
// from them; with no booking in the last fuzzyYieldFresh it does not rest.
// A rest lasts at most trainRestMax.
const (
	trainRest    = 4
	trainRestMax = time.Second
)

// trainPacer returns the pause of a training run under ctx.
func (w *Worker) trainPacer(ctx context.Context) func() {
	since := time.Now()
	return func() {
		if now := time.Now(); w.lag.flowing(now) {
			t := time.NewTimer(min(trainRest*now.Sub(since), trainRestMax))
			select {
			case <-ctx.Done():
			case <-t.C:
			}
			t.Stop()
		}
		since = time.Now()
	}
}

// yieldToBookings returns once the bookings are not behind, ctx ends, or
// limit has passed.
func (w *Worker) yieldToBookings(ctx context.Context, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for w.lag.behind(time.Now()) && time.Now().Before(deadline) {
		select {
		case <-ctx.Done():
			return
		case <-time.After(fuzzyYieldPoll):
		}
	}
}

// HandleTrain estimates a tenant's fuzzy model from its file.
func (w *Worker) HandleTrain(ctx context.Context, t *asynq.Task) error {
	start := w.now()
	var p TrainPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.TenantID == "" {
		w.metrics.failed.WithLabelValues(failMalformed).Inc()
		return fmt.Errorf("train payload is malformed: %w", asynq.SkipRetry)
	}
	m, err := w.store.TrainFuzzyPaced(ctx, p.TenantID, w.trainPacer(ctx))
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	took := w.now().Sub(start)
	w.metrics.taskDuration.WithLabelValues(TypeTrain).Observe(took.Seconds())
	w.log.Info("fuzzy model trained", "tenant_id", p.TenantID, "profiles", m.Profiles, "pairs", m.Pairs, "trained", !m.TrainedAt.IsZero(),
		"duration_ms", took.Milliseconds())
	return nil
}
