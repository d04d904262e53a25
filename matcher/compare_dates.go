package matcher

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Birth dates compared: exact, one digit off, day and month swapped,
// within a month or a year, or apart.

// placeholderBirthDates are dates forms fill in when the customer gave
// none: no evidence.
var placeholderBirthDates = map[string]bool{"1900-01-01": true, "1901-01-01": true, "1970-01-01": true, "2000-01-01": true}

// compareBirthDates compares two valid dates, YYYY-MM-DD. One digit off
// includes two neighbouring digits of one part swapped, the commonest slip
// of the keyboard: 1985 typed 1958, the 12th typed 21.
func compareBirthDates(a, b string) Level {
	switch {
	case a == "" || b == "":
		return LevelMissing
	case a == b:
		return LevelExact
	case a[:5] == b[:5] && a[5:7] == b[8:10] && a[8:10] == b[5:7]:
		return LevelDayMonth
	case oneSlip(a, b):
		return LevelOneDigit
	}
	switch d := daysApart(a, b); {
	case d <= nearDays:
		return LevelNearDate
	case d <= yearDays:
		return LevelNearYear
	}
	return LevelDifferent
}

// nearDays and yearDays are the most days apart of two birth dates at
// LevelNearDate and LevelNearYear.
const nearDays, yearDays = 31, 366

// daysApart counts the days between two dates written YYYY-MM-DD; a large
// number when either is not one.
func daysApart(a, b string) int {
	ta, errA := time.Parse(time.DateOnly, a)
	tb, errB := time.Parse(time.DateOnly, b)
	if errA != nil || errB != nil {
		return math.MaxInt
	}
	d := int(ta.Sub(tb).Hours() / 24)
	return max(d, -d)
}

// unreadDate writes a birth date that is no real date as YYYY-MM-DD from
// its digits, when it has eight of them and a year of this century or
// the last at either end (20030868, 31/02/1990), and "" otherwise.
func unreadDate(s string) string {
	var d []byte
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			d = append(d, s[i])
		} else if !strings.ContainsRune("-/. ", rune(s[i])) {
			return ""
		}
	}
	if len(d) != 8 {
		return ""
	}
	century := func(x []byte) bool { return x[0] == '1' && x[1] == '9' || x[0] == '2' && x[1] == '0' }
	month := func(x []byte) bool { return x[0] == '0' || x[0] == '1' && x[1] <= '2' }
	ymd := string(d[:4]) + "-" + string(d[4:6]) + "-" + string(d[6:])
	dmy := string(d[4:]) + "-" + string(d[2:4]) + "-" + string(d[:2])
	switch {
	case century(d[:2]) && (month(d[4:6]) || !century(d[4:6])):
		return ymd
	case century(d[4:6]):
		return dmy // 19121990: the 19th of December, not month 19 of 1912
	}
	return ""
}

// compareUnreadBirth compares a birth date that is no real date with the
// other record's real one: one digit off, a slip (20030868 and
// 2003-08-28); anything else says nothing, since the value cannot be read.
func compareUnreadBirth(a, b *FuzzyRecord) Level {
	for _, p := range [2][2]*FuzzyRecord{{a, b}, {b, a}} {
		if p[0].birth == "" && p[0].unreadBirth != "" && p[1].birth != "" && oneSlip(p[0].unreadBirth, p[1].birth) {
			return LevelOneDigit
		}
	}
	return LevelMissing
}

// yearsApart is how many years separate the years of two dates,
// YYYY-MM-DD.
func yearsApart(a, b string) int {
	ya, _ := strconv.Atoi(a[:4])
	yb, _ := strconv.Atoi(b[:4])
	return max(ya-yb, yb-ya)
}

// BornApart reports whether two records give birth dates that disagree by
// more than a slip (not one digit, not day and month swapped, not within
// a month or a year): two people, whatever else links them.
func BornApart(a, b *FuzzyRecord) bool { return compareBirthDates(a.birth, b.birth) == LevelDifferent }
