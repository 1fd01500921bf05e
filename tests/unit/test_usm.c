/*
 * Unit tests of the USM primitives (src/engine/usm.c): the key vectors of
 * tests/vectors/usm-keys.txt (RFC 3414 A.3 and A.5, RFC 7860 hashes, the
 * Blumenthal and Reeder key extensions, keyChange), the protocol tables of RFC 3414
 * and RFC 7860 (key and MAC lengths), truncated HMAC sign and verify with
 * failing rows, privacy round trips for every protocol with the salt and
 * IV rules of RFC 3414 §8 and RFC 3826 §3.1.2.1, decryption failures, the
 * timeliness rules of RFC 3414 §3.2 step 7, the usmStats mapping and the
 * key cache.  Also measures password to key for every hash.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sn/session.h>

#include "engine/crypto.h"
#include "engine/usm.h"
#include "tests/lib/tap.h"
#include "vec.h"

static struct sn_crypto *crypto;

static const uint8_t eid2[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 };

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
hash_by_name(const char *name, enum sn_hash *h)
{
	int i;

	for (i = 0; i < SN_HASH_COUNT; i++) {
		if (strcmp(sn_hash_name((enum sn_hash)i), name) == 0) {
			*h = (enum sn_hash)i;
			return 0;
		}
	}
	return -1;
}

static void
key_row(const struct vec_row *row, void *arg)
{
	char a1[32], a2[32], a3[64], a4[80], a5[16];
	uint8_t want[64], got[64], ku[64], kul[64], eid[32];
	enum sn_auth_proto auth;
	enum sn_priv_proto priv;
	struct sn_error err;
	enum sn_hash h;
	long wn, en = 0;
	int n, rc = -1;
	size_t len = 0;

	(void)arg;
	memset(got, 0, sizeof(got));
	n = sscanf(row->field[1], "%31s %31s %63s %79s %15s", a1, a2, a3,
	    a4, a5);
	wn = row->nfields == 3 ? tap_unhex(row->field[2], want,
	    sizeof(want)) : -1;
	if (wn < 0) {
		tap_ok(0, "%s:%d: malformed row", row->file, row->line);
		return;
	}
	if (strcmp(row->field[0], "p2k") == 0 && n == 2 &&
	    hash_by_name(a1, &h) == 0) {
		rc = sn_usm_password_to_key(crypto, h, a2, strlen(a2), got,
		    &err);
		len = sn_hash_len(h);
	} else if (strcmp(row->field[0], "localize") == 0 && n == 3 &&
	    hash_by_name(a1, &h) == 0 &&
	    (en = tap_unhex(a3, eid, sizeof(eid))) >= 0) {
		rc = sn_usm_password_to_key(crypto, h, a2, strlen(a2), ku,
		    &err);
		if (rc == 0) {
			rc = sn_usm_localize(crypto, h, ku, eid, (size_t)en,
			    got, &err);
		}
		len = sn_hash_len(h);
	} else if (strcmp(row->field[0], "privkey") == 0 && n == 4 &&
	    sn_usm_auth_parse(a1, &auth) == 0 &&
	    sn_usm_priv_parse(a2, &priv) == 0 &&
	    (en = tap_unhex(a4, eid, sizeof(eid))) >= 0) {
		h = sn_usm_auth_info(auth)->hash;
		rc = sn_usm_password_to_key(crypto, h, a3, strlen(a3), ku,
		    &err);
		if (rc == 0) {
			rc = sn_usm_localize(crypto, h, ku, eid, (size_t)en,
			    kul, &err);
		}
		if (rc == 0) {
			rc = sn_usm_priv_key(crypto, auth, priv, kul, eid,
			    (size_t)en, got, &err);
		}
		len = sn_usm_priv_info(priv)->key_len;
	} else if (strcmp(row->field[0], "extend") == 0 && n == 5 &&
	    hash_by_name(a1, &h) == 0 &&
	    (en = tap_unhex(a4, eid, sizeof(eid))) >= 0) {
		rc = sn_usm_password_to_key(crypto, h, a3, strlen(a3), ku,
		    &err);
		if (rc == 0) {
			rc = sn_usm_localize(crypto, h, ku, eid, (size_t)en,
			    kul, &err);
		}
		len = (size_t)strtoul(a5, NULL, 10);
		if (rc == 0) {
			rc = sn_usm_key_extend(crypto, h,
			    strcmp(a2, "reeder") == 0 ? SN_KEYEXT_REEDER :
			    SN_KEYEXT_BLUMENTHAL, kul, eid, (size_t)en, got,
			    len, &err);
		}
	} else if (strcmp(row->field[0], "keychange") == 0 && n == 5 &&
	    hash_by_name(a1, &h) == 0 &&
	    (en = tap_unhex(a4, eid, sizeof(eid))) >= 0) {
		uint8_t newkul[64], rnd[64], back[64];

		/* old key in kul, new key in newkul */
		rc = sn_usm_password_to_key(crypto, h, a2, strlen(a2), ku,
		    &err);
		if (rc == 0) {
			rc = sn_usm_localize(crypto, h, ku, eid, (size_t)en,
			    kul, &err);
		}
		if (rc == 0) {
			rc = sn_usm_password_to_key(crypto, h, a3, strlen(a3),
			    ku, &err);
		}
		if (rc == 0) {
			rc = sn_usm_localize(crypto, h, ku, eid, (size_t)en,
			    newkul, &err);
		}
		len = (size_t)strtoul(a5, NULL, 10);
		memset(rnd, 0, sizeof(rnd));
		if (rc == 0) {
			rc = sn_usm_keychange_encode(crypto, h, kul, newkul,
			    len, rnd, got, &err);
		}
		/* and back: the new key from the old and the value */
		memset(back, 0, sizeof(back));
		if (rc == 0) {
			rc = sn_usm_keychange_decode(crypto, h, kul, len,
			    want, (size_t)wn, back, &err);
		}
		tap_mem_eq(back, len, newkul, len, "%s:%d: keyChange "
		    "decodes to the new key", row->file, row->line);
		tap_ok(sn_usm_keychange_decode(crypto, h, kul, len, want,
		    (size_t)wn - 1, back, &err) == SN_EINVAL,
		    "%s:%d: keyChange of the wrong length", row->file,
		    row->line);
		len *= 2;
	} else {
		tap_ok(0, "%s:%d: malformed row", row->file, row->line);
		return;
	}
	if (!tap_ok(rc == 0, "%s:%d: %s %s computes", row->file, row->line,
	    row->field[0], row->field[1]))
		tap_diag("%s", err.msg);
	tap_mem_eq(got, len, want, (size_t)wn, "%s:%d: %s %s", row->file,
	    row->line, row->field[0], row->field[1]);
}

