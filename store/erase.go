package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"dedupe/matcher"
)

// Erased is the answer to an erasure, and to any later read of the id.
type Erased struct {
	ID     string `json:"id"`
	Status string `json:"status"` // "erased"
}

// Erase erases a person on request (DESIGN.md, Erasure and export): the
// profile id names (or, for a tombstone, the profile it was merged into)
// and every tombstone merged into it. In one transaction, under the locks
// of their match keys:
//
//   - the profiles keep their ids and become status erased, with every
//     personal field, the address, the attributes and the search keys
//     emptied;
//   - their contact points are deleted, so their old email and mobile
//     match nobody and a later booking with them creates a new profile;
//   - their activities stay for the books (dates, source, external id,
//     amount and currency) with the rest of their payload cleared;
//   - the explanations of their ingestions, the details of the audit
//     events that name them (merge before-images included: those merges
//     can no longer be undone) and the evidence of the review candidates
//     that name them are scrubbed; open candidates close as stale;
//   - the erasure is an audit event without personal data, and a
//     profile.erased webhook event, followed by a review.closed event
//     for each candidate it closed.
//
// Erasing an erased profile again answers the same. Another tenant's id
// answers ErrNotFound.
func (s *Store) Erase(ctx context.Context, tenantID, actor, id string) (Erased, error) {
	if uuid.Validate(id) != nil {
		return Erased{}, ErrNotFound
	}
	now := s.Now()
	err := s.lockedTx(ctx, func(tx pgx.Tx) error {
		person, ids, err := erasedPerson(ctx, tx, tenantID, id)
		if err != nil || person == "" {
			return err
		}
		// The key locks an ingest takes: a booking of this person waits,
		// then finds nobody.
		if _, err := lockProfiles(ctx, tx, tenantID, ids, nil); err != nil {
			return err
		}
		// A merge that committed while this waited for the locks may have
		// merged the person into another profile, or another profile into
		// the person: read them again under the locks, and start over when
		// they changed, so that no profile of the person stays behind.
		if again, idsAgain, err := erasedPerson(ctx, tx, tenantID, id); err != nil {
			return err
		} else if again != person || !slices.Equal(idsAgain, ids) {
			return errKeysMoved
		}
		// The candidates naming them lose their evidence, and the open ones
		// close as stale, read back (in id order) so that each one closed
		// gets its review.closed event.
		rows, err := tx.Query(ctx, eraseCandidatesSQL, tenantID, ids, now)
		if err != nil {
			return err
		}
		type candidate struct {
			id         string
			profileIDs []string
		}
		closed, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (candidate, error) {
			var c candidate
			return c, r.Scan(&c.id, &c.profileIDs)
		})
		if err != nil {
			return err
		}
		b := &pgx.Batch{}
		b.Queue(`DELETE FROM contact_points WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])`, tenantID, ids)
		queueForgetSlips(b, tenantID, ids)
		b.Queue(`UPDATE profiles SET status = 'erased', merged_into = NULL, updated_at = $3, first_name = '', last_name = '',
			email = '', mobile = '', phone = '', birth_date = '', gender = '', locale = '', address = '{}', attributes = '{}', block_keys = '{}',
			search_keys = '{}' WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, tenantID, ids, now)
		queueSearchWords(b, tenantID, ids)
		b.Queue(`UPDATE activities SET details = jsonb_strip_nulls(jsonb_build_object(
				'amount_cents', details->'amount_cents', 'currency', details->'currency'))
			WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])`, tenantID, ids)
		// The ingestions that decided on these profiles: their own, and
		// those that queued them for review.
		b.Queue(eraseIngestionsSQL, tenantID, ids)
		// A merge's record keeps its ids (not personal data), so that the
		// merge history still shows it, as erased and not undoable.
		b.Queue(eraseAuditSQL, tenantID, ids)
		b.Queue(`INSERT INTO audit_events (tenant_id, at, actor, action, profile_ids, details)
			VALUES ($1, $2, $3, 'erased', $4, '{}')`, tenantID, now, actor, ids)
		queueEvent(b, tenantID, EventProfileErased, now, map[string]any{"profile_id": person, "erased_ids": ids})
		for _, c := range closed {
			queueEvent(b, tenantID, EventReviewClosed, now, map[string]any{"review_id": c.id, "profile_ids": c.profileIDs, "status": ReviewStale})
		}
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return Erased{}, fmt.Errorf("erase: %w", interpret(err))
	}
	return Erased{ID: id, Status: ProfileErased}, nil
}

// ErasureValues returns the contact values that say who the person an
// erasure of id would erase is, so that the bookings in the queue that
// hold them can be found (worker.Client.ForgetArchived) before the
// erasure deletes them: their emails and numbers, normalised, that are
// match keys by the tenant's policy, and the tenant's region, the one
// they were normalised in. A value that names nobody in particular
// (invalid, blocked, a placeholder, or held by more active profiles than
// the shared threshold, such as a family's landline) is left out: other
// customers' bookings may hold it. An erased person has none.
func (s *Store) ErasureValues(ctx context.Context, tenantID, id string) (values []string, region string, err error) {
	if uuid.Validate(id) != nil {
		return nil, "", ErrNotFound
	}
	person, ids, err := erasedPerson(ctx, s.pool, tenantID, id)
	if err != nil || person == "" {
		return nil, "", interpret(err)
	}
	t, err := tenant(ctx, s.pool, tenantID)
	if err != nil {
		return nil, "", err
	}
	rows, err := s.pool.Query(ctx, `SELECT cp.kind, cp.value, (SELECT count(DISTINCT o.profile_id) FROM contact_points o
			JOIN profiles p ON p.tenant_id = o.tenant_id AND p.id = o.profile_id
			WHERE o.tenant_id = $1 AND (o.kind = cp.kind OR o.kind <> 'email' AND cp.kind <> 'email') AND o.value = cp.value
				AND o.valid AND p.status = 'active')
		FROM contact_points cp WHERE cp.tenant_id = $1 AND cp.profile_id = ANY($2::uuid[]) AND cp.valid
		ORDER BY 2`, tenantID, ids)
	if err != nil {
		return nil, "", fmt.Errorf("erasure values: %w", interpret(err))
	}
	policy := t.Policy()
	var kind, value string
	var holders int
	_, err = pgx.ForEachRow(rows, []any{&kind, &value, &holders}, func() error {
		usable, _ := policy.Screen([]matcher.Key{{Kind: matcher.Field(kind), Value: value}})
		if len(usable) > 0 && !policy.TooShared(holders) && !slices.Contains(values, value) {
			values = append(values, value)
		}
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("erasure values: %w", interpret(err))
	}
	return values, t.Region, nil
}

// erasedPerson returns the person an erasure of id is about (id, or the
// profile a tombstone was merged into) and the ids of the person's
// profiles: the person and every tombstone merged into it, in id order.
// The person is "" when id is erased already.
func erasedPerson(ctx context.Context, q interface {
	querier
	rowQuerier
}, tenantID, id string) (string, []string, error) {
	var status string
	var mergedInto *string
	err := q.QueryRow(ctx, `SELECT status, merged_into FROM profiles WHERE tenant_id = $1 AND id = $2`, tenantID, id).
		Scan(&status, &mergedInto)
	if err != nil || status == ProfileErased {
		return "", nil, err
	}
	person := id
	if mergedInto != nil {
		person = *mergedInto
	}
	rows, err := q.Query(ctx, `SELECT id::text FROM profiles WHERE tenant_id = $1 AND (id = $2 OR (status = 'merged' AND merged_into = $2))
		ORDER BY id`, tenantID, person)
	if err != nil {
		return "", nil, err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return person, ids, err
}

// Export is everything held about a person (DESIGN.md, Erasure and
// export): the profile, its contact points with their dates, its
// attributes with when each was set, the profiles merged into it, its
// activities with their payloads, and its audit history.
type Export struct {
	ExportedAt     time.Time        `json:"exported_at"`
	Profile        Profile          `json:"profile"`
	ContactPoints  []ContactPoint   `json:"contact_points"`
	MergedProfiles []Profile        `json:"merged_profiles"`
	Activities     []ExportActivity `json:"activities"`
	History        []AuditEvent     `json:"history"`
}

// ExportActivity is one booking or sale of the person, with its payload
// as received.
type ExportActivity struct {
	ActivitySummary
	Details json.RawMessage `json:"details"`
}

// Export returns everything held about the person id names (a tombstone
// exports the person it was merged into).
func (s *Store) Export(ctx context.Context, tenantID, id string) (Export, error) {
	p, err := s.Profile(ctx, tenantID, id)
	if err != nil {
		return Export{}, err
	}
	if p.MergedInto != nil {
		if p, err = s.Profile(ctx, tenantID, *p.MergedInto); err != nil {
			return Export{}, err
		}
	}
	out := Export{ExportedAt: s.Now(), Profile: p}
	rows, err := s.pool.Query(ctx, `SELECT kind, value, valid, is_primary, first_seen, last_seen FROM contact_points
		WHERE tenant_id = $1 AND profile_id = $2 ORDER BY kind, first_seen, value`, tenantID, p.ID)
	if err == nil {
		out.ContactPoints, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (ContactPoint, error) {
			var c ContactPoint
			err := r.Scan(&c.Kind, &c.Value, &c.Valid, &c.Primary, &c.FirstSeen, &c.LastSeen)
			c.FirstSeen, c.LastSeen = c.FirstSeen.UTC(), c.LastSeen.UTC()
			return c, err
		})
	}
	if err != nil {
		return Export{}, fmt.Errorf("export contact points: %w", interpret(err))
	}
	if out.MergedProfiles, err = s.queryViews(ctx, ` WHERE p.tenant_id = $1 AND p.status = 'merged' AND p.merged_into = $2
		ORDER BY p.created_at, p.id`, tenantID, p.ID); err != nil {
		return Export{}, fmt.Errorf("export merged profiles: %w", err)
	}
	rows, err = s.pool.Query(ctx, `SELECT id, kind, source, external_id, occurred_at, details FROM activities
		WHERE tenant_id = $1 AND profile_id = $2 ORDER BY occurred_at, id`, tenantID, p.ID)
	if err == nil {
		out.Activities, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (ExportActivity, error) {
			var a ExportActivity
			err := r.Scan(&a.ID, &a.Kind, &a.Source, &a.ExternalID, &a.OccurredAt, &a.Details)
			a.OccurredAt = a.OccurredAt.UTC()
			return a, err
		})
	}
	if err != nil {
		return Export{}, fmt.Errorf("export activities: %w", interpret(err))
	}
	ids := []string{p.ID}
	for _, m := range out.MergedProfiles {
		ids = append(ids, m.ID)
	}
	rows, err = s.pool.Query(ctx, exportHistorySQL, tenantID, ids)
	if err == nil {
		out.History, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (AuditEvent, error) {
			var e AuditEvent
			err := r.Scan(&e.ID, &e.At, &e.Actor, &e.Action, &e.ProfileIDs, &e.IngestionID, &e.Details)
			e.At = e.At.UTC()
			return e, err
		})
	}
	if err != nil {
		return Export{}, fmt.Errorf("export history: %w", interpret(err))
	}
	out.History = nonNil(out.History)
	out.ContactPoints = nonNil(out.ContactPoints)
	out.MergedProfiles = nonNil(out.MergedProfiles)
	out.Activities = nonNil(out.Activities)
	return out, nil
}

// The statements that find what names an erased or exported person's
// profiles ($2). The candidates and audit events naming them are found by
// probing those tables' members (their GIN indexes), and the ingestions
// through the audit events and migration 32's indexes, each probe fenced
// (OFFSET 0), as heldByGroupSQL is: the planner has no other way in, even
// when the statistics say the tenant has none, and does not read every
// candidate, audit event or ingestion of the tenant.
const (
	// candidatesNamingSQL is the tenant's candidates that name them.
	candidatesNamingSQL = `SELECT m.id FROM (SELECT tenant_id, id FROM review_candidates WHERE profile_ids && $2::uuid[] OFFSET 0) AS m
		WHERE m.tenant_id = $1`
	// eraseCandidatesSQL scrubs the candidates naming them, locked in id
	// order, closes the open ones as stale and returns those, in id order.
	eraseCandidatesSQL = `WITH c AS MATERIALIZED (
			SELECT r.id, r.status = 'open' AS was_open FROM (` + candidatesNamingSQL + ` ORDER BY m.id) AS m
			CROSS JOIN LATERAL (SELECT id, status FROM review_candidates WHERE tenant_id = $1 AND id = m.id OFFSET 0 FOR UPDATE) AS r),
		u AS (
			UPDATE review_candidates r SET evidence = '[]', updated_at = $3,
				status = CASE WHEN r.status = 'open' THEN 'stale' ELSE r.status END
			WHERE r.tenant_id = $1 AND r.id = ANY (ARRAY(SELECT id FROM c))
			RETURNING r.id, r.profile_ids)
		SELECT u.id::text, u.profile_ids::text[] FROM u JOIN c USING (id) WHERE c.was_open ORDER BY u.id`
	// eraseIngestionsSQL scrubs the explanations of the ingestions that
	// decided on them (created or updated them, found by their audit
	// events; or found them recorded before, the duplicates) and of those
	// that queued them for review, each found through an index
	// (migration 32).
	eraseIngestionsSQL = `UPDATE ingestions SET explanation = '{"erased": true}'
		WHERE tenant_id = $1 AND id = ANY (ARRAY(
			SELECT a.ingestion_id FROM (SELECT tenant_id, ingestion_id FROM audit_events WHERE profile_ids && $2::uuid[] OFFSET 0) AS a
			WHERE a.tenant_id = $1 AND a.ingestion_id IS NOT NULL
			UNION SELECT i.id FROM (` + candidatesNamingSQL + `) AS c CROSS JOIN LATERAL (
				SELECT id FROM ingestions WHERE tenant_id = $1 AND review_id = c.id OFFSET 0) AS i
			UNION SELECT i.id FROM unnest($2::uuid[]) AS p(id) CROSS JOIN LATERAL (
				SELECT id FROM ingestions WHERE tenant_id = $1 AND decision = 'duplicate' AND profile_id = p.id OFFSET 0) AS i))`
	// auditNamingSQL is the tenant's audit events that name them.
	auditNamingSQL = `SELECT e.id FROM (SELECT tenant_id, id FROM audit_events WHERE profile_ids && $2::uuid[] OFFSET 0) AS e
		WHERE e.tenant_id = $1`
	// eraseAuditSQL scrubs the details of the audit events naming them,
	// all but a merge's ids.
	eraseAuditSQL = `UPDATE audit_events a SET details = jsonb_strip_nulls(jsonb_build_object('erased', true,
			'merge_id', a.details->'merge_id', 'kind', a.details->'kind', 'survivor_id', a.details->'survivor_id',
			'merged_ids', a.details->'merged_ids'))
		WHERE a.tenant_id = $1 AND a.id = ANY (ARRAY(` + auditNamingSQL + `))`
	// exportHistorySQL reads the audit events naming them, oldest first.
	exportHistorySQL = `SELECT a.id, a.at, a.actor, a.action, a.profile_ids, a.ingestion_id, a.details
		FROM (` + auditNamingSQL + `) AS n CROSS JOIN LATERAL (
			SELECT * FROM audit_events WHERE tenant_id = $1 AND id = n.id OFFSET 0) AS a
		ORDER BY a.at, a.id`
)

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
