#!/usr/bin/env bash
# Times the real CLI: `stepwise analyze` on a 10-million-row CSV with 3 metrics (revenue with a
# revenue_pre covariate for CUPED, converted 0/1, sessions). Issue #4 target: under 10 s, bounded memory.
#   bash bench/analyze-10m.sh [ROWS]      (default 10000000; the file goes to /tmp, never the repository)
# Prints wall time, CPU time and peak resident memory from /usr/bin/time -v, then the report.
set -euo pipefail
cd "$(dirname "$0")/.."

rows="${1:-10000000}"
file="${ANALYZE_BENCH_FILE:-/tmp/stepwise-analyze-${rows}.csv}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build -c Release src/Stepwise.Cli -v quiet -nologo >/dev/null
dotnet build -c Release bench/Stepwise.Bench.Analyze -v quiet -nologo >/dev/null
if [ ! -f "$file" ]; then
  dotnet bench/Stepwise.Bench.Analyze/bin/Release/net10.0/Stepwise.Bench.Analyze.dll generate "$file" "$rows"
fi
echo "input: $file ($(du -m "$file" | cut -f1) MB, $rows rows)"

report="$(mktemp)"
timing="$(mktemp)"
trap 'rm -f "$report" "$timing"' EXIT
/usr/bin/time -v dotnet src/Stepwise.Cli/bin/Release/net10.0/Stepwise.Cli.dll analyze --input "$file" --format table >"$report" 2>"$timing"
grep -E "Elapsed \(wall clock\)|User time|System time|Maximum resident set size" "$timing" | sed 's/^\s*/  /'
echo
cat "$report"
