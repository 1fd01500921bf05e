/*
 * The engine's cryptography over OpenSSL 3's libcrypto, the only file that
 * includes OpenSSL headers: digests and HMAC (RFC 2104) for the USM
 * authentication protocols of RFC 3414 §6-7 and RFC 7860, the DES-CBC
 * (RFC 3414 §8), 3DES-EDE-CBC (draft-reeder-snmpv3-usm-3desede) and
 * AES-CFB128 (RFC 3826 §3.1.1, with 128, 192 and 256-bit keys) ciphers of
 * the privacy protocols, random bytes, and the wipe and constant-time
 * compare used for every secret.  Algorithms are fetched once into a
 * private OSSL_LIB_CTX holding the "default" provider, and "legacy" once
 * DES is asked for (it lives there since OpenSSL 3.0), so no global
 * OpenSSL state is changed and OpenSSL's configuration file is not read.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/md5.h>
#include <openssl/sha.h>
#include <openssl/opensslv.h>
#include <openssl/provider.h>
#include <openssl/rand.h>

#include "crypto.h"

#if OPENSSL_VERSION_NUMBER < 0x30000000L
#error "snmpsh needs OpenSSL 3.0 or later (OSSL_LIB_CTX, providers)"
#endif

struct sn_crypto {
	OSSL_LIB_CTX *lib;
	OSSL_PROVIDER *prov_default;
	EVP_MD *md[SN_HASH_COUNT];
	/* NULL when unavailable; DES is fetched on first use (scratch) */
	EVP_CIPHER *cipher[SN_CIPHER_COUNT];
	/* AES-128/192/256 in ECB: the block function under CFB (aes_cfb) */
	EVP_CIPHER *ecb[3];
	/*
	 * Contexts kept between calls, one per algorithm, so that a request
	 * does not pay for their allocation and provider setup (twice an
	 * HMAC and once a cipher per message).  They are working state, not
	 * part of the immutable configuration: reached through a pointer,
	 * made on first use, wiped and freed with the context.  As the rest
	 * of the engine, not for concurrent use from several threads.
	 */
	struct scratch *scratch;
};

/*
 * The HMAC of the last key used with a hash, as two digest states that
 * have already absorbed K XOR ipad and K XOR opad (RFC 2104 §4: "the
 * intermediate results ... may be precomputed"): a USM message then
 * costs its own blocks, not two more for the key.  A cipher keeps its key
 * schedule for the last key in each direction.  The keys are kept to
 * recognise them (compared in constant time) and wiped with the context.
 */
#define KEY_CACHE_MAX 64

#ifndef OPENSSL_NO_DEPRECATED_3_0
/*
 * With OpenSSL 3.0's low-level digests (deprecated, still built by
 * default) the two states are plain structures, copied by assignment:
 * EVP_MD_CTX_copy_ex() frees and duplicates the provider's context on
 * every copy (an allocation, a cleanse and a free, four times per
 * authenticated message pair), which cost more than the hashing itself.
 * The same assembly does the blocks.  Without them, the EVP path below.
 */
#define HMAC_LOWLEVEL 1
union ll_md {
	MD5_CTX md5;
	SHA_CTX sha1;
	SHA256_CTX sha256;
	SHA512_CTX sha512;
};
#endif

struct hmac_state {
	EVP_MD_CTX *inner;	/* after K XOR ipad */
	EVP_MD_CTX *outer;	/* after K XOR opad */
	EVP_MD_CTX *work;
#ifdef HMAC_LOWLEVEL
	union ll_md ll_inner, ll_outer, ll_work;	/* wiped with scratch */
#endif
	uint8_t key[KEY_CACHE_MAX];
	size_t keylen;
	bool ready;
};

struct cipher_state {
	EVP_CIPHER_CTX *ctx;
	uint8_t key[KEY_CACHE_MAX];
	bool keyed;
};

