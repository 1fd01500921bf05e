/*
 * Unit tests of SNMPv3 messages (src/engine/mp_v3.c): messages captured
 * from Net-SNMP 5.9.3's snmpget (every security level, MD5/SHA/SHA-2
 * with DES, AES, AES-192 and AES-256-C) decoded, authenticated, decrypted
 * and re-encoded byte for byte from tests/vectors/usm-messages.txt; hand
 * edits of them that RFC 3412 §7.2 and RFC 3414 §2.4 reject; round trips
 * for every authentication and privacy protocol; wrong keys, tampered
 * messages, bad privacy parameters and too-small buffers.  Also measures
 * an authPriv (SHA-256, AES-128) GET encode+decode against v2c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/crypto.h"
#include "engine/mp_v3.h"
#include "engine/usm.h"
#include "tests/lib/tap.h"
#include "vec.h"

static struct sn_crypto *crypto;
static struct sn_usm_keycache *cache;

static void
hex(const uint8_t *p, size_t n, char *buf, size_t cap)
{
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < n && 2 * i + 2 < cap; i++)
		snprintf(buf + 2 * i, cap - 2 * i, "%02x", p[i]);
}

/* "v3 id=.. max=.. flags=07 eid=.. boots=0 time=0 user=bert ctxeid=..
 * ctx=ctx1 get rid=..." */
static void
render(const struct sn_v3_msg *m, char *buf, size_t cap)
{
	char eid[80], ceid[80], pdu[2048];

	hex(m->engine_id, m->engine_id_len, eid, sizeof(eid));
	hex(m->context_engine_id, m->context_engine_id_len, ceid,
	    sizeof(ceid));
	vec_render_pdu(&m->pdu, pdu, sizeof(pdu));
	snprintf(buf, cap, "v3 id=%ld max=%ld flags=%02x eid=%s boots=%lu "
	    "time=%lu user=%.*s ctxeid=%s ctx=%.*s %s", (long)m->msg_id,
	    (long)m->max_size, m->flags, eid, (unsigned long)m->boots,
	    (unsigned long)m->time, (int)m->user_len, (const char *)m->user,
	    ceid, (int)m->context_name_len, (const char *)m->context_name,
	    pdu);
}

static uint64_t
get64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/* Keys of a user for the message's engine ID; 0 or an error. */
static int
user_keys(const struct sn_v3_msg *m, enum sn_auth_proto auth,
    enum sn_priv_proto priv, const char *apass, const char *ppass,
    uint8_t *akey, uint8_t *pkey, struct sn_error *err)
{
	int rc = 0;

	if (auth != SN_AUTH_NONE) {
		rc = sn_usm_keycache_auth_key(cache, crypto, auth, apass,
		    strlen(apass), m->engine_id, m->engine_id_len, akey, err);
	}
	if (rc == 0 && priv != SN_PRIV_NONE) {
		rc = sn_usm_keycache_priv_key(cache, crypto, auth, priv,
		    ppass, strlen(ppass), m->engine_id, m->engine_id_len,
		    pkey, err);
	}
	return rc;
}

