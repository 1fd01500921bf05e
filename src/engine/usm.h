/*
 * Internal: the User-based Security Model's primitives (RFC 3414), free of
 * sessions and sockets.  Password to key and key localisation (RFC 3414
 * A.2, with the SHA-2 hashes of RFC 7860), the privacy key extensions for
 * ciphers that need more key than the hash gives (Blumenthal,
 * draft-blumenthal-aes-usm-04 §3.1.2.1, and Reeder,
 * draft-reeder-snmpv3-usm-3desede-00 §2.1), a cache of derived keys, the
 * truncated HMACs of msgAuthenticationParameters (RFC 3414 §6-7, RFC 7860
 * §4), the privacy transforms (RFC 3414 §8 DES-CBC, draft-reeder 3DES-EDE,
 * RFC 3826 AES-CFB128), the timeliness checks of RFC 3414 §3.2 step 7 as
 * pure functions, and the usmStats counters of RFC 3414 §5 mapped to the
 * SN_E* security codes.
 *
 * Keys are secrets: callers hold them in sn_secret_alloc() buffers or wipe
 * them with sn_crypto_wipe(); nothing here logs or keeps a key except the
 * key cache, which wipes what it drops.
 */
#ifndef SN_ENGINE_USM_H
#define SN_ENGINE_USM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sn/error.h>
#include <sn/oid.h>

#include "crypto.h"

/* Authentication protocols (RFC 3414 §6-7, RFC 7860 §4). */
enum sn_auth_proto {
	SN_AUTH_NONE,
	SN_AUTH_MD5,		/* usmHMACMD5AuthProtocol, HMAC-MD5-96 */
	SN_AUTH_SHA1,		/* usmHMACSHAAuthProtocol, HMAC-SHA-96 */
	SN_AUTH_SHA224,		/* usmHMAC128SHA224AuthProtocol */
	SN_AUTH_SHA256,		/* usmHMAC192SHA256AuthProtocol */
	SN_AUTH_SHA384,		/* usmHMAC256SHA384AuthProtocol */
	SN_AUTH_SHA512		/* usmHMAC384SHA512AuthProtocol */
};
#define SN_AUTH_COUNT 7

/* Privacy protocols; user-facing names as Net-SNMP's -x. */
enum sn_priv_proto {
	SN_PRIV_NONE,
	SN_PRIV_DES,		/* "DES": usmDESPrivProtocol, RFC 3414 §8 */
	SN_PRIV_3DES,		/* "3DES": usm3DESEDEPrivProtocol, Reeder */
	SN_PRIV_AES128,		/* "AES": usmAesCfb128Protocol, RFC 3826 */
	SN_PRIV_AES192,		/* "AES-192": Blumenthal key extension */
	SN_PRIV_AES256,		/* "AES-256": Blumenthal key extension */
	SN_PRIV_AES192C,	/* "AES-192-C": Reeder (Cisco) extension */
	SN_PRIV_AES256C		/* "AES-256-C": Reeder (Cisco) extension */
};
#define SN_PRIV_COUNT 8

/* How a localized key is lengthened for a cipher that needs more. */
enum sn_usm_keyext {
	SN_KEYEXT_NONE,		/* truncate the localized key */
	SN_KEYEXT_BLUMENTHAL,	/* Kul || H(Kul) ... */
	SN_KEYEXT_REEDER	/* Kul || LOCALIZE(P2K(Kul)) ... */
};

/* Largest localized key (SHA-512) and largest privacy key (3DES, AES-256,
 * both 32 octets), and the longest MAC on the wire (SHA-512: 48). */
#define SN_USM_KEY_MAX 64
#define SN_USM_PRIVKEY_MAX 32
#define SN_USM_MAC_MAX 48
/* msgPrivacyParameters length of every privacy protocol here. */
#define SN_USM_SALT_LEN 8
/* Longest SnmpEngineID (RFC 3411 §5) and msgUserName (RFC 3414 §2.4). */
#define SN_USM_ENGINEID_MAX 32
#define SN_USM_USER_MAX 32
/* Shortest passphrase Net-SNMP (and RFC 3414 §11.2's advice) accept. */
#define SN_USM_PASS_MIN 8
/* RFC 3414 §2.2.3: the time window, in seconds. */
#define SN_USM_TIME_WINDOW 150
/* RFC 3414 §2.2.1: snmpEngineBoots at its maximum latches. */
#define SN_USM_BOOTS_MAX 2147483647u

