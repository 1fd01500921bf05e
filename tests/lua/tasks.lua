-- Concurrency on the event loop: snmp.spawn, snmp.wait, snmp.sleep, task
-- handles, snmp.every; many requests in flight at once; dead agents
-- polled concurrently finish in about one timeout; task errors reported.
local tap = require "tap"
local agent = assert(snmp.demo_agent, "run with snmpsh --demo --lua")
local s = assert(snmp.open{ agent = agent, timeout = 2, retries = 1 })

-- 100 tasks doing gets: every request is sent before any reply is
-- handled, so they are all in flight together.
local sent, got, max_inflight, values = 0, 0, 0, {}
local t0 = snmp.now()
for i = 1, 100 do
	snmp.spawn(function(k)
		sent = sent + 1
		if sent - got > max_inflight then max_inflight = sent - got end
		local v = s:get("1.3.6.1.2.1.1.5.0")
		got = got + 1
		values[k] = v
	end, i)
end
tap.is(got, 0, "spawn returns before the tasks run")
tap.is(snmp.wait(), true, "snmp.wait(): all tasks ended well")
local dt = snmp.now() - t0
tap.is(got, 100, "100 tasks got their answer")
tap.is(max_inflight, 100, "100 requests were in flight together")
local same = true
for i = 1, 100 do same = same and values[i] == values[1] end
tap.ok(same and values[1] ~= nil, "every task got the value")
tap.ok(dt < 2, string.format("100 concurrent gets in %.3f s", dt))

-- 1,000 concurrent requests across 100 sessions (timed, noted).  The
-- agent's socket buffer holds only a few hundred requests of such a burst
-- (the rest are dropped by the kernel), so retries are part of the test.
local sessions = {}
for i = 1, 100 do
	sessions[i] = assert(snmp.open{ agent = agent, timeout = 0.5,
	    retries = 8 })
end
local answered, started, inflight, peak = 0, 0, 0, 0
t0 = snmp.now()
for i = 1, 1000 do
	snmp.spawn(function()
		started = started + 1
		inflight = inflight + 1
		if inflight > peak then peak = inflight end
		local r = sessions[(i - 1) % 100 + 1]:get("1.3.6.1.2.1.1.3.0")
		inflight = inflight - 1
		if r then answered = answered + 1 end
	end)
end
tap.is(snmp.wait(), true, "1000 tasks on 100 sessions end well")
dt = snmp.now() - t0
tap.is(answered, 1000, "1000 answers")
tap.is(peak, 1000, "1000 requests in flight together")
tap.diag(string.format("1000 concurrent gets over 100 sessions: %.3f s",
    dt))
for i = 1, 100 do sessions[i]:close() end

-- 50 dead agents (closed loopback ports), timeout 0.3 s, no retries:
-- about one timeout in all, not 50.
local dead = {}
for i = 1, 50 do
	dead[i] = assert(snmp.open{ agent = "127.0.0.1:" .. (9 + i),
	    timeout = 0.3, retries = 0 })
end
local codes, msgs = {}, {}
t0 = snmp.now()
for i = 1, 50 do
	snmp.spawn(function()
		local v, msg, code = dead[i]:get("1.3.6.1.2.1.1.1.0")
		codes[i], msgs[i] = code, msg
	end)
end
snmp.wait()
dt = snmp.now() - t0
local timeouts = 0
for i = 1, 50 do if codes[i] == "timeout" then timeouts = timeouts + 1 end end
tap.is(timeouts, 50, "50 dead agents: 50 timeouts")
tap.is(msgs[1], "Timeout: No Response from 127.0.0.1:10.",
    "Net-SNMP's timeout message")
tap.ok(dt >= 0.25 and dt < 2.0,
    string.format("50 dead agents polled in %.2f s (one timeout is 0.3 s)",
    dt))
for i = 1, 50 do dead[i]:close() end

-- a synchronous timeout in the main thread is bounded too
local d = assert(snmp.open{ agent = "127.0.0.1:9", timeout = 0.2,
    retries = 0 })
t0 = snmp.now()
local v, msg, code = d:get("1.3.6.1.2.1.1.1.0")
dt = snmp.now() - t0
tap.is(v, nil, "timeout: nil")
tap.is(code, "timeout", "timeout: code")
tap.like(msg, "^Timeout: No Response from 127%.0%.0%.1:9%.$",
    "timeout: message")
