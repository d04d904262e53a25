package matcher

import (
	"bufio"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"strings"
	"testing"
	"time"
)

var updateStoredKeys = flag.Bool("update", false, "rewrite testdata/storedkeys.golden from the code as it is")

// TestStoredKeysUnchanged holds what dedupe stores of a customer, and looks
// her up by, to testdata/storedkeys.golden: for each customer of
// testdata/storedkeys.tsv (names, emails, numbers, birth dates and
// addresses in the writings of the tests, from many regions), the birth
// date as read, the normalised email, mobile and phone, the front desk's
// search keys and slips, and the fuzzy search's blocking keys.
//
// Profiles keep these as they were written. A change to normalisation or
// to the keys that changes a line here leaves the profiles stored before
// it with the old values, which the bookings, searches and scans after it
// no longer meet. Such a change needs a migration that writes them again
// for the profiles it touches (store/migrate.go, goSteps: rekeyNamesWhere,
// backfillBlockKeys, contactsReadAgain; docs/operations.md lists each),
// and then `go test ./matcher -run TestStoredKeysUnchanged -update`
// rewrites the file; its diff shows what the migration must cover.
func TestStoredKeysUnchanged(t *testing.T) {
	got := storedKeysOf(t, "testdata/storedkeys.tsv")
	const golden = "testdata/storedkeys.golden"
	if *updateStoredKeys {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	want := string(data)
	if got == want {
		return
	}
	gotBlocks, wantBlocks := strings.Split(got, "\n\n"), strings.Split(want, "\n\n")
	changed := 0
	for i := range max(len(gotBlocks), len(wantBlocks)) {
		var g, w string
		if i < len(gotBlocks) {
			g = gotBlocks[i]
		}
		if i < len(wantBlocks) {
			w = wantBlocks[i]
		}
		if g == w {
			continue
		}
		if changed++; changed <= 5 {
			t.Errorf("stored values changed:\n--- was\n%s\n--- now\n%s", w, g)
		}
	}
	t.Errorf("%d of %d customers' stored values changed. Profiles already stored keep the old ones: write a migration "+
		"that stores them again (store/migrate.go, goSteps; docs/operations.md), then run "+
		"`go test ./matcher -run TestStoredKeysUnchanged -update` and commit the file with it", changed, len(wantBlocks))
}

// storedKeysOf reads a corpus file (tab-separated: region, first name,
// last name, email, mobile, phone, birth date, line 1, line 2, postal
// code, city, country; # starts a comment) and returns, for each
// customer, the values dedupe stores of her, one block each.
func storedKeysOf(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out strings.Builder
	sc := bufio.NewScanner(f)
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != 12 {
			t.Fatalf("%s:%d: %d columns, want 12", path, line, len(cols))
		}
		region := cols[0]
		c := Customer{FirstName: cols[1], LastName: cols[2], Email: cols[3], Mobile: cols[4], Phone: cols[5], BirthDate: cols[6]}
		if a := (Address{Line1: cols[7], Line2: cols[8], PostalCode: cols[9], City: cols[10], Country: cols[11]}); a != (Address{}) {
			c.Address = &a
		}
		in := NewIncoming(WithBirthDateRead(c, region), nil, region)
		p, _ := NewProfile(in, "p", now)
		search := SearchKeys(p.FirstName, p.LastName)
		slips, _ := SearchSlips(p.FirstName, p.LastName)
		if out.Len() > 0 {
			out.WriteString("\n")
		}
		// Named by its customer, not its line: a line added leaves the
		// other blocks as they were.
		fmt.Fprintf(&out, "%s / %s (%s)\n", cols[1], cols[2], region)
		fmt.Fprintf(&out, "  birth %q\n", p.BirthDate)
		fmt.Fprintf(&out, "  email %q %v\n", in.Email.Value, in.Email.Valid)
		fmt.Fprintf(&out, "  mobile %q %v\n", in.Mobile.Value, in.Mobile.Valid)
		fmt.Fprintf(&out, "  phone %q %v\n", in.Phone.Value, in.Phone.Valid)
		a := p.Address
		fmt.Fprintf(&out, "  address %q\n", []string{a.Line1, a.Line2, a.PostalCode, a.City, a.Country})
		// The search's words as they are; their prefixes and slips,
		// which follow from them, by number and hash.
		var words []string
		for _, k := range search {
			if w, ok := strings.CutPrefix(k, keyWord); ok {
				words = append(words, w)
			}
		}
		fmt.Fprintf(&out, "  search %s (%d keys %s, %d slips %s)\n", strings.Join(words, " "),
			len(search), hashOf(search), len(slips), hashOf(slips))
		fmt.Fprintf(&out, "  block %s\n", strings.Join(BlockingKeyStrings(p), " "))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// hashOf is a short hash of strings, in order.
func hashOf(ss []string) string {
	h := fnv.New32a()
	for _, s := range ss {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return fmt.Sprintf("%08x", h.Sum32())
}
