#!/bin/sh
# Sample data migration: records which version the data came from, next to the product's versions.
set -eu
data="$UPDATER_INSTALL_ROOT/$UPDATER_INSTALLS_PRODUCT/data"
mkdir -p "$data"
echo "migrated from $UPDATER_FROM_VERSION to $UPDATER_INSTALLS_VERSION" >"$data/migration.log"
echo "data migrated from $UPDATER_FROM_VERSION"
