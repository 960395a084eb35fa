#!/usr/bin/env bash
# OFREP single-flag evaluation under load, side by side with a trivial JSON endpoint of the same server.
# Usage: bash bench/ofrep-load.sh [duration=20s] [connections=64] [threads=2]
# Starts the Release server in demo mode on a throwaway SQLite file, then runs wrk on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20s}
CONNECTIONS=${2:-64}
THREADS=${3:-2}
PORT=${PORT:-5181}
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq wrk; }

dotnet build -c Release src/Stepwise.Server -v quiet -nologo >/dev/null
DATA=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
Database__ConnectionString="Data Source=$DATA/stepwise.db" Bench__TrivialEndpoint=true Logging__LogLevel__Default=Warning \
  dotnet src/Stepwise.Server/bin/Release/net10.0/Stepwise.Server.dll --demo --urls "http://127.0.0.1:$PORT" >"$DATA/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.5; done

# Warm up both paths (JIT, tiered compilation) before measuring.
wrk -t1 -c8 -d5s "http://127.0.0.1:$PORT/bench/json" >/dev/null
wrk -t1 -c8 -d5s -s bench/ofrep.lua "http://127.0.0.1:$PORT/ofrep/v1/evaluate/flags/dark-mode" >/dev/null

echo "== trivial JSON endpoint (GET /bench/json) =="
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT/bench/json"
echo
echo "== OFREP single flag (POST /ofrep/v1/evaluate/flags/dark-mode, targeting rule + segment) =="
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/ofrep.lua "http://127.0.0.1:$PORT/ofrep/v1/evaluate/flags/dark-mode"
echo
echo "== OFREP single flag in an experiment (POST .../checkout-button-color, layer + holdout) =="
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/ofrep.lua "http://127.0.0.1:$PORT/ofrep/v1/evaluate/flags/checkout-button-color"
