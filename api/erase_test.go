package api_test

import (
	"bytes"
	"net/http"
	"testing"

	"dedupe/api"
	"dedupe/store"
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
