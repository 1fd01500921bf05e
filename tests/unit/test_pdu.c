/*
 * Unit tests of PDUs and community messages (src/engine/pdu.c, mp_v1.c):
 * the message vectors of tests/vectors/messages.txt (captured from Net-SNMP
 * and PySNMP, plus failing rows), every truncation of every valid message,
 * limits (varbinds, community, message size), version and PDU-type rules,
 * encoding into too-small buffers, and Net-SNMP's error-status strings.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sn/pdu.h>

#include "tests/lib/tap.h"
#include "vec.h"

#define BUFSZ 70000

static struct sn_msg msg;	/* reused across rows: storage is recycled */
static int valid_rows;

static void
check_truncations(const uint8_t *in, size_t n, const char *what)
{
	struct sn_msg m;
	struct sn_error err;
	size_t k;
	int bad = 0, rc;

	sn_msg_init(&m);
	for (k = 0; k < n; k++) {
		/* exact-size copies let ASan catch any read past the end */
		uint8_t *cut = malloc(k ? k : 1);

		memcpy(cut, in, k);
		rc = sn_msg_decode(cut, k, &m, &err);
		if (rc != SN_ETRUNC) {
			if (bad++ == 0)
				tap_diag("prefix %zu: %s %s", k,
				    sn_errname(rc), rc ? err.msg : "");
		}
		free(cut);
	}
	sn_msg_clear(&m);
	tap_ok(bad == 0, "%s: all %zu truncations are SN_ETRUNC", what, n);
}

/* The PDU alone: encode it, find it at the end of the message, decode it. */
static void
check_pdu_alone(const uint8_t *in, size_t n, const char *what)
{
	static uint8_t buf[BUFSZ];
	struct sn_pdu pdu;
	struct sn_error err;
	char a[8192], b[8192];
	uint8_t *out;
	size_t len, k;
	int rc, bad = 0;

	rc = sn_pdu_encode(&msg.pdu, buf, sizeof(buf), &out, &len, &err);
	if (!tap_ok(rc == 0 && len <= n &&
	    memcmp(out, in + n - len, len) == 0,
	    "%s: the PDU encodes alone as the message's last %zu bytes", what,
	    len))
		return;
	sn_pdu_init(&pdu, SN_PDU_GET);
	rc = sn_pdu_decode(out, len, &pdu, &err);
	vec_render_pdu(&msg.pdu, a, sizeof(a));
	vec_render_pdu(&pdu, b, sizeof(b));
	tap_ok(rc == 0 && strcmp(a, b) == 0, "%s: the PDU decodes alone",
	    what);
	for (k = 0; k < len; k++) {
		if (sn_pdu_decode(out, k, &pdu, &err) != SN_ETRUNC)
			bad++;
	}
	tap_ok(bad == 0 && pdu.vbl.len == 0,
	    "%s: truncated PDUs are SN_ETRUNC and leave no varbinds", what);
	sn_pdu_clear(&pdu);
}

static void
msg_row(const struct vec_row *row, void *arg)
{
	static uint8_t in[BUFSZ], want[BUFSZ], buf[BUFSZ];
	struct sn_error err;
	char got[8192];
	uint8_t *out;
	size_t outlen;
	long n, wn = 0;
	long ver;
	int rc;

	(void)arg;
	n = tap_unhex(row->field[0], in, sizeof(in));
	if (n < 0 || row->nfields < 2) {
		tap_ok(0, "%s:%d: malformed row", row->file, row->line);
		return;
	}
	sn_error_clear(&err);
	rc = sn_msg_decode(in, (size_t)n, &msg, &err);
	if (strncmp(row->field[1], "SN_E", 4) == 0) {
		if (!tap_ok(rc == 0 ? 0 : strcmp(sn_errname(rc),
		    row->field[1]) == 0 && err.code == rc &&
		    msg.pdu.vbl.len == 0, "%s:%d: -> %s", row->file,
		    row->line, row->field[1]))
			tap_diag("got %s: %s", sn_errname(rc), err.msg);
		else
			tap_diag("%s", err.msg);
		return;
	}
	if (rc != 0) {
		tap_ok(0, "%s:%d: decodes", row->file, row->line);
		tap_diag("got %s: %s", sn_errname(rc), err.msg);
		return;
	}
	valid_rows++;
	vec_render_msg(&msg, got, sizeof(got));
	if (!tap_ok(strcmp(got, row->field[1]) == 0, "%s:%d: decodes as %.60s",
	    row->file, row->line, row->field[1]))
		tap_diag("got '%s'", got);
	rc = sn_msg_peek_version(in, (size_t)n, &ver, &err);
	tap_ok(rc == 0 && ver == (long)msg.version,
	    "%s:%d: peek_version agrees", row->file, row->line);
	if (row->nfields >= 3) {
		if (strcmp(row->field[2], "=") == 0) {
			memcpy(want, in, (size_t)n);
			wn = n;
		} else {
			wn = tap_unhex(row->field[2], want, sizeof(want));
		}
		rc = sn_msg_encode(&msg, buf, sizeof(buf), &out, &outlen,
		    &err);
		if (rc != 0) {
			tap_ok(0, "%s:%d: re-encodes", row->file, row->line);
			tap_diag("%s", err.msg);
		} else {
			tap_mem_eq(out, outlen, want, (size_t)wn,
			    "%s:%d: re-encodes byte for byte", row->file,
			    row->line);
		}
	}
	snprintf(got, sizeof(got), "%s:%d", row->file, row->line);
	if (row->nfields >= 3)
		check_pdu_alone(want, (size_t)wn, got);
	check_truncations(in, (size_t)n, got);
}

