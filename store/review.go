package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"dedupe/matcher"
)

// Review candidate statuses.
const (
	ReviewOpen    = "open"
	ReviewMerged  = "merged"
	ReviewIgnored = "ignored"
	ReviewStale   = "stale"
)

// ReviewStatuses lists every review candidate status.
var ReviewStatuses = []string{ReviewOpen, ReviewMerged, ReviewIgnored, ReviewStale}

// Review is a review candidate: profiles that may be one person, with why
// they were proposed and the fields in which they differ.
type Review struct {
	ID          string          `json:"id"`
	Status      string          `json:"status"`
	Reason      string          `json:"reason"`
	Score       float64         `json:"score"`
	ProfileIDs  []string        `json:"profile_ids"`
	Profiles    []ReviewProfile `json:"profiles"`
	Differences []string        `json:"differences"`
	Evidence    json.RawMessage `json:"evidence"`
	CreatedAt   time.Time       `json:"created_at"`
	UpdatedAt   time.Time       `json:"updated_at"`
}

// ReviewProfile is a profile as a reviewer compares it: the profile, and
// on a single review its contact points, its activity by kind and its
// latest activity.
type ReviewProfile struct {
	Profile
	ContactPoints  []ContactPoint    `json:"contact_points,omitempty"`
	ActivityCounts map[string]int    `json:"activity_counts,omitempty"`
	RecentActivity []ActivitySummary `json:"recent_activity,omitempty"`
}

// ContactPoint is an email or phone number of a profile with when it was
// first and last seen.
type ContactPoint struct {
	Kind      string    `json:"kind"`
	Value     string    `json:"value"`
	Valid     bool      `json:"valid"`
	Primary   bool      `json:"primary"`
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
}

// ActivitySummary is one booking or sale, without its details.
type ActivitySummary struct {
	ID         string    `json:"id"`
	Kind       string    `json:"kind"`
	Source     string    `json:"source"`
	ExternalID string    `json:"external_id"`
	OccurredAt time.Time `json:"occurred_at"`
}

// recentActivities is how many activities a review shows per profile.
const recentActivities = 5

// domainProfile is the matcher's view of a profile.
func (p Profile) domainProfile() matcher.Profile {
	d := matcher.Profile{ID: p.ID, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, FirstName: p.FirstName,
		LastName: p.LastName, Email: p.Email, Mobile: p.Mobile, Phone: p.Phone, BirthDate: p.BirthDate,
		Gender: p.Gender, Locale: p.Locale, Attributes: map[string]matcher.Attribute{}}
	if p.Address != nil {
		d.Address = *p.Address
	}
	for k, v := range p.Attributes {
		d.Attributes[k] = matcher.Attribute{Value: v, SetAt: p.AttributesSet[k]}
	}
	return d
}

// DomainProfiles returns the matcher's view of profiles, for planning a
// merge before asking for it (the review page's confirmation).
func DomainProfiles(ps []ReviewProfile) []matcher.Profile {
	out := make([]matcher.Profile, len(ps))
	for i, p := range ps {
		out[i] = p.domainProfile()
	}
	return out
}

const reviewColumns = `id, status, reason, score, profile_ids, evidence, created_at, updated_at`

func scanReview(row pgx.Row) (Review, error) {
	var r Review
	var score float32
	err := row.Scan(&r.ID, &r.Status, &r.Reason, &score, &r.ProfileIDs, &r.Evidence, &r.CreatedAt, &r.UpdatedAt)
	r.Score, r.CreatedAt, r.UpdatedAt = float64(score), r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return r, err
}

