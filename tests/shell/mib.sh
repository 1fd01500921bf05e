#!/bin/sh
# snmpsh with MIBs, in batch mode against the embedded demo agent: names
# in every OID argument (plain, MODULE::name, dotted, numeric), named
# output and the -O forms, Net-SNMP's words for unknown names, `-m ''`
# keeping the numeric path, translate, describe, table, `set` with `=`
# (enumeration labels, strings, range checks before sending) and help.
# The bundled MIBs come from SMIPATH (tests/local.mk); sh_run puts -m ''
# first, so each run here gives -m ALL after it.
. "$top_srcdir/tests/lib/peers.sh"
. "$top_srcdir/tests/shell/lib.sh"
peers_init shell-mib
peers_need_snmpsh

M="-m ALL"

# shellcheck disable=SC2086
sh_run $M --demo --exec 'get sysName.0 SNMPv2-MIB::sysServices.0 ifType.1 ifPhysAddress.2 .1.3.6.1.2.1.2.2.1.8.3'
sh_expect "get by names: named lines, enums, hints" 0 \
'SNMPv2-MIB::sysName.0 = STRING: snmpsh-demo
SNMPv2-MIB::sysServices.0 = INTEGER: 72
IF-MIB::ifType.1 = INTEGER: softwareLoopback(24)
IF-MIB::ifPhysAddress.2 = STRING: 52:54:0:12:34:56
IF-MIB::ifOperStatus.3 = INTEGER: down(2)' ""

# shellcheck disable=SC2086
sh_run $M --demo --exec 'getnext sysName; walk -Oq sysORID; bulkwalk -Os ifDescr; get -Oe -Ov ifOperStatus.3; get -On iso.org.dod.internet.mgmt.mib-2.interfaces.ifTable.ifEntry.ifDescr.1; get -Of ifTable.ifEntry.ifMtu.2'
sh_expect "getnext, walk -Oq, bulkwalk -Os, -Oe -Ov, -On, -Of" 0 \
'SNMPv2-MIB::sysName.0 = STRING: snmpsh-demo
SNMPv2-MIB::sysORID.1 SNMPv2-MIB::snmpMIB
SNMPv2-MIB::sysORID.2 IF-MIB::ifMIB
SNMPv2-MIB::sysORID.3 SNMP-VIEW-BASED-ACM-MIB::vacmBasicGroup
ifDescr.1 = STRING: lo
ifDescr.2 = STRING: eth0
ifDescr.3 = STRING: eth1
ifDescr.4 = STRING: wlan0
INTEGER: 2
.1.3.6.1.2.1.2.2.1.2.1 = STRING: lo
.iso.org.dod.internet.mgmt.mib-2.interfaces.ifTable.ifEntry.ifMtu.2 = INTEGER: 1500' ""

sh_run --demo --exec 'get 1.3.6.1.2.1.1.5.0 .1.3.6.1.2.1.2.2.1.3.1'
sh_expect "-m '': numeric names, values by wire type (as before MIBs)" 0 \
'.1.3.6.1.2.1.1.5.0 = STRING: "snmpsh-demo"
.1.3.6.1.2.1.2.2.1.3.1 = INTEGER: 24' ""

# Unknown names: Net-SNMP's message, status 1, and nothing is sent (the
# agent is a closed port: a timeout would follow otherwise).
# shellcheck disable=SC2086
sh_run $M -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'get bogusName'
sh_expect "unknown name as snmpget says it" 1 "" \
    "bogusName: Unknown Object Identifier (Sub-id not found: (top) -> bogusName)"
# shellcheck disable=SC2086
sh_run $M -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'walk IF-MIB::nothing'
sh_expect "unknown MODULE::name" 1 "" \
    "IF-MIB::nothing: Unknown Object Identifier"
# shellcheck disable=SC2086
sh_run $M -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'get ifDescr.x'
sh_expect "bad index value" 1 "" \
    "ifDescr.x: Unknown Object Identifier (Index out of range: x (ifIndex))"
# shellcheck disable=SC2086
sh_run $M -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'get 1.3.nothing'
sh_expect "unknown label under a numeric prefix" 1 "" \
    "1.3.nothing: Unknown Object Identifier (Sub-id not found: org -> nothing)"

# (an InetAddress index written as an address: its 4 bytes, RFC 4001)
# shellcheck disable=SC2086
sh_run $M --exec 'translate sysDescr.0 .1.3.6.1.2.1.31.1.1.1.1.4 ipAddressIfIndex.ipv4."127.0.0.1"; translate -On IF-MIB::ifDescr.2; translate -Of sysName.0; translate -Os 1.3.6.1.2.1.2.2'
sh_expect "translate, no session needed" 0 \
'SNMPv2-MIB::sysDescr.0
IF-MIB::ifName.4
IP-MIB::ipAddressIfIndex.ipv4.127.0.0.1
.1.3.6.1.2.1.2.2.1.2.2
.iso.org.dod.internet.mgmt.mib-2.system.sysName.0
ifTable' ""
sh_run --exec 'translate .1.3.6.1.2.1.1.1.0'
sh_expect "translate with -m '' is numeric" 0 '.1.3.6.1.2.1.1.1.0' ""

# shellcheck disable=SC2086
sh_run $M --exec 'describe ifAdminStatus'
sh_expect "describe" 0 'IF-MIB::ifAdminStatus
ifAdminStatus OBJECT-TYPE
  -- FROM	IF-MIB, RFC1213-MIB, RFC1158-MIB
  SYNTAX	INTEGER {up(1), down(2), testing(3)} 
  MAX-ACCESS	read-write
  STATUS	current
  DESCRIPTION	"The desired state of the interface.  The testing(3) state
            indicates that no operational packets can be passed.  When a
            managed system initializes, all interfaces start with
            ifAdminStatus in the down(2) state.  As a result of either
            explicit management action or per configuration information
            retained by the managed system, ifAdminStatus is then
            changed to either the up(1) or testing(3) states (or remains
            in the down(2) state)."
