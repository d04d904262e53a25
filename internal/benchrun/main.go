// Command benchrun measures dedupe on this machine, everything side by
// side in one run, and prints a table:
//
//   - the queue bound: asynq alone, enqueueing and a no-op handler;
//   - the store bound: the worker's transaction, store.Ingest, called
//     directly, ten calls at once (--store-concurrency; loadgen --mode store);
//   - the pipeline: loadgen over HTTP against a real `dedupe all` built
//     from this checkout, as fast as it goes, at half that rate and at a
//     trickle, with a small and a large pre-filled customer file;
//
// with the pipeline's throughput as a share of each bound, the latency
// from acceptance to commit, the dedupe quality, the memory of the dedupe
// process and what one booking costs in SQL statements and Redis
// commands. PostgreSQL is durable (fsync and synchronous_commit on) and
// Redis keeps its append-only file, as in production.
//
// Run it from the module root: `go run ./internal/benchrun` (make bench).
// docs/performance.md explains the figures.
package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5"
	"github.com/redis/go-redis/v9"

	"dedupe/deploy"
	"dedupe/internal/postgrestest"
	"dedupe/internal/redistest"
	"dedupe/loadgen"
	"dedupe/store"
	"dedupe/worker"
)

// options are benchrun's flags.
type options struct {
	smallFile, largeFile int
	run, half, trickle   time.Duration
	storeRun, fuzzy      time.Duration
	searches             int
	soak                 time.Duration
	soakRate             float64
	trickleRate          float64
	queueTasks           int
	concurrency, senders int
	storeConcurrency     int
	maxQueue             int
	customers            int
	skipLarge            bool
	walPool              bool
	diskRest             time.Duration
	walRelations         bool
	prewarm              bool
	asJSON               bool
	out                  string
	pprof, explain       bool
	pgSettings           []string
	serviceEnv           []string
}

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var o options
	var pg, env listFlag
	flag.IntVar(&o.smallFile, "small-file", 10_000, "profiles pre-filled in the small customer file")
	flag.IntVar(&o.largeFile, "file-size", 300_000, "profiles pre-filled in the large customer file")
	flag.DurationVar(&o.run, "run", 30*time.Second, "how long each as-fast-as-possible pipeline run sends")
	flag.DurationVar(&o.half, "half", 20*time.Second, "how long each half-rate pipeline run sends")
	flag.DurationVar(&o.trickle, "trickle", 20*time.Second, "how long the trickle run sends")
	flag.Float64Var(&o.trickleRate, "trickle-rate", 5, "bookings per second of the trickle run")
	flag.DurationVar(&o.storeRun, "store", 20*time.Second, "how long the store bound runs")
	flag.IntVar(&o.searches, "searches", 500, "single fuzzy searches timed on each file after its queue is drained (p50, p99)")
	flag.DurationVar(&o.fuzzy, "fuzzy", 20*time.Second, "how long to time the fuzzy searches the booking-path runs left (the rest are dropped)")
	flag.DurationVar(&o.soak, "soak", 0, "at the end, a run as deployed this long at the as-deployed half rate: the soak's p99, fuzzy backlog and memory targets (e.g. 10m; 0: none)")
	flag.Float64Var(&o.soakRate, "soak-rate", 0, "bookings per second of the soak (0: the as-deployed half rate); a fixed rate compares two versions on a machine whose speed varies")
	flag.IntVar(&o.queueTasks, "queue-tasks", 20_000, "tasks of the queue bound")
	flag.IntVar(&o.concurrency, "concurrency", worker.DefaultConcurrency, "the worker's concurrency (DEDUPE_CONCURRENCY), also the queue bound's")
	flag.IntVar(&o.storeConcurrency, "store-concurrency", 10, "store.Ingest calls at once in the store bound (each its own transaction)")
	flag.IntVar(&o.senders, "senders", 16, "requests loadgen keeps in flight in the as-fast-as-possible runs")
	flag.IntVar(&o.maxQueue, "max-queue", 1000, "in the as-fast-as-possible runs, loadgen holds back while more tasks than this wait (0: no limit)")
	flag.IntVar(&o.customers, "customers", 1_000_000, "size of loadgen's synthetic population")
	flag.BoolVar(&o.skipLarge, "skip-large", false, "skip the large customer file")
	flag.BoolVar(&o.walPool, "wal-pool", true, "before measuring, give PostgreSQL the recycled WAL segments (min_wal_size) of a server that has run at this load")
	flag.DurationVar(&o.diskRest, "disk-rest", 30*time.Second, "before the runs, probe the disk's flushes this long with nothing running: the host's disk as it is (0: skip)")
	flag.BoolVar(&o.prewarm, "prewarm", true, "read the large file's indexes into the OS cache before its runs (pg_prewarm), as a server running at this load holds them; false measures the file cold")
	flag.BoolVar(&o.walRelations, "wal-relations", false, "after each run, divide its full-page images among the tables and indexes whose pages they hold (reads the run's WAL with pg_walinspect: seconds a run,\nand on a large file the next run's first seconds pay for it: leave it off to measure a half rate's p99; docs/performance.md section 60)")
	flag.BoolVar(&o.asJSON, "json", false, "print the results as JSON")
	flag.StringVar(&o.out, "out", "", "keep the logs, the profiles and result.json in this directory")
	flag.BoolVar(&o.pprof, "pprof", false, "save CPU and heap profiles of dedupe during the small-file run to --out")
	flag.BoolVar(&o.explain, "explain", false, "log EXPLAIN (ANALYZE, BUFFERS) of the worker's statements on the large file to --out")
	flag.Var(&pg, "pg-set", "a PostgreSQL setting name=value for the benchmark server (repeatable)")
	flag.Var(&env, "service-env", "an environment variable NAME=value for the dedupe process (repeatable): GOGC, GOMAXPROCS, DEDUPE_…")
	flag.Parse()
	o.pgSettings, o.serviceEnv = pg, env
	if (o.pprof || o.explain) && o.out == "" {
		fmt.Fprintln(os.Stderr, "benchrun: --pprof and --explain need --out DIR")
		os.Exit(2)
	}
	res, err := run(ctx, o, os.Stderr)
	if res != nil && o.out != "" {
		// Keep the figures beside the logs, whatever is printed.
		if data, jerr := json.MarshalIndent(res, "", "  "); jerr == nil {
			if werr := os.WriteFile(filepath.Join(o.out, "result.json"), data, 0o644); werr != nil {
				fmt.Fprintln(os.Stderr, "benchrun:", werr)
			}
		}
	}
	if res != nil {
		if o.asJSON {
			enc := json.NewEncoder(os.Stdout)
			enc.SetIndent("", "  ")
			enc.Encode(res)
		} else {
			res.writeTable(os.Stdout)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchrun:", err)
		os.Exit(1)
	}
}

