#!/usr/bin/env bash
# Bulletins: the vendor writes, seals and publishes three bulletins — a critical security bulletin about the platform,
# a bug notice about the database component (PostgreSQL) and an upgrade notice — as signed TUF targets. Two machines
# ask which bulletins bear on them: kiosk-old runs the affected versions (platform 1.0.0, PostgreSQL 15.4), kiosk-new
# does not (platform 2.0.0, PostgreSQL 16.1). Prints what `updater bulletins` shows on each; exits non-zero on any
# mismatch.
set -euo pipefail
source "$(dirname "$0")/common.sh"

port="${PORT:-5084}"
url="http://127.0.0.1:$port"
sample_workspace bulletins

# machine NAME PIN POSTGRES: a machine managing the platform pinned to PIN; its "psql --version" probe reports POSTGRES
# (echo stands in for psql, so the sample needs no database).
machine() {
  local name="$1" pin="$2" postgres="$3"
  mkdir -p "$work/$name"
  cat >"$work/$name/updater.json" <<JSON
{ "serverUrl": "$url", "dataDirectory": "data", "installRoot": "install",
  "trustedRoot": "$work/repo/trusted-root.json", "deviceId": "$name",
  "products": ["acme.culture-platform"], "os": "linux", "arch": "x64",
  "pins": { "acme.culture-platform": "$pin" },
  "inventory": { "probes": [ { "id": "postgres.server", "command": "/bin/echo", "arguments": ["psql (PostgreSQL) $postgres"],
                               "pattern": "\\\\(PostgreSQL\\\\) (?<version>[0-9.]+)" } ] } }
JSON
}

on() { local name="$1"; shift; updater --config "$work/$name/updater.json" "$@"; }
# ids NAME [OPTIONS]: the bulletin ids `updater bulletins --json` lists on a machine, comma-separated. Assign its
# output (listed="$(ids ...)") so that a failing updater stops the sample.
ids() {
  local name="$1" listed; shift
  listed="$(on "$name" bulletins --json "$@")" || fail "updater bulletins --json failed on $name"
  { grep -o '"id": "[A-Z0-9-]*"' <<<"$listed" || true; } | sed 's/.*: "\(.*\)"/\1/' | sort | paste -sd, -
}
expect() { [ "$2" = "$3" ] || fail "$1: got '$2', expected '$3'"; echo "$1: $2"; }

step "Building"
build_all

step "Creating keys and the repository; starting the server"
create_repository "$work"
mkdir -p "$work/packages" "$work/bulletins"
start_server "$url" "$work/data" "$work/repo/server" "$work/server.log"
echo "listening on $url"

step "Publishing the platform 1.0.0 and 2.0.0"
pack_and_publish "$url" "$work" "$repo_root/samples/products/culture-platform/1.0.0"
pack_and_publish "$url" "$work" "$repo_root/samples/products/culture-platform/2.0.0"

step "Writing three bulletins (upkg bulletin new)"
cat >"$work/bulletins/details.md" <<'MD'
## Impact
A crafted search request runs code as the platform user. **Install 2.0.0.**

See the [vendor advisory](https://example.org/advisories/ACME-2026-0001).
MD
upkg bulletin new ACME-2026-0001 --type security --cvss "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" \
  --title "Remote code execution in the platform's search" --summary "A crafted search request runs code as the platform user." \
  --details-file "$work/bulletins/details.md" --workaround "Disable the search page until 2.0.0 is installed." \
  --affects "acme.culture-platform=[1.0.0, 2.0.0)" --fixed "acme.culture-platform=2.0.0" --cve CVE-2026-10001 \
  --reference "https://example.org/advisories/ACME-2026-0001=Vendor advisory" --out "$work/bulletins/security.json"
upkg bulletin new ACME-2026-0002 --type bugfix --severity medium \
  --title "PostgreSQL 15 before 15.6 can corrupt the search index" --summary "After a crash the index may be corrupt; update PostgreSQL to 15.6." \
  --component "postgres.server=[15.0, 15.6)" --fixed "postgres.server=15.6" --out "$work/bulletins/database.json"
upkg bulletin new ACME-2026-0003 --type notice --severity low \
  --title "Platform 1.x reaches end of support" --summary "Upgrade to 2.0; 1.x gets no fixes after 2027-06-30." \
  --affects "acme.culture-platform=[1.0.0, 2.0.0)" --fixed "acme.culture-platform=2.0.0" --out "$work/bulletins/upgrade.json"

step "Sealing each revision (upkg bulletin sign) and publishing them as signed targets (upkg bulletin publish)"
for draft in security database upgrade; do
  upkg bulletin sign "$work/bulletins/$draft.json" --out "$work/bulletins/sealed" >/dev/null
done
upkg bulletin publish "$work"/bulletins/sealed/*.bulletin.json --server "$url" --vendor acme --key "$work/keys/acme.key" \
  --api-key-file "$work/repo/vendor-api-keys/acme.txt"

step "Two machines: kiosk-old (platform 1.0.0, PostgreSQL 15.4) and kiosk-new (platform 2.0.0, PostgreSQL 16.1)"
machine kiosk-old "[1.0.0]" 15.4
machine kiosk-new "[2.0.0]" 16.1
on kiosk-old apply >/dev/null
on kiosk-new apply >/dev/null
on kiosk-old inventory

step "kiosk-old: updater bulletins (fixes still to install)"
on kiosk-old bulletins
listed="$(ids kiosk-old)"
expect "kiosk-old affected" "$listed" "ACME-2026-0001,ACME-2026-0002,ACME-2026-0003"
listed="$(ids kiosk-old --type security)"
expect "kiosk-old security" "$listed" "ACME-2026-0001"

step "kiosk-new: updater bulletins (fixes still to install)"
on kiosk-new bulletins
listed="$(ids kiosk-new)"
expect "kiosk-new affected" "$listed" ""

step "kiosk-new: updater bulletins --installed (fixes already installed)"
on kiosk-new bulletins --installed
listed="$(ids kiosk-new --installed)"
expect "kiosk-new fixed" "$listed" "ACME-2026-0001,ACME-2026-0002,ACME-2026-0003"

step "What admins see: affected machines per bulletin (OData), the Atom feed, CSAF"
curl -fsS "$url/odata/Bulletins?\$select=id,type,severity,affectedMachines&\$orderby=id"; echo
curl -fsS "$url/feeds/bulletins.atom?minSeverity=high" | grep -o '<title[^>]*>[^<]*</title>'
curl -fsS "$url/.well-known/csaf/index.txt"
affected="$(curl -fsS "$url/odata/Bulletins('ACME-2026-0001')?\$select=affectedMachines" | grep -o '"affectedMachines":[0-9]*')"
expect "ACME-2026-0001" "$affected" '"affectedMachines":1'
echo "admin pages: $url/admin/bulletins"

step "Bulletins sample finished: kiosk-old is affected by all three, kiosk-new by none (it has every fix)"
