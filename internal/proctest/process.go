package proctest

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
	"syscall"
	"time"
)

// Config says where a server process logs and how [Start] knows it is
// ready.
type Config struct {
	// Log is the file the process's stdout and stderr are appended to.
	// It is created when missing and kept across restarts, so a failure
	// quotes only what this start logged.
	Log string
	// Ready returns nil once the server serves. Start calls it every
	// Interval until then, for at most Timeout.
	Ready    func(context.Context) error
	Interval time.Duration
	Timeout  time.Duration
}

// A Process is a started server process. Its methods are safe for
// concurrent use.
type Process struct {
	cmd      *exec.Cmd
	log      string
	logStart int64         // size of the log when the process started
	done     chan struct{} // closed once the process has exited
	err      error         // its exit status, once done is closed
}

// Start starts cmd with its output appended to c.Log and waits until
// c.Ready succeeds. The kernel kills the process if the test binary dies,
// so a crashed test leaves no server running. (Strictly, when the OS
// thread that started it exits, which Go does only for a goroutine that
// exits while locked with runtime.LockOSThread; do not call Start from
// such a goroutine.) When the process exits or is not ready in time,
// Start kills it and returns an error that quotes the end of its log.
// ctx bounds only the start-up.
func Start(ctx context.Context, cmd *exec.Cmd, c Config) (*Process, error) {
	logFile, err := os.OpenFile(c.Log, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	// The child holds its own copy of the descriptor.
	defer logFile.Close()
	logStart, err := logFile.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(cmd.Path), err)
	}
	p := &Process{cmd: cmd, log: c.Log, logStart: logStart, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	if err := p.waitReady(ctx, c); err != nil {
		p.Kill()
		return nil, fmt.Errorf("%w\n%s", err, p.LogTail())
	}
	return p, nil
}

// waitReady calls c.Ready until it succeeds, the process exits, ctx ends
// or c.Timeout passes.
func (p *Process) waitReady(ctx context.Context, c Config) error {
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	tick := time.NewTicker(c.Interval)
	defer tick.Stop()
	name := filepath.Base(p.cmd.Path)
	for {
		err := c.Ready(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-p.done:
			return fmt.Errorf("%s exited: %v", name, p.err)
		case <-ctx.Done():
			return fmt.Errorf("%s not ready: %w (last error: %v)", name, ctx.Err(), err)
		case <-tick.C:
		}
	}
}

// Pid is the process id.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// Signal sends sig to the process. A process that has exited already is
// not an error.
func (p *Process) Signal(sig os.Signal) error {
	if err := p.cmd.Process.Signal(sig); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	return nil
}

// Done is closed once the process has exited.
func (p *Process) Done() <-chan struct{} { return p.done }

// Err is the process's exit status once [Process.Done] is closed: nil
// when it exited with status 0.
func (p *Process) Err() error {
	<-p.done
	return p.err
}

// Kill kills the process with SIGKILL and waits for it to exit.
func (p *Process) Kill() {
	_ = p.cmd.Process.Kill()
	<-p.done
}

// LogTail returns the end of what the process logged since it started.
func (p *Process) LogTail() string { return LogTail(p.log, p.logStart) }

// LogTail returns the last 4 KiB of the log file path from offset from on,
// introduced by "server log:", for an error message.
func LogTail(path string, from int64) string {
	data, err := os.ReadFile(path)
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

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
