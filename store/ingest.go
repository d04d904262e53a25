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
	// SearchAgain is set when an update filled in a field its profile
	// lacked (a birth date, an address, a number) and so gave it a
	// blocking key it did not have, or a mobile, whose neighbours the
	// search looks up: the profile's fuzzy search is due
	// again, as for a created profile, since a profile its earlier
	// searches passed by may now be near. A value replaced (a name typed
	// another way, a new mobile) brings no such evidence.
	SearchAgain bool `json:"-"`
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
	// Corrected says Value undoes a slip in the address as typed, which
	// could receive no mail (a doubled @, a provider's domain misspelled).
	Corrected bool `json:"corrected,omitempty"`
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

// ingestTx is one ingest transaction: the booking, the tenant whose policy
// decides it, and what its read batch found.
type ingestTx struct {
	in      Ingest
	t       Tenant
	now     time.Time
	inc     matcher.Incoming
	policy  matcher.Policy
	keys    []matcher.Key     // the match keys; the read batch drops the too shared ones
	ignored []matcher.Ignored // the contact values that are no match key, and why

	// Found by the read batch.
	earlier     *Ingestion // this ingestion, done before: answered again, nothing written
	seenProfile string     // the activity's profile, when it came in by another road
	matches     []matcher.Match
}

// newIngestTx prepares the transaction of one booking under tenant t:
// the booking normalised, the tenant's policy and the booking's keys.
func newIngestTx(in Ingest, t Tenant, now time.Time) *ingestTx {
	inc := matcher.NewIncoming(matcher.WithBirthDateRead(in.Customer, t.Region), in.Requested, t.Region)
	policy := t.Policy()
	keys, ignored := policy.Screen(inc.Keys())
	inc = inc.SetAside(ignored)
	return &ingestTx{in: in, t: t, now: now, inc: inc, policy: policy, keys: keys, ignored: ignored}
}

// ingest runs the ingest transaction in two round trips: BEGIN and every
// read are pipelined in one batch (readIngest), every write and COMMIT in
// the other (writeIngest).
func (s *Store) ingest(ctx context.Context, in Ingest, cached Tenant) (Ingestion, error) {
	x := newIngestTx(in, cached, s.Now())
	var out Ingestion
	err := pipelined(ctx, s.pool, beginGeneric, func(tx *pipelinedTx) error {
		if err := s.readIngest(ctx, tx, x); err != nil {
			return err
		}
		var err error
		out, err = writeIngest(ctx, tx, x)
		return err
	})
	if err != nil {
		return Ingestion{}, err
	}
	return out, nil
}

// readIngest sends the first round trip: BEGIN, the tenant's current
// policy version, the locks, what was seen before, how many profiles hold
// each key, and the matches on the keys not too shared. A policy that
// changed since the tenant was cached answers errStaleTenant.
func (s *Store) readIngest(ctx context.Context, tx *pipelinedTx, x *ingestTx) error {
	b := &pgx.Batch{}
	queueTenantCheck(b, x.in.TenantID)
	b.Queue(lockSQL, lockKeys(x.in, x.keys))
	queueBookingReads(b, x)
	return tx.send(ctx, b, func(br pgx.BatchResults) error {
		if err := s.checkTenant(br, x.t); err != nil {
			return err
		}
		if _, err := br.Exec(); err != nil {
			return fmt.Errorf("lock keys: %w", err)
		}
		return readBookingReads(br, x)
	})
}

// lockSQL takes the advisory locks of $1, in the order given.
const lockSQL = `SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k`

// queueTenantCheck queues the read of the tenant's row that checkTenant
// reads.
func queueTenantCheck(b *pgx.Batch, tenantID string) {
	b.Queue(`SELECT `+tenantColumns+` FROM tenants WHERE id = $1`, tenantID)
}

