package matcher

import (
	"testing"
	"time"
)

// dateCase is a birth date as written, the tenant's region, and the date
// ReadBirthDate should read (ok false: no date).
type dateCase struct {
	in, region, want string
	ok               bool
}

// checkBirthDates checks ReadBirthDate on each case.
func checkBirthDates(t *testing.T, cases []dateCase) {
	t.Helper()
	for _, tc := range cases {
		got, ok := ReadBirthDate(tc.in, tc.region)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ReadBirthDate(%q, %q) = %q, %v; want %q, %v", tc.in, tc.region, got, ok, tc.want, tc.ok)
		}
	}
}

func TestReadBirthDate(t *testing.T) {
	checkBirthDates(t, []dateCase{
		{"1948-05-20", "PL", "1948-05-20", true},
		{" 1948-05-20 ", "PL", "1948-05-20", true},
		{"20.05.1948", "PL", "1948-05-20", true},
		{"1.2.1990", "DE", "1990-02-01", true},
		{"01. 02. 1990", "CZ", "1990-02-01", true},
		{"20.05.1948", "US", "1948-05-20", true}, // dots are day first anywhere
		{"1948/05/20", "JP", "1948-05-20", true},
		{"19480520", "FR", "1948-05-20", true},
		{"12091978", "FR", "1978-09-12", true}, // DDMMYYYY: 1209-19-78 is no date
		{"12091978", "US", "1978-12-09", true},
		{"31021990", "FR", "", false},
		{"1948-5-2", "FR", "1948-05-02", true},
		{"03/04/1990", "FR", "1990-04-03", true},
		{"03/04/1990", "US", "1990-03-04", true},
		{"03-04-1990", "GB", "1990-04-03", true},
		{"13/04/1990", "US", "1990-04-13", true}, // only one reading
		{"04/13/1990", "FR", "1990-04-13", true},
		{"31/02/1990", "FR", "", false},
		{"30.02.1990", "PL", "", false},
		{"1990-02-30", "PL", "", false},
		// A year of two digits: the one of the last hundred years.
		{"20.05.48", "PL", "1948-05-20", true},
		{"21/07/79", "MX", "1979-07-21", true},
		{"6/10/79", "ES", "1979-10-06", true},
		{"02/21/65", "PH", "1965-02-21", true},
		{"03/04/05", "FR", "2005-04-03", true},
		{"03/04/99", "US", "1999-03-04", true},
		// The month by its name.
		{"May 20, 1948", "US", "1948-05-20", true},
		{"March 23, 1971", "PH", "1971-03-23", true},
		{"Jun. 26, 1996", "PH", "1996-06-26", true},
		{"23 March 1971", "GB", "1971-03-23", true},
		{"the 23rd of March, 1971", "IE", "1971-03-23", true},
		{"23 de marzo de 1971", "MX", "1971-03-23", true},
		{"1998 09 27", "LT", "1998-09-27", true}, // spaces alone between the numbers
		{"27 09 1998", "FR", "1998-09-27", true},
		{"09 27 1998", "US", "1998-09-27", true},
		{"1985 m. kovo 12 d.", "LT", "1985-03-12", true}, // Lithuanian: the year, then the month and day
		{"1985 m. rugpjūčio 3 d.", "LT", "1985-08-03", true},
		{"12 მარტი 1985", "GE", "1985-03-12", true},
		{"1985 წლის 12 მარტი", "GE", "1985-03-12", true},
		{"12. ágúst 1985", "IS", "1985-08-12", true},
		{"1er janvier 1980", "FR", "1980-01-01", true},
		{"2. Mai 1980", "DE", "1980-05-02", true},
		{"14 févr. 1985", "FR", "1985-02-14", true},
		{"Sept 9 88", "US", "1988-09-09", true},
		{"24 Şubat 1969", "TR", "1969-02-24", true},
		{"15 Temmuz 1990", "TR", "1990-07-15", true},
		{"26 Agosti 1985", "TZ", "1985-08-26", true}, // Swahili
		{"7 Oktoba 1997", "TZ", "1997-10-07", true},
		{"12 Machi 1985", "KE", "1985-03-12", true},
		{"Agosti 12, 1985", "TZ", "1985-08-12", true},
		{"3 Desemba 1979", "UG", "1979-12-03", true},
		{"12 Kanama 1985", "RW", "1985-08-12", true}, // Kinyarwanda
		{"5 Ukuboza 1990", "RW", "1990-12-05", true},
		{"10 ocak 2008", "TR", "2008-01-10", true},
		{"3 december 1982", "NL", "1982-12-03", true},
		{"15 d'abril de 1990", "ES", "1990-04-15", true},
		{"15 augusti 1990", "SE", "1990-08-15", true},
		{"15. marts 1990", "DK", "1990-03-15", true},
		{"15. desember 1990", "NO", "1990-12-15", true},
		{"15 października 1990 r.", "PL", "1990-10-15", true},
		{"15 czerwiec 1990", "PL", "1990-06-15", true},
		{"15. března 1990", "CZ", "1990-03-15", true},
		{"15. maaliskuuta 1990", "FI", "1990-03-15", true},
		{"1990. március 15.", "HU", "1990-03-15", true},
		{"15 martie 1990", "RO", "1990-03-15", true},
		{"15 Agustus 1990", "ID", "1990-08-15", true},
		{"15 Ogos 1990", "MY", "1990-08-15", true},
		{"15 марта 1990 г.", "RU", "1990-03-15", true},
		// Russian months abbreviated, Malay's Dis.
		{"12 янв 1959", "RU", "1959-01-12", true},
		{"5 сен 1972", "RU", "1972-09-05", true},
		{"21 ноя 1960", "RU", "1960-11-21", true},
		{"2 дек. 1970 г.", "RU", "1970-12-02", true},
		{"3 авг 1980", "RU", "1980-08-03", true},
		{"12 Dis 1985", "MY", "1985-12-12", true},
		{"15 липня 1990", "UA", "1990-07-15", true},
		{"15 Μαρτίου 1990", "GR", "1990-03-15", true},
		{"15 tháng 3 năm 1992", "VN", "1992-03-15", true},
		{"ngày 15 tháng 03 năm 1992", "VN", "1992-03-15", true},
		{"15 tháng 13 năm 1992", "VN", "", false},
		{"Tuesday, March 23, 1971", "US", "", false},
		{"March 1971", "US", "", false},
		{"31 February 1990", "GB", "", false},
		// Japan's and China's year, month and day, and Japan's eras.
		{"1973年3月2日", "JP", "1973-03-02", true},
		{"１９７３年３月２日", "JP", "1973-03-02", true},
		// Digits of other scripts: Arabic-Indic, Persian, Devanagari.
		{"٠٤/٠٦/٢٠٠٣", "EG", "2003-06-04", true},
		{"۱۹۸۳-۰۵-۰۴", "AF", "1983-05-04", true},
		{"१५/०३/१९९०", "IN", "1990-03-15", true},
		// Afrikaans, and a South African identity number's date.
		{"24 Junie 1994", "ZA", "1994-06-24", true},
		{"070524", "ZA", "2007-05-24", true},
		// Bulgarian and Russian dates with the word for year, Bulgarian
		// months, Romanian abbreviations, Hungary's dots and spaces.
		{"14.12.1977 г.", "BG", "1977-12-14", true},
		{"01.08.1976г.", "BG", "1976-08-01", true},
		{"7.5.1974 г", "BG", "1974-05-07", true},
		{"15.03.1990 r.", "PL", "1990-03-15", true},
		{"23 октомври 1963", "BG", "1963-10-23", true},
		{"30 ноември 1997 г.", "BG", "1997-11-30", true},
		{"12 юни 1995", "BG", "1995-06-12", true},
		{"25 януари 1976", "BG", "1976-01-25", true},
		{"25 iul. 1959", "RO", "1959-07-25", true},
		{"3 ian. 1980", "RO", "1980-01-03", true},
		{"11 noi. 1992", "RO", "1992-11-11", true},
		{"1988. 12. 24.", "HU", "1988-12-24", true},
		{"1988 . 12 . 24", "HU", "1988-12-24", true},
		{"1. 2. 1990", "CZ", "1990-02-01", true},
		{"1988.12.24.", "HU", "1988-12-24", true},
		{"1985. március 12.", "HU", "1985-03-12", true},
		// Thailand's Buddhist era, 543 years ahead, and its months.
		{"15/08/2543", "TH", "2000-08-15", true},
		{"2525-10-29", "TH", "1982-10-29", true},
		{"05-02-2529", "TH", "1986-02-05", true},
		{"22 พ.ย. 2529", "TH", "1986-11-22", true},
		{"30 สิงหาคม 2538", "TH", "1995-08-30", true},
		{"3 มี.ค. พ.ศ. 2530", "", "1987-03-03", true},
		{"29/02/2543", "TH", "2000-02-29", true},
		{"15/08/2000", "TH", "2000-08-15", true},
		{"15/08/2543", "FR", "2000-08-15", true},
		{"15/08/2600", "TH", "2600-08-15", true}, // after today's year of the era: a slip, which the check refuses
		// Indonesian abbreviations.
		{"03 Des 1983", "ID", "1983-12-03", true},
		{"16 Agt 1974", "ID", "1974-08-16", true},
		{"16 Ags 2002", "ID", "2002-08-16", true},
		{"昭和48年3月2日", "JP", "1973-03-02", true},
		{"平成2年4月2日", "JP", "1990-04-02", true},
		{"平成元年1月8日", "JP", "1989-01-08", true},
		{"令和3年5月1日", "JP", "2021-05-01", true},
		{"S48.3.2", "JP", "1973-03-02", true},
		{"H2/4/2", "JP", "1990-04-02", true},
		{"昭和70年1月1日", "JP", "", false}, // Showa ended in its 64th year
		{"48年3月2日", "JP", "", false},
		// Six digits: the reading that is a date, else the region's.
		{"920315", "KR", "1992-03-15", true},
		{"920315", "DK", "1992-03-15", true},
		{"150392", "DK", "1992-03-15", true},
		{"150392", "KR", "1992-03-15", true},
		{"050315", "KR", "2005-03-15", true},
		{"050315", "DK", "2015-03-05", true},
		{"051031", "MY", "2005-10-31", true}, // as a MyKad number begins
		{"050315", "", "2005-03-15", true},
		{"993299", "KR", "", false},
		// Korea's: 년, 월 and 일, or the year first with dots and spaces.
		{"1992년 3월 15일", "KR", "1992-03-15", true},
		{"1992. 3. 15.", "KR", "1992-03-15", true},
		{"1992.03.15", "KR", "1992-03-15", true},
		// Arabic months: Morocco's, Algeria's and Tunisia's, Egypt's and the
		// Gulf's, the Levant's and Iraq's, with or without their hamza, in
		// Arabic-Indic digits, and with م (the Common Era) or سنة (year).
		{"21 يوليوز 1981", "MA", "1981-07-21", true},
		{"3 غشت 1990", "MA", "1990-08-03", true},
		{"12 شتنبر 1988", "MA", "1988-09-12", true},
		{"9 دجنبر 1979", "MA", "1979-12-09", true},
		{"19 أفريل 1985", "DZ", "1985-04-19", true},
		{"19 افريل 1985", "TN", "1985-04-19", true},
		{"4 ماي 1976", "TN", "1976-05-04", true},
		{"2 جانفي 1990", "DZ", "1990-01-02", true},
		{"14 جويلية 1983", "DZ", "1983-07-14", true},
		{"14 جويليه 1983", "TN", "1983-07-14", true},
		{"1 أوت 1977", "TN", "1977-08-01", true},
		{"27 سبتمبر 1994", "TN", "1994-09-27", true},
		{"15 إبريل 1980", "EG", "1980-04-15", true},
		{"15 ابريل 1980", "EG", "1980-04-15", true},
		{"30 يونيه 1972", "EG", "1972-06-30", true},
		{"٢١ يوليو ١٩٨١", "EG", "1981-07-21", true},
		{"21 يوليو 1981م", "SA", "1981-07-21", true},
		{"21 يوليو سنة 1981", "EG", "1981-07-21", true},
		{"٢١/٠٧/١٩٨١م", "SA", "1981-07-21", true},
		{"5 آب 1985", "SY", "1985-08-05", true},
		{"5 اب 1985", "LB", "1985-08-05", true},
		{"10 كانون الثاني 1990", "LB", "1990-01-10", true},
		{"10 كانون الثانى 1990", "JO", "1990-01-10", true},
		{"25 كانون الأول 1969", "SY", "1969-12-25", true},
		{"6 تشرين الأول 1973", "IQ", "1973-10-06", true},
		{"6 تشرين أول 1973", "IQ", "1973-10-06", true},
		{"11 تشرين الثاني 1995", "JO", "1995-11-11", true},
		{"كانون 1981", "LB", "", false},
		{"10 كانون 1990", "LB", "", false},
		{"6 تشرين 1973", "IQ", "", false},
		{"10 الثاني 1990", "LB", "", false},
		{"15/09/1401هـ", "SA", "1981-07-16", true}, // a year of the Hijri calendar, not of the Common Era
		{"30 فبراير 1990", "EG", "", false},
		{"", "US", "", false},
	})
}

