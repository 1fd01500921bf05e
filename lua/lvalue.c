/*
 * SNMP values in Lua: varbinds as tables {oid, name, type, value} whose
 * tostring() is Net-SNMP's -On line, the Lua form of each SMI type
 * (RFC 2578 §7.1; the exceptions of RFC 3416 §3), values to send read
 * from Lua (plain integers and strings, or {type=..., value=...} tables
 * as built by the typed constructors snmp.counter32(5)...), and a compact
 * Net-SNMP value renderer used until the MIB layer provides the real one.
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua/lsnmp_int.h"

/* The wire types with their SPEC §3 names, for name -> type. */
static const enum sn_type all_types[] = {
	SN_T_INTEGER, SN_T_OCTETS, SN_T_NULL, SN_T_OID, SN_T_IPADDR,
	SN_T_COUNTER32, SN_T_GAUGE32, SN_T_TIMETICKS, SN_T_OPAQUE, SN_T_NSAP,
	SN_T_COUNTER64, SN_T_UINTEGER32, SN_T_NOSUCHOBJECT,
	SN_T_NOSUCHINSTANCE, SN_T_ENDOFMIBVIEW
};

/* Net-SNMP's type letters and common spellings (snmpset, SMI). */
static const struct {
	const char *name;
	enum sn_type type;
} aliases[] = {
	{ "i", SN_T_INTEGER }, { "integer", SN_T_INTEGER },
	{ "u", SN_T_GAUGE32 }, { "unsigned32", SN_T_GAUGE32 },
	{ "c", SN_T_COUNTER32 }, { "C", SN_T_COUNTER64 },
	{ "t", SN_T_TIMETICKS }, { "timeticks", SN_T_TIMETICKS },
	{ "a", SN_T_IPADDR }, { "ipaddress", SN_T_IPADDR },
	{ "o", SN_T_OID }, { "oid", SN_T_OID },
	{ "objectidentifier", SN_T_OID },
	{ "s", SN_T_OCTETS }, { "string", SN_T_OCTETS },
	{ "octets", SN_T_OCTETS }, { "octetstring", SN_T_OCTETS },
	{ "n", SN_T_NULL }, { "null", SN_T_NULL },
	{ "counter32", SN_T_COUNTER32 }, { "gauge32", SN_T_GAUGE32 },
	{ "counter64", SN_T_COUNTER64 }, { "opaque", SN_T_OPAQUE },
	{ "integer32", SN_T_INTEGER }
};

static int
type_from_name(const char *name, enum sn_type *out)
{
	char low[32];
	size_t i;

	for (i = 0; i < sizeof(all_types) / sizeof(all_types[0]); i++) {
		if (strcmp(name, sn_type_name(all_types[i])) == 0) {
			*out = all_types[i];
			return 0;
		}
	}
	/* "C" and "c" differ; everything else is case-insensitive */
	for (i = 0; name[i] != '\0' && i + 1 < sizeof(low); i++)
		low[i] = (char)(name[i] == 'C' && name[1] == '\0' ? 'C' :
		    tolower((unsigned char)name[i]));
	low[i] = '\0';
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		if (strcmp(low, aliases[i].name) == 0) {
			*out = aliases[i].type;
			return 0;
		}
	}
	return -1;
}

void
lsn_push_value(lua_State *L, const struct sn_value *v)
{
	char buf[SN_OID_STR_MAX];
	const uint8_t *p;

	switch (v->type) {
	case SN_T_INTEGER:
		lua_pushinteger(L, v->v.i);
		break;
	case SN_T_COUNTER32:
	case SN_T_GAUGE32:
	case SN_T_TIMETICKS:
	case SN_T_UINTEGER32:
		lua_pushinteger(L, (lua_Integer)v->v.u);
		break;
	case SN_T_COUNTER64:
		/* Lua integers are signed 64-bit: values past 2^63-1 wrap
		 * to negative numbers (math.ult compares them unsigned). */
		lua_pushinteger(L, (lua_Integer)v->v.u64);
		break;
	case SN_T_IPADDR:
		p = v->v.str.ptr;
		if (v->v.str.len == 4) {
			lua_pushfstring(L, "%d.%d.%d.%d", p[0], p[1], p[2],
			    p[3]);
			break;
		}
		lua_pushlstring(L, (const char *)p, v->v.str.len);
		break;
	case SN_T_OCTETS:
	case SN_T_OPAQUE:
	case SN_T_NSAP:
		lua_pushlstring(L, (const char *)v->v.str.ptr, v->v.str.len);
		break;
	case SN_T_OID:
		sn_oid_format(&v->v.oid, false, buf, sizeof(buf));
		lua_pushstring(L, buf);
		break;
	default:
		lua_pushnil(L);
		break;
	}
}

