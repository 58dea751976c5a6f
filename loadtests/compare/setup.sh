#!/usr/bin/env bash
# One-time setup for `wireedge-load compare ...` (see loadtests/README.md, "Side-by-side comparisons").
# Builds (Release, artifacts in $ART, default /tmp/art-compare) the WireEdge host, the runner and the
# raw-floor server, installs the Node peer's `ws` from package-lock.json, and prints the command
# prefix to use. Peers from Debian: apt-get install -y nginx-light pushpin redis-server (pushpin pulls
# condure and zurl).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
ART=${ART:-/tmp/art-compare}
for tool in nginx pushpin condure zurl redis-server node npm; do
  command -v "$tool" >/dev/null || echo "missing: $tool (apt-get install -y nginx-light pushpin redis-server nodejs npm)" >&2
done
(cd "$here/node" && npm ci --no-audit --no-fund)
for proj in edge/WireEdge.Host loadtests/WireEdge.LoadTests loadtests/compare/RawFloor; do
  dotnet build "$repo/$proj" -c Release --artifacts-path "$ART" -v q -nologo
done
cat <<EOT
ready. Run from $repo:
  LOAD="dotnet $ART/bin/WireEdge.LoadTests/release/wireedge-load.dll"
  \$LOAD compare edge     --host $ART/bin/WireEdge.Host/release/WireEdge.dll
  \$LOAD compare idle     --host $ART/bin/WireEdge.Host/release/WireEdge.dll --sockets 15000
  \$LOAD compare fanout   --host $ART/bin/WireEdge.Host/release/WireEdge.dll --raw-floor $ART/bin/RawFloor/release/raw-floor.dll --clients 10000 --rates 2000
  \$LOAD compare presence --host $ART/bin/WireEdge.Host/release/WireEdge.dll
EOT
