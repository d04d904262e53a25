package api

import (
	"bytes"
	_ "embed"
	"net/http"
)

// openapiJSON is the OpenAPI 3.1 description of every route: the contract
// of the JSON API. The tests check every request they send and every
// answer they get against it (internal/openapitest), so a route, field or
// status it does not describe fails them.
//
//go:embed openapi.json
var openapiJSON []byte

// OpenAPI returns the OpenAPI 3.1 document that GET /v1/openapi.json
// serves.
func OpenAPI() []byte { return bytes.Clone(openapiJSON) }

// handleOpenAPI answers GET /v1/openapi.json, without authentication: a
// client generator or a reviewer needs no token to read the contract.
func handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openapiJSON)
}
