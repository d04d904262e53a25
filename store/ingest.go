package store

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"dedupe/matcher"
)

// Activity kinds.
const (
	KindBooking = "booking"
	KindSale    = "sale"
)

// Sources an activity can come from (DESIGN.md, Domain).
var Sources = []string{"booking_widget", "web_sale", "calendar", "pos", "import"}

// Ingest is one booking or sale to match and record. The queue carries it
// as worker.IngestPayload.
type Ingest struct {
	IngestionID string
	TenantID    string
	Kind        string // KindBooking or KindSale
	Source      string
	ExternalID  string
	OccurredAt  time.Time
	Requested   []string // nil when the request had none
	Customer    matcher.Customer
	Details     json.RawMessage // the booking or sale object as sent
	AcceptedAt  time.Time
	RequestID   string // the API request that accepted it, for logs
}

// Ingestion statuses.
const (
	StatusQueued = "queued" // accepted, not processed yet (known to the queue only)
	StatusDone   = "done"
	StatusFailed = "failed"
)

// Ingestion is the outcome of one booking or sale.
type Ingestion struct {
	ID          string       `json:"id"`
	Status      string       `json:"status"`
	Decision    *string      `json:"decision"`
	ProfileID   *string      `json:"profile_id"`
	ReviewID    *string      `json:"review_id"`
	Reason      string       `json:"reason"`
	Explanation *Explanation `json:"explanation,omitempty"`
	// Replayed is set when this delivery found the work already done (a
	// redelivered task or a retried request): nothing was written.
	Replayed bool `json:"-"`
	// AcceptedAt is when the API accepted the request.
	AcceptedAt time.Time `json:"-"`
}

// Explanation records what decided an ingestion.
type Explanation struct {
	Rule          matcher.Rule     `json:"rule"`
	PolicyVersion int              `json:"policy_version"`
	Keys          []KeyUse         `json:"keys"`
	Matches       []MatchedProfile `json:"matches"`
	Changes       []matcher.Change `json:"changes"`
}

// KeyUse is one contact value of the booking: normalised, and whether it
// was used as a match key.
type KeyUse struct {
	Kind    matcher.Field   `json:"kind"`
	Value   string          `json:"value"`
	Used    bool            `json:"used"`
	Problem matcher.Problem `json:"problem,omitempty"`
}

// MatchedProfile is a profile that held one of the keys.
type MatchedProfile struct {
	ProfileID string          `json:"profile_id"`
	On        []matcher.Field `json:"on"`
}

// querier is what a pool and a transaction have in common.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Ingest matches one booking or sale against the tenant's customer file and
// records it, in one transaction:
//
//  1. take transaction-scoped advisory locks on the booking's external id
//     and on its normalised keys, in ascending order, so two deliveries of
//     one booking, or two bookings of one new customer, run one after the
//     other and the second sees the first's profile;
//  2. return the earlier result when this external id was processed before;
//  3. load the active profiles holding a key (locked FOR UPDATE), let
//     matcher.Decide choose, and write the profile, its contact points, the
//     activity, the ingestion, the audit event and any review candidate.
//
// A missing tenant answers ErrNotFound; PostgreSQL being down answers
// ErrUnavailable; both leave nothing written.
func (s *Store) Ingest(ctx context.Context, in Ingest) (Ingestion, error) {
	for attempt := 0; ; attempt++ {
		t, err := s.cachedTenant(ctx, in.TenantID)
		if err != nil {
			return Ingestion{}, fmt.Errorf("ingest: %w", interpret(err))
		}
		out, err := s.ingest(ctx, in, t)
		if errors.Is(err, errStaleTenant) && attempt < 3 {
			continue // the policy changed since it was cached: decide under the new one
		}
		if err != nil {
			return Ingestion{}, fmt.Errorf("ingest: %w", interpret(err))
		}
		return out, nil
	}
}

