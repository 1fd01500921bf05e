#!/bin/sh
# Value rendering by wire type, as Net-SNMP prints values with no MIB
# (STRING vs Hex-STRING, 16-byte hex lines, escapes, TimeTicks with days,
# Opaque-wrapped float/double/int64, exceptions, the -O letters), served by
# a hand-made agent (tests/shell/fake_agent.py): fixed expectations, then
# line-for-line equality with Net-SNMP's snmpget when it is installed.  The
# one deliberate difference (SPEC §3): control characters are escaped.
# Also walk errors: non-increasing OIDs and an error-status.
. "$top_srcdir/tests/lib/peers.sh"
. "$top_srcdir/tests/shell/lib.sh"
peers_init shell-format
peers_need_snmpsh
PY=${PYSNMP_PYTHON:-python3}
command -v "$PY" >/dev/null 2>&1 || peers_missing "python3"

peers_port
"$PY" "$top_srcdir/tests/shell/fake_agent.py" "$PORT" "$PEERS_TMP/ready" \
    </dev/null >/dev/null 2>"$PEERS_TMP/agent.err" &
peers_track $!
peers_wait_file "$PEERS_TMP/ready" ready 10 $! ||
    tap_bail "fake agent did not start"
AGENT=udp:127.0.0.1:$PORT
E=1.3.6.1.4.1.9999

oids()
{
	for n in "$@"; do printf ' %s.%s.0' "$E" "$n"; done
}

sh_run "$AGENT" --exec "get$(oids 1 2 3 4 5 9 10 11 12 13 14 15 16 17 18)"
sh_expect "basic types" 0 \
'.1.3.6.1.4.1.9999.1.0 = STRING: "Linux box"
.1.3.6.1.4.1.9999.2.0 = ""
.1.3.6.1.4.1.9999.3.0 = Hex-STRING: 61 62 01 63 64 
.1.3.6.1.4.1.9999.4.0 = STRING: "a\"b\\c"
.1.3.6.1.4.1.9999.5.0 = STRING: "line1\nline2"
.1.3.6.1.4.1.9999.9.0 = Timeticks: (1234) 0:00:12.34
.1.3.6.1.4.1.9999.10.0 = Timeticks: (8640000) 1 day, 0:00:00.00
.1.3.6.1.4.1.9999.11.0 = Timeticks: (17280123) 2 days, 0:00:01.23
.1.3.6.1.4.1.9999.12.0 = OID: .1.3.6.1.4.1.8072.3.2.10
.1.3.6.1.4.1.9999.13.0 = IpAddress: 192.168.1.254
.1.3.6.1.4.1.9999.14.0 = Counter32: 4294967295
.1.3.6.1.4.1.9999.15.0 = Gauge32: 42
.1.3.6.1.4.1.9999.16.0 = Counter64: 18446744073709551615
.1.3.6.1.4.1.9999.17.0 = 7
.1.3.6.1.4.1.9999.18.0 = OPAQUE: 01 02 03 ' ""

