package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
)

// runs are the pipeline runs the targets are checked on; a run not made
// (--skip-large) is nil.
type runs struct {
	smallMax, smallHalf, trickle, largeMax, largeHalf *Row
	// smallMaxAfter is the booking path's max run again right after the
	// as-deployed max.
	deployedMax, smallMaxAfter, deployedHalf, soak *Row
}

// targets checks the targets against the runs, made on a machine
// of cpus CPUs.
func targets(res *Result, rs runs, cpus float64) []Target {
	smallMax, smallHalf, trickle, largeMax, largeHalf := rs.smallMax, rs.smallHalf, rs.trickle, rs.largeMax, rs.largeHalf
	deployed, smallMaxAfter, deployedHalf, soak := rs.deployedMax, rs.smallMaxAfter, rs.deployedHalf, rs.soak
	var out []Target
	for _, r := range []*Row{smallMax, deployed} {
		if r != nil && res.Store != nil {
			out = append(out, Target{Name: "pipeline ≥ 80% of the store bound, " + r.Name,
				Got: fmt.Sprintf("%.0f%% (%.0f/s of %.0f/s)", 100*r.VsStore, r.Report.ProcessedPerSec, res.Store.Report.ProcessedPerSec),
				Met: r.VsStore >= 0.8})
		}
	}
	for _, r := range []*Row{smallHalf, trickle, deployedHalf, soak} {
		if r == nil {
			continue
		}
		p99 := r.Report.EndToEnd.P99
		got := fmt.Sprintf("%.1f ms", p99)
		var host []string
		stalls, steal := hostSeconds(r.seconds, cpus)
		if b := r.Busy; b != nil && b.Stolen > 0 && r.Costs != nil {
			// A latency measured while the hypervisor ran another
			// machine's work on these CPUs says so (section 32).
			host = append(host, fmt.Sprintf("the hypervisor took %.2f CPUs, %d of %d seconds over a tenth of them",
				r.Costs.CPU.Steal*r.Report.ProcessedPerSec/1000, b.Stolen, b.Seconds))
		}
		if b := r.Busy; b != nil && b.DiskStalls > 0 {
			// And one measured while the disk stopped (section 45).
			slow, near := nearStall(stalls, r.Report.Seconds)
			host = append(host, fmt.Sprintf("the disk stalled in %d of %d seconds, a flush of %.0f ms at worst, and %.1f%% of the time a commit would have waited 50 ms or more for its flush alone; %d of the %d seconds with a p99 over 50 ms were near a stall",
				b.DiskStalls, b.Seconds, b.MaxFlushMs, 100*b.DiskStalled, near, slow))
		}
		if len(host) > 0 && len(r.seconds) > 0 {
			// What is left is the service's: the bookings accepted away
			// from the host's seconds.
			clean := r.Report.EndToEndExcept(func(at int64) bool { return nearAny(stalls, at) || nearAny(steal, at) })
			host = append(host, fmt.Sprintf("the %d bookings accepted away from them: p99 %.1f ms", clean.Count, clean.P99))
		}
		if len(host) > 0 {
			got += " (" + strings.Join(host, "; ") + ")"
		}
		out = append(out, Target{Name: "p99 accept→commit < 50 ms, " + r.Name, Got: got, Met: r.Report.EndToEnd.Count > 0 && p99 < 50})
	}
	if deployed != nil && smallMax != nil && smallMaxAfter != nil {
		// The booking path's max before and after the as-deployed one:
		// their mean cancels the machine's drift between the runs.
		before, after := smallMax.Report.ProcessedPerSec, smallMaxAfter.Report.ProcessedPerSec
		ratio := deployed.Report.ProcessedPerSec / ((before + after) / 2)
		out = append(out, Target{Name: "as deployed: max ≥ 90% of the booking path's, the mean of its runs before and after",
			Got: fmt.Sprintf("%.0f%% (%.0f/s vs %.0f/s and %.0f/s)", 100*ratio, deployed.Report.ProcessedPerSec, before, after),
			Met: ratio >= 0.9})
	}
	if largeMax != nil && smallMax != nil && smallMax.Report.ProcessedPerSec > 0 {
		ratio := largeMax.Report.ProcessedPerSec / smallMax.Report.ProcessedPerSec
		out = append(out, Target{Name: "booking path: large file ≥ 90% of the small file's throughput",
			Got: fmt.Sprintf("%.0f%% (%.0f/s vs %.0f/s)", 100*ratio, largeMax.Report.ProcessedPerSec, smallMax.Report.ProcessedPerSec),
			Met: ratio >= 0.9})
	}
	if largeHalf != nil && smallHalf != nil {
		a, b := smallHalf.Report.EndToEnd.P99, largeHalf.Report.EndToEnd.P99
		// "The same": within 5 ms or 20%, whichever is larger; a shared
		// machine is noisier than that.
		out = append(out, Target{Name: "booking path: the same p99 with the large file at the same rate",
			Got: fmt.Sprintf("%.1f ms vs %.1f ms", b, a), Met: b <= a+math.Max(5, 0.2*a)})
	}
	if soak != nil {
		// Bounded: at the end no more searches wait than the bookings of
		// ten seconds, so the backlog did not grow with the soak's length.
		bound := int(10 * soak.Report.ProcessedPerSec)
		out = append(out, Target{Name: "fuzzy backlog bounded over the " + soak.Name,
			Got: fmt.Sprintf("%d searches queued at the end (bound %d, 10 s of bookings)", soak.Report.FuzzyPending, bound),
			Met: soak.Report.FuzzyPending <= bound})
	}
	switch {
	case soak != nil && soak.Memory != nil && soak.Memory.AfterMinute > 0:
		// Flat: the end no more than 10% (and 5 MiB) above the RSS one
		// minute in, once the pools and buffers have grown to the load.
		m := soak.Memory
		out = append(out, Target{Name: "dedupe memory flat over the " + soak.Name,
			Got: fmt.Sprintf("RSS %.0f MiB at 1 min → %.0f MiB at the end, peak %.0f MiB", m.AfterMinute, m.EndRSS, m.Peak),
			Met: m.EndRSS <= m.AfterMinute*1.1+5})
	case smallMax != nil && smallMax.Memory != nil && smallMax.Memory.Samples > 1:
		m := smallMax.Memory
		out = append(out, Target{Name: "dedupe memory flat over the longest run (--soak 10m for the 10-minute target)",
			Got: fmt.Sprintf("RSS %.0f → %.0f MiB, peak %.0f MiB", m.StartRSS, m.EndRSS, m.Peak),
			Met: m.EndRSS <= m.StartRSS*1.25+20})
	}
	return out
}

