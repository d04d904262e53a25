package matcher

import "testing"

func TestReadBirthDate(t *testing.T) {
	for _, tc := range []struct {
		in, region, want string
		ok               bool
	}{
		{"1948-05-20", "PL", "1948-05-20", true},
		{" 1948-05-20 ", "PL", "1948-05-20", true},
		{"20.05.1948", "PL", "1948-05-20", true},
		{"1.2.1990", "DE", "1990-02-01", true},
		{"01. 02. 1990", "CZ", "1990-02-01", true},
		{"20.05.1948", "US", "1948-05-20", true}, // dots are day first anywhere
		{"1948/05/20", "JP", "1948-05-20", true},
		{"19480520", "FR", "1948-05-20", true},
		{"1948-5-2", "FR", "1948-05-02", true},
		{"03/04/1990", "FR", "1990-04-03", true},
		{"03/04/1990", "US", "1990-03-04", true},
		{"03-04-1990", "GB", "1990-04-03", true},
		{"13/04/1990", "US", "1990-04-13", true}, // only one reading
		{"04/13/1990", "FR", "1990-04-13", true},
		{"31/02/1990", "FR", "", false},
		{"30.02.1990", "PL", "", false},
		{"1990-02-30", "PL", "", false},
		{"20.05.48", "PL", "", false}, // which century, nothing says
		{"May 20, 1948", "US", "", false},
		{"", "US", "", false},
	} {
		got, ok := ReadBirthDate(tc.in, tc.region)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ReadBirthDate(%q, %s) = %q, %v; want %q, %v", tc.in, tc.region, got, ok, tc.want, tc.ok)
		}
	}
}
