package main

import (
	"strings"
	"testing"
)

// An excerpt of a PostgreSQL backend's /proc/PID/smaps: the shared
// buffers in huge pages, then the small System V segment PostgreSQL keeps
// beside them, then a mapping of the binary.
const smapsHuge = `7fcbc1800000-7fcd44600000 rw-s 00000000 00:11 3277371                    /anon_hugepage (deleted)
Size:            6338560 kB
KernelPageSize:     2048 kB
MMUPageSize:        2048 kB
Rss:                   0 kB
7fcd46a3c000-7fcd46a3d000 rw-s 00000000 00:01 4554781                    /SYSV00b0e0c1 (deleted)
Size:                  4 kB
KernelPageSize:        4 kB
MMUPageSize:           4 kB
55d0c1e00000-55d0c2400000 r-xp 00000000 fd:01 1234                       /usr/lib/postgresql/15/bin/postgres
Size:               6144 kB
KernelPageSize:        4 kB
MMUPageSize:           4 kB
`

func TestSharedMemoryPageSize(t *testing.T) {
	small := strings.ReplaceAll(strings.ReplaceAll(smapsHuge, "2048 kB", "4 kB"), "/anon_hugepage", "/dev/zero")
	for _, tc := range []struct {
		name, smaps string
		want        int
	}{
		{"huge pages", smapsHuge, 2048},
		{"small pages", small, 4},
	} {
		got, err := largestMappingPageKB(strings.NewReader(tc.smaps))
		if err != nil || got != tc.want {
			t.Errorf("%s: %d kB, %v; want %d kB", tc.name, got, err, tc.want)
		}
	}
	if _, err := largestMappingPageKB(strings.NewReader("")); err == nil {
		t.Error("an empty smaps read as a page size")
	}
}