// Result is everything one benchrun measured.
type Result struct {
	Started  time.Time `json:"started"`
	Machine  string    `json:"machine"`
	Settings []string  `json:"postgres_settings"`
	// Disk is the device holding PostgreSQL's data, whose counters each
	// run's costs include; empty when there is none (tmpfs).
	Disk string `json:"disk_device,omitempty"`
	// DiskAtRest is the probe's flushes before the runs (--disk-rest).
	DiskAtRest *Flushes     `json:"disk_at_rest,omitempty"`
	Queue      QueueBound   `json:"queue_bound"`
	Store      *Row         `json:"store_bound"`
	Rows       []*Row       `json:"pipeline"`
	Fuzzy      []FuzzyDrain `json:"fuzzy"`
	// Prewarm is what was read into memory before the large file's runs
	// (--prewarm).
	Prewarm *Prewarm `json:"prewarm,omitempty"`
	// SharedMemoryPageKB is the page size of PostgreSQL's shared buffers:
	// 2048 in huge pages, 4 in the kernel's small ones; 0 when it could
	// not be read.
	SharedMemoryPageKB int `json:"shared_memory_page_kb,omitempty"`
	// Writeback is the host's writeback of dirty pages; nil when it could
	// not be read.
	Writeback *Writeback `json:"host_writeback,omitempty"`
	Targets   []Target   `json:"targets"`
	Seconds   float64    `json:"seconds"`
}

// Row is one loadgen run.
type Row struct {
	Name    string          `json:"name"`
	File    int             `json:"file_profiles"` // pre-filled profiles of the tenant
	Report  *loadgen.Report `json:"report"`
	Memory  *MemoryTrace    `json:"dedupe_memory,omitempty"`
	Busy    *BusyTrace      `json:"busy,omitempty"`
	VsStore float64         `json:"vs_store_bound"`
	VsQueue float64         `json:"vs_queue_bound"`
	Costs   *Costs          `json:"costs"`
	// seconds are the CPUs each part kept busy, second by second.
	seconds []cpuSecond
}

// Target is one of the targets, met or not.
type Target struct {
	Name string `json:"name"`
	Got  string `json:"got"`
	Met  bool   `json:"met"`
}

// pgBenchSettings tune the benchmark's PostgreSQL as a production server
// on this machine would be, durability untouched: shared buffers of a
// quarter of its memory (sharedBuffers), PostgreSQL's own starting point
// for a dedicated server, without which a large file's index pages are
// written out each time they change (docs/operations.md, A large file:
// shared buffers); track_commit_timestamp lets loadgen read when each
// ingestion committed,
// pg_stat_statements what a booking costs. Then deploy/postgres-small.conf,
// as `make run`'s server: autovacuum throttled, since each minute it
// vacuums and analyses the tables the bookings grow, several seconds of a
// whole CPU unthrottled, and the bookings beside it queued behind
// (docs/operations.md, Autovacuum beside the service); and a peak's worth
// of WAL segments kept for reuse, with fewer checkpoints during a run
// (WAL segments at a peak; fillWALPool).
var pgBenchSettings = append([]string{
	"track_commit_timestamp=on",
	"shared_preload_libraries=pg_stat_statements",
	"shared_buffers=" + sharedBuffers(),
	"maintenance_work_mem=512MB",
}, deploy.SmallMachinePostgres()...)

