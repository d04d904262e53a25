// Package openapitest checks HTTP traffic against the API's OpenAPI 3.1
// document (api/openapi.json, served at GET /v1/openapi.json), so that the
// document cannot drift from what the server does.
//
// [Watch] gives http.DefaultClient the checking [Transport] once; from then
// on every request a test sends to a watched server through it (http.Get,
// http.DefaultClient.Do, and any client built with Transport: [Transport]())
// is checked with its answer, and a mismatch fails the test that watches
// that server:
//
//   - a request to a route the document does not describe, unless the
//     server answered 404 or 405 too;
//   - an answer whose status, headers or body the operation does not
//     describe (an undocumented status, a missing required field, a field
//     the schema does not allow);
//   - a request that the server accepted (2xx) and the document would
//     refuse. Requests answered 4xx or 5xx are not checked, only their
//     answers: tests send malformed requests on purpose.
//
// [CheckWebhook] checks a webhook event a test's receiver got against the
// document's webhooks section in the same way.
//
// The document is validated as OpenAPI 3.1 when first loaded. Validation
// uses github.com/getkin/kin-openapi (openapi3filter), which checks OpenAPI
// 3.1 schemas as JSON Schema 2020-12.
//
// This package is for tests only: it must not be imported by production
// code.
package openapitest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"dedupe/api"
)

// File is where the document lives in the source tree, for messages.
const File = "api/openapi.json"

var (
	loadOnce sync.Once
	doc      *openapi3.T
	router   routers.Router
	loadErr  error
)

// load parses and validates the embedded document once.
func load() (*openapi3.T, routers.Router, error) {
	loadOnce.Do(func() {
		ctx := context.Background()
		loader := openapi3.NewLoader()
		loader.Context = ctx
		doc, loadErr = loader.LoadFromData(api.OpenAPI())
		if loadErr != nil {
			loadErr = fmt.Errorf("%s: %w", File, loadErr)
			return
		}
		if !doc.IsOpenAPI31OrLater() || !strings.HasPrefix(doc.OpenAPI, "3.1.") {
			loadErr = fmt.Errorf("%s: openapi is %q, want 3.1.x", File, doc.OpenAPI)
			return
		}
		if loadErr = doc.Validate(ctx, openapi3.EnableExamplesValidation()); loadErr != nil {
			loadErr = fmt.Errorf("%s is not valid OpenAPI 3.1: %w", File, loadErr)
			return
		}
		router, loadErr = gorillamux.NewRouter(doc)
	})
	return doc, router, loadErr
}

// Document returns the API's OpenAPI document, loaded and validated as
// OpenAPI 3.1; it fails tb when the document is not valid.
func Document(tb testing.TB) *openapi3.T {
	tb.Helper()
	d, _, err := load()
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// options are the validation options: every status an answer may have
// must be documented, and a request's credentials (a bearer token, the
// review pages' cookie) are checked for presence only: their scopes live
// in the database.
var options = &openapi3filter.Options{
	IncludeResponseStatus: true,
	SkipSettingDefaults:   true,
	MultiError:            true,
	AuthenticationFunc:    present,
}

func present(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	req, scheme := in.RequestValidationInput.Request, in.SecurityScheme
	switch {
	case scheme.Type == "http" && strings.EqualFold(scheme.Scheme, "bearer"):
		kind, token, _ := strings.Cut(strings.TrimSpace(req.Header.Get("Authorization")), " ")
		if !strings.EqualFold(kind, "Bearer") || strings.TrimSpace(token) == "" {
			return errors.New("no Authorization: Bearer token")
		}
	case scheme.Type == "apiKey" && scheme.In == "cookie":
		if c, err := req.Cookie(scheme.Name); err != nil || c.Value == "" {
			return fmt.Errorf("no %s cookie", scheme.Name)
		}
	default:
		return fmt.Errorf("openapitest cannot check security scheme %q", in.SecuritySchemeName)
	}
	return nil
}

// Check checks one exchange against the document: the route, the request
// when the server accepted it (2xx), and the answer. req's body is
// ignored; reqBody is what was sent.
func Check(req *http.Request, reqBody []byte, status int, header http.Header, respBody []byte) error {
	_, r, err := load()
	if err != nil {
		return err
	}
	ctx := context.Background()
	req = req.Clone(ctx)
	req.Body = io.NopCloser(bytes.NewReader(reqBody))
	if len(reqBody) > 0 && req.Header.Get("Content-Type") == "" {
		// The API reads a body sent with no Content-Type as JSON, and
		// tests, like simple clients, often send none.
		req.Header.Set("Content-Type", "application/json")
	}
	route, params, err := r.FindRoute(req)
	if err != nil {
		if status == http.StatusNotFound || status == http.StatusMethodNotAllowed {
			return nil // the server does not serve it either
		}
		return fmt.Errorf("%s %s answered %d but is not described in %s (%v)", req.Method, req.URL.Path, status, File, err)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: options}
	var errs []error
	if status >= 200 && status < 300 {
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			errs = append(errs, fmt.Errorf("the request, which the server accepted, breaks %s: %w", File, err))
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: status, Header: header, Options: options}
	out.SetBodyBytes(respBody)
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		errs = append(errs, fmt.Errorf("the %d answer breaks %s: %w\nbody: %s", status, File, err, clip(respBody)))
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s %s: %w", req.Method, req.URL.RequestURI(), errors.Join(errs...))
	}
	return nil
}

