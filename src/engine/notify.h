/*
 * Internal: the well-known objects of notifications (SNMPv2-MIB, RFC 3418;
 * SNMP-COMMUNITY-MIB, RFC 3584 §4.1) shared by the receiver (notify_rx.c),
 * the originator (notify_tx.c) and the coexistence rules (coexist.c).
 */
#ifndef SN_ENGINE_NOTIFY_H
#define SN_ENGINE_NOTIFY_H

#include <sn/notify.h>

/* sysUpTime.0 */
extern const struct sn_oid sn_oid_sysuptime0;
/* snmpTrapOID.0 */
extern const struct sn_oid sn_oid_snmptrapoid0;
/* snmpTraps (coldStart is snmpTraps.1) */
extern const struct sn_oid sn_oid_snmptraps;
/* snmpTrapAddress.0, snmpTrapCommunity.0 (RFC 3584 §4.1) */
extern const struct sn_oid sn_oid_snmptrapaddress0;
extern const struct sn_oid sn_oid_snmptrapcommunity0;
/* snmpTrapEnterprise.0 */
extern const struct sn_oid sn_oid_snmptrapenterprise0;

#endif
