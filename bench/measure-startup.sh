#!/usr/bin/env bash
# Start-up time of the updater, which a tuf-conformance harness starts hundreds of times: the wall time of
# `updater --metadata-dir D init root.json` (no network, one small file written), for
#   updater_init_dll   dotnet updater.dll ...   framework-dependent Release build (JIT)
#   updater_init       ./updater ...            the same build through its native launcher (apphost)
#   updater_init_r2r   ./updater ...            published with PublishReadyToRun=true (framework-dependent)
#   *_off              one runtime setting changed, through its DOTNET_ environment variable, which is what
#                      the csproj property (TieredPGO, TieredCompilation, ...) writes to runtimeconfig.json
# against hello_world, an empty console app (same InvariantGlobalization) started the same way: the floor
# every .NET program pays. Quote ratios, or absolute times only next to that floor (docs/performance.md).
#
#   bench/measure-startup.sh       RUNS=100 ROUNDS=5 by default; about 2 minutes on 2 cores
#
# The variants are timed in ROUNDS interleaved rounds of RUNS/ROUNDS runs each, so that load from other
# programs falls on all of them alike. Prints one "key: value" line per figure at the end; raw times (ms, one
# per run) land in artifacts/bench/startup (BENCH_ARTIFACTS overrides). Uses hyperfine (installed from Debian
# when missing and running as root), else (or with USE_HYPERFINE=0) a bash loop timed with date +%s%N, which
# gives no CPU times.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs="${RUNS:-100}"
rounds="${ROUNDS:-5}"
per_round=$(( (runs + rounds - 1) / rounds ))
out="${BENCH_ARTIFACTS:-$root/artifacts/bench/startup}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v hyperfine >/dev/null && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && apt-get install -y -qq hyperfine) >/dev/null 2>&1 || echo "hyperfine not installable; timing with a bash loop" >&2
fi
use_hyperfine=false
if [ "${USE_HYPERFINE:-1}" = 1 ] && command -v hyperfine >/dev/null && command -v jq >/dev/null; then
  use_hyperfine=true
fi

# Every build goes to $work (--artifacts-path): nothing touches the bin/obj folders of the source tree.
updater=src/Updater/UpdateServer.Updater
echo "== building: framework-dependent Release build, ReadyToRun publish, empty console app, a root.json"
dotnet build "$updater" -c Release --artifacts-path "$work/jit-obj" -o "$work/jit" -v quiet -nologo
dotnet publish "$updater" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  --artifacts-path "$work/r2r-obj" -o "$work/r2r" -v quiet -nologo
dotnet new console -o "$work/hello" -n hello >/dev/null
dotnet build "$work/hello" -c Release -p:InvariantGlobalization=true -o "$work/hello-bin" -v quiet -nologo
dotnet run --project bench/UpdateServer.Benchmarks -c Release -- --write-root "$work/root.json"

rm -rf "$out"
mkdir -p "$out"

# Variants: name, environment (VAR=value, or - for none), command.
init=(--metadata-dir "$work/metadata" init "$work/root.json")
names=() envs=() commands=()
variant() { names+=("$1"); envs+=("$2"); shift 2; commands+=("$(printf '%q ' "$@")"); }
variant hello_world - "$work/hello-bin/hello"
variant updater_init_dll - dotnet "$work/jit/updater.dll" "${init[@]}"
variant updater_init - "$work/jit/updater" "${init[@]}"
variant updater_init_tieredpgo_off DOTNET_TieredPGO=0 "$work/jit/updater" "${init[@]}"
variant updater_init_r2r - "$work/r2r/updater" "${init[@]}"
variant updater_init_r2r_tieredpgo_off DOTNET_TieredPGO=0 "$work/r2r/updater" "${init[@]}"
variant updater_init_r2r_tiered_compilation_off DOTNET_TieredCompilation=0 "$work/r2r/updater" "${init[@]}"
variant updater_init_r2r_quick_jit_for_loops_off DOTNET_TC_QuickJitForLoops=0 "$work/r2r/updater" "${init[@]}"
variant updater_init_r2r_gc_concurrent_off DOTNET_gcConcurrent=0 "$work/r2r/updater" "${init[@]}"

