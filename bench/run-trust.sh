#!/usr/bin/env bash
# Trust benchmarks (docs/performance.md): BenchmarkDotNet timings of reading and verifying a 10,000-target
# file and of a client update against 100,000 releases with and without hashed bins, then the metadata bytes
# fetched per update. About 5 minutes on 2 cores. Ends with one "key: value" line per figure.
#
#   bench/run-trust.sh                           everything
#   bench/run-trust.sh --filter '*Refresh*'      some benchmarks (BenchmarkDotNet's --filter)
#
# Results (markdown, CSV, HTML and the logs) land in artifacts/bench/trust (BENCH_ARTIFACTS overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
project=bench/UpdateServer.Benchmarks
artifacts="${BENCH_ARTIFACTS:-$root/artifacts/bench/trust}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ $# -eq 0 ]; then
  set -- --filter '*'
fi

dotnet build "$project" -c Release
dll="$root/$project/bin/Release/net10.0/UpdateServer.Benchmarks.dll"
rm -rf "$artifacts"
mkdir -p "$artifacts"

# ShortRun (one launch, 3 warm-up iterations) with 15 measured iterations instead of 3: the GC-heavy cases
# vary too much over 3. BenchmarkDotNet finds the project to build from the working directory.
(cd "$project" && dotnet "$dll" "$@" --job short --iterationCount 15 --artifacts "$artifacts") | tee "$artifacts/benchmarks.log"
dotnet "$dll" --bytes | tee "$artifacts/bytes.log"

echo
echo "# Key figures (times: median per operation; ratios: of medians, against the baseline measured in the same run)"
grep -hE '^[a-z0-9_]+_(ms|mb|ratio|bytes): ' "$artifacts/benchmarks.log" "$artifacts/bytes.log"
