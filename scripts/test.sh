#!/usr/bin/env bash
# Runs every test of the solution. Installs nothing by hand: whatever the tests need is set up here.
# Test results (TRX) land in artifacts/test-results; the exit code is dotnet test's.
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
dotnet test --solution UpdateServer.sln -c Release --no-build --results-directory "$results" --report-trx "$@"
