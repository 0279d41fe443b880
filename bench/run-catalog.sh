#!/usr/bin/env bash
# Catalog benchmark (docs/performance.md): the server's compute for one check of a machine with 20 installed products
# against a catalog of 10,000 releases — BenchmarkDotNet (median, allocations, ratio to reading the request alone),
# then per-check percentiles (median, p99) from 5,000 timed checks; and a check answered from the cache (time and bytes
# allocated per answer against copying the body once). About 3 minutes. Ends with "key: value" lines.
#
# Results land in artifacts/bench/catalog (BENCH_ARTIFACTS overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
project=bench/UpdateServer.Benchmarks
artifacts="${BENCH_ARTIFACTS:-$root/artifacts/bench/catalog}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build "$project" -c Release
dll="$root/$project/bin/Release/net10.0/UpdateServer.Benchmarks.dll"
rm -rf "$artifacts"
mkdir -p "$artifacts"

(cd "$project" && dotnet "$dll" --filter '*CheckPlan*' '*CachedCheck*' --job short --iterationCount 15 --artifacts "$artifacts") | tee "$artifacts/benchmarks.log"
dotnet "$dll" --check-latency | tee "$artifacts/latency.log"

echo
echo "# Key figures (times: median per operation unless p99; ratios: against reading the request, measured in the same run)"
grep -hE '^[a-z0-9_]+_(ms|mb|ratio|bytes|steps|releases): ' "$artifacts/benchmarks.log" "$artifacts/latency.log"
