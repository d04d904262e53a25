package loadgen

import (
	"errors"
	"fmt"
	"hash/fnv"
	"iter"
	"math/big"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"dedupe/matcher"
)

// ErrorKind names what a planted duplicate of a customer file changes
// from its person's record. Every duplicate also carries another email and
// another mobile than the person's (otherwise exact matching would find
// it), except where the kind is about those: the phone slips carry the
// slipped mobile, the same mailbox the other spelling of the email.
type ErrorKind string

// The error kinds, and Original for a person's own record.
const (
	Original           ErrorKind = "original"
	Typo               ErrorKind = "typo"                // one letter of the first or last name changed (never the first letter)
	Transposition      ErrorKind = "transposition"       // two neighbouring letters of a name swapped
	Swap               ErrorKind = "swap"                // first and last name swapped
	Nickname           ErrorKind = "nickname"            // the first name's short form: Nicolas → Nico
	Initial            ErrorKind = "initial"             // the first name's initial: "M." or "M"
	MissingField       ErrorKind = "missing_field"       // one of first name, birth date, address, email left out
	DateDigit          ErrorKind = "date_digit"          // one digit of the birth date off, still a date
	DateDayMonth       ErrorKind = "date_day_month"      // the birth date's day and month swapped
	AddressVariant     ErrorKind = "address_variant"     // the same address written otherwise: "av."/"avenue", "12"/"n°12", case, accents
	PhoneDigit         ErrorKind = "phone_digit"         // one digit of the mobile off
	PhoneTransposition ErrorKind = "phone_transposition" // two neighbouring digits of the mobile swapped
	SameMailbox        ErrorKind = "same_mailbox"        // the email with Gmail dots moved or a +tag
	SurnameChanged     ErrorKind = "surname_changed"     // another surname (marriage), everything else the same
	ShortName          ErrorKind = "short_name"          // a very short first name spelt otherwise: Ana / Anna
	NoFirstName        ErrorKind = "no_first_name"       // no first name on either record
)

// ErrorKinds lists every kind, in the order a customer file plants them.
var ErrorKinds = []ErrorKind{Typo, Transposition, Swap, Nickname, Initial, MissingField, DateDigit, DateDayMonth,
	AddressVariant, PhoneDigit, PhoneTransposition, SameMailbox, SurnameChanged, ShortName, NoFirstName}

// FileConfig describes a synthetic customer file.
type FileConfig struct {
	People int    // distinct people; their records come first of each group
	Seed   uint64 // the same seed gives the same file
	// DuplicateRate is the share of people who get a planted duplicate.
	// Default 0.1.
	DuplicateRate float64
	// TripleRate is the share of those who get a second duplicate (of the
	// next kind), making a group of three records. Default 0.05.
	TripleRate float64
	// Kinds are the error kinds planted, taken in turn so each is planted
	// about as often. Default ErrorKinds.
	Kinds []ErrorKind
}

func (c *FileConfig) validate() error {
	if c.DuplicateRate == 0 {
		c.DuplicateRate = 0.1
	}
	if c.TripleRate == 0 {
		c.TripleRate = 0.05
	}
	if len(c.Kinds) == 0 {
		c.Kinds = ErrorKinds
	}
	switch {
	case c.People < 1 || c.People > maxFilePeople:
		return fmt.Errorf("customer file: %d people is not between 1 and %d", c.People, maxFilePeople)
	case c.DuplicateRate < 0 || c.DuplicateRate > 1 || c.TripleRate < 0 || c.TripleRate > 1:
		return errors.New("customer file: the duplicate and triple rates are shares, between 0 and 1")
	}
	for _, k := range c.Kinds {
		if k == Original || !slices.Contains(ErrorKinds, k) {
			return fmt.Errorf("customer file: unknown error kind %q", k)
		}
	}
	return nil
}

// maxFilePeople keeps every record's mobile in the file's number space
// with room for the slips (see fileMobile).
const maxFilePeople = 20_000_000

// FileRecord is one record of a customer file with its truth.
type FileRecord struct {
	Customer  matcher.Customer
	Person    int       // the person, 0..People-1: records of one person are duplicates
	Household int       // people living together share a household (and an address)
	Kind      ErrorKind // Original, or the error this duplicate carries
	Field     string    // the field the error touched (first_name, birth_date, …), when the kind chooses
}

