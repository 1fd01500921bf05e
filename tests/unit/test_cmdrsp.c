/*
 * Unit tests of the command responder (cmdrsp.c) through sn_agent_process,
 * without a network: RFC 3416 §4.2 Get/GetNext/GetBulk/Set rules, v2c
 * exceptions, the RFC 3584 §4.4 mapping for SNMPv1, error-index, GetBulk
 * non-repeaters/max-repetitions and truncation, tooBig, two-phase Set with
 * undo, read-only communities, Counter64 hidden from SNMPv1.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sn/agent.h>

#include "tests/lib/tap.h"

static struct sn_agent *agent;
static struct sn_mostore *store;
static struct sn_pdu req, resp;

/* The failing handler under 1.3.6.1.4.1.5555: x.N.0 for N in 1..3. */
static int fail_commit_on = 2;	/* N whose commit fails (0: none) */
static bool fail_undo;
static int commits, undos;
static int32_t fvalue[4];

static struct sn_oid
O(const char *s)
{
	struct sn_oid o;

	if (sn_oid_parse(&o, s, NULL) < 0)
		o.len = 0;
	return o;
}

static bool
oid_is(const struct sn_oid *o, const char *s)
{
	struct sn_oid w = O(s);

	return sn_oid_cmp(o, &w) == 0;
}

static int
fh_get(void *ud, const struct sn_oid *oid, struct sn_value *out)
{
	struct sn_oid base = O("1.3.6.1.4.1.5555");

	(void)ud;
	if (oid->len == base.len + 2 && oid->sub[base.len] >= 1 &&
	    oid->sub[base.len] <= 3 && oid->sub[base.len + 1] == 0) {
		if (oid->sub[base.len] == 3)
			return SN_EINTERNAL;	/* a broken instance */
		*out = sn_value_int(fvalue[oid->sub[base.len]]);
		return 0;
	}
	*out = sn_value_null(SN_T_NOSUCHINSTANCE);
	return SN_ENOTFOUND;
}

static int
fh_next(void *ud, const struct sn_oid *after, struct sn_oid *found,
    struct sn_value *out)
{
	uint32_t n;
	char buf[64];

	(void)ud;
	for (n = 1; n <= 2; n++) {
		snprintf(buf, sizeof(buf), "1.3.6.1.4.1.5555.%u.0", n);
		*found = O(buf);
		if (sn_oid_cmp(found, after) > 0) {
			*out = sn_value_int(fvalue[n]);
			return 0;
		}
	}
	return SN_ENOTFOUND;
}

static int
fh_set(void *ud, enum sn_set_phase phase, const struct sn_oid *oid,
    const struct sn_value *value)
{
	uint32_t n = oid->sub[7];

	(void)ud;
	if (oid->len != 9 || n < 1 || n > 2)
		return SN_ERR_NOCREATION;
	switch (phase) {
	case SN_SET_TEST:
		return value->type == SN_T_INTEGER ? 0 : SN_ERR_WRONGTYPE;
	case SN_SET_COMMIT:
		if ((int)n == fail_commit_on)
			return SN_ERR_COMMITFAILED;
		commits++;
		fvalue[n] = value->v.i;
		return 0;
	case SN_SET_UNDO:
		undos++;
		if (fail_undo)
			return SN_ERR_UNDOFAILED;
		fvalue[n] = 0;
		return 0;
	}
	return SN_ERR_GENERR;
}

static const struct sn_mo_ops fail_ops = { fh_get, fh_next, fh_set };

static uint32_t uptime = 100;

static int
uptime_fn(void *ud, const struct sn_oid *oid, struct sn_value *out)
{
	(void)ud;
	(void)oid;
	*out = sn_value_uint(SN_T_TIMETICKS, uptime++);
	return 0;
}

static void
put_s(const char *oid, const char *s, bool w)
{
	struct sn_oid o = O(oid);
	struct sn_value v = sn_value_str(SN_T_OCTETS, s, strlen(s));

	if (sn_mostore_put(store, &o, &v, w) < 0)
		tap_diag("put %s failed", oid);
}

