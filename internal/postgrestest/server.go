package postgrestest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"dedupe/internal/proctest"
)

const (
	// superuser is the role initdb creates; it authenticates with trust.
	superuser = "postgres"
	// osUser is the unprivileged account the server runs as when the
	// test runs as root, since initdb and postgres refuse to run as root.
	osUser = "postgres"
	// readyTimeout bounds how long Start waits for the server to accept
	// connections.
	readyTimeout = 30 * time.Second
	// stopTimeout bounds how long Stop waits for a fast shutdown before it
	// escalates to an immediate shutdown and then to SIGKILL.
	stopTimeout = 30 * time.Second
)

// installGlob is where Debian and Ubuntu install the server binaries, one
// directory per major version.
const installGlob = "/usr/lib/postgresql/*/bin"

// dbSeq numbers the databases made by NewDatabase within this process.
var dbSeq atomic.Int64

// A Server is a throwaway PostgreSQL server listening on 127.0.0.1.
// Its methods are safe for concurrent use.
type Server struct {
	binDir  string
	dir     string // temp dir holding data/ and postgres.log
	dataDir string
	sockDir string // short temp dir for the unix socket
	logPath string
	port    int
	cred    *syscall.Credential // nil unless the test runs as root
	opt     Options

	mu   sync.Mutex
	proc *proctest.Process // running postmaster; nil when stopped
}

// Options configures a server started with [StartWith].
type Options struct {
	// Durable keeps PostgreSQL's crash safety, as production runs it:
	// initdb syncs its files, and fsync, synchronous_commit and
	// full_page_writes stay on. Benchmarks need it; tests leave it off,
	// which is several times faster.
	Durable bool
	// Settings are more server settings, each "name=value" as for
	// postgres -c (for example "track_commit_timestamp=on" or
	// "shared_preload_libraries=pg_stat_statements"). They come after the
	// package's own, so they override them.
	Settings []string
}

// Start runs initdb into a fresh temporary directory and starts a server on
// 127.0.0.1 at a free port, tuned for tests (not durable). It returns once
// the server accepts connections, or with an error that includes the tail
// of the server's log. ctx bounds only the start-up, not the life of the
// server: call [Server.Close] to stop it and remove its files.
func Start(ctx context.Context) (*Server, error) {
	return StartWith(ctx, Options{})
}

// StartWith is [Start] with options: a durable server, more settings.
func StartWith(ctx context.Context, opt Options) (_ *Server, err error) {
	for _, kv := range opt.Settings {
		if name, _, ok := strings.Cut(kv, "="); !ok || name == "" {
			return nil, fmt.Errorf("postgrestest: setting %q is not name=value", kv)
		}
	}
	binDir, err := findBinDir(installGlob)
	if err != nil {
		return nil, err
	}
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		if cred, err = lookupCredential(osUser); err != nil {
			return nil, fmt.Errorf("postgrestest: %w", err)
		}
	}

	// As root, the temp dirs go under /tmp rather than $TMPDIR, which may
	// sit in a directory the postgres user cannot traverse. The socket dir
	// is always under /tmp: a unix socket path must stay under ~100 bytes.
	parent := ""
	if cred != nil {
		parent = os.TempDir()
		if !worldTraversable(parent) {
			parent = "/tmp"
		}
	}
	s := &Server{binDir: binDir, cred: cred, opt: opt}
	defer func() {
		if err != nil {
			err = errors.Join(err, s.removeDirs())
		}
	}()
	if s.dir, err = os.MkdirTemp(parent, "postgrestest-"); err != nil {
		return nil, fmt.Errorf("postgrestest: %w", err)
	}
	if s.sockDir, err = os.MkdirTemp("/tmp", "pg"); err != nil {
		return nil, fmt.Errorf("postgrestest: %w", err)
	}
	if cred != nil {
		for _, dir := range []string{s.dir, s.sockDir} {
			if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
				return nil, fmt.Errorf("postgrestest: %w", err)
			}
		}
	}
	s.dataDir = filepath.Join(s.dir, "data")
	s.logPath = filepath.Join(s.dir, "postgres.log")

	initArgs := []string{
		"--auth=trust",
		"--username=" + superuser,
		"--encoding=UTF8",
		"--locale=C",
		"--pgdata=" + s.dataDir,
	}
	if !opt.Durable {
		initArgs = append(initArgs, "--no-sync")
	}
	initdb := s.command("initdb", initArgs...)
	if out, err := initdb.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("postgrestest: initdb: %w\n%s", err, bytes.TrimSpace(out))
	}
	if s.port, err = proctest.FreePort(); err != nil {
		return nil, fmt.Errorf("postgrestest: %w", err)
	}
	if err := s.Start(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// MustStart starts a server for a single test and closes it when the test
// ends. It fails the test if the server cannot start. Most packages share
// one server by calling [Start] from TestMain instead.
func MustStart(tb testing.TB) *Server {
	tb.Helper()
	s, err := Start(tb.Context())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Error(err)
		}
	})
	return s
}

