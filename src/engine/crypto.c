/*
 * The engine's cryptography over OpenSSL 3's libcrypto, the only file that
 * includes OpenSSL headers: digests and HMAC (RFC 2104) for the USM
 * authentication protocols of RFC 3414 §6-7 and RFC 7860, the DES-CBC
 * (RFC 3414 §8), 3DES-EDE-CBC (draft-reeder-snmpv3-usm-3desede) and
 * AES-CFB128 (RFC 3826 §3.1.1, with 128, 192 and 256-bit keys) ciphers of
 * the privacy protocols, random bytes, and the wipe and constant-time
 * compare used for every secret.  Algorithms are fetched once into a
 * private OSSL_LIB_CTX holding the "default" and "legacy" providers (DES
 * lives in "legacy" since OpenSSL 3.0), so no global OpenSSL state is
 * changed and OpenSSL's configuration file is not read.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
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
	OSSL_PROVIDER *prov_legacy;	/* NULL when unavailable */
	EVP_MD *md[SN_HASH_COUNT];
	EVP_CIPHER *cipher[SN_CIPHER_COUNT];	/* NULL when unavailable */
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

struct scratch {
	EVP_MD_CTX *md[SN_HASH_COUNT];
	EVP_CIPHER_CTX *cipher[SN_CIPHER_COUNT];
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
		/* EVP_*_CTX_free cleanses the states and key schedules */
		for (i = 0; i < SN_HASH_COUNT; i++)
			EVP_MD_CTX_free(c->scratch->md[i]);
		for (i = 0; i < SN_CIPHER_COUNT; i++)
			EVP_CIPHER_CTX_free(c->scratch->cipher[i]);
		free(c->scratch);
	}
	for (i = 0; i < SN_HASH_COUNT; i++)
		EVP_MD_free(c->md[i]);
	for (i = 0; i < SN_CIPHER_COUNT; i++)
		EVP_CIPHER_free(c->cipher[i]);
	if (c->prov_legacy != NULL)
		OSSL_PROVIDER_unload(c->prov_legacy);
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
	    (c->scratch = calloc(1, sizeof(*c->scratch))) == NULL) {
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
	 * "default", so both are loaded.  "legacy" is optional: only
	 * usmDESPrivProtocol (RFC 3414 §8) needs it.
	 */
	c->prov_default = OSSL_PROVIDER_load(c->lib, "default");
	if (c->prov_default == NULL) {
		sn_crypto_free(c);
		return sn_error_set(err, SN_EINTERNAL,
		    "crypto: cannot load OpenSSL's default provider");
	}
	c->prov_legacy = OSSL_PROVIDER_load(c->lib, "legacy");
	for (i = 0; i < SN_HASH_COUNT; i++) {
		c->md[i] = EVP_MD_fetch(c->lib, hashes[i].name, NULL);
		if (c->md[i] == NULL) {
			sn_crypto_free(c);
			return sn_error_set(err, SN_EINTERNAL,
			    "crypto: digest %s not available", hashes[i].name);
		}
	}
	for (i = 0; i < SN_CIPHER_COUNT; i++) {
		c->cipher[i] = EVP_CIPHER_fetch(c->lib, ciphers[i].name, NULL);
		if (c->cipher[i] == NULL && i != SN_CIPHER_DES_CBC) {
			sn_crypto_free(c);
			return sn_error_set(err, SN_EINTERNAL,
			    "crypto: cipher %s not available",
			    ciphers[i].name);
		}
	}
	*out = c;
	return 0;
}