static void
put_v(const char *oid, struct sn_value v, bool w)
{
	struct sn_oid o = O(oid);

	if (sn_mostore_put(store, &o, &v, w) < 0)
		tap_diag("put %s failed", oid);
}

static void
setup(void)
{
	struct sn_oid o;
	struct sn_error err;

	if (sn_agent_new(NULL, &agent, &err) < 0 ||
	    sn_mostore_new(&store) < 0) {
		tap_diag("setup failed");
		return;
	}
	put_s("1.3.6.1.2.1.1.1.0", "test agent", false);
	o = O("1.3.6.1.2.1.1.3.0");
	sn_mostore_put_fn(store, &o, SN_T_TIMETICKS, uptime_fn, NULL);
	put_s("1.3.6.1.2.1.1.4.0", "contact", true);
	put_s("1.3.6.1.2.1.1.5.0", "name", true);
	put_s("1.3.6.1.2.1.2.2.1.2.1", "lo", false);
	put_s("1.3.6.1.2.1.2.2.1.2.2", "eth0", false);
	put_v("1.3.6.1.2.1.2.2.1.7.1", sn_value_int(1), true);
	put_v("1.3.6.1.2.1.2.2.1.7.2", sn_value_int(1), true);
	put_v("1.3.6.1.2.1.31.1.1.1.6.1", sn_value_u64(UINT64_C(1) << 40),
	    false);
	put_v("1.3.6.1.2.1.31.1.1.1.6.2", sn_value_u64(7), false);
	put_v("1.3.6.1.2.1.31.1.1.1.15.1",
	    sn_value_uint(SN_T_GAUGE32, 10), false);
	o = O("1.3.6.1.2.1");
	if (sn_agent_register(agent, &o, sn_mostore_ops(), store, &err) < 0)
		tap_diag("register: %s", err.msg);
	o = O("1.3.6.1.4.1.5555");
	if (sn_agent_register(agent, &o, &fail_ops, NULL, &err) < 0)
		tap_diag("register: %s", err.msg);
}

static void
begin(enum sn_pdu_type type, int32_t es, int32_t ei)
{
	sn_pdu_clear(&req);
	sn_pdu_init(&req, type);
	req.request_id = 4242;
	req.error_status = es;
	req.error_index = ei;
}

static void
add(const char *oid)
{
	struct sn_oid o = O(oid);

	sn_vbl_add_null(&req.vbl, &o);
}

static void
add_v(const char *oid, struct sn_value v)
{
	struct sn_oid o = O(oid);

	sn_vbl_add(&req.vbl, &o, &v);
}

static int
run(enum sn_version v, bool writable, size_t max)
{
	return sn_agent_process(agent, v, writable, &req, max, &resp, NULL);
}

static enum sn_type
rtype(size_t i)
{
	return i < resp.vbl.len ? resp.vbl.vb[i].value.type : SN_T_NULL;
}

static bool
rname(size_t i, const char *s)
{
	return i < resp.vbl.len && oid_is(&resp.vbl.vb[i].name, s);
}

static bool
rstr(size_t i, const char *s)
{
	const struct sn_value *v;

	if (i >= resp.vbl.len)
		return false;
	v = &resp.vbl.vb[i].value;
	return v->type == SN_T_OCTETS && v->v.str.len == strlen(s) &&
	    memcmp(v->v.str.ptr, s, v->v.str.len) == 0;
}

static bool
stored_is(const char *oid, const char *s)
{
	struct sn_oid o = O(oid);
	struct sn_value v;

	return sn_mostore_get(store, &o, &v) == 0 &&
	    v.type == SN_T_OCTETS && v.v.str.len == strlen(s) &&
	    memcmp(v.v.str.ptr, s, v.v.str.len) == 0;
}

/* The response echoes the request's names with its values (error form). */
static bool
echoes_request(void)
{
	size_t i;

	if (resp.vbl.len != req.vbl.len)
		return false;
	for (i = 0; i < req.vbl.len; i++) {
		if (sn_oid_cmp(&resp.vbl.vb[i].name, &req.vbl.vb[i].name))
			return false;
		if (resp.vbl.vb[i].value.type != req.vbl.vb[i].value.type)
			return false;
	}
	return true;
}

