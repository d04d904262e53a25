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

// Forms and checkouts send birth dates the way their country writes them.
// The API reads the common writings rather than refuse the booking, which
// a widget must never lose, and the evidence that tells a mother from her
// daughter with it.
var (
	dotted    = regexp.MustCompile(`^(\d{1,2})\. ?(\d{1,2})\. ?(\d{4}|\d{2})\.?$`)       // 20.05.1948, 20.05.48: day first wherever dots are written
	yearFirst = regexp.MustCompile(`^(\d{4})\s?[./]\s?(\d{1,2})\s?[./]\s?(\d{1,2})\.?$`) // 1948/05/20, 1948.05.20, 1948. 5. 20. (Korea)
	slashed   = regexp.MustCompile(`^(\d{1,2})[/-](\d{1,2})[/ -](\d{4}|\d{2})$`)         // 20/05/1948, 05/20/1948, 20-05-1948, 20/05/48, 20/5 1948 (Sweden)
	compact   = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)                            // 19480520
	six       = regexp.MustCompile(`^(\d{2})(\d{2})(\d{2})$`)                            // 480520 in Korea, 200548 in Denmark
	isoPadded = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)                      // 1948-5-20
	// kanjiDate is the year, month and day written with 年, 月 and 日, as
	// Japan, China and Taiwan write a date (1973年3月2日), or with 년, 월
	// and 일, as Korea does (1973년 3월 2일); the year may be one of a
	// Japanese era (昭和48年3月2日), or the era by its letter (S48.3.2), as
	// Japanese forms and records write a birth date.
	// Taiwan's forms write a year of the Republic's (民國74年5月12日).
	kanjiDate = regexp.MustCompile(`^(明治|大正|昭和|平成|令和|(?:中華)?民國|(?:中华)?民国)?\s*(\d{1,4}|元)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?$`)
	// rocNumbers is a date of Taiwan's forms and records, year first in
	// the Republic's years, of two or three digits (74/05/12, 074.05.12,
	// 0740512 is 1985-05-12): rocRegions read it so.
	rocNumbers = regexp.MustCompile(`^(\d{2,3})[./-](\d{1,2})[./-](\d{1,2})$|^(\d{3})(\d{2})(\d{2})$`)
	eraLetter  = regexp.MustCompile(`^([MTSHRmtshr])\.?\s?(\d{1,2})[./-](\d{1,2})[./-](\d{1,2})$`)
	// mongolianDate is the year, the month's number and the day as
	// Mongolian writes them: 1961 оны 9 сарын 21 (the year's, the month's).
	mongolianDate = regexp.MustCompile(`(?i)^(\d{4})\s*(?:оны|он|ony|on)?\s+(\d{1,2})\s*(?:сарын|сар|saryn|sar)\s+(\d{1,2})(?:\s*(?:-?ны|-?ний|өдөр))?$`)
)

// japaneseEras are the eras of Japan's calendar, by their name and their
// letter: the year before the era's first (an era's year n is that plus
// n) and the era's last year, which a date of the era cannot pass.
// The Republic of China's years, as Taiwan counts them, are an era too,
// which has not ended: its year 1 is 1912.
var japaneseEras = map[string]struct{ before, last int }{
	"明治": {1867, 45}, "大正": {1911, 15}, "昭和": {1925, 64}, "平成": {1988, 31}, "令和": {2018, 99},
	"民國": {1911, 999}, "中華民國": {1911, 999}, "民国": {1911, 999}, "中华民国": {1911, 999},
	"M": {1867, 45}, "T": {1911, 15}, "S": {1925, 64}, "H": {1988, 31}, "R": {2018, 99},
}

// monthFirst are the regions that write a date month first (05/20/1948):
// the United States and the territories and states that follow its usage.
var monthFirst = setOf("US", "PR", "GU", "VI", "AS", "MP", "UM", "FM", "MH", "PW", "PH")

// yearFirst6 are the regions whose six-digit dates put the year first, as
// their identity numbers begin (Korea's 920315-1234567, Sweden's
// 920315-1234, South Africa's 9203155800085, Malaysia's MyKad
// 920315-14-5678): 920315 is 1992-03-15 there.
// Elsewhere (Denmark's and Norway's 150392) the day is first.
var yearFirst6 = setOf("KR", "JP", "CN", "TW", "HU", "SE", "LT", "ZA", "MY")

// rocRegions are the regions whose forms write a year first in the
// Republic of China's years (rocNumbers): Taiwan.
var rocRegions = setOf("TW")