/*
 * AES-CFB128 runs on a keyed ECB context (aes_cfb): no per-message
 * initialisation at all, and decryption computes the whole keystream in
 * one call.  buf holds the keystream input (IV and ciphertext blocks).
 */
struct ecb_state {
	EVP_CIPHER_CTX *ctx;
	uint8_t key[32];
	bool keyed;
};

struct scratch {
	struct ecb_state ecb[3];
	uint8_t *buf;
	size_t bufcap;
	/*
	 * "legacy" and DES-CBC from it, loaded when DES is first asked
	 * for: loading it costs every SNMPv3 session's start-up about as
	 * much as a hundred authPriv messages, and DES is rarely used.
	 */
	bool des_tried;
	OSSL_PROVIDER *prov_legacy;	/* NULL when unavailable */
	EVP_CIPHER *des;
	struct hmac_state hmac[SN_HASH_COUNT];
	struct cipher_state cipher[SN_CIPHER_COUNT][2];	/* [.][enc] */
};

struct sn_crypto_md {
	EVP_MD_CTX *ctx;
	enum sn_hash hash;
};

static const struct {
	const char *name;
	size_t len;
} hashes[SN_HASH_COUNT] = {
	[SN_HASH_MD5] = { "MD5", 16 },
	[SN_HASH_SHA1] = { "SHA1", 20 },
	[SN_HASH_SHA224] = { "SHA224", 28 },
	[SN_HASH_SHA256] = { "SHA256", 32 },
	[SN_HASH_SHA384] = { "SHA384", 48 },
	[SN_HASH_SHA512] = { "SHA512", 64 },
};

static const struct {
	const char *name;
	size_t keylen;
	size_t ivlen;
} ciphers[SN_CIPHER_COUNT] = {
	[SN_CIPHER_DES_CBC] = { "DES-CBC", 8, 8 },
	[SN_CIPHER_3DES_CBC] = { "DES-EDE3-CBC", 24, 8 },
	/* RFC 3826 §3.1.1: CFB with a 128-bit feedback segment */
	[SN_CIPHER_AES128_CFB] = { "AES-128-CFB", 16, 16 },
	[SN_CIPHER_AES192_CFB] = { "AES-192-CFB", 24, 16 },
	[SN_CIPHER_AES256_CFB] = { "AES-256-CFB", 32, 16 },
};

size_t
sn_hash_len(enum sn_hash hash)
{
	if ((unsigned)hash >= SN_HASH_COUNT)
		return 0;
	return hashes[hash].len;
}

const char *
sn_hash_name(enum sn_hash hash)
{
	if ((unsigned)hash >= SN_HASH_COUNT)
		return "unknown";
	return hashes[hash].name;
}

size_t
sn_cipher_key_len(enum sn_cipher cipher)
{
	if ((unsigned)cipher >= SN_CIPHER_COUNT)
		return 0;
	return ciphers[cipher].keylen;
}

size_t
sn_cipher_iv_len(enum sn_cipher cipher)
{
	if ((unsigned)cipher >= SN_CIPHER_COUNT)
		return 0;
	return ciphers[cipher].ivlen;
}

void
sn_crypto_free(struct sn_crypto *c)
{
	int i;

	if (c == NULL)
		return;
	if (c->scratch != NULL) {
		struct scratch *sc = c->scratch;

		/* EVP_*_CTX_free cleanses the states and key schedules */
		for (i = 0; i < SN_HASH_COUNT; i++) {
			EVP_MD_CTX_free(sc->hmac[i].inner);
			EVP_MD_CTX_free(sc->hmac[i].outer);
			EVP_MD_CTX_free(sc->hmac[i].work);
		}
		for (i = 0; i < SN_CIPHER_COUNT; i++) {
			EVP_CIPHER_CTX_free(sc->cipher[i][0].ctx);
			EVP_CIPHER_CTX_free(sc->cipher[i][1].ctx);
		}
		for (i = 0; i < 3; i++)
			EVP_CIPHER_CTX_free(sc->ecb[i].ctx);
		sn_secret_free(sc->buf, sc->bufcap);
		EVP_CIPHER_free(sc->des);
		if (sc->prov_legacy != NULL)
			OSSL_PROVIDER_unload(sc->prov_legacy);
		sn_secret_free(sc, sizeof(*sc));
	}
	for (i = 0; i < SN_HASH_COUNT; i++)
		EVP_MD_free(c->md[i]);
	for (i = 0; i < SN_CIPHER_COUNT; i++)
		EVP_CIPHER_free(c->cipher[i]);
	for (i = 0; i < 3; i++)
		EVP_CIPHER_free(c->ecb[i]);
	if (c->prov_default != NULL)
		OSSL_PROVIDER_unload(c->prov_default);
	OSSL_LIB_CTX_free(c->lib);
	free(c);
}

