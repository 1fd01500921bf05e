/*
 * The user's data folder (SPEC §4, the XDG Base Directory specification):
 * one place that knows where it is and how to create it, for the history,
 * the demo agent and the shell's own engine ID and boots (RFC 3414
 * §2.2.2, kept by sn_engine_id_restart).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "shell/datadir.h"

int
sh_mkdir_p(char *path)
{
	char *p;

	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

const char *
sh_data_dir(char *buf, size_t cap, bool create, const char **why)
{
	const char *x = getenv("XDG_DATA_HOME"), *h = getenv("HOME");
	const char *dummy;
	int n;

	if (why == NULL)
		why = &dummy;
	/* the specification: a relative path is invalid, and ignored */
	if (x != NULL && x[0] == '/')
		n = snprintf(buf, cap, "%s/snmpsh", x);
	else if (h != NULL && h[0] == '/')
		n = snprintf(buf, cap, "%s/.local/share/snmpsh", h);
	else {
		*why = "neither XDG_DATA_HOME nor HOME is set";
		return NULL;
	}
	if (n < 0 || (size_t)n >= cap) {
		*why = "path too long";
		return NULL;
	}
	if (create && sh_mkdir_p(buf) != 0) {
		*why = strerror(errno);
		return NULL;
	}
	return buf;
}
