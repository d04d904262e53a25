package matcher

import (
	"maps"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func rec(id, first, last, birth string, addr Address, emails, mobiles []string) *FuzzyRecord {
	return NewFuzzyRecord(FuzzyInput{ID: id, FirstName: first, LastName: last, BirthDate: birth, Address: addr,
		Emails: emails, Mobiles: mobiles})
}

var (
	hugo12  = Address{Line1: "12 avenue Victor Hugo", PostalCode: "69003", City: "Lyon"}
	hugo12b = Address{Line1: "12, av. Victor-Hugo", PostalCode: "69003", City: "LYON"}
	hugo14  = Address{Line1: "14 avenue Victor Hugo", PostalCode: "69003", City: "Lyon"}
	other   = Address{Line1: "3 rue de la Paix", PostalCode: "75002", City: "Paris"}
)

// TestFuzzyExamples: each pair the fuzzy search must propose (one slip or
// one swap, with a second piece of evidence), and the pairs it must not.
func TestFuzzyExamples(t *testing.T) {
	tests := []struct {
		name string
		a, b *FuzzyRecord
		open bool
	}{
		{"NamesSwapped",
			rec("a", "Marie", "Laurent", "1985-04-12", Address{}, []string{"marie.laurent@example.fr"}, nil),
			rec("b", "Laurent", "Marie", "1985-04-12", Address{}, []string{"laurent.m@example.com"}, nil), true},
		{"Transposition",
			rec("a", "Thomas", "Durand", "1990-02-03", Address{}, []string{"thomas.durand@example.fr"}, nil),
			rec("b", "Tohmas", "Durand", "1990-02-03", Address{}, []string{"tdurand@example.com"}, nil), true},
		{"BirthDateOneDigitOff",
			rec("a", "Claire", "Fontaine", "1985-04-12", hugo12, nil, nil),
			rec("b", "Claire", "Fontaine", "1985-04-13", hugo12b, nil, nil), true},
		{"BirthDateDayMonthSwapped",
			rec("a", "Paul", "Girard", "1979-03-07", Address{}, nil, nil),
			rec("b", "Paul", "Girard", "1979-07-03", Address{}, nil, nil), true},
		{"FirstNameMissingOnBoth",
			rec("a", "", "Lebreton", "1962-11-30", Address{}, []string{"lebreton.famille@example.fr"}, nil),
			rec("b", "", "Lebreton", "1962-11-30", Address{}, []string{"contact.lebreton@example.com"}, nil), true},
		{"SurnameReplaced",
			rec("a", "Sophie", "Bernard", "1988-06-21", hugo12, []string{"sophie88@example.fr"}, []string{"+33612345678"}),
			rec("b", "Sophie", "Kerjean", "1988-06-21", hugo12, []string{"sophie88@example.fr"}, []string{"+33612345678"}), true},
		{"ShortNames",
			rec("a", "Ana", "Vidal", "1995-01-15", Address{}, nil, nil),
			rec("b", "Anna", "Vidal", "1995-01-15", Address{}, nil, nil), true},
		{"SameAddressWrittenDifferently",
			rec("a", "Julien", "Moreau", "", hugo12, []string{"julien.moreau@example.fr"}, nil),
			rec("b", "Julien", "Moreau", "", hugo12b, []string{"jmoreau@example.com"}, nil), true},
		{"NicknameAndMobileSlip",
			rec("a", "Alexandre", "Petit", "", Address{}, nil, []string{"+33612345678"}),
			rec("b", "Alex", "Petit", "", Address{}, nil, []string{"+33612345687"}), true},
		{"SameMailbox",
			rec("a", "Léa", "Roux", "", Address{}, []string{"lea.roux@gmail.com"}, nil),
			rec("b", "Lea", "Roux", "", Address{}, []string{"learoux+salon@gmail.com"}, nil), true},
		{"EmailTailBeyondTheName",
			rec("a", "Marie", "Martin", "", Address{}, []string{"marie.martin84@example.fr"}, nil),
			rec("b", "Marie", "Martim", "", Address{}, []string{"m.martin84@example.com"}, nil), true},
		{"BirthYearAndMonthMistyped",
			rec("a", "Claire", "Fontaine", "1985-04-12", hugo12, nil, nil),
			rec("b", "Claire", "Fontaine", "1986-03-12", hugo12b, nil, nil), true},
		{"GivenNameReplaced", // an old system's file: no email, no mobile
			rec("a", "Danielle", "Roche", "1971-12-11", hugo12, nil, nil),
			rec("b", "Odile", "Roche", "1971-12-11", hugo12b, nil, nil), true},
		{"SwappedAndSurnameReplaced",
			rec("a", "Kelsey", "Warrior", "1946-01-05", hugo12, nil, nil),
			rec("b", "Waller", "Kelsey", "1946-01-05", hugo12b, nil, nil), true},

		{"Twins", // one surname, one birth date, one home; their own email and mobile
			rec("a", "Lucas", "Martin", "2010-05-03", hugo12, []string{"lucasm10@gmail.com"}, []string{"+33612345678"}),
			rec("b", "Emma", "Martin", "2010-05-03", hugo12b, []string{"emmam10@orange.fr"}, []string{"+33698765432"}), false},
		{"SameSurnameOnly",
			rec("a", "Marie", "Martin", "1985-04-12", hugo12, []string{"marie.martin@example.fr"}, []string{"+33612345678"}),
			rec("b", "Julien", "Martin", "1971-09-02", other, []string{"julien.martin@example.com"}, []string{"+33698765432"}), false},
		{"Household",
			rec("a", "Marie", "Martin", "1985-04-12", hugo12, []string{"marie.martin@example.fr"}, nil),
			rec("b", "Julien", "Martin", "1983-10-20", hugo12b, []string{"julien.martin@example.fr"}, nil), false},
		{"HouseholdWithoutBirthDates",
			rec("a", "Marie", "Martin", "", hugo12, nil, nil),
			rec("b", "Lucas", "Martin", "", hugo12, nil, nil), false},
		{"CommonNameAlone",
			rec("a", "Marie", "Martin", "", Address{}, []string{"marie.martin@example.fr"}, nil),
			rec("b", "Marie", "Martin", "", Address{}, []string{"marie.martin@example.com"}, nil), false},
		{"NamesakesBornWithinAYear",
			rec("a", "Marie", "Martin", "1985-04-12", hugo12, nil, nil),
			rec("b", "Marie", "Martin", "1985-11-02", other, nil, nil), false},
		{"SameNameOtherBirthDate",
			rec("a", "Marie", "Martin", "1985-04-12", Address{}, nil, nil),
			rec("b", "Marie", "Martin", "1961-12-01", Address{}, nil, nil), false},
		{"NeighboursSameStreet",
			rec("a", "Marie", "Martin", "", hugo12, nil, nil),
			rec("b", "Marie", "Martin", "", hugo14, nil, nil), false},
	}
	m := DefaultFuzzyModel()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := m.Score(tt.a, tt.b)
			if got := s.Opens(DefaultFuzzyThreshold); got != tt.open {
				t.Errorf("weight %.2f (threshold %d), open = %v, want %v; fields %+v", s.Weight, DefaultFuzzyThreshold, got, tt.open, s.Fields)
			}
			if r := m.Score(tt.b, tt.a); r.Weight != s.Weight && !s.NamesSwapped {
				t.Errorf("not symmetric: %.2f one way, %.2f the other", s.Weight, r.Weight)
			}
		})
	}
}

