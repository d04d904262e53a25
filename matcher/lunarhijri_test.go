package matcher

import (
	"testing"
	"time"
)

// Days the kingdom's calendar and its announcements name: the first of a
// month in Umm al-Qura, as the Common Era's day.
func TestFromLunarHijri(t *testing.T) {
	for _, tc := range []struct {
		y, m, d int
		want    string
	}{
		{1420, 1, 1, "1999-04-17"},
		{1444, 10, 1, "2023-04-21"}, // Eid al-Fitr 1444
		{1445, 9, 1, "2024-03-11"},  // Ramadan 1445
		{1446, 1, 1, "2024-07-07"},
		{1405, 8, 15, "1985-05-05"},
		{1401, 9, 1, "1981-07-02"},
		{1318, 9, 1, "1900-12-23"}, // before Umm al-Qura's tables: the arithmetic calendar
	} {
		got, ok := fromLunarHijri(tc.y, tc.m, tc.d)
		if !ok || got.Format(time.DateOnly) != tc.want {
			t.Errorf("fromLunarHijri(%d, %d, %d) = %s, %v; want %s", tc.y, tc.m, tc.d, got.Format(time.DateOnly), ok, tc.want)
		}
	}
	for _, bad := range [][3]int{{1405, 12, 30}, {1405, 13, 1}, {1405, 0, 1}, {1405, 8, 31}, {1317, 1, 1}, {1600, 1, 1}} {
		if got, ok := fromLunarHijri(bad[0], bad[1], bad[2]); ok {
			t.Errorf("fromLunarHijri(%v) = %s; the calendar has no such day for a customer", bad, got.Format(time.DateOnly))
		}
	}
}

// Every day from 1318 to today follows the one before: no day is lost or
// read twice, across the seam where Umm al-Qura's tables begin too. Each
// month from 1410 (1990) on has 29 or 30 days; before it the tables hold
// a few months otherwise (Sha'ban 1364 of 28 days), as go-hijri has them.
func TestLunarHijriDaysFollow(t *testing.T) {
	prev, _ := fromLunarHijri(lunarFirst, 1, 1)
	today := time.Now().UTC()
	for y := lunarFirst; isLunarYear(y); y++ {
		for m := 1; m <= 12; m++ {
			days := 0
			for d := 1; d <= 30; d++ {
				if y == lunarFirst && m == 1 && d == 1 {
					days++
					continue
				}
				got, ok := fromLunarHijri(y, m, d)
				if !ok {
					break
				}
				if !got.Equal(prev.AddDate(0, 0, 1)) && !(y == ummAlQuraFirst && m == 1 && d == 1) {
					t.Fatalf("%d/%d/%d is %s, after %s", y, m, d, got.Format(time.DateOnly), prev.Format(time.DateOnly))
				}
				prev, days = got, d
			}
			if days != 29 && days != 30 && prev.Before(today) && y >= 1410 {
				t.Fatalf("month %d of %d has %d days", m, y, days)
			}
		}
	}
}

