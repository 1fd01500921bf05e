/*
 * Tasks on the engine's event loop (STYLE §6): snmp.spawn runs a function
 * as a coroutine; a request made inside it yields the coroutine, which is
 * resumed from the loop once the request completed (lua_yieldk with a
 * continuation), so many requests run concurrently.  Outside a task the
 * same calls run the loop until done.  snmp.wait, snmp.sleep, snmp.every
 * and task handles (join) live here too.  Coroutines are anchored in the
 * registry while they run and released when they end; task errors are
 * reported with a traceback, never raised through engine frames.  A task
 * writes to the output it was given or inherited from its spawner (a
 * shell command's, loutput.c), made current while it runs.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lua/lsnmp_int.h"

struct lsn_task {
	struct lsn_state *st;
	lua_State *co;
	int ref;			/* registry ref to this userdata */
	int nargs;			/* arguments of the first resume */
	bool started;
	bool queued;
	bool done;
	bool failed;
	struct lsn_wait *waiting;	/* what it waits for, or NULL */
	struct lsn_wait *joiners;	/* waits for its end */
	struct lsn_task *next;		/* st->tasks */
	struct lsn_task *prev;
	struct lsn_task *rnext;		/* st->ready */
	lsn_task_done_fn done_fn;	/* the embedder's, or NULL */
	void *done_ud;
	struct lsn_out *out;		/* its output (user value 3), or
					   NULL: stdout and stderr */
};

/* A timer of snmp.sleep. */
struct lsleep {
	struct lsn_wait w;
	struct lsn_state *st;
	struct sn_timer *t;
};

/* A timer of snmp.every. */
struct lsn_timer {
	struct lsn_state *st;
	struct sn_timer *t;
	int ref;			/* registry ref to this userdata */
	bool linked;
	struct lsn_timer *next;
	struct lsn_timer *prev;
};

struct lsn_task *
lsn_current_task(lua_State *L)
{
	struct lsn_task *t;

	if (lua_getfield(L, LUA_REGISTRYINDEX, LSN_TASKS_KEY) != LUA_TTABLE) {
		lua_pop(L, 1);
		return NULL;
	}
	lua_pushthread(L);
	lua_rawget(L, -2);
	t = lua_touserdata(L, -1);
	lua_pop(L, 2);
	return t;
}

static void resume_ready(struct sn_timer *tm, void *ud);

static void
make_ready(struct lsn_state *st, struct lsn_task *t)
{
	if (t->queued || t->done || st->closing)
		return;
	t->queued = true;
	t->rnext = NULL;
	if (st->ready_tail != NULL)
		st->ready_tail->rnext = t;
	else
		st->ready = t;
	st->ready_tail = t;
	/* a zero-delay timer resumes it from the loop, outside of any
	 * engine callback */
	if (st->ready_timer == NULL)
		sn_timer_start(st->loop, 0, 0, resume_ready, st,
		    &st->ready_timer);
}

static void
kicked(struct sn_timer *tm, void *ud)
{
	struct lsn_state *st = ud;

	(void)tm;
	st->kick_timer = NULL;
}

/*
 * Something a loop runner may wait for happened during an iteration of
 * the loop: a zero-delay timer keeps the rest of that iteration from
 * blocking in poll(2), so the runner sees it at once.
 */
static void
kick(struct lsn_state *st)
{
	if (st->kick_timer == NULL && !st->closing)
		sn_timer_start(st->loop, 0, 0, kicked, st, &st->kick_timer);
}

void
lsn_wait_done(struct lsn_state *st, struct lsn_wait *w)
{
	w->done = true;
	if (w->task != NULL && w->task->waiting == w)
		make_ready(st, w->task);
	else
		kick(st);
}

