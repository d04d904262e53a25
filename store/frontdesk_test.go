package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
)

// TestIgnoredPairNeverReturns: once a reviewer ignored A and B, no
// candidate holds both again, however it arises: the front desk, a
// booking, or a larger group.
func TestIgnoredPairNeverReturns(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	a := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Sophie", LastName: "Roy", Email: "famille.roy@example.fr"})
	created, err := s.CreateProfile(ctx, tn.ID, "desk", matcher.Customer{FirstName: "Lucas", LastName: "Roy", Email: "famille.roy@example.fr"})
	if err != nil || created.ReviewID == "" {
		t.Fatalf("second profile on the family email = %+v, %v; want a candidate", created, err)
	}
	b := created.Profile
	if _, err := s.IgnoreReview(ctx, tn.ID, "r", created.ReviewID); err != nil {
		t.Fatal(err)
	}
	bothOf := func() []string {
		t.Helper()
		rows, err := s.Pool().Query(ctx, `SELECT id::text FROM review_candidates WHERE tenant_id = $1 AND status = 'open'
			AND profile_ids @> ARRAY[$2::uuid, $3::uuid]`, tn.ID, a.ID, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		return ids
	}
	// A third at the front desk: a group of three would hold the pair.
	third, err := s.CreateProfile(ctx, tn.ID, "desk", matcher.Customer{FirstName: "Emma", LastName: "Roy", Email: "famille.roy@example.fr"})
	if err != nil || third.ReviewID == "" {
		t.Fatalf("third profile = %+v, %v; want a candidate without one side of the pair", third, err)
	}
	rv, err := s.Review(ctx, tn.ID, third.ReviewID)
	if err != nil || !slices.Equal(rv.ProfileIDs, slices.Sorted(slices.Values([]string{third.Profile.ID, a.ID}))) {
		t.Fatalf("third's candidate holds %v, %v; want the new profile and the first-created one", rv.ProfileIDs, err)
	}
	// A booking for a fourth family member: name guard, a new profile,
	// and a candidate with every holder of the email.
	mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Hugo", Email: "famille.roy@example.fr"}))
	if ids := bothOf(); len(ids) != 0 {
		t.Fatalf("open candidates %v hold the ignored pair", ids)
	}
}

// TestTombstonesNameTheFinalSurvivor: A→B, then B→C: A names C. Undoing
// B→C names B again.
func TestTombstonesNameTheFinalSurvivor(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	a := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Ana", Email: "a@example.fr"})
	b := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Ana", Email: "b@example.fr"})
	c := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Ana", Email: "c@example.fr"})
	if _, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, SurvivorID: b.ID, ProfileIDs: []string{a.ID, b.ID}}); err != nil {
		t.Fatal(err)
	}
	second, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, SurvivorID: c.ID, ProfileIDs: []string{b.ID, c.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Profile(ctx, tn.ID, a.ID); p.MergedInto == nil || *p.MergedInto != c.ID {
		t.Fatalf("A after A→B, B→C = %+v; want merged_into C", p)
	}
	if _, err := s.UndoMerge(ctx, tn.ID, "r", second.MergeID); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Profile(ctx, tn.ID, a.ID); p.MergedInto == nil || *p.MergedInto != b.ID {
		t.Fatalf("A after undoing B→C = %+v; want merged_into B again", p)
	}
}

