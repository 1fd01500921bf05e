/*
 * MIB names in Lua through the MIB layer (src/mib/mib.h): the service the
 * module uses (the embedding shell's, or its own opened on first need),
 * OID arguments given as names ("sysDescr.0", "IF-MIB::ifDescr.3",
 * "ifTable"; RFC 2578 §3.5 descriptors, instances by the INDEX clause of
 * §7.7), varbind names and Net-SNMP's lines with names, values to set
 * typed by the object's SYNTAX (RFC 2578 §7.1, RFC 2579 DISPLAY-HINT),
 * and the snmp.mib table: oid, name, describe, children, info, load.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua/lsnmp_int.h"

struct mib *
lsn_mib(lua_State *L)
{
	struct lsn_state *st = lsn_state(L);
	struct mib_opts o;
	struct sn_error err;

	if (st->mib != NULL || st->mib_tried)
		return st->mib;
	st->mib_tried = true;
	if (st->hooks.mib != NULL) {
		st->mib = st->hooks.mib(st->hooks.ud);
		return st->mib;
	}
	/* a stock interpreter: the module is the application here */
	memset(&o, 0, sizeof(o));
	o.env_mibdirs = getenv("MIBDIRS");
	o.env_mibs = getenv("MIBS");
	o.smipath = getenv("SMIPATH");
	o.home = getenv("HOME");
	sn_error_clear(&err);
	if (mib_open(&o, &st->mib, &err) == 0)
		st->own_mib = true;
	else
		st->mib = NULL;
	return st->mib;
}

void
lsn_mib_close(struct lsn_state *st)
{
	if (st->own_mib)
		mib_close(st->mib);
	st->mib = NULL;
	st->own_mib = false;
	mib_buf_free(&st->mb);
}

/* Whether text is a numeric OID (no MIB needed). */
static bool
numeric(const char *s)
{
	if (*s == '.')
		s++;
	for (; *s != '\0'; s++)
		if ((*s < '0' || *s > '9') && *s != '.')
			return false;
	return true;
}

/*
 * Resolve a name or numeric OID; 0, or an SN_E* code with err set
 * (Net-SNMP's "Unknown Object Identifier" wording for names).
 */
static int
parse_name(lua_State *L, const char *text, struct sn_oid *oid,
    struct sn_error *err)
{
	struct mib *mib;
	int rc;

	if (numeric(text) || (mib = lsn_mib(L)) == NULL) {
		if ((rc = sn_oid_parse(oid, text, err)) != 0 &&
		    err->msg[0] == '\0')
			sn_error_set(err, rc, "%s: Unknown Object Identifier",
			    text);
		return rc;
	}
	if ((rc = mib_parse_oid(mib, text, oid, err)) != 0 &&
	    err->msg[0] == '\0')
		sn_error_set(err, rc, "%s: Unknown Object Identifier", text);
	return rc;
}

/* Raise about argument arg (0: a message naming no argument). */
static void
oid_error(lua_State *L, int arg, const char *what)
{
	if (arg > 0)
		luaL_argerror(L, arg, what);
	luaL_error(L, "%s", what);
}

void
lsn_check_oid(lua_State *L, int idx, int arg, struct sn_oid *oid)
{
	struct sn_error err;
	lua_Integer n;
	size_t i, len;
	int isnum;

	idx = lua_absindex(L, idx);
	oid->len = 0;
	switch (lua_type(L, idx)) {
	case LUA_TSTRING:
		sn_error_clear(&err);
		if (parse_name(L, lua_tostring(L, idx), oid, &err) != 0)
			oid_error(L, arg, lua_pushstring(L, err.msg));
		return;
	case LUA_TTABLE:
		if (lua_getfield(L, idx, "oid") == LUA_TSTRING) {
			lsn_check_oid(L, lua_gettop(L), arg, oid);
			lua_pop(L, 1);
			return;
		}
		lua_pop(L, 1);
		len = lua_rawlen(L, idx);
		if (len > SN_OID_MAX_LEN)
			oid_error(L, arg,
			    "OID longer than 128 sub-identifiers");
		for (i = 1; i <= len; i++) {
			lua_geti(L, idx, (lua_Integer)i);
			n = lua_tointegerx(L, -1, &isnum);
			lua_pop(L, 1);
			if (!isnum || n < 0 || n > 0xffffffffLL)
				oid_error(L, arg, "OID table holds a "
				    "sub-identifier that is not 0..4294967295");
			oid->sub[oid->len++] = (uint32_t)n;
		}
		if (len == 0)
			oid_error(L, arg, "empty OID");
		return;
	default:
		oid_error(L, arg, lua_pushfstring(L, "OID expected, got %s",
		    luaL_typename(L, idx)));
	}
}

