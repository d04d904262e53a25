package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
)

// asynq lists the queues that exist in one Redis set. A process adds a
// queue to it the first time it enqueues there, and never again: it
// remembers having done so. A Redis that lost its data (a failover to an
// empty replica, a restart without its append-only file) then no longer
// lists the queues a running API and worker go on using, and asynq's
// Inspector answers ErrQueueNotFound for the tasks waiting in them: an
// accepted booking's status read 404, an erasure found none of the
// person's archived bookings, and the queue metrics left the queue out.
// dedupe lists its queues again when the Inspector misses one, and every
// minute (KeepQueuesListed).

// allQueuesKey is asynq's set of queues (its internal base.AllQueues).
// TestQueuesListedAgain fails if asynq ever names it otherwise.
const allQueuesKey = "asynq:queues"

// queues are the queues dedupe's tasks go to.
var queues = []any{QueueIngest, QueueFuzzy, QueueWebhooks}

// listQueues lists dedupe's queues in Redis, where they are missing.
func listQueues(ctx context.Context, rc redis.UniversalClient) error {
	if err := rc.SAdd(ctx, allQueuesKey, queues...).Err(); err != nil {
		return fmt.Errorf("%w: %w", ErrQueueUnavailable, err)
	}
	return nil
}

// KeepQueuesListed lists dedupe's queues in Redis at once, then every
// interval until ctx ends, so that the queue metrics come back within an
// interval of Redis losing its data.
func KeepQueuesListed(ctx context.Context, opt asynq.RedisConnOpt, every time.Duration, log *slog.Logger) {
	rc := opt.MakeRedisClient().(redis.UniversalClient)
	defer rc.Close()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := listQueues(ctx, rc); err != nil && ctx.Err() == nil {
			log.Warn("listing the queues in Redis", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// relisted runs an Inspector call, and once more after listing the queues
// again when the Inspector does not know the queue.
func relisted[T any](ctx context.Context, rc redis.UniversalClient, call func() (T, error)) (T, error) {
	v, err := call()
	if !errors.Is(err, asynq.ErrQueueNotFound) {
		return v, err
	}
	if lerr := listQueues(ctx, rc); lerr != nil {
		return v, lerr
	}
	return call()
}
