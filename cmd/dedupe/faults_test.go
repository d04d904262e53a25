package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5"

	"dedupe/internal/openapitest"
	"dedupe/internal/storetest"
	"dedupe/worker"
)

// The fault tests send a stream of bookings, inject a fault into a real
// process (the worker, PostgreSQL, Redis), and then check the whole
// database: every booking answered 202 is recorded exactly once, each
// customer has exactly one profile, and no task is left in the queue.

// customer is one synthetic person; the stream sends their details in
// random but equivalent formats.
type customer struct {
	first, last, email string
	mobile             int // national significant number, e.g. 612345678
}

func customers(n int) []customer {
	firsts := []string{"Camille", "Lucas", "Chloe", "Hugo", "Ines", "Louis", "Emma", "Noah", "Jade", "Arthur"}
	lasts := []string{"Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent"}
	out := make([]customer, n)
	for i := range out {
		first, last := firsts[i%len(firsts)], lasts[(i/len(firsts))%len(lasts)]
		out[i] = customer{first, last, fmt.Sprintf("%s.%s.%d@example.fr", strings.ToLower(first), strings.ToLower(last), i), 612000000 + i*1013}
	}
	return out
}

// body renders a booking for c in formats chosen by rng.
func (c customer) body(externalID string, rng *rand.Rand) map[string]any {
	emails := []string{c.email, strings.ToUpper(c.email), "  " + c.email + " "}
	m := fmt.Sprintf("%09d", c.mobile)
	mobiles := []string{"0" + m, "+33" + m, "+33 " + m[:1] + " " + m[1:3] + " " + m[3:5] + " " + m[5:7] + " " + m[7:],
		"0" + m[:1] + "." + m[1:3] + "." + m[3:5] + "." + m[5:7] + "." + m[7:], "0033" + m}
	return map[string]any{
		"external_id": externalID,
		"customer": map[string]any{"first_name": c.first, "last_name": c.last,
			"email": emails[rng.IntN(len(emails))], "mobile": mobiles[rng.IntN(len(mobiles))]},
		"booking": map[string]any{"service": "Coupe"},
	}
}

// stream is what a stream of bookings got back.
type stream struct {
	mu       sync.Mutex
	accepted map[string]string // external_id → ingestion_id
	owner    map[string]int    // external_id → customer index
	refused  int               // answers other than 202 (retried)
}

// sendBookings sends n bookings over people with conc clients. Like a real
// widget, a client retries a refused or failed request (same external_id)
// until it is accepted or the deadline passes. during, when set, runs once
// a third of the bookings were accepted.
func sendBookings(t *testing.T, base, token string, people []customer, n, conc int, during func()) *stream {
	t.Helper()
	st := &stream{accepted: map[string]string{}, owner: map[string]int{}}
	jobs := make(chan int)
	var once sync.Once
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 10 * time.Second, Transport: openapitest.Transport()}
	for w := range conc {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			for i := range jobs {
				who := rng.IntN(len(people))
				ext := fmt.Sprintf("bk-%d", i)
				data, _ := json.Marshal(people[who].body(ext, rng))
				for deadline := time.Now().Add(90 * time.Second); ; time.Sleep(100 * time.Millisecond) {
					if time.Now().After(deadline) {
						t.Errorf("booking %s never accepted", ext)
						break
					}
					req, _ := http.NewRequest("POST", base+"/v1/bookings", strings.NewReader(string(data)))
					req.Header.Set("Authorization", "Bearer "+token)
					resp, err := client.Do(req)
					if err != nil {
						st.mu.Lock()
						st.refused++
						st.mu.Unlock()
						continue
					}
					var a accepted
					derr := json.NewDecoder(resp.Body).Decode(&a)
					resp.Body.Close()
					st.mu.Lock()
					if resp.StatusCode != http.StatusAccepted || derr != nil {
						st.refused++
						st.mu.Unlock()
						continue
					}
					st.accepted[ext], st.owner[ext] = a.IngestionID, who
					third := len(st.accepted) == n/3
					st.mu.Unlock()
					if third && during != nil {
						once.Do(during)
					}
					break
				}
			}
		})
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return st
}

// asynqRecovery bounds how long a task can be held by nobody after a
// worker died or lost Redis mid-task (including a dequeue whose reply was
// lost when Redis went down: the task is active but no handler has it).
// Its 30 s lease must expire; asynq's recoverer, which runs every minute,
// only takes tasks expired 30 s or more, and then retries them after our
// backoff and its 5 s forwarder: about 2 min 10 s in all.
const asynqRecovery = 3 * time.Minute

