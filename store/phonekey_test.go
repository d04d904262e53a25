package store_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
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

// TestRekeyArgentineMobiles: migration 49 gives a profile whose mobile was
// stored as the Argentine landline of its digits (+541123456789, from a
// mobile box holding 11 2345-6789) the mobile with its 9, its primary
// flag and its blocking keys, so that a booking written with the 9 finds
// it; a profile that held both forms keeps one row of the 9 form, seen
// first when the older was; a landline in the phone box and a mobile box
// already read as a mobile are left alone.
func TestRekeyArgentineMobiles(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "rekey-ar-mobiles", "AR")
	const old, now, landline = "+541123456789", "+5491123456789", "+541143210000"
	lucia := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Lucía", LastName: "Fernández", Mobile: "11 2345-6789", Phone: "011 4321-0000"})
	both := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Martín", LastName: "Gómez", Mobile: "0351 15 234-5678"})
	plain := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Sofía", LastName: "Díaz", Mobile: "+54 9 261 456-7890", Phone: "0261 423-4567"})
	// As stored before the migration: the mobile as the landline, without
	// its keys; Martín's older row of the same mobile, primary.
	for _, q := range []string{
		`UPDATE contact_points SET value = '` + old + `' WHERE profile_id = $1 AND kind = 'mobile'`,
		`UPDATE profiles SET mobile = '` + old + `' WHERE id = $1`,
	} {
		if _, err := s.Pool().Exec(ctx, q, lucia); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO contact_points (tenant_id, kind, value, profile_id, valid, is_primary, first_seen, last_seen)
			SELECT tenant_id, kind, '+543512345678', profile_id, true, true, first_seen - interval '1 year', first_seen - interval '1 year'
			FROM contact_points WHERE profile_id = $1 AND kind = 'mobile'`,
		`UPDATE contact_points SET is_primary = false WHERE profile_id = $1 AND value = '+5493512345678'`,
		`UPDATE profiles SET mobile = '+543512345678' WHERE id = $1`,
	} {
		if _, err := s.Pool().Exec(ctx, q, both); err != nil {
			t.Fatal(err)
		}
	}
	keys := matcher.BlockingKeys(matcher.Profile{Mobile: now})
	n := rekeyStep(t, s, tn.ID, 49, lucia, keys, plain, "a profile whose mobile was read as a mobile")
	if n != len(keys) {
		t.Errorf("the step filed %d of the %d keys of %s", n, len(keys), now)
	}
	p, err := s.Profile(ctx, tn.ID, lucia)
	if err != nil {
		t.Fatal(err)
	}
	if p.Mobile != now || !slices.Equal(p.Mobiles, []string{now}) || !slices.Equal(p.Phones, []string{landline}) {
		t.Errorf("mobile %s mobiles %v phones %v, want %s and the landline %s left alone", p.Mobile, p.Mobiles, p.Phones, now, landline)
	}
	wantPrimaries(t, s, lucia, landline, now)
	m, err := s.Profile(ctx, tn.ID, both)
	if err != nil {
		t.Fatal(err)
	}
	if m.Mobile != "+5493512345678" || !slices.Equal(m.Mobiles, []string{"+5493512345678"}) {
		t.Errorf("Martín's mobile %s mobiles %v, want the one row +5493512345678", m.Mobile, m.Mobiles)
	}
	wantPrimaries(t, s, both, "+5493512345678")
	if n := count(t, s, `SELECT count(*) FROM contact_points WHERE profile_id = $1 AND first_seen < $2`, both, m.CreatedAt); n != 1 {
		t.Errorf("%d of Martín's rows seen first before his profile, want the folded one", n)
	}
	// A booking with the mobile written with its 9 finds Lucía.
	ing := mustIngest(t, s, booking(tn.ID, "bk-ar-1", matcher.Customer{FirstName: "Lucía", Mobile: "+54 9 11 2345-6789"}))
	if *ing.Decision != "updated" || *ing.ProfileID != lucia {
		t.Errorf("a booking with +54 9 11 2345-6789 = %s %s, want updated %s", *ing.Decision, *ing.ProfileID, lucia)
	}
	// The front desk finds her by the digits alone.
	found, err := s.SearchProfiles(ctx, tn.ID, "11 2345 6789", 10, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(found.Profiles) != 1 || found.Profiles[0].ID != lucia {
		t.Errorf("searching 11 2345 6789 found %v, want Lucía's profile", found.Profiles)
	}
	if err := s.MigrationStep(ctx, 49); err != nil {
		t.Fatalf("the step run again: %v", err)
	}
}

// TestMobilesReadAgain: migration 69 gives a mobile stored as not a
// number, because it was typed in Burmese digits (၀၉၇၆၅၅၉၇၆၃၇), and
// migration 76 one written as before 2014 in Cameroon (77 12 34 56), and
// 79 one written as before 2021 in Côte d'Ivoire, and 80 one written
// after the Soviet plan's 8 in Uzbekistan, and 85 one written with a note
// after it (0772 123 414 (WhatsApp)), the number they write
// (+959765597637, +237 6 77 12 34 56, +225 07 07 12 34 56, +998 90 571
// 53 88, +263 77 212 3414), valid, primary
// and keyed, so that a booking with the number as written today finds
// the profile; a mobile of no number is left alone.
func TestMobilesReadAgain(t *testing.T) {
	for _, tt := range []struct {
		step                     int
		region, typed, now       string
		first, last, plainMobile string
		booking                  string // the number as a later booking writes it
	}{
		{69, "MM", "၀၉၇၆၅၅၉၇၆၃၇", "+959765597637", "Aye Aye", "Mon", "၁၂၃", "09 765 597 637"},
		{76, "CM", "77 12 34 56", "+237677123456", "Brice", "Atangana", "123", "+237 6 77 12 34 56"},
		{77, "MZ", "+258 084 576 0459", "+258845760459", "Momade", "Assane", "123", "84 576 0459"},
		{79, "CI", "07 12 34 56", "+2250707123456", "Awa", "Koné", "123", "+225 07 07 12 34 56"},
		{80, "UZ", "8 (90) 571-53-88", "+998905715388", "Aziz", "Yusupov", "123", "90 571 53 88"},
		{85, "ZW", "0772 123 414 (WhatsApp)", "+263772123414", "Tendai", "Moyo", "123", "+263 77 212 3414"},
		{87, "PG", "132 0442", "+67571320442", "Janet", "Kila", "123", "+675 7132 0442"},
		{88, "XK", "+37744221288", "+38344221288", "Arben", "Zeqiri", "123", "044 221 288"},
	} {
		t.Run(strconv.Itoa(tt.step), func(t *testing.T) {
			ctx := context.Background()
			s := newStore(t)
			tn := storetest.MustTenant(t, s, "rekey-mobiles-"+strings.ToLower(tt.region), tt.region)
			id := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: tt.first, LastName: tt.last, Mobile: tt.typed})
			plain := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Thida", LastName: "Win", Mobile: tt.plainMobile})
			// As stored before the migration: the digits as typed, no number.
			for _, q := range []string{
				`UPDATE contact_points SET value = '` + tt.typed + `', valid = false WHERE profile_id = $1 AND kind = 'mobile'`,
				`UPDATE profiles SET mobile = '` + tt.typed + `' WHERE id = $1`,
			} {
				if _, err := s.Pool().Exec(ctx, q, id); err != nil {
					t.Fatal(err)
				}
			}
			keys := matcher.BlockingKeys(matcher.Profile{Mobile: tt.now})
			if n := rekeyStep(t, s, tn.ID, tt.step, id, keys, plain, "a profile whose mobile is no number"); n != len(keys) {
				t.Errorf("the step filed %d of the %d keys of %s", n, len(keys), tt.now)
			}
			p, err := s.Profile(ctx, tn.ID, id)
			if err != nil {
				t.Fatal(err)
			}
			if p.Mobile != tt.now || !slices.Equal(p.Mobiles, []string{tt.now}) {
				t.Errorf("mobile %s mobiles %v, want %s", p.Mobile, p.Mobiles, tt.now)
			}
			wantPrimaries(t, s, id, tt.now)
			ing := mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: tt.first, LastName: tt.last, Mobile: tt.booking}))
			if *ing.Decision != "updated" || *ing.ProfileID != id {
				t.Errorf("a booking with %s = %s %s, want updated %s", tt.booking, *ing.Decision, *ing.ProfileID, id)
			}
			if err := s.MigrationStep(ctx, tt.step); err != nil {
				t.Fatalf("the step run again: %v", err)
			}
		})
	}
}
