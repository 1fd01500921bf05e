/*
 * The output of shell commands written in Lua: inside an invocation's task
 * (and the tasks it spawns), print, io.write and io.stdout:write go to the
 * embedder's out hook and io.stderr:write to its err hook, so the shell
 * can label, capture or filter them as it does its built-ins' output.
 * Each stream is line-buffered: only whole lines reach a hook, so lines
 * of invocations running at once never mix.  Elsewhere (Lua mode,
 * scripts, a stock interpreter) the wrapped functions are the standard
 * ones.  The output of the task being resumed is the lsn_state's out
 * (lsched.c sets it around each resume).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua/lsnmp_int.h"

#define LSN_MT_OUT "snmp.output"

/* A line not yet ended. */
struct part {
	char *p;
	size_t len;
	size_t cap;
};

struct lsn_out {
	struct lsn_output o;
	bool open;		/* hooks usable: the invocation runs */
	int ref;		/* registry ref to this userdata while open */
	struct part part[2];	/* stdout, stderr */
};

static int
out_gc(lua_State *L)
{
	struct lsn_out *out = luaL_checkudata(L, 1, LSN_MT_OUT);
	int k;

	for (k = 0; k < 2; k++) {
		free(out->part[k].p);
		out->part[k].p = NULL;
		out->part[k].len = out->part[k].cap = 0;
	}
	out->open = false;
	return 0;
}

