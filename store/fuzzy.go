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

// mobileNeighboursSQL lists, for a mobile c.value, the number itself and
// the numbers one slip from it past its first $4 characters
// (matcher.MobileKeep): each of those digits replaced by another, and
// each two neighbouring ones that differ swapped. Those are the numbers
// the model weighs as one slip, and share a key of
// matcher.FuzzyRecord.MobileSlipKeys with it: 80 of them for a French
// mobile. A number too short to be one has none but itself.
const mobileNeighboursSQL = `SELECT c.value
	UNION ALL
	SELECT overlay(c.value placing d::text from i for 1)
	FROM generate_series($4 + 1, length(c.value)) i, generate_series(0, 9) d
	WHERE c.value LIKE '+%' AND length(c.value) >= 8 AND substr(c.value, i, 1) <> d::text
	UNION ALL
	SELECT overlay(c.value placing substr(c.value, i + 1, 1) || substr(c.value, i, 1) from i for 2)
	FROM generate_series($4 + 1, length(c.value) - 1) i
	WHERE c.value LIKE '+%' AND length(c.value) >= 8 AND substr(c.value, i, 1) <> substr(c.value, i + 1, 1)`

// fuzzyRecordSQL selects what the fuzzy comparison reads of the active
// profiles WHERE says: the core fields, every valid contact value, and
// the attributes when the tenant compares identifiers.
func (rr recordReading) fuzzyRecordSQL() string {
	return `SELECT ` + rr.fuzzyRecordColumns() + ` ` + fuzzyRecordFrom
}

// fuzzyRecordColumns are the columns scanFuzzyRecord reads: the
// attributes only for a tenant that designates identifiers, so that a
// search does not carry every compared profile's notes for nothing.
func (rr recordReading) fuzzyRecordColumns() string {
	attributes := "p.attributes"
	if len(rr.identifiers) == 0 {
		attributes = "NULL::jsonb"
	}
	return `p.id, p.first_name, p.last_name, p.birth_date, p.address, p.gender,
		coalesce(c.emails, '{}'), coalesce(c.mobiles, '{}'), coalesce(c.phones, '{}'), ` + attributes
}

const fuzzyRecordFrom = `FROM profiles p ` + fuzzyContacts

// fuzzyContacts joins each profile p to its valid contact values.
const fuzzyContacts = `LEFT JOIN LATERAL (
		SELECT array_agg(value) FILTER (WHERE kind = 'email') AS emails,
		       array_agg(value) FILTER (WHERE kind = 'mobile') AS mobiles,
		       array_agg(value) FILTER (WHERE kind = 'phone') AS phones
		FROM contact_points WHERE tenant_id = p.tenant_id AND profile_id = p.id AND valid) c ON true`

// recordReading is what reading a profile for comparison takes of its
// tenant's policy.
type recordReading struct {
	region      string   // an address with no country reads in it (blockingKeys)
	identifiers []string // the attributes compared as identifiers
}

