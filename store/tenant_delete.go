package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
)

// DeleteTenant deletes a tenant and every row it owns, in one transaction:
// load tests and benchmarks clean up after themselves with it. A tenant
// that does not exist answers ErrNotFound.
//
// The tables come from the catalog, not from a list kept here: every table
// of the schema with a tenant_id column, children before the tables their
// foreign keys reference, then the tenant itself. So a table a later
// migration adds (review and audit tables above all) is covered without
// editing this file. The tenant row is locked first, so an ingestion that
// commits meanwhile is either deleted too or fails its foreign key check
// and is retried against a missing tenant.
func (s *Store) DeleteTenant(ctx context.Context, id string) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var found string
		if err := tx.QueryRow(ctx, `SELECT id FROM tenants WHERE id = $1 FOR UPDATE`, id).Scan(&found); err != nil {
			return err
		}
		tables, err := tenantTables(ctx, tx)
		if err != nil {
			return err
		}
		b := &pgx.Batch{}
		for _, t := range tables {
			b.Queue(`DELETE FROM `+pgx.Identifier{t}.Sanitize()+` WHERE tenant_id = $1`, id)
		}
		b.Queue(`DELETE FROM tenants WHERE id = $1`, id)
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return fmt.Errorf("delete tenant: %w", interpret(err))
	}
	if s.tokens != nil {
		s.tokens.invalidate() // its tokens are gone; the trigger tells the other processes
	}
	return nil
}

// tenantTablesSQL lists the ordinary and partitioned tables of the current
// schema that have a tenant_id column (partitions are reached through
// their parent), and tenantEdgesSQL the foreign keys between tables of the
// schema, as (referencing, referenced).
const (
	tenantTablesSQL = `SELECT c.relname FROM pg_class c
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
		ORDER BY c.relname`
	tenantEdgesSQL = `SELECT ch.relname, pa.relname FROM pg_constraint k
		JOIN pg_class ch ON ch.oid = k.conrelid
		JOIN pg_class pa ON pa.oid = k.confrelid
		WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace AND k.conrelid <> k.confrelid`
)

// tenantTables returns the tables holding tenant rows in an order safe to
// delete from: every table before the tables it references.
func tenantTables(ctx context.Context, q pgx.Tx) ([]string, error) {
	rows, _ := q.Query(ctx, tenantTablesSQL)
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("list tenant tables: %w", err)
	}
	// referencedBy[t] lists the tables whose foreign keys point at t.
	referencedBy := map[string][]string{}
	rows, _ = q.Query(ctx, tenantEdgesSQL)
	var child, parent string
	if _, err := pgx.ForEachRow(rows, []any{&child, &parent}, func() error {
		referencedBy[parent] = append(referencedBy[parent], child)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("list foreign keys: %w", err)
	}
	return deleteOrder(tables, referencedBy)
}

// deleteOrder orders tables so that each comes after every table that
// references it through referencedBy (a depth-first topological sort).
// Tables outside the list (tenants itself) are left out. A cycle of
// foreign keys is an error: its rows cannot be deleted one table at a time.
func deleteOrder(tables []string, referencedBy map[string][]string) ([]string, error) {
	const (
		visiting = 1
		done     = 2
	)
	state := map[string]int{}
	var out []string
	var visit func(t string, path []string) error
	visit = func(t string, path []string) error {
		switch state[t] {
		case done:
			return nil
		case visiting:
			return fmt.Errorf("foreign keys form a cycle: %v", append(path, t))
		}
		state[t] = visiting
		for _, c := range referencedBy[t] {
			if !slices.Contains(tables, c) {
				continue
			}
			if err := visit(c, append(path, t)); err != nil {
				return err
			}
		}
		state[t] = done
		out = append(out, t)
		return nil
	}
	for _, t := range tables {
		if err := visit(t, nil); err != nil {
			return nil, err
		}
	}
	return out, nil
}
