package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"

	"dedupe/internal/storetest"
	"dedupe/matcher"
	"dedupe/store"
)

// TestWebhookOutbox: an event exists exactly when the change that caused
// it committed, and only for tenants with an endpoint that wants it.
func TestWebhookOutbox(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tn := storetest.MustTenant(t, s, "salon", "FR")
	events := func() int {
		return count(t, s, `SELECT count(*) FROM webhook_events WHERE tenant_id = $1`, tn.ID)
	}
	mustIngest(t, s, booking(tn.ID, "bk-0", matcher.Customer{FirstName: "Ana", Email: "ana@example.fr"}))
	if n := events(); n != 0 {
		t.Fatalf("%d events without any endpoint, want none stored", n)
	}
	hook, _, err := s.CreateWebhook(ctx, tn.ID, "https://crm.example.com/hook", []string{store.EventProfileCreated, store.EventProfileMerged})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("CommittedChangeEmits", func(t *testing.T) {
		mustIngest(t, s, booking(tn.ID, "bk-1", matcher.Customer{FirstName: "Bea", Email: "bea@example.fr"}))
		mustIngest(t, s, booking(tn.ID, "bk-2", matcher.Customer{FirstName: "Bea", Email: "bea@example.fr", BirthDate: "1990-01-01"}))
		if n := events(); n != 1 {
			t.Fatalf("%d events after a creation and an update, want 1 (profile.updated is not subscribed)", n)
		}
		if n := count(t, s, `SELECT count(*) FROM webhook_pending WHERE webhook_id = $1`, hook.ID); n != 1 {
			t.Fatalf("%d pending deliveries, want 1", n)
		}
	})
	t.Run("RolledBackChangeEmitsNothing", func(t *testing.T) {
		before := events()
		// The profile and its event are written, then the activity's
		// details are refused: the whole transaction rolls back.
		in := booking(tn.ID, "bk-bad", matcher.Customer{FirstName: "Cleo", Email: "cleo@example.fr"})
		in.Details = json.RawMessage(`{"service": "Co\u0000upe"}`)
		if _, err := s.Ingest(ctx, in); !errors.Is(err, store.ErrInvalid) {
			t.Fatalf("ingest of an unstorable booking = %v, want ErrInvalid", err)
		}
		a := mustProfile(t, s, tn.ID, matcher.Customer{FirstName: "Dan", Email: "dan@example.fr"})
		before++ // the front desk's creation emitted
		// A merge refused halfway (a profile is not in the tenant).
		if _, err := s.Merge(ctx, store.MergeRequest{TenantID: tn.ID, ProfileIDs: []string{a.ID, "0b6c2f0e-4a54-4b39-9d3b-1d8c0f9b7a11"}}); err == nil {
			t.Fatal("merge with a missing profile succeeded")
		}
		if n := events(); n != before {
			t.Fatalf("%d events after rolled-back changes, want %d", n, before)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE tenant_id = $1 AND first_name = 'Cleo'`, tn.ID); n != 0 {
			t.Fatalf("the rolled-back booking left %d profiles", n)
		}
	})
}

// queuedEvent is a webhook event as the outbox holds it.
type queuedEvent struct {
	Type string
	Data map[string]any
}

// eventsAfter returns a tenant's stored webhook events of the given type
// and after it, in sequence order: the latest of that type and those that
// followed it.
func eventsAfter(t *testing.T, s *store.Store, tenantID, typ string) []queuedEvent {
	t.Helper()
	rows, err := s.Pool().Query(context.Background(), `SELECT type, data FROM webhook_events
		WHERE tenant_id = $1 AND seq >= (SELECT max(seq) FROM webhook_events WHERE tenant_id = $1 AND type = $2)
		ORDER BY seq`, tenantID, typ)
	if err != nil {
		t.Fatal(err)
	}
	events, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (queuedEvent, error) {
		var e queuedEvent
		return e, r.Scan(&e.Type, &e.Data)
	})
	if err != nil {
		t.Fatal(err)
	}
	return events
}
