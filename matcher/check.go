package matcher

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// FieldError says which field of a customer breaks which rule.
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// Limits on customer input; longer values are refused, never cut.
const (
	MaxName       = 200
	MaxContact    = 320
	MaxShort      = 35
	MaxAttributes = 50
	MaxAttrValue  = 1000
)

// MaxCountry is the limit on a country as written, longer than MaxShort:
// it is stored as its code, but a customer may write her state's official
// name, République algérienne démocratique et populaire (47 characters),
// the United Kingdom of Great Britain and Northern Ireland (52).
const MaxCountry = 60

var attrKey = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

// Identifiable reports whether c carries a name, an email, a mobile or a
// phone number: something a front desk, or a later booking, can find the
// profile by. A customer with none would make a blank profile; a name of
// no letters ("-", "?") is none, as Apply writes none.
func Identifiable(c Customer) bool {
	return strings.TrimSpace(c.Email+c.Mobile+c.Phone) != "" || FoldName(c.FirstName+c.LastName) != ""
}

// CheckCustomer checks a customer's field sizes and formats. A mistyped
// email or phone number is not an error: it is stored as given and never
// used as a match key.
func CheckCustomer(c Customer, now time.Time) *FieldError {
	for _, f := range []struct {
		name, value string
		max         int
	}{
		{"first_name", c.FirstName, MaxName}, {"last_name", c.LastName, MaxName},
		{"email", c.Email, MaxContact}, {"mobile", c.Mobile, MaxContact}, {"phone", c.Phone, MaxContact},
		{"gender", c.Gender, MaxShort}, {"locale", c.Locale, MaxShort}, {"birth_date", c.BirthDate, MaxShort},
	} {
		if err := CheckText(f.name, f.value, f.max); err != nil {
			return err
		}
	}
	if c.BirthDate != "" {
		// Read day first where a slashed date could be either: both
		// readings are dates when both numbers are 12 or under, and the
		// worker reads it in the tenant's region.
		if !birthDateReads(c.BirthDate, "", now) && !readInACalendar(c.BirthDate, now) && !yearAlone(c.BirthDate, now) {
			if bikramSambat.MatchString(c.BirthDate) {
				return &FieldError{"birth_date", "birth_date is a date of the Bikram Sambat calendar, which is not read: " +
					"write it in the Common Era, YYYY-MM-DD"}
			}
			return &FieldError{"birth_date", "birth_date must be a date between 1900-01-01 and today, written YYYY-MM-DD " +
				"(or DD.MM.YYYY, YYYY/MM/DD, YYYYMMDD, YYMMDD, DD/MM/YYYY, MM/DD/YYYY where the tenant's region writes the month first, " +
				"a year of two digits, the month by its name: 23 March 1971, 24 Şubat 1969, or 1973年3月2日, 1992년 3월 15일, " +
				"a year of the Buddhist era or the Solar Hijri calendar: 15/08/2543, 1364/01/23, of the lunar Hijri calendar with its mark: 15/08/1405 هـ, " +
				"of the Ethiopian calendar with its mark: 21/08/1966 E.C., or of the Republic of China: 民國74年5月12日, " +
				"or a Swedish, Danish, Norwegian or Finnish identity number, whose date is read: 850412-1234)"}
		}
	}
	if err := checkAddress(c.Address); err != nil {
		return err
	}
	if len(c.Attributes) > MaxAttributes {
		return &FieldError{"attributes", fmt.Sprintf("at most %d attributes", MaxAttributes)}
	}
	for k, v := range c.Attributes {
		if !attrKey.MatchString(k) {
			return &FieldError{"attributes", "attribute names are 1-64 letters, digits, '_', '-' or '.'"}
		}
		if err := checkText("attributes."+k, v, MaxAttrValue, true); err != nil {
			return err
		}
	}
	return nil
}

