-- diff: compare two walks of a subtree: on two sessions (two agents), or
-- on one session some seconds apart.  Lines are Net-SNMP's (names and
-- values by the MIB); the output lists removed (-), added (+) and
-- changed (~) objects in OID order.
local snmp = require "snmp"

-- name -> text of the value, and the names in walk order
local function walk(s, root)
  local map, order = {}, {}
  local ok, err = pcall(function()
    local it = s:version() == "1" and s.walk or s.bulkwalk
    for vb in it(s, root) do
      local line = tostring(vb)
      local name, text = line:match("^(.-) = (.*)$")
      name = name or vb.name
      map[name] = text or line
      order[#order + 1] = name
    end
  end)
  if not ok then return nil, tostring(err) end
  return map, order
end

snmp.command{
  name = "diff",
  usage = "diff [-i SECONDS | -s SESSION] OID",
  help = "compare a subtree: two sessions, or one session SECONDS apart "
      .. "(- removed, + added, ~ changed)",
  complete = function(prefix, args)
    if args[#args] == "-s" then
      local l = {}
      for name in pairs(snmp.sessions) do l[#l + 1] = name end
      table.sort(l)
      return l
    end
    return { "-i", "-s" }
  end,
  run = function(args, s)
    local secs, other, root
    local i = 1
    while i <= #args do
      local a = args[i]
      if a == "-i" then
        secs = tonumber(args[i + 1])
        if not secs or secs < 0 then snmp.usage("-i: seconds expected") end
        i = i + 2
      elseif a == "-s" then
        other = args[i + 1]
        if not other then snmp.usage("-s: needs a SESSION") end
        i = i + 2
      elseif a:sub(1, 1) == "-" then
        snmp.usage(a .. ": unknown option")
      elseif root then
        snmp.usage(a .. ": one OID only")
      else
        root = a
        i = i + 1
      end
    end
    if not root then snmp.usage("needs an OID") end
    if not s then return nil, "no session (open one, or give an AGENT)" end
    local s2 = s
    if other then
      s2 = snmp.sessions[other]
      if not s2 then return nil, other .. ": no such session" end
    end
    local a, ao = walk(s, root)
    if not a then return nil, ao end
    if not other then snmp.sleep(secs or 1) end
    local b, bo = walk(s2, root)
    if not b then return nil, bo end
    -- merge both orders by OID
    local all, seen = {}, {}
    for _, list in ipairs{ ao, bo } do
      for _, n in ipairs(list) do
        if not seen[n] then
          seen[n] = true
          all[#all + 1] = n
        end
      end
    end
    local key = {}
    for _, n in ipairs(all) do
      local o = snmp.mib.oid(n) or n
      local parts = {}
      for d in o:gmatch("%d+") do parts[#parts + 1] = tonumber(d) end
      key[n] = parts
    end
    table.sort(all, function(x, y)
      local p, q = key[x], key[y]
      for k = 1, math.min(#p, #q) do
        if p[k] ~= q[k] then return p[k] < q[k] end
      end
      if #p ~= #q then return #p < #q end
      return x < y
    end)
    local n = 0
    for _, name in ipairs(all) do
      if a[name] and not b[name] then
        print("- " .. name .. " = " .. a[name])
        n = n + 1
      elseif b[name] and not a[name] then
        print("+ " .. name .. " = " .. b[name])
        n = n + 1
      elseif a[name] ~= b[name] then
        print("~ " .. name .. ": " .. a[name] .. " -> " .. b[name])
        n = n + 1
      end
    end
    print(string.format("%d difference%s, %d and %d objects", n,
        n == 1 and "" or "s", #ao, #bo))
    return true
  end,
}
