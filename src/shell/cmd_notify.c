/*
 * Notifications in the shell (RFC 3413 §3.3-§3.4): `listen` receives
 * traps and informs on one or more transports and prints each above the
 * line being typed (or as JSON Lines, and to a log file), `unlisten` stops,
 * `listen stats` shows what was received and dropped (`trap` and `inform`
 * are in cmd_trap.c).  The listener lives on the shell's loop, so it works
 * while the prompt is idle and while other commands run; its state is the
 * shell's (sh->notify, made on first use).  A `listen --lua FILE` handler
 * runs in the shell's Lua state, beside snmp.sessions, init.lua's
 * definitions and the globals set at the lua> prompt.
 *
 * SNMPv3 needs a local engine: the shell's snmpEngineID and boots are kept
 * in its data folder (RFC 3414 §2.2.2, sn_engine_id_restart), used as the
 * authoritative engine of the traps it sends (RFC 3414 §1.5.1) and of the
 * informs it receives.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sn/agent.h>
#include <sn/notify.h>

#include "lua/lsnmp.h"
#include "datadir.h"
#include "shell.h"

/* Without --for, `listen --count N` gives up after this long. */
#define COUNT_LIMIT_MS 60000
struct sh_notify {
	struct sn_listener *l;
	bool json;
	FILE *log;
	struct sh_outopts o;
	unsigned long received;
	unsigned long filtered;		/* dropped by the Lua handler */
	/* `listen --lua FILE`: the handler, in the state L (the shell's) */
	struct lua_State *L;
	int handler;
	/* the local engine (SNMPv3) */
	bool have_engine;
	uint8_t eid[32];
	size_t eid_len;
	uint32_t boots;
	uint64_t started_ms;
};

/* The shell's notification state, made on first use; NULL: no memory. */
static struct sh_notify *
notify_of(struct sh_shell *sh)
{
	if (sh->notify == NULL)
		sh->notify = calloc(1, sizeof(*sh->notify));
	return sh->notify;
}

/* ---- the local engine ---- */

/*
 * The shell's engine ID and boots: the generated identity of this host
 * and user (as the demo agent's), kept with its boots in the data folder.
 */
static int
local_engine(struct sh_shell *sh, struct sh_notify *nt)
{
	char dbuf[PATH_MAX];
	const char *dir, *why = NULL;
	struct sn_agent *a;
	struct sn_error err;
	bool replaced = false;

	if (nt->have_engine)
		return 0;
	sn_error_clear(&err);
	if (sn_agent_new(NULL, &a, &err) < 0)
		return -1;
	nt->eid_len = sn_agent_engine_id(a, nt->eid, sizeof(nt->eid));
	sn_agent_free(a);
	if (nt->eid_len < 5 || nt->eid_len > sizeof(nt->eid))
		return -1;
	nt->boots = 1;
	if ((dir = sh_data_dir(dbuf, sizeof(dbuf), true, &why)) == NULL ||
	    sn_engine_id_restart(dir, nt->eid, &nt->eid_len, &nt->boots,
	    &replaced, &err) < 0)
		sh_err("notify: the engine ID and boots are not kept (%s)",
		    err.msg[0] != '\0' ? err.msg : why != NULL ? why :
		    "no data folder");
	nt->started_ms = sn_loop_now(sh->loop);
	nt->have_engine = true;
	return 0;
}

int
sh_notify_engine(struct sh_shell *sh, struct sn_notify_engine *eng)
{
	struct sh_notify *nt;

	if ((nt = notify_of(sh)) == NULL || local_engine(sh, nt) < 0)
		return -1;
	memset(eng, 0, sizeof(*eng));
	eng->engine_id = nt->eid;
	eng->engine_id_len = nt->eid_len;
	eng->boots = nt->boots;
	/* snmpEngineTime: seconds since the identity was taken up */
	eng->time = (uint32_t)((sn_loop_now(sh->loop) - nt->started_ms) /
	    1000);
	return 0;
}

/* ---- receiving ---- */

/* Wire text in a header line: printable ASCII, the rest as \xNN. */
static void
add_escaped(struct sh_buf *b, const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '\\') {
			sh_buf_addc(b, (char)p[i]);
		} else {
			sh_buf_adds(b, "\\x");
			sh_buf_addc(b, hex[p[i] >> 4]);
			sh_buf_addc(b, hex[p[i] & 15]);
		}
	}
}

