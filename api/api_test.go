package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hibiken/asynq"

	"dedupe/api"
	"dedupe/internal/logtest"
	"dedupe/internal/openapitest"
	"dedupe/internal/redistest"
	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
	"dedupe/worker"
)

// The handler tests run the API with httptest against a real PostgreSQL
// (one throwaway server for the package, a fresh database per test) and a
// real Redis, with a worker processing what the API queues.

func TestMain(m *testing.M) { storetest.Main(m) }

// testAPI is an API server and what it runs on.
type testAPI struct {
	t      *testing.T
	url    string
	store  *store.Store
	redis  asynq.RedisConnOpt
	tenant store.Tenant
}

// mustAPI starts the API and a worker on fresh servers, with a tenant.
// The API's store keeps authenticated tokens in memory, as in production.
func mustAPI(t *testing.T, options ...func(*api.Config, *worker.Config)) *testAPI {
	t.Helper()
	s := storetest.MustOpen(t, store.Config{})
	s.CacheTokens(slog.New(slog.DiscardHandler))
	rs := redistest.MustStart(t, redistest.Options{})
	opt := asynq.RedisClientOpt{Addr: rs.Addr()}
	queue := worker.NewClient(opt)
	t.Cleanup(func() { queue.Close() })
	acfg := api.Config{Store: s, Queue: queue, Logger: slog.New(slog.DiscardHandler)}
	wcfg := worker.Config{Store: s, Redis: opt, Logger: slog.New(slog.DiscardHandler)}
	for _, o := range options {
		o(&acfg, &wcfg)
	}
	srv, err := api.New(acfg)
	if err != nil {
		t.Fatal(err)
	}
	w, err := worker.New(wcfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Shutdown)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	openapitest.Watch(t, hs.URL) // every request and answer against api/openapi.json
	return &testAPI{t: t, url: hs.URL, store: s, redis: opt, tenant: storetest.MustTenant(t, s, "salon", "FR")}
}

// token creates a token of the tenant with the scopes.
func (a *testAPI) token(scopes ...string) string {
	a.t.Helper()
	secret, _, err := a.store.CreateToken(context.Background(), a.tenant.Slug, "test", scopes)
	if err != nil {
		a.t.Fatal(err)
	}
	return secret
}

// do sends a request with "Authorization: Bearer token" (none when token
// is empty) and returns the status and the body.
func (a *testAPI) do(method, path, token, body string, header ...string) (int, []byte, http.Header) {
	a.t.Helper()
	req, err := http.NewRequest(method, a.url+path, strings.NewReader(body))
	if err != nil {
		a.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out, resp.Header
}

// mustJSON decodes a body.
func mustJSON[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return v
}

type apiError struct {
	Error struct{ Code, Message, Field string }
}

// wantError checks a status and the error's code (any when "") and field.
func wantError(t *testing.T, code int, body []byte, wantCode int, errCode, field string) {
	t.Helper()
	e := mustJSON[apiError](t, body)
	if code != wantCode || (errCode != "" && e.Error.Code != errCode) || e.Error.Code == "" || e.Error.Field != field {
		t.Fatalf("answer %d %s; want %d with code %q and field %q", code, body, wantCode, errCode, field)
	}
}

// post posts a booking and returns its ingestion id.
func (a *testAPI) post(token, body string) string {
	a.t.Helper()
	code, out, _ := a.do("POST", "/v1/bookings", token, body)
	if code != http.StatusAccepted {
		a.t.Fatalf("POST /v1/bookings = %d %s", code, out)
	}
	return mustJSON[struct {
		IngestionID string `json:"ingestion_id"`
	}](a.t, out).IngestionID
}

// wait polls an ingestion until it is no longer queued and returns its
// body as the token sees it.
func (a *testAPI) wait(token, id string) []byte {
	a.t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		code, out, _ := a.do("GET", "/v1/ingestions/"+id, token, "")
		if code != http.StatusOK {
			a.t.Fatalf("GET ingestion = %d %s", code, out)
		}
		if mustJSON[struct{ Status string }](a.t, out).Status != "queued" {
			return out
		}
	}
	a.t.Fatalf("ingestion %s still queued", id)
	return nil
}

