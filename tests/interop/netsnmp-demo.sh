#!/bin/sh
# Interop: Net-SNMP's tools as managers against snmpsh's embedded demo
# agent (`snmpsh --demo=PORT --serve`), SNMPv1 and SNMPv2c.  Checks values
# and types, that sets stick and are atomic (RFC 3416 section 4.2.5), the
# exceptions of RFC 3416 section 4.2.1, the SNMPv1 mapping of RFC 3584
# (section 4.2.2.1: no Counter64 in v1, exceptions as noSuchName; section
# 4.4: SNMPv2 error-status to SNMPv1), and that GetBulk (RFC 3416 section
# 4.2.3) walks the same tree as GetNext.  The demo's counters and
# sysUpTime move, so the whole-tree comparisons mask the values (not the
# OIDs or types) of Counter32, Counter64 and Timeticks; the static
# benchmark table (--demo-rows) is compared strictly.

. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-netsnmp-demo
peers_need_prog snmpget snmpgetnext snmpwalk snmpbulkwalk snmpbulkget \
    snmpset
peers_need_snmpsh
ROWS=150
demo_start --demo-rows=$ROWS
A=$DEMO_AGENT
SYS=.1.3.6.1.2.1.1
BULK=.1.3.6.1.4.1.99999.2.1.1
T=$PEERS_TMP

ns()
{
	_o=$1
	shift
	ns_run "$T/$_o" "$@"
}

# Values of moving types masked; OIDs and types kept.
mask()
{
	sed -E 's/ = (Counter32|Counter64|Timeticks): .*/ = \1: (masked)/' "$1"
}

# The walks: GetNext v2c, GetNext v1, GetBulk v2c.
ns walk2 snmpwalk -On -m '' -v 2c -c public "$A" .1
tap_is "$NS_RC" 0 "snmpwalk v2c .1: exit status 0"
n=$(wc -l <"$T/walk2.out")
tap_ok "demo tree has a few objects ($n)" test "$n" -gt 30
tap_is "$(wc -c <"$T/walk2.err")" 0 "snmpwalk v2c .1: no error"
ns bulk2 snmpbulkwalk -On -m '' -v 2c -c public "$A" .1
mask "$T/walk2.out" >"$T/walk2.m"
mask "$T/bulk2.out" >"$T/bulk2.m"
tap_cmp "$T/bulk2.m" "$T/walk2.m" "GetBulk walk = GetNext walk (v2c, .1)"
ns bulk2r7 snmpbulkwalk -Cr7 -On -m '' -v 2c -c public "$A" .1
mask "$T/bulk2r7.out" >"$T/bulk2r7.m"
tap_cmp "$T/bulk2r7.m" "$T/walk2.m" "GetBulk -Cr7 walk = GetNext walk"

ns walk1 snmpwalk -On -m '' -v 1 -c public "$A" .1
tap_is "$NS_RC" 0 "snmpwalk v1 .1: exit status 0"
# RFC 3584 4.2.2.1: v1 GetNext skips Counter64; v2c's endOfMibView is v1's
# noSuchName ("End of MIB").
grep -v -e ' = Counter64: ' -e ' = No more variables left in this MIB View' \
    "$T/walk2.m" >"$T/walk1.want"
printf 'End of MIB\n' >>"$T/walk1.want"
mask "$T/walk1.out" >"$T/walk1.m"
tap_cmp "$T/walk1.m" "$T/walk1.want" "v1 walk = v2c walk without Counter64"
n64=$(grep -c ' = Counter64: ' "$T/walk2.out")
tap_ok "the demo serves Counter64 objects ($n64)" test "$n64" -gt 0
c64=$(grep -m 1 ' = Counter64: ' "$T/walk2.out" | cut -d' ' -f1)

# The static table: strict identity, every -Cr, and the documented values.
# It may end the demo's tree: the walk's end line (endOfMibView, or v1's
# "End of MIB") is left out of these comparisons.
awk -v rows=$ROWS -v b=$BULK 'BEGIN {
	for (i = 1; i <= rows; i++)
		printf "%s.2.%d = Counter32: %d\n", b, i, i
	for (i = 1; i <= rows; i++)
		printf "%s.3.%d = STRING: \"row %d\"\n", b, i, i
}' >"$T/table.want"
# table WANT_FILE: the output of the last walk without its end line.
table()
{
	grep -v -e '^End of MIB$' -e ' = No more variables left in this MIB View' \
	    "$1" >"$1.t"
	mv "$1.t" "$1"
}
ns tw snmpwalk -On -m '' -v 2c -c public "$A" $BULK
table "$T/tw.out"
tap_cmp "$T/tw.out" "$T/table.want" "benchmark table by GetNext: values"
for r in 1 10 25 1000; do
	ns tb snmpbulkwalk -Cr$r -On -m '' -v 2c -c public "$A" $BULK
	table "$T/tb.out"
	tap_cmp "$T/tb.out" "$T/table.want" \
	    "benchmark table by GetBulk -Cr$r = by GetNext"
