/*
 * Request commands as jobs, and the one output sink of the shell.  A
 * command's words are parsed once; then a job per target session starts
 * its requests or walk on the engine loop (RFC 3413 §3.1 command
 * generator: many outstanding requests, each with its own timeout) and
 * completes through callbacks, so `@A,B,C walk` waits about one timeout
 * for a dead agent, not one per agent.  Every line a command prints goes
 * through a sink: straight to stdout, labelled "[NAME] " a whole line at
 * a time (SPEC §3), or into a capture buffer for `| filters`; stderr lines
 * get the same label.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "shell.h"

static double
now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* SGR colours of a varbind line on a terminal (off with NO_COLOR). */
#define C_NAME "\033[36m"
#define C_TYPE "\033[33m"
#define C_ERR "\033[31m"
#define C_OFF "\033[0m"

/* One line to stdout, coloured: name before " = ", the "TYPE:" after. */
static void
colour_line(const char *p, size_t n)
{
	const char *eq = NULL, *colon;
	size_t i;

	for (i = 0; i + 3 <= n; i++)
		if (memcmp(p + i, " = ", 3) == 0) {
			eq = p + i;
			break;
		}
	if (eq == NULL) {
		fwrite(p, 1, n, stdout);
		return;
	}
	fputs(C_NAME, stdout);
	fwrite(p, 1, (size_t)(eq - p), stdout);
	fputs(C_OFF " = ", stdout);
	n -= (size_t)(eq - p) + 3;
	p = eq + 3;
	colon = memchr(p, ':', n);
	if (colon != NULL && (size_t)(colon - p) + 1 < n &&
	    colon[1] == ' ' && colon - p < 24) {
		fputs(C_TYPE, stdout);
		fwrite(p, 1, (size_t)(colon - p) + 1, stdout);
		fputs(C_OFF, stdout);
		n -= (size_t)(colon - p) + 1;
		p = colon + 1;
	}
	fwrite(p, 1, n, stdout);
}

static void
to_stdout(struct sh_shell *sh, const char *p, size_t n)
{
	const char *nl;
	size_t len;

	if (!sh->colour) {
		fwrite(p, 1, n, stdout);
		return;
	}
	while (n > 0) {
		nl = memchr(p, '\n', n);
		len = nl != NULL ? (size_t)(nl - p) + 1 : n;
		colour_line(p, len);
		p += len;
		n -= len;
	}
}

static void
sink_write(struct sh_shell *sh, struct sh_sink *k, const char *p, size_t n)
{
	struct sh_buf line = { NULL, 0, 0 };
	const char *nl;
	size_t len;

	if (n == 0)
		return;
	if (k == NULL) {
		to_stdout(sh, p, n);
		return;
	}
	if (k->capture != NULL) {
		sh_buf_add(k->capture, p, n);
		return;
	}
	if (k->label == NULL) {
		sink_write(sh, k->up, p, n);
		return;
	}
	/* Labelled: only whole lines go up, each with its label. */
	while (n > 0) {
		nl = memchr(p, '\n', n);
		if (nl == NULL) {
			sh_buf_add(&k->part, p, n);
			break;
		}
		len = (size_t)(nl - p) + 1;
		line.len = 0;
		if (k->prefix != NULL)
			sh_buf_adds(&line, k->prefix);
		if (k->part.len > 0)
			sh_buf_add(&line, k->part.p, k->part.len);
		sh_buf_add(&line, p, len);
		sink_write(sh, k->up, line.p, line.len);
		k->part.len = 0;
		p += len;
		n -= len;
	}
	sh_buf_free(&line);
}

void
sh_sink_write(struct sh_shell *sh, const char *p, size_t n)
{
	sink_write(sh, sh->sink, p, n);
}

void
sh_sink_flush(struct sh_shell *sh, struct sh_sink *k)
{
	if (k->part.len > 0)
		sink_write(sh, k, "\n", 1);
}

void
sh_flush_ob(struct sh_shell *sh)
{
	if (sh->ob.len > 0)
		sink_write(sh, sh->sink, sh->ob.p, sh->ob.len);
	sh->ob.len = 0;
}

