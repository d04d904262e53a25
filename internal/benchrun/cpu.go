package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/redis/go-redis/v9"
)

// parts are the processes a run's CPU time is charged to: the dedupe
// service, PostgreSQL (its postmaster and every backend), Redis, and this
// process, which is the load generator.
type parts struct {
	dedupe, postmaster, redis int
}

// findParts finds the PostgreSQL and Redis processes behind conn and rdb.
func findParts(ctx context.Context, dedupe int, conn *pgx.Conn, rdb *redis.Client) (parts, error) {
	p := parts{dedupe: dedupe}
	var backend int
	if err := conn.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&backend); err != nil {
		return p, err
	}
	st, err := readStat(backend)
	if err != nil {
		return p, err
	}
	p.postmaster = st.ppid
	info, err := rdb.Info(ctx, "server").Result()
	if err != nil {
		return p, err
	}
	for _, line := range strings.Split(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "process_id:"); ok {
			p.redis, _ = strconv.Atoi(v)
		}
	}
	if p.redis == 0 {
		return p, fmt.Errorf("redis INFO server has no process_id")
	}
	return p, nil
}

// cpuSample is the CPU seconds used so far by each part and by the whole
// machine (every CPU's busy time), and the time the hypervisor took.
type cpuSample struct {
	dedupe, postgres, redis, loadgen, machine, steal float64
	// iowait is the machine's idle time with a disk request in flight:
	// not busy, and not counted in machine.
	iowait float64
}

// CPU is the CPU time one booking cost each part, in milliseconds.
// Machine is every CPU's busy time, the hypervisor's steal included. Steal
// is the time this virtual machine's CPUs were ready to run and the
// hypervisor ran something else: time the service lost without using it.
// Other is the machine's busy time charged to neither the parts nor the
// steal (the kernel's own work, the journal, anything else running).
type CPU struct {
	Postgres float64 `json:"postgres"`
	Dedupe   float64 `json:"dedupe"`
	Redis    float64 `json:"redis"`
	Loadgen  float64 `json:"loadgen"`
	Steal    float64 `json:"steal"`
	Other    float64 `json:"other"`
	Machine  float64 `json:"machine"`
}

// clockTicks is USER_HZ, the unit of /proc's CPU times: 100 on Linux.
const clockTicks = 100

func (p parts) sample() cpuSample {
	var s cpuSample
	s.dedupe = processCPU(p.dedupe, false)
	s.redis = processCPU(p.redis, false)
	s.loadgen = processCPU(os.Getpid(), false)
	// PostgreSQL forks a process per connection: the postmaster's own
	// time, its ended children's (cutime, cstime) and its live children's.
	s.postgres = processCPU(p.postmaster, true)
	if dirs, err := filepath.Glob("/proc/[0-9]*"); err == nil {
		for _, d := range dirs {
			pid, _ := strconv.Atoi(filepath.Base(d))
			if st, err := readStat(pid); err == nil && st.ppid == p.postmaster && p.postmaster != 0 {
				s.postgres += float64(st.utime+st.stime) / clockTicks
			}
		}
	}
	if data, err := os.ReadFile("/proc/stat"); err == nil {
		// cpu  user nice system idle iowait irq softirq steal ...
		f := strings.Fields(strings.SplitN(string(data), "\n", 2)[0])
		field := func(i int) int64 {
			if i >= len(f) {
				return 0
			}
			n, _ := strconv.ParseInt(f[i], 10, 64)
			return n
		}
		const steal = 8
		var busy int64
		for _, i := range []int{1, 2, 3, 6, 7, steal} {
			busy += field(i)
		}
		s.machine = float64(busy) / clockTicks
		s.steal = float64(field(steal)) / clockTicks
		s.iowait = float64(field(5)) / clockTicks
	}
	return s
}

// perBooking is what happened between two samples, per booking.
func (s cpuSample) perBooking(before cpuSample, bookings int) CPU {
	ms := func(after, before float64) float64 { return 1000 * (after - before) / float64(bookings) }
	c := CPU{Postgres: ms(s.postgres, before.postgres), Dedupe: ms(s.dedupe, before.dedupe), Redis: ms(s.redis, before.redis),
		Loadgen: ms(s.loadgen, before.loadgen), Steal: ms(s.steal, before.steal), Machine: ms(s.machine, before.machine)}
	c.Other = max(0, c.Machine-c.Postgres-c.Dedupe-c.Redis-c.Loadgen-c.Steal)
	return c
}

type stat struct {
	ppid                         int
	utime, stime, cutime, cstime int64
}

// readStat reads /proc/PID/stat. The command name, in parentheses, may
// hold spaces, so fields are counted after its closing parenthesis.
func readStat(pid int) (stat, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return stat{}, err
	}
	i := strings.LastIndexByte(string(data), ')')
	if i < 0 {
		return stat{}, fmt.Errorf("/proc/%d/stat: no command name", pid)
	}
	f := strings.Fields(string(data[i+1:])) // f[0] is field 3, the state
	if len(f) < 15 {
		return stat{}, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(f))
	}
	num := func(field int) int64 { n, _ := strconv.ParseInt(f[field-3], 10, 64); return n }
	return stat{ppid: int(num(4)), utime: num(14), stime: num(15), cutime: num(16), cstime: num(17)}, nil
}

// processCPU is a process's CPU seconds, with its ended children's when
// children is set; 0 when it cannot be read.
func processCPU(pid int, children bool) float64 {
	if pid == 0 {
		return 0
	}
	st, err := readStat(pid)
	if err != nil {
		return 0
	}
	t := st.utime + st.stime
	if children {
		t += st.cutime + st.cstime
	}
	return float64(t) / clockTicks
}