static size_t
encoded_len(const struct sn_pdu *p)
{
	static uint8_t buf[SN_MSG_MAX];
	uint8_t *out;
	size_t len;

	if (sn_pdu_encode(p, buf, sizeof(buf), &out, &len, NULL) < 0)
		return (size_t)-1;
	return len;
}

static void
test_get(void)
{
	int rc;

	begin(SN_PDU_GET, 0, 0);
	add("1.3.6.1.2.1.1.1.0");
	add("1.3.6.1.2.1.1.4.1");	/* object exists, instance not */
	add("1.3.6.1.2.1.1.99.0");	/* no such object in the store */
	add("1.3.6.1.3.1.0");		/* no handler at all */
	add("1.3.6.1.2.1.1.4");		/* the object itself */
	add("1.3.6.1.2.1.31.1.1.1.6.1");
	tap_ok(run(SN_V2C, true, SN_MSG_MAX) == 0, "v2c get answered");
	tap_ok(resp.type == SN_PDU_RESPONSE && resp.request_id == 4242 &&
	    resp.error_status == 0 && resp.error_index == 0,
	    "v2c get: response, same request-id, noError");
	tap_ok(resp.vbl.len == 6 && rname(0, "1.3.6.1.2.1.1.1.0") &&
	    rstr(0, "test agent"), "v2c get: value of sysDescr.0");
	tap_ok(rtype(1) == SN_T_NOSUCHINSTANCE && rname(1,
	    "1.3.6.1.2.1.1.4.1"), "v2c get: noSuchInstance under an object");
	tap_ok(rtype(2) == SN_T_NOSUCHOBJECT, "v2c get: noSuchObject in "
	    "a served subtree");
	tap_ok(rtype(3) == SN_T_NOSUCHOBJECT, "v2c get: noSuchObject "
	    "outside every handler");
	tap_ok(rtype(4) == SN_T_NOSUCHINSTANCE, "v2c get: the object name "
	    "itself is noSuchInstance (as Net-SNMP)");
	tap_ok(rtype(5) == SN_T_COUNTER64 &&
	    resp.vbl.vb[5].value.v.u64 == UINT64_C(1) << 40,
	    "v2c get: Counter64 served");

	/* SNMPv1: noSuchName at the first failing position (RFC 1157) */
	begin(SN_PDU_GET, 0, 0);
	add("1.3.6.1.2.1.1.1.0");
	add("1.3.6.1.2.1.1.4.1");
	add("1.3.6.1.2.1.1.5.0");
	rc = run(SN_V1, true, SN_MSG_MAX);
	tap_ok(rc == 0 &&
	    resp.error_status == SN_ERR_NOSUCHNAME && resp.error_index == 2,
	    "v1 get: noSuchName, error-index 2 (got %d/%d)",
	    resp.error_status, resp.error_index);
	tap_ok(echoes_request(), "v1 get error: varbinds echo the request");

	begin(SN_PDU_GET, 0, 0);
	add("1.3.6.1.2.1.1.1.0");
	add("1.3.6.1.3.1.0");
	tap_ok(run(SN_V1, true, SN_MSG_MAX) == 0 &&
	    resp.error_status == SN_ERR_NOSUCHNAME && resp.error_index == 2,
	    "v1 get: no handler -> noSuchName index 2");

	begin(SN_PDU_GET, 0, 0);
	add("1.3.6.1.2.1.31.1.1.1.6.1");
	tap_ok(run(SN_V1, true, SN_MSG_MAX) == 0 &&
	    resp.error_status == SN_ERR_NOSUCHNAME && resp.error_index == 1,
	    "v1 get of a Counter64: noSuchName (RFC 3584 §4.4)");

	begin(SN_PDU_GET, 0, 0);
	add("1.3.6.1.2.1.1.1.0");
	add("1.3.6.1.4.1.5555.3.0");
	tap_ok(run(SN_V2C, true, SN_MSG_MAX) == 0 &&
	    resp.error_status == SN_ERR_GENERR && resp.error_index == 2 &&
	    echoes_request(), "v2c get: failing handler -> genErr index 2");

	begin(SN_PDU_GET, 0, 0);
	add("1.3.6.1.2.1.1.3.0");
	tap_ok(run(SN_V2C, true, SN_MSG_MAX) == 0 &&
	    rtype(0) == SN_T_TIMETICKS, "v2c get: computed value");
}

