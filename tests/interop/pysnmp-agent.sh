#!/bin/sh
# Interop: snmpsh as the manager of a PySNMP agent (tests/interop/
# pysnmp_agent.py: another implementation's message processing, GetBulk
# and RFC 3584 v1 conversion), SNMPv1 and SNMPv2c; every request compared
# with the Net-SNMP tool doing the same on the same agent (-On -m '').
# PySNMP answers the repetitions of a GetBulk past the end with one
# endOfMibView each, which snmpbulkwalk prints one line each: the bulkwalk
# comparisons fold repeated identical lines (uniq) on both sides, as the
# SPEC asks for one such line.

. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-pysnmp-agent
peers_need_prog snmpget snmpgetnext snmpwalk snmpbulkwalk snmpbulkget \
    snmpset
peers_need_pysnmp
peers_need_snmpsh
pysnmp_agent_start
A=$PYAGENT_AGENT
SYS=.1.3.6.1.2.1.1
E=.1.3.6.1.4.1.99996

for v in 1 2c; do
	session "$v" public "$A"
	same_as "v$v walk system" snmpwalk "" "$SYS" "walk $SYS"
	same_as "v$v walk of every type" snmpwalk "" "$E.2" "walk $E.2"
	same_as "v$v walk of a table" snmpwalk "" "$E.3" "walk $E.3"
	same_as "v$v get" snmpget "" "$SYS.1.0 $E.2.1.0 $E.2.6.0 $E.2.9.0" \
	    "get $SYS.1.0 $E.2.1.0 $E.2.6.0 $E.2.9.0"
	same_as "v$v get of a missing object" snmpget "" "$SYS.99.0" \
	    "get $SYS.99.0"
	same_as "v$v get of Counter64" snmpget "" "$E.2.5.0" "get $E.2.5.0"
	same_as "v$v getnext" snmpgetnext "" "$SYS.7.0 $E.2.4.0 $E.3.1.2.20" \
	    "getnext $SYS.7.0 $E.2.4.0 $E.3.1.2.20"
	same_as "v$v get of an Opaque float" snmpget "" "$E.4.1.0" \
	    "get $E.4.1.0"
done

session 2c public "$A"
same_as "v2c walk .1" snmpwalk "" ".1" "walk .1"
same_as "v2c getbulk" snmpbulkget "-Cn1 -Cr4" "$SYS.1.0 $E.2.12.0 $E.3.1.4.18" \
    "getbulk -Cn1 -Cr4 $SYS.1.0 $E.2.12.0 $E.3.1.4.18"
same_as "v2c get of exceptions" snmpget "" "$SYS.99.0 $SYS.1.1 $E.2.5.0" \
    "get $SYS.99.0 $SYS.1.1 $E.2.5.0"
SAME_FILTER=uniq
for r in 1 5 50; do
	same_as "v2c bulkwalk -Cr$r (uniq)" snmpbulkwalk "-Cr$r" "$E" \
	    "bulkwalk -Cr$r $E"
done
SAME_FILTER=

for v in 1 2c; do
	session "$v" private "$A"
	same_as "v$v set" snmpset "" "$SYS.5.0 s 'name $v' $E.3.1.3.4 i 2" \
	    "set $SYS.5.0 s \"name $v\" $E.3.1.3.4 i 2"
	sh_run "$PEERS_TMP/s" -v "$v" -c private "$A" \
	    --exec "set $SYS.6.0 s \"set by snmpsh $v\""
	ns_run "$PEERS_TMP/g" snmpget -On -m '' -v "$v" -c public "$A" $SYS.6.0
	tap_is "$SH_RC $(cat "$PEERS_TMP/g.out")" \
	    "0 $SYS.6.0 = STRING: \"set by snmpsh $v\"" "v$v set sticks"
	same_as "v$v set of a read-only object" snmpset "" "$SYS.1.0 s x" \
	    "set $SYS.1.0 s x"
	same_as "v$v set with the wrong type" snmpset "" \
	    "$SYS.5.0 s ok $SYS.4.0 i 1" "set $SYS.5.0 s ok $SYS.4.0 i 1"
	same_as "v$v set of a wrong value" snmpset "" "$E.3.1.3.4 i 9" \
	    "set $E.3.1.3.4 i 9"
	same_as "v$v set of a too long string" snmpset "" \
	    "$SYS.4.0 s $(printf '%0300d' 0)" \
	    "set $SYS.4.0 s $(printf '%0300d' 0)"
done

# set with Net-SNMP's type letters, on scratch objects of each type; the
# value read back must be the one snmpset would have set.
S=$E.5
session 2c private "$A"
for tv in "1 i -17" "2 u 4000000000" "3 t 123456" "4 a 192.0.2.77" \
    "5 o .1.3.6.1.4.1.99996.42" "6 s 'a b \"c\"'" \
    "9 x 'DE AD be ef'" "10 d '1.2.255'"; do
	eval "set -- $tv"
	n=$1 letter=$2 val=$3
	same_as "v2c set type letter $letter" snmpset "" "$S.$n.0 $letter '$val'" \
	    "set $S.$n.0 $letter '$val'"
	ns_run "$PEERS_TMP/rb" snmpget -On -m '' -v 2c -c public "$A" "$S.$n.0"
	tap_cmp "$PEERS_TMP/rb.out" "$SAME_WANT" \
	    "v2c set type letter $letter: the value read back"
done
# Letters c (Counter32) and C (Counter64): the SPEC has them, Net-SNMP
# 5.9's snmpset does not ("Bad object type"): the value read back is known.
for tv in "7 c 4294967295 Counter32" "8 C 18000000000000000000 Counter64"; do
	set -- $tv
	sh_run "$PEERS_TMP/sc" -v 2c -c private "$A" --exec "set $S.$1.0 $2 $3"
	ns_run "$PEERS_TMP/rb" snmpget -On -m '' -v 2c -c public "$A" "$S.$1.0"
	tap_is "$SH_RC $(cat "$PEERS_TMP/sc.out") / $(cat "$PEERS_TMP/rb.out")" \
	    "0 $S.$1.0 = $4: $3 / $S.$1.0 = $4: $3" "v2c set type letter $2"
done
