package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"dedupe/internal/logtest"
	"dedupe/internal/openapitest"
	"dedupe/internal/redistest"
	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
	"dedupe/worker"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// service is a running `dedupe all` on port 0 with its own database and
// Redis, and a tenant with an all-scopes token.
type service struct {
	t      *testing.T
	main   *Main
	base   string
	dbURL  string
	redis  *redistest.Server
	store  *store.Store // a second connection, for assertions
	token  string
	tenant string
	logs   *logtest.Buffer
}

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// MustRun starts the real Main against a real PostgreSQL and Redis.
func MustRun(t *testing.T) *service {
	t.Helper()
	return MustRunWith(t, nil)
}

// MustRunWith is MustRun with more environment variables.
func MustRunWith(t *testing.T, extraEnv map[string]string) *service {
	t.Helper()
	s := &service{t: t, dbURL: storetest.MustURL(t), redis: redistest.MustStart(t, redistest.Options{AOF: true}), logs: &logtest.Buffer{}}
	env := map[string]string{
		"DATABASE_URL": s.dbURL, "REDIS_URL": s.redis.URL(), "DEDUPE_HTTP_ADDR": "127.0.0.1:0", "DEDUPE_LOG_LEVEL": "debug",
	}
	maps.Copy(env, extraEnv)
	s.main = &Main{Stdout: io.Discard, Stderr: s.logs, Getenv: envOf(env)}
	if err := s.main.Start(context.Background(), "all", nil); err != nil {
		t.Fatalf("start: %v\n%s", err, s.logs)
	}
	t.Cleanup(func() { s.main.Close() })
	s.base = "http://" + s.main.HTTPAddr()
	openapitest.Watch(t, s.base) // every request and answer against api/openapi.json
	var err error
	s.store, err = store.Open(context.Background(), store.Config{URL: s.dbURL})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.store.Close)
	s.tenant = s.cli("tenant", "create", "--slug", "salon", "--region", "FR")
	s.token = s.newToken("salon", "ingest,read,write,review")
	return s
}

// cli runs a dedupe command against the service's database and returns
// its stdout, trimmed.
func (s *service) cli(args ...string) string {
	s.t.Helper()
	var out bytes.Buffer
	m := &Main{Stdout: &out, Stderr: s.logs, Getenv: envOf(map[string]string{"DATABASE_URL": s.dbURL})}
	if err := m.Run(context.Background(), args); err != nil {
		s.t.Fatalf("dedupe %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(out.String())
}

func (s *service) newToken(tenant, scopes string) string {
	return s.cli("token", "create", "--tenant", tenant, "--scopes", scopes, "--label", "test")
}

// do sends a request and decodes a JSON answer into out (when not nil).
func (s *service) do(method, path, token string, body any, out any) int {
	s.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case []byte:
		r = bytes.NewReader(b)
	default:
		data, _ := json.Marshal(b)
		r = bytes.NewReader(data)
	}
	req, _ := http.NewRequest(method, s.base+path, r)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			s.t.Fatalf("%s %s: %d %s: %v", method, path, resp.StatusCode, data, err)
		}
	}
	return resp.StatusCode
}

type accepted struct {
	IngestionID string `json:"ingestion_id"`
	StatusURL   string `json:"status_url"`
}

type ingestion struct {
	ID          string          `json:"id"`
	Status      string          `json:"status"`
	Decision    *string         `json:"decision"`
	ProfileID   *string         `json:"profile_id"`
	ReviewID    *string         `json:"review_id"`
	Reason      string          `json:"reason"`
	Explanation json.RawMessage `json:"explanation"`
}

type profile struct {
	ID         string            `json:"id"`
	Status     string            `json:"status"`
	FirstName  string            `json:"first_name"`
	LastName   string            `json:"last_name"`
	Email      string            `json:"email"`
	Mobile     string            `json:"mobile"`
	BirthDate  string            `json:"birth_date"`
	Emails     []string          `json:"emails"`
	Mobiles    []string          `json:"mobiles"`
	Attributes map[string]string `json:"attributes"`
	Address    *struct {
		Line1, PostalCode, City, Country string
	} `json:"address"`
	ActivityCount int `json:"activity_count"`
}

type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Field   string `json:"field"`
	} `json:"error"`
}

