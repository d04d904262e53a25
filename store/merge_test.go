package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
)

// snapshot returns every profile, contact point and activity row of a
// tenant, as JSON text, in a fixed order.
func snapshot(t *testing.T, s *store.Store, tenantID string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, sql := range map[string]string{
		"profiles":       `SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.id), '[]')::text FROM profiles x WHERE tenant_id = $1`,
		"contact_points": `SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.kind, x.value, x.profile_id), '[]')::text FROM contact_points x WHERE tenant_id = $1`,
		"activities":     `SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.id), '[]')::text FROM activities x WHERE tenant_id = $1`,
	} {
		var text string
		if err := s.Pool().QueryRow(context.Background(), sql, tenantID).Scan(&text); err != nil {
			t.Fatal(err)
		}
		out[name] = text
	}
	return out
}

// mustProfile creates a profile at the front desk.
func mustProfile(t *testing.T, s *store.Store, tenantID string, c matcher.Customer) store.Profile {
	t.Helper()
	created, err := s.CreateProfile(context.Background(), tenantID, "desk", c)
	if err != nil {
		t.Fatal(err)
	}
	return created.Profile
}

// pairWithReview makes two profiles sharing an email, gives each a
// booking of its own, and lets a third booking on the shared email open
// the review candidate. It returns the two profiles and the review id.
func pairWithReview(t *testing.T, s *store.Store, tenantID string) (store.Profile, store.Profile, string) {
	t.Helper()
	a := mustProfile(t, s, tenantID, matcher.Customer{FirstName: "Camille", LastName: "Roy", Email: "camille@example.fr", Mobile: "0612345678",
		Attributes: map[string]string{"member_code": "A-17"}})
	b := mustProfile(t, s, tenantID, matcher.Customer{FirstName: "Cami", Email: "camille@example.fr", Mobile: "0781223344", BirthDate: "1990-04-02",
		Attributes: map[string]string{"member_code": "B-2", "tier": "gold"}})
	mustIngest(t, s, booking(tenantID, "bk-b", matcher.Customer{Mobile: "0781223344"}, "mobile"))
	ing := mustIngest(t, s, booking(tenantID, "bk-shared", matcher.Customer{FirstName: "Camille", Email: "camille@example.fr"}, "email"))
	if ing.ReviewID == nil || *ing.ProfileID != a.ID {
		t.Fatalf("shared booking = %+v; want an update of %s and a review", ing, a.ID)
	}
	return a, b, *ing.ReviewID
}