// candidate reads a candidate's status and profiles inside a transaction,
// locking its row when lock is set.
func candidate(ctx context.Context, tx pgx.Tx, tenantID, id string, lock bool) (candidateState, error) {
	var c candidateState
	if uuid.Validate(id) != nil {
		return c, fmt.Errorf("%w: review %q", ErrNotFound, id)
	}
	sql := `SELECT status, profile_ids, updated_at FROM review_candidates WHERE tenant_id = $1 AND id = $2`
	if lock {
		sql += ` FOR UPDATE`
	}
	if err := tx.QueryRow(ctx, sql, tenantID, id).Scan(&c.Status, &c.ProfileIDs, &c.UpdatedAt); err != nil {
		return c, fmt.Errorf("review %s: %w", id, err)
	}
	return c, nil
}

// ReviewPage is one page of a review list.
type ReviewPage struct {
	Reviews []Review `json:"reviews"`
	// NextCursor continues the list; empty on the last page.
	NextCursor string `json:"next_cursor"`
}

// Reviews lists the tenant's review candidates of a status, newest first,
// limit at a time, with their profiles and differences (but not their
// contact points or activity: see Review). cursor is the NextCursor of the
// page before, or empty; a malformed one answers ErrNotFound.
func (s *Store) Reviews(ctx context.Context, tenantID, status, cursor string, limit int) (ReviewPage, error) {
	after, afterID, ok := parseCursor(cursor)
	if !ok {
		return ReviewPage{}, fmt.Errorf("reviews: %w: cursor", ErrNotFound)
	}
	rows, err := s.pool.Query(ctx, `SELECT `+reviewColumns+` FROM review_candidates
		WHERE tenant_id = $1 AND status = $2 AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4::uuid))
		ORDER BY created_at DESC, id DESC LIMIT $5`, tenantID, status, after, afterID, limit+1)
	if err != nil {
		return ReviewPage{}, fmt.Errorf("reviews: %w", interpret(err))
	}
	reviews, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Review, error) { return scanReview(r) })
	if err != nil {
		return ReviewPage{}, fmt.Errorf("reviews: %w", interpret(err))
	}
	page := ReviewPage{Reviews: reviews}
	if len(reviews) > limit {
		page.Reviews = reviews[:limit]
		last := page.Reviews[limit-1]
		page.NextCursor = base64.RawURLEncoding.EncodeToString([]byte(last.CreatedAt.Format(time.RFC3339Nano) + " " + last.ID))
	}
	var ids []string
	for _, r := range page.Reviews {
		ids = append(ids, r.ProfileIDs...)
	}
	profiles, err := s.profilesByID(ctx, tenantID, ids)
	if err != nil {
		return ReviewPage{}, err
	}
	for i := range page.Reviews {
		r := &page.Reviews[i]
		for _, id := range r.ProfileIDs {
			if p, ok := profiles[id]; ok {
				r.Profiles = append(r.Profiles, ReviewProfile{Profile: p})
			}
		}
		r.Differences = differences(r.Profiles)
	}
	return page, nil
}

func parseCursor(c string) (*time.Time, string, bool) {
	if c == "" {
		return nil, uuid.Nil.String(), true
	}
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return nil, "", false
	}
	ts, id, ok := strings.Cut(string(raw), " ")
	t, err := time.Parse(time.RFC3339Nano, ts)
	if !ok || err != nil || uuid.Validate(id) != nil {
		return nil, "", false
	}
	return &t, id, true
}

func differences(ps []ReviewProfile) []string {
	d := matcher.Differences(DomainProfiles(ps))
	if d == nil {
		return []string{}
	}
	return d
}

// profilesByID reads profiles of the tenant by id.
func (s *Store) profilesByID(ctx context.Context, tenantID string, ids []string) (map[string]Profile, error) {
	out := map[string]Profile{}
	if len(ids) == 0 {
		return out, nil
	}
	ps, err := s.queryViews(ctx, ` WHERE p.tenant_id = $1 AND p.id = ANY($2::uuid[])`, tenantID, ids)
	if err != nil {
		return nil, fmt.Errorf("read profiles: %w", err)
	}
	for _, p := range ps {
		out[p.ID] = p
	}
	return out, nil
}

