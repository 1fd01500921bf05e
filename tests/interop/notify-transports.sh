#!/bin/sh
# One listener on several transports at once (UDP/IPv4, UDP/IPv6 when the
# loopback has ::1, a Unix stream socket as Net-SNMP's unix:): snmptrap to
# each, and snmpsh's own `trap` over unix:; the source of each is shown
# in its transport's form.  `unlisten` removes the socket file.

. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-notify-transports
peers_need_prog snmptrap
peers_need_snmpsh

T=$PEERS_TMP
peers_port
A4=udp:127.0.0.1:$PORT
A6=
N=3
if peers_have_ipv6; then
	A6="udp6:[::1]:$PORT"
	N=4
fi
U=unix:$T/trap.sock
"$SNMPSH" --exec "listen $A4 $A6 $U --count $N --for 20; unlisten" \
    >"$T/out" 2>"$T/err" </dev/null &
LPID=$!
peers_track "$LPID"
peers_wait_file "$T/err" "listening on $U" 10 "$LPID" ||
    tap_bail "the listener did not start: $(cat "$T/err")"
tap_grep "$T/err" "listening on $A4" "listening on $A4"
snmptrap -v 2c -c public -m '' "$A4" 1 .1.3.6.1.6.3.1.1.5.1
if [ -n "$A6" ]; then
	tap_grep "$T/err" "listening on $A6" "listening on $A6"
	snmptrap -v 2c -c public -m '' "$A6" 2 .1.3.6.1.6.3.1.1.5.2
else
	tap_skip "udp6" "no ::1 on the loopback"
fi
snmptrap -v 2c -c public -m '' "$U" 3 .1.3.6.1.6.3.1.1.5.3
"$SNMPSH" -v 2c -c public "$U" --exec 'trap 4 linkUp'
_end=$(($(peers_now_ms) + 25000))
while kill -0 "$LPID" 2>/dev/null && [ "$(peers_now_ms)" -lt "$_end" ]; do
	sleep 0.05
done
wait "$LPID"
tap_is "$?" 0 "$N notifications received"
tap_ok "over UDP/IPv4" grep -E -q \
    '^[0-9-]+ [0-9:]+ udp:127\.0\.0\.1:[0-9]+ \[v2c community public\] SNMPv2-MIB::coldStart$' \
    "$T/out"
if [ -n "$A6" ]; then
	tap_ok "over UDP/IPv6" grep -E -q \
	    '^[0-9-]+ [0-9:]+ udp6:\[::1\]:[0-9]+ \[v2c community public\] SNMPv2-MIB::warmStart$' \
	    "$T/out"
fi
tap_grep "$T/out" "$U [v2c community public] IF-MIB::linkDown" \
    "snmptrap over unix:"
tap_grep "$T/out" "$U [v2c community public] IF-MIB::linkUp" \
    "snmpsh's trap over unix:"
tap_ok "unlisten removed the socket file" test ! -e "$T/trap.sock"
