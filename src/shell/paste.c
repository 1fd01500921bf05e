/*
 * Paste compatibility: a Net-SNMP command line typed at the prompt
 * (`snmpwalk -v2c -c public 127.0.0.1:16161 ifTable`) runs as that tool
 * would, through snmpsh's engine: the session options (snmpcmd(1)) open
 * a temporary session to AGENT, the words after AGENT and any -O/-C
 * options go to the matching shell command, and the session is closed
 * afterwards.  snmptranslate needs no session.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

static const struct {
	const char *tool;
	const char *cmd;
} tools[] = {
	{ "snmpget", "get" },
	{ "snmpgetnext", "getnext" },
	{ "snmpbulkget", "getbulk" },
	{ "snmpwalk", "walk" },
	{ "snmpbulkwalk", "bulkwalk" },
	{ "snmpset", "set" },
	{ "snmptable", "table" },
	{ "snmptranslate", "translate" },
	{ "snmptrap", "trap" },
	{ "snmpinform", "inform" },
	{ NULL, NULL }
};

const char *
sh_paste_command(const char *tool)
{
	size_t i;

	for (i = 0; tools[i].tool != NULL; i++)
		if (strcmp(tools[i].tool, tool) == 0)
			return tools[i].cmd;
	return NULL;
}

/* -C letters whose value may be the next word (walk, getbulk, table). */
static bool
copt_takes_value(const char *arg)
{
	return arg[2] != '\0' && arg[3] == '\0' &&
	    strchr("ErnfE", arg[2]) != NULL;
}

int
sh_paste_run(struct sh_shell *sh, int argc, char **argv)
{
	const char *cmd = sh_paste_command(argv[0]), *agent = NULL;
	const struct sh_jobdef *d;
	struct sh_sessargs sa;
	struct sh_outopts oo = sh->out;
	struct sh_session *ss = NULL;
	struct sn_error err;
	char **args, name[16];
	int i, n = 0, rc, st;

	if ((args = calloc((size_t)argc + 1, sizeof(*args))) == NULL) {
		sh_err("%s: out of memory", argv[0]);
		return SH_ESNMP;
	}
	snprintf(name, sizeof(name), "%s", cmd);
	args[n++] = name;
	sh_sessargs_init(&sa);
	for (i = 1; i < argc;) {
		const char *a = argv[i];

		if (agent != NULL || (a[0] == '-' && (a[1] == 'O' ||
		    a[1] == 'C'))) {
			/* output and command letters go to the command */
			args[n++] = argv[i++];
			if (agent == NULL && ((a[1] == 'O' && a[2] == '\0') ||
			    (a[1] == 'C' && copt_takes_value(a))) && i < argc)
				args[n++] = argv[i++];
			continue;
		}
		sn_error_clear(&err);
		rc = sh_args_option(argc, argv, &i, &sa, &oo, &err);
		if (rc < 0) {
			sh_err("%s: %s", argv[0], err.msg);
			free(args);
			return SH_EUSAGE;
		}
		if (rc > 0)
			continue;
		if (a[0] == '-' && a[1] != '\0') {
			sh_err("%s: %s: unknown option", argv[0], a);
			free(args);
			return SH_EUSAGE;
		}
		if (strcmp(cmd, "translate") == 0) {
			/* no AGENT: the words are the OIDs */
			args[n++] = argv[i++];
			continue;
		}
		agent = argv[i++];
	}
	args[n] = NULL;
	if ((d = sh_jobdef_find(cmd)) == NULL) {
		st = sh_run_argv(sh, n, args);
		free(args);
		return st;
	}
	if (agent == NULL) {
		sh_err("%s: missing AGENT (usage: %s [OPTIONS] AGENT ...)",
		    argv[0], argv[0]);
		free(args);
		return SH_EUSAGE;
	}
	st = sh_session_open(sh, argv[0], &sa, NULL, agent, false, &ss);
	if (st == SH_OK)
		st = sh_jobs_run(sh, d, &ss, 1, false, n, args);
	sh_session_free(ss);
	free(args);
	return st;
}
