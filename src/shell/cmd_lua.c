/*
 * The shell's Lua (SPEC §4, §5): one persistent Lua state with the `snmp`
 * module on the shell's loop, its sessions published as snmp.sessions,
 * the commands `lua` (Lua mode, or one chunk), `= EXPR` and `source FILE`
 * (shell commands, or a .lua file run in the state), commands defined in
 * Lua with snmp.command (run like built-ins: on one session or fanned
 * out with @NAME,.. at once, their output through the shell's sink so
 * that lines are labelled "[NAME] " and pipes capture them; listed by
 * `help`, completed), the bundled Lua commands (the .lua files of
 * lua/commands: installed under pkgdatadir/lua, or found in the source
 * tree) and ~/.config/snmpsh/init.lua at start-up.
 * The hooks the REPL calls for Lua mode (prompt, input, Ctrl-C and
 * Ctrl-D, completion) are here too; readline stays in repl.c/complete.c.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "demo.h"
#include "shell.h"
#include "lua/lsnmp.h"

/* Nesting of `source` (a file sourcing itself ends here). */
#define SOURCE_DEPTH_MAX 16

struct sh_lua {
	struct lua_State *L;
	bool own;			/* created here (not --lua's) */
	const struct sh_sessargs *sa;	/* for a lazy MIB open */
	bool mib_tried;
	bool mode;			/* Lua mode: lines are Lua */
	struct sh_buf pending;		/* an incomplete chunk */
	int depth;			/* of `source` */
};

/* --- hooks for the Lua layer ------------------------------------------- */

static struct mib *
hook_mib(void *ud)
{
	struct sh_shell *sh = ud;

	if (sh->mib == NULL && !sh->lua->mib_tried && sh->lua->sa != NULL) {
		/* --lua opens the MIBs only when a name is needed */
		sh->lua->mib_tried = true;
		(void)sh_mib_open(sh, sh->lua->sa);
	}
	return sh->mib;
}

static const char *
hook_current(void *ud)
{
	struct sh_shell *sh = ud;

	return sh->cur != NULL ? sh->cur->name : NULL;
}

static int
hook_add_session(void *ud, const char *name, const char *agent,
    struct sn_session *s)
{
	struct sh_shell *sh = ud;
	size_t i;

	for (i = 0; i < sh->nsessions; i++)
		if (strcmp(sh->sessions[i]->name, name) == 0)
			return SN_EINVAL;
	return sh_session_add(sh, name, agent, s);
}

static struct sh_lua *
lua_of(struct sh_shell *sh)
{
	if (sh->lua == NULL)
		sh->lua = calloc(1, sizeof(*sh->lua));
	return sh->lua;
}

int
sh_lua_attach(struct sh_shell *sh, struct lua_State *L,
    const struct sh_sessargs *sa)
{
	struct lsn_hooks h;
	size_t i;

	if (lua_of(sh) == NULL)
		return SN_ENOMEM;
	sh->lua->L = L;
	sh->lua->sa = sa;
	memset(&h, 0, sizeof(h));
	h.mib = hook_mib;
	h.current = hook_current;
	h.add_session = hook_add_session;
	h.ud = sh;
	lsn_set_hooks(L, &h);
	if (sh->demo != NULL)
		lsn_set_demo_agent(L, sh_demo_address(sh->demo));
	for (i = 0; i < sh->nsessions; i++)
		lsn_publish_session(L, sh->sessions[i]->name,
		    sh->sessions[i]->s);
	return 0;
}

void
sh_lua_session_added(struct sh_shell *sh, struct sh_session *ss)
{
	if (sh->lua != NULL && sh->lua->L != NULL)
		lsn_publish_session(sh->lua->L, ss->name, ss->s);
}

void
sh_lua_session_closing(struct sh_shell *sh, struct sh_session *ss)
{
	if (sh->lua != NULL && sh->lua->L != NULL)
		lsn_unpublish_session(sh->lua->L, ss->name);
}

/* --- start-up ------------------------------------------------------------ */

static void
print_error(const char *ctx, char *msg)
{
	sh_err("%s: %s", ctx, msg != NULL ? msg : "out of memory");
	free(msg);
}

static int
is_lua_file(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 4 && d->d_name[0] != '.' &&
	    strcmp(d->d_name + n - 4, ".lua") == 0;
}