static void
format_text(struct sh_shell *sh, struct sh_buf *b,
    const struct sn_notification *n, const char *when)
{
	static const char *const levels[] = { "", "noAuthNoPriv",
		"authNoPriv", "authPriv" };
	const struct sh_notify *nt = sh->notify;
	size_t i;

	sh_buf_adds(b, when);
	sh_buf_addc(b, ' ');
	sh_buf_adds(b, n->source);
	sh_buf_adds(b, n->version == SN_V1 ? " [v1" : n->version == SN_V2C ?
	    " [v2c" : " [v3");
	if (n->type == SN_PDU_INFORM)
		sh_buf_adds(b, " inform");
	if (n->version == SN_V3) {
		sh_buf_adds(b, " user ");
		add_escaped(b, n->user, n->user_len);
		sh_buf_addc(b, ' ');
		sh_buf_adds(b, levels[n->sec_level & 3]);
	} else {
		sh_buf_adds(b, " community ");
		add_escaped(b, n->community, n->community_len);
	}
	sh_buf_adds(b, "] ");
	if (n->trap_oid.len > 0)
		sh_out_oid(sh, b, &n->trap_oid, &nt->o);
	else
		sh_buf_adds(b, "(no snmpTrapOID.0)");
	sh_buf_addc(b, '\n');
	for (i = 0; i < n->vbl->len; i++) {
		sh_buf_adds(b, "  ");
		sh_out_varbind(sh, b, &n->vbl->vb[i], &nt->o);
	}
}

static void
on_notification(struct sn_listener *l, const struct sn_notification *n,
    void *ud)
{
	struct sh_shell *sh = ud;
	struct sh_notify *nt = sh->notify;
	struct sh_buf b = { NULL, 0, 0 }, j = { NULL, 0, 0 };
	char when[32], iso[40];
	struct timespec ts;
	struct tm tm;

	(void)l;
	if (nt->L != NULL) {
		bool keep;
		char *msg;

		if (lsn_handler_call(nt->L, nt->handler, n, &keep, &msg) < 0) {
			sh_err("listen: handler: %s", msg != NULL ? msg :
			    "out of memory");
			free(msg);
		} else if (!keep) {
			nt->filtered++;
			return;
		}
	}
	nt->received++;
	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (nt->json || nt->log != NULL)
		sh_notify_json(sh, &j, n, iso);
	if (nt->json)
		sh_repl_print_above(sh, "%.*s", (int)j.len, j.p);
	else {
		format_text(sh, &b, n, when);
		sh_repl_print_above(sh, "%.*s", (int)b.len, b.p);
	}
	if (nt->log != NULL && j.len > 0) {
		/* one record per line, flushed as it is written */
		fwrite(j.p, 1, j.len, nt->log);
		fflush(nt->log);
	}
	sh_buf_free(&b);
	sh_buf_free(&j);
}

/* Forget a passphrase read into a stack buffer. */
static void
wipe(char *p, size_t n)
{
	volatile char *v = p;

	while (n-- > 0)
		*v++ = 0;
}

/*
 * A users file, snmptrapd.conf's form: "createUser [-e ID] NAME
 * [AUTHPROTO AUTHPASS [PRIVPROTO [PRIVPASS]]]" per line (the privacy
 * passphrase defaults to the authentication one), '#' comments.
 */
static int
load_users(struct sn_listener *l, const char *path)
{
	char line[1024], *w[8], *p;
	struct sn_notify_user u;
	struct sn_error err;
	FILE *f;
	int n, lineno = 0, st = SH_OK;

	if ((f = fopen(path, "r")) == NULL) {
		sh_err("listen: --users %s: %s", path, strerror(errno));
		return SH_EUSAGE;
	}
	while (st == SH_OK && fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		for (n = 0, p = line; n < 8;) {
			p += strspn(p, " \t\r\n");
			if (*p == '\0')
				break;
			w[n++] = p;
			p += strcspn(p, " \t\r\n");
			if (*p != '\0')
				*p++ = '\0';
		}
		if (n == 0)
			continue;
		if (strcmp(w[0], "createUser") != 0 || n < 2) {
			sh_err("listen: %s:%d: expected createUser NAME ...",
			    path, lineno);
			st = SH_EUSAGE;
			break;
		}
		if (strcmp(w[1], "-e") == 0 && n >= 4) {
			/* the sender is found by its engine ID anyway */
			memmove(&w[1], &w[3], (size_t)(n - 3) * sizeof(*w));
			n -= 2;
		}
		memset(&u, 0, sizeof(u));
		u.name = w[1];
		if (n >= 4) {
			u.auth_proto = w[2];
			u.auth_pass = w[3];
		}
		if (n >= 5) {
			u.priv_proto = w[4];
			u.priv_pass = n >= 6 ? w[5] : w[3];
		}
		sn_error_clear(&err);
		if (sn_listener_add_user(l, &u, &err) < 0) {
			sh_err("listen: %s:%d: %s", path, lineno, err.msg);
			st = SH_EUSAGE;
		}
	}
	wipe(line, sizeof(line));
	fclose(f);
	return st;
}

