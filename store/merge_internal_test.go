package store

import (
	"slices"
	"testing"

	"dedupe/matcher"
)

// TestMergeChangedFields: profile.merged names every field of the survivor
// the merge changed, the address (taken whole from another profile) and an
// attribute it no longer holds among them, and nothing it left alone.
func TestMergeChangedFields(t *testing.T) {
	was := matcher.Profile{ID: "s", FirstName: "Marc", LastName: "Petit",
		Attributes: map[string]matcher.Attribute{"visits": {Value: "3"}, "note": {Value: "vip"}}}
	now := was
	now.Email = "elodie@example.fr"
	now.Address = matcher.Address{Line1: "12 rue des Lilas", PostalCode: "75011", City: "Paris", Country: "FR"}
	now.Attributes = map[string]matcher.Attribute{"visits": {Value: "5"}}
	other := matcher.Profile{ID: "o", FirstName: "Élodie"}
	got := mergeChangedFields([]profileImage{{Profile: profileRow{Profile: other}}, {Profile: profileRow{Profile: was}}},
		profileRow{Profile: now})
	if want := []string{"address", "attributes.note", "attributes.visits", "email"}; !slices.Equal(got, want) {
		t.Errorf("changed fields %q, want %q", got, want)
	}
	if got := mergeChangedFields([]profileImage{{Profile: profileRow{Profile: was}}}, profileRow{Profile: was}); len(got) != 0 {
		t.Errorf("a merge that changed nothing names %q", got)
	}
}
