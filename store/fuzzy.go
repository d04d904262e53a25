package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"dedupe/matcher"
)

// FuzzyKeyBound is how many active profiles may hold one blocking key
// before the fuzzy search skips it as a shared value (a common name born
// in one year, a large building), the way a shared contact point is no
// match key. A search reads at most this many rows per key, so it costs
// the same on any file size.
const FuzzyKeyBound = 50

// fuzzyRecordSQL selects what the fuzzy comparison reads of the active
// profiles WHERE says: the core fields and every valid contact value.
const fuzzyRecordSQL = `SELECT ` + fuzzyRecordColumns + ` ` + fuzzyRecordFrom

const fuzzyRecordColumns = `p.id, p.first_name, p.last_name, p.birth_date, p.address,
		coalesce(c.emails, '{}'), coalesce(c.mobiles, '{}'), coalesce(c.phones, '{}')`

const fuzzyRecordFrom = `FROM profiles p ` + fuzzyContacts

// fuzzyContacts joins each profile p to its valid contact values.
const fuzzyContacts = `LEFT JOIN LATERAL (
		SELECT array_agg(value) FILTER (WHERE kind = 'email') AS emails,
		       array_agg(value) FILTER (WHERE kind = 'mobile') AS mobiles,
		       array_agg(value) FILTER (WHERE kind = 'phone') AS phones
		FROM contact_points WHERE tenant_id = p.tenant_id AND profile_id = p.id AND valid) c ON true`

// scanFuzzyRecord reads one row of fuzzyRecordSQL, then extra columns.
func scanFuzzyRecord(row pgx.Row, extra ...any) (*matcher.FuzzyRecord, error) {
	var in matcher.FuzzyInput
	dest := append([]any{&in.ID, &in.FirstName, &in.LastName, &in.BirthDate, &in.Address, &in.Emails, &in.Mobiles, &in.Phones}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	return matcher.NewFuzzyRecord(in), nil
}

// FuzzyResult is what one fuzzy search did.
type FuzzyResult struct {
	Compared   int // profiles sharing a blocking key, compared
	Candidates int // candidates opened or fed
	SharedKeys int // blocking keys skipped as shared values
}

// FuzzyCandidates compares one active profile with the profiles sharing a
// blocking key with it, and opens a review candidate, with the score and
// each field's weight, for each whose weight reaches the tenant's fuzzy
// threshold. It returns how many candidates it opened or fed. It runs off
// the hot path, from a low-priority task.
func (s *Store) FuzzyCandidates(ctx context.Context, tenantID, profileID string) (int, error) {
	r, err := s.FuzzySearch(ctx, tenantID, profileID)
	return r.Candidates, err
}

// FuzzySearch is FuzzyCandidates, with what the search did.
func (s *Store) FuzzySearch(ctx context.Context, tenantID, profileID string) (FuzzyResult, error) {
	var res FuzzyResult
	fm, err := s.fuzzyModel(ctx, tenantID)
	if err != nil {
		return res, err
	}
	// One statement: the profile's keys, at most FuzzyKeyBound+1 holders
	// of each, and the records of the profile and of the holders of the
	// keys that are not shared.
	rows, err := s.pool.Query(ctx, `WITH probe AS (
			SELECT block_keys FROM profiles WHERE tenant_id = $1 AND id = $2 AND status = 'active'),
		hits AS (
			SELECT k.key, count(*) AS n, array_agg(f.profile_id) AS ids
			FROM probe, unnest(probe.block_keys) AS k(key)
			CROSS JOIN LATERAL (SELECT profile_id FROM fuzzy_keys WHERE tenant_id = $1 AND key = k.key LIMIT $3 + 1) f
			GROUP BY k.key),
		cand AS (SELECT id FROM hits, unnest(hits.ids) AS id WHERE hits.n <= $3 UNION SELECT $2::uuid)
		SELECT `+fuzzyRecordColumns+`, (SELECT count(*) FROM hits WHERE n > $3)
		FROM cand JOIN profiles p ON p.tenant_id = $1 AND p.id = cand.id `+fuzzyContacts+`
		WHERE p.status = 'active'`,
		tenantID, profileID, FuzzyKeyBound)
	if err != nil {
		return res, fmt.Errorf("fuzzy search: %w", interpret(err))
	}
	var probe *matcher.FuzzyRecord
	var others []*matcher.FuzzyRecord
	for rows.Next() {
		r, err := scanFuzzyRecord(rows, &res.SharedKeys)
		if err != nil {
			rows.Close()
			return res, fmt.Errorf("fuzzy search: %w", interpret(err))
		}
		if r.ID == profileID {
			probe = r
		} else {
			others = append(others, r)
		}
	}
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("fuzzy search: %w", interpret(err))
	}
	if probe == nil {
		return res, nil // merged or erased since it was queued
	}
	res.Compared = len(others)
	now := s.Now()
	for _, o := range others {
		sc := fm.model.Score(probe, o)
		if !sc.Opens(fm.threshold) {
			continue
		}
		_, _, err := openCandidate(ctx, s.pool, tenantID, []string{profileID, o.ID}, sc.Reason(), sc.Probability,
			fuzzyEvidence(probe.ID, o.ID, sc, fm), now, true)
		if err != nil {
			return res, fmt.Errorf("fuzzy search: %w", interpret(err))
		}
		res.Candidates++
	}
	return res, nil
}

