#!/bin/sh
# Interop: snmpsh over UDP/IPv6 (udp6:[::1]:PORT) and Unix domain sockets
# (unix:/path; Net-SNMP's Unix transport is datagram-based, the client
# binding a socket of its own) against Net-SNMP's snmpd, compared with the
# Net-SNMP tools on the same addresses: get, getnext, walk, bulkwalk, set.

. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-snmpd-transports
peers_need_prog snmpd snmpget snmpgetnext snmpwalk snmpbulkwalk snmpset
peers_need_snmpsh
if peers_have_ipv6; then
	snmpd_start ipv6 unix
else
	snmpd_start unix
fi

SYS=.1.3.6.1.2.1.1
T98=.1.3.6.1.4.1.99998.1

transport_tests()
{
	_t=$1
	session 2c public "$2"
	same_as "$_t v2c get" snmpget "" "$SYS.1.0 $SYS.5.0 $SYS.99.0" \
	    "get $SYS.1.0 $SYS.5.0 $SYS.99.0"
	same_as "$_t v2c getnext" snmpgetnext "" "$SYS.9" "getnext $SYS.9"
	same_as "$_t v2c walk" snmpwalk "" "$SYS" "walk $SYS"
	same_as "$_t v2c bulkwalk" snmpbulkwalk "" ".1.3.6.1.2.1.2" \
	    "bulkwalk .1.3.6.1.2.1.2"
	session 1 public "$2"
	same_as "$_t v1 walk" snmpwalk "" ".1.3.6.1.4.1" \
	    "walk .1.3.6.1.4.1"
	session 1 private "$2"
	sh_run "$PEERS_TMP/set" -v 1 -c private "$2" \
	    --exec "set $T98.9.0 s \"over $_t\""
	ns_run "$PEERS_TMP/after" snmpget -On -m '' -v 1 -c public "$2" \
	    "$T98.9.0"
	tap_is "$SH_RC $(cat "$PEERS_TMP/after.out")" \
	    "0 $T98.9.0 = STRING: \"over $_t\"" "$_t v1 set sticks"
	session 2c private "$2"
	same_as "$_t v2c set error" snmpset "" "$SYS.4.0 s x" \
	    "set $SYS.4.0 s x"
}

if peers_have_ipv6; then
	transport_tests udp6 "$SNMPD_AGENT6"
	# Timeout over IPv6, with the address as given.
	peers_port
	session 2c public "udp6:[::1]:$PORT" "-t 0.3 -r 0"
	same_as "udp6 timeout" snmpget "" "$SYS.1.0" "get $SYS.1.0"
else
	tap_skip "UDP over IPv6" "no ::1 on this machine"
fi
transport_tests unix "$SNMPD_UNIX"
# Nobody on this Unix socket path: an error (snmpget says "Unknown host
# (unix:PATH) (No such file or directory)"), or a timeout; either way exit
# status 1, nothing on stdout, the path on stderr, in bounded time.
t0=$(peers_now_ms)
sh_run "$PEERS_TMP/nobody" -v 2c -c public -t 0.3 -r 0 \
    "unix:$PEERS_TMP/nobody.sock" --exec "get $SYS.1.0"
t1=$(peers_now_ms)
tap_is "$SH_RC $(wc -c <"$PEERS_TMP/nobody.out")" "1 0" \
    "unix socket without agent: exit status 1, no output"
tap_grep "$PEERS_TMP/nobody.err" "$PEERS_TMP/nobody.sock" \
    "unix socket without agent: the path in the message"
tap_ok "unix socket without agent: bounded ($((t1 - t0)) ms)" \
    test $((t1 - t0)) -lt 2000
