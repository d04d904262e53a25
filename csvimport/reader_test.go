package csvimport

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"dedupe/matcher"
)

// FuzzReader feeds any bytes to the CSV reader: it never panics, never
// loops, line numbers only grow, and every row it accepts passes the
// customer checks, whatever values it left out.
func FuzzReader(f *testing.F) {
	f.Add("first_name,email\nCamille,c@example.fr\n")
	f.Add("first_name,email,created_at\n\"Cam\"ille\",x,2020-01-01\nA,b\n,,\n")
	f.Add("email\n\x00\n\"unterminated\n")
	f.Add("attr.x,birth_date\nv,1990-02-30\n")
	f.Add("Attr.Notes,mobile,address.country\n\"a\nb\",12,France\n")
	f.Add("first_name;address.country;birth_date\nZo\xe9;Allemagne;1990-4-2\n\x81;FRA;1990-04-02T00:00:00Z\n")
	f.Add("first_name\tcreated_at\nA\t2021-03-04 10:22\n")
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data string) {
		rd, err := newReader(strings.NewReader(data), now, "YYYY-MM-DD", "FR")
		if err != nil {
			return
		}
		last := int64(0)
		for range len(data) + 2 {
			row, why, err := rd.next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				return
			}
			if row.Line < last {
				t.Fatalf("line %d after line %d", row.Line, last)
			}
			last = row.Line
			if why == "" {
				// A birth date the reader could not read is kept as given,
				// and says so; everything else passes the checks.
				c := row.Customer
				if !matcher.ValidBirthDate(c.BirthDate) && c.BirthDate != "" {
					if len(row.Kept) == 0 {
						t.Fatalf("birth date %q kept without saying so", c.BirthDate)
					}
					c.BirthDate = ""
				}
				if fe := matcher.CheckCustomer(c, now); fe != nil {
					t.Fatalf("accepted a row that fails the checks: %v", fe)
				}
			}
		}
		t.Fatal("the reader did not reach the end")
	})
}
