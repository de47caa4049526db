#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store's tests and the PostgreSQL benchmarks: a cluster made
# by initdb in a temporary directory, listening on 127.0.0.1 only, trusting local connections.
#   scripts/postgres-test-cluster.sh start   # creates and starts it (idempotent)
#   scripts/postgres-test-cluster.sh url     # the postgres:// URL of its admin database
#   scripts/postgres-test-cluster.sh stop    # stops it and removes its directory
# PGTEST_DIR (default /tmp/mediawire-pgtest) and PGTEST_PORT (default 55432) move it; PGTEST_FSYNC=on
# makes it durable like a real server (benchmarks), off (the default) suits tests. Run as root, the
# server runs as the postgres user (PostgreSQL refuses to run as root).
set -euo pipefail
dir="${PGTEST_DIR:-/tmp/mediawire-pgtest}"
port="${PGTEST_PORT:-55432}"
fsync="${PGTEST_FSYNC:-off}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$bin" ] || bin="$(dirname "$(command -v initdb)")"

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
    if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U mediawire --auth=trust -E UTF8 >"$dir/initdb.log"
    # fsync off by default: a test server loses nothing that matters when the machine stops.
    as_owner "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/server.log" \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=$fsync -c max_connections=300" start >/dev/null
    echo "PostgreSQL test cluster on 127.0.0.1:$port ($dir)"
    ;;
url)
    echo "postgres://mediawire@127.0.0.1:$port/postgres?sslmode=disable"
    ;;
stop)
    if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|url|stop" >&2
    exit 2
    ;;
esac
