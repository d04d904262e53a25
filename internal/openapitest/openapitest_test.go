package openapitest_test

import (
	"net/http"
	"strings"
	"testing"

	"dedupe/internal/openapitest"
)

// TestCheck checks what Check lets through and what it reports, without a
// server: exchanges are made up.
func TestCheck(t *testing.T) {
	answer := http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"r1"}}
	bearer := http.Header{"Authorization": {"Bearer dk_x"}}
	const booking = `{"external_id": "bk-1", "customer": {"first_name": "Camille", "email": "c@example.fr"}}`
	const accepted = `{"ingestion_id": "6f1c1a52-3c1e-5d0b-9a51-0b6a3f0e2f4e", "status_url": "/v1/ingestions/6f1c1a52-3c1e-5d0b-9a51-0b6a3f0e2f4e"}`
	for _, tt := range []struct {
		name, method, path string
		header             http.Header
		body               string
		status             int
		respBody           string
		want               string // in the error; "" for none
	}{
		{"OK", "POST", "/v1/bookings", bearer, booking, 202, accepted, ""},
		{"UndescribedRoute", "GET", "/v1/nowhere", bearer, "", 200, `{}`, "not described"},
		{"UndescribedRouteAnswered404", "GET", "/v1/nowhere", bearer, "", 404,
			`{"error": {"code": "not_found", "message": "no such endpoint"}}`, ""},
		{"UndescribedStatus", "POST", "/v1/bookings", bearer, booking, 418, `{"error": {"code": "internal", "message": "x"}}`, "status is not supported"},
		{"UndescribedField", "POST", "/v1/bookings", bearer, booking, 202,
			strings.TrimSuffix(accepted, "}") + `, "queue": "ingest"}`, "queue"},
		{"MissingField", "POST", "/v1/bookings", bearer, booking, 202, `{"ingestion_id": "6f1c1a52-3c1e-5d0b-9a51-0b6a3f0e2f4e"}`, "status_url"},
		{"ErrorShape", "POST", "/v1/bookings", bearer, `{`, 400, `{"error": "bad"}`, "answer breaks"},
		{"BadRequestAnswered400", "POST", "/v1/bookings", bearer, `{"external_id": 7}`, 400,
			`{"error": {"code": "invalid_field", "message": "external_id must be a string", "field": "external_id"}}`, ""},
		{"BadRequestAccepted", "POST", "/v1/bookings", bearer, `{"external_id": "bk-1", "customer": {}, "shoe_size": 44}`, 202, accepted, "request, which the server accepted"},
		{"NoToken", "POST", "/v1/bookings", nil, booking, 202, accepted, "Bearer"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, "http://127.0.0.1:1"+tt.path, nil)
			for k, v := range tt.header {
				req.Header[k] = v
			}
			err := openapitest.Check(req, []byte(tt.body), tt.status, answer.Clone(), []byte(tt.respBody))
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Check = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("Check = %v, want an error with %q", err, tt.want)
			}
		})
	}
}

// TestCheckWebhook checks what CheckWebhook lets through and what it
// reports: events are made up.
func TestCheckWebhook(t *testing.T) {
	signed := http.Header{"Content-Type": {"application/json"}, "Webhook-Id": {"2c7a9e4b-81f3-4d65-9a0e-3b1f5c6d7e80"},
		"Webhook-Timestamp": {"1795428002"}, "Webhook-Signature": {"v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="}}
	event := func(typ, data string) string {
		return `{"id": "2c7a9e4b-81f3-4d65-9a0e-3b1f5c6d7e80", "type": "` + typ + `", "occurred_at": "2026-11-23T10:00:02.123456Z",
			"tenant_id": "8e1b2c3d-4f5a-4b6c-9d7e-0f1a2b3c4d5e", "sequence": 40, "data": ` + data + `}`
	}
	const closed = `{"review_id": "4f776cd8-8526-4b0e-b47a-5778738609c9", "profile_ids": [], "status": "merged"}`
	for _, tt := range []struct {
		name   string
		header http.Header
		body   string
		want   string // in the error; "" for none
	}{
		{"OK", signed, event("review.closed", closed), ""},
		{"UnknownType", signed, event("review.reopened", closed), "not described"},
		{"WrongData", signed, event("profile.created", closed), "profile_id"},
		{"UndescribedValue", signed, event("review.closed", strings.Replace(closed, "merged", "open", 1)), "status"},
		{"Unsigned", http.Header{"Content-Type": {"application/json"}}, event("review.closed", closed), "webhook-"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := openapitest.CheckWebhook(tt.header, []byte(tt.body))
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("CheckWebhook = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("CheckWebhook = %v, want an error with %q", err, tt.want)
			}
		})
	}
}
