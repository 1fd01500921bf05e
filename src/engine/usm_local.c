/*
 * The local SNMPv3 engine where it is authoritative (RFC 3414 §1.5.1):
 * identity and clock (RFC 3414 §2.2), users with localised keys (RFC 3414
 * §2.6, A.2) and the answers' header and keys (RFC 3412 §7.1), for the
 * command responder and the notification receiver alike.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/usm_local.h"

int
sn_usm_local_init(struct sn_usm_local *u, int64_t now_s,
    struct sn_error *err)
{
	time_t now = time(NULL);
	int rc;

	if ((rc = sn_crypto_new(&u->crypto, err)) != 0)
		return rc;
	/* no persistent state yet: boots grows with the wall clock, so a
	 * restart never reuses a (boots, time) pair (RFC 3414 §2.2.2) */
	u->boots = now > 1577836800 ? (uint32_t)((now - 1577836800) / 2) : 1;
	if (u->boots == 0)
		u->boots = 1;
	u->started = now_s;
	if (sn_crypto_random(u->crypto, &u->salt, sizeof(u->salt), NULL) != 0)
		u->salt = (uint64_t)now;
	return 0;
}

void
sn_usm_local_clear(struct sn_usm_local *u)
{
	size_t i;

	for (i = 0; i < u->nusers; i++)
		sn_secret_free(u->users[i].keys, SN_USM_USER_KEYS);
	free(u->users);
	u->users = NULL;
	u->nusers = 0;
	sn_crypto_free(u->crypto);
	u->crypto = NULL;
}

uint32_t
sn_usm_local_time(const struct sn_usm_local *u, int64_t now_s)
{
	int64_t t = now_s - u->started;

	/* RFC 3414 §2.2.1: 0..2^31-1 */
	if (t < 0)
		return 0;
	return t > 2147483647 ? 2147483647u : (uint32_t)t;
}

int
sn_usm_user_localize(const struct sn_crypto *c, const struct sn_usm_user *us,
    const uint8_t *id, size_t len, uint8_t *kauth, uint8_t *kpriv,
    struct sn_error *err)
{
	const struct sn_usm_auth_info *ai = sn_usm_auth_info(us->auth);
	uint8_t kul[SN_USM_KEY_MAX];
	int rc;

	if (ai == NULL)
		return 0;
	rc = sn_usm_localize(c, ai->hash, SN_USM_KU_AUTH(us), id, len, kauth,
	    err);
	if (rc == 0 && us->priv != SN_PRIV_NONE) {
		rc = sn_usm_localize(c, ai->hash, SN_USM_KU_PRIV(us), id, len,
		    kul, err);
		if (rc == 0)
			rc = sn_usm_priv_key(c, us->auth, us->priv, kul, id,
			    len, kpriv, err);
		sn_crypto_wipe(kul, sizeof(kul));
	}
	return rc;
}

/* The privacy protocol of spec: known, with authentication, available. */
static int
user_privacy(const struct sn_usm_local *u,
    const struct sn_usm_user_spec *spec, struct sn_usm_user *us,
    struct sn_error *err)
{
	const struct sn_usm_priv_info *pi;
	bool o = u->opt_words;

	if (us->auth == SN_AUTH_NONE)
		return sn_error_set(err, SN_EINVAL, o ? "user %s: privacy "
		    "needs authentication (-a)" : "agent: user %s: privacy "
		    "needs authentication", spec->name);
	if (sn_usm_priv_parse(spec->priv_proto, &us->priv) != 0)
		return sn_error_set(err, SN_EINVAL, o ? "user %s: -x %s: "
		    "unknown privacy protocol" : "agent: user %s: unknown "
		    "privacy protocol %s", spec->name, spec->priv_proto);
	pi = sn_usm_priv_info(us->priv);
	if (!sn_crypto_has_cipher(u->crypto, pi->cipher))
		return sn_error_set(err, SN_EPROTO, o ? "user %s: %s is not "
		    "available" : "agent: user %s: %s is not available",
		    spec->name, pi->name);
	return 0;
}

