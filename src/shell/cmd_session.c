/*
 * Sessions (SPEC §4): `open NAME [SESSION OPTIONS] [AGENT]` (a profile of
 * that name supplies what is not given), `sessions`, `use NAME`, `close
 * NAME`, and `@NAME,NAME|@all CMD`, which runs a request command on
 * those sessions at once (job.c).  Every session is opened here, over
 * the client defaults of snmp.conf (profile.c); sh_session_add() and
 * sh_session_remove() are the only places sessions come and go.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

struct sh_session *
sh_session_find(struct sh_shell *sh, const char *name)
{
	size_t i;

	for (i = 0; i < sh->nsessions; i++)
		if (strcmp(sh->sessions[i]->name, name) == 0)
			return sh->sessions[i];
	return NULL;
}

static bool
valid_name(const char *name)
{
	const char *p;

	if (*name == '\0' || strlen(name) >= SH_NAME_MAX ||
	    strcmp(name, "all") == 0 || *name == '-')
		return false;
	for (p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' ||
		    *p == '.'))
			return false;
	return true;
}

void
sh_session_free(struct sh_session *ss)
{
	if (ss == NULL)
		return;
	if (ss->s != NULL)
		sn_session_close(ss->s);
	free(ss->agent);
	free(ss->community);
	free(ss->user);
	sh_buf_free(&ss->seen);
	free(ss);
}

int
sh_session_remove(struct sh_shell *sh, struct sh_session *ss)
{
	size_t i;

	for (i = 0; i < sh->nsessions; i++)
		if (sh->sessions[i] == ss)
			break;
	if (i == sh->nsessions)
		return SN_ENOTFOUND;
	sh_lua_session_closing(sh, ss);
	memmove(sh->sessions + i, sh->sessions + i + 1,
	    (sh->nsessions - i - 1) * sizeof(*sh->sessions));
	sh->nsessions--;
	if (sh->cur == ss)
		sh->cur = sh->nsessions > 0 ? sh->sessions[sh->nsessions - 1] :
		    NULL;
	sh_session_free(ss);
	return 0;
}

int
sh_session_open(struct sh_shell *sh, const char *name,
    const struct sh_sessargs *given, const struct sh_outopts *oo,
    const char *agent, bool add, struct sh_session **out)
{
	struct sh_sessargs sa = *given;
	struct sn_session_opts so;
	struct sh_session *ss;
	struct sn_session *s;
	struct sn_error err;
	int rc;

	if (out != NULL)
		*out = NULL;
	if (sh->defaults == NULL)
		sh->defaults = sh_defaults_load();
	/* snmp.conf's def* tokens fill what the options leave unset */
	sh_defaults_apply(sh->defaults, &sa);
	sn_error_clear(&err);
	sn_session_opts_init(&so);
	so.version = SN_V2C;
	so.community = "public";
	if (sh_sessargs_apply(&sa, &so, &err) < 0) {
		sh_err("%s", err.msg);
		return SH_EUSAGE;
	}
	if ((rc = sn_session_open(sh->loop, agent, &so, &s, &err)) < 0) {
		/* The engine's message usually names the agent already. */
		if (strstr(err.msg, agent) != NULL)
			sh_err("%s", err.msg);
		else
			sh_err("%s: %s", agent, err.msg[0] ? err.msg :
			    sn_strerror(rc));
		return rc == SN_EPROTO || rc == SN_EINVAL ? SH_EUSAGE :
		    SH_ESNMP;
	}
	if (add) {
		if (sh_session_add(sh, name, agent, s) < 0) {
			sn_session_close(s);
			sh_err("%s: out of memory", name);
			return SH_ESNMP;
		}
		ss = sh->cur;
	} else {
		if ((ss = calloc(1, sizeof(*ss))) == NULL ||
		    (ss->agent = strdup(agent)) == NULL) {
			free(ss);
			sn_session_close(s);
			sh_err("%s: out of memory", name);
			return SH_ESNMP;
		}
		snprintf(ss->name, sizeof(ss->name), "%s", name);
		ss->s = s;
	}
	ss->last_rtt = -1;
	if (so.version != SN_V3 && so.community != NULL)
		ss->community = strdup(so.community);
	if (so.version == SN_V3 && so.user != NULL)
		ss->user = strdup(so.user);
	if (oo != NULL) {
		ss->has_out = true;
		ss->out = *oo;
	}
	if (out != NULL)
		*out = ss;
	return SH_OK;
}

