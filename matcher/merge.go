package matcher

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// MergeError says why a merge request cannot be carried out as asked: a
// profile named twice, a survivor or a pick that is not one of the merged
// profiles, a pick on a field that cannot be picked. Field names the part
// of the request at fault, with the API's names.
type MergeError struct {
	Field   string
	Message string
}

// Error returns the message.
func (e *MergeError) Error() string { return e.Message }

// MergePlan is what merging a set of profiles does, before anything is
// written: the survivor, the profiles that become its tombstones, the
// merged profile and, for each field, the profile its value comes from.
type MergePlan struct {
	// Survivor is the id of the profile that stays active.
	Survivor string
	// Merged lists the other profiles, oldest first; they become
	// tombstones pointing at the survivor.
	Merged []string
	// Profile is the merged profile, with the survivor's id. Its UpdatedAt
	// is the latest of the inputs; the store stamps the time of the merge.
	Profile Profile
	// From gives, for each scalar field with a value, the id of the
	// profile that value comes from.
	From map[Field]string
	// AttributeFrom gives, for each attribute whose value one profile
	// gave, that profile (not for a value a rule combined).
	AttributeFrom map[string]string
	// Kept lists every value the merged profile keeps and why, core
	// fields first, then attributes by key.
	Kept []Kept
}

// DefaultSurvivor is the profile a merge keeps when the reviewer does not
// choose: the first-created one (smallest CreatedAt, ties by id), the same
// profile the decision table updates.
func DefaultSurvivor(profiles []Profile) string {
	if len(profiles) == 0 {
		return ""
	}
	return slices.MinFunc(profiles, byCreation).ID
}

func byCreation(a, b Profile) int {
	return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
}

// Merge combines 2..N profiles into one and returns it; see PlanMerge for
// the rules.
func Merge(profiles []Profile, survivorID string, picks map[Field]string) (Profile, error) {
	plan, err := PlanMerge(profiles, survivorID, picks, nil)
	return plan.Profile, err
}

// PlanMerge applies DESIGN.md's merge rules to 2..N profiles:
//
//   - the survivor is survivorID, or the first-created profile when it is
//     empty;
//   - a field picked ("first_name", "attributes.<key>") takes the value of
//     the profile picks names for it, even an empty one: the reviewer chose
//     it;
//   - a core field not picked keeps the survivor's value, or failing that
//     the most recently updated non-empty value;
//   - an attribute not picked follows the tenant's rule for its key
//     (AttributeRule; "latest", the most recently set value, by default);
//     a value the rule cannot read makes it fall back to "latest";
//   - CreatedAt becomes the oldest.
//
// The plan's Kept lists every value kept and why. Contact points and
// activities are not part of Profile: the store moves all of them to the
// survivor.
func PlanMerge(profiles []Profile, survivorID string, picks map[Field]string, rules map[string]AttributeRule) (MergePlan, error) {
	if len(profiles) < 2 {
		return MergePlan{}, &MergeError{Field: "merged_ids", Message: "a merge needs at least two profiles"}
	}
	byID := make(map[string]Profile, len(profiles))
	for _, p := range profiles {
		if _, dup := byID[p.ID]; dup {
			return MergePlan{}, &MergeError{Field: "merged_ids", Message: fmt.Sprintf("profile %s is named twice", p.ID)}
		}
		byID[p.ID] = p
	}
	if survivorID == "" {
		survivorID = DefaultSurvivor(profiles)
	}
	survivor, ok := byID[survivorID]
	if !ok {
		return MergePlan{}, &MergeError{Field: "survivor_id", Message: fmt.Sprintf("survivor %s is not one of the profiles merged", survivorID)}
	}
	for _, f := range slices.Sorted(maps.Keys(picks)) {
		key, isAttr := strings.CutPrefix(string(f), attributePrefix)
		if !slices.Contains(ScalarFields, f) && f != FieldAddress && !(isAttr && attrKey.MatchString(key)) {
			return MergePlan{}, &MergeError{Field: "fields." + string(f),
				Message: fmt.Sprintf("%q cannot be picked: pick a profile field, or an attribute as \"attributes.<key>\"", f)}
		}
		if _, ok := byID[picks[f]]; !ok {
			return MergePlan{}, &MergeError{Field: "fields." + string(f),
				Message: fmt.Sprintf("the value of %s is picked from %s, which is not one of the profiles merged", f, picks[f])}
		}
	}

	// Most recently updated first, for fields nobody picked and the
	// survivor lacks; the creation order breaks ties so the result never
	// depends on the order of the input.
	recent := slices.Clone(profiles)
	slices.SortFunc(recent, func(a, b Profile) int {
		return cmp.Or(b.UpdatedAt.Compare(a.UpdatedAt), byCreation(a, b))
	})
	ordered := slices.Clone(profiles)
	slices.SortFunc(ordered, byCreation)

	plan := MergePlan{Survivor: survivorID, From: map[Field]string{}, AttributeFrom: map[string]string{}}
	out := Profile{ID: survivorID, CreatedAt: survivor.CreatedAt, UpdatedAt: survivor.UpdatedAt}
	for _, p := range ordered {
		if p.ID != survivorID {
			plan.Merged = append(plan.Merged, p.ID)
		}
		if p.CreatedAt.Before(out.CreatedAt) {
			out.CreatedAt = p.CreatedAt
		}
		if p.UpdatedAt.After(out.UpdatedAt) {
			out.UpdatedAt = p.UpdatedAt
		}
	}
	for _, f := range ScalarFields {
		from, how := sourceOf(f, survivor, picks, recent, func(p Profile) bool { return p.Get(f) != "" })
		src := byID[from]
		*out.field(f) = src.Get(f)
		if out.Get(f) != "" {
			plan.From[f] = from
			plan.Kept = append(plan.Kept, Kept{Field: string(f), Value: out.Get(f), From: from, How: how})
		}
	}
	// The address goes whole, from one profile.
	from, how := sourceOf(FieldAddress, survivor, picks, recent, func(p Profile) bool { return !p.Address.Empty() })
	if out.Address = byID[from].Address; !out.Address.Empty() {
		plan.From[FieldAddress] = from
		plan.Kept = append(plan.Kept, Kept{Field: string(FieldAddress), Value: out.Address.String(), From: from, How: how})
	}
	out.Attributes, plan.AttributeFrom = mergeAttributes(ordered, survivor, byID, picks, rules, &plan.Kept)
	plan.Profile = out
	return plan, nil
}

