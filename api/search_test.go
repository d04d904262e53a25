package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"dedupe/store"
)

func TestCustomerSearch(t *testing.T) {
	a := mustAPI(t)
	desk := a.token(store.ScopeWrite, store.ScopeRead)
	create := func(body string) string {
		t.Helper()
		code, out, _ := a.do("POST", "/v1/profiles", desk, body)
		if code != http.StatusCreated {
			t.Fatalf("POST /v1/profiles %s = %d %s", body, code, out)
		}
		return mustJSON[struct{ Profile struct{ ID string } }](t, out).Profile.ID
	}
	anais := create(`{"first_name": "Anaïs", "last_name": "Lefèvre-Dumont", "email": "Anais.LD@Example.fr", "mobile": "07 98 76 54 32"}`)
	martin := create(`{"first_name": "Marie", "last_name": "Martin", "email": "marie@example.fr"}`)
	martinez := create(`{"first_name": "Marie", "last_name": "Martinez"}`)
	create(`{"first_name": "Paul", "last_name": "Durand", "mobile": "06 11 22 33 44"}`)

	search := func(q string, extra ...string) ([]string, *string) {
		t.Helper()
		v := url.Values{"q": {q}}
		for i := 0; i+1 < len(extra); i += 2 {
			v.Set(extra[i], extra[i+1])
		}
		code, out, _ := a.do("GET", "/v1/profiles?"+v.Encode(), desk, "")
		if code != http.StatusOK {
			t.Fatalf("search %q = %d %s", q, code, out)
		}
		res := mustJSON[struct {
			Profiles []struct {
				ID            string
				ActivityCount *int `json:"activity_count"`
			}
			NextCursor *string `json:"next_cursor"`
		}](t, out)
		var ids []string
		for _, p := range res.Profiles {
			ids = append(ids, p.ID)
		}
		return ids, res.NextCursor
	}
	for _, q := range []string{"anais", "ANAÏS", "Lefèvre-Dumont Anaïs", "dumont", "Dumont Anais", "lef", "lefevre-dum", "Dumnot",
		"anais.ld@example.fr", "ANAIS.LD@EXAMPLE.FR", "07 98 76 54 32", "+33 7 98 76 54 32", "0798765432", "+33798765432"} {
		if ids, _ := search(q); len(ids) != 1 || ids[0] != anais {
			t.Errorf("search %q = %v, want Anaïs alone (%s)", q, ids, anais)
		}
	}
	for _, q := range []string{"Dupuis", "anais martin", "0612345678", "nobody@example.fr", "zz"} {
		if ids, _ := search(q); len(ids) != 0 {
			t.Errorf("search %q = %v, want nobody", q, ids)
		}
	}
	if ids, _ := search("martin"); len(ids) != 2 || ids[0] != martin || ids[1] != martinez {
		t.Errorf("search martin = %v; want Martin (the whole word) before Martinez (a beginning): %s %s", ids, martin, martinez)
	}

	t.Run("Pages", func(t *testing.T) {
		want := map[string]bool{}
		for i := range 23 {
			want[create(fmt.Sprintf(`{"first_name": "Jean%c", "last_name": "Moreau"}`, 'a'+i))] = true
		}
		seen := map[string]bool{}
		cursor, pages := "", 0
		for {
			extra := []string{"limit", "10"}
			if cursor != "" {
				extra = append(extra, "cursor", cursor)
			}
			ids, next := search("moreau", extra...)
			pages++
			for _, id := range ids {
				if seen[id] || !want[id] {
					t.Fatalf("page %d: %s repeated or not a Moreau", pages, id)
				}
				seen[id] = true
			}
			if next == nil {
				break
			}
			cursor = *next
		}
		if len(seen) != 23 || pages != 3 {
			t.Fatalf("%d profiles over %d pages, want 23 over 3", len(seen), pages)
		}
		// A cursor is a place in its own search: with another text it is refused.
		_, next := search("moreau", "limit", "10")
		code, out, _ := a.do("GET", "/v1/profiles?q=jeana+moreau&cursor="+*next, desk, "")
		wantError(t, code, out, http.StatusBadRequest, "", "cursor")
	})
	t.Run("BadInput", func(t *testing.T) {
		for _, tt := range []struct{ query, field string }{{"q=", "q"}, {"q=--", "q"}, {"q=anais&limit=0", "limit"},
			{"q=anais&limit=101", "limit"}, {"q=anais&cursor=nonsense", "cursor"}} {
			code, out, _ := a.do("GET", "/v1/profiles?"+tt.query, desk, "")
			wantError(t, code, out, http.StatusBadRequest, "", tt.field)
		}
		if code, _, _ := a.do("GET", "/v1/profiles?q=anais", a.token(store.ScopeWrite), ""); code != http.StatusForbidden {
			t.Fatalf("search with a write-only token = %d, want 403", code)
		}
	})
}

// TestWorkerMergesPendingSearchEntries: with a worker running, the search
// index's pending entries are merged in the background within a second or
// two, so no booking or front-desk write meets a full list.
func TestWorkerMergesPendingSearchEntries(t *testing.T) {
	a := mustAPI(t)
	desk := a.token(store.ScopeWrite, store.ScopeRead)
	for i := range 20 {
		body := fmt.Sprintf(`{"first_name": "Marie-Claude", "last_name": "Fontaine-%c"}`, 'a'+i)
		if code, out, _ := a.do("POST", "/v1/profiles", desk, body); code != http.StatusCreated {
			t.Fatalf("POST /v1/profiles = %d %s", code, out)
		}
	}
	// The worker merges every second; three give it room on a busy machine.
	// (A merge here would empty the list itself: it is called once.)
	time.Sleep(3 * time.Second)
	left, err := a.store.MergePendingEntries(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if left != 0 {
		t.Errorf("%d pending pages unmerged 3 s after the writes: the worker does not merge them", left)
	}
}
