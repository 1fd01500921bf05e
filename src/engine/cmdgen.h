/*
 * Internal: what walk.c needs from a command generator session (RFC 3413
 * §3.1): a list of dependent operations that session close cancels.
 */
#ifndef SN_ENGINE_CMDGEN_H
#define SN_ENGINE_CMDGEN_H

#include <sn/session.h>

/*
 * An operation living on a session (a walk).  cancel must complete the
 * operation (its final callback) and unlink it.
 */
struct sn_session_child {
	struct sn_session_child *prev;
	struct sn_session_child *next;
	void (*cancel)(struct sn_session_child *c);
};

void sn_session_child_add(struct sn_session *s, struct sn_session_child *c);
void sn_session_child_remove(struct sn_session *s,
    struct sn_session_child *c);
/* The dispatcher of a session (its counters, for tests). */
struct sn_dispatch *sn_session_dispatch(const struct sn_session *s);
/* Set err to Net-SNMP's timeout text for s; returns SN_ETIMEDOUT. */
int sn_session_timeout_error(const struct sn_session *s,
    struct sn_error *err);

/*
 * Notification originator (notify_tx.c): encode pdu (a Trap-PDU or an
 * SNMPv2-Trap-PDU) with s's version and community, or for SNMPv3 its
 * user and level with the local engine authoritative (RFC 3414 §1.5.1):
 * engine ID (s's -e when given, else engine_id), boots and time, keys
 * localised to it; then send it once.  SN_EINVAL, SN_EENCODE, SN_ESEND.
 */
int sn_session_send_unconfirmed(struct sn_session *s,
    const struct sn_pdu *pdu, const uint8_t *engine_id,
    size_t engine_id_len, uint32_t boots, uint32_t time,
    struct sn_error *err);

#endif
