/*
 * Unit tests of typed values and varbind lists (src/engine/value.c): type
 * names of SPEC §3, ownership of copied strings, reuse of storage after
 * sn_vbl_reset(), deep copies, the SN_VBL_MAX limit, and the error table.
 */
#include "config.h"

#include <string.h>

#include <sn/value.h>

#include "tests/lib/tap.h"

int
main(void)
{
	static const struct {
		enum sn_type t;
		const char *name;
	} names[] = {
		{ SN_T_INTEGER, "Integer32" }, { SN_T_OCTETS, "OctetString" },
		{ SN_T_NULL, "Null" }, { SN_T_OID, "ObjectIdentifier" },
		{ SN_T_IPADDR, "IpAddress" }, { SN_T_COUNTER32, "Counter32" },
		{ SN_T_GAUGE32, "Gauge32" }, { SN_T_TIMETICKS, "TimeTicks" },
		{ SN_T_OPAQUE, "Opaque" }, { SN_T_COUNTER64, "Counter64" },
		{ SN_T_NOSUCHOBJECT, "noSuchObject" },
		{ SN_T_NOSUCHINSTANCE, "noSuchInstance" },
		{ SN_T_ENDOFMIBVIEW, "endOfMibView" }
	};
	struct sn_vbl a, b;
	struct sn_oid name, o;
	struct sn_value v;
	struct sn_error err;
	char text[64];
	const uint8_t *p;
	struct sn_varbind *vb0;
	size_t i;
	int ok, rc;

	ok = 1;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		ok = ok && strcmp(sn_type_name(names[i].t), names[i].name) == 0;
	tap_ok(ok, "type names as SPEC §3");
	tap_ok(sn_type_is_exception(SN_T_ENDOFMIBVIEW) &&
	    sn_type_is_exception(SN_T_NOSUCHOBJECT) &&
	    !sn_type_is_exception(SN_T_NULL), "exceptions");

	sn_vbl_init(&a);
	sn_oid_parse(&name, "1.3.6.1.2.1.1.1.0", NULL);
	memcpy(text, "hello", 6);
	v = sn_value_str(SN_T_OCTETS, text, 5);
	rc = sn_vbl_add(&a, &name, &v);
	memcpy(text, "XXXXX", 6);
	tap_ok(rc == 0 && a.len == 1 && a.vb[0].value.v.str.len == 5 &&
	    memcmp(a.vb[0].value.v.str.ptr, "hello", 5) == 0,
	    "add copies the string bytes");
	sn_oid_parse(&o, "1.3.6.1.4.1.8072", NULL);
	v = sn_value_oid(&o);
	sn_vbl_add(&a, &name, &v);
	v = sn_value_int(-7);
	sn_vbl_add(&a, &name, &v);
	v = sn_value_u64(UINT64_MAX);
	sn_vbl_add(&a, &name, &v);
	v = sn_value_str(SN_T_OCTETS, NULL, 0);
	sn_vbl_add(&a, &name, &v);
	sn_vbl_add_null(&a, &name);
	tap_ok(a.len == 6 && a.vb[1].value.v.oid.len == 7 &&
	    a.vb[2].value.v.i == -7 && a.vb[3].value.v.u64 == UINT64_MAX &&
	    a.vb[4].value.v.str.len == 0 && a.vb[5].value.type == SN_T_NULL,
	    "values of each kind are kept");

	/* adding a varbind of the list itself, across a reallocation */
	for (i = a.len; i < 16; i++)
		sn_vbl_add(&a, &name, &a.vb[0].value);
	rc = sn_vbl_add(&a, &a.vb[0].name, &a.vb[0].value);
	tap_ok(rc == 0 && a.len == 17 && a.vb[16].value.v.str.len == 5 &&
	    memcmp(a.vb[16].value.v.str.ptr, "hello", 5) == 0 &&
	    sn_oid_cmp(&a.vb[16].name, &name) == 0,
	    "adding an element of the list to itself survives growth");
	rc = sn_vbl_add_null(&a, &a.vb[3].name);
	tap_ok(rc == 0 && a.len == 18, "add_null from the list itself");

	sn_vbl_init(&b);
	rc = sn_vbl_copy(&b, &a);
	p = a.vb[0].value.v.str.ptr;
	sn_vbl_clear(&a);
	tap_ok(rc == 0 && b.len == 18 && b.vb[0].value.v.str.ptr != p &&
	    memcmp(b.vb[0].value.v.str.ptr, "hello", 5) == 0 &&
	    b.vb[3].value.v.u64 == UINT64_MAX,
	    "copy is deep and outlives the source");
	tap_ok(a.len == 0 && a.vb == NULL && a.chunks == NULL,
	    "clear leaves the list empty and initialised");

	/* reset keeps storage: refilling the same does not allocate */
	vb0 = b.vb;
	for (i = 0; i < 3; i++) {
		size_t k;

		sn_vbl_reset(&b);
		for (k = 0; k < 300; k++) {
			v = sn_value_str(SN_T_OCTETS, "0123456789abcdef0123"
			    "456789abcdef", 32);
			sn_vbl_add(&b, &name, &v);
		}
	}
	vb0 = b.vb;
	{
		void *c0 = b.chunks;

		sn_vbl_reset(&b);
		for (i = 0; i < 300; i++) {
			v = sn_value_str(SN_T_OCTETS, "0123456789abcdef0123"
			    "456789abcdef", 32);
			sn_vbl_add(&b, &name, &v);
		}
		tap_ok(b.vb == vb0 && (void *)b.chunks == c0,
		    "after reset the same content reuses array and storage");
	}
	tap_ok(sn_vbl_store(&b, "", 0) != NULL, "storing 0 bytes works");

	sn_vbl_reset(&b);
	ok = 1;
	for (i = 0; i < SN_VBL_MAX && ok; i++)
		ok = sn_vbl_add_null(&b, &name) == 0;
	tap_ok(ok && b.len == SN_VBL_MAX, "%d varbinds fit", SN_VBL_MAX);
	tap_ok(sn_vbl_add_null(&b, &name) == SN_ELIMIT &&
	    sn_vbl_add(&b, &name, &v) == SN_ELIMIT &&
	    sn_vbl_push(&b) == NULL, "one more is SN_ELIMIT");
	sn_vbl_clear(&b);
	sn_vbl_clear(&b);

	/* the error table */
	tap_ok(strcmp(sn_errname(SN_ETIMEDOUT), "SN_ETIMEDOUT") == 0 &&
	    strcmp(sn_strerror(SN_ETIMEDOUT), "timeout") == 0 &&
	    strcmp(sn_errname(-12345), "SN_EUNKNOWN") == 0,
	    "error names and texts");
	rc = sn_error_set(&err, SN_ETRUNC, "at offset %d: x", 17);
	tap_ok(rc == SN_ETRUNC && err.code == SN_ETRUNC &&
	    strcmp(err.msg, "at offset 17: x") == 0, "sn_error_set formats");
	sn_error_set(&err, SN_ENOMEM, NULL);
	tap_ok(strcmp(err.msg, "out of memory") == 0, "NULL format");
	sn_error_clear(&err);
	tap_ok(err.code == 0 && err.msg[0] == '\0', "sn_error_clear");
	tap_ok(sn_error_set(NULL, SN_EINVAL, "x") == SN_EINVAL, "NULL err");

	/* sn_hex_decode: the forms engine IDs, keys and `set x` take */
	{
		uint8_t h[8];
		size_t hn = 99;

		tap_ok(sn_hex_decode("0x80001F88", h, sizeof(h), &hn, 0) ==
		    0 && hn == 4 && memcmp(h, "\x80\x00\x1f\x88", 4) == 0,
		    "hex: 0x prefix, both cases");
		tap_ok(sn_hex_decode("0Xab", h, sizeof(h), &hn, 0) == 0 &&
		    hn == 1 && h[0] == 0xab, "hex: 0X prefix");
		tap_ok(sn_hex_decode("", h, sizeof(h), &hn, 0) == 0 &&
		    hn == 0 && sn_hex_decode("0x", h, sizeof(h), &hn, 0) ==
		    0 && hn == 0, "hex: empty is 0 octets");
		tap_ok(sn_hex_decode("01 02", h, sizeof(h), &hn, 0) ==
		    SN_EINVAL && sn_hex_decode("01:02", h, sizeof(h), &hn,
		    0) == SN_EINVAL, "hex: no separators without the flag");
		hn = 99;
		tap_ok(sn_hex_decode("abc", h, sizeof(h), &hn, 0) ==
		    SN_EINVAL && sn_hex_decode("0g", h, sizeof(h), &hn, 0) ==
		    SN_EINVAL && hn == 99, "hex: odd digits, non-hex; "
		    "len untouched");
		tap_ok(sn_hex_decode("0x01 02:ff\t0A", h, sizeof(h), &hn,
		    SN_HEX_SEPARATORS) == 0 && hn == 4 &&
		    memcmp(h, "\x01\x02\xff\x0a", 4) == 0, "hex: blanks and colons with "
		    "SN_HEX_SEPARATORS");
		tap_ok(sn_hex_decode("0 1", h, sizeof(h), &hn,
		    SN_HEX_SEPARATORS) == SN_EINVAL,
		    "hex: a separator inside a pair");
		tap_ok(sn_hex_decode("0102030405060708", h, sizeof(h), &hn,
		    0) == 0 && hn == 8 && sn_hex_decode("010203040506070809",
		    h, sizeof(h), &hn, 0) == SN_ETOOLONG,
		    "hex: cap octets fit, one more is SN_ETOOLONG");
	}
	return tap_done();
}
