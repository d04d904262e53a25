package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"dedupe/matcher"
	"dedupe/store"
)

// TypeIngest is the task type of a booking or a sale to match and record.
const TypeIngest = "dedupe:ingest"

// QueueIngest is the queue ingest tasks wait in.
const QueueIngest = "ingest"

// TypeFuzzy is the task type of a fuzzy search for near-duplicates of a
// newly created profile, or of one that a booking filled in or a merge
// made the survivor of. It runs on its own low-priority queue so it never
// slows ingestion.
const TypeFuzzy = "dedupe:fuzzy"

// QueueFuzzy is the queue fuzzy tasks wait in.
const QueueFuzzy = "fuzzy"

// FuzzyPayload names the profiles to compare with the tenant's others:
// one (ProfileID: a profile created at the front desk, a merge's
// survivor, or a task queued by an earlier version), or several created
// or filled in by the worker's bookings meanwhile (ProfileIDs, see
// fuzzyQueue).
type FuzzyPayload struct {
	TenantID   string   `json:"tenant_id"`
	ProfileID  string   `json:"profile_id,omitempty"`
	ProfileIDs []string `json:"profile_ids,omitempty"`
}

// Profiles returns every profile the payload names.
func (p FuzzyPayload) Profiles() []string {
	if p.ProfileID == "" {
		return p.ProfileIDs
	}
	return append([]string{p.ProfileID}, p.ProfileIDs...)
}

// NewFuzzyTask makes the fuzzy task of some profiles. The task of one
// profile has an id derived from it, so it is queued once.
func NewFuzzyTask(p FuzzyPayload) (*asynq.Task, error) {
	payload, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("encode fuzzy task: %w", err)
	}
	opts := []asynq.Option{asynq.Queue(QueueFuzzy), asynq.MaxRetry(10)}
	if ids := p.Profiles(); len(ids) == 1 {
		opts = append(opts, asynq.TaskID("fuzzy-"+ids[0]))
	}
	return asynq.NewTask(TypeFuzzy, payload, opts...), nil
}

// TypeTrain is the task type of estimating a tenant's fuzzy model from its
// file (store.TrainFuzzy). A fuzzy search queues it when the model is due
// (store.FuzzyModelStale: missing, older than Config.RetrainAfter, or
// trained on a small file that has since doubled); it waits in the fuzzy
// queue.
const TypeTrain = "dedupe:train"

// TrainPayload names the tenant whose model to train.
type TrainPayload struct {
	TenantID string `json:"tenant_id"`
}

// NewTrainTask makes a tenant's training task. Its id names the tenant,
// the day and the file's size in powers of two (profiles as counted by
// store.FuzzyModelStale, -1 for a file not counted), and a finished task
// is kept a day: a tenant trains at most once a day however many searches
// ask, and again the same day only when its file has doubled (a new
// tenant's bookings, an import).
func NewTrainTask(p TrainPayload, day time.Time, profiles int) (*asynq.Task, error) {
	payload, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("encode train task: %w", err)
	}
	return asynq.NewTask(TypeTrain, payload, asynq.TaskID(trainTaskID(p.TenantID, day, profiles)),
		asynq.Queue(QueueFuzzy), asynq.MaxRetry(3), asynq.Retention(24*time.Hour)), nil
}

// trainTaskID is the id of a tenant's training task: the tenant, the day,
// and the number of bits of the file's size (0 for a file not counted).
func trainTaskID(tenantID string, day time.Time, profiles int) string {
	return fmt.Sprintf("train-%s-%s-%d", tenantID, day.UTC().Format(time.DateOnly), bits.Len(uint(max(profiles, 0))))
}

// maxRetry is how often a failing task is retried before it is archived.
// With the backoff capped at a minute this rides out an outage of more
// than an hour and a half.
const maxRetry = 100

// IngestPayload is the ingest task's payload: a store.Ingest with the JSON
// names it is kept under in Redis. Those names are a stored format (tasks
// wait in the queue across upgrades): add fields, never rename.
type IngestPayload struct {
	IngestionID string           `json:"ingestion_id"`
	TenantID    string           `json:"tenant_id"`
	Kind        string           `json:"kind"` // store.KindBooking or store.KindSale
	Source      string           `json:"source"`
	ExternalID  string           `json:"external_id"`
	OccurredAt  time.Time        `json:"occurred_at"`
	Requested   []string         `json:"requested_fields"` // nil when the request had none
	Customer    matcher.Customer `json:"customer"`
	Details     json.RawMessage  `json:"details,omitempty"` // the booking or sale object as sent
	AcceptedAt  time.Time        `json:"accepted_at"`
	RequestID   string           `json:"request_id,omitempty"` // the API request that accepted it, for logs
}

