-- probe: what an agent speaks: the SNMP versions it answers (RFC 3584
-- coexistence), its snmpEngineID, boots and time (RFC 3411 §5,
-- SNMP-FRAMEWORK-MIB), the sysORTable of RFC 3418 §2, and the largest
-- GETBULK max-repetitions answered in full (RFC 3416 §4.2.3).
local snmp = require "snmp"

local function hex(s)
  return (s:gsub(".", function(c) return string.format("%02X", c:byte()) end))
end

snmp.command{
  name = "probe",
  usage = "probe [-c COMMUNITY] [-t SECONDS] [AGENT]",
  help = "versions answered, engine ID/boots/time, sysORTable, usable "
      .. "bulk size",
  run = function(args, s)
    local community, timeout, agent = "public", 1, nil
    local i = 1
    while i <= #args do
      local a = args[i]
      if a == "-c" or a == "-t" then
        if args[i + 1] == nil then snmp.usage(a .. ": needs a value") end
        if a == "-c" then community = args[i + 1]
        else
          timeout = tonumber(args[i + 1])
          if not timeout or timeout <= 0 then
            snmp.usage("-t: a number of seconds expected")
          end
        end
        i = i + 2
      elseif a:sub(1, 1) == "-" then
        snmp.usage(a .. ": unknown option")
      elseif agent then
        snmp.usage(a .. ": one AGENT only")
      else
        agent = a
        i = i + 1
      end
    end
    agent = agent or (s and s:peer())
    if not agent then return nil, "no session (open one, or give an AGENT)" end
    print("agent: " .. agent)
    -- the versions, concurrently
    local results, tasks, engine3 = {}, {}, nil
    for _, v in ipairs{ "1", "2c", "3" } do
      tasks[#tasks + 1] = snmp.spawn(function()
        local o = { agent = agent, version = v, community = community,
                    timeout = timeout, retries = 0 }
        if v == "3" then o.user = "snmpsh-probe" end
        local p, err = snmp.open(o)
        if not p then results[v] = "error: " .. err return end
        local val, msg, code = p:get("sysUpTime.0")
        if val then
          results[v] = "answers"
        elseif code == "unknownUserName" or code == "unknownEngineID"
            or code == "unsupportedSecLevel" then
          -- a report: the agent speaks SNMPv3 (RFC 3414 §3.2)
          results[v] = "answers (" .. msg .. ")"
        else
          results[v] = msg
        end
        -- discovery (RFC 3414 §4) told the engine even to an unknown user
        if v == "3" then engine3 = p:engine() end
        p:close()
      end)
    end
    for _, t in ipairs(tasks) do t:wait() end
    for _, v in ipairs{ "1", "2c", "3" } do
      print(string.format("  SNMPv%-3s %s", v, results[v]))
    end
    if engine3 then
      print(string.format("engine ID: %s (SNMPv3 discovery), boots: %d, "
          .. "time: %d s", engine3.id:upper(), engine3.boots, engine3.time))
    end
    local q = snmp.open{ agent = agent, version = "2c", community = community,
                         timeout = timeout, retries = 0 }
    if not q or not results["2c"]:find("^answers") then
      return true
    end
    local l = q:get{ "snmpEngineID.0", "snmpEngineBoots.0",
                     "snmpEngineTime.0", "snmpEngineMaxMessageSize.0" }
    if l and not engine3 then
      local id, boots, time, max = l[1].value, l[2].value, l[3].value,
          l[4].value
      print("engine ID: " .. (id and hex(id) or "-"))
      print("engine boots: " .. tostring(boots or "-") .. ", time: "
          .. tostring(time or "-") .. " s, max message size: "
          .. tostring(max or "-"))
    end
    local rows, order = q:table("sysORTable")
    if rows and #order > 0 then
      print("sysORTable:")
      for _, k in ipairs(order) do
        local r = rows[k]
        print(string.format("  %s %s: %s", tostring(k),
            r.sysORID and snmp.mib.name(r.sysORID) or "-", r.sysORDescr or ""))
      end
    end
    -- bulk size: the largest max-repetitions answered in full
    local best = 0
    for _, n in ipairs{ 10, 25, 50, 100, 200 } do
      local vbs = q:getbulk({ "1.3.6.1.2.1" }, { max_repetitions = n })
      if not vbs or #vbs < n then
        if vbs and #vbs > best then best = #vbs end
        break
      end
      best = n
    end
    print("bulk: " .. best .. " varbinds per GETBULK")
    q:close()
    return true
  end,
}
