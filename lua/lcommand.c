/*
 * Shell commands written in Lua: snmp.command{name=, usage=, help=,
 * complete=, run=} registers one (a table in the registry; in a stock
 * interpreter nothing runs them), snmp.usage(msg) raises a usage error,
 * and the C API the shell calls to look commands up, list them for
 * `help`, complete their arguments and run invocations.  Every
 * invocation is a task on the loop (lsched.c), so several, one per
 * session, can run at once, each writing to its own output (loutput.c);
 * the prelude's runner maps results to exit statuses, and Ctrl-C stops
 * every invocation still running.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua/lsnmp_int.h"

/* Push the command table (name -> spec). */
static void
push_commands(lua_State *L)
{
	if (lua_getfield(L, LUA_REGISTRYINDEX, LSN_COMMANDS_KEY) ==
	    LUA_TTABLE)
		return;
	lua_pop(L, 1);
	lua_newtable(L);
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, LSN_COMMANDS_KEY);
}

static bool
valid_name(const char *s)
{
	if (*s == '\0' || *s == '-' || strlen(s) > 40)
		return false;
	for (; *s != '\0'; s++)
		if (!(*s >= 'a' && *s <= 'z') && !(*s >= 'A' && *s <= 'Z') &&
		    !(*s >= '0' && *s <= '9') && *s != '-' && *s != '_')
			return false;
	return true;
}

/* A string field of the spec, or nil; raises on another type. */
static void
spec_field(lua_State *L, const char *k, int type, bool required)
{
	int t = lua_getfield(L, 1, k);

	if ((t == LUA_TNIL && !required) || t == type) {
		lua_pop(L, 1);
		return;
	}
	luaL_argerror(L, 1, lua_pushfstring(L, "field '%s' must be a %s", k,
	    lua_typename(L, type)));
}

/* snmp.command{name=, run=, usage=, help=, complete=} -> true */
static int
l_command(lua_State *L)
{
	const char *name;

	luaL_checktype(L, 1, LUA_TTABLE);
	spec_field(L, "name", LUA_TSTRING, true);
	spec_field(L, "run", LUA_TFUNCTION, true);
	spec_field(L, "usage", LUA_TSTRING, false);
	spec_field(L, "help", LUA_TSTRING, false);
	spec_field(L, "complete", LUA_TFUNCTION, false);
	lua_getfield(L, 1, "name");
	name = lua_tostring(L, -1);
	if (!valid_name(name))
		luaL_argerror(L, 1, "field 'name': letters, digits, '-' and "
		    "'_' (not first), at most 40");
	/* a copy: later changes to the caller's table do not count */
	lua_createtable(L, 0, 5);
	lua_pushnil(L);
	while (lua_next(L, 1) != 0) {
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, -4);
	}
	push_commands(L);
	lua_insert(L, -2);
	lua_setfield(L, -2, name);
	lua_pushboolean(L, 1);
	return 1;
}

/* snmp.usage(message): raise a usage error (status 2 in the shell). */
static int
l_usage(lua_State *L)
{
	const char *msg = luaL_checkstring(L, 1);

	lua_createtable(L, 0, 1);
	lua_pushstring(L, msg);
	lua_setfield(L, -2, "message");
	luaL_setmetatable(L, LSN_MT_USAGE);
	return lua_error(L);
}

static int
usage_tostring(lua_State *L)
{
	lua_getfield(L, 1, "message");
	return 1;
}

void
lsn_command_open(lua_State *L)
{
	lua_pushcfunction(L, l_command);
	lua_setfield(L, -2, "command");
	lua_pushcfunction(L, l_usage);
	lua_setfield(L, -2, "usage");
	if (luaL_newmetatable(L, LSN_MT_USAGE)) {
		lua_pushcfunction(L, usage_tostring);
		lua_setfield(L, -2, "__tostring");
	}
	lua_pop(L, 1);
}

/* --- the shell's side ---------------------------------------------------- */

/* Push commands[name] (nil when absent). */
static int
push_spec(lua_State *L, const char *name)
{
	push_commands(L);
	lua_getfield(L, -1, name);
	lua_remove(L, -2);
	return lua_type(L, -1);
}

