#!/usr/bin/env bash
# Print the URL of a PostgreSQL server for the test suite, starting a private one if needed.
#
#   scripts/pg-test-server.sh            -> prints postgresql://USER@127.0.0.1:PORT/DB
#   scripts/pg-test-server.sh stop DIR   -> stops a private cluster started earlier
#
# 1. If a server already answers on 127.0.0.1:5432 (CI, this machine), print its URL.
# 2. Otherwise install the Debian package `postgresql` if initdb is missing, create a cluster
#    in a temp dir owned by the `postgres` user (initdb refuses root), start it on a free
#    loopback port and print its URL. The data dir is printed on stderr (PGTEST_DATADIR=...).
# PGTEST_FORCE_PRIVATE=1 skips step 1 (the test suite uses it to test step 2).
# Exit code 1 with a message when no server can be provided.
set -euo pipefail

if [[ "${1:-}" == "stop" ]]; then
    dir="${2:?data dir}"
    ctl=$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -1 || true)
    ctl=${ctl:-$(command -v pg_ctl)}
    if [[ $(id -u) == 0 ]]; then
        runuser -u postgres -- "$ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    else
        "$ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    fi
    parent=$(dirname "$dir")
    if [[ "$(basename "$parent")" == auditor-pgtest.* ]]; then rm -rf "$parent"; else rm -rf "$dir"; fi
    exit 0
fi

if [[ -z "${PGTEST_FORCE_PRIVATE:-}" ]] && command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432 -t 2; then
    echo "postgresql://${PGUSER:-postgres}@127.0.0.1:5432/${PGDATABASE:-test}"
    exit 0
fi

find_bin() {
    local found
    found=$(ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -1 || true)
    [[ -n "$found" ]] || found=$(command -v "$1" || true)
    echo "$found"
}

initdb=$(find_bin initdb)
if [[ -z "$initdb" ]]; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "installing the postgresql package..." >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1 \
            || { apt-get update -q >/dev/null 2>&1 && \
                 DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1; } \
            || { echo "cannot install postgresql (apt-get failed)" >&2; exit 1; }
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1 \
            || { echo "cannot install postgresql (sudo apt-get failed)" >&2; exit 1; }
    else
        echo "postgresql is not installed and cannot be installed (not root, no sudo)" >&2
        exit 1
    fi
    initdb=$(find_bin initdb)
    [[ -n "$initdb" ]] || { echo "initdb not found after installing postgresql" >&2; exit 1; }
fi
pg_ctl="$(dirname "$initdb")/pg_ctl"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dir=$(mktemp -d /tmp/auditor-pgtest.XXXXXX)
run_as=()
user=$(id -un)
if [[ $(id -u) == 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$dir"
    run_as=(runuser -u postgres --)
    user=postgres
fi
"${run_as[@]}" "$initdb" -D "$dir/data" -A trust -U "$user" >/dev/null
"${run_as[@]}" "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
echo "PGTEST_DATADIR=$dir/data" >&2
echo "postgresql://$user@127.0.0.1:$port/postgres"
