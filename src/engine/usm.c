/*
 * Primitives of the User-based Security Model (RFC 3414) with the SHA-2
 * authentication protocols of RFC 7860 and the privacy protocols of
 * RFC 3414 §8 (DES-CBC), RFC 3826 (AES-CFB128), draft-reeder-snmpv3-usm-
 * 3desede (3DES-EDE) and draft-blumenthal-aes-usm-04 (AES-192/256):
 * password to key and localisation (RFC 3414 A.2, §2.6), key extension,
 * a cache of derived keys, the truncated HMACs of msgAuthenticationParameters,
 * the privacy transforms, timeliness (RFC 3414 §3.2 step 7) and the
 * usmStats counters (RFC 3414 §5).  Everything cryptographic goes through
 * crypto.c; nothing here does I/O or keeps global state.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sn/session.h>

#include "crypto.h"
#include "usm.h"

#define OID_USM_AUTH(n) { 10, { 1, 3, 6, 1, 6, 3, 10, 1, 1, (n) } }
#define OID_USM_PRIV(n) { 10, { 1, 3, 6, 1, 6, 3, 10, 1, 2, (n) } }

static const struct sn_usm_auth_info auth_table[SN_AUTH_COUNT] = {
	[SN_AUTH_MD5] = { "MD5", SN_HASH_MD5, 16, 12, OID_USM_AUTH(2) },
	[SN_AUTH_SHA1] = { "SHA", SN_HASH_SHA1, 20, 12, OID_USM_AUTH(3) },
	/* RFC 7860 §4.2.2: MACs of 16, 24, 32 and 48 octets */
	[SN_AUTH_SHA224] = { "SHA-224", SN_HASH_SHA224, 28, 16,
	    OID_USM_AUTH(4) },
	[SN_AUTH_SHA256] = { "SHA-256", SN_HASH_SHA256, 32, 24,
	    OID_USM_AUTH(5) },
	[SN_AUTH_SHA384] = { "SHA-384", SN_HASH_SHA384, 48, 32,
	    OID_USM_AUTH(6) },
	[SN_AUTH_SHA512] = { "SHA-512", SN_HASH_SHA512, 64, 48,
	    OID_USM_AUTH(7) },
};

/*
 * usm3DESEDEPrivProtocol is 1.3.6.1.6.3.10.1.2.3 (draft-reeder §7);
 * usmAesCfb128Protocol 1.3.6.1.6.3.10.1.2.4 (RFC 3826 §5).  The AES-192
 * and AES-256 protocols of draft-blumenthal-aes-usm have OIDs under
 * Cisco's enterprise (1.3.6.1.4.1.9.12.6.1.1/2), which Net-SNMP also uses
 * for the Reeder variants (1.3.6.1.4.1.9.12.6.1.101/102).
 */
#define OID_CISCO_AES(n) { 11, { 1, 3, 6, 1, 4, 1, 9, 12, 6, 1, (n) } }
static const struct sn_usm_priv_info priv_table[SN_PRIV_COUNT] = {
	/* RFC 3414 §8.1.1.1: DES key and pre-IV from 16 octets */
	[SN_PRIV_DES] = { "DES", SN_CIPHER_DES_CBC, 16, SN_KEYEXT_NONE,
	    OID_USM_PRIV(2) },
	/* draft-reeder §5.1.1.1: K1 K2 K3 and pre-IV from 32 octets */
	[SN_PRIV_3DES] = { "3DES", SN_CIPHER_3DES_CBC, 32, SN_KEYEXT_REEDER,
	    OID_USM_PRIV(3) },
	/* RFC 3826 §3.1.2.1: the first 16 octets of the localized key */
	[SN_PRIV_AES128] = { "AES", SN_CIPHER_AES128_CFB, 16, SN_KEYEXT_NONE,
	    OID_USM_PRIV(4) },
	[SN_PRIV_AES192] = { "AES-192", SN_CIPHER_AES192_CFB, 24,
	    SN_KEYEXT_BLUMENTHAL, OID_CISCO_AES(1) },
	[SN_PRIV_AES256] = { "AES-256", SN_CIPHER_AES256_CFB, 32,
	    SN_KEYEXT_BLUMENTHAL, OID_CISCO_AES(2) },
	[SN_PRIV_AES192C] = { "AES-192-C", SN_CIPHER_AES192_CFB, 24,
	    SN_KEYEXT_REEDER, OID_CISCO_AES(101) },
	[SN_PRIV_AES256C] = { "AES-256-C", SN_CIPHER_AES256_CFB, 32,
	    SN_KEYEXT_REEDER, OID_CISCO_AES(102) },
};

