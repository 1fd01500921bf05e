/*
 * Unit tests of the BER codec (src/engine/ber.c): the value vectors of
 * tests/vectors/values.txt decoded and re-encoded byte for byte, round trips
 * of edge values, OID edge cases (X.690 §8.19), header and depth limits, and
 * encoding into every too-small buffer.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/ber.h"
#include "tests/lib/tap.h"
#include "vec.h"

static void
value_row(const struct vec_row *row, void *arg)
{
	uint8_t in[512], want[512], out[512], *p;
	struct sn_error err;
	struct sn_value v;
	struct sn_ber d;
	struct sn_ber_enc e;
	char got[1024];
	long n, wn;
	int rc;

	(void)arg;
	n = tap_unhex(row->field[0], in, sizeof(in));
	if (n < 0 || row->nfields < 2) {
		tap_ok(0, "%s:%d: malformed row", row->file, row->line);
		return;
	}
	sn_error_clear(&err);
	sn_ber_init(&d, in, (size_t)n);
	rc = sn_ber_get_value(&d, &v, &err);
	if (rc == 0)
		rc = sn_ber_finish(&d, "value", &err);
	if (strncmp(row->field[1], "SN_E", 4) == 0) {
		if (!tap_ok(rc == 0 ? 0 : strcmp(sn_errname(rc),
		    row->field[1]) == 0 && err.code == rc &&
		    strstr(err.msg, "offset") != NULL,
		    "%s:%d: %s -> %s", row->file, row->line, row->field[0],
		    row->field[1]))
			tap_diag("got %s: %s", sn_errname(rc), err.msg);
		return;
	}
	if (rc != 0) {
		tap_ok(0, "%s:%d: %s decodes", row->file, row->line,
		    row->field[0]);
		tap_diag("got %s: %s", sn_errname(rc), err.msg);
		return;
	}
	vec_render_value(&v, got, sizeof(got));
	if (!tap_ok(strcmp(got, row->field[1]) == 0, "%s:%d: %s -> %s",
	    row->file, row->line, row->field[0], row->field[1]))
		tap_diag("got '%s'", got);
	if (row->nfields < 3)
		return;
	if (strcmp(row->field[2], "=") == 0) {
		memcpy(want, in, (size_t)n);
		wn = n;
	} else {
		wn = tap_unhex(row->field[2], want, sizeof(want));
	}
	sn_ber_enc_init(&e, out, sizeof(out));
	rc = sn_ber_put_value(&e, &v);
	p = e.p;
	if (rc != 0) {
		tap_ok(0, "%s:%d: re-encodes", row->file, row->line);
		return;
	}
	tap_mem_eq(p, (size_t)(out + sizeof(out) - p), want, (size_t)wn,
	    "%s:%d: re-encodes to %s", row->file, row->line, row->field[2]);
}

/* Encode v, check the bytes if want is given, decode and compare. */
static void
round_trip(const struct sn_value *v, const char *want_hex, const char *what)
{
	static uint8_t buf[70000];
	uint8_t want[64];
	struct sn_ber_enc e;
	struct sn_value got;
	struct sn_ber d;
	struct sn_error err;
	size_t len;
	long wn;
	int rc, same;

	sn_ber_enc_init(&e, buf, sizeof(buf));
	rc = sn_ber_put_value(&e, v);
	if (!tap_ok(rc == 0, "%s: encodes", what))
		return;
	len = (size_t)(buf + sizeof(buf) - e.p);
	if (want_hex != NULL) {
		wn = tap_unhex(want_hex, want, sizeof(want));
		tap_mem_eq(e.p, len, want, (size_t)wn, "%s: bytes", what);
	}
	sn_ber_init(&d, e.p, len);
	rc = sn_ber_get_value(&d, &got, &err);
	if (!tap_ok(rc == 0 && d.p == d.end, "%s: decodes", what)) {
		tap_diag("%s", err.msg);
		return;
	}
	same = got.type == v->type;
	switch (v->type) {
	case SN_T_INTEGER:
		same = same && got.v.i == v->v.i;
		break;
	case SN_T_COUNTER64:
		same = same && got.v.u64 == v->v.u64;
		break;
	case SN_T_OCTETS:
	case SN_T_OPAQUE:
	case SN_T_IPADDR:
		same = same && got.v.str.len == v->v.str.len &&
		    (v->v.str.len == 0 || memcmp(got.v.str.ptr, v->v.str.ptr,
		    v->v.str.len) == 0);
		break;
	case SN_T_OID:
		same = same && sn_oid_cmp(&got.v.oid, &v->v.oid) == 0;
		break;
	case SN_T_COUNTER32:
	case SN_T_GAUGE32:
	case SN_T_TIMETICKS:
		same = same && got.v.u == v->v.u;
		break;
	default:
		break;
	}
	tap_ok(same, "%s: same value after the round trip", what);
}

