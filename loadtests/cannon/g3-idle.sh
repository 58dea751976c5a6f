#!/usr/bin/env bash
# G3 idle capacity: cannon (one process, `--Service cannon`, distributed topology: presence lives in
# gundeck's process) vs Node `ws` 8.x, same client, same run (harness: /work/shared/measure).
#   WIREEDGE_DLL   built host (default /tmp/art-cannon/bin/WireEdge.Host/debug/WireEdge.dll)
#   LOAD_DIR       keys + targets from make-tokens.mjs (default /tmp/cannon-load)
#   MEASURE_DIR    a writable copy of /work/shared/measure with `npm install` done (default /tmp/measure-cannon)
#   GC_ENV         runtime settings for the cannon process (default 'DOTNET_GCgen0size=0x400000', the setting
#                  recommended for cannon processes: a 4 MiB gen0 budget; GC_ENV= runs the runtime defaults)
#   CANNON_ARGS    extra host arguments, e.g. '--Cannon:CompactAfterAccepts=0' or '--Cannon:LeanTransport=false'
#   N, ROUNDS      as in g3-idle-sockets.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
DLL=${WIREEDGE_DLL:-/tmp/art-cannon/bin/WireEdge.Host/debug/WireEdge.dll}
LOAD_DIR=${LOAD_DIR:-/tmp/cannon-load}
MEASURE_DIR=${MEASURE_DIR:-/tmp/measure-cannon}
N=${N:-15000}
if [[ ! -f $LOAD_DIR/targets.txt ]]; then node "$here/make-tokens.mjs" "$LOAD_DIR" "$N"; fi
if [[ ! -d $MEASURE_DIR ]]; then cp -a /work/shared/measure "$MEASURE_DIR" && chmod -R u+w "$MEASURE_DIR"; fi
mkdir -p "$LOAD_DIR/data"
cd "$MEASURE_DIR"
SUT_NAME=cannon \
SUT_CMD="exec env DOTNET_gcServer=0 ${GC_ENV-DOTNET_GCgen0size=0x400000} dotnet $DLL ${CANNON_ARGS:-} --Service=cannon --Listen:PublicAddress=127.0.0.1 --Listen:PublicPort=\$SUT_PORT --Listen:InternalPort=0 --Wire:DataDirectory=$LOAD_DIR/data --Zauth:PrivateKeys=$LOAD_DIR/secret.keys --Zauth:PublicKeys=$LOAD_DIR/public.keys --Logging:LogLevel:Default=Warning" \
SUT_WS_URL='ws://127.0.0.1:{port}/await?access_token={token}&client={client}' \
TARGETS_FILE=$LOAD_DIR/targets.txt TOKEN_MODE=unique N=$N ROUNDS=${ROUNDS:-1} ./g3-idle-sockets.sh
