package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// commandLines are every command's flags and the environment variables it
// reads; the command line tests hold the usage to them.
var commandLines = map[string]struct {
	flags, env []string
}{
	"all": {
		flags: []string{"concurrency", "database-url", "db-max-conns", "http-addr", "http-idle-timeout", "log-level", "max-batch", "metrics-tenants", "pprof",
			"rate-burst", "rate-limit", "redis-url", "shutdown-delay", "token-cache", "webhook-allow-private"},
		env: []string{"DATABASE_URL", "DEDUPE_CONCURRENCY", "DEDUPE_DB_MAX_CONNS", "DEDUPE_HTTP_ADDR", "DEDUPE_HTTP_IDLE_TIMEOUT", "DEDUPE_LOG_LEVEL",
			"DEDUPE_MAX_BATCH", "DEDUPE_METRICS_TENANTS", "DEDUPE_PPROF", "DEDUPE_RATE_BURST", "DEDUPE_RATE_LIMIT", "DEDUPE_SHUTDOWN_DELAY", "DEDUPE_TOKEN_CACHE",
			"DEDUPE_WEBHOOK_ALLOW_PRIVATE", "REDIS_URL"},
	},
	"serve": {
		flags: []string{"database-url", "db-max-conns", "http-addr", "http-idle-timeout", "log-level", "pprof", "rate-burst", "rate-limit", "redis-url", "shutdown-delay", "token-cache",
			"webhook-allow-private"},
		env: []string{"DATABASE_URL", "DEDUPE_DB_MAX_CONNS", "DEDUPE_HTTP_ADDR", "DEDUPE_HTTP_IDLE_TIMEOUT", "DEDUPE_LOG_LEVEL", "DEDUPE_PPROF",
			"DEDUPE_RATE_BURST", "DEDUPE_RATE_LIMIT", "DEDUPE_SHUTDOWN_DELAY", "DEDUPE_TOKEN_CACHE", "DEDUPE_WEBHOOK_ALLOW_PRIVATE", "REDIS_URL"},
	},
	"work": {
		flags: []string{"concurrency", "database-url", "db-max-conns", "http-idle-timeout", "log-level", "max-batch", "metrics-addr", "metrics-tenants", "pprof", "redis-url",
			"webhook-allow-private"},
		env: []string{"DATABASE_URL", "DEDUPE_CONCURRENCY", "DEDUPE_DB_MAX_CONNS", "DEDUPE_HTTP_IDLE_TIMEOUT", "DEDUPE_LOG_LEVEL", "DEDUPE_MAX_BATCH", "DEDUPE_METRICS_ADDR",
			"DEDUPE_METRICS_TENANTS", "DEDUPE_PPROF", "DEDUPE_WEBHOOK_ALLOW_PRIVATE", "REDIS_URL"},
	},
	"migrate":       {flags: []string{"citus", "citus-coordinator", "citus-workers", "database-url", "dry-run"}, env: []string{"DATABASE_URL"}},
	"tenant create": {flags: []string{"database-url", "region", "slug"}, env: []string{"DATABASE_URL"}},
	"tenant show":   {flags: []string{"database-url", "slug", "tenant"}, env: []string{"DATABASE_URL"}},
	"tenant policy": {flags: []string{"attribute-rule", "block", "database-url", "fuzzy-threshold", "identifier-attributes", "name-guard", "region",
		"shared-threshold", "slug", "tenant", "unblock"},
		env: []string{"DATABASE_URL"}},
	"erase":          {flags: []string{"database-url", "id", "redis-url", "tenant"}, env: []string{"DATABASE_URL", "REDIS_URL"}},
	"webhook create": {flags: []string{"database-url", "events", "tenant", "url", "webhook-allow-private"}, env: []string{"DATABASE_URL", "DEDUPE_WEBHOOK_ALLOW_PRIVATE"}},
	"webhook list":   {flags: []string{"database-url", "tenant"}, env: []string{"DATABASE_URL"}},
	"webhook delete": {flags: []string{"database-url", "id", "tenant"}, env: []string{"DATABASE_URL"}},
	"webhook enable": {flags: []string{"database-url", "id", "tenant"}, env: []string{"DATABASE_URL"}},
	"token create":   {flags: []string{"database-url", "label", "scopes", "tenant"}, env: []string{"DATABASE_URL"}},
	"token list":     {flags: []string{"database-url", "tenant"}, env: []string{"DATABASE_URL"}},
	"token revoke":   {flags: []string{"database-url", "id", "token"}, env: []string{"DATABASE_URL"}},
	"import":         {flags: []string{"batch", "database-url", "date-format", "tenant"}, env: []string{"DATABASE_URL"}},
	"scan":           {flags: []string{"database-url", "tenant", "train"}, env: []string{"DATABASE_URL"}},
	"healthcheck":    {flags: []string{"url"}},
	"loadgen": {
		flags: []string{"cleanup", "concurrency", "count", "customers", "database-url", "drain-timeout", "duplicate-rate", "duration",
			"json", "max-queue", "mode", "no-fuzzy-wait", "progress-every", "quiet", "rate", "redis-url", "sales-rate", "seed",
			"shared-email-rate", "tenants", "typo-rate", "url"},
		env: []string{"DATABASE_URL", "REDIS_URL"},
	},
	"version": {},
}

