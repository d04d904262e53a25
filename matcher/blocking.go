package matcher

import (
	"crypto/md5"
	"encoding/binary"
	"slices"
	"strings"
	"unicode/utf8"
)

// Blocking keys are how the fuzzy search finds its candidates without
// reading the file: each profile stores a few keys, computed when it is
// written, and two profiles are compared only when they share one. Each
// key is built to survive one kind of slip that the others do not:
//
//   - a name's phonetic code with the birth date, its day and month in
//     order of size ("nb:"): a typo, transposition or nickname in the
//     other name, a missing first name, first name and surname swapped, a
//     new surname, day and month swapped;
//   - both names' phonetic codes, in order of size ("n:"): a record with no
//     birth date, or one digit off, for names rare enough to be a key;
//   - both names' initials with the birth date ("bi:"): a slip in each
//     name that changes both codes (Josiane Roussès / Joiane Roussè), or a
//     short form and a slip (Patrick Vachais / Pat Vachis);
//   - for a whole name written in one field ("Céline Brunet", no surname),
//     the keys of its two parts as given name and surname too, so that it
//     meets the same name split in two; for a surname with particles (van
//     den Berg, v. Leeuwen), the keys of the surname without them too;
//   - the birth date and the postal code (the town where there is none)
//     ("dp:"): both names mistyped, swapped or left out, the address
//     around them written another way or with a slip (Ajmes Kinb and
//     James King, born one day, 72 and 27 Meadow Place). Two people share
//     one only when born on one day in one postal district: twins, or
//     about one in ten thousand of the district's pairs;
//   - the postal code (the town where there is none) and house number
//     ("a:"): the same address written differently, with a slip in a name
//     or a date, the town left out or written another way; and with the phonetic
//     code of the street's main word ("as:"), for a town large enough
//     that many people share a house number (a file of a million);
//   - the town, house number and street's code ("ac:"): the same home
//     with its postal code mistyped or left out (22 Wentworth Road,
//     Southport, 4215 and 4251);
//   - the mailbox without provider tricks ("e:"), and the local part when
//     it says more than the name ("el:", marie.martin84 at two providers);
//   - the first name's code, the surname's initial and the email's number
//     ("ed:"): a slip in the surname and in the address around a number
//     kept (jean.martin5 / jean.martine5);
//   - the landline as it is ("ph:"), which no exact match reads;
//   - each identifier attribute the tenant designates ("id:", the
//     attribute's key and its value normalised): a social security number
//     or a loyalty card, whatever else was mistyped.
//
// Keys are stored as 64-bit hashes (HashBlockingKey): a collision only adds a pair to
// compare. A key held by many profiles (a common name born in one year,
// a building) is skipped by the search as a shared value.
//
// The mobile has no stored key. Its holders are in contact_points
// already, whose primary key finds a number, so the store's fuzzy search
// looks up there the probe's mobiles and the numbers one slip from them,
// and the scan joins the file's mobiles in memory on their deletions
// (FuzzyRecord.MobileSlipKeys), which two numbers one digit apart, or
// with two neighbouring digits swapped, share. Stored, the deletions were
// half a new profile's keys, each an index entry at a random place of a
// large file (docs/performance.md, sections 34, 82 and 83).

