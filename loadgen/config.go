package loadgen

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"time"

	"github.com/hibiken/asynq"

	"dedupe/matcher"
)

// Modes: how deep into the pipeline the load is sent.
const (
	// ModeHTTP posts bookings and sales to the API of a running service.
	ModeHTTP = "http"
	// ModeQueue enqueues the worker's task directly, as the API does.
	ModeQueue = "queue"
	// ModeStore runs the worker's transaction, store.Ingest, in-process:
	// no HTTP, no queue. Its throughput is the store bound.
	ModeStore = "store"
)

// DefaultURL is where ModeHTTP sends by default: a service on this machine.
const DefaultURL = "http://127.0.0.1:8080"

// Tenant is a tenant the load is sent to.
type Tenant struct {
	ID    string `json:"id"`
	Slug  string `json:"slug"`
	Token string `json:"-"` // an ingest,read token, for ModeHTTP
}

// Config configures a run. The rates are shares between 0 and 1; zero
// means none (the command line has the defaults).
type Config struct {
	// Mode is ModeHTTP (default), ModeQueue or ModeStore.
	Mode string
	// URL is the service's base URL for ModeHTTP. Default DefaultURL.
	URL string
	// DatabaseURL is the service's PostgreSQL: loadgen creates its tenants
	// there and reads the outcome back. Required.
	DatabaseURL string
	// Redis is the service's queue. Required for ModeQueue; in ModeHTTP
	// it shows the queue's lag and tells when the queue has drained
	// (without it loadgen polls PostgreSQL).
	Redis asynq.RedisConnOpt

	// Tenants is how many tenants to create and spread the load over.
	// Default 1.
	Tenants int
	// Customers is the size of the synthetic population. Default 10,000.
	Customers int
	// DuplicateRate is how often a booking comes from a customer who
	// booked at the tenant before.
	DuplicateRate float64
	// TypoRate is how often a booking is typed differently: a one-letter
	// typo in a name, the mobile written another way ("06 12 34 56 78",
	// "+33612345678"), the email in capitals or with spaces.
	TypoRate float64
	// SharedEmailRate is how often a customer books with a family
	// member's email (and another first name): the name guard must keep
	// them apart.
	SharedEmailRate float64
	// SalesRate is the share of web sales among the requests.
	SalesRate float64

	// Rate is the requests per second to offer; 0 sends as fast as the
	// service takes them.
	Rate float64
	// Duration and Count stop the sending, whichever comes first. When
	// both are zero, Count is 1,000: a run always stops by itself.
	Duration time.Duration
	Count    int
	// Concurrency is how many requests are in flight at once. Default 10,
	// the worker's default concurrency.
	Concurrency int
	// MaxQueue, when set, holds the sending back while more than this many
	// tasks wait in the ingest queue: the load adapts to what the worker
	// keeps up with, so an as-fast-as-possible run measures the pipeline's
	// sustained rate with the API and the worker sharing the machine,
	// instead of the API's accept rate followed by a long drain. It needs
	// Redis. 0: no limit.
	MaxQueue int
	// Seed makes a run reproducible: the same seed and flags send the same
	// bookings in the same order. It picks who books and how they type;
	// the people themselves are the same in every run. Default 1.
	Seed uint64
	// NoFuzzyWait skips the wait for the fuzzy queue after the drain: the
	// review candidates the fuzzy search would open are then counted only
	// in part (FuzzyPending says how many searches still waited).
	NoFuzzyWait bool

	// DrainTimeout bounds the wait for the queue to drain once sending
	// has stopped. Default 2 minutes.
	DrainTimeout time.Duration
	// Cleanup deletes the tenants the run created, with all their rows,
	// once the report is made.
	Cleanup bool
	// Progress receives a progress line every ProgressInterval (default
	// 1 s) while the run sends and drains; nil for none.
	Progress         io.Writer
	ProgressInterval time.Duration
	// RunID names the run in tenant slugs and external ids. Default: 8
	// random hex digits.
	RunID string
	// Existing, when set, are tenants to send to instead of creating
	// them (a benchmark's pre-filled customer file). Cleanup leaves them.
	Existing []Tenant
	// Prepare, when set, runs once the tenants exist and before the first
	// request: a benchmark fills the customer file there.
	Prepare func(ctx context.Context, tenants []Tenant) error
	// HTTPClient sends the requests. Default: a client keeping
	// Concurrency connections alive.
	HTTPClient *http.Client
	// OnSent, when set, is told the fate of every request once it is
	// known (accepted, or refused after the retries), with the truth
	// behind it. The senders call it at once, so it must be safe for
	// concurrent use and quick. A test that merges profiles beside the
	// load uses it to merge only the profiles of one person.
	OnSent func(Sent)
}

