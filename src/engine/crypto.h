/*
 * Internal: the engine's only door to libcrypto.  Message digests and HMAC
 * (MD5, SHA-1, SHA-2 as RFC 3414 §6-7 and RFC 7860 use them), the ciphers
 * of the USM privacy protocols (DES-CBC of RFC 3414 §8, DES-EDE3-CBC of
 * draft-reeder-snmpv3-usm-3desede, AES-CFB128 of RFC 3826 with 128, 192 and
 * 256-bit keys), random bytes, and the helpers every module uses for
 * secrets: a wipe the compiler cannot elide and a constant-time compare.
 *
 * No other file includes OpenSSL headers.  The algorithms are fetched once
 * into a struct sn_crypto that owns a private OSSL_LIB_CTX with the
 * "default" provider, and "legacy" loaded when DES is first needed
 * (OpenSSL 3 moved single DES to "legacy"; 3DES and AES stay in
 * "default"), so the engine never touches
 * OpenSSL's global default context or configuration file.  When the legacy
 * provider cannot be loaded, everything but DES still works and DES
 * fails with SN_EPROTO at the call that needs it.
 */
#ifndef SN_ENGINE_CRYPTO_H
#define SN_ENGINE_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sn/error.h>

/* Hash functions of the USM authentication protocols. */
enum sn_hash {
	SN_HASH_MD5,
	SN_HASH_SHA1,
	SN_HASH_SHA224,
	SN_HASH_SHA256,
	SN_HASH_SHA384,
	SN_HASH_SHA512
};
#define SN_HASH_COUNT 6
/* Largest digest (SHA-512) and largest HMAC block (SHA-384/512). */
#define SN_HASH_MAX 64

/* Block ciphers and modes of the USM privacy protocols. */
enum sn_cipher {
	SN_CIPHER_DES_CBC,	/* 8-octet key, 8-octet IV */
	SN_CIPHER_3DES_CBC,	/* 24-octet key (K1 K2 K3), 8-octet IV */
	SN_CIPHER_AES128_CFB,	/* 16-octet key, 16-octet IV, CFB128 */
	SN_CIPHER_AES192_CFB,	/* 24-octet key */
	SN_CIPHER_AES256_CFB	/* 32-octet key */
};
#define SN_CIPHER_COUNT 5

/* A piece of a message fed to a digest or MAC. */
struct sn_iov {
	const void *p;
	size_t len;
};

/*
 * Fetched algorithms in a private library context.  Owned by whoever made
 * it (the engine); its configuration is immutable after sn_crypto_new(),
 * so one may serve any number of sessions (it keeps working state: the
 * HMAC and cipher states of the last keys, DES fetched on first use; not
 * for concurrent use from several threads).  Opaque.
 */
struct sn_crypto;

/*
 * Make a crypto context.  SN_ENOMEM, or SN_EINTERNAL when the default
 * provider or a mandatory algorithm (MD5 ... SHA-512, HMAC, AES) cannot be
 * fetched.  A missing DES is not an error here (see above).
 */
int sn_crypto_new(struct sn_crypto **out, struct sn_error *err);
void sn_crypto_free(struct sn_crypto *c);
/* Whether the cipher could be fetched (DES needs the legacy provider). */
bool sn_crypto_has_cipher(const struct sn_crypto *c, enum sn_cipher cipher);

/* Digest length of the hash in octets (16 ... 64). */
size_t sn_hash_len(enum sn_hash hash);
/* "MD5", "SHA1", "SHA224" ... (OpenSSL's names). */
const char *sn_hash_name(enum sn_hash hash);
/* Key length in octets of the cipher, and its IV (block) length. */
size_t sn_cipher_key_len(enum sn_cipher cipher);
size_t sn_cipher_iv_len(enum sn_cipher cipher);

/*
 * One-shot digest of the concatenation of n pieces; out receives
 * sn_hash_len(hash) octets.  SN_EINTERNAL if libcrypto fails.
 */
int sn_crypto_digest(const struct sn_crypto *c, enum sn_hash hash,
    const struct sn_iov *iov, size_t n, uint8_t *out, struct sn_error *err);

/*
 * Incremental digest, for inputs built piece by piece (password to key).
 * sn_crypto_md_free(NULL) is a no-op; the state is wiped when freed.
 */
struct sn_crypto_md;
int sn_crypto_md_new(const struct sn_crypto *c, enum sn_hash hash,
    struct sn_crypto_md **out, struct sn_error *err);
int sn_crypto_md_update(struct sn_crypto_md *md, const void *p, size_t len,
    struct sn_error *err);
/* Write the digest (sn_hash_len octets); the state may then be freed. */
int sn_crypto_md_final(struct sn_crypto_md *md, uint8_t *out,
    struct sn_error *err);
void sn_crypto_md_free(struct sn_crypto_md *md);

/*
 * HMAC (RFC 2104) with the hash over the concatenation of n pieces: out
 * receives the full sn_hash_len(hash) octets (callers truncate).
 */
int sn_crypto_hmac(const struct sn_crypto *c, enum sn_hash hash,
    const uint8_t *key, size_t keylen, const struct sn_iov *iov, size_t n,
    uint8_t *out, struct sn_error *err);

/*
 * Encrypt (enc true) or decrypt len octets from in to out (which may be
 * in) with key and iv of the cipher's lengths.  CBC ciphers take len a
 * multiple of 8 and add no padding (callers pad); CFB takes any len.
 * SN_EINVAL for a bad length, SN_EPROTO when the cipher is not available,
 * SN_EINTERNAL when libcrypto fails.
 */
int sn_crypto_cipher(const struct sn_crypto *c, enum sn_cipher cipher,
    bool enc, const uint8_t *key, const uint8_t *iv, const uint8_t *in,
    size_t len, uint8_t *out, struct sn_error *err);

/* Fill buf with len random octets (getentropy(3), else the DRBG). */
int sn_crypto_random(const struct sn_crypto *c, void *buf, size_t len,
    struct sn_error *err);

/* Wipe a secret; the compiler cannot drop it (OPENSSL_cleanse). NULL ok. */
void sn_crypto_wipe(void *p, size_t len);
/* Constant-time equality of two secrets of length len (CRYPTO_memcmp). */
bool sn_crypto_equal(const void *a, const void *b, size_t len);
/*
 * Heap buffers for secrets: sn_secret_alloc() returns zeroed memory or
 * NULL; sn_secret_free() wipes len octets, then frees (NULL is a no-op).
 */
void *sn_secret_alloc(size_t len);
void sn_secret_free(void *p, size_t len);

#endif
