#!/bin/sh
# get, getnext, getbulk and set in batch mode against the embedded demo
# agent (`snmpsh --demo --exec ...`, and commands on stdin): exact stdout,
# stderr and exit status, Net-SNMP's wording for error-status, -O letters,
# SNMPv1 behaviour, and that a failing command does not stop a batch.
. "$top_srcdir/tests/lib/peers.sh"
. "$top_srcdir/tests/shell/lib.sh"
peers_init shell-request
peers_need_snmpsh

SYS=1.3.6.1.2.1.1

sh_run --demo --exec "get $SYS.5.0"
sh_expect "get one scalar" 0 '.1.3.6.1.2.1.1.5.0 = STRING: "snmpsh-demo"' ""

sh_run --demo --exec "get .$SYS.5.0 $SYS.7.0 $SYS.2.0 $SYS.8.0"
sh_expect "get several, leading dot accepted, typed values" 0 \
'.1.3.6.1.2.1.1.5.0 = STRING: "snmpsh-demo"
.1.3.6.1.2.1.1.7.0 = INTEGER: 72
.1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.99999.1
.1.3.6.1.2.1.1.8.0 = Timeticks: (0) 0:00:00.00' ""

sh_run --demo --exec "get $SYS.99.0 $SYS.5.1"
sh_expect "get: exceptions are printed as Net-SNMP does, exit 0" 0 \
'.1.3.6.1.2.1.1.99.0 = No Such Object available on this agent at this OID
.1.3.6.1.2.1.1.5.1 = No Such Instance currently exists at this OID' ""

sh_run --demo --exec "getnext $SYS.4 $SYS.9.1.2.1"
sh_expect "getnext" 0 \
'.1.3.6.1.2.1.1.4.0 = STRING: "Demo Admin <admin@example.net>"
.1.3.6.1.2.1.1.9.1.2.2 = OID: .1.3.6.1.2.1.31' ""

sh_run --demo --exec "getbulk -Cn1 -Cr2 $SYS.4.0 $SYS.9.1.2"
sh_expect "getbulk -Cn1 -Cr2" 0 \
'.1.3.6.1.2.1.1.5.0 = STRING: "snmpsh-demo"
.1.3.6.1.2.1.1.9.1.2.1 = OID: .1.3.6.1.6.3.1
.1.3.6.1.2.1.1.9.1.2.2 = OID: .1.3.6.1.2.1.31' ""

sh_run --demo --exec "getbulk -Cn 0 -Cr 3 $SYS.9.1.2.2"
sh_expect "getbulk with separate -C values; endOfMibView is not reached" 0 \
'.1.3.6.1.2.1.1.9.1.2.3 = OID: .1.3.6.1.6.3.16.2.2.1
.1.3.6.1.2.1.1.9.1.3.1 = STRING: "The MIB module for SNMP entities"
.1.3.6.1.2.1.1.9.1.3.2 = STRING: "The MIB module to describe generic objects for network interface sub-layers"' ""

sh_run --demo --exec "getbulk 1.3.6.1.6"
sh_expect "getbulk past the end of the MIB" 0 \
'.1.3.6.1.6 = No more variables left in this MIB View (It is past the end of the MIB tree)' ""

sh_run --demo --exec "set $SYS.6.0 s 'Lab 2'; get $SYS.6.0"
sh_expect "set a string (quoted word), then get it" 0 \
'.1.3.6.1.2.1.1.6.0 = STRING: "Lab 2"
.1.3.6.1.2.1.1.6.0 = STRING: "Lab 2"' ""

sh_run --demo --exec "set $SYS.6.0 x '41 42 01'"
sh_expect "set x: bytes shown as Hex-STRING" 0 \
'.1.3.6.1.2.1.1.6.0 = Hex-STRING: 41 42 01 ' ""

sh_run --demo --exec "set $SYS.6.0 d 65.66.67 $SYS.4.0 s \"say \\\"hi\\\" \\\\o/\""
sh_expect "set d and s in one request; quotes and backslashes escaped" 0 \
'.1.3.6.1.2.1.1.6.0 = STRING: "ABC"
.1.3.6.1.2.1.1.4.0 = STRING: "say \"hi\" \\o/"' ""