done
ns tw1 snmpwalk -On -m '' -v 1 -c private "$A" $BULK
table "$T/tw1.out"
tap_cmp "$T/tw1.out" "$T/table.want" "benchmark table, v1, community private"
ns gb snmpbulkget -Cn1 -Cr3 -On -m '' -v 2c -c public "$A" \
    $SYS.1 $BULK.2.7 $BULK.3.149
printf '%s\n' "$(grep -m 1 "^$SYS.1.0 = " "$T/walk2.out")" \
    "$BULK.2.8 = Counter32: 8" "$BULK.3.150 = STRING: \"row 150\"" \
    "$BULK.2.9 = Counter32: 9" \
    "$(grep -A 1 -F "$BULK.3.150 = " "$T/walk2.out" | tail -n 1)" \
    "$BULK.2.10 = Counter32: 10" \
    "$(grep -A 2 -F "$BULK.3.150 = " "$T/walk2.out" | tail -n 1)" \
    >"$T/gb.want"
mask "$T/gb.want" >"$T/gb.wm"
mask "$T/gb.out" >"$T/gb.m"
tap_cmp "$T/gb.m" "$T/gb.wm" "getbulk non-repeaters 1, max-repetitions 3"

# Values and types of the system group; sysUpTime lives.
ns sys snmpget -On -m '' -v 2c -c public "$A" $SYS.1.0 $SYS.2.0 $SYS.3.0
tap_ok "sysDescr, sysObjectID, sysUpTime types" awk '
	NR == 1 && !/^\.1\.3\.6\.1\.2\.1\.1\.1\.0 = STRING: / { exit 1 }
	NR == 2 && !/^\.1\.3\.6\.1\.2\.1\.1\.2\.0 = OID: \.1\.3\.6\.1\./ { exit 1 }
	NR == 3 && !/^\.1\.3\.6\.1\.2\.1\.1\.3\.0 = Timeticks: \([0-9]+\) / {
		exit 1 }
	END { if (NR != 3) exit 1 }' "$T/sys.out"
up1=$(snmpget -Oqvt -m '' -v 2c -c public "$A" $SYS.3.0)
sleep 0.3
up2=$(snmpget -Oqvt -m '' -v 2c -c public "$A" $SYS.3.0)
tap_ok "sysUpTime advances ($up1 -> $up2)" test "$up2" -gt "$up1"
nif=$(snmpget -Oqv -m '' -v 2c -c public "$A" .1.3.6.1.2.1.2.1.0)
nidx=$(grep -c '^\.1\.3\.6\.1\.2\.1\.2\.2\.1\.1\.' "$T/walk2.out")
tap_is "$nif" "$nidx" "ifNumber = rows of ifTable"
tap_ok "ifIndex.N = N" awk -F' = INTEGER: ' '
	/^\.1\.3\.6\.1\.2\.1\.2\.2\.1\.1\./ {
		n = split($1, o, "."); if (o[n] != $2) exit 1; seen++ }
	END { exit !seen }' "$T/walk2.out"

# Exceptions (v2c) and their v1 mapping.
ns ex snmpget -On -m '' -v 2c -c public "$A" $SYS.99.0 $SYS.1.1
printf '%s\n' \
    "$SYS.99.0 = No Such Object available on this agent at this OID" \
    "$SYS.1.1 = No Such Instance currently exists at this OID" >"$T/ex.want"
tap_cmp "$T/ex.out" "$T/ex.want" "v2c noSuchObject, noSuchInstance"
ns eom snmpgetnext -On -m '' -v 2c -c public "$A" .1.4
EOM="No more variables left in this MIB View"
EOM="$EOM (It is past the end of the MIB tree)"
tap_is "$(cat "$T/eom.out")" ".1.4 = $EOM" "v2c endOfMibView"

# v1_error NAME REASON OID SNMPTOOL ARGS: the v1 error reported by the tool.
v1_error()
{
	_n=$1 _r=$2 _oid=$3
	shift 3
	ns v1e "$@"
	if grep -q -F "Reason: ($_r)" "$T/v1e.err" &&
	    grep -q -F "Failed object: $_oid" "$T/v1e.err"; then
		tap_result 0 "$_n: $_r"
	else
		tap_result 1 "$_n: $_r"
		tap_diag "stderr:"
		sed 's/^/#   /' "$T/v1e.err"
	fi
}
v1_error "v1 get of a missing object" noSuchName $SYS.99.0 \
    snmpget -Cf -On -m '' -v 1 -c public "$A" $SYS.99.0
