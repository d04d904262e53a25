package redistest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"dedupe/internal/proctest"
)

const (
	// readyTimeout bounds how long Start waits for PING to succeed; it
	// covers replaying a large append-only file after a restart.
	readyTimeout = 30 * time.Second
	// stopTimeout bounds how long Stop waits after SIGTERM before it kills
	// the server.
	stopTimeout = 30 * time.Second
)

// Options configures a [Server].
type Options struct {
	// AOF turns on the append-only file (appendonly yes, appendfsync
	// everysec) in the server's own directory, as production runs Redis
	// so that queued tasks survive a restart.
	AOF bool
}

// A Server is a throwaway redis-server listening on 127.0.0.1.
// Its methods are safe for concurrent use.
type Server struct {
	bin     string
	dir     string // working directory: AOF files and redis.log
	logPath string
	port    int
	opt     Options

	mu   sync.Mutex
	proc *proctest.Process // running server; nil when stopped
}

// Start starts redis-server on 127.0.0.1 at a free port, in a fresh
// temporary directory, and returns once it answers PING, or with an error
// that includes the tail of its log. ctx bounds only the start-up: call
// [Server.Close] to stop the server and remove its directory.
func Start(ctx context.Context, opt Options) (_ *Server, err error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return nil, fmt.Errorf("redistest: redis-server not found on $PATH; `make deps` installs it (Debian package redis-server): %w", err)
	}
	s := &Server{bin: bin, opt: opt}
	if s.dir, err = os.MkdirTemp("", "redistest-"); err != nil {
		return nil, fmt.Errorf("redistest: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(s.dir)
		}
	}()
	s.logPath = filepath.Join(s.dir, "redis.log")
	if s.port, err = proctest.FreePort(); err != nil {
		return nil, fmt.Errorf("redistest: %w", err)
	}
	if err := s.Start(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// MustStart starts a server for a single test and closes it when the test
// ends. It fails the test if the server cannot start.
func MustStart(tb testing.TB, opt Options) *Server {
	tb.Helper()
	s, err := Start(tb.Context(), opt)
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

// Addr returns the server's address, 127.0.0.1:PORT.
func (s *Server) Addr() string {
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port))
}

// URL returns the URL of the server's database 0, as REDIS_URL takes it.
func (s *Server) URL() string {
	return "redis://" + s.Addr() + "/0"
}

// Start starts the server again, on the same port and directory, after
// [Server.Stop] or [Server.Kill]; with [Options.AOF] it replays the
// append-only file first. It returns once the server answers PING.
func (s *Server) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc != nil {
		return errors.New("redistest: start: server is already running")
	}
	args := []string{
		"--bind", "127.0.0.1",
		"--port", strconv.Itoa(s.port),
		"--protected-mode", "no",
		"--save", "",
		"--dir", s.dir,
		"--daemonize", "no",
		"--logfile", "", // stdout, which goes to redis.log
	}
	if s.opt.AOF {
		args = append(args, "--appendonly", "yes", "--appendfsync", "everysec")
	}
	cmd := exec.Command(s.bin, args...)
	cmd.Dir = s.dir
	// A server still loading its AOF answers LOADING, which counts as not
	// ready; readyTimeout covers replaying a large one.
	p, err := proctest.Start(ctx, cmd, proctest.Config{Log: s.logPath, Ready: s.ping,
		Interval: 20 * time.Millisecond, Timeout: readyTimeout})
	if err != nil {
		return fmt.Errorf("redistest: start: %w", err)
	}
	s.proc = p
	return nil
}

// ping sends PING through a fresh client. It checks that the port accepts
// connections first: go-redis logs every failed dial, and a pool whose
// dials failed keeps failing for a while after the server is up.
func (s *Server) ping(ctx context.Context) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", s.Addr())
	if err != nil {
		return err
	}
	conn.Close()
	client := redis.NewClient(&redis.Options{
		Addr:        s.Addr(),
		DialTimeout: time.Second,
		MaxRetries:  -1,
		PoolSize:    1,
	})
	defer client.Close()
	return client.Ping(ctx).Err()
}

// Stop shuts the server down with SIGTERM, which flushes and fsyncs the
// append-only file, and waits for it to exit. It keeps the directory.
// Stopping a stopped server does nothing.
func (s *Server) Stop() error {
	return s.halt(syscall.SIGTERM)
}

// Kill kills the server with SIGKILL, as a crash would, and waits for it to
// exit. With appendfsync everysec Redis writes the append-only file before it
// replies, so acknowledged writes normally survive a Kill: they sit in the OS
// page cache, lost only if the machine itself crashes.
func (s *Server) Kill() error {
	return s.halt(syscall.SIGKILL)
}

func (s *Server) halt(sig syscall.Signal) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.proc
	if p == nil {
		return nil
	}
	s.proc = nil
	if err := p.Signal(sig); err != nil {
		return fmt.Errorf("redistest: %v: %w", sig, err)
	}
	select {
	case <-p.Done():
	case <-time.After(stopTimeout):
		p.Kill()
		return fmt.Errorf("redistest: redis-server ignored %v for %v and was killed", sig, stopTimeout)
	}
	if sig == syscall.SIGKILL {
		return nil
	}
	if err := p.Err(); err != nil {
		return fmt.Errorf("redistest: redis-server: %w\n%s", err, proctest.LogTail(s.logPath, 0))
	}
	return nil
}

// Close stops the server and removes its directory.
func (s *Server) Close() error {
	err := s.Stop()
	if rmErr := os.RemoveAll(s.dir); rmErr != nil {
		err = errors.Join(err, fmt.Errorf("redistest: %w", rmErr))
	}
	return err
}