// run runs the whole benchmark. It returns no result when the servers do
// not start, and what it measured so far when a measurement fails.
func run(ctx context.Context, o options, log io.Writer) (*Result, error) {
	b := &bench{o: o, log: log, res: &Result{Started: time.Now().UTC(), Machine: machine()}, seed: 1}
	defer b.close()
	if err := b.start(ctx); err != nil {
		return nil, err
	}
	for _, phase := range []func(context.Context) error{
		b.diskAtRest, b.queueBound, b.storeBound, b.bookingPath, b.asDeployed, b.largeFile, b.soakRun,
	} {
		if err := phase(ctx); err != nil {
			return b.res, err
		}
	}
	b.res.Targets = targets(b.res, b.runs, float64(runtime.NumCPU()))
	b.res.Seconds = time.Since(b.res.Started).Seconds()
	return b.res, nil
}

// bench is one benchmark run: its options, the servers it started, the
// meter that reads their costs, and what it measured so far. run calls
// one method per phase, in order.
type bench struct {
	o       options
	log     io.Writer
	res     *Result
	cleanup []func() // undoes start, in reverse order

	// Set by start.
	dir      string // the work directory: --out, or a temporary one
	dbURL    string
	st       *store.Store
	conn     *pgx.Conn // for the meter and explain
	redisOpt asynq.RedisClientOpt
	insp     *asynq.Inspector
	svc      *service
	pid      int // the dedupe process's
	m        meter

	// loadgen's settings: each run draws the next seed; the as-deployed
	// runs do not wait for the fuzzy searches.
	seed        uint64
	noFuzzyWait bool

	small        loadgen.Tenant // the small customer file
	halfRate     float64        // half the small file's max rate, the booking path's
	deployedRate float64        // half the small file's max rate as deployed
	// trained is how long each file's fuzzy model took to train, before
	// any run: a search does not find the model missing and queue the
	// training beside the searches timed.
	trained map[int]float64

	runs // the pipeline runs the targets are checked on
}

func (b *bench) step(format string, args ...any) {
	fmt.Fprintf(b.log, "benchrun: "+format+"\n", args...)
}

// defers adds f to what close undoes.
func (b *bench) defers(f func()) { b.cleanup = append(b.cleanup, f) }

// close stops everything start started, last first.
func (b *bench) close() {
	for i := len(b.cleanup) - 1; i >= 0; i-- {
		b.cleanup[i]()
	}
}