// sourceOf says which profile a field's value comes from, and how it was
// chosen: the profile picked for it; else the survivor; else, when the
// survivor has none (has is false), the most recently updated profile
// that has one (recent is in that order). A field none has comes from the
// survivor, empty.
func sourceOf(f Field, survivor Profile, picks map[Field]string, recent []Profile, has func(Profile) bool) (from, how string) {
	if id, ok := picks[f]; ok {
		return id, "picked"
	}
	if !has(survivor) {
		for _, p := range recent {
			if has(p) {
				return p.ID, "most recent"
			}
		}
	}
	return survivor.ID, "survivor"
}

// mergeAttributes combines the attributes of profiles (oldest first) by
// picks and rules, noting each kept value in kept.
func mergeAttributes(ordered []Profile, survivor Profile, byID map[string]Profile, picks map[Field]string,
	rules map[string]AttributeRule, kept *[]Kept) (map[string]Attribute, map[string]string) {
	keys := map[string]bool{}
	for _, p := range ordered {
		for k := range p.Attributes {
			keys[k] = true
		}
	}
	var out map[string]Attribute
	from := map[string]string{}
	set := func(key string, a Attribute, src, how string) {
		if out == nil {
			out = map[string]Attribute{}
		}
		out[key] = a
		if src != "" {
			from[key] = src
		}
		*kept = append(*kept, Kept{Field: attributePrefix + key, Value: a.Value, From: src, How: how})
	}
	for _, key := range slices.Sorted(maps.Keys(keys)) {
		if id, ok := picks[Field(attributePrefix+key)]; ok {
			if a, has := byID[id].Attributes[key]; has {
				set(key, a, id, "picked")
			}
			continue
		}
		// The holders, oldest set first; the survivor first among equals,
		// so that on equal SetAt its value is the latest.
		type held struct {
			Attribute
			id string
		}
		var hs []held
		for _, p := range append([]Profile{survivor}, ordered...) {
			if a, ok := p.Attributes[key]; ok && !slices.ContainsFunc(hs, func(h held) bool { return h.id == p.ID }) {
				hs = append(hs, held{a, p.ID})
			}
		}
		slices.SortStableFunc(hs, func(a, b held) int { return a.SetAt.Compare(b.SetAt) })
		latest := hs[0]
		for _, h := range hs[1:] {
			if h.SetAt.After(latest.SetAt) {
				latest = h
			}
		}
		rule := cmp.Or(rules[key], AttrLatest)
		if rule == AttrLatest || len(hs) == 1 {
			set(key, latest.Attribute, latest.id, map[bool]string{true: "most recent", false: "only value"}[len(hs) > 1])
			continue
		}
		values := make([]Attribute, len(hs))
		for i, h := range hs {
			values[i] = h.Attribute
		}
		v, ok, bad := rule.combine(values)
		if !ok {
			set(key, latest.Attribute, latest.id, fallbackHow(rule, bad))
			continue
		}
		set(key, Attribute{Value: v, SetAt: latest.SetAt}, "", string(rule))
	}
	return out, from
}

// Differences lists the fields whose values are not the same on all the
// profiles: the scalar fields in ScalarFields order, "address", then "attributes.<key>"
// for each attribute some profile lacks or holds with another value, by
// key. A review page highlights them.
func Differences(profiles []Profile) []string {
	var out []string
	for _, f := range ScalarFields {
		for _, p := range profiles[min(1, len(profiles)):] {
			if p.Get(f) != profiles[0].Get(f) {
				out = append(out, string(f))
				break
			}
		}
	}
	for _, p := range profiles[min(1, len(profiles)):] {
		if p.Address != profiles[0].Address {
			out = append(out, string(FieldAddress))
			break
		}
	}
	keys := map[string]bool{}
	for _, p := range profiles {
		for k := range p.Attributes {
			keys[k] = true
		}
	}
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		first, had := profiles[0].Attributes[k]
		for _, p := range profiles[1:] {
			a, has := p.Attributes[k]
			if has != had || a.Value != first.Value {
				out = append(out, attributePrefix+k)
				break
			}
		}
	}
	return out
}
