#!/bin/sh
# Sessions in batch mode: open, sessions, use, close (and their usage
# errors), per-session -O letters, `output`, and @ fan-out across three
# agents of which one is dead: the live ones answer at once, each line
# labelled "[NAME] ", and the dead one's timeout comes when it hits
# (timestamps of each output line measured as it arrives).
. "$top_srcdir/tests/lib/peers.sh"
. "$top_srcdir/tests/shell/lib.sh"
peers_init shell-sessions

# tap_re FILE ERE DESC: FILE has a line matching the extended regexp.
tap_re()
{
	if grep -E -q -e "$2" "$1"; then
		tap_result 0 "$3"
	else
		tap_result 1 "$3"
		tap_diag "no line matching '$2' in:"
		head -n 20 "$1" | sed 's/^/#   /'
	fi
}
peers_need_snmpsh

demo_start
A1=$DEMO_AGENT
demo_start
A2=$DEMO_AGENT
peers_port
DEAD=$PORT
N=1.3.6.1.2.1.1.5.0

sh_run --exec "open a $A1; open b $A2; get $N; use a; get $N"
sh_expect "open makes the session current; use switches" 0 \
".1.3.6.1.2.1.1.5.0 = STRING: \"snmpsh-demo\"
.1.3.6.1.2.1.1.5.0 = STRING: \"snmpsh-demo\"" ""

sh_run --exec "open a -v1 -c secret $A1; open b -v3 -u demo -l authPriv -a SHA -A demo-auth-pass -x AES -X demo-priv-pass $A2; get $N; sessions"
tap_re "$OUT" '^\* b +udp:127\.0\.0\.1:[0-9]+ +3 +user demo +ok +[0-9.]+ ms$' \
    "sessions: the current one starred, v3 user, state ok, RTT"
tap_re "$OUT" '^  a +udp:127\.0\.0\.1:[0-9]+ +1 +s\*{5} +idle +-$' \
    "sessions: the community masked, an unused session idle"
if grep -q 'secret\|demo-auth-pass\|demo-priv-pass' "$OUT"; then
	tap_result 1 "sessions shows no community or passphrase"
else
	tap_result 0 "sessions shows no community or passphrase"
fi

