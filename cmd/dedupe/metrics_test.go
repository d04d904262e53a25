package main

import (
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"dedupe/internal/logtest"
	"dedupe/internal/openapitest"
	"dedupe/internal/redistest"
	"dedupe/internal/storetest"
	"dedupe/worker"
)

// scrape is one /metrics answer, parsed.
type scrape map[string]*dto.MetricFamily

func (s *service) scrape() scrape {
	s.t.Helper()
	resp, err := http.Get(s.base + "/metrics")
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		s.t.Fatalf("/metrics = %d\n%s", resp.StatusCode, body)
	}
	p := expfmt.NewTextParser(model.LegacyValidation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		s.t.Fatalf("parse /metrics: %v", err)
	}
	return fams
}

// value returns the sum of the samples of a counter or gauge family whose
// labels include want, or of a histogram's sample counts; 0 when absent.
func (sc scrape) value(name string, want map[string]string) float64 {
	f, ok := sc[name]
	if !ok {
		return 0
	}
	var sum float64
	for _, m := range f.GetMetric() {
		if !hasLabels(m, want) {
			continue
		}
		switch {
		case m.Counter != nil:
			sum += m.Counter.GetValue()
		case m.Gauge != nil:
			sum += m.Gauge.GetValue()
		case m.Histogram != nil:
			sum += float64(m.Histogram.GetSampleCount())
		case m.Untyped != nil:
			sum += m.Untyped.GetValue()
		}
	}
	return sum
}

func hasLabels(m *dto.Metric, want map[string]string) bool {
	for k, v := range want {
		if !slices.ContainsFunc(m.GetLabel(), func(l *dto.LabelPair) bool { return l.GetName() == k && l.GetValue() == v }) {
			return false
		}
	}
	return true
}

// names returns every series name the scrape holds, with a histogram's
// _bucket, _sum and _count, as PromQL sees them.
func (sc scrape) names() map[string]bool {
	out := map[string]bool{}
	for name, f := range sc {
		out[name] = true
		if f.GetType() == dto.MetricType_HISTOGRAM {
			out[name+"_bucket"], out[name+"_sum"], out[name+"_count"] = true, true, true
		}
		if f.GetType() == dto.MetricType_SUMMARY {
			out[name+"_sum"], out[name+"_count"] = true, true
		}
	}
	return out
}

// restart stops the service's Main and starts a new one on the same
// database and Redis with extra environment.
func (s *service) restart(extra map[string]string) {
	s.t.Helper()
	if err := s.main.Close(); err != nil {
		s.t.Fatal(err)
	}
	env := map[string]string{"DATABASE_URL": s.dbURL, "REDIS_URL": s.redis.URL(), "DEDUPE_HTTP_ADDR": "127.0.0.1:0", "DEDUPE_LOG_LEVEL": "debug"}
	for k, v := range extra {
		env[k] = v
	}
	s.main = &Main{Stdout: io.Discard, Stderr: s.logs, Getenv: envOf(env)}
	if err := s.main.Start(context.Background(), "all", nil); err != nil {
		s.t.Fatalf("restart: %v\n%s", err, s.logs)
	}
	s.base = "http://" + s.main.HTTPAddr()
	openapitest.Watch(s.t, s.base)
}

