/*
 * Unit tests of sn_mostore (mostore.c): sorted instances, replace, computed
 * values, lexicographic successor (RFC 3416 §4.2.2), the noSuchObject /
 * noSuchInstance rule, and Set test/commit/undo (RFC 3416 §4.2.5).
 */
#include "config.h"

#include <string.h>

#include <sn/agent.h>

#include "tests/lib/tap.h"

static struct sn_oid
O(const char *s)
{
	struct sn_oid o;

	if (sn_oid_parse(&o, s, NULL) < 0)
		o.len = 0;
	return o;
}

static int calls;

static int
fn(void *ud, const struct sn_oid *oid, struct sn_value *out)
{
	(void)oid;
	calls++;
	*out = sn_value_uint(SN_T_GAUGE32, *(uint32_t *)ud);
	return 0;
}

static int
fn_fail(void *ud, const struct sn_oid *oid, struct sn_value *out)
{
	(void)ud;
	(void)oid;
	(void)out;
	return SN_EINTERNAL;
}

static bool
str_is(const struct sn_value *v, const char *s)
{
	return v->type == SN_T_OCTETS && v->v.str.len == strlen(s) &&
	    memcmp(v->v.str.ptr, s, v->v.str.len) == 0;
}

int
main(void)
{
	struct sn_mostore *st;
	const struct sn_mo_ops *ops = sn_mostore_ops();
	struct sn_value v;
	struct sn_oid o, f;
	uint32_t gauge = 77;
	/* inserted out of order on purpose */
	static const char *order[] = {
		"1.3.6.1.2.1.2.2.1.2.10", "1.3.6.1.2.1.1.5.0",
		"1.3.6.1.2.1.2.2.1.2.2", "1.3.6.1.2.1.1.1.0",
		"1.3.6.1.2.1.2.2.1.2.1", "1.3.6.1.2.1.1.4.0",
	};
	static const char *sorted[] = {
		"1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.4.0", "1.3.6.1.2.1.1.5.0",
		"1.3.6.1.2.1.2.2.1.2.1", "1.3.6.1.2.1.2.2.1.2.2",
		"1.3.6.1.2.1.2.2.1.2.10",
	};
	size_t i;
	bool ok;

	tap_ok(sn_mostore_new(&st) == 0 && st != NULL, "new");
	ok = true;
	for (i = 0; i < 6; i++) {
		o = O(order[i]);
		v = sn_value_str(SN_T_OCTETS, order[i], strlen(order[i]));
		ok = ok && sn_mostore_put(st, &o, &v, i % 2 == 1) == 0;
	}
	tap_ok(ok, "put six instances");
	o = O("1.3.6.1.2.1.1.1.0");
	tap_ok(sn_mostore_get(st, &o, &v) == 0 && str_is(&v,
	    "1.3.6.1.2.1.1.1.0"), "get returns the stored value");
	o = O("1.3.6.1.2.1.1.2.0");
	tap_ok(sn_mostore_get(st, &o, &v) == SN_ENOTFOUND, "get of a missing "
	    "instance: SN_ENOTFOUND");

	/* walk in order through ops->next */
	o = O("1");
	ok = true;
	for (i = 0; i < 6; i++) {
		struct sn_oid w = O(sorted[i]);

		ok = ok && ops->next(st, &o, &f, &v) == 0 &&
		    sn_oid_cmp(&f, &w) == 0 && str_is(&v, sorted[i]);
		o = f;
	}
	tap_ok(ok, "next walks the instances in lexicographic order");
	tap_ok(ops->next(st, &o, &f, &v) == SN_ENOTFOUND, "next after the "
	    "last: SN_ENOTFOUND");
	o = O("1.3.6.1.2.1.2.2.1.2.3");
	tap_ok(ops->next(st, &o, &f, &v) == 0 &&
	    str_is(&v, "1.3.6.1.2.1.2.2.1.2.10"), "next from between "
	    "instances: numeric, not text, order");

	/* replace */
	o = O("1.3.6.1.2.1.1.5.0");
	v = sn_value_int(5);
	tap_ok(sn_mostore_put(st, &o, &v, true) == 0 &&
	    sn_mostore_get(st, &o, &v) == 0 && v.type == SN_T_INTEGER &&
	    v.v.i == 5, "put replaces an instance");
	v = sn_value_null(SN_T_NOSUCHOBJECT);
	tap_ok(sn_mostore_put(st, &o, &v, true) == SN_EINVAL,
	    "an exception is not a storable value");

	/* computed */
	o = O("1.3.6.1.2.1.1.7.0");
	tap_ok(sn_mostore_put_fn(st, &o, SN_T_GAUGE32, fn, &gauge) == 0,
	    "put_fn");
	gauge = 78;
	tap_ok(sn_mostore_get(st, &o, &v) == 0 && v.type == SN_T_GAUGE32 &&
	    v.v.u == 78 && calls == 1, "computed value read at each get");
	o = O("1.3.6.1.2.1.1.6.0");
	tap_ok(sn_mostore_put_fn(st, &o, SN_T_GAUGE32, fn_fail, NULL) == 0,
	    "put_fn of a failing computation");
	o = O("1.3.6.1.2.1.1.5.0");
	tap_ok(ops->next(st, &o, &f, &v) == 0 && v.type == SN_T_GAUGE32 &&
	    f.len == 9 && f.sub[7] == 7, "next skips an instance whose "
	    "computation fails");

	/* the exception rule */
	o = O("1.3.6.1.2.1.1.4.1");
	tap_ok(ops->get(st, &o, &v) == SN_ENOTFOUND &&
	    v.type == SN_T_NOSUCHINSTANCE, "x.1 of scalar x.0: "
	    "noSuchInstance");
	o = O("1.3.6.1.2.1.2.2.1.2.99");
	tap_ok(ops->get(st, &o, &v) == SN_ENOTFOUND &&
	    v.type == SN_T_NOSUCHINSTANCE, "missing row of a column: "
	    "noSuchInstance");
	o = O("1.3.6.1.2.1.2.2.1.3.1");
	tap_ok(ops->get(st, &o, &v) == SN_ENOTFOUND &&
	    v.type == SN_T_NOSUCHOBJECT, "unknown column: noSuchObject");
	o = O("1.3.6.1.2.1.2.2.1");
	tap_ok(ops->get(st, &o, &v) == SN_ENOTFOUND &&
	    v.type == SN_T_NOSUCHOBJECT, "a table entry node: noSuchObject");

	/* set */
	o = O("1.3.6.1.2.1.1.4.0");	/* writable (i == 5 above) */
	v = sn_value_str(SN_T_OCTETS, "new", 3);
	tap_ok(ops->set(st, SN_SET_TEST, &o, &v) == 0, "test of a writable "
	    "instance");
	v = sn_value_int(1);
	tap_ok(ops->set(st, SN_SET_TEST, &o, &v) == SN_ERR_WRONGTYPE,
	    "test with another type: wrongType");
	v = sn_value_str(SN_T_OCTETS, "new", 3);
	tap_ok(ops->set(st, SN_SET_COMMIT, &o, &v) == 0 &&
	    sn_mostore_get(st, &o, &v) == 0 && str_is(&v, "new"),
	    "commit stores the value");
	tap_ok(ops->set(st, SN_SET_UNDO, &o, &v) == 0 &&
	    sn_mostore_get(st, &o, &v) == 0 &&
	    str_is(&v, "1.3.6.1.2.1.1.4.0"), "undo restores the old value");
	tap_ok(ops->set(st, SN_SET_UNDO, &o, &v) == SN_ERR_UNDOFAILED,
	    "a second undo has nothing to restore");
	o = O("1.3.6.1.2.1.2.2.1.2.1");	/* read-only */
	tap_ok(ops->set(st, SN_SET_TEST, &o, &v) == SN_ERR_NOTWRITABLE,
	    "read-only instance: notWritable");
	o = O("1.3.6.1.2.1.1.7.0");
	v = sn_value_uint(SN_T_GAUGE32, 1);
	tap_ok(ops->set(st, SN_SET_TEST, &o, &v) == SN_ERR_NOTWRITABLE,
	    "computed instance: notWritable");
	o = O("1.3.6.1.2.1.1.4.2");
	tap_ok(ops->set(st, SN_SET_TEST, &o, &v) == SN_ERR_NOCREATION,
	    "new instance of a known object: noCreation");
	o = O("1.3.6.1.4.1.1.0");
	tap_ok(ops->set(st, SN_SET_TEST, &o, &v) == SN_ERR_NOTWRITABLE,
	    "unknown object: notWritable");

	/* many instances: stays sorted, lookups work */
	ok = true;
	for (i = 5000; i > 0; i--) {
		o = O("1.3.6.1.4.1.99.1");
		sn_oid_append(&o, (uint32_t)(i * 7919 % 5003));
		v = sn_value_uint(SN_T_COUNTER32, (uint32_t)i);
		ok = ok && sn_mostore_put(st, &o, &v, false) == 0;
	}
	o = O("1.3.6.1.4.1.99.1");
	i = 0;
	while (ops->next(st, &o, &f, &v) == 0 && sn_oid_cmp(&f, &o) > 0) {
		o = f;
		i++;
	}
	tap_ok(ok && i == 5000, "5000 puts out of order, walk sees %zu in "
	    "increasing order", i);
	sn_mostore_free(st);
	sn_mostore_free(NULL);
	tap_ok(1, "free, and free(NULL)");
	return tap_done();
}