static void
test_tables(void)
{
	/* RFC 3414 §6-7 and RFC 7860 §4.2.2 (usm-vectors.md V8) */
	static const struct {
		enum sn_auth_proto p;
		size_t key, mac;
		uint32_t last;
	} t[] = {
		{ SN_AUTH_MD5, 16, 12, 2 }, { SN_AUTH_SHA1, 20, 12, 3 },
		{ SN_AUTH_SHA224, 28, 16, 4 }, { SN_AUTH_SHA256, 32, 24, 5 },
		{ SN_AUTH_SHA384, 48, 32, 6 }, { SN_AUTH_SHA512, 64, 48, 7 },
	};
	const struct sn_usm_auth_info *ai;
	const struct sn_usm_priv_info *pi;
	enum sn_auth_proto a;
	enum sn_priv_proto p;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ai = sn_usm_auth_info(t[i].p);
		tap_ok(ai != NULL && ai->key_len == t[i].key &&
		    ai->mac_len == t[i].mac &&
		    sn_hash_len(ai->hash) == t[i].key && ai->oid.len == 10 &&
		    ai->oid.sub[9] == t[i].last && ai->oid.sub[6] == 10,
		    "%s: key %zu, MAC %zu, OID 1.3.6.1.6.3.10.1.1.%u",
		    ai != NULL ? ai->name : "?", t[i].key, t[i].mac,
		    (unsigned)t[i].last);
	}
	tap_ok(sn_usm_auth_info(SN_AUTH_NONE) == NULL &&
	    sn_usm_priv_info(SN_PRIV_NONE) == NULL &&
	    sn_usm_auth_info((enum sn_auth_proto)99) == NULL,
	    "no info for NONE or out of range");
	pi = sn_usm_priv_info(SN_PRIV_DES);
	tap_ok(pi->key_len == 16 && pi->oid.sub[9] == 2,
	    "DES: 16 octets (key + pre-IV), 1.3.6.1.6.3.10.1.2.2");
	pi = sn_usm_priv_info(SN_PRIV_AES128);
	tap_ok(pi->key_len == 16 && pi->oid.sub[9] == 4,
	    "AES: 16 octets, 1.3.6.1.6.3.10.1.2.4");
	pi = sn_usm_priv_info(SN_PRIV_3DES);
	tap_ok(pi->key_len == 32 && pi->ext == SN_KEYEXT_REEDER,
	    "3DES: 32 octets, Reeder extension");
	tap_ok(sn_usm_priv_info(SN_PRIV_AES256)->ext == SN_KEYEXT_BLUMENTHAL &&
	    sn_usm_priv_info(SN_PRIV_AES192C)->ext == SN_KEYEXT_REEDER &&
	    sn_usm_priv_info(SN_PRIV_AES192)->key_len == 24,
	    "AES-192/256 Blumenthal, -C Reeder");
	tap_ok(sn_usm_auth_parse("sha-256", &a) == 0 && a == SN_AUTH_SHA256 &&
	    sn_usm_auth_parse("SHA", &a) == 0 && a == SN_AUTH_SHA1 &&
	    sn_usm_auth_parse("md5", &a) == 0 && a == SN_AUTH_MD5 &&
	    sn_usm_auth_parse("SHA-999", &a) == SN_EINVAL &&
	    sn_usm_auth_parse(NULL, &a) == SN_EINVAL,
	    "auth protocol names");
	tap_ok(sn_usm_priv_parse("aes", &p) == 0 && p == SN_PRIV_AES128 &&
	    sn_usm_priv_parse("AES-256-C", &p) == 0 && p == SN_PRIV_AES256C &&
	    sn_usm_priv_parse("3DES", &p) == 0 && p == SN_PRIV_3DES &&
	    sn_usm_priv_parse("AES-512", &p) == SN_EINVAL,
	    "priv protocol names");
}