const struct sn_usm_auth_info *
sn_usm_auth_info(enum sn_auth_proto proto)
{
	if (proto <= SN_AUTH_NONE || (unsigned)proto >= SN_AUTH_COUNT)
		return NULL;
	return &auth_table[proto];
}

const struct sn_usm_priv_info *
sn_usm_priv_info(enum sn_priv_proto proto)
{
	if (proto <= SN_PRIV_NONE || (unsigned)proto >= SN_PRIV_COUNT)
		return NULL;
	return &priv_table[proto];
}

int
sn_usm_auth_parse(const char *name, enum sn_auth_proto *out)
{
	static const struct {
		const char *name;
		enum sn_auth_proto proto;
	} names[] = {
		{ "MD5", SN_AUTH_MD5 }, { "SHA", SN_AUTH_SHA1 },
		{ "SHA1", SN_AUTH_SHA1 }, { "SHA-1", SN_AUTH_SHA1 },
		{ "SHA-224", SN_AUTH_SHA224 }, { "SHA224", SN_AUTH_SHA224 },
		{ "SHA-256", SN_AUTH_SHA256 }, { "SHA256", SN_AUTH_SHA256 },
		{ "SHA-384", SN_AUTH_SHA384 }, { "SHA384", SN_AUTH_SHA384 },
		{ "SHA-512", SN_AUTH_SHA512 }, { "SHA512", SN_AUTH_SHA512 },
	};
	size_t i;

	for (i = 0; name != NULL && i < sizeof(names) / sizeof(names[0]);
	    i++) {
		if (strcasecmp(name, names[i].name) == 0) {
			*out = names[i].proto;
			return 0;
		}
	}
	return SN_EINVAL;
}

int
sn_usm_priv_parse(const char *name, enum sn_priv_proto *out)
{
	static const struct {
		const char *name;
		enum sn_priv_proto proto;
	} names[] = {
		{ "DES", SN_PRIV_DES }, { "3DES", SN_PRIV_3DES },
		{ "3DESEDE", SN_PRIV_3DES }, { "AES", SN_PRIV_AES128 },
		{ "AES128", SN_PRIV_AES128 }, { "AES-128", SN_PRIV_AES128 },
		{ "AES-192", SN_PRIV_AES192 }, { "AES192", SN_PRIV_AES192 },
		{ "AES-256", SN_PRIV_AES256 }, { "AES256", SN_PRIV_AES256 },
		{ "AES-192-C", SN_PRIV_AES192C },
		{ "AES192C", SN_PRIV_AES192C },
		{ "AES-256-C", SN_PRIV_AES256C },
		{ "AES256C", SN_PRIV_AES256C },
	};
	size_t i;

	for (i = 0; name != NULL && i < sizeof(names) / sizeof(names[0]);
	    i++) {
		if (strcasecmp(name, names[i].name) == 0) {
			*out = names[i].proto;
			return 0;
		}
	}
	return SN_EINVAL;
}

/* ---- the public names of sn/session.h ---- */

int
sn_auth_proto_parse(const char *name)
{
	enum sn_auth_proto p;

	return sn_usm_auth_parse(name, &p);
}

int
sn_priv_proto_parse(const char *name)
{
	enum sn_priv_proto p;

	return sn_usm_priv_parse(name, &p);
}

const char *const *
sn_auth_proto_names(void)
{
	/* RFC 3414 (MD5, SHA), RFC 7860 (SHA-2) */
	static const char *const names[] = { "MD5", "SHA", "SHA-224",
	    "SHA-256", "SHA-384", "SHA-512", NULL };

	return names;
}

const char *const *
sn_priv_proto_names(void)
{
	/* RFC 3414 DES, RFC 3826 AES, the 3DES and AES-192/256 drafts */
	static const char *const names[] = { "DES", "3DES", "AES",
	    "AES-192", "AES-256", "AES-192-C", "AES-256-C", NULL };

	return names;
}

/* RFC 3414 A.2.1: 2^20 octets of the repeated passphrase. */
#define P2K_TOTAL 1048576u
#define P2K_CHUNK 4096u

