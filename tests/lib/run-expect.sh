#!/bin/sh
# Run one expect script of tests/repl (prints TAP itself).  Skips when
# expect is missing, except under CI where a missing peer is a failure.
if [ -z "${EXPECT:-}" ] || [ ! -x "$EXPECT" ]; then
	if [ "${CI:-}" = true ]; then
		echo "1..1"; echo "not ok 1 - expect is not installed"; exit 1
	fi
	echo "1..0 # SKIP expect is not installed"; exit 0
fi
exec "$EXPECT" -f "$1"
