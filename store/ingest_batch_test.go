package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
)

// mustIngestBatch runs IngestBatch and fails the test on any booking's
// error.
func mustIngestBatch(t *testing.T, s *store.Store, ins ...store.Ingest) []store.Ingestion {
	t.Helper()
	res := s.IngestBatch(context.Background(), ins)
	out := make([]store.Ingestion, len(res))
	for i, r := range res {
		if r.Err != nil {
			t.Fatalf("IngestBatch: booking %s: %v", ins[i].ExternalID, r.Err)
		}
		out[i] = r.Ingestion
	}
	return out
}

// wantOneTransaction checks that the ingestions named were written by one
// transaction: the batch's, not one transaction per booking.
func wantOneTransaction(t *testing.T, s *store.Store, ins []store.Ingest) {
	t.Helper()
	ids := make([]string, len(ins))
	for i, in := range ins {
		ids[i] = in.IngestionID
	}
	if n := count(t, s, `SELECT count(DISTINCT xmin::text) FROM ingestions WHERE id = ANY($1::uuid[])`, ids); n != 1 {
		t.Fatalf("the batch was written by %d transactions, want 1", n)
	}
}

func TestIngestBatch(t *testing.T) {
	ctx := context.Background()
	camille := matcher.Customer{FirstName: "Camille", LastName: "Roy", Email: "Camille.Roy@Example.fr", Mobile: "06 12 34 56 78"}

	t.Run("SameNewCustomerOneProfileInOrder", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "FR")
		ins := []store.Ingest{
			booking(tn.ID, "bk-1", camille),
			booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Camille", Email: "camille.roy@example.fr", Locale: "fr"}, "first_name", "email", "locale"),
			booking(tn.ID, "bk-3", matcher.Customer{FirstName: "Camille", Mobile: "+33 6 12 34 56 78", Locale: "en"}, "first_name", "mobile", "locale"),
			booking(tn.ID, "bk-4", matcher.Customer{FirstName: "Camille", Email: "cam@example.org", Mobile: "0612345678"}, "email"),
		}
		got := mustIngestBatch(t, s, ins...)
		wantOneTransaction(t, s, ins)
		want := []string{"created", "updated", "updated", "updated"}
		for i, ing := range got {
			if *ing.Decision != want[i] || *ing.ProfileID != *got[0].ProfileID || ing.Replayed {
				t.Fatalf("booking %d = decision %s profile %s; want %s on %s", i+1, *ing.Decision, *ing.ProfileID, want[i], *got[0].ProfileID)
			}
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE tenant_id = $1`, tn.ID); n != 1 {
			t.Fatalf("%d profiles, want 1", n)
		}
		p, err := s.Profile(ctx, tn.ID, *got[0].ProfileID)
		if err != nil {
			t.Fatal(err)
		}
		// In order: the locale the third booking wrote, over the second's;
		// the fourth's email primary, the first's kept.
		if p.Locale != "en" || p.Email != "cam@example.org" || len(p.Emails) != 2 || p.ActivityCount != 4 {
			t.Fatalf("profile = %+v; want the bookings applied in order", p)
		}
		wantPrimaries(t, s, p.ID, "+33612345678", "cam@example.org")
		for i, ing := range got {
			stored, err := s.Ingestion(ctx, tn.ID, ing.ID)
			if err != nil || stored.Status != store.StatusDone || *stored.Decision != want[i] || stored.Explanation == nil ||
				stored.Reason != ing.Reason || stored.AcceptedAt.IsZero() {
				t.Fatalf("stored ingestion %d = %+v, %v; want it as answered", i+1, stored, err)
			}
		}
		if n := count(t, s, `SELECT count(*) FROM audit_events WHERE tenant_id = $1 AND actor = 'worker' AND ingestion_id IS NOT NULL`, tn.ID); n != 4 {
			t.Fatalf("%d audit events, want one per booking", n)
		}
		history, err := s.History(ctx, tn.ID, p.ID)
		if err != nil || len(history) != 4 {
			t.Fatalf("History = %d events, %v; want 4", len(history), err)
		}
	})

	t.Run("Mixed", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "FR")
		known := mustIngest(t, s, booking(tn.ID, "bk-0", camille))
		mum := mustIngest(t, s, booking(tn.ID, "bk-00", matcher.Customer{FirstName: "Sophie", Email: "famille.roy@example.fr"}))
		var ins []store.Ingest
		for i := range 5 {
			ins = append(ins, booking(tn.ID, fmt.Sprintf("new-%d", i), matcher.Customer{FirstName: "Léa", Email: fmt.Sprintf("lea.%d@example.fr", i)}))
		}
		ins = append(ins,
			booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Camille", Mobile: "0612345678"}),
			booking(tn.ID, "kid", matcher.Customer{FirstName: "Lucas", Email: "famille.roy@example.fr"}),
			booking(tn.ID, "nokey", matcher.Customer{FirstName: "Jo"}),
		)
		ins[2].Kind, ins[2].Source, ins[2].Details = store.KindSale, "web_sale", json.RawMessage(`{"amount_cents": 4200}`)
		got := mustIngestBatch(t, s, ins...)
		wantOneTransaction(t, s, ins)
		for i := range 5 {
			if *got[i].Decision != "created" {
				t.Fatalf("new customer %d = %+v, want created", i, got[i])
			}
		}
		if *got[5].Decision != "updated" || *got[5].ProfileID != *known.ProfileID {
			t.Fatalf("known customer = %+v, want updated %s", got[5], *known.ProfileID)
		}
		if *got[6].Decision != "created" || *got[6].ProfileID == *mum.ProfileID || got[6].ReviewID == nil {
			t.Fatalf("family email = %+v; want a new profile and a review", got[6])
		}
		if *got[7].Decision != "created" || got[7].Explanation.Rule != matcher.RuleNoKey {
			t.Fatalf("no key = %+v", got[7])
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE tenant_id = $1`, tn.ID); n != 9 {
			t.Fatalf("%d profiles, want 9", n)
		}
		if n := count(t, s, `SELECT count(*) FROM activities WHERE tenant_id = $1 AND kind = 'sale' AND details->>'amount_cents' = '4200'`, tn.ID); n != 1 {
			t.Fatalf("%d sales recorded with their details, want 1", n)
		}
		// Every created profile has its event, in the order decided.
		var types []string
		if err := s.Pool().QueryRow(ctx, `SELECT coalesce(array_agg(action ORDER BY id), '{}') FROM audit_events
			WHERE tenant_id = $1 AND ingestion_id = ANY($2::uuid[])`, tn.ID,
			[]string{ins[0].IngestionID, ins[5].IngestionID, ins[7].IngestionID}).Scan(&types); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(types) != "[created updated created]" {
			t.Fatalf("audit actions = %v", types)
		}
	})

	t.Run("BadBookingFailsAlone", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "FR")
		bad := booking(tn.ID, "bk-bad", matcher.Customer{FirstName: "Camille", Email: "camille@example.fr"})
		bad.Details = json.RawMessage(`{"service": "Co\u0000upe"}`) // jsonb refuses a NUL
		ins := []store.Ingest{
			booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Camille", Email: "camille@example.fr"}),
			bad,
			booking(tn.ID, "bk-3", matcher.Customer{FirstName: "Léa", Email: "lea@example.fr"}),
		}
		res := s.IngestBatch(ctx, ins)
		var dataErr *store.DataError
		if !errors.As(res[1].Err, &dataErr) || !errors.Is(res[1].Err, store.ErrInvalid) {
			t.Fatalf("bad booking = %+v; want a DataError", res[1])
		}
		for _, i := range []int{0, 2} {
			if res[i].Err != nil || *res[i].Ingestion.Decision != "created" {
				t.Fatalf("neighbour %d = %+v; want created", i, res[i])
			}
		}
		if n := count(t, s, `SELECT count(*) FROM activities WHERE tenant_id = $1`, tn.ID); n != 2 {
			t.Fatalf("%d activities, want the two neighbours'", n)
		}
		if _, err := s.Ingestion(ctx, tn.ID, bad.IngestionID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("the bad booking's ingestion = %v; want none", err)
		}
	})

	t.Run("Replayed", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "FR")
		ins := []store.Ingest{
			booking(tn.ID, "bk-1", camille),
			booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Léa", Email: "lea@example.fr"}),
			booking(tn.ID, "bk-3", matcher.Customer{FirstName: "Camille", Email: "camille.roy@example.fr"}),
		}
		first := mustIngestBatch(t, s, ins...)
		// The same batch again, and one of its bookings twice in a batch
		// with a new one.
		wantOneTransaction(t, s, ins)
		again := mustIngestBatch(t, s, ins...)
		mixed := mustIngestBatch(t, s, ins[1], booking(tn.ID, "bk-4", matcher.Customer{FirstName: "Jo", Email: "jo@example.fr"}), ins[1])
		for i := range ins {
			if !again[i].Replayed || *again[i].ProfileID != *first[i].ProfileID || *again[i].Decision != *first[i].Decision {
				t.Fatalf("replay %d = %+v; want the first result %+v", i, again[i], first[i])
			}
		}
		if !mixed[0].Replayed || !mixed[2].Replayed || *mixed[2].ProfileID != *first[1].ProfileID || mixed[1].Replayed {
			t.Fatalf("mixed batch = %+v", mixed)
		}
		if n := count(t, s, `SELECT count(*) FROM activities WHERE tenant_id = $1`, tn.ID); n != 4 {
			t.Fatalf("%d activities, want 4", n)
		}
		if n := count(t, s, `SELECT count(*) FROM ingestions WHERE tenant_id = $1`, tn.ID); n != 4 {
			t.Fatalf("%d ingestions, want 4", n)
		}
	})

	t.Run("SameBookingTwiceInOneBatch", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "FR")
		in := booking(tn.ID, "bk-1", camille)
		got := mustIngestBatch(t, s, in, in)
		if got[0].Replayed || !got[1].Replayed || *got[1].ProfileID != *got[0].ProfileID {
			t.Fatalf("the same booking twice = %+v; want the second a replay of the first", got)
		}
		if n := count(t, s, `SELECT count(*) FROM activities WHERE tenant_id = $1`, tn.ID); n != 1 {
			t.Fatalf("%d activities, want 1", n)
		}
	})

	t.Run("FailedBeforeIsProcessed", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "FR")
		in := booking(tn.ID, "bk-1", camille)
		if err := s.FailIngestion(ctx, in, "the database refused a value"); err != nil {
			t.Fatal(err)
		}
		ins := []store.Ingest{in, booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Léa", Email: "lea@example.fr"})}
		got := mustIngestBatch(t, s, ins...)
		wantOneTransaction(t, s, ins)
		stored, err := s.Ingestion(ctx, tn.ID, in.IngestionID)
		if got[0].Replayed || err != nil || stored.Status != store.StatusDone || *stored.Decision != "created" {
			t.Fatalf("corrected booking = %+v, stored %+v, %v; want it processed", got[0], stored, err)
		}
	})

	t.Run("TwoTenants", func(t *testing.T) {
		s := newStore(t)
		t1 := storetest.MustTenant(t, s, "salon", "FR")
		t2 := storetest.MustTenant(t, s, "shop", "FR")
		got := mustIngestBatch(t, s, booking(t1.ID, "bk-1", camille), booking(t2.ID, "bk-1", camille),
			booking(t1.ID, "bk-2", camille), booking(t2.ID, "bk-2", camille))
		if *got[0].ProfileID != *got[2].ProfileID || *got[1].ProfileID != *got[3].ProfileID || *got[0].ProfileID == *got[1].ProfileID {
			t.Fatalf("two tenants' bookings = %+v; want one profile per tenant", got)
		}
	})

	t.Run("ErrNotFoundTenant", func(t *testing.T) {
		s := newStore(t)
		missing := "00000000-0000-0000-0000-000000000001"
		for _, r := range s.IngestBatch(ctx, []store.Ingest{booking(missing, "bk-1", camille), booking(missing, "bk-2", camille)}) {
			if !errors.Is(r.Err, store.ErrNotFound) {
				t.Fatalf("a batch for a missing tenant = %v, want ErrNotFound", r.Err)
			}
		}
	})

	t.Run("PolicyChangedSinceCached", func(t *testing.T) {
		s := newStore(t)
		tn := storetest.MustTenant(t, s, "salon", "FR")
		mustIngestBatch(t, s, booking(tn.ID, "bk-1", camille), booking(tn.ID, "bk-2", camille)) // caches the tenant
		guardOff := false
		changed, err := s.UpdatePolicy(ctx, tn.ID, store.PolicyChange{NameGuard: &guardOff})
		if err != nil {
			t.Fatal(err)
		}
		got := mustIngestBatch(t, s, booking(tn.ID, "bk-3", camille), booking(tn.ID, "bk-4", matcher.Customer{FirstName: "Léa", Email: "lea@example.fr"}))
		for _, ing := range got {
			if ing.Explanation.PolicyVersion != changed.PolicyVersion {
				t.Fatalf("decided under policy %d, want %d", ing.Explanation.PolicyVersion, changed.PolicyVersion)
			}
		}
	})

	t.Run("ConcurrentBatchesGiveOneProfilePerCustomer", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{MaxConns: 20})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		start := make(chan struct{})
		formats := []string{"06 12 34 56 7%d", "+3361234567%d", "061234567%d", "06.12.34.56.7%d"}
		var wg sync.WaitGroup
		errs := make(chan error, 100)
		for g := range 10 {
			wg.Go(func() {
				<-start
				var ins []store.Ingest
				for i := range 6 {
					person := (g + i) % 3
					c := matcher.Customer{FirstName: "Camille", Email: fmt.Sprintf("camille.%d@example.fr", person),
						Mobile: fmt.Sprintf(formats[(g+i)%len(formats)], person)}
					ins = append(ins, booking(tn.ID, fmt.Sprintf("bk-%d-%d", g, i), c))
				}
				for _, r := range s.IngestBatch(ctx, ins) {
					if r.Err != nil {
						errs <- r.Err
					}
				}
			})
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE tenant_id = $1`, tn.ID); n != 3 {
			t.Fatalf("%d profiles, want 3", n)
		}
		if n := count(t, s, `SELECT count(*) FROM activities WHERE tenant_id = $1`, tn.ID); n != 60 {
			t.Fatalf("%d activities, want 60", n)
		}
	})
}

// TestSearchAgain: an update that fills in a field and so gives its
// profile a blocking key it did not have asks for the profile's fuzzy
// search again; one that brings nothing new, a value it held already, or
// a value in place of another, does not. Alone or in a batch.
func TestSearchAgain(t *testing.T) {
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	marie := matcher.Customer{FirstName: "Marie", LastName: "Martin", Email: "marie.martin@free.fr"}
	first := mustIngest(t, s, booking(tn.ID, "bk-1", marie))
	if first.SearchAgain {
		t.Fatal("a created profile: its search is the created decision's, not SearchAgain's")
	}
	dated := marie
	dated.BirthDate = "1987-03-14"
	steps := []struct {
		name string
		c    matcher.Customer
		want bool
	}{
		{"SameDetails", marie, false},
		{"BirthDate", dated, true},
		{"BirthDateAgain", dated, false},
		{"Mobile", matcher.Customer{FirstName: "Marie", Email: "marie.martin@free.fr", Mobile: "06 12 34 56 78"}, true},
		{"BlankNameWritesNothing", matcher.Customer{Email: "marie.martin@free.fr"}, false},
		{"MobileReplaced", matcher.Customer{FirstName: "Marie", Email: "marie.martin@free.fr", Mobile: "07 81 22 33 44"}, false},
	}
	for i, st := range steps {
		ing := mustIngest(t, s, booking(tn.ID, fmt.Sprintf("bk-step-%d", i), st.c))
		if *ing.Decision != "updated" || *ing.ProfileID != *first.ProfileID {
			t.Fatalf("%s: %s on %s, want updated on the first profile", st.name, *ing.Decision, *ing.ProfileID)
		}
		if st.name == "MobileReplaced" && !slices.ContainsFunc(ing.Explanation.Changes, func(c matcher.Change) bool { return c.Field == "mobile" }) {
			t.Fatalf("%s: changes %+v, want the mobile written", st.name, ing.Explanation.Changes)
		}
		if ing.SearchAgain != st.want {
			t.Errorf("%s: SearchAgain = %v, want %v", st.name, ing.SearchAgain, st.want)
		}
	}
	addressed := marie
	addressed.Address = &matcher.Address{Line1: "12 rue des Lilas", PostalCode: "75011", City: "Paris"}
	got := mustIngestBatch(t, s, booking(tn.ID, "bk-batch-1", marie), booking(tn.ID, "bk-batch-2", addressed))
	if got[0].SearchAgain || !got[1].SearchAgain {
		t.Fatalf("in a batch: SearchAgain %v, %v; want false for nothing new, true for the address", got[0].SearchAgain, got[1].SearchAgain)
	}
}
