package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	neturl "net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
)

// TestHotPathPlansIgnoreStaleStatistics: the booking's look-ups read a
// few index pages, not the tenant's whole index, even when the statistics
// were taken before the tenant grew (autovacuum re-analyses a shared table
// only after a tenth of it changed, so a growing tenant's statistics stay
// stale for long): each probes per key, whatever the planner believes.
func TestHotPathPlansIgnoreStaleStatistics(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	db := s.Pool()
	fill := func(tenantID string, n int) {
		t.Helper()
		for _, q := range fillSQL {
			if _, err := db.Exec(ctx, q, tenantID, n); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The statistics know another tenant, and say this one holds nothing.
	fill(storetest.MustTenant(t, s, "analysed", "FR").ID, 2000)
	tn := storetest.MustTenant(t, s, "stale-stats", "FR")
	// (As a database migrated from an earlier version would have them:
	// statistics on tenant_id, dropped by the migration.)
	for _, q := range []string{
		`ALTER TABLE ingestions ALTER COLUMN tenant_id SET STATISTICS -1`,
		`ANALYZE profiles, contact_points, ingestions, activities, search_words, search_slips`,
		`ALTER TABLE ingestions ALTER COLUMN tenant_id SET STATISTICS 0, ALTER COLUMN tenant_id TYPE uuid`,
	} {
		if _, err := db.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	fill(tn.ID, 20000)
	ids := []string{uuid.NewString(), uuid.NewString(), uuid.NewString()}
	tests := []struct {
		name string
		sql  string
		args []any
	}{
		{"earlier ingestions", store.EarlierIngestionsSQL, []any{tn.ID, ids}},
		{"earlier activities", store.EarlierActivitiesSQL, []any{tn.ID, []string{"web", "web"}, []string{"bk-1", "bk-new"}}},
		{"matches", store.MatchesSQL, []any{tn.ID, []string{"email", "email", "mobile", "mobile"},
			[]string{"p7@example.com", "new@example.com", "+33610000008", "+33699999999"}, []bool{false, false, true, true}, 3}},
		{"new words' slips", store.SearchSlipsSQL, []any{tn.ID, []string{"word7", "quintal"}, []string{"word7", "ord7", "wrd7", "wod7", "wor7", "word", "quintal", "uintal"},
			[]string{"word7", "word7", "word7", "word7", "word7", "word7", "quintal", "quintal"}}},
	}
	// Custom plans, as EXPLAIN makes them, and the generic plans the
	// worker's transactions force (beginGeneric), which know no value.
	for _, generic := range []bool{false, true} {
		for _, tt := range tests {
			name := tt.name + " (custom plan)"
			if generic {
				name = tt.name + " (generic plan)"
			}
			t.Run(name, func(t *testing.T) {
				// A probe per key reads a few pages; the tenant's index alone
				// is over a hundred.
				if pages, raw := planPages(t, db, tt.sql, tt.args, generic); pages > 60 {
					t.Errorf("%d pages read for two or three keys: the plan scans the tenant\n%s", pages, raw)
				}
			})
		}
	}
}

// TestCandidateLookupsProbeTheirMembers: asking whether an open candidate
// of three holds a pair (the fuzzy search), and reading the open
// candidates that name the profiles a merge merged, read a few index
// pages among a tenant's twenty thousand open candidates, not all of them:
// with statistics taken before there were any (the planner then reads the
// tenant's candidates by their status, as few), and with statistics that
// know them.
func TestCandidateLookupsProbeTheirMembers(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	db := s.Pool()
	// Statistics taken while the table held no candidate, as on a new
	// database before a scan fills its first tenant's queue.
	if _, err := db.Exec(ctx, `ANALYZE review_candidates`); err != nil {
		t.Fatal(err)
	}
	tn := storetest.MustTenant(t, s, "candidate-lookups", "FR")
	fillCandidates(t, db, tn.ID, 20000)
	var review string
	var group []string
	if err := db.QueryRow(ctx, `SELECT id, profile_ids::text[] FROM review_candidates
		WHERE tenant_id = $1 AND cardinality(profile_ids) = 3 LIMIT 1`, tn.ID).Scan(&review, &group); err != nil {
		t.Fatal(err)
	}
	tests := []planProbe{
		{"held by a group", store.HeldByGroupSQL, []any{tn.ID, group[0], group[2]}},
		{"a merge's candidates", store.RepointCandidatesSQL, []any{tn.ID, review, group[1:]}},
	}
	checkProbes(t, db, "review_candidates", 60, tests, "the tenant's open candidates")
}

// TestErasureLookupsProbeTheirMembers: erasing a person, exporting their
// data and reading a profile's history find the review candidates, audit
// events and ingestions that name the person's profiles through indexes,
// a few pages among a tenant's twenty thousand candidates (about 450
// pages), a hundred thousand audit events (about 600) and a hundred
// thousand ingestions (about 1,000), not all of them: with statistics
// taken before there were any, and with statistics that know them. A probe
// of the audit events also reads their index's pending list
// (gin_pending_list_limit, 512 kB: 64 pages at most) until a vacuum
// empties it.
func TestErasureLookupsProbeTheirMembers(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	db := s.Pool()
	if _, err := db.Exec(ctx, `ANALYZE review_candidates, audit_events, ingestions`); err != nil {
		t.Fatal(err)
	}
	tn := storetest.MustTenant(t, s, "erasure-lookups", "FR")
	fillCandidates(t, db, tn.ID, 20000)
	if _, err := db.Exec(ctx, `INSERT INTO audit_events (tenant_id, at, actor, action, profile_ids)
		SELECT $1, now() - g * interval '1 second', 'worker', 'updated', ARRAY[gen_random_uuid()]
		FROM generate_series(1, 100000) AS g`, tn.ID); err != nil {
		t.Fatal(err)
	}
	// A hundred thousand bookings, one in a hundred queuing a review, one
	// in fifty a duplicate.
	if _, err := db.Exec(ctx, `INSERT INTO ingestions (tenant_id, id, source, external_id, status, decision, profile_id, review_id,
			reason, processed_at)
		SELECT $1, gen_random_uuid(), 'booking_widget', 'bk-' || g, 'done', CASE WHEN g % 50 = 0 THEN 'duplicate' ELSE 'updated' END,
			gen_random_uuid(), CASE WHEN g % 100 = 0 THEN gen_random_uuid() END, 'test', now()
		FROM generate_series(1, 100000) AS g`, tn.ID); err != nil {
		t.Fatal(err)
	}
	var named []string
	if err := db.QueryRow(ctx, `SELECT profile_ids::text[] FROM review_candidates
		WHERE tenant_id = $1 AND cardinality(profile_ids) = 3 LIMIT 1`, tn.ID).Scan(&named); err != nil {
		t.Fatal(err)
	}
	var audited string
	if err := db.QueryRow(ctx, `SELECT profile_ids[1]::text FROM audit_events WHERE tenant_id = $1 LIMIT 1`, tn.ID).Scan(&audited); err != nil {
		t.Fatal(err)
	}
	person := []string{named[0], audited}
	tests := []planProbe{
		{"erasure: candidates", store.EraseCandidatesSQL, []any{tn.ID, person, time.Now()}},
		{"erasure: ingestions", store.EraseIngestionsSQL, []any{tn.ID, person}},
		{"erasure: audit events", store.EraseAuditSQL, []any{tn.ID, person}},
		{"export: history", store.ExportHistorySQL, []any{tn.ID, person}},
		{"a profile's history", store.HistorySQL, []any{tn.ID, audited, 200}},
	}
	checkProbes(t, db, "review_candidates, audit_events, ingestions", 60+64, tests, "the tenant's candidates, audit events or ingestions")
}

// fillCandidates gives the tenant n open candidates, each of two to four
// profiles of its own.
func fillCandidates(t *testing.T, db *pgxpool.Pool, tenantID string, n int) {
	t.Helper()
	if _, err := db.Exec(context.Background(), `INSERT INTO review_candidates (tenant_id, id, reason, profile_ids, created_at, updated_at)
		SELECT $1, gen_random_uuid(), 'fuzzy: test', (SELECT array_agg(u ORDER BY u) FROM (
			SELECT gen_random_uuid() AS u FROM generate_series(1, 2 + g % 3)) AS m WHERE g > 0), now(), now()
		FROM generate_series(1, $2) AS g`, tenantID, n); err != nil {
		t.Fatal(err)
	}
}

// planProbe is a statement whose plan checkProbes reads, with its
// arguments.
type planProbe struct {
	name string
	sql  string
	args []any
}

// checkProbes runs each probe with the statistics as they stand, then
// again after ANALYZE of tables, each with a custom and a generic plan,
// and fails one that reads more than maxPages pages: a plan that reads
// what (the tenant's rows) instead of probing an index.
func checkProbes(t *testing.T, db *pgxpool.Pool, tables string, maxPages int, probes []planProbe, what string) {
	t.Helper()
	for _, stats := range []string{"stale", "fresh"} {
		if stats == "fresh" {
			if _, err := db.Exec(context.Background(), `ANALYZE `+tables); err != nil {
				t.Fatal(err)
			}
		}
		for _, generic := range []bool{false, true} {
			for _, p := range probes {
				t.Run(fmt.Sprintf("%s, %s statistics, generic plan %t", p.name, stats, generic), func(t *testing.T) {
					if pages, raw := planPages(t, db, p.sql, p.args, generic); pages > maxPages {
						t.Errorf("%d pages read: the plan reads %s\n%s", pages, what, raw)
					}
				})
			}
		}
	}
}

// TestWorkerTransactionsUseGenericPlans: the booking's statements run on
// their generic plans from the first execution (beginGeneric). Under
// plan_cache_mode=auto the server planned the matching statement and the
// batch's look-ups anew on every booking, a fifth of its CPU.
func TestWorkerTransactionsUseGenericPlans(t *testing.T) {
	ctx := context.Background()
	s := storetest.MustOpen(t, store.Config{MaxConns: 1}) // one connection: its prepared statements are the ones read
	tn := storetest.MustTenant(t, s, "generic-plans", "FR")
	var batch []store.Ingest
	for i := range 8 {
		c := matcher.Customer{FirstName: "Camille", LastName: "Roy", Email: fmt.Sprintf("camille.%d@example.fr", i/2),
			Mobile: fmt.Sprintf("06%08d", 12_000_000+i/2)}
		in := booking(tn.ID, fmt.Sprintf("bk-%d", i), c, "first_name", "last_name", "email", "mobile")
		if _, err := s.Ingest(ctx, in); err != nil {
			t.Fatal(err)
		}
		in.ExternalID, in.IngestionID = in.ExternalID+"-batch", uuid.NewString()
		batch = append(batch, in)
	}
	for _, r := range s.IngestBatch(ctx, batch) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	rows, err := s.Pool().Query(ctx, `SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements`)
	if err != nil {
		t.Fatal(err)
	}
	type prepared struct {
		sql             string
		generic, custom int
	}
	stmts, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (prepared, error) {
		var p prepared
		return p, r.Scan(&p.sql, &p.generic, &p.custom)
	})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range stmts {
		for name, sql := range map[string]string{"matches": store.MatchesSQL, "earlier ingestions": store.EarlierIngestionsSQL,
			"earlier activities": store.EarlierActivitiesSQL} {
			if p.sql != sql {
				continue
			}
			seen[name] = true
			if p.custom > 0 || p.generic == 0 {
				t.Errorf("%s: %d custom plans and %d generic, want generic plans only", name, p.custom, p.generic)
			}
		}
	}
	if len(seen) != 3 {
		t.Fatalf("found %d of the 3 statements among the connection's prepared statements: %v", len(seen), seen)
	}
}

// planPages runs sql under EXPLAIN (ANALYZE, BUFFERS) in a transaction
// rolled back after, on its custom plan (as EXPLAIN makes it) or on its
// generic plan, and returns the pages it read and the plan.
func planPages(t *testing.T, db *pgxpool.Pool, sql string, args []any, generic bool) (int, []byte) {
	t.Helper()
	ctx := context.Background()
	var plan []struct {
		Plan struct {
			SharedHit  int `json:"Shared Hit Blocks"`
			SharedRead int `json:"Shared Read Blocks"`
		} `json:"Plan"`
	}
	var raw []byte
	tx, err := db.Begin(ctx) // matches locks FOR UPDATE
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	explain := `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ` + sql
	if generic {
		// EXECUTE takes no bound parameters: the values go as
		// literals, which the prepared statement's types read.
		params := make([]string, len(args))
		for i, a := range args {
			params[i] = literal(t, a)
		}
		for _, q := range []string{`SET LOCAL plan_cache_mode = force_generic_plan`, `PREPARE hot AS ` + sql} {
			if _, err := tx.Exec(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		explain, args = `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE hot(`+strings.Join(params, ", ")+`)`, nil
	}
	if err := tx.QueryRow(ctx, explain, args...).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &plan); err != nil || len(plan) != 1 {
		t.Fatalf("plan %s: %v", raw, err)
	}
	if generic {
		if _, err := tx.Exec(ctx, `DEALLOCATE hot`); err != nil {
			t.Fatal(err)
		}
		// A generic plan's conditions name the parameters; a
		// custom plan's hold the values.
		if !strings.Contains(string(raw), "$1") {
			t.Fatalf("not the generic plan:\n%s", raw)
		}
	}
	return plan[0].Plan.SharedHit + plan[0].Plan.SharedRead, raw
}

// literal writes v (a string, a []string, a []bool or an int) as an SQL
// literal.
func literal(t *testing.T, v any) string {
	t.Helper()
	quote := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	switch v := v.(type) {
	case string:
		return quote(v)
	case []string:
		elems := make([]string, len(v))
		for i, e := range v {
			elems[i] = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(e) + `"`
		}
		return quote("{" + strings.Join(elems, ",") + "}")
	case []bool:
		elems := make([]string, len(v))
		for i, e := range v {
			elems[i] = fmt.Sprint(e)
		}
		return quote("{" + strings.Join(elems, ",") + "}")
	case int:
		return fmt.Sprint(v)
	case time.Time:
		return quote(v.UTC().Format(time.RFC3339Nano))
	}
	t.Fatalf("no literal for %T", v)
	return ""
}

// fillSQL gives tenant $1 $2 profiles, each with an email, a mobile in
// its phone column (pN@example.com and +3361000000N), a booking and its
// ingestion, and a word of its own in its name (wordN), filed under two
// of its slips.
var fillSQL = []string{
	`INSERT INTO profiles (tenant_id, id, created_at, updated_at, email, phone)
		SELECT $1, gen_random_uuid(), now(), now(), 'p' || g || '@example.com', '+3361' || lpad(g::text, 7, '0')
		FROM generate_series(1, $2) g`,
	`INSERT INTO contact_points (tenant_id, kind, value, profile_id, valid, first_seen, last_seen)
		SELECT tenant_id, kind, value, id, true, now(), now()
		FROM profiles, LATERAL (VALUES ('email', email), ('phone', phone)) AS c(kind, value) WHERE tenant_id = $1 AND $2 > 0`,
	`INSERT INTO ingestions (tenant_id, id, source, external_id, status, reason, processed_at)
		SELECT $1, gen_random_uuid(), 'web', 'bk-' || g, 'done', '', now() FROM generate_series(1, $2) g`,
	`INSERT INTO activities (tenant_id, id, profile_id, kind, source, external_id, occurred_at, created_at)
		SELECT tenant_id, gen_random_uuid(), id, 'booking', 'web', 'bk-' || id, now(), now() FROM profiles WHERE tenant_id = $1 AND $2 > 0`,
	`INSERT INTO search_words (tenant_id, word, profile_id)
		SELECT tenant_id, 'word' || substr(email, 2, strpos(email, '@') - 2), id FROM profiles WHERE tenant_id = $1 AND $2 > 0`,
	`INSERT INTO search_slips (tenant_id, slip, word)
		SELECT tenant_id, v, word FROM search_words, unnest(ARRAY[word, substr(word, 2)]) AS v WHERE tenant_id = $1 AND $2 > 0`,
}

// TestGINPendingLists: every GIN index keeps a small pending list (a
// booking that crosses the default 4 MB stops 200–330 ms to merge it), or
// none at all, and MergePendingEntries, which the worker runs every
// second, empties the lists. A GIN index added later needs one of the two
// settings, or a word here on why it may stall the booking path.
func TestGINPendingLists(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	db := s.Pool()
	rows, err := db.Query(ctx, `SELECT c.relname, coalesce(array_to_string(c.reloptions, ','), '')
		FROM pg_class c JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind = 'i' AND am.amname = 'gin' AND n.nspname = current_schema()`)
	if err != nil {
		t.Fatal(err)
	}
	indexes, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) ([2]string, error) {
		var v [2]string
		return v, r.Scan(&v[0], &v[1])
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(indexes) == 0 {
		t.Fatal("no GIN index found: the search's index is gone or the query is wrong")
	}
	for _, ix := range indexes {
		// review_candidates_members keeps no list: a few entries a
		// candidate, and few bookings open one (migration 31).
		if !strings.Contains(ix[1], "gin_pending_list_limit=512") && ix[1] != "fastupdate=off" {
			t.Errorf("GIN index %s has options %q, want gin_pending_list_limit=512 or fastupdate=off", ix[0], ix[1])
		}
	}

	tn := storetest.MustTenant(t, s, "gin-pending", "FR")
	for i := range 40 {
		c := matcher.Customer{FirstName: "Marie-Claude", LastName: fmt.Sprintf("Martinez-%c", 'a'+i%26)}
		if _, err := s.CreateProfile(ctx, tn.ID, "desk", c); err != nil {
			t.Fatal(err)
		}
	}
	merged, err := s.MergePendingEntries(ctx)
	if err != nil || merged == 0 {
		t.Fatalf("MergePendingEntries after 40 profiles: %d pages, %v; want some", merged, err)
	}
	if merged, err := s.MergePendingEntries(ctx); err != nil || merged != 0 {
		t.Errorf("MergePendingEntries again: %d pages, %v; want none left", merged, err)
	}
	// The merged entries are in the index: the search finds them.
	res, err := s.SearchProfiles(ctx, tn.ID, "marie martinez", 100, "")
	if err != nil || len(res.Profiles) != 40 {
		t.Errorf("search after the merge: %d profiles, %v; want 40", len(res.Profiles), err)
	}
}

// TestMergePendingEntriesLeavesARunningMerge: while another process
// merges an index's pending list (here a VACUUM that sleeps under its cost
// limit as it merges, as autovacuum does), MergePendingEntries leaves the
// list to it rather than wait. Waiting past deadlock_timeout cancels an
// autovacuum, and the worker merges every second.
func TestMergePendingEntriesLeavesARunningMerge(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "gin-busy", "FR")
	for i := range 200 {
		c := matcher.Customer{FirstName: "Jean-Baptiste", LastName: fmt.Sprintf("Lefebvre-%d", i)}
		if _, err := s.CreateProfile(ctx, tn.ID, "desk", c); err != nil {
			t.Fatal(err)
		}
	}
	vacuum, err := s.Pool().Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer vacuum.Release()
	var pid int
	if err := vacuum.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	for _, set := range []string{`SET vacuum_cost_delay = 30`, `SET vacuum_cost_limit = 1`} {
		if _, err := vacuum.Exec(ctx, set); err != nil {
			t.Fatal(err)
		}
	}
	merging := func() bool { // the VACUUM holds the lock of the list's merge
		var held bool
		err := s.Pool().QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'page'
			AND relation = 'profiles_search'::regclass AND page = 0 AND granted AND pid = $1)`, pid).Scan(&held)
		if err != nil {
			t.Fatal(err)
		}
		return held
	}
	vacuumed := make(chan error, 1)
	go func() {
		_, err := vacuum.Exec(context.Background(), `VACUUM profiles`)
		vacuumed <- err
	}()
	defer func() {
		if _, err := s.Pool().Exec(ctx, `SELECT pg_cancel_backend($1)`, pid); err != nil {
			t.Error(err)
		}
		t.Logf("the VACUUM ended: %v", <-vacuumed) // cancelled, or ended before
	}()
	for deadline := time.Now().Add(time.Minute); !merging(); time.Sleep(5 * time.Millisecond) {
		select {
		case err := <-vacuumed:
			vacuumed <- err
			t.Fatalf("the VACUUM ended (%v) before it was seen merging the search index's list", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("the VACUUM did not merge the search index's list within a minute")
		}
	}
	if _, err := s.MergePendingEntries(ctx); err != nil {
		t.Fatalf("MergePendingEntries while a VACUUM merges: %v, want the list left to it", err)
	}
	if !merging() {
		t.Error("MergePendingEntries returned after the VACUUM's merge ended: it waited for it")
	}
}

// TestMergePendingEntriesNotOwner: a role that does not own the indexes
// gets ErrNotPermitted, on which the worker stops trying.
func TestMergePendingEntriesNotOwner(t *testing.T) {
	ctx := context.Background()
	url := storetest.MustURL(t)
	owner, err := store.Open(ctx, store.Config{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	role := fmt.Sprintf("stranger_%d", time.Now().UnixNano())
	if _, err := owner.Pool().Exec(ctx, `CREATE ROLE `+role+` LOGIN`); err != nil {
		t.Fatal(err)
	}
	defer func() { // after the stranger's pool closes, before the owner's
		if _, err := owner.Pool().Exec(context.Background(), `DROP ROLE IF EXISTS `+role); err != nil {
			t.Error(err)
		}
	}()
	u, err := neturl.Parse(url)
	if err != nil {
		t.Fatal(err)
	}
	u.User = neturl.User(role)
	stranger, err := store.Open(ctx, store.Config{URL: u.String()})
	if err != nil {
		t.Fatal(err)
	}
	defer stranger.Close()
	if _, err := stranger.MergePendingEntries(ctx); !errors.Is(err, store.ErrNotPermitted) {
		t.Fatalf("MergePendingEntries as a role that owns nothing: %v, want ErrNotPermitted", err)
	}
	if _, err := owner.MergePendingEntries(ctx); err != nil {
		t.Fatalf("MergePendingEntries as the owner: %v", err)
	}
}

// TestReturningCustomerUpdateIsHOT: a booking that updates a profile on a
// full page of profiles writes the new version on the same page (a HOT
// update: no index entry added), thanks to the table's fillfactor.
func TestReturningCustomerUpdateIsHOT(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "hot", "FR")
	first := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Camille", LastName: "Roy", Email: "camille.roy@example.fr"})
	for i := range 60 { // more than a page of profiles after it
		mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Marie", LastName: fmt.Sprintf("Martin-%d", i), Email: fmt.Sprintf("m%d@example.fr", i)})
	}
	page := func() string {
		t.Helper()
		var ctid string
		if err := s.Pool().QueryRow(ctx, `SELECT (ctid::text::point)[0]::text FROM profiles WHERE tenant_id = $1 AND id = $2`, tn.ID, first).Scan(&ctid); err != nil {
			t.Fatal(err)
		}
		return ctid
	}
	before := page()
	if n := count(t, s, `SELECT count(*) FROM profiles WHERE tenant_id = $1 AND (ctid::text::point)[0]::text = $2`, tn.ID, before); n < 5 {
		t.Fatalf("only %d profiles on the first profile's page: the page is not full, the test proves nothing", n)
	}
	ing := mustIngest(t, s, booking(tn.ID, "bk-back", matcher.Customer{FirstName: "Camille", LastName: "Roy",
		Email: "camille.roy@example.fr", Mobile: "+33612345678"}, "email", "first_name", "last_name", "mobile"))
	if ing.Decision == nil || *ing.Decision != "updated" || ing.ProfileID == nil || *ing.ProfileID != first {
		t.Fatalf("booking: %v on %v, want updated on %s", ing.Decision, ing.ProfileID, first)
	}
	if after := page(); after != before {
		t.Errorf("the updated profile moved from page %s to %s: not a HOT update (is profiles' fillfactor gone?)", before, after)
	}
}

// TestAnalyzeSkipsPayloads: ANALYZE, which autovacuum runs every minute
// on a table growing with the bookings, takes no statistics of the
// payload columns no query filters on (migration 17; they were half its
// CPU), and still takes those the planner reads.
func TestAnalyzeSkipsPayloads(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "analyze", "FR")
	for i := range 20 {
		mustIngest(t, s, booking(tn.ID, fmt.Sprintf("bk-%d", i), matcher.Customer{FirstName: "Camille", LastName: fmt.Sprintf("Roy-%d", i%7),
			Email: fmt.Sprintf("c%d@example.fr", i%10), BirthDate: "1985-04-12"}, "email", "first_name", "last_name", "birth_date"))
	}
	if _, err := s.Pool().Exec(ctx, `ANALYZE profiles, ingestions, activities, audit_events, webhook_events`); err != nil {
		t.Fatal(err)
	}
	stats := func(table, column string) bool {
		t.Helper()
		return count(t, s, `SELECT count(*) FROM pg_stats WHERE schemaname = current_schema() AND tablename = $1 AND attname = $2`, table, column) > 0
	}
	for _, c := range [][2]string{{"profiles", "block_keys"}, {"ingestions", "explanation"}, {"activities", "details"},
		{"audit_events", "details"}, {"webhook_events", "data"}} {
		if stats(c[0], c[1]) {
			t.Errorf("ANALYZE took statistics of %s.%s, a payload no query filters on", c[0], c[1])
		}
	}
	for _, c := range [][2]string{{"profiles", "search_keys"}, {"audit_events", "profile_ids"}, {"ingestions", "id"}} {
		if !stats(c[0], c[1]) {
			t.Errorf("no statistics of %s.%s, which the planner reads (or the check above proves nothing)", c[0], c[1])
		}
	}
}
