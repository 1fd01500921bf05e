-- The bundled Lua commands as a library: ifstat's counter arithmetic
-- (RFC 2578 §7.1.6 Counter32 and §7.1.10 Counter64 wraps), and
-- snmp.command's argument checks (the shell runs them in tests/lua/shell.sh).
local tap = require "tap"
local dir = assert(os.getenv("top_srcdir"), "top_srcdir") .. "/lua/commands/"
local ifstat = dofile(dir .. "ifstat.lua")
local d = ifstat.delta
tap.is(d(100, 350, 32), 250, "Counter32: plain increase")
tap.is(d(4294967290, 5, 32), 11, "Counter32: one wrap")
tap.is(d(7, 7, 32), 0, "Counter32: no change")
tap.is(d(1000, 5000, 64), 4000, "Counter64: plain increase")
tap.is(d(-2, 3, 64), 5, "Counter64: past 2^64-1 (negative Lua integers)")
tap.is(d(math.maxinteger, math.mininteger, 64), 1,
    "Counter64: across 2^63")
tap.is(d(nil, 5, 32), nil, "a missing counter: no rate")
dofile(dir .. "probe.lua")
dofile(dir .. "diff.lua")
tap.ok(true, "probe.lua and diff.lua load outside the shell")

tap.raises(function() snmp.command{ run = print } end, "name",
    "snmp.command without a name raises")
tap.raises(function() snmp.command{ name = "x" } end, "run",
    "snmp.command without run raises")
tap.raises(function() snmp.command{ name = "a b", run = print } end,
    "name", "a name with a space raises")
tap.raises(function() snmp.command{ name = "x", run = print, help = 5 } end,
    "help", "a help that is not a string raises")
tap.is(snmp.command{ name = "x", run = print }, true, "a good command")
local ok, e = pcall(snmp.usage, "bad thing")
tap.is(ok, false, "snmp.usage raises")
tap.is(tostring(e), "bad thing", "a usage error object with its message")
tap.done()
