package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5/pgxpool"

	"dedupe/internal/storetest"
	"dedupe/store"
)

// citusAllowList are the tables that are not distributed by tenant_id, and
// where each lives on Citus instead (docs/scaling.md). It repeats
// store.CitusExceptions on purpose: widening either alone fails the test.
var citusAllowList = map[string]store.CitusPlacement{
	// The tenants themselves: keyed by id, the tenant id; referenced by
	// every table; slug unique across tenants. Copied to every node.
	"tenants": store.CitusReference,
	// Found by the token's hash before the tenant is known; its trigger
	// notifies the API processes, which listen on the coordinator.
	"api_tokens": store.CitusCoordinator,
	// The migrator's bookkeeping, on the coordinator, unknown to Citus.
	"schema_migrations": store.CitusPlain,
}

// TestCitusSchemaRules checks the migrated schema against the rules that
// let Citus distribute every table by tenant_id (docs/scaling.md), from
// the catalog, so that a later migration cannot break them unnoticed.
func TestCitusSchemaRules(t *testing.T) {
	if diff := cmp.Diff(citusAllowList, store.CitusExceptions()); diff != "" {
		t.Errorf("store.CitusExceptions differs from the test's allow-list (-test +store):\n%s", diff)
	}
	s := storetest.MustOpen(t, store.Config{})
	for _, v := range citusViolations(t, s.Pool()) {
		t.Error(v)
	}
}

