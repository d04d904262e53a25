package matcher

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Phone numbers and emails compared: the same number or one slip apart;
// the same address, mailbox or local part, what a local part says beyond
// its owner's names, and a surname written in the email.

// compareNumbers compares two lists of E.164 numbers by their closest
// pair.
func compareNumbers(a, b []string) Level {
	if len(a) == 0 || len(b) == 0 {
		return LevelMissing
	}
	best := LevelDifferent
	for _, x := range a {
		for _, y := range b {
			switch {
			case x == y:
				return LevelExact
			case oneSlip(x, y):
				best = LevelOneSlip
			}
		}
	}
	return best
}

// emailValue is one address with what its local part says beyond the
// name.
type emailValue struct {
	value, canonical string
	domain           string
	digits           string // the digits of the local part, in order
	local            string // letters and digits of the local part
	residue          string // the local part with the owner's names and initials taken out
}

// surnameFromEmail returns the surname of one of two records when the
// other has none and its email writes it whole (Isla, islaoliver@…, and
// Isla Oliver): a surname of four letters or more, in the local part.
func surnameFromEmail(a, b *FuzzyRecord) (string, bool) {
	for _, p := range [][2]*FuzzyRecord{{a, b}, {b, a}} {
		lacking, named := p[0], p[1]
		if lacking.last.folded != "" || len(named.last.folded) < 4 {
			continue
		}
		for _, e := range lacking.emails {
			if strings.Contains(e.local, named.last.folded) {
				return named.last.folded, true
			}
		}
	}
	return "", false
}

// givenNameFromEmail returns the given name one record lacks, and true,
// when that record's email writes it whole (4 letters or more) beside a
// surname word of the other record: cheikh.traore@… or cheikhtraore@… for
// Cheikh Traoré, never paula.schmidt@… for Paul Schmidt. Umlauts written
// out read as the name's (hans.mueller@… for Hans Müller).
func givenNameFromEmail(a, b *FuzzyRecord) (string, bool) {
	for _, p := range [][2]*FuzzyRecord{{a, b}, {b, a}} {
		lacking, named := p[0], p[1]
		given := named.first.folded
		if lacking.first.folded != "" || len(given) < 4 {
			continue
		}
		for _, e := range lacking.emails {
			words := localWords(e.value)
			for _, w := range named.last.words {
				if len(w) < 2 {
					continue
				}
				if slices.Contains(words, given) && slices.Contains(words, w) ||
					slices.Contains(words, given+w) || slices.Contains(words, w+given) {
					return given, true
				}
			}
		}
	}
	return "", false
}

// localWords are an email's local part's words, split at everything that
// is not a letter and folded, with the umlauts they write out read back
// (mueller is muller, as a folded name holds it).
func localWords(email string) []string {
	local, _, _ := strings.Cut(email, "@")
	var out []string
	for _, w := range strings.FieldsFunc(local, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if f := FoldName(w); f != "" {
			out = append(out, f, ReadUmlauts(f))
		}
	}
	return out
}

// surnameInEmail reports whether one record's email names the other's
// surname beyond its own names: a word of 4 letters or more of it, in
// what is left of the local part once the owner's names are taken out.
func surnameInEmail(a, b *FuzzyRecord) bool {
	names := func(r, other *FuzzyRecord) bool {
		for _, e := range r.emails {
			for _, w := range other.last.words {
				if len(w) >= 4 && strings.Contains(e.residue, w) {
					return true
				}
			}
		}
		return false
	}
	return names(a, b) || names(b, a)
}

func newEmailValue(e string, first, last nameValue) emailValue {
	v := emailValue{value: e, canonical: CanonicalEmail(e)}
	local, domain, _ := strings.Cut(v.canonical, "@")
	v.local, v.domain = foldAlnum(local), domain
	v.digits = strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, v.local)
	v.residue = nameResidue(v.local, first, last)
	if roleMailboxes[v.local] || len(v.residue) < 3 && v.digits == "" {
		// info@ at two firms, js@ for two J. S.: nothing beyond the
		// name that one person holds.
		v.residue = ""
	}
	return v
}

