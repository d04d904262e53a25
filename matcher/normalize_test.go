package matcher

import (
	"strings"
	"testing"
)

func TestNormalizeEmail(t *testing.T) {
	tests := []struct {
		name, raw, want string
		valid           bool
	}{
		{"Lowercase", "Camille.Roy@Example.fr", "camille.roy@example.fr", true},
		{"Spaces", "  camille@example.fr \t", "camille@example.fr", true},
		{"PlusTagKept", "camille+salon@gmail.com", "camille+salon@gmail.com", true},
		{"GmailDotsKept", "c.amille@gmail.com", "c.amille@gmail.com", true},
		{"IDNDomain", "zoe@Café.fr", "zoe@xn--caf-dma.fr", true},
		{"NFC", "zoe\u0301@example.fr", "zoé@example.fr", true},
		{"TrailingDotDomain", "a@example.fr.", "a@example.fr", true},
		{"NoAt", "camille.example.fr", "camille.example.fr", false},
		{"NoDottedDomain", "camille@localhost", "camille@localhost", false},
		{"DisplayName", "Camille <camille@example.fr>", "Camille <camille@example.fr>", false},
		{"TwoAts", "a@b@example.fr", "a@b@example.fr", false},
		{"EmptyLocal", "@example.fr", "@example.fr", false},
		{"Spaces inside", "cam ille@example.fr", "cam ille@example.fr", false},
		{"Empty", "", "", false},
		{"LocalPart64", strings.Repeat("a", 64) + "@example.fr", strings.Repeat("a", 64) + "@example.fr", true},
		{"LocalPart65", strings.Repeat("a", 65) + "@example.fr", strings.Repeat("a", 65) + "@example.fr", false},
		{"Address254", "a@" + strings.Repeat("b", 249) + ".fr", "a@" + strings.Repeat("b", 249) + ".fr", true},
		{"Address255", "a@" + strings.Repeat("b", 250) + ".fr", "a@" + strings.Repeat("b", 250) + ".fr", false},
		// A form's slips that leave an address no mail reaches.
		{"TrailingComma", "somalley@yahoo.com,", "somalley@yahoo.com", true},
		{"AngleBrackets", "<anna@example.fr>", "anna@example.fr", true},
		{"Mailto", "mailto:Anna@Example.fr", "anna@example.fr", true},
		{"AtTwice", "agonzalez54@@gmail.com", "agonzalez54@gmail.com", true},
		{"AtSpelledOut", "yhuang at gmail.com", "yhuang@gmail.com", true},
		{"AtBracketed", "yhuang[at]gmail.com", "yhuang@gmail.com", true},
		{"ProviderMisspelled", "marie.martin@gmial.com", "marie.martin@gmail.com", true},
		{"ProviderTLDMistyped", "joeybell76@icloud.con", "joeybell76@icloud.com", true},
		{"BothMistyped", "jo@hotmial.con", "jo@hotmail.com", true},
		{"OwnedLookalikeKept", "jo@mail.com", "jo@mail.com", true},
		{"YmailKept", "jo@ymail.com", "jo@ymail.com", true},
		{"OtherDomainCon", "jo@example.con", "jo@example.con", true},
		{"AtSpelledTwice", "jo at home at gmail.com", "jo at home at gmail.com", false},
		{"NoTLD", "maryellis@yahoo", "maryellis@yahoo", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NormalizeEmail(tt.raw)
			if got.Value != tt.want || got.Valid != tt.valid {
				t.Errorf("NormalizeEmail(%q) = %q valid=%v, want %q valid=%v", tt.raw, got.Value, got.Valid, tt.want, tt.valid)
			}
			if !got.Valid && tt.raw != "" && got.Problem != ProblemInvalid {
				t.Errorf("problem = %q, want %q", got.Problem, ProblemInvalid)
			}
		})
	}
}