// ReadBirthDate reads a birth date written as YYYY-MM-DD, or as a form of
// region writes it: DD.MM.YYYY, YYYY/MM/DD, YYYYMMDD (or DDMMYYYY, as
// DD.MM.YYYY without its dots, where YYYYMMDD is no date), and DD/MM/YYYY or,
// in a region that writes the month first (the United States), MM/DD/YYYY;
// a slashed date whose first or second number is over 12 reads the only
// way it can, and so does a date of six digits (sixDigits: 920315 is
// 1992-03-15, 150392 too; 050315 reads as region writes it). It also
// reads the month by its name in the languages of monthNames (March 23,
// 1971; 23 de marzo de 1971; 23 Mar 1971; 24 Şubat 1969; 1971. március
// 23.) or by its number after Vietnam's word for month (23 tháng 3 năm
// 1971), a date written with 年, 月 and 日 or in a Japanese era
// (1973年3月2日, 昭和48年3月2日, S48.3.2), or with 년, 월 and 일, as Korea
// writes it, or with Mongolian's words for year and month (1961 оны 9
// сарын 21), and a year of two digits (21/07/79), as the one of the last
// hundred years: 79 is 1979, 05 is 2005. Other calendars' years read as
// the Common Era's: the Buddhist era's (CommonEra), the Solar Hijri
// calendar's (solarhijri.go), the lunar Hijri calendar's (lunarhijri.go)
// and the Republic of China's (民國74年5月12日; 74/05/12 in rocRegions), and
// a date of Ethiopia's calendar that says so (ethiopianDate: 21/08/1966
// E.C., ሚያዝያ 21 1966 ዓ.ም.).
// It returns the date as YYYY-MM-DD, and false for text that is no date
// in any of them (31/02/1990).
func ReadBirthDate(s, region string) (string, bool) {
	s = ASCIIDigits(s)
	if d, ok := ethiopianDate(s); ok {
		return d, d != "" // 21/08/1966 ዓ.ም., Miazia 2, 1970
	}
	s = TidyDate(CommonEra(s))
	s, marked := lunarDate(s) // 15/08/1405 هـ, 15 شعبان 1405: its numbers, day first
	if _, err := time.Parse(time.DateOnly, s); err == nil && !(s[0] == '1' && s[1] >= '2' && s[1] <= '4') {
		return s, true // 1985-04-12; 1364-01-23 is read below, in a Hijri calendar
	}
	if d, ok := identityNumberDate(s, region); ok {
		return d, true // 850412-1234: a Nordic identity number's date, not the number
	}
	lunar := marked || lunarRegions[strings.ToUpper(region)]
	if marked {
		region = "" // a lunar date is never written month first
	}
	if rocRegions[strings.ToUpper(region)] {
		if d, ok := rocDate(s); ok {
			return d, true
		}
	}
	var y, m, d string
	if p := dotted.FindStringSubmatch(s); p != nil {
		d, m, y = p[1], p[2], p[3]
	} else if p := yearFirst.FindStringSubmatch(s); p != nil {
		y, m, d = p[1], p[2], p[3]
	} else if p := compact.FindStringSubmatch(s); p != nil {
		y, m, d = p[1], p[2], p[3]
		if _, ok := dateOf(y, m, d); !ok {
			// 12091978: DD.MM.YYYY (MM/DD/YYYY where the month comes
			// first) without its dots; no date reads both ways.
			d, m, y = s[:2], s[2:4], s[4:]
			if monthFirst[strings.ToUpper(region)] {
				d, m = m, d
			}
		}
	} else if p := six.FindStringSubmatch(s); p != nil {
		return sixDigits(p[1], p[2], p[3], region)
	} else if p := isoPadded.FindStringSubmatch(s); p != nil {
		y, m, d = p[1], p[2], p[3]
	} else if p := mongolianDate.FindStringSubmatch(s); p != nil {
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
	} else if y, m, d = inWords(s); y == "" {
		return "", false
	}
	return dateIn(y, m, d, lunar, marked)
}

// dateIn is dateOf, with a year of the lunar Hijri calendar (1318 to
// today's) read in that calendar when lunar (lunarhijri.go). A date
// marked as the lunar calendar's (15 Rajab 1985) is no date in another.
func dateIn(y, m, d string, lunar, marked bool) (string, bool) {
	if yi, _ := strconv.Atoi(y); lunar && len(y) == 4 && isLunarYear(yi) {
		mi, _ := strconv.Atoi(m)
		di, _ := strconv.Atoi(d)
		if t, ok := fromLunarHijri(yi, mi, di); ok {
			return t.Format(time.DateOnly), true // 15/08/1405 هـ, as Saudi forms write it
		}
		return "", false
	}
	if marked {
		return "", false
	}
	return dateOf(y, m, d)
}