/* Password to key without the length policy (Reeder feeds it keys). */
static int
p2k(const struct sn_crypto *c, enum sn_hash hash, const uint8_t *pass,
    size_t passlen, uint8_t *ku, struct sn_error *err)
{
	struct sn_crypto_md *md;
	uint8_t *buf;
	size_t chunk, i, done, n;
	int rc;

	if (passlen == 0)
		return sn_error_set(err, SN_EINVAL, "usm: empty passphrase");
	if (passlen > P2K_TOTAL)
		passlen = P2K_TOTAL;
	/*
	 * The RFC feeds 64 octets at a time; the digest only sees the
	 * stream, so feed whole repetitions of the passphrase instead: each
	 * chunk is a multiple of passlen and starts at its first octet.
	 */
	chunk = passlen >= P2K_CHUNK ? passlen :
	    passlen * (P2K_CHUNK / passlen);
	if ((buf = sn_secret_alloc(chunk)) == NULL)
		return sn_error_set(err, SN_ENOMEM, "usm: out of memory");
	for (i = 0; i < chunk; i += passlen)
		memcpy(buf + i, pass, passlen);
	if ((rc = sn_crypto_md_new(c, hash, &md, err)) != 0) {
		sn_secret_free(buf, chunk);
		return rc;
	}
	for (done = 0; done < P2K_TOTAL && rc == 0; done += n) {
		n = P2K_TOTAL - done < chunk ? P2K_TOTAL - done : chunk;
		rc = sn_crypto_md_update(md, buf, n, err);
	}
	if (rc == 0)
		rc = sn_crypto_md_final(md, ku, err);
	sn_crypto_md_free(md);
	sn_secret_free(buf, chunk);
	return rc;
}

int
sn_usm_password_to_key(const struct sn_crypto *c, enum sn_hash hash,
    const void *pass, size_t passlen, uint8_t *ku, struct sn_error *err)
{
	/* RFC 3414 §11.2 advises at least 8; Net-SNMP refuses less */
	if (passlen < SN_USM_PASS_MIN) {
		return sn_error_set(err, SN_EINVAL,
		    "passphrase shorter than %d characters",
		    SN_USM_PASS_MIN);
	}
	return p2k(c, hash, pass, passlen, ku, err);
}

int
sn_usm_localize(const struct sn_crypto *c, enum sn_hash hash,
    const uint8_t *ku, const uint8_t *engine_id, size_t engine_id_len,
    uint8_t *kul, struct sn_error *err)
{
	uint8_t tmp[SN_HASH_MAX];
	struct sn_iov iov[3];
	size_t klen = sn_hash_len(hash);
	int rc;

	if (klen == 0)
		return sn_error_set(err, SN_EINVAL, "usm: unknown hash");
	if (engine_id_len > SN_USM_ENGINEID_MAX) {
		return sn_error_set(err, SN_EINVAL,
		    "usm: engine ID of %zu octets (at most %d)",
		    engine_id_len, SN_USM_ENGINEID_MAX);
	}
	/* RFC 3414 A.2.2: Kul = H(Ku || snmpEngineID || Ku) */
	iov[0].p = ku;
	iov[0].len = klen;
	iov[1].p = engine_id;
	iov[1].len = engine_id_len;
	iov[2].p = ku;
	iov[2].len = klen;
	rc = sn_crypto_digest(c, hash, iov, 3, tmp, err);
	if (rc == 0)
		memcpy(kul, tmp, klen);
	sn_crypto_wipe(tmp, sizeof(tmp));
	return rc;
}

int
sn_usm_key_extend(const struct sn_crypto *c, enum sn_hash hash,
    enum sn_usm_keyext ext, const uint8_t *kul, const uint8_t *engine_id,
    size_t engine_id_len, uint8_t *out, size_t want, struct sn_error *err)
{
	uint8_t acc[SN_USM_PRIVKEY_MAX + SN_HASH_MAX];
	uint8_t ku[SN_HASH_MAX], part[SN_HASH_MAX];
	size_t have = sn_hash_len(hash), n, last;
	struct sn_iov iov;
	int rc = 0;

	if (have == 0)
		return sn_error_set(err, SN_EINVAL, "usm: unknown hash");
	if (want > have && (want > SN_USM_PRIVKEY_MAX ||
	    ext == SN_KEYEXT_NONE)) {
		return sn_error_set(err, SN_EINVAL,
		    "usm: cannot make a %zu-octet key from %s", want,
		    sn_hash_name(hash));
	}
	memcpy(acc, kul, have);
	last = 0;
	while (have < want && rc == 0) {
		n = sn_hash_len(hash);
		if (ext == SN_KEYEXT_BLUMENTHAL) {
			/* draft-blumenthal-aes-usm-04 §3.1.2.1:
			 * Kul' = Kul || H(Kul), over the key so far */
			iov.p = acc;
			iov.len = have;
			rc = sn_crypto_digest(c, hash, &iov, 1, part, err);
		} else {
			/* draft-reeder-snmpv3-usm-3desede-00 §2.1: the
			 * localized key is the passphrase of another round
			 * of password to key, localized with the engine ID */
			rc = p2k(c, hash, acc + last, n, ku, err);
			if (rc == 0) {
				rc = sn_usm_localize(c, hash, ku, engine_id,
				    engine_id_len, part, err);
			}
			last = have;
		}
		if (rc == 0) {
			memcpy(acc + have, part, n);
			have += n;
		}
	}
	if (rc == 0)
		memcpy(out, acc, want);
	sn_crypto_wipe(acc, sizeof(acc));
	sn_crypto_wipe(ku, sizeof(ku));
	sn_crypto_wipe(part, sizeof(part));
	return rc;
}

