#!/usr/bin/env bash
# Server time of the org pages for a large organization. Starts the Release server on a fresh SQLite database, imports the
# import bench's generated organization (default 20,000 people) with the CLI, signs in as the administrator with a cookie,
# then drives /org, /org/units/{id} and /org/people/{id} (random ids) with wrk and prints p50/p95/p99 per page.
# Needs wrk and jq (apt-get install -y wrk jq).
# Usage: bench/org-pages.sh [--no-build]     env: PEOPLE=20000 DURATION=20s CONNECTIONS=1 WARMUP=5s
#   SERVER_DIR=src/Stepwise.Server (another checkout's server project, to compare builds)
# With CONNECTIONS=1 requests never queue, so the latency is the server's time per page (plus loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
people=${PEOPLE:-20000} duration=${DURATION:-20s} connections=${CONNECTIONS:-1} warmup=${WARMUP:-5s}
server=$(realpath "${SERVER_DIR:-src/Stepwise.Server}")
if [ "${1:-}" != --no-build ]; then
  for project in "$server" src/Stepwise.Cli bench/Stepwise.Bench.OrgImport; do
    dotnet build -c Release "$project" -v q -nologo | { grep -E " error |rror\(s\)" || true; }
  done
fi
dir=$(mktemp -d /tmp/stepwise-orgpages-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
pid=
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$dir"; }
trap cleanup EXIT

dotnet bench/Stepwise.Bench.OrgImport/bin/Release/net10.0/Stepwise.Bench.OrgImport.dll "$people" --write "$dir/csv"
(cd "$server" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  "Database__ConnectionString=Data Source=$dir/stepwise.db" \
  STEPWISE_ADMIN_EMAIL=bench@stepwise.local STEPWISE_ADMIN_PASSWORD=bench-password-123 \
  dotnet bin/Release/net10.0/Stepwise.Server.dll --urls "$url" >"$dir/server.log" 2>&1) &
pid=$!
until curl -fs -o /dev/null "$url/health/ready"; do
  kill -0 "$pid" 2>/dev/null || { cat "$dir/server.log"; exit 1; }
  sleep 0.1
done

# Sign in through the login form, as a browser does, and keep the session cookie.
form=$(curl -fs -c "$dir/jar" "$url/account/login")
antiforgery=$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' <<<"$form" | sed 's/.*value="//; s/"$//')
curl -fs -o /dev/null -b "$dir/jar" -c "$dir/jar" "$url/account/login" \
  --data-urlencode "__RequestVerificationToken=$antiforgery" --data-urlencode "_handler=login" \
  --data-urlencode "Form.Email=bench@stepwise.local" --data-urlencode "Form.Password=bench-password-123"
cookie="stepwise=$(awk '$6 == "stepwise" { print $7 }' "$dir/jar")"
[ "$cookie" != "stepwise=" ] || { echo "sign-in failed"; exit 1; }
token=$(curl -fs -H "Cookie: $cookie" -H 'Content-Type: application/json' -d '{"name":"bench"}' "$url/api/tokens" | jq -r .secret)

start=$(date +%s.%N)
dotnet src/Stepwise.Cli/bin/Release/net10.0/Stepwise.Cli.dll import --server "$url" --token "$token" \
  --units "$dir/csv/units.csv" --people "$dir/csv/people.csv" --memberships "$dir/csv/memberships.csv" >"$dir/import.log"
printf 'imported %s people through the CLI in %.1f s\n' "$people" "$(echo "$(date +%s.%N) - $start" | bc)"

# Every unit, and a random sample of up to 2,000 people, as page paths.
pages=$(curl -fs -H "Authorization: Bearer $token" "$url/api/units?pageSize=1" | jq '.total / 200 | ceil')
for page in $(seq 1 "$pages"); do
  curl -fs -H "Authorization: Bearer $token" "$url/api/units?pageSize=200&page=$page" | jq -r '.items[].id | "/org/units/\(.)"'
done >"$dir/units.txt"
total=$(curl -fs -H "Authorization: Bearer $token" "$url/api/people?pageSize=1" | jq .total)
for _ in $(seq 1 10); do
  curl -fs -H "Authorization: Bearer $token" "$url/api/people?pageSize=200&page=$((RANDOM % ((total + 199) / 200) + 1))" | jq -r '.items[].id | "/org/people/\(.)"'
done | sort -u >"$dir/people.txt"
echo /org >"$dir/org.txt"
echo "paths: $(wc -l <"$dir/units.txt") units, $(wc -l <"$dir/people.txt") people"

export BENCH_COOKIE=$cookie
echo "wrk: $connections connection(s), $duration per page after a $warmup warm-up; latency in ms"
for page in org units people; do
  sample=$(head -1 "$dir/$page.txt")
  status=$(curl -s -o "$dir/sample.html" -w '%{http_code}' -H "Cookie: $cookie" "$url$sample")
  if [ "$status" != 200 ] || grep -q 'Sign in to Stepwise' "$dir/sample.html"; then echo "$sample answered $status without the page"; exit 1; fi
  wrk -t1 -c"$connections" -d"$warmup" -s bench/org-pages.lua "$url" -- "$dir/$page.txt" >/dev/null
  result=$(wrk -t1 -c"$connections" -d"$duration" -s bench/org-pages.lua "$url" -- "$dir/$page.txt" | grep RESULT)
  printf '%-22s %s\n' "$(case $page in org) echo /org;; units) echo '/org/units/{id}';; people) echo '/org/people/{id}';; esac)" "${result#RESULT }"
done
