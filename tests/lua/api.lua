-- The snmp module against the demo agent: get, getnext, getbulk, set,
-- walk, bulkwalk, varbinds and their tostring, typed set constructors,
-- bad arguments.
local tap = require "tap"
local agent = assert(snmp.demo_agent, "run with snmpsh --demo --lua")

local s = assert(snmp.open{ agent = agent, version = "2c",
    community = "public", timeout = 2, retries = 1 })
tap.like(tostring(s), "^snmp%.session %(", "tostring(session)")

-- get: value then varbind
local v, vb = s:get("1.3.6.1.2.1.1.1.0")
tap.is(type(v), "string", "get sysDescr.0: a string value")
tap.like(v, "snmpsh demo agent", "sysDescr text")
tap.is(vb.oid, "1.3.6.1.2.1.1.1.0", "vb.oid: dotted, no leading dot")
tap.is(vb.name, "SNMPv2-MIB::sysDescr.0", "vb.name: MODULE::name.index")
tap.is(vb.type, "OctetString", "vb.type")
tap.is(vb.value, v, "vb.value")
tap.is(tostring(vb), 'SNMPv2-MIB::sysDescr.0 = STRING: ' .. v,
    "tostring(vb): Net-SNMP's line with names")
-- leading dot and table forms of an OID
tap.is(s:get(".1.3.6.1.2.1.1.1.0"), v, "get with a leading dot")
tap.is(s:get{ 1, 3, 6, 1, 2, 1, 1, 1, 0 }, v, "get with an OID table")

-- integer types
v, vb = s:get("1.3.6.1.2.1.1.7.0")
tap.is(math.type(v), "integer", "sysServices is a Lua integer")
tap.is(vb.type, "Integer32", "sysServices type")
tap.is(tostring(vb), "SNMPv2-MIB::sysServices.0 = INTEGER: " .. v,
    "INTEGER line")
v, vb = s:get("1.3.6.1.2.1.1.3.0")
tap.is(vb.type, "TimeTicks", "sysUpTime type")
tap.like(tostring(vb), "^DISMAN%-EVENT%-MIB::sysUpTimeInstance = Timeticks: %(%d+%) "
    .. "%d+:%d%d:%d%d%.%d%d$", "Timeticks line")
v, vb = s:get("1.3.6.1.2.1.1.2.0")
tap.is(vb.type, "ObjectIdentifier", "sysObjectID type")
tap.like(v, "^1%.3%.6%.1%.", "OID value dotted without a leading dot")

-- several OIDs: a list of varbinds
local list = s:get{ "1.3.6.1.2.1.1.5.0", "1.3.6.1.2.1.1.6.0",
    "1.3.6.1.2.1.1.99.0" }
