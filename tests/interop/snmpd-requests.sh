#!/bin/sh
# Interop: snmpsh's get, getnext, getbulk and set against Net-SNMP's snmpd
# (SNMPv1 and SNMPv2c), each compared with the Net-SNMP tool doing the same
# request on the same agent: values by wire type (-On -m ''), exceptions
# (RFC 3416 section 4.2.1: noSuchObject, noSuchInstance, endOfMibView),
# error-status texts and exit statuses (RFC 1157 noSuchName/badValue,
# RFC 3416 notWritable/wrongType/noAccess), and the timeout message against
# a port where nobody answers.

. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-snmpd-requests
peers_need_prog snmpd snmpget snmpgetnext snmpbulkget snmpset
peers_need_snmpsh
snmpd_start

SYS=.1.3.6.1.2.1.1
T97=.1.3.6.1.4.1.99997
T98=.1.3.6.1.4.1.99998.1
# The last object in the view (one of vacmViewTreeFamilyTable's), as
# snmpbulkwalk finds it.
LAST=$(snmpbulkwalk -On -m '' -v 2c -c public "$SNMPD_AGENT" .1.3.6.1.6.3.16 |
    grep -v ' = No more variables' | tail -n 1 | cut -d' ' -f1)
tap_ok "the last object of the view ($LAST)" test -n "$LAST"
# Every type but Counter64 (not in SNMPv1, RFC 3584 section 4.2.2.1).
TYPES="$SYS.1.0 $SYS.2.0 $SYS.4.0 $SYS.6.0 $SYS.7.0 $SYS.9.1.2.1 $SYS.9.1.4.1
$T98.1.0 $T98.3.0 $T98.5.0 $T98.6.0 $T98.7.0 $T98.8.0 $T98.10.0 $T98.11.0
$T97.2.0 $T97.3.0 $T97.4.0 $T97.5.0 $T97.7.1 $T97.7.2 $T97.8.0 $T97.9.0
.1.3.6.1.2.1.2.2.1.6.1 .1.3.6.1.2.1.4.20.1.1.127.0.0.1 .1.3.6.1.6.3.10.2.1.1.0"
TYPES=$(echo $TYPES)

for v in 1 2c; do
	session "$v" public "$SNMPD_AGENT"
	same_as "v$v get of every type" snmpget "" "$TYPES" "get $TYPES"
	ns_run "$PEERS_TMP/one" snmpget -On -m '' -v "$v" -c public \
	    "$SNMPD_AGENT" "$SYS.5.0"
	cat "$PEERS_TMP/one.out" "$PEERS_TMP/one.out" >"$PEERS_TMP/two.want"
	sh_run "$PEERS_TMP/two" -v "$v" -c public "$SNMPD_AGENT" \
	    --exec "get $SYS.5.0; get $SYS.5.0"
	tap_cmp "$PEERS_TMP/two.out" "$PEERS_TMP/two.want" \
	    "v$v: two gets in one --exec, both printed"
	same_as "v$v getnext" snmpgetnext "" "$SYS $SYS.9.1.3 $T97 $T98.9.0" \
	    "getnext $SYS $SYS.9.1.3 $T97 $T98.9.0"
	same_as "v$v get of a missing object" snmpget "" "$SYS.99.0" \
	    "get $SYS.99.0"
	same_as "v$v get of a missing instance" snmpget "" "$SYS.1.1" \
	    "get $SYS.1.1"
	same_as "v$v getnext past the end of the view" snmpgetnext "" \
	    "$LAST" "getnext $LAST"
	same_as "v$v get of Counter64" snmpget "" "$T97.1.0" "get $T97.1.0"
	same_as "v$v getnext onto Counter64" snmpgetnext "" "$T97" \
	    "getnext $T97"
done

session 2c public "$SNMPD_AGENT"
same_as "v2c get with exceptions among values" snmpget "" \
    "$SYS.1.0 $SYS.99.0 $SYS.1.1 $T97.1.0" \
    "get $SYS.1.0 $SYS.99.0 $SYS.1.1 $T97.1.0"
same_as "v2c getbulk -Cn1 -Cr3" snmpbulkget "-Cn1 -Cr3" \
    "$SYS.1 $T97 $SYS.9.1.3" "getbulk -Cn1 -Cr3 $SYS.1 $T97 $SYS.9.1.3"
