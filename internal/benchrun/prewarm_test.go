package main

import "testing"

func TestQuarterOfTheMemory(t *testing.T) {
	for _, c := range []struct {
		total int64
		want  string
	}{
		{24 << 30, "6144MB"},
		{23_000_000 << 10, "5615MB"}, // what /proc/meminfo reports of 24 GB
		{8 << 30, "2048MB"},
		{2 << 30, "512MB"}, // never under the 512 MB of a small server
		{0, "512MB"},       // no /proc/meminfo
	} {
		if got := quarterOf(c.total); got != c.want {
			t.Errorf("quarterOf(%d) = %s, want %s", c.total, got, c.want)
		}
	}
}
