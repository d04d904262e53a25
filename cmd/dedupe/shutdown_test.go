package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5"

	"dedupe/internal/logtest"
	"dedupe/internal/openapitest"
	"dedupe/internal/redistest"
	"dedupe/internal/storetest"
	"dedupe/worker"
)

// mustBuild builds the dedupe binary into a temporary directory.
func mustBuild(t *testing.T) string {
	t.Helper()
	goBin := goTool(t)
	bin := filepath.Join(t.TempDir(), "dedupe")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, goBin, "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// proc is a `dedupe` subprocess: `all`, `serve` or `work`.
type proc struct {
	t    *testing.T
	cmd  *exec.Cmd
	base string // http://ADDR of the listener it announced
	logs *logtest.Buffer
	done chan struct{}
	err  error
}

// startProc runs `dedupe all` with env and waits until it serves HTTP.
func startProc(t *testing.T, bin string, env []string) *proc {
	t.Helper()
	return startSubcommand(t, bin, "all", "serving HTTP", env)
}

// startSubcommand runs `dedupe sub` with env and waits until it logs the
// message ready ("serving HTTP" for all and serve, "serving metrics" for
// work); base is then the address that line names.
func startSubcommand(t *testing.T, bin, sub, ready string, env []string) *proc {
	t.Helper()
	p := &proc{t: t, logs: &logtest.Buffer{}, done: make(chan struct{})}
	p.cmd = exec.Command(bin, sub)
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := sc.Bytes()
			_, _ = p.logs.Write(append(line, '\n')) // a buffer in memory
			var l struct{ Msg, Addr string }
			if json.Unmarshal(line, &l) == nil && l.Msg == ready {
				select {
				case addr <- l.Addr:
				default: // announced before
				}
			}
		}
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	})
	select {
	case a := <-addr:
		p.base = "http://" + a
		openapitest.Watch(t, p.base)
	case <-p.done:
		t.Fatalf("dedupe %s exited at start: %v\n%s", sub, p.err, p.logs)
	case <-time.After(30 * time.Second):
		t.Fatalf("dedupe %s did not log %q within 30s\n%s", sub, ready, p.logs)
	}
	return p
}

// stop sends SIGTERM and waits for a clean exit; it returns how long the
// process took to go.
func (p *proc) stop() time.Duration {
	p.t.Helper()
	start := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		p.t.Fatal(err)
	}
	return p.wait(start)
}

func (p *proc) wait(since time.Time) time.Duration {
	p.t.Helper()
	select {
	case <-p.done:
	case <-time.After(60 * time.Second):
		p.t.Fatalf("dedupe did not exit within 60s of SIGTERM\n%s", p.logs)
	}
	if p.err != nil {
		p.t.Fatalf("dedupe exited with %v after SIGTERM\n%s", p.err, p.logs)
	}
	return time.Since(since)
}