static void
test_p2k(void)
{
	uint8_t ku[64];
	struct sn_error err;
	double t0, t1;
	int i, rc;

	rc = sn_usm_password_to_key(crypto, SN_HASH_MD5, "short12", 7, ku,
	    &err);
	tap_ok(rc == SN_EINVAL && strstr(err.msg, "8") != NULL,
	    "a 7-character passphrase is refused");
	rc = sn_usm_password_to_key(crypto, SN_HASH_MD5, "", 0, ku, &err);
	tap_ok(rc == SN_EINVAL, "an empty passphrase is refused");
	rc = sn_usm_localize(crypto, SN_HASH_MD5, ku, ku, 33, ku, &err);
	tap_ok(rc == SN_EINVAL, "a 33-octet engine ID is refused");
	/* a passphrase longer than the 4096-octet chunk, and odd-sized */
	{
		static char longpass[5001];
		uint8_t a[20], b[20];
		struct sn_crypto_md *md;
		size_t done, n;

		memset(longpass, 'x', sizeof(longpass) - 1);
		longpass[17] = 'y';
		rc = sn_usm_password_to_key(crypto, SN_HASH_SHA1, longpass,
		    5000, a, &err);
		/* reference: the RFC's literal 64-octet loop */
		sn_crypto_md_new(crypto, SN_HASH_SHA1, &md, &err);
		for (done = 0; done < 1048576; done += 64) {
			uint8_t blk[64];

			for (n = 0; n < 64; n++)
				blk[n] = (uint8_t)longpass[(done + n) % 5000];
			sn_crypto_md_update(md, blk, 64, &err);
		}
		sn_crypto_md_final(md, b, &err);
		sn_crypto_md_free(md);
		tap_mem_eq(a, 20, b, 20, "5000-character passphrase as the "
		    "RFC 3414 A.2.1 loop");
		rc = sn_usm_password_to_key(crypto, SN_HASH_SHA1, longpass,
		    13, a, &err);
		sn_crypto_md_new(crypto, SN_HASH_SHA1, &md, &err);
		for (done = 0; done < 1048576; done += 64) {
			uint8_t blk[64];

			for (n = 0; n < 64; n++)
				blk[n] = (uint8_t)longpass[(done + n) % 13];
			sn_crypto_md_update(md, blk, 64, &err);
		}
		sn_crypto_md_final(md, b, &err);
		sn_crypto_md_free(md);
		tap_mem_eq(a, 20, b, 20, "13-character passphrase as the "
		    "RFC 3414 A.2.1 loop");
	}
	/* measured, not asserted: the cost the key cache saves */
	for (i = 0; i < SN_HASH_COUNT; i++) {
		t0 = now_ms();
		rc = sn_usm_password_to_key(crypto, (enum sn_hash)i,
		    "maplesyrup", 10, ku, &err);
		t1 = now_ms();
		tap_diag("password to key, %s: %.2f ms",
		    sn_hash_name((enum sn_hash)i), t1 - t0);
	}
}

