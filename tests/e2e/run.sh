#!/usr/bin/env bash
# End-to-end suite: the official Wire client library against a WireEdge started here, then stopped.
#   tests/e2e/run.sh all-in-one    one process: SQLite + embedded Garnet, temporary data directory
#   tests/e2e/run.sh distributed   PostgreSQL + redis-server, and edge, brig, galley, gundeck and two
#                                  cannons as separate processes of the same binary
# Prints node's test output, then one closing line "N passed, N failed"; exits non-zero on failure.
# Environment: WIREEDGE_E2E_HOST_DLL=<path to WireEdge.dll> skips the build (developers with their own
# artifacts path); WIREEDGE_E2E_ACCESS_TTL (default 20) is the access-token lifetime the backend gets.
set -uo pipefail
topology=${1:-all-in-one}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
logs="$here/.logs/$topology"
# Two runs of one topology at once would delete each other's logs: a second run waits for the first.
mkdir -p "$here/.logs"; exec 9>"$here/.logs/$topology.lock"
flock -n 9 || { echo "e2e[$topology]: another run of this topology is in progress; waiting for it"; flock 9; }
rm -rf "$logs"; mkdir -p "$logs"
export WIREEDGE_E2E_ACCESS_TTL=${WIREEDGE_E2E_ACCESS_TTL:-20}
# The library gzips JSON bodies unless NODE_ENV=test: run as real clients do.
unset NODE_ENV

pids=(); names=(); tmp=""; database=""
say() { echo "e2e[$topology]: $*"; }
fail() { say "$*"; echo "0 passed, 1 failed"; exit 1; }

