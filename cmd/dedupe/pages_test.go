package main

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// catalogue reads a language's messages (plural forms as their "other").
func catalogue(t *testing.T, lang string) map[string]string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "api", "templates", "locales", lang+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var entries map[string]json.RawMessage
	if err := json.Unmarshal(raw, &entries); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for k, v := range entries {
		var s string
		if json.Unmarshal(v, &s) != nil {
			var forms map[string]string
			if err := json.Unmarshal(v, &forms); err != nil {
				t.Fatalf("%s: neither a text nor plural forms: %v", k, err)
			}
			s = forms["other"]
		}
		out[k] = s
	}
	return out
}

// signIn signs a cookie-jar client in, as a browser without JavaScript.
func (s *service) signIn(t *testing.T) *browser {
	t.Helper()
	br := newBrowser(t, s.base)
	resp, _ := br.postForm("/review/signin", url.Values{"token": {s.token}, "next": {"/customers"}}, s.base)
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/customers" {
		t.Fatalf("sign-in = %d at %s, want the customer search", resp.StatusCode, resp.Request.URL)
	}
	return br
}

// getIn fetches a page with an Accept-Language.
func (b *browser) getIn(path, accept string) (*http.Response, string) {
	b.t.Helper()
	req, _ := http.NewRequest("GET", b.base+path, nil)
	if accept != "" {
		req.Header.Set("Accept-Language", accept)
	}
	return b.send(req)
}

// postIn posts a form with an Accept-Language, from our own pages.
func (b *browser) postIn(path string, form url.Values, accept string) (*http.Response, string) {
	b.t.Helper()
	req, _ := http.NewRequest("POST", b.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.base)
	if accept != "" {
		req.Header.Set("Accept-Language", accept)
	}
	return b.send(req)
}

func (b *browser) send(req *http.Request) (*http.Response, string) {
	b.t.Helper()
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	var sb strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		sb.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp, sb.String()
}

// untranslated finds what a page shows when a message is missing or
// badly formatted: a catalogue key, or fmt's complaints.
var untranslated = regexp.MustCompile(`%!|\b(?:title|nav|error|notice|field|row|cell|how|rule|reason|status|confirm|customers|candidate|compare|profile|list|merges|count|kind)\.[a-z_]+\b`)

// tag matches an HTML tag, whose attributes hold names like field.first_name.
var tag = regexp.MustCompile(`<[^>]*>`)

// formatVerb matches the arguments of a message.
var formatVerb = regexp.MustCompile(`%(\[\d+\])?[.\d]*[a-z]`)

// threeOfOnePerson makes three profiles of Camille Roy at the front desk,
// with loyalty points the tenant adds up (one of them unreadable) and a
// tier, and returns them oldest first.
func (s *service) threeOfOnePerson() (profile, profile, profile) {
	s.t.Helper()
	s.cli("tenant", "policy", "--slug", "salon", "--attribute-rule", "loyalty_points=sum")
	a := s.createProfile(map[string]any{"first_name": "Camille", "last_name": "Roy", "email": "camille.roy@example.fr",
		"attributes": map[string]string{"loyalty_points": "120", "tier": "silver"}})
	b := s.createProfile(map[string]any{"first_name": "Camile", "last_name": "Roy", "mobile": "06 12 34 56 78",
		"birth_date": "1990-04-02", "attributes": map[string]string{"loyalty_points": "30", "tier": "gold"}})
	c := s.createProfile(map[string]any{"first_name": "Camille", "last_name": "Roy", "email": "c.roy@example.com",
		"attributes": map[string]string{"loyalty_points": "abc"}, "address": map[string]string{"line1": "30 bd Voltaire", "postal_code": "69003", "city": "Lyon"}})
	return a, b, c
}

