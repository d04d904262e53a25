package loadgen

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5"

	"dedupe/internal/redistest"
	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
	"dedupe/worker"
)

func TestMain(m *testing.M) { storetest.Main(m) }

func TestPopulation(t *testing.T) {
	pop := newPopulation(0.3)
	emails, mobiles := map[string]int{}, map[string]int{}
	// A sample: mobileNumber and tag are bijections, so uniqueness holds
	// beyond it; the race detector makes libphonenumber slow.
	const n = 3000
	for i := range n {
		pe := pop.person(i)
		for _, name := range []string{pe.first, pe.last} {
			if name == "" || strings.ContainsFunc(matcher.FoldName(name), func(r rune) bool { return r < 'a' || r > 'z' }) {
				t.Fatalf("person %d: name %q is not made of letters a-z once folded", i, name)
			}
		}
		email := matcher.NormalizeEmail(pe.email)
		mobile := matcher.NormalizePhone(pe.mobile, Region)
		if !email.Valid || !mobile.Valid || !mobile.Mobile {
			t.Fatalf("person %d: email %q valid %v, mobile %q valid %v", i, pe.email, email.Valid, pe.mobile, mobile.Valid)
		}
		for _, style := range phoneStyles[:1+i%len(phoneStyles)] {
			if got := matcher.NormalizePhone(style(pe.mobile), Region); got.Value != mobile.Value {
				t.Fatalf("%q normalises to %q, want %q", style(pe.mobile), got.Value, mobile.Value)
			}
		}
		if j, dup := mobiles[mobile.Value]; dup {
			t.Fatalf("people %d and %d share the mobile %s", j, i, mobile.Value)
		}
		mobiles[mobile.Value] = i
		if j, dup := emails[email.Value]; dup && !(pe.sharesEmail && j/householdSize == i/householdSize) {
			t.Fatalf("people %d and %d share the email %s without being one household", j, i, email.Value)
		} else if !dup {
			emails[email.Value] = i
		}
		if pe.sharesEmail {
			head := pop.person(i / householdSize * householdSize)
			if !apart(pe.first, head.first) {
				t.Fatalf("person %d (%s) shares the email of %s: the name guard would merge them", i, pe.first, head.first)
			}
		}
	}
	if again := newPopulation(0.3).person(12345); again != pop.person(12345) {
		t.Fatalf("person 12345 differs between two populations: %+v, %+v", again, pop.person(12345))
	}
}

func TestTypos(t *testing.T) {
	g := newGenerator(&Config{Tenants: 1, Customers: 100, Seed: 3}, "t", time.Now())
	for range 1000 {
		email := g.pop.person(g.rng.IntN(100)).email
		if got := matcher.NormalizeEmail(emailTypo(g.rng, email)).Value; got != email {
			t.Fatalf("email typo of %q normalises to %q", email, got)
		}
		name := pick(g.rng, firstNames)
		typo := letterTypo(g.rng, name)
		if d := matcher.EditDistance(matcher.FoldName(name), matcher.FoldName(typo)); d != 1 {
			t.Fatalf("typo %q of %q is %d letters away, want 1", typo, name, d)
		}
	}
}

// TestLastNameOf checks the name the chaos soak looks for in the logs: a
// booking without a typo carries its person's LastNameOf, whatever the
// shared-email rate.
func TestLastNameOf(t *testing.T) {
	g := newGenerator(&Config{Tenants: 1, Customers: 400, SharedEmailRate: 0.5, Seed: 7}, "n", time.Now())
	names := map[string]bool{}
	for seq := range 400 {
		b := g.next(seq)
		if got := LastNameOf(b.person); got != b.customer.LastName {
			t.Fatalf("booking %d by person %d: LastNameOf says %q, the booking %q", seq, b.person, got, b.customer.LastName)
		}
		names[b.customer.LastName] = true
	}
	if len(names) < 20 {
		t.Errorf("400 bookings carried %d last names: the people are not drawn apart", len(names))
	}
}

func TestGeneratorIsReproducible(t *testing.T) {
	cfg := &Config{Tenants: 3, Customers: 500, DuplicateRate: 0.5, TypoRate: 0.3, SharedEmailRate: 0.2, SalesRate: 0.3, Seed: 42}
	base := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	a, b := newGenerator(cfg, "r", base), newGenerator(cfg, "r", base)
	for seq := range 2000 {
		x, y := a.next(seq), b.next(seq)
		if diff := cmp.Diff(fmt.Sprintf("%+v", x), fmt.Sprintf("%+v", y)); diff != "" {
			t.Fatalf("booking %d differs (-a +b):\n%s", seq, diff)
		}
	}
}

