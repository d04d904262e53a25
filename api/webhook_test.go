package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"dedupe/api"
	"dedupe/internal/openapitest"
	"dedupe/store"
	"dedupe/worker"
)

// receiver is a webhook endpoint written against the Standard Webhooks
// specification with its reference verifier, and nothing of dedupe's.
type receiver struct {
	t      *testing.T
	server *httptest.Server
	mu     sync.Mutex
	secret string
	events []event // verified and accepted, in arrival order
	tried  []string
	at     []time.Time // when each attempt came
	// answer, when set, chooses the status of an attempt (after it was
	// verified); nil answers 204.
	answer func(attempt int) int
	// retryAfter, when set, chooses an attempt's Retry-After header;
	// "" sends none.
	retryAfter func(attempt int) string
}

type event struct {
	ID         string `json:"id"`
	Type       string `json:"type"`
	OccurredAt string `json:"occurred_at"`
	TenantID   string `json:"tenant_id"`
	Sequence   int64  `json:"sequence"`
	Data       struct {
		ProfileID     string   `json:"profile_id"`
		ReviewID      string   `json:"review_id"`
		SurvivorID    string   `json:"survivor_id"`
		MergedIDs     []string `json:"merged_ids"`
		ChangedFields []string `json:"changed_fields"`
		Status        string   `json:"status"`
	} `json:"data"`
	raw []byte
}