// ValidBirthDate reports whether s is a YYYY-MM-DD date: the only birth
// dates that are matching evidence (an import may keep another as given).
func ValidBirthDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// CheckText refuses over-long text, control characters (NUL above all)
// and invalid UTF-8.
func CheckText(field, v string, max int) *FieldError {
	return checkText(field, v, max, false)
}

// checkText is CheckText; lines allows line breaks and tabs, for an
// attribute's free text: notes run over several lines, and the concat
// rule of a merge joins them with a line break.
func checkText(field, v string, max int, lines bool) *FieldError {
	if utf8.RuneCountInString(v) > max {
		return &FieldError{field, fmt.Sprintf("%s is longer than %d characters", field, max)}
	}
	bad := func(r rune) bool {
		if lines && (r == '\n' || r == '\r' || r == '\t') {
			return false
		}
		return unicode.IsControl(r) || r == utf8.RuneError
	}
	if !utf8.ValidString(v) || strings.ContainsFunc(v, bad) {
		return &FieldError{field, field + " contains control characters or invalid UTF-8"}
	}
	return nil
}

// yearOnly is a birth date of which only the year is known, as identity
// papers write it where no day was registered, in West and Central Africa
// and elsewhere: 1973, 00/00/1973, XX.XX.1973, vers 1973, ca. 1973.
var yearOnly = regexp.MustCompile(`(?i)^(?:(?:0{1,2}|x{1,2})[./ -](?:0{1,2}|x{1,2})[./ -]|(?:vers|env\.?|environ|ca\.?|circa|c\.|~|about|abt\.?)\s*)?((?:19|20)\d\d)\s*\??$`)

// yearAlone reports whether a birth date gives a year alone (yearOnly),
// from 1900 to now's. The API takes it rather than lose the booking, and
// the profile keeps it as given: it is no date, and weighs for no match.
func yearAlone(s string, now time.Time) bool {
	_, ok := yearAloneOf(s, now)
	return ok
}

// yearAloneOf is the year of a birth date that gives a year alone
// (yearOnly), from 1900 to now's, and whether it is one.
func yearAloneOf(s string, now time.Time) (int, bool) {
	p := yearOnly.FindStringSubmatch(strings.TrimSpace(s))
	if p == nil {
		return 0, false
	}
	y, _ := strconv.Atoi(p[1])
	return y, y >= 1900 && y <= now.Year()
}

// readInACalendar reports whether a birth date reads in a region of its
// own calendar, as one no other region reads: a year first in the
// Republic of China's years, as Taiwan writes it (74/05/12), or an
// unmarked year of the lunar Hijri calendar on a Saudi form that the
// Solar one reads as no day or as one still to come (1405/12/29). The
// API checks a booking before its tenant's region is read, so it takes a
// date any of them reads; the worker reads it in the tenant's region, and
// keeps it as given where that reads no date.
func readInACalendar(s string, now time.Time) bool {
	for _, region := range calendarRegions {
		if birthDateReads(s, region, now) {
			return true
		}
	}
	return false
}

// birthDateReads reports whether s reads in region as a day from 1900 to
// now.
func birthDateReads(s, region string, now time.Time) bool {
	r, ok := ReadBirthDate(s, region)
	d, err := time.Parse(time.DateOnly, r)
	return ok && err == nil && d.Year() >= 1900 && !d.After(now)
}

// calendarRegions are the regions whose own calendar reads a date no
// other region does, rocRegions and lunarRegions, and those whose
// identity numbers, which begin with the date, a form may be given for
// it (identityNumberDate).
var calendarRegions = []string{"TW", "SA", "SE", "FI", "DK", "NO"}

// bikramSambat is the mark of a date of Nepal's Bikram Sambat calendar
// after it (2045/05/12 B.S., २०४५/०५/१२ वि.सं.), whose months' lengths
// change from year to year as its tables say: such a date is refused with
// its own message, not read as one of the Common Era.
var bikramSambat = regexp.MustCompile(`(?i)(b\.?\s?s\.?\)?|[वब]ि\.?\s?सं\.?\)?)\s*$`)
