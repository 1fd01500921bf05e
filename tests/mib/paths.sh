#!/bin/sh
# Where snmpsh finds MIB modules and which it loads, as users of Net-SNMP
# and libsmi expect (snmpcmd(1) -m/-M, MIBS/MIBDIRS, libsmi's SMIPATH and
# smi.conf(5) ~/.smirc, ~/.snmp/mibs), and MIB load errors: silent unless
# asked, by `mib errors` or -Pe.  Each case puts a small module of its own
# in a folder and looks for its object by name; `mib path` shows the
# search path.  Prints TAP.
. "$top_srcdir/tests/lib/peers.sh"
. "$top_srcdir/tests/shell/lib.sh"
peers_init mib-paths
peers_need_snmpsh

B=$top_srcdir/mibs
BUNDLED=$B/ietf:$B/iana:$B/net-snmp
export HOME="$PEERS_TMP/home"
mkdir -p "$HOME"
unset MIBS MIBDIRS SMIPATH

# run ARGS...: snmpsh with exactly ARGS (no -m '' first, unlike sh_run)
run()
{
	OUT=$PEERS_TMP/out
	ERR=$PEERS_TMP/err
	"$SNMPSH" "$@" </dev/null >"$OUT" 2>"$ERR"
	RC=$?
}

# mkmib DIR MODULE OBJECT ARC: a module with one scalar under
# enterprises.99999.ARC
mkmib()
{
	mkdir -p "$1"
	cat >"$1/$2" <<EOF
$2 DEFINITIONS ::= BEGIN
IMPORTS MODULE-IDENTITY, OBJECT-TYPE, Integer32, enterprises
	FROM SNMPv2-SMI;
${3}Module MODULE-IDENTITY
	LAST-UPDATED "202601010000Z"
	ORGANIZATION "snmpsh tests"
	CONTACT-INFO "none"
	DESCRIPTION "A module of the MIB path tests."
	::= { enterprises 99999 $4 }
$3 OBJECT-TYPE
	SYNTAX Integer32
	MAX-ACCESS read-only
	STATUS current
	DESCRIPTION "An object of the MIB path tests."
	::= { ${3}Module 1 }
END
EOF
}
T=$PEERS_TMP
mkmib "$HOME/.snmp/mibs" HOME-TEST-MIB homeObject 1
mkmib "$T/plus" PLUS-TEST-MIB plusObject 2
mkmib "$T/minus" MINUS-TEST-MIB minusObject 3
mkmib "$T/smipath" SMIPATH-TEST-MIB smipathObject 4
mkmib "$T/rcpath" RCPATH-TEST-MIB rcpathObject 5
mkmib "$T/loaded" RCLOAD-TEST-MIB rcloadObject 6
E=.1.3.6.1.4.1.99999

# ~/.snmp/mibs is searched first, and its modules are part of ALL
run --exec 'translate -On homeObject.0'
sh_expect "~/.snmp/mibs: its modules loaded by default" 0 "$E.1.1.0" ""
run --exec 'mib path'
tap_ok "~/.snmp/mibs: first in the path, then the bundled folder" \
    test "$(cut -d: -f1-4 "$OUT")" = "$HOME/.snmp/mibs:$BUNDLED"

# -M and MIBDIRS: DIRS replaces, +DIRS appends, -DIRS prepends
export SMIPATH="$BUNDLED"
run -M "+$T/plus" --exec 'translate -On plusObject.0; mib path'
sh_expect "-M +DIR: appended, its module loaded" 0 "$E.2.1.0
$HOME/.snmp/mibs:$BUNDLED:$T/plus" ""
run -M "-$T/minus" --exec 'translate -On minusObject.0; mib path'
sh_expect "-M -DIR: prepended" 0 "$E.3.1.0
$T/minus:$HOME/.snmp/mibs:$BUNDLED" ""
MIBDIRS="+$T/plus" run -M "-$T/minus" --exec 'translate -On plusObject.0 minusObject.0; mib path'
sh_expect "MIBDIRS=+DIR, then -M -DIR on top" 0 "$E.2.1.0
$E.3.1.0
$T/minus:$HOME/.snmp/mibs:$BUNDLED:$T/plus" ""
MIBDIRS="$T/plus:$BUNDLED" run --exec 'translate -On plusObject.0 sysDescr.0; mib path'
sh_expect "MIBDIRS=DIRS replaces the path" 0 "$E.2.1.0
.1.3.6.1.2.1.1.1.0
$T/plus:$BUNDLED" ""
run -M "$T/plus" --exec 'mib path'
sh_expect "-M DIRS replaces the path (the bundled folders stay last, for imports)" 0 "$T/plus:$BUNDLED" ""

