package matcher

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestMerge(t *testing.T) {
	day := func(n int) time.Time { return t0.AddDate(0, 0, n) }
	// a is the oldest and was updated last week; b is newer but updated
	// yesterday; c is the newest and the most recently updated.
	a := Profile{ID: "a", CreatedAt: day(0), UpdatedAt: day(300),
		FirstName: "Camille", LastName: "Roy", Email: "camille@example.fr",
		Attributes: map[string]Attribute{"member_code": {Value: "A-17", SetAt: day(10)}, "tier": {Value: "gold", SetAt: day(5)}}}
	b := Profile{ID: "b", CreatedAt: day(100), UpdatedAt: day(306),
		FirstName: "Cami", Email: "cami@example.fr", Mobile: "+33612345678", BirthDate: "1990-04-02",
		Attributes: map[string]Attribute{"member_code": {Value: "B-2", SetAt: day(200)}}}
	c := Profile{ID: "c", CreatedAt: day(200), UpdatedAt: day(307),
		FirstName: "Camille", LastName: "Roy-Martin", Locale: "fr-FR", BirthDate: "1990-02-04",
		Attributes: map[string]Attribute{"tier": {Value: "silver", SetAt: day(5)}, "newsletter": {Value: "yes", SetAt: day(250)}}}

	tests := []struct {
		name     string
		profiles []Profile
		survivor string
		picks    map[Field]string
		want     Profile
		from     map[Field]string
		merged   []string
	}{
		{
			name:     "DefaultSurvivorIsFirstCreated",
			profiles: []Profile{b, a},
			want: Profile{ID: "a", CreatedAt: day(0), UpdatedAt: day(306),
				FirstName: "Camille", LastName: "Roy", Email: "camille@example.fr", Mobile: "+33612345678", BirthDate: "1990-04-02",
				Attributes: map[string]Attribute{"member_code": {Value: "B-2", SetAt: day(200)}, "tier": {Value: "gold", SetAt: day(5)}}},
			from:   map[Field]string{FieldFirstName: "a", FieldLastName: "a", FieldEmail: "a", FieldMobile: "b", FieldBirthDate: "b"},
			merged: []string{"b"},
		},
		{
			name:     "DesignatedSurvivorKeepsItsValuesAndOldestCreatedAt",
			profiles: []Profile{a, b},
			survivor: "b",
			want: Profile{ID: "b", CreatedAt: day(0), UpdatedAt: day(306),
				FirstName: "Cami", LastName: "Roy", Email: "cami@example.fr", Mobile: "+33612345678", BirthDate: "1990-04-02",
				Attributes: map[string]Attribute{"member_code": {Value: "B-2", SetAt: day(200)}, "tier": {Value: "gold", SetAt: day(5)}}},
			from:   map[Field]string{FieldFirstName: "b", FieldLastName: "a", FieldEmail: "b", FieldMobile: "b", FieldBirthDate: "b"},
			merged: []string{"a"},
		},
		{
			name:     "PicksWin",
			profiles: []Profile{a, b},
			picks:    map[Field]string{FieldFirstName: "b", FieldEmail: "b"},
			want: Profile{ID: "a", CreatedAt: day(0), UpdatedAt: day(306),
				FirstName: "Cami", LastName: "Roy", Email: "cami@example.fr", Mobile: "+33612345678", BirthDate: "1990-04-02",
				Attributes: map[string]Attribute{"member_code": {Value: "B-2", SetAt: day(200)}, "tier": {Value: "gold", SetAt: day(5)}}},
			from:   map[Field]string{FieldFirstName: "b", FieldLastName: "a", FieldEmail: "b", FieldMobile: "b", FieldBirthDate: "b"},
			merged: []string{"b"},
		},
		{
			name:     "PickOfAnEmptyValueIsKept",
			profiles: []Profile{a, b},
			picks:    map[Field]string{FieldMobile: "a"},
			want: Profile{ID: "a", CreatedAt: day(0), UpdatedAt: day(306),
				FirstName: "Camille", LastName: "Roy", Email: "camille@example.fr", BirthDate: "1990-04-02",
				Attributes: map[string]Attribute{"member_code": {Value: "B-2", SetAt: day(200)}, "tier": {Value: "gold", SetAt: day(5)}}},
			from:   map[Field]string{FieldFirstName: "a", FieldLastName: "a", FieldEmail: "a", FieldBirthDate: "b"},
			merged: []string{"b"},
		},
		{
			// Three profiles: a survives; b's mobile fills the gap; the
			// birth date comes from c, the most recently updated; c's
			// last name is picked; c's locale is the only one.
			name:     "ThreeWay",
			profiles: []Profile{c, a, b},
			picks:    map[Field]string{FieldLastName: "c"},
			want: Profile{ID: "a", CreatedAt: day(0), UpdatedAt: day(307),
				FirstName: "Camille", LastName: "Roy-Martin", Email: "camille@example.fr", Mobile: "+33612345678",
				BirthDate: "1990-02-04", Locale: "fr-FR",
				Attributes: map[string]Attribute{
					"member_code": {Value: "B-2", SetAt: day(200)},
					"tier":        {Value: "gold", SetAt: day(5)}, // equal SetAt: the survivor's
					"newsletter":  {Value: "yes", SetAt: day(250)},
				}},
			from: map[Field]string{FieldFirstName: "a", FieldLastName: "c", FieldEmail: "a", FieldMobile: "b",
				FieldBirthDate: "c", FieldLocale: "c"},
			merged: []string{"b", "c"},
		},
		{
			name:     "ThreeWaySurvivorInTheMiddle",
			profiles: []Profile{a, b, c},
			survivor: "b",
			picks:    map[Field]string{FieldBirthDate: "b", FieldFirstName: "c"},
			want: Profile{ID: "b", CreatedAt: day(0), UpdatedAt: day(307),
				FirstName: "Camille", LastName: "Roy-Martin", Email: "cami@example.fr", Mobile: "+33612345678",
				BirthDate: "1990-04-02", Locale: "fr-FR",
				Attributes: map[string]Attribute{
					"member_code": {Value: "B-2", SetAt: day(200)},
					"tier":        {Value: "gold", SetAt: day(5)}, // a and c tie; a is older
					"newsletter":  {Value: "yes", SetAt: day(250)},
				}},
			from: map[Field]string{FieldFirstName: "c", FieldLastName: "c", FieldEmail: "b", FieldMobile: "b",
				FieldBirthDate: "b", FieldLocale: "c"},
			merged: []string{"a", "c"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := PlanMerge(tt.profiles, tt.survivor, tt.picks, nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, plan.Profile); diff != "" {
				t.Errorf("merged profile (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.from, plan.From); diff != "" {
				t.Errorf("values from (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.merged, plan.Merged); diff != "" {
				t.Errorf("tombstones (-want +got):\n%s", diff)
			}
			got, err := Merge(tt.profiles, tt.survivor, tt.picks)
			if err != nil || !cmp.Equal(got, plan.Profile) {
				t.Errorf("Merge = %+v, %v; want PlanMerge's profile", got, err)
			}
		})
	}
}

func TestMergeErrors(t *testing.T) {
	a := Profile{ID: "a", CreatedAt: t0}
	b := Profile{ID: "b", CreatedAt: now}
	tests := []struct {
		name     string
		profiles []Profile
		survivor string
		picks    map[Field]string
		field    string
	}{
		{"OneProfile", []Profile{a}, "", nil, "merged_ids"},
		{"SameProfileTwice", []Profile{a, a}, "", nil, "merged_ids"},
		{"SurvivorNotMerged", []Profile{a, b}, "z", nil, "survivor_id"},
		{"PickFromElsewhere", []Profile{a, b}, "", map[Field]string{FieldFirstName: "z"}, "fields.first_name"},
		{"PickNotAField", []Profile{a, b}, "", map[Field]string{"password": "a"}, "fields.password"},
		{"PickAttributes", []Profile{a, b}, "", map[Field]string{FieldAttributes: "a"}, "fields.attributes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := PlanMerge(tt.profiles, tt.survivor, tt.picks, nil)
			var me *MergeError
			if !errors.As(err, &me) || me.Field != tt.field || me.Message == "" {
				t.Fatalf("PlanMerge = %v, want a MergeError on %s", err, tt.field)
			}
		})
	}
}

func TestDifferences(t *testing.T) {
	a := Profile{FirstName: "Camille", LastName: "Roy", Attributes: map[string]Attribute{"k": {Value: "1", SetAt: t0}, "same": {Value: "x"}}}
	b := Profile{FirstName: "Cami", LastName: "Roy", Email: "c@example.fr", Attributes: map[string]Attribute{"k": {Value: "2"}, "same": {Value: "x", SetAt: now}}}
	c := Profile{FirstName: "Camille", LastName: "Roy", Attributes: map[string]Attribute{"same": {Value: "x"}, "only": {Value: "c"}}}
	tests := []struct {
		name     string
		profiles []Profile
		want     []string
	}{
		{"Pair", []Profile{a, b}, []string{"first_name", "email", "attributes.k"}},
		{"ThreeWay", []Profile{a, b, c}, []string{"first_name", "email", "attributes.k", "attributes.only"}},
		{"Same", []Profile{a, a}, nil},
		{"One", []Profile{a}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Differences(tt.profiles)); diff != "" {
				t.Errorf("Differences (-want +got):\n%s", diff)
			}
		})
	}
}