static void
netsnmp_row(const struct vec_row *row)
{
	char a[16], p[16], apass[64], ppass[64], got[4096];
	uint8_t in[2048], copy[2048], out[2048], akey[64], pkey[64];
	uint8_t *o;
	enum sn_auth_proto auth = SN_AUTH_NONE;
	enum sn_priv_proto priv = SN_PRIV_NONE;
	struct sn_v3_keys keys;
	struct sn_v3_msg m;
	struct sn_error err;
	size_t olen;
	long n;
	int rc;

	if (row->nfields != 4 || sscanf(row->field[1], "%15s %15s %63s %63s",
	    a, p, apass, ppass) != 4 ||
	    (strcmp(a, "-") != 0 && sn_usm_auth_parse(a, &auth) != 0) ||
	    (strcmp(p, "-") != 0 && sn_usm_priv_parse(p, &priv) != 0) ||
	    (n = tap_unhex(row->field[2], in, sizeof(in))) < 0) {
		tap_ok(0, "%s:%d: malformed row", row->file, row->line);
		return;
	}
	sn_v3_msg_init(&m);
	rc = sn_v3_decode(in, (size_t)n, &m, &err);
	if (!tap_ok(rc == 0, "%s:%d: %s %s decodes", row->file, row->line,
	    a, p)) {
		tap_diag("%s", err.msg);
		goto out;
	}
	tap_ok((auth != SN_AUTH_NONE) == !!(m.flags & SN_V3_FLAG_AUTH) &&
	    (priv != SN_PRIV_NONE) == !!(m.flags & SN_V3_FLAG_PRIV) &&
	    (m.flags & SN_V3_FLAG_REPORTABLE),
	    "%s:%d: msgFlags %02x as the level", row->file, row->line,
	    m.flags);
	if ((rc = user_keys(&m, auth, priv, apass, ppass, akey, pkey,
	    &err)) != 0) {
		tap_ok(0, "%s:%d: keys: %s", row->file, row->line, err.msg);
		goto out;
	}
	if (auth != SN_AUTH_NONE) {
		rc = sn_v3_authenticate(crypto, in, (size_t)n, &m, auth, akey,
		    &err);
		if (!tap_ok(rc == 0, "%s:%d: authenticates with %s",
		    row->file, row->line, a))
			tap_diag("%s", err.msg);
	}
	if (priv != SN_PRIV_NONE) {
		rc = sn_v3_decrypt(crypto, &m, priv, pkey, &err);
		if (!tap_ok(rc == 0, "%s:%d: decrypts with %s", row->file,
		    row->line, p))
			tap_diag("%s", err.msg);
	}
	render(&m, got, sizeof(got));
	if (!tap_ok(strcmp(got, row->field[3]) == 0, "%s:%d: content",
	    row->file, row->line))
		tap_diag("got '%s'", got);
	/* re-encode with the same salt: the same octets, MAC included */
	memset(&keys, 0, sizeof(keys));
	keys.auth = auth;
	keys.auth_key = akey;
	keys.priv = priv;
	keys.priv_key = pkey;
	if (priv != SN_PRIV_NONE && m.priv_params_len == 8)
		keys.salt = get64(m.priv_params);
	rc = sn_v3_encode(crypto, &m, &keys, out, sizeof(out), &o, &olen,
	    &err);
	if (!tap_ok(rc == 0, "%s:%d: re-encodes", row->file, row->line))
		tap_diag("%s", err.msg);
	else
		tap_mem_eq(o, olen, in, (size_t)n, "%s:%d: re-encodes to the "
		    "same octets", row->file, row->line);
	if (auth != SN_AUTH_NONE) {
		/* a flipped bit in the user name: wrong digest */
		memcpy(copy, in, (size_t)n);
		copy[m.auth_params_off - 3] ^= 0x01;
		rc = sn_v3_decode(copy, (size_t)n, &m, &err);
		if (rc == 0) {
			rc = sn_v3_authenticate(crypto, copy, (size_t)n, &m,
			    auth, akey, &err);
		}
		tap_ok(rc == SN_EWRONGDIGEST, "%s:%d: tampered user name is a "
		    "wrong digest", row->file, row->line);
		rc = sn_v3_decode(in, (size_t)n, &m, &err);
		rc = user_keys(&m, auth, SN_PRIV_NONE, "maplesyrup!",
		    NULL, akey, NULL, &err);
		rc = sn_v3_authenticate(crypto, in, (size_t)n, &m, auth, akey,
		    &err);
		tap_ok(rc == SN_EWRONGDIGEST && strstr(err.msg, "digest") !=
		    NULL, "%s:%d: wrong auth passphrase is a wrong digest",
		    row->file, row->line);
	}
	if (priv != SN_PRIV_NONE) {
		rc = sn_v3_decode(in, (size_t)n, &m, &err);
		rc = user_keys(&m, auth, priv, apass, "maplesyrup?", akey,
		    pkey, &err);
		rc = sn_v3_decrypt(crypto, &m, priv, pkey, &err);
		tap_ok(rc == SN_EDECRYPT && m.pdu.vbl.len == 0,
		    "%s:%d: wrong priv passphrase is a decryption error",
		    row->file, row->line);
	}
out:
	sn_v3_msg_clear(&m);
}