/* The bundled commands: installed, else the source tree's. */
static void
load_bundled(struct sh_shell *sh)
{
	static const char *const dirs[] = {
		SN_PKGDATADIR "/lua/commands", SN_SRCDIR "/lua/commands"
	};
	struct dirent **list;
	char path[4096];
	char *msg;
	int i, n = -1;
	size_t d;

	for (d = 0; d < sizeof(dirs) / sizeof(dirs[0]) && n < 0; d++)
		n = scandir(dirs[d], &list, is_lua_file, alphasort);
	if (n < 0)
		return;
	d--;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dirs[d],
		    list[i]->d_name);
		if (lsn_source_file(sh->lua->L, path, &msg) < 0)
			print_error(path, msg);
		free(list[i]);
	}
	free(list);
}

/* $XDG_CONFIG_HOME/snmpsh/init.lua (an empty variable counts as unset). */
static void
run_init(struct sh_shell *sh)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char path[4096];
	struct stat sb;
	char *msg;

	if (x != NULL && *x != '\0')
		snprintf(path, sizeof(path), "%s/snmpsh/init.lua", x);
	else if (home != NULL && *home != '\0')
		snprintf(path, sizeof(path), "%s/.config/snmpsh/init.lua",
		    home);
	else
		return;
	if (stat(path, &sb) != 0)
		return;
	if (lsn_source_file(sh->lua->L, path, &msg) < 0)
		print_error(path, msg);
}

int
sh_lua_start(struct sh_shell *sh, const struct sh_sessargs *sa)
{
	struct sn_error err;
	struct lua_State *L;

	sn_error_clear(&err);
	if (lua_of(sh) == NULL || (L = lsn_newstate(sh->loop, &err)) ==
	    NULL) {
		sh_err("lua: %s", err.msg[0] ? err.msg : "out of memory");
		return SH_ESNMP;
	}
	sh->lua->own = true;
	sh_lua_attach(sh, L, sa);
	load_bundled(sh);
	run_init(sh);
	return SH_OK;
}

void
sh_lua_close(struct sh_shell *sh)
{
	if (sh->lua == NULL)
		return;
	if (sh->lua->own)
		lsn_close(sh->lua->L);
	sh_buf_free(&sh->lua->pending);
	free(sh->lua);
	sh->lua = NULL;
}

struct lua_State *
sh_lua_state(struct sh_shell *sh)
{
	if ((sh->lua == NULL || sh->lua->L == NULL) &&
	    sh_lua_start(sh, NULL) != SH_OK)
		return NULL;
	return sh->lua->L;
}

static struct lua_State *
need_state(struct sh_shell *sh, const char *cmd)
{
	if (sh->lua == NULL || sh->lua->L == NULL) {
		sh_err("%s: Lua is not available", cmd);
		return NULL;
	}
	return sh->lua->L;
}

/* --- chunks, Lua mode ----------------------------------------------------- */

static int
run_chunk(struct sh_shell *sh, const char *chunk, size_t len,
    bool incomplete_ok)
{
	char *msg = NULL;
	int rc;

	fflush(stdout);
	rc = lsn_run_chunk(sh->lua->L, chunk, len, "=stdin", 1, &msg);
	fflush(stdout);
	if (rc == LSN_CHUNK_INCOMPLETE && !incomplete_ok) {
		sh_err("lua: unexpected end of the chunk");
		return SH_EUSAGE;
	}
	if (rc == LSN_CHUNK_ERROR) {
		/* as lua5.4 prints it, after the shell's prefix */
		sh_err("lua: %s", msg != NULL ? msg : "out of memory");
		/* a Ctrl-C that stopped it reaches the loop now, not at the
		 * next prompt */
		if (msg != NULL && strstr(msg, "interrupted!") != NULL)
			sn_loop_run(sh->loop, SN_RUN_NOWAIT);
		free(msg);
		return SH_ESNMP;
	}
	return rc == LSN_CHUNK_INCOMPLETE ? -1 : SH_OK;
}

/* One line in Lua mode: a chunk, or a part of one. */
static int
lua_mode_line(struct sh_shell *sh, const char *line)
{
	struct sh_lua *l = sh->lua;
	int st;

	if (l->pending.len == 0 && (strcmp(line, ".") == 0 ||
	    strcmp(line, "quit") == 0 || strcmp(line, "exit") == 0)) {
		l->mode = false;
		return SH_OK;
	}
	if (l->pending.len > 0)
		sh_buf_addc(&l->pending, '\n');
	sh_buf_adds(&l->pending, line);
	st = run_chunk(sh, l->pending.p, l->pending.len, true);
	if (st < 0)
		return SH_OK;		/* more lines to come */
	l->pending.len = 0;
	return st;
}

bool
sh_lua_mode(struct sh_shell *sh)
{
	return sh->lua != NULL && sh->lua->mode;
}

