package loadgen

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"dedupe/matcher"
)

// mustFile generates a whole customer file.
func mustFile(tb testing.TB, cfg FileConfig) []FileRecord {
	tb.Helper()
	seq, err := CustomerFile(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return slices.Collect(seq)
}

func TestCustomerFileDeterministic(t *testing.T) {
	cfg := FileConfig{People: 5000, Seed: 11}
	a, b := mustFile(t, cfg), mustFile(t, cfg)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatalf("one seed, two files (-first +second):\n%s", diff)
	}
	cfg.Seed = 12
	if c := mustFile(t, cfg); cmp.Equal(a[:100], c[:100]) {
		t.Fatal("two seeds, one file")
	}
	if _, err := CustomerFile(FileConfig{People: 10, Kinds: []ErrorKind{"typos"}}); err == nil {
		t.Error("an unknown kind is accepted")
	}
}

func TestCustomerFilePeople(t *testing.T) {
	recs := mustFile(t, FileConfig{People: 30_000, Seed: 3})
	emails, mobiles := map[string]int{}, map[string]int{}
	firsts, lasts := map[string]int{}, map[string]int{}
	households := map[int][]matcher.Customer{}
	people, next := 0, 0
	for i, r := range recs {
		c := r.Customer
		if r.Kind == Original {
			if r.Person != next {
				t.Fatalf("record %d is person %d, want %d: people come in order", i, r.Person, next)
			}
			next++
			people++
			firsts[c.FirstName]++
			lasts[c.LastName]++
			households[r.Household] = append(households[r.Household], c)
		}
		// No two people share an email or a mobile, whatever the record.
		if c.Email != "" {
			e := strings.ToLower(strings.TrimSpace(c.Email))
			if p, ok := emails[e]; ok && p != r.Person {
				t.Fatalf("people %d and %d share an email", p, r.Person)
			}
			emails[e] = r.Person
		}
		if c.Mobile != "" {
			m := digitsOf(c.Mobile)
			if p, ok := mobiles[m]; ok && p != r.Person {
				t.Fatalf("people %d and %d share a mobile", p, r.Person)
			}
			mobiles[m] = r.Person
		}
		if i%100 == 0 { // libphonenumber is slow under the race detector
			if c.Mobile != "" {
				if m := matcher.NormalizePhone(c.Mobile, Region); !m.Valid || !m.Mobile {
					t.Errorf("record %d: mobile %q is not a valid French mobile", i, c.Mobile)
				}
			}
			if c.Email != "" && !matcher.NormalizeEmail(c.Email).Valid {
				t.Errorf("record %d: email %q is not valid", i, c.Email)
			}
		}
	}
	if people != 30_000 {
		t.Fatalf("%d people, want 30000", people)
	}

	// A heavy head and a long tail.
	share := func(m map[string]int, name string) float64 { return float64(m[name]) / float64(people) }
	if s := share(lasts, lastNames[0]); s < 0.003 || s > 0.015 {
		t.Errorf("%s is the surname of %.2f%% of people, want about 0.7%%", lastNames[0], 100*s)
	}
	if s := share(firsts, firstNames[0]); s < 0.02 || s > 0.06 {
		t.Errorf("%s is the first name of %.2f%% of people, want about 3.5%%", firstNames[0], 100*s)
	}
	rare := 0
	for _, n := range lasts {
		if n == 1 {
			rare++
		}
	}
	if len(lasts) < 8000 || rare < 4000 {
		t.Errorf("%d surnames, %d held by one person: want a long tail", len(lasts), rare)
	}

	// Households: one address, first names far apart, birth dates apart
	// but for twins, who share the surname too.
	shared, twins := 0, 0
	for _, members := range households {
		if len(members) > 1 {
			shared++
		}
		for i, a := range members {
			for _, b := range members[i+1:] {
				if a.Address != nil && b.Address != nil && *a.Address != *b.Address {
					t.Fatalf("one household, two addresses")
				}
				if a.FirstName != "" && b.FirstName != "" && !farFirstNames(a.FirstName, b.FirstName) {
					t.Fatalf("one household, first names %q and %q", a.FirstName, b.FirstName)
				}
				if a.BirthDate != "" && a.BirthDate == b.BirthDate {
					if a.LastName != b.LastName {
						t.Fatalf("one household, one birth date, surnames %q and %q", a.LastName, b.LastName)
					}
					twins++
				}
			}
		}
	}
	if shared < len(households)/4 {
		t.Errorf("%d of %d households hold several people", shared, len(households))
	}
	if twins < 60 || twins > 200 { // about four pairs a thousand people
		t.Errorf("%d pairs of twins among 30,000 people, want about 120", twins)
	}
}

