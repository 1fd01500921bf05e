#!/bin/sh
# The module in the stock interpreter: lua5.4 loads snmp.so from the build
# tree (lua/.libs) and talks to `snmpsh --demo --serve`, with requests,
# walks and tasks on the module's own event loop.  Under sanitizers the
# ASan/UBSan runtimes are preloaded into lua5.4.
. "$top_srcdir/tests/lib/peers.sh"
peers_init lua-stock
peers_need_snmpsh
LUA=$(command -v lua5.4 || command -v lua)
[ -n "$LUA" ] || peers_missing lua5.4
SO=$top_builddir/lua/.libs/snmp.so
if [ ! -f "$SO" ]; then
	tap_result 1 "snmp.so is built ($SO)"
	exit 1
fi
# a sanitized build: the module needs the runtimes first in the process
PRELOAD=
if nm -D "$SO" 2>/dev/null | grep -q '__asan_init'; then
	for _l in libasan.so libubsan.so; do
		_p=$(${CC:-gcc} -print-file-name=$_l 2>/dev/null)
		case $_p in
		/*) [ -f "$_p" ] && PRELOAD="$PRELOAD${PRELOAD:+ }$_p" ;;
		esac
	done
	if [ -z "$PRELOAD" ]; then
		tap_skip "stock lua5.4 with snmp.so" \
		    "sanitized build and no ASan runtime to preload"
		exit 0
	fi
	export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
fi
demo_start
T=$PEERS_TMP

cat >"$T/stock.lua" <<'LUA'
local snmp = require "snmp"
local agent = ...
local s = assert(snmp.open{ agent = agent, timeout = 2, retries = 1 })
local v, vb = s:get("1.3.6.1.2.1.1.5.0")
print("get", v, vb.type, tostring(vb))
local n = 0
for _ in s:bulkwalk("1.3.6.1.2.1.1") do n = n + 1 end
print("walk", n >= 8)
local got = 0
for i = 1, 20 do
	snmp.spawn(function()
		if s:get("1.3.6.1.2.1.1.5.0") then got = got + 1 end
	end)
end
print("wait", snmp.wait(), got)
local d = assert(snmp.open{ agent = "127.0.0.1:9", timeout = 0.2,
    retries = 0 })
print("dead", d:get("1.3.6.1.2.1.1.1.0"))
s:close()
LUA
cd "$T" || exit 1
LD_PRELOAD=$PRELOAD "$LUA" -e \
    "package.cpath = '$top_builddir/lua/.libs/?.so;' .. package.cpath" \
    "$T/stock.lua" "$DEMO_AGENT" >"$T/out" 2>"$T/err"
tap_is "$?" 0 "lua5.4 runs a script that requires snmp"
[ -s "$T/err" ] && tap_diag "stderr:" "$(head -n 20 "$T/err")"
tap_is "$(sed -n 1p "$T/out")" \
    "get	snmpsh-demo	OctetString	SNMPv2-MIB::sysName.0 = STRING: snmpsh-demo" \
    "get through snmp.so"
tap_is "$(sed -n 2p "$T/out")" "walk	true" "bulkwalk through snmp.so"
tap_is "$(sed -n 3p "$T/out")" "wait	true	20" "20 tasks through snmp.so"
tap_is "$(sed -n 4p "$T/out")" \
    "dead	nil	Timeout: No Response from 127.0.0.1:9.	timeout" \
    "a timeout through snmp.so"
# only luaopen_snmp is exported
tap_is "$(nm -D --defined-only "$SO" | awk '$2 == "T" {print $3}' |
    grep -v '^_' | tr '\n' ' ')" "luaopen_snmp " \
    "snmp.so exports only luaopen_snmp"