// writeTable prints the results for people: the rates and latencies, the
// fuzzy searches alone, the CPU each process took, the quality, what a booking
// costs in statements and Redis commands, and the targets.
func (res *Result) writeTable(w io.Writer) {
	res.writeHeader(w)
	res.writeRates(w)
	res.writeFuzzyAlone(w)
	res.writeCPU(w)
	res.writeQuality(w)
	res.writePerBooking(w)
	writeFullPagesBy(w, res.Rows)
	res.writeTargets(w)
	fmt.Fprintf(w, "\n%.0f s in all\n", res.Seconds)
}

// writeHeader prints when and where the runs ran, and how durable the servers were.
func (res *Result) writeHeader(w io.Writer) {
	fmt.Fprintf(w, "\ndedupe bench, %s\n", res.Started.Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(w, "machine: %s\n", res.Machine)
	if f := res.DiskAtRest; f != nil {
		fmt.Fprintf(w, "the disk at rest, before the runs: %s\n", f)
	}
	fmt.Fprintf(w, "PostgreSQL durable (fsync, synchronous_commit, full_page_writes on); %s\n", strings.Join(res.Settings, " "))
	switch kb := res.SharedMemoryPageKB; {
	case kb >= 2048:
		fmt.Fprintf(w, "shared buffers in huge pages (%d kB)\n", kb)
	case kb > 0:
		fmt.Fprintf(w, "shared buffers in %d kB pages, not huge pages (docs/operations.md, Huge pages for the shared buffers)\n", kb)
	}
	if wb := res.Writeback; wb != nil {
		fmt.Fprintf(w, "%s\n", wb)
	}
	fmt.Fprintf(w, "Redis appendonly yes, appendfsync everysec; all on one machine with the load generator\n\n")
}

// writeRates prints each run's throughput and latency, and how the large file was read into memory.
func (res *Result) writeRates(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "measurement\tthroughput/s\tvs store\tvs queue\tp50 ms\tp90 ms\tp99 ms\tmax ms\tdedupe RSS MiB\t")
	fmt.Fprintf(tw, "queue bound: enqueue (%d tasks)\t%.0f\t\t\t\t\t\t\t\t\n", res.Queue.Tasks, res.Queue.EnqueuePerSec)
	fmt.Fprintf(tw, "queue bound: no-op handler\t%.0f\t\t\t\t\t\t\t\t\n", res.Queue.ProcessPerSec)
	if r := res.Store; r != nil {
		l := r.Report.EndToEnd
		fmt.Fprintf(tw, "%s, %s file\t%.0f\t\t\t%.1f\t%.1f\t%.1f\t%.1f\t\t\n", r.Name, count(r.File), r.Report.ProcessedPerSec, l.P50, l.P90, l.P99, l.Max)
	}
	for _, r := range res.Rows {
		l := r.Report.EndToEnd
		mem := ""
		if r.Memory != nil {
			mem = fmt.Sprintf("%.0f→%.0f (peak %.0f)", r.Memory.StartRSS, r.Memory.EndRSS, r.Memory.Peak)
		}
		fmt.Fprintf(tw, "%s\t%.0f\t%.0f%%\t%.0f%%\t%.1f\t%.1f\t%.1f\t%.1f\t%s\t\n", r.Name, r.Report.ProcessedPerSec,
			100*r.VsStore, 100*r.VsQueue, l.P50, l.P90, l.P99, l.Max, mem)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nthroughput: bookings processed per second, first acceptance to last commit; latency: acceptance to commit")
	fmt.Fprintln(w, "(the commit record's timestamp; the store bound's is the call to store.Ingest). Booking path: the fuzzy")
	fmt.Fprintln(w, "queue paused (API, queue, transaction); as deployed: the fuzzy searches run beside, their backlog dropped after.")
	for _, r := range res.Rows {
		if r.Report.MaxQueue > 0 {
			fmt.Fprintf(w, "max: as fast as the service takes them, loadgen holding back while more than %d tasks wait in the queue.\n", r.Report.MaxQueue)
			break
		}
	}
	if p := res.Prewarm; p != nil {
		fmt.Fprintf(w, "before the large file's runs, %d relations (its indexes first), %.0f MB, were read into the OS cache in %.0f s (pg_prewarm)", p.Relations, p.MB, p.Seconds)
		if len(p.Skipped) > 0 {
			fmt.Fprintf(w, "; over %.0f MB of memory, not read: %s", p.BudgetMB, strings.Join(p.Skipped, ", "))
		}
		fmt.Fprintln(w)
	}
}

// writeFuzzyAlone prints what the fuzzy searches cost with nothing else running.
func (res *Result) writeFuzzyAlone(w io.Writer) {
	for _, f := range res.Fuzzy {
		fmt.Fprintf(w, "\nfuzzy searches, %s file, alone: %d of %d (in %d tasks) in %.0f s: %.1f/s", count(f.File), f.Done, f.Waiting, f.Tasks, f.Seconds, f.PerSec)
		if f.Dropped > 0 {
			fmt.Fprintf(w, " (%d dropped)", f.Dropped)
		}
		fmt.Fprintf(w, "; its model trained beforehand in %.1f s", f.TrainSeconds)
		fmt.Fprintf(w, "\n  single searches: %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms", f.Single.Count, f.Single.P50, f.Single.P99, f.Single.Max)
		if f.Costs.Disk != nil {
			fmt.Fprintf(w, "\n  disk, %s", f.Costs.Disk)
		}
		fmt.Fprintf(w, "\n  per search: %.2f SQL statements; the costliest:\n", f.Costs.Statements)
		writeSQL(w, f.Costs.TopSQL, 4)
	}
}

// writeCPU prints the CPU time each process took per booking, and the WAL and the disk's stalls.
func (res *Result) writeCPU(w io.Writer) {
	fmt.Fprintln(w, "\nCPU time per booking, ms, by process (from /proc; loadgen is benchrun itself, which in the store bound")
	fmt.Fprintln(w, "also runs store.Ingest; steal is the time the hypervisor ran something else on the machine's CPUs;")
	fmt.Fprintln(w, "other is the machine's busy time charged to none of them), and the WAL written; sampled each second")
	fmt.Fprintln(w, "while loadgen sends: the seconds the machine was over 90% busy, those loadgen took a fifth of it or")
	fmt.Fprintln(w, "more, taken from the service, those the hypervisor took a tenth of it or more, and those in which")
	fmt.Fprintln(w, "the disk stalled (a probe's 4 kB write and flush took 50 ms or more), with the share of the run in")
	fmt.Fprintln(w, "which a commit would have waited 50 ms or more for its flush")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "run\tpostgres\tdedupe\tredis\tloadgen\tsteal\tother\tmachine\tCPUs busy\tWAL kB\tfull pages\tseconds >90%\tloadgen ≥20%\tsteal ≥10%\tdisk stalls\t")
	for _, r := range append([]*Row{res.Store}, res.Rows...) {
		if r == nil || r.Costs == nil {
			continue
		}
		c := r.Costs.CPU
		full, bursts, stole, stalls := "", "", "", ""
		if b := r.Busy; b != nil && b.Seconds > 0 {
			full, bursts, stole = fmt.Sprintf("%d of %d", b.NearlyFull, b.Seconds), strconv.Itoa(b.LoadgenBursts), strconv.Itoa(b.Stolen)
			stalls = fmt.Sprintf("%d (%.1f%%)", b.DiskStalls, 100*b.DiskStalled)
		}
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.1f\t%.2f\t%s\t%s\t%s\t%s\t\n", r.Name, c.Postgres, c.Dedupe, c.Redis, c.Loadgen, c.Steal, c.Other,
			c.Machine, c.Machine*r.Report.ProcessedPerSec/1000, r.Costs.WALBytes/1024, r.Costs.FullPages, full, bursts, stole, stalls)
	}
	tw.Flush()
	writeDisk(w, append([]*Row{res.Store}, res.Rows...))
}

