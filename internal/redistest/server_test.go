package redistest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// helperEnv makes the test binary act as a process that starts a server and
// waits to be killed; see TestServerDiesWithTestBinary.
const helperEnv = "REDISTEST_HELPER"

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) == "1" {
		runHelper()
		return
	}
	os.Exit(m.Run())
}

func TestServer(t *testing.T) {
	ctx := t.Context()
	s := MustStart(t, Options{})

	t.Run("Addr", func(t *testing.T) {
		want := "127.0.0.1:" + strconv.Itoa(s.port)
		if got := s.Addr(); got != want {
			t.Errorf("Addr = %q, want %q", got, want)
		}
		if got, want := s.URL(), "redis://"+want+"/0"; got != want {
			t.Errorf("URL = %q, want %q", got, want)
		}
	})

	t.Run("SetGet", func(t *testing.T) {
		c := mustClient(t, s)
		if err := c.Set(ctx, "k", "v", 0).Err(); err != nil {
			t.Fatal(err)
		}
		if got, err := c.Get(ctx, "k").Result(); err != nil || got != "v" {
			t.Errorf("GET k = %q, %v; want \"v\"", got, err)
		}
	})

	t.Run("NoPersistence", func(t *testing.T) {
		c := mustClient(t, s)
		cfg, err := c.ConfigGet(ctx, "*").Result()
		if err != nil {
			t.Fatal(err)
		}
		if cfg["save"] != "" || cfg["appendonly"] != "no" || cfg["dir"] != s.dir {
			t.Errorf("save=%q appendonly=%q dir=%q; want \"\", \"no\", %q",
				cfg["save"], cfg["appendonly"], cfg["dir"], s.dir)
		}
	})

	t.Run("ErrAlreadyRunning", func(t *testing.T) {
		if err := s.Start(ctx); err == nil {
			t.Error("Start on a running server succeeded")
		}
	})
}

func TestRestart(t *testing.T) {
	tests := []struct {
		name     string
		opt      Options
		halt     func(*Server) error
		wantKept bool
	}{
		{"AOFStop", Options{AOF: true}, (*Server).Stop, true},
		{"AOFKill", Options{AOF: true}, (*Server).Kill, true},
		{"NoAOFStop", Options{}, (*Server).Stop, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			s := MustStart(t, tt.opt)
			c := mustClient(t, s)
			if err := c.Set(ctx, "task", "payload", 0).Err(); err != nil {
				t.Fatal(err)
			}
			if err := tt.halt(s); err != nil {
				t.Fatal(err)
			}
			if err := tt.halt(s); err != nil {
				t.Errorf("halting a halted server: %v", err)
			}
			if conn, err := net.DialTimeout("tcp", s.Addr(), time.Second); err == nil {
				conn.Close()
				t.Fatal("a halted server accepts connections")
			}
			if err := s.Start(ctx); err != nil {
				t.Fatal(err)
			}
			got, err := c.Get(ctx, "task").Result()
			switch {
			case tt.wantKept && (err != nil || got != "payload"):
				t.Errorf("after restart GET task = %q, %v; want \"payload\"", got, err)
			case !tt.wantKept && !errors.Is(err, redis.Nil):
				t.Errorf("after restart GET task = %q, %v; want redis.Nil", got, err)
			}
		})
	}
}

func TestCloseRemovesDir(t *testing.T) {
	s, err := Start(t.Context(), Options{AOF: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.dir); !os.IsNotExist(err) {
		t.Errorf("%s still exists after Close (stat: %v)", s.dir, err)
	}
}

func TestErrRedisMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Start(t.Context(), Options{})
	if err == nil {
		t.Fatal("Start succeeded without redis-server on $PATH")
	}
	for _, want := range []string{"redis-server", "make deps"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

// TestServerDiesWithTestBinary checks that a test binary killed outright
// leaves no redis-server behind.
func TestServerDiesWithTestBinary(t *testing.T) {
	helper := exec.Command(os.Args[0], "-test.run=^$")
	helper.Env = append(os.Environ(), helperEnv+"=1")
	helper.Stderr = os.Stderr
	out, err := helper.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	var pid int
	var dir string
	line, err := bufio.NewReader(out).ReadString('\n')
	if _, scanErr := fmt.Sscan(line, &pid, &dir); err != nil || scanErr != nil {
		_ = helper.Process.Kill()
		_ = helper.Wait()
		t.Fatalf("helper did not report its server: %q, %v, %v", line, err, scanErr)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })

	if err := helper.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = helper.Wait()
	deadline := time.Now().Add(10 * time.Second)
	for alive(pid) {
		if time.Now().After(deadline) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("redis-server %d still running 10s after its test binary was killed", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// runHelper starts a server, prints its pid and directory, and waits to be
// killed.
func runHelper() {
	s, err := Start(context.Background(), Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(s.proc.Pid(), s.dir)
	time.Sleep(time.Minute)
	s.Close()
	os.Exit(1)
}

// alive reports whether pid runs; a zombie that nobody reaped does not count.
func alive(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// The state follows the parenthesised command name.
	s := string(stat)
	if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
		return s[i+2] != 'Z' && s[i+2] != 'X'
	}
	return true
}

func mustClient(tb testing.TB, s *Server) *redis.Client {
	tb.Helper()
	opt, err := redis.ParseURL(s.URL())
	if err != nil {
		tb.Fatal(err)
	}
	// No retries: a halted server must fail the first command.
	opt.MaxRetries = -1
	c := redis.NewClient(opt)
	tb.Cleanup(func() { c.Close() })
	return c
}
