/*
 * Sessions in Lua: snmp.open and the command generator requests of
 * RFC 3413 §3.1 (get, getnext, getbulk, set; PDUs of RFC 3416 §4.2); the
 * walk iterators are lwalk.c's.  Each
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


struct lsn_session *
lsn_check_session(lua_State *L)
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
		if (n == 3)
			return SN_V3;
	}
	v = lua_tostring(L, idx);
	if (v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "v1") == 0))
		return SN_V1;
	if (v != NULL && (strcmp(v, "2c") == 0 || strcmp(v, "v2c") == 0 ||
	    strcmp(v, "2") == 0))
		return SN_V2C;
	if (v != NULL && (strcmp(v, "3") == 0 || strcmp(v, "v3") == 0))
		return SN_V3;
	luaL_argerror(L, 1, lua_pushfstring(L, "version must be \"1\", "
	    "\"2c\" or \"3\", got %s", v != NULL ? v : luaL_typename(L, idx)));
	return SN_V2C;
}

/* An optional string field of the options table (left on the stack). */
static const char *
opt_str(lua_State *L, const char *k)
{
	int t = lua_getfield(L, 1, k);

	if (t == LUA_TNIL)
		return NULL;
	if (t != LUA_TSTRING)
		luaL_argerror(L, 1, lua_pushfstring(L, "field '%s' must be a "
		    "string", k));
	return lua_tostring(L, -1);
}

/* The SNMPv3 fields (RFC 3414 USM; names as Net-SNMP's options). */
static void
v3_opts(lua_State *L, struct sn_session_opts *so)
{
	so->user = opt_str(L, "user");
	so->sec_level = opt_str(L, "level");
	so->auth_proto = opt_str(L, "auth");
	so->auth_pass = opt_str(L, "auth_pass");
	so->priv_proto = opt_str(L, "priv");
	so->priv_pass = opt_str(L, "priv_pass");
	so->context = opt_str(L, "context");
	so->sec_engine_id = opt_str(L, "engine_id");
	so->ctx_engine_id = opt_str(L, "context_engine_id");
	so->auth_master_key = opt_str(L, "auth_key");
	so->priv_master_key = opt_str(L, "priv_key");
	so->auth_local_key = opt_str(L, "auth_localized_key");
	so->priv_local_key = opt_str(L, "priv_localized_key");
	/* RFC 3414 §3.1: the level follows from what was given */
	if (so->sec_level == NULL && (so->auth_pass != NULL ||
	    so->auth_master_key != NULL || so->auth_local_key != NULL))
		so->sec_level = so->priv_pass != NULL ||
		    so->priv_master_key != NULL || so->priv_local_key != NULL ?
		    "authPriv" : "authNoPriv";
}

/*
 * snmp.open{agent=, version=, community=, timeout=, retries=, name=,
 * and for SNMPv3 user=, level=, auth=, auth_pass=, priv=, priv_pass=,
 * context=, engine_id=, context_engine_id=, auth_key=, priv_key=,
 * auth_localized_key=, priv_localized_key=}.  A user= without version=
 * means version 3.  name= makes it a session of the shell as well
 * (snmp.sessions[name]).
 */
static int
l_open(lua_State *L)
{
	struct lsn_state *st = lsn_state(L);
	struct sn_session_opts so;
	struct lsn_session *ls;
	struct sn_error err;
	const char *agent, *name;
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
	else if (lua_getfield(L, 1, "user") != LUA_TNIL)
		so.version = SN_V3;
	name = opt_str(L, "name");
	if (name != NULL && (name[0] == '\0' || strlen(name) >= 64))
		luaL_argerror(L, 1, "field 'name' must have 1 to 63 "
		    "characters");
	v3_opts(L, &so);
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
	if (name != NULL && st->hooks.add_session != NULL) {
		/* the shell adopts it and publishes snmp.sessions[name] */
		if ((rc = st->hooks.add_session(st->hooks.ud, name, agent,
		    ls->s)) != 0) {
			sn_session_close(ls->s);
			ls->s = NULL;
			return lsn_fail(L, rc == SN_EINVAL ? "a session of "
			    "that name exists" : sn_strerror(rc),
			    lsn_code(rc));
		}
		ls->s = NULL;
		lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
		lua_getfield(L, -1, "snmp");
		lua_getfield(L, -1, "sessions");
		lua_getfield(L, -1, name);
		return 1;
	}
	ls->next = st->sessions;
	if (st->sessions != NULL)
		st->sessions->prev = ls;
	st->sessions = ls;
	if (name != NULL) {
		lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
		if (lua_getfield(L, -1, "snmp") == LUA_TTABLE &&
		    lua_getfield(L, -1, "sessions") == LUA_TTABLE) {
			lua_pushvalue(L, -4);
			lua_setfield(L, -2, name);
		}
		lua_settop(L, lua_gettop(L) - 3);
	}
	return 1;
}

/* snmp.current(): the shell's current session, or nil. */
static int
l_current(lua_State *L)
{
	struct lsn_state *st = lsn_state(L);
	const char *name;

	if (st->hooks.current == NULL ||
	    (name = st->hooks.current(st->hooks.ud)) == NULL) {
		lua_pushnil(L);
		return 1;
	}
	lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
	if (lua_getfield(L, -1, "snmp") != LUA_TTABLE ||
	    lua_getfield(L, -1, "sessions") != LUA_TTABLE) {
		lua_pushnil(L);
		return 1;
	}
	lua_getfield(L, -1, name);
	return 1;
}

