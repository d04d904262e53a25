package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"dedupe/loadgen"
)

// The virtual disk of a shared machine can stop for a moment: a small
// write and its flush, a millisecond's work, take a second or more with
// nothing else running (docs/performance.md section 45). A commit returns
// once its WAL is flushed, so in such a second every booking waits,
// whatever the service's code. A probe flushes the disk the way a commit
// does, beside the runs and before them, to tell those seconds from the
// service's own.

// probeEvery is how often the probe flushes: ten a second, against the
// hundreds of commits a second of a run, samples every stall of more than
// a tenth of a second.
const probeEvery = 100 * time.Millisecond

// flushStall is the flush that makes a second a disk stall: a commit that
// waits that long for its WAL misses the latency target by itself.
const flushStall = 50 * time.Millisecond

// pastStall is the time a flush of d took past flushStall: the time in
// which a commit that came would have waited flushStall or more for it.
func pastStall(d time.Duration) time.Duration { return max(0, d-flushStall) }

// flushProbe writes one 4 kB block and waits for it to reach the disk
// (fdatasync, as PostgreSQL flushes its WAL) every probeEvery, in a file
// on the file system of PostgreSQL's data directory.
type flushProbe struct {
	f    *os.File
	stop chan struct{}
	wg   sync.WaitGroup

	mu       sync.Mutex
	inFlight time.Time     // when the flush under way began; zero between flushes
	worst    time.Duration // the slowest flush since the last take
	// over sums, over every flush, the time it took past flushStall: a
	// commit that came in that time waited flushStall or more for it.
	over time.Duration
	kept []time.Duration // every flush, while keep
	keep bool
}

// startFlushProbe starts probing in a file it creates in dir.
func startFlushProbe(dir string) (*flushProbe, error) {
	f, err := os.CreateTemp(dir, "flush-probe-")
	if err != nil {
		return nil, err
	}
	p := &flushProbe{f: f, stop: make(chan struct{})}
	p.wg.Go(p.run)
	return p, nil
}

func (p *flushProbe) run() {
	block := make([]byte, 4096)
	tick := time.NewTicker(probeEvery)
	defer tick.Stop()
	for i := int64(0); ; i++ {
		select {
		case <-p.stop:
			return
		case <-tick.C:
		}
		start := time.Now()
		p.mu.Lock()
		p.inFlight = start
		p.mu.Unlock()
		// 256 blocks in turn: a megabyte of file, rewritten in place, as
		// the WAL's recycled segments are.
		_, err := p.f.WriteAt(block, (i%256)*int64(len(block)))
		if err == nil {
			err = unix.Fdatasync(int(p.f.Fd()))
		}
		d := time.Since(start)
		p.mu.Lock()
		p.inFlight = time.Time{}
		if err == nil {
			p.worst = max(p.worst, d)
			p.over += pastStall(d)
			if p.keep {
				p.kept = append(p.kept, d)
			}
		}
		p.mu.Unlock()
	}
}

// take returns the slowest flush since the last take, a flush still under
// way counted for as long as it has waited so far, and starts over: a
// stall longer than a second shows in each second it spans. It also
// returns over (flushProbe.over) so far, the flush under way's share
// included, to take differences of.
func (p *flushProbe) take() (worst, over time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	worst, over = p.worst, p.over
	if !p.inFlight.IsZero() {
		waited := time.Since(p.inFlight)
		worst, over = max(worst, waited), over+pastStall(waited)
	}
	p.worst = 0
	return worst, over
}

// atRest keeps every flush for d, with nothing else running, and sums
// them: the disk as the host gives it, before any run loads it.
func (p *flushProbe) atRest(ctx context.Context, d time.Duration) *Flushes {
	p.mu.Lock()
	p.keep, p.kept = true, nil
	p.mu.Unlock()
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
	p.mu.Lock()
	kept := p.kept
	p.keep, p.kept = false, nil
	p.mu.Unlock()
	return summariseFlushes(kept, d)
}

// close stops the probe and removes its file.
func (p *flushProbe) close() {
	close(p.stop)
	p.wg.Wait()
	p.f.Close()
	os.Remove(p.f.Name())
}

// Flushes sums a probe's flushes over a span: their latency, how many
// took flushStall or more, and Stalled, the share of the span in which a
// commit would have waited flushStall or more for its flush: the time
// each flush took past flushStall, summed. Bookings come at any moment, so
// when Stalled passes 1% more than 1% of them wait that long for the disk
// alone, and no code makes their p99 shorter.
type Flushes struct {
	Seconds float64 `json:"seconds"`
	loadgen.Latency
	Stalls  int     `json:"stalls"`
	Stalled float64 `json:"stalled_share"`
}

// summariseFlushes sums the flushes ds (sorting them) over span.
func summariseFlushes(ds []time.Duration, span time.Duration) *Flushes {
	f := &Flushes{Seconds: span.Seconds(), Latency: loadgen.LatencyOf(ds)}
	var over time.Duration
	for _, d := range ds {
		if d >= flushStall {
			f.Stalls++
		}
		over += pastStall(d)
	}
	if span > 0 {
		f.Stalled = over.Seconds() / span.Seconds()
	}
	return f
}

func (f *Flushes) String() string {
	return fmt.Sprintf("%d flushes of a 4 kB write in %.0f s, p50 %.2f ms, p99 %.1f ms, max %.1f ms, %d of %d ms or more; a commit would have waited %d ms or more for its flush %.1f%% of the time",
		f.Count, f.Seconds, f.P50, f.P99, f.Max, f.Stalls, flushStall.Milliseconds(), flushStall.Milliseconds(), 100*f.Stalled)
}

// probeDir is where the probe's file goes: beside PostgreSQL's data
// directory, on its file system, where the server's own files are not.
func probeDir(dataDir string) string { return filepath.Dir(filepath.Clean(dataDir)) }