/* Build a v2c message with nvb varbinds .0.0 = NULL, by hand. */
static size_t
build_many(uint8_t *buf, size_t cap, size_t nvb, size_t community_len)
{
	struct sn_msg m;
	struct sn_oid name;
	uint8_t *out;
	size_t len, i;
	uint8_t comm[512];

	sn_msg_init(&m);
	m.version = SN_V2C;
	m.pdu.type = SN_PDU_RESPONSE;
	memset(comm, 'c', sizeof(comm));
	sn_msg_set_community(&m, comm, community_len > 256 ? 256 :
	    community_len);
	name.len = 2;
	name.sub[0] = 0;
	name.sub[1] = 0;
	for (i = 0; i < nvb && i < SN_VBL_MAX; i++)
		sn_vbl_add_null(&m.pdu.vbl, &name);
	if (sn_msg_encode(&m, buf, cap, &out, &len, NULL) != 0)
		len = 0;
	else
		memmove(buf, out, len);
	sn_msg_clear(&m);
	return len;
}

/* A Response-PDU of nvb varbinds .0.0 = NULL, written by hand. */
static size_t
hand_pdu(uint8_t *b, size_t nvb)
{
	size_t list = nvb * 7, pdu = 9 + 4 + list, i, k = 0;

	b[k++] = 0xa2;
	b[k++] = 0x82;
	b[k++] = (uint8_t)(pdu >> 8);
	b[k++] = (uint8_t)pdu;
	memcpy(b + k, "\x02\x01\x00\x02\x01\x00\x02\x01\x00", 9);
	k += 9;
	b[k++] = 0x30;
	b[k++] = 0x82;
	b[k++] = (uint8_t)(list >> 8);
	b[k++] = (uint8_t)list;
	for (i = 0; i < nvb; i++) {
		memcpy(b + k, "\x30\x05\x06\x01\x00\x05\x00", 7);
		k += 7;
	}
	return k;
}

