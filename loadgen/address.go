package loadgen

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"dedupe/matcher"
)

// streetType is a kind of street with the abbreviations people write for
// it.
type streetType struct {
	name   string
	short  []string
	weight int
}

var streetTypes = []streetType{
	{"rue", []string{"r.", "r"}, 55}, {"avenue", []string{"av.", "av", "ave"}, 15},
	{"boulevard", []string{"bd", "bld", "boul."}, 7}, {"place", []string{"pl.", "pl"}, 4},
	{"allée", []string{"all.", "allee"}, 5}, {"chemin", []string{"ch.", "chem."}, 5},
	{"impasse", []string{"imp.", "imp"}, 4}, {"route", []string{"rte", "rte."}, 3}, {"quai", []string{"qu.", "q."}, 2},
}

var streetTypeCum = func() []int {
	var cum []int
	sum := 0
	for _, t := range streetTypes {
		sum += t.weight
		cum = append(cum, sum)
	}
	return cum
}()

// streetNames are the names French streets share from town to town.
var streetNames = strings.Split("de la République|Victor Hugo|Jean Jaurès|Pasteur|de la Gare|du Général de Gaulle|"+
	"des Écoles|de l'Église|du Moulin|des Lilas|Jules Ferry|Gambetta|Voltaire|de la Paix|du Château|des Peupliers|"+
	"Saint-Martin|de Verdun|de la Mairie|du Stade|Émile Zola|Carnot|Anatole France|de la Liberté|des Tilleuls|"+
	"du 8 Mai 1945|Jean Moulin|Louis Pasteur|de Paris|Nationale|des Roses|de Bretagne|des Acacias|Saint-Exupéry|"+
	"Pierre Curie|Marcel Pagnol|Albert Camus|des Érables|de Lattre de Tassigny|Foch|Clemenceau|du Maréchal Leclerc|"+
	"de la Fontaine|des Vignes|du Port|Saint-Jacques|des Prés|du Lavoir|de la Croix|Sainte-Anne", "|")

// bigCities are (postal code, city) of the large towns; Paris, Lyon and
// Marseille by arrondissement.
var bigCities = func() [][2]string {
	var c [][2]string
	for a := 1; a <= 20; a++ {
		c = append(c, [2]string{fmt.Sprintf("750%02d", a), "Paris"})
	}
	for a := 1; a <= 9; a++ {
		c = append(c, [2]string{fmt.Sprintf("6900%d", a), "Lyon"})
	}
	for a := 1; a <= 16; a++ {
		c = append(c, [2]string{fmt.Sprintf("130%02d", a), "Marseille"})
	}
	for _, s := range strings.Split("31000 Toulouse|06000 Nice|44000 Nantes|67000 Strasbourg|34000 Montpellier|"+
		"33000 Bordeaux|59000 Lille|35000 Rennes|51100 Reims|42000 Saint-Étienne|76600 Le Havre|83000 Toulon|"+
		"38000 Grenoble|21000 Dijon|49000 Angers|30000 Nîmes|69100 Villeurbanne|63000 Clermont-Ferrand|72000 Le Mans|"+
		"13090 Aix-en-Provence|29200 Brest|37000 Tours|80000 Amiens|87000 Limoges|74000 Annecy|66000 Perpignan|"+
		"92100 Boulogne-Billancourt|57000 Metz|25000 Besançon|45000 Orléans|93200 Saint-Denis|76000 Rouen|"+
		"95100 Argenteuil|93100 Montreuil|68100 Mulhouse|14000 Caen|54000 Nancy", "|") {
		code, city, _ := strings.Cut(s, " ")
		c = append(c, [2]string{code, city})
	}
	return c
}()