func newReceiver(t *testing.T) *receiver {
	rc := &receiver{t: t}
	rc.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		defer rc.mu.Unlock()
		wh, err := standardwebhooks.NewWebhook(rc.secret)
		if err != nil {
			t.Errorf("secret %q: %v", rc.secret, err)
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		if err := wh.Verify(body, r.Header); err != nil {
			t.Errorf("signature of %s does not verify: %v", body, err)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var e event
		if err := json.Unmarshal(body, &e); err != nil || e.ID != r.Header.Get("webhook-id") {
			t.Errorf("body %s (webhook-id %s): %v", body, r.Header.Get("webhook-id"), err)
		}
		if err := openapitest.CheckWebhook(r.Header, body); err != nil {
			t.Errorf("openapitest: %v", err)
		}
		e.raw = body
		rc.tried = append(rc.tried, e.ID)
		rc.at = append(rc.at, time.Now())
		status := http.StatusNoContent
		if rc.answer != nil {
			status = rc.answer(len(rc.tried))
		}
		if rc.retryAfter != nil {
			if v := rc.retryAfter(len(rc.tried)); v != "" {
				w.Header().Set("Retry-After", v)
			}
		}
		if status/100 == 2 {
			rc.events = append(rc.events, e)
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(rc.server.Close)
	return rc
}

// register creates the endpoint through the API and keeps its secret.
func (rc *receiver) register(a *testAPI, admin string, events ...string) string {
	rc.t.Helper()
	body, _ := json.Marshal(map[string]any{"url": rc.server.URL + "/hooks", "events": events})
	code, out, _ := a.do("POST", "/v1/webhooks", admin, string(body))
	if code != http.StatusCreated {
		rc.t.Fatalf("POST /v1/webhooks = %d %s", code, out)
	}
	created := mustJSON[struct{ ID, Secret string }](rc.t, out)
	if !strings.HasPrefix(created.Secret, "whsec_") {
		rc.t.Fatalf("secret %q is not in the whsec_ form", created.Secret)
	}
	rc.mu.Lock()
	rc.secret = created.Secret
	rc.mu.Unlock()
	return created.ID
}

// waitFor waits until n events were accepted and returns them.
func (rc *receiver) waitFor(n int) []event {
	rc.t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		rc.mu.Lock()
		got := slices.Clone(rc.events)
		rc.mu.Unlock()
		if len(got) >= n {
			return got
		}
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.t.Fatalf("%d events arrived, want %d: %v", len(rc.events), n, rc.events)
	return nil
}

// privateWebhooks lets the test's loopback receivers in, and retries fast.
func privateWebhooks(c *api.Config, w *worker.Config) {
	c.WebhookAllowPrivate, w.WebhookAllowPrivate = true, true
	w.WebhookRetryBase = 50 * time.Millisecond
}

func TestWebhooks(t *testing.T) {
	a := mustAPI(t, privateWebhooks)
	admin, widget, reviewer := a.token(store.ScopeAdmin), a.token(store.ScopeIngest), a.token(store.ScopeReview, store.ScopeRead)
	rc := newReceiver(t)
	hookID := rc.register(a, admin, store.EventTypes...)

	// Camille books; books again with a birth date; Lea shares her email
	// (a family): a second profile and a review candidate; the reviewer
	// merges them, undoes the merge, and ignores the candidate.
	a.wait(widget, a.post(widget, `{"external_id": "bk-1", "customer": {"first_name": "Camille", "last_name": "Roy", "email": "camille.roy@example.fr"}}`))
	a.wait(widget, a.post(widget, `{"external_id": "bk-2", "customer": {"first_name": "Camille", "email": "camille.roy@example.fr", "birth_date": "1990-04-02"}}`))
	lea := mustJSON[struct {
		ProfileID string `json:"profile_id"`
		ReviewID  string `json:"review_id"`
	}](t, a.wait(widget, a.post(widget, `{"external_id": "bk-3", "customer": {"first_name": "Lea", "last_name": "Roy", "email": "camille.roy@example.fr"}}`)))
	if lea.ReviewID == "" {
		t.Fatal("no review candidate for the shared email")
	}
	code, out, _ := a.do("POST", "/v1/reviews/"+lea.ReviewID+"/merge", reviewer, `{}`)
	if code != http.StatusOK {
		t.Fatalf("merge = %d %s", code, out)
	}
	merge := mustJSON[struct {
		MergeID string `json:"merge_id"`
	}](t, out)
	// An undo or an ignore asked for a preview, or sent options it does
	// not take, does nothing (no event is sent for it).
	for _, path := range []string{"/v1/merges/" + merge.MergeID + "/undo", "/v1/reviews/" + lea.ReviewID + "/ignore"} {
		code, out, _ := a.do("POST", path+"?dry_run=true", reviewer, ``)
		wantError(t, code, out, http.StatusBadRequest, "invalid_field", "dry_run")
		code, out, _ = a.do("POST", path, reviewer, `{"survivor_id": "`+lea.ProfileID+`"}`)
		wantError(t, code, out, http.StatusBadRequest, "unknown_field", "survivor_id")
	}
	if code, out, _ := a.do("POST", "/v1/merges/"+merge.MergeID+"/undo?dry_run=false", reviewer, `{}`); code != http.StatusOK {
		t.Fatalf("undo = %d %s", code, out)
	}
	// An empty body sent in chunks, as some clients send a POST without one.
	req, _ := http.NewRequest("POST", a.url+"/v1/reviews/"+lea.ReviewID+"/ignore", io.NopCloser(strings.NewReader("")))
	req.Header.Set("Authorization", "Bearer "+reviewer)
	req.TransferEncoding = []string{"chunked"}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if out, _ := io.ReadAll(resp.Body); resp.StatusCode != http.StatusOK {
		t.Fatalf("ignore = %d %s", resp.StatusCode, out)
	}
	resp.Body.Close()

	want := []string{"profile.created", "profile.updated", "profile.created", "review.opened", "profile.merged", "review.closed",
		"profile.unmerged", "review.opened", "review.closed"}
	got := rc.waitFor(len(want))
	var types []string
	seen := map[string]bool{}
	last := map[string]int64{} // profile → last sequence
	for _, e := range got {
		types = append(types, e.Type)
		if seen[e.ID] {
			t.Errorf("event %s delivered twice", e.ID)
		}
		seen[e.ID] = true
		if e.TenantID != a.tenant.ID || e.OccurredAt == "" || e.Sequence == 0 {
			t.Errorf("event %s lacks its envelope", e.raw)
		}
		for _, pii := range []string{"Camille", "Roy", "Lea", "camille.roy", "1990-04-02"} {
			if bytes.Contains(e.raw, []byte(pii)) {
				t.Errorf("event %s carries personal data (%s)", e.raw, pii)
			}
		}
		if p := e.Data.ProfileID; p != "" {
			if e.Sequence <= last[p] {
				t.Errorf("event %s for profile %s came after sequence %d", e.raw, p, last[p])
			}
			last[p] = e.Sequence
		}
	}
	if !slices.Equal(types, want) {
		t.Fatalf("events %v, want %v", types, want)
	}
	if got[1].Data.ChangedFields == nil || !slices.Contains(got[1].Data.ChangedFields, "birth_date") {
		t.Errorf("profile.updated = %s; want birth_date among the changed fields", got[1].raw)
	}
	if got[4].Data.SurvivorID == "" || len(got[4].Data.MergedIDs) != 1 || got[5].Data.Status != "merged" || got[8].Data.Status != "ignored" {
		t.Errorf("merge events %s %s %s", got[4].raw, got[5].raw, got[8].raw)
	}

	// The receiver has every event, but the worker commits the last
	// delivery just after the receiver answers it: poll until it is
	// recorded.
	type deliveries struct {
		Webhook    store.Webhook
		Deliveries []store.Delivery
	}
	var list deliveries
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		code, out, _ = a.do("GET", "/v1/webhooks/"+hookID+"/deliveries", admin, "")
		list = mustJSON[deliveries](t, out)
		if code == http.StatusOK && len(list.Deliveries) == len(want) && list.Webhook.Pending == 0 || time.Now().After(deadline) {
			break
		}
	}
	if code != http.StatusOK || len(list.Deliveries) != len(want) || !list.Deliveries[0].Delivered || list.Webhook.Pending != 0 {
		t.Fatalf("deliveries = %d %s", code, out)
	}
	code, out, _ = a.do("GET", "/v1/webhooks", admin, "")
	if code != http.StatusOK || !bytes.Contains(out, []byte(hookID)) || bytes.Contains(out, []byte("whsec_")) {
		t.Fatalf("GET /v1/webhooks = %d %s; want the endpoint without its secret", code, out)
	}
	if code, _, _ := a.do("DELETE", "/v1/webhooks/"+hookID, admin, ""); code != http.StatusNoContent {
		t.Fatalf("DELETE = %d", code)
	}
	if code, _, _ := a.do("GET", "/v1/webhooks/"+hookID+"/deliveries", admin, ""); code != http.StatusNotFound {
		t.Fatalf("deliveries of a deleted endpoint = %d, want 404", code)
	}
}

// TestWebhookRetries: the receiver fails for a while, then recovers: every
// event arrives, in order, with the id it had on the failed attempts.
func TestWebhookRetries(t *testing.T) {
	a := mustAPI(t, privateWebhooks)
	admin, widget := a.token(store.ScopeAdmin), a.token(store.ScopeIngest)
	rc := newReceiver(t)
	rc.answer = func(attempt int) int {
		if attempt <= 4 {
			return http.StatusInternalServerError
		}
		return http.StatusOK
	}
	hookID := rc.register(a, admin, store.EventProfileCreated)
	for i, name := range []string{"Ana", "Bea", "Cleo"} {
		a.wait(widget, a.post(widget, `{"external_id": "bk-`+name+`", "customer": {"first_name": "`+name+`", "email": "c`+string(rune('0'+i))+`@example.fr"}}`))
	}
	got := rc.waitFor(3)
	rc.mu.Lock()
	tried := slices.Clone(rc.tried)
	rc.mu.Unlock()
	for _, id := range tried[:4] {
		if id != got[0].ID {
			t.Fatalf("failed attempts carried ids %v; want the first event's id %s each time (in order)", tried[:4], got[0].ID)
		}
	}
	for i := 1; i < len(got); i++ {
		if got[i].Sequence <= got[i-1].Sequence {
			t.Fatalf("events out of order: %s then %s", got[i-1].raw, got[i].raw)
		}
	}
	// The receiver sees an event before the worker records its delivery:
	// wait for the records.
	var out []byte
	var list struct{ Deliveries []store.Delivery }
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		_, out, _ = a.do("GET", "/v1/webhooks/"+hookID+"/deliveries", admin, "")
		list = mustJSON[struct{ Deliveries []store.Delivery }](t, out)
		if len(list.Deliveries) >= 7 || time.Now().After(deadline) {
			break
		}
	}
	failed := 0
	for _, d := range list.Deliveries {
		if !d.Delivered && d.StatusCode != nil && *d.StatusCode == 500 {
			failed++
		}
	}
	if failed != 4 || len(list.Deliveries) != 7 {
		t.Fatalf("deliveries %s; want 4 failures with status 500 and 3 deliveries", out)
	}
}

// TestWebhookEndpointDisabled: an endpoint that keeps failing is disabled,
// and says so.
func TestWebhookEndpointDisabled(t *testing.T) {
	a := mustAPI(t, privateWebhooks, func(_ *api.Config, w *worker.Config) { w.WebhookGiveUp = 300 * time.Millisecond })
	admin, widget := a.token(store.ScopeAdmin), a.token(store.ScopeIngest)
	rc := newReceiver(t)
	rc.answer = func(int) int { return http.StatusServiceUnavailable }
	hookID := rc.register(a, admin, store.EventProfileCreated)
	a.wait(widget, a.post(widget, `{"external_id": "bk-1", "customer": {"first_name": "Ana", "email": "ana@example.fr"}}`))
	waitDisabled(t, a, admin, hookID, "503")
	disabled := func() int64 {
		n, err := a.store.DisabledEndpoints(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := disabled(); n != 1 {
		t.Fatalf("%d endpoints counted disabled, want 1 (dedupe_webhook_endpoints_disabled)", n)
	}

	// The receiver fixed, the endpoint is enabled again and gets what it
	// had yet to receive at once, its backoff started again, however long
	// the backoff it was disabled in.
	rc.mu.Lock()
	rc.answer = nil
	rc.mu.Unlock()
	if _, err := a.store.Pool().Exec(context.Background(), `UPDATE webhook_pending SET attempts = 11, next_attempt_at = now() + interval '6 hours'`); err != nil {
		t.Fatal(err)
	}
	code, out, _ := a.do("POST", "/v1/webhooks/"+hookID+"/enable?dry_run=false", admin, "")
	if on := mustJSON[store.Webhook](t, out); code != http.StatusOK || on.DisabledAt != nil || on.DisabledReason != nil || on.Pending != 1 {
		t.Fatalf("enable = %d %s; want the endpoint on with its one event pending", code, out)
	}
	if n := disabled(); n != 0 {
		t.Fatalf("%d endpoints counted disabled once enabled again, want 0", n)
	}
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		rc.mu.Lock()
		n := len(rc.events)
		rc.mu.Unlock()
		if n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the event pending when the endpoint was disabled was never delivered once it was enabled")
		}
	}
	// The receiver sees the event before the worker records its delivery:
	// wait for the record.
	var last store.Delivery
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		_, out, _ = a.do("GET", "/v1/webhooks/"+hookID+"/deliveries", admin, "")
		last = mustJSON[struct{ Deliveries []store.Delivery }](t, out).Deliveries[0]
		if last.Delivered || time.Now().After(deadline) {
			break
		}
	}
	if !last.Delivered || last.Attempt != 1 {
		t.Errorf("the delivery after enabling = %+v, want the first attempt of a new backoff", last)
	}
	if code, out, _ := a.do("POST", "/v1/webhooks/0193a5c4-7c1e-7b1a-9c1f-5e2f8a0b1c2d/enable", admin, ""); code != http.StatusNotFound {
		t.Errorf("enable of no endpoint = %d %s, want 404", code, out)
	}
}