void
lsn_push_varbind(lua_State *L, const struct sn_varbind *vb)
{
	lua_createtable(L, 0, 4);
	lsn_push_oid(L, &vb->name);
	lua_setfield(L, -2, "oid");
	lsn_push_name(L, &vb->name);
	lua_setfield(L, -2, "name");
	lua_pushstring(L, sn_type_name(vb->value.type));
	lua_setfield(L, -2, "type");
	lsn_push_value(L, &vb->value);
	lua_setfield(L, -2, "value");
	luaL_setmetatable(L, LSN_MT_VARBIND);
}

/* --- values to send ---------------------------------------------------- */

static lua_Integer
check_range(lua_State *L, int idx, int arg, lua_Integer lo, lua_Integer hi,
    const char *tname)
{
	lua_Integer n;
	int isnum;

	n = lua_tointegerx(L, idx, &isnum);
	if (!isnum) {
		/* a numeric string is fine too ("42") */
		luaL_argerror(L, arg, lua_pushfstring(L, "%s value expected "
		    "to be an integer, got %s", tname, luaL_typename(L, idx)));
	}
	if (n < lo || n > hi)
		luaL_argerror(L, arg, lua_pushfstring(L, "%s value %I out of "
		    "range (%I..%I)", tname, n, lo, hi));
	return n;
}

static int
parse_ipaddr(const char *s, uint8_t out[4])
{
	unsigned long part;
	char *end;
	int i;

	for (i = 0; i < 4; i++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		part = strtoul(s, &end, 10);
		if (part > 255 || end - s > 3)
			return -1;
		out[i] = (uint8_t)part;
		s = end;
		if (i < 3 && *s++ != '.')
			return -1;
	}
	return *s == '\0' ? 0 : -1;
}

/* The value at idx converted to type (raises on mismatch). */
static void
check_typed(lua_State *L, int idx, int arg, enum sn_type type,
    struct sn_vbl *vbl, struct sn_value *out)
{
	const char *s;
	size_t len;
	uint8_t ip[4], *p;
	struct sn_oid oid;

	switch (type) {
	case SN_T_INTEGER:
		*out = sn_value_int((int32_t)check_range(L, idx, arg,
		    INT32_MIN, INT32_MAX, "Integer32"));
		return;
	case SN_T_COUNTER32:
	case SN_T_GAUGE32:
	case SN_T_TIMETICKS:
	case SN_T_UINTEGER32:
		*out = sn_value_uint(type, (uint32_t)check_range(L, idx, arg, 0,
		    UINT32_MAX, sn_type_name(type)));
		return;
	case SN_T_COUNTER64:
		/* negative Lua integers stand for values past 2^63-1 */
		*out = sn_value_u64((uint64_t)check_range(L, idx, arg,
		    LUA_MININTEGER, LUA_MAXINTEGER, "Counter64"));
		return;
	case SN_T_NULL:
		*out = sn_value_null(SN_T_NULL);
		return;
	case SN_T_IPADDR:
		s = lua_tostring(L, idx);
		if (s == NULL || parse_ipaddr(s, ip) != 0)
			luaL_argerror(L, arg, "IpAddress value expected as "
			    "\"a.b.c.d\"");
		break;
	case SN_T_OID:
		lsn_check_oid(L, idx, arg, &oid);
		*out = sn_value_oid(&oid);
		return;
	case SN_T_OCTETS:
	case SN_T_OPAQUE:
	case SN_T_NSAP:
		if (lua_type(L, idx) != LUA_TSTRING)
			luaL_argerror(L, arg, lua_pushfstring(L, "%s value "
			    "expected to be a string, got %s",
			    sn_type_name(type), luaL_typename(L, idx)));
		break;
	default:
		luaL_argerror(L, arg, lua_pushfstring(L, "cannot send a "
		    "value of type %s", sn_type_name(type)));
		return;
	}
	if (type == SN_T_IPADDR) {
		s = (const char *)ip;
		len = 4;
	} else {
		s = lua_tolstring(L, idx, &len);
	}
	if ((p = sn_vbl_store(vbl, s, len)) == NULL && len > 0)
		luaL_error(L, "out of memory");
	*out = sn_value_str(type, p, len);
}