// TestPagesSpeakThreeLanguages renders every page in English, French and
// Spanish, chosen by Accept-Language and by the switch's cookie: each
// says its language in <html lang> and shows that language's words, and
// none shows a message key or a formatting error.
func TestPagesSpeakThreeLanguages(t *testing.T) {
	s := MustRun(t)
	a, b, reviewID := s.pairWithCandidate("Cami")
	c := s.createProfile(map[string]any{"first_name": "Camille", "last_name": "Roy", "email": "c.roy@example.com"})
	br := s.signIn(t)
	_, page := br.get("/review/candidates/" + reviewID)
	csrf := csrfField.FindStringSubmatch(page)[1]
	merge := url.Values{"csrf": {csrf}, "survivor": {a.ID}, "field.first_name": {b.ID}}
	adhoc := url.Values{"csrf": {csrf}, "ids": {a.ID, c.ID}, "survivor": {c.ID}, "field.attributes.member_code": {a.ID}}

	type request struct {
		name, method, path string
		form               url.Values
		status             int
		keys               []string // messages the page must show
	}
	pages := []request{
		{"List", "GET", "/review", nil, 200, []string{"title.list", "list.customer", "list.reason"}},
		{"Candidate", "GET", "/review/candidates/" + reviewID, nil, 200, []string{"survivor.choose", "field.birth_date", "candidate.review_merge", "weights.weight", "weights.total"}},
		{"IgnoreConfirm", "GET", "/review/candidates/" + reviewID + "/ignore", nil, 200, []string{"ignore.summary", "ignore.confirm", "ignore.back"}},
		{"Confirm", "POST", "/review/candidates/" + reviewID + "/confirm", merge, 200, []string{"confirm.why", "how.picked", "confirm.merge"}},
		{"History", "GET", "/review/merges", nil, 200, []string{"title.merges", "merges.empty"}},
		{"Customers", "GET", "/customers?q=camille+roy", nil, 200, []string{"customers.search", "customers.merge_selected", "nav.customers"}},
		{"NoResults", "GET", "/customers?q=zoe+zebulon", nil, 200, []string{"customers.search"}},
		{"TooFew", "GET", "/customers/merge?ids=" + a.ID, nil, 400, []string{"error.tick_two"}},
		{"Compare", "GET", "/customers/merge?ids=" + a.ID + "&ids=" + c.ID, nil, 200, []string{"compare.summary", "survivor.help", "weights.caption_desk", "weights.level"}},
		{"CompareConfirm", "POST", "/customers/merge/confirm", adhoc, 200, []string{"how.picked", "how.survivor", "confirm.back"}},
		{"Profile", "GET", "/customers/profiles/" + a.ID, nil, 200, []string{"profile.back", "field.first_name"}},
		{"NotFound", "GET", "/customers/profiles/0b6c2f0e-4a54-4b39-9d3b-1d8c0f9b7a11", nil, 404, []string{"error.not_found", "error.back_customers"}},
		{"NoSuchPage", "GET", "/review/nothing", nil, 404, []string{"error.not_found", "error.back_review"}},
		{"NoSuchPageOfCustomers", "GET", "/customers/nothing/here", nil, 404, []string{"error.not_found", "error.back_customers"}},
		{"ForgedForm", "POST", "/customers/merge", url.Values{"ids": {a.ID, c.ID}}, 403, []string{"error.csrf"}},
	}
	for _, lang := range []struct{ code, accept string }{{"en", "en-GB,en;q=0.9"}, {"fr", "fr-FR,fr;q=0.9,en;q=0.5"}, {"es", "es-ES"}} {
		cat := catalogue(t, lang.code)
		check := func(t *testing.T, resp *http.Response, body string, status int, keys ...string) {
			t.Helper()
			if resp.StatusCode != status {
				t.Fatalf("status %d, want %d:\n%s", resp.StatusCode, status, body)
			}
			if !strings.Contains(body, `<html lang="`+lang.code+`">`) || resp.Header.Get("Content-Language") != lang.code {
				t.Errorf("the page is not marked %s (Content-Language %q)", lang.code, resp.Header.Get("Content-Language"))
			}
			for _, key := range keys {
				// The longest run of words between the arguments.
				want := ""
				for _, part := range formatVerb.Split(cat[key], -1) {
					if len(part) > len(want) {
						want = part
					}
				}
				if !strings.Contains(body, html.EscapeString(want)) {
					t.Errorf("the page lacks %s %q", key, want)
				}
			}
			if m := untranslated.FindString(tag.ReplaceAllString(body, "")); m != "" {
				t.Errorf("the page shows %q: a missing or broken message", m)
			}
		}
		t.Run(lang.code, func(t *testing.T) {
			for _, p := range pages {
				t.Run(p.name, func(t *testing.T) {
					var resp *http.Response
					var body string
					if p.method == "GET" {
						resp, body = br.getIn(p.path, lang.accept)
					} else {
						resp, body = br.postIn(p.path, p.form, lang.accept)
					}
					check(t, resp, body, p.status, p.keys...)
				})
			}
			t.Run("SignIn", func(t *testing.T) {
				resp, body := newBrowser(t, s.base).getIn("/customers", lang.accept)
				check(t, resp, body, http.StatusUnauthorized, "signin.help", "title.signin")
				if !strings.Contains(body, `name="next" value="/customers"`) {
					t.Error("the sign-in form does not lead back to /customers")
				}
			})
			// The switch: a cookie that outweighs Accept-Language, on
			// every page.
			t.Run("Switch", func(t *testing.T) {
				other := newBrowser(t, s.base)
				other.postForm("/review/signin", url.Values{"token": {s.token}}, s.base)
				resp, body := other.getIn("/review/language?lang="+lang.code+"&next="+url.QueryEscape("/customers?q=roy"), "de-DE")
				if resp.Request.URL.RequestURI() != "/customers?q=roy" {
					t.Fatalf("the switch led to %s", resp.Request.URL)
				}
				check(t, resp, body, http.StatusOK, "customers.search")
				for _, accept := range []string{"de", "fr", "es", "en"} {
					resp, body := other.getIn("/review/merges", accept)
					check(t, resp, body, http.StatusOK, "title.merges")
				}
				resp, body = other.getIn("/review/language?lang="+lang.code+"&next=https://evil.example/", "")
				if resp.Request.URL.String() != s.base+"/review" {
					t.Fatalf("the switch led off the site, to %s", resp.Request.URL)
				}
				check(t, resp, body, http.StatusOK, "title.list")
			})
		})
	}
	if p := s.profile(a.ID); p.Status != "active" || s.profile(c.ID).Status != "active" {
		t.Fatal("a confirmation page merged")
	}
}

