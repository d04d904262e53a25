package matcher

import (
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/norm"
)

// Problem says why a contact value is not used as a match key.
type Problem string

// Problems a contact value can have.
const (
	ProblemNone    Problem = ""
	ProblemInvalid Problem = "invalid" // does not parse as an email or a valid phone number
)

// Contact is one email or phone number as the customer typed it and as dedupe
// understands it.
type Contact struct {
	Raw    string `json:"-"`                // as given, trimmed
	Value  string `json:"value"`            // normalised; equal to Raw when invalid
	Valid  bool   `json:"valid"`            // usable as a match key
	Mobile bool   `json:"mobile,omitempty"` // phone numbers only: a mobile (or mobile-or-fixed) line
	// DefiniteMobile (phone numbers only): libphonenumber types it MOBILE,
	// not FIXED_LINE_OR_MOBILE as every US and CA number reads. Such a
	// number is a match key whichever form field it came in (Incoming.Keys).
	DefiniteMobile bool `json:"-"`
	// Extension is what followed a valid phone number as its extension
	// ("ext 12", "x12"), which Value, in E.164, does not hold.
	Extension string  `json:"-"`
	Problem   Problem `json:"problem,omitempty"` // why it is not a key
	// Corrected (emails only) says Value undoes a slip of the customer's
	// that left the address unable to receive mail (repairEmail).
	Corrected bool `json:"corrected,omitempty"`
}

// Empty reports whether nothing was given.
func (c Contact) Empty() bool { return c.Raw == "" }

// idnaProfile converts a domain to its ASCII (punycode) form for lookup.
var idnaProfile = idna.New(idna.MapForLookup(), idna.BidiRule(), idna.Transitional(false))

// RFC 5321's limits on an address, in octets.
const (
	maxLocalPart = 64
	maxAddress   = 254
)

// NormalizeEmail trims, applies Unicode NFC, lower-cases and converts the
// domain to IDNA ASCII. The result is valid only when it parses as a single
// bare address whose domain has a dot, within RFC 5321's lengths. Provider tricks (Gmail dots, +tags)
// are deliberately kept: two such addresses may belong to two people.
func NormalizeEmail(raw string) Contact {
	raw = strings.TrimSpace(raw)
	c := Contact{Raw: raw, Value: raw}
	if raw == "" {
		return c
	}
	s, corrected := repairEmail(strings.ToLower(norm.NFC.String(raw)))
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 {
		c.Problem = ProblemInvalid
		return c
	}
	local, domain := s[:at], strings.TrimSuffix(s[at+1:], ".")
	ascii, err := idnaProfile.ToASCII(domain)
	if err != nil || !strings.Contains(ascii, ".") || strings.HasPrefix(ascii, ".") {
		c.Problem = ProblemInvalid
		return c
	}
	addr := local + "@" + ascii
	// RFC 5321 (4.5.3.1): a local part of at most 64 octets, a path of at
	// most 256 with its angle brackets, so 254 for the address itself. A
	// longer one can receive no mail, so it identifies nobody.
	if len(local) > maxLocalPart || len(addr) > maxAddress {
		c.Problem = ProblemInvalid
		return c
	}
	// net/mail accepts display names and comments; insist on the bare address.
	parsed, err := mail.ParseAddress(addr)
	if err != nil || parsed.Name != "" || parsed.Address != addr {
		c.Problem = ProblemInvalid
		return c
	}
	c.Value, c.Valid, c.Corrected = addr, true, corrected
	return c
}