func TestIngestTokenReadsNoCustomer(t *testing.T) {
	a := mustAPI(t)
	widget, reader := a.token(store.ScopeIngest), a.token(store.ScopeIngest, store.ScopeRead)
	a.wait(widget, a.post(widget, `{"external_id": "bk-1", "customer": {"first_name": "Camille", "last_name": "Roy",
		"email": "camille.roy@example.fr", "mobile": "06 12 34 56 78", "birth_date": "1990-04-02",
		"attributes": {"member_code": "A-17"}}}`))
	// An attacker who knows the victim's email asks for the fields to
	// overwrite, hoping to read the old values back.
	id := a.post(widget, `{"external_id": "bk-2", "requested_fields": ["last_name", "birth_date", "mobile", "attributes"],
		"customer": {"first_name": "Camille", "last_name": "X", "email": "camille.roy@example.fr", "mobile": "07 98 76 54 32",
		"birth_date": "2001-01-01", "attributes": {"member_code": "Z"}}}`)
	seen := a.wait(widget, id)
	for _, secret := range []string{"Roy", "1990-04-02", "612345678", "A-17", `"old"`} {
		if bytes.Contains(seen, []byte(secret)) {
			t.Errorf("an ingest-only token reads %q in %s", secret, seen)
		}
	}
	got := mustJSON[struct {
		Decision    string
		ProfileID   string `json:"profile_id"`
		Explanation struct {
			Rule    string
			Changes []map[string]string
		}
	}](t, seen)
	if got.Decision != "updated" || got.ProfileID == "" || got.Explanation.Rule == "" || len(got.Explanation.Changes) != 4 {
		t.Fatalf("ingest-only view = %s; want the decision, the ids, the rule and the four fields written", seen)
	}
	for _, c := range got.Explanation.Changes {
		if len(c) != 1 || c["field"] == "" {
			t.Errorf("change %v; want its field name alone", c)
		}
	}
	full := a.wait(reader, id)
	if !bytes.Contains(full, []byte(`"old":"Roy"`)) || !bytes.Contains(full, []byte(`"old":"1990-04-02"`)) {
		t.Fatalf("a read token's view %s lacks the old values", full)
	}
}

// landedOn posts a booking, waits for it, and returns the profile it
// landed on as reader reads it.
func landedOn[T any](a *testAPI, widget, reader, body string) T {
	a.t.Helper()
	ing := mustJSON[struct {
		Status    string
		ProfileID string `json:"profile_id"`
	}](a.t, a.wait(widget, a.post(widget, body)))
	code, out, _ := a.do("GET", "/v1/profiles/"+ing.ProfileID, reader, "")
	if ing.Status != "done" || code != http.StatusOK {
		a.t.Fatalf("%s: %s, GET profile = %d %s", body, ing.Status, code, out)
	}
	return mustJSON[T](a.t, out)
}

// TestHastyBookingKeepsTheCarefulProfile: a returning customer who types
// her name without its accents and in capitals, and leaves the address
// with its street only and the form's default country, leaves her
// profile as the first booking wrote it; a new address replaces the old
// one whole.
func TestHastyBookingKeepsTheCarefulProfile(t *testing.T) {
	a := mustAPI(t)
	widget, reader := a.token(store.ScopeIngest), a.token(store.ScopeIngest, store.ScopeRead)
	type profile struct {
		FirstName string `json:"first_name"`
		LastName  string `json:"last_name"`
		Address   *matcher.Address
	}
	book := func(external, customer string) profile {
		return landedOn[profile](a, widget, reader, `{"external_id": "`+external+`", "customer": `+customer+`}`)
	}
	careful := book("bk-1", `{"first_name": "Zoé", "last_name": "Lefèvre", "email": "zoe.lefevre@example.fr",
		"address": {"line1": "12 rue des Lilas", "postal_code": "75011", "city": "Paris"}}`)
	hasty := book("bk-2", `{"first_name": "zoe", "last_name": "LEFEVRE", "email": "zoe.lefevre@example.fr",
		"address": {"line1": "12 Rue des lilas", "country": "FR"}}`)
	if diff := cmp.Diff(careful, hasty); diff != "" {
		t.Errorf("the hasty booking changed the profile (-before +after):\n%s", diff)
	}
	moved := book("bk-3", `{"first_name": "Zoé", "email": "zoe.lefevre@example.fr",
		"address": {"line1": "3 place Bellecour", "postal_code": "69002", "city": "Lyon"}}`)
	if want := (matcher.Address{Line1: "3 place Bellecour", PostalCode: "69002", City: "Lyon"}); moved.Address == nil || *moved.Address != want {
		t.Errorf("after the move the address = %+v, want %+v whole", moved.Address, want)
	}
}