int
lsn_command_exists(lua_State *L, const char *name)
{
	int t = push_spec(L, name);

	lua_pop(L, 1);
	return t == LUA_TTABLE;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void
lsn_command_list(lua_State *L, lsn_cmd_fn fn, void *ud)
{
	const char **names;
	size_t n = 0, i, cap = 0;
	int top = lua_gettop(L);

	push_commands(L);
	lua_pushnil(L);
	while (lua_next(L, -2) != 0) {
		lua_pop(L, 1);
		cap++;
	}
	if (cap == 0 || (names = calloc(cap, sizeof(*names))) == NULL) {
		lua_settop(L, top);
		return;
	}
	lua_pushnil(L);
	while (lua_next(L, -2) != 0 && n < cap) {
		lua_pop(L, 1);
		/* the keys stay referenced by the table */
		names[n++] = lua_tostring(L, -1);
	}
	lua_settop(L, top + 1);
	qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		const char *usage, *help;

		lua_getfield(L, top + 1, names[i]);
		lua_getfield(L, -1, "usage");
		lua_getfield(L, -2, "help");
		usage = lua_tostring(L, -2);
		help = lua_tostring(L, -1);
		fn(ud, names[i], usage != NULL ? usage : names[i],
		    help != NULL ? help : "");
		lua_pop(L, 3);
	}
	free(names);
	lua_settop(L, top);
}

/* Push the args list: argv[1..] with argv[0] at 0. */
static void
push_args(lua_State *L, int argc, char **argv)
{
	int i;

	lua_createtable(L, argc > 0 ? argc - 1 : 0, 2);
	for (i = 0; i < argc; i++) {
		lua_pushstring(L, argv[i]);
		lua_rawseti(L, -2, i);
	}
	lua_pushinteger(L, argc > 0 ? argc - 1 : 0);
	lua_setfield(L, -2, "n");
}

struct complete_ctx {
	int argc;
	char **argv;
	const char *prefix;
	lsn_word_fn fn;
	void *ud;
	size_t n;
};

static int
complete_protected(lua_State *L)
{
	struct complete_ctx *c = lua_touserdata(L, 1);
	lua_Integer i, n;

	if (push_spec(L, c->argv[0]) != LUA_TTABLE ||
	    lua_getfield(L, -1, "complete") != LUA_TFUNCTION)
		return 0;
	lua_pushstring(L, c->prefix);
	push_args(L, c->argc, c->argv);
	lua_call(L, 2, 1);
	if (lua_type(L, -1) != LUA_TTABLE)
		return 0;
	n = (lua_Integer)lua_rawlen(L, -1);
	for (i = 1; i <= n; i++) {
		if (lua_rawgeti(L, -1, i) == LUA_TSTRING &&
		    strncmp(lua_tostring(L, -1), c->prefix,
		    strlen(c->prefix)) == 0) {
			c->fn(c->ud, lua_tostring(L, -1));
			c->n++;
		}
		lua_pop(L, 1);
	}
	return 0;
}

size_t
lsn_command_complete(lua_State *L, int argc, char **argv, const char *prefix,
    lsn_word_fn fn, void *ud)
{
	struct complete_ctx c;

	if (argc < 1)
		return 0;
	c.argc = argc;
	c.argv = argv;
	c.prefix = prefix;
	c.fn = fn;
	c.ud = ud;
	c.n = 0;
	lua_pushcfunction(L, complete_protected);
	lua_pushlightuserdata(L, &c);
	/* a failing completer offers nothing */
	if (lua_pcall(L, 1, 0, 0) != LUA_OK)
		lua_pop(L, 1);
	return c.n;
}

/*
 * One running invocation: linked in the state's list (so that Ctrl-C
 * can stop them all) from its start until its done callback.
 */
struct lsn_inv {
	struct lsn_state *st;
	char name[48];			/* the command's */
	lsn_done_fn done;
	void *ud;
	struct lsn_task *task;
	struct lsn_out *out;		/* NULL: stdout and stderr */
	struct lsn_inv *next;
	struct lsn_inv *prev;
};

static void
inv_unlink(struct lsn_inv *v)
{
	if (v->prev != NULL)
		v->prev->next = v->next;
	else if (v->st->invs == v)
		v->st->invs = v->next;
	if (v->next != NULL)
		v->next->prev = v->prev;
	v->next = v->prev = NULL;
}

/* Ctrl-C: stop every invocation still running. */
static void
interrupt_all(struct lsn_state *st)
{
	struct lsn_inv *v;

	for (v = st->invs; v != NULL; v = v->next)
		lsn_task_interrupt(v->task);
}