struct sn_usm_auth_info {
	const char *name;	/* "MD5", "SHA", "SHA-224" ... as Net-SNMP */
	enum sn_hash hash;
	size_t key_len;		/* localized key length = digest length */
	size_t mac_len;		/* msgAuthenticationParameters length */
	struct sn_oid oid;	/* the protocol's OBJECT IDENTIFIER */
};

struct sn_usm_priv_info {
	const char *name;	/* "DES", "3DES", "AES", "AES-192-C" ... */
	enum sn_cipher cipher;
	size_t key_len;		/* octets of localized key used */
	enum sn_usm_keyext ext;
	struct sn_oid oid;
};

/* Tables; NULL for SN_AUTH_NONE/SN_PRIV_NONE or an out-of-range value. */
const struct sn_usm_auth_info *sn_usm_auth_info(enum sn_auth_proto proto);
const struct sn_usm_priv_info *sn_usm_priv_info(enum sn_priv_proto proto);
/*
 * Parse a protocol name as Net-SNMP's -a / -x take it, case-insensitive
 * ("MD5", "SHA", "SHA1", "SHA-1", "SHA-224", "SHA224" ...; "DES", "3DES",
 * "AES", "AES128", "AES-128", "AES-192", "AES-256", "AES-192-C",
 * "AES-256-C").  SN_EINVAL for anything else.
 */
int sn_usm_auth_parse(const char *name, enum sn_auth_proto *out);
int sn_usm_priv_parse(const char *name, enum sn_priv_proto *out);

/*
 * RFC 3414 A.2: hash the passphrase repeated to 1,048,576 octets (RFC 7860
 * §4.2.1 for SHA-2).  ku receives sn_hash_len(hash) octets.  SN_EINVAL for
 * a passphrase shorter than SN_USM_PASS_MIN octets.
 */
int sn_usm_password_to_key(const struct sn_crypto *c, enum sn_hash hash,
    const void *pass, size_t passlen, uint8_t *ku, struct sn_error *err);
/*
 * RFC 3414 §2.6 and A.2.2: Kul = H(Ku || engineID || Ku); kul receives
 * sn_hash_len(hash) octets (it may be ku).  SN_EINVAL for an engine ID
 * longer than SN_USM_ENGINEID_MAX.
 */
int sn_usm_localize(const struct sn_crypto *c, enum sn_hash hash,
    const uint8_t *ku, const uint8_t *engine_id, size_t engine_id_len,
    uint8_t *kul, struct sn_error *err);
/*
 * Lengthen (or truncate) a localized key kul (of sn_hash_len(hash)
 * octets) to want octets with method ext: truncation to any length up to
 * the hash's, extension up to SN_USM_PRIVKEY_MAX.
 * Blumenthal: Kul' = Kul || H(Kul'), repeated (H over everything so far).
 * Reeder: Kul' = Kul || LOCALIZE(P2K(Kul as passphrase)), the new part
 * taking the place of Kul for each further round.  out may not overlap
 * kul.  SN_EINVAL when want is too large or ext is NONE and want is more
 * than the hash gives.
 */
int sn_usm_key_extend(const struct sn_crypto *c, enum sn_hash hash,
    enum sn_usm_keyext ext, const uint8_t *kul, const uint8_t *engine_id,
    size_t engine_id_len, uint8_t *out, size_t want, struct sn_error *err);

/*
 * The KeyChange textual convention (RFC 3414 §5), by which a manager
 * changes a user's key with a SET of usmUserAuthKeyChange or
 * usmUserPrivKeyChange: value = random || delta, where delta is keyNew
 * XOR a chain of H(temp || random) starting from keyOld.  All keys and
 * random are keylen octets (at most SN_USM_KEY_MAX); the value is
 * 2 * keylen.  Decoding recovers keyNew from keyOld; SN_EINVAL when the
 * value is not 2 * keylen octets (a wrongLength for the SET).
 */
