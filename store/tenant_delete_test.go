package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"

	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
)

// tenantRows counts the rows of a tenant in every table that has a
// tenant_id column, and in tenants itself.
func tenantRows(t *testing.T, s *store.Store, tenantID string) map[string]int {
	t.Helper()
	ctx := context.Background()
	rows, _ := s.Pool().Query(ctx, `SELECT table_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND column_name = 'tenant_id'`)
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{"tenants": count(t, s, `SELECT count(*) FROM tenants WHERE id = $1`, tenantID)}
	for _, table := range tables {
		out[table] = count(t, s, `SELECT count(*) FROM `+pgx.Identifier{table}.Sanitize()+` WHERE tenant_id = $1`, tenantID)
	}
	return out
}

func TestDeleteTenant(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	// Two tenants with the same customers: a family sharing an email (a
	// review candidate), a returning customer, a token and a fuzzy search.
	fill := func(slug string) store.Tenant {
		tn := storetest.MustTenant(t, s, slug, "FR")
		if _, _, err := s.CreateToken(ctx, slug, "test", []string{store.ScopeIngest}); err != nil {
			t.Fatal(err)
		}
		mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Camille", LastName: "Roy", Email: "roy@example.fr", Mobile: "0612345678"}))
		mustIngest(t, s, booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Camille", Email: "roy@example.fr"}))
		kid := mustIngest(t, s, booking(tn.ID, "bk-3", matcher.Customer{FirstName: "Hugo", LastName: "Roy", Email: "roy@example.fr"}))
		if kid.ReviewID == nil {
			t.Fatalf("no review candidate for a shared family email: %+v", kid)
		}
		if _, err := s.FuzzyCandidates(ctx, tn.ID, *kid.ProfileID); err != nil {
			t.Fatal(err)
		}
		return tn
	}
	a, b := fill("salon-a"), fill("salon-b")
	keep := tenantRows(t, s, b.ID)

	t.Run("OK", func(t *testing.T) {
		before := tenantRows(t, s, a.ID)
		for _, table := range []string{"tenants", "api_tokens", "profiles", "contact_points", "activities", "ingestions", "review_candidates", "audit_events"} {
			if before[table] == 0 {
				t.Fatalf("tenant a has no rows in %s before the delete: the test covers nothing there", table)
			}
		}
		if err := s.DeleteTenant(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		for table, n := range tenantRows(t, s, a.ID) {
			if n != 0 {
				t.Errorf("%s still holds %d rows of the deleted tenant", table, n)
			}
		}
		after := tenantRows(t, s, b.ID)
		for table, n := range keep {
			if after[table] != n {
				t.Errorf("%s: the other tenant has %d rows, had %d", table, after[table], n)
			}
		}
		if _, err := s.TenantBySlug(ctx, "salon-a"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("TenantBySlug after delete: %v, want ErrNotFound", err)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		if err := s.DeleteTenant(ctx, a.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("second delete: %v, want ErrNotFound", err)
		}
	})
}
