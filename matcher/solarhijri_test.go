package matcher

import (
	"testing"
	"time"
)

// Nowruz and a few days of history, as Iran's calendar and the Common
// Era's name them.
func TestFromSolarHijri(t *testing.T) {
	for _, tc := range []struct {
		y, m, d int
		want    string
	}{
		{1300, 1, 1, "1921-03-21"},
		{1338, 1, 1, "1959-03-22"}, // the equinox after noon in Tehran on the 21st
		{1357, 1, 1, "1978-03-21"},
		{1357, 11, 22, "1979-02-11"}, // 22 Bahman 1357
		{1364, 1, 23, "1985-04-12"},
		{1375, 12, 30, "1997-03-20"}, // a leap year's last day
		{1399, 1, 1, "2020-03-20"},
		{1399, 12, 30, "2021-03-20"},
		{1400, 1, 1, "2021-03-21"},
		{1403, 12, 30, "2025-03-20"},
		{1404, 1, 1, "2025-03-21"},
		{1404, 9, 15, "2025-12-06"},
		{1278, 10, 11, "1900-01-01"},
	} {
		got, ok := fromSolarHijri(tc.y, tc.m, tc.d)
		if !ok || got.Format(time.DateOnly) != tc.want {
			t.Errorf("fromSolarHijri(%d, %d, %d) = %s, %v; want %s", tc.y, tc.m, tc.d, got.Format(time.DateOnly), ok, tc.want)
		}
	}
	for _, bad := range [][3]int{{1364, 7, 31}, {1364, 12, 30}, {1364, 13, 1}, {1364, 0, 1}, {1364, 2, 32}} {
		if _, ok := fromSolarHijri(bad[0], bad[1], bad[2]); ok {
			t.Errorf("fromSolarHijri(%v) is a day; the calendar has none", bad)
		}
	}
}

// Every day of a century follows the one before: no day is lost or read
// twice between the Solar Hijri calendar and the Common Era.
func TestSolarHijriDaysFollow(t *testing.T) {
	prev, _ := fromSolarHijri(1300, 1, 1)
	for y := 1300; y <= 1405; y++ {
		for m := 1; m <= 12; m++ {
			for d := 1; d <= solarMonthDays(y, m); d++ {
				if y == 1300 && m == 1 && d == 1 {
					continue
				}
				got, ok := fromSolarHijri(y, m, d)
				if !ok || !got.Equal(prev.AddDate(0, 0, 1)) {
					t.Fatalf("%d/%d/%d is %s, after %s", y, m, d, got.Format(time.DateOnly), prev.Format(time.DateOnly))
				}
				prev = got
			}
		}
		if nowruz, _ := fromSolarHijri(y+1, 1, 1); nowruz.Month() != time.March || nowruz.Day() < 20 || nowruz.Day() > 22 {
			t.Errorf("Nowruz %d is %s: the equinox is 20, 21 or 22 March in Tehran", y+1, nowruz.Format(time.DateOnly))
		}
	}
}

// A booking's birth date in the Solar Hijri calendar, as Iranian forms
// write it, reads as the Common Era's day, in any region but Saudi
// Arabia's, whose forms write the lunar calendar's year (lunarhijri.go); a
// date with the lunar calendar's هـ reads in that calendar.
func TestReadSolarHijriBirthDate(t *testing.T) {
	checkBirthDates(t, []dateCase{
		{"1364/01/23", "IR", "1985-04-12", true},
		{"1364/1/23", "IR", "1985-04-12", true},
		{"1364-01-23", "IR", "1985-04-12", true},
		{"1364.01.23", "IR", "1985-04-12", true},
		{"23/01/1364", "IR", "1985-04-12", true},
		{"۱۳۶۴/۰۱/۲۳", "IR", "1985-04-12", true},
		{"1364/02/31", "IR", "1985-05-21", true}, // Ordibehesht has 31 days; February has not
		{"23 فروردین 1364", "IR", "1985-04-12", true},
		{"۲۳ فروردین ۱۳۶۴", "IR", "1985-04-12", true},
		{"۲۳ فروردين ۱۳۶۴", "IR", "1985-04-12", true}, // Arabic yeh, as Arabic keyboards type it
		{"۱۳ اردی\u200cبهشت ۱۳۷۰", "IR", "1991-05-03", true},
		{"23 Farvardin 1364", "", "1985-04-12", true},
		{"1 Dey 1360", "AF", "1981-12-22", true},
		{"1364/01/23", "", "1985-04-12", true},
		{"1364/07/31", "IR", "", false}, // Mehr has 30 days
		{"23 Farvardin 1985", "IR", "", false},
		{"23 March 1364", "IR", "", false},
		{"1401/05/12هـ", "IR", "1981-03-18", true},
		{"1364/01/23", "SA", "1945-01-07", true},
		// The Common Era's dates are read as before.
		{"1985-04-12", "IR", "1985-04-12", true},
		{"12/04/1985", "IR", "1985-04-12", true},
		{"12 آوریل 1985", "IR", "1985-04-12", true},
		{"12 במרץ 1985", "IL", "1985-03-12", true},
		{"12 מרץ 1985", "IL", "1985-03-12", true},
		{"9 באפריל 1975", "IL", "1975-04-09", true},
	})
	if err := CheckCustomer(Customer{FirstName: "Reza", BirthDate: "1364/01/23"}, time.Now()); err != nil {
		t.Errorf("a Solar Hijri birth date is refused: %v", err)
	}
}
