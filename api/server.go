package api

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"dedupe/store"
	"dedupe/worker"
)

// Config configures a Server.
type Config struct {
	Store *store.Store
	Queue *worker.Client
	// Gatherer serves /metrics. Default: nothing but the API's own metrics.
	Gatherer prometheus.Gatherer
	Registry prometheus.Registerer
	Logger   *slog.Logger
	// Now is the clock that stamps accepted requests. Default time.Now.
	Now func() time.Time
	// RateLimit is each token's sustained requests per second, RateBurst
	// its bucket. Zero means DefaultRateLimit and DefaultRateBurst; a
	// negative RateLimit turns the limit off.
	RateLimit float64
	RateBurst int
	// WebhookAllowPrivate accepts endpoints at private and loopback
	// addresses, and http:// to those only
	// (DEDUPE_WEBHOOK_ALLOW_PRIVATE, worker.CheckWebhookURL).
	WebhookAllowPrivate bool
}

func (c *Config) validate() error {
	if c.Store == nil || c.Queue == nil {
		return errors.New("api: Store and Queue are required")
	}
	return nil
}

// MaxBodyBytes is the largest request body accepted (413 above).
const MaxBodyBytes = 64 << 10

// Server serves the HTTP API.
type Server struct {
	store    *store.Store
	queue    *worker.Client
	log      *slog.Logger
	now      func() time.Time
	requests *prometheus.CounterVec
	merges   *prometheus.CounterVec // dedupe_merges_total, see review.go
	limits   *limiters              // per-token rate limits; nil when off
	failures *failures              // failed authentications per client
	// webhookAllowPrivate: see Config.WebhookAllowPrivate.
	webhookAllowPrivate bool
	routes              []Route
	mux                 *http.ServeMux
	handler             http.Handler // mux behind the request-id middleware
	// draining is set by Drain: the process is about to stop, and
	// /readyz says so while the API still serves.
	draining atomic.Bool
}

// Drain makes /readyz answer 503 (checks.shutdown "draining") from now
// on, while every other route is served as before: a load balancer in
// front stops sending before the process stops listening, so no booking
// meets a closed port during a rolling restart.
func (s *Server) Drain() { s.draining.Store(true) }

// handleNoRoute answers a request no route takes: 405 with the methods
// its path takes in Allow, or 404 when no route has its path. (The mux
// would say 405 itself, but this catch-all matches every method.)
func (s *Server) handleNoRoute(w http.ResponseWriter, r *http.Request) {
	if isPage(r.URL.Path) { // a mistyped or stale address of the pages: a page, in the reader's language
		setSecurityHeaders(w)
		s.render(w, r, http.StatusNotFound, "error", pageData{Error: say("error.not_found")})
		return
	}
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); m != r.Method && pattern != "/" {
			allow = append(allow, m)
		}
	}
	if len(allow) == 0 {
		writeError(w, &Error{Status: http.StatusNotFound, Code: CodeNotFound, Message: "no such endpoint"})
		return
	}
	if slices.Contains(allow, http.MethodGet) {
		allow = slices.Insert(allow, 1, http.MethodHead) // GET routes answer HEAD too
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	writeError(w, &Error{Status: http.StatusMethodNotAllowed, Code: CodeMethodNotAllowed,
		Message: "this path takes " + strings.Join(allow, " or ") + ", not " + r.Method})
}

// isPage reports whether a path is under the review or the customer pages.
func isPage(path string) bool {
	for _, root := range []string{"/review", "/customers"} {
		if path == root || strings.HasPrefix(path, root+"/") {
			return true
		}
	}
	return false
}

