-- Walk a subtree and print it as CSV (oid,type,value), one row per
-- varbind, streaming: memory stays constant for any walk length.
--   snmpsh --lua walk_csv.lua AGENT [OID] [COMMUNITY]
local agent, root, community = ...
if not agent then
	io.stderr:write("usage: walk_csv.lua AGENT [OID] [COMMUNITY]\n")
	os.exit(2)
end
local s = assert(snmp.open{ agent = agent, community = community or "public",
    timeout = 2, retries = 1 })

-- RFC 4180 quoting: fields with commas, quotes or line breaks are quoted
local function csv(v)
	v = v == nil and "" or tostring(v)
	if v:find('[,"\r\n]') then v = '"' .. v:gsub('"', '""') .. '"' end
	return v
end

print("oid,type,value")
local n = 0
for vb in s:bulkwalk(root or "1.3.6.1.2.1.1") do
	print(csv(vb.oid) .. "," .. csv(vb.type) .. "," .. csv(vb.value))
	n = n + 1
end
io.stderr:write(n, " rows\n")