int
sn_crypto_new(struct sn_crypto **out, struct sn_error *err)
{
	struct sn_crypto *c;
	int i;

	*out = NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL ||
	    (c->scratch = sn_secret_alloc(sizeof(*c->scratch))) == NULL) {
		free(c);
		return sn_error_set(err, SN_ENOMEM, "crypto: out of memory");
	}
	if ((c->lib = OSSL_LIB_CTX_new()) == NULL) {
		free(c->scratch);
		free(c);
		return sn_error_set(err, SN_ENOMEM,
		    "crypto: cannot make an OpenSSL library context");
	}
	/*
	 * Loading a provider explicitly stops the automatic fallback to
	 * "default", so it is loaded here.  "legacy" is optional and loaded
	 * later: only usmDESPrivProtocol (RFC 3414 §8) needs it.
	 */
	c->prov_default = OSSL_PROVIDER_load(c->lib, "default");
	if (c->prov_default == NULL) {
		sn_crypto_free(c);
		return sn_error_set(err, SN_EINTERNAL,
		    "crypto: cannot load OpenSSL's default provider");
	}
	for (i = 0; i < SN_HASH_COUNT; i++) {
		c->md[i] = EVP_MD_fetch(c->lib, hashes[i].name, NULL);
		if (c->md[i] == NULL) {
			sn_crypto_free(c);
			return sn_error_set(err, SN_EINTERNAL,
			    "crypto: digest %s not available", hashes[i].name);
		}
	}
	for (i = 0; i < SN_CIPHER_COUNT; i++) {
		if (i == SN_CIPHER_DES_CBC)
			continue;
		c->cipher[i] = EVP_CIPHER_fetch(c->lib, ciphers[i].name, NULL);
		if (i >= SN_CIPHER_AES128_CFB && c->cipher[i] != NULL) {
			static const char *const ecb[] = { "AES-128-ECB",
			    "AES-192-ECB", "AES-256-ECB" };
			int k = i - SN_CIPHER_AES128_CFB;

			c->ecb[k] = EVP_CIPHER_fetch(c->lib, ecb[k], NULL);
			if (c->ecb[k] == NULL)
				c->cipher[i] = NULL;	/* reported below */
		}
		if (c->cipher[i] == NULL) {
			sn_crypto_free(c);
			return sn_error_set(err, SN_EINTERNAL,
			    "crypto: cipher %s not available",
			    ciphers[i].name);
		}
	}
	*out = c;
	return 0;
}

/* The fetched cipher, loading "legacy" for DES the first time; or NULL. */
static const EVP_CIPHER *
cipher_get(const struct sn_crypto *c, enum sn_cipher cipher)
{
	struct scratch *sc = c->scratch;

	if (cipher != SN_CIPHER_DES_CBC)
		return c->cipher[cipher];
	if (!sc->des_tried) {
		sc->des_tried = true;
		sc->prov_legacy = OSSL_PROVIDER_load(c->lib, "legacy");
		if (sc->prov_legacy != NULL)
			sc->des = EVP_CIPHER_fetch(c->lib,
			    ciphers[SN_CIPHER_DES_CBC].name, NULL);
	}
	return sc->des;
}

