package matcher

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Forms and checkouts send birth dates the way their country writes them.
// The API reads the common writings rather than refuse the booking, which
// a widget must never lose, and the evidence that tells a mother from her
// daughter with it.
var (
	dotted    = regexp.MustCompile(`^(\d{1,2})\. ?(\d{1,2})\. ?(\d{4})\.?$`) // 20.05.1948: day first wherever dots are written
	yearFirst = regexp.MustCompile(`^(\d{4})[./](\d{1,2})[./](\d{1,2})$`)    // 1948/05/20, 1948.05.20
	slashed   = regexp.MustCompile(`^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$`)    // 20/05/1948, 05/20/1948, 20-05-1948
	compact   = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)                // 19480520
	isoPadded = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)          // 1948-5-20
)

// monthFirst are the regions that write a date month first (05/20/1948):
// the United States and the territories and states that follow its usage.
var monthFirst = setOf("US", "PR", "GU", "VI", "AS", "MP", "UM", "FM", "MH", "PW", "PH")

// ReadBirthDate reads a birth date written as YYYY-MM-DD, or as a form of
// region writes it: DD.MM.YYYY, YYYY/MM/DD, YYYYMMDD, and DD/MM/YYYY or,
// in a region that writes the month first (the United States), MM/DD/YYYY;
// a slashed date whose first or second number is over 12 reads the only
// way it can. It returns the date as YYYY-MM-DD, and false for text that
// is no date in any of them (31/02/1990).
func ReadBirthDate(s, region string) (string, bool) {
	s = strings.TrimSpace(s)
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return s, true
	}
	var y, m, d string
	if p := dotted.FindStringSubmatch(s); p != nil {
		d, m, y = p[1], p[2], p[3]
	} else if p := yearFirst.FindStringSubmatch(s); p != nil {
		y, m, d = p[1], p[2], p[3]
	} else if p := compact.FindStringSubmatch(s); p != nil {
		y, m, d = p[1], p[2], p[3]
	} else if p := isoPadded.FindStringSubmatch(s); p != nil {
		y, m, d = p[1], p[2], p[3]
	} else if p := slashed.FindStringSubmatch(s); p != nil {
		first, _ := strconv.Atoi(p[1])
		second, _ := strconv.Atoi(p[2])
		switch {
		case first > 12 || second <= 12 && !monthFirst[strings.ToUpper(region)]:
			d, m, y = p[1], p[2], p[3]
		default:
			m, d, y = p[1], p[2], p[3]
		}
	} else {
		return "", false
	}
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if t.Year() != yi || int(t.Month()) != mi || t.Day() != di {
		return "", false // 31/02/1990: no such day
	}
	return fmt.Sprintf("%04d-%02d-%02d", yi, mi, di), true
}

// WithBirthDateRead is c with its birth date as ReadBirthDate reads it in
// region, or as given when it reads in no writing: for the bookings and
// the front desk's profiles, whose birth date the API let through in any
// writing ReadBirthDate reads. An import keeps as given what its own
// --date-format could not read, and does not use this.
func WithBirthDateRead(c Customer, region string) Customer {
	if d, ok := ReadBirthDate(c.BirthDate, region); ok {
		c.BirthDate = d
	}
	return c
}