tap.ok(dt >= 0.15 and dt < 1.0, string.format("timeout after %.2f s", dt))
d:close()

-- snmp.sleep inside tasks interleaves them; outside, it runs the loop
local order = {}
snmp.spawn(function() snmp.sleep(0.10) order[#order + 1] = "b" end)
snmp.spawn(function() snmp.sleep(0.05) order[#order + 1] = "a" end)
snmp.spawn(function() order[#order + 1] = "first" end)
t0 = snmp.now()
snmp.wait()
tap.is(table.concat(order, ","), "first,a,b", "sleeping tasks interleave")
tap.ok(snmp.now() - t0 < 0.5, "and take the longest sleep, not the sum")
t0 = snmp.now()
snmp.sleep(0.1)
dt = snmp.now() - t0
tap.ok(dt >= 0.09 and dt < 0.5, string.format("snmp.sleep(0.1) outside "
    .. "a task: %.3f s", dt))

-- task handles: results, join from a task and from the main thread
local t1 = snmp.spawn(function(a, b) snmp.sleep(0.01) return a + b, "x" end,
    2, 3)
local t2 = snmp.spawn(function() return t1:wait() end)
local ok, sum, x = t1:wait()
tap.ok(ok == true and sum == 5 and x == "x", "task:wait() in the main thread")
local ok2, ok1, sum2 = t2:wait()
tap.ok(ok2 and ok1 and sum2 == 5, "task:wait() inside another task")
tap.is(t1:status(), "done", "task:status()")

-- an error in a task is reported, not raised through the loop
local bad = snmp.spawn(function() snmp.sleep(0.01) error("boom") end)
local good = snmp.spawn(function() return s:get("1.3.6.1.2.1.1.5.0") end)
local wok, werr = snmp.wait()
tap.is(wok, false, "snmp.wait() reports a failed task")
tap.like(werr, "1 task failed, the first with: .*boom", "the error")
tap.like(werr, "stack traceback", "with a traceback")
local bok, berr = bad:wait()
tap.ok(bok == false and berr:find("boom"), "the failed task's handle")
tap.is(bad:status(), "failed", "failed status")
tap.ok((good:wait()), "other tasks are not affected")
tap.is(snmp.wait(), true, "the failure is reported once")

-- coroutine.yield() in a task lets the others run
order = {}
snmp.spawn(function()
	order[#order + 1] = 1 coroutine.yield() order[#order + 1] = 3
end)
snmp.spawn(function() order[#order + 1] = 2 end)
snmp.wait()
tap.is(table.concat(order, ","), "1,2,3", "coroutine.yield() in a task")

-- a request inside a foreign coroutine runs synchronously
local co = coroutine.wrap(function() return s:get("1.3.6.1.2.1.1.5.0") end)
tap.ok(co() ~= nil, "request inside a plain coroutine")

-- a task that makes a request where it cannot yield (inside a plain
-- coroutine) runs the loop nested in the main thread's request
local nested
snmp.spawn(function()
	local c = coroutine.wrap(function()
		return s:get("1.3.6.1.2.1.1.5.0")
	end)
	nested = c()
end)
t0 = snmp.now()
local mv = s:get("1.3.6.1.2.1.1.5.0")
tap.ok(mv ~= nil and nested ~= nil, "nested loop runs complete")
tap.ok(snmp.now() - t0 < 1, "without waiting for an unrelated event")
snmp.wait()

-- snmp.every
local ticks = 0
local tm = snmp.every(0.02, function() ticks = ticks + 1 end)
snmp.sleep(0.15)
tm:stop()
snmp.wait()	-- the tasks of ticks that already fired
local seen = ticks
snmp.sleep(0.05)
tap.ok(seen >= 2 and seen <= 9, "snmp.every ticked " .. seen .. " times")
tap.is(ticks, seen, "timer:stop() stops it")

tap.raises(function() snmp.spawn(42) end, "bad argument #1 to 'spawn'",
    "spawn(42) raises")
tap.raises(function() snmp.sleep(-1) end, "bad argument #1 to 'sleep'",
    "sleep(-1) raises")
s:close()
tap.done()