// TestCountryByItsName: a checkout that writes the country by its name,
// its three-letter code (España, MEX) or its state's official name
// (República de Colombia, المملكة المغربية) is read as the code the
// profile stores; a value that names no country is refused on its field.
func TestCountryByItsName(t *testing.T) {
	a := mustAPI(t)
	widget, reader := a.token(store.ScopeIngest), a.token(store.ScopeIngest, store.ScopeRead)
	type profile struct{ Address *matcher.Address }
	for i, tt := range []struct{ written, want string }{{"España", "ES"}, {"MEX", "MX"}, {"Philippines", "PH"}, {"pilipinas", "PH"}, {"fr", "FR"},
		{"República de Colombia", "CO"}, {"Royaume du Maroc", "MA"}, {"المملكة المغربية", "MA"}, {"الجمهورية التونسية", "TN"},
		{"République algérienne démocratique et populaire", "DZ"}, {"الجمهورية الجزائرية الديمقراطية الشعبية", "DZ"}} {
		got := landedOn[profile](a, widget, reader, fmt.Sprintf(`{"external_id": "bk-%d", "customer": {"first_name": "Ana", "email": "ana%d@example.com",
			"address": {"line1": "Calle de Alcalá, 45", "city": "Madrid", "country": %q}}}`, i, i, tt.written))
		if got.Address == nil || got.Address.Country != tt.want {
			t.Errorf("country written %q: the profile's address %+v, want country %s", tt.written, got.Address, tt.want)
		}
	}
	code, out, _ := a.do("POST", "/v1/sales", widget, `{"external_id": "s-1", "customer": {"first_name": "Ana", "address": {"line1": "1 Main St", "country": "Atlantis"}}, "sale": {"amount_cents": 4200}}`)
	wantError(t, code, out, http.StatusBadRequest, api.CodeInvalidField, "customer.address.country")
}

// TestBirthDateAsWritten: a birth date typed the way the customer's
// country writes it is read, not refused (the booking would be lost), and
// the profile holds it as YYYY-MM-DD; the OpenAPI document, which watches
// every request here, admits it. A date that is none is 400 on the field.
func TestBirthDateAsWritten(t *testing.T) {
	a := mustAPI(t)
	widget, reader := a.token(store.ScopeIngest), a.token(store.ScopeIngest, store.ScopeRead)
	type profile struct {
		BirthDate string `json:"birth_date"`
	}
	for i, tt := range []struct{ written, want string }{
		{"24 Şubat 1969", "1969-02-24"}, {"15 października 1990 r.", "1990-10-15"}, {"15 tháng 3 năm 1992", "1992-03-15"},
		{"1992년 3월 15일", "1992-03-15"}, {"1992. 3. 15.", "1992-03-15"}, {"昭和48年3月2日", "1973-03-02"}, {"21/07/79", "1979-07-21"},
		{"810507", "1981-05-07"}, {"21 يوليوز 1981", "1981-07-21"}, {"19 أفريل 1985", "1985-04-19"}, {"10 كانون الثاني 1990", "1990-01-10"},
	} {
		got := landedOn[profile](a, widget, reader, fmt.Sprintf(`{"external_id": "bk-%d", "customer": {"first_name": "Ayşe", "email": "ayse%d@example.com", "birth_date": %q}}`, i, i, tt.written))
		if got.BirthDate != tt.want {
			t.Errorf("birth date written %q: the profile holds %q, want %s", tt.written, got.BirthDate, tt.want)
		}
	}
	code, out, _ := a.do("POST", "/v1/bookings", widget, `{"external_id": "bk-x", "customer": {"first_name": "Ayşe", "birth_date": "15 tháng 13 năm 1992"}}`)
	wantError(t, code, out, http.StatusBadRequest, api.CodeInvalidField, "customer.birth_date")
}

// TestNullIsLeftOut: widgets send null for a field the customer left
// empty. It is read as left out, as the OpenAPI document says: it writes
// nothing and erases nothing.
func TestNullIsLeftOut(t *testing.T) {
	a := mustAPI(t)
	widget, reader := a.token(store.ScopeIngest), a.token(store.ScopeIngest, store.ScopeRead)
	type profile struct {
		FirstName string `json:"first_name"`
		LastName  string `json:"last_name"`
		Mobile    string
		Phone     string
		Address   *matcher.Address
	}
	book := func(body string) profile { return landedOn[profile](a, widget, reader, body) }
	first := book(`{"external_id": "bk-1", "source": null, "occurred_at": null, "requested_fields": null, "booking": null,
		"customer": {"first_name": "Zoé", "last_name": "Lefèvre", "email": "zoe.lefevre@example.fr", "mobile": "06 12 34 56 78",
		"phone": null, "birth_date": null, "attributes": null, "address": {"line1": "12 rue des Lilas", "line2": null, "city": "Paris"}}}`)
	if want := (profile{FirstName: "Zoé", LastName: "Lefèvre", Mobile: "+33612345678", Address: &matcher.Address{Line1: "12 rue des Lilas", City: "Paris"}}); !reflect.DeepEqual(first, want) {
		t.Fatalf("created %+v, want %+v", first, want)
	}
	again := book(`{"external_id": "bk-2", "customer": {"first_name": null, "last_name": null, "email": "zoe.lefevre@example.fr",
		"mobile": null, "address": null}}`)
	if !reflect.DeepEqual(again, first) {
		t.Errorf("a booking of nulls changed the profile: %+v, was %+v", again, first)
	}

	admin := a.token(store.ScopeAdmin)
	_, before, _ := a.do("GET", "/v1/tenant/policy", admin, "")
	code, after, _ := a.do("PATCH", "/v1/tenant/policy", admin, `{"name_guard": null, "blocked_values": null, "fuzzy_threshold": null, "attribute_rules": null}`)
	if code != http.StatusOK || string(after) != string(before) {
		t.Errorf("a policy change of nulls = %d %s; want 200 and the policy unchanged: %s", code, after, before)
	}
}

