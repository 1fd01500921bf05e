/*
 * The shell's MIB side: opening the MIB service from -m/-M and the
 * environment as Net-SNMP's tools do (snmpcmd(1): MIBS, MIBDIRS, with
 * `-m ''` loading nothing), and the commands that only exist with MIBs:
 * translate (snmptranslate's default and -On/-Of/-Os forms), describe
 * (snmptranslate -Td: the RFC 2578 §7 OBJECT-TYPE clauses), and table
 * (snmptable: a conceptual table, RFC 2578 §7.1.12, read with GETBULK or
 * GETNEXT, RFC 3416 §4.2.2-4.2.3, as rows of columns with the INDEX
 * decoded, §7.7).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

/* libsmi's global configuration file (its DEFAULT_GLOBALCONFIG). */
#define SMI_GLOBAL_CONF "/etc/smi.conf"

/*
 * -P letters as Net-SNMP's snmpcmd(1) toggles them.  `e` is the one with
 * an effect: snmpsh is silent about MIB load errors by default (where
 * Net-SNMP prints them), so the toggle prints them, on stderr, once every
 * module is loaded.  The others (u c d w W R) concern Net-SNMP's own
 * parser and are accepted for compatibility.
 */
static int
mibopts(const char *letters, bool *errors)
{
	const char *p;

	*errors = false;
	for (p = letters; p != NULL && *p != '\0'; p++) {
		if (*p == 'e')
			*errors = !*errors;
		else if (strchr("ucdwWR", *p) == NULL) {
			sh_err("-P%s: unknown MIB option '%c' (u c d e w W R)",
			    letters, *p);
			return SH_EUSAGE;
		}
	}
	return SH_OK;
}

/*
 * The load errors, one line each ("MODULE: FILE:LINE: reason") after
 * prefix; returns their number.
 */
static size_t
print_errors(struct sh_shell *sh, bool to_stderr, const char *prefix)
{
	void (*out)(struct sh_shell *, const char *, ...) SN_PRINTF(2, 3) =
	    to_stderr ? sh_eprintf : sh_printf;
	const struct mib_load_error *e;
	size_t i, n;

	e = mib_errors(sh->mib, &n);
	for (i = 0; i < n; i++) {
		if (e[i].path != NULL && e[i].line > 0)
			out(sh, "%s%s: %s:%d: %s\n", prefix, e[i].module,
			    e[i].path, e[i].line, e[i].msg);
		else if (e[i].path != NULL)
			out(sh, "%s%s: %s: %s\n", prefix, e[i].module,
			    e[i].path, e[i].msg);
		else
			out(sh, "%s%s: %s\n", prefix, e[i].module, e[i].msg);
	}
	return n;
}

int
sh_mib_open(struct sh_shell *sh, const struct sh_sessargs *sa)
{
	struct mib_opts mo;
	struct sn_error err;
	const char *mods = sa->mibs, *home = getenv("HOME");
	const char *conf[3] = { SMI_GLOBAL_CONF, NULL, NULL };
	char smirc[4096];
	bool errors;
	int st;

	/*
	 * Net-SNMP: `-m ''` loads no modules.  Then snmpsh keeps its plain
	 * path: numeric OIDs, values by wire type.
	 */
	if ((st = mibopts(sa->mibopts, &errors)) != SH_OK)
		return st;
	if (mods != NULL && *mods == '\0')
		return SH_OK;
	memset(&mo, 0, sizeof(mo));
	/* libsmi's configuration: the global file, then $HOME/.smirc */
	if (home != NULL && *home != '\0' &&
	    (size_t)snprintf(smirc, sizeof(smirc), "%s/.smirc", home) <
	    sizeof(smirc))
		conf[1] = smirc;
	mo.smi_conf = conf;
	mo.eager = errors;
	mo.modules = mods;
	mo.mibdirs = sa->mibdirs;
	mo.env_mibs = getenv("MIBS");
	mo.env_mibdirs = getenv("MIBDIRS");
	mo.smipath = getenv("SMIPATH");
	mo.home = home;
	sn_error_clear(&err);
	if (mib_open(&mo, &sh->mib, &err) < 0) {
		sh_err("MIB: %s", err.msg);
		return SH_ESNMP;
	}
	if (errors)
		print_errors(sh, true, "snmpsh: MIB: ");
	return SH_OK;
}

