#!/usr/bin/env bash
# Unattended safety: a machine installs 1.0.0; the updater is killed (SIGKILL, through the UPDATER_FAULT_AT test hook)
# right after switching to 2.0.0 and before its health check; the next start undoes the half-done install, so status
# shows exactly one consistent version, and the next apply installs 2.0.0 whole. Then an offline bundle of 2.1.0 is
# built with `upkg bundle`, the server is stopped, and the bundle is applied without any network; an older bundle is
# refused. Exits non-zero on any mismatch.
set -euo pipefail
source "$(dirname "$0")/common.sh"

port="${PORT:-5083}"
url="http://127.0.0.1:$port"
sample_workspace unattended
product=acme.culture-platform

on() { updater --config "$work/kiosk/updater.json" "$@"; }
link() { readlink "$work/kiosk/install/$product/current" 2>/dev/null || echo "(none)"; }
# expect_version V: current points at V, the state names V, and no transaction is left unfinished.
expect_version() {
  [ "$(link)" = "versions/$1" ] || fail "current is $(link), expected versions/$1"
  local recorded
  recorded="$(on status --json | tr -d ' \n' | grep -o "\"$product\":{\"product\":\"$product\",\"version\":\"[^\"]*\"" | sed 's/.*"version":"\([^"]*\)"$/\1/')"
  [ "$recorded" = "$1" ] || fail "status says '$recorded', expected $1"
  [ ! -e "$work/kiosk/data/journal.json" ] || fail "a transaction is still unfinished"
  "$work/kiosk/install/$product/current/bin/culture-platform" | grep -qx "culture-platform $1" || fail "$1 does not run"
  echo "installed: $product $1 (current -> versions/$1, state $recorded, no journal)"
}

step "Building"
build_all

step "Creating keys and the repository; starting the server"
create_repository "$work"
mkdir -p "$work/packages" "$work/kiosk"
start_server "$url" "$work/data" "$work/repo/server" "$work/server.log"
echo "listening on $url"
cat >"$work/kiosk/updater.json" <<JSON
{ "serverUrl": "$url", "dataDirectory": "data", "installRoot": "install",
  "trustedRoot": "$work/repo/trusted-root.json", "deviceId": "kiosk",
  "products": ["$product"], "os": "linux", "arch": "x64" }
JSON

step "Publishing 1.0.0 and installing it"
pack_and_publish "$url" "$work" "$repo_root/samples/products/culture-platform/1.0.0" >/dev/null
on apply
expect_version 1.0.0

step "Publishing 2.0.0; finding the fault point right after the switch (on a copy of the machine)"
pack_and_publish "$url" "$work" "$repo_root/samples/products/culture-platform/2.0.0" >/dev/null
cp -a "$work/kiosk" "$work/rehearsal"
UPDATER_FAULT_TRACE="$work/trace.txt" updater --config "$work/rehearsal/updater.json" apply >/dev/null
point="$(grep -m1 ' switched$' "$work/trace.txt" | cut -d' ' -f1)"
[ -n "$point" ] || fail "the rehearsal reached no 'switched' point"
echo "fault point $point of $(wc -l <"$work/trace.txt"): $(grep -m1 ' switched$' "$work/trace.txt")"

step "Applying 2.0.0; the updater is killed at point $point, after the switch and before the health check"
set +e
UPDATER_FAULT_AT="$point" on apply
status=$?
set -e
[ "$status" -eq 137 ] || fail "the updater was not killed (exit $status)"
[ -e "$work/kiosk/data/journal.json" ] || fail "no unfinished transaction was left"
echo "killed (exit $status); current -> $(link); journal: $(tr -d ' \n' <"$work/kiosk/data/journal.json" | grep -o '"phase":"[^"]*"')"

step "Starting the updater again: status finishes or undoes the transaction first"
on status
expect_version 1.0.0

step "Applying again: 2.0.0 installs whole"
on apply
expect_version 2.0.0

step "Publishing 2.1.0 and building offline bundles with upkg (2.1.0 for the site visit, and an old one of 1.0.0)"
pack_and_publish "$url" "$work" "$repo_root/samples/products/culture-platform/2.1.0" >/dev/null
upkg bundle "$product@2.1.0" --server "$url" --root "$work/repo/trusted-root.json" --out "$work/site-visit.bundle"
upkg bundle "$product@1.0.0" --server "$url" --root "$work/repo/trusted-root.json" --out "$work/old.bundle" >/dev/null

step "Stopping the server: from now on the machine reaches nothing"
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
if curl -fsS "$url/healthz" >/dev/null 2>&1; then fail "the server still answers"; fi
echo "server stopped"

step "Applying the offline bundle"
on apply --bundle "$work/site-visit.bundle"
expect_version 2.1.0
queued="$(find "$work/kiosk/data/reports" -name '*.json' | wc -l)"
[ "$queued" -ge 1 ] || fail "no report was queued for the next online run"
echo "reports queued for the server: $queued"

step "An older bundle cannot downgrade the machine"
if on apply --bundle "$work/old.bundle" 2>"$work/refusal.txt"; then fail "the old bundle was applied"; fi
cat "$work/refusal.txt"
grep -q 'older than the installed' "$work/refusal.txt" || fail "the old bundle was refused, but not as a downgrade"
expect_version 2.1.0

step "Unattended sample finished: a kill mid-apply was undone, 2.0.0 then installed whole; the offline bundle installed 2.1.0 with the server stopped"
