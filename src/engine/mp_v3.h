/*
 * Internal: the SNMPv3 message format of RFC 3412 §6 with the User-based
 * Security Model's msgSecurityParameters (RFC 3414 §2.4): encoding with
 * authentication and privacy, and decoding in steps so that the caller
 * (the dispatcher, which owns the users table and engine state) can pick
 * the keys between them:
 *
 *	sn_v3_decode()        header, security parameters and, when the
 *	                      message is not encrypted, the ScopedPDU;
 *	sn_v3_authenticate()  checks msgAuthenticationParameters;
 *	sn_v3_decrypt()       decrypts and decodes the ScopedPDU.
 *
 *	SNMPv3Message ::= SEQUENCE { msgVersion INTEGER (3),
 *	    msgGlobalData SEQUENCE { msgID, msgMaxSize, msgFlags OCTET
 *	    STRING (SIZE(1)), msgSecurityModel },
 *	    msgSecurityParameters OCTET STRING,
 *	    msgData CHOICE { plaintext ScopedPDU, encryptedPDU OCTET STRING } }
 *	ScopedPDU ::= SEQUENCE { contextEngineID, contextName, data PDU }
 */
#ifndef SN_ENGINE_MP_V3_H
#define SN_ENGINE_MP_V3_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sn/error.h>
#include <sn/pdu.h>

#include "crypto.h"
#include "usm.h"

/* msgFlags bits (RFC 3412 §6.4). */
#define SN_V3_FLAG_AUTH 0x01
#define SN_V3_FLAG_PRIV 0x02
#define SN_V3_FLAG_REPORTABLE 0x04
/* msgSecurityModel of USM (RFC 3411 §5, SnmpSecurityModel). */
#define SN_SECMODEL_USM 3
/* RFC 3412 §6.2: msgMaxSize INTEGER (484..2147483647). */
#define SN_V3_MAXSIZE_MIN 484
/* Longest contextName (SnmpAdminString (SIZE(0..32)), RFC 3411 §5). */
#define SN_V3_CONTEXT_MAX 32

/*
 * The counter of RFC 3412 §7.2 (SNMP-MPD-MIB snmpMPDStats, SNMPv2-MIB
 * snmpInASNParseErrs) that a message dropped by sn_v3_decode() counts in;
 * a report is due for the last two when the message was reportable.
 */
enum sn_v3_drop {
	SN_V3_DROP_NONE,
	SN_V3_DROP_PARSE,	/* snmpInASNParseErrs (also SN_EVERSION) */
	SN_V3_DROP_INVALID,	/* snmpInvalidMsgs: bad msgFlags */
	SN_V3_DROP_SECMODEL	/* snmpUnknownSecurityModels */
};

/*
 * A message.  Embed, sn_v3_msg_init(), sn_v3_msg_clear().  The fields
 * marked "decode" point into the input given to sn_v3_decode() (borrowed:
 * valid while it is) and are ignored by the encoder.
 */
struct sn_v3_msg {
	int32_t msg_id;
	int32_t max_size;
	uint8_t flags;			/* SN_V3_FLAG_* */
	int32_t security_model;		/* as read; the encoder writes USM */
	/* UsmSecurityParameters (RFC 3414 §2.4) */
	uint8_t engine_id[SN_USM_ENGINEID_MAX];	/* authoritative */
	size_t engine_id_len;
	uint32_t boots;
	uint32_t time;
	uint8_t user[SN_USM_USER_MAX];
	size_t user_len;
	const uint8_t *auth_params;	/* decode */
	size_t auth_params_len;		/* decode */
	size_t auth_params_off;		/* decode: offset in the message */
	const uint8_t *priv_params;	/* decode */
	size_t priv_params_len;		/* decode */
	const uint8_t *encrypted;	/* decode: encryptedPDU, priv only */
	size_t encrypted_len;		/* decode */
	enum sn_v3_drop drop;		/* decode: why it was dropped */
	/* sn_v3_decrypt's plaintext buffer, kept for the next message:
	 * wiped after every use, freed (wiped) by sn_v3_msg_clear() */
	uint8_t *plain;
	size_t plain_cap;
	/* ScopedPDU (RFC 3412 §6.8) */
	uint8_t context_engine_id[SN_USM_ENGINEID_MAX];
	size_t context_engine_id_len;
	uint8_t context_name[SN_V3_CONTEXT_MAX];
	size_t context_name_len;
	struct sn_pdu pdu;
};

