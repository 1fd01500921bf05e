#!/bin/sh
# Interop: snmpsh's SNMPv3 command generator against a PySNMP agent
# (tests/interop/pysnmp_v3_agent.py) for the privacy protocols Debian's
# snmpd lacks: 3DES-EDE (draft-reeder-snmpv3-usm-3desede) and AES-192/256
# with the Blumenthal key extension (draft-blumenthal-aes-usm: snmpsh's
# AES-192, AES-256) and the Reeder/Cisco one (AES-192-C, AES-256-C), each
# with MD5, SHA and SHA-256.  Each result is compared with what Net-SNMP's
# tools read from the same agent through the SHA/AES-128 reference user;
# the matrix is printed as diagnostics.  A key-extension mix-up (AES-192
# for an AES-192-C user) must fail.

. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-v3-pysnmp
peers_need_prog snmpget snmpbulkwalk
peers_need_snmpsh
peers_need_pysnmp

_try=0
while :; do
	_try=$((_try + 1))
	[ "$_try" -le 3 ] || tap_bail "the PySNMP v3 agent would not start"
	peers_port
	A=udp:127.0.0.1:$PORT
	"$PYSNMP_PYTHON" "$top_srcdir/tests/interop/pysnmp_v3_agent.py" \
	    "$PORT" </dev/null >"$PEERS_TMP/py.out" 2>&1 &
	PY_PID=$!
	peers_track "$PY_PID"
	if peers_wait_file "$PEERS_TMP/py.out" "ready $A" 15 "$PY_PID"; then
		tap_diag "PySNMP v3 agent $PY_PID on $A"
		break
	fi
	peers_stop "$PY_PID"
	tail -n 5 "$PEERS_TMP/py.out" | sed 's/^/#   /'
done

T=$PEERS_TMP
AP=authpass-v3
XP=privpass-v3
GET=".1.3.6.1.2.1.1.1.0 .1.3.6.1.2.1.1.2.0 .1.3.6.1.6.3.10.2.1.1.0"
# usmUserSecurityName: one row per user, several GetBulk rounds with -Cr5.
WALK=.1.3.6.1.6.3.15.1.2.2.1.3
REF="-u u-SHA-AES -l authPriv -a SHA -A $AP -x AES -X $XP"

ns_run "$T/ref-get" snmpget -On -m '' -v 3 $REF "$A" $GET
ns_run "$T/ref-walk" snmpbulkwalk -On -m '' -v 3 -Cr5 $REF "$A" "$WALK"
tap_is "$NS_RC" 0 "the reference user works with snmpbulkwalk"
tap_ok "reference walk has every user ($(wc -l <"$T/ref-walk.out"))" \
    test "$(wc -l <"$T/ref-walk.out")" -eq 16

AUTHS="MD5 SHA SHA-256"
PRIVS="3DES AES-192 AES-256 AES-192-C AES-256-C"
HDR=$(printf '%-8s' "")
for x in $PRIVS; do
	HDR=$(printf '%s %-9s' "$HDR" "$x")
done
MATRIX=
for a in $AUTHS; do
	ROW=$(printf '%-8s' "$a")
	for x in $PRIVS; do
		CELL=ok
		o="-u u-$a-$x -l authPriv -a $a -A $AP -x $x -X $XP"
		sh_run "$T/g" -v 3 $o -On -m '' "$A" --exec "get $GET"
		tap_cmp "$T/g.out" "$T/ref-get.out" "$a/$x: get" || CELL=FAIL
		[ "$SH_RC" -eq 0 ] || CELL=FAIL
		sh_run "$T/g" -v 3 $o -On -m '' "$A" \
		    --exec "bulkwalk -Cr5 $WALK"
		tap_cmp "$T/g.out" "$T/ref-walk.out" "$a/$x: bulkwalk" ||
		    CELL=FAIL
		[ "$SH_RC" -eq 0 ] || CELL=FAIL
		[ "$CELL" = ok ] || head -n 3 "$T/g.err" | sed 's/^/#   /'
		ROW=$(printf '%s %-9s' "$ROW" "$CELL")
	done
	MATRIX="$MATRIX${MATRIX:+
}$ROW"
done
tap_diag "SNMPv3 authPriv matrix against PySNMP (get + bulkwalk):" \
    "$HDR" "$MATRIX"

# The two AES-192 key extensions differ: the wrong one cannot decrypt
# (PySNMP then drops the request: a timeout, exit 1).
for pair in "AES-192-C AES-192" "AES-256 AES-256-C" "3DES DES"; do
	set -- $pair
	sh_run "$T/x" -v 3 -u "u-SHA-$1" -l authPriv -a SHA -A "$AP" -x "$2" \
	    -X "$XP" -t 0.5 -r 0 -On -m '' "$A" --exec "get .1.3.6.1.2.1.1.1.0"
	tap_is "$SH_RC" 1 "user u-SHA-$1 with -x $2 fails"
	tap_is "$(wc -c <"$T/x.out")" 0 "user u-SHA-$1 with -x $2: no output"
done