static void
print_stats(const struct sh_notify *nt, const struct sn_listener_stats *s)
{
	size_t i;

	for (i = 0; nt->l != NULL && sn_listener_address(nt->l, i) != NULL;
	    i++)
		printf("listening %s\n", sn_listener_address(nt->l, i));
	if (nt->L != NULL)
		printf("filtered-by-lua %lu\n", nt->filtered);
	printf("packets %lu\nnotifications %lu\ntraps-v1 %lu\ntraps-v2 %lu\n"
	    "informs %lu\nresponses %lu\nreports %lu\n", s->packets,
	    s->accepted, s->traps_v1, s->traps_v2, s->informs, s->responses,
	    s->reports);
	printf("dropped %lu\n", s->parse_errs + s->bad_versions +
	    s->bad_community + s->bad_pdu_type + s->unknown_users +
	    s->unknown_engine_ids + s->unsupported_sec_levels +
	    s->wrong_digests + s->decryption_errors + s->not_in_time_windows);
	printf("  parse-errors %lu\n  bad-versions %lu\n  bad-community %lu\n"
	    "  not-notifications %lu\n  unknown-users %lu\n"
	    "  unknown-engine-ids %lu\n  unsupported-levels %lu\n"
	    "  wrong-digests %lu\n  decryption-errors %lu\n"
	    "  not-in-time-window %lu\nsend-errors %lu\n", s->parse_errs,
	    s->bad_versions, s->bad_community, s->bad_pdu_type,
	    s->unknown_users, s->unknown_engine_ids, s->unsupported_sec_levels,
	    s->wrong_digests, s->decryption_errors, s->not_in_time_windows,
	    s->send_errors);
	fflush(stdout);
}

/*
 * `listen --lua FILE`: FILE returns a function called with each
 * notification (the table of snmp.listen's on_notification), in the
 * shell's Lua state, so that it sees snmp.sessions, init.lua's functions
 * and the globals set at the lua> prompt; false drops the notification.
 */
static int
load_handler(struct sh_shell *sh, struct sh_notify *nt, const char *path)
{
	struct lua_State *L;
	char *msg = NULL;
	int ref;

	if ((L = sh_lua_state(sh)) == NULL)
		return SH_ESNMP;
	if (lsn_handler_load(L, path, &ref, &msg) < 0) {
		sh_err("listen: --lua: %s", msg != NULL ? msg :
		    "out of memory");
		free(msg);
		return SH_EUSAGE;
	}
	if (nt->L != NULL)
		lsn_handler_unref(nt->L, nt->handler);
	nt->L = L;
	nt->handler = ref;
	return SH_OK;
}

static const char listen_help[] =
"usage: listen [OPTIONS] [AGENT...]      (default AGENT udp:0.0.0.0:162)\n"
"       listen stats                     what was received and dropped\n"
"       unlisten                         stop receiving\n"
"Receives SNMPv1/v2c traps, SNMPv2c/v3 informs (acknowledged) and SNMPv3\n"
"traps on one or more transports (udp:, udp6:, unix:), while the prompt is\n"
"idle and while other commands run.  Each is printed above the line being\n"
"typed:\n"
"  DATE TIME SOURCE [VERSION [inform] community C | user U LEVEL] TRAP-OID\n"
"    VARBIND                 (each, in the session's output format)\n"
"e.g.\n"
"  2026-11-24 06:40:01 udp:127.0.0.1:40123 [v2c community public] "
"SNMPv2-MIB::coldStart\n"
"    DISMAN-EVENT-MIB::sysUpTimeInstance = Timeticks: (1234) 0:00:12.34\n"
"    SNMPv2-MIB::snmpTrapOID.0 = OID: SNMPv2-MIB::coldStart\n"
"SNMPv1 traps are shown in their SNMPv2 form (RFC 3584: snmpTrapOID.0 from\n"
"enterprise/generic/specific, snmpTrapAddress.0, snmpTrapCommunity.0,\n"
"snmpTrapEnterprise.0).  Options (may be repeated; they add to a running\n"
"listener):\n"
"  -c COMMUNITY      accept only these communities (default: any)\n"
"  -u USER [-l LEVEL] [-a PROTO -A PASS [-x PROTO -X PASS]]\n"
"                    an SNMPv3 user; traps from any engine ID are\n"
"                    accepted (keys localised on first sight)\n"
"  --users FILE      users as snmptrapd.conf's createUser lines\n"
"  -e ENGINEID       the engine ID informs are sent to (default: the\n"
"                    shell's, kept in its data folder)\n"
"  --json / --text   print JSON Lines / text (default)\n"
"  --log FILE        append each notification to FILE as JSON Lines\n"
"  --lua FILE        FILE returns a function called with each notification\n"
"                    (the table of snmp.listen's on_notification) in the\n"
"                    shell's Lua state (its globals, snmp.sessions);\n"
"                    returning false drops it (not printed or logged)\n"
"  --count N         wait until N notifications arrived (at most\n"
"                    --for SECONDS, default 60); exit status 1 if fewer\n"
"  --for SECONDS     wait that long\n"
"  -O LETTERS        output options for the varbinds\n";

