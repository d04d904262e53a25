package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5"

	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
)

// fuzzyPair is two customers and whether the fuzzy search must propose
// them as one person.
type fuzzyPair struct {
	name string
	a, b matcher.Customer
	open bool
}

var (
	hugo12  = &matcher.Address{Line1: "12 avenue Victor Hugo", PostalCode: "69003", City: "Lyon"}
	hugo12b = &matcher.Address{Line1: "12, av. Victor-Hugo", PostalCode: "69003", City: "LYON"}
)

// fuzzyExamples are the pairs the issue lists, each differing by one slip
// or one swap, with another email and mobile as a second visit brings,
// and pairs that must not be proposed.
var fuzzyExamples = []fuzzyPair{
	{"NamesSwapped",
		matcher.Customer{FirstName: "Marie", LastName: "Laurent", BirthDate: "1985-04-12", Email: "marie.laurent@example.fr"},
		matcher.Customer{FirstName: "Laurent", LastName: "Marie", BirthDate: "1985-04-12", Email: "laurent.m@example.com"}, true},
	{"Transposition",
		matcher.Customer{FirstName: "Thomas", LastName: "Durand", BirthDate: "1990-02-03", Mobile: "0612345678"},
		matcher.Customer{FirstName: "Tohmas", LastName: "Durand", BirthDate: "1990-02-03", Mobile: "0698765432"}, true},
	{"BirthDateOneDigitOff",
		matcher.Customer{FirstName: "Claire", LastName: "Fontaine", BirthDate: "1985-04-12", Address: hugo12},
		matcher.Customer{FirstName: "Claire", LastName: "Fontaine", BirthDate: "1985-04-13", Address: hugo12b}, true},
	{"FirstNameMissingOnBoth",
		matcher.Customer{LastName: "Lebreton", BirthDate: "1962-11-30", Email: "lebreton.famille@example.fr"},
		matcher.Customer{LastName: "Lebreton", BirthDate: "1962-11-30", Email: "contact.lebreton@example.com"}, true},
	{"SurnameReplaced",
		matcher.Customer{FirstName: "Sophie", LastName: "Bernard", BirthDate: "1988-06-21", Address: hugo12, Phone: "0478123456"},
		matcher.Customer{FirstName: "Sophie", LastName: "Kerjean", BirthDate: "1988-06-21", Address: hugo12, Phone: "0478123456"}, true},
	{"BirthDateWithinAMonth",
		matcher.Customer{FirstName: "Hélène", LastName: "Garnier", BirthDate: "1979-09-03", Address: hugo12},
		matcher.Customer{FirstName: "Hélène", LastName: "Garnier", BirthDate: "1979-09-21", Address: hugo12b}, true},
	{"ShortNames",
		matcher.Customer{FirstName: "Ana", LastName: "Vidal", BirthDate: "1995-01-15"},
		matcher.Customer{FirstName: "Anna", LastName: "Vidal", BirthDate: "1995-01-15"}, true},
	{"SameAddress",
		matcher.Customer{FirstName: "Julien", LastName: "Moreau", Address: hugo12, Email: "julien.moreau@example.fr"},
		matcher.Customer{FirstName: "Julien", LastName: "Moreau", Address: hugo12b, Email: "jmoreau@example.com"}, true},
	{"MobileOneDigitApart",
		matcher.Customer{FirstName: "Alexandre", LastName: "Petit", Mobile: "06 12 34 56 78"},
		matcher.Customer{FirstName: "Alex", LastName: "Petit", Mobile: "06 12 34 56 87"}, true},
	{"SameMailbox",
		matcher.Customer{FirstName: "Léa", LastName: "Roux", Email: "lea.roux@gmail.com"},
		matcher.Customer{FirstName: "Lea", LastName: "Roux", Email: "learoux+salon@gmail.com"}, true},
	{"GivenNameReplaced", // an old system's file: no email, no mobile
		matcher.Customer{FirstName: "Danielle", LastName: "Roche", BirthDate: "1971-12-11", Address: hugo12},
		matcher.Customer{FirstName: "Odile", LastName: "Roche", BirthDate: "1971-12-11", Address: hugo12b}, true},

	{"Twins",
		matcher.Customer{FirstName: "Lucas", LastName: "Martin", BirthDate: "2010-05-03", Address: hugo12,
			Email: "lucasm10@gmail.com", Mobile: "0612345678"},
		matcher.Customer{FirstName: "Emma", LastName: "Martin", BirthDate: "2010-05-03", Address: hugo12b,
			Email: "emmam10@orange.fr", Mobile: "0698765432"}, false},
	{"SameSurnameUnrelated",
		matcher.Customer{FirstName: "Marie", LastName: "Martin", BirthDate: "1985-04-12", Email: "marie.martin@example.fr", Address: hugo12},
		matcher.Customer{FirstName: "Julien", LastName: "Martin", BirthDate: "1971-09-02", Email: "julien.martin@example.fr",
			Address: &matcher.Address{Line1: "3 rue de la Paix", PostalCode: "75002", City: "Paris"}}, false},
	{"Household",
		matcher.Customer{FirstName: "Marie", LastName: "Martin", Address: hugo12, Phone: "0478123456"},
		matcher.Customer{FirstName: "Lucas", LastName: "Martin", Address: hugo12b, Phone: "0478123456"}, false},
	{"NamesakesBornWithinAMonth",
		matcher.Customer{FirstName: "Marie", LastName: "Martin", BirthDate: "1985-04-12", Email: "marie.martin@example.fr", Address: hugo12},
		matcher.Customer{FirstName: "Marie", LastName: "Martin", BirthDate: "1985-04-28", Email: "m.martin@example.com",
			Address: &matcher.Address{Line1: "3 rue de la Paix", PostalCode: "75002", City: "Paris"}}, false},
	{"CommonNameAlone",
		matcher.Customer{FirstName: "Marie", LastName: "Martin", Email: "marie.martin@example.fr"},
		matcher.Customer{FirstName: "Marie", LastName: "Martin", Email: "marie.martin@example.com"}, false},
}

// TestFuzzyCandidatesExamples: the search from the second profile opens a
// candidate of the pair exactly when it must, with each field's weight in
// the evidence.
func TestFuzzyCandidatesExamples(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	for i, tt := range fuzzyExamples {
		t.Run(tt.name, func(t *testing.T) {
			tn := storetest.MustTenant(t, s, fmt.Sprintf("fuzzy-%d", i), "FR")
			a, b := mustSearchPair(t, s, tn.ID, tt.a, tt.b, tt.open)
			if !tt.open {
				return
			}
			var ids []string
			var evidence []byte
			if err := s.Pool().QueryRow(ctx, `SELECT profile_ids::text[], evidence FROM review_candidates
				WHERE tenant_id = $1 AND status = 'open'`, tn.ID).Scan(&ids, &evidence); err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(ids, a) || !slices.Contains(ids, b) {
				t.Fatalf("candidate %v, want %s and %s", ids, a, b)
			}
			var ev []struct {
				Rule   string                `json:"rule"`
				Weight float64               `json:"weight"`
				Fields []matcher.FieldWeight `json:"fields"`
			}
			if err := json.Unmarshal(evidence, &ev); err != nil {
				t.Fatal(err)
			}
			if len(ev) != 1 || ev[0].Rule != "fuzzy" || ev[0].Weight < matcher.DefaultFuzzyThreshold || len(ev[0].Fields) < 2 {
				t.Fatalf("evidence %s", evidence)
			}
		})
	}
}

// TestFuzzySearchSeveral: one search of many profiles (a worker's
// gathered task) opens the candidate of each example pair that must open,
// once, when both profiles of a pair are among those searched, and nothing
// between the pairs.
func TestFuzzySearchSeveral(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "fuzzy-several", "FR")
	want := map[string]bool{} // "a b" of each pair to open
	names := map[string]string{}
	var probes []string
	for _, tt := range fuzzyExamples {
		if !tt.open {
			continue
		}
		a, b := mustCreate(t, s, tn.ID, tt.a), mustCreate(t, s, tn.ID, tt.b)
		want[a+" "+b] = true
		names[a], names[b] = tt.name+" a", tt.name+" b"
		probes = append(probes, a, b)
	}
	res, err := s.FuzzySearch(ctx, tn.ID, probes)
	if err != nil {
		t.Fatal(err)
	}
	if res.Candidates != len(want) {
		t.Errorf("%d candidates opened or fed, want %d: each pair once", res.Candidates, len(want))
	}
	// (Two of the examples share a mobile: an exact candidate, not counted.)
	rows, err := s.Pool().Query(ctx, `SELECT profile_ids::text[], jsonb_array_length(evidence) FROM review_candidates
		WHERE tenant_id = $1 AND status = 'open' AND reason LIKE 'fuzzy:%'`, tn.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := 0
	for rows.Next() {
		var ids []string
		var evidence int
		if err := rows.Scan(&ids, &evidence); err != nil {
			t.Fatal(err)
		}
		got++
		if len(ids) != 2 || !want[ids[0]+" "+ids[1]] && !want[ids[1]+" "+ids[0]] || evidence != 1 {
			t.Errorf("candidate %q, %q with %d pieces of evidence, not one of the example pairs proposed once", names[ids[0]], names[ids[1]], evidence)
		}
	}
	if got != len(want) {
		t.Errorf("%d open candidates, want %d", got, len(want))
	}
}

func mustCreate(t *testing.T, s *store.Store, tenantID string, c matcher.Customer) string {
	t.Helper()
	created, err := s.CreateProfile(context.Background(), tenantID, "test", c)
	if err != nil {
		t.Fatal(err)
	}
	return created.Profile.ID
}

// mustSearchPair creates a, then b, searches from b, and fails unless the
// search opens a candidate exactly when open says. It returns their ids.
func mustSearchPair(t *testing.T, s *store.Store, tenantID string, a, b matcher.Customer, open bool) (string, string) {
	t.Helper()
	ida, idb := mustCreate(t, s, tenantID, a), mustCreate(t, s, tenantID, b)
	n, err := s.FuzzyCandidates(context.Background(), tenantID, idb)
	if err != nil {
		t.Fatal(err)
	}
	if got := n > 0; got != open {
		t.Fatalf("%d candidates, want open = %v", n, open)
	}
	return ida, idb
}