/* Collect OID arguments and -O letters of translate and describe. */
static int
mib_args(int argc, char **argv, struct sh_outopts *o, char **names, int *n)
{
	const char *cmd = argv[0];
	int i, rc;

	*n = 0;
	for (i = 1; i < argc; i++) {
		if ((rc = sh_parse_oopt(cmd, argc, argv, &i, o)) != 0) {
			if (rc < 0)
				return -rc;
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0' &&
		    (argv[i][1] < '0' || argv[i][1] > '9')) {
			sh_err("%s: %s: unknown option", cmd, argv[i]);
			return SH_EUSAGE;
		}
		names[(*n)++] = argv[i];
	}
	if (*n == 0) {
		sh_err("%s: missing OID (usage: %s)", cmd,
		    sh_cmd_find(cmd)->usage);
		return SH_EUSAGE;
	}
	return SH_OK;
}

int
sh_cmd_translate(struct sh_shell *sh, int argc, char **argv)
{
	struct sh_outopts o = sh->out;
	struct sn_oid oid;
	char **names;
	int i, n, st, worst = SH_OK;

	if ((names = calloc((size_t)argc, sizeof(*names))) == NULL) {
		sh_err("%s: out of memory", argv[0]);
		return SH_ESNMP;
	}
	if ((st = mib_args(argc, argv, &o, names, &n)) != SH_OK) {
		free(names);
		return st;
	}
	for (i = 0; i < n; i++) {
		if ((st = sh_resolve_oid(sh, argv[0], names[i], &oid)) !=
		    SH_OK) {
			worst = st > worst ? st : worst;
			continue;
		}
		sh_out_oid(sh, &sh->ob, &oid, &o);
		sh_buf_addc(&sh->ob, '\n');
		sh_flush_ob(sh);
	}
	free(names);
	return worst;
}

int
sh_cmd_describe(struct sh_shell *sh, int argc, char **argv)
{
	struct sh_outopts o = sh->out;
	struct sn_oid oid;
	char **names;
	int i, n, rc, st, shown = 0, worst = SH_OK;

	if (sh->mib == NULL) {
		sh_err("%s: no MIB modules are loaded (-m '')", argv[0]);
		return SH_EUSAGE;
	}
	if ((names = calloc((size_t)argc, sizeof(*names))) == NULL) {
		sh_err("%s: out of memory", argv[0]);
		return SH_ESNMP;
	}
	if ((st = mib_args(argc, argv, &o, names, &n)) != SH_OK) {
		free(names);
		return st;
	}
	for (i = 0; i < n; i++) {
		if ((st = sh_resolve_oid(sh, argv[0], names[i], &oid)) !=
		    SH_OK) {
			worst = st > worst ? st : worst;
			continue;
		}
		mib_buf_reset(&sh->mb);
		rc = mib_describe(sh->mib, &oid, &sh->mb);
		if (rc == SN_ENOTFOUND) {
			sh_err("%s: %s: no MIB definition", argv[0],
			    names[i]);
			worst = SH_ESNMP;
			continue;
		}
		if (rc < 0) {
			sh_err("%s: out of memory", argv[0]);
			worst = SH_ESNMP;
			continue;
		}
		/* snmptranslate -Td: a blank line between definitions */
		if (shown++ > 0)
			sh_sink_write(sh, "\n", 1);
		/* through the shell's sink, so `describe X | grep` works */
		sh_sink_write(sh, mib_buf_str(&sh->mb), sh->mb.len);
		if (sh->mb.len > 0 && sh->mb.p[sh->mb.len - 1] != '\n')
			sh_sink_write(sh, "\n", 1);
	}
	free(names);
	return worst;
}

