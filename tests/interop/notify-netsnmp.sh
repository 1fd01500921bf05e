#!/bin/sh
# Interop: Net-SNMP's snmptrap and snmpinform sending to snmpsh's listener
# (RFC 3413 §3.4): an SNMPv1 trap (shown in its RFC 3584 §3.1 SNMPv2 form),
# an SNMPv2c trap and inform (acknowledged, RFC 3416 §4.2.7), SNMPv3
# authPriv traps with SHA/AES, SHA-256/AES-256 and MD5/DES users, two
# senders with different engine IDs and one user (no pre-registration:
# keys localised on first sight), and a v3 inform (the listener
# authoritative: discovery answered).  A wrong community and a wrong
# passphrase are dropped and counted in `listen stats`; the JSON Lines log
# holds one valid object per notification.

. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-notify-netsnmp
peers_need_prog snmptrap snmpinform
peers_need_snmpsh

T=$PEERS_TMP
cat >"$T/users" <<'EOU'
# snmptrapd.conf's createUser lines
createUser carol SHA-256 carolauth1 AES-256 carolpriv1
createUser -e 0x8000000001 dave MD5 daveauth1 DES davepriv1
EOU
peers_port
L=udp:127.0.0.1:$PORT
# 9 notifications are expected; the wait is bounded by --for
"$SNMPSH" --exec "listen $L -c public -u bob -l authPriv -a SHA \
    -A bobauth11 -x AES -X bobpriv11 --users $T/users --log $T/log.json \
    --count 9 --for 30; listen stats" >"$T/out" 2>"$T/err" </dev/null &
LPID=$!
peers_track "$LPID"
peers_wait_file "$T/err" "listening on $L" 10 "$LPID" ||
    tap_bail "the listener did not start: $(cat "$T/err")"
tap_result 0 "listener on $L"

send()
{
	_d=$1
	shift
	"$@" >"$T/send.out" 2>&1
	_rc=$?
	tap_result $_rc "$_d"
	[ "$_rc" -eq 0 ] || tap_diag "$(cat "$T/send.out")"
}

send "snmptrap v1 enterpriseSpecific" snmptrap -v 1 -c public -m '' "$L" \
    .1.3.6.1.4.1.8072.9 192.0.2.7 6 17 1234 .1.3.6.1.2.1.1.5.0 s v1-name
send "snmptrap v2c coldStart" snmptrap -v 2c -c public -m '' "$L" 4321 \
    .1.3.6.1.6.3.1.1.5.1 .1.3.6.1.2.1.1.4.0 s "v2c contact"
send "snmpinform v2c acknowledged" snmpinform -v 2c -c public -m '' \
    -t 10 -r 0 "$L" 55 .1.3.6.1.6.3.1.1.5.2
send "snmptrap v2c wrong community (sent)" snmptrap -v 2c -c private \
    -m '' "$L" 1 .1.3.6.1.6.3.1.1.5.1
send "snmptrap v3 SHA/AES, engine A" snmptrap -v 3 -m '' -u bob \
    -l authPriv -a SHA -A bobauth11 -x AES -X bobpriv11 \
    -e 0x8000000001020304 "$L" 100 .1.3.6.1.6.3.1.1.5.3
send "snmptrap v3 SHA/AES, engine B, same user" snmptrap -v 3 -m '' \
    -u bob -l authPriv -a SHA -A bobauth11 -x AES -X bobpriv11 \
    -e 0x8000000001020305 "$L" 200 .1.3.6.1.6.3.1.1.5.4
send "snmptrap v3 SHA-256/AES-256" snmptrap -v 3 -m '' -u carol \
    -l authPriv -a SHA-256 -A carolauth1 -x AES-256 -X carolpriv1 \
    -e 0x8000000001020306 "$L" 300 .1.3.6.1.6.3.1.1.5.5 \
    .1.3.6.1.2.1.1.6.0 s carol-location
send "snmptrap v3 MD5/DES" snmptrap -v 3 -m '' -u dave -l authPriv \
    -a MD5 -A daveauth1 -x DES -X davepriv1 -e 0x8000000001020307 "$L" \
    400 .1.3.6.1.6.3.1.1.5.1
send "snmptrap v3 wrong passphrase (sent)" snmptrap -v 3 -m '' -u bob \
    -l authPriv -a SHA -A wrongpass1 -x AES -X bobpriv11 \
    -e 0x8000000001020308 "$L" 1 .1.3.6.1.6.3.1.1.5.1
send "snmpinform v3 SHA/AES acknowledged (discovery)" snmpinform -v 3 \
    -m '' -u bob -l authPriv -a SHA -A bobauth11 -x AES -X bobpriv11 \
    -t 10 -r 0 "$L" 500 .1.3.6.1.6.3.1.1.5.2
send "snmpinform v3 noAuthNoPriv user bob refused (times out)" \
    sh -c "! snmpinform -v 3 -m '' -u bob -l noAuthNoPriv -t 0.5 -r 0 \
    $L 1 .1.3.6.1.6.3.1.1.5.2"
send "snmptrap v2c linkUp with varbinds" snmptrap -v 2c -c public -m '' \
    "$L" 600 .1.3.6.1.6.3.1.1.5.4 .1.3.6.1.2.1.2.2.1.1.3 i 3 \
    .1.3.6.1.2.1.2.2.1.2.3 x 6c6f0a30