cleanup() {
  local i
  # Processes the fault tests started again (a restarted cannon or redis-server) are listed here.
  if [ -n "$tmp" ] && [ -f "$tmp/spawned.pids" ]; then
    while read -r i; do [ -n "$i" ] && pids+=("$i"); done <"$tmp/spawned.pids"
  fi
  for i in "${!pids[@]}"; do kill "${pids[$i]}" 2>/dev/null; done
  for _ in $(seq 1 50); do
    local alive=0
    for i in "${!pids[@]}"; do kill -0 "${pids[$i]}" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break; sleep 0.2
  done
  for i in "${!pids[@]}"; do kill -9 "${pids[$i]}" 2>/dev/null; done
  if [ -n "$database" ]; then
    psql "$pg_admin" -q -c "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  [ -n "$tmp" ] && rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- prerequisites: node modules and the server binary -------------------------------------------
if [ ! -d "$here/node_modules/@wireapp/api-client" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >"$logs/npm.log" 2>&1 || { cat "$logs/npm.log"; fail "npm ci failed"; }
fi
dll=${WIREEDGE_E2E_HOST_DLL:-}
if [ -z "$dll" ]; then
  # Incremental: after tests/run-all.sh built the solution this is a no-op.
  dotnet build "$root/edge/WireEdge.Host" -nologo -clp:ErrorsOnly >"$logs/build.log" 2>&1 || { tail -30 "$logs/build.log"; fail "build failed"; }
  dll="$root/edge/WireEdge.Host/bin/Debug/net10.0/WireEdge.dll"
fi
[ -f "$dll" ] || fail "no server binary at $dll"

tmp=$(mktemp -d /tmp/wireedge-e2e.XXXXXX)
free_ports() { node -e '
  const net = require("net"); const n = Number(process.argv[1]); const servers = [];
  (async () => { for (let i = 0; i < n; i++) { const s = net.createServer(); await new Promise(r => s.listen(0, "127.0.0.1", r)); servers.push(s); }
    console.log(servers.map(s => s.address().port).join(" ")); servers.forEach(s => s.close()); })();' "$1"; }

# start <name> <args...>: one server process, logging to .logs/<topology>/<name>.log
start() {
  local name=$1; shift
  (cd "$tmp" && exec dotnet "$dll" "$@") >"$logs/$name.log" 2>&1 9>&- &
  pids+=($!); names+=("$name")
}

# ready <name> <internal port>: waits (bounded) until GET /i/status is 200, or the process died
ready() {
  local name=$1 port=$2 i pid
  pid=${pids[$((${#pids[@]} - 1))]}
  for i in "${!names[@]}"; do [ "${names[$i]}" = "$name" ] && pid=${pids[$i]}; done
  for _ in $(seq 1 300); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/i/status")" = 200 ]; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { tail -20 "$logs/$name.log"; fail "$name exited during start"; }
    sleep 0.2
  done
  tail -20 "$logs/$name.log"; fail "$name not ready after 60 s"
}

common=(--Brig:AccessTokenTimeoutSeconds "$WIREEDGE_E2E_ACCESS_TTL" --Edge:RateLimits:Enabled false)

case "$topology" in
  all-in-one)
    read -r public internal < <(free_ports 2)
    start all-in-one --Listen:PublicPort "$public" --Listen:InternalPort "$internal" \
      --Wire:DataDirectory "$tmp/data" --Storage:Kind sqlite --Redis:Mode embedded --Redis:Port 0 "${common[@]}"
    ready all-in-one "$internal"
    export WIREEDGE_E2E_GUNDECK_INTERNAL="http://127.0.0.1:$internal" WIREEDGE_E2E_CANNONS=1
    ;;
  distributed)
    . "$root/tests/infra/servers.sh"
    wireedge_start_postgres || fail "could not start PostgreSQL"
    # A fresh database on that server for this run (dropped at exit).
    pg_field() { echo "$WIREEDGE_TEST_POSTGRES" | tr ';' '\n' | sed -n "s/^ *$1 *= *//Ip" | head -n1; }
    pg_host=$(pg_field Host); pg_port=$(pg_field Port); pg_user=$(pg_field Username); pg_password=$(pg_field Password)
    export PGPASSWORD="$pg_password"
    pg_admin="host=${pg_host:-127.0.0.1} port=${pg_port:-5432} user=${pg_user:-postgres} dbname=postgres"
    database="wireedge_e2e_$$_$RANDOM"
    psql "$pg_admin" -q -c "CREATE DATABASE \"$database\"" >"$logs/psql.log" 2>&1 || { cat "$logs/psql.log"; database=""; fail "could not create database"; }
    pg="Host=${pg_host:-127.0.0.1};Port=${pg_port:-5432};Username=${pg_user:-postgres};Database=$database"
    [ -n "$pg_password" ] && pg="$pg;Password=$pg_password"
    read -r public p_brig p_galley p_gundeck p_cannon1 p_cannon2 p_edge p_cargohold pub_cannon1 pub_cannon2 p_redis < <(free_ports 11)
    # A redis-server of this run only (no persistence): the fault tests restart it empty.
    command -v redis-server >/dev/null || fail "redis-server not found (apt-get install redis-server)"
    redis_argv=(redis-server --bind 127.0.0.1 --port "$p_redis" --save '' --appendonly no)
    ("${redis_argv[@]}") >"$logs/redis.log" 2>&1 9>&- &
    pids+=($!); names+=(redis)
    for _ in $(seq 1 100); do redis-cli -p "$p_redis" ping >/dev/null 2>&1 && break; sleep 0.2; done
    redis-cli -p "$p_redis" ping >/dev/null 2>&1 || fail "redis-server did not start"
    storage=(--Storage:Kind postgres --Storage:ConnectionString "$pg" --Redis:Mode external --Redis:Configuration "127.0.0.1:$p_redis")
    peers=(--Peers:brig "http://127.0.0.1:$p_brig" --Peers:galley "http://127.0.0.1:$p_galley"
           --Peers:gundeck "http://127.0.0.1:$p_gundeck" --Peers:cannon "http://127.0.0.1:$p_cannon1"
           --Peers:cargohold "http://127.0.0.1:$p_cargohold")
    # One data directory for all: the first process generates the zauth keys there, the others load them.
    shared=(--Wire:DataDirectory "$tmp/data" "${storage[@]}" "${peers[@]}" "${common[@]}")
    (cd "$tmp" && dotnet "$dll" migrate "${shared[@]}") >"$logs/migrate.log" 2>&1 || { cat "$logs/migrate.log"; fail "migrations failed"; }
    start brig --Service brig --Listen:InternalPort "$p_brig" --Storage:MigrateOnStart false "${shared[@]}"
    ready brig "$p_brig"
    start galley --Service galley --Listen:InternalPort "$p_galley" --Storage:MigrateOnStart false "${shared[@]}"
    start gundeck --Service gundeck --Listen:InternalPort "$p_gundeck" --Storage:MigrateOnStart false "${shared[@]}"
    start cargohold --Service cargohold --Listen:InternalPort "$p_cargohold" --Storage:MigrateOnStart false "${shared[@]}"
    # Cannons also open a public listener (loopback here); the edge reaches them on the internal one.
    cannon1=(--Service cannon --Listen:InternalPort "$p_cannon1" --Listen:PublicAddress 127.0.0.1 --Listen:PublicPort "$pub_cannon1" \
      --Storage:MigrateOnStart false "${shared[@]}")
    cannon2=(--Service cannon --Listen:InternalPort "$p_cannon2" --Listen:PublicAddress 127.0.0.1 --Listen:PublicPort "$pub_cannon2" \
      --Storage:MigrateOnStart false "${shared[@]}")
    start cannon1 "${cannon1[@]}"
    start cannon2 "${cannon2[@]}"
    start edge --Service edge --Listen:PublicPort "$public" --Listen:InternalPort "$p_edge" --Storage:MigrateOnStart false "${shared[@]}" \
      --Edge:Upstreams:cannon "http://127.0.0.1:$p_cannon1,http://127.0.0.1:$p_cannon2"
    ready galley "$p_galley"; ready gundeck "$p_gundeck"; ready cargohold "$p_cargohold"
    ready cannon1 "$p_cannon1"; ready cannon2 "$p_cannon2"; ready edge "$p_edge"
    export WIREEDGE_E2E_GUNDECK_INTERNAL="http://127.0.0.1:$p_gundeck" WIREEDGE_E2E_CANNONS=2
    # For test/07-faults: what to kill, freeze and restart (argv as JSON arrays, run in WORKDIR). Every
    # process a test starts appends its pid to SPAWNED_PIDS, and cleanup stops those too.
    pid_of() { local i; for i in "${!names[@]}"; do [ "${names[$i]}" = "$1" ] && echo "${pids[$i]}"; done; }
    jarr() { node -e 'process.stdout.write(JSON.stringify(process.argv.slice(1)))' -- "$@"; }
    export WIREEDGE_E2E_WORKDIR="$tmp" WIREEDGE_E2E_SPAWNED_PIDS="$tmp/spawned.pids" WIREEDGE_E2E_LOGS="$logs" \
      WIREEDGE_E2E_REDIS_PORT="$p_redis" WIREEDGE_E2E_REDIS_PID="$(pid_of redis)" WIREEDGE_E2E_REDIS_ARGV="$(jarr "${redis_argv[@]}")" \
      WIREEDGE_E2E_CANNON_PIDS="$(pid_of cannon1) $(pid_of cannon2)" \
      WIREEDGE_E2E_CANNON_INTERNALS="http://127.0.0.1:$p_cannon1 http://127.0.0.1:$p_cannon2" \
      WIREEDGE_E2E_CANNON1_ARGV="$(jarr dotnet "$dll" "${cannon1[@]}")" WIREEDGE_E2E_CANNON2_ARGV="$(jarr dotnet "$dll" "${cannon2[@]}")"
    ;;
  *) fail "unknown topology '$topology' (all-in-one or distributed)" ;;
esac
say "backend ready: $(for i in "${!names[@]}"; do printf '%s(pid %s) ' "${names[$i]}" "${pids[$i]}"; done)"

# ---- the suite ---------------------------------------------------------------------------------------
export WIREEDGE_E2E_REST="http://127.0.0.1:$public" WIREEDGE_E2E_WS="ws://127.0.0.1:$public"
export WIREEDGE_E2E_TOPOLOGY="$topology" WIREEDGE_E2E_ENDPOINT_LOG="$logs/endpoints.log"
: >"$WIREEDGE_E2E_ENDPOINT_LOG"
(cd "$here" && timeout 900 node --test --test-concurrency=1 --test-reporter=tap test/) 2>&1 | tee "$logs/suite.tap"
status=${PIPESTATUS[0]}

sort "$WIREEDGE_E2E_ENDPOINT_LOG" | uniq -c | sort -k2 >"$logs/endpoints.txt"
say "endpoints the official client called: $logs/endpoints.txt ($(wc -l <"$logs/endpoints.txt") distinct)"
passed=$(grep -E '^# pass [0-9]+' "$logs/suite.tap" | tail -n1 | awk '{print $3}')
failed=$(grep -E '^# fail [0-9]+' "$logs/suite.tap" | tail -n1 | awk '{print $3}')
skipped=$(grep -E '^# (skipped|todo|cancelled) [0-9]+' "$logs/suite.tap" | awk '{s += $3} END {print s + 0}')
if [ -z "$passed" ] || [ -z "$failed" ]; then
  say "node --test printed no summary (exit $status)"; echo "${passed:-0} passed, $(( ${failed:-0} + 1 )) failed"; exit 1
fi
# A skipped, cancelled or todo test proves nothing: count it as failed.
failed=$((failed + skipped))
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
