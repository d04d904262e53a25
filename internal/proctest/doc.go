// Package proctest runs the server processes that tests start for
// themselves: it starts one with its output appended to a log file, waits
// until it is ready, quotes the end of its log when it fails, and picks free
// loopback ports.
//
// It holds what [dedupe/internal/postgrestest] and
// [dedupe/internal/redistest] share, and knows nothing of either server:
// which binary to run, how to tell that it is ready and how to stop it are
// the caller's. Like them, it is for tests and local tooling only and must
// not be imported by production code.
package proctest