void
lsn_push_name(lua_State *L, const struct sn_oid *oid)
{
	struct lsn_state *st = lsn_state(L);
	struct mib *mib = lsn_mib(L);
	struct mib_outopts o;

	if (mib == NULL) {
		lsn_push_oid(L, oid);
		return;
	}
	mib_outopts_init(&o);
	mib_buf_reset(&st->mb);
	if (mib_format_oid(mib, oid, &o, &st->mb) < 0) {
		lsn_push_oid(L, oid);
		return;
	}
	lua_pushlstring(L, mib_buf_str(&st->mb), st->mb.len);
}

/* Net-SNMP's line of a varbind with names, or 0 without a MIB. */
int
lsn_push_mibline(lua_State *L, const struct sn_varbind *vb)
{
	struct lsn_state *st = lsn_state(L);
	struct mib *mib = lsn_mib(L);
	struct mib_outopts o;

	if (mib == NULL)
		return 0;
	mib_outopts_init(&o);
	mib_buf_reset(&st->mb);
	if (mib_format_varbind(mib, vb, &o, &st->mb) < 0)
		return 0;
	lua_pushlstring(L, mib_buf_str(&st->mb), st->mb.len);
	return 1;
}

void
lsn_check_value_for(lua_State *L, int idx, int arg, const struct sn_oid *oid,
    struct sn_vbl *vbl, struct sn_value *out)
{
	struct mib_node_info info;
	struct sn_error err;
	struct mib *mib;
	const char *text;
	size_t len;
	int rc, t = lua_type(L, idx);

	idx = lua_absindex(L, idx);
	if ((t != LUA_TNUMBER && t != LUA_TSTRING) ||
	    (mib = lsn_mib(L)) == NULL ||
	    mib_node_info(mib, oid, &info) != 0 || info.type == 0 ||
	    !info.writable || (info.kind != MIB_K_SCALAR &&
	    info.kind != MIB_K_COLUMN)) {
		lsn_check_value(L, idx, arg, vbl, out);
		return;
	}
	if (t == LUA_TNUMBER && !lua_isinteger(L, idx))
		luaL_argerror(L, arg, "integer expected, got a float");
	lua_pushvalue(L, idx);
	text = lua_tolstring(L, -1, &len);
	if (strlen(text) != len) {
		/* bytes with NUL: an OCTET STRING as given */
		lua_pop(L, 1);
		lsn_check_value(L, idx, arg, vbl, out);
		return;
	}
	sn_error_clear(&err);
	rc = mib_parse_value(mib, oid, text, vbl, out, &err);
	lua_pop(L, 1);
	if (rc == 0)
		return;
	if (rc == SN_ENOTFOUND) {
		lsn_check_value(L, idx, arg, vbl, out);
		return;
	}
	luaL_argerror(L, arg, lua_pushstring(L, err.msg[0] ? err.msg :
	    sn_strerror(rc)));
}

/* --- snmp.mib ------------------------------------------------------------ */

/* The OID of argument 1 as a value, or nil, message pushed (returns 2). */
static int
arg_oid(lua_State *L, struct sn_oid *oid)
{
	struct sn_error err;

	if (lua_type(L, 1) != LUA_TSTRING) {
		lsn_check_oid(L, 1, 1, oid);
		return 0;
	}
	sn_error_clear(&err);
	if (parse_name(L, lua_tostring(L, 1), oid, &err) != 0) {
		lua_pushnil(L);
		lua_pushstring(L, err.msg);
		return 2;
	}
	return 0;
}

