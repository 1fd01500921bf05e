/*
 * SNMPv3 messages: the message format of RFC 3412 §6 with the
 * UsmSecurityParameters of RFC 3414 §2.4 in msgSecurityParameters, the
 * ScopedPDU of RFC 3412 §6.8, and the message-level steps of USM that
 * touch the octets: placing the HMAC of RFC 3414 §6.3.1/§7.3.1 (RFC 7860)
 * into the finished message and checking it (§6.3.2/§7.3.2), encrypting
 * and decrypting the ScopedPDU (RFC 3414 §8, RFC 3826 §3.1.3-4,
 * draft-reeder-snmpv3-usm-3desede).  The checks of RFC 3412 §7.2 that
 * need no local state (version, msgFlags, security model) happen while
 * decoding; users, engine IDs and time windows are the dispatcher's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sn/pdu.h>

#include "ber.h"
#include "crypto.h"
#include "mp_v3.h"
#include "usm.h"

void
sn_v3_msg_init(struct sn_v3_msg *msg)
{
	memset(msg, 0, sizeof(*msg));
	msg->max_size = SN_MSG_MAX;
	msg->security_model = SN_SECMODEL_USM;
	sn_pdu_init(&msg->pdu, SN_PDU_GET);
}

void
sn_v3_msg_clear(struct sn_v3_msg *msg)
{
	if (msg == NULL)
		return;
	sn_pdu_clear(&msg->pdu);
	sn_secret_free(msg->plain, msg->plain_cap);
	msg->plain = NULL;
	msg->plain_cap = 0;
}

uint8_t
sn_v3_flags(enum sn_pdu_type type, bool auth, bool priv)
{
	uint8_t f = 0;

	if (auth || priv)
		f |= SN_V3_FLAG_AUTH;
	if (priv)
		f |= SN_V3_FLAG_PRIV;
	/* RFC 3412 §6.4: the Confirmed Class (RFC 3411 §2.8) is reportable */
	switch (type) {
	case SN_PDU_GET:
	case SN_PDU_GETNEXT:
	case SN_PDU_GETBULK:
	case SN_PDU_SET:
	case SN_PDU_INFORM:
		f |= SN_V3_FLAG_REPORTABLE;
		break;
	default:
		break;
	}
	return f;
}

/* PDU types a ScopedPDU may carry: all of RFC 3416, not the v1 Trap. */
static bool
pdu_allowed(unsigned type)
{
	return type >= SN_PDU_GET && type <= SN_PDU_REPORT &&
	    type != SN_PDU_TRAP_V1;
}

static int
put_scoped(struct sn_ber_enc *e, const struct sn_v3_msg *msg,
    struct sn_error *err)
{
	uint8_t *mark = e->p;
	int rc;

	if ((rc = sn_ber_put_pdu(e, &msg->pdu, err)) != 0)
		return rc;
	/* RFC 3412 §6.8 */
	if ((rc = sn_ber_put_octets(e, SN_BER_OCTETS, msg->context_name,
	    msg->context_name_len)) != 0 ||
	    (rc = sn_ber_put_octets(e, SN_BER_OCTETS, msg->context_engine_id,
	    msg->context_engine_id_len)) != 0 ||
	    (rc = sn_ber_put_wrap(e, SN_BER_SEQUENCE, mark)) != 0)
		return sn_error_set(err, rc, "encoding ScopedPDU: %s",
		    sn_strerror(rc));
	return 0;
}

