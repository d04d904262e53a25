package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"dedupe/matcher"
)

// TrainSample is how many profiles TrainFuzzy draws: enough for u and m
// on any file, so training costs a bounded number of comparisons however
// large the file. Only the name frequencies read every profile.
const TrainSample = 10_000

// TrainSampleShare is the share of a file of profiles that TrainFuzzy
// draws at random to fill TrainSample (a little more, as the draw falls
// short as often as over).
func TrainSampleShare(profiles int) float64 {
	return min(1, float64(TrainSample)/float64(profiles)*1.2)
}

// trainDrawShare is TrainSampleShare; tests draw less of a small file.
var trainDrawShare = TrainSampleShare

// drawByContent is a number in [0, 1) that a profile's content decides,
// as even as a random one: the first 32 bits of an MD5 digest of its
// fields (not its attributes, which hold when each value was set).
const drawByContent = `('x' || substr(md5(concat_ws('|', p.first_name, p.last_name, p.birth_date, p.gender, p.email, p.mobile,
	p.phone, p.address::text)), 1, 8))::bit(32)::bigint / 4294967296.0`

// TrainRandomPairs is how many random pairs of the sample estimate u.
const TrainRandomPairs = 100_000

// TrainFuzzy estimates the tenant's fuzzy model from its own file
// (matcher.Train) and stores it: the name frequencies from every active
// profile, u from random pairs of a sample, m by EM over the pairs around
// the sample that share a name and a birth date. A file smaller than
// matcher.MinTrainProfiles keeps the defaults and stores nothing.
func (s *Store) TrainFuzzy(ctx context.Context, tenantID string) (matcher.FuzzyModel, error) {
	return s.TrainFuzzyPaced(ctx, tenantID, nil)
}

// TrainFuzzyPaced is TrainFuzzy calling pause, when not nil, between
// slices of its work: every readSlice profiles read, every
// matcher.PauseEvery pairs scored. A training reads every name of the file
// and scores over a hundred thousand pairs, seconds of a CPU; the worker's
// pause holds it back while bookings flow beside it (worker.trainPacer).
func (s *Store) TrainFuzzyPaced(ctx context.Context, tenantID string, pause func()) (matcher.FuzzyModel, error) {
	t, err := tenant(ctx, s.pool, tenantID)
	if err != nil {
		return matcher.FuzzyModel{}, fmt.Errorf("train: %w", err)
	}
	d, err := s.nameCounts(ctx, tenantID, pause)
	if err != nil {
		return matcher.FuzzyModel{}, fmt.Errorf("train: %w", err)
	}
	if d.Profiles < matcher.MinTrainProfiles {
		return matcher.DefaultFuzzyModel(), nil
	}
	if err := s.drawTrainingSample(ctx, t, &d, pause); err != nil {
		return matcher.FuzzyModel{}, fmt.Errorf("train: %w", err)
	}
	if d.Blocked, err = s.blockedAround(ctx, t, d.Sample, pause); err != nil {
		return matcher.FuzzyModel{}, fmt.Errorf("train: %w", err)
	}
	d.Pause = pause
	m := matcher.Train(d, s.Now())
	if _, err := s.pool.Exec(ctx, `INSERT INTO fuzzy_models (tenant_id, model, trained_at) VALUES ($1, $2, $3)
		ON CONFLICT (tenant_id) DO UPDATE SET model = EXCLUDED.model, trained_at = EXCLUDED.trained_at`,
		tenantID, m, m.TrainedAt); err != nil {
		return matcher.FuzzyModel{}, fmt.Errorf("train: store the model: %w", interpret(err))
	}
	s.fuzzy.Delete(tenantID)
	return m, nil
}

// readSlice is how many rows a training reads between calls of its pause.
const readSlice = 2000

// everyRow returns a function to call for each row read, which calls
// pause (when not nil) every readSlice rows.
func everyRow(pause func()) func() {
	n := 0
	return func() {
		if n++; pause != nil && n%readSlice == 0 {
			pause()
		}
	}
}

