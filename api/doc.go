// Package api is dedupe's HTTP side: the ingest endpoints that put bookings
// and sales on the queue, the profile look-ups, the review API (merge,
// ignore, undo), the server-rendered /review pages and the front desk's
// /customers pages (in English, French and Spanish, from the message
// catalogues in templates/locales), health and metrics.
//
// It authenticates every /v1 request with a bearer token, enforces the
// token's scopes and tenant, validates input before anything is accepted,
// and answers errors in the one JSON shape of DESIGN.md. It reads and writes
// through package store and enqueues through package worker's Client, which
// owns the task format; it never touches SQL or Redis itself. The pages
// authenticate with the same tokens, kept in a cookie (reviewpage.go).
//
// openapi.json describes every route, request and answer as OpenAPI 3.1;
// it is embedded and served at GET /v1/openapi.json, and the tests check
// every exchange against it (internal/openapitest). A change to a route or
// to a JSON shape changes that file too.
package api
