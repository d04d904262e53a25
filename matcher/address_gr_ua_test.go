package matcher

import "testing"

// TestGreekAndUkrainianAddresses: a Greek line in Greek or Latin letters,
// its avenue abbreviated or in English, its street word written or not;
// a Ukrainian line with its street word in Ukrainian, Russian or none and
// its flat after кв.; Kyiv as Kiev. Another number is another home.
func TestGreekAndUkrainianAddresses(t *testing.T) {
	at := func(line1, postal, city, country string) Address {
		return Address{Line1: line1, PostalCode: postal, City: city, Country: country}
	}
	for _, tt := range []struct {
		a, b Address
		want Level
	}{
		{at("Λεωφόρος Συγγρού 45", "117 45", "Αθήνα", "GR"), at("Leof. Syngrou 45", "11745", "Athens", "GR"), LevelExact},
		{at("Λεωφ. Συγγρού 45", "117 45", "Αθήνα", "GR"), at("Syngrou Ave 45", "11745", "Athina", "GR"), LevelExact},
		{at("Οδός Ερμού 12", "105 63", "Αθήνα", "GR"), at("Ermou 12", "10563", "Athens", "GR"), LevelExact},
		{at("Ερμού 12", "105 63", "Αθήνα", "GR"), at("Ermou 14", "10563", "Athens", "GR"), LevelStreet},
		{at("вул. Хрещатик, 22, кв. 5", "01001", "Київ", "UA"), at("вулиця Хрещатик 22 кв 5", "01001", "Kiev", "UA"), LevelExact},
		{at("ул. Хрещатик 22", "01001", "Киев", "UA"), at("Хрещатик, 22", "01001", "Kyiv", "UA"), LevelExact},
		{at("просп. Перемоги 10", "03056", "Київ", "UA"), at("проспект Перемоги 12", "03056", "Київ", "UA"), LevelStreet},
	} {
		if got := compareAddresses(newAddressValue(tt.a), newAddressValue(tt.b)); got != tt.want {
			t.Errorf("%q / %q = %q, want %q", tt.a.Line1, tt.b.Line1, got, tt.want)
		}
	}
}

// TestGreekAndUkrainianHomesCompleted: a later booking for the same home,
// written in the other alphabet or with less, completes the stored
// address rather than replace it.
func TestGreekAndUkrainianHomesCompleted(t *testing.T) {
	for _, tt := range []struct {
		booking, stored Address
		region          string
	}{
		{Address{Line1: "Velyka Vasylkivska St, 112", City: "Kyiv"},
			Address{Line1: "вул. Велика Васильківська, 112", PostalCode: "03150", City: "м. Київ"}, "UA"},
		{Address{Line1: "Ερμού 120", PostalCode: "105 63", City: "Αθήνα"},
			Address{Line1: "Ερμού 120", Line2: "3ος όροφος", PostalCode: "ΤΚ 10563", City: "Αθήνα"}, "GR"},
	} {
		got, same := tt.booking.CompletedBy(tt.stored, tt.region)
		if !same || got.PostalCode != tt.stored.PostalCode || got.Line2 != tt.stored.Line2 {
			t.Errorf("%s on %s: %s, same home %t; want the stored address kept", tt.booking, tt.stored, got, same)
		}
	}
}