static void
test_auth(void)
{
	static const enum sn_auth_proto protos[] = {
		SN_AUTH_MD5, SN_AUTH_SHA1, SN_AUTH_SHA224, SN_AUTH_SHA256,
		SN_AUTH_SHA384, SN_AUTH_SHA512
	};
	const struct sn_usm_auth_info *ai;
	uint8_t key[64], msg[100], mac[64], full[64], mac2[64];
	struct sn_iov iov[3];
	struct sn_error err;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)(i * 7);
	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		ai = sn_usm_auth_info(protos[i]);
		memset(key, (int)(0x11 * (i + 1)), sizeof(key));
		memset(mac, 0xee, sizeof(mac));
		iov[0].p = msg;
		iov[0].len = sizeof(msg);
		rc = sn_usm_auth_sign(crypto, protos[i], key, iov, 1, mac,
		    &err);
		sn_crypto_hmac(crypto, ai->hash, key, ai->key_len, iov, 1,
		    full, &err);
		tap_ok(rc == 0 && memcmp(mac, full, ai->mac_len) == 0 &&
		    mac[ai->mac_len] == 0xee,
		    "%s: MAC is the first %zu octets of the HMAC, no more",
		    ai->name, ai->mac_len);
		/* same message in three pieces verifies */
		iov[0].len = 10;
		iov[1].p = msg + 10;
		iov[1].len = 50;
		iov[2].p = msg + 60;
		iov[2].len = 40;
		rc = sn_usm_auth_verify(crypto, protos[i], key, iov, 3, mac,
		    ai->mac_len, &err);
		tap_ok(rc == 0, "%s: verifies", ai->name);
		rc = sn_usm_auth_verify(crypto, protos[i], key, iov, 3, mac,
		    ai->mac_len - 1, &err);
		tap_ok(rc == SN_EWRONGDIGEST, "%s: short MAC is a wrong "
		    "digest", ai->name);
		rc = sn_usm_auth_verify(crypto, protos[i], key, iov, 3, full,
		    sn_hash_len(ai->hash), &err);
		tap_ok(rc == SN_EWRONGDIGEST, "%s: untruncated HMAC is a "
		    "wrong digest", ai->name);
		memcpy(mac2, mac, sizeof(mac2));
		mac2[ai->mac_len - 1] ^= 1;
		rc = sn_usm_auth_verify(crypto, protos[i], key, iov, 3, mac2,
		    ai->mac_len, &err);
		tap_ok(rc == SN_EWRONGDIGEST && err.code == SN_EWRONGDIGEST,
		    "%s: one bit off is a wrong digest", ai->name);
		msg[55] ^= 0x40;
		rc = sn_usm_auth_verify(crypto, protos[i], key, iov, 3, mac,
		    ai->mac_len, &err);
		tap_ok(rc == SN_EWRONGDIGEST, "%s: tampered message",
		    ai->name);
		msg[55] ^= 0x40;
		key[0] ^= 1;
		rc = sn_usm_auth_verify(crypto, protos[i], key, iov, 3, mac,
		    ai->mac_len, &err);
		tap_ok(rc == SN_EWRONGDIGEST, "%s: wrong key", ai->name);
	}
	rc = sn_usm_auth_sign(crypto, SN_AUTH_NONE, key, iov, 1, mac, &err);
	tap_ok(rc == SN_EINVAL, "no signing without a protocol");
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static void
test_priv(void)
{
	static const enum sn_priv_proto protos[] = {
		SN_PRIV_DES, SN_PRIV_3DES, SN_PRIV_AES128, SN_PRIV_AES192,
		SN_PRIV_AES256, SN_PRIV_AES192C, SN_PRIV_AES256C
	};
	static const size_t lens[] = { 1, 7, 8, 9, 16, 33, 200 };
	const struct sn_usm_priv_info *pi;
	uint8_t key[32], in[256], out[264], back[264], ref[264];
	uint8_t params[8], iv[16];
	const uint32_t boots = 0x01020304, etime = 0x0a0b0c0d;
	const uint64_t salt = 0x1122334455667788ull;
	struct sn_error err;
	size_t i, j, k, elen, klen;
	int rc, ok;

	for (i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)(i ^ 0x5a);
	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		pi = sn_usm_priv_info(protos[i]);
		for (k = 0; k < sizeof(key); k++)
			key[k] = (uint8_t)(k * 13 + i);
		ok = 1;
		for (j = 0; j < sizeof(lens) / sizeof(lens[0]); j++) {
			elen = sn_usm_encrypted_len(protos[i], lens[j]);
			memset(out, 0xcc, sizeof(out));
			rc = sn_usm_encrypt(crypto, protos[i], key, boots,
			    etime, salt, in, lens[j], out, params, &err);
			if (rc != 0) {
				tap_diag("%s", err.msg);
				ok = 0;
				break;
			}
			rc = sn_usm_decrypt(crypto, protos[i], key, boots,
			    etime, params, 8, out, elen, back, &err);
			ok = ok && rc == 0 &&
			    memcmp(back, in, lens[j]) == 0 &&
			    memcmp(out, in, lens[j] < 8 ? lens[j] : 8) != 0 &&
			    out[elen] == 0xcc;
		}
		tap_ok(ok, "%s: round trips of 1 to 200 octets", pi->name);
		/* the encoding of the salt and the IV (checked against the
		 * bare cipher) */
		rc = sn_usm_encrypt(crypto, protos[i], key, boots, etime, salt,
		    in, 32, out, params, &err);
		klen = sn_cipher_key_len(pi->cipher);
		if (pi->cipher == SN_CIPHER_DES_CBC ||
		    pi->cipher == SN_CIPHER_3DES_CBC) {
			/* RFC 3414 §8.1.1.1: IV = pre-IV XOR salt */
			tap_ok(get32(params) == 0x11223344u &&
			    get32(params + 4) == 0x55667788u,
			    "%s: salt is the caller's boots || integer",
			    pi->name);
			for (k = 0; k < 8; k++)
				iv[k] = key[klen + k] ^ params[k];
		} else {
			/* RFC 3826 §3.1.2.1: IV = boots || time || salt */
			tap_ok(get32(params) == 0x11223344u &&
			    get32(params + 4) == 0x55667788u,
			    "%s: salt is the 64-bit integer", pi->name);
			memcpy(iv, "\x01\x02\x03\x04\x0a\x0b\x0c\x0d", 8);
			memcpy(iv + 8, params, 8);
		}
		sn_crypto_cipher(crypto, pi->cipher, true, key, iv, in, 32,
		    ref, &err);
		tap_mem_eq(out, 32, ref, 32, "%s: IV and key as specified",
		    pi->name);
		/* a different time changes AES ciphertext, not DES */
		rc = sn_usm_encrypt(crypto, protos[i], key, boots, etime + 1,
		    salt, in, 32, back, params, &err);
		tap_ok(rc == 0 && (memcmp(back, out, 32) == 0) ==
		    (pi->cipher <= SN_CIPHER_3DES_CBC),
		    "%s: engineTime %s the IV", pi->name,
		    pi->cipher <= SN_CIPHER_3DES_CBC ? "is not in" : "is in");
		/* in-place encryption */
		memcpy(back, in, 40);
		rc = sn_usm_encrypt(crypto, protos[i], key, boots, etime, salt,
		    back, 32, back, params, &err);
		tap_mem_eq(back, 32, out, 32, "%s: in place", pi->name);
		/* failing rows */
		rc = sn_usm_decrypt(crypto, protos[i], key, boots, etime,
		    params, 7, out, 32, back, &err);
		tap_ok(rc == SN_EDECRYPT, "%s: 7-octet privacy parameters",
		    pi->name);
		rc = sn_usm_decrypt(crypto, protos[i], key, boots, etime,
		    params, 9, out, 32, back, &err);
		tap_ok(rc == SN_EDECRYPT, "%s: 9-octet privacy parameters",
		    pi->name);
		rc = sn_usm_decrypt(crypto, protos[i], key, boots, etime,
		    params, 8, out, 0, back, &err);
		tap_ok(rc == SN_EDECRYPT, "%s: empty encryptedPDU", pi->name);
		rc = sn_usm_decrypt(crypto, protos[i], key, boots, etime,
		    params, 8, out, 30, back, &err);
		if (pi->cipher <= SN_CIPHER_3DES_CBC) {
			tap_ok(rc == SN_EDECRYPT && strstr(err.msg, "30") !=
			    NULL, "%s: 30 octets is not whole blocks",
			    pi->name);
		} else {
			tap_ok(rc == 0, "%s: any length decrypts", pi->name);
		}
		/* wrong key decrypts to garbage, not the plaintext */
		key[0] ^= 0xff;
		rc = sn_usm_decrypt(crypto, protos[i], key, boots, etime,
		    params, 8, out, 32, back, &err);
		tap_ok(rc == 0 && memcmp(back, in, 32) != 0,
		    "%s: a wrong key gives other bytes", pi->name);
	}
	tap_ok(sn_usm_encrypted_len(SN_PRIV_DES, 17) == 24 &&
	    sn_usm_encrypted_len(SN_PRIV_3DES, 16) == 16 &&
	    sn_usm_encrypted_len(SN_PRIV_AES128, 17) == 17,
	    "encrypted lengths: DES pads to 8, AES does not");
}