func TestQuality(t *testing.T) {
	alice, bob, carol := personKey{0, 1}, personKey{0, 2}, personKey{1, 1}
	// Alice's 3 bookings on P1; Bob's 2 split over P2 and P3; Carol's 2
	// wrongly on P3 with one of Bob's.
	profileOf := map[personKey]map[string]int{alice: {"P1": 3}, bob: {"P2": 1, "P3": 1}, carol: {"P3": 2}}
	peopleOf := map[string]map[personKey]int{"P1": {alice: 3}, "P2": {bob: 1}, "P3": {bob: 1, carol: 2}}
	got := quality(profileOf, peopleOf)
	// Same person: 3 + 1 + 1 = 5 pairs; together: 3 (P1) + 0 + 3 (P3) =
	// 6; both: 3 (Alice) + 0 (Bob) + 1 (Carol) = 4.
	want := Quality{People: 3, Profiles: 3, Precision: 4.0 / 6, Recall: 4.0 / 5, SamePersonPairs: 5, TogetherPairs: 6,
		WronglyMerged: 1, WronglyMergedPeople: 2, SplitPeople: 1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("quality (-want +got):\n%s", diff)
	}
}

// checkReport asserts what any complete run must report, whatever its
// timing.
func checkReport(t *testing.T, rep *Report, count int) {
	t.Helper()
	var text strings.Builder
	if err := rep.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	t.Logf("report:\n%s", text.String())
	if rep.Sent != count || rep.Accepted != count || rep.Processed != count || rep.Missing != 0 || !rep.Drained || len(rep.Errors) != 0 {
		t.Errorf("sent %d, accepted %d, processed %d, missing %d, drained %v, errors %v; want %d of each and nothing lost",
			rep.Sent, rep.Accepted, rep.Processed, rep.Missing, rep.Drained, rep.Errors, count)
	}
	if rep.Bookings+rep.Sales != count || rep.Sales == 0 {
		t.Errorf("%d bookings + %d sales, want %d with some sales", rep.Bookings, rep.Sales, count)
	}
	d := rep.Decisions
	if d["created"]+d["updated"]+d["duplicate"]+d["failed"] != count || d["failed"] != 0 || d["duplicate"] != 0 {
		t.Errorf("decisions %v do not add up to %d without failures or duplicates", d, count)
	}
	if d["created"] != rep.Quality.Profiles {
		t.Errorf("%d created decisions but the bookings are on %d profiles", d["created"], rep.Quality.Profiles)
	}
	q := rep.Quality
	if q.Precision != 1 || q.WronglyMerged != 0 {
		t.Errorf("precision %v with %d wrongly merged profiles: two people were merged", q.Precision, q.WronglyMerged)
	}
	// Short first names (under four letters) with a typo no longer pass
	// the name guard: such a person is split and a review candidate opened.
	if q.Recall < 0.9 || q.SamePersonPairs == 0 {
		t.Errorf("recall %v over %d pairs, want at least 0.9", q.Recall, q.SamePersonPairs)
	}
	if q.SplitPeople > rep.Reviews.SamePerson {
		t.Errorf("%d people split but only %d review candidates of one person", q.SplitPeople, rep.Reviews.SamePerson)
	}
	if rep.Reviews.DifferentPeople == 0 {
		t.Errorf("no review candidate of different people: the family emails were not exercised")
	}
	if rep.EndToEnd.Count != count || rep.EndToEnd.P50 <= 0 || rep.EndToEnd.Max < rep.EndToEnd.P99 {
		t.Errorf("end-to-end latency %+v, want %d positive samples", rep.EndToEnd, count)
	}
	if rep.ProcessedPerSec <= 0 || rep.AcceptedPerSec <= 0 {
		t.Errorf("rates %v accepted/s, %v processed/s", rep.AcceptedPerSec, rep.ProcessedPerSec)
	}
}

