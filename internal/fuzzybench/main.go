// Command fuzzybench measures the fuzzy candidates on a synthetic customer
// file whose truth it knows (loadgen.CustomerFile): distinct people, with
// duplicates planted that each carry one labelled error and another email
// and mobile. It starts a throwaway PostgreSQL, imports the file through
// store.ImportBatch, runs store.Scan, reads the open review candidates
// back and prints:
//
//   - quality: the proposed pairs (every pair within a candidate), how many
//     are true, false pairs per 1,000 profiles, precision and recall (a
//     planted pair is found when both records are in one candidate),
//     overall and per error kind; the "precision file" view (false pairs
//     between distinct people, recall of the typo duplicates);
//   - cost: the import, the scan, and single fuzzy searches
//     (store.FuzzyCandidates) on random profiles, p50 and p99.
//
// With --replay it needs no database: it builds, trains and scans the same
// file in memory (replay.go) and prints the quality at several thresholds.
//
// Run it from the module root: `go run ./internal/fuzzybench` (make
// bench-fuzzy). docs/performance.md explains the figures. It prints
// aggregates only, never a customer's data.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"dedupe/internal/postgrestest"
	"dedupe/loadgen"
	"dedupe/matcher"
	"dedupe/store"
)

// options are fuzzybench's flags.
type options struct {
	people     int
	seed       uint64
	dupRate    float64
	kinds      []loadgen.ErrorKind
	kindsName  string
	searches   int
	durable    bool
	threshold  float64
	pgSettings []string
}

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var o options
	var pg listFlag
	var asJSON, replayMode bool
	var thresholds string
	var explain float64
	var classes int
	flag.IntVar(&o.people, "profiles", 100_000, "distinct people in the file; the planted duplicates come on top")
	flag.Uint64Var(&o.seed, "seed", 1, "the file's seed: one seed, one file")
	flag.Float64Var(&o.dupRate, "dup-rate", 0.1, "share of people given a planted duplicate")
	flag.StringVar(&o.kindsName, "kinds", "all", `the error kinds planted: "all", "precision" (the typo alone: the issue's precision file), or a comma-separated list`)
	flag.IntVar(&o.searches, "searches", 2000, "single fuzzy searches timed after the scan")
	flag.BoolVar(&o.durable, "durable", true, "run PostgreSQL durable (fsync on), as in production")
	flag.Float64Var(&o.threshold, "threshold", 0, "the tenant's fuzzy_threshold in bits (0: the default)")
	flag.BoolVar(&asJSON, "json", false, "print the results as JSON")
	flag.BoolVar(&replayMode, "replay", false, "measure the quality in memory, without PostgreSQL, at each of --thresholds (see replay.go)")
	flag.StringVar(&thresholds, "thresholds", "20,22,24", "with --replay: the thresholds in bits, comma-separated")
	flag.Float64Var(&explain, "explain", 0, "with --replay: sort the false and the missed pairs at this threshold by their levels")
	flag.IntVar(&classes, "classes", 20, "with --explain: how many classes to print")
	flag.Var(&pg, "pg-set", "a PostgreSQL setting name=value (repeatable)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: fuzzybench [flags]\n\nexample: go run ./internal/fuzzybench --profiles 1000000 --json\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	o.pgSettings = pg
	var err error
	if o.kinds, err = parseKinds(o.kindsName); err != nil {
		fmt.Fprintln(os.Stderr, "fuzzybench:", err)
		os.Exit(2)
	}
	if replayMode {
		ths, err := parseThresholds(thresholds)
		if err != nil {
			fmt.Fprintln(os.Stderr, "fuzzybench:", err)
			os.Exit(2)
		}
		res, err := replay(o, ths, explain, os.Stderr)
		if err != nil {
			fmt.Fprintln(os.Stderr, "fuzzybench:", err)
			os.Exit(1)
		}
		if asJSON {
			enc := json.NewEncoder(os.Stdout)
			enc.SetIndent("", "  ")
			enc.Encode(res)
		} else {
			res.writeTable(os.Stdout, classes)
		}
		return
	}
	res, err := run(ctx, o, os.Stderr)
	if res != nil {
		if asJSON {
			enc := json.NewEncoder(os.Stdout)
			enc.SetIndent("", "  ")
			enc.Encode(res)
		} else {
			res.writeTable(os.Stdout)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "fuzzybench:", err)
		os.Exit(1)
	}
}

