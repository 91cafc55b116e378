#!/bin/sh
# Delivery benchmark: starts wedsync-sink on loopback, then bench_delivery against it.
# usage: tests/bench/delivery/run.sh [build dir] [extra bench_delivery options, e.g. --database postgres://...]
set -eu
BUILD=${1:-build}
[ $# -gt 0 ] && shift
PORT=${SINK_PORT:-19090}
SECRET_FILE=$(mktemp)
printf '%s' 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' > "$SECRET_FILE"
"$BUILD/app/sink/wedsync-sink" --listen 127.0.0.1:$PORT --secret-file "$SECRET_FILE" > /dev/null 2>&1 &
SINK=$!
trap 'kill $SINK 2>/dev/null; rm -f "$SECRET_FILE"' EXIT
sleep 0.5
"$BUILD/tests/bench/delivery/bench_delivery" --sink 127.0.0.1:$PORT "$@"
echo "sink: $(curl -s http://127.0.0.1:$PORT/stats 2>/dev/null || echo unavailable)"