static void
test_getnext(void)
{
	begin(SN_PDU_GETNEXT, 0, 0);
	add("1.3.6.1.2.1.1");
	add("1.3.6.1.2.1.1.1.0");
	add("1.3.6.1.2.1.31.1.1.1.15.1");	/* last in store */
	add("1.3.6.1.4.1.5555.2.0");		/* last of all */
	add("1.3");
	tap_ok(run(SN_V2C, true, SN_MSG_MAX) == 0 && resp.error_status == 0 &&
	    resp.vbl.len == 5, "v2c getnext answered");
	tap_ok(rname(0, "1.3.6.1.2.1.1.1.0") && rstr(0, "test agent"),
	    "getnext of a prefix: first instance under it");
	tap_ok(rname(1, "1.3.6.1.2.1.1.3.0") && rtype(1) == SN_T_TIMETICKS,
	    "getnext of an instance: its successor");
	tap_ok(rname(2, "1.3.6.1.4.1.5555.1.0") && rtype(2) == SN_T_INTEGER,
	    "getnext crosses to the next registered subtree");
	tap_ok(rname(3, "1.3.6.1.4.1.5555.2.0") &&
	    rtype(3) == SN_T_ENDOFMIBVIEW,
	    "getnext at the end: endOfMibView, name unchanged");
	tap_ok(rname(4, "1.3.6.1.2.1.1.1.0"), "getnext of 1.3: the first");

	/* v1: Counter64 skipped (RFC 3584 §4.4), end is noSuchName */
	begin(SN_PDU_GETNEXT, 0, 0);
	add("1.3.6.1.2.1.31.1.1.1.5");
	tap_ok(run(SN_V1, true, SN_MSG_MAX) == 0 && resp.error_status == 0 &&
	    rname(0, "1.3.6.1.2.1.31.1.1.1.15.1") &&
	    rtype(0) == SN_T_GAUGE32, "v1 getnext skips Counter64 instances");
	begin(SN_PDU_GETNEXT, 0, 0);
	add("1.3.6.1.2.1.1.1.0");
	add("1.3.6.1.4.1.5555.2.0");
	tap_ok(run(SN_V1, true, SN_MSG_MAX) == 0 &&
	    resp.error_status == SN_ERR_NOSUCHNAME && resp.error_index == 2 &&
	    echoes_request(), "v1 getnext past the end: noSuchName index 2");
	begin(SN_PDU_GETNEXT, 0, 0);
	add("1.3.6.1.2.1.31.1.1.1.6");
	tap_ok(run(SN_V2C, true, SN_MSG_MAX) == 0 &&
	    rname(0, "1.3.6.1.2.1.31.1.1.1.6.1") &&
	    rtype(0) == SN_T_COUNTER64, "v2c getnext returns Counter64");
}

