package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
)

// TestEraseLeavesNoTrace erases a person with a merged profile, bookings,
// a sale, a review candidate and history, then searches every text and
// JSON column of the database for anything of theirs.
func TestEraseLeavesNoTrace(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	if _, _, err := s.CreateWebhook(ctx, tn.ID, "https://crm.example.com/hook", store.EventTypes); err != nil {
		t.Fatal(err)
	}
	camille := matcher.Customer{FirstName: "Camille", LastName: "Lefèvre-Quintal", Email: "camille.lefevre@example.fr", Mobile: "06 12 34 56 78",
		BirthDate: "1987-03-14", Attributes: map[string]string{"member_code": "ZX-9981", "notes": "allergic to latex"}}
	first := mustIngest(t, s, booking(tn.ID, "bk-1", camille))
	in := booking(tn.ID, "sale-1", matcher.Customer{FirstName: "Camille", Email: "camille.lefevre@example.fr"})
	in.Kind, in.Source = store.KindSale, "web_sale"
	in.Details = json.RawMessage(`{"amount_cents": 4200, "currency": "EUR", "items": [{"name": "Shampooing Quintal", "gift_for": "Camille"}]}`)
	mustIngest(t, s, in)
	// Her second profile, keyed in at the desk, and a booking that
	// opens a candidate on a profile she shares nothing with but her name.
	desk, err := s.CreateProfile(ctx, tn.ID, "desk", matcher.Customer{FirstName: "Camille", LastName: "Lefèvre-Quintal",
		Email: "camille.lq@example.fr", Phone: "01 42 68 53 99"})
	if err != nil {
		t.Fatal(err)
	}
	merged, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, Actor: "desk", SurvivorID: *first.ProfileID,
		ProfileIDs: []string{*first.ProfileID, desk.Profile.ID}})
	if err != nil {
		t.Fatal(err)
	}
	other := mustIngest(t, s, booking(tn.ID, "bk-paul", matcher.Customer{FirstName: "Paul", LastName: "Durand", Email: "paul@example.fr"}))

	x, err := s.Export(ctx, tn.ID, desk.Profile.ID) // a tombstone exports its person
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(x)
	for _, want := range []string{"Lefèvre-Quintal", "camille.lefevre@example.fr", "camille.lq@example.fr", "+33612345678", "+33142685399",
		"1987-03-14", "ZX-9981", "allergic to latex", "Shampooing Quintal", desk.Profile.ID, merged.MergeID} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("the export lacks %q: %s", want, raw)
		}
	}
	if x.Profile.ID != *first.ProfileID || len(x.ContactPoints) != 4 || len(x.MergedProfiles) != 1 || len(x.Activities) != 2 || len(x.History) < 4 {
		t.Fatalf("export = %d contact points, %d merged, %d activities, %d events", len(x.ContactPoints), len(x.MergedProfiles), len(x.Activities), len(x.History))
	}

	traces := []string{"Lefèvre", "lefevre", "Quintal", "quintal", "camille.l", "612345678", "142685399", "1987-03-14", "ZX-9981",
		"latex", "Shampooing", "gift_for"}
	// The scan sees her everywhere before: in profiles, contact points,
	// activities, explanations, before-images, evidence, search keys.
	if before := scanDatabase(t, s, traces); len(before) < 12 {
		t.Fatalf("before the erasure the scan finds only %v", before)
	}
	erased, err := s.Erase(ctx, tn.ID, "admin", desk.Profile.ID)
	if err != nil || erased.Status != "erased" {
		t.Fatalf("erase = %+v, %v", erased, err)
	}
	for _, id := range []string{*first.ProfileID, desk.Profile.ID} {
		if p, err := s.Profile(ctx, tn.ID, id); err != nil || p.Status != "erased" || p.FirstName != "" {
			t.Errorf("profile %s after the erasure = %+v, %v", id, p, err)
		}
	}
	for _, found := range scanDatabase(t, s, traces) {
		t.Errorf("after the erasure, %s", found)
	}
	// The books keep the sale's amount; Paul is untouched.
	if n := count(t, s, `SELECT count(*) FROM activities WHERE tenant_id = $1 AND details->>'amount_cents' = '4200' AND details->>'currency' = 'EUR'`, tn.ID); n != 1 {
		t.Errorf("%d sales keep their amount, want 1", n)
	}
	if p, _ := s.Profile(ctx, tn.ID, *other.ProfileID); p.LastName != "Durand" || p.Email != "paul@example.fr" {
		t.Errorf("another customer changed: %+v", p)
	}
	// The merge can no longer be undone: a conflict that says why, not a
	// failure.
	if _, err := s.UndoMerge(ctx, tn.ID, "r", merged.MergeID); !errors.Is(err, store.ErrConflict) || !strings.Contains(err.Error(), "erased") {
		t.Errorf("undoing a merge of an erased person = %v, want a conflict naming the erasure", err)
	}
	// The history still lists the merge, by its ids only, as erased.
	history, err := s.RecentMerges(ctx, tn.ID, 10)
	if err != nil || len(history) != 1 {
		t.Fatalf("merge history = %+v, %v", history, err)
	}
	if h := history[0]; h.MergeID != merged.MergeID || !h.Erased || h.SurvivorID != merged.Profile.ID || h.SurvivorName != "" ||
		len(h.Merged) != 1 || h.Merged[0].ID != merged.MergedIDs[0] || h.Merged[0].Name != "" {
		t.Errorf("the erased merge in the history = %+v", h)
	}
	again, err := s.Erase(ctx, tn.ID, "admin", *first.ProfileID)
	if err != nil || again.Status != "erased" {
		t.Errorf("erasing again = %+v, %v", again, err)
	}
	// Her old email matches nobody: a new booking creates a new person.
	later := mustIngest(t, s, booking(tn.ID, "bk-later", matcher.Customer{FirstName: "Camille", Email: "camille.lefevre@example.fr", Mobile: "0612345678"}))
	if *later.Decision != "created" || *later.ProfileID == *first.ProfileID {
		t.Fatalf("a later booking with her email = %+v; want a new profile", later)
	}
}