# -m and MIBS: MODS replaces the set, +MODS/-MODS add, ALL is every module
run -m IF-MIB -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'translate -On ifDescr.1; translate ipForwarding.0'
sh_expect "-m IF-MIB: IF-MIB's names, not IP-MIB's" 1 ".1.3.6.1.2.1.2.2.1.2.1" \
    "ipForwarding.0: Unknown Object Identifier (Sub-id not found: (top) -> ipForwarding)"
MIBS=IF-MIB run -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'translate ipForwarding.0'
sh_expect "MIBS=IF-MIB likewise" 1 "" \
    "ipForwarding.0: Unknown Object Identifier (Sub-id not found: (top) -> ipForwarding)"
MIBS=IF-MIB run -m +IP-MIB --exec 'translate -On ifDescr.1 ipForwarding.0'
sh_expect "MIBS=IF-MIB, -m +IP-MIB: both" 0 ".1.3.6.1.2.1.2.2.1.2.1
.1.3.6.1.2.1.4.1.0" ""
MIBS=IF-MIB run -m -IP-MIB --exec 'translate -On ifDescr.1 ipForwarding.0'
sh_expect "MIBS=IF-MIB, -m -IP-MIB: both" 0 ".1.3.6.1.2.1.2.2.1.2.1
.1.3.6.1.2.1.4.1.0" ""
MIBS=IF-MIB run -m ALL --exec 'translate -On ipForwarding.0 homeObject.0'
sh_expect "MIBS=IF-MIB, -m ALL: every module" 0 ".1.3.6.1.2.1.4.1.0
$E.1.1.0" ""
MIBS=+ALL run -m IF-MIB --exec 'mib modules'
n=$(sed -n 's/ modules loaded//p' "$OUT")
tap_ok "-m IF-MIB over MIBS: only IF-MIB and its imports ($n modules)" \
    test "${n:-0}" -gt 3 -a "${n:-0}" -lt 12
MIBS=IF-MIB run -m +ALL --exec 'mib modules'
n=$(sed -n 's/ modules loaded//p' "$OUT")
tap_ok "MIBS=IF-MIB, -m +ALL: every bundled module ($n)" \
    test "${n:-0}" -gt 300
run -M "+$T/plus" -m +PLUS-TEST-MIB:IF-MIB -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'translate -On plusObject.0'
sh_expect "-m +MOD1:MOD2 adds both" 0 "$E.2.1.0" ""

# SMIPATH: DIRS before the bundled folder, ":DIRS" after it
SMIPATH="$T/smipath" run --exec 'translate -On smipathObject.0 sysDescr.0; mib path'
sh_expect "SMIPATH=DIR: searched before the bundled folder, which stays" 0 \
"$E.4.1.0
.1.3.6.1.2.1.1.1.0
$HOME/.snmp/mibs:$T/smipath:$BUNDLED" ""
SMIPATH=":$T/smipath" run -M "$BUNDLED:$T/smipath" --exec 'translate -On smipathObject.0'
sh_expect "SMIPATH=:DIR" 0 "$E.4.1.0" ""
SMIPATH=":$T/smipath" run --exec 'mib path'
tap_ok "SMIPATH=:DIR: last, after the bundled folder" \
    test "$(cut -d: -f1-4 "$OUT"):$(tr : '\n' <"$OUT" | tail -n 1)" = \
    "$HOME/.snmp/mibs:$BUNDLED:$T/smipath"

# libsmi's ~/.smirc: path and load lines (SMIPATH unset: it would
# replace what path lines set, as in libsmi) (with this application's tag, or
# none), other applications' lines ignored; a replacing path keeps the
# bundled folder
cat >"$HOME/.smirc" <<EOF
# smi.conf(5)
path $T/rcpath
load $T/loaded/RCLOAD-TEST-MIB
smilint: path /nowhere/smilint
snmpsh: path :$T/plus
level 9
EOF
unset SMIPATH
run --exec 'translate -On rcpathObject.0 rcloadObject.0 plusObject.0 sysDescr.0'
sh_expect "~/.smirc: path and load lines (and 'snmpsh:' ones)" 0 "$E.5.1.0
$E.6.1.0
$E.2.1.0
.1.3.6.1.2.1.1.1.0" ""
run --exec 'mib path'
tap_ok "~/.smirc: path lines around the bundled folder" \
    test "$(cut -d: -f1-5 "$OUT"):$(tr : '\n' <"$OUT" | tail -n 1)" = \
    "$HOME/.snmp/mibs:$T/rcpath:$BUNDLED:$T/plus"