/*
 * Parse SESSION OPTIONS and at most one AGENT from argv[first...] into
 * sa; -O letters into oo (*has_out set).  Returns SH_OK or SH_EUSAGE
 * after a message.
 */
static int
parse_sess(const char *cmd, int argc, char **argv, int first,
    struct sh_sessargs *sa, struct sh_outopts *oo, bool *has_out,
    const char **agent)
{
	struct sn_error err;
	int i = first, rc;

	while (i < argc) {
		sn_error_clear(&err);
		if (strncmp(argv[i], "-O", 2) == 0)
			*has_out = true;
		rc = sh_args_option(argc, argv, &i, sa, oo, &err);
		if (rc < 0) {
			sh_err("%s: %s", cmd, err.msg);
			return SH_EUSAGE;
		}
		if (rc > 0)
			continue;
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			sh_err("%s: %s: unknown option", cmd, argv[i]);
			return SH_EUSAGE;
		}
		if (*agent != NULL) {
			sh_err("%s: %s: one AGENT only", cmd, argv[i]);
			return SH_EUSAGE;
		}
		*agent = argv[i++];
	}
	return SH_OK;
}

static int
cmd_open(struct sh_shell *sh, int argc, char **argv)
{
	struct sh_sessargs sa;
	struct sh_outopts oo = sh->out;
	struct sh_argv prof;
	struct sn_error err;
	const char *agent = NULL, *name;
	bool has_out = false;
	int rc, st;

	if (argc < 2) {
		sh_err("%s: missing NAME (usage: %s)", argv[0],
		    sh_cmd_find(argv[0])->usage);
		return SH_EUSAGE;
	}
	name = argv[1];
	if (!valid_name(name)) {
		sh_err("%s: %s: not a session name (letters, digits, "
		    "'_', '-', '.'; not \"all\")", argv[0], name);
		return SH_EUSAGE;
	}
	if (sh_session_find(sh, name) != NULL) {
		sh_err("%s: %s: a session of that name is open (close it "
		    "first)", argv[0], name);
		return SH_EUSAGE;
	}
	sh_sessargs_init(&sa);
	sh_argv_init(&prof);
	sn_error_clear(&err);
	/* A profile of that name first; the options given here win. */
	if ((rc = sh_profile_find(name, &prof, &err)) < 0) {
		sh_err("%s: %s", argv[0], err.msg);
		return SH_EUSAGE;
	}
	st = SH_OK;
	if (rc > 0)
		st = parse_sess(argv[0], prof.argc, prof.argv, 1, &sa, &oo,
		    &has_out, &agent);
	if (st == SH_OK) {
		const char *given = NULL;

		st = parse_sess(argv[0], argc, argv, 2, &sa, &oo, &has_out,
		    &given);
		if (given != NULL)
			agent = given;
	}
	if (st == SH_OK && agent == NULL) {
		sh_err("%s: %s: missing AGENT (and no profile of that name)",
		    argv[0], name);
		st = SH_EUSAGE;
	}
	if (st == SH_OK)
		st = sh_session_open(sh, name, &sa, has_out ? &oo : NULL,
		    agent, true, NULL);
	sh_argv_clear(&prof);
	return st;
}

static const char *
version_name(enum sn_version v)
{
	return v == SN_V1 ? "1" : v == SN_V2C ? "2c" : "3";
}

static int
cmd_sessions(struct sh_shell *sh, int argc, char **argv)
{
	struct sh_session *ss;
	char who[SH_NAME_MAX + 8], rtt[32];
	size_t i, wn = 4, wa = 5;

	if (argc > 1) {
		sh_err("%s: %s: no arguments expected", argv[0], argv[1]);
		return SH_EUSAGE;
	}
	if (sh->nsessions == 0) {
		sh_printf(sh, "no sessions (open NAME [OPTIONS] AGENT)\n");
		return SH_OK;
	}
	for (i = 0; i < sh->nsessions; i++) {
		ss = sh->sessions[i];
		if (strlen(ss->name) > wn)
			wn = strlen(ss->name);
		if (strlen(ss->agent) > wa)
			wa = strlen(ss->agent);
	}
	sh_printf(sh, "  %-*s  %-*s  %-7s  %-16s  %-8s  %s\n", (int)wn,
	    "NAME", (int)wa, "AGENT", "VERSION", "USER/COMMUNITY", "STATE",
	    "RTT");
	for (i = 0; i < sh->nsessions; i++) {
		ss = sh->sessions[i];
		/* a community is a password in SNMPv1/v2c: shown masked */
		if (ss->user != NULL)
			snprintf(who, sizeof(who), "user %.*s",
			    SH_NAME_MAX - 1, ss->user);
		else if (ss->community != NULL && ss->community[0] != '\0')
			snprintf(who, sizeof(who), "%c*****",
			    ss->community[0]);
		else
			snprintf(who, sizeof(who), "-");
		if (ss->last_rtt >= 0)
			snprintf(rtt, sizeof(rtt), "%.1f ms",
			    ss->last_rtt * 1000);
		else
			snprintf(rtt, sizeof(rtt), "-");
		sh_printf(sh, "%c %-*s  %-*s  %-7s  %-16s  %-8s  %s\n",
		    ss == sh->cur ? '*' : ' ', (int)wn, ss->name, (int)wa,
		    ss->agent, version_name(sn_session_version(ss->s)), who,
		    ss->state != NULL ? ss->state : "idle", rtt);
	}
	return SH_OK;
}