static void
test_limits(void)
{
	static uint8_t buf[BUFSZ], big[BUFSZ + 16];
	struct sn_msg m;
	struct sn_error err;
	size_t len;
	int rc;

	sn_msg_init(&m);
	len = build_many(buf, sizeof(buf), SN_VBL_MAX, 6);
	rc = sn_msg_decode(buf, len, &m, &err);
	tap_ok(rc == 0 && m.pdu.vbl.len == SN_VBL_MAX,
	    "%d varbinds decode from a message", SN_VBL_MAX);
	len = hand_pdu(big, SN_VBL_MAX);
	rc = sn_pdu_decode(big, len, &m.pdu, &err);
	tap_ok(rc == 0 && m.pdu.vbl.len == SN_VBL_MAX,
	    "%d varbinds decode from a PDU", SN_VBL_MAX);
	len = hand_pdu(big, SN_VBL_MAX + 1);
	rc = sn_pdu_decode(big, len, &m.pdu, &err);
	if (!tap_ok(rc == SN_ELIMIT && m.pdu.vbl.len == 0,
	    "%d varbinds are SN_ELIMIT", SN_VBL_MAX + 1))
		tap_diag("got %s: %s", sn_errname(rc), err.msg);
	else
		tap_diag("%s", err.msg);

	/* community of 257 bytes on the wire */
	len = build_many(buf, sizeof(buf), 1, 256);
	tap_ok(len > 0 && sn_msg_decode(buf, len, &m, NULL) == 0 &&
	    m.community_len == 256, "256-byte community decodes");
	{
		uint8_t *x = malloc(len + 1);

		/* 30 82 LL LL 02 01 01 04 82 01 00 <256> ... */
		memcpy(x, buf, 11);
		x[10] = 0x01;
		x[11] = 'c';
		memcpy(x + 12, buf + 11, len - 11);
		x[3]++;
		rc = sn_msg_decode(x, len + 1, &m, &err);
		tap_ok(rc == SN_ETOOLONG, "257-byte community is SN_ETOOLONG"
		    " (%s)", err.msg);
		free(x);
	}
	tap_ok(sn_msg_set_community(&m, big, 257) == SN_ETOOLONG,
	    "set_community refuses 257 bytes");

	/* larger than SN_MSG_MAX */
	memset(big, 0, sizeof(big));
	big[0] = 0x30;
	big[1] = 0x83;
	big[2] = (uint8_t)((sizeof(big) - 5) >> 16);
	big[3] = (uint8_t)((sizeof(big) - 5) >> 8);
	big[4] = (uint8_t)(sizeof(big) - 5);
	rc = sn_msg_decode(big, sizeof(big), &m, &err);
	tap_ok(rc == SN_ETOOBIG, "message over SN_MSG_MAX is SN_ETOOBIG (%s)",
	    err.msg);
	rc = sn_pdu_decode(big, sizeof(big), &m.pdu, &err);
	tap_ok(rc == SN_ETOOBIG, "PDU over SN_MSG_MAX is SN_ETOOBIG");
	sn_msg_clear(&m);
}

static void
test_encode_rules(void)
{
	static uint8_t buf[4096];
	struct sn_msg m;
	struct sn_error err;
	struct sn_oid name;
	struct sn_value v;
	uint8_t *out, *b;
	size_t len, need, cap;
	int rc, bad;

	sn_msg_init(&m);
	sn_msg_set_community(&m, "public", 6);
	sn_oid_parse(&name, "1.3.6.1.2.1.1.3.0", NULL);
	m.version = SN_V1;
	m.pdu.type = SN_PDU_GETBULK;
	sn_vbl_add_null(&m.pdu.vbl, &name);
	rc = sn_msg_encode(&m, buf, sizeof(buf), &out, &len, &err);
	tap_ok(rc == SN_EINVAL, "GetBulk in v1 is SN_EINVAL (%s)", err.msg);
	m.pdu.type = SN_PDU_TRAP;
	tap_ok(sn_msg_encode(&m, buf, sizeof(buf), &out, &len, NULL) ==
	    SN_EINVAL, "SNMPv2-Trap in v1 is SN_EINVAL");
	m.version = SN_V2C;
	m.pdu.type = SN_PDU_TRAP_V1;
	tap_ok(sn_msg_encode(&m, buf, sizeof(buf), &out, &len, NULL) ==
	    SN_EINVAL, "Trap-PDU in v2c is SN_EINVAL");
	m.version = SN_V3;
	m.pdu.type = SN_PDU_GET;
	tap_ok(sn_msg_encode(&m, buf, sizeof(buf), &out, &len, NULL) ==
	    SN_EINVAL, "v3 is not a community message");
	m.version = SN_V1;
	m.pdu.type = SN_PDU_RESPONSE;
	v = sn_value_u64(1);
	sn_vbl_add(&m.pdu.vbl, &name, &v);
	rc = sn_msg_encode(&m, buf, sizeof(buf), &out, &len, &err);
	tap_ok(rc == SN_EINVAL, "Counter64 in v1 is SN_EINVAL (%s)", err.msg);
	m.version = SN_V2C;
	rc = sn_msg_encode(&m, buf, sizeof(buf), &out, &len, &err);
	tap_ok(rc == 0, "Counter64 in v2c encodes");
	v = sn_value_str(SN_T_IPADDR, "\x01\x02\x03", 3);
	sn_vbl_add(&m.pdu.vbl, &name, &v);
	rc = sn_msg_encode(&m, buf, sizeof(buf), &out, &len, &err);
	tap_ok(rc == SN_EINVAL, "3-byte IpAddress is SN_EINVAL (%s)", err.msg);
	m.pdu.vbl.len--;
	m.pdu.vbl.vb[0].name.sub[0] = 7;
	rc = sn_msg_encode(&m, buf, sizeof(buf), &out, &len, &err);
	tap_ok(rc == SN_EINVAL, "name .7... is SN_EINVAL (%s)", err.msg);
	m.pdu.vbl.vb[0].name.sub[0] = 1;
	m.pdu.type = 0xa9;
	tap_ok(sn_msg_encode(&m, buf, sizeof(buf), &out, &len, NULL) ==
	    SN_EINVAL, "unknown PDU type is SN_EINVAL");
	m.pdu.type = SN_PDU_RESPONSE;

	/* every buffer size below the need fails cleanly */
	rc = sn_msg_encode(&m, buf, sizeof(buf), &out, &len, NULL);
	need = len;
	bad = rc != 0;
	for (cap = 0; cap <= need; cap++) {
		b = malloc(cap ? cap : 1);
		rc = sn_msg_encode(&m, b, cap, &out, &len, &err);
		if ((cap < need && rc != SN_EENCODE) ||
		    (cap == need && (rc != 0 || out != b || len != need)))
			bad++;
		free(b);
	}
	tap_ok(bad == 0, "too-small buffers are SN_EENCODE (%zu bytes)",
	    need);
	sn_msg_clear(&m);
}

