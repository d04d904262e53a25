package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hibiken/asynq"

	"dedupe/loadgen"
)

// LoadgenCommand sends synthetic bookings and sales to a running service,
// then reports throughput, latency and dedupe quality. Progress goes to
// stderr, the report to stdout.
type LoadgenCommand struct{ m *Main }

// Run runs `dedupe loadgen`.
func (c *LoadgenCommand) Run(ctx context.Context, args []string) error {
	cl := c.m.cmdline("loadgen", "[--mode http|queue|store] [--count N | --duration D] [flags]",
		`Send synthetic bookings and sales to a running service, wait for the queue to
drain, and report throughput, accept-to-commit latency, the decisions, and the
dedupe quality against the synthetic population's known truth. It creates its
own tenants (loadgen-<run>-N) in the service's database. A progress line a
second goes to stderr, the report to stdout.`,
		"dedupe loadgen --tenants 2 --count 5000 --rate 200 --cleanup\ndedupe loadgen --mode store --duration 1m --json")
	var cfg loadgen.Config
	var redisURL string
	var asJSON, quiet bool
	fs := cl.fs
	fs.StringVar(&cfg.Mode, "mode", loadgen.ModeHTTP, "how to send, `MODE`: http POSTs to the API at --url; queue enqueues the\nworker's task in Redis; store runs the worker's transaction in-process\n(the store bound)")
	fs.StringVar(&cfg.URL, "url", loadgen.DefaultURL, "the service's base `URL`, for the http mode")
	databaseURLFlag(cl, &cfg.DatabaseURL)
	fs.Lookup("database-url").Usage = "the service's PostgreSQL `URL`: tenants are created there and the outcome read back"
	fs.StringVar(&redisURL, "redis-url", "redis://127.0.0.1:6379/0", "the service's Redis `URL`: the queue's lag, and the queue mode's target")
	cl.env("redis-url", "REDIS_URL")
	fs.IntVar(&cfg.Tenants, "tenants", 1, "tenants to create and spread the load over")
	fs.IntVar(&cfg.Customers, "customers", 10_000, "size of the synthetic population")
	fs.Float64Var(&cfg.DuplicateRate, "duplicate-rate", 0.5, "share of requests from a customer who booked at the tenant before, from 0 to 1")
	fs.Float64Var(&cfg.TypoRate, "typo-rate", 0.1, "share of requests typed differently: a one-letter name typo, another phone\nformat, email case or spaces, from 0 to 1")
	fs.Float64Var(&cfg.SharedEmailRate, "shared-email-rate", 0.05, "share of customers booking with a family member's email (another first name), from 0 to 1")
	fs.Float64Var(&cfg.SalesRate, "sales-rate", 0.2, "share of web sales among the requests, from 0 to 1")
	fs.Float64Var(&cfg.Rate, "rate", 0, "requests per second to offer; 0 is as fast as the service takes them")
	fs.DurationVar(&cfg.Duration, "duration", 0, "stop sending after this long, such as 10m")
	fs.IntVar(&cfg.Count, "count", 0, "stop sending after `N` requests; 1000 when neither --count nor --duration is given")
	fs.IntVar(&cfg.Concurrency, "concurrency", 10, "requests in flight at once")
	fs.IntVar(&cfg.MaxQueue, "max-queue", 0, "hold the sending back while more than `N` tasks wait in the queue;\nneeds Redis; 0 is no limit")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random `SEED`: the same seed and flags send the same requests")
	fs.DurationVar(&cfg.DrainTimeout, "drain-timeout", 2*time.Minute, "how long to wait for the queue to drain once sending stops")
	fs.BoolVar(&cfg.NoFuzzyWait, "no-fuzzy-wait", false, "do not wait for the fuzzy searches after the drain; their review\ncandidates are then counted in part")
	fs.BoolVar(&cfg.Cleanup, "cleanup", false, "delete the run's tenants and all their rows after the report")
	fs.BoolVar(&asJSON, "json", false, "print the report as JSON")
	fs.BoolVar(&quiet, "quiet", false, "no progress lines on stderr")
	fs.DurationVar(&cfg.ProgressInterval, "progress-every", time.Second, "time between progress lines")
	if _, err := cl.parse(args); err != nil {
		return err
	}
	if !quiet {
		cfg.Progress = c.m.Stderr
	}
	var redisOpt asynq.RedisConnOpt
	if cfg.Mode != loadgen.ModeStore {
		opt, err := asynq.ParseRedisURI(redisURL)
		if err != nil {
			return cl.invalid("redis-url", err)
		}
		redisOpt, cfg.Redis = opt, opt
	}
	if err := cfg.Validate(); err != nil {
		return cl.fail(err)
	}
	if redisOpt != nil {
		insp := asynq.NewInspector(redisOpt)
		_, err := insp.Queues()
		insp.Close()
		switch {
		case err == nil:
		case cfg.Mode == loadgen.ModeQueue:
			return fmt.Errorf("redis: %w", err)
		default:
			cfg.Redis = nil
			fmt.Fprintf(c.m.Stderr, "loadgen: no queue statistics (%v); the drain is watched in PostgreSQL\n", err)
		}
	}
	rep, err := loadgen.Run(ctx, cfg)
	if rep != nil {
		if asJSON {
			enc := json.NewEncoder(c.m.Stdout)
			enc.SetIndent("", "  ")
			err = errors.Join(err, enc.Encode(rep))
		} else {
			err = errors.Join(err, rep.WriteText(c.m.Stdout))
		}
		if rep.Sent > 0 && rep.Accepted == 0 {
			err = errors.Join(err, fmt.Errorf("none of the %d requests was accepted: %s", rep.Sent, rep.FirstError))
		}
		if rep.Missing > 0 {
			err = errors.Join(err, fmt.Errorf("%d accepted requests were not processed within --drain-timeout", rep.Missing))
		}
	}
	return err
}
