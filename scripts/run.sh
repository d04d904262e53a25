#!/usr/bin/env bash
# run.sh — what `make run` does after building bin/dedupe: bring up everything
# dedupe needs on this machine and start it.
#
#   scripts/run.sh        start (or reuse) PostgreSQL and Redis, migrate, create
#                         the demo tenant and a token, print example curls,
#                         then exec `dedupe all`
#   scripts/run.sh stop   stop the PostgreSQL and Redis that it started
#
# DATABASE_URL and REDIS_URL, when set, are used as they are. Otherwise a
# local PostgreSQL and a local Redis (with AOF, as in production) keep their
# data under $DEDUPE_DATA_DIR (default .data/ in the checkout) and keep
# running after dedupe stops, so the next run reuses them; `make clean-data`
# stops them and deletes the data.
#
# Environment: DEDUPE_DATA_DIR, DEDUPE_PG_PORT (55432), DEDUPE_REDIS_PORT
# (56379), DEDUPE_HTTP_ADDR (:8080), BIN (bin/dedupe).
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=${BIN:-bin/dedupe}
PG_PORT=${DEDUPE_PG_PORT:-55432}
REDIS_PORT=${DEDUPE_REDIS_PORT:-56379}
HTTP_ADDR=${DEDUPE_HTTP_ADDR:-:8080}

log() { echo "run: $*" >&2; }
die() { log "$*"; exit 1; }

# data_dir creates the data folder and prints its absolute path.
data_dir() {
	local dir=${DEDUPE_DATA_DIR:-.data}
	mkdir -p "$dir"
	(cd "$dir" && pwd)
}

# pg_bindir prints the directory of the PostgreSQL server binaries.
pg_bindir() {
	local dir
	dir=$(pg_config --bindir 2>/dev/null || true)
	if [[ -x $dir/initdb ]]; then
		echo "$dir"
		return
	fi
	for dir in $(compgen -G '/usr/lib/postgresql/*/bin' | sort -V -r); do
		if [[ -x $dir/initdb ]]; then
			echo "$dir"
			return
		fi
	done
	die "PostgreSQL server binaries (initdb, pg_ctl) not found; \`make deps\` installs them"
}

