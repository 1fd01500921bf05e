/*
 * Internal: the local SNMPv3 engine where it is authoritative (RFC 3414
 * §1.5.1), shared by the command responder (agent_usm.c) and the
 * notification receiver for informs (notify_rx.c): snmpEngineID,
 * snmpEngineBoots and snmpEngineTime (RFC 3414 §2.2), the users table
 * with keys from passphrases (RFC 3414 A.2) localised to the engine ID
 * (RFC 3414 §2.6), and the header and keys of the messages it answers
 * with (RFC 3412 §7.1).  Embed a struct sn_usm_local; what a role adds
 * (reports, access, remote engines) stays with the role.
 */
#ifndef SN_ENGINE_USM_LOCAL_H
#define SN_ENGINE_USM_LOCAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sn/error.h>

#include "crypto.h"
#include "mp_v3.h"
#include "usm.h"

/* A user of the local engine (usmUserTable, RFC 3414 §5). */
struct sn_usm_user {
	uint8_t name[SN_USM_USER_MAX];
	size_t name_len;
	enum sn_auth_proto auth;	/* SN_AUTH_NONE: noAuthNoPriv */
	enum sn_priv_proto priv;	/* SN_PRIV_NONE: no privacy */
	bool writable;
	/* secrets, one sn_secret_alloc'd block of SN_USM_USER_KEYS: Ku auth,
	 * Ku priv (master keys, RFC 3414 A.2), then the auth and priv keys
	 * localised to the local engine ID */
	uint8_t *keys;
};
#define SN_USM_USER_KEYS (3 * SN_USM_KEY_MAX + SN_USM_PRIVKEY_MAX)
#define SN_USM_KU_AUTH(u) ((u)->keys)
#define SN_USM_KU_PRIV(u) ((u)->keys + SN_USM_KEY_MAX)
#define SN_USM_K_AUTH(u) ((u)->keys + 2 * SN_USM_KEY_MAX)
#define SN_USM_K_PRIV(u) ((u)->keys + 3 * SN_USM_KEY_MAX)

/* A user as configured; strings borrowed during the call only. */
struct sn_usm_user_spec {
	const char *name;		/* 1..32 octets */
	const char *auth_proto;		/* NULL: noAuthNoPriv */
	const char *auth_pass;
	const char *priv_proto;		/* NULL: no privacy */
	const char *priv_pass;
	bool writable;
};

struct sn_usm_local {
	struct sn_crypto *crypto;	/* owned */
	/* error texts in the words of the listener's options (-a -x -A
	 * -X), else in the agent's ("agent: user u: ...") */
	bool opt_words;
	uint8_t engine_id[SN_USM_ENGINEID_MAX];
	size_t engine_id_len;
	uint32_t boots;
	int64_t started;		/* monotonic seconds at time 0 */
	uint64_t salt;			/* of the next encrypted answer */
	struct sn_usm_user *users;
	size_t nusers;
};

/*
 * Set up u (zeroed by the caller): a crypto context, boots from the wall
 * clock, time 0 at now_s (monotonic seconds), a random salt.  The caller
 * then writes the engine ID.  On error sn_usm_local_clear() still frees.
 */
int sn_usm_local_init(struct sn_usm_local *u, int64_t now_s,
    struct sn_error *err);
/* Wipe and free the users and the crypto context; u may be zeroed. */
void sn_usm_local_clear(struct sn_usm_local *u);
/* snmpEngineTime at monotonic second now_s (RFC 3414 §2.2.1). */
uint32_t sn_usm_local_time(const struct sn_usm_local *u, int64_t now_s);
/*
 * Add a user, or replace the one of the same name: protocols parsed as
 * sn_usm_auth_parse/sn_usm_priv_parse, keys derived from the passphrases
 * and localised to the engine ID.  SN_EINVAL (bad name, protocol or
 * passphrase), SN_EPROTO (cipher not available), SN_ENOMEM; the table is
 * unchanged then.
 */
int sn_usm_local_add_user(struct sn_usm_local *u,
    const struct sn_usm_user_spec *spec, struct sn_error *err);
/* A new engine ID (5..32 octets, else SN_EINVAL) and boots, time 0 at
 * now_s; every user's keys are localised again. */
int sn_usm_local_set_engine(struct sn_usm_local *u, const uint8_t *id,
    size_t len, uint32_t boots, int64_t now_s, struct sn_error *err);
/* Whether id is the local engine ID (RFC 3414 §3.2 step 3). */
bool sn_usm_local_is_ours(const struct sn_usm_local *u, const uint8_t *id,
    size_t len);
/* The user of that msgUserName, or NULL. */
struct sn_usm_user *sn_usm_local_find(struct sn_usm_local *u,
    const uint8_t *name, size_t len);
/*
 * RFC 3414 §2.6: a user's keys localised to engine ID id into kauth (the
 * hash's length) and, with privacy, kpriv (the cipher's key length).
 * Nothing for a noAuthNoPriv user.
 */
int sn_usm_user_localize(const struct sn_crypto *c,
    const struct sn_usm_user *us, const uint8_t *id, size_t len,
    uint8_t *kauth, uint8_t *kpriv, struct sn_error *err);
/*
 * The header of m as the local engine's answer to in (RFC 3412 §7.1):
 * msgID, our engine ID, boots and time, the user, our contextEngineID
 * and the default context.  The caller sets flags and the PDU.
 */
void sn_usm_local_header(const struct sn_usm_local *u, struct sn_v3_msg *m,
    const struct sn_v3_msg *in, int64_t now_s);
/*
 * Encode m into obuf (ocap octets, 16 of which are kept for DES padding)
 * with user us's localised keys at m's flags (us may be NULL at
 * noAuthNoPriv), advancing the salt for an encrypted message.
 */
int sn_usm_local_encode(struct sn_usm_local *u, struct sn_v3_msg *m,
    const struct sn_usm_user *us, uint8_t *obuf, size_t ocap,
    uint8_t **out, size_t *outlen);

#endif