// TestEmailCorrected: an address is marked corrected when a slip inside
// it was undone, not for the punctuation around it.
func TestEmailCorrected(t *testing.T) {
	for raw, want := range map[string]bool{
		"anna@gmail.com":          false,
		"anna@gmail.com,":         false,
		"<anna@gmail.com>":        false,
		"Anna@Gmail.com":          false,
		"anna@@gmail.com":         true,
		"anna at gmail.com":       true,
		"anna@gmial.com":          true,
		"anna@gmail.con":          true,
		"anna@example.con":        false,
		"anna@gmail":              false,
		"mailto:anna@hotmial.com": true,
	} {
		if got := NormalizeEmail(raw).Corrected; got != want {
			t.Errorf("NormalizeEmail(%q).Corrected = %v, want %v", raw, got, want)
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		name, raw, region, want string
		valid, mobile           bool
	}{
		{"FR national spaced", "06 12 34 56 78", "FR", "+33612345678", true, true},
		{"FR dotted", "06.12.34.56.78", "FR", "+33612345678", true, true},
		{"FR E164", "+33612345678", "FR", "+33612345678", true, true},
		{"FR international 00", "0033 6 12 34 56 78", "FR", "+33612345678", true, true},
		{"FR with (0)", "+33 (0)6 12 34 56 78", "FR", "+33612345678", true, true},
		{"FR E164 from DE tenant", "+33612345678", "DE", "+33612345678", true, true},
		{"FR fixed line", "01 42 68 53 00", "FR", "+33142685300", true, false},
		{"CA dashes", "416-555-0123", "CA", "+14165550123", true, true},
		{"CA parens", "(416) 555-0123", "CA", "+14165550123", true, true},
		{"CA with 1", "1 416 555 0123", "CA", "+14165550123", true, true},
		{"DE mobile", "0151 23456789", "DE", "+4915123456789", true, true},
		{"DE mobile slash", "0151/23456789", "DE", "+4915123456789", true, true},
		{"DE international", "+49 151 23456789", "DE", "+4915123456789", true, true},
		{"region lower case", "06 12 34 56 78", "fr", "+33612345678", true, true},
		// Digits of other scripts, as the countries' keyboards type them.
		{"MM in Burmese digits", "၀၉၇၆၅၅၉၇၆၃၇", "MM", "+959765597637", true, true},
		{"NP in Devanagari digits", "९८४१२३४५६७", "NP", "+9779841234567", true, true},
		{"LK in Sinhala digits", "෦෭෧ ෨෧෨ ෬෨෬෬", "LK", "+94712126266", true, true},
		// France's overseas numbers, written nationally in a French file,
		// and a French one in a Réunion tenant's.
		{"Réunion mobile in FR", "06 92 12 34 56", "FR", "+262692123456", true, true},
		{"Réunion fixed line in FR", "02 62 12 34 56", "FR", "+262262123456", true, false},
		{"Guadeloupe mobile in FR", "0690 12 34 56", "FR", "+590690123456", true, true},
		{"Martinique mobile in FR", "06 96 12 34 56", "FR", "+596696123456", true, true},
		{"Mayotte mobile in FR", "06 39 69 12 34", "FR", "+262639691234", true, true},
		{"FR mobile in RE", "06 12 34 56 78", "RE", "+33612345678", true, true},
		{"Réunion mobile with France's code", "+33 6 92 12 34 56", "FR", "+262692123456", true, true},
		{"Réunion fixed line with France's code", "0033 2 62 12 34 56", "FR", "+262262123456", true, false},
		{"Martinique fixed line in FR", "05 96 60 12 34", "FR", "+596596601234", true, false},
		{"Martinique fixed line, international", "+596 596 60 12 34", "FR", "+596596601234", true, false},
		{"Mayotte fixed line in FR", "02 69 60 12 34", "FR", "+262269601234", true, false},
		{"South-west France fixed line", "05 56 12 34 56", "FR", "+33556123456", true, false},
		{"Guadeloupe mobile in RE", "0690 12 34 56", "RE", "+590690123456", true, true},
		// A stored number, as the scan reads it again: E.164, no region.
		{"GB mobile E164 without region", "+447911123456", "", "+447911123456", true, true},
		{"US E164 without region", "+12015550123", "", "+12015550123", true, true},
		{"GB fixed line E164 without region", "+442079460018", "", "+442079460018", true, false},
		// International numbers a spreadsheet kept without their "+".
		{"IE mobile without its plus in a GB file", "353831169483", "GB", "+353831169483", true, true},
		{"PL mobile without its plus, spaced", "48 601 234 567", "GB", "+48601234567", true, true},
		{"US number without its plus in a FR file", "1 201-555-0123", "FR", "+12015550123", true, true},
		// Numbers written after 00, the international prefix of most of
		// the world, where the region's own is another.
		{"AU mobile after 00 in an AU file", "0061 412 345 678", "AU", "+61412345678", true, true},
		{"UAE mobile after 00 in a CA file", "00971 50 123 4567", "CA", "+971501234567", true, true},
		{"GB mobile after 00 in a US file", "0044-7911-123456", "US", "+447911123456", true, true},
		{"too short after 00", "00 61 4123", "AU", "00 61 4123", false, false},
		// 00 and the region's own code, where the region's international
		// prefixes are a carrier's (005, 007, 009 in Colombia): 0057 301…
		// is no Russian number after 005.
		{"CO mobile after 0057, not 005 and a RU number", "0057 301 882 0805", "CO", "+573018820805", true, true},
		{"CO mobile after 0057, unspaced", "00573018820805", "CO", "+573018820805", true, true},
		{"CO mobile after 0057 of no RU reading", "0057 321 123 4567", "CO", "+573211234567", true, true},
		{"CO landline after 0057", "0057 601 234 5678", "CO", "+576012345678", true, false},
		{"RU number after a CO carrier's 009", "009 7 301 882 0805", "CO", "+73018820805", true, false},
		{"RU number with its plus in a CO file", "+7 301 882 0805", "CO", "+73018820805", true, false},
		{"FR mobile after 00 33 in an FR file", "00 33 6 12 34 56 78", "FR", "+33612345678", true, true},
		{"AU mobile after 0061 in an AU file, unspaced", "0061412345678", "AU", "+61412345678", true, true},
		// Mexican numbers with the prefixes dropped in 2019: the 1 of a
		// mobile called from abroad, 044 and 045 before a mobile, 01
		// before a long-distance number.
		{"MX mobile with +52 1", "+52 1 55 1234 5678", "MX", "+525512345678", true, true},
		{"MX mobile with 521, no plus", "5215531988339", "MX", "+525531988339", true, true},
		{"MX mobile with 0052 1 in a US file", "0052 1 55 1234 5678", "US", "+525512345678", true, true},
		{"MX mobile after 044", "044 55 4745 4572", "MX", "+525547454572", true, true},
		{"MX mobile after 045", "045 222 281 5758", "MX", "+522222815758", true, true},
		{"MX number after 01", "01 55 3184 1046", "MX", "+525531841046", true, true},
		{"MX ten digits", "55 3184 1046", "MX", "+525531841046", true, true},
		{"044 is no prefix outside Mexico", "044 55 4745 4572", "ES", "044 55 4745 4572", false, false},
		// Vietnamese mobiles of eleven digits, renumbered in 2018.
		{"VN Viettel of eleven digits", "0168 123 4567", "VN", "+84381234567", true, true},
		{"UA mobile after the old trunk prefix 8", "8 067 605 59 64", "UA", "+380676055964", true, true},
		// The Soviet plan's 8 before a number of a plan that dropped it,
		// and a 0 before an Uzbek or a Tajik one.
		// A note after a number, or a second number beside it: the
		// first is read.
		{"ZW mobile with a note after it", "0772 123 414 (WhatsApp)", "ZW", "+263772123414", true, true},
		{"ZM mobile beside a second one", "0977123412 / 0966 123 412", "ZM", "+260977123412", true, true},
		{"FR mobile or another", "06 12 34 56 78 ou 06 98 76 54 32", "FR", "+33612345678", true, true},
		{"a note and no number", "(WhatsApp)", "ZW", "(WhatsApp)", false, false},
		{"GB mobile with a note whose it is", "07911 123456 (mum)", "GB", "07911 123456 (mum)", false, false},
		{"FJ mobile with its operator after it", "921-2314 (Digicel)", "FJ", "+6799212314", true, true},
		// Papua New Guinea's mobiles of before 2013, seven digits
		// without the 7.
		{"PG mobile of seven digits", "132 0442", "PG", "+67571320442", true, true},
		{"PG mobile as written today", "7132 0442", "PG", "+67571320442", true, true},
		// Kosovo's mobiles under Monaco's and Slovenia's codes, before
		// +383; elsewhere they keep their reading.
		{"XK Vala under +377", "00377 44 221 288", "XK", "+38344221288", true, true},
		{"XK IPKO under +386", "+386 49 678 194", "XK", "+38349678194", true, true},
		{"XK D3 under +386", "00386 43 339 643", "XK", "+38343339643", true, true},
		{"a Monegasque mobile in Monaco", "+377 44 221 288", "MC", "+37744221288", true, true},
		{"UZ mobile after the old trunk prefix 8", "8 (90) 571-53-88", "UZ", "+998905715388", true, true},
		{"UZ mobile after a 0", "0905715388", "UZ", "+998905715388", true, true},
		{"TJ mobile after the old trunk prefix 8", "8 93 959 0079", "TJ", "+992939590079", true, true},
		{"TJ mobile after a 0", "0935016160", "TJ", "+992935016160", true, true},
		{"KG mobile after the old trunk prefix 8", "8 (0555) 123456", "KG", "+996555123456", true, true},
		{"AZ mobile after the old trunk prefix 8", "8 (055) 123-45-67", "AZ", "+994551234567", true, true},
		{"8 is no trunk prefix in Uzbek numbers abroad", "8 (90) 571-53-88", "FR", "8 (90) 571-53-88", false, false},
		{"a 0 is read so only in Uzbekistan and Tajikistan", "0 555 123 456 7", "AZ", "0 555 123 456 7", false, false},
		// Chilean mobiles after the trunk prefix 0 Chile dropped; its
		// landlines' 02 stays invalid, and 09 is read so only in Chile.
		{"CL mobile after the old trunk prefix 0", "09 6123 4567", "CL", "+56961234567", true, true},
		{"CL mobile after the old trunk prefix 0, unspaced", "0987654321", "CL", "+56987654321", true, true},
		{"CL mobile after the old trunk prefix 0, international", "+56 09 6123 4567", "CL", "+56961234567", true, true},
		{"CL mobile as written today", "9 6123 4567", "CL", "+56961234567", true, true},
		{"CL landline after the old trunk prefix 0", "02 2123 4567", "CL", "02 2123 4567", false, false},
		{"CL landline as written today", "2 2123 4567", "CL", "+56221234567", true, true},
		{"09 is no trunk prefix outside Chile", "09 6123 4567", "AR", "09 6123 4567", false, false},
		// An African mobile written with a 0 its country does not dial;
		// a landline stays invalid.
		{"SN mobile after a 0", "077 442 95 65", "SN", "+221774429565", true, true},
		{"AO mobile after a 0", "+244 0942827767", "AO", "+244942827767", true, true},
		{"AO mobile after a 0, national", "0923 456 789", "AO", "+244923456789", true, true},
		{"MZ mobile after a 0", "+258 084 123 4567", "MZ", "+258841234567", true, true},
		{"MZ mobile after a 0, in another tenant", "+258 0845760459", "PT", "+258845760459", true, true},
		{"SN mobile after a 0, unspaced", "0774429565", "SN", "+221774429565", true, true},
		{"SN mobile after a 0, international", "+221 0774429565", "SN", "+221774429565", true, true},
		{"SN landline after a 0", "0338211234", "SN", "0338211234", false, false},
		{"ML mobile after a 0", "076 12 34 56", "ML", "+22376123456", true, true},
		// The phone box reads an Argentine number without its 9 as the
		// landline libphonenumber reads (NormalizeCustomerMobile reads the
		// mobile box).
		{"AR landline of Buenos Aires", "11 2345-6789", "AR", "+541123456789", true, false},
		{"AR landline of Córdoba", "0351 234-5678", "AR", "+543512345678", true, false},
		{"AR mobile after 15", "011 15 2345-6789", "AR", "+5491123456789", true, true},
		{"UA mobile after the old trunk prefix 8, dashed", "8-068-821-75-68", "UA", "+380688217568", true, true},
		{"UA mobile as dialled today", "067 605 59 64", "UA", "+380676055964", true, true},
		{"VN MobiFone of eleven digits, international", "+84 121 917 0001", "VN", "+84799170001", true, true},
		{"VN VinaPhone of eleven digits in a SG file", "+84 123 917 0001", "SG", "+84839170001", true, true},
		{"VN today's ten digits", "038 123 4567", "VN", "+84381234567", true, true},
		{"VN eleven digits of no old prefix", "0111 123 4567", "VN", "0111 123 4567", false, false},
		{"an invalid national number stays invalid", "0870072753", "GB", "0870072753", false, false},
		{"ten digits are read only nationally", "3538311694", "GB", "3538311694", false, false},
		// A number written with its area code in parentheses and a digit
		// too many is no foreign number without its plus (+7 878 665
		// 7293): it is no number.
		{"PR number with a digit more", "(787) 8665-7293", "PR", "(787) 8665-7293", false, false},
		{"US number with a digit more", "(212) 5550-1234", "US", "(212) 5550-1234", false, false},
		{"RU number without its plus in a US file", "74951234567", "US", "+74951234567", true, false},
		{"VN mobile without its plus in a US file", "84 936 469 059", "US", "+84936469059", true, true},
		{"VN mobile without its plus in a US file, unspaced", "84912345678", "US", "+84912345678", true, true},
		{"an extension is no number without its plus", "353831169483 ext 5", "GB", "353831169483 ext 5", false, false},
		{"too short", "06 12", "FR", "06 12", false, false},
		{"letters", "call me", "FR", "call me", false, false},
		{"zeros", "0000000000", "FR", "0000000000", false, false},
		{"empty", "", "FR", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NormalizePhone(tt.raw, tt.region)
			if got.Value != tt.want || got.Valid != tt.valid || got.Mobile != tt.mobile {
				t.Errorf("NormalizePhone(%q, %s) = %q valid=%v mobile=%v, want %q valid=%v mobile=%v",
					tt.raw, tt.region, got.Value, got.Valid, got.Mobile, tt.want, tt.valid, tt.mobile)
			}
			// Every mobile here but the North American, Mexican and
			// Chilean ones (FIXED_LINE_OR_MOBILE: one numbering for both)
			// is a definite mobile.
			if want := tt.mobile && !strings.HasPrefix(tt.want, "+1") && !strings.HasPrefix(tt.want, "+52") && !strings.HasPrefix(tt.want, "+56"); got.DefiniteMobile != want {
				t.Errorf("NormalizePhone(%q, %s).DefiniteMobile = %v, want %v", tt.raw, tt.region, got.DefiniteMobile, want)
			}
		})
	}
}

