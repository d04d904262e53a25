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