static void
start_done(void *ud, lua_State *co, bool ok, int nres)
{
	struct lsn_inv *v = ud;
	const char *e, *nl;
	int status = 1;

	if (ok && nres > 0 && lua_isinteger(co, -nres))
		status = (int)lua_tointeger(co, -nres);
	if (!ok) {
		/* stopped before its runner could catch it (Ctrl-C
		 * before it started): the runner's message, no traceback */
		e = lua_tostring(co, -1);
		e = e != NULL ? e : "failed";
		if ((nl = strchr(e, '\n')) == NULL)
			nl = e + strlen(e);
		if (strstr(e, "interrupted!") != NULL)
			status = 130;
		/* on the task's thread: its output's err */
		lua_pushcfunction(co, lsn_stderr_write);
		lua_pushfstring(co, "snmpsh: %s: %s\n", v->name,
		    lua_pushlstring(co, e, (size_t)(nl - e)));
		lua_remove(co, -2);
		(void)lua_pcall(co, 1, 0, 0);
	}
	/* its last lines go before its end is known */
	lsn_out_close(co, v->out);
	inv_unlink(v);
	/* one stopped: the others too, before they run again */
	if (lsn_interrupted())
		interrupt_all(v->st);
	v->done(v->ud, status);
	free(v);
}

struct start_args {
	int argc;
	char **argv;
	const char *session;
	const struct lsn_output *o;
	struct lsn_inv *inv;
	struct lsn_task *task;
};

/* Spawn prelude.run(spec, args, session) as a task. */
static int
start_protected(lua_State *L)
{
	struct start_args *a = lua_touserdata(L, 1);
	int base;

	lsn_prelude(L);
	lua_getfield(L, -1, "run");
	base = lua_gettop(L);
	if (push_spec(L, a->argv[0]) != LUA_TTABLE)
		return luaL_error(L, "%s: unknown command", a->argv[0]);
	push_args(L, a->argc, a->argv);
	/* the session: snmp.sessions[session], or nil */
	lua_pushnil(L);
	if (a->session != NULL) {
		lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
		if (lua_getfield(L, -1, "snmp") == LUA_TTABLE &&
		    lua_getfield(L, -1, "sessions") == LUA_TTABLE) {
			lua_getfield(L, -1, a->session);
			lua_replace(L, base + 3);
		}
		lua_settop(L, base + 3);
	}
	/* the output first: nothing can fail after the spawn */
	if (a->o != NULL)
		a->inv->out = lsn_out_new(L, a->o);
	else
		lua_pushnil(L);
	lua_insert(L, base);
	a->task = lsn_spawn(L, base + 1, 3, start_done, a->inv);
	if (a->inv->out != NULL)
		lsn_task_set_out(L, a->task, base);
	return 0;
}

int
lsn_command_start(lua_State *L, int argc, char **argv, const char *session,
    const struct lsn_output *o, lsn_done_fn done, void *ud)
{
	struct lsn_state *st = lsn_state(L);
	struct start_args a;
	struct lsn_inv *v;

	if (argc < 1)
		return SN_EINVAL;
	if ((v = calloc(1, sizeof(*v))) == NULL)
		return SN_ENOMEM;
	v->st = st;
	snprintf(v->name, sizeof(v->name), "%s", argv[0]);
	v->done = done;
	v->ud = ud;
	a.argc = argc;
	a.argv = argv;
	a.session = session;
	a.o = o;
	a.inv = v;
	a.task = NULL;
	lua_pushcfunction(L, start_protected);
	lua_pushlightuserdata(L, &a);
	if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
		lua_pop(L, 1);
		if (a.task == NULL) {
			lsn_out_close(L, v->out);
			free(v);
			return SN_EINVAL;
		}
	}
	v->task = a.task;
	v->next = st->invs;
	if (st->invs != NULL)
		st->invs->prev = v;
	st->invs = v;
	return 0;
}

void
lsn_command_wait(lua_State *L, bool (*finished)(void *ud), void *ud)
{
	struct lsn_state *st = lsn_state(L);
	lua_State *old;
	bool stopped = false;

	lsn_sigint_begin(L);
	/* between resumes no Lua runs: the flag is enough */
	old = lsn_sig_thread(NULL);
	st->run_depth++;
	while (!finished(ud) && !st->closing) {
		if (lsn_interrupted() && !stopped) {
			/* Ctrl-C: each ends with "interrupted!" */
			stopped = true;
			interrupt_all(st);
		}
		sn_loop_run(st->loop, SN_RUN_ONCE);
	}
	st->run_depth--;
	lsn_sig_thread(old);
	lsn_sigint_end(L);
}

struct run_ctx {
	bool done;
	int status;
};

static void
run_done(void *ud, int status)
{
	struct run_ctx *r = ud;

	r->done = true;
	r->status = status;
}

static bool
run_finished(void *ud)
{
	return ((struct run_ctx *)ud)->done;
}

int
lsn_command_run(lua_State *L, int argc, char **argv, const char *session,
    const struct lsn_output *o)
{
	struct run_ctx r;

	memset(&r, 0, sizeof(r));
	if (lsn_command_start(L, argc, argv, session, o, run_done, &r) != 0)
		return 1;
	lsn_command_wait(L, run_finished, &r);
	return r.done ? r.status : 1;
}
