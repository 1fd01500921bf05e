#!/bin/sh
# Pasted Net-SNMP command lines: `snmpwalk -v2c -c public AGENT OID` and
# friends typed as shell commands run as the tool would, through snmpsh's
# engine on a temporary session; stdout, stderr and exit status compared
# with the real tool against the same demo agent (numeric, and with the
# bundled MIBs loaded on both sides).
. "$top_srcdir/tests/lib/peers.sh"
. "$top_srcdir/tests/shell/lib.sh"
peers_init shell-paste
peers_need_snmpsh

demo_start
A=$DEMO_AGENT
D=$top_srcdir/mibs

sh_run --exec "snmpget -v2c -c public $A 1.3.6.1.2.1.1.5.0; sessions"
sh_expect "snmpget pasted; the temporary session is gone after" 0 \
'.1.3.6.1.2.1.1.5.0 = STRING: "snmpsh-demo"
no sessions (open NAME [OPTIONS] AGENT)' ""

sh_run --exec "snmpwalk -v2c -c public"
sh_expect "snmpwalk without AGENT: usage" 2 "" \
    "snmpsh: snmpwalk: missing AGENT (usage: snmpwalk [OPTIONS] AGENT ...)"
sh_run --exec "snmpget -Z $A 1.3.6.1.2.1.1.5.0"
sh_expect "unknown option: usage" 2 "" "snmpsh: snmpget: -Z: unknown option"

if ! command -v snmpwalk >/dev/null 2>&1; then
	tap_skip "pasted lines beside Net-SNMP's tools" \
	    "Net-SNMP tools not installed"
	exit 0
fi

# compare DESC TOOL ARGS...: the tool's output and the pasted line's,
# numeric (-On -m '' on both sides), then with the bundled MIBs.  (Only
# objects that do not change between the two runs: no sysUpTime, no
# counters.)
compare()
{
	_d=$1 _t=$2
	shift 2
	SNMPCONFPATH=$PEERS_TMP timeout 30 "$_t" -On -m '' "$@" \
	    >"$PEERS_TMP/ns.out" 2>"$PEERS_TMP/ns.err"
	_nrc=$?
	_line=
	for _a in "$@"; do
		_line="$_line '$_a'"
	done
	sh_run --exec "$_t -On $_line"
	tap_cmp "$OUT" "$PEERS_TMP/ns.out" "$_d: stdout as $_t"
	grep -v '^$' "$ERR" >"$PEERS_TMP/e1"
	grep -v '^$' "$PEERS_TMP/ns.err" >"$PEERS_TMP/e2"
	tap_cmp "$PEERS_TMP/e1" "$PEERS_TMP/e2" "$_d: stderr as $_t"
	_w=0
	[ "$_nrc" -eq 0 ] || _w=1
	tap_is "$RC" "$_w" "$_d: exit status"
	SNMPCONFPATH=$PEERS_TMP timeout 30 "$_t" \
	    -M "$D/ietf:$D/iana:$D/net-snmp" -m ALL "$@" >"$PEERS_TMP/ns.out" \
	    2>/dev/null
	"$SNMPSH" --exec "$_t $_line" >"$OUT" 2>/dev/null
	tap_cmp "$OUT" "$PEERS_TMP/ns.out" "$_d with MIBs: stdout as $_t"
}

compare "snmpwalk" snmpwalk -v2c -c public "$A" 1.3.6.1.2.1.1.9
compare "snmpbulkwalk -Cr3" snmpbulkwalk -v2c -c public -Cr3 "$A" \
    1.3.6.1.2.1.2.2.1.6
compare "snmpwalk -v1" snmpwalk -v1 -c public "$A" 1.3.6.1.2.1.2.2.1.2
compare "snmpget, one missing" snmpget -v2c -c public "$A" \
    1.3.6.1.2.1.1.5.0 1.3.6.1.2.1.1.5.1
compare "snmpget -v1 noSuchName" snmpget -v1 -c public "$A" \
    1.3.6.1.2.1.1.5.0 1.3.6.1.2.1.1.5.1
compare "snmpgetnext -On" snmpgetnext -On -v2c -c public "$A" 1.3.6.1.2.1.1.4
compare "snmpbulkget" snmpbulkget -v2c -c public -Cn1 -Cr2 "$A" \
    1.3.6.1.2.1.1.5 1.3.6.1.2.1.1.9.1.2
compare "snmpset" snmpset -v2c -c public "$A" 1.3.6.1.2.1.1.4.0 s \
    ops@example.net
compare "snmpwalk v3 authPriv" snmpwalk -v3 -u demo -l authPriv -a SHA \
    -A demo-auth-pass -x AES -X demo-priv-pass "$A" 1.3.6.1.2.1.1.9.1.3
