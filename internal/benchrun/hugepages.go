package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// sharedMemoryPageKB is the page size, in kB, in which the PostgreSQL
// backend pid maps its shared memory (the largest of its mappings, the
// shared buffers): 2048 when the server holds them in huge pages, the
// kernel's own page size (4 on x86-64) when not. A large file's inserts
// cost several times as much without huge pages (docs/performance.md,
// section 58), so a run says which it had: PostgreSQL 15 has no
// huge_pages_status to ask, and its default, huge_pages=try, falls back
// to small pages without a word when the host has too few reserved.
func sharedMemoryPageKB(pid int) (int, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/smaps", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return largestMappingPageKB(f)
}

// largestMappingPageKB reads an smaps file and returns the KernelPageSize
// of its largest mapping.
func largestMappingPageKB(r io.Reader) (int, error) {
	var largest, size, largestPage int64
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		// A value that does not parse reads as 0: no mapping, no page.
		switch key {
		case "Size":
			size, _ = parseKB(value)
		case "KernelPageSize":
			if size > largest {
				largest = size
				largestPage, _ = parseKB(value)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	if largestPage == 0 {
		return 0, fmt.Errorf("smaps: no mapping with a page size")
	}
	return int(largestPage), nil
}