# as_postgres runs a command as the postgres OS user when we are root, since
# PostgreSQL refuses to run as root, and as ourselves otherwise.
as_postgres() {
	if [[ $(id -u) -eq 0 ]]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# small_machine_settings prints deploy/postgres-small.conf as -c options.
small_machine_settings() {
	sed -e 's/#.*//' -e '/=/!d' -e 's/[[:space:]]*=[[:space:]]*/=/' \
		-e 's/^[[:space:]]*/-c /' -e 's/[[:space:]]*$//' deploy/postgres-small.conf | tr '\n' ' '
}

# start_postgres starts (or reuses) the local server and prints its port.
start_postgres() {
	local bindir pgdata
	bindir=$(pg_bindir)
	pgdata=$DATA/postgres
	if [[ ! -s $pgdata/PG_VERSION ]]; then
		log "initialising PostgreSQL in $pgdata"
		mkdir -p "$pgdata"
		chmod 700 "$pgdata"
		if [[ $(id -u) -eq 0 ]]; then
			chown postgres: "$pgdata"
			as_postgres test -w "$pgdata" ||
				die "the postgres OS user cannot reach $pgdata; set DEDUPE_DATA_DIR to a folder it can reach (e.g. /tmp/dedupe-data) or set DATABASE_URL"
		fi
		as_postgres "$bindir/initdb" --pgdata="$pgdata" --auth=trust --username=postgres \
			--encoding=UTF8 --locale=C >"$DATA/initdb.log" 2>&1 ||
			{ cat "$DATA/initdb.log" >&2; die "initdb failed"; }
	fi
	if as_postgres "$bindir/pg_ctl" status --pgdata="$pgdata" >/dev/null 2>&1; then
		log "reusing the PostgreSQL running in $pgdata"
	else
		log "starting PostgreSQL on 127.0.0.1:$PG_PORT (log: $pgdata/postgres.log)"
		# TCP on loopback only: no unix socket to clash with a system server.
		# And deploy/postgres-small.conf, as wherever PostgreSQL shares a
		# small machine with the service (docs/operations.md).
		as_postgres "$bindir/pg_ctl" start --wait --timeout=60 --silent --pgdata="$pgdata" \
			--log="$pgdata/postgres.log" \
			-o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories='' $(small_machine_settings)" >&2 ||
			{ tail -n 20 "$pgdata/postgres.log" >&2 || true; die "PostgreSQL did not start"; }
	fi
	# The running server may have been started with another port.
	sed -n 4p "$pgdata/postmaster.pid"
}

# redis_pid prints the pid of the local Redis if it runs.
redis_pid() {
	local pidfile=$DATA/redis/redis.pid pid
	[[ -s $pidfile ]] || return 1
	pid=$(<"$pidfile")
	[[ $(cat "/proc/$pid/comm" 2>/dev/null) == redis-server* ]] || return 1
	echo "$pid"
}

# start_redis starts (or reuses) the local Redis and prints its port.
start_redis() {
	local dir=$DATA/redis port
	command -v redis-server >/dev/null || die "redis-server not found; \`make deps\` installs it"
	mkdir -p "$dir"
	if redis_pid >/dev/null; then
		log "reusing the Redis running in $dir"
		port=$(<"$dir/port")
	else
		port=$REDIS_PORT
		log "starting Redis on 127.0.0.1:$port (log: $dir/redis.log)"
		# AOF so that accepted but unprocessed tasks survive a restart.
		redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" \
			--appendonly yes --appendfsync everysec \
			--daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
		echo "$port" >"$dir/port"
	fi
	for _ in $(seq 100); do
		if [[ $(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null) == PONG ]]; then
			echo "$port"
			return
		fi
		sleep 0.1
	done
	tail -n 20 "$dir/redis.log" >&2 || true
	die "Redis did not answer PING on 127.0.0.1:$port"
}

# stop stops the local servers, if they run.
stop() {
	local pid pgdata=$DATA/postgres
	if [[ -s $pgdata/PG_VERSION ]] &&
		as_postgres "$(pg_bindir)/pg_ctl" status --pgdata="$pgdata" >/dev/null 2>&1; then
		log "stopping PostgreSQL"
		as_postgres "$(pg_bindir)/pg_ctl" stop --wait --silent --mode=fast --pgdata="$pgdata"
	fi
	if pid=$(redis_pid); then
		log "stopping Redis"
		kill -TERM "$pid"
		while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
	fi
}

# http_base turns a listen address into a URL a local curl can use.
http_base() {
	local host=${HTTP_ADDR%:*} port=${HTTP_ADDR##*:}
	case $host in
	"" | 0.0.0.0 | "[::]" | "::") host=127.0.0.1 ;;
	esac
	echo "http://$host:$port"
}

case ${1:-} in
stop)
	# Nothing to stop without a data folder.
	[[ -d ${DEDUPE_DATA_DIR:-.data} ]] || exit 0
	DATA=$(data_dir)
	stop
	exit 0
	;;
"") DATA=$(data_dir) ;;
*) die "usage: $0 [stop]" ;;
esac

if [[ -z ${DATABASE_URL:-} ]]; then
	port=$(start_postgres)
	export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
fi
if [[ -z ${REDIS_URL:-} ]]; then
	port=$(start_redis)
	export REDIS_URL="redis://127.0.0.1:$port/0"
fi

"$BIN" migrate

# A second run finds the demo tenant already there, and `tenant create` fails:
# that is fine when the token can be made. Its error is shown only if not.
tenant_err=""
if ! tenant_err=$("$BIN" tenant create --slug demo --region FR 2>&1 >/dev/null); then
	tenant_failed=1
else
	tenant_failed=0
	log "created the demo tenant"
fi
if ! TOKEN=$("$BIN" token create --tenant demo --scopes ingest,read,write,review --label demo); then
	if [[ $tenant_failed -eq 1 ]]; then
		echo "$tenant_err" >&2
	fi
	die "could not create a token for the demo tenant"
fi

base=$(http_base)
cat <<EOF

dedupe is starting on $base with the demo tenant. Try (the token is shown once):

  export TOKEN=$TOKEN

  curl -sS -X POST $base/v1/bookings \\
    -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' \\
    -d '{
      "external_id": "bk-2026-000123",
      "source": "booking_widget",
      "occurred_at": "2026-11-23T10:00:00Z",
      "requested_fields": ["first_name", "last_name", "email", "mobile"],
      "customer": {
        "first_name": "Camille", "last_name": "Roy",
        "email": "Camille.Roy@Example.fr", "mobile": "06 12 34 56 78",
        "birth_date": "1990-04-02", "attributes": {"member_code": "A-17"}
      },
      "booking": {"service": "Coupe", "starts_at": "2026-11-30T14:00:00Z"}
    }'

  curl -sS "$base/v1/profiles?email=camille.roy@example.fr" -H "Authorization: Bearer \$TOKEN"

Review UI: $base/review   Metrics: $base/metrics
Stop with Ctrl-C; PostgreSQL and Redis keep running for the next run (\`make clean-data\` stops them).

EOF

exec "$BIN" all