// writeQuality prints each run's precision and recall against loadgen's truth.
func (res *Result) writeQuality(w io.Writer) {
	fmt.Fprintln(w, "\nquality (against loadgen's truth)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "run\tbookings\tprecision\trecall\twrongly merged\tsplit people\treviews: one person\tdifferent people\tother\terrors\tfuzzy left\t")
	rows := res.Rows
	if res.Store != nil {
		rows = append([]*Row{res.Store}, rows...)
	}
	for _, r := range rows {
		rep := r.Report
		errs := 0
		for _, n := range rep.Errors {
			errs += n
		}
		fmt.Fprintf(tw, "%s\t%d\t%.4f\t%.4f\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", r.Name, rep.Processed, rep.Quality.Precision,
			rep.Quality.Recall, rep.Quality.WronglyMerged, rep.Quality.SplitPeople, rep.Reviews.SamePerson,
			rep.Reviews.DifferentPeople, rep.Reviews.Unknown, errs+rep.Missing, rep.FuzzyPending)
	}
	tw.Flush()
}

// writePerBooking prints, for the booking path's max runs, the transactions, statements
// and Redis commands a booking cost.
func (res *Result) writePerBooking(w io.Writer) {
	for _, r := range res.Rows {
		c := r.Costs
		if c == nil || !strings.HasPrefix(r.Name, "booking path") || r.Report.OfferedRate != 0 {
			continue
		}
		fmt.Fprintf(w, "\nper booking (%s, %d bookings): %.2f transactions, %.2f SQL statements, %.2f Redis commands\n",
			r.Name, c.Bookings, c.Transactions, c.Statements, c.RedisCalls)
		writeSQL(w, c.TopSQL, len(c.TopSQL))
		var parts []string
		for _, cmd := range c.Redis {
			if cmd.PerBooking >= 0.01 {
				parts = append(parts, fmt.Sprintf("%s %.2f", cmd.Name, cmd.PerBooking))
			}
		}
		fmt.Fprintf(w, "  Redis commands per booking: %s\n", strings.Join(parts, ", "))
	}
}

// writeTargets prints each target, met or not, with the figure that decides it.
func (res *Result) writeTargets(w io.Writer) {
	fmt.Fprintln(w, "\ntargets")
	for _, t := range res.Targets {
		mark := "met"
		if !t.Met {
			mark = "NOT met"
		}
		fmt.Fprintf(w, "  %-7s %s: %s\n", mark, t.Name, t.Got)
	}
}

// writeSQL prints the first n statements.
func writeSQL(w io.Writer, stmts []Statement, n int) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  calls each\tmean ms\ttime share\tstatement")
	for _, s := range stmts[:min(n, len(stmts))] {
		fmt.Fprintf(tw, "  %.2f\t%.3f\t%.0f%%\t%s\n", s.PerBooking, s.MeanMs, 100*s.TotalShare, s.Query)
	}
	tw.Flush()
}

