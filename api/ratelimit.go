package api

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Default per-token request rate. A booking widget of a busy shop sends a
// few requests a second; the limit is there to stop a runaway client from
// starving everybody else, not to shape normal traffic.
const (
	DefaultRateLimit = 1000 // requests per second per token
	DefaultRateBurst = 2000
)

// limiters holds one token bucket per API token (golang.org/x/time/rate).
// There are as many as live tokens, so the map needs no eviction.
type limiters struct {
	mu    sync.Mutex
	m     map[string]*rate.Limiter
	limit rate.Limit
	burst int
}

func newLimiters(perSecond float64, burst int) *limiters {
	if perSecond <= 0 {
		return nil // no limit
	}
	return &limiters{m: map[string]*rate.Limiter{}, limit: rate.Limit(perSecond), burst: max(burst, 1)}
}

// allow takes one request from the token's bucket, or answers 429 with the
// seconds to wait in Retry-After.
func (l *limiters) allow(tokenID string, now time.Time) *Error {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	lim := l.m[tokenID]
	if lim == nil {
		lim = rate.NewLimiter(l.limit, l.burst)
		l.m[tokenID] = lim
	}
	l.mu.Unlock()
	r := lim.ReserveN(now, 1)
	wait := r.DelayFrom(now)
	if wait == 0 {
		return nil
	}
	r.CancelAt(now)
	return &Error{Status: http.StatusTooManyRequests, Code: CodeRateLimited,
		RetryAfter: max(1, int(math.Ceil(wait.Seconds()))),
		Message:    "too many requests for this token: slow down and retry after " + strconv.Itoa(max(1, int(math.Ceil(wait.Seconds())))) + " s"}
}
