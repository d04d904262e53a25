package redistest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
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
	proc *process // running server; nil when stopped
}

// process is a started redis-server; done is closed once it has exited and
// err holds its exit status.
type process struct {
	cmd  *exec.Cmd
	done chan struct{}
	err  error
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
	if s.port, err = freePort(); err != nil {
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
	logFile, err := os.OpenFile(s.logPath, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("redistest: start: %w", err)
	}
	// The child holds its own copy of the descriptor.
	defer logFile.Close()
	logStart, err := logFile.Seek(0, io.SeekEnd)
	if err != nil {
		return fmt.Errorf("redistest: start: %w", err)
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
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	// The kernel kills the server if the test binary dies, so a crashed
	// test leaves no server running. (Strictly, when the OS thread that
	// started it exits, which Go does only for a goroutine that exits
	// while locked with runtime.LockOSThread.)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("redistest: start redis-server: %w", err)
	}
	p := &process{cmd: cmd, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()

	if err := s.waitReady(ctx, p); err != nil {
		_ = cmd.Process.Kill()
		<-p.done
		return fmt.Errorf("redistest: start: %w\n%s", err, s.logTail(logStart))
	}
	s.proc = p
	return nil
}

// waitReady pings the server until it answers, p exits, ctx ends or
// readyTimeout passes. A server still loading its AOF answers LOADING,
// which counts as not ready.
func (s *Server) waitReady(ctx context.Context, p *process) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		err := s.ping(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-p.done:
			return fmt.Errorf("redis-server exited: %v", p.err)
		case <-ctx.Done():
			return fmt.Errorf("redis-server not ready: %w (last error: %v)", ctx.Err(), err)
		case <-tick.C:
		}
	}
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
	if err := p.cmd.Process.Signal(sig); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("redistest: %v: %w", sig, err)
	}
	select {
	case <-p.done:
	case <-time.After(stopTimeout):
		_ = p.cmd.Process.Kill()
		<-p.done
		return fmt.Errorf("redistest: redis-server ignored %v for %v and was killed", sig, stopTimeout)
	}
	if sig == syscall.SIGKILL {
		return nil
	}
	if p.err != nil {
		return fmt.Errorf("redistest: redis-server: %w\n%s", p.err, s.logTail(0))
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

// logTail returns the end of what the server logged since offset from.
func (s *Server) logTail(from int64) string {
	data, err := os.ReadFile(s.logPath)
	if err != nil {
		return "(no server log: " + err.Error() + ")"
	}
	if from <= int64(len(data)) {
		data = data[from:]
	}
	const max = 4 << 10
	if len(data) > max {
		data = data[len(data)-max:]
	}
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return "(server log is empty)"
	}
	return "server log:\n" + string(data)
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
