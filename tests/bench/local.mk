# Benchmarks: `make bench` (not part of make check).  Its programs are
# EXTRA_PROGRAMS, built only by that target; tests/bench/run.sh runs them
# and the peers side by side and writes tests/bench/results/latest.txt.
# (tests/bench is included last: a later user of EXTRA_PROGRAMS appends.)
EXTRA_PROGRAMS = tests/bench/bench_rusage
tests_bench_bench_rusage_SOURCES = tests/bench/bench_rusage.c
BENCH_BINS = tests/bench/bench_rusage$(EXEEXT)

if HAVE_NETSNMP_DEV
# libnetsnmp is the codec's yardstick: linked into this program only.
EXTRA_PROGRAMS += tests/bench/bench_codec
tests_bench_bench_codec_SOURCES = tests/bench/bench_codec.c \
	tests/bench/codec.h tests/bench/bench_netsnmp.c
tests_bench_bench_codec_LDADD = src/engine/libsnengine.la $(CRYPTO_LIBS) \
	-lnetsnmp
BENCH_BINS += tests/bench/bench_codec$(EXEEXT)
endif

# The engine's SNMPv3 cryptography per message (internal headers).
EXTRA_PROGRAMS += tests/bench/bench_crypto
tests_bench_bench_crypto_SOURCES = tests/bench/bench_crypto.c
tests_bench_bench_crypto_LDADD = src/engine/libsnengine.la $(CRYPTO_LIBS)
BENCH_BINS += tests/bench/bench_crypto$(EXEEXT)

CLEANFILES += $(BENCH_BINS)
dist_noinst_SCRIPTS += tests/bench/run.sh tests/bench/pysnmp_walk.py
EXTRA_DIST += tests/bench/README.md tests/bench/BENCH-MIB.txt

# BENCH_FLAGS passes options to run.sh, e.g. make bench BENCH_FLAGS=--quick
bench: $(BENCH_BINS) snmpsh$(EXEEXT)
	@$(AM_TESTS_ENVIRONMENT) \
	export BENCH_BINDIR='$(abs_top_builddir)/tests/bench'; \
	export SNMPWALK='$(SNMPWALK)' NETSNMP_CONFIG='$(NETSNMP_CONFIG)'; \
	$(SHELL) $(top_srcdir)/tests/bench/run.sh $(BENCH_FLAGS)
.PHONY: bench
