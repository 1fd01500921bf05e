/*
 * Sessions in Lua: snmp.open and the command generator requests of
 * RFC 3413 §3.1 (get, getnext, getbulk, set; PDUs of RFC 3416 §4.2), and
 * subtree walks over GetNext or GetBulk as generic-for iterators.  Each
 * request yields its task or runs the loop (lsched.c); failures return
 * nil, message, code in Net-SNMP's wording.  Walks are paced by their
 * consumer: the next request goes out only when the varbinds of the last
 * reply were consumed, so memory is constant and a walk left by `break`
 * has nothing in flight (its __close/__gc cancel whatever is).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "lua/lsnmp_int.h"

struct lsn_session {
	struct lsn_state *st;
	struct sn_session *s;		/* NULL once closed */
	bool borrowed;		/* the shell's: never closed here */
	struct lsn_session *next;
	struct lsn_session *prev;
};

enum req_kind {
	K_ONE,		/* get(oid): value, varbind */
	K_LIST,		/* get{...}: list of varbinds */
	K_SET		/* set: true, list of varbinds */
};

/* One request, a userdata on the stack of the thread that waits. */
struct lreq {
	struct lsn_wait w;
	struct lsn_state *st;
	struct sn_session *s;		/* valid until completion */
	struct sn_request *r;
	enum req_kind kind;
	int status;
	struct sn_pdu pdu;		/* the request, then nothing */
	struct sn_pdu resp;
	struct sn_error err;
};

enum walk_phase {
	W_WALK,
	W_FALLBACK,	/* GET of the root after an empty walk */
	W_DONE
};

/* A walk iterator (its first user value is the session). */
struct lwalk {
	struct lsn_wait w;
	struct lsn_state *st;
	struct lsn_session *ls;
	struct sn_session *s;		/* of the request in flight */
	struct sn_request *r;		/* in flight, or NULL */
	struct sn_oid root;
	struct sn_oid prev;
	bool bulk;
	int max_rep;
	enum walk_phase phase;
	bool busy;			/* a request is being awaited */
	uint64_t count;
	int status;			/* of the last request */
	struct sn_pdu req;
	struct sn_pdu resp;
	size_t pos;			/* next varbind of resp */
	struct sn_error err;		/* the walk's failure, if any */
	int fail;			/* 0 or the failing SN_E* code */
	const char *code;
};

static struct lsn_session *
check_session(lua_State *L)
{
	struct lsn_session *ls = luaL_checkudata(L, 1, LSN_MT_SESSION);

	if (ls->s == NULL)
		luaL_argerror(L, 1, "session is closed");
	return ls;
}

/* --- snmp.open ---------------------------------------------------------- */

static void
session_unlink(struct lsn_session *ls)
{
	struct lsn_state *st = ls->st;

	if (ls->prev != NULL)
		ls->prev->next = ls->next;
	else if (st->sessions == ls)
		st->sessions = ls->next;
	if (ls->next != NULL)
		ls->next->prev = ls->prev;
	ls->next = ls->prev = NULL;
}

static void
session_close(struct lsn_session *ls)
{
	struct sn_session *s = ls->s;

	if (s == NULL)
		return;
	ls->s = NULL;
	if (ls->borrowed)
		return;		/* only detached: the shell owns it */
	session_unlink(ls);
	/* outstanding requests complete with SN_ECANCELED now */
	sn_session_close(s);
}

void
lsn_sessions_close(struct lsn_state *st)
{
	while (st->sessions != NULL)
		session_close(st->sessions);
}

