package matcher

import (
	"cmp"
	"slices"
)

// Score compares two records: each field's level and weight, their sum,
// and the chance that the pair is one person.
//
// Fellegi–Sunter adds the fields' weights as if the fields were
// independent. They are not quite, and the steps below read each field in
// the light of the ones before it: the names first (in order or swapped,
// then what a generation, an email or two genders say of them), the birth
// date beside them, the contacts, and last the home, which counts only
// where the names and dates say the pair is not a household.
func (m *FuzzyModel) Score(a, b *FuzzyRecord) FuzzyScore {
	a, b = splitLike(a, b), splitLike(b, a)
	p := &pairScore{m: m, a: a, b: b, gender: compareGenders(a.gender, b.gender), birth: compareBirth(a, b)}
	p.compareNames()
	p.generations()
	p.givenNameFromEmails()
	p.surnameFromEmails()
	p.givenNamesOfTwoGenders()
	p.add(CompareFirstName, p.first, p.firstWeight)
	p.add(CompareLastName, p.last, p.lastWeight)
	p.add(CompareBirthDate, p.birth, p.birthWeight())
	p.add(CompareGender, p.gender, m.weight(CompareGender, p.gender, ""))
	p.compareContacts()
	p.compareHome()
	return p.total()
}

// pairScore is one comparison in progress (Score): the levels read so
// far, which the later steps look at, and the fields added to the score.
type pairScore struct {
	m    *FuzzyModel
	a, b *FuzzyRecord
	s    FuzzyScore

	gender, birth Level
	// first and last are the names' levels, in order or swapped
	// (s.NamesSwapped), and firstWeight and lastWeight their weights.
	first, last             Level
	firstWeight, lastWeight float64
	// givenAgree says the given names agree as one person's do (agrees),
	// which lets the home count.
	givenAgree    bool
	email, mobile Level
}

// add counts one field; a field missing on either side counts nothing.
func (p *pairScore) add(c Comparison, l Level, w float64) {
	if l == LevelMissing {
		return
	}
	p.s.Fields = append(p.s.Fields, FieldWeight{Field: c, Level: l, Weight: round2(w)})
	p.s.Weight += w
}

// compareBirth compares the birth dates, or, where either is no real date,
// an unread one with the other (compareUnreadBirth).
func compareBirth(a, b *FuzzyRecord) Level {
	if l := compareBirthDates(a.birth, b.birth); l != LevelMissing {
		return l
	}
	return compareUnreadBirth(a, b)
}

// bornApart says the birth dates disagree, by a digit or by more.
func (p *pairScore) bornApart() bool {
	return p.birth == LevelDifferent || p.birth == LevelNearDate || p.birth == LevelNearYear
}

// agrees reports whether a given names' level says one person.
//
// Given names that agree only by an initial or by their sound say one
// person only where the birth dates agree too: at one address, Julien and
// Julie, or M. and Marie, born years apart or of unknown age, are as
// often a household. So does a given name missing on either side, where
// the birth dates are the same (or day and month swapped): the people one
// lives with who share one's surname and birth date are twins, and a
// record written without its first name is commoner. A date one digit off
// is not enough there: two partners' dates are that close about once in a
// thousand couples, with nothing else to tell them apart.
func (p *pairScore) agrees(l Level) bool {
	switch l {
	case LevelExact, LevelNickname, LevelTypo:
		return true
	case LevelInitial, LevelPhonetic:
		return !p.bornApart() && p.birth != LevelMissing
	case LevelMissing:
		return p.birth == LevelExact || p.birth == LevelDayMonth
	case LevelCompound:
		return !p.bornApart() // Marie-Thérèse and Marie, born apart: sisters
	}
	return false
}

