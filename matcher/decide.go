package matcher

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Outcome is what a decision does to the customer file.
type Outcome string

// Outcomes, as the API reports them.
const (
	OutcomeCreated   Outcome = "created"
	OutcomeUpdated   Outcome = "updated"
	OutcomeDuplicate Outcome = "duplicate"
)

// Rule names the row of the decision table that applied.
type Rule string

// The rows of DESIGN.md's decision table.
const (
	RuleNoKey         Rule = "no_key"         // neither a valid email nor a valid mobile
	RuleNoMatch       Rule = "no_match"       // keys, but no active profile holds them
	RuleSingleMatch   Rule = "single_match"   // one profile, compatible name
	RuleFirstCreated  Rule = "first_created"  // several profiles; the first-created compatible one wins
	RuleNameGuard     Rule = "name_guard"     // matches, none with a compatible name: new profile
	RuleSeenBefore    Rule = "seen_before"    // same tenant + source + external_id
	RuleGuardDisabled Rule = "guard_disabled" // tenant turned the name guard off
)

// Key is a normalised contact value used to look up profiles.
type Key struct {
	Kind  Field  `json:"kind"` // FieldEmail or FieldMobile
	Value string `json:"value"`
	// DefiniteMobile says Value is a number libphonenumber types as a
	// mobile only (Contact.DefiniteMobile): a profile holds it as a mobile
	// or as a phone, since many forms have only a phone box.
	DefiniteMobile bool `json:"-"`
}

// Kinds returns the kinds of contact point that hold k: its own kind, and
// FieldPhone too for a definite mobile.
func (k Key) Kinds() []Field {
	if k.Kind == FieldMobile && k.DefiniteMobile {
		return []Field{FieldMobile, FieldPhone}
	}
	return []Field{k.Kind}
}

// Same reports whether k and o are the same contact value.
func (k Key) Same(o Key) bool { return k.Kind == o.Kind && k.Value == o.Value }

// Key returns the match key a contact value gives, if any: a valid email
// or mobile, or a valid phone that is a definite mobile, which is a mobile
// key. A phone that may be a fixed line (every US and CA number) gives none:
// a household or a business may share it.
func (cp ContactPoint) Key() (Key, bool) {
	switch {
	case !cp.Valid:
		return Key{}, false
	case cp.Kind == FieldEmail:
		return Key{Kind: FieldEmail, Value: cp.Value}, true
	case cp.Kind == FieldMobile, cp.Kind == FieldPhone && cp.DefiniteMobile:
		return Key{Kind: FieldMobile, Value: cp.Value, DefiniteMobile: cp.DefiniteMobile}, true
	}
	return Key{}, false
}

// Keys returns the match keys of in: its valid email, its valid mobile and
// its phone when that is a definite mobile, each value once.
func (in Incoming) Keys() []Key {
	var keys []Key
	for _, f := range []Field{FieldEmail, FieldMobile, FieldPhone} {
		c, _ := in.contact(f)
		k, ok := ContactPoint{Kind: f, Contact: c}.Key()
		if ok && !slices.ContainsFunc(keys, k.Same) {
			keys = append(keys, k)
		}
	}
	return keys
}

// Match is an active profile that holds one or more of the incoming keys.
type Match struct {
	Profile Profile
	On      []Field // the key kinds it matched on
}

// Decision is the outcome of matching one booking against the customer file.
type Decision struct {
	Outcome Outcome
	Rule    Rule
	// Target is the profile to update when Outcome is OutcomeUpdated.
	Target string
	// Review lists the matched profiles a person should look at, oldest
	// first; empty when the decision is unambiguous. A created profile joins
	// them in the candidate.
	Review []string
	// NamesSwapped says the booking gave Target's first name and surname
	// the other way round (NamesSwapped): the update writes them in the
	// profile's order.
	NamesSwapped bool
	// NamesOtherwise says the booking wrote Target's name with its words
	// in other boxes or another order (SameNameOtherwise: Hoyin Cheung in
	// one box for Hoyin / Cheung), or without the Bulgarian father's name
	// (fathersNameKept) or the Spanish second surname (secondSurnameKept)
	// the profile holds: the update keeps the profile's names, which no
	// box of the booking holds as it stands.
	NamesOtherwise bool
	// FirstNameKept says the booking's first name is a slip of the
	// profile's, which is the name (slipOverKnownName: Cahterine for
	// Catherine): the update keeps the profile's first name, and writes the
	// rest.
	FirstNameKept bool
	// LastNameKept says the booking's surname is a slip of the profile's,
	// which the booking's own email writes (surnameSlipUnderEmail: Okek
	// beside john.okeke@…): the update keeps the profile's surname.
	LastNameKept bool
}