// start builds dedupe and starts the servers: PostgreSQL, Redis, then
// `dedupe all`.
func (b *bench) start(ctx context.Context) error {
	dir := b.o.out
	if dir == "" {
		d, err := os.MkdirTemp("", "dedupe-bench-")
		if err != nil {
			return err
		}
		b.defers(func() { os.RemoveAll(d) })
		dir = d
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b.dir, _ = filepath.Abs(dir)

	b.step("building dedupe")
	bin, err := buildDedupe(ctx, b.dir)
	if err != nil {
		return err
	}
	if err := b.startPostgres(ctx); err != nil {
		return err
	}
	rs, err := redistest.Start(ctx, redistest.Options{AOF: true})
	if err != nil {
		return err
	}
	b.defers(func() { rs.Close() })
	rdb := redis.NewClient(&redis.Options{Addr: rs.Addr()})
	b.defers(func() { rdb.Close() })
	b.redisOpt = asynq.RedisClientOpt{Addr: rs.Addr()}

	b.step("starting dedupe all (concurrency %d)", b.o.concurrency)
	b.svc, err = startService(ctx, bin, b.dir, append([]string{"DATABASE_URL=" + b.dbURL, "REDIS_URL=" + rs.URL(),
		fmt.Sprintf("DEDUPE_CONCURRENCY=%d", b.o.concurrency), "DEDUPE_LOG_LEVEL=warn",
		// The per-token rate limit (1,000/s by default) would cap the max
		// runs, which measure capacity, not the limiter.
		"DEDUPE_RATE_LIMIT=-1"}, b.o.serviceEnv...))
	if err != nil {
		return err
	}
	b.defers(b.svc.stop)
	b.pid = b.svc.cmd.Process.Pid
	b.insp = asynq.NewInspector(b.redisOpt)
	b.defers(func() { b.insp.Close() })

	parts, err := findParts(ctx, b.pid, b.conn, rdb)
	if err != nil {
		return fmt.Errorf("find the processes: %w", err)
	}
	b.m = meter{conn: b.conn, rdb: rdb, parts: parts, walRelations: b.o.walRelations}
	var dataDir string
	if err := b.conn.QueryRow(ctx, `SHOW data_directory`).Scan(&dataDir); err != nil {
		return err
	}
	if b.m.disk, b.m.hasDisk, err = findDisk(dataDir); err != nil || !b.m.hasDisk {
		b.step("PostgreSQL's data directory is on no block device /proc/diskstats lists (%v): the runs give no disk figures", err)
	} else {
		b.res.Disk = b.m.disk.name
		if b.m.probe, err = startFlushProbe(probeDir(dataDir)); err != nil {
			return fmt.Errorf("probe the disk: %w", err)
		}
		b.defers(b.m.probe.close)
	}
	return nil
}

// diskAtRest probes the disk's flushes for --disk-rest before any run:
// the servers are up and idle, so what it reads is the host's disk.
func (b *bench) diskAtRest(ctx context.Context) error {
	if b.m.probe == nil || b.o.diskRest <= 0 {
		return nil
	}
	b.step("the disk at rest: probing its flushes for %s", b.o.diskRest)
	b.res.DiskAtRest = b.m.probe.atRest(ctx, b.o.diskRest)
	return ctx.Err()
}

// startPostgres starts a durable PostgreSQL with pgBenchSettings and
// --pg-set, creates and migrates the bench database, and opens the store
// and the meter's connection to it.
func (b *bench) startPostgres(ctx context.Context) error {
	settings := append(append([]string{}, pgBenchSettings...), b.o.pgSettings...)
	if b.o.explain {
		logDir := filepath.Join(b.dir, "pglog")
		if err := os.MkdirAll(logDir, 0o777); err != nil {
			return err
		}
		if err := os.Chmod(logDir, 0o777); err != nil { // the server may run as the postgres user
			return err
		}
		settings = append(settings, "logging_collector=on", "log_directory="+logDir, "log_filename=postgresql.log")
	}
	b.res.Settings = settings
	b.step("starting a durable PostgreSQL and Redis (AOF)")
	pg, err := postgrestest.StartWith(ctx, postgrestest.Options{Durable: true, Settings: settings})
	if err != nil {
		return err
	}
	b.defers(func() { pg.Close() })
	if err := pg.CreateDatabase(ctx, "bench", ""); err != nil {
		return err
	}
	b.dbURL = pg.URL("bench")
	if b.st, err = store.Open(ctx, store.Config{URL: b.dbURL, MaxConns: 4}); err != nil {
		return err
	}
	b.defers(b.st.Close)
	if err := b.st.Migrate(ctx); err != nil {
		return err
	}
	if b.conn, err = pgx.Connect(ctx, b.dbURL); err != nil {
		return err
	}
	b.defers(func() { b.conn.Close(context.Background()) })
	if _, err = b.conn.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS pg_stat_statements`); err != nil {
		return err
	}
	var backend int
	if err := b.conn.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&backend); err != nil {
		return err
	}
	if kb, err := sharedMemoryPageKB(backend); err != nil {
		b.step("the shared buffers' page size not read: %v", err)
	} else {
		b.res.SharedMemoryPageKB = kb
		b.step("shared buffers in %d kB pages", kb)
	}
	if w, err := hostWriteback("/proc/sys/vm"); err != nil {
		b.step("the host's writeback of dirty pages not read: %v", err)
	} else {
		b.res.Writeback = w
		b.step("%s", w)
	}
	if b.o.walRelations {
		if _, err = b.conn.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS pg_walinspect`); err != nil {
			return err
		}
	}
	if b.o.walPool {
		b.step("filling PostgreSQL's pool of WAL segments")
		n, err := fillWALPool(ctx, b.conn)
		if err != nil {
			return err
		}
		b.step("%d WAL segments in pg_wal", n)
	}
	return nil
}

// load is the configuration of the next loadgen run.
func (b *bench) load(mode string) loadgen.Config {
	b.seed++
	return loadgen.Config{Mode: mode, URL: b.svc.base, DatabaseURL: b.dbURL, Redis: b.redisOpt, Customers: b.o.customers,
		DuplicateRate: 0.5, TypoRate: 0.1, SharedEmailRate: 0.05, SalesRate: 0.2, Seed: b.seed,
		DrainTimeout: 5 * time.Minute, NoFuzzyWait: b.noFuzzyWait, Progress: b.log, RunID: fmt.Sprintf("bench%d", b.seed)}
}

// queueBound measures asynq alone.
func (b *bench) queueBound(ctx context.Context) error {
	b.step("queue bound: %d no-op tasks", b.o.queueTasks)
	var err error
	if b.res.Queue, err = measureQueue(ctx, b.redisOpt, b.o.queueTasks, b.o.concurrency); err != nil {
		return fmt.Errorf("queue bound: %w", err)
	}
	return nil
}

