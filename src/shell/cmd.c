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
static int cmd_format(struct sh_shell *sh, int argc, char **argv);
static int cmd_output(struct sh_shell *sh, int argc, char **argv);

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
	{ "format", cmd_format, "format [text|json]",
	    "show or set how varbinds print: Net-SNMP text or JSON Lines" },
	{ "output", cmd_output, "output [-O<LETTERS>|default]",
	    "show or set the -O letters of the current session" },
	{ "lua", sh_cmd_lua, "lua [CHUNK]",
	    "enter Lua mode, or run one Lua chunk in the shell's Lua state" },
	{ "=", sh_cmd_lua, "= EXPR", "print the values of a Lua expression" },
	{ "source", sh_cmd_source, "source FILE",
	    "run a file of shell commands, or a .lua file in Lua" },
	{ "listen", sh_cmd_listen, "listen [OPTIONS] [AGENT...] | listen stats",
	    "receive traps and informs (v1, v2c, v3), printed as they arrive; "
	    "'listen --help' for options and the format" },
	{ "unlisten", sh_cmd_unlisten, "unlisten", "stop receiving" },
	{ "trap", sh_cmd_trap, "trap UPTIME TRAP-OID [OID TYPE VALUE]...",
	    "send a trap from the current session (or @NAME,...), as snmptrap "
	    "(v1: trap ENTERPRISE AGENT-ADDR GENERIC SPECIFIC UPTIME ...)" },
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

/* The command tables: this file's, then the sessions' (cmd_session.c). */
static const struct sh_cmd *const tables[] = { commands, sh_session_cmds };
#define NTABLES (sizeof(tables) / sizeof(tables[0]))

const struct sh_cmd *
sh_cmd_find(const char *name)
{
	const struct sh_cmd *c;
	size_t t;

	for (t = 0; t < NTABLES; t++)
		for (c = tables[t]; c->name != NULL; c++) {
			if (strcmp(c->name, name) == 0)
				return c;
		}
	return NULL;
}

void
sh_cmd_names(void (*cb)(void *ud, const char *name), void *ud)
{
	const struct sh_cmd *c;
	size_t t;

	for (t = 0; t < NTABLES; t++)
		for (c = tables[t]; c->name != NULL; c++)
			cb(ud, c->name);
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
	const char *session = sh->sink != NULL ? sh->sink->session : NULL;

	switch (o->render) {
	case SH_RENDER_JSON:
		sh_json_varbind(sh, b, vb, session);
		sh_buf_addc(b, '\n');
		return;
	case SH_RENDER_CSV:
	case SH_RENDER_CELLS:
		sh_cells_varbind(sh, b, vb, session,
		    o->render == SH_RENDER_CSV ? ',' : '\t');
		sh_buf_addc(b, '\n');
		return;
	default:
		break;
	}
	/* with no MIB (sh->mib NULL) the renderer goes by wire type */
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
	sh_lua_session_added(sh, ss);
	return 0;
}

void
sh_sessions_close(struct sh_shell *sh)
{
	/* one by one through the single place sessions go */
	while (sh->nsessions > 0)
		(void)sh_session_remove(sh, sh->sessions[sh->nsessions - 1]);
	sh->cur = NULL;
}

/* Levenshtein distance of a and b, at most 64 characters counted. */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d[65], prev, t;

	if (la > 64)
		la = 64;
	if (lb > 64)
		lb = 64;
	for (j = 0; j <= lb; j++)
		d[j] = j;
	for (i = 1; i <= la; i++) {
		prev = d[0];
		d[0] = i;
		for (j = 1; j <= lb; j++) {
			t = d[j];
			d[j] = prev + (a[i - 1] != b[j - 1]);
			if (d[j - 1] + 1 < d[j])
				d[j] = d[j - 1] + 1;
			if (t + 1 < d[j])
				d[j] = t + 1;
			prev = t;
		}
	}
	return d[lb];
}

/*
 * The commands nearest to an unknown name ("gte" -> "get"): within two
 * edits, or starting with it; "a, b or c" in buf.  false when none.
 */
static bool
nearest(const char *name, char *buf, size_t size)
{
	const char *best[3];
	const struct sh_cmd *c;
	size_t t, n = 0, d, want;

	for (want = 0; want <= 2 && n == 0; want++)
		for (t = 0; t < NTABLES; t++)
			for (c = tables[t]; c->name != NULL; c++) {
				d = distance(name, c->name);
				if (n < 3 && (d == want || (want == 2 &&
				    strncmp(c->name, name, strlen(name)) ==
				    0 && d > 2)))
					best[n++] = c->name;
			}
	if (n == 0 || strlen(name) < 2)
		return false;
	snprintf(buf, size, "%s%s%s%s%s", best[0], n > 2 ? ", " :
	    n > 1 ? " or " : "", n > 1 ? best[1] : "", n > 2 ? " or " : "",
	    n > 2 ? best[2] : "");
	return true;
}