# the listener ends after 9 notifications (bounded by --for 30)
_end=$(($(peers_now_ms) + 40000))
while kill -0 "$LPID" 2>/dev/null && [ "$(peers_now_ms)" -lt "$_end" ]; do
	sleep 0.1
done
wait "$LPID"
tap_is "$?" 0 "listen --count 9 returned 0"
tap_diag "listener output:" "$(cat "$T/out")"

O=$T/out
tap_ok "v1 trap header" grep -E -q '^[0-9-]{10} [0-9:]{8} udp:127\.0\.0\.1:[0-9]+ \[v1 community public\] NET-SNMP-MIB::netSnmp\.9\.0\.17$' "$O"
tap_grep "$O" "  DISMAN-EVENT-MIB::sysUpTimeInstance = Timeticks: (1234) 0:00:12.34" "v1 time-stamp as sysUpTime.0"
tap_grep "$O" "  SNMP-COMMUNITY-MIB::snmpTrapAddress.0 = IpAddress: 192.0.2.7" "v1 agent-addr as snmpTrapAddress.0"
tap_grep "$O" '  SNMP-COMMUNITY-MIB::snmpTrapCommunity.0 = STRING: "public"' "v1 community as snmpTrapCommunity.0"
tap_grep "$O" "  SNMPv2-MIB::sysName.0 = STRING: v1-name" "v1 varbind"
tap_ok "v2c trap header" grep -E -q '^[0-9-]{10} [0-9:]{8} udp:127\.0\.0\.1:[0-9]+ \[v2c community public\] SNMPv2-MIB::coldStart$' "$O"
tap_grep "$O" "  SNMPv2-MIB::sysContact.0 = STRING: v2c contact" "v2c varbind"
tap_ok "v2c inform header" grep -E -q '\[v2c inform community public\] SNMPv2-MIB::warmStart$' "$O"
tap_ok "v3 SHA/AES trap from engine A" grep -E -q '\[v3 user bob authPriv\] IF-MIB::linkDown$' "$O"
tap_ok "v3 SHA/AES trap from engine B" grep -E -q '\[v3 user bob authPriv\] IF-MIB::linkUp$' "$O"
tap_ok "v3 SHA-256/AES-256 trap" grep -E -q '\[v3 user carol authPriv\] SNMPv2-MIB::authenticationFailure$' "$O"
tap_grep "$O" "  SNMPv2-MIB::sysLocation.0 = STRING: carol-location" "v3 varbind decrypted"
tap_ok "v3 MD5/DES trap" grep -E -q '\[v3 user dave authPriv\] SNMPv2-MIB::coldStart$' "$O"
tap_ok "v3 inform" grep -E -q '\[v3 inform user bob authPriv\] SNMPv2-MIB::warmStart$' "$O"
tap_grep "$O" '  IF-MIB::ifDescr.3 = STRING: lo\n0' "a wire newline is shown escaped"
tap_is "$(grep -c '^  SNMPv2-MIB::snmpTrapOID.0 = OID: ' "$O")" 9 "9 notifications printed"
tap_is "$(grep -c 'private' "$O")" 0 "the wrong community was not shown"
tap_grep "$O" "notifications 9" "stats: 9 notifications"
tap_grep "$O" "traps-v1 1" "stats: 1 v1 trap"
tap_grep "$O" "informs 2" "stats: 2 informs"
tap_grep "$O" "responses 2" "stats: 2 responses"
tap_grep "$O" "  bad-community 1" "stats: the wrong community counted"
tap_grep "$O" "  wrong-digests 1" "stats: the wrong passphrase counted"
tap_grep "$O" "  unsupported-levels 1" "stats: the noAuthNoPriv inform counted"

# the log: JSON Lines, one object per notification, flushed per record
if [ -x /usr/bin/python3 ]; then
	/usr/bin/python3 - "$T/log.json" >"$T/json.out" 2>&1 <<'EOP'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
assert len(recs) == 9, len(recs)
v1 = [r for r in recs if r["version"] == "1"][0]
assert v1["pdu"] == "trap" and v1["generic_trap"] == 6, v1
assert v1["specific_trap"] == 17 and v1["agent_addr"] == "192.0.2.7", v1
assert v1["trap_oid"] == "1.3.6.1.4.1.8072.9.0.17", v1["trap_oid"]
assert v1["varbinds"][0]["type"] == "TimeTicks", v1
assert v1["varbinds"][0]["value"] == 1234, v1
c = [r for r in recs if r.get("user") == "carol"][0]
assert c["level"] == "authPriv" and c["engine_id"] == "8000000001020306", c
loc = [v for v in c["varbinds"] if v["oid"] == "1.3.6.1.2.1.1.6.0"][0]
assert loc["name"] == "SNMPv2-MIB::sysLocation.0", loc
assert loc["type"] == "OctetString" and loc["value"] == "carol-location"
assert loc["hex"] == "carol-location".encode().hex(), loc
assert loc["text"] == "carol-location", loc
lu = [r for r in recs if r["version"] == "2c" and r["uptime"] == 600][0]
d = [v for v in lu["varbinds"] if v["oid"] == "1.3.6.1.2.1.2.2.1.2.3"][0]
assert d["value"] == "lo\n0" and d["hex"] == "6c6f0a30", d
print("ok")
EOP
	tap_is "$(cat "$T/json.out")" ok "JSON Lines log: 9 valid records"
else
	tap_skip "JSON Lines log" "no /usr/bin/python3"
fi
