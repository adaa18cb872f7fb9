#!/usr/bin/env bash
# The README's quick start: brings the quick-start stack up with berth (no Docker, no registry).
# Makes the offline base image busybox:latest first if berth's store lacks it, then
#   berth up -d   — web starts, its health check passes, then client fetches web's page by name —
# and shows what client got. `./berth down -f samples/quickstart/compose.yaml` takes it all away.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
if ! ./berth image inspect busybox:latest >/dev/null 2>&1; then
    samples/busybox/make-busybox-image.sh busybox:latest
fi
./berth up -d -f samples/quickstart/compose.yaml
./berth wait quickstart-client-1 >/dev/null
echo "client got: $(./berth logs quickstart-client-1)"