sh_run "$AGENT" --exec "get$(oids 19 20 21 22 23 24 26 27 28 29 30 31 32 33 35 36 37 39 40 41 42)"
sh_expect "Opaque specials, NULL, exceptions, edge cases" 0 \
'.1.3.6.1.4.1.9999.19.0 = Opaque: Float: 1.500000
.1.3.6.1.4.1.9999.20.0 = Opaque: Float: -2.250000
.1.3.6.1.4.1.9999.21.0 = Opaque: Int64: -1
.1.3.6.1.4.1.9999.22.0 = Opaque: UInt64: 256
.1.3.6.1.4.1.9999.23.0 = Opaque: Counter64: 256
.1.3.6.1.4.1.9999.24.0 = NULL
.1.3.6.1.4.1.9999.26.0 = INTEGER: -5
.1.3.6.1.4.1.9999.27.0 = Hex-STRING: 61 62 63 00 
.1.3.6.1.4.1.9999.28.0 = Hex-STRING: 63 61 66 C3 A9 
.1.3.6.1.4.1.9999.29.0 = STRING: "tab\there"
.1.3.6.1.4.1.9999.30.0 = No Such Object available on this agent at this OID
.1.3.6.1.4.1.9999.31.0 = No Such Instance currently exists at this OID
.1.3.6.1.4.1.9999.32.0 = No more variables left in this MIB View (It is past the end of the MIB tree)
.1.3.6.1.4.1.9999.33.0 = Hex-STRING: 78 0D 0A 79 1B 5B 33 31 6D 
.1.3.6.1.4.1.9999.35.0 = Timeticks: (0) 0:00:00.00
.1.3.6.1.4.1.9999.36.0 = OID: .0.0
.1.3.6.1.4.1.9999.37.0 = Hex-STRING: 61 00 
.1.3.6.1.4.1.9999.39.0 = INTEGER: 2147483647
.1.3.6.1.4.1.9999.40.0 = OPAQUE: 
.1.3.6.1.4.1.9999.41.0 = Opaque: Float: 3.141593
.1.3.6.1.4.1.9999.42.0 = Opaque: UInt64: 18446744073709551615' ""

sh_run "$AGENT" --exec "get$(oids 6 7 8 38)"
sh_expect "hex dumps break lines every 16 bytes" 0 \
'.1.3.6.1.4.1.9999.6.0 = Hex-STRING: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 
10 
.1.3.6.1.4.1.9999.7.0 = Hex-STRING: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 
10 11 12 13 14 15 16 17 18 19 1A 1B 1C 1D 1E 1F 
.1.3.6.1.4.1.9999.8.0 = Hex-STRING: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 
10 11 12 13 14 15 16 17 18 19 1A 1B 1C 1D 1E 1F 
20 
.1.3.6.1.4.1.9999.38.0 = Hex-STRING: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F ' ""

sh_run -OT "$AGENT" --exec "get$(oids 8 3 2)"
sh_expect "-OT: text after each hex line, controls as dots" 0 \
'.1.3.6.1.4.1.9999.8.0 = Hex-STRING: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F   [................]
10 11 12 13 14 15 16 17 18 19 1A 1B 1C 1D 1E 1F   [................]
20   [ ]
.1.3.6.1.4.1.9999.3.0 = Hex-STRING: 61 62 01 63 64   [ab.cd]
.1.3.6.1.4.1.9999.2.0 = ""' ""

sh_run -Oq "$AGENT" --exec "get$(oids 1 3 9 11 18 19 21 24 30 40)"
sh_expect "-Oq" 0 \
'.1.3.6.1.4.1.9999.1.0 "Linux box"
.1.3.6.1.4.1.9999.3.0 "61 62 01 63 64 "
.1.3.6.1.4.1.9999.9.0 0:0:00:12.34
.1.3.6.1.4.1.9999.11.0 2:0:00:01.23
.1.3.6.1.4.1.9999.18.0 01 02 03 
.1.3.6.1.4.1.9999.19.0 1.500000
.1.3.6.1.4.1.9999.21.0 -1
.1.3.6.1.4.1.9999.24.0 NULL
.1.3.6.1.4.1.9999.30.0 No Such Object available on this agent at this OID
.1.3.6.1.4.1.9999.40.0 ' ""

sh_run -Oa "$AGENT" --exec "get$(oids 3 33 27)"
sh_expect "-Oa: text with dots; wire controls escaped" 0 \
'.1.3.6.1.4.1.9999.3.0 = STRING: "ab.cd"
.1.3.6.1.4.1.9999.33.0 = STRING: "x\r\ny.[31m"
.1.3.6.1.4.1.9999.27.0 = STRING: "abc."' ""

