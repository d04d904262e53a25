package loadgen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"dedupe/matcher"
)

// Region is the phone region of the tenants loadgen creates: the synthetic
// numbers are French mobiles, written the ways French customers write them.
const Region = "FR"

// firstNames and lastNames are the name lists people are drawn from; a
// suffix of letters is added to some to vary them further. Letters only:
// matcher.FoldName drops everything else, so "Camille2" would fold to the
// same name as "Camille".
var firstNames = strings.Fields(`
	Camille Léa Manon Chloé Emma Inès Jade Louise Alice Lina Rose Anna Zoé Mila Ambre Julia Lucie Juliette
	Clara Eva Romane Sarah Margaux Mathilde Pauline Marion Hélène Claire Agathe Élise Charlotte Victoire
	Justine Noémie Océane Laura Audrey Aurélie Céline Sandrine Nathalie Isabelle Sylvie Valérie Amandine
	Gabriel Louis Raphaël Jules Adam Lucas Léo Hugo Arthur Nathan Liam Ethan Paul Tom Sacha Noah Gabin
	Nolan Enzo Mohamed Aaron Théo Victor Martin Maxime Antoine Thomas Nicolas Julien Alexandre Baptiste
	Quentin Romain Florian Guillaume Sébastien Olivier Philippe Laurent Stéphane Frédéric Benoît Yannick
	Mathis Timéo Axel Malo Clément Bastien Damien Jérôme Cédric Grégoire Xavier Yves Rémi Fabien
	Aïcha Fatou Yasmine Nadia Karim Mehdi Sofiane Ibrahim Youssef Amine Bilal Rayan Wassim Samir
	Kevin Dylan Jordan Steven Jessica Jennifer Cindy Priscilla Ophélie Mélanie Morgane Gwendoline Solène`)

var lastNames = strings.Fields(`
	Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel
	Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont Lambert Bonnet
	François Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel Nicolas Perrin
	Morin Mathieu Clément Gauthier Dumont Lopez Fontaine Chevalier Robin Masson Sanchez Gérard Nguyen
	Boyer Denis Lemaire Duval Joly Gautier Roger Roche Roy Noël Meyer Lucas Meunier Jean Perez Marchand
	Dufour Blanchard Marie Barbier Brun Dumas Brunet Schmitt Leroux Colin Fernandez Pierre Renard Arnaud
	Rolland Caron Aubert Giraud Leclerc Vidal Bourgeois Renaud Lemoine Picard Gaillard Philippe Leclercq
	Lacroix Fabre Dupuis Olivier Rodriguez Dacosta Rivière Lebrun Hubert Carpentier Benoît Tessier
	Kowalski Benali Haddad Traoré Diallo Ferreira Rossi Schneider Weber Hoffmann Lebreton Kerjean`)

// nameSuffixes vary the listed names; most names keep no suffix.
var nameSuffixes = []string{"", "", "", "", "", "a", "e", "o", "ine", "ette", "an", "el", "ie", "is"}

var emailDomains = []string{"example.com", "example.fr", "example.org", "exemple.fr", "mail.example", "courriel.example"}

// person is one synthetic customer: the truth loadgen measures against.
type person struct {
	first, last string // as the person spells them
	email       string // lower case; shared with the household head when shared
	mobile      string // national format, digits only: 0612345678
	birth       string // YYYY-MM-DD or empty
	sharesEmail bool   // books with a family member's email
	phoneStyle  int    // how this person usually writes the number
}

// householdSize is how many consecutive people form a household: they
// share a surname, and the members after the first may book with the
// first's email (a family email). It stays below the default shared-value
// threshold (5), so a family email remains a match key.
const householdSize = 4

// population generates people on demand. Person i is always the same
// person: the seed of a run picks who books and how they type, never who
// people are, so runs with other seeds against one tenant meet the same
// customers again (and a returning customer's profile from an earlier run
// is the right one). Only the shared-email rate changes people: keep it
// for runs against one tenant. Person i does not depend on the order of
// the calls either, so a run is reproducible whatever its concurrency.
type population struct {
	sharedEmail float64
	cache       map[int]person
}

// populationSeed seeds the people.
const populationSeed = 0x64656475706521

func newPopulation(sharedEmail float64) *population {
	return &population{sharedEmail: sharedEmail, cache: map[int]person{}}
}

// person returns person i.
func (p *population) person(i int) person {
	if pe, ok := p.cache[i]; ok {
		return pe
	}
	h := i / householdSize
	members := p.household(h)
	for k, pe := range members {
		p.cache[h*householdSize+k] = pe
	}
	return members[i%householdSize]
}

// household generates the people of household h together, so their first
// names can be chosen far apart: the name guard must keep a family email's
// members apart even after a typo in each name.
func (p *population) household(h int) []person {
	rng := rand.New(rand.NewPCG(populationSeed, uint64(h)*0x9e3779b97f4a7c15+1))
	last := pick(rng, lastNames) + suffix(rng)
	domain := pick(rng, emailDomains)
	var firsts []string
	for len(firsts) < householdSize {
		f := pick(rng, firstNames) + suffix(rng)
		ok := true
		for _, g := range firsts {
			if !apart(f, g) {
				ok = false
				break
			}
		}
		if ok {
			firsts = append(firsts, f)
		}
	}
	out := make([]person, householdSize)
	for k := range out {
		i := h*householdSize + k
		pe := person{first: firsts[k], last: last, mobile: mobileNumber(i), phoneStyle: rng.IntN(len(phoneStyles))}
		pe.email = emailFor(rng, pe.first, pe.last, i, domain)
		if rng.Float64() < 0.4 {
			pe.birth = fmt.Sprintf("%04d-%02d-%02d", 1950+rng.IntN(55), 1+rng.IntN(12), 1+rng.IntN(28))
		}
		if k > 0 && rng.Float64() < p.sharedEmail {
			pe.email, pe.sharesEmail = out[0].email, true
		}
		out[k] = pe
	}
	return out
}