// TestMergeLosesNothing: loyalty points add up, the membership lasts
// until the later date, notes are kept, a pick beats a rule; a dry run
// shows it all and changes nothing; undo gives every value back.
func TestMergeLosesNothing(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	rules := map[string]matcher.AttributeRule{"loyalty_points": matcher.AttrSum, "expires": matcher.AttrMax, "notes": matcher.AttrConcat}
	if _, err := s.UpdatePolicy(ctx, tn.ID, store.PolicyChange{AttributeRules: rules}); err != nil {
		t.Fatal(err)
	}
	a := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Ana", Email: "a@example.fr", Attributes: map[string]string{
		"loyalty_points": "120", "expires": "2027-03-31", "notes": "allergic to latex", "member_code": "A-17"}})
	b := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Ana", Email: "b@example.fr", Attributes: map[string]string{
		"loyalty_points": "80", "expires": "2026-12-31", "notes": "prefers mornings", "member_code": "B-2"}})
	before := snapshot(t, s, tn.ID)
	req := store.MergeRequest{TenantID: tn.ID, ProfileIDs: []string{a.ID, b.ID},
		Picks: map[matcher.Field]string{"attributes.member_code": b.ID}, DryRun: true}
	dry, err := s.Merge(ctx, req)
	if err != nil || !dry.DryRun || dry.MergeID != "" {
		t.Fatalf("dry run = %+v, %v", dry, err)
	}
	if diff := cmp.Diff(before, snapshot(t, s, tn.ID)); diff != "" {
		t.Fatalf("a dry run changed rows:\n%s", diff)
	}
	want := map[string]string{"loyalty_points": "200", "expires": "2027-03-31", "notes": "allergic to latex\nprefers mornings", "member_code": "B-2"}
	if diff := cmp.Diff(want, dry.Profile.Attributes); diff != "" {
		t.Fatalf("dry run's attributes (-want +got):\n%s", diff)
	}
	hows := map[string]string{}
	for _, k := range dry.Kept {
		hows[k.Field] = k.How
	}
	if hows["attributes.loyalty_points"] != "sum" || hows["attributes.member_code"] != "picked" || hows["first_name"] != "survivor" {
		t.Fatalf("kept = %+v", dry.Kept)
	}
	req.DryRun = false
	res, err := s.Merge(ctx, req)
	if err != nil || res.MergeID == "" {
		t.Fatal(res, err)
	}
	if diff := cmp.Diff(want, res.Profile.Attributes); diff != "" {
		t.Fatalf("merged attributes differ from the dry run's (-dry +merged):\n%s", diff)
	}
	if _, err := s.UndoMerge(ctx, tn.ID, "r", res.MergeID); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, snapshot(t, s, tn.ID)); diff != "" {
		t.Fatalf("undo did not restore every value (-before +after):\n%s", diff)
	}
}

// TestAddress: a booking writes the address whole when the form asked for
// it, a merge keeps one whole (picked, or the survivor's), undo puts each
// back, and it is never a match key.
func TestAddress(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	home := &matcher.Address{Line1: "12 rue des Lilas", PostalCode: "75011", City: "Paris", Country: "fr"}
	first := mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Camille", Email: "camille@example.fr", Address: home}))
	p, _ := s.Profile(ctx, tn.ID, *first.ProfileID)
	if p.Address == nil || *p.Address != (matcher.Address{Line1: "12 rue des Lilas", PostalCode: "75011", City: "Paris", Country: "FR"}) {
		t.Fatalf("address = %+v", p.Address)
	}
	// Not asked for: kept as it was.
	work := &matcher.Address{Line1: "3 quai Voltaire", PostalCode: "69002", City: "Lyon"}
	mustIngest(t, s, booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Camille", Email: "camille@example.fr", Address: work}, "first_name"))
	if p, _ := s.Profile(ctx, tn.ID, *first.ProfileID); p.Address.City != "Paris" {
		t.Fatalf("an address not asked for was written: %+v", p.Address)
	}
	// The same address on someone else matches nobody: it is no key.
	other := mustIngest(t, s, booking(tn.ID, "bk-3", matcher.Customer{FirstName: "Paul", Email: "paul@example.fr", Address: home}))
	if *other.Decision != "created" || other.ReviewID != nil {
		t.Fatalf("an address matched: %+v", other)
	}
	b := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Camille", Email: "c2@example.fr", Address: work})
	res, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, ProfileIDs: []string{*first.ProfileID, b.ID},
		Picks: map[matcher.Field]string{matcher.FieldAddress: b.ID}})
	if err != nil || res.Profile.Address == nil || res.Profile.Address.City != "Lyon" {
		t.Fatalf("merge with the address picked from b = %+v, %v", res.Profile.Address, err)
	}
	if _, err := s.UndoMerge(ctx, tn.ID, "r", res.MergeID); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Profile(ctx, tn.ID, *first.ProfileID); p.Address == nil || p.Address.City != "Paris" {
		t.Fatalf("undo did not give the address back: %+v", p.Address)
	}
}
