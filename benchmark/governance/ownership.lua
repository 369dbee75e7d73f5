-- wrk script for benchmark/governance.sh: GET /ai-systems/{id}/ownership?asOf=...&knownAt=... with a
-- random system id (one per line in $IDS_FILE), a random asOf date in [$FROM_EPOCH, $TO_EPOCH] and a
-- random knownAt instant in [$FROM_EPOCH, $NOW_EPOCH] (seconds since the epoch, UTC).
-- Bearer token: $TOKEN. done() prints the exact latency percentiles (microseconds) as key=value.
-- COUNT_EMPTY=1 (the warm-up run only: it hands every body to Lua) also counts the answers with no
-- holder ("not on the register on this date, as known at this time") and the non-200 answers.

local ids = {}
local from_epoch = tonumber(os.getenv("FROM_EPOCH"))
local to_epoch = tonumber(os.getenv("TO_EPOCH"))
local now_epoch = tonumber(os.getenv("NOW_EPOCH"))
local token = os.getenv("TOKEN")
local ids_file = os.getenv("IDS_FILE")

local function load_ids()
  for line in io.lines(ids_file) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  if #ids == 0 then error("no system ids in " .. ids_file) end
end

local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
  threads[#threads + 1] = thread
end

function init(args)
  load_ids()
  math.randomseed(os.time() * 1000 + (seed or 0))
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Accept"] = "application/json"
end

function request()
  local id = ids[math.random(#ids)]
  local as_of = os.date("!%Y-%m-%d", math.random(from_epoch, to_epoch))
  local known_at = os.date("!%Y-%m-%dT%H:%M:%SZ", math.random(from_epoch, now_epoch))
  return wrk.format("GET", "/ai-systems/" .. id .. "/ownership?asOf=" .. as_of .. "&knownAt=" .. known_at)
end

empty, answered, other = 0, 0, 0
if os.getenv("COUNT_EMPTY") == "1" then
  function response(status, headers, body)
    if status ~= 200 then
      other = other + 1
    elseif string.find(body, '"department":null', 1, true) then
      empty = empty + 1
    else
      answered = answered + 1
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  if os.getenv("COUNT_EMPTY") == "1" then
    local n_empty, n_answered, n_other = 0, 0, 0
    for _, t in ipairs(threads) do
      n_empty = n_empty + t:get("empty")
      n_answered = n_answered + t:get("answered")
      n_other = n_other + t:get("other")
    end
    io.write(string.format("answered=%d\nno_holder=%d\nnot_200=%d\n", n_answered, n_empty, n_other))
  end
  io.write(string.format("requests=%d\n", summary.requests))
  io.write(string.format("duration_us=%d\n", summary.duration))
  io.write(string.format("throughput=%.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("p50_us=%d\np95_us=%d\np99_us=%d\np999_us=%d\n", latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency:percentile(99.9)))
  io.write(string.format("mean_us=%.0f\nmax_us=%d\n", latency.mean, latency.max))
  io.write(string.format("errors_status=%d\nerrors_connect=%d\nerrors_read=%d\nerrors_write=%d\nerrors_timeout=%d\n",
    e.status, e.connect, e.read, e.write, e.timeout))
end