// roleMailboxes are the local parts that name a role, not a person: every
// firm has an info@ or a contact@, and two of them say nothing of one
// customer.
var roleMailboxes = setOf(
	"info", "contact", "contacts", "contactus", "sales", "office", "admin", "administration", "hello", "hi",
	"mail", "email", "enquiries", "enquiry", "inquiries", "inquiry", "booking", "bookings", "reservations",
	"reservation", "reception", "accounts", "accounting", "billing", "invoices", "support", "help", "team",
	"noreply", "webmaster", "postmaster", "service", "orders", "shop", "store", "marketing", "office1",
	"finance", "accueil", "secretariat", "direction", "compta", "commercial", "boutique", "kontakt", "buero",
	"buro", "verwaltung", "contacto", "ventas", "reservas", "administracion", "contatti", "ufficio",
	"amministrazione",
)

// foldAlnum keeps the letters (folded) and digits of s.
func foldAlnum(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r):
			b.WriteRune(unicode.ToLower(r))
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		}
	}
	return b.String()
}

// nameResidue takes the owner's name words out of a local part, then a
// lone initial: what is left (a year, a number, a nickname) is what the
// address says beyond the name, so agreeing on the name is not counted
// twice. Too little left (one character) is no evidence.
func nameResidue(local string, first, last nameValue) string {
	return stripNames(local, slices.Concat(last.emailWords(), first.emailWords()), false)
}

// emailWords are the words of a name as a local part may hold them: a
// name of several words joined first (O'Brien as obrien, Jean-Luc as
// jeanluc), then each word. Split, O'Brien would leave johno of
// johnobrien, which two namesakes' addresses share.
func (v nameValue) emailWords() []string {
	if len(v.words) < 2 {
		return v.words
	}
	return append([]string{v.folded}, v.words...)
}

// stripNames takes the name words out of a folded local part, then lone
// initials, and returns what is left, or "" when that is under two
// characters. loosely, it takes out the names written another way too
// (nameWritten): what two addresses say beyond the names is compared so
// (beyondNames), while an address's own residue keeps a slip of its
// owner's name, which is how one mailbox typed twice shows (mailboxSlip).
func stripNames(local string, words []string, loosely bool) string {
	for _, w := range words {
		if len(w) < 2 {
			continue
		}
		if !strings.Contains(local, w) {
			// muehlmayer for Mühlmayer: an address has no umlauts, and
			// German writes them out.
			read := ReadUmlauts(local)
			if !strings.Contains(read, w) {
				continue
			}
			local = read
		}
		local = strings.Replace(local, w, " ", 1)
	}
	var parts []string
	for _, f := range strings.Fields(local) {
		if !loosely {
			if len(f) > 1 || isDigit(f[0]) {
				parts = append(parts, f)
			}
			continue
		}
		for _, p := range letterDigitRuns(f) {
			if isDigit(p[0]) || len(p) > 1 && !nameWritten(p, words) {
				parts = append(parts, p)
			}
		}
	}
	r := strings.Join(parts, "")
	if len(r) < 2 {
		return ""
	}
	return r
}

