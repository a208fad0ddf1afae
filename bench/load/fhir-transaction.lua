-- wrk script: POST /fhir a transaction Bundle of BATCH (default 10) new Patients, signed in with TOKEN (a front-desk
-- or admin bearer token). resources/s = Requests/sec x BATCH. Prefer: return=minimal keeps the answer small.
local token = os.getenv("TOKEN")
local batch = tonumber(os.getenv("BATCH") or "10")
local n = 0
local thread_tag = tostring(math.random(100000, 999999))

local function patient(i)
  return string.format([[{"fullUrl":"urn:uuid:00000000-0000-4000-8000-%012d","resource":{"resourceType":"Patient",
"name":[{"use":"official","family":"Bench%s","given":["Load%d"]}],"gender":"%s","birthDate":"19%02d-%02d-%02d"},
"request":{"method":"POST","url":"Patient"}}]], i, thread_tag, i, (i % 2 == 0) and "female" or "male", 40 + i % 50, 1 + i % 12, 1 + i % 28)
end

request = function()
  local entries = {}
  for k = 1, batch do
    n = n + 1
    entries[k] = patient(n)
  end
  local body = '{"resourceType":"Bundle","type":"transaction","entry":[' .. table.concat(entries, ",") .. ']}'
  return wrk.format("POST", "/fhir", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/fhir+json",
    ["Prefer"] = "return=minimal",
  }, body)
end