// allEnv is every environment variable the program reads.
var allEnv = []string{"DATABASE_URL", "REDIS_URL", "DEDUPE_HTTP_ADDR", "DEDUPE_METRICS_ADDR", "DEDUPE_CONCURRENCY",
	"DEDUPE_DB_MAX_CONNS", "DEDUPE_RATE_LIMIT", "DEDUPE_RATE_BURST", "DEDUPE_TOKEN_CACHE", "DEDUPE_LOG_LEVEL",
	"DEDUPE_METRICS_TENANTS", "DEDUPE_PPROF", "DEDUPE_WEBHOOK_ALLOW_PRIVATE", "DEDUPE_MAX_BATCH", "DEDUPE_HTTP_IDLE_TIMEOUT",
	"DEDUPE_SHUTDOWN_DELAY"}

// cliResult is what one in-process run of the command line did.
type cliResult struct {
	err            error
	stdout, stderr string
	took           time.Duration
}

// runCLI runs Main with args and env, bounded by a timeout so that a
// command that wrongly connects somewhere cannot hang the test.
func runCLI(t *testing.T, env map[string]string, args ...string) cliResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	var out, errs bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errs, Getenv: envOf(env)}
	start := time.Now()
	err := m.Run(ctx, args)
	m.Close()
	return cliResult{err: err, stdout: out.String(), stderr: errs.String(), took: time.Since(start)}
}

// mustTrap listens on loopback, counts the connections it is offered and
// answers none; its address stands for PostgreSQL and Redis in tests of
// what must be refused before any connection opens.
func mustTrap(t *testing.T) (addr string, conns *atomic.Int64) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	conns = &atomic.Int64{}
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			c.Close()
		}
	}()
	return l.Addr().String(), conns
}

// trapEnv is an environment whose database and Redis are the trap at addr.
func trapEnv(addr string) map[string]string {
	return map[string]string{
		"DATABASE_URL": "postgres://dedupe@" + addr + "/dedupe?connect_timeout=5",
		"REDIS_URL":    "redis://" + addr + "/0",
	}
}

// usageFlags returns the flags a usage lists, without -h, --help.
func usageFlags(usage string) []string {
	var flags []string
	for _, m := range regexp.MustCompile(`(?m)^  --([a-z-]+)`).FindAllStringSubmatch(usage, -1) {
		flags = append(flags, m[1])
	}
	slices.Sort(flags)
	return flags
}

