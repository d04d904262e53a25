package store

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"dedupe/matcher"
)

// Merge kinds, as audit records and the dedupe_merges_total metric name them.
const (
	MergeKindReview = "review" // a review candidate merged by a person
	MergeKindManual = "manual" // any profiles merged without a candidate
	MergeKindUndo   = "undo"   // a merge undone
)

// Audit actions of the human review.
const (
	ActionMerged  = "merged"
	ActionIgnored = "ignored"
	ActionUndone  = "undone"
)

// ConflictError is an ErrConflict that says why, in words fit for the
// person who asked: the profile was merged already, the survivor changed
// since the merge, the review is closed.
type ConflictError struct{ Reason string }

// Error returns the reason.
func (e *ConflictError) Error() string { return e.Reason }

// Is makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

func conflictf(format string, args ...any) error {
	return &ConflictError{Reason: fmt.Sprintf(format, args...)}
}

// MergeRequest asks to merge 2..N profiles of one tenant into one.
type MergeRequest struct {
	TenantID string
	// Actor is who asks: the token's label, kept in the audit record.
	Actor string
	// ReviewID is the review candidate being merged; its profiles are the
	// ones merged and ProfileIDs is ignored. Empty for a manual merge.
	ReviewID string
	// ProfileIDs are the profiles of a manual merge, survivor included.
	ProfileIDs []string
	// SurvivorID is the profile that stays; empty means the first-created.
	SurvivorID string
	// Picks names, field by field ("first_name", "attributes.<key>"), the
	// profile whose value the merged profile keeps.
	Picks map[matcher.Field]string
	// DryRun carries the merge out and rolls it back: the result shows
	// what it would keep, and nothing changes.
	DryRun bool
}

// MergeResult is a merge that was carried out.
type MergeResult struct {
	MergeID   string   `json:"merge_id,omitempty"`
	Profile   Profile  `json:"profile"`
	MergedIDs []string `json:"merged_ids"`
	// Kept is every value the merged profile keeps, and why.
	Kept []matcher.Kept `json:"kept"`
	// DryRun says nothing was changed: the merge was only tried.
	DryRun bool `json:"dry_run,omitempty"`
}

// errDryRun rolls a dry run's transaction back.
var errDryRun = errors.New("dry run")

// mergeRecord is the details of a 'merged' audit event: what was asked,
// what won, and the before-image of every profile involved, from which
// UndoMerge restores them. It is a stored format: add fields, never rename.
type mergeRecord struct {
	MergeID       string                   `json:"merge_id"`
	Kind          string                   `json:"kind"`
	ReviewID      string                   `json:"review_id,omitempty"`
	SurvivorID    string                   `json:"survivor_id"`
	MergedIDs     []string                 `json:"merged_ids"`
	Picks         map[matcher.Field]string `json:"picks,omitempty"`
	From          map[matcher.Field]string `json:"from"`
	AttributeFrom map[string]string        `json:"attribute_from"`
	Before        []profileImage           `json:"before"`
	After         profileRow               `json:"after"`
	// AfterContactPoints and AfterActivities are the survivor's contact
	// points and number of activities just after the merge: an undo
	// refuses when either moved since (records older than them fall back
	// to the activities' timestamps).
	AfterContactPoints []contactRow      `json:"after_contact_points,omitempty"`
	AfterActivities    *int              `json:"after_activity_count,omitempty"`
	Candidates         []candidateChange `json:"candidates,omitempty"`
	// Repointed lists the older tombstones that named a merged profile
	// and name the survivor since.
	Repointed []repointed `json:"repointed,omitempty"`
	// CarriedIgnored are the pairs a reviewer dismissed with a merged
	// profile, given to the survivor (carryIgnoredPairs); an undo takes
	// them back.
	CarriedIgnored []ignoredPair `json:"carried_ignored,omitempty"`
	// Erased is set when a profile of the merge was erased: the record
	// then keeps only the merge's kind and ids (none, if erased before
	// they were kept).
	Erased bool `json:"erased,omitempty"`
}

// profileImage is one profile as it was before a merge: its row, its
// contact points, and the activities the merge moved off it.
type profileImage struct {
	Profile       profileRow   `json:"profile"`
	ContactPoints []contactRow `json:"contact_points"`
	MovedActivity []string     `json:"moved_activity_ids"`
}

// contactRow is every column of a contact_points row but tenant_id.
type contactRow struct {
	Kind      string    `json:"kind"`
	Value     string    `json:"value"`
	ProfileID string    `json:"profile_id"`
	Valid     bool      `json:"valid"`
	Primary   bool      `json:"is_primary"`
	Canonical *string   `json:"canonical"`
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
}

// candidateChange is what a merge did to a review candidate, so an undo
// can put it back.
type candidateChange struct {
	ID     string         `json:"id"`
	Before candidateState `json:"before"`
	After  candidateState `json:"after"`
}