// compareNames compares the names in order, and swapped, and keeps
// whichever says more. Swapped, the first name compared is b's surname,
// whose frequency is a surname's, and the pair pays swapPenalty.
func (p *pairScore) compareNames() {
	m, a, b := p.m, p.a, p.b
	gendered := p.gender != LevelExact
	p.first, p.last = m.compareGivenNames(a.first, b.first, gendered), compareNames(a.last, b.last, false)
	firstTF, lastTF := []Comparison{CompareFirstName}, []Comparison{CompareLastName}
	p.givenAgree = p.agrees(p.first)
	if writtenSurnameFirst(a) && writtenSurnameFirst(b) {
		// Han Min-seo and Han Min-jun: the first names are a family name,
		// which says as little as it does in the surname's field, and the
		// given names, which say whether they are one person or a
		// household, are where the surnames go.
		firstTF, lastTF = bothNameFields, bothNameFields
		p.givenAgree = p.agrees(p.last)
	}
	p.firstWeight = m.weight(CompareFirstName, p.first, m.commoner(a.first.folded, b.first.folded, firstTF...), firstTF...)
	p.lastWeight = m.weight(CompareLastName, p.last, m.commoner(a.last.folded, b.last.folded, lastTF...), lastTF...)

	sfl, sll := compareNamesOf(a.first, b.last, true, gendered), compareNames(a.last, b.first, false)
	sfw := m.weight(CompareFirstName, sfl, m.commoner(a.first.folded, b.last.folded, bothNameFields...),
		bothNameFields...) - swapPenalty/2
	slw := m.weight(CompareLastName, sll, m.commoner(a.last.folded, b.first.folded, bothNameFields...),
		bothNameFields...) - swapPenalty/2
	// A record with one name, written in the other field (its given name
	// as its surname), is read swapped too: one swapped name agrees, the
	// other is missing. Names that agree in neither order are not read
	// swapped, however less they disagree that way: Camille Roy and a
	// Lucas with no surname are two given names apart, not a swap.
	if (namesAgree(sfl) || namesAgree(sll)) && sfw+slw > p.firstWeight+p.lastWeight && a.first.folded != a.last.folded {
		p.s.NamesSwapped = true
		p.first, p.last, p.firstWeight, p.lastWeight = sfl, sll, sfw, slw
		p.givenAgree = p.agrees(sfl) && p.agrees(sll) // which record is swapped is unknown: both
	}
}

// bothNameFields are the frequency lists of a name that may be a given
// name or a surname.
var bothNameFields = []Comparison{CompareFirstName, CompareLastName}

// writtenSurnameFirst reports whether a record's first name is a family
// name of the countries that write it first (surnameFirst), with a name
// in the surname's field.
func writtenSurnameFirst(r *FuzzyRecord) bool {
	return len(r.first.words) == 1 && surnameFirst[r.first.folded] && r.last.folded != ""
}

// namesAgree reports whether a names' level is an agreement of some kind:
// neither missing nor different.
func namesAgree(l Level) bool { return l != LevelMissing && l != LevelDifferent }

// generations reads a generation suffix (Jr, Sr, II) on either side.
func (p *pairScore) generations() {
	ga, gb := cmp.Or(p.a.last.generation, p.a.first.generation), cmp.Or(p.b.last.generation, p.b.first.generation)
	switch {
	case ga != "" && gb != "" && ga != gb:
		// Smith Jr and Smith Sr, Beard II and Beard III: a father and
		// his son, whatever else they share.
		p.last, p.lastWeight = LevelDifferent, p.m.weight(CompareLastName, LevelDifferent, "")
		p.givenAgree = false
	case ga != gb && p.birth != LevelExact:
		// One says Jr, the other nothing: the other may be the father,
		// so their home is his son's too unless the birth dates agree.
		p.givenAgree = false
	}
}

// givenNameFromEmails reads a given name that one record lacks in its
// email, where the email writes the other record's given name and surname
// and the surnames agree: a form that left the given name out, whose
// customer wrote it in the address (cheikh.traore@…). The given name then
// agrees, as common as it is, and the home can count.
func (p *pairScore) givenNameFromEmails() {
	if p.first != LevelMissing || !surnameAgrees(p.last) || p.s.NamesSwapped || p.gender == LevelDifferent {
		return
	}
	if given, ok := givenNameFromEmail(p.a, p.b); ok {
		p.first, p.firstWeight = LevelFromEmail, p.m.weight(CompareFirstName, LevelExact, given, CompareFirstName)
		p.givenAgree = !p.bornApart()
	}
}

