/*
 * Notifications in Lua (SPEC §5, RFC 3413 §3.3-§3.4): snmp.listen{}
 * returns a listener receiving traps and informs (v1, v2c, v3) on the
 * module's loop and calling on_notification(n) for each under a protected
 * call (an error is written to io.stderr and the listener lives on);
 * snmp.trap{} sends a trap and snmp.inform{} an inform, which waits for
 * its acknowledgement like a request (yielding the task, or running the
 * loop outside one).
 *
 *   snmp.listen{ agent = "udp:127.0.0.1:1162" | { ... },
 *                community = "public" | { ... },
 *                users = { { user =, auth =, auth_pass =, priv =,
 *                            priv_pass = }, ... },
 *                engine_id = "0x80...", on_notification = fn }
 *       -> listener | nil, message, code
 *   listener:close(), listener:stats() -> table, listener:addresses()
 *   n = { source =, version = "1"|"2c"|"3", type = "trap"|"trap2"|
 *         "inform", security = community or user name, community =,
 *         user =, level =, engine_id = (hex), trap_oid =, trap_name =,
 *         uptime =, varbinds = { varbind, ... },
 *         v1 only: enterprise =, agent_addr =, generic_trap =,
 *         specific_trap = }
 *   snmp.trap{ session = s | agent =, version =, community =, user =,
 *              level =, auth =, auth_pass =, priv =, priv_pass =,
 *              uptime = (centiseconds, default now), trap_oid =,
 *              varbinds = { { oid, value }, ... },
 *              v1: enterprise =, agent_addr =, generic =, specific = }
 *       -> true | nil, message, code
 *   snmp.inform{ same as trap (v2c, v3), timeout =, retries = }
 *       -> true | nil, message, code
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sn/agent.h>
#include <sn/notify.h>

#include "lua/lsnmp_int.h"

#define LSN_MT_LISTENER "snmp.listener"
#define LSN_MT_INFORM "snmp.informop"

struct llistener {
	struct lsn_state *st;
	struct sn_listener *l;
	int ref;		/* anchor while open (LUA_NOREF when closed) */
};

/* ---- receiving ---- */

static void
push_hex(lua_State *L, const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	luaL_Buffer b;
	size_t i;

	luaL_buffinit(L, &b);
	for (i = 0; i < n; i++) {
		luaL_addchar(&b, hex[p[i] >> 4]);
		luaL_addchar(&b, hex[p[i] & 15]);
	}
	luaL_pushresult(&b);
}

