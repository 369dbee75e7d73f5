-- wrk script of benchmark/compare.sh: every request is POST /ideas with a new, unique idea
-- (same shape and size as the load generator's bodies), a bearer token and a JSON content type.
--
--   wrk -t2 -c64 -d30s --timeout 30s -s benchmark/wrk-post-idea.lua http://localhost:18081 -- TOKEN_FILE RUN_ID
--
-- Script arguments: the file holding the JWT (deploy/token.sh output), and a run id that goes into
-- every title (so two runs never produce the same title). Uniqueness inside a run: thread number +
-- per-thread counter + a per-thread random salt.
-- done() prints one line "WRK_RESULT {json}": requests, duration, socket errors, responses by
-- status, latency percentiles in microseconds (wrk's own histogram, all completed requests).

local TOOLS = { "ChatGPT", "Microsoft Copilot", "Claude", "Gemini" }
local BENEFITS = { "EFFICIENCY", "WORK_LIFE_BALANCE", "SUPPORT_TOOL", "INNOVATION" }
local PROBLEM = "Month-end reconciliation of supplier invoices is done by hand: "
  .. "we copy figures from PDF attachments into spreadsheets and check them line by line, which "
  .. "takes two people most of three days and still lets errors through."

-- main Lua state: the threads, to collect their counters in done()
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

-- thread Lua states (tid was set by setup before init runs)
local counter = 0
local prefix = ""
local headers = {}
statuses = {}

function init(args)
  local file = args[1]
  if not file then
    error("wrk-post-idea.lua: pass the token file after --")
  end
  local f = assert(io.open(file, "r"))
  local token = f:read("*a"):gsub("%s+$", "")
  f:close()
  if token == "" then
    error("wrk-post-idea.lua: the token file " .. file .. " is empty")
  end
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
  prefix = (args[2] or "wrk") .. "-t" .. tostring(tid or 0) .. "-" .. string.format("%06x", math.random(0, 0xffffff))
  headers["Content-Type"] = "application/json"
  headers["Accept"] = "application/json"
  headers["Authorization"] = "Bearer " .. token
end

function request()
  counter = counter + 1
  local k = counter % 4 + 1
  local tag = prefix .. "-" .. counter
  local body = '{"title":"Benchmark idea ' .. tag .. '"'
    .. ',"problem":"' .. PROBLEM .. ' [' .. tag .. ']"'
    .. ',"aiTool":"' .. TOOLS[k] .. '"'
    .. ',"dataClassification":"INTERNAL"'
    .. ',"benefitCategory":"' .. BENEFITS[k] .. '"'
    .. ',"department":"finance"}'
  return wrk.format("POST", "/ideas", headers, body)
end

function response(status, _headers, _body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, _requests)
  local by_status = {}
  local non2xx = 0
  local ok2xx = 0
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses") or {}
    for code, n in pairs(s) do
      by_status[code] = (by_status[code] or 0) + n
      local c = tonumber(code)
      if c >= 200 and c < 300 then ok2xx = ok2xx + n else non2xx = non2xx + n end
    end
  end
  local parts = {}
  for code, n in pairs(by_status) do
    table.insert(parts, string.format('"%s":%d', code, n))
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"durationUs":%d,"bytes":%d,"ok2xx":%d,"non2xx":%d,"statuses":{%s},'
      .. '"socketErrors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d},'
      .. '"latencyUs":{"p50":%d,"p90":%d,"p95":%d,"p99":%d,"max":%d,"mean":%.1f,"stdev":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes, ok2xx, non2xx, table.concat(parts, ","),
    e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean, latency.stdev))
end