// apart reports whether two first names stay incompatible for the name
// guard even when each carries a one-letter typo: not compatible now, and
// either too short for the guard's typo rule (under four letters) or at
// least five edits apart.
func apart(a, b string) bool {
	if matcher.NamesCompatible(a, b) {
		return false
	}
	fa, fb := matcher.FoldName(a), matcher.FoldName(b)
	if min(utf8.RuneCountInString(fa), utf8.RuneCountInString(fb)) < 4 {
		return true
	}
	return matcher.EditDistance(fa, fb) >= 5
}

func pick(rng *rand.Rand, list []string) string { return list[rng.IntN(len(list))] }

func suffix(rng *rand.Rand) string { return nameSuffixes[rng.IntN(len(nameSuffixes))] }

// emailFor makes a person's address from their name in one of the shapes
// people use, with a tag unique to the person so no two people share an
// address by accident.
func emailFor(rng *rand.Rand, first, last string, i int, domain string) string {
	f, l := matcher.FoldName(first), matcher.FoldName(last)
	var local string
	switch rng.IntN(5) {
	case 0:
		local = f + "." + l
	case 1:
		local = f + "_" + l
	case 2:
		local = f[:1] + l
	case 3:
		local = f + l
	default:
		local = l + "." + f
	}
	return local + "." + tag(i) + "@" + domain
}

// tag spells i in base 36 after scrambling it, so neighbours' addresses do
// not differ by one character.
func tag(i int) string {
	const mod = 36 * 36 * 36 * 36 * 36 // 60,466,176 people
	x := (uint64(i)*2654435761 + 12345) % mod
	return strconv.FormatUint(x, 36)
}

// mobileDigits are the third digits of French mobile numbers 06 x that
// libphonenumber accepts in full (063 and 069 only in part).
var mobileDigits = []byte("01245678")

// mobileNumber gives person i a French mobile number of its own: i is
// scrambled by a bijection of the 80 million numbers 060, 061, 062, 064 …
// 068 + 7 digits, so neighbours' numbers are not one digit apart (a fuzzy
// candidate), and no two people share one. Prefilled customer files use
// 075-079, so they never collide with these.
func mobileNumber(i int) string {
	const n = 8 * 10_000_000
	x := (uint64(i)*48271 + 7_654_321) % n
	num := fmt.Sprintf("06%c%07d", mobileDigits[x/10_000_000], x%10_000_000)
	if matcher.Placeholder(matcher.Key{Kind: matcher.FieldMobile, Value: "+33" + num[1:]}) {
		// one of the eight numbers whose last digits repeat: use 073 instead
		num = fmt.Sprintf("073%07d", i%10_000_000)
	}
	return num
}

// phoneStyles are the ways one number is written, all equal once
// normalised with region FR.
var phoneStyles = []func(national string) string{
	func(n string) string { return n },                                            // 0612345678
	func(n string) string { return spaced(n, " ") },                               // 06 12 34 56 78
	func(n string) string { return "+33" + n[1:] },                                // +33612345678
	func(n string) string { return spaced(n, ".") },                               // 06.12.34.56.78
	func(n string) string { return "+33 " + n[1:2] + " " + spaced(n[2:], " ") },   // +33 6 12 34 56 78
	func(n string) string { return "0033 " + n[1:2] + " " + spaced(n[2:], " ") },  // 0033 6 12 34 56 78
	func(n string) string { return strings.ReplaceAll(spaced(n, " "), " ", "-") }, // 06-12-34-56-78
	func(n string) string { return "(+33) " + n[1:2] + " " + spaced(n[2:], " ") }, // (+33) 6 12 34 56 78
}

// spaced writes digits in pairs separated by sep.
func spaced(digits, sep string) string {
	var b strings.Builder
	for i := 0; i < len(digits); i += 2 {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(digits[i:min(i+2, len(digits))])
	}
	return b.String()
}

// letterTypo changes one letter of a name, never the first (people rarely
// get their initial wrong): a typo of one letter.
func letterTypo(rng *rand.Rand, name string) string {
	r := []rune(name)
	if len(r) < 2 {
		return name
	}
	pos := 1 + rng.IntN(len(r)-1)
	was := matcher.FoldName(string(r[pos]))
	for {
		c := rune('a' + rng.IntN(26))
		if string(c) != was {
			r[pos] = c
			return string(r)
		}
	}
}

// emailTypo changes how an address is typed, not what it is: capitals and
// spaces around it.
func emailTypo(rng *rand.Rand, email string) string {
	switch rng.IntN(4) {
	case 0:
		return strings.ToUpper(email)
	case 1:
		return " " + email + " "
	case 2:
		local, domain, _ := strings.Cut(email, "@")
		return titleWords(local) + "@" + strings.ToUpper(domain[:1]) + domain[1:]
	default:
		return strings.ToUpper(email[:1]) + email[1:] + " "
	}
}

// titleWords capitalises the first letter of each dot-separated word.
func titleWords(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, ".")
}

// FirstNames returns a copy of the first names people are drawn from.
func FirstNames() []string { return slices.Clone(firstNames) }

// LastNames returns a copy of the last names people are drawn from.
func LastNames() []string { return slices.Clone(lastNames) }

// LastNameOf returns the last name person i (Sent.Person) spells, before
// any typo of the load.
func LastNameOf(i int) string { return newPopulation(0).person(i).last }
