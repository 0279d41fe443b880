#!/usr/bin/env bash
# Load benchmark of the server against nginx on the same machine, in the same run (docs/performance.md):
#   1. POST /api/v1/check with wrk (bench/wrk/check.lua) for a machine managing 10 products, on a catalog of 10,000
#      releases, against nginx serving a static file of the same bytes as the check response: requests/s and p99.
#      nginx is measured twice, answering a GET and answering the same POST (body read and dropped); the Kestrel floor
#      (bench --kestrel-floor: Kestrel alone writing the same bytes to the same POST) shows what the framework costs.
#   2. Downloads of a 1 GiB target from /tuf/targets/ against nginx serving the same bytes: MB/s of one stream.
#   3. The server's resident memory before the load, after it, and its peak.
# Rounds alternate between nginx and the server so that load from other programs falls on both alike; figures are
# medians over the rounds. wrk and nginx come from Debian (installed here when missing). About 8 minutes on 2 cores.
# Ends with one "key: value" line per figure; logs and wrk output land in artifacts/bench/load (BENCH_ARTIFACTS overrides).
#
# Each server is warmed up for WARMUP first: .NET compiles the hot path in tiers (quick JIT, then an instrumented tier,
# then optimised code with profile data) on a background thread that competes with the load, so a short warm-up
# measures half-compiled code; a server in production runs the optimised code.
#
#   ROUNDS=5 DURATION=10s WARMUP=15s CONNECTIONS=64 THREADS=2 DOWNLOADS=5 bench/run.sh      (the defaults)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
rounds="${ROUNDS:-5}"
duration="${DURATION:-10s}"
warmup="${WARMUP:-15s}"
connections="${CONNECTIONS:-64}"
threads="${THREADS:-2}"
downloads="${DOWNLOADS:-5}"
artifacts="${BENCH_ARTIFACTS:-$root/artifacts/bench/load}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v wrk >/dev/null || ! [ -x /usr/sbin/nginx ]; then
  echo "==> apt-get install wrk nginx"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk nginx >/dev/null
fi

echo "==> building (Release)"
dotnet build UpdateServer.sln -c Release -v quiet -nologo >/dev/null
dll() { echo "$root/$1/bin/Release/net10.0/$2.dll"; }
upkg() { dotnet "$(dll src/Packaging/Upkg upkg)" "$@"; }
bench() { dotnet "$(dll bench/UpdateServer.Benchmarks UpdateServer.Benchmarks)" "$@"; }

rm -rf "$artifacts"
mkdir -p "$artifacts"
work="$(mktemp -d -t updateserver-load-XXXXXX)"
server_pid=""
floor_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$floor_pid" ]; then kill "$floor_pid" 2>/dev/null || true; wait "$floor_pid" 2>/dev/null || true; fi
  if [ -f "$work/nginx.pid" ]; then kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

echo "==> a repository with 10,000 releases and a 1 GiB target"
mkdir -p "$work/keys" "$work/www"
for role in root targets acme; do upkg keygen --out "$work/keys/$role" >/dev/null; done
upkg repo init --out "$work/repo" --root-key "$work/keys/root.key" --targets-key "$work/keys/targets.key" \
  --vendor "acme=$work/keys/acme.pub.json" >/dev/null
head -c $((1024 * 1024 * 1024)) /dev/urandom >"$work/www/large.bin"
target="$(bench --seed-server "$work/data" "$work/repo/server" "$work/keys/acme.key" "$work/www/large.bin")"
export CHECK_REQUEST="$work/check-request.json"
bench --check-request 10 "$CHECK_REQUEST"

echo "==> starting the server and nginx"
server_port="$(free_port)"
server_url="http://127.0.0.1:$server_port"
dotnet "$(dll src/Server/UpdateServer.Server UpdateServer.Server)" --urls "$server_url" --Storage:DataDirectory "$work/data" \
  --Repository:Directory "$work/repo/server" --Logging:LogLevel:Default Warning >"$artifacts/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
  kill -0 "$server_pid" 2>/dev/null || { cat "$artifacts/server.log" >&2; echo "the server exited" >&2; exit 1; }
  curl -fsS "$server_url/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done

# The reference file: the very bytes the server answers to this check.
status="$(curl -sS -o "$work/www/check.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  --data-binary "@$CHECK_REQUEST" "$server_url/api/v1/check")"
[ "$status" = 200 ] || { echo "the check answered $status: $(cat "$work/www/check.json")" >&2; exit 1; }
response_bytes="$(stat -c %s "$work/www/check.json")"
cp "$work/www/check.json" "$artifacts/check-response.json"

