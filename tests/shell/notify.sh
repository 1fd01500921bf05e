#!/bin/sh
# The notification commands in batch mode: usage errors of listen, trap
# and inform (exit 2, the offending token named), `listen stats` and
# `unlisten` without a listener (exit 1), `listen --count` bounded by
# --for (exit 1, how many came), an inform nobody acknowledges (Net-SNMP's
# timeout message after the session's retries), a trap to a closed port
# (sent: exit 0), and `listen --json` output parsed as JSON; `@a,b,dead
# inform` and `@a,b trap` fanned out to two snmpsh listeners and dead ports
# (at once, labelled), and a `listen --lua` handler in the shell's Lua
# state (globals from `lua`, snmp.sessions, also during snmp.sleep), and
# where the shell's engine ID and boots are kept (the data folder).
. "$top_srcdir/tests/lib/peers.sh"
. "$top_srcdir/tests/shell/lib.sh"
peers_init shell-notify
peers_need_snmpsh

sh_run --exec 'trap 0 1.3.6.1.6.3.1.1.5.1'
sh_expect "trap without a session" 2 "" \
    "snmpsh: trap: no session (open one, or give an AGENT)"
sh_run -v 1 udp:127.0.0.1:9 --exec 'inform 0 1.3.6.1.6.3.1.1.5.1'
sh_expect "inform on SNMPv1" 2 "" \
    "snmpsh: inform: INFORM is not available in SNMPv1 (open the session with -v 2c or -v 3)"
sh_run udp:127.0.0.1:9 --exec 'trap 0'
sh_expect "trap: missing trap OID" 2 "" \
    "snmpsh: trap: missing arguments (usage: trap UPTIME TRAP-OID [OID TYPE VALUE]...)"
sh_run udp:127.0.0.1:9 --exec 'trap 0 1.3.6.1.6.3.1.1.5.1 1.3.6.1.2.1.1.4.0 s'
sh_expect "trap: an incomplete triple" 2 "" \
    "snmpsh: trap: varbinds come as OID TYPE VALUE (usage: trap UPTIME TRAP-OID [OID TYPE VALUE]...)"
sh_run udp:127.0.0.1:9 --exec 'trap soon 1.3.6.1.6.3.1.1.5.1'
sh_expect "trap: a bad uptime" 2 "" \
    "snmpsh: trap: soon: uptime is hundredths of a second, or '' for now"
sh_run -v 1 udp:127.0.0.1:9 --exec "trap '' 300.1.1.1 6 1 ''"
sh_expect "v1 trap: a bad agent-addr" 2 "" \
    "snmpsh: trap: 300.1.1.1: agent-addr is an IPv4 address or ''"
sh_run -v 1 udp:127.0.0.1:9 --exec "trap '' '' 7 1 ''"
sh_expect "v1 trap: generic-trap out of range" 2 "" \
    "snmpsh: trap: 7: generic-trap is 0..6"
sh_run udp:127.0.0.1:9 --exec "trap '' 1.3.6.1.6.3.1.1.5.1 1.3.6.1.2.1.1.4.0 z x"
sh_expect "trap: a bad type letter" 2 "" \
    "snmpsh: trap: 1.3.6.1.2.1.1.4.0: z: unknown type (i u t a o s x d b U I F D c C n)"
sh_run udp:127.0.0.1:9 --exec "trap '' 1.3.6.1.6.3.1.1.5.1"
sh_expect "a trap to a closed port is sent" 0 "" ""
sh_run -t 0.2 -r 1 udp:127.0.0.1:9 --exec "inform '' 1.3.6.1.6.3.1.1.5.1"
sh_expect "an inform nobody acknowledges" 1 "" \
    "Timeout: No Response from udp:127.0.0.1:9."

sh_run --exec 'listen stats'
sh_expect "listen stats without a listener" 1 "" "snmpsh: listen: not listening"
sh_run --exec 'unlisten'
sh_expect "unlisten without a listener" 1 "" "snmpsh: unlisten: not listening"
sh_run --exec 'listen --count many udp:127.0.0.1:0'
sh_expect "listen --count: not a number" 2 "" \
    "snmpsh: listen: --count many: a positive number"
sh_run --exec 'listen --frob udp:127.0.0.1:0'
sh_expect "listen: an unknown option" 2 "" \
    "snmpsh: listen: --frob: unknown option (usage: listen [OPTIONS] [AGENT...] | listen stats)"
