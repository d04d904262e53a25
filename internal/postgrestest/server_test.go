package postgrestest

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// helperEnv makes the test binary act as a process that starts a server and
// waits to be killed; see TestServerDiesWithTestBinary.
const helperEnv = "POSTGRESTEST_HELPER"

// srv is shared by the tests that do not stop the server.
var srv *Server

func TestMain(m *testing.M) {
	ctx := context.Background()
	if os.Getenv(helperEnv) == "1" {
		runHelper(ctx)
		return
	}
	var err error
	srv, err = Start(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	if err := srv.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		code = 1
	}
	os.Exit(code)
}

func TestServer(t *testing.T) {
	ctx := t.Context()

	t.Run("Connect", func(t *testing.T) {
		t.Parallel()
		conn := mustConnect(t, srv.URL("postgres"))
		var user, encoding, fsync, maxConns string
		err := conn.QueryRow(ctx, `SELECT current_user, current_setting('server_encoding'),
			current_setting('fsync'), current_setting('max_connections')`).Scan(&user, &encoding, &fsync, &maxConns)
		if err != nil {
			t.Fatal(err)
		}
		got := []string{user, encoding, fsync, maxConns}
		want := []string{"postgres", "UTF8", "off", "200"}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("user, encoding, fsync, max_connections = %q, want %q", got, want)
		}
	})

	t.Run("URL", func(t *testing.T) {
		t.Parallel()
		want := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/some_db?sslmode=disable", srv.port)
		if got := srv.URL("some_db"); got != want {
			t.Errorf("URL = %q, want %q", got, want)
		}
	})

	t.Run("NewDatabaseFromTemplate", func(t *testing.T) {
		t.Parallel()
		if err := srv.CreateDatabase(ctx, "template_test", ""); err != nil {
			t.Fatal(err)
		}
		tmpl := mustConnect(t, srv.URL("template_test"))
		mustExec(t, tmpl, `CREATE TABLE item (name text PRIMARY KEY)`)
		mustExec(t, tmpl, `INSERT INTO item VALUES ('from template')`)
		// A template with open connections cannot be copied.
		tmpl.Close(ctx)

		url1, err := srv.NewDatabase(ctx, "template_test")
		if err != nil {
			t.Fatal(err)
		}
		url2, err := srv.NewDatabase(ctx, "template_test")
		if err != nil {
			t.Fatal(err)
		}
		if url1 == url2 {
			t.Fatalf("NewDatabase returned %q twice", url1)
		}
		db1, db2 := mustConnect(t, url1), mustConnect(t, url2)
		mustExec(t, db1, `INSERT INTO item VALUES ('only in db1')`)
		if got := countItems(t, db1); got != 2 {
			t.Errorf("db1 has %d items, want 2", got)
		}
		if got := countItems(t, db2); got != 1 {
			t.Errorf("db2 has %d items, want 1 (the template's)", got)
		}
	})

	t.Run("NewDatabaseDefaultTemplate", func(t *testing.T) {
		t.Parallel()
		url, err := srv.NewDatabase(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		conn := mustConnect(t, url)
		mustExec(t, conn, `CREATE TABLE t (id int)`)
	})

	t.Run("ErrTemplateMissing", func(t *testing.T) {
		t.Parallel()
		if _, err := srv.NewDatabase(ctx, "no_such_template"); err == nil {
			t.Error("NewDatabase from a missing template succeeded")
		}
	})

	t.Run("ErrAlreadyRunning", func(t *testing.T) {
		t.Parallel()
		if err := srv.Start(ctx); err == nil {
			t.Error("Start on a running server succeeded")
		}
	})
}

func TestRestartKeepsData(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustStart(t)
	url, err := s.NewDatabase(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	conn := mustConnect(t, url)
	mustExec(t, conn, `CREATE TABLE item (name text)`)
	mustExec(t, conn, `INSERT INTO item VALUES ('kept')`)
	conn.Close(ctx)

	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}
	if c, err := pgx.Connect(ctx, url); err == nil {
		c.Close(ctx)
		t.Fatal("connected to a stopped server")
	}
	if err := s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if got := countItems(t, mustConnect(t, url)); got != 1 {
		t.Errorf("after restart: %d items, want 1", got)
	}
}

func TestCloseRemovesDirs(t *testing.T) {
	t.Parallel()
	s, err := Start(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{s.dir, s.sockDir} {
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("%s still exists after Close (stat: %v)", dir, err)
		}
	}
}

func TestErrBinariesMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // hides pg_config and initdb
	_, err := findBinDir(t.TempDir() + "/*/bin")
	if err == nil {
		t.Fatal("findBinDir found binaries in empty directories")
	}
	for _, want := range []string{"initdb", "postgres", "make deps"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

// TestServerDiesWithTestBinary checks that a test binary killed outright
// leaves no postmaster behind.
func TestServerDiesWithTestBinary(t *testing.T) {
	t.Parallel()
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
	var dir, sockDir string
	line, err := bufio.NewReader(out).ReadString('\n')
	if _, scanErr := fmt.Sscan(line, &pid, &dir, &sockDir); err != nil || scanErr != nil {
		_ = helper.Process.Kill()
		_ = helper.Wait()
		t.Fatalf("helper did not report its server: %q, %v, %v", line, err, scanErr)
	}
	t.Cleanup(func() {
		os.RemoveAll(dir)
		os.RemoveAll(sockDir)
	})

	if err := helper.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = helper.Wait()
	deadline := time.Now().Add(10 * time.Second)
	for alive(pid) {
		if time.Now().After(deadline) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("postmaster %d still running 10s after its test binary was killed", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// runHelper starts a server, prints its postmaster pid and directories,
// and waits to be killed.
func runHelper(ctx context.Context) {
	s, err := Start(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(s.proc.Pid(), s.dir, s.sockDir)
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

func mustConnect(tb testing.TB, url string) *pgx.Conn {
	tb.Helper()
	conn, err := pgx.Connect(tb.Context(), url)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func mustExec(tb testing.TB, conn *pgx.Conn, sql string) {
	tb.Helper()
	if _, err := conn.Exec(tb.Context(), sql); err != nil {
		tb.Fatalf("%s: %v", sql, err)
	}
}

func countItems(tb testing.TB, conn *pgx.Conn) int {
	tb.Helper()
	var n int
	if err := conn.QueryRow(tb.Context(), `SELECT count(*) FROM item`).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestMajorVersion(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"15.18 (Debian 15.18-0+deb12u1)", 15},
		{"9.6.24", 9},
		{"16beta1", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := majorVersion(tt.in); got != tt.want {
			t.Errorf("majorVersion(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
