-- wrk script for the FHIR API: PATH_TEMPLATE with {id} replaced by ids from IDS_FILE (round robin), bearer token,
-- Accept application/fhir+json; done() prints the latency percentiles (p95 is not in wrk's own --latency table).
local ids = {}
for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end
local template = os.getenv("PATH_TEMPLATE")
local headers = { ["Authorization"] = "Bearer " .. os.getenv("TOKEN"), ["Accept"] = "application/fhir+json" }
local i = 0
request = function()
  i = i % #ids + 1
  return wrk.format("GET", (template:gsub("{id}", ids[i])), headers)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