// waitDisabled waits until the endpoint is disabled, with a reason that
// names the answer that disabled it.
func waitDisabled(t *testing.T, a *testAPI, admin, hookID, answer string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		_, out, _ := a.do("GET", "/v1/webhooks/"+hookID+"/deliveries", admin, "")
		list := mustJSON[struct{ Webhook store.Webhook }](t, out)
		if list.Webhook.DisabledAt != nil {
			if list.Webhook.DisabledReason == nil || !strings.Contains(*list.Webhook.DisabledReason, answer) {
				t.Fatalf("disabled endpoint %s; want the reason to name the answer %s", out, answer)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the endpoint was never disabled: %s", out)
		}
	}
}

// TestWebhookGone: an endpoint that answers 410 Gone is disabled at once,
// as the Standard Webhooks specification asks, and sent nothing more.
func TestWebhookGone(t *testing.T) {
	a := mustAPI(t, privateWebhooks)
	admin, widget := a.token(store.ScopeAdmin), a.token(store.ScopeIngest)
	rc := newReceiver(t)
	rc.answer = func(int) int { return http.StatusGone }
	hookID := rc.register(a, admin, store.EventProfileCreated)
	a.wait(widget, a.post(widget, `{"external_id": "bk-1", "customer": {"first_name": "Ana", "email": "ana@example.fr"}}`))
	a.wait(widget, a.post(widget, `{"external_id": "bk-2", "customer": {"first_name": "Bea", "email": "bea@example.fr"}}`))
	waitDisabled(t, a, admin, hookID, "410")
	time.Sleep(time.Second) // several sweeps and retry delays
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if len(rc.tried) != 1 {
		t.Fatalf("%d attempts after a 410; want the one", len(rc.tried))
	}
}

