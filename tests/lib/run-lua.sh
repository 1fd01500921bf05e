#!/bin/sh
# Run one Lua test script of tests/lua with `snmpsh --lua` (prints TAP),
# against the embedded demo agent (snmp.demo_agent in the script; the
# benchmark table has 5000 rows) and with tests/lua on the module path
# for the tap.lua helper.
LUA_PATH="${top_srcdir:-.}/tests/lua/?.lua;;"
export LUA_PATH
exec "$SNMPSH" --demo --demo-rows=5000 --lua "$1"