sh_run --exec "open a $A1; open b $A2; close b; sessions; close; sessions"
w=${#A1}
sh_expect "close NAME, then close the current one" 0 \
"$(printf '  %-4s  %-*s  %-7s  %-16s  %-8s  %s' NAME "$w" AGENT VERSION \
    USER/COMMUNITY STATE RTT)
$(printf '* %-4s  %-*s  %-7s  %-16s  %-8s  %s' a "$w" "$A1" 2c 'p*****' \
    idle -)
no sessions (open NAME [OPTIONS] AGENT)" ""

sh_run --exec "open a $A1; close; get $N"
sh_expect "no session after closing the last" 2 "" \
    "snmpsh: get: no session (open one, or give an AGENT)"

sh_run --exec "open a $A1; open a $A2"
sh_expect "open: a name already open" 2 "" \
    "snmpsh: open: a: a session of that name is open (close it first)"
sh_run --exec "open all $A1"
tap_is "$RC" 2 "open: 'all' is not a session name"
sh_run --exec "open x"
sh_expect "open: no AGENT and no profile" 2 "" \
    "snmpsh: open: x: missing AGENT (and no profile of that name)"
sh_run --exec "open x -v 4 $A1"
tap_is "$RC" 2 "open: a bad option is a usage error"
sh_run --exec "use nosuch"
sh_expect "use: unknown session" 2 "" "snmpsh: use: nosuch: no such session"
sh_run --exec "close nosuch"
sh_expect "close: unknown session" 2 "" \
    "snmpsh: close: nosuch: no such session"

sh_run -m IF-MIB:SNMPv2-MIB --exec "open a -Os $A1; open b $A2; @a,b get sysName.0"
sort "$OUT" >"$OUT.s" && mv "$OUT.s" "$OUT"
sh_expect "per-session -O letters (fan-out lines sorted)" 0 \
"[a] sysName.0 = STRING: snmpsh-demo
[b] SNMPv2-MIB::sysName.0 = STRING: snmpsh-demo" ""
sh_run -m IF-MIB:SNMPv2-MIB --exec "open a -Os $A1; open b $A2; use a; get -On sysName.0; output -Oq; get sysName.0; output default; get sysName.0"
sh_expect "command -O over the session's, output" 0 \
".1.3.6.1.2.1.1.5.0 = STRING: snmpsh-demo
sysName.0 snmpsh-demo
SNMPv2-MIB::sysName.0 = STRING: snmpsh-demo" ""

sh_run --exec "open a $A1; @nosuch get $N"
sh_expect "@: unknown session" 2 "" "snmpsh: @nosuch: nosuch: no such session"
sh_run --exec "open a $A1; @a quit"
tap_is "$RC" 2 "@: only request commands"
sh_run --exec "open a -v1 $A1; open b $A2; @all bulkwalk 1.3.6.1.2.1.1.9.1.2"
tap_is "$RC" 2 "@all bulkwalk with a v1 session: usage status"
tap_grep "$ERR" '[a] snmpsh: bulkwalk: GETBULK needs SNMPv2c' \
    "the v1 session's refusal is labelled"
tap_is "$(grep -c '^\[b\] ' "$OUT")" 3 "the v2c session still walks"

# Fan-out: three agents, the second dead (-t 3 -r 0); stdout lines are
# stamped as they arrive.
stamp()
{
	while IFS= read -r _l; do
		echo "$(($(peers_now_ms) - t0)) $_l"
	done
}
t0=$(peers_now_ms)
"$SNMPSH" -m '' --exec "open one $A1; open dead -t 3 -r 0 udp:127.0.0.1:$DEAD; open two $A2; @all walk 1.3.6.1.2.1.1.9.1.2" \
    2>"$PEERS_TMP/fan.err" | stamp >"$PEERS_TMP/fan.out"
t1=$(peers_now_ms)
tap_diag "$(cat "$PEERS_TMP/fan.out")"
tap_is "$(grep -c ' \[one\] \.1\.3\.6\.1\.2\.1\.1\.9\.1\.2\.' "$PEERS_TMP/fan.out")" 3 \
    "fan-out: session one's three lines, labelled"
tap_is "$(grep -c ' \[two\] \.1\.3\.6\.1\.2\.1\.1\.9\.1\.2\.' "$PEERS_TMP/fan.out")" 3 \
    "fan-out: session two's three lines, labelled"
late=$(awk '{ if ($1 > m) m = $1 } END { print m + 0 }' "$PEERS_TMP/fan.out")
tap_ok "fan-out: the live agents' lines came within 1.5 s, before the dead one's 3 s timeout (last at $late ms)" \
    test "$late" -lt 1500
ms=$((t1 - t0))
tap_ok "fan-out: the whole command took about one timeout ($ms ms)" \
    test "$ms" -ge 2900 -a "$ms" -lt 6000
sh_expect_err()
{
	printf '%s\n' "$2" >"$PEERS_TMP/want_err"
	tap_cmp "$PEERS_TMP/fan.err" "$PEERS_TMP/want_err" "$1"
}
sh_expect_err "fan-out: the dead agent's timeout, labelled" \
    "[dead] Timeout: No Response from udp:127.0.0.1:$DEAD"

sh_run --exec "open one $A1; open dead -t 0.3 -r 0 udp:127.0.0.1:$DEAD; @all get $N"
tap_is "$RC" 1 "fan-out: the worst status (a timeout) is the exit status"

# Ctrl-C (SIGINT) cancels every outstanding request of a fan-out.
"$SNMPSH" -m '' --exec "open d1 -t 30 -r 0 udp:127.0.0.1:$DEAD; open d2 -t 30 -r 0 udp:127.0.0.1:$DEAD; @all walk" \
    >"$PEERS_TMP/int.out" 2>"$PEERS_TMP/int.err" &
pid=$!
sleep 1
kill -INT "$pid"
t0=$(peers_now_ms)
rc=0
wait "$pid" || rc=$?
ms=$(($(peers_now_ms) - t0))
tap_is "$rc" 130 "fan-out: SIGINT cancels it, status 130"
tap_ok "fan-out: cancelled at once ($ms ms)" test "$ms" -lt 3000
tap_is "$(grep -c 'interrupted' "$PEERS_TMP/int.err")" 2 \
    "fan-out: each session reports the interruption"

