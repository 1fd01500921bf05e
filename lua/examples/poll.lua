-- Poll many agents at once: one task per agent on the event loop, so the
-- whole poll takes about one round trip (or one timeout for the dead
-- ones), not their sum.  Prints agent, status, sysName, sysUpTime.
--   snmpsh --lua poll.lua AGENT...
local agents = { ... }
if #agents == 0 then
	io.stderr:write("usage: poll.lua AGENT...\n")
	os.exit(2)
end
local results = {}
local t0 = snmp.now()
for i, agent in ipairs(agents) do
	snmp.spawn(function()
		local s <close> = assert(snmp.open{ agent = agent, timeout = 1,
		    retries = 0 })
		local vbs, msg, code = s:get{ "1.3.6.1.2.1.1.5.0",
		    "1.3.6.1.2.1.1.3.0" }
		if vbs then
			results[i] = string.format("%s ok %s %s", agent,
			    vbs[1].value, vbs[2].value)
		else
			results[i] = string.format("%s %s %s", agent, code, msg)
		end
	end)
end
snmp.wait()
for i = 1, #agents do print(results[i]) end
io.stderr:write(string.format("%d agents in %.2f s\n", #agents,
    snmp.now() - t0))
