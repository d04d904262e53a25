// Package storetest gives tests a migrated PostgreSQL database of their own.
//
// Main, called from a package's TestMain, starts one throwaway server for
// the test binary and migrates a template database once; every MustOpen
// then copies the template (CREATE DATABASE … TEMPLATE), which takes
// milliseconds. It is for tests only.
package storetest

import (
	"context"
	"fmt"
	"os"
	"testing"

	"dedupe/internal/postgrestest"
	"dedupe/store"
)

const template = "dedupe_template"

var server *postgrestest.Server

// Main starts the server, migrates the template, runs the tests and exits.
// A server that cannot start fails the run: tests never skip silently.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	ctx := context.Background()
	var err error
	server, err = postgrestest.Start(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "storetest:", err)
		return 1
	}
	defer server.Close()
	if err := server.CreateDatabase(ctx, template, ""); err != nil {
		fmt.Fprintln(os.Stderr, "storetest:", err)
		return 1
	}
	s, err := store.Open(ctx, store.Config{URL: server.URL(template)})
	if err == nil {
		err = s.Migrate(ctx)
		s.Close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "storetest: migrate template:", err)
		return 1
	}
	return m.Run()
}

// Server returns the test binary's PostgreSQL server (to stop or restart it).
func Server() *postgrestest.Server { return server }

// MustURL creates a fresh migrated database and returns its URL.
func MustURL(tb testing.TB) string {
	tb.Helper()
	if server == nil {
		tb.Fatal("storetest: call storetest.Main from TestMain")
	}
	url, err := server.NewDatabase(context.Background(), template)
	if err != nil {
		tb.Fatal(err)
	}
	return url
}

// MustOpen opens a store on a fresh migrated database, closed at cleanup.
func MustOpen(tb testing.TB, cfg store.Config) *store.Store {
	tb.Helper()
	cfg.URL = MustURL(tb)
	s, err := store.Open(context.Background(), cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(s.Close)
	return s
}

// MustTenant creates a tenant.
func MustTenant(tb testing.TB, s *store.Store, slug, region string) store.Tenant {
	tb.Helper()
	t, err := s.CreateTenant(context.Background(), slug, region)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// MustEmptyURL creates a fresh database with no schema and returns its URL,
// for tests of the migrations themselves.
func MustEmptyURL(tb testing.TB) string {
	tb.Helper()
	if server == nil {
		tb.Fatal("storetest: call storetest.Main from TestMain")
	}
	url, err := server.NewDatabase(context.Background(), "")
	if err != nil {
		tb.Fatal(err)
	}
	return url
}
