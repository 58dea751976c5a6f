#!/usr/bin/env bash
# A/B of two edge builds: CPU µs per proxied request (SUT process /proc stat over requests counted by /i/edge/stats),
# req/s and p99, both SUTs up at once, same nginx origin, same wrk -c64, alternating 10 s rounds.
# Environment: A_WORK, B_WORK (directories as made by setup.sh, each with its own host.txt), ROUNDS (4).
set -euo pipefail
OUT=$(mktemp -d /tmp/edge-ab.XXXXXX); mkdir -p $OUT/origin/tmp
ROUNDS=${ROUNDS:-4}; HERE=$(cd "$(dirname "$0")" && pwd)
: "${A_WORK:?set A_WORK}" "${B_WORK:?set B_WORK}"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
OP=$(port)
cat >$OUT/origin/nginx.conf <<NGX
worker_processes 1; pid $OUT/origin/nginx.pid; error_log $OUT/origin/error.log warn;
events { worker_connections 4096; }
http { access_log off; client_body_temp_path $OUT/origin/tmp; proxy_temp_path $OUT/origin/tmp; fastcgi_temp_path $OUT/origin/tmp;
  uwsgi_temp_path $OUT/origin/tmp; scgi_temp_path $OUT/origin/tmp; keepalive_requests 10000000; keepalive_timeout 300s;
  server { listen 127.0.0.1:$OP; location / { default_type text/plain; return 200 "$(head -c 64 /dev/zero | tr '\0' x)"; } } }
NGX
timeout 1200 nginx -p $OUT/origin -c $OUT/origin/nginx.conf -g 'daemon off;' & PIDS=($!)
trap 'for p in "${PIDS[@]}"; do kill $p 2>/dev/null || true; done' EXIT
declare -A PORT IPORT
for v in a b; do
  PORT[$v]=$(port); IPORT[$v]=$(port)
  WORK=$([[ $v == a ]] && echo "$A_WORK" || echo "$B_WORK") SUT_PORT=${PORT[$v]} INTERNAL_PORT=${IPORT[$v]} ORIGIN_URL=http://127.0.0.1:$OP timeout 1200 "$HERE/sut.sh" >$OUT/sut-$v.log 2>&1 & PIDS+=($!)
done
TOKEN=$(cat "$A_WORK/token.txt")
for v in a b; do
  for _ in $(seq 1 200); do curl -s -o /dev/null http://127.0.0.1:${IPORT[$v]}/i/status && break; sleep 0.3; done
  timeout 60 wrk -t1 -c64 -d20s -H "Authorization: Bearer $TOKEN" http://127.0.0.1:${PORT[$v]}/self >/dev/null
done
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
reqs() { curl -s http://127.0.0.1:$1/i/edge/stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["requests"])'; }
TCK=$(getconf CLK_TCK)
for r in $(seq 1 $ROUNDS); do
  for v in a b; do
    pid=$(pgrep -f "dotnet .*--Listen:PublicPort ${PORT[$v]}" | head -1)
    timeout 30 wrk -t1 -c64 -d3s -H "Authorization: Bearer $TOKEN" http://127.0.0.1:${PORT[$v]}/self >/dev/null
    c0=$(cpu $pid); q0=$(reqs ${IPORT[$v]})
    timeout 40 wrk -t1 -c64 -d10s --latency -H "Authorization: Bearer $TOKEN" http://127.0.0.1:${PORT[$v]}/self >$OUT/wrk-$v-$r.txt
    c1=$(cpu $pid); q1=$(reqs ${IPORT[$v]})
    rps=$(awk '/Requests\/sec/ {print $2}' $OUT/wrk-$v-$r.txt); p99=$(awk '$1=="99%" {print $2}' $OUT/wrk-$v-$r.txt)
    python3 -c "import sys; c=($c1-$c0)/$TCK; q=$q1-$q0; print(f'round $r {\"$v\":2s} req/s=$rps p99=$p99 cpu_us/req={c*1e6/q:.1f} load={open(\"/proc/loadavg\").read().split()[0]}')"
  done
done
echo "logs: $OUT"
