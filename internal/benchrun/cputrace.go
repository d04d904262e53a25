package main

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"dedupe/loadgen"
)

// A run's tail comes from its fullest seconds, which its average CPU hides:
// at the half rate the machine is 80% busy on average and over 90% in the
// seconds that queue the bookings. And on this shared machine the load
// generator is one of the programs: a second in which it takes a CPU (its
// garbage collector, once) is a second taken from the service under test
// (docs/performance.md section 27). So each run samples the parts' CPU
// once a second, from /proc, in this process: starting a process a sample
// would itself be such a burst (section 20).

// BusyTrace sums a run's seconds: how many the machine was nearly full,
// how many the load generator took a fifth of it or more, how many the
// hypervisor took a tenth of it or more (steal: the service's CPUs were
// ready to run and ran another machine's work), and how many the disk
// stalled (a flush of the probe took flushStall or more).
type BusyTrace struct {
	Seconds       int     `json:"seconds"`
	NearlyFull    int     `json:"nearly_full_seconds"`   // the machine's CPUs over 90% busy
	LoadgenBursts int     `json:"loadgen_burst_seconds"` // the load generator over a fifth of them
	MaxLoadgen    float64 `json:"max_loadgen_cpus"`
	Stolen        int     `json:"stolen_seconds"` // the hypervisor's steal over a tenth of them
	MaxSteal      float64 `json:"max_steal_cpus"`
	DiskStalls    int     `json:"disk_stall_seconds"`
	MaxFlushMs    float64 `json:"max_flush_ms"`
	// DiskStalled is the share of the run in which a commit would have
	// waited flushStall or more for its flush (Flushes.Stalled).
	DiskStalled float64 `json:"disk_stalled_share"`
}

// Thresholds of BusyTrace, as shares of the machine's CPUs.
const (
	nearlyFull   = 0.9
	loadgenBurst = 0.2
	stolen       = 0.1
)

// cpuSecond is one second of a run: the CPUs each part kept busy, those
// the hypervisor took, those idle waiting on the disk, the probe's
// slowest flush, and the time in it a commit would have waited flushStall
// or more (flushProbe.over), in milliseconds.
type cpuSecond struct {
	at                                               time.Time
	machine, postgres, dedupe, redis, loadgen, steal float64
	iowait, flushMs, overMs                          float64
}

type cpuTracer struct {
	stop chan struct{}
	wg   sync.WaitGroup
	secs []cpuSecond
}

// traceCPU samples p, and the probe's flushes unless probe is nil, once a
// second until finish.
func (p parts) traceCPU(probe *flushProbe) *cpuTracer {
	t := &cpuTracer{stop: make(chan struct{})}
	t.wg.Go(func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		last, lastAt := p.sample(), time.Now()
		var lastOver time.Duration
		if probe != nil {
			_, lastOver = probe.take() // the flushes before the run are not its
		}
		for {
			select {
			case <-t.stop:
				return
			case <-tick.C:
			}
			s, at := p.sample(), time.Now()
			var worst, over time.Duration
			if probe != nil {
				worst, over = probe.take()
			}
			if d := at.Sub(lastAt).Seconds(); d > 0 {
				t.secs = append(t.secs, cpuSecond{at: at, machine: (s.machine - last.machine) / d,
					postgres: (s.postgres - last.postgres) / d, dedupe: (s.dedupe - last.dedupe) / d,
					redis: (s.redis - last.redis) / d, loadgen: (s.loadgen - last.loadgen) / d, steal: (s.steal - last.steal) / d,
					iowait: (s.iowait - last.iowait) / d, flushMs: ms(worst), overMs: ms(over - lastOver)})
			}
			last, lastAt, lastOver = s, at, over
		}
	})
	return t
}

// second is the Unix second the sample covers: a sample ends its second.
func (s cpuSecond) second() int64 { return s.at.Add(-time.Second / 2).Unix() }

