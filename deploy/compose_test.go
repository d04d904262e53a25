package deploy

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	composeFile      = "../docker-compose.yml"
	composeCitusFile = "../docker-compose.citus.yml"
)

// tool returns the path of a required command-line tool. A missing tool is a
// failure, never a skip: `make deps` installs them (Debian packages
// docker-compose and prometheus).
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not found on PATH: run make deps (Debian package %q)", name, pkg)
	}
	return p
}

// run executes a command and returns its stdout; on a non-zero exit the test
// fails with the command's combined output.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\nstdout:\n%s\nstderr:\n%s",
			name, strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

func composeConfig(t *testing.T, extra ...string) string {
	t.Helper()
	return composeFileConfig(t, composeFile, extra...)
}

func composeFileConfig(t *testing.T, file string, extra ...string) string {
	t.Helper()
	dc := tool(t, "docker-compose", "docker-compose")
	return run(t, dc, append([]string{"-f", file, "config"}, extra...)...)
}

// TestComposeConfig validates docker-compose.yml and docker-compose.citus.yml
// with Debian's docker-compose (1.29); no Docker engine is needed.
func TestComposeConfig(t *testing.T) {
	for _, file := range []string{composeFile, composeCitusFile} {
		t.Run(strings.TrimPrefix(file, "../"), func(t *testing.T) {
			composeFileConfig(t, file, "-q")
		})
	}
}

// TestComposeCitusServices checks the structure of docker-compose.citus.yml:
// a Citus coordinator and two workers, the migrate one-shot that registers
// exactly those nodes, and the API and workers connected to the coordinator
// once it has run.
func TestComposeCitusServices(t *testing.T) {
	root := parseBlock(composeFileConfig(t, composeCitusFile))
	services, ok := root.child("services")
	if !ok {
		t.Fatal("docker-compose config: no services")
	}
	svc := func(name string) block {
		b, ok := services.child(name)
		if !ok {
			t.Fatalf("service %q missing; have %v", name, services.keys())
		}
		return b
	}
	nodes := []string{"citus-coordinator", "citus-worker-1", "citus-worker-2"}
	for _, name := range nodes {
		if img := svc(name).value("image"); !strings.HasPrefix(img, "citusdata/citus:") {
			t.Errorf("%s image = %q, want citusdata/citus", name, img)
		}
		if _, ok := svc(name).child("healthcheck"); !ok {
			t.Errorf("%s has no healthcheck", name)
		}
		if _, ok := svc(name).child("ports"); ok {
			t.Errorf("%s publishes a port; the nodes trust the compose network only", name)
		}
		env, _ := svc(name).child("environment")
		if env.value("POSTGRES_DB") != "dedupe" {
			t.Errorf("%s POSTGRES_DB = %q, want dedupe (Citus uses one database name on every node)", name, env.value("POSTGRES_DB"))
		}
		if got := env.value("POSTGRES_INITDB_ARGS"); got != "--locale=C --encoding=UTF8" {
			t.Errorf("%s POSTGRES_INITDB_ARGS = %q, want --locale=C --encoding=UTF8", name, got)
		}
	}

	migrate := svc("migrate").list("command")
	want := []string{"migrate", "--citus", "--citus-coordinator=citus-coordinator:5432",
		"--citus-workers=citus-worker-1:5432,citus-worker-2:5432"}
	if strings.Join(migrate, " ") != strings.Join(want, " ") {
		t.Errorf("migrate command = %q, want %q", migrate, want)
	}
	deps, _ := svc("migrate").child("depends_on")
	for _, name := range nodes {
		if d, ok := deps.child(name); !ok || d.value("condition") != "service_healthy" {
			t.Errorf("migrate does not wait for %s to be healthy", name)
		}
	}

	for _, name := range []string{"api", "worker"} {
		env, _ := svc(name).child("environment")
		if url := env.value("DATABASE_URL"); !strings.Contains(url, "@citus-coordinator:5432/dedupe") {
			t.Errorf("%s DATABASE_URL = %q, want the coordinator", name, url)
		}
		deps, _ := svc(name).child("depends_on")
		if d, ok := deps.child("migrate"); !ok || d.value("condition") != "service_completed_successfully" {
			t.Errorf("%s does not wait for migrate to complete", name)
		}
	}
	if cmd := svc("redis").list("command"); !hasPair(cmd, "--appendonly", "yes") {
		t.Errorf("redis command %q does not enable appendonly yes", cmd)
	}
}

