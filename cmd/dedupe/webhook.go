package main

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"dedupe/store"
	"dedupe/worker"
)

// WebhookCreateCommand registers a webhook endpoint for a tenant and prints
// it with its signing secret, shown this once.
type WebhookCreateCommand struct{ m *Main }

// Run runs `dedupe webhook create`.
func (c *WebhookCreateCommand) Run(ctx context.Context, args []string) error {
	cl := c.m.cmdline("webhook create", "--tenant SLUG --url URL --events TYPE,...",
		`Register a webhook endpoint and print it as JSON with its signing secret
(whsec_…, Standard Webhooks), shown this once. It receives the events that
happen from now on. Types: `+strings.Join(store.EventTypes, ", ")+`.`,
		"dedupe webhook create --tenant salon --url https://crm.example.com/hooks/dedupe --events profile.merged,profile.unmerged")
	var dbURL, tenant, url, events string
	var allowPrivate bool
	databaseURLFlag(cl, &dbURL)
	cl.fs.StringVar(&tenant, "tenant", "", "the tenant's `SLUG`")
	cl.fs.StringVar(&url, "url", "", "the endpoint's `URL`: https://, at a public address")
	cl.fs.StringVar(&events, "events", "", "the event `TYPES` to send, comma-separated")
	cl.fs.BoolVar(&allowPrivate, "webhook-allow-private", false, "accept private or loopback addresses, and http:// to those only (tests, on-premise)")
	cl.env("webhook-allow-private", "DEDUPE_WEBHOOK_ALLOW_PRIVATE")
	cl.require("tenant", "url", "events")
	if _, err := cl.parse(args); err != nil {
		return err
	}
	if err := worker.CheckWebhookURL(url, allowPrivate); err != nil {
		return cl.invalid("url", err)
	}
	return c.m.withTenant(ctx, dbURL, tenant, func(s *store.Store, t store.Tenant) error {
		hook, secret, err := s.CreateWebhook(ctx, t.ID, url, strings.Split(events, ","))
		if err != nil {
			return err
		}
		return printJSON(c.m, struct {
			store.Webhook
			Secret string `json:"secret"`
		}{hook, secret})
	})
}

// WebhookListCommand prints a tenant's webhook endpoints, never their
// secrets.
type WebhookListCommand struct{ m *Main }

// Run runs `dedupe webhook list`.
func (c *WebhookListCommand) Run(ctx context.Context, args []string) error {
	cl := c.m.cmdline("webhook list", "--tenant SLUG",
		"Print a tenant's webhook endpoints as JSON: ids, URLs, event types, whether\nand why each was disabled, and how many events each has yet to receive.",
		"dedupe webhook list --tenant salon")
	var dbURL, tenant string
	databaseURLFlag(cl, &dbURL)
	cl.fs.StringVar(&tenant, "tenant", "", "the tenant's `SLUG`")
	cl.require("tenant")
	if _, err := cl.parse(args); err != nil {
		return err
	}
	return c.m.withTenant(ctx, dbURL, tenant, func(s *store.Store, t store.Tenant) error {
		hooks, err := s.Webhooks(ctx, t.ID)
		if err != nil {
			return err
		}
		return printJSON(c.m, hooks)
	})
}

// WebhookDeleteCommand deletes a webhook endpoint.
type WebhookDeleteCommand struct{ m *Main }

// Run runs `dedupe webhook delete`.
func (c *WebhookDeleteCommand) Run(ctx context.Context, args []string) error {
	return c.m.onEndpoint(ctx, "webhook delete", args,
		"Delete a webhook endpoint with its pending events and delivery log: nothing\nmore is sent to it.",
		func(s *store.Store, tenantID, id string) error { return s.DeleteWebhook(ctx, tenantID, id) })
}

// WebhookEnableCommand turns a disabled webhook endpoint back on.
type WebhookEnableCommand struct{ m *Main }

// Run runs `dedupe webhook enable`.
func (c *WebhookEnableCommand) Run(ctx context.Context, args []string) error {
	return c.m.onEndpoint(ctx, "webhook enable", args,
		"Turn a webhook endpoint back on once its receiver is fixed: a 410 Gone, or a\nday of failed deliveries, disabled it (webhook list says why). The events it had\nyet to receive are sent at once; those of the time it was off were not kept.",
		func(s *store.Store, tenantID, id string) error {
			hook, err := s.EnableWebhook(ctx, tenantID, id)
			if err != nil {
				return err
			}
			return printJSON(c.m, hook)
		})
}

// onEndpoint runs a command that acts on one webhook endpoint of a tenant
// (--tenant, --id): its command line, then act.
func (m *Main) onEndpoint(ctx context.Context, name string, args []string, about string, act func(s *store.Store, tenantID, id string) error) error {
	cl := m.cmdline(name, "--tenant SLUG --id ID", about, "dedupe "+name+" --tenant salon --id 0b6f7d1e-3c4a-4e38-9a57-5f0c2d9e8b11")
	var dbURL, tenant, id string
	databaseURLFlag(cl, &dbURL)
	cl.fs.StringVar(&tenant, "tenant", "", "the tenant's `SLUG`")
	idFlag(cl, &id, "the endpoint's `ID`, from webhook list")
	cl.require("tenant")
	if _, err := cl.parse(args); err != nil {
		return err
	}
	return m.withTenant(ctx, dbURL, tenant, func(s *store.Store, t store.Tenant) error {
		if err := act(s, t.ID, id); errors.Is(err, store.ErrNotFound) {
			return errors.New("no such webhook endpoint in this tenant")
		} else if err != nil {
			return err
		}
		return nil
	})
}

// printJSON prints v as indented JSON on stdout.
func printJSON(m *Main, v any) error {
	enc := json.NewEncoder(m.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