func TestValidRegion(t *testing.T) {
	for region, want := range map[string]bool{"FR": true, "ca": true, "DE": true, "XX": false, "": false} {
		if got := ValidRegion(region); got != want {
			t.Errorf("ValidRegion(%q) = %v, want %v", region, got, want)
		}
	}
}

func BenchmarkNormalizeEmail(b *testing.B) {
	for b.Loop() {
		NormalizeEmail("  Camille.Roy@Example.fr ")
	}
}

func BenchmarkNormalizePhone(b *testing.B) {
	for b.Loop() {
		NormalizePhone("06 12 34 56 78", "FR")
	}
}

// TestCustomerPhoneRegions: a number in national format reads in the
// country of the customer's address first, then in the tenant's region;
// a number in international format reads as written.
func TestCustomerPhoneRegions(t *testing.T) {
	no := &Address{Line1: "Kirkeveien 5", PostalCode: "0368", City: "Oslo", Country: "NO"}
	for _, c := range []struct {
		raw     string
		address *Address
		want    string
	}{
		{"912 34 567", no, "+4791234567"},      // a Norwegian mobile, in Norway
		{"070-123 45 67", no, "+46701234567"},  // not Norwegian: the salon's Swedish reading
		{"070-123 45 67", nil, "+46701234567"}, // no address
		{"+45 20 12 34 56", no, "+4520123456"}, // international: as written
		{"070-123 45 67", &Address{Country: "se"}, "+46701234567"},
		// No country, but an Eircode: the customer lives in Ireland.
		{"087 192 2784", &Address{Line1: "41 Beech Ave", PostalCode: "D24 NW8T", City: "Dublin 24"}, "+353871922784"},
		{"0870072753", &Address{PostalCode: "t23rffx"}, "+353870072753"},
	} {
		if got := NormalizeCustomerPhone(c.raw, c.address, "SE"); !got.Valid || got.Value != c.want {
			t.Errorf("%q at %v: %+v, want %s", c.raw, c.address, got, c.want)
		}
	}
}