static void
decode_row(const struct vec_row *row)
{
	static const char *drops[] = { "none", "parse", "invalid",
	    "secmodel" };
	uint8_t in[2048];
	char want[64], dropname[16];
	struct sn_v3_msg m;
	struct sn_error err;
	long n;
	int rc;

	if (row->nfields != 3 ||
	    (n = tap_unhex(row->field[1], in, sizeof(in))) < 0) {
		tap_ok(0, "%s:%d: malformed row", row->file, row->line);
		return;
	}
	sn_v3_msg_init(&m);
	sn_error_clear(&err);
	rc = sn_v3_decode(in, (size_t)n, &m, &err);
	if (strcmp(row->field[2], "ok") == 0) {
		if (!tap_ok(rc == 0 && m.drop == SN_V3_DROP_NONE,
		    "%s:%d: decodes", row->file, row->line))
			tap_diag("%s: %s", sn_errname(rc), err.msg);
	} else if (sscanf(row->field[2], "%63s %15s", want, dropname) == 2) {
		if (!tap_ok(rc != 0 && strcmp(sn_errname(rc), want) == 0 &&
		    err.code == rc && strcmp(drops[m.drop], dropname) == 0 &&
		    m.pdu.vbl.len == 0, "%s:%d: %s", row->file, row->line,
		    row->field[2]))
			tap_diag("got %s %s: %s", sn_errname(rc),
			    drops[m.drop], err.msg);
	} else {
		tap_ok(0, "%s:%d: malformed row", row->file, row->line);
	}
	sn_v3_msg_clear(&m);
}

static void
row(const struct vec_row *r, void *arg)
{
	(void)arg;
	if (strcmp(r->field[0], "netsnmp") == 0)
		netsnmp_row(r);
	else if (strcmp(r->field[0], "decode") == 0)
		decode_row(r);
	else
		tap_ok(0, "%s:%d: unknown row", r->file, r->line);
}

static const uint8_t eid[] = { 0x80, 0x00, 0x1f, 0x88, 0x04, 's', 'n',
	'm', 'p', 's', 'h' };

/* A GET of two varbinds (one a string), as a manager would send it. */
static void
make_msg(struct sn_v3_msg *m, bool auth, bool priv)
{
	struct sn_oid oid;
	struct sn_value v;

	sn_v3_msg_init(m);
	m->msg_id = 424242;
	m->max_size = 65507;
	m->flags = sn_v3_flags(SN_PDU_GET, auth, priv);
	memcpy(m->engine_id, eid, sizeof(eid));
	m->engine_id_len = sizeof(eid);
	m->boots = 17;
	m->time = 123456;
	memcpy(m->user, "operator", 8);
	m->user_len = 8;
	memcpy(m->context_engine_id, eid, sizeof(eid));
	m->context_engine_id_len = sizeof(eid);
	memcpy(m->context_name, "vrf-blue", 8);
	m->context_name_len = 8;
	m->pdu.request_id = 77;
	sn_oid_parse(&oid, "1.3.6.1.2.1.1.1.0", NULL);
	sn_vbl_add_null(&m->pdu.vbl, &oid);
	sn_oid_parse(&oid, "1.3.6.1.2.1.1.4.0", NULL);
	v = sn_value_str(SN_T_OCTETS, "ops@example.net", 15);
	sn_vbl_add(&m->pdu.vbl, &oid, &v);
}