static void
test_trap_v1_build(void)
{
	static const char *want_hex =
	    "303f02010004067075626c6963a432060a2b06010401bf0803020a4004c000"
	    "02010201060201114302303930143012060b2b06010401bf08020302010203"
	    "01e240";
	uint8_t buf[512], want[512], *out;
	struct sn_msg m;
	struct sn_oid name;
	struct sn_value v;
	size_t len;
	long wn;
	int rc;

	sn_msg_init(&m);
	m.version = SN_V1;
	sn_msg_set_community(&m, "public", 6);
	sn_pdu_init(&m.pdu, SN_PDU_TRAP_V1);
	sn_oid_parse(&m.pdu.enterprise, ".1.3.6.1.4.1.8072.3.2.10", NULL);
	memcpy(m.pdu.agent_addr, "\xc0\x00\x02\x01", 4);
	m.pdu.generic_trap = 6;
	m.pdu.specific_trap = 17;
	m.pdu.time_stamp = 12345;
	sn_oid_parse(&name, "1.3.6.1.4.1.8072.2.3.2.1", NULL);
	v = sn_value_int(123456);
	sn_vbl_add(&m.pdu.vbl, &name, &v);
	rc = sn_msg_encode(&m, buf, sizeof(buf), &out, &len, NULL);
	wn = tap_unhex(want_hex, want, sizeof(want));
	tap_ok(rc == 0, "v1 trap encodes");
	tap_mem_eq(out, len, want, (size_t)wn,
	    "v1 trap is byte for byte what snmptrap -v1 sends");
	sn_msg_clear(&m);
}

static void
test_reuse_and_copy(void)
{
	static const char *hex =
	    "304002010104067075626c6963a2330201070201000201003028300e06082b"
	    "0601020101090004027879300c06082b060102010101018100300806042b06"
	    "01098200";
	uint8_t in[256];
	struct sn_msg m;
	struct sn_pdu copy;
	struct sn_varbind *vb0;
	void *chunks;
	long n;
	int rc, i, same = 1;

	n = tap_unhex(hex, in, sizeof(in));
	sn_msg_init(&m);
	rc = sn_msg_decode(in, (size_t)n, &m, NULL);
	if (!tap_ok(rc == 0 && m.pdu.vbl.len == 3 &&
	    m.pdu.vbl.vb[0].value.type == SN_T_OCTETS &&
	    m.pdu.vbl.vb[0].value.v.str.len == 2, "decodes a string value")) {
		sn_msg_clear(&m);
		return;
	}
	vb0 = m.pdu.vbl.vb;
	chunks = m.pdu.vbl.chunks;
	for (i = 0; i < 100; i++) {
		rc = sn_msg_decode(in, (size_t)n, &m, NULL);
		same = same && rc == 0 && m.pdu.vbl.vb == vb0 &&
		    (void *)m.pdu.vbl.chunks == chunks;
	}
	tap_ok(same, "decoding again reuses the varbind array and storage");
	/* the decoded string does not point into the input */
	tap_ok(m.pdu.vbl.vb[0].value.v.str.ptr < in ||
	    m.pdu.vbl.vb[0].value.v.str.ptr >= in + n,
	    "decoded strings are copied out of the input");
	sn_pdu_init(&copy, SN_PDU_GET);
	rc = sn_pdu_copy(&copy, &m.pdu);
	sn_msg_clear(&m);
	tap_ok(rc == 0 && copy.type == SN_PDU_RESPONSE &&
	    copy.request_id == 7 &&
	    copy.vbl.len == 3 && copy.vbl.vb[0].value.v.str.len == 2 &&
	    memcmp(copy.vbl.vb[0].value.v.str.ptr, "xy", 2) == 0,
	    "sn_pdu_copy is deep");
	sn_pdu_clear(&copy);
	sn_pdu_clear(NULL);
	sn_msg_clear(NULL);
}