// TestCustomersPageMergesTickedProfiles walks the front desk's flow
// without JavaScript: search, tick across searches, compare, confirm with
// every kept value, merge, land on the merged customer, undo.
func TestCustomersPageMergesTickedProfiles(t *testing.T) {
	s := MustRun(t)
	a, b, c := s.threeOfOnePerson()
	br := s.signIn(t)
	u, _ := url.Parse(s.base + "/customers")
	if cookies := br.client.Jar.Cookies(u); len(cookies) != 1 || cookies[0].Value != s.token {
		t.Fatalf("cookies for /customers = %v, want the session", cookies)
	}

	// Find two by name, then the third by its mobile in another format,
	// the ticks travelling along.
	_, page := br.get("/customers?q=" + url.QueryEscape("roy camille"))
	for _, p := range []profile{a, c} {
		if !strings.Contains(page, `id="tick-`+p.ID+`"`) {
			t.Fatalf("the search lacks %s %s:\n%s", p.FirstName, p.ID, page)
		}
	}
	_, page = br.get("/customers?q=" + url.QueryEscape("+33 6 12 34 56 78") + "&ids=" + a.ID + "&ids=" + c.ID)
	for _, id := range []string{a.ID, c.ID} {
		if !strings.Contains(page, `id="tick-`+id+`" checked`) {
			t.Fatalf("tick of %s lost:\n%s", id, page)
		}
	}
	if !strings.Contains(page, `id="tick-`+b.ID+`"`) || !strings.Contains(page, "&#43;33612345678") {
		t.Fatalf("the search by mobile lacks %s:\n%s", b.ID, page)
	}

	_, page = br.get("/customers/merge?q=roy+camille&ids=" + a.ID + "&ids=" + b.ID + "&ids=" + c.ID)
	if !strings.Contains(page, `<h1 id="customer-name">Camille Roy</h1>`) {
		t.Fatalf("the comparison is not titled by the customer's name:\n%s", page)
	}
	// The way back to the search keeps its words and the ticks, and so
	// does the form, for the confirmation's way back.
	if search := html.UnescapeString(regexp.MustCompile(`<a href="([^"]*)" id="back-to-search">`).FindStringSubmatch(page)[1]); !strings.Contains(search, "q=roy+camille") ||
		!strings.Contains(search, "ids="+a.ID) || !strings.Contains(page, `<input type="hidden" name="q" value="roy camille">`) {
		t.Errorf("the way back to the search, %s, or the form lacks the search", search)
	}
	if rawTime := regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d`); rawTime.MatchString(page) || !strings.Contains(page, " UTC") {
		t.Errorf("the comparison writes times otherwise than the other pages (2006-01-02 15:04 UTC): %s", rawTime.FindString(page))
	}
	for _, id := range []string{"pick-first_name-" + b.ID, "pick-attributes-tier-" + a.ID, "pick-attributes-loyalty_points-auto", "survivor-" + a.ID + `" value="` + a.ID + `" checked`} {
		if !strings.Contains(page, `id="`+id+`"`) && !strings.Contains(page, `id="`+id) {
			t.Fatalf("the comparison lacks %s:\n%s", id, page)
		}
	}
	if strings.Contains(page, `id="pick-attributes-tier-`+c.ID+`"`) {
		t.Fatal("a profile without the attribute offers it")
	}
	csrf := csrfField.FindStringSubmatch(page)[1]

	form := url.Values{"csrf": {csrf}, "ids": {a.ID, b.ID, c.ID}, "q": {"roy camille"}, "survivor": {b.ID},
		"field.first_name": {a.ID}, "field.attributes.tier": {a.ID}, "field.last_name": {""}}
	resp, confirm := br.postForm("/customers/merge/confirm", form, s.base)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("confirmation = %d:\n%s", resp.StatusCode, confirm)
	}
	for _, want := range []string{
		`Profile 2 (…` + b.ID[len(b.ID)-8:] + `) stays.`,
		`will become tombstones`,
		`<tr id="kept-first_name"><th>First name</th>`, // picked from a
		`<tr id="kept-birth_date"><th>Birth date</th>`,
		`<tr id="kept-created_at"><th>Created</th>`, `the oldest: when the customer was first seen`,
		`the most recent value: the rule “sum” cannot read “abc”`,
		`chosen by you`, `the survivor&#39;s value`,
		`&#43;33612345678`, `camille.roy@example.fr`, `c.roy@example.com`, `every contact point is kept`,
		`name="field.attributes.tier" value="` + a.ID + `"`,
	} {
		if !strings.Contains(confirm, want) {
			t.Errorf("the confirmation lacks %q", want)
		}
	}
	if t.Failed() {
		t.Fatalf("confirmation:\n%s", confirm)
	}
	if s.profile(a.ID).Status != "active" {
		t.Fatal("the confirmation merged")
	}

	// The way back keeps every choice made, and so does signing in again
	// after the session ended on the confirmation.
	back := html.UnescapeString(regexp.MustCompile(`<a href="([^"]*)" id="back">`).FindStringSubmatch(confirm)[1])
	if !strings.Contains(back, "q=roy+camille") {
		t.Errorf("the confirmation's way back %s lost the search", back)
	}
	for _, choices := range []string{back, signedOutChoices(t, s, form)} {
		_, page := br.get(choices)
		for _, id := range []string{`survivor-` + b.ID + `" value="` + b.ID + `" checked`, `pick-first_name-` + a.ID + `" value="` + a.ID + `" checked`,
			`pick-attributes-tier-` + a.ID + `" value="` + a.ID + `" checked`, `pick-birth_date-auto" value="" checked`} {
			if !strings.Contains(page, `id="`+id) {
				t.Fatalf("%s lacks %s:\n%s", choices, id, page)
			}
		}
	}

	form.Del("csrf")
	if resp, _ := br.postForm("/customers/merge", form, s.base); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("merge without the CSRF token = %d, want 403", resp.StatusCode)
	}
	form.Set("csrf", csrf)
	if resp, _ := br.postForm("/customers/merge", form, "https://evil.example"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("merge from another site = %d, want 403", resp.StatusCode)
	}
	resp, merged := br.postForm("/customers/merge", form, s.base)
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/customers/profiles/"+b.ID || !strings.Contains(merged, `class="undo"`) {
		t.Fatalf("merge = %d at %s:\n%s", resp.StatusCode, resp.Request.URL, merged)
	}
	p := s.profile(b.ID)
	if p.FirstName != "Camille" || p.LastName != "Roy" || p.Attributes["tier"] != "silver" || p.Attributes["loyalty_points"] == "" ||
		len(p.Emails) != 2 || len(p.Mobiles) != 1 || p.Status != "active" {
		t.Fatalf("merged profile = %+v", p)
	}
	if s.profile(a.ID).Status != "merged" || s.profile(c.ID).Status != "merged" {
		t.Fatal("the other two are not tombstones")
	}
	if !strings.Contains(merged, `<h1 id="customer-name">Camille Roy</h1>`) || !strings.Contains(merged, "silver") ||
		!strings.Contains(merged, `<tr id="field-address">`) || !strings.Contains(merged, "30 bd Voltaire") {
		t.Fatalf("the merged customer's page:\n%s", merged)
	}
	if !strings.Contains(s.metrics(), `dedupe_merges_total{kind="manual"} 1`) {
		t.Error("the merge is not counted as manual")
	}

	// Undo, from the customer's page.
	undo := regexp.MustCompile(`action="(/review/merges/[^/"]+/undo)"`).FindStringSubmatch(merged)
	resp, history := br.postForm(undo[1], url.Values{"csrf": {csrf}}, s.base)
	if resp.StatusCode != http.StatusOK || !strings.Contains(history, "The merge was undone") {
		t.Fatalf("undo = %d:\n%s", resp.StatusCode, history)
	}
	for _, p := range []profile{a, b, c} {
		if got := s.profile(p.ID); got.Status != "active" || got.FirstName != p.FirstName {
			t.Fatalf("after the undo %s = %+v", p.ID, got)
		}
	}

	// Fewer than two ticks: back to the search, which says so and keeps
	// the tick.
	resp, page = br.get("/customers/merge?q=roy&ids=" + a.ID)
	if resp.StatusCode != http.StatusBadRequest || resp.Request.URL.Path != "/customers" ||
		!strings.Contains(page, "Tick at least two profiles") || !strings.Contains(page, `id="tick-`+a.ID+`" checked`) {
		t.Fatalf("one tick = %d at %s:\n%s", resp.StatusCode, resp.Request.URL, page)
	}
	// Another tenant's profile: not found, nothing said about it.
	s.cli("tenant", "create", "--slug", "shop", "--region", "FR")
	other := s.newToken("shop", "write")
	var x struct{ Profile profile }
	s.do("POST", "/v1/profiles", other, map[string]any{"first_name": "Camille", "last_name": "Roy"}, &x)
	if resp, page := br.get("/customers/merge?ids=" + a.ID + "&ids=" + x.Profile.ID); resp.StatusCode != http.StatusNotFound || strings.Contains(page, "Camille") {
		t.Fatalf("merging another tenant's profile = %d", resp.StatusCode)
	}
	if _, page := br.get("/customers?q=camille"); strings.Contains(page, x.Profile.ID) {
		t.Fatal("the search shows another tenant's profile")
	}
}