void
lsn_check_value(lua_State *L, int idx, int arg, struct sn_vbl *vbl,
    struct sn_value *out)
{
	enum sn_type type;
	const char *tname;

	idx = lua_absindex(L, idx);
	switch (lua_type(L, idx)) {
	case LUA_TNUMBER:
		check_typed(L, idx, arg, SN_T_INTEGER, vbl, out);
		return;
	case LUA_TSTRING:
		check_typed(L, idx, arg, SN_T_OCTETS, vbl, out);
		return;
	case LUA_TTABLE:
		break;
	default:
		luaL_argerror(L, arg, lua_pushfstring(L, "value expected "
		    "(integer, string or {type=..., value=...}), got %s",
		    luaL_typename(L, idx)));
		return;
	}
	if (lua_getfield(L, idx, "type") == LUA_TNIL) {
		/* {value = 5}: the type follows from the Lua value */
		if (lua_getfield(L, idx, "value") != LUA_TNUMBER &&
		    lua_type(L, -1) != LUA_TSTRING)
			luaL_argerror(L, arg, "value table needs a 'type' "
			    "string, or a 'value' that is an integer or a "
			    "string");
		lsn_check_value(L, lua_gettop(L), arg, vbl, out);
		lua_pop(L, 2);
		return;
	}
	if (lua_type(L, -1) != LUA_TSTRING)
		luaL_argerror(L, arg, "value table needs a 'type' string");
	tname = lua_tostring(L, -1);
	if (type_from_name(tname, &type) != 0)
		luaL_argerror(L, arg, lua_pushfstring(L, "unknown type '%s'",
		    tname));
	lua_getfield(L, idx, "value");
	if (lua_isnil(L, -1) && type != SN_T_NULL)
		luaL_argerror(L, arg, "value table needs a 'value'");
	/* the strings stay referenced by the table while we copy them */
	check_typed(L, lua_gettop(L), arg, type, vbl, out);
	lua_pop(L, 2);
}

/* --- Net-SNMP's rendering (snmplib/mib.c sprint_realloc_*) ------------- */

const char *
lsn_exception_text(enum sn_type type)
{
	switch (type) {
	case SN_T_NOSUCHOBJECT:
		return "No Such Object available on this agent at this OID";
	case SN_T_NOSUCHINSTANCE:
		return "No Such Instance currently exists at this OID";
	case SN_T_ENDOFMIBVIEW:
		return "No more variables left in this MIB View "
		    "(It is past the end of the MIB tree)";
	default:
		return "";
	}
}

static bool
printable(const uint8_t *p, size_t n)
{
	size_t i;

	/* sprint_realloc_octet_string: text when every byte prints */
	for (i = 0; i < n; i++) {
		if (!isprint(p[i]) && !isspace(p[i]))
			return false;
	}
	return true;
}

static void
add_hex(luaL_Buffer *b, const uint8_t *p, size_t n)
{
	char hx[8];
	size_t i;

	for (i = 0; i < n; i++) {
		/* Net-SNMP breaks hex dumps every 16 bytes */
		if (i > 0 && i % 16 == 0)
			luaL_addchar(b, '\n');
		snprintf(hx, sizeof(hx), "%02X ", p[i]);
		luaL_addstring(b, hx);
	}
}

