package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
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

// The webhook event types (DESIGN.md, Webhooks).
const (
	EventProfileCreated  = "profile.created"
	EventProfileUpdated  = "profile.updated"
	EventProfileMerged   = "profile.merged"
	EventProfileUnmerged = "profile.unmerged"
	EventProfileErased   = "profile.erased"
	EventReviewOpened    = "review.opened"
	EventReviewClosed    = "review.closed"
)

// EventTypes lists every event type an endpoint may subscribe to.
var EventTypes = []string{EventProfileCreated, EventProfileUpdated, EventProfileMerged, EventProfileUnmerged,
	EventProfileErased, EventReviewOpened, EventReviewClosed}

// Webhook is an endpoint a tenant registered. Its secret is returned once,
// by CreateWebhook.
type Webhook struct {
	ID             string     `json:"id"`
	URL            string     `json:"url"`
	Events         []string   `json:"events"`
	CreatedAt      time.Time  `json:"created_at"`
	DisabledAt     *time.Time `json:"disabled_at"`
	DisabledReason *string    `json:"disabled_reason"`
	// Pending counts the events it has yet to receive.
	Pending int `json:"pending"`
}

// secretBytes is the length of a signing key; Standard Webhooks asks for
// 24 to 64 bytes.
const secretBytes = 32

// CreateWebhook registers an endpoint for events and returns it with its
// signing secret ("whsec_" + base64, the Standard Webhooks form). It
// receives the events that happen from now on. The caller checks the URL.
func (s *Store) CreateWebhook(ctx context.Context, tenantID, url string, events []string) (Webhook, string, error) {
	if len(events) == 0 {
		return Webhook{}, "", fmt.Errorf("%w: a webhook needs at least one event type", ErrInvalid)
	}
	for _, e := range events {
		if !slices.Contains(EventTypes, e) {
			return Webhook{}, "", fmt.Errorf("%w: unknown event type %q (types: %s)", ErrInvalid, e, strings.Join(EventTypes, ", "))
		}
	}
	key := make([]byte, secretBytes)
	rand.Read(key)
	secret := "whsec_" + base64.StdEncoding.EncodeToString(key)
	w := Webhook{ID: uuid.NewString(), URL: url, Events: slices.Compact(slices.Sorted(slices.Values(events))), CreatedAt: s.Now()}
	_, err := s.pool.Exec(ctx, `INSERT INTO webhooks (tenant_id, id, url, events, secret, created_at)
		SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM tenants WHERE id = $1)`,
		tenantID, w.ID, w.URL, w.Events, secret, w.CreatedAt)
	if err != nil {
		return Webhook{}, "", fmt.Errorf("create webhook: %w", interpret(err))
	}
	return w, secret, nil
}

const webhookColumns = `w.id, w.url, w.events, w.created_at, w.disabled_at, w.disabled_reason,
	(SELECT count(*) FROM webhook_pending p WHERE p.tenant_id = w.tenant_id AND p.webhook_id = w.id)`

func scanWebhook(row pgx.Row) (Webhook, error) {
	var w Webhook
	err := row.Scan(&w.ID, &w.URL, &w.Events, &w.CreatedAt, &w.DisabledAt, &w.DisabledReason, &w.Pending)
	w.CreatedAt = w.CreatedAt.UTC()
	return w, err
}

// Webhooks lists a tenant's endpoints, oldest first.
func (s *Store) Webhooks(ctx context.Context, tenantID string) ([]Webhook, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+webhookColumns+` FROM webhooks w WHERE w.tenant_id = $1 ORDER BY w.created_at, w.id`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("webhooks: %w", interpret(err))
	}
	ws, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Webhook, error) { return scanWebhook(r) })
	if err != nil {
		return nil, fmt.Errorf("webhooks: %w", interpret(err))
	}
	return append([]Webhook{}, ws...), nil
}

