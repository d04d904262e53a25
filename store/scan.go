package store

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"dedupe/matcher"
)

// ScanReport sums up a scan of a tenant's customer file.
type ScanReport struct {
	ExactGroups int // candidates of profiles sharing an email or mobile
	Fuzzy       int // fuzzy candidates opened or fed, one per group
	Groups      int // of which hold three profiles or more
	// Opened counts the candidates this scan opened, exact and fuzzy; the
	// other groups fed a candidate already open (one of an earlier scan,
	// or the other phase's for the same profiles).
	Opened int
	// Folded counts the open candidates closed as stale because a group
	// this scan opened or fed holds all their profiles (an exact pair
	// inside a fuzzy group of three): their evidence moved to the group.
	Folded     int
	Pairs      int // pairs of profiles sharing a blocking key, compared
	Profiles   int // active profiles in the file
	SharedKeys int // blocking keys skipped as shared values
	Trained    bool
}

// ScanOptions tunes a scan.
type ScanOptions struct {
	// Train estimates the tenant's fuzzy model from its file before
	// comparing (TrainFuzzy). Without it, a scan trains only a tenant
	// that has no model yet, or whose file has doubled or halved since
	// its model was trained (trainIfStale).
	Train bool
}

// Scan finds the duplicate groups in a tenant's whole customer file and
// fills the review queue: first every email or mobile held by several
// active profiles (but not by more than the tenant's shared threshold, and
// not a placeholder or blocked value), then the fuzzy groups. The fuzzy
// phase is set-based, as record-linkage tools do it: the file is joined
// to itself on the blocking keys in one pass, each pair sharing a key is
// scored once, the pairs reaching the threshold are grouped, and each
// group becomes one candidate. A scan that stops resumes at the phase it
// was in; re-proposing a group adds evidence to its open candidate and
// never duplicates it.
func (s *Store) Scan(ctx context.Context, tenantID string, progress func(ScanReport)) (ScanReport, error) {
	return s.ScanWith(ctx, tenantID, ScanOptions{}, progress)
}

// ScanWith is Scan with options.
func (s *Store) ScanWith(ctx context.Context, tenantID string, opt ScanOptions, progress func(ScanReport)) (ScanReport, error) {
	var rep ScanReport
	t, err := tenant(ctx, s.pool, tenantID)
	if err != nil {
		return rep, err
	}
	report := func() {
		if progress != nil {
			progress(rep)
		}
	}
	var phase string
	err = s.pool.QueryRow(ctx, `INSERT INTO scans (tenant_id, updated_at) VALUES ($1, $2)
		ON CONFLICT (tenant_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id
		RETURNING phase`, tenantID, s.Now()).Scan(&phase)
	if err != nil {
		return rep, fmt.Errorf("scan checkpoint: %w", interpret(err))
	}
	if phase == "exact" {
		if rep.ExactGroups, rep.Opened, rep.Folded, err = s.scanExact(ctx, tenantID, t.Policy()); err != nil {
			return rep, err
		}
		if err := s.scanCheckpoint(ctx, tenantID, "fuzzy"); err != nil {
			return rep, err
		}
		report()
	}
	if opt.Train {
		if _, err := s.TrainFuzzy(ctx, tenantID); err != nil {
			return rep, err
		}
		rep.Trained = true
	} else if trained, err := s.trainIfStale(ctx, tenantID); err != nil {
		return rep, err
	} else {
		rep.Trained = trained
	}
	if err := s.scanFuzzy(ctx, tenantID, &rep, report); err != nil {
		return rep, err
	}
	return rep, s.scanCheckpoint(ctx, tenantID, "exact")
}

func (s *Store) scanCheckpoint(ctx context.Context, tenantID, phase string) error {
	_, err := s.pool.Exec(ctx, `UPDATE scans SET phase = $2, last_profile = NULL, updated_at = $3 WHERE tenant_id = $1`,
		tenantID, phase, s.Now())
	if err != nil {
		return fmt.Errorf("scan checkpoint: %w", interpret(err))
	}
	return nil
}