// designBooking is DESIGN.md's example body with another external id.
func designBooking(externalID string) map[string]any {
	return map[string]any{
		"external_id":      externalID,
		"source":           "booking_widget",
		"occurred_at":      "2026-11-23T10:00:00Z",
		"requested_fields": []string{"first_name", "last_name", "email", "mobile"},
		"customer": map[string]any{
			"first_name": "Camille", "last_name": "Roy",
			"email": "Camille.Roy@Example.fr", "mobile": "06 12 34 56 78",
			"birth_date": "1990-04-02", "attributes": map[string]string{"member_code": "A-17"},
			"address": map[string]string{"line1": "12 rue des Lilas", "postal_code": "75011", "city": "Paris", "country": "FR"},
		},
		"booking": map[string]any{"service": "Coupe", "starts_at": "2026-11-30T14:00:00Z"},
	}
}

// post sends a booking and waits until it is processed.
func (s *service) post(path string, body any) ingestion {
	s.t.Helper()
	var a accepted
	if code := s.do("POST", path, s.token, body, &a); code != http.StatusAccepted {
		s.t.Fatalf("POST %s = %d, want 202", path, code)
	}
	return s.wait(a.IngestionID)
}

// wait polls an ingestion until it is no longer queued.
func (s *service) wait(id string) ingestion {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var ing ingestion
		code := s.do("GET", "/v1/ingestions/"+id, s.token, nil, &ing)
		if code == http.StatusOK && ing.Status != "queued" {
			return ing
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("ingestion %s still %d %s after 20s\n%s", id, code, ing.Status, s.logs)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (s *service) profile(id string) profile {
	s.t.Helper()
	var p profile
	if code := s.do("GET", "/v1/profiles/"+id, s.token, nil, &p); code != http.StatusOK {
		s.t.Fatalf("GET profile %s = %d", id, code)
	}
	return p
}

func (s *service) count(sql string, args ...any) int {
	s.t.Helper()
	var n int
	if err := s.store.Pool().QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		s.t.Fatal(err)
	}
	return n
}

func TestNewCustomerIsCreated(t *testing.T) {
	s := MustRun(t)
	var a accepted
	if code := s.do("POST", "/v1/bookings", s.token, designBooking("bk-2026-000123"), &a); code != http.StatusAccepted {
		t.Fatalf("POST /v1/bookings = %d", code)
	}
	if a.IngestionID == "" || a.StatusURL != "/v1/ingestions/"+a.IngestionID {
		t.Fatalf("202 body = %+v", a)
	}
	ing := s.wait(a.IngestionID)
	if ing.Status != "done" || *ing.Decision != "created" || ing.ProfileID == nil || ing.Reason == "" || ing.ReviewID != nil {
		t.Fatalf("ingestion = %+v", ing)
	}
	p := s.profile(*ing.ProfileID)
	if p.FirstName != "Camille" || p.LastName != "Roy" || p.Email != "camille.roy@example.fr" || p.Mobile != "+33612345678" ||
		p.BirthDate != "1990-04-02" || p.Attributes["member_code"] != "A-17" || p.ActivityCount != 1 || p.Status != "active" ||
		p.Address == nil || p.Address.City != "Paris" || p.Address.Line1 != "12 rue des Lilas" {
		t.Fatalf("profile = %+v (DESIGN.md's booking, with its address)", p)
	}
	var found struct{ Profiles []profile }
	s.do("GET", "/v1/profiles?email=camille.roy%40example.fr", s.token, nil, &found)
	if len(found.Profiles) != 1 || found.Profiles[0].ID != p.ID {
		t.Fatalf("lookup by email = %+v", found)
	}
}

func TestSameEmailOtherMobileUpdatesFirstProfile(t *testing.T) {
	s := MustRun(t)
	first := s.post("/v1/bookings", designBooking("bk-1"))
	b := designBooking("bk-2")
	b["customer"].(map[string]any)["mobile"] = "07 81 22 33 44"
	second := s.post("/v1/bookings", b)
	if *second.Decision != "updated" || *second.ProfileID != *first.ProfileID {
		t.Fatalf("second = %+v, want an update of %s", second, *first.ProfileID)
	}
	p := s.profile(*first.ProfileID)
	if p.Mobile != "+33781223344" || len(p.Mobiles) != 2 || p.Mobiles[1] != "+33612345678" {
		t.Fatalf("mobile %q, mobiles %v: want the new number primary and the old one kept", p.Mobile, p.Mobiles)
	}
	third := designBooking("bk-3")
	third["customer"] = map[string]any{"mobile": "+33612345678"}
	if got := s.post("/v1/bookings", third); *got.ProfileID != p.ID {
		t.Fatalf("the old number found %s, want %s", *got.ProfileID, p.ID)
	}
	if n := s.count(`SELECT count(*) FROM profiles`); n != 1 {
		t.Fatalf("%d profiles, want 1", n)
	}
}

func TestOnlyRequestedFieldsAreOverwritten(t *testing.T) {
	s := MustRun(t)
	first := s.post("/v1/bookings", designBooking("bk-1"))
	b := designBooking("bk-2")
	b["requested_fields"] = []string{"email", "last_name"}
	b["customer"] = map[string]any{"first_name": "Camilla", "last_name": "", "email": "camille.roy@example.fr",
		"birth_date": "1991-01-01", "attributes": map[string]string{"member_code": "Z-9"}}
	second := s.post("/v1/bookings", b)
	if *second.ProfileID != *first.ProfileID {
		t.Fatalf("second booking went to %s, want %s", *second.ProfileID, *first.ProfileID)
	}
	p := s.profile(*first.ProfileID)
	if p.FirstName != "Camille" || p.LastName != "Roy" || p.BirthDate != "1990-04-02" || p.Attributes["member_code"] != "A-17" {
		t.Fatalf("profile = %+v: fields that were not requested, or were blank, changed", p)
	}
}

func TestSameExternalIDTwiceGivesOneActivity(t *testing.T) {
	s := MustRun(t)
	var a1, a2, a3 accepted
	s.do("POST", "/v1/bookings", s.token, designBooking("bk-1"), &a1)
	s.do("POST", "/v1/bookings", s.token, designBooking("bk-1"), &a2)
	if a1.IngestionID != a2.IngestionID {
		t.Fatalf("retried POST got %s, want %s", a2.IngestionID, a1.IngestionID)
	}
	ing := s.wait(a1.IngestionID)
	// Once more after processing: same id, and nothing recorded twice.
	if code := s.do("POST", "/v1/bookings", s.token, designBooking("bk-1"), &a3); code != http.StatusAccepted || a3.IngestionID != a1.IngestionID {
		t.Fatalf("late retry = %d %+v", code, a3)
	}
	deadline := time.Now().Add(10 * time.Second)
	for s.queueSize() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := s.count(`SELECT count(*) FROM activities`); n != 1 {
		t.Fatalf("%d activities, want 1", n)
	}
	if got := s.wait(a1.IngestionID); *got.Decision != *ing.Decision || *got.ProfileID != *ing.ProfileID {
		t.Fatalf("ingestion changed after a retry: %+v, was %+v", got, ing)
	}
}

// queueSize is the number of ingest tasks pending or running.
func (s *service) queueSize() int {
	insp := asynq.NewInspector(asynq.RedisClientOpt{Addr: s.redis.Addr()})
	defer insp.Close()
	info, err := insp.GetQueueInfo(worker.QueueIngest)
	if err != nil {
		return 0
	}
	return info.Pending + info.Active + info.Retry
}

func TestConcurrentBookingsForOneNewEmailGiveOneProfile(t *testing.T) {
	s := MustRun(t)
	emails := []string{"camille@example.fr", "CAMILLE@example.fr", " Camille@Example.Fr"}
	var wg sync.WaitGroup
	ids := make([]string, 50)
	for i := range 50 {
		wg.Go(func() {
			b := designBooking(fmt.Sprintf("bk-%d", i))
			b["customer"].(map[string]any)["email"] = emails[i%len(emails)]
			var a accepted
			if code := s.do("POST", "/v1/bookings", s.token, b, &a); code != http.StatusAccepted {
				t.Errorf("POST %d = %d", i, code)
			}
			ids[i] = a.IngestionID
		})
	}
	wg.Wait()
	profiles := map[string]bool{}
	for _, id := range ids {
		profiles[*s.wait(id).ProfileID] = true
	}
	if len(profiles) != 1 {
		t.Fatalf("bookings landed on %d profiles, want 1", len(profiles))
	}
	for id := range profiles {
		if p := s.profile(id); p.ActivityCount != 50 {
			t.Fatalf("profile has %d activities, want 50", p.ActivityCount)
		}
	}
	if n := s.count(`SELECT count(*) FROM profiles`); n != 1 {
		t.Fatalf("%d profiles in the database, want 1", n)
	}
}

func TestTwoTenantsNeverShareAProfile(t *testing.T) {
	s := MustRun(t)
	s.cli("tenant", "create", "--slug", "shop", "--region", "FR")
	other := s.newToken("shop", "ingest,read")
	mine := s.post("/v1/bookings", designBooking("bk-1"))
	var a accepted
	if code := s.do("POST", "/v1/bookings", other, designBooking("bk-1"), &a); code != http.StatusAccepted {
		t.Fatal(code)
	}
	if a.IngestionID == mine.ID {
		t.Fatal("two tenants got the same ingestion id for their own bookings")
	}
	var theirs ingestion
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if s.do("GET", "/v1/ingestions/"+a.IngestionID, other, nil, &theirs); theirs.Status == "done" {
			break
		}
	}
	if theirs.Status != "done" || *theirs.Decision != "created" || *theirs.ProfileID == *mine.ProfileID {
		t.Fatalf("other tenant's booking = %+v, want its own new profile", theirs)
	}
	for _, path := range []string{"/v1/profiles/" + *mine.ProfileID, "/v1/ingestions/" + mine.ID} {
		var e apiError
		if code := s.do("GET", path, other, nil, &e); code != http.StatusNotFound || e.Error.Code != "not_found" {
			t.Errorf("GET %s with another tenant's token = %d %+v, want 404", path, code, e)
		}
	}
	var found struct{ Profiles []profile }
	s.do("GET", "/v1/profiles?email=camille.roy%40example.fr", other, nil, &found)
	if len(found.Profiles) != 1 || found.Profiles[0].ID != *theirs.ProfileID {
		t.Fatalf("other tenant's lookup = %+v, want only its own profile", found.Profiles)
	}
}