// checkStream waits until every accepted booking is processed, then checks
// the whole database and the queue.
func checkStream(t *testing.T, dbURL, redisAddr string, st *stream, within time.Duration) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	ids := make([]string, 0, len(st.accepted))
	for _, id := range st.accepted {
		ids = append(ids, id)
	}
	var done int
	for deadline := time.Now().Add(within); ; time.Sleep(100 * time.Millisecond) {
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM ingestions WHERE id = ANY($1::uuid[]) AND status = 'done'`, ids).Scan(&done); err != nil {
			t.Fatal(err)
		}
		if done == len(ids) {
			break
		}
		if time.Now().After(deadline) {
			insp := asynq.NewInspector(asynq.RedisClientOpt{Addr: redisAddr})
			q, err := insp.GetQueueInfo(worker.QueueIngest)
			insp.Close()
			t.Fatalf("%d of %d accepted bookings processed after %s; queue: %+v (err %v)", done, len(ids), within, q, err)
		}
	}
	// Exactly one activity per accepted booking, none for any other.
	rows, _ := conn.Query(ctx, `SELECT external_id, count(*), min(profile_id::text) FROM activities GROUP BY external_id`)
	profileOf := map[string]string{}
	for rows.Next() {
		var ext, profile string
		var n int
		if err := rows.Scan(&ext, &n, &profile); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("booking %s recorded %d times", ext, n)
		}
		if _, ok := st.accepted[ext]; !ok {
			t.Errorf("booking %s recorded but never accepted", ext)
		}
		profileOf[ext] = profile
	}
	rows.Close()
	if len(profileOf) != len(st.accepted) {
		t.Fatalf("%d bookings recorded, %d accepted", len(profileOf), len(st.accepted))
	}
	// One profile per customer, one customer per profile.
	profilesOf, customersOf := map[int]map[string]bool{}, map[string]map[int]bool{}
	for ext, who := range st.owner {
		p := profileOf[ext]
		if profilesOf[who] == nil {
			profilesOf[who] = map[string]bool{}
		}
		if customersOf[p] == nil {
			customersOf[p] = map[int]bool{}
		}
		profilesOf[who][p], customersOf[p][who] = true, true
	}
	for who, ps := range profilesOf {
		if len(ps) != 1 {
			t.Errorf("customer %d has %d profiles", who, len(ps))
		}
	}
	for p, cs := range customersOf {
		if len(cs) != 1 {
			t.Errorf("profile %s holds %d customers", p, len(cs))
		}
	}
	var profiles int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM profiles`).Scan(&profiles); err != nil {
		t.Fatal(err)
	}
	if profiles != len(profilesOf) {
		t.Errorf("%d profiles for %d customers", profiles, len(profilesOf))
	}
	// Nothing stuck or dead in the queue. A task whose transaction
	// committed while Redis was unreachable could not be marked done; it
	// comes back within asynqRecovery and is replayed without writing
	// anything.
	insp := asynq.NewInspector(asynq.RedisClientOpt{Addr: redisAddr})
	defer insp.Close()
	for deadline := time.Now().Add(asynqRecovery); ; time.Sleep(100 * time.Millisecond) {
		q, err := insp.GetQueueInfo(worker.QueueIngest)
		if err == nil && q.Pending+q.Active+q.Scheduled+q.Retry+q.Archived == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("tasks left in the queue: %+v (err %v)", q, err)
		}
	}
}

func TestConcurrent500BookingsOver50Customers(t *testing.T) {
	s := MustRun(t)
	people := customers(50)
	st := sendBookings(t, s.base, s.token, people, 500, 50, nil)
	if len(st.accepted) != 500 {
		t.Fatalf("%d bookings accepted, want 500", len(st.accepted))
	}
	checkStream(t, s.dbURL, s.redis.Addr(), st, 60*time.Second)
	// Activity counts per profile match the bookings each customer made.
	want := map[int]int{}
	for _, who := range st.owner {
		want[who]++
	}
	// A whole run's logs (debug level) hold no personal data.
	logs := strings.ToLower(s.logs.String())
	for _, c := range people {
		m := fmt.Sprintf("%09d", c.mobile)
		for _, pii := range []string{c.email, strings.ToLower(c.last), m[1:], "@example.fr"} {
			if strings.Contains(logs, pii) {
				t.Fatalf("the logs contain %q", pii)
			}
		}
	}
	var found struct{ Profiles []profile }
	for who, n := range want {
		s.do("GET", "/v1/profiles?email="+people[who].email, s.token, nil, &found)
		if len(found.Profiles) != 1 || found.Profiles[0].ActivityCount != n {
			t.Fatalf("customer %d: profiles %+v, want one with %d activities", who, found.Profiles, n)
		}
	}
}

func TestPostgresRestartDuringProcessing(t *testing.T) {
	s := MustRun(t)
	pg := storetest.Server()
	st := sendBookings(t, s.base, s.token, customers(40), 300, 8, func() {
		if err := pg.Stop(); err != nil {
			t.Error(err)
		}
		time.Sleep(2 * time.Second)
		if err := pg.Start(context.Background()); err != nil {
			t.Error(err)
		}
	})
	if st.refused == 0 {
		t.Fatal("no request was refused while PostgreSQL was down: the fault did not happen")
	}
	// Retries back off at most a minute apart; all is done well within two.
	checkStream(t, s.dbURL, s.redis.Addr(), st, 2*time.Minute)
}

