package store

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"dedupe/matcher"
)

// IngestResult is the outcome of one booking of IngestBatch: what Ingest
// would have answered for it.
type IngestResult struct {
	Ingestion Ingestion
	Err       error
}

// IngestBatch matches and records several bookings or sales, one
// transaction per tenant among them, and answers each as Ingest would, in
// the order given. A single booking is Ingest itself: a batch of one costs
// what a booking costs alone.
//
// The bookings of a tenant share one transaction, so the BEGIN, the
// COMMIT and its WAL flush, the policy check and the locks are paid once
// for them all (ingestBatch says how). Each booking keeps its own
// decision, explanation, ingestion row, audit event and replay: a booking
// delivered again is answered from its row, whichever batch it came in.
//
// When the shared transaction fails for a reason other than the database
// being unreachable (a value PostgreSQL refuses, a deadlock with another
// transaction), its bookings are run again one transaction each, so that
// the one at fault fails alone and its neighbours are recorded.
func (s *Store) IngestBatch(ctx context.Context, ins []Ingest) []IngestResult {
	out := make([]IngestResult, len(ins))
	if len(ins) == 1 {
		out[0].Ingestion, out[0].Err = s.Ingest(ctx, ins[0])
		return out
	}
	byTenant := map[string][]int{}
	var tenants []string
	for i, in := range ins {
		if _, ok := byTenant[in.TenantID]; !ok {
			tenants = append(tenants, in.TenantID)
		}
		byTenant[in.TenantID] = append(byTenant[in.TenantID], i)
	}
	for _, id := range tenants {
		s.ingestTenant(ctx, ins, byTenant[id], out)
	}
	return out
}

// ingestTenant ingests ins[i] for every i of idx, bookings of one tenant,
// and writes their results to out[i].
func (s *Store) ingestTenant(ctx context.Context, ins []Ingest, idx []int, out []IngestResult) {
	alone := func() {
		for _, i := range idx {
			out[i].Ingestion, out[i].Err = s.Ingest(ctx, ins[i])
		}
	}
	if len(idx) == 1 {
		alone()
		return
	}
	batch := make([]Ingest, len(idx))
	for j, i := range idx {
		batch[j] = ins[i]
	}
	failAll := func(err error) {
		for _, i := range idx {
			out[i].Err = fmt.Errorf("ingest: %w", err)
		}
	}
	for attempt := 0; ; attempt++ {
		t, err := s.cachedTenant(ctx, batch[0].TenantID)
		if err != nil {
			failAll(interpret(err))
			return
		}
		res, err := s.ingestBatch(ctx, batch, t)
		if errors.Is(err, errStaleTenant) && attempt < 3 {
			continue // the policy changed since it was cached: decide under the new one
		}
		if err == nil {
			for j, i := range idx {
				out[i].Ingestion = res[j]
			}
			return
		}
		err = interpret(err)
		if errors.Is(err, ErrUnavailable) || errors.Is(err, ErrNotFound) || ctx.Err() != nil {
			failAll(err) // each booking alone would fail alike
			return
		}
		alone()
		return
	}
}