// TestCustomerFileKinds checks that each duplicate differs from its
// person's record by what its kind says, and carries another email and
// mobile.
func TestCustomerFileKinds(t *testing.T) {
	recs := mustFile(t, FileConfig{People: 20_000, Seed: 5, DuplicateRate: 0.2})
	var orig FileRecord
	count := map[ErrorKind]int{}
	for _, r := range recs {
		if r.Kind == Original {
			orig = r
			continue
		}
		if r.Person != orig.Person {
			t.Fatalf("a duplicate of person %d follows person %d", r.Person, orig.Person)
		}
		count[r.Kind]++
		o, d := orig.Customer, r.Customer
		fail := func(what string) {
			t.Helper()
			t.Fatalf("%s: %s\n person:    %+v %v\n duplicate: %+v %v", r.Kind, what, o, o.Address, d, d.Address)
		}
		// What every kind leaves alone.
		touches := map[string]bool{}
		switch r.Kind {
		case Typo, Transposition:
			touches[r.Field] = true
		case Swap, ShortName:
			touches["first_name"], touches["last_name"] = true, true
		case Nickname, Initial, NoFirstName:
			touches["first_name"] = true
		case MissingField:
			touches[r.Field] = true
		case DateDigit, DateDayMonth:
			touches["birth_date"] = true
		case AddressVariant:
			touches["address"] = true
		case SurnameChanged:
			touches["last_name"] = true
		}
		if !touches["first_name"] && d.FirstName != o.FirstName || !touches["last_name"] && d.LastName != o.LastName ||
			!touches["birth_date"] && d.BirthDate != o.BirthDate || !touches["address"] && !cmp.Equal(d.Address, o.Address) ||
			d.Phone != o.Phone {
			fail("changes a field its kind does not")
		}
		switch r.Kind {
		case SameMailbox:
			if d.Email == o.Email || mailbox(d.Email) != mailbox(o.Email) {
				fail("not another spelling of the same mailbox")
			}
		default:
			if r.Field == "email" && d.Email != "" || r.Field != "email" && (d.Email == "" || d.Email == o.Email) {
				fail("not another email")
			}
		}
		dm, om := digitsOf(d.Mobile), digitsOf(o.Mobile)
		switch r.Kind {
		case PhoneDigit:
			if len(dm) != 10 || diffAt(dm, om) == nil || len(diffAt(dm, om)) != 1 || diffAt(dm, om)[0] < 3 {
				fail("the mobile is not one digit off")
			}
		case PhoneTransposition:
			if p := diffAt(dm, om); len(p) != 2 || p[1] != p[0]+1 || p[0] < 3 || dm[p[0]] != om[p[1]] || dm[p[1]] != om[p[0]] {
				fail("the mobile does not have two neighbouring digits swapped")
			}
		default:
			if dm == "" || dm == om {
				fail("not another mobile")
			}
		}

		fo, fd := foldASCII(o.FirstName), foldASCII(d.FirstName)
		lo, ld := foldASCII(o.LastName), foldASCII(d.LastName)
		switch r.Kind {
		case Typo:
			a, b := lo, ld
			if r.Field == "first_name" {
				a, b = fo, fd
			}
			if levenshtein(a, b) != 1 || a[0] != b[0] {
				fail("not one letter changed, the first kept")
			}
		case Transposition:
			a, b := lo, ld
			if r.Field == "first_name" {
				a, b = fo, fd
			}
			if p := diffAt(a, b); len(a) != len(b) || len(p) != 2 || p[1] != p[0]+1 || a[p[0]] != b[p[1]] || a[p[1]] != b[p[0]] {
				fail("not two neighbouring letters swapped")
			}
		case Swap:
			if d.FirstName != o.LastName || d.LastName != o.FirstName {
				fail("first and last name not swapped")
			}
		case Nickname:
			if !slices.Contains(nicknames[o.FirstName], d.FirstName) {
				fail("not a short form of the first name")
			}
		case Initial:
			if strings.TrimSuffix(d.FirstName, ".") != string([]rune(o.FirstName)[:1]) {
				fail("not the first name's initial")
			}
		case MissingField:
			var gone bool
			switch r.Field {
			case "first_name":
				gone = o.FirstName != "" && d.FirstName == ""
			case "birth_date":
				gone = o.BirthDate != "" && d.BirthDate == ""
			case "address":
				gone = o.Address != nil && d.Address == nil
			case "email":
				gone = d.Email == ""
			}
			if !gone {
				fail("the field " + r.Field + " is not left out")
			}
		case DateDigit:
			if p := diffAt(o.BirthDate, d.BirthDate); len(p) != 1 || !matcher.ValidBirthDate(d.BirthDate) {
				fail("the birth date is not one digit off")
			}
		case DateDayMonth:
			if o.BirthDate[8:] > "12" || d.BirthDate != o.BirthDate[:5]+o.BirthDate[8:]+"-"+o.BirthDate[5:7] || d.BirthDate == o.BirthDate {
				fail("day and month not swapped")
			}
		case AddressVariant:
			if d.Address == nil || *d.Address == *o.Address || addressKey(*d.Address) != addressKey(*o.Address) {
				fail("not the same address written otherwise")
			}
		case SurnameChanged:
			if levenshtein(lo, ld) < 3 {
				fail("the new surname is too close to be another name")
			}
		case ShortName:
			if utf8.RuneCountInString(o.FirstName) > 4 || utf8.RuneCountInString(d.FirstName) > 4 || levenshtein(fo, fd) != 1 {
				fail("not a very short first name spelt otherwise")
			}
		case NoFirstName:
			if o.FirstName != "" || d.FirstName != "" {
				fail("a first name")
			}
		}
	}
	for _, k := range ErrorKinds {
		if count[k] < 250 {
			t.Errorf("%d duplicates of kind %s, want some 270", count[k], k)
		}
	}
}