// waitMetric scrapes until name{want} reaches at least n, or fails.
func (s *service) waitMetric(name string, want map[string]string, n float64) scrape {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		sc := s.scrape()
		if sc.value(name, want) >= n {
			return sc
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%s%v = %v after 20s, want %v", name, want, sc.value(name, want), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestMetricsMoveWithBookings(t *testing.T) {
	s := MustRun(t)
	before := s.scrape()
	if _, ok := before["dedupe_review_candidates_open"]; !ok {
		t.Fatal("dedupe_review_candidates_open missing before any booking")
	}

	created := s.post("/v1/bookings", designBooking("bk-1"))
	updated := s.post("/v1/bookings", designBooking("bk-2"))
	if *created.Decision != "created" || *updated.Decision != "updated" {
		t.Fatalf("decisions %s, %s; want created, updated", *created.Decision, *updated.Decision)
	}
	if again := s.post("/v1/bookings", designBooking("bk-1")); again.ID != created.ID {
		t.Fatalf("retried booking got ingestion %s, want %s", again.ID, created.ID)
	}
	// The retry's answer is the recorded ingestion, given before its task
	// runs: wait for the task, so that no two bookings share a transaction
	// and each is a batch of its own.
	ingest := map[string]string{"queue": worker.QueueIngest}
	s.waitMetric("asynq_tasks_processed_total", ingest, before.value("asynq_tasks_processed_total", ingest)+3)
	sale := s.post("/v1/sales", map[string]any{
		"external_id": "order-1", "customer": map[string]any{"email": "camille.roy@example.fr"},
		"sale": map[string]any{"amount_cents": 1200, "currency": "EUR"},
	})
	if *sale.Decision != "updated" {
		t.Fatalf("sale decision %s, want updated", *sale.Decision)
	}
	// A family email: another first name on Camille's address opens a review.
	family := designBooking("bk-3")
	family["customer"] = map[string]any{"first_name": "Jean", "last_name": "Roy", "email": "camille.roy@example.fr"}
	if got := s.post("/v1/bookings", family); *got.Decision != "created" || got.ReviewID == nil {
		t.Fatalf("family booking = %+v, want created with a review", got)
	}
	// A poison task is archived at once.
	client := asynq.NewClient(asynq.RedisClientOpt{Addr: s.redis.Addr()})
	defer client.Close()
	if _, err := client.Enqueue(asynq.NewTask(worker.TypeIngest, []byte(`not json`)), asynq.Queue(worker.QueueIngest)); err != nil {
		t.Fatal(err)
	}

	// asynq counts a task as processed after the handler returns, so wait
	// for its counters rather than for the ingestions.
	s.waitMetric("asynq_tasks_processed_total", ingest, 6)
	after := s.waitMetric("asynq_tasks_enqueued_total", map[string]string{"queue": worker.QueueIngest, "state": "archived"}, 1)

	for _, c := range []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"dedupe_decisions_total", map[string]string{"source": "booking_widget", "decision": "created"}, 2},
		{"dedupe_decisions_total", map[string]string{"source": "booking_widget", "decision": "updated"}, 1},
		{"dedupe_decisions_total", map[string]string{"source": "booking_widget", "decision": "duplicate"}, 1},
		{"dedupe_decisions_total", map[string]string{"source": "web_sale", "decision": "updated"}, 1},
		{"dedupe_decisions_total", nil, 5},
		{"dedupe_task_duration_seconds", map[string]string{"task": worker.TypeIngest}, 5},
		{"dedupe_end_to_end_seconds", nil, 4}, // the replayed booking committed nothing
		{"dedupe_ingest_batch_size", nil, 5},  // one booking at a time: a transaction each
		{"dedupe_ingest_transaction_seconds", nil, 5},
		{"dedupe_task_failures_total", map[string]string{"reason": "malformed"}, 1},
		{"dedupe_ingest_requests_total", map[string]string{"endpoint": "POST /v1/bookings", "code": "202"}, 4},
		{"dedupe_ingest_requests_total", map[string]string{"endpoint": "POST /v1/sales", "code": "202"}, 1},
		{"dedupe_review_candidates_open", nil, 1},
		{"asynq_tasks_processed_total", ingest, 6},
		{"asynq_tasks_failed_total", ingest, 1},
		{"asynq_tasks_enqueued_total", map[string]string{"queue": worker.QueueIngest, "state": "archived"}, 1},
		{"asynq_tasks_enqueued_total", map[string]string{"queue": worker.QueueIngest, "state": "pending"}, 0},
		{"asynq_queue_size", ingest, 1}, // the archived task
		{"asynq_queue_latency_seconds", ingest, 0},
	} {
		if got := after.value(c.name, c.labels) - before.value(c.name, c.labels); got != c.want {
			t.Errorf("%s%v moved by %v, want %v", c.name, c.labels, got, c.want)
		}
	}
	if _, ok := after["asynq_queue_size"]; !ok {
		t.Error("asynq_queue_size missing")
	}
	// Every failure reason is exported before its first failure, so that
	// rate() sees that one.
	for _, reason := range []string{"malformed", "unknown_tenant", "invalid", "error", "fuzzy_enqueue"} {
		if !slices.ContainsFunc(before["dedupe_task_failures_total"].GetMetric(), func(m *dto.Metric) bool {
			return hasLabels(m, map[string]string{"reason": reason})
		}) {
			t.Errorf("dedupe_task_failures_total{reason=%q} missing before any failure", reason)
		}
	}
	for _, name := range []string{"dedupe_db_pool_max_conns", "dedupe_db_pool_acquires_total", "dedupe_db_pool_new_conns_total"} {
		if after.value(name, nil) <= 0 {
			t.Errorf("%s = %v, want > 0", name, after.value(name, nil))
		}
	}
	for _, name := range []string{"go_goroutines", "process_cpu_seconds_total", "process_resident_memory_bytes"} {
		if _, ok := after[name]; !ok {
			t.Errorf("%s missing", name)
		}
	}
	// The end-to-end histogram observed real, positive durations.
	if sum := after["dedupe_end_to_end_seconds"].GetMetric()[0].GetHistogram().GetSampleSum(); sum <= 0 {
		t.Errorf("dedupe_end_to_end_seconds_sum = %v", sum)
	}
	if sum := after["dedupe_ingest_batch_size"].GetMetric()[0].GetHistogram().GetSampleSum(); sum != 5 {
		t.Errorf("dedupe_ingest_batch_size_sum = %v, want 5 bookings", sum)
	}
	checkNoPersonalData(t, after)
	checkQueriedMetricsExist(t, after)
}