// TestReadNordicBirthDates: a Swedish date written 27/11 1973, and the
// birth date of a Nordic identity number written in the date's box, its
// serial left out; a number of another region, or with no date in it,
// is no date.
func TestReadNordicBirthDates(t *testing.T) {
	checkBirthDates(t, []dateCase{
		{"27/11 1973", "SE", "1973-11-27", true},
		{"25/3 1986", "SE", "1986-03-25", true},
		{"850412-1234", "SE", "1985-04-12", true},
		{"19850412-1234", "SE", "1985-04-12", true},
		{"120101+1234", "SE", "1912-01-01", true},
		{"120485-1234", "DK", "1985-04-12", true},
		{"120485 12345", "NO", "1985-04-12", true},
		{"12048512345", "NO", "1985-04-12", true},
		{"12042012345", "NO", "1920-04-12", true}, // individual number 123: the 1900s
		{"12041050012", "NO", "2010-04-12", true},
		{"120485-123A", "FI", "1985-04-12", true},
		{"120405A123B", "FI", "2005-04-12", true},
		{"120485Y1234", "FI", "1985-04-12", true},
		{"120485-1234", "FR", "", false},
		{"1204851234", "DK", "", false}, // ten digits alone may be a phone
		{"310285-1234", "DK", "", false},
	})
}

