package api_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"dedupe/matcher"
	"dedupe/store"
)

// mergeAnswer is a merge's answer as a client reads it.
type mergeAnswer struct {
	MergeID   *string `json:"merge_id"`
	Profile   struct{ ID string }
	MergedIDs []string       `json:"merged_ids"`
	Kept      []matcher.Kept `json:"kept"`
	DryRun    bool           `json:"dry_run"`
}

// TestMergeDryRun: ?dry_run=true on both merge routes answers 200 with
// what the merge would keep (the tenant's attribute rules applied), no
// merge_id, and changes nothing; the merge carried out afterwards keeps
// the same values. Profiles without a value keep "kept": [].
func TestMergeDryRun(t *testing.T) {
	a := mustAPI(t)
	admin, widget, reviewer := a.token(store.ScopeAdmin), a.token(store.ScopeIngest), a.token(store.ScopeReview, store.ScopeRead)
	if code, out, _ := a.do("PATCH", "/v1/tenant/policy", admin, `{"attribute_rules": {"loyalty_points": "sum"}}`); code != http.StatusOK {
		t.Fatalf("PATCH attribute_rules = %d %s", code, out)
	}
	profile := func(body string) string {
		return mustJSON[struct {
			ProfileID string `json:"profile_id"`
		}](t, a.wait(widget, a.post(widget, body))).ProfileID
	}
	p1 := profile(`{"external_id": "bk-1", "customer": {"first_name": "Camille", "last_name": "Roy", "email": "camille.roy@example.fr", "attributes": {"loyalty_points": "100"}}}`)
	p2 := profile(`{"external_id": "bk-2", "customer": {"first_name": "Camile", "last_name": "Roy", "email": "c.roy@example.fr", "attributes": {"loyalty_points": "20", "member_code": "A-17"}}}`)
	if p1 == p2 {
		t.Fatal("the two bookings made one profile")
	}

	body := `{"survivor_id": "` + p1 + `", "merged_ids": ["` + p2 + `"], "fields": {"first_name": "` + p2 + `"}}`
	code, out, _ := a.do("POST", "/v1/merges?dry_run=true", reviewer, body)
	dry := mustJSON[mergeAnswer](t, out)
	kept := func(m mergeAnswer, field string) matcher.Kept {
		i := slices.IndexFunc(m.Kept, func(k matcher.Kept) bool { return k.Field == field })
		if i < 0 {
			t.Fatalf("%s is not among the values kept: %s", field, out)
		}
		return m.Kept[i]
	}
	if code != http.StatusOK || !dry.DryRun || dry.MergeID != nil || dry.Profile.ID != p1 || !slices.Equal(dry.MergedIDs, []string{p2}) {
		t.Fatalf("dry run = %d %s; want 200, dry_run, no merge_id", code, out)
	}
	if k := kept(dry, "attributes.loyalty_points"); k.Value != "120" || k.How != "sum" || k.From != "" {
		t.Errorf("loyalty_points kept as %+v; want the sum, 120", k)
	}
	if k := kept(dry, "first_name"); k.Value != "Camile" || k.From != p2 || k.How != "picked" {
		t.Errorf("first_name kept as %+v; want the one picked", k)
	}
	if code, out, _ := a.do("GET", "/v1/profiles/"+p2, reviewer, ""); code != http.StatusOK ||
		mustJSON[struct{ Status string }](t, out).Status != "active" {
		t.Fatalf("after the dry run, the profile to merge = %d %s; want it still active", code, out)
	}

	code, out, _ = a.do("POST", "/v1/merges?dry_run=false", reviewer, body)
	done := mustJSON[mergeAnswer](t, out)
	if code != http.StatusCreated || done.DryRun || done.MergeID == nil || !slices.Equal(done.Kept, dry.Kept) {
		t.Fatalf("merge = %d %s; want 201 with a merge_id and the values the dry run showed", code, out)
	}

	// A review candidate: a second person shares Camille's email.
	lea := mustJSON[struct {
		ReviewID string `json:"review_id"`
	}](t, a.wait(widget, a.post(widget, `{"external_id": "bk-3", "customer": {"first_name": "Lea", "email": "camille.roy@example.fr"}}`)))
	if lea.ReviewID == "" {
		t.Fatal("no review candidate for the shared email")
	}
	code, out, _ = a.do("POST", "/v1/reviews/"+lea.ReviewID+"/merge?dry_run=true", reviewer, "")
	if code != http.StatusOK || !mustJSON[mergeAnswer](t, out).DryRun || mustJSON[mergeAnswer](t, out).MergeID != nil {
		t.Fatalf("review dry run = %d %s; want 200, dry_run, no merge_id", code, out)
	}
	if code, out, _ := a.do("GET", "/v1/reviews/"+lea.ReviewID, reviewer, ""); code != http.StatusOK ||
		mustJSON[struct{ Status string }](t, out).Status != store.ReviewOpen {
		t.Fatalf("after the dry run, the review = %d %s; want it still open", code, out)
	}

	// Profiles that hold no value at all (the API refuses to make one, so
	// the store makes them) keep nothing: [], not null.
	blank := func() string {
		c, err := a.store.CreateProfile(context.Background(), a.tenant.ID, "test", matcher.Customer{})
		if err != nil {
			t.Fatal(err)
		}
		return c.Profile.ID
	}
	e1, e2 := blank(), blank()
	code, out, _ = a.do("POST", "/v1/merges?dry_run=true", reviewer, `{"merged_ids": ["`+e1+`", "`+e2+`"]}`)
	if m := mustJSON[mergeAnswer](t, out); code != http.StatusOK || m.Kept == nil || len(m.Kept) != 0 {
		t.Fatalf("dry run of empty profiles = %d %s; want \"kept\": []", code, out)
	}

	code, out, _ = a.do("POST", "/v1/merges?dry_run=maybe", reviewer, body)
	wantError(t, code, out, http.StatusBadRequest, "invalid_field", "dry_run")

	// An id that is no id is the body's fault, named; an id of nobody is not found.
	code, out, _ = a.do("POST", "/v1/merges", reviewer, `{"survivor_id": "`+p1+`", "merged_ids": ["`+p2+`", "abc"]}`)
	wantError(t, code, out, http.StatusBadRequest, "invalid_field", "merged_ids[1]")
	code, out, _ = a.do("POST", "/v1/merges", reviewer, `{"survivor_id": "{`+p1+`}", "merged_ids": ["`+p2+`"]}`)
	wantError(t, code, out, http.StatusBadRequest, "invalid_field", "survivor_id")
	code, out, _ = a.do("POST", "/v1/merges", reviewer, `{"merged_ids": ["`+p2+`", "00000000-0000-0000-0000-000000000000"]}`)
	wantError(t, code, out, http.StatusNotFound, "not_found", "")
}