/* s:version(): "1", "2c" or "3". */
static int
l_version(lua_State *L)
{
	struct lsn_session *ls = lsn_check_session(L);

	switch (sn_session_version(ls->s)) {
	case SN_V1:
		lua_pushliteral(L, "1");
		break;
	case SN_V3:
		lua_pushliteral(L, "3");
		break;
	default:
		lua_pushliteral(L, "2c");
		break;
	}
	return 1;
}

/*
 * s:engine(): the SNMPv3 agent's engine as discovered, {id = "80001f88...",
 * boots = n, time = n}; nil, message, code before discovery or for
 * SNMPv1/v2c.
 */
static int
l_engine(lua_State *L)
{
	struct lsn_session *ls = lsn_check_session(L);
	uint8_t id[SN_ENGINE_ID_MAX];
	char hex[2 * SN_ENGINE_ID_MAX + 1];
	uint32_t boots, t;
	size_t n, i;
	int rc;

	rc = sn_session_engine(ls->s, id, sizeof(id), &n, &boots, &t);
	if (rc == SN_EINVAL)
		return lsn_fail(L, "not an SNMPv3 session", "version");
	if (rc < 0)
		return lsn_fail(L, "the engine is not discovered yet (make a "
		    "request first)", "notFound");
	for (i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", id[i]);
	hex[2 * n] = '\0';
	lua_createtable(L, 0, 3);
	lua_pushstring(L, hex);
	lua_setfield(L, -2, "id");
	lua_pushinteger(L, boots);
	lua_setfield(L, -2, "boots");
	lua_pushinteger(L, t);
	lua_setfield(L, -2, "time");
	return 1;
}

/* s:table(name [, {max_repetitions=}]): the Lua helper of lprelude.c. */
static int
l_table(lua_State *L)
{
	lsn_check_session(L);
	lua_settop(L, 3);
	lsn_prelude(L);
	lua_getfield(L, -1, "table");
	lua_insert(L, 1);
	lua_pop(L, 1);
	lua_call(L, 3, LUA_MULTRET);
	return lua_gettop(L);
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
	struct lsn_session *ls = lsn_check_session(L);

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
	return sn_error_set(err, status, "%s", sn_session_strerror(status));
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
	int32_t i = resp->error_index;

	if (i >= 1 && (size_t)i <= resp->vbl.len) {
		/* Net-SNMP names the failed object with the MIB */
		lsn_push_name(L, &resp->vbl.vb[i - 1].name);
		lua_pushfstring(L, "Error in packet. Reason: %s "
		    "(Failed object: %s)",
		    sn_errstat_string(resp->error_status),
		    lua_tostring(L, -1));
	} else {
		lua_pushfstring(L, "Error in packet. Reason: %s",
		    sn_errstat_string(resp->error_status));
	}
	return lsn_fail(L, lua_tostring(L, -1),
	    sn_errstat_name(resp->error_status));
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
	if (!q->w.done) {
		/* interrupted (Ctrl-C): nothing stays in flight */
		if (q->r != NULL)
			sn_request_cancel(q->r);
		q->r = NULL;
		return lsn_fail(L, "request cancelled", "cancelled");
	}
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
	struct lsn_session *ls = lsn_check_session(L);
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

lua_Integer
lsn_opt_int_field(lua_State *L, int t, const char *k, lua_Integer def,
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
	struct lsn_session *ls = lsn_check_session(L);
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
	q->pdu.error_status = (int32_t)lsn_opt_int_field(L, opts, "non_repeaters",
	    0, 0, SN_VBL_MAX, opts);
	q->pdu.error_index = (int32_t)lsn_opt_int_field(L, opts,
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
	lsn_check_value_for(L, vi, 2, &oid, &q->pdu.vbl, &v);
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
	struct lsn_session *ls = lsn_check_session(L);
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
	{ "walk", lsn_walk },
	{ "bulkwalk", lsn_bulkwalk },
	{ "close", l_close },
	{ "peer", l_peer },
	{ "version", l_version },
	{ "engine", l_engine },
	{ "table", l_table },
	{ NULL, NULL }
};

void
lsn_session_open(lua_State *L)
{
	lua_pushcfunction(L, l_open);
	lua_setfield(L, -2, "open");
	lua_pushcfunction(L, l_current);
	lua_setfield(L, -2, "current");
	lua_newtable(L);
	lua_setfield(L, -2, "sessions");
	lsn_class(L, LSN_MT_SESSION, session_methods, l_close, l_close,
	    l_session_tostring);
	lsn_walk_open(L);
	lsn_class(L, LSN_MT_REQ, NULL, req_gc, NULL, NULL);
}

struct sn_session *
lsn_session_check(lua_State *L, int idx)
{
	struct lsn_session *ls = luaL_checkudata(L, idx, LSN_MT_SESSION);

	if (ls->s == NULL)
		luaL_argerror(L, idx, "session is closed");
	return ls->s;
}
