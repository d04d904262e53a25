package api

import (
	"context"
	"crypto/rand"
	"net/http"

	"github.com/google/uuid"
)

// RequestIDHeader carries a request's id, in the request (optional: a
// caller's own id is kept when it looks sane) and always in the response.
const RequestIDHeader = "X-Request-Id"

// maxRequestID is the longest incoming request id kept as it is.
const maxRequestID = 64

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

// saneRequestID accepts a UUID, or 1 to 64 letters, digits and . _ -
// with no run of six digits or more (a phone number, a birth date). An
// id that could carry personal data is replaced rather than logged: the
// caller's X-Request-Id reaches every log line of its request.
func saneRequestID(id string) bool {
	if uuid.Validate(id) == nil && len(id) == 36 {
		return true
	}
	if id == "" || len(id) > maxRequestID {
		return false
	}
	digits := 0
	for _, c := range []byte(id) {
		switch {
		case '0' <= c && c <= '9':
			if digits++; digits >= 6 {
				return false
			}
			continue
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '.', c == '_', c == '-':
		default:
			return false
		}
		digits = 0
	}
	return true
}
