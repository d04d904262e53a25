package main

import (
	"testing"

	"dedupe/internal/postgrestest"
)

// TestFullPagesByRelation: after a checkpoint, the first change to each
// page of a table and of its index is a full-page image, and
// fullPagesByRelation names both, the relation with the more pages first;
// a change to pages already written whole since adds none.
func TestFullPagesByRelation(t *testing.T) {
	ctx, conn := connectServer(t, postgrestest.Options{Durable: true})
	exec := func(sql string) {
		t.Helper()
		if _, err := conn.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	lsn := func() string {
		t.Helper()
		var s string
		if err := conn.QueryRow(ctx, `SELECT pg_current_wal_flush_lsn()::text`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	exec(`CREATE EXTENSION pg_walinspect`)
	// 20,000 rows fill about 90 heap pages and 55 index pages.
	exec(`CREATE TABLE walrel (id int PRIMARY KEY, v int)`)
	exec(`INSERT INTO walrel SELECT i, 0 FROM generate_series(1, 20000) AS i`)
	exec(`CHECKPOINT`)

	from := lsn()
	exec(`UPDATE walrel SET v = 1`) // every heap page, and new index entries
	mid := lsn()
	exec(`UPDATE walrel SET v = 2 WHERE id <= 100`) // pages already written whole
	to := lsn()

	got, err := fullPagesByRelation(ctx, conn, from, mid, 10)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("after the checkpoint: %v", got)
	pages := map[string]int64{}
	for _, r := range got {
		pages[r.relation] = r.pages
	}
	if pages["walrel"] < 80 || pages["walrel_pkey"] < 20 {
		t.Errorf("full pages %v, want at least 80 of walrel (its heap) and 20 of walrel_pkey", got)
	}
	if len(got) < 2 || got[0].relation != "walrel" {
		t.Errorf("full pages %v, want walrel first, with the most", got)
	}
	again, err := fullPagesByRelation(ctx, conn, mid, to, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range again {
		if r.relation == "walrel" || r.relation == "walrel_pkey" {
			t.Errorf("the second update wrote %d full pages of %s, whose pages were written whole since the checkpoint", r.pages, r.relation)
		}
	}
	if got, err := fullPagesByRelation(ctx, conn, from, mid, 1); err != nil || len(got) != 1 {
		t.Errorf("limit 1: %v (%v), want one relation", got, err)
	}
}
