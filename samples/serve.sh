#!/usr/bin/env bash
# Runs the server with sample data on the embedded defaults (SQLite + filesystem): creates keys and a repository
# under .data/sample (anew each time), publishes the sample products, then serves until Ctrl-C.
set -euo pipefail
source "$(dirname "$0")/common.sh"

port="${PORT:-5080}"
url="http://127.0.0.1:$port"
work="$repo_root/.data/sample"
server_pid=""
trap 'if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi' EXIT INT TERM

echo "Building…"
build_all
rm -rf "$work"
mkdir -p "$work/packages"
echo "Creating keys and a repository in $work"
create_repository "$work"
start_server "$url" "$work/data" "$work/repo/server" "$work/server.log"
for product in culture-platform/1.0.0 culture-platform/2.0.0 culture-platform-upgrade/2.0.0 culture-platform/2.1.0 nic-driver/1.0.0; do
  pack_and_publish "$url" "$work" "$repo_root/samples/products/$product" >/dev/null
  echo "Published acme.${product%/*} ${product#*/}"
done

cat <<TEXT

UpdateServer is running on $url with sample data (log: $work/server.log).
  TUF metadata:   $url/tuf/metadata/timestamp.json
  OpenAPI:        $url/openapi/v1.json
  Trusted root:   $work/repo/trusted-root.json
  Vendor key:     $work/keys/acme.key   API key: $work/repo/vendor-api-keys/acme.txt
Try:  curl -s -X POST $url/api/v1/check -H 'content-type: application/json' \\
        -d '{"deviceId":"kiosk-1","os":"linux","arch":"x64","products":[{"id":"acme.culture-platform","installedVersion":"1.0.0"}],
             "hardwareIds":["pci:v00008086d00001533sv00008086sd00000001bc02sc00i00"]}'
Press Ctrl-C to stop.
TEXT
wait "$server_pid"