static void
on_deadline(struct sn_timer *t, void *ud)
{
	(void)t;
	*(bool *)ud = true;
}

/* Run the loop until want more notifications arrived or ms passed. */
static int
wait_for(struct sh_shell *sh, const struct sh_notify *nt, unsigned long want,
    uint64_t ms, bool counted)
{
	unsigned long target = nt->received + want;
	struct sn_timer *t = NULL;
	bool expired = false;

	if (sn_timer_start(sh->loop, ms, 0, on_deadline, &expired, &t) < 0) {
		sh_err("listen: out of memory");
		return SH_ESNMP;
	}
	while (!expired && !sh->interrupted &&
	    (!counted || nt->received < target))
		sn_loop_run(sh->loop, SN_RUN_ONCE);
	if (!expired)
		sn_timer_stop(t);
	if (sh->interrupted) {
		sh_err("interrupted");
		return SH_EINTR;
	}
	if (counted && nt->received < target) {
		sh_err("listen: %lu of %lu notifications before the time "
		    "limit", want - (target - nt->received), want);
		return SH_ESNMP;
	}
	return SH_OK;
}

static int
open_listener(struct sh_shell *sh, struct sh_notify *nt, const char *engine_hex)
{
	struct sn_error err;
	uint8_t id[32];
	size_t len;
	bool fresh = nt->l == NULL;

	sn_error_clear(&err);
	if (fresh && sn_listener_new(sh->loop, on_notification, sh, &nt->l,
	    &err) < 0) {
		sh_err("listen: %s", err.msg);
		return SH_ESNMP;
	}
	if (engine_hex != NULL) {
		if (sn_engine_id_parse(engine_hex, id, &len) < 0) {
			sh_err("listen: -e %s: an engine ID is 5 to 32 octets "
			    "in hexadecimal", engine_hex);
			return SH_EUSAGE;
		}
		if (sn_listener_set_engine_id(nt->l, id, len, 1, &err) < 0) {
			sh_err("listen: %s", err.msg);
			return SH_EUSAGE;
		}
	} else if (fresh && local_engine(sh, nt) == 0 &&
	    sn_listener_set_engine_id(nt->l, nt->eid, nt->eid_len, nt->boots,
	    &err) < 0) {
		sh_err("listen: %s", err.msg);
		return SH_ESNMP;
	}
	return SH_OK;
}

static int
add_transport(struct sh_notify *nt, const char *spec, bool dflt)
{
	struct sn_error err;
	size_t i;

	sn_error_clear(&err);
	if (sn_listener_listen(nt->l, spec, &err) < 0) {
		if (dflt && strstr(err.msg, "ermission") != NULL)
			sh_err("listen: %s: %s (port 162 needs privileges; "
			    "give a high port, e.g. listen udp:0.0.0.0:1162)",
			    spec, err.msg);
		else
			sh_err("listen: %s: %s", spec, err.msg[0] != '\0' ?
			    err.msg : "cannot listen");
		return SH_ESNMP;
	}
	for (i = 0; sn_listener_address(nt->l, i + 1) != NULL; i++)
		continue;
	fflush(stdout);
	fprintf(stderr, "listening on %s\n", sn_listener_address(nt->l, i));
	fflush(stderr);
	return SH_OK;
}

