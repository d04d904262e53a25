package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"dedupe/matcher"
	"dedupe/store"
)

// TenantCreateCommand creates a tenant and prints its id alone on stdout.
type TenantCreateCommand struct{ m *Main }

// Run runs `dedupe tenant create`.
func (c *TenantCreateCommand) Run(ctx context.Context, args []string) error {
	cl := c.m.cmdline("tenant create", "--slug SLUG --region CC",
		`Create a tenant (one business) and print its id, alone, on stdout. Its phone
numbers are read in region CC unless they carry a country code.`,
		"dedupe tenant create --slug salon --region FR")
	var dbURL, slug, region string
	databaseURLFlag(cl, &dbURL)
	cl.fs.StringVar(&slug, "slug", "", "the tenant's `SLUG`, its name in commands: lower-case letters, digits, dashes")
	cl.fs.StringVar(&region, "region", "", "default phone region `CC`, an ISO 3166 alpha-2 code such as FR")
	cl.require("slug", "region")
	if _, err := cl.parse(args); err != nil {
		return err
	}
	return c.m.withStore(ctx, dbURL, func(s *store.Store) error {
		t, err := s.CreateTenant(ctx, slug, region)
		if errors.Is(err, store.ErrConflict) {
			return fmt.Errorf("tenant %q already exists", slug)
		}
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(c.m.Stdout, t.ID)
		return err
	})
}

// TenantPolicyCommand runs `tenant show`, which prints a tenant with its
// matching policy as JSON, and `tenant policy`, which changes the policy
// first.
type TenantPolicyCommand struct {
	m      *Main
	Change bool // tenant policy rather than tenant show
}

// Run runs `dedupe tenant show` or `dedupe tenant policy`.
func (c *TenantPolicyCommand) Run(ctx context.Context, args []string) error {
	var cl *cmdline
	if c.Change {
		cl = c.m.cmdline("tenant policy", "--tenant SLUG [--region CC] [--name-guard on|off] [--shared-threshold N] [--fuzzy-threshold BITS] [--block VALUE]... [--unblock VALUE]... [--attribute-rule KEY=RULE]... [--identifier-attributes KEY,...]",
			`Change a tenant's matching policy, which bumps its version, and print the
tenant with its policy as JSON. Flags not given leave their setting as it is.`,
			`dedupe tenant policy --tenant salon --block "01 42 68 53 00" --shared-threshold 3 --name-guard=on
dedupe tenant policy --tenant salon --attribute-rule loyalty_points=sum --attribute-rule notes=concat
dedupe tenant policy --tenant salon --identifier-attributes loyalty_card`)
	} else {
		cl = c.m.cmdline("tenant show", "--tenant SLUG",
			"Print a tenant and its matching policy as JSON.",
			"dedupe tenant show --tenant salon")
	}
	var dbURL, slug, region, identifiers string
	var threshold int
	var fuzzyThreshold float64
	var guard onOff
	var block, unblock, attrRules listFlag
	databaseURLFlag(cl, &dbURL)
	cl.fs.StringVar(&slug, "tenant", "", "the tenant's `SLUG`")
	// --slug, as tenant create names it, was these commands' flag before
	// they took --tenant as every other command does; scripts still pass it.
	cl.fs.StringVar(&slug, "slug", "", "the same as --tenant: the tenant's `SLUG`")
	cl.require("tenant")
	if c.Change {
		cl.fs.StringVar(&region, "region", "", "default phone region `CC`, ISO 3166 alpha-2")
		cl.fs.Var(&guard, "name-guard", "`on|off`: on never updates a profile whose first name differs from\nthe booking's; off always updates the first-created match")
		cl.fs.IntVar(&threshold, "shared-threshold", 0, "a value held by more than `N` active profiles is not a match key")
		cl.fs.Float64Var(&fuzzyThreshold, "fuzzy-threshold", 0, "the total match weight, in `BITS`, at which a fuzzy candidate opens (default 20)")
		cl.fs.Var(&block, "block", "a `VALUE` never to use as a match key (an email, a number, or local@*); repeatable")
		cl.fs.Var(&unblock, "unblock", "a `VALUE` to remove from the blocked values; repeatable")
		cl.fs.StringVar(&identifiers, "identifier-attributes", "", "`KEYS`: the attribute keys, comma-separated, whose values name one person (a social\nsecurity number, a loyalty card the customer carries): the fuzzy search compares\nthem; replaces the list, \"\" designates none")
		cl.fs.Var(&attrRules, "attribute-rule", "`KEY=RULE`: how a merge combines attribute KEY: latest (the default), sum,\nmax, min (numbers or YYYY-MM-DD dates) or concat; repeatable")
	}
	if _, err := cl.parse(args); err != nil {
		return err
	}
	if cl.set("shared-threshold") && (threshold < 1 || threshold > matcher.MaxSharedThreshold) {
		return cl.invalid("shared-threshold", fmt.Errorf("%d is not between 1 and %d", threshold, matcher.MaxSharedThreshold))
	}
	if cl.set("fuzzy-threshold") && !store.ValidFuzzyThreshold(fuzzyThreshold) {
		return cl.invalid("fuzzy-threshold", fmt.Errorf("%g is not above 0 and at most %d", fuzzyThreshold, matcher.MaxFuzzyThreshold))
	}
	rules := map[string]matcher.AttributeRule{}
	for _, kv := range attrRules {
		key, rule, ok := strings.Cut(kv, "=")
		if !ok || !matcher.ValidAttributeKey(key) || !matcher.AttributeRule(rule).Valid() {
			return cl.invalid("attribute-rule", fmt.Errorf("%q is not KEY=RULE with a rule of latest, sum, max, min or concat", kv))
		}
		rules[key] = matcher.AttributeRule(rule)
	}
	var ids []string
	if cl.set("identifier-attributes") {
		var err error
		if ids, err = store.IdentifierAttributes(splitList(identifiers)); err != nil {
			var fe *matcher.FieldError
			if errors.As(err, &fe) {
				err = errors.New(fe.Message)
			}
			return cl.invalid("identifier-attributes", err)
		}
	}
	return c.m.withStore(ctx, dbURL, func(s *store.Store) error {
		t, err := s.TenantBySlug(ctx, slug)
		if err != nil {
			return err
		}
		if c.Change {
			ch := store.PolicyChange{NameGuard: guard.v, Block: block, Unblock: unblock, AttributeRules: rules}
			if region != "" {
				ch.Region = &region
			}
			if cl.set("shared-threshold") {
				ch.SharedThreshold = &threshold
			}
			if cl.set("fuzzy-threshold") {
				ch.FuzzyThreshold = &fuzzyThreshold
			}
			if cl.set("identifier-attributes") {
				ch.IdentifierAttributes = &ids
			}
			if t, err = s.UpdatePolicy(ctx, t.ID, ch); err != nil {
				return err
			}
		}
		enc := json.NewEncoder(c.m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(t)
	})
}

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