// TestCustomersSearchPages pages through many results, the ticks kept.
func TestCustomersSearchPages(t *testing.T) {
	s := MustRun(t)
	var ids []string
	for range 23 {
		ids = append(ids, s.createProfile(map[string]any{"first_name": "Léa", "last_name": "Martin"}).ID)
	}
	br := s.signIn(t)
	_, page := br.get("/customers?q=lea+martin")
	next := regexp.MustCompile(`name="cursor" value="([^"]+)"`).FindStringSubmatch(page)
	if next == nil || strings.Count(page, `name="ids"`) != 20 {
		t.Fatalf("first page: %d results, cursor %v", strings.Count(page, `name="ids"`), next)
	}
	_, page = br.get("/customers?q=lea+martin&ids=" + ids[0] + "&cursor=" + url.QueryEscape(next[1]))
	if !strings.Contains(page, `id="tick-`+ids[0]+`" checked`) || strings.Count(page, `name="ids"`) < 3 || strings.Contains(page, `name="cursor"`) {
		t.Fatalf("second page:\n%s", page)
	}
}

// signedOutChoices posts the merge form of a session that ended and
// returns where signing in again leads: the comparison with its choices.
func signedOutChoices(t *testing.T, s *service, form url.Values) string {
	t.Helper()
	resp, page := newBrowser(t, s.base).postForm("/customers/merge/confirm", form, s.base)
	next := regexp.MustCompile(`name="next" value="([^"]*)"`).FindStringSubmatch(page)
	if resp.StatusCode != http.StatusUnauthorized || next == nil || !strings.Contains(page, "nothing was changed") {
		t.Fatalf("a merge form posted after the session ended = %d:\n%s", resp.StatusCode, page)
	}
	return html.UnescapeString(next[1])
}