// Decide applies the decision table to one incoming customer, the keys the
// policy let through (see Policy.Screen and Policy.TooShared) and the active
// profiles that hold them. It does not touch the profiles.
func Decide(in Incoming, keys []Key, matches []Match, policy Policy) Decision {
	if len(keys) == 0 {
		return Decision{Outcome: OutcomeCreated, Rule: RuleNoKey}
	}
	if len(matches) == 0 {
		return Decision{Outcome: OutcomeCreated, Rule: RuleNoMatch}
	}
	ordered := slices.Clone(matches)
	slices.SortFunc(ordered, func(a, b Match) int {
		return cmp.Or(a.Profile.CreatedAt.Compare(b.Profile.CreatedAt), cmp.Compare(a.Profile.ID, b.Profile.ID))
	})
	var review []string
	if len(ordered) > 1 {
		for _, m := range ordered {
			review = append(review, m.Profile.ID)
		}
	}
	if !policy.NameGuard {
		return Decision{Outcome: OutcomeUpdated, Rule: RuleGuardDisabled, Target: ordered[0].Profile.ID, Review: review}
	}
	patronymics := patronymicsOf(in.Customer.FirstName, in.Customer.LastName)
	var first *Decision // the first-created compatible profile's, when it holds another birth date
	for _, m := range ordered {
		// The names as the guard reads them (guardNames.readings): as
		// written, or the ones in Cyrillic letters as Ukrainians or
		// Bulgarians write theirs in Latin ones, or without a Bulgarian
		// father's name.
		names, swapped, otherwise, ok := guardNames{first: in.Customer.FirstName, last: in.Customer.LastName,
			profileFirst: m.Profile.FirstName, profileLast: m.Profile.LastName,
			birth: in.Customer.BirthDate, profileBirth: m.Profile.BirthDate, region: in.region}.read()
		if !ok {
			continue
		}
		moved := swapped || otherwise // the profile's names, written otherwise
		c, p := in.Customer, m.Profile
		c.FirstName, c.LastName, p.FirstName, p.LastName = names.first, names.last, names.profileFirst, names.profileLast
		given := foldedCore(c.FirstName)
		sameName := !moved && given != "" && given == foldedCore(p.FirstName)
		if bornApart(c.BirthDate, p.BirthDate, sameName) || surnamesOfTwoGenders(c.LastName, p.LastName) ||
			maidenAndMarriedForms(c.LastName, p.LastName) ||
			generationsTellApart(c.FirstName, c.LastName, c.BirthDate, p.FirstName, p.LastName, p.BirthDate) ||
			patronymicsTellApart(patronymics, m.Profile.FirstName, m.Profile.LastName) ||
			middleNamesOfTwoGenders(c.FirstName, c.LastName, p.FirstName, p.LastName) ||
			!moved && surnamesInOrderTellApart(in.region, c, p, given, sameName) ||
			!moved && surnamesKeptForLife(in.region, c.LastName, p.LastName) ||
			!moved && fathersNameBeforeGivenNames(in.region, c, p) {
			continue
		}
		rule := RuleSingleMatch
		if len(ordered) > 1 {
			rule = RuleFirstCreated
		}
		d := Decision{Outcome: OutcomeUpdated, Rule: rule, Target: m.Profile.ID, Review: review, NamesSwapped: swapped,
			NamesOtherwise: otherwise || !swapped && (fathersNameKept(in.region, in.Customer, m.Profile) ||
				surnameInFirstBox(in.Customer, m.Profile) || marriedFormWithDe(in.region, c.LastName, p.LastName) ||
				secondSurnameKept(in.region, in.Customer, m.Profile) || patronymicKept(patronymics, m.Profile)) ||
				scriptsDiffer(in.Customer, m.Profile),
			FirstNameKept: !moved && (slipOverKnownName(c.FirstName, p.FirstName, c.Email) || fewerGivenNames(c.FirstName, p.FirstName) ||
				leadingInitialBefore(givenName(c.FirstName).words, givenName(p.FirstName).words) ||
				otherSpelling(c.FirstName, p.FirstName)),
			LastNameKept: !moved && surnameSlipUnderEmail(c.LastName, p.LastName, c.Email)}
		switch {
		case first == nil && len(ordered) > 1 && realBirthDates(c.BirthDate, p.BirthDate) && c.BirthDate != p.BirthDate:
			// The first-created compatible profile holds another birth
			// date, a slip of the booking's or near it: a later one that
			// holds the booking's own is hers (C. Mwale, born 22 January,
			// is not his wife Chisomo, born 13 January, whose profile
			// matched first).
			first = &d
		case first == nil || c.BirthDate == p.BirthDate:
			return d
		}
	}
	if first != nil {
		return *first
	}
	all := make([]string, len(ordered))
	for i, m := range ordered {
		all[i] = m.Profile.ID
	}
	return Decision{Outcome: OutcomeCreated, Rule: RuleNameGuard, Review: all}
}

// fewerGivenNames reports whether a booking's first name is the profile's
// with a word or more left out (Jorge for Jorge Luis, María for María
// José), which the guard takes for the same person only beside the same
// birth date: the update keeps the profile's fuller name, which the next
// booking may write whole.
func fewerGivenNames(first, profileFirst string) bool {
	return len(givenName(first).words) < len(givenName(profileFirst).words) && givenNameDropped(first, profileFirst)
}

