#!/usr/bin/env bash
# Networking figures (root; 2-core VM figures in docs/networks.md):
#  - the embedded DNS server: queries/s with one client and p50/p99 at 1k qps (Java load generator),
#    and dnsperf's figures on loopback and from inside a network namespace asking the gateway —
#    the issue's set-up for a container (apt-get install dnsperf for those);
#  - the userland port proxy's throughput on loopback (1 and 4 connections, against direct);
#  - a container endpoint's set-up time (netns + veth + address + route).
#   usage: bench/network.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../scripts/jdk.sh
source "$root/scripts/jdk.sh"
berth_select_jdk
cd "$root"
mvn -q -B -o install -DskipTests -pl engine -am >/dev/null
run() {
    mvn -B -o -pl engine surefire:test -Dtest="$1" -Dberth.bench=true -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
        | grep -vE "^\[(INFO|WARNING|ERROR)\]|^$|Tests run|^WARNING|\[0m" || true
}
echo "== embedded DNS"
run DnsServerBenchmark
echo "== port proxy"
run PortProxyBenchmark
echo "== container endpoint set-up"
run NetworkSetupBenchmark
