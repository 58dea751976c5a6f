#!/usr/bin/env bash
# G1 for WireEdge: the edge (zauth-verified, forwarding /self to a trivial origin) vs nginx proxy_pass,
# same origin, same wrk, interleaved rounds, in one run. Uses the shared harness
# /work/shared/measure/g1-edge-vs-nginx.sh from a writable copy ($MEASURE, default /tmp/measure).
# Run ./setup.sh first. Environment: ROUNDS (3), INITIAL_WARMUP (30 s, so tiered JIT is done), INLINE (1),
# any other g1 variable (WRK_CONNS, WRK_DURATION, ...).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${WORK:-/tmp/wireedge-edge-load}
MEASURE=${MEASURE:-/tmp/measure}
[[ -s "$WORK/token.txt" ]] || { echo "run $HERE/setup.sh first" >&2; exit 1; }
if [[ ! -x "$MEASURE/g1-edge-vs-nginx.sh" ]]; then
  cp -a /work/shared/measure "$MEASURE" && chmod -R u+w "$MEASURE"
fi
cd "$MEASURE"
export WORK
MEASURE_COPIED=1 SUT_NAME=${SUT_NAME:-wireedge-edge} SUT_CMD="exec $HERE/sut.sh" SUT_PATH=/self \
  SUT_HEADER="Authorization: Bearer $(cat "$WORK/token.txt")" ROUNDS=${ROUNDS:-3} INITIAL_WARMUP=${INITIAL_WARMUP:-30} \
  ./g1-edge-vs-nginx.sh