// repairEmail undoes the slips a form's email field commonly receives,
// which leave an address that can receive no mail as typed, so that it
// is the customer's address and a key: the punctuation of a list or a
// copied link around it ("anna@example.fr,", "<anna@example.fr>",
// "mailto:anna@example.fr"), the at sign typed twice ("anna@@gmail.com")
// or spelled out ("anna at gmail.com", "anna[at]gmail.com"), and a
// misspelled domain of the largest mailbox providers ("gmial.com",
// "icloud.con": emailDomainSlips). A domain someone may own is never
// changed: only the misspellings listed, which no one's mail is sent to.
// It reports whether it changed anything beyond the wrapping.
func repairEmail(s string) (string, bool) {
	s = strings.TrimPrefix(s, "mailto:")
	s = strings.Trim(s, " \t,;:'\"<>()[]")
	orig := s
	if !strings.Contains(s, "@") {
		for _, at := range []string{" at ", "[at]", "(at)", " [at] ", " (at) "} {
			if strings.Count(s, at) == 1 {
				s = strings.Replace(s, at, "@", 1)
				break
			}
		}
	}
	if strings.Count(s, "@@") == 1 && strings.Count(s, "@") == 2 {
		s = strings.Replace(s, "@@", "@", 1)
	}
	if at := strings.LastIndexByte(s, '@'); at > 0 {
		if d, ok := emailDomainSlips[s[at+1:]]; ok {
			s = s[:at+1] + d
		}
	}
	return s, s != orig
}

// emailDomainSlips maps misspellings of the largest mailbox providers'
// domains to the domain: a letter dropped, doubled, swapped or mistyped
// in the name, or the .com typed .con, .cm, .comm, .cmo, .ocm or .vom.
var emailDomainSlips = func() map[string]string {
	m := map[string]string{}
	names := map[string][]string{
		"gmail":   {"gmial", "gmai", "gmaill", "gamil", "gmal", "gnail", "gmsil", "gmaik", "gmali", "gmil", "gmaul"},
		"yahoo":   {"yahooo", "yaho", "yhoo", "yaoo", "yahho", "yahoi", "tahoo", "uahoo"},
		"hotmail": {"hotmial", "hotmal", "hotmai", "hotamil", "homail", "hormail", "hotmaill", "hotnail", "hitmail", "hotmaik"},
		"outlook": {"outlok", "outllok", "outloo", "oulook", "outook", "otlook", "outlool", "putlook"},
		"icloud":  {"icoud", "iclod", "icluod", "iclould", "icould", "iclud"},
		"aol":     {"aoll", "aool"},
	}
	for right, slips := range names {
		for _, name := range append(slips, right) {
			for _, tld := range []string{"com", "con", "cm", "comm", "cmo", "ocm", "vom", "xom", "coom"} {
				if d := name + "." + tld; d != right+".com" {
					m[d] = right + ".com"
				}
			}
		}
	}
	return m
}()

// NormalizePhone parses a number with the tenant's default region (ISO 3166
// alpha-2, e.g. "FR") into E.164. Only numbers libphonenumber considers valid
// are keys; "06 12 34 56 78" in FR and "+33612345678" give the same value,
// and so do digits of other scripts (ASCIIDigits).
// Mobile is set for a mobile or a number that may be either (US, CA),
// DefiniteMobile for a mobile only.
func NormalizePhone(raw, region string) Contact {
	raw = strings.TrimSpace(raw)
	c := Contact{Raw: raw, Value: raw}
	if raw == "" {
		return c
	}
	num, ok := parsePhone(ASCIIDigits(raw), strings.ToUpper(region)) // ၀၉၇၆၅၅၉၇၆၃၇, as Myanmar's keyboards type it
	if !ok {
		if first, noted := firstNumberWritten(raw); noted {
			num, ok = parsePhone(ASCIIDigits(first), strings.ToUpper(region))
		}
	}
	if !ok {
		c.Problem = ProblemInvalid
		return c
	}
	c.Value = phonenumbers.Format(num, phonenumbers.E164)
	c.Valid = true
	c.Extension = num.GetExtension()
	switch phonenumbers.GetNumberType(num) {
	case phonenumbers.MOBILE:
		c.Mobile, c.DefiniteMobile = true, true
	case phonenumbers.FIXED_LINE_OR_MOBILE:
		c.Mobile = true
	}
	return c
}

