/*
 * Notifications in the shell (RFC 3413 §3.3-§3.4): `listen` receives
 * traps and informs on one or more transports and prints each above the
 * line being typed (or as JSON Lines, and to a log file), `unlisten` stops,
 * `listen stats` shows what was received and dropped; `trap` and `inform`
 * send from the current session with snmptrap(1)'s argument order.  The
 * listener lives on the shell's loop, so it works while the prompt is idle
 * and while other commands run.
 *
 * SNMPv3 needs a local engine: the shell's snmpEngineID and boots are kept
 * in its data folder (RFC 3414 §2.2.2, sn_engine_id_restart), used as the
 * authoritative engine of the traps it sends (RFC 3414 §1.5.1) and of the
 * informs it receives.  Like repl.c, this file keeps the one shell's
 * listener state in a static.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include <sn/agent.h>
#include <sn/notify.h>

#include "lua/lsnmp.h"
#include "shell.h"

/* Without --for, `listen --count N` gives up after this long. */
#define COUNT_LIMIT_MS 60000
/* Net-SNMP's default enterprise for snmptrap -v 1 '' (enterprises.3.1.1) */
static const struct sn_oid default_enterprise = {
	9, { 1, 3, 6, 1, 4, 1, 3, 1, 1 }
};

struct notify_state {
	struct sn_listener *l;
	bool json;
	FILE *log;
	char *log_path;
	struct sh_outopts o;
	unsigned long received;
	unsigned long filtered;		/* dropped by the Lua handler */
	/* `listen --lua FILE`: its own Lua state and the handler */
	struct lua_State *L;
	int handler;
	/* the local engine (SNMPv3) */
	bool have_engine;
	uint8_t eid[32];
	size_t eid_len;
	uint32_t boots;
	uint64_t started_ms;
};

static struct notify_state ns;

/* ---- the local engine ---- */

