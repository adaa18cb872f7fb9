#!/usr/bin/env bash
# The README's quick start: brings the three-tier quick-start stack up with berth (no Docker, no
# registry). Makes the offline base image busybox:latest first if berth's store lacks it, then
#   berth up -d   — db starts, its health check passes, then api, then web (published on 127.0.0.1) —
# and fetches web's page from the host: web asks api by name, api asks db by name.
# `./berth down -f samples/quickstart/compose.yaml` takes it all away.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
if ! ./berth image inspect busybox:latest >/dev/null 2>&1; then
    samples/busybox/make-busybox-image.sh busybox:latest
fi
./berth up -d -f samples/quickstart/compose.yaml
port=${QUICKSTART_PORT:-8080}
for _ in $(seq 50); do
    if page=$(wget -q -O - "http://127.0.0.1:$port/cgi-bin/page" 2>/dev/null || curl -fsS "http://127.0.0.1:$port/cgi-bin/page" 2>/dev/null); then
        echo "$page"
        exit 0
    fi
    sleep 0.1
done
echo "up.sh: no answer on 127.0.0.1:$port yet; see ./berth ps -a and ./berth logs quickstart-web-1" >&2
exit 1
