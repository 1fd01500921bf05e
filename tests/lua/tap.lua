-- A tiny TAP producer for the Lua tests (run by `snmpsh --lua`).
local M = { n = 0, failed = 0 }

local function show(v)
	if type(v) == "string" then return string.format("%q", v) end
	return tostring(v)
end

function M.plan(n) print("1.." .. n) M.planned = n end

function M.ok(cond, desc)
	M.n = M.n + 1
	print(string.format("%s %d - %s", cond and "ok" or "not ok", M.n,
	    desc or ""))
	if not cond then M.failed = M.failed + 1 end
	return cond
end

function M.diag(...)
	local t = table.pack(...)
	for i = 1, t.n do t[i] = tostring(t[i]) end
	for line in (table.concat(t, " ") .. "\n"):gmatch("([^\n]*)\n") do
		print("# " .. line)
	end
end

function M.is(got, want, desc)
	local ok = got == want
	if not M.ok(ok, desc) then
		M.diag("     got: " .. show(got))
		M.diag("expected: " .. show(want))
	end
	return ok
end

function M.like(got, pattern, desc)
	local ok = type(got) == "string" and got:find(pattern) ~= nil
	if not M.ok(ok, desc) then
		M.diag("     got: " .. show(got))
		M.diag("expected to match: " .. show(pattern))
	end
	return ok
end

-- fn must raise an error whose message matches pattern.
function M.raises(fn, pattern, desc)
	local ok, err = pcall(fn)
	if ok then
		M.ok(false, desc)
		M.diag("no error raised")
		return false
	end
	return M.like(tostring(err), pattern, desc)
end

function M.skip(reason, count)
	for _ = 1, count or 1 do
		M.n = M.n + 1
		print(string.format("ok %d # SKIP %s", M.n, reason))
	end
end

-- Print the plan if none was given; exit 1 if anything failed.
function M.done()
	if not M.planned then print("1.." .. M.n) end
	if M.failed > 0 or (M.planned and M.planned ~= M.n) then
		os.exit(1)
	end
end

return M
