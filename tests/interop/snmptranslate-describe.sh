#!/bin/sh
# snmpsh's `describe` beside Net-SNMP's `snmptranslate -Td` on the same MIB
# files (the bundled mibs/, -m ALL), for every definition of eighteen
# common modules (objects, tables, rows, columns, scalars, notifications,
# groups, compliances, identities: enumerations, BITS, DISPLAY-HINTs,
# DEFVALs, UNITS, AUGMENTS, IMPLIED indexes), each compared whole.
#
# A definition may differ in two ways only:
# - where several modules define the OID, snmpsh shows the current SMIv2
#   module's definition (SPEC §3) and snmptranslate -m ALL the one it
#   loaded first (RFC1213-MIB's icmpInMsgs for IP-MIB's): then snmptranslate
#   must read our MODULE::name as the same OID, our text must equal
#   `snmptranslate -m MODULE -Td` for that module, and the "-- FROM" line
#   must name the same modules as snmptranslate -m ALL;
# - a line pair listed in tests/interop/snmptranslate-describe.excused
#   (NAME<TAB>snmptranslate's line<TAB>snmpsh's line, reasons above them).
. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-describe
peers_need_prog snmptranslate
peers_need_snmpsh
TOOL=$top_builddir/tests/mib/mibtool
if [ ! -x "$TOOL" ]; then
	tap_bail "tests/mib/mibtool is not built (make check builds it)"
fi

D=$top_srcdir/mibs
DIRS=$D/ietf:$D/iana:$D/net-snmp
mkdir -p "$PEERS_TMP/conf"
export SNMPCONFPATH="$PEERS_TMP/conf" MIBS= MIBDIRS= SMIPATH="$DIRS"
T=$PEERS_TMP
EXCUSED=$top_srcdir/tests/interop/snmptranslate-describe.excused

MODULES="SNMPv2-MIB IF-MIB IP-MIB TCP-MIB UDP-MIB HOST-RESOURCES-MIB
SNMP-FRAMEWORK-MIB SNMP-TARGET-MIB SNMP-NOTIFICATION-MIB
SNMP-USER-BASED-SM-MIB SNMP-VIEW-BASED-ACM-MIB DISMAN-EVENT-MIB
NOTIFICATION-LOG-MIB IP-FORWARD-MIB UCD-SNMP-MIB NET-SNMP-AGENT-MIB
ENTITY-MIB BRIDGE-MIB"
: >"$T/names"
for m in $MODULES; do
	"$TOOL" complete "$m::" | grep '::' >>"$T/names"
done
N=$(wc -l <"$T/names")
tap_ok "$N definitions of $(echo $MODULES | wc -w) modules" test "$N" -gt 1000
# shellcheck disable=SC2046
snmptranslate -M "$DIRS" -m ALL -Td $(cat "$T/names") >"$T/ns" 2>"$T/ns.err"
sh_run "$T/sh" -m ALL --exec "describe $(tr '\n' ' ' <"$T/names")"
tap_ok "describe of $N names: exit 0, nothing on stderr" \
    test "$SH_RC" -eq 0 -a ! -s "$T/sh.err"

# split each output into one file per definition: a block starts with
# "MODULE::name", then "name MACRO", then "  -- FROM"
split_blocks()
{
	mkdir -p "$2"
	awk -v dir="$2" '
	{ l[NR] = $0 }
	END {
		k = 0
		for (i = 1; i <= NR; i++) {
			if (l[i] ~ /^[A-Za-z0-9-]+::[A-Za-z0-9-]+$/ &&
			    i + 2 <= NR && index(l[i + 1], \
			    substr(l[i], index(l[i], "::") + 2) " ") == 1 &&
			    index(l[i + 2], "  -- FROM") == 1) {
				if (k > 0) close(f)
				k++
				f = dir "/" k
			}
			if (k > 0 && !(l[i] == "" && i + 1 <= NR &&
			    l[i + 1] ~ /::/ && i + 3 <= NR &&
			    index(l[i + 3], "  -- FROM") == 1))
				print l[i] > f
		}
		print k
	}' "$1"
}
nns=$(split_blocks "$T/ns" "$T/ns.d")
nsh=$(split_blocks "$T/sh.out" "$T/sh.d")
tap_ok "one definition per name from both ($nns, $nsh)" \
    test "$nns" -eq "$N" -a "$nsh" -eq "$N"

