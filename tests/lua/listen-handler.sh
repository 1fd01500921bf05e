#!/bin/sh
# `listen --lua FILE` in the shell: FILE returns a function called with
# each notification (the table of snmp.listen's on_notification); false
# drops it (not printed, not counted by --count, counted in listen stats
# as filtered-by-lua); a handler error is reported and the notification
# still printed.  Traps are sent by snmpsh's own `trap`.

. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init lua-listen-handler
peers_need_snmpsh

T=$PEERS_TMP
cat >"$T/h.lua" <<'EOL'
return function(n)
	io.write("HANDLER ", n.version, " ", n.security, " ", n.trap_oid,
	    " ", n.uptime, "\n")
	if n.uptime == 2 then return false end
	if n.uptime == 3 then error("boom") end
end
EOL
peers_port
L=udp:127.0.0.1:$PORT
"$SNMPSH" --exec "listen $L --lua $T/h.lua --count 2 --for 20; listen stats" \
    >"$T/out" 2>"$T/err" </dev/null &
LPID=$!
peers_track "$LPID"
peers_wait_file "$T/err" "listening on $L" 10 "$LPID" ||
    tap_bail "the listener did not start: $(cat "$T/err")"
for up in 1 2 3; do
	"$SNMPSH" -v 2c -c public "$L" --exec "trap $up coldStart" ||
	    tap_diag "trap $up failed"
done
_end=$(($(peers_now_ms) + 25000))
while kill -0 "$LPID" 2>/dev/null && [ "$(peers_now_ms)" -lt "$_end" ]; do
	sleep 0.05
done
wait "$LPID"
tap_is "$?" 0 "listen --count 2 reached (the dropped one not counted)"
tap_is "$(grep -c '^HANDLER 2c public 1.3.6.1.6.3.1.1.5.1 ' "$T/out")" 3 \
    "the handler saw the three notifications"
tap_is "$(grep -c '\[v2c community public\] SNMPv2-MIB::coldStart$' \
    "$T/out")" 2 "two printed, the one the handler refused not"
tap_grep "$T/out" "  DISMAN-EVENT-MIB::sysUpTimeInstance = Timeticks: (3) 0:00:00.03" \
    "the one whose handler failed is printed"
tap_is "$(grep -c 'Timeticks: (2) ' "$T/out")" 0 "the refused one is not"
tap_grep "$T/err" "snmpsh: listen: handler: " "the handler error is reported"
tap_grep "$T/err" "boom" "... with its message"
tap_grep "$T/out" "filtered-by-lua 1" "listen stats counts the refused one"
printf 'return 42\n' >"$T/bad.lua"
"$SNMPSH" --exec "listen udp:127.0.0.1:0 --lua $T/bad.lua" >/dev/null \
    2>"$T/bad.err"
tap_is "$?" 2 "a file that returns no function: usage error"
tap_grep "$T/bad.err" "must return a function" "... explained"
