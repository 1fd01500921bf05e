/*
 * snmpsh's entry point: the command line (SPEC §2: Net-SNMP session
 * options, AGENT, --exec, --demo, --serve), the modes (run --exec
 * commands; batch mode reading stdin when it is not a terminal; the
 * readline REPL of repl.c on a terminal; serve the demo agent only), and
 * the event-loop plumbing they share: stdin is read through an fd
 * watcher, so the embedded demo agent keeps answering while the shell
 * waits, and SIGINT arrives through the loop's self-pipe and cancels the
 * running command.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo.h"
#include "shell.h"
#include "lua/lsnmp.h"

/* Size of stdout's buffer when it is not a terminal (long walks). */
#define STDOUT_BUF (1 << 20)

struct opts {
	struct sh_sessargs sa;
	const char *agent;
	const char **exec;
	size_t nexec;
	bool demo;
	const char *demo_port;
	unsigned long demo_rows;
	bool serve;
	const char *lua_file;	/* --lua FILE [ARGS...] */
	char **lua_args;
	int lua_nargs;
	const char *complete;	/* --complete WORD [PREV] (hidden) */
	const char *complete_prev;
};

struct input {
	struct sn_io *io;
	char *buf;
	size_t len;
	size_t cap;
	bool eof;
};

struct mainctx {
	struct sh_shell *sh;
	bool sigint;
	bool stop;
};

static void
usage(FILE *f)
{
	fputs(
"Usage: snmpsh [SESSION OPTIONS] [AGENT] [--exec 'CMD; CMD...']\n"
"       snmpsh [SESSION OPTIONS] --demo[=PORT] [--demo-rows=N]\n"
"              [--serve | --exec 'CMD; CMD...']\n"
"       snmpsh [--demo[=PORT]] --lua FILE.lua [ARGS...]\n"
"       snmpsh -h | --help | -V | --version\n"
"\n"
"An interactive SNMP shell.  Without --exec it reads commands from a\n"
"prompt when stdin is a terminal, or line by line from stdin otherwise\n"
"(batch mode: no prompt).  Type 'help' for the commands.\n"
"\n"
"Modes:\n"
"  --exec 'CMD; CMD'   run the commands, print the results and exit\n"
"  --demo[=PORT]       start the embedded demo agent on 127.0.0.1 (a free\n"
"                      port unless given) and open the session \"demo\"\n"
"                      (v1/v2c: public, private; SNMPv3 user \"demo\":\n"
"                      -l authPriv -a SHA -A demo-auth-pass -x AES\n"
"                      -X demo-priv-pass)\n"
"  --demo-rows=N       rows of the demo agent's benchmark table\n"
"  --serve             with --demo: only run the agent, print its address\n"
"                      on stdout and serve until SIGINT or SIGTERM\n"
"  --lua FILE [ARGS]   run a Lua script with the snmp module (global\n"
"                      `snmp`; with --demo, snmp.demo_agent is the demo\n"
"                      agent's address); the remaining arguments go to\n"
"                      the script's `arg` table\n"
"  -h, --help          this text\n"
"  -V, --version       the version\n"
"\n"
"AGENT: [udp:|udp6:|unix:]HOST[:PORT]   (default port 161)\n"
"\n"
"SESSION OPTIONS (as Net-SNMP's; values attached or separate):\n"
"  -v 1|2c|3           SNMP version (default 2c)\n"
"  -c COMMUNITY        community string (default public)\n"
"  -t SECONDS          timeout of one try (default 1)\n"
"  -r RETRIES          retries after the first try (default 5)\n"
"  -u USER  -l noAuthNoPriv|authNoPriv|authPriv\n"
"  -a MD5|SHA|SHA-224|SHA-256|SHA-384|SHA-512  -A PASSPHRASE\n"
"  -x DES|3DES|AES|AES-192|AES-256|AES-192-C|AES-256-C  -X PASSPHRASE\n"
"  -e ENGINE-ID  -E CONTEXT-ENGINE-ID  -n CONTEXT\n"
"                      SNMPv3 (RFC 3414 USM; default level noAuthNoPriv,\n"
"                      -a MD5, -x DES; engine IDs in hex)\n"
"  -3m KEY  -3M KEY    authentication/privacy master keys (hex), instead\n"
"  -3k KEY  -3K KEY    of -A/-X; or keys already localized to the agent\n"
"  -O LETTERS          output: n f s S q Q v e b x a U t T\n"
"  -m MIBS  -M DIRS    MIB modules and folders as Net-SNMP's (default: all\n"
"                      bundled modules; -m '' loads none: numeric OIDs)\n"
"  -P e                print MIB load errors (also: the `mib errors` command)\n"
"\n"
"Exit status with --exec or in batch mode: 0 all commands succeeded,\n"
"1 an SNMP error, 2 a usage error, 130 interrupted.\n", f);
}