static enum sn_version
check_version(lua_State *L, int idx)
{
	const char *v;

	if (lua_type(L, idx) == LUA_TNUMBER) {
		lua_Integer n = lua_tointeger(L, idx);

		if (n == 1)
			return SN_V1;
		if (n == 2)
			return SN_V2C;
	}
	v = lua_tostring(L, idx);
	if (v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "v1") == 0))
		return SN_V1;
	if (v != NULL && (strcmp(v, "2c") == 0 || strcmp(v, "v2c") == 0 ||
	    strcmp(v, "2") == 0))
		return SN_V2C;
	if (v != NULL && (strcmp(v, "3") == 0 || strcmp(v, "v3") == 0))
		luaL_argerror(L, 1, "version 3: SNMPv3 is not supported yet");
	luaL_argerror(L, 1, lua_pushfstring(L, "version must be \"1\" or "
	    "\"2c\", got %s", v != NULL ? v : luaL_typename(L, idx)));
	return SN_V2C;
}

/* snmp.open{agent=, version=, community=, timeout=, retries=} */
static int
l_open(lua_State *L)
{
	struct lsn_state *st = lsn_state(L);
	struct sn_session_opts so;
	struct lsn_session *ls;
	struct sn_error err;
	const char *agent;
	lua_Number t;
	lua_Integer r;
	int rc, isnum;

	if (lua_type(L, 1) == LUA_TSTRING) {
		/* snmp.open("host:port" [, {opts}]) */
		lua_settop(L, 2);
		if (lua_isnil(L, 2)) {
			lua_newtable(L);
			lua_replace(L, 2);
		}
		luaL_checktype(L, 2, LUA_TTABLE);
		lua_pushvalue(L, 1);
		lua_setfield(L, 2, "agent");
		lua_remove(L, 1);
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	sn_session_opts_init(&so);
	if (lua_getfield(L, 1, "agent") != LUA_TSTRING)
		luaL_argerror(L, 1, "field 'agent' (a string) is required");
	agent = lua_tostring(L, -1);
	if (lua_getfield(L, 1, "version") != LUA_TNIL)
		so.version = check_version(L, -1);
	if (lua_getfield(L, 1, "community") != LUA_TNIL) {
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_argerror(L, 1, "field 'community' must be a "
			    "string");
		so.community = lua_tostring(L, -1);
	}
	if (lua_getfield(L, 1, "timeout") != LUA_TNIL) {
		t = lua_tonumberx(L, -1, &isnum);
		if (!isnum || !(t >= 0 && t <= 3600 * 24))
			luaL_argerror(L, 1, "field 'timeout' must be a number "
			    "of seconds");
		so.timeout_ms = (unsigned)(t * 1000.0 + 0.5);
	}
	if (lua_getfield(L, 1, "retries") != LUA_TNIL) {
		r = lua_tointegerx(L, -1, &isnum);
		if (!isnum || r < 0 || r > 100)
			luaL_argerror(L, 1, "field 'retries' must be an "
			    "integer 0..100");
		so.retries = (int)r;
	}
	ls = lua_newuserdatauv(L, sizeof(*ls), 0);
	memset(ls, 0, sizeof(*ls));
	ls->st = st;
	luaL_setmetatable(L, LSN_MT_SESSION);
	sn_error_clear(&err);
	if ((rc = sn_session_open(st->loop, agent, &so, &ls->s, &err)) < 0) {
		ls->s = NULL;
		return lsn_fail(L, err.msg[0] ? err.msg : sn_strerror(rc),
		    lsn_code(rc));
	}
	ls->next = st->sessions;
	if (st->sessions != NULL)
		st->sessions->prev = ls;
	st->sessions = ls;
	return 1;
}

static int
l_close(lua_State *L)
{
	struct lsn_session *ls = luaL_checkudata(L, 1, LSN_MT_SESSION);

	session_close(ls);
	return 0;
}

static int
l_session_tostring(lua_State *L)
{
	struct lsn_session *ls = luaL_checkudata(L, 1, LSN_MT_SESSION);

	if (ls->s == NULL)
		lua_pushliteral(L, "snmp.session (closed)");
	else
		lua_pushfstring(L, "snmp.session (%s)", sn_session_peer(ls->s));
	return 1;
}

static int
l_peer(lua_State *L)
{
	struct lsn_session *ls = check_session(L);

	lua_pushstring(L, sn_session_peer(ls->s));
	return 1;
}

/* --- requests ----------------------------------------------------------- */

/* The outcome of a request: copy the reply, or word the failure. */
static int
keep_result(struct sn_session *s, int status, const struct sn_pdu *resp,
    struct sn_pdu *into, struct sn_error *err)
{
	if (status == 0) {
		if (sn_pdu_copy(into, resp) != 0)
			return sn_error_set(err, SN_ENOMEM, "out of memory");
		return 0;
	}
	if (status == SN_ETIMEDOUT)
		/* Net-SNMP's wording (snmp_api.c, SNMPERR_TIMEOUT) */
		return sn_error_set(err, status,
		    "Timeout: No Response from %s.", sn_session_peer(s));
	if (status == SN_ECANCELED)
		return sn_error_set(err, status, "request cancelled");
	return sn_error_set(err, status, "%s", sn_strerror(status));
}

static int
req_gc(lua_State *L)
{
	struct lreq *q = lua_touserdata(L, 1);

	if (!q->w.done && q->r != NULL)
		sn_request_cancel(q->r);
	q->r = NULL;
	sn_pdu_clear(&q->pdu);
	sn_pdu_clear(&q->resp);
	return 0;
}

static void
on_req(struct sn_request *r, int status, const struct sn_pdu *resp,
    void *ud)
{
	struct lreq *q = ud;

	(void)r;
	q->r = NULL;
	q->status = keep_result(q->s, status, resp, &q->resp, &q->err);
	q->s = NULL;
	lsn_wait_done(q->st, &q->w);
}

/* "Error in packet. Reason: (noSuchName) ..." and its code. */
static int
fail_errstat(lua_State *L, const struct sn_pdu *resp)
{
	char msg[SN_ERROR_MSG_MAX + SN_OID_STR_MAX];
	int32_t i = resp->error_index;

	if (i >= 1 && (size_t)i <= resp->vbl.len) {
		char oid[SN_OID_STR_MAX];

		sn_oid_format(&resp->vbl.vb[i - 1].name, false, oid,
		    sizeof(oid));
		snprintf(msg, sizeof(msg), "Error in packet. Reason: %s "
		    "(Failed object: %s)",
		    sn_errstat_string(resp->error_status), oid);
	} else {
		snprintf(msg, sizeof(msg), "Error in packet. Reason: %s",
		    sn_errstat_string(resp->error_status));
	}
	return lsn_fail(L, msg, sn_errstat_name(resp->error_status));
}

/* Push the varbinds of resp as a list. */
static void
push_list(lua_State *L, const struct sn_pdu *resp)
{
	size_t i;

	lua_createtable(L, (int)resp->vbl.len, 0);
	for (i = 0; i < resp->vbl.len; i++) {
		lsn_push_varbind(L, &resp->vbl.vb[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
}

/* After the wait: turn the reply into Lua results. */
static int
req_k(lua_State *L, int status, lua_KContext ctx)
{
	struct lreq *q = lua_touserdata(L, (int)ctx);
	const struct sn_varbind *vb;

	(void)status;
	if (!q->w.done)
		return lsn_fail(L, "request cancelled", "cancelled");
	if (q->status != 0)
		return lsn_fail(L, q->err.msg, lsn_code(q->status));
	if (q->resp.error_status != SN_ERR_NOERROR)
		return fail_errstat(L, &q->resp);
	switch (q->kind) {
	case K_ONE:
		if (q->resp.vbl.len < 1)
			return lsn_fail(L, "empty response", "error");
		vb = &q->resp.vbl.vb[0];
		if (sn_type_is_exception(vb->value.type)) {
			/* RFC 3416 §4.2.1: the exception is the answer */
			return lsn_fail(L, lsn_exception_text(vb->value.type),
			    sn_type_name(vb->value.type));
		}
		lsn_push_value(L, &vb->value);
		lsn_push_varbind(L, vb);
		return 2;
	case K_SET:
		lua_pushboolean(L, 1);
		push_list(L, &q->resp);
		return 2;
	default:
		push_list(L, &q->resp);
		return 1;
	}
}

/* A new request userdata (at the top); its PDU has type. */
static struct lreq *
new_req(lua_State *L, struct lsn_session *ls, enum sn_pdu_type type)
{
	struct lreq *q = lua_newuserdatauv(L, sizeof(*q), 0);

	memset(q, 0, sizeof(*q));
	q->st = ls->st;
	sn_pdu_init(&q->pdu, type);
	sn_pdu_init(&q->resp, SN_PDU_RESPONSE);
	luaL_setmetatable(L, LSN_MT_REQ);
	return q;
}

/* Send q's PDU and wait; q is the userdata at index qidx. */
static int
send_req(lua_State *L, struct lsn_session *ls, struct lreq *q, int qidx)
{
	struct sn_error err;
	int rc;

	sn_error_clear(&err);
	q->s = ls->s;
	rc = sn_session_send(ls->s, &q->pdu, on_req, q, &q->r, &err);
	if (rc < 0) {
		q->w.done = true;
		q->s = NULL;
		return lsn_fail(L, err.msg[0] ? err.msg : sn_strerror(rc),
		    lsn_code(rc));
	}
	if (q->w.done)
		q->r = NULL;
	sn_pdu_clear(&q->pdu);
	return lsn_await(L, &q->w, qidx, req_k);
}

/* Add the OIDs of argument 2 (one OID or a list) to q's PDU. */
static enum req_kind
add_oids(lua_State *L, struct lreq *q, bool keys_too)
{
	struct sn_oid oid;
	lua_Integer i, n;
	int rc;

	if (lsn_is_oid(L, 2)) {
		lsn_check_oid(L, 2, 2, &oid);
		if (sn_vbl_add_null(&q->pdu.vbl, &oid) != 0)
			luaL_error(L, "out of memory");
		return K_ONE;
	}
	luaL_argexpected(L, lua_type(L, 2) == LUA_TTABLE, 2,
	    "OID or list of OIDs");
	n = (lua_Integer)lua_rawlen(L, 2);
	if (n == 0 && !keys_too)
		luaL_argerror(L, 2, "empty list of OIDs");
	for (i = 1; i <= n; i++) {
		lua_geti(L, 2, i);
		lsn_check_oid(L, -1, 2, &oid);
		lua_pop(L, 1);
		if ((rc = sn_vbl_add_null(&q->pdu.vbl, &oid)) != 0)
			luaL_argerror(L, 2, rc == SN_ELIMIT ? "too many OIDs" :
			    "out of memory");
	}
	return K_LIST;
}

static int
do_get(lua_State *L, enum sn_pdu_type type)
{
	struct lsn_session *ls = check_session(L);
	struct lreq *q;

	luaL_checkany(L, 2);
	lua_settop(L, 2);
	q = new_req(L, ls, type);
	q->kind = add_oids(L, q, false);
	return send_req(L, ls, q, 3);
}

static int
l_get(lua_State *L)
{
	return do_get(L, SN_PDU_GET);
}

static int
l_getnext(lua_State *L)
{
	return do_get(L, SN_PDU_GETNEXT);
}

static lua_Integer
opt_int_field(lua_State *L, int t, const char *k, lua_Integer def,
    lua_Integer lo, lua_Integer hi, int arg)
{
	lua_Integer v = def;
	int isnum;

	if (t == 0)
		return def;
	if (lua_getfield(L, t, k) != LUA_TNIL) {
		v = lua_tointegerx(L, -1, &isnum);
		if (!isnum || v < lo || v > hi)
			luaL_argerror(L, arg, lua_pushfstring(L, "field '%s' "
			    "must be an integer %I..%I", k, lo, hi));
	}
	lua_pop(L, 1);
	return v;
}

/*
 * s:getbulk{oids..., non_repeaters=N, max_repetitions=M} or
 * s:getbulk(oids, {non_repeaters=, max_repetitions=}); RFC 3416 §4.2.3.
 */
static int
l_getbulk(lua_State *L)
{
	struct lsn_session *ls = check_session(L);
	struct lreq *q;
	int opts;

	luaL_checkany(L, 2);
	lua_settop(L, 3);
	/* RFC 3416 §4.2.3: GetBulk exists from SNMPv2 on */
	if (sn_session_version(ls->s) == SN_V1)
		luaL_argerror(L, 1, "GETBULK is not available in SNMPv1");
	if (!lua_isnil(L, 3))
		luaL_checktype(L, 3, LUA_TTABLE);
	opts = !lua_isnil(L, 3) ? 3 : (lua_type(L, 2) == LUA_TTABLE &&
	    !lsn_is_oid(L, 2) ? 2 : 0);
	q = new_req(L, ls, SN_PDU_GETBULK);
	add_oids(L, q, false);
	q->kind = K_LIST;
	q->pdu.error_status = (int32_t)opt_int_field(L, opts, "non_repeaters",
	    0, 0, SN_VBL_MAX, opts);
	q->pdu.error_index = (int32_t)opt_int_field(L, opts,
	    "max_repetitions", 10, 0, SN_VBL_MAX, opts);
	return send_req(L, ls, q, 4);
}

/* One set entry: name at index ki, value at vi. */
static void
add_set(lua_State *L, struct lreq *q, int ki, int vi)
{
	struct sn_oid oid;
	struct sn_value v;
	int rc;

	lsn_check_oid(L, ki, 2, &oid);
	lsn_check_value(L, vi, 2, &q->pdu.vbl, &v);
	if ((rc = sn_vbl_add(&q->pdu.vbl, &oid, &v)) != 0)
		luaL_argerror(L, 2, rc == SN_ELIMIT ? "too many varbinds" :
		    "out of memory");
}

/*
 * s:set(oid, value), s:set{[oid] = value, ...}, or a list of
 * {oid, value} / {oid=, type=, value=} entries (kept in order).
 */
static int
l_set(lua_State *L)
{
	struct lsn_session *ls = check_session(L);
	struct lreq *q;
	lua_Integer i, n;

	luaL_checkany(L, 2);
	lua_settop(L, 3);
	q = new_req(L, ls, SN_PDU_SET);
	q->kind = K_SET;
	if (!lua_isnoneornil(L, 3) || lua_type(L, 2) != LUA_TTABLE) {
		add_set(L, q, 2, 3);
		return send_req(L, ls, q, 4);
	}
	n = (lua_Integer)lua_rawlen(L, 2);
	for (i = 1; i <= n; i++) {
		luaL_argexpected(L, lua_geti(L, 2, i) == LUA_TTABLE, 2,
		    "list of {oid, value} entries");
		if (lua_getfield(L, -1, "oid") != LUA_TNIL) {
			/* a varbind-like {oid=, type=, value=} */
			add_set(L, q, lua_gettop(L), lua_gettop(L) - 1);
			lua_pop(L, 2);
			continue;
		}
		lua_pop(L, 1);
		lua_geti(L, -1, 1);
		lua_geti(L, -2, 2);
		add_set(L, q, lua_gettop(L) - 1, lua_gettop(L));
		lua_pop(L, 3);
	}
	lua_pushnil(L);
	while (lua_next(L, 2) != 0) {
		if (lua_type(L, -2) != LUA_TNUMBER)
			add_set(L, q, lua_gettop(L) - 1, lua_gettop(L));
		lua_pop(L, 1);
	}
	if (q->pdu.vbl.len == 0)
		luaL_argerror(L, 2, "nothing to set");
	return send_req(L, ls, q, 4);
}

/* --- walks -------------------------------------------------------------- */

static void
on_walk(struct sn_request *r, int status, const struct sn_pdu *resp,
    void *ud)
{
	struct lwalk *w = ud;

	(void)r;
	w->r = NULL;
	sn_vbl_reset(&w->resp.vbl);
	w->pos = 0;
	w->status = keep_result(w->s, status, resp, &w->resp, &w->err);
	w->s = NULL;
	lsn_wait_done(w->st, &w->w);
}

static void
walk_cancel(struct lwalk *w)
{
	if (w->r != NULL)
		sn_request_cancel(w->r);	/* on_walk runs now */
	w->r = NULL;
	w->phase = W_DONE;
}

static int
walk_gc(lua_State *L)
{
	struct lwalk *w = lua_touserdata(L, 1);

	walk_cancel(w);
	sn_pdu_clear(&w->req);
	sn_pdu_clear(&w->resp);
	return 0;
}

/* __close and w:close(): stop the walk (a `break` out of the loop). */
static int
walk_close(lua_State *L)
{
	struct lwalk *w = luaL_checkudata(L, 1, LSN_MT_WALK);

	walk_cancel(w);
	sn_vbl_reset(&w->resp.vbl);
	w->pos = 0;
	return 0;
}

static void
walk_fail(struct lwalk *w, int code, const char *codestr)
{
	w->fail = code;
	w->code = codestr;
	w->phase = W_DONE;
}

/* The walk found its end: GET the root once if it reported nothing. */
static void
walk_end(struct lwalk *w)
{
	if (w->count == 0 && w->phase == W_WALK)
		w->phase = W_FALLBACK;
	else
		w->phase = W_DONE;
}

/*
 * Take varbinds from the last reply: 1 with a varbind pushed, 0 when the
 * reply is used up (or the walk ended), as snmpwalk judges them.
 */
static int
walk_take(lua_State *L, struct lwalk *w)
{
	char a[SN_OID_STR_MAX], b[SN_OID_STR_MAX];

	while (w->phase != W_DONE && w->pos < w->resp.vbl.len) {
		const struct sn_varbind *vb = &w->resp.vbl.vb[w->pos++];

		if (w->phase == W_FALLBACK) {
			/* snmpwalk's fallback GET: report a real value */
			w->phase = W_DONE;
			if (sn_type_is_exception(vb->value.type))
				return 0;
			w->count++;
			lsn_push_varbind(L, vb);
			return 1;
		}
		if (!sn_oid_has_prefix(&vb->name, &w->root)) {
			walk_end(w);
			return 0;
		}
		/* RFC 3416 §4.2.2.1: endOfMibView ends the walk */
		if (sn_type_is_exception(vb->value.type)) {
			walk_end(w);
			return 0;
		}
		if (sn_oid_cmp(&vb->name, &w->prev) <= 0) {
			sn_oid_format(&w->prev, true, a, sizeof(a));
			sn_oid_format(&vb->name, true, b, sizeof(b));
			/* Net-SNMP: "Error: OID not increasing: A >= B" */
			sn_error_set(&w->err, SN_ENOTINCREASING,
			    "OID not increasing: %s >= %s", a, b);
			walk_fail(w, SN_ENOTINCREASING,
			    lsn_code(SN_ENOTINCREASING));
			return 0;
		}
		w->prev = vb->name;
		w->count++;
		lsn_push_varbind(L, vb);
		return 1;
	}
	return 0;
}

static int walk_iter(lua_State *L);

/* After a reply: judge it, then go on with the iteration. */
static int
walk_k(lua_State *L, int status, lua_KContext ctx)
{
	struct lwalk *w = lua_touserdata(L, (int)ctx);
	const struct sn_pdu *resp = &w->resp;

	(void)status;
	w->busy = false;
	if (!w->w.done) {
		sn_error_set(&w->err, SN_ECANCELED, "walk cancelled");
		walk_fail(w, SN_ECANCELED, lsn_code(SN_ECANCELED));
	} else if (w->phase == W_DONE) {
		/* closed while waiting */
	} else if (w->status != 0) {
		walk_fail(w, w->status, lsn_code(w->status));
	} else if (w->phase == W_FALLBACK) {
		/* errors of the fallback GET are not reported (snmpwalk) */
		if (resp->error_status != SN_ERR_NOERROR)
			w->phase = W_DONE;
	} else if (resp->error_status == SN_ERR_NOSUCHNAME) {
		/* RFC 1157 §4.1.3: SNMPv1's end of the MIB view */
		walk_end(w);
		sn_vbl_reset(&w->resp.vbl);
	} else if (resp->error_status != SN_ERR_NOERROR) {
		sn_error_set(&w->err, SN_ERESPONSE,
		    "Error in packet. Reason: %s",
		    sn_errstat_string(resp->error_status));
		walk_fail(w, SN_ERESPONSE, sn_errstat_name(resp->error_status));
	} else if (resp->vbl.len == 0) {
		walk_end(w);
	}
	lua_settop(L, (int)ctx);
	return walk_iter(L);
}

/* The iterator: the next varbind, nil at the end; raises on failure. */
static int
walk_iter(lua_State *L)
{
	struct lwalk *w = luaL_checkudata(L, 1, LSN_MT_WALK);
	struct sn_error err;
	int rc;

	lua_settop(L, 1);
	if (w->busy)
		return luaL_error(L, "walk: already waiting for a reply");
	if (walk_take(L, w))
		return 1;
	if (w->phase == W_DONE) {
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
		sn_error_set(&w->err, SN_ECANCELED, "session is closed");
		walk_fail(w, SN_ECANCELED, lsn_code(SN_ECANCELED));
		return walk_iter(L);
	}
	sn_vbl_reset(&w->req.vbl);
	sn_vbl_reset(&w->resp.vbl);
	w->pos = 0;
	w->req.error_status = 0;
	w->req.error_index = 0;
	if (w->phase == W_FALLBACK) {
		w->req.type = SN_PDU_GET;
		rc = sn_vbl_add_null(&w->req.vbl, &w->root);
	} else if (w->bulk) {
		/* RFC 3416 §4.2.3: non-repeaters 0, max-repetitions */
		w->req.type = SN_PDU_GETBULK;
		w->req.error_index = w->max_rep;
		rc = sn_vbl_add_null(&w->req.vbl, &w->prev);
	} else {
		w->req.type = SN_PDU_GETNEXT;
		rc = sn_vbl_add_null(&w->req.vbl, &w->prev);
	}
	sn_error_clear(&err);
	memset(&w->w, 0, sizeof(w->w));
	w->s = w->ls->s;
	if (rc == 0)
		rc = sn_session_send(w->ls->s, &w->req, on_walk, w, &w->r,
		    &err);
	if (rc < 0) {
		w->s = NULL;
		w->err = err;
		if (err.msg[0] == '\0')
			sn_error_set(&w->err, rc, "%s", sn_strerror(rc));
		walk_fail(w, rc, lsn_code(rc));
		return walk_iter(L);
	}
	if (w->w.done)
		w->r = NULL;
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
	struct lsn_session *ls = check_session(L);
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
	w->prev = root;
	w->bulk = bulk;
	w->max_rep = 10;	/* snmpbulkwalk's -Cr default */
	sn_pdu_init(&w->req, SN_PDU_GETNEXT);
	sn_pdu_init(&w->resp, SN_PDU_RESPONSE);
	luaL_setmetatable(L, LSN_MT_WALK);
	lua_pushvalue(L, 1);
	lua_setiuservalue(L, -2, 1);
	if (bulk && !lua_isnoneornil(L, 3))
		w->max_rep = (int)opt_int_field(L, 3, "max_repetitions", 10, 1,
		    SN_VBL_MAX, 3);
	lua_pushcfunction(L, walk_iter);
	lua_pushvalue(L, -2);
	lua_pushnil(L);
	lua_pushvalue(L, -4);
	return 4;
}

static int
l_walk(lua_State *L)
{
	return start_walk(L, false);
}

static int
l_bulkwalk(lua_State *L)
{
	return start_walk(L, true);
}

/* --- sessions of the shell ---------------------------------------------- */

/* On L: snmp.sessions[name] = a borrowed session userdata for s. */
static int
publish(lua_State *L)
{
	struct lsn_state *st = lsn_state(L);
	struct lsn_session *ls;

	lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
	if (lua_getfield(L, -1, "snmp") != LUA_TTABLE ||
	    lua_getfield(L, -1, "sessions") != LUA_TTABLE)
		return luaL_error(L, "snmp module not loaded");
	ls = lua_newuserdatauv(L, sizeof(*ls), 0);
	memset(ls, 0, sizeof(*ls));
	ls->st = st;
	ls->borrowed = true;
	ls->s = lua_touserdata(L, 2);
	luaL_setmetatable(L, LSN_MT_SESSION);
	lua_setfield(L, -2, lua_tostring(L, 1));
	return 0;
}

/* On L: detach snmp.sessions[name] and remove it. */
static int
unpublish(lua_State *L)
{
	struct lsn_session *ls;

	lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
	if (lua_getfield(L, -1, "snmp") != LUA_TTABLE ||
	    lua_getfield(L, -1, "sessions") != LUA_TTABLE)
		return 0;
	lua_getfield(L, -1, lua_tostring(L, 1));
	ls = luaL_testudata(L, -1, LSN_MT_SESSION);
	if (ls != NULL && ls->borrowed)
		ls->s = NULL;
	lua_pop(L, 1);
	lua_pushnil(L);
	lua_setfield(L, -2, lua_tostring(L, 1));
	return 0;
}

int
lsn_publish_session(lua_State *L, const char *name, struct sn_session *s)
{
	int rc;

	lua_pushcfunction(L, publish);
	lua_pushstring(L, name);
	lua_pushlightuserdata(L, s);
	rc = lua_pcall(L, 2, 0, 0);
	if (rc != LUA_OK)
		lua_pop(L, 1);
	return rc == LUA_OK ? 0 : SN_ENOMEM;
}

void
lsn_unpublish_session(lua_State *L, const char *name)
{
	lua_pushcfunction(L, unpublish);
	lua_pushstring(L, name);
	if (lua_pcall(L, 1, 0, 0) != LUA_OK)
		lua_pop(L, 1);
}

/* --- registration ------------------------------------------------------- */

static const luaL_Reg session_methods[] = {
	{ "get", l_get },
	{ "getnext", l_getnext },
	{ "getbulk", l_getbulk },
	{ "set", l_set },
	{ "walk", l_walk },
	{ "bulkwalk", l_bulkwalk },
	{ "close", l_close },
	{ "peer", l_peer },
	{ NULL, NULL }
};

void
lsn_session_open(lua_State *L)
{
	lua_pushcfunction(L, l_open);
	lua_setfield(L, -2, "open");
	lua_newtable(L);
	lua_setfield(L, -2, "sessions");
	if (luaL_newmetatable(L, LSN_MT_SESSION)) {
		luaL_newlib(L, session_methods);
		lua_setfield(L, -2, "__index");
		lua_pushcfunction(L, l_close);
		lua_setfield(L, -2, "__gc");
		lua_pushcfunction(L, l_close);
		lua_setfield(L, -2, "__close");
		lua_pushcfunction(L, l_session_tostring);
		lua_setfield(L, -2, "__tostring");
	}
	lua_pop(L, 1);
	if (luaL_newmetatable(L, LSN_MT_REQ)) {
		lua_pushcfunction(L, req_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_pop(L, 1);
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

struct sn_session *
lsn_session_check(lua_State *L, int idx)
{
	struct lsn_session *ls = luaL_checkudata(L, idx, LSN_MT_SESSION);

	if (ls->s == NULL)
		luaL_argerror(L, idx, "session is closed");
	return ls->s;
}