int
lsn_await(lua_State *L, struct lsn_wait *w, lua_KContext ctx,
    lua_KFunction k)
{
	struct lsn_state *st = lsn_state(L);
	struct lsn_task *t;

	if (!w->done && (t = lsn_current_task(L)) != NULL &&
	    lua_isyieldable(L)) {
		w->task = t;
		t->waiting = w;
		return lua_yieldk(L, 0, ctx, k);
	}
	st->run_depth++;
	while (!w->done && !st->closing && !lsn_interrupted())
		sn_loop_run(st->loop, SN_RUN_ONCE);
	/* a run nested in a callback may have taken the kick meant for
	 * the run around it: give that one another */
	if (--st->run_depth > 0)
		kick(st);
	return k(L, LUA_OK, ctx);
}

int
lsn_stderr_write(lua_State *L)
{
	lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
	if (lua_getfield(L, -1, "io") != LUA_TTABLE ||
	    lua_getfield(L, -1, "stderr") == LUA_TNIL)
		return 0;
	lua_getfield(L, -1, "write");
	lua_insert(L, -2);
	lua_pushvalue(L, 1);
	lua_call(L, 2, 0);
	return 0;
}

/* Take the task out of the running set and wake its joiners. */
static void
task_end(struct lsn_state *st, struct lsn_task *t)
{
	struct lsn_wait *j;

	t->done = true;
	if (t->waiting != NULL)
		t->waiting->task = NULL;
	t->waiting = NULL;
	if (t->prev != NULL)
		t->prev->next = t->next;
	else
		st->tasks = t->next;
	if (t->next != NULL)
		t->next->prev = t->prev;
	t->next = t->prev = NULL;
	st->ntasks--;
	kick(st);
	while ((j = t->joiners) != NULL) {
		t->joiners = j->next;
		j->next = NULL;
		lsn_wait_done(st, j);
	}
}

/*
 * The task ended: ok with nres results on top of co, or failed with its
 * error text (traceback included) on top.  Keep the results in the
 * handle's second user value, report a failure, drop the anchors.
 */
static void
task_finish(struct lsn_state *st, struct lsn_task *t, bool ok, int nres)
{
	lua_State *co = t->co;
	bool reported = t->done_fn != NULL;
	int i, top, first;

	luaL_checkstack(co, 8, NULL);
	if (t->done_fn != NULL) {
		/* the results (or the error) are on top */
		t->done_fn(t->done_ud, co, ok, nres);
		t->done_fn = NULL;
	}
	first = lua_gettop(co) - nres + 1;
	lua_rawgeti(co, LUA_REGISTRYINDEX, t->ref);	/* the handle */
	top = lua_gettop(co);
	lua_createtable(co, nres + 1, 1);
	lua_pushboolean(co, ok);
	lua_rawseti(co, -2, 1);
	for (i = 0; i < nres; i++) {
		lua_pushvalue(co, first + i);
		lua_rawseti(co, -2, i + 2);
	}
	lua_pushinteger(co, nres + 1);
	lua_setfield(co, -2, "n");
	lua_setiuservalue(co, top, 2);
	if (!ok) {
		t->failed = true;
		st->failed++;
		if (st->first_error == LUA_NOREF) {
			lua_pushvalue(co, first);
			st->first_error = luaL_ref(co, LUA_REGISTRYINDEX);
		}
	}
	if (!ok && !reported) {
		lua_pushcfunction(co, lsn_stderr_write);
		lua_pushfstring(co, "snmp: task failed: %s\n",
		    lua_tostring(co, first));
		/* the default report writes to io.stderr; whatever it
		 * does, it cannot fail the loop */
		(void)lua_pcall(co, 1, 0, 0);
	}
	/* forget thread -> task, and the anchor */
	lua_getfield(co, LUA_REGISTRYINDEX, LSN_TASKS_KEY);
	lua_pushthread(co);
	lua_pushnil(co);
	lua_rawset(co, -3);
	lua_settop(co, 0);
	luaL_unref(co, LUA_REGISTRYINDEX, t->ref);
	t->ref = LUA_NOREF;
	task_end(st, t);
}