static void
add_value(luaL_Buffer *b, const struct sn_value *v)
{
	char tmp[SN_OID_STR_MAX + 64];
	const uint8_t *p = v->v.str.ptr;
	size_t i, n = v->v.str.len;
	uint32_t t, cs, s, m, h, d;

	switch (v->type) {
	case SN_T_INTEGER:
		snprintf(tmp, sizeof(tmp), "INTEGER: %" PRId32, v->v.i);
		break;
	case SN_T_COUNTER32:
		snprintf(tmp, sizeof(tmp), "Counter32: %" PRIu32, v->v.u);
		break;
	case SN_T_GAUGE32:
		snprintf(tmp, sizeof(tmp), "Gauge32: %" PRIu32, v->v.u);
		break;
	case SN_T_UINTEGER32:
		snprintf(tmp, sizeof(tmp), "UInteger32: %" PRIu32, v->v.u);
		break;
	case SN_T_COUNTER64:
		snprintf(tmp, sizeof(tmp), "Counter64: %" PRIu64, v->v.u64);
		break;
	case SN_T_TIMETICKS:
		t = v->v.u;
		cs = t % 100;
		s = (t / 100) % 60;
		m = (t / 6000) % 60;
		h = (t / 360000) % 24;
		d = t / 8640000;
		if (d == 0)
			snprintf(tmp, sizeof(tmp), "Timeticks: (%" PRIu32 ") "
			    "%" PRIu32 ":%02" PRIu32 ":%02" PRIu32
			    ".%02" PRIu32, t, h, m, s, cs);
		else
			snprintf(tmp, sizeof(tmp), "Timeticks: (%" PRIu32 ") "
			    "%" PRIu32 " day%s, %" PRIu32 ":%02" PRIu32
			    ":%02" PRIu32 ".%02" PRIu32, t, d,
			    d == 1 ? "" : "s", h, m, s, cs);
		break;
	case SN_T_IPADDR:
		if (n == 4)
			snprintf(tmp, sizeof(tmp), "IpAddress: %u.%u.%u.%u",
			    p[0], p[1], p[2], p[3]);
		else
			snprintf(tmp, sizeof(tmp), "IpAddress: ?");
		break;
	case SN_T_OID:
		memcpy(tmp, "OID: ", 5);
		sn_oid_format(&v->v.oid, true, tmp + 5, sizeof(tmp) - 5);
		break;
	case SN_T_NULL:
		snprintf(tmp, sizeof(tmp), "NULL");
		break;
	case SN_T_NOSUCHOBJECT:
	case SN_T_NOSUCHINSTANCE:
	case SN_T_ENDOFMIBVIEW:
		snprintf(tmp, sizeof(tmp), "%s", lsn_exception_text(v->type));
		break;
	case SN_T_OCTETS:
		if (n > 0 && !printable(p, n)) {
			luaL_addstring(b, "Hex-STRING: ");
			add_hex(b, p, n);
			return;
		}
		if (n == 0) {
			/* Net-SNMP prints an empty string bare */
			luaL_addstring(b, "\"\"");
			return;
		}
		/* without a DISPLAY-HINT Net-SNMP quotes the text */
		luaL_addstring(b, "STRING: \"");
		for (i = 0; i < n; i++) {
			/* SPEC §3: control characters from the wire are
			 * shown escaped, so no agent forges lines */
			const char *esc = p[i] == '\n' ? "\\n" :
			    p[i] == '\r' ? "\\r" : p[i] == '\v' ? "\\v" :
			    p[i] == '\f' ? "\\f" : NULL;

			if (esc != NULL) {
				luaL_addstring(b, esc);
				continue;
			}
			if (p[i] == '"' || p[i] == '\\')
				luaL_addchar(b, '\\');
			luaL_addchar(b, (char)p[i]);
		}
		luaL_addchar(b, '"');
		return;
	case SN_T_OPAQUE:
		luaL_addstring(b, "OPAQUE: ");
		add_hex(b, p, n);
		return;
	case SN_T_NSAP:
		luaL_addstring(b, "NsapAddress: ");
		add_hex(b, p, n);
		return;
	default:
		snprintf(tmp, sizeof(tmp), "Wrong Type (0x%02X)",
		    (unsigned)v->type);
		break;
	}
	luaL_addstring(b, tmp);
}

void
lsn_push_vbline(lua_State *L, const struct sn_varbind *vb)
{
	char oid[SN_OID_STR_MAX];
	luaL_Buffer b;

	if (lsn_push_mibline(L, vb))
		return;
	sn_oid_format(&vb->name, true, oid, sizeof(oid));
	luaL_buffinit(L, &b);
	luaL_addstring(&b, oid);
	luaL_addstring(&b, " = ");
	add_value(&b, &vb->value);
	luaL_pushresult(&b);
}