// Webhook returns one endpoint of the tenant, or ErrNotFound.
func (s *Store) Webhook(ctx context.Context, tenantID, id string) (Webhook, error) {
	if uuid.Validate(id) != nil {
		return Webhook{}, ErrNotFound
	}
	w, err := scanWebhook(s.pool.QueryRow(ctx, `SELECT `+webhookColumns+` FROM webhooks w WHERE w.tenant_id = $1 AND w.id = $2`, tenantID, id))
	if err != nil {
		return Webhook{}, fmt.Errorf("webhook: %w", interpret(err))
	}
	return w, nil
}

// DeleteWebhook removes an endpoint with what it had yet to receive and its
// delivery log.
func (s *Store) DeleteWebhook(ctx context.Context, tenantID, id string) error {
	if uuid.Validate(id) != nil {
		return ErrNotFound
	}
	tag, err := s.pool.Exec(ctx, `DELETE FROM webhooks WHERE tenant_id = $1 AND id = $2`, tenantID, id)
	if err != nil {
		return fmt.Errorf("delete webhook: %w", interpret(err))
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

// EnableWebhook turns a disabled endpoint back on (a 410, or a day of
// failures, disabled it) and returns it: the events it had yet to receive
// when it was disabled are due at once, and their day of failures and
// their backoff start again. Enabling an endpoint that is on changes nothing. The events that
// happened while it was off were not kept for it.
func (s *Store) EnableWebhook(ctx context.Context, tenantID, id string) (Webhook, error) {
	if uuid.Validate(id) != nil {
		return Webhook{}, ErrNotFound
	}
	_, err := s.pool.Exec(ctx, `WITH w AS (
			UPDATE webhooks SET disabled_at = NULL, disabled_reason = NULL
			WHERE tenant_id = $1 AND id = $2 AND disabled_at IS NOT NULL RETURNING tenant_id, id)
		UPDATE webhook_pending p SET attempts = 0, first_failed_at = NULL, next_attempt_at = $3
		FROM w WHERE p.tenant_id = w.tenant_id AND p.webhook_id = w.id`, tenantID, id, s.Now())
	if err != nil {
		return Webhook{}, fmt.Errorf("enable webhook: %w", interpret(err))
	}
	return s.Webhook(ctx, tenantID, id)
}

// Delivery is one attempt to deliver an event to an endpoint.
type Delivery struct {
	EventID    string    `json:"event_id"`
	EventType  string    `json:"event_type"`
	Attempt    int       `json:"attempt"`
	At         time.Time `json:"at"`
	StatusCode *int      `json:"status_code"`
	Error      *string   `json:"error"`
	DurationMS int       `json:"duration_ms"`
	Delivered  bool      `json:"delivered"`
}

// Deliveries returns an endpoint and its most recent delivery attempts,
// newest first, or ErrNotFound. Both are read from one snapshot, so an
// attempt listed is never still counted in the endpoint's pending events.
func (s *Store) Deliveries(ctx context.Context, tenantID, webhookID string, limit int) (Webhook, []Delivery, error) {
	if uuid.Validate(webhookID) != nil {
		return Webhook{}, nil, ErrNotFound
	}
	var hook Webhook
	var ds []Delivery
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var err error
		hook, err = scanWebhook(tx.QueryRow(ctx, `SELECT `+webhookColumns+` FROM webhooks w WHERE w.tenant_id = $1 AND w.id = $2`, tenantID, webhookID))
		if err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT event_id, event_type, attempt, at, status_code, error, duration_ms
			FROM webhook_deliveries WHERE tenant_id = $1 AND webhook_id = $2 ORDER BY id DESC LIMIT $3`, tenantID, webhookID, limit)
		if err != nil {
			return err
		}
		ds, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (Delivery, error) {
			var d Delivery
			err := r.Scan(&d.EventID, &d.EventType, &d.Attempt, &d.At, &d.StatusCode, &d.Error, &d.DurationMS)
			d.At = d.At.UTC()
			d.Delivered = d.Error == nil && d.StatusCode != nil && *d.StatusCode/100 == 2
			return d, err
		})
		return err
	})
	if err != nil {
		return Webhook{}, nil, fmt.Errorf("deliveries: %w", interpret(err))
	}
	return hook, append([]Delivery{}, ds...), nil
}

// emitSQL writes a webhook event in the caller's transaction, as migration
// 0006's emit_webhook_event does, as one prepared statement (the ingest's
// hot path): nothing when no enabled endpoint of the tenant wants it. Its
// data holds ids and field names only, never personal data.
const emitSQL = `WITH ev AS (
		INSERT INTO webhook_events (tenant_id, id, type, occurred_at, data)
		SELECT $1, gen_random_uuid(), $2, $3, $4
		WHERE EXISTS (SELECT 1 FROM webhooks w WHERE w.tenant_id = $1 AND w.disabled_at IS NULL AND $2 = ANY (w.events))
		RETURNING tenant_id, id, seq, type)
	INSERT INTO webhook_pending (tenant_id, webhook_id, event_id, seq, next_attempt_at)
	SELECT ev.tenant_id, w.id, ev.id, ev.seq, $3
	FROM ev JOIN webhooks w ON w.tenant_id = ev.tenant_id AND w.disabled_at IS NULL AND ev.type = ANY (w.events)`

// queueEvent adds an event to a batch that runs in a transaction.
func queueEvent(b *pgx.Batch, tenantID, typ string, at time.Time, data map[string]any) {
	b.Queue(emitSQL, tenantID, typ, at, data)
}

// changedFields names the fields of changes, for an event's data.
func changedFields(changes []matcher.Change) []string {
	out := make([]string, len(changes))
	for i, c := range changes {
		out[i] = c.Field
	}
	return out
}

// Event is an event due for delivery to one endpoint.
type Event struct {
	ID         string
	TenantID   string
	Type       string
	OccurredAt time.Time
	Seq        int64
	Data       json.RawMessage
	// Attempts is how many deliveries of it to this endpoint failed
	// before, FirstFailedAt when the first of them did.
	Attempts      int
	FirstFailedAt *time.Time
}

// WebhookTarget is an endpoint to deliver to, with its signing secret.
type WebhookTarget struct {
	TenantID string
	ID       string
	URL      string
	Secret   string
}

// Attempt is the outcome of one delivery, as the deliverer reports it.
type Attempt struct {
	StatusCode int    // 0 when no answer came
	Error      string // "" when the endpoint answered 2xx
	Duration   time.Duration
	// RetryAt is when to try again after a failure; Disable, when set,
	// disables the endpoint instead, saying why.
	RetryAt time.Time
	Disable string
}

// OK reports whether the endpoint took the event.
func (a Attempt) OK() bool { return a.Error == "" && a.StatusCode/100 == 2 }

// DueWebhooks returns up to limit endpoints, of any tenant, that have an
// event due for delivery. It is the delivery loop's sweep and reads across
// tenants on purpose: on Citus it asks every shard (docs/scaling.md,
// Queries across tenants); each delivery then runs in one tenant.
func (s *Store) DueWebhooks(ctx context.Context, limit int) ([][2]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT DISTINCT p.tenant_id, p.webhook_id FROM webhook_pending p
		JOIN webhooks w ON w.tenant_id = p.tenant_id AND w.id = p.webhook_id AND w.disabled_at IS NULL
		WHERE p.next_attempt_at <= $1 LIMIT $2`, s.Now(), limit)
	if err != nil {
		return nil, fmt.Errorf("due webhooks: %w", interpret(err))
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) ([2]string, error) {
		var p [2]string
		return p, r.Scan(&p[0], &p[1])
	})
	if err != nil {
		return nil, fmt.Errorf("due webhooks: %w", interpret(err))
	}
	return out, nil
}