// cliRun runs an administration command in process against dbURL.
func cliRun(t *testing.T, dbURL string, args ...string) string {
	t.Helper()
	var out bytes.Buffer
	m := &Main{Stdout: &out, Stderr: io.Discard, Getenv: envOf(map[string]string{"DATABASE_URL": dbURL})}
	if err := m.Run(context.Background(), args); err != nil {
		t.Fatalf("dedupe %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(out.String())
}

// TestSIGTERMMidBurstLosesNothing runs the real binary, SIGTERMs it in the
// middle of a burst of bookings, restarts Redis (AOF) and the binary, and
// checks that every booking answered 202 was processed exactly once and
// that no task is left behind.
func TestSIGTERMMidBurstLosesNothing(t *testing.T) {
	bin := mustBuild(t)
	dbURL := storetest.MustURL(t)
	rd := redistest.MustStart(t, redistest.Options{AOF: true})
	cliRun(t, dbURL, "tenant", "create", "--slug", "salon", "--region", "FR")
	token := cliRun(t, dbURL, "token", "create", "--tenant", "salon", "--scopes", "ingest,read")
	env := []string{"DATABASE_URL=" + dbURL, "REDIS_URL=" + rd.URL(), "DEDUPE_HTTP_ADDR=127.0.0.1:0",
		// Few workers, so that tasks are still queued and running when
		// the signal comes.
		"DEDUPE_CONCURRENCY=2", "DEDUPE_LOG_LEVEL=info"}

	p := startProc(t, bin, env)
	const total, senders, signalAfter = 600, 16, 150
	var (
		mu        sync.Mutex
		answered  = map[string]string{} // external id → ingestion id, for each 202
		refused   atomic.Int64
		signalled atomic.Bool
		signalAt  atomic.Int64 // unix nanoseconds
		next      atomic.Int64
		wg        sync.WaitGroup
	)
	client := &http.Client{Timeout: 30 * time.Second, Transport: openapitest.Transport()}
	for range senders {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= total {
					return
				}
				ext := fmt.Sprintf("bk-%04d", i)
				b := designBooking(ext)
				// Distinct customers, and every tenth a returning one.
				b["customer"].(map[string]any)["email"] = fmt.Sprintf("c%d@example.fr", i-i%10)
				b["customer"].(map[string]any)["mobile"] = ""
				data, _ := json.Marshal(b)
				req, _ := http.NewRequest("POST", p.base+"/v1/bookings", bytes.NewReader(data))
				req.Header.Set("Authorization", "Bearer "+token)
				resp, err := client.Do(req)
				if err != nil {
					refused.Add(1)
					continue
				}
				var a accepted
				derr := json.NewDecoder(resp.Body).Decode(&a)
				resp.Body.Close()
				if resp.StatusCode != http.StatusAccepted || derr != nil {
					refused.Add(1)
					continue
				}
				mu.Lock()
				answered[ext] = a.IngestionID
				n := len(answered)
				mu.Unlock()
				if n >= signalAfter && signalled.CompareAndSwap(false, true) {
					signalAt.Store(time.Now().UnixNano())
					if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
	if !signalled.Load() {
		t.Fatal("the burst ended before the signal was sent")
	}
	shutdown := p.wait(time.Unix(0, signalAt.Load()))
	if !strings.Contains(p.logs.String(), "shutting down") {
		t.Fatalf("no shutdown line in the logs:\n%s", p.logs)
	}
	if refused.Load() == 0 {
		t.Fatal("every request was accepted: the signal did not land mid-burst")
	}

	pool := mustConn(t, dbURL)
	doneBefore := countDone(t, pool)
	insp := asynq.NewInspector(asynq.RedisClientOpt{Addr: rd.Addr()})
	defer insp.Close()
	left, _ := insp.GetQueueInfo(worker.QueueIngest)

	// Redis restarts from its append-only file, then dedupe comes back.
	if err := rd.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := rd.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	p2 := startProc(t, bin, env)

	deadline := time.Now().Add(60 * time.Second)
	for countDone(t, pool) < len(answered) {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d accepted bookings processed after 60s\n%s", countDone(t, pool), len(answered), p2.logs)
		}
		time.Sleep(50 * time.Millisecond)
	}
	for {
		q, err := insp.GetQueueInfo(worker.QueueIngest)
		if err != nil {
			t.Fatal(err)
		}
		if q.Pending+q.Active+q.Scheduled+q.Retry+q.Archived == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("tasks left in the queue: %+v", q)
		}
		time.Sleep(50 * time.Millisecond)
	}
	restart := p2.stop()

	// Every 202 ends processed exactly once: one done ingestion and one
	// activity per external id, none twice.
	rows, err := pool.Query(context.Background(), `SELECT i.external_id, i.id::text, i.status, count(a.id)
		FROM ingestions i LEFT JOIN activities a ON a.tenant_id = i.tenant_id AND a.external_id = i.external_id
		GROUP BY i.external_id, i.id, i.status`)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for rows.Next() {
		var ext, id, status string
		var n int
		if err := rows.Scan(&ext, &id, &status, &n); err != nil {
			t.Fatal(err)
		}
		seen[ext] = true
		if status != "done" || n != 1 {
			t.Errorf("%s: status %s with %d activities, want done with 1", ext, status, n)
		}
		if want, ok := answered[ext]; ok && want != id {
			t.Errorf("%s: ingestion %s, the 202 said %s", ext, id, want)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for ext := range answered {
		if !seen[ext] {
			t.Errorf("booking %s was answered 202 and never processed", ext)
		}
	}
	var dup int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM (SELECT external_id FROM activities
		GROUP BY external_id HAVING count(*) > 1) d`).Scan(&dup); err != nil || dup != 0 {
		t.Fatalf("%d external ids with several activities (%v)", dup, err)
	}
	t.Logf("%d bookings sent by %d clients: %d answered 202, %d refused after SIGTERM; %d processed before the restart "+
		"(%d pending, %d active, %d retry left in Redis); exit %v after the first SIGTERM, %v after the second; %d processed in all, each once",
		total, senders, len(answered), refused.Load(), doneBefore, left.Pending, left.Active, left.Retry,
		shutdown.Round(time.Millisecond), restart.Round(time.Millisecond), len(seen))
}

func mustConn(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	c, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

func countDone(t *testing.T, c *pgx.Conn) int {
	t.Helper()
	var n int
	if err := c.QueryRow(context.Background(), `SELECT count(*) FROM ingestions WHERE status = 'done'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
