package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"dedupe/deploy"
	"dedupe/internal/logtest"
)

// TestMakeRunScript proves the README's first command: it runs
// scripts/run.sh (what `make run` runs after building) as a user would, with
// its own local PostgreSQL and Redis in a fresh data folder, then pastes the
// curl commands it prints into bash and checks what they answer. It does not
// use the servers TestMain starts.
func TestMakeRunScript(t *testing.T) {
	start := time.Now()
	if _, err := exec.LookPath("curl"); err != nil {
		t.Fatal("curl not found: the printed commands need it; `make deps` installs it")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal("bash not found")
	}

	tmp := makeRunTempDir(t)
	bin := filepath.Join(tmp, "dedupe")
	build := exec.Command(goTool(t), "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data := filepath.Join(tmp, "data")
	if err := os.Mkdir(data, 0o755); err != nil {
		t.Fatal(err)
	}
	httpAddr := "127.0.0.1:" + freePort(t)
	base := "http://" + httpAddr
	pgPort := freePort(t)
	env := append(envWithout("DATABASE_URL", "REDIS_URL"),
		"BIN="+bin, "DEDUPE_DATA_DIR="+data,
		"DEDUPE_PG_PORT="+pgPort, "DEDUPE_REDIS_PORT="+freePort(t), "DEDUPE_HTTP_ADDR="+httpAddr)
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}

	out := &logtest.Buffer{}
	// ../../scripts/run.sh, from the checkout as `make run`'s recipe runs.
	run := exec.Command(filepath.Join(root, "scripts", "run.sh"))
	run.Dir = root
	run.Env = env
	run.Stdout, run.Stderr = out, out
	run.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	// Nothing the script leaves running should hold its output open, but
	// never let Wait hang on it.
	run.WaitDelay = 5 * time.Second

	exited := make(chan struct{})
	var runErr error
	stopped := false
	// stop ends the service and then the local PostgreSQL and Redis; it
	// runs at the end of the test, and from Cleanup when the test failed.
	stop := func() error {
		if stopped {
			return nil
		}
		stopped = true
		var errs []error
		if run.Process != nil {
			select {
			case <-exited: // already reported
			default:
				_ = syscall.Kill(-run.Process.Pid, syscall.SIGTERM) // fails only when the group is gone: exited tells
				select {
				case <-exited:
					if runErr != nil {
						errs = append(errs, fmt.Errorf("dedupe exited with %v after SIGTERM", runErr))
					}
				case <-time.After(20 * time.Second):
					_ = syscall.Kill(-run.Process.Pid, syscall.SIGKILL)
					<-exited
					errs = append(errs, errors.New("dedupe did not stop within 20s of SIGTERM; killed"))
				}
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, filepath.Join(root, "scripts", "run.sh"), "stop")
		cmd.Dir = root
		cmd.Env = env
		if b, err := cmd.CombinedOutput(); err != nil {
			errs = append(errs, fmt.Errorf("scripts/run.sh stop: %v\n%s", err, b))
		}
		return errors.Join(errs...)
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Error(err)
		}
	})

	if err := run.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { runErr = run.Wait(); close(exited) }()

	// Wait for the printed commands and for the service to be ready.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if strings.Contains(out.String(), "\nReview UI:") && httpStatus(base+"/readyz") == http.StatusOK {
			break
		}
		select {
		case <-exited:
			t.Fatalf("scripts/run.sh exited (%v) before the service was ready:\n%s", runErr, out)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no ready service on %s after 2 minutes:\n%s", base, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
	ready := time.Since(start)
	wantSmallMachineSettings(t, "postgres://postgres@127.0.0.1:"+pgPort+"/postgres?sslmode=disable")
	exportCmd, postCmd, getCmd := printedCommands(t, out.String())

	// Paste them into bash as printed. A curlrc adds the status code after
	// the body: the commands themselves stay as printed.
	curlHome := filepath.Join(tmp, "curlhome")
	if err := os.Mkdir(curlHome, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(curlHome, ".curlrc"), []byte("write-out = \"\\nHTTP %{http_code}\\n\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	shellEnv := append(envWithout("TOKEN", "CURL_HOME", "http_proxy", "all_proxy", "ALL_PROXY"), "CURL_HOME="+curlHome)
	paste := func(command string) (body string, status int) {
		t.Helper()
		sh := exec.Command(bash, "-c", exportCmd+"\n"+command)
		sh.Env = shellEnv
		b, err := sh.CombinedOutput()
		if err != nil {
			t.Fatalf("the printed command failed (%v):\n%s\noutput:\n%s", err, command, b)
		}
		text := strings.TrimRight(string(b), "\n")
		i := strings.LastIndex(text, "\nHTTP ")
		if i < 0 {
			t.Fatalf("no status after the printed command's output:\n%s", b)
		}
		status, err = strconv.Atoi(text[i+len("\nHTTP "):])
		if err != nil {
			t.Fatalf("bad status line in:\n%s", b)
		}
		return text[:i], status
	}

	body, status := paste(postCmd)
	var a accepted
	if err := json.Unmarshal([]byte(body), &a); status != http.StatusAccepted || err != nil || a.IngestionID == "" {
		t.Fatalf("the printed POST answered %d %s, want 202 with an ingestion_id", status, body)
	}

	var found struct{ Profiles []profile }
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		body, status = paste(getCmd)
		found.Profiles = nil
		if status == http.StatusOK && json.Unmarshal([]byte(body), &found) == nil &&
			len(found.Profiles) == 1 && found.Profiles[0].ActivityCount >= 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the printed GET answers %d %s; want the booking's profile with an activity", status, body)
		}
	}
	if p := found.Profiles[0]; p.Email != "camille.roy@example.fr" || p.FirstName != "Camille" {
		t.Fatalf("the printed GET shows %+v, want Camille's profile under camille.roy@example.fr", p)
	}

	// Stop everything, as Ctrl-C and `make clean-data` would, and check
	// that nothing the script started is left running.
	pids := serverPIDs(t, data)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	for name, pid := range pids {
		if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
			t.Errorf("%s (pid %d) still runs after scripts/run.sh stop", name, pid)
		}
	}
	t.Logf("build and start-up until ready: %v; whole test: %v", ready.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

// makeRunTempDir makes a fresh folder, removed at the end of the test. As
// root, the script runs PostgreSQL as the postgres OS user, which must
// traverse it: it is made under /tmp with mode 0755.
func makeRunTempDir(t *testing.T) string {
	t.Helper()
	base := ""
	if os.Geteuid() == 0 {
		base = "/tmp"
	}
	dir, err := os.MkdirTemp(base, "dedupe-makerun-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := os.RemoveAll(dir); err != nil {
			t.Error(err)
		}
	})
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// goTool finds the go command: go test puts its GOROOT/bin first on the
// test's PATH.
func goTool(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is not on PATH: %v", err)
	}
	return p
}

