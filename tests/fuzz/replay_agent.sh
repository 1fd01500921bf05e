#!/bin/sh
# Replays the message corpus (tests/fuzz/corpus/msg) through the responder
# target fuzz_agent.c linked with replay.c; prints TAP.
exec "${top_builddir:-.}/tests/fuzz/replay_agent" \
	"${top_srcdir:-.}/tests/fuzz/corpus/msg"
