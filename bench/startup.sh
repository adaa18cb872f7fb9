#!/usr/bin/env bash
# Start-up benchmark: prints the median wall time of two short ./berth runs.
#   bench/startup.sh            (RUNS=30 for more runs, NO_HYPERFINE=1 for the plain loop)
# Uses hyperfine when installed (apt-get install -y hyperfine), else a plain loop.
# A measurement, not a test: nothing here fails on a slow machine.
set -euo pipefail
root=$(dirname "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")")
cd "$root"
runs=${RUNS:-20}
commands=(
    "./berth config -q -f samples/quickstart/compose.yaml"
    "./berth --version"
)

# Build the jar if needed and let the first run write the class-data archive: not measured.
for c in "${commands[@]}"; do $c >/dev/null; done

if [[ "${NO_HYPERFINE:-}" != 1 ]] && command -v hyperfine >/dev/null; then
    csv=$(mktemp)
    trap 'rm -f "$csv"' EXIT
    hyperfine -N --style none --warmup 3 --runs "$runs" --export-csv "$csv" "${commands[@]}" >/dev/null
    # columns: command,mean,stddev,median,user,system,min,max (seconds). CPU time (user+sys) is
    # shown too: on a busy machine it varies much less than wall time.
    tail -n +2 "$csv" | awk -F, -v n="$runs" '{ printf "median %7.1f ms  (min %.1f, max %.1f, cpu %.1f, %s runs)  %s\n", $4 * 1000, $7 * 1000, $8 * 1000, ($5 + $6) * 1000, n, $1 }'
else
    for c in "${commands[@]}"; do
        times=()
        for ((i = 0; i < runs; i++)); do
            start=$(date +%s%N)
            $c >/dev/null
            end=$(date +%s%N)
            times+=($(( (end - start) / 1000 )))
        done
        median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
        awk -v us="$median" -v n="$runs" -v c="$c" 'BEGIN { printf "median %7.1f ms  (%s runs, no hyperfine)  %s\n", us / 1000, n, c }'
    done
fi