// freePort asks the kernel for a free loopback port.
func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

// envWithout is the test's environment without the named variables.
func envWithout(names ...string) []string {
	var env []string
next:
	for _, kv := range os.Environ() {
		for _, n := range names {
			if strings.HasPrefix(kv, n+"=") {
				continue next
			}
		}
		env = append(env, kv)
	}
	return env
}

func httpStatus(url string) int {
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// printedCommands finds, in what run.sh printed, the paragraphs between
// "dedupe is starting on" and "Review UI:" — each indented command is one
// paragraph — and returns the export of the token, the POST curl and the
// GET curl, exactly as printed.
func printedCommands(t *testing.T, out string) (export, post, get string) {
	t.Helper()
	i := strings.Index(out, "\ndedupe is starting on ")
	j := strings.Index(out, "\nReview UI:")
	if i < 0 || j < i {
		t.Fatalf("run.sh printed no commands:\n%s", out)
	}
	block := out[i+1 : j]
	block = block[strings.Index(block, "\n")+1:] // drop the "dedupe is starting" line
	var paras []string
	for _, p := range strings.Split(block, "\n\n") {
		if strings.TrimSpace(p) != "" {
			paras = append(paras, strings.Trim(p, "\n"))
		}
	}
	for _, p := range paras {
		cmd := strings.TrimSpace(p)
		switch {
		case strings.HasPrefix(cmd, "export TOKEN=") && export == "":
			export = p
		case strings.HasPrefix(cmd, "curl ") && strings.Contains(cmd, "-X POST ") && post == "":
			post = p
		case strings.HasPrefix(cmd, "curl ") && !strings.Contains(cmd, "-X ") && get == "":
			get = p
		default:
			t.Fatalf("unexpected paragraph among the printed commands:\n%s", p)
		}
	}
	if export == "" || post == "" || get == "" {
		t.Fatalf("want the token export, a POST curl and a GET curl among the printed commands:\n%s", block)
	}
	return export, post, get
}

// serverPIDs reads the pids of the PostgreSQL and Redis run.sh started.
func serverPIDs(t *testing.T, data string) map[string]int {
	t.Helper()
	pids := map[string]int{}
	for name, file := range map[string]string{"PostgreSQL": "postgres/postmaster.pid", "Redis": "redis/redis.pid"} {
		b, err := os.ReadFile(filepath.Join(data, file))
		if err != nil {
			t.Fatalf("%s pid file: %v", name, err)
		}
		pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
		if err != nil {
			t.Fatalf("%s pid file %s: %v", name, file, err)
		}
		pids[name] = pid
	}
	return pids
}

// wantSmallMachineSettings checks that the PostgreSQL at url runs with
// deploy/postgres-small.conf, as make run starts it.
func wantSmallMachineSettings(t *testing.T, url string) {
	t.Helper()
	ctx := context.Background()
	db, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	settings := deploy.SmallMachinePostgres()
	if len(settings) == 0 {
		t.Fatal("deploy/postgres-small.conf has no settings")
	}
	for _, setting := range settings {
		name, want, _ := strings.Cut(setting, "=")
		var got string
		if err := db.QueryRow(ctx, `SELECT current_setting($1)`, name).Scan(&got); err != nil || got != want {
			t.Errorf("make run's PostgreSQL has %s = %q (%v), want %q from deploy/postgres-small.conf", name, got, err, want)
		}
	}
}