// TestAVaguerNameNeverRenamesTheProfile: a booking that is compatible only
// because its first name says less (an initial, a short form shared by a
// man's and a woman's name, no letters at all) lands on the profile but
// leaves its name, so the next person on the family's email or mobile is
// told apart: a new profile and a review, never a quiet rename.
func TestAVaguerNameNeverRenamesTheProfile(t *testing.T) {
	a := mustAPI(t)
	widget, reader := a.token(store.ScopeIngest), a.token(store.ScopeIngest, store.ScopeRead)
	type ingestion struct {
		Decision  string
		ProfileID string `json:"profile_id"`
		ReviewID  string `json:"review_id"`
	}
	book := func(external, customer string) ingestion {
		return mustJSON[ingestion](t, a.wait(widget, a.post(widget, `{"external_id": "`+external+`", "customer": `+customer+`}`)))
	}
	for _, tt := range []struct{ first, vaguer, other, contact string }{
		{"Jean", "J.", "Julie", `"email": "martin.7@example.fr"`},
		{"Alexandra", "Alex", "Alexander", `"email": "famille.roy@example.fr"`},
		{"Sophie", "-", "Paul", `"mobile": "06 98 76 54 31"`},
	} {
		first := book(tt.first+"-1", `{"first_name": "`+tt.first+`", "last_name": "Martin", `+tt.contact+`}`)
		vaguer := book(tt.first+"-2", `{"first_name": "`+tt.vaguer+`", "last_name": "Martin", `+tt.contact+`}`)
		if vaguer.Decision != "updated" || vaguer.ProfileID != first.ProfileID {
			t.Errorf("%s after %s = %+v; want an update of %s", tt.vaguer, tt.first, vaguer, first.ProfileID)
		}
		code, out, _ := a.do("GET", "/v1/profiles/"+first.ProfileID, reader, "")
		if p := mustJSON[struct {
			FirstName string `json:"first_name"`
		}](t, out); code != http.StatusOK || p.FirstName != tt.first {
			t.Errorf("after %q the profile's first name = %q (%d), want %q kept", tt.vaguer, p.FirstName, code, tt.first)
		}
		other := book(tt.first+"-3", `{"first_name": "`+tt.other+`", "last_name": "Martin", `+tt.contact+`}`)
		if other.Decision != "created" || other.ProfileID == first.ProfileID || other.ReviewID == "" {
			t.Errorf("%s on %s's contact = %+v; want a new profile and a review", tt.other, tt.first, other)
		}
	}
}

// TestIngestTokenSeesNoOtherProfile: when a booking's email is another
// person's too (a family's), a widget's token learns the profile its
// booking created, not which other profile holds the email.
func TestIngestTokenSeesNoOtherProfile(t *testing.T) {
	a := mustAPI(t)
	widget, reader := a.token(store.ScopeIngest), a.token(store.ScopeIngest, store.ScopeRead)
	first := mustJSON[struct {
		ProfileID string `json:"profile_id"`
	}](t, a.wait(widget, a.post(widget, `{"external_id": "bk-1", "customer": {"first_name": "Camille", "last_name": "Roy",
		"email": "famille.roy@example.fr"}}`))).ProfileID
	id := a.post(widget, `{"external_id": "bk-2", "customer": {"first_name": "Louis", "last_name": "Roy",
		"email": "famille.roy@example.fr"}}`)
	type view struct {
		Decision    string
		ProfileID   string `json:"profile_id"`
		ReviewID    string `json:"review_id"`
		Explanation struct {
			Matches []struct {
				ProfileID string `json:"profile_id"`
			}
		}
	}
	seen := a.wait(widget, id)
	got := mustJSON[view](t, seen)
	if got.Decision != "created" || got.ReviewID == "" || first == "" {
		t.Fatalf("the relative's booking = %s; want a new profile and a review", seen)
	}
	if bytes.Contains(seen, []byte(first)) {
		t.Errorf("an ingest-only token reads the other profile's id in %s", seen)
	}
	for _, m := range got.Explanation.Matches {
		if m.ProfileID != got.ProfileID {
			t.Errorf("an ingest-only token's matches name profile %s; want only its own, %s", m.ProfileID, got.ProfileID)
		}
	}
	full := mustJSON[view](t, a.wait(reader, id))
	if len(full.Explanation.Matches) == 0 || full.Explanation.Matches[0].ProfileID != first {
		t.Errorf("a read token's matches = %+v; want the first profile, %s", full.Explanation.Matches, first)
	}
}

