package main

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/redis/go-redis/v9"
)

// Costs is what one booking costs the machine, counted over a pipeline
// run: SQL statements (pg_stat_statements), transactions and Redis
// commands, divided by the bookings processed. The counts include the
// API's token look-up, the fuzzy searches, asynq's own housekeeping and
// loadgen's few queries.
type Costs struct {
	Bookings     int     `json:"bookings"`
	Transactions float64 `json:"transactions_per_booking"`
	Statements   float64 `json:"statements_per_booking"`
	RedisCalls   float64 `json:"redis_commands_per_booking"`
	// WALBytes and FullPages are the WAL written per booking (the whole
	// server's, pg_stat_wal) and its full-page images: what each commit's
	// flush waits for.
	WALBytes  float64 `json:"wal_bytes_per_booking"`
	FullPages float64 `json:"wal_full_pages_per_booking"`
	// FullPagesBy divides FullPages among the relations whose pages they
	// hold, the most first (--wal-relations).
	FullPagesBy      []RelationPages `json:"wal_full_pages_by_relation,omitempty"`
	FullPagesByError string          `json:"wal_full_pages_by_relation_error,omitempty"`
	TopSQL           []Statement     `json:"top_sql"`
	Redis            []Command       `json:"redis"`
	// CPU is the CPU time per booking of each process involved.
	CPU CPU `json:"cpu_ms_per_booking"`
	// Disk is what the device holding PostgreSQL's data did over the run;
	// nil when that directory is on no block device.
	Disk *Disk `json:"disk,omitempty"`
}

// Statement is one normalised SQL statement's share.
type Statement struct {
	Query      string  `json:"query"`
	PerBooking float64 `json:"calls_per_booking"`
	MeanMs     float64 `json:"mean_ms"`
	// TotalShare is the statement's share of all execution time.
	TotalShare float64 `json:"share_of_time"`
}

// Command is one Redis command's share.
type Command struct {
	Name       string  `json:"name"`
	PerBooking float64 `json:"calls_per_booking"`
}

// counters is a snapshot of the database's and Redis's counters.
type counters struct {
	commits       int64
	wal, walPages int64
	lsn           string // the WAL flushed so far (pg_walinspect reads no further)
	redis         map[string]int64
	cpu           cpuSample
	disk          diskSample
}

// meter reads the counters of the benchmark's servers and processes.
type meter struct {
	conn  *pgx.Conn
	rdb   *redis.Client
	parts parts
	// disk is the device holding PostgreSQL's data directory, when
	// hasDisk.
	disk    diskDevice
	hasDisk bool
	// probe flushes the data directory's file system beside the runs;
	// nil when there is no disk.
	probe *flushProbe
	// walRelations says to divide each run's full-page images among
	// relations, reading its WAL after it (fullPagesByRelation).
	walRelations bool
}

// snapshot resets pg_stat_statements and reads the counters.
func (m meter) snapshot(ctx context.Context) (counters, error) {
	conn, rdb := m.conn, m.rdb
	c := counters{cpu: m.parts.sample(), disk: m.diskSample()}
	if _, err := conn.Exec(ctx, `SELECT pg_stat_statements_reset()`); err != nil {
		return c, err
	}
	if err := readDatabaseCounters(ctx, conn, &c); err != nil {
		return c, err
	}
	var err error
	c.redis, err = commandStats(ctx, rdb)
	return c, err
}

// diskSample reads the data directory's device, when there is one.
func (m meter) diskSample() diskSample {
	if !m.hasDisk {
		return diskSample{}
	}
	return m.disk.sample()
}

// readDatabaseCounters reads the database's commits and the server's WAL
// into c.
func readDatabaseCounters(ctx context.Context, conn *pgx.Conn, c *counters) error {
	return conn.QueryRow(ctx, `SELECT xact_commit, (SELECT wal_bytes FROM pg_stat_wal)::bigint, (SELECT wal_fpi FROM pg_stat_wal),
		pg_current_wal_flush_lsn()::text
		FROM pg_stat_database WHERE datname = current_database()`).Scan(&c.commits, &c.wal, &c.walPages, &c.lsn)
}

var cmdstat = regexp.MustCompile(`^cmdstat_([^:]+):calls=(\d+)`)

func commandStats(ctx context.Context, rdb *redis.Client) (map[string]int64, error) {
	info, err := rdb.Info(ctx, "commandstats").Result()
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, line := range strings.Split(info, "\n") {
		if m := cmdstat.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
			n, _ := strconv.ParseInt(m[2], 10, 64)
			out[m[1]] = n
		}
	}
	return out, nil
}

// costsSince reads what the bookings cost since the snapshot.
func (m meter) costsSince(ctx context.Context, before counters, bookings int) (Costs, error) {
	cpu, disk := m.parts.sample(), m.diskSample()
	conn, rdb := m.conn, m.rdb
	c := Costs{Bookings: bookings}
	if bookings == 0 {
		return c, nil
	}
	c.CPU = cpu.perBooking(before.cpu, bookings)
	if m.hasDisk {
		c.Disk = disk.since(before.disk, m.disk.name)
	}
	per := func(n int64) float64 { return float64(n) / float64(bookings) }
	var now counters
	if err := readDatabaseCounters(ctx, conn, &now); err != nil {
		return c, err
	}
	c.Transactions = per(now.commits - before.commits)
	c.WALBytes, c.FullPages = per(now.wal-before.wal), per(now.walPages-before.walPages)
	if m.walRelations {
		// A diagnostic: a run's WAL a checkpoint has recycled since is
		// reported, not fatal.
		rels, err := fullPagesByRelation(ctx, conn, before.lsn, now.lsn, 6)
		if err != nil {
			c.FullPagesByError = err.Error()
		}
		for _, r := range rels {
			c.FullPagesBy = append(c.FullPagesBy, RelationPages{Relation: r.relation, PerBooking: per(r.pages)})
		}
	}
	rows, _ := conn.Query(ctx, `SELECT query, calls, mean_exec_time, total_exec_time / nullif(sum(total_exec_time) OVER (), 0)
		FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
		ORDER BY total_exec_time DESC`)
	var query string
	var calls int64
	var mean float64
	var share *float64
	var total int64
	_, err := pgx.ForEachRow(rows, []any{&query, &calls, &mean, &share}, func() error {
		total += calls
		if len(c.TopSQL) < 15 {
			s := Statement{Query: oneLine(query), PerBooking: per(calls), MeanMs: mean}
			if share != nil {
				s.TotalShare = *share
			}
			c.TopSQL = append(c.TopSQL, s)
		}
		return nil
	})
	if err != nil {
		return c, err
	}
	c.Statements = per(total)
	after, err := commandStats(ctx, rdb)
	if err != nil {
		return c, err
	}
	var calls2 int64
	for name, n := range after {
		d := n - before.redis[name]
		if d <= 0 || name == "info" {
			continue
		}
		calls2 += d
		c.Redis = append(c.Redis, Command{Name: name, PerBooking: per(d)})
	}
	c.RedisCalls = per(calls2)
	slices.SortFunc(c.Redis, func(a, b Command) int {
		switch {
		case a.PerBooking > b.PerBooking:
			return -1
		case a.PerBooking < b.PerBooking:
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	return c, nil
}

var spaces = regexp.MustCompile(`\s+`)

// oneLine shortens a query for the table.
func oneLine(q string) string {
	q = spaces.ReplaceAllString(strings.TrimSpace(q), " ")
	if len(q) > 160 {
		q = q[:157] + "..."
	}
	return q
}
