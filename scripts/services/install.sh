#!/usr/bin/env bash
# Installs what the integration tests run against, on a fresh Debian machine: PostgreSQL and Redis from apt, Azurite
# (the Azure Blob Storage emulator) from npm at a pinned version. Starts nothing (start.sh does). Safe to repeat: what is
# already installed is left alone, so a second run takes no time.
#
#   AZURITE_HOME   where Azurite's node_modules live (default ~/.cache/updateserver/azurite-<version>), kept across clones
set -euo pipefail
source "$(dirname "$0")/versions.sh"

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> apt-get install ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x "$AZURITE_HOME/node_modules/.bin/azurite-blob" ]; then
  command -v npm >/dev/null || { echo "npm is missing (Node.js 20 is expected on this machine)" >&2; exit 1; }
  echo "==> npm install azurite@$AZURITE_VERSION into $AZURITE_HOME"
  mkdir -p "$AZURITE_HOME"
  npm install --prefix "$AZURITE_HOME" --no-audit --no-fund --loglevel=error "azurite@$AZURITE_VERSION" >/dev/null
fi
