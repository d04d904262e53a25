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
	// webhookTimeout bounds one delivery, connection to last byte.
	webhookTimeout = 10 * time.Second
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
	store   *store.Store
	client  *http.Client
	base    time.Duration
	giveUp  time.Duration
	now     func() time.Time
	metrics *metrics
}

// newWebhookClient returns the HTTP client of deliveries: a 10 s timeout,
// no redirects followed, and, unless allowPrivate, no connection to a
// loopback, private, link-local or otherwise non-public address, checked
// on the address actually dialled (so a DNS answer that changed since the
// endpoint was registered cannot reach inside).
func newWebhookClient(allowPrivate bool) *http.Client {
	dialer := &net.Dialer{Timeout: webhookTimeout}
	if !allowPrivate {
		dialer.Control = func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("webhook: cannot check the address %q", address)
			}
			if !PublicAddr(ap.Addr()) {
				return fmt.Errorf("webhook: %s is not a public address", ap.Addr())
			}
			return nil
		}
	}
	transport := &http.Transport{
		DialContext:           dialer.DialContext,
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

// cgnat is the shared address space of carrier-grade NAT (RFC 6598).
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// PublicAddr reports whether a is an address a webhook may connect to
// without DEDUPE_WEBHOOK_ALLOW_PRIVATE: not loopback, private, link-local,
// multicast, unspecified or carrier-grade NAT.
func PublicAddr(a netip.Addr) bool {
	a = a.Unmap()
	return a.IsValid() && !a.IsLoopback() && !a.IsPrivate() && !a.IsLinkLocalUnicast() && !a.IsLinkLocalMulticast() &&
		!a.IsInterfaceLocalMulticast() && !a.IsMulticast() && !a.IsUnspecified() && !cgnat.Contains(a)
}

// CheckWebhookURL accepts an endpoint URL: absolute, https:// (http://
// too when allowPrivate), without credentials, and, unless allowPrivate,
// not written with a loopback, private or link-local address. A host name
// is checked again on every connection, where it resolves.
func CheckWebhookURL(raw string, allowPrivate bool) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return errors.New("url must be an absolute URL such as https://crm.example.com/hooks/dedupe")
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && allowPrivate:
	default:
		return errors.New("url must start with https://")
	}
	if u.User != nil {
		return errors.New("url must not carry a user name or password; put a secret in the path or check the signature")
	}
	if allowPrivate {
		return nil
	}
	host := strings.ToLower(u.Hostname())
	if addr, err := netip.ParseAddr(host); (err == nil && !PublicAddr(addr)) || host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return errors.New("url must point at a public address")
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
// signature are the attempt's.
func (d *deliverer) deliver(ctx context.Context, t store.WebhookTarget, ev store.Event) store.Attempt {
	start := d.now()
	att := d.post(ctx, t, ev)
	att.Duration = d.now().Sub(start)
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
	if start.Sub(first) >= d.giveUp {
		att.Disable = fmt.Sprintf("failed every delivery for %s (last: %s)", d.giveUp, att.Error)
		d.metrics.webhooks.WithLabelValues("disabled").Inc()
		return att
	}
	att.RetryAt = start.Add(webhookRetryDelay(ev.Attempts+1, d.base))
	d.metrics.webhooks.WithLabelValues("failed").Inc()
	return att
}

func (d *deliverer) post(ctx context.Context, t store.WebhookTarget, ev store.Event) store.Attempt {
	body, err := webhookBody(ev)
	if err != nil {
		return store.Attempt{Error: err.Error()}
	}
	ts := d.now().Unix()
	sig, err := sign(t.Secret, ev.ID, ts, body)
	if err != nil {
		return store.Attempt{Error: err.Error()}
	}
	ctx, cancel := context.WithTimeout(ctx, webhookTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.URL, bytes.NewReader(body))
	if err != nil {
		return store.Attempt{Error: "bad endpoint URL"}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "dedupe-webhooks")
	req.Header.Set("webhook-id", ev.ID)
	req.Header.Set("webhook-timestamp", strconv.FormatInt(ts, 10))
	req.Header.Set("webhook-signature", sig)
	resp, err := d.client.Do(req)
	if err != nil {
		return store.Attempt{Error: deliveryError(err)}
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, maxWebhookResponse))
	return store.Attempt{StatusCode: resp.StatusCode}
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
// until none is due, one fails (it is retried later), or a batch is done.
func (w *Worker) HandleWebhook(ctx context.Context, t *asynq.Task) error {
	var p WebhookPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.TenantID == "" || p.WebhookID == "" {
		w.metrics.failed.WithLabelValues("malformed").Inc()
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
	}
	return nil
}

// sweepWebhooks queues a delivery task for every endpoint with an event
// due. A task per endpoint at a time: its id is the endpoint's, so Redis
// refuses a second while one waits or runs. Start runs it every
// webhookSweep.
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
		_, err := enqueueUnique(ctx, w.client, asynq.NewTask(TypeWebhook, payload,
			asynq.TaskID("webhook-"+d[1]), asynq.Queue(QueueWebhooks), asynq.MaxRetry(10)))
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