// rocDate reads a date of Taiwan's, year first in the Republic of
// China's years (rocNumbers: 74/05/12 is 1985-05-12; with 年, 月 and 日
// and no 民國, 89年7月23日), and false for any other.
func rocDate(s string) (string, bool) {
	p := rocNumbers.FindStringSubmatch(s)
	if k := kanjiDate.FindStringSubmatch(s); k != nil && k[1] == "" && len(k[2]) >= 2 && len(k[2]) <= 3 {
		p = k[1:] // 89年7月23日: the Republic's year, 民國 left out
	}
	if p == nil {
		return "", false
	}
	if p[1] == "" {
		p = p[3:] // 0740512
	}
	y, _ := strconv.Atoi(p[1])
	if y < 1 {
		return "", false
	}
	return dateOf(strconv.Itoa(1911+y), p[2], p[3])
}

// sixDigits reads a date of six digits, ab cd ef: the reading that is a
// date, year first (YYMMDD) or day first (DDMMYY); when both are, the one
// region writes (yearFirst6), and with no region either, as a slashed
// date is checked before the tenant's region reads it.
func sixDigits(a, b, c, region string) (string, bool) {
	yearFirst, yok := dateOf(a, b, c)
	dayFirst, dok := dateOf(c, b, a)
	switch {
	case yok && dok && region != "":
		if yearFirst6[strings.ToUpper(region)] {
			return yearFirst, true
		}
		return dayFirst, true
	case yok:
		return yearFirst, true
	}
	return dayFirst, dok
}

// Nordic identity numbers begin with their holder's birth date, and
// forms that ask for the date get the number from people used to giving
// it: Sweden's personnummer, YYMMDD-NNNN (+ for those of a hundred or
// more) or YYYYMMDD-NNNN; Denmark's CPR number and Iceland's kennitala,
// DDMMYY-NNNN; Norway's fødselsnummer, DDMMYY NNNNN; Finland's henkilötunnus,
// DDMMYY, the century's sign (+ the 1800s, - and Y to U the 1900s, A to F
// the 2000s) and four more.
var (
	swedishNumber   = regexp.MustCompile(`^((?:\d{2})?\d{6})([-+])\d{4}$`)
	dayFirstNumber  = regexp.MustCompile(`^(\d{2})(\d{2})(\d{2})-\d{4}$`)
	norwegianNumber = regexp.MustCompile(`^(\d{2})(\d{2})(\d{2}) ?\d{5}$`)
	finnishNumber   = regexp.MustCompile(`^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])\d{3}[0-9A-Y]$`)
)

// identityNumberDate reads the birth date of an identity number of
// region, whose serial it leaves out: dedupe keeps no such number.
func identityNumberDate(s, region string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	switch strings.ToUpper(region) {
	case "SE":
		p := swedishNumber.FindStringSubmatch(s)
		if p == nil {
			return "", false
		}
		if len(p[1]) == 8 {
			return dateOf(p[1][:4], p[1][4:6], p[1][6:])
		}
		d, ok := dateOf(p[1][:2], p[1][2:4], p[1][4:])
		if ok && p[2] == "+" {
			d = fmt.Sprintf("%04d%s", centuryOf(atoi(p[1][:2]))-100, d[4:]) // a hundred years old or more
		}
		return d, ok
	case "FI":
		p := finnishNumber.FindStringSubmatch(s)
		if p == nil {
			return "", false
		}
		century := map[bool]int{true: 1900, false: 2000}[strings.ContainsAny(p[4], "-YXWVU")]
		if p[4] == "+" {
			century = 1800
		}
		return dateOf(strconv.Itoa(century+atoi(p[3])), p[2], p[1])
	case "DK", "IS":
		if p := dayFirstNumber.FindStringSubmatch(s); p != nil {
			return dateOf(p[3], p[2], p[1])
		}
	case "NO":
		if p := norwegianNumber.FindStringSubmatch(s); p != nil {
			year, ok := norwegianYear(atoi(p[3]), atoi(strings.ReplaceAll(s, " ", "")[6:9]))
			if !ok {
				return "", false
			}
			return dateOf(strconv.Itoa(year), p[2], p[1])
		}
	}
	return "", false
}