// TestCustomerPhoneEircode: a British shop's customer from the Republic
// writes her Irish mobile nationally and often no country; her Eircode
// says where she lives. A British postcode, a Northern Irish one among
// them, leaves the number British.
func TestCustomerPhoneEircode(t *testing.T) {
	for _, c := range []struct {
		raw, postal, want string
		valid             bool
	}{
		{"085 245 3748", "D06 RR19", "+353852453748", true},
		{"085-2453748", "A65 F4E2", "+353852453748", true},
		{"085 245 3748", "D6W 2F4K", "+353852453748", true},
		{"07911 123456", "D06 RR19", "+447911123456", true}, // British: the tenant's reading
		{"085 245 3748", "BT1 5GS", "085 245 3748", false},  // Belfast
		{"085 245 3748", "W12 7RJ", "085 245 3748", false},  // London, and an Eircode's routing key
		{"085 245 3748", "", "085 245 3748", false},
	} {
		got := NormalizeCustomerPhone(c.raw, &Address{PostalCode: c.postal}, "GB")
		if got.Value != c.want || got.Valid != c.valid {
			t.Errorf("%q at %q: %q valid=%v, want %q valid=%v", c.raw, c.postal, got.Value, got.Valid, c.want, c.valid)
		}
	}
	for postal, want := range map[string]bool{"D02 X285": true, "d02x285": true, " T23 RFFX ": true, "D6W 2F4K": true,
		"SE22 9XD": false, "SW1A 1AA": false, "W12 7RJ": false, "B12 ABCD": false, "D02 X28": false, "D02 XB85": false} {
		if got := IsEircode(postal); got != want {
			t.Errorf("IsEircode(%q) = %v, want %v", postal, got, want)
		}
	}
}