func TestWriteTokenGetsLinksToDuplicates(t *testing.T) {
	a := mustAPI(t)
	desk, deskReader := a.token(store.ScopeWrite), a.token(store.ScopeWrite, store.ScopeRead)
	code, out, _ := a.do("POST", "/v1/profiles", desk, `{"first_name": "Camille", "last_name": "Roy", "email": "camille@example.fr", "birth_date": "1990-04-02"}`)
	if code != http.StatusCreated {
		t.Fatalf("first profile = %d %s", code, out)
	}
	first := mustJSON[struct{ Profile struct{ ID string } }](t, out).Profile.ID

	code, out, _ = a.do("POST", "/v1/profiles", desk, `{"first_name": "C", "email": "Camille@Example.fr", "mobile": "0612345678"}`)
	if code != http.StatusCreated {
		t.Fatalf("second profile = %d %s", code, out)
	}
	dups := mustJSON[struct {
		PossibleDuplicates []map[string]any `json:"possible_duplicates"`
	}](t, out).PossibleDuplicates
	if len(dups) != 1 || len(dups[0]) != 3 || dups[0]["id"] != first || dups[0]["url"] != "/v1/profiles/"+first ||
		!equalJSON(dups[0]["matched_on"], []any{"email"}) {
		t.Fatalf("a write-only token's duplicates = %v; want {id, url, matched_on: [email]} only", dups)
	}
	if bytes.Contains(out, []byte("Roy")) || bytes.Contains(out, []byte("1990-04-02")) {
		t.Fatalf("a write-only token reads another customer in %s", out)
	}

	code, out, _ = a.do("POST", "/v1/profiles", deskReader, `{"first_name": "Cam", "mobile": "06 12 34 56 78", "email": "camille@example.fr"}`)
	if code != http.StatusCreated {
		t.Fatalf("third profile = %d %s", code, out)
	}
	full := mustJSON[struct {
		PossibleDuplicates []map[string]any `json:"possible_duplicates"`
	}](t, out).PossibleDuplicates
	if len(full) != 2 || full[0]["last_name"] != "Roy" || !equalJSON(full[0]["matched_on"], []any{"email"}) ||
		!equalJSON(full[1]["matched_on"], []any{"email", "mobile"}) {
		t.Fatalf("a read token's duplicates = %v; want whole profiles with matched_on", full)
	}

	t.Run("EmptyProfileRefused", func(t *testing.T) {
		for _, body := range []string{`{}`, `{"first_name": "  ", "gender": "f"}`} {
			code, out, _ := a.do("POST", "/v1/profiles", desk, body)
			wantError(t, code, out, http.StatusBadRequest, api.CodeMissingField, "first_name")
		}
	})
}

