#!/bin/sh
# Interop: snmpsh's responder as an SNMPv3 authoritative engine (RFC 3412
# section 7.2, RFC 3414 section 3.2 and 4) -- `snmpsh --demo --serve` with
# its user "demo" (authPriv, SHA, AES) -- managed by Net-SNMP's snmpget,
# snmpwalk, snmpbulkwalk and snmpset (which discover its engine ID and
# synchronise time), by snmpsh itself, and by PySNMP
# (tests/interop/pysnmp_v3_manager.py).  SNMPv3 answers must equal the
# SNMPv2c ones; Net-SNMP's error words for the usmStats reports; -Z to
# force a notInTimeWindow report (RFC 3414 section 3.2 step 7a) that
# snmpget recovers from.

. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-v3-responder
peers_need_prog snmpget snmpwalk snmpbulkwalk snmpset
peers_need_snmpsh
demo_start
A=$DEMO_AGENT
T=$PEERS_TMP
V3="-v 3 -u demo -l authPriv -a SHA -A demo-auth-pass -x AES -X demo-priv-pass"
SYS=.1.3.6.1.2.1.1
STABLE="$SYS.1.0 $SYS.2.0 $SYS.4.0 $SYS.5.0 $SYS.7.0"

# v3 equals v2c for the same objects (sysUpTime left out: it moves).
ns_run "$T/w" snmpget -On -m '' -v 2c -c public "$A" $STABLE
ns_run "$T/g" snmpget -On -m '' $V3 "$A" $STABLE
tap_cmp "$T/g.out" "$T/w.out" "snmpget -v3 authPriv = snmpget -v2c"
tap_is "$NS_RC" 0 "snmpget -v3: exit 0"
for t in snmpwalk snmpbulkwalk; do
	ns_run "$T/w" $t -On -m '' -v 2c -c public "$A" .1.3.6.1.2.1.2.2.1.2
	ns_run "$T/g" $t -On -m '' $V3 "$A" .1.3.6.1.2.1.2.2.1.2
	tap_cmp "$T/g.out" "$T/w.out" "$t -v3 of ifDescr = -v2c"
	tap_ok "$t -v3: some rows ($(wc -l <"$T/g.out"))" \
	    test "$(wc -l <"$T/g.out")" -ge 2
done
ns_run "$T/w" snmpbulkwalk -Cr2 -On -m '' -v 2c -c public "$A" $SYS.9
ns_run "$T/g" snmpbulkwalk -Cr2 -On -m '' $V3 "$A" $SYS.9
tap_cmp "$T/g.out" "$T/w.out" "snmpbulkwalk -Cr2 -v3 of sysORTable = -v2c"

# snmpsh as the manager of its own responder, compared with snmpget.
sh_run "$T/s" $V3 -On -m '' "$A" --exec "get $STABLE"
ns_run "$T/w" snmpget -On -m '' $V3 "$A" $STABLE
tap_cmp "$T/s.out" "$T/w.out" "snmpsh -v3 get = snmpget -v3"
sh_run "$T/s" $V3 -On -m '' "$A" --exec "bulkwalk -Cr3 $SYS.9"
ns_run "$T/w" snmpbulkwalk -Cr3 -On -m '' $V3 "$A" $SYS.9
tap_cmp "$T/s.out" "$T/w.out" "snmpsh -v3 bulkwalk = snmpbulkwalk -v3"

# set over v3 sticks
ns_run "$T/set" snmpset -On -m '' $V3 "$A" $SYS.6.0 s "room v3"
tap_is "$NS_RC" 0 "snmpset -v3: exit 0"
ns_run "$T/w" snmpget -Oqv -On -m '' -v 2c -c public "$A" $SYS.6.0
tap_is "$(cat "$T/w.out")" '"room v3"' "the value set over v3 is read by v2c"