// diffAt lists the positions where two strings of one length differ, nil
// for strings of different lengths.
func diffAt(a, b string) []int {
	if len(a) != len(b) {
		return nil
	}
	var at []int
	for i := range len(a) {
		if a[i] != b[i] {
			at = append(at, i)
		}
	}
	return at
}

// mailbox is an email without what providers ignore: the +tag, and
// Gmail's dots.
func mailbox(email string) string {
	local, domain, _ := strings.Cut(strings.ToLower(email), "@")
	local, _, _ = strings.Cut(local, "+")
	if domain == "gmail.com" {
		local = strings.ReplaceAll(local, ".", "")
	}
	return local + "@" + domain
}

// addressKey reads an address as a postman would: without case, accents,
// punctuation or abbreviations.
func addressKey(a matcher.Address) string {
	norm := func(s string) string {
		s = strings.ToLower(stripAccents(s))
		s = strings.NewReplacer("n°", " ", ",", " ", "st-", "saint-", "st ", "saint-").Replace(s)
		var words []string
		for _, w := range strings.Fields(s) {
			for _, t := range streetTypes {
				if slices.Contains(t.short, w) || w == stripAccents(t.name) {
					w = stripAccents(t.name)
				}
			}
			for _, suffix := range []string{"bis", "ter"} {
				if n, ok := strings.CutSuffix(w, suffix); ok && n != "" && n[0] >= '0' && n[0] <= '9' {
					w = n + " " + suffix
				}
			}
			words = append(words, w)
		}
		return strings.Join(words, " ")
	}
	return norm(a.Line1) + "|" + norm(a.Line2) + "|" + a.PostalCode + "|" + norm(a.City) + "|" + a.Country
}

func TestMobileSerial(t *testing.T) {
	for _, serial := range []uint64{0, 1, 2, 12345, 9_999_999, 40_000_000, maxMobile - 1} {
		if got, ok := mobileSerial(fileMobile(serial)); !ok || got != serial {
			t.Errorf("mobileSerial(fileMobile(%d)) = %d, %v", serial, got, ok)
		}
	}
}

// BenchmarkCustomerFile: a million people must take seconds.
func BenchmarkCustomerFile(b *testing.B) {
	for range b.N {
		seq, err := CustomerFile(FileConfig{People: 100_000, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		for range seq {
		}
	}
}