static void
task_resume(struct lsn_state *st, struct lsn_task *t)
{
	lua_State *co = t->co, *old;
	struct lsn_out *out = st->out;
	int nres = 0, nargs = 0, rc, ref;

	if (!t->started) {
		t->started = true;
		nargs = t->nargs;
	}
	t->waiting = NULL;
	old = lsn_sig_thread(co);
	/* what it prints goes to its output (loutput.c), its failure
	 * report too */
	st->out = t->out;
	rc = lua_resume(co, NULL, nargs, &nres);
	lsn_sig_thread(old);
	if (rc == LUA_YIELD) {
		st->out = out;
		lua_pop(co, nres);
		/* a plain coroutine.yield() lets the others run */
		if (t->waiting == NULL)
			make_ready(st, t);
		return;
	}
	if (rc == LUA_OK) {
		task_finish(st, t, true, nres);
		st->out = out;
		return;
	}
	/*
	 * The stack of a failed coroutine is not unwound: take the
	 * traceback from it, then reset the thread, which runs pending
	 * __close handlers (walks left by the error) and makes the thread
	 * usable for the calls task_finish makes.
	 */
	if (lua_type(co, -1) == LUA_TSTRING || lua_type(co, -1) ==
	    LUA_TNUMBER)
		luaL_traceback(co, co, lua_tostring(co, -1), 0);
	else
		luaL_traceback(co, co, lua_pushfstring(co, "(error object is "
		    "a %s value)", luaL_typename(co, -1)), 0);
	ref = luaL_ref(co, LUA_REGISTRYINDEX);
	t->waiting = NULL;
	lua_resetthread(co);
	lua_settop(co, 0);
	lua_rawgeti(co, LUA_REGISTRYINDEX, ref);
	luaL_unref(co, LUA_REGISTRYINDEX, ref);
	task_finish(st, t, false, 1);
	st->out = out;
}

static void
resume_ready(struct sn_timer *tm, void *ud)
{
	struct lsn_state *st = ud;
	struct lsn_task *t;

	(void)tm;
	st->ready_timer = NULL;
	while ((t = st->ready) != NULL && !st->closing) {
		st->ready = t->rnext;
		if (st->ready == NULL)
			st->ready_tail = NULL;
		t->rnext = NULL;
		t->queued = false;
		task_resume(st, t);
	}
}

unsigned
lsn_wait_all(lua_State *L, struct lsn_state *st)
{
	unsigned failed;

	(void)L;
	st->run_depth++;
	while (st->ntasks > 0 && !st->closing && !lsn_interrupted())
		sn_loop_run(st->loop, SN_RUN_ONCE);
	if (--st->run_depth > 0)
		kick(st);
	failed = st->failed;
	st->failed = 0;
	return failed;
}

void
lsn_sched_close(struct lsn_state *st)
{
	struct lsn_task *t;
	struct lsn_timer *tm;

	if (st->ready_timer != NULL)
		sn_timer_stop(st->ready_timer);
	st->ready_timer = NULL;
	if (st->kick_timer != NULL)
		sn_timer_stop(st->kick_timer);
	st->kick_timer = NULL;
	st->ready = st->ready_tail = NULL;
	for (t = st->tasks; t != NULL; t = t->next) {
		if (t->waiting != NULL)
			t->waiting->task = NULL;
		t->waiting = NULL;
		t->queued = false;
	}
	while ((tm = st->timers) != NULL) {
		st->timers = tm->next;
		if (tm->t != NULL)
			sn_timer_stop(tm->t);
		tm->t = NULL;
		tm->next = tm->prev = NULL;
		tm->linked = false;
	}
}

/* --- snmp.spawn and task handles -------------------------------------- */

