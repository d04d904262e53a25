package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"dedupe/internal/openapitest"
)

// review is the review JSON of the API contract.
type review struct {
	ID          string          `json:"id"`
	Status      string          `json:"status"`
	Reason      string          `json:"reason"`
	Score       float64         `json:"score"`
	ProfileIDs  []string        `json:"profile_ids"`
	Profiles    []reviewProfile `json:"profiles"`
	Differences []string        `json:"differences"`
	Evidence    json.RawMessage `json:"evidence"`
}

type reviewProfile struct {
	profile
	ContactPoints  []map[string]any `json:"contact_points"`
	ActivityCounts map[string]int   `json:"activity_counts"`
	RecentActivity []map[string]any `json:"recent_activity"`
	CreatedAt      string           `json:"created_at"`
	UpdatedAt      string           `json:"updated_at"`
}

type merged struct {
	MergeID   string   `json:"merge_id"`
	Profile   profile  `json:"profile"`
	MergedIDs []string `json:"merged_ids"`
}

// createProfile adds a profile at the front desk (POST /v1/profiles).
func (s *service) createProfile(c map[string]any) profile {
	s.t.Helper()
	var out struct{ Profile profile }
	if code := s.do("POST", "/v1/profiles", s.token, c, &out); code != http.StatusCreated {
		s.t.Fatalf("POST /v1/profiles = %d", code)
	}
	return out.Profile
}

// pairWithCandidate creates two profiles sharing an email, then lets a
// booking with that email open a review candidate (rule first_created).
func (s *service) pairWithCandidate(firstName string) (profile, profile, string) {
	s.t.Helper()
	a := s.createProfile(map[string]any{"first_name": "Camille", "last_name": "Roy", "email": "camille.roy@example.fr",
		"attributes": map[string]string{"member_code": "A-17"}})
	b := s.createProfile(map[string]any{"first_name": firstName, "email": "camille.roy@example.fr", "mobile": "07 81 22 33 44",
		"birth_date": "1991-05-06", "attributes": map[string]string{"tier": "gold"}})
	own := designBooking("bk-b")
	own["requested_fields"] = []string{"mobile"}
	own["customer"] = map[string]any{"mobile": "0781223344"}
	if ing := s.post("/v1/bookings", own); *ing.ProfileID != b.ID {
		s.t.Fatalf("b's own booking went to %s, want %s", *ing.ProfileID, b.ID)
	}
	ing := s.post("/v1/bookings", designBooking("bk-shared"))
	if ing.ReviewID == nil || *ing.ProfileID != a.ID {
		s.t.Fatalf("shared booking = %+v, want an update of %s and a review", ing, a.ID)
	}
	return a, b, *ing.ReviewID
}

// rows returns every profile, contact point and activity row of the
// service's database as JSON text.
func (s *service) rows() map[string]string {
	s.t.Helper()
	out := map[string]string{}
	for name, sql := range map[string]string{
		"profiles":       `SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.id), '[]')::text FROM profiles x`,
		"contact_points": `SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.kind, x.value, x.profile_id), '[]')::text FROM contact_points x`,
		"activities":     `SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.id), '[]')::text FROM activities x`,
	} {
		var text string
		if err := s.store.Pool().QueryRow(context.Background(), sql).Scan(&text); err != nil {
			s.t.Fatal(err)
		}
		out[name] = text
	}
	return out
}

