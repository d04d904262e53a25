package store

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/google/uuid"

	"dedupe/matcher"
)

// Tenant is one business and its matching policy.
type Tenant struct {
	ID            string `json:"id"`
	Slug          string `json:"slug"`
	Region        string `json:"region"`
	NameGuard     bool   `json:"name_guard"`
	PolicyVersion int    `json:"policy_version"`
}

// Policy returns the tenant's matching policy.
func (t Tenant) Policy() matcher.Policy {
	return matcher.Policy{NameGuard: t.NameGuard, Version: t.PolicyVersion}
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// CreateTenant creates a tenant with the given slug and default phone
// region. A slug that exists answers ErrConflict.
func (s *Store) CreateTenant(ctx context.Context, slug, region string) (Tenant, error) {
	region = strings.ToUpper(region)
	if !slugPattern.MatchString(slug) {
		return Tenant{}, errors.New("slug must be 1-63 lower-case letters, digits or dashes")
	}
	if !matcher.ValidRegion(region) {
		return Tenant{}, fmt.Errorf("region %q is not an ISO 3166 region with a phone numbering plan", region)
	}
	t := Tenant{ID: uuid.NewString(), Slug: slug, Region: region, NameGuard: true, PolicyVersion: 1}
	_, err := s.pool.Exec(ctx, `INSERT INTO tenants (id, slug, region, name_guard, policy_version, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, t.ID, t.Slug, t.Region, t.NameGuard, t.PolicyVersion, s.Now())
	if err != nil {
		return Tenant{}, fmt.Errorf("create tenant %s: %w", slug, interpret(err))
	}
	return t, nil
}

const tenantColumns = `id, slug, region, name_guard, policy_version`

// TenantBySlug returns the tenant with that slug.
func (s *Store) TenantBySlug(ctx context.Context, slug string) (Tenant, error) {
	var t Tenant
	err := s.pool.QueryRow(ctx, `SELECT `+tenantColumns+` FROM tenants WHERE slug = $1`, slug).
		Scan(&t.ID, &t.Slug, &t.Region, &t.NameGuard, &t.PolicyVersion)
	if err != nil {
		return Tenant{}, fmt.Errorf("tenant %s: %w", slug, interpret(err))
	}
	return t, nil
}

// tenant reads a tenant by id inside q (a pool or a transaction).
func tenant(ctx context.Context, q querier, id string) (Tenant, error) {
	var t Tenant
	err := q.QueryRow(ctx, `SELECT `+tenantColumns+` FROM tenants WHERE id = $1`, id).
		Scan(&t.ID, &t.Slug, &t.Region, &t.NameGuard, &t.PolicyVersion)
	if err != nil {
		return Tenant{}, fmt.Errorf("tenant: %w", interpret(err))
	}
	return t, nil
}