static int usage_error(const char *fmt, ...) SN_PRINTF(1, 2);

static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("snmpsh: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'snmpsh --help' for more information.\n", stderr);
	return SH_EUSAGE;
}

/* "--name" or "--name=value": the value, "" when absent, NULL if no match. */
static const char *
long_opt(const char *arg, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(arg, name, n) != 0)
		return NULL;
	if (arg[n] == '\0')
		return "";
	if (arg[n] == '=')
		return arg + n + 1;
	return NULL;
}

/* Returns -1 to go on, or an exit status. */
static int
parse_cmdline(int argc, char **argv, struct opts *op, struct sh_outopts *oo)
{
	struct sn_error err;
	const char *v;
	long n;
	int i = 1, rc;

	while (i < argc) {
		const char *a = argv[i];

		sn_error_clear(&err);
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			return 0;
		}
		if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			printf("snmpsh %s\n", PACKAGE_VERSION);
			return 0;
		}
		if ((v = long_opt(a, "--exec")) != NULL) {
			if (*v == '\0' && a[6] != '=') {
				if (i + 1 >= argc)
					return usage_error("%s: needs commands",
					    a);
				v = argv[++i];
			}
			op->exec[op->nexec++] = v;
			i++;
			continue;
		}
		if ((v = long_opt(a, "--demo-rows")) != NULL) {
			if (*v == '\0' && a[11] != '=' && i + 1 < argc)
				v = argv[++i];
			if (sh_parse_int(v, 0, 100000000, &n) < 0)
				return usage_error("--demo-rows %s: not a "
				    "number of rows (0 to 100000000)", v);
			op->demo_rows = (unsigned long)n;
			i++;
			continue;
		}
		if ((v = long_opt(a, "--demo")) != NULL) {
			if (a[6] == '=' && sh_parse_int(v, 1, 65535, &n) < 0)
				return usage_error("--demo=%s: not a port "
				    "number (1 to 65535)", v);
			op->demo = true;
			op->demo_port = a[6] == '=' ? v : NULL;
			i++;
			continue;
		}
		if ((v = long_opt(a, "--lua")) != NULL) {
			if (a[5] != '=') {
				if (i + 1 >= argc)
					return usage_error("%s: needs a "
					    "script file", a);
				v = argv[++i];
			}
			if (*v == '\0')
				return usage_error("--lua: needs a script "
				    "file");
			op->lua_file = v;
			op->lua_args = argv + i + 1;
			op->lua_nargs = argc - i - 1;
			break;
		}
		if (strcmp(a, "--complete") == 0) {
			/* for completions/: candidates, one a line, exit */
			if (i + 1 >= argc)
				return usage_error("%s: needs a word", a);
			op->complete = argv[i + 1];
			op->complete_prev = i + 2 < argc ? argv[i + 2] : NULL;
			break;
		}
		if (strcmp(a, "--serve") == 0) {
			op->serve = true;
			i++;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++) {
				if (op->agent != NULL)
					return usage_error("%s: unexpected "
					    "argument (one AGENT only)",
					    argv[i]);
				op->agent = argv[i];
			}
			break;
		}
		rc = sh_args_option(argc, argv, &i, &op->sa, oo, &err);
		if (rc < 0)
			return usage_error("%s", err.msg);
		if (rc > 0)
			continue;
		if (a[0] == '-' && a[1] != '\0')
			return usage_error("%s: unknown option", a);
		if (op->agent != NULL)
			return usage_error("%s: unexpected argument (one AGENT "
			    "only; commands go in --exec or on stdin)", a);
		op->agent = a;
		i++;
	}
	if (op->complete != NULL)
		return -1;
	if (op->serve && !op->demo)
		return usage_error("%s: needs --demo", "--serve");
	if (op->serve && op->nexec > 0)
		return usage_error("%s: cannot be combined with --exec",
		    "--serve");
	if (op->lua_file != NULL && (op->serve || op->nexec > 0))
		return usage_error("--lua: cannot be combined with %s",
		    op->serve ? "--serve" : "--exec");
	if (op->demo && op->agent != NULL)
		return usage_error("%s: give either an AGENT or --demo",
		    op->agent);
	return -1;
}

static void
on_signal(struct sn_loop *loop, int signo, void *ud)
{
	struct mainctx *m = ud;
	struct sh_shell *sh = m->sh;

	if (signo == SIGTERM) {
		m->stop = true;
		sn_loop_stop(loop);
	}
	m->sigint = true;
	sh->interrupted = true;
	if (sh->req != NULL)
		sn_request_cancel(sh->req);
	if (sh->walk != NULL)
		sn_walk_cancel(sh->walk);
	sh_jobs_cancel(sh);
}

