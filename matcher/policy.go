package matcher

import (
	_ "embed"
	"strings"
)

// Why a valid contact value is still not used as a match key. (An invalid
// one has ProblemInvalid.)
const (
	ProblemBlocked     Problem = "blocked"     // on the tenant's list of blocked values
	ProblemPlaceholder Problem = "placeholder" // a known placeholder such as noemail@… or 0600000000
	ProblemShared      Problem = "shared"      // already held by more active profiles than the tenant allows
)

// DefaultSharedThreshold is how many active profiles may hold one contact
// value before it stops being a match key: one salon phone must not glue
// hundreds of customers together.
const DefaultSharedThreshold = 5

// MaxSharedThreshold is the largest shared-value threshold a tenant may
// set: past it no value is ever too shared, which the name guard alone
// cannot make safe.
const MaxSharedThreshold = 100_000

// Policy is a tenant's matching policy.
type Policy struct {
	// NameGuard refuses to update a profile whose first name is not
	// compatible with the incoming one (NamesCompatible), unless the
	// booking gives its names the other way round (NamesSwapped). On by
	// default.
	NameGuard bool
	// SharedThreshold: a value held by more active profiles than this is
	// not a key. Zero means DefaultSharedThreshold.
	SharedThreshold int
	// Blocked lists values that are never keys: normalised emails and
	// E.164 numbers, or "local@*" for a local part at any domain.
	Blocked []string
	// AttributeRules says how a merge combines each attribute's values
	// (key → rule); latest for keys not listed.
	AttributeRules map[string]AttributeRule
	// Version is recorded with every decision so it can be explained later.
	Version int
}

// Threshold returns the shared-value threshold in force.
func (p Policy) Threshold() int {
	if p.SharedThreshold <= 0 {
		return DefaultSharedThreshold
	}
	return p.SharedThreshold
}

// TooShared reports whether a value held by holders active profiles is too
// common to identify anyone.
func (p Policy) TooShared(holders int) bool { return holders > p.Threshold() }

// Ignored is a key set aside, with why.
type Ignored struct {
	Key     Key
	Problem Problem
}

// Screen splits keys into those that may be used and those the policy sets
// aside (blocked by the tenant, or a known placeholder). The shared-value
// rule needs the customer file and is applied by the caller with TooShared.
func (p Policy) Screen(keys []Key) (usable []Key, ignored []Ignored) {
	for _, k := range keys {
		switch {
		case p.blocked(k.Value):
			ignored = append(ignored, Ignored{k, ProblemBlocked})
		case Placeholder(k):
			ignored = append(ignored, Ignored{k, ProblemPlaceholder})
		default:
			usable = append(usable, k)
		}
	}
	return usable, ignored
}

// blocked reports whether the tenant blocked value. An Argentine mobile
// is blocked by the landline of its digits too: a Buenos Aires salon that
// blocked its own 011 4321-0000 (+541143210000) blocks it typed in a
// customer's mobile box, which reads it as +5491143210000
// (NormalizeCustomerMobile); the digits name one line.
func (p Policy) blocked(value string) bool {
	local, _, isEmail := strings.Cut(value, "@")
	digits, isArgentineMobile := strings.CutPrefix(value, "+549")
	for _, b := range p.Blocked {
		if b == value || (isEmail && b == local+"@*") || (isArgentineMobile && b == "+54"+digits) {
			return true
		}
	}
	return false
}

// placeholdersData lists the values that are placeholders for every
// tenant, one a line: "local NAME" (that local part at any domain),
// "domain NAME" (any address there) or "email ADDRESS".
//
//go:embed placeholders.txt
var placeholdersData string

var placeholderLocals, placeholderDomains, placeholderEmails = parsePlaceholders(placeholdersData)

func parsePlaceholders(data string) (locals, domains, emails map[string]bool) {
	locals, domains, emails = map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, line := range strings.Split(data, "\n") {
		line, _, _ = strings.Cut(line, "#")
		kind, value, ok := strings.Cut(strings.TrimSpace(line), " ")
		if !ok {
			continue
		}
		value = strings.ToLower(strings.TrimSpace(value))
		map[string]map[string]bool{"local": locals, "domain": domains, "email": emails}[kind][value] = true
	}
	return locals, domains, emails
}

// Placeholder reports whether a normalised key is a value people type when
// they have none to give: noemail@…, ingen@…, any address at a domain
// named test (test.com, test.se), nc@nc.fr, x@x.nl and xxx@xxx.de (a local
// part of two letters or one letter repeated, which the domain's name
// repeats), a number whose last eight digits are one digit repeated.
func Placeholder(k Key) bool {
	switch k.Kind {
	case FieldEmail:
		local, domain, _ := strings.Cut(k.Value, "@")
		label, _, _ := strings.Cut(domain, ".")
		return placeholderEmails[k.Value] || placeholderLocals[local] || placeholderDomains[domain] || label == "test" ||
			local == label && (len(local) <= 2 || strings.Count(local, local[:1]) == len(local))
	case FieldMobile, FieldPhone:
		digits := strings.TrimPrefix(k.Value, "+")
		if len(digits) < 8 {
			return false
		}
		tail := digits[len(digits)-8:]
		return strings.Count(tail, tail[:1]) == len(tail)
	}
	return false
}
