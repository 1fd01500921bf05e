#!/bin/sh
# Lua inside the shell (SPEC §4, §5): `lua CHUNK`, `= EXPR`, Lua mode in
# batch input (multi-line chunks, `.` leaves), `source` of command files
# and .lua files, the shell's sessions in Lua and snmp.open{name=} in the
# shell, commands defined with snmp.command (help, usage errors, failures,
# statuses), init.lua from XDG_CONFIG_HOME, the bundled ifstat, probe and
# diff, and errors that never end the shell.
. "$top_srcdir/tests/lib/peers.sh"
peers_init lua-shell
peers_need_snmpsh
T=$PEERS_TMP
run()
{
	timeout -k 5 60 "$SNMPSH" --demo "$@" </dev/null >"$T/out" 2>"$T/err"
	RC=$?
}

run --exec 'lua print(snmp.sessions.demo:get("sysName.0"))'
tap_is "$RC" 0 "lua CHUNK: status 0"
tap_is "$(cat "$T/out")" "snmpsh-demo	SNMPv2-MIB::sysName.0 = STRING: snmpsh-demo" \
    "the shell's session 'demo' is snmp.sessions.demo"
run --exec 'lua x = 6; print(x * 7)' --exec '= x, snmp.current():peer() == snmp.demo_agent'
tap_is "$(cat "$T/out")" "42
6	true" "';' stays in the chunk; = EXPR prints values; snmp.current()"
run --exec 'lua error("boom")' --exec 'get sysName.0'
tap_is "$RC" 1 "a Lua error: status 1"
tap_grep "$T/err" "snmpsh: lua: stdin:1: boom" "the error on stderr"
tap_grep "$T/out" "sysName.0 = STRING: snmpsh-demo" "the shell goes on"
run --exec 'lua for i = 1, 3 do'
tap_is "$RC" 2 "an incomplete one-line chunk: usage error"
run --exec '='
tap_is "$RC" 2 "= without an expression: usage error"
timeout -k 5 60 "$SNMPSH" -m '' --demo --exec \
    "lua local r, o = snmp.current():table('1.3.6.1.2.1.2.2') print(#o, r[2][2], snmp.current():get('1.3.6.1.2.1.1.5.0'))" \
    </dev/null >"$T/out" 2>"$T/err"
tap_is "$(cat "$T/out")" "4	eth0	snmpsh-demo	.1.3.6.1.2.1.1.5.0 = STRING: \"snmpsh-demo\"" \
    "-m '': numeric names, tables by column number"

# Lua mode on stdin: a chunk over several lines, =expr, '.' leaves
printf '%s\n' 'lua' 't = {}' 'for i = 1, 3 do' '  t[#t + 1] = i * i' \
    'end' 'print(table.concat(t, ","))' '=1 + 1' '.' 'get sysName.0' |
    timeout -k 5 60 "$SNMPSH" --demo >"$T/out" 2>"$T/err"
tap_is "$?" 0 "Lua mode in batch input: status 0"
tap_is "$(cat "$T/out")" "1,4,9
2
SNMPv2-MIB::sysName.0 = STRING: snmpsh-demo" \
    "multi-line chunk, =expr, then '.' back to the shell"

# source: shell commands, and a .lua file in the same state
cat >"$T/cmds" <<'CMDS'
# a comment
get sysName.0
lua y = 10
source LUAFILE
= y
CMDS
sed -i "s|LUAFILE|$T/more.lua|" "$T/cmds"
printf 'y = y + 1\nprint("from lua", y)\n' >"$T/more.lua"
run --exec "source $T/cmds"
tap_is "$RC" 0 "source FILE: status 0"
tap_is "$(cat "$T/out")" "SNMPv2-MIB::sysName.0 = STRING: snmpsh-demo
from lua	11
11" "commands, a nested .lua source, and the shared state"
run --exec "source $T/nope"
tap_is "$RC" 2 "source of a missing file: status 2"
printf 'source %s\n' "$T/loop" >"$T/loop"
run --exec "source $T/loop"
tap_grep "$T/err" "nested too deeply" "a file sourcing itself stops"

# snmp.open{name=} makes a shell session
run --exec "lua s2 = snmp.open{ name = 'again', agent = snmp.demo_agent }" \
    --exec 'get sysLocation.0' --exec '= snmp.current() == snmp.sessions.again'
tap_is "$(cat "$T/out")" "SNMPv2-MIB::sysLocation.0 = STRING: Server room 1, rack 4
true" "snmp.open{name=} registers a current shell session"