/* Check that the keys match the level asked for. */
static int
check_keys(const struct sn_v3_msg *msg, const struct sn_v3_keys *keys,
    const struct sn_usm_auth_info **ai, const struct sn_usm_priv_info **pi,
    struct sn_error *err)
{
	*ai = NULL;
	*pi = NULL;
	if ((msg->flags & SN_V3_FLAG_PRIV) &&
	    !(msg->flags & SN_V3_FLAG_AUTH)) {
		/* RFC 3412 §6.4: privFlag without authFlag is invalid */
		return sn_error_set(err, SN_EINVAL,
		    "encoding SNMPv3 message: privacy without "
		    "authentication");
	}
	if (msg->flags & SN_V3_FLAG_AUTH) {
		if (keys == NULL || keys->auth_key == NULL ||
		    (*ai = sn_usm_auth_info(keys->auth)) == NULL) {
			return sn_error_set(err, SN_EINVAL,
			    "encoding SNMPv3 message: authentication "
			    "without a protocol and key");
		}
	}
	if (msg->flags & SN_V3_FLAG_PRIV) {
		if (keys->priv_key == NULL ||
		    (*pi = sn_usm_priv_info(keys->priv)) == NULL) {
			return sn_error_set(err, SN_EINVAL,
			    "encoding SNMPv3 message: privacy without a "
			    "protocol and key");
		}
	}
	if (msg->engine_id_len > SN_USM_ENGINEID_MAX ||
	    msg->user_len > SN_USM_USER_MAX ||
	    msg->context_engine_id_len > SN_USM_ENGINEID_MAX ||
	    msg->context_name_len > SN_V3_CONTEXT_MAX ||
	    msg->boots > SN_USM_BOOTS_MAX || msg->time > SN_USM_BOOTS_MAX ||
	    msg->msg_id < 0 || msg->max_size < SN_V3_MAXSIZE_MIN) {
		return sn_error_set(err, SN_EINVAL,
		    "encoding SNMPv3 message: field out of range");
	}
	if (!pdu_allowed(msg->pdu.type)) {
		return sn_error_set(err, SN_EINVAL,
		    "encoding SNMPv3 message: the SNMPv1 Trap-PDU cannot "
		    "be sent in SNMPv3");
	}
	return 0;
}