bool
sn_crypto_has_cipher(const struct sn_crypto *c, enum sn_cipher cipher)
{
	return (unsigned)cipher < SN_CIPHER_COUNT &&
	    cipher_get(c, cipher) != NULL;
}

int
sn_crypto_md_new(const struct sn_crypto *c, enum sn_hash hash,
    struct sn_crypto_md **out, struct sn_error *err)
{
	struct sn_crypto_md *md;

	*out = NULL;
	if ((unsigned)hash >= SN_HASH_COUNT)
		return sn_error_set(err, SN_EINVAL, "crypto: unknown hash");
	if ((md = calloc(1, sizeof(*md))) == NULL)
		return sn_error_set(err, SN_ENOMEM, "crypto: out of memory");
	md->hash = hash;
	if ((md->ctx = EVP_MD_CTX_new()) == NULL) {
		free(md);
		return sn_error_set(err, SN_ENOMEM, "crypto: out of memory");
	}
	if (EVP_DigestInit_ex2(md->ctx, c->md[hash], NULL) != 1) {
		sn_crypto_md_free(md);
		return sn_error_set(err, SN_EINTERNAL,
		    "crypto: %s digest init failed", hashes[hash].name);
	}
	*out = md;
	return 0;
}

int
sn_crypto_md_update(struct sn_crypto_md *md, const void *p, size_t len,
    struct sn_error *err)
{
	if (EVP_DigestUpdate(md->ctx, p, len) != 1) {
		return sn_error_set(err, SN_EINTERNAL,
		    "crypto: %s digest failed", hashes[md->hash].name);
	}
	return 0;
}

int
sn_crypto_md_final(struct sn_crypto_md *md, uint8_t *out,
    struct sn_error *err)
{
	unsigned int n = 0;

	if (EVP_DigestFinal_ex(md->ctx, out, &n) != 1 ||
	    n != hashes[md->hash].len) {
		return sn_error_set(err, SN_EINTERNAL,
		    "crypto: %s digest failed", hashes[md->hash].name);
	}
	return 0;
}

void
sn_crypto_md_free(struct sn_crypto_md *md)
{
	if (md == NULL)
		return;
	/* EVP_MD_CTX_free cleanses the hash state of a secret input */
	EVP_MD_CTX_free(md->ctx);
	free(md);
}

int
sn_crypto_digest(const struct sn_crypto *c, enum sn_hash hash,
    const struct sn_iov *iov, size_t n, uint8_t *out, struct sn_error *err)
{
	struct sn_crypto_md *md;
	size_t i;
	int rc;

	if ((rc = sn_crypto_md_new(c, hash, &md, err)) != 0)
		return rc;
	for (i = 0; i < n && rc == 0; i++)
		rc = sn_crypto_md_update(md, iov[i].p, iov[i].len, err);
	if (rc == 0)
		rc = sn_crypto_md_final(md, out, err);
	sn_crypto_md_free(md);
	return rc;
}

#ifdef HMAC_LOWLEVEL
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static int
ll_init(enum sn_hash hash, union ll_md *m)
{
	switch (hash) {
	case SN_HASH_MD5:
		return MD5_Init(&m->md5);
	case SN_HASH_SHA1:
		return SHA1_Init(&m->sha1);
	case SN_HASH_SHA224:
		return SHA224_Init(&m->sha256);
	case SN_HASH_SHA256:
		return SHA256_Init(&m->sha256);
	case SN_HASH_SHA384:
		return SHA384_Init(&m->sha512);
	case SN_HASH_SHA512:
		return SHA512_Init(&m->sha512);
	}
	return 0;
}

