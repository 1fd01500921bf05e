/*
 * Post-filters on a command's output: `CMD | grep [-v] [-i] REGEX`,
 * `| json`, `| csv`, `| table`, `| count`, chainable.  The command's
 * stdout is captured through the shell's sink (job.c), then each filter
 * runs over the lines in turn; stderr is never captured.  `json` and
 * `csv` choose how the command renders varbinds (json.c), `table` renders
 * them as cells and aligns the columns at the end.  Regular expressions
 * are POSIX extended ones (regcomp(3)).
 */
#include "config.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

enum stage_kind { ST_GREP, ST_JSON, ST_CSV, ST_TABLE, ST_COUNT };

struct stage {
	enum stage_kind kind;
	bool invert;
	bool compiled;
	regex_t re;
};

/* A list of lines pointing into one buffer (each without its newline). */
struct lines {
	char **v;
	size_t n;
	size_t cap;
};

static int
lines_push(struct lines *l, char *s)
{
	char **v;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;

		if ((v = realloc(l->v, cap * sizeof(*v))) == NULL)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = s;
	return 0;
}

static int
parse_stage(int argc, char **argv, struct stage *st)
{
	int i, flags = REG_EXTENDED | REG_NOSUB, rc;
	const char *pat = NULL;
	char msg[128];

	memset(st, 0, sizeof(*st));
	if (argc == 0) {
		sh_err("|: missing filter (grep json csv table count)");
		return SH_EUSAGE;
	}
	if (strcmp(argv[0], "json") == 0 || strcmp(argv[0], "csv") == 0 ||
	    strcmp(argv[0], "table") == 0 || strcmp(argv[0], "count") == 0) {
		if (argc > 1) {
			sh_err("| %s: %s: no arguments expected", argv[0],
			    argv[1]);
			return SH_EUSAGE;
		}
		st->kind = argv[0][0] == 'j' ? ST_JSON : argv[0][1] == 's' ?
		    ST_CSV : argv[0][0] == 't' ? ST_TABLE : ST_COUNT;
		return SH_OK;
	}
	if (strcmp(argv[0], "grep") != 0) {
		sh_err("| %s: unknown filter (grep json csv table count)",
		    argv[0]);
		return SH_EUSAGE;
	}
	st->kind = ST_GREP;
	for (i = 1; i < argc; i++) {
		if (pat == NULL && argv[i][0] == '-' && argv[i][1] != '\0' &&
		    strspn(argv[i] + 1, "vi") == strlen(argv[i] + 1)) {
			if (strchr(argv[i], 'v') != NULL)
				st->invert = true;
			if (strchr(argv[i], 'i') != NULL)
				flags |= REG_ICASE;
			continue;
		}
		if (pat == NULL && argv[i][0] == '-' && argv[i][1] != '\0' &&
		    strcmp(argv[i], "--") != 0) {
			sh_err("| grep: %s: unknown option (-v -i)", argv[i]);
			return SH_EUSAGE;
		}
		if (pat == NULL && strcmp(argv[i], "--") == 0 &&
		    i + 1 < argc) {
			pat = argv[++i];
			continue;
		}
		if (pat != NULL) {
			sh_err("| grep: %s: one pattern only", argv[i]);
			return SH_EUSAGE;
		}
		pat = argv[i];
	}
	if (pat == NULL) {
		sh_err("| grep: missing pattern");
		return SH_EUSAGE;
	}
	if ((rc = regcomp(&st->re, pat, flags)) != 0) {
		regerror(rc, &st->re, msg, sizeof(msg));
		sh_err("| grep: %s: %s", pat, msg);
		return SH_EUSAGE;
	}
	st->compiled = true;
	return SH_OK;
}