func TestCompareLevels(t *testing.T) {
	names := []struct {
		a, b  string
		first bool
		want  Level
	}{
		{"Zoé", "ZOE", true, LevelExact},
		{"Öztürk", "Oeztuerk", false, LevelTypo}, // the umlauts written out, as German does
		{"Müller", "Mueller", false, LevelTypo},
		{"Xu", "Xue", false, LevelDifferent}, {"Do", "Doe", false, LevelDifferent}, // two surnames, no umlaut
		{"Alexandre", "Alex", true, LevelNickname},
		{"Raphaël", "Raph", true, LevelNickname},
		{"Mathilde", "Mathou", true, LevelNickname},
		{"Louis", "Louise", true, LevelDifferent},
		{"Sara", "Saraa", true, LevelTypo}, {"Charli", "Charlie", true, LevelTypo}, {"Henry", "Henrya", true, LevelTypo},
		{"André", "Andrea", true, LevelDifferent},
		{"Antoine", "Antoinette", true, LevelDifferent},
		{"Corine", "Corinne", true, LevelTypo}, // one name, two spellings
		// a woman's name and the same with a feminine ending (feminineAlready)
		{"Christin", "Christine", true, LevelTypo}, {"Yasmin", "Yasmine", true, LevelTypo},
		{"Chantal", "Chantalle", true, LevelNickname}, {"Martin", "Martine", true, LevelDifferent},
		{"Michèle", "Michelle", true, LevelTypo},
		{"Fabiene", "Fabienne", true, LevelTypo},
		{"Christele", "Christelle", true, LevelTypo},
		{"Moniqu", "Monique", true, LevelTypo}, // a feminine name cut short
		{"Juliett", "Juliette", true, LevelTypo},
		{"Jean", "Jeanne", true, LevelDifferent},
		{"Antoine", "Antoinette", true, LevelDifferent},
		{"J.", "Jean", true, LevelInitial},
		{"K.G.A.", "Kim", true, LevelInitial}, {"G. J.", "Gerrit", true, LevelInitial}, // every given name's initial
		{"Ян", "Юлия", true, LevelDifferent}, {"Chr.", "Carl", true, LevelDifferent}, // no initials
		{"TP", "Jean-Michel", true, LevelDifferent}, {"Hanni", "Hanna", true, LevelTypo}, // one woman's name
		{"Jannij", "Janny", true, LevelTypo}, {"Dijkstra", "Dykstra", false, LevelTypo}, // the Dutch ij
		{"Silje", "Sije", true, LevelTypo},                                                         // a slip that writes an ij is not the Dutch one
		{"Simone", "Simona", true, LevelDifferent}, {"Emanuele", "Emanuela", true, LevelDifferent}, // Italian twins
		{"Raffaele", "Raffaella", true, LevelDifferent}, {"Giovanni", "Giovanna", true, LevelDifferent},
		{"Cornelis", "Cornelia", true, LevelDifferent}, {"Federico", "Federica Rosa", true, LevelDifferent},
		{"Jean-Marie", "Jeanne", true, LevelDifferent},
		{"L.J.J.", "L.J.", true, LevelCompound}, {"L.W.", "Anna", true, LevelDifferent}, {"L.W.", "L.M.", true, LevelDifferent},
		{"K", "Jean", true, LevelDifferent},
		{"Jean", "Jean-Pierre", true, LevelCompound},
		{"Garcia", "Garcia Lopez", false, LevelCompound},
		{"van den Berg", "Berg", false, LevelExact}, {"Leeuwen, van", "v. Leeuwen", false, LevelExact}, // a Dutch surname's particles
		{"Veld in 't", "Veld", false, LevelExact}, {"van de Ven", "Ven", false, LevelExact}, {"van Dijk", "van Dam", false, LevelDifferent},
		{"St John", "Saint John", false, LevelExact}, {"Ste-Marie", "Sainte Marie", false, LevelExact}, {"St John", "St James", false, LevelDifferent},
		{"De Rosa", "Rosa", false, LevelCompound}, {"García V.", "García T.", false, LevelTypo}, // Italian and Spanish: no Dutch particle
		{"Thomas", "Tohmas", true, LevelTypo},
		{"Ana", "Anna", true, LevelTypo},
		{"Jo", "Ja", true, LevelDifferent},
		{"Philippe", "Filip", true, LevelPhonetic},
		{"Marie", "Mariee", true, LevelTypo}, {"Stéphane", "Stéphanee", true, LevelTypo}, {"Louis", "Louise", true, LevelDifferent},
		{"JM", "Jean-Michel", true, LevelCompound}, {"Jean-Michel", "J.-M.", true, LevelCompound},
		{"JP", "Jean-Michel", true, LevelDifferent}, {"Stef", "Stéphanie", true, LevelNickname},
		{"Marie", "Julien", true, LevelDifferent},
		{"", "Julien", true, LevelMissing},
		// Feminine forms in English, Spanish and Italian: two people.
		{"Paul", "Paula", true, LevelDifferent}, {"Gabriel", "Gabriela", true, LevelDifferent},
		{"Adrian", "Adriana", true, LevelDifferent}, {"Mario", "Maria", true, LevelDifferent},
		{"Alexander", "Alexandra", true, LevelDifferent}, {"Joseph", "Josephine", true, LevelDifferent},
		{"Ann", "Anna", true, LevelNickname}, {"Karin", "Karina", true, LevelTypo},
		// two given names in use a letter apart: as often two people of
		// one home as a slip; one name spelled two ways is a slip
		{"Marc", "Mary", true, LevelPhonetic}, {"Lina", "Lisa", true, LevelPhonetic}, {"Silvia", "Sylvia", true, LevelTypo}, {"Mathias", "Matthias", true, LevelTypo},
		{"Stefan", "Stefanie", true, LevelDifferent}, {"Leon", "Leonie", true, LevelDifferent},
		// Slips of the outside Australian file (FEBRL's kinds): the first
		// two letters swapped, a feminine name cut short (no masculine
		// ends in a doubled letter), a scanner's letters, a name of two
		// letters typed backwards, two letters and three said alike.
		{"Ajck", "Jack", true, LevelTypo}, {"Ojhn", "John", false, LevelTypo},
		{"Rebecc", "Rebecca", true, LevelTypo}, {"Isabell", "Isabella", true, LevelTypo},
		{"Wencly", "Wendy", true, LevelTypo}, {"Clavid", "David", true, LevelTypo}, {"Srnith", "Smith", false, LevelTypo},
		{"5arah", "Sarah", true, LevelExact}, {"Har0ld", "Harold", true, LevelExact}, {"Marie 2", "Marie", true, LevelExact},
		{"Ye", "Yen", true, LevelPhonetic}, {"Li", "Lin", false, LevelDifferent}, {"Oh", "Ho", false, LevelDifferent},
		{"Clara", "Dara", true, LevelDifferent}, {"Erna", "Ema", true, LevelDifferent}, {"Will", "Willa", true, LevelTypo},
		// German short forms.
		{"Johannes", "Hans", true, LevelNickname}, {"Josef", "Sepp", true, LevelNickname}, {"Stefanie", "Steffi", true, LevelNickname},
		{"Bernhard", "Bernd", true, LevelNickname}, {"Wolfgang", "Wolfi", true, LevelNickname},
	}
	for _, tt := range names {
		if got := compareNames(newNameValue(tt.a), newNameValue(tt.b), tt.first); got != tt.want {
			t.Errorf("compareNames(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
	dates := []struct{ a, b string }{
		{"1985-04-12", string(LevelExact)}, {"1985-04-13", string(LevelOneDigit)}, {"1985-12-04", string(LevelDayMonth)},
		{"1958-04-12", string(LevelOneDigit)}, {"1985-04-21", string(LevelOneDigit)}, {"1958-04-21", string(LevelDifferent)},
		{"1975-05-12", string(LevelDifferent)}, {"", string(LevelMissing)},
		// At most a month apart, not one digit: the day mistyped in two
		// digits, or across a month's or a year's end.
		{"1985-04-28", string(LevelNearDate)}, {"1985-03-30", string(LevelNearDate)}, {"1985-05-13", string(LevelNearDate)},
		{"1986-04-12", string(LevelOneDigit)},
		// More than a month, at most a year: the year or the month
		// mistyped beyond a digit.
		{"1985-05-14", string(LevelNearYear)}, {"1984-05-12", string(LevelNearYear)}, {"1986-02-27", string(LevelNearYear)},
		{"1986-04-13", string(LevelNearYear)}, {"1986-04-14", string(LevelDifferent)}, {"1984-03-12", string(LevelDifferent)},
	}
	for _, tt := range dates {
		if got := compareBirthDates("1985-04-12", tt.a); string(got) != tt.b {
			t.Errorf("compareBirthDates(1985-04-12, %q) = %q, want %q", tt.a, got, tt.b)
		}
	}
	if got := compareBirthDates("1985-12-28", "1986-01-05"); got != LevelNearDate {
		t.Errorf("compareBirthDates(1985-12-28, 1986-01-05) = %q, want %q", got, LevelNearDate)
	}
	// A date that is no date, as the importer keeps it: one digit from the
	// other's, a slip; anything else, nothing.
	for unread, want := range map[string]Level{"19850432": LevelOneDigit, "32/04/1985": LevelOneDigit, "19850499": LevelMissing,
		"1985-14-12": LevelOneDigit, "unknown": LevelMissing, "1900-01-01": LevelMissing, "19851204": LevelMissing} {
		a, b := rec("a", "", "", unread, Address{}, nil, nil), rec("b", "", "", "1985-04-12", Address{}, nil, nil)
		if got := compareUnreadBirth(a, b); got != want {
			t.Errorf("compareUnreadBirth(%q, 1985-04-12) = %q, want %q", unread, got, want)
		}
	}
	numbers := []struct {
		b    string
		want Level
	}{{"+33612345678", LevelExact}, {"+33612345679", LevelOneSlip}, {"+33612345687", LevelOneSlip},
		{"+33612345697", LevelDifferent}, {"+33698765432", LevelDifferent}}
	for _, tt := range numbers {
		if got := compareNumbers([]string{"+33612345678"}, []string{tt.b}); got != tt.want {
			t.Errorf("compareNumbers(+33612345678, %s) = %q, want %q", tt.b, got, tt.want)
		}
	}
	addresses := []struct {
		b    Address
		want Level
	}{{hugo12b, LevelExact}, {Address{Line1: "12 bd Victor Hugo", PostalCode: "69003"}, LevelTown},
		{hugo14, LevelStreet}, {Address{Line1: "12 avenue Victor Hugo", PostalCode: "69006"}, LevelDifferent},
		// One town, its postal code typed with a slip: the same home.
		{Address{Line1: "12 avenue Victor Hugo", PostalCode: "69006", City: "Lyon"}, LevelExact},
		{Address{Line1: "12 avenue Victor Hugo", PostalCode: "69030", City: "Lyon"}, LevelExact},
		{Address{Line1: "12 avenue Victor Hugo", PostalCode: "69300", City: "Lyon"}, LevelDifferent},
		{Address{Line1: "12 avenue Victor Hugo", PostalCode: "69006", City: "Villeurbanne"}, LevelDifferent},
		{Address{City: "Lyon"}, LevelTown}, {Address{}, LevelMissing},
		// A digit dropped from the postal code, in the same town: the same
		// home; in another, another.
		{Address{Line1: "12 avenue Victor Hugo", PostalCode: "6903", City: "Lyon"}, LevelExact},
		{Address{Line1: "12 avenue Victor Hugo", PostalCode: "6903", City: "Bron"}, LevelDifferent},

		// The street's line alone, no town: the same home as far as it
		// tells; another number, nothing to say.
		{Address{Line1: "12, av. Victor-Hugo"}, LevelExact}, {Address{Line1: "14 avenue Victor Hugo"}, LevelMissing}}
	for _, tt := range addresses {
		if got := compareAddresses(newAddressValue(hugo12), newAddressValue(tt.b)); got != tt.want {
			t.Errorf("compareAddresses(hugo12, %+v) = %q, want %q", tt.b, got, tt.want)
		}
	}
	// A slip in the town's name and in its postal code, or the postal code
	// left out: the same street and number are the same home; another
	// number, or a postal code further off, another town.
	port := Address{Line1: "42 Lachlan Place", PostalCode: "5015", City: "Port Adelaide", Country: "AU"}
	for b, want := range map[Address]Level{
		{Line1: "42 lachlan place", PostalCode: "50125", City: "port wdelaide", Country: "AU"}: LevelExact,
		{Line1: "42 Lachlan Pl", City: "Port Adelaid", Country: "AU"}:                          LevelExact,
		{Line1: "24 Lachlan Place", City: "Port Adelaid", Country: "AU"}:                       LevelDifferent,
		{Line1: "42 Lachlan Place", City: "Port Pirie", Country: "AU"}:                         LevelDifferent,
		{Line1: "42 Lachlan Place", PostalCode: "5032", City: "Port Adelaid", Country: "AU"}:   LevelDifferent,
	} {
		if got := compareAddresses(newAddressValue(port), newAddressValue(b)); got != want {
			t.Errorf("compareAddresses(42 Lachlan Place, Port Adelaide 5015, %+v) = %q, want %q", b, got, want)
		}
	}
	// Towns without postal codes, one slip apart: the same town when each
	// name has five letters or more; a shorter one, or a postal code on a
	// side, leaves them two towns.
	for _, tt := range []struct {
		a, b Address
		want Level
	}{
		{Address{City: "Birmingham"}, Address{City: "Birmngham"}, LevelTown},
		{Address{City: "Bolton"}, Address{City: "Botlon"}, LevelTown},
		{Address{City: "Bath"}, Address{City: "Bat"}, LevelDifferent},
		{Address{City: "Bolton"}, Address{City: "Boston", PostalCode: "PE21 6NP"}, LevelDifferent},
		{Address{City: "London"}, Address{City: "Loodn"}, LevelDifferent},
	} {
		if got := compareAddresses(newAddressValue(tt.a), newAddressValue(tt.b)); got != tt.want {
			t.Errorf("compareAddresses(%+v, %+v) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
	if got := compareAddresses(newAddressValue(Address{Line1: "H-201 Lajpat Nagar II"}), newAddressValue(Address{Line1: "H-201, Lajpat Nagar II"})); got != LevelExact {
		t.Errorf("one street's line on both sides, no town: %q, want exact", got)
	}
	// An Australian town with its state, after a space or a comma: one town.
	gosford := Address{Line1: "13 Derwent Street", City: "Gosford", Country: "AU"}
	for _, city := range []string{"Gosford NSW", "gosford nsw", "Gosford, NSW"} {
		b := Address{Line1: "13 derwent st", City: city, Country: "AU"}
		if got := compareAddresses(newAddressValue(gosford), newAddressValue(b)); got != LevelExact {
			t.Errorf("compareAddresses(Gosford, %q) = %q, want exact", city, got)
		}
	}
	// Two states after one town's name, no postal code shared: two towns.
	il, ma := Address{Line1: "12 Main St", City: "Springfield, IL", Country: "US"}, Address{Line1: "12 Main St", City: "Springfield MA", Country: "US"}
	if got := compareAddresses(newAddressValue(il), newAddressValue(ma)); got != LevelDifferent {
		t.Errorf("Springfield, IL / Springfield MA = %q, want different", got)
	}
	quai := Address{Line1: "174 quai Jules Ferry", PostalCode: "76600"}
	if got := compareAddresses(newAddressValue(quai), newAddressValue(Address{Line1: "174 q. Jules-Ferry", PostalCode: "76600"})); got != LevelExact {
		t.Errorf("174 quai / 174 q. Jules Ferry = %q, want exact", got)
	}
	first, last := newNameValue("Marie"), newNameValue("Martin")
	emails := []struct {
		a, b string
		want Level
	}{
		{"marie.martin84@example.fr", "marie.martin84@example.fr", LevelExact},
		{"mariemartin@gmail.com", "marie.martin+x@gmail.com", LevelMailbox},
		{"marie.martin84@example.fr", "m.martin84@example.com", LevelLocalPart},
		{"marie.martin@example.fr", "marie.martin@example.com", LevelMissing}, // the name again
		{"marie.martin84@example.fr", "marie.martin85@example.fr", LevelDifferent},
		{"marie.martin5@example.fr", "marie.martin5e@example.fr", LevelLocalPart}, // a slip, the number kept
		{"marie.martin5@example.fr", "marie.martin5e@example.com", LevelDifferent},
		{"marie.martin@example.fr", "marie.martine@example.fr", LevelDifferent}, // the name's slip again
		// A digit of the number doubled or dropped, at one provider: one
		// address typed twice; a digit added to a name or a year: two
		// people's. A slip that leaves more than the names: one address.
		{"marie.martin6578@example.fr", "marie.martin65778@example.fr", LevelLocalPart},
		{"marie.martin6578@example.fr", "marie.martin65778@example.com", LevelDifferent},
		{"marie.martin@example.fr", "marie.martin1@example.fr", LevelDifferent},
		{"marie.martin84@example.fr", "marie.martin844@example.fr", LevelDifferent},
		{"marie.martin@example.fr", "marie.martim@example.fr", LevelLocalPart},
		{"marie.martin@example.fr", "marie.martim@example.com", LevelDifferent},
		// Two slips in an address that says more than the name, its number
		// kept: one address typed twice; its number changed, or an address
		// of the name alone, no.
		{"sunflower.girl@example.fr", "sunflowr.girl@exmple.fr", LevelLocalPart},
		{"sunflower.girl@gmail.com", "sunflower.girl@gmial.com", LevelLocalPart},
		{"sunflower.girl12@gmail.com", "sunflower.girl13@gmail.com", LevelDifferent},
		{"sunflower.girl@example.fr", "sunflwr.grl@exmple.fr", LevelDifferent},
		{"marie.martin@gmail.com", "marie.martin@gmial.com", LevelMissing},
		// A role's address at two firms, or two addresses of the initials
		// alone, say nothing of one person; one Apple or Proton account's
		// addresses at its domains are one mailbox.
		{"info@martin-coiffure.fr", "info@salon-dupont.fr", LevelMissing},
		{"contact+web@martin-coiffure.fr", "contact@salon-dupont.fr", LevelMissing},
		{"mm@gmail.com", "mm@yahoo.fr", LevelMissing},
		{"mm84@gmail.com", "mm84@yahoo.fr", LevelLocalPart},
		{"marie.martin@me.com", "marie.martin@icloud.com", LevelMailbox},
		{"mm84@protonmail.com", "mm84@pm.me", LevelMailbox},
	}
	for _, tt := range emails {
		a, b := newEmailValue(tt.a, first, last), newEmailValue(tt.b, first, last)
		if got := compareEmails([]emailValue{a}, []emailValue{b}, slices.Concat(first.words, last.words), true); got != tt.want {
			t.Errorf("compareEmails(%s, %s) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
	// An address writes a name's umlauts out: two addresses of the name
	// alone, in two orders, agree on nothing beyond it, as marie.martin
	// and martin.marie do not.
	renate, muhlmayer := newNameValue("Renate"), newNameValue("Mühlmayer")
	for _, pair := range [][2]string{
		{"renate_muehlmayer@posteo.de", "muehlmayer.renate@t-online.de"},
		{"marie.martin@example.fr", "martin.marie@example.com"},
	} {
		given, surname := renate, muhlmayer
		if pair[0][0] == 'm' {
			given, surname = first, last
		}
		ra, rb := newEmailValue(pair[0], given, surname), newEmailValue(pair[1], given, surname)
		if got := compareEmails([]emailValue{ra}, []emailValue{rb}, slices.Concat(given.words, surname.words), true); got != LevelDifferent {
			t.Errorf("compareEmails(%s, %s) = %q, want different: the name again, and no more", pair[0], pair[1], got)
		}
	}
	// A name written another way in the address, one slip from it or its
	// short form, is still the name: Lilly Evans's lily_evans and
	// evans.lily agree on nothing beyond it, nor Katherine's kate.evans
	// and evans.kate; a number beyond it still agrees.
	lilly, katherine, evans := newNameValue("Lilly"), newNameValue("Katherine"), newNameValue("Evans")
	for _, tt := range []struct {
		given nameValue
		a, b  string
		want  Level
	}{
		{lilly, "lily_evans@hotmail.co.uk", "evans.lily@hotmail.com", LevelDifferent},
		{katherine, "kate.evans@gmail.com", "evans.kate@outlook.com", LevelDifferent},
		{katherine, "kate.evans84@gmail.com", "k.evans84@outlook.com", LevelLocalPart},
		{lilly, "lily84evans@gmail.com", "evans84@outlook.com", LevelLocalPart},
		// Both addresses name another person, by a given name alone: a
		// relative's mailboxes, no evidence either way.
		{lilly, "sarah.evans@gmail.com", "evans.sarah@outlook.com", LevelMissing},
		{lilly, "sarah.evans84@gmail.com", "evans.sarah84@outlook.com", LevelLocalPart},
	} {
		ra, rb := newEmailValue(tt.a, tt.given, evans), newEmailValue(tt.b, tt.given, evans)
		if got := compareEmails([]emailValue{ra}, []emailValue{rb}, slices.Concat(tt.given.words, evans.words), true); got != tt.want {
			t.Errorf("compareEmails(%s, %s) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
	// Without a first name on a record, a given name in both addresses may
	// be the customer's own: it still agrees.
	noFirst := newNameValue("")
	ra, rb := newEmailValue("sarah.evans@gmail.com", noFirst, evans), newEmailValue("evans.sarah@outlook.com", noFirst, evans)
	if got := compareEmails([]emailValue{ra}, []emailValue{rb}, evans.words, false); got != LevelLocalPart {
		t.Errorf("sarah.evans and evans.sarah of two records with no first name = %q, want %q", got, LevelLocalPart)
	}
	// Twins' emails, each its owner's given name, the surname's initial
	// and the birth year: nothing is left once the names and the year are
	// taken out, so nothing agrees beyond them.
	lucas, emma, martin := newNameValue("Lucas"), newNameValue("Emma"), newNameValue("Martin")
	x, y := newEmailValue("lucasm10@gmail.com", lucas, martin), newEmailValue("emmam10@orange.fr", emma, martin)
	if got := compareEmails([]emailValue{x}, []emailValue{y}, slices.Concat(lucas.words, emma.words, martin.words, martin.words,
		birthYears("2010-05-03")), true); got != LevelDifferent {
		t.Errorf("lucasm10 and emmam10, born in 2010: %q, want %q", got, LevelDifferent)
	}
	// One local part at two providers, the surname slipped in one record:
	// the other's name says it, whichever record comes first.
	matteo, slipped, right := newNameValue("Matteo"), newNameValue("Bataglia"), newNameValue("Battaglia")
	a := newEmailValue("matteo.battaglia@gmail.com", matteo, slipped)
	b := newEmailValue("matteo.battaglia@hotmail.it", matteo, right)
	words := slices.Concat(matteo.words, slipped.words, matteo.words, right.words)
	if ab, ba := compareEmails([]emailValue{a}, []emailValue{b}, words, true), compareEmails([]emailValue{b}, []emailValue{a}, words, true); ab != LevelMissing || ba != ab {
		t.Errorf("matteo.battaglia at two providers, one surname slipped: %q, %q back; want %q both ways", ab, ba, LevelMissing)
	}
}

// TestTwinsBirthDate: an exact birth date under one surname weighs what
// it weighs among twins when the given names differ, and in full when they
// agree; the address counts between two given names only where no email
// or mobile differs.
func TestTwinsBirthDate(t *testing.T) {
	m := DefaultFuzzyModel()
	full := fieldOf(t, m.Score(rec("a", "Lucas", "Martin", "2010-05-03", Address{}, nil, nil),
		rec("b", "Lucas", "Martin", "2010-05-03", Address{}, nil, nil)), CompareBirthDate)
	twins := m.Score(rec("a", "Lucas", "Martin", "2010-05-03", hugo12, nil, []string{"+33612345678"}),
		rec("b", "Emma", "Martin", "2010-05-03", hugo12b, nil, []string{"+33698765432"}))
	if got := fieldOf(t, twins, CompareBirthDate); got.Weight != round2(m.twinsWeight()) || got.Weight >= full.Weight-3 {
		t.Errorf("twins' birth date weighs %.2f, one person's %.2f; want %.2f", got.Weight, full.Weight, m.twinsWeight())
	}
	if twins.Level(CompareAddress) != LevelMissing {
		t.Errorf("twins with two mobiles: the address counts (%+v)", twins.Fields)
	}
	renamed := m.Score(rec("a", "Lucas", "Martin", "2010-05-03", hugo12, nil, []string{"+33612345678"}),
		rec("b", "Emma", "Martin", "2010-05-03", hugo12b, nil, nil))
	if got := fieldOf(t, renamed, CompareAddress); got.Level != LevelExact {
		t.Errorf("one mobile: address %+v, want exact", got)
	}
	swappedTwin := m.Score(rec("a", "Lucas", "Martin", "2010-05-03", hugo12, nil, []string{"+33612345678"}),
		rec("b", "Martin", "Emma", "2010-05-03", hugo12b, nil, []string{"+33698765432"}))
	if got := fieldOf(t, swappedTwin, CompareBirthDate); !swappedTwin.NamesSwapped || got.Weight != round2(m.twinsWeight()) {
		t.Errorf("a twin written swapped: birth date %.2f, want %.2f (%+v)", got.Weight, m.twinsWeight(), swappedTwin)
	}
	swapped := m.Score(rec("a", "Lucas", "Martin", "2010-05-03", Address{}, nil, nil),
		rec("b", "Martin", "Lucas", "2010-05-03", Address{}, nil, nil))
	if got := fieldOf(t, swapped, CompareBirthDate); got.Weight != full.Weight {
		t.Errorf("names swapped: birth date %.2f, want %.2f", got.Weight, full.Weight)
	}
}

// TestNearYearNeverFor: birth dates a year apart weigh nothing for a
// match, however rarely a tenant's strangers are born that close, so two
// namesakes who share nothing else never open a candidate by them.
func TestNearYearNeverFor(t *testing.T) {
	m := DefaultFuzzyModel()
	m.Levels[CompareBirthDate] = maps.Clone(m.Levels[CompareBirthDate])
	m.Levels[CompareBirthDate][LevelNearYear] = MU{M: 0.02, U: 0.001}
	m.RareFrequency = map[Comparison]float64{CompareFirstName: 1e-5, CompareLastName: 1e-5} // names held once in a large file
	s := m.Score(rec("a", "Philomène", "Kerjean", "1985-04-12", Address{}, nil, nil),
		rec("b", "Philomène", "Kerjean", "1986-01-30", Address{}, nil, nil))
	if got := fieldOf(t, s, CompareBirthDate); got.Level != LevelNearYear || got.Weight > 0 {
		t.Errorf("birth dates a year apart: %+v, want %s weighing nothing for", got, LevelNearYear)
	}
	if s.Weight < DefaultFuzzyThreshold || s.Opens(DefaultFuzzyThreshold) {
		t.Errorf("rare namesakes a year apart: weight %.2f, opens %v; want over the threshold and no candidate", s.Weight, s.Opens(DefaultFuzzyThreshold))
	}
}

// TestTermFrequency: agreeing on a common name weighs less than on a rare
// one.
func TestTermFrequency(t *testing.T) {
	m := DefaultFuzzyModel()
	m.Frequencies = map[Comparison]map[string]float64{CompareLastName: {"martin": 0.03}}
	m.RareFrequency = map[Comparison]float64{CompareLastName: 0.0001}
	common := m.Score(rec("a", "", "Martin", "", Address{}, nil, nil), rec("b", "", "Martin", "", Address{}, nil, nil))
	rare := m.Score(rec("a", "", "Kerjean", "", Address{}, nil, nil), rec("b", "", "Kerjean", "", Address{}, nil, nil))
	if common.Weight >= rare.Weight {
		t.Errorf("Martin weighs %.2f, Kerjean %.2f: the common name must weigh less", common.Weight, rare.Weight)
	}
}

// TestPartialNeverOutweighsExact: a slip, whatever its estimates, weighs
// no more than the full agreement of the same field on the same value, in
// either order of the pair: a mobile one digit off no more than the same
// mobile, a slip in a common surname no more than the common surname.
func TestPartialNeverOutweighsExact(t *testing.T) {
	m := DefaultFuzzyModel()
	// As a tenant's file can estimate them: relatives share mobiles, so a
	// shared one is commoner among strangers than one a digit off.
	m.Levels[CompareMobile] = map[Level]MU{LevelExact: {0.5, 1e-4}, LevelOneSlip: {0.02, 1e-7}, LevelDifferent: {0.48, 0.9999}}
	m.Frequencies = map[Comparison]map[string]float64{CompareLastName: {"martin": 0.03}}
	m.RareFrequency = map[Comparison]float64{CompareLastName: 0.0001}

	same := m.Score(rec("a", "", "", "", Address{}, nil, []string{"+33612345678"}), rec("b", "", "", "", Address{}, nil, []string{"+33612345678"}))
	slip := m.Score(rec("a", "", "", "", Address{}, nil, []string{"+33612345678"}), rec("b", "", "", "", Address{}, nil, []string{"+33612345679"}))
	if s, e := fieldOf(t, slip, CompareMobile), fieldOf(t, same, CompareMobile); s.Level != LevelOneSlip || e.Level != LevelExact || s.Weight > e.Weight {
		t.Errorf("mobile one digit off %+v, the same mobile %+v: the slip must weigh no more", s, e)
	}

	exact := fieldOf(t, m.Score(rec("a", "", "Martin", "", Address{}, nil, nil), rec("b", "", "Martin", "", Address{}, nil, nil)), CompareLastName)
	for _, pair := range [][2]string{{"Martin", "Matrin"}, {"Matrin", "Martin"}} {
		typo := fieldOf(t, m.Score(rec("a", "", pair[0], "", Address{}, nil, nil), rec("b", "", pair[1], "", Address{}, nil, nil)), CompareLastName)
		if typo.Level != LevelTypo || typo.Weight > exact.Weight {
			t.Errorf("%s / %s: %+v; Martin / Martin: %+v: a slip in a common name must weigh no more than the name", pair[0], pair[1], typo, exact)
		}
	}
	// A slip in a rare name keeps its own weight.
	rare := fieldOf(t, m.Score(rec("a", "", "Kerjean", "", Address{}, nil, nil), rec("b", "", "Kerjaen", "", Address{}, nil, nil)), CompareLastName)
	if want := m.Levels[CompareLastName][LevelTypo].Weight(); rare.Level != LevelTypo || math.Abs(rare.Weight-want) > 0.01 {
		t.Errorf("Kerjean / Kerjaen: %+v, want the typo level's own weight %.2f", rare, want)
	}
}

// shareKey reports whether two profiles share a blocking key: whether
// the scan compares them.
func shareKey(a, b Profile) bool {
	ka := BlockingKeyStrings(a)
	return slices.ContainsFunc(BlockingKeyStrings(b), func(k string) bool { return slices.Contains(ka, k) })
}

func TestBlockingKeys(t *testing.T) {
	keys, share := BlockingKeyStrings, shareKey
	base := Profile{FirstName: "Marie", LastName: "Laurent", BirthDate: "1985-04-12", Address: hugo12,
		Email: "marie.laurent84@example.fr", Mobile: "+33612345678"}
	for name, other := range map[string]Profile{
		"Swapped":         {FirstName: "Laurent", LastName: "Marie", BirthDate: "1985-04-12"},
		"TypoInFirst":     {FirstName: "Mraie", LastName: "Laurent", BirthDate: "1985-04-12"},
		"NewSurname":      {FirstName: "Marie", LastName: "Kerjean", BirthDate: "1985-04-12"},
		"DayMonthSwapped": {FirstName: "Marie", LastName: "Laurent", BirthDate: "1985-12-04"},
		"NoBirthDate":     {FirstName: "Marie", LastName: "Laurent"},
		"Address":         {FirstName: "M", LastName: "Lorant", Address: hugo12b},
		"Mailbox":         {Email: "marie.laurent84+x@example.fr"},
		"EmailTail":       {FirstName: "Marie", LastName: "Laurent", Email: "marie.laurent84@example.com"},
	} {
		if !share(base, other) {
			t.Errorf("%s: no blocking key in common:\n%v\n%v", name, keys(base), keys(other))
		}
	}
	if share(base, Profile{FirstName: "Julien", LastName: "Martin", BirthDate: "1971-09-02", Mobile: "+33798765432"}) {
		t.Error("an unrelated profile shares a key")
	}
	// A slip in each name changes both names' codes; the initials and the
	// birth date remain (the outside French file's pairs). Born the same
	// day, other initials share nothing.
	for _, pair := range [][2]Profile{
		{{FirstName: "Josiane", LastName: "ROUSSÈS", BirthDate: "1952-12-05"}, {FirstName: "Joiane", LastName: "Roussè", BirthDate: "1952-12-05"}},
		{{FirstName: "Patrick", LastName: "Vachais", BirthDate: "1963-07-10"}, {FirstName: "Pat", LastName: "Vachis", BirthDate: "1963-07-10"}},
		{{FirstName: "Élodie", LastName: "Martin", BirthDate: "1982-09-05"}, {FirstName: "Élo", LastName: "MATIN", BirthDate: "1982-05-09"}},
		{{FirstName: "Élodie", LastName: "Martin", BirthDate: "1982-09-05"}, {FirstName: "Matin", LastName: "Élo", BirthDate: "1982-09-05"}},
	} {
		if !share(pair[0], pair[1]) {
			t.Errorf("%s %s / %s %s: no blocking key in common:\n%v\n%v", pair[0].FirstName, pair[0].LastName, pair[1].FirstName, pair[1].LastName,
				keys(pair[0]), keys(pair[1]))
		}
	}
	if share(base, Profile{FirstName: "Julien", LastName: "Martin", BirthDate: "1985-04-12"}) {
		t.Error("another person born the same day shares a key")
	}
	// A whole name in one field meets the name split in two, in either
	// field and either order, with a birth date or without.
	for _, whole := range []Profile{
		{FirstName: "Céline Brunet", BirthDate: "1975-03-25"},
		{LastName: "BRUNET Céline", BirthDate: "1975-03-25"},
		{LastName: "Brunet, Céline"},
	} {
		if !share(whole, Profile{FirstName: "Céline", LastName: "Brunet", BirthDate: "1975-03-25"}) {
			t.Errorf("whole name %q %q: no key in common with Céline / Brunet:\n%v", whole.FirstName, whole.LastName, keys(whole))
		}
	}
	// A compound surname alone is no whole name: it keeps its own keys
	// and gets none of its parts.
	if share(Profile{LastName: "Marcade-Delmin", BirthDate: "1946-04-09"}, Profile{FirstName: "Paul", LastName: "Delmin", BirthDate: "1946-04-09"}) {
		t.Error("a compound surname alone was split into a given name and a surname")
	}
	if share(Profile{FirstName: "Céline Brunet", BirthDate: "1975-03-25"}, Profile{FirstName: "Céline", LastName: "Martin", BirthDate: "1980-01-02"}) {
		t.Error("a whole name shares a key with a namesake born another day")
	}
	if got := BlockingKeys(Profile{}); len(got) != 0 {
		t.Errorf("an empty profile has keys %v", got)
	}
	// Both names mistyped, the house number swapped: the birth date and
	// the postal code remain (FEBRL's Ajmes Kinb).
	james := Profile{FirstName: "James", LastName: "King", BirthDate: "2004-10-19",
		Address: Address{Line1: "27 Meadow Place", PostalCode: "3550", City: "Bendigo", Country: "AU"}}
	kinb := Profile{FirstName: "Ajmes", LastName: "Kinb", BirthDate: "2004-10-19",
		Address: Address{Line1: "72 Meadow Place", PostalCode: "3550", City: "Bendigo", Country: "AU"}}
	if !share(james, kinb) {
		t.Errorf("Ajmes Kinb: no key in common with James King:\n%v\n%v", keys(james), keys(kinb))
	}
	kinb.BirthDate = "2004-10-20"
	if share(james, kinb) {
		t.Error("another birth date in the same postal district shares a key")
	}
	// The postal code mistyped (the birth date too): the town, the house
	// number and the street remain; another number does not share them.
	david := Profile{FirstName: "David", LastName: "Smith", BirthDate: "1997-01-14",
		Address: Address{Line1: "22 Wentworth Road", PostalCode: "4215", City: "Southport QLD", Country: "AU"}}
	sjith := Profile{FirstName: "David", LastName: "Sjith",
		Address: Address{Line1: "22 wentworth rd", PostalCode: "4251", City: "Southport", Country: "AU"}}
	if !share(david, sjith) {
		t.Errorf("22 Wentworth Road, Southport, 4215 and 4251: no key in common:\n%v\n%v", keys(david), keys(sjith))
	}
	sjith.Address.Line1 = "24 Wentworth Road"
	if share(david, sjith) {
		t.Error("another house number on the street shares a key")
	}
	// A landline is a key as it is; a placeholder is none.
	home := func(last, phone string) Profile { return Profile{LastName: last, Phone: phone} }
	if !share(home("Smith", "+61886821223"), home("Smoth", "+61886821223")) {
		t.Error("one landline: no key in common")
	}
	if share(home("Smith", "+61886821223"), home("Smoth", "+61886821224")) {
		t.Error("two landlines share a key")
	}
	// A designated identifier is a key: every other field mistyped.
	ssn := func(first, last, v string) Profile {
		return Profile{FirstName: first, LastName: last, Attributes: map[string]Attribute{"soc_sec_id": {Value: v}, "notes": {Value: v}}}
	}
	if !slices.Equal(keys(ssn("", "", "260-3516"), "soc_sec_id"), []string{"id:soc_sec_id|2603516"}) {
		t.Errorf("identifier keys %v", keys(ssn("", "", "260-3516"), "soc_sec_id"))
	}
	if share(ssn("Kavita", "Singh", "2603516"), ssn("Kqvita", "Sngh", "2603516")) {
		t.Error("an attribute no tenant designated is a key")
	}
}

// TestMobileSlipKeys: a mobile stores no blocking key, and two numbers
// one slip apart share a key of MobileSlipKeys: a digit replaced, first
// or last of those past the country code and the first digit, two
// neighbouring digits swapped. Two slips, a slip in the country code or
// the first digit, and a placeholder share none.
func TestMobileSlipKeys(t *testing.T) {
	if keys := BlockingKeyStrings(Profile{Mobile: "+33612345678"}); len(keys) != 0 {
		t.Errorf("a mobile stores keys %v", keys)
	}
	record := func(mobiles ...string) *FuzzyRecord { return NewFuzzyRecord(FuzzyInput{Mobiles: mobiles}) }
	share := func(a, b string) bool {
		ka := record(a).MobileSlipKeys()
		return slices.ContainsFunc(record(b).MobileSlipKeys(), func(k int64) bool { return slices.Contains(ka, k) })
	}
	const m = "+33612345678"
	for other, want := range map[string]bool{
		"+33612345678": true,  // the same number
		"+33692345678": true,  // the first digit looked at
		"+33612345670": true,  // the last
		"+33612345687": true,  // the last two swapped
		"+33621345678": true,  // the first two looked at swapped
		"+33612345600": false, // two digits
		"+33712345678": false, // the first digit: another kind of number
		"+34612345678": false, // another country
		"+33612345":    false, // digits left out
	} {
		if got := share(m, other); got != want {
			t.Errorf("%s and %s share a mobile key: %v, want %v", m, other, got, want)
		}
		if want && other != m && !oneSlip(m, other) {
			t.Errorf("%s and %s share a key but the model does not weigh them one slip apart", m, other)
		}
	}
	if keys := record("+33600000000").MobileSlipKeys(); len(keys) != 0 {
		t.Errorf("a placeholder mobile has keys %v", keys)
	}
	if !slices.ContainsFunc(record("+447700900123", m).MobileSlipKeys(), func(k int64) bool {
		return slices.Contains(record("+33612345679").MobileSlipKeys(), k)
	}) {
		t.Error("a record's second mobile has no keys")
	}
}

// TestTrain: estimated from a file, agreeing on a birth date says more
// than agreeing on a town, and common names get their frequency.
func TestTrain(t *testing.T) {
	var people []*FuzzyRecord
	firsts := []string{"Marie", "Julien", "Camille", "Lucas", "Léa", "Hugo", "Chloé", "Louis"}
	lasts := []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"}
	d := TrainingData{FirstNames: map[string]int{}, LastNames: map[string]int{}}
	for i := range 2000 {
		f, l := firsts[i%len(firsts)], lasts[(i/len(firsts))%len(lasts)]
		birth := time.Date(1950+i%50, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		people = append(people, rec("p", f, l, birth, Address{PostalCode: []string{"75001", "69003", "13001"}[i%3]}, nil, nil))
		d.FirstNames[FoldName(f)]++
		d.LastNames[FoldName(l)]++
	}
	d.Profiles = len(people)
	for i := range 5000 {
		d.Random = append(d.Random, [2]*FuzzyRecord{people[(i*7919)%len(people)], people[(i*104729+1)%len(people)]})
	}
	for i := 0; i+1 < 200; i += 2 {
		dup := *people[i]
		d.Blocked = append(d.Blocked, [2]*FuzzyRecord{people[i], &dup}, [2]*FuzzyRecord{people[i], people[i+1]})
	}
	m := Train(d, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC))
	if m.TrainedAt.IsZero() || m.Profiles != 2000 {
		t.Fatalf("not trained: %+v", m)
	}
	// Paused between slices, it trains the same model.
	pauses := 0
	d.Pause = func() { pauses++ }
	if paused := Train(d, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)); !reflect.DeepEqual(paused, m) || pauses != len(d.Random)/PauseEvery-1 {
		t.Errorf("paused %d times (want %d), the same model: %v", pauses, len(d.Random)/PauseEvery-1, reflect.DeepEqual(paused, m))
	}
	if b, town := m.Levels[CompareBirthDate][LevelExact].Weight(), m.Levels[CompareAddress][LevelTown].Weight(); b <= town {
		t.Errorf("birth date exact %.2f bits, same town %.2f: want the date to say more", b, town)
	}
	if f := m.Frequencies[CompareFirstName]["marie"]; f < 0.1 || f > 0.15 {
		t.Errorf("frequency of marie = %.3f, want 1/8", f)
	}
	small := Train(TrainingData{Profiles: 10}, time.Now())
	if !small.TrainedAt.IsZero() {
		t.Error("a file of 10 profiles trained a model")
	}
}

// TestFileSizeWeight: a trained model counts the file's size in every
// pair, as its own line of the score: against the pair on a file larger
// than FileSizeReference, so a pair just above the threshold on the
// reference file does not open on a file ten times larger, and for it on
// a smaller file, so a pair just under the threshold there opens on a
// file ten times smaller; the probability, whose prior holds the file's
// size already, does not change.
func TestFileSizeWeight(t *testing.T) {
	for _, tc := range []struct {
		profiles int
		want     float64
	}{{0, 0}, {MinTrainProfiles, 6.64}, {5000, 4.32}, {FileSizeReference, 0}, {2 * FileSizeReference, -1}, {10 * FileSizeReference, -3.32}} {
		m := FuzzyModel{Profiles: tc.profiles}
		if got := round2(m.FileSizeWeight()); got != tc.want {
			t.Errorf("%d profiles: file size weight %v, want %v", tc.profiles, got, tc.want)
		}
	}
	if def := DefaultFuzzyModel(); def.FileSizeWeight() != 0 {
		t.Errorf("the default model's file size weight is %v, want 0", def.FileSizeWeight())
	}

	a := rec("a", "Claire", "Fontaine", "1985-04-12", hugo12, nil, nil)
	b := rec("b", "Claire", "Fontaine", "1985-04-13", hugo12b, nil, nil)
	small, large := DefaultFuzzyModel(), DefaultFuzzyModel()
	small.Profiles, large.Profiles = FileSizeReference, 10*FileSizeReference
	s, l := small.Score(a, b), large.Score(a, b)
	if s.Level(CompareFileSize) != LevelMissing {
		t.Errorf("a file of the reference size has a file size line: %+v", s.Fields)
	}
	if l.Fields[0].Field != CompareFileSize || l.Fields[0].Level != LevelLargerFile {
		t.Fatalf("a file ten times larger has no file size line first: %+v", l.Fields)
	}
	if got, want := l.Weight, s.Weight-math.Log2(10); math.Abs(got-want) > 0.011 {
		t.Errorf("weight on the larger file %v, want %v (%v less log2(10))", got, want, s.Weight)
	}
	sum := 0.0
	for _, f := range l.Fields {
		sum += f.Weight
	}
	if math.Abs(sum-l.Weight) > 0.05 {
		t.Errorf("the lines add up to %v, the weight is %v", sum, l.Weight)
	}
	if l.Probability != s.Probability {
		t.Errorf("probability %v on the larger file, %v on the reference: the prior counts the size once", l.Probability, s.Probability)
	}
	if strings.Contains(l.Reason(), string(CompareFileSize)) {
		t.Errorf("the reason names the file size: %s", l.Reason())
	}
	// A threshold between the two weights: the pair opens on the
	// reference file only.
	threshold := s.Weight - 1
	if !s.Opens(threshold) || l.Opens(threshold) {
		t.Errorf("at %v bits: opens %v on the reference file (want true), %v on the larger one (want false)",
			threshold, s.Opens(threshold), l.Opens(threshold))
	}

	smaller := DefaultFuzzyModel()
	smaller.Profiles = FileSizeReference / 10
	sm := smaller.Score(a, b)
	if sm.Fields[0].Field != CompareFileSize || sm.Fields[0].Level != LevelSmallerFile {
		t.Fatalf("a file ten times smaller has no file size line first: %+v", sm.Fields)
	}
	if got, want := sm.Weight, s.Weight+math.Log2(10); math.Abs(got-want) > 0.011 {
		t.Errorf("weight on the smaller file %v, want %v (%v and log2(10))", got, want, s.Weight)
	}
	if sm.Probability != s.Probability {
		t.Errorf("probability %v on the smaller file, %v on the reference", sm.Probability, s.Probability)
	}
	// A threshold just above the pair's weight on the reference file: it
	// opens on the smaller file only.
	threshold = s.Weight + 1
	if s.Opens(threshold) || !sm.Opens(threshold) {
		t.Errorf("at %v bits: opens %v on the reference file (want false), %v on the smaller one (want true)",
			threshold, s.Opens(threshold), sm.Opens(threshold))
	}
	// Two namesakes who agree on nothing else (another email, another
	// mobile) stay apart on the smallest file too: the file's size adds to
	// every pair alike and is no agreement of its own.
	tiny := DefaultFuzzyModel()
	tiny.Profiles = MinTrainProfiles
	namesakes := tiny.Score(rec("c", "Claire", "Fontaine", "", Address{}, []string{"claire.f@example.fr"}, []string{"+33612345678"}),
		rec("d", "Claire", "Fontaine", "", Address{}, []string{"cfontaine@example.org"}, []string{"+33698765432"}))
	if namesakes.Opens(namesakes.Weight) {
		t.Errorf("namesakes with another email and mobile open at their own weight (%v): %+v", namesakes.Weight, namesakes.Fields)
	}
}

// TestTrainFileSize: the trained model keeps the file's size, so its
// scores carry the file size line.
func TestTrainFileSize(t *testing.T) {
	a := rec("a", "Claire", "Fontaine", "1985-04-12", hugo12, nil, nil)
	b := rec("b", "Paul", "Girard", "1979-03-07", other, nil, nil)
	m := Train(TrainingData{Profiles: 4 * FileSizeReference, Random: [][2]*FuzzyRecord{{a, b}}}, time.Now())
	if got := round2(m.FileSizeWeight()); got != -2 {
		t.Errorf("trained on %d profiles: file size weight %v, want -2", 4*FileSizeReference, got)
	}
	if sc := m.Score(a, a); sc.Level(CompareFileSize) != LevelLargerFile {
		t.Errorf("the trained model's score has no file size line: %+v", sc.Fields)
	}
}

// TestInitialKeepsTheHousehold: a given name written as its initial, or
// one that sounds the same, agrees enough for the address to count when
// the birth dates agree too, as a slip does. Born years apart, or of
// unknown age, at one address, they are as often two of a household; a
// different given name (a spouse) lets the address count only on the same
// birth date with no email or mobile to tell them apart (TestTwinsBirthDate),
// and the same name a generation apart (a parent and a child) never does.
func TestInitialKeepsTheHousehold(t *testing.T) {
	m := DefaultFuzzyModel()
	stefan := rec("a", "Stefan", "Richter", "1980-05-17", hugo12, nil, nil)
	for _, tt := range []struct {
		first, birth string
		counted      bool
	}{
		{"S.", "1980-05-17", true}, {"Stephan", "1980-05-17", true}, {"S.", "1980-05-18", true},
		{"S.", "", false}, {"S.", "2009-02-03", false}, {"Stephan", "2009-02-03", false},
		{"Sabine", "1980-05-17", true}, {"Sabine", "1982-03-04", false}, {"Sabine", "", false},
		// The same name a generation apart: a father and his son.
		{"Stefan", "2009-02-03", false}, {"Stefan", "1983-11-30", true},
		// A part of a compound name born apart: a sibling.
		{"Stefan-Paul", "1980-05-17", true}, {"Stefan-Paul", "", true}, {"Stefan-Paul", "1986-01-02", false},
		// No given name on one side: the one born the same day is no
		// other member of the household than a twin; a day apart may be a
		// partner.
		{"", "1980-05-17", true}, {"", "1980-05-18", false}, {"", "", false}, {"", "1983-11-30", false}, {"", "2009-02-03", false},
	} {
		s := m.Score(stefan, rec("b", tt.first, "Richter", tt.birth, hugo12b, nil, nil))
		if counted := s.Level(CompareAddress) == LevelExact; counted != tt.counted {
			t.Errorf("Stefan / %s Richter, born %q, at one address: the address counted %v, want %v (%+v)", tt.first, tt.birth, counted, tt.counted, s.Fields)
		}
	}
}

// TestStreetNamedAfterADate: a street named after a date (rue du 8 Mai
// 1945, Straße des 17. Juni) holds the date in its name, not a house
// number, whether the number is written before it, after it, or not at
// all.
func TestStreetNamedAfterADate(t *testing.T) {
	fr := func(line1 string) Address {
		return Address{Line1: line1, PostalCode: "69400", City: "Villefranche-sur-Saône"}
	}
	de := func(line1 string) Address {
		return Address{Line1: line1, PostalCode: "10623", City: "Berlin", Country: "DE"}
	}
	it := func(line1 string) Address {
		return Address{Line1: line1, PostalCode: "00187", City: "Roma", Country: "IT"}
	}
	ar := func(line1 string) Address {
		return Address{Line1: line1, PostalCode: "C1043", City: "Buenos Aires", Country: "AR"}
	}
	for _, c := range []struct {
		a, b Address
		want Level
	}{
		{fr("1, rue du 8 Mai 1945"), fr("rue du 8 Mai 1945"), LevelStreet},
		{fr("1, rue du 8 Mai 1945"), fr("1 r. du 8 mai 1945"), LevelExact},
		{fr("3 place du 18 Juin 1940"), fr("5 place du 18 juin 1940"), LevelStreet},
		{de("Straße des 17. Juni 135"), de("Str. des 17. Juni 135"), LevelExact},
		{de("Straße des 17. Juni 135"), de("Straße des 17. Juni 136"), LevelStreet},
		// Italian, Portuguese and Dutch months, a day written with de
		{it("Via 20 Settembre 5"), it("Via 20 Settembre 7"), LevelStreet},
		{it("Via 20 Settembre 5"), it("via XX Settembre, 5"), LevelExact},
		{ar("Avenida 9 de Julio 1000"), ar("Avenida 9 de Julio 1002"), LevelStreet},
	} {
		if got := compareAddresses(newAddressValue(c.a), newAddressValue(c.b)); got != c.want {
			t.Errorf("%q / %q: %s, want %s (%+v / %+v)", c.a.Line1, c.b.Line1, got, c.want, newAddressValue(c.a), newAddressValue(c.b))
		}
	}
	for _, k := range BlockingKeyStrings(Profile{Address: fr("rue du 8 Mai 1945")}) {
		if strings.HasPrefix(k, "a:") {
			t.Errorf("rue du 8 Mai 1945 has no house number, and has the key %q", k)
		}
	}
}

// TestMissingGivenNameAtOneHome: a record written without its given name,
// with a common surname, the same birth date and the same home as a full
// one, is proposed (a person would see one customer); without the birth
// date, it is the household's, and is not.
func TestMissingGivenNameAtOneHome(t *testing.T) {
	m := DefaultFuzzyModel()
	m.Frequencies = map[Comparison]map[string]float64{CompareLastName: {"david": 0.01}}
	catherine := rec("a", "Catherine", "David", "1971-05-03", hugo12, nil, []string{"+33605175312"})
	if s := m.Score(catherine, rec("b", "", "David", "1971-05-03", hugo12b, nil, []string{"+33740651507"})); !s.Opens(DefaultFuzzyThreshold) {
		t.Errorf("Catherine David / David, born the same day at one address: weight %.2f, want a candidate (%+v)", s.Weight, s.Fields)
	}
	if s := m.Score(catherine, rec("b", "", "David", "", hugo12b, nil, nil)); s.Opens(DefaultFuzzyThreshold) {
		t.Errorf("Catherine David / David, no birth date, at one address: weight %.2f, want no candidate (%+v)", s.Weight, s.Fields)
	}
}

// TestTrainingFindsRareAgreements: trained on a file, the exact birth date
// and address weigh what their frequency in the file says, within a bit,
// whatever the random draw. Two strangers share them too rarely for
// 100,000 random pairs to count: the pairs used to see none or one, and
// the weight came out 5 bits too high or moved by as much between two
// trainings of one file.
func TestTrainingFindsRareAgreements(t *testing.T) {
	firsts := []string{"Marie", "Julien", "Camille", "Lucas", "Léa", "Hugo", "Chloé", "Louis", "Emma", "Jules", "Inès", "Adam",
		"Sarah", "Nathan", "Manon", "Théo", "Jade", "Arthur", "Lina", "Raphaël", "Zoé", "Gabriel", "Alice", "Paul"}
	rng := rand.New(rand.NewPCG(1, 2))
	var people []*FuzzyRecord
	d := TrainingData{FirstNames: map[string]int{}, LastNames: map[string]int{}}
	births, homes := map[string]float64{}, map[string]float64{}
	for i := range 20000 {
		f, l := firsts[rng.IntN(len(firsts))], "Nom"+strconv.Itoa(rng.IntN(3000))
		birth := time.Date(1940, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(60*365)).Format(time.DateOnly)
		home := Address{Line1: strconv.Itoa(1+(i/2)%90) + " rue Numéro " + strconv.Itoa(i/180), PostalCode: "75011", City: "Paris"}
		people = append(people, rec("p"+strconv.Itoa(i), f, l, birth, home, nil, nil)) // two to a home
		d.FirstNames[FoldName(f)]++
		d.LastNames[FoldName(l)]++
		births[birth]++
		homes[home.Line1]++
	}
	d.Profiles = len(people)
	truth := func(counts map[string]float64) float64 { // the chance two people agree
		agree := 0.0
		for _, n := range counts {
			agree += n * (n - 1)
		}
		return agree / (float64(len(people)) * float64(len(people)-1))
	}
	def := DefaultFuzzyModel()
	wantBirth := math.Log2(def.Levels[CompareBirthDate][LevelExact].M / truth(births))
	wantHome := math.Log2(def.Levels[CompareAddress][LevelExact].M / truth(homes))
	for seed := range uint64(4) {
		d.Sample = CutSample(people, 10000, seed)
		d.Random = RandomPairs(d.Sample, 100000, seed)
		m := Train(d, time.Now())
		birth, home := m.Levels[CompareBirthDate][LevelExact].Weight(), m.Levels[CompareAddress][LevelExact].Weight()
		if math.Abs(birth-wantBirth) > 1 || math.Abs(home-wantHome) > 1 {
			t.Errorf("draw %d: exact birth date %.2f bits, address %.2f; the file says %.2f and %.2f", seed, birth, home, wantBirth, wantHome)
		}
	}
}

// TestGenderKeepsCouplesApart: a gender, however a form writes it, is
// compared; two of one name and surname at one address whose genders
// differ are a couple (Dominique and Dominique), so the address does not
// count and the pair does not open, where the same gender does.
func TestGenderKeepsCouplesApart(t *testing.T) {
	for in, want := range map[string]string{"Mme": "f", "madame": "f", "Melle": "f", "F": "f", "female": "f", "Frau": "f", "Sra.": "f",
		"M.": "m", "Monsieur": "m", "Male": "m", "H": "m", "Herr": "m", "": "", "X": "", "autre": "",
		"V": "f", "vrouw": "f", "Mevr.": "f", "Dhr.": "m", "De heer": "m", "Sig.ra": "f", "Sig.na": "f", "Sig.": "m", "Mulher": "f",
		"K": "f", "Kvinna": "f", "Kvinne": "f", "Kvinde": "f", "Mann": "m", "Mand": "m", "Man": "m",
		"vyras": "m", "Moteris": "f", "karl": "m", "kvk": "f", "მამრობითი": "m", "ქალი": "f", "Мужской": "m", "Женский": "f",
		"муж.": "m", "Ж": "f", "男": "m", "女性": "f", "남": "m", "여": "f", "ذكر": "m", "أنثى": "f", "Lelaki": "m", "Kadın": "f",
		"Mężczyzna": "m", "Žena": "f", "Γυναίκα": "f", "หญิง": "f", "ชาย": "m", "נקבה": "f", "مرد": "m"} {
		if got := Gender(in); got != want {
			t.Errorf("Gender(%q) = %q, want %q", in, got, want)
		}
	}
	m := DefaultFuzzyModel()
	person := func(gender, birth string) *FuzzyRecord {
		return NewFuzzyRecord(FuzzyInput{ID: gender + birth, FirstName: "Dominique", LastName: "Fabre", BirthDate: birth, Address: hugo12, Gender: gender})
	}
	couple := m.Score(person("Mme", "1975-03-02"), person("M.", "1971-09-14"))
	if couple.Level(CompareGender) != LevelDifferent || couple.Level(CompareAddress) != LevelMissing || couple.Opens(20) {
		t.Errorf("Dominique and Dominique Fabre, a couple: %+v", couple)
	}
	same := m.Score(person("Mme", "1975-03-02"), person("F", "1975-03-02"))
	if same.Level(CompareGender) != LevelExact || same.Level(CompareAddress) != LevelExact || !same.Opens(20) {
		t.Errorf("Dominique Fabre twice: %+v", same)
	}
	// Twins a letter apart, of two genders, born the same day at one
	// address: two names.
	julie := NewFuzzyRecord(FuzzyInput{ID: "j1", FirstName: "Julie", LastName: "Garcia", BirthDate: "1989-08-09", Address: hugo12, Gender: "F"})
	julien := NewFuzzyRecord(FuzzyInput{ID: "j2", FirstName: "Julien", LastName: "Garcia", BirthDate: "1989-08-09", Address: hugo12, Gender: "M"})
	if s := m.Score(julie, julien); s.Level(CompareFirstName) != LevelDifferent || s.Opens(20) {
		t.Errorf("the twins Julie and Julien: %+v", s)
	}
	// Nor is a name and its short form of two genders one person: José
	// and Josefina, twins. Of one gender, Jose is Josefina's short form.
	jose := NewFuzzyRecord(FuzzyInput{ID: "j3", FirstName: "Jose", LastName: "Nuñez", BirthDate: "1988-02-04", Gender: "Male"})
	josefina := NewFuzzyRecord(FuzzyInput{ID: "j4", FirstName: "Josefina", LastName: "Nuñez", BirthDate: "1988-02-04", Gender: "F"})
	if s := m.Score(jose, josefina); s.Level(CompareFirstName) != LevelDifferent || s.Opens(20) {
		t.Errorf("the twins José and Josefina: %+v", s)
	}
	jose = NewFuzzyRecord(FuzzyInput{ID: "j5", FirstName: "Jose", LastName: "Nuñez", BirthDate: "1988-02-04", Gender: "F"})
	if s := m.Score(jose, josefina); s.Level(CompareFirstName) != LevelNickname {
		t.Errorf("Josefina written Jose, of one gender: %s, want nickname", s.Level(CompareFirstName))
	}
	// A gender alone is no evidence besides the names.
	if s := m.Score(NewFuzzyRecord(FuzzyInput{ID: "a", FirstName: "Dominique", LastName: "Fabre", Gender: "Mme"}),
		NewFuzzyRecord(FuzzyInput{ID: "b", FirstName: "Dominique", LastName: "Fabre", Gender: "F"})); s.Level(CompareGender) != LevelExact || s.Opens(0) {
		t.Errorf("the names alone open a pair: %+v", s)
	}
}

// TestPlaceholdersAreNoEvidence: two people who both gave a placeholder
// email, or a placeholder number, share nothing: the field is missing,
// not an agreement.
func TestPlaceholdersAreNoEvidence(t *testing.T) {
	m := DefaultFuzzyModel()
	a := rec("a", "Sukhdeep", "Kaur", "", Address{}, []string{"noemail@salon.co.uk"}, []string{"+447000000000", "+447911123456"})
	b := rec("b", "Sukhdeep", "Kaur", "", Address{}, []string{"noemail@salon.co.uk"}, []string{"+447000000000", "+447922654321"})
	for _, f := range m.Score(a, b).Fields {
		if f.Field == CompareEmail || f.Field == CompareMobile && f.Level == LevelExact {
			t.Errorf("%s %s %+.1f: a placeholder agreed on counts as evidence", f.Field, f.Level, f.Weight)
		}
	}
	if got := rec("c", "", "", "", Address{}, nil, []string{"+447911123456"}).mobiles; len(got) != 1 {
		t.Errorf("mobiles %v: a real number was dropped", got)
	}
}

// TestMobileFiledAsPhone: a mobile one record gave in its phone field, the
// other in its mobile field, is the same line; where both records give a
// mobile, the other's phone does not count.
func TestMobileFiledAsPhone(t *testing.T) {
	m := DefaultFuzzyModel()
	mobile := NewFuzzyRecord(FuzzyInput{ID: "a", FirstName: "Tamsin", LastName: "Oakridge", Mobiles: []string{"+447946428301"}})
	phone := NewFuzzyRecord(FuzzyInput{ID: "b", FirstName: "Tamsin", LastName: "Oakridge", Phones: []string{"+447946428301"}})
	if l := m.Score(mobile, phone).Level(CompareMobile); l != LevelExact {
		t.Errorf("the mobile given as the other's phone: %s, want exact", l)
	}
	if l := m.Score(phone, mobile).Level(CompareMobile); l != LevelExact {
		t.Errorf("in the other order: %s, want exact", l)
	}
	both := NewFuzzyRecord(FuzzyInput{ID: "c", FirstName: "Tamsin", LastName: "Oakridge", Mobiles: []string{"+447911123456"},
		Phones: []string{"+447946428301"}})
	if l := m.Score(mobile, both).Level(CompareMobile); l != LevelDifferent {
		t.Errorf("two mobiles that differ, one the other's phone: %s, want different", l)
	}
}

// TestFeminineFormsOfOneGender: a feminine form is another person's name
// (Céline and Célin, a couple) unless both records give one gender, where
// it is a slip, or the name has another word the two share.
func TestFeminineFormsOfOneGender(t *testing.T) {
	m := DefaultFuzzyModel()
	person := func(first, gender string) *FuzzyRecord {
		return NewFuzzyRecord(FuzzyInput{ID: first + gender, FirstName: first, LastName: "Verdade", Gender: gender, Address: hugo12})
	}
	for _, tt := range []struct {
		a, b *FuzzyRecord
		want Level
	}{
		{person("Céline", "F"), person("Celin", "Mme"), LevelTypo},
		{person("Céline", ""), person("Celin", ""), LevelDifferent},
		{person("Louise", "F"), person("Louis", "M"), LevelDifferent},
		{person("Louise", "F"), person("Louis", ""), LevelDifferent},
		// A compound name's other word gives its gender: a slip.
		{person("Anne-Laure", ""), person("Anne-Laur", "F"), LevelTypo},
		{person("Jean-Louis", ""), person("Jean-Louise", ""), LevelTypo},
	} {
		if got := m.Score(tt.a, tt.b).Level(CompareFirstName); got != tt.want {
			t.Errorf("%s / %s: %s, want %s", tt.a.ID, tt.b.ID, got, tt.want)
		}
	}
}

// TestCompoundInitials: a compound given name written by its initials
// (JL, J.-L., J-L or PA), with the surname and the home in common and no
// birth date, is one person written twice, as a French front desk writes
// it; one initial alone at one address is as often a household (Jean and
// Julie Verdade), and two initials of another compound are another person.
func TestCompoundInitials(t *testing.T) {
	m := DefaultFuzzyModel()
	full := rec("a", "Jean-Luc", "Verdade", "", hugo12, nil, nil)
	for _, first := range []string{"JL", "J.-L.", "J-L", "j.l"} {
		s := m.Score(full, rec("b", first, "Verdade", "", hugo12b, nil, nil))
		if s.Level(CompareFirstName) != LevelCompound || !s.Opens(DefaultFuzzyThreshold) {
			t.Errorf("Jean-Luc / %s Verdade at one address: %+v, want the compound level and a candidate", first, s)
		}
	}
	pa := m.Score(rec("a", "Pierre-Antoine", "Verdade", "", hugo12, nil, nil), rec("b", "PA", "Verdade", "", hugo12b, nil, nil))
	if pa.Level(CompareFirstName) != LevelCompound || !pa.Opens(DefaultFuzzyThreshold) {
		t.Errorf("Pierre-Antoine / PA Verdade at one address: %+v, want a candidate", pa)
	}
	for _, first := range []string{"J", "J.", "JP"} {
		if s := m.Score(full, rec("b", first, "Verdade", "", hugo12b, nil, nil)); s.Opens(DefaultFuzzyThreshold) {
			t.Errorf("Jean-Luc / %s Verdade at one address: %+v, want no candidate", first, s)
		}
	}
}

// TestSurnameInEmail: one person under a maiden and a married name, whose
// email names the other surname, has the surnames scored as named in the
// email, and with the same address and given name the pair passes the
// default threshold; without that email, or between two given names, the
// surnames are different and the pair does not pass.
func TestSurnameInEmail(t *testing.T) {
	m := DefaultFuzzyModel()
	level := func(s FuzzyScore) Level { return s.Level(CompareLastName) }
	maiden := rec("a", "Karine", "Ferrari", "", hugo12, []string{"kferrari@yahoo.fr"}, nil)
	married := rec("b", "Karine", "Fontana", "", hugo12b, []string{"karine.ferrari@gmail.com"}, nil)
	s := m.Score(maiden, married)
	if level(s) != LevelSurnameInEmail || s.Weight < DefaultFuzzyThreshold {
		t.Errorf("Karine Ferrari / Karine Fontana writing from karine.ferrari@: %+v, want surname_in_email and ≥ %d bits", s, DefaultFuzzyThreshold)
	}
	if back := m.Score(married, maiden); back.Weight != s.Weight || level(back) != LevelSurnameInEmail {
		t.Errorf("the other way round: %+v", back)
	}
	for name, b := range map[string]*FuzzyRecord{
		"no such email":      rec("c", "Karine", "Fontana", "", hugo12b, []string{"k.fontana@gmail.com"}, nil),
		"another given name": rec("d", "Sophie", "Fontana", "", hugo12b, []string{"sophie.ferrari@gmail.com"}, nil),
	} {
		if s := m.Score(maiden, b); level(s) != LevelDifferent || s.Weight >= DefaultFuzzyThreshold {
			t.Errorf("%s: %+v, want different surnames and under %d bits", name, s, DefaultFuzzyThreshold)
		}
	}
}

// TestSurnameFromEmail: a record whose form left the surname out, with an
// email that writes it, has its surname scored as the other's, weighing
// what the surname weighs, and with the given name and a town the pair
// passes the default threshold; an email that does not write it, or
// another given name, leaves the surname missing and the pair under it.
func TestSurnameFromEmail(t *testing.T) {
	m := DefaultFuzzyModel()
	level := func(s FuzzyScore) Level { return s.Level(CompareLastName) }
	birmingham := Address{City: "Birmingham"}
	named := rec("a", "Isla", "Oliver", "1975-08-24", birmingham, nil, nil)
	lacking := rec("b", "Isla", "", "1975-08-25", birmingham, []string{"islaoliver@matthews-edwards.com"}, nil)
	s := m.Score(named, lacking)
	exact := m.Score(named, rec("c", "Isla", "Oliver", "1975-08-25", birmingham, nil, nil))
	if level(s) != LevelFromEmail || s.Weight < DefaultFuzzyThreshold || !s.Opens(DefaultFuzzyThreshold) {
		t.Errorf("Isla Oliver / Isla writing from islaoliver@: %+v, want from_email and a candidate", s)
	}
	if w, want := fieldOf(t, s, CompareLastName).Weight, fieldOf(t, exact, CompareLastName).Weight; w != want {
		t.Errorf("the surname from the email weighs %.2f, the surname written %.2f: want the same", w, want)
	}
	if back := m.Score(lacking, named); back.Weight != s.Weight || level(back) != LevelFromEmail {
		t.Errorf("the other way round: %+v", back)
	}
	for name, b := range map[string]*FuzzyRecord{
		"no such email":      rec("d", "Isla", "", "1975-08-25", birmingham, []string{"isla.o@gmail.com"}, nil),
		"another given name": rec("e", "Ruby", "", "1975-08-25", birmingham, []string{"rubyoliver@gmail.com"}, nil),
	} {
		if s := m.Score(named, b); level(s) == LevelFromEmail || s.Opens(DefaultFuzzyThreshold) {
			t.Errorf("%s: %+v, want no surname from the email and no candidate", name, s)
		}
	}
}

// TestGivenNameFromEmail: a record whose form left the given name out,
// with an email that writes the other's given name and surname, has its
// given name scored as the other's, and the shared address then counts:
// the pair passes the default threshold. An email of another given name,
// or of the given name without the surname, leaves it missing.
func TestGivenNameFromEmail(t *testing.T) {
	m := DefaultFuzzyModel()
	level := func(s FuzzyScore) Level { return s.Level(CompareFirstName) }
	home := Address{Line1: "11 bis place Castellane", PostalCode: "13006", City: "Marseille"}
	named := rec("a", "Cheikh", "Traoré", "1953-07-05", home, nil, nil)
	lacking := rec("b", "", "Traore", "", home, []string{"cheikh.traore@free.fr"}, nil)
	s := m.Score(named, lacking)
	if level(s) != LevelFromEmail || !s.Opens(DefaultFuzzyThreshold) {
		t.Errorf("Cheikh Traoré / Traore writing from cheikh.traore@: %+v, want from_email and a candidate", s)
	}
	if back := m.Score(lacking, named); back.Weight != s.Weight || level(back) != LevelFromEmail {
		t.Errorf("the other way round: %+v", back)
	}
	for _, email := range []string{"cheikhtraore@free.fr", "traore.cheikh13@free.fr"} {
		if s := m.Score(named, rec("c", "", "Traoré", "", home, []string{email}, nil)); level(s) != LevelFromEmail {
			t.Errorf("Cheikh Traoré / Traoré writing from %s: %+v, want from_email", email, s)
		}
	}
	hans := rec("h", "Hans", "Müller", "1961-02-03", home, nil, nil)
	if s := m.Score(hans, rec("i", "", "Müller", "", home, []string{"hans.mueller@web.de"}, nil)); level(s) != LevelFromEmail {
		t.Errorf("Hans Müller / Müller writing from hans.mueller@: %+v, want from_email", s)
	}
	paul := rec("p", "Paul", "Schmidt", "1961-02-03", home, nil, nil)
	louis := rec("l", "Louis", "Martin", "1961-02-03", home, nil, nil)
	for name, c := range map[string][2]*FuzzyRecord{
		"another given name": {named, rec("d", "", "Traoré", "", home, []string{"awa.traore@free.fr"}, nil)},
		"no surname":         {named, rec("e", "", "Traoré", "", home, []string{"cheikh13@free.fr"}, nil)},
		"his wife's email":   {paul, rec("f", "", "Schmidt", "", home, []string{"paula.schmidt@web.de"}, nil)},
		"Louise's email":     {louis, rec("g", "", "Martin", "", home, []string{"louise.martin@free.fr"}, nil)},
	} {
		if s := m.Score(c[0], c[1]); level(s) == LevelFromEmail || s.Opens(DefaultFuzzyThreshold) {
			t.Errorf("%s: %+v, want no given name from the email and no candidate", name, s)
		}
	}
}

// fieldOf returns one comparison's line of a score; the test stops when
// the score has none.
func fieldOf(t *testing.T, s FuzzyScore, c Comparison) FieldWeight {
	t.Helper()
	for _, f := range s.Fields {
		if f.Field == c {
			return f
		}
	}
	t.Fatalf("no %s in %+v", c, s.Fields)
	return FieldWeight{}
}

// TestFeminineFormTheFileDoesNotHold: with a model that knows the file's
// first names, a shorter name the file does not hold, one letter from a
// feminine one it holds, is that name cut short (Jessic); two names it
// holds stay two people (Paul and Paula), and so does a feminine name it
// does not hold beside a masculine one it holds (Denis and Denise, twins).
// The defaults know no names: two names.
func TestFeminineFormTheFileDoesNotHold(t *testing.T) {
	trained := DefaultFuzzyModel()
	trained.Frequencies = map[Comparison]map[string]float64{CompareFirstName: {"rebecca": 0.01, "paul": 0.01, "paula": 0.005, "jessica": 0.01,
		"denis": 0.01}}
	for _, tt := range []struct {
		a, b  string
		model FuzzyModel
		want  Level
	}{
		{"Jessic", "Jessica", trained, LevelTypo},
		{"Paul", "Paula", trained, LevelDifferent},
		{"Paul", "Paulette", trained, LevelDifferent},
		{"Denis", "Denise", trained, LevelDifferent}, // twins, one of a name the file does not hold
		{"Jessic", "Jessica", DefaultFuzzyModel(), LevelDifferent},
	} {
		if got := tt.model.compareGivenNames(newGivenNameValue(tt.a), newGivenNameValue(tt.b), true); got != tt.want {
			t.Errorf("%s / %s: %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestOneNameInTheOtherField: a record whose one name is written in the
// other field (Grace as a surname) is read swapped against Grace Taylor;
// its home counts only with the same birth date, as for any record
// without a given name.
func TestOneNameInTheOtherField(t *testing.T) {
	m := DefaultFuzzyModel()
	ord := Address{Line1: "665 Ord Parade", PostalCode: "5290", City: "Mount Gambier", Country: "AU"}
	grace := rec("a", "Grace", "Taylor", "2007-02-13", ord, nil, nil)
	s := m.Score(rec("b", "", "grace", "2007-02-13", ord, nil, nil), grace)
	if !s.NamesSwapped || s.Level(CompareAddress) != LevelExact || !s.Opens(DefaultFuzzyThreshold) {
		t.Errorf("one name in the surname's field, same birth date and home: %+v; want swapped, the home counted, a candidate", s)
	}
	s = m.Score(rec("b", "", "grace", "2007-02-14", ord, nil, nil), grace)
	if s.Level(CompareAddress) != LevelMissing || s.Opens(DefaultFuzzyThreshold) {
		t.Errorf("one name in the surname's field, a birth date one digit off: %+v; want the home left out, no candidate", s)
	}
}

// TestCompareContent: records order by what they hold, whatever their ids
// (a file imported again has other ids), and by id only when they hold
// the same; so a sample sorted by it is one order in any tenant.
func TestCompareContent(t *testing.T) {
	claire := rec("z", "Claire", "Fontaine", "1985-04-12", hugo12, []string{"claire@example.fr"}, nil)
	claireWritten := rec("a", "CLAIRE", "fontaine", "1985-04-12", hugo12b, []string{"claire@example.fr"}, nil)
	paul := rec("b", "Paul", "Fontaine", "1985-04-12", hugo12, nil, nil)
	older := rec("c", "Claire", "Fontaine", "1985-04-11", hugo12, nil, nil)
	if CompareContent(claire, paul) >= 0 || CompareContent(paul, claire) <= 0 {
		t.Error("Claire does not come before Paul whatever their ids")
	}
	if CompareContent(older, claire) >= 0 {
		t.Error("the earlier birth date does not come first among two Claire Fontaines")
	}
	if got := CompareContent(claireWritten, claire); got >= 0 {
		t.Errorf("one record written two ways: %d, want the id to order them (a before z)", got)
	}
	if CompareContent(claire, claire) != 0 {
		t.Error("a record is not equal to itself")
	}
	sample := []*FuzzyRecord{paul, claire, older, claireWritten}
	other := []*FuzzyRecord{claireWritten, older, claire, paul}
	slices.SortFunc(sample, CompareContent)
	slices.SortFunc(other, CompareContent)
	if !slices.Equal(sample, other) {
		t.Error("one sample in two orders sorts two ways")
	}
}

// TestNamesReadSwappedOnlyWhenTheyAgree: names are read swapped when a
// name agrees that way (a given name written as the surname), not because
// they disagree less that way. Camille Roy and a Lucas with no surname,
// on one family email, are two given names apart: the first name weighs
// against them, and the reviewer is not told of a swap.
func TestNamesReadSwappedOnlyWhenTheyAgree(t *testing.T) {
	m := DefaultFuzzyModel()
	email := []string{"famille.roy@example.fr"}
	s := m.Score(rec("a", "Camille", "Roy", "", Address{}, email, nil), rec("b", "Lucas", "", "", Address{}, email, nil))
	if s.NamesSwapped || s.Level(CompareFirstName) != LevelDifferent || s.Level(CompareLastName) != LevelMissing {
		t.Errorf("Camille Roy / Lucas: swapped %v, first name %q, surname %q; want in order, different, missing",
			s.NamesSwapped, s.Level(CompareFirstName), s.Level(CompareLastName))
	}
	// One name, written in the other field: read swapped.
	s = m.Score(rec("a", "Camille", "Roy", "", Address{}, email, nil), rec("b", "", "Camille", "", Address{}, email, nil))
	if !s.NamesSwapped || s.Level(CompareFirstName) != LevelExact {
		t.Errorf("Camille Roy / (surname) Camille: swapped %v, first name %q; want swapped and the same", s.NamesSwapped, s.Level(CompareFirstName))
	}
}

// TestEmailOfANameWithAnApostrophe: two namesakes whose addresses are
// their names, O'Brien written joined (johnobrien, john_obrien, John
// being Jack's name in full): the addresses agree on nothing the names
// have not said. Split into o and brien, the surname left "johno" in
// both, a handle they seemed to share.
func TestEmailOfANameWithAnApostrophe(t *testing.T) {
	m := DefaultFuzzyModel()
	sc := m.Score(rec("a", "Jack", "O'Brien", "", Address{}, []string{"johnobrien@att.net"}, nil),
		rec("b", "Jack", "O'Brien", "", Address{}, []string{"john_obrien@icloud.com"}, nil))
	if got := fieldOf(t, sc, CompareEmail); got.Weight > 0 {
		t.Errorf("johnobrien and john_obrien of two Jack O'Briens: %s weighs %.2f, want nothing for the match", got.Level, got.Weight)
	}
	if v := newEmailValue("jeanluc.dupont@example.fr", newNameValue("Jean-Luc"), newNameValue("Dupont")); v.residue != "" {
		t.Errorf("jeanluc.dupont for Jean-Luc Dupont leaves %q, want nothing", v.residue)
	}
}

// TestSurnameFirstHousehold: Han Min-seo and Han Min-jun, a sister and a
// brother written surname first: their family name weighs as the surname
// it is, as common as the file's surnames say, and their home does not
// count for two given names.
func TestSurnameFirstHousehold(t *testing.T) {
	home := Address{Line1: "27 Finch Ave W", PostalCode: "M2N 2G8", City: "Toronto"}
	model := func(surnames map[string]float64) FuzzyModel {
		m := DefaultFuzzyModel()
		m.Frequencies = map[Comparison]map[string]float64{CompareLastName: surnames, CompareFirstName: {"minseo": 0.002, "minjun": 0.002}}
		m.RareFrequency = map[Comparison]float64{CompareFirstName: 0.0001, CompareLastName: 0.0001}
		return m
	}
	score := func(m FuzzyModel, a1, a2, b1, b2 string) FuzzyScore {
		return m.Score(rec("a", a1, a2, "", home, []string{"mshan@example.com"}, nil), rec("b", b1, b2, "", home, []string{"minjun.h@example.com"}, nil))
	}
	weight := func(s FuzzyScore, c Comparison) float64 {
		for _, f := range s.Fields {
			if f.Field == c {
				return f.Weight
			}
		}
		return 0
	}
	common, rare := score(model(map[string]float64{"han": 0.01}), "Han", "Min-seo", "Han", "Min-jun"), score(model(map[string]float64{}), "Han", "Min-seo", "Han", "Min-jun")
	if weight(common, CompareFirstName) >= weight(rare, CompareFirstName) {
		t.Errorf("Han in the first-name box weighs %.2f where the file's surnames hold it often, %.2f where they do not", weight(common, CompareFirstName), weight(rare, CompareFirstName))
	}
	if weight(common, CompareAddress) != 0 {
		t.Errorf("the home counted for two given names: %+v", common.Fields)
	}
	if one := score(model(map[string]float64{"han": 0.01}), "Han", "Minseo", "HAN", "Min-seo"); one.Weight < DefaultFuzzyThreshold {
		t.Errorf("Han Minseo and HAN Min-seo at one home weigh %.2f (%+v): one person", one.Weight, one.Fields)
	}
}
