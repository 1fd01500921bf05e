-- MIB names in the snmp module (the demo agent; the shell hands its MIB
-- service over): names as OID arguments, vb.name and tostring with names,
-- snmp.mib.*, s:table, set typed from the MIB, SNMPv3 options of
-- snmp.open, errors as values.
local tap = require "tap"
local agent = assert(snmp.demo_agent, "run with snmpsh --demo --lua")
local s = assert(snmp.open{ agent = agent, timeout = 2, retries = 1 })

-- names in, names out
local v, vb = s:get("sysName.0")
tap.is(v, "snmpsh-demo", "get(\"sysName.0\")")
tap.is(vb.name, "SNMPv2-MIB::sysName.0", "vb.name MODULE::name.index")
tap.is(vb.oid, "1.3.6.1.2.1.1.5.0", "vb.oid stays numeric")
tap.is(tostring(vb), "SNMPv2-MIB::sysName.0 = STRING: snmpsh-demo",
    "tostring(vb): Net-SNMP's line with names")
tap.is(s:get("SNMPv2-MIB::sysName.0"), "snmpsh-demo", "MODULE::name")
tap.is(s:get("system.sysName.0"), "snmpsh-demo", "dotted name")
v, vb = s:get("ifType.1")
tap.is(tostring(vb), "IF-MIB::ifType.1 = INTEGER: softwareLoopback(24)",
    "enumerations render by label")
local list = s:get{ "sysName.0", "1.3.6.1.2.1.1.6.0" }
tap.is(list[2].name, "SNMPv2-MIB::sysLocation.0", "names in get{...}")
tap.raises(function() s:get("noSuchNameAnywhere.0") end,
    "Unknown Object Identifier", "an unknown name is a bad argument")
local n = 0
for w in s:walk("ifDescr") do
  n = n + 1
  tap.like(w.name, "^IF%-MIB::ifDescr%.%d+$", "walk(\"ifDescr\") " .. n)
end
tap.is(n, 4, "four interfaces walked by name")
n = 0
for w in s:bulkwalk("system", { max_repetitions = 3 }) do n = n + 1 end
tap.ok(n >= 8, "bulkwalk(\"system\") by name (" .. n .. " varbinds)")

-- snmp.mib
tap.is(snmp.mib.oid("ifDescr"), "1.3.6.1.2.1.2.2.1.2", "mib.oid")
tap.is(snmp.mib.oid("IF-MIB::ifDescr.3"), "1.3.6.1.2.1.2.2.1.2.3",
    "mib.oid with an instance")
local r, msg = snmp.mib.oid("bogusName")
tap.is(r, nil, "mib.oid of an unknown name: nil")
tap.like(msg, "Unknown Object Identifier", "and Net-SNMP's message")
tap.is(snmp.mib.name("1.3.6.1.2.1.2.2.1.2.3"), "IF-MIB::ifDescr.3",
    "mib.name")
tap.is(snmp.mib.name("1.3.6.1.2.1.1.5.0", "numeric"), ".1.3.6.1.2.1.1.5.0",
    "mib.name numeric")
tap.is(snmp.mib.name("1.3.6.1.2.1.1.5.0", "suffix"), "sysName.0",
    "mib.name suffix")
tap.like(snmp.mib.describe("sysContact"), "MAX%-ACCESS%s+read%-write",
    "mib.describe")
