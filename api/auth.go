package api

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"dedupe/store"
)

// authenticate reads the bearer token and checks it carries one of scopes.
func (s *Server) authenticate(r *http.Request, scopes []string) (store.Token, *Error) {
	secret, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || strings.TrimSpace(secret) == "" {
		return store.Token{}, &Error{Status: http.StatusUnauthorized, Code: CodeUnauthorized,
			Message: "missing bearer token: send Authorization: Bearer <token>"}
	}
	tok, err := s.store.Authenticate(r.Context(), strings.TrimSpace(secret))
	if errors.Is(err, store.ErrNotFound) {
		return store.Token{}, &Error{Status: http.StatusUnauthorized, Code: CodeUnauthorized, Message: "unknown or revoked token"}
	}
	if err != nil {
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