// BlockingKeyStrings returns a profile's blocking keys, readable: for
// tests and explanations. BlockingKeys hashes them. identifiers are the
// attribute keys the tenant designates as identifiers (identifier.go).
func BlockingKeyStrings(p Profile, identifiers ...string) []string {
	first, last := newNameValue(p.FirstName), newNameValue(p.LastName)
	birth := ""
	if ValidBirthDate(p.BirthDate) && !placeholderBirthDates[p.BirthDate] {
		birth = p.BirthDate
	}
	keys := nameKeys(first, last, birth)
	if a, b, ok := wholeName(p.FirstName, p.LastName); ok {
		keys = append(keys, nameKeys(newNameValue(a), newNameValue(b), birth)...)
	}
	core := withoutSurnameParticles(last.words)
	if len(core) > 0 && len(core) < len(last.words) {
		// Van den Berg keyed as Berg too, which is how registers file
		// him (Berg, van den) and some forms write him.
		keys = append(keys, nameKeys(first, nameValueOf(core, last.generation), birth)...)
	}
	if len(first.words) > 0 && len(core) > 0 && (len(first.words) > 1 || len(core) > 1) {
		// A name of several words keyed by its first given name and its
		// last surname too: Ana Paula / de Moraes meets Ana / Paula de
		// Moraes and Carla Pereira Becker written in one field.
		keys = append(keys, nameKeys(nameValueOf(first.words[:1], ""), nameValueOf(core[len(core)-1:], ""), birth)...)
	}
	codes := []string{nameCode(first), nameCode(last)}
	a := newAddressValue(p.Address)
	// The town only where no postal code names it: a record often leaves
	// it out, or writes it another way (Den Haag, 's-Gravenhage), beside
	// the same postal code.
	town := a.city
	if a.postal != "" {
		town = ""
	}
	if birth != "" && (a.postal != "" || town != "") {
		keys = append(keys, "dp:"+blockingDate(birth)+"|"+a.postal+"|"+town)
	}
	if a.number != "" && (a.postal != "" || a.city != "") {
		keys = append(keys, "a:"+a.postal+"|"+town+"|"+a.number)
		if w := a.mainWord(); w != "" {
			keys = append(keys, "as:"+a.postal+"|"+town+"|"+a.number+"|"+PhoneticCode(w))
			if a.city != "" {
				keys = append(keys, "ac:"+a.city+"|"+a.number+"|"+PhoneticCode(w))
			}
		}
	}
	if strings.HasPrefix(p.Phone, "+") && len(p.Phone) >= 8 && !Placeholder(Key{Kind: FieldPhone, Value: p.Phone}) {
		keys = append(keys, "ph:"+p.Phone)
	}
	if p.Email != "" && strings.Contains(p.Email, "@") && !Placeholder(Key{Kind: FieldEmail, Value: p.Email}) {
		e := newEmailValue(p.Email, first, last)
		keys = append(keys, "e:"+e.canonical)
		if e.residue != "" {
			keys = append(keys, "el:"+e.local)
		}
		if len(e.digits) >= 2 && codes[0] != "" && last.folded != "" {
			keys = append(keys, "ed:"+codes[0]+"|"+initial(last)+"|"+e.digits)
		}
	}
	for _, k := range identifiers {
		if v := identifierOrNone(p.Attributes[k].Value); v != "" {
			keys = append(keys, "id:"+k+"|"+v)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// streetTypes are the words that name a kind of street, not a street: the
// written-out abbreviations, and the types never abbreviated.
var streetTypes = func() map[string]bool {
	m := map[string]bool{"mews": true}
	tables := []map[string]string{streetWords, streetEndWords, portugueseStreetTypes}
	for _, c := range countryStreets {
		tables = append(tables, c.words)
	}
	for _, words := range tables {
		for _, full := range words {
			if full != "" {
				m[full] = true
			}
		}
	}
	return m
}()

// mainWord is the longest word of the street's name that names no kind of
// street ("victor" in "avenue victor hugo"; the first of the longest), a
// point of the compass only when there is no other ("third" in "west third
// street", often written without its "west"), or "" when it has none.
func (v addressValue) mainWord() string {
	best, compass := "", ""
	for _, w := range strings.Fields(v.street) {
		_, isCompass := compassWords[w]
		switch {
		case streetTypes[w]:
		case isCompass && compass == "":
			compass = w
		case !isCompass && len([]rune(w)) > len([]rune(best)):
			best = w
		}
	}
	if best == "" {
		return compass
	}
	return best
}

// PhoneticCode is the code a name's blocking keys use (see nameCode).
func PhoneticCode(name string) string { return nameCode(newNameValue(name)) }

// nameKeys are the keys of the names: "nb:" with the birth date, and "n:"
// and "bi:" (with the birth date) when both names are there.
func nameKeys(first, last nameValue, birth string) []string {
	keys := nameBirthKeys(first, last, birth)
	if c1, c2 := nameCode(first), nameCode(last); c1 != "" && c2 != "" {
		keys = append(keys, "n:"+min(c1, c2)+"|"+max(c1, c2))
		if birth != "" {
			// The initials in order of size, as the codes: first name and
			// surname swapped keep the key.
			i1, i2 := initial(first), initial(last)
			keys = append(keys, "bi:"+min(i1, i2)+max(i1, i2)+"|"+blockingDate(birth))
		}
	}
	return keys
}

// wholeName reads a whole name written in one field, the other empty, as
// its first and last words ("Céline Brunet" in the given name, "MULLER
// Valérie" in the surname, "Carla Pereira Becker"), in the order written:
// the name keys do not depend on the order, and a name of several words
// is keyed by its first given name and last surname too. A field of one
// word is no whole name.
func wholeName(first, last string) (string, string, bool) {
	first, last = strings.TrimSpace(first), strings.TrimSpace(last)
	if (first == "") == (last == "") {
		return "", "", false
	}
	parts := strings.Fields(strings.ReplaceAll(first+last, ",", " "))
	if len(parts) < 2 {
		return "", "", false
	}
	return parts[0], parts[len(parts)-1], true
}

// nameBirthKeys are the "nb:" keys: each name's phonetic code with the
// birth date, its day and month in order of size so a swap of the two
// keeps the key.
func nameBirthKeys(first, last nameValue, birth string) []string {
	if birth == "" {
		return nil
	}
	var keys []string
	for _, c := range []string{nameCode(first), nameCode(last)} {
		if c != "" {
			keys = append(keys, "nb:"+c+"|"+blockingDate(birth))
		}
	}
	return keys
}

// initial is a name's first folded letter, "" for none.
func initial(v nameValue) string {
	_, n := utf8.DecodeRuneInString(v.folded)
	return v.folded[:n]
}

// blockingDate writes a birth date, YYYY-MM-DD, for a key: its day and
// month in order of size, so that a swap of the two keeps the key.
func blockingDate(birth string) string {
	mm, dd := birth[5:7], birth[8:10]
	return birth[:4] + min(mm, dd) + max(mm, dd)
}

// TrainingKeys returns the hashed keys training pairs records by: a name's
// phonetic code with the birth date (the "nb:" blocking keys). Two people
// of one household share an address and a surname, but not a first name
// and a birth date, so the pairs found this way are mostly one person's
// records, which is what estimating m needs (Splink trains on such a
// blocking rule too).
func (r *FuzzyRecord) TrainingKeys() []int64 {
	var out []int64
	for _, k := range nameBirthKeys(r.first, r.last, r.birth) {
		out = append(out, HashBlockingKey(k))
	}
	return out
}

// nameCode is a name's phonetic code for blocking: the primary Double
// Metaphone code of its folded letters, or the letters themselves when
// the code is empty (a name of no Latin letters).
func nameCode(v nameValue) string {
	if v.codes[0] != "" {
		return v.codes[0]
	}
	return v.folded
}

// BlockingKeys returns a profile's blocking keys as the 64-bit hashes the
// store indexes, sorted.
func BlockingKeys(p Profile, identifiers ...string) []int64 {
	strs := BlockingKeyStrings(p, identifiers...)
	out := make([]int64, len(strs))
	for i, s := range strs {
		out[i] = HashBlockingKey(s)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// HashBlockingKey hashes one key: the first 8 bytes of its MD5 digest, as
// a signed big-endian integer. PostgreSQL computes the same with
// ('x' || substr(md5(key), 1, 16))::bit(64)::bigint, so a bulk load can
// key profiles in SQL (loadgen's prefill). MD5 is no security here: keys
// only group records to compare.
func HashBlockingKey(s string) int64 {
	sum := md5.Sum([]byte(s))
	return int64(binary.BigEndian.Uint64(sum[:8]))
}

// SharedContactKeys returns the blocking keys of the mailboxes and mobiles
// that more than limit of records hold (the tenant's shared threshold,
// Policy.Threshold): an office assistant's or a parent's, with which she
// books her colleagues or her family. The exact match sets such a value
// aside as shared; the fuzzy search does too, rather than propose each
// pair of its holders on it alone.
func SharedContactKeys(records []*FuzzyRecord, limit int) []int64 {
	emails, mobiles, locals := map[string]int{}, map[string]int{}, map[string]string{}
	for _, r := range records {
		seen := map[string]bool{}
		for _, e := range r.emails {
			if !seen["e"+e.canonical] {
				seen["e"+e.canonical] = true
				emails[e.canonical]++
				locals[e.canonical] = e.local
			}
		}
		for _, m := range r.mobiles {
			if !seen["m"+m] {
				seen["m"+m] = true
				mobiles[m]++
			}
		}
	}
	var keys []int64
	for e, n := range emails {
		if n > limit {
			keys = append(keys, HashBlockingKey("e:"+e), HashBlockingKey("el:"+locals[e]))
		}
	}
	for m, n := range mobiles {
		if n > limit {
			keys = append(keys, mobileDeletionKeys(m)...)
		}
	}
	return keys
}

// MobileKeep is how many characters of a mobile a slip is not looked for
// in: "+", the country code and the first digit. A slip there makes
// another country, or another kind of number.
const MobileKeep = 4

// MobileSlipKeys returns the keys that pair a record's mobiles with the
// numbers one slip from them, in memory: each mobile with one digit
// deleted past its first MobileKeep characters. Two numbers one digit
// apart share the key of that digit; two with neighbouring digits swapped
// share the key of either digit deleted from one and the other from the
// other. No such key is stored: the store's search finds the holders of
// those numbers in contact_points, then pairs them with the probe by
// these keys, and the scan pairs the file's records by them.
func (r *FuzzyRecord) MobileSlipKeys() []int64 {
	var keys []int64
	for _, m := range r.mobiles {
		keys = append(keys, mobileDeletionKeys(m)...)
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// mobileDeletionKeys are one mobile's MobileSlipKeys: none for a number
// too short to be one.
func mobileDeletionKeys(m string) []int64 {
	if !strings.HasPrefix(m, "+") || len(m) < 8 {
		return nil
	}
	keys := make([]int64, 0, len(m)-MobileKeep)
	for i := MobileKeep; i < len(m); i++ {
		keys = append(keys, HashBlockingKey("md:"+m[:i]+m[i+1:]))
	}
	return keys
}