// phoneNote is a note after a number in parentheses that says how the
// customer is reached on it, the number hers (0772 123 414 (WhatsApp),
// 921-2314 (Digicel)); a note that says whose it is, (mum), (work), keeps
// the number from being read. phoneSeparator is what stands between two
// numbers written in one box (0977123412 / 0966 123 412; 0977 123 412,
// 0966 123 412; or, ou, o).
var (
	phoneNote = regexp.MustCompile(`(?i)\s*\(\s*(whats\s?app|wa|viber|telegram|signal|imo|sms|mobile|mob|cell|cellphone|` +
		`celular|movil|móvil|portable|handy|digicel|vodafone|mtn|airtel|orange|safaricom|econet|netone|tnm|mascom|bmobile)\s*\)\s*$`)
	phoneSeparator = regexp.MustCompile(`\s*[/,;|]\s*|\s+(?i:or|ou|o|oder|of)\s+`)
)

// firstNumberWritten returns a box's number without a note after it that
// says how she is reached on it, or the first of two numbers written in
// one box, and whether the box held such a note or a second number: the
// first is the one the customer gave first, and a box holds one number.
func firstNumberWritten(raw string) (string, bool) {
	if noted := phoneNote.ReplaceAllString(raw, ""); noted != raw {
		return noted, true
	}
	if strings.Contains(raw, "(") && strings.ContainsFunc(raw, unicode.IsLetter) {
		return raw, false // 07911 123456 (mum): whose it is, another's
	}
	if parts := phoneSeparator.Split(raw, 2); len(parts) == 2 && strings.ContainsAny(parts[1], "0123456789") {
		return parts[0], true
	}
	return raw, false
}

// NormalizeCustomerPhone normalises a customer's number: one written in
// national format reads in the country of the customer's address first,
// then in the tenant's region. A Norwegian customer of a Swedish salon
// writes 912 34 567, a Norwegian mobile, which read in Sweden would be
// another, Swedish, number; a Swedish number of hers reads in Sweden.
func NormalizeCustomerPhone(raw string, address *Address, region string) Contact {
	regions := PhoneRegions(address, region)
	for _, r := range regions[:len(regions)-1] {
		if n := NormalizePhone(raw, r); n.Valid {
			return n
		}
	}
	return NormalizePhone(raw, region)
}

// NormalizeCustomerMobile normalises the number a customer gave as her
// mobile: as NormalizeCustomerPhone, and an Argentine number that reads
// as a landline is the mobile of the same digits when that is a valid one
// (argentineMobile). The phone box keeps NormalizeCustomerPhone's reading.
func NormalizeCustomerMobile(raw string, address *Address, region string) Contact {
	return argentineMobile(NormalizeCustomerPhone(raw, address, region))
}

// argentineMobile reads an Argentine landline given as a mobile as that
// mobile. Argentina dials a mobile from abroad as +54 9 and the area code
// and number (+54 9 11 2345-6789), at home as 0, the area code, 15 and
// the number (011 15 2345-6789), but the number alone names the line: its
// customers very often write their mobile without the 9 or the 15, 11
// 2345-6789, +54 11 2345 6789 or 0351 234-5678, which libphonenumber
// reads as a landline of Buenos Aires or Córdoba (+54 11 2345-6789),
// another key. A valid fixed line of country code 54 is read with the 9
// when that is a valid mobile; any other contact is returned as it is.
func argentineMobile(c Contact) Contact {
	if !c.Valid || c.Mobile || !strings.HasPrefix(c.Value, "+54") {
		return c
	}
	fixed, err := phonenumbers.Parse(c.Value, "")
	if err != nil || phonenumbers.GetNumberType(fixed) != phonenumbers.FIXED_LINE {
		return c
	}
	o, err := phonenumbers.Parse("+549"+c.Value[len("+54"):], "")
	if err != nil || !phonenumbers.IsValidNumber(o) || phonenumbers.GetNumberType(o) != phonenumbers.MOBILE {
		return c
	}
	c.Value, c.Mobile, c.DefiniteMobile = phonenumbers.Format(o, phonenumbers.E164), true, true
	return c
}

