#!/bin/sh
# Replays the SNMPv3 corpus (tests/fuzz/corpus/v3: Net-SNMP's captured
# messages and hand-made broken ones, raw and re-signed for each user;
# vacm-*: Get, GetNext, GetBulk and Set in several contexts, re-signed for
# each user at noAuthNoPriv and authNoPriv, for the VACM responder)
# through fuzz_v3.c linked with replay.c; prints TAP.
exec "${top_builddir:-.}/tests/fuzz/replay_v3" \
	"${top_srcdir:-.}/tests/fuzz/corpus/v3"