/* Keys and salt for encoding at the level msg->flags asks for. */
struct sn_v3_keys {
	enum sn_auth_proto auth;
	const uint8_t *auth_key;	/* localized, auth's key_len octets */
	enum sn_priv_proto priv;
	const uint8_t *priv_key;	/* localized, priv's key_len octets */
	/* msgPrivacyParameters as a big-endian integer (sn_usm_encrypt):
	 * for DES/3DES local snmpEngineBoots << 32 | counter, for AES any
	 * 64-bit counter; advance it for every message */
	uint64_t salt;
};

void sn_v3_msg_init(struct sn_v3_msg *msg);
void sn_v3_msg_clear(struct sn_v3_msg *msg);

/*
 * msgFlags for a PDU type at a level: auth and priv as given (priv implies
 * auth) and reportable for the confirmed classes (RFC 3412 §6.4: Get,
 * GetNext, GetBulk, Set, Inform).
 */
uint8_t sn_v3_flags(enum sn_pdu_type type, bool auth, bool priv);

/*
 * Encode msg into buf[0..cap) (written backwards, as sn_msg_encode): on
 * success *out points at the first byte inside buf and *outlen is the
 * length.  With SN_V3_FLAG_AUTH the HMAC is computed over the finished
 * message and written into msgAuthenticationParameters in place (RFC 3414
 * §3.1 step 9); with SN_V3_FLAG_PRIV the ScopedPDU is encrypted in place
 * (RFC 3414 §3.1 step 4) with the IV parts from msg->boots/time.  keys
 * may be NULL for noAuthNoPriv.  DES and 3DES need up to 7 octets of
 * room in buf beyond the message for their padding.  Errors: SN_EINVAL (priv without auth,
 * missing keys or protocol, over-long fields), SN_EENCODE (buffer),
 * SN_ETOOBIG (past SN_MSG_MAX), SN_EPROTO (cipher unavailable).
 */
int sn_v3_encode(const struct sn_crypto *c, const struct sn_v3_msg *msg,
    const struct sn_v3_keys *keys, uint8_t *buf, size_t cap, uint8_t **out,
    size_t *outlen, struct sn_error *err);

/*
 * Decode the message (the whole of buf) into msg (initialised; its PDU's
 * varbind list is reset).  When the privFlag is clear the ScopedPDU is
 * decoded too; otherwise msg->encrypted holds the encryptedPDU for
 * sn_v3_decrypt().  Nothing is authenticated yet.  Errors: the decode
 * group (msg->drop = SN_V3_DROP_PARSE), SN_EVERSION when msgVersion is not
 * 3, SN_EDECODE with msg->drop = SN_V3_DROP_INVALID for msgFlags with priv
 * but not auth (RFC 3412 §7.2 step 5) or SN_V3_DROP_SECMODEL for a
 * msgSecurityModel other than USM (RFC 3412 §7.2 step 4; msg's
 * msg_id, flags and security_model are then set).
 */
int sn_v3_decode(const uint8_t *buf, size_t len, struct sn_v3_msg *msg,
    struct sn_error *err);

/*
 * Check msgAuthenticationParameters of a decoded msg whose input is still
 * buf[0..len) (RFC 3414 §3.2 step 6): the HMAC over the message with
 * the parameters taken as zero.  SN_EWRONGDIGEST on mismatch or a wrong
 * parameter length, SN_EINVAL when msg has no authFlag.
 */
int sn_v3_authenticate(const struct sn_crypto *c, const uint8_t *buf,
    size_t len, const struct sn_v3_msg *msg, enum sn_auth_proto auth,
    const uint8_t *key, struct sn_error *err);

/*
 * Decrypt msg->encrypted with the privacy key and decode the ScopedPDU
 * into msg (RFC 3414 §3.2 step 8; RFC 3412 §7.2 step 7).  Octets after
 * the ScopedPDU (cipher padding) are ignored.  SN_EDECRYPT when the
 * privacy parameters or length are wrong or the plaintext is no ScopedPDU
 * (a wrong privacy passphrase); SN_EINVAL when msg has no privFlag.
 */
int sn_v3_decrypt(const struct sn_crypto *c, struct sn_v3_msg *msg,
    enum sn_priv_proto priv, const uint8_t *key, struct sn_error *err);

#endif
