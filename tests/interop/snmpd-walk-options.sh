#!/bin/sh
# Interop: the walk and bulkwalk options that snmpsh takes from Net-SNMP
# (SPEC section 4: -C letters c i I p E, bulkwalk -Cr), against Net-SNMP's
# snmpd, compared line for line with snmpwalk/snmpbulkwalk, SNMPv1 and
# SNMPv2c; also walks of an empty subtree and of a leaf (Net-SNMP then gets
# the OID itself).

. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-snmpd-walk-options
peers_need_prog snmpd snmpwalk snmpbulkwalk
peers_need_snmpsh
snmpd_start

SYS=.1.3.6.1.2.1.1
for v in 1 2c; do
	session "$v" public "$SNMPD_AGENT"
	same_as "v$v walk -Cp" snmpwalk "-Cp" "$SYS.9.1.2" "walk -Cp $SYS.9.1.2"
	same_as "v$v walk -Ci of a leaf" snmpwalk "-Ci" "$SYS.7.0" \
	    "walk -Ci $SYS.7.0"
	same_as "v$v walk -Ci of a column" snmpwalk "-Ci" "$SYS.9.1.2" \
	    "walk -Ci $SYS.9.1.2"
	same_as "v$v walk -CI of a leaf" snmpwalk "-CI" "$SYS.7.0" \
	    "walk -CI $SYS.7.0"
	same_as "v$v walk -CE" snmpwalk "-CE $SYS.5" "$SYS" "walk -CE $SYS.5 $SYS"
	same_as "v$v walk -Cc" snmpwalk "-Cc" "$SYS.9" "walk -Cc $SYS.9"
	same_as "v$v walk of an empty subtree" snmpwalk "" "$SYS.99" \
	    "walk $SYS.99"
	same_as "v$v walk of a missing leaf" snmpwalk "" "$SYS.7.1" \
	    "walk $SYS.7.1"
done
session 2c public "$SNMPD_AGENT"
same_as "v2c bulkwalk -Cp" snmpbulkwalk "-Cp" "$SYS.9.1.3" \
    "bulkwalk -Cp $SYS.9.1.3"
same_as "v2c bulkwalk -Cr3 -Cp" snmpbulkwalk "-Cr3 -Cp" "$SYS" \
    "bulkwalk -Cr3 -Cp $SYS"
same_as "v2c bulkwalk of a leaf" snmpbulkwalk "" "$SYS.7.0" \
    "bulkwalk $SYS.7.0"
same_as "v2c bulkwalk of an empty subtree" snmpbulkwalk "" "$SYS.99" \
    "bulkwalk $SYS.99"
