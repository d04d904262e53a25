package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Writeback is how the host's kernel writes dirty file pages back to the
// disk: a page once older than ExpireCentisecs, checked every
// WritebackCentisecs. With the kernel's defaults (3000 and 500) the pages
// a run leaves dirty go out in bursts every 30 s, and the commits' WAL
// flushes wait behind them (docs/performance.md, section 80;
// docs/operations.md, "The host's writeback of dirty pages"), so a run
// says which it had.
type Writeback struct {
	ExpireCentisecs    int `json:"dirty_expire_centisecs"`
	WritebackCentisecs int `json:"dirty_writeback_centisecs"`
}

// hostWriteback reads the writeback settings from dir, /proc/sys/vm on
// the host.
func hostWriteback(dir string) (*Writeback, error) {
	var w Writeback
	for name, v := range map[string]*int{
		"dirty_expire_centisecs":    &w.ExpireCentisecs,
		"dirty_writeback_centisecs": &w.WritebackCentisecs,
	} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		if *v, err = strconv.Atoi(strings.TrimSpace(string(data))); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return &w, nil
}

// kernelDefaults reports whether w is Linux's default writeback.
func (w Writeback) kernelDefaults() bool {
	return w.ExpireCentisecs == 3000 && w.WritebackCentisecs == 500
}

func (w Writeback) String() string {
	s := fmt.Sprintf("the host writes back dirty pages older than %.1f s, every %.1f s",
		float64(w.ExpireCentisecs)/100, float64(w.WritebackCentisecs)/100)
	if w.kernelDefaults() {
		s += " (the kernel's defaults; docs/operations.md, The host's writeback of dirty pages)"
	}
	return s
}