::= { iso(1) org(3) dod(6) internet(1) mgmt(2) mib-2(1) interfaces(2) ifTable(2) ifEntry(1) 7 }' ""
sh_run --exec 'describe ifAdminStatus'
sh_expect "describe needs MIBs" 2 "" \
    "snmpsh: describe: no MIB modules are loaded (-m '')"

# table: the first columns (the counters move)
# shellcheck disable=SC2086
sh_run $M --demo --exec 'table -Ci -Cf , ifTable'
cut -d, -f1-9 "$OUT" >"$PEERS_TMP/cut" && mv "$PEERS_TMP/cut" "$OUT"
sh_expect "table -Ci -Cf , ifTable (GETBULK)" 0 'SNMP table: IF-MIB::ifTable

index,ifIndex,ifDescr,ifType,ifMtu,ifSpeed,ifPhysAddress,ifAdminStatus,ifOperStatus
1,1,lo,softwareLoopback,65536,10000000,,up,up
2,2,eth0,ethernetCsmacd,1500,1000000000,52:54:0:12:34:56,up,up
3,3,eth1,ethernetCsmacd,1500,1000000000,52:54:0:ab:cd:ef,up,down
4,4,wlan0,ieee80211,1500,300000000,2:1a:2b:3c:4d:5e,up,up' ""
# shellcheck disable=SC2086
sh_run $M --demo -v 1 --exec 'table -Cb ifTable'
cut -c1-40 "$OUT" >"$PEERS_TMP/cut" && mv "$PEERS_TMP/cut" "$OUT"
sh_expect "table -Cb over SNMPv1 (GETNEXT)" 0 'SNMP table: IF-MIB::ifTable

 Index Descr             Type   Mtu     
     1    lo softwareLoopback 65536   10
     2  eth0   ethernetCsmacd  1500 1000
     3  eth1   ethernetCsmacd  1500 1000
     4 wlan0        ieee80211  1500  300' ""
# shellcheck disable=SC2086
sh_run $M --demo --exec 'table sysDescr'
sh_expect "table of a scalar" 2 "" "snmpsh: table: sysDescr: not a table"

# set with `=`
# shellcheck disable=SC2086
sh_run $M --demo --exec 'set sysContact.0 = "ops at example" ifAdminStatus.3 = down; get ifAdminStatus.3; set ifAdminStatus.3 = 1; get -Oqv ifAdminStatus.3'
sh_expect "set = with a string and an enumeration label, then a number" 0 \
'SNMPv2-MIB::sysContact.0 = STRING: ops at example
IF-MIB::ifAdminStatus.3 = INTEGER: down(2)
IF-MIB::ifAdminStatus.3 = INTEGER: down(2)
IF-MIB::ifAdminStatus.3 = INTEGER: up(1)
up' ""
# shellcheck disable=SC2086
sh_run $M -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'set ifAdminStatus.3 = sideways'
sh_expect "set = with an unknown label: refused before sending" 2 "" \
    "snmpsh: set: ifAdminStatus.3: ifAdminStatus: 'sideways' is not one of its labels"
# shellcheck disable=SC2086
sh_run $M -t 0.2 -r 0 udp:127.0.0.1:1 --exec "set sysContact.0 = $(printf '%0300d' 0)"
sh_expect "set = of a string too long: refused before sending" 2 "" \
    "snmpsh: set: sysContact.0: sysContact: 300 bytes is not an allowed size (0..255)"
# shellcheck disable=SC2086
sh_run $M -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'set ifAdminStatus.3 = 9'
sh_expect "set = of a number outside the enumeration" 2 "" \
    "snmpsh: set: ifAdminStatus.3: ifAdminStatus: 9 is not one of its values"

sh_run --exec 'help'
tap_grep "$OUT" "translate [-O<n f s S u>] OID..." "help lists translate"
tap_grep "$OUT" "describe OID..." "help lists describe"
tap_grep "$OUT" "table [-Cb -Ci" "help lists table"

sh_run -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'get IF-MIB::ifDescr.1'
sh_expect "-m '': MODULE::name is unknown, as snmpget -m '' says" 1 "" \
    "IF-MIB::ifDescr.1: Unknown Object Identifier"

# `mib errors` names a module that does not parse, with file, line and
# libsmi's reason; `mib modules` counts what loaded.
mkdir -p "$PEERS_TMP/badmib"
printf 'BROKEN-MIB DEFINITIONS ::= BEGIN\n foo OBJECT IDENTIFER ::= { 1 3 }\nEND\n' \
    > "$PEERS_TMP/badmib/BROKEN-MIB"
sh_run -M "+$PEERS_TMP/badmib" -m +BROKEN-MIB --exec 'mib errors'
tap_ok "mib errors: exit 0" test "$RC" = 0
tap_grep "$OUT" "BROKEN-MIB: $PEERS_TMP/badmib/BROKEN-MIB:2: syntax error" \
    "mib errors: the broken module with file, line and reason"
# shellcheck disable=SC2086
sh_run $M --exec 'mib modules'
tap_ok "mib modules: every bundled module (300 or more)" \
    grep -q -E "^3[0-9][0-9] modules loaded$" "$OUT"
sh_run $M --exec 'mib bogus'
sh_expect "mib: usage" 2 "" "snmpsh: mib: usage: mib errors | mib path | mib modules"