// checkTenant reads the tenant's row and answers errStaleTenant when its
// policy is no longer the cached one t (which it replaces in the cache).
func (s *Store) checkTenant(br pgx.BatchResults, t Tenant) error {
	current, err := scanTenant(br.QueryRow())
	if err != nil {
		s.tenants.Delete(t.ID)
		return fmt.Errorf("tenant: %w", err)
	}
	if current.PolicyVersion != t.PolicyVersion {
		s.tenants.Store(t.ID, current)
		return errStaleTenant
	}
	return nil
}

// queueBookingReads queues the reads of one booking: its earlier
// ingestion, its activity recorded by another road, and its matches;
// readBookingReads reads them.
func queueBookingReads(b *pgx.Batch, x *ingestTx) {
	in := x.in
	b.Queue(`SELECT `+ingestionColumns+` FROM ingestions WHERE tenant_id = $1 AND id = $2`, in.TenantID, in.IngestionID)
	b.Queue(`SELECT profile_id FROM activities WHERE tenant_id = $1 AND source = $2 AND external_id = $3`,
		in.TenantID, in.Source, in.ExternalID)
	queueMatches(b, in.TenantID, x.keys, x.policy.Threshold()+1)
}

func readBookingReads(br pgx.BatchResults, x *ingestTx) error {
	if done, err := x.foundEarlier(scanIngestion(br.QueryRow())); done || err != nil {
		return err
	}
	if err := br.QueryRow().Scan(&x.seenProfile); err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("earlier activity: %w", err)
	}
	shared, matches, err := readMatches(br)
	if err != nil {
		return fmt.Errorf("find matches: %w", err)
	}
	x.foundMatches(shared, matches)
	return nil
}

// foundEarlier records the booking's ingestion row as read (err is the
// read's). done says the booking was processed before: its result is
// answered again and nothing else is read or written.
func (x *ingestTx) foundEarlier(earlier Ingestion, err error) (done bool, _ error) {
	if err == nil && earlier.Status == StatusFailed {
		// It failed for good before, and the client sent it again,
		// corrected: process it now. The write overwrites its row.
		err = pgx.ErrNoRows
	}
	if err == nil {
		earlier.Replayed = true
		x.earlier = &earlier
		return true, nil
	} else if !errors.Is(err, pgx.ErrNoRows) {
		return false, fmt.Errorf("earlier ingestion: %w", err)
	}
	return false, nil
}

// foundMatches records the matches read, and sets aside the keys found
// too shared.
func (x *ingestTx) foundMatches(shared []matcher.Key, matches []matcher.Match) {
	x.matches = matches
	for _, k := range shared {
		x.ignored = append(x.ignored, matcher.Ignored{Key: k, Problem: matcher.ProblemShared})
		x.keys = slices.DeleteFunc(x.keys, k.Same)
	}
}

// ingestRecord is a decision and what records it besides the profile and
// its contact points: the activity, the ingestion row, the events and the
// audit event.
type ingestRecord struct {
	out Ingestion
	// written says the decision wrote a profile (out.ProfileID) and an
	// activity; otherwise the booking was processed before (out is the
	// earlier result: nothing is written) or its activity was recorded by
	// another road (only the ingestion row is written).
	written bool
	replay  bool
	outcome matcher.Outcome
	expl    any // the explanation as the rows store it: encoded once, or out.Explanation
	events  []ingestEvent
}

// ingestEvent is a webhook event a decision emits.
type ingestEvent struct {
	typ  string
	data map[string]any
}

