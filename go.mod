module dedupe

go 1.26.8

require (
	github.com/antzucaro/matchr v0.0.0-20221106193745-7bed6ef61ef9 // Double Metaphone codes for the fuzzy name comparisons
	github.com/chromedp/chromedp v0.23.0 // tests only: drives headless Chromium over the review page
	github.com/getkin/kin-openapi v0.153.0 // tests only: checks every request and answer against api/openapi.json (openapi3filter validates OpenAPI 3.1 as JSON Schema 2020-12)
	github.com/google/go-cmp v0.7.0 // tests only: readable diffs of decisions and merges
	github.com/google/uuid v1.6.0 // UUIDv5 task ids (tenant, source, external_id) and row ids
	github.com/hablullah/go-hijri v1.0.2 // the lunar Hijri calendar of Umm al-Qura, from the tables Saudi Arabia publishes: Saudi birth dates (15/08/1405 هـ)
	github.com/hbollon/go-edlib v1.7.0 // optimal-string-alignment (Damerau) distance for names and identifiers: a swap of two neighbouring letters is one slip, the first two included (matchr's OSA counts that one as two)
	github.com/hibiken/asynq v0.26.0
	github.com/hibiken/asynq/x v0.0.0-20211219150637-8dfabfccb3be // asynq's queue metrics exporter; this pseudo-version is the only one published
	github.com/jackc/pgx/v5 v5.12.0
	github.com/mozillazg/go-pinyin v0.21.0 // Chinese characters in Hanyu Pinyin (王伟 is Wang Wei): a dictionary of 41,000 characters' readings, which no rule can replace
	github.com/nyaruka/phonenumbers v1.8.1 // Go port of libphonenumber: E.164 by tenant region, mobile vs fixed line
	github.com/prometheus/client_golang v1.25.0
	github.com/prometheus/client_model v0.6.3 // tests only: read metric values from the registry
	github.com/prometheus/common v0.72.0 // tests only: parse a real /metrics scrape
	github.com/redis/go-redis/v9 v9.23.0
	github.com/standard-webhooks/standard-webhooks/libraries v0.0.1 // tests only: the specification's own Go verifier checks every delivery's signature
	golang.org/x/net v0.62.0 // idna: domains in emails to their ASCII form (matcher/normalize.go)
	golang.org/x/sys v0.49.0 // the benchmark only: the device of PostgreSQL's data directory, for its disk counters (internal/benchrun/disk.go)
	golang.org/x/text v0.43.0 // NFC and accent folding of emails and names; Windows-1252 and CLDR country names in the importer
	golang.org/x/time v0.14.0 // per-token rate limiter (api/ratelimit.go)
)

require (
	github.com/BurntSushi/toml v1.4.1-0.20240526193622-a339e1f7089c // indirect
	github.com/beorn7/perks v1.0.1 // indirect
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/chromedp/cdproto v0.159.0 // indirect
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	github.com/go-openapi/jsonpointer v0.22.5 // indirect
	github.com/go-openapi/swag/jsonname v0.25.5 // indirect
	github.com/gorilla/mux v1.8.0 // indirect
	github.com/hablullah/go-juliandays v1.0.0 // indirect
	github.com/jackc/pgpassfile v1.0.0 // indirect
	github.com/jackc/pgservicefile v0.0.0-20240606120523-5a60cdf6a761 // indirect
	github.com/jackc/puddle/v2 v2.2.3 // indirect
	github.com/kisielk/errcheck v1.30.0 // indirect
	github.com/munnerz/goautoneg v0.0.0-20191010083416-a7dc8b61c822 // indirect
	github.com/prometheus/procfs v0.22.0 // indirect
	github.com/robfig/cron/v3 v3.0.1 // indirect
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3 // indirect
	github.com/spf13/cast v1.10.0 // indirect
	go.uber.org/atomic v1.12.0 // indirect
	go.yaml.in/yaml/v4 v4.0.0 // indirect
	golang.org/x/exp/typeparams v0.0.0-20231108232855-2478ac86f678 // indirect
	golang.org/x/mod v0.41.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/tools v0.51.0 // indirect
	google.golang.org/protobuf v1.36.12 // indirect
	honnef.co/go/tools v0.8.2 // indirect
)

// make lint runs staticcheck and errcheck at the versions pinned here, so every machine reads the
// same checks; .errcheck-excludes lists the calls whose error errcheck lets go unchecked, and why.
tool (
	github.com/kisielk/errcheck
	honnef.co/go/tools/cmd/staticcheck
)
