package matcher

import (
	"slices"
	"testing"
	"time"
)

func TestMergeAttributeRules(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	a := Profile{ID: "a", CreatedAt: day(1), UpdatedAt: day(1), FirstName: "Ana", Attributes: map[string]Attribute{
		"loyalty_points": {"120", day(2)}, "expires": {"2027-03-31", day(2)}, "notes": {"allergic to latex", day(2)},
		"member_code": {"A-17", day(2)}, "tier": {"gold", day(2)}, "visits": {"3", day(2)},
	}}
	b := Profile{ID: "b", CreatedAt: day(3), UpdatedAt: day(3), FirstName: "Ana", Attributes: map[string]Attribute{
		"loyalty_points": {"80", day(4)}, "expires": {"2026-12-31", day(4)}, "notes": {"prefers mornings", day(4)},
		"member_code": {"B-2", day(4)}, "tier": {"silver", day(4)}, "visits": {"abc", day(4)},
	}}
	c := Profile{ID: "c", CreatedAt: day(5), UpdatedAt: day(5), Attributes: map[string]Attribute{
		"loyalty_points": {"12,5", day(6)}, "notes": {"allergic to latex", day(6)},
	}}
	rules := map[string]AttributeRule{"loyalty_points": AttrSum, "expires": AttrMax, "notes": AttrConcat, "visits": AttrSum, "member_code": AttrMin}
	plan, err := PlanMerge([]Profile{a, b, c}, "", map[Field]string{"attributes.member_code": "b"}, rules)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ key, value, how string }{
		{"loyalty_points", "212.5", "sum"},
		{"expires", "2027-03-31", "max"},
		{"notes", "allergic to latex\nprefers mornings", "concat"},
		{"member_code", "B-2", "picked"},                        // a pick overrides the rule
		{"tier", "silver", "most recent"},                       // no rule: latest
		{"visits", "abc", `most recent: sum cannot read "abc"`}, // the fallback, said
	}
	for _, tt := range tests {
		got := plan.Profile.Attributes[tt.key].Value
		i := slices.IndexFunc(plan.Kept, func(k Kept) bool { return k.Field == "attributes."+tt.key })
		if got != tt.value || i < 0 || plan.Kept[i].How != tt.how || plan.Kept[i].Value != tt.value {
			t.Errorf("%s = %q (kept %+v), want %q by %q", tt.key, got, plan.Kept, tt.value, tt.how)
		}
	}
	if i := slices.IndexFunc(plan.Kept, func(k Kept) bool { return k.Field == "first_name" }); i < 0 || plan.Kept[i].How != "survivor" || plan.Kept[i].From != "a" {
		t.Errorf("first_name kept = %+v, want the survivor's", plan.Kept)
	}
	t.Run("MinOnDates", func(t *testing.T) {
		plan, _ := PlanMerge([]Profile{a, b}, "", nil, map[string]AttributeRule{"expires": AttrMin})
		if got := plan.Profile.Attributes["expires"].Value; got != "2026-12-31" {
			t.Errorf("min of dates = %q", got)
		}
	})
	t.Run("PickedFromAProfileWithout", func(t *testing.T) {
		plan, err := PlanMerge([]Profile{a, c}, "", map[Field]string{"attributes.tier": "c"}, nil)
		if _, has := plan.Profile.Attributes["tier"]; err != nil || has {
			t.Errorf("tier picked from a profile without it = %v, %v; want no tier", plan.Profile.Attributes, err)
		}
	})
	t.Run("BadPick", func(t *testing.T) {
		if _, err := PlanMerge([]Profile{a, b}, "", map[Field]string{"attributes.no such": "a"}, nil); err == nil {
			t.Error("a pick of a malformed attribute key was accepted")
		}
	})
}