// PhoneRegions are the regions NormalizeCustomerPhone reads a customer's
// number in, in order: the address's country when it names another, then
// the tenant's region. An address without a country whose postal code is
// an Eircode is in Ireland: a British or Northern Irish shop's file holds
// customers from the Republic, their country often left blank, and their
// 087 123 4567 is no British number.
func PhoneRegions(address *Address, region string) []string {
	if address != nil {
		a := address.Trimmed()
		c := a.Country
		if c == "" && IsEircode(a.PostalCode) {
			c = "IE"
		}
		if c != "" && !strings.EqualFold(c, region) && ValidRegion(c) {
			return []string{c, region}
		}
	}
	return []string{region}
}

// eircode is an Irish postal code written whole: a routing key (a letter
// and two digits, or D6W) and the address's own four characters, from an
// alphabet without the letters easily misread (B, G, I, J, L, M, O, Q, S,
// U, Z). A British postcode has three characters after its district, so no
// British postcode is one.
var eircode = regexp.MustCompile(`^(?:[AC-FHKNPRTV-Y][0-9]{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}$`)

// IsEircode reports whether postal is an Irish postal code written whole,
// in any case, with or without its space (D02 X285, t23rffx).
func IsEircode(postal string) bool {
	return eircode.MatchString(strings.ToUpper(strings.TrimSpace(postal)))
}

// France's numbering plan gives its overseas departments and collectivities
// national prefixes of their own (0692 12 34 56 is a Réunion mobile, 0596
// a Martinique line) under their own country codes, and a French customer
// file writes them as French numbers, even as +33 6 92…. overseasRegions
// are those regions, in the order tried; overseasPrefixes the first three
// digits of their national numbers (ARCEP's plan).
var (
	overseasRegions  = []string{"RE", "YT", "GP", "MQ", "GF", "PM", "BL", "MF"}
	overseasPrefixes = []string{"262", "263", "269", "508", "590", "594", "596", "639", "690", "691", "692", "693", "694", "696", "697"}
)

// parsePhone parses a valid number written in region's national format or
// in international format. A French number in an overseas range reads
// under its own region's code, however it is written, so that 0596 60 12
// 34 and +596 596 60 12 34 are one key; and a tenant of one of those
// regions reads a national number of metropolitan France or of another of
// them.
func parsePhone(raw, region string) (*phonenumbers.PhoneNumber, bool) {
	if o, ok := ownCodeAfter00(raw, region); ok {
		return o, true
	}
	num, err := phonenumbers.Parse(raw, region)
	if err != nil {
		return withoutPlus(raw, region)
	}
	if num.GetCountryCode() == 33 {
		if nsn := phonenumbers.GetNationalSignificantNumber(num); len(nsn) == 9 && slices.Contains(overseasPrefixes, nsn[:3]) {
			for _, r := range overseasRegions {
				if o, err := phonenumbers.Parse("0"+nsn, r); err == nil && phonenumbers.IsValidNumber(o) {
					o.Extension = num.Extension
					return o, true
				}
			}
		}
	}
	if o, ok := brazilianNinthDigit(num); ok {
		return o, true
	}
	if o, ok := kosovoOldCode(num, region); ok {
		return o, true
	}
	if phonenumbers.IsValidNumber(num) {
		return num, true
	}
	if o, ok := mexicanOldPrefix(num, raw); ok {
		return o, true
	}
	if o, ok := vietnameseOldMobile(num); ok {
		return o, true
	}
	if o, ok := chileanOldTrunk(num); ok {
		return o, true
	}
	if o, ok := zeroBeforeMobile(num); ok {
		return o, true
	}
	if o, ok := cameroonianOldMobile(num); ok {
		return o, true
	}
	if o, ok := ivorianOldMobile(num); ok {
		return o, true
	}
	if o, ok := papuanOldMobile(num); ok {
		return o, true
	}
	if o, ok := oldTrunkPrefix(raw, region); ok {
		return o, true
	}
	if o, ok := withoutPlus(raw, region); ok {
		return o, true
	}
	if strings.HasPrefix(raw, "+") || strings.HasPrefix(raw, "00") || !slices.Contains(overseasRegions, region) {
		return nil, false
	}
	for _, r := range append([]string{"FR"}, overseasRegions...) {
		if o, err := phonenumbers.Parse(raw, r); r != region && err == nil && phonenumbers.IsValidNumber(o) {
			return o, true
		}
	}
	return nil, false
}

