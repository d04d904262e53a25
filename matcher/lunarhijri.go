package matcher

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	hijri "github.com/hablullah/go-hijri"
)

// Saudi forms and records write a birth date in the lunar Hijri calendar
// of Umm al-Qura, the kingdom's official one (15/08/1405 هـ, ١٤٠٥/٠٨/١٥هـ,
// 15 شعبان 1405, 1405-08-15H), 578 to 580 years behind the Common Era's
// and 11 days shorter each year. A date marked as one (هـ, هجري, H, AH)
// or whose month is named as the calendar names it (شعبان, Sha'ban) reads
// as one in any region. An unmarked year of the calendar's (1318 to
// today's) reads as one in lunarRegions, whose forms write no other, and
// as a Solar Hijri year elsewhere (solarhijri.go): 1364/01/23 is 1985 in
// Iran, 1945 in Saudi Arabia.

// lunarRegions are the regions whose forms write a year of the 13 or 1400s
// in the lunar Hijri calendar: Saudi Arabia, and the Arab states, whose
// people date by it where they do not by the Common Era (a Kuwaiti's
// 1405/08/15 is 1985, not the Solar Hijri year's 2026). Iran and
// Afghanistan write the Solar Hijri calendar's.
var lunarRegions = setOf("SA", "KW", "QA", "BH", "OM", "AE", "YE", "JO", "IQ", "SY", "LB", "PS", "EG", "LY", "SD")

// ummAlQuraFirst is the first year Umm al-Qura's tables cover (go-hijri's,
// from the kingdom's published calendars, to 1500); an older year reads by
// the arithmetic calendar, which agrees to a day or two.
const (
	ummAlQuraFirst = 1356
	lunarFirst     = 1318 // the lunar Hijri year in which 1900 began
)

// isLunarYear reports whether y is a year of the lunar Hijri calendar a
// living customer was born in: 1318 (1900–1901) to today's.
func isLunarYear(y int) bool {
	if y < lunarFirst {
		return false
	}
	today, err := hijri.CreateUmmAlQuraDate(time.Now())
	return err == nil && int64(y) <= today.Year
}

// fromLunarHijri returns day d of month m of lunar Hijri year y as the
// Common Era's date, and false for a day the calendar does not have (the
// 30th of a month of 29 days).
func fromLunarHijri(y, m, d int) (time.Time, bool) {
	if !isLunarYear(y) || m < 1 || m > 12 || d < 1 || d > 30 {
		return time.Time{}, false
	}
	var t time.Time
	var day int64 // the day t is in the calendar: another than d past the month's end
	if y < ummAlQuraFirst {
		t = hijri.HijriDate{Year: int64(y), Month: int64(m), Day: int64(d), Pattern: hijri.Default}.ToGregorian().UTC()
		if back, err := hijri.CreateHijriDate(t, hijri.Default); err == nil {
			day = back.Day
		}
	} else {
		t = hijri.UmmAlQuraDate{Year: int64(y), Month: int64(m), Day: int64(d)}.ToGregorian().UTC()
		if back, err := hijri.CreateUmmAlQuraDate(t); err == nil {
			day = back.Day
		}
	}
	if day != int64(d) {
		return time.Time{}, false // the 30th of a month of 29 days: the next month's first
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
}

// FromHijri returns day d of month m of year y of the Hijri calendar that
// region writes as the Common Era's date: the lunar one in lunarRegions
// (fromLunarHijri), the Solar one elsewhere (FromSolarHijri). For a
// file's birth dates, whose numbers the importer reads in the file's
// order.
func FromHijri(y, m, d int, region string) (time.Time, bool) {
	if lunarRegions[strings.ToUpper(region)] {
		return fromLunarHijri(y, m, d)
	}
	return FromSolarHijri(y, m, d)
}

// lunarMarks are the words after a year that say it is of the lunar Hijri
// calendar, folded (foldedKey): هـ (ه and the tatweel, which folding
// keeps), هجري, هجرية, and H, AH and A.H. in Latin letters.
var lunarMarks = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("هـ ه هجري هجريه هجرية h ah") {
		m[foldedKey(w)] = true
	}
	return m
}()

// lunarMonthNames are the lunar Hijri calendar's months as Arabic names
// them and as they are written in Latin letters, folded (foldedKey), each
// as the words it is written in without their article (ربيع الأول is
// ربيع اول; Rabi' al-Awwal is rabi awwal) joined by a space.
var lunarMonthNames = func() map[string]int {
	m := map[string]int{}
	for i, names := range [12]string{
		"محرم|muharram|moharram|muharam",
		"صفر|safar|saffar",
		"ربيع اول|ربيع أول|rabi awwal|rabi awal|rabiul awal|rabiul awwal|rabi i|rabi 1",
		"ربيع ثاني|ربيع آخر|ربيع اخر|rabi thani|rabi sani|rabi akhir|rabi akhar|rabiul akhir|rabius sani|rabi ii|rabi 2",
		"جمادى أولى|جمادى اولى|جمادى أول|جمادى اول|jumada ula|jumada awwal|jumada oola|jamadi awwal|jumadal ula|jumada i|jumada 1",
		"جمادى آخرة|جمادى اخرة|جمادى ثانية|جمادى آخر|جمادى ثاني|jumada akhirah|jumada akhira|jumada thani|jumada thaniyah|jumada sani|jamadi sani|jumadal akhirah|jumada ii|jumada 2",
		"رجب|rajab",
		"شعبان|shaban|shaaban|sha'ban|shabaan",
		"رمضان|ramadan|ramadhan|ramazan|ramzan",
		"شوال|shawwal|shawal",
		"ذو قعدة|ذي قعدة|dhu qadah|dhu qidah|dhul qadah|dhul qidah|dhu qaadah|zul qadah|zul qidah|dhulqadah|zulqadah",
		"ذو حجة|ذي حجة|dhu hijjah|dhu hijja|dhul hijjah|dhul hijja|zul hijjah|zul hijja|dhulhijjah|zulhijjah",
	} {
		for _, name := range strings.Split(names, "|") {
			m[lunarMonthKey(strings.Fields(name))] = i + 1
		}
	}
	return m
}()

