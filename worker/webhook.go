package worker

import (
	"bytes"
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/hibiken/asynq"

	"dedupe/store"
)

// TypeWebhook is the task type that delivers an endpoint's due events.
const TypeWebhook = "dedupe:webhook"

// QueueWebhooks is the queue webhook deliveries wait in: their own, on
// their own slots, so that a slow or dead receiver never slows ingestion.
const QueueWebhooks = "webhooks"

// WebhookPayload names the endpoint to deliver to.
type WebhookPayload struct {
	TenantID  string `json:"tenant_id"`
	WebhookID string `json:"webhook_id"`
}

// Webhook delivery policy (DESIGN.md, Webhooks).
const (
	// webhookTimeout bounds one delivery, connection to last byte: the
	// Standard Webhooks specification recommends 15 to 30 s.
	webhookTimeout = 15 * time.Second
	// maxWebhookResponse is how much of an answer is read (and dropped).
	maxWebhookResponse = 4 << 10
	// webhookBatch bounds the events one task delivers before it lets
	// another endpoint's task run.
	webhookBatch = 100
	// DefaultWebhookRetryBase is the first retry's delay; each next one is
	// three times longer (5 s, 15 s, 45 s, … capped at 6 h), with jitter.
	DefaultWebhookRetryBase = 5 * time.Second
	maxWebhookRetryDelay    = 6 * time.Hour
	// DefaultWebhookGiveUp is how long an endpoint may keep failing the
	// same event before it is disabled.
	DefaultWebhookGiveUp = 24 * time.Hour
	// webhookSweep is how often a worker looks for due events.
	webhookSweep = 500 * time.Millisecond
)

// webhookRetryDelay is the delay before the attempt after the n-th failed
// one (n ≥ 1): exponential from base, capped, ±20% jitter so that the
// endpoints that failed together do not retry together.
func webhookRetryDelay(n int, base time.Duration) time.Duration {
	d := base
	for i := 1; i < n && d < maxWebhookRetryDelay; i++ {
		d *= 3
	}
	d = min(d, maxWebhookRetryDelay)
	return d*4/5 + time.Duration(jitter(int64(d*2/5)))
}

// deliverer posts events to endpoints, signed as the Standard Webhooks
// specification says.
type deliverer struct {
	store        *store.Store
	client       *http.Client
	allowPrivate bool // DEDUPE_WEBHOOK_ALLOW_PRIVATE: see reachOf
	base         time.Duration
	giveUp       time.Duration
	now          func() time.Time
	metrics      *metrics
}

// reach is which addresses a delivery may connect to, by its URL's
// scheme and the operator's DEDUPE_WEBHOOK_ALLOW_PRIVATE (DESIGN.md,
// Webhooks): https:// to a public address, or to any when private
// endpoints are allowed; http:// only then, and only to a non-public one.
type reach int

const (
	reachPublic reach = iota
	reachPrivate
	reachAny
)

// reachOf returns the addresses a delivery to u may connect to, or an
// error when u may not be delivered to at all.
func reachOf(u *url.URL, allowPrivate bool) (reach, error) {
	switch {
	case u.Scheme == "https" && allowPrivate:
		return reachAny, nil
	case u.Scheme == "https":
		return reachPublic, nil
	case u.Scheme == "http" && allowPrivate:
		return reachPrivate, nil
	case u.Scheme == "http":
		return 0, errors.New("an http:// endpoint needs DEDUPE_WEBHOOK_ALLOW_PRIVATE=true")
	}
	return 0, errors.New("bad endpoint URL")
}

// reachKey carries a delivery's reach in its request's context, to the
// dialer.
type reachKey struct{}

// control refuses, before it connects, an address the reach leaves out.
func (r reach) control(_, address string, _ syscall.RawConn) error {
	if r == reachAny {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("webhook: cannot check the address %q", address)
	}
	switch public := PublicAddr(ap.Addr()); {
	case r == reachPublic && !public:
		return fmt.Errorf("webhook: %s is not a public address", ap.Addr())
	case r == reachPrivate && public:
		return fmt.Errorf("webhook: %s is a public address, which http:// may not reach", ap.Addr())
	}
	return nil
}

