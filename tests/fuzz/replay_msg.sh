#!/bin/sh
# Replays the message fuzzer's corpus (tests/fuzz/corpus/msg) through
# fuzz_msg.c linked with replay.c; prints TAP.
exec "${top_builddir:-.}/tests/fuzz/replay_msg" \
	"${top_srcdir:-.}/tests/fuzz/corpus/msg"