/* ------------------------------------------------------------------ */
/* table */

/* One value of the table: column number, row index arcs, its text. */
struct cell {
	size_t col;		/* position in the table's column list */
	uint32_t *idx;
	size_t nidx;
	char *text;
};

struct tablectx {
	struct sh_shell *sh;
	struct sh_job *j;
	const struct mib_table *t;
	struct sh_outopts o;
	struct cell *cells;
	size_t ncells;
	size_t cap;
	bool oom;
	bool done;
	int status;
	int errstat;
	struct sn_error err;
};

static void table_end(struct tablectx *c);

static int
table_varbind(struct sn_walk *w, const struct sn_varbind *vb, void *ud)
{
	struct tablectx *c = ud;
	const struct mib_table *t = c->t;
	struct mib_outopts mo;
	struct cell *cell;
	size_t k, elen = t->entry_oid.len;
	char *p;

	(void)w;
	sh_job_replied(c->j);
	/* RFC 3416 §3 exceptions end a column, they are not values. */
	if (vb->value.type == SN_T_NOSUCHOBJECT ||
	    vb->value.type == SN_T_NOSUCHINSTANCE ||
	    vb->value.type == SN_T_ENDOFMIBVIEW)
		return 0;
	if (vb->name.len <= elen + 1)
		return 0;
	for (k = 0; k < t->ncols; k++)
		if (t->cols[k].sub == vb->name.sub[elen])
			break;
	if (k == t->ncols)
		return 0;
	if (c->ncells == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		struct cell *n = realloc(c->cells, cap * sizeof(*n));

		if (n == NULL) {
			c->oom = true;
			return 1;
		}
		c->cells = n;
		c->cap = cap;
	}
	sh_outopts_mib(&c->o, &mo);
	mo.quick = true;
	mib_buf_reset(&c->sh->mb);
	if (mib_format_value(c->sh->mib, &vb->name, &vb->value, &mo,
	    &c->sh->mb) < 0) {
		c->oom = true;
		return 1;
	}
	cell = &c->cells[c->ncells];
	cell->col = k;
	cell->nidx = vb->name.len - elen - 1;
	cell->idx = malloc(cell->nidx * sizeof(*cell->idx));
	cell->text = strdup(mib_buf_str(&c->sh->mb));
	if (cell->idx == NULL || cell->text == NULL) {
		free(cell->idx);
		free(cell->text);
		c->oom = true;
		return 1;
	}
	memcpy(cell->idx, vb->name.sub + elen + 1,
	    cell->nidx * sizeof(*cell->idx));
	/* snmptable shows multi-line values (hex dumps) on one line */
	for (p = cell->text; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	c->ncells++;
	return 0;
}

static void
table_done(struct sn_walk *w, int status, const struct sn_pdu *resp,
    const struct sn_error *err, void *ud)
{
	struct tablectx *c = ud;

	(void)w;
	c->done = true;
	c->status = status;
	if (status == SN_ERESPONSE && resp != NULL)
		c->errstat = resp->error_status;
	if (err != NULL)
		c->err = *err;
	c->j->walk = NULL;
	table_end(c);
}

static int
idx_cmp(const struct cell *a, const struct cell *b)
{
	size_t i, n = a->nidx < b->nidx ? a->nidx : b->nidx;

	for (i = 0; i < n; i++)
		if (a->idx[i] != b->idx[i])
			return a->idx[i] < b->idx[i] ? -1 : 1;
	return a->nidx < b->nidx ? -1 : a->nidx > b->nidx;
}

static int
cell_cmp(const void *pa, const void *pb)
{
	const struct cell *a = pa, *b = pb;
	int r = idx_cmp(a, b);

	if (r != 0)
		return r;
	return a->col < b->col ? -1 : a->col > b->col;
}

struct tableargs {
	bool brief;		/* -Cb */
	bool show_index;	/* -Ci */
	bool getnext;		/* -CB */
	bool left;		/* -Cl */
	bool header_only;	/* -Ch */
	bool no_header;		/* -CH */
	const char *sep;	/* -Cf */
	int maxrep;		/* -Cr */
	const char *name;
};

static int
table_copt(const char *cmd, int argc, char **argv, int *i,
    struct tableargs *ta)
{
	const char *p, *val;
	long v;

	for (p = argv[*i] + 2; *p != '\0'; p++) {
		switch (*p) {
		case 'b': ta->brief = true; continue;
		case 'i': ta->show_index = true; continue;
		case 'B': ta->getnext = true; continue;
		case 'l': ta->left = true; continue;
		case 'h': ta->header_only = true; continue;
		case 'H': ta->no_header = true; continue;
		case 'f':
		case 'r':
			if ((val = sh_opt_value(argc, argv, i, p + 1)) ==
			    NULL) {
				sh_err("%s: -C%c: option requires a value",
				    cmd, *p);
				return -SH_EUSAGE;
			}
			if (*p == 'f') {
				ta->sep = val;
				return 1;
			}
			if (sh_parse_int(val, 1, 2147483647, &v) < 0) {
				sh_err("%s: -Cr %s: not a number from 1 to "
				    "2147483647", cmd, val);
				return -SH_EUSAGE;
			}
			ta->maxrep = (int)v;
			return 1;
		default:
			sh_err("%s: -C%c: unknown option (-Cb -Ci -CB -Cl -Ch "
			    "-CH -Cf<SEP> -Cr<M>)", cmd, *p);
			return -SH_EUSAGE;
		}
	}
	return 1;
}

/* The common prefix of the column names that -Cb removes. */
static size_t
brief_prefix(const struct mib_table *t, const bool *shown)
{
	size_t k, n = SIZE_MAX, first = SIZE_MAX, j;

	for (k = 0; k < t->ncols; k++) {
		if (!shown[k])
			continue;
		if (first == SIZE_MAX) {
			first = k;
			n = strlen(t->cols[k].name);
			continue;
		}
		for (j = 0; j < n && t->cols[k].name[j] ==
		    t->cols[first].name[j]; j++)
			;
		n = j;
	}
	return first == SIZE_MAX ? 0 : n;
}

/*
 * One field as snmptable prints it: " %*s" (the index column "%*s"), or
 * "%-*s " with -Cl, or SEP between fields with -Cf.
 */
static void
put_field(struct sh_buf *b, const char *s, size_t width, bool left,
    const char *sep, bool first, bool index)
{
	size_t n = strlen(s), pad = width > n ? width - n : 0;

	if (sep != NULL) {
		if (!first)
			sh_buf_adds(b, sep);
		sh_buf_adds(b, s);
		return;
	}
	if (!left) {
		if (!index)
			sh_buf_addc(b, ' ');
		while (pad-- > 0)
			sh_buf_addc(b, ' ');
	}
	sh_buf_adds(b, s);
	if (left) {
		while (pad-- > 0)
			sh_buf_addc(b, ' ');
		sh_buf_addc(b, ' ');
	}
}

static int
table_print(struct sh_shell *sh, struct tablectx *c,
    const struct tableargs *ta, const struct sn_oid *toid)
{
	const struct mib_table *t = c->t;
	struct sh_buf *b = &sh->ob;
	size_t *width, k, i, j, nrows = 0, pre;
	bool *shown;
	char **idxtext = NULL;
	struct sn_oid col;

	width = calloc(t->ncols + 1, sizeof(*width));
	shown = calloc(t->ncols + 1, sizeof(*shown));
	if (width == NULL || shown == NULL) {
		free(width);
		free(shown);
		return SN_ENOMEM;
	}
	qsort(c->cells, c->ncells, sizeof(*c->cells), cell_cmp);
	for (i = 0; i < c->ncells; i++)
		if (i == 0 || idx_cmp(&c->cells[i - 1], &c->cells[i]) != 0)
			nrows++;
	/* snmptable shows every accessible column, "?" where no value */
	for (k = 0; k < t->ncols; k++)
		shown[k] = t->cols[k].accessible;
	pre = ta->brief ? brief_prefix(t, shown) : 0;
	for (k = 0; k < t->ncols; k++)
		if (shown[k])
			width[k] = strlen(t->cols[k].name) - pre;
	if (ta->show_index) {
		if ((idxtext = calloc(nrows + 1, sizeof(*idxtext))) == NULL)
			goto nomem;
		width[t->ncols] = 6;	/* snmptable: at least "index " */
	}
	for (i = 0, j = 0; i < c->ncells; i++) {
		struct cell *e = &c->cells[i];
		size_t n = strlen(e->text);

		if (width[e->col] < n)
			width[e->col] = n;
		if (i > 0 && idx_cmp(&c->cells[i - 1], e) != 0)
			j++;
		if (ta->show_index && idxtext[j] == NULL) {
			col = t->entry_oid;
			col.sub[col.len++] = t->cols[e->col].sub;
			mib_buf_reset(&sh->mb);
			if (mib_format_index(sh->mib, &col, e->idx, e->nidx,
			    &sh->mb) < 0 ||
			    (idxtext[j] = strdup(mib_buf_str(&sh->mb))) ==
			    NULL)
				goto nomem;
			if (width[t->ncols] < strlen(idxtext[j]))
				width[t->ncols] = strlen(idxtext[j]);
		}
	}
	if (!ta->no_header) {
		/* "SNMP table: IF-MIB::ifTable", an empty line, the names */
		sh_buf_adds(b, "SNMP table: ");
		sh_out_oid(sh, b, toid, &c->o);
		sh_buf_adds(b, "\n\n");
		k = 0;
		if (ta->show_index)
			put_field(b, "index", width[t->ncols], ta->left,
			    ta->sep, k++ == 0, true);
		for (i = 0; i < t->ncols; i++)
			if (shown[i])
				put_field(b, t->cols[i].name + pre, width[i],
				    ta->left, ta->sep, k++ == 0, false);
		sh_buf_addc(b, '\n');
	}
	if (ta->header_only)
		goto out;
	for (i = 0, j = 0; i < c->ncells; j++) {
		size_t end = i, m;

		while (end < c->ncells && idx_cmp(&c->cells[i],
		    &c->cells[end]) == 0)
			end++;
		k = 0;
		if (ta->show_index)
			put_field(b, idxtext[j], width[t->ncols], ta->left,
			    ta->sep, k++ == 0, true);
		for (m = 0; m < t->ncols; m++) {
			const char *s = "?";
			size_t x;

			if (!shown[m])
				continue;
			for (x = i; x < end; x++)
				if (c->cells[x].col == m)
					s = c->cells[x].text;
			put_field(b, s, width[m], ta->left, ta->sep,
			    k++ == 0, false);
		}
		sh_buf_addc(b, '\n');
		if (b->len >= 65536)
			sh_flush_ob(sh);
		i = end;
	}
out:
	sh_flush_ob(sh);
	if (idxtext != NULL)
		for (j = 0; j < nrows; j++)
			free(idxtext[j]);
	free(idxtext);
	free(width);
	free(shown);
	return 0;
nomem:
	sh->ob.len = 0;
	if (idxtext != NULL)
		for (j = 0; j < nrows; j++)
			free(idxtext[j]);
	free(idxtext);
	free(width);
	free(shown);
	return SN_ENOMEM;
}

struct tablespec {
	struct tableargs ta;
	struct mib_table t;
	struct sn_oid toid;
};

static void
tablespec_free(void *p)
{
	struct tablespec *sp = p;

	if (sp == NULL)
		return;
	mib_table_clear(&sp->t);
	free(sp);
}

static int
table_parse(struct sh_shell *sh, int argc, char **argv, bool have_session,
    void **specp)
{
	const char *cmd = argv[0];
	struct sh_outopts o = sh->out;
	struct tablespec *sp;
	struct tableargs *ta;
	struct sn_oid oid;
	size_t i;
	int rc, st;

	if ((sp = calloc(1, sizeof(*sp))) == NULL) {
		sh_err("%s: out of memory", cmd);
		return SH_ESNMP;
	}
	*specp = sp;
	ta = &sp->ta;
	ta->maxrep = 10;
	for (i = 1; i < (size_t)argc; i++) {
		int k = (int)i;

		if ((rc = sh_parse_oopt(cmd, argc, argv, &k, &o)) != 0 ||
		    (strncmp(argv[k], "-C", 2) == 0 &&
		    (rc = table_copt(cmd, argc, argv, &k, ta)) != 0)) {
			if (rc < 0)
				return -rc;
			i = (size_t)k;
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			sh_err("%s: %s: unknown option", cmd, argv[i]);
			return SH_EUSAGE;
		}
		if (ta->name != NULL) {
			sh_err("%s: %s: only one TABLE (usage: %s)", cmd,
			    argv[i], sh_cmd_find(cmd)->usage);
			return SH_EUSAGE;
		}
		ta->name = argv[i];
	}
	if (ta->name == NULL) {
		sh_err("%s: missing TABLE (usage: %s)", cmd,
		    sh_cmd_find(cmd)->usage);
		return SH_EUSAGE;
	}
	if (sh->mib == NULL) {
		sh_err("%s: no MIB modules are loaded (-m '')", cmd);
		return SH_EUSAGE;
	}
	if ((st = sh_resolve_oid(sh, cmd, ta->name, &oid)) != SH_OK)
		return st;
	if ((rc = mib_table_get(sh->mib, &oid, &sp->t)) < 0) {
		if (rc == SN_ENOTFOUND)
			sh_err("%s: %s: not a table", cmd, ta->name);
		else
			sh_err("%s: out of memory", cmd);
		return rc == SN_ENOTFOUND ? SH_EUSAGE : SH_ESNMP;
	}
	if (!have_session) {
		(void)sh_need_session(sh, cmd);
		return SH_EUSAGE;
	}
	/* The table's OID: the entry's parent (RFC 2578 §7.1.12). */
	sp->toid = sp->t.entry_oid;
	sp->toid.len--;
	return SH_OK;
}

static void
tablectx_free(void *p)
{
	struct tablectx *c = p;
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->ncells; i++) {
		free(c->cells[i].idx);
		free(c->cells[i].text);
	}
	free(c->cells);
	free(c);
}