// scanExact opens a candidate for the profiles that hold one email or
// mobile, and returns how many groups it found and how many candidates it
// opened. A definite mobile counts held as a mobile or as a phone, as an
// ingest looks it up (matcher.Key.Kinds); a phone that may be a landline
// holds no key. A value whose holders another value's include is folded
// into it (exactGroups): two copies of a person sharing an email, and with
// a relative booking on their mobile, are one candidate of three, not two
// that both hold the copies.
func (s *Store) scanExact(ctx context.Context, tenantID string, policy matcher.Policy) (groups, opened, folded int, err error) {
	// Each value: its own kind's holders, and its holders of any kind
	// (phones fold into mobiles). Too many of its own kind make it shared
	// whatever the phones.
	rows, err := s.pool.Query(ctx, `SELECT CASE cp.kind WHEN 'phone' THEN 'mobile' ELSE cp.kind END, cp.value,
			coalesce(array_agg(DISTINCT cp.profile_id ORDER BY cp.profile_id) FILTER (WHERE cp.kind <> 'phone'), '{}'),
			array_agg(DISTINCT cp.profile_id ORDER BY cp.profile_id)
		FROM contact_points cp JOIN profiles p ON p.tenant_id = cp.tenant_id AND p.id = cp.profile_id AND p.status = 'active'
		WHERE cp.tenant_id = $1 AND cp.valid AND cp.kind IN ('email', 'mobile', 'phone')
		GROUP BY 1, cp.value
		HAVING count(DISTINCT cp.profile_id) >= 2 AND count(*) FILTER (WHERE cp.kind <> 'phone') <= $2`, tenantID, policy.Threshold())
	if err != nil {
		return 0, 0, 0, fmt.Errorf("scan exact: %w", interpret(err))
	}
	var shared []exactGroup
	var key matcher.Key
	var own, all []string
	_, err = pgx.ForEachRow(rows, []any{&key.Kind, &key.Value, &own, &all}, func() error {
		ids := own
		// A stored number is E.164: it reads without a region.
		if len(all) > len(own) && matcher.NormalizePhone(key.Value, "").DefiniteMobile {
			ids = all
		}
		if len(ids) < 2 || policy.TooShared(len(ids)) {
			return nil
		}
		if usable, _ := policy.Screen([]matcher.Key{key}); len(usable) == 0 {
			return nil
		}
		shared = append(shared, exactGroup{kinds: []matcher.Field{key.Kind}, ids: slices.Clone(ids)})
		return nil
	})
	if err != nil {
		return 0, 0, 0, fmt.Errorf("scan exact: %w", interpret(err))
	}
	open, err := readOpenSets(ctx, s.pool, tenantID)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("scan exact: %w", err)
	}
	now := s.Now()
	for _, g := range exactGroups(shared) {
		groups++
		if open.heldByLarger(g.ids) {
			// An open group of more profiles holds these already (a
			// fuzzy group an earlier scan folded this pair into): it is
			// before a reviewer, with this evidence.
			continue
		}
		kinds := make([]string, len(g.kinds))
		for i, k := range g.kinds {
			kinds[i] = string(k)
		}
		id, isNew, err := openCandidate(ctx, s.pool, tenantID, g.ids, "scan: shared "+strings.Join(kinds, " and "), 1,
			map[string]any{"rule": "scan_exact", "kind": kinds[0], "kinds": kinds}, now)
		if err != nil {
			return 0, 0, 0, fmt.Errorf("scan exact: %w", interpret(err))
		}
		if isNew {
			opened++
		}
		if len(g.ids) >= 3 && id != "" && open.holdsSmaller(g.ids) {
			n, err := s.foldContained(ctx, tenantID, id, now)
			if err != nil {
				return 0, 0, 0, fmt.Errorf("scan exact: %w", err)
			}
			folded += n
		}
	}
	return groups, opened, folded, nil
}

// exactGroup is a set of profiles holding one email or mobile (or, once
// joined, several), and the kinds of value they share.
type exactGroup struct {
	kinds []matcher.Field
	ids   []string
}

// exactGroups returns the values' groups, each value whose holders are
// all among another's (two copies sharing an email, and with their
// daughter a mobile) folded into that one, with its kind: the copies are
// then one candidate, not two that both show them. Values whose holders
// only partly overlap (a couple's email, the mother's and daughter's
// mobile) stay apart, so no candidate holds two people who share nothing.
// The groups come out in the order of their profiles, each's ids and
// kinds sorted, so a scan run again opens the same sets.
func exactGroups(values []exactGroup) []exactGroup {
	for i := range values {
		values[i].ids = sortedSet(values[i].ids)
	}
	// Larger first, so a value meets every group that may hold it.
	slices.SortStableFunc(values, func(x, y exactGroup) int { return cmp.Compare(len(y.ids), len(x.ids)) })
	var out []exactGroup
	holding := map[string][]int{} // a profile → the groups kept that hold it
	for _, v := range values {
		// A group holding v's first profile and all the others.
		if i := slices.IndexFunc(holding[v.ids[0]], func(k int) bool { return holdsAll(out[k].ids, v.ids) }); i >= 0 {
			k := holding[v.ids[0]][i]
			out[k].kinds = slices.Compact(slices.Sorted(slices.Values(append(out[k].kinds, v.kinds...))))
			continue
		}
		for _, id := range v.ids {
			holding[id] = append(holding[id], len(out))
		}
		out = append(out, exactGroup{kinds: slices.Clone(v.kinds), ids: v.ids})
	}
	slices.SortFunc(out, func(x, y exactGroup) int {
		return cmp.Or(slices.Compare(x.ids, y.ids), slices.Compare(x.kinds, y.kinds))
	})
	return out
}

