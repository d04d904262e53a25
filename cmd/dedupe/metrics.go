package main

import (
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"github.com/hibiken/asynq/x/metrics"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"dedupe/store"
)

// newRegistry makes the one registry a service command serves on /metrics:
// the Go and process collectors, asynq's queue collector (queue size,
// latency, processed, failed and archived counts, read from Redis on each
// scrape through m.inspector), the PostgreSQL pool statistics and the open
// review candidates. The API and the worker add their own series to it.
//
// Every process exports the queue and review series, which describe the
// shared Redis and PostgreSQL rather than the process: dashboards and
// alerts aggregate them with max(), not sum().
func (m *Main) newRegistry(redisOpt asynq.RedisConnOpt) *prometheus.Registry {
	reg := prometheus.NewRegistry()
	m.inspector = asynq.NewInspector(redisOpt)
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		metrics.NewQueueMetricsCollector(m.inspector),
		store.NewPoolCollector(m.store),
		store.NewReviewCollector(m.store, m.log, 2*time.Second),
	)
	return reg
}

// splitList splits a comma-separated flag value, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