// address draws a household's address: 45% in a large town, the others in
// one of some 40,000 made-up communes (a postal code always has the same
// name); half the streets have a common name, the others a person's.
func (g *fileGen) address() matcher.Address {
	rng := g.rng
	a := matcher.Address{Country: "FR"}
	if rng.IntN(100) < 45 {
		c := bigCities[rng.IntN(len(bigCities))]
		a.PostalCode, a.City = c[0], c[1]
	} else {
		dept := 1 + rng.IntN(95)
		if dept == 20 { // Corsica's codes are 20xxx, its departments 2A and 2B
			dept = 29
		}
		code := dept*1000 + rng.IntN(100)*10
		a.PostalCode, a.City = fmt.Sprintf("%05d", code), communeName(code)
	}
	t := streetTypes[0]
	for i, w := 0, rng.IntN(streetTypeCum[len(streetTypeCum)-1]); i < len(streetTypes); i++ {
		if w < streetTypeCum[i] {
			t = streetTypes[i]
			break
		}
	}
	var street string
	switch r := rng.IntN(10); {
	case r < 5:
		street = streetNames[rng.IntN(len(streetNames))]
	case r < 8:
		street = fileFirstNames.draw(rng) + " " + fileSurnames.draw(rng)
	default:
		street = "des " + tailSurname(rng.IntN(5000))
	}
	number := 1 + int(rng.ExpFloat64()*30)
	num := strconv.Itoa(min(number, 400))
	if rng.IntN(30) == 0 {
		num += []string{" bis", " ter"}[rng.IntN(2)]
	}
	a.Line1 = num + " " + t.name + " " + street
	if rng.IntN(100) < 12 {
		a.Line2 = []string{"Apt " + strconv.Itoa(1+rng.IntN(60)), "Bât. " + string(rune('A'+rng.IntN(6))),
			"Résidence les Pins", "Escalier " + strconv.Itoa(1+rng.IntN(4))}[rng.IntN(4)]
	}
	return a
}

// communeName is the made-up commune of a postal code.
func communeName(code int) string {
	x := scramble(code, 1_000_000)
	name := tailSurname(x % 60_000)
	switch x % 7 {
	case 0:
		return "Saint-" + name
	case 1:
		return name + "-sur-" + tailSurname(x/7%60_000)
	}
	return name
}

// addressVariant writes the same address otherwise, as another person at
// the same desk would: the street type abbreviated (or spelt out), the
// number written otherwise, capitals, no accents, "Saint" as "St". It
// changes at least one thing.
func addressVariant(rng *rand.Rand, a matcher.Address) matcher.Address {
	for {
		v := a
		for range 1 + rng.IntN(2) {
			switch rng.IntN(5) {
			case 0:
				v.Line1 = respellStreetType(rng, v.Line1)
			case 1:
				v.Line1 = respellNumber(rng, v.Line1)
			case 2:
				v.Line1, v.City = strings.ToUpper(v.Line1), strings.ToUpper(v.City)
			case 3:
				v.Line1, v.City = stripAccents(v.Line1), stripAccents(v.City)
			default:
				v.Line1 = strings.Replace(v.Line1, "Saint-", "St ", 1)
				v.City = strings.Replace(v.City, "Saint-", "St-", 1)
			}
		}
		if v != a {
			return v
		}
	}
}

// respellStreetType abbreviates the street type of line, or spells out an
// abbreviation.
func respellStreetType(rng *rand.Rand, line string) string {
	words := strings.Fields(line)
	for i, w := range words {
		for _, t := range streetTypes {
			if strings.EqualFold(w, t.name) {
				words[i] = t.short[rng.IntN(len(t.short))]
				return strings.Join(words, " ")
			}
			for _, s := range t.short {
				if strings.EqualFold(w, s) {
					words[i] = t.name
					return strings.Join(words, " ")
				}
			}
		}
	}
	return line
}

// respellNumber writes the street number otherwise: "12," "n°12" "12bis".
func respellNumber(rng *rand.Rand, line string) string {
	num, rest, _ := strings.Cut(line, " ")
	if strings.HasPrefix(rest, "bis ") || strings.HasPrefix(rest, "ter ") {
		return num + rest[:3] + rest[3:] // "12 bis rue" → "12bis rue"
	}
	switch rng.IntN(3) {
	case 0:
		return num + ", " + rest
	case 1:
		return "n°" + num + " " + rest
	default:
		return "N° " + num + " " + rest
	}
}

// stripAccents drops the accents of s, keeping its letters' case.
func stripAccents(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