/* snmp.mib.oid(name) -> "1.3.6..." | nil, message */
static int
l_oid(lua_State *L)
{
	struct sn_oid oid;

	luaL_checkany(L, 1);
	if (arg_oid(L, &oid) != 0)
		return 2;
	lsn_push_oid(L, &oid);
	return 1;
}

static const char *const fmt_names[] = {
	"module", "suffix", "full", "numeric", "ucd", NULL
};

/* snmp.mib.name(oid [, "module"|"suffix"|"full"|"numeric"|"ucd"]) */
static int
l_name(lua_State *L)
{
	struct lsn_state *st = lsn_state(L);
	struct mib_outopts o;
	struct sn_oid oid;
	struct mib *mib;

	luaL_checkany(L, 1);
	mib_outopts_init(&o);
	o.oidfmt = (enum mib_oidfmt)luaL_checkoption(L, 2, "module",
	    fmt_names);
	if (arg_oid(L, &oid) != 0)
		return 2;
	if ((mib = lsn_mib(L)) == NULL) {
		lsn_push_oid(L, &oid);
		return 1;
	}
	mib_buf_reset(&st->mb);
	if (mib_format_oid(mib, &oid, &o, &st->mb) < 0)
		return luaL_error(L, "out of memory");
	lua_pushlstring(L, mib_buf_str(&st->mb), st->mb.len);
	return 1;
}

static struct mib *
need_mib(lua_State *L)
{
	struct mib *mib = lsn_mib(L);

	if (mib == NULL)
		luaL_error(L, "no MIB modules loaded");
	return mib;
}

/* snmp.mib.describe(name) -> text | nil, message */
static int
l_describe(lua_State *L)
{
	struct lsn_state *st = lsn_state(L);
	struct mib *mib = need_mib(L);
	struct sn_oid oid;

	luaL_checkany(L, 1);
	if (arg_oid(L, &oid) != 0)
		return 2;
	mib_buf_reset(&st->mb);
	if (mib_describe(mib, &oid, &st->mb) != 0) {
		lua_pushnil(L);
		lua_pushfstring(L, "%s: no MIB definition", luaL_tolstring(L,
		    1, NULL));
		return 2;
	}
	lua_pushlstring(L, mib_buf_str(&st->mb), st->mb.len);
	return 1;
}

static const char *const kind_names[] = {
	"other", "scalar", "table", "row", "column", "notification"
};

/* snmp.mib.info(name) -> {module=, name=, oid=, kind=, ...} | nil, msg */
static int
l_info(lua_State *L)
{
	struct mib *mib = need_mib(L);
	struct mib_node_info info;
	struct sn_oid oid;

	luaL_checkany(L, 1);
	if (arg_oid(L, &oid) != 0)
		return 2;
	if (mib_node_info(mib, &oid, &info) != 0) {
		lua_pushnil(L);
		lua_pushfstring(L, "%s: no MIB definition", luaL_tolstring(L,
		    1, NULL));
		return 2;
	}
	lua_createtable(L, 0, 10);
	lua_pushstring(L, info.module);
	lua_setfield(L, -2, "module");
	lua_pushstring(L, info.name);
	lua_setfield(L, -2, "name");
	lsn_push_oid(L, &info.oid);
	lua_setfield(L, -2, "oid");
	lua_pushinteger(L, (lua_Integer)info.inst_len);
	lua_setfield(L, -2, "instance_length");
	lua_pushstring(L, kind_names[info.kind]);
	lua_setfield(L, -2, "kind");
	if (info.type != 0) {
		lua_pushstring(L, sn_type_name(info.type));
		lua_setfield(L, -2, "type");
	}
	lua_pushstring(L, info.syntax);
	lua_setfield(L, -2, "syntax");
	lua_pushstring(L, info.hint);
	lua_setfield(L, -2, "hint");
	lua_pushstring(L, info.units);
	lua_setfield(L, -2, "units");
	lua_pushboolean(L, info.writable);
	lua_setfield(L, -2, "writable");
	return 1;
}

