package api

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"dedupe/store"
)

// MetricsHandler serves a registry in the Prometheus text format.
func MetricsHandler(g prometheus.Gatherer) http.Handler {
	return promhttp.HandlerFor(g, promhttp.HandlerOpts{})
}

func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) { healthz(w, r) }

func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	readiness(s.store, s.queue, &s.draining)(w, r)
}

// healthz answers 200 while the process serves: the liveness probe.
func healthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// Pinger is what readiness asks of the queue: that Redis answers
// (worker.Client and worker.Worker).
type Pinger interface{ Ping(context.Context) error }

// readiness answers 200 when PostgreSQL and Redis both answer and the
// database's schema is this binary's, 503 naming what is not. While
// draining (not nil) is set, it answers 503 with checks.shutdown
// "draining", whatever the rest.
func readiness(st *store.Store, queue Pinger, draining *atomic.Bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		checks := map[string]string{"postgres": "ok", "redis": "ok", "schema": "ok"}
		status := http.StatusOK
		if err := st.Ping(ctx); err != nil {
			checks["postgres"], checks["schema"], status = "unavailable", "unknown", http.StatusServiceUnavailable
		} else if err := st.SchemaCheck(ctx); err != nil {
			checks["schema"], status = err.Error(), http.StatusServiceUnavailable
		}
		if err := queue.Ping(ctx); err != nil {
			checks["redis"], status = "unavailable", http.StatusServiceUnavailable
		}
		if draining != nil && draining.Load() {
			checks["shutdown"], status = "draining", http.StatusServiceUnavailable
		}
		writeJSON(w, status, map[string]any{"status": map[bool]string{true: "ready", false: "unavailable"}[status == http.StatusOK], "checks": checks})
	}
}

// WorkerHandler is what `dedupe work` serves on its metrics address:
// /metrics, and /healthz and /readyz answering as the API's do, so that a
// container's health check or a readiness probe asks the worker itself
// without a scrape. Any other path is 404.
func WorkerHandler(g prometheus.Gatherer, st *store.Store, queue Pinger) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", MetricsHandler(g))
	mux.HandleFunc("GET /healthz", healthz)
	mux.HandleFunc("GET /readyz", readiness(st, queue, nil))
	return mux
}
