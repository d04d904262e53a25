package main

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// fillWALPool gives a newly created server the WAL segments that a server
// which has already run at this load keeps for reuse, and returns how many
// segment files pg_wal then holds.
//
// When the WAL crosses into a segment that does not exist yet, PostgreSQL
// creates the 16 MB file (zero-filled and synced) inside the commit that
// crosses, holding the WAL write lock: every commit of the moment waits.
// On the development VM that is 30–150 ms every 3 seconds at 480 bookings
// a second (docs/performance.md, section 31). A server that has run keeps
// its used segments and renames them ahead at each checkpoint, as many as
// min_wal_size allows (deploy/postgres-small.conf), so its commits never
// wait for one. A new server has none until its first checkpoints: the
// benchmark's would measure that start instead of the service. So it
// writes min_wal_size of segments (a switch to a new segment after each
// small write), then checkpoints, and the checkpoint renames them ahead.
func fillWALPool(ctx context.Context, conn *pgx.Conn) (int, error) {
	var segment, pool int64
	if err := conn.QueryRow(ctx, `SELECT
		    (SELECT setting::bigint FROM pg_settings WHERE name = 'wal_segment_size'),
		    (SELECT setting::bigint * 1024 * 1024 FROM pg_settings WHERE name = 'min_wal_size')`).
		Scan(&segment, &pool); err != nil {
		return 0, fmt.Errorf("read the WAL settings: %w", err)
	}
	if _, err := conn.Exec(ctx, `CREATE TABLE bench_wal_pool (n int)`); err != nil {
		return 0, fmt.Errorf("fill the WAL pool: %w", err)
	}
	for i := range pool / segment {
		if _, err := conn.Exec(ctx, `INSERT INTO bench_wal_pool VALUES ($1)`, i); err != nil {
			return 0, fmt.Errorf("fill the WAL pool: %w", err)
		}
		if _, err := conn.Exec(ctx, `SELECT pg_switch_wal()`); err != nil {
			return 0, fmt.Errorf("fill the WAL pool: %w", err)
		}
	}
	if _, err := conn.Exec(ctx, `DROP TABLE bench_wal_pool`); err != nil {
		return 0, fmt.Errorf("fill the WAL pool: %w", err)
	}
	if _, err := conn.Exec(ctx, `CHECKPOINT`); err != nil {
		return 0, fmt.Errorf("fill the WAL pool: checkpoint: %w", err)
	}
	var files int
	err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$'`).Scan(&files)
	return files, err
}
