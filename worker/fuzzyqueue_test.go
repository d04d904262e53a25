package worker

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"
)

// sent records what a fuzzyQueue queues.
type sent struct {
	mu    sync.Mutex
	tasks [][]string // "tenant", then its profiles
}

func (s *sent) enqueue(_ context.Context, tenantID string, ids []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tasks = append(s.tasks, append([]string{tenantID}, ids...))
}

func (s *sent) got() [][]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.tasks)
}

// TestFuzzyQueueTrickle: one booking at a time queues its profile's search
// at once, one task each; a booking that created nothing queues nothing.
func TestFuzzyQueueTrickle(t *testing.T) {
	var s sent
	q := newFuzzyQueue(64, time.Hour, s.enqueue)
	for _, id := range []string{"p1", "", "p2"} {
		q.begin()
		q.end("t1", id)
	}
	if got := s.got(); !slices.EqualFunc(got, [][]string{{"t1", "p1"}, {"t1", "p2"}}, slices.Equal) {
		t.Fatalf("queued %v, want one task per profile at once", got)
	}
}

// TestFuzzyQueueGathers: while bookings overlap, each tenant's profiles
// gather into one task, queued when the last booking ends; a profile two
// bookings gave new keys is searched once.
func TestFuzzyQueueGathers(t *testing.T) {
	var s sent
	q := newFuzzyQueue(64, time.Hour, s.enqueue)
	q.begin() // a booking still running throughout
	for _, b := range [][2]string{{"t1", "a"}, {"t2", "x"}, {"t1", "b"}, {"t1", ""}, {"t1", "a"}} {
		q.begin()
		q.end(b[0], b[1])
	}
	if got := s.got(); len(got) != 0 {
		t.Fatalf("queued %v while a booking runs, want nothing yet", got)
	}
	q.end("t1", "c")
	got := s.got()
	slices.SortFunc(got, slices.Compare)
	if want := [][]string{{"t1", "a", "b", "c"}, {"t2", "x"}}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("queued %v, want %v", got, want)
	}
}

// TestFuzzyQueueBounds: a tenant's task is queued once max profiles have
// gathered, and what gathers under a steady load is queued after wait,
// without the load ever stopping.
func TestFuzzyQueueBounds(t *testing.T) {
	var s sent
	q := newFuzzyQueue(3, 20*time.Millisecond, s.enqueue)
	q.begin() // a booking still running throughout
	for _, id := range []string{"a", "b", "c", "d"} {
		q.begin()
		q.end("t1", id)
	}
	if got := s.got(); !slices.EqualFunc(got, [][]string{{"t1", "a", "b", "c"}}, slices.Equal) {
		t.Fatalf("queued %v, want the first three at once", got)
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(s.got()) < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if got := s.got(); !slices.EqualFunc(got, [][]string{{"t1", "a", "b", "c"}, {"t1", "d"}}, slices.Equal) {
		t.Fatalf("queued %v, want the fourth after the wait", got)
	}
	q.flush()
	if got := s.got(); len(got) != 2 {
		t.Fatalf("queued %v after an empty flush", got)
	}
}

// TestTrainTaskIDs: a tenant's training tasks of one day share an id, and
// so run once, while its file stays within a power of two; a file that
// has doubled, or another day, gives another.
func TestTrainTaskIDs(t *testing.T) {
	day := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		a, b       int
		aDay, bDay time.Time
		equal      bool
	}{
		{1100, 1900, day, day.Add(10 * time.Hour), true},
		{1100, 2200, day, day, false},
		{1100, 1100, day, day.Add(24 * time.Hour), false},
		{-1, -1, day, day.Add(time.Hour), true},
	} {
		a, b := trainTaskID("t1", c.aDay, c.a), trainTaskID("t1", c.bDay, c.b)
		if (a == b) != c.equal {
			t.Errorf("%d profiles on %v and %d on %v: ids %q and %q, want equal %v", c.a, c.aDay, c.b, c.bDay, a, b, c.equal)
		}
	}
}