// storeBound measures store.Ingest called directly, on a tenant of its own.
func (b *bench) storeBound(ctx context.Context) error {
	o := b.o
	b.step("store bound: store.Ingest at concurrency %d for %s on a %d-profile file", o.storeConcurrency, o.storeRun, o.smallFile)
	cfg := b.load(loadgen.ModeStore)
	cfg.Duration, cfg.Concurrency = o.storeRun, o.storeConcurrency
	var before counters
	cfg.Prepare = func(ctx context.Context, ts []loadgen.Tenant) error {
		if err := loadgen.Prefill(ctx, b.dbURL, ts[0].ID, o.smallFile, b.log); err != nil {
			return err
		}
		var err error
		before, err = b.m.snapshot(ctx) // the costs are the run's, not the prefill's
		return err
	}
	rep, err := loadgen.Run(ctx, cfg)
	if err != nil {
		return fmt.Errorf("store bound: %w", err)
	}
	b.res.Store = &Row{Name: fmt.Sprintf("store bound: store.Ingest ×%d", o.storeConcurrency), File: o.smallFile, Report: rep}
	c, err := b.m.costsSince(ctx, before, rep.Processed)
	if err != nil {
		return fmt.Errorf("store bound: %w", err)
	}
	b.res.Store.Costs = &c
	return nil
}

// bookingPath runs the booking path on the small file, first: with the
// fuzzy queue paused, the runs measure the API, the queue and the
// worker's transaction, which the targets are about. The fuzzy searches
// they queue are timed after.
func (b *bench) bookingPath(ctx context.Context) error {
	o := b.o
	if err := b.insp.PauseQueue(worker.QueueFuzzy); err != nil {
		return fmt.Errorf("pause the fuzzy queue: %w", err)
	}
	var err error
	if b.small, err = b.tenant(ctx, "bench-small", o.smallFile); err != nil {
		return err
	}
	sf := count(o.smallFile)
	if b.smallMax, err = b.pipeline(ctx, fmt.Sprintf("booking path, %s file, max", sf), b.small, o.smallFile, 0, o.run, o.senders, true); err != nil {
		return err
	}
	b.halfRate = float64(int(b.smallMax.Report.ProcessedPerSec / 2))
	if b.smallHalf, err = b.pipeline(ctx, fmt.Sprintf("booking path, %s file, %.0f/s (half)", sf, b.halfRate), b.small, o.smallFile, b.halfRate, o.half, o.senders, false); err != nil {
		return err
	}
	if b.trickle, err = b.pipeline(ctx, fmt.Sprintf("booking path, %s file, %.0f/s (trickle)", sf, o.trickleRate), b.small, o.smallFile, o.trickleRate, o.trickle, 2, false); err != nil {
		return err
	}
	return b.timeFuzzy(ctx, b.small, o.smallFile)
}

// asDeployed runs the small file as deployed: the fuzzy searches share the
// worker and the database with the bookings.
func (b *bench) asDeployed(ctx context.Context) error {
	sf := count(b.o.smallFile)
	b.noFuzzyWait = true
	var err error
	if b.deployedMax, err = b.deployed(ctx, fmt.Sprintf("as deployed, %s file, max", sf), 0, b.o.run); err != nil {
		return err
	}
	if b.smallMaxAfter, err = b.bookingMaxAgain(ctx); err != nil {
		return err
	}
	b.deployedRate = float64(int(b.deployedMax.Report.ProcessedPerSec / 2))
	if b.deployedHalf, err = b.deployed(ctx, fmt.Sprintf("as deployed, %s file, %.0f/s (half)", sf, b.deployedRate), b.deployedRate, b.o.half); err != nil {
		return err
	}
	b.noFuzzyWait = false
	return nil
}

// bookingMaxAgain runs the booking path's max on the small file once more,
// right after the as-deployed max. The machine's speed drifts by a fifth
// or more within minutes (performance.md, section 29), and the first
// booking-path max ran two minutes before: the as-deployed max is compared
// with the mean of the two, which brackets it. The fuzzy searches the run
// queues are dropped, as the as-deployed runs' are.
func (b *bench) bookingMaxAgain(ctx context.Context) (*Row, error) {
	if err := b.insp.PauseQueue(worker.QueueFuzzy); err != nil {
		return nil, fmt.Errorf("pause the fuzzy queue: %w", err)
	}
	row, err := b.deployed(ctx, fmt.Sprintf("booking path, %s file, max, after as deployed", count(b.o.smallFile)), 0, b.o.run)
	if err != nil {
		return nil, err
	}
	if err := b.insp.UnpauseQueue(worker.QueueFuzzy); err != nil {
		return nil, fmt.Errorf("resume the fuzzy queue: %w", err)
	}
	return row, nil
}