/* snmptable's words for an empty table, on stdout */
static void
table_empty(struct sh_shell *sh, const struct tablespec *sp,
    const struct sh_outopts *o)
{
	sh_out_oid(sh, &sh->ob, &sp->toid, o);
	sh_buf_adds(&sh->ob, ": No entries\n");
	sh_flush_ob(sh);
}

static void
table_end(struct tablectx *c)
{
	struct sh_job *j = c->j;
	struct sh_shell *sh = j->sh;
	const struct tablespec *sp = j->spec;
	struct sh_sink *prev;
	int st = SH_OK;

	prev = sh_job_enter(j);
	if (c->oom) {
		sh_errj(sh, "%s: out of memory", j->cmd);
		st = SH_ESNMP;
	} else if (c->status == SN_ERESPONSE) {
		sh_eprintf(sh, "Error in packet.\nReason: %s\n",
		    sn_errstat_string(c->errstat));
		st = SH_ESNMP;
	} else if (c->status != 0) {
		st = sh_report_status(sh, j->ss, j->cmd, c->status,
		    c->err.msg[0] != '\0' ? &c->err : NULL);
	} else if (c->ncells == 0) {
		table_empty(sh, sp, &c->o);
	} else if (table_print(sh, c, &sp->ta, &sp->toid) < 0) {
		sh_errj(sh, "%s: out of memory", j->cmd);
		st = SH_ESNMP;
	}
	sh_job_finish(j, st);
	sh_job_leave(j, prev);
}