func TestSaleLandsOnTheProfile(t *testing.T) {
	s := MustRun(t)
	booked := s.post("/v1/bookings", designBooking("bk-1"))
	sale := map[string]any{
		"external_id": "order-77", "requested_fields": []string{"email"},
		"customer": map[string]any{"email": "camille.roy@example.fr"},
		"sale":     map[string]any{"amount_cents": 4200, "currency": "EUR", "items": []any{map[string]any{"sku": "SH-1"}}},
	}
	sold := s.post("/v1/sales", sale)
	if *sold.ProfileID != *booked.ProfileID || *sold.Decision != "updated" {
		t.Fatalf("sale = %+v, want it on %s", sold, *booked.ProfileID)
	}
	if n := s.count(`SELECT count(*) FROM activities WHERE kind = 'sale' AND source = 'web_sale' AND (details->>'amount_cents')::int = 4200`); n != 1 {
		t.Fatalf("%d sales recorded, want 1", n)
	}
}

func TestCreateProfileDirectly(t *testing.T) {
	s := MustRun(t)
	booked := s.post("/v1/bookings", designBooking("bk-1"))
	var out struct {
		Profile            profile   `json:"profile"`
		PossibleDuplicates []profile `json:"possible_duplicates"`
	}
	code := s.do("POST", "/v1/profiles", s.token, map[string]any{"first_name": "Camille", "email": "camille.roy@example.fr"}, &out)
	if code != http.StatusCreated || out.Profile.ID == "" || out.Profile.ID == *booked.ProfileID {
		t.Fatalf("POST /v1/profiles = %d %+v, want a new profile", code, out)
	}
	if len(out.PossibleDuplicates) != 1 || out.PossibleDuplicates[0].ID != *booked.ProfileID {
		t.Fatalf("possible_duplicates = %+v, want [%s]", out.PossibleDuplicates, *booked.ProfileID)
	}
}