int
sh_run_argv(struct sh_shell *sh, int argc, char **argv)
{
	const struct sh_cmd *c;

	char near[128];
	int i;

	if (argc == 0)
		return SH_OK;
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "|") == 0)
			return sh_run_piped(sh, argc, argv);
	if (argv[0][0] == '@')
		return sh_fanout(sh, argc, argv);
	if ((c = sh_cmd_find(argv[0])) == NULL) {
		int st = sh_lua_command(sh, argc, argv);

		if (st >= 0)
			return st;
		if (sh_paste_command(argv[0]) != NULL)
			return sh_paste_run(sh, argc, argv);
		if (nearest(argv[0], near, sizeof(near)))
			sh_err("%s: unknown command (did you mean %s? try "
			    "'help')", argv[0], near);
		else
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

/* Examples shown by `help CMD`. */
static const struct {
	const char *name;
	const char *text;
} examples[] = {
	{ "get", "get sysDescr.0 sysUpTime.0\n@all get sysName.0" },
	{ "getnext", "getnext ifDescr" },
	{ "getbulk", "getbulk -Cn1 -Cr5 sysUpTime ifDescr" },
	{ "walk", "walk system\nwalk -Cp ifTable | grep -i eth\n"
	    "@core1,core2 walk ifOperStatus" },
	{ "bulkwalk", "bulkwalk -Cr50 ifTable | count" },
	{ "set", "set sysContact.0 s ops@example.net\n"
	    "set ifAdminStatus.2 = down" },
	{ "table", "table -Ci ifTable\ntable -Cf , ifTable" },
	{ "translate", "translate IF-MIB::ifDescr.3\ntranslate -On ifDescr" },
	{ "describe", "describe ifAdminStatus" },
	{ "open", "open core1 -v2c -c public 192.0.2.1\n"
	    "open lab -v3 -u admin -l authPriv -a SHA -A PASS -x AES -X PASS "
	    "udp:[2001:db8::1]:161\nopen core1    (a profile from "
	    "~/.config/snmpsh/sessions, mode 0600)" },
	{ "sessions", "sessions" },
	{ "use", "use core1" },
	{ "close", "close core1" },
	{ "format", "format json\nformat text" },
	{ "output", "output -Oqs\noutput default" },
	{ NULL, NULL }
};

static int
cmd_help(struct sh_shell *sh, int argc, char **argv)
{
	const struct sh_cmd *c;
	char near[128];
	size_t t, i;

	if (argc > 2) {
		sh_err("help: %s: too many arguments", argv[2]);
		return SH_EUSAGE;
	}
	if (argc == 2) {
		if ((c = sh_cmd_find(argv[1])) == NULL) {
			if (sh_lua_help(sh, argv[1]) == SH_OK)
				return SH_OK;
			if (nearest(argv[1], near, sizeof(near)))
				sh_err("help: %s: unknown command (did you "
				    "mean %s?)", argv[1], near);
			else
				sh_err("help: %s: unknown command", argv[1]);
			return SH_EUSAGE;
		}
		sh_printf(sh, "usage: %s\n  %s\n", c->usage, c->help);
		for (i = 0; examples[i].name != NULL; i++) {
			const char *p, *nl;

			if (strcmp(examples[i].name, c->name) != 0)
				continue;
			sh_printf(sh, "examples:\n");
			for (p = examples[i].text; *p != '\0'; p = nl) {
				nl = p + strcspn(p, "\n");
				sh_printf(sh, "  %.*s\n", (int)(nl - p), p);
				if (*nl == '\n')
					nl++;
			}
		}
		return SH_OK;
	}
	sh_printf(sh, "Commands:\n");
	for (t = 0; t < NTABLES; t++)
		for (c = tables[t]; c->name != NULL; c++)
			sh_printf(sh, "  %-44s %s\n", c->usage, c->help);
	(void)sh_lua_help(sh, NULL);
	sh_printf(sh, "  %-44s %s\n", "@NAME[,NAME...]|@all CMD",
	    "run a request command on several sessions at once");
	sh_printf(sh, "  %-44s %s\n", "snmpwalk|snmpget|... OPTIONS AGENT ...",
	    "a pasted Net-SNMP command line, on a temporary session");
	sh_printf(sh, "Request commands also take -O output letters (n f s S "
	    "u q Q v e b x a U t T X).\n"
	    "Any command's output can be filtered: CMD | grep [-v] [-i] RE "
	    "| json | csv | table | count\n"
	    "Commands are separated by ';' or new lines; '#' starts a "
	    "comment.\n");
	return SH_OK;
}

static int
cmd_format(struct sh_shell *sh, int argc, char **argv)
{
	if (argc == 1) {
		sh_printf(sh, "%s\n", sh->out.render == SH_RENDER_JSON ?
		    "json" : "text");
		return SH_OK;
	}
	if (argc > 2 || (strcmp(argv[1], "json") != 0 &&
	    strcmp(argv[1], "text") != 0)) {
		sh_err("%s: usage: %s", argv[0], sh_cmd_find(argv[0])->usage);
		return SH_EUSAGE;
	}
	sh->out.render = strcmp(argv[1], "json") == 0 ? SH_RENDER_JSON :
	    SH_RENDER_TEXT;
	return SH_OK;
}

static int
cmd_output(struct sh_shell *sh, int argc, char **argv)
{
	struct sh_session *ss = sh->cur;
	struct sh_outopts o;
	int i, rc;

	if (ss == NULL) {
		sh_err("%s: no session (open one, or give an AGENT)", argv[0]);
		return SH_EUSAGE;
	}
	if (argc == 1) {
		sh_printf(sh, "%s\n", ss->has_out ? "session letters" :
		    "default letters");
		return SH_OK;
	}
	if (argc == 2 && strcmp(argv[1], "default") == 0) {
		ss->has_out = false;
		return SH_OK;
	}
	o = ss->has_out ? ss->out : sh->out;
	for (i = 1; i < argc; i++) {
		if ((rc = sh_parse_oopt(argv[0], argc, argv, &i, &o)) < 0)
			return -rc;
		if (rc == 0) {
			sh_err("%s: %s: expected -O<LETTERS> or default",
			    argv[0], argv[i]);
			return SH_EUSAGE;
		}
	}
	ss->out = o;
	ss->has_out = true;
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