// parseKinds reads the --kinds flag.
func parseKinds(s string) ([]loadgen.ErrorKind, error) {
	switch s {
	case "all", "":
		return loadgen.ErrorKinds, nil
	case "precision":
		return []loadgen.ErrorKind{loadgen.Typo}, nil
	}
	var kinds []loadgen.ErrorKind
	for _, k := range strings.Split(s, ",") {
		k := loadgen.ErrorKind(strings.TrimSpace(k))
		if !slices.Contains(loadgen.ErrorKinds, k) {
			return nil, fmt.Errorf("--kinds: unknown kind %q (kinds: %v)", k, loadgen.ErrorKinds)
		}
		kinds = append(kinds, k)
	}
	return kinds, nil
}

// parseThresholds reads the --thresholds flag.
func parseThresholds(s string) ([]float64, error) {
	var out []float64
	for _, f := range strings.Split(s, ",") {
		t, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || t <= 0 || t > matcher.MaxFuzzyThreshold {
			return nil, fmt.Errorf("--thresholds: %q is not a threshold in bits", f)
		}
		out = append(out, t)
	}
	return out, nil
}

// pgSettings give the server the buffers a production server would give a
// file of a million profiles.
var pgSettings = []string{"shared_buffers=1GB", "max_wal_size=4GB", "maintenance_work_mem=512MB"}

// truthKey is the attribute that carries each record's truth,
// "person/household/kind": a plain attribute, not used by matching.
const truthKey = "truth"

func run(ctx context.Context, o options, log io.Writer) (*Result, error) {
	start := time.Now()
	step := func(format string, args ...any) { fmt.Fprintf(log, "fuzzybench: "+format+"\n", args...) }
	fileCfg := loadgen.FileConfig{People: o.people, Seed: o.seed, DuplicateRate: o.dupRate, Kinds: o.kinds}
	file, err := loadgen.CustomerFile(fileCfg)
	if err != nil {
		return nil, err
	}
	res := &Result{Started: start.UTC(), People: o.people, Seed: o.seed, Kinds: o.kindsName}

	step("starting PostgreSQL")
	settings := append(slices.Clone(pgSettings), o.pgSettings...)
	pg, err := postgrestest.StartWith(ctx, postgrestest.Options{Durable: o.durable, Settings: settings})
	if err != nil {
		return nil, err
	}
	defer pg.Close()
	if err := pg.CreateDatabase(ctx, "fuzzy", ""); err != nil {
		return nil, err
	}
	dbURL := pg.URL("fuzzy")
	st, err := store.Open(ctx, store.Config{URL: dbURL, MaxConns: 4})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		return nil, err
	}
	tenant, err := st.CreateTenant(ctx, "fuzzybench", loadgen.Region)
	if err != nil {
		return nil, err
	}
	if o.threshold > 0 {
		if _, err := st.UpdatePolicy(ctx, tenant.ID, store.PolicyChange{FuzzyThreshold: &o.threshold}); err != nil {
			return nil, err
		}
	}

	step("importing %d people and their planted duplicates", o.people)
	t0 := time.Now()
	if err := importFile(ctx, st, tenant.ID, o, file, func(n int64) { step("imported %d records (%.0f s)", n, time.Since(t0).Seconds()) }); err != nil {
		return nil, err
	}
	res.Import = time.Since(t0).Seconds()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	// As autovacuum would after a bulk load, so the planner sees the file.
	if _, err := conn.Exec(ctx, `VACUUM (ANALYZE) profiles, contact_points, search_words`); err != nil {
		return nil, fmt.Errorf("vacuum: %w", err)
	}

	truth, err := readTruth(ctx, conn, tenant.ID)
	if err != nil {
		return nil, err
	}
	res.Profiles = len(truth.records)
	res.ImportPerSec = float64(res.Profiles) / res.Import

	step("scanning %d profiles", res.Profiles)
	t0 = time.Now()
	last := time.Now()
	rep, err := st.Scan(ctx, tenant.ID, func(r store.ScanReport) {
		if time.Since(last) > 30*time.Second {
			last = time.Now()
			step("scan: %d profiles, %d fuzzy proposals (%.0f s)", r.Profiles, r.Fuzzy, time.Since(t0).Seconds())
		}
	})
	if err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	res.Scan = time.Since(t0).Seconds()
	res.ScanReport = rep

	groups, err := openCandidates(ctx, conn, tenant.ID, truth)
	if err != nil {
		return nil, err
	}
	res.Quality = measure(truth, groups)

	step("timing %d single fuzzy searches", o.searches)
	if res.Search, err = loadgen.TimeFuzzySearches(ctx, st, tenant.ID, truth.ids, o.searches, o.seed); err != nil {
		return nil, err
	}
	res.Targets = targets(res)
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

