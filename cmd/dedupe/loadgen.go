package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/hibiken/asynq"

	"dedupe/loadgen"
)

// loadgen runs `dedupe loadgen`: synthetic bookings and sales against a
// running service, then a report of throughput, latency and dedupe
// quality. Progress goes to stderr, the report to stdout.
func (m *Main) loadgen(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("dedupe loadgen", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	var cfg loadgen.Config
	var redisURL string
	var asJSON, quiet bool
	fs.StringVar(&cfg.Mode, "mode", loadgen.ModeHTTP, "http: POST to the API at --url; queue: enqueue the worker's task in Redis; store: run the worker's transaction in-process (the store bound)")
	fs.StringVar(&cfg.URL, "url", loadgen.DefaultURL, "the service's base URL (http mode)")
	fs.StringVar(&cfg.DatabaseURL, "database-url", m.Getenv("DATABASE_URL"), "the service's PostgreSQL: tenants are created there and the outcome read back")
	fs.StringVar(&redisURL, "redis-url", m.env("REDIS_URL", "redis://127.0.0.1:6379/0"), "the service's Redis: the queue's lag, and the queue mode's target")
	fs.IntVar(&cfg.Tenants, "tenants", 1, "tenants to create and spread the load over")
	fs.IntVar(&cfg.Customers, "customers", 10_000, "size of the synthetic population")
	fs.Float64Var(&cfg.DuplicateRate, "duplicate-rate", 0.5, "share of requests from a customer who booked at the tenant before")
	fs.Float64Var(&cfg.TypoRate, "typo-rate", 0.1, "share of requests typed differently: a one-letter name typo, another phone format, email case or spaces")
	fs.Float64Var(&cfg.SharedEmailRate, "shared-email-rate", 0.05, "share of customers booking with a family member's email (another first name)")
	fs.Float64Var(&cfg.SalesRate, "sales-rate", 0.2, "share of web sales among the requests")
	fs.Float64Var(&cfg.Rate, "rate", 0, "requests per second to offer; 0 is as fast as the service takes them")
	fs.DurationVar(&cfg.Duration, "duration", 0, "stop sending after this long")
	fs.IntVar(&cfg.Count, "count", 0, "stop sending after this many requests (1000 when neither --count nor --duration is given)")
	fs.IntVar(&cfg.Concurrency, "concurrency", 10, "requests in flight at once")
	fs.IntVar(&cfg.MaxQueue, "max-queue", 0, "hold the sending back while more than this many tasks wait in the queue (needs Redis; 0: no limit)")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed: the same seed and flags send the same requests")
	fs.DurationVar(&cfg.DrainTimeout, "drain-timeout", 2*time.Minute, "how long to wait for the queue to drain once sending stops")
	fs.BoolVar(&cfg.NoFuzzyWait, "no-fuzzy-wait", false, "do not wait for the fuzzy searches after the drain (their review candidates are then counted in part)")
	fs.BoolVar(&cfg.Cleanup, "cleanup", false, "delete the run's tenants and all their rows after the report")
	fs.BoolVar(&asJSON, "json", false, "print the report as JSON")
	fs.BoolVar(&quiet, "quiet", false, "no progress lines on stderr")
	fs.DurationVar(&cfg.ProgressInterval, "progress-every", time.Second, "time between progress lines")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("loadgen takes no arguments, got %q", fs.Args())
	}
	if !quiet {
		cfg.Progress = m.Stderr
	}
	if cfg.Mode != loadgen.ModeStore {
		opt, err := asynq.ParseRedisURI(redisURL)
		if err != nil {
			return fmt.Errorf("REDIS_URL: %w", err)
		}
		insp := asynq.NewInspector(opt)
		_, err = insp.Queues()
		insp.Close()
		switch {
		case err == nil:
			cfg.Redis = opt
		case cfg.Mode == loadgen.ModeQueue:
			return fmt.Errorf("redis: %w", err)
		default:
			fmt.Fprintf(m.Stderr, "loadgen: no queue statistics (%v); the drain is watched in PostgreSQL\n", err)
		}
	}
	rep, err := loadgen.Run(ctx, cfg)
	if rep != nil {
		if asJSON {
			enc := json.NewEncoder(m.Stdout)
			enc.SetIndent("", "  ")
			err = errors.Join(err, enc.Encode(rep))
		} else {
			err = errors.Join(err, rep.WriteText(m.Stdout))
		}
		if rep.Missing > 0 {
			err = errors.Join(err, fmt.Errorf("%d accepted requests were not processed within --drain-timeout", rep.Missing))
		}
	}
	return err
}
