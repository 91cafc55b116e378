#!/bin/sh
# Builds and runs the processing benchmark (journal -> processor -> delivery rows).
#   tests/bench/processing/run.sh [bench_processing options]   e.g. --backend both --events 30000
set -e
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
[ -d build ] || cmake --preset default -Wno-dev
cmake --build build --target bench_processing -j2
exec ./build/tests/bench/processing/bench_processing "$@"