// ingestionNamespace seeds the name-based ingestion ids.
var ingestionNamespace = uuid.MustParse("5b0e4a4e-7a0c-4d57-9d8e-2d7c1b3f6a10")

// IngestionID is the id of the ingestion of (tenant, source, external id),
// and the id of its queue task. It is derived, not drawn, so a retried POST
// gets the same id and Redis refuses to queue the same booking twice.
func IngestionID(tenantID, source, externalID string) string {
	return uuid.NewSHA1(ingestionNamespace, []byte(tenantID+"\x00"+source+"\x00"+externalID)).String()
}

// NewIngestTask makes the queue task for an ingestion. Its task id is the
// ingestion id, so enqueueing the same booking twice while the first is
// still queued is refused by Redis, and the id a client polls is the id
// the worker records.
func NewIngestTask(in store.Ingest) (*asynq.Task, error) {
	payload, err := json.Marshal(IngestPayload(in))
	if err != nil {
		return nil, fmt.Errorf("encode ingest task: %w", err)
	}
	return asynq.NewTask(TypeIngest, payload,
		asynq.TaskID(in.IngestionID), asynq.Queue(QueueIngest), asynq.MaxRetry(maxRetry)), nil
}

// decodeIngest decodes and checks a task payload.
func decodeIngest(payload []byte) (store.Ingest, error) {
	var p IngestPayload
	if err := json.Unmarshal(payload, &p); err != nil {
		return store.Ingest{}, fmt.Errorf("payload is not an ingest task: %w", err)
	}
	in := store.Ingest(p)
	switch {
	case in.TenantID == "":
		return in, errors.New("payload has no tenant_id")
	case in.IngestionID == "":
		return in, errors.New("payload has no ingestion_id")
	case in.ExternalID == "" || in.Source == "":
		return in, errors.New("payload has no source or external_id")
	case in.Kind != store.KindBooking && in.Kind != store.KindSale:
		return in, fmt.Errorf("payload kind %q is neither booking nor sale", in.Kind)
	case !matcher.Identifiable(in.Customer):
		// The API refuses such a booking; a task queued another way
		// would make a profile no later booking could find.
		return in, errors.New("payload customer has no name, email or number to find them by")
	}
	return in, nil
}

// requestID returns the request id a task payload carries, or "" when it
// carries none or does not decode. It reads that one field only, so logging
// it never brings the customer's data along.
func requestID(payload []byte) string {
	var p struct {
		RequestID string `json:"request_id"`
	}
	if json.Unmarshal(payload, &p) != nil {
		return ""
	}
	return p.RequestID
}

// ErrQueueUnavailable is returned by Client when Redis cannot take or show
// a task; nothing was accepted and a retry is safe.
var ErrQueueUnavailable = errors.New("queue unavailable")

// Client enqueues ingest tasks and reports on queued ones, for the API.
type Client struct {
	client    *asynq.Client
	inspector *asynq.Inspector
	redis     redis.UniversalClient // both's connections; also lists the queues again (queues.go)
}

// NewClient connects to Redis through asynq: one pool of connections for
// the enqueues, the inspection and the queues' listing.
func NewClient(opt asynq.RedisConnOpt) *Client {
	rc := opt.MakeRedisClient().(redis.UniversalClient)
	return &Client{client: asynq.NewClientFromRedisClient(rc), inspector: asynq.NewInspectorFromRedisClient(rc), redis: rc}
}

// Close closes the Redis connections.
func (c *Client) Close() error { return c.redis.Close() }

// Enqueue queues an ingestion. A task with the same id already in the queue
// (a retried request) is not an error: that task will do the work. A task
// archived after a permanent failure is replaced: the client corrected the
// booking and sent it again under the same external_id.
func (c *Client) Enqueue(ctx context.Context, in store.Ingest) error {
	task, err := NewIngestTask(in)
	if err != nil {
		return err
	}
	queued, err := enqueueUnique(ctx, c.client, task)
	if err != nil || !queued {
		return err
	}
	// A task of this id is in the queue: waiting or running, it does the
	// work; archived after a permanent failure, it is replaced.
	if q, err := c.Status(ctx, in.IngestionID); err != nil || q.State != StateArchived {
		return nil
	}
	// Deleting fails only when another request replaced it first; the
	// enqueue below then finds that one.
	_ = c.inspector.DeleteTask(QueueIngest, in.IngestionID)
	_, err = enqueueUnique(ctx, c.client, task)
	return err
}

