# MIB layer tests (owner: mib): a C unit test (tests/unit/test_mib) with
# fixed cases, and script tests comparing the layer line by line with
# Net-SNMP on the same MIB files: snmptranslate for names (translate.sh),
# libnetsnmp's own renderer for values (values.sh, through nsoracle, a
# test-only program; libnetsnmp is never linked into snmpsh).  Both drive
# the layer through tests/mib/mibtool.
check_PROGRAMS += tests/mib/mibtool
tests_mib_mibtool_SOURCES = tests/mib/mibtool.c
tests_mib_mibtool_LDADD = src/mib/libsnmib.la src/engine/libsnengine.la \
	$(SMI_LIBS) $(CRYPTO_LIBS)

if HAVE_NETSNMP_DEV
check_PROGRAMS += tests/mib/nsoracle
tests_mib_nsoracle_SOURCES = tests/mib/nsoracle.c
tests_mib_nsoracle_CFLAGS = $(AM_CFLAGS) -Wno-strict-prototypes \
	-Wno-missing-prototypes
tests_mib_nsoracle_LDADD = -lnetsnmp
endif
EXTRA_DIST += tests/mib/nsoracle.c

TESTS += tests/mib/translate.sh tests/mib/values.sh tests/mib/paths.sh
dist_noinst_SCRIPTS += tests/mib/translate.sh tests/mib/values.sh \
	tests/mib/paths.sh
dist_noinst_DATA += tests/mib/values.txt tests/lsan.supp