/* Align tab-separated cells in columns, two spaces apart. */
static void
align(struct sh_buf *out, const struct lines *l)
{
	size_t w[32], i, k, n;
	const char *p, *t;

	memset(w, 0, sizeof(w));
	for (i = 0; i < l->n; i++)
		for (p = l->v[i], k = 0; k < 32; k++, p = t + 1) {
			t = strchr(p, '\t');
			n = t != NULL ? (size_t)(t - p) : strlen(p);
			if (n > w[k])
				w[k] = n;
			if (t == NULL)
				break;
		}
	for (i = 0; i < l->n; i++) {
		for (p = l->v[i], k = 0;; k++, p = t + 1) {
			t = strchr(p, '\t');
			n = t != NULL ? (size_t)(t - p) : strlen(p);
			sh_buf_add(out, p, n);
			if (t == NULL || k >= 31)
				break;
			for (; n < w[k] + 2; n++)
				sh_buf_addc(out, ' ');
		}
		sh_buf_addc(out, '\n');
	}
}

int
sh_run_piped(struct sh_shell *sh, int argc, char **argv)
{
	struct stage st[16];
	struct sh_buf cap = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	struct sh_sink sink, *prev = sh->sink;
	struct lines l = { NULL, 0, 0 };
	enum sh_render render = sh->out.render, was = sh->out.render;
	int i, start, cmdend = -1, nst = 0, rc = SH_OK;
	size_t k, m;
	char *p, *nl, *bar, num[32];

	for (i = 0, start = 0; i <= argc; i++) {
		if (i < argc && strcmp(argv[i], "|") != 0)
			continue;
		if (cmdend < 0) {
			cmdend = i;
		} else if (nst == 16) {
			sh_err("|: at most 16 filters");
			rc = SH_EUSAGE;
			goto out;
		} else if ((rc = parse_stage(i - start, argv + start,
		    &st[nst++])) != SH_OK) {
			goto out;
		}
		start = i + 1;
	}
	if (cmdend == 0) {
		sh_err("|: missing command before the filter");
		rc = SH_EUSAGE;
		goto out;
	}
	for (i = 0; i < nst; i++)
		render = st[i].kind == ST_JSON ? SH_RENDER_JSON :
		    st[i].kind == ST_CSV ? SH_RENDER_CSV :
		    st[i].kind == ST_TABLE ? SH_RENDER_CELLS : render;
	memset(&sink, 0, sizeof(sink));
	sink.up = prev;
	sink.capture = &cap;
	sh->sink = &sink;
	sh->out.render = render;
	bar = argv[cmdend];
	argv[cmdend] = NULL;
	rc = sh_run_argv(sh, cmdend, argv);
	argv[cmdend] = bar;
	sh_flush_ob(sh);
	sh->out.render = was;
	sh->sink = prev;
	/* The captured lines, then each filter over them. */
	sh_buf_addc(&cap, '\0');
	for (p = cap.p; p < cap.p + cap.len - 1; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = cap.p + cap.len - 1;
		*nl = '\0';
		if (lines_push(&l, p) < 0) {
			sh_err("|: out of memory");
			rc = SH_ESNMP;
			goto out;
		}
	}
	for (i = 0; i < nst; i++) {
		switch (st[i].kind) {
		case ST_GREP:
			for (k = 0, m = 0; k < l.n; k++)
				if ((regexec(&st[i].re, l.v[k], 0, NULL, 0) ==
				    0) != st[i].invert)
					l.v[m++] = l.v[k];
			l.n = m;
			break;
		case ST_COUNT:
			snprintf(num, sizeof(num), "%zu", l.n);
			l.n = 0;
			(void)lines_push(&l, num);
			break;
		default:
			break;
		}
	}
	render = SH_RENDER_TEXT;
	for (i = 0; i < nst; i++)
		if (st[i].kind == ST_TABLE)
			render = SH_RENDER_CELLS;
	if (render == SH_RENDER_CELLS) {
		align(&out, &l);
	} else {
		for (k = 0; k < l.n; k++) {
			sh_buf_adds(&out, l.v[k]);
			sh_buf_addc(&out, '\n');
		}
	}
	sh_sink_write(sh, out.p, out.len);
out:
	for (i = 0; i < nst; i++)
		if (st[i].compiled)
			regfree(&st[i].re);
	free(l.v);
	sh_buf_free(&cap);
	sh_buf_free(&out);
	return rc;
}
