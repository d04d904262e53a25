package worker

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"dedupe/store"
)

// metrics are the worker's own series. Labels never carry personal data:
// sources and decisions are closed sets, and tenants appear only by the
// slugs an operator listed (tenantLabels).
type metrics struct {
	decisions    *prometheus.CounterVec
	taskDuration *prometheus.HistogramVec
	endToEnd     prometheus.Histogram
	failed       *prometheus.CounterVec
	webhooks     *prometheus.CounterVec
	sharedKeys   prometheus.Counter
	outweighed   prometheus.Counter
	batchSize    prometheus.Histogram
	batchTook    prometheus.Histogram
}

// latencyBuckets span a trickle's milliseconds to a backlog's minutes.
var latencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300}

// newMetrics registers the worker's series. With byTenant the decisions
// counter carries a tenant label too.
func newMetrics(reg prometheus.Registerer, byTenant bool, st *store.Store, log *slog.Logger) (*metrics, error) {
	decisionLabels := []string{"source", "decision"}
	if byTenant {
		decisionLabels = append(decisionLabels, "tenant")
	}
	m := &metrics{
		decisions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dedupe_decisions_total",
			Help: "Bookings and sales processed, by source and decision (created, updated, duplicate), and by tenant when DEDUPE_METRICS_TENANTS names some.",
		}, decisionLabels),
		taskDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "dedupe_task_duration_seconds",
			Help:    "Time to process one task, by task type.",
			Buckets: latencyBuckets,
		}, []string{"task"}),
		endToEnd: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "dedupe_end_to_end_seconds",
			Help:    "Time from the API accepting a booking or sale to its transaction committing.",
			Buckets: latencyBuckets,
		}),
		failed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dedupe_task_failures_total",
			Help: "Task attempts that failed, by reason (malformed, unknown_tenant and invalid are archived; error is retried; fuzzy_enqueue counts the fuzzy searches that could not be queued).",
		}, []string{"reason"}),
		webhooks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dedupe_webhook_deliveries_total",
			Help: "Webhook delivery attempts, by result: delivered, failed (retried later) or disabled (the endpoint kept failing and was disabled).",
		}, []string{"result"}),
		sharedKeys: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "dedupe_fuzzy_shared_keys_total",
			Help: "Blocking keys, and mobile numbers one slip from a searched profile's, the fuzzy searches skipped as shared values: held by more profiles than the search reads (a common name born in one year, a large building).",
		}),
		outweighed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "dedupe_fuzzy_candidates_outweighed_total",
			Help: "Open fuzzy candidates a search closed as stale: a booking brought one of the two profiles what tells them apart (a birth date years from the other's), and the pair no longer reaches the threshold.",
		}),
		batchSize: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "dedupe_ingest_batch_size",
			Help:    "Bookings and sales recorded per ingest transaction: the ones of a tenant that waited together (1 at a trickle).",
			Buckets: []float64{1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64},
		}),
		batchTook: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "dedupe_ingest_transaction_seconds",
			Help:    "Time of one ingest transaction, from its start to its commit. A booking's time in its handler (dedupe_task_duration_seconds) is this plus its wait for the tenant's running transactions.",
			Buckets: latencyBuckets,
		}),
	}
	// Exported at 0 before the first delivery or failure, so that rate()
	// sees each process's first one.
	for _, result := range []string{"delivered", "failed", "disabled"} {
		m.webhooks.WithLabelValues(result)
	}
	for _, reason := range failureReasons {
		m.failed.WithLabelValues(reason)
	}
	pending := store.NewOutboxCollector(st, log, 2*time.Second)
	disabled := store.NewDisabledEndpointsCollector(st, log, 2*time.Second)
	for _, c := range []prometheus.Collector{m.decisions, m.taskDuration, m.endToEnd, m.failed, m.webhooks, m.sharedKeys, m.outweighed, m.batchSize,
		m.batchTook, pending, disabled} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// The reasons of dedupe_task_failures_total: the first three are archived
// (asynq's SkipRetry), an error is retried, and a fuzzy search that could
// not be queued waits for the next scan.
const (
	failMalformed     = "malformed"
	failUnknownTenant = "unknown_tenant"
	failInvalid       = "invalid"
	failError         = "error"
	failFuzzyEnqueue  = "fuzzy_enqueue"
)

var failureReasons = []string{failMalformed, failUnknownTenant, failInvalid, failError, failFuzzyEnqueue}

// otherTenants is the tenant label of every tenant not listed.
const otherTenants = "other"

// tenantLabels gives the tenant label of dedupe_decisions_total: the slug
// of a tenant the operator listed, "other" for every other tenant, so the
// label has at most len(slugs)+1 values however many tenants there are.
// A tenant's label is looked up once per process and remembered; the
// number of tenants bounds the cache.
type tenantLabels struct {
	slugs  map[string]bool
	lookup func(ctx context.Context, tenantID string) (string, error)

	mu   sync.Mutex
	byID map[string]string
}

func newTenantLabels(slugs []string, lookup func(context.Context, string) (string, error)) *tenantLabels {
	t := &tenantLabels{slugs: map[string]bool{}, lookup: lookup, byID: map[string]string{}}
	for _, s := range slugs {
		if s != "" {
			t.slugs[s] = true
		}
	}
	return t
}

// label returns the tenant label of tenantID. When the lookup fails for a
// reason other than a missing tenant the answer is "other", not cached, so
// a database hiccup does not mislabel the tenant for good.
func (t *tenantLabels) label(ctx context.Context, tenantID string, notFound error) string {
	t.mu.Lock()
	l, ok := t.byID[tenantID]
	t.mu.Unlock()
	if ok {
		return l
	}
	slug, err := t.lookup(ctx, tenantID)
	if err != nil && !errors.Is(err, notFound) {
		return otherTenants
	}
	l = otherTenants
	if err == nil && t.slugs[slug] {
		l = slug
	}
	t.mu.Lock()
	t.byID[tenantID] = l
	t.mu.Unlock()
	return l
}