// TestCitusSchemaRulesCatchBreaks adds to a migrated schema one object that
// breaks each rule, and checks that each is reported.
func TestCitusSchemaRulesCatchBreaks(t *testing.T) {
	s := storetest.MustOpen(t, store.Config{})
	for _, stmt := range []string{
		`CREATE TABLE no_tenant (id uuid PRIMARY KEY)`,
		`CREATE TABLE nullable_tenant (tenant_id uuid, id uuid PRIMARY KEY)`,
		`CREATE TABLE text_tenant (tenant_id text NOT NULL, id uuid, PRIMARY KEY (tenant_id, id))`,
		`CREATE TABLE bad_keys (tenant_id uuid NOT NULL, id uuid NOT NULL, code text NOT NULL, profile_id uuid,
			PRIMARY KEY (tenant_id, id), UNIQUE (code), UNIQUE (id),
			FOREIGN KEY (profile_id, tenant_id) REFERENCES profiles (tenant_id, id))`,
		`CREATE UNIQUE INDEX bad_keys_lower ON bad_keys (lower(code), tenant_id)`,
		`CREATE TABLE bad_ref (tenant_id uuid NOT NULL, id uuid NOT NULL, profile_id uuid NOT NULL,
			serial_no integer GENERATED ALWAYS AS IDENTITY, PRIMARY KEY (tenant_id, id),
			FOREIGN KEY (profile_id) REFERENCES bad_keys (id),
			FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE SET NULL)`,
		`ALTER TABLE tenants ADD COLUMN owner_profile uuid, ADD COLUMN owner_tenant uuid,
			ADD FOREIGN KEY (owner_tenant, owner_profile) REFERENCES profiles (tenant_id, id)`,
		`CREATE TRIGGER profiles_notify AFTER UPDATE ON profiles FOR EACH STATEMENT EXECUTE FUNCTION notify_api_tokens()`,
	} {
		if _, err := s.Pool().Exec(context.Background(), stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	got := citusViolations(t, s.Pool())
	for _, want := range []string{
		"table no_tenant has no tenant_id",
		"table nullable_tenant: tenant_id may be NULL",
		"table text_tenant: tenant_id is text, not uuid",
		"nullable_tenant: PRIMARY KEY nullable_tenant_pkey does not start with tenant_id",
		"bad_keys: UNIQUE bad_keys_code_key does not start with tenant_id",
		"bad_keys: unique index bad_keys_lower does not start with tenant_id",
		"bad_keys: foreign key bad_keys_profile_id_tenant_id_fkey does not hold tenant_id at the same place on both sides",
		"bad_ref: foreign key bad_ref_profile_id_fkey does not include tenant_id on both sides",
		"bad_ref: identity column serial_no is integer, not bigint",
		"bad_ref: foreign key bad_ref_tenant_id_fkey sets or cascades tenant_id",
		"tenants: foreign key tenants_owner_tenant_owner_profile_fkey references distributed table profiles from a reference table",
		"profiles: trigger profiles_notify on a distributed table",
	} {
		if !slices.ContainsFunc(got, func(v string) bool { return strings.Contains(v, want) }) {
			t.Errorf("no violation says %q; got:\n%s", want, strings.Join(got, "\n"))
		}
	}
	// The plan refuses a table it cannot place.
	if _, err := s.CitusPlan(context.Background()); err == nil || !strings.Contains(err.Error(), "no_tenant has no tenant_id") {
		t.Errorf("CitusPlan with a table without tenant_id = %v, want an error naming it", err)
	}
}

// TestCitusPlan checks the statements that place the migrated schema on
// Citus: every table exactly once, the exceptions as listed, every other
// table distributed by tenant_id and colocated with profiles, each after
// the tables its foreign keys reference.
func TestCitusPlan(t *testing.T) {
	ctx := context.Background()
	s := storetest.MustOpen(t, store.Config{})
	plan, err := s.CitusPlan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	at := map[string]int{}
	for i, stmt := range plan {
		var table, how string
		switch {
		case strings.HasPrefix(stmt, "SELECT create_reference_table('"):
			how = string(store.CitusReference)
		case strings.HasPrefix(stmt, "SELECT citus_add_local_table_to_metadata('"):
			how = string(store.CitusCoordinator)
		case strings.HasPrefix(stmt, "SELECT create_distributed_table('profiles', 'tenant_id')"):
			how = string(store.CitusDistributed)
		case strings.HasPrefix(stmt, "SELECT create_distributed_table('") &&
			strings.HasSuffix(stmt, ", 'tenant_id', colocate_with => 'profiles')"):
			how = string(store.CitusDistributed)
		default:
			t.Fatalf("unexpected statement %q", stmt)
		}
		table, _, _ = strings.Cut(stmt[strings.Index(stmt, "('")+2:], "'")
		if _, dup := at[table]; dup {
			t.Errorf("%s placed twice", table)
		}
		at[table] = i
		if want := placementOf(table); how != string(want) {
			t.Errorf("%s placed as %s, want %s", table, how, want)
		}
	}
	rows, _ := s.Pool().Query(ctx, `SELECT relname FROM pg_class
		WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition`)
	var table string
	var tables []string
	for rows.Next() {
		if err := rows.Scan(&table); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, table)
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	for _, table := range tables {
		if _, ok := at[table]; !ok && placementOf(table) != store.CitusPlain {
			t.Errorf("table %s is not placed by the plan", table)
		}
	}
	if at["profiles"] >= at["contact_points"] || at["webhooks"] >= at["webhook_pending"] || at["tenants"] >= at["profiles"] {
		t.Errorf("plan does not place referenced tables first:\n%s", strings.Join(plan, "\n"))
	}
	// Every foreign key's referenced table comes first.
	rows, _ = s.Pool().Query(ctx, `SELECT ch.relname, pa.relname FROM pg_constraint k
		JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid
		WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace AND k.conrelid <> k.confrelid`)
	var child, parent string
	for rows.Next() {
		if err := rows.Scan(&child, &parent); err != nil {
			t.Fatal(err)
		}
		if at[parent] > at[child] {
			t.Errorf("%s is placed before %s, which it references", child, parent)
		}
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
}

func placementOf(table string) store.CitusPlacement {
	if p, ok := citusAllowList[table]; ok {
		return p
	}
	return store.CitusDistributed
}

// citusViolations reads the catalog of the database behind pool and
// returns every break of the rules, one sentence each.
func citusViolations(t *testing.T, pool *pgxpool.Pool) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	query := func(sql string, scan func(cols ...any) string, cols ...any) {
		t.Helper()
		rows, err := pool.Query(ctx, sql)
		if err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := rows.Scan(cols...); err != nil {
				t.Fatal(err)
			}
			if v := scan(cols...); v != "" {
				out = append(out, v)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	var table, name, kind, typ, other string
	var notNull, leads bool

	// 1. Every table has tenant_id uuid NOT NULL, or is allowed not to.
	query(`SELECT c.relname, coalesce(format_type(a.atttypid, a.atttypmod), ''), coalesce(a.attnotnull, false)
		FROM pg_class c LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
		func(...any) string {
			switch _, allowed := citusAllowList[table]; {
			case allowed:
				return ""
			case typ == "":
				return fmt.Sprintf("table %s has no tenant_id: key it by tenant, or allow it in citusAllowList with its placement", table)
			case typ != "uuid":
				return fmt.Sprintf("table %s: tenant_id is %s, not uuid (colocation needs one type)", table, typ)
			case !notNull:
				return fmt.Sprintf("table %s: tenant_id may be NULL (a row must have a node)", table)
			}
			return ""
		}, &table, &typ, &notNull)

	// 2. Every primary key, unique constraint and unique index of a
	// distributed table starts with tenant_id (Citus enforces uniqueness
	// per shard only; a key led by the tenant is unique within one).
	query(`SELECT c.relname, i.relname,
			coalesce((SELECT k.contype::text FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = c.oid), 'i'),
			coalesce(x.indkey[0] = (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id'), false)
		FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND x.indisunique`,
		func(...any) string {
			if _, allowed := citusAllowList[table]; allowed || leads {
				return ""
			}
			what := map[string]string{"p": "PRIMARY KEY", "u": "UNIQUE", "x": "exclusion constraint", "i": "unique index"}[kind]
			return fmt.Sprintf("%s: %s %s does not start with tenant_id", table, what, name)
		}, &table, &name, &kind, &leads)

	// 3. Foreign keys: between distributed tables, tenant_id on both sides,
	// at the same place; from a distributed table to a reference table, the
	// child's tenant_id among the columns; never from a reference or a
	// coordinator table to a distributed one, nor from a plain table at all.
	// No SET NULL, SET DEFAULT or ON UPDATE CASCADE touching tenant_id.
	var childAt, parentAt int
	query(`SELECT ch.relname, k.conname, pa.relname,
			coalesce(array_position(k.conkey, (SELECT a.attnum FROM pg_attribute a
				WHERE a.attrelid = ch.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)), -1),
			coalesce(array_position(k.confkey, (SELECT a.attnum FROM pg_attribute a
				WHERE a.attrelid = pa.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)), -1),
			k.confdeltype::text || k.confupdtype::text
		FROM pg_constraint k JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid
		WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace`,
		func(...any) string {
			from, to := placementOf(table), placementOf(other)
			switch {
			case from == store.CitusPlain || to == store.CitusPlain:
				return fmt.Sprintf("%s: foreign key %s between a plain table and %s (Citus cannot enforce it)", table, name, other)
			case from != store.CitusDistributed && to == store.CitusDistributed:
				return fmt.Sprintf("%s: foreign key %s references distributed table %s from a %s table", table, name, other, from)
			case from == store.CitusDistributed && to == store.CitusDistributed && (childAt < 0 || parentAt < 0):
				return fmt.Sprintf("%s: foreign key %s does not include tenant_id on both sides", table, name)
			case from == store.CitusDistributed && to == store.CitusDistributed && childAt != parentAt:
				return fmt.Sprintf("%s: foreign key %s does not hold tenant_id at the same place on both sides", table, name)
			case from == store.CitusDistributed && childAt < 0:
				return fmt.Sprintf("%s: foreign key %s to %s does not include tenant_id", table, name, other)
			case from == store.CitusDistributed && (strings.ContainsAny(kind[:1], "nd") || strings.ContainsAny(kind[1:], "ndc")):
				return fmt.Sprintf("%s: foreign key %s sets or cascades tenant_id (actions %s), which Citus refuses", table, name, kind)
			}
			return ""
		}, &table, &name, &other, &childAt, &parentAt, &kind)

	// 4. No trigger on a distributed or reference table: Citus refuses
	// them (or runs them on the workers); coordinator tables keep theirs.
	// The one exception is listed: a trigger that writes only the same
	// tenant's rows of a colocated table, which Citus runs on the shard's
	// node with citus.enable_unsafe_triggers (docs/scaling.md).
	sameTenantTriggers := map[string]bool{
		"profiles.profiles_fuzzy_keys": true, // the blocking keys of the profile, in fuzzy_keys
	}
	query(`SELECT c.relname, g.tgname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
		WHERE c.relnamespace = current_schema()::regnamespace AND NOT g.tgisinternal`,
		func(...any) string {
			if sameTenantTriggers[table+"."+name] {
				return ""
			}
			if p := placementOf(table); p == store.CitusDistributed || p == store.CitusReference {
				return fmt.Sprintf("%s: trigger %s on a %s table", table, name, p)
			}
			return ""
		}, &table, &name)

	// 5. Identity and sequence-backed columns of distributed tables are
	// bigint: Citus gives each node its own range of a bigint sequence and
	// refuses smaller identity columns.
	query(`SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
		FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
		LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
			AND (a.attidentity <> '' OR pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%')`,
		func(...any) string {
			if placementOf(table) == store.CitusDistributed && typ != "bigint" {
				return fmt.Sprintf("%s: identity column %s is %s, not bigint", table, name, typ)
			}
			return ""
		}, &table, &name, &typ)
	return out
}