// writeIngest decides and sends the second round trip: the profile, its
// contact points, the activity, the ingestion, the events and the audit
// record, then COMMIT. Opening a review candidate goes before, on its own.
// A replay writes nothing.
func writeIngest(ctx context.Context, tx *pipelinedTx, x *ingestTx) (Ingestion, error) {
	w := &pgx.Batch{}
	rec, err := decideIngest(ctx, tx, x, w)
	if err != nil || rec.replay {
		return rec.out, err
	}
	in, now, out := x.in, x.now, rec.out
	if !rec.written {
		w.Queue(insertIngestionSQL, ingestionArgs(in, out, rec.expl, now)...)
		return out, tx.commit(ctx, w, nil)
	}
	w.Queue(`INSERT INTO activities (tenant_id, id, profile_id, kind, source, external_id, occurred_at, details, ingestion_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		in.TenantID, uuid.Must(uuid.NewV7()), *out.ProfileID, in.Kind, in.Source, in.ExternalID,
		cmp.Or(in.OccurredAt, in.AcceptedAt, now), detailsOrEmpty(in.Details), in.IngestionID, now)
	w.Queue(insertIngestionSQL, ingestionArgs(in, out, rec.expl, now)...)
	for _, e := range rec.events {
		queueEvent(w, in.TenantID, e.typ, now, e.data)
	}
	w.Queue(`INSERT INTO audit_events (tenant_id, at, actor, action, profile_ids, ingestion_id, details)
		VALUES ($1, $2, 'worker', $3, $4, $5, $6)`,
		in.TenantID, now, string(rec.outcome), []string{*out.ProfileID}, in.IngestionID, rec.expl)
	if err := tx.commit(ctx, w, nil); err != nil {
		return Ingestion{}, fmt.Errorf("write decision: %w", err)
	}
	return out, nil
}

// decideIngest decides a booking whose reads are done, queues the writes
// of its profile and contact points on w, opens the review candidate the
// decision asks for (a statement of its own, run at once), and returns
// the decision with what remains to record it.
func decideIngest(ctx context.Context, tx *pipelinedTx, x *ingestTx, w *pgx.Batch) (ingestRecord, error) {
	if x.earlier != nil {
		return ingestRecord{out: *x.earlier, replay: true}, nil
	}
	in := x.in
	expl := &Explanation{PolicyVersion: x.t.PolicyVersion, Keys: keyUses(x.inc, x.ignored), Matches: matchedProfiles(x.matches)}
	if x.seenProfile != "" {
		// The activity came in by another road (an import, say): nothing
		// changes, but the ingestion is recorded so its status resolves.
		expl.Rule = matcher.RuleSeenBefore
		out := newIngestion(in.IngestionID, matcher.OutcomeDuplicate, x.seenProfile, "", expl,
			"this source and external_id were recorded before; nothing changed")
		return ingestRecord{out: out, outcome: matcher.OutcomeDuplicate, expl: out.Explanation}, nil
	}

	decision := matcher.Decide(x.inc, x.keys, x.matches, x.policy)
	expl.Rule = decision.Rule
	profile, gained := queueDecision(w, x, decision, expl)
	reviewID, reviewOpened, err := openIngestReview(ctx, tx, x, decision, profile.ID, expl)
	if err != nil {
		return ingestRecord{}, err
	}

	out := newIngestion(in.IngestionID, decision.Outcome, profile.ID, reviewID, expl, reason(decision, len(x.matches), expl, reviewID != ""))
	out.SearchAgain = gained
	// The explanation goes to the ingestion and to the profile's history:
	// encoded once for both.
	explJSON, err := json.Marshal(expl)
	if err != nil {
		return ingestRecord{}, fmt.Errorf("explanation: %w", err)
	}
	rec := ingestRecord{out: out, written: true, outcome: decision.Outcome, expl: explJSON}
	switch {
	case decision.Outcome == matcher.OutcomeCreated:
		rec.events = append(rec.events, ingestEvent{EventProfileCreated, map[string]any{"profile_id": profile.ID, "fields": changedFields(expl.Changes)}})
	case len(expl.Changes) > 0:
		rec.events = append(rec.events, ingestEvent{EventProfileUpdated, map[string]any{"profile_id": profile.ID, "changed_fields": changedFields(expl.Changes)}})
	}
	if reviewOpened != nil {
		rec.events = append(rec.events, ingestEvent{EventReviewOpened, reviewOpened})
	}
	return rec, nil
}

// queueDecision applies a decision to the profile it names, or to a new
// one, queues the profile's writes and its contact points, records the
// changes in expl, and returns the profile as written. gained says an
// update filled in a field and so gave the profile a blocking key it did
// not have (Ingestion.SearchAgain).
func queueDecision(w *pgx.Batch, x *ingestTx, decision matcher.Decision, expl *Explanation) (profile matcher.Profile, gained bool) {
	tenantID := x.in.TenantID
	if decision.Outcome == matcher.OutcomeCreated {
		profile, expl.Changes = matcher.NewProfile(x.inc, newProfileID(), x.now)
		queueInsertProfile(w, x.t, profile)
		queueContactPoints(w, tenantID, profile, x.inc.Everything().Contacts(), x.now, false)
		return profile, false
	}
	i := slices.IndexFunc(x.matches, func(m matcher.Match) bool { return m.Profile.ID == decision.Target })
	before := x.matches[i].Profile
	profile = before
	inc := x.inc
	switch {
	case decision.NamesSwapped:
		// Martin / Sophie for Sophie Martin: the names go back to the
		// profile's order, not over it.
		inc.Customer.FirstName, inc.Customer.LastName = inc.Customer.LastName, inc.Customer.FirstName
	case decision.NamesOtherwise:
		// Hoyin Cheung in one box for Hoyin / Cheung: the profile's names
		// stay as they are.
		inc.Customer.FirstName, inc.Customer.LastName = "", ""
	case decision.FirstNameKept || decision.LastNameKept:
		// Cahterine for Catherine, Okek for Okeke: the profile keeps the
		// name, not the booking's slip.
		if decision.FirstNameKept {
			inc.Customer.FirstName = ""
		}
		if decision.LastNameKept {
			inc.Customer.LastName = ""
		}
	}
	expl.Changes = matcher.Apply(&profile, inc, x.now)
	if len(expl.Changes) > 0 {
		rr := x.t.recordReading()
		keys := blockingKeys(profile, rr)
		// A mobile filled in is no stored key, but the search looks up
		// the numbers one slip from it.
		gained = fillsIn(expl.Changes) && (gainsKeys(blockingKeys(before, rr), keys) || before.Mobile == "" && profile.Mobile != "")
		queueUpdateProfile(w, x.t, profile, keys, before.FirstName != profile.FirstName || before.LastName != profile.LastName)
	}
	queueContactPoints(w, tenantID, profile, x.inc.Contacts(), x.now, primariesMoved(before, profile))
	return profile, gained
}

// openIngestReview opens (or feeds) the review candidate a decision asks
// for, with profileID when the decision created it. It returns the
// candidate's id ("" when none) and, when the candidate is new, the data
// of its review.opened event, which the caller writes after the profile's
// event, which it names.
func openIngestReview(ctx context.Context, tx *pipelinedTx, x *ingestTx, decision matcher.Decision, profileID string,
	expl *Explanation) (string, map[string]any, error) {
	if len(decision.Review) == 0 {
		return "", nil, nil
	}
	ids := decision.Review
	if decision.Outcome == matcher.OutcomeCreated {
		ids = append(slices.Clone(ids), profileID)
	}
	reviewID, opened, err := openIngestCandidate(ctx, tx, x.in.TenantID, ids, string(decision.Rule),
		map[string]any{"ingestion_id": x.in.IngestionID, "rule": decision.Rule, "matches": expl.Matches}, x.now)
	if err != nil || !opened {
		return reviewID, nil, err
	}
	return reviewID, map[string]any{"review_id": reviewID, "profile_ids": sortedSet(ids), "reason": string(decision.Rule)}, nil
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
// and if not why. A phone that is a definite mobile was a mobile key.
func keyUses(in matcher.Incoming, ignored []matcher.Ignored) []KeyUse {
	var out []KeyUse
	for _, cp := range in.Everything().Contacts() {
		k, isKey := cp.Key()
		u := KeyUse{Kind: cp.Kind, Value: cp.Value, Used: isKey, Problem: cp.Problem, Corrected: cp.Corrected}
		for _, ig := range ignored {
			if isKey && ig.Key.Same(k) {
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