// TestComposeServices checks the structure of the normalised configuration
// that `docker-compose config` prints.
func TestComposeServices(t *testing.T) {
	root := parseBlock(composeConfig(t))

	services, ok := root.child("services")
	if !ok {
		t.Fatal("docker-compose config: no services")
	}
	for _, name := range []string{"postgres", "redis", "migrate", "api", "worker", "prometheus", "grafana", "asynqmon"} {
		if _, ok := services.child(name); !ok {
			t.Errorf("service %q missing; have %v", name, services.keys())
		}
	}
	svc := func(name string) block {
		b, _ := services.child(name)
		return b
	}

	// Redis keeps accepted tasks across restarts.
	if cmd := svc("redis").list("command"); !hasPair(cmd, "--appendonly", "yes") {
		t.Errorf("redis command %q does not enable appendonly yes", cmd)
	}
	// PostgreSQL keeps a peak's WAL segments, compresses the whole pages
	// it writes to the WAL, and has shared buffers over its default,
	// POSTGRES_SHARED_BUFFERS when set.
	cmd := svc("postgres").list("command")
	want := "shared_buffers=1GB"
	if v := os.Getenv("POSTGRES_SHARED_BUFFERS"); v != "" {
		want = "shared_buffers=" + v
	}
	for _, setting := range []string{"min_wal_size=2GB", "max_wal_size=4GB", "wal_compression=lz4", want} {
		if !hasPair(cmd, "-c", setting) {
			t.Errorf("postgres command %q does not set %s", cmd, setting)
		}
	}

	// Its database in the C locale, as make run's and the tests'.
	if pgEnv, _ := svc("postgres").child("environment"); pgEnv.value("POSTGRES_INITDB_ARGS") != "--locale=C --encoding=UTF8" {
		t.Errorf("postgres POSTGRES_INITDB_ARGS = %q, want --locale=C --encoding=UTF8", pgEnv.value("POSTGRES_INITDB_ARGS"))
	}

	// Subcommands.
	for name, want := range map[string]string{"migrate": "migrate", "api": "serve", "worker": "work"} {
		if cmd := svc(name).list("command"); len(cmd) == 0 || cmd[0] != want {
			t.Errorf("service %s command = %q, want [%s]", name, cmd, want)
		}
	}

	// Workers are scaled out and expose metrics for Prometheus.
	deploy, _ := svc("worker").child("deploy")
	if n, err := strconv.Atoi(deploy.value("replicas")); err != nil || n < 2 {
		t.Errorf("worker deploy.replicas = %q, want >= 2", deploy.value("replicas"))
	}
	env, _ := svc("worker").child("environment")
	if got := env.value("DEDUPE_METRICS_ADDR"); got != ":9090" {
		t.Errorf("worker DEDUPE_METRICS_ADDR = %q, want :9090", got)
	}

	// Start order: schema first, then the API and workers.
	for _, name := range []string{"api", "worker"} {
		deps, _ := svc(name).child("depends_on")
		for dep, cond := range map[string]string{
			"migrate":  "service_completed_successfully",
			"postgres": "service_healthy",
			"redis":    "service_healthy",
		} {
			d, ok := deps.child(dep)
			if got := d.value("condition"); !ok || got != cond {
				t.Errorf("%s depends_on %s condition = %q, want %s", name, dep, got, cond)
			}
		}
	}

	// distroless has no curl: the API checks itself with the binary.
	hc, _ := svc("api").child("healthcheck")
	if test := hc.list("test"); len(test) < 3 || test[1] != "/dedupe" || test[2] != "healthcheck" {
		t.Errorf("api healthcheck test = %q, want the /dedupe healthcheck form", test)
	}

	for _, name := range []string{"postgres", "redis"} {
		if _, ok := svc(name).child("healthcheck"); !ok {
			t.Errorf("service %s has no healthcheck", name)
		}
	}

	volumes, _ := root.child("volumes")
	for _, v := range []string{"pgdata", "redisdata", "grafana-data"} {
		if _, ok := volumes.child(v); !ok {
			t.Errorf("named volume %q missing; have %v", v, volumes.keys())
		}
	}
}

