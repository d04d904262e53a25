package api

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// Error codes of the {"error": {"code", "message", "field"}} body.
const (
	CodeInvalidJSON      = "invalid_json"
	CodeMissingField     = "missing_field"
	CodeInvalidField     = "invalid_field"
	CodeUnknownField     = "unknown_field"
	CodeBodyTooLarge     = "body_too_large"
	CodeUnsupportedMedia = "unsupported_media_type"
	CodeUnauthorized     = "unauthorized"
	CodeForbidden        = "forbidden"
	CodeNotFound         = "not_found"
	CodeMethodNotAllowed = "method_not_allowed"
	CodeQueueUnavailable = "queue_unavailable"
	CodeDBUnavailable    = "database_unavailable"
	CodeInternal         = "internal"
	CodeRateLimited      = "rate_limited"
)

// Error is an API error: an HTTP status and the body that explains it.
type Error struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
	// RetryAfter, in seconds, is sent as the Retry-After header when set.
	RetryAfter int `json:"-"`
	// cause is what went wrong inside, for the log line of a 5xx; the
	// client reads Message, which never holds it (an SQL error names the
	// schema, and may quote a value).
	cause error
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

func badRequest(code, field, msg string) *Error {
	return &Error{Status: http.StatusBadRequest, Code: code, Field: field, Message: msg}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, e *Error) {
	switch {
	case e.RetryAfter > 0:
		w.Header().Set("Retry-After", strconv.Itoa(e.RetryAfter))
	case e.Status == http.StatusServiceUnavailable:
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, e.Status, map[string]*Error{"error": e})
}