// surnameFromEmails reads a surname that one record lacks, or that the
// two write differently, in the emails.
func (p *pairScore) surnameFromEmails() {
	if !p.givenAgree || p.s.NamesSwapped {
		return
	}
	m, a, b := p.m, p.a, p.b
	if p.last == LevelMissing {
		// A form that left the surname out, with an email that writes
		// it: the surname is the email's, as common as the surname is.
		if surname, ok := surnameFromEmail(a, b); ok {
			p.last, p.lastWeight = LevelFromEmail, m.weight(CompareLastName, LevelExact, surname, CompareLastName)
		}
	}
	if p.last == LevelDifferent && (p.first == LevelExact || p.first == LevelNickname) && p.gender != LevelDifferent &&
		surnameInEmail(a, b) {
		// One person under two surnames, a maiden name and a married one:
		// her email still names the other (Karine Fontana writes from
		// karine.ferrari@…). Sisters-in-law of one given name are rarer.
		p.last = LevelSurnameInEmail
		p.lastWeight = m.weight(CompareLastName, p.last, m.commoner(a.last.folded, b.last.folded, CompareLastName), CompareLastName)
	}
}

// givenNamesOfTwoGenders makes given names a letter or a sound apart, of
// two genders, two names (Julie and Julien, twins), not one written twice;
// so are a name and its short form (José and Josefina, Sam and Samantha).
func (p *pairScore) givenNamesOfTwoGenders() {
	if p.gender != LevelDifferent || p.s.NamesSwapped {
		return
	}
	switch p.first {
	case LevelTypo, LevelPhonetic, LevelInitial, LevelNickname:
		p.first, p.firstWeight, p.givenAgree = LevelDifferent, p.m.weight(CompareFirstName, LevelDifferent, ""), false
	}
}

// birthWeight is the birth date's weight beside the names.
func (p *pairScore) birthWeight() float64 {
	w := p.m.weight(CompareBirthDate, p.birth, "")
	switch {
	case p.birth == LevelExact && p.first == LevelDifferent && surnameAgrees(p.last):
		// One surname and one birth date under two given names: the
		// fields are not independent there, for twins share both. The
		// date says what it says among such pairs, not among any two
		// records.
		return min(w, p.m.twinsWeight())
	case p.birth == LevelNearYear:
		// Dates a year apart are never for: a file born over a few
		// decades can estimate u under m, and the date would then pass
		// for the agreement besides the names that a candidate needs.
		return min(w, 0)
	}
	return w
}

// compareContacts counts the email, the mobile and the identifiers.
func (p *pairScore) compareContacts() {
	m, a, b := p.m, p.a, p.b
	// What an email says beyond the names and the birth years (marie.martin86
	// born in 1986 repeats the date): those are counted already.
	p.email = compareEmails(a.emails, b.emails, slices.Concat(a.last.emailWords(), b.last.emailWords(), a.first.emailWords(), b.first.emailWords(),
		birthYears(a.birth), birthYears(b.birth)), a.first.folded != "" && b.first.folded != "")
	p.add(CompareEmail, p.email, m.weight(CompareEmail, p.email, ""))
	p.mobile = compareNumbers(a.mobiles, b.mobiles)
	if p.mobile == LevelMissing {
		// A customer file with one number column files a mobile as the
		// phone: the mobile one record gave, as the other's phone, is the
		// same line.
		for _, x := range []Level{compareNumbers(a.mobiles, b.phones), compareNumbers(a.phones, b.mobiles)} {
			if x == LevelExact || x == LevelOneSlip && p.mobile != LevelExact {
				p.mobile = x
			}
		}
	}
	p.add(CompareMobile, p.mobile, m.weight(CompareMobile, p.mobile, ""))
	il := compareIdentifiers(a.ids, b.ids)
	p.add(CompareIdentifier, il, m.weight(CompareIdentifier, il, ""))
}

