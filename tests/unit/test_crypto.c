/*
 * Unit tests of the crypto layer (src/engine/crypto.c): HMAC vectors of
 * RFC 2202 and RFC 4231 and the cipher vectors of NIST SP 800-38A and
 * FIPS 81 from tests/vectors/usm-crypto.txt, digests against well-known
 * values, incremental against one-shot, DES through the legacy provider
 * of OpenSSL 3, in-place operation, bad lengths, random bytes and the
 * secret helpers.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/crypto.h"
#include "tests/lib/tap.h"
#include "vec.h"

static struct sn_crypto *crypto;

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

static int
cipher_by_name(const char *name, enum sn_cipher *c)
{
	static const struct {
		const char *name;
		enum sn_cipher c;
	} t[] = {
		{ "DES", SN_CIPHER_DES_CBC }, { "3DES", SN_CIPHER_3DES_CBC },
		{ "AES128", SN_CIPHER_AES128_CFB },
		{ "AES192", SN_CIPHER_AES192_CFB },
		{ "AES256", SN_CIPHER_AES256_CFB },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (strcmp(t[i].name, name) == 0) {
			*c = t[i].c;
			return 0;
		}
	}
	return -1;
}

static void
hmac_row(const struct vec_row *row, void *arg)
{
	uint8_t key[256], data[256], want[64], got[64];
	long kn, dn, wn;
	enum sn_hash h;
	struct sn_iov iov[2];
	struct sn_error err;
	int rc;

	(void)arg;
	kn = tap_unhex(row->field[1], key, sizeof(key));
	dn = tap_unhex(row->field[2], data, sizeof(data));
	wn = row->nfields == 4 ? tap_unhex(row->field[3], want,
	    sizeof(want)) : -1;
	if (hash_by_name(row->field[0] + 5, &h) != 0 || kn < 0 || dn < 0 ||
	    wn < 0) {
		tap_ok(0, "%s:%d: malformed row", row->file, row->line);
		return;
	}
	tap_ok(sn_hash_len(h) == (size_t)wn, "%s:%d: %s is %ld octets",
	    row->file, row->line, sn_hash_name(h), wn);
	iov[0].p = data;
	iov[0].len = (size_t)dn;
	rc = sn_crypto_hmac(crypto, h, key, (size_t)kn, iov, 1, got, &err);
	if (!tap_ok(rc == 0, "%s:%d: HMAC-%s", row->file, row->line,
	    sn_hash_name(h)))
		tap_diag("%s", err.msg);
	tap_mem_eq(got, sn_hash_len(h), want, (size_t)wn,
	    "%s:%d: HMAC-%s value", row->file, row->line, sn_hash_name(h));
	/* the same data in two pieces, split in the middle */
	iov[0].len = (size_t)dn / 2;
	iov[1].p = data + dn / 2;
	iov[1].len = (size_t)(dn - dn / 2);
	memset(got, 0, sizeof(got));
	rc = sn_crypto_hmac(crypto, h, key, (size_t)kn, iov, 2, got, &err);
	tap_mem_eq(got, sn_hash_len(h), want, (size_t)wn,
	    "%s:%d: HMAC-%s over two pieces", row->file, row->line,
	    sn_hash_name(h));
}

static void
cipher_row(const struct vec_row *row, void *arg)
{
	uint8_t key[64], iv[16], pt[64], ct[64], got[64];
	char name[16], khex[130], ivhex[40];
	long kn, ivn, pn, cn;
	enum sn_cipher c;
	struct sn_error err;
	int rc;

	(void)arg;
	if (sscanf(row->field[0], "cipher %15s %129s %39s", name, khex,
	    ivhex) != 3 || cipher_by_name(name, &c) != 0 ||
	    row->nfields != 3) {
		tap_ok(0, "%s:%d: malformed row", row->file, row->line);
		return;
	}
	kn = tap_unhex(khex, key, sizeof(key));
	ivn = tap_unhex(ivhex, iv, sizeof(iv));
	pn = tap_unhex(row->field[1], pt, sizeof(pt));
	cn = tap_unhex(row->field[2], ct, sizeof(ct));
	tap_ok(kn == (long)sn_cipher_key_len(c) &&
	    ivn == (long)sn_cipher_iv_len(c) && pn == cn,
	    "%s:%d: %s key and IV lengths", row->file, row->line, name);
	if (!sn_crypto_has_cipher(crypto, c)) {
		tap_ok(0, "%s:%d: %s available", row->file, row->line, name);
		return;
	}
	rc = sn_crypto_cipher(crypto, c, true, key, iv, pt, (size_t)pn, got,
	    &err);
	if (!tap_ok(rc == 0, "%s:%d: %s encrypts", row->file, row->line,
	    name))
		tap_diag("%s", err.msg);
	tap_mem_eq(got, (size_t)pn, ct, (size_t)cn, "%s:%d: %s ciphertext",
	    row->file, row->line, name);
	/* decrypt in place */
	rc = sn_crypto_cipher(crypto, c, false, key, iv, got, (size_t)cn, got,
	    &err);
	tap_ok(rc == 0, "%s:%d: %s decrypts in place", row->file, row->line,
	    name);
	tap_mem_eq(got, (size_t)cn, pt, (size_t)pn, "%s:%d: %s plaintext",
	    row->file, row->line, name);
	/* CFB works on any length: a prefix encrypts to a prefix */
	if (c >= SN_CIPHER_AES128_CFB) {
		rc = sn_crypto_cipher(crypto, c, true, key, iv, pt, 21, got,
		    &err);
		tap_ok(rc == 0 && memcmp(got, ct, 21) == 0,
		    "%s:%d: %s on 21 octets", row->file, row->line, name);
	} else {
		rc = sn_crypto_cipher(crypto, c, true, key, iv, pt, 21, got,
		    &err);
		tap_ok(rc == SN_EINVAL && err.code == SN_EINVAL,
		    "%s:%d: %s refuses 21 octets (not whole blocks)",
		    row->file, row->line, name);
	}
}

