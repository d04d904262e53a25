package worker

import (
	"encoding/json"
	"testing"
	"time"

	"dedupe/matcher"
	"dedupe/store"
)

// benchIngest is a booking as the API enqueues it.
var benchIngest = store.Ingest{
	IngestionID: IngestionID("6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b", "booking_widget", "bk-2026-000123"),
	TenantID:    "6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b", Kind: store.KindBooking, Source: "booking_widget",
	ExternalID: "bk-2026-000123", OccurredAt: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC),
	Requested: []string{"first_name", "last_name", "email", "mobile"},
	Customer: matcher.Customer{FirstName: "Camille", LastName: "Roy", Email: "Camille.Roy@Example.fr",
		Mobile: "06 12 34 56 78", BirthDate: "1990-04-02", Attributes: map[string]string{"member_code": "A-17"}},
	Details:    json.RawMessage(`{"service":"Coupe","starts_at":"2026-11-30T14:00:00Z"}`),
	AcceptedAt: time.Date(2026, 11, 23, 10, 0, 1, 0, time.UTC),
}

// BenchmarkDecodeIngest is the worker's first step on every task.
func BenchmarkDecodeIngest(b *testing.B) {
	payload, err := json.Marshal(benchIngest)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(payload)))
	for b.Loop() {
		if _, err := decodeIngest(payload); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewIngestTask is the API's encoding of every booking.
func BenchmarkNewIngestTask(b *testing.B) {
	for b.Loop() {
		if _, err := NewIngestTask(benchIngest); err != nil {
			b.Fatal(err)
		}
	}
}
