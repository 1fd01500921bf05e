/*
 * The `snmp` Lua module: its opener (luaopen_snmp, the only symbol
 * snmp.so exports), the per-Lua-state module state kept in the registry
 * (event loop, sessions, tasks; no C globals), dotted OIDs (names are
 * lmib.c's), error codes as short strings, and the shell's entry points:
 * a Lua state on the shell's loop and `snmpsh --lua FILE` script runs.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <lualib.h>

#include "lua/lsnmp_int.h"

struct lsn_state *
lsn_state(lua_State *L)
{
	struct lsn_state *st;

	lua_getfield(L, LUA_REGISTRYINDEX, LSN_STATE_KEY);
	st = lua_touserdata(L, -1);
	lua_pop(L, 1);
	if (st == NULL)
		luaL_error(L, "snmp: module not initialised");
	return st;
}

/* __gc of the state: close what is left, in dependency order. */
static int
state_gc(lua_State *L)
{
	struct lsn_state *st = luaL_checkudata(L, 1, LSN_MT_STATE);

	if (st->closing)
		return 0;
	st->closing = true;
	lsn_sessions_close(st);
	lsn_sched_close(st);
	lsn_mib_close(st);
	if (st->own_loop && st->loop != NULL)
		sn_loop_free(st->loop);
	st->loop = NULL;
	return 0;
}

/*
 * Create the state unless it exists.  loop NULL: the module makes its own
 * (stock interpreter).  Returns NULL with a message pushed on failure.
 */