// largeFile runs the booking path on the large file, unless
// --skip-large, and then --explain.
func (b *bench) largeFile(ctx context.Context) error {
	o := b.o
	if o.skipLarge {
		return nil
	}
	if err := b.insp.PauseQueue(worker.QueueFuzzy); err != nil {
		return fmt.Errorf("pause the fuzzy queue: %w", err)
	}
	large, err := b.tenant(ctx, "bench-large", o.largeFile)
	if err != nil {
		return err
	}
	if o.prewarm {
		if err := b.prewarm(ctx); err != nil {
			return err
		}
	}
	lf := count(o.largeFile)
	if b.largeMax, err = b.pipeline(ctx, fmt.Sprintf("booking path, %s file, max", lf), large, o.largeFile, 0, o.run, o.senders, false); err != nil {
		return err
	}
	if b.largeHalf, err = b.pipeline(ctx, fmt.Sprintf("booking path, %s file, %.0f/s (half)", lf, b.halfRate), large, o.largeFile, b.halfRate, o.half, o.senders, false); err != nil {
		return err
	}
	if err := b.timeFuzzy(ctx, large, o.largeFile); err != nil {
		return err
	}
	if o.explain {
		return explain(ctx, b.conn, b.load(loadgen.ModeStore), large, b.dbURL, b.dir, b.step)
	}
	return nil
}

// prewarm reads the database's indexes into the operating system's cache,
// as much of them as three quarters of the memory available holds.
func (b *bench) prewarm(ctx context.Context) error {
	avail, err := memAvailable()
	if err != nil {
		return err
	}
	b.step("reading the indexes into memory (pg_prewarm, at most %.1f GB)", float64(avail)*3/4/1e9)
	p, err := prewarmRelations(ctx, b.conn, avail*3/4)
	if err != nil {
		return err
	}
	b.res.Prewarm = &p
	b.step("read %d relations, %.0f MB, in %.0f s; skipped for want of memory: %v", p.Relations, p.MB, p.Seconds, p.Skipped)
	return nil
}

// soakRun runs --soak as deployed: the fuzzy queue is running again (the
// last drainFuzzy resumed it), as it would be for ten minutes in
// production; its backlog is not waited for. Its rate is the as-deployed
// half rate, half of what the service takes with the fuzzy searches
// running beside the bookings, as the soak runs, unless --soak-rate sets it.
func (b *bench) soakRun(ctx context.Context) error {
	if b.o.soak <= 0 {
		return nil
	}
	rate := cmp.Or(b.o.soakRate, b.deployedRate)
	name := fmt.Sprintf("as deployed, %s file, %.0f/s for %s (soak)", count(b.o.smallFile), rate, b.o.soak)
	b.noFuzzyWait = true
	var err error
	if b.soak, err = b.deployed(ctx, name, rate, b.o.soak); err != nil {
		return err
	}
	if err := writeCPUSeconds(filepath.Join(b.dir, "soak-cpu.tsv"), b.soak.seconds, b.soak.Report.Seconds); err != nil {
		b.step("the soak's seconds: %v", err)
	}
	return nil
}

// tenant creates a tenant with an ingest and read token, and pre-fills
// its customer file with file profiles.
func (b *bench) tenant(ctx context.Context, slug string, file int) (loadgen.Tenant, error) {
	t, err := b.st.CreateTenant(ctx, slug, loadgen.Region)
	if err != nil {
		return loadgen.Tenant{}, err
	}
	token, _, err := b.st.CreateToken(ctx, slug, "benchrun", []string{store.ScopeIngest, store.ScopeRead})
	if err != nil {
		return loadgen.Tenant{}, err
	}
	b.step("pre-filling %s with %d profiles", slug, file)
	start := time.Now()
	if err := loadgen.Prefill(ctx, b.dbURL, t.ID, file, b.log); err != nil {
		return loadgen.Tenant{}, err
	}
	b.step("pre-filled %d profiles in %.0f s", file, time.Since(start).Seconds())
	start = time.Now()
	if _, err := b.st.TrainFuzzy(ctx, t.ID); err != nil {
		return loadgen.Tenant{}, fmt.Errorf("train %s's fuzzy model: %w", slug, err)
	}
	if b.trained == nil {
		b.trained = map[int]float64{}
	}
	b.trained[file] = time.Since(start).Seconds()
	b.step("trained the fuzzy model of %s in %.1f s", slug, b.trained[file])
	return loadgen.Tenant{ID: t.ID, Slug: slug, Token: token}, nil
}