// scanFuzzy is the set-based fuzzy phase of a scan.
func (s *Store) scanFuzzy(ctx context.Context, tenantID string, rep *ScanReport, report func()) error {
	fm, err := s.fuzzyModel(ctx, tenantID)
	if err != nil {
		return err
	}
	records, index, err := s.scanRecords(ctx, tenantID, fm)
	if err != nil {
		return fmt.Errorf("scan fuzzy: %w", err)
	}
	rep.Profiles = len(records)
	pairs, err := s.scanBlockedPairs(ctx, tenantID, records, index, rep)
	if err != nil {
		return fmt.Errorf("scan fuzzy: %w", err)
	}
	rep.Pairs = len(pairs)
	report()
	// The candidates open before the groups (the exact phase's among
	// them). One of three or more is where grouping starts when the links
	// connect its profiles (copies sharing an email, which a copy with
	// another email then joins); otherwise (a family sharing a mobile)
	// its pairs are before a reviewer already, and another candidate
	// holding one would show it twice (groupPairs). A candidate of two
	// still gains the pair's weights. And a group may hold all the
	// profiles of one (foldContained).
	open, err := readOpenSets(ctx, s.pool, tenantID)
	if err != nil {
		return fmt.Errorf("scan fuzzy: %w", err)
	}
	now := s.Now()
	var batch []candidateOpening
	flush := func() error {
		err := s.openGroups(ctx, tenantID, batch, open, now, rep)
		batch = batch[:0]
		report()
		return err
	}
	for _, g := range groupPairs(scorePairs(fm.model, fm.threshold, records, pairs), fm.threshold, open.groups(index), bornApart(records)) {
		if !g.grown {
			continue // an open candidate's profiles, and nothing more
		}
		if batch = append(batch, groupOpening(fm, records, g)); len(batch) == scanOpenBatch {
			if err := flush(); err != nil {
				return fmt.Errorf("scan fuzzy: %w", err)
			}
		}
	}
	if err := flush(); err != nil {
		return fmt.Errorf("scan fuzzy: %w", err)
	}
	return nil
}

// scanOpenBatch is how many groups a scan opens in one round trip
// (openCandidates): a million-profile file's hundred thousand groups,
// opened one at a time, took two round trips each.
const scanOpenBatch = 200

// scanRecords reads every active profile of the tenant, once, first-created
// first, and where each one is in the list by its id. Links of equal
// weight join in that order (groupPairs), so a file gives the same groups
// every time it is scanned or imported again, whatever order the table
// holds it in (ids are time-ordered, so an import's rows keep the file's
// order).
func (s *Store) scanRecords(ctx context.Context, tenantID string, fm fuzzyTenant) ([]*matcher.FuzzyRecord, map[string]int32, error) {
	records, err := s.fuzzyRecords(ctx, fm.recordReading, nil, ` WHERE p.tenant_id = $1 AND p.status = 'active' ORDER BY p.created_at, p.id`, tenantID)
	if err != nil {
		return nil, nil, err
	}
	index := make(map[string]int32, len(records))
	for i, r := range records {
		index[r.ID] = int32(i)
	}
	return records, index, nil
}

