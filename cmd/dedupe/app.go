package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"dedupe/api"
	"dedupe/store"
	"dedupe/worker"
)

// Main is the program: it parses a command line and runs it, owning every
// server it starts so that one Close shuts them all down in order.
type Main struct {
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string

	log         *slog.Logger
	store       *store.Store
	queue       *worker.Client
	worker      *worker.Worker
	inspector   *asynq.Inspector // reads queue statistics for /metrics
	unlist      func()           // stops listing the queues in Redis, and waits
	servers     []*http.Server
	httpAddr    string
	metricsAddr string // the worker's (work only)
	// api is the API's server (all and serve), which Drain marks as
	// stopping; drainFor is how long it goes on serving after that
	// (--shutdown-delay).
	api      *api.Server
	drainFor time.Duration
}

// NewMain returns a Main wired to the process's streams and environment.
func NewMain() *Main {
	return &Main{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}

// Run runs the command line args (without the program name) to
// completion. The service commands run until ctx is cancelled, then shut
// down gracefully. -h and --help print the usage and return nil; a command
// line or an environment it refuses is a *UsageError, returned before any
// connection is opened.
func (m *Main) Run(ctx context.Context, args []string) error {
	err := m.run(ctx, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return refused(err)
}

// refused reads a value the store refused as not acceptable
// (store.ErrInvalid: a slug, a region, a scope, an event type of the
// command line) as a refused command line, exit status 2, as a flag
// whose value does not parse is. A value the database refused in the
// course of the work (store.DataError) stays a failure.
func refused(err error) error {
	var usage *UsageError
	var data *store.DataError
	if !errors.Is(err, store.ErrInvalid) || errors.As(err, &usage) || errors.As(err, &data) {
		return err
	}
	return &UsageError{Err: errors.New(strings.TrimPrefix(err.Error(), store.ErrInvalid.Error()+": "))}
}

func (m *Main) run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		m.usage(m.Stderr)
		return &UsageError{Err: errors.New("no command given")}
	}
	name, args := args[0], args[1:]
	switch name {
	case "-h", "-help", "--help":
		m.usage(m.Stdout)
		return nil
	case "help":
		if len(args) == 0 {
			m.usage(m.Stdout)
			return nil
		}
		// dedupe help tenant create: the command's own help.
		return m.run(ctx, append(args, "-h"))
	case "-version", "--version":
		return m.run(ctx, append([]string{"version"}, args...))
	case "tenant", "token", "webhook":
		if len(args) == 0 || strings.HasPrefix(args[0], "-") {
			return m.group(name, args)
		}
		name, args = name+" "+args[0], args[1:]
	}
	switch name {
	case "all", "serve", "work":
		return (&ServiceCommand{m: m, Mode: name}).Run(ctx, args)
	case "migrate":
		return (&MigrateCommand{m: m}).Run(ctx, args)
	case "tenant create":
		return (&TenantCreateCommand{m: m}).Run(ctx, args)
	case "tenant show", "tenant policy":
		return (&TenantPolicyCommand{m: m, Change: name == "tenant policy"}).Run(ctx, args)
	case "token create":
		return (&TokenCreateCommand{m: m}).Run(ctx, args)
	case "token list":
		return (&TokenListCommand{m: m}).Run(ctx, args)
	case "token revoke":
		return (&TokenRevokeCommand{m: m}).Run(ctx, args)
	case "erase":
		return (&EraseCommand{m: m}).Run(ctx, args)
	case "webhook create":
		return (&WebhookCreateCommand{m: m}).Run(ctx, args)
	case "webhook list":
		return (&WebhookListCommand{m: m}).Run(ctx, args)
	case "webhook enable":
		return (&WebhookEnableCommand{m: m}).Run(ctx, args)
	case "webhook delete":
		return (&WebhookDeleteCommand{m: m}).Run(ctx, args)
	case "import":
		return (&ImportCommand{m: m}).Run(ctx, args)
	case "scan":
		return (&ScanCommand{m: m}).Run(ctx, args)
	case "healthcheck":
		return (&HealthcheckCommand{m: m}).Run(ctx, args)
	case "loadgen":
		return (&LoadgenCommand{m: m}).Run(ctx, args)
	case "version":
		return (&VersionCommand{m: m}).Run(ctx, args)
	}
	if group, sub, ok := strings.Cut(name, " "); ok {
		return m.group(group, []string{sub})
	}
	m.usage(m.Stderr)
	return &UsageError{Err: fmt.Errorf("unknown command %q", name)}
}

