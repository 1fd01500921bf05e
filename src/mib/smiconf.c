/*
 * libsmi's configuration files (smi.conf(5): the global /etc/smi.conf and
 * the user's ~/.smirc), read line by line as smiReadConfig() reads them:
 * "COMMAND ARG" or "TAG: COMMAND ARG" for the application TAG, '#'
 * comments.  The mib service takes the `path` and `load` commands from
 * here; libsmi itself is told to read none (it would read them before
 * snmpsh's error handler is in place, from the passwd entry's home rather
 * than $HOME, and let a `path` line replace the bundled folder).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "mib/mib_int.h"

int
mib_conf_read(const char *file, const char *tag, mib_conf_fn fn, void *ud)
{
	char line[1024], *cmd, *arg, *save;
	FILE *f;

	if (file == NULL || *file == '\0' || (f = fopen(file, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (line[0] == '#')
			continue;
		if ((cmd = strtok_r(line, " \t\r\n", &save)) == NULL ||
		    cmd[0] == '#')
			continue;
		if (cmd[strlen(cmd) - 1] == ':') {
			/* a line for one application only */
			cmd[strlen(cmd) - 1] = '\0';
			if (tag == NULL || strcmp(cmd, tag) != 0)
				continue;
			if ((cmd = strtok_r(NULL, " \t\r\n", &save)) == NULL)
				continue;
		}
		arg = strtok_r(NULL, " \t\r\n", &save);
		fn(ud, cmd, arg);
	}
	fclose(f);
	return 0;
}