// compareHome counts the address and the landline where they can tell one
// person from a household.
//
// People who live together share an address, often a surname and a
// landline, and not a given name. Fellegi–Sunter takes the fields as
// independent; a household breaks that, and counted apart the address and
// the surname add up to a match for every couple. So the address and the
// landline are evidence only when the given names agree (equal, a short
// form, one slip; a compound part, unless the birth dates differ; the
// sound or an initial, with birth dates that agree; no given name on a
// side, with the same birth date), and a landline shared with the address
// counts once. Nor when the genders differ (Dominique and Dominique, a
// couple), or when the birth dates differ (by more than one digit) by a
// generation: a parent and a child share a name and a home more often than
// a birth date is wrong in several digits and by fifteen years.
//
// One more case counts the address: given names unlike, under one surname
// and one birth date, with no email or mobile that differs. Household
// members who share a surname and a birth date are twins, and twins each
// give their own email and mobile; a record whose given name was written
// as another (Danielle as Elki, a middle name, a clerk's replacement)
// gives the same ones or none. So does a record written swapped whose
// surname was replaced too (Kelsey Warrior and Waller Kelsey): the given
// name agrees, swapped, and the surname not. The landline is a
// household's and still says nothing there.
func (p *pairScore) compareHome() {
	renamed := p.birth == LevelExact && p.email != LevelDifferent && p.mobile != LevelDifferent &&
		(p.first == LevelDifferent && surnameAgrees(p.last) || p.s.NamesSwapped && p.last == LevelDifferent && p.agrees(p.first))
	if !p.givenAgree && !renamed || p.gender == LevelDifferent ||
		p.birth == LevelDifferent && yearsApart(p.a.birth, p.b.birth) >= generation {
		return
	}
	al := compareAddresses(p.a.address, p.b.address)
	p.add(CompareAddress, al, p.m.weight(CompareAddress, al, ""))
	if al != LevelExact && p.givenAgree {
		pl := compareNumbers(p.a.phones, p.b.phones)
		p.add(ComparePhone, pl, p.m.weight(ComparePhone, pl, ""))
	}
}

// total rounds the score and gives its probability. The file's size comes
// first, as the prior starts Splink's waterfall. The model's Prior holds
// the size already: the probability is that of the fields' weights.
func (p *pairScore) total() FuzzyScore {
	s := p.s
	s.Probability = p.m.probability(round2(s.Weight))
	if w := p.m.FileSizeWeight(); round2(w) != 0 {
		level := LevelLargerFile
		if w > 0 {
			level = LevelSmallerFile
		}
		s.Fields = slices.Insert(s.Fields, 0, FieldWeight{Field: CompareFileSize, Level: level, Weight: round2(w)})
		s.Weight += w
	}
	s.Weight = round2(s.Weight)
	return s
}

// twinsU is the chance that two people of one surname and two given names
// were born the same day: a pair of twins is about one birth in sixty, so
// roughly one pair of siblings in fifty, and most pairs of one surname in
// a file are not siblings.
const twinsU = 0.002

// twinsWeight is what an exact birth date weighs between two given names
// under one surname: its m, against twinsU.
func (m *FuzzyModel) twinsWeight() float64 {
	p, ok := m.Levels[CompareBirthDate][LevelExact]
	if !ok || p.M <= 0 {
		p = defaultLevels[CompareBirthDate][LevelExact]
	}
	return MU{M: p.M, U: twinsU}.Weight()
}

// surnameAgrees reports whether a surname level says the surnames are
// one: written alike, with a slip, in part, by sound, or by an email.
func surnameAgrees(l Level) bool {
	return l != LevelDifferent && l != LevelMissing
}

// compareGivenNames is compareNamesOf for two given names in order, with
// what the tenant's file says of them: a feminine form one letter longer
// than the other name (Jessica and Jessic) is that name cut short when the
// file holds the feminine one and not the shorter (two profiles or fewer):
// a last letter dropped leaves a name nobody has. The other way round,
// Denis held and Denise not, stays two people (twins, one of a rare
// name). A model that knows no frequencies (the defaults) keeps them two.
func (m *FuzzyModel) compareGivenNames(a, b nameValue, gendered bool) Level {
	l := compareNamesOf(a, b, true, gendered)
	known := m.Frequencies[CompareFirstName]
	if l != LevelDifferent || !gendered || len(known) == 0 || EditDistance(a.folded, b.folded) != 1 || !feminineOf(a.folded, b.folded) {
		return l
	}
	short, long := a.folded, b.folded
	if len(short) > len(long) {
		short, long = long, short
	}
	if known[short] == 0 && known[long] > 0 {
		return LevelTypo
	}
	return l
}
