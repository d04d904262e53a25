package main

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"dedupe/internal/postgrestest"
)

// TestFillWALPool: after fillWALPool, the server holds min_wal_size of WAL
// segments ahead of its write position, so the WAL crosses into segments
// that exist, and the table it wrote is gone.
func TestFillWALPool(t *testing.T) {
	ctx, conn := connectServer(t, postgrestest.Options{Settings: []string{"min_wal_size=128MB"}})

	ahead := func() int {
		t.Helper()
		var n int
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_ls_waldir()
			WHERE name ~ '^[0-9A-F]{24}$' AND name > pg_walfile_name(pg_current_wal_lsn())`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := ahead()
	files, err := fillWALPool(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	// 128 MB of 16 MB segments: 8 written and renamed ahead (one fewer
	// may be, the one the checkpoint's own record lands in).
	got := ahead()
	t.Logf("%d segments ahead before the fill, %d after; pg_wal holds %d", before, got, files)
	if got < 7 || got <= before {
		t.Errorf("%d segments ahead of the write position after the fill (%d before), want min_wal_size's 8", got, before)
	}
	if files < 8 {
		t.Errorf("fillWALPool says pg_wal holds %d segments, want at least 8", files)
	}
	var left bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass('bench_wal_pool') IS NOT NULL`).Scan(&left); err != nil || left {
		t.Errorf("the fill's table is still there (%v)", err)
	}
}

// connectServer starts a PostgreSQL server with opt, for the test, and
// connects to it as the superuser; both end with the test, or after two
// minutes.
func connectServer(t *testing.T, opt postgrestest.Options) (context.Context, *pgx.Conn) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	srv, err := postgrestest.StartWith(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	conn, err := pgx.Connect(ctx, srv.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return ctx, conn
}
