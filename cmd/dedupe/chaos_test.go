//go:build chaos

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5/pgxpool"

	"dedupe/internal/postgrestest"
	"dedupe/internal/redistest"
	"dedupe/internal/storetest"
	"dedupe/loadgen"
	"dedupe/matcher"
	"dedupe/worker"
)

// The chaos soak (`make chaos`, docs/security.md): for a few minutes
// loadgen sends bookings and sales over HTTP to `dedupe serve` while a
// front desk merges and undoes beside it and, at random moments, the
// `dedupe work` process is SIGKILLed and restarted, Redis is restarted
// (SIGTERM or SIGKILL) and PostgreSQL is restarted. Then, once the queue
// has drained, it checks the whole database: every request answered 202
// was processed exactly once, nothing is left queued, every activity
// resolves to an active profile, no two active profiles share a match key
// unless the service told a reviewer, and nobody is wrongly merged.
//
// DEDUPE_CHAOS_DURATION (default 5m), DEDUPE_CHAOS_RATE (requests per
// second, default 120) and DEDUPE_CHAOS_SEED (default: the clock, logged)
// set it up; the same seed draws the same faults at the same moments and
// the same requests.

// chaosSettings are the soak's knobs, from the environment.
type chaosSettings struct {
	duration time.Duration
	rate     float64
	seed     uint64
}

func chaosSettingsFromEnv(t *testing.T) chaosSettings {
	t.Helper()
	s := chaosSettings{duration: 5 * time.Minute, rate: 120, seed: uint64(time.Now().UnixNano() % 1_000_000)}
	var err error
	if v := os.Getenv("DEDUPE_CHAOS_DURATION"); v != "" {
		if s.duration, err = time.ParseDuration(v); err != nil || s.duration < 20*time.Second {
			t.Fatalf("DEDUPE_CHAOS_DURATION=%q: want a duration of 20s or more", v)
		}
	}
	if v := os.Getenv("DEDUPE_CHAOS_RATE"); v != "" {
		if s.rate, err = strconv.ParseFloat(v, 64); err != nil || s.rate <= 0 {
			t.Fatalf("DEDUPE_CHAOS_RATE=%q: want requests per second", v)
		}
	}
	if v := os.Getenv("DEDUPE_CHAOS_SEED"); v != "" {
		if s.seed, err = strconv.ParseUint(v, 10, 64); err != nil {
			t.Fatalf("DEDUPE_CHAOS_SEED=%q: want a number", v)
		}
	}
	return s
}

// Fault kinds.
const (
	faultWorker   = "worker SIGKILL"
	faultRedis    = "Redis restart"
	faultPostgres = "PostgreSQL restart"
)

// fault is one fault to inject, or injected.
type fault struct {
	at     time.Duration // since the load started
	kind   string
	pause  time.Duration // how long the server stays down, or the worker dead
	hard   bool          // Redis: SIGKILL rather than SIGTERM
	detail string        // what happened, for the log
}

// chaos is one soak: the servers, the processes and what was injected.
type chaos struct {
	t        *testing.T
	bin      string
	env      []string
	tenantID string
	pg       *postgrestest.Server
	redis    *redistest.Server
	api      *proc

	mu      sync.Mutex
	worker  *proc
	workers []*proc // every worker started, for their logs
	faults  []fault
}