same_as "v2c getbulk -Cn0 -Cr5" snmpbulkget "-Cn0 -Cr5" "$T97 $SYS" \
    "getbulk -Cn0 -Cr5 $T97 $SYS"
same_as "v2c getbulk -Cn2 -Cr0" snmpbulkget "-Cn2 -Cr0" "$SYS $T97" \
    "getbulk -Cn2 -Cr0 $SYS $T97"
same_as "v2c getbulk default (-Cn0 -Cr10)" snmpbulkget "" "$T97" \
    "getbulk $T97"
same_as "v2c getbulk into the end of the view" snmpbulkget "-Cn0 -Cr4" \
    "$LAST" "getbulk -Cn0 -Cr4 $LAST"

# Sets: a writable override string (v1 and v2c), sysName; the value sticks.
for v in 1 2c; do
	session "$v" private "$SNMPD_AGENT"
	same_as "v$v set of a string" snmpset "" \
	    "$T98.9.0 s 'set by v$v'" "set $T98.9.0 s \"set by v$v\""
	sh_run "$PEERS_TMP/set" -v "$v" -c private "$SNMPD_AGENT" \
	    --exec "set $T98.9.0 s \"by snmpsh v$v\""
	ns_run "$PEERS_TMP/after" snmpget -On -m '' -v "$v" -c public \
	    "$SNMPD_AGENT" "$T98.9.0"
	tap_is "$SH_RC $(cat "$PEERS_TMP/after.out")" \
	    "0 $T98.9.0 = STRING: \"by snmpsh v$v\"" "v$v: the set sticks"
	same_as "v$v set of sysName" snmpset "" "$SYS.5.0 s v$v-name" \
	    "set $SYS.5.0 s v$v-name"
	same_as "v$v get after set" snmpget "" "$SYS.5.0" "get $SYS.5.0"
	tap_is "$(cat "$SAME_OUT")" "$SYS.5.0 = STRING: \"v$v-name\"" \
	    "v$v: sysName set"
	same_as "v$v set of a read-only object" snmpset "" \
	    "$SYS.4.0 s nobody" "set $SYS.4.0 s nobody"
	same_as "v$v set with the wrong type" snmpset "" "$SYS.5.0 i 5" \
	    "set $SYS.5.0 i 5"
	same_as "v$v set of a missing object" snmpset "" "$SYS.99.0 s x" \
	    "set $SYS.99.0 s x"
	same_as "v$v set, second varbind wrong" snmpset "" \
	    "$SYS.5.0 s ok $SYS.4.0 s nobody" \
	    "set $SYS.5.0 s ok $SYS.4.0 s nobody"
	session "$v" public "$SNMPD_AGENT"
	same_as "v$v set with a read-only community" snmpset "" \
	    "$SYS.5.0 s x" "set $SYS.5.0 s x"
done

# Timeout: a port where nobody listens; -t 0.3 -r 1 is two tries of 0.3 s.
peers_port
session 2c public "udp:127.0.0.1:$PORT" "-t 0.3 -r 1"
t0=$(peers_now_ms)
same_as "timeout" snmpget "" "$SYS.1.0" "get $SYS.1.0"
t1=$(peers_now_ms)
tap_is "$(cat "$PEERS_TMP/got.$SAME_N.err")" \
    "Timeout: No Response from udp:127.0.0.1:$PORT." "timeout message"
# Both programs ran; each took at least 0.6 s, together well under 4 s.
tap_ok "timeout bounded ($((t1 - t0)) ms for both)" \
    test $((t1 - t0)) -ge 1000 -a $((t1 - t0)) -lt 4000
t0=$(peers_now_ms)
sh_run "$PEERS_TMP/to1" -v 1 -c public -t 0.3 -r 0 "udp:127.0.0.1:$PORT" \
    --exec "get $SYS.1.0"
t1=$(peers_now_ms)
tap_is "$SH_RC $(cat "$PEERS_TMP/to1.err")" \
    "1 Timeout: No Response from udp:127.0.0.1:$PORT." "v1 timeout, -r 0"
tap_ok "v1 -t 0.3 -r 0 timeout in 0.3 s ($((t1 - t0)) ms)" \
    test $((t1 - t0)) -ge 280 -a $((t1 - t0)) -lt 2000