static void
test_time(void)
{
	struct sn_usm_timeinfo t;

	/* RFC 3414 §3.2 step 7a, authoritative */
	tap_ok(sn_usm_time_check_authoritative(5, 1000, 5, 1000) == 0,
	    "auth: same time");
	tap_ok(sn_usm_time_check_authoritative(5, 1000, 5, 1150) == 0 &&
	    sn_usm_time_check_authoritative(5, 1000, 5, 850) == 0,
	    "auth: 150 s either way is in the window");
	tap_ok(sn_usm_time_check_authoritative(5, 1000, 5, 1151) ==
	    SN_ENOTINTIMEWINDOW &&
	    sn_usm_time_check_authoritative(5, 1000, 5, 849) ==
	    SN_ENOTINTIMEWINDOW, "auth: 151 s is outside");
	tap_ok(sn_usm_time_check_authoritative(5, 1000, 4, 1000) ==
	    SN_ENOTINTIMEWINDOW &&
	    sn_usm_time_check_authoritative(5, 1000, 6, 1000) ==
	    SN_ENOTINTIMEWINDOW, "auth: other boots is outside");
	tap_ok(sn_usm_time_check_authoritative(2147483647u, 10, 2147483647u,
	    10) == SN_ENOTINTIMEWINDOW, "auth: latched boots is outside");
	tap_ok(sn_usm_time_check_authoritative(0, 0, 0, 0) == 0,
	    "auth: boots 0 time 0");

	/* RFC 3414 §3.2 step 7b, non-authoritative */
	memset(&t, 0, sizeof(t));
	tap_ok(sn_usm_time_now(&t, 100) == 0, "remote: unknown time is 0");
	tap_ok(sn_usm_time_check_remote(&t, 100, 7, 5000) == 0 && t.valid &&
	    t.boots == 7 && t.time == 5000 && t.latest == 5000,
	    "remote: first message synchronises");
	tap_ok(sn_usm_time_now(&t, 130) == 5030, "remote: the clock runs");
	tap_ok(sn_usm_time_check_remote(&t, 130, 7, 4900) == 0 &&
	    t.latest == 5000, "remote: 130 s behind is in the window, no "
	    "update");
	tap_ok(sn_usm_time_check_remote(&t, 130, 7, 4879) ==
	    SN_ENOTINTIMEWINDOW, "remote: 151 s behind is outside");
	tap_ok(sn_usm_time_check_remote(&t, 130, 7, 9000) == 0 &&
	    t.time == 9000 && t.latest == 9000 && t.synced_at == 130,
	    "remote: ahead is accepted and updates");
	tap_ok(sn_usm_time_check_remote(&t, 140, 6, 9999) ==
	    SN_ENOTINTIMEWINDOW && t.boots == 7, "remote: older boots is "
	    "outside");
	tap_ok(sn_usm_time_check_remote(&t, 140, 8, 3) == 0 && t.boots == 8 &&
	    sn_usm_time_now(&t, 150) == 13, "remote: a reboot resets");
	sn_usm_time_sync(&t, 0, 2147483647u, 0);
	tap_ok(sn_usm_time_check_remote(&t, 0, 2147483647u, 0) ==
	    SN_ENOTINTIMEWINDOW, "remote: latched boots is outside");
	sn_usm_time_sync(&t, 0, 1, 2147483640u);
	tap_ok(sn_usm_time_now(&t, 100) == 2147483647u,
	    "remote: the time saturates");
	sn_usm_time_sync(&t, 50, 1, 10);
	tap_ok(sn_usm_time_now(&t, 20) == 10, "remote: a clock going back "
	    "counts as no time");
}

