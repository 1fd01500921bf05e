#!/bin/sh
# Interop: snmpsh's notification originator (RFC 3413 §3.3) to a PySNMP
# notification receiver (tests/interop/pysnmp_ntfrcv.py): SNMPv1 and
# SNMPv2c traps, an SNMPv2c inform acknowledged, an SNMPv3 SHA/AES trap
# from snmpsh's own engine ID (PySNMP's user is bound to it, RFC 3414
# §1.5.1) and an SNMPv3 inform after discovery of PySNMP's engine.  Each
# notification's security model, name, level and varbinds are compared
# with what was sent.

. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-notify-pysnmp
peers_need_pysnmp
peers_need_snmpsh

T=$PEERS_TMP
"$SNMPSH" -v 3 -u probe -l noAuthNoPriv udp:127.0.0.1:9 \
    --exec 'trap 0 1.3.6.1.6.3.1.1.5.1' >/dev/null 2>&1
E=$(awk '/^engineID/ {print $2}' "$XDG_DATA_HOME/snmpsh/engine" 2>/dev/null)
[ -n "$E" ] || tap_bail "no snmpsh engine ID"
_try=0
while :; do
	_try=$((_try + 1))
	[ "$_try" -le 3 ] || tap_bail "the PySNMP receiver would not start"
	peers_port
	A=udp:127.0.0.1:$PORT
	"$PYSNMP_PYTHON" "$top_srcdir/tests/interop/pysnmp_ntfrcv.py" "$PORT" \
	    "$E" >"$T/py.out" 2>&1 </dev/null &
	PY_PID=$!
	peers_track "$PY_PID"
	peers_wait_file "$T/py.out" "ready $A" 15 "$PY_PID" && break
	peers_stop "$PY_PID"
done
tap_diag "PySNMP receiver $PY_PID on $A"

tap_ok "v2c trap sent" "$SNMPSH" -v 2c -c public "$A" \
    --exec 'trap 1234 coldStart sysContact.0 s hello ifIndex.1 i 3'
tap_ok "v2c inform acknowledged" "$SNMPSH" -v 2c -c public -t 10 -r 0 "$A" \
    --exec 'inform 5 warmStart'
tap_ok "v1 trap sent" "$SNMPSH" -v 1 -c public "$A" \
    --exec 'trap 1.3.6.1.4.1.8072.9 192.0.2.9 6 5 10'
tap_ok "v3 SHA/AES trap sent" "$SNMPSH" -v 3 -u bob -l authPriv -a SHA \
    -A bobauth11 -x AES -X bobpriv11 "$A" \
    --exec 'trap 7 linkDown ifIndex.1 i 1'
tap_ok "v3 SHA/AES inform acknowledged" "$SNMPSH" -v 3 -u bob -l authPriv \
    -a SHA -A bobauth11 -x AES -X bobpriv11 -t 10 -r 0 "$A" \
    --exec 'inform 8 linkUp'
"$SNMPSH" -v 3 -u bob -l authPriv -a SHA -A wrongpass1 -x AES \
    -X bobpriv11 -t 0.5 -r 0 "$A" --exec 'inform 9 linkUp' \
    >/dev/null 2>"$T/wrong.err"
tap_is "$?" 1 "v3 inform with a wrong passphrase fails"
tap_diag "$(cat "$T/wrong.err")"

peers_wait_file "$T/py.out" "ObjectIdentifier:1.3.6.1.6.3.1.1.5.4" 10 \
    "$PY_PID"
grep '^NOTIFICATION' "$T/py.out" >"$T/got"
cat >"$T/want" <<'EOW'
NOTIFICATION 2 public-area 1|1.3.6.1.2.1.1.3.0=TimeTicks:1234|1.3.6.1.6.3.1.1.4.1.0=ObjectIdentifier:1.3.6.1.6.3.1.1.5.1|1.3.6.1.2.1.1.4.0=OctetString:hello|1.3.6.1.2.1.2.2.1.1.1=Integer:3
NOTIFICATION 2 public-area 1|1.3.6.1.2.1.1.3.0=TimeTicks:5|1.3.6.1.6.3.1.1.4.1.0=ObjectIdentifier:1.3.6.1.6.3.1.1.5.2
NOTIFICATION 1 public-area 1|1.3.6.1.2.1.1.3.0=TimeTicks:10|1.3.6.1.6.3.1.1.4.1.0=ObjectIdentifier:1.3.6.1.4.1.8072.9.0.5|1.3.6.1.6.3.18.1.3.0=IpAddress:192.0.2.9|1.3.6.1.6.3.18.1.4.0=OctetString:public|1.3.6.1.6.3.1.1.4.3.0=ObjectIdentifier:1.3.6.1.4.1.8072.9
NOTIFICATION 3 bob 3|1.3.6.1.2.1.1.3.0=TimeTicks:7|1.3.6.1.6.3.1.1.4.1.0=ObjectIdentifier:1.3.6.1.6.3.1.1.5.3|1.3.6.1.2.1.2.2.1.1.1=Integer:1
NOTIFICATION 3 bob 3|1.3.6.1.2.1.1.3.0=TimeTicks:8|1.3.6.1.6.3.1.1.4.1.0=ObjectIdentifier:1.3.6.1.6.3.1.1.5.4
EOW
tap_cmp "$T/got" "$T/want" \
    "PySNMP received each notification, model, user, level and varbinds"