// queueFuzzy queues the near-duplicate search of some profiles of a
// tenant. The search of one profile queued already is not an error.
func queueFuzzy(ctx context.Context, c *asynq.Client, tenantID string, profileIDs ...string) error {
	p := FuzzyPayload{TenantID: tenantID, ProfileIDs: profileIDs}
	if len(profileIDs) == 1 {
		p = FuzzyPayload{TenantID: tenantID, ProfileID: profileIDs[0]}
	}
	task, err := NewFuzzyTask(p)
	if err == nil {
		_, err = enqueueUnique(ctx, c, task)
	}
	return err
}

// EnqueueFuzzy queues the near-duplicate search of a profile written
// outside a booking: created at the front desk, or a merge's survivor.
// Queued already is not an error.
func (c *Client) EnqueueFuzzy(ctx context.Context, tenantID, profileID string) error {
	return queueFuzzy(ctx, c.client, tenantID, profileID)
}

// enqueueUnique enqueues a task that has a task id. queued says a task of
// that id was in the queue already, which is no error: Redis refused the
// second. Any other failure is ErrQueueUnavailable.
func enqueueUnique(ctx context.Context, c *asynq.Client, task *asynq.Task) (queued bool, err error) {
	_, err = c.EnqueueContext(ctx, task)
	switch {
	case errors.Is(err, asynq.ErrTaskIDConflict):
		return true, nil
	case err != nil:
		return false, fmt.Errorf("%w: %w", ErrQueueUnavailable, err)
	}
	return false, nil
}

// State is where an ingestion's task is in the queue.
type State string

// The states an ingest task can be in while the queue holds it.
const (
	StatePending  State = "pending"  // waiting for a worker (or scheduled)
	StateActive   State = "active"   // a worker is processing it
	StateRetry    State = "retry"    // an attempt failed; it will be retried
	StateArchived State = "archived" // given up: failed for good, or out of retries
)

// Queued is what the queue knows of an ingestion.
type Queued struct {
	TenantID string
	State    State
}

// ErrNotQueued says the queue holds no task for an ingestion: it was
// processed (or never accepted).
var ErrNotQueued = errors.New("not in the queue")

// Status returns the state of an ingestion's task, ErrNotQueued, or
// ErrQueueUnavailable.
func (c *Client) Status(ctx context.Context, ingestionID string) (Queued, error) {
	info, err := relisted(ctx, c.redis, func() (*asynq.TaskInfo, error) { return c.inspector.GetTaskInfo(QueueIngest, ingestionID) })
	switch {
	case errors.Is(err, asynq.ErrTaskNotFound) || errors.Is(err, asynq.ErrQueueNotFound):
		return Queued{}, ErrNotQueued
	case err != nil:
		return Queued{}, fmt.Errorf("%w: %w", ErrQueueUnavailable, err)
	}
	var p IngestPayload
	if err := json.Unmarshal(info.Payload, &p); err != nil {
		return Queued{}, ErrNotQueued
	}
	q := Queued{TenantID: p.TenantID, State: StatePending}
	switch info.State {
	case asynq.TaskStateActive:
		q.State = StateActive
	case asynq.TaskStateRetry:
		q.State = StateRetry
	case asynq.TaskStateArchived:
		q.State = StateArchived
	case asynq.TaskStateCompleted:
		return Queued{}, ErrNotQueued
	}
	return q, nil
}

// EraseEverywhere erases a person on request from the queue and the store
// (DESIGN.md, Erasure and export), for DELETE /v1/profiles/{id} and
// `dedupe erase`. The queue goes first: the bookings of the person's
// emails and numbers that failed for good wait archived in Redis with
// their whole payload, and once the store erased the person's contact
// points nothing would find them (Client.ForgetArchived). When the
// queue cannot be reached nothing is erased, and a retry is safe; when the
// store fails after, the archived bookings are gone and a retry erases the
// rest. It returns the erasure and how many archived bookings went.
func EraseEverywhere(ctx context.Context, st *store.Store, queue *Client, tenantID, actor, id string) (store.Erased, int, error) {
	values, region, err := st.ErasureValues(ctx, tenantID, id)
	if err != nil {
		return store.Erased{}, 0, err
	}
	forgotten, err := queue.ForgetArchived(ctx, tenantID, region, values) // none: Redis untouched
	if err != nil {
		return store.Erased{}, forgotten, err
	}
	e, err := st.Erase(ctx, tenantID, actor, id)
	return e, forgotten, err
}

