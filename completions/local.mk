# Completions of the snmpsh command line for bash and zsh, installed where
# bash-completion and zsh look (configure: --with-bash-completion-dir,
# --with-zsh-completion-dir).
dist_bashcomp_DATA = completions/snmpsh.bash
dist_zshcomp_DATA = completions/_snmpsh
# bash-completion loads completions/NAME for command NAME
install-data-hook: install-bashcomp-name
install-bashcomp-name:
	cd "$(DESTDIR)$(bashcompdir)" && mv -f snmpsh.bash snmpsh
uninstall-hook: uninstall-bashcomp-name
uninstall-bashcomp-name:
	rm -f "$(DESTDIR)$(bashcompdir)/snmpsh"
.PHONY: install-bashcomp-name uninstall-bashcomp-name