# excused A B NAME: every line pair of A and B that differs is excused
excused()
{
	[ "$(wc -l <"$1")" -eq "$(wc -l <"$2")" ] || return 1
	awk -v n="$3" -v A="$1" -v B="$2" -v E="$T/exc" 'BEGIN {
		while ((getline l < E) > 0) ok[l] = 1
		while ((getline x < A) > 0) {
			getline y < B
			if (x != y && !((n "\t" x "\t" y) in ok)) {
				print "# " x " | " y; bad++
			}
		}
		exit bad > 0 }' >"$T/why"
}

grep -v '^#' "$EXCUSED" >"$T/exc"
same=0 pref=0 excused=0 bad=0 badpref=0
i=0
while IFS= read -r name; do
	i=$((i + 1))
	a=$T/ns.d/$i b=$T/sh.d/$i
	if cmp -s "$a" "$b"; then
		same=$((same + 1))
		continue
	fi
	theirs=$(head -n 1 "$a") ours=$(head -n 1 "$b")
	if [ "$theirs" != "$ours" ]; then
		# SPEC §3: another module's definition of the same OID
		mod=${ours%%::*}
		oid=$(snmptranslate -M "$DIRS" -m ALL -On "$theirs" 2>/dev/null)
		oid2=$(snmptranslate -M "$DIRS" -m ALL -IR -On "$ours" 2>/dev/null)
		snmptranslate -M "$DIRS" -m "$mod" -Td "$ours" >"$T/one" 2>/dev/null
		f1=$(sed -n 3p "$a" | sed 's/.*\t//' | tr -d ' ' | tr , '\n' | sort | tr '\n' ,)
		f2=$(sed -n 3p "$b" | sed 's/.*\t//' | tr -d ' ' | tr , '\n' | sort | tr '\n' ,)
		if [ "${theirs#*::}" = "${ours#*::}" ] && [ -n "$oid" ] &&
		    [ "$oid" = "$oid2" ] && [ "$f1" = "$f2" ] &&
		    sed 3d "$T/one" >"$T/one3" && sed 3d "$b" >"$T/b3" &&
		    excused "$T/one3" "$T/b3" "$ours"; then
			pref=$((pref + 1))
		else
			badpref=$((badpref + 1))
			[ "$badpref" -le 5 ] && tap_diag "$name: $theirs vs $ours"
		fi
		continue
	fi
	# line by line, each differing pair excused by name
	if excused "$a" "$b" "$ours"; then
		excused=$((excused + 1))
	else
		bad=$((bad + 1))
		[ "$bad" -le 10 ] && tap_diag "$name: $(head -n 2 "$T/why")"
	fi
done <"$T/names"
tap_ok "describe: $same of $N definitions identical to snmptranslate -Td" \
    test "$same" -gt 1300
tap_ok "describe: $pref show the current SMIv2 module's definition (SPEC §3), each as snmptranslate -m MODULE -Td" \
    test "$badpref" -eq 0
tap_ok "describe: $excused differ only in excused lines, $bad otherwise" \
    test "$bad" -eq 0 -a $((same + pref + excused + bad + badpref)) -eq "$N"

# the clauses above are covered: each appears in the identical outputs
for c in '  DEFVAL	' '  UNITS	' '  AUGMENTS	' 'IMPLIED ' '  DISPLAY-HINT	' \
    'SYNTAX	BITS' '  OBJECTS	' ' NOTIFICATION-TYPE$' ' MODULE-COMPLIANCE$' \
    '  INDEX	' 'read-create$' ' OBJECT-IDENTITY$' 'TEXTUAL CONVENTION'; do
	tap_ok "the compared definitions include '$c'" \
	    grep -q -- "$c" "$T/sh.out"
done

# instances and OIDs below a node: the OID named as translate names it,
# the node's definition, every arc in "::="
for n in IF-MIB::ifDescr.3 .1.3.6.1.2.1.2.2.1.2.3 SNMPv2-MIB::sysDescr.0 \
    .1.3.6.1.4.1.99999.1 .1.3.6.1.2.1.2.2.1.99.5 \
    SNMP-VIEW-BASED-ACM-MIB::vacmSecurityToGroupStorageType.3.2.117.49; do
	snmptranslate -M "$DIRS" -m ALL -Td "$n" >"$T/one" 2>&1
	sh_run "$T/i" -m ALL --exec "describe $n"
	tap_cmp "$T/i.out" "$T/one" "describe $n as snmptranslate -Td"
done
