# The test suite: every program or script prints TAP, run by automake's
# TAP driver; tests/summary.sh prints the final "N passed, N failed".
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
TEST_EXTENSIONS = .sh .exp .lua
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
EXP_LOG_DRIVER = $(LOG_DRIVER)
EXP_LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/lib/run-expect.sh
LUA_LOG_DRIVER = $(LOG_DRIVER)
LUA_LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/lib/run-lua.sh

# Hermetic runs: bundled MIBs, a private HOME and data folder, peers' paths,
# and a port base for this run.
AM_TESTS_ENVIRONMENT = \
	export SMIPATH='$(abs_top_srcdir)/mibs/ietf:$(abs_top_srcdir)/mibs/iana:$(abs_top_srcdir)/mibs/net-snmp'; \
	export top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)'; \
	export SNMPSH='$(abs_top_builddir)/snmpsh'; \
	export SNMPD='$(SNMPD)' SNMPTRAPD='$(SNMPTRAPD)' SNMPTRAP='$(SNMPTRAP)'; \
	export EXPECT='$(EXPECT)' PYSNMP_PYTHON='$(PYSNMP_PYTHON)'; \
	export HOME="$${TMPDIR:-/tmp}/snmpsh-test-home.$$$$"; mkdir -p "$$HOME"; \
	export XDG_DATA_HOME="$$HOME/.local/share" XDG_CONFIG_HOME="$$HOME/.config"; \
	export MIBS= MIBDIRS= SNMPCONFPATH="$$HOME/.snmp"; \
	export LC_ALL=C; unset NO_COLOR; \
	export LSAN_OPTIONS="suppressions=$(abs_top_srcdir)/tests/lsan.supp:print_suppressions=0";

check_LTLIBRARIES += tests/lib/libtap.la
tests_lib_libtap_la_SOURCES = tests/lib/tap.c tests/lib/tap.h

dist_noinst_SCRIPTS += tests/summary.sh tests/lib/peers.sh \
	tests/lib/run-expect.sh tests/lib/run-lua.sh

include tests/unit/local.mk
include tests/mib/local.mk
include tests/shell/local.mk
include tests/repl/local.mk
include tests/lua/local.mk
include tests/interop/local.mk
include tests/fuzz/local.mk
include tests/bench/local.mk