static void
test_round_trips(void)
{
	const struct sn_usm_auth_info *ai;
	uint8_t buf[1024], akey[64], pkey[64], *o;
	char r1[4096], r2[4096];
	struct sn_v3_msg m, d;
	struct sn_v3_keys keys;
	struct sn_error err;
	size_t olen;
	int a, p, rc, ok;

	for (a = SN_AUTH_NONE; a < SN_AUTH_COUNT; a++) {
		for (p = SN_PRIV_NONE; p < SN_PRIV_COUNT; p++) {
			if (a == SN_AUTH_NONE && p != SN_PRIV_NONE)
				continue;
			make_msg(&m, a != SN_AUTH_NONE, p != SN_PRIV_NONE);
			rc = user_keys(&m, (enum sn_auth_proto)a,
			    (enum sn_priv_proto)p, "auth pass phrase",
			    "priv pass phrase", akey, pkey, &err);
			memset(&keys, 0, sizeof(keys));
			keys.auth = (enum sn_auth_proto)a;
			keys.auth_key = akey;
			keys.priv = (enum sn_priv_proto)p;
			keys.priv_key = pkey;
			keys.salt = 0x0000001100000001ull + (uint64_t)p;
			if (rc == 0) {
				rc = sn_v3_encode(crypto, &m, &keys, buf,
				    sizeof(buf), &o, &olen, &err);
			}
			sn_v3_msg_init(&d);
			if (rc == 0)
				rc = sn_v3_decode(o, olen, &d, &err);
			ai = sn_usm_auth_info((enum sn_auth_proto)a);
			ok = rc == 0 && d.auth_params_len ==
			    (ai != NULL ? ai->mac_len : 0) &&
			    d.priv_params_len == (p ? 8u : 0u);
			if (rc == 0 && a != SN_AUTH_NONE) {
				rc = sn_v3_authenticate(crypto, o, olen, &d,
				    (enum sn_auth_proto)a, akey, &err);
			}
			if (rc == 0 && p != SN_PRIV_NONE) {
				ok = ok && d.pdu.vbl.len == 0 &&
				    d.encrypted_len ==
				    sn_usm_encrypted_len((enum sn_priv_proto)p,
				    d.encrypted_len);
				rc = sn_v3_decrypt(crypto, &d,
				    (enum sn_priv_proto)p, pkey, &err);
			}
			render(&m, r1, sizeof(r1));
			render(&d, r2, sizeof(r2));
			if (!tap_ok(ok && rc == 0 && strcmp(r1, r2) == 0,
			    "round trip %s/%s", ai != NULL ? ai->name : "none",
			    p ? sn_usm_priv_info((enum sn_priv_proto)p)->name :
			    "none")) {
				tap_diag("%s: %s", sn_errname(rc), err.msg);
				tap_diag("sent %s", r1);
				tap_diag("got  %s", r2);
			}
			sn_v3_msg_clear(&m);
			sn_v3_msg_clear(&d);
		}
	}
}