int
sn_v3_encode(const struct sn_crypto *c, const struct sn_v3_msg *msg,
    const struct sn_v3_keys *keys, uint8_t *buf, size_t cap, uint8_t **out,
    size_t *outlen, struct sn_error *err)
{
	const struct sn_usm_auth_info *ai;
	const struct sn_usm_priv_info *pi;
	uint8_t salt[SN_USM_SALT_LEN], zeros[SN_USM_MAC_MAX];
	uint8_t *end, *mark, *authp, *spdu;
	size_t reserve, slen, elen, n;
	struct sn_ber_enc e;
	struct sn_iov iov;
	int rc;

	if ((rc = check_keys(msg, keys, &ai, &pi, err)) != 0)
		return rc;
	memset(salt, 0, sizeof(salt));
	if (buf == NULL)
		return sn_error_set(err, SN_EINVAL, "no output buffer");
	/* room after the ScopedPDU for DES padding (RFC 3414 §8.1.1.2) */
	reserve = pi != NULL ? sn_usm_encrypted_len(keys->priv, 1) - 1 : 0;
	if (cap < reserve)
		return sn_error_set(err, SN_EENCODE, "buffer too small");
	sn_ber_enc_init(&e, buf, cap - reserve);
	end = e.p;
	if ((rc = put_scoped(&e, msg, err)) != 0)
		return rc;
	if (pi != NULL) {
		/* RFC 3414 §3.1 step 4: encryptedPDU replaces the ScopedPDU,
		 * encrypted in place; the padding goes into the reserve */
		spdu = e.p;
		slen = (size_t)(end - spdu);
		elen = sn_usm_encrypted_len(keys->priv, slen);
		rc = sn_usm_encrypt(c, keys->priv, keys->priv_key, msg->boots,
		    msg->time, keys->salt, spdu, slen, spdu, salt, err);
		if (rc != 0)
			return rc;
		end = spdu + elen;
		if ((rc = sn_ber_put_header(&e, SN_BER_OCTETS, elen)) != 0)
			goto full;
	}
	/* msgSecurityParameters: UsmSecurityParameters (RFC 3414 §2.4) */
	mark = e.p;
	if ((rc = sn_ber_put_octets(&e, SN_BER_OCTETS, salt,
	    pi != NULL ? SN_USM_SALT_LEN : 0)) != 0)
		goto full;
	/* RFC 3414 §3.1 step 8: zeros in place of the MAC for now */
	memset(zeros, 0, sizeof(zeros));
	n = ai != NULL ? ai->mac_len : 0;
	authp = e.p;
	if ((rc = sn_ber_put_octets(&e, SN_BER_OCTETS, zeros, n)) != 0)
		goto full;
	authp -= n;
	if ((rc = sn_ber_put_octets(&e, SN_BER_OCTETS, msg->user,
	    msg->user_len)) != 0 ||
	    (rc = sn_ber_put_int32(&e, SN_BER_INTEGER,
	    (int32_t)msg->time)) != 0 ||
	    (rc = sn_ber_put_int32(&e, SN_BER_INTEGER,
	    (int32_t)msg->boots)) != 0 ||
	    (rc = sn_ber_put_octets(&e, SN_BER_OCTETS, msg->engine_id,
	    msg->engine_id_len)) != 0 ||
	    (rc = sn_ber_put_wrap(&e, SN_BER_SEQUENCE, mark)) != 0 ||
	    (rc = sn_ber_put_wrap(&e, SN_BER_OCTETS, mark)) != 0)
		goto full;
	/* msgGlobalData (RFC 3412 §6) */
	mark = e.p;
	if ((rc = sn_ber_put_int32(&e, SN_BER_INTEGER,
	    SN_SECMODEL_USM)) != 0 ||
	    (rc = sn_ber_put_octets(&e, SN_BER_OCTETS, &msg->flags, 1)) != 0 ||
	    (rc = sn_ber_put_int32(&e, SN_BER_INTEGER, msg->max_size)) != 0 ||
	    (rc = sn_ber_put_int32(&e, SN_BER_INTEGER, msg->msg_id)) != 0 ||
	    (rc = sn_ber_put_wrap(&e, SN_BER_SEQUENCE, mark)) != 0 ||
	    (rc = sn_ber_put_int32(&e, SN_BER_INTEGER, SN_V3)) != 0 ||
	    (rc = sn_ber_put_wrap(&e, SN_BER_SEQUENCE, end)) != 0)
		goto full;
	n = (size_t)(end - e.p);
	if (n > SN_MSG_MAX) {
		return sn_error_set(err, SN_ETOOBIG,
		    "encoding SNMPv3 message: %zu bytes exceed %d", n,
		    SN_MSG_MAX);
	}
	if (ai != NULL) {
		/* RFC 3414 §3.1 step 9, §6.3.1: HMAC over the whole message
		 * with zeros where it goes, then put in place */
		iov.p = e.p;
		iov.len = n;
		rc = sn_usm_auth_sign(c, keys->auth, keys->auth_key, &iov, 1,
		    authp, err);
		if (rc != 0)
			return rc;
	}
	*out = e.p;
	*outlen = n;
	return 0;
full:
	return sn_error_set(err, rc, "encoding SNMPv3 message: %s",
	    rc == SN_EENCODE ? "buffer too small" : sn_strerror(rc));
}

/* An OCTET STRING of at most max octets, copied into dst. */
static int
get_octets_into(struct sn_ber *d, uint8_t *dst, size_t *dlen, size_t max,
    const char *what, struct sn_error *err)
{
	const uint8_t *p;
	size_t off = sn_ber_offset(d), n;
	int rc;

	if ((rc = sn_ber_get_octets(d, SN_BER_OCTETS, &p, &n, what,
	    err)) != 0)
		return rc;
	if (n > max) {
		return sn_error_set(err, SN_ETOOLONG,
		    "at offset %zu: %s of %zu octets (at most %zu)", off,
		    what, n, max);
	}
	if (n > 0)
		memcpy(dst, p, n);
	*dlen = n;
	return 0;
}

/* An INTEGER (0..2147483647) as RFC 3412 §6 and RFC 3414 §2.4 use. */
static int
get_uint31(struct sn_ber *d, int32_t min, int32_t *v, const char *what,
    struct sn_error *err)
{
	size_t off = sn_ber_offset(d);
	int rc;

	if ((rc = sn_ber_get_int32(d, SN_BER_INTEGER, v, what, err)) != 0)
		return rc;
	if (*v < min) {
		return sn_error_set(err, SN_ERANGE,
		    "at offset %zu: %s %ld out of range (%ld..2147483647)",
		    off, what, (long)*v, (long)min);
	}
	return 0;
}

