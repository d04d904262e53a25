package api

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"dedupe/store"
)

// benchBooking is DESIGN.md's example booking.
const benchBooking = `{
  "external_id": "bk-2026-000123",
  "source": "booking_widget",
  "occurred_at": "2026-11-23T10:00:00Z",
  "requested_fields": ["first_name", "last_name", "email", "mobile"],
  "customer": {
    "first_name": "Camille", "last_name": "Roy",
    "email": "Camille.Roy@Example.fr", "mobile": "06 12 34 56 78",
    "birth_date": "1990-04-02", "attributes": {"member_code": "A-17"}
  },
  "booking": {"service": "Coupe", "starts_at": "2026-11-30T14:00:00Z"}
}`

// BenchmarkDecodeBooking is the API's work on a POST /v1/bookings before
// it enqueues: read and decode the body, validate it.
func BenchmarkDecodeBooking(b *testing.B) {
	now := time.Date(2026, 11, 23, 10, 0, 1, 0, time.UTC)
	b.SetBytes(int64(len(benchBooking)))
	for b.Loop() {
		r := httptest.NewRequest("POST", "/v1/bookings", strings.NewReader(benchBooking))
		w := httptest.NewRecorder()
		var req ingestRequest
		if err := decodeJSON(w, r, &req); err != nil {
			b.Fatal(err.Message)
		}
		if _, err := req.validate(store.KindBooking, "booking_widget", now); err != nil {
			b.Fatal(err.Message)
		}
	}
}

// BenchmarkRepeatedKey is the look for a key sent twice alone, on the same
// booking: a part of BenchmarkDecodeBooking too small to see in its noise.
func BenchmarkRepeatedKey(b *testing.B) {
	body := []byte(benchBooking)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if path := repeatedKey(body); path != "" {
			b.Fatal(path)
		}
	}
}