/* Spawn the function at fidx with the nargs values after it. */
static int
spawn_at(lua_State *L, int fidx, int nargs)
{
	struct lsn_state *st = lsn_state(L);
	struct lsn_task *t;
	lua_State *co;
	int i;

	luaL_checktype(L, fidx, LUA_TFUNCTION);
	t = lua_newuserdatauv(L, sizeof(*t), 3);
	memset(t, 0, sizeof(*t));
	t->st = st;
	t->ref = LUA_NOREF;
	luaL_setmetatable(L, LSN_MT_TASK);
	/* a task spawned inside a command's writes where the command does */
	if (lsn_out_push(L, st->out)) {
		t->out = st->out;
		lua_setiuservalue(L, -2, 3);
	}
	co = lua_newthread(L);
	t->co = co;
	luaL_checkstack(co, nargs + 1, "too many arguments");
	for (i = 0; i <= nargs; i++)
		lua_pushvalue(L, fidx + i);
	lua_xmove(L, co, nargs + 1);
	t->nargs = nargs;
	/* task -> thread (keeps it alive), thread -> task */
	lua_pushvalue(L, -1);
	lua_setiuservalue(L, -3, 1);
	lua_getfield(L, LUA_REGISTRYINDEX, LSN_TASKS_KEY);
	lua_insert(L, -2);
	lua_pushvalue(L, -3);
	lua_rawset(L, -3);
	lua_pop(L, 1);
	lua_pushvalue(L, -1);
	t->ref = luaL_ref(L, LUA_REGISTRYINDEX);
	t->next = st->tasks;
	if (st->tasks != NULL)
		st->tasks->prev = t;
	st->tasks = t;
	st->ntasks++;
	make_ready(st, t);
	return 1;
}

struct lsn_task *
lsn_spawn(lua_State *L, int fidx, int nargs, lsn_task_done_fn done, void *ud)
{
	struct lsn_task *t;

	fidx = lua_absindex(L, fidx);
	spawn_at(L, fidx, nargs);
	t = lua_touserdata(L, -1);
	t->done_fn = done;
	t->done_ud = ud;
	return t;
}

void
lsn_task_set_out(lua_State *L, struct lsn_task *t, int idx)
{
	idx = lua_absindex(L, idx);
	lua_rawgeti(L, LUA_REGISTRYINDEX, t->ref);
	lua_pushvalue(L, idx);
	lua_setiuservalue(L, -2, 3);
	lua_pop(L, 1);
	t->out = lua_touserdata(L, idx);
}

/* The hook that stops an interrupted task (lua.c's lstop). */
static void
stop_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	lua_sethook(L, NULL, 0, 0);
	luaL_error(L, "interrupted!");
}

void
lsn_task_interrupt(struct lsn_task *t)
{
	if (t->done)
		return;
	lua_sethook(t->co, stop_hook, LUA_MASKCALL | LUA_MASKRET |
	    LUA_MASKLINE | LUA_MASKCOUNT, 1);
	/* its wait ends unfinished: the continuation cancels the request */
	if (t->waiting != NULL)
		t->waiting->task = NULL;
	t->waiting = NULL;
	make_ready(t->st, t);
}

static int
l_spawn(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TFUNCTION);
	return spawn_at(L, 1, lua_gettop(L) - 1);
}

/* Push a finished task's results: true, ... or false, message. */
static int
task_results(lua_State *L, int idx)
{
	lua_Integer n, i;

	lua_getiuservalue(L, idx, 2);
	lua_getfield(L, -1, "n");
	n = lua_tointeger(L, -1);
	lua_pop(L, 1);
	luaL_checkstack(L, (int)n, "too many results");
	for (i = 1; i <= n; i++)
		lua_rawgeti(L, -1 - (int)(i - 1), i);
	return (int)n;
}

static int
join_k(lua_State *L, int status, lua_KContext ctx)
{
	(void)status;
	return task_results(L, (int)ctx);
}

/* task:wait(): the task's results, waiting for its end. */
static int
task_wait(lua_State *L)
{
	struct lsn_task *t = luaL_checkudata(L, 1, LSN_MT_TASK);
	struct lsn_wait *w;

	if (t->done)
		return task_results(L, 1);
	if (lsn_current_task(L) == t)
		return luaL_error(L, "a task cannot wait for itself");
	w = lua_newuserdatauv(L, sizeof(*w), 0);
	memset(w, 0, sizeof(*w));
	w->next = t->joiners;
	t->joiners = w;
	return lsn_await(L, w, 1, join_k);
}