func TestHelp(t *testing.T) {
	for name, want := range commandLines {
		for _, h := range []string{"-h", "--help"} {
			t.Run(strings.ReplaceAll(name, " ", "_")+h, func(t *testing.T) {
				addr, conns := mustTrap(t)
				r := runCLI(t, trapEnv(addr), append(strings.Fields(name), h)...)
				if r.err != nil || ExitCode(r.err) != 0 {
					t.Fatalf("dedupe %s %s = %v (exit %d), want success", name, h, r.err, ExitCode(r.err))
				}
				if r.stderr != "" {
					t.Errorf("help wrote on stderr:\n%s", r.stderr)
				}
				if !strings.HasPrefix(r.stdout, "Usage: dedupe "+name) ||
					!regexp.MustCompile(`\nExample:\n  .*dedupe `+name).MatchString(r.stdout) {
					t.Errorf("usage lacks its synopsis or example:\n%s", r.stdout)
				}
				if !strings.Contains(r.stdout, "-h, --help") {
					t.Errorf("usage does not mention -h, --help:\n%s", r.stdout)
				}
				if diff := cmp.Diff(want.flags, usageFlags(r.stdout)); diff != "" {
					t.Errorf("flags (-want +got):\n%s\n%s", diff, r.stdout)
				}
				for _, env := range allEnv {
					if got, wanted := strings.Contains(r.stdout, env), slices.Contains(want.env, env); got != wanted {
						t.Errorf("usage mentions %s: %v, want %v", env, got, wanted)
					}
				}
				if n := conns.Load(); n != 0 {
					t.Errorf("help opened %d connections", n)
				}
				// dedupe help COMMAND is the same.
				if h == "-h" {
					if r2 := runCLI(t, nil, append([]string{"help"}, strings.Fields(name)...)...); r2.err != nil || r2.stdout != r.stdout {
						t.Errorf("dedupe help %s = %v\n%s", name, r2.err, r2.stdout)
					}
				}
			})
		}
	}
}

