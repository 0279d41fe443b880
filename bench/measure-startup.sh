#!/usr/bin/env bash
# Start-up time of the updater, which a tuf-conformance harness starts hundreds of times: the wall time of
# `updater --metadata-dir D init root.json` (no network, one small file written), for
#   dll        dotnet updater.dll ...            framework-dependent Release build (JIT)
#   apphost    ./updater ...                     the same build through its native launcher
#   r2r        ./updater ...                     published with PublishReadyToRun=true (framework-dependent)
#   r2r_*      the ReadyToRun build with one runtime setting changed (environment variable = csproj property)
# against hello_world, an empty console app (same InvariantGlobalization) started the same way: the floor
# any .NET program pays. Quote ratios, or absolute times only next to that floor (docs/performance.md).
#
#   bench/measure-startup.sh          RUNS=100 WARMUP=5 by default; about 2 minutes on 2 cores
#
# Prints one "key: value" line per figure at the end; raw times (ms, one per run) land in
# artifacts/bench/startup (BENCH_ARTIFACTS overrides). Uses hyperfine (installed from Debian when missing
# and running as root), else a bash loop timed with date +%s%N.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs="${RUNS:-100}"
warmup="${WARMUP:-5}"
out="${BENCH_ARTIFACTS:-$root/artifacts/bench/startup}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v hyperfine >/dev/null && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && apt-get install -y -qq hyperfine) >/dev/null 2>&1 || echo "hyperfine not installable; timing with a bash loop" >&2
fi

# Every build goes to $work (--artifacts-path): nothing touches the bin/obj folders of the source tree.
updater=src/Updater/UpdateServer.Updater
echo "== building (framework-dependent, Release; then ReadyToRun publish)"
dotnet build "$updater" -c Release --artifacts-path "$work/jit-obj" -o "$work/jit" -v quiet -nologo
dotnet publish "$updater" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  --artifacts-path "$work/r2r-obj" -o "$work/r2r" -v quiet -nologo
dotnet new console -o "$work/hello" -n hello >/dev/null
dotnet build "$work/hello" -c Release -p:InvariantGlobalization=true -o "$work/hello-bin" -v quiet -nologo
dotnet run --project bench/UpdateServer.Benchmarks -c Release -- --write-root "$work/root.json"

rm -rf "$out"
mkdir -p "$out"
figures=()

# measure NAME COMMAND...: times RUNS runs (after WARMUP) and records p50 and p90 in milliseconds.
measure() {
  local name=$1 times="$out/$1.times"
  shift
  "$@" >/dev/null  # fails the script now if the command itself fails
  if command -v hyperfine >/dev/null && command -v jq >/dev/null; then
    hyperfine -N --warmup "$warmup" --runs "$runs" --style basic --export-json "$out/$name.json" -n "$name" \
      "$(printf '%q ' "$@")" >&2
    jq -r '.results[0].times[] * 1000' "$out/$name.json" >"$times"
    # CPU time (user + system, mean) moves less than wall time when other work shares the 2 cores.
    figures+=("${name}_cpu_ms_mean: $(jq -r '(.results[0].user + .results[0].system) * 1000 | . * 10 | round / 10' "$out/$name.json")")
  else
    local i start end
    for ((i = 0; i < warmup; i++)); do "$@" >/dev/null; done
    : >"$times"
    for ((i = 0; i < runs; i++)); do
      start=$(date +%s%N)
      "$@" >/dev/null
      end=$(date +%s%N)
      echo "$(( (end - start) / 1000 ))" | awk '{ printf "%.3f\n", $1 / 1000 }' >>"$times"
    done
  fi
  local p50 p90
  p50=$(sort -g "$times" | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] }')
  p90=$(sort -g "$times" | awk '{ v[NR] = $1 } END { i = int(NR * 0.9 + 0.5); if (i < 1) i = 1; printf "%.1f", v[i] }')
  echo "$name: p50 ${p50} ms, p90 ${p90} ms" >&2
  figures+=("${name}_ms_p50: $p50" "${name}_ms_p90: $p90")
  eval "p50_$name=$p50"
}

init=(--metadata-dir "$work/metadata" init "$work/root.json")
echo "== timing $runs runs each (after $warmup warm-up runs)"
measure hello_world "$work/hello-bin/hello"
measure updater_init_dll dotnet "$work/jit/updater.dll" "${init[@]}"
measure updater_init "$work/jit/updater" "${init[@]}"
measure updater_init_r2r "$work/r2r/updater" "${init[@]}"
DOTNET_TieredPGO=0 measure updater_init_r2r_tieredpgo_off "$work/r2r/updater" "${init[@]}"
DOTNET_TieredCompilation=0 measure updater_init_r2r_tiered_compilation_off "$work/r2r/updater" "${init[@]}"
DOTNET_TC_QuickJitForLoops=0 measure updater_init_r2r_quick_jit_for_loops_off "$work/r2r/updater" "${init[@]}"
DOTNET_gcConcurrent=0 measure updater_init_r2r_gc_concurrent_off "$work/r2r/updater" "${init[@]}"
DOTNET_TieredPGO=0 measure updater_init_tieredpgo_off "$work/jit/updater" "${init[@]}"

# ReadyToRun code makes the assemblies bigger: the size of all .dll files of each build, in KiB.
dll_kib() { find "$1" -maxdepth 1 -name '*.dll' -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s / 1024 }'; }
figures+=("updater_dlls_kib: $(dll_kib "$work/jit")" "updater_dlls_r2r_kib: $(dll_kib "$work/r2r")")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
figures+=(
  "updater_init_r2r_vs_apphost_ratio: $(ratio "$p50_updater_init_r2r" "$p50_updater_init")"
  "updater_init_dll_vs_apphost_ratio: $(ratio "$p50_updater_init_dll" "$p50_updater_init")"
  "updater_init_vs_hello_world_ratio: $(ratio "$p50_updater_init" "$p50_hello_world")"
  "updater_init_r2r_vs_hello_world_ratio: $(ratio "$p50_updater_init_r2r" "$p50_hello_world")"
)

echo
echo "# Key figures (wall time of one start: p50/p90 ms; CPU time: mean ms; ratios of p50s measured in this run)"
printf '%s\n' "${figures[@]}" | tee "$out/figures.txt"
