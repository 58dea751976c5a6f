#!/usr/bin/env bash
# Starts a private PostgreSQL and redis-server for the tests (unless the caller already points
# WIREEDGE_TEST_POSTGRES / WIREEDGE_TEST_REDIS at running ones) and exports their addresses.
# Source it:  . tests/infra/servers.sh ; stop with: wireedge_servers_stop
# Both servers live under $WIREEDGE_INFRA_DIR (default /tmp/wireedge-infra) and listen on loopback only.

WIREEDGE_INFRA_DIR=${WIREEDGE_INFRA_DIR:-/tmp/wireedge-infra}
WIREEDGE_PG_PORT=${WIREEDGE_PG_PORT:-55432}
WIREEDGE_REDIS_PORT=${WIREEDGE_REDIS_PORT:-56379}
mkdir -p "$WIREEDGE_INFRA_DIR"

wireedge_pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [ -n "$d" ] || { echo "servers.sh: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; return 1; }
  echo "$d"
}

wireedge_as_pg() {
  # initdb/postgres refuse to run as root: run them as the postgres user when we are root.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

wireedge_start_postgres() {
  if [ -n "${WIREEDGE_TEST_POSTGRES:-}" ]; then return 0; fi
  local bin data log
  bin=$(wireedge_pg_bin) || return 1
  data="$WIREEDGE_INFRA_DIR/pg-$WIREEDGE_PG_PORT"
  log="$WIREEDGE_INFRA_DIR/pg-$WIREEDGE_PG_PORT.log"
  if ! pg_isready -q -h 127.0.0.1 -p "$WIREEDGE_PG_PORT" 2>/dev/null; then
    if [ ! -f "$data/PG_VERSION" ]; then
      mkdir -p "$data"
      [ "$(id -u)" = 0 ] && chown -R postgres "$WIREEDGE_INFRA_DIR"
      wireedge_as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >"$log" 2>&1 || { cat "$log" >&2; return 1; }
    fi
    [ "$(id -u)" = 0 ] && chown postgres "$WIREEDGE_INFRA_DIR" && touch "$log" && chown postgres "$log"
    wireedge_as_pg "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$WIREEDGE_PG_PORT -c unix_socket_directories=$data -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
      || { tail -20 "$log" >&2; return 1; }
  fi
  export WIREEDGE_TEST_POSTGRES="Host=127.0.0.1;Port=$WIREEDGE_PG_PORT;Username=postgres;Database=postgres"
}

wireedge_start_redis() {
  if [ -n "${WIREEDGE_TEST_REDIS:-}" ]; then return 0; fi
  command -v redis-server >/dev/null || { echo "servers.sh: redis-server not found (apt-get install redis-server)" >&2; return 1; }
  if ! redis-cli -p "$WIREEDGE_REDIS_PORT" ping >/dev/null 2>&1; then
    redis-server --bind 127.0.0.1 --port "$WIREEDGE_REDIS_PORT" --save '' --appendonly no --daemonize yes \
      --pidfile "$WIREEDGE_INFRA_DIR/redis-$WIREEDGE_REDIS_PORT.pid" --logfile "$WIREEDGE_INFRA_DIR/redis-$WIREEDGE_REDIS_PORT.log" >/dev/null
    for _ in $(seq 1 50); do redis-cli -p "$WIREEDGE_REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
  export WIREEDGE_TEST_REDIS="127.0.0.1:$WIREEDGE_REDIS_PORT"
  export WIREEDGE_TEST_REDIS_SERVER="$(command -v redis-server)"
}

wireedge_servers_stop() {
  local bin data
  bin=$(wireedge_pg_bin 2>/dev/null) && data="$WIREEDGE_INFRA_DIR/pg-$WIREEDGE_PG_PORT" && [ -f "$data/postmaster.pid" ] \
    && wireedge_as_pg "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1
  redis-cli -p "$WIREEDGE_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}