func (s *service) metrics() string {
	s.t.Helper()
	resp, err := http.Get(s.base + "/metrics")
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

func TestReviewMergeThenUndoRestoresEveryRow(t *testing.T) {
	s := MustRun(t)
	a, b, reviewID := s.pairWithCandidate("Cami")

	var list struct {
		Reviews    []review `json:"reviews"`
		NextCursor *string  `json:"next_cursor"`
	}
	if code := s.do("GET", "/v1/reviews?status=open", s.token, nil, &list); code != http.StatusOK || len(list.Reviews) != 1 ||
		list.Reviews[0].ID != reviewID || list.NextCursor == nil {
		t.Fatalf("GET /v1/reviews = %d %+v", code, list)
	}
	var rv review
	if code := s.do("GET", "/v1/reviews/"+reviewID, s.token, nil, &rv); code != http.StatusOK {
		t.Fatalf("GET review = %d", code)
	}
	// The front desk opened it (exact_key) when it keyed in the second
	// profile; the shared booking added its evidence.
	if rv.Status != "open" || rv.Reason != "exact_key" || len(rv.Profiles) != 2 || len(rv.Evidence) < 10 {
		t.Fatalf("review = %+v", rv)
	}
	for _, f := range []string{"first_name", "last_name", "mobile", "birth_date"} {
		if !slices.Contains(rv.Differences, f) {
			t.Errorf("differences %v lack %s", rv.Differences, f)
		}
	}
	second := rv.Profiles[slices.IndexFunc(rv.Profiles, func(p reviewProfile) bool { return p.ID == b.ID })]
	if second.ActivityCounts["booking"] != 1 || len(second.RecentActivity) != 1 || len(second.ContactPoints) != 2 || second.CreatedAt == "" {
		t.Fatalf("b side by side = %+v", second)
	}

	before := s.rows()
	var m merged
	code := s.do("POST", "/v1/reviews/"+reviewID+"/merge", s.token, map[string]any{
		"survivor_id": a.ID, "fields": map[string]string{"first_name": b.ID}}, &m)
	if code != http.StatusOK || m.MergeID == "" {
		t.Fatalf("merge = %d %+v", code, m)
	}
	p := m.Profile
	if p.ID != a.ID || p.FirstName != "Cami" || p.LastName != "Roy" || p.BirthDate != "1991-05-06" || p.ActivityCount != 2 ||
		p.Attributes["tier"] != "gold" || p.Attributes["member_code"] != "A-17" || len(p.Mobiles) != 2 || len(p.Emails) != 1 {
		t.Fatalf("merged profile = %+v", p)
	}
	if tomb := s.profile(b.ID); tomb.Status != "merged" || tomb.ActivityCount != 0 {
		t.Fatalf("tombstone = %+v", tomb)
	}
	var after review
	s.do("GET", "/v1/reviews/"+reviewID, s.token, nil, &after)
	if after.Status != "merged" {
		t.Fatalf("review after merge = %s", after.Status)
	}
	var hist struct {
		Events []struct {
			Actor, Action string
			Details       json.RawMessage
		} `json:"events"`
	}
	if code := s.do("GET", "/v1/profiles/"+a.ID+"/history", s.token, nil, &hist); code != http.StatusOK || len(hist.Events) < 3 ||
		hist.Events[0].Action != "merged" || hist.Events[0].Actor != "test" || hist.Events[len(hist.Events)-1].Action != "created" {
		t.Fatalf("history = %d %+v", code, hist)
	}
	if !slices.ContainsFunc(hist.Events, func(e struct {
		Actor, Action string
		Details       json.RawMessage
	}) bool {
		return e.Action == "updated" && e.Actor == "worker" && strings.Contains(string(e.Details), `"rule"`)
	}) {
		t.Fatalf("history lacks the worker's update with its explanation: %+v", hist.Events)
	}

	var undone struct {
		MergeID  string    `json:"merge_id"`
		Profiles []profile `json:"profiles"`
	}
	if code := s.do("POST", "/v1/merges/"+m.MergeID+"/undo", s.token, nil, &undone); code != http.StatusOK || len(undone.Profiles) != 2 {
		t.Fatalf("undo = %d %+v", code, undone)
	}
	if diff := cmp.Diff(before, s.rows()); diff != "" {
		t.Fatalf("after undo the rows differ from before the merge (-before +after):\n%s", diff)
	}
	var e apiError
	if code := s.do("POST", "/v1/merges/"+m.MergeID+"/undo", s.token, nil, &e); code != http.StatusConflict || e.Error.Code != "conflict" ||
		!strings.Contains(e.Error.Message, "undone already") {
		t.Fatalf("second undo = %d %+v, want 409", code, e)
	}
	metrics := s.metrics()
	for _, line := range []string{`dedupe_merges_total{kind="review"} 1`, `dedupe_merges_total{kind="undo"} 1`, `dedupe_merges_total{kind="manual"} 0`} {
		if !strings.Contains(metrics, line) {
			t.Errorf("/metrics lacks %q", line)
		}
	}

	// The candidate is open again after the undo: ignore it, for good.
	var ignored review
	if code := s.do("POST", "/v1/reviews/"+reviewID+"/ignore", s.token, nil, &ignored); code != http.StatusOK || ignored.Status != "ignored" {
		t.Fatalf("ignore = %d %+v", code, ignored)
	}
	if ing := s.post("/v1/bookings", designBooking("bk-again")); ing.ReviewID != nil {
		t.Fatalf("an ignored pair was proposed again: %+v", ing)
	}
	if code := s.do("POST", "/v1/reviews/"+reviewID+"/merge", s.token, nil, &e); code != http.StatusConflict {
		t.Fatalf("merging an ignored review = %d, want 409", code)
	}
}

func TestUndoAfterTheSurvivorChangedIsAConflict(t *testing.T) {
	s := MustRun(t)
	a, b, _ := s.pairWithCandidate("Camille")
	var m merged
	if code := s.do("POST", "/v1/merges", s.token, map[string]any{"merged_ids": []string{b.ID, a.ID}}, &m); code != http.StatusCreated || m.Profile.ID != a.ID {
		t.Fatalf("POST /v1/merges = %d %+v, want 201 with a (the first-created) surviving", code, m)
	}
	change := designBooking("bk-change")
	change["customer"].(map[string]any)["last_name"] = "Roy-Martin"
	s.post("/v1/bookings", change)
	before := s.rows()
	var e apiError
	if code := s.do("POST", "/v1/merges/"+m.MergeID+"/undo", s.token, nil, &e); code != http.StatusConflict ||
		!strings.Contains(e.Error.Message, "changed after the merge") {
		t.Fatalf("undo after a booking changed the survivor = %d %+v, want 409 saying why", code, e)
	}
	if diff := cmp.Diff(before, s.rows()); diff != "" {
		t.Fatalf("a refused undo changed rows:\n%s", diff)
	}
}

func TestMergeErrors(t *testing.T) {
	s := MustRun(t)
	a, b, reviewID := s.pairWithCandidate("Cami")
	c := s.createProfile(map[string]any{"first_name": "Lucas"})
	s.cli("tenant", "create", "--slug", "shop", "--region", "FR")
	other := s.newToken("shop", "ingest,read,write,review")
	var x, y struct{ Profile profile }
	s.do("POST", "/v1/profiles", other, map[string]any{"first_name": "X"}, &x)
	s.do("POST", "/v1/profiles", other, map[string]any{"first_name": "Y"}, &y)
	noReview := s.newToken("salon", "ingest,read,write")
	var m merged
	if code := s.do("POST", "/v1/merges", s.token, map[string]any{"survivor_id": a.ID, "merged_ids": []string{c.ID}}, &m); code != http.StatusCreated {
		t.Fatalf("manual merge = %d", code)
	}

	tests := []struct {
		name, method, path, token string
		body                      any
		status                    int
		code, field               string
	}{
		{"OtherTenantsProfiles", "POST", "/v1/merges", s.token, map[string]any{"merged_ids": []string{x.Profile.ID, y.Profile.ID}}, 404, "not_found", ""},
		{"MixedTenants", "POST", "/v1/merges", s.token, map[string]any{"survivor_id": b.ID, "merged_ids": []string{x.Profile.ID}}, 404, "not_found", ""},
		{"MyProfilesFromOtherTenant", "POST", "/v1/merges", other, map[string]any{"merged_ids": []string{a.ID, b.ID}}, 404, "not_found", ""},
		{"ReviewFromOtherTenant", "GET", "/v1/reviews/" + reviewID, other, nil, 404, "not_found", ""},
		{"MergeReviewFromOtherTenant", "POST", "/v1/reviews/" + reviewID + "/merge", other, `{}`, 404, "not_found", ""},
		{"IgnoreReviewFromOtherTenant", "POST", "/v1/reviews/" + reviewID + "/ignore", other, nil, 404, "not_found", ""},
		{"UndoFromOtherTenant", "POST", "/v1/merges/" + m.MergeID + "/undo", other, nil, 404, "not_found", ""},
		{"HistoryFromOtherTenant", "GET", "/v1/profiles/" + a.ID + "/history", other, nil, 404, "not_found", ""},
		{"AlreadyMerged", "POST", "/v1/merges", s.token, map[string]any{"survivor_id": b.ID, "merged_ids": []string{c.ID}}, 409, "conflict", ""},
		{"AlreadyMergedViaReview", "POST", "/v1/merges", s.token, map[string]any{"merged_ids": []string{c.ID, a.ID}}, 409, "conflict", ""},
		{"OneProfile", "POST", "/v1/merges", s.token, map[string]any{"merged_ids": []string{a.ID}}, 400, "invalid_field", "merged_ids"},
		{"NoMergedIDs", "POST", "/v1/merges", s.token, map[string]any{"survivor_id": a.ID}, 400, "missing_field", "merged_ids"},
		{"PickNotAField", "POST", "/v1/reviews/" + reviewID + "/merge", s.token, map[string]any{"fields": map[string]string{"password": a.ID}}, 400, "invalid_field", "fields.password"},
		{"PickFromElsewhere", "POST", "/v1/reviews/" + reviewID + "/merge", s.token, map[string]any{"fields": map[string]string{"first_name": c.ID}}, 400, "invalid_field", "fields.first_name"},
		{"SurvivorElsewhere", "POST", "/v1/reviews/" + reviewID + "/merge", s.token, map[string]any{"survivor_id": c.ID}, 400, "invalid_field", "survivor_id"},
		{"MergedIDsOnReview", "POST", "/v1/reviews/" + reviewID + "/merge", s.token, map[string]any{"merged_ids": []string{c.ID}}, 400, "unknown_field", "merged_ids"},
		{"BadStatus", "GET", "/v1/reviews?status=closed", s.token, nil, 400, "invalid_field", "status"},
		{"BadCursor", "GET", "/v1/reviews?cursor=zzz", s.token, nil, 400, "invalid_field", "cursor"},
		{"UnknownReview", "GET", "/v1/reviews/0b6c2f0e-4a54-4b39-9d3b-1d8c0f9b7a11", s.token, nil, 404, "not_found", ""},
		{"UnknownMerge", "POST", "/v1/merges/nope/undo", s.token, nil, 404, "not_found", ""},
		// Scopes: every review call needs review; history needs read.
		{"ScopeList", "GET", "/v1/reviews", noReview, nil, 403, "forbidden", ""},
		{"ScopeGet", "GET", "/v1/reviews/" + reviewID, noReview, nil, 403, "forbidden", ""},
		{"ScopeMergeReview", "POST", "/v1/reviews/" + reviewID + "/merge", noReview, `{}`, 403, "forbidden", ""},
		{"ScopeIgnore", "POST", "/v1/reviews/" + reviewID + "/ignore", noReview, nil, 403, "forbidden", ""},
		{"ScopeMerge", "POST", "/v1/merges", noReview, `{}`, 403, "forbidden", ""},
		{"ScopeUndo", "POST", "/v1/merges/" + m.MergeID + "/undo", noReview, nil, 403, "forbidden", ""},
		{"ScopeHistory", "GET", "/v1/profiles/" + a.ID + "/history", s.newToken("salon", "review"), nil, 403, "forbidden", ""},
		{"NoToken", "GET", "/v1/reviews", "", nil, 401, "unauthorized", ""},
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
	if p := s.profile(a.ID); p.Status != "active" || s.profile(b.ID).Status != "active" {
		t.Fatalf("refused merges changed profiles: %+v", p)
	}
}

func TestReviewListIsPaginatedNewestFirst(t *testing.T) {
	s := MustRun(t)
	var ids []string
	for i := range 3 {
		email := []string{"a@example.fr", "b@example.fr", "c@example.fr"}[i]
		s.createProfile(map[string]any{"first_name": "Camille", "email": email})
		s.createProfile(map[string]any{"first_name": "Camille", "email": email})
		bk := designBooking("bk-" + email)
		bk["customer"] = map[string]any{"first_name": "Camille", "email": email}
		ids = append(ids, *s.post("/v1/bookings", bk).ReviewID)
	}
	var got []string
	cursor := ""
	for range 4 {
		var page struct {
			Reviews    []review `json:"reviews"`
			NextCursor string   `json:"next_cursor"`
		}
		if code := s.do("GET", "/v1/reviews?status=open&limit=2&cursor="+url.QueryEscape(cursor), s.token, nil, &page); code != http.StatusOK {
			t.Fatalf("page = %d", code)
		}
		for _, r := range page.Reviews {
			got = append(got, r.ID)
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	slices.Reverse(ids)
	if diff := cmp.Diff(ids, got); diff != "" {
		t.Fatalf("reviews over pages, newest first (-want +got):\n%s", diff)
	}
}

// browser is an HTTP client with a cookie jar, as a browser without
// JavaScript would use the review page.
type browser struct {
	t      *testing.T
	client *http.Client
	base   string
}

func newBrowser(t *testing.T, base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: base, client: &http.Client{Jar: jar, Transport: openapitest.Transport()}}
}

func (b *browser) get(path string) (*http.Response, string) {
	b.t.Helper()
	resp, err := b.client.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func (b *browser) postForm(path string, form url.Values, origin string) (*http.Response, string) {
	b.t.Helper()
	req, _ := http.NewRequest("POST", b.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if site, ok := strings.CutPrefix(origin, "site:"); ok {
		req.Header.Set("Sec-Fetch-Site", site)
	} else if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func TestReviewPageEscapesAndRefusesForgedForms(t *testing.T) {
	s := MustRun(t)
	a, b, reviewID := s.pairWithCandidate(`<script>alert("x")</script>`)
	br := newBrowser(t, s.base)

	resp, body := br.get("/review")
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `name="token"`) {
		t.Fatalf("/review signed out = %d, want the sign-in form", resp.StatusCode)
	}
	for h, want := range map[string]string{"Content-Security-Policy": "default-src 'self'", "X-Frame-Options": "DENY",
		"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"} {
		if got := resp.Header.Get(h); !strings.Contains(got, want) {
			t.Errorf("header %s = %q, want %q", h, got, want)
		}
	}
	if resp, _ := br.postForm("/review/signin", url.Values{"token": {s.newToken("salon", "read")}}, ""); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("sign-in with a token lacking review = %d, want 403", resp.StatusCode)
	}
	resp, body = br.postForm("/review/signin", url.Values{"token": {s.token}}, s.base)
	if resp.StatusCode != http.StatusOK || strings.Contains(resp.Request.URL.String(), "ddp_") {
		t.Fatalf("sign-in = %d at %s", resp.StatusCode, resp.Request.URL)
	}
	u, _ := url.Parse(s.base + "/review")
	cookies := br.client.Jar.Cookies(u)
	if len(cookies) != 1 || cookies[0].Value != s.token {
		t.Fatalf("cookies = %v, want the session cookie", cookies)
	}
	if !strings.Contains(body, "/review/candidates/"+reviewID) {
		t.Fatalf("the list lacks the candidate:\n%s", body)
	}
	if strings.Contains(body, "<script>") || !strings.Contains(body, "&lt;script&gt;") {
		t.Fatalf("the list does not escape the first name:\n%s", body)
	}

	_, page := br.get("/review/candidates/" + reviewID)
	if strings.Contains(page, "<script>") || !strings.Contains(page, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") {
		t.Fatalf("the candidate page does not escape the first name:\n%s", page)
	}
	if !strings.Contains(page, `class="differs"`) || !strings.Contains(page, `id="pick-first_name-`+b.ID+`"`) || !strings.Contains(page, `id="survivor-`+a.ID+`" value="`+a.ID+`" checked`) {
		t.Fatalf("the candidate page lacks highlighted differences, pick radios or the default survivor:\n%s", page)
	}
	csrf := csrfField.FindStringSubmatch(page)
	if csrf == nil {
		t.Fatal("no CSRF token in the forms")
	}
	merge := url.Values{"survivor": {a.ID}, "field.first_name": {b.ID}}
	if resp, _ := br.postForm("/review/candidates/"+reviewID+"/merge", merge, ""); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("merge without the CSRF token = %d, want 403", resp.StatusCode)
	}
	merge.Set("csrf", "forged")
	if resp, _ := br.postForm("/review/candidates/"+reviewID+"/merge", merge, ""); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("merge with a forged CSRF token = %d, want 403", resp.StatusCode)
	}
	merge.Set("csrf", csrf[1])
	if resp, _ := br.postForm("/review/candidates/"+reviewID+"/merge", merge, "https://evil.example"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("merge from another origin = %d, want 403", resp.StatusCode)
	}
	if resp, _ := br.postForm("/review/candidates/"+reviewID+"/merge", merge, "site:cross-site"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("merge posted cross-site = %d, want 403", resp.StatusCode)
	}
	if s.profile(b.ID).Status != "active" {
		t.Fatal("a refused form merged the profiles")
	}
	resp, confirm := br.postForm("/review/candidates/"+reviewID+"/confirm", merge, s.base)
	if resp.StatusCode != http.StatusOK || !strings.Contains(confirm, "tombstone") || strings.Contains(confirm, "<script>") {
		t.Fatalf("confirmation = %d:\n%s", resp.StatusCode, confirm)
	}
	if s.profile(b.ID).Status != "active" {
		t.Fatal("the confirmation page merged already")
	}
	resp, history := br.postForm("/review/candidates/"+reviewID+"/merge", merge, s.base)
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/review/merges" || !strings.Contains(history, "Undo") {
		t.Fatalf("merge = %d at %s:\n%s", resp.StatusCode, resp.Request.URL, history)
	}
	if p := s.profile(a.ID); !strings.Contains(p.FirstName, "<script>") || s.profile(b.ID).Status != "merged" {
		t.Fatalf("after the page's merge: %+v", p)
	}
	if n := s.count(`SELECT count(*) FROM audit_events WHERE action = 'merged' AND actor = 'test'`); n != 1 {
		t.Fatalf("%d merge records by the signed-in token, want 1", n)
	}
}
