#!/usr/bin/env bash
# The classic Docker DNS demonstration, with berth (root; busybox-static; nftables):
# containers on a user-defined network find each other by name through berth's embedded DNS;
# on the default network they do not, exactly as in Docker.
#   usage: samples/network-dns/run.sh      (uses a BERTH_ROOT/BERTH_RUN of its own, removed at the end)
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
export BERTH_ROOT=$work/root BERTH_RUN=$work/run
export BERTH_DNS=${BERTH_DNS:-127.0.0.1}   # names berth does not know go here, not out of the machine
berth() { "$root/berth" "$@"; }
cleanup() {
    berth rm -f bbox1 bbox3 >/dev/null 2>&1
    berth network rm noah_net >/dev/null 2>&1
    [ -f "$BERTH_RUN/berthd.pid" ] && kill "$(cat "$BERTH_RUN/berthd.pid")" 2>/dev/null && sleep 1
    # networks outlive berthd (as docker0 does); this sample's default network goes with it
    "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$root/cli/target/berth.jar" dev.berth.cli.NetworkCleanup "$BERTH_ROOT" "$BERTH_RUN"
    umount "$BERTH_RUN/netns" 2>/dev/null
    rm -rf "$work"
}
source "$root/scripts/jdk.sh" && berth_select_jdk && JAVA=$JAVA_HOME/bin/java
trap cleanup EXIT

"$root/samples/busybox/make-busybox-image.sh" >/dev/null
set -x
berth network create --driver bridge noah_net
berth run -d --network=noah_net --name=bbox1 busybox sleep 900
berth run --network=noah_net --name=bbox2 --rm busybox ping -c1 bbox1            # succeeds
berth run -d --network=bridge --name=bbox3 busybox sleep 900
berth run --network=bridge --name=bbox4 --rm busybox ping -c1 bbox3 || true     # fails: bad address 'bbox3'
