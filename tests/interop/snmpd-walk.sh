#!/bin/sh
# Interop: snmpsh's walk and bulkwalk against Net-SNMP's snmpd (SNMPv1 and
# SNMPv2c), compared line for line with snmpwalk/snmpbulkwalk -On -m '' on
# the same agent.  snmpd serves tests/interop/snmpd.conf.in's "stable" view
# (about 6,000 objects of every SMI type), so the two walks see the same
# tree; the v1 walk also checks that Counter64 objects are skipped as the
# agent does (RFC 3584 section 4.2.2.1) and the end of the MIB (noSuchName
# in v1, endOfMibView in v2c, RFC 3416 section 4.2.2).

. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-snmpd-walk
peers_need_prog snmpd snmpwalk snmpbulkwalk
peers_need_snmpsh
snmpd_start

for v in 1 2c; do
	session "$v" public "$SNMPD_AGENT"
	same_as "v$v walk .1 (whole tree)" snmpwalk "" ".1" "walk .1"
	n=$(wc -l <"$SAME_WANT")
	tap_ok "v$v: snmpd's tree is large ($n lines)" test "$n" -gt 5000
	same_as "v$v walk (default subtree mib-2)" snmpwalk "" "" "walk"
	same_as "v$v walk system" snmpwalk "" ".1.3.6.1.2.1.1" \
	    "walk .1.3.6.1.2.1.1"
	same_as "v$v walk of a leaf" snmpwalk "" ".1.3.6.1.2.1.1.1.0" \
	    "walk .1.3.6.1.2.1.1.1.0"
	same_as "v$v walk types subtree" snmpwalk "" ".1.3.6.1.4.1.99997" \
	    "walk .1.3.6.1.4.1.99997"
done

session 2c public "$SNMPD_AGENT"
same_as "v2c bulkwalk .1" snmpbulkwalk "" ".1" "bulkwalk .1"
same_as "v2c bulkwalk -Cr5 ifTable" snmpbulkwalk "-Cr5" \
    ".1.3.6.1.2.1.2.2" "bulkwalk -Cr5 .1.3.6.1.2.1.2.2"
same_as "v2c bulkwalk -Cr1 types" snmpbulkwalk "-Cr1" \
    ".1.3.6.1.4.1.99997" "bulkwalk -Cr1 .1.3.6.1.4.1.99997"
same_as "v2c bulkwalk -Cr100 hrSWInstalledTable" snmpbulkwalk "-Cr100" \
    ".1.3.6.1.2.1.25.6.3" "bulkwalk -Cr100 .1.3.6.1.2.1.25.6.3"
same_as "v2c bulkwalk past the end of the view" snmpbulkwalk "" \
    ".1.3.6.1.6.3.16.1.5.2.1.6.6.115.116.97.98.108.101.12" \
    "bulkwalk .1.3.6.1.6.3.16.1.5.2.1.6.6.115.116.97.98.108.101.12"
