#!/usr/bin/env bash
# Stacks, timed: `up -d` of N busybox services (default 50), a no-op `up -d` of 10 services, and
# `down -t 0` — berth, and docker-compose (Debian's 1.29) side by side when it and dockerd are
# installed (dockerd started here in a temp dir, without iptables, stopped again).
# Root; needs busybox-static. Every service sleeps on the project's default network (with DNS).
#   usage: bench/compose.sh [N] [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../scripts/jdk.sh
source "$root/scripts/jdk.sh"
berth_select_jdk
n=${1:-50}
runs=${2:-3}
work=$(mktemp -d)
dockerd_pid=
cleanup() {
    [ -f "$work/stack-n.yaml" ] && "$root/berth" -p bench50 -f "$work/stack-n.yaml" down -t 0 >/dev/null 2>&1 || true
    [ -f "$work/stack-10.yaml" ] && "$root/berth" -p bench10 -f "$work/stack-10.yaml" down -t 0 >/dev/null 2>&1 || true
    if [ -n "$dockerd_pid" ]; then
        # what docker-compose left (a failed step): containers and networks first, then dockerd
        docker ps -aq 2>/dev/null | xargs -r docker rm -f >/dev/null 2>&1
        docker network prune -f >/dev/null 2>&1
        kill "$dockerd_pid" 2>/dev/null && wait "$dockerd_pid" 2>/dev/null
        grep " $work/" /proc/self/mountinfo | awk '{print $5}' | sort -r | xargs -r -n1 umount -l 2>/dev/null
    fi
    [ -f "$work/run/berthd.pid" ] && kill "$(cat "$work/run/berthd.pid")" 2>/dev/null
    sleep 0.5
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$root/cli/target/berth.jar" dev.berth.cli.NetworkCleanup \
        "$work/berth" "$work/run" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
export BERTH_ROOT=$work/berth BERTH_RUN=$work/run BERTH_DNS=127.0.0.1

stack() { # name (given with -p: docker-compose 1.29 has no top-level name), services
    echo "services:"
    for i in $(seq "$2"); do
        printf '  svc%s:\n    image: busybox:latest\n    command: ["sleep", "3600"]\n    stop_signal: SIGKILL\n' "$i"
    done
}
stack bench50 "$n" > "$work/stack-n.yaml"
stack bench10 10 > "$work/stack-10.yaml"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

measure() { # label, command prefix (berth or docker-compose)
    local tool=$1; shift
    local up=() noop=() down=()
    "$@" -p bench10 -f "$work/stack-10.yaml" up -d >/dev/null 2>&1 || { echo "$tool: up of the 10-service stack failed" >&2; return 1; }
    "$@" -p bench10 -f "$work/stack-10.yaml" up -d >/dev/null 2>&1   # warm: the first no-op pays for the page cache
    for _ in $(seq "$runs"); do
        # the no-op first: 10 services up and nothing else (right after the N-service up, its own
        # containers' start-up would still be on the 2 cores)
        noop+=("$(time_ms "$@" -p bench10 -f "$work/stack-10.yaml" up -d)")
        up+=("$(time_ms "$@" -p bench50 -f "$work/stack-n.yaml" up -d)")
        down+=("$(time_ms "$@" -p bench50 -f "$work/stack-n.yaml" down -t 0)")
    done
    "$@" -p bench10 -f "$work/stack-10.yaml" down -t 0 >/dev/null 2>&1
    printf '%-16s up -d of %s services: %5s ms   no-op up -d of 10: %4s ms   down -t 0 of %s: %5s ms   (medians of %s)\n' "$tool" "$n" \
        "$(printf '%s\n' "${up[@]}" | median)" "$(printf '%s\n' "${noop[@]}" | median)" "$n" "$(printf '%s\n' "${down[@]}" | median)" "$runs"
}

"$root/samples/busybox/make-busybox-image.sh" >/dev/null
"$root/berth" run --rm --network none busybox true >/dev/null   # starts berthd, warms the class-data archive
measure berth "$root/berth"

if [ -x /usr/sbin/dockerd ] && command -v docker-compose >/dev/null && command -v docker >/dev/null; then
    mkdir -p "$work/docker"
    /usr/sbin/dockerd --data-root "$work/docker/data" --exec-root "$work/docker/exec" --pidfile "$work/docker/pid" \
        -H "unix://$work/docker/sock" --iptables=false --ip6tables=false --bridge=none >"$work/docker/log" 2>&1 &
    dockerd_pid=$!
    export DOCKER_HOST=unix://$work/docker/sock
    for _ in $(seq 100); do docker info >/dev/null 2>&1 && break; sleep 0.1; done
    "$root/berth" image save busybox:latest | docker load >/dev/null
    measure docker-compose docker-compose
else
    echo "(docker-compose side: needs docker.io and docker-compose installed)"
fi
