#!/bin/sh
# Interop: snmpsh's notification originator (RFC 3413 §3.3) to Net-SNMP's
# snmptrapd, started with a private configuration (-C -c FILE -f -Lo,
# `authCommunity log public`, a v3 user created for snmpsh's engine ID for
# traps and for snmptrapd's own for informs): SNMPv1 traps (generic and
# enterpriseSpecific, '' enterprise and agent-addr), an SNMPv2c trap with
# a varbind of each type letter, SNMPv2c and SNMPv3 (SHA-256/AES-256)
# informs acknowledged, an SNMPv3 trap.  snmptrapd's fields (PDU, version,
# security, enterprise, generic, specific, uptime, each varbind with -On)
# are compared one by one with what was sent, and with what snmpsh's own
# listener (-m '' -On) shows for the same notifications.

. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-notify-snmptrapd
peers_need_prog snmptrapd
peers_need_snmpsh
: "${SNMPTRAPD:=$(command -v snmptrapd)}"

T=$PEERS_TMP
# snmpsh's engine ID (its data folder keeps it): a v3 trap's
# authoritative engine is the sender (RFC 3414 §1.5.1)
"$SNMPSH" -v 3 -u probe -l noAuthNoPriv udp:127.0.0.1:9 \
    --exec 'trap 0 1.3.6.1.6.3.1.1.5.1' >/dev/null 2>&1
E=$(awk '/^engineID/ {print $2}' "$XDG_DATA_HOME/snmpsh/engine" 2>/dev/null)
case $E in
0x*) tap_result 0 "snmpsh's engine ID is kept ($E)" ;;
*) tap_bail "no engine ID in $XDG_DATA_HOME/snmpsh/engine" ;;
esac
cat >"$T/td.conf" <<EOC
authCommunity log public
createUser -e $E bob SHA-256 bobauth-256 AES-256 bobpriv-256
createUser bob SHA-256 bobauth-256 AES-256 bobpriv-256
authUser log bob
format1 V1|%P|%N|%A|%w|%q|%T|%v\n
format2 V2|%P|%v\n
EOC
mkdir -p "$T/persist"
_try=0
while :; do
	_try=$((_try + 1))
	[ "$_try" -le 3 ] || tap_bail "snmptrapd would not start"
	peers_port
	A=udp:127.0.0.1:$PORT
	"$SNMPTRAPD" -C -c "$T/td.conf" -f -Lo -n -On -m '' \
	    --persistentDir="$T/persist" "$A" >"$T/td.out" 2>&1 </dev/null &
	TPID=$!
	peers_track "$TPID"
	peers_wait_file "$T/td.out" "NET-SNMP version" 10 "$TPID" && break
	peers_stop "$TPID"
done
tap_diag "snmptrapd $TPID on $A"
# snmpsh's own listener, for the same notifications
peers_port
L=udp:127.0.0.1:$PORT
"$SNMPSH" -m '' --exec "listen -On $L --count 3 --for 30" \
    >"$T/ls.out" 2>"$T/ls.err" </dev/null &
LPID=$!
peers_track "$LPID"
peers_wait_file "$T/ls.err" "listening on" 10 "$LPID" ||
    tap_bail "the snmpsh listener did not start"

V2VBS="sysContact.0 s hello ifIndex.1 i -1 sysUpTime.0 t 5"
V2VBS="$V2VBS ifPhysAddress.1 x 001122334455 sysObjectID.0 o 1.3.6.1.4.1.8072"
V2VBS="$V2VBS ipAdEntAddr.1.2.3.4 a 1.2.3.4 ifInOctets.1 c 77 ifSpeed.1 u 88"
V2VBS="$V2VBS ifHCInOctets.1 C 99"
for to in "$A" "$L"; do
	"$SNMPSH" -v 2c -c public "$to" --exec "trap 1234 coldStart $V2VBS" ||
	    tap_diag "v2c trap to $to failed"
	"$SNMPSH" -v 1 -c public "$to" --exec "trap 1.3.6.1.4.1.8072.9 \
	    192.0.2.1 6 17 4321 sysName.0 s v1-name; trap '' '' 3 0 77" ||
	    tap_diag "v1 traps to $to failed"
done
tap_ok "SNMPv2c inform acknowledged by snmptrapd" "$SNMPSH" -v 2c -c public \
    -t 10 -r 0 "$A" --exec 'inform 55 warmStart sysName.0 s inf'
tap_ok "SNMPv3 SHA-256/AES-256 trap sent" "$SNMPSH" -v 3 -u bob \
    -l authPriv -a SHA-256 -A bobauth-256 -x AES-256 -X bobpriv-256 "$A" \
    --exec 'trap 5 linkDown ifIndex.2 i 2'
tap_ok "SNMPv3 SHA-256/AES-256 inform acknowledged (discovery)" \
    "$SNMPSH" -v 3 -u bob -l authPriv -a SHA-256 -A bobauth-256 \
    -x AES-256 -X bobpriv-256 -t 10 -r 0 "$A" --exec 'inform 6 linkUp'
"$SNMPSH" -v 2c -c wrong -t 0.3 -r 0 "$A" --exec 'inform 1 coldStart' \
    >/dev/null 2>"$T/wrong.err"