// TestPrometheusConfig validates deploy/prometheus.yml with promtool.
func TestPrometheusConfig(t *testing.T) {
	promtool := tool(t, "promtool", "prometheus")
	run(t, promtool, "check", "config", "prometheus.yml")

	raw, err := os.ReadFile("prometheus.yml")
	if err != nil {
		t.Fatal(err)
	}
	// Worker replicas share one service name: only DNS discovery finds them all.
	if s := string(raw); !strings.Contains(s, "dns_sd_configs") || !strings.Contains(s, `"worker"`) {
		t.Error("prometheus.yml must discover the worker replicas with dns_sd_configs on \"worker\"")
	}
}

// TestDockerfile checks the few things the compose file relies on.
func TestDockerfile(t *testing.T) {
	raw, err := os.ReadFile("../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	s := string(raw)
	for _, want := range []string{
		"FROM gcr.io/distroless/static-debian12:nonroot",
		"CGO_ENABLED=0",
		"./cmd/dedupe",
		`ENTRYPOINT ["/dedupe"]`,
		`CMD ["all"]`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("Dockerfile lacks %s", want)
		}
	}
}

// block is a slice of lines of the block-style YAML that docker-compose config
// prints (one key per line, lists as "- item" lines). It is a reader for that
// normalised output only, not a general YAML parser.
type block []string

func indent(line string) int { return len(line) - len(strings.TrimLeft(line, " ")) }

func parseBlock(s string) block {
	var b block
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		b = append(b, l)
	}
	return b
}

func (b block) base() int {
	if len(b) == 0 {
		return 0
	}
	return indent(b[0])
}

// entry finds key at the block's own indentation and returns its inline value
// and its nested lines (deeper lines, and "- " list lines at the same indent).
func (b block) entry(key string) (string, block, bool) {
	base := b.base()
	for i, l := range b {
		if indent(l) != base {
			continue
		}
		k, v, found := strings.Cut(strings.TrimSpace(l), ":")
		if !found || unquote(k) != key {
			continue
		}
		var body block
		for _, m := range b[i+1:] {
			in := indent(m)
			if in < base || (in == base && !strings.HasPrefix(strings.TrimSpace(m), "- ")) {
				break
			}
			body = append(body, m)
		}
		return unquote(strings.TrimSpace(v)), body, true
	}
	return "", nil, false
}

func (b block) child(key string) (block, bool) {
	_, body, ok := b.entry(key)
	return body, ok
}

func (b block) value(key string) string {
	v, _, _ := b.entry(key)
	return v
}

// list returns a list value, or the words of an inline string value.
func (b block) list(key string) []string {
	v, body, ok := b.entry(key)
	if !ok {
		return nil
	}
	if v != "" {
		return strings.Fields(v)
	}
	var items []string
	for _, l := range body {
		if indent(l) == body.base() && strings.HasPrefix(strings.TrimSpace(l), "- ") {
			items = append(items, unquote(strings.TrimPrefix(strings.TrimSpace(l), "- ")))
		}
	}
	return items
}

func (b block) keys() []string {
	var ks []string
	for _, l := range b {
		if indent(l) == b.base() && !strings.HasPrefix(strings.TrimSpace(l), "- ") {
			if k, _, ok := strings.Cut(strings.TrimSpace(l), ":"); ok {
				ks = append(ks, unquote(k))
			}
		}
	}
	return ks
}

func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

func hasPair(items []string, a, b string) bool {
	for i := 0; i+1 < len(items); i++ {
		if items[i] == a && items[i+1] == b {
			return true
		}
	}
	return false
}
