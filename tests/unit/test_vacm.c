/*
 * Unit tests of RFC 3415 VACM (vacm.c) and its use by the command
 * responder (cmdrsp.c): view tree families with masks (§5, the "FFA0"
 * ifEntry-row example of vacmViewTreeFamilyMask), the longest-subtree and
 * lexicographic tie-break rules, the best-match selection of
 * vacmAccessTable rows (§4), every status of isAccessAllowed (§3.2), and
 * the responder answering within a MIB view (RFC 3416 §4.2: noSuchObject,
 * GetNext/GetBulk skipping, endOfMibView at the view's end, noAccess,
 * authorizationError, the SNMPv1 mapping of RFC 3584 §4.4).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sn/agent.h>

#include "tests/lib/tap.h"

static struct sn_agent *agent;
static struct sn_pdu req, resp;
static unsigned long next_calls;

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

/* ---- a big handler under 1.3.6.1.4.1.7777: .1.N (N = 1..100000), .2.0 */

#define BIG "1.3.6.1.4.1.7777"
#define BIG_ROWS 100000u

static int
big_get(void *ud, const struct sn_oid *oid, struct sn_value *out)
{
	struct sn_oid b = O(BIG);

	(void)ud;
	if (oid->len == b.len + 2 && ((oid->sub[b.len] == 1 &&
	    oid->sub[b.len + 1] >= 1 && oid->sub[b.len + 1] <= BIG_ROWS) ||
	    (oid->sub[b.len] == 2 && oid->sub[b.len + 1] == 0))) {
		*out = sn_value_int((int32_t)oid->sub[b.len + 1]);
		return 0;
	}
	*out = sn_value_null(SN_T_NOSUCHOBJECT);
	return SN_ENOTFOUND;
}

static int
big_next(void *ud, const struct sn_oid *after, struct sn_oid *found,
    struct sn_value *out)
{
	struct sn_oid b = O(BIG), first = O(BIG ".1.1"), last = O(BIG ".2.0");
	uint32_t n = 1;

	(void)ud;
	next_calls++;
	if (sn_oid_cmp(after, &last) >= 0)
		return SN_ENOTFOUND;
	if (sn_oid_cmp(after, &first) >= 0 && after->sub[b.len] == 1) {
		/* after .1.N or under it: .1.(N+1) */
		n = after->sub[b.len + 1] + 1;
		if (after->sub[b.len + 1] >= BIG_ROWS)
			n = BIG_ROWS + 1;
	} else if (sn_oid_cmp(after, &first) >= 0) {
		n = BIG_ROWS + 1;
	}
	if (n > BIG_ROWS) {
		*found = last;
		*out = sn_value_int(0);
		return 0;
	}
	*found = first;
	found->sub[b.len + 1] = n;
	*out = sn_value_int((int32_t)n);
	return 0;
}

static const struct sn_mo_ops big_ops = { big_get, big_next, NULL };

/* ---- helpers ---- */

static void
view(const char *name, const char *subtree, const char *mask_hex,
    bool included)
{
	uint8_t mask[32];
	long n = mask_hex != NULL ? tap_unhex(mask_hex, mask, sizeof(mask)) :
	    0;
	struct sn_oid o = O(subtree);
	struct sn_error err;

	if (sn_agent_vacm_add_view(agent, name, &o, mask, (size_t)n,
	    included, &err) != 0)
		tap_diag("view %s %s: %s", name, subtree, err.msg);
}

static void
group(enum sn_vacm_model m, const char *sec, const char *g)
{
	struct sn_error err;

	if (sn_agent_vacm_add_group(agent, m, sec, g, &err) != 0)
		tap_diag("group %s: %s", sec, err.msg);
}

static void
access(const char *g, const char *prefix, enum sn_vacm_model m,
    enum sn_vacm_level lvl, bool pm, const char *r, const char *w)
{
	struct sn_vacm_access a = { g, prefix, m, lvl, pm, r, w, NULL };
	struct sn_error err;

	if (sn_agent_vacm_add_access(agent, &a, &err) != 0)
		tap_diag("access %s: %s", g, err.msg);
}

