#!/bin/sh
# The example scripts of lua/examples run against the demo agent.
. "$top_srcdir/tests/lib/peers.sh"
peers_init lua-examples
peers_need_snmpsh
demo_start
T=$PEERS_TMP
EX=$top_srcdir/lua/examples

"$SNMPSH" --lua "$EX/walk_csv.lua" "$DEMO_AGENT" 1.3.6.1.2.1.1 \
    >"$T/csv" 2>"$T/err"
tap_is "$?" 0 "walk_csv.lua: status 0"
tap_is "$(sed -n 1p "$T/csv")" "oid,type,value" "CSV header"
tap_grep "$T/csv" "1.3.6.1.2.1.1.5.0,OctetString,snmpsh-demo" "a CSV row"
tap_is "$(($(wc -l <"$T/csv") - 1)) rows" "$(cat "$T/err")" \
    "one row per varbind"

# one live agent and two dead ones (closed ports of our range)
peers_port
D1=udp:127.0.0.1:$PORT
peers_port
D2=udp:127.0.0.1:$PORT
"$SNMPSH" --lua "$EX/poll.lua" "$DEMO_AGENT" "$D1" "$D2" \
    >"$T/poll" 2>"$T/err"
tap_is "$?" 0 "poll.lua: status 0"
tap_grep "$T/poll" "$DEMO_AGENT ok snmpsh-demo" "the live agent answers"
tap_grep "$T/poll" "$D1 timeout Timeout: No Response from $D1." \
    "a dead agent times out"
tap_grep "$T/poll" "$D2 timeout" "the other one too"
secs=$(sed -n 's/^3 agents in \([0-9.]*\) s$/\1/p' "$T/err")
tap_ok "three agents in about one timeout (${secs:-?} s)" \
    awk -v s="${secs:-99}" 'BEGIN { exit !(s >= 0.9 && s < 1.8) }'
"$SNMPSH" --lua "$EX/poll.lua" >"$T/out" 2>"$T/err"
tap_is "$?" 2 "poll.lua without agents: usage, status 2"

# set with rollback: a refused second step puts the old values back
"$SNMPSH" --lua "$EX/set_rollback.lua" "$DEMO_AGENT" private --fail \
    >"$T/rb" 2>"$T/err"
tap_is "$?" 1 "set_rollback.lua --fail: status 1"
tap_grep "$T/rb" 'sysLocation.0: "Server room 1, rack 4" -> "rack 7"' \
    "the change was made"
tap_grep "$T/rb" "rolling back: second step failed: Error in packet" \
    "the refused step starts the rollback"
tap_grep "$T/rb" "restored" "the rollback succeeded"
"$SNMPSH" -v 2c -c public "$DEMO_AGENT" --exec 'get sysLocation.0' \
    >"$T/after" 2>&1
tap_is "$(cat "$T/after")" \
    "SNMPv2-MIB::sysLocation.0 = STRING: Server room 1, rack 4" \
    "the agent has the old value again"
"$SNMPSH" --lua "$EX/set_rollback.lua" "$DEMO_AGENT" private \
    contact=noc@example.net --undo-after >"$T/rb" 2>"$T/err"
tap_is "$?" 0 "set_rollback.lua --undo-after: status 0"
tap_grep "$T/rb" "done" "it ran to its end"

# the trap logger: three notifications (a v1 trap, a v2c trap, an inform)
# logged one line each to a file, then it ends by itself
peers_port
TL=udp:127.0.0.1:$PORT
"$SNMPSH" --lua "$EX/trap_logger.lua" "$TL" 3 "$T/traps.log" \
    >"$T/tl.out" 2>"$T/tl.err" </dev/null &
TLPID=$!
peers_track "$TLPID"
peers_wait_file "$T/tl.err" "logging notifications on $TL" 10 "$TLPID"
tap_grep "$T/tl.err" "logging notifications on $TL" "trap_logger.lua listens"
"$SNMPSH" -m '' -v 1 -c public "$TL" \
    --exec "trap 1.3.6.1.4.1.8072.3.2.10 127.0.0.1 6 17 '' 1.3.6.1.2.1.1.5.0 s one" \
    >"$T/send" 2>&1
"$SNMPSH" -v 2c -c public "$TL" \
    --exec "trap '' coldStart sysContact.0 s two" >>"$T/send" 2>&1
"$SNMPSH" -v 2c -c public "$TL" \
    --exec "inform '' linkUp ifIndex.2 i 2" >>"$T/send" 2>&1
tap_is "$(cat "$T/send")" "" "the three were sent (and the inform acknowledged)"
_end=$(($(peers_now_ms) + 20000))
while kill -0 "$TLPID" 2>/dev/null && [ "$(peers_now_ms)" -lt "$_end" ]; do
	sleep 0.05
done
kill -0 "$TLPID" 2>/dev/null && peers_stop "$TLPID"
wait "$TLPID"
tap_is "$?" 0 "trap_logger.lua ends after COUNT notifications, status 0"
tap_is "$(wc -l <"$T/traps.log")" 3 "one line per notification"
tap_ok "the v1 trap in its SNMPv2 form, with its varbind" \
    grep -q " v1 trap public .*sysName.0=one" "$T/traps.log"
tap_ok "the v2c trap by name" \
    grep -q " v2c trap2 public SNMPv2-MIB::coldStart .*sysContact.0=two" "$T/traps.log"
tap_ok "the inform" \
    grep -q " v2c inform public IF-MIB::linkUp .*ifIndex.2=2" "$T/traps.log"