func TestChaos(t *testing.T) {
	set := chaosSettingsFromEnv(t)
	t.Logf("chaos: seed %d, %s at %.0f requests/s (DEDUPE_CHAOS_SEED=%d reproduces the faults and the requests)",
		set.seed, set.duration, set.rate, set.seed)
	began := time.Now()
	c := &chaos{t: t, bin: mustBuild(t), pg: storetest.Server(), redis: redistest.MustStart(t, redistest.Options{AOF: true})}
	dbURL := storetest.MustURL(t)
	c.env = []string{"DATABASE_URL=" + dbURL, "REDIS_URL=" + c.redis.URL(), "DEDUPE_HTTP_ADDR=127.0.0.1:0",
		"DEDUPE_METRICS_ADDR=127.0.0.1:0", "DEDUPE_LOG_LEVEL=debug"}
	c.tenantID = cliRun(t, dbURL, "tenant", "create", "--slug", "chaos", "--region", loadgen.Region)
	widget := cliRun(t, dbURL, "token", "create", "--tenant", "chaos", "--scopes", "ingest,read", "--label", "widget")
	deskToken := cliRun(t, dbURL, "token", "create", "--tenant", "chaos", "--scopes", "read,write,review", "--label", "desk")
	c.api = startSubcommand(t, c.bin, "serve", "serving HTTP", c.env)
	c.startWorker()

	db, err := pgxpool.New(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tr := newTruth()
	rng := rand.New(rand.NewPCG(set.seed, 0x6368616f73))
	d := &desk{base: c.api.base, token: deskToken, tenantID: c.tenantID, db: db, truth: tr,
		rng: rand.New(rand.NewPCG(set.seed, 0x6465736b)), client: &http.Client{Timeout: 15 * time.Second}, logf: t.Logf,
		outcome: map[string]int{}}

	// The load, the desk and the faults run together; the desk and the
	// faults stop when the sending does.
	start := time.Now()
	ctx, stop := context.WithTimeout(context.Background(), set.duration)
	defer stop()
	var beside sync.WaitGroup
	beside.Go(func() { d.run(ctx) })
	beside.Go(func() { c.inject(ctx, start, c.schedule(rng, set.duration)) })
	rep, err := loadgen.Run(context.Background(), loadgen.Config{
		URL: c.api.base, DatabaseURL: dbURL, Redis: asynq.RedisClientOpt{Addr: c.redis.Addr()},
		Existing:      []loadgen.Tenant{{ID: c.tenantID, Slug: "chaos", Token: widget}},
		DuplicateRate: 0.5, TypoRate: 0.2, SharedEmailRate: 0.3, SalesRate: 0.2,
		Rate: set.rate, Duration: set.duration, Concurrency: 16, Seed: set.seed, RunID: "chaos",
		// Tasks a killed worker held, or whose dequeue was lost in a Redis
		// outage, come back within asynqRecovery of the last fault.
		DrainTimeout: asynqRecovery + time.Minute, NoFuzzyWait: true,
		Progress: logWriter{t}, ProgressInterval: 15 * time.Second,
		OnSent: tr.record,
	})
	if err != nil {
		t.Fatal(err)
	}
	beside.Wait()

	c.waitDrained(db, tr, time.Minute)
	drained := time.Now()
	sum := c.check(db, tr, d, rep)
	c.checkLogs(tr)
	c.summary(set, rep, d, sum, start, drained, began)
}

// logWriter sends loadgen's progress lines to the test log.
type logWriter struct{ t *testing.T }

func (w logWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// startWorker starts a `dedupe work` process.
func (c *chaos) startWorker() {
	w := startSubcommand(c.t, c.bin, "work", "serving metrics", c.env)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.worker = w
	c.workers = append(c.workers, w)
}

// kill SIGKILLs the process and waits for it to be gone.
func (p *proc) kill() {
	_ = p.cmd.Process.Signal(syscall.SIGKILL) // fails only when it has exited: done is closed
	<-p.done
}

// schedule draws the faults: about one every 20 s, at least one of each
// kind, at moments between 5% and 90% of the run.
func (c *chaos) schedule(rng *rand.Rand, d time.Duration) []fault {
	n := max(3, int(d/(20*time.Second)))
	kinds := []string{faultWorker, faultRedis, faultPostgres}
	rng.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	out := make([]fault, n)
	for i := range out {
		out[i].at = d/20 + time.Duration(rng.Int64N(int64(d*85/100)))
		out[i].kind = kinds[i%len(kinds)]
		if i >= len(kinds) {
			out[i].kind = kinds[rng.IntN(len(kinds))]
		}
	}
	slices.SortFunc(out, func(a, b fault) int { return int(a.at - b.at) })
	// How long each outage lasts is drawn here too, so a seed replays it.
	for i := range out {
		out[i].pause = time.Duration(rng.IntN(3000)) * time.Millisecond
		out[i].hard = rng.IntN(2) == 0
	}
	return out
}

// inject runs the faults one after the other at their moments, until ctx
// ends.
func (c *chaos) inject(ctx context.Context, start time.Time, faults []fault) {
	for _, f := range faults {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Until(start.Add(f.at))):
		}
		f.at = time.Since(start)
		switch f.kind {
		case faultWorker:
			c.mu.Lock()
			w := c.worker
			c.mu.Unlock()
			w.kill()
			time.Sleep(f.pause)
			c.startWorker()
			f.detail = fmt.Sprintf("restarted after %s", f.pause)
		case faultRedis:
			stop, how := c.redis.Stop, "SIGTERM"
			if f.hard {
				stop, how = c.redis.Kill, "SIGKILL"
			}
			if err := stop(); err != nil {
				c.t.Errorf("stop Redis: %v", err)
			}
			time.Sleep(f.pause)
			if err := c.redis.Start(context.Background()); err != nil {
				c.t.Errorf("start Redis: %v", err) // nothing can go on
				return
			}
			f.detail = fmt.Sprintf("%s, down %s", how, time.Since(start)-f.at)
		case faultPostgres:
			if err := c.pg.Stop(); err != nil {
				c.t.Errorf("stop PostgreSQL: %v", err)
			}
			time.Sleep(f.pause)
			if err := c.pg.Start(context.Background()); err != nil {
				c.t.Errorf("start PostgreSQL: %v", err)
				return
			}
			f.detail = fmt.Sprintf("fast shutdown, down %s", time.Since(start)-f.at)
		}
		c.t.Logf("chaos: fault at %s (%s): %s (%s)", f.at.Round(100*time.Millisecond), start.Add(f.at).Format("15:04:05.0"), f.kind, f.detail)
		c.mu.Lock()
		c.faults = append(c.faults, f)
		c.mu.Unlock()
	}
}

