# The Lua binding (STYLE §1, layer 3): a convenience library linked into
# snmpsh, and the same code as the loadable module snmp.so for a stock
# Lua 5.4 interpreter (it exports only luaopen_snmp).
noinst_LTLIBRARIES += lua/libsnlua.la
lua_libsnlua_la_CFLAGS = $(AM_CFLAGS) $(LUA_CFLAGS)
lua_libsnlua_la_SOURCES = lua/lsnmp.h lua/lsnmp_int.h lua/lsnmp.c \
	lua/lsession.c lua/lsched.c lua/lvalue.c lua/lmib.c lua/lprelude.c \
	lua/lrun.c lua/lcommand.c lua/loutput.c lua/lwalk.c \
	lua/llisten.c

# Installed where Debian's lua5.4 looks (/usr/local/lib/lua/5.4/ for the
# default prefix).
luacmoddir = $(libdir)/lua/5.4
luacmod_LTLIBRARIES = lua/snmp.la
lua_snmp_la_SOURCES =
lua_snmp_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared \
	-export-symbols-regex '^luaopen_snmp$$'
lua_snmp_la_LIBADD = lua/libsnlua.la src/mib/libsnmib.la \
	src/engine/libsnengine.la $(SMI_LIBS) $(CRYPTO_LIBS)

# Example scripts (run by tests/lua/examples.sh).
dist_noinst_DATA += lua/examples/walk_csv.lua lua/examples/poll.lua \
	lua/examples/set_rollback.lua lua/examples/trap_logger.lua

# The bundled Lua commands (ifstat, probe, diff), loaded by the shell at
# start-up from here when installed, else from the source tree.
luacommandsdir = $(pkgdatadir)/lua/commands
dist_luacommands_DATA = lua/commands/ifstat.lua lua/commands/probe.lua \
	lua/commands/diff.lua
