#!/bin/sh
# Delivery benchmark: starts wedsync-sink on loopback, then bench_delivery against it.
# usage: tests/bench/delivery/run.sh [build dir] [extra bench_delivery options, e.g. --database postgres://...]
set -eu
BUILD=${1:-build}
[ $# -gt 0 ] && shift
PORT=${SINK_PORT:-19090}
SECRET_FILE=$(mktemp)
printf '%s' 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' > "$SECRET_FILE"
# Qt's plain Unix event dispatcher is cheaper per socket event than the GLib one, for the sink and the worker.
export QT_NO_GLIB=${QT_NO_GLIB:-1}
"$BUILD/app/sink/wedsync-sink" --listen 127.0.0.1:$PORT --secret-file "$SECRET_FILE" --threads ${SINK_THREADS:-2} \
    > /dev/null 2>&1 &
SINK=$!
cleanup() { kill "$SINK" 2>/dev/null || true; wait "$SINK" 2>/dev/null || true; rm -f "$SECRET_FILE"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
sleep 0.5
if ! kill -0 "$SINK" 2>/dev/null; then
    echo "wedsync-sink did not start (port $PORT in use? set SINK_PORT)" >&2
    exit 1
fi
"$BUILD/tests/bench/delivery/bench_delivery" --sink 127.0.0.1:$PORT "$@"
echo "sink: $(curl -s http://127.0.0.1:$PORT/stats 2>/dev/null || echo unavailable)"
cleanup
