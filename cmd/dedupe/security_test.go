package main

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"

	"dedupe/api"
	"dedupe/internal/storetest"
	"dedupe/store"
	"dedupe/worker"
)

// routes returns every authenticated route of the API, as the server
// registers them.
func (s *service) routes() []api.Route {
	s.t.Helper()
	q := worker.NewClient(asynq.RedisClientOpt{Addr: s.redis.Addr()})
	defer q.Close()
	srv, err := api.New(api.Config{Store: s.store, Queue: q, Registry: prometheus.NewRegistry()})
	if err != nil {
		s.t.Fatal(err)
	}
	if len(srv.Routes()) < 15 {
		s.t.Fatalf("only %d routes registered", len(srv.Routes()))
	}
	return srv.Routes()
}

// request turns a route pattern into a method and a path with id.
func request(pattern, id string) (string, string) {
	method, path, _ := strings.Cut(pattern, " ")
	return method, strings.ReplaceAll(path, "{id}", id)
}

func TestScopesAreEnforcedOnEveryRoute(t *testing.T) {
	s := MustRun(t)
	tokens := map[string]string{}
	for _, scope := range store.AllScopes {
		tokens[scope] = s.newToken("salon", scope)
	}
	const id = "0b6c2f0e-4a54-4b39-9d3b-1d8c0f9b7a11"
	for _, r := range s.routes() {
		method, path := request(r.Pattern, id)
		t.Run(r.Pattern, func(t *testing.T) {
			var e apiError
			if code := s.do(method, path, "", `{}`, &e); code != http.StatusUnauthorized || e.Error.Code != "unauthorized" {
				t.Errorf("no token: %d %+v, want 401", code, e)
			}
			for scope, tok := range tokens {
				var e apiError
				code := s.do(method, path, tok, `{}`, &e)
				if allowed := slices.Contains(r.Scopes, scope); allowed && (code == 401 || code == 403) {
					t.Errorf("scope %s: %d, want it let through", scope, code)
				} else if !allowed && (code != http.StatusForbidden || e.Error.Code != "forbidden") {
					t.Errorf("scope %s: %d %+v, want 403", scope, code, e)
				}
			}
		})
	}
}

func TestOtherTenantsIDsAnswer404OnEveryRoute(t *testing.T) {
	s := MustRun(t)
	// Tenant salon's ids: an ingestion, two profiles, a review, a merge.
	a, b, reviewID := s.pairWithCandidate("Camille")
	var mg merged
	c := s.createProfile(map[string]any{"first_name": "Lucas", "email": "lucas@example.fr"})
	d := s.createProfile(map[string]any{"first_name": "Lucas", "email": "lucas@example.fr"})
	if code := s.do("POST", "/v1/merges", s.token, map[string]any{"survivor_id": c.ID, "merged_ids": []string{d.ID}}, &mg); code != http.StatusCreated {
		t.Fatalf("merge = %d", code)
	}
	ing := s.post("/v1/bookings", designBooking("bk-x"))

	s.cli("tenant", "create", "--slug", "shop", "--region", "FR")
	other := s.newToken("shop", strings.Join(store.AllScopes, ","))
	idFor := func(path string) string {
		switch {
		case strings.HasPrefix(path, "/v1/ingestions/"):
			return ing.ID
		case strings.HasPrefix(path, "/v1/reviews/"):
			return reviewID
		case strings.HasPrefix(path, "/v1/merges/"):
			return mg.MergeID
		}
		return a.ID
	}
	before := s.rows()
	for _, r := range s.routes() {
		if !strings.Contains(r.Pattern, "{id}") {
			continue
		}
		_, path := request(r.Pattern, "{id}")
		method, path := request(r.Pattern, idFor(path))
		var e apiError
		body := "" // an ignore or an undo takes none (and refuses one it does not take before reading the id)
		if strings.HasSuffix(r.Pattern, "/merge") {
			body = fmt.Sprintf(`{"survivor_id": %q}`, a.ID)
		}
		if code := s.do(method, path, other, body, &e); code != http.StatusNotFound || e.Error.Code != "not_found" {
			t.Errorf("%s with another tenant's id = %d %+v, want 404", r.Pattern, code, e)
		}
	}
	// Id-taking bodies too: a merge of another tenant's profiles.
	var e apiError
	if code := s.do("POST", "/v1/merges", other, map[string]any{"survivor_id": a.ID, "merged_ids": []string{b.ID}}, &e); code != http.StatusNotFound {
		t.Errorf("POST /v1/merges with another tenant's profiles = %d, want 404", code)
	}
	if diff := diffRows(before, s.rows()); diff != "" {
		t.Fatalf("another tenant's requests changed rows: %s", diff)
	}
}

func diffRows(a, b map[string]string) string {
	for k := range a {
		if a[k] != b[k] {
			return k
		}
	}
	return ""
}

