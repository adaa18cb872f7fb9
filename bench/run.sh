#!/usr/bin/env bash
# Container start, measured three ways (root; needs busybox-static; curl for the daemon side):
#  1. `berth run --rm busybox true`, the whole command (client JVM included), median of N runs;
#  2. berthd's side: create -> start -> exit seen, over berthd's API with curl (the client's own
#     start left out), median of N; the same in process (ContainerStartBenchmark, through Maven);
#     and `berth exec` into a running container;
#  3. berth-shim's RSS per running container;
# side by side with `docker run --rm --network none busybox true` when Debian's dockerd is
# installed (started here in a temp dir, no bridge, no iptables, stopped again).
#   usage: bench/run.sh [N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../scripts/jdk.sh
source "$root/scripts/jdk.sh"
berth_select_jdk
n=${1:-20}
work=$(mktemp -d)
dockerd_pid=
cleanup() {
    [ -n "$dockerd_pid" ] && kill "$dockerd_pid" 2>/dev/null && wait "$dockerd_pid" 2>/dev/null
    "$root/berth" rm -f rss >/dev/null 2>&1 || true
    [ -f "$work/run/berthd.pid" ] && kill "$(cat "$work/run/berthd.pid")" 2>/dev/null
    sleep 0.5
    # the default network's bridge and rules outlive berthd (as docker0 does): this engine's go with it
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$root/cli/target/berth.jar" dev.berth.cli.NetworkCleanup \
        "$work/berth" "$work/run" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
export BERTH_ROOT=$work/berth BERTH_RUN=$work/run
"$root/samples/busybox/make-busybox-image.sh" >/dev/null
"$root/berth" run --rm busybox true   # starts berthd; warms the class-data archive and the page cache
for _ in $(seq 30); do "$root/berth" run -d --rm --network none busybox true >/dev/null; done   # berthd's JIT: it is a long-lived process

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

m=$(for _ in $(seq "$n"); do time_ms "$root/berth" run --rm --network none busybox true; done | median)
echo "berth run --rm --network none busybox true: median $m ms ($n runs, client included)"
m=$(for _ in $(seq "$n"); do time_ms "$root/berth" run --rm busybox true; done | median)
echo "berth run --rm busybox true (default bridge network): median $m ms ($n runs, client included)"

sock=$BERTH_RUN/berthd.sock
api() { curl -s --unix-socket "$sock" "$@"; }
daemon_side() { # create, start, wait for the exit: berthd's time for one container (curl's own start left out)
    local r id tc ts tw
    r=$(api -w '\n%{time_total}' -X POST -H 'Content-Type: application/json' -d '{"Image":"busybox","Cmd":["true"],"HostConfig":{"NetworkMode":"none"}}' \
        http://berthd/containers/create)
    id=$(echo "$r" | head -1 | sed 's/.*"Id":"\([0-9a-f]*\)".*/\1/')
    tc=$(echo "$r" | tail -1)
    ts=$(api -o /dev/null -w '%{time_total}' -X POST "http://berthd/containers/$id/start")
    tw=$(api -o /dev/null -w '%{time_total}' -X POST "http://berthd/containers/$id/wait?condition=not-running")
    api -X DELETE "http://berthd/containers/$id" >/dev/null
    echo "$tc $ts $tw" | awk '{printf "%d\n", ($1 + $2 + $3) * 1000000}'
}
if command -v curl >/dev/null; then
    m=$(for _ in $(seq "$n"); do daemon_side; done | median)
    echo "berthd create -> start -> exit (true), over the API: median $((m / 1000)).$(( (m % 1000) / 100 )) ms ($n runs: the three calls' time in curl)"
fi

# the same in process (EngineService, no HTTP), 200 warm-up runs: berthd's own part
if (cd "$root" && mvn -B -o -q install -DskipTests -pl engine -am >/dev/null 2>&1); then
    (cd "$root" && mvn -B -o -pl engine surefire:test -Dtest=ContainerStartBenchmark -Dberth.bench=true \
        -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E '^berthd') || true
else
    echo "(in-process figure: mvn install of the engine failed)"
fi

"$root/berth" run -d --name rss busybox sleep 300 >/dev/null
m=$(for _ in $(seq "$n"); do time_ms "$root/berth" exec rss true; done | median)
echo "berth exec rss true: median $m ms ($n runs, client included)"
id=$("$root/berth" ps -q --no-trunc --filter name=rss)
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