// nameCounts counts the tenant's active profiles and their folded first
// and last names, which give the model its name frequencies.
func (s *Store) nameCounts(ctx context.Context, tenantID string, pause func()) (matcher.TrainingData, error) {
	d := matcher.TrainingData{FirstNames: map[string]int{}, LastNames: map[string]int{}}
	rows, err := s.pool.Query(ctx, `SELECT first_name, last_name FROM profiles WHERE tenant_id = $1 AND status = 'active'`, tenantID)
	if err != nil {
		return d, interpret(err)
	}
	var first, last string
	row := everyRow(pause)
	_, err = pgx.ForEachRow(rows, []any{&first, &last}, func() error {
		row()
		d.FirstNames[matcher.FoldName(first)]++
		d.LastNames[matcher.FoldName(last)]++
		d.Profiles++
		return nil
	})
	return d, interpret(err)
}

// drawTrainingSample fills d's sample, then random pairs of it. The draw
// takes a share of the file, not a LIMIT, which would leave out the end
// of the table; and by a hash of each profile's content, not at random, so
// that a file trains the same model every time, in any tenant it is
// imported into.
func (s *Store) drawTrainingSample(ctx context.Context, t Tenant, d *matcher.TrainingData, pause func()) error {
	sample, err := s.fuzzyRecords(ctx, t.recordReading(), pause, ` WHERE p.tenant_id = $1 AND p.status = 'active' AND `+drawByContent+` < $2`,
		t.ID, trainDrawShare(d.Profiles))
	if err != nil {
		return err
	}
	// In the order of their content: the rows come in whatever order the
	// table gives them, and the draws below (CutSample, RandomPairs) and
	// EM's sums follow the order, so a file read whole trains the same
	// model every time, in any tenant it is imported into.
	slices.SortFunc(sample, matcher.CompareContent)
	d.Sample = matcher.CutSample(sample, TrainSample, uint64(d.Profiles))
	d.Random = matcher.RandomPairs(d.Sample, TrainRandomPairs, uint64(d.Profiles))
	return nil
}

