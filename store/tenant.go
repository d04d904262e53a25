package store

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"dedupe/matcher"
)

// Tenant is one business and its matching policy.
type Tenant struct {
	ID              string   `json:"id"`
	Slug            string   `json:"slug"`
	Region          string   `json:"region"`
	NameGuard       bool     `json:"name_guard"`
	SharedThreshold int      `json:"shared_threshold"`
	Blocked         []string `json:"blocked_values"`
	// AttributeRules: attribute key → how a merge combines its values
	// (matcher.AttributeRule); keys not listed keep the latest value.
	AttributeRules map[string]matcher.AttributeRule `json:"attribute_rules"`
	// FuzzyThreshold is the total match weight, in bits, at which a fuzzy
	// candidate opens (matcher.DefaultFuzzyThreshold unless set).
	FuzzyThreshold float64 `json:"fuzzy_threshold"`
	// IdentifierAttributes are the attribute keys whose values name one
	// person (a social security number, a loyalty card the customer
	// carries): the fuzzy search compares them (matcher/identifier.go).
	IdentifierAttributes []string `json:"identifier_attributes"`
	PolicyVersion        int      `json:"policy_version"`
}

// Policy returns the tenant's matching policy.
func (t Tenant) Policy() matcher.Policy {
	return matcher.Policy{NameGuard: t.NameGuard, SharedThreshold: t.SharedThreshold, Blocked: t.Blocked,
		AttributeRules: t.AttributeRules, Version: t.PolicyVersion}
}