nginx_port="$(free_port)"
nginx_url="http://127.0.0.1:$nginx_port"
mkdir -p "$work/nginx-temp"
chmod -R a+rX "$work"  # nginx's workers run as nobody when started by root
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx-temp/body;
  proxy_temp_path $work/nginx-temp/proxy;
  fastcgi_temp_path $work/nginx-temp/fastcgi;
  uwsgi_temp_path $work/nginx-temp/uwsgi;
  scgi_temp_path $work/nginx-temp/scgi;
  types { application/json json; application/octet-stream bin; }
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    error_page 405 =200 \$uri;  # a POST gets the file too, so nginx can answer the very request the server gets
  }
}
CONF
/usr/sbin/nginx -c "$work/nginx.conf" -p "$work" -e "$work/nginx-error.log"
for _ in $(seq 1 50); do curl -fsS -o /dev/null "$nginx_url/check.json" 2>/dev/null && break; sleep 0.1; done
cmp -s <(curl -fsS "$nginx_url/check.json") "$work/www/check.json" || { echo "nginx does not serve the reference file" >&2; exit 1; }
cmp -s <(curl -fsS -H 'Content-Type: application/json' --data-binary "@$CHECK_REQUEST" "$nginx_url/check.json") "$work/www/check.json" \
  || { echo "nginx does not answer a POST with the reference file" >&2; exit 1; }

floor_port="$(free_port)"
floor_url="http://127.0.0.1:$floor_port"
# Started without the shell function, so that $! is the process itself and kill stops it.
dotnet "$(dll bench/UpdateServer.Benchmarks UpdateServer.Benchmarks)" --kestrel-floor "$floor_url" "$work/www/check.json" \
  >"$artifacts/kestrel-floor.log" 2>&1 &
floor_pid=$!
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null --data-binary "@$CHECK_REQUEST" "$floor_url/" 2>/dev/null && break
  kill -0 "$floor_pid" 2>/dev/null || { cat "$artifacts/kestrel-floor.log" >&2; echo "the Kestrel floor exited" >&2; exit 1; }
  sleep 0.2
done
cmp -s <(curl -fsS --data-binary "@$CHECK_REQUEST" "$floor_url/") "$work/www/check.json" || { echo "the Kestrel floor does not serve the reference file" >&2; exit 1; }

rss_mb() { awk -v key="$1:" '$1 == key { printf "%.1f", $2 / 1024 }' "/proc/$server_pid/status"; }
rss_before="$(rss_mb VmRSS)"