static int
table_start(struct sh_job *j)
{
	struct sh_shell *sh = j->sh;
	const struct tablespec *sp = j->spec;
	const struct tableargs *ta = &sp->ta;
	const struct mib_table *t = &sp->t;
	struct sn_walk_cbs cbs = { table_varbind, table_done };
	struct sn_walk_opts wo;
	struct sn_walk *w = NULL;
	struct tablectx *c;
	size_t i;
	int rc;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		sh_errj(sh, "%s: out of memory", j->cmd);
		return SH_ESNMP;
	}
	j->state = c;
	j->state_free = tablectx_free;
	c->sh = sh;
	c->j = j;
	c->t = t;
	c->o = j->o;
	if (ta->header_only) {
		/* snmptable -Ch: the column names, and no data asked for */
		if (ta->show_index)
			put_field(&sh->ob, "index", 0, false, ta->sep, true,
			    false);
		for (i = 0; i < t->ncols; i++)
			if (t->cols[i].accessible)
				put_field(&sh->ob, t->cols[i].name, 0, false,
				    ta->sep, i == 0 && !ta->show_index, false);
		sh_buf_addc(&sh->ob, '\n');
		table_empty(sh, sp, &c->o);
		sh_job_finish(j, SH_OK);
		return SH_OK;
	}
	sn_walk_opts_init(&wo);
	/* RFC 3416 §4.2.3: GETBULK where the version has it. */
	wo.bulk = !ta->getnext && sn_session_version(j->ss->s) != SN_V1;
	wo.max_repetitions = ta->maxrep;
	wo.no_get_fallback = true;
	rc = sn_walk_start(j->ss->s, &t->entry_oid, &wo, &cbs, c, &w, &c->err);
	if (rc < 0)
		return sh_report_status(sh, j->ss, j->cmd, rc, &c->err);
	if (!c->done)
		j->walk = w;
	return SH_OK;
}