// scanBlockedPairs joins the file to itself on its blocking keys, in one
// pass: each key's holders, unless it is shared (counted in
// rep.SharedKeys). A pair sharing several keys is kept once; a holder not
// in index (made or merged since the records were read) is left out.
// Then it joins the records on their mobiles' keys, in memory
// (matcher.FuzzyRecord.MobileSlipKeys): the pairs whose mobiles are one
// slip apart, which no stored key holds.
func (s *Store) scanBlockedPairs(ctx context.Context, tenantID string, records []*matcher.FuzzyRecord, index map[string]int32,
	rep *ScanReport) ([][2]int32, error) {
	rows, err := s.pool.Query(ctx, `SELECT count(*), CASE WHEN count(*) <= $2 THEN array_agg(profile_id) END
		FROM fuzzy_keys WHERE tenant_id = $1 GROUP BY key HAVING count(*) >= 2`, tenantID, FuzzyKeyBound)
	if err != nil {
		return nil, interpret(err)
	}
	var blocked BlockedPairs
	var n int
	var ids []string
	holders := make([]int32, 0, FuzzyKeyBound)
	_, err = pgx.ForEachRow(rows, []any{&n, &ids}, func() error {
		if ids == nil {
			rep.SharedKeys++
			return nil
		}
		holders = holders[:0]
		for _, id := range ids {
			if i, ok := index[id]; ok {
				holders = append(holders, i)
			}
		}
		blocked.Add(holders)
		return nil
	})
	if err != nil {
		return nil, interpret(err)
	}
	var mobiles []HeldKey
	for i, r := range records {
		for _, k := range r.MobileSlipKeys() {
			mobiles = append(mobiles, HeldKey{Key: k, Holder: int32(i)})
		}
	}
	SortHeld(mobiles)
	rep.SharedKeys += blocked.AddHeld(mobiles)
	return blocked.Pairs, nil
}

// groupOpening is the candidate of one group, with the evidence of its
// links.
func groupOpening(fm fuzzyTenant, records []*matcher.FuzzyRecord, g FuzzyGroup) candidateOpening {
	ids := make([]string, 0, len(g.members))
	for _, m := range g.members {
		ids = append(ids, records[m].ID)
	}
	best := g.links[0].score
	// The links in the order of their profiles' ids, whatever order the
	// join gave them: the same group scanned again gives the same
	// evidence, which the candidate already holds and does not repeat.
	links := g.evidenceLinks()
	slices.SortFunc(links, func(x, y scoredPair) int {
		return cmp.Or(strings.Compare(records[x.a].ID, records[y.a].ID), strings.Compare(records[x.b].ID, records[y.b].ID))
	})
	evidence := make([]any, 0, len(links))
	for _, l := range links {
		a, b := records[l.a].ID, records[l.b].ID
		evidence = append(evidence, fuzzyEvidence(min(a, b), max(a, b), l.score, fm))
	}
	return candidateOpening{ids: ids, reason: best.Reason(), score: best.Probability,
		evidence: map[string]any{"rule": "scan_fuzzy", "pairs": evidence}}
}

// openGroups opens (or adds to) the candidates of groups, and folds into
// each the open candidates whose profiles it holds all of. The groups are
// disjoint, so the order of the folds does not matter.
func (s *Store) openGroups(ctx context.Context, tenantID string, groups []candidateOpening, open *openSets, now time.Time,
	rep *ScanReport) error {
	if len(groups) == 0 {
		return nil
	}
	opened, err := openCandidates(ctx, s.pool, tenantID, groups, now)
	if err != nil {
		return interpret(err)
	}
	for i, g := range groups {
		if opened[i].opened {
			rep.Opened++
		}
		rep.Fuzzy++
		if len(g.ids) < 3 {
			continue
		}
		rep.Groups++
		if opened[i].id != "" && open.holdsSmaller(g.ids) {
			n, err := s.foldContained(ctx, tenantID, opened[i].id, now)
			if err != nil {
				return err
			}
			rep.Folded += n
		}
	}
	return nil
}

