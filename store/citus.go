package store

import (
	"context"
	"fmt"
	"maps"
	"net"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// The schema on a Citus cluster (docs/scaling.md). Every table is
// distributed by tenant_id and colocated with profiles, so that a tenant's
// rows live together on one node and every transaction of dedupe, which
// touches one tenant, runs on that node. The tables that cannot be keyed by
// tenant are listed in citusExceptions, each with the reason;
// TestCitusSchemaRules holds the migrated schema to these rules, so a later
// migration cannot break them unnoticed.

// CitusPlacement says where a table lives on a Citus cluster.
type CitusPlacement string

// The placements of a table on a Citus cluster.
const (
	// CitusDistributed: hash-distributed by tenant_id, colocated with
	// profiles. Every table not listed in CitusExceptions.
	CitusDistributed CitusPlacement = "distributed"
	// CitusReference: one copy on every node (create_reference_table).
	CitusReference CitusPlacement = "reference"
	// CitusCoordinator: on the coordinator alone, in Citus's metadata
	// (citus_add_local_table_to_metadata), so it may reference reference
	// tables and keep its triggers.
	CitusCoordinator CitusPlacement = "coordinator"
	// CitusPlain: a plain table of the coordinator, unknown to Citus.
	CitusPlain CitusPlacement = "plain"
)

// citusExceptions are the tables that are not distributed by tenant_id.
var citusExceptions = map[string]CitusPlacement{
	// tenants is keyed by id, which is the tenant id itself; every table
	// references it, every ingest reads it, and its slug is unique across
	// tenants (a distributed table cannot enforce that).
	"tenants": CitusReference,
	// api_tokens is looked up by the hash of the secret before the tenant
	// is known, and its trigger notifies the API processes of revocations
	// (migration 0005), which LISTEN on the coordinator: Citus refuses
	// triggers on reference tables and runs those of distributed tables on
	// the workers, so it stays on the coordinator.
	"api_tokens": CitusCoordinator,
	// schema_migrations is the migrator's bookkeeping, read and written by
	// `dedupe migrate` alone, on the coordinator.
	"schema_migrations": CitusPlain,
}

// citusAnchor is the table every distributed table is colocated with.
const citusAnchor = "profiles"

// CitusExceptions returns the tables that are not distributed by tenant_id
// and where each lives instead.
func CitusExceptions() map[string]CitusPlacement { return maps.Clone(citusExceptions) }

// CitusConfig names the nodes of a Citus cluster, for MigrateCitus.
type CitusConfig struct {
	// Coordinator is host:port at which the workers reach the coordinator;
	// empty leaves what is registered (Citus local tables need it set).
	Coordinator string
	// Workers are the worker nodes, host:port each; a node already added
	// stays as it is.
	Workers []string
}

// Validate checks that every node is host:port.
func (c CitusConfig) Validate() error {
	nodes := slices.Clone(c.Workers)
	if c.Coordinator != "" {
		nodes = append(nodes, c.Coordinator)
	}
	for _, n := range nodes {
		if _, _, err := splitNode(n); err != nil {
			return err
		}
	}
	return nil
}

func splitNode(node string) (string, int, error) {
	host, p, err := net.SplitHostPort(node)
	port, perr := strconv.Atoi(p)
	if err != nil || perr != nil || host == "" || port < 1 || port > 65535 {
		return "", 0, fmt.Errorf("citus node %q is not host:port", node)
	}
	return host, port, nil
}

// nodeStatements are the statements that register the cluster's nodes:
// the coordinator first (Citus local tables live on it), then each worker
// not yet registered.
func (c CitusConfig) nodeStatements() ([]string, error) {
	var out []string
	if c.Coordinator != "" {
		host, port, err := splitNode(c.Coordinator)
		if err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf(`SELECT citus_set_coordinator_host(%s, %d)`, literal(host), port))
	}
	for _, w := range c.Workers {
		host, port, err := splitNode(w)
		if err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf(`SELECT citus_add_node(%[1]s, %[2]d)
	WHERE NOT EXISTS (SELECT 1 FROM pg_dist_node WHERE nodename = %[1]s AND nodeport = %[2]d)`, literal(host), port))
	}
	return out, nil
}

// literal quotes s as an SQL string literal.
func literal(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// MigrateCitus prepares a Citus coordinator and applies the migrations:
// it creates the citus extension, registers the nodes of cfg, applies the
// migrations the database lacks, then places every table not yet placed
// (CitusPlan). It holds Migrate's lock throughout and is safe to run again,
// after a later migration created a table for instance.
func (s *Store) MigrateCitus(ctx context.Context, cfg CitusConfig) error {
	nodes, err := cfg.nodeStatements()
	if err != nil {
		return err
	}
	return s.withMigrateLock(ctx, func(conn *pgx.Conn) error {
		for _, stmt := range append([]string{`CREATE EXTENSION IF NOT EXISTS citus`}, nodes...) {
			if _, err := conn.Exec(ctx, stmt); err != nil {
				return fmt.Errorf("citus: %s: %w", firstLine(stmt), interpret(err))
			}
		}
		if _, err := applyMigrations(ctx, conn, true); err != nil {
			return err
		}
		// One table at a time, reading the metadata again before each: a
		// reference table's creation may already have placed a table that
		// references it.
		for {
			plan, err := citusPlan(ctx, conn)
			if err != nil || len(plan) == 0 {
				return err
			}
			if _, err := conn.Exec(ctx, plan[0]); err != nil {
				return fmt.Errorf("citus: %s: %w", plan[0], interpret(err))
			}
		}
	})
}

// CitusPlan returns the statements that would place every table of the
// schema as it is now on a Citus cluster, skipping the tables already in
// Citus's metadata: the reference tables, the coordinator's tables, then
// every other table distributed by tenant_id, colocated with profiles, each
// after the tables its foreign keys reference. On a database without Citus
// it is the whole plan. A table with no tenant_id that is not a listed
// exception is an error.
func (s *Store) CitusPlan(ctx context.Context) ([]string, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, interpret(err)
	}
	defer conn.Release()
	return citusPlan(ctx, conn.Conn())
}

