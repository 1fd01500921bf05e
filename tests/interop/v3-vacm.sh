#!/bin/sh
# Interop: RFC 3415 VACM in snmpsh's responder, seen by Net-SNMP's
# snmpget, snmpwalk, snmpbulkwalk and snmpset (SNMPv1, SNMPv2c and SNMPv3)
# against `snmpsh --demo --serve`, whose community "limited" and user
# "demolim" read the system and interfaces groups except the ifDescr
# column, and write the system group only.  A walk shows exactly that view
# (the excluded column skipped, endOfMibView after ifTable, RFC 3416
# section 4.2.2-3); a Get outside it is noSuchObject (v1: noSuchName); a
# Set outside the write view is noAccess (RFC 3416 section 4.2.5 step 1);
# an unknown context is the snmpUnknownContexts report (RFC 3413 section
# 3.2); "public" and "demo" still see and write everything.

. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-v3-vacm
peers_need_prog snmpget snmpwalk snmpbulkwalk snmpset
peers_need_snmpsh
demo_start --demo-rows=20
A=$DEMO_AGENT
T=$PEERS_TMP
LIM3="-v 3 -u demolim -l authPriv -a SHA -A demo-auth-pass -x AES \
-X demo-priv-pass"
RW3="-v 3 -u demo -l authPriv -a SHA -A demo-auth-pass -x AES \
-X demo-priv-pass"
SYS=.1.3.6.1.2.1.1
IFDESCR=.1.3.6.1.2.1.2.2.1.2
IFADMIN=.1.3.6.1.2.1.2.2.1.7
END=' = No more variables left in this MIB View (It is past the end of the MIB tree)'

# Values that move masked; OIDs and types kept.
mask()
{
	sed -E 's/ = (Counter32|Counter64|Timeticks): .*/ = \1: (masked)/' "$1"
}

# The whole tree through "public", and the part the view should show.
ns_run "$T/all" snmpwalk -On -m '' -v 2c -c public "$A" .1
tap_is "$NS_RC" 0 "snmpwalk -c public .1: exit 0"
n=$(grep -c "^$IFDESCR\." "$T/all.out")
tap_ok "public sees ifDescr ($n rows)" test "$n" -gt 0
n=$(grep -c -e '^.1.3.6.1.4.1.99999.2.* = Counter32: ' \
    -e '^.1.3.6.1.4.1.99999.2.* = STRING: ' "$T/all.out")
tap_ok "public sees the benchmark table ($n)" test "$n" -eq 40
mask "$T/all.out" | grep -e "^$SYS\." -e '^.1.3.6.1.2.1.2\.' |
    grep -v "^$IFDESCR\." >"$T/view.want"
tap_ok "the view has system and interfaces objects" \
    test "$(wc -l <"$T/view.want")" -gt 40

# walk PREFIX DESC TOOL ARGS...: the view, exactly, then endOfMibView.
walk()
{
	_w=$1 _d=$2
	shift 2
	ns_run "$T/$_w" "$@" "$A" .1
	tail -n 1 "$T/$_w.out" >"$T/$_w.last"
	grep -v -e "$END" -e '^End of MIB$' "$T/$_w.out" >"$T/$_w.body"
	mask "$T/$_w.body" >"$T/$_w.m"
	tap_cmp "$T/$_w.m" "$T/view.want" "$_d: exactly the view"
}
walk w2 "snmpwalk -v2c -c limited" snmpwalk -On -m '' -v 2c -c limited
tap_grep "$T/w2.last" "$END" "snmpwalk -v2c: endOfMibView after the view"
walk b2 "snmpbulkwalk -v2c -c limited" snmpbulkwalk -On -m '' -Cr7 \
    -v 2c -c limited
walk w3 "snmpwalk -v3 demolim" snmpwalk -On -m '' $LIM3
walk b3 "snmpbulkwalk -v3 demolim" snmpbulkwalk -On -m '' $LIM3
tap_grep "$T/b3.last" "$END" "snmpbulkwalk -v3: endOfMibView after the view"
# v1 walks hide Counter64 and end on noSuchName ("End of MIB")
ns_run "$T/w1" snmpwalk -On -m '' -v 1 -c limited "$A" .1
grep -v -e ' = Counter64: ' "$T/view.want" >"$T/view1.want"
grep -v -e '^End of MIB$' "$T/w1.out" | mask /dev/stdin >"$T/w1.m"
tap_cmp "$T/w1.m" "$T/view1.want" "snmpwalk -v1 -c limited: the view"

