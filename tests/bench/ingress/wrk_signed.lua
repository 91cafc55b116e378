-- wrk script for the ingress benchmark: every request is a distinct, correctly signed webhook.
-- The pool (POOL env var: lines "<x-webhook-signature>\t<body>", made by `bench_ingress generate`) is
-- loaded once per thread; thread k of n sends lines k, k+n, k+2n, ... so no event id repeats across
-- threads. A thread that runs out of lines wraps around (the run then reports duplicates: size the pool).
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  nthreads = tonumber(os.getenv("WRK_THREADS") or "2")
  local path = os.getenv("POOL")
  local reqs = {}
  local i = 0
  for line in io.lines(path) do
    if i % nthreads == id then
      local tab = line:find("\t", 1, true)
      local sig = line:sub(1, tab - 1)
      local body = line:sub(tab + 1)
      reqs[#reqs + 1] = wrk.format("POST", wrk.path, {
        ["Content-Type"] = "application/json",
        ["User-Agent"] = "Zapier",
        ["X-Webhook-Signature"] = sig,
      }, body)
    end
    i = i + 1
  end
  pool = reqs
  nextIndex = 1
  wrapped = 0
end

function request()
  local r = pool[nextIndex]
  nextIndex = nextIndex + 1
  if nextIndex > #pool then
    nextIndex = 1
    wrapped = wrapped + 1
  end
  return r
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  local wraps = 0
  for _, t in ipairs(threads) do
    wraps = wraps + (t:get("wrapped") or 0)
  end
  io.write(string.format("RESULT requests=%d duration_us=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f non2xx=%d sockerr=%d pool_wraps=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, non2xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, wraps))
end
