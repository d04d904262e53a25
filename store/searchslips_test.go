package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
)

// searchNames returns the full names a search's first page finds.
func searchNames(t *testing.T, s *store.Store, tenantID, q string) []string {
	t.Helper()
	res, err := s.SearchProfiles(context.Background(), tenantID, q, 20, "")
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var out []string
	for _, p := range res.Profiles {
		out = append(out, p.FirstName+" "+p.LastName)
	}
	return out
}

// TestSearchSlipsFiledOncePerWord: a profile's slips are filed under its
// words, once a word whoever holds it, and a search with one slip finds
// the profiles through them, alone and beside another term; the profile's
// own search keys hold its words and their beginnings only.
func TestSearchSlipsFiledOncePerWord(t *testing.T) {
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	for _, c := range []matcher.Customer{
		{FirstName: "Anaïs", LastName: "Lefèvre-Dumont"},
		{FirstName: "Jeanne", LastName: "Dumont"},
		{FirstName: "Jeanne", LastName: "Martin"},
	} {
		mustProfile(t, s, tn.ID, c)
	}
	if n := count(t, s, `SELECT count(*) FROM profiles, unnest(search_keys) AS k WHERE k NOT LIKE 'w:%' AND k NOT LIKE 'p:%'`); n != 0 {
		t.Errorf("%d search keys are neither words nor beginnings", n)
	}
	slips, _ := matcher.SearchSlips("", "Dumont")
	if n := count(t, s, `SELECT count(*) FROM search_slips WHERE tenant_id = $1 AND word = 'dumont'`, tn.ID); n != len(slips) {
		t.Errorf("dumont is filed under %d slips, want %d (once, though two profiles hold it)", n, len(slips))
	}
	for q, want := range map[string][]string{
		"Dumnot":         {"Jeanne Dumont", "Anaïs Lefèvre-Dumont"}, // two swapped letters
		"jeanne dumnot":  {"Jeanne Dumont"},
		"jeane martin":   {"Jeanne Martin"}, // a letter missing
		"Lefevre-Dumomt": {"Anaïs Lefèvre-Dumont"},
		"Durand":         nil,
	} {
		got := searchNames(t, s, tn.ID, q)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("search %q = %q, want %q", q, got, want)
		}
	}
	// Another tenant's words are not this one's.
	other := storetest.MustTenant(t, s, "other", "FR")
	if got := searchNames(t, s, other.ID, "Dumnot"); len(got) != 0 {
		t.Errorf("another tenant's search found %q", got)
	}
}

// TestRenamedAndErasedSlips: a profile renamed to a new word is found by
// its slips; erasing the last profile holding a word forgets the word's
// slips, and a word another profile holds keeps them.
func TestRenamedAndErasedSlips(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Jeanne", Email: "jeanne@example.fr"})
	gone := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Jeanne", LastName: "Quintavalle", Email: "jq@example.fr"})
	// A booking that asks for the surname gives her one.
	mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Jeanne", LastName: "Vasseur-Leclerc", Email: "jeanne@example.fr"},
		"first_name", "last_name", "email"))
	if got := searchNames(t, s, tn.ID, "Vaseur"); !slices.Equal(got, []string{"Jeanne Vasseur-Leclerc"}) {
		t.Errorf("search Vaseur after the rename = %q", got)
	}
	if _, err := s.Erase(ctx, tn.ID, "desk", gone.ID); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, `SELECT count(*) FROM search_slips WHERE tenant_id = $1 AND word = 'quintavalle'`, tn.ID); n != 0 {
		t.Errorf("the erased name's word is still filed under %d slips", n)
	}
	slips := matcher.Slips("jeanne")
	if n := count(t, s, `SELECT count(*) FROM search_slips WHERE tenant_id = $1 AND word = 'jeanne'`, tn.ID); n != len(slips) {
		t.Errorf("jeanne, which another profile holds, is filed under %d slips, want %d", n, len(slips))
	}
	if got := searchNames(t, s, tn.ID, "Jeane"); !slices.Equal(got, []string{"Jeanne Vasseur-Leclerc"}) {
		t.Errorf("search Jeane after the erasure = %q", got)
	}
}

