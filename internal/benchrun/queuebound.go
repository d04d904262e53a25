package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hibiken/asynq"

	"dedupe/matcher"
	"dedupe/store"
	"dedupe/worker"
)

// QueueBound is asynq alone on the benchmark's Redis: how fast tasks the
// size of a booking are enqueued (with a task id, as the API does) and
// processed by a handler that does nothing, at the worker's concurrency
// and task check interval.
type QueueBound struct {
	Tasks         int     `json:"tasks"`
	EnqueuePerSec float64 `json:"enqueue_per_sec"`
	ProcessPerSec float64 `json:"process_per_sec"`
}

// benchQueue is a queue the dedupe worker does not listen to.
const benchQueue = "bench-noop"

func measureQueue(ctx context.Context, redis asynq.RedisConnOpt, n, concurrency int) (QueueBound, error) {
	payload, err := json.Marshal(worker.IngestPayload{IngestionID: worker.IngestionID("t", "booking_widget", "x"), TenantID: "6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
		Kind: store.KindBooking, Source: "booking_widget", ExternalID: "bk-2026-000123", OccurredAt: time.Now(),
		Requested: []string{"first_name", "last_name", "email", "mobile"},
		Customer:  matcher.Customer{FirstName: "Camille", LastName: "Roy", Email: "Camille.Roy@Example.fr", Mobile: "06 12 34 56 78"},
		Details:   json.RawMessage(`{"service":"Coupe","starts_at":"2026-11-30T14:00:00Z"}`), AcceptedAt: time.Now()})
	if err != nil {
		return QueueBound{}, err
	}
	client := asynq.NewClient(redis)
	defer client.Close()
	insp := asynq.NewInspector(redis)
	defer insp.Close()
	defer func() { _ = insp.DeleteQueue(benchQueue, true) }() // the next run's queue starts empty either way: it is filled anew

	// Enqueue n tasks from as many goroutines as the API would have
	// requests in flight.
	var next atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	start := time.Now()
	for range concurrency {
		wg.Go(func() {
			for i := next.Add(1); i <= int64(n); i = next.Add(1) {
				t := asynq.NewTask("bench:noop", payload, asynq.Queue(benchQueue), asynq.TaskID(fmt.Sprintf("noop-%d-%d", start.UnixNano(), i)))
				if _, err := client.EnqueueContext(ctx, t); err != nil {
					once.Do(func() { firstErr = err })
					return
				}
			}
		})
	}
	wg.Wait()
	enqueue := time.Since(start)
	if firstErr != nil {
		return QueueBound{}, fmt.Errorf("enqueue: %w", firstErr)
	}

	var processed atomic.Int64
	all := make(chan struct{})
	srv := asynq.NewServer(redis, asynq.Config{Concurrency: concurrency, Queues: map[string]int{benchQueue: 1},
		TaskCheckInterval: worker.DefaultTaskCheckInterval, LogLevel: asynq.WarnLevel})
	mux := asynq.NewServeMux()
	mux.HandleFunc("bench:noop", func(context.Context, *asynq.Task) error {
		if processed.Add(1) == int64(n) {
			close(all)
		}
		return nil
	})
	start = time.Now()
	if err := srv.Start(mux); err != nil {
		return QueueBound{}, err
	}
	select {
	case <-all:
	case <-time.After(5 * time.Minute):
	case <-ctx.Done():
	}
	process := time.Since(start)
	srv.Shutdown()
	if processed.Load() < int64(n) {
		return QueueBound{}, fmt.Errorf("the no-op server processed %d of %d tasks", processed.Load(), n)
	}
	return QueueBound{Tasks: n, EnqueuePerSec: float64(n) / enqueue.Seconds(), ProcessPerSec: float64(n) / process.Seconds()}, nil
}