// Review returns one review candidate of the tenant with its profiles side
// by side, in the candidate's order: each with its contact points, its
// activity counts by kind and its latest activities.
func (s *Store) Review(ctx context.Context, tenantID, id string) (Review, error) {
	if uuid.Validate(id) != nil {
		return Review{}, fmt.Errorf("review: %w", ErrNotFound)
	}
	r, err := scanReview(s.pool.QueryRow(ctx, `SELECT `+reviewColumns+` FROM review_candidates WHERE tenant_id = $1 AND id = $2`, tenantID, id))
	if err != nil {
		return Review{}, fmt.Errorf("review: %w", interpret(err))
	}
	if r.Profiles, err = s.sideBySide(ctx, tenantID, r.ProfileIDs); err != nil {
		return Review{}, fmt.Errorf("review: %w", err)
	}
	r.Differences = differences(r.Profiles)
	return r, nil
}

// CompareProfiles returns profiles of the tenant side by side, in the order
// asked, as Review shows a candidate's: for merging profiles the front desk
// found (a manual merge). An id that names no profile of the tenant answers
// ErrNotFound.
func (s *Store) CompareProfiles(ctx context.Context, tenantID string, ids []string) ([]ReviewProfile, error) {
	for _, id := range ids {
		if uuid.Validate(id) != nil {
			return nil, fmt.Errorf("compare profiles: %w: profile %q", ErrNotFound, id)
		}
	}
	ps, err := s.sideBySide(ctx, tenantID, ids)
	if err != nil {
		return nil, fmt.Errorf("compare profiles: %w", err)
	}
	if len(ps) != len(ids) {
		return nil, fmt.Errorf("compare profiles: %w", ErrNotFound)
	}
	return ps, nil
}

// sideBySide reads the profiles of ids that exist, in that order, each with
// its contact points, its activity counts by kind and its latest
// activities.
func (s *Store) sideBySide(ctx context.Context, tenantID string, ids []string) ([]ReviewProfile, error) {
	profiles, err := s.profilesByID(ctx, tenantID, ids)
	if err != nil {
		return nil, err
	}
	var out []ReviewProfile
	for _, pid := range ids {
		p, ok := profiles[pid]
		if !ok {
			continue
		}
		rp := ReviewProfile{Profile: p, ContactPoints: []ContactPoint{}, ActivityCounts: map[string]int{KindBooking: 0, KindSale: 0},
			RecentActivity: []ActivitySummary{}}
		b := &pgx.Batch{}
		b.Queue(`SELECT kind, value, valid, is_primary, first_seen, last_seen FROM contact_points
			WHERE tenant_id = $1 AND profile_id = $2 ORDER BY kind, is_primary DESC, first_seen, value`, tenantID, pid).
			Query(func(rows pgx.Rows) error {
				var c ContactPoint
				_, err := pgx.ForEachRow(rows, []any{&c.Kind, &c.Value, &c.Valid, &c.Primary, &c.FirstSeen, &c.LastSeen}, func() error {
					c.FirstSeen, c.LastSeen = c.FirstSeen.UTC(), c.LastSeen.UTC()
					rp.ContactPoints = append(rp.ContactPoints, c)
					return nil
				})
				return err
			})
		b.Queue(`SELECT kind, count(*) FROM activities WHERE tenant_id = $1 AND profile_id = $2 GROUP BY kind`, tenantID, pid).
			Query(func(rows pgx.Rows) error {
				var kind string
				var n int
				_, err := pgx.ForEachRow(rows, []any{&kind, &n}, func() error { rp.ActivityCounts[kind] = n; return nil })
				return err
			})
		b.Queue(`SELECT id, kind, source, external_id, occurred_at FROM activities WHERE tenant_id = $1 AND profile_id = $2
			ORDER BY occurred_at DESC, id DESC LIMIT $3`, tenantID, pid, recentActivities).
			Query(func(rows pgx.Rows) error {
				var a ActivitySummary
				_, err := pgx.ForEachRow(rows, []any{&a.ID, &a.Kind, &a.Source, &a.ExternalID, &a.OccurredAt}, func() error {
					a.OccurredAt = a.OccurredAt.UTC()
					rp.RecentActivity = append(rp.RecentActivity, a)
					return nil
				})
				return err
			})
		if err := s.pool.SendBatch(ctx, b).Close(); err != nil {
			return nil, interpret(err)
		}
		out = append(out, rp)
	}
	return out, nil
}