const struct sh_jobdef sh_job_table = {
	"table", table_parse, table_start, tablespec_free
};

int
sh_cmd_table(struct sh_shell *sh, int argc, char **argv)
{
	return sh_jobs_run_cur(sh, &sh_job_table, argc, argv);
}

/*
 * `mib errors`: the modules that failed to load, or loaded with errors,
 * with the reason (libsmi's diagnostics, never printed unasked); `mib
 * path`: the module search path; `mib modules`: how many are loaded.
 * Finishes a lazy load first, so the answer covers every module.
 */
int
sh_cmd_mib(struct sh_shell *sh, int argc, char **argv)
{
	struct sn_error err;

	if (argc != 2 || (strcmp(argv[1], "errors") != 0 &&
	    strcmp(argv[1], "path") != 0 && strcmp(argv[1], "modules") != 0)) {
		sh_err("%s: usage: mib errors | mib path | mib modules",
		    argv[0]);
		return SH_EUSAGE;
	}
	if (sh->mib == NULL) {
		sh_err("%s: no MIB modules are loaded (-m '')", argv[0]);
		return SH_EUSAGE;
	}
	if (strcmp(argv[1], "path") == 0) {
		sh_printf(sh, "%s\n", mib_path(sh->mib));
		return SH_OK;
	}
	sn_error_clear(&err);
	if (mib_load_all(sh->mib, &err) < 0) {
		sh_err("%s: %s", argv[0], err.msg);
		return SH_ESNMP;
	}
	if (strcmp(argv[1], "modules") == 0) {
		sh_printf(sh, "%zu modules loaded\n",
		    mib_module_count(sh->mib));
		return SH_OK;
	}
	if (print_errors(sh, false, "") == 0)
		sh_printf(sh, "no MIB load errors (%zu modules loaded)\n",
		    mib_module_count(sh->mib));
	return SH_OK;
}
