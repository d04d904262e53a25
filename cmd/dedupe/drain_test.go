package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"dedupe/internal/logtest"
	"dedupe/internal/openapitest"
	"dedupe/internal/redistest"
	"dedupe/internal/storetest"
	"dedupe/store"
)

// With DEDUPE_SHUTDOWN_DELAY, a process asked to stop first answers
// /readyz 503 (checks.shutdown "draining") while it goes on taking and
// processing bookings for the delay, so that a load balancer takes it out
// of its pool before it stops listening; then it shuts down as usual.
func TestShutdownDelayDrainsBeforeStopping(t *testing.T) {
	const delay = 3 * time.Second
	s, done, asked := startDraining(t, delay)
	// Still serving: a booking sent now is accepted and processed.
	ing := s.post("/v1/bookings", booking("drain-1", map[string]any{"first_name": "Inès", "last_name": "Moreau", "email": "ines.moreau@example.com"}))
	if ing.Status != "done" || ing.ProfileID == nil {
		t.Fatalf("a booking sent while draining: status %s, profile %v; want done onto a profile", ing.Status, ing.ProfileID)
	}
	if took := time.Since(asked); took >= delay {
		t.Fatalf("the drain's checks took %s, past the delay (%s): the test proves nothing", took, delay)
	}

	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("dedupe all stopped with %v\n%s", err, s.logs)
		}
	case <-time.After(delay + 40*time.Second):
		t.Fatalf("dedupe all did not stop within %s of being asked\n%s", delay+40*time.Second, s.logs)
	}
	if took := time.Since(asked); took < delay {
		t.Errorf("stopped %s after being asked, before the shutdown delay (%s)", took, delay)
	}
	if _, err := http.Get(s.base + "/healthz"); err == nil {
		t.Error("the API still answers after the process stopped")
	}
}

// A second SIGTERM during the shutdown delay cuts it short: the process
// shuts down at once, as it would without a delay.
func TestSecondSignalEndsTheDrain(t *testing.T) {
	const delay = 5 * time.Minute
	s, done, asked := startDraining(t, delay)
	// The first stop came from the context; the second is a real signal,
	// which the draining process listens for from before /readyz answered
	// 503.
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("dedupe all stopped with %v\n%s", err, s.logs)
		}
	case <-time.After(40 * time.Second):
		t.Fatalf("dedupe all still draining %s after a second SIGTERM (delay %s)\n%s", time.Since(asked), delay, s.logs)
	}
	if _, err := http.Get(s.base + "/healthz"); err == nil {
		t.Error("the API still answers after the process stopped")
	}
}

// startDraining starts `dedupe all` with a shutdown delay and a tenant,
// asks it to stop, and returns once /readyz answers 503 draining: the
// service, the channel Run reports on, and when it was asked.
func startDraining(t *testing.T, delay time.Duration) (*service, <-chan error, time.Time) {
	t.Helper()
	s := &service{t: t, dbURL: storetest.MustURL(t), redis: redistest.MustStart(t, redistest.Options{AOF: true}), logs: &logtest.Buffer{}}
	s.main = &Main{Stdout: io.Discard, Stderr: s.logs, Getenv: envOf(map[string]string{
		"DATABASE_URL": s.dbURL, "REDIS_URL": s.redis.URL(), "DEDUPE_HTTP_ADDR": "127.0.0.1:0",
		"DEDUPE_SHUTDOWN_DELAY": delay.String(),
	})}
	ctx, stop := context.WithCancel(context.Background())
	t.Cleanup(stop)
	done := make(chan error, 1)
	go func() { done <- s.main.Run(ctx, []string{"all"}) }()
	s.base = "http://" + waitForLog(t, s.logs, "serving HTTP", done)
	openapitest.Watch(t, s.base) // the draining answer as the document describes it
	var err error
	if s.store, err = store.Open(context.Background(), store.Config{URL: s.dbURL}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.store.Close)
	s.tenant = s.cli("tenant", "create", "--slug", "salon", "--region", "FR")
	s.token = s.newToken("salon", "ingest,read")

	type readiness struct {
		Status string            `json:"status"`
		Checks map[string]string `json:"checks"`
	}
	var ready readiness
	if code := s.do("GET", "/readyz", "", nil, &ready); code != http.StatusOK || ready.Checks["shutdown"] != "" {
		t.Fatalf("before stopping, /readyz = %d %+v, want 200 without a shutdown check", code, ready)
	}

	asked := time.Now()
	stop()
	for {
		ready = readiness{}
		code := s.do("GET", "/readyz", "", nil, &ready)
		if code == http.StatusServiceUnavailable && ready.Checks["shutdown"] == "draining" && ready.Status == "unavailable" {
			break
		}
		if time.Since(asked) > delay/2 || time.Since(asked) > 30*time.Second {
			t.Fatalf("/readyz = %d %+v %s after the process was asked to stop, want 503 draining", code, ready, time.Since(asked))
		}
		time.Sleep(10 * time.Millisecond)
	}
	return s, done, asked
}

// waitForLog waits until logs holds a JSON line whose msg is msg, and
// returns its addr; it fails the test if done reports first.
func waitForLog(t *testing.T, logs *logtest.Buffer, msg string, done <-chan error) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		for _, line := range strings.Split(logs.String(), "\n") {
			var l struct{ Msg, Addr string }
			if json.Unmarshal([]byte(line), &l) == nil && l.Msg == msg {
				return l.Addr
			}
		}
		select {
		case err := <-done:
			t.Fatalf("stopped before logging %q: %v\n%s", msg, errors.Join(err), logs)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %q logged within 30s\n%s", msg, logs)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
