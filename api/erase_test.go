package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"dedupe/api"
	"dedupe/matcher"
	"dedupe/store"
	"dedupe/worker"
)

func TestEraseAndExport(t *testing.T) {
	a := mustAPI(t)
	desk, admin := a.token(store.ScopeWrite, store.ScopeRead), a.token(store.ScopeAdmin)
	code, out, _ := a.do("POST", "/v1/profiles", desk, `{"first_name": "Camille", "last_name": "Quintal", "email": "camille.q@example.fr",
		"mobile": "06 12 34 56 78", "attributes": {"member_code": "ZX-9981"}}`)
	if code != http.StatusCreated {
		t.Fatalf("create = %d %s", code, out)
	}
	id := mustJSON[struct{ Profile struct{ ID string } }](t, out).Profile.ID

	code, out, h := a.do("GET", "/v1/profiles/"+id+"/export", desk, "")
	if code != http.StatusOK || !bytes.Contains(out, []byte("camille.q@example.fr")) || !bytes.Contains(out, []byte("ZX-9981")) ||
		h.Get("Content-Disposition") == "" {
		t.Fatalf("export = %d %s", code, out)
	}
	code, out, _ = a.do("DELETE", "/v1/profiles/"+id, desk, "")
	wantError(t, code, out, http.StatusForbidden, api.CodeForbidden, "")

	for range 2 { // erasing again answers the same
		code, out, _ = a.do("DELETE", "/v1/profiles/"+id, admin, "")
		if e := mustJSON[store.Erased](t, out); code != http.StatusOK || e.ID != id || e.Status != "erased" {
			t.Fatalf("erase = %d %s", code, out)
		}
	}
	for _, path := range []string{"/v1/profiles/" + id, "/v1/profiles/" + id + "/export"} {
		code, out, _ := a.do("GET", path, desk, "")
		if e := mustJSON[store.Erased](t, out); code != http.StatusOK || e.Status != "erased" || bytes.Contains(out, []byte("Quintal")) {
			t.Fatalf("GET %s after the erasure = %d %s", path, code, out)
		}
	}
	code, out, _ = a.do("GET", "/v1/profiles?q=quintal", desk, "")
	if code != http.StatusOK || bytes.Contains(out, []byte(id)) {
		t.Fatalf("search after the erasure = %d %s", code, out)
	}
	code, out, _ = a.do("DELETE", "/v1/profiles/0b6c2f0e-4a54-4b39-9d3b-1d8c0f9b7a11", admin, "")
	wantError(t, code, out, http.StatusNotFound, api.CodeNotFound, "")
}

// TestEraseEndsItsMergesAndCandidates: once a person is erased, a merge of
// theirs answers a conflict to an undo, and the candidate that named them
// reads as stale with the erased profile in it, as api/openapi.json says
// (every answer here is checked against it).
func TestEraseEndsItsMergesAndCandidates(t *testing.T) {
	a := mustAPI(t)
	widget, reviewer, admin := a.token(store.ScopeIngest), a.token(store.ScopeReview, store.ScopeRead, store.ScopeWrite), a.token(store.ScopeAdmin)
	profile := func(body string) string {
		return mustJSON[struct {
			ProfileID string `json:"profile_id"`
		}](t, a.wait(widget, a.post(widget, body))).ProfileID
	}
	camille := profile(`{"external_id": "bk-1", "customer": {"first_name": "Camille", "last_name": "Roy", "email": "camille.roy@example.fr"}}`)
	copy := profile(`{"external_id": "bk-2", "customer": {"first_name": "Camille", "last_name": "Roy", "mobile": "06 12 34 56 78"}}`)
	code, out, _ := a.do("POST", "/v1/merges", reviewer, `{"survivor_id": "`+camille+`", "merged_ids": ["`+copy+`"]}`)
	if code != http.StatusCreated {
		t.Fatalf("merge = %d %s", code, out)
	}
	mergeID := mustJSON[struct {
		MergeID string `json:"merge_id"`
	}](t, out).MergeID
	// A relative shares her email: a candidate naming both.
	lea := mustJSON[struct {
		ProfileID string `json:"profile_id"`
		ReviewID  string `json:"review_id"`
	}](t, a.wait(widget, a.post(widget, `{"external_id": "bk-3", "customer": {"first_name": "Lea", "email": "camille.roy@example.fr"}}`)))
	if lea.ReviewID == "" {
		t.Fatal("no review candidate for the shared email")
	}

	if code, out, _ := a.do("DELETE", "/v1/profiles/"+camille, admin, ""); code != http.StatusOK {
		t.Fatalf("erase = %d %s", code, out)
	}
	code, out, _ = a.do("POST", "/v1/merges/"+mergeID+"/undo", reviewer, "")
	wantError(t, code, out, http.StatusConflict, api.CodeConflict, "")
	if !bytes.Contains(out, []byte("erased")) {
		t.Errorf("the undo's refusal does not say why: %s", out)
	}
	code, out, _ = a.do("POST", "/v1/merges", reviewer, `{"survivor_id": "`+lea.ProfileID+`", "merged_ids": ["`+camille+`"]}`)
	wantError(t, code, out, http.StatusConflict, api.CodeConflict, "")
	if !bytes.Contains(out, []byte("was erased")) {
		t.Errorf("the merge's refusal does not say why: %s", out)
	}
	code, out, _ = a.do("GET", "/v1/reviews/"+lea.ReviewID, reviewer, "")
	rv := mustJSON[struct {
		Status   string
		Profiles []struct{ ID, Status, FirstName string }
	}](t, out)
	if code != http.StatusOK || rv.Status != store.ReviewStale || len(rv.Profiles) != 2 {
		t.Fatalf("the candidate after the erasure = %d %s; want it stale", code, out)
	}
	for _, p := range rv.Profiles {
		if p.ID == camille && (p.Status != "erased" || p.FirstName != "") {
			t.Errorf("the erased profile in the candidate = %+v", p)
		}
	}
	if code, out, _ := a.do("GET", "/v1/reviews?status=stale", reviewer, ""); code != http.StatusOK || !bytes.Contains(out, []byte(lea.ReviewID)) {
		t.Fatalf("stale reviews = %d %s", code, out)
	}
}

