package matcher

import "testing"

func TestKeyboardNeighbours(t *testing.T) {
	for _, tt := range []struct {
		x, y rune
		want bool
	}{
		{'m', 'n', true}, {'a', 's', true}, {'q', 'a', true}, {'w', 'a', true}, {'s', 'x', true}, {'g', 'b', true},
		{'a', 'q', true}, {'m', 'l', true}, // AZERTY: q beside a's row, m at the end of the middle row
		{'z', 'u', true}, // QWERTZ
		{'k', 'y', false}, {'e', 'o', false}, {'i', 'a', false}, {'e', 'a', false}, {'d', 'z', false}, {'a', 'a', false}, {'é', 'e', false},
	} {
		if got := keyboardNeighbours(tt.x, tt.y); got != tt.want {
			t.Errorf("keyboardNeighbours(%q, %q) = %v, want %v", tt.x, tt.y, got, tt.want)
		}
	}
}