static void
test_round_trips(void)
{
	static uint8_t big[65000];
	struct sn_value v;
	struct sn_oid oid;
	size_t i;

	v = sn_value_int(0);
	round_trip(&v, "02 01 00", "INTEGER 0");
	v = sn_value_int(-1);
	round_trip(&v, "02 01 ff", "INTEGER -1");
	v = sn_value_int(INT32_MIN);
	round_trip(&v, "02 04 80 00 00 00", "INTEGER INT32_MIN");
	v = sn_value_int(INT32_MAX);
	round_trip(&v, "02 04 7f ff ff ff", "INTEGER INT32_MAX");
	v = sn_value_int(-32768);
	round_trip(&v, "02 02 80 00", "INTEGER -32768");
	v = sn_value_int(32768);
	round_trip(&v, "02 03 00 80 00", "INTEGER 32768");
	v = sn_value_int(-8388609);
	round_trip(&v, "02 04 ff 7f ff ff", "INTEGER -8388609");
	v = sn_value_uint(SN_T_COUNTER32, 0);
	round_trip(&v, "41 01 00", "Counter32 0");
	v = sn_value_uint(SN_T_COUNTER32, UINT32_MAX);
	round_trip(&v, "41 05 00 ff ff ff ff", "Counter32 2^32-1");
	v = sn_value_uint(SN_T_GAUGE32, 128);
	round_trip(&v, "42 02 00 80", "Gauge32 128");
	v = sn_value_uint(SN_T_TIMETICKS, 0x80000000u);
	round_trip(&v, "43 05 00 80 00 00 00", "TimeTicks 2^31");
	v = sn_value_u64(0);
	round_trip(&v, "46 01 00", "Counter64 0");
	v = sn_value_u64(UINT64_MAX);
	round_trip(&v, "46 09 00 ff ff ff ff ff ff ff ff", "Counter64 2^64-1");
	v = sn_value_u64((uint64_t)1 << 32);
	round_trip(&v, "46 05 01 00 00 00 00", "Counter64 2^32");
	v = sn_value_str(SN_T_OCTETS, "", 0);
	round_trip(&v, "04 00", "empty OCTET STRING");
	v = sn_value_str(SN_T_OCTETS, NULL, 0);
	round_trip(&v, "04 00", "empty OCTET STRING (NULL pointer)");
	for (i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 7);
	v = sn_value_str(SN_T_OCTETS, big, sizeof(big));
	round_trip(&v, NULL, "65000-byte OCTET STRING");
	v = sn_value_str(SN_T_OCTETS, big, 200);
	round_trip(&v, NULL, "200-byte OCTET STRING");
	v = sn_value_str(SN_T_IPADDR, "\x7f\x00\x00\x01", 4);
	round_trip(&v, "40 04 7f 00 00 01", "IpAddress");
	v = sn_value_str(SN_T_OPAQUE, "\x01", 1);
	round_trip(&v, "44 01 01", "Opaque");
	v = sn_value_null(SN_T_NULL);
	round_trip(&v, "05 00", "NULL");
	v = sn_value_null(SN_T_NOSUCHOBJECT);
	round_trip(&v, "80 00", "noSuchObject");
	v = sn_value_null(SN_T_NOSUCHINSTANCE);
	round_trip(&v, "81 00", "noSuchInstance");
	v = sn_value_null(SN_T_ENDOFMIBVIEW);
	round_trip(&v, "82 00", "endOfMibView");

	/* 128 arcs, each 2^32-1 after the first two */
	oid.len = SN_OID_MAX_LEN;
	oid.sub[0] = 1;
	oid.sub[1] = 3;
	for (i = 2; i < SN_OID_MAX_LEN; i++)
		oid.sub[i] = UINT32_MAX;
	v = sn_value_oid(&oid);
	round_trip(&v, NULL, "OID of 128 arcs of 2^32-1");
	for (i = 2; i < SN_OID_MAX_LEN; i++)
		oid.sub[i] = (uint32_t)i;
	v = sn_value_oid(&oid);
	round_trip(&v, NULL, "OID of 128 small arcs");
	oid.len = 2;
	oid.sub[0] = 2;
	oid.sub[1] = 999;
	v = sn_value_oid(&oid);
	round_trip(&v, "06 02 88 37", "OID 2.999");
	oid.sub[1] = UINT32_MAX;
	v = sn_value_oid(&oid);
	round_trip(&v, "06 05 90 80 80 80 4f", "OID 2.(2^32-1)");
	oid.len = 3;
	oid.sub[0] = 0;
	oid.sub[1] = 0;
	oid.sub[2] = 0x80;
	v = sn_value_oid(&oid);
	round_trip(&v, "06 03 00 81 00", "OID 0.0.128");
}