/*
 * Decode a ScopedPDU from d (RFC 3412 §6.8).  A plaintext one must fill
 * d; a decrypted one may be followed by padding.
 */
static int
get_scoped(struct sn_ber *d, struct sn_v3_msg *msg, bool padded,
    struct sn_error *err)
{
	struct sn_ber s;
	size_t off;
	int rc;

	if ((rc = sn_ber_enter(d, SN_BER_SEQUENCE, NULL, &s, "ScopedPDU",
	    err)) != 0)
		return rc;
	if (!padded && (rc = sn_ber_finish(d, "ScopedPDU", err)) != 0)
		return rc;
	if ((rc = get_octets_into(&s, msg->context_engine_id,
	    &msg->context_engine_id_len, SN_USM_ENGINEID_MAX,
	    "contextEngineID", err)) != 0 ||
	    (rc = get_octets_into(&s, msg->context_name,
	    &msg->context_name_len, SN_V3_CONTEXT_MAX, "contextName",
	    err)) != 0)
		return rc;
	off = sn_ber_offset(&s);
	if ((rc = sn_ber_get_pdu(&s, &msg->pdu, err)) != 0)
		return rc;
	if (!pdu_allowed(msg->pdu.type)) {
		sn_vbl_reset(&msg->pdu.vbl);
		return sn_error_set(err, SN_ETAG,
		    "at offset %zu: the SNMPv1 Trap-PDU is not valid in "
		    "SNMPv3", off);
	}
	if ((rc = sn_ber_finish(&s, "PDU", err)) != 0) {
		sn_vbl_reset(&msg->pdu.vbl);
		return rc;
	}
	return 0;
}

/* UsmSecurityParameters (RFC 3414 §2.4) from the OCTET STRING content. */
static int
get_usm_params(struct sn_ber *sp, struct sn_v3_msg *msg,
    struct sn_error *err)
{
	struct sn_ber u;
	const uint8_t *p;
	size_t off, n;
	int32_t v;
	int rc;

	if ((rc = sn_ber_enter(sp, SN_BER_SEQUENCE, NULL, &u,
	    "UsmSecurityParameters", err)) != 0 ||
	    (rc = sn_ber_finish(sp, "msgSecurityParameters", err)) != 0)
		return rc;
	off = sn_ber_offset(&u);
	if ((rc = get_octets_into(&u, msg->engine_id, &msg->engine_id_len,
	    SN_USM_ENGINEID_MAX, "msgAuthoritativeEngineID", err)) != 0)
		return rc;
	/* RFC 3411 §5: SnmpEngineID is 5..32 octets; empty in discovery */
	if (msg->engine_id_len > 0 && msg->engine_id_len < 5) {
		return sn_error_set(err, SN_ELENGTH,
		    "at offset %zu: msgAuthoritativeEngineID of %zu octets "
		    "(5 to 32)", off, msg->engine_id_len);
	}
	if ((rc = get_uint31(&u, 0, &v, "msgAuthoritativeEngineBoots",
	    err)) != 0)
		return rc;
	msg->boots = (uint32_t)v;
	if ((rc = get_uint31(&u, 0, &v, "msgAuthoritativeEngineTime",
	    err)) != 0)
		return rc;
	msg->time = (uint32_t)v;
	if ((rc = get_octets_into(&u, msg->user, &msg->user_len,
	    SN_USM_USER_MAX, "msgUserName", err)) != 0)
		return rc;
	off = sn_ber_offset(&u);
	if ((rc = sn_ber_get_octets(&u, SN_BER_OCTETS, &p, &n,
	    "msgAuthenticationParameters", err)) != 0)
		return rc;
	if (n > SN_USM_MAC_MAX) {
		return sn_error_set(err, SN_ETOOLONG,
		    "at offset %zu: msgAuthenticationParameters of %zu "
		    "octets", off, n);
	}
	msg->auth_params = p;
	msg->auth_params_len = n;
	msg->auth_params_off = (size_t)(p - u.base);
	if ((rc = sn_ber_get_octets(&u, SN_BER_OCTETS, &p, &n,
	    "msgPrivacyParameters", err)) != 0)
		return rc;
	msg->priv_params = p;
	msg->priv_params_len = n;
	return sn_ber_finish(&u, "UsmSecurityParameters", err);
}

