#!/usr/bin/env bash
# Event ingestion and warehouse-native analysis, in one run (issue #6 "Speed").
#   bash bench/events.sh ingest  [BATCHES=3000] [CONNECTIONS=8]   HTTP ingestion next to the raw DuckDB appender
#   bash bench/events.sh ingest-postgres [BATCHES] [CONNECTIONS]   the same with PostgreSQL (throwaway cluster) as the store
#   bash bench/events.sh analyze [EXPOSURES=10000000] [EVENTS=100000000]
#     env: RUNS (raw and hand-written runs, 3), STATE_RUNS (extra state runs, 2), STATE_ONLY=1 (re-time the state
#     analysis on the state an earlier run left), DATA_DIR (where the data set goes, /tmp)
# Files go to /tmp, never the repository. The analyze data set (~2 GB for 100M events) is generated once with
# DuckDB's range() and reused; delete /tmp/stepwise-events-*.duckdb to regenerate.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# NO_BUILD=1 reuses the last Release build (for repeated runs on a busy machine).
[ "${NO_BUILD:-0}" = 1 ] || dotnet build -c Release bench/Stepwise.Bench.Events -v quiet -nologo >/dev/null
BENCH="dotnet bench/Stepwise.Bench.Events/bin/Release/net10.0/Stepwise.Bench.Events.dll"

case "${1:-ingest}" in
  ingest|ingest-postgres)
    BATCHES=${2:-3000}; CONNECTIONS=${3:-8}; PORT=${PORT:-5182}
    [ "${NO_BUILD:-0}" = 1 ] || dotnet build -c Release src/Stepwise.Server -v quiet -nologo >/dev/null
    DATA=$(mktemp -d)
    DB=(Database__ConnectionString="Data Source=$DATA/stepwise.db")
    PG_DIR=""; as=()
    if [ "$1" = ingest-postgres ]; then
      # A throwaway cluster like import-postgres.sh: the application database and the event store are both PostgreSQL.
      bin=${STEPWISE_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
      PG_DIR=$(mktemp -d /tmp/stepwise-bench-pg-XXXXXX)
      pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
      [ "$(id -u)" = 0 ] && { chown postgres "$PG_DIR"; as=(runuser -u postgres --); }
      echo bench > "$PG_DIR/pw"; [ ${#as[@]} -gt 0 ] && chown postgres "$PG_DIR/pw"
      "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -U bench --pwfile="$PG_DIR/pw" -A scram-sha-256 -E UTF8 >/dev/null
      "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o "-p $pgport -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null
      DB=(Database__Provider=Postgres Database__ConnectionString="Host=127.0.0.1;Port=$pgport;Username=bench;Password=bench;Database=postgres")
    fi
    cleanup() {
      kill "$SERVER" 2>/dev/null || true; rm -rf "$DATA"
      if [ -n "$PG_DIR" ]; then "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$PG_DIR"; fi
    }
    trap cleanup EXIT
    env "${DB[@]}" Events__DuckDbPath="$DATA/events.duckdb" Logging__LogLevel__Default=Warning \
      dotnet src/Stepwise.Server/bin/Release/net10.0/Stepwise.Server.dll --demo --urls "http://127.0.0.1:$PORT" >"$DATA/server.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.5; done
    cpu() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$SERVER/stat"; }   # utime + stime in seconds
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    BEFORE=$(cpu)
    $BENCH ingest "http://127.0.0.1:$PORT/" sdk-demo-production "$BATCHES" "$CONNECTIONS"
    echo "server CPU during the run: $(echo "$(cpu) - $BEFORE" | bc) s for $((BATCHES * 1000)) events (includes the warm-up batches; PostgreSQL's own CPU is not in it)"
    $BENCH appender "$DATA/appender.duckdb" "$((BATCHES * 1000))"
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    ;;
  analyze)
    EXPOSURES=${2:-10000000}; EVENTS=${3:-100000000}
    echo "load average before: $(cut -d" " -f1-3 /proc/loadavg)"
    $BENCH analyze "${DATA_DIR:-/tmp}/stepwise-events-${EXPOSURES}-${EVENTS}.duckdb" "$EXPOSURES" "$EVENTS"
    echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
    ;;
  *) echo "usage: bash bench/events.sh ingest|ingest-postgres|analyze [...]" >&2; exit 2 ;;
esac