// lunarArticles are the article and its forms before a month's second word
// (ربيع الأول, Rabi' al-Awwal, Rabi ul Awal, Dhu'l-Hijjah), left out of
// its key: ال written apart, and al, el, ul, l in Latin letters.
var lunarArticles = setOf("ال", "al", "el", "ul", "l", "ar", "as", "ath", "az")

// lunarMonthKey is the key of a month written as words: each folded
// (foldedKey), the article before a word (الأول, al-) left out.
func lunarMonthKey(words []string) string {
	var keys []string
	for _, w := range words {
		k := foldedKey(w)
		if lunarArticles[k] {
			continue
		}
		if t, ok := strings.CutPrefix(k, foldedKey("ال")); ok && t != "" && !isASCII(k) {
			k = t // الأول: the article written on to its word
		}
		keys = append(keys, k)
	}
	return strings.Join(keys, " ")
}

// ReadCalendarDate reads a date of a calendar other than the Common
// Era's whose writing says so, whatever a file's order: one that says it
// is of the lunar Hijri calendar (lunarDate: 15/08/1405 هـ, 15 Sha'ban
// 1405), day first or year first, in any region, one of the Ethiopian
// calendar's that says so (ethiopianDate: 21/08/1966 E.C.), and in
// rocRegions a year of the Republic of China first (74/05/12). It returns
// the date as YYYY-MM-DD, or "" for a day the calendar does not have, and
// true; false for any other date.
func ReadCalendarDate(s, region string) (string, bool) {
	s = ASCIIDigits(s)
	if d, ok := ethiopianDate(s); ok {
		return d, true
	}
	t := TidyDate(CommonEra(s))
	if _, lunar := lunarDate(t); lunar {
		d, _ := ReadBirthDate(t, "")
		return d, true
	}
	if rocRegions[strings.ToUpper(region)] && rocNumbers.MatchString(t) {
		d, _ := rocDate(t)
		return d, true
	}
	return "", false
}

// lunarDate reads a date of the lunar Hijri calendar: one marked as such
// (lunarMarks after its year) or whose month is named (lunarMonthNames).
// It returns the date's numbers as ReadBirthDate reads them (15/8/1405,
// 1405/08/15: the month's name as its number, day first), with the mark
// and the month's name gone, and true; or s and false for any other date.
func lunarDate(s string) (string, bool) {
	if isASCII(s) && !hasASCIILetter(s) {
		return s, false // 1985-04-12, 12/04/1985: most dates
	}
	words := strings.FieldsFunc(abbreviatedHijra.Replace(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(apostrophes, r)
	})
	var nums, letters []string
	marked := false
	for _, w := range words {
		digits := strings.TrimRightFunc(w, unicode.IsLetter)
		if digits != w && digits != "" && strings.Trim(digits, "0123456789") == "" {
			if !lunarMarks[foldedKey(w[len(digits):])] {
				return s, false // 1405x
			}
			w, marked = digits, true // 1405هـ, 1405H: the year and its mark written together
		}
		switch {
		case strings.Trim(w, "0123456789") == "":
			nums = append(nums, w)
		case lunarMarks[foldedKey(w)]:
			marked = true
		default:
			letters = append(letters, w)
		}
	}
	month := 0
	if len(letters) > 0 {
		if month = lunarMonthNames[lunarMonthKey(letters)]; month == 0 {
			return s, false // 15 March 1985, or no date
		}
	} else if !marked {
		return s, false
	}
	switch {
	case month > 0 && len(nums) == 2:
		day, year := nums[0], nums[1]
		if len(day) == 4 {
			day, year = year, day // 1405 Sha'ban 15
		}
		return day + "/" + strconv.Itoa(month) + "/" + year, true
	case month == 0 && len(nums) == 3:
		return strings.TrimRightFunc(strings.TrimSpace(cutLunarMark(s)), func(r rune) bool { return r == '.' }), true
	}
	return s, false
}

// apostrophes are the marks inside a month's name written in Latin
// letters (Sha'ban, Rabi' al-Awwal, Dhu'l-Hijjah), which keep its word
// whole.
const apostrophes = "'’`ʿʾ"

// abbreviatedHijra writes A.H., the mark's abbreviation with its dots, as
// AH.
var abbreviatedHijra = strings.NewReplacer("A.H.", "AH", "a.h.", "AH", "A.H", "AH")

// cutLunarMark is s without the mark after its year (1405/08/15 هـ is
// 1405/08/15): the date's numbers and separators as written.
func cutLunarMark(s string) string {
	end := strings.LastIndexFunc(s, unicode.IsDigit)
	return s[:end+1]
}

// hasASCIILetter reports whether s holds a letter of the Latin alphabet.
func hasASCIILetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if isASCIILetter(s[i]) {
			return true
		}
	}
	return false
}