static void
errstat_row(const struct vec_row *row, void *arg)
{
	char composed[512];
	int st = (int)strtol(row->field[0], NULL, 10);
	const char *name = sn_errstat_name(st), *text = sn_errstat_text(st);

	(void)arg;
	tap_ok(strcmp(sn_errstat_string(st), row->field[1]) == 0,
	    "errstat %d: '%s'", st, row->field[1]);
	if (st >= 19)
		snprintf(composed, sizeof(composed), "%s", text);
	else if (st <= 5)
		snprintf(composed, sizeof(composed), "(%s) %s", name, text);
	else if (*text != '\0')
		snprintf(composed, sizeof(composed), "%s (%s)", name, text);
	else
		snprintf(composed, sizeof(composed), "%s", name);
	tap_ok(strcmp(composed, row->field[1]) == 0,
	    "errstat %d: name '%s' and text '%s' compose it", st, name, text);
}

static void
test_names(void)
{
	tap_ok(strcmp(sn_pdu_type_name(SN_PDU_GETBULK), "getbulk") == 0 &&
	    strcmp(sn_pdu_type_name(SN_PDU_TRAP), "trap2") == 0 &&
	    strcmp(sn_pdu_type_name(SN_PDU_TRAP_V1), "trap") == 0 &&
	    strcmp(sn_pdu_type_name((enum sn_pdu_type)0x30), "unknown") == 0,
	    "PDU type names");
	tap_ok(strcmp(sn_errstat_name(2), "noSuchName") == 0 &&
	    strcmp(sn_errstat_text(2),
	    "There is no such variable name in this MIB.") == 0,
	    "noSuchName name and text");
	tap_ok(strcmp(sn_errstat_name(-1), "unknown") == 0 &&
	    strcmp(sn_errstat_text(99), "Unknown Error") == 0,
	    "unknown error-status");
}

static void
test_peek(void)
{
	/* an SNMPv3 message header: version 3, msgGlobalData... */
	static const uint8_t v3[] = { 0x30, 0x0b, 0x02, 0x01, 0x03, 0x30,
		0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00 };
	struct sn_msg m;
	struct sn_error err;
	long ver = -1;
	int rc;

	rc = sn_msg_peek_version(v3, sizeof(v3), &ver, NULL);
	tap_ok(rc == 0 && ver == 3, "peek_version reads 3");
	sn_msg_init(&m);
	rc = sn_msg_decode(v3, sizeof(v3), &m, &err);
	tap_ok(rc == SN_EVERSION, "v3 message is SN_EVERSION (%s)", err.msg);
	rc = sn_msg_peek_version(v3, 3, &ver, &err);
	tap_ok(rc == SN_ETRUNC, "peek_version on 3 bytes is SN_ETRUNC");
	rc = sn_msg_peek_version((const uint8_t *)"\x04\x00", 2, &ver, &err);
	tap_ok(rc == SN_ETAG, "peek_version on an OCTET STRING is SN_ETAG");
	sn_msg_clear(&m);
}

int
main(void)
{
	int rows;

	sn_msg_init(&msg);
	rows = vec_foreach("messages.txt", msg_row, NULL);
	tap_ok(rows > 40 && valid_rows >= 20,
	    "messages.txt has rows (%d, %d valid)", rows, valid_rows);
	sn_msg_clear(&msg);
	rows = vec_foreach("errstat.txt", errstat_row, NULL);
	tap_ok(rows == 20, "errstat.txt has 20 rows");
	test_limits();
	test_encode_rules();
	test_trap_v1_build();
	test_reuse_and_copy();
	test_names();
	test_peek();
	return tap_done();
}