/* Name and protocols of spec into us; the messages as u words them. */
static int
user_protocols(const struct sn_usm_local *u,
    const struct sn_usm_user_spec *spec, struct sn_usm_user *us,
    struct sn_error *err)
{
	const char *name = spec->name;
	size_t n = name != NULL ? strlen(name) : 0;
	bool o = u->opt_words;
	int rc;

	if (n == 0 || n > SN_USM_USER_MAX)
		return sn_error_set(err, SN_EINVAL, o ? "a user name has 1 to "
		    "%d octets" : "agent: a user name has 1 to %d octets",
		    SN_USM_USER_MAX);
	memcpy(us->name, name, n);
	us->name_len = n;
	us->writable = spec->writable;
	if (spec->auth_proto != NULL &&
	    sn_usm_auth_parse(spec->auth_proto, &us->auth) != 0)
		return sn_error_set(err, SN_EINVAL, o ? "user %s: -a %s: "
		    "unknown authentication protocol" : "agent: user %s: "
		    "unknown authentication protocol %s", name,
		    spec->auth_proto);
	if (spec->priv_proto != NULL && (rc = user_privacy(u, spec, us,
	    err)) != 0)
		return rc;
	/* RFC 3414 §11.2; Net-SNMP refuses shorter ones too (the agent's
	 * words come from sn_usm_password_to_key) */
	if (o && us->auth != SN_AUTH_NONE && spec->auth_pass != NULL &&
	    strlen(spec->auth_pass) < SN_USM_PASS_MIN)
		return sn_error_set(err, SN_EINVAL, "user %s: -A: the "
		    "passphrase must be at least %d characters", name,
		    SN_USM_PASS_MIN);
	if (o && us->priv != SN_PRIV_NONE && spec->priv_pass != NULL &&
	    strlen(spec->priv_pass) < SN_USM_PASS_MIN)
		return sn_error_set(err, SN_EINVAL, "user %s: -X: the "
		    "passphrase must be at least %d characters", name,
		    SN_USM_PASS_MIN);
	return 0;
}

/* RFC 3414 A.2 (RFC 7860 §4.2.1): the master keys, then localised. */
static int
user_keys(const struct sn_usm_local *u, const struct sn_usm_user_spec *spec,
    struct sn_usm_user *us, struct sn_error *err)
{
	const struct sn_usm_auth_info *ai = sn_usm_auth_info(us->auth);
	bool o = u->opt_words;
	int rc;

	if (ai == NULL)
		return 0;
	rc = spec->auth_pass == NULL ? sn_error_set(err, SN_EINVAL, o ?
	    "user %s: -A: a passphrase is required" : "agent: user %s: no "
	    "authentication passphrase", spec->name) :
	    sn_usm_password_to_key(u->crypto, ai->hash, spec->auth_pass,
	    strlen(spec->auth_pass), SN_USM_KU_AUTH(us), err);
	if (rc == 0 && us->priv != SN_PRIV_NONE)
		rc = spec->priv_pass == NULL ? sn_error_set(err, SN_EINVAL, o ?
		    "user %s: -X: a passphrase is required" : "agent: user "
		    "%s: no privacy passphrase", spec->name) :
		    sn_usm_password_to_key(u->crypto, ai->hash,
		    spec->priv_pass, strlen(spec->priv_pass),
		    SN_USM_KU_PRIV(us), err);
	if (rc == 0)
		rc = sn_usm_user_localize(u->crypto, us, u->engine_id,
		    u->engine_id_len, SN_USM_K_AUTH(us), SN_USM_K_PRIV(us),
		    err);
	return rc;
}