// ingestBatch runs the transaction of several bookings of tenant t,
// usually in two round trips:
//
//  1. BEGIN, the tenant's policy version, the advisory locks of every
//     booking's external id and keys, sorted and taken in one statement
//     (so two batches, or a batch and a merge, never wait for each other
//     in a cycle), the earlier ingestions and activities of all the
//     bookings (one statement each), and each booking's matches;
//  2. each booking's profile and contact points, then the activities, the
//     ingestion rows and the audit events of all of them (one statement
//     each), each booking's events, and COMMIT.
//
// The bookings are decided in the order given, each on what its reads
// found. A booking whose reads an earlier one of the batch made stale (it
// shares a contact value with it, matched a profile it wrote, or is the
// same booking again) is read again first, behind the writes queued
// before it, in a round trip of its own: so two bookings of one customer
// in a batch end on one profile, applied in order, as in two transactions.
// A review candidate opens in a statement of its own, as in Ingest.
func (s *Store) ingestBatch(ctx context.Context, batch []Ingest, t Tenant) ([]Ingestion, error) {
	xs := make([]*ingestTx, len(batch))
	var locks []int64
	for i, in := range batch {
		xs[i] = newIngestTx(in, t, s.Now())
		locks = append(locks, lockKeys(in, xs[i].keys)...)
	}
	slices.Sort(locks)
	locks = slices.Compact(locks)
	outs := make([]Ingestion, len(batch))
	err := pipelined(ctx, s.pool, beginGeneric, func(tx *pipelinedTx) error {
		if err := s.readBatch(ctx, tx, t, xs, locks); err != nil {
			return err
		}
		w := &pgx.Batch{}
		rows := &batchRows{tenantID: t.ID}
		written := newBatchWritten()
		for i, x := range xs {
			if written.stale(x) {
				*x = *newIngestTx(x.in, t, x.now)
				if err := rereadBooking(ctx, tx, w, rows, x); err != nil {
					return err
				}
				w, rows = &pgx.Batch{}, &batchRows{tenantID: t.ID}
			}
			rec, err := decideIngest(ctx, tx, x, w)
			if err != nil {
				return err
			}
			written.add(x, rec)
			if !rec.replay {
				if err := rows.add(x, rec); err != nil {
					return err
				}
			}
			outs[i] = rec.out
		}
		rows.queue(w)
		if err := tx.commit(ctx, w, nil); err != nil {
			return fmt.Errorf("write decisions: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return outs, nil
}

// earlierIngestionsSQL reads the ingestion rows of the ids $2 already
// recorded, and earlierActivitiesSQL the activities of the (source,
// external_id) pairs $2, $3: each probes its unique index once per booking
// of the batch, whatever the batch's size (OFFSET 0 keeps the lateral
// subquery a subquery, not a join the planner may turn into a scan of the
// tenant's rows) and whatever the statistics say (migration 0013,
// TestHotPathPlansIgnoreStaleStatistics).
var (
	earlierIngestionsSQL = `SELECT i.` + strings.ReplaceAll(ingestionColumns, ", ", ", i.") + ` FROM unnest($2::uuid[]) AS k(id)
		CROSS JOIN LATERAL (SELECT * FROM ingestions WHERE tenant_id = $1 AND id = k.id OFFSET 0) i`
	earlierActivitiesSQL = `SELECT a.source, a.external_id, a.profile_id FROM unnest($2::text[], $3::text[]) AS k(source, external_id)
		CROSS JOIN LATERAL (SELECT source, external_id, profile_id FROM activities
			WHERE tenant_id = $1 AND source = k.source AND external_id = k.external_id OFFSET 0) a`
)

// readBatch sends the batch's first round trip (ingestBatch, 1).
func (s *Store) readBatch(ctx context.Context, tx *pipelinedTx, t Tenant, xs []*ingestTx, locks []int64) error {
	ids := make([]string, len(xs))
	sources, externalIDs := make([]string, len(xs)), make([]string, len(xs))
	for i, x := range xs {
		ids[i], sources[i], externalIDs[i] = x.in.IngestionID, x.in.Source, x.in.ExternalID
	}
	b := &pgx.Batch{}
	queueTenantCheck(b, t.ID)
	b.Queue(lockSQL, locks)
	b.Queue(earlierIngestionsSQL, t.ID, ids)
	b.Queue(earlierActivitiesSQL, t.ID, sources, externalIDs)
	for _, x := range xs {
		queueMatches(b, t.ID, x.keys, x.policy.Threshold()+1)
	}
	return tx.send(ctx, b, func(br pgx.BatchResults) error {
		if err := s.checkTenant(br, t); err != nil {
			return err
		}
		if _, err := br.Exec(); err != nil {
			return fmt.Errorf("lock keys: %w", err)
		}
		rows, _ := br.Query()
		earlier, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Ingestion, error) { return scanIngestion(row) })
		if err != nil {
			return fmt.Errorf("earlier ingestions: %w", err)
		}
		rows, _ = br.Query()
		seen := map[[2]string]string{}
		var source, externalID, profileID string
		_, err = pgx.ForEachRow(rows, []any{&source, &externalID, &profileID}, func() error {
			seen[[2]string{source, externalID}] = profileID
			return nil
		})
		if err != nil {
			return fmt.Errorf("earlier activities: %w", err)
		}
		for _, x := range xs {
			shared, matches, err := readMatches(br)
			if err != nil {
				return fmt.Errorf("find matches: %w", err)
			}
			i := slices.IndexFunc(earlier, func(e Ingestion) bool { return e.ID == x.in.IngestionID })
			if i >= 0 {
				if done, err := x.foundEarlier(earlier[i], nil); done || err != nil {
					continue
				}
			}
			x.seenProfile = seen[[2]string{x.in.Source, x.in.ExternalID}]
			x.foundMatches(shared, matches)
		}
		return nil
	})
}

// rereadBooking sends the writes queued so far (w and rows) with the
// reads of x behind them, and reads x's.
func rereadBooking(ctx context.Context, tx *pipelinedTx, w *pgx.Batch, rows *batchRows, x *ingestTx) error {
	rows.queue(w)
	writes := w.Len()
	queueBookingReads(w, x)
	return tx.send(ctx, w, func(br pgx.BatchResults) error {
		for range writes {
			if _, err := br.Exec(); err != nil {
				return fmt.Errorf("write decisions: %w", err)
			}
		}
		return readBookingReads(br, x)
	})
}

// batchWritten is what the bookings decided so far in a batch wrote, to
// tell which later booking's reads it made stale.
type batchWritten struct {
	profiles   map[string]bool
	contacts   map[matcher.Key]bool // kind and value of each contact point written
	ingestions map[string]bool
	activities map[[2]string]bool
}

func newBatchWritten() *batchWritten {
	return &batchWritten{profiles: map[string]bool{}, contacts: map[matcher.Key]bool{}, ingestions: map[string]bool{},
		activities: map[[2]string]bool{}}
}

// add records what x's decision rec writes.
func (b *batchWritten) add(x *ingestTx, rec ingestRecord) {
	b.ingestions[x.in.IngestionID] = true
	b.activities[[2]string{x.in.Source, x.in.ExternalID}] = true
	if !rec.written {
		return
	}
	b.profiles[*rec.out.ProfileID] = true
	for _, cp := range x.inc.Everything().Contacts() {
		b.contacts[matcher.Key{Kind: cp.Kind, Value: cp.Value}] = true
	}
}

// stale says whether x's reads may have missed what the bookings before it
// wrote: the same booking, a profile it matched, or one of its keys, which
// a profile may have gained under any kind the key is looked up in (and
// which may be too shared now). Its keys are compared before the read set
// the shared ones aside.
func (b *batchWritten) stale(x *ingestTx) bool {
	if b.ingestions[x.in.IngestionID] || b.activities[[2]string{x.in.Source, x.in.ExternalID}] {
		return true
	}
	keys, _ := x.policy.Screen(x.inc.Keys())
	for _, k := range keys {
		for _, kind := range k.Kinds() {
			if b.contacts[matcher.Key{Kind: kind, Value: k.Value}] {
				return true
			}
		}
	}
	return slices.ContainsFunc(x.matches, func(m matcher.Match) bool { return b.profiles[m.Profile.ID] })
}

// batchRows gathers the activities, ingestion rows and audit events of a
// batch's decisions, written by one statement per table (queue), and the
// decisions' events, written in order behind them.
type batchRows struct {
	tenantID string

	actIDs, actProfiles, actKinds, actSources, actExternalIDs, actDetails, actIngestions []string
	actOccurred, actCreated                                                              []time.Time

	ingIDs, ingSources, ingExternalIDs, ingDecisions, ingReasons, ingExplanations []string
	ingProfiles, ingReviews                                                       []*string
	ingAccepted                                                                   []*time.Time
	ingProcessed                                                                  []time.Time

	audAt                                              []time.Time
	audActions, audProfiles, audIngestions, audDetails []string
	events                                             []ingestEvent
	eventsAt                                           []time.Time
}

// add gathers the rows of x's decision rec (not a replay, which writes
// nothing).
func (r *batchRows) add(x *ingestTx, rec ingestRecord) error {
	in, now, out := x.in, x.now, rec.out
	expl, ok := rec.expl.([]byte)
	if !ok {
		var err error
		if expl, err = json.Marshal(rec.expl); err != nil {
			return fmt.Errorf("explanation: %w", err)
		}
	}
	r.ingIDs = append(r.ingIDs, in.IngestionID)
	r.ingSources = append(r.ingSources, in.Source)
	r.ingExternalIDs = append(r.ingExternalIDs, in.ExternalID)
	r.ingDecisions = append(r.ingDecisions, *out.Decision)
	r.ingProfiles = append(r.ingProfiles, out.ProfileID)
	r.ingReviews = append(r.ingReviews, out.ReviewID)
	r.ingReasons = append(r.ingReasons, out.Reason)
	r.ingExplanations = append(r.ingExplanations, string(expl))
	r.ingAccepted = append(r.ingAccepted, nullTime(in.AcceptedAt))
	r.ingProcessed = append(r.ingProcessed, now)
	if !rec.written {
		return nil
	}
	r.actIDs = append(r.actIDs, uuid.Must(uuid.NewV7()).String())
	r.actProfiles = append(r.actProfiles, *out.ProfileID)
	r.actKinds = append(r.actKinds, in.Kind)
	r.actSources = append(r.actSources, in.Source)
	r.actExternalIDs = append(r.actExternalIDs, in.ExternalID)
	r.actOccurred = append(r.actOccurred, cmp.Or(in.OccurredAt, in.AcceptedAt, now))
	r.actDetails = append(r.actDetails, string(detailsOrEmpty(in.Details)))
	r.actIngestions = append(r.actIngestions, in.IngestionID)
	r.actCreated = append(r.actCreated, now)
	r.audAt = append(r.audAt, now)
	r.audActions = append(r.audActions, string(rec.outcome))
	r.audProfiles = append(r.audProfiles, *out.ProfileID)
	r.audIngestions = append(r.audIngestions, in.IngestionID)
	r.audDetails = append(r.audDetails, string(expl))
	for _, e := range rec.events {
		r.events = append(r.events, e)
		r.eventsAt = append(r.eventsAt, now)
	}
	return nil
}

// queue queues the gathered rows on b, behind the profiles they name.
func (r *batchRows) queue(b *pgx.Batch) {
	if len(r.actIDs) > 0 {
		b.Queue(`INSERT INTO activities (tenant_id, id, profile_id, kind, source, external_id, occurred_at, details, ingestion_id, created_at)
			SELECT $1, a.id, a.profile_id, a.kind, a.source, a.external_id, a.occurred_at, a.details::jsonb, a.ingestion_id, a.created_at
			FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::uuid[],
			            $10::timestamptz[]) AS a(id, profile_id, kind, source, external_id, occurred_at, details, ingestion_id, created_at)`,
			r.tenantID, r.actIDs, r.actProfiles, r.actKinds, r.actSources, r.actExternalIDs, r.actOccurred, r.actDetails,
			r.actIngestions, r.actCreated)
	}
	if len(r.ingIDs) > 0 {
		b.Queue(`INSERT INTO ingestions (tenant_id, id, source, external_id, status, decision, profile_id, review_id,
				reason, explanation, accepted_at, processed_at)
			SELECT $1, i.id, i.source, i.external_id, 'done', i.decision, i.profile_id, i.review_id, i.reason, i.explanation::jsonb,
			       i.accepted_at, i.processed_at
			FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::text[], $9::text[],
			            $10::timestamptz[], $11::timestamptz[])
			     AS i(id, source, external_id, decision, profile_id, review_id, reason, explanation, accepted_at, processed_at)
			ON CONFLICT (tenant_id, id) DO UPDATE SET status = 'done', decision = EXCLUDED.decision, profile_id = EXCLUDED.profile_id,
				review_id = EXCLUDED.review_id, reason = EXCLUDED.reason, explanation = EXCLUDED.explanation,
				accepted_at = EXCLUDED.accepted_at, processed_at = EXCLUDED.processed_at
			WHERE ingestions.status = 'failed'`,
			r.tenantID, r.ingIDs, r.ingSources, r.ingExternalIDs, r.ingDecisions, r.ingProfiles, r.ingReviews, r.ingReasons,
			r.ingExplanations, r.ingAccepted, r.ingProcessed)
	}
	if len(r.audAt) > 0 {
		b.Queue(`INSERT INTO audit_events (tenant_id, at, actor, action, profile_ids, ingestion_id, details)
			SELECT $1, e.at, 'worker', e.action, ARRAY[e.profile_id], e.ingestion_id, e.details::jsonb
			FROM unnest($2::timestamptz[], $3::text[], $4::uuid[], $5::uuid[], $6::text[]) WITH ORDINALITY
			     AS e(at, action, profile_id, ingestion_id, details, n)
			ORDER BY e.n`,
			r.tenantID, r.audAt, r.audActions, r.audProfiles, r.audIngestions, r.audDetails)
	}
	for i, e := range r.events {
		queueEvent(b, r.tenantID, e.typ, r.eventsAt[i], e.data)
	}
}