// errStaleTenant says the cached tenant is older than the row.
var errStaleTenant = errors.New("tenant policy changed")

// cachedTenant returns the tenant as last read. The ingest transaction
// re-reads its policy_version in its first round trip and starts over when
// it moved, so a cached policy is never applied once changed.
func (s *Store) cachedTenant(ctx context.Context, id string) (Tenant, error) {
	if t, ok := s.tenants.Load(id); ok {
		return t.(Tenant), nil
	}
	t, err := tenant(ctx, s.pool, id)
	if err == nil {
		s.tenants.Store(id, t)
	}
	return t, err
}

// ingest runs the ingest transaction in two round trips: BEGIN and every
// read are pipelined in one batch, every write and COMMIT in the other.
// A transaction left open by an error is rolled back before the
// connection goes back to the pool (which would discard it otherwise).
func (s *Store) ingest(ctx context.Context, in Ingest, cached Tenant) (_ Ingestion, err error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return Ingestion{}, err
	}
	defer conn.Release()
	committed := false
	defer func() {
		if !committed {
			conn.Exec(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	commit := func() error {
		_, err := conn.Exec(ctx, "COMMIT")
		committed = err == nil
		return err
	}
	now := s.Now()
	t := cached
	inc := matcher.NewIncoming(in.Customer, in.Requested, t.Region)
	policy := t.Policy()
	keys, ignored := policy.Screen(inc.Keys())
	limit := policy.Threshold() + 1

	// One round trip: begin, the tenant's current policy version, the
	// locks, what was seen before, how many profiles hold each key, and
	// the matches on the keys not too shared.
	b := &pgx.Batch{}
	b.Queue("BEGIN")
	b.Queue(`SELECT `+tenantColumns+` FROM tenants WHERE id = $1`, in.TenantID)
	b.Queue(`SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k`, lockKeys(in, keys))
	b.Queue(`SELECT `+ingestionColumns+` FROM ingestions WHERE tenant_id = $1 AND id = $2`, in.TenantID, in.IngestionID)
	b.Queue(`SELECT profile_id FROM activities WHERE tenant_id = $1 AND source = $2 AND external_id = $3`,
		in.TenantID, in.Source, in.ExternalID)
	queueMatches(b, in.TenantID, keys, limit)
	br := conn.SendBatch(ctx, b)
	if _, err := br.Exec(); err != nil {
		br.Close()
		return Ingestion{}, fmt.Errorf("begin: %w", err)
	}
	current, err := scanTenant(br.QueryRow())
	if err != nil {
		br.Close()
		s.tenants.Delete(in.TenantID)
		return Ingestion{}, fmt.Errorf("tenant: %w", err)
	}
	if current.PolicyVersion != t.PolicyVersion {
		br.Close()
		s.tenants.Store(in.TenantID, current)
		return Ingestion{}, errStaleTenant
	}
	if _, err := br.Exec(); err != nil {
		br.Close()
		return Ingestion{}, fmt.Errorf("lock keys: %w", err)
	}
	earlier, err := scanIngestion(br.QueryRow())
	if err == nil && earlier.Status == StatusFailed {
		// It failed for good before, and the client sent it again,
		// corrected: process it now. Its row is overwritten below.
		err = pgx.ErrNoRows
	}
	if err == nil {
		if err := br.Close(); err != nil {
			return Ingestion{}, err
		}
		earlier.Replayed = true
		return earlier, commit()
	} else if !errors.Is(err, pgx.ErrNoRows) {
		br.Close()
		return Ingestion{}, fmt.Errorf("earlier ingestion: %w", err)
	}
	var seenProfile string
	if err := br.QueryRow().Scan(&seenProfile); err != nil && !errors.Is(err, pgx.ErrNoRows) {
		br.Close()
		return Ingestion{}, fmt.Errorf("earlier activity: %w", err)
	}
	shared, matches, err := readMatches(br)
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Ingestion{}, fmt.Errorf("find matches: %w", err)
	}
	for _, k := range shared {
		ignored = append(ignored, matcher.Ignored{Key: k, Problem: matcher.ProblemShared})
		keys = slices.DeleteFunc(keys, func(u matcher.Key) bool { return u == k })
	}

	expl := &Explanation{PolicyVersion: t.PolicyVersion, Keys: keyUses(inc, ignored), Matches: matchedProfiles(matches)}
	if seenProfile != "" {
		// The activity came in by another road (an import, say): nothing
		// changes, but the ingestion is recorded so its status resolves.
		expl.Rule = matcher.RuleSeenBefore
		out := newIngestion(in.IngestionID, matcher.OutcomeDuplicate, seenProfile, "", expl,
			"this source and external_id were recorded before; nothing changed")
		if _, err := conn.Exec(ctx, insertIngestionSQL, ingestionArgs(in, out, out.Explanation, now)...); err != nil {
			return Ingestion{}, err
		}
		return out, commit()
	}

	decision := matcher.Decide(inc, keys, matches, policy)
	expl.Rule = decision.Rule
	var profile matcher.Profile
	w := &pgx.Batch{}
	if decision.Outcome == matcher.OutcomeCreated {
		profile, expl.Changes = matcher.NewProfile(inc, newProfileID(), now)
		queueInsertProfile(w, in.TenantID, profile)
		queueContactPoints(w, in.TenantID, profile, inc.Everything().Contacts(), now, false)
	} else {
		i := slices.IndexFunc(matches, func(m matcher.Match) bool { return m.Profile.ID == decision.Target })
		before := matches[i].Profile
		profile = before
		expl.Changes = matcher.Apply(&profile, inc, now)
		if len(expl.Changes) > 0 {
			queueUpdateProfile(w, in.TenantID, profile, before.FirstName != profile.FirstName || before.LastName != profile.LastName)
		}
		queueContactPoints(w, in.TenantID, profile, inc.Contacts(), now, primariesMoved(before, profile))
	}

	var reviewID string
	var reviewOpened map[string]any // review.opened's data, when a candidate opened
	if len(decision.Review) > 0 {
		ids := decision.Review
		if decision.Outcome == matcher.OutcomeCreated {
			ids = append(slices.Clone(ids), profile.ID)
		}
		var opened bool
		reviewID, opened, err = openCandidate(ctx, conn, in.TenantID, ids, string(decision.Rule), 1,
			map[string]any{"ingestion_id": in.IngestionID, "rule": decision.Rule, "matches": expl.Matches}, now, false)
		if err != nil {
			return Ingestion{}, err
		}
		if opened {
			// Written after the profile's event, which it names.
			reviewOpened = map[string]any{"review_id": reviewID, "profile_ids": sortedSet(ids), "reason": string(decision.Rule)}
		}
	}

	out := newIngestion(in.IngestionID, decision.Outcome, profile.ID, reviewID, expl, reason(decision, len(matches), expl, reviewID != ""))
	w.Queue(`INSERT INTO activities (tenant_id, id, profile_id, kind, source, external_id, occurred_at, details, ingestion_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		in.TenantID, uuid.Must(uuid.NewV7()), profile.ID, in.Kind, in.Source, in.ExternalID,
		cmp.Or(in.OccurredAt, in.AcceptedAt, now), detailsOrEmpty(in.Details), in.IngestionID, now)
	// The explanation goes to the ingestion and to the profile's history:
	// encoded once for both.
	explJSON, err := json.Marshal(expl)
	if err != nil {
		return Ingestion{}, fmt.Errorf("explanation: %w", err)
	}
	w.Queue(insertIngestionSQL, ingestionArgs(in, out, explJSON, now)...)
	switch {
	case decision.Outcome == matcher.OutcomeCreated:
		queueEvent(w, in.TenantID, EventProfileCreated, now, map[string]any{"profile_id": profile.ID, "fields": changedFields(expl.Changes)})
	case len(expl.Changes) > 0:
		queueEvent(w, in.TenantID, EventProfileUpdated, now, map[string]any{"profile_id": profile.ID, "changed_fields": changedFields(expl.Changes)})
	}
	if reviewOpened != nil {
		queueEvent(w, in.TenantID, EventReviewOpened, now, reviewOpened)
	}
	w.Queue(`INSERT INTO audit_events (tenant_id, at, actor, action, profile_ids, ingestion_id, details)
		VALUES ($1, $2, 'worker', $3, $4, $5, $6)`,
		in.TenantID, now, string(decision.Outcome), []string{profile.ID}, in.IngestionID, explJSON)
	w.Queue("COMMIT")
	if err := conn.SendBatch(ctx, w).Close(); err != nil {
		return Ingestion{}, fmt.Errorf("write decision: %w", err)
	}
	committed = true
	return out, nil
}

// FailIngestion records that a booking can never be processed, with why,
// so that its status answers "failed" instead of "queued" forever.
//
// There is nothing to record when the tenant does not exist (any more) or
// the ids are not ids: nobody could ask for that ingestion. That is not an
// error, so the task is archived rather than retried for ever.
func (s *Store) FailIngestion(ctx context.Context, in Ingest, why string) error {
	if uuid.Validate(in.TenantID) != nil || uuid.Validate(in.IngestionID) != nil {
		return nil
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO ingestions (tenant_id, id, source, external_id, status, reason, accepted_at, processed_at)
		SELECT $1, $2, $3, $4, 'failed', $5, $6, $7 WHERE EXISTS (SELECT 1 FROM tenants WHERE id = $1)
		ON CONFLICT (tenant_id, id) DO UPDATE SET reason = EXCLUDED.reason, accepted_at = EXCLUDED.accepted_at,
			processed_at = EXCLUDED.processed_at
		WHERE ingestions.status = 'failed'`,
		in.TenantID, in.IngestionID, in.Source, in.ExternalID, why, nullTime(in.AcceptedAt), s.Now())
	if err != nil {
		return fmt.Errorf("record failed ingestion: %w", interpret(err))
	}
	return nil
}

// Ingestion returns a processed ingestion of the tenant, or ErrNotFound.
func (s *Store) Ingestion(ctx context.Context, tenantID, id string) (Ingestion, error) {
	if uuid.Validate(id) != nil {
		return Ingestion{}, ErrNotFound
	}
	ing, err := scanIngestion(s.pool.QueryRow(ctx, `SELECT `+ingestionColumns+` FROM ingestions WHERE tenant_id = $1 AND id = $2`, tenantID, id))
	if err != nil {
		return Ingestion{}, fmt.Errorf("ingestion: %w", interpret(err))
	}
	return ing, nil
}

const ingestionColumns = `id, status, decision, profile_id, review_id, reason, explanation, accepted_at`

func scanIngestion(row pgx.Row) (Ingestion, error) {
	var ing Ingestion
	var accepted *time.Time
	err := row.Scan(&ing.ID, &ing.Status, &ing.Decision, &ing.ProfileID, &ing.ReviewID, &ing.Reason, &ing.Explanation, &accepted)
	if accepted != nil {
		ing.AcceptedAt = *accepted
	}
	return ing, err
}

// insertIngestionSQL records a decision. It replaces the row of an earlier
// permanent failure of the same booking, which the client corrected and
// sent again; a done row is never replaced (the replay answered first).
const insertIngestionSQL = `INSERT INTO ingestions (tenant_id, id, source, external_id, status, decision, profile_id, review_id,
	reason, explanation, accepted_at, processed_at) VALUES ($1, $2, $3, $4, 'done', $5, $6, $7, $8, $9, $10, $11)
	ON CONFLICT (tenant_id, id) DO UPDATE SET status = 'done', decision = EXCLUDED.decision, profile_id = EXCLUDED.profile_id,
		review_id = EXCLUDED.review_id, reason = EXCLUDED.reason, explanation = EXCLUDED.explanation,
		accepted_at = EXCLUDED.accepted_at, processed_at = EXCLUDED.processed_at
	WHERE ingestions.status = 'failed'`

// ingestionArgs are insertIngestionSQL's arguments; explanation is
// out.Explanation, or the same already encoded.
func ingestionArgs(in Ingest, out Ingestion, explanation any, now time.Time) []any {
	return []any{in.TenantID, in.IngestionID, in.Source, in.ExternalID, out.Decision, out.ProfileID, out.ReviewID,
		out.Reason, explanation, nullTime(in.AcceptedAt), now}
}

func newIngestion(id string, outcome matcher.Outcome, profileID, reviewID string, expl *Explanation, why string) Ingestion {
	d := string(outcome)
	ing := Ingestion{ID: id, Status: StatusDone, Decision: &d, ProfileID: &profileID, Reason: why, Explanation: expl}
	if reviewID != "" {
		ing.ReviewID = &reviewID
	}
	return ing
}

// reason words a decision (matcher.Reason) with the keys set aside.
func reason(d matcher.Decision, matched int, expl *Explanation, queued bool) string {
	var unused []matcher.Ignored
	for _, k := range expl.Keys {
		if k.Problem != "" {
			unused = append(unused, matcher.Ignored{Key: matcher.Key{Kind: k.Kind, Value: k.Value}, Problem: k.Problem})
		}
	}
	return matcher.Reason(d, matched, unused, queued)
}

// keyUses lists every contact value of the booking, whether it was a key,
// and if not why.
func keyUses(in matcher.Incoming, ignored []matcher.Ignored) []KeyUse {
	var out []KeyUse
	for _, cp := range in.Everything().Contacts() {
		u := KeyUse{Kind: cp.Kind, Value: cp.Value, Used: cp.Valid && cp.Kind != matcher.FieldPhone, Problem: cp.Problem}
		for _, ig := range ignored {
			if ig.Key.Kind == cp.Kind && ig.Key.Value == cp.Value {
				u.Used, u.Problem = false, ig.Problem
			}
		}
		out = append(out, u)
	}
	return out
}

func matchedProfiles(matches []matcher.Match) []MatchedProfile {
	out := make([]MatchedProfile, len(matches))
	for i, m := range matches {
		out[i] = MatchedProfile{ProfileID: m.Profile.ID, On: m.On}
	}
	return out
}

// lockKeys returns the advisory lock keys of a booking in ascending order:
// its external id and each match key, hashed within the tenant. A hash
// collision only makes two unrelated bookings wait for each other.
func lockKeys(in Ingest, keys []matcher.Key) []int64 {
	out := []int64{lockKey(in.TenantID, "activity", in.Source, in.ExternalID)}
	for _, k := range keys {
		out = append(out, lockKey(in.TenantID, string(k.Kind), k.Value))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// lockKey is the advisory lock key of a thing within a tenant: an FNV-1a
// hash of the tenant id and parts. A merge hashes (tenant, kind, value)
// the same way, so it and an ingest of the same contact value exclude
// each other.
func lockKey(tenantID string, parts ...string) int64 {
	f := fnv.New64a()
	f.Write([]byte(tenantID))
	f.Write([]byte{0})
	for _, p := range parts {
		f.Write([]byte(p))
		f.Write([]byte{0})
	}
	return int64(f.Sum64())
}

// newProfileID draws a time-ordered id (UUIDv7), so ids sort like their
// creation and break created_at ties stably.
func newProfileID() string { return uuid.Must(uuid.NewV7()).String() }

func detailsOrEmpty(d json.RawMessage) json.RawMessage {
	if len(d) == 0 {
		return json.RawMessage(`{}`)
	}
	return d
}

func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