// IgnoreReview dismisses an open review candidate for good: its set of
// profiles is never proposed again. A candidate no longer open answers a
// ConflictError.
func (s *Store) IgnoreReview(ctx context.Context, tenantID, actor, id string) (Review, error) {
	now := s.Now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		c, err := candidate(ctx, tx, tenantID, id, true)
		if err != nil {
			return err
		}
		if c.Status != ReviewOpen {
			return conflictf("review %s is %s, not open: it cannot be ignored", id, c.Status)
		}
		b := &pgx.Batch{}
		b.Queue(`UPDATE review_candidates SET status = 'ignored', updated_at = $3 WHERE tenant_id = $1 AND id = $2`, tenantID, id, now)
		// Every pair of the set is "not the same person", for good.
		b.Queue(`INSERT INTO ignored_pairs (tenant_id, a, b, created_at)
			SELECT $1, x, y, $3 FROM unnest($2::uuid[]) AS x, unnest($2::uuid[]) AS y WHERE x < y
			ON CONFLICT DO NOTHING`, tenantID, c.ProfileIDs, now)
		b.Queue(`INSERT INTO audit_events (tenant_id, at, actor, action, profile_ids, details)
			VALUES ($1, $2, $3, 'ignored', $4, $5)`, tenantID, now, actor, c.ProfileIDs,
			map[string]any{"review_id": id, "before": c.Status})
		queueEvent(b, tenantID, EventReviewClosed, now, map[string]any{"review_id": id, "profile_ids": c.ProfileIDs, "status": ReviewIgnored})
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return Review{}, fmt.Errorf("ignore review: %w", interpret(err))
	}
	return s.Review(ctx, tenantID, id)
}

// AuditEvent is one entry of a profile's history: an automatic creation or
// update (details: the decision's explanation), a merge, an ignore or an
// undo.
type AuditEvent struct {
	ID          int64           `json:"id"`
	At          time.Time       `json:"at"`
	Actor       string          `json:"actor"`
	Action      string          `json:"action"`
	ProfileIDs  []string        `json:"profile_ids"`
	IngestionID *string         `json:"ingestion_id"`
	Details     json.RawMessage `json:"details"`
}

// historyLimit caps a history answer.
const historyLimit = 200

// historySQL reads the newest audit events ($3 of them) naming a profile
// ($2), found by probing their members (fenced, as exportHistorySQL).
const historySQL = `SELECT id, at, actor, action, profile_ids, ingestion_id, details FROM (
		SELECT * FROM audit_events WHERE profile_ids @> ARRAY[$2::uuid] OFFSET 0) AS e
	WHERE tenant_id = $1 ORDER BY at DESC, id DESC LIMIT $3`

// History returns the audit events that name a profile of the tenant,
// newest first (at most 200). An unknown profile answers ErrNotFound.
func (s *Store) History(ctx context.Context, tenantID, profileID string) ([]AuditEvent, error) {
	if _, err := s.Profile(ctx, tenantID, profileID); err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, historySQL, tenantID, profileID, historyLimit)
	if err != nil {
		return nil, fmt.Errorf("history: %w", interpret(err))
	}
	events, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (AuditEvent, error) {
		var e AuditEvent
		err := r.Scan(&e.ID, &e.At, &e.Actor, &e.Action, &e.ProfileIDs, &e.IngestionID, &e.Details)
		e.At = e.At.UTC()
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("history: %w", interpret(err))
	}
	return slices.Clip(events), nil
}
