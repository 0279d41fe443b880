#!/usr/bin/env bash
# Stops what start.sh started, by the PIDs it recorded in STATE_DIR, and removes the services' temporary data.
# Usage: stop.sh STATE_DIR. Safe to repeat, and to run after a partial start.
set -uo pipefail
state="${1:?usage: stop.sh STATE_DIR}"

stop_pid() { # stop_pid NAME: TERM, then KILL after 10 s
  local file="$state/$1.pid"
  [ -f "$file" ] || return 0
  local pid; pid="$(cat "$file")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  fi
  rm -f "$file"
}

# PostgreSQL's postmaster shuts down fast on SIGTERM ("smart") only without clients; SIGINT is its "fast" mode.
if [ -f "$state/postgres.pid" ]; then
  pid="$(cat "$state/postgres.pid")"
  kill -INT "$pid" 2>/dev/null
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
fi
stop_pid postgres
stop_pid redis
stop_pid azurite
if [ -f "$state/postgres.dir" ]; then
  rm -rf "$(cat "$state/postgres.dir")"
  rm -f "$state/postgres.dir"
fi
rm -f "$state/env"