// scanFuzzyRecord reads one row of fuzzyRecordSQL, then extra columns.
func scanFuzzyRecord(row pgx.Row, rr recordReading, extra ...any) (*matcher.FuzzyRecord, error) {
	var in matcher.FuzzyInput
	var attrs []byte
	dest := append([]any{&in.ID, &in.FirstName, &in.LastName, &in.BirthDate, &in.Address, &in.Gender, &in.Emails, &in.Mobiles, &in.Phones, &attrs}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	in.Address = in.Address.InRegion(rr.region)
	if len(rr.identifiers) > 0 && len(attrs) > 2 {
		var all map[string]matcher.Attribute
		if err := json.Unmarshal(attrs, &all); err != nil {
			return nil, fmt.Errorf("profile %s: attributes: %w", in.ID, err)
		}
		for _, k := range rr.identifiers {
			if a, ok := all[k]; ok && a.Value != "" {
				if in.Identifiers == nil {
					in.Identifiers = map[string]string{}
				}
				in.Identifiers[k] = a.Value
			}
		}
	}
	return matcher.NewFuzzyRecord(in), nil
}

// FuzzyResult is what one fuzzy search did.
type FuzzyResult struct {
	Compared   int // profiles sharing a blocking key, compared
	Candidates int // candidates opened or fed
	SharedKeys int // blocking keys skipped as shared values
	Outweighed int // candidates closed as stale: their pair no longer reaches the threshold
}

// FuzzyCandidates compares one active profile with the profiles sharing a
// blocking key with it, and opens a review candidate, with the score and
// each field's weight, for each whose weight reaches the tenant's fuzzy
// threshold, unless an open candidate of more profiles holds the pair
// already. It returns how many candidates it opened or fed. It runs off
// the hot path, from a low-priority task.
func (s *Store) FuzzyCandidates(ctx context.Context, tenantID, profileID string) (int, error) {
	r, err := s.FuzzySearch(ctx, tenantID, []string{profileID})
	return r.Candidates, err
}

// FuzzySearch is FuzzyCandidates for several profiles of one tenant at
// once (the profiles a worker's bookings created meanwhile), with what the
// search did. One statement reads them all; a pair of two of them is
// compared once. A profile merged or erased since it was queued is left
// out.
func (s *Store) FuzzySearch(ctx context.Context, tenantID string, profileIDs []string) (FuzzyResult, error) {
	var res FuzzyResult
	fm, err := s.fuzzyModel(ctx, tenantID)
	if err != nil {
		return res, err
	}
	// The probes' keys, at most FuzzyKeyBound+1 holders of each, and of
	// their mobiles and the numbers one slip from them, and the records
	// of the probes and of the holders of the keys and numbers that are
	// not shared, each with its keys; every row carries the shared keys
	// and how many numbers were shared. Each look-up is an index probe
	// whatever the statistics say (OFFSET 0: see matchesSQL).
	rows, err := s.pool.Query(ctx, `WITH probe AS MATERIALIZED (
			SELECT id, block_keys FROM profiles WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND status = 'active'),
		hits AS (
			SELECT k.key, count(*) AS n, array_agg(f.profile_id) AS ids
			FROM (SELECT DISTINCT key FROM probe, unnest(probe.block_keys) AS key) k
			CROSS JOIN LATERAL (SELECT profile_id FROM fuzzy_keys WHERE tenant_id = $1 AND key = k.key LIMIT $3 + 1) f
			GROUP BY k.key),
		numbers AS (
			SELECT DISTINCT n.value FROM probe
			JOIN contact_points c ON c.tenant_id = $1 AND c.profile_id = probe.id AND c.kind = 'mobile' AND c.valid
			CROSS JOIN LATERAL (`+mobileNeighboursSQL+`) n),
		slips AS (
			SELECT count(*) AS n, array_agg(h.profile_id) AS ids
			FROM numbers CROSS JOIN LATERAL (SELECT profile_id FROM contact_points
				WHERE tenant_id = $1 AND kind = 'mobile' AND value = numbers.value AND valid LIMIT $3 + 1) h
			GROUP BY numbers.value),
		shared AS (SELECT coalesce(array_agg(key), '{}') AS keys, (SELECT count(*) FROM slips WHERE n > $3) AS numbers FROM hits WHERE n > $3),
		cand AS (SELECT id FROM hits, unnest(hits.ids) AS id WHERE hits.n <= $3
			UNION SELECT id FROM slips, unnest(slips.ids) AS id WHERE slips.n <= $3
			UNION SELECT id FROM probe)
		SELECT `+fm.fuzzyRecordColumns()+`, coalesce(p.block_keys, '{}'), shared.keys, shared.numbers
		FROM cand CROSS JOIN LATERAL (SELECT * FROM profiles WHERE tenant_id = $1 AND id = cand.id AND status = 'active' OFFSET 0) p
		`+fuzzyContacts+`, shared`,
		tenantID, profileIDs, FuzzyKeyBound, matcher.MobileKeep)
	if err != nil {
		return res, fmt.Errorf("fuzzy search: %w", interpret(err))
	}
	var records []*matcher.FuzzyRecord
	var keys [][]int64
	var shared []int64
	var sharedNumbers int
	for rows.Next() {
		var k []int64
		r, err := scanFuzzyRecord(rows, fm.recordReading, &k, &shared, &sharedNumbers)
		if err != nil {
			rows.Close()
			return res, fmt.Errorf("fuzzy search: %w", interpret(err))
		}
		// The mobiles' keys, in memory: a holder of a number one slip
		// from a probe's pairs with it.
		records, keys = append(records, r), append(keys, append(k, r.MobileSlipKeys()...))
	}
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("fuzzy search: %w", interpret(err))
	}
	// A mailbox or a mobile that more of the records hold than the exact
	// match's shared threshold is shared here too: an assistant's, with
	// which she books her colleagues.
	shared = append(shared, matcher.SharedContactKeys(records, fm.sharedThreshold)...)
	res.SharedKeys = len(shared) + sharedNumbers
	now := s.Now()
	for _, pr := range probePairs(records, keys, shared, profileIDs) {
		a, b := records[pr[0]], records[pr[1]]
		res.Compared++
		sc := fm.model.Score(a, b)
		if !sc.Opens(fm.threshold) {
			continue
		}
		if held, err := heldByGroup(ctx, s.pool, tenantID, a.ID, b.ID); err != nil {
			return res, fmt.Errorf("fuzzy search: %w", interpret(err))
		} else if held {
			continue
		}
		_, _, err := openCandidate(ctx, s.pool, tenantID, []string{a.ID, b.ID}, sc.Reason(), sc.Probability,
			fuzzyEvidence(a.ID, b.ID, sc, fm), now)
		if err != nil {
			return res, fmt.Errorf("fuzzy search: %w", interpret(err))
		}
		res.Candidates++
	}
	if err := s.foldNested(ctx, tenantID, profileIDs, now); err != nil {
		return res, fmt.Errorf("fuzzy search: %w", err)
	}
	if res.Outweighed, err = s.closeOutweighed(ctx, fm, tenantID, profileIDs, records, now); err != nil {
		return res, fmt.Errorf("fuzzy search: %w", err)
	}
	return res, nil
}