func TestErrors(t *testing.T) {
	s := MustRun(t)
	readOnly := s.newToken("salon", "read")
	tests := []struct {
		name, method, path, token string
		body                      any
		status                    int
		code, field               string
	}{
		{"MalformedJSON", "POST", "/v1/bookings", s.token, `{"external_id": "x",`, 400, "invalid_json", ""},
		{"TrailingData", "POST", "/v1/bookings", s.token, `{"external_id": "x", "customer": {}} {}`, 400, "invalid_json", ""},
		{"MissingExternalID", "POST", "/v1/bookings", s.token, `{"customer": {"email": "a@example.fr"}}`, 400, "missing_field", "external_id"},
		{"WrongType", "POST", "/v1/bookings", s.token, `{"external_id": "x", "customer": {"first_name": 12}}`, 400, "invalid_field", "customer.first_name"},
		{"WrongTypeExternalID", "POST", "/v1/bookings", s.token, `{"external_id": 12, "customer": {}}`, 400, "invalid_field", "external_id"},
		{"UnknownField", "POST", "/v1/bookings", s.token, `{"external_id": "x", "customer": {}, "nickname": "c"}`, 400, "unknown_field", "nickname"},
		{"BadRequestedField", "POST", "/v1/bookings", s.token, `{"external_id": "x", "customer": {}, "requested_fields": ["email", "password"]}`, 400, "invalid_field", "requested_fields[1]"},
		{"BadSource", "POST", "/v1/bookings", s.token, `{"external_id": "x", "source": "fax", "customer": {}}`, 400, "invalid_field", "source"},
		{"BadBirthDate", "POST", "/v1/bookings", s.token, `{"external_id": "x", "customer": {"birth_date": "31/02/1990"}}`, 400, "invalid_field", "customer.birth_date"},
		{"LongExternalID", "POST", "/v1/bookings", s.token, `{"external_id": "` + strings.Repeat("x", 201) + `", "customer": {}}`, 400, "invalid_field", "external_id"},
		{"NULInName", "POST", "/v1/bookings", s.token, `{"external_id": "x", "customer": {"first_name": "a\u0000b"}}`, 400, "invalid_field", "customer.first_name"},
		{"SaleOnBookings", "POST", "/v1/bookings", s.token, `{"external_id": "x", "customer": {}, "sale": {}}`, 400, "unknown_field", "sale"},
		{"NegativeAmount", "POST", "/v1/sales", s.token, `{"external_id": "x", "customer": {}, "sale": {"amount_cents": -1}}`, 400, "invalid_field", "sale.amount_cents"},
		{"TooLarge", "POST", "/v1/bookings", s.token, `{"external_id": "x", "customer": {"first_name": "` + strings.Repeat("a", 70<<10) + `"}}`, 413, "body_too_large", ""},
		{"NoToken", "POST", "/v1/bookings", "", `{}`, 401, "unauthorized", ""},
		{"BadToken", "GET", "/v1/profiles/x", "ddp_nope", nil, 401, "unauthorized", ""},
		{"WrongScope", "POST", "/v1/bookings", readOnly, `{}`, 403, "forbidden", ""},
		{"WrongScopeCreate", "POST", "/v1/profiles", readOnly, `{}`, 403, "forbidden", ""},
		{"UnknownIngestion", "GET", "/v1/ingestions/0b6c2f0e-4a54-4b39-9d3b-1d8c0f9b7a11", s.token, nil, 404, "not_found", ""},
		{"UnknownProfile", "GET", "/v1/profiles/not-a-uuid", s.token, nil, 404, "not_found", ""},
		{"LookupWithoutKeys", "GET", "/v1/profiles", s.token, nil, 400, "missing_field", "email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e apiError
			code := s.do(tt.method, tt.path, tt.token, tt.body, &e)
			if code != tt.status || e.Error.Code != tt.code || e.Error.Field != tt.field || e.Error.Message == "" {
				t.Fatalf("%s %s = %d %+v, want %d %s field %q", tt.method, tt.path, code, e.Error, tt.status, tt.code, tt.field)
			}
		})
	}
	if n := s.count(`SELECT count(*) FROM ingestions`) + s.queueSize(); n != 0 {
		t.Fatalf("refused requests left %d ingestions or tasks behind", n)
	}
	if code := s.do("GET", "/healthz", "", nil, nil); code != http.StatusOK {
		t.Fatalf("the service stopped serving: /healthz = %d", code)
	}
}

