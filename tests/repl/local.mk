# The REPL typed at as a person would, on a pseudo-terminal (expect):
# prompt, Ctrl-C and Ctrl-D, Tab completion, history across runs.
TESTS += tests/repl/prompt.exp tests/repl/complete.exp \
	tests/repl/history.exp tests/repl/interrupt.exp \
	tests/repl/sessions.exp tests/repl/lua.exp tests/repl/notify.exp \
	tests/repl/luacmd.exp tests/repl/progress.exp
EXTRA_DIST += tests/repl/prompt.exp tests/repl/complete.exp \
	tests/repl/history.exp tests/repl/interrupt.exp \
	tests/repl/sessions.exp tests/repl/lua.exp tests/repl/lib.tcl \
	tests/repl/notify.exp tests/repl/luacmd.exp \
	tests/repl/progress.exp
