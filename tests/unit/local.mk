# Unit tests in C, one program per engine module.

# codec: BER, OIDs, values, PDUs, community messages (owner: codec); the
# vectors are data in tests/vectors/, found through $top_srcdir.
check_PROGRAMS += tests/unit/test_ber tests/unit/test_oid \
	tests/unit/test_value tests/unit/test_pdu
TESTS += tests/unit/test_ber tests/unit/test_oid tests/unit/test_value \
	tests/unit/test_pdu
tests_unit_test_ber_SOURCES = tests/unit/test_ber.c tests/unit/vec.c \
	tests/unit/vec.h
tests_unit_test_ber_LDADD = src/engine/libsnengine.la tests/lib/libtap.la \
	$(CRYPTO_LIBS)
tests_unit_test_oid_SOURCES = tests/unit/test_oid.c
tests_unit_test_oid_LDADD = src/engine/libsnengine.la tests/lib/libtap.la \
	$(CRYPTO_LIBS)
tests_unit_test_value_SOURCES = tests/unit/test_value.c
tests_unit_test_value_LDADD = src/engine/libsnengine.la \
	tests/lib/libtap.la $(CRYPTO_LIBS)
tests_unit_test_pdu_SOURCES = tests/unit/test_pdu.c tests/unit/vec.c \
	tests/unit/vec.h
tests_unit_test_pdu_LDADD = src/engine/libsnengine.la tests/lib/libtap.la \
	$(CRYPTO_LIBS)
dist_noinst_DATA += tests/vectors/values.txt tests/vectors/messages.txt \
	tests/vectors/errstat.txt

# command responder and its instance store (owner: rsp)
check_PROGRAMS += tests/unit/test_mostore tests/unit/test_cmdrsp
TESTS += tests/unit/test_mostore tests/unit/test_cmdrsp
tests_unit_test_mostore_SOURCES = tests/unit/test_mostore.c
tests_unit_test_mostore_LDADD = src/engine/libsnengine.la \
	tests/lib/libtap.la $(CRYPTO_LIBS)
tests_unit_test_cmdrsp_SOURCES = tests/unit/test_cmdrsp.c
tests_unit_test_cmdrsp_LDADD = src/engine/libsnengine.la \
	tests/lib/libtap.la $(CRYPTO_LIBS)
check_PROGRAMS += tests/unit/test_demo
TESTS += tests/unit/test_demo
tests_unit_test_demo_SOURCES = tests/unit/test_demo.c src/shell/demo.c \
	src/shell/demo.h src/shell/datadir.c src/shell/datadir.h
tests_unit_test_demo_LDADD = src/engine/libsnengine.la \
	tests/lib/libtap.la $(CRYPTO_LIBS)
check_PROGRAMS += tests/unit/test_agent_net
TESTS += tests/unit/test_agent_net
tests_unit_test_agent_net_SOURCES = tests/unit/test_agent_net.c
tests_unit_test_agent_net_LDADD = src/engine/libsnengine.la \
	tests/lib/libtap.la $(CRYPTO_LIBS)

# event loop, transports, dispatcher, command generator, walks (owner: net)
check_PROGRAMS += tests/unit/test_loop tests/unit/test_transport \
	tests/unit/test_session
TESTS += tests/unit/test_loop tests/unit/test_transport \
	tests/unit/test_session
tests_unit_test_loop_SOURCES = tests/unit/test_loop.c
tests_unit_test_loop_LDADD = src/engine/libsnengine.la \
	tests/lib/libtap.la $(CRYPTO_LIBS)
tests_unit_test_transport_SOURCES = tests/unit/test_transport.c
tests_unit_test_transport_LDADD = src/engine/libsnengine.la \
	tests/lib/libtap.la $(CRYPTO_LIBS)
tests_unit_test_session_SOURCES = tests/unit/test_session.c
tests_unit_test_session_LDADD = src/engine/libsnengine.la \
	tests/lib/libtap.la $(CRYPTO_LIBS)

# SNMPv3: crypto, USM primitives, v3 messages (owner: v3)
check_PROGRAMS += tests/unit/test_crypto tests/unit/test_usm \
	tests/unit/test_mp_v3
