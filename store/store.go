package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Errors the store returns; callers test them with errors.Is.
var (
	// ErrNotFound: no such row in this tenant. Another tenant's ids are
	// reported as not found too.
	ErrNotFound = errors.New("not found")
	// ErrConflict: the row exists already, or the change would break a
	// unique rule.
	ErrConflict = errors.New("conflict")
	// ErrInvalid: the input breaks a rule; the message says which.
	ErrInvalid = errors.New("invalid")
	// ErrUnavailable: PostgreSQL could not be reached or is shutting down;
	// retrying later is safe.
	ErrUnavailable = errors.New("database unavailable")
	// ErrNotPermitted: the database role may not do this (it does not
	// own the object, or lacks the privilege); retrying will not help.
	ErrNotPermitted = errors.New("not permitted")
	// ErrRejected: PostgreSQL answered but refused the connection's
	// settings: the role or its password, or a database that does not
	// exist. Waiting will not help; the URL must change. It matches
	// ErrUnavailable too.
	ErrRejected = errors.New("database refused the connection")
)

// Config configures a Store.
type Config struct {
	// URL is a PostgreSQL connection string (DATABASE_URL).
	URL string
	// MaxConns caps the pool; default 4 × GOMAXPROCS as pgxpool decides
	// when zero.
	MaxConns int32
	// Now returns the current time; tests inject a clock. Default time.Now.
	Now func() time.Time
}

func (c *Config) validate() error {
	if c.URL == "" {
		return errors.New("store: database URL is empty (set DATABASE_URL)")
	}
	if c.MaxConns < 0 {
		return errors.New("store: MaxConns must not be negative")
	}
	return nil
}

// Store is the PostgreSQL system of record. It is safe for concurrent use.
type Store struct {
	pool    *pgxpool.Pool
	tenants sync.Map // tenant id → Tenant, see cachedTenant
	fuzzy   sync.Map // tenant id → fuzzyTenant, see fuzzyModel
	now     func() time.Time
	// tokens, when set by CacheTokens, keeps authenticated tokens;
	// stopTokens stops its listener.
	tokens     *tokenCache
	stopTokens func()
}

// Open connects to PostgreSQL. It does not migrate; call Migrate.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	pc, err := pgxpool.ParseConfig(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("store: parse database URL: %w", err)
	}
	if cfg.MaxConns > 0 {
		pc.MaxConns = cfg.MaxConns
	}
	pc.AfterConnect = func(_ context.Context, c *pgx.Conn) error {
		registerStringUUIDs(c.TypeMap())
		return nil
	}
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	return &Store{pool: pool, now: now}, nil
}

// Close closes every connection.
func (s *Store) Close() {
	if s.stopTokens != nil {
		s.stopTokens()
	}
	s.pool.Close()
}

// Pool exposes the pool for its statistics (metrics) only.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Ping checks that PostgreSQL answers.
func (s *Store) Ping(ctx context.Context) error { return interpret(s.pool.Ping(ctx)) }

// Now returns the store's current time, truncated to PostgreSQL's precision
// so that values read back compare equal.
func (s *Store) Now() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// DataError says PostgreSQL refused a value: a data exception (SQLSTATE
// class 22: a NUL in text, a number out of range, malformed JSON) or an
// integrity rule no retry can satisfy. Retrying the same statement cannot
// help. It matches ErrInvalid. Its message names the SQLSTATE only: the
// server's message may quote the value, which may be personal data.
type DataError struct {
	Code string // the SQLSTATE
	err  error
}

func (e *DataError) Error() string {
	return "the database refused a value (SQLSTATE " + e.Code + ")"
}

// Is makes errors.Is(err, ErrInvalid) true.
func (e *DataError) Is(target error) bool { return target == ErrInvalid }

// Unwrap returns the driver's error.
func (e *DataError) Unwrap() error { return e.err }

// permanentIntegrity lists the integrity violations (class 23) that a
// retry cannot cure: a missing value, a broken check, a reference to a row
// that is gone. A unique violation is not among them: it may come from a
// race that a retry resolves.
var permanentIntegrity = map[string]bool{
	"23502": true, // not_null_violation
	"23503": true, // foreign_key_violation
	"23514": true, // check_violation
	"23P01": true, // exclusion_violation
}

// interpret translates pgx and PostgreSQL errors into the store's sentinels,
// keeping the original error in the chain. It is the only place that knows
// PostgreSQL's error codes.
func interpret(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case strings.HasPrefix(pgErr.Code, "22"), permanentIntegrity[pgErr.Code]:
			return &DataError{Code: pgErr.Code, err: err}
		}
		switch pgErr.Code {
		case "23505": // unique_violation
			return fmt.Errorf("%w: %w", ErrConflict, err)
		case "42501": // insufficient_privilege, and must be owner
			return fmt.Errorf("%w: %w", ErrNotPermitted, err)
		case "28000", "28P01", "3D000":
			// invalid authorization (no such role, or not allowed from
			// here), wrong password, no such database: unavailable too,
			// to a request that needed it
			return fmt.Errorf("%w (%w): %w", ErrRejected, ErrUnavailable, err)
		case "57P01", "57P02", "57P03", "53300", "08000", "08003", "08006":
			// admin shutdown, crash shutdown, cannot connect now, too many
			// connections, connection exceptions
			return fmt.Errorf("%w: %w", ErrUnavailable, err)
		}
		return err
	}
	var connErr *pgconn.ConnectError
	if errors.As(err, &connErr) || pgconn.SafeToRetry(err) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	return err
}
