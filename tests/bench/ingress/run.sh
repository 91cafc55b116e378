#!/usr/bin/env bash
# Ingress benchmark: sustained signed webhooks/s accepted and journaled (p50/p99), against
#   1. wedsync   bench_ingress serve: the real engine ingress, SQLite journal (store.sync=full), webhook log;
#   2. node      receiver.js: express + HMAC + JSON.parse + group-committed fsynced file append;
#   3. nginx     a static 200 (the ceiling: no verification, nothing stored).
# wrk sends each target the same pool of distinct, correctly signed Zapier webhooks (unique event ids).
# Usage: tests/bench/ingress/run.sh [build dir]
#   env: DURATION=15 CONNECTIONS=256 THREADS=2 POOL_SIZE=600000 SYNC=full INGRESS_THREADS=0
#   (THREADS: wrk's threads; INGRESS_THREADS: the engine's ingress.threads, 0 = one per core)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
duration="${DURATION:-15}"
connections="${CONNECTIONS:-256}"
threads="${THREADS:-2}"
pool_size="${POOL_SIZE:-600000}"
ingress_threads="${INGRESS_THREADS:-0}"
sync="${SYNC:-full}" # store.sync of the engine: full fsyncs every commit (as the Node peer does per batch)
port_engine="${PORT_ENGINE:-18480}"
port_node="${PORT_NODE:-18481}"
port_nginx="${PORT_NGINX:-18482}"
secret="bench-secret-0123456789abcdef"
work="$build/bench-ingress"
bin="$build/tests/bench/ingress/bench_ingress"

for tool in wrk node npm nginx; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed (packaging/setup-deps.sh)" >&2; exit 1; }
done
[[ -x "$bin" ]] || cmake --build "$build" --target bench_ingress
rm -rf "$work"
mkdir -p "$work/engine" "$work/nginx/tmp"

# Node.js peer: express installed into the build tree, never committed.
if [[ ! -d "$build/bench-node/node_modules/express" ]]; then
  npm install --silent --no-audit --no-fund --prefix "$build/bench-node" express >/dev/null
fi

echo "generating $pool_size signed webhooks..."
"$bin" generate "$pool_size" "$work/pool.tsv" "$secret"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_port() { # port
  for _ in $(seq 1 100); do
    (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "run.sh: nothing listens on port $1" >&2
  exit 1
}

"$bin" serve "$port_engine" "$work/engine" "$secret" "$sync" "$ingress_threads" >"$work/engine.out" 2>"$work/engine.err" &
engine_pid=$!
pids+=("$engine_pid")
NODE_PATH="$build/bench-node/node_modules" node "$here/receiver.js" "$port_node" "$work/node-events.log" "$secret" \
  2>"$work/node.err" &
node_pid=$!
pids+=($!)
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$port_nginx;
    location / { default_type application/json; return 200 '{"success":true}'; }
  }
}
CONF
nginx -e "$work/nginx/error.log" -p "$work/nginx" -c "$work/nginx/nginx.conf" &
pids+=($!)
wait_port "$port_engine"
wait_port "$port_node"
wait_port "$port_nginx"

# CPU seconds (user + system, all threads) a set of processes has used so far.
cpu_of() { # pid...
  local ticks=0 p t
  for p in "$@"; do
    for t in /proc/"$p"/task/*/stat; do
      [[ -r "$t" ]] && ticks=$((ticks + $(awk '{print $14 + $15}' "$t")))
    done
  done
  echo "$ticks"
}

run() { # name port pid...
  local name=$1 port=$2
  shift 2
  local before after requests
  before=$(cpu_of "$@")
  POOL="$work/pool.tsv" WRK_THREADS="$threads" wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s \
    -s "$here/wrk_signed.lua" "http://127.0.0.1:$port/webhooks/zapier" >"$work/wrk-$name.txt" 2>&1
  after=$(cpu_of "$@")
  requests=$(sed -n 's/^RESULT requests=\([0-9]*\).*/\1/p' "$work/wrk-$name.txt")
  # CPU per answered webhook: a measure that holds up on a machine shared with other work, where the rate
  # does not.
  echo "$(grep '^RESULT' "$work/wrk-$name.txt" | sed "s/^RESULT/$name/")" \
    "cpu_us=$(awk -v t=$((after - before)) -v r="${requests:-0}" -v hz="$(getconf CLK_TCK)" \
      'BEGIN { printf "%.0f", (r > 0 ? t * 1e6 / hz / r : 0) }')"
}

echo "wrk: $threads threads, $connections connections, ${duration}s per target; engine store.sync=$sync," \
  "ingress.threads=$ingress_threads"
results=()
nginx_pids=$(cat "$work/nginx/nginx.pid" 2>/dev/null; pgrep -P "$(cat "$work/nginx/nginx.pid" 2>/dev/null || echo 0)" || true)
results+=("$(run wedsync "$port_engine" "$engine_pid")")
results+=("$(run node "$port_node" "$node_pid")")
# shellcheck disable=SC2086
results+=("$(run nginx "$port_nginx" $nginx_pids)")

kill -TERM "$engine_pid"
wait "$engine_pid" || true
journaled=$(sed -n 's/^journaled //p' "$work/engine.out")
node_lines=$(wc -l <"$work/node-events.log")

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }
printf '\n%-9s %12s %10s %10s %12s %8s %8s %8s\n' target "webhooks/s" "p50 ms" "p99 ms" "CPU us/req" non2xx \
  sockerr wraps
for r in "${results[@]}"; do
  printf '%-9s %12s %10s %10s %12s %8s %8s %8s\n' "${r%% *}" "$(field "$r" rps)" "$(field "$r" p50_ms)" \
    "$(field "$r" p99_ms)" "$(field "$r" cpu_us)" "$(field "$r" non2xx)" "$(field "$r" sockerr)" \
    "$(field "$r" pool_wraps)"
done
w_rps=$(field "${results[0]}" rps)
n_rps=$(field "${results[1]}" rps)
x_rps=$(field "${results[2]}" rps)
echo
echo "wedsync journaled $journaled events (wrk counted $(field "${results[0]}" requests) requests);" \
     "node stored $node_lines lines (wrk counted $(field "${results[1]}" requests))"
awk -v w="$w_rps" -v n="$n_rps" -v x="$x_rps" 'BEGIN {
  printf "wedsync / node = %.2fx   wedsync / nginx = %.2f   target: >= 20000/s and >= 3x node\n", w / n, w / x }'
awk -v w="$(field "${results[0]}" cpu_us)" -v n="$(field "${results[1]}" cpu_us)" 'BEGIN {
  if (w > 0) printf "CPU per webhook: wedsync %d us (journal, processing, webhook log included), node %d us: node / wedsync = %.2fx\n", w, n, n / w }'
