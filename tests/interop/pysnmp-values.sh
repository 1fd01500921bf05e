#!/bin/sh
# Interop: values rendered by the MIB, over the wire.  A PySNMP agent
# (tests/interop/pysnmp_values.py) serves the crafted values of
# tests/mib/values.txt at their MIB objects: wrong types, the STRING or
# Hex-STRING choice, UTF-8 text, BITS, UNITS, DISPLAY-HINTs (DateAndTime,
# MacAddress...), enumerations out of range, InetAddress and string
# indexes; snmpsh walks it and snmpwalk walks it, with the same MIB files
# (the bundled mibs/, -m ALL), and every line must be the same, for the
# default output and -Oe, -Ox, -OX, -Ot.  An OID with several vectors is
# served by several agents (the first vector of each OID by the first
# agent, the second by the second...).  Vectors of no wire type (n, x)
# are left to tests/mib/values.sh.
. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-pysnmp-values
peers_need_prog snmpwalk
peers_need_pysnmp
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

# the vectors with numeric OIDs, plus an Opaque float (which libnetsnmp
# decodes on receipt, so only the wire shows it)
{
	cat "$top_srcdir/tests/mib/values.txt"
	echo 'laLoadFloat.1 p 9f780441200000'
	echo 'laLoadFloat.2 p 9f78044b189680'
} | awk '$2 != "n" && $2 != "x"' >"$T/vec"
cut -d' ' -f1 "$T/vec" | "$TOOL" oid >"$T/oids"
if grep -q '^ERR' "$T/oids"; then
	tap_bail "vectors with unknown names: $(grep '^ERR' "$T/oids" | head -3)"
fi
cut -d' ' -f2- "$T/vec" | paste -d' ' "$T/oids" - |
    awk '{ n = ++seen[$1]; print > (dir "/pass." n) }' dir="$T"
N=$(wc -l <"$T/vec")
P=$(find "$T" -name 'pass.*' | wc -l)
tap_ok "$N values in $P agents" test "$N" -gt 150 -a "$P" -gt 1

# one agent per pass, started together
i=1
while [ "$i" -le "$P" ]; do
	peers_port
	eval "PORT_$i=$PORT"
	"$PYSNMP_PYTHON" "$top_srcdir/tests/interop/pysnmp_values.py" \
	    "$PORT" "$T/pass.$i" </dev/null >"$T/agent.$i" 2>&1 &
	peers_track $!
	eval "PID_$i=$!"
	i=$((i + 1))
done
i=1
while [ "$i" -le "$P" ]; do
	eval "_port=\$PORT_$i _pid=\$PID_$i"
	peers_wait_file "$T/agent.$i" "ready udp:127.0.0.1:$_port" 20 \
	    "$_pid" || tap_bail "PySNMP agent $i did not start: $(tail -n 3 "$T/agent.$i")"
	i=$((i + 1))
done

for o in "" -Oe -Ox -OX -Ot; do
	: >"$T/ns.all"
	: >"$T/sh.all"
	rc=0
	i=1
	while [ "$i" -le "$P" ]; do
		eval "_port=\$PORT_$i"
		# shellcheck disable=SC2086
		ns_run "$T/ns" snmpwalk -M "$DIRS" -m ALL $o -v 2c -c public \
		    "udp:127.0.0.1:$_port" .1
		# shellcheck disable=SC2086
		sh_run "$T/sh" -m ALL $o -v 2c -c public \
		    "udp:127.0.0.1:$_port" --exec "walk .1"
		cat "$T/ns.out" >>"$T/ns.all"
		cat "$T/sh.out" >>"$T/sh.all"
		[ "$NS_RC" -eq 0 ] && [ "$SH_RC" -eq 0 ] &&
		    [ ! -s "$T/sh.err" ] || rc=1
		i=$((i + 1))
	done
	tap_cmp "$T/sh.all" "$T/ns.all" \
	    "walk ${o:-(default)}: $(wc -l <"$T/ns.all") lines as snmpwalk's"
	tap_ok "walk ${o:-(default)}: both exit 0, nothing on stderr" \
	    test "$rc" -eq 0
done
# With no MIB modules (-m ''), the shell's output is what the MIB
# layer's formatters give with no service at all (mib NULL, numeric OIDs,
# values by wire type): mibtool -N renders each agent's vectors, in OID
# order, and the walk must print the same lines, then endOfMibView.
for o in "" -Oq -Ox -Oa -OT -Ot -Ov; do
	bad=0
	i=1
	while [ "$i" -le "$P" ]; do
		eval "_port=\$PORT_$i"
		sort -V "$T/pass.$i" | "$TOOL" -N $o values >"$T/want"
		# shellcheck disable=SC2086
		sh_run "$T/nm" $o -v 2c -c public "udp:127.0.0.1:$_port" \
		    --exec "walk .1"
		sed '$d' "$T/nm.out" >"$T/got"
		cmp -s "$T/got" "$T/want" || {
			bad=$((bad + 1))
			diff "$T/want" "$T/got" | head -n 6 | sed 's/^/#   /'
		}
		i=$((i + 1))
	done
	tap_ok "-m '' walk ${o:-(default)}: the shell prints what mib_format_varbind(NULL) gives" \
	    test "$bad" -eq 0
done

# what the comparison covered
for c in 'Wrong Type (should be' 'Hex-STRING: ' 'STRING: café' \
    'BITS: ' 'Opaque: Float: ' ' KBytes' ',3:4:5.6' 'ipv6."' \
    'INTEGER: 99' '"user"'; do
	tap_ok "the compared lines include '$c'" grep -q -F -- "$c" "$T/sh.all"
done
