package main

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
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
// and how many the load generator took a fifth of it or more.
type BusyTrace struct {
	Seconds       int     `json:"seconds"`
	NearlyFull    int     `json:"nearly_full_seconds"`   // the machine's CPUs over 90% busy
	LoadgenBursts int     `json:"loadgen_burst_seconds"` // the load generator over a fifth of them
	MaxLoadgen    float64 `json:"max_loadgen_cpus"`
}

// Thresholds of BusyTrace, as shares of the machine's CPUs.
const (
	nearlyFull   = 0.9
	loadgenBurst = 0.2
)

// cpuSecond is one second of a run: the CPUs each part kept busy.
type cpuSecond struct {
	at                                        time.Time
	machine, postgres, dedupe, redis, loadgen float64
}

type cpuTracer struct {
	stop chan struct{}
	wg   sync.WaitGroup
	secs []cpuSecond
}

// traceCPU samples p once a second until finish.
func (p parts) traceCPU() *cpuTracer {
	t := &cpuTracer{stop: make(chan struct{})}
	t.wg.Go(func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		last, lastAt := p.sample(), time.Now()
		for {
			select {
			case <-t.stop:
				return
			case <-tick.C:
			}
			s, at := p.sample(), time.Now()
			if d := at.Sub(lastAt).Seconds(); d > 0 {
				t.secs = append(t.secs, cpuSecond{at: at, machine: (s.machine - last.machine) / d,
					postgres: (s.postgres - last.postgres) / d, dedupe: (s.dedupe - last.dedupe) / d,
					redis: (s.redis - last.redis) / d, loadgen: (s.loadgen - last.loadgen) / d})
			}
			last, lastAt = s, at
		}
	})
	return t
}

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
	}
	return b
}

// writeCPUSeconds writes seconds to path, one line each, for a look at
// what the machine did in a run's slow seconds (loadgen's slowest seconds
// name them).
func writeCPUSeconds(path string, secs []cpuSecond) error {
	var sb strings.Builder
	sb.WriteString("time\tmachine\tpostgres\tdedupe\tredis\tloadgen\n")
	for _, s := range secs {
		fmt.Fprintf(&sb, "%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\n", s.at.UTC().Format("15:04:05"), s.machine, s.postgres, s.dedupe, s.redis, s.loadgen)
	}
	return os.WriteFile(path, []byte(sb.String()), 0o644)
}
