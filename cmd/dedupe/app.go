package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hibiken/asynq"

	"dedupe/api"
	"dedupe/store"
	"dedupe/worker"
)

const usage = `usage: dedupe <command> [flags]

commands:
  all                 run the HTTP API and the worker in one process (migrates first)
  serve               run the HTTP API and review UI
  work                run the queue worker
  migrate [--dry-run] apply the embedded schema migrations (--dry-run: print the SQL it would run)
  tenant create       --slug S --region FR: create a tenant, print its id
  tenant show         --slug S: print the tenant and its matching policy as JSON
  tenant policy       --slug S [--region FR] [--name-guard=on|off] [--shared-threshold N]
                      [--block V]... [--unblock V]...: change the policy (bumps its version)
  token create        --tenant S --scopes ingest,read [--label L]: create a token, print it once
  token list          --tenant S: the tenant's tokens (ids, labels, scopes; never secrets) as JSON
  token revoke        --id ID (or --token SECRET): revoke a token; it stops working at once
  import              --tenant S FILE.csv: load an existing customer file (no merging; resumable)
  scan                --tenant S: propose every duplicate group of the file for review (resumable)
  healthcheck         --url U: exit 0 when U answers 2xx (for container health checks)
  loadgen             synthetic bookings against a running service; reports throughput, latency
                      and dedupe quality (dedupe loadgen -h for the flags)

environment:
  DATABASE_URL         PostgreSQL connection string (required)
  REDIS_URL            Redis URL for the queue (default redis://127.0.0.1:6379/0); also
                       redis-sentinel://host:port,host:port?master=NAME and
                       redis-cluster://host:port,host:port
  DEDUPE_HTTP_ADDR     API listen address (default :8080)
  DEDUPE_METRICS_ADDR  worker-only /metrics listen address (default :9090 for work)
  DEDUPE_CONCURRENCY   tasks processed at once per worker (default 10)
  DEDUPE_DB_MAX_CONNS  PostgreSQL pool size (default: pgx's)
  DEDUPE_RATE_LIMIT    requests per second per API token (default 1000; negative: off)
  DEDUPE_RATE_BURST    burst per API token (default 2000)
  DEDUPE_LOG_LEVEL     debug, info, warn or error (default info)
  DEDUPE_METRICS_TENANTS  slugs of tenants counted apart in dedupe_decisions_total
                       (comma-separated; the others count as "other"; default none)
`

// Main is the program: it parses a command line and runs it, owning every
// server it starts so that one Close shuts them all down in order.
type Main struct {
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string

	log       *slog.Logger
	store     *store.Store
	queue     *worker.Client
	worker    *worker.Worker
	inspector *asynq.Inspector // reads queue statistics for /metrics
	servers   []*http.Server
	httpAddr  string
}

