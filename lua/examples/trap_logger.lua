-- Log received notifications (traps and informs, SNMPv1/v2c/v3) one line
-- each, to stdout or a file, with the time, source, version, security
-- name, trap name and varbinds; optionally stop after COUNT of them.
--   snmpsh --lua trap_logger.lua [AGENT [COUNT [FILE]]]
-- AGENT defaults to udp:127.0.0.1:1162 (162 needs privileges); COUNT 0 or
-- absent means run until Ctrl-C.  Communities accepted: any.  For SNMPv3,
-- set SNMPSH_TRAP_USER, SNMPSH_TRAP_AUTH_PASS and SNMPSH_TRAP_PRIV_PASS
-- (SHA and AES).
local agent = arg[1] or "udp:127.0.0.1:1162"
local count = tonumber(arg[2] or "0")
if not count or count < 0 then
	io.stderr:write("usage: trap_logger.lua [AGENT [COUNT [FILE]]]\n")
	os.exit(2)
end
local out = io.stdout
if arg[3] then
	out = assert(io.open(arg[3], "a"))
end

local users
if os.getenv("SNMPSH_TRAP_USER") then
	users = { { user = os.getenv("SNMPSH_TRAP_USER"), auth = "SHA",
	    auth_pass = os.getenv("SNMPSH_TRAP_AUTH_PASS"), priv = "AES",
	    priv_pass = os.getenv("SNMPSH_TRAP_PRIV_PASS") } }
end

local seen = 0
local l = assert(snmp.listen{
	agent = agent,
	users = users,
	on_notification = function(n)
		local vbs = {}
		for _, vb in ipairs(n.varbinds) do
			vbs[#vbs + 1] = string.format("%s=%s", vb.name or vb.oid,
			    tostring(vb.value))
		end
		out:write(string.format("%s %s v%s %s %s %s %s\n",
		    os.date("!%Y-%m-%dT%H:%M:%SZ"), n.source, n.version,
		    n.type, n.security, n.trap_name or n.trap_oid or "-",
		    table.concat(vbs, " ")))
		out:flush()
		seen = seen + 1
	end,
})
io.stderr:write("logging notifications on " .. agent .. "\n")
while count == 0 or seen < count do
	snmp.sleep(0.1)
end
l:close()
if out ~= io.stdout then out:close() end
