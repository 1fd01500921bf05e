/*
 * The interactive prompt (SPEC §4, STYLE §5): GNU Readline's callback
 * interface driven from the engine loop, stdin being one more watched fd,
 * so the embedded demo agent and running requests keep working while a
 * line is typed.  A command runs with the stdin watcher stopped and the
 * terminal restored, so readline is never re-entered from the nested loop
 * a synchronous request runs.  Ctrl-C (SIGINT through the loop's
 * self-pipe) cancels the running command, or clears the line being typed;
 * Ctrl-D on an empty line quits.  Readline's state is process-global, so
 * this file keeps the one REPL's state in a static.
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

static void
set_prompt(struct sh_shell *sh)
{
	const char *lp = sh_lua_prompt(sh);

	if (lp != NULL)
		snprintf(repl.prompt, sizeof(repl.prompt), "%s", lp);
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
	fflush(stdout);
	sh_history_save();
	sh_complete_done();
	repl.sh = NULL;
	return SH_OK;
}
