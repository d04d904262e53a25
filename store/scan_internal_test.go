package store

import (
	"slices"
	"testing"

	"dedupe/matcher"
)

// TestExactGroupsFoldSubsets: a value whose holders are among another's
// is folded into it, with its kind; values whose holders only partly
// overlap stay apart, as do values with no holder in common.
func TestExactGroupsFoldSubsets(t *testing.T) {
	email, mobile := matcher.FieldEmail, matcher.FieldMobile
	value := func(kind matcher.Field, ids ...string) exactGroup {
		return exactGroup{kinds: []matcher.Field{kind}, ids: ids}
	}
	got := exactGroups([]exactGroup{value(email, "b", "a"), value(mobile, "a", "b", "c"), value(email, "d", "e"),
		value(email, "c", "f"), value(mobile, "d", "e")})
	want := []exactGroup{{kinds: []matcher.Field{email, mobile}, ids: []string{"a", "b", "c"}}, value(email, "c", "f"),
		{kinds: []matcher.Field{email, mobile}, ids: []string{"d", "e"}}}
	if !slices.EqualFunc(got, want, func(x, y exactGroup) bool { return slices.Equal(x.kinds, y.kinds) && slices.Equal(x.ids, y.ids) }) {
		t.Errorf("exactGroups = %+v, want %+v", got, want)
	}
}
