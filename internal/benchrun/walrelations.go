package main

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// RelationPages is one table's or index's share of a run's full-page
// images.
type RelationPages struct {
	Relation   string  `json:"relation"`
	PerBooking float64 `json:"full_pages_per_booking"`
}

// relationCount is a relation and a count of its pages.
type relationCount struct {
	relation string
	pages    int64
}

// fullPagesByRelation counts the full-page images in the WAL between two
// positions by the relation whose page each holds (pg_walinspect), the
// most first, at most limit of them. After a checkpoint PostgreSQL writes a
// page whole the first time it changes, so on a large file the relations
// whose pages a booking changes at random (an index on a hash) lead.
// Reading the WAL costs a second or two a gigabyte; the caller reads it
// after the run it measures.
func fullPagesByRelation(ctx context.Context, conn *pgx.Conn, from, to string, limit int) ([]relationCount, error) {
	rows, err := conn.Query(ctx, `WITH fpw AS (
			SELECT (regexp_matches(block_ref, 'rel \d+/\d+/(\d+) fork main blk \d+ \(FPW', 'g'))[1]::oid AS node
			FROM pg_get_wal_records_info($1::pg_lsn, $2::pg_lsn) WHERE fpi_length > 0)
		SELECT coalesce(pg_filenode_relation(0, fpw.node)::text, 'relfilenode ' || fpw.node), count(*) FROM fpw
		GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $3`, from, to, limit)
	if err != nil {
		return nil, fmt.Errorf("full pages by relation: %w", err)
	}
	var out []relationCount
	var r relationCount
	if _, err := pgx.ForEachRow(rows, []any{&r.relation, &r.pages}, func() error {
		out = append(out, r)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("full pages by relation: %w", err)
	}
	return out, nil
}