/* tostring(vb): rebuild the varbind from its fields and render it. */
static int
vb_tostring(lua_State *L)
{
	struct sn_varbind vb;
	struct sn_vbl vbl;
	enum sn_type type;
	const char *tname;

	luaL_checktype(L, 1, LUA_TTABLE);
	lua_getfield(L, 1, "oid");
	lsn_check_oid(L, -1, 0, &vb.name);
	lua_getfield(L, 1, "type");
	tname = lua_tostring(L, -1);
	if (tname == NULL || type_from_name(tname, &type) != 0)
		return luaL_error(L, "varbind has no valid type");
	lua_getfield(L, 1, "value");
	if (sn_type_is_exception(type) || type == SN_T_NULL) {
		vb.value = sn_value_null(type);
		lsn_push_vbline(L, &vb);
		return 1;
	}
	/* the bytes are borrowed from the Lua string during the call,
	 * except IpAddress, which check_typed packs into vbl */
	sn_vbl_init(&vbl);
	if (lua_isnil(L, -1)) {
		sn_vbl_clear(&vbl);
		return luaL_error(L, "varbind of type %s has no value", tname);
	}
	if (type == SN_T_IPADDR || type == SN_T_OCTETS ||
	    type == SN_T_OPAQUE || type == SN_T_NSAP) {
		const char *s = lua_tostring(L, -1);
		uint8_t ip[4];

		if (s != NULL && type == SN_T_IPADDR &&
		    parse_ipaddr(s, ip) == 0) {
			vb.value = sn_value_str(type, ip, 4);
			lsn_push_vbline(L, &vb);
			return 1;
		}
		if (s == NULL)
			return luaL_error(L, "varbind value is not a string");
		vb.value = sn_value_str(type == SN_T_IPADDR ? SN_T_OCTETS :
		    type, s, lua_rawlen(L, -1));
		lsn_push_vbline(L, &vb);
		return 1;
	}
	/* numbers and OIDs own no bytes: vbl stays empty */
	check_typed(L, lua_gettop(L), 1, type, &vbl, &vb.value);
	sn_vbl_clear(&vbl);
	lsn_push_vbline(L, &vb);
	return 1;
}

/* snmp.counter32(n) and friends: {type = "Counter32", value = n}. */
static int
make_typed(lua_State *L, enum sn_type type)
{
	struct sn_value v;
	struct sn_vbl vbl;

	/* validate now, so errors point at the constructor call */
	sn_vbl_init(&vbl);
	if (type == SN_T_OID) {
		struct sn_oid oid;
		char buf[SN_OID_STR_MAX];

		lsn_check_oid(L, 1, 1, &oid);
		sn_oid_format(&oid, false, buf, sizeof(buf));
		lua_pushstring(L, buf);
		lua_replace(L, 1);
	} else {
		luaL_checkany(L, 1);
		if (type == SN_T_OCTETS)
			luaL_checktype(L, 1, LUA_TSTRING);
		check_typed(L, 1, 1, type, &vbl, &v);
		if (type != SN_T_OCTETS && type != SN_T_IPADDR)
			lua_pushinteger(L, lua_tointeger(L, 1));
		else
			lua_pushvalue(L, 1);
		lua_replace(L, 1);
	}
	sn_vbl_clear(&vbl);
	lua_createtable(L, 0, 2);
	lua_pushstring(L, sn_type_name(type));
	lua_setfield(L, -2, "type");
	lua_pushvalue(L, 1);
	lua_setfield(L, -2, "value");
	return 1;
}

#define TYPED(fn, t) \
	static int fn(lua_State *L) { return make_typed(L, t); }
TYPED(l_integer, SN_T_INTEGER)
TYPED(l_counter32, SN_T_COUNTER32)
TYPED(l_gauge32, SN_T_GAUGE32)
TYPED(l_timeticks, SN_T_TIMETICKS)
TYPED(l_counter64, SN_T_COUNTER64)
TYPED(l_ipaddress, SN_T_IPADDR)
TYPED(l_octets, SN_T_OCTETS)
TYPED(l_oid, SN_T_OID)
TYPED(l_opaque, SN_T_OPAQUE)
#undef TYPED

static int
l_null(lua_State *L)
{
	lua_createtable(L, 0, 1);
	lua_pushstring(L, sn_type_name(SN_T_NULL));
	lua_setfield(L, -2, "type");
	return 1;
}

static const luaL_Reg typed_fns[] = {
	{ "integer", l_integer },
	{ "integer32", l_integer },
	{ "counter32", l_counter32 },
	{ "gauge32", l_gauge32 },
	{ "unsigned32", l_gauge32 },
	{ "timeticks", l_timeticks },
	{ "counter64", l_counter64 },
	{ "ipaddress", l_ipaddress },
	{ "octets", l_octets },
	{ "oid", l_oid },
	{ "opaque", l_opaque },
	{ "null", l_null },
	{ NULL, NULL }
};

void
lsn_value_open(lua_State *L)
{
	/* the module table is on top */
	luaL_setfuncs(L, typed_fns, 0);
	if (luaL_newmetatable(L, LSN_MT_VARBIND)) {
		lua_pushcfunction(L, vb_tostring);
		lua_setfield(L, -2, "__tostring");
	}
	lua_pop(L, 1);
}
