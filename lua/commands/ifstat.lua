-- ifstat: per-interface rates from two polls of the interface counters
-- (IF-MIB ifXTable's 64-bit ifHC* counters, else ifTable's Counter32
-- ones; RFC 2863 §3.1.6).  A counter that went down between the polls
-- wrapped (RFC 2578 §7.1.6 for Counter32, §7.1.10 for Counter64).
local snmp = require "snmp"

local TWO32 = 4294967296

-- the increase of a counter between two polls, wraps included
local function delta(a, b, bits)
  if a == nil or b == nil then return nil end
  if bits == 32 then
    return (b - a) % TWO32
  end
  -- Counter64 as Lua integers wrap modulo 2^64 by themselves
  local d = b - a
  if d < 0 then return nil end -- more than 2^63: not a plausible rate
  return d
end

-- one poll: {index = {name=, inoct=, outoct=, inpkt=, outpkt=}}, bits
local function poll(s)
  local rows = s:table("ifXTable")
  local hc = false
  if rows then
    for _, r in pairs(rows) do
      if r.ifHCInOctets then hc = true end
      break
    end
  end
  local out = {}
  if hc then
    for i, r in pairs(rows) do
      out[i] = { name = r.ifName, inoct = r.ifHCInOctets,
                 outoct = r.ifHCOutOctets, inpkt = r.ifHCInUcastPkts,
                 outpkt = r.ifHCOutUcastPkts }
    end
    return out, 64
  end
  local t, msg = s:table("ifTable")
  if not t then return nil, msg end
  for i, r in pairs(t) do
    out[i] = { name = r.ifDescr, inoct = r.ifInOctets,
               outoct = r.ifOutOctets, inpkt = r.ifInUcastPkts,
               outpkt = r.ifOutUcastPkts }
  end
  return out, 32
end

local function rate(d, secs, mul)
  if d == nil then return "-" end
  return string.format("%.0f", d * (mul or 1) / secs)
end

snmp.command{
  name = "ifstat",
  usage = "ifstat [-i SECONDS] [INTERFACE...]",
  help = "per-interface rates (bit/s, packets/s) from two polls of "
      .. "ifXTable/ifTable",
  complete = function(prefix, args)
    if args[#args] == "-i" then return { "1", "2", "5", "10" } end
    return { "-i" }
  end,
  run = function(args, s)
    local secs, want = 1, {}
    local i = 1
    while i <= #args do
      if args[i] == "-i" then
        secs = tonumber(args[i + 1])
        if not secs or secs <= 0 or secs > 3600 then
          snmp.usage("-i: a number of seconds (0 to 3600) expected")
        end
        i = i + 2
      elseif args[i]:sub(1, 1) == "-" then
        snmp.usage(args[i] .. ": unknown option")
      else
        want[args[i]] = true
        i = i + 1
      end
    end
    if not s then return nil, "no session (open one, or give an AGENT)" end
    local a, bits = poll(s)
    if not a then return nil, bits end
    local t0 = snmp.now()
    snmp.sleep(secs)
    local b, bits2 = poll(s)
    if not b then return nil, bits2 end
    local dt = snmp.now() - t0
    local idx = {}
    for k in pairs(b) do idx[#idx + 1] = k end
    table.sort(idx, function(x, y)
      if type(x) == type(y) then return x < y end
      return type(x) == "number"
    end)
    print(string.format("%-6s %-12s %14s %14s %10s %10s", "index", "name",
        "in bit/s", "out bit/s", "in pkt/s", "out pkt/s"))
    for _, k in ipairs(idx) do
      local x, y = a[k], b[k]
      local name = y.name or tostring(k)
      if x and (next(want) == nil or want[name] or want[tostring(k)]) then
        print(string.format("%-6s %-12s %14s %14s %10s %10s", tostring(k),
            name, rate(delta(x.inoct, y.inoct, bits2), dt, 8),
            rate(delta(x.outoct, y.outoct, bits2), dt, 8),
            rate(delta(x.inpkt, y.inpkt, bits2), dt),
            rate(delta(x.outpkt, y.outpkt, bits2), dt)))
      end
    end
    return true
  end,
}

-- for tests: the wrap arithmetic
return { delta = delta }