// norwegianYear is the year of birth a fødselsnummer's two digits yy and
// individual number (its seventh to ninth digits) say: 000–499 the
// 1900s; 500–749 with yy from 54 the 1800s; 500–999 with yy under 40 the
// 2000s; 900–999 with yy from 40 the 1900s.
func norwegianYear(yy, individual int) (int, bool) {
	switch {
	case individual < 500:
		return 1900 + yy, true
	case individual < 750 && yy >= 54:
		return 1800 + yy, true
	case yy < 40:
		return 2000 + yy, true
	case individual >= 900:
		return 1900 + yy, true
	}
	return 0, false
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// ReadDateInWords reads a date whose writing says which of its numbers is
// the month, whatever order the other dates of a file follow: the month
// by its name (16 agosto 1962, 24 Şubat 1969), or its number after
// Vietnam's word for month, a date written with 年, 月 and 日 or 년, 월
// and 일, a Japanese era. The importer reads these beside its
// --date-format. It returns the date as YYYY-MM-DD.
func ReadDateInWords(s string) (string, bool) {
	s = TidyDate(CommonEra(ASCIIDigits(s)))
	if d, lunar := ReadCalendarDate(s, ""); lunar {
		return d, d != ""
	}
	y, m, d := inWords(s)
	if y == "" {
		return "", false
	}
	return dateOf(y, m, d)
}

// inWords is the year, month and day of a date ReadDateInWords reads, or
// no year.
func inWords(s string) (y, m, d string) {
	if p := kanjiDate.FindStringSubmatch(s); p != nil {
		if y, ok := eraYear(p[1], p[2]); ok {
			return y, p[3], p[4]
		}
		return "", "", ""
	}
	if p := eraLetter.FindStringSubmatch(s); p != nil {
		if y, ok := eraYear(strings.ToUpper(p[1]), p[2]); ok {
			return y, p[3], p[4]
		}
		return "", "", ""
	}
	return monthNamed(s)
}

// dateOf writes a year (of two digits: within the last hundred years; of
// the Solar Hijri calendar: in the Common Era's), month and day as
// YYYY-MM-DD, and false for a day that does not exist.
func dateOf(y, m, d string) (string, bool) {
	yi, _ := strconv.Atoi(y)
	if len(y) == 2 {
		yi = centuryOf(yi)
	}
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	if len(y) == 4 && isSolarYear(yi) {
		if t, ok := fromSolarHijri(yi, mi, di); ok {
			return t.Format(time.DateOnly), true // 1364/01/23, as Iran writes it
		}
		return "", false
	}
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if t.Year() != yi || int(t.Month()) != mi || t.Day() != di {
		return "", false // 31/02/1990: no such day
	}
	return fmt.Sprintf("%04d-%02d-%02d", yi, mi, di), true
}

// yearWord is the word for year after a date's digits, which Bulgarian,
// Russian and Polish write (14.12.1977 г., 14.12.1977г., 15.03.1990 r.):
// година, год, roku; and the م (ميلادي) Arabic writes after a year of
// the Common Era (21/07/1981م, 21 يوليو 1981 م), as do the AD and ई.सं.
// that South Asian forms write after one (1993-02-26 A.D., 1983-03-13
// (AD), २०४४/०९/२४ ई.सं.), beside dates of the Bikram Sambat calendar. A
// year of the Hijri calendar, 1401هـ, keeps its هـ and reads as no date.
var yearWord = regexp.MustCompile(`(\d)\s*(?:г|r|م|\(?(?i:a\.?\s?d)\.?\)?|\(?ई\.?\s?सं\.?\)?)\.?$`)

// spacedNumbers is a date of three numbers with spaces between them and
// no other separator (1998 09 27, 27 09 1998), which TidyDate writes with
// dashes: 1998-09-27, 27-09-1998.
var spacedNumbers = regexp.MustCompile(`^(\d{1,4})\s+(\d{1,2})\s+(\d{1,4})$`)

// spacedSeparator is a separator between two numbers of a date with
// spaces around it (1988. 12. 24., 24 . 12 . 1988).
var spacedSeparator = regexp.MustCompile(`(\d)\s*([./-])\s+(\d)|(\d)\s+([./-])\s*(\d)`)

// TidyDate returns a date as a form or a file writes it without what
// its numbers do not need: the spaces around its separators and the dot
// after its last number, as Hungary writes a date (1988. 12. 24.), and the
// word for year after it (14.12.1977 г.); spaces alone between its
// numbers are dashes (1998 09 27). The digits and their order stay as
// they are.
func TidyDate(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, " \tгrم") && !strings.HasSuffix(s, ".") {
		return s // 1988-12-24, 24/12/1988: nothing to tidy, as most are
	}
	s = yearWord.ReplaceAllString(s, "$1")
	s = spacedNumbers.ReplaceAllString(s, "$1-$2-$3")
	for t := ""; t != s; {
		t, s = s, spacedSeparator.ReplaceAllString(s, "$1$2$3$4$5$6") // again for 1. 2. 3: matches do not overlap
	}
	if t := strings.TrimSuffix(s, "."); t != s && t != "" && unicode.IsDigit(rune(t[len(t)-1])) {
		s = t
	}
	return s
}

