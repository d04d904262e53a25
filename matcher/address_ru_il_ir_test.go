package matcher

import "testing"

// TestAddressOtherDigits: an address written with Persian, Arabic-Indic
// or full-width digits reads as the same address with ASCII ones.
func TestAddressOtherDigits(t *testing.T) {
	for _, pair := range [][2]Address{
		{{Line1: "۱۲ Valiasr St", PostalCode: "۱۲۳۴۵-۶۷۸۹۰", City: "Tehran", Country: "IR"},
			{Line1: "12 Valiasr St", PostalCode: "12345-67890", City: "Tehran", Country: "IR"}},
		{{Line1: "١٥ شارع التحرير", PostalCode: "١١٥١١", City: "القاهرة", Country: "EG"},
			{Line1: "15 شارع التحرير", PostalCode: "11511", City: "القاهرة", Country: "EG"}},
		{{Line1: "１２ Main St", PostalCode: "１００-０００１", Country: "JP"}, {Line1: "12 Main St", PostalCode: "100-0001", Country: "JP"}},
	} {
		if a, b := newAddressValue(pair[0]), newAddressValue(pair[1]); a != b {
			t.Errorf("%+v reads %+v, %+v reads %+v", pair[0], a, pair[1], b)
		}
	}
}

// TestRussianAddressesAndTowns: a Russian line reads without its kind of
// street wherever it is written (ул. Тверская, Тверская ул., Tverskaya
// St), its town without its г., and a town's name in another language or
// script as the town's own (Moscow, Москва; TLV, תל אביב; Teheran, تهران;
// KL; Zuerich).
func TestRussianAddressesAndTowns(t *testing.T) {
	same := [][2]Address{
		{{Line1: "ул. Тверская, д. 7, кв. 15", City: "Москва", PostalCode: "125009", Country: "RU"},
			{Line1: "Тверская ул., д. 7, кв. 15", City: "г. Москва", PostalCode: "125009", Country: "RU"}},
		{{Line1: "ул. Тверская, д. 7, кв. 15", City: "Москва", PostalCode: "125009", Country: "RU"},
			{Line1: "Tverskaya St 7, apt 15", City: "Moscow", PostalCode: "125009", Country: "RU"}},
		{{Line1: "пр-т Мира, д. 12, кв. 40", City: "Москва", PostalCode: "129090", Country: "RU"},
			{Line1: "проспект Мира, д. 12, кв. 40", City: "Москва", PostalCode: "129090", Country: "RU"}},
		{{Line1: "Ленинградское ш., д. 5", City: "Москва", Country: "RU"}, {Line1: "Ленинградское шоссе, д. 5", City: "Moscow", Country: "RU"}},
		{{Line1: "Тверская улица, дом 7, квартира 15", City: "Москва", Country: "RU"}, {Line1: "ул. Тверская, д. 7, кв. 15", City: "г Москва", Country: "RU"}},
		{{Line1: "Rothschild Blvd 12", City: "TLV", Country: "IL"}, {Line1: "Rothschild Blvd 12", City: "Tel Aviv-Yafo", Country: "IL"}},
		{{Line1: "Rothschild Blvd 12", City: "תל אביב", Country: "IL"}, {Line1: "Rothschild Blvd 12", City: "Tel-Aviv", Country: "IL"}},
		{{Line1: "12 Valiasr St", City: "Teheran", Country: "IR"}, {Line1: "12 Valiasr St", City: "تهران", Country: "IR"}},
		{{Line1: "12 Jalan Ampang", City: "KL", Country: "MY"}, {Line1: "12 Jalan Ampang", City: "Wilayah Persekutuan Kuala Lumpur", Country: "MY"}},
		{{Line1: "Bahnhofstrasse 12", City: "Zuerich", Country: "CH"}, {Line1: "Bahnhofstrasse 12", City: "Zürich", Country: "CH"}},
	}
	for _, pair := range same {
		if a, b := newAddressValue(pair[0]), newAddressValue(pair[1]); a != b {
			t.Errorf("%+v reads %+v, %+v reads %+v", pair[0], a, pair[1], b)
		}
	}
	if a, b := newAddressValue(Address{Line1: "ул. Тверская, д. 7", City: "Москва", Country: "RU"}),
		newAddressValue(Address{Line1: "ул. Тверская, д. 9", City: "Москва", Country: "RU"}); a.number == b.number {
		t.Errorf("7 and 9 Tverskaya read as one house: %+v", a)
	}
}