sh_run --demo --exec "set $SYS.6.0 x '61 0A 62 0D 09 63'"
sh_expect "control characters from the wire are escaped, never raw" 0 \
'.1.3.6.1.2.1.1.6.0 = STRING: "a\nb\r\tc"' ""

sh_run --demo --exec "set $SYS.5.0 i 5"
sh_expect "set with the wrong type: error-status as snmpset prints it" 1 "" \
'Error in packet.
Reason: wrongType (The set datatype does not match the data type the agent expects)
Failed object: .1.3.6.1.2.1.1.5.0
'

sh_run --demo --exec "set $SYS.1.0 s nope"
sh_expect "set of a read-only object" 1 "" \
'Error in packet.
Reason: notWritable (That object does not support modification)
Failed object: .1.3.6.1.2.1.1.1.0
'

sh_run -v 1 --demo --exec "get $SYS.5.0 $SYS.99.0"
sh_expect "SNMPv1 noSuchName as snmpget prints it, then the others again" 1 \
'.1.3.6.1.2.1.1.5.0 = STRING: "snmpsh-demo"' \
'Error in packet
Reason: (noSuchName) There is no such variable name in this MIB.
Failed object: .1.3.6.1.2.1.1.99.0
'

sh_run -v 1 --demo --exec "getnext $SYS.9.1.4.3 1.3.6.1.6 $SYS.4"
sh_expect "SNMPv1 getnext past the end, as snmpgetnext (with a period)" 1 \
'.1.3.6.1.2.1.2.1.0 = INTEGER: 4
.1.3.6.1.2.1.1.4.0 = STRING: "Demo Admin <admin@example.net>"' \
'Error in packet.
Reason: (noSuchName) There is no such variable name in this MIB.
Failed object: .1.3.6.1.6
'

sh_run -v1 --demo --exec "getbulk $SYS"
sh_expect "getbulk on SNMPv1 is refused" 2 "" \
'snmpsh: getbulk: GETBULK needs SNMPv2c or SNMPv3 (session demo is SNMPv1)'

sh_run -c wrongcommunity -t 0.2 -r 0 --demo --exec "get $SYS.5.0"
tap_is "$RC" 1 "a wrong community times out (exit 1)"
tap_grep "$ERR" "Timeout: No Response from udp:127.0.0.1:" \
    "a wrong community: Net-SNMP's timeout text"

# -O letters, given to the program or to a command.
sh_run -Oqv --demo --exec "get $SYS.5.0 $SYS.7.0 $SYS.8.0"
sh_expect "-Oqv: values only, no types" 0 '"snmpsh-demo"
72
0:0:00:00.00' ""

sh_run --demo --exec "get -OQ $SYS.5.0; get -Oq $SYS.7.0; get -Ov -Ot $SYS.8.0"
sh_expect "per-command -OQ, -Oq, -Ov -Ot" 0 \
'.1.3.6.1.2.1.1.5.0 = "snmpsh-demo"
.1.3.6.1.2.1.1.7.0 72
0' ""

sh_run -On -Ox --demo --exec "get $SYS.5.0"
sh_expect "-Ox shows strings in hex" 0 \
'.1.3.6.1.2.1.1.5.0 = Hex-STRING: 73 6E 6D 70 73 68 2D 64 65 6D 6F ' ""

sh_run -OT --demo --exec "set $SYS.6.0 x '41 00 42'"
sh_expect "-OT adds the text of hex dumps" 0 \
'.1.3.6.1.2.1.1.6.0 = Hex-STRING: 41 00 42   [A.B]' ""

sh_run -Oa --demo --exec "set $SYS.6.0 x '41 00 0A'"
sh_expect "-Oa shows text, non-printables as dots, controls escaped" 0 \
'.1.3.6.1.2.1.1.6.0 = STRING: "A.\n"' ""

# Batch mode: stdin, one command per line, comments and blank lines.
sh_run_in "# a comment