static void
on_stdin(struct sn_io *io, int fd, int events, void *ud)
{
	struct input *in = ud;
	ssize_t n;

	(void)events;
	if (in->cap - in->len < 4096) {
		size_t cap = in->cap ? in->cap * 2 : 8192;
		char *b = realloc(in->buf, cap);

		if (b == NULL) {
			fputs("snmpsh: out of memory\n", stderr);
			exit(1);
		}
		in->buf = b;
		in->cap = cap;
	}
	n = read(fd, in->buf + in->len, in->cap - in->len - 1);
	if (n > 0) {
		in->len += (size_t)n;
		return;
	}
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	in->eof = true;
	sn_io_stop(io);
	in->io = NULL;
}

/*
 * Batch mode (stdin not a terminal; the terminal has the REPL): commands
 * from stdin, line by line, read through the loop so an embedded demo
 * agent keeps answering.  Ctrl-C ends the run with SH_EINTR.
 */
static int
run_stdin(struct sh_shell *sh, struct mainctx *m)
{
	struct input in;
	int worst = SH_OK, st;
	char *nl;

	memset(&in, 0, sizeof(in));
	if (sn_io_start(sh->loop, STDIN_FILENO, SN_IO_READ, on_stdin, &in,
	    &in.io) < 0) {
		sh_err("stdin: cannot watch standard input");
		return SH_ESNMP;
	}
	while (!sh->quit && !m->stop) {
		nl = in.len > 0 ? memchr(in.buf, '\n', in.len) : NULL;
		if (nl != NULL || (in.eof && in.len > 0)) {
			size_t n = nl != NULL ? (size_t)(nl - in.buf) : in.len;

			in.buf[n] = '\0';
			st = sh_run_input(sh, in.buf);
			memmove(in.buf, in.buf + n + (nl != NULL),
			    in.len - n - (nl != NULL));
			in.len -= n + (nl != NULL);
			if (st == SH_EINTR) {
				worst = SH_EINTR;
				break;
			}
			if (st > worst)
				worst = st;
			continue;
		}
		if (in.eof)
			break;
		sn_loop_run(sh->loop, SN_RUN_ONCE);
		if (sh->interrupted) {
			sh_err("interrupted");
			worst = SH_EINTR;
			break;
		}
	}
	if (in.io != NULL)
		sn_io_stop(in.io);
	free(in.buf);
	return worst;
}

static int
serve(struct sh_shell *sh, struct mainctx *m)
{
	printf("%s\n", sh_demo_address(sh->demo));
	fflush(stdout);
	while (!m->stop && !m->sigint)
		sn_loop_run(sh->loop, SN_RUN_ONCE);
	return SH_OK;
}

/* --lua FILE [ARGS...]: run the script on the shell's loop. */
static int
run_lua(struct sh_shell *sh, const struct opts *op, const char *progname)
{
	struct sn_error err;
	struct lua_State *L;
	char *msg = NULL;
	size_t i;
	int rc;

	sn_error_clear(&err);
	if ((L = lsn_newstate(sh->loop, &err)) == NULL) {
		sh_err("--lua: %s", err.msg);
		return SH_ESNMP;
	}
	/* the shell's hooks: sessions, names (MIBs opened on first use) */
	if (sh_lua_attach(sh, L, &op->sa) != 0) {
		lsn_close(L);
		sh_err("--lua: out of memory");
		return SH_ESNMP;
	}
	rc = lsn_run_file(L, progname, op->lua_file, op->lua_args,
	    op->lua_nargs, &msg);
	fflush(stdout);
	if (rc < 0)
		sh_err("%s", msg != NULL ? msg : "out of memory");
	free(msg);
	for (i = 0; i < sh->nsessions; i++)
		lsn_unpublish_session(L, sh->sessions[i]->name);
	lsn_close(L);
	sh_lua_close(sh);
	return rc < 0 ? SH_ESNMP : SH_OK;
}

static void
print_cand(void *ud, const char *cand)
{
	(void)ud;
	printf("%s\n", cand);
}

static int
open_session(struct sh_shell *sh, const struct opts *op, const char *name,
    const char *agent)
{
	return sh_session_open(sh, name, &op->sa, NULL, agent, true, NULL);
}