func TestRedisRestartLosesNoAcceptedBooking(t *testing.T) {
	s := MustRun(t)
	var down []int
	st := sendBookings(t, s.base, s.token, customers(40), 300, 8, func() {
		if err := s.redis.Stop(); err != nil {
			t.Error(err)
		}
		// While Redis is down the API refuses and accepts nothing.
		var e apiError
		down = append(down, s.do("POST", "/v1/bookings", s.token, designBooking("bk-while-down"), &e))
		time.Sleep(time.Second)
		if err := s.redis.Start(context.Background()); err != nil {
			t.Error(err)
		}
	})
	if len(down) != 1 || down[0] != http.StatusServiceUnavailable {
		t.Fatalf("POST while Redis was down = %v, want 503", down)
	}
	if _, ok := st.accepted["bk-while-down"]; ok {
		t.Fatal("a booking refused with 503 was recorded")
	}
	// A task whose dequeue reply was lost in the outage is not processed
	// until the recoverer hands it back.
	checkStream(t, s.dbURL, s.redis.Addr(), st, asynqRecovery)
	// The replays wrote nothing twice (checked above) and were counted.
	if n := s.count(`SELECT count(*) FROM activities`); n != len(st.accepted) {
		t.Fatalf("%d activities for %d accepted bookings", n, len(st.accepted))
	}
}

func TestPostgresSlowAndOutOfConnections(t *testing.T) {
	s := MustRun(t)
	ctx := context.Background()
	st := sendBookings(t, s.base, s.token, customers(40), 300, 8, func() {
		// Slow: a lock held for three seconds stalls every ingest.
		blocker, err := pgx.Connect(ctx, s.dbURL)
		if err != nil {
			t.Error(err)
			return
		}
		defer blocker.Close(ctx)
		tx, err := blocker.Begin(ctx)
		if err != nil {
			t.Error(err)
			return
		}
		if _, err := tx.Exec(ctx, `LOCK TABLE ingestions IN ACCESS EXCLUSIVE MODE`); err != nil {
			t.Error(err)
			return
		}
		time.Sleep(3 * time.Second)
		tx.Rollback(ctx)

		// Out of connections: take every free slot, then cut the
		// service's own connections so it must reconnect and cannot.
		var hogs []*pgx.Conn
		for range 300 {
			c, err := pgx.Connect(ctx, s.dbURL)
			if err != nil {
				break // the server is full
			}
			hogs = append(hogs, c)
		}
		var cut int
		if err := hogs[0].QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> ALL($1::int[]) AND backend_type = 'client backend'`, pids(hogs)).Scan(&cut); err != nil {
			t.Error(err)
			return
		}
		// Re-fill the slots the cut freed, so reconnects are refused.
		for range cut {
			if c, err := pgx.Connect(ctx, s.dbURL); err == nil {
				hogs = append(hogs, c)
			}
		}
		time.Sleep(2 * time.Second)
		for _, c := range hogs {
			c.Close(ctx)
		}
	})
	checkStream(t, s.dbURL, s.redis.Addr(), st, 2*time.Minute)
}

func pids(conns []*pgx.Conn) []int32 {
	out := make([]int32, len(conns))
	for i, c := range conns {
		out[i] = int32(c.PgConn().PID())
	}
	return out
}

// startWorkerProc runs `dedupe work` as a process and waits until it serves
// its metrics.
func startWorkerProc(t *testing.T, bin string, env []string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, "work")
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if strings.Contains(sc.Text(), `"serving metrics"`) {
				close(ready)
				for sc.Scan() {
				}
			}
		}
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	select {
	case <-ready:
	case <-time.After(30 * time.Second):
		t.Fatal("dedupe work did not start")
	}
	return cmd
}

func TestWorkerKilledMidTasksAppliesNothingTwice(t *testing.T) {
	bin := mustBuild(t)
	s := MustRun(t)
	// The in-process service keeps only its API; the work is done by a
	// separate worker process that gets SIGKILLed.
	s.main.worker.Shutdown()
	s.main.worker = nil
	env := []string{"DATABASE_URL=" + s.dbURL, "REDIS_URL=" + s.redis.URL(), "DEDUPE_CONCURRENCY=4", "DEDUPE_METRICS_ADDR=127.0.0.1:0"}
	w := startWorkerProc(t, bin, env)
	st := sendBookings(t, s.base, s.token, customers(40), 300, 8, func() {
		if err := w.Process.Signal(syscall.SIGKILL); err != nil {
			t.Error(err)
		}
		_ = w.Wait() // killed: the error says so
		startWorkerProc(t, bin, env)
	})
	// Tasks the killed worker held come back when their 30 s lease has
	// expired and the new worker's recoverer (every minute) finds them.
	checkStream(t, s.dbURL, s.redis.Addr(), st, asynqRecovery)
}
