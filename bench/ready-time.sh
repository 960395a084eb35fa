#!/usr/bin/env bash
# Time until a Release server with --demo answers /health/ready 200 on a fresh SQLite data directory (first start:
# migrate and seed the demo organization) and again on the same directory (second start: data already there).
# Measured from launching the process; the server is built first and run from its build output, as deployed.
# Usage: bench/ready-time.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${1:-}" = --no-build ] || dotnet build -c Release src/Stepwise.Server -v q -nologo | { grep -E "error|rror\(s\)" || true; }
dll=$PWD/src/Stepwise.Server/bin/Release/net10.0/Stepwise.Server.dll
dir=$(mktemp -d /tmp/stepwise-ready-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT

start() { # $1: label
  local begin now
  begin=$(date +%s.%N)
  (cd src/Stepwise.Server && exec env ASPNETCORE_ENVIRONMENT=Production "Database__ConnectionString=Data Source=$dir/stepwise.db" \
    dotnet "$dll" --demo --urls "http://127.0.0.1:$port" >"$dir/$1.log" 2>&1) &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { echo "server exited:"; cat "$dir/$1.log"; exit 1; }
    sleep 0.02
  done
  now=$(date +%s.%N)
  # CPU time used by the server so far: on a busy machine the wall time also counts waiting for a core.
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$pid/stat")
  printf '%-13s ready in %.2f s (server CPU %s s, load average %s)\n' "$1 start" "$(echo "$now - $begin" | bc)" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)"
  grep TIMING "$dir/$1.log" || true; kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

start first
start second