// withoutPlus reads a number written in international form without its
// "+" or "00", as spreadsheets keep it once they have read it as a number
// (353 83 116 9483, 48 601 234 567): eleven digits or more, not starting
// with 0, with nothing but separators between them. It also reads one
// written after 00, the international prefix of most of the world, in a
// region whose own is another (0011 in Australia, 011 in North America):
// a customer from abroad writes 0061 4… or 00971 5… as at home, and no
// national number starts with 00. It is tried only for a number that is
// no valid number of the region it was read in, so a national number
// never reads as a foreign one.
func withoutPlus(raw, region string) (*phonenumbers.PhoneNumber, bool) {
	digits, ok := onlyDigits(raw)
	if !ok {
		return nil, false
	}
	least := 11
	after, prefixed := strings.CutPrefix(digits, "00")
	if prefixed {
		digits, least = after, 8 // the prefix says the country code follows
	}
	if len(digits) < least || len(digits) > 15 || digits[0] == '0' || !prefixed && nationalAreaCode(raw) {
		return nil, false
	}
	return parsePhone("+"+digits, region)
}

// nationalAreaCode reports whether a number begins with an area code in
// parentheses, as North Americans and others write theirs at home: (787)
// 8665-7293 is a Puerto Rican number typed with a digit too many, not +7
// 878 665 7293 without its plus, and is no number at all. Spreadsheets
// that drop a foreign number's plus write no parentheses.
func nationalAreaCode(raw string) bool {
	raw = strings.TrimSpace(raw)
	return strings.HasPrefix(raw, "(") && !strings.HasPrefix(raw, "(+")
}

// ownCodeAfter00 reads a number written after 00 and the region's own
// country code as a number of that code, before any other reading.
// Colombia's international prefixes are a carrier's, 005, 007 or 009, so
// libphonenumber reads 0057 301 882 0805, a Colombian mobile as written
// for calls from abroad, as 005 and the Russian +7 301 882 0805; but a
// customer writes 00 before her own country's code far more often than a
// carrier's prefix before another's, and no national number starts with
// 00. It is read so only where the rest is a valid number of the code,
// and the same in a region whose prefix 00 already reads it (0033 6 12 34
// 56 78 in France).
func ownCodeAfter00(raw, region string) (*phonenumbers.PhoneNumber, bool) {
	code := phonenumbers.GetCountryCodeForRegion(region)
	if code == 0 || !strings.HasPrefix(raw, "00") {
		return nil, false
	}
	digits, ok := onlyDigits(raw)
	if !ok || !strings.HasPrefix(digits, "00"+strconv.Itoa(code)) {
		return nil, false
	}
	return parsePhone("+"+digits[2:], region)
}

// chileanOldTrunk reads a Chilean mobile written with the trunk prefix 0
// that Chile dropped when every number became its nine digits: Chileans
// still write their mobile 09 6123 4567, which is no valid number, for +56
// 9 6123 4567. Only a mobile's 9 after the 0 is read so (a landline's 02
// is not), and only under Chile's code.
func chileanOldTrunk(num *phonenumbers.PhoneNumber) (*phonenumbers.PhoneNumber, bool) {
	nsn := phonenumbers.GetNationalSignificantNumber(num)
	if num.GetCountryCode() != 56 || len(nsn) != 10 || !strings.HasPrefix(nsn, "09") {
		return nil, false
	}
	o, err := phonenumbers.Parse("+56"+nsn[1:], "CL")
	if err != nil || !phonenumbers.IsValidNumber(o) {
		return nil, false
	}
	if t := phonenumbers.GetNumberType(o); t != phonenumbers.MOBILE && t != phonenumbers.FIXED_LINE_OR_MOBILE {
		return nil, false
	}
	o.Extension = num.Extension
	return o, true
}