static void
test_getbulk(void)
{
	size_t i;
	int rc;

	/* N=1, M=3: sysDescr.0 then 3 rows of two repeaters */
	begin(SN_PDU_GETBULK, 1, 3);
	add("1.3.6.1.2.1.1");
	add("1.3.6.1.2.1.2.2.1.2");
	add("1.3.6.1.2.1.2.2.1.7");
	rc = run(SN_V2C, true, SN_MSG_MAX);
	tap_ok(rc == 0 && resp.error_status == 0 &&
	    resp.vbl.len == 7, "getbulk N=1 M=3 R=2: 7 varbinds (got %zu)",
	    resp.vbl.len);
	tap_ok(rname(0, "1.3.6.1.2.1.1.1.0") &&
	    rname(1, "1.3.6.1.2.1.2.2.1.2.1") &&
	    rname(2, "1.3.6.1.2.1.2.2.1.7.1") &&
	    rname(3, "1.3.6.1.2.1.2.2.1.2.2") &&
	    rname(4, "1.3.6.1.2.1.2.2.1.7.2") &&
	    rname(5, "1.3.6.1.2.1.2.2.1.7.1") &&
	    rname(6, "1.3.6.1.2.1.31.1.1.1.6.1"),
	    "getbulk: non-repeater then repetitions in order");

	begin(SN_PDU_GETBULK, -5, -3);
	add("1.3.6.1.2.1.1");
	add("1.3.6.1.2.1.2");
	tap_ok(run(SN_V2C, true, SN_MSG_MAX) == 0 && resp.vbl.len == 0 &&
	    resp.error_status == 0 && resp.error_index == 0,
	    "getbulk: negative N and M count as 0 (no varbinds)");

	begin(SN_PDU_GETBULK, 9, 10);
	add("1.3.6.1.2.1.1");
	add("1.3.6.1.2.1.2");
	tap_ok(run(SN_V2C, true, SN_MSG_MAX) == 0 && resp.vbl.len == 2 &&
	    rname(0, "1.3.6.1.2.1.1.1.0"),
	    "getbulk: N > varbinds: all non-repeaters, once");

	/* reaching the end: endOfMibView repeats, stops after a full one */
	begin(SN_PDU_GETBULK, 0, 50);
	add("1.3.6.1.4.1.5555");
	add("1.3.6.1.4.1.5555.1.0");
	rc = run(SN_V2C, true, SN_MSG_MAX);
	tap_ok(rc == 0 && resp.vbl.len == 6,
	    "getbulk to the end stops after an all-endOfMibView repetition "
	    "(got %zu)", resp.vbl.len);
	tap_ok(rname(0, "1.3.6.1.4.1.5555.1.0") &&
	    rname(1, "1.3.6.1.4.1.5555.2.0") &&
	    rname(2, "1.3.6.1.4.1.5555.2.0") &&
	    rtype(3) == SN_T_ENDOFMIBVIEW && rname(3, "1.3.6.1.4.1.5555.2.0")
	    && rtype(4) == SN_T_ENDOFMIBVIEW && rtype(5) == SN_T_ENDOFMIBVIEW,
	    "getbulk: endOfMibView keeps the last name");

	/* truncation to a small size: whole repetitions, fits the limit */
	begin(SN_PDU_GETBULK, 1, 1000);
	add("1.3.6.1.2.1.1.1");
	add("1.3.6.1.2.1");
	add("1.3.6.1.2.1");
	rc = run(SN_V2C, true, 200);
	tap_ok(rc == 0 && resp.error_status == 0,
	    "getbulk with max_size 200 answered without error");
	tap_ok(resp.vbl.len >= 3 && (resp.vbl.len - 1) % 2 == 0,
	    "getbulk truncated to whole repetitions (%zu varbinds)",
	    resp.vbl.len);
	tap_ok(encoded_len(&resp) <= 200, "truncated response encodes in "
	    "%zu <= 200 bytes", encoded_len(&resp));
	for (i = 1; i + 2 < resp.vbl.len; i += 2) {
		if (sn_oid_cmp(&resp.vbl.vb[i].name,
		    &resp.vbl.vb[i + 2].name) >= 0)
			break;
	}
	tap_ok(i + 2 >= resp.vbl.len, "repetitions increase");

	begin(SN_PDU_GETBULK, 0, 10);
	add("1.3.6.1.2.1");
	tap_ok(run(SN_V1, true, SN_MSG_MAX) < 0, "getbulk in SNMPv1 is "
	    "dropped");
}