// buddhistEra is a year of the Buddhist era, which Thai forms and records
// write: four digits of 2443 (1900) or more, not part of a longer number.
var buddhistEra = regexp.MustCompile(`(^|[^0-9])(2[4-9][0-9]{2})([^0-9]|$)`)

// CommonEra returns a date with its Thai month written in English
// (thaiMonths) and its year of the Buddhist era, as Thai forms and records
// write it (15/08/2543, 22 พ.ย. 2529), in the Common Era's (2000, 1986):
// 543 years less. A year from 2443 on, no later than the Buddhist era's
// year today, is one, whatever the tenant's region: no customer was born,
// and no record was made, in the Common Era's 2443 to 2569, and the API,
// which checks a booking before its tenant's region is read, takes it.
func CommonEra(s string) string {
	if !isASCII(s) {
		s = thaiMonths.Replace(s)
	}
	if !strings.Contains(s, "24") && !strings.Contains(s, "25") {
		return s // no year of the era: most dates
	}
	limit := time.Now().Year() + 543
	return buddhistEra.ReplaceAllStringFunc(s, func(m string) string {
		p := buddhistEra.FindStringSubmatch(m)
		y, _ := strconv.Atoi(p[2])
		if y < 2443 || y > limit {
			return m
		}
		return p[1] + strconv.Itoa(y-543) + p[3]
	})
}

// thaiMonths writes the months' Thai names and abbreviations in English
// (22 พ.ย. 2529 is 22 November 2529), and drops พ.ศ., the Buddhist era's
// mark: their vowel signs and dots would split them into letters.
var thaiMonths = strings.NewReplacer(
	"มกราคม", " january ", "กุมภาพันธ์", " february ", "มีนาคม", " march ", "เมษายน", " april ", "พฤษภาคม", " may ",
	"มิถุนายน", " june ", "กรกฎาคม", " july ", "สิงหาคม", " august ", "กันยายน", " september ", "ตุลาคม", " october ",
	"พฤศจิกายน", " november ", "ธันวาคม", " december ", "พ.ศ.", " ", "พ.ศ", " ",
	"ม.ค.", " january ", "ก.พ.", " february ", "มี.ค.", " march ", "เม.ย.", " april ", "พ.ค.", " may ", "มิ.ย.", " june ",
	"ก.ค.", " july ", "ส.ค.", " august ", "ก.ย.", " september ", "ต.ค.", " october ", "พ.ย.", " november ", "ธ.ค.", " december ",
	"ม.ค", " january ", "ก.พ", " february ", "มี.ค", " march ", "เม.ย", " april ", "พ.ค", " may ", "มิ.ย", " june ",
	"ก.ค", " july ", "ส.ค", " august ", "ก.ย", " september ", "ต.ค", " october ", "พ.ย", " november ", "ธ.ค", " december ",
)

// ASCIIDigits writes the digits of other scripts in s as ASCII ones
// (asciiDigit), so that a date reads however its digits were typed.
func ASCIIDigits(s string) string { return strings.Map(asciiDigit, s) }

// asciiDigit writes a digit of another script as its ASCII digit: a
// full-width one (１９７３, as Japanese and Chinese input methods type
// them), Arabic-Indic (١٩٧٣, as Egyptian and Gulf keyboards do), Persian
// and Urdu (۱۹۷۳), Devanagari (१९७३), Bengali, the other South Asian
// scripts', Thai, Lao, Tibetan, Burmese (၁၉၇၃, as Myanmar's keyboards
// type them), Khmer and Mongolian.
func asciiDigit(r rune) rune {
	if r < utf8.RuneSelf {
		return r
	}
	for _, zero := range otherZeros {
		if r >= zero && r <= zero+9 {
			return '0' + (r - zero)
		}
	}
	return r
}