func TestHelpListsCommands(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}} {
		r := runCLI(t, nil, args...)
		if r.err != nil || r.stderr != "" {
			t.Fatalf("dedupe %s = %v, stderr %q", args, r.err, r.stderr)
		}
		for name := range commandLines {
			if !regexp.MustCompile(`(?m)^  ` + name + ` +\S`).MatchString(r.stdout) {
				t.Errorf("dedupe %s does not list %q:\n%s", args, name, r.stdout)
			}
		}
	}
	// Every command listed is held to its flags by TestHelp.
	for _, c := range commands {
		if _, ok := commandLines[c.name]; !ok && c.name != "help" {
			t.Errorf("command %q has no entry in commandLines", c.name)
		}
	}
	for _, group := range []string{"tenant", "token"} {
		r := runCLI(t, nil, group, "-h")
		if r.err != nil || !strings.Contains(r.stdout, "Usage: dedupe "+group+" <command>") || !strings.Contains(r.stdout, "  create ") {
			t.Errorf("dedupe %s -h = %v\n%s", group, r.err, r.stdout)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		env   map[string]string // added to the trap's
		want  string            // in the error
		usage string            // in stderr; "" for none
	}{
		{"NoCommand", nil, nil, "no command given", "Usage: dedupe <command>"},
		{"UnknownCommand", []string{"frobnicate"}, nil, `unknown command "frobnicate"`, "Usage: dedupe <command>"},
		{"UnknownFlagFirst", []string{"--slug", "x"}, nil, `unknown command "--slug"`, "Usage: dedupe <command>"},
		{"TenantAlone", []string{"tenant"}, nil, "tenant: no command given", "Usage: dedupe tenant <command>"},
		{"UnknownTenantCommand", []string{"tenant", "delete"}, nil, `tenant: unknown command "delete"`, "Usage: dedupe tenant <command>"},
		{"HelpUnknownCommand", []string{"help", "frobnicate"}, nil, `unknown command "frobnicate"`, "Usage: dedupe <command>"},
		{"TenantCreateNoSlug", []string{"tenant", "create", "--region", "FR"}, nil, "missing --slug", "Usage: dedupe tenant create"},
		{"TenantCreateNoRegion", []string{"tenant", "create", "--slug", "salon"}, nil, "missing --region", "Usage: dedupe tenant create"},
		{"TenantCreateExtraArgument", []string{"tenant", "create", "--slug", "salon", "--region", "FR", "now"}, nil, `unexpected argument "now"`, "Usage: dedupe tenant create"},
		{"TenantShowNoTenant", []string{"tenant", "show"}, nil, "missing --tenant", "Usage: dedupe tenant show"},
		{"TenantPolicyBadGuard", []string{"tenant", "policy", "--tenant", "salon", "--name-guard", "maybe"}, nil, "want on or off", "Usage: dedupe tenant policy"},
		{"TenantPolicyBadFuzzyThreshold", []string{"tenant", "policy", "--slug", "salon", "--fuzzy-threshold", "500"}, nil, "not above 0 and at most 100", ""},
		{"TenantPolicyZeroFuzzyThreshold", []string{"tenant", "policy", "--slug", "salon", "--fuzzy-threshold", "0"}, nil, "--fuzzy-threshold: 0 is not above 0", ""},
		{"TenantPolicyBadIdentifier", []string{"tenant", "policy", "--slug", "salon", "--identifier-attributes", "ssn,soc sec"}, nil,
			`--identifier-attributes: "soc sec" is not an attribute name`, ""},
		{"TenantPolicyNegativeThreshold", []string{"tenant", "policy", "--slug", "salon", "--shared-threshold", "-1"}, nil, "--shared-threshold", ""},
		{"TenantPolicyZeroThreshold", []string{"tenant", "policy", "--slug", "salon", "--shared-threshold", "0"}, nil, "--shared-threshold: 0 is not between 1 and", ""},
		{"TokenCreateNoScopes", []string{"token", "create", "--tenant", "salon"}, nil, "missing --scopes", "Usage: dedupe token create"},
		{"TokenListNoTenant", []string{"token", "list"}, nil, "missing --tenant", "Usage: dedupe token list"},
		{"TokenRevokeNeither", []string{"token", "revoke"}, nil, "one of --id and --token", "Usage: dedupe token revoke"},
		{"TokenRevokeBoth", []string{"token", "revoke", "--id", "a", "--token", "b"}, nil, "one of --id and --token", "Usage: dedupe token revoke"},
		{"ImportNoFile", []string{"import", "--tenant", "salon"}, nil, "missing FILE.csv", "Usage: dedupe import"},
		{"ImportNoTenant", []string{"import", "customers.csv"}, nil, "missing --tenant", "Usage: dedupe import"},
		{"ImportTwoFiles", []string{"import", "--tenant", "salon", "a.csv", "b.csv"}, nil, `unexpected argument "b.csv"`, "Usage: dedupe import"},
		{"ScanNoTenant", []string{"scan"}, nil, "missing --tenant", "Usage: dedupe scan"},
		{"MigrateArgument", []string{"migrate", "up"}, nil, `unexpected argument "up"`, "Usage: dedupe migrate"},
		{"MigrateNoDatabase", []string{"migrate"}, map[string]string{"DATABASE_URL": ""}, "missing --database-url (or DATABASE_URL)", "Usage: dedupe migrate"},
		{"MigrateCitusWorkersAlone", []string{"migrate", "--citus-workers", "w1:5432"}, nil, "need --citus", "Usage: dedupe migrate"},
		{"MigrateCitusBadWorker", []string{"migrate", "--citus", "--citus-workers", "w1:5432,w2"}, nil, `citus node "w2" is not host:port`, "Usage: dedupe migrate"},
		{"MigrateCitusBadCoordinator", []string{"migrate", "--citus", "--citus-coordinator", "c:port"}, nil, `citus node "c:port" is not host:port`, "Usage: dedupe migrate"},
		{"ServeNoDatabase", []string{"serve"}, map[string]string{"DATABASE_URL": ""}, "missing --database-url (or DATABASE_URL)", "Usage: dedupe serve"},
		{"WorkBadFlagValue", []string{"work", "--concurrency", "ten"}, nil, `invalid value "ten" for flag -concurrency`, "Usage: dedupe work"},
		{"LoadgenBadMode", []string{"loadgen", "--mode", "carrier-pigeon"}, nil, `mode "carrier-pigeon"`, "Usage: dedupe loadgen"},
		{"LoadgenBadRate", []string{"loadgen", "--duplicate-rate", "1.5"}, nil, "duplicate rate 1.5", "Usage: dedupe loadgen"},
		{"HealthcheckArgument", []string{"healthcheck", "http://localhost"}, nil, "unexpected argument", "Usage: dedupe healthcheck"},
		{"VersionFlag", []string{"version", "--short"}, nil, "flag provided but not defined: -short", "Usage: dedupe version"},
	}
	for name := range commandLines {
		tests = append(tests, struct {
			name  string
			args  []string
			env   map[string]string
			want  string
			usage string
		}{"UnknownFlag_" + strings.ReplaceAll(name, " ", "_"), append(strings.Fields(name), "--no-such-flag"), nil,
			name + ": flag provided but not defined: -no-such-flag", "Usage: dedupe " + name})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr, conns := mustTrap(t)
			env := trapEnv(addr)
			for k, v := range tt.env {
				env[k] = v
			}
			r := runCLI(t, env, tt.args...)
			var u *UsageError
			if !errors.As(r.err, &u) || ExitCode(r.err) != 2 {
				t.Fatalf("dedupe %s = %v (exit %d), want a usage error (exit 2)\n%s", tt.args, r.err, ExitCode(r.err), r.stderr)
			}
			if !strings.Contains(r.err.Error(), tt.want) {
				t.Errorf("error %q lacks %q", r.err, tt.want)
			}
			if tt.usage != "" && !strings.HasPrefix(r.stderr, tt.usage) {
				t.Errorf("stderr does not start with %q:\n%s", tt.usage, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
			if n := conns.Load(); n != 0 || r.took > 2*time.Second {
				t.Errorf("%d connections opened and %v taken before refusing the command line", n, r.took)
			}
		})
	}
}