static void
test_toobig(void)
{
	struct sn_agent_stats st;
	unsigned long drops;

	begin(SN_PDU_GET, 0, 0);
	add("1.3.6.1.2.1.1.1.0");
	add("1.3.6.1.2.1.1.4.0");
	add("1.3.6.1.2.1.1.5.0");
	tap_ok(run(SN_V2C, true, 40) == 0 && resp.error_status ==
	    SN_ERR_TOOBIG && resp.error_index == 0 && resp.vbl.len == 0,
	    "v2c get too big: tooBig, index 0, no varbinds");
	tap_ok(encoded_len(&resp) <= 40, "tooBig response fits");
	begin(SN_PDU_GETNEXT, 0, 0);
	add("1.3.6.1.2.1.1.1");
	tap_ok(run(SN_V2C, true, 30) == 0 && resp.error_status ==
	    SN_ERR_TOOBIG && resp.vbl.len == 0, "v2c getnext too big");
	begin(SN_PDU_GET, 0, 0);
	add("1.3.6.1.2.1.1.1.0");
	tap_ok(run(SN_V1, true, 35) == 0 && resp.error_status ==
	    SN_ERR_TOOBIG && resp.error_index == 0 && echoes_request(),
	    "v1 get too big: tooBig with the request's varbinds");
	sn_agent_stats(agent, &st);
	drops = st.silent_drops;
	tap_ok(run(SN_V2C, true, 8) == SN_ETOOBIG, "not even tooBig fits: "
	    "dropped");
	sn_agent_stats(agent, &st);
	tap_ok(st.silent_drops == drops + 1, "snmpSilentDrops counted");
	begin(SN_PDU_GETBULK, 0, 5);
	add("1.3.6.1.2.1.1.1");
	tap_ok(run(SN_V2C, true, 25) == 0 && resp.error_status ==
	    SN_ERR_TOOBIG, "getbulk where no varbind fits: tooBig");
}