tap.is(#list, 3, "get{...}: three varbinds")
tap.is(list[1].oid, "1.3.6.1.2.1.1.5.0", "list order kept")
tap.is(list[3].type, "noSuchObject", "missing object: exception type")
tap.is(list[3].value, nil, "exception value is nil")
tap.is(tostring(list[3]), "SNMPv2-MIB::system.99.0 = No Such Object available "
    .. "on this agent at this OID", "exception line")

-- a single missing instance: nil, message, code
local r, msg, code = s:get("1.3.6.1.2.1.1.1.1")
tap.is(r, nil, "missing instance: nil")
tap.is(msg, "No Such Instance currently exists at this OID",
    "missing instance: message")
tap.is(code, "noSuchInstance", "missing instance: code")

-- getnext
v, vb = s:getnext("1.3.6.1.2.1.1")
tap.is(vb.oid, "1.3.6.1.2.1.1.1.0", "getnext from system")
list = s:getnext{ "1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.2.0" }
tap.is(list[2].oid, "1.3.6.1.2.1.1.3.0", "getnext{...}")

-- getbulk, both forms
list = s:getbulk{ "1.3.6.1.2.1.1", max_repetitions = 3 }
tap.is(#list, 3, "getbulk max_repetitions=3")
tap.is(list[3].oid, "1.3.6.1.2.1.1.3.0", "getbulk third varbind")
list = s:getbulk({ "1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1" },
    { non_repeaters = 1, max_repetitions = 2 })
tap.is(#list, 3, "getbulk non_repeaters=1 max_repetitions=2")
tap.is(list[1].oid, "1.3.6.1.2.1.1.2.0", "non-repeater first")

-- set: plain string, then read back
local ok, res = s:set{ ["1.3.6.1.2.1.1.4.0"] = "ops@example.net" }
tap.is(ok, true, "set sysContact: true")
tap.is(res[1].value, "ops@example.net", "set returns the varbinds")
tap.is(s:get("1.3.6.1.2.1.1.4.0"), "ops@example.net", "set took effect")
ok = s:set("1.3.6.1.2.1.1.5.0", snmp.octets("box-7"))
tap.is(ok, true, "set(oid, snmp.octets(...))")
tap.is(s:get("1.3.6.1.2.1.1.5.0"), "box-7", "typed set took effect")
ok = s:set{ { "1.3.6.1.2.1.1.6.0", "rack 9" },
    { oid = "1.3.6.1.2.1.1.5.0", type = "OctetString", value = "b8" } }
tap.is(ok, true, "set with an ordered list")
tap.is(s:get("1.3.6.1.2.1.1.6.0"), "rack 9", "ordered set 1")
tap.is(s:get("1.3.6.1.2.1.1.5.0"), "b8", "ordered set 2")
ok = s:set{ { oid = "1.3.6.1.2.1.1.5.0", value = "b9" } }
tap.is(s:get("1.3.6.1.2.1.1.5.0"), "b9", "set entry without a type")
-- a wrong type is an SNMP error: nil, message, code
r, msg, code = s:set("1.3.6.1.2.1.1.4.0", snmp.counter32(4))
tap.is(r, nil, "set with a wrong type fails")
tap.like(msg, "^Error in packet%. Reason: wrongType", "wrongType message")
tap.is(code, "wrongType", "wrongType code")

-- typed constructors
local c = snmp.counter32(5)
tap.is(c.type, "Counter32", "snmp.counter32 type")
tap.is(c.value, 5, "snmp.counter32 value")
tap.is(snmp.gauge32(7).type, "Gauge32", "snmp.gauge32")
tap.is(snmp.timeticks(100).type, "TimeTicks", "snmp.timeticks")
tap.is(snmp.integer(-3).value, -3, "snmp.integer")
tap.is(snmp.ipaddress("10.0.0.1").value, "10.0.0.1", "snmp.ipaddress")
tap.is(snmp.oid(".1.3.6.1").value, "1.3.6.1", "snmp.oid normalises")
tap.is(snmp.counter64(-1).type, "Counter64", "snmp.counter64")
tap.raises(function() snmp.counter32(-1) end, "out of range",
    "counter32(-1) raises")
tap.raises(function() snmp.ipaddress("1.2.3") end, "IpAddress",
    "ipaddress('1.2.3') raises")
tap.raises(function() snmp.integer(2^31) end, "range",
    "integer(2^31) raises")
-- tostring of hand-made varbinds (the renderer)
local mk = function(t) return setmetatable(t, getmetatable(vb)) end
tap.is(tostring(mk{ oid = "1.3.6.1", type = "Counter64",
    value = -1 }), "SNMPv2-SMI::internet = Counter64: 18446744073709551615",
    "Counter64 wraps: -1 is 2^64-1")
tap.is(tostring(mk{ oid = "1.3", type = "IpAddress", value = "10.1.2.3" }),
    "SNMPv2-SMI::org = IpAddress: 10.1.2.3", "IpAddress line")
tap.is(tostring(mk{ oid = "1.3", type = "OctetString",
    value = "\0\1\255" }), "SNMPv2-SMI::org = Hex-STRING: 00 01 FF ", "Hex-STRING")
tap.is(tostring(mk{ oid = "1.3", type = "TimeTicks", value = 8640100 }),
    "SNMPv2-SMI::org = Timeticks: (8640100) 1 day, 0:00:01.00", "Timeticks a day")
tap.is(tostring(mk{ oid = "1.3", type = "OctetString", value = "" }),
    'SNMPv2-SMI::org = ""', "an empty string as Net-SNMP prints it")
tap.is(tostring(mk{ oid = "1.3", type = "OctetString", value = 'a"b' }),
    'SNMPv2-SMI::org = STRING: "a\\"b"', "a quote inside is escaped")
tap.is(tostring(mk{ oid = "1.3", type = "OctetString",
    value = "a\r\nb\tc" }), 'SNMPv2-SMI::org = STRING: "a\\r\\nb\\tc"',
    "line breaks from the wire are shown escaped (SPEC 3)")
tap.is(tostring(mk{ oid = "1.3", type = "Gauge32", value = 4 }),
    "SNMPv2-SMI::org = Gauge32: 4", "Gauge32 line")

-- walk: every varbind in order inside the subtree
local n, last, inside = 0, nil, true
for w in s:walk("1.3.6.1.2.1.1") do
	n = n + 1
	inside = inside and w.oid:find("^1%.3%.6%.1%.2%.1%.1%.") ~= nil
	last = w.oid
end
tap.ok(n >= 8, "walk system: " .. n .. " varbinds")
tap.ok(inside, "walk stays in the subtree")
-- bulkwalk finds the same
local m = 0
for _ in s:bulkwalk("1.3.6.1.2.1.1", { max_repetitions = 4 }) do
	m = m + 1
end
tap.is(m, n, "bulkwalk system: same count as walk")
-- a leaf: the fallback GET
n = 0
for w in s:walk("1.3.6.1.2.1.1.1.0") do n = n + 1 vb = w end
tap.is(n, 1, "walk of a leaf: one varbind (fallback GET)")
tap.is(vb.oid, "1.3.6.1.2.1.1.1.0", "fallback GET varbind")
-- nothing there
n = 0
for _ in s:walk("1.3.6.1.2.1.1.99") do n = n + 1 end
tap.is(n, 0, "walk of an empty subtree: nothing")

-- bad arguments raise
tap.raises(function() s:get() end, "bad argument #1 to 'get'",
    "get() raises")
tap.raises(function() s:get("not.an.oid") end,
    "bad argument #1 to 'get'", "get('not.an.oid') raises")
tap.raises(function() s:get(true) end, "bad argument #1 to 'get'",
    "get(true) raises")
tap.raises(function() s:set("1.3.6.1.2.1.1.4.0", {}) end,
    "bad argument #1 to 'set'", "set with a bad value raises")
tap.raises(function()
	s:getbulk({ "1.3" }, { max_repetitions = -1 })
end, "bad argument #2 to 'getbulk'", "getbulk with a bad option raises")
tap.raises(function() snmp.open{} end, "bad argument #1 to 'open'",
    "open{} raises")
tap.raises(function() snmp.open{ agent = agent, version = "7" } end,
    "version", "open with a bad version raises")
tap.raises(function() s.get(42, "1.3") end, "bad argument #1 to 'get'",
    "get on a non-session raises")

-- close
s:close()
tap.raises(function() s:get("1.3.6.1.2.1.1.1.0") end, "closed",
    "a closed session raises")
tap.ok(pcall(s.close, s), "closing twice is fine")
do
	local s2 <close> = assert(snmp.open{ agent = agent })
	tap.ok(s2:get("1.3.6.1.2.1.1.5.0") ~= nil, "to-be-closed session")
end
-- v1 session: noSuchName as nil, message, code
local s1 = assert(snmp.open{ agent = agent, version = "1" })
r, msg, code = s1:get("1.3.6.1.2.1.1.1.1")
tap.is(code, "noSuchName", "v1 missing instance: noSuchName")
tap.like(msg, "^Error in packet%. Reason: %(noSuchName%)", "v1 message")
tap.raises(function() s1:bulkwalk("1.3.6.1.2.1.1") end, "SNMPv1",
    "bulkwalk on v1 raises")
tap.raises(function() s1:getbulk{ "1.3.6.1.2.1.1" } end, "SNMPv1",
    "getbulk on v1 raises")
n = 0
for _ in s1:walk("1.3.6.1.2.1.1") do n = n + 1 end
tap.is(n, m, "v1 walk: same count")
s1:close()

-- the shell's session to the demo agent, borrowed
local demo = snmp.sessions.demo
tap.ok(demo ~= nil, "snmp.sessions.demo: the shell's session")
tap.like(demo and demo:peer() or "", "^udp:127%.0%.0%.1:%d+$",
    "its peer is the demo agent")
tap.ok(demo and demo:get("1.3.6.1.2.1.1.5.0") ~= nil, "and it works")
if demo then demo:close() end
tap.raises(function() demo:get("1.3.6.1.2.1.1.5.0") end, "closed",
    "close() detaches it from Lua")
tap.done()