// newWebhookClient returns the HTTP client of deliveries: a 15 s timeout,
// no redirects followed, and a connection only to the addresses the
// request's reach allows (reachKey in its context; public only when
// absent), checked on the address actually dialled, so a DNS answer that
// changed since the endpoint was registered cannot reach inside.
func newWebhookClient() *http.Client {
	dial := func(ctx context.Context, network, address string) (net.Conn, error) {
		r, _ := ctx.Value(reachKey{}).(reach)
		dialer := &net.Dialer{Timeout: webhookTimeout, Control: r.control}
		return dialer.DialContext(ctx, network, address)
	}
	transport := &http.Transport{
		DialContext:           dial,
		TLSHandshakeTimeout:   webhookTimeout,
		ResponseHeaderTimeout: webhookTimeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
	}
	return &http.Client{
		Transport: transport,
		Timeout:   webhookTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // a 3xx is a failed delivery
		},
	}
}

// Address blocks PublicAddr looks into or refuses besides the standard
// library's classes.
var (
	cgnat       = netip.MustParsePrefix("100.64.0.0/10") // carrier-grade NAT's shared space (RFC 6598)
	thisNetwork = netip.MustParsePrefix("0.0.0.0/8")     // "this network" (RFC 791): 0.1.2.3 may reach the host itself
	nat64       = netip.MustParsePrefix("64:ff9b::/96")  // IPv4 behind the well-known NAT64 prefix (RFC 6052)
	sixToFour   = netip.MustParsePrefix("2002::/16")     // IPv4 in 6to4 (RFC 3056)
)

// PublicAddr reports whether a is an address a webhook may connect to
// without DEDUPE_WEBHOOK_ALLOW_PRIVATE: not loopback, private, link-local,
// multicast, unspecified, "this network" or carrier-grade NAT, and an
// IPv4 address wrapped in IPv6 (mapped, NAT64, 6to4) only when the IPv4
// address is public.
func PublicAddr(a netip.Addr) bool {
	a = a.Unmap()
	switch b := a.As16(); {
	case a.Is6() && nat64.Contains(a):
		a = netip.AddrFrom4([4]byte(b[12:16]))
	case a.Is6() && sixToFour.Contains(a):
		a = netip.AddrFrom4([4]byte(b[2:6]))
	}
	return a.IsValid() && !a.IsLoopback() && !a.IsPrivate() && !a.IsLinkLocalUnicast() && !a.IsLinkLocalMulticast() &&
		!a.IsInterfaceLocalMulticast() && !a.IsMulticast() && !a.IsUnspecified() && !cgnat.Contains(a) && !thisNetwork.Contains(a)
}

// CheckWebhookURL accepts an endpoint URL: absolute, without
// credentials, https:// and not written with a loopback, private or
// link-local address, or, when allowPrivate, https:// to any address or
// http:// to a non-public one. A host name is checked again on every
// connection, where it resolves.
func CheckWebhookURL(raw string, allowPrivate bool) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return errors.New("url must be an absolute URL such as https://crm.example.com/hooks/dedupe")
	}
	r, err := reachOf(u, allowPrivate)
	if err != nil {
		return errors.New("url must start with https://")
	}
	if u.User != nil {
		return errors.New("url must not carry a user name or password; put a secret in the path or check the signature")
	}
	host := strings.ToLower(u.Hostname())
	addr, err := netip.ParseAddr(host)
	local := host == "localhost" || strings.HasSuffix(host, ".localhost")
	switch {
	case r == reachPublic && (err == nil && !PublicAddr(addr) || local):
		return errors.New("url must point at a public address")
	case r == reachPrivate && err == nil && PublicAddr(addr):
		return errors.New("an http:// url must point at a private or loopback address; use https:// for a public one")
	}
	return nil
}

