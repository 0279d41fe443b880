#!/bin/sh
# Sample health check: the module file must be present.
test -f "$UPDATER_VERSION_DIR/lib/modules/acme-nic.ko"