// New makes a Server.
func New(cfg Config) (*Server, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Registry == nil {
		reg := prometheus.NewRegistry()
		cfg.Registry, cfg.Gatherer = reg, reg
	}
	s := &Server{
		store: cfg.Store, queue: cfg.Queue, log: cfg.Logger, now: cfg.Now, webhookAllowPrivate: cfg.WebhookAllowPrivate,
		failures: newFailures(),
		limits:   newLimiters(cmp.Or(cfg.RateLimit, DefaultRateLimit), cmp.Or(cfg.RateBurst, DefaultRateBurst)),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dedupe_ingest_requests_total",
			Help: "API requests by endpoint (route pattern) and HTTP status code.",
		}, []string{"endpoint", "code"}),
	}
	if err := cfg.Registry.Register(s.requests); err != nil {
		return nil, err
	}
	s.mux = http.NewServeMux()
	s.route("POST /v1/bookings", s.handleIngest(store.KindBooking), store.ScopeIngest)
	s.route("POST /v1/sales", s.handleIngest(store.KindSale), store.ScopeIngest)
	s.route("GET /v1/ingestions/{id}", s.handleIngestion, store.ScopeIngest, store.ScopeRead)
	s.route("GET /v1/profiles/{id}", s.handleProfile, store.ScopeRead)
	s.route("GET /v1/profiles", s.handleFindProfiles, store.ScopeRead)
	s.route("DELETE /v1/profiles/{id}", s.handleErase, store.ScopeAdmin)
	s.route("GET /v1/profiles/{id}/export", s.handleExport, store.ScopeRead)
	s.route("POST /v1/profiles", s.handleCreateProfile, store.ScopeWrite)
	s.route("GET /v1/tenant/policy", s.handlePolicy, store.ScopeAdmin)
	s.route("PATCH /v1/tenant/policy", s.handleUpdatePolicy, store.ScopeAdmin)
	s.route("POST /v1/webhooks", s.handleCreateWebhook, store.ScopeAdmin)
	s.route("GET /v1/webhooks", s.handleWebhooks, store.ScopeAdmin)
	s.route("DELETE /v1/webhooks/{id}", s.handleDeleteWebhook, store.ScopeAdmin)
	s.route("POST /v1/webhooks/{id}/enable", s.handleEnableWebhook, store.ScopeAdmin)
	s.route("GET /v1/webhooks/{id}/deliveries", s.handleDeliveries, store.ScopeAdmin)
	if err := s.routeReview(cfg.Registry); err != nil { // review API, history, /review page
		return nil, err
	}
	s.mux.HandleFunc("GET /v1/openapi.json", handleOpenAPI)
	s.mux.HandleFunc("GET /healthz", s.handleHealthz)
	s.mux.HandleFunc("GET /readyz", s.handleReadyz)
	if cfg.Gatherer != nil {
		s.mux.Handle("GET /metrics", MetricsHandler(cfg.Gatherer))
	}
	s.mux.HandleFunc("/", s.handleNoRoute)
	s.handler = withRequestID(s.mux)
	return s, nil
}

// Route is an authenticated endpoint and the scopes that may call it.
type Route struct {
	Pattern string // "METHOD /path/{id}"
	Scopes  []string
}

// Routes lists every authenticated endpoint, for tests that walk them all.
func (s *Server) Routes() []Route { return s.routes }

// ServeHTTP serves the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// handler is an authenticated endpoint: it returns an *Error or writes its
// own response.
type handler func(w http.ResponseWriter, r *http.Request, tok store.Token) *Error

// route registers an authenticated endpoint that needs one of scopes, and
// counts its requests by route pattern and status.
func (s *Server) route(pattern string, h handler, scopes ...string) {
	s.routes = append(s.routes, Route{Pattern: pattern, Scopes: scopes})
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		start := time.Now()
		defer func() {
			s.requests.WithLabelValues(pattern, strconv.Itoa(rec.status)).Inc()
			// The route pattern, never the URL: a look-up's query string
			// holds an email address or a phone number.
			s.log.Debug("request", "endpoint", pattern, "code", rec.status,
				"duration_ms", time.Since(start).Milliseconds(), "request_id", RequestID(r.Context()))
		}()
		tok, apiErr := s.authenticate(r, scopes)
		if apiErr == nil {
			apiErr = h(rec, r, tok)
		}
		if apiErr != nil {
			if apiErr.Status >= 500 {
				why := apiErr.Message
				if apiErr.cause != nil {
					why = apiErr.cause.Error()
				}
				s.log.Error("request failed", "endpoint", pattern, "code", apiErr.Code, "err", why,
					"request_id", RequestID(r.Context()))
			}
			writeError(rec, apiErr)
		}
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// storeError maps a store error to the API's answer.
func storeError(err error) *Error {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return &Error{Status: http.StatusNotFound, Code: CodeNotFound, Message: "not found"}
	case errors.Is(err, store.ErrUnavailable), errors.Is(err, context.DeadlineExceeded):
		return &Error{Status: http.StatusServiceUnavailable, Code: CodeDBUnavailable, Message: "the database is unavailable; nothing was changed, retry later"}
	case errors.Is(err, worker.ErrQueueUnavailable):
		return &Error{Status: http.StatusServiceUnavailable, Code: CodeQueueUnavailable, Message: "the queue is unavailable; nothing was accepted, retry later"}
	}
	return &Error{Status: http.StatusInternalServerError, Code: CodeInternal,
		Message: "an internal error; the service's log has it under this request's X-Request-Id",
		cause:   err}
}
