#!/usr/bin/env bash
# Builds the host (Release) and makes a zauth key pair and an access token for the edge load tests.
# Output (in $WORK, default /tmp/wireedge-edge-load): host path in host.txt, public.keys, secret.keys, token.txt.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-/tmp/wireedge-edge-load}
ART=${ART:-/tmp/art-edge}
mkdir -p "$WORK"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  dotnet build "$REPO/edge/WireEdge.Host" -c Release --artifacts-path "$ART" -v q -nologo >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; exit 1; }
  dotnet build "$REPO/auth-zauth/WireEdge.Zauth.Cli" -c Release --artifacts-path "$ART" -v q -nologo >>"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; exit 1; }
fi
HOST_DLL="$ART/bin/WireEdge.Host/release/WireEdge.dll"
CLI_DLL="$ART/bin/WireEdge.Zauth.Cli/release/zauth.dll"
[[ -f "$HOST_DLL" && -f "$CLI_DLL" ]] || { echo "missing $HOST_DLL or $CLI_DLL" >&2; exit 1; }
echo "$HOST_DLL" >"$WORK/host.txt"
if [[ ! -s "$WORK/token.txt" ]]; then
  keys=$(dotnet "$CLI_DLL" keygen)
  sed -n 's/^public: //p' <<<"$keys" >"$WORK/public.keys"
  sed -n 's/^secret: //p' <<<"$keys" >"$WORK/secret.keys"
  dotnet "$CLI_DLL" create --secret-keys "$WORK/secret.keys" --type access --user "$(cat /proc/sys/kernel/random/uuid)" \
    --client 1a2b3c --connection 42 --ttl 604800 | tail -1 >"$WORK/token.txt"
fi
echo "host: $HOST_DLL"
echo "token: $(cut -c1-20 "$WORK/token.txt")... (in $WORK/token.txt)"