// TestSearchSlipsMigration: a database whose profiles carry the slip keys
// of before migration 20, and no search_slips, comes out of the migration
// with words and beginnings only in the keys, every active word filed, and
// the same searches answered.
func TestSearchSlipsMigration(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	names := []matcher.Customer{
		{FirstName: "Anaïs", LastName: "Lefèvre-Dumont"},
		{FirstName: "Jeanne", LastName: "Dumont"},
		{FirstName: "Zoé", LastName: "Roy"},
	}
	var ids []string
	var wantSlips int
	seen := map[[2]string]bool{}
	for _, c := range names {
		ids = append(ids, mustProfile(t, s, tn.ID, c).ID)
		slips, words := matcher.SearchSlips(c.FirstName, c.LastName)
		for i := range slips {
			if k := [2]string{slips[i], words[i]}; !seen[k] {
				seen[k] = true
				wantSlips++
			}
		}
	}
	// As before migration 20: the slips among each profile's keys.
	if _, err := s.Pool().Exec(ctx, `DROP TABLE search_slips; DELETE FROM schema_migrations WHERE version = 20`); err != nil {
		t.Fatal(err)
	}
	for i, c := range names {
		slips, _ := matcher.SearchSlips(c.FirstName, c.LastName)
		for j := range slips {
			slips[j] = "d:" + slips[j]
		}
		if _, err := s.Pool().Exec(ctx, `UPDATE profiles SET search_keys = search_keys || $2::text[] WHERE id = $1`, ids[i], slips); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, `SELECT count(*) FROM profiles, unnest(search_keys) AS k WHERE k LIKE 'd:%'`); n != 0 {
		t.Errorf("%d slip keys left on the profiles", n)
	}
	if n := count(t, s, `SELECT count(*) FROM search_slips WHERE tenant_id = $1`, tn.ID); n != wantSlips {
		t.Errorf("%d slips filed, want %d", n, wantSlips)
	}
	if got := searchNames(t, s, tn.ID, "anais dumnot"); !slices.Equal(got, []string{"Anaïs Lefèvre-Dumont"}) {
		t.Errorf("search anais dumnot after the migration = %q", got)
	}
	if got := searchNames(t, s, tn.ID, "ro"); !slices.Equal(got, []string{"Zoé Roy"}) {
		t.Errorf("search ro after the migration = %q", got)
	}
}

// TestSearchRefold: migration 26's step re-files the search keys of a
// profile filed when FoldName kept Ł and ł (Łukasz Wałęsa under łukasz
// and wałesa), so that a search typed without them, or with them, finds
// it; a profile whose keys do not change is not written.
func TestSearchRefold(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "refold", "PL")
	id := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Łukasz", LastName: "Wałęsa"}).ID
	plain := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Anna", LastName: "Nowak"}).ID
	// As filed before migration 26.
	old := strings.NewReplacer("lukasz", "łukasz", "walesa", "wałesa")
	var stale []string
	for _, k := range matcher.SearchKeys("Łukasz", "Wałęsa") {
		stale = append(stale, old.Replace(k))
	}
	for _, q := range []string{`UPDATE profiles SET search_keys = $3 WHERE tenant_id = $1 AND id = $2`,
		`DELETE FROM search_words WHERE tenant_id = $1 AND profile_id = $2 AND $3::text[] IS NOT NULL`,
		`INSERT INTO search_words (tenant_id, word, profile_id) SELECT $1, substr(k, 3), $2 FROM unnest($3::text[]) AS k WHERE k LIKE 'w:%'`} {
		if _, err := s.Pool().Exec(ctx, q, tn.ID, id, stale); err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range []string{"łukasz", "wałesa"} {
		if _, err := s.Pool().Exec(ctx, `INSERT INTO search_slips (tenant_id, slip, word) SELECT $1, unnest($2::text[]), $3 ON CONFLICT DO NOTHING`,
			tn.ID, append(matcher.Slips(w), w), w); err != nil {
			t.Fatal(err)
		}
	}
	if n := count(t, s, `SELECT count(*) FROM search_words WHERE tenant_id = $1 AND word = 'łukasz'`, tn.ID); n != 1 {
		t.Fatalf("before the step, %d search words łukasz: the stale keys were not set", n)
	}
	before := rowVersion(t, s, plain)
	if err := s.MigrationStep(ctx, 26); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"lukasz walesa", "Łukasz Wałęsa", "walesa", "lukas"} {
		if got := searchNames(t, s, tn.ID, q); !slices.Equal(got, []string{"Łukasz Wałęsa"}) {
			t.Errorf("search %q after the step = %q", q, got)
		}
	}
	if rowVersion(t, s, plain) != before {
		t.Error("the step rewrote a profile whose keys did not change")
	}
	if n := count(t, s, `SELECT count(*) FROM search_slips WHERE tenant_id = $1 AND word IN ('łukasz', 'wałesa')`, tn.ID); n != 0 {
		t.Errorf("%d slips of the old words left, which no erasure would forget", n)
	}
	if n := count(t, s, `SELECT count(*) FROM search_words WHERE tenant_id = $1 AND word IN ('łukasz', 'wałesa')`, tn.ID); n != 0 {
		t.Errorf("%d search words of the old folding left", n)
	}
}