type candidateState struct {
	Status     string    `json:"status"`
	ProfileIDs []string  `json:"profile_ids"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// errKeysMoved says that a profile gained a contact value between reading
// the lock keys and holding the locks: the transaction starts over, now
// knowing the value, rather than take a lock out of order.
var errKeysMoved = errors.New("contact points changed while locking")

// lockAttempts bounds the start-overs of errKeysMoved.
const lockAttempts = 5

// lockedTx runs f in a transaction, starting over when f reports that the
// keys it locked were not all the keys.
func (s *Store) lockedTx(ctx context.Context, f func(tx pgx.Tx) error) error {
	var err error
	for range lockAttempts {
		err = pgx.BeginFunc(ctx, s.pool, f)
		if !errors.Is(err, errKeysMoved) {
			return err
		}
	}
	return err
}

// keysSQL reads the values of profiles an ingest may look a customer up
// by, and so locks first: valid emails, mobiles and phones. A phone is
// locked as a mobile, the key a definite mobile is whichever kind holds it
// (matcher.Key.Kinds); a landline locked so only makes a booking with it
// in its mobile column wait.
const keysSQL = `SELECT DISTINCT CASE kind WHEN 'phone' THEN 'mobile' ELSE kind END, value FROM contact_points
	WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[]) AND valid AND kind IN ('email', 'mobile', 'phone')`

// contactKeys returns the advisory lock keys of the profiles' match keys,
// plus those of extra (kind, value) pairs, ascending, as keysSQL reads
// them, and those of the profiles themselves (profileLockKey), which a
// candidate opened outside the ingest waits for (openCandidate).
func contactKeys(ctx context.Context, tx pgx.Tx, tenantID string, ids []string, extra []contactRow) ([]int64, error) {
	rows, err := tx.Query(ctx, keysSQL, tenantID, ids)
	if err != nil {
		return nil, err
	}
	pairs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) ([2]string, error) {
		var p [2]string
		return p, r.Scan(&p[0], &p[1])
	})
	if err != nil {
		return nil, fmt.Errorf("read lock keys: %w", err)
	}
	for _, c := range extra {
		switch {
		case c.Valid && (c.Kind == "email" || c.Kind == "mobile"):
			pairs = append(pairs, [2]string{c.Kind, c.Value})
		case c.Valid && c.Kind == "phone":
			pairs = append(pairs, [2]string{"mobile", c.Value})
		}
	}
	keys := make([]int64, 0, len(pairs)+len(ids))
	for _, p := range pairs {
		keys = append(keys, lockKey(tenantID, p[0], p[1]))
	}
	for _, id := range ids {
		keys = append(keys, profileLockKey(tenantID, id))
	}
	slices.Sort(keys)
	return slices.Compact(keys), nil
}

// lockProfiles takes the locks a merge or an undo needs, in the order an
// ingest takes them, so that neither deadlocks and an ingest for one of
// the profiles' keys waits and then sees the result:
//
//  1. the advisory locks of the profiles' match keys (and extra ones)
//     and of the profiles themselves, ascending, in one statement;
//  2. the profile rows, FOR UPDATE, ordered by (created_at, id).
//
// It returns the rows in that order; ids not in the tenant answer
// ErrNotFound. When a profile gained a key in between, it answers
// errKeysMoved and the caller starts over.
func lockProfiles(ctx context.Context, tx pgx.Tx, tenantID string, ids []string, extra []contactRow) ([]profileRow, error) {
	keys, err := contactKeys(ctx, tx, tenantID, ids, extra)
	if err != nil {
		return nil, err
	}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k`, keys); err != nil {
		return nil, fmt.Errorf("lock keys: %w", err)
	}
	rows, err := tx.Query(ctx, `SELECT `+profileColumns+` FROM profiles p
		WHERE p.tenant_id = $1 AND p.id = ANY($2::uuid[]) ORDER BY p.created_at, p.id FOR UPDATE`, tenantID, ids)
	if err != nil {
		return nil, err
	}
	profiles, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (profileRow, error) { return scanProfile(r) })
	if err != nil {
		return nil, fmt.Errorf("lock profiles: %w", err)
	}
	if len(profiles) != len(ids) {
		return nil, fmt.Errorf("%w: a profile is not in this tenant", ErrNotFound)
	}
	again, err := contactKeys(ctx, tx, tenantID, ids, extra)
	if err != nil {
		return nil, err
	}
	for _, k := range again {
		if _, found := slices.BinarySearch(keys, k); !found {
			return nil, errKeysMoved
		}
	}
	return profiles, nil
}