sh_run --exec 'listen -u bob -a SHA -A short udp:127.0.0.1:0'
tap_is "$RC" 2 "listen: a short passphrase is a usage error"
tap_grep "$ERR" "at least 8" "... explained"
sh_run --exec 'listen udp:256.0.0.1:1162'
tap_is "$RC" 1 "listen: a bad address"
tap_grep "$ERR" "snmpsh: listen: udp:256.0.0.1:1162: " "... named"
sh_run --exec 'listen --help'
tap_is "$RC" 0 "listen --help"
tap_grep "$OUT" "DATE TIME SOURCE [VERSION [inform] community C | user U LEVEL] TRAP-OID" \
    "listen --help gives the format"

# --count bounded by --for: exit 1 and how many came
peers_port
t0=$(peers_now_ms)
sh_run --exec "listen udp:127.0.0.1:$PORT --count 2 --for 0.5"
t1=$(peers_now_ms)
sh_expect "listen --count 2 --for 0.5 with nothing sent" 1 "" \
    "listening on udp:127.0.0.1:$PORT
snmpsh: listen: 0 of 2 notifications before the time limit"
tap_ok "... after about half a second ($((t1 - t0)) ms)" \
    test "$((t1 - t0))" -lt 5000

# --json: one JSON object per notification on stdout
peers_port
"$SNMPSH" -m '' --exec "listen --json udp:127.0.0.1:$PORT --count 1 --for 20" \
    >"$PEERS_TMP/j.out" 2>"$PEERS_TMP/j.err" </dev/null &
LPID=$!
peers_track "$LPID"
peers_wait_file "$PEERS_TMP/j.err" "listening on" 10 "$LPID"
"$SNMPSH" -m '' -v 2c -c 'pub"lic' "udp:127.0.0.1:$PORT" \
    --exec "trap 77 1.3.6.1.6.3.1.1.5.1 1.3.6.1.2.1.1.4.0 x 00ff0a41"
_end=$(($(peers_now_ms) + 25000))
while kill -0 "$LPID" 2>/dev/null && [ "$(peers_now_ms)" -lt "$_end" ]; do
	sleep 0.05
done
if [ -x /usr/bin/python3 ]; then
	/usr/bin/python3 -c '
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
assert len(r) == 1, r
r = r[0]
assert r["community"] == "pub\"lic" and r["version"] == "2c", r
assert r["pdu"] == "trap2" and r["uptime"] == 77, r
assert r["trap_oid"] == "1.3.6.1.6.3.1.1.5.1", r
v = r["varbinds"][2]
assert v["oid"] == "1.3.6.1.2.1.1.4.0" and v["type"] == "OctetString", v
assert v["hex"] == "00ff0a41" and v["value"] == "\x00\xff\nA", v
print("ok")' "$PEERS_TMP/j.out" >"$PEERS_TMP/j.chk" 2>&1
	tap_is "$(cat "$PEERS_TMP/j.chk")" ok "listen --json: a valid JSON object"
else
	tap_skip "listen --json" "no /usr/bin/python3"
fi

# a bare `listen` shows where a running listener listens; unlisten stops it
sh_run --exec 'listen udp:127.0.0.1:0; listen; unlisten; listen stats'
tap_is "$RC" 1 "listen; listen; unlisten; listen stats: exit 1 at the end"
tap_ok "a bare listen shows the address" \
    grep -E -q '^listening on udp:127\.0\.0\.1:[0-9]+$' "$OUT"
tap_grep "$ERR" "snmpsh: listen: not listening" "stopped by unlisten"

# listen_start NAME ARGS...: an snmpsh listener in the background (stdout
# NAME.out, stderr NAME.err, PID in LPID), waited for until it listens.
listen_start()
{
	_n=$1
	shift
	"$SNMPSH" -m '' "$@" >"$PEERS_TMP/$_n.out" 2>"$PEERS_TMP/$_n.err" \
	    </dev/null &
	LPID=$!
	peers_track "$LPID"
	peers_wait_file "$PEERS_TMP/$_n.err" "listening on" 10 "$LPID" ||
	    tap_diag "listener $_n did not start: $(cat "$PEERS_TMP/$_n.err")"
}

# listen_end PID: wait (at most 25 s) for it to exit; its status in LRC.
listen_end()
{
	_end=$(($(peers_now_ms) + 25000))
	while kill -0 "$1" 2>/dev/null && [ "$(peers_now_ms)" -lt "$_end" ]
	do
		sleep 0.05
	done
	kill -0 "$1" 2>/dev/null && peers_stop "$1"
	wait "$1"
	LRC=$?
}