// TestWebhookRetryAfter: a failure that says when to come back is not
// tried again before then, though the backoff's first delay is shorter.
func TestWebhookRetryAfter(t *testing.T) {
	for _, header := range []string{"2", "date"} {
		t.Run(header, func(t *testing.T) {
			a := mustAPI(t, privateWebhooks) // a first retry after 50 ms
			admin, widget := a.token(store.ScopeAdmin), a.token(store.ScopeIngest)
			rc := newReceiver(t)
			rc.retryAfter = func(attempt int) string {
				switch {
				case attempt > 1:
					return ""
				case header == "date":
					return time.Now().Add(3 * time.Second).UTC().Format(http.TimeFormat)
				}
				return header
			}
			rc.answer = func(attempt int) int {
				if attempt == 1 {
					return http.StatusTooManyRequests
				}
				return http.StatusNoContent
			}
			rc.register(a, admin, store.EventProfileCreated)
			a.wait(widget, a.post(widget, `{"external_id": "bk-1", "customer": {"first_name": "Ana", "email": "ana@example.fr"}}`))
			rc.waitFor(1)
			rc.mu.Lock()
			defer rc.mu.Unlock()
			// An HTTP date has whole seconds: 3 s ahead is 2 s at least.
			if len(rc.at) != 2 || rc.at[1].Sub(rc.at[0]) < 1900*time.Millisecond {
				t.Fatalf("attempts at %v; want the second 2 s or more after the first", rc.at)
			}
		})
	}
}

