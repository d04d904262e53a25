// Package redistest starts throwaway Redis servers for tests, without Docker.
//
// A [Server] is one redis-server process listening on 127.0.0.1 at a free
// port, with no RDB snapshots and its working directory in a fresh temporary
// directory. With [Options.AOF] it keeps an append-only file there, so fault
// tests can stop or kill Redis, start it again with [Server.Start] and check
// that accepted tasks survived.
//
// The package runs the redis-server found on $PATH. It never skips: when it
// is missing, [Start] fails and says that `make deps` installs it. The server
// is killed by the kernel when the test binary dies, so a crashed test leaves
// no server behind.
//
// This package is for tests and local tooling only: it must not be imported
// by production code, and it knows nothing of asynq or of dedupe's tasks.
package redistest
