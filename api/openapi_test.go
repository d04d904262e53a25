package api_test

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"dedupe/api"
	"dedupe/internal/openapitest"
	"dedupe/store"
	"dedupe/worker"
)

// TestOpenAPIDocumentIsValid checks api/openapi.json is valid OpenAPI 3.1,
// examples included.
func TestOpenAPIDocumentIsValid(t *testing.T) {
	doc := openapitest.Document(t)
	if !strings.HasPrefix(doc.OpenAPI, "3.1.") {
		t.Fatalf("openapi = %q, want 3.1.x", doc.OpenAPI)
	}
}

// TestOpenAPIServed checks GET /v1/openapi.json answers the embedded
// document to anybody.
func TestOpenAPIServed(t *testing.T) {
	a := mustAPI(t)
	code, out, h := a.do("GET", "/v1/openapi.json", "", "")
	if code != http.StatusOK || h.Get("Content-Type") != "application/json" {
		t.Fatalf("GET /v1/openapi.json = %d %s", code, h.Get("Content-Type"))
	}
	if !bytes.Equal(out, api.OpenAPI()) {
		t.Fatal("GET /v1/openapi.json is not the embedded document")
	}
}

// publicRoutes are the routes served without a token, besides the review
// pages (which sign in with a form).
var publicRoutes = []string{"GET /v1/openapi.json", "GET /healthz", "GET /readyz", "GET /metrics"}

// TestOpenAPIDescribesEveryRoute checks the document and the server agree
// on the routes and their scopes: every authenticated route is described
// with the scopes that may call it, every route the document describes is
// served, and those it describes as needing no token need none.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	a := mustAPI(t)
	srv, err := api.New(api.Config{Store: a.store, Queue: worker.NewClient(a.redis)})
	if err != nil {
		t.Fatal(err)
	}
	doc := openapitest.Document(t)
	described := map[string]*openapi3.Operation{} // "METHOD /path" → operation
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			described[method+" "+path] = op
		}
	}

	served := map[string]bool{}
	for _, r := range srv.Routes() {
		served[r.Pattern] = true
		op := described[r.Pattern]
		if op == nil {
			t.Errorf("%s is served but not described in %s", r.Pattern, openapitest.File)
			continue
		}
		if got, want := scopes(t, r.Pattern, op), slices.Sorted(slices.Values(r.Scopes)); !slices.Equal(got, want) {
			t.Errorf("%s: the document accepts scopes %v, the server %v", r.Pattern, got, want)
		}
	}
	for _, p := range publicRoutes {
		if op := described[p]; op == nil {
			t.Errorf("%s is served but not described in %s", p, openapitest.File)
		} else if len(scopes(t, p, op)) > 0 {
			t.Errorf("%s needs no token, but the document says it does", p)
		}
	}

	// Every described route is served: without credentials, a route
	// that needs them answers 401 and any other something else than "no
	// such endpoint" (404 from the catch-all, 405 from the mux).
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for pattern, op := range described {
		method, path, _ := strings.Cut(pattern, " ")
		path = strings.ReplaceAll(path, "{id}", "00000000-0000-0000-0000-000000000000")
		req, _ := http.NewRequest(method, a.url+path, nil)
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		code := resp.StatusCode
		needsToken := len(scopes(t, pattern, op)) > 0
		switch {
		case code == http.StatusMethodNotAllowed || code == http.StatusNotFound && strings.Contains(string(out), "no such endpoint"):
			t.Errorf("%s is described in %s but not served (%d)", pattern, openapitest.File, code)
		case needsToken && !served[pattern]:
			t.Errorf("%s needs a token in %s but is not among the server's Routes()", pattern, openapitest.File)
		case len(*op.Security) > 0 && code != http.StatusUnauthorized:
			t.Errorf("%s without credentials = %d, want 401", pattern, code)
		case len(*op.Security) == 0 && code == http.StatusUnauthorized && pattern != "POST /review/signin": // its form carries the token
			t.Errorf("%s without credentials = 401, but the document says it needs none", pattern)
		}
	}
}

// scopes returns the sorted scopes an operation accepts. Each security
// requirement names one scope of the bearer scheme: any one is enough.
func scopes(t *testing.T, pattern string, op *openapi3.Operation) []string {
	t.Helper()
	if op.Security == nil {
		t.Errorf("%s: no security requirements (write \"security\": [] for a route that needs no token)", pattern)
		return nil
	}
	var out []string
	for _, req := range *op.Security {
		if _, ok := req["reviewSession"]; ok && len(req) == 1 {
			continue // a review page: the cookie, not a bearer token
		}
		s, ok := req["bearer"]
		if len(req) != 1 || !ok || len(s) != 1 {
			t.Errorf("%s: security requirement %v is not one scope of the bearer scheme", pattern, req)
			continue
		}
		out = append(out, s[0])
	}
	slices.Sort(out)
	return out
}

// TestRedirectBodiesAreDescribed: a GET that redirects answers the short
// HTML link Go's http.Redirect writes, and the document describes that
// body (openapitest checks only what the document declares).
func TestRedirectBodiesAreDescribed(t *testing.T) {
	a := mustAPI(t)
	doc := openapitest.Document(t)
	noRedirect := &http.Client{Transport: openapitest.Transport(),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	reviewer := a.token(store.ScopeReview)
	for path, uri := range map[string]string{
		"/review/":         "/review/",
		"/review/language": "/review/language?lang=fr&next=/review",
		"/customers/merge": "/customers/merge?ids=00000000-0000-0000-0000-000000000000", // one id: back to the search
	} {
		req, _ := http.NewRequest("GET", a.url+uri, nil)
		req.AddCookie(&http.Cookie{Name: "dedupe_review", Value: reviewer}) // the review pages' session
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		ct := resp.Header.Get("Content-Type")
		if resp.StatusCode != http.StatusSeeOther || len(out) == 0 {
			t.Errorf("GET %s = %d %s %q; want 303 with a body", uri, resp.StatusCode, ct, out)
			continue
		}
		if doc.Paths.Value(path).Get.Responses.Status(http.StatusSeeOther).Value.Content.Get(ct) == nil {
			t.Errorf("GET %s answers 303 with a %s body, which %s does not describe", uri, ct, openapitest.File)
		}
	}
}

// TestOpenAPINamesEveryErrorCode: every error code the API's code declares
// (its Code… constants) is in the document's enum of codes, so that a
// client that checks the enum never meets a code it was not told of.
func TestOpenAPINamesEveryErrorCode(t *testing.T) {
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	fset := token.NewFileSet()
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok {
				return true
			}
			for i, name := range vs.Names {
				if i >= len(vs.Values) {
					continue
				}
				if lit, ok := vs.Values[i].(*ast.BasicLit); ok && strings.HasPrefix(name.Name, "Code") && lit.Kind == token.STRING {
					code, _ := strconv.Unquote(lit.Value)
					codes = append(codes, code)
				}
			}
			return true
		})
	}
	enum := openapitest.Document(t).Components.Schemas["Error"].Value.Properties["error"].Value.Properties["code"].Value.Enum
	if len(codes) < 10 {
		t.Fatalf("found only the codes %v in the package", codes)
	}
	for _, c := range codes {
		if !slices.Contains(enum, any(c)) {
			t.Errorf("error code %q is not in the document's enum %v", c, enum)
		}
	}
}
