package main

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// A proxy in front keeps its connections to dedupe open for its own idle
// timeout, 60 s for nginx and AWS's load balancers. dedupe must keep an
// idle connection at least that long, or it closes one the proxy is about
// to send on.
func TestServerOutlastsProxiesIdleConnections(t *testing.T) {
	if serverTimeouts.idle <= 60*time.Second {
		t.Errorf("dedupe closes an idle connection after %s, before the proxies in front (60 s)", serverTimeouts.idle)
	}
}

// A keep-alive connection serves its next request after waiting longer
// than the read timeout, and is closed once it waited the idle timeout:
// the read timeout bounds a request, not the wait between two.
func TestKeepAliveOutlivesTheReadTimeout(t *testing.T) {
	to := httpTimeouts{readHeader: 100 * time.Millisecond, read: 100 * time.Millisecond, write: time.Second, idle: 3 * time.Second}
	srv := newHTTPServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }), to)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }() // http.ErrServerClosed once the test ends
	t.Cleanup(func() { _ = srv.Close() })

	c := dialKeptAlive(t, ln.Addr().String())
	if err := c.get("/"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(4 * to.read) // idle past the read timeout, well within the idle one
	if err := c.get("/"); err != nil {
		t.Fatalf("a connection idle for %s, past the read timeout (%s), was not served again: %v", 4*to.read, to.read, err)
	}

	// Past the idle timeout the server closes it: the read sees the end.
	if _, err := c.closedWithin(5 * to.idle); err != nil {
		t.Fatalf("a connection idle for longer than the idle timeout (%s) is still open (read: %v)", to.idle, err)
	}
}

// DEDUPE_HTTP_IDLE_TIMEOUT sets the API's idle timeout, for a proxy in
// front that keeps its connections longer than the default (Google Cloud's
// load balancers 600–610 s, Cloudflare 900 s): a connection idle for less
// is served again, and one idle for longer is closed.
func TestIdleTimeoutFromTheEnvironment(t *testing.T) {
	const idle = 3 * time.Second
	s := MustRunWith(t, map[string]string{"DEDUPE_HTTP_IDLE_TIMEOUT": idle.String()})
	c := dialKeptAlive(t, s.main.HTTPAddr())
	if err := c.get("/healthz"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(idle / 3)
	if err := c.get("/healthz"); err != nil {
		t.Fatalf("a connection idle for %s, within the idle timeout (%s), was not served again: %v", idle/3, idle, err)
	}
	took, err := c.closedWithin(10 * idle)
	if err != nil {
		t.Fatalf("a connection idle for longer than DEDUPE_HTTP_IDLE_TIMEOUT (%s) is still open (read: %v)", idle, err)
	}
	// Closed by the idle timeout, not by the default 2 minutes, nor at once.
	if took < idle/2 || took > 3*idle {
		t.Errorf("the idle connection was closed after %s, want about %s", took.Round(time.Millisecond), idle)
	}
}

// keptAlive is one HTTP/1.1 connection to a server, kept open between
// requests.
type keptAlive struct {
	conn net.Conn
	r    *bufio.Reader
}

// dialKeptAlive connects to addr; the connection closes when the test ends.
func dialKeptAlive(t *testing.T, addr string) *keptAlive {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return &keptAlive{conn: conn, r: bufio.NewReader(conn)}
}

// get sends GET path and reads the answer whole: an error unless it is 200
// and leaves the connection open.
func (c *keptAlive) get(path string) error {
	if _, err := io.WriteString(c.conn, "GET "+path+" HTTP/1.1\r\nHost: dedupe\r\n\r\n"); err != nil {
		return err
	}
	res, err := http.ReadResponse(c.r, nil)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK || res.Close {
		return errors.New("the server answered " + res.Status + " or asked to close")
	}
	return nil
}

// closedWithin waits up to limit for the server to close the idle
// connection, and returns how long that took; an error when the read ends
// otherwise (the deadline, or data).
func (c *keptAlive) closedWithin(limit time.Duration) (time.Duration, error) {
	start := time.Now()
	if err := c.conn.SetReadDeadline(start.Add(limit)); err != nil {
		return 0, err
	}
	if _, err := c.r.ReadByte(); !errors.Is(err, io.EOF) {
		if err == nil {
			err = errors.New("the server sent data")
		}
		return 0, err
	}
	return time.Since(start), nil
}
