package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"dedupe/internal/logtest"
	"dedupe/internal/openapitest"
	"dedupe/internal/storetest"
	"dedupe/worker"
)

// mustRedisCluster starts a one-node Redis Cluster (the node holds all
// 16384 slots) and returns its address. A cluster of one answers with
// cluster redirections and CROSSSLOT errors like a big one, which is what
// asynq's cluster client has to get right.
func mustRedisCluster(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Fatalf("redis-server not found: run make deps (Debian package redis-server): %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	dir := t.TempDir()
	cmd := exec.Command(bin, "--bind", "127.0.0.1", "--port", strconv.Itoa(port), "--dir", dir, "--save", "",
		"--appendonly", "yes", "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
		"--cluster-announce-ip", "127.0.0.1", "--protected-mode", "no")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait() // exit status 1 or a signal: it was stopped
	})
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	defer c.Close()
	ctx := context.Background()
	deadline := time.Now().Add(20 * time.Second)
	for c.Ping(ctx).Err() != nil {
		if time.Now().After(deadline) {
			t.Fatal("the cluster node does not answer PING")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := c.Do(ctx, "CLUSTER", "ADDSLOTSRANGE", 0, 16383).Err(); err != nil {
		t.Fatal(err)
	}
	for {
		info, err := c.ClusterInfo(ctx).Result()
		if err == nil && strings.Contains(info, "cluster_state:ok") {
			return addr
		}
		if time.Now().After(deadline) {
			t.Fatalf("cluster state not ok: %v %s", err, info)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestRedisClusterURL(t *testing.T) {
	addr := mustRedisCluster(t)
	dbURL := storetest.MustURL(t)
	cliRun(t, dbURL, "tenant", "create", "--slug", "salon", "--region", "FR")
	token := cliRun(t, dbURL, "token", "create", "--tenant", "salon", "--scopes", "ingest,read")
	logs := &logtest.Buffer{}
	m := &Main{Stdout: io.Discard, Stderr: logs, Getenv: envOf(map[string]string{
		"DATABASE_URL": dbURL, "REDIS_URL": "redis-cluster://" + addr, "DEDUPE_HTTP_ADDR": "127.0.0.1:0",
	})}
	if err := m.Start(context.Background(), "all", nil); err != nil {
		t.Fatalf("start: %v\n%s", err, logs)
	}
	t.Cleanup(func() { m.Close() })
	s := &service{t: t, main: m, base: "http://" + m.HTTPAddr(), token: token, logs: logs}
	openapitest.Watch(t, s.base)

	ing := s.post("/v1/bookings", designBooking("bk-1"))
	if ing.Status != "done" || *ing.Decision != "created" {
		t.Fatalf("booking through Redis Cluster = %+v", ing)
	}
	var ready struct{ Checks map[string]string }
	if code := s.do("GET", "/readyz", "", nil, &ready); code != http.StatusOK || ready.Checks["redis"] != "ok" {
		t.Fatalf("/readyz = %d %+v", code, ready)
	}
	s.waitMetric("asynq_tasks_processed_total", map[string]string{"queue": worker.QueueIngest}, 1)
}
