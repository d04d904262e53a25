package main

import (
	"context"

	"dedupe/store"
	"dedupe/worker"
)

// EraseCommand erases a person on request, as DELETE /v1/profiles/{id}.
type EraseCommand struct{ m *Main }

// Run runs `dedupe erase`.
func (c *EraseCommand) Run(ctx context.Context, args []string) error {
	cl := c.m.cmdline("erase", "--tenant SLUG --id PROFILE_ID",
		`Erase a person on request (GDPR): the profile, and every profile merged
into it, lose every personal field, their contact points, attributes and
stored payloads; their bookings and sales stay for the books with dates,
sources, external ids and amounts only. Their old email and mobile match
nobody afterwards. Bookings with their email or numbers that failed for
good and wait archived in the queue are deleted first, so Redis must be
reachable. Prints {"id", "status": "erased"}. It cannot be undone.`,
		"dedupe erase --tenant salon --id 0193a4c2-7b1e-7c55-9e0d-3f2a1b4c5d6e")
	var dbURL, redisURL, tenant, id string
	databaseURLFlag(cl, &dbURL)
	cl.fs.StringVar(&redisURL, "redis-url", "redis://127.0.0.1:6379/0", "the queue's Redis `URL`, whose archived bookings of the person are deleted")
	cl.env("redis-url", "REDIS_URL")
	cl.fs.StringVar(&tenant, "tenant", "", "the tenant's `SLUG`")
	idFlag(cl, &id, "the profile's `ID` (a merged profile's id erases the person it was merged into)")
	cl.require("tenant")
	if _, err := cl.parse(args); err != nil {
		return err
	}
	redisOpt, err := redisConnOpt(redisURL)
	if err != nil {
		return cl.invalid("redis-url", err)
	}
	queue := worker.NewClient(redisOpt)
	defer queue.Close()
	return c.m.withTenant(ctx, dbURL, tenant, func(s *store.Store, t store.Tenant) error {
		e, _, err := worker.EraseEverywhere(ctx, s, queue, t.ID, "cli", id)
		if err != nil {
			return err
		}
		return printJSON(c.m, e)
	})
}