int
sh_cmd_listen(struct sh_shell *sh, int argc, char **argv)
{
	const char *cmd = argv[0], *engine = NULL, *users = NULL, *v;
	const char *log = NULL, **agents = NULL, **comms = NULL, *lua = NULL;
	struct sh_sessargs sa;
	struct sh_outopts oo = sh->out;
	struct sn_listener_stats st;
	struct sn_notify_user u;
	struct sn_error err;
	struct sh_notify *nt = sh->notify;
	bool json, text = false;
	long count = -1;
	double secs = -1;
	int i = 1, nagents = 0, ncomms = 0, rc, status = SH_OK;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		fputs(listen_help, stdout);
		return SH_OK;
	}
	if (argc == 2 && strcmp(argv[1], "stats") == 0) {
		if (nt == NULL || nt->l == NULL) {
			sh_err("%s: not listening", cmd);
			return SH_ESNMP;
		}
		sn_listener_stats(nt->l, &st);
		print_stats(nt, &st);
		return SH_OK;
	}
	if ((nt = notify_of(sh)) == NULL) {
		sh_err("%s: out of memory", cmd);
		return SH_ESNMP;
	}
	json = nt->json;
	agents = calloc((size_t)argc, sizeof(*agents));
	comms = calloc((size_t)argc, sizeof(*comms));
	if (agents == NULL || comms == NULL) {
		sh_err("%s: out of memory", cmd);
		status = SH_ESNMP;
		goto out;
	}
	sh_sessargs_init(&sa);
	sn_error_clear(&err);
	while (i < argc) {
		const char *a = argv[i];

		if (strcmp(a, "--json") == 0) {
			json = true;
		} else if (strcmp(a, "--text") == 0) {
			text = true;
		} else if (strncmp(a, "--log", 5) == 0 &&
		    (a[5] == '\0' || a[5] == '=')) {
			log = a[5] == '=' ? a + 6 : i + 1 < argc ?
			    argv[++i] : NULL;
			if (log == NULL || *log == '\0')
				goto missing;
		} else if (strcmp(a, "--lua") == 0) {
			if (i + 1 >= argc)
				goto missing;
			lua = argv[++i];
		} else if (strcmp(a, "--users") == 0) {
			if (i + 1 >= argc)
				goto missing;
			users = argv[++i];
		} else if (strcmp(a, "--count") == 0) {
			if (i + 1 >= argc)
				goto missing;
			if (sh_parse_int(argv[++i], 1, 100000000, &count) < 0) {
				sh_err("%s: --count %s: a positive number",
				    cmd, argv[i]);
				status = SH_EUSAGE;
				goto out;
			}
		} else if (strcmp(a, "--for") == 0) {
			if (i + 1 >= argc)
				goto missing;
			if (sh_parse_double(argv[++i], &secs) < 0 ||
			    secs <= 0 || secs > 86400) {
				sh_err("%s: --for %s: seconds (0 < s <= "
				    "86400)", cmd, argv[i]);
				status = SH_EUSAGE;
				goto out;
			}
		} else if (a[0] == '-' && a[1] == 'c') {
			/* communities accepted; several may be given */
			if ((v = sh_opt_value(argc, argv, &i, a + 2)) == NULL)
				goto missing;
			comms[ncomms++] = v;
		} else if (a[0] == '-' && a[1] == 'e') {
			if ((v = sh_opt_value(argc, argv, &i, a + 2)) == NULL)
				goto missing;
			engine = v;
		} else if (a[0] == '-' && a[1] == 'O') {
			rc = sh_parse_oopt(cmd, argc, argv, &i, &oo);
			if (rc < 0) {
				status = -rc;
				goto out;
			}
		} else if (a[0] == '-') {
			rc = sh_args_option(argc, argv, &i, &sa, &oo, &err);
			if (rc < 0) {
				sh_err("%s: %s", cmd, err.msg);
				status = SH_EUSAGE;
				goto out;
			}
			if (rc == 0) {
				sh_err("%s: %s: unknown option (usage: %s)",
				    cmd, a, sh_cmd_find(cmd)->usage);
				status = SH_EUSAGE;
				goto out;
			}
			continue;	/* i is past the option already */
		} else {
			agents[nagents++] = a;
		}
		i++;
	}
	if (text)
		json = false;
	if (nt->l != NULL && argc == 1) {
		/* a bare `listen` on a running listener: where it listens */
		for (i = 0; sn_listener_address(nt->l, (size_t)i) != NULL; i++)
			printf("listening on %s\n",
			    sn_listener_address(nt->l, (size_t)i));
		goto out;
	}
	if (nt->l == NULL && nagents == 0 && log == NULL && count < 0 &&
	    secs < 0 && sa.user == NULL && users == NULL && ncomms == 0 &&
	    lua == NULL)
		agents[nagents++] = NULL;	/* the default address */
	if ((status = open_listener(sh, nt, engine)) != SH_OK)
		goto out;
	nt->json = json;
	nt->o = oo;
	for (i = 0; i < ncomms; i++) {
		if (sn_listener_add_community(nt->l, comms[i]) < 0) {
			sh_err("%s: -c %s: too long", cmd, comms[i]);
			status = SH_EUSAGE;
			goto out;
		}
	}
	if (sa.user != NULL) {
		memset(&u, 0, sizeof(u));
		u.name = sa.user;
		/* -l as Net-SNMP: the protocols given imply the level */
		u.auth_proto = sa.auth_proto != NULL || sa.auth_pass != NULL ?
		    (sa.auth_proto != NULL ? sa.auth_proto : "MD5") : NULL;
		u.auth_pass = sa.auth_pass;
		u.priv_proto = sa.priv_proto != NULL || sa.priv_pass != NULL ?
		    (sa.priv_proto != NULL ? sa.priv_proto : "DES") : NULL;
		u.priv_pass = sa.priv_pass;
		if (sa.level != NULL && (strcasecmp(sa.level, "noAuthNoPriv") ==
		    0 || strcmp(sa.level, "1") == 0 ||
		    strcasecmp(sa.level, "noauth") == 0))
			u.auth_proto = u.priv_proto = NULL;
		else if (sa.level != NULL && (strcasecmp(sa.level,
		    "authNoPriv") == 0 || strcmp(sa.level, "2") == 0 ||
		    strcasecmp(sa.level, "auth") == 0))
			u.priv_proto = NULL;
		sn_error_clear(&err);
		if (sn_listener_add_user(nt->l, &u, &err) < 0) {
			sh_err("%s: %s", cmd, err.msg);
			status = SH_EUSAGE;
			goto out;
		}
	}
	if (users != NULL && (status = load_users(nt->l, users)) != SH_OK)
		goto out;
	if (lua != NULL && (status = load_handler(sh, nt, lua)) != SH_OK)
		goto out;
	if (log != NULL) {
		FILE *f = fopen(log, "a");

		if (f == NULL) {
			sh_err("%s: --log %s: %s", cmd, log, strerror(errno));
			status = SH_ESNMP;
			goto out;
		}
		if (nt->log != NULL)
			fclose(nt->log);
		nt->log = f;
	}
	for (i = 0; i < nagents; i++) {
		if ((status = add_transport(nt, agents[i] != NULL ? agents[i] :
		    "udp:0.0.0.0:162", agents[i] == NULL)) != SH_OK)
			goto out;
	}
	if (count > 0)
		status = wait_for(sh, nt, (unsigned long)count, secs > 0 ?
		    (uint64_t)(secs * 1000) : COUNT_LIMIT_MS, true);
	else if (secs > 0)
		status = wait_for(sh, nt, 0, (uint64_t)(secs * 1000), false);
