package store_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"dedupe/internal/logtest"
	"dedupe/internal/storetest"
	"dedupe/store"
)

// openTwo opens two stores on one database, as an API process (with the
// token cache, listening) and a command-line process would.
func openTwo(t *testing.T) (api, cli *store.Store, secret string) {
	t.Helper()
	return openTwoLogging(t, nil)
}

// openTwoLogging is openTwo with the token cache logging to log.
func openTwoLogging(t *testing.T, log *slog.Logger) (api, cli *store.Store, secret string) {
	t.Helper()
	ctx := context.Background()
	url := storetest.MustURL(t)
	open := func() *store.Store {
		s, err := store.Open(ctx, store.Config{URL: url})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		return s
	}
	api, cli = open(), open()
	storetest.MustTenant(t, cli, "salon", "FR")
	secret, _, err := cli.CreateToken(ctx, "salon", "widget", []string{store.ScopeIngest})
	if err != nil {
		t.Fatal(err)
	}
	api.CacheTokens(log)
	waitFor(t, "the token cache to listen", api.TokenCacheLive)
	return api, cli, secret
}

// cutListener ends the token cache's notification connection, as a
// failover or a network cut would.
func cutListener(t *testing.T, cli *store.Store) {
	t.Helper()
	var cut int
	err := cli.Pool().QueryRow(context.Background(), `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND query = 'LISTEN dedupe_api_tokens'`).Scan(&cut)
	if err != nil || cut != 1 {
		t.Fatalf("terminated %d listeners (%v), want 1", cut, err)
	}
}

// waitFor polls cond for up to 10 s: long enough for a notification or a
// reconnection on a loaded machine, never a speed target.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
	}
}

// relabel changes a token's label behind the trigger's back, so that only
// a database read can see the new label: what Authenticate answers then
// says whether it read the database or its cache.
func relabel(t *testing.T, s *store.Store, label string) {
	t.Helper()
	err := pgx.BeginFunc(context.Background(), s.Pool(), func(tx pgx.Tx) error {
		// Triggers do not fire in a replica session.
		if _, err := tx.Exec(context.Background(), `SET LOCAL session_replication_role = replica`); err != nil {
			return err
		}
		_, err := tx.Exec(context.Background(), `UPDATE api_tokens SET label = $1`, label)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func label(t *testing.T, s *store.Store, secret string) string {
	t.Helper()
	tok, err := s.Authenticate(context.Background(), secret)
	if err != nil {
		t.Fatalf("Authenticate: %v", err)
	}
	return tok.Label
}

func TestTokenCache(t *testing.T) {
	ctx := context.Background()

	t.Run("AnswersFromMemory", func(t *testing.T) {
		api, cli, secret := openTwo(t)
		label(t, api, secret) // cached
		relabel(t, cli, "renamed")
		if got := label(t, api, secret); got != "widget" {
			t.Fatalf("label = %q: the second look-up read the database", got)
		}
		// Without a cache, every look-up reads the database.
		if got := label(t, cli, secret); got != "renamed" {
			t.Fatalf("uncached label = %q", got)
		}
	})

	t.Run("RevokedByAnotherProcess", func(t *testing.T) {
		api, cli, secret := openTwo(t)
		label(t, api, secret)
		start := time.Now()
		if _, err := cli.RevokeToken(ctx, secret); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the revocation to reach the API process", func() bool {
			_, err := api.Authenticate(ctx, secret)
			return errors.Is(err, store.ErrNotFound)
		})
		t.Logf("the revoked token was refused %s after the revocation returned", time.Since(start))
	})

	t.Run("RevokedHereAtOnce", func(t *testing.T) {
		api, _, secret := openTwo(t)
		label(t, api, secret)
		if _, err := api.RevokeToken(ctx, secret); err != nil {
			t.Fatal(err)
		}
		if _, err := api.Authenticate(ctx, secret); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("Authenticate right after revoking = %v, want ErrNotFound", err)
		}
	})

	t.Run("TenantDeleted", func(t *testing.T) {
		api, cli, secret := openTwo(t)
		label(t, api, secret)
		tn, err := cli.TenantBySlug(ctx, "salon")
		if err != nil {
			t.Fatal(err)
		}
		if err := cli.DeleteTenant(ctx, tn.ID); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the deletion to reach the API process", func() bool {
			_, err := api.Authenticate(ctx, secret)
			return errors.Is(err, store.ErrNotFound)
		})
	})

	t.Run("NotTrustedWhileNotListening", func(t *testing.T) {
		api, cli, secret := openTwo(t)
		label(t, api, secret)
		// Cut the listener's connection: the cache must stop answering
		// until it listens again, since it would miss notifications.
		cutListener(t, cli)
		waitFor(t, "the cache to notice", func() bool { return !api.TokenCacheLive() })
		relabel(t, cli, "renamed")
		if got := label(t, api, secret); got != "renamed" {
			t.Fatalf("label = %q: the cache answered while nobody listened", got)
		}
		// It listens again by itself, and caches again.
		waitFor(t, "the listener to reconnect", api.TokenCacheLive)
		label(t, api, secret)
		relabel(t, cli, "again")
		if got := label(t, api, secret); got != "renamed" {
			t.Fatalf("label = %q after reconnecting, want the cached one", got)
		}
	})

	// Each outage starts the reconnection's backoff over: a second cut, once
	// the first healed, is retried after a second again, not after two.
	t.Run("EachOutageStartsOver", func(t *testing.T) {
		var logs logtest.Buffer
		api, cli, _ := openTwoLogging(t, slog.New(slog.NewJSONHandler(&logs, nil)))
		for range 2 {
			cutListener(t, cli)
			waitFor(t, "the cache to notice", func() bool { return !api.TokenCacheLive() })
			waitFor(t, "the listener to reconnect", api.TokenCacheLive)
		}
		text := logs.String()
		if n := strings.Count(text, `"retry_in":"1s"`); n != 2 || strings.Count(text, "token cache on again") != 2 {
			t.Fatalf("two cuts, each healed: %d retries after 1s, want 2; logs:\n%s", n, text)
		}
	})

	t.Run("UnknownNeverCached", func(t *testing.T) {
		api, cli, _ := openTwo(t)
		if _, err := api.Authenticate(ctx, "ddp_not-a-token"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("unknown token: %v", err)
		}
		secret, _, err := cli.CreateToken(ctx, "salon", "new", []string{store.ScopeRead})
		if err != nil {
			t.Fatal(err)
		}
		if got := label(t, api, secret); got != "new" {
			t.Fatalf("a new token = %q", got)
		}
	})
}

// A quiet listener checks its connection and keeps it: no reconnection and
// no emptied cache while nothing changes.
func TestTokenListenerSurvivesQuietSpells(t *testing.T) {
	// Restored after the stores close (cleanups run last first).
	t.Cleanup(store.SetListenIdle(50 * time.Millisecond))
	api, _, secret := openTwo(t)
	label(t, api, secret)
	before := api.TokenGeneration()
	time.Sleep(500 * time.Millisecond) // ten quiet spells
	if after := api.TokenGeneration(); after != before || !api.TokenCacheLive() {
		t.Fatalf("generation %d → %d, live %v: the listener reconnected or emptied the cache with nothing changed",
			before, after, api.TokenCacheLive())
	}
}