static int
decode(const uint8_t *buf, size_t len, struct sn_v3_msg *msg,
    struct sn_error *err)
{
	struct sn_ber d, m, g, sp;
	const uint8_t *p;
	size_t off, n;
	int32_t v;
	int rc;

	if (len > SN_MSG_MAX) {
		return sn_error_set(err, SN_ETOOBIG,
		    "message of %zu bytes exceeds %d", len, SN_MSG_MAX);
	}
	sn_ber_init(&d, buf, len);
	if ((rc = sn_ber_enter(&d, SN_BER_SEQUENCE, NULL, &m,
	    "SNMPv3Message", err)) != 0 ||
	    (rc = sn_ber_finish(&d, "SNMPv3Message", err)) != 0)
		return rc;
	off = sn_ber_offset(&m);
	if ((rc = sn_ber_get_int32(&m, SN_BER_INTEGER, &v, "msgVersion",
	    err)) != 0)
		return rc;
	if (v != SN_V3) {
		return sn_error_set(err, SN_EVERSION,
		    "at offset %zu: message version %ld is not SNMPv3", off,
		    (long)v);
	}
	/* msgGlobalData (RFC 3412 §6) */
	if ((rc = sn_ber_enter(&m, SN_BER_SEQUENCE, NULL, &g,
	    "msgGlobalData", err)) != 0 ||
	    (rc = get_uint31(&g, 0, &msg->msg_id, "msgID", err)) != 0 ||
	    (rc = get_uint31(&g, SN_V3_MAXSIZE_MIN, &msg->max_size,
	    "msgMaxSize", err)) != 0)
		return rc;
	off = sn_ber_offset(&g);
	if ((rc = sn_ber_get_octets(&g, SN_BER_OCTETS, &p, &n, "msgFlags",
	    err)) != 0)
		return rc;
	if (n != 1) {
		return sn_error_set(err, SN_ELENGTH,
		    "at offset %zu: msgFlags of %zu octets (1)", off, n);
	}
	msg->flags = p[0];
	if ((rc = get_uint31(&g, 0, &msg->security_model,
	    "msgSecurityModel", err)) != 0 ||
	    (rc = sn_ber_finish(&g, "msgGlobalData", err)) != 0)
		return rc;
	/* RFC 3412 §7.2 step 4 */
	if (msg->security_model != SN_SECMODEL_USM) {
		msg->drop = SN_V3_DROP_SECMODEL;
		return sn_error_set(err, SN_EDECODE,
		    "unknown security model %ld", (long)msg->security_model);
	}
	/* RFC 3412 §7.2 step 5: privFlag without authFlag */
	if ((msg->flags & SN_V3_FLAG_PRIV) &&
	    !(msg->flags & SN_V3_FLAG_AUTH)) {
		msg->drop = SN_V3_DROP_INVALID;
		return sn_error_set(err, SN_EDECODE,
		    "invalid msgFlags 0x%02x: privacy without "
		    "authentication", msg->flags);
	}
	/* msgSecurityParameters: the OCTET STRING's content, decoded with
	 * offsets still counted from the start of the message */
	if ((rc = sn_ber_get_octets(&m, SN_BER_OCTETS, &p, &n,
	    "msgSecurityParameters", err)) != 0)
		return rc;
	sp.base = buf;
	sp.p = p;
	sp.end = p + n;
	sp.depth = m.depth + 1;
	if ((rc = get_usm_params(&sp, msg, err)) != 0)
		return rc;
	/* msgData */
	if (msg->flags & SN_V3_FLAG_PRIV) {
		if ((rc = sn_ber_get_octets(&m, SN_BER_OCTETS, &p, &n,
		    "encryptedPDU", err)) != 0 ||
		    (rc = sn_ber_finish(&m, "SNMPv3Message", err)) != 0)
			return rc;
		msg->encrypted = p;
		msg->encrypted_len = n;
		return 0;
	}
	return get_scoped(&m, msg, false, err);
}

