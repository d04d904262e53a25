package matcher

import (
	"maps"
	"slices"
	"strings"
	"time"
)

// Field names a profile field a booking form can ask for. The names are the
// JSON names of the API contract.
type Field string

// The profile's core fields. Attributes are named "attributes" (all sent
// attributes) or "attributes.<key>" (one of them) in requested_fields.
const (
	FieldFirstName  Field = "first_name"
	FieldLastName   Field = "last_name"
	FieldEmail      Field = "email"
	FieldMobile     Field = "mobile"
	FieldPhone      Field = "phone"
	FieldBirthDate  Field = "birth_date"
	FieldGender     Field = "gender"
	FieldLocale     Field = "locale"
	FieldAttributes Field = "attributes"
)

// ScalarFields lists the single-valued fields in a fixed order.
var ScalarFields = []Field{
	FieldFirstName, FieldLastName, FieldEmail, FieldMobile, FieldPhone,
	FieldBirthDate, FieldGender, FieldLocale,
}

// attributePrefix starts a requested field that names one attribute.
const attributePrefix = "attributes."

// ValidRequestedField reports whether name may appear in requested_fields.
func ValidRequestedField(name string) bool {
	if key, ok := strings.CutPrefix(name, attributePrefix); ok {
		return key != ""
	}
	return name == string(FieldAttributes) || name == string(FieldAddress) || slices.Contains(ScalarFields, Field(name))
}

// Customer is the customer as a booking form or checkout sent it: raw,
// untrusted and possibly incomplete.
type Customer struct {
	FirstName  string            `json:"first_name,omitempty"`
	LastName   string            `json:"last_name,omitempty"`
	Email      string            `json:"email,omitempty"`
	Mobile     string            `json:"mobile,omitempty"`
	Phone      string            `json:"phone,omitempty"`
	BirthDate  string            `json:"birth_date,omitempty"` // YYYY-MM-DD, checked by the API
	Gender     string            `json:"gender,omitempty"`
	Locale     string            `json:"locale,omitempty"`
	Address    *Address          `json:"address,omitempty"`
	Attributes map[string]string `json:"attributes,omitempty"`
}

// Attribute is one free key → value of a profile with the time it was set,
// so that merges can keep the most recently set value.
type Attribute struct {
	Value string    `json:"value"`
	SetAt time.Time `json:"set_at"`
}

// Profile is one customer as the matcher sees it. Email and Mobile are the
// primary contact points.
//
// Its JSON is a stored format: a merge's audit record keeps the profiles
// as they were, so that the merge can be undone. Add fields, never rename.
type Profile struct {
	ID         string               `json:"id"`
	CreatedAt  time.Time            `json:"created_at"`
	UpdatedAt  time.Time            `json:"updated_at"`
	FirstName  string               `json:"first_name"`
	LastName   string               `json:"last_name"`
	Email      string               `json:"email"`
	Mobile     string               `json:"mobile"`
	Phone      string               `json:"phone"`
	BirthDate  string               `json:"birth_date"`
	Gender     string               `json:"gender"`
	Locale     string               `json:"locale"`
	Address    Address              `json:"address"`
	Attributes map[string]Attribute `json:"attributes"`
}

// field returns a pointer to a scalar field, so rules can be written once.
func (p *Profile) field(f Field) *string {
	switch f {
	case FieldFirstName:
		return &p.FirstName
	case FieldLastName:
		return &p.LastName
	case FieldEmail:
		return &p.Email
	case FieldMobile:
		return &p.Mobile
	case FieldPhone:
		return &p.Phone
	case FieldBirthDate:
		return &p.BirthDate
	case FieldGender:
		return &p.Gender
	case FieldLocale:
		return &p.Locale
	}
	panic("matcher: not a scalar field: " + string(f))
}

// Get returns the value of a scalar field.
func (p *Profile) Get(f Field) string { return *p.field(f) }

// Incoming is a normalised customer with the fields its form asked for.
type Incoming struct {
	Customer Customer
	Email    Contact
	Mobile   Contact
	Phone    Contact

	requested map[string]bool // field names; nil means "every non-empty field"
	region    string          // the tenant's: the country of an address that names none
	aside     map[Field]bool  // contacts the policy set aside (SetAside)
}

// SetAside marks the contact values the tenant's policy set aside as no
// identity (Policy.Screen: a blocked value, such as the salon's own
// number, or a placeholder): as an invalid value, Apply writes one only on
// a profile that has none, so the front desk's number typed for a
// customer never displaces her own mobile.
func (in Incoming) SetAside(ignored []Ignored) Incoming {
	for _, ig := range ignored {
		for _, f := range []Field{FieldEmail, FieldMobile, FieldPhone} {
			if c, _ := in.contact(f); c.Value != "" && c.Value == ig.Key.Value {
				if in.aside == nil {
					in.aside = map[Field]bool{}
				}
				in.aside[f] = true
			}
		}
	}
	return in
}

// NewIncoming normalises c with the tenant's phone region, a number in
// national format read in the address's country first
// (NormalizeCustomerPhone), the mobile box as a mobile
// (NormalizeCustomerMobile). requested is the
// booking's requested_fields; when nil, the non-empty fields sent count as
// requested (DESIGN.md, update rules).
func NewIncoming(c Customer, requested []string, region string) Incoming {
	c.FirstName = strings.TrimSpace(c.FirstName)
	c.LastName = strings.TrimSpace(c.LastName)
	c.BirthDate = strings.TrimSpace(c.BirthDate)
	c.Gender = strings.TrimSpace(c.Gender)
	c.Locale = strings.TrimSpace(c.Locale)
	if c.Address != nil {
		if code, ok := regionalCountry(c.Address.Country, region); ok {
			a := *c.Address // SA on a South African form: South Africa
			a.Country = code
			c.Address = &a
		}
	}
	in := Incoming{
		Customer: c,
		Email:    NormalizeEmail(c.Email),
		Mobile:   NormalizeCustomerMobile(c.Mobile, c.Address, region),
		Phone:    NormalizeCustomerPhone(c.Phone, c.Address, region),
		region:   region,
	}
	if requested != nil {
		in.requested = make(map[string]bool, len(requested))
		for _, f := range requested {
			in.requested[f] = true
		}
	}
	return in
}