// TestRedisDownAnswers503AndAcceptsNothing: with Redis down, a booking is
// refused and so is the erasure of a person with an email or a number to
// look for among the archived bookings (README, Erasure): the person stays
// as they were. Once Redis is back, both go through.
func TestRedisDownAnswers503AndAcceptsNothing(t *testing.T) {
	s := MustRun(t)
	if code := s.do("GET", "/readyz", "", nil, nil); code != http.StatusOK {
		t.Fatalf("/readyz = %d before the fault", code)
	}
	person := *s.post("/v1/bookings", designBooking("bk-before")).ProfileID
	admin := s.newToken("salon", "admin")
	if err := s.redis.Stop(); err != nil {
		t.Fatal(err)
	}
	var e apiError
	if code := s.do("POST", "/v1/bookings", s.token, designBooking("bk-down"), &e); code != http.StatusServiceUnavailable || e.Error.Code != "queue_unavailable" {
		t.Fatalf("POST with Redis down = %d %+v, want 503 queue_unavailable", code, e)
	}
	e = apiError{}
	if code := s.do("DELETE", "/v1/profiles/"+person, admin, nil, &e); code != http.StatusServiceUnavailable || e.Error.Code != "queue_unavailable" {
		t.Fatalf("DELETE with Redis down = %d %+v, want 503 queue_unavailable", code, e)
	}
	if p := s.profile(person); p.Status != "active" || p.Email != "camille.roy@example.fr" {
		t.Fatalf("after the refused erasure the profile = %+v; want it active and whole", p)
	}
	var ready struct{ Checks map[string]string }
	if code := s.do("GET", "/readyz", "", nil, &ready); code != http.StatusServiceUnavailable || ready.Checks["redis"] != "unavailable" || ready.Checks["postgres"] != "ok" {
		t.Fatalf("/readyz with Redis down = %d %+v, want 503 naming redis", code, ready)
	}
	if err := s.redis.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := s.queueSize(); n != 0 {
		t.Fatalf("%d tasks in the queue after a refused POST, want 0", n)
	}
	// The client retries, as the 503 invites, and the booking lands.
	if ing := s.post("/v1/bookings", designBooking("bk-down")); ing.Status != "done" {
		t.Fatalf("retried booking = %+v", ing)
	}
	var erased struct{ ID, Status string }
	if code := s.do("DELETE", "/v1/profiles/"+person, admin, nil, &erased); code != http.StatusOK || erased.Status != "erased" {
		t.Fatalf("retried erasure = %d %+v, want 200 erased", code, erased)
	}
}