TESTS += tests/unit/test_crypto tests/unit/test_usm tests/unit/test_mp_v3
tests_unit_test_crypto_SOURCES = tests/unit/test_crypto.c tests/unit/vec.c \
	tests/unit/vec.h
tests_unit_test_crypto_LDADD = src/engine/libsnengine.la \
	tests/lib/libtap.la $(CRYPTO_LIBS)
tests_unit_test_usm_SOURCES = tests/unit/test_usm.c tests/unit/vec.c \
	tests/unit/vec.h
tests_unit_test_usm_LDADD = src/engine/libsnengine.la tests/lib/libtap.la \
	$(CRYPTO_LIBS)
tests_unit_test_mp_v3_SOURCES = tests/unit/test_mp_v3.c tests/unit/vec.c \
	tests/unit/vec.h
tests_unit_test_mp_v3_LDADD = src/engine/libsnengine.la \
	tests/lib/libtap.la $(CRYPTO_LIBS)
dist_noinst_DATA += tests/vectors/usm-keys.txt tests/vectors/usm-crypto.txt \
	tests/vectors/usm-messages.txt

# MIB layer (owner: mib); finds the bundled mibs/ through $top_srcdir
check_PROGRAMS += tests/unit/test_mib
TESTS += tests/unit/test_mib
tests_unit_test_mib_SOURCES = tests/unit/test_mib.c
tests_unit_test_mib_LDADD = src/mib/libsnmib.la src/engine/libsnengine.la \
	tests/lib/libtap.la $(SMI_LIBS) $(CRYPTO_LIBS)

# SNMPv3 sessions against the responder's USM, in one process (owner: v3wire)
check_PROGRAMS += tests/unit/test_v3_session
TESTS += tests/unit/test_v3_session
tests_unit_test_v3_session_SOURCES = tests/unit/test_v3_session.c
tests_unit_test_v3_session_LDADD = src/engine/libsnengine.la \
	tests/lib/libtap.la $(CRYPTO_LIBS)

# persistent engine ID and boots (owner: eid)
check_PROGRAMS += tests/unit/test_engine_id
TESTS += tests/unit/test_engine_id
tests_unit_test_engine_id_SOURCES = tests/unit/test_engine_id.c
tests_unit_test_engine_id_LDADD = src/engine/libsnengine.la \
	tests/lib/libtap.la $(CRYPTO_LIBS)

# pull-style walks (walk.c pause/resume) against the demo agent
check_PROGRAMS += tests/unit/test_walk_pause
TESTS += tests/unit/test_walk_pause
tests_unit_test_walk_pause_SOURCES = tests/unit/test_walk_pause.c \
	src/shell/demo.c src/shell/demo.h src/shell/datadir.c \
	src/shell/datadir.h
tests_unit_test_walk_pause_LDADD = src/engine/libsnengine.la \
	tests/lib/libtap.la $(CRYPTO_LIBS)

# the Lua layer's C API for the shell (lua/lsnmp.h)
check_PROGRAMS += tests/unit/test_lua_api
TESTS += tests/unit/test_lua_api
tests_unit_test_lua_api_SOURCES = tests/unit/test_lua_api.c
tests_unit_test_lua_api_LDADD = lua/libsnlua.la src/mib/libsnmib.la \
	src/engine/libsnengine.la tests/lib/libtap.la $(SMI_LIBS) \
	$(CRYPTO_LIBS) $(LUA_LIBS)

# notifications: RFC 3584 conversion, receiver, originator (owner: notify)
check_PROGRAMS += tests/unit/test_notify
TESTS += tests/unit/test_notify
tests_unit_test_notify_SOURCES = tests/unit/test_notify.c
tests_unit_test_notify_LDADD = src/engine/libsnengine.la \
	tests/lib/libtap.la $(CRYPTO_LIBS)

# RFC 3415 VACM and the responder within MIB views (owner: v3)
check_PROGRAMS += tests/unit/test_vacm
TESTS += tests/unit/test_vacm
tests_unit_test_vacm_SOURCES = tests/unit/test_vacm.c
tests_unit_test_vacm_LDADD = src/engine/libsnengine.la tests/lib/libtap.la \
	$(CRYPTO_LIBS)