// otherZeros are the zeros of the scripts asciiDigit reads.
var otherZeros = []rune{'０', '٠', '۰', '०', '০', '੦', '૦', '୦', '௦', '౦', '೦', '൦', '෦', '๐', '໐', '༠', '၀', '០', '᠐'}

// centuryOf reads a year of two digits as the one of the last hundred
// years: this century's when that is not in the future, else the last's.
func centuryOf(yy int) int {
	if 2000+yy <= time.Now().Year() {
		return 2000 + yy
	}
	return 1900 + yy
}

// eraYear returns the year of the era's year n (元 is its first), or n
// itself, of four digits, when no era is named.
func eraYear(era, n string) (string, bool) {
	if era == "" {
		return n, len(n) == 4
	}
	e := japaneseEras[era]
	year := 1
	if n != "元" {
		year, _ = strconv.Atoi(n)
	}
	if year < 1 || year > e.last {
		return "", false
	}
	return strconv.Itoa(e.before + year), true
}

// monthNames are the months' names and their abbreviations, folded (so
// Cyrillic and Greek are read in Latin letters), in the languages of
// ReadBirthDate: on each line English, Spanish, French, German, Italian,
// Portuguese, Dutch and Afrikaans, then Catalan, Swedish, Danish and
// Norwegian, Polish and Czech (the name and the form a date writes, 15
// marca), Finnish, Hungarian, Romanian (and its abbreviations, iul.),
// Turkish, Indonesian and Malay (and their abbreviations, Agt, Ags, Des),
// Swahili (Machi, Agosti, Septemba) and Kinyarwanda (Mutarama, Kanama),
// Russian and Ukrainian, Greek, Bulgarian, Lithuanian (the name and the
// form a date writes, 1985 m. kovo 12 d.), Georgian, Serbian, Armenian (the
// name and the form a date writes, 26 հունվարի 1977), Kazakh, and Arabic: Egypt's and the
// Gulf's (يوليو, يوليه), Morocco's (يوليوز, غشت), Algeria's and
// Tunisia's (جويلية, أوت), the Levant's and Iraq's (تموز, آب; the
// two-word ones are arabicMonthPairs), as written, with or without their
// hamza (أبريل, ابريل, إبريل: foldedKey), Persian and Hebrew (and Hebrew's
// with ב, "in", before them: 12 במרץ 1985, hebrewIn). Thai ones are written
// in English first (thaiMonths); the Solar Hijri calendar's are
// solarMonthNames.
var monthNames = func() map[string]int {
	m := map[string]int{}
	for i, names := range [12]string{
		"january jan mutarama hunvar hunvari kantar qantar sausio sausis იანვარი enero ene janvier janv januar janner gennaio gen janeiro januari januarie " +
			"gener styczen stycznia leden ledna tammikuu tammikuuta ianuarie ocak oca yanvar yanvarya sichen sichnya ianouariou ianouarios ian yanuari yanv " +
			"يناير جانفي ژانویه ינואר",
		"february feb gashyantare petrvar petrvari akpan aqpan vasario vasaris თებერვალი febrero febr fevrier fev fevr februar febbraio fevereiro februari februarie " +
			"febrer luty lutego unor unora helmikuu helmikuuta februarie subat sub fevral fevralya lyutii lyutogo fevrouariou fevrouarios fevruari peb pebruari " +
			"فبراير فيفري شباط فوریه פברואר",
		"march mar machi werurwe marti nauryz kovo kovas მარტი marzo mars marz maerz marco maart mrt " +
			"marc marts marzec marca brezen brezna maaliskuu maaliskuuta marcius martie mart maret mac marta berezen bereznya martiou martios " +
			"مارس آذار מרץ",
		"april apr aprili mata sauir balandzio balandis აპრილი abril abr avril avr aprile " +
			"kwiecien kwietnia duben dubna huhtikuu huhtikuuta aprilis aprilie nisan nis aprel aprelya kviten kvitnya apriliou aprilios " +
			"أبريل إبريل أفريل نيسان آوریل אפריל",
		"may mayo gicurasi mayisi mamyr geguzes geguze მაისი mai maggio mag maio mei " +
			"maig maj maja kveten kvetna toukokuu toukokuuta majus mayis maya traven travnya maiou maios " +
			"مايو ماي أيار مه מאי",
		"june jun kamena hunis hunisi mausym birzelio birzelis ივნისი junio juin juni giugno giu junho junie " +
			"juny czerwiec czerwca cerven cervna kesakuu kesakuuta junius iunie haziran haz iyun iyunya cherven chervnya iouniou iounios iun yuni " +
			"يونيو يونيه جوان حزيران ژوئن יוני",
		"july jul nyakanga hulis hulisi shilde liepos liepa ივლისი julio juillet juil juli luglio lug julho julie " +
			"juliol lipiec lipca cervenec cervence heinakuu heinakuuta julius iulie temmuz tem julai iyul iyulya lipen lipnya iouliou ioulios iul yuli " +
			"يوليو يوليه يوليوز جويلية تموز ژوئیه جولای יולי",
		"august aug agosti kanama ogostos ogostosi tamyz rugpjucio rugpjutis აგვისტო agust agosto ago aout augustus " +
			"agost avqust augusti sierpien sierpnia srpen srpna elokuu elokuuta augusztus agustos agu agustus ogos avgust avgusta serpen serpnya avgoustou avgoustos agt ags agst avg " +
			"أغسطس غشت أوت آب آگوست אוגוסט",
		"september sep septemba nzeri septembar septemberi kyrkuiek qyrkuiek rugsejo rugsejis სექტემბერი sept septiembre setiembre set septembre settembre setembro " +
			"setembre wrzesien wrzesnia zari syyskuu syyskuuta szeptember szept septembrie eylul eyl sentyabr sentyabrya veresen veresnya septemvriou septemvrios septemvri sen sent " +
			"سبتمبر شتنبر أيلول سپتامبر ספטמבר",
		"october oct oktoba ukwakira oktobar hoktember hoktemberi kazan qazan spalio spalis ოქტომბერი octubre octobre oktober okt ottobre ott outubro out " +
			"octubre pazdziernik pazdziernika rijen rijna lokakuu lokakuuta octombrie ekim eki oktyabr oktyabrya zhovten zhovtnya oktovriou oktovrios oktomvri " +
			"أكتوبر اکتبر אוקטובר",
		"november nov novemba ugushyingo novembar noyember noyemberi karasha qarasha lapkricio lapkritis ნოემბერი noviembre novembre novembro " +
			"listopad listopada listopadu marraskuu marraskuuta noiembrie kasim kas noyabr noyabrya noemvriou noemvrios noemvri nop nopember noi noya noyab " +
			"نوفمبر نونبر نوامبر נובמבר",
		"december dec desemba ukuboza decembar detsembar dektember dektemberi zheltoksan jeltoqsan gruodzio gruodis დეკემბერი diciembre dic decembre dezember dez dicembre dezembro " +
			"desembre grudzien grudnia prosinec prosince joulukuu joulukuuta decembrie aralik ara desember disember dekabr dekabrya gruden grudnya dekemvriou dekemvrios dekemvri des dis dek " +
			"ديسمبر دجنبر دسامبر דצמבר",
	} {
		for _, n := range strings.Fields(names) {
			n = foldedKey(n)
			if was, ok := m[n]; ok && was != i+1 {
				panic("monthNames: " + n + " names two months")
			}
			m[n] = i + 1
		}
	}
	return m
}()