// noTrunkPrefix are the calling codes of African countries whose numbers
// have no trunk prefix, where customers still write a 0 before their
// mobile as their neighbours do (Senegal's 077 442 95 65 for +221 77 442
// 95 65; Mali, Burkina Faso, Niger, Guinea, Togo, Mauritania and the
// Gambia alike; Cameroon's 0677123462; Angola's +244 0942 827 767 and
// Mozambique's +258 084 576 0459, as Tanzanians and Ugandans, whose
// numbers have one, write theirs).
var noTrunkPrefix = []int32{221, 223, 226, 227, 224, 228, 222, 220, 237, 244, 258}

// zeroBeforeMobile reads a mobile of noTrunkPrefix's countries written
// with a 0 before it, which is no valid number, as the mobile. A landline
// is not read so.
func zeroBeforeMobile(num *phonenumbers.PhoneNumber) (*phonenumbers.PhoneNumber, bool) {
	nsn := phonenumbers.GetNationalSignificantNumber(num)
	code := num.GetCountryCode()
	if !slices.Contains(noTrunkPrefix, code) || len(nsn) < 9 || nsn[0] != '0' {
		return nil, false
	}
	return mobileReading("+"+strconv.Itoa(int(code))+nsn[1:], "", num)
}

// cameroonianOldMobile reads a Cameroonian mobile written as before
// November 2014, when Cameroon put a 6 before every mobile's eight digits
// (and a 2 before every landline's): 77 12 34 56 is 6 77 12 34 56 today,
// the same line, and customers and old records still write it so. Eight
// digits that do not begin as a landline did (2 or 3) are read with the 6
// when that is a valid mobile.
func cameroonianOldMobile(num *phonenumbers.PhoneNumber) (*phonenumbers.PhoneNumber, bool) {
	nsn := phonenumbers.GetNationalSignificantNumber(num)
	if num.GetCountryCode() != 237 || len(nsn) != 8 || nsn[0] == '2' || nsn[0] == '3' {
		return nil, false
	}
	return mobileReading("+2376"+nsn, "", num)
}

// ivorianOldMobiles are the first two digits of Côte d'Ivoire's mobiles of
// before 31 January 2021, each with the two digits its line gained then,
// its operator's: 01 for Moov's, 05 for MTN's, 07 for Orange's (the
// regulator's plan, ARTCI; the numbers' second digit tells the operators
// apart, 0–3, 4–6 and 7–9).
var ivorianOldMobiles = func() map[string]string {
	m := map[string]string{}
	for _, first := range "0456789" {
		for second := '0'; second <= '9'; second++ {
			prefix := string(first) + string(second)
			switch {
			case second <= '3' && strings.ContainsRune("0457", first) && prefix != "00":
				m[prefix] = "01"
			case second >= '4' && second <= '6':
				m[prefix] = "05"
			case second >= '7' && prefix != "99":
				m[prefix] = "07"
			}
		}
	}
	return m
}()

// ivorianOldMobile reads a mobile of Côte d'Ivoire written as before 31
// January 2021, when every number gained two digits before its eight:
// 07 12 34 56, an Orange line then, is 07 07 12 34 56 today, and
// customers and old records still write it so. A landline of then (2 or
// 3 first) is not read as a mobile.
func ivorianOldMobile(num *phonenumbers.PhoneNumber) (*phonenumbers.PhoneNumber, bool) {
	nsn := phonenumbers.GetNationalSignificantNumber(num)
	if num.GetCountryCode() != 225 || len(nsn) != 8 {
		return nil, false
	}
	operator, ok := ivorianOldMobiles[nsn[:2]]
	if !ok {
		return nil, false
	}
	return mobileReading("+225"+operator+nsn, "", num)
}

