/*
 * The walk commands: a subtree walk over GETNEXT (walk) or GETBULK
 * (bulkwalk), RFC 3416 §4.2.2-4.2.3, as the engine streams it, printed the
 * way Net-SNMP's snmpwalk/snmpbulkwalk print it: one line per varbind, the
 * exception line that ends a walk, "End of MIB" for an SNMPv1 noSuchName,
 * "Error: OID not increasing: A >= B", and the -C letters c i I p t E
 * (and r for bulkwalk), and snmpwalk's GET of the root when a walk that
 * printed nothing ended on an error-status.  A walk is a job (job.c): it
 * streams its lines into its sink as the engine reports them.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "shell.h"

/* The progress line: first after this long, then this often (s). */
#define PROGRESS_AFTER 1.0
#define PROGRESS_EVERY 0.25

struct walkctx {
	struct sh_job *j;
	double t0;
	double shown;		/* when the progress line was last drawn */
	bool progress;		/* a progress line is on the screen */
	bool ended;		/* on_done has run */
	bool get_pending;	/* the fallback GET is out */
	int st;			/* the exit status of the report */
	struct sh_buf ob;	/* lines not yet written to the sink */
	int status;
	bool end_of_mib;
	uint64_t count;
	struct sn_oid prev;
	struct sn_oid last;
	int errstat;
	bool has_failed;
	struct sn_oid failed;
	struct sn_error err;
};

static double
now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Whether lines of the current sink end up captured, not on screen. */
static bool
captured(const struct sh_sink *k)
{
	for (; k != NULL; k = k->up)
		if (k->capture != NULL)
			return true;
	return false;
}

/*
 * A long walk whose lines do not reach the terminal (`| count`, stdout
 * redirected to a file) shows "N varbinds, R/s, T s" on stderr when that
 * is a terminal, redrawn in place.
 */
static void
progress(struct walkctx *c, bool last)
{
	struct sh_shell *sh = c->j->sh;
	double now, el;

	if (!sh->progress)
		return;
	if (last) {
		if (c->progress)
			fputs("\r\033[K", stderr);
		c->progress = false;
		return;
	}
	now = now_sec();
	el = now - c->t0;
	if (el < PROGRESS_AFTER || now - c->shown < PROGRESS_EVERY ||
	    (sh->stdout_tty && !captured(sh->sink)))
		return;
	c->shown = now;
	c->progress = true;
	fprintf(stderr, "\r\033[K%s%llu varbinds, %.0f/s, %.1f s",
	    c->j->sink.label != NULL ? c->j->sink.label : "",
	    (unsigned long long)c->count, (double)c->count / el, el);
	fflush(stderr);
}

static void walk_end(struct walkctx *c);

/* Flush the output buffer to the sink past this size. */
#define WALK_FLUSH 65536

static void
walk_flush(struct walkctx *c)
{
	struct sh_sink *prev;

	if (c->ob.len == 0)
		return;
	prev = sh_job_enter(c->j);
	sh_sink_write(c->j->sh, c->ob.p, c->ob.len);
	c->ob.len = 0;
	sh_job_leave(c->j, prev);
}

/* Bytes of OIDs kept per session for completion (complete.c). */
#define SEEN_MAX (256 * 1024)

static void
seen_add(struct sh_buf *b, const struct sn_oid *oid)
{
	uint32_t len = (uint32_t)oid->len;

	if (b->len + (oid->len + 1) * sizeof(uint32_t) > SEEN_MAX)
		return;
	sh_buf_add(b, &len, sizeof(len));
	sh_buf_add(b, oid->sub, oid->len * sizeof(uint32_t));
}