int
sn_usm_local_add_user(struct sn_usm_local *u,
    const struct sn_usm_user_spec *spec, struct sn_error *err)
{
	struct sn_usm_user us, *p;
	int rc;

	memset(&us, 0, sizeof(us));
	if ((rc = user_protocols(u, spec, &us, err)) != 0)
		return rc;
	if ((us.keys = sn_secret_alloc(SN_USM_USER_KEYS)) == NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	if ((rc = user_keys(u, spec, &us, err)) != 0) {
		sn_secret_free(us.keys, SN_USM_USER_KEYS);
		return rc;
	}
	if ((p = sn_usm_local_find(u, us.name, us.name_len)) != NULL) {
		sn_secret_free(p->keys, SN_USM_USER_KEYS);
		*p = us;
		return 0;
	}
	if ((p = realloc(u->users, (u->nusers + 1) * sizeof(*p))) == NULL) {
		sn_secret_free(us.keys, SN_USM_USER_KEYS);
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	}
	u->users = p;
	u->users[u->nusers++] = us;
	return 0;
}

int
sn_usm_local_set_engine(struct sn_usm_local *u, const uint8_t *id,
    size_t len, uint32_t boots, int64_t now_s, struct sn_error *err)
{
	struct sn_usm_user *us;
	size_t i;
	int rc;

	/* RFC 3411 §5: SnmpEngineID is 5..32 octets */
	if (len < 5 || len > SN_USM_ENGINEID_MAX)
		return sn_error_set(err, SN_EINVAL, u->opt_words ? "an engine "
		    "ID has 5 to 32 octets" : "agent: an engine ID has 5 to "
		    "32 octets");
	memcpy(u->engine_id, id, len);
	u->engine_id_len = len;
	u->boots = boots;
	u->started = now_s;
	for (i = 0; i < u->nusers; i++) {
		us = &u->users[i];
		if ((rc = sn_usm_user_localize(u->crypto, us, id, len,
		    SN_USM_K_AUTH(us), SN_USM_K_PRIV(us), err)) != 0)
			return rc;
	}
	return 0;
}

bool
sn_usm_local_is_ours(const struct sn_usm_local *u, const uint8_t *id,
    size_t len)
{
	return len == u->engine_id_len && memcmp(id, u->engine_id, len) == 0;
}

struct sn_usm_user *
sn_usm_local_find(struct sn_usm_local *u, const uint8_t *name, size_t len)
{
	size_t i;

	for (i = 0; i < u->nusers; i++) {
		if (u->users[i].name_len == len &&
		    memcmp(u->users[i].name, name, len) == 0)
			return &u->users[i];
	}
	return NULL;
}

void
sn_usm_local_header(const struct sn_usm_local *u, struct sn_v3_msg *m,
    const struct sn_v3_msg *in, int64_t now_s)
{
	m->msg_id = in->msg_id;
	m->max_size = SN_MSG_MAX;
	m->security_model = SN_SECMODEL_USM;
	memcpy(m->engine_id, u->engine_id, u->engine_id_len);
	m->engine_id_len = u->engine_id_len;
	m->boots = u->boots;
	m->time = sn_usm_local_time(u, now_s);
	memcpy(m->user, in->user, in->user_len);
	m->user_len = in->user_len;
	/* RFC 3412 §7.1 step 3: a report's contextEngineID is ours */
	memcpy(m->context_engine_id, u->engine_id, u->engine_id_len);
	m->context_engine_id_len = u->engine_id_len;
	m->context_name_len = 0;
}

int
sn_usm_local_encode(struct sn_usm_local *u, struct sn_v3_msg *m,
    const struct sn_usm_user *us, uint8_t *obuf, size_t ocap,
    uint8_t **out, size_t *outlen)
{
	struct sn_v3_keys keys;

	memset(&keys, 0, sizeof(keys));
	if (us != NULL && (m->flags & SN_V3_FLAG_AUTH) != 0) {
		keys.auth = us->auth;
		keys.auth_key = SN_USM_K_AUTH(us);
	}
	if (us != NULL && (m->flags & SN_V3_FLAG_PRIV) != 0) {
		keys.priv = us->priv;
		keys.priv_key = SN_USM_K_PRIV(us);
		/* RFC 3414 §8.1.1.1: DES salt = boots || counter */
		keys.salt = u->salt;
		if (us->priv == SN_PRIV_DES || us->priv == SN_PRIV_3DES)
			keys.salt = (uint64_t)u->boots << 32 |
			    (uint32_t)u->salt;
		u->salt++;
	}
	/* DES padding needs up to 7 octets past the message */
	return sn_v3_encode(u->crypto, m, &keys, obuf, ocap - 16, out, outlen,
	    NULL);
}
