package proctest

import (
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestStart(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		dir := t.TempDir()
		marker := filepath.Join(dir, "ready")
		log := filepath.Join(dir, "server.log")
		cmd := exec.Command("sh", "-c", `echo starting; touch "$0"; exec sleep 60`, marker)
		p, err := Start(t.Context(), cmd, Config{Log: log, Interval: 10 * time.Millisecond, Timeout: 10 * time.Second,
			Ready: func(context.Context) error { _, err := os.Stat(marker); return err }})
		if err != nil {
			t.Fatal(err)
		}
		if cmd.SysProcAttr == nil || cmd.SysProcAttr.Pdeathsig != syscall.SIGKILL {
			t.Error("the process is not killed when the test binary dies")
		}
		if err := p.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		select {
		case <-p.Done():
		case <-time.After(10 * time.Second):
			t.Fatal("the process outlived SIGTERM")
		}
		if err := p.Err(); err == nil {
			t.Error("a process ended by SIGTERM reports no error")
		}
		if err := p.Signal(syscall.SIGTERM); err != nil {
			t.Errorf("signalling an exited process: %v", err)
		}
		if tail := p.LogTail(); !strings.Contains(tail, "starting") {
			t.Errorf("log tail = %q", tail)
		}
	})

	t.Run("ErrExited", func(t *testing.T) {
		log := filepath.Join(t.TempDir(), "server.log")
		if err := os.WriteFile(log, []byte("an earlier run\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("sh", "-c", "echo no config file >&2; exit 3")
		_, err := Start(t.Context(), cmd, Config{Log: log, Interval: 10 * time.Millisecond, Timeout: 10 * time.Second,
			Ready: func(context.Context) error { return errors.New("refused") }})
		if err == nil {
			t.Fatal("Start succeeded")
		}
		for _, want := range []string{"sh exited: exit status 3", "server log:\nno config file"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q lacks %q", err, want)
			}
		}
		if strings.Contains(err.Error(), "an earlier run") {
			t.Errorf("error %q quotes an earlier run's log", err)
		}
	})

	t.Run("ErrNotReady", func(t *testing.T) {
		log := filepath.Join(t.TempDir(), "server.log")
		cmd := exec.Command("sleep", "60")
		start := time.Now()
		_, err := Start(t.Context(), cmd, Config{Log: log, Interval: 10 * time.Millisecond, Timeout: 200 * time.Millisecond,
			Ready: func(context.Context) error { return errors.New("refused") }})
		if err == nil || !strings.Contains(err.Error(), "sleep not ready") || !strings.Contains(err.Error(), "refused") {
			t.Fatalf("Start = %v, want sleep not ready with the last error", err)
		}
		if time.Since(start) > 5*time.Second {
			t.Errorf("Start took %v with a 200ms timeout", time.Since(start))
		}
		if err := cmd.Process.Signal(syscall.Signal(0)); err == nil {
			t.Error("the process that was not ready still runs")
		}
	})
}

func TestFreePort(t *testing.T) {
	port, err := FreePort()
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
	if err != nil {
		t.Fatalf("port %d is not free: %v", port, err)
	}
	l.Close()
}

func TestLogTail(t *testing.T) {
	path := filepath.Join(t.TempDir(), "server.log")
	if got := LogTail(path, 0); !strings.HasPrefix(got, "(no server log") {
		t.Errorf("missing log: %q", got)
	}
	if err := os.WriteFile(path, []byte("old\n"+strings.Repeat("x", 5000)+"\nlast line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := LogTail(path, 4)
	if !strings.HasPrefix(got, "server log:\n") || !strings.HasSuffix(got, "last line") || len(got) > 4<<10+20 {
		t.Errorf("tail of %d bytes: %.40q…", len(got), got)
	}
	// A log shorter than the offset was truncated: its whole tail counts.
	if got := LogTail(path, 1<<20); !strings.HasSuffix(got, "last line") {
		t.Errorf("offset past the end: %.40q", got)
	}
	if err := os.WriteFile(path, []byte("  \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := LogTail(path, 0); got != "(server log is empty)" {
		t.Errorf("blank log: %q", got)
	}
}