// body is an event as its receiver gets it: ids, its type, when it
// happened, its sequence (increasing per profile, for receivers to check
// the order) and its data (ids and field names, no personal data).
func webhookBody(ev store.Event) ([]byte, error) {
	return json.Marshal(struct {
		ID         string          `json:"id"`
		Type       string          `json:"type"`
		OccurredAt time.Time       `json:"occurred_at"`
		TenantID   string          `json:"tenant_id"`
		Sequence   int64           `json:"sequence"`
		Data       json.RawMessage `json:"data"`
	}{ev.ID, ev.Type, ev.OccurredAt, ev.TenantID, ev.Seq, ev.Data})
}

// sign returns the webhook-signature header value: "v1," and the base64
// HMAC-SHA256, keyed with the secret's bytes, of "id.timestamp.body".
func sign(secret, id string, ts int64, body []byte) (string, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return "", fmt.Errorf("webhook secret: %w", err)
	}
	mac := hmac.New(sha256.New, key)
	fmt.Fprintf(mac, "%s.%d.", id, ts)
	mac.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil)), nil
}

// deliver posts one event and says how it went, and when to try again.
// The webhook-id is the event's id on every attempt; the timestamp and the
// signature are the attempt's. As the Standard Webhooks specification
// asks, a 410 Gone disables the endpoint at once, and a failure's
// Retry-After puts the next attempt off that long at least (up to the
// longest delay of the backoff).
func (d *deliverer) deliver(ctx context.Context, t store.WebhookTarget, ev store.Event) store.Attempt {
	start := d.now()
	att, retryAfter := d.post(ctx, t, ev)
	end := d.now()
	att.Duration = end.Sub(start)
	if att.OK() {
		d.metrics.webhooks.WithLabelValues("delivered").Inc()
		return att
	}
	if att.Error == "" {
		att.Error = "the endpoint answered " + strconv.Itoa(att.StatusCode)
	}
	first := start
	if ev.FirstFailedAt != nil {
		first = *ev.FirstFailedAt
	}
	switch {
	case att.StatusCode == http.StatusGone:
		att.Disable = "the endpoint answered 410 Gone: it asked to be sent nothing more"
	case start.Sub(first) >= d.giveUp:
		att.Disable = fmt.Sprintf("failed every delivery for %s (last: %s)", d.giveUp, att.Error)
	}
	if att.Disable != "" {
		d.metrics.webhooks.WithLabelValues("disabled").Inc()
		return att
	}
	att.RetryAt = start.Add(webhookRetryDelay(ev.Attempts+1, d.base))
	if later := end.Add(min(retryAfter, maxWebhookRetryDelay)); later.After(att.RetryAt) {
		att.RetryAt = later // counted from the answer, which said it
	}
	d.metrics.webhooks.WithLabelValues("failed").Inc()
	return att
}

// post sends one attempt and returns how it went, and the answer's
// Retry-After (0 when it has none).
func (d *deliverer) post(ctx context.Context, t store.WebhookTarget, ev store.Event) (store.Attempt, time.Duration) {
	body, err := webhookBody(ev)
	if err != nil {
		return store.Attempt{Error: err.Error()}, 0
	}
	ts := d.now().Unix()
	sig, err := sign(t.Secret, ev.ID, ts, body)
	if err != nil {
		return store.Attempt{Error: err.Error()}, 0
	}
	u, err := url.Parse(t.URL)
	if err != nil {
		return store.Attempt{Error: "bad endpoint URL"}, 0
	}
	r, err := reachOf(u, d.allowPrivate)
	if err != nil {
		return store.Attempt{Error: err.Error()}, 0
	}
	ctx, cancel := context.WithTimeout(context.WithValue(ctx, reachKey{}, r), webhookTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.URL, bytes.NewReader(body))
	if err != nil {
		return store.Attempt{Error: "bad endpoint URL"}, 0
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "dedupe-webhooks")
	req.Header.Set("webhook-id", ev.ID)
	req.Header.Set("webhook-timestamp", strconv.FormatInt(ts, 10))
	req.Header.Set("webhook-signature", sig)
	resp, err := d.client.Do(req)
	if err != nil {
		return store.Attempt{Error: deliveryError(err)}, 0
	}
	defer resp.Body.Close()
	// Read what the receiver sent, so the connection can serve the next
	// delivery; the answer is its status code whatever the body holds.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxWebhookResponse))
	return store.Attempt{StatusCode: resp.StatusCode}, retryAfter(resp.Header.Get("Retry-After"), d.now())
}