# Line for line as Net-SNMP's snmpget (values with wire controls excepted).
if command -v snmpget >/dev/null 2>&1; then
	export SNMPCONFPATH="$PEERS_TMP/none"
	ALL="1 2 3 4 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 26 27"
	ALL="$ALL 28 30 31 32 35 36 37 38 39 40 41 42"
	TXT="1 2 3 4 9 11 12 13 16 17 18 19 21 24 26 27 28 30 32 40"
	for o in '' q Q v x t e n; do
		snmpget -m '' -On ${o:+-O$o} -v 2c -c public "$AGENT" \
		    $(oids $ALL) >"$PEERS_TMP/ns.out" 2>&1
		sh_run ${o:+-O$o} "$AGENT" --exec "get$(oids $ALL)"
		tap_cmp "$OUT" "$PEERS_TMP/ns.out" "as snmpget -On ${o:+-O$o}"
	done
	for o in a T qa qT; do
		snmpget -m '' -On -O$o -v 2c -c public "$AGENT" \
		    $(oids $TXT) >"$PEERS_TMP/ns.out" 2>&1
		sh_run -O$o "$AGENT" --exec "get$(oids $TXT)"
		tap_cmp "$OUT" "$PEERS_TMP/ns.out" "as snmpget -On -O$o"
	done
else
	tap_skip "comparison with snmpget" "Net-SNMP tools not installed"
fi

# set: every type letter, as the agent echoes the varbinds back.
sh_run "$AGENT" --exec "set $E.1.0 i -7 $E.2.0 u 4294967295 $E.3.0 t 8640001 \
    $E.4.0 a 10.1.2.3 $E.5.0 o .1.3.6.1.6.3.1 $E.6.0 s 'hi there' \
    $E.7.0 x 'de ad BE EF' $E.8.0 d '1 2 255' $E.9.0 b '0 9 15' \
    $E.10.0 c 12 $E.11.0 C 18446744073709551615 $E.12.0 n x \
    $E.13.0 U 4294967296 $E.14.0 I -129 $E.15.0 F 0.25 $E.16.0 D -1e10 \
    $E.17.0 I 9223372036854775807 $E.18.0 U 0"
sh_expect "set: the type letters encode as snmpset's" 0 \
'.1.3.6.1.4.1.9999.1.0 = INTEGER: -7
.1.3.6.1.4.1.9999.2.0 = Gauge32: 4294967295
.1.3.6.1.4.1.9999.3.0 = Timeticks: (8640001) 1 day, 0:00:00.01
.1.3.6.1.4.1.9999.4.0 = IpAddress: 10.1.2.3
.1.3.6.1.4.1.9999.5.0 = OID: .1.3.6.1.6.3.1
.1.3.6.1.4.1.9999.6.0 = STRING: "hi there"
.1.3.6.1.4.1.9999.7.0 = Hex-STRING: DE AD BE EF 
.1.3.6.1.4.1.9999.8.0 = Hex-STRING: 01 02 FF 
.1.3.6.1.4.1.9999.9.0 = Hex-STRING: 80 41 
.1.3.6.1.4.1.9999.10.0 = Counter32: 12
.1.3.6.1.4.1.9999.11.0 = Counter64: 18446744073709551615
.1.3.6.1.4.1.9999.12.0 = NULL
.1.3.6.1.4.1.9999.13.0 = Opaque: UInt64: 4294967296
.1.3.6.1.4.1.9999.14.0 = Opaque: Int64: -129
.1.3.6.1.4.1.9999.15.0 = Opaque: Float: 0.250000
.1.3.6.1.4.1.9999.16.0 = Opaque: Float: -10000000000.000000
.1.3.6.1.4.1.9999.17.0 = Opaque: Int64: 9223372036854775807
.1.3.6.1.4.1.9999.18.0 = Opaque: UInt64: 0' ""