// solarMonthNames are the Solar Hijri calendar's months (solarhijri.go),
// folded, in Persian and in Latin letters as Iran writes them, and Dari's
// as Afghanistan names them; a date with one of them has a Solar Hijri
// year (۲۳ فروردین ۱۳۶۴, 23 Farvardin 1364).
var solarMonthNames = func() map[string]int {
	m := map[string]int{}
	for i, names := range [12]string{
		"فروردین farvardin farvardin حمل", "اردیبهشت ordibehesht ordibehesht ثور", "خرداد khordad khordad جوزا",
		"تیر tir tir سرطان", "مرداد امرداد mordad amordad اسد", "شهریور shahrivar shahrivar سنبله",
		"مهر mehr mehr میزان", "آبان aban aban عقرب", "آذر azar azar قوس",
		"دی dey dei جدی", "بهمن bahman bahman دلو", "اسفند esfand esfand حوت",
	} {
		for _, n := range strings.Fields(names) {
			n = foldedKey(n)
			if _, ok := monthNames[n]; ok {
				panic("solarMonthNames: " + n + " names a month of the Common Era")
			}
			m[n] = i + 1
		}
	}
	return m
}()

// hebrewIn is Hebrew's ב ("in") before a month's name: 12 במרץ 1985.
const hebrewIn = "ב"