const char *
sh_lua_prompt(struct sh_shell *sh)
{
	if (!sh_lua_mode(sh))
		return NULL;
	return sh->lua->pending.len > 0 ? "lua>> " : "lua> ";
}

bool
sh_lua_eof(struct sh_shell *sh)
{
	if (!sh_lua_mode(sh))
		return false;
	sh->lua->mode = false;
	sh->lua->pending.len = 0;
	return true;
}

void
sh_lua_reset_input(struct sh_shell *sh)
{
	if (sh->lua != NULL)
		sh->lua->pending.len = 0;
}

/* "lua CHUNK" or "= EXPR" at the start of a line: the rest is Lua. */
static const char *
raw_chunk(const char *line, bool *eq)
{
	const char *p = line + strspn(line, " \t");

	*eq = false;
	if (*p == '=') {
		*eq = true;
		return p + 1;
	}
	if (strncmp(p, "lua", 3) == 0 && (p[3] == ' ' || p[3] == '\t'))
		return p + 4 + strspn(p + 4, " \t");
	return NULL;
}

int
sh_run_input(struct sh_shell *sh, const char *line)
{
	const char *chunk;
	bool eq;

	if (sh_lua_mode(sh))
		return lua_mode_line(sh, line);
	if (sh->lua != NULL && sh->lua->L != NULL &&
	    (chunk = raw_chunk(line, &eq)) != NULL &&
	    chunk[strspn(chunk, " \t")] != '\0') {
		if (eq) {
			/* "= EXPR": always an expression */
			char *c = malloc(strlen(chunk) + 2);
			int st;

			if (c == NULL)
				return SH_ESNMP;
			c[0] = '=';
			memcpy(c + 1, chunk, strlen(chunk) + 1);
			st = run_chunk(sh, c, strlen(c), false);
			free(c);
			return st;
		}
		return run_chunk(sh, chunk, strlen(chunk), false);
	}
	return sh_run_line(sh, line);
}

/* Join words with spaces (commands split by the tokenizer). */
static char *
join(int argc, char **argv, int from)
{
	size_t n = 1;
	char *s;
	int i;

	for (i = from; i < argc; i++)
		n += strlen(argv[i]) + 1;
	if ((s = malloc(n + 1)) == NULL)
		return NULL;
	s[0] = '\0';
	n = 0;
	for (i = from; i < argc; i++) {
		size_t k = strlen(argv[i]);

		if (i > from)
			s[n++] = ' ';
		memcpy(s + n, argv[i], k);
		n += k;
	}
	s[n] = '\0';
	return s;
}

int
sh_cmd_lua(struct sh_shell *sh, int argc, char **argv)
{
	char *chunk;
	int st;

	if (need_state(sh, argv[0]) == NULL)
		return SH_ESNMP;
	if (argc == 1 && strcmp(argv[0], "=") == 0) {
		sh_err("=: needs an expression");
		return SH_EUSAGE;
	}
	if (argc == 1) {
		sh->lua->mode = true;
		sh->lua->pending.len = 0;
		if (sh->interactive)
			printf("Lua mode (%s): '.', quit or Ctrl-D leaves it; "
			    "=EXPR prints values\n", "Lua 5.4");
		return SH_OK;
	}
	if ((chunk = join(argc, argv, 1)) == NULL)
		return SH_ESNMP;
	if (strcmp(argv[0], "=") == 0) {
		size_t n = strlen(chunk);

		memmove(chunk + 1, chunk, n + 1);
		chunk[0] = '=';
	}
	st = run_chunk(sh, chunk, strlen(chunk), false);
	free(chunk);
	return st;
}

/* --- source --------------------------------------------------------------- */

static int
source_lua(struct sh_shell *sh, const char *path)
{
	char *msg = NULL;
	int rc;

	fflush(stdout);
	rc = lsn_source_file(sh->lua->L, path, &msg);
	fflush(stdout);
	if (rc < 0) {
		print_error("source", msg);
		return SH_ESNMP;
	}
	return SH_OK;
}

static int
source_commands(struct sh_shell *sh, const char *path)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f;
	int st, worst = SH_OK;
	bool mode = sh_lua_mode(sh);

	if ((f = fopen(path, "r")) == NULL) {
		sh_err("source: %s: %s", path, strerror(errno));
		return SH_EUSAGE;
	}
	while (!sh->quit && !sh->interrupted &&
	    (n = getline(&line, &cap, f)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		st = sh_run_input(sh, line);
		if (st > worst)
			worst = st;
		if (st == SH_EINTR)
			break;
	}
	free(line);
	fclose(f);
	/* a file that entered Lua mode leaves it at its end */
	if (sh->lua != NULL && !mode) {
		if (sh->lua->mode && sh->lua->pending.len > 0) {
			sh_err("source: %s: unexpected end of a Lua chunk",
			    path);
			worst = worst > SH_EUSAGE ? worst : SH_EUSAGE;
		}
		sh->lua->mode = false;
		sh->lua->pending.len = 0;
	}
	return worst;
}