if command -v snmpset >/dev/null 2>&1; then
	# The same bytes on the wire as snmpset: compare what both print.
	snmpset -m '' -On -v 2c -c public "$AGENT" $E.13.0 U 4294967296 \
	    $E.14.0 I -129 $E.15.0 F 0.25 $E.16.0 D -1e10 $E.9.0 b '0 9 15' \
	    $E.8.0 d '1 2 255' >"$PEERS_TMP/ns.out" 2>&1
	sh_run "$AGENT" --exec "set $E.13.0 U 4294967296 $E.14.0 I -129 \
	    $E.15.0 F 0.25 $E.16.0 D -1e10 $E.9.0 b '0 9 15' $E.8.0 d '1 2 255'"
	tap_cmp "$OUT" "$PEERS_TMP/ns.out" "set U I F D b d as snmpset"
else
	tap_skip "comparison with snmpset" "Net-SNMP tools not installed"
fi

# Walk errors, as snmpwalk reports them.
sh_run "$AGENT" --exec "walk 1.3.6.1.4.1.9998"
sh_expect "walk: OID not increasing" 1 \
'.1.3.6.1.4.1.9998.2.0 = INTEGER: 1
.1.3.6.1.4.1.9998.1.0 = INTEGER: 1' \
'Error: OID not increasing: .1.3.6.1.4.1.9998.2.0
 >= .1.3.6.1.4.1.9998.1.0'

sh_run -t 0.5 -r 0 "$AGENT" --exec "walk -Cc 1.3.6.1.4.1.9998"
tap_is "$(head -n 2 "$OUT" | tr '\n' ' ')" \
    ".1.3.6.1.4.1.9998.2.0 = INTEGER: 1 .1.3.6.1.4.1.9998.1.0 = INTEGER: 1 " \
    "walk -Cc goes on after a decreasing OID"

sh_run "$AGENT" --exec "walk 1.3.6.1.4.1.9997"
# (as snmpwalk: nothing printed, so a GET of the root follows the error)
sh_expect "walk: error-status, then the GET of the root" 1 \
    '.1.3.6.1.4.1.9997 = STRING: "Linux box"' \
'Error in packet.
Reason: (genError) A general failure occured
Failed object: .1.3.6.1.4.1.9997
'

# The same errors with MIBs: the OIDs named, as snmpwalk -m ALL names them.
if command -v snmpwalk >/dev/null 2>&1; then
	D=$top_srcdir/mibs
	for r in 1.3.6.1.4.1.9998 1.3.6.1.4.1.9997; do
		SNMPCONFPATH=$PEERS_TMP snmpwalk -M "$D/ietf:$D/iana:$D/net-snmp" \
		    -m ALL -v 2c -c public "$AGENT" $r >"$PEERS_TMP/ns.out" \
		    2>"$PEERS_TMP/ns.err"
		sh_run -m ALL "$AGENT" --exec "walk $r"
		grep -v '^$' "$ERR" >"$PEERS_TMP/e1"
		grep -v '^$' "$PEERS_TMP/ns.err" >"$PEERS_TMP/e2"
		# (after an error-status snmpwalk also GETs the root when
		# it printed nothing: so does snmpsh)
		tap_cmp "$OUT" "$PEERS_TMP/ns.out" \
		    "walk $r with MIBs: stdout as snmpwalk"
		tap_cmp "$PEERS_TMP/e1" "$PEERS_TMP/e2" \
		    "walk $r with MIBs: the error named as snmpwalk names it"
	done
	tap_grep "$ERR" "Failed object: SNMPv2-SMI::enterprises.9997" \
	    "the failed object has its name"
else
	tap_skip "walk errors with names beside snmpwalk" \
	    "Net-SNMP tools not installed"
fi

sh_run_in "walk 1.3.6.1.4.1.9997
get $E.1.0
" "$AGENT"
sh_expect "batch mode goes on after a walk error" 1 \
    '.1.3.6.1.4.1.9997 = STRING: "Linux box"
.1.3.6.1.4.1.9999.1.0 = STRING: "Linux box"' '*'
