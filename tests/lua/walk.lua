-- Walk iterators: long walks in constant memory, `break` closes the walk,
-- a walk closed while its request is in flight ends at once, errors.
local tap = require "tap"
local agent = assert(snmp.demo_agent, "run with snmpsh --demo --lua")
local s = assert(snmp.open{ agent = agent, timeout = 2, retries = 1 })
local BULK = "1.3.6.1.4.1.99999.2.1.1"	-- the demo's benchmark table

-- a long bulkwalk (10000 varbinds) with Lua memory checked along the way
collectgarbage()
local base = collectgarbage("count")
local n, peak, prev, increasing = 0, 0, "", true
for vb in s:bulkwalk(BULK, { max_repetitions = 50 }) do
	n = n + 1
	if n % 500 == 0 then
		local kb = collectgarbage("count")
		if kb > peak then peak = kb end
	end
	increasing = increasing and vb.oid ~= prev
	prev = vb.oid
end
tap.is(n, 10000, "bulkwalk of 5000 rows: 10000 varbinds")
tap.ok(increasing, "no varbind twice")
tap.ok(peak - base < 2048, string.format("Lua memory stays bounded "
    .. "(peak %+.0f KiB)", peak - base))
-- the same with getnext, in a task
local tn = 0
snmp.spawn(function()
	for _ in s:walk(BULK .. ".2") do tn = tn + 1 end
end)
snmp.wait()
tap.is(tn, 5000, "walk in a task: 5000 varbinds")

-- break closes the walk: its iterator is finished afterwards
local it, w, ctl, tbc = s:walk(BULK)
tap.is(w, tbc, "the walk is also the to-be-closed value")
local seen = 0
for vb in it, w, ctl, tbc do
	seen = seen + 1
	if seen == 3 then break end
end
tap.is(seen, 3, "three varbinds, then break")
tap.is(it(w), nil, "after break the walk is closed")
-- walks and other requests interleave in the main thread
local a, b = 0, 0
for _ in s:walk("1.3.6.1.2.1.1") do
	a = a + 1
	for _ in s:walk("1.3.6.1.2.1.1.9") do b = b + 1 end
end
tap.ok(a > 0 and b == a * 9, "nested walks (" .. a .. " x 9)")

-- a walk closed while its request is in flight (a dead agent, timeout
-- 5 s) ends at once
local dead = assert(snmp.open{ agent = "127.0.0.1:9", timeout = 5,
    retries = 0 })
local dwalk_it, dwalk = dead:walk("1.3.6.1")
local result = "running"
local t0 = snmp.now()
snmp.spawn(function()
	local vb = dwalk_it(dwalk)
	result = vb == nil and "ended" or "varbind"
end)
snmp.spawn(function() snmp.sleep(0.1) dwalk:close() end)
snmp.wait()
local dt = snmp.now() - t0
tap.is(result, "ended", "closed walk ends its loop")
tap.ok(dt < 1, string.format("closing cancels the request (%.2f s)", dt))

-- a break in a task whose walk is then collected: nothing left running
snmp.spawn(function()
	for _ in s:bulkwalk(BULK) do break end
end)
tap.is(snmp.wait(), true, "break out of a walk inside a task")
collectgarbage()
collectgarbage()

-- a walk that times out raises the Net-SNMP message
local d2 = assert(snmp.open{ agent = "127.0.0.1:9", timeout = 0.2,
    retries = 0 })
local ok, err = pcall(function() for _ in d2:walk("1.3.6.1") do end end)
tap.is(ok, false, "a walk that times out raises")
tap.is(err, "Timeout: No Response from 127.0.0.1:9.", "with the message")
-- closing the session ends a walk waiting on it
local s3 = assert(snmp.open{ agent = "127.0.0.1:9", timeout = 5,
    retries = 0 })
local werr
snmp.spawn(function()
	local okw, e = pcall(function() for _ in s3:walk("1.3.6.1") do end end)
	werr = e
end)
snmp.spawn(function() snmp.sleep(0.05) s3:close() end)
t0 = snmp.now()
snmp.wait()
tap.ok(snmp.now() - t0 < 1, "closing the session ends its walks")
tap.like(werr, "cancelled", "the walk reports the cancellation")
tap.raises(function() s:walk({}) end, "bad argument #1 to 'walk'",
    "walk({}) raises")
tap.raises(function() s:bulkwalk("1.3", 5) end,
    "bad argument #2 to 'bulkwalk'", "bulkwalk(oid, 5) raises")
s:close()
tap.done()