// TestYearAloneTaken: a birth date of which only the year is known, as
// identity papers in West and Central Africa write it (1973, 00/00/1973,
// vers 1973), is taken rather than the booking refused, and kept as
// given: ReadBirthDate reads no date in it, so it weighs for no match. A
// year to come, or text that holds no year, is refused as before.
func TestYearAloneTaken(t *testing.T) {
	now := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	for v, ok := range map[string]bool{"1973": true, "00/00/1973": true, "0/0/1973": true, "XX.XX.1973": true, "vers 1998": true,
		"Vers 1998": true, "ca. 1960": true, "env. 1980": true, "1973?": true, "2031": false, "00/00/0000": false, "1850": false, "vers": false} {
		err := CheckCustomer(Customer{FirstName: "Aya", LastName: "Kouassi", BirthDate: v, Email: "aya@example.com"}, now)
		if (err == nil) != ok {
			t.Errorf("CheckCustomer with birth date %q = %v, want taken %t", v, err, ok)
		}
		if ok {
			if got := WithBirthDateRead(Customer{BirthDate: v}, "CI").BirthDate; got != v {
				t.Errorf("birth date %q kept as %q, want as given", v, got)
			}
		}
	}
}

// TestYearAloneKeepsTheDate: a year alone never writes over a birth date
// the profile holds, and a year a generation from the other record's date
// or year tells a father from his son of one name, as a date does.
func TestYearAloneKeepsTheDate(t *testing.T) {
	p := Profile{ID: "p", FirstName: "Eric", LastName: "Njoya", BirthDate: "1958-11-03"}
	in := NewIncoming(Customer{FirstName: "Eric", LastName: "Njoya", BirthDate: "00/00/1958"}, []string{"first_name", "last_name", "birth_date"}, "CM")
	if changes := Apply(&p, in, time.Now()); len(changes) != 0 || p.BirthDate != "1958-11-03" {
		t.Errorf("00/00/1958 over 1958-11-03: %v, birth date %s; want the date kept", changes, p.BirthDate)
	}
	for _, c := range []struct {
		booking, profile string
		apart            bool
	}{
		{"2001-09-27", "00/00/1958", true}, {"vers 2001", "1958-11-03", true}, {"1958", "vers 1960", false},
		{"1958-11-03", "1958", false}, {"", "1958", false},
	} {
		d := guarded(Customer{FirstName: "Eric", LastName: "Njoya", Email: "njoya@example.com", BirthDate: c.booking},
			Match{Profile: Profile{ID: "p", CreatedAt: t0, FirstName: "Eric", LastName: "Njoya", BirthDate: c.profile}, On: []Field{FieldEmail}}, "CM")
		if apart := d.Outcome != OutcomeUpdated; apart != c.apart {
			t.Errorf("Eric Njoya born %q on the profile of one born %q: %s, want two people %t", c.booking, c.profile, d.Outcome, c.apart)
		}
	}
}