# Errors: Net-SNMP's words, as for its own agent.
# nerr DESC WANT OPTIONS...
nerr()
{
	_d=$1 _want=$2
	shift 2
	ns_run "$T/e" snmpget -On -m '' -t 0.5 -r 0 -v 3 "$@" "$A" $SYS.5.0
	tap_grep "$T/e.err" "$_want" "snmpget $_d: $_want"
	tap_is "$NS_RC" 1 "snmpget $_d: exit 1"
}
nerr "wrong auth passphrase" \
    "Authentication failure (incorrect password, community or key)" \
    -u demo -l authPriv -a SHA -A wrong-auth-pass -x AES -X demo-priv-pass
nerr "wrong auth protocol" \
    "Authentication failure (incorrect password, community or key)" \
    -u demo -l authPriv -a SHA-256 -A demo-auth-pass -x AES \
    -X demo-priv-pass
nerr "unknown user" "Unknown user name" -u nobody -l noAuthNoPriv
nerr "wrong priv passphrase" "Decryption error" \
    -u demo -l authPriv -a SHA -A demo-auth-pass -x AES -X wrong-priv-pass
nerr "unknown context" "Bad context specified" $V3 -n nope
ns_run "$T/e" snmpget -On -m '' -t 0.5 -r 0 -v 3 -u demo -l authNoPriv \
    -a SHA -A demo-auth-pass "$A" $SYS.5.0
tap_grep "$T/e.err" "authorizationError" \
    "below the user's level: authorizationError (minimal VACM)"

# Time window: -e with the right engine ID and -Z boots,time far off:
# the agent answers notInTimeWindow, snmpget resynchronises and succeeds.
# The engine ID from the probe's report in snmpget's packet dump: snmpsh's
# generated IDs are 80 00 7e d9 05 and 8 octets (see sn_agent_set_engine_id).
EID=$(snmpget -d -On -m '' -v 3 -u nobody -l noAuthNoPriv -t 0.5 -r 0 \
    "$A" $SYS.5.0 2>&1 | sed -n '/^Received/,$p' | sed -n 's/^[0-9]*: //p' |
    cut -c1-52 | tr -d ' \n' | grep -o '80007ED905[0-9A-F]\{16\}' |
    head -n 1)
tap_ok "engine ID from the discovery report ($EID)" test -n "$EID"
if [ -n "$EID" ]; then
	ns_run "$T/z" snmpget -On -m '' $V3 -e "$EID" -Z 3,4000 "$A" $SYS.5.0
	ns_run "$T/w" snmpget -On -m '' -v 2c -c public "$A" $SYS.5.0
	tap_cmp "$T/z.out" "$T/w.out" \
	    "snmpget -e -Z 3,4000: notInTimeWindow, resynchronised, answered"
else
	tap_skip "snmpget -Z" "engine ID not found in snmpget's debug output"
fi
# snmpsh with -e: no discovery, time from the notInTimeWindow report.
sh_run "$T/s" $V3 -e "0x$EID" -On -m '' "$A" \
    --exec "get $SYS.5.0"
ns_run "$T/w" snmpget -On -m '' -v 2c -c public "$A" $SYS.5.0
tap_cmp "$T/s.out" "$T/w.out" "snmpsh -e ENGINEID against its responder"

# PySNMP as the v3 manager.
if [ -n "$PYSNMP_PYTHON" ] && "$PYSNMP_PYTHON" -c 'import pysnmp.hlapi' \
    >/dev/null 2>&1; then
	pysnmp_run pysnmp_v3_manager.py 127.0.0.1 "$DEMO_PORT" \
	    >"$T/py.out" 2>"$T/py.err"
	rc=$?
	tap_passthrough <"$T/py.out"
	if [ "$rc" -gt 1 ] || [ -s "$T/py.err" ]; then
		tap_result 1 "pysnmp_v3_manager.py ran to the end ($rc)"
		tail -n 20 "$T/py.err" | sed 's/^/# /'
	fi
else
	peers_need_pysnmp
fi
tap_ok "demo agent still running" kill -0 "$DEMO_PID"
