package matcher

import "testing"

// TestRwandanStreets: Rwanda names its streets by the district's two
// letters, a number and the street's kind (KN 3 Ave), the house's number
// after them, so the street's number is no house number.
func TestRwandanStreets(t *testing.T) {
	rw := func(line1 string) Address { return Address{Line1: line1, City: "Kigali", Country: "RW"} }
	for line, want := range map[string]readAddress{
		"KN 3 Ave 47":      {number: "47", street: "kn 3 avenue"},
		"KN 5 Rd, No 36":   {number: "36", street: "kn 5 road"},
		"KK 15 Rd, No 108": {number: "108", street: "kk 15 road"},
		"KG 541 St 242":    {number: "242", street: "kg 541 street"},
		"KN 3 Avenue, 47":  {number: "47", street: "kn 3 avenue"},
		"47 KN 3 Ave":      {number: "47", street: "kn 3 avenue"},
	} {
		if got := readLines(rw(line)); got != want {
			t.Errorf("%q read %+v, want %+v", line, got, want)
		}
	}
	for _, p := range []struct {
		a, b string
		want Level
	}{
		{"KN 3 Ave 47", "KN 3 Ave 95", LevelStreet},
		{"KN 5 Rd, No 36", "KN 5 Rd, No 204", LevelStreet},
		{"KN 3 Ave 47", "KN 3 Avenue, No 47", LevelExact},
	} {
		if got := compareAddresses(newAddressValue(rw(p.a)), newAddressValue(rw(p.b))); got != p.want {
			t.Errorf("%q and %q: %q, want %q", p.a, p.b, got, p.want)
		}
	}
	// Elsewhere the line reads as before.
	if got := readLines(Address{Line1: "NW 7 St", City: "Miami", Country: "US"}); got.street == "nw 7 street" {
		t.Errorf("a Miami street read as Rwanda's: %+v", got)
	}
}
