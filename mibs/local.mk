# The bundled MIB modules (mibs/ietf, mibs/iana, mibs/net-snmp; one module
# per file, libsmi's layout), installed under $(pkgdatadir)/mibs where the
# MIB layer finds them at run time (src/mib/mib.c).  The ~360 files are
# listed by find at install and dist time rather than by hand.
MIB_DIRS = ietf iana net-snmp
EXTRA_DIST += mibs/README.md

install-data-local: install-mibs
uninstall-local: uninstall-mibs
dist-hook: dist-mibs

install-mibs:
	@for d in $(MIB_DIRS); do \
	  $(MKDIR_P) "$(DESTDIR)$(pkgdatadir)/mibs/$$d" || exit 1; \
	  for f in $(srcdir)/mibs/$$d/*; do \
	    test -f "$$f" || continue; \
	    $(INSTALL_DATA) "$$f" "$(DESTDIR)$(pkgdatadir)/mibs/$$d/" \
	      || exit 1; \
	  done; \
	done

uninstall-mibs:
	@for d in $(MIB_DIRS); do \
	  for f in $(srcdir)/mibs/$$d/*; do \
	    test -f "$$f" || continue; \
	    rm -f "$(DESTDIR)$(pkgdatadir)/mibs/$$d/`basename "$$f"`"; \
	  done; \
	  rmdir "$(DESTDIR)$(pkgdatadir)/mibs/$$d" 2>/dev/null || :; \
	done; \
	rmdir "$(DESTDIR)$(pkgdatadir)/mibs" 2>/dev/null || :

dist-mibs:
	@for d in $(MIB_DIRS); do \
	  $(MKDIR_P) "$(distdir)/mibs/$$d" || exit 1; \
	  for f in $(srcdir)/mibs/$$d/*; do \
	    test -f "$$f" || continue; \
	    cp -p "$$f" "$(distdir)/mibs/$$d/" || exit 1; \
	  done; \
	done

.PHONY: install-mibs uninstall-mibs dist-mibs