// importRows imports rows as one file's whole import, done.
func importRows(t *testing.T, s *store.Store, tenantID string, rows []store.ImportRow) {
	t.Helper()
	ctx := context.Background()
	st, err := s.ImportState(ctx, tenantID, "digest", "customers.csv")
	if err != nil {
		t.Fatal(err)
	}
	st.LastLine, st.Imported, st.Done = rows[len(rows)-1].Line, int64(len(rows)), true
	if err := s.ImportBatch(ctx, tenantID, "digest", rows, st); err != nil {
		t.Fatal(err)
	}
}

// TestScanShowsAPairOnce: two copies of a person sharing an email, whose
// daughter books with the mother's mobile, are one candidate of three
// (the email and the mobile); the copies' fuzzy likeness opens no second
// candidate holding them again.
func TestScanShowsAPairOnce(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "once", "GB")
	home := &matcher.Address{Line1: "12 Tower Road", PostalCode: "LS15 3GA", City: "Leeds"}
	rows := []store.ImportRow{
		{Line: 2, Customer: matcher.Customer{FirstName: "Sophie", LastName: "Stevens", Email: "sophie.stevens@example.co.uk",
			Mobile: "07911 123456", BirthDate: "1979-03-14", Address: home}},
		{Line: 3, Customer: matcher.Customer{FirstName: "Soohie", LastName: "Stevens", Email: "sophie.stevens@example.co.uk",
			Mobile: "07911 123456", BirthDate: "1979-03-14", Address: home}},
		{Line: 4, Customer: matcher.Customer{FirstName: "Ellie", LastName: "Stevens", Mobile: "07911 123456", BirthDate: "2008-10-02", Address: home}},
	}
	importRows(t, s, tn.ID, rows)
	rep, err := s.Scan(ctx, tn.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	rows2, err := s.Pool().Query(ctx, `SELECT reason || ' ' || cardinality(profile_ids) FROM review_candidates
		WHERE tenant_id = $1 AND status = 'open' ORDER BY reason`, tn.ID)
	if err != nil {
		t.Fatal(err)
	}
	for rows2.Next() {
		var r string
		if err := rows2.Scan(&r); err != nil {
			t.Fatal(err)
		}
		reasons = append(reasons, r)
	}
	if rep.ExactGroups != 1 || rep.Fuzzy != 0 || !slices.Equal(reasons, []string{"scan: shared email and mobile 3"}) {
		t.Errorf("scan %+v opened %q, want one candidate of three for the email and the mobile", rep, reasons)
	}
}

// TestFuzzySearchShowsAPairOnce: the fuzzy search from one of two copies
// of a person opens no candidate of the two while an open candidate of
// three (the copies and the daughter sharing their mobile) holds them, and
// opens it once that candidate is closed.
func TestFuzzySearchShowsAPairOnce(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "search-once", "GB")
	home := &matcher.Address{Line1: "12 Tower Road", PostalCode: "LS15 3GA", City: "Leeds"}
	importRows(t, s, tn.ID, []store.ImportRow{
		{Line: 2, Customer: matcher.Customer{FirstName: "Sophie", LastName: "Stevens", Email: "sophie.stevens@example.co.uk",
			Mobile: "07911 123456", BirthDate: "1979-03-14", Address: home}},
		{Line: 3, Customer: matcher.Customer{FirstName: "Soohie", LastName: "Stevens", Email: "sophie.stevens@example.co.uk",
			Mobile: "07911 123456", BirthDate: "1979-03-14", Address: home}},
		{Line: 4, Customer: matcher.Customer{FirstName: "Ellie", LastName: "Stevens", Mobile: "07911 123456", BirthDate: "2008-10-02", Address: home}},
	})
	if rep, err := s.Scan(ctx, tn.ID, nil); err != nil || rep.ExactGroups != 1 {
		t.Fatalf("scan %+v, %v: want the candidate of three", rep, err)
	}
	var copyID string
	if err := s.Pool().QueryRow(ctx, `SELECT id FROM profiles WHERE tenant_id = $1 AND first_name = 'Soohie'`, tn.ID).Scan(&copyID); err != nil {
		t.Fatal(err)
	}
	pairs := `SELECT count(*) FROM review_candidates WHERE tenant_id = $1 AND status = 'open' AND cardinality(profile_ids) = 2`
	if n, err := s.FuzzyCandidates(ctx, tn.ID, copyID); err != nil || n != 0 || count(t, s, pairs, tn.ID) != 0 {
		t.Errorf("search opened %d (%v), %d pairs in the queue: want none beside the candidate of three", n, err, count(t, s, pairs, tn.ID))
	}
	if _, err := s.Pool().Exec(ctx, `UPDATE review_candidates SET status = 'stale' WHERE tenant_id = $1`, tn.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := s.FuzzyCandidates(ctx, tn.ID, copyID); err != nil || n != 1 || count(t, s, pairs, tn.ID) != 1 {
		t.Errorf("with the candidate of three closed, search opened %d (%v): want the copies' pair", n, err)
	}
}

// TestFuzzySearchSharedContact: colleagues an assistant books with her
// own email and mobile share nothing else. While as few of them hold the
// two as the tenant's shared threshold, the fuzzy search of one proposes
// the pair with another, as the exact match's review does; once more do,
// the email and the mobile are shared there too, and it proposes none.
func TestFuzzySearchSharedContact(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "office", "ZA")
	names := [][2]string{{"Thabo", "Nkosi"}, {"Lerato", "Mokoena"}, {"Pieter", "Botha"}, {"Ayesha", "Naidoo"},
		{"Sipho", "Dlamini"}, {"Anri", "du Plessis"}, {"Karabo", "Mahlangu"}}
	var ids []string
	book := func(n [2]string) string {
		id := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: n[0], LastName: n[1],
			Email: "bookings.desk@example.co.za", Mobile: "082 555 0142"})
		ids = append(ids, id)
		return id
	}
	for _, n := range names[:2] {
		book(n)
	}
	if n, err := s.FuzzyCandidates(ctx, tn.ID, ids[1]); err != nil || n != 1 {
		t.Fatalf("with 2 holders the search opened %d (%v): want the pair proposed", n, err)
	}
	for _, n := range names[2:] {
		book(n)
	}
	if _, err := s.Pool().Exec(ctx, `DELETE FROM review_candidates WHERE tenant_id = $1`, tn.ID); err != nil {
		t.Fatal(err)
	}
	res, err := s.FuzzySearch(ctx, tn.ID, []string{ids[len(ids)-1]})
	if err != nil || res.Candidates != 0 || res.SharedKeys == 0 {
		t.Errorf("with %d holders the search gave %+v (%v): want the email and mobile shared and no candidate", len(ids), res, err)
	}
}

// TestFuzzySearchLooksUpMobileSlips: the mobile stores no blocking key,
// and the search still compares a profile with the holders of a number
// one slip from its mobile (the first digit past the country code and the
// first, the last, two neighbouring ones swapped), and not with one two
// slips away or with another first digit. Marie Martin and Marie Marin,
// their mobiles one swap apart and nothing else to block them by, are
// proposed, by the search and by the scan.
func TestFuzzySearchLooksUpMobileSlips(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "mobile-slips", "FR")
	marin := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Marie", LastName: "Marin", Mobile: "06 12 34 56 87"})
	for _, c := range []matcher.Customer{
		{FirstName: "Paul", LastName: "Girard", Mobile: "06 52 34 56 78"},
		{FirstName: "Luc", LastName: "Petit", Mobile: "06 12 34 56 70"},
		{FirstName: "Anne", LastName: "Roux", Mobile: "06 12 34 56 00"},
		{FirstName: "Jean", LastName: "Blanc", Mobile: "07 12 34 56 78"},
	} {
		mustCreate(t, s, tn.ID, c)
	}
	martin := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Marie", LastName: "Martin", Mobile: "06 12 34 56 78"})
	if n := count(t, s, `SELECT count(*) FROM fuzzy_keys WHERE tenant_id = $1 AND profile_id = $2`, tn.ID, martin); n != 1 {
		t.Errorf("Marie Martin holds %d blocking keys, want 1 (her names')", n)
	}
	res, err := s.FuzzySearch(ctx, tn.ID, []string{martin})
	if err != nil {
		t.Fatal(err)
	}
	if res.Compared != 3 || res.Candidates != 1 {
		t.Errorf("the search gave %+v: want 3 holders of a number one slip away compared, 1 candidate", res)
	}
	proposed := func() int {
		return count(t, s, `SELECT count(*) FROM review_candidates WHERE tenant_id = $1 AND status = 'open' AND profile_ids = ARRAY[$2, $3]::uuid[]`,
			tn.ID, min(martin, marin), max(martin, marin))
	}
	if proposed() != 1 {
		t.Fatal("Marie Martin and Marie Marin are not proposed")
	}
	if _, err := s.Pool().Exec(ctx, `DELETE FROM review_candidates WHERE tenant_id = $1`, tn.ID); err != nil {
		t.Fatal(err)
	}
	if rep, err := s.Scan(ctx, tn.ID, nil); err != nil || rep.Opened != 1 {
		t.Fatalf("the scan gave %+v (%v): want 1 candidate opened", rep, err)
	}
	if proposed() != 1 {
		t.Error("the scan did not propose Marie Martin and Marie Marin")
	}
}

// TestFamilyShownOnce: four people booking with one email open a
// candidate of two, then of three, then of four, each in its booking's
// transaction; the search of each created profile folds the smaller ones
// into the largest, so a reviewer sees the family once, with every
// booking's evidence.
func TestFamilyShownOnce(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "family", "FR")
	for i, first := range []string{"Camille", "Louis", "Sophie", "Marc"} {
		ing := mustIngest(t, s, booking(tn.ID, "bk-"+first, matcher.Customer{FirstName: first, LastName: "Roy", Email: "famille.roy@example.fr"}))
		if ing.ProfileID == nil {
			t.Fatalf("%s: no profile", first)
		}
		if _, err := s.FuzzyCandidates(ctx, tn.ID, *ing.ProfileID); err != nil {
			t.Fatal(err)
		}
		open := `SELECT count(*) FROM review_candidates WHERE tenant_id = $1 AND status = 'open'`
		if n, want := count(t, s, open, tn.ID), min(i, 1); n != want {
			t.Fatalf("after %s: %d open candidates, want %d", first, n, want)
		}
	}
	var members, entries int
	if err := s.Pool().QueryRow(ctx, `SELECT cardinality(profile_ids), jsonb_array_length(evidence) FROM review_candidates
		WHERE tenant_id = $1 AND status = 'open'`, tn.ID).Scan(&members, &entries); err != nil {
		t.Fatal(err)
	}
	if members != 4 || entries != 3 {
		t.Errorf("the open candidate holds %d profiles and %d bookings' evidence; want the family's 4 and 3", members, entries)
	}
}