static struct lsn_state *
state_setup(lua_State *L, struct sn_loop *loop)
{
	struct lsn_state *st;
	struct sn_error err;

	lua_getfield(L, LUA_REGISTRYINDEX, LSN_STATE_KEY);
	st = lua_touserdata(L, -1);
	lua_pop(L, 1);
	if (st != NULL)
		return st;
	st = lua_newuserdatauv(L, sizeof(*st), 0);
	memset(st, 0, sizeof(*st));
	st->first_error = LUA_NOREF;
	if (loop == NULL) {
		sn_error_clear(&err);
		if (sn_loop_new(&loop, &err) < 0) {
			lua_pop(L, 1);
			lua_pushfstring(L, "snmp: event loop: %s", err.msg);
			return NULL;
		}
		st->own_loop = true;
	}
	st->loop = loop;
	if (luaL_newmetatable(L, LSN_MT_STATE)) {
		lua_pushcfunction(L, state_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);
	lua_setfield(L, LUA_REGISTRYINDEX, LSN_STATE_KEY);
	return st;
}

void
lsn_class(lua_State *L, const char *name, const luaL_Reg *methods,
    lua_CFunction gc, lua_CFunction close, lua_CFunction tostring)
{
	if (luaL_newmetatable(L, name)) {
		if (methods != NULL) {
			lua_newtable(L);
			luaL_setfuncs(L, methods, 0);
			lua_setfield(L, -2, "__index");
		}
		if (gc != NULL) {
			lua_pushcfunction(L, gc);
			lua_setfield(L, -2, "__gc");
		}
		if (close != NULL) {
			lua_pushcfunction(L, close);
			lua_setfield(L, -2, "__close");
		}
		if (tostring != NULL) {
			lua_pushcfunction(L, tostring);
			lua_setfield(L, -2, "__tostring");
		}
	}
	lua_pop(L, 1);
}

/* --- OIDs ------------------------------------------------------------- */

bool
lsn_is_oid(lua_State *L, int idx)
{
	bool r;

	switch (lua_type(L, idx)) {
	case LUA_TSTRING:
		return true;
	case LUA_TTABLE:
		/* {1,3,6,...} or a varbind; a list has strings/tables */
		lua_geti(L, idx, 1);
		r = lua_type(L, -1) == LUA_TNUMBER;
		lua_pop(L, 1);
		if (!r) {
			lua_getfield(L, idx, "oid");
			r = lua_type(L, -1) == LUA_TSTRING;
			lua_pop(L, 1);
		}
		return r;
	default:
		return false;
	}
}

void
lsn_push_oid(lua_State *L, const struct sn_oid *oid)
{
	char buf[SN_OID_STR_MAX];

	sn_oid_format(oid, false, buf, sizeof(buf));
	lua_pushstring(L, buf);
}

const char *
lsn_code(int status)
{
	switch (status) {
	case SN_ETIMEDOUT:
		return "timeout";
	case SN_ECANCELED:
		return "cancelled";
	case SN_ENOTINCREASING:
		return "notIncreasing";
	case SN_ESEND:
		return "send";
	case SN_EADDR:
		return "address";
	case SN_ESOCKET:
		return "socket";
	case SN_ENOMEM:
		return "nomem";
	case SN_EINVAL:
		return "invalid";
	case SN_EENCODE:
	case SN_ETOOBIG:
		return "tooBig";
	case SN_EVERSION:
		return "version";
	/* RFC 3414 §3.2 usmStats reports */
	case SN_EUNSUPSECLEVEL:
		return "unsupportedSecLevel";
	case SN_ENOTINTIMEWINDOW:
		return "notInTimeWindow";
	case SN_EUNKNOWNUSER:
		return "unknownUserName";
	case SN_EUNKNOWNENGINEID:
		return "unknownEngineID";
	case SN_EWRONGDIGEST:
		return "wrongDigest";
	case SN_EDECRYPT:
		return "decryptionError";
	default:
		return "error";
	}
}

int
lsn_fail(lua_State *L, const char *msg, const char *code)
{
	lua_pushnil(L);
	lua_pushstring(L, msg);
	lua_pushstring(L, code);
	return 3;
}

/* --- the module ------------------------------------------------------- */

/*
 * The Lua API (SPEC §5), phase 1 (numeric OIDs; names arrive with the MIB
 * layer through lsn_check_oid and lsn_push_name):
 *
 *   snmp.open{agent=, version="1"|"2c", community=, timeout=SECONDS,
 *             retries=}  or snmp.open(agent [, opts])
 *       -> session | nil, message, code
 *   s:get(oid) -> value, varbind | nil, message, code
 *   s:get{oid, ...} -> {varbind, ...} | nil, message, code   (getnext too)
 *   s:getbulk{oid, ..., non_repeaters=, max_repetitions=}
 *   s:set(oid, value) / s:set{[oid]=value} / s:set{{oid, value}, ...}
 *       -> true, {varbind, ...} | nil, message, code
 *   for vb in s:walk([oid]) / s:bulkwalk([oid] [, {max_repetitions=}])
 *       (the loop's to-be-closed value stops the walk on break; an SNMP
 *       failure in the middle raises the message)
 *   s:close(), s:peer(); sessions also close on __close and __gc
 *   snmp.spawn(fn, ...) -> task (task:wait() -> true, ... | false, err;
 *       task:status()), snmp.wait() -> true | false, message,
 *       snmp.sleep(s), snmp.every(s, fn) -> timer (timer:stop()),
 *       snmp.now() -> monotonic seconds
 *   snmp.integer(n) counter32 gauge32 unsigned32 timeticks counter64
 *       ipaddress("a.b.c.d") oid("1.3...") octets(s) opaque(s) null():
 *       {type=, value=} tables for set
 *
 * A varbind is a table {oid = "1.3.6...", name =, type = "Counter32",
 * value =} whose tostring() is Net-SNMP's -On line.  Values: integers
 * for the integer types (Counter64 too: values past 2^63-1 wrap to
 * negative Lua integers, compare them with math.ult), strings for octet
 * strings (exact bytes), IpAddress ("a.b.c.d") and OIDs ("1.3..."), nil
 * for NULL and exceptions.  Codes: "timeout", "cancelled", error-status
 * names ("noSuchName", "wrongType"...), exception names
 * ("noSuchInstance"...), "address", "send"....
 */

LSN_EXPORT int
luaopen_snmp(lua_State *L)
{
	if (state_setup(L, NULL) == NULL)
		return lua_error(L);
	lua_newtable(L);
	lsn_value_open(L);
	lsn_session_open(L);
	lsn_sched_open(L);
	lsn_mib_open(L);
	lsn_command_open(L);
	lsn_listen_open(L);
	lua_pushliteral(L, PACKAGE_VERSION);
	lua_setfield(L, -2, "version");
	return 1;
}

/* --- the shell's entry points ----------------------------------------- */

static int
setup_state(lua_State *L)
{
	struct sn_loop *loop = lua_touserdata(L, 1);

	luaL_openlibs(L);
	if (state_setup(L, loop) == NULL)
		return lua_error(L);
	luaL_requiref(L, "snmp", luaopen_snmp, 1);
	/* commands' print and io.write can go to the shell (loutput.c) */
	lsn_output_open(L);
	return 0;
}

lua_State *
lsn_newstate(struct sn_loop *loop, struct sn_error *err)
{
	lua_State *L;

	if ((L = luaL_newstate()) == NULL) {
		sn_error_set(err, SN_ENOMEM, "cannot create a Lua state");
		return NULL;
	}
	lua_pushcfunction(L, setup_state);
	lua_pushlightuserdata(L, loop);
	if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
		sn_error_set(err, SN_ENOMEM, "%s", lua_tostring(L, -1));
		lua_close(L);
		return NULL;
	}
	return L;
}