static void
test_set(void)
{
	struct sn_agent_stats st;
	int rc;

	begin(SN_PDU_SET, 0, 0);
	add_v("1.3.6.1.2.1.1.4.0", sn_value_str(SN_T_OCTETS, "ops", 3));
	add_v("1.3.6.1.2.1.1.5.0", sn_value_str(SN_T_OCTETS, "box", 3));
	tap_ok(run(SN_V2C, true, SN_MSG_MAX) == 0 && resp.error_status == 0 &&
	    echoes_request() && rstr(0, "ops"),
	    "v2c set: noError, varbinds echoed");
	tap_ok(stored_is("1.3.6.1.2.1.1.4.0", "ops") &&
	    stored_is("1.3.6.1.2.1.1.5.0", "box"), "set values stick");

	begin(SN_PDU_SET, 0, 0);
	add_v("1.3.6.1.2.1.1.5.0", sn_value_str(SN_T_OCTETS, "zz", 2));
	add_v("1.3.6.1.2.1.1.4.0", sn_value_int(3));
	tap_ok(run(SN_V2C, true, SN_MSG_MAX) == 0 &&
	    resp.error_status == SN_ERR_WRONGTYPE && resp.error_index == 2 &&
	    echoes_request(), "v2c set: wrongType at index 2");
	tap_ok(stored_is("1.3.6.1.2.1.1.5.0", "box"),
	    "failed test phase changes nothing");
	tap_ok(run(SN_V1, true, SN_MSG_MAX) == 0 &&
	    resp.error_status == SN_ERR_BADVALUE && resp.error_index == 2,
	    "v1 set: wrongType maps to badValue");

	begin(SN_PDU_SET, 0, 0);
	add_v("1.3.6.1.2.1.1.1.0", sn_value_str(SN_T_OCTETS, "x", 1));
	tap_ok(run(SN_V2C, true, SN_MSG_MAX) == 0 &&
	    resp.error_status == SN_ERR_NOTWRITABLE && resp.error_index == 1,
	    "v2c set of a read-only object: notWritable");
	tap_ok(run(SN_V1, true, SN_MSG_MAX) == 0 &&
	    resp.error_status == SN_ERR_NOSUCHNAME && resp.error_index == 1,
	    "v1 set of a read-only object: noSuchName");
	begin(SN_PDU_SET, 0, 0);
	add_v("1.3.6.1.2.1.1.3.0", sn_value_uint(SN_T_TIMETICKS, 1));
	tap_ok(run(SN_V2C, true, SN_MSG_MAX) == 0 &&
	    resp.error_status == SN_ERR_NOTWRITABLE,
	    "v2c set of a computed object: notWritable");

	begin(SN_PDU_SET, 0, 0);
	add_v("1.3.6.1.2.1.1.4.0", sn_value_str(SN_T_OCTETS, "a", 1));
	add_v("1.3.6.1.2.1.1.4.7", sn_value_str(SN_T_OCTETS, "b", 1));
	tap_ok(run(SN_V2C, true, SN_MSG_MAX) == 0 &&
	    resp.error_status == SN_ERR_NOCREATION && resp.error_index == 2,
	    "v2c set of a new instance: noCreation at index 2");
	tap_ok(run(SN_V1, true, SN_MSG_MAX) == 0 &&
	    resp.error_status == SN_ERR_NOSUCHNAME && resp.error_index == 2,
	    "v1: noCreation maps to noSuchName");
	tap_ok(stored_is("1.3.6.1.2.1.1.4.0", "ops"),
	    "rejected set leaves the first varbind unchanged");

	begin(SN_PDU_SET, 0, 0);
	add_v("1.3.6.1.3.7.0", sn_value_int(1));
	tap_ok(run(SN_V2C, true, SN_MSG_MAX) == 0 &&
	    resp.error_status == SN_ERR_NOTWRITABLE && resp.error_index == 1,
	    "v2c set outside every handler: notWritable");

	/* commit failure: the earlier commits are undone */
	commits = undos = 0;
	fvalue[1] = fvalue[2] = 0;
	fail_commit_on = 2;
	begin(SN_PDU_SET, 0, 0);
	add_v("1.3.6.1.2.1.1.5.0", sn_value_str(SN_T_OCTETS, "new", 3));
	add_v("1.3.6.1.4.1.5555.1.0", sn_value_int(11));
	add_v("1.3.6.1.4.1.5555.2.0", sn_value_int(22));
	rc = run(SN_V2C, true, SN_MSG_MAX);
	tap_ok(rc == 0 &&
	    resp.error_status == SN_ERR_COMMITFAILED &&
	    resp.error_index == 3 && echoes_request(),
	    "commit failure: commitFailed at index 3 (got %d/%d)",
	    resp.error_status, resp.error_index);
	tap_ok(commits == 1 && undos == 1 && fvalue[1] == 0,
	    "commit failure: the handler's commit was undone");
	tap_ok(stored_is("1.3.6.1.2.1.1.5.0", "box"),
	    "commit failure: the store's commit was undone");
	tap_ok(run(SN_V1, true, SN_MSG_MAX) == 0 &&
	    resp.error_status == SN_ERR_GENERR && resp.error_index == 3,
	    "v1: commitFailed maps to genErr");

	fail_undo = true;
	tap_ok(run(SN_V2C, true, SN_MSG_MAX) == 0 &&
	    resp.error_status == SN_ERR_UNDOFAILED && resp.error_index == 0,
	    "undo failure: undoFailed, error-index 0");
	fail_undo = false;
	fail_commit_on = 0;
	tap_ok(run(SN_V2C, true, SN_MSG_MAX) == 0 && resp.error_status == 0 &&
	    fvalue[1] == 11 && fvalue[2] == 22 &&
	    stored_is("1.3.6.1.2.1.1.5.0", "new"),
	    "the same set succeeds once commits work");

	/* a read-only community */
	begin(SN_PDU_SET, 0, 0);
	add_v("1.3.6.1.2.1.1.4.0", sn_value_str(SN_T_OCTETS, "ro", 2));
	tap_ok(run(SN_V2C, false, SN_MSG_MAX) == 0 &&
	    resp.error_status == SN_ERR_NOACCESS && resp.error_index == 1,
	    "read-only community, v2c set: noAccess index 1");
	tap_ok(run(SN_V1, false, SN_MSG_MAX) == 0 &&
	    resp.error_status == SN_ERR_NOSUCHNAME && resp.error_index == 1,
	    "read-only community, v1 set: noSuchName index 1");
	tap_ok(stored_is("1.3.6.1.2.1.1.4.0", "ops"),
	    "read-only community changes nothing");
	sn_agent_stats(agent, &st);
	tap_ok(st.bad_community_uses == 2, "snmpInBadCommunityUses counted");
	begin(SN_PDU_GET, 0, 0);
	add("1.3.6.1.2.1.1.4.0");
	tap_ok(run(SN_V2C, false, SN_MSG_MAX) == 0 && rstr(0, "ops"),
	    "read-only community may get");
}