// TestScanOpensGroups: three copies of one person are one candidate of
// three; a fourth record linked to one of them by a borderline pair only
// does not join the group (no chaining), and the summary counts
// candidates, not pairs.
func TestScanOpensGroups(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "groups", "FR")
	x1 := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Thomas", LastName: "Durand", BirthDate: "1990-02-03", Address: hugo12})
	x2 := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Tohmas", LastName: "Durand", BirthDate: "1990-02-03", Address: hugo12b})
	x3 := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Thomas", LastName: "Durant", BirthDate: "1990-02-03", Address: hugo12})
	// A namesake born the same day, elsewhere: linked to the group by the
	// name and the date alone.
	y := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Thomas", LastName: "Durand", BirthDate: "1990-02-03",
		Address: &matcher.Address{Line1: "3 rue de la Paix", PostalCode: "75002", City: "Paris"}})
	mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Lucas", LastName: "Durand", BirthDate: "1962-05-01", Address: hugo12})

	rep, err := s.Scan(ctx, tn.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.Pool().Query(ctx, `SELECT profile_ids::text[] FROM review_candidates WHERE tenant_id = $1 AND status = 'open'`, tn.ID)
	if err != nil {
		t.Fatal(err)
	}
	var sets [][]string
	for rows.Next() {
		var ids []string
		if err := rows.Scan(&ids); err != nil {
			t.Fatal(err)
		}
		sets = append(sets, ids)
	}
	group := []string{x1, x2, x3}
	slices.Sort(group)
	found := false
	for _, ids := range sets {
		if slices.Equal(ids, group) {
			found = true
		}
		if len(ids) > 3 || len(ids) == 3 && slices.Contains(ids, y) {
			t.Errorf("candidate %v chains the namesake %s into the group", ids, y)
		}
	}
	if !found {
		t.Fatalf("candidates %v, want one of the three copies %v", sets, group)
	}
	if rep.Groups != 1 || rep.Fuzzy != len(sets) {
		t.Errorf("report %+v for %d candidates, want 1 group and one count per candidate", rep, len(sets))
	}
}

// candidateSets returns the profile sets of the tenant's candidates of a
// status, in the order of their ids.
func candidateSets(t *testing.T, s *store.Store, tenantID, status string) [][]string {
	t.Helper()
	rows, err := s.Pool().Query(context.Background(),
		`SELECT profile_ids::text[] FROM review_candidates WHERE tenant_id = $1 AND status = $2 ORDER BY id`, tenantID, status)
	if err != nil {
		t.Fatal(err)
	}
	sets, err := pgx.CollectRows(rows, pgx.RowTo[[]string])
	if err != nil {
		t.Fatal(err)
	}
	return sets
}