int
main(int argc, char **argv)
{
	struct sh_shell sh;
	struct mainctx m;
	struct opts op;
	struct sn_error err;
	char listen[64];
	const char *term;
	bool fancy;
	int st, i;

	memset(&sh, 0, sizeof(sh));
	memset(&op, 0, sizeof(op));
	memset(&m, 0, sizeof(m));
	m.sh = &sh;
	sh_outopts_init(&sh.out);
	sh_sessargs_init(&op.sa);
	if ((op.exec = calloc((size_t)argc + 1, sizeof(*op.exec))) == NULL) {
		fputs("snmpsh: out of memory\n", stderr);
		return SH_ESNMP;
	}
	if ((st = parse_cmdline(argc, argv, &op, &sh.out)) >= 0) {
		free(op.exec);
		return st;
	}
	sn_error_clear(&err);
	sh.interactive = op.nexec == 0 && !op.serve && op.lua_file == NULL &&
	    isatty(STDIN_FILENO);
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IOFBF, STDOUT_BUF);
	/* SPEC §4: colours and progress only on a terminal; never with
	 * NO_COLOR, nor on a terminal that has no escape sequences */
	term = getenv("TERM");
	fancy = term != NULL && strcmp(term, "dumb") != 0;
	sh.stdout_tty = isatty(STDOUT_FILENO);
	sh.colour = fancy && sh.interactive && sh.stdout_tty &&
	    getenv("NO_COLOR") == NULL;
	/* also in --exec and batch mode, when stderr is a terminal */
	sh.progress = fancy && isatty(STDERR_FILENO);
	if (sn_loop_new(&sh.loop, &err) < 0) {
		sh_err("event loop: %s", err.msg);
		free(op.exec);
		return SH_ESNMP;
	}
	sn_loop_signal(sh.loop, SIGINT, on_signal, &m);
	sn_loop_signal(sh.loop, SIGTERM, on_signal, &m);
	/* MIBs: -m/-M over MIBS/MIBDIRS (snmpcmd(1)); the served demo
	 * agent and Lua scripts do not name anything here */
	st = SH_OK;
	if (!op.serve && op.lua_file == NULL &&
	    (st = sh_mib_open(&sh, &op.sa)) != SH_OK)
		goto done;
	if (op.complete != NULL) {
		sh_complete_cmdline(&sh, op.complete_prev, op.complete,
		    print_cand, NULL);
		goto done;
	}
	if (op.demo) {
		struct sh_demo_opts dopts;

		memset(&dopts, 0, sizeof(dopts));
		if (op.demo_port != NULL) {
			snprintf(listen, sizeof(listen), "udp:127.0.0.1:%s",
			    op.demo_port);
			dopts.listen = listen;
		}
		dopts.bulk_rows = op.demo_rows;
		if (sh_demo_start(sh.loop, &dopts, &sh.demo, &err) < 0) {
			sh_err("--demo: %s", err.msg);
			st = SH_ESNMP;
			goto done;
		}
		if (op.serve) {
			st = serve(&sh, &m);
			goto done;
		}
		if (isatty(STDERR_FILENO) && op.lua_file == NULL)
			fprintf(stderr, "demo agent on %s\n",
			    sh_demo_address(sh.demo));
		st = open_session(&sh, &op, "demo", sh_demo_address(sh.demo));
	} else if (op.agent != NULL) {
		st = open_session(&sh, &op, "default", op.agent);
	}
	if (st != SH_OK)
		goto done;
	/* the shell's Lua state: bundled commands, init.lua */
	if (op.lua_file == NULL && (st = sh_lua_start(&sh, &op.sa)) != SH_OK)
		goto done;
	if (op.lua_file != NULL) {
		/* a script is ended by Ctrl-C as under lua5.4 */
		sn_loop_signal(sh.loop, SIGINT, NULL, NULL);
		sn_loop_signal(sh.loop, SIGTERM, NULL, NULL);
		st = run_lua(&sh, &op, argv[0]);
	} else if (op.nexec > 0) {
		for (i = 0; (size_t)i < op.nexec && !sh.quit; i++) {
			int s = sh_run_input(&sh, op.exec[i]);

			if (s > st)
				st = s;
			if (sh.interrupted || m.sigint) {
				st = SH_EINTR;
				break;
			}
		}
	} else if (sh.interactive) {
		st = sh_repl_run(&sh, &m.stop);
	} else {
		st = run_stdin(&sh, &m);
	}
done:
	fflush(stdout);
	sh_notify_close(&sh);
	sh_lua_close(&sh);
	sh_sessions_close(&sh);
	sh_defaults_free(sh.defaults);
	sh_buf_free(&sh.oletters);
	if (sh.demo != NULL)
		sh_demo_free(sh.demo);
	sn_loop_signal(sh.loop, SIGINT, NULL, NULL);
	sn_loop_signal(sh.loop, SIGTERM, NULL, NULL);
	sn_loop_free(sh.loop);
	sh_buf_free(&sh.ob);
	mib_buf_free(&sh.mb);
	mib_close(sh.mib);
	free(op.exec);
	return st;
}