// TestBookingNeedsSomeoneToFind: a booking or sale whose customer carries
// no name, email or number is refused, as POST /v1/profiles refuses one:
// it would make a blank profile no later booking could find.
func TestBookingNeedsSomeoneToFind(t *testing.T) {
	a := mustAPI(t)
	widget := a.token(store.ScopeIngest)
	for _, tt := range []struct{ path, body string }{
		{"/v1/bookings", `{"external_id": "bk-1"}`},
		{"/v1/bookings", `{"external_id": "bk-1", "customer": {}}`},
		{"/v1/bookings", `{"external_id": "bk-1", "customer": {"first_name": " ", "birth_date": "1990-04-02", "attributes": {"member_code": "A-17"}}}`},
		{"/v1/sales", `{"external_id": "s-1", "customer": {"gender": "f"}, "sale": {"amount_cents": 4200}}`},
		{"/v1/bookings", `{"external_id": "bk-2", "customer": {"first_name": "-", "last_name": "?"}}`}, // no letters: no name
	} {
		code, out, _ := a.do("POST", tt.path, widget, tt.body)
		wantError(t, code, out, http.StatusBadRequest, api.CodeMissingField, "customer")
	}
	var profiles int
	if err := a.store.Pool().QueryRow(context.Background(), `SELECT count(*) FROM profiles`).Scan(&profiles); err != nil || profiles != 0 {
		t.Fatalf("%d profiles (%v) after the refusals; want none", profiles, err)
	}
	// One identifying value is enough.
	for i, customer := range []string{`{"last_name": "Roy"}`, `{"email": "camille@example.fr"}`, `{"phone": "01 43 55 12 12"}`} {
		a.wait(widget, a.post(widget, fmt.Sprintf(`{"external_id": "ok-%d", "customer": %s}`, i, customer)))
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func TestRequestIDCarriesNoPersonalData(t *testing.T) {
	a := mustAPI(t)
	tests := []struct {
		name, id string
		kept     bool
	}{
		{"UUID", "5f0c6a0e-9b1d-4c1e-8a53-124578901234", true},
		{"Token", "widget-7f3a.req_1", true},
		{"FiveDigits", "req-12345", true},
		{"Phone", "0612345678", false},
		{"PhoneInside", "req-06.12.34.56.78x-0612345678", false},
		{"Email", "camille@example.fr", false},
		{"Name with space", "Camille Roy", false},
		{"Colon", "a:b", false},
		{"TooLong", strings.Repeat("a", 65), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, h := a.do("GET", "/healthz", "", "", api.RequestIDHeader, tt.id)
			got := h.Get(api.RequestIDHeader)
			if (got == tt.id) != tt.kept || got == "" {
				t.Fatalf("X-Request-Id %q answered %q; kept = %v, want %v", tt.id, got, got == tt.id, tt.kept)
			}
		})
	}
}

func TestAuthorization(t *testing.T) {
	a := mustAPI(t)
	reader := a.token(store.ScopeRead)
	path := "/v1/profiles?email=nobody@example.fr"
	t.Run("SchemeCaseInsensitive", func(t *testing.T) {
		for _, scheme := range []string{"Bearer", "bearer", "BEARER", "bEaReR"} {
			code, out, _ := a.do("GET", path, "", "", "Authorization", scheme+" "+reader)
			if code != http.StatusOK {
				t.Errorf("%s scheme = %d %s", scheme, code, out)
			}
		}
		for _, header := range []string{"Basic " + reader, reader, "Bearer", "Bearer   "} {
			code, out, _ := a.do("GET", path, "", "", "Authorization", header)
			wantError(t, code, out, http.StatusUnauthorized, api.CodeUnauthorized, "")
		}
	})
	t.Run("FailuresCostNoDatabaseWork", func(t *testing.T) {
		revoked := a.token(store.ScopeRead)
		if _, err := a.store.RevokeToken(context.Background(), revoked); err != nil {
			t.Fatal(err)
		}
		_, revokedBody, _ := a.do("GET", path, revoked, "")
		// The revocation emptied the token cache, and its notification
		// empties it again when it arrives: let the cache learn reader
		// again and keep it past that.
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			a.do("GET", path, reader, "")
			if _, ok := a.store.CachedToken(reader); ok {
				time.Sleep(200 * time.Millisecond)
				if _, ok := a.store.CachedToken(reader); ok {
					break
				}
			}
			if time.Now().After(deadline) {
				t.Fatal("the token cache never kept the reader's token")
			}
		}
		before := a.store.Pool().Stat().AcquireCount()
		const guesses = 300
		for i := range guesses {
			code, out, _ := a.do("GET", path, "dk_guess"+strings.Repeat("x", i%7)+string(rune('a'+i%26)), "")
			if code != http.StatusUnauthorized || !bytes.Equal(out, revokedBody) {
				t.Fatalf("guess %d = %d %s; want the answer a revoked token gets: %s", i, code, out, revokedBody)
			}
		}
		looked := a.store.Pool().Stat().AcquireCount() - before
		// The client's budget (a burst of 20, refilled at 2 a second)
		// lets a few dozen guesses reach the database at most.
		if looked > 60 {
			t.Fatalf("%d bad tokens cost %d database look-ups; want them refused from memory", guesses, looked)
		}
		// A token this process knows still works for that client.
		if code, out, _ := a.do("GET", path, reader, ""); code != http.StatusOK {
			t.Fatalf("a good cached token during the flood = %d %s", code, out)
		}
	})
}