// recordReading is how the fuzzy comparison reads the tenant's profiles.
func (t Tenant) recordReading() recordReading {
	return recordReading{region: t.Region, identifiers: t.IdentifierAttributes}
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// CreateTenant creates a tenant with the given slug and default phone
// region. A slug that exists answers ErrConflict.
func (s *Store) CreateTenant(ctx context.Context, slug, region string) (Tenant, error) {
	region = strings.ToUpper(region)
	if !slugPattern.MatchString(slug) {
		return Tenant{}, fmt.Errorf("%w: slug must be 1-63 lower-case letters, digits or dashes", ErrInvalid)
	}
	if !matcher.ValidRegion(region) {
		return Tenant{}, fmt.Errorf("%w: region %q is not an ISO 3166 region with a phone numbering plan", ErrInvalid, region)
	}
	t := Tenant{ID: uuid.NewString(), Slug: slug, Region: region, NameGuard: true,
		SharedThreshold: matcher.DefaultSharedThreshold, Blocked: []string{}, AttributeRules: map[string]matcher.AttributeRule{},
		FuzzyThreshold: matcher.DefaultFuzzyThreshold, IdentifierAttributes: []string{}, PolicyVersion: 1}
	_, err := s.pool.Exec(ctx, `INSERT INTO tenants (id, slug, region, name_guard, policy_version, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, t.ID, t.Slug, t.Region, t.NameGuard, t.PolicyVersion, s.Now())
	if err != nil {
		return Tenant{}, fmt.Errorf("create tenant %s: %w", slug, interpret(err))
	}
	return t, nil
}

const tenantColumns = `id, slug, region, name_guard, shared_threshold, blocked_values, attribute_rules,
	coalesce(fuzzy_threshold, 0), identifier_attributes, policy_version`

func scanTenant(row pgx.Row) (Tenant, error) {
	var t Tenant
	err := row.Scan(&t.ID, &t.Slug, &t.Region, &t.NameGuard, &t.SharedThreshold, &t.Blocked, &t.AttributeRules,
		&t.FuzzyThreshold, &t.IdentifierAttributes, &t.PolicyVersion)
	if t.FuzzyThreshold == 0 {
		t.FuzzyThreshold = matcher.DefaultFuzzyThreshold
	}
	if t.AttributeRules == nil {
		t.AttributeRules = map[string]matcher.AttributeRule{}
	}
	if t.IdentifierAttributes == nil {
		t.IdentifierAttributes = []string{}
	}
	return t, err
}

// TenantBySlug returns the tenant with that slug.
func (s *Store) TenantBySlug(ctx context.Context, slug string) (Tenant, error) {
	t, err := scanTenant(s.pool.QueryRow(ctx, `SELECT `+tenantColumns+` FROM tenants WHERE slug = $1`, slug))
	if err != nil {
		return Tenant{}, fmt.Errorf("tenant %s: %w", slug, interpret(err))
	}
	return t, nil
}

// tenant reads a tenant by id inside q (a pool or a transaction).
func tenant(ctx context.Context, q querier, id string) (Tenant, error) {
	t, err := scanTenant(q.QueryRow(ctx, `SELECT `+tenantColumns+` FROM tenants WHERE id = $1`, id))
	if err != nil {
		return Tenant{}, fmt.Errorf("tenant: %w", interpret(err))
	}
	return t, nil
}

// Tenant returns the tenant with that id.
func (s *Store) Tenant(ctx context.Context, id string) (Tenant, error) {
	if uuid.Validate(id) != nil {
		return Tenant{}, ErrNotFound
	}
	return tenant(ctx, s.pool, id)
}

// PolicyChange is a change to a tenant's matching policy; nil fields are
// left as they are. It takes the Tenant's JSON as GET returns it, so that
// a client may send back what it read with some fields changed.
type PolicyChange struct {
	Region          *string `json:"region"`
	NameGuard       *bool   `json:"name_guard"`
	SharedThreshold *int    `json:"shared_threshold"`
	// BlockedValues replaces the whole list; Block and Unblock then add
	// and remove values.
	BlockedValues *[]string `json:"blocked_values"`
	Block         []string  `json:"block"`   // values to add to blocked_values
	Unblock       []string  `json:"unblock"` // values to remove
	// ID and Slug cannot change: when sent, they must be the tenant's.
	// PolicyVersion, when sent, must be the current version: a change
	// made on a policy read before another change is refused
	// (ErrConflict), not applied over it.
	ID            *string `json:"id"`
	Slug          *string `json:"slug"`
	PolicyVersion *int    `json:"policy_version"`
	// AttributeRules sets the rule of each attribute key named; "latest"
	// removes a key's rule (latest is the default).
	AttributeRules map[string]matcher.AttributeRule `json:"attribute_rules"`
	// FuzzyThreshold sets the weight, in bits, at which a fuzzy candidate
	// opens: above 0, at most matcher.MaxFuzzyThreshold.
	FuzzyThreshold *float64 `json:"fuzzy_threshold"`
	// IdentifierAttributes replaces the list of attribute keys the fuzzy
	// search compares as identifiers: at most
	// matcher.MaxIdentifierAttributes, each an attribute key.
	IdentifierAttributes *[]string `json:"identifier_attributes"`
}

// UpdatePolicy changes a tenant's policy and bumps its policy version, so
// later decisions say which policy made them. A change that changes
// nothing keeps the version. Blocked values are
// normalised with the tenant's region as match keys are.
func (s *Store) UpdatePolicy(ctx context.Context, tenantID string, c PolicyChange) (Tenant, error) {
	var out Tenant
	// What to key anew once the change is committed: the profiles holding
	// an identifier attribute designated before or now, when the list
	// changed, and those with an address that names no country, which
	// reads in the tenant's region (matcher.Address.InRegion), when the
	// region changed.
	var rekeyIDs []string
	var rekeyAddresses bool
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		t, err := scanTenant(tx.QueryRow(ctx, `SELECT `+tenantColumns+` FROM tenants WHERE id = $1 FOR UPDATE`, tenantID))
		if err != nil {
			return err
		}
		was := t
		t, err = c.applyTo(t)
		if err != nil {
			return err
		}
		out = t
		if samePolicy(t, was) {
			return nil // nothing changed: the decisions' policy version stays
		}
		t.PolicyVersion++
		_, err = tx.Exec(ctx, `UPDATE tenants SET region = $2, name_guard = $3, shared_threshold = $4, blocked_values = $5,
			attribute_rules = $6, policy_version = $7, fuzzy_threshold = $8, identifier_attributes = $9 WHERE id = $1`,
			t.ID, t.Region, t.NameGuard, t.SharedThreshold, t.Blocked, t.AttributeRules, t.PolicyVersion, t.FuzzyThreshold,
			t.IdentifierAttributes)
		if err != nil {
			return err
		}
		out = t
		if !sameSet(t.IdentifierAttributes, was.IdentifierAttributes) {
			rekeyIDs = slices.Concat(t.IdentifierAttributes, was.IdentifierAttributes)
		}
		rekeyAddresses = t.Region != was.Region
		return nil
	})
	s.tenants.Delete(tenantID)
	s.fuzzy.Delete(tenantID)
	if err != nil {
		return Tenant{}, fmt.Errorf("update policy: %w", interpret(err))
	}
	if rekeyIDs != nil || rekeyAddresses {
		// Keyed anew once the policy is committed (a profile written from
		// now on is keyed by it), a thousand to a short transaction, so
		// that no booking waits on the tenant's row or on a long pass.
		// It finishes when the client goes away.
		if err := s.rekeyTenant(context.WithoutCancel(ctx), tenantID, rekeyIDs, rekeyAddresses); err != nil {
			return out, fmt.Errorf("update policy: version %d is in force, but keying its profiles anew stopped "+
				"(set identifier_attributes to [] and back, or the region to another and back, to key them again): %w",
				out.PolicyVersion, interpret(err))
		}
	}
	return out, nil
}

// applyTo returns t with the change applied, or what it refuses: a field
// that cannot change, a stale policy_version, a value out of range. It
// reads and writes nothing, and leaves t's lists and rules as they were.
func (c PolicyChange) applyTo(t Tenant) (Tenant, error) {
	switch {
	case c.ID != nil && *c.ID != t.ID:
		return t, &matcher.FieldError{Field: "id", Message: "id cannot be changed"}
	case c.Slug != nil && *c.Slug != t.Slug:
		return t, &matcher.FieldError{Field: "slug", Message: "slug cannot be changed"}
	case c.PolicyVersion != nil && *c.PolicyVersion != t.PolicyVersion:
		return t, conflictf("the policy changed since version %d: it is at version %d; read it again", *c.PolicyVersion, t.PolicyVersion)
	}
	t.Blocked = slices.Clone(t.Blocked)
	t.AttributeRules = maps.Clone(t.AttributeRules)
	if c.Region != nil {
		r := strings.ToUpper(*c.Region)
		if !matcher.ValidRegion(r) {
			return t, fmt.Errorf("%w: region %q is not an ISO 3166 region with a phone numbering plan", ErrInvalid, r)
		}
		t.Region = r
	}
	if c.NameGuard != nil {
		t.NameGuard = *c.NameGuard
	}
	if c.SharedThreshold != nil {
		if *c.SharedThreshold < 1 || *c.SharedThreshold > matcher.MaxSharedThreshold {
			return t, fmt.Errorf("%w: shared_threshold must be between 1 and %d", ErrInvalid, matcher.MaxSharedThreshold)
		}
		t.SharedThreshold = *c.SharedThreshold
	}
	if c.FuzzyThreshold != nil {
		if !ValidFuzzyThreshold(*c.FuzzyThreshold) {
			return t, fmt.Errorf("%w: fuzzy_threshold must be above 0 and at most %d", ErrInvalid, matcher.MaxFuzzyThreshold)
		}
		t.FuzzyThreshold = *c.FuzzyThreshold
	}
	// Blocked values in the form match keys take, in the tenant's region
	// (the new one, when the change sets it): the list replaced, then
	// values added, then values taken out.
	if c.BlockedValues != nil {
		t.Blocked = []string{}
		for _, v := range *c.BlockedValues {
			if v = blockedForm(v, t.Region); v != "" && !slices.Contains(t.Blocked, v) {
				t.Blocked = append(t.Blocked, v)
			}
		}
	}
	for _, v := range c.Block {
		if v = blockedForm(v, t.Region); v != "" && !slices.Contains(t.Blocked, v) {
			t.Blocked = append(t.Blocked, v)
		}
	}
	for _, v := range c.Unblock {
		v = blockedForm(v, t.Region)
		t.Blocked = slices.DeleteFunc(t.Blocked, func(b string) bool { return b == v })
	}
	if c.IdentifierAttributes != nil {
		ids, err := IdentifierAttributes(*c.IdentifierAttributes)
		if err != nil {
			return t, err
		}
		t.IdentifierAttributes = ids
	}
	for key, rule := range c.AttributeRules {
		if !matcher.ValidAttributeKey(key) {
			return t, fmt.Errorf("%w: attribute_rules: %q is not an attribute name (1-64 letters, digits, '_', '-' or '.')", ErrInvalid, key)
		}
		if !rule.Valid() {
			return t, fmt.Errorf("%w: attribute_rules.%s: %q is not a rule (latest, sum, max, min, concat)", ErrInvalid, key, rule)
		}
		if rule == matcher.AttrLatest {
			delete(t.AttributeRules, key) // latest is the default: no rule
		} else {
			if t.AttributeRules == nil {
				t.AttributeRules = map[string]matcher.AttributeRule{}
			}
			t.AttributeRules[key] = rule
		}
	}
	return t, nil
}

// samePolicy reports whether two versions of a tenant say the same policy:
// a change that leaves it so keeps the policy version.
func samePolicy(t, was Tenant) bool {
	return t.Region == was.Region && t.NameGuard == was.NameGuard && t.SharedThreshold == was.SharedThreshold &&
		t.FuzzyThreshold == was.FuzzyThreshold && slices.Equal(t.Blocked, was.Blocked) && maps.Equal(t.AttributeRules, was.AttributeRules) &&
		sameSet(t.IdentifierAttributes, was.IdentifierAttributes)
}

// rekeyTenant re-keys the tenant's active profiles holding any of the
// attributes keys, and, when addresses is set, those with an address that
// names no country, a thousand to a transaction.
func (s *Store) rekeyTenant(ctx context.Context, tenantID string, keys []string, addresses bool) error {
	if keys == nil {
		keys = []string{}
	}
	after := [2]string{tenantID, ""}
	for {
		var n int
		err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			var err error
			after, n, err = rekeyPage(ctx, tx, after, `AND p.tenant_id = $3 AND (p.attributes ?| $4::text[]
				OR $5 AND p.address <> '{}' AND btrim(coalesce(p.address->>'country', '')) = '')`, tenantID, keys, addresses)
			return err
		})
		if err != nil || n == 0 {
			return err
		}
	}
}

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

// IdentifierAttributes checks a list of identifier attributes
// (Tenant.IdentifierAttributes) and returns it without repeats: each an
// attribute key, at most matcher.MaxIdentifierAttributes. The error is a
// *matcher.FieldError naming identifier_attributes.
func IdentifierAttributes(keys []string) ([]string, error) {
	out := []string{}
	for _, k := range keys {
		if !matcher.ValidAttributeKey(k) {
			return nil, &matcher.FieldError{Field: "identifier_attributes",
				Message: fmt.Sprintf("%q is not an attribute name (1-64 letters, digits, '_', '-' or '.')", k)}
		}
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	if len(out) > matcher.MaxIdentifierAttributes {
		return nil, &matcher.FieldError{Field: "identifier_attributes",
			Message: fmt.Sprintf("at most %d attributes may be identifiers", matcher.MaxIdentifierAttributes)}
	}
	return out, nil
}

// ValidFuzzyThreshold reports whether t may be a tenant's fuzzy threshold.
func ValidFuzzyThreshold(t float64) bool { return t > 0 && t <= matcher.MaxFuzzyThreshold }

// blockedForm normalises a value to block: an email or a phone number as
// a match key would be, or "local@*" for a local part at any domain.
func blockedForm(v, region string) string {
	v = strings.TrimSpace(v)
	if local, ok := strings.CutSuffix(v, "@*"); ok && local != "" {
		return strings.ToLower(local) + "@*"
	}
	if e := matcher.NormalizeEmail(v); e.Valid {
		return e.Value
	}
	if p := matcher.NormalizePhone(v, region); p.Valid {
		return p.Value
	}
	return strings.ToLower(v)
}
