#!/bin/sh
# Sample health check: the new entry point runs and reports the version being installed.
"$UPDATER_VERSION_DIR/bin/culture-platform" | grep -qx "culture-platform $UPDATER_INSTALLS_VERSION"
