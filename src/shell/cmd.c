/*
 * The command table and dispatcher: a line is split into commands and
 * words (args.c), each command runs to completion and returns its exit
 * status (SPEC §2), the worst status of a line is kept.  Also the shared
 * helpers of the commands: error messages "snmpsh: context: message",
 * stdout flushing, the current session, OID arguments, and `help`/`quit`.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

static int cmd_help(struct sh_shell *sh, int argc, char **argv);
static int cmd_quit(struct sh_shell *sh, int argc, char **argv);

static const struct sh_cmd commands[] = {
	{ "get", sh_cmd_get, "get OID...",
	    "fetch the given instances (GetRequest)" },
	{ "getnext", sh_cmd_getnext, "getnext OID...",
	    "fetch the instances following the given OIDs (GetNextRequest)" },
	{ "getbulk", sh_cmd_getbulk, "getbulk [-Cn<N>] [-Cr<M>] OID...",
	    "GetBulkRequest: N non-repeaters (default 0), M repetitions "
	    "(default 10)" },
	{ "walk", sh_cmd_walk, "walk [-Cc -Ci -CI -Cp -Ct -CE<OID>] [OID]",
	    "walk a subtree with GETNEXT (default 1.3.6.1.2.1)" },
	{ "bulkwalk", sh_cmd_bulkwalk,
	    "bulkwalk [-Cr<M> -Cc -Ci -CI -Cp -Ct -CE<OID>] [OID]",
	    "walk a subtree with GETBULK (default 1.3.6.1.2.1, M 10)" },
	{ "set", sh_cmd_set, "set OID TYPE VALUE [OID TYPE VALUE...]",
	    "SetRequest; TYPE: i u t a o s x d b U I F D c C n (as snmpset), "
	    "= for the type from the MIB" },
	{ "translate", sh_cmd_translate, "translate [-O<n f s S u>] OID...",
	    "name <-> numeric OID (as snmptranslate)" },
	{ "describe", sh_cmd_describe, "describe OID...",
	    "the MIB definition of an object (as snmptranslate -Td)" },
	{ "table", sh_cmd_table, "table [-Cb -Ci -Cf<S> -CB -Cr<M>] TABLE",
	    "a conceptual table as rows and columns (as snmptable)" },
	{ "mib", sh_cmd_mib, "mib errors | mib path | mib modules",
	    "MIB modules that failed to load (with the reason), the search "
	    "path, the number loaded" },
	{ "listen", sh_cmd_listen, "listen [OPTIONS] [AGENT...] | listen stats",
	    "receive traps and informs (v1, v2c, v3), printed as they arrive; "
	    "'listen --help' for options and the format" },
	{ "unlisten", sh_cmd_unlisten, "unlisten", "stop receiving" },
	{ "trap", sh_cmd_trap, "trap UPTIME TRAP-OID [OID TYPE VALUE]...",
	    "send a trap from the current session, as snmptrap (v1: trap "
	    "ENTERPRISE AGENT-ADDR GENERIC SPECIFIC UPTIME ...)" },
	{ "inform", sh_cmd_inform, "inform UPTIME TRAP-OID [OID TYPE VALUE]...",
	    "send an inform and wait for the acknowledgement, as snmpinform" },
	{ "help", cmd_help, "help [COMMAND]", "list commands, or show one" },
	{ "quit", cmd_quit, "quit", "leave the shell" },
	{ "exit", cmd_quit, "exit", "leave the shell" },
	{ NULL, NULL, NULL, NULL }
};

void
sh_err(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("snmpsh: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

void
sh_flush_ob(struct sh_shell *sh)
{
	if (sh->ob.len > 0)
		fwrite(sh->ob.p, 1, sh->ob.len, stdout);
	sh->ob.len = 0;
}

const struct sh_cmd *
sh_cmd_find(const char *name)
{
	const struct sh_cmd *c;

	for (c = commands; c->name != NULL; c++) {
		if (strcmp(c->name, name) == 0)
			return c;
	}
	return NULL;
}

struct sh_session *
sh_need_session(struct sh_shell *sh, const char *cmd)
{
	if (sh->cur == NULL)
		sh_err("%s: no session (open one, or give an AGENT)", cmd);
	return sh->cur;
}

int
sh_resolve_oid(struct sh_shell *sh, const char *cmd, const char *text,
    struct sn_oid *oid)
{
	struct sn_error err;
	int rc;

	sn_error_clear(&err);
	if (sh->mib != NULL) {
		if ((rc = mib_parse_oid(sh->mib, text, oid, &err)) == 0)
			return SH_OK;
		if (rc == SN_ENAME && strstr(err.msg, "Unknown Object") !=
		    NULL) {
			/* As Net-SNMP's tools: the message alone, status 1. */
			fflush(stdout);
			fprintf(stderr, "%s\n", err.msg);
			fflush(stderr);
			return SH_ESNMP;
		}
		if (rc == SN_ENAME && err.msg[0] != '\0') {
			sh_err("%s: %s", cmd, err.msg);
			return SH_ESNMP;
		}
	} else if ((rc = sn_oid_parse(oid, text, &err)) == 0) {
		return SH_OK;
	}
	fflush(stdout);
	if (rc == SN_ENAME && strstr(text, "::") != NULL)
		/* `-m ''`: no module, as Net-SNMP with none loaded */
		fprintf(stderr, "%s: Unknown Object Identifier\n", text);
	else if (rc == SN_ENAME && ((text[0] >= 'a' && text[0] <= 'z') ||
	    (text[0] >= 'A' && text[0] <= 'Z')))
		/* `-m ''`: no MIB names, as Net-SNMP with no modules */
		fprintf(stderr, "%s: Unknown Object Identifier (Sub-id not "
		    "found: (top) -> %.*s)\n", text, (int)strcspn(text, ".:"),
		    text);
	else if (rc == SN_ETOOLONG)
		sh_err("%s: %s: more than %d sub-identifiers", cmd, text,
		    SN_OID_MAX_LEN);
	else if (rc == SN_EOVERFLOW)
		sh_err("%s: %s: sub-identifier larger than 4294967295", cmd,
		    text);
	else
		sh_err("%s: %s: not a valid OID", cmd, text);
	return SH_ESNMP;
}

