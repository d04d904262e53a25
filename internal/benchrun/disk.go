package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// A booking's commit waits for its WAL to reach the disk, and a search on a
// file larger than the cache waits for its reads, so the same code reads
// slower on a slower disk. A run's disk figures tell a slower disk from
// slower code: the same requests a booking taking longer each is the disk.

// diskDevice is the block device holding PostgreSQL's data directory, as
// /proc/diskstats names it.
type diskDevice struct {
	major, minor uint32
	name         string
}

// findDisk finds the device of the file system holding dir. A directory on
// a file system of no block device (tmpfs, overlay) has none: ok is false.
func findDisk(dir string) (d diskDevice, ok bool, err error) {
	var st unix.Stat_t
	if err := unix.Stat(dir, &st); err != nil {
		return d, false, err
	}
	d.major, d.minor = unix.Major(st.Dev), unix.Minor(st.Dev)
	data, err := os.ReadFile("/proc/diskstats")
	if err != nil {
		return d, false, err
	}
	if _, name, found := parseDiskstats(string(data), d.major, d.minor); found {
		d.name = name
		return d, true, nil
	}
	return d, false, nil
}

// diskSample is a device's counters since boot (the kernel's
// Documentation/admin-guide/iostats.rst), and when they were read.
type diskSample struct {
	at                            time.Time
	reads, readSectors, readMs    int64
	writes, writeSectors, writeMs int64
	busyMs, flushes, flushMs      int64
}

// parseDiskstats finds the line of the device major:minor in the text of
// /proc/diskstats. Kernels before 5.5 give no flush counters: they read 0.
func parseDiskstats(text string, major, minor uint32) (s diskSample, name string, ok bool) {
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) < 14 || f[0] != strconv.FormatUint(uint64(major), 10) || f[1] != strconv.FormatUint(uint64(minor), 10) {
			continue
		}
		// f[3:] are the counters, numbered from 1 as in iostats.rst.
		field := func(i int) int64 {
			if i+2 >= len(f) {
				return 0
			}
			n, _ := strconv.ParseInt(f[i+2], 10, 64)
			return n
		}
		s = diskSample{reads: field(1), readSectors: field(3), readMs: field(4),
			writes: field(5), writeSectors: field(7), writeMs: field(8), busyMs: field(10),
			flushes: field(16), flushMs: field(17)}
		return s, f[2], true
	}
	return s, "", false
}

// sample reads the device's counters now; a device that cannot be read
// reads as zero time, and the run reports no disk.
func (d diskDevice) sample() diskSample {
	data, err := os.ReadFile("/proc/diskstats")
	if err != nil {
		return diskSample{}
	}
	s, _, _ := parseDiskstats(string(data), d.major, d.minor)
	s.at = time.Now()
	return s
}

// Disk is what the device holding PostgreSQL's data did over a run: the
// requests it completed a second, and the mean time each waited and was
// served (the kernel's counters, which include the time queued behind the
// others). Busy is the share of the run's time the device had a request in
// flight. Flushes are the cache flushes each commit's fsync ends with.
type Disk struct {
	Device        string  `json:"device"`
	ReadsPerSec   float64 `json:"reads_per_sec"`
	ReadMBPerSec  float64 `json:"read_mb_per_sec"`
	MsPerRead     float64 `json:"ms_per_read"`
	WritesPerSec  float64 `json:"writes_per_sec"`
	WriteMBPerSec float64 `json:"write_mb_per_sec"`
	MsPerWrite    float64 `json:"ms_per_write"`
	FlushesPerSec float64 `json:"flushes_per_sec"`
	MsPerFlush    float64 `json:"ms_per_flush"`
	Busy          float64 `json:"busy"`
}

// since is what the device did between two samples.
func (s diskSample) since(before diskSample, device string) *Disk {
	secs := s.at.Sub(before.at).Seconds()
	if before.at.IsZero() || s.at.IsZero() || secs <= 0 {
		return nil
	}
	each := func(ms, n int64) float64 {
		if n <= 0 {
			return 0
		}
		return float64(ms) / float64(n)
	}
	const sector = 512 // /proc/diskstats counts 512-byte sectors whatever the device's
	reads, writes, flushes := s.reads-before.reads, s.writes-before.writes, s.flushes-before.flushes
	return &Disk{Device: device,
		ReadsPerSec: float64(reads) / secs, ReadMBPerSec: float64(s.readSectors-before.readSectors) * sector / 1e6 / secs,
		MsPerRead:    each(s.readMs-before.readMs, reads),
		WritesPerSec: float64(writes) / secs, WriteMBPerSec: float64(s.writeSectors-before.writeSectors) * sector / 1e6 / secs,
		MsPerWrite:    each(s.writeMs-before.writeMs, writes),
		FlushesPerSec: float64(flushes) / secs, MsPerFlush: each(s.flushMs-before.flushMs, flushes),
		Busy: min(1, float64(s.busyMs-before.busyMs)/1000/secs)}
}

// String is the disk's figures in one line, for the fuzzy searches'.
func (d *Disk) String() string {
	return fmt.Sprintf("%s: %.0f reads/s (%.1f MB/s, %.2f ms each), %.0f writes/s (%.1f MB/s, %.2f ms each), %.0f flushes/s (%.2f ms each), busy %.0f%%",
		d.Device, d.ReadsPerSec, d.ReadMBPerSec, d.MsPerRead, d.WritesPerSec, d.WriteMBPerSec, d.MsPerWrite, d.FlushesPerSec, d.MsPerFlush, 100*d.Busy)
}