static void
test_stats(void)
{
	static const int codes[] = {
		SN_EUNSUPSECLEVEL, SN_ENOTINTIMEWINDOW, SN_EUNKNOWNUSER,
		SN_EUNKNOWNENGINEID, SN_EWRONGDIGEST, SN_EDECRYPT
	};
	struct sn_oid oid;
	char text[64];
	size_t i;
	int ok = 1;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		ok = ok && sn_usm_stats_oid(codes[i], &oid) == 0 &&
		    sn_oid_format(&oid, false, text, sizeof(text)) > 0;
		ok = ok && oid.len == 11 && oid.sub[9] == i + 1 &&
		    oid.sub[10] == 0 && sn_usm_stats_code(&oid) == codes[i];
		oid.len = 10;
		ok = ok && sn_usm_stats_code(&oid) == codes[i];
	}
	tap_ok(ok, "usmStats 1..6 <-> SN_EUNSUPSECLEVEL..SN_EDECRYPT");
	sn_usm_stats_oid(SN_EUNKNOWNENGINEID, &oid);
	sn_oid_format(&oid, false, text, sizeof(text));
	tap_ok(strcmp(text, "1.3.6.1.6.3.15.1.1.4.0") == 0,
	    "usmStatsUnknownEngineIDs.0 is %s", text);
	tap_ok(sn_usm_stats_oid(SN_ETIMEDOUT, &oid) == SN_EINVAL,
	    "no counter for a timeout");
	sn_oid_parse(&oid, "1.3.6.1.6.3.15.1.1.7.0", NULL);
	tap_ok(sn_usm_stats_code(&oid) == 0, "usmStats.7 is no counter");
	sn_oid_parse(&oid, "1.3.6.1.6.3.15.1.1.2.1", NULL);
	tap_ok(sn_usm_stats_code(&oid) == 0, "usmStats.2.1 is no counter");
	sn_oid_parse(&oid, "1.3.6.1.6.3.11.2.1.1.0", NULL);
	tap_ok(sn_usm_stats_code(&oid) == 0,
	    "snmpUnknownSecurityModels is no usmStats counter");
}

