#!/usr/bin/env bash
# Installs what the tests need when it is missing (PostgreSQL server, Chromium, SciPy for the statistics golden
# generator) and runs every test in the solution. CI calls this through .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
/usr/bin/python3 -c 'import scipy, statsmodels' >/dev/null 2>&1 || need+=(python3-scipy python3-statsmodels)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${need[*]} from the OS packages…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    # Tests start their own throwaway clusters; the OS service is not needed.
    (service postgresql stop || true) >/dev/null 2>&1
  else
    echo "Missing: ${need[*]}. Install them (as root this script does it with apt-get) and run again." >&2
    exit 1
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet restore Stepwise.slnx
dotnet build Stepwise.slnx --no-restore -c Release
dotnet test --solution Stepwise.slnx --no-build -c Release "$@"
