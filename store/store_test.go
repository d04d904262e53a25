package store_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
	"dedupe/worker"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// clock is a test clock that moves one second on every reading, so
// created_at orders profiles by creation.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

func newStore(t *testing.T) *store.Store {
	c := &clock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	return storetest.MustOpen(t, store.Config{Now: c.Now})
}

func count(t *testing.T, s *store.Store, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := s.Pool().QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// wantPrimaries checks that exactly these contact values of the profile
// are primary (sorted).
func wantPrimaries(t *testing.T, s *store.Store, profileID string, want ...string) {
	t.Helper()
	var got []string
	err := s.Pool().QueryRow(context.Background(), `SELECT coalesce(array_agg(value ORDER BY value), '{}')
		FROM contact_points WHERE profile_id = $1 AND is_primary`, profileID).Scan(&got)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("primary contact points = %v, want %v", got, want)
	}
}

// booking builds an ingest for tenant with a fresh external id.
func booking(tenantID, externalID string, c matcher.Customer, requested ...string) store.Ingest {
	in := store.Ingest{TenantID: tenantID, Kind: store.KindBooking, Source: "booking_widget", ExternalID: externalID,
		Customer: c, AcceptedAt: time.Now()}
	if requested != nil {
		in.Requested = requested
	}
	in.IngestionID = worker.IngestionID(tenantID, in.Source, externalID)
	return in
}

func mustIngest(t *testing.T, s *store.Store, in store.Ingest) store.Ingestion {
	t.Helper()
	ing, err := s.Ingest(context.Background(), in)
	if err != nil {
		t.Fatalf("Ingest(%s): %v", in.ExternalID, err)
	}
	return ing
}

func TestMigrate(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		s := newStore(t)
		if err := s.Migrate(ctx); err != nil {
			t.Fatalf("second Migrate: %v", err)
		}
	})
	t.Run("ErrNewerSchema", func(t *testing.T) {
		s := newStore(t)
		if _, err := s.Pool().Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')`); err != nil {
			t.Fatal(err)
		}
		if err := s.Migrate(ctx); err == nil || !strings.Contains(err.Error(), "newer") {
			t.Fatalf("Migrate on a newer schema = %v, want a refusal", err)
		}
	})
}