func TestPolicyPatch(t *testing.T) {
	a := mustAPI(t)
	admin := a.token(store.ScopeAdmin)
	version := func(body []byte) int {
		return mustJSON[struct {
			PolicyVersion int `json:"policy_version"`
		}](t, body).PolicyVersion
	}
	_, out, _ := a.do("GET", "/v1/tenant/policy", admin, "")
	v0 := version(out)
	for _, body := range []string{`{"shared_threshold": 2147483648}`, `{"shared_threshold": 100001}`, `{"shared_threshold": 0}`,
		`{"shared_threshold": -1}`, `{"shared_threshold": 1e30}`} {
		code, out, _ := a.do("PATCH", "/v1/tenant/policy", admin, body)
		wantError(t, code, out, http.StatusBadRequest, api.CodeInvalidField, "shared_threshold")
	}
	for _, body := range []string{`{}`, `{"shared_threshold": 5}`, `{"name_guard": true, "region": "fr"}`, `{"unblock": ["nobody@example.fr"]}`} {
		code, out, _ := a.do("PATCH", "/v1/tenant/policy", admin, body)
		if code != http.StatusOK || version(out) != v0 {
			t.Fatalf("PATCH %s that changes nothing = %d %s; want 200 and policy_version %d", body, code, out, v0)
		}
	}
	code, out, _ := a.do("PATCH", "/v1/tenant/policy", admin, `{"shared_threshold": 3}`)
	if code != http.StatusOK || version(out) != v0+1 {
		t.Fatalf("a real change = %d %s; want policy_version %d", code, out, v0+1)
	}
	code, out, _ = a.do("PATCH", "/v1/tenant/policy", admin, `{"unblock": ["ok@example.fr", "a\u0000b"]}`)
	wantError(t, code, out, http.StatusBadRequest, api.CodeInvalidField, "unblock")

	// What GET returned, sent back with blocked_values changed: the list
	// is replaced (its values normalised as match keys are).
	_, read, _ := a.do("GET", "/v1/tenant/policy", admin, "")
	var doc map[string]any
	if err := json.Unmarshal(read, &doc); err != nil {
		t.Fatalf("GET policy: %v: %s", err, read)
	}
	doc["blocked_values"] = []string{"Desk@Salon.example", "+33 1 23 45 67 89"}
	body, _ := json.Marshal(doc)
	code, out, _ = a.do("PATCH", "/v1/tenant/policy", admin, string(body))
	got := mustJSON[struct {
		Blocked       []string `json:"blocked_values"`
		PolicyVersion int      `json:"policy_version"`
	}](t, out)
	if code != http.StatusOK || !slices.Equal(got.Blocked, []string{"desk@salon.example", "+33123456789"}) || got.PolicyVersion != v0+2 {
		t.Fatalf("PATCH of the policy read with blocked_values changed = %d %s; want them replaced, normalised, at version %d", code, out, v0+2)
	}
	// The same document again: its policy_version is now stale.
	code, out, _ = a.do("PATCH", "/v1/tenant/policy", admin, string(body))
	wantError(t, code, out, http.StatusConflict, api.CodeConflict, "")
	for field, value := range map[string]any{"id": "0b5a8f0e-8d0e-4c39-9d6c-3f9f3c1d2a11", "slug": "another"} {
		code, out, _ = a.do("PATCH", "/v1/tenant/policy", admin, fmt.Sprintf(`{%q: %q}`, field, value))
		wantError(t, code, out, http.StatusBadRequest, api.CodeInvalidField, field)
	}
}

