# The snmpsh program.
bin_PROGRAMS += snmpsh
snmpsh_SOURCES = \
	src/shell/main.c src/shell/shell.h src/shell/args.c src/shell/args.h \
	src/shell/cmd.c src/shell/cmd_request.c src/shell/cmd_walk.c \
	src/shell/cmd_set.c src/shell/output.c src/shell/output.h \
	src/shell/demo.c src/shell/demo.h src/shell/cmd_mib.c \
	src/shell/repl.c src/shell/complete.c src/shell/history.c \
	src/shell/job.c src/shell/json.c src/shell/cmd_session.c \
	src/shell/profile.c src/shell/pipe.c src/shell/paste.c \
	src/shell/cmd_lua.c \
	src/shell/cmd_notify.c src/shell/cmd_trap.c src/shell/notify_json.c \
	src/shell/datadir.c src/shell/datadir.h
snmpsh_CFLAGS = $(AM_CFLAGS) $(READLINE_CFLAGS)
snmpsh_LDADD = lua/libsnlua.la src/mib/libsnmib.la src/engine/libsnengine.la \
	$(SMI_LIBS) $(CRYPTO_LIBS) $(LUA_LIBS) $(READLINE_LIBS)