// TestScanFoldsTheGroupsParts: two copies sharing an email are an exact
// pair; with a third copy, the scan's fuzzy group of three holds them, and
// the pair closes as stale, its evidence moved to the group, each entry
// naming the two. A second scan opens nothing, folds nothing, and leaves
// the group as it was.
func TestScanFoldsTheGroupsParts(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "fold", "FR")
	x1 := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Thomas", LastName: "Durand", BirthDate: "1990-02-03", Address: hugo12,
		Email: "thomas.durand@example.fr"})
	x2 := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Tohmas", LastName: "Durand", BirthDate: "1990-02-03", Address: hugo12b,
		Email: "thomas.durand@example.fr"})
	x3 := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Thomas", LastName: "Durant", BirthDate: "1990-02-03", Address: hugo12})
	group, pair := []string{x1, x2, x3}, []string{x1, x2}
	slices.Sort(group)
	slices.Sort(pair)
	candidates := func(status string) [][]string { return candidateSets(t, s, tn.ID, status) }
	rep, err := s.Scan(ctx, tn.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if open, stale := candidates("open"), candidates("stale"); len(open) != 1 || !slices.Equal(open[0], group) ||
		len(stale) != 1 || !slices.Equal(stale[0], pair) || rep.Folded != 1 {
		t.Fatalf("open %v, stale %v, report %+v; want the group of three open and the pair of the email folded into it", open, stale, rep)
	}
	var named int
	if err := s.Pool().QueryRow(ctx, `SELECT count(*) FROM review_candidates r, jsonb_array_elements(r.evidence) e
		WHERE r.tenant_id = $1 AND r.status = 'open' AND e->'profile_ids' = to_jsonb($2::text[])`, tn.ID, pair).Scan(&named); err != nil {
		t.Fatal(err)
	}
	if named == 0 {
		t.Error("the group's evidence does not hold the pair's, naming its two profiles")
	}
	again, err := s.Scan(ctx, tn.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if open := candidates("open"); again.Opened != 0 || again.Folded != 0 || len(open) != 1 || !slices.Equal(open[0], group) ||
		len(candidates("stale")) != 1 {
		t.Fatalf("the second scan: report %+v, open %v; want nothing opened or folded", again, open)
	}
}

// TestScanGrowsTheExactGroup: three copies of a person share an email, so
// the exact phase opens them as one candidate; a fourth copy with another
// email, strongly linked to two of them and not to the one that gave only
// its name and the email, joins that group: one candidate of four, the
// exact one closed as stale, not a second group of three beside it that
// shows the first two copies again.
func TestScanGrowsTheExactGroup(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "grow", "FR")
	const email = "thomas.durand@example.fr"
	x1 := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Thomas", LastName: "Durand", BirthDate: "1990-02-03", Address: hugo12, Email: email})
	x2 := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Tohmas", LastName: "Durand", BirthDate: "1990-02-03", Address: hugo12b, Email: email})
	x3 := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Thomas", LastName: "Durand", Email: email})
	x4 := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Thomas", LastName: "Durand", BirthDate: "1990-02-03", Address: hugo12,
		Email: "tom.d@example.com"})
	exact, group := []string{x1, x2, x3}, []string{x1, x2, x3, x4}
	slices.Sort(exact)
	slices.Sort(group)
	sets := func(status string) [][]string { return candidateSets(t, s, tn.ID, status) }
	rep, err := s.Scan(ctx, tn.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Creating the copies opened candidates for the email too; the scan
	// folds them all into the group.
	if open, stale := sets("open"), sets("stale"); len(open) != 1 || !slices.Equal(open[0], group) ||
		!slices.ContainsFunc(stale, func(ids []string) bool { return slices.Equal(ids, exact) }) || rep.ExactGroups != 1 {
		t.Fatalf("open %v, stale %v, report %+v; want the four copies open, the exact three folded into them", open, stale, rep)
	}
	again, err := s.Scan(ctx, tn.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if open := sets("open"); again.Opened != 0 || again.Folded != 0 || len(open) != 1 || !slices.Equal(open[0], group) {
		t.Fatalf("the second scan: report %+v, open %v; want nothing opened or folded", again, open)
	}
}

// TestScanGroupsCopiesLinkedAllToAll: three copies of one person with only
// a name and an address in common, no link strong, are still one
// candidate of three: each is linked to both others.
func TestScanGroupsCopiesLinkedAllToAll(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "copies", "US")
	addr := &matcher.Address{Line1: "15902 Birch Ave", Line2: "Apt 960", PostalCode: "75214", City: "Dallas", Country: "US"}
	var group []string
	for range 3 {
		group = append(group, mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Tiffany", LastName: "Quarles", Address: addr}))
	}
	slices.Sort(group)
	rep, err := s.Scan(ctx, tn.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	var sets [][]string
	rows, _ := s.Pool().Query(ctx, `SELECT profile_ids::text[] FROM review_candidates WHERE tenant_id = $1 AND status = 'open'`, tn.ID)
	for rows.Next() {
		var ids []string
		if err := rows.Scan(&ids); err != nil {
			t.Fatal(err)
		}
		sets = append(sets, ids)
	}
	if len(sets) != 1 || !slices.Equal(sets[0], group) || rep.Groups != 1 {
		t.Fatalf("candidates %v (report %+v), want one of the three copies", sets, rep)
	}
}

// TestBlockingKeysFollowTheProfile: keys are written with the profile,
// follow a change of name, and go when the profile is merged away.
func TestBlockingKeysFollowTheProfile(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "keys", "FR")
	a := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Marie", LastName: "Laurent", BirthDate: "1985-04-12"})
	b := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Marie", LastName: "Laurent", Email: "marie@example.fr"})
	keys := func(id string) int {
		return count(t, s, `SELECT count(*) FROM fuzzy_keys WHERE tenant_id = $1 AND profile_id = $2`, tn.ID, id)
	}
	want := len(matcher.BlockingKeys(matcher.Profile{FirstName: "Marie", LastName: "Laurent", BirthDate: "1985-04-12"}))
	if got := keys(a); got != want || want == 0 {
		t.Fatalf("%d keys stored, want %d", got, want)
	}
	if _, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, Actor: "test", SurvivorID: a, ProfileIDs: []string{a, b}}); err != nil {
		t.Fatal(err)
	}
	if got := keys(b); got != 0 {
		t.Errorf("the merged profile still holds %d keys", got)
	}
	merged := len(matcher.BlockingKeys(matcher.Profile{FirstName: "Marie", LastName: "Laurent", BirthDate: "1985-04-12",
		Email: "marie@example.fr"}))
	if got := keys(a); got != merged {
		t.Errorf("the survivor holds %d keys, want %d (its merged fields')", got, merged)
	}

	// A booking that gives the profile an address and a mobile changes
	// some of its keys: the trigger files those and removes the ones
	// gone, and leaves the rows of the keys kept as they were (the same
	// row version), where it used to delete and insert them all.
	filed := func(id string) map[int64]string {
		rows, err := s.Pool().Query(ctx, `SELECT key, xmin::text FROM fuzzy_keys WHERE tenant_id = $1 AND profile_id = $2`, tn.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		out := map[int64]string{}
		var k int64
		var xmin string
		if _, err := pgx.ForEachRow(rows, []any{&k, &xmin}, func() error { out[k] = xmin; return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	before := filed(a)
	c := matcher.Customer{FirstName: "Marie", LastName: "Laurent", Email: "marie@example.fr", Mobile: "+33612345678", Address: hugo12}
	if ing := mustIngest(t, s, booking(tn.ID, "keys-1", c)); ing.ProfileID == nil || *ing.ProfileID != a {
		t.Fatalf("the booking went to %v, want the survivor %s", ing.ProfileID, a)
	}
	after := filed(a)
	want = 0
	kept := 0
	for _, k := range matcher.BlockingKeys(matcher.Profile{FirstName: "Marie", LastName: "Laurent", BirthDate: "1985-04-12",
		Email: "marie@example.fr", Mobile: "+33612345678", Address: *hugo12}) {
		want++
		xmin, ok := after[k]
		if !ok {
			t.Errorf("key %d of the updated profile is not filed", k)
			continue
		}
		if old, ok := before[k]; ok {
			kept++
			if old != xmin {
				t.Errorf("key %d was in both sets and was written again (xmin %s, then %s)", k, old, xmin)
			}
		}
	}
	if len(after) != want || kept == 0 || kept == want {
		t.Errorf("%d keys filed, want %d; %d kept of %d before (want some kept, some new)", len(after), want, kept, len(before))
	}
}

// TestFuzzyThresholdIsTheTenants: a pair the default threshold proposes is
// not proposed once the tenant raises its threshold above the pair's
// weight, and a threshold outside (0, 100] is refused.
func TestFuzzyThresholdIsTheTenants(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "threshold", "FR")
	high := 60.0
	if _, err := s.UpdatePolicy(ctx, tn.ID, store.PolicyChange{FuzzyThreshold: &high}); err != nil {
		t.Fatal(err)
	}
	ex := fuzzyExamples[1] // the transposition
	mustCreate(t, s, tn.ID, ex.a)
	b := mustCreate(t, s, tn.ID, ex.b)
	if n, err := s.FuzzyCandidates(ctx, tn.ID, b); err != nil || n != 0 {
		t.Fatalf("FuzzyCandidates = %d, %v; want none above a threshold of 60 bits", n, err)
	}
	for _, bad := range []float64{0, -1, 101} {
		if _, err := s.UpdatePolicy(ctx, tn.ID, store.PolicyChange{FuzzyThreshold: &bad}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("threshold %g: %v, want ErrInvalid", bad, err)
		}
	}
	tnt, err := s.Tenant(ctx, tn.ID)
	if err != nil || tnt.FuzzyThreshold != 60 {
		t.Fatalf("tenant %+v, %v; want the threshold kept at 60", tnt, err)
	}
}

// TestIdentifierAttributes: an attribute the tenant designates as an
// identifier weighs in the fuzzy search: the same value (however written)
// or one slip apart opens a pair that the names alone do not, and a
// different one keeps closed a pair that would open without it. A tenant
// that designates nothing compares no attribute.
func TestIdentifierAttributes(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	person := func(ssn string, addr *matcher.Address) matcher.Customer {
		return matcher.Customer{FirstName: "Maryse", LastName: "Dubreuil", Address: addr, Attributes: map[string]string{"soc_sec_id": ssn}}
	}
	for i, tt := range []struct {
		name       string
		a, b       matcher.Customer
		designated bool // the tenant designates soc_sec_id
		level      matcher.Level
		open       bool
	}{
		{"Same", person("1234567", nil), person("123-4567", nil), true, matcher.LevelExact, true},
		{"OneSlip", person("1234567", nil), person("1234576", nil), true, matcher.LevelTypo, true},
		{"SameNotDesignated", person("1234567", nil), person("1234567", nil), false, matcher.LevelMissing, false},
		{"Different", person("1234567", hugo12), person("7654321", hugo12b), true, matcher.LevelDifferent, false},
		{"DifferentNotDesignated", person("1234567", hugo12), person("7654321", hugo12b), false, matcher.LevelMissing, true},
		{"ShortSlip", person("A-17", nil), person("A-18", nil), true, matcher.LevelDifferent, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tn := storetest.MustTenant(t, s, fmt.Sprintf("identifier-%d", i), "FR")
			if tt.designated {
				ids := []string{"soc_sec_id", "member_card"}
				if _, err := s.UpdatePolicy(ctx, tn.ID, store.PolicyChange{IdentifierAttributes: &ids}); err != nil {
					t.Fatal(err)
				}
			}
			mustSearchPair(t, s, tn.ID, tt.a, tt.b, tt.open)
			if !tt.open {
				return
			}
			var fields []matcher.FieldWeight
			if err := s.Pool().QueryRow(ctx, `SELECT evidence->0->'fields' FROM review_candidates
				WHERE tenant_id = $1 AND status = 'open'`, tn.ID).Scan(&fields); err != nil {
				t.Fatal(err)
			}
			if got := (matcher.FuzzyScore{Fields: fields}).Level(matcher.CompareIdentifier); got != tt.level {
				t.Fatalf("identifier level %q, want %q (evidence %+v)", got, tt.level, fields)
			}
		})
	}

	// Two records whose names were both mistyped share no key but their
	// social security number: designating it keys the profiles already
	// there, and the search finds the pair; dropping it removes the key.
	tn := storetest.MustTenant(t, s, "identifier-rekey", "AU")
	a := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Kavita", LastName: "Singh", Attributes: map[string]string{"soc_sec_id": "2603516"}})
	b := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Kqvita", LastName: "Sngh", Attributes: map[string]string{"soc_sec_id": "260 3516"}})
	search := func() int {
		n, err := s.FuzzyCandidates(ctx, tn.ID, b)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := search(); n != 0 {
		t.Fatalf("%d candidates before soc_sec_id is designated, want none (no key in common)", n)
	}
	ssn, none := []string{"soc_sec_id"}, []string{}
	if _, err := s.UpdatePolicy(ctx, tn.ID, store.PolicyChange{IdentifierAttributes: &ssn}); err != nil {
		t.Fatal(err)
	}
	idKey := matcher.HashBlockingKey("id:soc_sec_id|2603516")
	if n := count(t, s, `SELECT count(*) FROM fuzzy_keys WHERE tenant_id = $1 AND key = $2`, tn.ID, idKey); n != 2 {
		t.Fatalf("%d profiles filed under the identifier's key, want 2", n)
	}
	if n := search(); n != 1 {
		t.Fatalf("%d candidates once soc_sec_id is designated, want 1 (%s, %s)", n, a, b)
	}
	if _, err := s.UpdatePolicy(ctx, tn.ID, store.PolicyChange{IdentifierAttributes: &none}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, `SELECT count(*) FROM fuzzy_keys WHERE tenant_id = $1 AND key = $2`, tn.ID, idKey); n != 0 {
		t.Fatalf("%d profiles still filed under the identifier's key once it is no longer designated", n)
	}

	tn = storetest.MustTenant(t, s, "identifier-policy", "FR")
	for _, bad := range [][]string{{"soc sec"}, {"a", "b", "c", "d", "e", "f"}} {
		var fe *matcher.FieldError
		if _, err := s.UpdatePolicy(ctx, tn.ID, store.PolicyChange{IdentifierAttributes: &bad}); !errors.As(err, &fe) || fe.Field != "identifier_attributes" {
			t.Errorf("identifier_attributes %q: %v, want a field error", bad, err)
		}
	}
	twice := []string{"member_card", "member_card"}
	got, err := s.UpdatePolicy(ctx, tn.ID, store.PolicyChange{IdentifierAttributes: &twice})
	if err != nil || !slices.Equal(got.IdentifierAttributes, []string{"member_card"}) || got.PolicyVersion != 2 {
		t.Fatalf("UpdatePolicy = %+v, %v; want member_card once, version 2", got, err)
	}
	if got, err = s.Tenant(ctx, tn.ID); err != nil || !slices.Equal(got.IdentifierAttributes, []string{"member_card"}) {
		t.Fatalf("Tenant = %+v, %v", got, err)
	}
}

// TestStreetKeysBackfill: migration 15's step gives the profiles keyed
// before it the street's key ("as:"), and only those with an address
// change; the trigger files the new keys.
func TestStreetKeysBackfill(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "street-keys", "FR")
	home := &matcher.Address{Line1: "n°12 av. Victor Hugo", PostalCode: "75016", City: "Paris"}
	withAddress := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Marie", LastName: "Laurent", Address: home})
	without := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Marie", LastName: "Laurent", BirthDate: "1985-04-12"})
	street := matcher.HashBlockingKey("as:75016||12|" + matcher.PhoneticCode("victor"))
	if !slices.Contains(matcher.BlockingKeys(matcher.Profile{Address: *home}), street) {
		t.Fatalf("the keys of %+v lack the street's key", home)
	}
	filed := func(id string) bool {
		return count(t, s, `SELECT count(*) FROM fuzzy_keys WHERE tenant_id = $1 AND profile_id = $2 AND key = $3`, tn.ID, id, street) == 1
	}
	if !filed(withAddress) {
		t.Fatal("a new profile's street key is not filed")
	}
	// As a profile keyed before migration 15 was: no street key.
	if _, err := s.Pool().Exec(ctx, `UPDATE profiles SET block_keys = array_remove(block_keys, $2) WHERE tenant_id = $1`, tn.ID, street); err != nil {
		t.Fatal(err)
	}
	if filed(withAddress) {
		t.Fatal("the street key is still filed after it was removed")
	}
	before := rowVersion(t, s, without)
	if err := s.MigrationStep(ctx, 15); err != nil {
		t.Fatal(err)
	}
	if !filed(withAddress) {
		t.Error("the backfill did not give the profile with an address its street key")
	}
	after := rowVersion(t, s, without)
	if after != before {
		t.Error("the backfill rewrote a profile without an address")
	}
}

// TestBirthInitialsKeyBackfill: migration 23's step files the key of the
// initials and the birth date of a profile keyed before it, and leaves a
// profile without a birth date untouched.
func TestBirthInitialsKeyBackfill(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "birth-initials", "FR")
	born := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Josiane", LastName: "Roussès", BirthDate: "1952-12-05"})
	unborn := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Josiane", LastName: "Roussès"})
	key := matcher.HashBlockingKey("bi:jr|19520512")
	if !slices.Contains(matcher.BlockingKeys(matcher.Profile{FirstName: "Joiane", LastName: "Roussè", BirthDate: "1952-12-05"}), key) {
		t.Fatal("the keys of Joiane Roussè lack the key of her initials and birth date")
	}
	filed := func() bool {
		return count(t, s, `SELECT count(*) FROM fuzzy_keys WHERE tenant_id = $1 AND profile_id = $2 AND key = $3`, tn.ID, born, key) == 1
	}
	if !filed() {
		t.Fatal("a new profile's key of initials and birth date is not filed")
	}
	// As a profile keyed before migration 23 was.
	if _, err := s.Pool().Exec(ctx, `UPDATE profiles SET block_keys = array_remove(block_keys, $2) WHERE tenant_id = $1`, tn.ID, key); err != nil {
		t.Fatal(err)
	}
	if filed() {
		t.Fatal("the key is still filed after it was removed")
	}
	before := rowVersion(t, s, unborn)
	if err := s.MigrationStep(ctx, 23); err != nil {
		t.Fatal(err)
	}
	if !filed() {
		t.Error("the backfill did not give the profile with a birth date its key")
	}
	if rowVersion(t, s, unborn) != before {
		t.Error("the backfill rewrote a profile without a birth date")
	}
}

