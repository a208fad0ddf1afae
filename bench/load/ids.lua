-- wrk script: request PATH_TEMPLATE with {id} replaced by ids read from IDS_FILE, round robin; METHOD and BODY
-- (JSON) for writes. MIX="template|template|..." instead rotates over several templates (sustained mixed load).
-- done() prints one line "RESULT requests duration_us p50_us p95_us p99_us non2xx socket_errors", read by run.sh.
local ids = {}
for line in io.lines(os.getenv("IDS_FILE") or "ids.txt") do ids[#ids + 1] = line end
local templates = {}
for t in string.gmatch(os.getenv("MIX") or os.getenv("PATH_TEMPLATE"), "[^|]+") do templates[#templates + 1] = t end
local method = os.getenv("METHOD") or "GET"
local body = os.getenv("BODY")
local headers = { ["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or "") }
if body then headers["Content-Type"] = "application/json" end
local i, j = 0, 0

request = function()
  i = i % #ids + 1
  j = j % #templates + 1
  local path = templates[j]:gsub("{id}", ids[i])
  return wrk.format(method, path, headers, body)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