func TestMergeReview(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	a, b, reviewID := pairWithReview(t, s, tn.ID)

	r, err := s.Review(ctx, tn.ID, reviewID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != "open" || len(r.Profiles) != 2 || !slices.Contains(r.Differences, "first_name") || !slices.Contains(r.Differences, "mobile") {
		t.Fatalf("review = %+v", r)
	}
	if r.Profiles[1].ActivityCounts["booking"] != 1 || len(r.Profiles[1].RecentActivity) != 1 || len(r.Profiles[1].ContactPoints) != 2 {
		t.Fatalf("second profile side = %+v", r.Profiles[1])
	}

	res, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, Actor: "reviewer", ReviewID: reviewID,
		Picks: map[matcher.Field]string{matcher.FieldFirstName: b.ID}})
	if err != nil {
		t.Fatal(err)
	}
	p := res.Profile
	if p.ID != a.ID || p.FirstName != "Cami" || p.LastName != "Roy" || p.BirthDate != "1990-04-02" || p.Mobile != "+33612345678" ||
		p.ActivityCount != 2 || !p.CreatedAt.Equal(a.CreatedAt) || p.Attributes["tier"] != "gold" || p.Attributes["member_code"] != "B-2" {
		t.Fatalf("merged profile = %+v", p)
	}
	if diff := cmp.Diff([]string{"+33612345678", "+33781223344"}, p.Mobiles); diff != "" {
		t.Errorf("mobiles (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"camille@example.fr"}, p.Emails); diff != "" {
		t.Errorf("emails: the shared email must fold into one (-want +got):\n%s", diff)
	}
	if n := count(t, s, `SELECT count(*) FROM contact_points WHERE profile_id = $1 AND is_primary`, a.ID); n != 2 {
		t.Errorf("%d primary contact points, want 2", n)
	}
	tomb, err := s.Profile(ctx, tn.ID, b.ID)
	if err != nil || tomb.Status != "merged" || tomb.MergedInto == nil || *tomb.MergedInto != a.ID || tomb.ActivityCount != 0 {
		t.Fatalf("tombstone = %+v, %v", tomb, err)
	}
	if r, _ := s.Review(ctx, tn.ID, reviewID); r.Status != "merged" {
		t.Fatalf("review status = %s, want merged", r.Status)
	}
	if n := count(t, s, `SELECT count(*) FROM audit_events WHERE action = 'merged' AND actor = 'reviewer' AND details->>'merge_id' = $1`, res.MergeID); n != 1 {
		t.Fatalf("%d audit records of the merge, want 1", n)
	}
	// The next booking on the shared email lands on the survivor, alone.
	ing := mustIngest(t, s, booking(tn.ID, "bk-after", matcher.Customer{FirstName: "Cami", Email: "camille@example.fr"}, "email"))
	if *ing.ProfileID != a.ID || ing.ReviewID != nil {
		t.Fatalf("booking after the merge = %+v, want %s and no review", ing, a.ID)
	}

	t.Run("ErrConflictReviewClosed", func(t *testing.T) {
		_, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, ReviewID: reviewID})
		if !errors.Is(err, store.ErrConflict) {
			t.Fatalf("merging a merged review = %v, want ErrConflict", err)
		}
		if _, err := s.IgnoreReview(ctx, tn.ID, "x", reviewID); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("ignoring a merged review = %v, want ErrConflict", err)
		}
	})
	t.Run("ErrConflictAlreadyMerged", func(t *testing.T) {
		c := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Other"})
		_, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, ProfileIDs: []string{b.ID, c.ID}})
		var ce *store.ConflictError
		if !errors.As(err, &ce) || !strings.Contains(ce.Reason, "already merged") {
			t.Fatalf("merging a tombstone = %v, want a conflict saying 'already merged'", err)
		}
	})
	t.Run("ErrNotFoundOtherTenant", func(t *testing.T) {
		other := storetest.MustTenant(t, s, "shop", "FR")
		x := mustProfile(t, s, other.ID, matcher.Customer{FirstName: "X"})
		y := mustProfile(t, s, other.ID, matcher.Customer{FirstName: "Y"})
		for name, ids := range map[string][]string{"Mixed": {a.ID, x.ID}, "Foreign": {x.ID, y.ID}} {
			if _, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, ProfileIDs: ids}); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s: merge across tenants = %v, want ErrNotFound", name, err)
			}
		}
		if _, err := s.Review(ctx, other.ID, reviewID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("another tenant's review = %v, want ErrNotFound", err)
		}
	})
}