# commands defined in Lua, from init.lua
mkdir -p "$XDG_CONFIG_HOME/snmpsh"
cat >"$XDG_CONFIG_HOME/snmpsh/init.lua" <<'LUA'
snmp.command{
  name = "sysname", usage = "sysname [-u]", help = "the agent's sysName",
  complete = function(prefix, args) return { "-u", "-x" } end,
  run = function(args, s)
    if args[1] and args[1] ~= "-u" then snmp.usage(args[1] .. ": unknown option") end
    if not s then return nil, "no session" end
    local v, msg = s:get("sysName.0")
    if not v then return nil, msg end
    print(args[1] and v:upper() or v)
  end,
}
snmp.command{ name = "fails", run = function() return nil, "it failed" end }
snmp.command{ name = "raises", run = function() error("oops", 0) end }
LUA
run --exec 'sysname' --exec 'sysname -u'
tap_is "$RC" 0 "a Lua command runs: status 0"
tap_is "$(cat "$T/out")" "snmpsh-demo
SNMPSH-DEMO" "with its arguments and the current session"
run --exec 'sysname -z'
tap_is "$RC" 2 "snmp.usage: status 2"
tap_is "$(cat "$T/err")" "snmpsh: sysname: -z: unknown option
usage: sysname [-u]" "the usage message"
run --exec 'fails'
tap_is "$RC" 1 "nil, message: status 1"
tap_is "$(cat "$T/err")" "snmpsh: fails: it failed" "the message"
run --exec 'raises'
tap_is "$(cat "$T/err")" "snmpsh: raises: oops" "an error in run: its message"
run --exec 'help'
tap_ok "help lists Lua commands" grep -q "sysname \[-u\]  *the agent's sysName" "$T/out"
run --exec 'help sysname'
tap_is "$(cat "$T/out")" "usage: sysname [-u]
  the agent's sysName" "help COMMAND of a Lua command"
printf 'error("bad init")\n' >"$XDG_CONFIG_HOME/snmpsh/init.lua"
run --exec 'get sysName.0'
tap_is "$RC" 0 "an init.lua that fails does not stop the shell"
tap_grep "$T/err" "init.lua:1: bad init" "its error is shown"
rm -f "$XDG_CONFIG_HOME/snmpsh/init.lua"

# the bundled commands
run --exec 'ifstat -i 0.5'
tap_is "$RC" 0 "ifstat: status 0"
tap_ok "ifstat: a rate line per interface" grep -q "^2  *eth0  *[0-9]" "$T/out"
tap_is "$(grep -c '^[0-9]' "$T/out")" 4 "ifstat: four interfaces"
run --exec 'ifstat -i 0.3 eth1'
tap_is "$(grep -c '^[0-9]' "$T/out")" 1 "ifstat INTERFACE: one line"
run --exec 'ifstat -i x'
tap_is "$RC" 2 "ifstat -i x: usage error"
run --exec 'probe'
tap_is "$RC" 0 "probe: status 0"
tap_ok "probe: v2c answers" grep -q "SNMPv2c  *answers" "$T/out"
tap_ok "probe: v3 by its report" grep -q "SNMPv3  *answers (Unknown user name)" "$T/out"
tap_ok "probe: the engine ID from SNMPv3 discovery" \
    grep -q "^engine ID: 80[0-9A-F]* (SNMPv3 discovery), boots: [1-9]" "$T/out"
tap_grep "$T/out" "IF-MIB::ifMIB: The MIB module" "probe: sysORTable"
tap_ok "probe: bulk size" grep -q "^bulk: [0-9][0-9]* varbinds" "$T/out"
run --exec 'diff -i 0.2 system'
tap_is "$RC" 0 "diff -i: status 0"
tap_grep "$T/out" "~ DISMAN-EVENT-MIB::sysUpTimeInstance: Timeticks" \
    "diff: sysUpTime changed"
tap_grep "$T/out" "1 difference, 17 and 17 objects" "diff: the count"
run --exec 'lua snmp.open{ name = "b", agent = snmp.demo_agent }' \
    --exec 'diff -s demo sysName'
tap_grep "$T/out" "0 differences, 1 and 1 objects" "diff -s SESSION"
run --exec 'diff -s nope system'
tap_is "$(cat "$T/err")" "snmpsh: diff: nope: no such session" \
    "diff -s with an unknown session"

XDG_CONFIG_HOME="" HOME=$T/home
mkdir -p "$HOME/.config/snmpsh"
printf 'print("home init")\n' >"$HOME/.config/snmpsh/init.lua"
run --exec 'get sysName.0'
tap_grep "$T/out" "home init" "an empty XDG_CONFIG_HOME means ~/.config"
run --lua /dev/null
tap_is "$(cat "$T/out")" "" "init.lua does not run with --lua"
