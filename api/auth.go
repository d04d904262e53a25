package api

import (
	"errors"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"dedupe/store"
)

// errUnknownToken is the one answer to a token that is unknown, revoked,
// or sent by a client that failed too often: a caller cannot tell them apart.
var errUnknownToken = &Error{Status: http.StatusUnauthorized, Code: CodeUnauthorized, Message: "unknown or revoked token"}

// authenticate reads the bearer token and checks it carries one of scopes.
func (s *Server) authenticate(r *http.Request, scopes []string) (store.Token, *Error) {
	secret, ok := bearer(r.Header.Get("Authorization"))
	if !ok {
		return store.Token{}, &Error{Status: http.StatusUnauthorized, Code: CodeUnauthorized,
			Message: "missing bearer token: send Authorization: Bearer <token>"}
	}
	client := clientAddr(r)
	var tok store.Token
	var err error
	if s.failures.exhausted(client, s.now()) {
		// This client sent too many bad tokens: only a token the process
		// already knows is looked at, so a flood of guesses costs no
		// database work. The answer is the same as for a bad token.
		var cached bool
		if tok, cached = s.store.CachedToken(secret); !cached {
			return store.Token{}, errUnknownToken
		}
	} else if tok, err = s.store.Authenticate(r.Context(), secret); errors.Is(err, store.ErrNotFound) {
		s.failures.record(client, s.now())
		return store.Token{}, errUnknownToken
	} else if err != nil {
		return store.Token{}, storeError(err)
	}
	if !slices.ContainsFunc(scopes, tok.Has) {
		return store.Token{}, &Error{Status: http.StatusForbidden, Code: CodeForbidden,
			Message: "this token lacks the scope for this endpoint: needs " + strings.Join(scopes, " or ")}
	}
	if err := s.limits.allow(tok.ID, s.now()); err != nil {
		return store.Token{}, err
	}
	return tok, nil
}

// bearer returns the token of an "Authorization: Bearer <token>" header.
// The scheme is case-insensitive (RFC 7235, section 2.1).
func bearer(header string) (string, bool) {
	scheme, secret, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	secret = strings.TrimSpace(secret)
	return secret, secret != ""
}

// clientAddr is the address a request came from, without its port. Behind
// a reverse proxy every request shares the proxy's address, so the failure
// budget below is then shared by all clients (see docs/security.md).
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Failed authentications a client may make: a sustained rate and a burst.
// A widget with a mistyped token fails a few times a minute; a guesser
// fails thousands of times a second.
const (
	failureRate  = 2 // per second
	failureBurst = 20
	// maxFailingClients bounds the memory; past it the table starts over.
	maxFailingClients = 10_000
)

// failures counts failed authentications per client address in token
// buckets. A client whose bucket is empty gets its unknown tokens refused
// without a database look-up until the bucket refills.
type failures struct {
	mu sync.Mutex
	m  map[string]*rate.Limiter
}

func newFailures() *failures { return &failures{m: map[string]*rate.Limiter{}} }

// exhausted reports whether client has no failure left to spend.
func (f *failures) exhausted(client string, now time.Time) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	lim := f.m[client]
	return lim != nil && lim.TokensAt(now) < 1
}

// record spends one of client's failures.
func (f *failures) record(client string, now time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	lim := f.m[client]
	if lim == nil {
		if len(f.m) >= maxFailingClients {
			clear(f.m)
		}
		lim = rate.NewLimiter(failureRate, failureBurst)
		f.m[client] = lim
	}
	lim.AllowN(now, 1)
}