static void
test_encode_errors(void)
{
	uint8_t buf[1024], akey[64], pkey[64], *o;
	struct sn_v3_msg m;
	struct sn_v3_keys keys;
	struct sn_error err;
	size_t olen, full, cap;
	int rc, ok;

	make_msg(&m, true, true);
	memset(akey, 1, sizeof(akey));
	memset(pkey, 2, sizeof(pkey));
	memset(&keys, 0, sizeof(keys));
	keys.auth = SN_AUTH_SHA1;
	keys.auth_key = akey;
	keys.priv = SN_PRIV_DES;
	keys.priv_key = pkey;
	rc = sn_v3_encode(crypto, &m, &keys, buf, sizeof(buf), &o, &full,
	    &err);
	tap_ok(rc == 0, "authPriv DES message encodes (%zu octets)", full);
	/* every smaller buffer fails cleanly */
	ok = 1;
	for (cap = 0; cap < full; cap++) {
		rc = sn_v3_encode(crypto, &m, &keys, buf + sizeof(buf) - cap,
		    cap, &o, &olen, &err);
		ok = ok && rc == SN_EENCODE;
	}
	tap_ok(ok, "every buffer of 0..%zu octets is SN_EENCODE", full - 1);
	keys.priv = SN_PRIV_AES256;
	rc = sn_v3_encode(crypto, &m, &keys, buf, sizeof(buf), &o, &full,
	    &err);
	rc |= sn_v3_encode(crypto, &m, &keys, buf, full, &o, &olen, &err);
	tap_ok(rc == 0 && o == buf && olen == full,
	    "AES needs no more room than the message (%zu octets)", full);
	rc = sn_v3_encode(crypto, &m, &keys, buf, full - 1, &o, &olen, &err);
	tap_ok(rc == SN_EENCODE, "and one octet less fails");
	m.flags = SN_V3_FLAG_PRIV | SN_V3_FLAG_REPORTABLE;
	rc = sn_v3_encode(crypto, &m, &keys, buf, sizeof(buf), &o, &olen,
	    &err);
	tap_ok(rc == SN_EINVAL && strstr(err.msg, "without") != NULL,
	    "privacy without authentication is refused");
	m.flags = SN_V3_FLAG_AUTH;
	rc = sn_v3_encode(crypto, &m, NULL, buf, sizeof(buf), &o, &olen,
	    &err);
	tap_ok(rc == SN_EINVAL, "authentication without keys is refused");
	keys.auth = SN_AUTH_NONE;
	rc = sn_v3_encode(crypto, &m, &keys, buf, sizeof(buf), &o, &olen,
	    &err);
	tap_ok(rc == SN_EINVAL, "authentication without a protocol is "
	    "refused");
	m.flags = 0;
	m.user_len = 33;
	rc = sn_v3_encode(crypto, &m, NULL, buf, sizeof(buf), &o, &olen,
	    &err);
	tap_ok(rc == SN_EINVAL, "a 33-octet user name is refused");
	m.user_len = 8;
	m.max_size = 483;
	rc = sn_v3_encode(crypto, &m, NULL, buf, sizeof(buf), &o, &olen,
	    &err);
	tap_ok(rc == SN_EINVAL, "msgMaxSize 483 is refused");
	m.max_size = 484;
	m.pdu.type = SN_PDU_TRAP_V1;
	rc = sn_v3_encode(crypto, &m, NULL, buf, sizeof(buf), &o, &olen,
	    &err);
	tap_ok(rc == SN_EINVAL, "the SNMPv1 Trap-PDU is refused");
	m.pdu.type = SN_PDU_GET;
	rc = sn_v3_encode(crypto, &m, NULL, buf, sizeof(buf), &o, &olen,
	    &err);
	tap_ok(rc == 0 && olen > 0, "noAuthNoPriv needs no keys");
	sn_v3_msg_clear(&m);

	tap_ok(sn_v3_flags(SN_PDU_GET, false, false) == 0x04 &&
	    sn_v3_flags(SN_PDU_GETBULK, true, false) == 0x05 &&
	    sn_v3_flags(SN_PDU_SET, true, true) == 0x07 &&
	    sn_v3_flags(SN_PDU_INFORM, false, true) == 0x07 &&
	    sn_v3_flags(SN_PDU_RESPONSE, true, true) == 0x03 &&
	    sn_v3_flags(SN_PDU_REPORT, false, false) == 0x00 &&
	    sn_v3_flags(SN_PDU_TRAP, true, false) == 0x01,
	    "msgFlags: reportable for the confirmed class only");
}