int sn_usm_keychange_encode(const struct sn_crypto *c, enum sn_hash hash,
    const uint8_t *old_key, const uint8_t *new_key, size_t keylen,
    const uint8_t *random, uint8_t *value, struct sn_error *err);
int sn_usm_keychange_decode(const struct sn_crypto *c, enum sn_hash hash,
    const uint8_t *old_key, size_t keylen, const uint8_t *value,
    size_t valuelen, uint8_t *new_key, struct sn_error *err);

/*
 * A cache of derived keys so that password to key (1 MiB of hashing) is
 * paid once per (passphrase, hash) and localisation once per engine ID.
 * Bounded; the least recently used entry is wiped and dropped.  Owned by
 * whoever made it; not thread-safe.  sn_usm_keycache_free(NULL) is a
 * no-op; freeing wipes every entry.
 */
struct sn_usm_keycache;
#define SN_USM_KEYCACHE_SIZE 64
int sn_usm_keycache_new(struct sn_usm_keycache **out, struct sn_error *err);
void sn_usm_keycache_free(struct sn_usm_keycache *kc);
/*
 * The localized authentication key of a passphrase: key receives
 * sn_usm_auth_info(auth)->key_len octets.
 */
int sn_usm_keycache_auth_key(struct sn_usm_keycache *kc,
    const struct sn_crypto *c, enum sn_auth_proto auth, const void *pass,
    size_t passlen, const uint8_t *engine_id, size_t engine_id_len,
    uint8_t *key, struct sn_error *err);
/*
 * The localized (and, as the protocol says, extended) privacy key of a
 * passphrase for user's authentication protocol auth: key receives
 * sn_usm_priv_info(priv)->key_len octets.  SN_EINVAL when auth is NONE.
 */
int sn_usm_keycache_priv_key(struct sn_usm_keycache *kc,
    const struct sn_crypto *c, enum sn_auth_proto auth,
    enum sn_priv_proto priv, const void *pass, size_t passlen,
    const uint8_t *engine_id, size_t engine_id_len, uint8_t *key,
    struct sn_error *err);
/* Same derivation without a cache (tests, one-off use). */
int sn_usm_priv_key(const struct sn_crypto *c, enum sn_auth_proto auth,
    enum sn_priv_proto priv, const uint8_t *kul, const uint8_t *engine_id,
    size_t engine_id_len, uint8_t *key, struct sn_error *err);
/* Entries in use (tests). */
size_t sn_usm_keycache_count(const struct sn_usm_keycache *kc);

/*
 * msgAuthenticationParameters (RFC 3414 §6.3.1, §7.3.1; RFC 7860 §4.2.2):
 * HMAC with the localized key over the whole message, pieces iov[0..n),
 * the authentication parameters zero-filled, truncated to mac_len
 * octets written to mac.
 */
int sn_usm_auth_sign(const struct sn_crypto *c, enum sn_auth_proto auth,
    const uint8_t *key, const struct sn_iov *iov, size_t n, uint8_t *mac,
    struct sn_error *err);
/*
 * Verify received parameters (RFC 3414 §6.3.2, §7.3.2): SN_EWRONGDIGEST
 * when maclen is not the protocol's length or the MAC differs (compared
 * in constant time).
 */
int sn_usm_auth_verify(const struct sn_crypto *c, enum sn_auth_proto auth,
    const uint8_t *key, const struct sn_iov *iov, size_t n,
    const uint8_t *mac, size_t maclen, struct sn_error *err);

/*
 * Length of the encryptedPDU for a plaintext of len octets: padded to a
 * multiple of 8 for DES and 3DES (RFC 3414 §8.1.1.2), unchanged for AES.
 */
