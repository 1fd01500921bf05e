#!/bin/sh
# Commands defined in Lua behave like built-ins (SPEC §5): `@NAME,NAME CMD`
# and `@all CMD` run one invocation per session at once, each line of its
# print, io.write and io.stdout/io.stderr:write labelled "[NAME] " (its
# spawned tasks' too), a dead agent delaying nobody (timestamps of each
# line as it arrives); `CMD | grep`, `| count` capture their output (the
# bundled probe and ifstat too); the worst status is the exit status (errors, usage errors); Ctrl-C stops
# every invocation, waiting or spinning.  Commands come from init.lua
# (XDG_CONFIG_HOME) and from a sourced .lua file.
. "$top_srcdir/tests/lib/peers.sh"
. "$top_srcdir/tests/shell/lib.sh"
peers_init shell-luacmd
peers_need_snmpsh
T=$PEERS_TMP

demo_start
A1=$DEMO_AGENT
demo_start
A2=$DEMO_AGENT
peers_port
DEAD=$PORT

XDG_CONFIG_HOME=$T/cfg
export XDG_CONFIG_HOME
mkdir -p "$XDG_CONFIG_HOME/snmpsh"
cat >"$XDG_CONFIG_HOME/snmpsh/init.lua" <<'LUA'
snmp.command{
  name = "sysname", usage = "sysname [-x]", help = "sysName, peer",
  run = function(args, s)
    if args[1] and args[1] ~= "-x" then
      snmp.usage(args[1] .. ": unknown option")
    end
    if not s then return nil, "no session" end
    local v, msg = s:get("1.3.6.1.2.1.1.5.0")
    if not v then return nil, msg end
    io.write("name ")           -- a line in two writes stays one line
    print(v)
    io.stdout:write("peer ", s:peer(), "\n")
    snmp.spawn(function() print("child of " .. s:peer()) end):wait()
  end,
}
snmp.command{
  name = "warn",
  run = function(args, s)
    print("out " .. s:peer())
    io.stderr:write("warning\n")
    return nil, "failed here"
  end,
}
snmp.command{ name = "slow", run = function() snmp.sleep(30) end }
snmp.command{ name = "spin", run = function() while true do end end }
LUA
cat >"$T/more.lua" <<'LUA'
snmp.command{
  name = "more",
  run = function(args, s) io.write("more ", #args, "\n", "unended") end,
}
LUA

# label FILE: the lines of FILE with $A1 and $A2 replaced by A1 and A2.
label()
{
	sed -e "s|$A1|A1|g" -e "s|$A2|A2|g" "$1"
}

sh_run --exec "open a $A1; open b $A2; @a,b sysname"
sort -s -k1,1 "$OUT" >"$OUT.s" && mv "$OUT.s" "$OUT"
sh_expect "@a,b CMD: each session's lines labelled, in its order" 0 \
"[a] name snmpsh-demo
[a] peer $A1
[a] child of $A1
[b] name snmpsh-demo
[b] peer $A2
[b] child of $A2" ""

sh_run --exec "open a $A1; open b $A2; use a; sysname"
sh_expect "unlabelled on the current session alone" 0 \
"name snmpsh-demo
peer $A1
child of $A1" ""

sh_run --exec "open a $A1; open b $A2; @all sysname | grep peer"
sort "$OUT" >"$OUT.s" && mv "$OUT.s" "$OUT"
sh_expect "@all CMD | grep: the labelled lines filtered" 0 \
"[a] peer $A1
[b] peer $A2" ""
sh_run --exec "open a $A1; open b $A2; @all sysname | count; sysname | count; @a,b sysname | grep '^\\[b\\]' | count"
sh_expect "| count of a fan-out, of one session, after a grep" 0 \
"6
3
3" ""
sh_run --exec "open a $A1; sysname | grep -v name | grep child"
sh_expect "CMD | grep | grep" 0 "child of $A1" ""

sh_run --exec "open a $A1; open b $A2; @a,b warn"
sort "$OUT" >"$OUT.s" && mv "$OUT.s" "$OUT"
sort "$ERR" >"$ERR.s" && mv "$ERR.s" "$ERR"
sh_expect "errors: status 1, stderr lines labelled too" 1 \
"[a] out $A1
[b] out $A2" \
"[a] snmpsh: warn: failed here
[a] warning
[b] snmpsh: warn: failed here
[b] warning"
sh_run --exec "open a $A1; open b $A2; @a,b warn | count"
tap_is "$RC" 1 "the status comes through a pipe"
tap_is "$(cat "$OUT")" 2 "stdout captured, stderr not"
tap_is "$(grep -c '^\[[ab]\] snmpsh: warn: failed here$' "$ERR")" 2 \
    "stderr labelled under a pipe"

sh_run --exec "open a $A1; open b $A2; @a,b sysname -z"
sort -s -k1,1 "$ERR" >"$ERR.s" && mv "$ERR.s" "$ERR"
sh_expect "a usage error in each: status 2, labelled usage" 2 "" \
"[a] snmpsh: sysname: -z: unknown option
[a] usage: sysname [-x]
[b] snmpsh: sysname: -z: unknown option
[b] usage: sysname [-x]"
sh_run --exec "open a $A1; open dead -t 0.3 -r 0 udp:127.0.0.1:$DEAD; @all sysname"
tap_is "$RC" 1 "the worst status (a timeout) is the exit status"
tap_is "$(cat "$ERR")" \
    "[dead] snmpsh: sysname: Timeout: No Response from udp:127.0.0.1:$DEAD." \
    "the dead agent's timeout, labelled"
sh_run --exec "open a $A1; @a nosuch"
sh_expect "@: neither a request command nor a Lua one" 2 "" \
    "snmpsh: @a: nosuch: not a request command (get getnext getbulk walk bulkwalk set table trap inform, or one defined in Lua)"

sh_run --exec "open a $A1; open b $A2; source $T/more.lua; @a,b more x y"
sort "$OUT" >"$OUT.s" && mv "$OUT.s" "$OUT"
sh_expect "a sourced command fans out; an unended last line ends" 0 \
"[a] more 2
[a] unended
[b] more 2
[b] unended" ""

# The bundled commands (MIB names on): through pipes, fanned out.
"$SNMPSH" --exec "open a $A1; open b $A2; probe | count; @all probe | count; @all probe | grep SNMPv2c; use a; ifstat -i 0.3 | grep eth0 | count; @all ifstat -i 0.3 | grep eth0" \
    </dev/null >"$OUT" 2>"$ERR"
tap_is "$?" 0 "probe and ifstat, piped and fanned out: status 0"
n1=$(sed -n 1p "$OUT")
n2=$(sed -n 2p "$OUT")
tap_ok "probe | count ($n1), @all probe | count ($n2): twice as many" \
    test "$n1" -gt 5 -a "$n2" -eq $((2 * n1))
tap_is "$(grep -c '^\[[ab]\]   SNMPv2c  answers$' "$OUT")" 2 \
    "@all probe | grep: a labelled line per session"
tap_is "$(sed -n 5p "$OUT")" 1 "ifstat | grep eth0 | count"
tap_ok "@all ifstat | grep eth0: a rate line per session" \
    test "$(grep -c '^\[[ab]\] 2 \+eth0 \+[0-9]' "$OUT")" -eq 2
tap_is "$(cat "$ERR")" "" "nothing on stderr"

# Three agents, the second dead (-t 3 -r 0): lines stamped as they arrive.
stamp()
{
	while IFS= read -r _l; do
		echo "$(($(peers_now_ms) - t0)) $_l"
	done
}
t0=$(peers_now_ms)
"$SNMPSH" -m '' --exec "open one $A1; open dead -t 3 -r 0 udp:127.0.0.1:$DEAD; open two $A2; @all sysname" \
    2>"$T/fan.err" </dev/null | stamp >"$T/fan.out"
t1=$(peers_now_ms)
tap_diag "$(label "$T/fan.out")"
tap_is "$(grep -c ' \[one\] ' "$T/fan.out")" 3 "fan-out: one's three lines"
tap_is "$(grep -c ' \[two\] ' "$T/fan.out")" 3 "fan-out: two's three lines"
late=$(awk '{ if ($1 > m) m = $1 } END { print m + 0 }' "$T/fan.out")
tap_ok "fan-out: the live agents' lines came within 1.5 s, before the dead one's 3 s timeout (last at $late ms)" \
    test "$late" -lt 1500
ms=$((t1 - t0))
tap_ok "fan-out: the whole command took about one timeout ($ms ms)" \
    test "$ms" -ge 2900 -a "$ms" -lt 6000
tap_is "$(cat "$T/fan.err")" \
    "[dead] snmpsh: sysname: Timeout: No Response from udp:127.0.0.1:$DEAD." \
    "fan-out: the dead agent's timeout, labelled"

# Ctrl-C (SIGINT) stops every invocation: waiting ones, and one that
# never yields (the others have not even started then).
for cmd in slow spin; do
	"$SNMPSH" -m '' --exec "open a $A1; open b $A2; @all $cmd; get 1.3.6.1.2.1.1.5.0" \
	    >"$T/int.out" 2>"$T/int.err" </dev/null &
	pid=$!
	peers_track "$pid"
	sleep 1
	kill -INT "$pid"
	t0=$(peers_now_ms)
	rc=0
	_i=0
	while kill -0 "$pid" 2>/dev/null && [ "$_i" -lt 100 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	ms=$(($(peers_now_ms) - t0))
	if kill -0 "$pid" 2>/dev/null; then
		peers_stop "$pid"
		rc=timeout
	else
		wait "$pid" || rc=$?
	fi
	tap_is "$rc" 130 "@all $cmd: SIGINT stops it, status 130"
	tap_ok "@all $cmd: stopped at once ($ms ms)" test "$ms" -lt 3000
	tap_is "$(grep -c '^\[[ab]\] snmpsh: '"$cmd"': .*interrupted!$' "$T/int.err")" 2 \
	    "@all $cmd: each session reports the interruption"
	tap_is "$(cat "$T/int.out")" "" "@all $cmd: the rest of the line did not run"
done
