package matcher

import "testing"

// TestBrazilianAddresses: a Brazilian address is its street, the number
// after it and the flat; the neighbourhood after a dash or on the second
// line is no part of it, R. is rua, Av. avenida, and a CEP is its eight
// digits however it is written.
func TestBrazilianAddresses(t *testing.T) {
	br := func(line1, line2, postal, city string) Address {
		return Address{Line1: line1, Line2: line2, PostalCode: postal, City: city, Country: "BR"}
	}
	checkAddressPairs(t, []addressPair{
		{br("Avenida Brigadeiro Luís Antônio n. 1005 Casa 6", "Penha", "08270-080", "São Paulo"),
			br("Av. Brig. Luís Antônio, 1005, casa 6", "", "08270080", "Sao Paulo"), LevelExact},
		{br("Av. Assis Brasil, 1339 - Menino Deus", "ap 704 bl. 2", "91.769-020", ""),
			br("Avenida Assis Brasil, 1339", "bl 2 ap 704", "91769 020", "Porto Alegre, RS"), LevelExact},
		{br("Rua Grão Mogol, 681", "bl. A Apto 1202", "30377-010", "Belo Horizonte"),
			br("R. Grão Mogol 681", "Apto 1202 bl. A - Santo Antônio", "30377-010", "Belo Horizonte"), LevelExact},
		// The flat on one side only.
		{br("Avenida Jabaquara, 566, ap 301 - Tatuapé", "", "08065-010", "São Paulo"),
			br("Av Jabaquara 566 - Tatuapé", "", "08065-010", "São Paulo"), LevelExact},
		{br("Avda São João, nº 426, apt 13", "Vila Mariana", "03036-060", "São Paulo - SP"),
			br("Avenida São João, 426, apto 13", "", "03036-060", "São Paulo/SP"), LevelExact},
		{br("R Professor Gabizo 567", "", "20311-180", "Rio de Janeiro"),
			br("Rua Prof. Gabizo, 567 - Laranjeiras", "", "20311-180", "Rio de Janeiro"), LevelExact},
		// The kind of street left out.
		{br("Avda Batel, 104", "", "80420-090", "Curitiba"), br("Batel 104", "", "80420-090", "Curitiba"), LevelExact},
		// Two flats of one building, two numbers of one street: neighbours.
		{br("Rua Augusta, 147, apto 22", "", "01305-000", "São Paulo"),
			br("Rua Augusta, 147, apto 31", "", "01305-000", "São Paulo"), LevelStreet},
		{br("Rua Augusta, 147", "", "01305-000", "São Paulo"),
			br("Rua Augusta, 149", "", "01305-000", "São Paulo"), LevelStreet},
		// A street named after a date has its number after it.
		{br("Rua 25 de Março, 1000", "", "01021-200", "São Paulo"),
			br("R. 25 de Março 1000", "loja 3", "01021200", "São Paulo"), LevelExact},
		{br("Rua 25 de Março, 1000", "", "01021-200", "São Paulo"),
			br("Rua 25 de Março, 1020", "", "01021-200", "São Paulo"), LevelStreet},
		// No number (sem número) on either side.
		{br("Estrada das Flores, s/n", "", "13100-000", "Campinas"), br("Estr. das Flores s/n", "", "13100000", "Campinas"), LevelExact},
		// No CEP on one side: the town, written with its state.
		{br("Rua Augusta 147", "", "", "São Paulo - SP"), br("Rua Augusta, 147", "", "01305-000", "São Paulo"), LevelExact},
		{br("Rua Augusta 147", "", "", "Guarulhos-SP"), br("Rua Augusta, 147", "", "07000-000", "Guarulhos"), LevelExact},
	})
	if w := newAddressValue(br("Avenida Paulista 1000 - Bela Vista", "", "01310-100", "São Paulo")).mainWord(); w != "paulista" {
		t.Errorf("Avenida Paulista's main word %q, want paulista", w)
	}
}

// TestPortugueseAddresses: a Portuguese flat is its floor and side (2º
// Esq.), after a comma or a dash, and a postal code is its seven digits.
func TestPortugueseAddresses(t *testing.T) {
	pt := func(line1, postal string) Address {
		return Address{Line1: line1, PostalCode: postal, City: "Lisboa", Country: "PT"}
	}
	checkAddressPairs(t, []addressPair{
		{pt("Rua Augusta 25, 2º Esq.", "1100-048"), pt("R. Augusta, nº 25 - 2º Esquerdo", "1100048"), LevelExact},
		{pt("Av. da Liberdade, 110, 3º Dto", "1250-146"), pt("Avenida Liberdade 110 3 dto", "1250-146"), LevelExact},
		{pt("Rua Augusta 25, 2º Esq.", "1100-048"), pt("Rua Augusta 25, 3º Esq.", "1100-048"), LevelStreet},
		{pt("Rua Augusta 25, 2º Esq.", "1100-048"), pt("Rua Augusta 25, 2º Dto.", "1100-048"), LevelStreet},
	})
}

// TestTownWithoutState: a state or province code written after a town is
// no part of its name; a town whose name ends in two letters keeps them.
func TestTownWithoutState(t *testing.T) {
	for city, want := range map[string]string{
		"São Paulo - SP": "São Paulo", "Porto Alegre/RS": "Porto Alegre", "Austin, TX": "Austin",
		"Guarulhos-SP": "Guarulhos", "Recife, PE": "Recife", "São Paulo": "São Paulo",
		"Saint-Ay": "Saint-Ay", "SAINT-AY": "SAINT-AY", "Frankfurt/M": "Frankfurt/M", "Aix-en-Provence": "Aix-en-Provence",
	} {
		if got := withoutState(city); got != want {
			t.Errorf("withoutState(%q) = %q, want %q", city, got, want)
		}
	}
}

// TestPostalCodeSeparators: a postal code of digits is the same code with
// or without the dashes and dots written inside it, or the country written
// before it.
func TestPostalCodeSeparators(t *testing.T) {
	for _, c := range []struct{ code, country, want string }{
		{"01310-100", "BR", "01310100"}, {"01.310-100", "BR", "01310100"}, {"01310 100", "BR", "01310100"},
		{"CEP 01310-100", "BR", "01310100"}, {"CEP: 01310-100", "BR", "01310100"}, {"1310-100", "BR", "01310100"},
		{"1000-001", "PT", "1000001"}, {"00-950", "PL", "00950"},
		{"SW1A 1AA", "GB", "SW1A1AA"}, {"2406 GD", "NL", "2406GD"}, {"30324-9116", "US", "30324"},
		{"SE-113 45", "SE", "11345"}, {"SE 113 45", "SE", "11345"}, {"DK-8000", "DK", "8000"}, {"N-0369", "NO", "0369"},
		{"D-10115", "DE", "10115"}, {"NL-1011 AB", "NL", "1011AB"}, {"GB1 1AA", "GB", "GB11AA"},
	} {
		if got := normalPostalCode(c.code, c.country); got != c.want {
			t.Errorf("normalPostalCode(%q, %q) = %q, want %q", c.code, c.country, got, c.want)
		}
	}
}