// personal matches what no label value may hold: an email's @ or a run of
// six digits or more (a phone number).
var personal = regexp.MustCompile(`@|[0-9]{6,}`)

func checkNoPersonalData(t *testing.T, sc scrape) {
	t.Helper()
	n := 0
	for name, f := range sc {
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				n++
				if personal.MatchString(l.GetValue()) {
					t.Errorf("%s{%s=%q}: a label value looks like personal data", name, l.GetName(), l.GetValue())
				}
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d label values checked", n)
	}
}

// definedElsewhere lists the metrics the dashboard and alerts use that
// another branch defines; they are checked once that work is merged, when
// this list should be emptied.
var definedElsewhere = map[string]string{
	"dedupe_merges_total": "the review API (merges by kind)",
}

// metricName matches the series names of this service in a PromQL
// expression: ours (dedupe_), asynq's, Go's and the process's.
var metricName = regexp.MustCompile(`\b(?:dedupe|asynq|go|process)_[a-zA-Z0-9_:]*`)

// labelLists matches what may hold label names rather than metric names:
// matchers in braces, strings, and by/without/on/ignoring/group lists.
var labelLists = regexp.MustCompile(`\{[^}]*\}|"[^"]*"|\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)`)

// queriedMetrics returns the metric names a PromQL expression reads.
func queriedMetrics(expr string) []string {
	return metricName.FindAllString(labelLists.ReplaceAllString(expr, " "), -1)
}

