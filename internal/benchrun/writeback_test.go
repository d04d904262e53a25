package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHostWriteback(t *testing.T) {
	dir := t.TempDir()
	write := func(name, value string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(value), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("dirty_expire_centisecs", "3000\n")
	write("dirty_writeback_centisecs", "500\n")
	w, err := hostWriteback(dir)
	if err != nil {
		t.Fatal(err)
	}
	if *w != (Writeback{ExpireCentisecs: 3000, WritebackCentisecs: 500}) {
		t.Errorf("read %+v, want 3000 and 500", *w)
	}
	if s := w.String(); !strings.Contains(s, "30.0 s, every 5.0 s") || !strings.Contains(s, "the kernel's defaults") {
		t.Errorf("defaults described as %q", s)
	}

	write("dirty_expire_centisecs", "300\n")
	write("dirty_writeback_centisecs", "100\n")
	if w, err = hostWriteback(dir); err != nil {
		t.Fatal(err)
	}
	if s := w.String(); !strings.Contains(s, "3.0 s, every 1.0 s") || strings.Contains(s, "defaults") {
		t.Errorf("shortened settings described as %q", s)
	}

	write("dirty_expire_centisecs", "soon\n")
	if _, err := hostWriteback(dir); err == nil {
		t.Error("a value that is not a number read without an error")
	}
	if _, err := hostWriteback(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing directory read without an error")
	}
}