static void
row(const struct vec_row *r, void *arg)
{
	if (strncmp(r->field[0], "hmac ", 5) == 0)
		hmac_row(r, arg);
	else if (strncmp(r->field[0], "cipher ", 7) == 0)
		cipher_row(r, arg);
	else
		tap_ok(0, "%s:%d: unknown row", r->file, r->line);
}

static void
test_digests(void)
{
	static const struct {
		enum sn_hash h;
		const char *hex;
	} abc[] = {
		{ SN_HASH_MD5, "900150983cd24fb0d6963f7d28e17f72" },
		{ SN_HASH_SHA1, "a9993e364706816aba3e25717850c26c9cd0d89d" },
		{ SN_HASH_SHA224, "23097d223405d8228642a477bda255b32aadbce4bda0"
		    "b3f7e36c9da7" },
		{ SN_HASH_SHA256, "ba7816bf8f01cfea414140de5dae2223b00361a39617"
		    "7a9cb410ff61f20015ad" },
		{ SN_HASH_SHA384, "cb00753f45a35e8bb5a03d699ac65007272c32ab0ede"
		    "d1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7" },
		{ SN_HASH_SHA512, "ddaf35a193617abacc417349ae20413112e6fa4e89a9"
		    "7ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d44"
		    "23643ce80e2a9ac94fa54ca49f" },
	};
	uint8_t want[64], got[64];
	struct sn_crypto_md *md;
	struct sn_iov iov[2];
	struct sn_error err;
	size_t i;
	long n;
	int rc;

	for (i = 0; i < sizeof(abc) / sizeof(abc[0]); i++) {
		n = tap_unhex(abc[i].hex, want, sizeof(want));
		iov[0].p = "a";
		iov[0].len = 1;
		iov[1].p = "bc";
		iov[1].len = 2;
		rc = sn_crypto_digest(crypto, abc[i].h, iov, 2, got, &err);
		tap_ok(rc == 0, "%s(\"abc\") computes",
		    sn_hash_name(abc[i].h));
		tap_mem_eq(got, sn_hash_len(abc[i].h), want, (size_t)n,
		    "%s(\"abc\")", sn_hash_name(abc[i].h));
		memset(got, 0, sizeof(got));
		rc = sn_crypto_md_new(crypto, abc[i].h, &md, &err);
		if (rc == 0)
			rc = sn_crypto_md_update(md, "ab", 2, &err);
		if (rc == 0)
			rc = sn_crypto_md_update(md, "c", 1, &err);
		if (rc == 0)
			rc = sn_crypto_md_final(md, got, &err);
		sn_crypto_md_free(md);
		tap_mem_eq(got, sn_hash_len(abc[i].h), want, (size_t)n,
		    "%s(\"abc\") incrementally", sn_hash_name(abc[i].h));
	}
	rc = sn_crypto_md_new(crypto, (enum sn_hash)SN_HASH_COUNT, &md, &err);
	tap_ok(rc == SN_EINVAL && md == NULL, "unknown hash refused");
	sn_crypto_md_free(NULL);
}

