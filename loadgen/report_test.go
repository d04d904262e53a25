package loadgen

import (
	"testing"
	"time"
	"unsafe"
)

func TestSlowestSeconds(t *testing.T) {
	base := time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)
	var at []time.Time
	var ds []time.Duration
	add := func(offset time.Duration, latency time.Duration) {
		at = append(at, base.Add(offset))
		ds = append(ds, latency)
	}
	for s := range 10 {
		add(time.Duration(s)*time.Second, 10*time.Millisecond)
		add(time.Duration(s)*time.Second+500*time.Millisecond, 20*time.Millisecond)
	}
	add(3*time.Second+900*time.Millisecond, 400*time.Millisecond) // a stall in second 3
	add(7*time.Second+100*time.Millisecond, 90*time.Millisecond)  // a smaller one in second 7

	secs := perSecond(at, ds)
	if len(secs) != 10 || !secs[0].At.Equal(base) || !secs[9].At.Equal(base.Add(9*time.Second)) || secs[3].Count != 3 {
		t.Fatalf("per second: %+v, want the ten seconds in order, the fourth with 3 requests", secs)
	}
	got := slowest(secs, 3)
	if len(got) != 3 {
		t.Fatalf("got %d seconds, want 3", len(got))
	}
	if !got[0].At.Equal(base.Add(3*time.Second)) || got[0].Max != 400 || got[0].Count != 3 {
		t.Errorf("slowest second %+v, want second 3 with max 400 ms over 3 requests", got[0])
	}
	if !got[1].At.Equal(base.Add(7*time.Second)) || got[1].Max != 90 {
		t.Errorf("second slowest %+v, want second 7 with max 90 ms", got[1])
	}
	if got[2].Max != 20 || !got[2].At.Equal(base) {
		t.Errorf("third %+v, want the earliest of the ordinary seconds (max 20 ms)", got[2])
	}
	if got := slowest(perSecond(nil, nil), 5); len(got) != 0 {
		t.Errorf("no samples gave %v", got)
	}
}

// TestResultKeepsNoBooking: a run keeps one result a request until its
// report, hundreds of thousands in a soak. A result holds the report's
// few fields, not the booking sent, whose customer and details would make
// the load generator's collections bursts on the service's machine.
func TestResultKeepsNoBooking(t *testing.T) {
	if size := unsafe.Sizeof(result{}); size > 96 {
		t.Errorf("a result is %d bytes, want at most 96: keep the booking out of it", size)
	}
}

// TestEndToEndExcept: the latency of the bookings accepted outside the
// seconds skipped, the others left out whatever their latency.
func TestEndToEndExcept(t *testing.T) {
	base := time.Date(2026, 12, 3, 15, 0, 0, 0, time.UTC)
	var rep Report
	for s := range 10 {
		for i := range 10 {
			d := 10 * time.Millisecond
			if s == 4 {
				d = time.Second // the seconds a stall held
			}
			rep.Timed = append(rep.Timed, Timed{Second: base.Add(time.Duration(s)*time.Second + time.Duration(i)*time.Millisecond).Unix(), Latency: d})
		}
	}
	skip4 := func(sec int64) bool { return sec == base.Unix()+4 }
	if got := rep.EndToEndExcept(skip4); got.Count != 90 || got.P99 != 10 || got.Max != 10 {
		t.Errorf("without second 4: %+v, want 90 bookings of 10 ms", got)
	}
	if got := rep.EndToEndExcept(func(int64) bool { return false }); got.Count != 100 || got.Max != 1000 {
		t.Errorf("skipping nothing: %+v, want all 100, max 1000 ms", got)
	}
}
