# The MIB layer: the one place that talks to libsmi (STYLE §1), a
# convenience library over the engine's public headers and libsmi.
noinst_LTLIBRARIES += src/mib/libsnmib.la
src_mib_libsnmib_la_CFLAGS = $(AM_CFLAGS) $(SMI_CFLAGS)
src_mib_libsnmib_la_LIBADD = $(SMI_LIBS)
src_mib_libsnmib_la_SOURCES = src/mib/mib.h src/mib/mib_int.h \
	src/mib/buf.c src/mib/mib.c src/mib/index.c src/mib/syntax.c \
	src/mib/hint.c src/mib/name.c src/mib/lookup.c src/mib/render.c \
	src/mib/complete.c src/mib/describe.c src/mib/setval.c \
	src/mib/source.c src/mib/smiconf.c
