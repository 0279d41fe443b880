#!/usr/bin/env bash
# Runs every test of the solution. Installs nothing by hand: whatever the tests need is set up here.
#   1. Every test project on the embedded default: SQLite, the filesystem and memory. The scale-out tests (two server
#      processes) run here too; they always use the services below.
#   2. The tests that run a server (tests/services.slnf: server, end-to-end and upkg tests) again on PostgreSQL, Azure
#      Blob Storage (Azurite) and Redis, which scripts/services/ installs (apt, npm), starts on 127.0.0.1 and stops.
# Test results (TRX) land in artifacts/test-results/{embedded,services}; the exit code is non-zero if any run failed.
set -euo pipefail
cd "$(dirname "$0")/.."

results="${TEST_RESULTS:-$PWD/artifacts/test-results}"
rm -rf "$results"
mkdir -p "$results"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The CSAF 2.0 reference validator (npm), which the CSAF tests run over every kind of document the server serves.
npm ci --prefix scripts/csaf --no-audit --no-fund --loglevel=error

# Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium; it never downloads a browser).
if ! command -v chromium >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

dotnet build UpdateServer.sln -c Release

bash scripts/services/install.sh
services="$(mktemp -d /tmp/updateserver-services.XXXXXX)"
trap 'bash scripts/services/stop.sh "$services"; rm -rf "$services"' EXIT
bash scripts/services/start.sh "$services"
source "$services/env"

status=0
echo "==> Tests on SQLite, the filesystem and memory"
UPDATESERVER_TEST_BACKEND=embedded dotnet test --solution UpdateServer.sln -c Release --no-build \
  --results-directory "$results/embedded" --report-trx "$@" || status=$?

echo "==> Tests that run a server, on PostgreSQL, Azure Blob Storage (Azurite) and Redis"
UPDATESERVER_TEST_BACKEND=services dotnet test --solution tests/services.slnf -c Release --no-build \
  --results-directory "$results/services" --report-trx --filter-not-namespace 'UpdateServer.EndToEnd.Tests.ScaleOut' \
  --filter-not-class 'UpdateServer.EndToEnd.Tests.Processes.SampleScriptTests' "$@" || status=$?
exit "$status"