tap_is "$?" 1 "an inform with a community snmptrapd refuses times out"
tap_grep "$T/wrong.err" "Timeout: No Response from $A." \
    "... with Net-SNMP's timeout message"

peers_wait_file "$T/td.out" "INFORM, SNMP v3" 10 "$TPID"
_end=$(($(peers_now_ms) + 35000))
while kill -0 "$LPID" 2>/dev/null && [ "$(peers_now_ms)" -lt "$_end" ]; do
	sleep 0.1
done
wait "$LPID"
tap_is "$?" 0 "snmpsh's listener got the same 3 notifications"
tap_diag "snmptrapd:" "$(grep '^V' "$T/td.out")"

# field by field: snmptrapd's line of each notification
TAB=$(printf '\t')
line()
{
	grep -F "$1" "$T/td.out" | head -n 1
}
V2=$(line 'V2|TRAP2, SNMP v2c, community public|.1.3.6.1.2.1.1.3.0 = Timeticks: (1234)')
tap_is "$(echo "$V2" | cut -d'|' -f2)" "TRAP2, SNMP v2c, community public" \
    "v2c trap: PDU, version, community"
echo "$V2" | cut -d'|' -f3- | tr "$TAB" '\n' >"$T/v2.got"
cat >"$T/v2.want" <<'EOW'
.1.3.6.1.2.1.1.3.0 = Timeticks: (1234) 0:00:12.34
.1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.6.3.1.1.5.1
.1.3.6.1.2.1.1.4.0 = STRING: "hello"
.1.3.6.1.2.1.2.2.1.1.1 = INTEGER: -1
.1.3.6.1.2.1.1.3.0 = Timeticks: (5) 0:00:00.05
.1.3.6.1.2.1.2.2.1.6.1 = Hex-STRING: 00 11 22 33 44 55 
.1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.8072
.1.3.6.1.2.1.4.20.1.1.1.2.3.4 = IpAddress: 1.2.3.4
.1.3.6.1.2.1.2.2.1.10.1 = Counter32: 77
.1.3.6.1.2.1.2.2.1.5.1 = Gauge32: 88
.1.3.6.1.2.1.31.1.1.1.6.1 = Counter64: 99
EOW
tap_cmp "$T/v2.got" "$T/v2.want" "v2c trap: every varbind as sent"
# snmpsh's listener prints the same varbind lines (Net-SNMP's format)
awk '/\[v2c community public\]/ {on = 1; next} /^[^ ]/ {on = 0}
    on {sub(/^  /, ""); print}' "$T/ls.out" >"$T/v2.ls"
tap_cmp "$T/v2.ls" "$T/v2.got" "snmpsh's listener shows them as snmptrapd"

V1=$(line 'V1|TRAP, SNMP v1, community public|.1.3.6.1.4.1.8072.9|')
tap_is "$(echo "$V1" | cut -d'|' -f2-8)" \
    "TRAP, SNMP v1, community public|.1.3.6.1.4.1.8072.9|192.0.2.1|6|.17|4321|.1.3.6.1.2.1.1.5.0 = STRING: \"v1-name\"" \
    "v1 trap: enterprise, agent-addr, generic, specific, uptime, varbind"
V1B=$(line 'V1|TRAP, SNMP v1, community public|.1.3.6.1.4.1.3.1.1|')
tap_is "$(echo "$V1B" | cut -d'|' -f2,3,5,6,7)" \
    "TRAP, SNMP v1, community public|.1.3.6.1.4.1.3.1.1|3|0|77" \
    "v1 trap with '' enterprise: Net-SNMP's default, linkUp"
tap_ok "v1 trap with '' agent-addr: this host" test -n \
    "$(echo "$V1B" | cut -d'|' -f4 | grep -E '^(localhost|127\.0\.0\.1)$')"
tap_grep "$T/ls.out" "  .1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.4.1.8072.9.0.17" \
    "snmpsh's listener: the v1 trap's snmpTrapOID (RFC 3584 §3.1)"
tap_grep "$T/ls.out" "  .1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.6.3.1.1.5.4" \
    "snmpsh's listener: the generic v1 trap as linkUp"
INF=$(line 'V2|INFORM, SNMP v2c, community public|')
tap_is "$(echo "$INF" | cut -d'|' -f3- | tr "$TAB" ' ')" \
    '.1.3.6.1.2.1.1.3.0 = Timeticks: (55) 0:00:00.55 .1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.6.3.1.1.5.2 .1.3.6.1.2.1.1.5.0 = STRING: "inf"' \
    "v2c inform: varbinds"
V3=$(line 'V2|TRAP2, SNMP v3, user bob')
tap_is "$(echo "$V3" | cut -d'|' -f3- | tr "$TAB" ' ')" \
    '.1.3.6.1.2.1.1.3.0 = Timeticks: (5) 0:00:00.05 .1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.6.3.1.1.5.3 .1.3.6.1.2.1.2.2.1.1.2 = INTEGER: 2' \
    "v3 trap: user bob, varbinds"
V3I=$(line 'V2|INFORM, SNMP v3, user bob')
tap_is "$(echo "$V3I" | cut -d'|' -f3- | tr "$TAB" ' ')" \
    '.1.3.6.1.2.1.1.3.0 = Timeticks: (6) 0:00:00.06 .1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.6.3.1.1.5.4' \
    "v3 inform: user bob, varbinds"
