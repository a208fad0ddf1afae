-- wrk script: request PATH_TEMPLATE with {id} replaced by ids read from ids.txt, round robin.
local ids = {}
for line in io.lines(os.getenv("IDS_FILE") or "ids.txt") do ids[#ids + 1] = line end
local template = os.getenv("PATH_TEMPLATE")
local token = os.getenv("TOKEN")
local i = 0
request = function()
  i = i % #ids + 1
  local path = template:gsub("{id}", ids[i])
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
