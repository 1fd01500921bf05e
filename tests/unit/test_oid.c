/*
 * Unit tests of OIDs as values (src/engine/oid.c): numeric text in and
 * out, limits of RFC 2578 §3.5 (128 arcs, 2^32-1), the RFC 3416 order.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sn/oid.h>

#include "tests/lib/tap.h"

static void
parse_ok(const char *text, const char *want)
{
	struct sn_oid oid;
	char buf[SN_OID_STR_MAX];
	int rc;

	rc = sn_oid_parse(&oid, text, NULL);
	if (rc == 0)
		sn_oid_format(&oid, true, buf, sizeof(buf));
	tap_ok(rc == 0 && strcmp(buf, want) == 0, "parse '%s' -> %s", text,
	    want);
}

static void
parse_bad(const char *text, int code)
{
	struct sn_oid oid;
	struct sn_error err;
	int rc;

	rc = sn_oid_parse(&oid, text, &err);
	tap_ok(rc == code && err.code == code, "parse '%s' -> %s (%s)", text,
	    sn_errname(code), rc ? err.msg : "");
}

int
main(void)
{
	struct sn_oid a, b, c;
	char big[SN_OID_STR_MAX * 2], buf[SN_OID_STR_MAX], small[6];
	size_t i, pos;
	int rc;

	parse_ok("1.3.6.1", ".1.3.6.1");
	parse_ok(".1.3.6.1.2.1.1.1.0", ".1.3.6.1.2.1.1.1.0");
	parse_ok("0", ".0");
	parse_ok("4294967295", ".4294967295");
	parse_ok("2.999.0", ".2.999.0");
	parse_ok("1.3.00017", ".1.3.17");
	parse_bad("", SN_ENAME);
	parse_bad(".", SN_ENAME);
	parse_bad("1..3", SN_ENAME);
	parse_bad("1.3.", SN_ENAME);
	parse_bad("1.3.x", SN_ENAME);
	parse_bad("sysDescr.0", SN_ENAME);
	parse_bad("1.-3", SN_ENAME);
	parse_bad("1.3 ", SN_ENAME);
	parse_bad("4294967296", SN_EOVERFLOW);
	parse_bad("1.99999999999999999999999", SN_EOVERFLOW);

	/* 128 arcs parse, 129 do not */
	pos = 0;
	for (i = 0; i < 129; i++)
		pos += (size_t)snprintf(big + pos, sizeof(big) - pos, "%s%u",
		    i ? "." : "", 4294967295u);
	rc = sn_oid_parse(&a, big, NULL);
	tap_ok(rc == SN_ETOOLONG, "129 arcs are SN_ETOOLONG");
	big[pos - 11] = '\0';
	rc = sn_oid_parse(&a, big, NULL);
	tap_ok(rc == 0 && a.len == 128, "128 arcs parse");
	rc = sn_oid_format(&a, true, buf, sizeof(buf));
	tap_ok(rc == (int)(SN_OID_STR_MAX - 1) && buf[rc] == '\0',
	    "the longest OID fills SN_OID_STR_MAX exactly (%d)", rc);
	rc = sn_oid_format(&a, false, buf, sizeof(buf));
	tap_ok(rc == (int)(SN_OID_STR_MAX - 2) && strcmp(buf, big) == 0,
	    "format without the dot gives the text back");

	sn_oid_parse(&a, "1.3.6.1", NULL);
	rc = sn_oid_format(&a, true, small, sizeof(small));
	tap_ok(rc == SN_ETOOLONG && strlen(small) < sizeof(small),
	    "format into a small buffer is SN_ETOOLONG, NUL-terminated");
	rc = sn_oid_format(&a, true, small, 0);
	tap_ok(rc == SN_ETOOLONG, "format into nothing");
	a.len = 0;
	rc = sn_oid_format(&a, true, buf, sizeof(buf));
	tap_ok(rc == 1 && strcmp(buf, ".") == 0, "empty OID with dot is '.'");
	rc = sn_oid_format(&a, false, buf, sizeof(buf));
	tap_ok(rc == 0 && strcmp(buf, "") == 0, "empty OID is ''");

	/* RFC 3416 §4.2.2 lexicographic order */
	sn_oid_parse(&a, "1.3.6.1.2", NULL);
	sn_oid_parse(&b, "1.3.6.1.2.1", NULL);
	sn_oid_parse(&c, "1.3.6.1.10", NULL);
	tap_ok(sn_oid_cmp(&a, &b) < 0 && sn_oid_cmp(&b, &a) > 0,
	    "prefix sorts first");
	tap_ok(sn_oid_cmp(&b, &c) < 0 && sn_oid_cmp(&c, &a) > 0,
	    "arcs compare as numbers, not text");
	tap_ok(sn_oid_cmp(&a, &a) == 0, "equal");
	sn_oid_parse(&b, "1.3.6.1.4294967295", NULL);
	tap_ok(sn_oid_cmp(&c, &b) < 0, "2^32-1 compares unsigned");
	sn_oid_parse(&b, "1.3.6.1.2.1", NULL);
	tap_ok(sn_oid_has_prefix(&b, &a) && sn_oid_has_prefix(&a, &a) &&
	    !sn_oid_has_prefix(&a, &b) && !sn_oid_has_prefix(&c, &a),
	    "has_prefix");
	a.len = 0;
	tap_ok(sn_oid_has_prefix(&b, &a), "empty OID is a prefix of all");

	a.len = 127;
	tap_ok(sn_oid_append(&a, 5) == 0 && a.len == 128 && a.sub[127] == 5,
	    "append the 128th arc");
	tap_ok(sn_oid_append(&a, 6) == SN_ETOOLONG && a.len == 128,
	    "append a 129th arc is SN_ETOOLONG");
	tap_ok(sn_oid_set(&a, c.sub, 5) == 0 && sn_oid_cmp(&a, &c) == 0,
	    "set");
	tap_ok(sn_oid_set(&a, c.sub, 129) == SN_ETOOLONG, "set 129 arcs");
	return tap_done();
}
