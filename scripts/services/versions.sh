# Pinned versions of the services the integration tests and benchmarks run against (sourced by the scripts here).
# Debian 12 packages: PostgreSQL 15, Redis 7.0; Azurite from npm.
APT_PACKAGES=(postgresql redis-server)
AZURITE_VERSION=3.37.0
AZURITE_HOME="${AZURITE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/updateserver/azurite-$AZURITE_VERSION}"