static void
test_cache(void)
{
	struct sn_usm_keycache *kc;
	uint8_t k1[64], k2[64], want[64], eid[12];
	struct sn_error err;
	double t0, t1, t2;
	int rc, i, ok;

	rc = sn_usm_keycache_new(&kc, &err);
	if (!tap_ok(rc == 0, "key cache"))
		return;
	t0 = now_ms();
	rc = sn_usm_keycache_auth_key(kc, crypto, SN_AUTH_SHA1, "maplesyrup",
	    10, eid2, sizeof(eid2), k1, &err);
	t1 = now_ms();
	rc |= sn_usm_keycache_auth_key(kc, crypto, SN_AUTH_SHA1,
	    "maplesyrup", 10, eid2, sizeof(eid2), k2, &err);
	t2 = now_ms();
	tap_unhex("6695febc9288e36282235fc7151f128497b38f3f", want, 20);
	tap_ok(rc == 0 && memcmp(k1, want, 20) == 0 &&
	    memcmp(k2, want, 20) == 0, "cached SHA key is RFC 3414 A.3.2's");
	tap_diag("key cache: first %.3f ms, hit %.3f ms", t1 - t0, t2 - t1);
	tap_ok(sn_usm_keycache_count(kc) == 2, "one Ku and one Kul cached "
	    "(%zu)", sn_usm_keycache_count(kc));
	rc = sn_usm_keycache_priv_key(kc, crypto, SN_AUTH_SHA1,
	    SN_PRIV_AES256C, "maplesyrup", 10, eid2, sizeof(eid2), k1, &err);
	tap_unhex("6695febc9288e36282235fc7151f128497b38f3f9b8b6d78936ba6e7"
	    "d19dfd9c", want, 32);
	tap_ok(rc == 0 && memcmp(k1, want, 32) == 0 &&
	    sn_usm_keycache_count(kc) == 3, "cached AES-256-C key");
	rc = sn_usm_keycache_priv_key(kc, crypto, SN_AUTH_SHA1, SN_PRIV_3DES,
	    "maplesyrup", 10, eid2, sizeof(eid2), k2, &err);
	tap_ok(rc == 0 && memcmp(k2, want, 32) == 0 &&
	    sn_usm_keycache_count(kc) == 3, "3DES shares the Reeder entry");
	rc = sn_usm_keycache_priv_key(kc, crypto, SN_AUTH_NONE, SN_PRIV_DES,
	    "maplesyrup", 10, eid2, sizeof(eid2), k2, &err);
	tap_ok(rc == SN_EINVAL, "privacy without an auth protocol refused");
	rc = sn_usm_keycache_auth_key(kc, crypto, SN_AUTH_SHA1, "maplesyrup",
	    10, eid2, 33, k2, &err);
	tap_ok(rc == SN_EINVAL, "a 33-octet engine ID is refused");
	rc = sn_usm_keycache_auth_key(kc, crypto, SN_AUTH_SHA1, "maplesyru",
	    9, eid2, sizeof(eid2), k2, &err);
	tap_ok(rc == 0 && memcmp(k2, "\x66\x95\xfe\xbc", 4) != 0,
	    "another passphrase, another key");
	rc = sn_usm_keycache_auth_key(kc, crypto, SN_AUTH_MD5, "short", 5,
	    eid2, sizeof(eid2), k2, &err);
	tap_ok(rc == SN_EINVAL, "short passphrase refused through the cache");
	/* many engine IDs: bounded, and still right after eviction */
	memcpy(eid, eid2, sizeof(eid));
	ok = 1;
	t0 = now_ms();
	for (i = 0; i < 3 * SN_USM_KEYCACHE_SIZE; i++) {
		eid[0] = (uint8_t)i;
		eid[1] = (uint8_t)(i >> 8);
		rc = sn_usm_keycache_auth_key(kc, crypto, SN_AUTH_MD5,
		    "maplesyrup", 10, eid, sizeof(eid), k1, &err);
		ok = ok && rc == 0 &&
		    sn_usm_keycache_count(kc) <= SN_USM_KEYCACHE_SIZE;
	}
	t1 = now_ms();
	tap_ok(ok && sn_usm_keycache_count(kc) == SN_USM_KEYCACHE_SIZE,
	    "the cache stays bounded at %d", SN_USM_KEYCACHE_SIZE);
	tap_diag("key cache: %d engine IDs in %.1f ms",
	    3 * SN_USM_KEYCACHE_SIZE, t1 - t0);
	rc = sn_usm_keycache_auth_key(kc, crypto, SN_AUTH_MD5, "maplesyrup",
	    10, eid2, sizeof(eid2), k1, &err);
	tap_ok(rc == 0 && memcmp(k1, "\x52\x6f\x5e\xed\x9f\xcc\xe2\x6f", 8) ==
	    0, "an evicted key is derived again correctly");
	sn_usm_keycache_free(kc);
	sn_usm_keycache_free(NULL);
}