func TestBadEnvIsRefused(t *testing.T) {
	tests := []struct {
		cmd      string
		name     string
		value    string
		override []string // flags that, given, make the variable irrelevant
	}{
		{"work", "DEDUPE_CONCURRENCY", "ten", []string{"--concurrency", "5"}},
		{"all", "DEDUPE_CONCURRENCY", "-3", nil},
		{"serve", "DEDUPE_RATE_LIMIT", "fast", []string{"--rate-limit", "5"}},
		{"all", "DEDUPE_RATE_BURST", "lots", []string{"--rate-burst", "5"}},
		{"work", "DEDUPE_DB_MAX_CONNS", "many", []string{"--db-max-conns", "5"}},
		{"serve", "DEDUPE_TOKEN_CACHE", "maybe", []string{"--token-cache=false"}},
		{"work", "DEDUPE_PPROF", "yes-please", []string{"--pprof=false"}},
		{"all", "DEDUPE_LOG_LEVEL", "loud", nil},
		{"serve", "DEDUPE_HTTP_IDLE_TIMEOUT", "forever", []string{"--http-idle-timeout", "11m"}},
		{"all", "DEDUPE_HTTP_IDLE_TIMEOUT", "0s", []string{"--http-idle-timeout", "11m"}},
		{"work", "DEDUPE_HTTP_IDLE_TIMEOUT", "-1m", nil},
		{"serve", "DEDUPE_SHUTDOWN_DELAY", "soon", []string{"--shutdown-delay", "5s"}},
		{"all", "DEDUPE_SHUTDOWN_DELAY", "-5s", nil},
		{"serve", "REDIS_URL", "ftp://127.0.0.1:6379", nil},
		{"work", "REDIS_URL", "redis-cluster://", nil},
		{"loadgen", "REDIS_URL", "ftp://127.0.0.1:6379", nil},
		{"serve", "DATABASE_URL", "postgres://u:secret@h:notaport/db", nil},
		{"migrate", "DATABASE_URL", "host=h port=notaport password=secret", nil},
	}
	for _, tt := range tests {
		t.Run(tt.cmd+"_"+tt.name, func(t *testing.T) {
			addr, conns := mustTrap(t)
			env := trapEnv(addr)
			env[tt.name] = tt.value
			r := runCLI(t, env, tt.cmd)
			if ExitCode(r.err) != 2 || !strings.Contains(r.err.Error(), tt.name) {
				t.Fatalf("dedupe %s with %s=%q = %v (exit %d), want a usage error naming %s",
					tt.cmd, tt.name, tt.value, r.err, ExitCode(r.err), tt.name)
			}
			if n := conns.Load(); n != 0 {
				t.Errorf("%d connections opened before refusing %s", n, tt.name)
			}
			if strings.Contains(r.err.Error(), "secret") {
				t.Errorf("the refusal shows the password: %v", r.err)
			}
		})
	}
	// A flag given on the command line makes its variable irrelevant.
	for _, tt := range tests {
		if tt.override == nil {
			continue
		}
		env := map[string]string{"DATABASE_URL": "postgres://nowhere", tt.name: tt.value}
		m := &Main{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, Getenv: envOf(env)}
		if _, err := (&ServiceCommand{m: m, Mode: tt.cmd}).parse(tt.override); err != nil {
			t.Errorf("dedupe %s %s with %s=%q: %v", tt.cmd, tt.override, tt.name, tt.value, err)
		}
	}
}