static int
ll_update(enum sn_hash hash, union ll_md *m, const void *p, size_t len)
{
	switch (hash) {
	case SN_HASH_MD5:
		return MD5_Update(&m->md5, p, len);
	case SN_HASH_SHA1:
		return SHA1_Update(&m->sha1, p, len);
	case SN_HASH_SHA224:
		return SHA224_Update(&m->sha256, p, len);
	case SN_HASH_SHA256:
		return SHA256_Update(&m->sha256, p, len);
	case SN_HASH_SHA384:
		return SHA384_Update(&m->sha512, p, len);
	case SN_HASH_SHA512:
		return SHA512_Update(&m->sha512, p, len);
	}
	return 0;
}

static int
ll_final(enum sn_hash hash, union ll_md *m, uint8_t *out)
{
	switch (hash) {
	case SN_HASH_MD5:
		return MD5_Final(out, &m->md5);
	case SN_HASH_SHA1:
		return SHA1_Final(out, &m->sha1);
	case SN_HASH_SHA224:
		return SHA224_Final(out, &m->sha256);
	case SN_HASH_SHA256:
		return SHA256_Final(out, &m->sha256);
	case SN_HASH_SHA384:
		return SHA384_Final(out, &m->sha512);
	case SN_HASH_SHA512:
		return SHA512_Final(out, &m->sha512);
	}
	return 0;
}
#pragma GCC diagnostic pop
#endif

/*
 * Make h the HMAC state of key (RFC 2104 §2 steps 1-2 and 5, up to the
 * text): two digests that have absorbed K XOR ipad and K XOR opad.
 */
static int
hmac_prepare(const struct sn_crypto *c, enum sn_hash hash,
    const uint8_t *key, size_t keylen, struct hmac_state *h)
{
	uint8_t k[128], ipad[128], opad[128];
	const EVP_MD *md = c->md[hash];
	size_t block = (size_t)EVP_MD_get_block_size(md), i;
	unsigned int olen = 0;
	int ok = 1;

	h->ready = false;
	if (md == NULL || block > sizeof(k) || block < hashes[hash].len)
		return SN_EINTERNAL;
	memset(k, 0, sizeof(k));
#ifdef HMAC_LOWLEVEL
	(void)olen;
	if (keylen > block) {
		/* RFC 2104 §2: longer keys are hashed first */
		ok = ll_init(hash, &h->ll_work) == 1 &&
		    ll_update(hash, &h->ll_work, key, keylen) == 1 &&
		    ll_final(hash, &h->ll_work, k) == 1;
	} else if (keylen > 0) {
		memcpy(k, key, keylen);
	}
	for (i = 0; i < block; i++) {
		ipad[i] = k[i] ^ 0x36;
		opad[i] = k[i] ^ 0x5c;
	}
	ok = ok && ll_init(hash, &h->ll_inner) == 1 &&
	    ll_update(hash, &h->ll_inner, ipad, block) == 1 &&
	    ll_init(hash, &h->ll_outer) == 1 &&
	    ll_update(hash, &h->ll_outer, opad, block) == 1;
#else
	if ((h->inner == NULL && (h->inner = EVP_MD_CTX_new()) == NULL) ||
	    (h->outer == NULL && (h->outer = EVP_MD_CTX_new()) == NULL) ||
	    (h->work == NULL && (h->work = EVP_MD_CTX_new()) == NULL))
		return SN_ENOMEM;
	if (keylen > block) {
		/* RFC 2104 §2: longer keys are hashed first */
		ok = EVP_DigestInit_ex2(h->work, md, NULL) == 1 &&
		    EVP_DigestUpdate(h->work, key, keylen) == 1 &&
		    EVP_DigestFinal_ex(h->work, k, &olen) == 1;
	} else if (keylen > 0) {
		memcpy(k, key, keylen);
	}
	for (i = 0; i < block; i++) {
		ipad[i] = k[i] ^ 0x36;
		opad[i] = k[i] ^ 0x5c;
	}
	ok = ok && EVP_DigestInit_ex2(h->inner, md, NULL) == 1 &&
	    EVP_DigestUpdate(h->inner, ipad, block) == 1 &&
	    EVP_DigestInit_ex2(h->outer, md, NULL) == 1 &&
	    EVP_DigestUpdate(h->outer, opad, block) == 1;
#endif
	sn_crypto_wipe(k, sizeof(k));
	sn_crypto_wipe(ipad, sizeof(ipad));
	sn_crypto_wipe(opad, sizeof(opad));
	if (!ok)
		return SN_EINTERNAL;
	/* only a key that fits is remembered; longer ones are redone */
	if (keylen <= sizeof(h->key)) {
		if (keylen > 0)
			memcpy(h->key, key, keylen);
		h->keylen = keylen;
		h->ready = true;
	}
	return 0;
}

