#!/bin/sh
# Output filters and JSON in batch mode: `| grep` (-v, -i, regexps),
# `| count`, `| csv`, `| table`, `| json`, chained; `format json` (JSON
# Lines that python3's json module parses, with the SPEC §3 fields, and
# "session" with @ fan-out); the exact bytes of a string with control
# characters in JSON; help and the nearest-command suggestion.
. "$top_srcdir/tests/lib/peers.sh"
. "$top_srcdir/tests/shell/lib.sh"
peers_init shell-pipes
peers_need_snmpsh

PY=/usr/bin/python3
demo_start
A=$DEMO_AGENT
OR=1.3.6.1.2.1.1.9.1.2

sh_run "$A" --exec "walk $OR | grep 16"
sh_expect "| grep" 0 '.1.3.6.1.2.1.1.9.1.2.3 = OID: .1.3.6.1.6.3.16.2.2.1' ""

sh_run "$A" --exec "walk $OR | grep -v 16 | grep -v '\.31$'"
sh_expect "| grep -v, chained, a regexp" 0 \
    '.1.3.6.1.2.1.1.9.1.2.1 = OID: .1.3.6.1.6.3.1' ""

sh_run -m SNMPv2-MIB "$A" --exec "walk system | grep -i SYSNAME"
sh_expect "| grep -i" 0 'SNMPv2-MIB::sysName.0 = STRING: snmpsh-demo' ""

sh_run "$A" --exec "walk $OR | count; walk $OR | grep 6.3 | count"
sh_expect "| count, and after grep" 0 '3
2' ""

sh_run -m SNMPv2-MIB "$A" --exec "get sysName.0 sysORID.2 | csv"
sh_expect "| csv" 0 'SNMPv2-MIB::sysName.0,OctetString,snmpsh-demo
SNMPv2-MIB::sysORID.2,ObjectIdentifier,SNMPv2-SMI::mib-2.31' ""

sh_run -m SNMPv2-MIB "$A" --exec "get sysName.0 sysORID.2 | table"
sh_expect "| table aligns the cells" 0 \
'SNMPv2-MIB::sysName.0  OctetString       snmpsh-demo
SNMPv2-MIB::sysORID.2  ObjectIdentifier  SNMPv2-SMI::mib-2.31' ""

sh_run "$A" --exec "walk $OR | nosuch"
sh_expect "unknown filter: usage error, nothing run" 2 "" \
    "snmpsh: | nosuch: unknown filter (grep json csv table count)"
sh_run "$A" --exec "walk $OR | grep"
tap_is "$RC" 2 "| grep without a pattern"
sh_run "$A" --exec "walk $OR | grep '('"
tap_is "$RC" 2 "| grep with a bad regexp"
sh_run "$A" --exec "get 1.3.6.1.2.1.1.5.0 1.3.6.1.2.1.1.1.0.5 | grep -v Such; get 1.3.6.1.2.1.1.5.0 | count"
sh_expect "stderr is not filtered, statuses kept" 0 \
    '.1.3.6.1.2.1.1.5.0 = STRING: "snmpsh-demo"
1' ""

sh_run -m SNMPv2-MIB --exec "describe sysName | grep SYNTAX; translate -On sysName.0 sysDescr.0 | grep '5\.0$'; help | grep '^  walk' | count"
sh_expect "| on commands that need no agent" 0 \
"  SYNTAX	OCTET STRING (0..255) 
.1.3.6.1.2.1.1.5.0
1" ""

# JSON Lines: every line parses, with the SPEC §3 fields.
cat >"$PEERS_TMP/check.py" <<'EOF'
import json, sys
want = sys.argv[1].split(",")
n = 0
for line in sys.stdin:
    o = json.loads(line)
    for k in want:
        if k not in o:
            print("missing", k, "in", line.strip()); sys.exit(1)
    n += 1
print(n)
EOF
sh_run -m SNMPv2-MIB "$A" --exec "format json; walk system"
tap_is "$($PY "$PEERS_TMP/check.py" oid,name,type,value,text <"$OUT")" \
    "$(sh_run -m SNMPv2-MIB "$A" --exec "walk system | count"; cat "$OUT")" \
    "format json: one object per varbind, each with oid name type value text"
sh_run -m SNMPv2-MIB "$A" --exec "format json; get sysName.0 sysUpTime.0 sysORID.1 1.3.6.1.2.1.1.1.0.9; format text; get sysName.0"
cat >"$PEERS_TMP/fields.py" <<'EOF'
import json, sys
lines = sys.stdin.read().splitlines()
a, b, c, d = (json.loads(l) for l in lines[:4])
ok = (a["oid"] == "1.3.6.1.2.1.1.5.0" and a["name"] == "SNMPv2-MIB::sysName.0"
      and a["type"] == "OctetString" and a["value"] == "snmpsh-demo"
      and a["text"] == "snmpsh-demo" and a["hex"] == "736e6d7073682d64656d6f"
      and "session" not in a
      and b["type"] == "TimeTicks" and isinstance(b["value"], int)
      and b["name"] == "SNMPv2-MIB::sysUpTime.0"
      and c["type"] == "ObjectIdentifier" and c["value"] == "1.3.6.1.6.3.1"
      and d["type"] == "noSuchInstance" and d["value"] is None
      and lines[4] == "SNMPv2-MIB::sysName.0 = STRING: snmpsh-demo")
print("ok" if ok else "bad: " + repr(lines))
EOF
tap_is "$($PY "$PEERS_TMP/fields.py" <"$OUT")" ok \
    "JSON fields: string, TimeTicks number, OID, exception null; format text"

sh_run -m SNMPv2-MIB --exec "open a $A; open b $A; @all get sysName.0 | json"
cat >"$PEERS_TMP/sess.py" <<'EOF'
import json, sys
print(",".join(sorted(json.loads(l)["session"] for l in sys.stdin)))
EOF
tap_is "$($PY "$PEERS_TMP/sess.py" <"$OUT")" "a,b" \
    "@all ... | json: unlabelled lines with a session field"

# Control characters from the wire: escaped in text, exact in JSON.
sh_run -m SNMPv2-MIB --exec "open rw $A; set sysContact.0 s 'a\"b
c'; format json; get sysContact.0"
cat >"$PEERS_TMP/ctl.py" <<'EOF'
import json, sys
o = json.loads(sys.stdin.read().splitlines()[-1])
print("ok" if o["value"] == 'a"b\nc' and o["hex"] == "6122620a63" else "bad " + repr(o))
EOF
tap_is "$($PY "$PEERS_TMP/ctl.py" <"$OUT")" ok \
    "JSON carries the exact bytes (quote, newline)"

sh_run --exec "help walk"
tap_grep "$OUT" "examples:" "help CMD shows examples"
sh_run --exec "help"
tap_grep "$OUT" "@NAME[,NAME...]|@all CMD" "help lists fan-out"
tap_grep "$OUT" "open NAME [SESSION OPTIONS] [AGENT]" "help lists open"
sh_run --exec "wakl"
sh_expect "unknown command: the nearest suggested" 2 "" \
    "snmpsh: wakl: unknown command (did you mean walk? try 'help')"
sh_run --exec "help sesions"
sh_expect "help: unknown command: the nearest suggested" 2 "" \
    "snmpsh: help: sesions: unknown command (did you mean sessions?)"
