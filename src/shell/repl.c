/*
 * The interactive prompt (SPEC §4, STYLE §5): GNU Readline's callback
 * interface driven from the engine loop, stdin being one more watched fd,
 * so the embedded demo agent and running requests keep working while a
 * line is typed.  A command runs with the stdin watcher stopped and the
 * terminal restored, so readline is never re-entered from the nested loop
 * a synchronous request runs.  Ctrl-C (SIGINT through the loop's
 * self-pipe) cancels the running command, or clears the line being typed;
 * Ctrl-D on an empty line quits.  A line ending in a backslash, or with a
 * quote still open, continues on the next one after a secondary prompt.
 * The values of -A -X -3m -3M -3k -3K show as '*' while typed.
 * Readline's state is process-global, so this file keeps the one REPL's
 * state in a static.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/readline.h>
#include <readline/history.h>

#include "shell.h"

struct repl {
	struct sh_shell *sh;
	struct sn_io *io;
	struct sn_timer *warm;	/* builds the completion index once idle */
	char *line;		/* the accepted line, until it runs */
	bool got_line;
	bool eof;
	bool installed;		/* the readline handler is installed */
	char prompt[SH_NAME_MAX + 16];
	struct sh_buf more;	/* a continued line so far */
	bool continued;		/* more holds an unfinished line */
};

static struct repl repl;

static void
on_line(char *line)
{
	if (line == NULL)
		repl.eof = true;
	else
		repl.line = line;
	repl.got_line = true;
	/* The terminal goes back to cooked mode while the command runs. */
	rl_callback_handler_remove();
	repl.installed = false;
}

static void
on_stdin(struct sn_io *io, int fd, int events, void *ud)
{
	(void)fd;
	(void)events;
	(void)ud;
	if (!repl.installed)
		return;
	rl_callback_read_char();
	if (!repl.installed) {
		/* A line arrived: no more reading until it has run. */
		sn_io_stop(io);
		repl.io = NULL;
	}
}

/* The secondary prompt of a continued line. */
#define PROMPT_MORE "> "

static void
set_prompt(struct sh_shell *sh)
{
	const char *lp = sh_lua_prompt(sh);

	if (lp != NULL)
		snprintf(repl.prompt, sizeof(repl.prompt), "%s", lp);
	else if (repl.continued)
		snprintf(repl.prompt, sizeof(repl.prompt), PROMPT_MORE);
	else if (sh->cur != NULL)
		snprintf(repl.prompt, sizeof(repl.prompt), "snmpsh %s> ",
		    sh->cur->name);
	else
		snprintf(repl.prompt, sizeof(repl.prompt), "snmpsh> ");
}

static int
install(struct sh_shell *sh)
{
	set_prompt(sh);
	fflush(stdout);
	rl_callback_handler_install(repl.prompt, on_line);
	repl.installed = true;
	if (repl.io == NULL && sn_io_start(sh->loop, STDIN_FILENO,
	    SN_IO_READ, on_stdin, NULL, &repl.io) < 0) {
		rl_callback_handler_remove();
		repl.installed = false;
		sh_err("stdin: cannot watch standard input");
		return -1;
	}
	return 0;
}

void
sh_repl_print_above(struct sh_shell *sh, const char *fmt, ...)
{
	va_list ap;
	bool shown = repl.installed && repl.sh == sh;
	char *saved = NULL;
	int point = 0;

	if (shown) {
		/* Keep the half-typed line: save, clear, print, redraw. */
		point = rl_point;
		saved = rl_copy_text(0, rl_end);
		rl_save_prompt();
		rl_replace_line("", 0);
		rl_clear_visible_line();
	}
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fflush(stdout);
	if (shown) {
		rl_restore_prompt();
		if (saved != NULL) {
			rl_replace_line(saved, 0);
			rl_point = point;
			free(saved);
		}
		rl_forced_update_display();
	}
}

/* Ctrl-C at the prompt: drop the typed text, fresh prompt (as bash). */
static void
clear_line(void)
{
	rl_free_line_state();
	rl_callback_sigcleanup();
	rl_replace_line("", 0);
	rl_point = rl_end = 0;
	fputs("^C", stdout);
	rl_crlf();
	rl_on_new_line();
	rl_redisplay();
}

/*
 * Whether text goes on past the end of the line: a final backslash (not
 * in single quotes, not itself escaped), or a quote still open.
 */
static int
needs_more(const char *text)
{
	struct sh_argv words;
	struct sn_error err;
	size_t pos = 0, n = strlen(text), k = 0;
	int rc;

	while (k < n && text[n - 1 - k] == '\\')
		k++;
	sh_argv_init(&words);
	sn_error_clear(&err);
	while ((rc = sh_tokenize(text, &pos, &words, &err)) > 0)
		;
	sh_argv_clear(&words);
	if (rc < 0 && strstr(err.msg, "unterminated") != NULL)
		return 2;	/* inside quotes: the newline is kept */
	return k % 2 == 1;
}

/*
 * Readline's redisplay with secret option values masked: the line's
 * bytes after -A -X -3m -3M -3k -3K (attached or the next word) are shown
 * as '*', and restored at once, so editing is unaffected.
 */