static int
walk_varbind(struct sn_walk *w, const struct sn_varbind *vb, void *ud)
{
	struct walkctx *c = ud;
	struct sh_job *j = c->j;
	struct sh_sink *prev;

	(void)w;
	sh_job_replied(j);
	/* (with the sink current: JSON names the session from it) */
	prev = j->sh->sink;
	j->sh->sink = &j->sink;
	sh_out_varbind(j->sh, &c->ob, vb, &j->o);
	j->sh->sink = prev;
	c->count++;
	seen_add(&j->ss->seen, &vb->name);
	/* A fan-out's lines go at once; one walk's in large writes. */
	if (j->sink.label != NULL || c->ob.len >= WALK_FLUSH)
		walk_flush(c);
	progress(c, false);
	return 0;
}

static void
walk_done(struct sn_walk *w, int status, const struct sn_pdu *resp,
    const struct sn_error *err, void *ud)
{
	struct walkctx *c = ud;
	struct sh_sink *prev;

	c->j->walk = NULL;
	c->ended = true;
	c->status = status;
	c->end_of_mib = sn_walk_end_of_mib(w);
	if (status == SN_ENOTINCREASING) {
		c->prev = *sn_walk_prev_oid(w);
		c->last = *sn_walk_last_oid(w);
	}
	if (status == SN_ERESPONSE && resp != NULL) {
		c->errstat = resp->error_status;
		if (resp->error_index > 0 &&
		    (size_t)resp->error_index <= resp->vbl.len) {
			c->has_failed = true;
			c->failed = resp->vbl.vb[resp->error_index - 1].name;
		}
	}
	if (err != NULL)
		c->err = *err;
	progress(c, true);
	walk_flush(c);
	prev = sh_job_enter(c->j);
	walk_end(c);
	sh_job_leave(c->j, prev);
}

struct walkargs {
	struct sn_walk_opts wo;
	bool print_count;	/* -Cp */
	bool timing;		/* -Ct */
	const char *end_text;	/* -CE */
	const char *root_text;
};

/* The -C letters of snmpwalk/snmpbulkwalk, several in one word allowed. */
static int
walk_copt(const char *cmd, int argc, char **argv, int *i, bool bulk,
    struct walkargs *wa)
{
	const char *arg = argv[*i], *p, *val;
	long v;

	for (p = arg + 2; *p != '\0'; p++) {
		switch (*p) {
		case 'c':
			wa->wo.no_check = true;
			continue;
		case 'i':
			wa->wo.include_root = true;
			continue;
		case 'I':
			wa->wo.no_get_fallback = true;
			continue;
		case 'p':
			wa->print_count = true;
			continue;
		case 't':
			wa->timing = true;
			continue;
		case 'E':
		case 'r':
		case 'n':
			if (*p != 'E' && !bulk)
				break;
			if ((val = sh_opt_value(argc, argv, i, p + 1)) ==
			    NULL) {
				sh_err("%s: -C%c: option requires a value",
				    cmd, *p);
				return -SH_EUSAGE;
			}
			if (*p == 'E') {
				wa->end_text = val;
				return 1;
			}
			if (sh_parse_int(val, 0, 2147483647, &v) < 0) {
				sh_err("%s: -C%c %s: not a number from 0 to "
				    "2147483647", cmd, *p, val);
				return -SH_EUSAGE;
			}
			if (*p == 'r')
				wa->wo.max_repetitions = (int)v;
			/* -Cn (non-repeaters) has no use in a walk. */
			return 1;
		default:
			break;
		}
		sh_err("%s: -C%c: unknown option (%s)", cmd, *p,
		    bulk ? "-Cc -Ci -CI -Cp -Ct -CE<OID> -Cr<M>" :
		    "-Cc -Ci -CI -Cp -Ct -CE<OID>");
		return -SH_EUSAGE;
	}
	return 1;
}

static int
walk_report(struct sh_shell *sh, struct sh_session *ss, const char *cmd,
    struct walkctx *c)
{
	struct sh_buf b = { NULL, 0, 0 };
	int st = SH_OK;

