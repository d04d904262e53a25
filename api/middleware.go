package api

import (
	"context"
	"crypto/rand"
	"net/http"
)

// RequestIDHeader carries a request's id, in the request (optional: a
// caller's own id is kept when it looks sane) and always in the response.
const RequestIDHeader = "X-Request-Id"

// maxRequestID is the longest incoming request id kept as it is.
const maxRequestID = 128

type requestIDKey struct{}

// RequestID returns the id of the request whose context ctx is, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// withRequestID gives every request an id: the caller's X-Request-Id when
// it is sane, a new random one otherwise. The id is echoed in the response,
// put in the request's context for the handlers' logs, and travels with an
// accepted booking into its queue task, so one id follows a booking from
// the widget's request to the worker's log line.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(RequestIDHeader)
		if !saneRequestID(id) {
			id = rand.Text()
		}
		w.Header().Set(RequestIDHeader, id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

// saneRequestID accepts 1 to 128 letters, digits and . _ : - (UUIDs, trace
// ids, most proxies' ids). Anything else, an email address above all, is
// replaced rather than logged.
func saneRequestID(id string) bool {
	if id == "" || len(id) > maxRequestID {
		return false
	}
	for _, c := range []byte(id) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '_', c == ':', c == '-':
		default:
			return false
		}
	}
	return true
}
