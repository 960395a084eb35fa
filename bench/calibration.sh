#!/usr/bin/env bash
# Server-side time of the calibration session of a 500-person tribe, on SQLite and,
# when pg_ctl is available, on a throwaway PostgreSQL cluster. Usage: bench/calibration.sh [PEOPLE]   env: RUNS=30
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-500}
dotnet build -c Release bench/Stepwise.Bench.Calibration -v q -nologo | { grep -E " error |rror\(s\)" || true; }
bench=bench/Stepwise.Bench.Calibration/bin/Release/net10.0/Stepwise.Bench.Calibration.dll
dotnet "$bench" "$people"
pg_ctl=$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | head -1 || true)
if [ -n "$pg_ctl" ]; then
  bin=$(dirname "$pg_ctl") dir=$(mktemp -d /tmp/stepwise-pg-XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  chown -R postgres "$dir" 2>/dev/null || true
  run() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else eval "$*"; fi; }
  run "$bin/initdb -D $dir/data -U postgres -A trust" >/dev/null
  run "$bin/pg_ctl -D $dir/data -o '-p $port -k $dir' -l $dir/log start -w" >/dev/null
  trap 'run "$bin/pg_ctl -D $dir/data stop -m fast" >/dev/null; rm -rf "$dir"' EXIT
  dotnet "$bench" "$people" --postgres "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
fi