// closeOutweighed closes as stale the open candidates of two profiles, a
// probe one of them, that only the fuzzy search or the scan opened, whose
// pair no longer reaches the threshold as the two read now, and in which
// a field now weighs against the pair that did not when it was proposed
// (newlyAgainst). A profile is searched again when a booking brings what
// it lacked, and what it brought can be what tells the two apart: a birth
// date years from the other's. A reviewer would only ignore such a pair;
// closed as stale, it is not marked "not the same person", so a later
// search may propose it again if the evidence turns once more. A pair
// that fell below the threshold with nothing against it (a name since
// written another way, a compound surname shortened) stays open: nothing
// says it is two people. So does a candidate opened on a shared email or
// mobile: that evidence does not fade. The closing entry (the pair's
// weights now) is added to the candidate's evidence, and review.closed is
// emitted. It returns how many it closed.
func (s *Store) closeOutweighed(ctx context.Context, fm fuzzyTenant, tenantID string, probes []string,
	records []*matcher.FuzzyRecord, now time.Time) (int, error) {
	rows, err := s.pool.Query(ctx, fuzzyPairsHoldingSQL, tenantID, probes)
	if err != nil {
		return 0, interpret(err)
	}
	type pair struct {
		id  string
		ids []string
		was []matcher.FieldWeight // the fields' weights when it was proposed
	}
	pairs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (pair, error) {
		var p pair
		return p, r.Scan(&p.id, &p.ids, &p.was)
	})
	if err != nil || len(pairs) == 0 {
		return 0, interpret(err)
	}
	byID := make(map[string]*matcher.FuzzyRecord, len(records))
	for _, r := range records {
		byID[r.ID] = r
	}
	var missing []string
	for _, p := range pairs {
		for _, id := range p.ids {
			if byID[id] == nil {
				missing = append(missing, id)
			}
		}
	}
	if len(missing) > 0 {
		more, err := s.fuzzyRecords(ctx, fm.recordReading, nil,
			` WHERE p.tenant_id = $1 AND p.id = ANY($2::uuid[]) AND p.status = 'active'`, tenantID, sortedSet(missing))
		if err != nil {
			return 0, err
		}
		for _, r := range more {
			byID[r.ID] = r
		}
	}
	closed := 0
	for _, p := range pairs {
		a, b := byID[p.ids[0]], byID[p.ids[1]]
		if a == nil || b == nil {
			continue // merged or erased since: that closes the candidate itself
		}
		sc := fm.model.Score(a, b)
		if sc.Opens(fm.threshold) || !newlyAgainst(p.was, sc.Fields) {
			continue
		}
		entry := fuzzyEvidence(a.ID, b.ID, sc, fm)
		entry["at"], entry["closed"] = now, "below the threshold"
		tag, err := s.pool.Exec(ctx, closeOutweighedSQL, tenantID, p.id, now, entry, keptEvidence, EventReviewClosed, ReviewStale)
		if err != nil {
			return closed, interpret(err)
		}
		closed += int(tag.RowsAffected())
	}
	return closed, nil
}

