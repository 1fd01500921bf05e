/*
 * The notification receiver and originator of RFC 3413 §3.3-§3.4:
 * listeners that accept SNMPv1 Trap-PDUs, SNMPv2-Trap-PDUs and
 * InformRequest-PDUs (answered with a Response, RFC 3416 §4.2.7) in
 * SNMPv1, SNMPv2c and SNMPv3 (USM, RFC 3414), and the sending of traps and
 * informs on a command generator session.  SNMPv1 traps are also handed
 * over in their SNMPv2 form (RFC 3584 §3.1).
 *
 * SNMPv3: for a trap the sender is the authoritative engine (RFC 3414
 * §1.5.1, its engine ID in msgAuthoritativeEngineID), so a listener
 * localises its users' keys to each new engine ID on first sight and keeps
 * them in a bounded cache; for an inform the listener is authoritative
 * (its own engine ID, boots and time; discovery and notInTimeWindow are
 * answered with reports).
 */
#ifndef SN_NOTIFY_H
#define SN_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sn/error.h>
#include <sn/loop.h>
#include <sn/oid.h>
#include <sn/pdu.h>
#include <sn/session.h>
#include <sn/value.h>

struct sn_listener;

/* Default port of notification receivers (RFC 3417 §3: snmp-trap). */
#define SN_TRAP_PORT 162

/*
 * One received notification, valid only during the callback and only
 * until the callback runs the loop (which may receive again).  vbl is the
 * SNMPv2 form: sysUpTime.0, snmpTrapOID.0, then the other varbinds; for an
 * SNMPv1 trap it is built as RFC 3584 §3.1 says (snmpTrapAddress.0,
 * snmpTrapCommunity.0 and snmpTrapEnterprise.0 appended), and pdu is the
 * Trap-PDU as received.
 */
struct sn_notification {
	enum sn_version version;
	enum sn_pdu_type type;	/* SN_PDU_TRAP_V1, _TRAP, _INFORM */
	const char *source;		/* "udp:127.0.0.1:40123" */
	const char *local;		/* the listener's address */
	/* v1/v2c */
	const uint8_t *community;
	size_t community_len;
	/* v3: securityName, level (1 noAuthNoPriv, 2 authNoPriv,
	 * 3 authPriv), authoritative engine ID, context */
	const uint8_t *user;
	size_t user_len;
	int sec_level;
	const uint8_t *engine_id;
	size_t engine_id_len;
	const uint8_t *context_engine_id;
	size_t context_engine_id_len;
	const uint8_t *context;
	size_t context_len;
	uint32_t uptime;		/* sysUpTime.0 (v1: time-stamp) */
	struct sn_oid trap_oid;	/* snmpTrapOID.0; len 0 if absent */
	const struct sn_pdu *pdu;
	const struct sn_vbl *vbl;
};

typedef void (*sn_notification_cb)(struct sn_listener *l,
    const struct sn_notification *n, void *ud);

/* A USM user of a listener; strings borrowed during the call only. */
struct sn_notify_user {
	const char *name;		/* 1..32 octets */
	const char *auth_proto;		/* NULL: noAuthNoPriv */
	const char *auth_pass;		/* at least 8 characters */
	const char *priv_proto;		/* NULL: no privacy */
	const char *priv_pass;
};

/* What a listener received and dropped (RFC 3414 §5 names the USM ones). */
struct sn_listener_stats {
	unsigned long packets;		/* datagrams received */
	unsigned long accepted;		/* notifications delivered */
	unsigned long traps_v1;
	unsigned long traps_v2;
	unsigned long informs;
	unsigned long responses;	/* informs acknowledged */
	unsigned long reports;		/* discovery, USM reports sent */
	unsigned long parse_errs;	/* snmpInASNParseErrs */
	unsigned long bad_versions;
	unsigned long bad_community;	/* community not accepted */
	unsigned long bad_pdu_type;	/* not a notification */
	unsigned long unknown_users;	/* usmStatsUnknownUserNames */
	unsigned long unknown_engine_ids;
	unsigned long unsupported_sec_levels;
	unsigned long wrong_digests;
	unsigned long decryption_errors;
	unsigned long not_in_time_windows;
	unsigned long send_errors;	/* a response could not be sent */
};

/*
 * A listener on loop calling cb for each accepted notification.  It has
 * no transport until sn_listener_listen.  Without communities every
 * community is accepted; without users no SNMPv3 message is.  The engine
 * ID (for informs) is generated in the RFC 3411 §5 format 5 under IANA's
 * documentation enterprise 32473, random per listener, until
 * sn_listener_set_engine_id.  SN_ENOMEM.
 */
SN_API int sn_listener_new(struct sn_loop *loop, sn_notification_cb cb,
    void *ud, struct sn_listener **out, struct sn_error *err);
/*
 * Receive on spec ("udp:0.0.0.0:162", "udp6:[::1]:1162", "unix:/path";
 * default port 162, port 0 picks a free one).  May be called several
 * times.  SN_EADDR, SN_ESOCKET (with errno's text: "Permission denied"
 * for a privileged port).
 */
SN_API int sn_listener_listen(struct sn_listener *l, const char *spec,
    struct sn_error *err);
/* Address of transport i ("udp:127.0.0.1:40123"); NULL past the end. */
SN_API const char *sn_listener_address(const struct sn_listener *l,
    size_t i);