// URL returns the connection URL of database dbname, as the superuser.
func (s *Server) URL(dbname string) string {
	u := url.URL{
		Scheme:   "postgres",
		User:     url.User(superuser),
		Host:     net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)),
		Path:     "/" + dbname,
		RawQuery: "sslmode=disable",
	}
	return u.String()
}

// CreateDatabase creates database name as a copy of template, or of the
// server's default template when template is "". PostgreSQL refuses to copy
// a template that has open connections, so close pools on it first.
func (s *Server) CreateDatabase(ctx context.Context, name, template string) error {
	conn, err := pgx.Connect(ctx, s.URL("postgres"))
	if err != nil {
		return fmt.Errorf("create database %s: %w", name, err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	q := "CREATE DATABASE " + pgx.Identifier{name}.Sanitize()
	if template != "" {
		q += " TEMPLATE " + pgx.Identifier{template}.Sanitize()
	}
	// Copying the files is several times faster than PostgreSQL 15's default
	// WAL_LOG strategy for the small databases of tests, and the checkpoints
	// it costs are cheap with fsync off.
	if majorVersion(conn.PgConn().ParameterStatus("server_version")) >= 15 {
		q += " STRATEGY FILE_COPY"
	}
	if _, err := conn.Exec(ctx, q); err != nil {
		return fmt.Errorf("create database %s: %w", name, err)
	}
	return nil
}

// NewDatabase creates a database with a name unique to this server and
// returns its URL. template is as for [Server.CreateDatabase].
func (s *Server) NewDatabase(ctx context.Context, template string) (url string, err error) {
	name := fmt.Sprintf("test_%d_%d", os.Getpid(), dbSeq.Add(1))
	if err := s.CreateDatabase(ctx, name, template); err != nil {
		return "", err
	}
	return s.URL(name), nil
}

// Start starts the server again, on the same port and data directory, after
// [Server.Stop]; fault tests use it to restart PostgreSQL. It returns once the
// server accepts connections.
func (s *Server) Start(ctx context.Context) (err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc != nil {
		return errors.New("postgrestest: start: server is already running")
	}
	settings := []string{
		"listen_addresses=127.0.0.1",
		"port=" + strconv.Itoa(s.port),
		"unix_socket_directories=" + s.sockDir,
		"max_connections=200",
		// Parallel-query segments live in the data dir rather than
		// /dev/shm, which is small in containers and is not cleaned
		// up when a test binary is killed.
		"dynamic_shared_memory_type=mmap",
	}
	if !s.opt.Durable {
		settings = append(settings, "fsync=off", "synchronous_commit=off", "full_page_writes=off")
	}
	args := []string{"-D", s.dataDir}
	for _, kv := range append(settings, s.opt.Settings...) {
		args = append(args, "-c", kv)
	}
	p, err := proctest.Start(ctx, s.command("postgres", args...), proctest.Config{Log: s.logPath, Ready: s.ping,
		Interval: 50 * time.Millisecond, Timeout: readyTimeout})
	if err != nil {
		return fmt.Errorf("postgrestest: start: %w", err)
	}
	s.proc = p
	return nil
}

// ping connects to the server and pings it.
func (s *Server) ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.URL("postgres"))
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	return conn.Ping(ctx)
}

// Stop shuts the server down (fast shutdown: open transactions are rolled
// back) and waits for it to exit. It keeps the data directory, so
// [Server.Start] can bring the same databases back. Stopping a stopped server
// does nothing.
func (s *Server) Stop() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.proc
	if p == nil {
		return nil
	}
	s.proc = nil
	// SIGINT is fast shutdown, SIGQUIT immediate shutdown; see
	// https://www.postgresql.org/docs/current/server-shutdown.html.
	for _, sig := range []os.Signal{syscall.SIGINT, syscall.SIGQUIT, syscall.SIGKILL} {
		if err := p.Signal(sig); err != nil {
			return fmt.Errorf("postgrestest: stop: %w", err)
		}
		select {
		case <-p.Done():
			if sig != syscall.SIGINT {
				return fmt.Errorf("postgrestest: stop: postgres ignored fast shutdown for %v", stopTimeout)
			}
			if err := p.Err(); err != nil {
				return fmt.Errorf("postgrestest: stop: postgres: %w", err)
			}
			return nil
		case <-time.After(stopTimeout):
		}
	}
	<-p.Done()
	return errors.New("postgrestest: stop: postgres survived SIGKILL")
}

