package api

import (
	"encoding/json"
	"testing"
)

func TestCheckJSONB(t *testing.T) {
	tests := []struct {
		name, raw string
		field     string // "" when the object is fine
	}{
		{"OK", `{"service": "Coupe", "price": 42.5, "n": -1e300, "items": [{"a": "\u00e9\ud83d\ude00 \\u0000"}]}`, ""},
		{"NUL", `{"service": "Co\u0000upe"}`, "booking.service"},
		{"NULInArray", `{"items": [{"x": 1}, {"name": "a\u0000"}]}`, "booking.items[1].name"},
		{"NULInKey", `{"a": {"k\u0000": 1}}`, "booking.a"},
		{"LoneHigh", `{"service": "\ud800"}`, "booking.service"},
		{"LoneHighThenText", `{"service": "\ud800abcdef"}`, "booking.service"},
		{"LoneLow", `{"service": "x\udc00"}`, "booking.service"},
		{"HugeNumber", `{"amount": 1e1000000}`, "booking.amount"},
		{"TinyNumber", `{"amount": 1e-1000000}`, "booking.amount"},
		{"LongNumber", `{"items": [1, 2, 1` + string(make20k()) + `]}`, "booking.items[2]"},
		{"NestedArrays", `{"m": [[1, 2], [3, 1e99999]]}`, "booking.m[1][1]"},
		{"AfterNested", `{"a": {"b": 1}, "c": "\u0000"}`, "booking.c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !json.Valid([]byte(tt.raw)) {
				t.Fatalf("test input is not JSON: %s", tt.raw)
			}
			err := checkJSONB("booking", json.RawMessage(tt.raw))
			switch {
			case tt.field == "" && err != nil:
				t.Fatalf("refused %s: %v", tt.raw, err)
			case tt.field != "" && err == nil:
				t.Fatalf("accepted %s", tt.raw)
			case tt.field != "" && err.Field != tt.field:
				t.Fatalf("field = %q, want %q (%s)", err.Field, tt.field, err.Message)
			}
		})
	}
}

// make20k returns 2,000 zeros: a number of 2,001 digits.
func make20k() []byte {
	b := make([]byte, 2000)
	for i := range b {
		b[i] = '0'
	}
	return b
}
