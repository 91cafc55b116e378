#!/bin/sh
# Runs the console benchmarks, each in a fresh process (cold start, memory, UI stall) under the offscreen
# platform. Usage: tests/bench/console/run.sh [build dir]
set -eu
build=${1:-build}
bin="$build/tests/bench/console/bench_console"
[ -x "$bin" ] || { echo "build the bench_console target first" >&2; exit 1; }
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in 1 2 3; do
    XDG_DATA_HOME="$tmp/data$i" XDG_CONFIG_HOME="$tmp/cfg$i" "$bin" --mode coldstart
done
# Each exits 1 when its target is missed; the others still run.
"$bin" --mode memory --events 1000000 || true
"$bin" --mode stall --rate 10000 --seconds 10 || true
# The same probe with no events: how much of the stall is the machine (other processes, scheduler).
"$bin" --mode stall --rate 0 --seconds 5 || true