	sh_flush_ob(sh);
	switch (c->status) {
	case 0:
		if (c->end_of_mib)
			sh_printf(sh, "End of MIB\n");
		break;
	case SN_ENOTINCREASING:
		/* snmpwalk prints each OID with fprint_objid(), which ends
		 * it with a newline: "A\n >= B\n" */
		sh_out_oid(sh, &b, &c->prev, &c->j->o);
		sh_buf_add(&b, "\n >= ", 5);
		sh_out_oid(sh, &b, &c->last, &c->j->o);
		sh_eprintf(sh, "Error: OID not increasing: %.*s\n",
		    (int)b.len, b.p);
		st = SH_ESNMP;
		break;
	case SN_ERESPONSE:
		sh_eprintf(sh, "Error in packet.\nReason: %s\n",
		    sn_errstat_string(c->errstat));
		if (c->has_failed) {
			sh_out_oid(sh, &b, &c->failed, &c->j->o);
			/* Net-SNMP ends this report with an empty line. */
			sh_eprintf(sh, "Failed object: %.*s\n\n",
			    (int)b.len, b.p);
		}
		st = SH_ESNMP;
		break;
	default:
		st = sh_report_status(sh, ss, cmd, c->status,
		    c->err.msg[0] != '\0' ? &c->err : NULL);
		break;
	}
	sh_buf_free(&b);
	return st;
}

struct walkspec {
	struct walkargs wa;
	struct sn_oid root;
};

static void
walkspec_free(void *p)
{
	free(p);
}

static int
walk_parse(struct sh_shell *sh, int argc, char **argv, bool have_session,
    void **specp)
{
	const char *cmd = argv[0];
	bool bulk = strcmp(cmd, "bulkwalk") == 0;
	struct sh_outopts o = sh->out;
	struct walkspec *sp;
	struct walkargs *wa;
	int i, rc, st;

	if ((sp = calloc(1, sizeof(*sp))) == NULL) {
		sh_err("%s: out of memory", cmd);
		return SH_ESNMP;
	}
	*specp = sp;
	wa = &sp->wa;
	sn_walk_opts_init(&wa->wo);
	wa->wo.bulk = bulk;
	wa->wo.max_repetitions = 10;
	for (i = 1; i < argc; i++) {
		if ((rc = sh_parse_oopt(cmd, argc, argv, &i, &o)) != 0) {
			if (rc < 0)
				return -rc;
			continue;
		}
		if (strncmp(argv[i], "-C", 2) == 0) {
			rc = walk_copt(cmd, argc, argv, &i, bulk, wa);
			if (rc < 0)
				return -rc;
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			sh_err("%s: %s: unknown option", cmd, argv[i]);
			return SH_EUSAGE;
		}
		if (wa->root_text != NULL) {
			sh_err("%s: %s: only one OID (usage: %s)", cmd,
			    argv[i], sh_cmd_find(cmd)->usage);
			return SH_EUSAGE;
		}
		wa->root_text = argv[i];
	}
	if (!have_session) {
		(void)sh_need_session(sh, cmd);
		return SH_EUSAGE;
	}
	/* snmpwalk's default subtree: mib-2 (RFC 1213). */
	if ((st = sh_resolve_oid(sh, cmd, wa->root_text ? wa->root_text :
	    "1.3.6.1.2.1", &sp->root)) != SH_OK)
		return st;
	if (wa->end_text != NULL &&
	    (st = sh_resolve_oid(sh, cmd, wa->end_text, &wa->wo.end)) != SH_OK)
		return st;
	return SH_OK;
}

static void
walkctx_free(void *p)
{
	struct walkctx *c = p;

	if (c == NULL)
		return;
	sh_buf_free(&c->ob);
	free(c);
}

/* After the report and any fallback GET: -Cp and -Ct, as snmpwalk. */
static void
walk_final(struct walkctx *c, int st)
{
	struct sh_job *j = c->j;
	const struct walkspec *sp = j->spec;

	if (st != SH_EINTR) {
		if (sp->wa.print_count)
			sh_printf(j->sh, "Variables found: %llu\n",
			    (unsigned long long)c->count);
		if (sp->wa.timing)
			sh_eprintf(j->sh, "Total traversal time = %f "
			    "seconds\n", now_sec() - c->t0);
	}
	sh_job_finish(j, st);
}