// waitDrained waits until every accepted request has its ingestion, then
// until the ingest queue is empty: nothing pending, running, retrying or
// dead. A task whose transaction committed while Redis was unreachable
// comes back within asynqRecovery and is replayed without writing.
func (c *chaos) waitDrained(db *pgxpool.Pool, tr *truth, within time.Duration) {
	c.t.Helper()
	ctx := context.Background()
	ids := make([]string, 0, len(tr.accepted))
	for _, ext := range tr.accepted {
		ids = append(ids, tr.sent[ext].IngestionID)
	}
	var done int
	for deadline := time.Now().Add(within); ; time.Sleep(time.Second) {
		if err := db.QueryRow(ctx, `SELECT count(*) FROM ingestions WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, c.tenantID, ids).Scan(&done); err != nil {
			c.t.Fatal(err)
		}
		if done == len(ids) {
			break
		}
		if time.Now().After(deadline) {
			c.t.Errorf("%d of %d accepted requests processed %s after the sending ended", done, len(ids), within)
			break
		}
	}
	insp := asynq.NewInspector(asynq.RedisClientOpt{Addr: c.redis.Addr()})
	defer insp.Close()
	for deadline := time.Now().Add(asynqRecovery); ; time.Sleep(time.Second) {
		q, err := insp.GetQueueInfo(worker.QueueIngest)
		if err == nil && q.Pending+q.Active+q.Scheduled+q.Retry+q.Archived == 0 {
			break
		}
		if time.Now().After(deadline) {
			c.t.Errorf("tasks left in the ingest queue: %+v (err %v)", q, err)
			break
		}
	}
	// The fuzzy searches of the new profiles too: the review candidates
	// they open are part of the state checked. (A queue never used is not
	// found: nothing waits there.)
	for deadline := time.Now().Add(asynqRecovery); ; time.Sleep(time.Second) {
		q, err := insp.GetQueueInfo(worker.QueueFuzzy)
		if err != nil || q.Pending+q.Active+q.Scheduled+q.Retry == 0 {
			return
		}
		if time.Now().After(deadline) {
			c.t.Errorf("fuzzy searches left in the queue: %+v", q)
			return
		}
	}
}

// checked is what the final checks counted, for the summary.
type checked struct {
	accepted, activities, notAnswered202 int
	active, tombstones, sharedPairs      int
	merged, undone                       int
	people, splitPeople                  int
}

// check reads the tenant's whole database and checks it against what was
// accepted and what the truth says. It reports profile ids and kinds,
// never a value: the test log is a log.
func (c *chaos) check(db *pgxpool.Pool, tr *truth, d *desk, rep *loadgen.Report) checked {
	t := c.t
	t.Helper()
	ctx := context.Background()
	var sum checked
	report := func(what string, bad []string) {
		if len(bad) > 0 {
			t.Errorf("%s: %d, e.g. %s", what, len(bad), strings.Join(bad[:min(len(bad), 10)], "; "))
		}
	}

	// Every profile, to resolve tombstones.
	type row struct{ status, mergedInto string }
	profiles := map[string]row{}
	rows, _ := db.Query(ctx, `SELECT id::text, status, coalesce(merged_into::text, '') FROM profiles WHERE tenant_id = $1`, c.tenantID)
	for rows.Next() {
		var id string
		var r row
		if err := rows.Scan(&id, &r.status, &r.mergedInto); err != nil {
			t.Fatal(err)
		}
		profiles[id] = r
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var badChains []string
	resolve := func(id string) (string, bool) {
		for range 100 {
			r, ok := profiles[id]
			switch {
			case !ok:
				return id, false
			case r.status == "active":
				return id, true
			case r.status != "merged":
				return id, false
			}
			id = r.mergedInto
		}
		return id, false
	}
	for id, r := range profiles {
		switch r.status {
		case "active":
			sum.active++
		case "merged":
			sum.tombstones++
			if _, ok := resolve(id); !ok {
				badChains = append(badChains, id)
			}
		}
	}
	report("tombstones whose merged_into does not resolve to an active profile", badChains)

	// Every request answered 202: one ingestion, done, and one activity
	// that resolves to an active profile, the one the ingestion resolves to.
	ingestions := map[string][2]string{} // id → status, profile
	rows, _ = db.Query(ctx, `SELECT id::text, status, coalesce(profile_id::text, '') FROM ingestions WHERE tenant_id = $1`, c.tenantID)
	for rows.Next() {
		var id, status, profile string
		if err := rows.Scan(&id, &status, &profile); err != nil {
			t.Fatal(err)
		}
		ingestions[id] = [2]string{status, profile}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	activities := map[string][]string{} // external id → profile of each activity
	rows, _ = db.Query(ctx, `SELECT external_id, profile_id::text FROM activities WHERE tenant_id = $1`, c.tenantID)
	for rows.Next() {
		var ext, profile string
		if err := rows.Scan(&ext, &profile); err != nil {
			t.Fatal(err)
		}
		activities[ext] = append(activities[ext], profile)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var queued, failed, notOnce, misplaced, strayed, unsent []string
	peopleOn := map[string]map[int]bool{} // active profile → the people on it
	onProfile := func(profile string, person int) {
		if peopleOn[profile] == nil {
			peopleOn[profile] = map[int]bool{}
		}
		peopleOn[profile][person] = true
	}
	for _, ext := range tr.accepted {
		s := tr.sent[ext]
		sum.accepted++
		ing, ok := ingestions[s.IngestionID]
		switch {
		case !ok:
			queued = append(queued, s.IngestionID)
			continue
		case ing[0] != "done":
			failed = append(failed, s.IngestionID)
		}
		if len(activities[ext]) != 1 {
			notOnce = append(notOnce, fmt.Sprintf("ingestion %s: %d activities", s.IngestionID, len(activities[ext])))
			continue
		}
		at, ok := resolve(activities[ext][0])
		if !ok {
			misplaced = append(misplaced, fmt.Sprintf("ingestion %s on profile %s", s.IngestionID, activities[ext][0]))
			continue
		}
		onProfile(at, s.Person)
		if landed, _ := resolve(ing[1]); landed != at {
			strayed = append(strayed, fmt.Sprintf("ingestion %s: profile %s resolves to %s, its activity to %s", s.IngestionID, ing[1], landed, at))
		}
	}
	for ext, on := range activities {
		sum.activities += len(on)
		s, ok := tr.sent[ext]
		switch {
		case !ok:
			unsent = append(unsent, fmt.Sprintf("activity on %s", on[0]))
		case !s.Accepted:
			// Refused (503) or unanswered, yet taken: the answer was lost
			// in a fault after the task was queued. Harmless, since the
			// client retries with the same id; counted, not failed.
			sum.notAnswered202++
			if at, ok := resolve(on[0]); ok {
				onProfile(at, s.Person)
			}
		}
	}
	report("accepted requests left queued (no ingestion)", queued)
	report("accepted requests failed", failed)
	report("accepted requests not recorded exactly once", notOnce)
	report("activities on a profile that does not resolve to an active one", misplaced)
	report("activities away from the profile their ingestion resolves to", strayed)
	report("activities of requests never sent", unsent)
	if rep.Missing != 0 || rep.Decisions["failed"] != 0 {
		t.Errorf("loadgen: %d missing, %d failed", rep.Missing, rep.Decisions["failed"])
	}

	// Nobody wrongly merged: every active profile holds one person's
	// requests, and the desk's profiles are that person's too.
	for id, person := range tr.deskProfiles() {
		if at, ok := resolve(id); ok {
			onProfile(at, person)
		}
	}
	var wrong []string
	for id, people := range peopleOn {
		if len(people) > 1 {
			wrong = append(wrong, fmt.Sprintf("profile %s holds %d people", id, len(people)))
		}
	}
	report("profiles wrongly merged (several people on one profile)", wrong)
	if q := rep.Quality; q.WronglyMerged != 0 {
		t.Errorf("loadgen: %d profiles wrongly merged (%d people)", q.WronglyMerged, q.WronglyMergedPeople)
	}
	sum.people, sum.splitPeople = rep.Quality.People, rep.Quality.SplitPeople

	// No two active profiles share a match key (a valid email or mobile)
	// unless the key is no identity (shared by more than the threshold,
	// blocked, a placeholder) or the service told a reviewer: the two are
	// linked by review candidates or merges (an undone merge, a family
	// email the name guard kept apart, a front-desk duplicate).
	var threshold int
	var blocked []string
	if err := db.QueryRow(ctx, `SELECT shared_threshold, blocked_values FROM tenants WHERE id = $1`, c.tenantID).Scan(&threshold, &blocked); err != nil {
		t.Fatal(err)
	}
	linked := newLinks()
	rows, _ = db.Query(ctx, `SELECT profile_ids::text[] FROM review_candidates WHERE tenant_id = $1
		UNION ALL SELECT profile_ids::text[] FROM audit_events WHERE tenant_id = $1 AND action = 'merged'`, c.tenantID)
	for rows.Next() {
		var ids []string
		if err := rows.Scan(&ids); err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			at, _ := resolve(id)
			linked.join(ids[0], id)
			linked.join(id, at)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows, _ = db.Query(ctx, `SELECT cp.kind, cp.value, array_agg(DISTINCT cp.profile_id::text ORDER BY cp.profile_id::text)
		FROM contact_points cp JOIN profiles p ON p.tenant_id = cp.tenant_id AND p.id = cp.profile_id
		WHERE cp.tenant_id = $1 AND cp.valid AND cp.kind IN ('email', 'mobile') AND p.status = 'active'
		GROUP BY cp.kind, cp.value
		HAVING count(DISTINCT cp.profile_id) BETWEEN 2 AND $2`, c.tenantID, threshold)
	policy := matcher.Policy{SharedThreshold: threshold, Blocked: blocked}
	var unlinked []string
	for rows.Next() {
		var kind, value string
		var ids []string
		if err := rows.Scan(&kind, &value, &ids); err != nil {
			t.Fatal(err)
		}
		if usable, _ := policy.Screen([]matcher.Key{{Kind: matcher.Field(kind), Value: value}}); len(usable) == 0 {
			continue
		}
		sum.sharedPairs += len(ids) * (len(ids) - 1) / 2
		for i, a := range ids {
			for _, b := range ids[i+1:] {
				if !linked.same(a, b) {
					unlinked = append(unlinked, fmt.Sprintf("%s %s and %s", kind, a, b))
				}
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	report("active profiles sharing a match key that no review candidate or merge links", unlinked)
	for _, pair := range unlinked[:min(len(unlinked), 3)] {
		f := strings.Fields(pair)
		for _, id := range []string{f[1], f[3]} {
			t.Logf("  profile %s: %s", id, c.history(db, id, tr))
		}
	}

	// Every profile creation, merge and undo of the desk answered OK is
	// recorded, and no other: a 503 means nothing was done ("retry is
	// safe"), so only a request that got no answer at all may have been.
	var created int
	for _, a := range []struct {
		what    string
		actions []string
		events  *int
	}{
		{"created", []string{"create"}, &created},
		{"merged", []string{"merge", "review-merge"}, &sum.merged},
		{"undone", []string{"undo"}, &sum.undone},
	} {
		if err := db.QueryRow(ctx, `SELECT count(*) FROM audit_events WHERE tenant_id = $1 AND action = $2 AND actor = 'desk'`,
			c.tenantID, a.what).Scan(a.events); err != nil {
			t.Fatal(err)
		}
		ok, lost, refused := 0, 0, 0
		for _, action := range a.actions {
			for code, n := range d.outcomes(action) {
				switch {
				case code == "error":
					lost += n
				case code[0] == '2':
					ok += n
				default:
					refused += n
				}
			}
		}
		if *a.events < ok || *a.events > ok+lost {
			t.Errorf("desk: %d %s audit events for %d requests answered OK, %d unanswered and %d refused (4xx, 5xx): a refused request was carried out",
				*a.events, a.what, ok, lost, refused)
		}
	}
	return sum
}

// history tells how a profile came to be and what happened to it, from
// its audit events (actions, actors and times only), for a failure.
func (c *chaos) history(db *pgxpool.Pool, id string, tr *truth) string {
	rows, _ := db.Query(context.Background(), `SELECT e.action, e.actor, e.at, coalesce(i.reason || ', review ' || coalesce(i.review_id::text, 'none'), '')
		FROM audit_events e LEFT JOIN ingestions i ON i.tenant_id = e.tenant_id AND i.id = e.ingestion_id
		WHERE e.tenant_id = $1 AND $2::uuid = ANY(e.profile_ids) ORDER BY e.id`, c.tenantID, id)
	var events []string
	for rows.Next() {
		var action, actor, why string
		var at time.Time
		if err := rows.Scan(&action, &actor, &at, &why); err != nil {
			return err.Error()
		}
		events = append(events, fmt.Sprintf("%s by %s at %s %s", action, actor, at.Format("15:04:05.000"), why))
	}
	if err := rows.Err(); err != nil {
		return err.Error()
	}
	_, known := tr.deskProfiles()[id]
	return fmt.Sprintf("known to the desk %v; %s", known, strings.Join(events, "; "))
}

// links is a union-find of profile ids.
type links map[string]string

func newLinks() links { return links{} }

func (l links) find(id string) string {
	for {
		up, ok := l[id]
		if !ok {
			return id
		}
		if upper, ok := l[up]; ok {
			l[id] = upper // halve the path
		}
		id = up
	}
}

func (l links) join(a, b string) {
	if ra, rb := l.find(a), l.find(b); ra != rb {
		l[ra] = rb
	}
}

func (l links) same(a, b string) bool { return l.find(a) == l.find(b) }

var (
	logEmail  = regexp.MustCompile(`[\pL\pN._%+-]+@[\pL\pN.-]+`)
	logDigits = regexp.MustCompile(`\d{9,}`)
)

// checkLogs scans every log line the API and the workers wrote (debug
// level) for the customers' emails, mobile numbers and last names. The
// last names are the people's own, not the load's typos of them: a typo
// can make an English word ("Morel" → "Model", a word of the "fuzzy
// model: …" errors a PostgreSQL restart brings), and code that logged
// names would log the people's own spellings as well.
func (c *chaos) checkLogs(tr *truth) {
	c.t.Helper()
	emails, mobiles, lasts := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, s := range tr.sent {
		emails[matcher.NormalizeEmail(s.Customer.Email).Value] = true
		if m := matcher.NormalizePhone(s.Customer.Mobile, loadgen.Region).Value; len(m) > 9 {
			mobiles[m[len(m)-9:]] = true
		}
		lasts[strings.ToLower(loadgen.LastNameOf(s.Person))] = true
	}
	var b strings.Builder
	b.WriteString(c.api.logs.String())
	for _, w := range c.workers {
		b.WriteString(w.logs.String())
	}
	logs := strings.ToLower(b.String())
	found := map[string]int{}
	for _, e := range logEmail.FindAllString(logs, -1) {
		if emails[e] {
			found["email"]++
		}
	}
	// Numbers: in every value of every JSON log line but its time (whose
	// nanoseconds are nine digits: one in a hundred thousand lines matched
	// some customer's mobile by chance) and its ids (hex, with digit runs
	// as long). Last names: in every word of letters and digits (a request
	// id such as …m7roy6k… holds no name) of every value but the message
	// of dedupe's own lines, which is always a constant of the code.
	// (asynq's lines carry its own text in the message.) A hit
	// names the line's message and the key it was found under, never the
	// value.
	for _, line := range strings.Split(logs, "\n") {
		var fields map[string]any
		if json.Unmarshal([]byte(line), &fields) != nil {
			fields = map[string]any{"(not json)": line}
		}
		delete(fields, "time")
		where := fmt.Sprintf("%q", fields["msg"])
		constantMsg := fields["component"] != "asynq"
		for key, v := range fields {
			text, ok := v.(string)
			if !ok {
				text = fmt.Sprint(v)
			}
			if uuid.Validate(text) == nil {
				continue
			}
			for _, run := range logDigits.FindAllString(text, -1) {
				for i := 0; i+9 <= len(run); i++ {
					if mobiles[run[i:i+9]] {
						found["mobile in "+where+" "+key]++
						break
					}
				}
			}
			for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
				if lasts[w] && (key != "msg" || !constantMsg) {
					found["last name in "+where+" "+key]++
				}
			}
		}
	}
	if len(found) > 0 {
		c.t.Errorf("personal data in the logs (%d bytes): %v", len(logs), found)
	}
}

// summary logs what the soak did and checked.
func (c *chaos) summary(set chaosSettings, rep *loadgen.Report, d *desk, sum checked, start, drained, began time.Time) {
	t := c.t
	byKind := map[string][]string{}
	for _, f := range c.faults {
		byKind[f.kind] = append(byKind[f.kind], f.at.Round(time.Second).String())
	}
	var faults []string
	for _, k := range []string{faultWorker, faultRedis, faultPostgres} {
		faults = append(faults, fmt.Sprintf("%s ×%d (at %s)", k, len(byKind[k]), strings.Join(byKind[k], ", ")))
	}
	answers := func(action string) string {
		out := d.outcomes(action)
		if len(out) == 0 {
			return "none"
		}
		var parts []string
		for _, code := range slices.Sorted(maps.Keys(out)) {
			parts = append(parts, fmt.Sprintf("%s×%d", code, out[code]))
		}
		return strings.Join(parts, " ")
	}
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	add("chaos summary (seed %d, %.0f/s offered for %s)", set.seed, set.rate, set.duration)
	add("  faults      %d: %s", len(c.faults), strings.Join(faults, "; "))
	add("  load        sent %d (%d bookings, %d sales), accepted %d (%.1f/s), refused after retries %s",
		rep.Sent, rep.Bookings, rep.Sales, rep.Accepted, rep.AcceptedPerSec, errorText(rep.Errors))
	add("  checked     %d accepted requests processed exactly once (%d activities; %d more taken though their answer was lost)",
		sum.accepted, sum.activities, sum.notAnswered202)
	add("              %d active profiles, %d tombstones; %d pairs of active profiles share a match key, each linked by a candidate or merge",
		sum.active, sum.tombstones, sum.sharedPairs)
	add("              %d people, none wrongly merged, %d split; precision %.4f, recall %.4f",
		sum.people, sum.splitPeople, rep.Quality.Precision, rep.Quality.Recall)
	add("  desk        front-desk duplicates %s; merges %s; review merges %s; review ignores %s",
		answers("create"), answers("merge"), answers("review-merge"), answers("review-ignore"))
	add("              undos %s (409: refused, the survivor changed since); audit: %d merged, %d undone",
		answers("undo"), sum.merged, sum.undone)
	send := time.Duration(rep.SendSeconds * float64(time.Second))
	add("  wall time   sending %s, drain %s, checks %s; %s in all (with the build and the servers' start)",
		send.Round(time.Second), drained.Sub(start.Add(send)).Round(time.Second), time.Since(drained).Round(time.Second),
		time.Since(began).Round(time.Second))
	t.Log("\n" + strings.Join(lines, "\n"))
}

// errorText writes loadgen's refusals, e.g. "503×12 error×3".
func errorText(errs map[string]int) string {
	if len(errs) == 0 {
		return "none"
	}
	var parts []string
	for _, code := range slices.Sorted(maps.Keys(errs)) {
		parts = append(parts, fmt.Sprintf("%s×%d", code, errs[code]))
	}
	return strings.Join(parts, " ")
}