// Close stops the server and removes its data directory and socket
// directory.
func (s *Server) Close() error {
	return errors.Join(s.Stop(), s.removeDirs())
}

func (s *Server) removeDirs() error {
	var errs []error
	for _, dir := range []string{s.dir, s.sockDir} {
		if dir != "" {
			errs = append(errs, os.RemoveAll(dir))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("postgrestest: %w", err)
	}
	return nil
}

// command returns a command running the named server binary in the
// server's directory, as the unprivileged user when running as root. The
// kernel kills it if the test binary dies, so a crashed test leaves no
// server running. (Strictly, when the OS thread that started it exits; Go
// only ends threads whose goroutine exits while locked with
// runtime.LockOSThread, so do not call Start from such a goroutine.)
func (s *Server) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(s.binDir, name), args...)
	// initdb and postgres fail when they cannot read the working
	// directory, which the postgres user usually cannot.
	cmd.Dir = s.dir
	cmd.Env = serverEnv()
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Credential: s.cred,
		Pdeathsig:  syscall.SIGKILL,
	}
	return cmd
}

// serverEnv returns the environment without the libpq variables that
// would otherwise change what initdb and postgres do.
func serverEnv() []string {
	return slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "PG")
	})
}

// findBinDir returns the directory holding initdb and postgres: the one
// pg_config reports, else the newest version matching glob, else the
// directory of initdb on $PATH.
func findBinDir(glob string) (string, error) {
	hasServer := func(dir string) bool {
		for _, name := range []string{"initdb", "postgres"} {
			if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.IsDir() {
				return false
			}
		}
		return true
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		if dir := strings.TrimSpace(string(out)); hasServer(dir) {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob(glob)
	// Newest major version first: 15 before 9.6.
	slices.SortFunc(dirs, func(a, b string) int {
		return versionOf(b) - versionOf(a)
	})
	for _, dir := range dirs {
		if hasServer(dir) {
			return dir, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil && hasServer(filepath.Dir(p)) {
		return filepath.Dir(p), nil
	}
	return "", fmt.Errorf("postgrestest: PostgreSQL server binaries initdb and postgres not found "+
		"(not in `pg_config --bindir`, %s or $PATH); `make deps` installs them (Debian package postgresql)", glob)
}

// versionOf returns the major version in a path such as
// /usr/lib/postgresql/15/bin, or 0.
func versionOf(binDir string) int {
	v, _ := strconv.ParseFloat(filepath.Base(filepath.Dir(binDir)), 64)
	return int(v * 100)
}

// majorVersion returns the major version in a server_version such as
// "15.18 (Debian 15.18-0+deb12u1)" or "9.6.24", or 0.
func majorVersion(serverVersion string) int {
	major, _, _ := strings.Cut(serverVersion, ".")
	v, _ := strconv.Atoi(major)
	return v
}

// lookupCredential returns the credential of the OS user name, with its
// supplementary groups.
func lookupCredential(name string) (*syscall.Credential, error) {
	u, err := user.Lookup(name)
	if err != nil {
		return nil, fmt.Errorf("running as root, PostgreSQL must run as the %q OS user: %w; `make deps` installs the postgresql package, which creates it", name, err)
	}
	uid, err := strconv.ParseUint(u.Uid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("user %s: uid %q: %w", name, u.Uid, err)
	}
	gid, err := strconv.ParseUint(u.Gid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("user %s: gid %q: %w", name, u.Gid, err)
	}
	cred := &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}}
	if ids, err := u.GroupIds(); err == nil {
		for _, id := range ids {
			if g, err := strconv.ParseUint(id, 10, 32); err == nil {
				cred.Groups = append(cred.Groups, uint32(g))
			}
		}
	}
	return cred, nil
}

// worldTraversable reports whether any user may enter dir.
func worldTraversable(dir string) bool {
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil || fi.Mode().Perm()&0o001 == 0 {
			return false
		}
		if d == filepath.Dir(d) {
			return true
		}
	}
}
