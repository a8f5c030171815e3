-- wrk script: POST /events in batches of BATCH events with unique ids; reports events/s.
local batch = tonumber(os.getenv("BATCH") or "100")
local key = os.getenv("API_KEY")
local counter = 0
local thread_id = 0
setup = function(thread)
  thread:set("tid", thread_id)
  thread_id = thread_id + 1
end
request = function()
  counter = counter + 1
  local parts = {}
  for i = 1, batch do
    parts[i] = string.format('{"eventId":"load-%s-%d-%d-%d","user":"load-u%d","item":"i%d","type":"click"}',
      tostring(tid), os.time(), counter, i, math.random(1, 5000), math.random(1, 400))
  end
  return wrk.format("POST", "/events", {["Content-Type"] = "application/json", ["X-API-Key"] = key},
    "[" .. table.concat(parts, ",") .. "]")
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d events_per_s=%.0f p50_ms=%.2f p99_ms=%.2f non2xx=%d\n",
    summary.requests, summary.requests * batch / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.status))
end