int
sn_usm_priv_key(const struct sn_crypto *c, enum sn_auth_proto auth,
    enum sn_priv_proto priv, const uint8_t *kul, const uint8_t *engine_id,
    size_t engine_id_len, uint8_t *key, struct sn_error *err)
{
	const struct sn_usm_auth_info *ai = sn_usm_auth_info(auth);
	const struct sn_usm_priv_info *pi = sn_usm_priv_info(priv);
	enum sn_usm_keyext ext;

	if (ai == NULL || pi == NULL) {
		return sn_error_set(err, SN_EINVAL,
		    "usm: privacy needs an authentication protocol");
	}
	/* extend only when the hash is too short (Net-SNMP does the same) */
	ext = pi->key_len > ai->key_len ? pi->ext : SN_KEYEXT_NONE;
	return sn_usm_key_extend(c, ai->hash, ext, kul, engine_id,
	    engine_id_len, key, pi->key_len, err);
}

/*
 * RFC 3414 §5 (KeyChange): delta[i] = keyNew[i] XOR temp, temp running
 * through H(keyOld || random), H(temp || random) ... one digest per
 * hash-length slice of the key.
 */
static int
keychange_xor(const struct sn_crypto *c, enum sn_hash hash,
    const uint8_t *old_key, size_t keylen, const uint8_t *random,
    const uint8_t *in, uint8_t *out, struct sn_error *err)
{
	uint8_t temp[SN_USM_KEY_MAX > SN_HASH_MAX ? SN_USM_KEY_MAX :
	    SN_HASH_MAX];
	size_t hlen = sn_hash_len(hash), tlen, done, i, n;
	struct sn_iov iov[2];
	int rc = 0;

	if (hlen == 0 || keylen == 0 || keylen > SN_USM_KEY_MAX) {
		return sn_error_set(err, SN_EINVAL,
		    "usm: keyChange of a %zu-octet key", keylen);
	}
	memcpy(temp, old_key, keylen);
	tlen = keylen;
	for (done = 0; done < keylen && rc == 0; done += n) {
		iov[0].p = temp;
		iov[0].len = tlen;
		iov[1].p = random;
		iov[1].len = keylen;
		rc = sn_crypto_digest(c, hash, iov, 2, temp, err);
		tlen = hlen;
		n = keylen - done < hlen ? keylen - done : hlen;
		for (i = 0; rc == 0 && i < n; i++)
			out[done + i] = in[done + i] ^ temp[i];
	}
	sn_crypto_wipe(temp, sizeof(temp));
	return rc;
}

int
sn_usm_keychange_encode(const struct sn_crypto *c, enum sn_hash hash,
    const uint8_t *old_key, const uint8_t *new_key, size_t keylen,
    const uint8_t *random, uint8_t *value, struct sn_error *err)
{
	int rc;

	rc = keychange_xor(c, hash, old_key, keylen, random, new_key,
	    value + keylen, err);
	if (rc == 0)
		memcpy(value, random, keylen);
	return rc;
}

int
sn_usm_keychange_decode(const struct sn_crypto *c, enum sn_hash hash,
    const uint8_t *old_key, size_t keylen, const uint8_t *value,
    size_t valuelen, uint8_t *new_key, struct sn_error *err)
{
	if (valuelen != 2 * keylen) {
		return sn_error_set(err, SN_EINVAL,
		    "keyChange of %zu octets for a %zu-octet key", valuelen,
		    keylen);
	}
	return keychange_xor(c, hash, old_key, keylen, value, value + keylen,
	    new_key, err);
}

/* The key cache. */

enum kc_kind {
	KC_FREE,
	KC_KU,		/* password to key; no engine ID */
	KC_KEY		/* localized (and extended) key */
};