func TestEnvIsTheFlagsDefault(t *testing.T) {
	env := map[string]string{"DATABASE_URL": "postgres://db/dedupe", "REDIS_URL": "redis://queue:6379/1",
		"DEDUPE_CONCURRENCY": "7", "DEDUPE_METRICS_ADDR": ":9999", "DEDUPE_PPROF": "1", "DEDUPE_LOG_LEVEL": "debug",
		"DEDUPE_HTTP_IDLE_TIMEOUT": "11m"}
	m := &Main{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, Getenv: envOf(env)}
	cfg, err := (&ServiceCommand{m: m, Mode: "work"}).parse([]string{"--concurrency", "3"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.databaseURL != env["DATABASE_URL"] || cfg.redisURL != env["REDIS_URL"] || cfg.metricsAddr != ":9999" ||
		!cfg.pprof || cfg.logLevel.String() != "DEBUG" || cfg.concurrency != 3 || cfg.idleTimeout != 11*time.Minute {
		t.Errorf("config %+v: want the environment's values, and the flag's concurrency", cfg)
	}
	// The usage shows the built-in defaults, never the environment's
	// values: DATABASE_URL may hold a password.
	env["DATABASE_URL"] = "postgres://dedupe:s3cret@db/dedupe"
	r := runCLI(t, env, "work", "-h")
	if strings.Contains(r.stdout, "s3cret") || strings.Contains(r.stdout, "9999") || !strings.Contains(r.stdout, "default :9090") {
		t.Errorf("usage shows the environment's values:\n%s", r.stdout)
	}
}

func TestVersionDescribesTheBuild(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "dedupe", Version: "v1.2.3"},
		Settings: []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "4131565abc"},
			{Key: "vcs.time", Value: "2026-11-30T14:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	got := describeBuild(bi)
	for _, want := range []string{"module   dedupe v1.2.3\n", "revision 4131565abc (modified)\n", "time     2026-11-30T14:00:00Z\n", "go       go1.26.8 "} {
		if !strings.Contains(got, want) {
			t.Errorf("describeBuild printed:\n%s\nwant %q in it", got, want)
		}
	}
	bi.Settings = nil
	if got := describeBuild(bi); !strings.Contains(got, "revision unknown\n") || strings.Contains(got, "time") {
		t.Errorf("without VCS information describeBuild printed:\n%s", got)
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		r := runCLI(t, nil, args...)
		if r.err != nil {
			t.Fatal(r.err)
		}
		for _, want := range []string{"module   dedupe", "\nrevision ", "\ngo       go1."} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("dedupe %s printed %q, want %q in it", args, r.stdout, want)
			}
		}
	}
}

