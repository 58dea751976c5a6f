#!/usr/bin/env bash
# Bytes allocated per proxied request by the edge (GC.GetTotalAllocatedBytes delta / requests, read from
# the internal probe GET /i/edge/stats), for the lean HTTP/1.1 forwarder and for the YARP path, in one run;
# mode status = GET /status answered by the edge without forwarding (what Kestrel and the host pipeline cost).
# Each mode: own SUT process, nginx origin (return 200, 64 bytes), wrk warm-up, then a measured wrk run.
# Environment: WORK (setup.sh), WRK_CONNS=64, WARMUP=10, DURATION=10, MODES="lean yarp".
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${WORK:-/tmp/wireedge-edge-load}
WRK_CONNS=${WRK_CONNS:-64}; WARMUP=${WARMUP:-10}; DURATION=${DURATION:-10}; MODES=${MODES:-"status lean yarp"}
TOKEN=$(cat "$WORK/token.txt")
RUN=$(mktemp -d /tmp/wireedge-edge-alloc.XXXXXX)
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
ORIGIN_PORT=$(port)
mkdir -p "$RUN/origin/tmp"
cat >"$RUN/origin/nginx.conf" <<NGX
worker_processes 1; pid $RUN/origin/nginx.pid; error_log $RUN/origin/error.log warn;
events { worker_connections 4096; }
http { access_log off; client_body_temp_path $RUN/origin/tmp; proxy_temp_path $RUN/origin/tmp; fastcgi_temp_path $RUN/origin/tmp;
  uwsgi_temp_path $RUN/origin/tmp; scgi_temp_path $RUN/origin/tmp; keepalive_requests 10000000; keepalive_timeout 300s;
  server { listen 127.0.0.1:$ORIGIN_PORT; location / { default_type text/plain; return 200 "$(head -c 64 /dev/zero | tr '\0' x)"; } } }
NGX
timeout 3600 nginx -p "$RUN/origin" -c "$RUN/origin/nginx.conf" -g 'daemon off;' & PIDS+=($!)
stat() { curl -s "http://127.0.0.1:$1/i/edge/stats"; }
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
for mode in $MODES; do
  SUT_PORT=$(port); INTERNAL_PORT=$(port)
  lean=true; [[ $mode == yarp ]] && lean=false
  path=/self; [[ $mode == status ]] && path=/status   # /status: answered by the edge itself (baseline: Kestrel + host pipeline)
  SUT_PORT=$SUT_PORT INTERNAL_PORT=$INTERNAL_PORT ORIGIN_URL="http://127.0.0.1:$ORIGIN_PORT" timeout 3600 "$HERE/sut.sh" --Edge:LeanForwarding $lean >"$RUN/sut-$mode.log" 2>&1 & PIDS+=($!)
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$INTERNAL_PORT/i/status" && break; sleep 0.3; done
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$SUT_PORT$path")
  [[ $code == 200 ]] || { echo "probe: HTTP $code"; cat "$RUN/sut-$mode.log"; exit 1; }
  timeout $((WARMUP + 20)) wrk -t1 -c"$WRK_CONNS" -d"${WARMUP}s" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$SUT_PORT$path" >/dev/null
  s0=$(stat "$INTERNAL_PORT")
  timeout $((DURATION + 20)) wrk -t1 -c"$WRK_CONNS" -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$SUT_PORT$path" >"$RUN/wrk-$mode.txt"
  s1=$(stat "$INTERNAL_PORT")
  req=$(( $(field "$s1" requests) - $(field "$s0" requests) ))
  bytes=$(( $(field "$s1" allocated_bytes) - $(field "$s0" allocated_bytes) ))
  rps=$(awk '/Requests\/sec/ {print $2}' "$RUN/wrk-$mode.txt")
  printf 'ALLOC %-5s requests=%d bytes/request=%d req/s=%s gen0=%d\n' "$mode" "$req" $((bytes / (req > 0 ? req : 1))) "$rps" $(( $(field "$s1" gen0) - $(field "$s0" gen0) ))
  kill "${PIDS[-1]}" 2>/dev/null || true; wait "${PIDS[-1]}" 2>/dev/null || true
done
echo "logs: $RUN"
