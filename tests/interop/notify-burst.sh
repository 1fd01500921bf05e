#!/bin/sh
# A burst of 10,000 SNMPv2c traps over loopback to snmpsh's listener, sent
# as fast as the socket takes them (tests/interop/burst_send.py): every
# datagram that reaches the listener's socket is decoded and counted
# (`listen stats`: packets = notifications), and what the kernel drops for
# a full receive buffer (the socket's drops column of /proc/net/udp, the
# per-socket RcvbufErrors) is counted apart: packets + drops = 10,000.
# The receive rate (from the first datagram to the drained socket queue)
# and the drops are printed as TAP comments.

. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-notify-burst
peers_need_snmpsh
[ -x /usr/bin/python3 ] || peers_missing "/usr/bin/python3"
[ -r /proc/net/udp ] || peers_missing "/proc/net/udp"

N=10000
T=$PEERS_TMP
peers_port
L=udp:127.0.0.1:$PORT
"$SNMPSH" --exec "listen $L --count $N --for 10; listen stats" \
    >"$T/out" 2>"$T/err" </dev/null &
LPID=$!
peers_track "$LPID"
peers_wait_file "$T/err" "listening on $L" 10 "$LPID" ||
    tap_bail "the listener did not start"
HEXPORT=$(printf ':%04X ' "$PORT")

# queue and drops of the listener's socket: "RXQUEUE DROPS" (hex queue)
sock()
{
	awk -v p="$HEXPORT" 'index($0, "0100007F" p) {
		split($5, q, ":"); print q[2], $NF; exit }' /proc/net/udp
}

t0=$(peers_now_ms)
/usr/bin/python3 "$top_srcdir/tests/interop/burst_send.py" "$PORT" "$N" \
    >"$T/send.out" 2>&1
tap_is "$?" 0 "sent $N traps"
tap_diag "$(cat "$T/send.out")"
# bounded: until the socket queue is empty (or the listener is gone)
drops=0
_end=$(($(peers_now_ms) + 20000))
while [ "$(peers_now_ms)" -lt "$_end" ]; do
	s=$(sock)
	[ -n "$s" ] || break
	drops=${s#* }
	[ "${s% *}" = 00000000 ] && break
	sleep 0.01
done
t1=$(peers_now_ms)
_end=$(($(peers_now_ms) + 20000))
while kill -0 "$LPID" 2>/dev/null && [ "$(peers_now_ms)" -lt "$_end" ]; do
	s=$(sock)
	[ -n "$s" ] && drops=${s#* }
	sleep 0.05
done
wait "$LPID"
st=$?
packets=$(awk '$1 == "packets" {print $2}' "$T/out")
notes=$(awk '$1 == "notifications" {print $2}' "$T/out")
dropped=$(awk '$1 == "dropped" {print $2}' "$T/out")
ms=$((t1 - t0))
[ "$ms" -gt 0 ] || ms=1
tap_diag "listener: $packets datagrams, $notes notifications in ${ms} ms" \
    "(about $((packets * 1000 / ms)) notifications/s printed as text);" \
    "kernel drops (receive buffer full): $drops"
tap_ok "the listener counted datagrams" test -n "$packets"
tap_is "$notes" "$packets" "every datagram received became a notification"
tap_is "$dropped" 0 "none dropped by the listener"
tap_is "$((packets + drops))" "$N" "received + kernel drops = $N"
if [ "$drops" -eq 0 ]; then
	tap_is "$st" 0 "listen --count $N reached"
else
	tap_is "$st" 1 "listen --count $N not reached: $drops lost in the kernel"
fi
tap_is "$(grep -c '^  SNMPv2-MIB::snmpTrapOID.0 = OID: SNMPv2-MIB::coldStart$' \
    "$T/out")" "$notes" "each notification printed"
