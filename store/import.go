package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"dedupe/matcher"
)

// ImportRow is one customer of an imported file.
type ImportRow struct {
	Line      int64 // line number in the file, for the checkpoint
	Customer  matcher.Customer
	CreatedAt time.Time // when the business first saw the customer; zero means now
	// Kept lists, for the report, the values the importer could not read
	// and keeps as given (not written anywhere else).
	Kept []string
}

// ImportState is the checkpoint of one file's import into one tenant.
type ImportState struct {
	LastLine int64 // every line up to this one is imported or rejected
	Imported int64
	Rejected int64
	Done     bool
}

// ImportState returns the checkpoint of importing the file with this
// digest, creating it when the import is new. Importing the same file
// again resumes after its last committed line.
func (s *Store) ImportState(ctx context.Context, tenantID, digest, name string) (ImportState, error) {
	var st ImportState
	err := s.pool.QueryRow(ctx, `INSERT INTO imports (tenant_id, digest, name, updated_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (tenant_id, digest) DO UPDATE SET name = EXCLUDED.name
		RETURNING last_line, imported, rejected, done`, tenantID, digest, name, s.Now()).
		Scan(&st.LastLine, &st.Imported, &st.Rejected, &st.Done)
	if err != nil {
		return ImportState{}, fmt.Errorf("import state: %w", interpret(err))
	}
	return st, nil
}

// ImportBatch adds rows to the customer file as they are (no matching, no
// merging: `dedupe scan` proposes the duplicates afterwards) and moves the
// checkpoint to st, in one transaction, so a crash never imports a row
// twice or skips one.
func (s *Store) ImportBatch(ctx context.Context, tenantID, digest string, rows []ImportRow, st ImportState) error {
	now := s.Now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		t, err := tenant(ctx, tx, tenantID)
		if err != nil {
			return err
		}
		b := &pgx.Batch{}
		ids := make([]string, 0, len(rows))
		for _, r := range rows {
			in := matcher.NewIncoming(r.Customer, nil, t.Region)
			created := now
			if !r.CreatedAt.IsZero() {
				created = r.CreatedAt.UTC().Truncate(time.Microsecond)
			}
			p, _ := matcher.NewProfile(in, newProfileID(), created)
			ids = append(ids, p.ID)
			queueInsertProfile(b, t, p)
			queueContactPoints(b, tenantID, p, in.Contacts(), created, false) // new: no other points
		}
		if len(rows) > 0 {
			b.Queue(`INSERT INTO audit_events (tenant_id, at, actor, action, profile_ids, details)
				VALUES ($1, $2, 'import', 'imported', $3, $4)`, tenantID, now, ids,
				map[string]any{"digest": digest, "first_line": rows[0].Line, "last_line": rows[len(rows)-1].Line})
		}
		b.Queue(`UPDATE imports SET last_line = $3, imported = $4, rejected = $5, done = $6, updated_at = $7
			WHERE tenant_id = $1 AND digest = $2`, tenantID, digest, st.LastLine, st.Imported, st.Rejected, st.Done, now)
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return fmt.Errorf("import batch: %w", interpret(err))
	}
	return nil
}
