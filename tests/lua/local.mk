# Lua tests: scripts run by `snmpsh --demo --lua` (tests/lib/run-lua.sh),
# and shell scripts for the command line and the stock interpreter.
LUA_TESTS = tests/lua/api.lua tests/lua/tasks.lua tests/lua/walk.lua \
	tests/lua/mib.lua tests/lua/concurrent.lua tests/lua/commands.lua \
	tests/lua/listen.lua
LUA_SH_TESTS = tests/lua/cli.sh tests/lua/stock.sh tests/lua/examples.sh \
	tests/lua/netsnmp.sh tests/lua/shell.sh \
	tests/lua/listen-handler.sh
TESTS += $(LUA_TESTS) $(LUA_SH_TESTS)
dist_noinst_SCRIPTS += $(LUA_SH_TESTS)
dist_noinst_DATA += $(LUA_TESTS) tests/lua/tap.lua