/* Accept this community (copied; SN_ETOOLONG, SN_ENOMEM). */
SN_API int sn_listener_add_community(struct sn_listener *l,
    const char *community);
/*
 * Add (or replace) a USM user.  SN_EINVAL with err naming the bad field
 * (protocol, passphrase shorter than 8), SN_EPROTO for a cipher OpenSSL
 * lacks.  The passphrases are kept in wiped buffers: keys are derived
 * from them for each engine ID seen.
 */
SN_API int sn_listener_add_user(struct sn_listener *l,
    const struct sn_notify_user *user, struct sn_error *err);
/* Set the engine ID (5..32 octets) and boots the listener uses for
 * informs; its snmpEngineTime restarts at 0.  SN_EINVAL. */
SN_API int sn_listener_set_engine_id(struct sn_listener *l,
    const uint8_t *id, size_t len, uint32_t boots, struct sn_error *err);
/* Copy the engine ID into buf (cap octets); returns its length. */
SN_API size_t sn_listener_engine_id(const struct sn_listener *l,
    uint8_t *buf, size_t cap);
SN_API void sn_listener_stats(const struct sn_listener *l,
    struct sn_listener_stats *out);
/*
 * Process one message as if it had arrived from source (text, for the
 * notification) without a transport: the callback runs for an accepted
 * notification; *reply and *replylen (valid until the next call) receive the
 * Response or Report to send back, or NULL/0.  Returns 0 when the message
 * was accepted, else the reason it was dropped (a decode error, SN_EAUTH
 * for a community, SN_EVERSION, SN_EINVAL for another PDU type, the USM
 * codes).  For tests and fuzzing; transports use the same path.
 */
SN_API int sn_listener_input(struct sn_listener *l, const uint8_t *buf,
    size_t len, const char *source, const uint8_t **reply,
    size_t *replylen);
/*
 * Close the transports and free.  Safe from inside the callback (memory
 * is then reclaimed when it returns).  NULL is a no-op.
 */
SN_API void sn_listener_close(struct sn_listener *l);

/*
 * RFC 3584 §3.1: the SNMPv2 form of an SNMPv1 Trap-PDU.  out (initialised)
 * is reset and receives sysUpTime.0 (time-stamp), snmpTrapOID.0, the
 * trap's varbinds, then snmpTrapAddress.0, snmpTrapCommunity.0 (when
 * community is not NULL) and snmpTrapEnterprise.0 unless already present;
 * *trap_oid gets snmpTrapOID's value: snmpTraps.(generic+1) for a generic
 * trap 0..5, enterprise.0.specific for enterpriseSpecific (6).
 * SN_EINVAL for another generic-trap value or PDU type, SN_ETOOLONG when
 * the enterprise is too long for the two extra arcs, SN_ENOMEM/SN_ELIMIT.
 */
SN_API int sn_trap_v1_to_v2(const struct sn_pdu *v1, const uint8_t *community,
    size_t community_len, struct sn_vbl *out, struct sn_oid *trap_oid,
    struct sn_error *err);

/*
 * Build an SNMPv2-Trap or InformRequest PDU: pdu (initialised) gets type,
 * sysUpTime.0 = uptime (TimeTicks) and snmpTrapOID.0 = trap_oid as its
 * first two varbinds (RFC 3416 §4.2.6); append the others after.
 */
SN_API int sn_notify_pdu_init(struct sn_pdu *pdu, enum sn_pdu_type type,
    uint32_t uptime, const struct sn_oid *trap_oid);
/*
 * The sysUpTime of a notification sent now (snmptrap's '' uptime): the
 * monotonic clock in hundredths of a second, which on Linux is the
 * system's uptime, as Net-SNMP's get_uptime() reads it; it wraps as
 * TimeTicks do (RFC 2578 §7.1.8).
 */
SN_API uint32_t sn_notify_uptime(void);

/*
 * The local engine a v3 trap is sent from (RFC 3414 §1.5.1: a trap's
 * authoritative engine is its sender).  The session's -e, when given, is
 * used instead of engine_id.
 */
struct sn_notify_engine {
	const uint8_t *engine_id;	/* 5..32 octets */
	size_t engine_id_len;
	uint32_t boots;
	uint32_t time;			/* snmpEngineTime now, seconds */
};

/*
 * Send a trap on s, once, unconfirmed (RFC 3416 §4.2.6): an SNMPv1
 * Trap-PDU on a v1 session, an SNMPv2-Trap-PDU on v2c and v3.  v3 encodes
 * with the session's user, level, keys localised to local's engine ID
 * (local may be NULL on v1/v2c).  SN_EINVAL for a PDU type the version
 * cannot carry or a v3 session without local, SN_ESEND, SN_EENCODE.
 */
SN_API int sn_notify_trap(struct sn_session *s, const struct sn_pdu *pdu,
    const struct sn_notify_engine *local, struct sn_error *err);
/*
 * Send an inform on s (v2c or v3) and complete once like a request, with
 * the session's timeout and retries; v3 discovers the receiver's engine
 * (RFC 3414 §4), as the receiver is authoritative for informs.
 */
SN_API int sn_notify_inform(struct sn_session *s, const struct sn_pdu *pdu,
    sn_request_cb cb, void *ud, struct sn_request **out,
    struct sn_error *err);

#endif
