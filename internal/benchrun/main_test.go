package main

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"dedupe/loadgen"
)

// testLog sends benchrun's progress to the test log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// TestRunSmall runs the whole benchmark in miniature, with the real
// servers and a real `dedupe all`, and checks that every measurement is
// there, consistent, and printed. It says nothing about speed: the figures
// are only required to exist.
func TestRunSmall(t *testing.T) {
	o := options{
		smallFile: 300, largeFile: 1500,
		run: 3 * time.Second, half: 2 * time.Second, trickle: 2 * time.Second, trickleRate: 5,
		storeRun: 2 * time.Second, fuzzy: 2 * time.Second, soak: 2 * time.Second,
		queueTasks: 500, concurrency: 4, senders: 4, maxQueue: 200, customers: 2000,
		out: t.TempDir(), pprof: true, searches: 20, walRelations: true, prewarm: true, diskRest: time.Second,
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	res, err := run(ctx, o, testLog{t})
	if err != nil {
		t.Fatal(err)
	}
	// The servers' directories are made under the temporary directory: on
	// a block device (not a tmpfs), every run reports what it did.
	_, onDisk, err := findDisk(os.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if onDisk != (res.Disk != "") {
		t.Errorf("the data directory's device is %q; the temporary directory on a block device: %v", res.Disk, onDisk)
	}

	if res.Queue.Tasks != o.queueTasks || res.Queue.EnqueuePerSec <= 0 || res.Queue.ProcessPerSec <= 0 {
		t.Errorf("queue bound = %+v", res.Queue)
	}
	if res.Store == nil || res.Store.Report.Processed == 0 || res.Store.Report.ProcessedPerSec <= 0 {
		t.Fatalf("store bound = %+v", res.Store)
	}
	if c := res.Store.Costs; c == nil || c.Statements < 5 || c.CPU.Postgres <= 0 || c.CPU.Loadgen <= 0 {
		t.Errorf("store bound costs = %+v", c)
	}
	want := []string{
		"booking path, 300 file, max", "(half)", "5/s (trickle)",
		"as deployed, 300 file, max", "booking path, 300 file, max, after as deployed", "(half)",
		"booking path, 1500 file, max", "(half)",
		"for 2s (soak)",
	}
	if len(res.Rows) != len(want) {
		t.Fatalf("%d pipeline rows, want %d", len(res.Rows), len(want))
	}
	for i, r := range res.Rows {
		rep := r.Report
		if !strings.Contains(r.Name, want[i]) {
			t.Errorf("row %d is %q, want it to name %q", i, r.Name, want[i])
		}
		// Every accepted booking was processed, and the figures derive
		// from the run itself.
		if asFast := rep.OfferedRate == 0; asFast != (rep.MaxQueue == o.maxQueue) {
			t.Errorf("%s: offered rate %v, max queue %d: the as-fast-as-possible runs hold back at %d", r.Name, rep.OfferedRate, rep.MaxQueue, o.maxQueue)
		}
		if rep.Accepted == 0 || rep.Processed != rep.Accepted || rep.Missing != 0 || !rep.Drained {
			t.Errorf("%s: accepted %d, processed %d, missing %d, drained %v", r.Name, rep.Accepted, rep.Processed, rep.Missing, rep.Drained)
		}
		if got := rep.ProcessedPerSec / res.Store.Report.ProcessedPerSec; r.VsStore != got || got <= 0 {
			t.Errorf("%s: vs store = %v, want %v", r.Name, r.VsStore, got)
		}
		if got := rep.ProcessedPerSec / res.Queue.ProcessPerSec; r.VsQueue != got {
			t.Errorf("%s: vs queue = %v, want %v", r.Name, r.VsQueue, got)
		}
		if rep.EndToEnd.Count != rep.Processed || rep.EndToEnd.P50 <= 0 || rep.EndToEnd.P99 < rep.EndToEnd.P50 || rep.EndToEndClock != "commit" {
			t.Errorf("%s: latency %+v, clock %q", r.Name, rep.EndToEnd, rep.EndToEndClock)
		}
		if rep.Quality.Precision != 1 || rep.Quality.WronglyMerged != 0 {
			t.Errorf("%s: quality %+v: somebody was merged with somebody else", r.Name, rep.Quality)
		}
		// PostgreSQL flushes its transaction counters lazily, and the
		// worker's group commit records several bookings a transaction:
		// a run counts fewer than one per booking, but some.
		if r.Costs == nil || r.Costs.Transactions <= 0 || r.Costs.Statements < 5 || r.Costs.RedisCalls < 1 {
			t.Errorf("%s: costs %+v", r.Name, r.Costs)
		}
		// A run writes full-page images only when a checkpoint fell
		// before it (pg_stat_wal counts them lazily, so its figure and
		// the WAL read may differ by a few): each is some relation's,
		// the most first.
		for i, p := range r.Costs.FullPagesBy {
			if p.Relation == "" || p.PerBooking <= 0 || i > 0 && p.PerBooking > r.Costs.FullPagesBy[i-1].PerBooking {
				t.Errorf("%s: full pages per booking by relation %+v", r.Name, r.Costs.FullPagesBy)
			}
		}
		// The machine's busy time and each process's are read from
		// different files of /proc, in 10 ms ticks, and PostgreSQL's is
		// the sum of a dozen processes': they may disagree by a tick a
		// process (a trickle's 11 bookings read the machine 40 ms short of
		// PostgreSQL and dedupe). Ten ticks a run is nothing to a run of
		// thousands of bookings. For the same reason a trickle's
		// PostgreSQL may read no time at all: its few milliseconds of work
		// fall under a tick in each of the backends that did it.
		tick := 100 / float64(max(r.Costs.Bookings, 1))
		few := r.Costs.Bookings < 100
		if cpu := r.Costs.CPU; cpu.Postgres <= 0 && !few || cpu.Postgres < 0 || cpu.Dedupe <= 0 || cpu.Loadgen <= 0 ||
			cpu.Machine+tick < cpu.Postgres+cpu.Dedupe {
			t.Errorf("%s: CPU per booking %+v", r.Name, cpu)
		}
		// Every run commits bookings, so its WAL reached the disk. Its busy
		// share may read 0: the kernel counts it in whole ticks, and a
		// trickle's few writes of a tenth of a millisecond may fill none.
		if d := r.Costs.Disk; onDisk && (d == nil || d.Device != res.Disk || d.WritesPerSec <= 0 || d.WriteMBPerSec <= 0 ||
			d.MsPerWrite < 0 || d.Busy < 0 || d.Busy > 1) || !onDisk && d != nil {
			t.Errorf("%s: disk %+v, on the data directory's device %q (want one: %v)", r.Name, d, res.Disk, onDisk)
		}
		if r.Memory == nil || r.Memory.Peak <= 0 {
			t.Errorf("%s: memory %+v", r.Name, r.Memory)
		}
		// Every run sends for two seconds or more, each sampled. /proc
		// counts CPU in 10 ms ticks, fewer than the load generator may
		// spend in a second of the trickle's 5 bookings: only the other
		// runs must show it.
		trickle := strings.Contains(r.Name, "trickle")
		if b := r.Busy; b == nil || b.Seconds < 1 || b.Seconds > int(rep.SendSeconds)+1 || b.NearlyFull > b.Seconds || b.MaxLoadgen <= 0 && !trickle {
			t.Errorf("%s: busy seconds %+v over %.1f s of sending", r.Name, r.Busy, rep.SendSeconds)
		}
	}
	if data, err := os.ReadFile(filepath.Join(o.out, "soak-cpu.tsv")); err != nil || strings.Count(string(data), "\n") < 2 ||
		!strings.Contains(string(data), "\tsteal\tiowait\tflush ms\taccepted\t") {
		t.Errorf("the soak's seconds: %q, %v", data, err)
	}
	// The soak runs as deployed at the as-deployed half rate; its p99 and
	// its fuzzy backlog are targets.
	soak, deployedHalf := res.Rows[len(res.Rows)-1], res.Rows[5]
	if soak.Report.OfferedRate != deployedHalf.Report.OfferedRate || soak.Report.OfferedRate <= 0 {
		t.Errorf("the soak offered %v/s, the as-deployed half run %v/s: want the same", soak.Report.OfferedRate, deployedHalf.Report.OfferedRate)
	}
	var targetNames []string
	for _, tg := range res.Targets {
		targetNames = append(targetNames, tg.Name)
	}
	for _, name := range []string{"p99 accept→commit < 50 ms, " + soak.Name, "fuzzy backlog bounded over the " + soak.Name} {
		if !slices.Contains(targetNames, name) {
			t.Errorf("no target %q among %q", name, targetNames)
		}
	}
	// The as-deployed max is compared with the booking path's runs on
	// either side of it.
	deployedMax, before, after := res.Rows[3].Report.ProcessedPerSec, res.Rows[0].Report.ProcessedPerSec, res.Rows[4].Report.ProcessedPerSec
	i := slices.IndexFunc(res.Targets, func(tg Target) bool { return strings.HasPrefix(tg.Name, "as deployed: max") })
	if i < 0 {
		t.Errorf("no as-deployed max target among %q", targetNames)
	} else if tg := res.Targets[i]; tg.Met != (deployedMax >= 0.9*(before+after)/2) || !strings.Contains(tg.Got, fmt.Sprintf("%.0f/s vs %.0f/s and %.0f/s", deployedMax, before, after)) {
		t.Errorf("as-deployed max target %+v, from %.0f/s between %.0f/s and %.0f/s", tg, deployedMax, before, after)
	}
	// Before the large file's runs its indexes were read into memory: a
	// small database's all of them, and the two tables' heaps.
	if p := res.Prewarm; p == nil || p.Relations < 10 || p.MB <= 0 || len(p.Skipped) > 0 || p.BudgetMB <= p.MB {
		t.Errorf("prewarm = %+v", p)
	}
	// The server ran with shared buffers of a quarter of the machine.
	if want := "shared_buffers=" + sharedBuffers(); !slices.Contains(res.Settings, want) {
		t.Errorf("settings %q, want %s", res.Settings, want)
	}
	// and says in what pages the server holds them: the kernel's own
	// unless the host reserved huge pages for them.
	if kb := res.SharedMemoryPageKB; kb != os.Getpagesize()/1024 && kb != 2048 {
		t.Errorf("shared buffers in %d kB pages", kb)
	}
	if len(res.Fuzzy) != 2 {
		t.Errorf("%d fuzzy drains, want one per file", len(res.Fuzzy))
	}
	for _, f := range res.Fuzzy {
		// A task may search several profiles, never none.
		if f.Waiting < f.Tasks || f.Done > f.Waiting || f.TrainSeconds <= 0 || f.Single.Count != o.searches || f.Single.P99 <= 0 {
			t.Errorf("fuzzy drain of the %d file: %+v", f.File, f)
		}
	}
	if len(res.Targets) < 7 {
		t.Errorf("%d targets checked: %+v", len(res.Targets), res.Targets)
	}

	var out bytes.Buffer
	res.writeTable(&out)
	table := out.String()
	for _, s := range append([]string{"vs store", "vs queue", "p99 ms", "queue bound: enqueue", "store bound", "CPU time per booking", "seconds >90%", "target"}, want...) {
		if !strings.Contains(table, s) {
			t.Errorf("the table lacks %q:\n%s", s, table)
		}
	}
	if !strings.Contains(table, fmt.Sprintf("%d relations (its indexes first)", res.Prewarm.Relations)) {
		t.Errorf("the table does not say what was read into memory:\n%s", table)
	}
	if onDisk && !strings.Contains(table, "the disk holding PostgreSQL's data ("+res.Disk) {
		t.Errorf("the table lacks the disk's figures:\n%s", table)
	}
	// On a disk, the probe flushed about ten times a second of the rest
	// and said so.
	if f := res.DiskAtRest; onDisk && (f == nil || f.Count < 5 || f.P50 <= 0 || f.Max < f.P50 ||
		!strings.Contains(table, "the disk at rest, before the runs: "+strconv.Itoa(f.Count)+" flushes")) {
		t.Errorf("the disk at rest: %+v\n%s", f, table)
	}
	for _, r := range res.Rows {
		if by := r.Costs.FullPagesBy; len(by) > 0 && !strings.Contains(table, r.Name+": "+by[0].Relation) {
			t.Errorf("the table lacks %s's full pages by relation:\n%s", r.Name, table)
		}
	}
	t.Log("\n" + table)
}

// TestBusyTrace: a second counts as nearly full over 90% of the machine's
// CPUs, as a load generator's burst at a fifth of them or more, and as
// stolen when the hypervisor took a tenth of them or more; the seconds
// after the sending ended are not the run's.
func TestBusyTrace(t *testing.T) {
	t0 := time.Date(2026, 12, 2, 6, 0, 0, 0, time.UTC)
	sec := func(i int, machine, loadgen, steal, flush, over float64) cpuSecond {
		return cpuSecond{at: t0.Add(time.Duration(i) * time.Second), machine: machine, loadgen: loadgen, steal: steal, flushMs: flush, overMs: over}
	}
	tr := &cpuTracer{stop: make(chan struct{}), secs: []cpuSecond{
		sec(1, 1.85, 0.2, 0, 0.4, 0), sec(2, 1.8, 0.4, 0.19, 49.9, 0), sec(3, 1.2, 0.39, 0.2, 50, 10), sec(4, 1.95, 0.9, 0.7, 1800, 990),
		sec(5, 2, 1.3, 1, 3000, 1000),
	}}
	secs := tr.finish(t0.Add(4 * time.Second))
	got := busyTrace(secs, 2)
	want := BusyTrace{Seconds: 4, NearlyFull: 2, LoadgenBursts: 2, MaxLoadgen: 0.9, Stolen: 2, MaxSteal: 0.7, DiskStalls: 2, MaxFlushMs: 1800,
		DiskStalled: 0.25}
	if got != want {
		t.Errorf("busyTrace = %+v, want %+v", got, want)
	}
}

// TestCPUSecondsBesideLatency: each line of soak-cpu.tsv holds the CPUs of
// the second its sample ends and the latency of the bookings accepted in
// that second; a second nobody was accepted in has none.
func TestCPUSecondsBesideLatency(t *testing.T) {
	t0 := time.Date(2026, 12, 2, 6, 0, 0, 0, time.UTC)
	secs := []cpuSecond{
		{at: t0.Add(1400 * time.Millisecond), machine: 1.5, postgres: 0.7, dedupe: 0.5, redis: 0.1, loadgen: 0.15, steal: 0.05, iowait: 0.01, flushMs: 1.25},
		{at: t0.Add(2400 * time.Millisecond), machine: 1.9, postgres: 0.5, dedupe: 0.4, redis: 0.1, loadgen: 0.1, steal: 0.8, iowait: 0.6, flushMs: 812.5},
	}
	lat := []loadgen.Second{
		{At: t0, Latency: loadgen.Latency{Count: 500, P50: 9, P99: 30, Max: 41}},
		{At: t0.Add(time.Second), Latency: loadgen.Latency{Count: 510, P50: 60, P99: 240, Max: 300}},
	}
	path := filepath.Join(t.TempDir(), "soak-cpu.tsv")
	if err := writeCPUSeconds(path, secs, lat); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "time\tmachine\tpostgres\tdedupe\tredis\tloadgen\tsteal\tiowait\tflush ms\taccepted\tp50 ms\tp99 ms\tmax ms\n" +
		"06:00:01\t1.50\t0.70\t0.50\t0.10\t0.15\t0.05\t0.01\t1.2\t500\t9.0\t30.0\t41.0\n" +
		"06:00:02\t1.90\t0.50\t0.40\t0.10\t0.10\t0.80\t0.60\t812.5\t510\t60.0\t240.0\t300.0\n"
	if string(data) != want {
		t.Errorf("soak-cpu.tsv:\n%s\nwant:\n%s", data, want)
	}
}

// TestLatencyTargetNamesTheSteal: a latency target measured while the
// hypervisor took the machine's CPUs says how much it took; one measured
// without says nothing of it.
func TestLatencyTargetNamesTheSteal(t *testing.T) {
	row := func(name string, p99, steal float64, stolen int) *Row {
		return &Row{Name: name, Report: &loadgen.Report{ProcessedPerSec: 500, EndToEnd: loadgen.Latency{Count: 1000, P99: p99}},
			Costs: &Costs{CPU: CPU{Steal: steal}}, Busy: &BusyTrace{Seconds: 600, Stolen: stolen}}
	}
	got := targets(&Result{}, runs{soak: row("soak", 120, 0.5, 270), deployedHalf: row("half", 40, 0, 0)}, 2)
	if len(got) < 2 {
		t.Fatalf("targets %+v, want the two latency targets first", got)
	}
	if got[0].Name != "p99 accept→commit < 50 ms, half" || got[0].Got != "40.0 ms" || !got[0].Met {
		t.Errorf("without steal: %+v", got[0])
	}
	if want := "120.0 ms (the hypervisor took 0.25 CPUs, 270 of 600 seconds over a tenth of them)"; got[1].Got != want || got[1].Met {
		t.Errorf("with steal: %+v, want %q, not met", got[1], want)
	}
}

// TestLatencyTargetNamesTheDiskStall: a latency target measured while the
// disk stalled says in how many seconds, how many of the seconds with a
// slow p99 were near a stall (in it, in the second after, or in the five
// before), and the p99 of the bookings accepted away from the stalls.
func TestLatencyTargetNamesTheDiskStall(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 14, 19, 0, 0, time.UTC)
	var secs []cpuSecond
	var lat []loadgen.Second
	var timed []loadgen.Timed
	for i := range 20 {
		flush := 1.0
		if i == 10 || i == 11 {
			flush = 1870 // the samples ending 14:19:10.4 and 11.4
		}
		secs = append(secs, cpuSecond{at: t0.Add(time.Duration(i)*time.Second + 400*time.Millisecond), flushMs: flush,
			overMs: max(0, flush-50) / 2}) // a stall of 1.9 s over the two seconds
		p99 := 20.0
		switch i {
		case 9, 10, 15, 16: // 9: the second before the stall; 15 and 16: five and six after it
			p99 = 400
		case 3: // a slow second of no stall
			p99 = 80
		}
		lat = append(lat, loadgen.Second{At: t0.Add(time.Duration(i) * time.Second), Latency: loadgen.Latency{Count: 500, P99: p99}})
		for j := range 10 {
			d := 12 * time.Millisecond
			if i == 3 && j == 0 || i >= 8 && i <= 15 {
				d = time.Duration(p99) * time.Millisecond
			}
			timed = append(timed, loadgen.Timed{Second: t0.Add(time.Duration(i)*time.Second + time.Duration(j)*time.Millisecond).Unix(), Latency: d})
		}
	}
	stalls, _ := hostSeconds(secs, 2)
	slow, near := nearStall(stalls, lat)
	if slow != 5 || near != 3 {
		t.Errorf("nearStall = %d slow, %d near, want 5 and 3 (9, 10 and 15; not 3 or 16)", slow, near)
	}
	busy := busyTrace(secs, 2)
	row := &Row{Name: "soak", Report: &loadgen.Report{ProcessedPerSec: 500, EndToEnd: loadgen.Latency{Count: 10000, P99: 947}, Seconds: lat, Timed: timed},
		Busy: &busy, seconds: secs}
	got := targets(&Result{}, runs{soak: row}, 2)
	want := "947.0 ms (the disk stalled in 2 of 20 seconds, a flush of 1870 ms at worst, and 9.1% of the time a commit would have waited 50 ms or more for its flush alone; 3 of the 5 seconds with a p99 over 50 ms were near a stall; " +
		"the 120 bookings accepted away from them: p99 12.0 ms)"
	if len(got) == 0 || got[0].Got != want || got[0].Met {
		t.Errorf("targets %+v, want first %q, not met", got, want)
	}
}

// TestFlushProbe: the probe flushes its file about ten times a second;
// take reads the slowest flush since the last take, and atRest every
// flush of its span; close removes the file.
func TestFlushProbe(t *testing.T) {
	dir := t.TempDir()
	p, err := startFlushProbe(dir)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(350 * time.Millisecond)
	if d, _ := p.take(); d <= 0 {
		t.Errorf("take after 350 ms = %v, want a flush", d)
	}
	f := p.atRest(context.Background(), 600*time.Millisecond)
	if f.Count < 3 || f.Count > 7 || f.P50 <= 0 || f.Max < f.P99 || f.Seconds != 0.6 {
		t.Errorf("atRest(600 ms) = %+v, want about 6 flushes", f)
	}
	p.close()
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("the probe left %d files", len(left))
	}
}

// TestSummariseFlushes: the flushes' percentiles, the stalls counted from
// flushStall up, and the share of the time spent past it.
func TestSummariseFlushes(t *testing.T) {
	var ds []time.Duration
	for range 97 {
		ds = append(ds, time.Millisecond)
	}
	ds = append(ds, 49*time.Millisecond, flushStall, 1742*time.Millisecond)
	f := summariseFlushes(ds, 10*time.Second)
	// The time past 50 ms: 0 + 0 + 1692 ms of 10 s.
	if f.Count != 100 || f.P50 != 1 || f.P99 != 50 || f.Max != 1742 || f.Stalls != 2 || math.Abs(f.Stalled-0.1692) > 1e-9 {
		t.Errorf("summariseFlushes = %+v", f)
	}
	if want := "100 flushes of a 4 kB write in 10 s, p50 1.00 ms, p99 50.0 ms, max 1742.0 ms, 2 of 50 ms or more; " +
		"a commit would have waited 50 ms or more for its flush 16.9% of the time"; f.String() != want {
		t.Errorf("String() = %q, want %q", f, want)
	}
}
