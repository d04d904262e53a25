package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
)

// TestTrainFuzzyIsRepeatable: one customer file trained in two tenants
// gives one model, though the second imported its rows in the reverse
// order (other ids, another order in the table): the sample, the random
// pairs drawn from it and EM's estimates follow the records' content, not
// the order the table holds them in. A trained model also carries the
// file's size, which the scores count (FileSizeWeight).
func TestTrainFuzzyIsRepeatable(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	rows := trainingRows(0, matcher.MinTrainProfiles+200)
	reversed := slices.Clone(rows)
	slices.Reverse(reversed)
	for i := range reversed {
		reversed[i].Line = int64(i + 2)
	}

	pauses := 0
	trainPaced := func(ctx context.Context, tenantID string) (matcher.FuzzyModel, error) {
		return s.TrainFuzzyPaced(ctx, tenantID, func() { pauses++ })
	}
	trainWith := func(slug string, rows []store.ImportRow, train func(context.Context, string) (matcher.FuzzyModel, error)) []byte {
		t.Helper()
		tn, err := s.CreateTenant(ctx, slug, "GB")
		if err != nil {
			t.Fatal(err)
		}
		importRows(t, s, tn.ID, rows)
		m, err := train(ctx, tn.ID)
		if err != nil {
			t.Fatal(err)
		}
		if m.TrainedAt.IsZero() || m.Profiles != len(rows) {
			t.Fatalf("trained on %d profiles at %v, want %d", m.Profiles, m.TrainedAt, len(rows))
		}
		if w := m.FileSizeWeight(); w < 6 {
			t.Errorf("a file of %d profiles: file size weight %.2f, want over 6 bits for it", len(rows), w)
		}
		m.TrainedAt = time.Time{}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	train := func(slug string, rows []store.ImportRow) []byte { return trainWith(slug, rows, s.TrainFuzzy) }
	first, second := train("train-order", rows), train("train-reversed", reversed)
	if string(second) != string(first) {
		t.Errorf("one file trained in two tenants, its rows imported in two orders, gave two models:\n%s\n%s", first, second)
	}
	// Paused between slices of its work, as the worker paces it beside
	// bookings, a training gives the same model.
	if third := trainWith("train-paced", rows, trainPaced); string(third) != string(first) || pauses == 0 {
		t.Errorf("a training paused %d times gave another model:\n%s\n%s", pauses, first, third)
	}
	// A file larger than the sample is drawn from by its content: the
	// same profiles, the same model.
	defer store.SetTrainDrawShare(0.5)()
	drawn, again := train("train-drawn", rows), train("train-drawn-reversed", reversed)
	if string(drawn) == string(first) {
		t.Error("half the file drawn trained the model of the whole: the draw took everything")
	}
	if string(again) != string(drawn) {
		t.Errorf("one file, half of it drawn in two tenants, gave two models:\n%s\n%s", drawn, again)
	}
}

// trainingRows returns n rows of a British customer file, from its row
// from on: common names, each birth date and email its own, and every
// tenth row a copy of the one before with a letter dropped from its given
// name (the pairs EM learns m from).
func trainingRows(from, n int) []store.ImportRow {
	firsts := []string{"Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Mia", "Noah", "Emily", "Leo", "Grace"}
	lasts := []string{"Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Hughes",
		"Green", "Hall", "Wood", "Clarke", "Turner", "Hill", "Moore", "Cooper", "Ward"}
	var rows []store.ImportRow
	for i := from; i < from+n; i++ {
		c := matcher.Customer{FirstName: firsts[i%len(firsts)], LastName: lasts[(i/len(firsts))%len(lasts)],
			BirthDate: time.Date(1950+i%50, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC).Format(time.DateOnly),
			Email:     fmt.Sprintf("customer%d@example.co.uk", i)}
		if i%10 == 9 && len(rows) > 0 {
			c = rows[len(rows)-1].Customer
			c.FirstName = c.FirstName[:len(c.FirstName)-1]
			c.Email = fmt.Sprintf("copy%d@example.co.uk", i)
		}
		rows = append(rows, store.ImportRow{Line: int64(i - from + 2), Customer: c})
	}
	return rows
}

// TestScanTrainsAFileThatGrew: a scan trains a tenant that has no model,
// keeps the model while the file stays near the size it was trained on,
// and trains it again once the file has doubled: the model's size sets
// every score's file-size line, and a file imported in two parts, scanned
// after each, must not be scored as the first part alone.
func TestScanTrainsAFileThatGrew(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	tn := storetest.MustTenant(t, s, "scan-grown", "GB")
	trainedOn := func() int {
		t.Helper()
		var n int
		if err := s.Pool().QueryRow(ctx, `SELECT (model->>'profiles')::int FROM fuzzy_models WHERE tenant_id = $1`,
			tn.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	first, imported := matcher.MinTrainProfiles+100, 0
	for _, step := range []struct {
		name        string
		add         int
		wantTrained bool
		wantSize    int
	}{
		{"the first part", first, true, first},
		{"a few more rows", 300, false, first},
		{"the rest of the file", 2 * first, true, 3*first + 300},
	} {
		importRows(t, s, tn.ID, trainingRows(imported, step.add))
		imported += step.add
		rep, err := s.ScanWith(ctx, tn.ID, store.ScanOptions{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Trained != step.wantTrained || trainedOn() != step.wantSize {
			t.Errorf("%s: scan trained %v, the model's file %d profiles; want %v and %d",
				step.name, rep.Trained, trainedOn(), step.wantTrained, step.wantSize)
		}
	}
}

// TestScanGroupsFirstCreatedFirst: 22 copies of one person (a regular
// whom the booking widget recorded on every visit), alike in every field
// compared, link pairwise with one weight; a candidate holds at most 20,
// and which 20 does not depend on the order the table holds the profiles
// in: the 20 first created (the links left over are pairs of their own).
// The file lists them newest first (an export sorted by last visit), so
// the order they were written in is the reverse.
func TestScanGroupsFirstCreatedFirst(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	tn, err := s.CreateTenant(ctx, "scan-order", "FR")
	if err != nil {
		t.Fatal(err)
	}
	var rows []store.ImportRow
	const copies, room = 22, 20
	for i := range copies {
		rows = append(rows, store.ImportRow{Line: int64(i + 2), CreatedAt: time.Date(2020, 1, copies-i, 9, 0, 0, 0, time.UTC),
			Customer: matcher.Customer{FirstName: "Claire", LastName: "Fontaine", BirthDate: "1985-04-12", Address: hugo12,
				Email: fmt.Sprintf("claire%d@example.fr", i)}})
	}
	importRows(t, s, tn.ID, rows)
	var byCreation []string
	if err := s.Pool().QueryRow(ctx, `SELECT array_agg(id::text ORDER BY created_at) FROM profiles WHERE tenant_id = $1`,
		tn.ID).Scan(&byCreation); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ScanWith(ctx, tn.ID, store.ScanOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	open, err := s.Pool().Query(ctx, `SELECT array(SELECT unnest(profile_ids)::text ORDER BY 1)
		FROM review_candidates WHERE tenant_id = $1 AND status = 'open' ORDER BY cardinality(profile_ids) DESC`, tn.ID)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pgx.CollectRows(open, pgx.RowTo[[]string])
	if err != nil {
		t.Fatal(err)
	}
	if want := slices.Sorted(slices.Values(byCreation[:room])); len(got) == 0 || !slices.Equal(got[0], want) {
		t.Fatalf("open candidates %v, want the largest to hold the %d first created %v", got, room, want)
	}
	for _, c := range got[1:] {
		if len(c) != 2 {
			t.Errorf("candidate %v beside the group of %d, want a pair: a link that joins nothing", c, room)
		}
	}
}

// TestSmallModelIsStaleAfterADay: a model trained on a small file is due
// for training a day after it was trained, though the worker's own age
// for a model is a week, and at once when the file has doubled since: its
// file-size line reads the size it was trained on, and a small file
// doubles quickly. A tenant without a model is due only once its file is
// large enough to train, so that the day's training is not spent on its
// first few profiles.
func TestSmallModelIsStaleAfterADay(t *testing.T) {
	c := &clock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	s := storetest.MustOpen(t, store.Config{Now: c.Now})
	ctx := context.Background()
	tn := storetest.MustTenant(t, s, "small-model", "GB")
	const week = 7 * 24 * time.Hour
	// after moves the clock on by d, past the cached model's life.
	after := func(d time.Duration) {
		c.mu.Lock()
		c.t = c.t.Add(d)
		c.mu.Unlock()
	}
	due := func(when string, want bool, wantProfiles int) {
		t.Helper()
		stale, profiles, err := s.FuzzyModelStale(ctx, tn.ID, week)
		if err != nil || stale != want || profiles != wantProfiles {
			t.Errorf("%s: due %v, %d profiles counted (%v); want %v and %d", when, stale, profiles, err, want, wantProfiles)
		}
	}
	small := trainingRows(0, 20)
	importRows(t, s, tn.ID, small)
	due("no model, 20 profiles", false, 20)
	size := matcher.MinTrainProfiles + 100
	importRows(t, s, tn.ID, trainingRows(len(small), size-len(small)))
	after(time.Minute)
	due("no model, a file large enough", true, matcher.MinTrainProfiles)
	if m, err := s.TrainFuzzy(ctx, tn.ID); err != nil || m.Profiles != size {
		t.Fatalf("train: %v, trained on %d profiles, want %d", err, m.Profiles, size)
	}
	after(time.Hour)
	due("an hour after training", false, size)
	after(22 * time.Hour)
	due("23 hours after training", false, size)
	after(2 * time.Hour)
	due("25 hours after training", true, size)
	if _, err := s.TrainFuzzy(ctx, tn.ID); err != nil {
		t.Fatal(err)
	}
	after(time.Hour)
	due("an hour after training again", false, size)
	importRows(t, s, tn.ID, trainingRows(size, size+1))
	after(time.Minute)
	due("an hour after training, the file doubled", true, 2*size+1)
}
