package worker

import (
	"context"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"dedupe/internal/redistest"
	"dedupe/matcher"
	"dedupe/store"
)

// TestQueuesListedAgain empties Redis under a running API's queue client,
// as a failover to an empty replica would: a booking accepted after it
// must still read as waiting, and the queues must come back in asynq's
// list, which the queue metrics read.
func TestQueuesListedAgain(t *testing.T) {
	ctx := context.Background()
	opt := asynq.RedisClientOpt{Addr: redistest.MustStart(t, redistest.Options{}).Addr()}
	c := NewClient(opt)
	defer c.Close()
	rc := redis.NewClient(&redis.Options{Addr: opt.Addr})
	defer rc.Close()
	booking := func(externalID string) store.Ingest {
		in := store.Ingest{TenantID: "00000000-0000-0000-0000-000000000001", Kind: store.KindBooking, Source: "booking_widget",
			ExternalID: externalID, AcceptedAt: time.Now()}
		in.Customer.FirstName, in.Customer.Email = "Camille", "camille@example.fr"
		in.IngestionID = IngestionID(in.TenantID, in.Source, in.ExternalID)
		if err := c.Enqueue(ctx, in); err != nil {
			t.Fatal(err)
		}
		return in
	}

	before := booking("bk-1")
	if q, err := c.Status(ctx, before.IngestionID); err != nil || q.State != StatePending {
		t.Fatalf("a booking just accepted: %+v, %v; want pending", q, err)
	}
	if err := rc.FlushAll(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	after := booking("bk-2")
	if q, err := c.Status(ctx, after.IngestionID); err != nil || q.State != StatePending {
		t.Fatalf("a booking accepted after Redis lost its data: %+v, %v; want pending", q, err)
	}

	if err := rc.FlushAll(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	insp := asynq.NewInspector(opt)
	defer insp.Close()
	listing, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		KeepQueuesListed(listing, opt, 10*time.Millisecond, slog.New(slog.DiscardHandler))
	}()
	defer func() { stop(); <-done }()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		listed, err := insp.Queues()
		if err == nil && slices.Contains(listed, QueueIngest) && slices.Contains(listed, QueueFuzzy) && slices.Contains(listed, QueueWebhooks) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("asynq lists the queues %v, %v; want %s, %s and %s listed again", listed, err, QueueIngest, QueueFuzzy, QueueWebhooks)
		}
	}
}

// TestHoldsAnyReadsTheMobileBox: an erased customer's archived booking is
// found by her mobile as the store read it: an Argentine mobile written
// without its 9 in the mobile box is the mobile +5491123456789, and the
// same digits in the phone box the landline +541123456789.
func TestHoldsAnyReadsTheMobileBox(t *testing.T) {
	for _, c := range []struct {
		customer matcher.Customer
		held     string
		want     bool
	}{
		{matcher.Customer{Mobile: "11 2345-6789"}, "+5491123456789", true},
		{matcher.Customer{Phone: "11 2345-6789"}, "+541123456789", true},
		{matcher.Customer{Phone: "11 2345-6789"}, "+5491123456789", false},
	} {
		if got := holdsAny(c.customer, "AR", map[string]bool{c.held: true}); got != c.want {
			t.Errorf("holdsAny(%+v, %s) = %v, want %v", c.customer, c.held, got, c.want)
		}
	}
}
