/*
 * Subtree walks in Lua as generic-for iterators (s:walk, s:bulkwalk):
 * the engine's sn_walk (RFC 3416 §4.2.2 GetNext, §4.2.3 GetBulk, with
 * snmpwalk's rules) paused after each varbind it reports, so the walk is
 * paced by its consumer: at most one reply is held, the next request goes
 * out only when the varbinds were taken, memory is constant, and a walk
 * left by `break` has nothing in flight (its __close/__gc cancel it).
 * Each wait yields the task or runs the loop (lsched.c); a failure in the
 * middle raises Net-SNMP's message.
 */
#include "config.h"

#include <string.h>

#include "lua/lsnmp_int.h"

/*
 * A walk iterator over the engine's sn_walk (its first user value is the
 * session).  The walk pauses after each varbind it reports, so at most
 * one reply is held and nothing is requested until the consumer asks for
 * the next varbind.
 */
struct lwalk {
	struct lsn_wait w;
	struct lsn_state *st;
	struct lsn_session *ls;
	struct sn_walk *sw;		/* running, or NULL */
	struct sn_oid root;
	struct sn_oid last;		/* of the last varbind taken */
	uint64_t count;
	bool bulk;
	int max_rep;
	bool started;
	bool ended;
	bool closed;			/* by break, close() or __gc */
	bool busy;			/* a wait is in progress */
	struct sn_vbl q;		/* the varbind waiting, if any */
	struct sn_error err;		/* the walk's failure, if any */
	int fail;			/* 0 or the failing SN_E* code */
	const char *code;
};

static int
on_walk_varbind(struct sn_walk *sw, const struct sn_varbind *vb, void *ud)
{
	struct lwalk *w = ud;

	/* exceptions end the walk (RFC 3416 §4.2.2.1) and are not values;
	 * a non-increasing OID ends it with SN_ENOTINCREASING */
	if (sn_type_is_exception(vb->value.type) ||
	    (w->count > 0 && sn_oid_cmp(&vb->name, &w->last) <= 0))
		return 0;
	if (sn_vbl_add(&w->q, &vb->name, &vb->value) != 0) {
		sn_error_set(&w->err, SN_ENOMEM, "out of memory");
		return 1;
	}
	w->last = vb->name;
	w->count++;
	/* the consumer takes it: no more until it asks (walk.c) */
	sn_walk_pause(sw);
	lsn_wait_done(w->st, &w->w);
	return 0;
}

static void
on_walk_done(struct sn_walk *sw, int status, const struct sn_pdu *resp,
    const struct sn_error *err, void *ud)
{
	struct lwalk *w = ud;

	(void)sw;
	w->sw = NULL;
	w->ended = true;
	if (status != 0 && !(status == SN_ECANCELED && w->closed)) {
		if (w->err.code == 0)
			w->err = *err;
		if (w->err.msg[0] == '\0')
			sn_error_set(&w->err, status, "%s",
			    sn_session_strerror(status));
		w->fail = status;
		w->code = status == SN_ERESPONSE && resp != NULL ?
		    sn_errstat_name(resp->error_status) : lsn_code(status);
	}
	lsn_wait_done(w->st, &w->w);
}

static void
walk_cancel(struct lwalk *w)
{
	w->closed = true;
	if (w->sw != NULL)
		sn_walk_cancel(w->sw);	/* on_walk_done runs now */
	w->sw = NULL;
	w->ended = true;
}

static int
walk_gc(lua_State *L)
{
	struct lwalk *w = lua_touserdata(L, 1);

	walk_cancel(w);
	sn_vbl_clear(&w->q);
	return 0;
}

/* __close and w:close(): stop the walk (a `break` out of the loop). */
static int
walk_close(lua_State *L)
{
	struct lwalk *w = luaL_checkudata(L, 1, LSN_MT_WALK);

	walk_cancel(w);
	sn_vbl_reset(&w->q);
	return 0;
}

static void
walk_fail(struct lwalk *w, int code, const char *msg)
{
	if (w->err.code == 0)
		sn_error_set(&w->err, code, "%s", msg);
	w->fail = code;
	w->code = lsn_code(code);
	walk_cancel(w);
	w->closed = false;
}

static int walk_iter(lua_State *L);

/* After the wait: go on with the iteration. */
static int
walk_k(lua_State *L, int status, lua_KContext ctx)
{
	struct lwalk *w = lua_touserdata(L, (int)ctx);

	(void)status;
	w->busy = false;
	if (!w->w.done && !w->ended)
		/* interrupted (Ctrl-C): nothing stays in flight */
		walk_fail(w, SN_ECANCELED, "walk cancelled");
	lua_settop(L, (int)ctx);
	return walk_iter(L);
}

