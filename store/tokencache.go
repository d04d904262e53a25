package store

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// tokenChannel is the channel a trigger on api_tokens notifies on every
// change (migration 0005).
const tokenChannel = "dedupe_api_tokens"

// tokenCache keeps the tokens an API process authenticated recently, so
// that a request does not cost a database round trip (it was one of the two
// transactions per booking, docs/performance.md).
//
// The cache is trusted only while a dedicated connection LISTENs on
// tokenChannel: every notification empties it, and so does losing that
// connection, after which nothing is cached until it is back. A revoked
// token therefore stops working on every process as soon as the
// notification arrives (milliseconds after the revocation commits), and at
// once in the process that revoked it.
//
// A look-up that read the database before a notification must not fill
// the cache after it: each fill carries the generation it started under,
// and every notification or (dis)connection starts a new generation and
// empties the cache. So every entry belongs to the current generation and
// exists only while the listener listens.
type tokenCache struct {
	mu      sync.Mutex
	live    bool   // the listener is connected and listening
	gen     uint64 // bumped by every notification and (dis)connection
	entries map[string]cachedToken
	now     func() time.Time
}

type cachedToken struct {
	tok Token
	at  time.Time
}

const (
	// tokenTTL bounds how long an entry lives even when no notification
	// comes: a backstop, not the mechanism.
	tokenTTL = time.Minute
	// maxCachedTokens bounds the memory; past it the cache starts over.
	maxCachedTokens = 10_000
)

// listenIdle is how long the listener waits for a notification before
// checking that its connection still answers (a variable for the tests).
var listenIdle = 30 * time.Second

// get returns the cached token for a hash, and otherwise the generation a
// database look-up must hand to put.
func (c *tokenCache) get(hash []byte) (Token, uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[string(hash)]
	if ok && c.now().Sub(e.at) < tokenTTL {
		return e.tok, c.gen, true
	}
	return Token{}, c.gen, false
}

// put caches a token read from the database under generation gen, unless
// something changed since.
func (c *tokenCache) put(hash []byte, tok Token, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.live || gen != c.gen {
		return
	}
	if len(c.entries) >= maxCachedTokens {
		clear(c.entries)
	}
	c.entries[string(hash)] = cachedToken{tok: tok, at: c.now()}
}

// reset empties the cache and starts a new generation; live says whether
// the listener is listening.
func (c *tokenCache) reset(live bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.live = live
	c.newGeneration()
}

// invalidate empties the cache and starts a new generation.
func (c *tokenCache) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.newGeneration()
}

// newGeneration starts a generation with an empty cache; c.mu is held.
func (c *tokenCache) newGeneration() {
	c.gen++
	clear(c.entries)
}

// CacheTokens makes Authenticate keep the tokens it found in memory, with a
// connection of its own listening for their changes (see tokenCache). Call
// it once, in processes that serve the API; Close stops it.
func (s *Store) CacheTokens(log *slog.Logger) {
	if log == nil {
		log = slog.Default()
	}
	c := &tokenCache{entries: map[string]cachedToken{}, now: s.now}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	s.tokens = c
	s.stopTokens = func() { cancel(); <-done }
	go func() {
		defer close(done)
		s.listenTokens(ctx, c, log)
	}()
}

// listenTokens keeps a connection listening on tokenChannel until ctx ends,
// reconnecting after a failure: after 1 s, doubling up to 30 s while
// PostgreSQL does not answer, and from 1 s again once a connection
// listened (each outage starts over).
func (s *Store) listenTokens(ctx context.Context, c *tokenCache, log *slog.Logger) {
	wait := time.Second
	failed := false
	for {
		err := s.listenOnce(ctx, c, func() {
			if failed {
				log.Info("token cache on again: its notification connection is back")
			}
			failed, wait = false, time.Second
		})
		c.reset(false)
		if ctx.Err() != nil {
			return
		}
		failed = true
		log.Warn("token cache off: its notification connection failed; retrying", "err", err, "retry_in", wait.String())
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, 30*time.Second)
	}
}

// listenOnce connects, listens (then calls listening), and empties the
// cache on every notification, until the connection fails or ctx ends.
func (s *Store) listenOnce(ctx context.Context, c *tokenCache, listening func()) error {
	conn, err := pgx.ConnectConfig(ctx, s.pool.Config().ConnConfig.Copy())
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+tokenChannel); err != nil {
		return err
	}
	c.reset(true)
	listening()
	for {
		wctx, cancel := context.WithTimeout(ctx, listenIdle)
		_, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			c.invalidate()
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, context.DeadlineExceeded) && !conn.IsClosed():
			// Quiet for a while: make sure the connection still answers.
			pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			err := conn.Ping(pctx)
			cancel()
			if err != nil {
				return err
			}
		default:
			return err
		}
	}
}