/* The public names of sn/session.h (the shell's -a and -x). */
static void
test_public_names(void)
{
	const char *const *n;
	bool ok = true;

	for (n = sn_auth_proto_names(); *n != NULL; n++)
		ok = ok && sn_auth_proto_parse(*n) == 0;
	for (n = sn_priv_proto_names(); *n != NULL; n++)
		ok = ok && sn_priv_proto_parse(*n) == 0;
	tap_ok(ok, "every listed protocol name parses");
	tap_ok(sn_auth_proto_parse("sha-256") == 0 &&
	    sn_auth_proto_parse("SHA1") == 0 &&
	    sn_priv_proto_parse("aes256c") == 0,
	    "names are case-insensitive, dashes optional");
	tap_ok(sn_auth_proto_parse("SHA-3") == SN_EINVAL &&
	    sn_priv_proto_parse("AES-512") == SN_EINVAL &&
	    sn_auth_proto_parse(NULL) == SN_EINVAL &&
	    sn_priv_proto_parse("") == SN_EINVAL, "unknown names refused");
}

int
main(void)
{
	struct sn_error err;
	int rc;

	rc = sn_crypto_new(&crypto, &err);
	if (!tap_ok(rc == 0, "crypto context")) {
		tap_diag("%s", err.msg);
		return tap_done();
	}
	tap_ok(vec_foreach("usm-keys.txt", key_row, NULL) == 37,
	    "usm-keys.txt: 37 rows");
	test_tables();
	test_p2k();
	test_auth();
	test_priv();
	test_time();
	test_stats();
	test_cache();
	test_public_names();
	sn_crypto_free(crypto);
	return tap_done();
}