struct collect {
	lua_State *L;
	size_t skip;		/* characters of the prefix to drop */
	lua_Integer n;
};

static void
collect(void *ud, const char *cand)
{
	struct collect *c = ud;

	if (strlen(cand) <= c->skip)
		return;
	lua_pushstring(c->L, cand + c->skip);
	lua_rawseti(c->L, -2, ++c->n);
}

struct child {
	char *name;
	uint32_t sub;
};

struct children {
	struct mib *mib;
	size_t skip;
	struct child *v;
	size_t n, cap;
};

static void
add_child(void *ud, const char *cand)
{
	struct children *c = ud;
	struct sn_oid oid;
	struct child *v;

	if (strlen(cand) <= c->skip || mib_parse_oid(c->mib, cand, &oid,
	    NULL) != 0 || oid.len == 0)
		return;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 32;

		if ((v = realloc(c->v, cap * sizeof(*v))) == NULL)
			return;
		c->v = v;
		c->cap = cap;
	}
	if ((c->v[c->n].name = strdup(cand + c->skip)) == NULL)
		return;
	c->v[c->n++].sub = oid.sub[oid.len - 1];
}

static int
child_cmp(const void *a, const void *b)
{
	const struct child *x = a, *y = b;

	return x->sub < y->sub ? -1 : x->sub > y->sub;
}

/* snmp.mib.children(name) -> {"ifIndex", "ifDescr", ...} (OID order) */
static int
l_children(lua_State *L)
{
	struct mib *mib = need_mib(L);
	struct mib_node_info info;
	struct children c;
	struct sn_oid oid;
	size_t i;

	luaL_checkany(L, 1);
	if (arg_oid(L, &oid) != 0)
		return 2;
	if (mib_node_info(mib, &oid, &info) != 0 || info.inst_len != 0) {
		lua_pushnil(L);
		lua_pushfstring(L, "%s: not a MIB node", luaL_tolstring(L, 1,
		    NULL));
		return 2;
	}
	memset(&c, 0, sizeof(c));
	c.mib = mib;
	/* "node." lists the children of node (mib_complete) */
	lua_pushfstring(L, "%s.", info.name);
	c.skip = lua_rawlen(L, -1);
	(void)mib_complete(mib, lua_tostring(L, -1), 0, add_child, &c);
	qsort(c.v, c.n, sizeof(*c.v), child_cmp);
	lua_createtable(L, (int)c.n, 0);
	for (i = 0; i < c.n; i++) {
		lua_pushstring(L, c.v[i].name);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
		free(c.v[i].name);
	}
	free(c.v);
	return 1;
}

/* snmp.mib.complete(prefix [, max]) -> list of names */
static int
l_complete(lua_State *L)
{
	struct mib *mib = need_mib(L);
	const char *prefix = luaL_checkstring(L, 1);
	lua_Integer max = luaL_optinteger(L, 2, 100);
	struct collect c;

	luaL_argcheck(L, max >= 0, 2, "must not be negative");
	c.L = L;
	c.skip = 0;
	c.n = 0;
	lua_newtable(L);
	(void)mib_complete(mib, prefix, (size_t)max, collect, &c);
	return 1;
}

/* snmp.mib.load(module or file) -> true | nil, message */
static int
l_load(lua_State *L)
{
	struct mib *mib = need_mib(L);
	const char *m = luaL_checkstring(L, 1);
	struct sn_error err;
	int rc;

	sn_error_clear(&err);
	if ((rc = mib_load_module(mib, m, &err)) != 0) {
		lua_pushnil(L);
		lua_pushstring(L, err.msg[0] ? err.msg : sn_strerror(rc));
		return 2;
	}
	lua_pushboolean(L, 1);
	return 1;
}

static const luaL_Reg mib_fns[] = {
	{ "oid", l_oid },
	{ "name", l_name },
	{ "describe", l_describe },
	{ "info", l_info },
	{ "children", l_children },
	{ "complete", l_complete },
	{ "load", l_load },
	{ NULL, NULL }
};

void
lsn_mib_open(lua_State *L)
{
	luaL_newlib(L, mib_fns);
	lua_setfield(L, -2, "mib");
}