# with_env INDEX COMMAND...: runs COMMAND with the variant's environment variable, if it has one.
with_env() {
  local setting=${envs[$1]}
  shift
  if [ "$setting" = - ]; then "$@"; else env "$setting" "$@"; fi
}

# run_variant INDEX: one round of one variant; appends wall times (ms) to NAME.times, CPU means to NAME.cpu.
run_variant() {
  local name=${names[$1]} command=${commands[$1]}
  if $use_hyperfine; then
    with_env "$1" hyperfine -N --warmup 2 --runs "$per_round" --style none --export-json "$work/round.json" "$command" >/dev/null
    jq -r '.results[0].times[] * 1000' "$work/round.json" >>"$out/$name.times"
    jq -r '(.results[0].user + .results[0].system) * 1000' "$work/round.json" >>"$out/$name.cpu"
  else
    # Without hyperfine each run also pays for starting bash (the same for every variant).
    local i start end
    for ((i = 0; i < 2; i++)); do with_env "$1" bash -c "exec $command" >/dev/null; done
    for ((i = 0; i < per_round; i++)); do
      start=$(date +%s%N)
      with_env "$1" bash -c "exec $command" >/dev/null
      end=$(date +%s%N)
      awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e6 }' >>"$out/$name.times"
    done
  fi
}

for i in "${!names[@]}"; do
  with_env "$i" bash -c "exec ${commands[$i]}" >/dev/null  # a failing command fails the script here
done
echo "== timing ${#names[@]} variants: $rounds interleaved rounds of $per_round runs each"
for ((round = 1; round <= rounds; round++)); do
  for i in "${!names[@]}"; do
    run_variant "$i"
  done
  echo "   round $round done" >&2
done

figures=()
declare -A p50
for name in "${names[@]}"; do
  sorted=$(sort -g "$out/$name.times")
  p50[$name]=$(awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] }' <<<"$sorted")
  p90=$(awk '{ v[NR] = $1 } END { i = int(NR * 0.9 + 0.5); if (i < 1) i = 1; printf "%.1f", v[i] }' <<<"$sorted")
  figures+=("${name}_ms_p50: ${p50[$name]}" "${name}_ms_p90: $p90")
  if [ -s "$out/$name.cpu" ]; then
    # CPU time (user + system) moves less than wall time when other programs share the 2 cores.
    figures+=("${name}_cpu_ms_mean: $(awk '{ s += $1 } END { printf "%.1f", s / NR }' "$out/$name.cpu")")
  fi
done

# ReadyToRun code makes the assemblies bigger: the size of all .dll files of each build, in KiB.
dll_kib() { find "$1" -maxdepth 1 -name '*.dll' -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
figures+=(
  "updater_dlls_kib: $(dll_kib "$work/jit")"
  "updater_dlls_r2r_kib: $(dll_kib "$work/r2r")"
  "updater_init_r2r_vs_apphost_ratio: $(ratio "${p50[updater_init_r2r]}" "${p50[updater_init]}")"
  "updater_init_dll_vs_apphost_ratio: $(ratio "${p50[updater_init_dll]}" "${p50[updater_init]}")"
  "updater_init_vs_hello_world_ratio: $(ratio "${p50[updater_init]}" "${p50[hello_world]}")"
  "updater_init_r2r_vs_hello_world_ratio: $(ratio "${p50[updater_init_r2r]}" "${p50[hello_world]}")"
)

echo
echo "# Key figures (wall time of one start: p50/p90 ms; CPU time: mean ms; ratios of p50s measured in this run)"
printf '%s\n' "${figures[@]}" | tee "$out/figures.txt"