// CustomerFile generates a customer file of distinct people with planted
// duplicates, in order: each person's record, then its duplicates. It is
// deterministic from cfg and streams, so a file of millions costs no
// memory but a set of the emails given out.
//
// The people are what a French business's file holds: names drawn with a
// real file's frequencies (nameDraw), households of up to four people
// under one address (mostly one surname, sometimes a landline, never one
// first name, one birth date only for twins: people the fuzzy search must
// keep apart), most with a birth date (a few with a placeholder such as
// 1900-01-01), emails made from the name at common providers, and a
// mobile each.
func CustomerFile(cfg FileConfig) (iter.Seq[FileRecord], error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	return func(yield func(FileRecord) bool) {
		g := &fileGen{cfg: cfg, rng: rand.New(rand.NewPCG(cfg.Seed, 0x637573746f6d6572)), emails: map[uint64]struct{}{}}
		g.reserved = uint64(2*cfg.People + 1000)
		for person := 0; person < cfg.People; {
			size := householdSizes[g.rng.IntN(len(householdSizes))]
			size = min(size, cfg.People-person)
			for _, rec := range g.household(person, size) {
				if !yield(rec) {
					return
				}
			}
			person += size
		}
	}, nil
}

// householdSizes: about half the households are one person.
var householdSizes = []int{1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4}

// twinOdds: one child in twinOdds after the household's first two people
// is the twin of the one before: about four pairs of twins a thousand
// people, living together, each with an email and a mobile of their own.
// The fuzzy comparison must keep them apart.
const twinOdds = 40

type fileGen struct {
	cfg      FileConfig
	rng      *rand.Rand
	emails   map[uint64]struct{} // FNV-64 of every email given out
	mobile   uint64              // next mobile serial
	reserved uint64              // serials under this may be given out: no slip lands there
	planted  int                 // duplicates planted, picks the next kind
	hh       int
}

// household generates the people of one household and their duplicates.
func (g *fileGen) household(base, size int) []FileRecord {
	hh := g.hh
	g.hh++
	rng := g.rng
	surname := fileSurnames.draw(rng)
	addr := g.address()
	var landline string
	if rng.IntN(10) < 3 {
		landline = fileLandline(hh)
	}
	var out []FileRecord
	var firsts, births, lasts []string
	for k := range size {
		var kinds []ErrorKind
		if rng.Float64() < g.cfg.DuplicateRate {
			kinds = append(kinds, g.nextKind())
			if rng.Float64() < g.cfg.TripleRate && !clash(kinds[0], g.cfg.Kinds[g.planted%len(g.cfg.Kinds)]) {
				kinds = append(kinds, g.nextKind())
			}
		}
		c := matcher.Customer{LastName: surname, Phone: landline}
		if k > 0 && rng.IntN(5) == 0 {
			c.LastName = fileSurnames.draw(rng) // a partner who kept their name
		}
		// Twins: a child born the day the one before was (a real date,
		// not a placeholder), under the same surname, with a first name
		// of their own.
		twin := k >= 2 && births[k-1] > "1901-01-01" && !slices.Contains(kinds, DateDayMonth) && rng.IntN(twinOdds) == 0
		if twin {
			c.LastName = lasts[k-1]
		}
		lasts = append(lasts, c.LastName)
		// The first name: apart from the household's, and one the kinds
		// can work on.
		var first, pair string
		for {
			first, pair = g.firstName(kinds)
			if !slices.ContainsFunc(firsts, func(f string) bool { return !farFirstNames(f, first) }) {
				break
			}
		}
		firsts = append(firsts, first)
		c.FirstName = first
		if rng.IntN(100) >= 3 { // a few records lack the address
			a := addr
			c.Address = &a
		}
		for !twin {
			c.BirthDate = g.birthDate(kinds)
			if c.BirthDate == "" || !slices.Contains(births, c.BirthDate) {
				break
			}
		}
		if twin {
			c.BirthDate = births[k-1]
		}
		births = append(births, c.BirthDate)
		if rng.IntN(100) < 92 {
			c.Email = g.email(c.FirstName, c.LastName, c.BirthDate)
		}
		if rng.IntN(100) < 95 {
			c.Mobile = phoneStyles[rng.IntN(len(phoneStyles))](g.newMobile())
		}
		for _, kind := range kinds { // what the kinds need of the original
			switch kind {
			case Typo, AddressVariant:
				if c.Address == nil {
					a := addr
					c.Address = &a
				}
			case SameMailbox:
				if c.Email == "" {
					c.Email = g.email(c.FirstName, c.LastName, c.BirthDate)
				}
			case PhoneDigit, PhoneTransposition:
				if c.Mobile == "" {
					c.Mobile = g.newMobile()
				}
			case NoFirstName:
				c.FirstName = "" // the email keeps the name they did not give
			}
		}
		person := base + k
		out = append(out, FileRecord{Customer: c, Person: person, Household: hh, Kind: Original})
		for _, kind := range kinds {
			d, field := g.duplicate(c, kind, pair, first)
			out = append(out, FileRecord{Customer: d, Person: person, Household: hh, Kind: kind, Field: field})
		}
	}
	return out
}