// checkQueriedMetricsExist reads the Grafana dashboard and the alert rules
// and checks that every metric they query is in a real scrape: a renamed
// metric breaks this test, not a panel at three in the morning.
func checkQueriedMetricsExist(t *testing.T, sc scrape) {
	t.Helper()
	have := sc.names()
	exprs := dashboardExprs(t, "../../deploy/grafana/dashboards/dedupe.json")
	exprs = append(exprs, alertExprs(t, "../../deploy/alerts.yml")...)
	checked, pending := 0, map[string]bool{}
	for _, e := range exprs {
		names := queriedMetrics(e)
		if len(names) == 0 && !strings.Contains(e, "up{") {
			t.Errorf("query %q names no metric of this service", e)
		}
		for _, n := range names {
			checked++
			switch {
			case have[n]:
			case definedElsewhere[n] != "":
				pending[n] = true
			default:
				t.Errorf("%q queries %s, which /metrics does not export", e, n)
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d metric references checked; are the files empty?", checked)
	}
	t.Logf("%d queries of the dashboard and the alerts read %d metric references; not checked, defined elsewhere: %v",
		len(exprs), checked, slices.Sorted(maps.Keys(pending)))
}

// dashboardExprs returns the PromQL of every target of every panel.
func dashboardExprs(t *testing.T, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []string
	for _, p := range d.Panels {
		for _, tg := range p.Targets {
			if tg.Expr != "" {
				out = append(out, tg.Expr)
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s has no queries", path)
	}
	return out
}

// alertExprs returns the expr: values of a rules file. The file is
// checked by promtool in package deploy; here a line reader is enough:
// each expr is one line or a folded block (expr: >- or |) below it.
func alertExprs(t *testing.T, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	lines := strings.Split(string(raw), "\n")
	for i := 0; i < len(lines); i++ {
		key, v, ok := strings.Cut(strings.TrimSpace(lines[i]), "expr:")
		if !ok || key != "" {
			continue
		}
		v = strings.TrimSpace(v)
		if v == "|" || v == ">" || v == "|-" || v == ">-" {
			ind := len(lines[i]) - len(strings.TrimLeft(lines[i], " "))
			var b strings.Builder
			for i+1 < len(lines) && (strings.TrimSpace(lines[i+1]) == "" || len(lines[i+1])-len(strings.TrimLeft(lines[i+1], " ")) > ind) {
				i++
				b.WriteString(lines[i] + "\n")
			}
			v = b.String()
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		t.Fatalf("%s has no expr", path)
	}
	return out
}

func TestTenantLabelOnlyForNamedTenants(t *testing.T) {
	s := MustRun(t)
	s.cli("tenant", "create", "--slug", "shop", "--region", "FR")
	shop := s.newToken("shop", "ingest,read")
	s.restart(map[string]string{"DEDUPE_METRICS_TENANTS": "salon, nosuch"})

	s.post("/v1/bookings", designBooking("bk-1"))
	var a accepted
	if code := s.do("POST", "/v1/bookings", shop, designBooking("bk-1"), &a); code != http.StatusAccepted {
		t.Fatal(code)
	}
	sc := s.waitMetric("dedupe_decisions_total", nil, 2)
	for tenant, want := range map[string]float64{"salon": 1, "other": 1, "shop": 0, s.tenant: 0} {
		if got := sc.value("dedupe_decisions_total", map[string]string{"tenant": tenant}); got != want {
			t.Errorf("dedupe_decisions_total{tenant=%q} = %v, want %v", tenant, got, want)
		}
	}
	checkNoPersonalData(t, sc)
}

func TestNoTenantLabelByDefault(t *testing.T) {
	s := MustRun(t)
	s.post("/v1/bookings", designBooking("bk-1"))
	for _, m := range s.waitMetric("dedupe_decisions_total", nil, 1)["dedupe_decisions_total"].GetMetric() {
		for _, l := range m.GetLabel() {
			if l.GetName() == "tenant" {
				t.Fatalf("dedupe_decisions_total has a tenant label (%q) without DEDUPE_METRICS_TENANTS", l.GetValue())
			}
		}
	}
}

// postWithID posts a booking with an X-Request-Id header (none when id is
// empty) and returns the answer's X-Request-Id and ingestion id.
func (s *service) postWithID(id string, body any) (string, string) {
	s.t.Helper()
	data, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", s.base+"/v1/bookings", strings.NewReader(string(data)))
	req.Header.Set("Authorization", "Bearer "+s.token)
	if id != "" {
		req.Header.Set("X-Request-Id", id)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	var a accepted
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil || resp.StatusCode != http.StatusAccepted {
		s.t.Fatalf("POST = %d, %v", resp.StatusCode, err)
	}
	return resp.Header.Get("X-Request-Id"), a.IngestionID
}

func TestRequestIDFollowsTheBooking(t *testing.T) {
	s := MustRun(t)
	got, ingestionID := s.postWithID("widget-7f3a.req_1", designBooking("bk-1"))
	if got != "widget-7f3a.req_1" {
		t.Fatalf("X-Request-Id echoed %q, want the caller's", got)
	}
	s.wait(ingestionID)
	// The worker's line names the request and the task (whose id is the
	// ingestion id). It is written just after the commit the wait saw, so
	// look for it for a little while.
	found := false
	for deadline := time.Now().Add(5 * time.Second); !found && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		for _, line := range strings.Split(s.logs.String(), "\n") {
			var l map[string]any
			if json.Unmarshal([]byte(line), &l) != nil || l["msg"] != "ingested" {
				continue
			}
			if l["request_id"] == "widget-7f3a.req_1" && l["task_id"] == ingestionID {
				found = true
			}
		}
	}
	if !found {
		t.Fatalf("no worker log line carries request_id and task_id:\n%s", s.logs)
	}

	generated, _ := s.postWithID("", designBooking("bk-2"))
	insane, _ := s.postWithID("camille.roy@example.fr", designBooking("bk-3"))
	long, _ := s.postWithID(strings.Repeat("a", 129), designBooking("bk-4"))
	for _, id := range []string{generated, insane, long} {
		if !saneID.MatchString(id) {
			t.Errorf("generated request id %q", id)
		}
	}
	if generated == insane || insane == long {
		t.Errorf("generated ids repeat: %q %q %q", generated, insane, long)
	}
	if strings.Contains(s.logs.String(), "camille") {
		t.Fatal("a request id holding an email address reached the logs")
	}
}

var saneID = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,128}$`)

// TestWorkerProbes: `dedupe work` answers /healthz and /readyz on its
// metrics address as the API does, beside /metrics, so that a container's
// health check asks the worker itself rather than scraping it; /readyz
// names what is missing (a schema not migrated, Redis stopped) while
// /healthz stays 200; any other path is 404.
func TestWorkerProbes(t *testing.T) {
	dbURL := storetest.MustEmptyURL(t)
	rd := redistest.MustStart(t, redistest.Options{})
	logs := &logtest.Buffer{}
	m := &Main{Stdout: io.Discard, Stderr: logs, Getenv: envOf(map[string]string{
		"DATABASE_URL": dbURL, "REDIS_URL": rd.URL(), "DEDUPE_METRICS_ADDR": "127.0.0.1:0"})}
	if err := m.Start(context.Background(), "work", nil); err != nil {
		t.Fatalf("start: %v\n%s", err, logs)
	}
	t.Cleanup(func() { m.Close() })
	base := "http://" + m.MetricsAddr()
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	type readiness struct {
		Status string
		Checks map[string]string
	}
	ready := func() (int, readiness) {
		t.Helper()
		code, body := get("/readyz")
		var r readiness
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			t.Fatalf("/readyz = %d %q: %v", code, body, err)
		}
		return code, r
	}

	if code, r := ready(); code != http.StatusServiceUnavailable || r.Status != "unavailable" ||
		!strings.Contains(r.Checks["schema"], "dedupe migrate") || r.Checks["postgres"] != "ok" || r.Checks["redis"] != "ok" {
		t.Fatalf("/readyz before the migrations = %d %+v; want 503 naming dedupe migrate", code, r)
	}
	if err := (&Main{Stdout: io.Discard, Stderr: logs, Getenv: envOf(map[string]string{"DATABASE_URL": dbURL})}).
		Run(context.Background(), []string{"migrate"}); err != nil {
		t.Fatal(err)
	}
	if code, r := ready(); code != http.StatusOK || r.Status != "ready" {
		t.Fatalf("/readyz once migrated = %d %+v; want 200 ready", code, r)
	}
	if code, body := get("/metrics"); code != http.StatusOK || !strings.Contains(body, "dedupe_webhook_endpoints_disabled 0") {
		t.Fatalf("/metrics = %d, want 200 with the worker's series:\n%s", code, body)
	}
	if code, body := get("/nothing-here"); code != http.StatusNotFound {
		t.Fatalf("/nothing-here = %d %q; want 404", code, body)
	}

	if err := rd.Stop(); err != nil {
		t.Fatal(err)
	}
	if code, r := ready(); code != http.StatusServiceUnavailable || r.Checks["redis"] != "unavailable" || r.Checks["postgres"] != "ok" {
		t.Fatalf("/readyz with Redis stopped = %d %+v; want 503 naming Redis", code, r)
	}
	if code, body := get("/healthz"); code != http.StatusOK || !strings.Contains(body, `"ok"`) {
		t.Fatalf("/healthz with Redis stopped = %d %q; want 200: the process still serves", code, body)
	}
	if err := rd.Start(context.Background()); err != nil { // for a prompt shutdown
		t.Fatal(err)
	}
	if code, r := ready(); code != http.StatusOK {
		t.Fatalf("/readyz with Redis back = %d %+v; want 200", code, r)
	}
}