/*
 * HMAC (RFC 2104 §2) over the fetched digest directly: EVP_MAC's
 * per-call setup (a digest fetch by name, parameter parsing) costs more
 * than hashing a whole SNMP message, and USM pays it twice per request.
 * The key's padded blocks are hashed once per key (hmac_prepare).
 */
int
sn_crypto_hmac(const struct sn_crypto *c, enum sn_hash hash,
    const uint8_t *key, size_t keylen, const struct sn_iov *iov, size_t n,
    uint8_t *out, struct sn_error *err)
{
	uint8_t inner[SN_HASH_MAX];
	struct hmac_state *h;
	size_t hlen, i;
	unsigned int olen = 0;
	int ok, rc;

	if ((unsigned)hash >= SN_HASH_COUNT)
		return sn_error_set(err, SN_EINVAL, "crypto: unknown hash");
	h = &c->scratch->hmac[hash];
	hlen = hashes[hash].len;
	if (!h->ready || h->keylen != keylen ||
	    !sn_crypto_equal(h->key, key, keylen)) {
		if ((rc = hmac_prepare(c, hash, key, keylen, h)) != 0) {
			return sn_error_set(err, rc, "crypto: HMAC-%s failed",
			    hashes[hash].name);
		}
	}
#ifdef HMAC_LOWLEVEL
	/* H(K XOR ipad, text) */
	h->ll_work = h->ll_inner;
	ok = 1;
	for (i = 0; ok && i < n; i++) {
		if (iov[i].len > 0)
			ok = ll_update(hash, &h->ll_work, iov[i].p,
			    iov[i].len) == 1;
	}
	ok = ok && ll_final(hash, &h->ll_work, inner) == 1;
	/* H(K XOR opad, H(K XOR ipad, text)) */
	h->ll_work = h->ll_outer;
	ok = ok && ll_update(hash, &h->ll_work, inner, hlen) == 1 &&
	    ll_final(hash, &h->ll_work, out) == 1;
	(void)olen;
#else
	/* H(K XOR ipad, text) */
	ok = EVP_MD_CTX_copy_ex(h->work, h->inner) == 1;
	for (i = 0; ok && i < n; i++) {
		if (iov[i].len > 0)
			ok = EVP_DigestUpdate(h->work, iov[i].p,
			    iov[i].len) == 1;
	}
	ok = ok && EVP_DigestFinal_ex(h->work, inner, &olen) == 1;
	/* H(K XOR opad, H(K XOR ipad, text)) */
	ok = ok && EVP_MD_CTX_copy_ex(h->work, h->outer) == 1 &&
	    EVP_DigestUpdate(h->work, inner, hlen) == 1 &&
	    EVP_DigestFinal_ex(h->work, out, &olen) == 1 && olen == hlen;
#endif
	sn_crypto_wipe(inner, sizeof(inner));
	if (!ok) {
		h->ready = false;
		return sn_error_set(err, SN_EINTERNAL,
		    "crypto: HMAC-%s failed", hashes[hash].name);
	}
	return 0;
}

/* out = a XOR b over len octets (out may be a), eight at a time. */
static void
xor_into(uint8_t *out, const uint8_t *a, const uint8_t *b, size_t len)
{
	uint64_t x, y;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		x ^= y;
		memcpy(out + i, &x, 8);
	}
	for (; i < len; i++)
		out[i] = a[i] ^ b[i];
}