// TestAddressBackfills: each address migration's step re-keys a profile
// keyed as before it, dropping the stale key and filing the new one, and
// leaves a profile whose keys do not change untouched. Migration 25: a
// street named after a date, its day once read as the house number.
// Migration 26: an Italian street keyed by its type, a town written with
// its province. Migration 27: a Brazilian street keyed by its
// neighbourhood, a CEP written with its dash. Migration 29: an Australian
// town written with its state. Migration 30: the key of the town, the
// number and the street, and the landline's, of a profile without them.
// Migration 35: a house's name before the street, an Italian street named
// after a date, an Apple mailbox at me.com, a role's address. Migration
// 39: a Canadian unit before its civic number. Migration 40: a Mexican
// house number after #, a Philippine block and lot. Migration 45: a Greek
// line in Greek letters, a Ukrainian flat after кв. Migration 51: an
// Iranian address's Persian digits. Migration 52: a Russian town's г., a
// town written in another language (TLV). Migration 55: a Georgian town in
// Georgian letters. Migration 57: a Chinese town in characters. Migration
// 60: an Arabic town with its ta marbuta. Migration 62: an Armenian town in
// Armenian letters. Migration 64: an Ethiopian town in the Ethiopic script.
// Migration 68: a Nepali town in Devanagari. Migration 72: a Burmese one.
// Migration 78: a Rwandan street's number, once read as the house's.
// Migrations 81 and 83: a microdistrict's or a Gulf block's number, once
// read as the house's. Migration 84: a numbered street's (Calle 25 #148),
// and Havana as La Habana.
func TestAddressBackfills(t *testing.T) {
	for _, c := range []struct {
		step         int
		region       string
		address      matcher.Address
		stale, fresh string // the key before the step, and after
		phone, email string
	}{
		{25, "FR", matcher.Address{Line1: "rue du 8 Mai 1945", PostalCode: "69400", City: "Villefranche-sur-Saône"},
			"a:69400|villefranchesursaone|8", "", "", ""},
		{26, "IT", matcher.Address{Line1: "Piazza Dante 4", PostalCode: "80135", City: "Napoli (NA)"},
			"as:80135|napolina|4|" + matcher.PhoneticCode("piazza"), "as:80135||4|" + matcher.PhoneticCode("dante"), "", ""},
		{27, "BR", matcher.Address{Line1: "Av. Paulista 1000 - Bela Vista", PostalCode: "01310-100", City: "São Paulo - SP"},
			"as:01310-100||1000|" + matcher.PhoneticCode("bela"), "as:01310100||1000|" + matcher.PhoneticCode("paulista"), "", ""},
		{29, "AU", matcher.Address{Line1: "13 Derwent Street", City: "Gosford NSW"}, "a:|gosfordnsw|13", "a:|gosford|13", "", ""},
		{30, "AU", matcher.Address{Line1: "22 Wentworth Road", PostalCode: "4215", City: "Southport QLD"}, "",
			"ac:southport|22|" + matcher.PhoneticCode("wentworth"), "", ""},
		{30, "AU", matcher.Address{}, "", "ph:+61886821223", "08 8682 1223", ""},
		{35, "GB", matcher.Address{Line1: "Rose Cottage", Line2: "10 High Street", PostalCode: "OX1 2AB", City: "Oxford"}, "", "a:OX12AB||10", "", ""},
		{35, "IT", matcher.Address{Line1: "Via 20 Settembre 5", PostalCode: "00187", City: "Roma"}, "a:00187||20", "a:00187||5", "", ""},
		{35, "FR", matcher.Address{}, "e:julie.laurent@me.com", "e:julie.laurent@icloud.com", "", "julie.laurent@me.com"},
		{35, "FR", matcher.Address{}, "el:info", "", "", "info@laurent-coiffure.fr"},
		{36, "US", matcher.Address{Line1: "12 Main St", PostalCode: "76102", City: "Ft Worth"},
			"ac:ftworth|12|" + matcher.PhoneticCode("main"), "ac:fortworth|12|" + matcher.PhoneticCode("main"), "", ""},
		{36, "DE", matcher.Address{Line1: "Leopoldstraße 12", City: "Munich"}, "a:|munich|12", "a:|munchen|12", "", ""},
		{39, "CA", matcher.Address{Line1: "903-4420 Kennedy Road", PostalCode: "M1P 4V3", City: "Scarborough"}, "a:M1P4V3||903", "a:M1P4V3||4420", "", ""},
		{40, "MX", matcher.Address{Line1: "Av. Insurgentes Sur #785", PostalCode: "03100", City: "Ciudad de México"}, "", "a:03100||785", "", ""},
		{40, "PH", matcher.Address{Line1: "Blk 3 Lot 4, Alabang-Zapote Rd", City: "Las Piñas City"}, "", "a:|laspinas|3-4", "", ""},
		{45, "GR", matcher.Address{Line1: "Λεωφ. Συγγρού 45", PostalCode: "117 45", City: "Αθήνα"}, "",
			"as:11745||45|" + matcher.PhoneticCode("syngrou"), "", ""},
		{45, "UA", matcher.Address{Line1: "вул. Хрещатик, 22, кв. 5", PostalCode: "01001", City: "Київ"}, "a:01001||5", "a:01001||22", "", ""},
		{45, "PL", matcher.Address{Line1: "вул. Хрещатик, 22, кв. 5", PostalCode: "01001", City: "Київ"}, "a:01001||5", "a:01001||22", "", ""},
		{51, "IR", matcher.Address{Line1: "۱۲ Valiasr St", PostalCode: "۱۲۳۴۵-۶۷۸۹۰", City: "تهران"}, "", "a:1234567890||12", "", ""},
		{52, "RU", matcher.Address{Line1: "ул. Тверская, д. 7", City: "г. Москва"}, "a:|gmoskva|7", "a:|moskva|7", "", ""},
		{52, "IL", matcher.Address{Line1: "Rothschild Blvd 12", City: "TLV"}, "a:|tlv|12", "a:|telaviv|12", "", ""},
		{55, "GE", matcher.Address{Line1: "რუსთაველის გამზირი 12", City: "თბილისი"}, "a:|თბილისი|12", "a:|tbilisi|12", "", ""},
		{57, "CN", matcher.Address{Line1: "100 世纪大道", City: "上海"}, "a:|上海|100", "a:|shanghai|100", "", ""},
		{60, "SA", matcher.Address{Line1: "12 طريق الملك", City: "جدة"}, "a:|جدة|12", "a:|جده|12", "", ""},
		{62, "AM", matcher.Address{Line1: "Բաղրամյան պողոտա 24", City: "Երևան"}, "a:|երևան|24", "a:|yerevan|24", "", ""},
		{64, "ET", matcher.Address{Line1: "ቦሌ 12", City: "አዲስ አበባ"}, "a:|አዲስአበባ|12", "a:|adisabeba|12", "", ""},
		{68, "NP", matcher.Address{Line1: "12 दरबार मार्ग", City: "ललितपुर"}, "a:|ललतपर|12", "a:|lalitpur|12", "", ""},
		{72, "MM", matcher.Address{Line1: "12 ဗိုလ်ချုပ်လမ်း", City: "ရန်ကုန်"}, "", "a:|yankon|12", "", ""},
		{78, "RW", matcher.Address{Line1: "KN 3 Ave 47", City: "Kigali"}, "a:|kigali|3", "a:|kigali|47", "", ""},
		{81, "UZ", matcher.Address{Line1: "Yunusobod tumani, 11-mavze, 28-uy, 100-xonadon", City: "Toshkent"}, "a:|tashkent|11", "a:|tashkent|28", "", ""},
		{81, "KZ", matcher.Address{Line1: "мкр. 5, д. 12, кв. 34", City: "Алматы"}, "a:|almaty|5", "a:|almaty|12", "", ""},
		{83, "KW", matcher.Address{Line1: "Block 9, Street 33, Building 51", City: "Mishref"}, "a:|mishref|9", "a:|mishref|51", "", ""},
		{83, "PG", matcher.Address{Line1: "Section 281, Lot 41", City: "Port Moresby"}, "a:|portmoresby|281", "a:|portmoresby|41", "", ""},
		{84, "CU", matcher.Address{Line1: "Calle 25 #148 e/ D y M", City: "Havana"}, "a:|havana|25", "a:|lahabana|148", "", ""},
		{84, "GT", matcher.Address{Line1: "7a. Calle 11-73, Zona 4", City: "Guatemala"}, "a:|guatemala|11", "a:|guatemala|11-73", "", ""},
		{84, "HN", matcher.Address{Line1: "Col. Kennedy, bloque 21, casa 332", City: "Tegucigalpa"}, "a:|tegucigalpa|21", "a:|tegucigalpa|332", "", ""},
	} {
		t.Run(strconv.Itoa(c.step), func(t *testing.T) {
			ctx := context.Background()
			s := newStore(t)
			tn := storetest.MustTenant(t, s, "backfill-"+strconv.Itoa(c.step), c.region)
			cust := matcher.Customer{FirstName: "Julie", LastName: "Laurent", Phone: c.phone, Email: c.email}
			if c.address != (matcher.Address{}) {
				cust.Address = &c.address
			}
			id := mustCreate(t, s, tn.ID, cust)
			fresh := matcher.HashBlockingKey(c.fresh)
			unkeyed := c.stale == ""
			if unkeyed {
				// As a profile keyed before the step was: without the key.
				if _, err := s.Pool().Exec(ctx, `UPDATE profiles SET block_keys = array_remove(block_keys, $3) WHERE tenant_id = $1 AND id = $2`,
					tn.ID, id, fresh); err != nil {
					t.Fatal(err)
				}
				c.stale = "a:stale"
			}
			plain := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Marc", LastName: "Laurent", Address: hugo12})
			stale := matcher.HashBlockingKey(c.stale)
			if _, err := s.Pool().Exec(ctx, `UPDATE profiles SET block_keys = array_append(block_keys, $3) WHERE tenant_id = $1 AND id = $2`,
				tn.ID, id, stale); err != nil {
				t.Fatal(err)
			}
			filed := func(key int64) bool {
				return count(t, s, `SELECT count(*) FROM fuzzy_keys WHERE tenant_id = $1 AND profile_id = $2 AND key = $3`, tn.ID, id, key) == 1
			}
			if !filed(stale) {
				t.Fatal("the stale key was not filed")
			}
			if unkeyed && filed(fresh) {
				t.Fatalf("the key %s is filed before the step", c.fresh)
			}
			before := rowVersion(t, s, plain)
			if err := s.MigrationStep(ctx, c.step); err != nil {
				t.Fatal(err)
			}
			if filed(stale) {
				t.Errorf("the step left the stale key %s", c.stale)
			}
			if c.fresh != "" && !filed(matcher.HashBlockingKey(c.fresh)) {
				t.Errorf("the step did not file the key %s", c.fresh)
			}
			if rowVersion(t, s, plain) != before {
				t.Error("the step rewrote a profile whose keys do not change")
			}
		})
	}
}

