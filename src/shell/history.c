/*
 * The REPL's history (SPEC §4, STYLE §5): kept in the user's data folder,
 * $XDG_DATA_HOME/snmpsh/history (an empty, unset or relative
 * XDG_DATA_HOME means ~/.local/share, as the XDG Base Directory
 * specification says; datadir.c), folder mode 0700 and file 0600,
 * bounded to SH_HISTORY_MAX lines, loaded at start and written at exit.
 * A line that holds a secret (-A, -X, -3m, -3M, -3k, -3K, separate or
 * attached) never enters the history, so it is neither recalled nor
 * written.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/readline.h>
#include <readline/history.h>

#include "datadir.h"
#include "shell.h"

#define SH_HISTORY_MAX 1000

/* The history file's path in buf; -1 when there is no data folder. */
static int
history_path(char *buf, size_t size, bool create)
{
	char dir[4096];
	int n;

	if (sh_data_dir(dir, sizeof(dir), create, NULL) == NULL)
		return -1;
	n = snprintf(buf, size, "%s/history", dir);
	if (n < 0 || (size_t)n >= size)
		return -1;
	return 0;
}

bool
sh_history_secret(const char *line)
{
	static const char *const secret[] = {
		"-A", "-X", "-3m", "-3M", "-3k", "-3K"
	};
	/* the same secrets as fields of Lua's snmp.open{...} */
	static const char *const lua_secret[] = {
		"auth_pass", "priv_pass", "auth_key", "priv_key",
		"auth_localized_key", "priv_localized_key"
	};
	const char *p = line;
	size_t i, n;

	for (i = 0; i < sizeof(lua_secret) / sizeof(lua_secret[0]); i++)
		if (strstr(line, lua_secret[i]) != NULL)
			return true;
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		if (*p == '"' || *p == '\'')
			p++;
		for (i = 0; i < sizeof(secret) / sizeof(secret[0]); i++) {
			n = strlen(secret[i]);
			if (strncmp(p, secret[i], n) == 0)
				return true;
		}
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != ';')
			p++;
	}
	return false;
}

void
sh_history_add(const char *line)
{
	HIST_ENTRY *last;
	const char *p = line;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0' || sh_history_secret(line))
		return;
	last = history_length > 0 ? history_get(history_base +
	    history_length - 1) : NULL;
	if (last != NULL && strcmp(last->line, line) == 0)
		return;
	add_history(line);
}

void
sh_history_load(void)
{
	char path[4200];

	using_history();
	stifle_history(SH_HISTORY_MAX);
	if (history_path(path, sizeof(path), false) == 0)
		(void)read_history(path);
}

int
sh_history_save(void)
{
	char path[4200];
	int fd, rc;

	if (history_path(path, sizeof(path), true) < 0) {
		clear_history();
		return -1;
	}
	/* Create it private before readline writes to it. */
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0) {
		(void)fchmod(fd, 0600);
		close(fd);
	}
	rc = write_history(path);
	if (rc == 0)
		(void)history_truncate_file(path, SH_HISTORY_MAX);
	clear_history();
	return rc == 0 ? 0 : -1;
}