static void
test_secrets(void)
{
	uint8_t a[32], b[32], z[32];
	struct sn_error err;
	uint8_t *s;
	int rc;

	memset(z, 0, sizeof(z));
	rc = sn_crypto_random(crypto, a, sizeof(a), &err);
	tap_ok(rc == 0, "random bytes");
	rc = sn_crypto_random(crypto, b, sizeof(b), &err);
	tap_ok(rc == 0 && memcmp(a, b, sizeof(a)) != 0 &&
	    memcmp(a, z, sizeof(a)) != 0, "two random draws differ");
	memcpy(b, a, sizeof(a));
	tap_ok(sn_crypto_equal(a, b, sizeof(a)), "equal secrets compare "
	    "equal");
	b[31] ^= 1;
	tap_ok(!sn_crypto_equal(a, b, sizeof(a)), "last octet differs");
	b[31] ^= 1;
	b[0] ^= 0x80;
	tap_ok(!sn_crypto_equal(a, b, sizeof(a)), "first octet differs");
	sn_crypto_wipe(a, sizeof(a));
	tap_ok(memcmp(a, z, sizeof(a)) == 0, "wipe zeroes");
	sn_crypto_wipe(NULL, 10);
	s = sn_secret_alloc(16);
	tap_ok(s != NULL && memcmp(s, z, 16) == 0, "secret buffers start "
	    "zeroed");
	if (s != NULL)
		memcpy(s, "0123456789abcdef", 16);
	sn_secret_free(s, 16);
	sn_secret_free(NULL, 16);
	tap_ok(1, "secret_free(NULL) is a no-op");
}

static void
test_cipher_errors(void)
{
	uint8_t key[32] = { 0 }, iv[16] = { 0 }, buf[32] = { 0 };
	struct sn_error err;
	int rc;

	rc = sn_crypto_cipher(crypto, SN_CIPHER_DES_CBC, false, key, iv, buf,
	    12, buf, &err);
	tap_ok(rc == SN_EINVAL, "DES-CBC refuses 12 octets");
	rc = sn_crypto_cipher(crypto, SN_CIPHER_3DES_CBC, true, key, iv, buf,
	    7, buf, &err);
	tap_ok(rc == SN_EINVAL, "3DES-CBC refuses 7 octets");
	rc = sn_crypto_cipher(crypto, SN_CIPHER_AES128_CFB, true, key, iv,
	    buf, 0, buf, &err);
	tap_ok(rc == 0, "AES-CFB of nothing is nothing");
	rc = sn_crypto_cipher(crypto, (enum sn_cipher)SN_CIPHER_COUNT, true,
	    key, iv, buf, 16, buf, &err);
	tap_ok(rc == SN_EINVAL, "unknown cipher refused");
}

/*
 * The states kept per key (HMAC ipad/opad digests, cipher key schedules)
 * must follow key changes: alternate keys on one context and compare
 * with a fresh context each time.
 */
static void
test_key_caches(void)
{
	static const enum sn_hash hs[] = { SN_HASH_SHA1, SN_HASH_SHA256 };
	static const enum sn_cipher cs[] = { SN_CIPHER_AES128_CFB,
	    SN_CIPHER_3DES_CBC, SN_CIPHER_DES_CBC };
	uint8_t ka[100], kb[100], msg[150], iv[16], x[3][64], y[64];
	uint8_t c1[144], c2[144], p[144];
	struct sn_iov iov = { msg, sizeof(msg) };
	struct sn_crypto *fresh;
	size_t i, k, lens[] = { 32, 16, 100 };
	bool ok = true, okc = true;

	memset(ka, 0xa5, sizeof(ka));
	memset(kb, 0xa5, sizeof(kb));
	kb[5] ^= 0x10;	/* one octet differs (not a DES parity bit) */
	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)i;
	memset(iv, 7, sizeof(iv));
	if (!tap_ok(sn_crypto_new(&fresh, NULL) == 0, "a second context"))
		return;
	for (i = 0; i < sizeof(hs) / sizeof(hs[0]); i++) {
		for (k = 0; k < sizeof(lens) / sizeof(lens[0]); k++) {
			sn_crypto_hmac(crypto, hs[i], ka, lens[k], &iov, 1,
			    x[0], NULL);
			sn_crypto_hmac(crypto, hs[i], kb, lens[k], &iov, 1,
			    x[1], NULL);
			sn_crypto_hmac(crypto, hs[i], ka, lens[k], &iov, 1,
			    x[2], NULL);
			sn_crypto_hmac(fresh, hs[i], ka, lens[k], &iov, 1, y,
			    NULL);
			ok = ok && memcmp(x[0], y, sn_hash_len(hs[i])) == 0 &&
			    memcmp(x[2], y, sn_hash_len(hs[i])) == 0 &&
			    memcmp(x[1], y, sn_hash_len(hs[i])) != 0;
			/* a shorter key that is a prefix of the cached one */
			sn_crypto_hmac(crypto, hs[i], ka, lens[k] - 1, &iov, 1,
			    x[0], NULL);
			sn_crypto_hmac(fresh, hs[i], ka, lens[k] - 1, &iov, 1,
			    y, NULL);
			ok = ok && memcmp(x[0], y, sn_hash_len(hs[i])) == 0;
		}
	}
	tap_ok(ok, "HMAC follows key changes (A, B, A, shorter A; 16, 32 "
	    "and 100 octets)");
	for (i = 0; i < sizeof(cs) / sizeof(cs[0]); i++) {
		sn_crypto_cipher(crypto, cs[i], true, ka, iv, msg, 144, c1,
		    NULL);
		sn_crypto_cipher(crypto, cs[i], true, kb, iv, msg, 144, c2,
		    NULL);
		okc = okc && memcmp(c1, c2, 144) != 0;
		sn_crypto_cipher(crypto, cs[i], false, kb, iv, c2, 144, p,
		    NULL);
		okc = okc && memcmp(p, msg, 144) == 0;
		sn_crypto_cipher(crypto, cs[i], true, ka, iv, msg, 144, c2,
		    NULL);
		okc = okc && memcmp(c1, c2, 144) == 0;
		sn_crypto_cipher(fresh, cs[i], true, ka, iv, msg, 144, c2,
		    NULL);
		okc = okc && memcmp(c1, c2, 144) == 0;
		sn_crypto_cipher(crypto, cs[i], false, ka, iv, c1, 144, p,
		    NULL);
		okc = okc && memcmp(p, msg, 144) == 0;
		/* another IV with the same key */
		iv[0] ^= 0x55;
		sn_crypto_cipher(crypto, cs[i], true, ka, iv, msg, 144, c2,
		    NULL);
		okc = okc && memcmp(c1, c2, 144) != 0;
		sn_crypto_cipher(fresh, cs[i], true, ka, iv, msg, 144, c1,
		    NULL);
		okc = okc && memcmp(c1, c2, 144) == 0;
		iv[0] ^= 0x55;
	}
	tap_ok(okc, "ciphers follow key, IV and direction changes "
	    "(AES-CFB, 3DES, DES)");
	sn_crypto_free(fresh);
}