v1_error "v1 get of a missing instance" noSuchName $SYS.1.1 \
    snmpget -Cf -On -m '' -v 1 -c public "$A" $SYS.1.0 $SYS.1.1
v1_error "v1 get of Counter64 (RFC 3584 4.2.2.1)" noSuchName "$c64" \
    snmpget -Cf -On -m '' -v 1 -c public "$A" "$c64"
v1_error "v1 getnext past the end" noSuchName .1.4 \
    snmpgetnext -Cf -On -m '' -v 1 -c public "$A" .1.4

# Sets stick, with either community, v1 and v2c.
set_sticks()
{
	_d=$1 _v=$2 _c=$3 _oid=$4 _type=$5 _val=$6 _want=$7
	ns set snmpset -On -m '' -v "$_v" -c "$_c" "$A" "$_oid" "$_type" "$_val"
	ns get snmpget -On -m '' -v 2c -c public "$A" "$_oid"
	tap_is "$NS_RC $(cat "$T/set.out") $(cat "$T/get.out")" \
	    "0 $_oid = $_want $_oid = $_want" "$_d"
}
set_sticks "v2c private set sysContact" 2c private $SYS.4.0 s \
    'ops "desk" <ops@example.net>' 'STRING: "ops \"desk\" <ops@example.net>"'
set_sticks "v1 public set sysName" 1 public $SYS.5.0 s demo-1 \
    'STRING: "demo-1"'
set_sticks "v2c public set sysLocation" 2c public $SYS.6.0 s 'rack 4, row 2' \
    'STRING: "rack 4, row 2"'
set_sticks "v1 private set ifAdminStatus.1 down" 1 private \
    .1.3.6.1.2.1.2.2.1.7.1 i 2 'INTEGER: 2'
set_sticks "v2c set ifAdminStatus.1 up" 2c private \
    .1.3.6.1.2.1.2.2.1.7.1 i 1 'INTEGER: 1'
set_sticks "v2c set ifAlias.1" 2c public .1.3.6.1.2.1.31.1.1.1.18.1 s \
    'uplink to core' 'STRING: "uplink to core"'
set_sticks "v2c set empty sysLocation" 2c public $SYS.6.0 s '' '""'
ns set snmpset -On -m '' -v 2c -c public "$A" $SYS.4.0 s one $SYS.5.0 s two
ns get snmpget -On -m '' -v 1 -c public "$A" $SYS.4.0 $SYS.5.0
printf '%s\n' "$SYS.4.0 = STRING: \"one\"" "$SYS.5.0 = STRING: \"two\"" \
    >"$T/two.want"
tap_cmp "$T/get.out" "$T/two.want" "set of two objects in one request"

# Set errors: v2c status (RFC 3416 4.2.5) and v1 mapping (RFC 3584 4.4).
# set_error DESC OID TYPE VALUE V2C_STATUS V1_STATUS
set_error()
{
	ns se2 snmpset -On -m '' -v 2c -c private "$A" \
	    $SYS.5.0 s unchanged "$2" "$3" "$4"
	if grep -q -E "^Reason: $5( |\$)" "$T/se2.err" &&
	    grep -q -F "Failed object: $2" "$T/se2.err" &&
	    [ "$NS_RC" -ne 0 ]; then
		tap_result 0 "v2c $1: $5"
	else
		tap_result 1 "v2c $1: $5"
		sed 's/^/#   /' "$T/se2.err"
	fi
	v1_error "v1 $1" "$6" "$2" snmpset -On -m '' -v 1 -c private "$A" \
	    $SYS.5.0 s unchanged "$2" "$3" "$4"
	ns after snmpget -Oqv -m '' -v 2c -c public "$A" $SYS.5.0
	tap_is "$(cat "$T/after.out")" '"two"' \
	    "$1: no varbind of the failed set applied"
}
set_error "set of read-only sysDescr" $SYS.1.0 s x notWritable noSuchName
set_error "set of a missing object" $SYS.99.0 s x notWritable noSuchName
set_error "set of sysContact with an INTEGER" $SYS.4.0 i 5 wrongType badValue
set_error "set of ifAdminStatus to 7" .1.3.6.1.2.1.2.2.1.7.1 i 7 \
    wrongValue badValue
set_error "set of a 256-octet sysContact" $SYS.4.0 s \
    "$(printf '%0256d' 0)" wrongLength badValue

# An unknown community is dropped (no answer).
ns bad snmpget -On -m '' -v 2c -c nobody -t 0.3 -r 0 "$A" $SYS.1.0
tap_is "$NS_RC $(cat "$T/bad.err")" "1 Timeout: No Response from $A." \
    "unknown community: no response"
tap_ok "demo agent still running" kill -0 "$DEMO_PID"