// TestRekeyProfiles: migration 18's step gives a profile keyed before it
// the keys of its name without its title, and leaves a profile whose keys
// do not change untouched.
func TestRekeyProfiles(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "rekey", "GB")
	titled := matcher.Customer{FirstName: "Mrs Sarah", LastName: "Jones", BirthDate: "1984-03-02"}
	id := mustCreate(t, s, tn.ID, titled)
	plain := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Olivia", LastName: "Evans", BirthDate: "1990-07-08"})
	sarah := matcher.HashBlockingKey("nb:" + matcher.PhoneticCode("Sarah") + "|19840203")
	if !slices.Contains(matcher.BlockingKeys(matcher.Profile{FirstName: "Mrs Sarah", LastName: "Jones", BirthDate: "1984-03-02"}), sarah) {
		t.Fatal("the keys of Mrs Sarah Jones lack Sarah's key")
	}
	// As a profile keyed before migration 18 was: the title in the code.
	stale := matcher.HashBlockingKey("nb:" + matcher.PhoneticCode("MrsSarah") + "|19840203")
	if _, err := s.Pool().Exec(ctx, `UPDATE profiles SET block_keys = array_append(array_remove(block_keys, $3), $4)
		WHERE tenant_id = $1 AND id = $2`, tn.ID, id, sarah, stale); err != nil {
		t.Fatal(err)
	}
	before := rowVersion(t, s, plain)
	if err := s.MigrationStep(ctx, 18); err != nil {
		t.Fatal(err)
	}
	filed := func(key int64) bool {
		return count(t, s, `SELECT count(*) FROM fuzzy_keys WHERE tenant_id = $1 AND profile_id = $2 AND key = $3`, tn.ID, id, key) == 1
	}
	if !filed(sarah) || filed(stale) {
		t.Error("the step did not re-key the profile keyed with its title")
	}
	after := rowVersion(t, s, plain)
	if after != before {
		t.Error("the step rewrote a profile whose keys did not change")
	}
}

// TestRekeyAddresses: migration 19's step gives a profile whose Spanish
// address and unpadded postal code were keyed before it the keys they
// read as now (C/ Mayor, nº 12 as Calle Mayor 12; 3009 as 03009), so that
// it meets the same home written the other way; it leaves a profile
// without an address untouched.
func TestRekeyAddresses(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "rekey-es", "ES")
	addr := matcher.Address{Line1: "C/ del Pilar, nº 138, 5º Izq.", PostalCode: "3009", City: "Alicante", Country: "ES"}
	id := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Beatriz", LastName: "Herrera Díaz", Address: &addr})
	without := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Olga", LastName: "Ruiz", BirthDate: "1990-07-08"})
	written := matcher.Address{Line1: "Calle del Pilar 138", Line2: "5 izquierda", PostalCode: "03009", City: "ALICANTE", Country: "ES"}
	want := matcher.BlockingKeys(matcher.Profile{FirstName: "Zoe", LastName: "Quintana", Address: written}) // the address's keys alone
	var keys []int64
	if err := s.Pool().QueryRow(ctx, `SELECT block_keys FROM profiles WHERE id = $1`, id).Scan(&keys); err != nil {
		t.Fatal(err)
	}
	shared := func(keys []int64) bool {
		return slices.ContainsFunc(keys, func(k int64) bool { return slices.Contains(want, k) })
	}
	if !shared(keys) {
		t.Fatal("the profile shares no key with the same home written out")
	}
	// As a profile keyed before migration 19 was: its keys of that home
	// are not the ones the search computes now.
	dropBlockKeys(t, s, tn.ID, id, want)
	before := rowVersion(t, s, without)
	if err := s.MigrationStep(ctx, 19); err != nil {
		t.Fatal(err)
	}
	filed := filedBlockKeys(t, s, tn.ID, id, want)
	if filed == 0 {
		t.Error("the step did not give the profile the keys of its home as read now")
	}
	after := rowVersion(t, s, without)
	if after != before {
		t.Error("the step rewrote a profile without an address")
	}
}

// TestRekeyAddressParts: a profile keyed before migration 22, whose first
// address line writes a residence's name before the number, gets the keys
// of the street read without it from the migration's Go step.
func TestRekeyAddressParts(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "rekey-parts", "FR")
	one := matcher.Address{Line1: "Résidence Les Tilleuls, 63 chemin du Moulin", PostalCode: "30000", City: "NIMES"}
	id := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Anne", LastName: "Munoz", Address: &one})
	two := matcher.Address{Line1: "63 chemin du Moulin", Line2: "Rés. Les Tilleuls", PostalCode: "30000", City: "Nîmes", Country: "FR"}
	want := matcher.BlockingKeys(matcher.Profile{Address: two}) // the address's keys alone
	dropBlockKeys(t, s, tn.ID, id, want)
	if err := s.MigrationStep(ctx, 22); err != nil {
		t.Fatal(err)
	}
	if n := filedBlockKeys(t, s, tn.ID, id, want); n != len(want) {
		t.Errorf("%d of the %d keys of the address with the residence on line 2 filed for it written first on line 1", n, len(want))
	}
}

// TestRekeyWholeNames: a profile keyed before migration 21 with its whole
// name in one field gets the keys of the name split in two from the
// migration's Go step, and the fuzzy search of the same person written in
// two fields finds it; a profile with both names is not rewritten.
func TestRekeyWholeNames(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "rekey-names", "FR")
	whole := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Céline Brunet", BirthDate: "1975-03-25", Email: "celine.brunet62@example.fr"})
	split := matcher.BlockingKeys(matcher.Profile{FirstName: "Céline", LastName: "Brunet", BirthDate: "1975-03-25"})
	both := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Olga", LastName: "Ruiz", BirthDate: "1990-07-08"})
	// As keyed before migration 21: none of the split name's keys.
	if n := rekeyStep(t, s, tn.ID, 21, whole, split, both, "a profile with both names"); n == 0 {
		t.Fatal("the step did not give the whole name the keys of its two parts")
	}
	other := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Céline", LastName: "BRUNET", BirthDate: "1975-03-25", Mobile: "07 89 31 20 21"})
	if _, err := s.FuzzyCandidates(ctx, tn.ID, other); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, `SELECT count(*) FROM review_candidates WHERE tenant_id = $1 AND profile_ids @> ARRAY[$2, $3]::uuid[]`, tn.ID, whole, other); n != 1 {
		t.Errorf("%d candidates hold Céline Brunet written in one field and in two, want 1", n)
	}
}

// TestAddressReadInTenantRegion: an address that names no country reads
// in the tenant's region, in the fuzzy search as in the blocking keys: in
// a French tenant, Bourg-en-Bresse's 01000 saved by a spreadsheet as 1000
// is the same home; in a Belgian one, where codes have four digits, 1000
// (Brussels) and 01000 are not, when no town named on both sides says
// they are one (a digit added in one town is a slip).
func TestAddressReadInTenantRegion(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	home := func(postal string) *matcher.Address {
		return &matcher.Address{Line1: "12 rue des Lilas", PostalCode: postal}
	}
	for _, tt := range []struct {
		region, slug string
		want         matcher.Level
	}{{"FR", "region-fr", matcher.LevelExact}, {"BE", "region-be", matcher.LevelDifferent}} {
		t.Run(tt.region, func(t *testing.T) {
			tn := storetest.MustTenant(t, s, tt.slug, tt.region)
			a := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Camille", LastName: "Roux", BirthDate: "1984-03-02", Address: home("01000")})
			b := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Camille", LastName: "Roux", BirthDate: "1984-03-02", Address: home("1000")})
			if _, err := s.FuzzyCandidates(ctx, tn.ID, b); err != nil {
				t.Fatal(err)
			}
			var evidence []byte
			err := s.Pool().QueryRow(ctx, `SELECT evidence FROM review_candidates WHERE tenant_id = $1 AND profile_ids @> ARRAY[$2, $3]::uuid[]`,
				tn.ID, a, b).Scan(&evidence)
			if err != nil {
				t.Fatalf("no candidate for the pair: %v", err)
			}
			var ev []struct {
				Fields []matcher.FieldWeight `json:"fields"`
			}
			if err := json.Unmarshal(evidence, &ev); err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(ev[0].Fields, func(f matcher.FieldWeight) bool { return f.Field == matcher.CompareAddress })
			if i < 0 || ev[0].Fields[i].Level != tt.want {
				t.Errorf("address compared %+v, want %s", ev[0].Fields, tt.want)
			}
		})
	}
}

// TestRegionChangeRekeysAddresses: a tenant's region reads the addresses
// that name no country (a Belgian 1000 is Brussels, a French one
// Bourg-en-Bresse's 01000 without its zero), so changing the region keys
// those profiles anew, and leaves alone a profile whose address names its
// country.
func TestRegionChangeRekeysAddresses(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "region-rekey", "BE")
	home := matcher.Address{Line1: "12 rue des Lilas", PostalCode: "1000"}
	a := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Camille", LastName: "Roux", BirthDate: "1984-03-02", Address: &home})
	abroad := home
	abroad.Country = "BE"
	b := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Lucie", LastName: "Roux", BirthDate: "1986-05-12", Address: &abroad})
	before := rowVersion(t, s, b)
	keyed := func(region string) []int64 {
		t.Helper()
		var p matcher.Profile
		var stored []int64
		err := s.Pool().QueryRow(ctx, `SELECT first_name, last_name, birth_date, address, block_keys FROM profiles WHERE id = $1`, a).
			Scan(&p.FirstName, &p.LastName, &p.BirthDate, &p.Address, &stored)
		if err != nil {
			t.Fatal(err)
		}
		p.Address = p.Address.InRegion(region)
		want := matcher.BlockingKeys(p)
		if !slices.Equal(slices.Sorted(slices.Values(stored)), want) {
			t.Errorf("the profile's keys are not those of its address read in %s", region)
		}
		return want
	}
	inBelgium := keyed("BE")
	fr := "FR"
	if _, err := s.UpdatePolicy(ctx, tn.ID, store.PolicyChange{Region: &fr}); err != nil {
		t.Fatal(err)
	}
	if inFrance := keyed("FR"); slices.Equal(inFrance, inBelgium) {
		t.Error("the address reads alike in France and in Belgium: the test shows nothing")
	}
	if rowVersion(t, s, b) != before {
		t.Error("the region change rewrote a profile whose address names its country")
	}
}