// TestBrazilianNinthDigit: a Brazilian mobile written as before 2016,
// without the 9 before its eight digits, is today's number; a landline is
// left alone.
func TestBrazilianNinthDigit(t *testing.T) {
	for raw, want := range map[string]string{
		"(84) 9732-5868": "+5584997325868", "+55 84 99732-5868": "+5584997325868", "51 8839-5977": "+5551988395977",
		"+55 51 7379-9534": "+5551973799534", "(11) 3456-7890": "+551134567890",
	} {
		if got := NormalizePhone(raw, "BR"); !got.Valid || got.Value != want {
			t.Errorf("%q: %+v, want %s", raw, got, want)
		}
	}
}

// TestCameroonianOldMobile: a Cameroonian mobile written as before 2014,
// its eight digits without the 6, or with a 0 before it, is today's
// number; a landline of then (2 or 3 first) is not read as a mobile.
func TestCameroonianOldMobile(t *testing.T) {
	for raw, want := range map[string]string{
		"77 12 34 56": "+237677123456", "+237 77 12 34 56": "+237677123456", "0677123462": "+237677123462",
		"6 77 12 34 62": "+237677123462", "96 12 34 56": "+237696123456",
	} {
		if got := NormalizePhone(raw, "CM"); !got.Valid || got.Value != want || !got.DefiniteMobile {
			t.Errorf("%q: %+v, want the mobile %s", raw, got, want)
		}
	}
	if got := NormalizePhone("33 42 12 34", "CM"); got.Valid && got.DefiniteMobile {
		t.Errorf("33 42 12 34, a landline of before 2014: %+v, want no mobile", got)
	}
}