# Get: inside, excluded column, outside every included family.
ns_run "$T/g2" snmpget -On -m '' -v 2c -c limited "$A" $SYS.5.0 \
    $IFDESCR.1 .1.3.6.1.2.1.31.1.1.1.1.1
printf '%s\n' "$SYS.5.0 = STRING: \"snmpsh-demo\"" \
    "$IFDESCR.1 = No Such Object available on this agent at this OID" \
    ".1.3.6.1.2.1.31.1.1.1.1.1 = No Such Object available on this agent at this OID" \
    >"$T/g2.want"
tap_cmp "$T/g2.out" "$T/g2.want" \
    "snmpget -v2c: excluded and outside objects are noSuchObject"
ns_run "$T/g3" snmpget -On -m '' $LIM3 "$A" $SYS.5.0 $IFDESCR.1 \
    .1.3.6.1.2.1.31.1.1.1.1.1
tap_cmp "$T/g3.out" "$T/g2.want" "snmpget -v3 demolim: the same"
ns_run "$T/g1" snmpget -On -m '' -v 1 -c limited "$A" $SYS.5.0 $IFDESCR.1
tap_is "$NS_RC" 2 "snmpget -v1 of ifDescr.1: an error"
tap_grep "$T/g1.err" 'noSuchName' "snmpget -v1: noSuchName"
tap_grep "$T/g1.err" "Failed object: $IFDESCR.1" "snmpget -v1: index 2"
ns_run "$T/gr" snmpget -On -m '' $RW3 "$A" $IFDESCR.1
tap_grep "$T/gr.out" "$IFDESCR.1 = STRING: " "user demo still reads ifDescr"

# Set: the write view is the system group.
ns_run "$T/st0" snmpget -Oqv -m '' -v 2c -c public "$A" $IFADMIN.1 $SYS.4.0
ns_run "$T/s2" snmpset -On -m '' -v 2c -c limited "$A" $SYS.6.0 s \
    "lab-v2c"
tap_is "$NS_RC $(cat "$T/s2.out")" \
    "0 $SYS.6.0 = STRING: \"lab-v2c\"" "snmpset -v2c of sysLocation: done"
# reason REASON OBJECT DESC: the last snmpset failed with it
reason()
{
	if [ "$NS_RC" -ne 0 ] && grep -q -E "^Reason: $1\$" "$T/se.err" &&
	    grep -q -F "Failed object: $2" "$T/se.err"; then
		tap_result 0 "$3"
	else
		tap_result 1 "$3"
		sed 's/^/#   /' "$T/se.err"
	fi
}
ns_run "$T/se" snmpset -On -m '' -v 2c -c limited "$A" $SYS.4.0 s x \
    $IFADMIN.1 i 2
reason noAccess $IFADMIN.1 \
    "snmpset -v2c of ifAdminStatus.1 (readable, not writable): noAccess"
ns_run "$T/se" snmpset -On -m '' $LIM3 "$A" $IFADMIN.1 i 2
reason noAccess $IFADMIN.1 "snmpset -v3 demolim: noAccess"
ns_run "$T/se" snmpset -On -m '' -v 1 -c limited "$A" $IFADMIN.1 i 2
reason '\(noSuchName\) There is no such variable name in this MIB\.' \
    $IFADMIN.1 "snmpset -v1: noAccess seen as noSuchName"
ns_run "$T/st" snmpget -Oqv -m '' -v 2c -c public "$A" $IFADMIN.1 $SYS.4.0
tap_cmp "$T/st.out" "$T/st0.out" \
    "the refused sets changed nothing (ifAdminStatus.1, sysContact.0)"
ns_run "$T/s3" snmpset -On -m '' $LIM3 "$A" $SYS.4.0 s "ops@lab"
tap_is "$NS_RC" 0 "snmpset -v3 demolim of sysContact: done"
ns_run "$T/s4" snmpset -On -m '' -v 2c -c public "$A" $IFADMIN.3 i 1
tap_is "$NS_RC" 0 "public still writes ifAdminStatus"

# RFC 3413 section 3.2: an unknown context is reported.
ns_run "$T/c" snmpget -On -m '' -r 0 -t 2 $LIM3 -n nosuchcontext "$A" \
    $SYS.5.0
tap_ok "unknown context: an error at once (exit $NS_RC)" test "$NS_RC" -ne 0
tap_grep "$T/c.err" 'context' "unknown context: Net-SNMP says so"
tap_ok "demo agent still running" kill -0 "$DEMO_PID"