/*
 * AES-CFB has two implementations (short messages are encrypted block by
 * block, long ones through OpenSSL's CFB mode; decryption computes its
 * keystream in one pass): CFB is a stream, so every prefix of a long
 * encryption must equal the encryption of that prefix, and decrypt back.
 */
static void
test_cfb_paths(void)
{
	static const enum sn_cipher cs[] = { SN_CIPHER_AES128_CFB,
	    SN_CIPHER_AES192_CFB, SN_CIPHER_AES256_CFB };
	static uint8_t pt[1200], whole[1200], part[1200], back[1200];
	uint8_t key[32], iv[16];
	size_t i, k, len;
	bool ok = true;

	for (i = 0; i < sizeof(pt); i++)
		pt[i] = (uint8_t)(i * 7 + 1);
	memset(key, 0x3c, sizeof(key));
	memset(iv, 0xc3, sizeof(iv));
	for (k = 0; k < sizeof(cs) / sizeof(cs[0]); k++) {
		ok = ok && sn_crypto_cipher(crypto, cs[k], true, key, iv, pt,
		    sizeof(pt), whole, NULL) == 0;
		for (len = 1; ok && len <= 700; len++) {
			ok = sn_crypto_cipher(crypto, cs[k], true, key, iv, pt,
			    len, part, NULL) == 0 &&
			    memcmp(part, whole, len) == 0 &&
			    sn_crypto_cipher(crypto, cs[k], false, key, iv,
			    part, len, back, NULL) == 0 &&
			    memcmp(back, pt, len) == 0;
			if (!ok)
				tap_diag("%s, %zu octets", k == 0 ? "AES-128" :
				    k == 1 ? "AES-192" : "AES-256", len);
		}
		/* in place, as the USM code decrypts */
		memcpy(back, whole, sizeof(whole));
		ok = ok && sn_crypto_cipher(crypto, cs[k], false, key, iv,
		    back, sizeof(back), back, NULL) == 0 &&
		    memcmp(back, pt, sizeof(pt)) == 0;
	}
	tap_ok(ok, "AES-CFB: short and long paths agree, 1..700 octets, "
	    "128/192/256-bit keys, in place too");
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
	/* OpenSSL 3 keeps single DES in its legacy provider: it must load */
	tap_ok(sn_crypto_has_cipher(crypto, SN_CIPHER_DES_CBC),
	    "DES-CBC available (legacy provider in a private context)");
	tap_ok(sn_crypto_has_cipher(crypto, SN_CIPHER_3DES_CBC),
	    "3DES-EDE-CBC available");
	tap_ok(vec_foreach("usm-crypto.txt", row, NULL) == 21,
	    "usm-crypto.txt: 21 rows");
	test_digests();
	test_cipher_errors();
	test_secrets();
	test_key_caches();
	test_cfb_paths();
	sn_crypto_free(crypto);
	sn_crypto_free(NULL);
	return tap_done();
}
