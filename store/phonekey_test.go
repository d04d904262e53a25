package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
)

// keyUse returns the entry of kind in an ingestion's explanation.
func keyUse(t *testing.T, ing store.Ingestion, kind matcher.Field) store.KeyUse {
	t.Helper()
	if ing.Explanation != nil {
		for _, u := range ing.Explanation.Keys {
			if u.Kind == kind {
				return u
			}
		}
	}
	t.Fatalf("the explanation %+v holds no %s", ing.Explanation, kind)
	return store.KeyUse{}
}

// TestIngestMobileInPhoneColumn: a number libphonenumber knows as a
// mobile finds its holder whichever column either booking gave it in (many
// forms have only a phone box); a landline in the phone column, or a US
// number, which may be one, joins nobody. The contact points stay filed by
// the column they came in.
func TestIngestMobileInPhoneColumn(t *testing.T) {
	ctx := context.Background()
	const mobile, landline = "+447911123456", "+442079460018"
	olivia := matcher.Customer{FirstName: "Olivia", LastName: "Hughes", Email: "olivia.hughes@example.co.uk", Mobile: "07911 123456"}
	oliviaPhone := matcher.Customer{FirstName: "Olivia", Email: "liv@example.com", Phone: "+44 7911 123456"}
	matchedOnMobile := func(id string) []store.MatchedProfile {
		return []store.MatchedProfile{{ProfileID: id, On: []matcher.Field{matcher.FieldMobile}}}
	}

	t.Run("MobileThenPhone", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "GB")
		a := mustIngest(t, s, booking(tn.ID, "bk-1", olivia))
		b := mustIngest(t, s, booking(tn.ID, "bk-2", oliviaPhone))
		if *b.Decision != "updated" || *b.ProfileID != *a.ProfileID || b.Explanation.Rule != matcher.RuleSingleMatch {
			t.Fatalf("b = %+v, want updated %s", b, *a.ProfileID)
		}
		if diff := cmp.Diff(matchedOnMobile(*a.ProfileID), b.Explanation.Matches); diff != "" {
			t.Errorf("matches (-want +got):\n%s", diff)
		}
		stored, err := s.Ingestion(ctx, tn.ID, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if u := keyUse(t, stored, matcher.FieldPhone); u != (store.KeyUse{Kind: matcher.FieldPhone, Value: mobile, Used: true}) {
			t.Errorf("the stored explanation's phone = %+v, want it used", u)
		}
		p, err := s.Profile(ctx, tn.ID, *a.ProfileID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(p.Mobiles, []string{mobile}) || !slices.Equal(p.Phones, []string{mobile}) || len(p.Emails) != 2 {
			t.Errorf("mobiles %v phones %v emails %v, want the number filed under both columns and both emails", p.Mobiles, p.Phones, p.Emails)
		}
	})

	t.Run("PhoneThenMobile", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "GB")
		a := mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Olivia", LastName: "Hughes", Phone: "07911 123456"}))
		if u := keyUse(t, a, matcher.FieldPhone); !u.Used || a.Explanation.Rule != matcher.RuleNoMatch {
			t.Fatalf("a = %+v, want its phone used as a key", a)
		}
		b := mustIngest(t, s, booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Olivia", Email: "liv@example.com", Mobile: "07911123456"}))
		if *b.Decision != "updated" || *b.ProfileID != *a.ProfileID {
			t.Fatalf("b = %+v, want updated %s", b, *a.ProfileID)
		}
		if diff := cmp.Diff(matchedOnMobile(*a.ProfileID), b.Explanation.Matches); diff != "" {
			t.Errorf("matches (-want +got):\n%s", diff)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE tenant_id = $1`, tn.ID); n != 1 {
			t.Fatalf("%d profiles, want 1", n)
		}
	})

	t.Run("LandlineJoinsNobody", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "GB")
		a := mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Olivia", LastName: "Hughes", Email: "olivia@example.co.uk", Phone: "020 7946 0018"}))
		for i, c := range []matcher.Customer{
			{FirstName: "Jack", LastName: "Hughes", Email: "jack@example.co.uk", Phone: "020 7946 0018"},
			{FirstName: "Olivia", LastName: "Hughes", Phone: "020 7946 0018"}, // not even the same name joins them
		} {
			b := mustIngest(t, s, booking(tn.ID, fmt.Sprintf("bk-%d", i+2), c))
			if *b.Decision != "created" || *b.ProfileID == *a.ProfileID || b.ReviewID != nil || len(b.Explanation.Matches) != 0 {
				t.Fatalf("booking %d = %+v, want a new profile and no review", i+2, b)
			}
			if u := keyUse(t, b, matcher.FieldPhone); u != (store.KeyUse{Kind: matcher.FieldPhone, Value: landline}) {
				t.Errorf("booking %d's phone = %+v, want it not used, with no problem", i+2, u)
			}
		}
	})

	t.Run("USNumberInPhoneIsNoKey", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "shop", "US")
		a := mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Emma", Mobile: "(201) 555-0123"}))
		b := mustIngest(t, s, booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Emma", Email: "emma@example.com", Phone: "201-555-0123"}))
		if *b.Decision != "created" || *b.ProfileID == *a.ProfileID || b.Explanation.Rule != matcher.RuleNoMatch {
			t.Fatalf("b = %+v, want a new profile: a US number in the phone column may be a household's landline", b)
		}
		if u := keyUse(t, b, matcher.FieldPhone); u.Used {
			t.Errorf("phone = %+v, want it not used", u)
		}
	})

	t.Run("BlockedInPhoneColumn", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "GB")
		if _, err := s.UpdatePolicy(ctx, tn.ID, store.PolicyChange{Block: []string{"07911 123456"}}); err != nil {
			t.Fatal(err)
		}
		a := mustIngest(t, s, booking(tn.ID, "bk-1", olivia))
		b := mustIngest(t, s, booking(tn.ID, "bk-2", oliviaPhone))
		if *b.Decision != "created" || *b.ProfileID == *a.ProfileID || !strings.Contains(b.Reason, "phone was not used") {
			t.Fatalf("b = %+v, want a new profile and the reason to say the phone was not used", b)
		}
		if u := keyUse(t, b, matcher.FieldPhone); u.Used || u.Problem != matcher.ProblemBlocked {
			t.Errorf("phone = %+v, want it blocked", u)
		}
	})

	t.Run("HolderCountedOnce", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "GB")
		one := 1
		if _, err := s.UpdatePolicy(ctx, tn.ID, store.PolicyChange{SharedThreshold: &one}); err != nil {
			t.Fatal(err)
		}
		// One profile holds the number as its mobile and its phone: one
		// holder, not too shared for a threshold of 1.
		a := mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Olivia", Mobile: "07911 123456", Phone: "07911 123456"}))
		b := mustIngest(t, s, booking(tn.ID, "bk-2", oliviaPhone))
		if *b.Decision != "updated" || *b.ProfileID != *a.ProfileID {
			t.Fatalf("b = %+v, want updated %s", b, *a.ProfileID)
		}
		// A second holder makes it too shared, whichever column it came in.
		c := mustIngest(t, s, booking(tn.ID, "bk-3", matcher.Customer{FirstName: "Jack", Mobile: "07911 123456"}))
		if *c.ProfileID == *a.ProfileID {
			t.Fatalf("c = %+v, want the name guard to keep Jack apart", c)
		}
		d := mustIngest(t, s, booking(tn.ID, "bk-4", matcher.Customer{FirstName: "Olivia", Phone: "07911 123456"}))
		if *d.Decision != "created" || d.Explanation.Rule != matcher.RuleNoKey {
			t.Fatalf("d = %+v, want a new profile: the number is held by two", d)
		}
		if u := keyUse(t, d, matcher.FieldPhone); u.Used || u.Problem != matcher.ProblemShared {
			t.Errorf("phone = %+v, want it shared", u)
		}
	})

	t.Run("Batch", func(t *testing.T) {
		for name, pair := range map[string][2]matcher.Customer{
			"MobileThenPhone": {olivia, oliviaPhone},
			"PhoneThenMobile": {oliviaPhone, olivia},
		} {
			t.Run(name, func(t *testing.T) {
				s := newStore(t)
				tn := storetest.MustTenant(t, s, "salon", "GB")
				ins := []store.Ingest{booking(tn.ID, "bk-1", pair[0]), booking(tn.ID, "bk-2", pair[1])}
				got := mustIngestBatch(t, s, ins...)
				wantOneTransaction(t, s, ins)
				if *got[0].Decision != "created" || *got[1].Decision != "updated" || *got[1].ProfileID != *got[0].ProfileID {
					t.Fatalf("decisions %s on %s, %s on %s; want one profile, created then updated",
						*got[0].Decision, *got[0].ProfileID, *got[1].Decision, *got[1].ProfileID)
				}
			})
		}
	})

	t.Run("FrontDesk", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "GB")
		a := mustIngest(t, s, booking(tn.ID, "bk-1", olivia))
		mustIngest(t, s, booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Jack", Email: "jack@example.co.uk", Phone: "020 7946 0018"}))
		created, err := s.CreateProfile(ctx, tn.ID, "desk", matcher.Customer{FirstName: "Olivia", Phone: "07911 123456"})
		if err != nil {
			t.Fatal(err)
		}
		dups := created.PossibleDuplicates
		if len(dups) != 1 || dups[0].ID != *a.ProfileID || !slices.Equal(dups[0].MatchedOn, []matcher.Field{matcher.FieldMobile}) || created.ReviewID == "" {
			t.Fatalf("CreateProfile = %+v, want %s as a duplicate on its mobile, and a review", created, *a.ProfileID)
		}
		found, err := s.FindProfiles(ctx, tn.ID, "", "07911 123456")
		if err != nil || len(found) != 2 || found[0].ID != *a.ProfileID || found[1].ID != created.Profile.ID {
			t.Fatalf("FindProfiles by the mobile = %v, %v; want the booking's profile and the front desk's", found, err)
		}
		landline, err := s.CreateProfile(ctx, tn.ID, "desk", matcher.Customer{FirstName: "Amelia", Phone: "020 7946 0018"})
		if err != nil || len(landline.PossibleDuplicates) != 0 || landline.ReviewID != "" {
			t.Fatalf("CreateProfile with a shared landline = %+v, %v; want no duplicate and no review", landline, err)
		}
	})

	t.Run("Scan", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "GB")
		rows := []store.ImportRow{
			{Line: 2, Customer: matcher.Customer{FirstName: "Olivia", LastName: "Hughes", Mobile: "07911 123456"}},
			{Line: 3, Customer: matcher.Customer{FirstName: "Liv", LastName: "Hughes-Ward", Phone: "07911 123456"}},
			{Line: 4, Customer: matcher.Customer{FirstName: "Jack", LastName: "Bennett", Phone: "020 7946 0018"}},
			{Line: 5, Customer: matcher.Customer{FirstName: "Amelia", LastName: "Clarke", Phone: "020 7946 0018"}},
		}
		importRows(t, s, tn.ID, rows)
		rep, err := s.Scan(ctx, tn.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if rep.ExactGroups != 1 {
			t.Fatalf("scan report %+v, want 1 exact group: the mobile, not the landline", rep)
		}
		if n := count(t, s, `SELECT count(*) FROM review_candidates WHERE tenant_id = $1 AND status = 'open'
			AND reason = 'scan: shared mobile' AND cardinality(profile_ids) = 2`, tn.ID); n != 1 {
			t.Fatalf("%d candidates for the shared mobile, want 1", n)
		}
	})
}
