package worker

import (
	"context"
	"testing"
	"time"

	"dedupe/matcher"
)

// A fuzzy search waits while the bookings are late, and starts once a
// booking is dequeued on time: HandleIngest records how long each booking
// waited in the queue, and HandleFuzzy yields to the late ones.
func TestFuzzySearchYieldsToLateBookings(t *testing.T) {
	ctx := context.Background()
	tw := newTestWorker(t, Config{})
	w, s, tn := tw.Worker, tw.store, tw.tenant
	ingest := func(externalID string, accepted time.Time) {
		t.Helper()
		in := ingestOf(tn.ID, externalID, matcher.Customer{FirstName: "Léa", LastName: "Martin", Email: externalID + "@example.fr"})
		in.AcceptedAt = accepted
		task, err := NewIngestTask(in)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.HandleIngest(ctx, task); err != nil {
			t.Fatal(err)
		}
	}

	ingest("late", time.Now().Add(-time.Second))
	if !w.lag.behind(time.Now()) {
		t.Fatal("a booking that waited 1 s in the queue does not count as late")
	}
	var profileID string
	if err := s.Pool().QueryRow(ctx, `SELECT id FROM profiles WHERE tenant_id = $1`, tn.ID).Scan(&profileID); err != nil {
		t.Fatal(err)
	}
	task, err := NewFuzzyTask(FuzzyPayload{TenantID: tn.ID, ProfileID: profileID})
	if err != nil {
		t.Fatal(err)
	}

	// Late bookings keep coming (as HandleIngest would record them) while
	// the search is held.
	stopLate := keepLate(w)
	done := make(chan error, 1)
	go func() { done <- w.HandleFuzzy(ctx, task) }()
	select {
	case err := <-done:
		stopLate()
		t.Fatalf("the fuzzy search ran while the bookings were late (%v)", err)
	case <-time.After(500 * time.Millisecond):
	}
	stopLate()
	ingest("on-time", time.Now())
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(fuzzyYieldMax / 2):
		t.Fatal("the fuzzy search still waits after a booking dequeued on time")
	}
}

// The yield is bounded: a search waits at most its limit while the
// bookings stay late, and not at all once they are quiet.
func TestYieldToBookingsIsBounded(t *testing.T) {
	w := &Worker{}
	if w.lag.behind(time.Now()) {
		t.Fatal("a worker that saw no booking counts the bookings as late")
	}
	w.lag.observe(time.Second, time.Now().Add(-2*fuzzyYieldFresh))
	if w.lag.behind(time.Now()) {
		t.Fatal("a late booking seen long ago still holds the searches back")
	}

	defer keepLate(w)()
	returned := make(chan struct{})
	go func() { w.yieldToBookings(context.Background(), 200*time.Millisecond); close(returned) }()
	select {
	case <-returned:
	case <-time.After(fuzzyYieldMax):
		t.Fatal("the yield outlasted its limit while the bookings stayed late")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	returned = make(chan struct{})
	go func() { w.yieldToBookings(ctx, time.Hour); close(returned) }()
	select {
	case <-returned:
	case <-time.After(fuzzyYieldMax):
		t.Fatal("the yield went on after its task was cancelled")
	}
}

// keepLate records a booking that waited 1 s every 10 ms, as a worker
// falling behind would, until the function it returns is called.
func keepLate(w *Worker) (stop func()) {
	quit, ended := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(ended)
		for {
			w.lag.observe(time.Second, time.Now())
			select {
			case <-quit:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	return func() {
		close(quit)
		<-ended
	}
}

// A training rests between slices of its work while bookings flow, four
// times as long as each slice took, and not at all when none came lately
// or its task is cancelled.
func TestTrainingRestsWhileBookingsFlow(t *testing.T) {
	w := &Worker{}
	slice := func(ctx context.Context) time.Duration {
		pause := w.trainPacer(ctx)
		time.Sleep(300 * time.Millisecond) // a slice of the training's work
		start := time.Now()
		pause()
		return time.Since(start)
	}
	w.lag.observe(0, time.Now().Add(-time.Minute))
	if rest := slice(context.Background()); rest > 500*time.Millisecond {
		t.Errorf("with no booking for a minute, a training rested %v", rest)
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() { // bookings dequeued on time, as HandleIngest records them
		for {
			w.lag.observe(time.Millisecond, time.Now())
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	if rest := slice(context.Background()); rest < trainRestMax-100*time.Millisecond {
		t.Errorf("with bookings flowing, a training rested %v after a 300 ms slice; want %v", rest, trainRestMax)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if rest := slice(ctx); rest > 500*time.Millisecond {
		t.Errorf("a cancelled training rested %v", rest)
	}
}

// Fuzzy searches run one at a time (Config.FuzzyConcurrency), each
// waiting for the one before; the fuzzy server's other slot is a
// training's, beside them.
func TestFuzzySearchesTakeTurns(t *testing.T) {
	ctx := context.Background()
	tw := newTestWorker(t, Config{})
	w, s, tn := tw.Worker, tw.store, tw.tenant
	if cap(w.searching) != 1 {
		t.Fatalf("%d fuzzy searches at once by default, want 1", cap(w.searching))
	}
	created, err := s.CreateProfile(ctx, tn.ID, "test", matcher.Customer{FirstName: "Léa", LastName: "Martin", Email: "lea@example.fr"})
	if err != nil {
		t.Fatal(err)
	}
	task, err := NewFuzzyTask(FuzzyPayload{TenantID: tn.ID, ProfileID: created.Profile.ID})
	if err != nil {
		t.Fatal(err)
	}
	w.searching <- struct{}{} // a search under way
	done := make(chan error, 1)
	go func() { done <- w.HandleFuzzy(ctx, task) }()
	select {
	case err := <-done:
		t.Fatalf("a fuzzy search ran beside another (%v)", err)
	case <-time.After(300 * time.Millisecond):
	}
	<-w.searching
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(fuzzyYieldMax):
		t.Fatal("the fuzzy search still waits after the one before it ended")
	}
	if len(w.searching) != 0 {
		t.Error("a fuzzy search kept its turn after it ended")
	}
}