struct kc_entry {
	enum kc_kind kind;
	enum sn_hash hash;
	enum sn_usm_keyext ext;
	size_t keylen;
	uint8_t *pass;		/* secret, passlen octets */
	size_t passlen;
	uint8_t engine_id[SN_USM_ENGINEID_MAX];
	size_t engine_id_len;
	uint8_t key[SN_USM_KEY_MAX];
	uint64_t used;		/* LRU stamp */
};

struct sn_usm_keycache {
	struct kc_entry e[SN_USM_KEYCACHE_SIZE];
	uint64_t clock;
};

int
sn_usm_keycache_new(struct sn_usm_keycache **out, struct sn_error *err)
{
	if ((*out = calloc(1, sizeof(**out))) == NULL)
		return sn_error_set(err, SN_ENOMEM, "usm: out of memory");
	return 0;
}

static void
kc_drop(struct kc_entry *e)
{
	sn_secret_free(e->pass, e->passlen);
	sn_crypto_wipe(e, sizeof(*e));
	e->pass = NULL;
	e->kind = KC_FREE;
}

void
sn_usm_keycache_free(struct sn_usm_keycache *kc)
{
	size_t i;

	if (kc == NULL)
		return;
	for (i = 0; i < SN_USM_KEYCACHE_SIZE; i++)
		kc_drop(&kc->e[i]);
	free(kc);
}

size_t
sn_usm_keycache_count(const struct sn_usm_keycache *kc)
{
	size_t i, n = 0;

	for (i = 0; i < SN_USM_KEYCACHE_SIZE; i++)
		n += kc->e[i].kind != KC_FREE;
	return n;
}

static struct kc_entry *
kc_find(struct sn_usm_keycache *kc, enum kc_kind kind, enum sn_hash hash,
    enum sn_usm_keyext ext, size_t keylen, const void *pass, size_t passlen,
    const uint8_t *eid, size_t eidlen)
{
	struct kc_entry *e;
	size_t i;

	for (i = 0; i < SN_USM_KEYCACHE_SIZE; i++) {
		e = &kc->e[i];
		if (e->kind != kind || e->hash != hash || e->ext != ext ||
		    e->keylen != keylen || e->passlen != passlen ||
		    e->engine_id_len != eidlen ||
		    (eidlen > 0 && memcmp(e->engine_id, eid, eidlen) != 0))
			continue;
		/* the passphrase is a secret: constant-time compare */
		if (sn_crypto_equal(e->pass, pass, passlen)) {
			e->used = ++kc->clock;
			return e;
		}
	}
	return NULL;
}

/* Store a copy; a full cache drops its least recently used entry. */
static void
kc_put(struct sn_usm_keycache *kc, enum kc_kind kind, enum sn_hash hash,
    enum sn_usm_keyext ext, size_t keylen, const void *pass, size_t passlen,
    const uint8_t *eid, size_t eidlen, const uint8_t *key)
{
	struct kc_entry *e = NULL;
	uint8_t *copy;
	size_t i;

	for (i = 0; i < SN_USM_KEYCACHE_SIZE; i++) {
		if (kc->e[i].kind == KC_FREE) {
			e = &kc->e[i];
			break;
		}
		if (e == NULL || kc->e[i].used < e->used)
			e = &kc->e[i];
	}
	/* a cache that cannot grow still answers, it just forgets */
	if ((copy = sn_secret_alloc(passlen)) == NULL)
		return;
	kc_drop(e);
	memcpy(copy, pass, passlen);
	e->kind = kind;
	e->hash = hash;
	e->ext = ext;
	e->keylen = keylen;
	e->pass = copy;
	e->passlen = passlen;
	if (eidlen > 0)
		memcpy(e->engine_id, eid, eidlen);
	e->engine_id_len = eidlen;
	memcpy(e->key, key, keylen);
	e->used = ++kc->clock;
}

