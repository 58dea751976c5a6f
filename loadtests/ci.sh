#!/usr/bin/env bash
# CI load test: builds the all-in-one server and wireedge-load, starts the server (SQLite + embedded Garnet,
# temporary data directory, rate limits off), runs the `ci` profile of every shipped scenario with its
# thresholds, stops the server, and prints as its last line "N passed, N failed" over all thresholds
# (a scenario that crashes or prints no summary counts as one failed). Exit 0 only when everything passed.
#
#   loadtests/ci.sh                          every scenario (login-storm connect-storm fanout catchup edge-throughput)
#   loadtests/ci.sh fanout catchup           only these
#   loadtests/ci.sh --no-build               use the binaries already built (e.g. by tests/run-all.sh's solution build)
#   loadtests/ci.sh --fault drop-one-push    self-test: a server built with -p:WireEdgeFaults=DropOnePush (separate
#                                            artifacts path) acknowledges one push it never stores nor delivers to one
#                                            recipient; runs fanout, which must FAIL with the oracle reporting missing=1
#
# Environment:
#   WIREEDGE_LOAD_ARTIFACTS  artifacts path for the normal build (default: the projects' own bin/, so after
#                            tests/run-all.sh built the solution this is an incremental no-op)
#   WIREEDGE_LOAD_FAULT_ARTIFACTS  artifacts path of the fault build (default /tmp/wireedge-fault-artifacts)
#   WIREEDGE_LOAD_CONFIG     Debug (default) or Release
#   WIREEDGE_LOAD_RESULTS    report directory (default loadtests/results/ci-<UTC time>)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
config=${WIREEDGE_LOAD_CONFIG:-Debug}
fault=""; no_build=0
scenarios=()
while [ $# -gt 0 ]; do
  case "$1" in
    --fault) fault=${2:-}; shift 2 ;;
    --fault=*) fault=${1#--fault=}; shift ;;
    --no-build) no_build=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) scenarios+=("$1"); shift ;;
  esac
done

say() { echo "load-ci: $*"; }
fail_setup() { say "$*"; echo "0 passed, 1 failed"; exit 1; }

case "$fault" in
  "") build_props=(); artifacts=${WIREEDGE_LOAD_ARTIFACTS:-} ;;
  drop-one-push)
    build_props=(-p:WireEdgeFaults=DropOnePush)
    artifacts=${WIREEDGE_LOAD_FAULT_ARTIFACTS:-/tmp/wireedge-fault-artifacts}
    [ ${#scenarios[@]} -eq 0 ] && scenarios=(fanout) ;;
  *) fail_setup "unknown fault '$fault' (known: drop-one-push)" ;;
esac
[ ${#scenarios[@]} -eq 0 ] && scenarios=(login-storm connect-storm fanout catchup edge-throughput)

stamp=$(date -u +%Y%m%dT%H%M%SZ)
results=${WIREEDGE_LOAD_RESULTS:-$here/results/ci-$stamp${fault:+-$fault}}
mkdir -p "$results"
tmp=""; server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$server_pid" 2>/dev/null
    server_pid=""
  fi
  [ -n "$tmp" ] && rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
t0=$(date +%s)

# ---- build -------------------------------------------------------------------------------------------
lower=$(echo "$config" | tr '[:upper:]' '[:lower:]')
build() { # build <project dir> <log name>
  [ "$no_build" = 1 ] && return 0
  local args=("$root/$1" -c "$config" -nologo -clp:ErrorsOnly "${build_props[@]}")
  [ -n "$artifacts" ] && args+=(--artifacts-path "$artifacts")
  dotnet build "${args[@]}" >"$results/build-$2.log" 2>&1 || { tail -30 "$results/build-$2.log"; fail_setup "build of $1 failed"; }
}
if [ -n "$artifacts" ]; then
  host_dll="$artifacts/bin/WireEdge.Host/$lower/WireEdge.dll"
  runner_dll="$artifacts/bin/WireEdge.LoadTests/$lower/wireedge-load.dll"
else
  host_dll="$root/edge/WireEdge.Host/bin/$config/net10.0/WireEdge.dll"
  runner_dll="$root/loadtests/WireEdge.LoadTests/bin/$config/net10.0/wireedge-load.dll"
fi
build edge/WireEdge.Host host
[ -f "$host_dll" ] || fail_setup "no server binary at $host_dll"

# ---- server (starts while the runner builds) --------------------------------------------------------
tmp=$(mktemp -d /tmp/wireedge-load-ci.XXXXXX)
read -r public internal < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(" ".join(str(x.getsockname()[1]) for x in s))')
(cd "$tmp" && exec dotnet "$host_dll" --Listen:PublicPort "$public" --Listen:InternalPort "$internal" \
  --Wire:DataDirectory "$tmp/data" --Storage:Kind sqlite --Redis:Mode embedded --Redis:Port 0 \
  --Edge:RateLimits:Enabled false) >"$results/server.log" 2>&1 &
server_pid=$!
build loadtests/WireEdge.LoadTests runner
[ -f "$runner_dll" ] || fail_setup "no runner binary at $runner_dll"
t_built=$(date +%s)
say "built in $((t_built - t0)) s ($config${fault:+, fault $fault}${artifacts:+, artifacts $artifacts}$([ "$no_build" = 1 ] && echo ', --no-build'))"
ready=0
for _ in $(seq 1 300); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$internal/i/status")" = 200 ]; then ready=1; break; fi
  kill -0 "$server_pid" 2>/dev/null || { tail -20 "$results/server.log"; fail_setup "server exited during start"; }
  sleep 0.2
done
[ "$ready" = 1 ] || { tail -20 "$results/server.log"; fail_setup "server not ready after 60 s"; }
say "server pid $server_pid ready on public $public, internal $internal ($(( $(date +%s) - t_built )) s)"

# ---- scenarios ---------------------------------------------------------------------------------------
passed=0; failed=0; status=0
summary=()
for s in "${scenarios[@]}"; do
  ts=$(date +%s)
  CI=true timeout 240 dotnet "$runner_dll" "$s" --profile ci --no-progress \
    --target "http://127.0.0.1:$public" --internal "http://127.0.0.1:$internal" --out "$results" \
    >"$results/$s.log" 2>&1
  rc=$?
  cat "$results/$s.log"
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$results/$s.log" | tail -n1)
  if [ -z "$line" ]; then
    p=0; f=1; say "$s: no threshold summary (exit $rc): counted as 1 failed"
  else
    p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/'); f=$(echo "$line" | sed -E 's/.*, ([0-9]+) failed$/\1/')
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; say "$s: exit $rc with no failed threshold: counted as 1 failed"; fi
  fi
  passed=$((passed + p)); failed=$((failed + f))
  [ "$f" -eq 0 ] || status=1
  summary+=("$(printf '%-16s %3s passed, %s failed, %3s s, exit %s' "$s" "$p" "$f" "$(( $(date +%s) - ts ))" "$rc")")
  if ! kill -0 "$server_pid" 2>/dev/null; then
    say "the server died during $s"; tail -30 "$results/server.log"; failed=$((failed + 1)); status=1; server_pid=""; break
  fi
done

cleanup
say "reports and logs in $results"
for l in "${summary[@]}"; do say "$l"; done
say "total $(( $(date +%s) - t0 )) s"
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed"
exit $status
