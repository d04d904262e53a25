package worker

import (
	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the worker's own series. Labels never carry personal data:
// sources and decisions are closed sets.
type metrics struct {
	decisions    *prometheus.CounterVec
	taskDuration *prometheus.HistogramVec
	endToEnd     prometheus.Histogram
	failed       *prometheus.CounterVec
}

// latencyBuckets span a trickle's milliseconds to a backlog's minutes.
var latencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		decisions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dedupe_decisions_total",
			Help: "Bookings and sales processed, by source and decision (created, updated, duplicate).",
		}, []string{"source", "decision"}),
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
			Help: "Task attempts that failed, by reason (malformed and unknown_tenant are archived; error is retried).",
		}, []string{"reason"}),
	}
	for _, c := range []prometheus.Collector{m.decisions, m.taskDuration, m.endToEnd, m.failed} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}