// pipeline runs loadgen over HTTP against dedupe on a tenant's file of
// file profiles: at rate bookings per second (0: as fast as it goes, held
// back at --max-queue) for d. profile asks for --pprof's profiles. The
// row is added to the results.
func (b *bench) pipeline(ctx context.Context, name string, t loadgen.Tenant, file int, rate float64, d time.Duration, senders int, profile bool) (*Row, error) {
	b.step("pipeline: %s", name)
	cfg := b.load(loadgen.ModeHTTP)
	cfg.Existing, cfg.Rate, cfg.Duration, cfg.Concurrency = []loadgen.Tenant{t}, rate, d, senders
	if rate == 0 {
		cfg.MaxQueue = b.o.maxQueue
	}
	before, err := b.m.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	var profiled chan error
	if profile && b.o.pprof {
		profiled = make(chan error, 1)
		go func() {
			secs := max(1, int(d.Seconds())-2)
			profiled <- fetch(ctx, fmt.Sprintf("%s/debug/pprof/profile?seconds=%d", b.svc.base, secs), filepath.Join(b.dir, "cpu.pprof"))
		}()
	}
	mem := sampleMemory(b.pid)
	cpu := b.m.parts.traceCPU(b.m.probe)
	started := time.Now()
	rep, err := loadgen.Run(ctx, cfg)
	trace := mem.finish()
	if err != nil {
		cpu.finish(started)
		return nil, err
	}
	secs := cpu.finish(started.Add(time.Duration(rep.SendSeconds * float64(time.Second))))
	busy := busyTrace(secs, float64(runtime.NumCPU()))
	row := &Row{Name: name, File: file, Report: rep, Memory: &trace, Busy: &busy, seconds: secs}
	if b.res.Store.Report.ProcessedPerSec > 0 {
		row.VsStore = rep.ProcessedPerSec / b.res.Store.Report.ProcessedPerSec
	}
	if b.res.Queue.ProcessPerSec > 0 {
		row.VsQueue = rep.ProcessedPerSec / b.res.Queue.ProcessPerSec
	}
	c, err := b.m.costsSince(ctx, before, rep.Processed)
	if err != nil {
		return nil, err
	}
	row.Costs = &c
	if profiled != nil {
		if err := <-profiled; err != nil {
			b.step("cpu profile: %v", err)
		}
		if err := fetch(ctx, b.svc.base+"/debug/pprof/heap", filepath.Join(b.dir, "heap.pprof")); err != nil {
			b.step("heap profile: %v", err)
		}
	}
	b.res.Rows = append(b.res.Rows, row)
	return row, nil
}

// deployed is a pipeline run on the small file as deployed, or with the
// fuzzy queue paused; the backlog of fuzzy searches it leaves is dropped
// after it.
func (b *bench) deployed(ctx context.Context, name string, rate float64, d time.Duration) (*Row, error) {
	row, err := b.pipeline(ctx, name, b.small, b.o.smallFile, rate, d, b.o.senders, false)
	if err != nil {
		return nil, err
	}
	if _, err := b.insp.DeleteAllPendingTasks(worker.QueueFuzzy); err != nil {
		return nil, err
	}
	return row, nil
}

// timeFuzzy times the fuzzy searches the runs on a file left behind, then
// single searches of random profiles of the file, one after the other.
func (b *bench) timeFuzzy(ctx context.Context, t loadgen.Tenant, file int) error {
	b.step("fuzzy searches of the %s file: resuming their queue for at most %s", count(file), b.o.fuzzy)
	fz, err := drainFuzzy(ctx, b.insp, b.m, b.o.fuzzy)
	if err != nil {
		return err
	}
	fz.File, fz.TrainSeconds = file, b.trained[file]
	var ids []string
	rows, err := b.conn.Query(ctx, `SELECT id::text FROM profiles WHERE tenant_id = $1 AND status = 'active'
		ORDER BY random() LIMIT 2000`, t.ID)
	if err == nil {
		ids, err = pgx.CollectRows(rows, pgx.RowTo[string])
	}
	if err != nil {
		return fmt.Errorf("draw profiles to search: %w", err)
	}
	b.step("single fuzzy searches of the %s file", count(file))
	if fz.Single, err = loadgen.TimeFuzzySearches(ctx, b.st, t.ID, ids, b.o.searches, b.seed); err != nil {
		return err
	}
	b.res.Fuzzy = append(b.res.Fuzzy, fz)
	return nil
}

// FuzzyDrain is the fuzzy searches the booking-path runs left behind,
// timed once their queue resumes with no other load, with what one search
// costs in SQL. A search is one new profile's: a task may search several
// (the worker gathers them while bookings overlap).
type FuzzyDrain struct {
	File    int     `json:"file_profiles"`
	Waiting int     `json:"waiting"` // profiles whose search waits
	Tasks   int     `json:"tasks"`   // the tasks holding them
	Done    int     `json:"done"`
	Seconds float64 `json:"seconds"`
	PerSec  float64 `json:"per_sec"`
	Dropped int     `json:"dropped"` // profiles left when the time was up, deleted
	Costs   Costs   `json:"costs"`   // per search
	// TrainSeconds is how long the file's model took to train, before the
	// runs (not in Seconds).
	TrainSeconds float64 `json:"train_seconds"`
	// Single is single searches of random profiles of the file, timed one
	// after the other once the queue is drained.
	Single loadgen.Searches `json:"single"`
}