static int
encode_oid(const uint32_t *sub, size_t n, uint8_t *buf, size_t cap,
    size_t *len, uint8_t **start)
{
	struct sn_ber_enc e;
	struct sn_oid oid;
	int rc;

	sn_oid_set(&oid, sub, n);
	sn_ber_enc_init(&e, buf, cap);
	rc = sn_ber_put_oid(&e, SN_BER_OID, &oid);
	*start = e.p;
	*len = (size_t)(buf + cap - e.p);
	return rc;
}

static void
test_oid_edges(void)
{
	static const uint32_t one[] = { 1 }, two[] = { 2 }, bad3[] = { 3, 1 },
	    bad40[] = { 1, 40 }, bad0[] = { 0, 40 }, ok39[] = { 1, 39 };
	uint8_t buf[1024], hex[1024], *p;
	struct sn_oid oid;
	struct sn_ber d;
	struct sn_error err;
	size_t len, i;
	int rc;

	rc = encode_oid(NULL, 0, buf, sizeof(buf), &len, &p);
	tap_ok(rc == 0, "empty OID encodes");
	tap_mem_eq(p, len, "\x06\x01\x00", 3, "empty OID is written as 0.0");
	rc = encode_oid(one, 1, buf, sizeof(buf), &len, &p);
	tap_mem_eq(p, len, "\x06\x01\x28", 3, "OID .1 is written as 1.0");
	rc = encode_oid(two, 1, buf, sizeof(buf), &len, &p);
	tap_mem_eq(p, len, "\x06\x01\x50", 3, "OID .2 is written as 2.0");
	tap_ok(encode_oid(bad3, 2, buf, sizeof(buf), &len, &p) == SN_EINVAL,
	    "first arc 3 is SN_EINVAL");
	tap_ok(encode_oid(bad40, 2, buf, sizeof(buf), &len, &p) == SN_EINVAL,
	    "1.40 is SN_EINVAL");
	tap_ok(encode_oid(bad0, 2, buf, sizeof(buf), &len, &p) == SN_EINVAL,
	    "0.40 is SN_EINVAL");
	rc = encode_oid(ok39, 2, buf, sizeof(buf), &len, &p);
	tap_mem_eq(p, len, "\x06\x01\x4f", 3, "1.39 encodes");

	/* 129 arcs on the wire: 0x2b then 127 single-octet arcs */
	hex[0] = 0x06;
	hex[1] = 128;
	hex[2] = 0x2b;
	for (i = 0; i < 126; i++)
		hex[3 + i] = (uint8_t)(i + 1);
	sn_ber_init(&d, hex, 3 + 126);
	hex[1] = 127;
	rc = sn_ber_get_oid(&d, SN_BER_OID, &oid, "name", &err);
	tap_ok(rc == 0 && oid.len == 128, "128 arcs decode");
	hex[1] = 0x81;
	hex[2] = 128;
	hex[3] = 0x2b;
	for (i = 0; i < 127; i++)
		hex[4 + i] = (uint8_t)(i + 1);
	sn_ber_init(&d, hex, 4 + 127);
	rc = sn_ber_get_oid(&d, SN_BER_OID, &oid, "name", &err);
	if (!tap_ok(rc == SN_ETOOLONG, "129 arcs are SN_ETOOLONG"))
		tap_diag("got %s: %s", sn_errname(rc), err.msg);
	else
		tap_diag("%s", err.msg);
}