// TestEraseDeletesArchivedBookings: a booking with the person's mobile
// that failed for good waits archived in the queue with its whole
// payload; the erasure deletes it (its ingestion still reads failed), and
// leaves alone another customer's archived booking, though it holds the
// salon's own number, blocked, which the person gave too.
func TestEraseDeletesArchivedBookings(t *testing.T) {
	a := mustAPI(t)
	widget, admin := a.token(store.ScopeIngest, store.ScopeRead), a.token(store.ScopeAdmin)
	if code, out, _ := a.do("PATCH", "/v1/tenant/policy", admin, `{"block": ["01 43 55 12 12"]}`); code != http.StatusOK {
		t.Fatalf("block = %d %s", code, out)
	}
	camille := mustJSON[struct {
		ProfileID string `json:"profile_id"`
	}](t, a.wait(widget, a.post(widget, `{"external_id": "bk-1", "customer": {"first_name": "Camille", "email": "camille.q@example.fr",
		"mobile": "06 12 34 56 78", "phone": "01 43 55 12 12"}}`))).ProfileID

	// Tasks the API did not check (an older version queued them): the
	// database refuses their payload, and they are archived.
	queue := worker.NewClient(a.redis)
	defer queue.Close()
	unstorable := func(external string, c matcher.Customer) string {
		in := store.Ingest{TenantID: a.tenant.ID, Kind: store.KindBooking, Source: "booking_widget", ExternalID: external,
			Details: json.RawMessage(`{"service": "Co\u0000upe"}`), AcceptedAt: time.Now(), Customer: c}
		in.IngestionID = worker.IngestionID(in.TenantID, in.Source, in.ExternalID)
		if err := queue.Enqueue(context.Background(), in); err != nil {
			t.Fatal(err)
		}
		a.wait(widget, in.IngestionID)
		if q, err := queue.Status(context.Background(), in.IngestionID); err != nil || q.State != worker.StateArchived {
			t.Fatalf("task %s = %+v, %v; want archived", external, q, err)
		}
		return in.IngestionID
	}
	hers := unstorable("bk-old", matcher.Customer{FirstName: "Camille", Mobile: "+33 6 12 34 56 78"})
	his := unstorable("bk-paul", matcher.Customer{FirstName: "Paul", Email: "paul@example.fr", Phone: "01 43 55 12 12"})

	if code, out, _ := a.do("DELETE", "/v1/profiles/"+camille, admin, ""); code != http.StatusOK {
		t.Fatalf("erase = %d %s", code, out)
	}
	if q, err := queue.Status(context.Background(), hers); !errors.Is(err, worker.ErrNotQueued) {
		t.Fatalf("her archived booking after the erasure = %+v, %v; want it deleted", q, err)
	}
	if q, err := queue.Status(context.Background(), his); err != nil || q.State != worker.StateArchived {
		t.Fatalf("another customer's archived booking after the erasure = %+v, %v; want it kept", q, err)
	}
	code, out, _ := a.do("GET", "/v1/ingestions/"+hers, widget, "")
	if st := mustJSON[struct{ Status string }](t, out); code != http.StatusOK || st.Status != "failed" {
		t.Fatalf("her failed booking's ingestion = %d %s; want it still failed", code, out)
	}
}
