#!/bin/sh
# snmpsh's `translate` beside Net-SNMP's snmptranslate on the same MIB
# files (the bundled mibs/, -m ALL), for a few hundred descriptors drawn
# from every bundled module, bare and with an instance suffix: the OIDs
# (-On) identical; the default MODULE::name form identical except where
# several modules define the OID: there snmpsh names the SMIv2 module
# (SPEC §3) where snmptranslate -m ALL takes the one loaded last, so such a
# line must differ in the module alone, and snmptranslate must read our
# name as the same OID; and every name we print must translate back.
. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-snmptranslate
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

# Every 60th descriptor of all bundled modules (about 430), then the same
# with ".1.2.3" (so that indexes are decoded; -Ir: Net-SNMP checks no
# index range).  Left out: "dragonfly", a descriptor two modules give to
# two OIDs (UCD-SNMP-MIB and NET-SNMP-TC): a bare name then resolves by
# each tool's preference.
"$TOOL" complete "" | sed '$d' | grep -v '::' | awk 'NR % 60 == 1' |
    grep -vx dragonfly >"$T/names"
sed 's/$/.1.2.3/' "$T/names" >"$T/inst"
cat "$T/names" "$T/inst" >"$T/all"
N=$(wc -l <"$T/all")
tap_ok "$N names to translate" test "$N" -gt 600

# shellcheck disable=SC2046
sh_run "$T/on" -m ALL --exec "translate -On $(tr '\n' ' ' <"$T/all")"
# shellcheck disable=SC2046
snmptranslate -M "$DIRS" -m ALL -IRr -On $(cat "$T/all") 2>"$T/ns.err" |
    grep -v '^$' >"$T/ns.on"
tap_cmp "$T/on.out" "$T/ns.on" "translate -On: $N names as snmptranslate -IRr -On"
tap_ok "translate -On: exit 0, nothing on stderr" \
    test "$SH_RC" -eq 0 -a ! -s "$T/on.err"

for o in "" -Of -Os; do
	# shellcheck disable=SC2046
	sh_run "$T/named" -m ALL --exec "translate $o $(tr '\n' ' ' <"$T/all")"
	# shellcheck disable=SC2046,SC2086
	snmptranslate -M "$DIRS" -m ALL -IRr $o $(cat "$T/all") 2>/dev/null |
	    grep -v '^$' >"$T/ns.named"
	paste -d '\t' "$T/ns.on" "$T/named.out" "$T/ns.named" |
	    awk -F '\t' '$2 != $3' >"$T/diff"
	bad=0 pref=0
	while IFS='	' read -r oid ours theirs; do
		# ISDN-MIB gives { isdnMib 2 } two names (isdnMibTrapPrefix
		# and isdnMibConformance): either is right in the -Of path
		if [ "$o" = -Of ] && [ "$(echo "$ours" |
		    sed 's/isdnMibTrapPrefix/isdnMibConformance/')" = "$theirs" ]
		then
			pref=$((pref + 1))
			continue
		fi
		if [ "$o" = "" ] && [ "${ours#*::}" = "${theirs#*::}" ] &&
		    [ "$(snmptranslate -M "$DIRS" -m ALL -IR -On "$ours" \
		    2>/dev/null)" = "$oid" ]; then
			pref=$((pref + 1))
			continue
		fi
		bad=$((bad + 1))
		[ "$bad" -le 10 ] && tap_diag "$oid: ours '$ours', net-snmp '$theirs'"
	done <"$T/diff"
	tap_ok "translate ${o:--OS}: $N names as snmptranslate ($pref by preference)" \
	    test "$bad" -eq 0 -a "$(wc -l <"$T/named.out")" -eq "$N"
done

# Round trip with printable index arcs (other bytes print as '.', as in
# Net-SNMP, and cannot come back): every name we print reads back to its
# OID, by snmpsh and by snmptranslate.
sed 's/$/.97.98.99.100/' "$T/names" >"$T/rt"
# shellcheck disable=SC2046
sh_run "$T/rton" -m ALL --exec "translate -On $(tr '\n' ' ' <"$T/rt")"
# shellcheck disable=SC2046
sh_run "$T/rtnamed" -m ALL --exec "translate $(tr '\n' ' ' <"$T/rt")"
# shellcheck disable=SC2046
# (quotes escaped for snmpsh's own word splitting)
# shellcheck disable=SC2046
sh_run "$T/rtback" -m ALL --exec "translate -On $(sed "s/[\"']/\\\\&/g" \
    "$T/rtnamed.out" | tr '\n' ' ')"
tap_cmp "$T/rtback.out" "$T/rton.out" \
    "$(wc -l <"$T/rt") names with a string index read back by snmpsh"
# shellcheck disable=SC2046
snmptranslate -M "$DIRS" -m ALL -IRr -On $(cat "$T/rtnamed.out") \
    2>/dev/null | grep -v '^$' >"$T/rtns"
tap_cmp "$T/rtns" "$T/rton.out" "and by snmptranslate"