// dropBlockKeys takes keys out of a profile's blocking keys (and, through
// the trigger, out of fuzzy_keys), as a profile keyed before a migration
// lacks them.
func dropBlockKeys(t *testing.T, s *store.Store, tenantID, id string, keys []int64) {
	t.Helper()
	if _, err := s.Pool().Exec(context.Background(), `UPDATE profiles SET block_keys = (
			SELECT coalesce(array_agg(k), '{}') FROM unnest(block_keys) k WHERE k <> ALL($3))
		WHERE tenant_id = $1 AND id = $2`, tenantID, id, keys); err != nil {
		t.Fatal(err)
	}
}

// rekeyStep runs migration step's re-keying on a profile id keyed
// before it (keys dropped, as it lacked them then) and returns how many of
// keys the step filed for it. The test fails when the step rewrites
// plain, a profile whose keys do not change (unchanged says what it is).
func rekeyStep(t *testing.T, s *store.Store, tenantID string, step int, id string, keys []int64, plain, unchanged string) int {
	t.Helper()
	dropBlockKeys(t, s, tenantID, id, keys)
	before := rowVersion(t, s, plain)
	if err := s.MigrationStep(context.Background(), step); err != nil {
		t.Fatal(err)
	}
	if rowVersion(t, s, plain) != before {
		t.Errorf("the step rewrote %s", unchanged)
	}
	return filedBlockKeys(t, s, tenantID, id, keys)
}

// filedBlockKeys counts the keys filed in fuzzy_keys for a profile.
func filedBlockKeys(t *testing.T, s *store.Store, tenantID, id string, keys []int64) int {
	t.Helper()
	return count(t, s, `SELECT count(*) FROM fuzzy_keys WHERE tenant_id = $1 AND profile_id = $2 AND key = ANY($3)`, tenantID, id, keys)
}

// rowVersion returns the transaction that last wrote profile id (xmin): a
// step that leaves the row alone leaves it unchanged.
func rowVersion(t *testing.T, s *store.Store, id string) string {
	t.Helper()
	var v string
	if err := s.Pool().QueryRow(context.Background(), `SELECT xmin::text FROM profiles WHERE id = $1`, id).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestOutweighedCandidateCloses: two Julien Moreaus at one address are
// proposed; a booking then brings one of them a birth date, and the
// other's is 19 years from it. The search of that profile closes the
// candidate as stale, with the pair's weights now as its last evidence
// and review.closed emitted. A candidate opened on a shared email stays
// open however the fields compare.
func TestOutweighedCandidateCloses(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "outweighed", "FR")
	if _, _, err := s.CreateWebhook(ctx, tn.ID, "https://crm.example.com/hook", store.EventTypes); err != nil {
		t.Fatal(err)
	}
	older := matcher.Customer{FirstName: "Julien", LastName: "Moreau", BirthDate: "1962-03-02", Address: hugo12, Email: "julien.moreau@example.fr"}
	younger := matcher.Customer{FirstName: "Julien", LastName: "Moreau", Address: hugo12b, Email: "jmoreau@example.com"}
	ida, idb := mustSearchPair(t, s, tn.ID, older, younger, true)
	var reviewID string
	if err := s.Pool().QueryRow(ctx, `SELECT id FROM review_candidates WHERE tenant_id = $1 AND status = 'open' AND profile_ids @> ARRAY[$2, $3]::uuid[]`,
		tn.ID, ida, idb).Scan(&reviewID); err != nil {
		t.Fatal(err)
	}

	// A search with nothing new keeps the candidate open.
	if _, err := s.FuzzyCandidates(ctx, tn.ID, idb); err != nil {
		t.Fatal(err)
	}
	if st := reviewStatus(t, s, tn.ID, reviewID); st != store.ReviewOpen {
		t.Fatalf("after a search with nothing new: %s, want open", st)
	}

	dated := younger
	dated.BirthDate = "1981-07-19"
	ing := mustIngest(t, s, booking(tn.ID, "bk-dated", dated))
	if *ing.ProfileID != idb || !ing.SearchAgain {
		t.Fatalf("the booking went to %s (search again %v), want the younger's profile searched again", *ing.ProfileID, ing.SearchAgain)
	}
	res, err := s.FuzzySearch(ctx, tn.ID, []string{idb})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outweighed != 1 || res.Candidates != 0 {
		t.Fatalf("search %+v: want the candidate closed, none opened", res)
	}
	if st := reviewStatus(t, s, tn.ID, reviewID); st != store.ReviewStale {
		t.Fatalf("after the birth date: %s, want stale", st)
	}
	var last map[string]any
	if err := s.Pool().QueryRow(ctx, `SELECT evidence->-1 FROM review_candidates WHERE tenant_id = $1 AND id = $2`, tn.ID, reviewID).Scan(&last); err != nil {
		t.Fatal(err)
	}
	if last["closed"] == nil || last["rule"] != "fuzzy" || last["weight"].(float64) >= last["threshold"].(float64) {
		t.Errorf("last evidence %v: want the closing weights, below the threshold", last)
	}
	var closed int
	if err := s.Pool().QueryRow(ctx, `SELECT count(*) FROM webhook_events WHERE tenant_id = $1 AND type = 'review.closed'
		AND data->>'review_id' = $2 AND data->>'status' = 'stale'`, tn.ID, reviewID).Scan(&closed); err != nil {
		t.Fatal(err)
	}
	if closed != 1 {
		t.Errorf("%d review.closed events, want 1", closed)
	}

	// The same two on one email: the booking's candidate is the email's,
	// and the search leaves it open.
	tn2 := storetest.MustTenant(t, s, "outweighed-email", "FR")
	father := mustIngest(t, s, booking(tn2.ID, "bk-father", matcher.Customer{FirstName: "Julien", LastName: "Moreau", BirthDate: "1962-03-02",
		Email: "moreau.famille@example.fr", Mobile: "06 12 34 56 78"}))
	son := mustIngest(t, s, booking(tn2.ID, "bk-son", matcher.Customer{FirstName: "Julien", LastName: "Moreau", BirthDate: "1981-07-19",
		Mobile: "06 12 34 56 78", Email: "julien.m81@example.com"}))
	if *son.ProfileID == *father.ProfileID || son.ReviewID == nil {
		t.Fatalf("the son's booking: %s, review %v; want its own profile and a review", *son.Decision, son.ReviewID)
	}
	if _, err := s.FuzzySearch(ctx, tn2.ID, []string{*son.ProfileID}); err != nil {
		t.Fatal(err)
	}
	if st := reviewStatus(t, s, tn2.ID, *son.ReviewID); st != store.ReviewOpen {
		t.Errorf("the shared mobile's candidate: %s, want open", st)
	}
}

// reviewStatus reads a review candidate's status.
func reviewStatus(t *testing.T, s *store.Store, tenantID, id string) string {
	t.Helper()
	var st string
	if err := s.Pool().QueryRow(context.Background(), `SELECT status FROM review_candidates WHERE tenant_id = $1 AND id = $2`, tenantID, id).Scan(&st); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestRekeyCyrillicNames: a customer who types her name in Cyrillic on
// one visit and in Latin letters on another is one name: migration 37
// gives a profile filed before it (keys of the Cyrillic letters as they
// were) the keys and search keys of the transliteration, leaves a Latin
// profile alone, and the fuzzy search then proposes the two; the front
// desk finds her typing either.
func TestRekeyCyrillicNames(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "rekey-cyrillic", "LV")
	cyr := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Ольга", LastName: "Иванова", BirthDate: "1984-06-02", Email: "olga84@example.lv"})
	latin := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Ivars", LastName: "Ozols", BirthDate: "1979-01-15"})
	keys := matcher.BlockingKeys(matcher.Profile{FirstName: "Ольга", LastName: "Иванова", BirthDate: "1984-06-02"})
	// As keyed before migration 37: none of the transliteration's keys.
	if _, err := s.Pool().Exec(ctx, `UPDATE profiles SET search_keys = '{}' WHERE tenant_id = $1 AND id = $2`, tn.ID, cyr); err != nil {
		t.Fatal(err)
	}
	if n := rekeyStep(t, s, tn.ID, 37, cyr, keys, latin, "a profile with no Cyrillic letter"); n == 0 {
		t.Fatal("the step did not give the Cyrillic name the keys of its transliteration")
	}
	other := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Olga", LastName: "Ivanova", BirthDate: "1984-06-02", Mobile: "+371 26 123 456"})
	if _, err := s.FuzzyCandidates(ctx, tn.ID, other); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, `SELECT count(*) FROM review_candidates WHERE tenant_id = $1 AND profile_ids @> ARRAY[$2, $3]::uuid[]`, tn.ID, cyr, other); n != 1 {
		t.Errorf("%d candidates hold Ольга Иванова and Olga Ivanova, born the same day; want 1", n)
	}
	found, err := s.SearchProfiles(ctx, tn.ID, "ivanova", 10, "")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(found.Profiles, func(p store.Profile) bool { return p.ID == cyr }) {
		t.Errorf("searching ivanova found %d profiles, not Ольга Иванова's", len(found.Profiles))
	}
}

