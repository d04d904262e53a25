package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Hooks for the external tests of this package.

// SetListenIdle shortens the token listener's quiet spell; the returned
// func restores it.
func SetListenIdle(d time.Duration) (restore func()) {
	old := listenIdle
	listenIdle = d
	return func() { listenIdle = old }
}

// TokenGeneration is the token cache's generation (see tokenCache).
func (s *Store) TokenGeneration() uint64 {
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	return s.tokens.gen
}

// TokenCacheLive reports whether the token cache is in use: set up and
// listening.
func (s *Store) TokenCacheLive() bool {
	if s.tokens == nil {
		return false
	}
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	return s.tokens.live
}

// BackfillSearchKeys runs migration 7's Go step in its own transaction.
func (s *Store) BackfillSearchKeys(ctx context.Context) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error { return backfillSearchKeys(ctx, tx) })
}

// The batch's look-ups, for the plan tests.
var (
	EarlierIngestionsSQL = earlierIngestionsSQL
	EarlierActivitiesSQL = earlierActivitiesSQL
	MatchesSQL           = matchesSQL
	HeldByGroupSQL       = heldByGroupSQL
	RepointCandidatesSQL = repointCandidatesSQL
	EraseCandidatesSQL   = eraseCandidatesSQL
	EraseIngestionsSQL   = eraseIngestionsSQL
	EraseAuditSQL        = eraseAuditSQL
	ExportHistorySQL     = exportHistorySQL
	HistorySQL           = historySQL
	SearchSlipsSQL       = "WITH " + searchSlipsSQL(2)
)

// MigrationStep runs the Go step of migration version (goSteps) in its own
// transaction: the re-keying tests run it again on rows put back as they
// were before it.
func (s *Store) MigrationStep(ctx context.Context, version int) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error { return goSteps[version](ctx, tx) })
}

// ContactLockKey is the advisory lock key an ingest, a merge and an
// erasure take for a tenant's contact value, so that a test can hold it.
func ContactLockKey(tenantID, kind, value string) int64 { return lockKey(tenantID, kind, value) }

// SetTrainDrawShare makes TrainFuzzy draw share of any file; the returned
// func restores it.
func SetTrainDrawShare(share float64) (restore func()) {
	old := trainDrawShare
	trainDrawShare = func(int) float64 { return share }
	return func() { trainDrawShare = old }
}

// OpenCandidate opens a review candidate for the profiles as a fuzzy
// search or a scan does, outside the ingest's key locks.
func (s *Store) OpenCandidate(ctx context.Context, tenantID string, ids []string) (string, error) {
	id, _, err := openCandidate(ctx, s.pool, tenantID, ids, "test", 0.9, map[string]any{"rule": "test"}, s.Now())
	return id, err
}

// ProfileLockKey is the advisory lock key a merge takes for a profile.
func ProfileLockKey(tenantID, profileID string) int64 { return profileLockKey(tenantID, profileID) }