func TestUndoMerge(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	a, b, reviewID := pairWithReview(t, s, tn.ID)
	c := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Camille", Email: "c.roy@example.fr", Mobile: "0612345678"})
	// A second candidate naming a: the merge into b re-points it to b.
	other := mustIngest(t, s, booking(tn.ID, "bk-c", matcher.Customer{FirstName: "Camille", Mobile: "0612345678"}, "mobile"))
	if other.ReviewID == nil {
		t.Fatal("no candidate for b and c")
	}
	before := snapshot(t, s, tn.ID)

	res, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, Actor: "reviewer", ReviewID: reviewID, SurvivorID: b.ID,
		Picks: map[matcher.Field]string{matcher.FieldLastName: a.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Profile.ID != b.ID || res.Profile.LastName != "Roy" || !res.Profile.CreatedAt.Equal(a.CreatedAt) {
		t.Fatalf("merged = %+v", res.Profile)
	}
	moved, _ := s.Review(ctx, tn.ID, *other.ReviewID)
	if want := slices.Sorted(slices.Values([]string{b.ID, c.ID})); moved.Status != "open" || !slices.Equal(moved.ProfileIDs, want) {
		t.Fatalf("other candidate = %s %v, want open %v", moved.Status, moved.ProfileIDs, want)
	}

	undone, err := s.UndoMerge(ctx, tn.ID, "reviewer", res.MergeID)
	if err != nil {
		t.Fatal(err)
	}
	// The survivor first, then the profiles put back, as they stand after
	// the undo.
	if len(undone.Profiles) != 2 || undone.Profiles[0].ID != b.ID || undone.Profiles[1].ID != a.ID || undone.Profiles[1].Status != "active" {
		t.Fatalf("undo = %+v", undone)
	}
	if diff := cmp.Diff(before, snapshot(t, s, tn.ID)); diff != "" {
		t.Fatalf("after undo the rows differ from before the merge (-before +after):\n%s", diff)
	}
	if r, _ := s.Review(ctx, tn.ID, reviewID); r.Status != "open" {
		t.Errorf("reviewed candidate after undo = %s, want open again", r.Status)
	}
	if r, _ := s.Review(ctx, tn.ID, *other.ReviewID); r.Status != "open" || !slices.Equal(r.ProfileIDs, slices.Sorted(slices.Values([]string{a.ID, c.ID}))) {
		t.Errorf("re-pointed candidate after undo = %s %v, want open on a and c again", r.Status, r.ProfileIDs)
	}
	if n := count(t, s, `SELECT count(*) FROM audit_events WHERE action = 'undone' AND details->>'merge_id' = $1`, res.MergeID); n != 1 {
		t.Errorf("%d undo records, want 1", n)
	}

	t.Run("ErrConflictTwice", func(t *testing.T) {
		_, err := s.UndoMerge(ctx, tn.ID, "reviewer", res.MergeID)
		if !errors.Is(err, store.ErrConflict) || !strings.Contains(err.Error(), "undone already") {
			t.Fatalf("second undo = %v, want a conflict", err)
		}
	})
	t.Run("ErrConflictSurvivorChanged", func(t *testing.T) {
		res, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, ProfileIDs: []string{a.ID, c.ID}})
		if err != nil {
			t.Fatal(err)
		}
		mustIngest(t, s, booking(tn.ID, "bk-change", matcher.Customer{FirstName: "Camille", Email: "c.roy@example.fr", Locale: "fr"}))
		mid := snapshot(t, s, tn.ID)
		_, err = s.UndoMerge(ctx, tn.ID, "reviewer", res.MergeID)
		var ce *store.ConflictError
		if !errors.As(err, &ce) || !strings.Contains(ce.Reason, "changed after the merge") {
			t.Fatalf("undo after a booking changed the survivor = %v, want a conflict saying why", err)
		}
		if diff := cmp.Diff(mid, snapshot(t, s, tn.ID)); diff != "" {
			t.Fatalf("a refused undo changed rows:\n%s", diff)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		other := storetest.MustTenant(t, s, "shop", "FR")
		for _, id := range []string{res.MergeID, "nope", "0b6c2f0e-4a54-4b39-9d3b-1d8c0f9b7a11"} {
			if _, err := s.UndoMerge(ctx, other.ID, "x", id); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("undo %s from another tenant = %v, want ErrNotFound", id, err)
			}
		}
	})
}

