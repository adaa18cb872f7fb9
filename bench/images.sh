#!/usr/bin/env bash
# Image store figures: pull of a ~100 MB image (4 random, incompressible gzip layers) from a real
# registry on 127.0.0.1 (MB/s), and layer unpack speed (MB/s of tar) on this disk and on tmpfs.
# The measurements are opt-in tests (-Dberth.bench=true); they assert nothing about time.
#   usage: bench/images.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../scripts/jdk.sh
source "$root/scripts/jdk.sh"
berth_select_jdk
cd "$root"
mvn -q -B -o install -DskipTests -pl engine -am >/dev/null
# The whole command as a user runs it: ./berth pull of a ~100 MB image (download + verify +
# unpack) from a registry this script starts on 127.0.0.1 and stops again.
end_to_end() {
    local work reg pid port
    work=$(mktemp -d)
    port=$(( 20000 + RANDOM % 20000 ))
    mkdir -p "$work/rootfs"
    for i in 1 2 3 4; do head -c 26214400 /dev/urandom > "$work/rootfs/blob$i"; done
    printf 'version: 0.1\nlog: {level: error}\nstorage: {filesystem: {rootdirectory: %s}}\nhttp: {addr: 127.0.0.1:%s}\n' \
        "$work/registry" "$port" > "$work/registry.yml"
    docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
    pid=$!
    trap 'kill $pid 2>/dev/null; rm -rf "$work"' RETURN
    for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
    export BERTH_ROOT=$work/berth
    "$root/berth" image import "$work/rootfs" "127.0.0.1:$port/bench/random:1" >/dev/null
    "$root/berth" push -q "127.0.0.1:$port/bench/random:1" >/dev/null
    "$root/berth" rmi "127.0.0.1:$port/bench/random:1" >/dev/null
    local start end
    start=$(date +%s.%N)
    "$root/berth" pull -q "127.0.0.1:$port/bench/random:1" >/dev/null
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { t = e - s; printf "berth pull (download + unpack), 104.9 MB, whole command: %.2f s, %.1f MB/s\n", t, 104.9 / t }'
    unset BERTH_ROOT
}

run() { # test class, extra -D
    mvn -B -o -pl engine surefire:test -Dtest="$1" -Dberth.bench=true -Dsurefire.failIfNoSpecifiedTests=false "${@:2}" 2>&1 \
        | grep -E '^(pull|push|skopeo|unpack|layer|berth|  )' || true
}
echo "== ./berth pull, end to end"
if command -v docker-registry >/dev/null && command -v curl >/dev/null; then end_to_end; else echo "(needs docker-registry and curl)"; fi
echo "== pull/push through the local registry (registry client only, blobs into the store)"
run PullThroughputBenchmark
echo "== layer unpack, $(df --output=fstype "$root" | tail -1) (the repository's disk)"
run LayerUnpackSpeedTest
echo "== layer unpack, tmpfs (/dev/shm)"
run LayerUnpackSpeedTest -Dberth.bench.dir=/dev/shm