// fuzzyPairsHoldingSQL lists the open candidates of two profiles, one of
// them in $2, that a fuzzy search or a scan opened (their reason) and
// whose every evidence entry is one (a booking that found the two on one
// email since added its own), with the fields' weights of the latest
// entry (a scan's holds its pair's): the members' index finds them
// (migration 31), as in heldByGroupSQL.
const fuzzyPairsHoldingSQL = `SELECT c.id::text, c.profile_ids::text[],
		(SELECT coalesce(e->'fields', e->'pairs'->0->'fields', '[]') FROM jsonb_array_elements(c.evidence) WITH ORDINALITY AS x(e, n)
		 ORDER BY n DESC LIMIT 1)
	FROM (
		SELECT tenant_id, id, status, reason, profile_ids, evidence FROM review_candidates WHERE profile_ids && $2::uuid[] OFFSET 0) AS c
	WHERE c.tenant_id = $1 AND c.status = 'open' AND cardinality(c.profile_ids) = 2 AND c.reason LIKE 'fuzzy:%'
		AND jsonb_typeof(c.evidence) = 'array' AND jsonb_array_length(c.evidence) > 0
		AND NOT EXISTS (SELECT FROM jsonb_array_elements(c.evidence) AS e
			WHERE e->>'rule' IS DISTINCT FROM 'fuzzy' AND e->>'rule' IS DISTINCT FROM 'scan_fuzzy')
	ORDER BY c.id`

// newlyAgainst reports whether a field weighs against a pair now, by
// more than a bit beyond what it weighed when the pair was proposed
// (nothing, if it was missing then): a birth date given since, years from
// the other's.
func newlyAgainst(was, now []matcher.FieldWeight) bool {
	then := make(map[matcher.Comparison]float64, len(was))
	for _, f := range was {
		then[f.Field] = f.Weight
	}
	for _, f := range now {
		if f.Weight < 0 && f.Weight < then[f.Field]-1 {
			return true
		}
	}
	return false
}

// closeOutweighedSQL closes one candidate as stale if it is still open,
// adds $4 to its evidence, and emits review.closed. It waits for a merge
// that holds the row, and then finds it no longer open.
const closeOutweighedSQL = `WITH c AS (
		UPDATE review_candidates SET status = $7, updated_at = $3,
			evidence = jsonb_path_query_array(evidence || jsonb_build_array($4::jsonb), $5::jsonpath)
		WHERE tenant_id = $1 AND id = $2 AND status = 'open'
		RETURNING id, profile_ids)
	SELECT emit_webhook_event($1, $6, $3, jsonb_build_object('review_id', id, 'profile_ids', profile_ids, 'status', $7::text)) FROM c`

// PairWeights is how two profiles compare under their tenant's fuzzy
// model: each field's level and match weight, and the total, against the
// threshold at which the fuzzy search opens a candidate.
type PairWeights struct {
	ProfileIDs [2]string
	Score      matcher.FuzzyScore
	Threshold  float64
}

