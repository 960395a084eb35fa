#!/usr/bin/env bash
# Runs the learn search bench (bench/Stepwise.Bench.LearnSearch) against a throwaway PostgreSQL cluster: initdb in a temp
# directory, started on a free loopback port with default durability settings, removed afterwards.
# Usage: bench/learn-search-postgres.sh [RETROSPECTIVES]      (as root the cluster runs as the 'postgres' user, like the tests)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${STEPWISE_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
dir=$(mktemp -d /tmp/stepwise-bench-pg-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as=(); [ "$(id -u)" = 0 ] && { chown postgres "$dir"; as=(runuser -u postgres --); }
cleanup() { "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
echo bench > "$dir/pw"; [ ${#as[@]} -gt 0 ] && chown postgres "$dir/pw"
"${as[@]}" "$bin/initdb" -D "$dir/data" -U bench --pwfile="$dir/pw" -A scram-sha-256 -E UTF8 >/dev/null
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
dotnet run -c Release --project bench/Stepwise.Bench.LearnSearch -- "${1:-50000}" --postgres \
  "Host=127.0.0.1;Port=$port;Username=bench;Password=bench;Database=postgres"