/* Messages up to this size are encrypted block by block on ECB. */
#define CFB_ECB_ENC_MAX 512

/*
 * AES-CFB128 (RFC 3826 §3.1.1, NIST SP 800-38A §6.3) over the AES block
 * function: O_j = AES(K, C_{j-1}) with C_0 = IV, and C_j = P_j XOR O_j,
 * the last block possibly partial.  Decryption knows every C_{j-1} in
 * advance, so its keystream is one ECB call over IV || C_1 .. C_{n-1};
 * encryption must go block by block, which for short messages still
 * beats initialising a CFB context with a new IV.
 */
static int
aes_cfb(const struct sn_crypto *c, enum sn_cipher cipher, bool enc,
    const uint8_t *key, const uint8_t *iv, const uint8_t *in, size_t len,
    uint8_t *out)
{
	struct scratch *sc = c->scratch;
	struct ecb_state *es = &sc->ecb[cipher - SN_CIPHER_AES128_CFB];
	size_t keylen = ciphers[cipher].keylen, nb, off, m;
	uint8_t fb[16], ks[16];
	int n = 0;

	if (es->ctx == NULL) {
		if ((es->ctx = EVP_CIPHER_CTX_new()) == NULL)
			return SN_ENOMEM;
		es->keyed = false;
	}
	if (!es->keyed || !sn_crypto_equal(es->key, key, keylen)) {
		es->keyed = false;
		if (EVP_EncryptInit_ex2(es->ctx,
		    c->ecb[cipher - SN_CIPHER_AES128_CFB], key, NULL,
		    NULL) != 1 || EVP_CIPHER_CTX_set_padding(es->ctx, 0) != 1)
			return SN_EINTERNAL;
		memcpy(es->key, key, keylen);
		es->keyed = true;
	}
	if (len == 0)
		return 0;
	if (enc) {
		memcpy(fb, iv, 16);
		for (off = 0; off < len; off += 16) {
			if (EVP_EncryptUpdate(es->ctx, ks, &n, fb, 16) != 1 ||
			    n != 16)
				return SN_EINTERNAL;
			m = len - off < 16 ? len - off : 16;
			xor_into(out + off, in + off, ks, m);
			if (m == 16)
				memcpy(fb, out + off, 16);
		}
		sn_crypto_wipe(ks, sizeof(ks));
		return 0;
	}
	nb = (len + 15) / 16;
	if (sc->bufcap < nb * 16) {
		uint8_t *p = sn_secret_alloc(nb * 16);

		if (p == NULL)
			return SN_ENOMEM;
		sn_secret_free(sc->buf, sc->bufcap);
		sc->buf = p;
		sc->bufcap = nb * 16;
	}
	memcpy(sc->buf, iv, 16);
	memcpy(sc->buf + 16, in, (nb - 1) * 16);
	if (EVP_EncryptUpdate(es->ctx, sc->buf, &n, sc->buf,
	    (int)(nb * 16)) != 1 || (size_t)n != nb * 16)
		return SN_EINTERNAL;
	xor_into(out, in, sc->buf, len);
	return 0;
}