// TestIgnoreAsksFirst: ignoring a candidate cannot be undone, so the
// candidate page's button asks first; only the confirmation's form ignores.
func TestIgnoreAsksFirst(t *testing.T) {
	s := MustRun(t)
	_, _, reviewID := s.pairWithCandidate("Cami")
	br := s.signIn(t)
	status := func() string {
		var rv review
		if code := s.do("GET", "/v1/reviews/"+reviewID, s.token, nil, &rv); code != http.StatusOK {
			t.Fatalf("GET review = %d", code)
		}
		return rv.Status
	}
	_, page := br.get("/review/candidates/" + reviewID)
	if !strings.Contains(page, `<form method="get" action="/review/candidates/`+reviewID+`/ignore" id="ignore-form"`) {
		t.Fatalf("the candidate's ignore button does not lead to a question:\n%s", page)
	}
	_, ask := br.get("/review/candidates/" + reviewID + "/ignore")
	if !strings.Contains(ask, `id="confirm-ignore"`) || !strings.Contains(ask, "cannot be undone") || status() != "open" {
		t.Fatalf("asking ignored the candidate (%s), or the page does not ask:\n%s", status(), ask)
	}
	resp, _ := br.postForm("/review/candidates/"+reviewID+"/ignore", url.Values{"csrf": {csrfField.FindStringSubmatch(ask)[1]}}, s.base)
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/review" || status() != "ignored" {
		t.Fatalf("confirming = %d at %s, the candidate %s; want it ignored", resp.StatusCode, resp.Request.URL, status())
	}
}

