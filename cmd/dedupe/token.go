package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"dedupe/store"
)

// TokenCreateCommand creates an API token and prints it alone on stdout:
// it is shown once, and only its hash is stored.
type TokenCreateCommand struct{ m *Main }

// Run runs `dedupe token create`.
func (c *TokenCreateCommand) Run(ctx context.Context, args []string) error {
	cl := c.m.cmdline("token create", "--tenant SLUG --scopes SCOPE,... [--label LABEL]",
		`Create an API token for a tenant and print it, alone, on stdout. It is shown
this once: only its hash is stored. Scopes: `+strings.Join(store.AllScopes, ", ")+`.`,
		"dedupe token create --tenant salon --scopes ingest,read --label booking-widget")
	var dbURL, tenant, scopes, label string
	databaseURLFlag(cl, &dbURL)
	cl.fs.StringVar(&tenant, "tenant", "", "the tenant's `SLUG`")
	cl.fs.StringVar(&scopes, "scopes", "", "what the token may do, comma-separated `SCOPES`: "+strings.Join(store.AllScopes, ","))
	cl.fs.StringVar(&label, "label", "token", "a `LABEL` naming who or what holds the token, shown in audit records\nand token list")
	cl.require("tenant", "scopes")
	if _, err := cl.parse(args); err != nil {
		return err
	}
	return c.m.withStore(ctx, dbURL, func(s *store.Store) error {
		secret, _, err := s.CreateToken(ctx, tenant, cmp.Or(label, "token"), strings.Split(scopes, ","))
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(c.m.Stdout, secret)
		return err
	})
}

// TokenListCommand prints a tenant's tokens as JSON, never their secrets.
type TokenListCommand struct{ m *Main }

// Run runs `dedupe token list`.
func (c *TokenListCommand) Run(ctx context.Context, args []string) error {
	cl := c.m.cmdline("token list", "--tenant SLUG",
		"Print a tenant's tokens as JSON: ids, labels, scopes and dates, never secrets.",
		"dedupe token list --tenant salon")
	var dbURL, tenant string
	databaseURLFlag(cl, &dbURL)
	cl.fs.StringVar(&tenant, "tenant", "", "the tenant's `SLUG`")
	cl.require("tenant")
	if _, err := cl.parse(args); err != nil {
		return err
	}
	return c.m.withStore(ctx, dbURL, func(s *store.Store) error {
		if _, err := s.TenantBySlug(ctx, tenant); err != nil {
			return err
		}
		list, err := s.Tokens(ctx, tenant)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(c.m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	})
}

// TokenRevokeCommand revokes a token, named by its id or by itself.
type TokenRevokeCommand struct{ m *Main }

// Run runs `dedupe token revoke`.
func (c *TokenRevokeCommand) Run(ctx context.Context, args []string) error {
	cl := c.m.cmdline("token revoke", "--id ID | --token SECRET",
		`Revoke a token and print it as JSON. Every API process refuses it within
milliseconds.`,
		"dedupe token revoke --id 0b6f7d1e-3c4a-4e38-9a57-5f0c2d9e8b11\ndedupe token revoke --token \"$TOKEN\"")
	var dbURL, id, secret string
	databaseURLFlag(cl, &dbURL)
	cl.fs.StringVar(&id, "id", "", "the token's `ID`, from token list")
	cl.fs.StringVar(&secret, "token", "", "the `SECRET` token itself")
	if _, err := cl.parse(args); err != nil {
		return err
	}
	if (id == "") == (secret == "") {
		return cl.fail(errors.New("give one of --id and --token"))
	}
	return c.m.withStore(ctx, dbURL, func(s *store.Store) error {
		ti, err := s.RevokeToken(ctx, cmp.Or(id, secret))
		if errors.Is(err, store.ErrNotFound) {
			return errors.New("no such token")
		}
		if err != nil {
			return err
		}
		enc := json.NewEncoder(c.m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(ti)
	})
}