func TestRevokedTokenStopsWorking(t *testing.T) {
	s := MustRun(t)
	tok := s.newToken("salon", "read")
	if code := s.do("GET", "/v1/profiles?email=a%40example.fr", tok, nil, nil); code != http.StatusOK {
		t.Fatalf("before revoking: %d", code)
	}
	list := s.cli("token", "list", "--tenant", "salon")
	if strings.Contains(list, tok) || strings.Contains(list, "ddp_") {
		t.Fatalf("token list shows a secret:\n%s", list)
	}
	out := s.cli("token", "revoke", "--token", tok)
	if !strings.Contains(out, `"revoked_at": "`) {
		t.Fatalf("token revoke printed %s", out)
	}
	// The API process keeps the tokens it saw in memory; the revocation
	// (another process) reaches it through a PostgreSQL notification, in
	// milliseconds. 10 s is a bound for a loaded machine, not a target.
	var e apiError
	code := 0
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if code = s.do("GET", "/v1/profiles?email=a%40example.fr", tok, nil, &e); code == http.StatusUnauthorized {
			break
		}
	}
	if code != http.StatusUnauthorized || e.Error.Code != "unauthorized" {
		t.Fatalf("after revoking: %d %+v, want 401", code, e)
	}
	if code := s.do("GET", "/v1/profiles?email=a%40example.fr", s.token, nil, nil); code != http.StatusOK {
		t.Fatalf("another token stopped working: %d", code)
	}
}

func TestRateLimitAnswers429WithRetryAfter(t *testing.T) {
	s := MustRunWith(t, map[string]string{"DEDUPE_RATE_LIMIT": "2", "DEDUPE_RATE_BURST": "5"})
	other := s.newToken("salon", "read")
	limited := 0
	for range 20 {
		req, _ := http.NewRequest("GET", s.base+"/v1/profiles?email=a%40example.fr", nil)
		req.Header.Set("Authorization", "Bearer "+s.token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			limited++
			if resp.Header.Get("Retry-After") == "" {
				t.Fatal("429 without Retry-After")
			}
		}
	}
	if limited < 10 {
		t.Fatalf("%d of 20 quick requests limited at 2/s with a burst of 5, want at least 10", limited)
	}
	// The limit is per token: another token is served.
	if code := s.do("GET", "/v1/profiles?email=a%40example.fr", other, nil, nil); code != http.StatusOK {
		t.Fatalf("another token: %d", code)
	}
}