static void
masked_redisplay(void)
{
	static const char *const secret[] = {
		"-A", "-X", "-3m", "-3M", "-3k", "-3K", NULL
	};
	char *l = rl_line_buffer, *save;
	int i, b, e, k, next = 0;

	if (l == NULL || rl_end <= 0 || (save = malloc((size_t)rl_end)) ==
	    NULL) {
		rl_redisplay();
		return;
	}
	memcpy(save, l, (size_t)rl_end);
	for (i = 0; i < rl_end;) {
		while (i < rl_end && (l[i] == ' ' || l[i] == '\t'))
			i++;
		b = i;
		while (i < rl_end && l[i] != ' ' && l[i] != '\t')
			i++;
		e = i;
		if (b == e)
			break;
		if (next) {
			memset(l + b, '*', (size_t)(e - b));
			next = 0;
			continue;
		}
		for (k = 0; secret[k] != NULL; k++) {
			size_t sl = strlen(secret[k]);

			if ((size_t)(e - b) < sl || strncmp(l + b, secret[k],
			    sl) != 0)
				continue;
			if ((size_t)(e - b) == sl)
				next = 1;
			else
				memset(l + b + sl, '*', (size_t)(e - b) - sl);
			break;
		}
	}
	rl_redisplay();
	memcpy(l, save, (size_t)rl_end);
	free(save);
}

/* Delay before the completion index is built, once the prompt shows. */
#define WARM_MS 50

static void
on_warm(struct sn_timer *t, void *ud)
{
	struct sh_shell *sh = ud;

	(void)t;
	repl.warm = NULL;
	/* Never inside a running command's nested loop: wait for the prompt. */
	if (!repl.installed) {
		if (sn_timer_start(sh->loop, WARM_MS, 0, on_warm, sh,
		    &repl.warm) < 0)
			repl.warm = NULL;
		return;
	}
	sh_complete_warm(sh);
}

int
sh_repl_run(struct sh_shell *sh, const bool *stop)
{
	repl.sh = sh;
	repl.io = NULL;
	/* Signals stay with the loop's self-pipe (STYLE §5). */
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_readline_name = "snmpsh";
	rl_instream = stdin;
	rl_outstream = stdout;
	rl_redisplay_function = masked_redisplay;
	sh_complete_init(sh);
	sh_history_load();
	if (install(sh) < 0)
		return SH_ESNMP;
	if (sn_timer_start(sh->loop, WARM_MS, 0, on_warm, sh, &repl.warm) < 0)
		repl.warm = NULL;
	while (!sh->quit && !*stop) {
		if (repl.got_line) {
			char *line = repl.line;

			repl.got_line = false;
			repl.line = NULL;
			if (repl.eof) {
				fputc('\n', stdout);
				/* Ctrl-D in Lua mode leaves Lua mode */
				if (sh_lua_eof(sh)) {
					repl.eof = false;
					if (install(sh) < 0)
						break;
					continue;
				}
				break;
			}
			/* Lua mode has its own continuation lines */
			if (sh_lua_prompt(sh) == NULL &&
			    (repl.continued || needs_more(line))) {
				int more;

				/* the pieces so far, then the line whole */
				sh_buf_adds(&repl.more, line);
				free(line);
				sh_buf_addc(&repl.more, '\0');
				more = needs_more(repl.more.p);
				repl.more.len--;
				if (more == 1)
					repl.more.len--;	/* the '\\' */
				if (more != 0) {
					if (more == 2)
						sh_buf_addc(&repl.more, '\n');
					repl.continued = true;
					if (install(sh) < 0)
						break;
					continue;
				}
				repl.continued = false;
				sh_buf_addc(&repl.more, '\0');
				line = strdup(repl.more.p);
				repl.more.len = 0;
				if (line == NULL)
					continue;
			}
			sh_history_add(line);
			sh->interrupted = false;
			(void)sh_run_input(sh, line);
			free(line);
			sh->interrupted = false;
			if (sh->quit || *stop)
				break;
			if (install(sh) < 0)
				break;
			continue;
		}
		sn_loop_run(sh->loop, SN_RUN_ONCE);
		if (sh->interrupted) {
			sh->interrupted = false;
			repl.more.len = 0;
			if (repl.continued) {
				/* Ctrl-C drops the continued line too */
				repl.continued = false;
				if (repl.installed) {
					clear_line();
					rl_callback_handler_remove();
					repl.installed = false;
					if (install(sh) < 0)
						break;
				}
				continue;
			}
			if (repl.installed) {
				/* a Lua chunk being typed is dropped too */
				sh_lua_reset_input(sh);
				set_prompt(sh);
				rl_set_prompt(repl.prompt);
				clear_line();
			}
		}
	}
	if (repl.installed)
		rl_callback_handler_remove();
	repl.installed = false;
	if (repl.io != NULL)
		sn_io_stop(repl.io);
	repl.io = NULL;
	if (repl.warm != NULL)
		sn_timer_stop(repl.warm);
	repl.warm = NULL;
	free(repl.line);
	repl.line = NULL;
	sh_buf_free(&repl.more);
	repl.continued = false;
	fflush(stdout);
	sh_history_save();
	sh_complete_done();
	repl.sh = NULL;
	return SH_OK;
}
