package matcher

import "testing"

// Mongolian forms write a date with the words for year and month
// (1961 оны 9 сарын 21), Azerbaijani ones the month by its name, and
// Myanmar's keyboards type Burmese digits.
func TestMongolianAzerbaijaniBurmeseDates(t *testing.T) {
	checkBirthDates(t, []dateCase{
		{"1961 оны 9 сарын 21", "MN", "1961-09-21", true},
		{"1979 оны 12 сарын 28", "MN", "1979-12-28", true},
		{"5 avqust 1955", "AZ", "1955-08-05", true},
		{"၁၃/၀၃/၁၉၉၇", "MM", "1997-03-13", true},
		{"1961 оны 13 сарын 21", "MN", "", false},
	})
	for in, want := range map[string]string{"Монгол Улс": "MN", "Mongol Uls": "MN", "မြန်မာ": "MM", "Republic of the Union of Myanmar": "MM",
		"Azərbaycan Respublikası": "AZ", "ශ්\u200dරී ලංකාව": "LK", "இலங்கை": "LK", "বাংলাদেশ": "BD", "नेपाल": "NP"} {
		if got := CountryCode(in); got != want {
			t.Errorf("CountryCode(%s) = %q, want %q", in, got, want)
		}
	}
}