// Requested reports whether the form asked for field f.
func (in Incoming) Requested(f Field) bool {
	return in.requested == nil || in.requested[string(f)]
}

// requestedAttribute reports whether the form asked for attribute key.
func (in Incoming) requestedAttribute(key string) bool {
	return in.requested == nil || in.requested[string(FieldAttributes)] || in.requested[attributePrefix+key]
}

// contact returns the normalised contact behind a contact field.
func (in Incoming) contact(f Field) (Contact, bool) {
	switch f {
	case FieldEmail:
		return in.Email, true
	case FieldMobile:
		return in.Mobile, true
	case FieldPhone:
		return in.Phone, true
	}
	return Contact{}, false
}

// value is what the incoming customer says field f should be: the normalised
// form of a contact, the trimmed text otherwise.
func (in Incoming) value(f Field) string {
	if c, ok := in.contact(f); ok {
		return c.Value
	}
	p := Profile{
		FirstName: in.Customer.FirstName, LastName: in.Customer.LastName,
		BirthDate: in.Customer.BirthDate, Gender: in.Customer.Gender, Locale: in.Customer.Locale,
	}
	return p.Get(f)
}

// Contacts returns the contact values the booking carries for the fields it
// asked for, in a fixed order: these become the profile's contact points.
func (in Incoming) Contacts() []ContactPoint {
	var out []ContactPoint
	for _, f := range []Field{FieldEmail, FieldMobile, FieldPhone} {
		c, _ := in.contact(f)
		if c.Empty() || !in.Requested(f) {
			continue
		}
		out = append(out, ContactPoint{Kind: f, Contact: c})
	}
	return out
}

// ContactPoint is a contact value of a given kind (email, mobile or phone).
type ContactPoint struct {
	Kind Field
	Contact
}

// Change is one field written by an update, with its old and new values.
type Change struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// NewProfile builds a profile from every non-empty incoming field.
func NewProfile(in Incoming, id string, now time.Time) (Profile, []Change) {
	p := Profile{ID: id, CreatedAt: now, UpdatedAt: now}
	return p, Apply(&p, in.Everything(), now)
}

// Apply writes onto p the requested fields of in and returns what changed.
//
// The rules ("only overwrite the fields that were asked for"): a field that
// was not requested is never touched; a requested field left blank never
// erases a value; an invalid email or number, or one the policy set aside
// (SetAside), is kept as given only when the profile has none, so it never
// displaces a good primary contact; a name written with less care than the
// stored one (WrittenWithLessCare: "zoe" for "Zoé"), a first name that
// says less (SaysLess: "J." or "Alex" for "Alexandra") and a name of no
// letters ("-") leave it as it is. The address is one value: another home
// replaces the stored one whole, and the same home (Address.CompletedBy:
// its street without the town, the form's default country, a flat's line
// added) only completes it, so a part left blank never erases one either;
// a country alone names no home, and never replaces one.
func Apply(p *Profile, in Incoming, now time.Time) []Change {
	var changes []Change
	for _, f := range ScalarFields {
		if !in.Requested(f) {
			continue
		}
		nv := in.value(f)
		cur := p.field(f)
		if nv == "" || nv == *cur {
			continue
		}
		if c, ok := in.contact(f); ok && (!c.Valid || in.aside[f]) && *cur != "" {
			continue // an invalid or set-aside value never displaces one
		}
		if f == FieldBirthDate && !ValidBirthDate(nv) && *cur != "" {
			continue // a year alone ("vers 1958"), kept as given, never displaces a date
		}
		if (f == FieldFirstName || f == FieldLastName) && (FoldName(nv) == "" || WrittenWithLessCare(nv, *cur)) {
			continue // no letters ("-", "?"), which the guard reads as no name, or a hasty "zoe"
		}
		if f == FieldFirstName && SaysLess(nv, *cur) {
			continue // "J." or "Alex" for the stored Alexandra
		}
		changes = append(changes, Change{Field: string(f), Old: *cur, New: nv})
		*cur = nv
	}
	if in.Customer.Address != nil && in.Requested(FieldAddress) && !in.Customer.Address.Empty() {
		a, _ := in.Customer.Address.CompletedBy(p.Address, in.region) // another home: a whole
		if a != p.Address.Trimmed() {
			changes = append(changes, Change{Field: string(FieldAddress), Old: p.Address.String(), New: a.String()})
			p.Address = a
		}
	}
	for _, key := range slices.Sorted(maps.Keys(in.Customer.Attributes)) {
		nv := strings.TrimSpace(in.Customer.Attributes[key])
		if nv == "" || !in.requestedAttribute(key) {
			continue
		}
		old := p.Attributes[key]
		if old.Value == nv {
			continue
		}
		if p.Attributes == nil {
			p.Attributes = map[string]Attribute{}
		}
		p.Attributes[key] = Attribute{Value: nv, SetAt: now}
		changes = append(changes, Change{Field: attributePrefix + key, Old: old.Value, New: nv})
	}
	if len(changes) > 0 {
		p.UpdatedAt = now
	}
	return changes
}

// Everything returns a copy of in for which every non-empty field counts as
// requested: a new profile takes all that the customer gave.
func (in Incoming) Everything() Incoming {
	in.requested = nil
	return in
}
