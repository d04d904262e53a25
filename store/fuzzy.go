package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"dedupe/matcher"
)

// maxFuzzyPerSign bounds each fuzzy look-up, so a very common name costs
// the same as a rare one.
const maxFuzzyPerSign = 50

// FuzzyCandidates looks for near-duplicates of one active profile in its
// tenant (similar names and emails by trigrams, the same mailbox once
// provider tricks are removed, a mobile one digit apart, the same birth
// date) and opens a review candidate, with a score and the evidence, for
// each close one. It returns how many candidates it opened or fed. It runs
// off the hot path, from a low-priority task or a scan.
func (s *Store) FuzzyCandidates(ctx context.Context, tenantID, profileID string) (int, error) {
	var nameKey, first, birth string
	var emails, canonical, mobiles []string
	err := s.pool.QueryRow(ctx, `SELECT p.name_key, p.first_name, p.birth_date,
		coalesce(array_agg(c.value) FILTER (WHERE c.kind = 'email' AND c.valid), '{}'),
		coalesce(array_agg(c.canonical) FILTER (WHERE c.kind = 'email' AND c.valid), '{}'),
		coalesce(array_agg(c.value) FILTER (WHERE c.kind = 'mobile' AND c.valid), '{}')
		FROM profiles p LEFT JOIN contact_points c ON c.tenant_id = p.tenant_id AND c.profile_id = p.id
		WHERE p.tenant_id = $1 AND p.id = $2 AND p.status = 'active'
		GROUP BY p.tenant_id, p.id`, tenantID, profileID).Scan(&nameKey, &first, &birth, &emails, &canonical, &mobiles)
	if err != nil {
		return 0, fmt.Errorf("fuzzy: load profile: %w", interpret(err))
	}
	var variants []string
	for _, m := range mobiles {
		variants = append(variants, matcher.PhoneVariants(m)...)
	}

	evidence := map[string]*matcher.Evidence{}
	get := func(id string) *matcher.Evidence {
		if evidence[id] == nil {
			evidence[id] = &matcher.Evidence{}
		}
		return evidence[id]
	}
	b := &pgx.Batch{}
	// The name look-up asks the trigram index for names at least
	// matcher.SimilarName alike, not pg_trgm's default 0.3: every fuzzy
	// rule but the same mailbox (found below, by its own look-up) needs
	// that much, so nothing under it could become a candidate, and on a
	// large file the default made the index return most of the people
	// sharing a common surname (docs/performance.md). SET LOCAL needs the
	// transaction; the email look-up goes back to the default.
	b.Queue(`BEGIN READ ONLY`)
	b.Queue(fmt.Sprintf(`SET LOCAL pg_trgm.similarity_threshold = %g`, matcher.SimilarName))
	b.Queue(`SELECT id FROM profiles WHERE tenant_id = $1 AND status = 'active' AND id <> $2 AND $3 <> '' AND name_key % $3
		ORDER BY similarity(name_key, $3) DESC LIMIT $4`, tenantID, profileID, nameKey, maxFuzzyPerSign)
	b.Queue(`SET LOCAL pg_trgm.similarity_threshold TO DEFAULT`)
	// Local parts only: a shared domain is no sign of one person, and on
	// whole addresses the index would match most of the file.
	b.Queue(`SELECT profile_id, max(similarity(split_part(value, '@', 1), split_part(e, '@', 1)))
		FROM contact_points, unnest($3::text[]) AS e
		WHERE tenant_id = $1 AND kind = 'email' AND valid AND split_part(value, '@', 1) % split_part(e, '@', 1) AND profile_id <> $2
		GROUP BY profile_id ORDER BY 2 DESC LIMIT $4`, tenantID, profileID, emails, maxFuzzyPerSign)
	b.Queue(`SELECT DISTINCT profile_id FROM contact_points
		WHERE tenant_id = $1 AND canonical = ANY($3) AND NOT value = ANY($4) AND profile_id <> $2 LIMIT $5`,
		tenantID, profileID, canonical, emails, maxFuzzyPerSign)
	b.Queue(`SELECT DISTINCT profile_id FROM contact_points
		WHERE tenant_id = $1 AND kind = 'mobile' AND valid AND value = ANY($3) AND profile_id <> $2 LIMIT $4`,
		tenantID, profileID, variants, maxFuzzyPerSign)
	b.Queue(`COMMIT`)
	br := s.pool.SendBatch(ctx, b)
	err = func() error {
		defer br.Close()
		for range 2 { // BEGIN, SET
			if _, err := br.Exec(); err != nil {
				return err
			}
		}
		var id string
		if _, err := pgx.ForEachRow(mustRows(br), []any{&id}, func() error { get(id); return nil }); err != nil {
			return err
		}
		if _, err := br.Exec(); err != nil { // SET back
			return err
		}
		var sim float64
		if _, err := pgx.ForEachRow(mustRows(br), []any{&id, &sim}, func() error { get(id).EmailSimilarity = sim; return nil }); err != nil {
			return err
		}
		if _, err := pgx.ForEachRow(mustRows(br), []any{&id}, func() error { get(id).SameMailbox = true; return nil }); err != nil {
			return err
		}
		if _, err := pgx.ForEachRow(mustRows(br), []any{&id}, func() error { get(id).PhoneOneSlip = true; return nil }); err != nil {
			return err
		}
		_, err := br.Exec() // COMMIT
		return err
	}()
	if err != nil {
		return 0, fmt.Errorf("fuzzy: search: %w", interpret(err))
	}
	if len(evidence) == 0 {
		return 0, nil
	}

	ids := make([]string, 0, len(evidence))
	for id := range evidence {
		ids = append(ids, id)
	}
	rows, err := s.pool.Query(ctx, `SELECT id, similarity(name_key, $3), first_name, birth_date FROM profiles
		WHERE tenant_id = $1 AND id = ANY($2) AND status = 'active'`, tenantID, ids, nameKey)
	if err != nil {
		return 0, fmt.Errorf("fuzzy: names: %w", interpret(err))
	}
	type scored struct {
		id, reason string
		score      float64
		e          matcher.Evidence
	}
	var near []scored
	var id, otherFirst, otherBirth string
	var sim float64
	_, err = pgx.ForEachRow(rows, []any{&id, &sim, &otherFirst, &otherBirth}, func() error {
		e := evidence[id]
		e.NameSimilarity = sim
		e.FirstNamesCompatible = first != "" && otherFirst != "" && matcher.NamesCompatible(first, otherFirst)
		e.SameBirthDate = matcher.ValidBirthDate(birth) && birth == otherBirth
		if score, reason, ok := matcher.FuzzyScore(*e); ok {
			near = append(near, scored{id, reason, score, *e})
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("fuzzy: names: %w", interpret(err))
	}
	now := s.Now()
	for _, c := range near {
		_, _, err := openCandidate(ctx, s.pool, tenantID, []string{profileID, c.id}, "fuzzy: "+c.reason, c.score,
			map[string]any{"rule": "fuzzy", "profile_id": profileID, "evidence": c.e}, now, true)
		if err != nil {
			return 0, interpret(err)
		}
	}
	return len(near), nil
}

// mustRows returns the next batch result as rows; an error surfaces from
// the rows themselves.
func mustRows(br pgx.BatchResults) pgx.Rows {
	rows, _ := br.Query()
	return rows
}