// PendingEvents counts the deliveries waiting, over every tenant: a metric
// read across tenants on purpose (docs/scaling.md, Queries across tenants).
func (s *Store) PendingEvents(ctx context.Context) (int64, error) {
	var n int64
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM webhook_pending p
		JOIN webhooks w ON w.tenant_id = p.tenant_id AND w.id = p.webhook_id AND w.disabled_at IS NULL`).Scan(&n)
	return n, interpret(err)
}

// DisabledEndpoints counts the webhook endpoints of every tenant that were
// disabled (24 hours of failures, or a 410) and not enabled again: the
// dedupe_webhook_endpoints_disabled gauge, which an alert reads for as long
// as one stays off.
func (s *Store) DisabledEndpoints(ctx context.Context) (int64, error) {
	var n int64
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM webhooks WHERE disabled_at IS NOT NULL`).Scan(&n)
	return n, interpret(err)
}

// ErrNothingDue says an endpoint has no event due (or another worker is
// delivering to it right now).
var ErrNothingDue = errors.New("nothing due")

// DeliverNext delivers an endpoint's oldest pending event when it is due:
// it locks the endpoint (another worker delivering to it answers
// ErrNothingDue at once), calls deliver, which posts the event, and records
// the attempt: the pending row goes when the endpoint took the event, and
// otherwise waits until the attempt's RetryAt, or the endpoint is disabled.
// The lock is held while deliver runs, so one endpoint receives one event
// at a time, in order. A crash before the commit leaves the event pending:
// delivery is at least once.
func (s *Store) DeliverNext(ctx context.Context, tenantID, webhookID string, deliver func(WebhookTarget, Event) Attempt) (Attempt, Event, error) {
	var att Attempt
	var ev Event
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		t := WebhookTarget{TenantID: tenantID, ID: webhookID}
		err := tx.QueryRow(ctx, `SELECT url, secret FROM webhooks WHERE tenant_id = $1 AND id = $2 AND disabled_at IS NULL
			FOR UPDATE SKIP LOCKED`, tenantID, webhookID).Scan(&t.URL, &t.Secret)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrNothingDue
		} else if err != nil {
			return err
		}
		var due time.Time
		err = tx.QueryRow(ctx, `SELECT e.id, e.type, e.occurred_at, e.seq, e.data, p.attempts, p.first_failed_at, p.next_attempt_at
			FROM webhook_pending p JOIN webhook_events e ON e.tenant_id = p.tenant_id AND e.id = p.event_id
			WHERE p.tenant_id = $1 AND p.webhook_id = $2 ORDER BY p.seq LIMIT 1`, tenantID, webhookID).
			Scan(&ev.ID, &ev.Type, &ev.OccurredAt, &ev.Seq, &ev.Data, &ev.Attempts, &ev.FirstFailedAt, &due)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && due.After(s.Now())) {
			return ErrNothingDue
		} else if err != nil {
			return err
		}
		ev.TenantID, ev.OccurredAt = tenantID, ev.OccurredAt.UTC()
		att = deliver(t, ev)
		now := s.Now()
		b := &pgx.Batch{}
		var status *int
		if att.StatusCode != 0 {
			status = &att.StatusCode
		}
		var errText *string
		if !att.OK() {
			errText = &att.Error
		}
		b.Queue(`INSERT INTO webhook_deliveries (tenant_id, webhook_id, event_id, event_type, attempt, at, status_code, error, duration_ms)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			tenantID, webhookID, ev.ID, ev.Type, ev.Attempts+1, now, status, errText, int(att.Duration.Milliseconds()))
		switch {
		case att.OK():
			b.Queue(`DELETE FROM webhook_pending WHERE tenant_id = $1 AND webhook_id = $2 AND event_id = $3`, tenantID, webhookID, ev.ID)
		case att.Disable != "":
			b.Queue(`UPDATE webhooks SET disabled_at = $3, disabled_reason = $4 WHERE tenant_id = $1 AND id = $2`,
				tenantID, webhookID, now, att.Disable)
		default:
			b.Queue(`UPDATE webhook_pending SET attempts = attempts + 1, next_attempt_at = $4,
				first_failed_at = coalesce(first_failed_at, $5)
				WHERE tenant_id = $1 AND webhook_id = $2 AND event_id = $3`, tenantID, webhookID, ev.ID, att.RetryAt, now)
		}
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil && !errors.Is(err, ErrNothingDue) {
		err = fmt.Errorf("deliver webhook: %w", interpret(err))
	}
	return att, ev, err
}
