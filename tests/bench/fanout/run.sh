#!/usr/bin/env bash
# Fan-out benchmark: the engine's node server vs a socket.io server, both broadcasting the same events to the
# same number of clients (each side's clients in their own process), at a fixed rate (latency) and flat out
# (throughput). Usage: tests/bench/fanout/run.sh [build dir] [clients]
# Needs node and npm; socket.io is installed into <build>/bench-node (never committed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../../../build}"
clients="${2:-100}"
bench="$build/tests/bench/fanout/bench_fanout"
[ -x "$bench" ] || { echo "build bench_fanout first: cmake --build $build --target bench_fanout" >&2; exit 2; }
if [ ! -d "$build/bench-node/node_modules/socket.io" ] || [ ! -d "$build/bench-node/node_modules/socket.io-client" ]; then
    npm install --no-audit --no-fund --prefix "$build/bench-node" socket.io@4 socket.io-client@4 >/dev/null
fi
export NODE_PATH="$build/bench-node/node_modules"

sio() { # rate duration total
    local port expected
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    if [ "$1" -gt 0 ]; then expected=$(( $1 * $2 )); else expected=$3; fi
    node "$here/sio_server.js" "$port" "$clients" "$1" "$2" "$3" > /tmp/sio_server.$$ 2>&1 &
    local server=$!
    for _ in $(seq 50); do grep -q LISTENING /tmp/sio_server.$$ && break; sleep 0.1; done
    local out
    out=$(node "$here/sio_clients.js" "$port" "$clients" "$expected" | sed -n 's/^RESULT //p' || true)
    kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true
    rm -f /tmp/sio_server.$$
    echo "{\"system\":\"socket.io\",\"rate\":$1,\"result\":$out}"
}

echo "# $clients clients; 1,000 events/s for 10 s (latency), then 20,000 events flat out (throughput)"
echo "# wedsync clients: 'batch' = subscribe with batch frames (as NodeClient does); 'scan-clients' take sent_us"
echo "# with a string scan so the node is measured, 'json-clients' parse every event like socket.io-client does"
"$bench" run --clients "$clients" --rate 1000 --duration 10 --batch
"$bench" run --clients "$clients" --rate 1000 --duration 10
sio 1000 10 0
"$bench" run --clients "$clients" --rate 0 --total 20000 --batch
"$bench" run --clients "$clients" --rate 0 --total 20000
"$bench" run --clients "$clients" --rate 0 --total 20000 --batch --parse-json
sio 0 0 20000