// stalled says the disk stalled in the second: a flush took flushStall or
// more.
func (s cpuSecond) stalled() bool { return s.flushMs >= float64(flushStall.Milliseconds()) }

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// finish stops the sampling and returns the seconds sampled up to end:
// the sending, not the report that loadgen reads back after it.
func (t *cpuTracer) finish(end time.Time) []cpuSecond {
	close(t.stop)
	t.wg.Wait()
	n := 0
	for n < len(t.secs) && !t.secs[n].at.After(end) {
		n++
	}
	return t.secs[:n]
}

// busyTrace sums seconds of a machine of cpus CPUs.
func busyTrace(secs []cpuSecond, cpus float64) BusyTrace {
	b := BusyTrace{Seconds: len(secs)}
	for _, s := range secs {
		if s.machine > nearlyFull*cpus {
			b.NearlyFull++
		}
		if s.loadgen >= loadgenBurst*cpus {
			b.LoadgenBursts++
		}
		b.MaxLoadgen = max(b.MaxLoadgen, s.loadgen)
		if s.steal >= stolen*cpus {
			b.Stolen++
		}
		b.MaxSteal = max(b.MaxSteal, s.steal)
		if s.stalled() {
			b.DiskStalls++
		}
		b.MaxFlushMs = max(b.MaxFlushMs, s.flushMs)
		b.DiskStalled += s.overMs / 1000
	}
	if b.Seconds > 0 {
		b.DiskStalled /= float64(b.Seconds)
	}
	return b
}

// The seconds of a run the host disturbed, by Unix second of the sample's
// second (a sample ends its second: writeCPUSeconds): those the disk
// stalled in, and those the hypervisor took a tenth of the machine's cpus
// or more in.
func hostSeconds(secs []cpuSecond, cpus float64) (stalls, steal map[int64]bool) {
	stalls, steal = map[int64]bool{}, map[int64]bool{}
	for _, s := range secs {
		at := s.second()
		if s.stalled() {
			stalls[at] = true
		}
		if s.steal >= stolen*cpus {
			steal[at] = true
		}
	}
	return stalls, steal
}

// nearAny says a booking accepted in the second at met one of the seconds
// in set: in its own, in the one after, or in the five before it, whose
// queue it waited behind.
func nearAny(set map[int64]bool, at int64) bool {
	for d := int64(-5); d <= 1; d++ {
		if set[at+d] {
			return true
		}
	}
	return false
}

// nearStall counts the seconds of acceptance in lat whose p99 was over
// the target's 50 ms (slow), and how many of them were near one of the
// disk's stalls (hostSeconds).
func nearStall(stalls map[int64]bool, lat []loadgen.Second) (slow, nearer int) {
	for _, l := range lat {
		if l.P99 <= 50 {
			continue
		}
		slow++
		if nearAny(stalls, l.At.Unix()) {
			nearer++
		}
	}
	return slow, nearer
}

// writeCPUSeconds writes seconds to path, one line each, beside the
// end-to-end latency of the bookings accepted in that second (lat, by
// second of acceptance), for a look at what the machine did in a run's
// slow seconds. A CPU sample ends its second: the line of the sample
// taken at 12:00:01.4 holds the CPUs of 12:00:00.4–01.4 and the bookings
// accepted in 12:00:00.
func writeCPUSeconds(path string, secs []cpuSecond, lat []loadgen.Second) error {
	bySecond := make(map[int64]loadgen.Second, len(lat)) // by Unix second
	for _, l := range lat {
		bySecond[l.At.Unix()] = l
	}
	var sb strings.Builder
	sb.WriteString("time\tmachine\tpostgres\tdedupe\tredis\tloadgen\tsteal\tiowait\tflush ms\taccepted\tp50 ms\tp99 ms\tmax ms\n")
	for _, s := range secs {
		l := bySecond[s.second()]
		fmt.Fprintf(&sb, "%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.1f\t%d\t%.1f\t%.1f\t%.1f\n", s.at.UTC().Format("15:04:05"),
			s.machine, s.postgres, s.dedupe, s.redis, s.loadgen, s.steal, s.iowait, s.flushMs, l.Count, l.P50, l.P99, l.Max)
	}
	return os.WriteFile(path, []byte(sb.String()), 0o644)
}