out:
	free(agents);
	free(comms);
	return status;
missing:
	sh_err("%s: %s: option requires a value", cmd, argv[i]);
	free(agents);
	free(comms);
	return SH_EUSAGE;
}

/* Stop receiving: the listener, the Lua handler, the log. */
static void
stop(struct sh_notify *nt)
{
	sn_listener_close(nt->l);
	nt->l = NULL;
	if (nt->L != NULL)
		lsn_handler_unref(nt->L, nt->handler);
	nt->L = NULL;
	nt->handler = 0;
	if (nt->log != NULL)
		fclose(nt->log);
	nt->log = NULL;
}

void
sh_notify_close(struct sh_shell *sh)
{
	if (sh->notify == NULL)
		return;
	stop(sh->notify);
	free(sh->notify);
	sh->notify = NULL;
}

int
sh_cmd_unlisten(struct sh_shell *sh, int argc, char **argv)
{
	if (argc > 1) {
		sh_err("%s: takes no arguments", argv[0]);
		return SH_EUSAGE;
	}
	if (sh->notify == NULL || sh->notify->l == NULL) {
		sh_err("%s: not listening", argv[0]);
		return SH_ESNMP;
	}
	/* the engine's identity stays: a new listener keeps its boots */
	stop(sh->notify);
	return SH_OK;
}