// clash reports whether one person cannot carry duplicates of both kinds:
// two that choose the person's first name, or one that chooses it and one
// that works on it.
func clash(a, b ErrorKind) bool {
	chooses := func(k ErrorKind) bool { return k == Nickname || k == ShortName || k == NoFirstName }
	works := func(k ErrorKind) bool { return chooses(k) || k == Swap || k == Initial }
	return chooses(a) && works(b) || chooses(b) && works(a)
}

func (g *fileGen) nextKind() ErrorKind {
	k := g.cfg.Kinds[g.planted%len(g.cfg.Kinds)]
	g.planted++
	return k
}

// firstName draws a first name fit for the kinds: one with a short form
// for Nickname, a very short one for ShortName (pair is its other
// spelling).
func (g *fileGen) firstName(kinds []ErrorKind) (first, pair string) {
	for _, k := range kinds {
		switch k {
		case Nickname:
			return nicknamed[g.rng.IntN(len(nicknamed))], ""
		case ShortName:
			p := shortNames[g.rng.IntN(len(shortNames))]
			if g.rng.IntN(2) == 0 {
				return p[0], p[1]
			}
			return p[1], p[0]
		}
	}
	return fileFirstNames.draw(g.rng), ""
}

// farFirstNames reports whether two members of a household have first
// names no typo makes one: at least three edits apart once folded.
func farFirstNames(a, b string) bool {
	return levenshtein(foldASCII(a), foldASCII(b)) >= 3
}

