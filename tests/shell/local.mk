# Batch-mode tests of the snmpsh program.
SHELL_TESTS = \
	tests/shell/usage.sh tests/shell/request.sh tests/shell/walk.sh \
	tests/shell/format.sh tests/shell/timeout.sh tests/shell/mib.sh \
	tests/shell/sessions.sh tests/shell/pipes.sh \
	tests/shell/paste.sh tests/shell/profiles.sh \
	tests/shell/notify.sh tests/shell/luacmd.sh
TESTS += $(SHELL_TESTS)
dist_noinst_SCRIPTS += $(SHELL_TESTS)
EXTRA_DIST += tests/shell/lib.sh tests/shell/fake_agent.py
