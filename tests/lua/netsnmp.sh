#!/bin/sh
# tostring(varbind) against Net-SNMP: walk Net-SNMP's snmpd from Lua and
# with `snmpwalk -On -m ''`, both without MIBs (numeric names), and
# compare: every line's OID and type label, and whole lines of subtrees
# whose values do not move between the two walks.
. "$top_srcdir/tests/lib/peers.sh"
peers_init lua-netsnmp
peers_need_snmpsh
peers_need_prog snmpd snmpwalk
snmpd_start
T=$PEERS_TMP

cat >"$T/walk.lua" <<'LUA'
local agent, root = ...
local s = assert(snmp.open{ agent = agent, timeout = 2, retries = 2 })
for vb in s:walk(root) do print(tostring(vb)) end
LUA
# OID and type label only ("... = Counter32:"), values dropped; tables
# whose rows come and go between two walks (processes, sockets, ARP) are
# left out, with the continuation lines of their values.
labels()
{
	awk '/^\./ { skip = $1 ~ /^\.1\.3\.6\.1\.2\.1\.(25\.[45]|6\.(13|19|20)|7\.[57]|4\.(22|35))\./ }
	    !skip' "$1" |
	sed -e 's/^\(\.[0-9.]* = \)\([A-Za-z0-9-]*:\).*/\1\2/' \
	    -e 's/^\(\.[0-9.]* = \)"".*/\1""/'
}
for root in 1.3.6.1.2.1 1.3.6.1.2.1.1.9 1.3.6.1.2.1.2.2.1.2 \
    1.3.6.1.2.1.2.2.1.6 1.3.6.1.2.1.4.20; do
	"$SNMPSH" -m '' --lua "$T/walk.lua" "$SNMPD_AGENT" "$root" \
	    >"$T/ours.$root" 2>&1
	snmpwalk -v 2c -c public -t 2 -r 2 -On -m '' "$SNMPD_AGENT" "$root" \
	    >"$T/theirs.$root" 2>&1
done
tap_ok "snmpd's mib-2 walk is not empty ($(wc -l <"$T/theirs.1.3.6.1.2.1") lines)" \
    test "$(wc -l <"$T/theirs.1.3.6.1.2.1")" -gt 100
labels "$T/ours.1.3.6.1.2.1" >"$T/ours.labels"
labels "$T/theirs.1.3.6.1.2.1" >"$T/theirs.labels"
tap_cmp "$T/ours.labels" "$T/theirs.labels" \
    "mib-2 walk: same OIDs and type labels as snmpwalk -On"
tap_cmp "$T/ours.1.3.6.1.2.1.1.9" "$T/theirs.1.3.6.1.2.1.1.9" \
    "sysORTable lines as snmpwalk (OID, text, Timeticks)"
tap_cmp "$T/ours.1.3.6.1.2.1.2.2.1.2" "$T/theirs.1.3.6.1.2.1.2.2.1.2" \
    "ifDescr lines as snmpwalk"
tap_cmp "$T/ours.1.3.6.1.2.1.2.2.1.6" "$T/theirs.1.3.6.1.2.1.2.2.1.6" \
    "ifPhysAddress lines as snmpwalk (empty and Hex-STRING)"
tap_cmp "$T/ours.1.3.6.1.2.1.4.20" "$T/theirs.1.3.6.1.2.1.4.20" \
    "ipAddrTable lines as snmpwalk (IpAddress, INTEGER)"