// CheckWebhook checks a webhook event as its receiver got it (the POST's
// header and body) against the document's webhooks section: the
// operation named by the body's type describes its headers and body.
func CheckWebhook(header http.Header, body []byte) error {
	d, _, err := load()
	if err != nil {
		return err
	}
	var ev struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(body, &ev); err != nil {
		return fmt.Errorf("webhook event %s is not JSON: %w", clip(body), err)
	}
	item := d.Webhooks[ev.Type]
	if item == nil || item.Post == nil {
		return fmt.Errorf("webhook event type %q is not described under webhooks in %s", ev.Type, File)
	}
	ctx := context.Background()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://receiver.invalid/", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header = header.Clone()
	in := &openapi3filter.RequestValidationInput{Request: req, Options: options,
		Route: &routers.Route{Spec: d, Path: ev.Type, PathItem: item, Method: http.MethodPost, Operation: item.Post}}
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
		return fmt.Errorf("webhook event %s breaks %s: %w\nbody: %s", ev.Type, File, err, clip(body))
	}
	return nil
}

func clip(b []byte) string {
	const max = 2000
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(b)
}

// watchers maps a watched server's host:port to the test watching it.
var (
	mu       sync.Mutex
	watchers = map[string]testing.TB{}
	wrapOnce sync.Once
)

// checking is the one checking transport, over http.DefaultTransport.
var checking = &transport{base: http.DefaultTransport}

// Transport returns a RoundTripper that checks the exchanges with the
// servers tests [Watch] and passes the others through to
// http.DefaultTransport, for a test's own http.Client (one with a cookie
// jar or a timeout). http.DefaultTransport itself is left alone: code
// clones it as an *http.Transport.
func Transport() http.RoundTripper { return checking }

// Watch checks every exchange with the server at base (such as
// "http://127.0.0.1:40123") that goes through http.DefaultClient or
// [Transport] until tb ends, and fails tb on the first that breaks the document (and on
// every later one, each with its own message). It first checks that the
// document is valid OpenAPI 3.1.
func Watch(tb testing.TB, base string) {
	tb.Helper()
	Document(tb)
	u, err := url.Parse(base)
	if err != nil || u.Host == "" {
		tb.Fatalf("openapitest: %q is not a base URL", base)
	}
	wrapOnce.Do(func() {
		if http.DefaultClient.Transport == nil {
			http.DefaultClient.Transport = Transport()
		}
	})
	mu.Lock()
	watchers[u.Host] = tb
	mu.Unlock()
	tb.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		if watchers[u.Host] == tb {
			delete(watchers, u.Host)
		}
	})
}

// report fails the test watching host, if any still does: the lock keeps
// a report from reaching a test that has ended.
func report(host string, err error) {
	mu.Lock()
	defer mu.Unlock()
	if tb := watchers[host]; tb != nil {
		tb.Errorf("openapitest: %v", err)
	}
}

func watched(host string) bool {
	mu.Lock()
	defer mu.Unlock()
	return watchers[host] != nil
}

// transport checks the exchanges with watched servers and passes the
// others through untouched.
type transport struct{ base http.RoundTripper }

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	host := req.URL.Host
	if !watched(host) {
		return t.base.RoundTrip(req)
	}
	var body []byte
	if req.Body != nil && req.Body != http.NoBody {
		var err error
		body, err = io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		req = req.Clone(req.Context())
		req.Body = io.NopCloser(bytes.NewReader(body))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	}
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		// The connection broke mid-answer (a fault test): hand the caller
		// what came and the error, and check nothing.
		resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(data), errReader{err}))
		return resp, nil
	}
	resp.Body = io.NopCloser(bytes.NewReader(data))
	if err := Check(req, body, resp.StatusCode, resp.Header, data); err != nil {
		report(host, err)
	}
	return resp, nil
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