static void
test_headers(void)
{
	static const uint8_t deep[] = { 0x30, 0x12, 0x30, 0x10, 0x30, 0x0e,
		0x30, 0x0c, 0x30, 0x0a, 0x30, 0x08, 0x30, 0x06, 0x30, 0x04,
		0x30, 0x02, 0x30, 0x00 };
	static const uint8_t over[] = { 0x04, 0x82, 0x01, 0x2c, 0x61, 0x62 };
	struct sn_ber d, sub[12];
	struct sn_error err;
	uint8_t tag, pad[17 + sizeof(over)];
	size_t len;
	int rc, i;

	sn_ber_init(&d, deep, sizeof(deep));
	sub[0] = d;
	rc = 0;
	for (i = 0; i < 10 && rc == 0; i++)
		rc = sn_ber_enter(&sub[i], SN_BER_SEQUENCE, NULL, &sub[i + 1],
		    "level", &err);
	tap_ok(rc == SN_EDEPTH && i == SN_BER_MAX_DEPTH + 1,
	    "nesting past %d levels is SN_EDEPTH (%s)", SN_BER_MAX_DEPTH,
	    rc ? err.msg : "");
	sn_ber_init(&d, over, sizeof(over));
	rc = sn_ber_get_header(&d, &tag, &len, &err);
	tap_ok(rc == SN_ETRUNC && strcmp(err.msg,
	    "at offset 0: length 300 exceeds remaining 2 bytes") == 0,
	    "length past the end names offset and sizes: '%s'", err.msg);
	memset(pad, 0, sizeof(pad));
	memcpy(pad + 17, over, sizeof(over));
	sn_ber_init(&d, pad, sizeof(pad));
	d.p = pad + 17;
	rc = sn_ber_get_header(&d, &tag, &len, &err);
	tap_ok(rc == SN_ETRUNC && strncmp(err.msg, "at offset 17:", 13) == 0,
	    "offsets count from the message start: '%s'", err.msg);
}

static void
test_small_buffers(void)
{
	static const char *const s = "a string of some length";
	struct sn_value vals[6];
	struct sn_oid oid;
	struct sn_ber_enc e;
	uint8_t *buf;
	size_t need, cap, i;
	int rc, bad = 0;

	sn_oid_parse(&oid, "1.3.6.1.4.1.4294967295.200", NULL);
	vals[0] = sn_value_int(INT32_MIN);
	vals[1] = sn_value_u64(UINT64_MAX);
	vals[2] = sn_value_str(SN_T_OCTETS, s, strlen(s));
	vals[3] = sn_value_oid(&oid);
	vals[4] = sn_value_null(SN_T_NULL);
	vals[5] = sn_value_uint(SN_T_TIMETICKS, UINT32_MAX);
	for (i = 0; i < 6; i++) {
		uint8_t tmp[256];

		sn_ber_enc_init(&e, tmp, sizeof(tmp));
		sn_ber_put_value(&e, &vals[i]);
		need = (size_t)(tmp + sizeof(tmp) - e.p);
		/* exact-size heap buffers let ASan catch any stray write */
		for (cap = 0; cap <= need; cap++) {
			buf = malloc(cap ? cap : 1);
			sn_ber_enc_init(&e, buf, cap);
			rc = sn_ber_put_value(&e, &vals[i]);
			if ((cap < need && rc != SN_EENCODE) ||
			    (cap == need && (rc != 0 || e.p != buf)))
				bad++;
			free(buf);
		}
	}
	tap_ok(bad == 0, "every too-small buffer is SN_EENCODE, exact fits");
}

int
main(void)
{
	int rows;

	rows = vec_foreach("values.txt", value_row, NULL);
	tap_ok(rows > 50, "values.txt has rows (%d)", rows);
	test_round_trips();
	test_oid_edges();
	test_headers();
	test_small_buffers();
	return tap_done();
}
