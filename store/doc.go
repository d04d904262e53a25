// Package store is dedupe's system of record: PostgreSQL through pgx.
//
// It owns the schema (embedded, numbered migrations), the queries and the
// transactions, and translates PostgreSQL errors into the sentinels below in
// one place. The matching policy itself lives in package matcher; the store
// loads what matcher needs, under the right locks, and writes what it
// decides. The store knows nothing of HTTP or of the queue.
package store