/* The iterator: the next varbind, nil at the end; raises on failure. */
static int
walk_iter(lua_State *L)
{
	struct lwalk *w = luaL_checkudata(L, 1, LSN_MT_WALK);
	struct sn_walk_opts o;
	struct sn_walk_cbs cbs;
	struct sn_error err;

	lua_settop(L, 1);
	if (w->busy)
		return luaL_error(L, "walk: already waiting for a reply");
	if (w->q.len > 0) {
		lsn_push_varbind(L, &w->q.vb[0]);
		sn_vbl_reset(&w->q);
		return 1;
	}
	if (w->ended) {
		if (w->fail != 0) {
			/* once: the next call just ends the loop */
			w->fail = 0;
			lua_pushstring(L, w->err.msg);
			return lua_error(L);
		}
		lua_pushnil(L);
		return 1;
	}
	if (w->ls->s == NULL) {
		walk_fail(w, SN_ECANCELED, "session is closed");
		return walk_iter(L);
	}
	memset(&w->w, 0, sizeof(w->w));
	if (!w->started) {
		w->started = true;
		sn_walk_opts_init(&o);
		o.bulk = w->bulk;
		o.max_repetitions = w->max_rep;
		memset(&cbs, 0, sizeof(cbs));
		cbs.on_varbind = on_walk_varbind;
		cbs.on_done = on_walk_done;
		sn_error_clear(&err);
		if (sn_walk_start(w->ls->s, &w->root, &o, &cbs, w, &w->sw,
		    &err) < 0) {
			w->err = err;
			walk_fail(w, err.code != 0 ? err.code : SN_EINVAL,
			    err.msg);
			return walk_iter(L);
		}
	} else {
		sn_walk_resume(w->sw);	/* may report at once */
	}
	if (w->q.len > 0 || w->ended)
		return walk_iter(L);
	w->busy = true;
	return lsn_await(L, &w->w, 1, walk_k);
}

/*
 * s:walk([oid]) and s:bulkwalk([oid] [, {max_repetitions=}]): the
 * iterator, the walk, nil, and the walk again as the to-be-closed value.
 */
static int
start_walk(lua_State *L, bool bulk)
{
	struct lsn_session *ls = lsn_check_session(L);
	struct lwalk *w;
	struct sn_oid root;

	if (lua_isnoneornil(L, 2))
		/* snmpwalk's default subtree: mib-2 */
		sn_oid_parse(&root, "1.3.6.1.2.1", NULL);
	else
		lsn_check_oid(L, 2, 2, &root);
	if (!lua_isnoneornil(L, 3))
		luaL_checktype(L, 3, LUA_TTABLE);
	if (bulk && sn_session_version(ls->s) == SN_V1)
		luaL_argerror(L, 1, "GETBULK is not available in SNMPv1");
	w = lua_newuserdatauv(L, sizeof(*w), 1);
	memset(w, 0, sizeof(*w));
	w->st = ls->st;
	w->ls = ls;
	w->root = root;
	w->bulk = bulk;
	w->max_rep = 10;	/* snmpbulkwalk's -Cr default */
	sn_vbl_init(&w->q);
	luaL_setmetatable(L, LSN_MT_WALK);
	lua_pushvalue(L, 1);
	lua_setiuservalue(L, -2, 1);
	if (bulk && !lua_isnoneornil(L, 3))
		w->max_rep = (int)lsn_opt_int_field(L, 3, "max_repetitions", 10, 1,
		    SN_VBL_MAX, 3);
	lua_pushcfunction(L, walk_iter);
	lua_pushvalue(L, -2);
	lua_pushnil(L);
	lua_pushvalue(L, -4);
	return 4;
}

int
lsn_walk(lua_State *L)
{
	return start_walk(L, false);
}

int
lsn_bulkwalk(lua_State *L)
{
	return start_walk(L, true);
}

void
lsn_walk_open(lua_State *L)
{
	if (luaL_newmetatable(L, LSN_MT_WALK)) {
		lua_pushcfunction(L, walk_gc);
		lua_setfield(L, -2, "__gc");
		lua_pushcfunction(L, walk_close);
		lua_setfield(L, -2, "__close");
		lua_newtable(L);
		lua_pushcfunction(L, walk_close);
		lua_setfield(L, -2, "close");
		lua_setfield(L, -2, "__index");
	}
	lua_pop(L, 1);
}
