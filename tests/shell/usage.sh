#!/bin/sh
# snmpsh's command line and usage errors (SPEC §2): --help, --version,
# unknown options and bad values (exit 2, message naming the token), the
# -v3 accepted, commands without a session, unknown commands and names.
. "$top_srcdir/tests/lib/peers.sh"
. "$top_srcdir/tests/shell/lib.sh"
peers_init shell-usage
peers_need_snmpsh

sh_run --help
tap_is "$RC" 0 "--help exits 0"
tap_grep "$OUT" "Usage: snmpsh [SESSION OPTIONS] [AGENT]" "--help shows usage"
tap_grep "$OUT" "-c COMMUNITY" "--help lists the session options"
tap_grep "$OUT" "--demo[=PORT]" "--help lists the modes"
tap_is "$(wc -c <"$ERR")" 0 "--help writes nothing on stderr"

sh_run --version
tap_ok "--version prints the version" grep -q '^snmpsh [0-9]' "$OUT"

sh_run --bogus
sh_expect "unknown long option" 2 "" "snmpsh: --bogus: unknown option
Try 'snmpsh --help' for more information."

sh_run -Z 127.0.0.1
sh_expect "unknown short option" 2 "" "snmpsh: -Z: unknown option
Try 'snmpsh --help' for more information."

sh_run -v 4 127.0.0.1 --exec 'get 1.3.6.1.2.1.1.1.0'
sh_expect "bad -v value" 2 "" "snmpsh: -v 4: unknown SNMP version (1, 2c or 3)
Try 'snmpsh --help' for more information."

sh_run -v3 -u admin -t 0.2 -r 0 127.0.0.1:9 --exec 'get 1.3.6.1.2.1.1.1.0'
sh_expect "-v3 (attached) is parsed and tried" 1 "" \
    "Timeout: No Response from 127.0.0.1:9."

sh_run -v 2c -l authPriv -a SHA-256 -A secret12 -x AES -X secret12 \
    -u bob -t 0.5 -r 0 --exec 'help quit'
sh_expect "v3 letters are accepted with v2c" 0 "usage: quit
  leave the shell" ""

sh_run -l someLevel 127.0.0.1
tap_is "$RC" 2 "bad -l value: exit 2"
tap_grep "$ERR" "snmpsh: -l someLevel: unknown security level" \
    "bad -l value: message names the token"

sh_run -a MD6 127.0.0.1
tap_grep "$ERR" "snmpsh: -a MD6: unknown authentication protocol" \
    "bad -a value named"

sh_run -x ROT13 127.0.0.1
tap_grep "$ERR" "snmpsh: -x ROT13: unknown privacy protocol" \
    "bad -x value named"

sh_run -t abc 127.0.0.1
tap_is "$RC" 2 "bad -t: exit 2"
tap_grep "$ERR" "snmpsh: -t abc: " "bad -t: message names the token"

sh_run -r -1 127.0.0.1
tap_grep "$ERR" "snmpsh: -r -1: " "bad -r named"

sh_run -c
tap_is "$RC" 2 "-c without a value: exit 2"
tap_grep "$ERR" "snmpsh: -c: option requires a value" "-c without a value"

sh_run -Oz 127.0.0.1
tap_grep "$ERR" "snmpsh: -Oz: unknown output option 'z'" "bad -O letter"

sh_run 127.0.0.1 127.0.0.2
sh_expect "two agents" 2 "" "snmpsh: 127.0.0.2: unexpected argument (one AGENT only; commands go in --exec or on stdin)
Try 'snmpsh --help' for more information."

sh_run --serve
tap_is "$RC" 2 "--serve without --demo: exit 2"

sh_run --demo=99999
tap_grep "$ERR" "snmpsh: --demo=99999: not a port number" "bad --demo port"

sh_run --exec 'get 1.3.6.1.2.1.1.1.0'
sh_expect "no session: get" 2 "" \
    "snmpsh: get: no session (open one, or give an AGENT)"

sh_run_in 'walk
' 
sh_expect "no session: walk in batch mode" 2 "" \
    "snmpsh: walk: no session (open one, or give an AGENT)"

sh_run --exec 'frobnicate 1 2'
sh_expect "unknown command" 2 "" "snmpsh: frobnicate: unknown command (try 'help')"

sh_run --exec 'help'
tap_is "$RC" 0 "help: exit 0"
for c in get getnext getbulk walk bulkwalk set help quit; do
	tap_ok "help lists $c" grep -q "^  $c" "$OUT"
