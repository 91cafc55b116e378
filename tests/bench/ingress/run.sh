#!/usr/bin/env bash
# Ingress benchmark: sustained signed webhooks/s accepted and journaled (p50/p99), against
#   1. wedsync   bench_ingress serve: the real engine ingress, SQLite journal (store.sync=full), webhook log;
#   2. node      receiver.js: express + HMAC + JSON.parse + group-committed fsynced file append;
#   3. nginx     a static 200 (the ceiling: no verification, nothing stored).
# wrk sends each target the same pool of distinct, correctly signed Zapier webhooks (unique event ids).
# Usage: tests/bench/ingress/run.sh [build dir]
#   env: DURATION=15 CONNECTIONS=256 THREADS=2 POOL_SIZE=600000 SYNC=full INGRESS_THREADS=0 ROUNDS=1
#        IDS=random (event ids as vendors send them; IDS=sequential for zap_0000000001, ... as before round 6)
#   (THREADS: wrk's threads; INGRESS_THREADS: the engine's ingress.threads, 0 = one per core; ROUNDS: how
#   many times the three targets run one after the other, each round on a fresh engine database and Node
#   log, so a machine whose speed drifts is compared side by side; medians are printed at the end)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
duration="${DURATION:-15}"
connections="${CONNECTIONS:-256}"
threads="${THREADS:-2}"
pool_size="${POOL_SIZE:-600000}"
ingress_threads="${INGRESS_THREADS:-0}"
rounds="${ROUNDS:-1}"
ids="${IDS:-random}"
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

echo "generating $pool_size signed webhooks ($ids event ids)..."
"$bin" generate "$pool_size" "$work/pool.tsv" "$secret" "$ids"

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

start_peers() { # a fresh engine database and Node log for each round
  rm -rf "$work/engine" && mkdir -p "$work/engine"
  "$bin" serve "$port_engine" "$work/engine" "$secret" "$sync" "$ingress_threads" >"$work/engine.out" \
    2>"$work/engine.err" &
  engine_pid=$!
  pids+=("$engine_pid")
  rm -f "$work/node-events.log"
  NODE_PATH="$build/bench-node/node_modules" node "$here/receiver.js" "$port_node" "$work/node-events.log" \
    "$secret" 2>"$work/node.err" &
  node_pid=$!
  pids+=("$node_pid")
  wait_port "$port_engine"
  wait_port "$port_node"
}

stop_peers() {
  kill -TERM "$engine_pid" "$node_pid"
  wait "$engine_pid" || true
  wait "$node_pid" 2>/dev/null || true
}

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

echo "wrk: $threads threads, $connections connections, ${duration}s per target, $rounds round(s); engine" \
  "store.sync=$sync, ingress.threads=$ingress_threads"
nginx_pids=$(cat "$work/nginx/nginx.pid" 2>/dev/null; pgrep -P "$(cat "$work/nginx/nginx.pid" 2>/dev/null || echo 0)" || true)
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2];
  else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf '\n%-6s %-9s %12s %10s %10s %12s %8s %8s %8s\n' round target "webhooks/s" "p50 ms" "p99 ms" "CPU us/req" \
  non2xx sockerr wraps
all=()
for round in $(seq 1 "$rounds"); do
  start_peers
  results=()
  results+=("$(run wedsync "$port_engine" "$engine_pid")")
  results+=("$(run node "$port_node" "$node_pid")")
  # shellcheck disable=SC2086
  results+=("$(run nginx "$port_nginx" $nginx_pids)")
  stop_peers
  journaled=$(sed -n 's/^journaled //p' "$work/engine.out")
  node_lines=$(wc -l <"$work/node-events.log")
  for r in "${results[@]}"; do
    printf '%-6s %-9s %12s %10s %10s %12s %8s %8s %8s\n' "$round" "${r%% *}" "$(field "$r" rps)" \
      "$(field "$r" p50_ms)" "$(field "$r" p99_ms)" "$(field "$r" cpu_us)" "$(field "$r" non2xx)" \
      "$(field "$r" sockerr)" "$(field "$r" pool_wraps)"
    all+=("$round $r")
  done
  w_rps=$(field "${results[0]}" rps)
  n_rps=$(field "${results[1]}" rps)
  echo "       wedsync journaled $journaled events for $(field "${results[0]}" requests) requests; node stored" \
    "$node_lines lines for $(field "${results[1]}" requests); wedsync / node = $(awk -v w="$w_rps" -v n="$n_rps" \
    'BEGIN { printf "%.2fx", (n > 0 ? w / n : 0) }')"
  all+=("$round ratio ratio=$(awk -v w="$w_rps" -v n="$n_rps" 'BEGIN { printf "%.3f", (n > 0 ? w / n : 0) }')")
done

pick() { # target key -> one value per round
  for line in "${all[@]}"; do
    if [[ "$(cut -d' ' -f2 <<<"$line")" == "$1" ]]; then field "$line" "$2"; fi
  done
}
echo
echo "medians over $rounds round(s):"
for t in wedsync node nginx; do
  printf '  %-8s %8s webhooks/s   p50 %7s ms   p99 %7s ms   CPU %5s us/webhook\n' "$t" \
    "$(pick "$t" rps | median)" "$(pick "$t" p50_ms | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')" \
    "$(pick "$t" p99_ms | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')" "$(pick "$t" cpu_us | median)"
done
w_med=$(pick wedsync rps | median)
n_med=$(pick node rps | median)
x_med=$(pick nginx rps | median)
ratios=$(pick ratio ratio | sort -n | tr '\n' ' ')
awk -v w="$w_med" -v n="$n_med" -v x="$x_med" -v r="$ratios" 'BEGIN {
  printf "  wedsync / node = %.2fx (medians; per round: %s)   wedsync / nginx = %.2f\n", w / n, r, w / x
  print "  target: >= 20000 webhooks/s and >= 3x node" }'