// blockedAround returns the pairs around the sample that share a name and
// a birth date (matcher.FuzzyRecord.TrainingKeys), mostly one person's
// records, from which EM estimates m: each a sampled record and a holder
// of one of its keys, in the order of their content. A key held by more
// than FuzzyKeyBound profiles gives none, as the search skips it.
func (s *Store) blockedAround(ctx context.Context, t Tenant, sample []*matcher.FuzzyRecord, pause func()) ([][2]*matcher.FuzzyRecord, error) {
	byID := map[string]*matcher.FuzzyRecord{}
	owners := map[int64][]string{}
	var keys []int64
	for _, r := range sample {
		byID[r.ID] = r
		for _, k := range r.TrainingKeys() {
			if owners[k] == nil {
				keys = append(keys, k)
			}
			owners[k] = append(owners[k], r.ID)
		}
	}
	rows, err := s.pool.Query(ctx, `SELECT k, h.ids FROM unnest($2::bigint[]) AS k
		CROSS JOIN LATERAL (SELECT count(*) AS n, array_agg(profile_id) AS ids FROM
			(SELECT profile_id FROM fuzzy_keys WHERE tenant_id = $1 AND key = k LIMIT $3 + 1) x) h
		WHERE h.n BETWEEN 2 AND $3`, t.ID, keys, FuzzyKeyBound)
	if err != nil {
		return nil, interpret(err)
	}
	type pair struct{ a, b string }
	seen := map[pair]bool{}
	var pairs []pair
	var key int64
	var holders []string
	_, err = pgx.ForEachRow(rows, []any{&key, &holders}, func() error {
		for _, id := range owners[key] {
			for _, h := range holders {
				p := pair{min(id, h), max(id, h)}
				if h != id && !seen[p] {
					seen[p] = true
					pairs = append(pairs, p)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, interpret(err)
	}
	// The holders outside the sample, read once each.
	var missing []string
	for _, p := range pairs {
		for _, x := range []string{p.a, p.b} {
			if byID[x] == nil {
				byID[x] = &matcher.FuzzyRecord{} // placeholder until read
				missing = append(missing, x)
			}
		}
	}
	others, err := s.fuzzyRecords(ctx, t.recordReading(), pause, ` WHERE p.tenant_id = $1 AND p.id = ANY($2) AND p.status = 'active'`, t.ID, missing)
	if err != nil {
		return nil, err
	}
	for _, r := range others {
		byID[r.ID] = r
	}
	var blocked [][2]*matcher.FuzzyRecord
	for _, p := range pairs {
		if a, b := byID[p.a], byID[p.b]; a.ID != "" && b.ID != "" {
			if matcher.CompareContent(a, b) > 0 {
				a, b = b, a
			}
			blocked = append(blocked, [2]*matcher.FuzzyRecord{a, b})
		}
	}
	slices.SortFunc(blocked, func(x, y [2]*matcher.FuzzyRecord) int {
		return cmp.Or(matcher.CompareContent(x[0], y[0]), matcher.CompareContent(x[1], y[1]))
	})
	return blocked, nil
}

// fuzzyRecords reads the records rr.fuzzyRecordSQL + where selects, as rr
// says, calling pause (when not nil) every readSlice records.
func (s *Store) fuzzyRecords(ctx context.Context, rr recordReading, pause func(), where string, args ...any) ([]*matcher.FuzzyRecord, error) {
	rows, err := s.pool.Query(ctx, rr.fuzzyRecordSQL()+where, args...)
	if err != nil {
		return nil, interpret(err)
	}
	defer rows.Close()
	var out []*matcher.FuzzyRecord
	row := everyRow(pause)
	for rows.Next() {
		row()
		r, err := scanFuzzyRecord(rows, rr)
		if err != nil {
			return nil, interpret(err)
		}
		out = append(out, r)
	}
	return out, interpret(rows.Err())
}

// trainIfStale trains the tenant's model when it has none, or when the
// file has doubled or halved since the model was trained: the model's file
// size sets every score's file-size line (matcher.FuzzyModel.FileSizeWeight),
// and a file imported in two parts, scanned after each, must not be scored
// as its first part alone. It reports whether it trained one.
func (s *Store) trainIfStale(ctx context.Context, tenantID string) (bool, error) {
	var trained *int // the model's file size; nil without a model
	var profiles int
	err := s.pool.QueryRow(ctx, `SELECT (SELECT coalesce((model->>'profiles')::int, 0) FROM fuzzy_models WHERE tenant_id = $1),
			(SELECT count(*) FROM profiles WHERE tenant_id = $1 AND status = 'active')`, tenantID).Scan(&trained, &profiles)
	if err != nil {
		return false, fmt.Errorf("fuzzy model size: %w", interpret(err))
	}
	if trained != nil {
		// A model without its size (stored before models kept it) has no
		// file-size line to go wrong.
		if n := *trained; n == 0 || !modelOutgrown(n, profiles) {
			return false, nil
		}
	}
	m, err := s.TrainFuzzy(ctx, tenantID)
	return !m.TrainedAt.IsZero(), err
}

// smallModelAge is how old a model trained on a small file (fewer than
// matcher.FileSizeReference profiles) may grow before FuzzyModelStale
// calls it stale, whatever the worker's RetrainAfter: its file-size line
// reads the size it was trained on, and a small file doubles quickly (a new
// tenant's first weeks, an import).
const smallModelAge = 24 * time.Hour

// modelOutgrown reports whether a file of profiles active profiles has
// doubled or halved since its model was trained on trained of them: the
// model's file-size line (matcher.FuzzyModel.FileSizeWeight) no longer
// reads its size.
func modelOutgrown(trained, profiles int) bool {
	return profiles > 2*trained || 2*profiles < trained
}

// FuzzyModelStale reports whether the tenant's model is due for training,
// and the file's size as counted for it (-1 for a model trained on
// matcher.FileSizeReference profiles or more, whose file is not counted).
// A tenant without a model is due once its file is large enough to train
// (matcher.MinTrainProfiles), so that an attempt on a new tenant's first
// few profiles does not stand for the day's; a model trained on a small
// file once the file has doubled or halved, or after smallModelAge; any
// other after maxAge. It reads the cached model and its count: it costs a
// fuzzy search no query.
func (s *Store) FuzzyModelStale(ctx context.Context, tenantID string, maxAge time.Duration) (bool, int, error) {
	fm, err := s.fuzzyModel(ctx, tenantID)
	if err != nil {
		return false, 0, err
	}
	m, age := fm.model, s.Now().Sub(fm.model.TrainedAt)
	switch {
	case m.TrainedAt.IsZero():
		return fm.profiles >= matcher.MinTrainProfiles, fm.profiles, nil
	case m.Profiles < matcher.FileSizeReference:
		return age > min(maxAge, smallModelAge) || modelOutgrown(m.Profiles, fm.profiles), fm.profiles, nil
	default:
		return age > maxAge, fm.profiles, nil
	}
}