// TestEraseScrubsEveryIngestionOfThePerson: the explanations an erasure
// scrubs are those of the ingestions that created or updated the
// person's profiles (a merged one's too), of a duplicate of her booking
// sent by another road, and of her sister's booking that queued her for
// review (it found her mobile under another name); another customer's
// stays as it was.
func TestEraseScrubsEveryIngestionOfThePerson(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "scrub", "FR")
	camille := matcher.Customer{FirstName: "Camille", LastName: "Roux", Email: "camille.roux@example.fr", Mobile: "06 12 34 56 78"}
	first := mustIngest(t, s, booking(tn.ID, "bk-1", camille))
	update := mustIngest(t, s, booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Camille", Email: "camille.roux@example.fr"}))
	again := booking(tn.ID, "bk-1", camille)
	again.IngestionID = uuid.NewString()
	dup := mustIngest(t, s, again)
	other := mustIngest(t, s, booking(tn.ID, "bk-copy", matcher.Customer{FirstName: "Camille", LastName: "Roux", Email: "c.roux@example.com"}))
	if _, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, Actor: "desk", SurvivorID: *first.ProfileID,
		ProfileIDs: []string{*first.ProfileID, *other.ProfileID}}); err != nil {
		t.Fatal(err)
	}
	sister := mustIngest(t, s, booking(tn.ID, "bk-lea", matcher.Customer{FirstName: "Léa", LastName: "Roux", Mobile: "06 12 34 56 78"}))
	paul := mustIngest(t, s, booking(tn.ID, "bk-paul", matcher.Customer{FirstName: "Paul", LastName: "Durand", Email: "paul@example.fr"}))
	if *dup.Decision != "duplicate" || *update.Decision != "updated" || sister.ReviewID == nil || *sister.ProfileID == *first.ProfileID {
		t.Fatalf("setup: duplicate %v, update %v, the sister's review %v", *dup.Decision, *update.Decision, sister.ReviewID)
	}
	if _, err := s.Erase(ctx, tn.ID, "admin", *first.ProfileID); err != nil {
		t.Fatal(err)
	}
	explanation := func(id string) string {
		var e string
		if err := s.Pool().QueryRow(ctx, `SELECT explanation::text FROM ingestions WHERE tenant_id = $1 AND id = $2`, tn.ID, id).Scan(&e); err != nil {
			t.Fatal(err)
		}
		return e
	}
	for name, id := range map[string]string{"her first booking": first.ID, "her update": update.ID, "the duplicate": dup.ID,
		"the merged copy's booking": other.ID, "her sister's booking": sister.ID} {
		if e := explanation(id); e != `{"erased": true}` {
			t.Errorf("%s: explanation %s after the erasure, want it scrubbed", name, e)
		}
	}
	if e := explanation(paul.ID); !strings.Contains(e, "paul@example.fr") {
		t.Errorf("another customer's booking: explanation %s, want it kept", e)
	}
}