// Merge merges 2..N profiles of a tenant into one, in one transaction, by
// DESIGN.md's merge rules (matcher.PlanMerge): the survivor takes the
// picked values, every contact point and activity of the others, and the
// oldest created_at; the others become tombstones (status merged,
// merged_into the survivor); open candidates naming them are re-pointed to
// the survivor or closed as stale; a merged review candidate becomes
// merged. The audit record keeps a before-image of every profile, from
// which UndoMerge restores them.
//
// Ids of another tenant answer ErrNotFound; a profile merged already, or a
// review no longer open, a ConflictError; a request matcher refuses, a
// *matcher.MergeError.
func (s *Store) Merge(ctx context.Context, req MergeRequest) (MergeResult, error) {
	var out MergeResult
	err := s.lockedTx(ctx, func(tx pgx.Tx) error {
		var err error
		if out, err = s.merge(ctx, tx, req); err != nil {
			return err
		}
		// Read the merged profile as the API shows it, in the transaction
		// (a dry run rolls back after).
		ps, err := queryViews(ctx, tx, ` WHERE p.tenant_id = $1 AND p.id = $2`, req.TenantID, out.Profile.ID)
		if err != nil {
			return err
		}
		out.Profile = ps[0]
		if req.DryRun {
			out.MergeID, out.DryRun = "", true
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return MergeResult{}, fmt.Errorf("merge: %w", interpret(err))
	}
	return out, nil
}

func (s *Store) merge(ctx context.Context, tx pgx.Tx, req MergeRequest) (MergeResult, error) {
	now := s.Now()
	rec := mergeRecord{MergeID: uuid.NewString(), Kind: MergeKindManual, Picks: req.Picks}
	if req.ReviewID != "" {
		rec.Kind, rec.ReviewID = MergeKindReview, req.ReviewID
	}
	profiles, err := lockMerge(ctx, tx, req)
	if err != nil {
		return MergeResult{}, err
	}
	ids := make([]string, len(profiles))
	domain := make([]matcher.Profile, len(profiles))
	for i, p := range profiles {
		ids[i], domain[i] = p.ID, p.Profile
	}
	t, err := tenant(ctx, tx, req.TenantID)
	if err != nil {
		return MergeResult{}, err
	}
	plan, err := matcher.PlanMerge(domain, req.SurvivorID, req.Picks, t.AttributeRules)
	if err != nil {
		return MergeResult{}, err
	}
	merged := plan.Profile
	merged.UpdatedAt = now
	rec.SurvivorID, rec.MergedIDs, rec.From, rec.AttributeFrom = plan.Survivor, plan.Merged, plan.From, plan.AttributeFrom

	// The profiles as they were, for the undo: with their contact points
	// and the activities the merge moves.
	cps, err := contactRows(ctx, tx, req.TenantID, ids)
	if err != nil {
		return MergeResult{}, err
	}
	moved, err := moveActivities(ctx, tx, req.TenantID, plan.Merged, plan.Survivor)
	if err != nil {
		return MergeResult{}, err
	}
	for _, p := range profiles {
		img := profileImage{Profile: p, ContactPoints: []contactRow{}, MovedActivity: moved[p.ID]}
		for _, c := range cps {
			if c.ProfileID == p.ID {
				img.ContactPoints = append(img.ContactPoints, c)
			}
		}
		if img.MovedActivity == nil {
			img.MovedActivity = []string{}
		}
		rec.Before = append(rec.Before, img)
	}

	b := &pgx.Batch{}
	// All contact points go to the survivor; a value two profiles share
	// folds into one row, first seen at the earliest, last seen at the
	// latest.
	b.Queue(`INSERT INTO contact_points (tenant_id, kind, value, profile_id, valid, is_primary, canonical, first_seen, last_seen)
		SELECT $1, kind, value, $3, bool_or(valid), false, max(canonical), min(first_seen), max(last_seen)
		FROM contact_points WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])
		GROUP BY kind, value
		ON CONFLICT (tenant_id, kind, value, profile_id) DO UPDATE SET
			valid = contact_points.valid OR EXCLUDED.valid,
			first_seen = least(contact_points.first_seen, EXCLUDED.first_seen),
			last_seen = greatest(contact_points.last_seen, EXCLUDED.last_seen)`,
		req.TenantID, plan.Merged, plan.Survivor)
	b.Queue(`DELETE FROM contact_points WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])`, req.TenantID, plan.Merged)
	queueRestoreProfile(b, t, profileRow{Profile: merged, Status: ProfileActive})
	queueContactPoints(b, req.TenantID, merged, nil, now, true) // primary flags follow the merged values
	b.Queue(`UPDATE profiles SET status = 'merged', merged_into = $3, updated_at = $4
		WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, req.TenantID, plan.Merged, plan.Survivor, now)
	queueSearchWords(b, req.TenantID, ids)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return MergeResult{}, fmt.Errorf("write merge: %w", err)
	}
	if err := recordMerge(ctx, tx, req, &rec, now); err != nil {
		return MergeResult{}, err
	}
	return MergeResult{MergeID: rec.MergeID, Profile: Profile{ID: plan.Survivor}, MergedIDs: plan.Merged, Kept: plan.Kept}, nil
}

// lockMerge checks and locks the profiles a merge takes: the review
// candidate's (which must be open, and still be after the locks) or the
// request's, at least two, each named once and active.
func lockMerge(ctx context.Context, tx pgx.Tx, req MergeRequest) ([]profileRow, error) {
	ids := req.ProfileIDs
	var review candidateState
	if req.ReviewID != "" {
		var err error
		// Read without a lock: an ingest adding evidence to this candidate
		// holds key locks we are about to wait for.
		if review, err = candidate(ctx, tx, req.TenantID, req.ReviewID, false); err != nil {
			return nil, err
		}
		if review.Status != ReviewOpen {
			return nil, conflictf("review %s is %s, not open: it cannot be merged", req.ReviewID, review.Status)
		}
		ids = review.ProfileIDs
	}
	for _, id := range ids {
		if uuid.Validate(id) != nil {
			return nil, fmt.Errorf("%w: profile %q", ErrNotFound, id)
		}
	}
	if len(setOf(ids)) != len(ids) {
		return nil, &matcher.MergeError{Field: "merged_ids", Message: "a profile is named twice"}
	}
	if len(ids) < 2 {
		return nil, &matcher.MergeError{Field: "merged_ids", Message: "a merge needs at least two profiles"}
	}
	profiles, err := lockProfiles(ctx, tx, req.TenantID, ids, nil)
	if err != nil {
		return nil, err
	}
	for _, p := range profiles {
		switch p.Status {
		case ProfileActive:
		case ProfileErased:
			return nil, conflictf("profile %s was erased: it cannot be merged", p.ID)
		default:
			return nil, conflictf("profile %s is already merged into %s", p.ID, deref(p.MergedInto))
		}
	}
	if req.ReviewID != "" {
		now, err := candidate(ctx, tx, req.TenantID, req.ReviewID, true)
		if err != nil {
			return nil, err
		}
		if now.Status != ReviewOpen || !slices.Equal(now.ProfileIDs, review.ProfileIDs) {
			return nil, conflictf("review %s changed while merging (it is %s); look at it again", req.ReviewID, now.Status)
		}
	}
	return profiles, nil
}

// recordMerge finishes a merge whose profiles are written: the tombstones
// that named a merged profile name the survivor, the review candidates
// are re-pointed or closed, and rec, completed with the survivor as the
// merge left it, becomes the audit event that undo reads, with the
// webhook events.
func recordMerge(ctx context.Context, tx pgx.Tx, req MergeRequest, rec *mergeRecord, now time.Time) error {
	rows, err := tx.Query(ctx, `WITH old AS (
			SELECT id, merged_into FROM profiles
			WHERE tenant_id = $1 AND status = 'merged' AND merged_into = ANY($2::uuid[]) FOR UPDATE)
		UPDATE profiles p SET merged_into = $3 FROM old WHERE p.tenant_id = $1 AND p.id = old.id
		RETURNING p.id, old.merged_into`, req.TenantID, rec.MergedIDs, rec.SurvivorID)
	if err != nil {
		return fmt.Errorf("re-point tombstones: %w", err)
	}
	if rec.Repointed, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (repointed, error) {
		var x repointed
		return x, r.Scan(&x.ID, &x.Was)
	}); err != nil {
		return fmt.Errorf("re-point tombstones: %w", err)
	}

	after, err := scanProfile(tx.QueryRow(ctx, `SELECT `+profileColumns+` FROM profiles p WHERE p.tenant_id = $1 AND p.id = $2`,
		req.TenantID, rec.SurvivorID))
	if err != nil {
		return fmt.Errorf("read merged profile: %w", err)
	}
	rec.After = after
	if rec.AfterContactPoints, err = contactRows(ctx, tx, req.TenantID, []string{rec.SurvivorID}); err != nil {
		return err
	}
	var activities int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM activities WHERE tenant_id = $1 AND profile_id = $2`,
		req.TenantID, rec.SurvivorID).Scan(&activities); err != nil {
		return fmt.Errorf("count activities: %w", err)
	}
	rec.AfterActivities = &activities
	if rec.CarriedIgnored, err = carryIgnoredPairs(ctx, tx, req.TenantID, rec.MergedIDs, rec.SurvivorID, now); err != nil {
		return err
	}
	if rec.Candidates, err = repointCandidates(ctx, tx, req.TenantID, req.ReviewID, rec.MergedIDs, rec.SurvivorID, now); err != nil {
		return err
	}
	b := &pgx.Batch{}
	b.Queue(`INSERT INTO audit_events (tenant_id, at, actor, action, profile_ids, details)
		VALUES ($1, $2, $3, 'merged', $4, $5)`,
		req.TenantID, now, req.Actor, append([]string{rec.SurvivorID}, rec.MergedIDs...), *rec)
	queueEvent(b, req.TenantID, EventProfileMerged, now, map[string]any{"profile_id": rec.SurvivorID, "survivor_id": rec.SurvivorID,
		"merged_ids": rec.MergedIDs, "merge_id": rec.MergeID, "changed_fields": mergeChangedFields(rec.Before, after)})
	for _, c := range rec.Candidates {
		if c.After.Status != ReviewOpen {
			queueEvent(b, req.TenantID, EventReviewClosed, now, map[string]any{"review_id": c.ID, "profile_ids": c.Before.ProfileIDs, "status": c.After.Status})
		}
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("record merge: %w", err)
	}
	return nil
}

// ignoredPair is a pair of profiles a reviewer said are two people (a < b).
type ignoredPair struct {
	A string `json:"a"`
	B string `json:"b"`
}

// carryIgnoredPairs gives the survivor of a merge the pairs a reviewer
// dismissed with a profile merged into it: x and b are two people, and x
// is now the survivor, so the survivor and b are two people, and no
// candidate holds them together again (withoutIgnoredPairs). It returns
// the pairs it added, for the undo to take back.
func carryIgnoredPairs(ctx context.Context, tx pgx.Tx, tenantID string, merged []string, survivor string, now time.Time) ([]ignoredPair, error) {
	rows, err := tx.Query(ctx, `INSERT INTO ignored_pairs (tenant_id, a, b, created_at)
		SELECT DISTINCT $1::uuid, least($3::uuid, other), greatest($3::uuid, other), $4::timestamptz FROM (
			SELECT CASE WHEN a = ANY($2::uuid[]) THEN b ELSE a END AS other FROM ignored_pairs
			WHERE tenant_id = $1 AND (a = ANY($2::uuid[]) OR b = ANY($2::uuid[]))) AS x
		WHERE other <> $3::uuid AND NOT other = ANY($2::uuid[])
		ON CONFLICT DO NOTHING RETURNING a, b`, tenantID, merged, survivor, now)
	if err != nil {
		return nil, fmt.Errorf("carry ignored pairs: %w", err)
	}
	pairs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (ignoredPair, error) {
		var p ignoredPair
		return p, r.Scan(&p.A, &p.B)
	})
	if err != nil {
		return nil, fmt.Errorf("carry ignored pairs: %w", err)
	}
	return pairs, nil
}

// repointed is a tombstone a merge made name the new survivor, and the
// profile it named before, for the undo.
type repointed struct {
	ID  string `json:"id"`
	Was string `json:"was"`
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// contactRows reads every contact point of the profiles.
func contactRows(ctx context.Context, tx pgx.Tx, tenantID string, ids []string) ([]contactRow, error) {
	rows, err := tx.Query(ctx, `SELECT kind, value, profile_id, valid, is_primary, canonical, first_seen, last_seen
		FROM contact_points WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[]) ORDER BY profile_id, kind, value`, tenantID, ids)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (contactRow, error) {
		var c contactRow
		err := r.Scan(&c.Kind, &c.Value, &c.ProfileID, &c.Valid, &c.Primary, &c.Canonical, &c.FirstSeen, &c.LastSeen)
		c.FirstSeen, c.LastSeen = c.FirstSeen.UTC(), c.LastSeen.UTC()
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("read contact points: %w", err)
	}
	return out, nil
}

// moveActivities moves every activity of from onto to and returns the
// moved ids by the profile they came from.
func moveActivities(ctx context.Context, tx pgx.Tx, tenantID string, from []string, to string) (map[string][]string, error) {
	rows, err := tx.Query(ctx, `WITH moved AS (
			SELECT id, profile_id FROM activities WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[]) FOR UPDATE)
		UPDATE activities a SET profile_id = $3 FROM moved
		WHERE a.tenant_id = $1 AND a.id = moved.id
		RETURNING a.id, moved.profile_id`, tenantID, from, to)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	var id, was string
	_, err = pgx.ForEachRow(rows, []any{&id, &was}, func() error {
		out[was] = append(out[was], id)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("move activities: %w", err)
	}
	for _, ids := range out {
		slices.Sort(ids)
	}
	return out, nil
}

// queueRestoreProfile writes every column of a profile row, and files
// the words of its name under their slips; its caller rewrites its
// search_words rows after.
func queueRestoreProfile(b *pgx.Batch, t Tenant, p profileRow) {
	tenantID := t.ID
	queueSearchSlips(b, tenantID, p.FirstName, p.LastName)
	b.Queue(`UPDATE profiles SET status = $3, merged_into = $4, created_at = $5, updated_at = $6, first_name = $7,
		last_name = $8, email = $9, mobile = $10, phone = $11, birth_date = $12, gender = $13, locale = $14, attributes = $15,
		block_keys = $16, search_keys = $17, address = $18
		WHERE tenant_id = $1 AND id = $2`,
		tenantID, p.ID, p.Status, p.MergedInto, p.CreatedAt, p.UpdatedAt, p.FirstName, p.LastName, p.Email, p.Mobile,
		p.Phone, p.BirthDate, p.Gender, p.Locale, attributesOrEmpty(p.Attributes),
		blockingKeys(p.Profile, t.recordReading()),
		matcher.SearchKeys(p.FirstName, p.LastName), p.Address)
}

// repointCandidatesSQL locks the reviewed candidate ($2, or none) and the
// open candidates naming a merged profile ($3), in the order of their ids,
// and returns them first created first. They are found by probing the
// candidates' members (migration 31; fenced, as heldByGroupSQL) and then
// the primary key, each probe an index look-up whatever the statistics
// say (OFFSET 0: see matchesSQL), not by reading every open candidate of
// the tenant.
const repointCandidatesSQL = `WITH c AS MATERIALIZED (
		SELECT m.id FROM (SELECT tenant_id, id FROM review_candidates WHERE profile_ids && $3::uuid[] OFFSET 0) AS m
		WHERE m.tenant_id = $1
		UNION SELECT $2::uuid WHERE $2::uuid IS NOT NULL),
	locked AS MATERIALIZED (
		SELECT r.* FROM (SELECT id FROM c ORDER BY id) AS c CROSS JOIN LATERAL (
			SELECT id, status, profile_ids, updated_at, created_at FROM review_candidates
			WHERE tenant_id = $1 AND id = c.id AND status = 'open' OFFSET 0 FOR UPDATE) AS r)
	SELECT id, status, profile_ids, updated_at FROM locked ORDER BY created_at, id`

// repointCandidates settles the review candidates a merge touches: the
// reviewed one becomes merged; every other open candidate naming a merged
// profile names the survivor instead, less any profile that would hold
// both of a pair a reviewer dismissed (the survivor kept first), or is
// closed as stale when that leaves fewer than two profiles or an open
// candidate's set.
func repointCandidates(ctx context.Context, tx pgx.Tx, tenantID, reviewID string, merged []string, survivor string, now time.Time) ([]candidateChange, error) {
	var review *string // read as a candidate's id, or none
	if reviewID != "" {
		review = &reviewID
	}
	rows, err := tx.Query(ctx, repointCandidatesSQL, tenantID, review, merged)
	if err != nil {
		return nil, err
	}
	var changes []candidateChange
	type cand struct {
		id string
		candidateState
	}
	cands, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (cand, error) {
		var c cand
		err := r.Scan(&c.id, &c.Status, &c.ProfileIDs, &c.UpdatedAt)
		c.UpdatedAt = c.UpdatedAt.UTC()
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("read candidates: %w", err)
	}
	isMerged := setOf(merged)
	for _, c := range cands {
		after := candidateState{Status: ReviewOpen, UpdatedAt: now}
		set := map[string]bool{}
		for _, id := range c.ProfileIDs {
			if isMerged[id] {
				id = survivor
			}
			set[id] = true
		}
		after.ProfileIDs = slices.Sorted(maps.Keys(set))
		if c.id != reviewID && len(after.ProfileIDs) >= 2 {
			// Never both profiles of a pair a reviewer dismissed, the
			// survivor kept first (withoutIgnoredPairs).
			kept, err := withoutIgnoredPairs(ctx, tx, tenantID, append([]string{survivor}, after.ProfileIDs...))
			if err != nil {
				return nil, err
			}
			after.ProfileIDs = kept
		}
		switch {
		case c.id == reviewID:
			after.Status, after.ProfileIDs = ReviewMerged, c.ProfileIDs
		case len(after.ProfileIDs) < 2:
			after.Status, after.ProfileIDs = ReviewStale, c.ProfileIDs
		default:
			var other string
			err = tx.QueryRow(ctx, `SELECT id FROM review_candidates WHERE tenant_id = $1 AND status = 'open'
				AND profile_ids = $2::uuid[] AND id <> $3`, tenantID, after.ProfileIDs, c.id).Scan(&other)
			if err == nil {
				after.Status, after.ProfileIDs = ReviewStale, c.ProfileIDs
			} else if !errors.Is(err, pgx.ErrNoRows) {
				return nil, fmt.Errorf("read candidates: %w", err)
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE review_candidates SET status = $3, profile_ids = $4::uuid[], updated_at = $5
			WHERE tenant_id = $1 AND id = $2`, tenantID, c.id, after.Status, after.ProfileIDs, after.UpdatedAt); err != nil {
			return nil, fmt.Errorf("re-point candidate: %w", err)
		}
		changes = append(changes, candidateChange{ID: c.id, Before: c.candidateState, After: after})
	}
	return changes, nil
}

// UndoResult is an undone merge: the profiles it restored, survivor first.
type UndoResult struct {
	MergeID  string    `json:"merge_id"`
	Profiles []Profile `json:"profiles"`
}

// UndoMerge reverses a merge from its audit record, in one transaction and
// under the same locks as the merge: every profile involved gets its row
// and its contact points back as they were, and the activities the merge
// moved go back to their profile. Activities and contact values that came
// to the survivor after the merge stay with it. Review candidates the
// merge closed or re-pointed are put back when nothing else changed them;
// each closed one that opens again emits review.opened, after
// profile.unmerged.
//
// When anything landed on the survivor after the merge (a booking or sale,
// even one that wrote no field; a contact point; a field change; a merge
// of the survivor in turn), undoing could lose that change or leave it on
// the wrong person: it answers a ConflictError and changes nothing. So
// does a second undo.
func (s *Store) UndoMerge(ctx context.Context, tenantID, actor, mergeID string) (UndoResult, error) {
	out := UndoResult{MergeID: mergeID}
	err := s.lockedTx(ctx, func(tx pgx.Tx) error {
		rec, err := s.undo(ctx, tx, tenantID, actor, mergeID)
		if err != nil {
			return err
		}
		// Read the profiles as the API shows them in the transaction, as
		// Merge does: a read after the commit could fail (the database
		// restarting) and answer "nothing was changed" for an undo done.
		out.Profiles, err = viewsInOrder(ctx, tx, tenantID, append([]string{rec.SurvivorID}, rec.MergedIDs...))
		return err
	})
	if err != nil {
		return UndoResult{}, fmt.Errorf("undo merge: %w", interpret(err))
	}
	return out, nil
}

func (s *Store) undo(ctx context.Context, tx pgx.Tx, tenantID, actor, mergeID string) (mergeRecord, error) {
	now := s.Now()
	rec, profiles, err := lockUndo(ctx, tx, tenantID, mergeID)
	if err != nil {
		return rec, err
	}
	t, err := tenant(ctx, tx, tenantID)
	if err != nil {
		return rec, err
	}
	ids := append([]string{rec.SurvivorID}, rec.MergedIDs...)
	before := rec.contactsBefore()

	// Contact points: drop every row of these profiles whose value one of
	// them had before the merge, then put the before-image back. Values
	// the survivor gained since stay.
	kinds, values := make([]string, len(before)), make([]string, len(before))
	owners, valid, primary := make([]string, len(before)), make([]bool, len(before)), make([]bool, len(before))
	first, last := make([]time.Time, len(before)), make([]time.Time, len(before))
	canonical := make([]*string, len(before))
	for i, c := range before {
		kinds[i], values[i], owners[i], valid[i], primary[i], first[i], last[i] = c.Kind, c.Value, c.ProfileID, c.Valid, c.Primary, c.FirstSeen, c.LastSeen
		canonical[i] = c.Canonical
	}
	var actIDs, actOwners []string
	for _, img := range rec.Before {
		for _, a := range img.MovedActivity {
			actIDs, actOwners = append(actIDs, a), append(actOwners, img.Profile.ID)
		}
	}
	b := &pgx.Batch{}
	b.Queue(`DELETE FROM contact_points WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])
		AND (kind, value) IN (SELECT * FROM unnest($3::text[], $4::text[]))`, tenantID, ids, kinds, values)
	b.Queue(`INSERT INTO contact_points (tenant_id, kind, value, profile_id, valid, is_primary, first_seen, last_seen, canonical)
		SELECT $1, * FROM unnest($2::text[], $3::text[], $4::uuid[], $5::bool[], $6::bool[], $7::timestamptz[], $8::timestamptz[], $9::text[])`,
		tenantID, kinds, values, owners, valid, primary, first, last, canonical)
	b.Queue(`UPDATE activities a SET profile_id = m.owner
		FROM unnest($3::uuid[], $4::uuid[]) AS m(id, owner)
		WHERE a.tenant_id = $1 AND a.id = m.id AND a.profile_id = $2`, tenantID, rec.SurvivorID, actIDs, actOwners)
	for _, img := range rec.Before {
		queueRestoreProfile(b, t, img.Profile)
	}
	queueSearchWords(b, tenantID, ids)
	for _, r := range rec.Repointed {
		b.Queue(`UPDATE profiles SET merged_into = $3 WHERE tenant_id = $1 AND id = $2 AND status = 'merged' AND merged_into = $4`,
			tenantID, r.ID, r.Was, rec.SurvivorID)
	}
	for _, p := range rec.CarriedIgnored {
		b.Queue(`DELETE FROM ignored_pairs WHERE tenant_id = $1 AND a = $2 AND b = $3`, tenantID, p.A, p.B)
	}
	reopened, err := restoreCandidates(ctx, tx, tenantID, rec)
	if err != nil {
		return rec, err
	}
	b.Queue(`INSERT INTO audit_events (tenant_id, at, actor, action, profile_ids, details)
		VALUES ($1, $2, $3, 'undone', $4, $5)`, tenantID, now, actor, ids, map[string]any{
		"merge_id": mergeID, "kind": MergeKindUndo, "survivor_id": rec.SurvivorID, "restored_ids": rec.MergedIDs,
		"survivor_before_undo": profiles[slices.IndexFunc(profiles, func(p profileRow) bool { return p.ID == rec.SurvivorID })],
	})
	queueEvent(b, tenantID, EventProfileUnmerged, now, map[string]any{"profile_id": rec.SurvivorID, "survivor_id": rec.SurvivorID,
		"restored_ids": rec.MergedIDs, "merge_id": mergeID})
	for _, data := range reopened {
		queueEvent(b, tenantID, EventReviewOpened, now, data)
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return rec, fmt.Errorf("write undo: %w", err)
	}
	return rec, nil
}

// lockUndo reads a merge's record and locks its profiles, and refuses
// (ConflictError) an undo that could lose or misplace anything: a merge
// undone already, a survivor merged or changed since, a tombstone no
// longer one, or anything that landed on the survivor after the merge.
func lockUndo(ctx context.Context, tx pgx.Tx, tenantID, mergeID string) (mergeRecord, []profileRow, error) {
	rec, undone, err := readMerge(ctx, tx, tenantID, mergeID)
	if err != nil {
		return rec, nil, err
	}
	if undone {
		return rec, nil, conflictf("merge %s was undone already", mergeID)
	}
	if rec.Erased {
		return rec, nil, conflictf("a profile of merge %s was erased since: the merge can no longer be undone; nothing was changed", mergeID)
	}
	ids := append([]string{rec.SurvivorID}, rec.MergedIDs...)
	before := rec.contactsBefore()
	profiles, err := lockProfiles(ctx, tx, tenantID, ids, before)
	if err != nil {
		return rec, nil, err
	}
	if _, undone, err = readMerge(ctx, tx, tenantID, mergeID); err != nil {
		return rec, nil, err
	} else if undone {
		return rec, nil, conflictf("merge %s was undone already", mergeID)
	}
	for _, p := range profiles {
		switch {
		case p.ID == rec.SurvivorID && p.Status != ProfileActive:
			return rec, nil, conflictf("the survivor %s was merged into %s after this merge: undo that merge first; nothing was changed", p.ID, deref(p.MergedInto))
		case p.ID == rec.SurvivorID && !p.UpdatedAt.Equal(rec.After.UpdatedAt):
			return rec, nil, conflictf("the survivor %s was changed after the merge (updated at %s, merged at %s), by a booking or an edit: undoing would lose that change, so nothing was changed",
				p.ID, p.UpdatedAt.Format(time.RFC3339), rec.After.UpdatedAt.Format(time.RFC3339))
		case p.ID != rec.SurvivorID && (p.Status != ProfileMerged || deref(p.MergedInto) != rec.SurvivorID):
			return rec, nil, conflictf("profile %s is no longer a tombstone of %s; nothing was changed", p.ID, rec.SurvivorID)
		}
	}
	if why, err := landedSince(ctx, tx, tenantID, rec); err != nil {
		return rec, nil, err
	} else if why != "" {
		return rec, nil, conflictf("%s landed on the survivor %s after the merge: undoing could leave it on the wrong person, so nothing was changed",
			why, rec.SurvivorID)
	}
	return rec, profiles, nil
}

// contactsBefore is every contact point the merged profiles held before
// the merge.
func (r mergeRecord) contactsBefore() []contactRow {
	var out []contactRow
	for _, img := range r.Before {
		out = append(out, img.ContactPoints...)
	}
	return out
}

// restoreCandidates puts back the review candidates a merge closed or
// re-pointed, those nobody changed since, and returns the review.opened
// events of the ones that open again (the merge closed them with
// review.closed).
func restoreCandidates(ctx context.Context, tx pgx.Tx, tenantID string, rec mergeRecord) ([]map[string]any, error) {
	var reopened []map[string]any
	for _, c := range rec.Candidates {
		// Only a candidate nobody touched since goes back, and an open one
		// only when no other open candidate holds its set by now.
		var reason string
		err := tx.QueryRow(ctx, `UPDATE review_candidates SET status = $3, profile_ids = $4::uuid[], updated_at = $5
			WHERE tenant_id = $1 AND id = $2 AND status = $6 AND profile_ids = $7::uuid[]
			  AND ($3 <> 'open' OR NOT EXISTS (SELECT 1 FROM review_candidates o WHERE o.tenant_id = $1
			       AND o.status = 'open' AND o.profile_ids = $4::uuid[] AND o.id <> $2))
			RETURNING reason`,
			tenantID, c.ID, c.Before.Status, c.Before.ProfileIDs, c.Before.UpdatedAt, c.After.Status, c.After.ProfileIDs).Scan(&reason)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
		case err != nil:
			return nil, fmt.Errorf("restore candidate: %w", err)
		case c.Before.Status == ReviewOpen && c.After.Status != ReviewOpen:
			reopened = append(reopened, map[string]any{"review_id": c.ID, "profile_ids": c.Before.ProfileIDs, "reason": reason})
		}
	}
	return reopened, nil
}

// mergeChangedFields names the survivor's fields that a merge changed.
func mergeChangedFields(before []profileImage, after profileRow) []string {
	out := []string{}
	for _, img := range before {
		if img.Profile.ID != after.ID {
			continue
		}
		was, now := img.Profile.Profile, after.Profile
		for _, f := range matcher.ScalarFields {
			if was.Get(f) != now.Get(f) {
				out = append(out, string(f))
			}
		}
		if was.Address != now.Address {
			out = append(out, string(matcher.FieldAddress))
		}
		for k, a := range now.Attributes {
			if was.Attributes[k].Value != a.Value {
				out = append(out, "attributes."+k)
			}
		}
		for k := range was.Attributes {
			if _, kept := now.Attributes[k]; !kept {
				out = append(out, "attributes."+k)
			}
		}
	}
	slices.Sort(out)
	return out
}

// landedSince says what landed on a merge's survivor since the merge, other
// than a field change (its updated_at tells that): "a booking or sale" when
// it has more activities, "a contact point" when one was added or seen
// again. A booking that writes no field still lands there, and an undo
// would hand its email back to a restored profile while the booking
// stayed. "" when nothing landed.
func landedSince(ctx context.Context, tx pgx.Tx, tenantID string, rec mergeRecord) (string, error) {
	var activities int
	var newest *time.Time
	err := tx.QueryRow(ctx, `SELECT count(*), max(created_at) FROM activities WHERE tenant_id = $1 AND profile_id = $2`,
		tenantID, rec.SurvivorID).Scan(&activities, &newest)
	if err != nil {
		return "", fmt.Errorf("count activities: %w", err)
	}
	if rec.AfterActivities == nil {
		// A record from before counts were kept: go by the clock.
		if newest != nil && newest.After(rec.After.UpdatedAt) {
			return "a booking or sale", nil
		}
		return "", nil
	}
	if activities != *rec.AfterActivities {
		return "a booking or sale", nil
	}
	now, err := contactRows(ctx, tx, tenantID, []string{rec.SurvivorID})
	if err != nil {
		return "", err
	}
	if !slices.EqualFunc(now, rec.AfterContactPoints, sameContact) {
		return "a contact point", nil
	}
	return "", nil
}

// sameContact compares two contact point rows as stored.
func sameContact(a, b contactRow) bool {
	return a.Kind == b.Kind && a.Value == b.Value && a.ProfileID == b.ProfileID && a.Valid == b.Valid &&
		a.Primary == b.Primary && a.FirstSeen.Equal(b.FirstSeen) && a.LastSeen.Equal(b.LastSeen)
}

// readMerge reads a merge's audit record and whether it was undone.
func readMerge(ctx context.Context, tx pgx.Tx, tenantID, mergeID string) (mergeRecord, bool, error) {
	var rec mergeRecord
	var undone bool
	if uuid.Validate(mergeID) != nil {
		return rec, false, fmt.Errorf("%w: merge %q", ErrNotFound, mergeID)
	}
	err := tx.QueryRow(ctx, `SELECT details,
			EXISTS (SELECT 1 FROM audit_events u WHERE u.tenant_id = $1 AND u.action = 'undone' AND u.details->>'merge_id' = $2)
		FROM audit_events WHERE tenant_id = $1 AND action = 'merged' AND details->>'merge_id' = $2`,
		tenantID, mergeID).Scan(&rec, &undone)
	if err != nil {
		return rec, false, fmt.Errorf("read merge %s: %w", mergeID, err)
	}
	return rec, undone, nil
}

// MergeSummary is one merge of the history: who merged what into what,
// when, and whether it was undone. Names are "first last" as the profiles
// were before the merge.
type MergeSummary struct {
	MergeID      string         `json:"merge_id"`
	Kind         string         `json:"kind"`
	At           time.Time      `json:"at"`
	Actor        string         `json:"actor"`
	ReviewID     string         `json:"review_id,omitempty"`
	SurvivorID   string         `json:"survivor_id"`
	SurvivorName string         `json:"survivor_name"`
	Merged       []NamedProfile `json:"merged"`
	Undone       bool           `json:"undone"`
	// Erased: a profile of the merge was erased since. The names are gone
	// and the merge can no longer be undone.
	Erased bool `json:"erased"`
}

// NamedProfile is a profile id with the profile's name.
type NamedProfile struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// RecentMerges returns the tenant's latest merges, newest first.
func (s *Store) RecentMerges(ctx context.Context, tenantID string, limit int) ([]MergeSummary, error) {
	rows, err := s.pool.Query(ctx, `SELECT m.at, m.actor, m.details,
			EXISTS (SELECT 1 FROM audit_events u WHERE u.tenant_id = m.tenant_id AND u.action = 'undone'
			        AND u.details->>'merge_id' = m.details->>'merge_id')
		FROM audit_events m WHERE m.tenant_id = $1 AND m.action = 'merged'
		ORDER BY m.at DESC, m.id DESC LIMIT $2`, tenantID, limit)
	if err != nil {
		return nil, fmt.Errorf("recent merges: %w", interpret(err))
	}
	out := []MergeSummary{}
	var at time.Time
	var actor string
	var rec mergeRecord
	var undone bool
	_, err = pgx.ForEachRow(rows, []any{&at, &actor, &rec, &undone}, func() error {
		m := MergeSummary{MergeID: rec.MergeID, Kind: rec.Kind, At: at.UTC(), Actor: actor, ReviewID: rec.ReviewID,
			SurvivorID: rec.SurvivorID, Merged: []NamedProfile{}, Undone: undone, Erased: rec.Erased}
		if rec.Erased {
			for _, id := range rec.MergedIDs {
				m.Merged = append(m.Merged, NamedProfile{ID: id})
			}
		}
		for _, img := range rec.Before {
			name := strings.TrimSpace(img.Profile.FirstName + " " + img.Profile.LastName)
			if img.Profile.ID == rec.SurvivorID {
				m.SurvivorName = name
			} else {
				m.Merged = append(m.Merged, NamedProfile{ID: img.Profile.ID, Name: name})
			}
		}
		out = append(out, m)
		rec = mergeRecord{}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("recent merges: %w", interpret(err))
	}
	return out, nil
}