// TestUndoReopensCandidatesWithReviewOpened: the candidate the merge closed
// opens again with a review.opened event after the profile.unmerged one,
// the same as when it first opened; the candidate the merge re-pointed
// was never closed and emits nothing.
func TestUndoReopensCandidatesWithReviewOpened(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	if _, _, err := s.CreateWebhook(ctx, tn.ID, "https://crm.example.com/hook", store.EventTypes); err != nil {
		t.Fatal(err)
	}
	a, b, reviewID := pairWithReview(t, s, tn.ID)
	opened := eventsAfter(t, s, tn.ID, store.EventReviewOpened)[0]
	mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Camille", Email: "c.roy@example.fr", Mobile: "0612345678"})
	other := mustIngest(t, s, booking(tn.ID, "bk-c", matcher.Customer{FirstName: "Camille", Mobile: "0612345678"}, "mobile"))
	if other.ReviewID == nil {
		t.Fatal("no candidate for a and c")
	}
	res, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, Actor: "reviewer", ReviewID: reviewID, SurvivorID: b.ID})
	if err != nil {
		t.Fatal(err)
	}
	if moved, _ := s.Review(ctx, tn.ID, *other.ReviewID); moved.Status != "open" || slices.Contains(moved.ProfileIDs, a.ID) {
		t.Fatalf("other candidate after the merge = %s %v, want open and re-pointed", moved.Status, moved.ProfileIDs)
	}

	if _, err := s.UndoMerge(ctx, tn.ID, "reviewer", res.MergeID); err != nil {
		t.Fatal(err)
	}
	r, err := s.Review(ctx, tn.ID, reviewID)
	if err != nil || r.Status != "open" {
		t.Fatalf("reviewed candidate after undo = %+v, %v; want open", r, err)
	}
	if opened.Type != store.EventReviewOpened || opened.Data["review_id"] != reviewID {
		t.Fatalf("the candidate's first event = %+v, want its review.opened", opened)
	}
	got := eventsAfter(t, s, tn.ID, store.EventProfileUnmerged)
	want := []queuedEvent{
		{store.EventProfileUnmerged, map[string]any{"profile_id": b.ID, "survivor_id": b.ID, "restored_ids": []any{a.ID}, "merge_id": res.MergeID}},
		{store.EventReviewOpened, map[string]any{"review_id": reviewID,
			"profile_ids": []any{min(a.ID, b.ID), max(a.ID, b.ID)}, "reason": r.Reason}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("events of the undo (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(opened.Data, got[1].Data); diff != "" {
		t.Errorf("review.opened on undo differs from when the candidate first opened (-first +undo):\n%s", diff)
	}
}

func TestMergeThreeProfilesClosesStaleCandidates(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	a, b, reviewID := pairWithReview(t, s, tn.ID)
	c := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Camille", Mobile: "0781223344"})
	ing := mustIngest(t, s, booking(tn.ID, "bk-bc", matcher.Customer{FirstName: "Camille", Mobile: "0781223344"}, "mobile"))
	res, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, Actor: "desk", ProfileIDs: []string{c.ID, b.ID, a.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Profile.ID != a.ID || res.Profile.ActivityCount != 3 || !slices.Equal(res.MergedIDs, []string{b.ID, c.ID}) {
		t.Fatalf("merge = %+v", res)
	}
	for _, id := range []string{reviewID, *ing.ReviewID} {
		if r, _ := s.Review(ctx, tn.ID, id); r.Status != "stale" {
			t.Errorf("candidate %s = %s, want stale: all its profiles are one now", id, r.Status)
		}
	}
	if n := count(t, s, `SELECT count(*) FROM profiles WHERE status = 'active' AND tenant_id = $1`, tn.ID); n != 1 {
		t.Fatalf("%d active profiles, want 1", n)
	}
}

func TestMergeRacesIngest(t *testing.T) {
	ctx := context.Background()
	s := storetest.MustOpen(t, store.Config{MaxConns: 20})
	tn := storetest.MustTenant(t, s, "salon", "FR")
	const rounds, bookings = 5, 12
	for round := range rounds {
		email := fmt.Sprintf("camille%d@example.fr", round)
		a := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Camille", Email: email})
		b := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Camille", Email: email, Mobile: fmt.Sprintf("06123456%02d", round)})
		start := make(chan struct{})
		var wg sync.WaitGroup
		errs := make(chan error, bookings+1)
		for i := range bookings {
			wg.Go(func() {
				<-start
				c := matcher.Customer{FirstName: "Camille", Email: email}
				if i%3 == 1 {
					c = matcher.Customer{FirstName: "Camille", Mobile: fmt.Sprintf("06123456%02d", round)}
				}
				if _, err := s.Ingest(ctx, booking(tn.ID, fmt.Sprintf("bk-%d-%d", round, i), c)); err != nil {
					errs <- err
				}
			})
		}
		var merged store.MergeResult
		wg.Go(func() {
			<-start
			var err error
			merged, err = s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, Actor: "reviewer", SurvivorID: b.ID, ProfileIDs: []string{a.ID, b.ID}})
			if err != nil {
				errs <- err
			}
		})
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("round %d: %v", round, err)
		}
		// Every booking is recorded and its activity is on the survivor.
		if n := count(t, s, `SELECT count(*) FROM ingestions WHERE tenant_id = $1 AND external_id LIKE $2`, tn.ID, fmt.Sprintf("bk-%d-%%", round)); n != bookings {
			t.Fatalf("round %d: %d ingestions, want %d", round, n, bookings)
		}
		if n := count(t, s, `SELECT count(*) FROM activities WHERE tenant_id = $1 AND profile_id = $2`, tn.ID, b.ID); n != bookings {
			t.Fatalf("round %d: %d activities on the survivor, want %d", round, n, bookings)
		}
		if n := count(t, s, `SELECT count(DISTINCT p.id) FROM profiles p JOIN contact_points c ON c.tenant_id = p.tenant_id AND c.profile_id = p.id
			WHERE p.tenant_id = $1 AND p.status = 'active' AND c.value = $2`, tn.ID, email); n != 1 {
			t.Fatalf("round %d: %d active profiles hold the email, want 1", round, n)
		}
		if merged.Profile.ID != b.ID {
			t.Fatalf("round %d: merge = %+v", round, merged)
		}
		// The merge's record lists the activities it moved off a; undoing
		// it moves exactly those back, unless a booking changed b since.
		if _, err := s.UndoMerge(ctx, tn.ID, "reviewer", merged.MergeID); err != nil && !errors.Is(err, store.ErrConflict) {
			t.Fatalf("round %d: undo: %v", round, err)
		}
		if n := count(t, s, `SELECT count(*) FROM activities WHERE tenant_id = $1 AND profile_id IN ($2, $3)`, tn.ID, a.ID, b.ID); n != bookings {
			t.Fatalf("round %d: %d activities after undo, want %d", round, n, bookings)
		}
	}
}

