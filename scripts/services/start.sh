#!/usr/bin/env bash
# Starts PostgreSQL, Redis and Azurite (installed by install.sh) on free ports bound to 127.0.0.1, each with its data in
# a fresh temporary folder, and writes what the tests need to find them into STATE_DIR/env (sourced by scripts/test.sh):
#   UPDATESERVER_TEST_POSTGRES  Npgsql connection string of the superuser (tests create a database each)
#   UPDATESERVER_TEST_AZURITE   Azure Storage connection string of Azurite's well-known development account
#   UPDATESERVER_TEST_REDIS     StackExchange.Redis configuration string
# and each service's PID into STATE_DIR/*.pid for stop.sh. Usage: start.sh STATE_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/versions.sh"
state="${1:?usage: start.sh STATE_DIR}"
mkdir -p "$state"
state="$(cd "$state" && pwd)"

free_port() { # a random port in 20000-59999 that nothing listens on
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local limit="$1" what="$2"; shift 2
  for _ in $(seq 1 $((limit * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "$what did not become ready within ${limit}s" >&2; return 1
}
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

# PostgreSQL: initdb refuses root, so the cluster belongs to the postgres user; trust authentication, loopback only.
# Like every service here, it is started again on another port when another program took the free port first.
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
pg_dir="$(mktemp -d /tmp/updateserver-pg.XXXXXX)"
chown postgres "$pg_dir" 2>/dev/null || sudo chown postgres "$pg_dir"
as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$state/postgres-initdb.log"
for attempt in 1 2 3; do
  pg_port="$(free_port)"
  as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
    start >/dev/null && break
  cat "$pg_dir/postgres.log" >&2
  [ "$attempt" -lt 3 ] || exit 1
done
head -n 1 "$pg_dir/data/postmaster.pid" >"$state/postgres.pid"
echo "$pg_dir" >"$state/postgres.dir"
wait_for 30 PostgreSQL "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port"

# Redis: no persistence, daemonized with a pid file; a start that does not answer is stopped and tried on another port.
for attempt in 1 2 3; do
  redis_port="$(free_port)"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$state/redis.pid" --logfile "$state/redis.log"
  wait_for 20 Redis redis-cli -h 127.0.0.1 -p "$redis_port" ping && break
  cat "$state/redis.log" >&2
  [ -f "$state/redis.pid" ] && kill "$(cat "$state/redis.pid")" 2>/dev/null
  rm -f "$state/redis.pid"
  [ "$attempt" -lt 3 ] || exit 1
done

# Azurite: blobs in memory; --skipApiVersionCheck lets the newest Azure.Storage.Blobs talk to it.
for attempt in 1 2 3; do
  azurite_port="$(free_port)"
  (cd "$state" && exec nohup "$AZURITE_HOME/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$azurite_port" \
    --inMemoryPersistence --disableTelemetry --skipApiVersionCheck --silent >"$state/azurite.log" 2>&1) &
  echo $! >"$state/azurite.pid"
  # Ready when Azurite itself answers on the port (its Server header), not merely when something listens there.
  wait_for 30 Azurite bash -c "kill -0 $(cat "$state/azurite.pid") && exec 3<>/dev/tcp/127.0.0.1/$azurite_port && printf 'GET / HTTP/1.0\r\n\r\n' >&3 && timeout 2 grep -qi '^server: azurite' <&3" && break
  cat "$state/azurite.log" >&2
  kill "$(cat "$state/azurite.pid")" 2>/dev/null || true
  rm -f "$state/azurite.pid"
  [ "$attempt" -lt 3 ] || exit 1
done

# Azurite's development account and key are public, documented constants, not secrets.
account=devstoreaccount1
key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
cat >"$state/env" <<ENV
export UPDATESERVER_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Maximum Pool Size=20'
export UPDATESERVER_TEST_AZURITE='DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$azurite_port/$account;'
export UPDATESERVER_TEST_REDIS='127.0.0.1:$redis_port'
ENV
echo "services: PostgreSQL 127.0.0.1:$pg_port, Redis 127.0.0.1:$redis_port, Azurite 127.0.0.1:$azurite_port (state in $state)"
