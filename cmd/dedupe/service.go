package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/hibiken/asynq"

	"dedupe/api"
	"dedupe/worker"
)

// ServiceCommand runs a service until its context ends: "all" (the HTTP API
// and the worker in one process, migrating first), "serve" (the API) or
// "work" (the worker).
type ServiceCommand struct {
	m    *Main
	Mode string // all, serve or work
}

// serviceAbout is what each service command does, for its usage.
var serviceAbout = map[string]string{
	"all": `Run the HTTP API, the review pages and the queue worker in one process,
after applying the schema migrations. Metrics are on the API's /metrics.
The default for a single machine.`,
	"serve": `Run the HTTP API and the review pages (/review), with /metrics, /healthz
and /readyz. Bookings are queued in Redis for the workers. Run as many as
needed behind a load balancer.`,
	"work": `Run the queue worker: it takes bookings and sales from Redis and applies
them to PostgreSQL, with /metrics on --metrics-addr. Run as many as needed.`,
}

// config is what a service command reads from its flags and environment.
type config struct {
	databaseURL string
	redisURL    string
	redisOpt    asynq.RedisConnOpt // redisURL, parsed
	httpAddr    string
	metricsAddr string
	concurrency int
	maxBatch    int
	rateLimit   float64
	rateBurst   int
	maxConns    int
	logLevel    slog.Level
	// metricsTenants lists the tenant slugs given their own label value.
	metricsTenants string
	// tokenCache keeps authenticated API tokens in memory (store.CacheTokens).
	tokenCache bool
	// pprof serves Go's profiler beside the API or the worker's metrics.
	pprof bool
	// webhookAllowPrivate accepts webhook endpoints at private and
	// loopback addresses, and http:// to those only.
	webhookAllowPrivate bool
	// idleTimeout is how long the HTTP listeners keep an idle keep-alive
	// connection (serverTimeouts.idle by default).
	idleTimeout time.Duration
	// shutdownDelay is how long the API goes on serving, /readyz
	// answering 503, once asked to stop (Main.Drain).
	shutdownDelay time.Duration
}

// Run starts the service, waits for ctx to end and shuts it down.
func (c *ServiceCommand) Run(ctx context.Context, args []string) error {
	if err := c.m.Start(ctx, c.Mode, args); err != nil {
		c.m.Close()
		return err
	}
	<-ctx.Done()
	// A second SIGTERM or interrupt during the shutdown delay cuts it short:
	// an operator who means "now" is not kept waiting on a load balancer.
	again, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	c.m.Drain(again)
	stop()
	c.m.log.Info("shutting down")
	return c.m.Close()
}