// Sent is one request as Config.OnSent sees it. Customer holds personal
// data (synthetic, but shaped like the real thing): keep it out of logs.
type Sent struct {
	Tenant      int    // index into the run's tenants
	Person      int    // who made it: the population's truth
	ExternalID  string // unique to the request within the run
	IngestionID string
	Kind        string // store.KindBooking or store.KindSale
	// Accepted is true once the service took the request (ModeHTTP: 202);
	// Code says why not otherwise: an HTTP status, or "error" for a
	// transport error, whose request the service may still have taken.
	Accepted bool
	Code     string
	Customer matcher.Customer // as sent
}

func (c *Config) setDefaults() {
	c.Mode = cmp.Or(c.Mode, ModeHTTP)
	c.URL = cmp.Or(c.URL, DefaultURL)
	c.Tenants = cmp.Or(c.Tenants, 1)
	if len(c.Existing) > 0 {
		c.Tenants = len(c.Existing)
	}
	c.Customers = cmp.Or(c.Customers, 10_000)
	if c.Count == 0 && c.Duration == 0 {
		c.Count = 1000
	}
	c.Concurrency = cmp.Or(c.Concurrency, 10)
	c.Seed = cmp.Or(c.Seed, 1)
	c.DrainTimeout = cmp.Or(c.DrainTimeout, 2*time.Minute)
	c.ProgressInterval = cmp.Or(c.ProgressInterval, time.Second)
}

// Validate reports what makes c unusable, as Run would before it connects
// anywhere; a command line checks its flags with it.
func (c Config) Validate() error {
	c.setDefaults()
	return c.validate()
}

func (c *Config) validate() error {
	var errs []error
	if !slices.Contains([]string{ModeHTTP, ModeQueue, ModeStore}, c.Mode) {
		errs = append(errs, fmt.Errorf("mode %q is not http, queue or store", c.Mode))
	}
	if c.DatabaseURL == "" {
		errs = append(errs, errors.New("a database URL is needed to create the tenants and read the outcome (DATABASE_URL)"))
	}
	if c.Mode == ModeQueue && c.Redis == nil {
		errs = append(errs, errors.New("queue mode needs Redis (REDIS_URL)"))
	}
	for _, r := range []struct {
		name string
		v    float64
	}{{"duplicate rate", c.DuplicateRate}, {"typo rate", c.TypoRate}, {"shared email rate", c.SharedEmailRate}, {"sales rate", c.SalesRate}} {
		if r.v < 0 || r.v > 1 {
			errs = append(errs, fmt.Errorf("%s %v is not between 0 and 1", r.name, r.v))
		}
	}
	if c.Tenants < 1 || c.Customers < 1 || c.Concurrency < 1 || c.Count < 0 || c.Duration < 0 || c.Rate < 0 || c.MaxQueue < 0 {
		errs = append(errs, errors.New("tenants, customers and concurrency must be positive; count, duration, rate and max queue not negative"))
	}
	if c.MaxQueue > 0 && (c.Redis == nil || c.Mode == ModeStore) {
		errs = append(errs, errors.New("max queue needs the service's Redis (REDIS_URL) and the http or queue mode"))
	}
	if c.Mode == ModeHTTP {
		for _, t := range c.Existing {
			if t.Token == "" {
				errs = append(errs, fmt.Errorf("existing tenant %s has no token for http mode", t.Slug))
			}
		}
	}
	return errors.Join(errs...)
}