/* The key of (hash, pass, engine ID), extended by ext to keylen. */
static int
kc_get(struct sn_usm_keycache *kc, const struct sn_crypto *c,
    enum sn_hash hash, enum sn_usm_keyext ext, size_t keylen,
    const void *pass, size_t passlen, const uint8_t *eid, size_t eidlen,
    uint8_t *key, struct sn_error *err)
{
	uint8_t ku[SN_HASH_MAX], kul[SN_HASH_MAX];
	size_t hlen = sn_hash_len(hash);
	struct kc_entry *e;
	int rc;

	if (eidlen > SN_USM_ENGINEID_MAX) {
		return sn_error_set(err, SN_EINVAL,
		    "usm: engine ID of %zu octets (at most %d)", eidlen,
		    SN_USM_ENGINEID_MAX);
	}
	e = kc_find(kc, KC_KEY, hash, ext, keylen, pass, passlen, eid, eidlen);
	if (e != NULL) {
		memcpy(key, e->key, keylen);
		return 0;
	}
	e = kc_find(kc, KC_KU, hash, SN_KEYEXT_NONE, hlen, pass, passlen,
	    NULL, 0);
	if (e != NULL) {
		memcpy(ku, e->key, hlen);
	} else {
		rc = sn_usm_password_to_key(c, hash, pass, passlen, ku, err);
		if (rc != 0)
			return rc;
		kc_put(kc, KC_KU, hash, SN_KEYEXT_NONE, hlen, pass, passlen,
		    NULL, 0, ku);
	}
	rc = sn_usm_localize(c, hash, ku, eid, eidlen, kul, err);
	if (rc == 0) {
		rc = sn_usm_key_extend(c, hash, ext, kul, eid, eidlen, key,
		    keylen, err);
	}
	if (rc == 0) {
		kc_put(kc, KC_KEY, hash, ext, keylen, pass, passlen, eid,
		    eidlen, key);
	}
	sn_crypto_wipe(ku, sizeof(ku));
	sn_crypto_wipe(kul, sizeof(kul));
	return rc;
}

int
sn_usm_keycache_auth_key(struct sn_usm_keycache *kc,
    const struct sn_crypto *c, enum sn_auth_proto auth, const void *pass,
    size_t passlen, const uint8_t *engine_id, size_t engine_id_len,
    uint8_t *key, struct sn_error *err)
{
	const struct sn_usm_auth_info *ai = sn_usm_auth_info(auth);

	if (ai == NULL)
		return sn_error_set(err, SN_EINVAL, "usm: no auth protocol");
	return kc_get(kc, c, ai->hash, SN_KEYEXT_NONE, ai->key_len, pass,
	    passlen, engine_id, engine_id_len, key, err);
}

int
sn_usm_keycache_priv_key(struct sn_usm_keycache *kc,
    const struct sn_crypto *c, enum sn_auth_proto auth,
    enum sn_priv_proto priv, const void *pass, size_t passlen,
    const uint8_t *engine_id, size_t engine_id_len, uint8_t *key,
    struct sn_error *err)
{
	const struct sn_usm_auth_info *ai = sn_usm_auth_info(auth);
	const struct sn_usm_priv_info *pi = sn_usm_priv_info(priv);
	enum sn_usm_keyext ext;

	if (ai == NULL || pi == NULL) {
		return sn_error_set(err, SN_EINVAL,
		    "usm: privacy needs an authentication protocol");
	}
	ext = pi->key_len > ai->key_len ? pi->ext : SN_KEYEXT_NONE;
	return kc_get(kc, c, ai->hash, ext, pi->key_len, pass, passlen,
	    engine_id, engine_id_len, key, err);
}

/* Authentication. */

int
sn_usm_auth_sign(const struct sn_crypto *c, enum sn_auth_proto auth,
    const uint8_t *key, const struct sn_iov *iov, size_t n, uint8_t *mac,
    struct sn_error *err)
{
	const struct sn_usm_auth_info *ai = sn_usm_auth_info(auth);
	uint8_t full[SN_HASH_MAX];
	int rc;

	if (ai == NULL)
		return sn_error_set(err, SN_EINVAL, "usm: no auth protocol");
	/* RFC 3414 §6.3.1, §7.3.1; RFC 7860 §4.2.2: truncated HMAC */
	rc = sn_crypto_hmac(c, ai->hash, key, ai->key_len, iov, n, full, err);
	if (rc == 0)
		memcpy(mac, full, ai->mac_len);
	sn_crypto_wipe(full, sizeof(full));
	return rc;
}

int
sn_usm_auth_verify(const struct sn_crypto *c, enum sn_auth_proto auth,
    const uint8_t *key, const struct sn_iov *iov, size_t n,
    const uint8_t *mac, size_t maclen, struct sn_error *err)
{
	const struct sn_usm_auth_info *ai = sn_usm_auth_info(auth);
	uint8_t want[SN_USM_MAC_MAX];
	bool ok;
	int rc;

	if (ai == NULL)
		return sn_error_set(err, SN_EINVAL, "usm: no auth protocol");
	/* RFC 3414 §6.3.2 step 1 (RFC 7860 §4.2.3): length first */
	if (maclen != ai->mac_len) {
		return sn_error_set(err, SN_EWRONGDIGEST,
		    "authentication parameters of %zu octets, %s uses %zu",
		    maclen, ai->name, ai->mac_len);
	}
	if ((rc = sn_usm_auth_sign(c, auth, key, iov, n, want, err)) != 0)
		return rc;
	ok = sn_crypto_equal(want, mac, maclen);
	sn_crypto_wipe(want, sizeof(want));
	if (!ok) {
		/* RFC 3414 §6.3.2 step 4: usmStatsWrongDigests */
		return sn_error_set(err, SN_EWRONGDIGEST,
		    "wrong digest (%s)", ai->name);
	}
	return 0;
}