// smallLoad is a run small enough for make test: two tenants, returning
// customers, typos and family emails.
func smallLoad(mode, dbURL string, redis asynq.RedisConnOpt) Config {
	return Config{Mode: mode, DatabaseURL: dbURL, Redis: redis, Tenants: 2, Customers: 120, Count: 300, Concurrency: 4,
		DuplicateRate: 0.5, TypoRate: 0.2, SharedEmailRate: 0.4, SalesRate: 0.2, Seed: 5, DrainTimeout: time.Minute, Cleanup: true}
}

// tenantsLeft counts the tenants whose slug starts with loadgen-.
func tenantsLeft(t *testing.T, dbURL string) int {
	s, err := store.Open(context.Background(), store.Config{URL: dbURL})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	if err := s.Pool().QueryRow(context.Background(), `SELECT count(*) FROM tenants WHERE slug LIKE 'loadgen-%'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRunQueue(t *testing.T) {
	ctx := context.Background()
	dbURL := storetest.MustURL(t)
	rs := redistest.MustStart(t, redistest.Options{})
	redis := asynq.RedisClientOpt{Addr: rs.Addr()}
	st, err := store.Open(ctx, store.Config{URL: dbURL})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w, err := worker.New(worker.Config{Store: st, Redis: redis, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	defer w.Shutdown()

	var progress strings.Builder
	cfg := smallLoad(ModeQueue, dbURL, redis)
	cfg.Progress, cfg.ProgressInterval = &progress, 50*time.Millisecond
	rep, err := Run(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	checkReport(t, rep, 300)
	if rep.EndToEndClock != "transaction_start" {
		t.Errorf("end-to-end clock %q: the test server does not track commit timestamps", rep.EndToEndClock)
	}
	if !strings.Contains(progress.String(), "queue ") {
		t.Errorf("no queue figures in the progress lines:\n%s", progress.String())
	}
	if n := tenantsLeft(t, dbURL); n != 0 || !rep.CleanedUp {
		t.Errorf("%d loadgen tenants left after cleanup", n)
	}
}

// With MaxQueue, sending waits while the queue is fuller than that: here
// no worker runs, so the queue only grows, and the sending must stop near
// the limit instead of offering its whole rate.
func TestRunMaxQueueHoldsTheSendingBack(t *testing.T) {
	dbURL := storetest.MustURL(t)
	rs := redistest.MustStart(t, redistest.Options{})
	cfg := smallLoad(ModeQueue, dbURL, asynq.RedisClientOpt{Addr: rs.Addr()})
	cfg.Count, cfg.Duration, cfg.Rate, cfg.Concurrency = 0, 2*time.Second, 500, 2
	cfg.MaxQueue, cfg.DrainTimeout, cfg.Cleanup = 100, time.Second, false
	rep, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	// Unheld, 2 s at 500/s is 1,000. The watcher polls every 250 ms, so a
	// hundred or so more than the limit get through before it sees it.
	if rep.Sent < cfg.MaxQueue || rep.Sent > 500 || rep.Processed != 0 || rep.Drained {
		t.Fatalf("sent %d, processed %d, drained %v: want the sending held near %d with no worker", rep.Sent, rep.Processed, rep.Drained, cfg.MaxQueue)
	}
	cfg.Mode = ModeStore
	if _, err := Run(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "max queue") {
		t.Fatalf("max queue in store mode: %v, want an error naming it", err)
	}
}

// A paced run sends its rate: the pacing sleeps at least pacingTick and
// sends the bookings due meanwhile together, never one before it is due,
// and never fewer than it should.
func TestRunPacedKeepsItsRate(t *testing.T) {
	dbURL := storetest.MustURL(t)
	rs := redistest.MustStart(t, redistest.Options{})
	cfg := smallLoad(ModeQueue, dbURL, asynq.RedisClientOpt{Addr: rs.Addr()})
	cfg.Count, cfg.Duration, cfg.Rate, cfg.Concurrency = 0, 2*time.Second, 300, 2
	cfg.DrainTimeout, cfg.Cleanup = time.Second, false
	rep, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	// 2 s at 300/s: booking 600 falls due just as the sending stops.
	if rep.Sent > 601 || rep.Sent < 540 || rep.Accepted != rep.Sent {
		t.Fatalf("sent %d (%d accepted) in 2 s at 300/s, want 540–601, all accepted", rep.Sent, rep.Accepted)
	}
}

func TestRunStore(t *testing.T) {
	dbURL := storetest.MustURL(t)
	cfg := smallLoad(ModeStore, dbURL, nil)
	var mu sync.Mutex
	var sent []Sent
	cfg.OnSent = func(s Sent) {
		mu.Lock()
		defer mu.Unlock()
		sent = append(sent, s)
	}
	rep, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	checkReport(t, rep, 300)
	// OnSent saw every request once, with the truth the report measured.
	people, ids := map[personKey]bool{}, map[string]bool{}
	for _, s := range sent {
		if !s.Accepted || ids[s.IngestionID] || s.Customer.LastName == "" || s.ExternalID == "" {
			t.Fatalf("OnSent got %+v (seen before: %v)", s, ids[s.IngestionID])
		}
		ids[s.IngestionID], people[personKey{s.Tenant, s.Person}] = true, true
	}
	if len(sent) != rep.Sent || len(people) != rep.Quality.People {
		t.Errorf("OnSent saw %d requests of %d people, the report %d of %d", len(sent), len(people), rep.Sent, rep.Quality.People)
	}
	if n := tenantsLeft(t, dbURL); n != 0 {
		t.Errorf("%d loadgen tenants left after cleanup", n)
	}
}

func TestPrefill(t *testing.T) {
	ctx := context.Background()
	dbURL := storetest.MustURL(t)
	st, err := store.Open(ctx, store.Config{URL: dbURL})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tn := storetest.MustTenant(t, st, "file", Region)
	if err := Prefill(ctx, dbURL, tn.ID, 2500, nil); err != nil {
		t.Fatal(err)
	}
	var profiles, contacts, primaries int
	err = st.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM profiles WHERE tenant_id = $1),
		(SELECT count(*) FROM contact_points WHERE tenant_id = $1), (SELECT count(*) FROM contact_points WHERE tenant_id = $1 AND is_primary)`,
		tn.ID).Scan(&profiles, &contacts, &primaries)
	if err != nil || profiles != 2500 || contacts != 5000 || primaries != 5000 {
		t.Fatalf("%d profiles, %d contact points (%d primary), %v; want 2500, 5000, 5000", profiles, contacts, primaries, err)
	}
	// A pre-filled profile is found as the store would find it: its email
	// and mobile are normalised match keys, its blocking keys are the
	// matcher's, and the trigger filed them.
	var first, last, email, mobile string
	var keys []int64
	var filed int
	err = st.Pool().QueryRow(ctx, `SELECT first_name, last_name, email, mobile, block_keys,
		(SELECT count(*) FROM fuzzy_keys f WHERE f.tenant_id = p.tenant_id AND f.profile_id = p.id)
		FROM profiles p WHERE tenant_id = $1 ORDER BY created_at, email DESC LIMIT 1`,
		tn.ID).Scan(&first, &last, &email, &mobile, &keys, &filed)
	if err != nil {
		t.Fatal(err)
	}
	if e, m := matcher.NormalizeEmail(email), matcher.NormalizePhone(mobile, Region); e.Value != email || m.Value != mobile || !m.Mobile {
		t.Errorf("email %q, mobile %q are not normalised keys (%q, %q)", email, mobile, e.Value, m.Value)
	}
	// Every profile's keys, computed in SQL, are the matcher's.
	rows, err := st.Pool().Query(ctx, `SELECT first_name, last_name, email, mobile, block_keys,
		(SELECT count(*) FROM fuzzy_keys f WHERE f.tenant_id = p.tenant_id AND f.profile_id = p.id)
		FROM profiles p WHERE tenant_id = $1`, tn.ID)
	if err != nil {
		t.Fatal(err)
	}
	var p matcher.Profile
	_, err = pgx.ForEachRow(rows, []any{&p.FirstName, &p.LastName, &p.Email, &p.Mobile, &keys, &filed}, func() error {
		if want := matcher.BlockingKeys(p); !slices.Equal(keys, want) || filed != len(want) {
			return fmt.Errorf("%s: block_keys %v (%d filed), want %v", p.Email, keys, filed, want)
		}
		return nil
	})
	if err != nil {
		t.Error(err)
	}
	found, err := st.FindProfiles(ctx, tn.ID, email, mobile)
	if err != nil || len(found) != 1 || len(found[0].Emails) != 1 || len(found[0].Mobiles) != 1 {
		t.Errorf("FindProfiles = %+v, %v; want the one profile with its email and mobile", found, err)
	}
}