// TestRekeyNamesWrittenOtherwise: migrations 41 to 44, 46 to 48, 50, 53, 54, 56, 58, 59, 61, 63, 65 to 67, 70, 71, 73 and 75 give a
// profile whose name FoldName now reads otherwise (kana, Hangul, Greek, Georgian, Armenian,
// Ethiopic, South Asian, Burmese and Chinese characters in Latin letters, Kazakh letters as Russian's, a patronymic, a Hungarian generation or a Spanish
// title left out (before a name or, bəy and xanım, after it), (h) read as hijo, a/l read as bin, a word with a zero-width joiner read as one, a surname filed with its particles
// after a comma), keyed before the migration by the old reading, the keys and search keys of
// the name as the other writing gives it, and leave a profile whose name
// is none of those alone; the front desk then finds the profile by the
// other writing.
func TestRekeyNamesWrittenOtherwise(t *testing.T) {
	for _, tt := range []struct {
		step              int
		region            string
		first, last       string // as written on the profile
		otherFirst, other string // the same name, written the other way
		search, unchanged string
	}{
		{41, "JP", "ケイコ", "スズキ", "Keiko", "Suzuki", "keiko suzuki", "a profile with no kana"},
		{42, "NL", "Sanne", "Berg, van den", "Sanne", "van den Berg", "sanne van den berg", "a profile with no comma in its names"},
		{43, "KR", "서연", "강", "Seoyeon", "Kang", "kang seoyeon", "a profile with no Hangul"},
		{44, "GR", "Γιώργος", "Παπαδόπουλος", "Giorgos", "Papadopoulos", "giorgos papadopoulos", "a profile with no Greek letter"},
		{46, "UA", "Оксана Вікторівна", "Ковальчук", "Оксана", "Ковальчук", "oksana kovalchuk", "a profile with no patronymic"},
		{47, "HU", "Gyöngyi", "ifj. Kiss", "Gyöngyi", "Kiss", "gyongyi kiss", "a profile with no generation before its name"},
		{47, "ID", "Ibu Siti", "Oktaviani", "Siti", "Oktaviani", "siti oktaviani", "a profile with no title before its name"},
		{48, "MX", "Dra. Laura", "Gómez", "Laura", "Gómez", "laura gomez", "a profile with no title before its name"},
		{48, "AR", "Ricardo", "Acosta (h)", "Ricardo", "Acosta hijo", "ricardo acosta", "a profile with no (h) in its name"},
		{50, "MY", "Rajesh", "a/l Subramaniam", "Rajesh", "bin Subramaniam", "rajesh subramaniam", "a profile with no a/l in its name"},
		{53, "MY", "En. Rosli", "bin Hassan", "Rosli", "bin Hassan", "rosli hassan", "a profile with no title before its name"},
		{54, "GE", "გიორგი", "ბერიძე", "Giorgi", "Beridze", "giorgi beridze", "a profile with no Georgian letter"},
		{56, "CN", "伟", "王", "Wei", "Wang", "wang wei", "a profile with no Chinese character"},
		{56, "TW", "建宏", "陳", "Jianhong", "Chen", "chen jianhong", "a profile with no Chinese character"},
		{58, "IS", "Hr. Jóhann", "Einarsson", "Jóhann", "Einarsson", "johann einarsson", "a profile with no title before its name"},
		{58, "GE", "ბატონი ბექა", "დავითაშვილი", "Beka", "Davitashvili", "beka davitashvili", "a profile with no title before its name"},
		{59, "SA", "دانة", "الدوسري", "دانه", "الدوسري", "دانه الدوسري", "a profile with no ta marbuta in its name"},
		{61, "AM", "Արամ", "Պետրոսյան", "Aram", "Petrosyan", "aram petrosyan", "a profile with no Armenian letter"},
		{61, "KZ", "Қайрат", "Серікбаев", "Kairat", "Serikbaev", "kairat serikbaev", "a profile with no Kazakh letter"},
		{63, "ET", "ተስፋዬ", "ገብሬ", "Tesfaye", "Gebre", "tesfaye gebre", "a profile with no Ethiopic letter"},
		{65, "ET", "W/ro Almaz", "Kebede", "Almaz", "Kebede", "almaz kebede", "a profile with no title before its name"},
		{65, "GH", "Nii Armah", "Tetteh", "Armah", "Tetteh", "armah tetteh", "a profile with no title before its name"},
		{66, "KZ", "Әлия Нұрланқызы", "Омарова", "Aliya", "Omarova", "aliya omarova", "a profile with no patronymic"},
		{66, "KZ", "Serik Nurlan uly", "Serikbaev", "Serik", "Serikbaev", "serik serikbaev", "a profile with no patronymic"},
		{67, "NP", "राम", "शर्मा", "Ram", "Sharma", "ram sharma", "a profile with no South Asian letter"},
		{67, "LK", "නිශාන්ත", "පෙරේරා", "Nishantha", "Perera", "nishantha perera", "a profile with no South Asian letter"},
		{70, "AZ", "Rəşad", "Məmmədov", "Rasad", "Mammadov", "rasad mammadov", "a profile with no Azerbaijani letter"},
		{70, "AZ", "Aynur Əli qızı", "Quliyeva", "Aynur", "Quliyeva", "aynur quliyeva", "a profile with no patronymic"},
		{70, "AZ", "Sabina xanım", "Aliyeva", "Sabina", "Aliyeva", "sabina aliyeva", "a profile with no title after its name"},
		{71, "MM", "ကျော်ဇော်", "ဝင်း", "Kyawzaw", "Win", "kyawzaw win", "a profile with no Burmese letter"},
		{73, "LK", "ප්\u200dරියන්ත", "ජයසූරිය", "Priyantha", "Jayasuriya", "priyantha jayasuriya", "a profile with no zero-width joiner"},
		{75, "AT", "Mag. Johannes", "Süß", "Johannes", "Süß", "johannes suss", "a profile with no title before its name"},
		{75, "AT", "Dipl.-Ing. Manuel", "Schmid", "Manuel", "Schmid", "manuel schmid", "a profile with no title before its name"},
		{82, "FJ", "Ratu Josefa", "Waqa", "Josefa", "Waqa", "josefa waqa", "a profile with no title before its name"},
		{86, "BN", "Pengiran Norhayati", "binti Jaafar", "Norhayati", "binti Jaafar", "norhayati jaafar", "a profile with no title before its name"},
	} {
		t.Run(strconv.Itoa(tt.step), func(t *testing.T) {
			ctx := context.Background()
			s := newStore(t)
			tn := storetest.MustTenant(t, s, "rekey-"+strconv.Itoa(tt.step), tt.region)
			id := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: tt.first, LastName: tt.last, BirthDate: "1975-03-02", Email: "customer@example.com"})
			plain := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Taro", LastName: "Visser", BirthDate: "1979-01-15"})
			keys := matcher.BlockingKeys(matcher.Profile{FirstName: tt.first, LastName: tt.last, BirthDate: "1975-03-02"})
			if !slices.Equal(keys, matcher.BlockingKeys(matcher.Profile{FirstName: tt.otherFirst, LastName: tt.other, BirthDate: "1975-03-02"})) {
				t.Fatalf("%s %s and %s %s have different keys", tt.first, tt.last, tt.otherFirst, tt.other)
			}
			// As keyed before the migration: none of the other writing's keys.
			if _, err := s.Pool().Exec(ctx, `UPDATE profiles SET search_keys = '{}' WHERE tenant_id = $1 AND id = $2`, tn.ID, id); err != nil {
				t.Fatal(err)
			}
			if n := rekeyStep(t, s, tn.ID, tt.step, id, keys, plain, tt.unchanged); n == 0 {
				t.Fatalf("the step did not give %s %s the keys of %s %s", tt.first, tt.last, tt.otherFirst, tt.other)
			}
			found, err := s.SearchProfiles(ctx, tn.ID, tt.search, 10, "")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(found.Profiles, func(p store.Profile) bool { return p.ID == id }) {
				t.Errorf("searching %s found %d profiles, not %s %s's", tt.search, len(found.Profiles), tt.first, tt.last)
			}
		})
	}
}

// TestMobileSlipKeysUnfiled: migration 74 takes out of fuzzy_keys the
// keys a profile's mobile had with each digit deleted, keeps its other
// keys, and leaves a profile without a mobile alone.
func TestMobileSlipKeysUnfiled(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "rekey-mobiles", "FR")
	p := matcher.Profile{FirstName: "Marie", LastName: "Martin", BirthDate: "1985-04-12", Mobile: "+33612345678"}
	id := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: p.FirstName, LastName: p.LastName, BirthDate: p.BirthDate, Mobile: "06 12 34 56 78"})
	plain := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Paul", LastName: "Girard", BirthDate: "1979-01-15"})
	var old []int64
	for i := matcher.MobileKeep; i < len(p.Mobile); i++ {
		old = append(old, matcher.HashBlockingKey("md:"+p.Mobile[:i]+p.Mobile[i+1:]))
	}
	// As keyed before the migration: the mobile's deletions too.
	if _, err := s.Pool().Exec(ctx, `UPDATE profiles SET block_keys = block_keys || $3 WHERE tenant_id = $1 AND id = $2`, tn.ID, id, old); err != nil {
		t.Fatal(err)
	}
	if n := filedBlockKeys(t, s, tn.ID, id, old); n != len(old) {
		t.Fatalf("%d of the mobile's %d old keys filed before the step", n, len(old))
	}
	before := rowVersion(t, s, plain)
	if err := s.MigrationStep(ctx, 74); err != nil {
		t.Fatal(err)
	}
	if n := filedBlockKeys(t, s, tn.ID, id, old); n != 0 {
		t.Errorf("%d of the mobile's old keys are still filed", n)
	}
	keys := matcher.BlockingKeys(p)
	if n := filedBlockKeys(t, s, tn.ID, id, keys); n != len(keys) || n == 0 {
		t.Errorf("%d of the profile's %d keys filed after the step", n, len(keys))
	}
	if rowVersion(t, s, plain) != before {
		t.Error("the step rewrote a profile without a mobile")
	}
}

// TestRekeyOrdinalGenerations: migration 38 gives a profile with an
// ordinal after its surname (Beard 3rd, keyed before it as a surname word
// of the ordinal's letters) the keys of the surname alone, the generation
// aside, and leaves a name without one alone.
func TestRekeyOrdinalGenerations(t *testing.T) {
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "rekey-ordinals", "US")
	third := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Robert", LastName: "Beard 3rd", BirthDate: "1991-04-12"})
	plain := mustCreate(t, s, tn.ID, matcher.Customer{FirstName: "Ivy", LastName: "Second", BirthDate: "1979-01-15"})
	keys := matcher.BlockingKeys(matcher.Profile{FirstName: "Robert", LastName: "Beard III", BirthDate: "1991-04-12"})
	if n := rekeyStep(t, s, tn.ID, 38, third, keys, plain, "a profile with no ordinal in its name"); n != len(keys) {
		t.Errorf("the step filed %d of Robert Beard 3rd's %d keys", n, len(keys))
	}
}