// forgetPage is how many archived tasks ForgetArchived reads at a time.
const forgetPage = 500

// ForgetArchived deletes the archived ingest tasks of a tenant whose
// customer holds one of values: contact values as the store keeps them
// (store.Store.ErasureValues), emails and numbers normalised with the
// tenant's region. An erasure calls it first: a booking that failed for
// good keeps its whole payload in Redis, where asynq would keep it for up
// to 90 days. Its ingestion, failed, stays in the store without it. It
// returns how many it deleted.
//
// A task queued and not yet processed is not looked at: it is a booking
// the person made before the erasure, and the worker records it as any
// booking, under a new profile (see README.md, Erasure).
func (c *Client) ForgetArchived(ctx context.Context, tenantID, region string, values []string) (int, error) {
	if len(values) == 0 {
		return 0, nil
	}
	held := map[string]bool{}
	for _, v := range values {
		held[v] = true
	}
	delete(held, "")
	// The archive is read by rank, a page at a time: a task archived
	// meanwhile (asynq then trims the oldest) or deleted shifts the ranks,
	// and a page can miss one. Another pass finds it; a pass that finds
	// nothing ends.
	deleted := 0
	for range forgetPasses {
		doomed, err := c.archivedHolding(ctx, tenantID, region, held)
		if err != nil || len(doomed) == 0 {
			return deleted, err
		}
		for _, id := range doomed {
			// Only while it is still archived: a client may have sent the
			// corrected booking again meanwhile, which replaced it by a
			// task of the same id that must run (Client.Enqueue).
			info, err := c.inspector.GetTaskInfo(QueueIngest, id)
			if errors.Is(err, asynq.ErrTaskNotFound) || err == nil && info.State != asynq.TaskStateArchived {
				continue
			}
			if err == nil {
				err = c.inspector.DeleteTask(QueueIngest, id)
			}
			switch {
			case err == nil:
				deleted++
			case !errors.Is(err, asynq.ErrTaskNotFound):
				return deleted, fmt.Errorf("%w: %w", ErrQueueUnavailable, err)
			}
		}
	}
	return deleted, nil
}

// forgetPasses bounds ForgetArchived's passes over the archive.
const forgetPasses = 3

// archivedHolding returns the ids of the archived ingest tasks of a tenant
// whose customer holds one of held.
func (c *Client) archivedHolding(ctx context.Context, tenantID, region string, held map[string]bool) ([]string, error) {
	var ids []string
	for page := 1; ; page++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		tasks, err := relisted(ctx, c.redis, func() ([]*asynq.TaskInfo, error) {
			return c.inspector.ListArchivedTasks(QueueIngest, asynq.PageSize(forgetPage), asynq.Page(page))
		})
		if errors.Is(err, asynq.ErrQueueNotFound) {
			return ids, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrQueueUnavailable, err)
		}
		for _, t := range tasks {
			var p IngestPayload
			if json.Unmarshal(t.Payload, &p) == nil && p.TenantID == tenantID && holdsAny(p.Customer, region, held) {
				ids = append(ids, t.ID)
			}
		}
		if len(tasks) < forgetPage {
			return ids, nil
		}
	}
}

// holdsAny reports whether a customer's email, mobile or phone is one of
// held, read as the store reads them.
func holdsAny(c matcher.Customer, region string, held map[string]bool) bool {
	return held[matcher.NormalizeEmail(c.Email).Value] || held[matcher.NormalizeCustomerMobile(c.Mobile, c.Address, region).Value] ||
		held[matcher.NormalizeCustomerPhone(c.Phone, c.Address, region).Value]
}

// Ping checks that Redis answers.
func (c *Client) Ping(ctx context.Context) error {
	if _, err := c.inspector.Queues(); err != nil {
		return fmt.Errorf("%w: %w", ErrQueueUnavailable, err)
	}
	return nil
}

// retryDelay is an exponential backoff from 1 s capped at 60 s, with
// jitter, so a long database outage is retried every minute instead of
// asynq's default, which grows to hours.
func retryDelay(n int, _ error, _ *asynq.Task) time.Duration {
	d := time.Second << min(n, 6)
	d = min(d, time.Minute)
	return d/2 + time.Duration(jitter(int64(d/2)))
}