// TestUnstorableBooking: what PostgreSQL's jsonb refuses is refused by the
// API with the field named; a task that reaches the worker anyway fails
// at once, archived with its reason; and the corrected booking sent again
// under the same external_id is processed.
func TestUnstorableBooking(t *testing.T) {
	a := mustAPI(t)
	widget := a.token(store.ScopeIngest)
	customer := `"customer": {"first_name": "Camille", "email": "camille@example.fr"}`
	for _, tt := range []struct{ body, field string }{
		{`{"external_id": "bk-1", ` + customer + `, "booking": {"service": "Co\u0000upe"}}`, "booking.service"},
		{`{"external_id": "bk-1", ` + customer + `, "booking": {"notes": ["ok", "\ud800"]}}`, "booking.notes[1]"},
		{`{"external_id": "bk-1", ` + customer + `, "sale": {"items": [{"price": 1e1000000}]}}`, "sale.items[0].price"},
		{`{"external_id": "bk-1", "customer": {"first_name": "Cam\u0000ille"}}`, "customer.first_name"},
		{`{"external_id": "bk-1", "customer": {"first_name": "\ud800"}}`, "customer.first_name"},
	} {
		path := "/v1/bookings"
		if strings.Contains(tt.body, `"sale"`) {
			path = "/v1/sales"
		}
		code, out, _ := a.do("POST", path, widget, tt.body)
		wantError(t, code, out, http.StatusBadRequest, api.CodeInvalidField, tt.field)
	}

	// A task the API did not check (an older version queued it, say).
	in := store.Ingest{TenantID: a.tenant.ID, Kind: store.KindBooking, Source: "booking_widget", ExternalID: "bk-old",
		Details: json.RawMessage(`{"service": "Co\u0000upe"}`), AcceptedAt: time.Now()}
	in.Customer.FirstName, in.Customer.Email = "Camille", "camille@example.fr"
	in.IngestionID = worker.IngestionID(in.TenantID, in.Source, in.ExternalID)
	queue := worker.NewClient(a.redis)
	defer queue.Close()
	if err := queue.Enqueue(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	failed := mustJSON[struct{ Status, Reason string }](t, a.wait(widget, in.IngestionID))
	if failed.Status != "failed" || !strings.Contains(failed.Reason, "SQLSTATE 22") {
		t.Fatalf("unstorable task = %+v; want failed at once with the SQLSTATE", failed)
	}
	if q, err := queue.Status(context.Background(), in.IngestionID); err != nil || q.State != worker.StateArchived {
		t.Fatalf("its task = %+v, %v; want archived", q, err)
	}

	id := a.post(widget, `{"external_id": "bk-old", `+customer+`, "booking": {"service": "Coupe"}}`)
	if id != in.IngestionID {
		t.Fatalf("the corrected booking got ingestion %s, want %s", id, in.IngestionID)
	}
	done := mustJSON[struct{ Status, Decision string }](t, a.wait(widget, id))
	if done.Status != "done" || done.Decision != "created" {
		t.Fatalf("corrected booking = %+v; want done and created", done)
	}
	var details string
	if err := a.store.Pool().QueryRow(context.Background(), `SELECT details->>'service' FROM activities WHERE external_id = 'bk-old'`).Scan(&details); err != nil || details != "Coupe" {
		t.Fatalf("activity details = %q, %v; want the corrected booking's", details, err)
	}
}

// TestMethodNotAllowed: a path the API serves, asked with another method,
// is 405 naming the methods it takes; a path it does not serve is 404.
func TestMethodNotAllowed(t *testing.T) {
	a := mustAPI(t)
	widget := a.token(store.ScopeIngest)
	for _, tt := range []struct{ method, path, allow string }{
		{"GET", "/v1/bookings", "POST"},
		{"PUT", "/v1/bookings", "POST"},
		{"PUT", "/v1/profiles/0193a5c4-7c1e-7b1a-9c1f-5e2f8a0b1c2d", "GET, HEAD, DELETE"},
		{"POST", "/v1/tenant/policy", "GET, HEAD, PATCH"},
	} {
		code, out, header := a.do(tt.method, tt.path, widget, "")
		if code != http.StatusMethodNotAllowed || header.Get("Allow") != tt.allow || mustJSON[apiError](t, out).Error.Code != api.CodeMethodNotAllowed {
			t.Errorf("%s %s = %d, Allow %q, %s; want 405, Allow %q", tt.method, tt.path, code, header.Get("Allow"), out, tt.allow)
		}
	}
	code, out, _ := a.do("GET", "/v1/nothing", widget, "")
	wantError(t, code, out, http.StatusNotFound, api.CodeNotFound, "")
}

// TestInternalErrorSaysNothingOfTheInside: a failure inside (here a table
// gone) answers 500 internal with no word of the schema or the SQL; the
// log line, under the request's id, holds the cause.
func TestInternalErrorSaysNothingOfTheInside(t *testing.T) {
	var logs logtest.Buffer
	a := mustAPI(t, func(c *api.Config, _ *worker.Config) { c.Logger = slog.New(slog.NewJSONHandler(&logs, nil)) })
	reviewer := a.token("review")
	if _, err := a.store.Pool().Exec(context.Background(), `ALTER TABLE review_candidates RENAME TO review_candidates_gone`); err != nil {
		t.Fatal(err)
	}
	code, body, header := a.do("GET", "/v1/reviews", reviewer, "")
	wantError(t, code, body, http.StatusInternalServerError, "internal", "")
	if strings.Contains(string(body), "review_candidates") || strings.Contains(string(body), "SQLSTATE") {
		t.Errorf("the answer tells of the inside: %s", body)
	}
	id := header.Get("X-Request-Id")
	if line := logs.String(); id == "" || !strings.Contains(line, `"request_id":"`+id+`"`) || !strings.Contains(line, "review_candidates") {
		t.Errorf("request %q: the log holds no cause under its id:\n%s", id, line)
	}
}

// TestReadyzNamesAMissingMigration: a service whose database lacks a
// migration is not ready, and says what to run.
func TestReadyzNamesAMissingMigration(t *testing.T) {
	a := mustAPI(t)
	type readiness struct {
		Status string
		Checks map[string]string
	}
	code, body, _ := a.do("GET", "/readyz", "", "")
	if r := mustJSON[readiness](t, body); code != http.StatusOK || r.Checks["schema"] != "ok" {
		t.Fatalf("/readyz = %d %s", code, body)
	}
	if _, err := a.store.Pool().Exec(context.Background(),
		`DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)`); err != nil {
		t.Fatal(err)
	}
	code, body, _ = a.do("GET", "/readyz", "", "")
	if r := mustJSON[readiness](t, body); code != http.StatusServiceUnavailable || r.Status != "unavailable" ||
		r.Checks["postgres"] != "ok" || !strings.Contains(r.Checks["schema"], "run dedupe migrate") {
		t.Fatalf("/readyz with a migration missing = %d %s", code, body)
	}
}