/* isAccessAllowed for a read of var */
static int
chk(enum sn_vacm_model m, const char *sec, enum sn_vacm_level lvl,
    const char *ctx, const char *var)
{
	struct sn_oid o = O(var);

	return sn_agent_vacm_check(agent, m, sec, lvl, ctx, SN_VACM_READ,
	    var != NULL ? &o : NULL);
}

static void
pdu(enum sn_pdu_type t, int32_t es, int32_t ei)
{
	sn_pdu_clear(&req);
	sn_pdu_init(&req, t);
	req.request_id = 77;
	req.error_status = es;
	req.error_index = ei;
}

static void
add(const char *oid)
{
	struct sn_oid o = O(oid);

	sn_vbl_add_null(&req.vbl, &o);
}

static int
as(enum sn_version v, const char *sec, const char *ctx)
{
	struct sn_agent_principal who = {
		v == SN_V1 ? SN_VACM_MODEL_V1 : SN_VACM_MODEL_V2C, sec,
		SN_VACM_NOAUTH, ctx
	};

	return sn_agent_process_as(agent, v, &who, &req, SN_MSG_MAX, &resp,
	    NULL);
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

/* ---- the tests ---- */

static void
test_families(void)
{
	const enum sn_vacm_model V2 = SN_VACM_MODEL_V2C;
	const enum sn_vacm_level NA = SN_VACM_NOAUTH;

	/* one community per view, all reading that view */
	group(V2, "fam", "gfam");
	access("gfam", "", SN_VACM_MODEL_ANY, NA, false, "fam", NULL);
	group(V2, "nest", "gnest");
	access("gnest", "", SN_VACM_MODEL_ANY, NA, false, "nest", NULL);
	group(V2, "tie", "gtie");
	access("gtie", "", SN_VACM_MODEL_ANY, NA, false, "tie", NULL);
	group(V2, "tie2", "gtie2");
	access("gtie2", "", SN_VACM_MODEL_ANY, NA, false, "tie2", NULL);

	/*
	 * RFC 3415 vacmViewTreeFamilyMask: ifEntry row 3, any column:
	 * subtree 1.3.6.1.2.1.2.2.1.1.3 with mask FF A0 (bit 10 of 11 off).
	 */
	view("fam", "1.3.6.1.2.1.2.2.1.1.3", "ffa0", true);
	tap_ok(chk(V2, "fam", NA, "", "1.3.6.1.2.1.2.2.1.2.3") == 0,
	    "mask FFA0: ifDescr.3 is in the row-3 family");
	tap_ok(chk(V2, "fam", NA, "", "1.3.6.1.2.1.2.2.1.10.3") == 0,
	    "mask FFA0: ifInOctets.3 too (any column)");
	tap_ok(chk(V2, "fam", NA, "", "1.3.6.1.2.1.2.2.1.2.4") ==
	    SN_ENOTINVIEW, "mask FFA0: ifDescr.4 is not (row fixed)");
	tap_ok(chk(V2, "fam", NA, "", "1.3.6.1.2.1.2.2.1.2") ==
	    SN_ENOTINVIEW, "a name shorter than the subtree is not in it");
	tap_ok(chk(V2, "fam", NA, "", "1.3.6.1.2.1.2.2.1.2.3.9") == 0,
	    "a longer name under a matching prefix is in it");
	tap_ok(chk(V2, "fam", NA, "", "1.3.6.1.2.1.2.2.2.2.3") ==
	    SN_ENOTINVIEW, "mask FFA0: a fixed arc differs");
	/* a mask shorter than the subtree is extended with 1s */
	view("fam", "1.3.6.1.4.1.99.5", "fe", true);
	tap_ok(chk(V2, "fam", NA, "", "1.3.6.1.4.1.7.5") ==
	    SN_ENOTINVIEW, "short mask FE: arc 7 is not wildcarded");
	tap_ok(chk(V2, "fam", NA, "", "1.3.6.1.4.1.99.5.1") == 0,
	    "short mask FE: exact arcs match");
	view("fam", "1.3.6.1.4.1.99.6", "fd", true);
	tap_ok(chk(V2, "fam", NA, "", "1.3.6.1.4.1.12345.6.0") == 0,
	    "mask FD: arc 7 wildcarded");

	/* §5: the longest subtree decides */
	view("nest", "1.3.6.1.2.1", NULL, true);
	view("nest", "1.3.6.1.2.1.2", NULL, false);
	view("nest", "1.3.6.1.2.1.2.2.1.2", NULL, true);
	tap_ok(chk(V2, "nest", NA, "", "1.3.6.1.2.1.1.1.0") == 0,
	    "nested: sysDescr.0 included by mib-2");
	tap_ok(chk(V2, "nest", NA, "", "1.3.6.1.2.1.2.1.0") ==
	    SN_ENOTINVIEW, "nested: ifNumber.0 excluded by interfaces");
	tap_ok(chk(V2, "nest", NA, "", "1.3.6.1.2.1.2.2.1.2.1") == 0,
	    "nested: ifDescr.1 included again by the longer ifDescr");
	tap_ok(chk(V2, "nest", NA, "", "1.3.6.1.2.1.2.2.1.3.1") ==
	    SN_ENOTINVIEW, "nested: ifType.1 still excluded");
	tap_ok(chk(V2, "nest", NA, "", "1.3.6.1.4.1") == SN_ENOTINVIEW,
	    "nested: outside every family, not in view");
	/* replacing a row: interfaces now included */
	view("nest", "1.3.6.1.2.1.2", NULL, true);
	tap_ok(chk(V2, "nest", NA, "", "1.3.6.1.2.1.2.1.0") == 0,
	    "a row with the same subtree replaces the old one");

	/*
	 * §5: among equally long matching subtrees, the lexicographically
	 * greatest wins (both wildcard arc 7).
	 */
	view("tie", "1.3.6.1.4.1.9.1", "fd", true);
	view("tie", "1.3.6.1.4.1.7.1", "fd", false);
	tap_ok(chk(V2, "tie", NA, "", "1.3.6.1.4.1.5.1.0") == 0,
	    "tie: .9.1 (included) beats .7.1 (excluded)");
	view("tie2", "1.3.6.1.4.1.9.1", "fd", false);
	view("tie2", "1.3.6.1.4.1.7.1", "fd", true);
	tap_ok(chk(V2, "tie2", NA, "", "1.3.6.1.4.1.5.1.0") ==
	    SN_ENOTINVIEW, "tie: .9.1 (excluded) beats .7.1 (included)");
}

static void
test_access_selection(void)
{
	const enum sn_vacm_model V2 = SN_VACM_MODEL_V2C, U = SN_VACM_MODEL_USM;
	const enum sn_vacm_model ANY = SN_VACM_MODEL_ANY;

	/* views v1..v6 each holding only 1.3.6.1.6.3.99.N */
	view("v1", "1.3.6.1.6.3.99.1", NULL, true);
	view("v2", "1.3.6.1.6.3.99.2", NULL, true);
	view("v3", "1.3.6.1.6.3.99.3", NULL, true);
	view("v4", "1.3.6.1.6.3.99.4", NULL, true);
	view("v5", "1.3.6.1.6.3.99.5", NULL, true);
	view("v6", "1.3.6.1.6.3.99.6", NULL, true);
	group(V2, "bob", "ops");
	group(U, "bob", "ops");
	group(U, "eve", "lonely");
	group(U, "ann", "privonly");
	group(U, "noview", "gnoview");
	sn_agent_vacm_add_context(agent, "abc", NULL);
	sn_agent_vacm_add_context(agent, "abd", NULL);
	sn_agent_vacm_add_context(agent, "abz", NULL);
	sn_agent_vacm_add_context(agent, "xyz", NULL);

	access("ops", "", ANY, SN_VACM_NOAUTH, false, "v1", NULL);
	access("ops", "", U, SN_VACM_NOAUTH, false, "v2", NULL);
	access("ops", "", U, SN_VACM_AUTHPRIV, false, "v6", NULL);
	access("ops", "ab", ANY, SN_VACM_NOAUTH, true, "v3", NULL);
	access("ops", "abc", ANY, SN_VACM_NOAUTH, false, "v4", NULL);
	access("ops", "a", ANY, SN_VACM_NOAUTH, true, "v5", NULL);
	access("privonly", "", U, SN_VACM_AUTHPRIV, false, "v1", "v1");
	access("gnoview", "", U, SN_VACM_NOAUTH, false, "nosuch", "");

	tap_ok(chk(V2, "bob", SN_VACM_NOAUTH, "", "1.3.6.1.6.3.99.1.0") == 0,
	    "§4: v2c falls to the \"any\" model row");
	tap_ok(chk(U, "bob", SN_VACM_NOAUTH, "", "1.3.6.1.6.3.99.2.0") == 0,
	    "§4 (1): USM prefers its own model's row over \"any\"");
	tap_ok(chk(U, "bob", SN_VACM_AUTHNOPRIV, "", "1.3.6.1.6.3.99.2.0") ==
	    0, "§4 (4): authNoPriv: the noAuth row, authPriv's is too high");
	tap_ok(chk(U, "bob", SN_VACM_AUTHPRIV, "", "1.3.6.1.6.3.99.6.0") == 0,
	    "§4 (4): authPriv: the highest level row");
	tap_ok(chk(V2, "bob", SN_VACM_NOAUTH, "abc", "1.3.6.1.6.3.99.4.0") ==
	    0, "§4 (2): an exact context match beats prefixes");
	tap_ok(chk(V2, "bob", SN_VACM_NOAUTH, "abd", "1.3.6.1.6.3.99.3.0") ==
	    0, "§4 (3): the longest matching prefix (ab over a)");
	tap_ok(chk(V2, "bob", SN_VACM_NOAUTH, "xyz", NULL) ==
	    SN_ENOACCESSENTRY, "no row matches context xyz: noAccessEntry");
	tap_ok(chk(U, "bob", SN_VACM_NOAUTH, "abz", "1.3.6.1.6.3.99.3.0") ==
	    0, "prefix ab matches abz for USM too (any model)");
	tap_ok(chk(V2, "bob", SN_VACM_NOAUTH, "", "1.3.6.1.6.3.99.2.0") ==
	    SN_ENOTINVIEW, "the selected view decides: notInView");

	/* the distinct failures of §3.2 */
	tap_ok(chk(V2, "bob", SN_VACM_NOAUTH, "nope", NULL) ==
	    SN_ENOSUCHCONTEXT, "unknown context: noSuchContext");
	tap_ok(chk(V2, "mallory", SN_VACM_NOAUTH, "", NULL) ==
	    SN_ENOGROUPNAME, "unknown securityName: noGroupName");
	tap_ok(chk(SN_VACM_MODEL_V1, "bob", SN_VACM_NOAUTH, "", NULL) ==
	    SN_ENOGROUPNAME, "known name under another model: noGroupName");
	tap_ok(chk(U, "eve", SN_VACM_AUTHPRIV, "", NULL) == SN_ENOSUCHGROUP,
	    "a group without access rows: noSuchGroupName");
	tap_ok(chk(U, "ann", SN_VACM_AUTHNOPRIV, "", NULL) ==
	    SN_ENOACCESSENTRY, "level below every row: noAccessEntry");
	tap_ok(chk(U, "ann", SN_VACM_AUTHPRIV, "", "1.3.6.1.6.3.99.1") == 0,
	    "the same at authPriv: allowed");
	tap_ok(chk(U, "noview", SN_VACM_NOAUTH, "", NULL) == SN_ENOSUCHVIEW,
	    "a read view that does not exist: noSuchView");
	tap_ok(sn_agent_vacm_check(agent, U, "noview", SN_VACM_NOAUTH, "",
	    SN_VACM_WRITE, NULL) == SN_ENOSUCHVIEW,
	    "an empty write view name: noSuchView");
	tap_ok(sn_agent_vacm_check(agent, U, "ann", SN_VACM_AUTHPRIV, "",
	    SN_VACM_NOTIFY, NULL) == SN_ENOSUCHVIEW,
	    "no notify view configured: noSuchView");
}

static void
test_bad_rows(void)
{
	struct sn_agent *a2;
	struct sn_oid o = O("1.3");
	uint8_t mask[17] = { 0 };
	struct sn_vacm_access acc = { "g", "", SN_VACM_MODEL_ANY, 4, false,
	    "v", "v", "v" };
	struct sn_error err;

	tap_ok(sn_agent_new(NULL, &a2, NULL) == 0, "a second agent");
	tap_ok(sn_agent_vacm_check(a2, SN_VACM_MODEL_V2C, "x",
	    SN_VACM_NOAUTH, "", SN_VACM_READ, NULL) == SN_EINVAL,
	    "check without VACM configured: SN_EINVAL");
	tap_ok(sn_agent_vacm_add_view(a2, "v", &o, mask, 17, true, &err) ==
	    SN_EINVAL, "a 17-octet mask is refused: %s", err.msg);
	tap_ok(sn_agent_vacm_add_view(a2, "", &o, NULL, 0, true, &err) ==
	    SN_EINVAL, "an empty view name is refused");
	tap_ok(sn_agent_vacm_add_group(a2, SN_VACM_MODEL_V2C,
	    "123456789012345678901234567890123", "g", &err) == SN_EINVAL,
	    "a 33-octet securityName is refused");
	tap_ok(sn_agent_vacm_add_group(a2, SN_VACM_MODEL_ANY, "x", "g",
	    &err) == SN_EINVAL, "securityModel any in a group row is refused");
	tap_ok(sn_agent_vacm_add_access(a2, &acc, &err) == SN_EINVAL,
	    "securityLevel 4 is refused");
	acc.level = SN_VACM_NOAUTH;
	acc.group = "";
	tap_ok(sn_agent_vacm_add_access(a2, &acc, &err) == SN_EINVAL,
	    "an empty group name is refused");
	tap_ok(sn_agent_vacm_add_context(a2,
	    "123456789012345678901234567890123", &err) == SN_EINVAL,
	    "a 33-octet context is refused");
	tap_ok(sn_agent_map_community(a2, "c", "", NULL, &err) == SN_EINVAL,
	    "a community mapped to an empty securityName is refused");
	sn_agent_free(a2);
}

static void
test_responder(void)
{
	struct sn_mostore *st;
	struct sn_oid sub = O("1.3.6.1.2.1"), big = O(BIG);
	struct sn_value s = sn_value_str(SN_T_OCTETS, "x", 1);
	static const char *const objs[] = {
		"1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.4.0", "1.3.6.1.2.1.2.1.0",
		"1.3.6.1.2.1.2.2.1.2.1", "1.3.6.1.2.1.2.2.1.2.2",
		"1.3.6.1.2.1.2.2.1.3.1", "1.3.6.1.2.1.2.2.1.3.2",
		"1.3.6.1.2.1.4.1.0",
	};
	size_t i;
	int rc;

	sn_mostore_new(&st);
	for (i = 0; i < sizeof(objs) / sizeof(objs[0]); i++) {
		struct sn_oid o = O(objs[i]);

		sn_mostore_put(st, &o, &s, true);
	}
	sn_agent_register(agent, &sub, sn_mostore_ops(), st, NULL);
	sn_agent_register(agent, &big, &big_ops, NULL, NULL);

	/* system and interfaces without ifDescr; writes: system only */
	view("lim", "1.3.6.1.2.1.1", NULL, true);
	view("lim", "1.3.6.1.2.1.2", NULL, true);
	view("lim", "1.3.6.1.2.1.2.2.1.2", NULL, false);
	view("big", BIG, NULL, true);
	view("big", BIG ".1", NULL, false);
	view("sysonly", "1.3.6.1.2.1.1", NULL, true);
	view("row2", "1.3.6.1.2.1.2.2.1.0.2", "ffa0", true);
	group(SN_VACM_MODEL_V2C, "lim", "glim");
	group(SN_VACM_MODEL_V1, "lim", "glim");
	group(SN_VACM_MODEL_V2C, "ro", "gro");
	group(SN_VACM_MODEL_V2C, "row", "grow");
	group(SN_VACM_MODEL_V2C, "big", "gbig");
	access("gbig", "", SN_VACM_MODEL_ANY, SN_VACM_NOAUTH, false, "big",
	    NULL);
	access("glim", "", SN_VACM_MODEL_ANY, SN_VACM_NOAUTH, false, "lim",
	    "sysonly");
	access("gro", "", SN_VACM_MODEL_ANY, SN_VACM_NOAUTH, false, "lim",
	    NULL);
	access("grow", "", SN_VACM_MODEL_ANY, SN_VACM_NOAUTH, false, "row2",
	    NULL);

	pdu(SN_PDU_GET, 0, 0);
	add("1.3.6.1.2.1.1.1.0");
	add("1.3.6.1.2.1.2.2.1.2.1");
	add("1.3.6.1.2.1.4.1.0");
	rc = as(SN_V2C, "lim", "");
	tap_ok(rc == 0 && resp.error_status == 0 &&
	    rtype(0) == SN_T_OCTETS && rtype(1) == SN_T_NOSUCHOBJECT &&
	    rtype(2) == SN_T_NOSUCHOBJECT,
	    "v2c get: in view answered, excluded and outside noSuchObject");
	rc = as(SN_V1, "lim", "");
	tap_ok(rc == 0 && resp.error_status == SN_ERR_NOSUCHNAME &&
	    resp.error_index == 2, "v1 get outside the view: noSuchName "
	    "index 2 (got %d/%d)", (int)resp.error_status,
	    (int)resp.error_index);

	pdu(SN_PDU_GETNEXT, 0, 0);
	add("1.3.6.1.2.1.2.1.0");
	add("1.3.6.1.2.1.2.2.1.3.2");
	add("1.3");
	rc = as(SN_V2C, "lim", "");
	tap_ok(rc == 0 && rname(0, "1.3.6.1.2.1.2.2.1.3.1"),
	    "getnext skips the excluded ifDescr column");
	tap_ok(rtype(1) == SN_T_ENDOFMIBVIEW &&
	    rname(1, "1.3.6.1.2.1.2.2.1.3.2"),
	    "getnext past the view's last object: endOfMibView");
	tap_ok(rname(2, "1.3.6.1.2.1.1.1.0"),
	    "getnext from 1.3: the view's first object");
	pdu(SN_PDU_GETNEXT, 0, 0);
	add("1.3.6.1.2.1.2.2.1.3.2");
	rc = as(SN_V1, "lim", "");
	tap_ok(rc == 0 && resp.error_status == SN_ERR_NOSUCHNAME,
	    "v1 getnext past the view: noSuchName");

	next_calls = 0;
	pdu(SN_PDU_GETNEXT, 0, 0);
	add(BIG);
	rc = as(SN_V2C, "big", "");
	tap_ok(rc == 0 && rname(0, BIG ".2.0"),
	    "getnext jumps over an excluded subtree of 100,000 instances");
	tap_ok(next_calls <= 3, "... in %lu handler calls", next_calls);

	pdu(SN_PDU_GETBULK, 0, 10);
	add("1.3.6.1.2.1.2");
	rc = as(SN_V2C, "lim", "");
	tap_ok(rc == 0 && resp.vbl.len == 4 &&
	    rname(0, "1.3.6.1.2.1.2.1.0") &&
	    rname(1, "1.3.6.1.2.1.2.2.1.3.1") &&
	    rname(2, "1.3.6.1.2.1.2.2.1.3.2") &&
	    rtype(3) == SN_T_ENDOFMIBVIEW,
	    "getbulk: ifNumber, ifType.1, ifType.2, endOfMibView (%zu)",
	    resp.vbl.len);

	/* a wildcard family: row 2 of ifEntry, any column */
	pdu(SN_PDU_GETBULK, 0, 10);
	add("1.3");
	rc = as(SN_V2C, "row", "");
	tap_ok(rc == 0 && resp.vbl.len == 3 &&
	    rname(0, "1.3.6.1.2.1.2.2.1.2.2") &&
	    rname(1, "1.3.6.1.2.1.2.2.1.3.2") &&
	    rtype(2) == SN_T_ENDOFMIBVIEW,
	    "getbulk in a masked view: the row-2 instances only");

	pdu(SN_PDU_SET, 0, 0);
	sn_vbl_add(&req.vbl, &(struct sn_oid){ 0 }, &s);
	req.vbl.vb[0].name = O("1.3.6.1.2.1.1.4.0");
	rc = as(SN_V2C, "lim", "");
	tap_ok(rc == 0 && resp.error_status == 0,
	    "set inside the write view: noError");
	{
		struct sn_oid o = O("1.3.6.1.2.1.2.2.1.3.1");

		sn_vbl_add(&req.vbl, &o, &s);
	}
	rc = as(SN_V2C, "lim", "");
	tap_ok(rc == 0 && resp.error_status == SN_ERR_NOACCESS &&
	    resp.error_index == 2, "set outside the write view (readable): "
	    "noAccess index 2 (got %d/%d)", (int)resp.error_status,
	    (int)resp.error_index);
	rc = as(SN_V1, "lim", "");
	tap_ok(rc == 0 && resp.error_status == SN_ERR_NOSUCHNAME &&
	    resp.error_index == 2, "v1: noAccess maps to noSuchName");
	rc = as(SN_V2C, "ro", "");
	tap_ok(rc == 0 && resp.error_status == SN_ERR_AUTHORIZATIONERROR &&
	    resp.error_index == 0 && resp.vbl.len == 2,
	    "set without a write view: authorizationError, index 0");
	pdu(SN_PDU_GET, 0, 0);
	add("1.3.6.1.2.1.1.1.0");
	rc = as(SN_V2C, "nobody", "");
	tap_ok(rc == 0 && resp.error_status == SN_ERR_AUTHORIZATIONERROR,
	    "unknown securityName: authorizationError");
	rc = as(SN_V2C, "lim", "nosuchctx");
	tap_ok(rc == 0 && resp.error_status == SN_ERR_AUTHORIZATIONERROR,
	    "v2c with an unknown context: authorizationError");
	{
		struct sn_agent_principal who = { SN_VACM_MODEL_USM, "lim",
		    SN_VACM_AUTHPRIV, "nosuchctx" };

		rc = sn_agent_process_as(agent, SN_V2C, &who, &req,
		    SN_MSG_MAX, &resp, NULL);
		tap_ok(rc == SN_ENOSUCHCONTEXT,
		    "USM with an unknown context: SN_ENOSUCHCONTEXT");
	}
	/* sn_agent_process stays the unrestricted local entry */
	pdu(SN_PDU_GET, 0, 0);
	add("1.3.6.1.2.1.2.2.1.2.1");
	rc = sn_agent_process(agent, SN_V2C, true, &req, SN_MSG_MAX, &resp,
	    NULL);
	tap_ok(rc == 0 && rtype(0) == SN_T_OCTETS,
	    "sn_agent_process bypasses VACM");
	sn_agent_free(agent);
	agent = NULL;
	sn_mostore_free(st);
}

/* SNMP-VIEW-BASED-ACM-MIB served from the tables (RFC 3415 §4). */
static void
test_mib(void)
{
	struct sn_oid o, vacm = O("1.3.6.1.6.3.16");
	size_t n = 0;
	int rc;

	if (sn_agent_new(NULL, &agent, NULL) != 0)
		return;
	group(SN_VACM_MODEL_V2C, "lim", "glim");
	access("glim", "", SN_VACM_MODEL_ANY, SN_VACM_NOAUTH, false, "v",
	    NULL);
	view("v", "1.3", "ff", true);
	sn_agent_vacm_add_context(agent, "ctx", NULL);
	tap_ok(sn_agent_register_vacm_mib(agent, NULL) == 0,
	    "register SNMP-VIEW-BASED-ACM-MIB");
	pdu(SN_PDU_GET, 0, 0);
	add("1.3.6.1.6.3.16.1.2.1.3.2.3.108.105.109");	/* 2, "lim" */
	add("1.3.6.1.6.3.16.1.4.1.5.4.103.108.105.109.0.0.1");
	add("1.3.6.1.6.3.16.1.4.1.6.4.103.108.105.109.0.0.1");
	add("1.3.6.1.6.3.16.1.5.2.1.3.1.118.2.1.3");	/* mask */
	add("1.3.6.1.6.3.16.1.5.2.1.4.1.118.2.1.3");	/* type */
	add("1.3.6.1.6.3.16.1.1.1.1.0");		/* context "" */
	add("1.3.6.1.6.3.16.1.1.1.1.3.99.116.120");	/* context "ctx" */
	add("1.3.6.1.6.3.16.1.2.1.5.2.3.108.105.109");	/* status */
	rc = sn_agent_process(agent, SN_V2C, false, &req, SN_MSG_MAX, &resp,
	    NULL);
	tap_ok(rc == 0 && resp.vbl.len == 8 &&
	    rtype(0) == SN_T_OCTETS && resp.vbl.vb[0].value.v.str.len == 4 &&
	    memcmp(resp.vbl.vb[0].value.v.str.ptr, "glim", 4) == 0,
	    "vacmGroupName.2.\"lim\" = glim");
	tap_ok(rtype(1) == SN_T_OCTETS && resp.vbl.vb[1].value.v.str.len == 1 &&
	    rtype(2) == SN_T_OCTETS && resp.vbl.vb[2].value.v.str.len == 0,
	    "vacmAccessReadViewName = v, WriteViewName empty");
	tap_ok(rtype(3) == SN_T_OCTETS && resp.vbl.vb[3].value.v.str.len == 1 &&
	    resp.vbl.vb[3].value.v.str.ptr[0] == 0xff && rtype(4) ==
	    SN_T_INTEGER && resp.vbl.vb[4].value.v.i == 1,
	    "vacmViewTreeFamilyMask FF, Type included(1)");
	tap_ok(rtype(5) == SN_T_OCTETS && rtype(6) == SN_T_OCTETS &&
	    rtype(7) == SN_T_INTEGER && resp.vbl.vb[7].value.v.i == 1,
	    "vacmContextName \"\" and \"ctx\", row status active(1)");
	/* a change after registration shows at once */
	group(SN_VACM_MODEL_USM, "ann", "gann");
	pdu(SN_PDU_GET, 0, 0);
	add("1.3.6.1.6.3.16.1.2.1.3.3.3.97.110.110");
	rc = sn_agent_process(agent, SN_V2C, false, &req, SN_MSG_MAX, &resp,
	    NULL);
	tap_ok(rc == 0 && rtype(0) == SN_T_OCTETS,
	    "a group added later is served");
	/* walk: 2 contexts, 2 groups x 3, 1 access x 6, spin lock, 1 x 4 */
	o = vacm;
	for (;;) {
		pdu(SN_PDU_GETNEXT, 0, 0);
		sn_vbl_add_null(&req.vbl, &o);
		if (sn_agent_process(agent, SN_V2C, false, &req, SN_MSG_MAX,
		    &resp, NULL) != 0 || resp.vbl.len != 1 ||
		    !sn_oid_has_prefix(&resp.vbl.vb[0].name, &vacm) ||
		    sn_type_is_exception(rtype(0)))
			break;
		o = resp.vbl.vb[0].name;
		n++;
	}
	tap_ok(n == 2 + 6 + 6 + 1 + 4, "the MIB has %zu instances (19)", n);
	pdu(SN_PDU_SET, 0, 0);
	{
		struct sn_value v = sn_value_int(2);
		struct sn_oid t = O("1.3.6.1.6.3.16.1.5.2.1.4.1.118.2.1.3");

		sn_vbl_add(&req.vbl, &t, &v);
	}
	rc = sn_agent_process(agent, SN_V2C, true, &req, SN_MSG_MAX, &resp,
	    NULL);
	tap_ok(rc == 0 && resp.error_status == SN_ERR_NOTWRITABLE,
	    "the MIB is read-only: notWritable");
	sn_agent_free(agent);
	agent = NULL;
}

int
main(void)
{
	tap_plan(71);
	sn_pdu_init(&req, SN_PDU_GET);
	sn_pdu_init(&resp, SN_PDU_RESPONSE);
	if (sn_agent_new(NULL, &agent, NULL) != 0)
		return 1;
	test_families();
	test_access_selection();
	test_bad_rows();
	test_responder();
	test_mib();
	sn_pdu_clear(&req);
	sn_pdu_clear(&resp);
	return tap_done();
}