// TestIvorianOldMobile: a mobile of Côte d'Ivoire written as before 2021,
// its eight digits without the two its operator put before them (07 for
// Orange, 05 for MTN, 01 for Moov), is today's number, written at home or
// from abroad; a landline of then (2 or 3 first) is not read as a mobile.
func TestIvorianOldMobile(t *testing.T) {
	for raw, want := range map[string]string{
		"07 12 34 56": "+2250707123456", "+225 08 45 67 89": "+2250708456789", "48 12 34 56": "+2250748123456",
		"05 55 66 77": "+2250505556677", "44-12-34-56": "+2250544123456", "96123456": "+2250596123456",
		"01 02 03 04": "+2250101020304", "+225 40 11 22 33": "+2250140112233", "72 11 22 33": "+2250172112233",
		"07 07 12 34 56": "+2250707123456", "22507123456": "+2250707123456",
	} {
		if got := NormalizePhone(raw, "CI"); !got.Valid || got.Value != want || !got.DefiniteMobile {
			t.Errorf("%q: %+v, want the mobile %s", raw, got, want)
		}
	}
	if got := NormalizePhone("+225 07 12 34 56", "FR"); !got.Valid || got.Value != "+2250707123456" {
		t.Errorf("+225 07 12 34 56 in a French tenant: %+v, want +2250707123456", got)
	}
	for _, raw := range []string{"20 21 22 23", "31 63 12 34", "60 12 34 56"} {
		if got := NormalizePhone(raw, "CI"); got.Valid && got.DefiniteMobile {
			t.Errorf("%s, no mobile of before 2021: %+v, want no mobile", raw, got)
		}
	}
}