// commands lists the commands for the usage, in the order it shows them.
var commands = []struct{ name, summary string }{
	{"all", "run the HTTP API and the worker in one process, migrating first"},
	{"serve", "run the HTTP API and the review pages"},
	{"work", "run the queue worker"},
	{"migrate", "apply the embedded schema migrations (--dry-run prints their SQL; --citus sets up Citus)"},
	{"tenant create", "create a tenant and print its id"},
	{"tenant show", "print a tenant and its matching policy as JSON"},
	{"tenant policy", "change a tenant's matching policy"},
	{"token create", "create an API token and print it, once"},
	{"token list", "list a tenant's tokens: ids, labels, scopes, never secrets"},
	{"token revoke", "revoke a token; it stops working at once"},
	{"erase", "erase a person on request (GDPR); it cannot be undone"},
	{"webhook create", "register a webhook endpoint and print it with its secret, once"},
	{"webhook list", "list a tenant's webhook endpoints, never their secrets"},
	{"webhook enable", "turn a disabled webhook endpoint back on; what it had yet to receive is sent"},
	{"webhook delete", "delete a webhook endpoint; nothing more is sent to it"},
	{"import", "load an existing customer file from CSV, without merging"},
	{"scan", "propose every duplicate group of a tenant's file for review"},
	{"healthcheck", "exit 0 when a URL answers 2xx (container health checks)"},
	{"loadgen", "send synthetic bookings; report throughput, latency and dedupe quality"},
	{"version", "print the module version and VCS revision"},
	{"help", "print this list, or a command's help: dedupe help COMMAND"},
}

