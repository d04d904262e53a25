package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
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
		return "", Token{}, errors.New("a token needs at least one scope")
	}
	for _, sc := range scopes {
		if !slices.Contains(AllScopes, sc) {
			return "", Token{}, fmt.Errorf("unknown scope %q (scopes: %s)", sc, strings.Join(AllScopes, ", "))
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
func (s *Store) Authenticate(ctx context.Context, secret string) (Token, error) {
	var t Token
	err := s.pool.QueryRow(ctx, `SELECT id, tenant_id, label, scopes FROM api_tokens
		WHERE hash = $1 AND revoked_at IS NULL`, hashToken(secret)).Scan(&t.ID, &t.TenantID, &t.Label, &t.Scopes)
	if err != nil {
		return Token{}, fmt.Errorf("authenticate: %w", interpret(err))
	}
	return t, nil
}
