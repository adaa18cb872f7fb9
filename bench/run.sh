#!/usr/bin/env bash
# berth run --rm busybox true, whole command (client included), median of N runs; side by side with
# `docker run --rm --network none busybox true` when Debian's dockerd is installed (started here in
# a temp dir, no bridge, no iptables, stopped again); and berth-shim's RSS per running container.
#   usage: bench/run.sh [N]     (root; needs busybox-static)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-10}
work=$(mktemp -d)
dockerd_pid=
cleanup() {
    [ -n "$dockerd_pid" ] && kill "$dockerd_pid" 2>/dev/null && wait "$dockerd_pid" 2>/dev/null
    BERTH_ROOT=$work/berth "$root/berth" rm -f rss >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
export BERTH_ROOT=$work/berth BERTH_RUN=$work/run
"$root/samples/busybox/make-busybox-image.sh" >/dev/null
"$root/berth" run --rm busybox true   # warm the class-data archive and the page cache

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

m=$(for _ in $(seq "$n"); do time_ms "$root/berth" run --rm busybox true; done | median)
echo "berth run --rm busybox true: median $m ms ($n runs, client included)"

id=$("$root/berth" run -d --name rss busybox sleep 30)
sleep 0.5
shim=$(cat "$BERTH_ROOT/containers/$id/shim.pid" 2>/dev/null || true)
[ -n "$shim" ] && grep VmRSS "/proc/$shim/status" | awk '{printf "berth-shim RSS per container: %s kB\n", $2}'
"$root/berth" rm -f rss >/dev/null

if [ -x /usr/sbin/dockerd ] && command -v docker >/dev/null; then
    mkdir -p "$work/docker"
    /usr/sbin/dockerd --data-root "$work/docker/data" --exec-root "$work/docker/exec" --pidfile "$work/docker/pid" \
        -H "unix://$work/docker/sock" --iptables=false --ip6tables=false --bridge=none >"$work/docker/log" 2>&1 &
    dockerd_pid=$!
    export DOCKER_HOST=unix://$work/docker/sock
    for _ in $(seq 100); do docker version >/dev/null 2>&1 && break; sleep 0.1; done
    "$root/berth" image save busybox:latest | docker load >/dev/null
    docker run --rm --network none busybox:latest true
    m=$(for _ in $(seq "$n"); do time_ms docker run --rm --network none busybox:latest true; done | median)
    echo "docker run --rm --network none busybox true: median $m ms ($n runs, dockerd $(docker version -f '{{.Server.Version}}'))"
else
    echo "(dockerd not installed: apt-get install docker.io for the side-by-side figure)"
fi
