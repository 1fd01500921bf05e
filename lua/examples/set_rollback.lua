-- set_rollback.lua AGENT [COMMUNITY]: change sysContact and sysLocation
-- together, check the result, and put the old values back if anything
-- failed (or always with --undo-after).  A SetRequest is atomic on the
-- agent (RFC 3416 §4.2.5), but a change made of several requests, or one
-- whose result must be checked, needs its own rollback: read first, set,
-- verify, restore on failure.
--   snmpsh --lua set_rollback.lua udp:127.0.0.1:1161 private \
--       contact=ops@example.net location="rack 7"
local agent, community = arg[1], arg[2] or "private"
if not agent then
  io.stderr:write("usage: set_rollback.lua AGENT [COMMUNITY] "
      .. "[contact=TEXT] [location=TEXT] [--fail] [--undo-after]\n")
  os.exit(2)
end
local want, fail, undo = {}, false, false
for i = 3, #arg do
  local k, v = arg[i]:match("^(%w+)=(.*)$")
  if k == "contact" then want["sysContact.0"] = v
  elseif k == "location" then want["sysLocation.0"] = v
  elseif arg[i] == "--fail" then fail = true
  elseif arg[i] == "--undo-after" then undo = true
  end
end
if next(want) == nil then
  want["sysContact.0"] = "ops@example.net"
  want["sysLocation.0"] = "rack 7"
end

local s = assert(snmp.open{ agent = agent, community = community,
                            timeout = 1, retries = 1 })
-- 1. remember the old values
local names = {}
for name in pairs(want) do names[#names + 1] = name end
table.sort(names)
local old = {}
local list, msg = s:get(names)
if not list then
  io.stderr:write("read failed: ", msg, "\n")
  os.exit(1)
end
for i, vb in ipairs(list) do old[names[i]] = vb.value end

local function restore(why)
  print("rolling back: " .. why)
  local ok, err = s:set(old)
  print(ok and "restored" or ("restore failed: " .. err))
  return ok
end

-- 2. the change, typed from the MIB (DisplayString)
local ok, err = s:set(want)
if not ok then
  print("set failed: " .. err)
  os.exit(1)
end
-- 3. verify (and a second step that may fail, to show the rollback)
for _, name in ipairs(names) do
  local v = s:get(name)
  print(string.format("%s: %q -> %q", name, old[name], v))
  if v ~= want[name] then
    restore(name .. " reads back differently")
    os.exit(1)
  end
end
if fail then
  -- a second request that the agent refuses: sysDescr is read-only
  local r, e = s:set("sysDescr.0", "x")
  if not r then
    restore("second step failed: " .. e)
    os.exit(1)
  end
end
if undo then restore("--undo-after") end
print("done")