// TestVersionAndExitCodesOfTheBinary runs the built binary: its exit
// codes, and the VCS revision the toolchain stamped into it.
func TestVersionAndExitCodesOfTheBinary(t *testing.T) {
	bin := mustBuild(t)
	run := func(env []string, args ...string) (stdout, stderr string, code int) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), env...)
		var out, errs bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errs
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatal(err)
		}
		return out.String(), errs.String(), cmd.ProcessState.ExitCode()
	}
	addr, conns := mustTrap(t)
	env := []string{"DATABASE_URL=postgres://dedupe@" + addr + "/dedupe?connect_timeout=5", "REDIS_URL=redis://" + addr + "/0"}
	for _, tt := range []struct {
		args   []string
		env    []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"-h"}, nil, 0, "Usage: dedupe <command>", ""},
		{[]string{"tenant", "create", "--help"}, nil, 0, "Usage: dedupe tenant create", ""},
		{nil, nil, 2, "", "dedupe: no command given"},
		{[]string{"tenant", "create", "--slug", "salon"}, nil, 2, "", "dedupe: tenant create: missing --region"},
		{[]string{"work", "--http-addr", ":8080"}, nil, 2, "", "flag provided but not defined: -http-addr"},
		{[]string{"work"}, []string{"DEDUPE_CONCURRENCY=ten"}, 2, "", `DEDUPE_CONCURRENCY="ten" is not a whole number`},
		{[]string{"healthcheck", "--url", "http://" + addr + "/healthz"}, nil, 1, "", "dedupe: "},
	} {
		stdout, stderr, code := run(append(env, tt.env...), tt.args...)
		if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("dedupe %s: exit %d, stdout %.80q, stderr %q; want exit %d, %q on stdout, %q on stderr",
				tt.args, code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections, want the health check's one", n)
	}

	stdout, _, code := run(nil, "version")
	if code != 0 || !strings.Contains(stdout, "module   dedupe") {
		t.Fatalf("dedupe version: exit %d\n%s", code, stdout)
	}
	// What the toolchain stamped, if anything (not in a Git worktree, nor
	// with -buildvcs=false), is what version prints.
	meta, err := exec.Command(goTool(t), "version", "-m", bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	want := "revision unknown"
	if m := regexp.MustCompile(`\bvcs\.revision=(\S+)`).FindSubmatch(meta); m != nil {
		want = "revision " + string(m[1])
	}
	if !strings.Contains(stdout, want) {
		t.Errorf("dedupe version printed:\n%s\nwant %q", stdout, want)
	}
	if out, _, _ := run(nil, "--version"); out != stdout {
		t.Errorf("dedupe --version printed:\n%s\nwant what version printed", out)
	}
}

// TestRefusedValuesExitTwo: a value of the command line that parses but
// is refused, by the command or by the store it asks, is a refused
// command line (exit 2), not a failure (exit 1), whichever flag it is.
func TestRefusedValuesExitTwo(t *testing.T) {
	s := MustRun(t)
	env := map[string]string{"DATABASE_URL": s.dbURL, "REDIS_URL": s.redis.URL()}
	for _, args := range [][]string{
		{"tenant", "create", "--slug", "Bad_Slug", "--region", "FR"},
		{"tenant", "create", "--slug", "other", "--region", "XX"},
		{"token", "create", "--tenant", "salon", "--scopes", "ingest,bogus"},
		{"webhook", "create", "--tenant", "salon", "--url", "https://example.com/hook", "--events", "profile.bogus"},
		{"erase", "--tenant", "salon", "--id", "not-a-uuid"},
		{"webhook", "enable", "--tenant", "salon", "--id", "12"},
		{"webhook", "delete", "--tenant", "salon", "--id", "{0193a5c4-7c1e-7b1a-9c1f-5e2f8a0b1c2d}"},
		{"healthcheck", "--url", "notaurl"},
	} {
		r := runCLI(t, env, args...)
		if ExitCode(r.err) != 2 || strings.Contains(r.err.Error(), "invalid:") {
			t.Errorf("dedupe %s = %v (exit %d), want it refused (exit 2) saying why", strings.Join(args, " "), r.err, ExitCode(r.err))
		}
	}
	if r := runCLI(t, env, "erase", "--tenant", "salon", "--id", "0193a5c4-7c1e-7b1a-9c1f-5e2f8a0b1c2d"); ExitCode(r.err) != 1 {
		t.Errorf("erasing an id of nobody = %v (exit %d), want a failure (exit 1)", r.err, ExitCode(r.err))
	}
}
