#!/bin/sh
# walk and bulkwalk in batch mode against the embedded demo agent: output
# line for line as snmpwalk/snmpbulkwalk print it, the -C letters (p i I c
# E r), the GET fallback, endOfMibView, SNMPv1 "End of MIB", a long walk of
# the synthetic table, and equality with Net-SNMP's snmpwalk when present.
. "$top_srcdir/tests/lib/peers.sh"
. "$top_srcdir/tests/shell/lib.sh"
peers_init shell-walk
peers_need_snmpsh

OR=1.3.6.1.2.1.1.9.1.2
ORLINES='.1.3.6.1.2.1.1.9.1.2.1 = OID: .1.3.6.1.6.3.1
.1.3.6.1.2.1.1.9.1.2.2 = OID: .1.3.6.1.2.1.31
.1.3.6.1.2.1.1.9.1.2.3 = OID: .1.3.6.1.6.3.16.2.2.1'

sh_run --demo --exec "walk $OR"
sh_expect "walk a column" 0 "$ORLINES" ""

sh_run --demo --exec "bulkwalk $OR"
sh_expect "bulkwalk a column" 0 "$ORLINES" ""

sh_run --demo --exec "bulkwalk -Cr1 $OR"
sh_expect "bulkwalk -Cr1" 0 "$ORLINES" ""

sh_run --demo --exec "walk -Cp $OR"
sh_expect "walk -Cp counts" 0 "$ORLINES
Variables found: 3" ""

sh_run --demo --exec "walk -CE 1.3.6.1.2.1.1.9.1.2.3 $OR"
sh_expect "walk -CE stops before the end OID" 0 \
'.1.3.6.1.2.1.1.9.1.2.1 = OID: .1.3.6.1.6.3.1
.1.3.6.1.2.1.1.9.1.2.2 = OID: .1.3.6.1.2.1.31' ""

sh_run --demo --exec "walk 1.3.6.1.2.1.1.5.0"
sh_expect "walk of a leaf: the GET fallback" 0 \
'.1.3.6.1.2.1.1.5.0 = STRING: "snmpsh-demo"' ""

sh_run --demo --exec "walk -CI -Cp 1.3.6.1.2.1.1.5.0"
sh_expect "walk -CI: no GET fallback" 0 'Variables found: 0' ""

sh_run --demo --exec "walk -Ci 1.3.6.1.2.1.1.9.1.2.1"
sh_expect "walk -Ci: the root itself is included" 0 \
'.1.3.6.1.2.1.1.9.1.2.1 = OID: .1.3.6.1.6.3.1' ""

sh_run --demo --exec "walk 1.3.6.1.6"
sh_expect "walk past the end: endOfMibView line" 0 \
'.1.3.6.1.6 = No more variables left in this MIB View (It is past the end of the MIB tree)' ""

sh_run -v1 --demo --exec "walk -Cp 1.3.6.1.6"
sh_expect "SNMPv1 walk past the end: End of MIB" 0 'End of MIB
Variables found: 0' ""

sh_run -v1 --demo --exec "walk $OR"
sh_expect "SNMPv1 walk" 0 "$ORLINES" ""

sh_run -v1 --demo --exec "bulkwalk $OR"
tap_is "$RC" 2 "bulkwalk on SNMPv1 is refused"

sh_run --demo --exec "walk"
tap_is "$RC" 0 "walk without OID: exit 0"
tap_is "$(head -n 1 "$OUT" | cut -d' ' -f1)" ".1.3.6.1.2.1.1.1.0" \
    "walk without OID starts at mib-2 (sysDescr.0)"
tap_ok "walk without OID stays in mib-2" \
    sh -c "! grep -v '^\\.1\\.3\\.6\\.1\\.2\\.1\\.' '$OUT'"
cp "$OUT" "$PEERS_TMP/walk.out"
sh_run --demo --exec "bulkwalk -Cr25"
awk '{print $1}' "$OUT" >"$PEERS_TMP/bulk.oids"
awk '{print $1}' "$PEERS_TMP/walk.out" >"$PEERS_TMP/walk.oids"
tap_cmp "$PEERS_TMP/bulk.oids" "$PEERS_TMP/walk.oids" \
    "bulkwalk and walk of mib-2 visit the same OIDs"

# The synthetic table: 2 columns of N rows.
ROWS=3000
B=1.3.6.1.4.1.99999.2.1.1
sh_run --demo --demo-rows=$ROWS --exec "bulkwalk -Cr50 -Cp $B"
tap_is "$RC" 0 "bulkwalk of $ROWS rows: exit 0"
# The table ends the MIB: the walk ends with endOfMibView, counted.
tap_is "$(tail -n 1 "$OUT")" "Variables found: $((ROWS * 2 + 1))" \
    "bulkwalk of $ROWS rows: all varbinds"
tap_is "$(tail -n 2 "$OUT" | head -n 1)" \
    ".1.3.6.1.4.1.99999.2.1.1.3.$ROWS = No more variables left in this MIB View (It is past the end of the MIB tree)" \
    "bulkwalk of $ROWS rows: ends with endOfMibView"
tap_is "$(sed -n 1p "$OUT")" ".1.3.6.1.4.1.99999.2.1.1.2.1 = Counter32: 1" \
    "bulk table: first line"
tap_is "$(sed -n "$((ROWS + 1))p" "$OUT")" \
    '.1.3.6.1.4.1.99999.2.1.1.3.1 = STRING: "row 1"' \
    "bulk table: first row of column 3"
cp "$OUT" "$PEERS_TMP/bulk.out"
sh_run --demo --demo-rows=$ROWS --exec "walk -Cp $B"
tap_cmp "$OUT" "$PEERS_TMP/bulk.out" "walk and bulkwalk print the same"

# Net-SNMP's snmpwalk/snmpbulkwalk print the same lines.
if command -v snmpwalk >/dev/null 2>&1 &&
    command -v snmpbulkwalk >/dev/null 2>&1; then
	demo_start --demo-rows=200
	export SNMPCONFPATH="$PEERS_TMP/none"
	for sub in 1.3.6.1.2.1.1.9 1.3.6.1.2.1.2.2.1.2 1.3.6.1.4.1.99999.2 \
	    1.3.6.1.2.1.1.4.0 1.3.6.1.9; do
		snmpwalk -m '' -On -Cp -v 2c -c public "$DEMO_AGENT" $sub \
		    >"$PEERS_TMP/ns.out" 2>&1
		sh_run "$DEMO_AGENT" --exec "walk -Cp $sub"
		tap_cmp "$OUT" "$PEERS_TMP/ns.out" "walk $sub as snmpwalk"
		snmpbulkwalk -m '' -On -Cp -v 2c -c public "$DEMO_AGENT" $sub \
		    >"$PEERS_TMP/ns.out" 2>&1
		sh_run "$DEMO_AGENT" --exec "bulkwalk -Cp $sub"
		tap_cmp "$OUT" "$PEERS_TMP/ns.out" "bulkwalk $sub as snmpbulkwalk"
	done
	snmpwalk -m '' -On -v 1 -c public "$DEMO_AGENT" 1.3.6.1.9 \
	    >"$PEERS_TMP/ns.out" 2>&1
	sh_run -v 1 "$DEMO_AGENT" --exec "walk 1.3.6.1.9"
	tap_cmp "$OUT" "$PEERS_TMP/ns.out" "SNMPv1 walk past the end as snmpwalk"
else
	tap_skip "comparison with snmpwalk" "Net-SNMP tools not installed"
fi
