#!/usr/bin/env bash
# A newcomer's tour: starts the server on the embedded defaults, creates keys and a repository, publishes the
# sample platform 1.0.0, installs it with the updater into a temporary install root, publishes 2.0.0, updates,
# and checks every installed file against the package. Exits non-zero if any step fails.
set -euo pipefail
source "$(dirname "$0")/common.sh"

port="${PORT:-5081}"
url="http://127.0.0.1:$port"
sample_workspace demo

step "Building"
build_all

step "Creating keys (root, targets, vendor acme) and the repository"
create_repository "$work"
mkdir -p "$work/packages"
ls "$work/repo/server"

step "Starting the server on $url (SQLite + files in $work/data)"
start_server "$url" "$work/data" "$work/repo/server" "$work/server.log"

step "Publishing acme.culture-platform 1.0.0"
pack_and_publish "$url" "$work" "$repo_root/samples/products/culture-platform/1.0.0"

step "Installing with the updater"
mkdir -p "$work/machine"
cat >"$work/machine/updater.json" <<JSON
{ "serverUrl": "$url", "dataDirectory": "data", "installRoot": "install",
  "trustedRoot": "$work/repo/trusted-root.json", "deviceId": "demo-machine",
  "products": ["acme.culture-platform"], "os": "linux" }
JSON
updater --config "$work/machine/updater.json" apply
current="$work/machine/install/acme.culture-platform/current"
[ "$(readlink "$current")" = "versions/1.0.0" ] || fail "current does not point at 1.0.0"
"$current/bin/culture-platform"

step "Publishing acme.culture-platform 2.0.0"
pack_and_publish "$url" "$work" "$repo_root/samples/products/culture-platform/2.0.0"

step "Checking and updating"
updater --config "$work/machine/updater.json" check
updater --config "$work/machine/updater.json" apply
[ "$(readlink "$current")" = "versions/2.0.0" ] || fail "current does not point at 2.0.0"
"$current/bin/culture-platform"

step "Comparing every installed file with the package payload"
diff -r "$repo_root/samples/products/culture-platform/2.0.0/payload" "$current/" || fail "installed files differ from the package"
echo "identical"

step "Status"
updater --config "$work/machine/updater.json" status

step "Demo finished: publish -> install -> publish -> update, every file verified"