func TestTenant(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	t.Run("OK", func(t *testing.T) {
		tn, err := s.CreateTenant(ctx, "salon", "fr")
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.TenantBySlug(ctx, "salon")
		if err != nil || got.ID != tn.ID || got.Region != "FR" || !got.NameGuard || got.SharedThreshold != 5 || got.PolicyVersion != 1 {
			t.Fatalf("TenantBySlug = %+v, %v; want %+v", got, err, tn)
		}
	})
	t.Run("ErrConflict", func(t *testing.T) {
		if _, err := s.CreateTenant(ctx, "salon", "FR"); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("second CreateTenant = %v, want ErrConflict", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := s.TenantBySlug(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("TenantBySlug(nope) = %v, want ErrNotFound", err)
		}
	})
	t.Run("BadRegion", func(t *testing.T) {
		if _, err := s.CreateTenant(ctx, "other", "XX"); err == nil {
			t.Fatal("CreateTenant with region XX succeeded")
		}
	})
}

func TestToken(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	secret, tok, err := s.CreateToken(ctx, "salon", "front desk", []string{"read", "ingest", "read"})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("OK", func(t *testing.T) {
		got, err := s.Authenticate(ctx, secret)
		if err != nil || got.TenantID != tn.ID || got.ID != tok.ID || !got.Has("ingest") || got.Has("review") {
			t.Fatalf("Authenticate = %+v, %v", got, err)
		}
	})
	t.Run("OnlyHashStored", func(t *testing.T) {
		if n := count(t, s, `SELECT count(*) FROM api_tokens WHERE position($1::bytea in hash) > 0`, []byte(secret)); n != 0 {
			t.Fatal("the secret is stored in clear")
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := s.Authenticate(ctx, secret+"x"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("Authenticate(wrong) = %v, want ErrNotFound", err)
		}
	})
	t.Run("UnknownScope", func(t *testing.T) {
		if _, _, err := s.CreateToken(ctx, "salon", "x", []string{"root"}); err == nil {
			t.Fatal("CreateToken with scope root succeeded")
		}
	})
}

func TestIngest(t *testing.T) {
	ctx := context.Background()
	camille := matcher.Customer{FirstName: "Camille", LastName: "Roy", Email: "Camille.Roy@Example.fr", Mobile: "06 12 34 56 78"}

	t.Run("Created", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "FR")
		ing := mustIngest(t, s, booking(tn.ID, "bk-1", camille))
		if *ing.Decision != "created" || ing.Status != "done" || ing.Explanation.Rule != matcher.RuleNoMatch {
			t.Fatalf("ingestion = %+v", ing)
		}
		p, err := s.Profile(ctx, tn.ID, *ing.ProfileID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Email != "camille.roy@example.fr" || p.Mobile != "+33612345678" || p.FirstName != "Camille" || p.ActivityCount != 1 || p.Status != "active" {
			t.Fatalf("profile = %+v", p)
		}
		got, err := s.Ingestion(ctx, tn.ID, ing.ID)
		if err != nil || *got.ProfileID != p.ID || got.Reason == "" || len(got.Explanation.Keys) != 2 {
			t.Fatalf("Ingestion = %+v, %v", got, err)
		}
	})

	t.Run("UpdatedKeepsOldMobile", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "FR")
		first := mustIngest(t, s, booking(tn.ID, "bk-1", camille))
		second := mustIngest(t, s, booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Camille", Email: "camille.roy@example.fr", Mobile: "+33 7 81 22 33 44"}))
		if *second.Decision != "updated" || *second.ProfileID != *first.ProfileID {
			t.Fatalf("second = %+v, want updated %s", second, *first.ProfileID)
		}
		p, _ := s.Profile(ctx, tn.ID, *first.ProfileID)
		if p.Mobile != "+33781223344" || len(p.Mobiles) != 2 || p.Mobiles[0] != "+33781223344" || p.Mobiles[1] != "+33612345678" {
			t.Fatalf("mobile = %q mobiles = %v, want the new one primary and the old one kept", p.Mobile, p.Mobiles)
		}
		// The old number, alone, still finds the person.
		third := mustIngest(t, s, booking(tn.ID, "bk-3", matcher.Customer{Mobile: "0612345678"}))
		if *third.ProfileID != p.ID {
			t.Fatalf("old mobile matched %s, want %s", *third.ProfileID, p.ID)
		}
		// It carried no requested_fields, so it wrote its mobile back.
		wantPrimaries(t, s, p.ID, "+33612345678", "camille.roy@example.fr")
		// An invalid email never replaces a valid one: it is recorded, not primary.
		mustIngest(t, s, booking(tn.ID, "bk-4", matcher.Customer{FirstName: "Camille", Email: "not-an-email", Mobile: "0612345678"}, "email"))
		wantPrimaries(t, s, p.ID, "+33612345678", "camille.roy@example.fr")
		if n := count(t, s, `SELECT count(*) FROM contact_points WHERE profile_id = $1 AND kind = 'email'`, p.ID); n != 2 {
			t.Fatalf("%d emails recorded, want 2", n)
		}
		// A valid one written becomes the primary, and the old one is not.
		mustIngest(t, s, booking(tn.ID, "bk-5", matcher.Customer{FirstName: "Camille", Email: "cam@example.org", Mobile: "0612345678"}, "email"))
		wantPrimaries(t, s, p.ID, "+33612345678", "cam@example.org")
		if p, _ := s.Profile(ctx, tn.ID, p.ID); p.Email != "cam@example.org" || len(p.Emails) != 3 || p.Emails[0] != "cam@example.org" {
			t.Fatalf("email = %q emails = %v, want the written one primary", p.Email, p.Emails)
		}
	})

	t.Run("OnlyRequestedFieldsWritten", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "FR")
		// The profile's first name a slip (Camile), the booking's the name.
		slipped := camille
		slipped.FirstName = "Camile"
		first := mustIngest(t, s, booking(tn.ID, "bk-1", slipped))
		mustIngest(t, s, booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Camille", LastName: "", Email: "camille.roy@example.fr", Locale: "en"},
			"first_name", "last_name", "email"))
		p, _ := s.Profile(ctx, tn.ID, *first.ProfileID)
		if p.FirstName != "Camille" || p.LastName != "Roy" || p.Locale != "" {
			t.Fatalf("profile = %+v; want first_name written, blank last_name not erasing, unrequested locale untouched", p)
		}
	})

	t.Run("Replayed", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "FR")
		in := booking(tn.ID, "bk-1", camille)
		first := mustIngest(t, s, in)
		again := mustIngest(t, s, in)
		if !again.Replayed || *again.ProfileID != *first.ProfileID {
			t.Fatalf("second delivery = %+v, want the earlier result replayed", again)
		}
		if n := count(t, s, `SELECT count(*) FROM activities`); n != 1 {
			t.Fatalf("%d activities, want 1", n)
		}
	})

	t.Run("SeveralMatchesOpenOneReview", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "FR")
		first, err := s.CreateProfile(ctx, tn.ID, "desk", matcher.Customer{FirstName: "Camille", Email: "camille@example.fr"})
		if err != nil || first.ReviewID != "" {
			t.Fatalf("first profile = %+v, %v", first, err)
		}
		a := first.Profile
		second, err := s.CreateProfile(ctx, tn.ID, "desk", matcher.Customer{FirstName: "Camille", LastName: "R", Email: "camille@example.fr"})
		dups, b := second.PossibleDuplicates, second.Profile
		if err != nil || len(dups) != 1 || dups[0].ID != a.ID || second.ReviewID == "" {
			t.Fatalf("CreateProfile = %+v, %v; want %s as a possible duplicate, and a review candidate", second, err, a.ID)
		}
		ing := mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Camille", LastName: "Roy", Email: "camille@example.fr"}))
		if *ing.ProfileID != a.ID || ing.ReviewID == nil || *ing.ReviewID != second.ReviewID || ing.Explanation.Rule != matcher.RuleFirstCreated {
			t.Fatalf("ingestion = %+v; want update of the first-created %s, adding to the front desk's review %s", ing, a.ID, second.ReviewID)
		}
		pb, _ := s.Profile(ctx, tn.ID, b.ID)
		if pb.LastName != "R" {
			t.Fatalf("the other profile changed: %+v", pb)
		}
		again := mustIngest(t, s, booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Camille", Email: "camille@example.fr"}))
		if again.ReviewID == nil || *again.ReviewID != *ing.ReviewID {
			t.Fatalf("second ambiguous booking opened review %v, want the same %s", again.ReviewID, *ing.ReviewID)
		}
		if n := count(t, s, `SELECT jsonb_array_length(evidence) FROM review_candidates WHERE id = $1`, *ing.ReviewID); n != 3 {
			t.Fatalf("evidence has %d entries, want 3 (the front desk's, two bookings')", n)
		}
		// A candidate keeps its latest 20 pieces of evidence, however many
		// bookings add to it.
		for i := range 20 {
			mustIngest(t, s, booking(tn.ID, fmt.Sprintf("bk-more-%d", i), matcher.Customer{FirstName: "Camille", Email: "camille@example.fr"}))
		}
		if n := count(t, s, `SELECT jsonb_array_length(evidence) FROM review_candidates WHERE id = $1`, *ing.ReviewID); n != 20 {
			t.Fatalf("evidence has %d entries after 22 bookings, want the latest 20", n)
		}
		latest := worker.IngestionID(tn.ID, "booking_widget", "bk-more-19")
		if n := count(t, s, `SELECT count(*) FROM review_candidates WHERE id = $1 AND evidence -> -1 ->> 'ingestion_id' = $2`, *ing.ReviewID, latest); n != 1 {
			t.Fatal("the candidate's last piece of evidence is not the latest booking's")
		}
	})

	t.Run("NameGuardOnFamilyEmail", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "FR")
		mum := mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Sophie", Email: "famille.roy@example.fr"}))
		kid := mustIngest(t, s, booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Lucas", Email: "famille.roy@example.fr"}))
		if *kid.Decision != "created" || *kid.ProfileID == *mum.ProfileID || kid.ReviewID == nil {
			t.Fatalf("kid = %+v; want a new profile and a review", kid)
		}
		p, _ := s.Profile(ctx, tn.ID, *mum.ProfileID)
		if p.FirstName != "Sophie" {
			t.Fatalf("mum's name overwritten: %q", p.FirstName)
		}
	})

	t.Run("NamesWrittenOtherwiseKept", func(t *testing.T) {
		// A booking that writes the profile's name in other boxes lands on
		// it and leaves its names as they are; one that swaps the two boxes
		// writes them back in the profile's order; one that slips on a
		// given name leaves the profile's.
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "HK")
		for i, c := range []struct{ first, last, bookingFirst, bookingLast, wantFirst, wantLast, email string }{
			{"Hoyin", "Cheung", "Hoyin Cheung", "", "Hoyin", "Cheung", ""},
			{"Бойко Дмитро", "", "дмитро", "бойко", "Бойко Дмитро", "", ""},
			{"Mei Ling", "Tan", "Tan", "Mei Ling Amanda", "Mei Ling", "Tan", ""},
			{"Zoe", "Martin", "Martin", "Zoé", "Zoé", "Martin", ""},
			// A typing slip of a known given name leaves the name; a name
			// replaces a slip.
			{"Catherine", "Morel", "Cahterine", "Morel", "Catherine", "Morel", ""},
			{"Nicloas", "Roche", "Nicolas", "Roche", "Nicolas", "Roche", ""},
			// A slip of the surname the booking's email writes leaves the
			// surname; the surname the email writes replaces a slip.
			{"John", "Okeke", "John", "Okek", "John", "Okeke", "john.okeke@example.hk"},
			{"Maricel", "Rmaos", "Maricel", "Ramos", "Maricel", "Ramos", "maricel.ramos@example.hk"},
		} {
			email := cmp.Or(c.email, fmt.Sprintf("customer%d@example.hk", i))
			first := mustIngest(t, s, booking(tn.ID, fmt.Sprintf("bk-%d-1", i), matcher.Customer{FirstName: c.first, LastName: c.last, Email: email}))
			again := mustIngest(t, s, booking(tn.ID, fmt.Sprintf("bk-%d-2", i), matcher.Customer{FirstName: c.bookingFirst, LastName: c.bookingLast, Email: email}))
			if *again.Decision != "updated" || *again.ProfileID != *first.ProfileID {
				t.Fatalf("%s / %s on %s / %s: %s, want the profile updated", c.bookingFirst, c.bookingLast, c.first, c.last, *again.Decision)
			}
			p, err := s.Profile(ctx, tn.ID, *first.ProfileID)
			if err != nil {
				t.Fatal(err)
			}
			if p.FirstName != c.wantFirst || p.LastName != c.wantLast {
				t.Errorf("%s / %s on %s / %s left %q / %q, want %q / %q", c.bookingFirst, c.bookingLast, c.first, c.last,
					p.FirstName, p.LastName, c.wantFirst, c.wantLast)
			}
		}
	})

	t.Run("InvalidEmailStoredNotMatched", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "FR")
		a := mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Camille", Email: "camille(at)example"}))
		b := mustIngest(t, s, booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Camille", Email: "camille(at)example"}))
		if *a.ProfileID == *b.ProfileID || b.Explanation.Rule != matcher.RuleNoKey || !strings.Contains(b.Reason, "email was not used") {
			t.Fatalf("b = %+v; an invalid email must not be a key, and the decision must say so", b)
		}
		p, _ := s.Profile(ctx, tn.ID, *a.ProfileID)
		if p.Email != "camille(at)example" {
			t.Fatalf("email = %q, want it stored as given", p.Email)
		}
	})

	t.Run("TenantsNeverShare", func(t *testing.T) {
		s := newStore(t)
		t1 := storetest.MustTenant(t, s, "salon", "FR")
		t2 := storetest.MustTenant(t, s, "shop", "FR")
		a := mustIngest(t, s, booking(t1.ID, "bk-1", camille))
		b := mustIngest(t, s, booking(t2.ID, "bk-1", camille))
		if *b.Decision != "created" || *a.ProfileID == *b.ProfileID || a.ID == b.ID {
			t.Fatalf("second tenant's booking = %+v, want its own profile and ingestion", b)
		}
		if _, err := s.Profile(ctx, t2.ID, *a.ProfileID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("reading another tenant's profile = %v, want ErrNotFound", err)
		}
		if _, err := s.Ingestion(ctx, t2.ID, a.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("reading another tenant's ingestion = %v, want ErrNotFound", err)
		}
	})

	t.Run("ErrNotFoundTenant", func(t *testing.T) {
		s := newStore(t)
		in := booking("00000000-0000-0000-0000-000000000001", "bk-1", camille)
		if _, err := s.Ingest(ctx, in); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("Ingest for a missing tenant = %v, want ErrNotFound", err)
		}
	})

	t.Run("ConcurrentNewCustomerGivesOneProfile", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{MaxConns: 50})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		start := make(chan struct{}) // release all 50 at once
		formats := []string{"06 12 34 56 78", "+33612345678", "0612345678", "06.12.34.56.78", "+33 6 12 34 56 78"}
		emails := []string{"camille@example.fr", "Camille@Example.FR", " camille@example.fr "}
		var wg sync.WaitGroup
		errs := make(chan error, 50)
		for i := range 50 {
			wg.Go(func() {
				<-start
				c := matcher.Customer{FirstName: "Camille", Email: emails[i%len(emails)], Mobile: formats[i%len(formats)]}
				if _, err := s.Ingest(ctx, booking(tn.ID, fmt.Sprintf("bk-%d", i), c)); err != nil {
					errs <- err
				}
			})
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE tenant_id = $1`, tn.ID); n != 1 {
			t.Fatalf("%d profiles, want 1", n)
		}
		if n := count(t, s, `SELECT count(*) FROM activities WHERE tenant_id = $1`, tn.ID); n != 50 {
			t.Fatalf("%d activities, want 50", n)
		}
	})
}

func TestFailIngestion(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	in := booking(tn.ID, "bk-1", matcher.Customer{})
	if err := s.FailIngestion(ctx, in, "payload kind is neither booking nor sale"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Ingestion(ctx, tn.ID, in.IngestionID)
	if err != nil || got.Status != store.StatusFailed || got.Decision != nil || !strings.Contains(got.Reason, "neither") {
		t.Fatalf("Ingestion = %+v, %v", got, err)
	}
}

func TestFindProfiles(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	ing := mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Camille", Email: "camille@example.fr", Mobile: "0612345678"}))
	for name, q := range map[string][2]string{
		"ByEmail":          {"CAMILLE@example.fr", ""},
		"ByMobileFormat":   {"", "+33 6 12 34 56 78"},
		"ByEither":         {"nobody@example.fr", "06 12 34 56 78"},
		"InvalidMatchesNo": {"camille", ""},
	} {
		t.Run(name, func(t *testing.T) {
			ps, err := s.FindProfiles(ctx, tn.ID, q[0], q[1])
			want := 1
			if name == "InvalidMatchesNo" {
				want = 0
			}
			if err != nil || len(ps) != want || (want == 1 && ps[0].ID != *ing.ProfileID) {
				t.Fatalf("FindProfiles(%q, %q) = %v, %v", q[0], q[1], ps, err)
			}
		})
	}
}

func TestScan(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	create := func(c matcher.Customer) string {
		created, err := s.CreateProfile(ctx, tn.ID, "test", c)
		p := created.Profile
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	a := create(matcher.Customer{FirstName: "Camille", Email: "camille@example.fr"})
	b := create(matcher.Customer{FirstName: "Camille", Email: "Camille@example.fr"})
	c := create(matcher.Customer{FirstName: "Hugo", Email: "hugo.bernard@gmail.com"})
	d := create(matcher.Customer{FirstName: "Hugo", Email: "hugobernard@gmail.com"})
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, 8)
		for i := range b {
			b[i] = byte('a' + rng.IntN(26))
		}
		return string(b)
	}
	for range 600 { // unrelated people, enough for several checkpointed pages
		create(matcher.Customer{FirstName: word(), LastName: word(), Email: word() + "@" + word() + ".fr"})
	}
	// Stop the first run after its exact phase, as a crash would.
	stop, cancel := context.WithCancel(ctx)
	_, err := s.Scan(stop, tn.ID, func(r store.ScanReport) { cancel() })
	if err == nil {
		t.Fatal("the interrupted scan reported success")
	}
	rep, err := s.Scan(ctx, tn.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.ExactGroups != 0 || rep.Profiles != 604 || rep.Fuzzy != 2 {
		t.Fatalf("the resumed scan: %+v; want it to skip the exact phase done before, compare the 604 profiles and propose the 2 groups", rep)
	}
	// A third run proposes the same groups, with the same evidence: none is
	// duplicated, and none gains a copy of the evidence it holds.
	evidence := `SELECT sum(jsonb_array_length(evidence)) FROM review_candidates WHERE status = 'open'`
	before := count(t, s, evidence)
	if _, err := s.Scan(ctx, tn.ID, nil); err != nil {
		t.Fatal(err)
	}
	if after := count(t, s, evidence); after != before {
		t.Fatalf("the open candidates hold %d pieces of evidence after a scan that found them again, %d before", after, before)
	}
	sets := map[string]bool{}
	rows, _ := s.Pool().Query(ctx, `SELECT array_to_string(profile_ids, ',') FROM review_candidates WHERE status = 'open'`)
	for rows.Next() {
		var set string
		if err := rows.Scan(&set); err != nil {
			t.Fatal(err)
		}
		sets[set] = true
	}
	rows.Close()
	want := func(x, y string) string {
		if x > y {
			x, y = y, x
		}
		return x + "," + y
	}
	if len(sets) != 2 || !sets[want(a, b)] || !sets[want(c, d)] {
		if len(sets) > 5 {
			t.Fatalf("%d open candidates, want exactly 2", len(sets))
		}
		t.Fatalf("open candidates %v, want exactly {%s,%s} and {%s,%s}", sets, a, b, c, d)
	}
}

func TestFailIngestionWithoutATenantRecordsNothing(t *testing.T) {
	s := newStore(t)
	for _, in := range []store.Ingest{
		booking("00000000-0000-0000-0000-000000000001", "bk-1", matcher.Customer{}), // no such tenant
		{TenantID: "not-a-uuid", IngestionID: "also-not", Source: "pos", ExternalID: "x"},
	} {
		if err := s.FailIngestion(context.Background(), in, "why"); err != nil {
			t.Fatalf("FailIngestion(%+v) = %v, want nil: an error would retry the task for ever", in, err)
		}
	}
	if n := count(t, s, `SELECT count(*) FROM ingestions`); n != 0 {
		t.Fatalf("%d ingestions recorded", n)
	}
}