// TestMergeUndoIngestRace runs an undo, a new merge of the same profiles
// and bookings for them at once, round after round. Whatever order they
// take, no booking is lost or recorded twice, no booking lands on a
// tombstone, and the profiles end in a state one of the orders explains.
func TestMergeUndoIngestRace(t *testing.T) {
	ctx := context.Background()
	s := storetest.MustOpen(t, store.Config{MaxConns: 20})
	tn := storetest.MustTenant(t, s, "salon", "FR")
	const rounds, bookings = 6, 10
	for round := range rounds {
		email := fmt.Sprintf("lea%d@example.fr", round)
		a := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Lea", Email: email})
		b := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Lea", LastName: "M", Email: email})
		first, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, Actor: "r", SurvivorID: a.ID, ProfileIDs: []string{a.ID, b.ID}})
		if err != nil {
			t.Fatal(err)
		}
		var ins []store.Ingest
		for i := range bookings {
			ins = append(ins, booking(tn.ID, fmt.Sprintf("race-%d-%d", round, i), matcher.Customer{FirstName: "Lea", Email: email}))
		}
		raceUndo(t, s, ins, first.MergeID, store.MergeRequest{TenantID: tn.ID, Actor: "r", SurvivorID: a.ID, ProfileIDs: []string{a.ID, b.ID}})
		if n := count(t, s, `SELECT count(*) FROM activities WHERE tenant_id = $1 AND external_id LIKE $2`, tn.ID, fmt.Sprintf("race-%d-%%", round)); n != bookings {
			t.Fatalf("round %d: %d activities, want %d", round, n, bookings)
		}
		if n := count(t, s, `SELECT count(*) FROM activities x JOIN profiles p ON p.tenant_id = x.tenant_id AND p.id = x.profile_id
			WHERE x.tenant_id = $1 AND p.status <> 'active'`, tn.ID); n != 0 {
			t.Fatalf("round %d: %d activities on tombstones", round, n)
		}
		active := count(t, s, `SELECT count(*) FROM profiles WHERE tenant_id = $1 AND id IN ($2, $3) AND status = 'active'`, tn.ID, a.ID, b.ID)
		holders := count(t, s, `SELECT count(DISTINCT c.profile_id) FROM contact_points c JOIN profiles p ON p.tenant_id = c.tenant_id AND p.id = c.profile_id
			WHERE c.tenant_id = $1 AND c.value = $2 AND p.status = 'active'`, tn.ID, email)
		if active < 1 || holders != active {
			t.Fatalf("round %d: %d active profiles but %d hold the email", round, active, holders)
		}
	}
}

