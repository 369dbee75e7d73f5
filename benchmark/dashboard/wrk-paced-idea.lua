-- wrk script of benchmark/dashboard.sh: benchmark/wrk-post-idea.lua (unique ideas, bearer token, WRK_RESULT
-- line) at a fixed rate, and a log of every 201 response.
--
--   RATE=30 THREADS=2 RESPONSES=DIR wrk -t2 -c16 -d30s -s benchmark/dashboard/wrk-paced-idea.lua URL -- TOKEN_FILE RUN_ID
--
-- Run from the repository root (it loads benchmark/wrk-post-idea.lua by that path).
-- RATE: ideas/s in total, split evenly over THREADS (must equal -t). Pacing: each thread's k-th request
-- is due at t0 + k / (RATE / THREADS); delay() returns the time left until then (0 when late, so a
-- slow response is caught up rather than skipped: latency is not what this run measures, the rate is).
-- RESPONSES (optional): a directory; every thread appends "<idea id> <epoch ms of the 201> <RUN_ID>"
-- to responses-<thread>.txt as each 201 arrives (wall clock, gettimeofday through LuaJIT's ffi).
dofile("benchmark/wrk-post-idea.lua")

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } paced_timeval;
  int gettimeofday(paced_timeval *tv, void *tz);
]]
local tv = ffi.new("paced_timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end

local rate = tonumber(os.getenv("RATE") or "")
local nthreads = tonumber(os.getenv("THREADS") or "")
if not rate or rate <= 0 or not nthreads or nthreads <= 0 then
  error("wrk-paced-idea.lua: set RATE (ideas/s, total) and THREADS (= wrk -t)")
end
local interval = 1000 / (rate / nthreads)
local t0 = nil
local slot = 0
local log = nil
local run_id = ""

local post_init = init
function init(args)
  post_init(args)
  run_id = args[2] or "wrk"
  local dir = os.getenv("RESPONSES")
  if dir and dir ~= "" then
    log = assert(io.open(dir .. "/responses-" .. tostring(tid or 0) .. ".txt", "a"))
    log:setvbuf("line")
  end
end

function delay()
  local now = now_ms()
  if not t0 then
    t0 = now
  end
  slot = slot + 1
  local wait = t0 + slot * interval - now
  if wait < 0 then
    return 0
  end
  return wait
end

local count_response = response
function response(status, headers, body)
  count_response(status, headers, body)
  if log and status == 201 and body then
    local id = string.match(body, '"id"%s*:%s*"([^"]+)"')
    if id then
      log:write(id, " ", string.format("%.3f", now_ms()), " ", run_id, "\n")
    end
  end
end