// usage prints the program's usage: the commands, one line each.
func (m *Main) usage(w io.Writer) {
	var b strings.Builder
	b.WriteString(`Usage: dedupe <command> [flags] [arguments]

dedupe deduplicates the customer profiles that bookings and web sales create.

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-15s %s\n", c.name, c.summary)
	}
	b.WriteString(`
Run "dedupe <command> -h" for a command's flags, environment variables and an
example. Exit status: 0 done, 1 failed, 2 refused command line or environment.
`)
	io.WriteString(w, b.String())
}

// group handles "dedupe tenant" and "dedupe token" without a subcommand:
// -h lists their subcommands, anything else is a usage error.
func (m *Main) group(name string, args []string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: dedupe %s <command> [flags]\n\nCommands:\n", name)
	for _, c := range commands {
		if sub, ok := strings.CutPrefix(c.name, name+" "); ok {
			fmt.Fprintf(&b, "  %-15s %s\n", sub, c.summary)
		}
	}
	fmt.Fprintf(&b, "\nRun \"dedupe %s <command> -h\" for a command's flags and an example.\n", name)
	if len(args) > 0 && slices.Contains([]string{"-h", "-help", "--help"}, args[0]) {
		io.WriteString(m.Stdout, b.String())
		return nil
	}
	io.WriteString(m.Stderr, b.String())
	if len(args) == 0 {
		return &UsageError{Cmd: name, Err: errors.New("no command given")}
	}
	return &UsageError{Cmd: name, Err: fmt.Errorf("unknown command %q", args[0])}
}

// Start starts the servers of a service command ("all", "serve" or
// "work") and returns once they listen.
func (m *Main) Start(ctx context.Context, mode string, args []string) error {
	c, err := (&ServiceCommand{m: m, Mode: mode}).parse(args)
	if err != nil {
		return err
	}
	m.log = slog.New(slog.NewJSONHandler(m.Stderr, &slog.HandlerOptions{Level: c.logLevel}))
	redis.SetLogger(redisLog{m.log})
	redisOpt := c.redisOpt
	m.store, err = store.Open(ctx, store.Config{URL: c.databaseURL, MaxConns: int32(c.maxConns)})
	if err != nil {
		return err
	}
	if err := m.checkDatabase(ctx); err != nil {
		return err
	}
	if mode == "all" {
		if err := m.store.Migrate(ctx); err != nil {
			return err
		}
	}
	reg := m.newRegistry(redisOpt)
	m.keepQueuesListed(redisOpt)

	if mode == "all" || mode == "work" {
		m.worker, err = worker.New(worker.Config{Store: m.store, Redis: redisOpt, Concurrency: c.concurrency,
			MaxBatch: c.maxBatch, Logger: m.log, Registry: reg, MetricsTenants: splitList(c.metricsTenants), WebhookAllowPrivate: c.webhookAllowPrivate})
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
			RateLimit: c.rateLimit, RateBurst: c.rateBurst, WebhookAllowPrivate: c.webhookAllowPrivate})
		if err != nil {
			return err
		}
		addr, err := m.listen(c.httpAddr, m.withPprof(c.pprof, srv), c.idleTimeout)
		if err != nil {
			return err
		}
		m.api, m.drainFor = srv, c.shutdownDelay
		m.httpAddr = addr
		m.log.Info("serving HTTP", "addr", addr)
	}
	if mode == "work" {
		addr, err := m.listen(c.metricsAddr, m.withPprof(c.pprof, api.WorkerHandler(reg, m.store, m.worker)), c.idleTimeout)
		if err != nil {
			return err
		}
		m.metricsAddr = addr
		m.log.Info("serving metrics", "addr", addr)
	}
	return nil
}

// checkDatabase connects to PostgreSQL once before the servers start. A
// database that refuses the URL (a wrong password, role or database name)
// stops the start: no retry will get past it, and a worker started anyway
// would fail every booking until its retries ran out. One that cannot be
// reached yet (stopped, or still starting beside the service) does not:
// the service starts, /readyz names it, and the pool keeps trying.
func (m *Main) checkDatabase(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	err := m.store.Ping(ctx)
	if errors.Is(err, store.ErrRejected) {
		m.store.Close()
		m.store = nil
		return fmt.Errorf("DATABASE_URL: %w", err)
	}
	if err != nil {
		m.log.Warn("PostgreSQL is not reachable yet; starting anyway, /readyz reports it until it is", "err", err)
	}
	return nil
}

// redisLog writes go-redis's own notes (a pool that could not dial) as
// the service's JSON log lines, where go-redis writes plain text to
// stderr. It is the process's: go-redis has one logger.
type redisLog struct{ log *slog.Logger }

func (l redisLog) Printf(ctx context.Context, format string, v ...any) {
	l.log.WarnContext(ctx, "redis client", "component", "go-redis", "note", fmt.Sprintf(format, v...))
}

// keepQueuesListed lists the queues in Redis every minute until Close, so
// that the queue metrics and an accepted booking's status come back after
// Redis lost its data (worker.KeepQueuesListed).
func (m *Main) keepQueuesListed(redisOpt asynq.RedisConnOpt) {
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		worker.KeepQueuesListed(ctx, redisOpt, time.Minute, m.log)
	}()
	m.unlist = func() { stop(); <-done }
}

// httpTimeouts are an HTTP server's timeouts.
type httpTimeouts struct {
	readHeader, read, write, idle time.Duration
}

// serverTimeouts are dedupe's. A request has read to arrive and write to be
// answered. A keep-alive connection waits idle for its next request:
// longer than the idle timeout of the load balancers and proxies usually
// put in front (60 s for nginx's upstream connections and AWS's load
// balancers), so that the proxy, not dedupe, closes an idle connection. A
// server that closes it first races the proxy's next request on it, which
// the client receives as a 502. Unset, Go's idle timeout is the read
// timeout, 30 s. The idle timeout is the default of --http-idle-timeout,
// for proxies that keep theirs longer (Google Cloud's and Cloudflare's).
var serverTimeouts = httpTimeouts{readHeader: 10 * time.Second, read: 30 * time.Second, write: 30 * time.Second, idle: 2 * time.Minute}

// newHTTPServer returns a server of h with the timeouts t.
func newHTTPServer(h http.Handler, t httpTimeouts) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: t.readHeader, ReadTimeout: t.read, WriteTimeout: t.write, IdleTimeout: t.idle}
}

// listen serves h on addr in the background, with serverTimeouts and
// the idle timeout idle, and returns the bound address.
func (m *Main) listen(addr string, h http.Handler, idle time.Duration) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("listen %s: %w", addr, err)
	}
	t := serverTimeouts
	t.idle = idle
	srv := newHTTPServer(h, t)
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

// MetricsAddr is the address `dedupe work` serves /metrics, /healthz and
// /readyz on, once started.
func (m *Main) MetricsAddr() string { return m.metricsAddr }

// Drain, before Close, has /readyz answer 503 while the API goes on
// serving for the shutdown delay, so that a load balancer that reads it
// takes the process out of its pool before it stops listening. It
// returns at once without a delay, or early when ctx ends: the service
// commands end it on a second SIGTERM or interrupt.
func (m *Main) Drain(ctx context.Context) {
	if m.api == nil || m.drainFor <= 0 {
		return
	}
	m.api.Drain()
	m.log.Info("draining: /readyz answers 503 while the API serves", "delay", m.drainFor.String())
	t := time.NewTimer(m.drainFor)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// Close shuts down in dependency order: stop taking HTTP requests and let
// in-flight ones finish (up to 30 s) while the worker stops (active tasks
// finish within 25 s or go back to the queue), then close the queue client
// and the database pool. The two stops run at once, neither needing the
// other (a request queues its task in Redis, not with this worker), so that
// `dedupe all` stops within the 40 s a container is given, as `serve` and
// `work` each do.
func (m *Main) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var workerStopped sync.WaitGroup
	if w := m.worker; w != nil {
		workerStopped.Add(1)
		go func() {
			defer workerStopped.Done()
			w.Shutdown()
		}()
		m.worker = nil
	}
	var errs []error
	for _, srv := range m.servers {
		errs = append(errs, srv.Shutdown(ctx))
	}
	m.servers = nil
	workerStopped.Wait()
	if m.queue != nil {
		errs = append(errs, m.queue.Close())
		m.queue = nil
	}
	if m.unlist != nil {
		m.unlist()
		m.unlist = nil
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