int
sn_crypto_cipher(const struct sn_crypto *c, enum sn_cipher cipher,
    bool enc, const uint8_t *key, const uint8_t *iv, const uint8_t *in,
    size_t len, uint8_t *out, struct sn_error *err)
{
	struct cipher_state *cs;
	EVP_CIPHER_CTX *ctx;
	size_t keylen;
	int n1 = 0, n2 = 0, ok;

	if ((unsigned)cipher >= SN_CIPHER_COUNT)
		return sn_error_set(err, SN_EINVAL, "crypto: unknown cipher");
	if (cipher_get(c, cipher) == NULL) {
		return sn_error_set(err, SN_EPROTO,
		    "crypto: %s is not available (OpenSSL's legacy provider "
		    "could not be loaded)", ciphers[cipher].name);
	}
	if (len > (size_t)INT32_MAX - 16 || (cipher <= SN_CIPHER_3DES_CBC &&
	    len % 8 != 0)) {
		return sn_error_set(err, SN_EINVAL,
		    "crypto: %s: %zu octets is not a whole number of blocks",
		    ciphers[cipher].name, len);
	}
	if (cipher >= SN_CIPHER_AES128_CFB &&
	    (!enc || len <= CFB_ECB_ENC_MAX)) {
		int rc = aes_cfb(c, cipher, enc, key, iv, in, len, out);

		if (rc != 0) {
			c->scratch->ecb[cipher - SN_CIPHER_AES128_CFB].keyed =
			    false;
			return sn_error_set(err, rc, "crypto: %s failed",
			    ciphers[cipher].name);
		}
		return 0;
	}
	cs = &c->scratch->cipher[cipher][enc ? 1 : 0];
	keylen = ciphers[cipher].keylen;
	if ((ctx = cs->ctx) == NULL) {
		if ((ctx = EVP_CIPHER_CTX_new()) == NULL)
			return sn_error_set(err, SN_ENOMEM,
			    "crypto: out of memory");
		ok = EVP_CipherInit_ex2(ctx, cipher_get(c, cipher), NULL, NULL,
		    enc ? 1 : 0, NULL) == 1 &&
		    EVP_CIPHER_CTX_set_padding(ctx, 0) == 1;
		if (!ok) {
			EVP_CIPHER_CTX_free(ctx);
			return sn_error_set(err, SN_EINTERNAL,
			    "crypto: %s failed", ciphers[cipher].name);
		}
		cs->ctx = ctx;
		cs->keyed = false;
	}
	/*
	 * The same cipher, direction and key again (every message of a
	 * session): only the IV changes, the key schedule is kept.
	 */
	if (cs->keyed && sn_crypto_equal(cs->key, key, keylen)) {
		ok = EVP_CipherInit_ex2(ctx, NULL, NULL, iv, enc ? 1 : 0,
		    NULL) == 1;
	} else {
		cs->keyed = false;
		ok = EVP_CipherInit_ex2(ctx, NULL, key, iv, enc ? 1 : 0,
		    NULL) == 1;
		if (ok) {
			memcpy(cs->key, key, keylen);
			cs->keyed = true;
		}
	}
	if (ok && len > 0)
		ok = EVP_CipherUpdate(ctx, out, &n1, in, (int)len) == 1;
	if (ok)
		ok = EVP_CipherFinal_ex(ctx, out + n1, &n2) == 1;
	if (!ok || (size_t)n1 + (size_t)n2 != len) {
		cs->keyed = false;
		return sn_error_set(err, SN_EINTERNAL, "crypto: %s failed",
		    ciphers[cipher].name);
	}
	return 0;
}

int
sn_crypto_random(const struct sn_crypto *c, void *buf, size_t len,
    struct sn_error *err)
{
	if (len == 0)
		return 0;
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 25)
	/*
	 * The kernel's generator, as OpenSSL's DRBG seeds from: the engine
	 * wants a few octets per session (initial salts), and instantiating
	 * the DRBG of a new library context costs far more than that.
	 */
	if (len <= 256 && getentropy(buf, len) == 0)
		return 0;
#endif
	if (RAND_bytes_ex(c->lib, buf, len, 0) != 1) {
		return sn_error_set(err, SN_EINTERNAL,
		    "crypto: no random bytes");
	}
	return 0;
}

void
sn_crypto_wipe(void *p, size_t len)
{
	if (p != NULL && len > 0)
		OPENSSL_cleanse(p, len);
}

bool
sn_crypto_equal(const void *a, const void *b, size_t len)
{
	return CRYPTO_memcmp(a, b, len) == 0;
}

void *
sn_secret_alloc(size_t len)
{
	return calloc(1, len > 0 ? len : 1);
}

void
sn_secret_free(void *p, size_t len)
{
	if (p == NULL)
		return;
	sn_crypto_wipe(p, len);
	free(p);
}