done

sh_run --exec 'help nosuch'
sh_expect "help of an unknown command" 2 "" "snmpsh: help: nosuch: unknown command"

sh_run --exec "get 'unterminated"
sh_expect "unterminated quote" 2 "" "snmpsh: unterminated ' quote"

# Local argument errors come before any network traffic.
sh_run -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'get sysDescr.0'
sh_expect "-m '': no names, as Net-SNMP with no modules: exit 1" 1 "" \
    "sysDescr.0: Unknown Object Identifier (Sub-id not found: (top) -> sysDescr)"
sh_run -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'get 1.3.6.1.99999999999'
sh_expect "sub-identifier overflow" 1 "" \
    "snmpsh: get: 1.3.6.1.99999999999: sub-identifier larger than 4294967295"
sh_run -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'get'
sh_expect "get without OID" 2 "" "snmpsh: get: missing OID (usage: get OID...)"
sh_run -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'getbulk -Cx 1.3'
sh_expect "getbulk bad -C letter" 2 "" \
    "snmpsh: getbulk: -Cx: unknown option (-Cn<N> or -Cr<M>)"
sh_run -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'getbulk -Cr-1 1.3'
sh_expect "getbulk bad -Cr value" 2 "" \
    "snmpsh: getbulk: -Cr -1: not a number from 0 to 2147483647"
sh_run -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'walk -Cz'
sh_expect "walk bad -C letter" 2 "" \
    "snmpsh: walk: -Cz: unknown option (-Cc -Ci -CI -Cp -Ct -CE<OID>)"
sh_run -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'walk 1.3 1.4'
sh_expect "walk takes one OID" 2 "" \
    "snmpsh: walk: 1.4: only one OID (usage: walk [-Cc -Ci -CI -Cp -Ct -CE<OID>] [OID])"
sh_run -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'set 1.3.6.1.2.1.1.5.0 = foo'
sh_expect "set with '=' needs MIB modules" 2 "" \
    "snmpsh: set: 1.3.6.1.2.1.1.5.0: type '=' takes the type from the MIB, and no MIB modules are loaded (-m): give a type letter"
sh_run -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'set 1.3.6.1.2.1.1.5.0 q foo'
sh_expect "set with an unknown type letter" 2 "" \
    "snmpsh: set: 1.3.6.1.2.1.1.5.0: q: unknown type (i u t a o s x d b U I F D c C n)"
sh_run -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'set 1.3.6.1.2.1.1.5.0 i 12x'
sh_expect "set with a bad integer" 2 "" \
    "snmpsh: set: 1.3.6.1.2.1.1.5.0: 12x: bad value for type 'i'"
sh_run -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'set 1.3.6.1.2.1.1.5.0 a 1.2.3'
sh_expect "set with a bad IpAddress" 2 "" \
    "snmpsh: set: 1.3.6.1.2.1.1.5.0: 1.2.3: bad value for type 'a'"
sh_run -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'set 1.3.6.1.2.1.1.5.0 x 0g'
sh_expect "set with bad hex" 2 "" \
    "snmpsh: set: 1.3.6.1.2.1.1.5.0: 0g: bad value for type 'x'"
sh_run -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'set 1.3.6.1.2.1.1.5.0 s'
sh_expect "set with a missing value" 2 "" \
    "snmpsh: set: 1.3.6.1.2.1.1.5.0: needs OID TYPE VALUE (usage: set OID TYPE VALUE [OID TYPE VALUE...])"
sh_run -t 0.2 -r 0 udp:127.0.0.1:1 --exec 'set 1.3.6.1.2.1.1.5.0 u 4294967296'
sh_expect "set with an out-of-range unsigned" 2 "" \
    "snmpsh: set: 1.3.6.1.2.1.1.5.0: 4294967296: bad value for type 'u'"

# Agents that cannot be opened.
sh_run udp:127.0.0.1:99999 --exec 'get 1.3.6.1.2.1.1.1.0'
tap_is "$RC" 1 "bad agent port: exit 1"
tap_grep "$ERR" "snmpsh: udp:127.0.0.1:99999: " "bad agent port: named"
tap_is "$(wc -l <"$ERR")" 1 "bad agent port: one line"
sh_run tcp:127.0.0.1:161 --exec 'get 1.3.6.1.2.1.1.1.0'
tap_is "$RC" 2 "unsupported transport: exit 2"
tap_grep "$ERR" "snmpsh: tcp:127.0.0.1:161: " "unsupported transport: named"
