-- Notifications in Lua: snmp.listen with a community and a v3 user,
-- on_notification's table for v1, v2c and v3; snmp.trap and snmp.inform
-- (v3: discovery of the listener, then the acknowledgement), inside a task
-- too; a failing handler is reported and the listener lives on; filters
-- count what they drop; close; argument errors raise, a bad address
-- returns nil, message.
local tap = require "tap"

local got, fail_on = {}, nil
local l = assert(snmp.listen{
	agent = "udp:127.0.0.1:0",
	community = { "public", "other" },
	users = { { user = "bob", auth = "SHA", auth_pass = "bobauth11",
		    priv = "AES", priv_pass = "bobpriv11" } },
	on_notification = function(n)
		got[#got + 1] = n
		if n.uptime == fail_on then error("handler failed on purpose") end
	end,
})
local addr = l:addresses()[1]
tap.like(addr, "^udp:127%.0%.0%.1:%d+$", "listening on " .. tostring(addr))
tap.like(tostring(l), "^snmp.listener %(udp:", "tostring")

local function settle(n)
	local t0 = snmp.now()
	while #got < n and snmp.now() - t0 < 3 do snmp.sleep(0.02) end
end

tap.is(snmp.trap{ agent = addr, version = "2c", community = "public",
	uptime = 42, trap_oid = "1.3.6.1.6.3.1.1.5.1",
	varbinds = { { "1.3.6.1.2.1.1.4.0", "hi\nthere" },
		     { "1.3.6.1.2.1.2.2.1.1.1", 7 } } }, true, "snmp.trap v2c")
settle(1)
local n = got[1] or {}
tap.is(n.version, "2c", "n.version")
tap.is(n.type, "trap2", "n.type")
tap.is(n.security, "public", "n.security is the community")
tap.is(n.uptime, 42, "n.uptime")
tap.is(n.trap_oid, "1.3.6.1.6.3.1.1.5.1", "n.trap_oid")
tap.like(n.source or "", "^udp:127%.0%.0%.1:%d+$", "n.source")
tap.is(n.varbinds and #n.varbinds, 4, "4 varbinds (sysUpTime, trap OID, 2)")
tap.is(n.varbinds and n.varbinds[3].value, "hi\nthere", "exact bytes")
tap.is(n.varbinds and n.varbinds[4].type, "Integer32", "typed value")

tap.is(snmp.trap{ agent = addr, version = "1", community = "other",
	enterprise = "1.3.6.1.4.1.8072", agent_addr = "192.0.2.3",
	generic = 6, specific = 3, uptime = 5 }, true, "snmp.trap v1")
settle(2)
n = got[2] or {}
tap.is(n.type, "trap", "v1: n.type")
tap.is(n.trap_oid, "1.3.6.1.4.1.8072.0.3", "v1: RFC 3584 snmpTrapOID")
tap.is(n.agent_addr, "192.0.2.3", "v1: n.agent_addr")
tap.is(n.specific_trap, 3, "v1: n.specific_trap")
tap.is(n.varbinds and n.varbinds[3].value, "192.0.2.3",
	"v1: snmpTrapAddress.0 appended")

local ok, msg = snmp.inform{ agent = addr, version = "3", user = "bob",
	auth = "SHA", auth_pass = "bobauth11", priv = "AES",
	priv_pass = "bobpriv11", uptime = 6, trap_oid = "1.3.6.1.6.3.1.1.5.4",
	timeout = 10, retries = 0 }
tap.is(ok, true, "snmp.inform v3 acknowledged " .. tostring(msg))
n = got[3] or {}
tap.is(n.version, "3", "v3: n.version")
tap.is(n.type, "inform", "v3: n.type")
tap.is(n.user, "bob", "v3: n.user")
tap.is(n.level, "authPriv", "v3: n.level")

-- a v3 trap from this host's engine, and an inform inside a task
tap.is(snmp.trap{ agent = addr, version = "3", user = "bob", auth = "SHA",
	auth_pass = "bobauth11", priv = "AES", priv_pass = "bobpriv11",
	uptime = 8, trap_oid = "1.3.6.1.6.3.1.1.5.3" }, true, "snmp.trap v3")
settle(4)
tap.is(got[4] and got[4].trap_oid, "1.3.6.1.6.3.1.1.5.3", "v3 trap received")
local s = assert(snmp.open{ agent = addr, version = "2c",
	community = "public", timeout = 10, retries = 0 })
local task_ok
snmp.spawn(function()
	task_ok = snmp.inform{ session = s, uptime = 9,
		trap_oid = "1.3.6.1.6.3.1.1.5.2" }
end)
tap.is(snmp.wait(), true, "the task ended")
tap.is(task_ok, true, "snmp.inform on a session, in a task")
tap.is(got[5] and got[5].type, "inform", "v2c inform received")

-- a failing handler: reported, the listener lives on
fail_on = 10
snmp.trap{ session = s, uptime = 10, trap_oid = "1.3.6.1.6.3.1.1.5.1" }
snmp.trap{ session = s, uptime = 11, trap_oid = "1.3.6.1.6.3.1.1.5.1" }
settle(7)
tap.is(#got, 7, "after a handler error the next notification arrives")

-- filters: a wrong community and an unknown user are dropped and counted
snmp.trap{ agent = addr, version = "2c", community = "wrong", uptime = 1,
	trap_oid = "1.3.6.1.6.3.1.1.5.1" }
snmp.trap{ agent = addr, version = "3", user = "eve", uptime = 1,
	trap_oid = "1.3.6.1.6.3.1.1.5.1" }
snmp.sleep(0.2)
local st = l:stats()
tap.is(#got, 7, "dropped notifications are not handed over")
tap.is(st.bad_community, 1, "stats.bad_community")
tap.is(st.unknown_users, 1, "stats.unknown_users")
tap.is(st.accepted, 7, "stats.accepted")
tap.is(st.responses, 2, "stats.responses (two informs)")

l:close()
tap.raises(function() l:stats() end, "closed", "a closed listener raises")
tap.is(snmp.trap{ session = s, uptime = 12,
	trap_oid = "1.3.6.1.6.3.1.1.5.1" }, true, "a trap to nobody is sent")
snmp.sleep(0.1)
tap.is(#got, 7, "nothing after close")
s:close()

tap.raises(function() snmp.listen{ on_notification = 5 } end,
	"on_notification", "a bad handler raises")
tap.raises(function() snmp.trap{ agent = addr } end, "trap_oid",
	"snmp.trap without trap_oid raises")
local l2, m2 = snmp.listen{ agent = "udp:256.1.2.3:1162" }
tap.is(l2, nil, "a bad address: nil")
tap.ok(type(m2) == "string" and #m2 > 0, "... and a message: " ..
	tostring(m2))
tap.done()