// raceUndo runs bookings, the undo of a merge and the same merge again all
// at once; a conflict is an answer, any other error fails the test.
func raceUndo(t *testing.T, s *store.Store, bookings []store.Ingest, mergeID string, again store.MergeRequest) {
	t.Helper()
	ctx := context.Background()
	start := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, len(bookings)+2)
	for _, in := range bookings {
		wg.Go(func() {
			<-start
			if _, err := s.Ingest(ctx, in); err != nil {
				errs <- err
			}
		})
	}
	wg.Go(func() {
		<-start
		if _, err := s.UndoMerge(ctx, again.TenantID, "r", mergeID); err != nil && !errors.Is(err, store.ErrConflict) {
			errs <- fmt.Errorf("undo: %w", err)
		}
	})
	wg.Go(func() {
		<-start
		if _, err := s.Merge(ctx, again); err != nil && !errors.Is(err, store.ErrConflict) {
			errs <- fmt.Errorf("second merge: %w", err)
		}
	})
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// TestUndoRefusedOnceABookingLanded is the sequence that used to strand a
// booking: P2 merged into P1, a booking with P2's old email (writing no
// field) lands on P1, then an undo. The undo must refuse and change
// nothing, or the email would go back to P2 while the booking stayed.
func TestUndoRefusedOnceABookingLanded(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	p1 := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Lea", LastName: "Petit", Email: "lea@example.fr"})
	p2 := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Lea", LastName: "Petit", Email: "lea.petit@example.fr"})
	res, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, Actor: "r", SurvivorID: p1.ID, ProfileIDs: []string{p1.ID, p2.ID}})
	if err != nil {
		t.Fatal(err)
	}
	ing := mustIngest(t, s, booking(tn.ID, "bk-after", matcher.Customer{FirstName: "Lea", LastName: "Petit", Email: "lea.petit@example.fr"}, "first_name"))
	if *ing.ProfileID != p1.ID || len(ing.Explanation.Changes) != 0 {
		t.Fatalf("booking = %+v; want it on %s, writing nothing", ing, p1.ID)
	}
	mid := snapshot(t, s, tn.ID)
	_, err = s.UndoMerge(ctx, tn.ID, "r", res.MergeID)
	var ce *store.ConflictError
	if !errors.As(err, &ce) || !strings.Contains(ce.Reason, "booking or sale landed") {
		t.Fatalf("undo after a booking landed = %v, want a conflict saying a booking landed", err)
	}
	if diff := cmp.Diff(mid, snapshot(t, s, tn.ID)); diff != "" {
		t.Fatalf("a refused undo changed rows:\n%s", diff)
	}
}

// TestUndoNeverStrandsABooking races bookings on both profiles' emails
// with an undo and a second merge, round after round, then checks that
// every booking sits on an active profile that holds the email it came
// in with.
func TestUndoNeverStrandsABooking(t *testing.T) {
	ctx := context.Background()
	s := storetest.MustOpen(t, store.Config{MaxConns: 20})
	tn := storetest.MustTenant(t, s, "salon", "FR")
	const rounds, bookings = 8, 12
	came := map[string]string{} // external id → the email it came in with
	for round := range rounds {
		emails := []string{fmt.Sprintf("lea%d@example.fr", round), fmt.Sprintf("lea.petit%d@example.fr", round)}
		p1 := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Lea", Email: emails[0]})
		p2 := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Lea", LastName: "Petit", Email: emails[1]})
		first, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, Actor: "r", SurvivorID: p1.ID, ProfileIDs: []string{p1.ID, p2.ID}})
		if err != nil {
			t.Fatal(err)
		}
		var ins []store.Ingest
		for i := range bookings {
			id, email := fmt.Sprintf("race-%d-%d", round, i), emails[i%2]
			came[id] = email
			// Same name, no new field: the booking only lands.
			ins = append(ins, booking(tn.ID, id, matcher.Customer{FirstName: "Lea", Email: email}, "first_name"))
		}
		raceUndo(t, s, ins, first.MergeID, store.MergeRequest{TenantID: tn.ID, Actor: "r", SurvivorID: p1.ID, ProfileIDs: []string{p1.ID, p2.ID}})
	}
	for id, email := range came {
		var status string
		var holds bool
		err := s.Pool().QueryRow(ctx, `SELECT p.status,
				EXISTS (SELECT 1 FROM contact_points c WHERE c.tenant_id = x.tenant_id AND c.profile_id = x.profile_id
				        AND c.kind = 'email' AND c.value = $3)
			FROM activities x JOIN profiles p ON p.tenant_id = x.tenant_id AND p.id = x.profile_id
			WHERE x.tenant_id = $1 AND x.external_id = $2`, tn.ID, id, email).Scan(&status, &holds)
		if err != nil {
			t.Fatalf("booking %s: %v", id, err)
		}
		if status != "active" || !holds {
			t.Errorf("booking %s sits on a %s profile (holding the email it came in with: %v)", id, status, holds)
		}
	}
}

