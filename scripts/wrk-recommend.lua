-- wrk script: GET /recommend for a realistic mix of users, then one summary line with percentiles.
--   60 % known users (USERS=prefix:first:count, default u:1:1000, the synthetic dataset's u1..u1000)
--   30 % fold-in users (fold-0..fold-199, who have events but were not in training)
--   10 % unknown users without events: popularity
local k = os.getenv("K") or "10"
local prefix, first, count = (os.getenv("USERS") or "u:1:1000"):match("^(.-):(%d+):(%d+)$")
first, count = tonumber(first), tonumber(count)
math.randomseed(os.time())
request = function()
  local r = math.random()
  local user
  if r < 0.6 then
    user = prefix .. (first + math.random(0, count - 1))
  elseif r < 0.9 then
    user = "fold-" .. math.random(0, 199)
  else
    user = "nobody-" .. math.random(1, 1000000)
  end
  return wrk.format("GET", "/recommend/" .. user .. "?k=" .. k)
end

done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.1f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000, errors, summary.errors.status))
end
