#!/bin/sh
# Replays the notification corpus (tests/fuzz/corpus/notify: traps and
# informs captured from Net-SNMP's snmptrap/snmpinform, v1 to v3, for the
# open and the filtered listener, re-signed for each user, and broken
# ones) through fuzz_notify.c linked with replay.c; prints TAP.
exec "${top_builddir:-.}/tests/fuzz/replay_notify" \
	"${top_srcdir:-.}/tests/fuzz/corpus/notify"