// retryAfter reads a Retry-After header (RFC 9110): a number of seconds
// or an HTTP date. It returns 0 when the header is absent, unreadable or
// in the past.
func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return time.Duration(min(max(n, 0), int64(maxWebhookRetryDelay/time.Second))) * time.Second
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(at.Sub(now), 0)
	}
	return 0
}

// deliveryError words a failed request for the deliveries list without the
// URL (which may carry a token of the receiver's).
func deliveryError(err error) string {
	var urlErr interface{ Unwrap() error }
	if errors.As(err, &urlErr) {
		err = urlErr.Unwrap()
	}
	if errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "Client.Timeout") {
		return "no answer within " + webhookTimeout.String()
	}
	return err.Error()
}

// HandleWebhook delivers the due events of one endpoint, oldest first,
// until none is due, one fails (it is retried later), a batch is done, or
// the worker shuts down: the delivery under way finishes, and the sweep
// of the next worker to run finds the rest due.
func (w *Worker) HandleWebhook(ctx context.Context, t *asynq.Task) error {
	var p WebhookPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.TenantID == "" || p.WebhookID == "" {
		w.metrics.failed.WithLabelValues(failMalformed).Inc()
		return fmt.Errorf("webhook payload is malformed: %w", asynq.SkipRetry)
	}
	for range webhookBatch {
		att, _, err := w.store.DeliverNext(ctx, p.TenantID, p.WebhookID, func(tg store.WebhookTarget, ev store.Event) store.Attempt {
			return w.webhooks.deliver(ctx, tg, ev)
		})
		if errors.Is(err, store.ErrNothingDue) {
			return nil
		}
		if err != nil {
			return err
		}
		if !att.OK() {
			return nil // recorded, with when to try again
		}
		select {
		case <-w.stopping:
			return nil
		default:
		}
	}
	return nil
}

// sweepWebhooks queues a delivery task for every endpoint with an event
// due. A task per endpoint at a time: its id is the endpoint's, so Redis
// refuses a second while one waits or runs. Start runs it every
// webhookSweep.
//
// The task is retried (every minute at most, retryDelay) for as long as
// the database fails it, never archived: asynq keeps an archived task's
// id for months, and refuses a new task of that id meanwhile, so an
// archived task would stop the endpoint's deliveries without a word. One
// archived all the same (an older version gave up after 10 retries) is
// replaced when the sweep finds it in the way.
func (w *Worker) sweepWebhooks(ctx context.Context) bool {
	due, err := w.store.DueWebhooks(ctx, 1000)
	if err != nil {
		if ctx.Err() == nil {
			w.log.Warn("could not look for due webhooks", "err", err)
		}
		return true
	}
	for _, d := range due {
		payload, _ := json.Marshal(WebhookPayload{TenantID: d[0], WebhookID: d[1]})
		id := "webhook-" + d[1]
		task := asynq.NewTask(TypeWebhook, payload, asynq.TaskID(id), asynq.Queue(QueueWebhooks), asynq.MaxRetry(math.MaxInt32))
		queued, err := enqueueUnique(ctx, w.client, task)
		if queued {
			if info, ierr := w.inspector.GetTaskInfo(QueueWebhooks, id); ierr == nil && info.State == asynq.TaskStateArchived {
				_ = w.inspector.DeleteTask(QueueWebhooks, id) // fails only when another worker replaced it first
				_, err = enqueueUnique(ctx, w.client, task)
			}
		}
		if err != nil && ctx.Err() == nil {
			w.log.Warn("could not queue a webhook delivery", "webhook_id", d[1], "err", err)
		}
	}
	return true
}

func webhookDefaults(c *Config) {
	c.WebhookConcurrency = cmp.Or(c.WebhookConcurrency, 2)
	c.WebhookRetryBase = cmp.Or(c.WebhookRetryBase, DefaultWebhookRetryBase)
	c.WebhookGiveUp = cmp.Or(c.WebhookGiveUp, DefaultWebhookGiveUp)
}
