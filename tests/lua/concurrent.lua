-- Many requests at once (SPEC §5): 1,000 GETs across 100 sessions as
-- tasks on the event loop, timed (a TAP comment); every answer checked.
local tap = require "tap"
local agent = assert(snmp.demo_agent, "run with snmpsh --demo --lua")
local NS, PER = 100, 10
local sessions = {}
for i = 1, NS do
  sessions[i] = assert(snmp.open{ agent = agent, timeout = 5, retries = 1 })
end
local ok, bad = 0, 0
local t0 = snmp.now()
for i = 1, NS do
  local s = sessions[i]
  for j = 1, PER do
    snmp.spawn(function()
      local v = s:get("1.3.6.1.2.1.1.5.0")
      if v == "snmpsh-demo" then ok = ok + 1 else bad = bad + 1 end
    end)
  end
end
tap.ok(snmp.wait(), "every task ended well")
local dt = snmp.now() - t0
tap.is(ok, NS * PER, NS * PER .. " answers")
tap.is(bad, 0, "no failure")
tap.diag(string.format("%d requests across %d sessions in %.3f s (%.0f/s)",
    NS * PER, NS, dt, NS * PER / dt))
tap.ok(dt < 10, "within 10 s")
-- a walk of 5,000 rows keeps memory flat: count the Lua heap
collectgarbage()
local before = collectgarbage("count")
local n, peak = 0, before
for vb in sessions[1]:bulkwalk("1.3.6.1.4.1.99999.2", { max_repetitions = 50 }) do
  n = n + 1
  if n % 500 == 0 then
    collectgarbage()
    peak = math.max(peak, collectgarbage("count"))
  end
end
tap.ok(n >= 5000, "a long bulkwalk (" .. n .. " varbinds)")
tap.diag(string.format("Lua heap %.0f KiB before, %.0f KiB peak", before, peak))
tap.ok(peak - before < 512, "constant memory over the walk")
tap.done()
