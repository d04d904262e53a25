package store

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"
)

// CountOpenReviews returns the number of open review candidates, over all
// tenants: a metric read across tenants on purpose (docs/scaling.md,
// Queries across tenants). The count is served by the partial index
// review_candidates_open_set (… WHERE status = 'open'), so it reads the
// open candidates only, however many closed ones there are.
func (s *Store) CountOpenReviews(ctx context.Context) (int64, error) {
	var n int64
	if err := s.pool.QueryRow(ctx, countOpenReviewsSQL).Scan(&n); err != nil {
		return 0, fmt.Errorf("count open reviews: %w", interpret(err))
	}
	return n, nil
}

// countOpenReviewsSQL repeats the partial index's predicate exactly, which
// is what lets PostgreSQL answer from that index.
const countOpenReviewsSQL = `SELECT count(*) FROM review_candidates WHERE status = 'open'`

// TenantSlug returns the slug of the tenant with that id, or ErrNotFound.
// Metrics use it to name the few tenants an operator asked to see apart.
func (s *Store) TenantSlug(ctx context.Context, id string) (string, error) {
	if uuid.Validate(id) != nil {
		return "", ErrNotFound
	}
	var slug string
	if err := s.pool.QueryRow(ctx, `SELECT slug FROM tenants WHERE id = $1`, id).Scan(&slug); err != nil {
		return "", fmt.Errorf("tenant slug: %w", interpret(err))
	}
	return slug, nil
}

// CountCollector exports one gauge, counted in PostgreSQL on each scrape.
// When PostgreSQL does not answer within the timeout the series is left
// out of that scrape (and the failure logged) rather than failing the
// whole scrape, or reading NaN: the other metrics matter most during an
// outage.
type CountCollector struct {
	name    string
	count   func(context.Context) (int64, error)
	log     *slog.Logger
	timeout time.Duration
	desc    *prometheus.Desc
}

// NewCountCollector returns a collector of the gauge name that count
// counts on every scrape, waiting at most timeout (default 2 s).
func NewCountCollector(name, help string, count func(context.Context) (int64, error), log *slog.Logger,
	timeout time.Duration) *CountCollector {
	if log == nil {
		log = slog.Default()
	}
	if timeout <= 0 {
		timeout = 2 * time.Second
	}
	return &CountCollector{name: name, count: count, log: log, timeout: timeout, desc: prometheus.NewDesc(name, help, nil, nil)}
}

// NewReviewCollector exports dedupe_review_candidates_open.
func NewReviewCollector(s *Store, log *slog.Logger, timeout time.Duration) *CountCollector {
	return NewCountCollector("dedupe_review_candidates_open",
		"Review candidates waiting for a human (status open), over all tenants.", s.CountOpenReviews, log, timeout)
}

// NewOutboxCollector exports dedupe_webhook_outbox_pending.
func NewOutboxCollector(s *Store, log *slog.Logger, timeout time.Duration) *CountCollector {
	return NewCountCollector("dedupe_webhook_outbox_pending",
		"Webhook deliveries waiting in the outbox, over every enabled endpoint.", s.PendingEvents, log, timeout)
}

// NewDisabledEndpointsCollector exports dedupe_webhook_endpoints_disabled.
func NewDisabledEndpointsCollector(s *Store, log *slog.Logger, timeout time.Duration) *CountCollector {
	return NewCountCollector("dedupe_webhook_endpoints_disabled",
		"Webhook endpoints disabled after 24 hours of failures or a 410 and not enabled again, over all tenants.",
		s.DisabledEndpoints, log, timeout)
}

// Describe implements prometheus.Collector.
func (c *CountCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

// Collect implements prometheus.Collector.
func (c *CountCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	n, err := c.count(ctx)
	if err != nil {
		c.log.Warn("metrics: cannot count", "metric", c.name, "err", err)
		return
	}
	ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n))
}

// PoolCollector exports the statistics of the store's connection pool
// (pgxpool.Stat) as dedupe_db_pool_* series. Reading them takes no query.
type PoolCollector struct {
	store *Store
}

// NewPoolCollector returns a collector of s's pool statistics.
func NewPoolCollector(s *Store) *PoolCollector { return &PoolCollector{store: s} }

func poolDesc(name, help string) *prometheus.Desc {
	return prometheus.NewDesc("dedupe_db_pool_"+name, help, nil, nil)
}

var (
	poolMaxConns          = poolDesc("max_conns", "Largest size of the PostgreSQL connection pool.")
	poolTotalConns        = poolDesc("conns", "Connections in the pool: acquired, idle and being opened.")
	poolAcquiredConns     = poolDesc("acquired_conns", "Connections in use.")
	poolIdleConns         = poolDesc("idle_conns", "Idle connections.")
	poolConstructingConns = poolDesc("constructing_conns", "Connections being opened.")
	poolAcquires          = poolDesc("acquires_total", "Successful connection acquires.")
	poolEmptyAcquires     = poolDesc("empty_acquires_total", "Acquires that had to wait for a connection because none was idle.")
	poolCanceledAcquires  = poolDesc("canceled_acquires_total", "Acquires given up because their context ended.")
	poolAcquireSeconds    = poolDesc("acquire_seconds_total", "Time spent acquiring connections, summed over all acquires.")
	poolEmptyWaitSeconds  = poolDesc("empty_acquire_wait_seconds_total", "Time spent waiting for a connection when none was idle.")
	poolNewConns          = poolDesc("new_conns_total", "Connections opened.")
	poolLifetimeDestroys  = poolDesc("max_lifetime_destroys_total", "Connections closed for reaching their maximum lifetime.")
	poolIdleDestroys      = poolDesc("max_idle_destroys_total", "Connections closed for idling too long.")
)

// Describe implements prometheus.Collector.
func (c *PoolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{poolMaxConns, poolTotalConns, poolAcquiredConns, poolIdleConns,
		poolConstructingConns, poolAcquires, poolEmptyAcquires, poolCanceledAcquires, poolAcquireSeconds,
		poolEmptyWaitSeconds, poolNewConns, poolLifetimeDestroys, poolIdleDestroys} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *PoolCollector) Collect(ch chan<- prometheus.Metric) {
	st := c.store.pool.Stat()
	gauge := func(d *prometheus.Desc, v float64) { ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v) }
	counter := func(d *prometheus.Desc, v float64) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v)
	}
	gauge(poolMaxConns, float64(st.MaxConns()))
	gauge(poolTotalConns, float64(st.TotalConns()))
	gauge(poolAcquiredConns, float64(st.AcquiredConns()))
	gauge(poolIdleConns, float64(st.IdleConns()))
	gauge(poolConstructingConns, float64(st.ConstructingConns()))
	counter(poolAcquires, float64(st.AcquireCount()))
	counter(poolEmptyAcquires, float64(st.EmptyAcquireCount()))
	counter(poolCanceledAcquires, float64(st.CanceledAcquireCount()))
	counter(poolAcquireSeconds, st.AcquireDuration().Seconds())
	counter(poolEmptyWaitSeconds, st.EmptyAcquireWaitTime().Seconds())
	counter(poolNewConns, float64(st.NewConnsCount()))
	counter(poolLifetimeDestroys, float64(st.MaxLifetimeDestroyCount()))
	counter(poolIdleDestroys, float64(st.MaxIdleDestroyCount()))
}
