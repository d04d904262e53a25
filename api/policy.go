package api

import (
	"errors"
	"fmt"
	"net/http"

	"dedupe/matcher"
	"dedupe/store"
)

// handlePolicy answers GET /v1/tenant/policy: the token's tenant with its
// matching policy.
func (s *Server) handlePolicy(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	t, err := s.store.Tenant(r.Context(), tok.TenantID)
	if err != nil {
		return storeError(err)
	}
	writeJSON(w, http.StatusOK, t)
	return nil
}

// handleUpdatePolicy answers PATCH /v1/tenant/policy with a
// store.PolicyChange: fields left out stay as they are; every change bumps
// policy_version, and a PATCH that changes nothing does not. The policy
// GET returned may be sent back changed: its id and slug must stay, and
// its policy_version, when sent, must still be the current one (else 409).
func (s *Server) handleUpdatePolicy(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	var c store.PolicyChange
	if err := decodeJSON(w, r, &c); err != nil {
		return err
	}
	if c.Region != nil && !matcher.ValidRegion(*c.Region) {
		return badRequest(CodeInvalidField, "region", "region must be an ISO 3166 alpha-2 code with a phone numbering plan, such as FR")
	}
	if c.SharedThreshold != nil && (*c.SharedThreshold < 1 || *c.SharedThreshold > matcher.MaxSharedThreshold) {
		return badRequest(CodeInvalidField, "shared_threshold", fmt.Sprintf("shared_threshold must be between 1 and %d", matcher.MaxSharedThreshold))
	}
	if c.FuzzyThreshold != nil && !store.ValidFuzzyThreshold(*c.FuzzyThreshold) {
		return badRequest(CodeInvalidField, "fuzzy_threshold", fmt.Sprintf("fuzzy_threshold must be above 0 and at most %d (bits of match weight)", matcher.MaxFuzzyThreshold))
	}
	for key, rule := range c.AttributeRules {
		if !matcher.ValidAttributeKey(key) {
			return badRequest(CodeInvalidField, "attribute_rules", fmt.Sprintf("%q is not an attribute name (1-64 letters, digits, '_', '-' or '.')", key))
		}
		if !rule.Valid() {
			return badRequest(CodeInvalidField, "attribute_rules."+key, fmt.Sprintf("%q is not a rule: latest, sum, max, min or concat", rule))
		}
	}
	lists := []struct {
		field  string
		values []string
	}{{"block", c.Block}, {"unblock", c.Unblock}}
	if c.BlockedValues != nil {
		lists = append(lists, struct {
			field  string
			values []string
		}{"blocked_values", *c.BlockedValues})
	}
	for _, l := range lists {
		for _, v := range l.values {
			if err := checkText(l.field, v, matcher.MaxContact); err != nil {
				return err
			}
		}
	}
	t, err := s.store.UpdatePolicy(r.Context(), tok.TenantID, c)
	var fe *matcher.FieldError
	var ce *store.ConflictError
	switch {
	case errors.As(err, &fe):
		return badRequest(CodeInvalidField, fe.Field, fe.Message)
	case errors.As(err, &ce):
		return conflictError(ce)
	case errors.Is(err, store.ErrInvalid):
		return badRequest(CodeInvalidField, "", err.Error())
	case err != nil:
		return storeError(err)
	}
	writeJSON(w, http.StatusOK, t)
	return nil
}
