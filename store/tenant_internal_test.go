package store

import (
	"errors"
	"slices"
	"testing"

	"dedupe/matcher"
)

// TestPolicyChangeApplyTo: a change is applied in the tenant's (new)
// region, refuses what it cannot take with the field at fault, and leaves
// the tenant it was given as it was; a change that changes nothing reads
// as the same policy.
func TestPolicyChangeApplyTo(t *testing.T) {
	ptr := func(s string) *string { return &s }
	was := Tenant{ID: "t1", Slug: "salon", Region: "GB", SharedThreshold: 5, FuzzyThreshold: 20, PolicyVersion: 3,
		Blocked:              []string{"noemail@example.com"},
		AttributeRules:       map[string]matcher.AttributeRule{"visits": matcher.AttrSum},
		IdentifierAttributes: []string{}}
	keep := was
	keep.Blocked = slices.Clone(was.Blocked)

	got, err := PolicyChange{
		Region:         ptr("fr"),
		Block:          []string{" 06 12 34 56 78 ", "+33612345678", "FRONTDESK@Salon.example"},
		Unblock:        []string{"noemail@example.com"},
		AttributeRules: map[string]matcher.AttributeRule{"visits": matcher.AttrLatest, "spent": matcher.AttrMax},
	}.applyTo(was)
	if err != nil {
		t.Fatal(err)
	}
	if got.Region != "FR" {
		t.Errorf("region %q, want FR", got.Region)
	}
	// The number read in the new region, once however it was written.
	if want := []string{"+33612345678", "frontdesk@salon.example"}; !slices.Equal(got.Blocked, want) {
		t.Errorf("blocked %q, want %q", got.Blocked, want)
	}
	if len(got.AttributeRules) != 1 || got.AttributeRules["spent"] != matcher.AttrMax {
		t.Errorf("attribute rules %v, want only spent: max (latest is no rule)", got.AttributeRules)
	}
	if samePolicy(got, was) {
		t.Error("a changed policy reads as the same")
	}
	if !slices.Equal(was.Blocked, keep.Blocked) || was.AttributeRules["visits"] != matcher.AttrSum || was.Region != "GB" {
		t.Errorf("the tenant given was changed: %+v", was)
	}

	same, err := PolicyChange{Region: ptr("gb"), Block: []string{"NoEmail@example.com"}}.applyTo(was)
	if err != nil {
		t.Fatal(err)
	}
	if !samePolicy(same, was) {
		t.Errorf("a change to what the policy already says reads as a new policy: %+v", same)
	}

	stale := 2
	for name, c := range map[string]struct {
		change PolicyChange
		field  string // the FieldError's field, or "" for another error
		target error
	}{
		"slug":                  {PolicyChange{Slug: ptr("other")}, "slug", nil},
		"id":                    {PolicyChange{ID: ptr("t2")}, "id", nil},
		"stale policy version":  {PolicyChange{PolicyVersion: &stale}, "", ErrConflict},
		"region":                {PolicyChange{Region: ptr("XX")}, "", ErrInvalid},
		"attribute name":        {PolicyChange{AttributeRules: map[string]matcher.AttributeRule{"a b": matcher.AttrSum}}, "", ErrInvalid},
		"attribute rule":        {PolicyChange{AttributeRules: map[string]matcher.AttributeRule{"visits": "median"}}, "", ErrInvalid},
		"identifier attributes": {PolicyChange{IdentifierAttributes: &[]string{"a b"}}, "identifier_attributes", nil},
	} {
		_, err := c.change.applyTo(was)
		var fe *matcher.FieldError
		switch {
		case err == nil:
			t.Errorf("%s: accepted", name)
		case c.field != "" && (!errors.As(err, &fe) || fe.Field != c.field):
			t.Errorf("%s: %v, want a field error on %s", name, err, c.field)
		case c.target != nil && !errors.Is(err, c.target):
			t.Errorf("%s: %v, want %v", name, err, c.target)
		}
	}
}
