package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// A file of ten million profiles does not fit PostgreSQL's shared buffers,
// and right after it is filled, vacuumed and its model trained, the pages a
// booking touches at random (an index leaf for each blocking key it files)
// are on disk: each booking reads several, and the disk, not the code, sets
// the pace. A server that has run at this load for a while holds them in
// the operating system's cache, when its memory allows. prewarm reads them
// there before the large file's runs, so those runs measure that server;
// --prewarm=false measures the cold file.

// Prewarm is what was read into memory before the large file's runs.
type Prewarm struct {
	Relations int      `json:"relations"`
	MB        float64  `json:"mb"`
	Seconds   float64  `json:"seconds"`
	Skipped   []string `json:"skipped,omitempty"` // over the memory left
	BudgetMB  float64  `json:"budget_mb"`
}

// prewarmRelations reads every index of the database, then the heaps of
// the tables a booking reads by its matches (profiles, contact_points),
// into the operating system's cache (pg_prewarm's 'read' mode: shared
// buffers are left as they are). A relation that would take more than
// what is left of budget bytes is skipped.
func prewarmRelations(ctx context.Context, conn *pgx.Conn, budget int64) (Prewarm, error) {
	p := Prewarm{BudgetMB: float64(budget) / 1e6}
	start := time.Now()
	if _, err := conn.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS pg_prewarm`); err != nil {
		return p, err
	}
	rows, err := conn.Query(ctx, `SELECT c.oid::regclass::text, pg_relation_size(c.oid) FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND (c.relkind = 'i' OR c.relkind = 'r' AND c.relname IN ('profiles', 'contact_points'))
		ORDER BY c.relkind = 'r', pg_relation_size(c.oid) DESC`)
	if err != nil {
		return p, err
	}
	type relation struct {
		name string
		size int64
	}
	var rels []relation
	var r relation
	if _, err := pgx.ForEachRow(rows, []any{&r.name, &r.size}, func() error { rels = append(rels, r); return nil }); err != nil {
		return p, err
	}
	left := budget
	for _, r := range rels {
		if r.size > left {
			p.Skipped = append(p.Skipped, r.name)
			continue
		}
		if _, err := conn.Exec(ctx, `SELECT pg_prewarm($1::regclass, 'read')`, r.name); err != nil {
			return p, fmt.Errorf("prewarm %s: %w", r.name, err)
		}
		left -= r.size
		p.Relations++
		p.MB += float64(r.size) / 1e6
	}
	p.Seconds = time.Since(start).Seconds()
	return p, nil
}

// memAvailable is /proc/meminfo's MemAvailable, in bytes: what the
// operating system could give without swapping.
func memAvailable() (int64, error) { return meminfo("MemAvailable") }

// meminfo is one of /proc/meminfo's lines, in bytes.
func meminfo(field string) (int64, error) {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := parseKB(v)
			return kb * 1024, err
		}
	}
	return 0, fmt.Errorf("/proc/meminfo has no %s", field)
}

// parseKB reads a /proc value such as "   6338560 kB" (meminfo, smaps) as
// its number of kB.
func parseKB(v string) (int64, error) {
	return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
}

// sharedBuffers is the benchmark server's shared_buffers: a quarter of
// the machine's memory, in whole megabytes, and never under the 512 MB
// the benchmark ran with before (docs/performance.md, section 58).
func sharedBuffers() string {
	total, _ := meminfo("MemTotal") // 0 without /proc/meminfo: the floor
	return quarterOf(total)
}

// quarterOf is a quarter of total bytes as a PostgreSQL size, at least
// 512MB.
func quarterOf(total int64) string {
	return fmt.Sprintf("%dMB", max(total/4>>20, 512))
}