// parse reads the command line and environment of the service command.
func (c *ServiceCommand) parse(args []string) (*config, error) {
	hasAPI, hasWorker := c.Mode != "work", c.Mode != "serve"
	cl := c.m.cmdline(c.Mode, "[flags]", serviceAbout[c.Mode], map[string]string{
		"all":   "DATABASE_URL=postgres://dedupe@db/dedupe REDIS_URL=redis://redis:6379/0 dedupe all",
		"serve": "dedupe serve --database-url postgres://dedupe@db/dedupe --redis-url redis://redis:6379/0 --http-addr :8080",
		"work":  "DEDUPE_CONCURRENCY=20 dedupe work --database-url postgres://dedupe@db/dedupe --redis-url redis://redis:6379/0",
	}[c.Mode])
	cfg := &config{}
	databaseURLFlag(cl, &cfg.databaseURL)
	cl.fs.StringVar(&cfg.redisURL, "redis-url", "redis://127.0.0.1:6379/0",
		"Redis `URL` of the queue; also redis-sentinel://HOST:PORT,HOST:PORT?master=NAME\nand redis-cluster://HOST:PORT,HOST:PORT")
	cl.env("redis-url", "REDIS_URL")
	if hasAPI {
		cl.fs.StringVar(&cfg.httpAddr, "http-addr", ":8080", "`ADDRESS` the API listens on")
		cl.env("http-addr", "DEDUPE_HTTP_ADDR")
		cl.fs.Float64Var(&cfg.rateLimit, "rate-limit", api.DefaultRateLimit, "requests per second per API token, answered 429 above; negative: no limit")
		cl.env("rate-limit", "DEDUPE_RATE_LIMIT")
		cl.fs.IntVar(&cfg.rateBurst, "rate-burst", api.DefaultRateBurst, "burst of requests per API token")
		cl.env("rate-burst", "DEDUPE_RATE_BURST")
		cl.fs.DurationVar(&cfg.shutdownDelay, "shutdown-delay", 0, "`DURATION` the API goes on serving once asked to stop, /readyz answering\n503, so that a load balancer takes it out of its pool first; 0: none")
		cl.env("shutdown-delay", "DEDUPE_SHUTDOWN_DELAY")
		cl.fs.BoolVar(&cfg.tokenCache, "token-cache", true, "keep authenticated API tokens in memory, emptied on every token change\nPostgreSQL notifies; false: one database look-up per request")
		cl.env("token-cache", "DEDUPE_TOKEN_CACHE")
	}
	if hasWorker {
		cl.fs.IntVar(&cfg.concurrency, "concurrency", worker.DefaultConcurrency, "bookings and sales processed at once; those of a tenant waiting together\ncommit together, so it also bounds a batch")
		cl.env("concurrency", "DEDUPE_CONCURRENCY")
		cl.fs.IntVar(&cfg.maxBatch, "max-batch", worker.DefaultMaxBatch, "most bookings and sales of one tenant recorded by one transaction:\nthose waiting together commit together; 1: one transaction each")
		cl.env("max-batch", "DEDUPE_MAX_BATCH")
		cl.fs.StringVar(&cfg.metricsTenants, "metrics-tenants", "", "`SLUGS` of tenants counted apart in dedupe_decisions_total,\ncomma-separated; the others count as \"other\"")
		cl.env("metrics-tenants", "DEDUPE_METRICS_TENANTS")
	}
	if c.Mode == "work" {
		cl.fs.StringVar(&cfg.metricsAddr, "metrics-addr", ":9090", "`ADDRESS` the worker serves /metrics, /healthz and /readyz on")
		cl.env("metrics-addr", "DEDUPE_METRICS_ADDR")
	}
	cl.fs.DurationVar(&cfg.idleTimeout, "http-idle-timeout", serverTimeouts.idle, "`DURATION` an idle keep-alive connection stays open; longer than the idle\ntimeout of a proxy or load balancer in front, which otherwise sends a\nrequest on a connection dedupe is closing (a 502)")
	cl.env("http-idle-timeout", "DEDUPE_HTTP_IDLE_TIMEOUT")
	cl.fs.BoolVar(&cfg.webhookAllowPrivate, "webhook-allow-private", false, "accept webhook endpoints at loopback and private addresses, http:// to\nthose only, and deliver to them (tests, on-premise set-ups); off: https://\nto public addresses only")
	cl.env("webhook-allow-private", "DEDUPE_WEBHOOK_ALLOW_PRIVATE")
	cl.fs.IntVar(&cfg.maxConns, "db-max-conns", 0, "PostgreSQL pool size; 0 is pgx's default")
	cl.env("db-max-conns", "DEDUPE_DB_MAX_CONNS")
	logLevel := cl.fs.String("log-level", "info", "`LEVEL` of the JSON logs on stderr: debug (each request and decision,\nwith ids only), info, warn or error")
	cl.env("log-level", "DEDUPE_LOG_LEVEL")
	cl.fs.BoolVar(&cfg.pprof, "pprof", false, "serve Go's profiler at /debug/pprof/, for benchmarks: it shows internals")
	cl.env("pprof", "DEDUPE_PPROF")
	if _, err := cl.parse(args); err != nil {
		return nil, err
	}
	if err := cfg.logLevel.UnmarshalText([]byte(*logLevel)); err != nil {
		return nil, cl.invalid("log-level", errors.New("want debug, info, warn or error"))
	}
	var err error
	if cfg.redisOpt, err = redisConnOpt(cfg.redisURL); err != nil {
		return nil, cl.invalid("redis-url", err)
	}
	for name, v := range map[string]int{"concurrency": cfg.concurrency, "max-batch": cfg.maxBatch, "rate-burst": cfg.rateBurst, "db-max-conns": cfg.maxConns} {
		if v < 0 {
			return nil, cl.invalid(name, fmt.Errorf("%d is negative", v))
		}
	}
	if cfg.shutdownDelay < 0 {
		return nil, cl.invalid("shutdown-delay", fmt.Errorf("%s is negative", cfg.shutdownDelay))
	}
	if cfg.idleTimeout <= 0 {
		return nil, cl.invalid("http-idle-timeout", fmt.Errorf("%s is not a positive duration", cfg.idleTimeout))
	}
	return cfg, nil
}