// importFile loads the file through store.ImportBatch in batches of 1000,
// each record's truth in its attributes.
func importFile(ctx context.Context, st *store.Store, tenantID string, o options, file func(func(loadgen.FileRecord) bool), progress func(int64)) error {
	h := sha256.Sum256(fmt.Appendf(nil, "fuzzybench %d %d %g %s", o.people, o.seed, o.dupRate, o.kindsName))
	digest := hex.EncodeToString(h[:])
	state, err := st.ImportState(ctx, tenantID, digest, "fuzzybench")
	if err != nil {
		return err
	}
	const batchSize = 1000
	batch := make([]store.ImportRow, 0, batchSize)
	flush := func(done bool) error {
		state.Done = done
		if err := st.ImportBatch(ctx, tenantID, digest, batch, state); err != nil {
			return err
		}
		batch = batch[:0]
		if state.Imported%100_000 == 0 || done {
			progress(state.Imported)
		}
		return nil
	}
	var line int64
	for rec := range file {
		line++
		c := rec.Customer
		c.Attributes = map[string]string{truthKey: fmt.Sprintf("%d/%d/%s", rec.Person, rec.Household, rec.Kind)}
		batch = append(batch, store.ImportRow{Line: line, Customer: c})
		state.LastLine, state.Imported = line, state.Imported+1
		if len(batch) == batchSize {
			if err := flush(false); err != nil {
				return err
			}
		}
	}
	return flush(true)
}

// record is one profile's truth.
type record struct {
	person, household int32
	kind              loadgen.ErrorKind
}

// truth is what the file says of every profile of the tenant.
type truth struct {
	ids     []string       // profile ids, in the order read
	index   map[string]int // profile id → position in ids and records
	records []record
	people  int
	// planted are the (original, duplicate) pairs, by position.
	planted [][2]int
}

// readTruth reads every profile's id and truth back (ImportBatch makes the
// ids).
func readTruth(ctx context.Context, conn *pgx.Conn, tenantID string) (*truth, error) {
	rows, err := conn.Query(ctx, `SELECT id::text, attributes -> $2 ->> 'value' FROM profiles WHERE tenant_id = $1`, tenantID, truthKey)
	if err != nil {
		return nil, fmt.Errorf("read truth: %w", err)
	}
	t := &truth{index: map[string]int{}}
	originals := map[int32]int{}
	var id, value string
	_, err = pgx.ForEachRow(rows, []any{&id, &value}, func() error {
		parts := strings.SplitN(value, "/", 3)
		if len(parts) != 3 {
			return fmt.Errorf("profile without a truth attribute")
		}
		p, err1 := strconv.Atoi(parts[0])
		h, err2 := strconv.Atoi(parts[1])
		if err1 != nil || err2 != nil {
			return fmt.Errorf("truth %q does not read", value)
		}
		r := record{person: int32(p), household: int32(h), kind: loadgen.ErrorKind(parts[2])}
		t.index[id] = len(t.ids)
		if r.kind == loadgen.Original {
			originals[r.person] = len(t.ids)
		}
		t.ids = append(t.ids, id)
		t.records = append(t.records, r)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read truth: %w", err)
	}
	t.people = len(originals)
	for i, r := range t.records {
		if r.kind != loadgen.Original {
			o, ok := originals[r.person]
			if !ok {
				return nil, fmt.Errorf("a duplicate of person %d without its original", r.person)
			}
			t.planted = append(t.planted, [2]int{o, i})
		}
	}
	return t, nil
}

// openCandidates reads the open review candidates as groups of positions.
func openCandidates(ctx context.Context, conn *pgx.Conn, tenantID string, t *truth) ([][]int, error) {
	rows, err := conn.Query(ctx, `SELECT profile_ids::text[] FROM review_candidates WHERE tenant_id = $1 AND status = 'open'`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("read candidates: %w", err)
	}
	var groups [][]int
	var ids []string
	_, err = pgx.ForEachRow(rows, []any{&ids}, func() error {
		g := make([]int, 0, len(ids))
		for _, id := range ids {
			i, ok := t.index[id]
			if !ok {
				return fmt.Errorf("a candidate names a profile that is not in the file")
			}
			g = append(g, i)
		}
		groups = append(groups, g)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read candidates: %w", err)
	}
	return groups, nil
}