// NewMain returns a Main wired to the process's streams and environment.
func NewMain() *Main {
	return &Main{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}

// config is what the service commands read from flags and environment.
type config struct {
	databaseURL string
	redisURL    string
	httpAddr    string
	metricsAddr string
	concurrency int
	rateLimit   float64
	rateBurst   int
	maxConns    int
	logLevel    string
	// metricsTenants lists the tenant slugs given their own label value.
	metricsTenants string
	// tokenCache keeps authenticated API tokens in memory (store.CacheTokens).
	tokenCache bool
}

func (m *Main) env(name, def string) string { return cmp.Or(m.Getenv(name), def) }

func (m *Main) envFloat(name string, def float64) float64 {
	if v, err := strconv.ParseFloat(m.Getenv(name), 64); err == nil {
		return v
	}
	return def
}

func (m *Main) envBool(name string, def bool) bool {
	if v, err := strconv.ParseBool(m.Getenv(name)); err == nil {
		return v
	}
	return def
}

func (m *Main) envInt(name string, def int) int {
	if v, err := strconv.Atoi(m.Getenv(name)); err == nil {
		return v
	}
	return def
}

// flags binds the service flags, defaulting from the environment.
func (m *Main) flags(name string) (*flag.FlagSet, *config) {
	fs := flag.NewFlagSet("dedupe "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	c := &config{}
	fs.StringVar(&c.databaseURL, "database-url", m.env("DATABASE_URL", ""), "PostgreSQL URL")
	fs.StringVar(&c.redisURL, "redis-url", m.env("REDIS_URL", "redis://127.0.0.1:6379/0"), "Redis URL")
	fs.StringVar(&c.httpAddr, "http-addr", m.env("DEDUPE_HTTP_ADDR", ":8080"), "HTTP listen address")
	fs.StringVar(&c.metricsAddr, "metrics-addr", m.env("DEDUPE_METRICS_ADDR", ""), "worker metrics listen address")
	fs.IntVar(&c.concurrency, "concurrency", m.envInt("DEDUPE_CONCURRENCY", 10), "tasks processed at once")
	fs.Float64Var(&c.rateLimit, "rate-limit", m.envFloat("DEDUPE_RATE_LIMIT", api.DefaultRateLimit), "requests per second per API token (negative: no limit)")
	fs.IntVar(&c.rateBurst, "rate-burst", m.envInt("DEDUPE_RATE_BURST", api.DefaultRateBurst), "burst of requests per API token")
	fs.IntVar(&c.maxConns, "db-max-conns", m.envInt("DEDUPE_DB_MAX_CONNS", 0), "PostgreSQL pool size")
	fs.StringVar(&c.logLevel, "log-level", m.env("DEDUPE_LOG_LEVEL", "info"), "log level")
	fs.BoolVar(&c.tokenCache, "token-cache", m.envBool("DEDUPE_TOKEN_CACHE", true), "keep authenticated API tokens in memory, emptied on every token change PostgreSQL notifies")
	fs.StringVar(&c.metricsTenants, "metrics-tenants", m.env("DEDUPE_METRICS_TENANTS", ""), "tenant slugs counted apart in dedupe_decisions_total (comma-separated)")
	return fs, c
}

// Run runs one command to completion. The service commands run until ctx
// is cancelled, then shut down gracefully.
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return errors.New("no command given")
	}
	cmd, rest := args[0], args[1:]
	if (cmd == "tenant" || cmd == "token") && len(rest) > 0 {
		cmd, rest = cmd+" "+rest[0], rest[1:]
	}
	switch cmd {
	case "all", "serve", "work":
		if err := m.Start(ctx, cmd, rest); err != nil {
			m.Close()
			return err
		}
		<-ctx.Done()
		m.log.Info("shutting down")
		return m.Close()
	case "migrate":
		var dry bool
		return m.withStore(ctx, cmd, rest, func(fs *flag.FlagSet) {
			fs.BoolVar(&dry, "dry-run", false, "print the SQL of the migrations not yet applied, and apply nothing")
		}, func(s *store.Store) error {
			if !dry {
				return s.Migrate(ctx)
			}
			pending, err := s.PendingMigrations(ctx)
			if err != nil {
				return err
			}
			if len(pending) == 0 {
				fmt.Fprintln(m.Stdout, "-- the schema is up to date")
			}
			for _, mig := range pending {
				fmt.Fprintf(m.Stdout, "-- %s\n%s\n", mig.Name, mig.SQL)
			}
			return nil
		})
	case "tenant create":
		var slug, region string
		return m.withStore(ctx, cmd, rest, func(fs *flag.FlagSet) {
			fs.StringVar(&slug, "slug", "", "tenant slug (required)")
			fs.StringVar(&region, "region", "", "default phone region, ISO 3166 alpha-2 (required)")
		}, func(s *store.Store) error {
			if slug == "" || region == "" {
				return errors.New("tenant create needs --slug and --region")
			}
			t, err := s.CreateTenant(ctx, slug, region)
			if errors.Is(err, store.ErrConflict) {
				return fmt.Errorf("tenant %q already exists", slug)
			}
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(m.Stdout, t.ID)
			return err
		})
	case "token create":
		var tenant, scopes, label string
		return m.withStore(ctx, cmd, rest, func(fs *flag.FlagSet) {
			fs.StringVar(&tenant, "tenant", "", "tenant slug (required)")
			fs.StringVar(&scopes, "scopes", "", "comma-separated scopes: "+strings.Join(store.AllScopes, ","))
			fs.StringVar(&label, "label", "", "who or what holds the token, shown in audit records")
		}, func(s *store.Store) error {
			if tenant == "" || scopes == "" {
				return errors.New("token create needs --tenant and --scopes")
			}
			secret, _, err := s.CreateToken(ctx, tenant, cmp.Or(label, "token"), strings.Split(scopes, ","))
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(m.Stdout, secret)
			return err
		})
	case "token list", "token revoke":
		return m.tokens(ctx, cmd, rest)
	case "tenant show", "tenant policy":
		return m.tenantPolicy(ctx, cmd, rest)
	case "import":
		return m.importFile(ctx, rest)
	case "scan":
		return m.scan(ctx, rest)
	case "healthcheck":
		return m.healthcheck(ctx, rest)
	case "loadgen":
		return m.loadgen(ctx, rest)
	case "help", "-h", "--help":
		fmt.Fprint(m.Stdout, usage)
		return nil
	}
	fmt.Fprint(m.Stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

// withStore parses flags, opens the store, runs f and closes the store.
func (m *Main) withStore(ctx context.Context, name string, args []string, bind func(*flag.FlagSet), f func(*store.Store) error) error {
	fs, c := m.flags(name)
	if bind != nil {
		bind(fs)
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := store.Open(ctx, store.Config{URL: c.databaseURL, MaxConns: 4})
	if err != nil {
		return err
	}
	defer s.Close()
	return f(s)
}

// Start starts the servers of a service command ("all", "serve" or
// "work") and returns once they listen.
func (m *Main) Start(ctx context.Context, mode string, args []string) error {
	fs, c := m.flags(mode)
	if err := fs.Parse(args); err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return fmt.Errorf("log level: %w", err)
	}
	m.log = slog.New(slog.NewJSONHandler(m.Stderr, &slog.HandlerOptions{Level: level}))

	redisOpt, err := redisConnOpt(c.redisURL)
	if err != nil {
		return fmt.Errorf("REDIS_URL: %w", err)
	}
	m.store, err = store.Open(ctx, store.Config{URL: c.databaseURL, MaxConns: int32(c.maxConns)})
	if err != nil {
		return err
	}
	if mode == "all" {
		if err := m.store.Migrate(ctx); err != nil {
			return err
		}
	}
	reg := m.newRegistry(redisOpt)

	if mode == "all" || mode == "work" {
		m.worker, err = worker.New(worker.Config{Store: m.store, Redis: redisOpt, Concurrency: c.concurrency,
			Logger: m.log, Registry: reg, MetricsTenants: splitList(c.metricsTenants)})
		if err != nil {
			return err
		}
		if err := m.worker.Start(); err != nil {
			return fmt.Errorf("start worker: %w", err)
		}
	}
	if mode == "all" || mode == "serve" {
		if c.tokenCache {
			m.store.CacheTokens(m.log)
		}
		m.queue = worker.NewClient(redisOpt)
		srv, err := api.New(api.Config{Store: m.store, Queue: m.queue, Registry: reg, Gatherer: reg, Logger: m.log,
			RateLimit: c.rateLimit, RateBurst: c.rateBurst})
		if err != nil {
			return err
		}
		addr, err := m.listen(c.httpAddr, m.withPprof(srv))
		if err != nil {
			return err
		}
		m.httpAddr = addr
		m.log.Info("serving HTTP", "addr", addr)
	}
	if mode == "work" {
		addr, err := m.listen(cmp.Or(c.metricsAddr, ":9090"), m.withPprof(api.MetricsHandler(reg)))
		if err != nil {
			return err
		}
		m.log.Info("serving metrics", "addr", addr)
	}
	return nil
}

// listen serves h on addr in the background and returns the bound address.
func (m *Main) listen(addr string, h http.Handler) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("listen %s: %w", addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}
	m.servers = append(m.servers, srv)
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.log.Error("http server stopped", "err", err)
		}
	}()
	return ln.Addr().String(), nil
}

// HTTPAddr is the address the API listens on, once started.
func (m *Main) HTTPAddr() string { return m.httpAddr }

// Close shuts down in dependency order: stop taking HTTP requests and let
// in-flight ones finish, stop the worker (active tasks finish or go back to
// the queue), then close the queue client and the database pool.
func (m *Main) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var errs []error
	for _, srv := range m.servers {
		errs = append(errs, srv.Shutdown(ctx))
	}
	m.servers = nil
	if m.worker != nil {
		m.worker.Shutdown()
		m.worker = nil
	}
	if m.queue != nil {
		errs = append(errs, m.queue.Close())
		m.queue = nil
	}
	if m.inspector != nil {
		errs = append(errs, m.inspector.Close())
		m.inspector = nil
	}
	if m.store != nil {
		m.store.Close()
		m.store = nil
	}
	return errors.Join(errs...)
}

func (m *Main) healthcheck(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("dedupe healthcheck", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	url := fs.String("url", "http://127.0.0.1:8080/healthz", "URL to probe")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s answered %s", *url, resp.Status)
	}
	return nil
}