// CitusNodeStatements returns the statements MigrateCitus runs to register
// the nodes of cfg, for `migrate --citus --dry-run`.
func CitusNodeStatements(cfg CitusConfig) ([]string, error) { return cfg.nodeStatements() }

const (
	citusTablesSQL = `SELECT c.relname, EXISTS (SELECT 1 FROM pg_attribute a
			WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
		FROM pg_class c
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition`
	citusPlacedSQL = `SELECT c.relname FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid
		WHERE c.relnamespace = current_schema()::regnamespace`
)

func citusPlan(ctx context.Context, conn *pgx.Conn) ([]string, error) {
	rows, _ := conn.Query(ctx, citusTablesSQL)
	hasTenant := map[string]bool{}
	var name string
	var has bool
	if _, err := pgx.ForEachRow(rows, []any{&name, &has}, func() error {
		hasTenant[name] = has
		return nil
	}); err != nil {
		return nil, fmt.Errorf("citus plan: list tables: %w", err)
	}
	parents := map[string][]string{}
	rows, _ = conn.Query(ctx, tenantEdgesSQL)
	var child, parent string
	if _, err := pgx.ForEachRow(rows, []any{&child, &parent}, func() error {
		parents[child] = append(parents[child], parent)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("citus plan: list foreign keys: %w", err)
	}
	placed := map[string]bool{}
	var citus bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL`).Scan(&citus); err != nil {
		return nil, fmt.Errorf("citus plan: %w", err)
	}
	if citus {
		rows, _ := conn.Query(ctx, citusPlacedSQL)
		if _, err := pgx.ForEachRow(rows, []any{&name}, func() error {
			placed[name] = true
			return nil
		}); err != nil {
			return nil, fmt.Errorf("citus plan: read metadata: %w", err)
		}
	}
	return planCitus(hasTenant, parents, placed)
}

// planCitus orders the placement of the tables (name → has a tenant_id
// column) whose foreign keys reference parents, leaving out those placed.
func planCitus(hasTenant map[string]bool, parents map[string][]string, placed map[string]bool) ([]string, error) {
	var out []string
	for _, kind := range []CitusPlacement{CitusReference, CitusCoordinator} {
		for _, t := range slices.Sorted(maps.Keys(citusExceptions)) {
			if citusExceptions[t] != kind {
				continue
			}
			if _, ok := hasTenant[t]; !ok || placed[t] {
				continue
			}
			if kind == CitusReference {
				out = append(out, fmt.Sprintf(`SELECT create_reference_table(%s)`, literal(t)))
			} else {
				out = append(out, fmt.Sprintf(`SELECT citus_add_local_table_to_metadata(%s)`, literal(t)))
			}
		}
	}
	var distributed []string
	for _, t := range slices.Sorted(maps.Keys(hasTenant)) {
		if _, ok := citusExceptions[t]; ok {
			continue
		}
		if !hasTenant[t] {
			return nil, fmt.Errorf("citus plan: table %s has no tenant_id: key it by tenant, or name it in store.citusExceptions (docs/scaling.md)", t)
		}
		distributed = append(distributed, t)
	}
	// Parents first: profiles, then the others by name, each after the
	// distributed tables its foreign keys reference.
	for _, p := range parents[citusAnchor] {
		if slices.Contains(distributed, p) {
			return nil, fmt.Errorf("citus plan: %s, which the other tables are colocated with, references %s", citusAnchor, p)
		}
	}
	var order []string
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(t string) error
	visit = func(t string) error {
		switch state[t] {
		case 1:
			return fmt.Errorf("citus plan: foreign keys form a cycle through %s", t)
		case 2:
			return nil
		}
		state[t] = 1
		for _, p := range slices.Sorted(slices.Values(parents[t])) {
			if slices.Contains(distributed, p) {
				if err := visit(p); err != nil {
					return err
				}
			}
		}
		state[t] = 2
		order = append(order, t)
		return nil
	}
	for _, t := range append([]string{citusAnchor}, distributed...) {
		if !slices.Contains(distributed, t) {
			continue
		}
		if err := visit(t); err != nil {
			return nil, err
		}
	}
	for _, t := range order {
		switch {
		case placed[t]:
		case t == citusAnchor:
			out = append(out, fmt.Sprintf(`SELECT create_distributed_table(%s, 'tenant_id')`, literal(t)))
		default:
			out = append(out, fmt.Sprintf(`SELECT create_distributed_table(%s, 'tenant_id', colocate_with => %s)`,
				literal(t), literal(citusAnchor)))
		}
	}
	return out, nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
