#!/bin/sh
# Print the suite's one summary line, "N passed, N failed[, N skipped]",
# from the TAP driver's .trs files under the build tree's tests/ folder.
# Every TAP test point counts: ok -> passed, not ok -> failed, SKIP ->
# skipped; a script that crashed or broke its plan (ERROR) counts as failed.
dir=${1:-tests}
find "$dir" -name '*.trs' -exec cat {} + 2>/dev/null | awk '
	/^:test-result: PASS/  { p++ }
	/^:test-result: XFAIL/ { p++ }
	/^:test-result: FAIL/  { f++ }
	/^:test-result: XPASS/ { f++ }
	/^:test-result: ERROR/ { f++ }
	/^:test-result: SKIP/  { s++ }
	END {
		line = sprintf("%d passed, %d failed", p, f)
		if (s > 0) line = line sprintf(", %d skipped", s)
		print line
	}'
