#!/usr/bin/env bash
# Drivers and upgrade paths: two fake machines (fake sysfs roots) with different hardware. The NIC driver installs on
# the machine that has the card and nowhere else; the platform goes 1.0.0 -> upgrade package (2.0.0, migrating data)
# -> 2.1.0, in that order. Exits non-zero on any mismatch.
set -euo pipefail
source "$(dirname "$0")/common.sh"

port="${PORT:-5082}"
url="http://127.0.0.1:$port"
sample_workspace drivers

# fake_machine NAME MODALIAS...: a machine folder with a fake root (os-release, PCI/USB modaliases) and its config.
fake_machine() {
  local name="$1"; shift
  local root="$work/$name/root"
  mkdir -p "$root/etc"
  printf 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n' >"$root/etc/os-release"
  local index=0
  for modalias in "$@"; do
    local bus="${modalias%%:*}"
    local device="$root/sys/bus/$bus/devices/device-$index"
    mkdir -p "$device"
    echo "$modalias" >"$device/modalias"
    index=$((index + 1))
  done
  cat >"$work/$name/updater.json" <<JSON
{ "serverUrl": "$url", "dataDirectory": "data", "installRoot": "install",
  "trustedRoot": "$work/repo/trusted-root.json", "deviceId": "$name",
  "products": ["acme.culture-platform"], "os": "linux", "arch": "x64",
  "inventory": { "root": "root" } }
JSON
}

on() { local machine="$1"; shift; updater --config "$work/$machine/updater.json" "$@"; }
link() { readlink "$work/$1/install/$2/current" 2>/dev/null || echo "(none)"; }
expect_link() { [ "$(link "$1" "$2")" = "$3" ] || fail "$1: $2 current is $(link "$1" "$2"), expected $3"; echo "$1: $2 -> $3"; }

step "Building"
build_all

step "Creating keys and the repository; starting the server"
create_repository "$work"
mkdir -p "$work/packages"
start_server "$url" "$work/data" "$work/repo/server" "$work/server.log"
echo "listening on $url"

step "Two machines: kiosk-a has the Intel I210 network card (8086:1533), kiosk-b a USB camera instead"
fake_machine kiosk-a "pci:v00008086d00003E92sv00001028sd0000085Cbc03sc00i00" "pci:v00008086d00001533sv00008086sd00000001bc02sc00i00"
fake_machine kiosk-b "pci:v00008086d00003E92sv00001028sd0000085Cbc03sc00i00" "usb:v046Dp0825d0012dcEFdsc02dp01ic0Eisc01ip00in00"
on kiosk-a inventory
on kiosk-b inventory

step "Publishing the platform 1.0.0 and the NIC driver (hardware ID pci:v00008086d00001533*)"
pack_and_publish "$url" "$work" "$repo_root/samples/products/culture-platform/1.0.0"
pack_and_publish "$url" "$work" "$repo_root/samples/products/nic-driver/1.0.0"

step "Applying on both machines"
on kiosk-a apply
on kiosk-b apply
expect_link kiosk-a acme.culture-platform versions/1.0.0
expect_link kiosk-b acme.culture-platform versions/1.0.0
expect_link kiosk-a acme.nic-driver versions/1.0.0
expect_link kiosk-b acme.nic-driver "(none)"

step "Publishing the upgrade package 1.x -> 2.0.0 and the platform 2.1.0 (installs over 2.x only)"
pack_and_publish "$url" "$work" "$repo_root/samples/products/culture-platform-upgrade/2.0.0"
pack_and_publish "$url" "$work" "$repo_root/samples/products/culture-platform/2.1.0"

step "The plan for kiosk-a: the upgrade package first, then 2.1.0"
on kiosk-a check
plan="$(on kiosk-a check --json | tr -d ' \n' \
  | grep -o '"product":"[^"]*","version":"[^"]*","kind":"[^"]*","channel":"[^"]*","mandatory":[a-z]*,"installsProduct":"[^"]*","fromVersion":"[^"]*","toVersion":"[^"]*"' \
  | sed -E 's/^"product":"([^"]*)".*"installsProduct":"([^"]*)","fromVersion":"([^"]*)","toVersion":"([^"]*)"$/\1 \2 \3->\4/' \
  | paste -sd ';' | sed 's/;/; /g')"
expected="acme.culture-platform-upgrade acme.culture-platform 1.0.0->2.0.0; acme.culture-platform acme.culture-platform 2.0.0->2.1.0"
[ "$plan" = "$expected" ] || fail "plan is '$plan', expected '$expected'"
echo "plan: $plan"

step "Applying the upgrade path on both machines"
on kiosk-a apply
on kiosk-b apply
for machine in kiosk-a kiosk-b; do
  expect_link "$machine" acme.culture-platform versions/2.1.0
  "$work/$machine/install/acme.culture-platform/current/bin/culture-platform" | grep -qx "culture-platform 2.1.0" || fail "$machine: 2.1.0 does not run"
  grep -qx "migrated from 1.0.0 to 2.0.0" "$work/$machine/install/acme.culture-platform/data/migration.log" \
    || fail "$machine: the upgrade package's migration did not run"
done
expect_link kiosk-b acme.nic-driver "(none)"

step "Status of kiosk-a"
on kiosk-a status

step "Drivers sample finished: driver only where its hardware is; upgrade path 1.0.0 -> 2.0.0 -> 2.1.0 in order"