get $SYS.5.0
  # indented comment
get $SYS.7.0   # trailing comment
" --demo
sh_expect "batch mode from stdin, comments and blank lines, no prompt" 0 \
'.1.3.6.1.2.1.1.5.0 = STRING: "snmpsh-demo"
.1.3.6.1.2.1.1.7.0 = INTEGER: 72' ""

sh_run_in "get $SYS.5.0; get $SYS.7.0" --demo
sh_expect "batch mode: last line without newline, ';' separates" 0 \
'.1.3.6.1.2.1.1.5.0 = STRING: "snmpsh-demo"
.1.3.6.1.2.1.1.7.0 = INTEGER: 72' ""

sh_run_in "set $SYS.5.0 i 1
get $SYS.5.0
" --demo
sh_expect "batch mode: an SNMP error does not stop the batch, exit 1" 1 \
'.1.3.6.1.2.1.1.5.0 = STRING: "snmpsh-demo"' '*'

sh_run --demo --exec "set $SYS.5.0 i 1; nosuchcommand; get $SYS.5.0"
tap_is "$RC" 2 "--exec: a usage error wins over an SNMP error (exit 2)"
tap_grep "$OUT" '.1.3.6.1.2.1.1.5.0 = STRING: "snmpsh-demo"' \
    "--exec: commands after errors still run"

sh_run --demo --exec "get $SYS.5.0; quit; get $SYS.7.0"
sh_expect "quit ends the run" 0 '.1.3.6.1.2.1.1.5.0 = STRING: "snmpsh-demo"' ""

sh_run --demo --exec "get $SYS.5.0" --exec "get $SYS.7.0"
sh_expect "several --exec run in order" 0 \
'.1.3.6.1.2.1.1.5.0 = STRING: "snmpsh-demo"
.1.3.6.1.2.1.1.7.0 = INTEGER: 72' ""

# Net-SNMP option spellings and the agent placed before the options.
demo_start
sh_run "$DEMO_AGENT" -cpublic -v2c --exec "get $SYS.5.0"
sh_expect "AGENT before options, -cpublic -v2c" 0 \
'.1.3.6.1.2.1.1.5.0 = STRING: "snmpsh-demo"' ""
sh_run -c public -v 1 "127.0.0.1:$DEMO_PORT" --exec "get $SYS.7.0"
sh_expect "-c public -v 1 HOST:PORT" 0 '.1.3.6.1.2.1.1.7.0 = INTEGER: 72' ""

# SNMPv3 with keys instead of passphrases (Net-SNMP's -3m -3M, RFC 3414
# A.2): the demo user's master keys, computed here from its passphrases.
p2k_sha1()
{
	"${PYSNMP_PYTHON:-/usr/bin/python3}" -c 'import hashlib, sys
p = sys.argv[1].encode()
print(hashlib.sha1((p * (1048576 // len(p) + 1))[:1048576]).hexdigest())' "$1"
}
KU_AUTH=$(p2k_sha1 demo-auth-pass)
KU_PRIV=$(p2k_sha1 demo-priv-pass)
sh_run -v3 -u demo -l authPriv -a SHA -3m "0x$KU_AUTH" -x AES \
    -3M "$KU_PRIV" "$DEMO_AGENT" --exec "get $SYS.5.0"
sh_expect "-v3 with master keys -3m -3M" 0 \
'.1.3.6.1.2.1.1.5.0 = STRING: "snmpsh-demo"' ""
sh_run -v3 -u demo -l authPriv -a SHA -3m 00 -x AES -3M "$KU_PRIV" \
    "$DEMO_AGENT" --exec "get $SYS.5.0"
sh_expect "-3m with a key of the wrong length: usage error" 2 "" '*'
sh_run -v3 -u demo -l authNoPriv -a SHA -3m "$KU_PRIV" "$DEMO_AGENT" \
    -t 0.5 -r 0 --exec "get $SYS.5.0"
sh_expect "-3m with the wrong key: Net-SNMP's authentication failure" 1 "" \
'snmpsh: get: Authentication failure (incorrect password, community or key)'