// letterDigitRuns cuts a folded local part's word into its runs of
// letters and of digits: lily84 is lily and 84.
func letterDigitRuns(w string) []string {
	var runs []string
	start := 0
	for i := 1; i <= len(w); i++ {
		if i == len(w) || isDigit(w[i]) != isDigit(w[i-1]) {
			runs = append(runs, w[start:i])
			start = i
		}
	}
	return runs
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// nameWritten reports whether letters left in a local part once the names
// are out are still one of them, written another way: one slip from a
// name of four letters or more (lily_evans for Lilly Evans), or its short
// form (kate.evans for Katherine). Left in, they would count the name
// twice, as a second piece of evidence.
func nameWritten(letters string, words []string) bool {
	if len(letters) < 3 {
		return false
	}
	for _, w := range words {
		if len(w) >= 4 && EditDistance(letters, w) == 1 || shortFormPair(letters, w) {
			return true
		}
	}
	return false
}

// umlautsRead reads the umlauts a local part writes out (ae, oe, ue) as
// the folded name words hold them (ReadUmlauts).
var umlautsRead = strings.NewReplacer("ae", "a", "oe", "o", "ue", "u")

// ReadUmlauts reads the umlauts folded text writes out (ae, oe, ue: a
// German name or country written without them) as FoldName leaves them:
// "muehlmayer" is "muhlmayer", "oesterreich" "osterreich".
func ReadUmlauts(folded string) string { return umlautsRead.Replace(folded) }

// writesUmlauts reports whether folded text holds ae, oe or ue, which
// ReadUmlauts would read: without any, it reads the text as it is. A
// check that allocates nothing, for the comparison of every pair.
func writesUmlauts(folded string) bool {
	return strings.Contains(folded, "ae") || strings.Contains(folded, "oe") || strings.Contains(folded, "ue")
}

// compareEmails compares two lists of emails by their closest pair. names
// are both records' name words: what a local part says beyond them is
// compared, so a slip in one record's name does not hide the name in its
// address. named says both records give a first name: then addresses
// that both name another person by a given name alone are a relative's,
// and say nothing either way.
func compareEmails(a, b []emailValue, names []string, named bool) Level {
	if len(a) == 0 || len(b) == 0 {
		return LevelMissing
	}
	rank := map[Level]int{LevelExact: 4, LevelMailbox: 3, LevelLocalPart: 2, LevelDifferent: 1}
	best := LevelDifferent
	for _, x := range a {
		for _, y := range b {
			l := LevelDifferent
			beyond := ""
			if x.residue != "" && y.residue != "" {
				beyond = beyondNames(x.local, y.local, names)
			}
			switch {
			case x.value == y.value:
				l = LevelExact
			case x.canonical == y.canonical:
				l = LevelMailbox
			case beyond != "" && named && givenNames()[beyond]:
				// Both addresses name one other person, by a given name
				// alone (rahul.singh and singh.rahul for two Rohan
				// Singhs): a relative's mailboxes, which says no more of
				// one customer than a common first name. Without a first
				// name on a record, the name may be the customer's own.
				l = LevelMissing
			case beyond != "":
				l = LevelLocalPart
			case x.domain == y.domain && mailboxSlip(x, y) && EditDistance(x.local, y.local) == 1:
				l = LevelLocalPart
			case x.residue != "" && y.residue != "" && x.digits == y.digits && min(len(x.value), len(y.value)) >= 12 &&
				EditDistance(x.value, y.value) <= 2:
				// Two slips at most in an address that says more than its
				// owner's names, its number kept, the provider's name
				// included (ryannoble@bryant.info, ryannnble@bryat.info):
				// one address typed twice.
				l = LevelLocalPart
			case x.local == y.local && (x.residue == "" || y.residue == ""):
				// The same name at two providers: the names already said it,
				// one record's at least (a slip in the other's surname:
				// matteo.battaglia for Matteo Bataglia).
				l = LevelMissing
			}
			if rank[l] > rank[best] || l == LevelMissing && best == LevelDifferent {
				best = l
			}
		}
	}
	return best
}

// mailboxSlip reports whether two local parts at one provider, one edit
// apart, are one mailbox typed twice: its number kept (jean.martin5,
// jean.martin5e); a key of its number pressed twice or dropped, in a
// number of three digits or more (ines.gar6578, ines.gar65778), not a
// digit changed for another (marie.martin84 and marie.martin85 are two
// Marie Martins); or, in an address of eight letters or more with no
// number, a slip that leaves one of them saying more than the names
// (perez.ruben, perez.rubrn).
func mailboxSlip(x, y emailValue) bool {
	a, b := x.digits, y.digits
	if len(a) > len(b) {
		a, b = b, a
	}
	switch {
	case a != "" && a == b:
		return true
	case len(a) >= 3 && len(b) == len(a)+1:
		return EditDistance(a, b) == 1
	case b == "":
		return min(len(x.local), len(y.local)) >= 8 && (x.residue != "" || y.residue != "")
	}
	return false
}

// beyondNames returns what two local parts both leave once the names
// (both records' names and birth years, and the names written another
// way) are taken out, or "" when they leave different things or nothing:
// two addresses of nothing but names and a year (lucasm10 and emmam10,
// twins born in 2010; lily_evans and evans.lily for Lilly Evans) agree on
// nothing the names have not said.
func beyondNames(a, b string, names []string) string {
	if r := stripNames(a, names, true); r != "" && r == stripNames(b, names, true) {
		return r
	}
	return ""
}