func TestMalformedTaskIsArchivedWithItsReason(t *testing.T) {
	s := MustRun(t)
	client := asynq.NewClient(asynq.RedisClientOpt{Addr: s.redis.Addr()})
	defer client.Close()
	id := worker.IngestionID(s.tenant, "booking_widget", "poison")
	payload := fmt.Sprintf(`{"ingestion_id": %q, "tenant_id": %q, "kind": "refund", "source": "booking_widget", "external_id": "poison"}`, id, s.tenant)
	if _, err := client.Enqueue(asynq.NewTask(worker.TypeIngest, []byte(payload)), asynq.TaskID(id), asynq.Queue(worker.QueueIngest)); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Enqueue(asynq.NewTask(worker.TypeIngest, []byte(`not json`)), asynq.Queue(worker.QueueIngest)); err != nil {
		t.Fatal(err)
	}
	// A customer with nobody to find, which the API refuses, queued
	// another way: archived, not made into a profile no booking finds.
	blank := worker.IngestionID(s.tenant, "booking_widget", "blank")
	payload = fmt.Sprintf(`{"ingestion_id": %q, "tenant_id": %q, "kind": "booking", "source": "booking_widget", "external_id": "blank", "customer": {"gender": "F"}}`, blank, s.tenant)
	if _, err := client.Enqueue(asynq.NewTask(worker.TypeIngest, []byte(payload)), asynq.TaskID(blank), asynq.Queue(worker.QueueIngest)); err != nil {
		t.Fatal(err)
	}
	ing := s.wait(id)
	if ing.Status != "failed" || !strings.Contains(ing.Reason, "refund") {
		t.Fatalf("poison ingestion = %+v, want failed with its reason", ing)
	}
	if ing := s.wait(blank); ing.Status != "failed" || !strings.Contains(ing.Reason, "customer") || ing.ProfileID != nil {
		t.Fatalf("blank customer's ingestion = %+v, want failed with its reason and no profile", ing)
	}
	insp := asynq.NewInspector(asynq.RedisClientOpt{Addr: s.redis.Addr()})
	defer insp.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		archived, _ := insp.ListArchivedTasks(worker.QueueIngest)
		if len(archived) == 3 {
			for _, a := range archived {
				if a.LastErr == "" || a.Retried != 0 {
					t.Fatalf("archived task %s: last error %q after %d retries; want a reason and no retry", a.ID, a.LastErr, a.Retried)
				}
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d archived tasks, want 3", len(archived))
		}
		time.Sleep(20 * time.Millisecond)
	}
	// The queue still flows.
	if got := s.post("/v1/bookings", designBooking("bk-after")); got.Status != "done" {
		t.Fatalf("booking after the poison = %+v", got)
	}
}