// kosovoOldCode reads, in a Kosovar tenant or beside a Kosovar address, a
// mobile written under the code its operator used before Kosovo had its
// own (+383, from 2017): Vala's under Monaco's +377 (44, 45), IPKO's and
// D3's under Slovenia's +386 (49, 43). +377 44 221 288 is +383 44 221
// 288, the same line; outside Kosovo such numbers keep their reading.
func kosovoOldCode(num *phonenumbers.PhoneNumber, region string) (*phonenumbers.PhoneNumber, bool) {
	nsn := phonenumbers.GetNationalSignificantNumber(num)
	code := num.GetCountryCode()
	if region != "XK" || len(nsn) != 8 ||
		!(code == 377 && (strings.HasPrefix(nsn, "44") || strings.HasPrefix(nsn, "45")) ||
			code == 386 && (strings.HasPrefix(nsn, "43") || strings.HasPrefix(nsn, "49"))) {
		return nil, false
	}
	return mobileReading("+383"+nsn, "", num)
}

// papuanOldMobile reads a mobile of Papua New Guinea written as before
// 2013, when every mobile's seven digits gained a 7 before them: 132 0442
// is 7132 0442 today. A number of seven digits that is no valid landline
// is read with the 7 when that is a valid mobile.
func papuanOldMobile(num *phonenumbers.PhoneNumber) (*phonenumbers.PhoneNumber, bool) {
	nsn := phonenumbers.GetNationalSignificantNumber(num)
	if num.GetCountryCode() != 675 || len(nsn) != 7 {
		return nil, false
	}
	return mobileReading("+6757"+nsn, "", num)
}

// mobileReading is the number written international, in region, with
// num's extension, when it is a valid mobile: the reading the rules above
// and below give a number written as before its plan changed.
func mobileReading(international, region string, num *phonenumbers.PhoneNumber) (*phonenumbers.PhoneNumber, bool) {
	o, err := phonenumbers.Parse(international, region)
	if err != nil || !phonenumbers.IsValidNumber(o) || phonenumbers.GetNumberType(o) != phonenumbers.MOBILE {
		return nil, false
	}
	o.Extension = num.Extension
	return o, true
}

// brazilianNinthDigit reads a Brazilian mobile written as before 2016,
// when Brazil put a 9 before every mobile's eight digits: (84) 9732-5868
// is (84) 99732-5868 today, the same line, and customers and old records
// still write it so. A number of a two-digit area code and eight digits
// from 6 to 9, the mobiles' range, is read with its 9 when that is a
// valid mobile.
func brazilianNinthDigit(num *phonenumbers.PhoneNumber) (*phonenumbers.PhoneNumber, bool) {
	nsn := phonenumbers.GetNationalSignificantNumber(num)
	if num.GetCountryCode() != 55 || len(nsn) != 10 || nsn[2] < '6' || nsn[2] > '9' {
		return nil, false
	}
	return mobileReading("+55"+nsn[:2]+"9"+nsn[2:], "BR", num)
}

// mexicanOldPrefix reads a Mexican number written with the prefixes
// Mexico dropped in 2019, when every number became its ten digits: the 1
// of a mobile called from abroad (+52 1 55 1234 5678), and at home 044 or
// 045 before a mobile and 01 before a long-distance number (044 55 1234
// 5678). Customers and old records still write them; the number is the
// same line without them.
func mexicanOldPrefix(num *phonenumbers.PhoneNumber, raw string) (*phonenumbers.PhoneNumber, bool) {
	if num.GetCountryCode() != 52 {
		return nil, false
	}
	nsn, ten := phonenumbers.GetNationalSignificantNumber(num), ""
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, raw)
	switch {
	case len(nsn) == 11 && nsn[0] == '1':
		ten = nsn[1:]
	case len(digits) == 13 && (strings.HasPrefix(digits, "044") || strings.HasPrefix(digits, "045")):
		ten = digits[3:]
	case len(digits) == 12 && strings.HasPrefix(digits, "01"):
		ten = digits[2:]
	default:
		return nil, false
	}
	o, err := phonenumbers.Parse("+52"+ten, "MX")
	if err != nil || !phonenumbers.IsValidNumber(o) {
		return nil, false
	}
	o.Extension = num.Extension
	return o, true
}