// dateFillers are the words a date written with its month's name holds
// beside its numbers: 23 de marzo de 1971, the 23rd of March, 15 d'abril,
// 15 marca 1990 r. (roku), 15 марта 1990 г. (года), ngày 15 tháng 3 năm
// 1992.
var dateFillers = setOf("de", "del", "d", "of", "the", "le", "der", "den", "di", "van", "r", "roku", "g", "goda", "ngay", "nam", "m",
	"zhylgy", "zhyly", "zh", "jylgy", "t", "tvakani", // 1971 жылғы 20 сәуір, 1971 ж. 20 сәуір, 26 հունվարի 1977 թ.: the year
	foldedKey("წლის"), foldedKey("წ"), // 1985 m. kovo 12 d., 1985 წლის 12 მარტი: the year
	foldedKey("سنة"), foldedKey("عام")) // 21 يوليو سنة 1981: the year

// arabicMonthPairs are the Levant's and Iraq's months of two words, in
// foldedKey's form, with and without the article: كانون الثاني is January
// and كانون الأول December, تشرين الأول October and تشرين الثاني
// November. كانون or تشرين alone is either of two months, and no date.
var arabicMonthPairs = func() map[string]int {
	m := map[string]int{}
	for pair, month := range map[string]int{"كانون الثاني": 1, "كانون ثاني": 1, "تشرين الأول": 10, "تشرين أول": 10,
		"تشرين الثاني": 11, "تشرين ثاني": 11, "كانون الأول": 12, "كانون أول": 12} {
		first, second, _ := strings.Cut(pair, " ")
		m[foldedKey(first)+" "+foldedKey(second)] = month
	}
	return m
}()

// foldedKey is a word as monthNames, dateFillers and countryKey hold it:
// folded (FoldName), so that أبريل, إبريل and ابريل are one, and in Arabic
// with ة as ه and ى as ي (arabicKey: جويلية, جويليه).
func foldedKey(w string) string {
	if isASCII(w) {
		return FoldName(w)
	}
	return arabicKey(FoldName(w))
}

// monthNamed reads a date whose month is written by its name, before or
// after the day, the year last (March 23, 1971; Jun. 26, 1996; 23 de
// marzo de 1971; 2. Mai 1980; the 23rd of March 1971) or first, as
// Hungary writes it (1971. március 23.), or whose month is the number
// after the word for month, as Vietnam writes it (23 tháng 3 năm 1971).
// It returns no year for anything else.
func monthNamed(s string) (y, m, d string) {
	if !isASCII(s) {
		s = strings.ReplaceAll(s, "\u200c", "") // اردی‌بهشت: Persian's zero-width non-joiner, inside a word
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var rest []string
	month, solar := 0, false
	for i := 0; i < len(words); i++ {
		w := words[i]
		f := foldedKey(w)
		if digits := strings.TrimRight(w, "stndrheSTNDRHE"); digits != w && digits != "" && strings.Trim(digits, "0123456789") == "" {
			w, f = digits, "" // 23rd, 1st, 1er: the day
		}
		if t := strings.TrimPrefix(f, hebrewIn); t != f && monthNames[t] > 0 {
			f = t // במרץ: in March
		}
		switch n, ok := monthNames[f]; {
		case f == "":
			rest = append(rest, w)
		case ok && month == 0:
			month = n
		case solarMonthNames[f] > 0 && month == 0:
			month, solar = solarMonthNames[f], true
		case f == "thang" && month == 0 && i+1 < len(words):
			i++ // tháng 3: the month's number
			if month, _ = strconv.Atoi(words[i]); month < 1 || month > 12 {
				return "", "", ""
			}
		case dateFillers[f]:
		case month == 0 && i+1 < len(words) && arabicMonthPairs[f+" "+foldedKey(words[i+1])] > 0:
			month = arabicMonthPairs[f+" "+foldedKey(words[i+1])]
			i++ // كانون الثاني: January
		default:
			return "", "", ""
		}
	}
	if month == 0 || len(rest) != 2 {
		return "", "", ""
	}
	day, year := rest[0], rest[1]
	if len(day) == 4 {
		day, year = year, day // 1971. március 23.
	}
	if len(day) > 2 || len(year) != 4 && len(year) != 2 {
		return "", "", ""
	}
	if yi, _ := strconv.Atoi(year); solar != (len(year) == 4 && isSolarYear(yi)) {
		return "", "", "" // Farvardin 1985, March 1364: one calendar's month, the other's year
	}
	return year, strconv.Itoa(month), day
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

// isASCII reports whether s holds ASCII bytes alone.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