// fuzzyEvidence is what a fuzzy candidate stores of one pair: each field's
// level and weight, the total, and the threshold and model it was judged
// by.
func fuzzyEvidence(a, b string, sc matcher.FuzzyScore, fm fuzzyTenant) map[string]any {
	model := "default"
	if !fm.model.TrainedAt.IsZero() {
		model = "trained " + fm.model.TrainedAt.Format(time.DateOnly)
	}
	e := map[string]any{"rule": "fuzzy", "profile_ids": []string{a, b}, "weight": sc.Weight,
		"probability": sc.Probability, "threshold": fm.threshold, "fields": sc.Fields, "model": model}
	if sc.NamesSwapped {
		e["names_swapped"] = true
	}
	return e
}

// fuzzyTenant is a tenant's fuzzy model and threshold, as cached.
type fuzzyTenant struct {
	model     *matcher.FuzzyModel
	threshold float64
	loaded    time.Time
}

// fuzzyModelTTL is how long a process keeps a tenant's model and threshold
// before reading them again: a retrained model or a new threshold reaches
// every worker within it.
const fuzzyModelTTL = 30 * time.Second

// fuzzyModel returns the tenant's model (the defaults when it has none
// yet) and fuzzy threshold.
func (s *Store) fuzzyModel(ctx context.Context, tenantID string) (fuzzyTenant, error) {
	if v, ok := s.fuzzy.Load(tenantID); ok && s.Now().Sub(v.(fuzzyTenant).loaded) < fuzzyModelTTL {
		return v.(fuzzyTenant), nil
	}
	var threshold *float64
	var raw []byte
	err := s.pool.QueryRow(ctx, `SELECT t.fuzzy_threshold, m.model FROM tenants t
		LEFT JOIN fuzzy_models m ON m.tenant_id = t.id WHERE t.id = $1`, tenantID).Scan(&threshold, &raw)
	if err != nil {
		return fuzzyTenant{}, fmt.Errorf("fuzzy model: %w", interpret(err))
	}
	ft := fuzzyTenant{threshold: matcher.DefaultFuzzyThreshold, loaded: s.Now()}
	if threshold != nil {
		ft.threshold = *threshold
	}
	m := matcher.DefaultFuzzyModel()
	if raw != nil {
		if err := json.Unmarshal(raw, &m); err != nil {
			return fuzzyTenant{}, fmt.Errorf("fuzzy model: %w", err)
		}
	}
	ft.model = &m
	s.fuzzy.Store(tenantID, ft)
	return ft, nil
}
