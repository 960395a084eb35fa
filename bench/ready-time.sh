#!/usr/bin/env bash
# Time until a Release server with --demo answers /health/ready 200 on a fresh SQLite data directory (first start:
# migrate and seed the demo organization) and again on the same directory (second start: data already there).
# Measured from launching the process; the server is built first and run from its build output, as deployed.
# Usage: bench/ready-time.sh [--no-build | --ready-to-run]
#   --ready-to-run  publishes the server with ReadyToRun (precompiled native code) to a temp directory and times that
#   env SERVER_DIR=src/Stepwise.Server   another checkout's server project, to compare builds
set -euo pipefail
cd "$(dirname "$0")/.."
server=$(realpath "${SERVER_DIR:-src/Stepwise.Server}")
dir=$(mktemp -d /tmp/stepwise-ready-XXXXXX)
case "${1:-}" in
  --no-build) app=$server/bin/Release/net10.0 ;;
  --ready-to-run)
    app=$dir/app
    dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$app" "$server" -v q -nologo \
      | { grep -E "error" || true; } ;;
  *)
    app=$server/bin/Release/net10.0
    dotnet build -c Release "$server" -v q -nologo | { grep -E "error|rror\(s\)" || true; } ;;
esac
dll=$app/Stepwise.Server.dll
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT

start() { # $1: label
  local begin now
  begin=$(date +%s.%N)
  (cd "$app" && exec env ASPNETCORE_ENVIRONMENT=Production "Database__ConnectionString=Data Source=$dir/stepwise.db" \
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
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

start first
start second
