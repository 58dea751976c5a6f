#!/usr/bin/env bash
# Starts WireEdge as an edge-only process in the foreground: public port $SUT_PORT, routes /self etc.
# to brig at $ORIGIN_URL, zauth keys from setup.sh. Extra arguments are passed to the host.
# Environment: SUT_PORT, ORIGIN_URL (required); INTERNAL_PORT (default 0 = any); WORK as in setup.sh.
set -euo pipefail
WORK=${WORK:-/tmp/wireedge-edge-load}
DLL=$(cat "$WORK/host.txt")
DATA=$(mktemp -d /tmp/wireedge-edge-sut.XXXXXX)
export DOTNET_gcServer=${DOTNET_gcServer:-0}
export DOTNET_gcConcurrent=${DOTNET_gcConcurrent:-0}
export DOTNET_TieredPGO=${DOTNET_TieredPGO:-1}
# Edge-only process: run socket continuations and request processing inline on the socket threads
# (event-loop style, like nginx). INLINE=0 turns both off.
INLINE=${INLINE:-1}
if [[ $INLINE == 1 ]]; then
  export DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
  export DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT=${SOCKET_THREADS:-$(nproc)}   # one socket engine (event loop) per core
fi
exec dotnet "$DLL" --Service edge \
  --Listen:PublicAddress 127.0.0.1 --Listen:PublicPort "$SUT_PORT" --Listen:InternalPort "${INTERNAL_PORT:-0}" \
  --Edge:Upstreams:brig "$ORIGIN_URL" --Edge:RateLimits:Enabled "${RATE_LIMITS:-false}" --Edge:InlineScheduling "$([[ $INLINE == 1 ]] && echo true || echo false)" \
  --Zauth:PublicKeys "$WORK/public.keys" --Zauth:PrivateKeys "$WORK/secret.keys" \
  --Wire:DataDirectory "$DATA" --Logging:LogLevel:Default Warning \
  --Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics None "$@"
# (Hosting.Diagnostics off: ASP.NET Core then creates no Activity per request.)
