/*
 * SNMPv1 and SNMPv2 coexistence for notifications, RFC 3584 §3.1: the
 * SNMPv2 form of an SNMPv1 Trap-PDU, so that a receiver shows every
 * notification with a snmpTrapOID.0 whatever version it came in.
 */
#include "config.h"

#include <string.h>

#include "engine/notify.h"

const struct sn_oid sn_oid_sysuptime0 = {
	9, { 1, 3, 6, 1, 2, 1, 1, 3, 0 }
};
const struct sn_oid sn_oid_snmptrapoid0 = {
	11, { 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0 }
};
const struct sn_oid sn_oid_snmptraps = {
	9, { 1, 3, 6, 1, 6, 3, 1, 1, 5 }
};
const struct sn_oid sn_oid_snmptrapaddress0 = {
	10, { 1, 3, 6, 1, 6, 3, 18, 1, 3, 0 }
};
const struct sn_oid sn_oid_snmptrapcommunity0 = {
	10, { 1, 3, 6, 1, 6, 3, 18, 1, 4, 0 }
};
const struct sn_oid sn_oid_snmptrapenterprise0 = {
	11, { 1, 3, 6, 1, 6, 3, 1, 1, 4, 3, 0 }
};

/* enterpriseSpecific, the last generic-trap value (RFC 1157 §4.1.6) */
#define GENERIC_ENTERPRISE 6

static bool
has_name(const struct sn_vbl *l, const struct sn_oid *name)
{
	size_t i;

	for (i = 0; i < l->len; i++) {
		if (sn_oid_cmp(&l->vb[i].name, name) == 0)
			return true;
	}
	return false;
}

int
sn_trap_v1_to_v2(const struct sn_pdu *v1, const uint8_t *community,
    size_t community_len, struct sn_vbl *out, struct sn_oid *trap_oid,
    struct sn_error *err)
{
	struct sn_value v;
	size_t i;
	int rc;

	if (v1->type != SN_PDU_TRAP_V1)
		return sn_error_set(err, SN_EINVAL, "not an SNMPv1 Trap-PDU");
	if (v1->generic_trap < 0 || v1->generic_trap > GENERIC_ENTERPRISE)
		return sn_error_set(err, SN_EINVAL, "generic-trap %d is not "
		    "0..6", (int)v1->generic_trap);
	if (v1->generic_trap == GENERIC_ENTERPRISE) {
		/* RFC 3584 §3.1 (2): enterprise, then 0, then specific */
		if (v1->enterprise.len + 2 > SN_OID_MAX_LEN)
			return sn_error_set(err, SN_ETOOLONG,
			    "enterprise too long for snmpTrapOID");
		*trap_oid = v1->enterprise;
		trap_oid->sub[trap_oid->len++] = 0;
		trap_oid->sub[trap_oid->len++] = (uint32_t)v1->specific_trap;
	} else {
		/* RFC 3584 §3.1 (2): the generic trap of RFC 3418 */
		*trap_oid = sn_oid_snmptraps;
		trap_oid->sub[trap_oid->len++] =
		    (uint32_t)v1->generic_trap + 1;
	}
	sn_vbl_reset(out);
	/* RFC 3584 §3.1 (1): sysUpTime.0 from the time-stamp */
	v = sn_value_uint(SN_T_TIMETICKS, v1->time_stamp);
	if ((rc = sn_vbl_add(out, &sn_oid_sysuptime0, &v)) != 0)
		goto fail;
	v = sn_value_oid(trap_oid);
	if ((rc = sn_vbl_add(out, &sn_oid_snmptrapoid0, &v)) != 0)
		goto fail;
	/* RFC 3584 §3.1 (3): the Trap-PDU's own varbinds */
	for (i = 0; i < v1->vbl.len; i++) {
		if ((rc = sn_vbl_add(out, &v1->vbl.vb[i].name,
		    &v1->vbl.vb[i].value)) != 0)
			goto fail;
	}
	/* RFC 3584 §3.1 (4): snmpTrapAddress.0 from agent-addr */
	if (!has_name(&v1->vbl, &sn_oid_snmptrapaddress0)) {
		v = sn_value_str(SN_T_IPADDR, v1->agent_addr, 4);
		if ((rc = sn_vbl_add(out, &sn_oid_snmptrapaddress0, &v)) != 0)
			goto fail;
	}
	/* RFC 3584 §3.1 (4): snmpTrapCommunity.0, when it is known */
	if (community != NULL &&
	    !has_name(&v1->vbl, &sn_oid_snmptrapcommunity0)) {
		v = sn_value_str(SN_T_OCTETS, community, community_len);
		if ((rc = sn_vbl_add(out, &sn_oid_snmptrapcommunity0,
		    &v)) != 0)
			goto fail;
	}
	/* RFC 3584 §3.1 (4): snmpTrapEnterprise.0 from enterprise */
	if (!has_name(&v1->vbl, &sn_oid_snmptrapenterprise0)) {
		v = sn_value_oid(&v1->enterprise);
		if ((rc = sn_vbl_add(out, &sn_oid_snmptrapenterprise0,
		    &v)) != 0)
			goto fail;
	}
	return 0;
fail:
	sn_vbl_reset(out);
	return sn_error_set(err, rc, "converting an SNMPv1 trap");
}
