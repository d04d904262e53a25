package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// Scopes a token can carry (DESIGN.md, HTTP API).
const (
	ScopeIngest = "ingest"
	ScopeRead   = "read"
	ScopeWrite  = "write"
	ScopeReview = "review"
	ScopeAdmin  = "admin"
)

// AllScopes lists every scope.
var AllScopes = []string{ScopeIngest, ScopeRead, ScopeWrite, ScopeReview, ScopeAdmin}

// Token is an API token of one tenant. Its secret is shown once, at
// creation; only its SHA-256 is stored.
type Token struct {
	ID       string
	TenantID string
	Label    string
	Scopes   []string
}

// Has reports whether the token carries scope.
func (t Token) Has(scope string) bool { return slices.Contains(t.Scopes, scope) }

// tokenPrefix makes tokens recognisable in a leaked-secret scan.
const tokenPrefix = "ddp_"

// hashToken is the stored form of a secret. The secret has 256 random bits,
// so a plain SHA-256 (no salt, no stretching) cannot be reversed and lets
// the lookup be a unique-index probe; comparing hashes through that index
// does not leak the secret's bytes through timing.
func hashToken(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return sum[:]
}

// CreateToken makes a token for a tenant (by slug) and returns its secret.
func (s *Store) CreateToken(ctx context.Context, tenantSlug, label string, scopes []string) (string, Token, error) {
	if len(scopes) == 0 {
		return "", Token{}, fmt.Errorf("%w: a token needs at least one scope", ErrInvalid)
	}
	for _, sc := range scopes {
		if !slices.Contains(AllScopes, sc) {
			return "", Token{}, fmt.Errorf("%w: unknown scope %q (scopes: %s)", ErrInvalid, sc, strings.Join(AllScopes, ", "))
		}
	}
	t, err := s.TenantBySlug(ctx, tenantSlug)
	if err != nil {
		return "", Token{}, err
	}
	raw := make([]byte, 32)
	rand.Read(raw)
	secret := tokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	tok := Token{ID: uuid.NewString(), TenantID: t.ID, Label: label, Scopes: slices.Compact(slices.Sorted(slices.Values(scopes)))}
	_, err = s.pool.Exec(ctx, `INSERT INTO api_tokens (id, tenant_id, hash, label, scopes, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, tok.ID, tok.TenantID, hashToken(secret), tok.Label, tok.Scopes, s.Now())
	if err != nil {
		return "", Token{}, fmt.Errorf("create token: %w", interpret(err))
	}
	return secret, tok, nil
}

// Authenticate returns the live token whose secret this is, or ErrNotFound.
// The look-up goes by the secret's hash through a unique index; the stored
// hash is then compared in constant time, so neither step's timing says
// anything about the secret.
//
// With CacheTokens, a token found recently is answered from memory.
func (s *Store) Authenticate(ctx context.Context, secret string) (Token, error) {
	want := hashToken(secret)
	if s.tokens == nil {
		return s.authenticate(ctx, want)
	}
	t, gen, ok := s.tokens.get(want)
	if ok {
		return t, nil
	}
	t, err := s.authenticate(ctx, want)
	if err == nil {
		s.tokens.put(want, t, gen)
	}
	return t, err
}

// CachedToken answers from the token cache alone: the token and true when
// this process authenticated it recently (CacheTokens), false otherwise.
// It never reads the database.
func (s *Store) CachedToken(secret string) (Token, bool) {
	if s.tokens == nil {
		return Token{}, false
	}
	t, _, ok := s.tokens.get(hashToken(secret))
	return t, ok
}

// authenticate finds a token by the hash of its secret, before its tenant
// is known: a read across tenants, which is why api_tokens stays on the
// coordinator on Citus (docs/scaling.md, Queries across tenants).
func (s *Store) authenticate(ctx context.Context, want []byte) (Token, error) {
	var t Token
	var stored []byte
	err := s.pool.QueryRow(ctx, `SELECT id, tenant_id, label, scopes, hash FROM api_tokens
		WHERE hash = $1 AND revoked_at IS NULL`, want).Scan(&t.ID, &t.TenantID, &t.Label, &t.Scopes, &stored)
	if err != nil {
		return Token{}, fmt.Errorf("authenticate: %w", interpret(err))
	}
	if subtle.ConstantTimeCompare(stored, want) != 1 {
		return Token{}, fmt.Errorf("authenticate: %w", ErrNotFound)
	}
	return t, nil
}

// TokenInfo describes a token without its secret.
type TokenInfo struct {
	ID        string     `json:"id"`
	Label     string     `json:"label"`
	Scopes    []string   `json:"scopes"`
	CreatedAt time.Time  `json:"created_at"`
	RevokedAt *time.Time `json:"revoked_at"`
}

// Tokens lists a tenant's tokens (by slug), newest first.
func (s *Store) Tokens(ctx context.Context, tenantSlug string) ([]TokenInfo, error) {
	rows, err := s.pool.Query(ctx, `SELECT k.id, k.label, k.scopes, k.created_at, k.revoked_at
		FROM api_tokens k JOIN tenants t ON t.id = k.tenant_id WHERE t.slug = $1 ORDER BY k.created_at DESC, k.id`, tenantSlug)
	if err != nil {
		return nil, fmt.Errorf("tokens: %w", interpret(err))
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (TokenInfo, error) {
		var ti TokenInfo
		err := r.Scan(&ti.ID, &ti.Label, &ti.Scopes, &ti.CreatedAt, &ti.RevokedAt)
		return ti, err
	})
	if err != nil {
		return nil, fmt.Errorf("tokens: %w", interpret(err))
	}
	return out, nil
}

// RevokeToken revokes a token, named by its id or by its secret. It stops
// working at once in this process, and in every other as soon as the
// notification of the change reaches it (see tokenCache). Revoking a revoked token is not an error; an unknown
// one is ErrNotFound. It is an operator's command and finds the token in
// any tenant (docs/scaling.md, Queries across tenants).
func (s *Store) RevokeToken(ctx context.Context, idOrSecret string) (TokenInfo, error) {
	var ti TokenInfo
	byID := uuid.Validate(idOrSecret) == nil
	id := idOrSecret
	if !byID {
		id = "00000000-0000-0000-0000-000000000000"
	}
	err := s.pool.QueryRow(ctx, `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $3)
		WHERE id = $1 OR hash = $2 RETURNING id, label, scopes, created_at, revoked_at`,
		id, hashToken(idOrSecret), s.Now()).Scan(&ti.ID, &ti.Label, &ti.Scopes, &ti.CreatedAt, &ti.RevokedAt)
	if err != nil {
		return TokenInfo{}, fmt.Errorf("revoke token: %w", interpret(err))
	}
	if s.tokens != nil {
		s.tokens.invalidate()
	}
	return ti, nil
}