static int
task_status(lua_State *L)
{
	struct lsn_task *t = luaL_checkudata(L, 1, LSN_MT_TASK);

	lua_pushstring(L, !t->done ? (t->started ? "running" : "ready") :
	    t->failed ? "failed" : "done");
	return 1;
}

static int
task_tostring(lua_State *L)
{
	struct lsn_task *t = luaL_checkudata(L, 1, LSN_MT_TASK);

	lua_pushfstring(L, "snmp.task (%p)", (void *)t);
	return 1;
}

/* --- wait, sleep, every ----------------------------------------------- */

/* snmp.wait(): run the loop until every task ended. */
static int
l_wait(lua_State *L)
{
	struct lsn_state *st = lsn_state(L);
	unsigned failed;

	if (lsn_current_task(L) != NULL)
		return luaL_error(L, "snmp.wait cannot be called inside a "
		    "task (use task:wait())");
	failed = lsn_wait_all(L, st);
	if (failed == 0) {
		lua_pushboolean(L, 1);
		return 1;
	}
	lua_pushboolean(L, 0);
	lua_rawgeti(L, LUA_REGISTRYINDEX, st->first_error);
	lua_pushfstring(L, "%d task%s failed, the first with: %s",
	    (int)failed, failed == 1 ? "" : "s", lua_tostring(L, -1));
	lua_remove(L, -2);
	luaL_unref(L, LUA_REGISTRYINDEX, st->first_error);
	st->first_error = LUA_NOREF;
	return 2;
}

static void
sleep_fire(struct sn_timer *tm, void *ud)
{
	struct lsleep *s = ud;

	(void)tm;
	s->t = NULL;
	lsn_wait_done(s->st, &s->w);
}

static int
sleep_gc(lua_State *L)
{
	struct lsleep *s = lua_touserdata(L, 1);

	if (s->t != NULL)
		sn_timer_stop(s->t);
	s->t = NULL;
	return 0;
}

static int
sleep_k(lua_State *L, int status, lua_KContext ctx)
{
	(void)L;
	(void)status;
	(void)ctx;
	return 0;
}

static uint64_t
check_seconds(lua_State *L, int arg)
{
	lua_Number s = luaL_checknumber(L, arg);

	luaL_argcheck(L, s >= 0 && s < 1e9 && !isnan(s), arg,
	    "seconds out of range");
	return (uint64_t)(s * 1000.0 + 0.5);
}

/* snmp.sleep(s): yield the task, or run the loop for s seconds. */
static int
l_sleep(lua_State *L)
{
	struct lsn_state *st = lsn_state(L);
	uint64_t ms = check_seconds(L, 1);
	struct lsleep *s;

	lua_settop(L, 1);
	s = lua_newuserdatauv(L, sizeof(*s), 0);
	memset(s, 0, sizeof(*s));
	s->st = st;
	luaL_setmetatable(L, LSN_MT_SLEEP);
	if (sn_timer_start(st->loop, ms, 0, sleep_fire, s, &s->t) < 0)
		return luaL_error(L, "snmp.sleep: out of memory");
	return lsn_await(L, &s->w, 2, sleep_k);
}

static void
timer_unlink(struct lsn_state *st, struct lsn_timer *e)
{
	if (!e->linked)
		return;
	if (e->prev != NULL)
		e->prev->next = e->next;
	else
		st->timers = e->next;
	if (e->next != NULL)
		e->next->prev = e->prev;
	e->next = e->prev = NULL;
	e->linked = false;
}

/* On the helper thread: spawn the timer's function as a task. */
static int
every_spawn(lua_State *L)
{
	lua_getiuservalue(L, 1, 1);
	return spawn_at(L, 2, 0);
}

static void
every_fire(struct sn_timer *tm, void *ud)
{
	struct lsn_timer *e = ud;
	struct lsn_state *st = e->st;
	struct lsn_out *out = st->out;
	lua_State *H = st->H;

	(void)tm;
	if (st->closing || e->ref == LUA_NOREF || H == NULL)
		return;
	/* a loop run inside some task's resume: not that task's child */
	st->out = NULL;
	lua_pushcfunction(H, every_spawn);
	lua_rawgeti(H, LUA_REGISTRYINDEX, e->ref);
	if (lua_pcall(H, 1, 0, 0) != LUA_OK)
		lua_pop(H, 1);
	st->out = out;
}