// TestEraseClosesCandidatesWithReviewClosed: the open candidate naming the
// erased profile closes as stale with a review.closed event after the
// profile.erased one, shaped as a merge's or an ignore's; a candidate
// closed before emits nothing again.
// TestEraseTakesAMergeThatLandedWhileItWaited: a profile merged into the
// person after the erasure read who the person is, and before it got the
// person's locks, is erased with the person, not left a tombstone with
// their name.
func TestEraseTakesAMergeThatLandedWhileItWaited(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	booked := mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Camille", LastName: "Quintal", Email: "camille.q@example.fr"}))
	person := *booked.ProfileID
	// Her profile keyed in at the desk with her name only: no key of its
	// own, so a merge of it takes only her locks.
	desk, err := s.CreateProfile(ctx, tn.ID, "desk", matcher.Customer{FirstName: "Camille", LastName: "Quintal", BirthDate: "1987-03-14"})
	if err != nil {
		t.Fatal(err)
	}

	// Hold her email's lock: the erasure reads who she is, then waits.
	holder, err := s.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Rollback(ctx)
	if _, err := holder.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, store.ContactLockKey(tn.ID, "email", "camille.q@example.fr")); err != nil {
		t.Fatal(err)
	}
	erased := make(chan error, 1)
	go func() {
		_, err := s.Erase(ctx, tn.ID, "admin", person)
		erased <- err
	}()
	for deadline := time.Now().Add(10 * time.Second); count(t, s, `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`) == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the erasure never waited for the lock")
		}
	}
	// Meanwhile the desk's profile is merged into her (what a merge that
	// committed leaves: a tombstone naming her).
	if _, err := s.Pool().Exec(ctx, `UPDATE profiles SET status = 'merged', merged_into = $2 WHERE tenant_id = $1 AND id = $3`,
		tn.ID, person, desk.Profile.ID); err != nil {
		t.Fatal(err)
	}
	if err := holder.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-erased; err != nil {
		t.Fatal(err)
	}
	var status, last, birth string
	if err := s.Pool().QueryRow(ctx, `SELECT status, last_name, birth_date FROM profiles WHERE tenant_id = $1 AND id = $2`, tn.ID, desk.Profile.ID).
		Scan(&status, &last, &birth); err != nil {
		t.Fatal(err)
	}
	if status != store.ProfileErased || last != "" || birth != "" {
		t.Fatalf("the profile merged into her while the erasure waited: status %s, name or birth date kept %v; want it erased", status, last+birth != "")
	}
}

func TestEraseClosesCandidatesWithReviewClosed(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	if _, _, err := s.CreateWebhook(ctx, tn.ID, "https://crm.example.com/hook", store.EventTypes); err != nil {
		t.Fatal(err)
	}
	a, _, ignored := pairWithReview(t, s, tn.ID)
	c := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Camille", Email: "c.roy@example.fr", Mobile: "0612345678"})
	open := mustIngest(t, s, booking(tn.ID, "bk-c", matcher.Customer{FirstName: "Camille", Mobile: "0612345678"}, "mobile"))
	if open.ReviewID == nil {
		t.Fatal("no candidate for a and c")
	}
	if _, err := s.IgnoreReview(ctx, tn.ID, "reviewer", ignored); err != nil {
		t.Fatal(err)
	}

	if _, err := s.Erase(ctx, tn.ID, "admin", a.ID); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.Review(ctx, tn.ID, *open.ReviewID); r.Status != "stale" {
		t.Fatalf("candidate naming the erased profile = %s, want stale", r.Status)
	}
	got := eventsAfter(t, s, tn.ID, store.EventProfileErased)
	want := []queuedEvent{
		{store.EventProfileErased, map[string]any{"profile_id": a.ID, "erased_ids": []any{a.ID}}},
		{store.EventReviewClosed, map[string]any{"review_id": *open.ReviewID,
			"profile_ids": []any{min(a.ID, c.ID), max(a.ID, c.ID)}, "status": "stale"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("events of the erasure (-want +got):\n%s", diff)
	}
}

// scanDatabase searches every text, character and JSON column (arrays of
// them too) of every table for each of values, case-insensitively, and
// describes each hit.
func scanDatabase(t *testing.T, s *store.Store, values []string) []string {
	t.Helper()
	ctx := context.Background()
	rows, err := s.Pool().Query(ctx, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
		  AND (data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
		       OR (data_type = 'ARRAY' AND udt_name IN ('_text', '_varchar', '_jsonb')))`)
	if err != nil {
		t.Fatal(err)
	}
	cols, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) ([2]string, error) {
		var c [2]string
		return c, r.Scan(&c[0], &c[1])
	})
	if err != nil || len(cols) < 20 {
		t.Fatalf("%d columns to scan, %v", len(cols), err)
	}
	var found []string
	for _, c := range cols {
		for _, v := range values {
			q := fmt.Sprintf(`SELECT count(*) FROM %s WHERE %s::text ILIKE '%%' || $1 || '%%'`,
				pgx.Identifier{c[0]}.Sanitize(), pgx.Identifier{c[1]}.Sanitize())
			var n int
			if err := s.Pool().QueryRow(ctx, q, v).Scan(&n); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			if n > 0 {
				found = append(found, fmt.Sprintf("%s.%s holds %q in %d rows", c[0], c[1], v, n))
			}
		}
	}
	return found
}