void
sh_printf(struct sh_shell *sh, const char *fmt, ...)
{
	va_list ap;
	char small[512], *p = small;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(small)) {
		if ((p = malloc((size_t)n + 1)) == NULL)
			return;
		va_start(ap, fmt);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	sh_flush_ob(sh);
	sink_write(sh, sh->sink, p, (size_t)n);
	if (p != small)
		free(p);
}

/* The label of the current sink, or NULL. */
static const char *
cur_prefix(const struct sh_shell *sh)
{
	const struct sh_sink *k;

	for (k = sh->sink; k != NULL; k = k->up)
		if (k->label != NULL)
			return k->label;
	return NULL;
}

static void
veprintf(struct sh_shell *sh, const char *lead, const char *fmt, va_list ap)
{
	struct sh_buf b = { NULL, 0, 0 };
	const char *pre = cur_prefix(sh), *p, *nl;
	char small[512];
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	sh_buf_adds(&b, lead);
	if ((size_t)n < sizeof(small)) {
		sh_buf_add(&b, small, (size_t)n);
	} else {
		sh_buf_reserve(&b, (size_t)n + 1);
		vsnprintf(b.p + b.len, (size_t)n + 1, fmt, ap);
		b.len += (size_t)n;
	}
	sh_flush_ob(sh);
	fflush(stdout);
	for (p = b.p; p < b.p + b.len; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(b.p + b.len - p))) ==
		    NULL)
			nl = b.p + b.len - 1;
		if (pre != NULL)
			fputs(pre, stderr);
		if (sh->colour && lead[0] != '\0')
			fputs(C_ERR, stderr);
		fwrite(p, 1, (size_t)(nl - p) + (*nl != '\n'), stderr);
		if (sh->colour && lead[0] != '\0')
			fputs(C_OFF, stderr);
		if (*nl == '\n')
			fputc('\n', stderr);
	}
	fflush(stderr);
	sh_buf_free(&b);
}

void
sh_eprintf(struct sh_shell *sh, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	veprintf(sh, "", fmt, ap);
	va_end(ap);
}

void
sh_errj(struct sh_shell *sh, const char *fmt, ...)
{
	va_list ap;
	struct sh_buf f = { NULL, 0, 0 };

	/* "snmpsh: " leads the message; the newline ends it. */
	sh_buf_adds(&f, fmt);
	sh_buf_add(&f, "\n", 2);
	va_start(ap, fmt);
	veprintf(sh, "snmpsh: ", f.p, ap);
	va_end(ap);
	sh_buf_free(&f);
}

struct sh_sink *
sh_job_enter(struct sh_job *j)
{
	struct sh_sink *prev = j->sh->sink;

	sh_flush_ob(j->sh);
	j->sh->sink = &j->sink;
	return prev;
}

void
sh_job_leave(struct sh_job *j, struct sh_sink *prev)
{
	sh_flush_ob(j->sh);
	j->sh->sink = prev;
	/* A fan-out's lines leave as they come, even into a pipe or file. */
	if (j->sink.label != NULL && prev == NULL)
		fflush(stdout);
}

void
sh_job_finish(struct sh_job *j, int status)
{
	j->done = true;
	j->status = status;
	j->req = NULL;
	j->walk = NULL;
}

void
sh_job_replied(struct sh_job *j)
{
	if (j->replied)
		return;
	j->replied = true;
	j->ss->last_rtt = now_sec() - j->t0;
	j->ss->state = "ok";
}

void
sh_jobs_cancel(struct sh_shell *sh)
{
	struct sh_job *j;

	for (j = sh->jobs; j != NULL; j = j->next) {
		/* The callbacks run now and may start nothing new. */
		if (j->req != NULL)
			sn_request_cancel(j->req);
		if (j->walk != NULL)
			sn_walk_cancel(j->walk);
	}
}

static void
job_free(struct sh_job *j)
{
	if (j->state_free != NULL)
		j->state_free(j->state);
	sh_buf_free(&j->sink.part);
	free(j);
}