// surnameInFirstBox reports whether a booking that gives no surname wrote
// the profile's whole name in its first-name box, the given names as they
// are and the surname before or after them with a slip or a sound of its
// own (MUSOKE Ivan for Ivan / Musooke, Diane Mutoni for Diane / Umutoni):
// the update keeps the profile's names, as for the whole name written
// exactly (SameNameOtherwise), and does not write the surname into the
// first name.
func surnameInFirstBox(c Customer, p Profile) bool {
	if foldedCore(c.LastName) != "" {
		return false
	}
	words, given, surname := nameWords(c.FirstName), nameWords(p.FirstName), nameWords(p.LastName)
	if len(given) == 0 || len(surname) == 0 || len(words) != len(given)+len(surname) {
		return false
	}
	for _, split := range [][2][]string{{words[:len(given)], words[len(given):]}, {words[len(surname):], words[:len(surname)]}} {
		if slices.Equal(split[0], given) &&
			compareNames(newNameValue(strings.Join(split[1], " ")), newNameValue(p.LastName), false) != LevelDifferent {
			return true
		}
	}
	return false
}

// bornApart reports whether a booking and a profile give birth dates that
// tell two people apart: dates that no slip explains (not one digit off,
// not day and month swapped, not within a month or a year), and either a
// generation apart (15 years or more: a father and his son of one name on
// the family's email, whom no name can tell apart) or given with first
// names that are not the same name, only close (Deepa's booking on her
// brother Deepak's profile, a letter apart, or an initial, or a short
// form): a date and a name that each leave a doubt are two people. A date
// missing on either side, no real date, or a form's placeholder
// (1900-01-01) says nothing, but for a year alone (yearAlone: vers 1958)
// a generation from the other's date or year. sameName says the first
// names are one name.
func bornApart(a, b string, sameName bool) bool {
	if !realBirthDates(a, b) {
		// A year alone (1958, 00/00/1958, vers 1958) beside a date or
		// another year: a generation apart is two people whatever the
		// names, as identity papers that give no day still say.
		// Not both are real dates, so two years found make one of them
		// a year alone.
		ya, aok := birthYear(a)
		yb, bok := birthYear(b)
		return aok && bok && max(ya-yb, yb-ya) >= generation
	}
	return compareBirthDates(a, b) == LevelDifferent && (!sameName || yearsApart(a, b) >= generation)
}

// birthYear is the year of a real birth date, or of a year alone
// (yearAloneOf), and whether it holds one.
func birthYear(s string) (int, bool) {
	if ValidBirthDate(s) && !placeholderBirthDates[s] {
		y, err := strconv.Atoi(s[:4])
		return y, err == nil
	}
	return yearAloneOf(s, time.Now())
}

// realBirthDates reports whether both dates are given, real dates, and no
// form's placeholder (1900-01-01): only such dates say anything of who
// the customer is.
func realBirthDates(a, b string) bool {
	for _, d := range []string{a, b} {
		if !ValidBirthDate(d) || placeholderBirthDates[d] {
			return false
		}
	}
	return true
}

// surnameSlipUnderEmail reports whether a booking's surname is a slip of
// the profile's (LevelTypo) and the booking's own email writes the
// profile's, not the slip (Okek beside john.okeke@…, Rmaos beside
// maricel.ramos@…): the customer's name, mistyped in the form.
func surnameSlipUnderEmail(booking, profile, email string) bool {
	a, b := newNameValue(booking), newNameValue(profile)
	if a.folded == b.folded || len(b.folded) < 4 || compareNames(a, b, false) != LevelTypo {
		return false
	}
	local := strings.Join(localWords(email), " ")
	// A slip that drops a letter is in the name the email writes
	// (okek in okeke): the email still writes the name, not the slip.
	return strings.Contains(local, b.folded) && (!strings.Contains(local, a.folded) || strings.Contains(b.folded, a.folded))
}

// slipOverKnownName reports whether a booking's first name is a slip of a
// profile's (LevelTypo) that is the name, not the slip: a given name
// dedupe knows where the booking's is none (Cahterine for Catherine,
// Nicloas for Nicolas), or the one the booking's own email writes
// (Gwneola for Gwenola beside gwenola.dubois@…). The latest booking's name is the
// profile's, but not its typing slips; a slip the profile holds gives way
// to the name (Catherine for Cahterine).
func slipOverKnownName(booking, profile, email string) bool {
	a, b := givenName(booking), givenName(profile)
	if a.folded == b.folded || compareNames(a, b, true) != LevelTypo {
		return false
	}
	if anyGivenName(b.folded) && !anyGivenName(a.folded) {
		return true
	}
	local := strings.Join(localWords(email), " ")
	return len(b.folded) >= 4 && strings.Contains(local, b.folded) && !strings.Contains(local, a.folded)
}