tap_ok "~/.smirc: another application's line ignored" \
    sh -c "! grep -q /nowhere '$OUT'"
run -m IF-MIB -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'translate rcloadObject.0'
sh_expect "-m MODS replaces ~/.smirc's load lines too" 1 "" \
    "rcloadObject.0: Unknown Object Identifier (Sub-id not found: (top) -> rcloadObject)"
rm -f "$HOME/.smirc"
export SMIPATH="$BUNDLED"

# Load errors: never on the terminal unasked; `mib errors` and -Pe name
# the module, file, line and libsmi's reason
mkdir -p "$T/bad"
printf 'BROKEN-MIB DEFINITIONS ::= BEGIN\n foo OBJECT IDENTIFER ::= { 1 3 }\nEND\n' \
    >"$T/bad/BROKEN-MIB"
run -M "+$T/bad" -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'translate -On nothingAtAll; translate -On sysDescr.0'
sh_expect "a broken module in the path: silent (ALL loaded lazily)" 1 \
    ".1.3.6.1.2.1.1.1.0" \
    "nothingAtAll: Unknown Object Identifier (Sub-id not found: (top) -> nothingAtAll)"
run -M "+$T/bad" -Pe --exec 'translate -On sysDescr.0'
tap_ok "-Pe: exit 0, the translation on stdout" \
    test "$RC" -eq 0 -a "$(cat "$OUT")" = .1.3.6.1.2.1.1.1.0
tap_grep "$ERR" "snmpsh: MIB: BROKEN-MIB: $T/bad/BROKEN-MIB:2: syntax error" \
    "-Pe: the broken module on stderr with file, line and reason"
tap_is "$(wc -l <"$ERR")" 1 "-Pe: that error only"
run -M "+$T/bad" -m +NO-SUCH-MIB -Pe --exec 'translate -On sysDescr.0'
tap_grep "$ERR" "snmpsh: MIB: NO-SUCH-MIB: failed to locate MIB module \`NO-SUCH-MIB'" \
    "-Pe: a module that is not found"
run -M "+$T/bad" -m +NO-SUCH-MIB --exec 'mib errors'
tap_grep "$OUT" "NO-SUCH-MIB: failed to locate MIB module \`NO-SUCH-MIB'" \
    "mib errors: the module not found"
tap_grep "$OUT" "BROKEN-MIB: $T/bad/BROKEN-MIB:2: syntax error" \
    "mib errors: the broken one"
tap_is "$(wc -l <"$OUT")" 2 "mib errors: these two only (the bundled modules load)"
run -Pee --exec 'translate -On sysDescr.0'
sh_expect "-Pee toggles twice: silent" 0 ".1.3.6.1.2.1.1.1.0" ""
run -Pu -PR --exec 'translate -On sysDescr.0'
sh_expect "-P u and R: accepted" 0 ".1.3.6.1.2.1.1.1.0" ""
run -Px --exec 'translate sysDescr.0'
sh_expect "-Px: a usage error" 2 "" \
    "snmpsh: -Px: unknown MIB option 'x' (u c d e w W R)"

# A directory of modules whose imports reach for SNMPv2-SMI without having
# it (Net-SNMP's own folder, as Debian installs it): libsmi would crash in
# duplicateType; the bundled base modules still resolve the imports.
mkdir -p "$T/ucd"
cp "$top_srcdir/mibs/net-snmp/UCD-SNMP-MIB" "$top_srcdir/mibs/net-snmp/UCD-DISKIO-MIB" "$T/ucd/"
run -M "$T/ucd" -m UCD-DISKIO-MIB --exec 'translate -On diskIOTable'
sh_expect "-M without the SMI base modules: no crash, the name resolves" 0 \
    ".1.3.6.1.4.1.2021.13.15.1" ""
export MIBDIRS="$T/ucd"
run -m ALL --exec 'translate UCD-DISKIO-MIB::diskIOTable'
unset MIBDIRS
sh_expect "MIBDIRS without the SMI base modules, ALL: no crash" 0 \
    "UCD-DISKIO-MIB::diskIOTable" ""
