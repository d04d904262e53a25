package matcher

import (
	"time"
)

// Iran and Afghanistan write a birth date in the Solar Hijri calendar
// (1364/01/23, ۲۳ فروردین ۱۳۶۴), whose year begins at Nowruz, the March
// equinox, 621 or 622 years after the Common Era's: forms there offer no
// other. A year from 1278 (in which 1900 began) to today's Solar Hijri
// year is one, whatever the tenant's region, as a year of the Buddhist era
// is (CommonEra): no customer was born in the Common Era's 1278 to 1405.
// Saudi Arabia's forms write such a year in the lunar Hijri calendar, and
// it reads so there; a date marked as the lunar calendar's (هـ) reads so
// anywhere (lunarhijri.go).

// firstSolarYear is the Solar Hijri year in which 1900 begins.
const firstSolarYear = 1278

// solarNowruz is the Common Era's day on which Solar Hijri year
// anchorSolarYear began: 1 Farvardin 1404 is 21 March 2025.
var solarNowruz = time.Date(2025, time.March, 21, 0, 0, 0, 0, time.UTC)

const anchorSolarYear = 1404

// isSolarYear reports whether y is a year of the Solar Hijri calendar a
// living customer was born in: 1278 (1899–1900) to today's.
func isSolarYear(y int) bool {
	return y >= firstSolarYear && y <= time.Now().Year()-621
}

// solarLeap reports whether Solar Hijri year y has 366 days, by the
// 33-year cycle, which agrees with the calendar's equinox rule for every
// year from 1178 to 1633.
func solarLeap(y int) bool {
	switch y % 33 {
	case 1, 5, 9, 13, 17, 22, 26, 30:
		return true
	}
	return false
}

// solarMonthDays is the length of Solar Hijri month m (1–12) of year y:
// 31 days for the first six, 30 for the next five, 29 for Esfand, 30 in a
// leap year.
func solarMonthDays(y, m int) int {
	switch {
	case m <= 6:
		return 31
	case m <= 11:
		return 30
	case solarLeap(y):
		return 30
	}
	return 29
}

// fromSolarHijri returns Solar Hijri day d of month m of year y as the
// Common Era's date, and false for a day the calendar does not have
// (31 Mehr, 30 Esfand of a common year).
func fromSolarHijri(y, m, d int) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > solarMonthDays(y, m) {
		return time.Time{}, false
	}
	days := 0 // from 1 Farvardin of anchorSolarYear to 1 Farvardin of y
	for year := y; year < anchorSolarYear; year++ {
		days -= 365
		if solarLeap(year) {
			days--
		}
	}
	for year := anchorSolarYear; year < y; year++ {
		days += 365
		if solarLeap(year) {
			days++
		}
	}
	if m <= 7 {
		days += (m - 1) * 31
	} else {
		days += 6*31 + (m-7)*30
	}
	return solarNowruz.AddDate(0, 0, days+d-1), true
}

// FromSolarHijri returns day d of month m of year y as the Common Era's
// date when y is a year of the Solar Hijri calendar a customer was born in
// (isSolarYear) and the calendar has that day: for a file's birth dates,
// whose numbers the importer reads in the file's order (1364/02/31, a day
// the Common Era's February does not have, is 1985-05-21).
func FromSolarHijri(y, m, d int) (time.Time, bool) {
	if !isSolarYear(y) {
		return time.Time{}, false
	}
	return fromSolarHijri(y, m, d)
}
