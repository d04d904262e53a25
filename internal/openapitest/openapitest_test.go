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
