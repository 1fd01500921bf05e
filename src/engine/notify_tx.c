/*
 * The notification originator of RFC 3413 §3.3 on a command generator
 * session: SNMPv2-Trap and InformRequest PDUs (RFC 3416 §4.2.6-§4.2.7)
 * with sysUpTime.0 and snmpTrapOID.0 first, the SNMPv1 Trap-PDU (RFC 1157
 * §4.1.6) on v1 sessions.  A trap is sent once and unconfirmed; in SNMPv3
 * its sender is the authoritative engine (RFC 3414 §1.5.1).  An inform is
 * a confirmed request: it completes once with the acknowledging Response,
 * a timeout after the session's retries, or an error, and in SNMPv3 the
 * receiver is authoritative and is discovered first (RFC 3414 §4).
 */
#include "config.h"

#include <time.h>

#include <sn/notify.h>

#include "engine/cmdgen.h"
#include "engine/notify.h"

uint32_t
sn_notify_uptime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint32_t)((uint64_t)ts.tv_sec * 100 +
	    (uint64_t)ts.tv_nsec / 10000000);
}

int
sn_notify_pdu_init(struct sn_pdu *pdu, enum sn_pdu_type type,
    uint32_t uptime, const struct sn_oid *trap_oid)
{
	struct sn_value v;
	int rc;

	sn_vbl_reset(&pdu->vbl);
	pdu->type = type;
	pdu->request_id = 0;
	pdu->error_status = 0;
	pdu->error_index = 0;
	/* RFC 3416 §4.2.6: sysUpTime.0, then snmpTrapOID.0 */
	v = sn_value_uint(SN_T_TIMETICKS, uptime);
	if ((rc = sn_vbl_add(&pdu->vbl, &sn_oid_sysuptime0, &v)) != 0)
		return rc;
	v = sn_value_oid(trap_oid);
	return sn_vbl_add(&pdu->vbl, &sn_oid_snmptrapoid0, &v);
}

int
sn_notify_trap(struct sn_session *s, const struct sn_pdu *pdu,
    const struct sn_notify_engine *local, struct sn_error *err)
{
	enum sn_version v = sn_session_version(s);

	if (v == SN_V1 && pdu->type != SN_PDU_TRAP_V1)
		return sn_error_set(err, SN_EINVAL, "an SNMPv1 session sends "
		    "SNMPv1 Trap-PDUs (enterprise agent-addr generic "
		    "specific uptime)");
	if (v != SN_V1 && pdu->type != SN_PDU_TRAP)
		return sn_error_set(err, SN_EINVAL, "an SNMPv2c or SNMPv3 "
		    "session sends SNMPv2-Trap-PDUs");
	if (v == SN_V3 && local == NULL)
		return sn_session_send_unconfirmed(s, pdu, NULL, 0, 0, 0, err);
	return sn_session_send_unconfirmed(s, pdu,
	    local != NULL ? local->engine_id : NULL,
	    local != NULL ? local->engine_id_len : 0,
	    local != NULL ? local->boots : 0, local != NULL ? local->time : 0,
	    err);
}

int
sn_notify_inform(struct sn_session *s, const struct sn_pdu *pdu,
    sn_request_cb cb, void *ud, struct sn_request **out,
    struct sn_error *err)
{
	if (pdu->type != SN_PDU_INFORM)
		return sn_error_set(err, SN_EINVAL, "not an InformRequest");
	if (sn_session_version(s) == SN_V1)
		return sn_error_set(err, SN_EINVAL,
		    "INFORM is not available in SNMPv1 (use -v 2c or -v 3)");
	return sn_session_send(s, pdu, cb, ud, out, err);
}