// TestReasonAfterIgnore: a booking that matches a set a reviewer dismissed
// opens no candidate, and its reason does not claim it queued one.
func TestReasonAfterIgnore(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	_, _, reviewID := pairWithReview(t, s, tn.ID)
	if _, err := s.IgnoreReview(ctx, tn.ID, "r", reviewID); err != nil {
		t.Fatal(err)
	}
	ing := mustIngest(t, s, booking(tn.ID, "bk-again", matcher.Customer{FirstName: "Camille", Email: "camille@example.fr"}, "email"))
	if ing.ReviewID != nil || strings.Contains(ing.Reason, "queued all") || !strings.Contains(ing.Reason, "dismissed") {
		t.Fatalf("booking on an ignored set: review %v, reason %q; want no review and a reason that says so", ing.ReviewID, ing.Reason)
	}
}

// TestSearchKeysBackfill: the profiles that existed before migration 7
// get their search keys from its Go step.
func TestSearchKeysBackfill(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	for i := range 2500 { // more than one batch of the step
		mustProfile(t, s, tn.ID, matcher.Customer{FirstName: fmt.Sprintf("Ana%c%c", 'a'+i/26%26, 'a'+i%26), LastName: "Lefèvre-Dumont"})
	}
	mustProfile(t, s, tn.ID, matcher.Customer{Email: "nameless@example.fr"})
	if _, err := s.Pool().Exec(ctx, `UPDATE profiles SET search_keys = '{}'`); err != nil {
		t.Fatal(err)
	}
	if err := s.BackfillSearchKeys(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, `SELECT count(*) FROM profiles WHERE search_keys @> ARRAY['w:dumont', 'p:lef']`); n != 2500 {
		t.Fatalf("%d profiles have their keys back, want 2500", n)
	}
	// Names repeat every 676 profiles; one letter off is found too, after
	// (by the words' slips, which the step leaves as they are).
	res, err := s.SearchProfiles(ctx, tn.ID, "anahz dumnot", 10, "")
	if err != nil || len(res.Profiles) != 10 || res.Profiles[0].FirstName != "Anahz" || res.Profiles[3].FirstName != "Anahz" ||
		res.Profiles[4].FirstName == "Anahz" {
		t.Fatalf("search after the backfill = %+v, %v", res, err)
	}
}

// TestMergeNeverReopensADismissedPair: a candidate re-pointed by a merge
// never holds both profiles of a pair a reviewer dismissed: one left with
// that pair alone is closed as stale, another loses one of the two.
func TestMergeNeverReopensADismissedPair(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	a, b, pair := pairWithReview(t, s, tn.ID)
	p := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Camille", LastName: "Roy", Mobile: "0699887766"})
	q := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Camille", LastName: "Roy", Mobile: "0699887755"})
	r := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Camille", LastName: "Roy", Mobile: "0699887744"})
	three, four := "0193a5c4-7c1e-7b1a-9c1f-5e2f8a0b1c2d", "0193a5c4-7c1e-7b1a-9c1f-5e2f8a0b1c2e"
	for id, members := range map[string][]string{three: {a.ID, b.ID, p.ID}, four: {a.ID, b.ID, q.ID, r.ID}} {
		slices.Sort(members)
		if _, err := s.Pool().Exec(ctx, `INSERT INTO review_candidates (tenant_id, id, reason, profile_ids, created_at, updated_at)
			VALUES ($1, $2, 'scan_fuzzy', $3::uuid[], now(), now())`, tn.ID, id, members); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.IgnoreReview(ctx, tn.ID, "desk", pair); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, Actor: "desk", ProfileIDs: []string{a.ID, p.ID}, SurvivorID: a.ID}); err != nil {
		t.Fatal(err)
	}
	if rv, err := s.Review(ctx, tn.ID, three); err != nil || rv.Status != "stale" {
		t.Fatalf("the candidate of three after the merge = %+v, %v; want stale: only the dismissed pair is left", rv, err)
	}
	if _, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, Actor: "desk", ProfileIDs: []string{q.ID, r.ID}, SurvivorID: q.ID}); err != nil {
		t.Fatal(err)
	}
	rv, err := s.Review(ctx, tn.ID, four)
	if err != nil || rv.Status != "open" || len(rv.ProfileIDs) != 2 || !slices.Contains(rv.ProfileIDs, q.ID) {
		t.Fatalf("the candidate of four after merging two of its profiles = %+v, %v; want open with the survivor and one of the dismissed pair", rv, err)
	}
}