# Pasted snmptrap and snmpinform lines run as those tools would.
peers_port
PP=$PORT
listen_start lp --exec "listen udp:127.0.0.1:$PP --count 2 --for 20"
LP=$LPID
sh_run --exec "snmptrap -v 2c -c public udp:127.0.0.1:$PP 7 1.3.6.1.6.3.1.1.5.3 1.3.6.1.2.1.2.2.1.1.2 i 2" \
    --exec "snmpinform -v 2c -c public udp:127.0.0.1:$PP 8 1.3.6.1.6.3.1.1.5.4"
sh_expect "pasted snmptrap and snmpinform lines" 0 "" ""
listen_end "$LP"
tap_is "$LRC" 0 "the listener got both"
tap_grep "$PEERS_TMP/lp.out" "1.3.6.1.2.1.2.2.1.1.2 = INTEGER: 2" \
    "the pasted trap's varbind arrived"
tap_ok "the pasted inform arrived as an inform" \
    grep -q "\\[v2c inform community public\\] .*1\\.3\\.6\\.1\\.6\\.3\\.1\\.1\\.5\\.4" "$PEERS_TMP/lp.out"

# @ fan-out of inform and trap: two snmpsh listeners and two dead ports.
# The informs run at once: both acknowledgements arrive, each dead session
# times out after its retries (2 s) labelled, and the whole command takes
# about one such timeout, not one per dead session.
peers_port
PA=$PORT
peers_port
PB=$PORT
peers_port
PD1=$PORT
peers_port
PD2=$PORT
listen_start la --exec "listen udp:127.0.0.1:$PA --count 2 --for 20"
LA=$LPID
listen_start lb --exec "listen udp:127.0.0.1:$PB --count 2 --for 20"
LB=$LPID
t0=$(peers_now_ms)
sh_run --exec "open a udp:127.0.0.1:$PA; open b udp:127.0.0.1:$PB; open dead -t 1 -r 1 udp:127.0.0.1:$PD1; open dead2 -t 1 -r 1 udp:127.0.0.1:$PD2; @dead,a,dead2,b inform 42 1.3.6.1.6.3.1.1.5.1; @a,b trap 43 1.3.6.1.6.3.1.1.5.2"
t1=$(peers_now_ms)
sort "$ERR" >"$PEERS_TMP/err.sorted"
mv "$PEERS_TMP/err.sorted" "$ERR"
sh_expect "@dead,a,dead2,b inform: the dead ones time out, labelled" 1 "" \
    "[dead2] Timeout: No Response from udp:127.0.0.1:$PD2.
[dead] Timeout: No Response from udp:127.0.0.1:$PD1."
tap_ok "... at once: one timeout with its retry ($((t1 - t0)) ms, 2000 each)" \
    test "$((t1 - t0))" -ge 1900 -a "$((t1 - t0))" -lt 3500
listen_end "$LA"
tap_is "$LRC" 0 "listener a got its two notifications"
listen_end "$LB"
tap_is "$LRC" 0 "listener b got its two notifications"
for l in la lb; do
	tap_grep "$PEERS_TMP/$l.out" \
	    "[v2c inform community public] .1.3.6.1.6.3.1.1.5.1" \
	    "$l: the inform (acknowledged)"
	tap_grep "$PEERS_TMP/$l.out" \
	    "[v2c community public] .1.3.6.1.6.3.1.1.5.2" "$l: the trap"
done

# a usage error of a fan-out is printed once; a session whose version
# cannot take the words fails alone
sh_run --exec "open a udp:127.0.0.1:9; open b udp:127.0.0.1:9; @a,b trap 0"
sh_expect "@a,b trap with a missing trap OID: one message" 2 "" \
    "snmpsh: trap: missing arguments (usage: trap UPTIME TRAP-OID [OID TYPE VALUE]...)"
sh_run --exec "open o -v 1 udp:127.0.0.1:9; open n udp:127.0.0.1:9; @o,n trap 0 1.3.6.1.6.3.1.1.5.1; @o,n inform 0 1.3.6.1.6.3.1.1.5.1"
tap_is "$RC" 2 "@v1,v2c trap/inform in the SNMPv2 form: exit 2"
tap_is "$(head -n 1 "$ERR")" \
    "snmpsh: trap: missing arguments (usage: trap UPTIME TRAP-OID [OID TYPE VALUE]...)" \
    "... the v1 session cannot take them"
