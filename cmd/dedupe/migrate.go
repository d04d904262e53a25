package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"dedupe/store"
)

// MigrateCommand applies the embedded schema migrations.
type MigrateCommand struct{ m *Main }

// Run runs `dedupe migrate`.
func (c *MigrateCommand) Run(ctx context.Context, args []string) error {
	cl := c.m.cmdline("migrate", "[--dry-run] [--citus [--citus-coordinator HOST:PORT] [--citus-workers HOST:PORT,...]]",
		`Apply the schema migrations embedded in the binary that the database lacks,
each in its own transaction. Safe to run twice; "dedupe all" does it at start-up.
With --citus, the database is a Citus coordinator: create the citus extension,
register the nodes, migrate, then distribute every table not yet distributed
by tenant_id (docs/scaling.md).`,
		"dedupe migrate --database-url postgres://dedupe@db/dedupe\nDATABASE_URL=postgres://dedupe@db/dedupe dedupe migrate --dry-run\n"+
			"dedupe migrate --citus --citus-coordinator citus-coordinator:5432 --citus-workers citus-worker-1:5432,citus-worker-2:5432")
	var dbURL, coordinator, workers string
	databaseURLFlag(cl, &dbURL)
	dry := cl.fs.Bool("dry-run", false, "print the SQL of the migrations not yet applied (and of the Citus set-up), and apply nothing")
	citus := cl.fs.Bool("citus", false, "the database is a Citus coordinator: also register the nodes and distribute the tables")
	cl.fs.StringVar(&coordinator, "citus-coordinator", "", "the coordinator as the workers reach it, `HOST:PORT` (with --citus)")
	cl.fs.StringVar(&workers, "citus-workers", "", "the worker nodes, `HOST:PORT,...` (with --citus); nodes already added stay")
	if _, err := cl.parse(args); err != nil {
		return err
	}
	cfg := store.CitusConfig{Coordinator: coordinator}
	for _, w := range strings.Split(workers, ",") {
		if w = strings.TrimSpace(w); w != "" {
			cfg.Workers = append(cfg.Workers, w)
		}
	}
	if !*citus && (coordinator != "" || workers != "") {
		return cl.fail(errors.New("--citus-coordinator and --citus-workers need --citus"))
	}
	if err := cfg.Validate(); err != nil {
		return cl.fail(err)
	}
	return c.m.withStore(ctx, dbURL, func(s *store.Store) error {
		switch {
		case !*dry && *citus:
			return s.MigrateCitus(ctx, cfg)
		case !*dry:
			applied, err := s.ApplyMigrations(ctx)
			if err != nil {
				return err
			}
			for _, m := range applied {
				fmt.Fprintf(c.m.Stdout, "applied %s\n", m.Name)
			}
			if len(applied) == 0 {
				fmt.Fprintln(c.m.Stdout, "the schema is up to date: nothing to apply")
			}
			return nil
		}
		pending, err := s.PendingMigrations(ctx)
		if err != nil {
			return err
		}
		if *citus {
			nodes, err := store.CitusNodeStatements(cfg)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.m.Stdout, "-- citus: the extension and the nodes\nCREATE EXTENSION IF NOT EXISTS citus;\n")
			for _, stmt := range nodes {
				fmt.Fprintf(c.m.Stdout, "%s;\n", stmt)
			}
		}
		if len(pending) == 0 {
			fmt.Fprintln(c.m.Stdout, "-- the schema is up to date")
		}
		for _, mig := range pending {
			fmt.Fprintf(c.m.Stdout, "-- %s\n%s\n", mig.Name, mig.SQL)
		}
		if !*citus {
			return nil
		}
		if len(pending) > 0 {
			fmt.Fprintln(c.m.Stdout, "-- citus: then every table the migrations leave, distributed by tenant_id (see docs/scaling.md)")
			return nil
		}
		plan, err := s.CitusPlan(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.m.Stdout, "-- citus: the tables not yet placed")
		if len(plan) == 0 {
			fmt.Fprintln(c.m.Stdout, "-- every table is placed")
		}
		for _, stmt := range plan {
			fmt.Fprintf(c.m.Stdout, "%s;\n", stmt)
		}
		return nil
	})
}

// withStore opens the store at url for an administration command, runs f
// and closes the store.
// withTenant is withStore for a command about one tenant, named by slug.
func (m *Main) withTenant(ctx context.Context, url, slug string, f func(*store.Store, store.Tenant) error) error {
	return m.withStore(ctx, url, func(s *store.Store) error {
		t, err := s.TenantBySlug(ctx, slug)
		if err != nil {
			return err
		}
		return f(s, t)
	})
}

func (m *Main) withStore(ctx context.Context, url string, f func(*store.Store) error) error {
	s, err := store.Open(ctx, store.Config{URL: url, MaxConns: 4})
	if err != nil {
		return err
	}
	defer s.Close()
	return f(s)
}