struct lsn_out *
lsn_out_new(lua_State *L, const struct lsn_output *o)
{
	struct lsn_out *out;

	out = lua_newuserdatauv(L, sizeof(*out), 0);
	memset(out, 0, sizeof(*out));
	out->ref = LUA_NOREF;
	if (luaL_newmetatable(L, LSN_MT_OUT)) {
		lua_pushcfunction(L, out_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);
	out->o = *o;
	out->open = true;
	lua_pushvalue(L, -1);
	out->ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return out;
}

bool
lsn_out_push(lua_State *L, struct lsn_out *out)
{
	if (out == NULL || !out->open || out->ref == LUA_NOREF)
		return false;
	lua_rawgeti(L, LUA_REGISTRYINDEX, out->ref);
	return true;
}

static lsn_write_fn
hook_of(const struct lsn_out *out, int k)
{
	return k == 0 ? out->o.out : out->o.err;
}

static bool
part_add(struct part *b, const char *p, size_t n)
{
	char *q;
	size_t cap;

	if (n == 0)
		return true;
	if (b->cap - b->len < n) {
		cap = b->cap > 0 ? b->cap : 128;
		while (cap - b->len < n)
			cap *= 2;
		if ((q = realloc(b->p, cap)) == NULL)
			return false;
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	return true;
}

/* Write n bytes to stream k: the whole lines go, the rest waits. */
static void
out_write(struct lsn_out *out, int k, const char *p, size_t n)
{
	struct part *b = &out->part[k];
	lsn_write_fn fn = hook_of(out, k);
	size_t head = n;

	while (head > 0 && p[head - 1] != '\n')
		head--;
	if (head == 0) {
		if (!part_add(b, p, n)) {
			/* out of memory: better unended than lost */
			fn(out->o.ud, b->p, b->len);
			b->len = 0;
			fn(out->o.ud, p, n);
		}
		return;
	}
	if (b->len > 0) {
		if (part_add(b, p, head)) {
			fn(out->o.ud, b->p, b->len);
		} else {
			fn(out->o.ud, b->p, b->len);
			fn(out->o.ud, p, head);
		}
		b->len = 0;
	} else {
		fn(out->o.ud, p, head);
	}
	if (!part_add(b, p + head, n - head))
		fn(out->o.ud, p + head, n - head);
}

void
lsn_out_close(lua_State *L, struct lsn_out *out)
{
	int k;

	if (out == NULL || !out->open)
		return;
	for (k = 0; k < 2; k++)
		if (out->part[k].len > 0 && hook_of(out, k) != NULL)
			out_write(out, k, "\n", 1);
	out->open = false;
	luaL_unref(L, LUA_REGISTRYINDEX, out->ref);
	out->ref = LUA_NOREF;
}

/*
 * The wrappers' upvalues: the wrapped function, the module state (light:
 * no registry lookup per call), then io.stdout, io.stderr and io.output.
 */
#define UV_WRAPPED lua_upvalueindex(1)
#define UV_STATE lua_upvalueindex(2)
#define UV_STDOUT lua_upvalueindex(3)
#define UV_STDERR lua_upvalueindex(4)
#define UV_OUTPUT lua_upvalueindex(5)

/* The output stream k of the running task goes to, or NULL: as usual. */
static struct lsn_out *
routed(lua_State *L, int k)
{
	const struct lsn_state *st = lua_touserdata(L, UV_STATE);
	struct lsn_out *out = st->out;

	if (out == NULL || !out->open || hook_of(out, k) == NULL)
		return NULL;
	return out;
}

/* Call the wrapped function with the arguments. */
static int
call_wrapped(lua_State *L)
{
	int n = lua_gettop(L);

	lua_pushvalue(L, UV_WRAPPED);
	lua_insert(L, 1);
	lua_call(L, n, LUA_MULTRET);
	return lua_gettop(L);
}

/* print(...), as the standard one writes it (lbaselib.c). */
static int
l_print(lua_State *L)
{
	struct lsn_out *out;
	luaL_Buffer b;
	const char *s;
	size_t len;
	int n = lua_gettop(L), i;

	if ((out = routed(L, 0)) == NULL)
		return call_wrapped(L);
	luaL_buffinit(L, &b);
	for (i = 1; i <= n; i++) {
		if (i > 1)
			luaL_addchar(&b, '\t');
		luaL_tolstring(L, i, NULL);
		luaL_addvalue(&b);
	}
	luaL_addchar(&b, '\n');
	luaL_pushresult(&b);
	s = lua_tolstring(L, -1, &len);
	out_write(out, 0, s, len);
	return 0;
}

/* The arguments from first to a string, as liolib.c's g_write takes them. */
static void
push_written(lua_State *L, int first)
{
	luaL_Buffer b;
	int n = lua_gettop(L), i;
	size_t len;
	const char *s;
	char num[64];

	luaL_buffinit(L, &b);
	for (i = first; i <= n; i++) {
		if (lua_type(L, i) == LUA_TNUMBER) {
			/* liolib.c's formats: 1.0 writes as "1" */
			if (lua_isinteger(L, i))
				snprintf(num, sizeof(num), LUA_INTEGER_FMT,
				    (LUAI_UACINT)lua_tointeger(L, i));
			else
				snprintf(num, sizeof(num), LUA_NUMBER_FMT,
				    (LUAI_UACNUMBER)lua_tonumber(L, i));
			luaL_addstring(&b, num);
		} else {
			s = luaL_checklstring(L, i, &len);
			luaL_addlstring(&b, s, len);
		}
	}
	luaL_pushresult(&b);
}

/* io.write(...): routed when the default output is io.stdout or stderr. */
static int
l_io_write(lua_State *L)
{
	const struct lsn_state *st = lua_touserdata(L, UV_STATE);
	struct lsn_out *out;
	const char *s;
	size_t len;
	int k;

	if (st->out == NULL)
		return call_wrapped(L);
	lua_pushvalue(L, UV_OUTPUT);
	lua_call(L, 0, 1);
	k = lua_rawequal(L, -1, UV_STDOUT) ? 0 :
	    lua_rawequal(L, -1, UV_STDERR) ? 1 : -1;
	lua_pop(L, 1);
	if (k < 0 || (out = routed(L, k)) == NULL)
		return call_wrapped(L);
	push_written(L, 1);
	s = lua_tolstring(L, -1, &len);
	out_write(out, k, s, len);
	lua_pushvalue(L, k == 0 ? UV_STDOUT : UV_STDERR);
	return 1;
}

/* file:write(...): routed for io.stdout and io.stderr. */
static int
l_file_write(lua_State *L)
{
	struct lsn_out *out;
	const char *s;
	size_t len;
	int k;

	if (lua_rawequal(L, 1, UV_STDOUT))
		k = 0;
	else if (lua_rawequal(L, 1, UV_STDERR))
		k = 1;
	else
		return call_wrapped(L);
	if ((out = routed(L, k)) == NULL)
		return call_wrapped(L);
	push_written(L, 2);
	s = lua_tolstring(L, -1, &len);
	out_write(out, k, s, len);
	lua_pushvalue(L, 1);
	return 1;
}

void
lsn_output_open(lua_State *L)
{
	struct lsn_state *st = lsn_state(L);
	int top = lua_gettop(L);

	lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
	if (lua_getfield(L, -1, "io") != LUA_TTABLE ||
	    lua_getfield(L, top + 2, "stdout") != LUA_TUSERDATA ||
	    lua_getfield(L, top + 2, "stderr") != LUA_TUSERDATA ||
	    lua_getfield(L, top + 2, "output") != LUA_TFUNCTION) {
		lua_settop(L, top);
		return;
	}
	/* top + 2: io; + 3, + 4, + 5: io.stdout, io.stderr, io.output */
	if (lua_getglobal(L, "print") == LUA_TFUNCTION) {
		lua_pushlightuserdata(L, st);
		lua_pushcclosure(L, l_print, 2);
		lua_setglobal(L, "print");
	}
	lua_settop(L, top + 5);
	if (lua_getfield(L, top + 2, "write") == LUA_TFUNCTION) {
		lua_pushlightuserdata(L, st);
		lua_pushvalue(L, top + 3);
		lua_pushvalue(L, top + 4);
		lua_pushvalue(L, top + 5);
		lua_pushcclosure(L, l_io_write, 5);
		lua_setfield(L, top + 2, "write");
	}
	lua_settop(L, top + 5);
	/* the write method of files */
	if (luaL_getmetatable(L, LUA_FILEHANDLE) == LUA_TTABLE &&
	    lua_getfield(L, -1, "__index") == LUA_TTABLE &&
	    lua_getfield(L, -1, "write") == LUA_TFUNCTION) {
		lua_pushlightuserdata(L, st);
		lua_pushvalue(L, top + 3);
		lua_pushvalue(L, top + 4);
		lua_pushcclosure(L, l_file_write, 4);
		lua_setfield(L, top + 7, "write");
	}
	lua_settop(L, top);
}
