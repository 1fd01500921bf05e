# The SNMP engine: a convenience library with no dependency but libcrypto.
noinst_LTLIBRARIES += src/engine/libsnengine.la
src_engine_libsnengine_la_CFLAGS = $(AM_CFLAGS) $(CRYPTO_CFLAGS) $(FUZZ_CFLAGS)
src_engine_libsnengine_la_LIBADD = $(CRYPTO_LIBS)
src_engine_libsnengine_la_SOURCES = \
	src/include/sn/error.h src/include/sn/oid.h src/include/sn/value.h \
	src/include/sn/pdu.h src/include/sn/loop.h src/include/sn/session.h \
	src/include/sn/agent.h src/include/sn/notify.h
# codec (BER, OIDs, values, PDUs, community messages)
src_engine_libsnengine_la_SOURCES += \
	src/engine/error.c src/engine/oid.c src/engine/value.c \
	src/engine/hex.c src/engine/ber.c src/engine/ber.h src/engine/pdu.c src/engine/mp_v1.c
# loop, transports, dispatcher, command generator
src_engine_libsnengine_la_SOURCES += \
	src/engine/loop.c src/engine/transport.c src/engine/transport.h \
	src/engine/tr_udp.c src/engine/tr_unix.c src/engine/tr_internal.h \
	src/engine/dispatch.c src/engine/dispatch.h \
	src/engine/cmdgen.c src/engine/cmdgen.h src/engine/cmdgen_int.h \
	src/engine/cmdgen_v3.c src/engine/walk.c
# command responder
src_engine_libsnengine_la_SOURCES += \
	src/engine/cmdrsp.c src/engine/agent.c src/engine/agent_int.h \
	src/engine/mostore.c \
	src/engine/agent_usm.c src/engine/agent_usm.h \
	src/engine/usm_local.c src/engine/usm_local.h \
	src/engine/vacm.c src/engine/vacm.h
# persistent engine ID and boots (owner: eid)
src_engine_libsnengine_la_SOURCES += src/engine/engine_id.c
# SNMPv3: crypto (the only OpenSSL user), USM primitives, v3 messages
src_engine_libsnengine_la_SOURCES += \
	src/engine/crypto.c src/engine/crypto.h src/engine/usm.c \
	src/engine/usm.h src/engine/mp_v3.c src/engine/mp_v3.h
# notification receiver and originator, RFC 3584 trap conversion
# (owner: notify)
src_engine_libsnengine_la_SOURCES += \
	src/engine/notify.h src/engine/notify_rx.c src/engine/notify_tx.c \
	src/engine/coexist.c
