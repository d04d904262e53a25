package matcher

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Ethiopian customers count their years in Ethiopia's calendar, seven or
// eight years behind the Common Era's: twelve months of thirty days and a
// thirteenth, Pagume, of five, or six before a leap year, its year
// beginning on 11 September (12 September before a leap year of the
// Common Era). A form says so with a mark after the year (E.C., ዓ.ም.) or
// by naming an Ethiopian month (ሚያዝያ 21 1966 ዓ.ም., Miazia 2, 1970).
// ethiopianDate reads those in any region; a date with neither is the
// Common Era's, as most Ethiopian forms write it.

// ethiopianMark is the mark after a year of the Ethiopian calendar: E.C.
// (the Ethiopian Calendar) and ዓ.ም. (ዓመተ ምሕረት, the Year of Mercy), with
// or without their dots, a slash between their letters, or brackets.
var ethiopianMark = regexp.MustCompile(`(?i)\s*\(?\s*(e\.?\s?c|ዓ\s?[./]?\s?ም)\.?\s*\)?\s*$`)

// ethiopianMonths are the months of the Ethiopian calendar as Amharic
// writes them and as they are spelled in Latin letters, folded
// (FoldName): Meskerem first, Pagume the thirteenth.
var ethiopianMonths = func() map[string]int {
	m := map[string]int{}
	for i, names := range [13]string{
		"መስከረም|meskerem|meskarem|maskaram|meskerm",
		"ጥቅምት|tikimt|tikimit|tekemt|teqemt|tiqimt|tikemt",
		"ኅዳር|ህዳር|ሕዳር|hidar|hedar|khidar|hidaar",
		"ታኅሣሥ|ታህሳስ|ታሕሳስ|ታኅሳስ|tahsas|tahisas|takhsas|tahasas",
		"ጥር|tir|tirr|ter|tiri",
		"የካቲት|yekatit|yekkatit|yakatit",
		"መጋቢት|megabit|maggabit|magabit",
		"ሚያዝያ|miazia|miyazya|miyazia|miyaziya|miazya",
		"ግንቦት|ginbot|genbot|guenbot",
		"ሰኔ|sene|sane|senie",
		"ሐምሌ|ሀምሌ|ሃምሌ|hamle|hamlie|hamile",
		"ነሐሴ|ነሃሴ|ነሀሴ|nehase|nahase|nehasse|nehassie",
		"ጳጉሜ|ጳጉሜን|pagume|pagumen|paguemen|pagumie",
	} {
		for _, name := range strings.Split(names, "|") {
			m[name] = i + 1
		}
	}
	return m
}()

// ethiopianDate reads a date of the Ethiopian calendar: one marked as such
// (ethiopianMark), its numbers day first (06/13/1999 ዓ.ም is the sixth of
// Pagume) or year first, or whose month is named (ethiopianMonths), the
// day before the year. It returns the Common Era's day as YYYY-MM-DD, or
// "" for a day the calendar does not have, and true; false for any other
// date.
func ethiopianDate(s string) (string, bool) {
	if isASCII(s) && !hasASCIILetter(s) {
		return "", false // 1985-04-12, 12/04/1985: most dates
	}
	rest := s
	marked := false
	if loc := ethiopianMark.FindStringIndex(s); loc != nil && loc[0] > 0 && unicode.IsDigit(rune(s[loc[0]-1])) {
		rest, marked = s[:loc[0]], true
	}
	var nums []string
	month := 0
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		switch {
		case strings.Trim(w, "0123456789") == "":
			nums = append(nums, w)
		case month == 0 && ethiopianMonths[strings.ToLower(w)] > 0:
			month = ethiopianMonths[strings.ToLower(w)]
		default:
			return "", false // 15 March 1985, or no date
		}
	}
	var y, m, d string
	switch {
	case month > 0 && len(nums) == 2:
		d, y, m = nums[0], nums[1], strconv.Itoa(month)
		if len(d) == 4 {
			d, y = y, d // 1966 ሚያዝያ 21
		}
	case month == 0 && marked && len(nums) == 3 && len(nums[0]) == 4:
		y, m, d = nums[0], nums[1], nums[2]
	case month == 0 && marked && len(nums) == 3:
		d, m, y = nums[0], nums[1], nums[2]
	default:
		return "", false
	}
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	if !marked && (yi < 1892 || yi > 2100) {
		return "", false // 6 Tir 1364: a Persian month of the same name
	}
	if t, ok := fromEthiopian(yi, mi, di); ok && len(y) == 4 {
		return t.Format(time.DateOnly), true
	}
	return "", true
}

// fromEthiopian returns the Common Era's day of the Ethiopian calendar's
// day d of month m of year y, and false for a day it does not have (the
// sixth of Pagume but before a leap year, the thirty-first of a month).
// Its first day was 29 August of the year 8 of the Julian calendar
// (Dershowitz and Reingold, Calendrical Calculations).
func fromEthiopian(y, m, d int) (time.Time, bool) {
	days := 30
	if m == 13 {
		days = 5
		if y%4 == 3 {
			days = 6
		}
	}
	if y < 1 || m < 1 || m > 13 || d < 1 || d > days {
		return time.Time{}, false
	}
	const epoch = 2796 // the calendar's first day, counted from 1 January of the year 1 of the Common Era's (day 1)
	fixed := epoch - 1 + 365*(y-1) + y/4 + 30*(m-1) + d
	return time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, fixed-1), true
}
