package store_test

import (
	"context"
	"testing"

	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
)

// TestIngestNameGuard: a booking that writes a customer's name differently
// (names swapped, a first name cut short) updates the profile its email or
// mobile finds, without a review; another first name on the same mobile
// still gets a profile of its own.
func TestIngestNameGuard(t *testing.T) {
	ctx := context.Background()
	// wantUpdated checks that ing updated profileID without a review, and
	// returns the profile as stored.
	wantUpdated := func(t *testing.T, s *store.Store, tenantID string, ing store.Ingestion, profileID string) store.Profile {
		t.Helper()
		if *ing.Decision != "updated" || *ing.ProfileID != profileID || ing.ReviewID != nil || ing.Explanation.Rule != matcher.RuleSingleMatch {
			t.Fatalf("ingestion = %+v, want %s updated without a review", ing, profileID)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE tenant_id = $1`, tenantID); n != 1 {
			t.Errorf("%d profiles, want 1", n)
		}
		if n := count(t, s, `SELECT count(*) FROM review_candidates WHERE tenant_id = $1`, tenantID); n != 0 {
			t.Errorf("%d review candidates, want none", n)
		}
		p, err := s.Profile(ctx, tenantID, profileID)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}

	t.Run("SwappedNames", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "FR")
		a := mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Sophie", LastName: "Martin", Mobile: "06 12 34 56 78"}))
		b := mustIngest(t, s, booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Martin", LastName: "Sophie", Mobile: "+33 6 12 34 56 78"}))
		p := wantUpdated(t, s, tn.ID, b, *a.ProfileID)
		if p.FirstName != "Sophie" || p.LastName != "Martin" || len(b.Explanation.Changes) != 0 {
			t.Errorf("profile %s %s, changes %+v; want Sophie Martin kept in its order", p.FirstName, p.LastName, b.Explanation.Changes)
		}
		if b.Reason != "one profile holds this email or mobile and its first name and surname are the booking's, swapped: updated it" {
			t.Errorf("reason = %q", b.Reason)
		}
	})

	t.Run("ClippedFirstName", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "FR")
		a := mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Véronique", LastName: "Petit", Email: "veronique.petit@example.fr"}))
		b := mustIngest(t, s, booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Véro", LastName: "Petit", Email: "Veronique.Petit@example.fr"}))
		wantUpdated(t, s, tn.ID, b, *a.ProfileID)
	})

	t.Run("OtherFirstNameOnSameMobile", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "FR")
		a := mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Sophie", LastName: "Martin", Mobile: "06 12 34 56 78"}))
		b := mustIngest(t, s, booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Paul", LastName: "Martin", Mobile: "06 12 34 56 78"}))
		if *b.Decision != "created" || *b.ProfileID == *a.ProfileID || b.ReviewID == nil || b.Explanation.Rule != matcher.RuleNameGuard {
			t.Fatalf("ingestion = %+v, want a new profile and a review", b)
		}
	})

	// A profile filed by its surname alone is not renamed by a booking of
	// another surname on its email: a profile of its own and a review. One
	// of its surname, with a slip, still finds it (the first-created of the
	// two on the email now).
	t.Run("NoFirstNameAndAnotherSurname", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "FR")
		a := mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{LastName: "Dupont", Email: "famille.dupont@example.fr"}))
		b := mustIngest(t, s, booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Marie", LastName: "Martin", Email: "famille.dupont@example.fr"}))
		if *b.Decision != "created" || *b.ProfileID == *a.ProfileID || b.ReviewID == nil || b.Explanation.Rule != matcher.RuleNameGuard {
			t.Fatalf("ingestion = %+v, want a new profile and a review", b)
		}
		if p, err := s.Profile(ctx, tn.ID, *a.ProfileID); err != nil || p.FirstName != "" || p.LastName != "Dupont" {
			t.Fatalf("Dupont's profile = %+v (%v), want it as it was", p, err)
		}
		d := mustIngest(t, s, booking(tn.ID, "bk-3", matcher.Customer{FirstName: "Jean", LastName: "Dupond", Email: "famille.dupont@example.fr"}, "first_name"))
		if *d.Decision != "updated" || *d.ProfileID != *a.ProfileID {
			t.Fatalf("Jean Dupond on Dupont's email = %+v, want Dupont's profile updated", d)
		}
	})
}