int
sn_v3_decode(const uint8_t *buf, size_t len, struct sn_v3_msg *msg,
    struct sn_error *err)
{
	int rc;

	sn_vbl_reset(&msg->pdu.vbl);
	msg->drop = SN_V3_DROP_NONE;
	msg->security_model = 0;
	msg->auth_params = msg->priv_params = msg->encrypted = NULL;
	msg->auth_params_len = msg->priv_params_len = 0;
	msg->encrypted_len = msg->auth_params_off = 0;
	msg->engine_id_len = msg->user_len = 0;
	msg->context_engine_id_len = msg->context_name_len = 0;
	if ((rc = decode(buf, len, msg, err)) != 0) {
		if (msg->drop == SN_V3_DROP_NONE)
			msg->drop = SN_V3_DROP_PARSE;
		sn_vbl_reset(&msg->pdu.vbl);
	}
	return rc;
}

int
sn_v3_authenticate(const struct sn_crypto *c, const uint8_t *buf,
    size_t len, const struct sn_v3_msg *msg, enum sn_auth_proto auth,
    const uint8_t *key, struct sn_error *err)
{
	uint8_t zeros[SN_USM_MAC_MAX];
	struct sn_iov iov[3];
	size_t off = msg->auth_params_off, n = msg->auth_params_len;

	if (!(msg->flags & SN_V3_FLAG_AUTH)) {
		return sn_error_set(err, SN_EINVAL,
		    "message is not authenticated");
	}
	if (msg->auth_params == NULL || n > sizeof(zeros) || off > len ||
	    n > len - off || buf + off != msg->auth_params) {
		return sn_error_set(err, SN_EINVAL,
		    "message and its decoded form differ");
	}
	/* RFC 3414 §6.3.2 steps 2-3: the MAC over the message with the
	 * parameters zero-filled, fed in three pieces rather than copied */
	memset(zeros, 0, sizeof(zeros));
	iov[0].p = buf;
	iov[0].len = off;
	iov[1].p = zeros;
	iov[1].len = n;
	iov[2].p = buf + off + n;
	iov[2].len = len - off - n;
	return sn_usm_auth_verify(c, auth, key, iov, 3, msg->auth_params, n,
	    err);
}

int
sn_v3_decrypt(const struct sn_crypto *c, struct sn_v3_msg *msg,
    enum sn_priv_proto priv, const uint8_t *key, struct sn_error *err)
{
	struct sn_error derr;
	struct sn_ber d;
	uint8_t *plain;
	size_t n = msg->encrypted_len;
	int rc;

	if (!(msg->flags & SN_V3_FLAG_PRIV) || msg->encrypted == NULL)
		return sn_error_set(err, SN_EINVAL, "message is not encrypted");
	sn_vbl_reset(&msg->pdu.vbl);
	if (msg->plain_cap < n || msg->plain == NULL) {
		/* grown to the largest message seen: no allocation per
		 * message (the old one holds nothing: wiped after use) */
		if ((plain = sn_secret_alloc(n > 0 ? n : 1)) == NULL)
			return sn_error_set(err, SN_ENOMEM, "out of memory");
		sn_secret_free(msg->plain, msg->plain_cap);
		msg->plain = plain;
		msg->plain_cap = n > 0 ? n : 1;
	}
	plain = msg->plain;
	/* RFC 3414 §3.2 step 8 */
	rc = sn_usm_decrypt(c, priv, key, msg->boots, msg->time,
	    msg->priv_params, msg->priv_params_len, msg->encrypted, n, plain,
	    err);
	if (rc == 0) {
		sn_ber_init(&d, plain, n);
		sn_error_clear(&derr);
		if ((rc = get_scoped(&d, msg, true, &derr)) != 0) {
			/* the usual cause: a wrong privacy key */
			rc = sn_error_set(err, SN_EDECRYPT,
			    "decrypted data is no ScopedPDU (%s)", derr.msg);
		}
	}
	/* the decoded PDU holds copies: only the octets used need wiping */
	sn_crypto_wipe(plain, n);
	return rc;
}