bool
sn_crypto_has_cipher(const struct sn_crypto *c, enum sn_cipher cipher)
{
	return (unsigned)cipher < SN_CIPHER_COUNT &&
	    c->cipher[cipher] != NULL;
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

/*
 * HMAC (RFC 2104 §2) over the fetched digest directly: EVP_MAC's
 * per-call setup (a digest fetch by name, parameter parsing) costs more
 * than hashing a whole SNMP message, and USM pays it twice per request.
 */
int
sn_crypto_hmac(const struct sn_crypto *c, enum sn_hash hash,
    const uint8_t *key, size_t keylen, const struct sn_iov *iov, size_t n,
    uint8_t *out, struct sn_error *err)
{
	uint8_t k[128], pad[128], inner[SN_HASH_MAX];
	const EVP_MD *md;
	EVP_MD_CTX *ctx;
	size_t block, hlen, i;
	unsigned int olen = 0;
	int ok;

	if ((unsigned)hash >= SN_HASH_COUNT)
		return sn_error_set(err, SN_EINVAL, "crypto: unknown hash");
	md = c->md[hash];
	hlen = hashes[hash].len;
	block = (size_t)EVP_MD_get_block_size(md);
	if (block > sizeof(k) || block < hlen)
		return sn_error_set(err, SN_EINTERNAL, "crypto: odd digest");
	if ((ctx = c->scratch->md[hash]) == NULL &&
	    (ctx = c->scratch->md[hash] = EVP_MD_CTX_new()) == NULL)
		return sn_error_set(err, SN_ENOMEM, "crypto: out of memory");
	memset(k, 0, sizeof(k));
	ok = 1;
	if (keylen > block) {
		/* RFC 2104 §2: longer keys are hashed first */
		ok = EVP_DigestInit_ex2(ctx, md, NULL) == 1 &&
		    EVP_DigestUpdate(ctx, key, keylen) == 1 &&
		    EVP_DigestFinal_ex(ctx, k, &olen) == 1;
	} else if (keylen > 0) {
		memcpy(k, key, keylen);
	}
	/* H(K XOR ipad, text) */
	for (i = 0; i < block; i++)
		pad[i] = k[i] ^ 0x36;
	ok = ok && EVP_DigestInit_ex2(ctx, md, NULL) == 1 &&
	    EVP_DigestUpdate(ctx, pad, block) == 1;
	for (i = 0; ok && i < n; i++) {
		if (iov[i].len > 0)
			ok = EVP_DigestUpdate(ctx, iov[i].p, iov[i].len) == 1;
	}
	ok = ok && EVP_DigestFinal_ex(ctx, inner, &olen) == 1;
	/* H(K XOR opad, H(K XOR ipad, text)) */
	for (i = 0; i < block; i++)
		pad[i] = k[i] ^ 0x5c;
	ok = ok && EVP_DigestInit_ex2(ctx, md, NULL) == 1 &&
	    EVP_DigestUpdate(ctx, pad, block) == 1 &&
	    EVP_DigestUpdate(ctx, inner, hlen) == 1 &&
	    EVP_DigestFinal_ex(ctx, out, &olen) == 1 && olen == hlen;
	sn_crypto_wipe(k, sizeof(k));
	sn_crypto_wipe(pad, sizeof(pad));
	sn_crypto_wipe(inner, sizeof(inner));
	if (!ok) {
		return sn_error_set(err, SN_EINTERNAL,
		    "crypto: HMAC-%s failed", hashes[hash].name);
	}
	return 0;
}

int
sn_crypto_cipher(const struct sn_crypto *c, enum sn_cipher cipher,
    bool enc, const uint8_t *key, const uint8_t *iv, const uint8_t *in,
    size_t len, uint8_t *out, struct sn_error *err)
{
	EVP_CIPHER_CTX *ctx;
	int n1 = 0, n2 = 0, ok;

	if ((unsigned)cipher >= SN_CIPHER_COUNT)
		return sn_error_set(err, SN_EINVAL, "crypto: unknown cipher");
	if (c->cipher[cipher] == NULL) {
		return sn_error_set(err, SN_EPROTO,
		    "crypto: %s is not available (OpenSSL's legacy provider "
		    "could not be loaded)", ciphers[cipher].name);
	}
	if (len > (size_t)INT32_MAX || (cipher <= SN_CIPHER_3DES_CBC &&
	    len % 8 != 0)) {
		return sn_error_set(err, SN_EINVAL,
		    "crypto: %s: %zu octets is not a whole number of blocks",
		    ciphers[cipher].name, len);
	}
	if ((ctx = c->scratch->cipher[cipher]) == NULL) {
		if ((ctx = EVP_CIPHER_CTX_new()) == NULL)
			return sn_error_set(err, SN_ENOMEM,
			    "crypto: out of memory");
		ok = EVP_CipherInit_ex2(ctx, c->cipher[cipher], NULL, NULL,
		    enc ? 1 : 0, NULL) == 1 &&
		    EVP_CIPHER_CTX_set_padding(ctx, 0) == 1;
		if (!ok) {
			EVP_CIPHER_CTX_free(ctx);
			return sn_error_set(err, SN_EINTERNAL,
			    "crypto: %s failed", ciphers[cipher].name);
		}
		c->scratch->cipher[cipher] = ctx;
	}
	/* the same cipher again: only the key, IV and direction change */
	ok = EVP_CipherInit_ex2(ctx, NULL, key, iv, enc ? 1 : 0, NULL) == 1;
	if (ok && len > 0)
		ok = EVP_CipherUpdate(ctx, out, &n1, in, (int)len) == 1;
	if (ok)
		ok = EVP_CipherFinal_ex(ctx, out + n1, &n2) == 1;
	if (!ok || (size_t)n1 + (size_t)n2 != len) {
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