void
lsn_close(lua_State *L)
{
	if (L != NULL)
		lua_close(L);
}

void
lsn_set_hooks(lua_State *L, const struct lsn_hooks *h)
{
	struct lsn_state *st = lsn_state(L);

	st->hooks = *h;
	if (st->mib == NULL)
		st->mib_tried = false;
}

void
lsn_set_demo_agent(lua_State *L, const char *agent)
{
	if (lua_getglobal(L, "snmp") == LUA_TTABLE) {
		lua_pushstring(L, agent);
		lua_setfield(L, -2, "demo_agent");
	}
	lua_pop(L, 1);
}

struct runargs {
	const char *progname;
	const char *path;
	char **args;
	int nargs;
};

static int
run_protected(lua_State *L)
{
	struct runargs *ra = lua_touserdata(L, 1);
	struct lsn_state *st = lsn_state(L);
	unsigned failed;
	int i;

	lua_createtable(L, ra->nargs, 2);
	lua_pushstring(L, ra->progname);
	lua_rawseti(L, -2, -1);
	lua_pushstring(L, ra->path);
	lua_rawseti(L, -2, 0);
	for (i = 0; i < ra->nargs; i++) {
		lua_pushstring(L, ra->args[i]);
		lua_rawseti(L, -2, i + 1);
	}
	lua_setglobal(L, "arg");
	if (luaL_loadfile(L, ra->path) != LUA_OK)
		return lua_error(L);
	luaL_checkstack(L, ra->nargs, "too many script arguments");
	for (i = 0; i < ra->nargs; i++)
		lua_pushstring(L, ra->args[i]);
	lua_call(L, ra->nargs, 0);
	/* the script is done: let its tasks finish */
	failed = lsn_wait_all(L, st);
	if (failed > 0) {
		/* each failure was reported with its traceback already */
		lua_pushfstring(L, "%d task%s failed", (int)failed,
		    failed == 1 ? "" : "s");
		return 1;
	}
	return 0;
}

int
lsn_run_file(lua_State *L, const char *progname, const char *path,
    char **args, int nargs, char **errmsg)
{
	struct runargs ra;
	const char *msg;
	int base = lua_gettop(L);

	*errmsg = NULL;
	ra.progname = progname;
	ra.path = path;
	ra.args = args;
	ra.nargs = nargs;
	lua_pushcfunction(L, lsn_msghandler);
	lua_pushcfunction(L, run_protected);
	lua_pushlightuserdata(L, &ra);
	if (lua_pcall(L, 1, 1, base + 1) == LUA_OK && lua_isnil(L, -1)) {
		lua_settop(L, base);
		return 0;
	}
	msg = lua_tostring(L, -1);
	*errmsg = strdup(msg != NULL ? msg : "(error object is not a string)");
	lua_settop(L, base);
	return -1;
}
