package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"dedupe/matcher"
)

// ScanReport sums up a scan of a tenant's customer file.
type ScanReport struct {
	ExactGroups int // groups of profiles sharing an email or mobile
	Fuzzy       int // near-duplicate pairs proposed
	Profiles    int // profiles passed by the fuzzy phase in this run
}

// scanPage is how many profiles the fuzzy phase handles between two
// checkpoints.
const scanPage = 200

// Scan finds the duplicate groups in a tenant's whole customer file and
// fills the review queue: first every email or mobile held by several
// active profiles (but not by more than the tenant's shared threshold, and
// not a placeholder or blocked value), then a fuzzy search from every
// active profile. It streams, and records its place after every page, so a
// scan that stops resumes where it was; a finished scan starts again from
// the beginning. Re-proposing a group adds evidence to its open candidate
// and never duplicates it.
func (s *Store) Scan(ctx context.Context, tenantID string, progress func(ScanReport)) (ScanReport, error) {
	var rep ScanReport
	t, err := tenant(ctx, s.pool, tenantID)
	if err != nil {
		return rep, err
	}
	policy := t.Policy()
	var phase string
	var last *string
	err = s.pool.QueryRow(ctx, `INSERT INTO scans (tenant_id, updated_at) VALUES ($1, $2)
		ON CONFLICT (tenant_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id
		RETURNING phase, last_profile`, tenantID, s.Now()).Scan(&phase, &last)
	if err != nil {
		return rep, fmt.Errorf("scan checkpoint: %w", interpret(err))
	}
	if phase == "exact" {
		if rep.ExactGroups, err = s.scanExact(ctx, tenantID, policy); err != nil {
			return rep, err
		}
		if err := s.scanCheckpoint(ctx, tenantID, "fuzzy", nil); err != nil {
			return rep, err
		}
		last = nil
		if progress != nil {
			progress(rep)
		}
	}
	for {
		var ids []string
		rows, err := s.pool.Query(ctx, `SELECT id FROM profiles WHERE tenant_id = $1 AND status = 'active'
			AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $3`, tenantID, last, scanPage)
		if err == nil {
			ids, err = pgx.CollectRows(rows, pgx.RowTo[string])
		}
		if err != nil {
			return rep, fmt.Errorf("scan: %w", interpret(err))
		}
		if len(ids) == 0 {
			break
		}
		for _, id := range ids {
			n, err := s.FuzzyCandidates(ctx, tenantID, id)
			if err != nil {
				return rep, err
			}
			rep.Fuzzy += n
			rep.Profiles++
		}
		last = &ids[len(ids)-1]
		if err := s.scanCheckpoint(ctx, tenantID, "fuzzy", last); err != nil {
			return rep, err
		}
		if progress != nil {
			progress(rep)
		}
	}
	return rep, s.scanCheckpoint(ctx, tenantID, "exact", nil)
}

func (s *Store) scanCheckpoint(ctx context.Context, tenantID, phase string, last *string) error {
	_, err := s.pool.Exec(ctx, `UPDATE scans SET phase = $2, last_profile = $3, updated_at = $4 WHERE tenant_id = $1`,
		tenantID, phase, last, s.Now())
	if err != nil {
		return fmt.Errorf("scan checkpoint: %w", interpret(err))
	}
	return nil
}

// scanExact opens a candidate for every email or mobile that several
// active profiles hold. It streams the groups.
func (s *Store) scanExact(ctx context.Context, tenantID string, policy matcher.Policy) (int, error) {
	rows, err := s.pool.Query(ctx, `SELECT cp.kind, cp.value, array_agg(cp.profile_id ORDER BY cp.profile_id)
		FROM contact_points cp JOIN profiles p ON p.tenant_id = cp.tenant_id AND p.id = cp.profile_id AND p.status = 'active'
		WHERE cp.tenant_id = $1 AND cp.valid AND cp.kind IN ('email', 'mobile')
		GROUP BY cp.kind, cp.value
		HAVING count(*) BETWEEN 2 AND $2`, tenantID, policy.Threshold())
	if err != nil {
		return 0, fmt.Errorf("scan exact: %w", interpret(err))
	}
	// Stream the groups, writing each candidate on a second connection.
	now := s.Now()
	n := 0
	var key matcher.Key
	var ids []string
	_, err = pgx.ForEachRow(rows, []any{&key.Kind, &key.Value, &ids}, func() error {
		if usable, _ := policy.Screen([]matcher.Key{key}); len(usable) == 0 {
			return nil
		}
		n++
		_, _, err := openCandidate(ctx, s.pool, tenantID, ids, "scan: shared "+string(key.Kind), 1,
			map[string]any{"rule": "scan_exact", "kind": key.Kind}, now, true)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("scan exact: %w", interpret(err))
	}
	return n, nil
}
