package matcher

import (
	"testing"
	"time"
)

// A date of Ethiopia's calendar that says so, by its mark or its month's
// name, reads as the Common Era's day in any region; one that does not is
// the Common Era's.
func TestEthiopianDates(t *testing.T) {
	checkBirthDates(t, []dateCase{
		{"06/02/1949 E.C.", "ET", "1956-10-16", true},
		{"08/09/1959 E.C.", "", "1967-05-16", true},
		{"01/09/1982 EC", "ET", "1990-05-09", true},
		{"13/06/1969 E.C", "ET", "1977-02-20", true},
		{"25/05/1990 (E.C.)", "FR", "1998-02-02", true},
		{"02/04/1958 ዓ/ም", "ET", "1965-12-11", true},
		{"15/11/1985 ዓ.ም", "ET", "1993-07-22", true},
		{"10/10/1976 ዓ.ም.", "ET", "1984-06-17", true},
		{"06/13/1999 ዓ.ም", "ET", "2007-09-11", true}, // the sixth of Pagume, before a leap year
		{"ሚያዝያ 21 1966 ዓ.ም.", "ET", "1974-04-29", true},
		{"ታኅሣሥ 23 1971 ዓ.ም.", "ET", "1979-01-01", true},
		{"Miazia 2, 1970", "ET", "1978-04-10", true},
		{"Megabit 22, 1997", "US", "2005-03-31", true},
		{"Tahsas 9, 1995", "ET", "2002-12-18", true},
		{"1966/08/21 E.C.", "ET", "1974-04-29", true},
		{"06/13/1998 ዓ.ም", "ET", "", false}, // Pagume has five days that year
		{"31/01/1977 E.C.", "ET", "", false},
		{"16/07/1982", "ET", "1982-07-16", true}, // unmarked: the Common Era's
		{"6 Tir 1364", "IR", "1985-06-27", true}, // a Persian month of the same name
	})
	if d, ok := ReadCalendarDate("21/08/1966 E.C.", "ET"); d != "1974-04-29" || !ok {
		t.Errorf("ReadCalendarDate(21/08/1966 E.C.) = %q, %t", d, ok)
	}
	// New Year's Day, Meskerem 1, is 11 September, or 12 September before a
	// leap year of the Common Era; Christmas, Tahsas 29, is 7 January.
	for _, c := range []struct {
		y, m, d int
		want    string
	}{{2017, 1, 1, "2024-09-11"}, {2016, 1, 1, "2023-09-12"}, {2015, 4, 29, "2023-01-07"}, {1977, 5, 12, "1985-01-20"}} {
		if got, ok := fromEthiopian(c.y, c.m, c.d); !ok || got.Format(time.DateOnly) != c.want {
			t.Errorf("fromEthiopian(%d, %d, %d) = %s, want %s", c.y, c.m, c.d, got.Format(time.DateOnly), c.want)
		}
	}
}
