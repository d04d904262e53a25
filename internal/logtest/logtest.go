// Package logtest holds what tests need to read a logger's output.
//
// Like the other test helpers under internal, it is for tests only and must
// not be imported by production code.
package logtest

import (
	"bytes"
	"sync"
)

// Buffer collects log lines that a logger writes from its goroutines while
// the test reads them.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write implements io.Writer.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