/* Build the n table of a notification (light userdata at 1). */
static void
push_notification(lua_State *L, const struct sn_notification *n)
{
	static const char *const levels[] = { "", "noAuthNoPriv",
		"authNoPriv", "authPriv" };
	size_t i;

	lua_createtable(L, 0, 16);
	lua_pushstring(L, n->source);
	lua_setfield(L, -2, "source");
	lua_pushstring(L, n->version == SN_V1 ? "1" : n->version == SN_V2C ?
	    "2c" : "3");
	lua_setfield(L, -2, "version");
	lua_pushstring(L, n->type == SN_PDU_TRAP_V1 ? "trap" :
	    n->type == SN_PDU_INFORM ? "inform" : "trap2");
	lua_setfield(L, -2, "type");
	if (n->version == SN_V3) {
		lua_pushlstring(L, (const char *)n->user, n->user_len);
		lua_pushvalue(L, -1);
		lua_setfield(L, -3, "user");
		lua_setfield(L, -2, "security");
		lua_pushstring(L, levels[n->sec_level & 3]);
		lua_setfield(L, -2, "level");
		push_hex(L, n->engine_id, n->engine_id_len);
		lua_setfield(L, -2, "engine_id");
		lua_pushlstring(L, (const char *)n->context, n->context_len);
		lua_setfield(L, -2, "context");
	} else {
		lua_pushlstring(L, (const char *)n->community,
		    n->community_len);
		lua_pushvalue(L, -1);
		lua_setfield(L, -3, "community");
		lua_setfield(L, -2, "security");
	}
	if (n->type == SN_PDU_TRAP_V1) {
		char ip[16];

		lsn_push_oid(L, &n->pdu->enterprise);
		lua_setfield(L, -2, "enterprise");
		snprintf(ip, sizeof(ip), "%u.%u.%u.%u", n->pdu->agent_addr[0],
		    n->pdu->agent_addr[1], n->pdu->agent_addr[2],
		    n->pdu->agent_addr[3]);
		lua_pushstring(L, ip);
		lua_setfield(L, -2, "agent_addr");
		lua_pushinteger(L, n->pdu->generic_trap);
		lua_setfield(L, -2, "generic_trap");
		lua_pushinteger(L, n->pdu->specific_trap);
		lua_setfield(L, -2, "specific_trap");
	}
	lua_pushinteger(L, (lua_Integer)n->uptime);
	lua_setfield(L, -2, "uptime");
	if (n->trap_oid.len > 0) {
		lsn_push_oid(L, &n->trap_oid);
		lua_setfield(L, -2, "trap_oid");
		lsn_push_name(L, &n->trap_oid);
		lua_setfield(L, -2, "trap_name");
	}
	lua_createtable(L, (int)n->vbl->len, 0);
	for (i = 0; i < n->vbl->len; i++) {
		lsn_push_varbind(L, &n->vbl->vb[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "varbinds");
}

/* On the helper thread, protected: 1 notification, 2 listener. */
static int
call_handler(lua_State *L)
{
	const struct sn_notification *n = lua_touserdata(L, 1);

	if (lua_getiuservalue(L, 2, 1) != LUA_TFUNCTION)
		return 0;
	push_notification(L, n);
	lua_call(L, 1, 0);
	return 0;
}

static void
on_notification(struct sn_listener *l, const struct sn_notification *n,
    void *ud)
{
	struct llistener *ll = ud;
	lua_State *H = ll->st->H;

	(void)l;
	if (ll->st->closing || ll->ref == LUA_NOREF || H == NULL)
		return;
	lua_pushcfunction(H, call_handler);
	lua_pushlightuserdata(H, (void *)(uintptr_t)n);
	lua_rawgeti(H, LUA_REGISTRYINDEX, ll->ref);
	if (lua_pcall(H, 2, 0, 0) != LUA_OK) {
		/* an error of the handler: to io.stderr, as a task's */
		lua_pushcfunction(H, lsn_stderr_write);
		lua_pushfstring(H, "snmp: on_notification failed: %s\n",
		    lua_tostring(H, -2));
		if (lua_pcall(H, 1, 0, 0) != LUA_OK)
			lua_pop(H, 1);
	}
	lua_settop(H, 0);
}

static int
listener_close(lua_State *L)
{
	struct llistener *ll = luaL_checkudata(L, 1, LSN_MT_LISTENER);

	sn_listener_close(ll->l);
	ll->l = NULL;
	if (ll->ref != LUA_NOREF)
		luaL_unref(L, LUA_REGISTRYINDEX, ll->ref);
	ll->ref = LUA_NOREF;
	return 0;
}

static struct llistener *
check_listener(lua_State *L)
{
	struct llistener *ll = luaL_checkudata(L, 1, LSN_MT_LISTENER);

	luaL_argcheck(L, ll->l != NULL, 1, "listener is closed");
	return ll;
}

static int
listener_stats(lua_State *L)
{
	struct llistener *ll = check_listener(L);
	struct sn_listener_stats s;

	sn_listener_stats(ll->l, &s);
	lua_createtable(L, 0, 18);
#define F(name) (lua_pushinteger(L, (lua_Integer)s.name), \
	lua_setfield(L, -2, #name))
	F(packets);
	F(accepted);
	F(traps_v1);
	F(traps_v2);
	F(informs);
	F(responses);
	F(reports);
	F(parse_errs);
	F(bad_versions);
	F(bad_community);
	F(bad_pdu_type);
	F(unknown_users);
	F(unknown_engine_ids);
	F(unsupported_sec_levels);
	F(wrong_digests);
	F(decryption_errors);
	F(not_in_time_windows);
	F(send_errors);
#undef F
	return 1;
}

static int
listener_addresses(lua_State *L)
{
	struct llistener *ll = check_listener(L);
	const char *a;
	size_t i;

	lua_newtable(L);
	for (i = 0; (a = sn_listener_address(ll->l, i)) != NULL; i++) {
		lua_pushstring(L, a);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

static int
listener_tostring(lua_State *L)
{
	struct llistener *ll = luaL_checkudata(L, 1, LSN_MT_LISTENER);
	const char *a = ll->l != NULL ? sn_listener_address(ll->l, 0) : NULL;

	lua_pushfstring(L, "snmp.listener (%s)", ll->l == NULL ? "closed" :
	    a != NULL ? a : "no address");
	return 1;
}

/* An engine ID in hex ("0x" optional): 5..32 octets (RFC 3411 §5). */
static size_t
check_engine_id(lua_State *L, int idx, int arg, uint8_t *out)
{
	size_t n = 0;

	if (sn_engine_id_parse(luaL_checkstring(L, idx), out, &n) < 0)
		luaL_argerror(L, arg, "engine_id: 5 to 32 octets in hex");
	return n;
}

/* Field k of table 1: a string or a list of strings, each to fn. */
static int
each_string(lua_State *L, const char *k, int (*fn)(lua_State *, void *,
    const char *, struct sn_error *), void *ud, struct sn_error *err)
{
	lua_Integer i, n;
	int rc = 0;

	switch (lua_getfield(L, 1, k)) {
	case LUA_TNIL:
		break;
	case LUA_TSTRING:
		rc = fn(L, ud, lua_tostring(L, -1), err);
		break;
	case LUA_TTABLE:
		n = (lua_Integer)lua_rawlen(L, -1);
		for (i = 1; i <= n && rc == 0; i++) {
			if (lua_rawgeti(L, -1, i) != LUA_TSTRING)
				luaL_argerror(L, 1, lua_pushfstring(L,
				    "'%s' must be a string or a list of "
				    "strings", k));
			rc = fn(L, ud, lua_tostring(L, -1), err);
			lua_pop(L, 1);
		}
		break;
	default:
		luaL_argerror(L, 1, lua_pushfstring(L, "'%s' must be a string "
		    "or a list of strings", k));
	}
	lua_pop(L, 1);
	return rc;
}

static int
add_community(lua_State *L, void *ud, const char *s, struct sn_error *err)
{
	(void)err;
	if (sn_listener_add_community(ud, s) != 0)
		luaL_argerror(L, 1, "community: too long");
	return 0;
}

static int
add_agent(lua_State *L, void *ud, const char *s, struct sn_error *err)
{
	(void)L;
	return sn_listener_listen(ud, s, err);
}

static const char *
opt_string(lua_State *L, int t, const char *k)
{
	const char *s = NULL;

	if (lua_getfield(L, t, k) != LUA_TNIL) {
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_argerror(L, 1, lua_pushfstring(L, "field '%s' "
			    "must be a string", k));
		s = lua_tostring(L, -1);
	}
	lua_pop(L, 1);	/* the string stays referenced by the table */
	return s;
}

static void
add_users(lua_State *L, struct sn_listener *l)
{
	struct sn_notify_user u;
	struct sn_error err;
	lua_Integer i, n;
	int t;

	if (lua_getfield(L, 1, "users") == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	luaL_argcheck(L, lua_istable(L, -1), 1, "'users' must be a list");
	n = (lua_Integer)lua_rawlen(L, -1);
	for (i = 1; i <= n; i++) {
		lua_rawgeti(L, -1, i);
		t = lua_gettop(L);
		luaL_argcheck(L, lua_istable(L, t), 1,
		    "each user is a table {user=, auth=, auth_pass=, ...}");
		memset(&u, 0, sizeof(u));
		u.name = opt_string(L, t, "user");
		u.auth_proto = opt_string(L, t, "auth");
		u.auth_pass = opt_string(L, t, "auth_pass");
		u.priv_proto = opt_string(L, t, "priv");
		u.priv_pass = opt_string(L, t, "priv_pass");
		if (u.auth_proto == NULL && u.auth_pass != NULL)
			u.auth_proto = "MD5";
		if (u.priv_proto == NULL && u.priv_pass != NULL)
			u.priv_proto = "DES";
		sn_error_clear(&err);
		if (sn_listener_add_user(l, &u, &err) != 0)
			luaL_argerror(L, 1, lua_pushfstring(L, "users[%I]: %s",
			    i, err.msg));
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

static int
l_listen(lua_State *L)
{
	struct lsn_state *st = lsn_state(L);
	struct llistener *ll;
	struct sn_error err;
	uint8_t id[32];
	size_t n;
	int rc;

	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	lua_getfield(L, 1, "on_notification");
	luaL_argcheck(L, lua_isnil(L, -1) || lua_isfunction(L, -1), 1,
	    "'on_notification' must be a function");
	ll = lua_newuserdatauv(L, sizeof(*ll), 1);	/* at 3 */
	memset(ll, 0, sizeof(*ll));
	ll->st = st;
	ll->ref = LUA_NOREF;
	luaL_setmetatable(L, LSN_MT_LISTENER);
	lua_pushvalue(L, 2);
	lua_setiuservalue(L, 3, 1);
	sn_error_clear(&err);
	if (sn_listener_new(st->loop, on_notification, ll, &ll->l, &err) != 0)
		return luaL_error(L, "snmp.listen: %s", err.msg);
	if (lua_getfield(L, 1, "engine_id") != LUA_TNIL) {
		n = check_engine_id(L, -1, 1, id);
		if (sn_listener_set_engine_id(ll->l, id, n, 1, &err) != 0)
			luaL_argerror(L, 1, err.msg);
	}
	lua_pop(L, 1);
	each_string(L, "community", add_community, ll->l, &err);
	add_users(L, ll->l);
	if (lua_getfield(L, 1, "agent") == LUA_TNIL)
		rc = sn_listener_listen(ll->l, "udp:0.0.0.0:162", &err);
	else
		rc = each_string(L, "agent", add_agent, ll->l, &err);
	lua_pop(L, 1);
	if (rc != 0) {
		sn_listener_close(ll->l);
		ll->l = NULL;
		return lsn_fail(L, err.msg[0] != '\0' ? err.msg :
		    sn_strerror(rc), lsn_code(rc));
	}
	/* open listeners live until closed, referenced or not */
	lua_pushvalue(L, 3);
	ll->ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return 1;
}

/* ---- sending ---- */

/* An inform in flight, a userdata on the waiting thread's stack. */
struct linform {
	struct lsn_wait w;
	struct lsn_state *st;
	struct sn_session *tmp;		/* opened for this call only */
	struct sn_request *r;
	int status;
	int32_t errstat;
	struct sn_pdu pdu;		/* freed by __gc if a check raises */
};

static void
on_inform(struct sn_request *req, int status, const struct sn_pdu *resp,
    void *ud)
{
	struct linform *q = ud;

	(void)req;
	q->r = NULL;
	q->status = status;
	if (status == 0)
		q->errstat = resp->error_status;
	lsn_wait_done(q->st, &q->w);
}

static int
inform_gc(lua_State *L)
{
	struct linform *q = luaL_checkudata(L, 1, LSN_MT_INFORM);

	if (q->r != NULL)
		sn_request_cancel(q->r);
	q->r = NULL;
	if (q->tmp != NULL)
		sn_session_close(q->tmp);
	q->tmp = NULL;
	sn_pdu_clear(&q->pdu);
	return 0;
}

static int
inform_k(lua_State *L, int status, lua_KContext ctx)
{
	struct linform *q = lua_touserdata(L, (int)ctx);

	(void)status;
	if (q->tmp != NULL)
		sn_session_close(q->tmp);
	q->tmp = NULL;
	if (q->status != 0)
		return lsn_fail(L, sn_session_strerror(q->status),
		    lsn_code(q->status));
	if (q->errstat != 0)
		return lsn_fail(L, sn_errstat_string(q->errstat),
		    sn_errstat_name(q->errstat));
	lua_pushboolean(L, 1);
	return 1;
}

static enum sn_version
field_version(lua_State *L)
{
	const char *v;

	if (lua_getfield(L, 1, "version") == LUA_TNIL) {
		lua_pop(L, 1);
		return SN_V2C;
	}
	v = lua_tostring(L, -1);
	lua_pop(L, 1);
	if (v != NULL && strcmp(v, "1") == 0)
		return SN_V1;
	if (v != NULL && (strcmp(v, "2c") == 0 || strcmp(v, "2") == 0))
		return SN_V2C;
	if (v != NULL && strcmp(v, "3") == 0)
		return SN_V3;
	luaL_argerror(L, 1, "version: \"1\", \"2c\" or \"3\"");
	return SN_V2C;
}

/* A session from the fields of table 1 (agent, version...). */
static struct sn_session *
temp_session(lua_State *L, struct lsn_state *st, struct sn_error *err)
{
	struct sn_session_opts o;
	struct sn_session *s = NULL;
	const char *agent = opt_string(L, 1, "agent");
	lua_Number t;

	luaL_argcheck(L, agent != NULL, 1, "'session' or 'agent' is needed");
	sn_session_opts_init(&o);
	o.version = field_version(L);
	if ((o.community = opt_string(L, 1, "community")) == NULL)
		o.community = "public";
	o.user = opt_string(L, 1, "user");
	o.sec_level = opt_string(L, 1, "level");
	o.auth_proto = opt_string(L, 1, "auth");
	o.auth_pass = opt_string(L, 1, "auth_pass");
	o.priv_proto = opt_string(L, 1, "priv");
	o.priv_pass = opt_string(L, 1, "priv_pass");
	o.sec_engine_id = opt_string(L, 1, "engine_id");
	if (o.sec_level == NULL)
		o.sec_level = o.priv_pass != NULL ? "authPriv" :
		    o.auth_pass != NULL ? "authNoPriv" : "noAuthNoPriv";
	if (lua_getfield(L, 1, "timeout") != LUA_TNIL) {
		t = luaL_checknumber(L, -1);
		luaL_argcheck(L, t > 0 && t <= 3600, 1, "timeout: seconds");
		o.timeout_ms = (unsigned)(t * 1000);
	}
	lua_pop(L, 1);
	if (lua_getfield(L, 1, "retries") != LUA_TNIL)
		o.retries = (int)luaL_checkinteger(L, -1);
	lua_pop(L, 1);
	if (sn_session_open(st->loop, agent, &o, &s, err) != 0)
		return NULL;
	return s;
}

/* The PDU from table 1: uptime, trap_oid or the v1 fields, varbinds. */
static void
build_pdu(lua_State *L, struct sn_pdu *p, enum sn_pdu_type type, bool v1)
{
	struct sn_oid oid;
	struct sn_value v;
	uint32_t up = sn_notify_uptime();
	lua_Integer i, n;
	unsigned b[4];
	const char *s;
	char c;

	if (lua_getfield(L, 1, "uptime") != LUA_TNIL)
		up = (uint32_t)luaL_checkinteger(L, -1);
	lua_pop(L, 1);
	if (v1) {
		p->type = SN_PDU_TRAP_V1;
		p->time_stamp = up;
		lua_getfield(L, 1, "enterprise");
		lsn_check_oid(L, -1, 1, &p->enterprise);
		lua_pop(L, 1);
		p->agent_addr[0] = 127;
		p->agent_addr[3] = 1;
		if ((s = opt_string(L, 1, "agent_addr")) != NULL) {
			if (sscanf(s, "%u.%u.%u.%u%c", &b[0], &b[1], &b[2],
			    &b[3], &c) != 4 || b[0] > 255 || b[1] > 255 ||
			    b[2] > 255 || b[3] > 255)
				luaL_argerror(L, 1, "agent_addr: a.b.c.d");
			for (i = 0; i < 4; i++)
				p->agent_addr[i] = (uint8_t)b[i];
		}
		lua_getfield(L, 1, "generic");
		p->generic_trap = (int32_t)luaL_optinteger(L, -1, 6);
		lua_getfield(L, 1, "specific");
		p->specific_trap = (int32_t)luaL_optinteger(L, -1, 0);
		lua_pop(L, 2);
		luaL_argcheck(L, p->generic_trap >= 0 && p->generic_trap <= 6,
		    1, "generic: 0..6");
	} else {
		lua_getfield(L, 1, "trap_oid");
		luaL_argcheck(L, !lua_isnil(L, -1), 1, "'trap_oid' is needed");
		lsn_check_oid(L, -1, 1, &oid);
		lua_pop(L, 1);
		if (sn_notify_pdu_init(p, type, up, &oid) != 0)
			luaL_error(L, "out of memory");
	}
	if (lua_getfield(L, 1, "varbinds") != LUA_TNIL) {
		luaL_argcheck(L, lua_istable(L, -1), 1,
		    "varbinds: a list of {oid, value}");
		n = (lua_Integer)lua_rawlen(L, -1);
		for (i = 1; i <= n; i++) {
			lua_rawgeti(L, -1, i);
			luaL_argcheck(L, lua_istable(L, -1), 1,
			    "varbinds: a list of {oid, value}");
			lua_rawgeti(L, -1, 1);
			lsn_check_oid(L, -1, 1, &oid);
			lua_rawgeti(L, -2, 2);
			lsn_check_value(L, -1, 1, &p->vbl, &v);
			if (sn_vbl_add(&p->vbl, &oid, &v) != 0)
				luaL_error(L, "too many varbinds");
			lua_pop(L, 3);
		}
	}
	lua_pop(L, 1);
}

/*
 * The local engine of SNMPv3 traps (a session's engine_id= overrides
 * it): this host and user's generated ID with its last octet flipped, so
 * that it is not the shell's (whose boots the shell keeps in its data
 * folder, which Lua does not read); boots 1 and the monotonic clock as
 * snmpEngineTime, never behind a receiver's notion while the host runs
 * (RFC 3414 §2.2.1).
 */
static void
local_engine(struct lsn_state *st, struct sn_notify_engine *e,
    uint8_t *id)
{
	struct sn_agent *a;

	memset(e, 0, sizeof(*e));
	if (sn_agent_new(NULL, &a, NULL) != 0)
		return;
	e->engine_id_len = sn_agent_engine_id(a, id, 32);
	sn_agent_free(a);
	if (e->engine_id_len < 5 || e->engine_id_len > 32) {
		e->engine_id_len = 0;
		return;
	}
	id[e->engine_id_len - 1] ^= 0xff;
	e->engine_id = id;
	e->boots = 1;
	e->time = (uint32_t)(sn_loop_now(st->loop) / 1000);
}

static int
notify(lua_State *L, bool inform)
{
	struct lsn_state *st = lsn_state(L);
	struct sn_session *s, *tmp = NULL;
	struct sn_notify_engine eng;
	struct sn_error err;
	struct linform *q;
	uint8_t id[32];
	int rc;

	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	sn_error_clear(&err);
	if (lua_getfield(L, 1, "session") != LUA_TNIL) {
		s = lsn_session_check(L, -1);
	} else if ((s = tmp = temp_session(L, st, &err)) == NULL) {
		return lsn_fail(L, err.msg, lsn_code(SN_EINVAL));
	}
	lua_pop(L, 1);
	/* the PDU and a temporary session live in q: a check that raises
	 * leaves them to __gc */
	q = lua_newuserdatauv(L, sizeof(*q), 0);	/* at 2 */
	memset(q, 0, sizeof(*q));
	q->st = st;
	q->tmp = tmp;
	sn_pdu_init(&q->pdu, inform ? SN_PDU_INFORM : SN_PDU_TRAP);
	luaL_setmetatable(L, LSN_MT_INFORM);
	if (inform && sn_session_version(s) == SN_V1)
		return luaL_argerror(L, 1, "an inform needs version 2c or 3");
	build_pdu(L, &q->pdu, inform ? SN_PDU_INFORM : SN_PDU_TRAP,
	    sn_session_version(s) == SN_V1);
	if (!inform) {
		local_engine(st, &eng, id);
		rc = sn_notify_trap(s, &q->pdu, &eng, &err);
		sn_pdu_clear(&q->pdu);
		if (q->tmp != NULL)
			sn_session_close(q->tmp);
		q->tmp = NULL;
		if (rc != 0)
			return lsn_fail(L, err.msg[0] != '\0' ? err.msg :
			    sn_strerror(rc), lsn_code(rc));
		lua_pushboolean(L, 1);
		return 1;
	}
	rc = sn_notify_inform(s, &q->pdu, on_inform, q, &q->r, &err);
	sn_pdu_clear(&q->pdu);
	if (rc != 0) {
		q->r = NULL;
		return lsn_fail(L, err.msg[0] != '\0' ? err.msg :
		    sn_strerror(rc), lsn_code(rc));
	}
	if (q->w.done)
		q->r = NULL;
	return lsn_await(L, &q->w, 2, inform_k);
}

static int
l_trap(lua_State *L)
{
	return notify(L, false);
}

static int
l_inform(lua_State *L)
{
	return notify(L, true);
}

static const luaL_Reg listen_fns[] = {
	{ "listen", l_listen },
	{ "trap", l_trap },
	{ "inform", l_inform },
	{ NULL, NULL }
};

static const luaL_Reg listener_methods[] = {
	{ "close", listener_close },
	{ "stats", listener_stats },
	{ "addresses", listener_addresses },
	{ NULL, NULL }
};

void
lsn_listen_open(lua_State *L)
{
	luaL_setfuncs(L, listen_fns, 0);
	lsn_class(L, LSN_MT_LISTENER, listener_methods, listener_close,
	    listener_close, listener_tostring);
	lsn_class(L, LSN_MT_INFORM, NULL, inform_gc, NULL, NULL);
}

/* ---- handlers the shell's listener calls (lsnmp.h) ---- */

static int
load_handler(lua_State *L)
{
	const char *path = lua_touserdata(L, 1);

	if (luaL_loadfile(L, path) != LUA_OK)
		return lua_error(L);
	lua_call(L, 0, 1);
	if (!lua_isfunction(L, -1))
		return luaL_error(L, "%s: the file must return a function "
		    "(called with each notification)", path);
	return 1;
}

static char *
dup_error(lua_State *L)
{
	const char *m = lua_tostring(L, -1);
	char *s = strdup(m != NULL ? m : "error object is not a string");

	lua_pop(L, 1);
	return s;
}

int
lsn_handler_load(lua_State *L, const char *path, int *ref, char **errmsg)
{
	*errmsg = NULL;
	lua_pushcfunction(L, load_handler);
	lua_pushlightuserdata(L, (void *)(uintptr_t)path);
	if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
		*errmsg = dup_error(L);
		return -1;
	}
	*ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return 0;
}

static int
call_handler_ref(lua_State *L)
{
	const struct sn_notification *n = lua_touserdata(L, 1);

	lua_rawgeti(L, LUA_REGISTRYINDEX, (lua_Integer)lua_tointeger(L, 2));
	push_notification(L, n);
	lua_call(L, 1, 1);
	return 1;
}

int
lsn_handler_call(lua_State *L, int ref, const struct sn_notification *n,
    bool *keep, char **errmsg)
{
	*errmsg = NULL;
	*keep = true;
	lua_pushcfunction(L, call_handler_ref);
	lua_pushlightuserdata(L, (void *)(uintptr_t)n);
	lua_pushinteger(L, ref);
	if (lua_pcall(L, 2, 1, 0) != LUA_OK) {
		*errmsg = dup_error(L);
		return -1;
	}
	/* false (not nil) drops the notification */
	*keep = !(lua_isboolean(L, -1) && !lua_toboolean(L, -1));
	lua_pop(L, 1);
	return 0;
}

void
lsn_handler_unref(lua_State *L, int ref)
{
	luaL_unref(L, LUA_REGISTRYINDEX, ref);
}