// birthDate: 85% of people give one, 3% a placeholder, the rest none; the
// date kinds need a real one, the day-and-month swap a day that is a month.
func (g *fileGen) birthDate(kinds []ErrorKind) string {
	need, dayMonth := false, false
	for _, k := range kinds {
		switch k {
		case Typo, DateDigit:
			need = true
		case DateDayMonth:
			need, dayMonth = true, true
		}
	}
	rng := g.rng
	switch r := rng.IntN(100); {
	case need:
	case r < 2:
		return "1900-01-01"
	case r < 3:
		return "1901-01-01"
	case r < 15:
		return ""
	}
	for {
		y, m := 1935+rng.IntN(73), 1+rng.IntN(12)
		d := 1 + rng.IntN(daysIn(y, m))
		if dayMonth && (d > 12 || d == m) {
			continue
		}
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	}
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// duplicate makes the record of kind kind from the person's record c: the
// error, another email and another mobile. given is the first name the
// person has, even when the record leaves it out.
func (g *fileGen) duplicate(c matcher.Customer, kind ErrorKind, pair, given string) (matcher.Customer, string) {
	rng := g.rng
	d := c
	if c.Address != nil {
		a := *c.Address
		d.Address = &a
	}
	// the person's true names, for the other email
	first, last := given, c.LastName
	var field string
	switch kind {
	case Typo, Transposition:
		field = slipName(rng, &d, kind)
	case Swap:
		d.FirstName, d.LastName = c.LastName, c.FirstName
	case Nickname:
		forms := nicknames[c.FirstName]
		d.FirstName = forms[rng.IntN(len(forms))]
	case Initial:
		d.FirstName = string([]rune(c.FirstName)[:1])
		if rng.IntN(5) < 3 {
			d.FirstName += "."
		}
	case MissingField:
		field = dropField(rng, &d)
	case DateDigit:
		d.BirthDate = dateDigit(rng, c.BirthDate)
	case DateDayMonth:
		d.BirthDate = c.BirthDate[:5] + c.BirthDate[8:10] + "-" + c.BirthDate[5:7]
	case AddressVariant:
		*d.Address = addressVariant(rng, *c.Address)
	case SurnameChanged:
		for !farFirstNames(d.LastName, c.LastName) {
			d.LastName = fileSurnames.draw(rng)
		}
		last = d.LastName
	case ShortName:
		d.FirstName = pair
	case NoFirstName:
		d.FirstName = ""
	}

	// Another email (none when the missing field is the email), another
	// mobile; the phone kinds slip the person's, the mailbox kind respells
	// the person's email.
	switch {
	case kind == SameMailbox:
		d.Email = g.sameMailbox(c.Email)
	case field == "email":
		d.Email = ""
	default:
		d.Email = g.email(first, last, c.BirthDate)
	}
	switch kind {
	case PhoneDigit, PhoneTransposition:
		d.Mobile = g.slipMobile(digitsOf(c.Mobile), kind)
	default:
		d.Mobile = phoneStyles[rng.IntN(len(phoneStyles))](g.newMobile())
	}
	return d, field
}

// slipName makes one typo or one transposition in one of d's names, the
// surname or the given name at random, and says which.
func slipName(rng *rand.Rand, d *matcher.Customer, kind ErrorKind) string {
	names := []string{"last_name", "first_name"}
	if d.FirstName != "" && rng.IntN(2) == 0 {
		names[0], names[1] = names[1], names[0]
	}
	var field string
	for _, field = range names {
		name := &d.LastName
		if field == "first_name" {
			name = &d.FirstName
		}
		if *name == "" {
			continue
		}
		if kind == Typo {
			*name = letterTypo(rng, *name)
			break
		}
		if t, ok := transpose(rng, *name); ok { // else no two different neighbours: the other name
			*name = t
			break
		}
	}
	return field
}

// dropField leaves out one of the fields d has (the given name, the birth
// date, the address or the email) and says which. The email is left out by
// the caller, which writes it.
func dropField(rng *rand.Rand, d *matcher.Customer) string {
	var have []string
	if d.FirstName != "" {
		have = append(have, "first_name")
	}
	if d.BirthDate != "" {
		have = append(have, "birth_date")
	}
	if d.Address != nil {
		have = append(have, "address")
	}
	have = append(have, "email")
	field := have[rng.IntN(len(have))]
	switch field {
	case "first_name":
		d.FirstName = ""
	case "birth_date":
		d.BirthDate = ""
	case "address":
		d.Address = nil
	}
	return field
}

// transpose swaps two neighbouring letters that differ once folded, not
// the first (people rarely get their initial wrong) unless it is the only
// pair.
func transpose(rng *rand.Rand, name string) (string, bool) {
	r := []rune(name)
	var at []int
	for i := 0; i+1 < len(r); i++ {
		a, b := foldASCII(string(r[i])), foldASCII(string(r[i+1]))
		if a != "" && b != "" && a != b {
			at = append(at, i)
		}
	}
	if len(at) > 1 && at[0] == 0 {
		at = at[1:]
	}
	if len(at) == 0 {
		return name, false
	}
	i := at[rng.IntN(len(at))]
	lower := unicode.IsUpper(r[i]) && i == 0
	r[i], r[i+1] = r[i+1], r[i]
	if lower { // keep the capital first
		r[0], r[1] = unicode.ToUpper(r[0]), unicode.ToLower(r[1])
	}
	return string(r), true
}

// dateDigit changes one digit of a date so that it stays a date of the
// last century or this one, and not a placeholder.
func dateDigit(rng *rand.Rand, date string) string {
	b := []byte(date)
	for {
		i := []int{2, 3, 5, 6, 8, 9}[rng.IntN(6)] // not the year's century
		was := b[i]
		b[i] = byte('0' + rng.IntN(10))
		if s := string(b); b[i] != was && matcher.ValidBirthDate(s) && s[5:] != "01-01" {
			return s
		}
		b[i] = was
	}
}

// A French mobile number is 06 or 07 and eight digits; the file's are the
// serials 0..maxMobile-1, scrambled by a bijection (so consecutive people
// are not one digit apart), over 060-062 and 064-068 (which libphonenumber
// accepts in full). The slips of the phone kinds are numbers whose serial
// no record takes.
const (
	maxMobile   = 8 * 10_000_000
	mobileMul   = 7_368_787 // coprime with maxMobile
	mobileShift = 31_337_113
)

var mobileInverse = new(big.Int).ModInverse(big.NewInt(mobileMul), big.NewInt(maxMobile)).Uint64()

func fileMobile(serial uint64) string {
	x := (serial*mobileMul + mobileShift) % maxMobile
	return fmt.Sprintf("06%c%07d", mobileDigits[x/10_000_000], x%10_000_000)
}

// mobileSerial inverts fileMobile; ok is false for a number outside the
// file's space.
func mobileSerial(national string) (uint64, bool) {
	if len(national) != 10 || national[:2] != "06" {
		return 0, false
	}
	d := strings.IndexByte(string(mobileDigits), national[2])
	rest, err := strconv.ParseUint(national[3:], 10, 64)
	if d < 0 || err != nil {
		return 0, false
	}
	x := uint64(d)*10_000_000 + rest
	return ((x + maxMobile - mobileShift%maxMobile) % maxMobile * mobileInverse) % maxMobile, true
}

// newMobile gives out the next serial's number, skipping placeholders
// (the last eight digits all one).
func (g *fileGen) newMobile() string {
	for {
		n := fileMobile(g.mobile)
		g.mobile++
		if !repeated(n[2:]) {
			return n
		}
	}
}

func repeated(s string) bool { return strings.Count(s, s[:1]) == len(s) }

// slipMobile is number n with one digit off or two neighbouring digits
// swapped (not in the 06x prefix), a number nobody of the file holds.
func (g *fileGen) slipMobile(n string, kind ErrorKind) string {
	b := []byte(n)
	for {
		s := slices.Clone(b)
		i := 3 + g.rng.IntN(7)
		if kind == PhoneDigit {
			s[i] = byte('0' + g.rng.IntN(10))
		} else {
			i = min(i, 8)
			s[i], s[i+1] = s[i+1], s[i]
		}
		slip := string(s)
		if serial, ok := mobileSerial(slip); slip != n && ok && serial >= g.reserved && !repeated(slip[2:]) {
			return slip
		}
	}
}

// digitsOf keeps the national digits of a number written in any of
// phoneStyles.
func digitsOf(written string) string {
	var b strings.Builder
	for _, r := range written {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	d := b.String()
	switch {
	case strings.HasPrefix(d, "0033"):
		return "0" + d[4:]
	case strings.HasPrefix(d, "33"):
		return "0" + d[2:]
	}
	return d
}

// fileLandline is household hh's fixed line, 01 to 05, one per household.
func fileLandline(hh int) string {
	const n = 5 * 100_000_000
	x := (uint64(hh)*2_654_435_761 + 12_345_679) % n
	return fmt.Sprintf("0%d %s", 1+x/100_000_000, spaced(fmt.Sprintf("%08d", x%100_000_000), " "))
}

// emailDomainsFR are the providers of a French customer file, the first
// ones more often.
var emailDomainsFR = []string{"gmail.com", "gmail.com", "gmail.com", "gmail.com", "hotmail.fr", "hotmail.fr",
	"orange.fr", "orange.fr", "yahoo.fr", "free.fr", "laposte.net", "sfr.fr", "outlook.fr", "wanadoo.fr", "icloud.com"}

// email makes an address from the name in a shape people use (marie.martin,
// m.martin, martin.marie84…), never one given out before: a taken one gets
// digits, as providers ask.
func (g *fileGen) email(first, last, birth string) string {
	rng := g.rng
	f, l := foldASCII(first), foldASCII(last)
	if f == "" {
		f = "x"
	}
	if l == "" {
		l = "x"
	}
	yy := fmt.Sprintf("%02d", rng.IntN(100))
	if matcher.ValidBirthDate(birth) && birth > "1930" {
		yy = birth[2:4] // marie.martin84
	}
	var local string
	switch rng.IntN(8) {
	case 0:
		local = f + "." + l
	case 1:
		local = f + "." + l + yy
	case 2:
		local = f[:1] + "." + l
	case 3:
		local = f + l
	case 4:
		local = l + "." + f
	case 5:
		local = f + "_" + l
	case 6:
		local = f + l[:1] + yy
	default:
		local = f[:1] + l + yy
	}
	domain := emailDomainsFR[rng.IntN(len(emailDomainsFR))]
	for attempt := 0; ; attempt++ {
		e := local + "@" + domain
		switch {
		case attempt == 0:
		case attempt < 4:
			e = local + strconv.Itoa(rng.IntN(1000)) + "@" + domain
		default:
			e = local + "." + tag(attempt*7919+rng.IntN(1<<20)) + "@" + domain
		}
		if g.claimMailbox(e) {
			return e
		}
	}
}

// claimMailbox takes a person's own address: its spelling and its mailbox,
// so no two people share a mailbox (at Gmail, marie.roux and marieroux
// are one), as no two people share one in life.
func (g *fileGen) claimMailbox(email string) bool {
	mailbox := "mailbox:" + matcher.CanonicalEmail(email)
	h := fnv.New64a()
	h.Write([]byte(mailbox))
	sum := h.Sum64()
	if _, taken := g.emails[sum]; taken {
		return false
	}
	if !g.claim(email) {
		return false
	}
	g.emails[sum] = struct{}{}
	return true
}

// claim takes email for one record; false when it is taken.
func (g *fileGen) claim(email string) bool {
	h := fnv.New64a()
	h.Write([]byte(email))
	sum := h.Sum64()
	if _, taken := g.emails[sum]; taken {
		return false
	}
	g.emails[sum] = struct{}{}
	return true
}

// sameMailbox spells email otherwise for the same mailbox: Gmail ignores
// the dots of its local part, and every provider here the +tag.
func (g *fileGen) sameMailbox(email string) string {
	local, domain, _ := strings.Cut(email, "@")
	for {
		var e string
		if domain == "gmail.com" && g.rng.IntN(2) == 0 {
			if strings.Contains(local, ".") && g.rng.IntN(2) == 0 {
				e = strings.ReplaceAll(local, ".", "")
			} else {
				i := 1 + g.rng.IntN(len(local)-1)
				e = local[:i] + "." + local[i:]
			}
		} else {
			e = local + "+" + []string{"resa", "promo", "shop", "rdv", "news"}[g.rng.IntN(5)]
		}
		e += "@" + domain
		if !strings.Contains(e, "..") && !strings.Contains(e, ".@") && g.claim(e) {
			return e
		}
	}
}

// nicknames are the short forms people give for a first name of the lists.
var nicknames = map[string][]string{
	"Alexandre": {"Alex"}, "Nicolas": {"Nico"}, "Thomas": {"Tom", "Tommy"}, "Sébastien": {"Seb", "Séb"},
	"Frédéric": {"Fred"}, "Stéphane": {"Steph"}, "Philippe": {"Phil"}, "Benoît": {"Ben"}, "Maxime": {"Max"},
	"Raphaël": {"Raph"}, "Florian": {"Flo"}, "Clément": {"Clem"}, "Xavier": {"Xav"}, "Gabriel": {"Gaby"},
	"Isabelle": {"Isa", "Isa"}, "Nathalie": {"Nath"}, "Valérie": {"Val", "Valou"}, "Sandrine": {"Sandy"},
	"Jennifer": {"Jenny", "Jen"}, "Jessica": {"Jess"}, "Gwendoline": {"Gwen"}, "Mélanie": {"Mel", "Mélo"},
	"Charlotte": {"Charlie", "Cha"}, "Priscilla": {"Prisca"}, "Ibrahim": {"Ibra"}, "Mathilde": {"Mathou"},
	"Guillaume": {"Guigui"}, "Amandine": {"Mandy"}, "Aurélie": {"Aurel"}, "Jérôme": {"Jéjé"},
}

var nicknamed = slices.Sorted(func(yield func(string) bool) {
	for k := range nicknames {
		if !yield(k) {
			return
		}
	}
})

// shortNames are very short first names and their other spelling, one
// letter apart.
var shortNames = [][2]string{{"Ana", "Anna"}, {"Noa", "Noah"}, {"Zoé", "Zoey"}, {"Léa", "Léah"}, {"Mia", "Mya"},
	{"Lia", "Lya"}, {"Tom", "Thom"}, {"Ali", "Aly"}, {"Eli", "Ely"}, {"Eva", "Ewa"}}

// foldASCII lower-cases s, drops its accents and keeps its letters a-z:
// how a name goes into an email address.
func foldASCII(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		case r == 'æ' || r == 'Æ':
			b.WriteString("ae")
		case r == 'œ' || r == 'Œ':
			b.WriteString("oe")
		}
	}
	return b.String()
}

// levenshtein is the edit distance of two short ASCII strings.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