/* Privacy. */

size_t
sn_usm_encrypted_len(enum sn_priv_proto priv, size_t len)
{
	if (priv == SN_PRIV_DES || priv == SN_PRIV_3DES)
		return (len + 7) / 8 * 8;
	return len;
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/*
 * The cipher key and IV of a message.  DES (RFC 3414 §8.1.1.1) and 3DES
 * (draft-reeder §5.1.1.1): key, then pre-IV XOR salt; AES (RFC 3826
 * §3.1.2.1): the key, and IV = boots || time || salt, concatenated.
 */
static void
make_iv(const struct sn_usm_priv_info *pi, const uint8_t *key,
    uint32_t boots, uint32_t time, const uint8_t *salt, uint8_t *iv)
{
	size_t keylen = sn_cipher_key_len(pi->cipher), i;

	if (pi->cipher == SN_CIPHER_DES_CBC ||
	    pi->cipher == SN_CIPHER_3DES_CBC) {
		for (i = 0; i < 8; i++)
			iv[i] = key[keylen + i] ^ salt[i];
	} else {
		put32(iv, boots);
		put32(iv + 4, time);
		memcpy(iv + 8, salt, 8);
	}
}

int
sn_usm_encrypt(const struct sn_crypto *c, enum sn_priv_proto priv,
    const uint8_t *key, uint32_t boots, uint32_t time, uint64_t salt,
    const uint8_t *in, size_t len, uint8_t *out, uint8_t *params,
    struct sn_error *err)
{
	const struct sn_usm_priv_info *pi = sn_usm_priv_info(priv);
	uint8_t iv[16];
	size_t elen;
	int rc;

	if (pi == NULL)
		return sn_error_set(err, SN_EINVAL, "usm: no priv protocol");
	/*
	 * RFC 3414 §8.1.1.1: the DES salt is the local snmpEngineBoots and
	 * a local integer, which the caller puts in the high and low halves;
	 * RFC 3826 §3.1.2.1: the AES salt is a 64-bit integer.
	 */
	put32(params, (uint32_t)(salt >> 32));
	put32(params + 4, (uint32_t)salt);
	make_iv(pi, key, boots, time, params, iv);
	elen = sn_usm_encrypted_len(priv, len);
	if (in != out)
		memmove(out, in, len);
	/*
	 * RFC 3414 §8.1.1.2: pad to a whole block; the value is irrelevant,
	 * so use Net-SNMP's (the pad length in each octet) and send the
	 * same octets it would.
	 */
	memset(out + len, (int)(elen - len), elen - len);
	rc = sn_crypto_cipher(c, pi->cipher, true, key, iv, out, elen, out,
	    err);
	sn_crypto_wipe(iv, sizeof(iv));
	return rc;
}

int
sn_usm_decrypt(const struct sn_crypto *c, enum sn_priv_proto priv,
    const uint8_t *key, uint32_t boots, uint32_t time, const uint8_t *params,
    size_t paramslen, const uint8_t *in, size_t len, uint8_t *out,
    struct sn_error *err)
{
	const struct sn_usm_priv_info *pi = sn_usm_priv_info(priv);
	uint8_t iv[16];
	int rc;

	if (pi == NULL)
		return sn_error_set(err, SN_EINVAL, "usm: no priv protocol");
	/* RFC 3414 §8.3.2 step 1, RFC 3826 §3.1.4.2 step 1 */
	if (paramslen != SN_USM_SALT_LEN) {
		return sn_error_set(err, SN_EDECRYPT,
		    "privacy parameters of %zu octets (%s needs %d)",
		    paramslen, pi->name, SN_USM_SALT_LEN);
	}
	/* RFC 3414 §8.3.2 step 2: whole DES blocks only */
	if (sn_usm_encrypted_len(priv, len) != len || len == 0) {
		return sn_error_set(err, SN_EDECRYPT,
		    "encrypted PDU of %zu octets is not a whole number of "
		    "%s blocks", len, pi->name);
	}
	make_iv(pi, key, boots, time, params, iv);
	rc = sn_crypto_cipher(c, pi->cipher, false, key, iv, in, len, out,
	    err);
	sn_crypto_wipe(iv, sizeof(iv));
	if (rc != 0)
		return sn_error_set(err, SN_EDECRYPT, "decryption failed");
	return 0;
}

/* Timeliness. */

int
sn_usm_time_check_authoritative(uint32_t local_boots, uint32_t local_time,
    uint32_t msg_boots, uint32_t msg_time)
{
	uint32_t d;

	/* RFC 3414 §3.2 step 7a */
	if (local_boots >= SN_USM_BOOTS_MAX || msg_boots != local_boots)
		return SN_ENOTINTIMEWINDOW;
	d = msg_time > local_time ? msg_time - local_time :
	    local_time - msg_time;
	if (d > SN_USM_TIME_WINDOW)
		return SN_ENOTINTIMEWINDOW;
	return 0;
}

uint32_t
sn_usm_time_now(const struct sn_usm_timeinfo *t, int64_t now)
{
	int64_t v;

	if (!t->valid)
		return 0;
	v = (int64_t)t->time + (now > t->synced_at ? now - t->synced_at : 0);
	return v > (int64_t)SN_USM_BOOTS_MAX ? SN_USM_BOOTS_MAX : (uint32_t)v;
}

void
sn_usm_time_sync(struct sn_usm_timeinfo *t, int64_t now, uint32_t boots,
    uint32_t time)
{
	t->valid = true;
	t->boots = boots;
	t->time = time;
	t->synced_at = now;
	t->latest = time;
}

int
sn_usm_time_check_remote(struct sn_usm_timeinfo *t, int64_t now,
    uint32_t msg_boots, uint32_t msg_time)
{
	uint32_t local;

	if (!t->valid) {
		sn_usm_time_sync(t, now, msg_boots, msg_time);
		return 0;
	}
	/* RFC 3414 §3.2 step 7b (1): a newer notion replaces ours */
	if (msg_boots > t->boots ||
	    (msg_boots == t->boots && msg_time > t->latest))
		sn_usm_time_sync(t, now, msg_boots, msg_time);
	/* RFC 3414 §3.2 step 7b (2) */
	if (t->boots >= SN_USM_BOOTS_MAX || msg_boots < t->boots)
		return SN_ENOTINTIMEWINDOW;
	local = sn_usm_time_now(t, now);
	if (msg_boots == t->boots && local > SN_USM_TIME_WINDOW &&
	    msg_time < local - SN_USM_TIME_WINDOW)
		return SN_ENOTINTIMEWINDOW;
	return 0;
}

/* usmStats (RFC 3414 §5): 1.3.6.1.6.3.15.1.1.N.0 */

static const int stats_codes[] = {
	0,
	SN_EUNSUPSECLEVEL,	/* .1 usmStatsUnsupportedSecLevels */
	SN_ENOTINTIMEWINDOW,	/* .2 usmStatsNotInTimeWindows */
	SN_EUNKNOWNUSER,	/* .3 usmStatsUnknownUserNames */
	SN_EUNKNOWNENGINEID,	/* .4 usmStatsUnknownEngineIDs */
	SN_EWRONGDIGEST,	/* .5 usmStatsWrongDigests */
	SN_EDECRYPT		/* .6 usmStatsDecryptionErrors */
};
static const uint32_t stats_prefix[] = { 1, 3, 6, 1, 6, 3, 15, 1, 1 };
#define STATS_PREFIX_LEN 9
#define NSTATS (sizeof(stats_codes) / sizeof(stats_codes[0]))

int
sn_usm_stats_oid(int code, struct sn_oid *oid)
{
	size_t i;

	for (i = 1; i < NSTATS; i++) {
		if (stats_codes[i] == code) {
			memcpy(oid->sub, stats_prefix, sizeof(stats_prefix));
			oid->sub[STATS_PREFIX_LEN] = (uint32_t)i;
			oid->sub[STATS_PREFIX_LEN + 1] = 0;
			oid->len = STATS_PREFIX_LEN + 2;
			return 0;
		}
	}
	return SN_EINVAL;
}

int
sn_usm_stats_code(const struct sn_oid *oid)
{
	uint32_t n;

	if (oid->len != STATS_PREFIX_LEN + 1 &&
	    !(oid->len == STATS_PREFIX_LEN + 2 &&
	    oid->sub[STATS_PREFIX_LEN + 1] == 0))
		return 0;
	if (memcmp(oid->sub, stats_prefix, sizeof(stats_prefix)) != 0)
		return 0;
	n = oid->sub[STATS_PREFIX_LEN];
	if (n == 0 || n >= NSTATS)
		return 0;
	return stats_codes[n];
}