size_t sn_usm_encrypted_len(enum sn_priv_proto priv, size_t len);
/*
 * Encrypt a ScopedPDU (RFC 3414 §8.1.1.1, RFC 3826 §3.1.2.1, draft-reeder
 * §5.1.1.1) with the privacy key (sn_usm_priv_info(priv)->key_len
 * octets).  boots and time are the authoritative engine's
 * (msgAuthoritativeEngineBoots/Time of the message, in the AES IV); salt
 * is the 64-bit salt the caller keeps and advances per message, written
 * big-endian as msgPrivacyParameters: for DES and 3DES its high half
 * should be the local snmpEngineBoots (RFC 3414 §8.1.1.1), for AES any
 * integer (RFC 3826 §3.1.2.1, e.g. random start, +1 per message).  in
 * and out may be the same buffer; out has room for
 * sn_usm_encrypted_len(priv, len) octets.  DES and 3DES padding octets
 * hold the pad length, as Net-SNMP writes them.
 * params receives the SN_USM_SALT_LEN octets of msgPrivacyParameters.
 */
int sn_usm_encrypt(const struct sn_crypto *c, enum sn_priv_proto priv,
    const uint8_t *key, uint32_t boots, uint32_t time, uint64_t salt,
    const uint8_t *in, size_t len, uint8_t *out, uint8_t *params,
    struct sn_error *err);
/*
 * Decrypt an encryptedPDU (RFC 3414 §8.1.1.2 step 2, RFC 3826 §3.1.2.2):
 * out (len octets, may be in) receives the plaintext with any padding.
 * SN_EDECRYPT when paramslen is not 8 or, for DES/3DES, len is not a
 * multiple of 8 (RFC 3414 §8.3.2 step 1-2, RFC 3826 §3.1.2.2 step 1).
 */
int sn_usm_decrypt(const struct sn_crypto *c, enum sn_priv_proto priv,
    const uint8_t *key, uint32_t boots, uint32_t time, const uint8_t *params,
    size_t paramslen, const uint8_t *in, size_t len, uint8_t *out,
    struct sn_error *err);

/*
 * Timeliness (RFC 3414 §3.2 step 7).  The authoritative receiver compares
 * with its own snmpEngineBoots/Time: 0, or SN_ENOTINTIMEWINDOW when its
 * boots has latched at SN_USM_BOOTS_MAX, the boots differ, or the times
 * are more than SN_USM_TIME_WINDOW seconds apart.
 */
int sn_usm_time_check_authoritative(uint32_t local_boots,
    uint32_t local_time, uint32_t msg_boots, uint32_t msg_time);

/*
 * A non-authoritative engine's notion of a remote authoritative engine
 * (RFC 3414 §2.3): snmpEngineBoots, snmpEngineTime at synced_at (a
 * monotonic clock in seconds, any origin) and latestReceivedEngineTime.
 * Embed; zeroed (valid false) means "never synchronised".
 */
struct sn_usm_timeinfo {
	bool valid;
	uint32_t boots;
	uint32_t time;
	int64_t synced_at;
	uint32_t latest;
};

/* The remote engine's snmpEngineTime now (saturating at 2^31-1). */
uint32_t sn_usm_time_now(const struct sn_usm_timeinfo *t, int64_t now);
/* Take boots/time as the remote's current values (discovery, RFC 3414 §4). */
void sn_usm_time_sync(struct sn_usm_timeinfo *t, int64_t now, uint32_t boots,
    uint32_t time);
/*
 * RFC 3414 §3.2 step 7b for an authenticated message from the remote:
 * first update t when msg_boots is greater, or equal with msg_time greater
 * than latestReceivedEngineTime; then 0, or SN_ENOTINTIMEWINDOW when the
 * remote's boots is latched, msg_boots is below it, or equal with msg_time
 * more than SN_USM_TIME_WINDOW seconds behind the local notion.  An unset
 * t is synchronised from the message.
 */
int sn_usm_time_check_remote(struct sn_usm_timeinfo *t, int64_t now,
    uint32_t msg_boots, uint32_t msg_time);

/*
 * usmStats (RFC 3414 §5, 1.3.6.1.6.3.15.1.1.N.0) and the codes: the OID a
 * report carries for code (SN_EUNSUPSECLEVEL ... SN_EDECRYPT), and the
 * code a report's first varbind OID means.  sn_usm_stats_oid: SN_EINVAL
 * for a code without a counter.  sn_usm_stats_code: 0 when the OID is no
 * usmStats counter (an instance suffix .0 is optional).
 */
int sn_usm_stats_oid(int code, struct sn_oid *oid);
int sn_usm_stats_code(const struct sn_oid *oid);

#endif
