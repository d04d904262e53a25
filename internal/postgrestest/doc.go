// Package postgrestest starts throwaway PostgreSQL servers for tests, without
// Docker, modelled on zombiezen.com/go/postgrestest.
//
// A [Server] owns a fresh data directory made by initdb and one postmaster
// listening on 127.0.0.1 at a free port, tuned for speed rather than
// durability (fsync, synchronous_commit and full_page_writes are off);
// [StartWith] with [Options.Durable] starts one as crash-safe as production,
// for benchmarks. The usual pattern is to start one server per test binary
// from TestMain, migrate a template database once, and give each test its
// own copy with [Server.NewDatabase]:
//
//	func TestMain(m *testing.M) {
//		ctx := context.Background()
//		srv, err := postgrestest.Start(ctx)
//		if err != nil {
//			fmt.Fprintln(os.Stderr, err)
//			os.Exit(1)
//		}
//		// ... CreateDatabase(ctx, "template_dedupe", ""), migrate it, close the pool ...
//		code := m.Run()
//		srv.Close()
//		os.Exit(code)
//	}
//
// The package runs the server binaries found through pg_config (or under
// /usr/lib/postgresql/*/bin). It never skips: when they are missing, [Start]
// fails and says that `make deps` installs them. Because initdb and postgres
// refuse to run as root, a test running as root runs them as the "postgres"
// OS user. The postmaster is killed by the kernel when the test binary dies,
// so a crashed test leaves no server behind (its temporary directories may
// remain in /tmp).
//
// This package is for tests and local tooling only: it must not be imported
// by production code, and it knows nothing of the dedupe schema.
package postgrestest
