#!/bin/sh
# Values rendered by the MIB layer against Net-SNMP's own renderer (its
# library's snprint_variable(), in tests/mib/nsoracle) on the same MIB
# files: the vectors of tests/mib/values.txt (enumerations, BITS,
# DISPLAY-HINTs, UNITS, TimeTicks, wrong types, index decoding) under
# each of the -O forms.  Names in the vectors are turned into numeric OIDs
# by the layer first (tests/mib/translate.sh checks that against
# snmptranslate), so both sides see the same OIDs.  The vectors avoid
# OIDs that several modules define (where SPEC §3 prefers the SMIv2
# module and Net-SNMP -m ALL the one loaded first) and control characters
# (escaped by SPEC §3).  Then the same vectors with no MIB service at all
# (the formatters with mib NULL, as for `-m ''`) against Net-SNMP with no
# modules, numeric OIDs (-On: with no modules Net-SNMP still names the
# root "iso", snmpsh prints numbers) and raw bytes (-r: no SPEC §3
# escaping) on both sides.  Prints TAP.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
TOOL="$top_builddir/tests/mib/mibtool"
ORACLE="$top_builddir/tests/mib/nsoracle"
D="$top_srcdir/mibs"
DIRS="$D/ietf:$D/iana:$D/net-snmp"
FORMS="S q e Q v x a t T U qe n f s b u X"
NOMIB="n nq nQ ne nx na nt nT nU nv nb"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mibval.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/conf"

set -- $FORMS $NOMIB
echo "1..$#"
if [ ! -x "$ORACLE" ]; then
	i=0
	for f in $FORMS $NOMIB; do
		i=$((i + 1))
		if [ "${CI:-}" = true ]; then
			echo "not ok $i - -O$f: no Net-SNMP library to compare with"
		else
			echo "ok $i # SKIP -O$f: libnetsnmp (libsnmp-dev) not found"
		fi
	done
	exit 0
fi
# Numeric OIDs, then the value part again.
cut -d' ' -f1 "$top_srcdir/tests/mib/values.txt" > "$TMP/names"
SMIPATH="$DIRS" MIBS= MIBDIRS= "$TOOL" oid < "$TMP/names" > "$TMP/oids"
cut -d' ' -f2- "$top_srcdir/tests/mib/values.txt" | paste -d' ' "$TMP/oids" - \
    > "$TMP/vec"
N=$(wc -l < "$TMP/vec")
i=0
for f in $FORMS; do
	i=$((i + 1))
	SMIPATH="$DIRS" MIBS= MIBDIRS= "$TOOL" -O$f values < "$TMP/vec" \
	    > "$TMP/ours"
	SNMPCONFPATH="$TMP/conf" MIBS=ALL MIBDIRS="$DIRS" "$ORACLE" "$f" \
	    < "$TMP/vec" > "$TMP/theirs" 2>/dev/null
	if [ "$N" -gt 100 ] && ! grep -q '^ERR' "$TMP/oids" &&
	    cmp -s "$TMP/ours" "$TMP/theirs"; then
		echo "ok $i - -O$f: $N values as Net-SNMP renders them"
	else
		echo "not ok $i - -O$f: values differ from Net-SNMP"
		diff "$TMP/ours" "$TMP/theirs" | head -8 | sed 's/^/# /'
	fi
done
for f in $NOMIB; do
	i=$((i + 1))
	"$TOOL" -N -r -O$f values < "$TMP/vec" > "$TMP/ours"
	SNMPCONFPATH="$TMP/conf" MIBS= MIBDIRS="$TMP/none" "$ORACLE" "$f" \
	    < "$TMP/vec" > "$TMP/theirs" 2>/dev/null
	if [ "$N" -gt 100 ] && cmp -s "$TMP/ours" "$TMP/theirs"; then
		echo "ok $i - no MIB, -O$f: $N values as Net-SNMP with no modules"
	else
		echo "not ok $i - no MIB, -O$f: values differ from Net-SNMP"
		diff "$TMP/ours" "$TMP/theirs" | head -8 | sed 's/^/# /'
	fi
done