// TestWebhookTaskIsNeverArchived: the task that delivers an endpoint's
// events is retried for as long as it fails. An archived task would keep
// its id, the endpoint's, and asynq would refuse every later task of the
// endpoint: its deliveries would stop without a word.
func TestWebhookTaskIsNeverArchived(t *testing.T) {
	a := mustAPI(t, privateWebhooks)
	arrived, release := make(chan struct{}, 10), make(chan struct{})
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-release
	}))
	defer target.Close()
	defer close(release)
	hook, _, err := a.store.CreateWebhook(context.Background(), a.tenant.ID, target.URL+"/hook", []string{store.EventProfileCreated})
	if err != nil {
		t.Fatal(err)
	}
	widget := a.token(store.ScopeIngest)
	a.wait(widget, a.post(widget, `{"external_id": "bk-1", "customer": {"first_name": "Ana", "email": "ana@example.fr"}}`))
	select {
	case <-arrived: // the task is running: read it
	case <-time.After(20 * time.Second):
		t.Fatal("no delivery attempt")
	}
	insp := asynq.NewInspector(a.redis)
	defer insp.Close()
	info, err := insp.GetTaskInfo(worker.QueueWebhooks, "webhook-"+hook.ID)
	if err != nil {
		t.Fatal(err)
	}
	if info.MaxRetry < 1<<30 {
		t.Fatalf("the delivery task is archived after %d retries; want it retried for as long as it fails", info.MaxRetry)
	}
}

// TestWebhookArchivedTaskIsReplaced: a delivery task archived under the
// endpoint's id (an older version gave up on one after 10 retries) does
// not keep the endpoint's events from being delivered.
func TestWebhookArchivedTaskIsReplaced(t *testing.T) {
	a := mustAPI(t, privateWebhooks)
	admin, widget := a.token(store.ScopeAdmin), a.token(store.ScopeIngest)
	rc := newReceiver(t)
	hookID := rc.register(a, admin, store.EventProfileCreated)
	// A payload that names no endpoint is archived at once.
	client := asynq.NewClient(a.redis)
	defer client.Close()
	if _, err := client.Enqueue(asynq.NewTask(worker.TypeWebhook, []byte(`{}`), asynq.TaskID("webhook-"+hookID),
		asynq.Queue(worker.QueueWebhooks))); err != nil {
		t.Fatal(err)
	}
	insp := asynq.NewInspector(a.redis)
	defer insp.Close()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if info, err := insp.GetTaskInfo(worker.QueueWebhooks, "webhook-"+hookID); err == nil && info.State == asynq.TaskStateArchived {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the malformed delivery task was never archived")
		}
	}
	a.wait(widget, a.post(widget, `{"external_id": "bk-1", "customer": {"first_name": "Ana", "email": "ana@example.fr"}}`))
	if got := rc.waitFor(1); got[0].Type != store.EventProfileCreated {
		t.Fatalf("delivered %s; want profile.created", got[0].raw)
	}
}