static int
cmd_use(struct sh_shell *sh, int argc, char **argv)
{
	struct sh_session *ss;

	if (argc != 2) {
		sh_err("%s: usage: %s", argv[0], sh_cmd_find(argv[0])->usage);
		return SH_EUSAGE;
	}
	if ((ss = sh_session_find(sh, argv[1])) == NULL) {
		sh_err("%s: %s: no such session", argv[0], argv[1]);
		return SH_EUSAGE;
	}
	sh->cur = ss;
	return SH_OK;
}

static int
cmd_close(struct sh_shell *sh, int argc, char **argv)
{
	struct sh_session *ss;

	if (argc > 2) {
		sh_err("%s: usage: %s", argv[0], sh_cmd_find(argv[0])->usage);
		return SH_EUSAGE;
	}
	ss = argc == 2 ? sh_session_find(sh, argv[1]) : sh->cur;
	if (ss == NULL) {
		if (argc == 2)
			sh_err("%s: %s: no such session", argv[0], argv[1]);
		else
			sh_err("%s: no current session", argv[0]);
		return SH_EUSAGE;
	}
	(void)sh_session_remove(sh, ss);
	return SH_OK;
}

const struct sh_cmd sh_session_cmds[] = {
	{ "open", cmd_open, "open NAME [SESSION OPTIONS] [AGENT]",
	    "open a session (a profile NAME fills in the rest); it becomes "
	    "current" },
	{ "sessions", cmd_sessions, "sessions",
	    "list the sessions: agent, version, user or masked community, "
	    "state, last round-trip time" },
	{ "use", cmd_use, "use NAME", "make a session the current one" },
	{ "close", cmd_close, "close [NAME]", "close a session (default: "
	    "the current one)" },
	{ NULL, NULL, NULL, NULL }
};

int
sh_fanout(struct sh_shell *sh, int argc, char **argv)
{
	struct sh_session *t[SH_SESSIONS_MAX], *ss;
	const struct sh_jobdef *d;
	char names[1024], *p, *next;
	size_t n = 0, i;

	if (argc < 2) {
		sh_err("%s: missing command (usage: @NAME[,NAME...]|@all "
		    "CMD...)", argv[0]);
		return SH_EUSAGE;
	}
	/* a command defined in Lua fans out as the request commands do */
	if ((d = sh_jobdef_find(argv[1])) == NULL &&
	    !sh_lua_has_command(sh, argv[1])) {
		sh_err("%s: %s: not a request command (get getnext getbulk "
		    "walk bulkwalk set table trap inform, or one defined in "
		    "Lua)", argv[0], argv[1]);
		return SH_EUSAGE;
	}
	snprintf(names, sizeof(names), "%s", argv[0] + 1);
	for (p = names; p != NULL; p = next) {
		if ((next = strchr(p, ',')) != NULL)
			*next++ = '\0';
		if (strcmp(p, "all") == 0) {
			for (i = 0; i < sh->nsessions && n < SH_SESSIONS_MAX;
			    i++)
				t[n++] = sh->sessions[i];
			continue;
		}
		if ((ss = sh_session_find(sh, p)) == NULL) {
			sh_err("%s: %s: no such session", argv[0], p);
			return SH_EUSAGE;
		}
		for (i = 0; i < n && t[i] != ss; i++)
			;
		if (i == n && n < SH_SESSIONS_MAX)
			t[n++] = ss;
	}
	if (n == 0) {
		sh_err("%s: no sessions", argv[0]);
		return SH_EUSAGE;
	}
	if (d == NULL)
		return sh_lua_fanout(sh, t, n, argc - 1, argv + 1);
	return sh_jobs_run(sh, d, t, n, true, argc - 1, argv + 1);
}