// foldContained closes as stale the tenant's open candidates whose
// profiles the open candidate id holds all of (the exact pair of two
// copies sharing an email, now in a fuzzy group with the third copy; an
// earlier scan's smaller group), moves their evidence to it, each entry
// naming its profiles, and emits review.closed for each: a reviewer sees
// the group once, not the group and its parts. It returns how many it
// closed.
func (s *Store) foldContained(ctx context.Context, tenantID, id string, now time.Time) (int, error) {
	var n int
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// SKIP LOCKED: a merge or an erasure holding one of them locks the
		// smaller candidate first and the larger next, the other way round;
		// what it holds is folded by a later search or scan, or closed by
		// the merge itself. The members' GIN index finds the smaller ones.
		rows, err := tx.Query(ctx, `WITH g AS (
				SELECT profile_ids FROM review_candidates WHERE tenant_id = $1 AND id = $2 AND status = 'open' FOR UPDATE SKIP LOCKED),
			held AS (
				SELECT c.id FROM g, LATERAL (SELECT tenant_id, id, status FROM review_candidates
					WHERE profile_ids <@ g.profile_ids OFFSET 0) c
				WHERE c.tenant_id = $1 AND c.status = 'open' AND c.id <> $2),
			locked AS (
				SELECT r.id FROM review_candidates r WHERE r.tenant_id = $1 AND r.id IN (SELECT id FROM held)
				FOR UPDATE SKIP LOCKED),
			sub AS (
				UPDATE review_candidates r SET status = 'stale', updated_at = $3
				FROM g WHERE r.tenant_id = $1 AND r.id IN (SELECT id FROM locked) AND r.status = 'open'
				RETURNING r.id, r.profile_ids, r.evidence)
			SELECT id::text, profile_ids::text[],
				(SELECT coalesce(jsonb_agg(CASE WHEN e ? 'profile_ids' THEN e ELSE e || jsonb_build_object('profile_ids', sub.profile_ids) END), '[]')
				 FROM jsonb_array_elements(CASE jsonb_typeof(sub.evidence) WHEN 'array' THEN sub.evidence ELSE jsonb_build_array(sub.evidence) END) e)
			FROM sub ORDER BY id`, tenantID, id, now)
		if err != nil {
			return err
		}
		type closed struct {
			id         string
			profileIDs []string
			evidence   []json.RawMessage
		}
		cs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (closed, error) {
			var c closed
			return c, r.Scan(&c.id, &c.profileIDs, &c.evidence)
		})
		if err != nil || len(cs) == 0 {
			return err
		}
		var moved []json.RawMessage
		b := &pgx.Batch{}
		for _, c := range cs {
			moved = append(moved, c.evidence...)
			queueEvent(b, tenantID, EventReviewClosed, now, map[string]any{"review_id": c.id, "profile_ids": c.profileIDs, "status": ReviewStale})
		}
		// The entries in the order they were found, the latest kept, as
		// openCandidate keeps them.
		b.Queue(`UPDATE review_candidates SET updated_at = $3, evidence = jsonb_path_query_array(
				(SELECT jsonb_agg(e ORDER BY e->>'at') FROM jsonb_array_elements(evidence || $4::jsonb) e), $5::jsonpath)
			WHERE tenant_id = $1 AND id = $2`, tenantID, id, now, moved, keptEvidence)
		n = len(cs)
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return 0, fmt.Errorf("fold the candidates a group holds: %w", interpret(err))
	}
	return n, nil
}

// openSets holds the profile sets of a tenant's open candidates, as
// they stood when readOpenSets read them.
type openSets struct {
	sets [][]string
	in   map[string][]int // a profile → the sets holding it
}

// readOpenSets reads the profile sets of the tenant's open candidates.
func readOpenSets(ctx context.Context, pool *pgxpool.Pool, tenantID string) (*openSets, error) {
	rows, err := pool.Query(ctx, `SELECT profile_ids::text[] FROM review_candidates WHERE tenant_id = $1 AND status = 'open'`, tenantID)
	if err != nil {
		return nil, interpret(err)
	}
	sets, err := pgx.CollectRows(rows, pgx.RowTo[[]string])
	if err != nil {
		return nil, interpret(err)
	}
	o := &openSets{sets: sets, in: map[string][]int{}}
	for i, set := range sets {
		for _, id := range set {
			o.in[id] = append(o.in[id], i)
		}
	}
	return o, nil
}

// groups returns the open candidates of three or more profiles as sets
// of records (index: a profile's record), for groupPairs.
func (o *openSets) groups(index map[string]int32) []heldSet {
	var out []heldSet
	for _, set := range o.sets {
		if len(set) < 3 {
			continue
		}
		h := heldSet{whole: true}
		for _, id := range set {
			if i, ok := index[id]; ok {
				h.members = append(h.members, i)
			} else {
				h.whole = false // merged or erased since
			}
		}
		out = append(out, h)
	}
	return out
}

// heldByLarger reports whether an open candidate of more profiles than
// ids holds every one of them.
func (o *openSets) heldByLarger(ids []string) bool {
	return len(ids) > 0 && slices.ContainsFunc(o.in[ids[0]], func(i int) bool { return len(o.sets[i]) > len(ids) && holdsAll(o.sets[i], ids) })
}

// holdsSmaller reports whether ids hold every profile of an open
// candidate of fewer profiles: one foldContained would close.
func (o *openSets) holdsSmaller(ids []string) bool {
	return slices.ContainsFunc(ids, func(id string) bool {
		return slices.ContainsFunc(o.in[id], func(i int) bool { return len(o.sets[i]) < len(ids) && holdsAll(ids, o.sets[i]) })
	})
}

// holdsAll reports whether set holds every one of ids.
func holdsAll(set, ids []string) bool {
	return !slices.ContainsFunc(ids, func(id string) bool { return !slices.Contains(set, id) })
}
