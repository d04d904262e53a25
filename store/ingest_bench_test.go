package store_test

import (
	"context"
	"fmt"
	"testing"

	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
)

// BenchmarkIngest runs the worker's transaction, one booking at a time, on
// the test server: fsync is off there, so it measures the CPU, the
// allocations and the round trips of a booking, not the disk (`make
// bench` measures the durable store bound). Every customer books twice:
// half the bookings create a profile, half update one.
func BenchmarkIngest(b *testing.B) {
	s := storetest.MustOpen(b, store.Config{})
	tn := storetest.MustTenant(b, s, "bench", "FR")
	ctx := context.Background()
	i := 0
	for b.Loop() {
		person := i / 2
		c := matcher.Customer{FirstName: "Camille", LastName: "Roy", Email: fmt.Sprintf("camille.%d@example.fr", person),
			Mobile: fmt.Sprintf("06%08d", 12_000_000+person)}
		if _, err := s.Ingest(ctx, booking(tn.ID, fmt.Sprintf("bk-%d", i), c, "first_name", "last_name", "email", "mobile")); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