tap_grep "$ERR" \
    "[o] snmpsh: inform: INFORM is not available in SNMPv1 (open the session with -v 2c or -v 3)" \
    "... nor an inform (labelled)"

# `listen --lua FILE` runs in the shell's Lua state: the handler sees
# globals set earlier at `lua` and the shell's sessions as snmp.sessions
peers_port
PL=$PORT
cat >"$PEERS_TMP/h.lua" <<'EOL'
return function(n)
	if n.trap_oid ~= want then
		return false
	end
	print("handler: " .. greeting .. ", session s: " ..
	    tostring(snmp.sessions.s ~= nil))
	return true
end
EOL
listen_start ll --exec "open s udp:127.0.0.1:9" \
    --exec "lua want = '1.3.6.1.6.3.1.1.5.2'; greeting = 'hello'" \
    --exec "listen --lua $PEERS_TMP/h.lua udp:127.0.0.1:$PL --count 1 --for 20; listen stats"
LL=$LPID
sh_run udp:127.0.0.1:$PL --exec "trap 1 1.3.6.1.6.3.1.1.5.1; trap 2 1.3.6.1.6.3.1.1.5.2"
tap_is "$RC" 0 "two traps sent"
listen_end "$LL"
tap_is "$LRC" 0 "listen --lua: the handler kept one"
tap_grep "$PEERS_TMP/ll.out" "handler: hello, session s: true" \
    "the handler sees the globals and snmp.sessions of the shell's state"
tap_grep "$PEERS_TMP/ll.out" "[v2c community public] .1.3.6.1.6.3.1.1.5.2" \
    "... the trap it kept is printed"
tap_grep "$PEERS_TMP/ll.out" "filtered-by-lua 1" "... the other is dropped"

# the handler also runs while a Lua chunk of the same state waits in
# snmp.sleep (the loop runs inside it), and sees what that chunk set
peers_port
PS=$PORT
cat >"$PEERS_TMP/h2.lua" <<'EOL'
return function(n)
	print("handler during sleep: " .. phase .. " " .. n.uptime)
end
EOL
listen_start ls --exec "listen --lua $PEERS_TMP/h2.lua udp:127.0.0.1:$PS" \
    --exec "lua phase = 'sleeping'; snmp.sleep(2); phase = 'done'" \
    --exec "listen stats"
LS=$LPID
sh_run udp:127.0.0.1:$PS --exec "trap 5 1.3.6.1.6.3.1.1.5.1"
listen_end "$LS"
tap_is "$LRC" 0 "listen --lua, then lua snmp.sleep(2): exit 0"
tap_grep "$PEERS_TMP/ls.out" "handler during sleep: sleeping 5" \
    "the handler ran during the sleep, in the same state"
tap_grep "$PEERS_TMP/ls.out" "notifications 1" "... and the trap was counted"

# the shell's own engine ID and boots are kept in the data folder
# (datadir.c): $XDG_DATA_HOME/snmpsh when it is absolute, else
# ~/.local/share/snmpsh; folders 0700; boots one higher at each start
mkdir -p "$PEERS_TMP/home" "$PEERS_TMP/cwd"
(cd "$PEERS_TMP/cwd" && HOME=$PEERS_TMP/home XDG_DATA_HOME=rel \
    "$SNMPSH" -m '' --exec 'listen udp:127.0.0.1:0; unlisten' \
    >/dev/null 2>&1)
E=$PEERS_TMP/home/.local/share/snmpsh/engine
tap_ok "a relative XDG_DATA_HOME is ignored: ~/.local/share/snmpsh/engine" \
    test -f "$E" -a ! -e "$PEERS_TMP/cwd/rel"
tap_grep "$E" "engineBoots 1" "... boots 1 at the first start"
tap_is "$(stat -c %a "$PEERS_TMP/home/.local/share/snmpsh" 2>/dev/null)" \
    700 "... the folder is private"
HOME=$PEERS_TMP/home XDG_DATA_HOME=$PEERS_TMP/xdg \
    "$SNMPSH" -m '' --exec 'listen udp:127.0.0.1:0' >/dev/null 2>&1
HOME=$PEERS_TMP/home XDG_DATA_HOME=$PEERS_TMP/xdg \
    "$SNMPSH" -m '' --exec 'listen udp:127.0.0.1:0' >/dev/null 2>&1
tap_grep "$PEERS_TMP/xdg/snmpsh/engine" "engineBoots 2" \
    "an absolute XDG_DATA_HOME holds it; boots 2 at the second start"