static void
fallback_cb(struct sn_request *req, int status, const struct sn_pdu *resp,
    void *ud)
{
	struct walkctx *c = ud;
	struct sh_job *j = c->j;
	struct sh_sink *prev;
	size_t i;

	(void)req;
	j->req = NULL;
	c->get_pending = false;
	prev = sh_job_enter(j);
	/* snmp_get_and_print(): the varbinds of a clean answer, else nothing */
	if (status == 0 && resp->error_status == SN_ERR_NOERROR) {
		for (i = 0; i < resp->vbl.len; i++) {
			sh_out_varbind(j->sh, &j->sh->ob, &resp->vbl.vb[i],
			    &j->o);
			c->count++;
		}
	}
	walk_final(c, status == SN_ECANCELED && j->sh->interrupted ?
	    SH_EINTR : c->st);
	sh_job_leave(j, prev);
}

/*
 * The walk has ended: its report, then, as snmpwalk does when nothing
 * was printed and an error-status ended the walk, a GET of the root.
 */
static void
walk_end(struct walkctx *c)
{
	struct sh_job *j = c->j;
	const struct walkspec *sp = j->spec;
	struct sn_request *req = NULL;
	struct sn_pdu pdu;
	int rc;

	c->st = walk_report(j->sh, j->ss, j->cmd, c);
	if (c->status == SN_ERESPONSE && c->count == 0 &&
	    !sp->wa.wo.no_get_fallback && !j->sh->interrupted) {
		sn_pdu_init(&pdu, SN_PDU_GET);
		c->get_pending = true;
		rc = sn_vbl_add_null(&pdu.vbl, &sp->root);
		if (rc == 0)
			rc = sn_session_send(j->ss->s, &pdu, fallback_cb, c,
			    &req, NULL);
		sn_pdu_clear(&pdu);
		if (rc == 0) {
			if (c->get_pending)
				j->req = req;
			return;
		}
		c->get_pending = false;
	}
	walk_final(c, c->st);
}

static int
walk_start(struct sh_job *j)
{
	const struct walkspec *sp = j->spec;
	struct sn_walk_cbs cbs = { walk_varbind, walk_done };
	struct sn_walk *w = NULL;
	struct walkctx *c;
	int rc;

	if (sp->wa.wo.bulk && sn_session_version(j->ss->s) == SN_V1) {
		/* RFC 3416 §4.2.3: GetBulk does not exist in SNMPv1. */
		sh_errj(j->sh, "%s: GETBULK needs SNMPv2c or SNMPv3 (session "
		    "%s is SNMPv1; use walk)", j->cmd, j->ss->name);
		return SH_EUSAGE;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		sh_errj(j->sh, "%s: out of memory", j->cmd);
		return SH_ESNMP;
	}
	c->j = j;
	j->state = c;
	j->state_free = walkctx_free;
	j->ss->seen.len = 0;
	c->t0 = now_sec();
	rc = sn_walk_start(j->ss->s, &sp->root, &sp->wa.wo, &cbs, c, &w,
	    &c->err);
	if (rc < 0)
		return sh_report_status(j->sh, j->ss, j->cmd, rc, &c->err);
	if (!c->ended)
		j->walk = w;
	return SH_OK;
}

const struct sh_jobdef sh_job_walk = {
	"walk", walk_parse, walk_start, walkspec_free
};
const struct sh_jobdef sh_job_bulkwalk = {
	"bulkwalk", walk_parse, walk_start, walkspec_free
};

int
sh_cmd_walk(struct sh_shell *sh, int argc, char **argv)
{
	return sh_jobs_run_cur(sh, &sh_job_walk, argc, argv);
}

int
sh_cmd_bulkwalk(struct sh_shell *sh, int argc, char **argv)
{
	return sh_jobs_run_cur(sh, &sh_job_bulkwalk, argc, argv);
}