# wrk_run NAME URL [wrk options...]: one wrk run; prints "requests_per_second p99_ms", keeps wrk's output.
wrk_run() {
  local name="$1" url="$2"; shift 2
  local out="$artifacts/wrk-$name.log"
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" "$url" >"$out"
  if grep -q 'Non-2xx' "$out" || grep -q 'Socket errors' "$out"; then
    echo "wrk against $url had errors:" >&2; cat "$out" >&2; exit 1
  fi
  awk '
    /^Requests\/sec:/ { rps = $2 }
    $1 == "99%" { v = $2; unit = v; sub(/^[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
                  p99 = unit == "us" ? v / 1000 : unit == "s" ? v * 1000 : unit == "m" ? v * 60000 : v }
    END { printf "%s %.3f\n", rps, p99 }' "$out"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "==> warm-up"
duration="$warmup" wrk_run warmup-nginx "$nginx_url/check.json" >/dev/null
duration="$warmup" wrk_run warmup-floor "$floor_url/" -s bench/wrk/check.lua >/dev/null
duration="$warmup" wrk_run warmup-check "$server_url/api/v1/check" -s bench/wrk/check.lua >/dev/null

: >"$work/check.txt"
: >"$work/nginx.txt"
: >"$work/nginx-post.txt"
: >"$work/floor.txt"
for round in $(seq 1 "$rounds"); do
  echo "==> round $round of $rounds: wrk -t$threads -c$connections -d$duration"
  nginx_result="$(wrk_run "nginx-$round" "$nginx_url/check.json")"
  nginx_post_result="$(wrk_run "nginx-post-$round" "$nginx_url/check.json" -s bench/wrk/check.lua)"
  floor_result="$(wrk_run "floor-$round" "$floor_url/" -s bench/wrk/check.lua)"
  check_result="$(wrk_run "check-$round" "$server_url/api/v1/check" -s bench/wrk/check.lua)"
  echo "   nginx GET: $nginx_result   nginx POST: $nginx_post_result   Kestrel floor: $floor_result   server check: $check_result   (requests/s, p99 ms)"
  echo "$nginx_result" >>"$work/nginx.txt"
  echo "$nginx_post_result" >>"$work/nginx-post.txt"
  echo "$floor_result" >>"$work/floor.txt"
  echo "$check_result" >>"$work/check.txt"
done
kill "$floor_pid" 2>/dev/null || true
wait "$floor_pid" 2>/dev/null || true
floor_pid=""
nginx_rps="$(cut -d' ' -f1 "$work/nginx.txt" | median)"
nginx_post_rps="$(cut -d' ' -f1 "$work/nginx-post.txt" | median)"
floor_rps="$(cut -d' ' -f1 "$work/floor.txt" | median)"
check_rps="$(cut -d' ' -f1 "$work/check.txt" | median)"
nginx_p99="$(cut -d' ' -f2 "$work/nginx.txt" | median)"
check_p99="$(cut -d' ' -f2 "$work/check.txt" | median)"

# download URL: MB/s (10^6 bytes) of one complete download to /dev/null; fails unless all bytes arrived with 200.
download() {
  local result
  result="$(curl -sS -o /dev/null -w '%{http_code} %{size_download} %{time_total}' "$1")"
  read -r code size seconds <<<"$result"
  [ "$code" = 200 ] && [ "$size" = $((1024 * 1024 * 1024)) ] || { echo "download of $1: $result" >&2; exit 1; }
  awk -v size="$size" -v s="$seconds" 'BEGIN { printf "%.1f\n", size / s / 1e6 }'
}
echo "==> download warm-up (not counted)"
download "$nginx_url/large.bin" >/dev/null
download "$server_url/$target" >/dev/null
: >"$work/download-nginx.txt"
: >"$work/download-server.txt"
for round in $(seq 1 "$downloads"); do
  echo "==> download $round of $downloads: 1 GiB, one stream"
  download "$nginx_url/large.bin" | tee -a "$work/download-nginx.txt" | sed 's/^/   nginx MB\/s: /'
  download "$server_url/$target" | tee -a "$work/download-server.txt" | sed 's/^/   server MB\/s: /'
done
nginx_mbps="$(median <"$work/download-nginx.txt")"
server_mbps="$(median <"$work/download-server.txt")"
rss_after="$(rss_mb VmRSS)"
rss_peak="$(rss_mb VmHWM)"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", a / b }'; }
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD 2>/dev/null || echo '+changes')"
  echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "versions: $(dotnet --version) SDK, $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), $(/usr/sbin/nginx -v 2>&1 | sed 's/.*: //')"
  echo
  echo "# Key figures (medians of $rounds rounds of wrk -t$threads -c$connections -d$duration; ratios against nginx in the same run)"
  echo "check_response_bytes: $response_bytes"
  echo "check_rps: $check_rps"
  echo "nginx_static_rps: $nginx_rps"
  echo "check_vs_nginx_rps_ratio: $(ratio "$check_rps" "$nginx_rps")"
  echo "nginx_post_rps: $nginx_post_rps"
  echo "check_vs_nginx_post_rps_ratio: $(ratio "$check_rps" "$nginx_post_rps")"
  echo "kestrel_floor_rps: $floor_rps"
  echo "check_vs_kestrel_floor_rps_ratio: $(ratio "$check_rps" "$floor_rps")"
  echo "kestrel_floor_vs_nginx_post_rps_ratio: $(ratio "$floor_rps" "$nginx_post_rps")"
  echo "check_p99_ms: $check_p99"
  echo "nginx_static_p99_ms: $nginx_p99"
  echo "check_vs_nginx_p99_ratio: $(ratio "$check_p99" "$nginx_p99")"
  echo "download_mb_per_s: $server_mbps"
  echo "nginx_download_mb_per_s: $nginx_mbps"
  echo "download_vs_nginx_ratio: $(ratio "$server_mbps" "$nginx_mbps")"
  echo "server_rss_before_mb: $rss_before"
  echo "server_rss_after_mb: $rss_after"
  echo "server_rss_peak_mb: $rss_peak"
} | tee "$artifacts/figures.txt"