// drainFuzzy resumes the fuzzy queue and times it for at most d, then
// deletes what is left so the next runs start clean.
func drainFuzzy(ctx context.Context, insp *asynq.Inspector, m meter, d time.Duration) (FuzzyDrain, error) {
	tasks := func() (int, error) {
		info, err := insp.GetQueueInfo(worker.QueueFuzzy)
		if err != nil {
			return 0, err
		}
		return info.Pending + info.Active + info.Retry, nil
	}
	var f FuzzyDrain
	var err error
	if f.Waiting, f.Tasks, err = fuzzyWaiting(insp); err != nil {
		return f, err
	}
	before, err := m.snapshot(ctx)
	if err != nil {
		return f, err
	}
	start := time.Now()
	if err := insp.UnpauseQueue(worker.QueueFuzzy); err != nil {
		return f, err
	}
	for left := f.Tasks; left > 0 && time.Since(start) < d; {
		time.Sleep(250 * time.Millisecond)
		if left, err = tasks(); err != nil {
			return f, err
		}
	}
	f.Seconds = time.Since(start).Seconds()
	left, _, err := fuzzyWaiting(insp)
	if err != nil {
		return f, err
	}
	f.Done = f.Waiting - left
	f.PerSec = float64(f.Done) / f.Seconds
	if left > 0 {
		if _, err := insp.DeleteAllPendingTasks(worker.QueueFuzzy); err != nil {
			return f, err
		}
		f.Dropped = left
	}
	// Let the searches still running finish, so they do not weigh on the
	// next run.
	for n, _ := tasks(); n > 0; n, _ = tasks() {
		time.Sleep(100 * time.Millisecond)
	}
	f.Costs, err = m.costsSince(ctx, before, max(f.Done, 1))
	return f, err
}

// fuzzyWaiting counts the profiles whose fuzzy search waits in the queue
// or runs, and the tasks holding them.
func fuzzyWaiting(insp *asynq.Inspector) (profiles, tasks int, err error) {
	list := map[string]func(string, ...asynq.ListOption) ([]*asynq.TaskInfo, error){
		"pending": insp.ListPendingTasks, "active": insp.ListActiveTasks, "retry": insp.ListRetryTasks}
	for state, ls := range list {
		for page := 1; ; page++ {
			infos, err := ls(worker.QueueFuzzy, asynq.PageSize(1000), asynq.Page(page))
			if errors.Is(err, asynq.ErrQueueNotFound) {
				break
			}
			if err != nil {
				return 0, 0, fmt.Errorf("list %s fuzzy tasks: %w", state, err)
			}
			for _, t := range infos {
				if t.Type != worker.TypeFuzzy {
					continue
				}
				var p worker.FuzzyPayload
				if err := json.Unmarshal(t.Payload, &p); err != nil {
					return 0, 0, fmt.Errorf("fuzzy task %s: %w", t.ID, err)
				}
				profiles += len(p.Profiles())
				tasks++
			}
			if len(infos) < 1000 {
				break
			}
		}
	}
	return profiles, tasks, nil
}

// explain logs EXPLAIN (ANALYZE, BUFFERS) of the worker's statements on a
// tenant's file: auto_explain, loaded in the new sessions of the
// database, logs the plan of every statement of 40 bookings through
// store.Ingest and of 5 fuzzy searches into the server log in dir/pglog.
func explain(ctx context.Context, conn *pgx.Conn, cfg loadgen.Config, t loadgen.Tenant, dbURL, dir string, step func(string, ...any)) (err error) {
	step("explain: 40 bookings and 5 fuzzy searches on %s with auto_explain", t.Slug)
	for _, s := range []string{`session_preload_libraries = 'auto_explain'`, `auto_explain.log_min_duration = 0`,
		`auto_explain.log_analyze = on`, `auto_explain.log_buffers = on`, `auto_explain.log_timing = on`} {
		if _, err := conn.Exec(ctx, `ALTER DATABASE bench SET `+s); err != nil {
			return err
		}
	}
	defer func() {
		if _, rerr := conn.Exec(ctx, `ALTER DATABASE bench RESET ALL`); err == nil {
			err = rerr
		}
	}()
	cfg.Existing, cfg.Count, cfg.Concurrency, cfg.Progress = []loadgen.Tenant{t}, 40, 1, nil
	if _, err := loadgen.Run(ctx, cfg); err != nil {
		return err
	}
	st, err := store.Open(ctx, store.Config{URL: dbURL, MaxConns: 1})
	if err != nil {
		return err
	}
	defer st.Close()
	rows, _ := conn.Query(ctx, `SELECT id::text FROM profiles WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 5`, t.ID)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := st.FuzzyCandidates(ctx, t.ID, id); err != nil {
			return err
		}
	}
	step("explain: plans in %s", filepath.Join(dir, "pglog", "postgresql.log"))
	return nil
}

func count(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

func machine() string {
	host, _ := os.Hostname()
	load, _ := os.ReadFile("/proc/loadavg")
	return fmt.Sprintf("%s, %d CPUs, %s, load average at start %s", host, runtime.NumCPU(), runtime.Version(),
		strings.Join(strings.Fields(string(load))[:min(3, len(strings.Fields(string(load))))], " "))
}