// TestCandidatePagesShowEachFieldsWeight: every page that lays profiles
// side by side shows each field's match weight. A fuzzy candidate shows
// the weights it was opened on; a candidate opened on a shared email, and
// profiles ticked at the front desk, show the profiles compared now under
// the tenant's model, and say so.
func TestCandidatePagesShowEachFieldsWeight(t *testing.T) {
	s := MustRun(t)
	// Two people on one email: the candidate the booking opened holds no
	// weights, and the fuzzy search does not feed it (their first names
	// differ).
	a, b, exactID := s.pairWithCandidate("Lucas")
	fa := s.post("/v1/bookings", booking("bk-fa", map[string]any{"first_name": "Jean", "last_name": "Dupont",
		"email": "jean.dupont@orange.fr", "birth_date": "1980-05-06"}))
	fb := s.post("/v1/bookings", booking("bk-fb", map[string]any{"first_name": "Jean", "last_name": "Dupond",
		"email": "jean.dupond@orange.fr", "birth_date": "1980-05-06"}))
	s.fuzzyIdle()
	var fuzzyID string
	if err := s.store.Pool().QueryRow(t.Context(), `SELECT id FROM review_candidates
		WHERE profile_ids @> ARRAY[$1::uuid, $2::uuid] AND reason LIKE 'fuzzy:%'`, *fa.ProfileID, *fb.ProfileID).Scan(&fuzzyID); err != nil {
		t.Fatalf("no fuzzy candidate for the Dupont pair: %v", err)
	}
	cat := catalogue(t, "en")
	words := func(key string) string { // the message's longest run of words between its arguments
		want := ""
		for _, part := range formatVerb.Split(cat[key], -1) {
			if len(part) > len(want) {
				want = part
			}
		}
		return html.EscapeString(want)
	}
	// row finds a field's row in the weights table: its class says for
	// or against, then its label, level and weight.
	row := func(page, label string) []string {
		m := regexp.MustCompile(`<tr class="(for|against)"><th>` + label + `</th><td>([^<]*)</td><td class="num">([^<]*)</td></tr>`).FindStringSubmatch(page)
		if m == nil {
			return nil
		}
		return m[1:]
	}
	br := s.signIn(t)
	for _, c := range []struct {
		name, path, caption, other string
		rows                       map[string][]string // label → class, level
	}{
		{"FuzzyCandidate", "/review/candidates/" + fuzzyID, "weights.caption", "weights.caption_now",
			map[string][]string{"Last name": {"for", "one slip apart"}, "Birth date": {"for", "the same"}}},
		{"SharedEmail", "/review/candidates/" + exactID, "weights.caption_now", "weights.caption",
			map[string][]string{"Email": {"for", "the same"}}},
		{"FrontDesk", "/customers/merge?ids=" + a.ID + "&ids=" + b.ID, "weights.caption_desk", "weights.caption_now",
			map[string][]string{"Email": {"for", "the same"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, page := br.getIn(c.path, "en")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s = %d", c.path, resp.StatusCode)
			}
			if n := strings.Count(page, `<table class="weights">`); n != 1 {
				t.Fatalf("%d weights tables, want 1:\n%s", n, page)
			}
			if !strings.Contains(page, words(c.caption)) || strings.Contains(page, words(c.other)) {
				t.Errorf("the table's caption is not %s:\n%s", c.caption, page)
			}
			for label, want := range c.rows {
				got := row(page, label)
				if got == nil || got[0] != want[0] || html.UnescapeString(got[1]) != want[1] {
					t.Errorf("%s row = %v, want %v", label, got, want)
				}
			}
			if !strings.Contains(page, words("weights.total")) {
				t.Errorf("no total against the threshold:\n%s", page)
			}
		})
	}
}
