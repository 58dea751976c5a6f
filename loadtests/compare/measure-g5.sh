#!/usr/bin/env bash
# The official G5 harness (../shared/measure/g5-fanout-latency.sh, from a writable copy in $MEASURE_DIR)
# in SUT mode against WireEdge all-in-one: clients on cannon's /await (own token each), pushes to
# gundeck's POST /i/push/v2 (one recipient + client per push). Not needed by `wireedge-load compare`;
# this is how the issue's fan-out target is judged.
#   WIREEDGE_DLL  built host (default /tmp/art-compare/bin/WireEdge.Host/release/WireEdge.dll)
#   LOAD_DIR      keys + targets.txt from loadtests/cannon/make-tokens.mjs (default /tmp/wireedge-compare/tokens)
#   MEASURE_DIR   writable copy of shared/measure with npm install done (default /tmp/measure-peers)
#   TRANSIENT     true (default, as the harness README's example) or false (pushes stored in the log first)
#   M, RATES, ROUNDS, DURATION, ... as in g5-fanout-latency.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
DLL=${WIREEDGE_DLL:-/tmp/art-compare/bin/WireEdge.Host/release/WireEdge.dll}
LOAD_DIR=${LOAD_DIR:-/tmp/wireedge-compare/tokens}
MEASURE_DIR=${MEASURE_DIR:-/tmp/measure-peers}
M=${M:-10000}
if [[ ! -f $LOAD_DIR/targets.txt ]]; then node "$here/../cannon/make-tokens.mjs" "$LOAD_DIR" 20000 86400; fi
if [[ ! -d $MEASURE_DIR ]]; then cp -a /work/shared/measure "$MEASURE_DIR" && chmod -R u+w "$MEASURE_DIR" && (cd "$MEASURE_DIR" && npm install --no-audit --no-fund); fi
INTERNAL_PORT=${INTERNAL_PORT:-$(( 20000 + RANDOM % 9000 ))}
GARNET_PORT=$(( INTERNAL_PORT + 1 ))
DATA=$(mktemp -d /tmp/wireedge-g5-data.XXXXXX)
cd "$MEASURE_DIR"
SUT_NAME=wireedge \
SUT_CMD="exec dotnet $DLL --Listen:PublicAddress 127.0.0.1 --Listen:PublicPort \$SUT_PORT --Listen:InternalPort $INTERNAL_PORT --Redis:Port $GARNET_PORT --Edge:RateLimits:Enabled false --Wire:DataDirectory $DATA --Zauth:PrivateKeys $LOAD_DIR/secret.keys --Zauth:PublicKeys $LOAD_DIR/public.keys --Logging:LogLevel:Default Warning" \
SUT_WS_URL='ws://127.0.0.1:{port}/await?access_token={token}&client={client}' \
TARGETS_FILE=$LOAD_DIR/targets.txt TOKEN_MODE=unique M=$M \
SUT_PUBLISH_PORT=$INTERNAL_PORT SUT_PUBLISH='POST http://127.0.0.1:{port}/i/push/v2' \
SUT_PUBLISH_BODY="[{\"recipients\":[{\"user_id\":\"{user}\",\"route\":\"any\",\"clients\":[\"{client}\"]}],\"payload\":[{payload}],\"transient\":${TRANSIENT:-true}}]" \
RATES=${RATES:-2000} ROUNDS=${ROUNDS:-2} ./g5-fanout-latency.sh
