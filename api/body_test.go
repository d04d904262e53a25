package api_test

import (
	"net/http"
	"strings"
	"testing"

	"dedupe/api"
	"dedupe/internal/openapitest"
	"dedupe/store"
)

// TestBodyContentType: every operation that reads a JSON body refuses one
// sent as text/plain or a form with 415 naming Content-Type, as the
// document says (openapitest checks each answer against it); JSON with a
// charset, or with no Content-Type at all, is read.
func TestBodyContentType(t *testing.T) {
	a := mustAPI(t)
	token := a.token(store.ScopeIngest, store.ScopeRead, store.ScopeWrite, store.ScopeReview, store.ScopeAdmin)
	operations := 0
	for path, item := range openapitest.Document(t).Paths.Map() {
		for method, op := range item.Operations() {
			if op.RequestBody == nil || op.RequestBody.Value.Content.Get("application/json") == nil {
				continue
			}
			operations++
			uri := strings.ReplaceAll(path, "{id}", "00000000-0000-0000-0000-000000000000")
			for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded"} {
				code, out, _ := a.do(method, uri, token, `{}`, "Content-Type", ct)
				e := mustJSON[apiError](t, out)
				if code != http.StatusUnsupportedMediaType || e.Error.Code != api.CodeUnsupportedMedia || e.Error.Field != "Content-Type" {
					t.Errorf("%s %s with Content-Type %s = %d %s; want 415 %s on Content-Type", method, path, ct, code, out, api.CodeUnsupportedMedia)
				}
			}
		}
	}
	if operations < 7 {
		t.Fatalf("%d operations read a JSON body, want at least 7", operations)
	}

	for id, header := range map[string][]string{"bk-charset": {"Content-Type", "application/json; charset=utf-8"}, "bk-none": nil} {
		body := `{"external_id": "` + id + `", "customer": {"email": "camille@example.fr"}}`
		if code, out, _ := a.do("POST", "/v1/bookings", token, body, header...); code != http.StatusAccepted {
			t.Errorf("a booking with header %q = %d %s; want 202", header, code, out)
		}
	}
}

// TestBodyFieldAtFault: over HTTP, the field of a 400 is the whole path to
// the value at fault, inside a map too, and to a key sent twice.
func TestBodyFieldAtFault(t *testing.T) {
	a := mustAPI(t)
	widget := a.token(store.ScopeIngest)
	code, out, _ := a.do("POST", "/v1/bookings", widget, `{"external_id": "bk-1", "customer": {"attributes": {"points": 12}}}`)
	wantError(t, code, out, http.StatusBadRequest, api.CodeInvalidField, "customer.attributes.points")
	code, out, _ = a.do("POST", "/v1/bookings", widget, `{"external_id": "a", "external_id": "b", "customer": {}}`)
	wantError(t, code, out, http.StatusBadRequest, api.CodeInvalidJSON, "external_id")
	code, out, _ = a.do("PATCH", "/v1/tenant/policy", a.token(store.ScopeAdmin), `{"attribute_rules": {"points": "sum", "points": "max"}}`)
	wantError(t, code, out, http.StatusBadRequest, api.CodeInvalidJSON, "attribute_rules.points")
}