/* mkdir -p with mode 0700 for what it creates (XDG base directories) */
static int
mkdir_p(char *path)
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
	return mkdir(path, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

/* $XDG_DATA_HOME/snmpsh, else ~/.local/share/snmpsh (as demo.c). */
static const char *
data_dir(char *buf, size_t cap)
{
	const char *x = getenv("XDG_DATA_HOME"), *h = getenv("HOME");
	int n;

	if (x != NULL && x[0] == '/')
		n = snprintf(buf, cap, "%s/snmpsh", x);
	else if (h != NULL && h[0] == '/')
		n = snprintf(buf, cap, "%s/.local/share/snmpsh", h);
	else
		return NULL;
	if (n < 0 || (size_t)n >= cap || mkdir_p(buf) != 0)
		return NULL;
	return buf;
}

/*
 * The shell's engine ID and boots: the generated identity of this host
 * and user (as the demo agent's), kept with its boots in the data folder.
 */
static int
local_engine(struct sh_shell *sh)
{
	char dbuf[PATH_MAX];
	const char *dir;
	struct sn_agent *a;
	struct sn_error err;
	bool replaced = false;

	if (ns.have_engine)
		return 0;
	sn_error_clear(&err);
	if (sn_agent_new(NULL, &a, &err) < 0)
		return -1;
	ns.eid_len = sn_agent_engine_id(a, ns.eid, sizeof(ns.eid));
	sn_agent_free(a);
	if (ns.eid_len < 5 || ns.eid_len > sizeof(ns.eid))
		return -1;
	ns.boots = 1;
	if ((dir = data_dir(dbuf, sizeof(dbuf))) == NULL ||
	    sn_engine_id_restart(dir, ns.eid, &ns.eid_len, &ns.boots,
	    &replaced, &err) < 0)
		sh_err("notify: the engine ID and boots are not kept (%s)",
		    err.msg[0] != '\0' ? err.msg : "no data folder");
	ns.started_ms = sn_loop_now(sh->loop);
	ns.have_engine = true;
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
		sh_out_oid(sh, b, &n->trap_oid, &ns.o);
	else
		sh_buf_adds(b, "(no snmpTrapOID.0)");
	sh_buf_addc(b, '\n');
	for (i = 0; i < n->vbl->len; i++) {
		sh_buf_adds(b, "  ");
		sh_out_varbind(sh, b, &n->vbl->vb[i], &ns.o);
	}
}

static void
on_notification(struct sn_listener *l, const struct sn_notification *n,
    void *ud)
{
	struct sh_shell *sh = ud;
	struct sh_buf b = { NULL, 0, 0 }, j = { NULL, 0, 0 };
	char when[32], iso[40];
	struct timespec ts;
	struct tm tm;

	(void)l;
	if (ns.L != NULL) {
		bool keep;
		char *msg;

		if (lsn_handler_call(ns.L, ns.handler, n, &keep, &msg) < 0) {
			sh_err("listen: handler: %s", msg != NULL ? msg :
			    "out of memory");
			free(msg);
		} else if (!keep) {
			ns.filtered++;
			return;
		}
	}
	ns.received++;
	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (ns.json || ns.log != NULL)
		sh_notify_json(sh, &j, n, iso);
	if (ns.json)
		sh_repl_print_above(sh, "%.*s", (int)j.len, j.p);
	else {
		format_text(sh, &b, n, when);
		sh_repl_print_above(sh, "%.*s", (int)b.len, b.p);
	}
	if (ns.log != NULL && j.len > 0) {
		/* one record per line, flushed as it is written */
		fwrite(j.p, 1, j.len, ns.log);
		fflush(ns.log);
	}
	sh_buf_free(&b);
	sh_buf_free(&j);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* An SnmpEngineID in hex ("0x" optional), 5..32 octets (RFC 3411 §5). */
static int
parse_engine_id(const char *text, uint8_t *out, size_t *len)
{
	const char *p = text;
	size_t n = 0;
	int hi, lo;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	while (*p != '\0') {
		if ((hi = hexval((unsigned char)p[0])) < 0 ||
		    (lo = hexval((unsigned char)p[1])) < 0 || n == 32)
			return -1;
		out[n++] = (uint8_t)(hi << 4 | lo);
		p += 2;
	}
	if (n < 5)
		return -1;
	*len = n;
	return 0;
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
print_stats(const struct sn_listener_stats *s)
{
	size_t i;

	for (i = 0; ns.l != NULL && sn_listener_address(ns.l, i) != NULL;
	    i++)
		printf("listening %s\n", sn_listener_address(ns.l, i));
	if (ns.L != NULL)
		printf("filtered-by-lua %lu\n", ns.filtered);
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
 * notification (the table of snmp.listen's on_notification), in a Lua
 * state of its own on the shell's loop; false drops the notification.
 */
static int
load_handler(struct sh_shell *sh, const char *path)
{
	struct sn_error err;
	char *msg = NULL;
	int ref;

	sn_error_clear(&err);
	if (ns.L == NULL && (ns.L = lsn_newstate(sh->loop, &err)) == NULL) {
		sh_err("listen: --lua: %s", err.msg);
		return SH_ESNMP;
	}
	if (lsn_handler_load(ns.L, path, &ref, &msg) < 0) {
		sh_err("listen: --lua: %s", msg != NULL ? msg :
		    "out of memory");
		free(msg);
		return SH_EUSAGE;
	}
	if (ns.handler != 0)
		lsn_handler_unref(ns.L, ns.handler);
	ns.handler = ref;
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
"                    (the table of snmp.listen's on_notification);\n"
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
wait_for(struct sh_shell *sh, unsigned long want, uint64_t ms, bool counted)
{
	unsigned long target = ns.received + want;
	struct sn_timer *t = NULL;
	bool expired = false;

	if (sn_timer_start(sh->loop, ms, 0, on_deadline, &expired, &t) < 0) {
		sh_err("listen: out of memory");
		return SH_ESNMP;
	}
	while (!expired && !sh->interrupted &&
	    (!counted || ns.received < target))
		sn_loop_run(sh->loop, SN_RUN_ONCE);
	if (!expired)
		sn_timer_stop(t);
	if (sh->interrupted) {
		sh_err("interrupted");
		return SH_EINTR;
	}
	if (counted && ns.received < target) {
		sh_err("listen: %lu of %lu notifications before the time "
		    "limit", want - (target - ns.received), want);
		return SH_ESNMP;
	}
	return SH_OK;
}

static int
open_listener(struct sh_shell *sh, const char *engine_hex)
{
	struct sn_error err;
	uint8_t id[32];
	size_t len;
	bool fresh = ns.l == NULL;

	sn_error_clear(&err);
	if (fresh && sn_listener_new(sh->loop, on_notification, sh, &ns.l,
	    &err) < 0) {
		sh_err("listen: %s", err.msg);
		return SH_ESNMP;
	}
	if (engine_hex != NULL) {
		if (parse_engine_id(engine_hex, id, &len) < 0) {
			sh_err("listen: -e %s: an engine ID is 5 to 32 octets "
			    "in hexadecimal", engine_hex);
			return SH_EUSAGE;
		}
		if (sn_listener_set_engine_id(ns.l, id, len, 1, &err) < 0) {
			sh_err("listen: %s", err.msg);
			return SH_EUSAGE;
		}
	} else if (fresh && local_engine(sh) == 0 &&
	    sn_listener_set_engine_id(ns.l, ns.eid, ns.eid_len, ns.boots,
	    &err) < 0) {
		sh_err("listen: %s", err.msg);
		return SH_ESNMP;
	}
	return SH_OK;
}

static int
add_transport(struct sh_shell *sh, const char *spec, bool dflt)
{
	struct sn_error err;
	size_t i;

	sn_error_clear(&err);
	if (sn_listener_listen(ns.l, spec, &err) < 0) {
		if (dflt && strstr(err.msg, "ermission") != NULL)
			sh_err("listen: %s: %s (port 162 needs privileges; "
			    "give a high port, e.g. listen udp:0.0.0.0:1162)",
			    spec, err.msg);
		else
			sh_err("listen: %s: %s", spec, err.msg[0] != '\0' ?
			    err.msg : "cannot listen");
		return SH_ESNMP;
	}
	for (i = 0; sn_listener_address(ns.l, i + 1) != NULL; i++)
		continue;
	fflush(stdout);
	fprintf(stderr, "listening on %s\n", sn_listener_address(ns.l, i));
	fflush(stderr);
	(void)sh;
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
	bool json = ns.json, text = false;
	long count = -1;
	double secs = -1;
	int i = 1, nagents = 0, ncomms = 0, rc, status = SH_OK;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		fputs(listen_help, stdout);
		return SH_OK;
	}
	if (argc == 2 && strcmp(argv[1], "stats") == 0) {
		if (ns.l == NULL) {
			sh_err("%s: not listening", cmd);
			return SH_ESNMP;
		}
		sn_listener_stats(ns.l, &st);
		print_stats(&st);
		return SH_OK;
	}
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
	if (ns.l != NULL && argc == 1) {
		/* a bare `listen` on a running listener: where it listens */
		for (i = 0; sn_listener_address(ns.l, (size_t)i) != NULL; i++)
			printf("listening on %s\n",
			    sn_listener_address(ns.l, (size_t)i));
		goto out;
	}
	if (ns.l == NULL && nagents == 0 && log == NULL && count < 0 &&
	    secs < 0 && sa.user == NULL && users == NULL && ncomms == 0 &&
	    lua == NULL)
		agents[nagents++] = NULL;	/* the default address */
	if ((status = open_listener(sh, engine)) != SH_OK)
		goto out;
	ns.json = json;
	ns.o = oo;
	for (i = 0; i < ncomms; i++) {
		if (sn_listener_add_community(ns.l, comms[i]) < 0) {
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
		if (sn_listener_add_user(ns.l, &u, &err) < 0) {
			sh_err("%s: %s", cmd, err.msg);
			status = SH_EUSAGE;
			goto out;
		}
	}
	if (users != NULL && (status = load_users(ns.l, users)) != SH_OK)
		goto out;
	if (lua != NULL && (status = load_handler(sh, lua)) != SH_OK)
		goto out;
	if (log != NULL) {
		FILE *f = fopen(log, "a");

		if (f == NULL) {
			sh_err("%s: --log %s: %s", cmd, log, strerror(errno));
			status = SH_ESNMP;
			goto out;
		}
		if (ns.log != NULL)
			fclose(ns.log);
		ns.log = f;
	}
	for (i = 0; i < nagents; i++) {
		if ((status = add_transport(sh, agents[i] != NULL ? agents[i] :
		    "udp:0.0.0.0:162", agents[i] == NULL)) != SH_OK)
			goto out;
	}
	if (count > 0)
		status = wait_for(sh, (unsigned long)count, secs > 0 ?
		    (uint64_t)(secs * 1000) : COUNT_LIMIT_MS, true);
	else if (secs > 0)
		status = wait_for(sh, 0, (uint64_t)(secs * 1000), false);
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

void
sh_notify_close(struct sh_shell *sh)
{
	(void)sh;
	sn_listener_close(ns.l);
	ns.l = NULL;
	if (ns.L != NULL)
		lsn_close(ns.L);
	ns.L = NULL;
	if (ns.log != NULL)
		fclose(ns.log);
	ns.log = NULL;
}

int
sh_cmd_unlisten(struct sh_shell *sh, int argc, char **argv)
{
	if (argc > 1) {
		sh_err("%s: takes no arguments", argv[0]);
		return SH_EUSAGE;
	}
	if (ns.l == NULL) {
		sh_err("%s: not listening", argv[0]);
		return SH_ESNMP;
	}
	sh_notify_close(sh);
	return SH_OK;
}

/* ---- sending ---- */

/* sysUpTime for '' : hundredths of a second of the monotonic clock, the
 * system's uptime on Linux (as snmptrap's get_uptime()). */
static uint32_t
uptime_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint32_t)((uint64_t)ts.tv_sec * 100 +
	    (uint64_t)ts.tv_nsec / 10000000);
}

static int
parse_uptime(const char *cmd, const char *text, uint32_t *out)
{
	if (text[0] == '\0') {
		*out = uptime_now();
		return SH_OK;
	}
	if (sh_parse_u32(text, out) < 0) {
		sh_err("%s: %s: uptime is hundredths of a second, or '' for "
		    "now", cmd, text);
		return SH_EUSAGE;
	}
	return SH_OK;
}

/* The v1 Trap-PDU header: enterprise agent-addr generic specific uptime. */
static int
v1_header(struct sh_shell *sh, const char *cmd, char **a, struct sn_pdu *pdu)
{
	long g, sp;
	unsigned b[4];
	char c;
	int st;

	pdu->type = SN_PDU_TRAP_V1;
	if (a[0][0] == '\0')
		pdu->enterprise = default_enterprise;
	else if ((st = sh_resolve_oid(sh, cmd, a[0], &pdu->enterprise)) !=
	    SH_OK)
		return st;
	memset(pdu->agent_addr, 0, 4);
	if (a[1][0] != '\0') {
		if (sscanf(a[1], "%u.%u.%u.%u%c", &b[0], &b[1], &b[2], &b[3],
		    &c) != 4 || b[0] > 255 || b[1] > 255 || b[2] > 255 ||
		    b[3] > 255) {
			sh_err("%s: %s: agent-addr is an IPv4 address or ''",
			    cmd, a[1]);
			return SH_EUSAGE;
		}
		pdu->agent_addr[0] = (uint8_t)b[0];
		pdu->agent_addr[1] = (uint8_t)b[1];
		pdu->agent_addr[2] = (uint8_t)b[2];
		pdu->agent_addr[3] = (uint8_t)b[3];
	} else {
		/* '' : this host, as snmptrap */
		pdu->agent_addr[0] = 127;
		pdu->agent_addr[3] = 1;
	}
	if (sh_parse_int(a[2], 0, 6, &g) < 0) {
		sh_err("%s: %s: generic-trap is 0..6", cmd, a[2]);
		return SH_EUSAGE;
	}
	if (sh_parse_int(a[3], 0, INT32_MAX, &sp) < 0) {
		sh_err("%s: %s: specific-trap is a number", cmd, a[3]);
		return SH_EUSAGE;
	}
	pdu->generic_trap = (int32_t)g;
	pdu->specific_trap = (int32_t)sp;
	return parse_uptime(cmd, a[4], &pdu->time_stamp);
}

/*
 * Build the PDU of `trap` or `inform` from argv (after options): v1 trap:
 * ENTERPRISE AGENT-ADDR GENERIC SPECIFIC UPTIME [OID TYPE VALUE]...;
 * else UPTIME TRAP-OID [OID TYPE VALUE]... (snmptrap(1)).
 */
static int
build_pdu(struct sh_shell *sh, const char *cmd, bool v1, enum sn_pdu_type t,
    int n, char **a, struct sn_pdu *pdu)
{
	struct sn_oid oid;
	uint32_t up;
	int head = v1 ? 5 : 2, i, st;

	if (n < head || (n - head) % 3 != 0) {
		sh_err("%s: %s (usage: %s)", cmd, n < head ?
		    "missing arguments" : "varbinds come as OID TYPE VALUE",
		    sh_cmd_find(cmd)->usage);
		return SH_EUSAGE;
	}
	if (v1) {
		if ((st = v1_header(sh, cmd, a, pdu)) != SH_OK)
			return st;
	} else {
		if ((st = parse_uptime(cmd, a[0], &up)) != SH_OK)
			return st;
		if ((st = sh_resolve_oid(sh, cmd, a[1], &oid)) != SH_OK)
			return st;
		if (sn_notify_pdu_init(pdu, t, up, &oid) < 0) {
			sh_err("%s: out of memory", cmd);
			return SH_ESNMP;
		}
	}
	for (i = head; i < n; i += 3) {
		if ((st = sh_set_add_varbind(sh, cmd, a[i], a[i + 1],
		    a[i + 2], &pdu->vbl)) != SH_OK)
			return st;
	}
	return SH_OK;
}

static int
notify_cmd(struct sh_shell *sh, int argc, char **argv, bool inform)
{
	const char *cmd = argv[0];
	struct sh_outopts o = sh->out;
	struct sh_session *ss;
	struct sn_notify_engine eng;
	struct sn_pdu pdu, resp;
	struct sn_error err;
	enum sn_version v;
	char **args;
	int i, n = 0, rc, st;

	if ((ss = sh_need_session(sh, cmd)) == NULL)
		return SH_EUSAGE;
	if ((args = calloc((size_t)argc, sizeof(*args))) == NULL) {
		sh_err("%s: out of memory", cmd);
		return SH_ESNMP;
	}
	for (i = 1; i < argc; i++) {
		/* options first; values ('' uptime, -1) may follow */
		if (n == 0 && (rc = sh_parse_oopt(cmd, argc, argv, &i,
		    &o)) != 0) {
			if (rc < 0) {
				free(args);
				return -rc;
			}
			continue;
		}
		args[n++] = argv[i];
	}
	v = sn_session_version(ss->s);
	if (inform && v == SN_V1) {
		sh_err("%s: INFORM is not available in SNMPv1 (open the "
		    "session with -v 2c or -v 3)", cmd);
		free(args);
		return SH_EUSAGE;
	}
	sn_pdu_init(&pdu, inform ? SN_PDU_INFORM : SN_PDU_TRAP);
	sn_pdu_init(&resp, SN_PDU_RESPONSE);
	st = build_pdu(sh, cmd, v == SN_V1, inform ? SN_PDU_INFORM :
	    SN_PDU_TRAP, n, args, &pdu);
	if (st != SH_OK)
		goto out;
	if (inform) {
		/* a confirmed request: the session's timeout and retries */
		if ((st = sh_request(sh, ss, cmd, &pdu, &resp)) == SH_OK &&
		    resp.error_status != 0)
			st = sh_print_response(sh, &resp, &o, true);
		goto out;
	}
	memset(&eng, 0, sizeof(eng));
	if (v == SN_V3) {
		if (local_engine(sh) < 0) {
			sh_err("%s: no local engine ID", cmd);
			st = SH_ESNMP;
			goto out;
		}
		eng.engine_id = ns.eid;
		eng.engine_id_len = ns.eid_len;
		eng.boots = ns.boots;
		eng.time = (uint32_t)((sn_loop_now(sh->loop) -
		    ns.started_ms) / 1000);
	}
	sn_error_clear(&err);
	if ((rc = sn_notify_trap(ss->s, &pdu, v == SN_V3 ? &eng : NULL,
	    &err)) < 0)
		st = sh_report_status(sh, ss, cmd, rc, &err);
out:
	free(args);
	sn_pdu_clear(&pdu);
	sn_pdu_clear(&resp);
	return st;
}

int
sh_cmd_trap(struct sh_shell *sh, int argc, char **argv)
{
	return notify_cmd(sh, argc, argv, false);
}

int
sh_cmd_inform(struct sh_shell *sh, int argc, char **argv)
{
	return notify_cmd(sh, argc, argv, true);
}
