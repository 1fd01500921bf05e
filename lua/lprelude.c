/*
 * Helpers of the module written in Lua, compiled into it (snmp.so carries
 * no files): s:table(), a conceptual table (RFC 2578 §7.1.12) walked with
 * GETBULK (GETNEXT on SNMPv1) into rows keyed by their decoded INDEX
 * (§7.7) with columns by name; and the runner of snmp.command
 * invocations, which turns results and errors into the shell's exit
 * statuses and messages.  Lua code calling s:bulkwalk yields its task
 * where C code could not.  Loaded once per state, kept in the registry.
 */
#include "config.h"

#include "lua/lsnmp_int.h"

static const char prelude[] =
"local M, USAGE = ...\n"
"local P = {}\n"
"\n"
"-- the index part of a name: rows keyed by integers when it is one\n"
"local function key_of(idx)\n"
"  if idx:match('^%d+$') then\n"
"    return math.tointeger(tonumber(idx)) or idx\n"
"  end\n"
"  return idx\n"
"end\n"
"\n"
"function P.table(s, name, opts)\n"
"  if type(name) ~= 'string' and type(name) ~= 'table' then\n"
"    error(\"bad argument #1 to 'table' (table name expected)\", 3)\n"
"  end\n"
"  if opts ~= nil and type(opts) ~= 'table' then\n"
"    error(\"bad argument #2 to 'table' (table expected)\", 3)\n"
"  end\n"
"  local root, msg = M.mib.oid(name)\n"
"  if not root then return nil, msg, 'unknownName' end\n"
"  local bulk = s:version() ~= '1' and not (opts and opts.getnext)\n"
"  local rows, order = {}, {}\n"
"  local ok, err = pcall(function()\n"
"    local it, w, c, close\n"
"    if bulk then\n"
"      it, w, c, close = s:bulkwalk(root, opts and\n"
"        { max_repetitions = opts.max_repetitions })\n"
"    else\n"
"      it, w, c, close = s:walk(root)\n"
"    end\n"
"    for vb in it, w, c, close do\n"
"      local col, idx\n"
"      local rest = vb.name:match('^[^:]+::(.*)$')\n"
"      if rest then col, idx = rest:match('^([^.]+)%.(.+)$') end\n"
"      if not col then\n"
"        -- no MIB: TABLE.1.COLUMN.INDEX\n"
"        local c2, i2 = vb.oid:sub(#root + 2):match('^%d+%.(%d+)%.(.+)$')\n"
"        col, idx = math.tointeger(tonumber(c2)), i2\n"
"      end\n"
"      if col then\n"
"        local k = key_of(idx)\n"
"        local row = rows[k]\n"
"        if not row then\n"
"          row = {}\n"
"          rows[k] = row\n"
"          order[#order + 1] = k\n"
"        end\n"
"        row[col] = vb.value\n"
"      end\n"
"    end\n"
"  end)\n"
"  if not ok then return nil, tostring(err), 'error' end\n"
"  return rows, order\n"
"end\n"
"\n"
"local function say(name, msg)\n"
"  io.stdout:flush()\n"
"  io.stderr:write('snmpsh: ', name, ': ', tostring(msg), '\\n')\n"
"end\n"
"\n"
"-- one invocation of a command: its exit status (0, 1, 2, 130)\n"
"function P.run(spec, args, session)\n"
"  local name = spec.name\n"
"  local r = table.pack(xpcall(spec.run, function(e)\n"
"    if getmetatable(e) == USAGE then return e end\n"
"    if type(e) ~= 'string' then\n"
"      return '(error object is a ' .. type(e) .. ' value)'\n"
"    end\n"
"    return e\n"
"  end, args, session))\n"
"  io.stdout:flush()\n"
"  if not r[1] then\n"
"    local e = r[2]\n"
"    if getmetatable(e) == USAGE then\n"
"      say(name, e.message)\n"
"      io.stderr:write('usage: ', spec.usage or name, '\\n')\n"
"      return 2\n"
"    end\n"
"    say(name, e)\n"
"    return e:find('interrupted!$') and 130 or 1\n"
"  end\n"
"  if r[2] == false or (r[2] == nil and r[3] ~= nil) then\n"
"    say(name, r[3] or 'failed')\n"
"    if r[4] == 'usage' then\n"
"      io.stderr:write('usage: ', spec.usage or name, '\\n')\n"
"      return 2\n"
"    end\n"
"    return 1\n"
"  end\n"
"  if math.type(r[2]) == 'integer' then return r[2] end\n"
"  return 0\n"
"end\n"
"\n"
"return P\n";

void
lsn_prelude(lua_State *L)
{
	if (lua_getfield(L, LUA_REGISTRYINDEX, LSN_PRELUDE_KEY) == LUA_TTABLE)
		return;
	lua_pop(L, 1);
	if (luaL_loadbuffer(L, prelude, sizeof(prelude) - 1, "=snmp") !=
	    LUA_OK)
		lua_error(L);
	lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
	lua_getfield(L, -1, "snmp");
	lua_remove(L, -2);
	luaL_getmetatable(L, LSN_MT_USAGE);
	lua_call(L, 2, 1);
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, LSN_PRELUDE_KEY);
}