// TestCustomerMobile: the mobile box reads an Argentine number written
// without the 9 (or the 15) of a mobile, which libphonenumber reads as a
// landline, as the mobile of its digits; the phone box keeps the
// landline. Any other number reads in both boxes alike.
func TestCustomerMobile(t *testing.T) {
	ar := &Address{Line1: "Av. Corrientes 1234", City: "Buenos Aires", Country: "AR"}
	for _, c := range []struct {
		raw            string
		address        *Address
		region         string
		mobile, phone  string
		definiteMobile bool
	}{
		{"11 2345-6789", nil, "AR", "+5491123456789", "+541123456789", true},
		{"1123456789", nil, "AR", "+5491123456789", "+541123456789", true},
		{"+54 11 2345 6789", nil, "AR", "+5491123456789", "+541123456789", true},
		{"(011) 2345-6789", nil, "AR", "+5491123456789", "+541123456789", true},
		{"0351 234-5678", nil, "AR", "+5493512345678", "+543512345678", true},
		{"+54 11 2345 6789", nil, "UY", "+5491123456789", "+541123456789", true},
		{"11 2345-6789", ar, "ES", "+5491123456789", "+541123456789", true}, // read in the address's country
		// Written as a mobile: the same in both boxes.
		{"011 15 2345-6789", nil, "AR", "+5491123456789", "+5491123456789", true},
		{"+54 9 11 2345 6789", nil, "AR", "+5491123456789", "+5491123456789", true},
		{"0351 15 234-5678", nil, "AR", "+5493512345678", "+5493512345678", true},
		// No landline read as a mobile: a toll-free number, another
		// country's landline.
		{"0800 222 1234", nil, "AR", "+548002221234", "+548002221234", false},
		{"01 42 68 53 00", nil, "FR", "+33142685300", "+33142685300", false},
	} {
		m, p := NormalizeCustomerMobile(c.raw, c.address, c.region), NormalizeCustomerPhone(c.raw, c.address, c.region)
		if !m.Valid || m.Value != c.mobile || m.DefiniteMobile != c.definiteMobile || m.Raw != c.raw {
			t.Errorf("mobile box %q in %s: %+v, want %s definite mobile %v", c.raw, c.region, m, c.mobile, c.definiteMobile)
		}
		if !p.Valid || p.Value != c.phone {
			t.Errorf("phone box %q in %s: %+v, want %s", c.raw, c.region, p, c.phone)
		}
	}
	if in := NewIncoming(Customer{Mobile: "11 2345-6789", Phone: "11 2345-6789"}, nil, "AR"); in.Mobile.Value != "+5491123456789" || in.Phone.Value != "+541123456789" {
		t.Errorf("NewIncoming: mobile %s phone %s, want the mobile +5491123456789 and the landline +541123456789", in.Mobile.Value, in.Phone.Value)
	}
}