local kids = snmp.mib.children("ifEntry")
tap.is(kids[1], "ifIndex", "mib.children: first column")
tap.is(#kids, 22, "mib.children: 22 columns of ifEntry")
local info = snmp.mib.info("ifAdminStatus.2")
tap.is(info.kind, "column", "mib.info kind")
tap.is(info.type, "Integer32", "mib.info type")
tap.is(info.writable, true, "mib.info writable")
tap.is(info.instance_length, 1, "mib.info instance length")
tap.ok(#snmp.mib.complete("ifHCIn") >= 4, "mib.complete")
r, msg = snmp.mib.load("NO-SUCH-MIB")
tap.is(r, nil, "mib.load of a missing module: nil")
tap.ok(type(msg) == "string", "with a message")
tap.is(snmp.mib.load("IF-MIB"), true, "mib.load of a module")

-- tables
local rows, order = s:table("ifTable")
tap.is(#order, 4, "s:table: four rows")
tap.is(order[1], 1, "rows keyed by the integer index")
tap.is(rows[1].ifDescr, "lo", "columns by name")
tap.is(rows[2].ifType, 6, "integer columns")
rows, order = s:table("ifXTable", { max_repetitions = 5 })
tap.is(rows[4].ifName, "wlan0", "s:table with max_repetitions")
r, msg = s:table("notATable")
tap.is(r, nil, "s:table of an unknown name: nil")
tap.raises(function() s:table(42, 1) end, "bad argument", "bad arguments raise")

-- set typed from the MIB: enumeration label, DisplayString, number
tap.ok(s:set{ ["ifAdminStatus.3"] = "down" }, "set an enumeration label")
v, vb = s:get("ifAdminStatus.3")
tap.is(tostring(vb), "IF-MIB::ifAdminStatus.3 = INTEGER: down(2)",
    "the label was sent as its number")
tap.ok(s:set("ifAdminStatus.3", 1), "set by number")
tap.is(s:get("ifAdminStatus.3"), 1, "back up")
tap.raises(function() s:set("ifAdminStatus.3", "sideways") end,
    "sideways", "an unknown label is a bad argument")
tap.ok(s:set("sysContact.0", "ops@example.net"), "set a DisplayString")
tap.is(s:get("sysContact.0"), "ops@example.net", "read back")
tap.ok(s:set{ ["sysLocation.0"] = snmp.octets("rack 9") },
    "explicit constructor")
r, msg, code = s:set("sysDescr.0", "x")
tap.is(r, nil, "set of a read-only object: nil")
tap.is(code, "notWritable", "code notWritable")
tap.like(msg, "%(Failed object: SNMPv2%-MIB::sysDescr%.0%)$",
    "the failed object by name")

-- SNMPv3 (the demo user)
local v3 = assert(snmp.open{ agent = agent, user = "demo", level = "authPriv",
    auth = "SHA", auth_pass = "demo-auth-pass", priv = "AES",
    priv_pass = "demo-priv-pass", timeout = 2, retries = 1 })
tap.is(v3:version(), "3", "user= makes an SNMPv3 session")
r, msg, code = v3:engine()
tap.is(code, "notFound", "s:engine() before discovery: nil, message, code")
tap.is(v3:get("sysName.0"), "snmpsh-demo", "authPriv get")
local eng = v3:engine()
tap.like(eng and eng.id or "", "^80%x%x%x%x%x%x%x%x+$",
    "s:engine(): the discovered ID in hex (RFC 3411 format, bit 1)")
tap.ok(eng and eng.boots >= 1 and eng.time >= 0, "s:engine(): boots and time")
r, msg, code = snmp.open{ agent = agent }:engine()
tap.is(code, "version", "s:engine() of an SNMPv2c session: nil, message, code")
n = 0
for _ in v3:bulkwalk("ifDescr") do n = n + 1 end
tap.is(n, 4, "authPriv bulkwalk")
local an = assert(snmp.open{ agent = agent, user = "demo",
    auth = "SHA", auth_pass = "demo-auth-pass", timeout = 2, retries = 1 })
r, msg, code = an:get("sysName.0")
-- a wrong key would get a report; the demo's VACM wants authPriv
tap.is(code, "authorizationError",
    "authNoPriv implied by auth_pass alone: authenticated, then refused")
local bad = assert(snmp.open{ agent = agent, user = "demo", auth = "SHA",
    auth_pass = "not-the-pass", timeout = 1, retries = 0 })
r, msg, code = bad:get("sysName.0")
tap.is(r, nil, "a wrong passphrase: nil")
tap.like(msg, "Authentication failure", "Net-SNMP's message")
tap.is(code, "wrongDigest", "code wrongDigest")
local nouser = assert(snmp.open{ agent = agent, user = "nobody",
    timeout = 1, retries = 0 })
r, msg, code = nouser:get("sysName.0")
tap.is(code, "unknownUserName", "an unknown user: unknownUserName")
r, msg = snmp.open{ agent = agent, user = "demo", level = "authPriv",
    auth = "SHA", auth_pass = "short" }
tap.is(r, nil, "a passphrase under 8 octets: nil")
tap.ok(msg ~= nil, "with a message (" .. tostring(msg) .. ")")
tap.raises(function() snmp.open{ agent = agent, version = "4" } end,
    "version", "a bad version raises")
tap.raises(function() snmp.open{ agent = agent, user = 5 } end,
    "user", "a bad field type raises")
tap.done()