/* snmp.every(s, fn): run fn as a new task every s seconds. */
static int
l_every(lua_State *L)
{
	struct lsn_state *st = lsn_state(L);
	uint64_t ms = check_seconds(L, 1);
	struct lsn_timer *e;

	luaL_argcheck(L, ms > 0, 1, "interval must be positive");
	luaL_checktype(L, 2, LUA_TFUNCTION);
	e = lua_newuserdatauv(L, sizeof(*e), 1);
	memset(e, 0, sizeof(*e));
	e->st = st;
	e->ref = LUA_NOREF;
	luaL_setmetatable(L, LSN_MT_TIMER);
	lua_pushvalue(L, 2);
	lua_setiuservalue(L, -2, 1);
	if (sn_timer_start(st->loop, ms, ms, every_fire, e, &e->t) < 0)
		return luaL_error(L, "snmp.every: out of memory");
	lua_pushvalue(L, -1);
	e->ref = luaL_ref(L, LUA_REGISTRYINDEX);
	e->next = st->timers;
	if (st->timers != NULL)
		st->timers->prev = e;
	st->timers = e;
	e->linked = true;
	return 1;
}

/* timer:stop() and __gc */
static int
timer_stop(lua_State *L)
{
	struct lsn_timer *e = luaL_checkudata(L, 1, LSN_MT_TIMER);

	if (e->t != NULL)
		sn_timer_stop(e->t);
	e->t = NULL;
	timer_unlink(e->st, e);
	if (e->ref != LUA_NOREF)
		luaL_unref(L, LUA_REGISTRYINDEX, e->ref);
	e->ref = LUA_NOREF;
	return 0;
}

/* snmp.now(): the loop's monotonic clock in seconds (float). */
static int
l_now(lua_State *L)
{
	struct lsn_state *st = lsn_state(L);

	sn_loop_update_time(st->loop);
	lua_pushnumber(L, (lua_Number)sn_loop_now(st->loop) / 1000.0);
	return 1;
}

static const luaL_Reg sched_fns[] = {
	{ "now", l_now },
	{ "spawn", l_spawn },
	{ "wait", l_wait },
	{ "sleep", l_sleep },
	{ "every", l_every },
	{ NULL, NULL }
};

static const luaL_Reg task_methods[] = {
	{ "wait", task_wait },
	{ "status", task_status },
	{ NULL, NULL }
};

void
lsn_sched_open(lua_State *L)
{
	struct lsn_state *st = lsn_state(L);

	luaL_setfuncs(L, sched_fns, 0);
	if (lua_getfield(L, LUA_REGISTRYINDEX, LSN_TASKS_KEY) != LUA_TTABLE) {
		lua_newtable(L);
		lua_setfield(L, LUA_REGISTRYINDEX, LSN_TASKS_KEY);
	}
	lua_pop(L, 1);
	if (luaL_newmetatable(L, LSN_MT_TASK)) {
		luaL_newlib(L, task_methods);
		lua_setfield(L, -2, "__index");
		lua_pushcfunction(L, task_tostring);
		lua_setfield(L, -2, "__tostring");
	}
	lua_pop(L, 1);
	if (luaL_newmetatable(L, LSN_MT_SLEEP)) {
		lua_pushcfunction(L, sleep_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_pop(L, 1);
	if (luaL_newmetatable(L, LSN_MT_TIMER)) {
		lua_pushcfunction(L, timer_stop);
		lua_setfield(L, -2, "__gc");
		lua_newtable(L);
		lua_pushcfunction(L, timer_stop);
		lua_setfield(L, -2, "stop");
		lua_setfield(L, -2, "__index");
	}
	lua_pop(L, 1);
	/* a thread for the calls made from loop callbacks (snmp.every) */
	st->H = lua_newthread(L);
	lua_setfield(L, LUA_REGISTRYINDEX, "snmpsh.helper");
}
