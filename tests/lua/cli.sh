#!/bin/sh
# `snmpsh --lua FILE [ARGS...]`: the arg table and `...`, exit statuses
# (0, 1 on an uncaught error with "snmpsh: FILE:LINE: msg" and a
# traceback on stderr, os.exit), snmp as a global, snmp.demo_agent with
# --demo, a failed task, usage errors.
. "$top_srcdir/tests/lib/peers.sh"
peers_init lua-cli
peers_need_snmpsh
T=$PEERS_TMP

cat >"$T/args.lua" <<'LUA'
local n = select("#", ...)
print(arg[0], arg[1], arg[2], #arg, n, (...), type(snmp), snmp.demo_agent)
LUA
"$SNMPSH" --lua "$T/args.lua" one "two words" >"$T/out" 2>"$T/err"
tap_is "$?" 0 "a script that ends well: status 0"
tap_is "$(cat "$T/out")" \
    "$T/args.lua	one	two words	2	2	one	table	nil" \
    "arg table, ... and the snmp global"
tap_is "$(cat "$T/err")" "" "nothing on stderr"
"$SNMPSH" --lua "$T/args.lua" --demo -v 1 >"$T/out" 2>&1
tap_is "$(cut -f2,3 "$T/out")" "--demo	-v" \
    "options after FILE belong to the script"

printf 'local x = 1\nerror("it broke")\n' >"$T/err.lua"
"$SNMPSH" --lua "$T/err.lua" >"$T/out" 2>"$T/err"
tap_is "$?" 1 "an uncaught error: status 1"
tap_is "$(head -n 1 "$T/err")" "snmpsh: $T/err.lua:2: it broke" \
    "the error as snmpsh: FILE:LINE: msg"
tap_grep "$T/err" "stack traceback:" "with a traceback"

printf 'local x = \n' >"$T/syntax.lua"
"$SNMPSH" --lua "$T/syntax.lua" >"$T/out" 2>"$T/err"
tap_is "$?" 1 "a syntax error: status 1"
tap_grep "$T/err" "snmpsh: $T/syntax.lua:2:" "the syntax error's place"

"$SNMPSH" --lua "$T/missing.lua" >"$T/out" 2>"$T/err"
tap_is "$?" 1 "a missing script: status 1"
tap_grep "$T/err" "cannot open $T/missing.lua" "names the file"

printf 'io.write("before ")\nos.exit(3)\n' >"$T/exit.lua"
"$SNMPSH" --lua "$T/exit.lua" >"$T/out" 2>"$T/err"
tap_is "$?" 3 "os.exit(3): status 3"
tap_is "$(cat "$T/out")" "before " "output written before os.exit"

printf 'snmp.spawn(function() error("in a task") end)\n' >"$T/task.lua"
"$SNMPSH" --lua "$T/task.lua" >"$T/out" 2>"$T/err"
tap_is "$?" 1 "a task that fails after the script: status 1"
tap_grep "$T/err" "in a task" "the task's error is reported"

cat >"$T/demo.lua" <<'LUA'
local s = assert(snmp.open{ agent = snmp.demo_agent })
print((s:get("1.3.6.1.2.1.1.5.0")))
LUA
"$SNMPSH" --demo --lua "$T/demo.lua" >"$T/out" 2>"$T/err"
tap_is "$?" 0 "--demo --lua: status 0"
tap_is "$(cat "$T/out")" "snmpsh-demo" "the script reached the demo agent"

"$SNMPSH" --lua >"$T/out" 2>"$T/err"
tap_is "$?" 2 "--lua without a file: usage error"
"$SNMPSH" --exec 'help' --lua "$T/args.lua" >"$T/out" 2>"$T/err"
tap_is "$?" 2 "--lua with --exec: usage error"
