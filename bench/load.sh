#!/usr/bin/env bash
# Load-time benchmark of the Compose model: generates a file with N services (default 1000) and
# loads it with berth's whole pipeline in a fresh JVM. Usage: bench/load.sh [N] [WARM_RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -f "$root/cli/target/berth.jar" ] || "$root/berth" --version >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$root/bench/gen-services.py" "${1:-1000}" > "$work/compose.yaml"
mkdir -p "$work/conf"
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp "$root/cli/target/berth.jar" "$root/bench/LoadBench.java" \
  "$work/compose.yaml" "${2:-20}"
echo "also timed: the whole command, ./berth config -q on the same file"
/usr/bin/time -f "berth config -q: %e s wall, %M KB max RSS" "$root/berth" config -q -f "$work/compose.yaml"