// vietnameseOldPrefixes are the three digits after the 0 of Vietnam's
// eleven-digit mobiles, and the two their numbers took in 2018, when every
// mobile became ten digits (0168 123 4567 is 038 123 4567).
var vietnameseOldPrefixes = map[string]string{
	"162": "32", "163": "33", "164": "34", "165": "35", "166": "36", "167": "37", "168": "38", "169": "39", // Viettel
	"120": "70", "121": "79", "122": "77", "126": "76", "128": "78", // MobiFone
	"123": "83", "124": "84", "125": "85", "127": "81", "129": "82", // VinaPhone
	"186": "56", "188": "58", // Vietnamobile
	"199": "59", // Gmobile
}

// vietnameseOldMobile reads a Vietnamese mobile written as before 2018,
// eleven digits (0168 123 4567, +84 168 123 4567), as the ten-digit number
// the same line has had since: customers and old records still write them.
func vietnameseOldMobile(num *phonenumbers.PhoneNumber) (*phonenumbers.PhoneNumber, bool) {
	if num.GetCountryCode() != 84 {
		return nil, false
	}
	nsn := phonenumbers.GetNationalSignificantNumber(num)
	now, ok := vietnameseOldPrefixes[nsn[:min(3, len(nsn))]]
	if len(nsn) != 10 || !ok {
		return nil, false
	}
	o, err := phonenumbers.Parse("+84"+now+nsn[3:], "VN")
	if err != nil || !phonenumbers.IsValidNumber(o) {
		return nil, false
	}
	o.Extension = num.Extension
	return o, true
}

// onlyDigits returns the digits of a number written with nothing but
// digits and separators (spaces, "-", ".", "/", brackets), and false for
// one with anything else: a "+", letters.
func onlyDigits(raw string) (string, bool) {
	var d strings.Builder
	for _, r := range raw {
		switch {
		case r >= '0' && r <= '9':
			d.WriteRune(r)
		case !strings.ContainsRune(" -./()", r):
			return "", false
		}
	}
	return d.String(), true
}

// oldTrunkPrefixes are the trunk prefixes that a region's customers still
// write before a national number, which its plan no longer dials: the 8
// of the Soviet plan in Ukraine (8 067 123 45 67, before the 0 of today's
// numbers), Uzbekistan (8 (90) 571-53-88), Tajikistan, Kyrgyzstan (8
// (0555) 123456), Azerbaijan, Georgia, Armenia and Moldova; and a 0
// before an Uzbek or a Tajik number (0935016160), which neither plan has,
// as their neighbours write one. Russia, Kazakhstan, Belarus and
// Turkmenistan dial the 8 still, and libphonenumber reads it.
var oldTrunkPrefixes = map[string][]string{
	"UA": {"8"}, "UZ": {"8", "0"}, "TJ": {"8", "0"}, "KG": {"8"}, "AZ": {"8"}, "GE": {"8"}, "AM": {"8"}, "MD": {"8"},
}

// oldTrunkPrefix reads a national number written after one of its
// region's oldTrunkPrefixes as the number: the prefix is dropped where
// what follows is a valid number of the region, as no number with the
// prefix is.
func oldTrunkPrefix(raw, region string) (*phonenumbers.PhoneNumber, bool) {
	digits, ok := onlyDigits(raw)
	if !ok {
		return nil, false
	}
	for _, prefix := range oldTrunkPrefixes[region] {
		rest, ok := strings.CutPrefix(digits, prefix)
		if !ok || len(rest) < 8 {
			continue
		}
		if o, err := phonenumbers.Parse(rest, region); err == nil && phonenumbers.IsValidNumber(o) {
			return o, true
		}
	}
	return nil, false
}

// ValidRegion reports whether region is a region libphonenumber knows.
func ValidRegion(region string) bool {
	return phonenumbers.GetCountryCodeForRegion(strings.ToUpper(region)) != 0
}
