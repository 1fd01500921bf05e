# libFuzzer targets; make check replays their corpora.
# Message and PDU decoders (owner: codec).  Under --enable-fuzzing the
# codec sources are compiled into the target with coverage instrumentation;
# make check replays the corpus through the same target linked with replay.c.
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_msg
tests_fuzz_fuzz_msg_SOURCES = tests/fuzz/fuzz_msg.c \
	src/engine/error.c src/engine/oid.c src/engine/value.c \
	src/engine/ber.c src/engine/pdu.c src/engine/mp_v1.c
tests_fuzz_fuzz_msg_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_msg_LDFLAGS = -fsanitize=fuzzer,address,undefined
endif
check_PROGRAMS += tests/fuzz/replay_msg
tests_fuzz_replay_msg_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_msg.c
tests_fuzz_replay_msg_LDADD = src/engine/libsnengine.la tests/lib/libtap.la \
	$(CRYPTO_LIBS)
TESTS += tests/fuzz/replay_msg.sh
dist_noinst_SCRIPTS += tests/fuzz/replay_msg.sh
EXTRA_DIST += tests/fuzz/corpus/msg

# The command responder behind the decoder (fuzz_agent.c); its corpus is
# the message corpus (requests of every kind, good and malformed).
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_agent
tests_fuzz_fuzz_agent_SOURCES = tests/fuzz/fuzz_agent.c
tests_fuzz_fuzz_agent_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_agent_LDADD = src/engine/libsnengine.la $(CRYPTO_LIBS)
tests_fuzz_fuzz_agent_LDFLAGS = -fsanitize=fuzzer,address,undefined
endif
check_PROGRAMS += tests/fuzz/replay_agent
tests_fuzz_replay_agent_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_agent.c
tests_fuzz_replay_agent_LDADD = src/engine/libsnengine.la tests/lib/libtap.la \
	$(CRYPTO_LIBS)
TESTS += tests/fuzz/replay_agent.sh
dist_noinst_SCRIPTS += tests/fuzz/replay_agent.sh

# SNMPv3 message processing (fuzz_v3.c, owner: v3wire): the responder's
# authoritative USM and the manager's decode/authenticate/decrypt steps,
# with and without valid credentials.
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_v3
tests_fuzz_fuzz_v3_SOURCES = tests/fuzz/fuzz_v3.c
tests_fuzz_fuzz_v3_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_v3_LDADD = src/engine/libsnengine.la $(CRYPTO_LIBS)
tests_fuzz_fuzz_v3_LDFLAGS = -fsanitize=fuzzer,address,undefined
endif
check_PROGRAMS += tests/fuzz/replay_v3
tests_fuzz_replay_v3_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_v3.c
tests_fuzz_replay_v3_LDADD = src/engine/libsnengine.la tests/lib/libtap.la \
	$(CRYPTO_LIBS)
TESTS += tests/fuzz/replay_v3.sh
dist_noinst_SCRIPTS += tests/fuzz/replay_v3.sh
EXTRA_DIST += tests/fuzz/corpus/v3

# The notification receiver (fuzz_notify.c, owner: notify): community
# messages and SNMPv3 in both USM roles, with and without users.
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_notify
tests_fuzz_fuzz_notify_SOURCES = tests/fuzz/fuzz_notify.c
tests_fuzz_fuzz_notify_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_notify_LDADD = src/engine/libsnengine.la $(CRYPTO_LIBS)
tests_fuzz_fuzz_notify_LDFLAGS = -fsanitize=fuzzer,address,undefined
endif
check_PROGRAMS += tests/fuzz/replay_notify
tests_fuzz_replay_notify_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_notify.c
tests_fuzz_replay_notify_LDADD = src/engine/libsnengine.la \
	tests/lib/libtap.la $(CRYPTO_LIBS)
TESTS += tests/fuzz/replay_notify.sh
dist_noinst_SCRIPTS += tests/fuzz/replay_notify.sh
EXTRA_DIST += tests/fuzz/corpus/notify
