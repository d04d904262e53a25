package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"dedupe/worker"
)

// TestWebhookWorkerKilledMidDelivery registers an endpoint with the
// command line, sends bookings, and SIGKILLs the worker while the receiver
// holds a delivery open. Every event arrives at least once, verified with
// the Standard Webhooks reference verifier, and per profile in order.
func TestWebhookWorkerKilledMidDelivery(t *testing.T) {
	bin := mustBuild(t)
	s := MustRunWith(t, map[string]string{"DEDUPE_WEBHOOK_ALLOW_PRIVATE": "true"})
	s.main.worker.Shutdown() // the deliveries are a worker process's, to kill
	s.main.worker = nil

	var mu sync.Mutex
	var secret string
	got := map[string]int{}       // event id → deliveries accepted
	order := map[string][]int64{} // profile → sequences, as accepted
	held := make(chan struct{})
	var holdOnce sync.Once
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		wh, err := standardwebhooks.NewWebhook(secret)
		mu.Unlock()
		if err != nil || wh.Verify(body, r.Header) != nil {
			t.Errorf("delivery %s does not verify", body)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		first := false
		holdOnce.Do(func() { first = true })
		if first {
			close(held)
			time.Sleep(5 * time.Second) // the worker is killed meanwhile
		}
		var e struct {
			ID       string `json:"id"`
			Sequence int64  `json:"sequence"`
			Data     struct {
				ProfileID string `json:"profile_id"`
			} `json:"data"`
		}
		if err := json.Unmarshal(body, &e); err != nil {
			t.Errorf("a delivery that is no event: %v: %s", err, body)
		}
		mu.Lock()
		got[e.ID]++
		order[e.Data.ProfileID] = append(order[e.Data.ProfileID], e.Sequence)
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer receiver.Close()

	var created struct{ Secret string }
	if err := json.Unmarshal([]byte(s.cli("webhook", "create", "--tenant", "salon", "--url", receiver.URL,
		"--events", "profile.created,profile.updated", "--webhook-allow-private")), &created); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	secret = created.Secret
	mu.Unlock()

	env := []string{"DATABASE_URL=" + s.dbURL, "REDIS_URL=" + s.redis.URL(), "DEDUPE_METRICS_ADDR=127.0.0.1:0",
		"DEDUPE_WEBHOOK_ALLOW_PRIVATE=true"}
	w := startWorkerProc(t, bin, env)
	const people = 20
	var ids []string
	for i := range people {
		for visit := range 2 { // created, then updated with a birth date
			body := map[string]any{"external_id": fmt.Sprintf("bk-%d-%d", i, visit), "customer": map[string]any{
				"first_name": "Ana", "email": fmt.Sprintf("ana%d@example.fr", i)}}
			if visit == 1 {
				body["customer"].(map[string]any)["birth_date"] = fmt.Sprintf("1990-01-%02d", i+1)
			}
			var accepted struct {
				IngestionID string `json:"ingestion_id"`
			}
			if code := s.do("POST", "/v1/bookings", s.token, body, &accepted); code != http.StatusAccepted {
				t.Fatalf("booking = %d", code)
			}
			ids = append(ids, accepted.IngestionID)
		}
	}
	select {
	case <-held:
	case <-time.After(60 * time.Second):
		t.Fatal("no delivery arrived")
	}
	// The bookings finish while the first delivery is held, so that the
	// kill lands in a delivery only: a booking killed mid-transaction
	// would wait for asynq's recovery of its task (faults_test.go).
	for _, id := range ids {
		s.wait(id)
	}
	if err := w.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = w.Wait() // killed: the error says so
	startWorkerProc(t, bin, env)

	// A person's two bookings may be processed in either order, so count
	// the events the changes emitted: one profile.created each, and a
	// profile.updated when the birth date came second.
	want := s.count(`SELECT count(*) FROM webhook_events`)
	if want < people {
		t.Fatalf("%d events emitted for %d new profiles", want, people)
	}
	// Every event arrives, and every delivery is settled: the held one,
	// whose answer the killed worker never read, is sent again and its
	// pending row goes only then (a receiver sees an event before the
	// worker records that it arrived).
	for deadline := time.Now().Add(asynqRecovery); ; time.Sleep(100 * time.Millisecond) {
		mu.Lock()
		n := len(got)
		mu.Unlock()
		if n == want && s.count(`SELECT count(*) FROM webhook_pending`) == 0 {
			break
		}
		if time.Now().After(deadline) {
			var pending string
			if err := s.store.Pool().QueryRow(context.Background(), `SELECT coalesce(jsonb_agg(p)::text, '') FROM webhook_pending p`).Scan(&pending); err != nil {
				pending = err.Error()
			}
			insp := asynq.NewInspector(asynq.RedisClientOpt{Addr: s.redis.Addr()})
			defer insp.Close()
			info, err := insp.GetQueueInfo(worker.QueueWebhooks)
			t.Fatalf("%d of %d events arrived; pending %s; queue %+v, %v", n, want, pending, info, err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for p, seqs := range order {
		for i := 1; i < len(seqs); i++ {
			if seqs[i] < seqs[i-1] {
				t.Errorf("profile %s received sequences %v: out of order", p, seqs)
			}
		}
	}
}

// TestWebhookDeliveriesStopAtShutdown: a worker told to stop finishes the
// delivery under way and starts no other; the next worker sends the rest.
func TestWebhookDeliveriesStopAtShutdown(t *testing.T) {
	s := MustRunWith(t, map[string]string{"DEDUPE_WEBHOOK_ALLOW_PRIVATE": "true"})
	var mu sync.Mutex
	delivered := 0
	held := make(chan struct{})
	var holdOnce sync.Once
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		holdOnce.Do(func() {
			close(held)
			time.Sleep(time.Second) // the worker is told to stop meanwhile
		})
		mu.Lock()
		delivered++
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer receiver.Close()
	s.cli("webhook", "create", "--tenant", "salon", "--url", receiver.URL, "--events", "profile.created", "--webhook-allow-private")

	// Hold the deliveries until every event is written, so that one task
	// has them all to send.
	s.main.worker.Shutdown()
	s.main.worker = nil
	for i := range 5 {
		var accepted struct {
			IngestionID string `json:"ingestion_id"`
		}
		body := map[string]any{"external_id": fmt.Sprintf("bk-%d", i), "customer": map[string]any{"first_name": "Ana", "email": fmt.Sprintf("ana%d@example.fr", i)}}
		if code := s.do("POST", "/v1/bookings", s.token, body, &accepted); code != http.StatusAccepted {
			t.Fatalf("booking = %d", code)
		}
	}
	w, err := worker.New(worker.Config{Store: s.main.store, Redis: asynq.RedisClientOpt{Addr: s.redis.Addr()}, WebhookAllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); s.count(`SELECT count(*) FROM webhook_events`) < 5; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the bookings emitted no events")
		}
	}
	select {
	case <-held:
	case <-time.After(30 * time.Second):
		t.Fatal("no delivery arrived")
	}
	w.Shutdown()
	mu.Lock()
	n := delivered
	mu.Unlock()
	if n != 1 {
		t.Fatalf("%d deliveries made by a worker told to stop during the first; want that one only", n)
	}
	if pending := s.count(`SELECT count(*) FROM webhook_pending`); pending != 4 {
		t.Fatalf("%d deliveries pending after the shutdown, want the other 4", pending)
	}
}
