# Shared by demo.sh and serve.sh: build once, then run the apps from their build output.
# Source it; it defines functions only.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
configuration="${CONFIGURATION:-Release}"
bin() { echo "$repo_root/src/$1/bin/$configuration/net10.0/$2.dll"; }

# build_all: builds the solution, unless UPDATESERVER_SKIP_BUILD=1 says it is built already (the test suite runs samples so).
build_all() {
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  if [ "${UPDATESERVER_SKIP_BUILD:-0}" = 1 ]; then return 0; fi
  dotnet build "$repo_root/UpdateServer.sln" -c "$configuration" -v quiet -nologo >/dev/null
}

# sample_workspace NAME: a temporary folder in `work` that is removed (and the server stopped) when the script
# exits, plus `step` and `fail` for the script's output.
sample_workspace() {
  work="$(mktemp -d -t "updateserver-$1-XXXXXX")"
  server_pid=""
  sample_name="$1"
  trap sample_cleanup EXIT
}
sample_cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
step() { printf '\n==> %s\n' "$*"; }
fail() { echo "$sample_name: FAILED: $*" >&2; exit 1; }

upkg() { dotnet "$(bin Packaging/Upkg upkg)" "$@"; }
updater() { dotnet "$(bin Updater/UpdateServer.Updater updater)" "$@"; }

# start_server URL DATA_DIR REPO_SERVER_DIR LOG: starts the server in the background, sets server_pid, waits for
# /healthz. With port 0 in URL the server picks a free port; `url` is then set to the address it listens on.
start_server() {
  local requested="$1" data="$2" repository="$3" log="$4"
  : >"$log"
  dotnet "$(bin Server/UpdateServer.Server UpdateServer.Server)" --urls "$requested" \
    --Storage:DataDirectory "$data" --Repository:Directory "$repository" >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 150); do
    if ! kill -0 "$server_pid" 2>/dev/null; then echo "the server exited; its log:" >&2; cat "$log" >&2; return 1; fi
    local listening
    listening="$(sed -n 's/.*Now listening on: \(http[^ ]*\).*/\1/p' "$log" | head -n 1 || true)"
    if [ -n "$listening" ] && curl -fsS "$listening/healthz" >/dev/null 2>&1; then
      url="$listening"
      return 0
    fi
    sleep 0.2
  done
  echo "the server did not answer on $requested within 30 s; its log:" >&2
  cat "$log" >&2
  return 1
}

# create_repository DIR: keys for root, targets and vendor acme, then `upkg repo init` into DIR/repo.
create_repository() {
  local dir="$1"
  mkdir -p "$dir/keys"
  upkg keygen --out "$dir/keys/root" >/dev/null
  upkg keygen --out "$dir/keys/targets" >/dev/null
  upkg keygen --out "$dir/keys/acme" >/dev/null
  upkg repo init --out "$dir/repo" --root-key "$dir/keys/root.key" --targets-key "$dir/keys/targets.key" \
    --vendor "acme=$dir/keys/acme.pub.json" >/dev/null
}

# pack_and_publish URL DIR PRODUCT_FOLDER: packs a sample product and publishes it as vendor acme.
pack_and_publish() {
  local url="$1" dir="$2" source="$3"
  local name; name="$(basename "$(dirname "$source")")-$(basename "$source")"
  upkg pack "$source" --out "$dir/packages/$name.upkg" >/dev/null
  upkg publish "$dir/packages/$name.upkg" --server "$url" --vendor acme --key "$dir/keys/acme.key" \
    --api-key-file "$dir/repo/vendor-api-keys/acme.txt" --os linux
}