static void
test_decrypt_errors(void)
{
	uint8_t buf[1024], akey[64], pkey[64], *o;
	struct sn_v3_msg m, d;
	struct sn_v3_keys keys;
	struct sn_error err;
	size_t olen;
	int rc;

	make_msg(&m, true, true);
	memset(akey, 1, sizeof(akey));
	memset(pkey, 2, sizeof(pkey));
	memset(&keys, 0, sizeof(keys));
	keys.auth = SN_AUTH_MD5;
	keys.auth_key = akey;
	keys.priv = SN_PRIV_DES;
	keys.priv_key = pkey;
	rc = sn_v3_encode(crypto, &m, &keys, buf, sizeof(buf), &o, &olen,
	    &err);
	sn_v3_msg_init(&d);
	rc = sn_v3_decode(o, olen, &d, &err);
	tap_ok(rc == 0 && d.encrypted_len % 8 == 0, "DES message decodes");
	d.priv_params_len = 7;
	rc = sn_v3_decrypt(crypto, &d, SN_PRIV_DES, pkey, &err);
	tap_ok(rc == SN_EDECRYPT, "7-octet privacy parameters: %s", err.msg);
	d.priv_params_len = 8;
	d.encrypted_len -= 1;
	rc = sn_v3_decrypt(crypto, &d, SN_PRIV_DES, pkey, &err);
	tap_ok(rc == SN_EDECRYPT, "encryptedPDU not a multiple of 8: %s",
	    err.msg);
	d.encrypted_len += 1;
	rc = sn_v3_decrypt(crypto, &d, SN_PRIV_DES, pkey, &err);
	tap_ok(rc == 0 && d.pdu.vbl.len == 2, "and intact, it decrypts");
	/* an encrypted message whose ciphertext is cut by a block: the
	 * ScopedPDU inside is short, which is a decryption error */
	d.encrypted_len -= 8;
	rc = sn_v3_decrypt(crypto, &d, SN_PRIV_DES, pkey, &err);
	tap_ok(rc == SN_EDECRYPT && d.pdu.vbl.len == 0,
	    "a block short: %s", err.msg);
	/* the MAC checked against a wrong length of parameters */
	rc = sn_v3_decode(o, olen, &d, &err);
	rc = sn_v3_authenticate(crypto, o, olen, &d, SN_AUTH_SHA256, akey,
	    &err);
	tap_ok(rc == SN_EWRONGDIGEST, "12 octets of MAC for SHA-256: %s",
	    err.msg);
	rc = sn_v3_authenticate(crypto, o, olen - 1, &d, SN_AUTH_MD5, akey,
	    &err);
	tap_ok(rc != 0, "message and decoded form out of step");
	sn_v3_msg_clear(&d);
	/* auth and priv helpers on a plain message */
	make_msg(&d, false, false);
	rc = sn_v3_authenticate(crypto, o, olen, &d, SN_AUTH_MD5, akey, &err);
	tap_ok(rc == SN_EINVAL, "no authenticating a noAuth message");
	rc = sn_v3_decrypt(crypto, &d, SN_PRIV_DES, pkey, &err);
	tap_ok(rc == SN_EINVAL, "no decrypting a noPriv message");
	sn_v3_msg_clear(&d);
	sn_v3_msg_clear(&m);
}

/*
 * Robustness: every truncation and many random edits of an authPriv
 * message decode to a result or an error, never a crash (this runs under
 * the sanitizers too); the decrypt path meets garbage plaintext.
 */
