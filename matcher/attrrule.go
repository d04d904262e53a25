package matcher

import (
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"time"
)

// AttributeRule says how a merge combines the values of an attribute that
// several profiles hold, when the reviewer picked none (DESIGN.md, Merge
// rules). A tenant sets one per attribute key in its policy.
type AttributeRule string

// The attribute rules.
const (
	AttrLatest AttributeRule = "latest" // the most recently set value (the default)
	AttrSum    AttributeRule = "sum"    // numbers added up: loyalty points, prepaid visits
	AttrMax    AttributeRule = "max"    // the largest number, or the latest YYYY-MM-DD date: membership expiry
	AttrMin    AttributeRule = "min"    // the smallest number, or the earliest date
	AttrConcat AttributeRule = "concat" // distinct values, oldest first, one a line: notes
)

// AttributeRules lists the rules a tenant may choose.
var AttributeRules = []AttributeRule{AttrLatest, AttrSum, AttrMax, AttrMin, AttrConcat}

// Valid reports whether r is one of AttributeRules.
func (r AttributeRule) Valid() bool { return slices.Contains(AttributeRules, r) }

// ValidAttributeKey reports whether key may name an attribute.
func ValidAttributeKey(key string) bool { return attrKey.MatchString(key) }

// combine applies a rule to the values of one attribute, oldest set first.
// ok is false when the rule cannot read a value: the caller falls back to
// the most recent value and says why (bad is the value it could not read).
func (r AttributeRule) combine(values []Attribute) (out string, ok bool, bad string) {
	switch r {
	case AttrSum, AttrMax, AttrMin:
		if r != AttrSum {
			if dates, ok := allDates(values); ok {
				best := dates[0]
				for _, d := range dates[1:] {
					if (r == AttrMax && d > best) || (r == AttrMin && d < best) {
						best = d
					}
				}
				return best, true, ""
			}
		}
		nums := make([]*big.Rat, len(values))
		for i, a := range values {
			v := strings.TrimSpace(a.Value)
			if !number.MatchString(v) {
				return "", false, a.Value
			}
			nums[i], _ = new(big.Rat).SetString(strings.Replace(v, ",", ".", 1))
		}
		acc := new(big.Rat).Set(nums[0])
		for _, n := range nums[1:] {
			switch {
			case r == AttrSum:
				acc.Add(acc, n)
			case r == AttrMax && n.Cmp(acc) > 0, r == AttrMin && n.Cmp(acc) < 0:
				acc.Set(n)
			}
		}
		return ratString(acc), true, ""
	case AttrConcat:
		var seen []string
		for _, a := range values {
			if v := strings.TrimSpace(a.Value); v != "" && !slices.Contains(seen, v) {
				seen = append(seen, v)
			}
		}
		return strings.Join(seen, "\n"), true, ""
	}
	return "", false, ""
}

// number is a decimal number as files write them: 120, -3, 12.5, 12,5.
var number = regexp.MustCompile(`^[+-]?[0-9]+([.,][0-9]+)?$`)

// allDates returns the values as dates when every one is a YYYY-MM-DD date.
func allDates(values []Attribute) ([]string, bool) {
	out := make([]string, len(values))
	for i, a := range values {
		v := strings.TrimSpace(a.Value)
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			return nil, false
		}
		out[i] = v
	}
	return out, true
}

// ratString writes a number as a person would: 200, 12.5, -3.25.
func ratString(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	s := r.FloatString(10)
	return strings.TrimRight(strings.TrimRight(s, "0"), ".")
}

// Kept is one value a merge keeps, and why: for the preview a reviewer
// confirms (and the API's dry run).
type Kept struct {
	Field string `json:"field"` // a core field, or "attributes.<key>"
	Value string `json:"value"`
	// From is the profile the value comes from; empty when a rule
	// combined the values of several.
	From string `json:"from,omitempty"`
	// How says why: "picked", "survivor", "most recent" (the survivor had
	// none, or the latest of an attribute), a rule's name ("sum", "max",
	// "min", "concat"), or a rule that fell back ("most recent: sum cannot
	// read \"abc\"").
	How string `json:"how"`
}

// fallbackHow words a rule that could not read a value.
func fallbackHow(r AttributeRule, bad string) string {
	return fmt.Sprintf("most recent: %s cannot read %q", r, bad)
}
