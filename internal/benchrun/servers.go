package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// service is a `dedupe all` process started from a freshly built binary.
type service struct {
	cmd     *exec.Cmd
	done    chan struct{}
	base    string // http://127.0.0.1:PORT
	logPath string
}

// buildDedupe builds the dedupe command into dir and returns its path.
func buildDedupe(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "dedupe")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "dedupe/cmd/dedupe") // from anywhere in the module
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("build dedupe (run benchrun inside the module): %w", err)
	}
	return bin, nil
}

// startService starts `dedupe all` on a free loopback port with pprof on,
// and returns once it answers /readyz.
func startService(ctx context.Context, bin, dir string, env []string) (*service, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	s := &service{base: "http://127.0.0.1:" + strconv.Itoa(port), logPath: filepath.Join(dir, "dedupe.log"), done: make(chan struct{})}
	logFile, err := os.Create(s.logPath)
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	s.cmd = exec.Command(bin, "all")
	s.cmd.Env = append(os.Environ(), append(env, "DEDUPE_HTTP_ADDR=127.0.0.1:"+strconv.Itoa(port), "DEDUPE_PPROF=1")...)
	s.cmd.Stdout, s.cmd.Stderr = logFile, logFile
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { _ = s.cmd.Wait(); close(s.done) }() // how it ended is in its log
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(s.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		select {
		case <-s.done:
			return nil, fmt.Errorf("dedupe all exited at start-up; see %s", s.logPath)
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("dedupe all not ready after a minute; see %s", s.logPath)
		}
	}
}

// stop asks the service to shut down and waits for it.
func (s *service) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM) // fails only when it has exited: done is closed
	select {
	case <-s.done:
	case <-time.After(40 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// memory is what /proc/PID/status says of a process's resident memory, in
// MiB.
type memory struct {
	RSS  float64 `json:"rss_mib"`
	Peak float64 `json:"peak_rss_mib"` // VmHWM: the high-water mark since the last reset
}

func readMemory(pid int) (memory, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return memory{}, err
	}
	defer f.Close()
	var m memory
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, _ := strings.Cut(sc.Text(), ":")
		kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 64)
		if err != nil {
			continue
		}
		switch name {
		case "VmRSS":
			m.RSS = kb / 1024
		case "VmHWM":
			m.Peak = kb / 1024
		}
	}
	return m, sc.Err()
}

// resetPeak resets the process's VmHWM to its current RSS (Linux 4.0+).
func resetPeak(pid int) error {
	return os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0)
}

// memorySampler records a process's RSS every second while a run lasts.
type memorySampler struct {
	pid     int
	stop    chan struct{}
	wg      sync.WaitGroup
	samples []float64
}

// MemoryTrace is the dedupe process's memory over one run.
type MemoryTrace struct {
	StartRSS float64 `json:"start_rss_mib"`
	EndRSS   float64 `json:"end_rss_mib"`
	MaxRSS   float64 `json:"max_sampled_rss_mib"`
	Peak     float64 `json:"peak_rss_mib"` // VmHWM over the run
	Samples  int     `json:"samples"`
	// AfterMinute is the RSS one minute in (0 in shorter runs): a long
	// run's memory is flat when its end is no higher.
	AfterMinute float64 `json:"rss_after_1m_mib,omitempty"`
}

func sampleMemory(pid int) *memorySampler {
	_ = resetPeak(pid) // without it the peak is the one since the process started: higher, never lower
	ms := &memorySampler{pid: pid, stop: make(chan struct{})}
	ms.wg.Go(func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			if m, err := readMemory(pid); err == nil {
				ms.samples = append(ms.samples, m.RSS)
			}
			select {
			case <-ms.stop:
				return
			case <-tick.C:
			}
		}
	})
	return ms
}

func (ms *memorySampler) finish() MemoryTrace {
	close(ms.stop)
	ms.wg.Wait()
	var tr MemoryTrace
	if m, err := readMemory(ms.pid); err == nil {
		ms.samples = append(ms.samples, m.RSS)
		tr.Peak = m.Peak
	}
	if n := len(ms.samples); n > 0 {
		tr.StartRSS, tr.EndRSS, tr.Samples = ms.samples[0], ms.samples[n-1], n
		if n > 61 {
			tr.AfterMinute = ms.samples[60] // one sample a second
		}
		for _, s := range ms.samples {
			tr.MaxRSS = max(tr.MaxRSS, s)
		}
	}
	return tr
}

// fetch saves the body of url to path (a pprof profile).
func fetch(ctx context.Context, url, path string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.ReadFrom(resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
