# dedupe — build, run and test on one machine.
# `make` (or `make help`) lists the targets; each documents itself with `## `.

GO    ?= go
GOFMT ?= $(shell $(GO) env GOROOT)/bin/gofmt
BIN   ?= bin/dedupe
# `make chaos`: how long the load runs; CHAOS_SEED replays a run's faults and
# requests (default: drawn and printed), CHAOS_RATE is requests per second.
CHAOS_DURATION ?= 5m
CHAOS_SEED     ?=
CHAOS_RATE     ?= 120
# `make bench-fuzzy`: distinct people in the synthetic customer file (the
# planted duplicates, one person in ten, come on top); FUZZYFLAGS passes
# more flags (--json, --kinds precision, --seed N; `go run ./internal/fuzzybench -h`).
FUZZY_PROFILES ?= 100000
FUZZYFLAGS     ?=

# The OS packages the tests and `make run` need, as "command-to-look-for:package".
# PostgreSQL is looked for by its server binaries, not by pg_config, which
# libpq-dev alone also installs. promtool (package prometheus) checks the
# alert rules in deploy/. curl runs the commands `make run` prints, and the
# test that proves they work (cmd/dedupe/makerun_test.go). chromium drives
# the review page's browser test.
DEPS := redis-server:redis-server docker-compose:docker-compose promtool:prometheus curl:curl chromium:chromium

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

.PHONY: help deps build run test chaos lint bench bench-10m bench-go bench-search bench-fuzzy clean clean-data

help: ## list the targets (default)
	@echo "usage: make TARGET"
	@awk 'BEGIN { FS = ":.*## " } /^[a-zA-Z0-9_-]+:.*## / { printf "  %-11s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

deps: ## install the missing OS packages (PostgreSQL, Redis, docker-compose, promtool, curl, chromium) with apt-get
	@missing=""; \
	for dep in $(DEPS); do \
		command -v "$${dep%%:*}" >/dev/null || missing="$$missing $${dep#*:}"; \
	done; \
	pgbin=$$(pg_config --bindir 2>/dev/null || true); \
	if ! [ -x "$$pgbin/initdb" ] && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then \
		missing="$$missing postgresql"; \
	fi; \
	if [ -z "$$missing" ]; then echo "deps: all present"; exit 0; fi; \
	echo "deps: installing$$missing"; \
	if ! command -v apt-get >/dev/null; then \
		echo "deps: no apt-get here; install$$missing with your package manager" >&2; exit 1; \
	fi; \
	sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	$$sudo apt-get update -qq; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing

build: ## build the dedupe binary into bin/
	$(GO) build -o $(BIN) ./cmd/dedupe

run: deps build ## run everything on this machine: local PostgreSQL and Redis in .data/ unless DATABASE_URL / REDIS_URL are set
	BIN=$(BIN) scripts/run.sh

test: deps ## run all tests with the race detector (they start their own PostgreSQL and Redis)
	$(GO) test -race -count=1 -timeout 15m ./...

chaos: deps ## the chaos soak: load, merges and undos while the worker, Redis and PostgreSQL are killed and restarted, then check the database (CHAOS_DURATION=5m, then a drain of up to 4 min)
	DEDUPE_CHAOS_DURATION=$(CHAOS_DURATION) DEDUPE_CHAOS_SEED=$(CHAOS_SEED) DEDUPE_CHAOS_RATE=$(CHAOS_RATE) \
		$(GO) test -tags chaos -run '^TestChaos$$' -count=1 -v -timeout 40m ./cmd/dedupe

lint: ## go vet, staticcheck and errcheck (the chaos soak's files too), and fail if any Go file is not gofmt-formatted
	$(GO) vet ./...
	$(GO) vet -tags chaos ./cmd/dedupe
	$(GO) tool staticcheck ./...
	$(GO) tool staticcheck -tags chaos ./cmd/dedupe
	$(GO) tool errcheck -exclude .errcheck-excludes ./...
	$(GO) tool errcheck -exclude .errcheck-excludes -tags chaos ./cmd/dedupe
	@unformatted=$$(find . \( -path ./.git -o -path ./.data -o -path ./bin \) -prune -o -name '*.go' -print | xargs -r $(GOFMT) -l); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed on:"; echo "$$unformatted"; exit 1; fi

bench: deps ## measure the pipeline against the queue and store bounds on this machine, print a table (~5 min; docs/performance.md)
	$(GO) run ./internal/benchrun $(BENCHFLAGS)

bench-10m: deps ## `make bench` with a 10-million-profile customer file (45–50 minutes, about 40 of them filling the file; more than 55 GB of disk free; BENCHFLAGS=--wal-relations counts the full-page images by relation, and slows each next run at first: leave it off for p99s)
	$(GO) run ./internal/benchrun --file-size 10000000 $(BENCHFLAGS)

bench-search: deps ## the front desk's customer search on a 1-million-profile file: p50 and p99 of one search (~3 min)
	DEDUPE_BENCH_SEARCH_PROFILES=$${DEDUPE_BENCH_SEARCH_PROFILES:-1000000} $(GO) test -run '^$$' -bench BenchmarkSearch -benchtime 4000x -timeout 30m ./store

bench-fuzzy: deps ## precision, recall and cost of the fuzzy candidates on a synthetic customer file with planted duplicates (FUZZY_PROFILES=100000: about a minute; 1000000: about 12)
	$(GO) run ./internal/fuzzybench --profiles $(FUZZY_PROFILES) $(FUZZYFLAGS)

bench-go: deps ## the Go micro-benchmarks of the hot functions (no tests)
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean: ## remove build output (bin/); `make clean-data` also drops the local databases
	rm -rf bin/

clean-data: ## stop the local PostgreSQL and Redis started by `make run` and remove .data/
	scripts/run.sh stop
	rm -rf "$${DEDUPE_DATA_DIR:-.data}"