func TestMigrateDryRunPrintsSQLAndAppliesNothing(t *testing.T) {
	url := storetest.MustEmptyURL(t)
	var out strings.Builder
	m := &Main{Stdout: &out, Stderr: &out, Getenv: envOf(map[string]string{"DATABASE_URL": url})}
	if err := m.Run(context.Background(), []string{"migrate", "--dry-run"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "-- 0001_init.sql") || !strings.Contains(out.String(), "CREATE TABLE tenants") {
		t.Fatalf("dry run printed:\n%.300s", out.String())
	}
	st, err := store.Open(context.Background(), store.Config{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var exists bool
	if err := st.Pool().QueryRow(context.Background(), `SELECT to_regclass('tenants') IS NOT NULL`).Scan(&exists); err != nil {
		t.Fatal(err)
	}
	if exists {
		t.Fatal("the dry run created tables")
	}
	// Migrating says what it applied, then that there is nothing left.
	out.Reset()
	if err := m.Run(context.Background(), []string{"migrate"}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "applied 0001_init.sql\n") || strings.Count(out.String(), "applied ") < 30 {
		t.Fatalf("migrating printed:\n%s", out.String())
	}
	out.Reset()
	if err := m.Run(context.Background(), []string{"migrate"}); err != nil {
		t.Fatalf("migrating twice: %v", err)
	}
	if out.String() != "the schema is up to date: nothing to apply\n" {
		t.Fatalf("migrating again printed %q", out.String())
	}
	out.Reset()
	if err := m.Run(context.Background(), []string{"migrate", "--dry-run"}); err != nil {
		t.Fatalf("dry run after migrating: %v", err)
	}
	if !strings.Contains(out.String(), "up to date") {
		t.Fatalf("dry run after migrating printed %q", out.String())
	}
}

// TestMigrateCitusDryRun prints the Citus set-up: the nodes, then, on a
// migrated database, every table placed, without needing Citus.
func TestMigrateCitusDryRun(t *testing.T) {
	url := storetest.MustURL(t)
	var out strings.Builder
	m := &Main{Stdout: &out, Stderr: &out, Getenv: envOf(map[string]string{"DATABASE_URL": url})}
	err := m.Run(context.Background(), []string{"migrate", "--dry-run", "--citus",
		"--citus-coordinator", "citus-coordinator:5432", "--citus-workers", "citus-worker-1:5432, citus-worker-2:5432"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"CREATE EXTENSION IF NOT EXISTS citus;",
		"SELECT citus_set_coordinator_host('citus-coordinator', 5432);",
		"SELECT citus_add_node('citus-worker-1', 5432)",
		"SELECT citus_add_node('citus-worker-2', 5432)",
		"-- the schema is up to date",
		"SELECT create_reference_table('tenants');",
		"SELECT citus_add_local_table_to_metadata('api_tokens');",
		"SELECT create_distributed_table('profiles', 'tenant_id');",
		"SELECT create_distributed_table('contact_points', 'tenant_id', colocate_with => 'profiles');",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("dry run lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "schema_migrations") {
		t.Errorf("dry run places schema_migrations:\n%s", out.String())
	}
}

func TestBadInputIsRefusedAndNothingIsHalfWritten(t *testing.T) {
	s := MustRun(t)
	deep := `{"external_id": "x", "customer": {}, "booking": ` + strings.Repeat(`{"a": `, 5000) + `1` + strings.Repeat(`}`, 5000) + `}`
	tests := []struct {
		name   string
		body   string
		status int
		code   string
		field  string
	}{
		{"DeeplyNestedJSON", deep, 400, "invalid_field", "booking"},
		{"DeeplyNestedArrays", `{"external_id": "x", "customer": {}, "booking": {"a": ` + strings.Repeat(`[`, 20000) + strings.Repeat(`]`, 20000) + `}}`, 400, "invalid_json", ""},
		{"UnknownField", `{"external_id": "x", "customer": {"nickname": "c"}}`, 400, "unknown_field", "customer.nickname"},
		{"WrongTypeArray", `{"external_id": "x", "customer": [], "booking": {}}`, 400, "invalid_field", "customer"},
		{"InvalidUTF8", "{\"external_id\": \"x\", \"customer\": {\"first_name\": \"\xff\xfe\"}}", 400, "invalid_json", ""},
		{"NULInExternalID", `{"external_id": "a\u0000b", "customer": {}}`, 400, "invalid_field", "external_id"},
		{"TenThousandCharName", `{"external_id": "x", "customer": {"first_name": "` + strings.Repeat("é", 10000) + `"}}`, 400, "invalid_field", "customer.first_name"},
		{"OccurredAtOutOfRange", `{"external_id": "x", "occurred_at": "9999-01-01T00:00:00Z", "customer": {}}`, 400, "invalid_field", "occurred_at"},
		{"BirthDateInTheFuture", `{"external_id": "x", "customer": {"birth_date": "2999-01-01"}}`, 400, "invalid_field", "customer.birth_date"},
		{"BirthDateTooOld", `{"external_id": "x", "customer": {"birth_date": "1700-01-01"}}`, 400, "invalid_field", "customer.birth_date"},
		{"LongExternalID", `{"external_id": "` + strings.Repeat("x", 201) + `", "customer": {}}`, 400, "invalid_field", "external_id"},
		{"BookingNotAnObject", `{"external_id": "x", "customer": {}, "booking": "Coupe"}`, 400, "invalid_field", "booking"},
		{"TooManyAttributes", `{"external_id": "x", "customer": {"attributes": {` + attrs(60) + `}}}`, 400, "invalid_field", "customer.attributes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e apiError
			code := s.do("POST", "/v1/bookings", s.token, tt.body, &e)
			if code != tt.status || e.Error.Code != tt.code || e.Error.Field != tt.field {
				t.Fatalf("= %d %+v, want %d %s field %q", code, e.Error, tt.status, tt.code, tt.field)
			}
		})
	}
	if n := s.count(`SELECT count(*) FROM ingestions`) + s.queueSize(); n != 0 {
		t.Fatalf("refused bookings left %d rows or tasks", n)
	}
	// Brackets inside strings are not nesting.
	if ing := s.post("/v1/bookings", map[string]any{"external_id": "bk-brackets", "customer": map[string]any{"email": "brackets@example.fr"},
		"booking": map[string]any{"note": strings.Repeat("[{", 100)}}); ing.Status != "done" {
		t.Fatalf("booking with brackets in a string = %+v", ing)
	}
	// SQL and HTML in names are data: stored as sent, never run.
	ing := s.post("/v1/bookings", booking("bk-sql", map[string]any{
		"first_name": `Robert'); DROP TABLE profiles;--`, "last_name": `<script>alert(1)</script>`, "email": "bobby@example.fr"}))
	p := s.profile(*ing.ProfileID)
	if p.FirstName != `Robert'); DROP TABLE profiles;--` || p.LastName != `<script>alert(1)</script>` {
		t.Fatalf("names not stored as sent: %q %q", p.FirstName, p.LastName)
	}
	if code := s.do("GET", "/healthz", "", nil, nil); code != http.StatusOK {
		t.Fatal("the service stopped serving")
	}
}

func attrs(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf(`"k%d": "v"`, i)
	}
	return strings.Join(parts, ", ")
}
