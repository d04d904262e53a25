package main

import (
	"math"
	"strings"
	"testing"
	"time"
)

// TestDiskSince: a device's line of /proc/diskstats is found by its major
// and minor numbers, and two samples make its rates and mean times.
func TestDiskSince(t *testing.T) {
	const before = `   7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
 254       0 vda 1000 5 80000 2000 5000 40 400000 10000 0 3000 12000 0 0 0 0 700 210
 254       1 vda1 10 0 800 20 50 0 4000 100 0 30 120 0 0 0 0 0 0
`
	const after = ` 254       0 vda 1400 5 160000 2600 7000 40 600000 12000 2 3500 15000 0 0 0 0 1200 310
 254       1 vda1 20 0 1600 40 60 0 4800 120 0 40 160 0 0 0 0 0 0
`
	b, name, ok := parseDiskstats(before, 254, 0)
	if !ok || name != "vda" || b.reads != 1000 || b.writeSectors != 400000 || b.busyMs != 3000 || b.flushes != 700 || b.flushMs != 210 {
		t.Fatalf("parse: %+v %q %v", b, name, ok)
	}
	a, _, _ := parseDiskstats(after, 254, 0)
	t0 := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	b.at, a.at = t0, t0.Add(2*time.Second)
	got := a.since(b, name)
	want := Disk{Device: "vda", ReadsPerSec: 200, ReadMBPerSec: 80000 * 512 / 1e6 / 2, MsPerRead: 1.5,
		WritesPerSec: 1000, WriteMBPerSec: 200000 * 512 / 1e6 / 2, MsPerWrite: 1, FlushesPerSec: 250, MsPerFlush: 0.2, Busy: 0.25}
	if got == nil || got.Device != want.Device || !near(got.ReadsPerSec, want.ReadsPerSec) || !near(got.ReadMBPerSec, want.ReadMBPerSec) ||
		!near(got.MsPerRead, want.MsPerRead) || !near(got.WritesPerSec, want.WritesPerSec) || !near(got.WriteMBPerSec, want.WriteMBPerSec) ||
		!near(got.MsPerWrite, want.MsPerWrite) || !near(got.FlushesPerSec, want.FlushesPerSec) || !near(got.MsPerFlush, want.MsPerFlush) ||
		!near(got.Busy, want.Busy) {
		t.Errorf("since = %+v, want %+v", got, want)
	}
	if s := got.String(); !strings.Contains(s, "200 reads/s") || !strings.Contains(s, "0.20 ms each") || !strings.Contains(s, "busy 25%") {
		t.Errorf("String() = %q", s)
	}

	// A partition is its own line; an old kernel's has no flush counters.
	p, name, ok := parseDiskstats(" 8 1 sda1 10 0 800 20 50 0 4000 100 0 30 120\n", 8, 1)
	if !ok || name != "sda1" || p.writes != 50 || p.flushes != 0 {
		t.Errorf("an old kernel's partition: %+v %q %v", p, name, ok)
	}
	if _, _, ok := parseDiskstats(before, 8, 0); ok {
		t.Error("found a device /proc/diskstats does not list")
	}
	// A run whose first sample was not taken reports nothing.
	if d := a.since(diskSample{}, "vda"); d != nil {
		t.Errorf("since a missing sample = %+v", d)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9*math.Max(1, math.Abs(b)) }