// writeDisk prints what the device holding PostgreSQL's data did in each
// run, when it was found.
func writeDisk(w io.Writer, rows []*Row) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	header := false
	for _, r := range rows {
		if r == nil || r.Costs == nil || r.Costs.Disk == nil {
			continue
		}
		d := r.Costs.Disk
		if !header {
			header = true
			fmt.Fprintf(w, "\nthe disk holding PostgreSQL's data (%s, /proc/diskstats): requests completed a second, MB a second,\n", d.Device)
			fmt.Fprintln(w, "the mean ms each waited and was served, and the share of the run it had a request in flight")
			fmt.Fprintln(tw, "run\treads/s\tread MB/s\tms a read\twrites/s\twrite MB/s\tms a write\tflushes/s\tms a flush\tbusy\t")
		}
		fmt.Fprintf(tw, "%s\t%.0f\t%.1f\t%.2f\t%.0f\t%.1f\t%.2f\t%.0f\t%.2f\t%.0f%%\t\n", r.Name, d.ReadsPerSec, d.ReadMBPerSec, d.MsPerRead,
			d.WritesPerSec, d.WriteMBPerSec, d.MsPerWrite, d.FlushesPerSec, d.MsPerFlush, 100*d.Busy)
	}
	tw.Flush()
}

// writeFullPagesBy lists, for each run that counted them (--wal-relations),
// the relations its full-page images were of.
func writeFullPagesBy(w io.Writer, rows []*Row) {
	header := false
	for _, r := range rows {
		if r.Costs == nil || len(r.Costs.FullPagesBy) == 0 && r.Costs.FullPagesByError == "" {
			continue
		}
		if !header {
			fmt.Fprintln(w, "\nWAL full-page images per booking, by the table or index whose page each holds (pg_walinspect)")
			header = true
		}
		var parts []string
		for _, p := range r.Costs.FullPagesBy {
			parts = append(parts, fmt.Sprintf("%s %.2f", p.Relation, p.PerBooking))
		}
		if e := r.Costs.FullPagesByError; e != "" {
			parts = append(parts, "not read: "+e)
		}
		fmt.Fprintf(w, "  %s: %s\n", r.Name, strings.Join(parts, ", "))
	}
}