int
sh_cmd_source(struct sh_shell *sh, int argc, char **argv)
{
	size_t n;
	int st;

	if (argc != 2) {
		sh_err("source: %s", argc < 2 ? "needs a FILE" :
		    "one FILE only");
		return SH_EUSAGE;
	}
	if (lua_of(sh) == NULL)
		return SH_ESNMP;
	if (sh->lua->depth >= SOURCE_DEPTH_MAX) {
		sh_err("source: %s: nested too deeply", argv[1]);
		return SH_EUSAGE;
	}
	n = strlen(argv[1]);
	sh->lua->depth++;
	if (n > 4 && strcmp(argv[1] + n - 4, ".lua") == 0)
		st = need_state(sh, "source") != NULL ?
		    source_lua(sh, argv[1]) : SH_ESNMP;
	else
		st = source_commands(sh, argv[1]);
	sh->lua->depth--;
	return st;
}

/* --- commands defined in Lua ---------------------------------------------- */

/*
 * One invocation of a Lua command: its output comes, a whole line at a
 * time, into a sink of its own (job.c), labelled "[NAME] " in a fan-out
 * as a request command's lines are, and captured under a pipe.
 */
struct lua_inv {
	struct sh_shell *sh;
	struct sh_sink sink;
	char prefix[SH_NAME_MAX + 4];
	bool done;
	int status;
};

static void
inv_out(void *ud, const char *p, size_t n)
{
	struct lua_inv *v = ud;
	struct sh_shell *sh = v->sh;
	struct sh_sink *prev = sh->sink;

	sh_flush_ob(sh);
	sh->sink = &v->sink;
	sh_sink_write(sh, p, n);
	sh->sink = prev;
	/* a fan-out's lines leave as they come, even into a pipe or file */
	if (v->sink.label != NULL && v->sink.up == NULL)
		fflush(stdout);
}

static void
inv_err(void *ud, const char *p, size_t n)
{
	struct lua_inv *v = ud;
	struct sh_shell *sh = v->sh;
	struct sh_sink *prev = sh->sink;

	sh_flush_ob(sh);
	sh->sink = &v->sink;
	/* labelled as the sink labels its stdout lines */
	sh_eprintf(sh, "%.*s", n > INT_MAX ? INT_MAX : (int)n, p);
	sh->sink = prev;
}

static void
inv_done(void *ud, int status)
{
	struct lua_inv *v = ud;

	v->done = true;
	v->status = status;
}

struct lua_fan {
	struct lua_inv *v;
	size_t n;
};

static bool
fan_finished(void *ud)
{
	struct lua_fan *f = ud;
	size_t i;

	for (i = 0; i < f->n; i++)
		if (!f->v[i].done)
			return false;
	return true;
}

/*
 * Run argv on n sessions at once (none: no session), each invocation a
 * task with its own sink; labelled: "[NAME] " before each line.  Returns
 * the worst status.
 */
static int
lua_run(struct sh_shell *sh, struct sh_session **targets, size_t n,
    bool labelled, int argc, char **argv)
{
	struct lsn_output o;
	struct lua_fan f;
	size_t i, k = n > 0 ? n : 1;
	int worst = SH_OK;

	if ((f.v = calloc(k, sizeof(*f.v))) == NULL) {
		sh_err("%s: out of memory", argv[0]);
		return SH_ESNMP;
	}
	f.n = k;
	sh_flush_ob(sh);
	fflush(stdout);
	for (i = 0; i < k; i++) {
		struct lua_inv *v = &f.v[i];

		v->sh = sh;
		v->sink.up = sh->sink;
		if (labelled) {
			snprintf(v->prefix, sizeof(v->prefix), "[%s] ",
			    targets[i]->name);
			v->sink.label = v->sink.prefix = v->prefix;
			v->sink.session = targets[i]->name;
		}
		o.out = inv_out;
		o.err = inv_err;
		o.ud = v;
		if (lsn_command_start(sh->lua->L, argc, argv, n > 0 ?
		    targets[i]->name : NULL, &o, inv_done, v) != 0) {
			struct sh_sink *prev = sh->sink;

			v->done = true;
			v->status = SH_ESNMP;
			sh->sink = &v->sink;
			sh_errj(sh, "%s: cannot start it", argv[0]);
			sh->sink = prev;
		}
	}
	lsn_command_wait(sh->lua->L, fan_finished, &f);
	for (i = 0; i < k; i++) {
		sh_sink_flush(sh, &f.v[i].sink);
		sh_buf_free(&f.v[i].sink.part);
		/* not done: the state closed under it */
		if (!f.v[i].done)
			f.v[i].status = SH_ESNMP;
		if (f.v[i].status > worst)
			worst = f.v[i].status;
	}
	free(f.v);
	fflush(stdout);
	return worst;
}