func TestWebhookSafety(t *testing.T) {
	t.Run("RegistrationRefusesPrivateAndPlainHTTP", func(t *testing.T) {
		a := mustAPI(t)
		admin := a.token(store.ScopeAdmin)
		for _, u := range []string{"http://crm.example.com/hook", "https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://[::1]/hook",
			"https://169.254.169.254/latest", "https://localhost:8443/hook", "https://user:pw@crm.example.com/hook", "crm.example.com/hook",
			"ftp://crm.example.com/"} {
			body, _ := json.Marshal(map[string]any{"url": u, "events": []string{"profile.created"}})
			code, out, _ := a.do("POST", "/v1/webhooks", admin, string(body))
			wantError(t, code, out, http.StatusBadRequest, api.CodeInvalidField, "url")
		}
		code, out, _ := a.do("POST", "/v1/webhooks", admin, `{"url": "https://crm.example.com/hook", "events": ["profile.created", "profile.exploded"]}`)
		wantError(t, code, out, http.StatusBadRequest, api.CodeInvalidField, "events[1]")
		code, out, _ = a.do("POST", "/v1/webhooks", a.token(store.ScopeRead), `{"url": "https://crm.example.com/hook", "events": ["profile.created"]}`)
		wantError(t, code, out, http.StatusForbidden, api.CodeForbidden, "")
	})
	t.Run("ConnectionToPrivateAddressRefused", func(t *testing.T) {
		// The registration check passed (a name that resolved to a public
		// address then, say); the address dialled now is loopback.
		a := mustAPI(t, func(_ *api.Config, w *worker.Config) { w.WebhookRetryBase = 50 * time.Millisecond })
		hit := make(chan struct{}, 10)
		target := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hit <- struct{}{} }))
		defer target.Close()
		hook, _, err := a.store.CreateWebhook(context.Background(), a.tenant.ID, target.URL+"/hook", []string{store.EventProfileCreated})
		if err != nil {
			t.Fatal(err)
		}
		widget := a.token(store.ScopeIngest)
		a.wait(widget, a.post(widget, `{"external_id": "bk-1", "customer": {"first_name": "Ana", "email": "ana@example.fr"}}`))
		ds := waitDeliveries(t, a, hook.ID, 1)
		if ds[0].Delivered || ds[0].Error == nil || !strings.Contains(*ds[0].Error, "not a public address") {
			t.Fatalf("delivery to loopback = %+v; want it refused at connect time", ds[0])
		}
		select {
		case <-hit:
			t.Fatal("the loopback server was reached")
		default:
		}
	})
	t.Run("RedirectNotFollowed", func(t *testing.T) {
		a := mustAPI(t, privateWebhooks)
		hit := make(chan struct{}, 10)
		inner := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hit <- struct{}{} }))
		defer inner.Close()
		outer := httptest.NewServer(http.RedirectHandler(inner.URL, http.StatusTemporaryRedirect))
		defer outer.Close()
		hook, _, err := a.store.CreateWebhook(context.Background(), a.tenant.ID, outer.URL, []string{store.EventProfileCreated})
		if err != nil {
			t.Fatal(err)
		}
		widget := a.token(store.ScopeIngest)
		a.wait(widget, a.post(widget, `{"external_id": "bk-1", "customer": {"first_name": "Ana", "email": "ana@example.fr"}}`))
		ds := waitDeliveries(t, a, hook.ID, 1)
		if ds[0].Delivered || ds[0].StatusCode == nil || *ds[0].StatusCode != http.StatusTemporaryRedirect {
			t.Fatalf("delivery to a redirect = %+v; want a failure with status 307", ds[0])
		}
		select {
		case <-hit:
			t.Fatal("the redirect was followed")
		default:
		}
	})
}

// waitDeliveries waits until an endpoint has n delivery attempts and
// returns them, newest first.
func waitDeliveries(t *testing.T, a *testAPI, hookID string, n int) []store.Delivery {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		_, ds, err := a.store.Deliveries(context.Background(), a.tenant.ID, hookID, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) >= n {
			return ds
		}
	}
	t.Fatalf("fewer than %d delivery attempts", n)
	return nil
}