func TestCLIPrintsIDsAlone(t *testing.T) {
	s := MustRun(t)
	if len(s.tenant) != 36 || strings.ContainsAny(s.tenant, " \n") {
		t.Fatalf("tenant create printed %q, want the id alone", s.tenant)
	}
	if !strings.HasPrefix(s.token, "ddp_") || strings.ContainsAny(s.token, " \n") {
		t.Fatalf("token create printed %q, want the token alone", s.token)
	}
	var out bytes.Buffer
	m := &Main{Stdout: &out, Stderr: io.Discard, Getenv: envOf(map[string]string{"DATABASE_URL": s.dbURL})}
	if err := m.Run(context.Background(), []string{"tenant", "create", "--slug", "salon", "--region", "FR"}); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("creating a tenant twice = %v, want 'already exists'", err)
	}
}

func TestLogsCarryNoPersonalData(t *testing.T) {
	s := MustRun(t)
	s.post("/v1/bookings", designBooking("bk-1"))
	// The decision line is written just after the commit the post waited for.
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(s.logs.String(), `"ingested"`) && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	logs := s.logs.String()
	if !strings.Contains(logs, "ingested") {
		t.Fatalf("debug logs lack the decision line:\n%s", logs)
	}
	for _, pii := range []string{"Camille", "camille", "Roy", "6 12 34", "612345678", "example.fr"} {
		if strings.Contains(logs, pii) {
			t.Fatalf("logs contain %q:\n%s", pii, logs)
		}
	}
}

func TestDatabaseOutageIsRetriedWithBackoff(t *testing.T) {
	s := MustRun(t)
	s.post("/v1/bookings", designBooking("bk-before")) // warm: the tenant and token work
	pg := storetest.Server()
	if err := pg.Stop(); err != nil {
		t.Fatal(err)
	}
	restarted := false
	t.Cleanup(func() {
		if !restarted {
			if err := pg.Start(context.Background()); err != nil {
				t.Error(err)
			}
		}
	})
	var ready struct{ Checks map[string]string }
	if code := s.do("GET", "/readyz", "", nil, &ready); code != http.StatusServiceUnavailable || ready.Checks["postgres"] != "unavailable" {
		t.Fatalf("/readyz with PostgreSQL down = %d %+v, want 503 naming postgres", code, ready)
	}
	// A booking the API accepted just before the outage: enqueue it as the
	// API would (the API itself needs PostgreSQL to check tokens).
	in := store.Ingest{TenantID: s.tenant, Kind: store.KindBooking, Source: "booking_widget", ExternalID: "bk-during",
		Customer: designCustomer(), AcceptedAt: time.Now()}
	in.IngestionID = worker.IngestionID(in.TenantID, in.Source, in.ExternalID)
	client := worker.NewClient(asynq.RedisClientOpt{Addr: s.redis.Addr()})
	defer client.Close()
	if err := client.Enqueue(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if q, err := client.Status(context.Background(), in.IngestionID); err == nil && q.State == worker.StateRetry {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the task did not go into retry while PostgreSQL was down")
		}
	}
	if err := pg.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	restarted = true
	ing := s.wait(in.IngestionID)
	if ing.Status != "done" || *ing.Decision != "updated" {
		t.Fatalf("after the outage the booking = %+v, want done and updated", ing)
	}
	if n := s.count(`SELECT count(*) FROM activities WHERE external_id = 'bk-during'`); n != 1 {
		t.Fatalf("%d activities for the retried booking, want 1", n)
	}
}

