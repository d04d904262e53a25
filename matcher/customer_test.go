package matcher

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var (
	t0  = time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
)

func existing() Profile {
	return Profile{
		ID: "p1", CreatedAt: t0, UpdatedAt: t0,
		FirstName: "Camille", LastName: "Roy", Email: "camille.roy@example.fr", Mobile: "+33612345678",
		BirthDate: "1990-04-02", Gender: "f", Locale: "fr-FR",
		Attributes: map[string]Attribute{"member_code": {Value: "A-17", SetAt: t0}},
		Address:    Address{Line1: "12 rue des Lilas", PostalCode: "75011", City: "Paris", Country: "FR"},
	}
}

func TestApply(t *testing.T) {
	tests := []struct {
		name      string
		customer  Customer
		requested []string
		stored    func(p *Profile) // the existing profile changed first, when set
		want      func(p *Profile)
		changes   []Change
	}{
		{
			name:      "OnlyRequestedFieldsWritten",
			customer:  Customer{FirstName: "Camilla", LastName: "Dupont", Email: "camille.roy@example.fr"},
			requested: []string{"first_name", "email"},
			want:      func(p *Profile) { p.FirstName = "Camilla"; p.UpdatedAt = now },
			changes:   []Change{{Field: "first_name", Old: "Camille", New: "Camilla"}},
		},
		{
			name:      "BlankNeverErases",
			customer:  Customer{FirstName: "", LastName: "  ", Email: ""},
			requested: []string{"first_name", "last_name", "email", "mobile"},
			want:      func(p *Profile) {},
		},
		{
			name:      "NewMobileBecomesPrimary",
			customer:  Customer{Mobile: "07 81 22 33 44"},
			requested: []string{"mobile"},
			want:      func(p *Profile) { p.Mobile = "+33781223344"; p.UpdatedAt = now },
			changes:   []Change{{Field: "mobile", Old: "+33612345678", New: "+33781223344"}},
		},
		{
			name:      "SameNumberOtherFormatIsNoChange",
			customer:  Customer{Mobile: "+33 6 12 34 56 78"},
			requested: []string{"mobile"},
			want:      func(p *Profile) {},
		},
		{
			name:      "InvalidEmailNeverDisplacesValidOne",
			customer:  Customer{Email: "camille@@example"},
			requested: []string{"email"},
			want:      func(p *Profile) {},
		},
		{
			name:      "AbsentRequestedFieldsMeansNonEmptySent",
			customer:  Customer{LastName: "Roy-Martin", Locale: "en-GB"},
			requested: nil,
			want:      func(p *Profile) { p.LastName = "Roy-Martin"; p.Locale = "en-GB"; p.UpdatedAt = now },
			changes: []Change{
				{Field: "last_name", Old: "Roy", New: "Roy-Martin"},
				{Field: "locale", Old: "fr-FR", New: "en-GB"},
			},
		},
		{
			name:      "EmptyRequestedListWritesNothing",
			customer:  Customer{LastName: "Roy-Martin"},
			requested: []string{},
			want:      func(p *Profile) {},
		},
		{
			name:      "NameWrittenWithLessCareKeepsTheStoredOne",
			customer:  Customer{FirstName: "camille", LastName: "ROY"},
			requested: []string{"first_name", "last_name"},
			want:      func(p *Profile) {},
		},
		{
			name:      "NameThatSaysLessKeepsTheStoredOne",
			customer:  Customer{FirstName: "C."},
			requested: []string{"first_name"},
			want:      func(p *Profile) {},
		},
		{
			name:      "NameOfNoLettersIsBlank",
			customer:  Customer{FirstName: "-", LastName: "?"},
			requested: []string{"first_name", "last_name"},
			want:      func(p *Profile) {},
		},
		{
			name:      "NameWrittenWithMoreCareReplacesTheStoredOne",
			customer:  Customer{FirstName: "Camillé"},
			requested: []string{"first_name"},
			want:      func(p *Profile) { p.FirstName = "Camillé"; p.UpdatedAt = now },
			changes:   []Change{{Field: "first_name", Old: "Camille", New: "Camillé"}},
		},
		{
			name:      "AddressSayingLessKeepsTheStoredOne",
			customer:  Customer{Address: &Address{Line1: " 12  Rue des lilas", Country: "fr"}},
			requested: []string{"address"},
			want:      func(p *Profile) {},
		},
		{
			name:      "AddressOfACountryAloneKeepsTheStoredOne",
			customer:  Customer{Address: &Address{Country: "FR"}},
			requested: nil,
			want:      func(p *Profile) {},
		},
		{
			name:      "AddressOfAnotherCountryAloneKeepsTheStoredOne", // a widget's default
			customer:  Customer{Address: &Address{Country: "BE"}},
			requested: []string{"address"},
			want:      func(p *Profile) {},
		},
		{
			name:      "AddressOfACountryAloneIsWrittenWhereNoneIs",
			customer:  Customer{Address: &Address{Country: "BE"}},
			requested: []string{"address"},
			stored:    func(p *Profile) { p.Address = Address{} },
			want:      func(p *Profile) { p.Address = Address{Country: "BE"}; p.UpdatedAt = now },
			changes:   []Change{{Field: "address", Old: "", New: "BE"}},
		},
		{
			name:      "AddressNamingTheTenantsCountryKeepsOneThatNamesNone",
			customer:  Customer{Address: &Address{Line1: "12 rue des Lilas", Country: "FR"}},
			requested: []string{"address"},
			stored:    func(p *Profile) { p.Address.Country = "" },
			want:      func(p *Profile) { p.Address.Country = "" },
		},
		{
			name:      "AddressOfTheSameHomeCompletesTheStoredOne",
			customer:  Customer{Address: &Address{Line1: "12 rue des lilas", Line2: "Bât. B"}},
			requested: []string{"address"},
			want:      func(p *Profile) { p.Address.Line2 = "Bât. B"; p.UpdatedAt = now },
			changes: []Change{{Field: "address", Old: "12 rue des Lilas, 75011 Paris, FR",
				New: "12 rue des Lilas, Bât. B, 75011 Paris, FR"}},
		},
		{
			name:      "AddressOfTheSameHomeWrittenAnotherWayKeepsTheStoredOne",
			customer:  Customer{Address: &Address{Line1: "Hauptstr. 12 a", PostalCode: "80331", City: "Muenchen", Country: "DE"}},
			requested: []string{"address"},
			stored: func(p *Profile) {
				p.Address = Address{Line1: "Hauptstraße 12a", PostalCode: "80331", City: "München", Country: "DE"}
			},
			want: func(p *Profile) {
				p.Address = Address{Line1: "Hauptstraße 12a", PostalCode: "80331", City: "München", Country: "DE"}
			},
		},
		{
			name:      "AddressWithItsTownAbbreviatedKeepsTheStoredOne",
			customer:  Customer{Address: &Address{Line1: "12 Main St", City: "Ft Worth", Country: "US"}},
			requested: []string{"address"},
			stored: func(p *Profile) {
				p.Address = Address{Line1: "12 Main Street", PostalCode: "76102", City: "Fort Worth", Country: "US"}
			},
			want: func(p *Profile) {
				p.Address = Address{Line1: "12 Main Street", PostalCode: "76102", City: "Fort Worth", Country: "US"}
			},
		},
		{
			name:      "AddressWithItsTownInEnglishKeepsTheStoredOne",
			customer:  Customer{Address: &Address{Line1: "Hauptstr. 12 a", City: "Munich", Country: "DE"}},
			requested: []string{"address"},
			stored: func(p *Profile) {
				p.Address = Address{Line1: "Hauptstraße 12a", PostalCode: "80331", City: "München", Country: "DE"}
			},
			want: func(p *Profile) {
				p.Address = Address{Line1: "Hauptstraße 12a", PostalCode: "80331", City: "München", Country: "DE"}
			},
		},
		{
			name:      "AddressWithItsDoorInTheLineReplacesTheWhole", // not the same line: the flat would be lost
			customer:  Customer{Address: &Address{Line1: "Mariahilfer Straße 12/3/14", PostalCode: "1060", City: "Wien", Country: "AT"}},
			requested: []string{"address"},
			stored: func(p *Profile) {
				p.Address = Address{Line1: "Mariahilfer Straße 12", PostalCode: "1060", City: "Wien", Country: "AT"}
			},
			want: func(p *Profile) {
				p.Address = Address{Line1: "Mariahilfer Straße 12/3/14", PostalCode: "1060", City: "Wien", Country: "AT"}
				p.UpdatedAt = now
			},
			changes: []Change{{Field: "address", Old: "Mariahilfer Straße 12, 1060 Wien, AT", New: "Mariahilfer Straße 12/3/14, 1060 Wien, AT"}},
		},
		{
			name:      "AddressOfAnotherNumberOnTheStreetReplacesTheWhole",
			customer:  Customer{Address: &Address{Line1: "12 bis rue des Lilas", City: "Paris"}},
			requested: []string{"address"},
			want: func(p *Profile) {
				p.Address = Address{Line1: "12 bis rue des Lilas", City: "Paris"}
				p.UpdatedAt = now
			},
			changes: []Change{{Field: "address", Old: "12 rue des Lilas, 75011 Paris, FR", New: "12 bis rue des Lilas, Paris"}},
		},
		{
			name:      "OtherAddressReplacesTheWhole",
			customer:  Customer{Address: &Address{Line1: "3 place Bellecour", PostalCode: "69002"}},
			requested: []string{"address"},
			want: func(p *Profile) {
				p.Address = Address{Line1: "3 place Bellecour", PostalCode: "69002"}
				p.UpdatedAt = now
			},
			changes: []Change{{Field: "address", Old: "12 rue des Lilas, 75011 Paris, FR", New: "3 place Bellecour, 69002"}},
		},
		{
			name:      "AddressNotRequestedIsNotWritten",
			customer:  Customer{Address: &Address{Line1: "3 place Bellecour", PostalCode: "69002"}},
			requested: []string{"first_name"},
			want:      func(p *Profile) {},
		},
		{
			name:      "OneAttributeRequested",
			customer:  Customer{Attributes: map[string]string{"member_code": "B-2", "tier": "gold"}},
			requested: []string{"attributes.tier"},
			want: func(p *Profile) {
				p.Attributes["tier"] = Attribute{Value: "gold", SetAt: now}
				p.UpdatedAt = now
			},
			changes: []Change{{Field: "attributes.tier", Old: "", New: "gold"}},
		},
		{
			name:      "AllAttributesRequested",
			customer:  Customer{Attributes: map[string]string{"member_code": "B-2", "tier": ""}},
			requested: []string{"attributes"},
			want: func(p *Profile) {
				p.Attributes["member_code"] = Attribute{Value: "B-2", SetAt: now}
				p.UpdatedAt = now
			},
			changes: []Change{{Field: "attributes.member_code", Old: "A-17", New: "B-2"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := existing(), existing()
			if tt.stored != nil {
				tt.stored(&got)
				tt.stored(&want)
			}
			tt.want(&want)
			changes := Apply(&got, NewIncoming(tt.customer, tt.requested, "FR"), now)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("profile (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.changes, changes); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSaysLess(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"J.", "Jean", true},
		{"j", "Jean", true},
		{"J.-P.", "Jean-Pierre", true},
		{"JP", "Jean-Pierre", true},
		{"Alex", "Alexandra", true}, // a short form shared with Alexander
		{"Liz", "Elizabeth", true},
		{"Max", "Maxime", true}, // cut short
		{"Jean", "J.", false},   // says more: the initial written out
		{"Alexandra", "Alex", false},
		{"Liz", "Beth", false},            // two short forms of one name: the latest wins
		{"Katherine", "Catherine", false}, // two spellings: the latest wins
		{"K.", "Jean", false},
		{"Julie", "Jean", false},
		{"Jean", "Jean", false},
		{"", "Jean", false},
		{"Maxine", "Maxime", false},
		{"Dr. Andreas", "Andreas", true}, // a title says no more
		{"Mme Sophie", "Sophie", true},
		{"Andreas", "Dr. Andreas", false},    // the title gone: written
		{"J.H.", "Johannes", true},           // initials alone, as Dutch records write them
		{"Mª José", "María José", true},      // an abbreviation
		{"María José", "Mª José", false},     // written out: written
		{"Jean Pierre", "JeanPierre", false}, // as much: the latest written
		{"Ania", "Anna", true},               // a Polish short form
		{"Camilla", "Camille", false},        // one slip: another name, or a correction, written
	} {
		if got := SaysLess(tt.a, tt.b); got != tt.want {
			t.Errorf("SaysLess(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestWrittenWithLessCare(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"zoe", "Zoé", true},
		{"Zoe", "Zoé", true},
		{"ZOÉ", "Zoé", true},
		{"jean pierre", "Jean-Pierre", true},
		{"obrien", "O'Brien", true},
		{"ИВАН", "Иван", true},
		{"zoe", "Zoe\u0301", true}, // "Zoé" written decomposed
		{"Lukasz", "Łukasz", true},
		{"Zoé", "zoe", false},  // the careful one replaces the hasty one
		{"Zoé", "Zoé", false},  // the same
		{"Zoë", "Zoé", false},  // as careful: the latest wins
		{"ZOÉ", "Zoe", false},  // an accent more, the mixed case less
		{"Zoey", "Zoé", false}, // other letters: another name
		{"Mcdonald", "McDonald", false},
		{"Juergen", "Jürgen", true}, // the umlaut written out, as German does
		{"MUELLER", "Müller", true},
		{"Mueller", "Mu\u0308ller", true}, // "Müller" written decomposed
		{"Schaefer", "Schäfer", true},
		{"Jürgen", "Juergen", false}, // the careful one replaces the hasty one
		{"Muller", "Müller", true},
		{"Mueler", "Müller", false}, // other letters
		{"Noeel", "Noël", false},    // ë is French, not an umlaut
	} {
		if got := WrittenWithLessCare(tt.a, tt.b); got != tt.want {
			t.Errorf("WrittenWithLessCare(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNewProfile(t *testing.T) {
	in := NewIncoming(Customer{FirstName: " Camille ", Email: "Camille.Roy@Example.fr", Mobile: "06 12 34 56 78",
		Attributes: map[string]string{"member_code": "A-17"}}, []string{"email"}, "FR")
	got, changes := NewProfile(in, "p9", now)
	want := Profile{ID: "p9", CreatedAt: now, UpdatedAt: now, FirstName: "Camille", Email: "camille.roy@example.fr",
		Mobile: "+33612345678", Attributes: map[string]Attribute{"member_code": {Value: "A-17", SetAt: now}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("profile (-want +got):\n%s", diff)
	}
	if len(changes) != 4 {
		t.Errorf("changes = %v, want 4 (every field set)", changes)
	}
}

func TestNewProfileKeepsInvalidContactAsGiven(t *testing.T) {
	got, _ := NewProfile(NewIncoming(Customer{Email: "camille(at)example", Mobile: "12"}, nil, "FR"), "p", now)
	if got.Email != "camille(at)example" || got.Mobile != "12" {
		t.Errorf("email, mobile = %q, %q; want them stored as given", got.Email, got.Mobile)
	}
}

func TestContacts(t *testing.T) {
	in := NewIncoming(Customer{Email: "a@example.fr", Mobile: "0612345678", Phone: "0142685300"}, []string{"email", "phone"}, "FR")
	got := in.Contacts()
	if len(got) != 2 || got[0].Kind != FieldEmail || got[1].Kind != FieldPhone || got[1].Value != "+33142685300" {
		t.Errorf("Contacts() = %+v, want the requested email and phone", got)
	}
}

func TestValidRequestedField(t *testing.T) {
	for name, want := range map[string]bool{
		"first_name": true, "mobile": true, "attributes": true, "attributes.member_code": true,
		"attributes.": false, "nickname": false, "": false, "id": false,
	} {
		if got := ValidRequestedField(name); got != want {
			t.Errorf("ValidRequestedField(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestCheckCustomerText: a name or contact is one line of printable text;
// an attribute's value may run over lines (notes, and what the concat rule
// of a merge makes of them), but holds no other control character.
func TestCheckCustomerText(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    Customer
		want string // the field at fault, "" for none
	}{
		{"notes on two lines", Customer{FirstName: "Camille", Attributes: map[string]string{"notes": "first visit\r\nprefers mornings\tbook early"}}, ""},
		{"a NUL in notes", Customer{Attributes: map[string]string{"notes": "first\x00visit"}}, "attributes.notes"},
		{"an escape in notes", Customer{Attributes: map[string]string{"notes": "\x1b[31mred"}}, "attributes.notes"},
		{"a line break in a name", Customer{FirstName: "Camille\nRoy"}, "first_name"},
		{"a tab in an email", Customer{Email: "camille\t@example.fr"}, "email"},
		{"invalid UTF-8 in notes", Customer{Attributes: map[string]string{"notes": "caf\xe9"}}, "attributes.notes"},
		{"a Thai birth date in the Buddhist era", Customer{FirstName: "Somchai", BirthDate: "15/08/2543"}, ""},
		{"a Bulgarian birth date with the word for year", Customer{FirstName: "Иван", BirthDate: "14.12.1977 г."}, ""},
		{"a birth date after today's year of the Buddhist era", Customer{FirstName: "Somchai", BirthDate: "15/08/2600"}, "birth_date"},
		{"Algeria's official name", Customer{FirstName: "Amina", Address: &Address{Country: "République algérienne démocratique et populaire"}}, ""},
		{"the United Kingdom's", Customer{FirstName: "Amy", Address: &Address{Country: "United Kingdom of Great Britain and Northern Ireland"}}, ""},
	} {
		got := ""
		if fe := CheckCustomer(tc.c, now); fe != nil {
			got = fe.Field
		}
		if got != tc.want {
			t.Errorf("%s: the field at fault is %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestSetAsideNeverDisplacesAContact: a value the policy set aside (the
// salon's own number) is written only on a profile that has none.
func TestSetAsideNeverDisplacesAContact(t *testing.T) {
	in := NewIncoming(Customer{FirstName: "Léa", Mobile: "01 42 68 53 00"}, nil, "FR")
	in = in.SetAside([]Ignored{{Key: Key{Kind: FieldMobile, Value: "+33142685300"}, Problem: ProblemBlocked}})
	p := Profile{FirstName: "Léa", Mobile: "+33612345678"}
	if changes := Apply(&p, in, now); len(changes) != 0 || p.Mobile != "+33612345678" {
		t.Errorf("Apply wrote %v, mobile %q; want her own mobile kept", changes, p.Mobile)
	}
	blank := Profile{FirstName: "Léa"}
	if Apply(&blank, in, now); blank.Mobile != "+33142685300" {
		t.Errorf("on a profile with none, mobile = %q; want the value kept as given", blank.Mobile)
	}
}