// A Saudi birth date in the lunar Hijri calendar reads as the Common Era's
// day: marked (هـ, هجري, H, AH) or with its month's name, in any region,
// and unmarked in Saudi Arabia; an unmarked year elsewhere is the Solar
// calendar's, and a date with a Gregorian month's name is the Common Era's.
func TestReadLunarHijriBirthDate(t *testing.T) {
	checkBirthDates(t, []dateCase{
		{"1405/08/15 هـ", "SA", "1985-05-05", true},
		{"1405/08/15 هـ", "", "1985-05-05", true},
		{"1405/08/15 هـ", "IR", "1985-05-05", true},
		{"١٤٠٥/٠٨/١٥هـ", "SA", "1985-05-05", true},
		{"15/08/1405 هـ", "US", "1985-05-05", true}, // day first, though the region writes the month first
		{"15/08/1405H", "GB", "1985-05-05", true},
		{"1405-08-15 AH", "", "1985-05-05", true},
		{"15/8/1405 A.H.", "", "1985-05-05", true},
		{"15/08/1405 هجري", "AE", "1985-05-05", true},
		{"15 شعبان 1405 هـ", "SA", "1985-05-05", true},
		{"15 شعبان 1405", "", "1985-05-05", true},
		{"١٥ شعبان ١٤٠٥هـ", "", "1985-05-05", true},
		{"15 Sha'ban 1405", "", "1985-05-05", true},
		{"15 Shaban 1405 AH", "GB", "1985-05-05", true},
		{"1 Ramadan 1405", "", "1985-05-20", true},
		{"2 ربيع الأول 1400", "", "1980-01-20", true},
		{"2 Rabi' al-Awwal 1400", "", "1980-01-20", true},
		{"2 Rabi ul Awal 1400", "", "1980-01-20", true},
		{"12 ذو الحجة 1410", "", "1990-07-04", true},
		{"12 Dhu al-Hijjah 1410", "", "1990-07-04", true},
		{"12 Dhul Hijjah 1410", "", "1990-07-04", true},
		{"1405/08/15", "SA", "1985-05-05", true},
		{"1405/08/15", "KW", "1985-05-05", true},
		{"15/08/1405", "JO", "1985-05-05", true},
		{"15/08/1405", "SA", "1985-05-05", true},
		{"1405/12/30", "SA", "", false}, // Dhu al-Hijjah 1405 had 29 days
		{"15 Rajab 1985", "SA", "", false},
		// The Common Era's dates, and the Solar calendar's elsewhere.
		{"1985-05-05", "SA", "1985-05-05", true},
		{"05/05/1985", "SA", "1985-05-05", true},
		{"5 مايو 1985", "SA", "1985-05-05", true},
		{"1364/01/23", "IR", "1985-04-12", true},
		{"15 March 1985", "GB", "1985-03-15", true},
		{"Hana 1985", "", "", false},
	})
	now := time.Now()
	for _, ok := range []string{"1405/08/15 هـ", "15 شعبان 1405", "1405/12/29"} {
		if err := CheckCustomer(Customer{FirstName: "Noura", BirthDate: ok}, now); err != nil {
			t.Errorf("a lunar Hijri birth date %q is refused: %v", ok, err)
		}
	}
	if err := CheckCustomer(Customer{FirstName: "Noura", BirthDate: "1405/12/30"}, now); err == nil {
		t.Error("1405/12/30, a day neither Hijri calendar has, is taken")
	}
}

// Taiwan's forms write a birth date in the Republic of China's years:
// 民國 marks it anywhere; a year of two or three digits first reads so in
// Taiwan, and the API takes it, since Taiwan's tenants' do.
func TestReadRepublicOfChinaBirthDate(t *testing.T) {
	checkBirthDates(t, []dateCase{
		{"民國74年5月12日", "", "1985-05-12", true},
		{"民国74年5月12日", "CN", "1985-05-12", true},
		{"中華民國74年05月12日", "TW", "1985-05-12", true},
		{"民國100年1月2日", "TW", "2011-01-02", true},
		{"74/05/12", "TW", "1985-05-12", true},
		{"74.5.12", "TW", "1985-05-12", true},
		{"074-05-12", "TW", "1985-05-12", true},
		{"0740512", "TW", "1985-05-12", true},
		{"89年7月23日", "TW", "2000-07-23", true},
		{"102年12月4日", "TW", "2013-12-04", true},
		{"89年7月23日", "JP", "", false},
		{"1000102", "TW", "2011-01-02", true},
		{"74/05/12", "FR", "", false},
		{"1985/05/12", "TW", "1985-05-12", true},
		{"12/05/1985", "TW", "1985-05-12", true},
		{"1985年5月12日", "TW", "1985-05-12", true},
		{"19850512", "TW", "1985-05-12", true},
	})
	if err := CheckCustomer(Customer{FirstName: "建宏", BirthDate: "74/05/12"}, time.Now()); err != nil {
		t.Errorf("a birth date in the Republic's years is refused: %v", err)
	}
}
