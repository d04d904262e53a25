package main

import (
	"context"
	"fmt"

	"dedupe/store"
)

// MigrateCommand applies the embedded schema migrations.
type MigrateCommand struct{ m *Main }

// Run runs `dedupe migrate`.
func (c *MigrateCommand) Run(ctx context.Context, args []string) error {
	cl := c.m.cmdline("migrate", "[--dry-run]",
		`Apply the schema migrations embedded in the binary that the database lacks,
each in its own transaction. Safe to run twice; "dedupe all" does it at start-up.`,
		"dedupe migrate --database-url postgres://dedupe@db/dedupe\nDATABASE_URL=postgres://dedupe@db/dedupe dedupe migrate --dry-run")
	var dbURL string
	databaseURLFlag(cl, &dbURL)
	dry := cl.fs.Bool("dry-run", false, "print the SQL of the migrations not yet applied, and apply nothing")
	if _, err := cl.parse(args); err != nil {
		return err
	}
	return c.m.withStore(ctx, dbURL, func(s *store.Store) error {
		if !*dry {
			return s.Migrate(ctx)
		}
		pending, err := s.PendingMigrations(ctx)
		if err != nil {
			return err
		}
		if len(pending) == 0 {
			fmt.Fprintln(c.m.Stdout, "-- the schema is up to date")
		}
		for _, mig := range pending {
			fmt.Fprintf(c.m.Stdout, "-- %s\n%s\n", mig.Name, mig.SQL)
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