// WeighProfiles compares the profile ids[0] with each of the others under
// the tenant's fuzzy model, as they read now and whatever their status. It
// is what the review page shows for profiles whose candidate holds no
// weights (one opened on a shared email or mobile) or that the front desk
// ticked: the same fields and levels as a fuzzy candidate's evidence. A
// profile of another tenant, or of none, is left out.
func (s *Store) WeighProfiles(ctx context.Context, tenantID string, ids []string) ([]PairWeights, error) {
	if len(ids) < 2 {
		return nil, nil
	}
	fm, err := s.fuzzyModel(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	records, err := s.fuzzyRecords(ctx, fm.recordReading, nil, ` WHERE p.tenant_id = $1 AND p.id = ANY($2::uuid[])`, tenantID, ids)
	if err != nil {
		return nil, fmt.Errorf("weigh profiles: %w", err)
	}
	byID := map[string]*matcher.FuzzyRecord{}
	for _, r := range records {
		byID[r.ID] = r
	}
	first := byID[ids[0]]
	if first == nil {
		return nil, nil
	}
	var out []PairWeights
	for _, id := range ids[1:] {
		if r := byID[id]; r != nil && id != first.ID {
			out = append(out, PairWeights{ProfileIDs: [2]string{first.ID, id}, Score: fm.model.Score(first, r), Threshold: fm.threshold})
		}
	}
	return out, nil
}

// foldNested folds into each open candidate of three or more that holds a
// probe the open candidates it holds all of (foldContained). A family's
// email opens a candidate of two at a booking that finds it on a second
// name, of three at the third, and so on, each in its booking's
// transaction; a reviewer should see the family once, in the largest. The
// search of the profile that booking created does it, off the hot path,
// and only where there is something to fold: a search of a profile whose
// family is shown once already writes nothing.
func (s *Store) foldNested(ctx context.Context, tenantID string, probes []string, now time.Time) error {
	rows, err := s.pool.Query(ctx, `SELECT c.id::text FROM (
			SELECT tenant_id, id, status, profile_ids FROM review_candidates WHERE profile_ids && $2::uuid[] OFFSET 0) AS c
		WHERE c.tenant_id = $1 AND c.status = 'open' AND cardinality(c.profile_ids) > 2 AND EXISTS (
			SELECT FROM (SELECT tenant_id, id, status FROM review_candidates WHERE profile_ids <@ c.profile_ids OFFSET 0) AS h
			WHERE h.tenant_id = $1 AND h.status = 'open' AND h.id <> c.id)
		ORDER BY cardinality(c.profile_ids) DESC, c.id`, tenantID, probes)
	if err != nil {
		return interpret(err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return interpret(err)
	}
	for _, id := range ids {
		if _, err := s.foldContained(ctx, tenantID, id, now); err != nil {
			return err
		}
	}
	return nil
}

// heldByGroup reports whether an open candidate of three or more profiles
// holds both a and b: the pair is before a reviewer already, and a
// candidate of the two alone would show it twice (the scan's
// openSets.holdsPair). A family sharing an email is such a pair: the
// booking that found the email on two names opened a candidate of three.
func heldByGroup(ctx context.Context, q querier, tenantID, a, b string) (bool, error) {
	var held bool
	err := q.QueryRow(ctx, heldByGroupSQL, tenantID, a, b).Scan(&held)
	return held, err
}

// heldByGroupSQL probes the candidates' members (migration 31): the
// fence (OFFSET 0) leaves the planner no other way in, even when the
// statistics say the tenant has no candidate.
const heldByGroupSQL = `SELECT EXISTS (SELECT FROM (
		SELECT tenant_id, status, profile_ids FROM review_candidates WHERE profile_ids @> ARRAY[$2, $3]::uuid[] OFFSET 0) AS c
	WHERE c.tenant_id = $1 AND c.status = 'open' AND cardinality(c.profile_ids) > 2)`

// probePairs lists, once each, the pairs of records (indexes, the probe's
// first) in which a probe (a record whose id is in probes) shares with
// the other record a blocking key that is not shared.
func probePairs(records []*matcher.FuzzyRecord, keys [][]int64, shared []int64, probes []string) [][2]int {
	skip := make(map[int64]bool, len(shared))
	for _, k := range shared {
		skip[k] = true
	}
	holders := map[int64][]int{}
	for i, ks := range keys {
		for _, k := range ks {
			if !skip[k] {
				holders[k] = append(holders[k], i)
			}
		}
	}
	isProbe := make(map[string]bool, len(probes))
	for _, id := range probes {
		isProbe[id] = true
	}
	var out [][2]int
	seen := map[[2]int]bool{}
	for i, r := range records {
		if !isProbe[r.ID] {
			continue
		}
		for _, k := range keys[i] {
			for _, j := range holders[k] {
				if pair := [2]int{min(i, j), max(i, j)}; j != i && !seen[pair] {
					seen[pair] = true
					out = append(out, [2]int{i, j})
				}
			}
		}
	}
	return out
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
	// sharedThreshold is the tenant's shared-value threshold
	// (Policy.Threshold): a mailbox or mobile held by more is shared.
	sharedThreshold int
	recordReading
	loaded time.Time
	// profiles is the tenant's active profiles, counted up to what tells
	// whether the model is due (FuzzyModelStale); -1 when the model was
	// trained on a file too large for its size to be counted each time.
	profiles int
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
	var rr recordReading
	var sharedThreshold int
	err := s.pool.QueryRow(ctx, `SELECT t.fuzzy_threshold, t.shared_threshold, t.region, t.identifier_attributes, m.model FROM tenants t
		LEFT JOIN fuzzy_models m ON m.tenant_id = t.id WHERE t.id = $1`, tenantID).Scan(&threshold, &sharedThreshold, &rr.region, &rr.identifiers, &raw)
	if err != nil {
		return fuzzyTenant{}, fmt.Errorf("fuzzy model: %w", interpret(err))
	}
	ft := fuzzyTenant{threshold: matcher.DefaultFuzzyThreshold, sharedThreshold: matcher.Policy{SharedThreshold: sharedThreshold}.Threshold(),
		recordReading: rr, loaded: s.Now()}
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
	ft.profiles = -1
	if m.Profiles < matcher.FileSizeReference {
		// A small file's size, counted no further than it takes to see
		// that the model's has doubled: an index range of at most twice
		// the model's profiles, once a fuzzyModelTTL.
		err := s.pool.QueryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM profiles WHERE tenant_id = $1 AND status = 'active' LIMIT $2) x`,
			tenantID, max(matcher.MinTrainProfiles, 2*m.Profiles+1)).Scan(&ft.profiles)
		if err != nil {
			return fuzzyTenant{}, fmt.Errorf("fuzzy model: count the file: %w", interpret(err))
		}
	}
	s.fuzzy.Store(tenantID, ft)
	return ft, nil
}
