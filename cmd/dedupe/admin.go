package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"dedupe/csvimport"
	"dedupe/store"
)

// listFlag collects a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// onOff is a flag that takes on/off (or true/false) and remembers whether
// it was given.
type onOff struct{ v *bool }

func (o *onOff) String() string {
	if o.v == nil {
		return ""
	}
	return map[bool]string{true: "on", false: "off"}[*o.v]
}

func (o *onOff) Set(s string) error {
	switch strings.ToLower(s) {
	case "on", "true", "yes", "1":
		b := true
		o.v = &b
	case "off", "false", "no", "0":
		b := false
		o.v = &b
	default:
		return fmt.Errorf("want on or off, not %q", s)
	}
	return nil
}

// tenantPolicy runs `tenant show` and `tenant policy`: both print the
// tenant with its policy as JSON; `policy` changes it first.
func (m *Main) tenantPolicy(ctx context.Context, cmd string, args []string) error {
	var slug, region string
	var threshold int
	var guard onOff
	var block, unblock listFlag
	return m.withStore(ctx, cmd, args, func(fs *flag.FlagSet) {
		fs.StringVar(&slug, "slug", "", "tenant slug (required)")
		if cmd == "tenant policy" {
			fs.StringVar(&region, "region", "", "default phone region, ISO 3166 alpha-2")
			fs.Var(&guard, "name-guard", "on: never update a profile whose first name differs; off: always update the first-created match")
			fs.IntVar(&threshold, "shared-threshold", 0, "a value held by more active profiles than this is not a match key")
			fs.Var(&block, "block", "a value never to use as a match key (email, number, or local@*); repeatable")
			fs.Var(&unblock, "unblock", "a value to remove from the blocked values; repeatable")
		}
	}, func(s *store.Store) error {
		if slug == "" {
			return errors.New(cmd + " needs --slug")
		}
		t, err := s.TenantBySlug(ctx, slug)
		if err != nil {
			return err
		}
		if cmd == "tenant policy" {
			c := store.PolicyChange{NameGuard: guard.v, Block: block, Unblock: unblock}
			if region != "" {
				c.Region = &region
			}
			if threshold != 0 {
				c.SharedThreshold = &threshold
			}
			if t, err = s.UpdatePolicy(ctx, t.ID, c); err != nil {
				return err
			}
		}
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(t)
	})
}

// importFile runs `import --tenant S FILE.csv`. Bad rows go to stderr with
// their line numbers; progress too.
func (m *Main) importFile(ctx context.Context, args []string) error {
	var slug string
	var batch int
	var fs *flag.FlagSet
	return m.withStore(ctx, "import", args, func(f *flag.FlagSet) {
		fs = f
		fs.StringVar(&slug, "tenant", "", "tenant slug (required)")
		fs.IntVar(&batch, "batch", 1000, "rows per transaction")
	}, func(s *store.Store) error {
		if slug == "" || fs.NArg() != 1 {
			return errors.New("usage: dedupe import --tenant S FILE.csv")
		}
		t, err := s.TenantBySlug(ctx, slug)
		if err != nil {
			return err
		}
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return err
		}
		defer f.Close()
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: t.ID, BatchSize: batch,
			Progress: m.Stderr, Rejects: m.Stderr}, fs.Arg(0), f)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "imported %d rows, rejected %d\n", rep.Imported, rep.Rejected)
		return nil
	})
}

// scan runs `scan --tenant S`.
func (m *Main) scan(ctx context.Context, args []string) error {
	var slug string
	return m.withStore(ctx, "scan", args, func(fs *flag.FlagSet) {
		fs.StringVar(&slug, "tenant", "", "tenant slug (required)")
	}, func(s *store.Store) error {
		if slug == "" {
			return errors.New("usage: dedupe scan --tenant S")
		}
		t, err := s.TenantBySlug(ctx, slug)
		if err != nil {
			return err
		}
		rep, err := s.Scan(ctx, t.ID, func(r store.ScanReport) {
			fmt.Fprintf(m.Stderr, "scan: %d exact groups, %d profiles compared, %d fuzzy candidates\n", r.ExactGroups, r.Profiles, r.Fuzzy)
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "exact groups %d, fuzzy candidates %d, profiles compared %d\n", rep.ExactGroups, rep.Fuzzy, rep.Profiles)
		return nil
	})
}

// tokens runs `token list` and `token revoke`.
func (m *Main) tokens(ctx context.Context, cmd string, args []string) error {
	var tenant, id, secret string
	return m.withStore(ctx, cmd, args, func(fs *flag.FlagSet) {
		if cmd == "token list" {
			fs.StringVar(&tenant, "tenant", "", "tenant slug (required)")
			return
		}
		fs.StringVar(&id, "id", "", "the token's id (from token list)")
		fs.StringVar(&secret, "token", "", "the token itself")
	}, func(s *store.Store) error {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		if cmd == "token list" {
			if tenant == "" {
				return errors.New("usage: dedupe token list --tenant S")
			}
			if _, err := s.TenantBySlug(ctx, tenant); err != nil {
				return err
			}
			list, err := s.Tokens(ctx, tenant)
			if err != nil {
				return err
			}
			return enc.Encode(list)
		}
		if (id == "") == (secret == "") {
			return errors.New("usage: dedupe token revoke --id ID | --token SECRET")
		}
		ti, err := s.RevokeToken(ctx, cmp.Or(id, secret))
		if errors.Is(err, store.ErrNotFound) {
			return errors.New("no such token")
		}
		if err != nil {
			return err
		}
		return enc.Encode(ti)
	})
}