/* The job's output letters: the session's, or the shell's, then -O. */
static void
job_outopts(struct sh_shell *sh, struct sh_job *j)
{
	struct sh_buf *l = &sh->oletters;
	size_t i, k;
	char one[256];

	j->o = j->ss->has_out ? j->ss->out : sh->out;
	j->o.render = sh->out.render;
	/* Each recorded -O value ends with a NUL. */
	for (i = 0; i < l->len; i = k + 1) {
		k = i;
		while (k < l->len && l->p[k] != '\0')
			k++;
		snprintf(one, sizeof(one), "%.*s", (int)(k - i), l->p + i);
		(void)sh_outopts_parse(&j->o, one);
	}
}

int
sh_jobs_run(struct sh_shell *sh, const struct sh_jobdef *d,
    struct sh_session **targets, size_t n, bool labelled, int argc,
    char **argv)
{
	struct sh_job *list = NULL, *j, **tail = &list;
	struct sh_sink *prev;
	void *spec = NULL;
	bool cancelled = false;
	size_t i;
	int st, worst = SH_OK;

	sh->oletters.len = 0;
	sh_oopt_record(&sh->oletters);
	st = d->parse(sh, argc, argv, n > 0, &spec);
	sh_oopt_record(NULL);
	if (st != SH_OK) {
		if (spec != NULL)
			d->spec_free(spec);
		return st;
	}
	for (i = 0; i < n; i++) {
		if ((j = calloc(1, sizeof(*j))) == NULL) {
			sh_err("%s: out of memory", argv[0]);
			worst = SH_ESNMP;
			break;
		}
		j->sh = sh;
		j->ss = targets[i];
		j->cmd = argv[0];
		j->spec = spec;
		j->sink.up = sh->sink;
		if (labelled) {
			snprintf(j->prefix, sizeof(j->prefix), "[%s] ",
			    targets[i]->name);
			j->sink.label = j->prefix;
			/* JSON and CSV name the session in a field */
			if (sh->out.render == SH_RENDER_TEXT)
				j->sink.prefix = j->prefix;
			j->sink.session = targets[i]->name;
		}
		job_outopts(sh, j);
		*tail = j;
		tail = &j->next;
	}
	sh->jobs = list;
	for (j = list; j != NULL; j = j->next) {
		j->t0 = now_sec();
		prev = sh_job_enter(j);
		st = d->start(j);
		if (st != SH_OK && !j->done)
			sh_job_finish(j, st);
		sh_job_leave(j, prev);
	}
	for (;;) {
		for (j = list; j != NULL && j->done; j = j->next)
			;
		if (j == NULL)
			break;
		/* A Ctrl-C from before or during the run cancels them all. */
		if (sh->interrupted && !cancelled) {
			cancelled = true;
			sh_jobs_cancel(sh);
			continue;
		}
		sn_loop_run(sh->loop, SN_RUN_ONCE);
	}
	sh->jobs = NULL;
	while (list != NULL) {
		j = list;
		list = j->next;
		sh_sink_flush(sh, &j->sink);
		if (j->status > worst)
			worst = j->status;
		job_free(j);
	}
	d->spec_free(spec);
	return worst;
}

int
sh_jobs_run_cur(struct sh_shell *sh, const struct sh_jobdef *d, int argc,
    char **argv)
{
	struct sh_session *t[1];

	t[0] = sh->cur;
	return sh_jobs_run(sh, d, t, sh->cur != NULL ? 1 : 0, false, argc,
	    argv);
}

const struct sh_jobdef *
sh_jobdef_find(const char *name)
{
	static const struct sh_jobdef *const defs[] = {
		&sh_job_get, &sh_job_getnext, &sh_job_getbulk, &sh_job_walk,
		&sh_job_bulkwalk, &sh_job_set, &sh_job_table, &sh_job_trap,
		&sh_job_inform, NULL
	};
	size_t i;

	for (i = 0; defs[i] != NULL; i++)
		if (strcmp(defs[i]->name, name) == 0)
			return defs[i];
	return NULL;
}