void
sh_out_varbind(struct sh_shell *sh, struct sh_buf *b,
    const struct sn_varbind *vb, const struct sh_outopts *o)
{
	struct mib_outopts mo;

	if (sh->mib == NULL) {
		sh_fmt_varbind(b, vb, o);
		return;
	}
	sh_outopts_mib(o, &mo);
	mib_buf_reset(&sh->mb);
	if (mib_format_varbind(sh->mib, vb, &mo, &sh->mb) < 0) {
		/* Out of memory in the renderer: the plain form still works. */
		sh_fmt_varbind(b, vb, o);
		return;
	}
	sh_buf_add(b, mib_buf_str(&sh->mb), sh->mb.len);
	sh_buf_addc(b, '\n');
}

void
sh_out_oid(struct sh_shell *sh, struct sh_buf *b, const struct sn_oid *oid,
    const struct sh_outopts *o)
{
	struct mib_outopts mo;

	if (sh->mib == NULL) {
		sh_fmt_oid(b, oid);
		return;
	}
	sh_outopts_mib(o, &mo);
	mib_buf_reset(&sh->mb);
	if (mib_format_oid(sh->mib, oid, &mo, &sh->mb) < 0) {
		sh_fmt_oid(b, oid);
		return;
	}
	sh_buf_add(b, mib_buf_str(&sh->mb), sh->mb.len);
}

int
sh_session_add(struct sh_shell *sh, const char *name, const char *agent,
    struct sn_session *s)
{
	struct sh_session *ss;

	if (sh->nsessions == SH_SESSIONS_MAX)
		return SN_ELIMIT;
	if ((ss = calloc(1, sizeof(*ss))) == NULL ||
	    (ss->agent = strdup(agent)) == NULL) {
		free(ss);
		return SN_ENOMEM;
	}
	snprintf(ss->name, sizeof(ss->name), "%s", name);
	ss->s = s;
	sh->sessions[sh->nsessions++] = ss;
	sh->cur = ss;
	return 0;
}

void
sh_sessions_close(struct sh_shell *sh)
{
	size_t i;

	for (i = 0; i < sh->nsessions; i++) {
		sn_session_close(sh->sessions[i]->s);
		free(sh->sessions[i]->agent);
		free(sh->sessions[i]);
	}
	sh->nsessions = 0;
	sh->cur = NULL;
}

int
sh_run_argv(struct sh_shell *sh, int argc, char **argv)
{
	const struct sh_cmd *c;

	if (argc == 0)
		return SH_OK;
	if ((c = sh_cmd_find(argv[0])) == NULL) {
		sh_err("%s: unknown command (try 'help')", argv[0]);
		return SH_EUSAGE;
	}
	return c->fn(sh, argc, argv);
}

int
sh_run_line(struct sh_shell *sh, const char *line)
{
	struct sh_argv words;
	struct sn_error err;
	size_t pos = 0;
	int rc, st, worst = SH_OK;

	sh_argv_init(&words);
	sn_error_clear(&err);
	while (!sh->quit && (rc = sh_tokenize(line, &pos, &words, &err)) != 0) {
		if (rc < 0) {
			sh_err("%s", err.msg);
			worst = SH_EUSAGE > worst ? SH_EUSAGE : worst;
			break;
		}
		/* After a Ctrl-C, the rest of the line does not run. */
		if (sh->interrupted) {
			worst = SH_EINTR;
			break;
		}
		st = sh_run_argv(sh, words.argc, words.argv);
		fflush(stdout);
		if (st > worst)
			worst = st;
		if (st == SH_EINTR)
			break;
	}
	sh_argv_clear(&words);
	return worst;
}

static int
cmd_help(struct sh_shell *sh, int argc, char **argv)
{
	const struct sh_cmd *c;

	(void)sh;
	if (argc > 2) {
		sh_err("help: %s: too many arguments", argv[2]);
		return SH_EUSAGE;
	}
	if (argc == 2) {
		if ((c = sh_cmd_find(argv[1])) == NULL) {
			sh_err("help: %s: unknown command", argv[1]);
			return SH_EUSAGE;
		}
		printf("usage: %s\n  %s\n", c->usage, c->help);
		return SH_OK;
	}
	printf("Commands:\n");
	for (c = commands; c->name != NULL; c++)
		printf("  %-44s %s\n", c->usage, c->help);
	printf("Request commands also take -O output letters (n f s S u q "
	    "Q v e b x a U t T X).\n"
	    "Commands are separated by ';' or new lines; '#' starts a "
	    "comment.\n");
	return SH_OK;
}

static int
cmd_quit(struct sh_shell *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	sh->quit = true;
	return SH_OK;
}
