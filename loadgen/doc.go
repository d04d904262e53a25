// Package loadgen is dedupe's load generator: it sends synthetic bookings
// and sales to a running service and measures how fast and how accurately
// they are processed.
//
// It owns a synthetic population whose truth it knows (which bookings
// come from one person, which people are a family sharing an email), the
// pacing of the load, and the report: throughput, latency from acceptance
// to commit, decisions, and dedupe quality measured against that truth
// (pairwise precision and recall of "bookings of one person end on one
// profile", people wrongly merged, review candidates opened).
//
// Three modes reach three depths of the pipeline: "http" posts to the API
// of a running serve or all; "queue" enqueues the worker's task with the
// asynq client, as the API does; "store" calls store.Ingest in-process, the
// worker's own transaction without queue or HTTP (the store bound).
//
// It also generates synthetic customer files (CustomerFile): distinct
// people with a real file's name frequencies, households and French
// addresses, and planted duplicates each labelled with the error it
// carries, the truth internal/fuzzybench measures the fuzzy candidates
// against.
//
// It creates its own tenants (slugs loadgen-<run>-<n>) and reads the truth
// back from PostgreSQL; it never touches other tenants, and Cleanup
// deletes what it created. It is a tool for load tests and benchmarks: the
// service never imports it.
package loadgen