static void
test_mutations(void)
{
	uint8_t buf[1024], mut[1024], akey[64], pkey[64], *o;
	struct sn_v3_msg m, d;
	struct sn_v3_keys keys;
	struct sn_error err;
	size_t olen, len, i;
	uint32_t x = 2463534242u;
	int rc, ok = 1, decoded = 0, authed = 0, k;

	make_msg(&m, true, true);
	user_keys(&m, SN_AUTH_SHA1, SN_PRIV_AES128, "auth pass phrase",
	    "priv pass phrase", akey, pkey, &err);
	memset(&keys, 0, sizeof(keys));
	keys.auth = SN_AUTH_SHA1;
	keys.auth_key = akey;
	keys.priv = SN_PRIV_AES128;
	keys.priv_key = pkey;
	rc = sn_v3_encode(crypto, &m, &keys, buf, sizeof(buf), &o, &olen,
	    &err);
	sn_v3_msg_init(&d);
	for (len = 0; rc == 0 && len < olen; len++) {
		memcpy(mut, o, len);
		if (sn_v3_decode(mut, len, &d, &err) == 0 ||
		    d.pdu.vbl.len != 0 || d.drop != SN_V3_DROP_PARSE)
			ok = 0;
	}
	tap_ok(rc == 0 && ok, "all %zu truncations are parse errors", olen);
	for (i = 0; rc == 0 && i < 20000; i++) {
		memcpy(mut, o, olen);
		for (k = 0; k < 1 + (int)(i % 3); k++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			mut[x % olen] ^= (uint8_t)(1u << (x >> 29));
		}
		/* two flips of one bit cancel: nothing to test then */
		if (memcmp(mut, o, olen) == 0 ||
		    sn_v3_decode(mut, olen, &d, &err) != 0)
			continue;
		decoded++;
		if (sn_v3_authenticate(crypto, mut, olen, &d, SN_AUTH_SHA1,
		    akey, &err) == 0)
			authed++;
		if (d.flags & SN_V3_FLAG_PRIV)
			sn_v3_decrypt(crypto, &d, SN_PRIV_AES128, pkey, &err);
	}
	tap_ok(authed == 0, "20000 edited messages: %d decode, none "
	    "authenticates", decoded);
	sn_v3_msg_clear(&d);
	sn_v3_msg_clear(&m);
}

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* Measured, not asserted: the cost of v3 authPriv over v2c. */
static void
bench(void)
{
	enum { N = 20000 };
	uint8_t buf[1024], akey[64], pkey[64], *o;
	struct sn_v3_msg m, d;
	struct sn_v3_keys keys;
	struct sn_msg c, cd;
	struct sn_error err;
	struct sn_oid oid;
	size_t olen;
	double t0, t1, t2;
	int i, rc = 0;

	make_msg(&m, true, true);
	sn_vbl_reset(&m.pdu.vbl);
	sn_oid_parse(&oid, "1.3.6.1.2.1.1.1.0", NULL);
	sn_vbl_add_null(&m.pdu.vbl, &oid);
	user_keys(&m, SN_AUTH_SHA256, SN_PRIV_AES128, "auth pass phrase",
	    "priv pass phrase", akey, pkey, &err);
	memset(&keys, 0, sizeof(keys));
	keys.auth = SN_AUTH_SHA256;
	keys.auth_key = akey;
	keys.priv = SN_PRIV_AES128;
	keys.priv_key = pkey;
	sn_v3_msg_init(&d);
	t0 = now_us();
	for (i = 0; i < N && rc == 0; i++) {
		keys.salt++;
		rc = sn_v3_encode(crypto, &m, &keys, buf, sizeof(buf), &o,
		    &olen, &err);
		if (rc == 0)
			rc = sn_v3_decode(o, olen, &d, &err);
		if (rc == 0) {
			rc = sn_v3_authenticate(crypto, o, olen, &d,
			    SN_AUTH_SHA256, akey, &err);
		}
		if (rc == 0) {
			rc = sn_v3_decrypt(crypto, &d, SN_PRIV_AES128, pkey,
			    &err);
		}
	}
	t1 = now_us();
	tap_ok(rc == 0, "benchmark loop ran");
	sn_msg_init(&c);
	sn_msg_init(&cd);
	sn_msg_set_community(&c, "public", 6);
	sn_pdu_copy(&c.pdu, &m.pdu);
	for (i = 0; i < N && rc == 0; i++) {
		rc = sn_msg_encode(&c, buf, sizeof(buf), &o, &olen, &err);
		if (rc == 0)
			rc = sn_msg_decode(o, olen, &cd, &err);
	}
	t2 = now_us();
	tap_diag("authPriv SHA-256/AES-128 GET encode+decode: %.2f us; "
	    "v2c: %.2f us", (t1 - t0) / N, (t2 - t1) / N);
	sn_msg_clear(&c);
	sn_msg_clear(&cd);
	sn_v3_msg_clear(&m);
	sn_v3_msg_clear(&d);
}

int
main(int argc, char **argv)
{
	struct sn_error err;
	int rc, n;

	rc = sn_crypto_new(&crypto, &err);
	if (rc == 0)
		rc = sn_usm_keycache_new(&cache, &err);
	if (!tap_ok(rc == 0, "crypto context and key cache")) {
		tap_diag("%s", err.msg);
		return tap_done();
	}
	n = vec_foreach("usm-messages.txt", row, NULL);
	tap_ok(n == 42, "usm-messages.txt: 42 rows (%d)", n);
	test_round_trips();
	test_encode_errors();
	test_decrypt_errors();
	test_mutations();
	if (argc < 2 || strcmp(argv[1], "--no-bench") != 0)
		bench();
	sn_usm_keycache_free(cache);
	sn_crypto_free(crypto);
	return tap_done();
}
