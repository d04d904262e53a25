package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"dedupe/matcher"
	"dedupe/store"
)

// FuzzIngestDecode feeds any body to the booking decoder and validator: it
// never panics, refuses with a 4xx and a code, or accepts a booking whose
// every field passes the checks.
func FuzzIngestDecode(f *testing.F) {
	f.Add(`{"external_id": "bk-1", "customer": {"first_name": "Camille", "email": "c@example.fr"}}`)
	f.Add(`{"external_id": "bk-1", "requested_fields": ["email"], "customer": {}, "booking": {"a": [1, {"b": null}]}}`)
	f.Add(`{"external_id": 1}`)
	f.Add(`{"external_id": "x", "customer": {"attributes": {"k": "v"}}, "occurred_at": "2026-11-23T10:00:00Z"}`)
	f.Add(`[[[[[[[[[[[[[[[[[[[[`)
	f.Add("{\"external_id\": \"a\\u0000b\", \"customer\": {}}")
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body string) {
		for _, kind := range []string{store.KindBooking, store.KindSale} {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodPost, "/v1/bookings", strings.NewReader(body))
			var r ingestRequest
			apiErr := decodeJSON(rec, req, &r)
			var in store.Ingest
			if apiErr == nil {
				in, apiErr = r.validate(kind, "booking_widget", now)
			}
			if apiErr != nil {
				if apiErr.Status < 400 || apiErr.Status > 499 || apiErr.Code == "" || apiErr.Message == "" {
					t.Fatalf("refusal %+v is not a 4xx with a code and a message", apiErr)
				}
				continue
			}
			if in.ExternalID == "" || len(in.ExternalID) > 4*maxExternalID {
				t.Fatalf("accepted external_id %q", in.ExternalID)
			}
			if fe := matcher.CheckCustomer(in.Customer, now); fe != nil {
				t.Fatalf("accepted a customer that fails the checks: %v", fe)
			}
			for _, f := range in.Requested {
				if !matcher.ValidRequestedField(f) {
					t.Fatalf("accepted requested field %q", f)
				}
			}
		}
	})
}

func TestUnknownFieldIsNamedWithItsPath(t *testing.T) {
	for body, want := range map[string]string{
		`{"external_id": "bk-1", "password": "x"}`:                                     "password",
		`{"external_id": "bk-1", "customer": {"first_name": "A", "nickname": "x"}}`:    "customer.nickname",
		`{"external_id": "bk-1", "customer": {"address": {"line1": "x", "zip": "1"}}}`: "customer.address.zip",
	} {
		req := httptest.NewRequest(http.MethodPost, "/v1/bookings", strings.NewReader(body))
		var r ingestRequest
		err := decodeJSON(httptest.NewRecorder(), req, &r)
		if err == nil || err.Code != CodeUnknownField || err.Field != want {
			t.Errorf("%s: %+v, want unknown_field on %s", body, err, want)
		}
	}
	// Inside booking and attributes, any key goes.
	req := httptest.NewRequest(http.MethodPost, "/v1/bookings", strings.NewReader(
		`{"external_id": "bk-1", "customer": {"attributes": {"anything": "x"}}, "booking": {"whatever": 1}}`))
	var r ingestRequest
	if err := decodeJSON(httptest.NewRecorder(), req, &r); err != nil {
		t.Errorf("free keys refused: %+v", err)
	}
}