// TestMergeCarriesDismissedPairs: a reviewer said a and b are two people;
// a merged into p makes p and b two people too, so no candidate holds them
// together, until the merge is undone.
func TestMergeCarriesDismissedPairs(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	a, b, pair := pairWithReview(t, s, tn.ID)
	p := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Camille", LastName: "Roy", Mobile: "0699887766"})
	if _, err := s.IgnoreReview(ctx, tn.ID, "desk", pair); err != nil {
		t.Fatal(err)
	}
	dismissed := func(x, y string) bool {
		return count(t, s, `SELECT count(*) FROM ignored_pairs WHERE tenant_id = $1 AND a = least($2::uuid, $3::uuid) AND b = greatest($2::uuid, $3::uuid)`,
			tn.ID, x, y) == 1
	}
	res, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, Actor: "desk", ProfileIDs: []string{p.ID, a.ID}, SurvivorID: p.ID})
	if err != nil {
		t.Fatal(err)
	}
	if !dismissed(p.ID, b.ID) || !dismissed(a.ID, b.ID) {
		t.Fatalf("after a merged into p: p/b dismissed %v, a/b %v; want both", dismissed(p.ID, b.ID), dismissed(a.ID, b.ID))
	}
	if _, err := s.UndoMerge(ctx, tn.ID, "desk", res.MergeID); err != nil {
		t.Fatal(err)
	}
	if dismissed(p.ID, b.ID) || !dismissed(a.ID, b.ID) {
		t.Fatalf("after the undo: p/b dismissed %v, a/b %v; want only a/b, as the reviewer said", dismissed(p.ID, b.ID), dismissed(a.ID, b.ID))
	}
}

// A fuzzy search or a scan reads its profiles, then opens their candidate
// in a statement of its own. A merge that committed in between, or commits
// while the statement runs, must not leave an open candidate holding its
// tombstone: the statement opens nothing unless every profile is still
// active, and waits for a merge under way.
func TestCandidateOpenedBesideAMergeHoldsNoTombstone(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	openHolding := func(id string) int {
		return count(t, s, `SELECT count(*) FROM review_candidates WHERE tenant_id = $1 AND status = 'open' AND $2 = ANY(profile_ids)`, tn.ID, id)
	}

	// The merge committed after the search read both profiles.
	a, b, reviewID := pairWithReview(t, s, tn.ID)
	if _, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, Actor: "desk", ReviewID: reviewID}); err != nil {
		t.Fatal(err)
	}
	if id, err := s.OpenCandidate(ctx, tn.ID, []string{a.ID, b.ID}); err != nil || id != "" || openHolding(b.ID) != 0 {
		t.Fatalf("after the merge: opened %q (%v), %d open candidates hold the tombstone", id, err, openHolding(b.ID))
	}

	// A merge under way: the statement waits for it, then finds the
	// tombstone; one rolled back leaves the pair to open.
	for _, commit := range []bool{true, false} {
		c := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Inès", LastName: "Morel", Email: fmt.Sprintf("ines%v@example.fr", commit)})
		d := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Ines", LastName: "Morel", Email: fmt.Sprintf("i.morel%v@example.fr", commit)})
		tx, err := s.Pool().Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback(ctx)
		// What a merge does: the profile's lock (lockProfiles), then its row.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, store.ProfileLockKey(tn.ID, d.ID)); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, `UPDATE profiles SET status = 'merged', merged_into = $2 WHERE id = $1`, d.ID, c.ID); err != nil {
			t.Fatal(err)
		}
		opened := make(chan string, 1)
		go func() {
			id, err := s.OpenCandidate(ctx, tn.ID, []string{c.ID, d.ID})
			if err != nil {
				t.Error(err)
			}
			opened <- id
		}()
		for deadline := time.Now().Add(10 * time.Second); count(t, s, `SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'advisory'`) == 0; {
			if time.Now().After(deadline) {
				t.Fatal("opening the candidate did not wait for the merge's lock")
			}
			time.Sleep(10 * time.Millisecond)
		}
		if commit {
			err = tx.Commit(ctx)
		} else {
			err = tx.Rollback(ctx)
		}
		if err != nil {
			t.Fatal(err)
		}
		id := <-opened
		if commit && (id != "" || openHolding(d.ID) != 0) {
			t.Fatalf("beside a merge that committed: opened %q, %d open candidates hold the tombstone", id, openHolding(d.ID))
		}
		if !commit && (id == "" || openHolding(d.ID) != 1) {
			t.Fatalf("beside a merge rolled back: opened %q, want the pair's candidate", id)
		}
	}
}