int
sh_lua_command(struct sh_shell *sh, int argc, char **argv)
{
	struct sh_session *t[1];

	if (!sh_lua_has_command(sh, argv[0]))
		return -1;
	t[0] = sh->cur;
	return lua_run(sh, t, sh->cur != NULL ? 1 : 0, false, argc, argv);
}

bool
sh_lua_has_command(struct sh_shell *sh, const char *name)
{
	return sh->lua != NULL && sh->lua->L != NULL &&
	    lsn_command_exists(sh->lua->L, name);
}

int
sh_lua_fanout(struct sh_shell *sh, struct sh_session **targets, size_t n,
    int argc, char **argv)
{
	if (!sh_lua_has_command(sh, argv[0]))
		return -1;
	return lua_run(sh, targets, n, true, argc, argv);
}

static void
help_line(void *ud, const char *name, const char *usage, const char *help)
{
	(void)name;
	sh_printf(ud, "  %-44s %s\n", usage, help);
}

struct help_one {
	struct sh_shell *sh;
	const char *name;
	bool found;
};

static void
help_one_line(void *ud, const char *name, const char *usage,
    const char *help)
{
	struct help_one *h = ud;

	if (strcmp(name, h->name) == 0) {
		sh_printf(h->sh, "usage: %s\n  %s\n", usage, help);
		h->found = true;
	}
}

int
sh_lua_help(struct sh_shell *sh, const char *name)
{
	struct help_one h;

	if (sh->lua == NULL || sh->lua->L == NULL)
		return -1;
	if (name == NULL) {
		lsn_command_list(sh->lua->L, help_line, sh);
		return SH_OK;
	}
	h.sh = sh;
	h.name = name;
	h.found = false;
	lsn_command_list(sh->lua->L, help_one_line, &h);
	return h.found ? SH_OK : -1;
}

/* --- completion ---------------------------------------------------------- */

struct names_ctx {
	const char *prefix;
	void (*add)(void *, const char *);
};

static void
name_cand(void *ud, const char *name, const char *usage, const char *help)
{
	struct names_ctx *c = ud;

	(void)usage;
	(void)help;
	if (strncmp(name, c->prefix, strlen(c->prefix)) == 0)
		c->add(NULL, name);
}

void
sh_lua_complete_names(struct sh_shell *sh, const char *prefix,
    void (*add)(void *, const char *))
{
	struct names_ctx c;

	if (sh->lua == NULL || sh->lua->L == NULL)
		return;
	c.prefix = prefix;
	c.add = add;
	lsn_command_list(sh->lua->L, name_cand, &c);
}

int
sh_lua_complete(struct sh_shell *sh, const char *line, int start,
    const char *text, void (*add)(void *, const char *), bool *space)
{
	struct sh_argv words;
	struct sn_error err;
	struct lua_State *L;
	const char *p;
	char *before;
	size_t pos = 0;
	bool eq;
	int rc, skip;

	if (sh->lua == NULL || (L = sh->lua->L) == NULL)
		return -1;
	if (sh->lua->mode || ((p = raw_chunk(line, &eq)) != NULL &&
	    line + start >= p)) {
		*space = false;
		lsn_complete(L, text, add, NULL);
		return 0;
	}
	/* the arguments of a command defined in Lua */
	if ((before = strndup(line, (size_t)start)) == NULL)
		return -1;
	sh_argv_init(&words);
	sn_error_clear(&err);
	while ((rc = sh_tokenize(before, &pos, &words, &err)) > 0 &&
	    pos < (size_t)start)
		;
	rc = -1;
	/* "@NAME,.. CMD": CMD is the command */
	skip = words.argc > 1 && words.argv[0][0] == '@' ? 1 : 0;
	if (words.argc > skip && lsn_command_exists(L, words.argv[skip])) {
		*space = true;
		lsn_command_complete(L, words.argc - skip, words.argv + skip,
		    text, add, NULL);
		rc = 0;
	}
	sh_argv_clear(&words);
	free(before);
	return rc;
}
