#!/usr/bin/env bash
# Runs every test of the solution. Installs nothing by hand: whatever the tests need is set up here.
# Test results (TRX) land in artifacts/test-results; the exit code is dotnet test's.
set -euo pipefail
cd "$(dirname "$0")/.."

results="${TEST_RESULTS:-$PWD/artifacts/test-results}"
rm -rf "$results"
mkdir -p "$results"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build UpdateServer.sln -c Release
dotnet test --solution UpdateServer.sln -c Release --no-build --results-directory "$results" --report-trx "$@"