// TestStartStopsOnARejectedDatabaseURL: a DATABASE_URL that PostgreSQL
// refuses (no such database, no such role) stops the start with the
// SQLSTATE and without the password; a database not reachable yet does
// not, and /readyz names it.
func TestStartStopsOnARejectedDatabaseURL(t *testing.T) {
	base, err := url.Parse(storetest.MustEmptyURL(t))
	if err != nil {
		t.Fatal(err)
	}
	rd := redistest.MustStart(t, redistest.Options{})
	start := func(dbURL string) (*Main, string, error) {
		logs := &logtest.Buffer{}
		m := &Main{Stdout: io.Discard, Stderr: logs, Getenv: envOf(map[string]string{
			"DATABASE_URL": dbURL, "REDIS_URL": rd.URL(), "DEDUPE_METRICS_ADDR": "127.0.0.1:0"})}
		err := m.Start(context.Background(), "work", nil)
		if err == nil {
			t.Cleanup(func() { m.Close() })
		}
		return m, logs.String(), err
	}
	noDatabase, noRole := *base, *base
	noDatabase.Path = "/no_such_database"
	noRole.User = url.UserPassword("no_such_role", "s3cret-pass")
	for _, c := range []struct {
		url, sqlstate string
	}{{noDatabase.String(), "3D000"}, {noRole.String(), "28000"}} {
		_, logs, err := start(c.url)
		if err == nil || !errors.Is(err, store.ErrRejected) || !strings.Contains(err.Error(), "DATABASE_URL") ||
			!strings.Contains(err.Error(), c.sqlstate) {
			t.Fatalf("start with a URL PostgreSQL refuses (%s) = %v; want an error naming DATABASE_URL and %s", c.sqlstate, err, c.sqlstate)
		}
		if strings.Contains(err.Error()+logs, "s3cret-pass") {
			t.Fatalf("the password is in the error or the logs: %v\n%s", err, logs)
		}
	}

	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	unreachable := *base
	unreachable.Host = closed.Addr().String()
	closed.Close() // nothing listens there now
	m, logs, err := start(unreachable.String())
	if err != nil {
		t.Fatalf("start with PostgreSQL not reachable yet = %v; want it to start and keep trying", err)
	}
	if !strings.Contains(logs, "not reachable yet") {
		t.Fatalf("no warning that PostgreSQL is not reachable yet:\n%s", logs)
	}
	resp, err := http.Get("http://" + m.MetricsAddr() + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var ready struct{ Checks map[string]string }
	if err := json.NewDecoder(resp.Body).Decode(&ready); err != nil || resp.StatusCode != http.StatusServiceUnavailable ||
		ready.Checks["postgres"] != "unavailable" {
		t.Fatalf("/readyz with PostgreSQL not reachable = %d %+v (%v); want 503 naming postgres", resp.StatusCode, ready, err)
	}
}

func designCustomer() matcher.Customer {
	return matcher.Customer{FirstName: "Camille", LastName: "Roy", Email: "Camille.Roy@Example.fr", Mobile: "06 12 34 56 78"}
}

// TestGCPercent: without GOGC the service collects at defaultGCPercent;
// with it, Go's own reading of GOGC stands.
func TestGCPercent(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	if got := setGCPercent(envOf(map[string]string{"GOGC": "150"})); got != -1 || debug.SetGCPercent(100) != 100 {
		t.Errorf("with GOGC set, setGCPercent = %d and changed the collector's target", got)
	}
	if got := setGCPercent(envOf(nil)); got != defaultGCPercent || debug.SetGCPercent(100) != defaultGCPercent {
		t.Errorf("without GOGC, setGCPercent = %d; want the collector at %d", got, defaultGCPercent)
	}
}

// TestRedisClientNotesAreJSON: go-redis's own notes (a pool that could
// not dial) are log lines of the service's JSON, not plain text.
func TestRedisClientNotesAreJSON(t *testing.T) {
	var logs logtest.Buffer
	m := &Main{Stdout: io.Discard, Stderr: &logs, Getenv: envOf(map[string]string{"DATABASE_URL": storetest.MustURL(t),
		"REDIS_URL": "redis://127.0.0.1:1/0", "DEDUPE_HTTP_ADDR": "127.0.0.1:0"})}
	if err := m.Start(t.Context(), "serve", nil); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	resp, err := http.Get("http://" + m.HTTPAddr() + "/readyz") // asks Redis, which is not there
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(logs.String(), `"component":"go-redis"`); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no note of go-redis logged:\n%s", logs.String())
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		if !json.Valid([]byte(line)) {
			t.Errorf("a log line is not JSON: %s", line)
		}
	}
}
