package api

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// MetricsHandler serves a registry in the Prometheus text format.
func MetricsHandler(g prometheus.Gatherer) http.Handler {
	return promhttp.HandlerFor(g, promhttp.HandlerOpts{})
}

func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// handleReadyz answers 200 when PostgreSQL and Redis both answer and the
// database's schema is this binary's, 503 naming what is not.
func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	checks := map[string]string{"postgres": "ok", "redis": "ok", "schema": "ok"}
	status := http.StatusOK
	if err := s.store.Ping(ctx); err != nil {
		checks["postgres"], checks["schema"], status = "unavailable", "unknown", http.StatusServiceUnavailable
	} else if err := s.store.SchemaCheck(ctx); err != nil {
		checks["schema"], status = err.Error(), http.StatusServiceUnavailable
	}
	if err := s.queue.Ping(ctx); err != nil {
		checks["redis"], status = "unavailable", http.StatusServiceUnavailable
	}
	writeJSON(w, status, map[string]any{"status": map[bool]string{true: "ready", false: "unavailable"}[status == http.StatusOK], "checks": checks})
}