static void
test_misc(void)
{
	struct sn_oid o = O("1.3.6.1.2.1.1.9");
	struct sn_agent_stats st;
	unsigned long perr;

	tap_ok(sn_agent_register(agent, &o, sn_mostore_ops(), store, NULL)
	    == SN_EINVAL, "overlapping registration refused");
	o = O("1.3.6");
	tap_ok(sn_agent_register(agent, &o, sn_mostore_ops(), store, NULL)
	    == SN_EINVAL, "enclosing registration refused");
	begin(SN_PDU_RESPONSE, 0, 0);
	add("1.3.6.1.2.1.1.1.0");
	tap_ok(run(SN_V2C, true, SN_MSG_MAX) < 0, "a Response is not "
	    "answered");
	begin(SN_PDU_TRAP, 0, 0);
	tap_ok(run(SN_V2C, true, SN_MSG_MAX) < 0, "a Trap is not answered");
	sn_agent_stats(agent, &st);
	perr = st.asn_parse_errs;
	begin(SN_PDU_GETBULK, 0, 3);
	add("1.3.6.1.2.1");
	run(SN_V1, true, SN_MSG_MAX);
	sn_agent_stats(agent, &st);
	tap_ok(st.asn_parse_errs == perr + 1, "v1 GetBulk counted");
	begin(SN_PDU_GET, 0, 0);
	tap_ok(run(SN_V2C, true, SN_MSG_MAX) == 0 && resp.vbl.len == 0 &&
	    resp.error_status == 0, "empty get: empty response");
}

/* The errors of sn_agent_add_user, in the agent's words. */
static void
test_user_errors(void)
{
	static const struct {
		struct sn_agent_user u;
		const char *msg;
	} cases[] = {
		{ { "", NULL, NULL, NULL, NULL, false },
		    "agent: a user name has 1 to 32 octets" },
		{ { "u", "MD6", "12345678", NULL, NULL, false },
		    "agent: user u: unknown authentication protocol MD6" },
		{ { "u", NULL, NULL, "AES", "12345678", false },
		    "agent: user u: privacy needs authentication" },
		{ { "u", "SHA", "12345678", "ROT13", "12345678", false },
		    "agent: user u: unknown privacy protocol ROT13" },
		{ { "u", "SHA", "short", NULL, NULL, false },
		    "passphrase shorter than 8 characters" },
		{ { "u", "SHA", NULL, NULL, NULL, false },
		    "agent: user u: no authentication passphrase" },
		{ { "u", "SHA", "12345678", "AES", NULL, false },
		    "agent: user u: no privacy passphrase" },
	};
	struct sn_error err;
	uint8_t id[5] = { 0x80, 0, 0, 1, 1 };
	size_t i;
	int rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sn_error_clear(&err);
		rc = sn_agent_add_user(agent, &cases[i].u, &err);
		tap_ok(rc == SN_EINVAL && strcmp(err.msg, cases[i].msg) == 0,
		    "add_user error: %s", err.msg);
	}
	sn_error_clear(&err);
	tap_ok(sn_agent_set_engine_id(agent, id, 4, 1, &err) == SN_EINVAL &&
	    strcmp(err.msg, "agent: an engine ID has 5 to 32 octets") == 0,
	    "set_engine_id error: %s", err.msg);
}

int
main(void)
{
	sn_pdu_init(&req, SN_PDU_GET);
	sn_pdu_init(&resp, SN_PDU_RESPONSE);
	setup();
	test_get();
	test_getnext();
	test_getbulk();
	test_toobig();
	test_set();
	test_misc();
	test_user_errors();
	sn_pdu_clear(&req);
	sn_pdu_clear(&resp);
	sn_agent_free(agent);
	sn_mostore_free(store);
	return tap_done();
}
