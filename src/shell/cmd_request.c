/*
 * The one-request commands of the command generator (RFC 3413 §3.1):
 * get, getnext and getbulk (RFC 3416 §4.2.1-4.2.3), and the helpers the
 * other commands share: sending a request and running the event loop
 * until it completes or Ctrl-C cancels it, and printing a Response-PDU or
 * its error-status, and a timeout, in the words of the Net-SNMP tool
 * each command stands for (snmpget, snmpgetnext, snmpbulkget, snmpset,
 * snmpwalk, snmpbulkwalk), which differ by a final period.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

struct reqwait {
	struct sh_shell *sh;
	bool done;
	int status;
	int copyrc;
	struct sn_pdu *resp;
};

static void
req_done(struct sn_request *req, int status, const struct sn_pdu *resp,
    void *ud)
{
	struct reqwait *w = ud;

	(void)req;
	w->done = true;
	w->status = status;
	if (status == 0 && resp != NULL)
		w->copyrc = sn_pdu_copy(w->resp, resp);
	w->sh->req = NULL;
}

/*
 * snmpget and snmpgetnext report a timeout through snmp_sess_perror()
 * ("Timeout: No Response from PEER."); snmpset, snmpbulkget, snmpwalk and
 * snmpbulkwalk print their own line, without the period.
 */
static bool
timeout_dot(const char *cmd)
{
	static const char *const bare[] = {
		"set", "getbulk", "walk", "bulkwalk", NULL
	};
	size_t i;

	for (i = 0; bare[i] != NULL; i++) {
		if (strcmp(cmd, bare[i]) == 0)
			return false;
	}
	return true;
}

int
sh_report_status(struct sh_shell *sh, struct sh_session *ss, const char *cmd,
    int status, const struct sn_error *err)
{
	sh_flush_ob(sh);
	if (status != SN_ECANCELED)
		ss->state = status == SN_ETIMEDOUT ? "timeout" : "error";
	if (status == SN_ETIMEDOUT) {
		sh_eprintf(sh, "Timeout: No Response from %s%s\n",
		    sn_session_peer(ss->s), timeout_dot(cmd) ? "." : "");
		return SH_ESNMP;
	}
	if (status == SN_ECANCELED && sh->interrupted) {
		sh_errj(sh, "interrupted");
		return SH_EINTR;
	}
	if (status <= SN_EUNSUPSECLEVEL && status >= SN_EAUTH) {
		/* USM reports: Net-SNMP's own wording, as snmpget prints it */
		sh_errj(sh, "%s: %s", cmd, sn_session_strerror(status));
	} else if (err != NULL && err->msg[0] != '\0') {
		sh_errj(sh, "%s: %s", cmd, err->msg);
	} else {
		sh_errj(sh, "%s: %s", cmd, sn_strerror(status));
	}
	return SH_ESNMP;
}

int
sh_request(struct sh_shell *sh, struct sh_session *ss, const char *cmd,
    const struct sn_pdu *pdu, struct sn_pdu *resp)
{
	struct reqwait w = { sh, false, 0, 0, resp };
	struct sn_request *req = NULL;
	struct sn_error err;
	int rc;

	sn_error_clear(&err);
	rc = sn_session_send(ss->s, pdu, req_done, &w, &req, &err);
	if (rc < 0)
		return sh_report_status(sh, ss, cmd, rc, &err);
	if (!w.done)
		sh->req = req;
	/* A Ctrl-C from before the request started cancels it at once. */
	if (sh->interrupted && sh->req != NULL)
		sn_request_cancel(sh->req);
	while (!w.done)
		sn_loop_run(sh->loop, SN_RUN_ONCE);
	sh->req = NULL;
	if (w.status != 0)
		return sh_report_status(sh, ss, cmd, w.status, NULL);
	if (w.copyrc < 0)
		return sh_report_status(sh, ss, cmd, w.copyrc, NULL);
	return SH_OK;
}

int
sh_print_response(struct sh_shell *sh, const struct sn_pdu *resp,
    const struct sh_outopts *o, bool dot)
{
	struct sh_buf name = { NULL, 0, 0 };
	size_t i;

	if (resp->error_status != SN_ERR_NOERROR) {
		/* As snmpget/snmpset print an error-status (RFC 3416 §3). */
		sh_flush_ob(sh);
		sh_eprintf(sh, "Error in packet%s\nReason: %s\n",
		    dot ? "." : "", sn_errstat_string(resp->error_status));
		if (resp->error_index > 0 &&
		    (size_t)resp->error_index <= resp->vbl.len) {
			sh_out_oid(sh, &name,
			    &resp->vbl.vb[resp->error_index - 1].name, o);
			/* Net-SNMP ends this report with an empty line. */
			sh_eprintf(sh, "Failed object: %.*s\n\n",
			    (int)name.len, name.p);
			sh_buf_free(&name);
		}
		return SH_ESNMP;
	}
	for (i = 0; i < resp->vbl.len; i++)
		sh_out_varbind(sh, &sh->ob, &resp->vbl.vb[i], o);
	sh_flush_ob(sh);
	return SH_OK;
}

/*
 * Parse "-O..." (attached or as the next word) at argv[*i].  Returns 1
 * when consumed, 0 when argv[*i] is not -O, SH_EUSAGE after a message.
 */
/* Where sh_parse_oopt() records the letters (the shell's oletters). */
static struct sh_buf *o_record;

void
sh_oopt_record(struct sh_buf *b)
{
	o_record = b;
}

int
sh_parse_oopt(const char *cmd, int argc, char **argv, int *i,
    struct sh_outopts *o)
{
	const char *val;
	int bad;

	if (strncmp(argv[*i], "-O", 2) != 0)
		return 0;
	if ((val = sh_opt_value(argc, argv, i, argv[*i] + 2)) == NULL) {
		sh_err("%s: -O: option requires a value", cmd);
		return -SH_EUSAGE;
	}
	if ((bad = sh_outopts_parse(o, val)) != 0) {
		sh_err("%s: -O%s: unknown output option '%c'", cmd, val, bad);
		return -SH_EUSAGE;
	}
	/* Kept for the jobs, which apply them over a session's letters. */
	if (o_record != NULL) {
		sh_buf_adds(o_record, val);
		sh_buf_addc(o_record, '\0');
	}
	return 1;
}

/*
 * The -C letters of getbulk: -Cn<N> non-repeaters, -Cr<M>
 * max-repetitions (RFC 3416 §4.2.3), value attached or next word.
 */
static int
bulk_copt(const char *cmd, int argc, char **argv, int *i, long *nonrep,
    long *maxrep)
{
	const char *arg = argv[*i], *val;
	long v;

	if (arg[2] != 'n' && arg[2] != 'r') {
		sh_err("%s: %s: unknown option (-Cn<N> or -Cr<M>)", cmd, arg);
		return -SH_EUSAGE;
	}
	if ((val = sh_opt_value(argc, argv, i, arg + 3)) == NULL) {
		sh_err("%s: %s: option requires a number", cmd, arg);
		return -SH_EUSAGE;
	}
	if (sh_parse_int(val, 0, 2147483647, &v) < 0) {
		sh_err("%s: -C%c %s: not a number from 0 to 2147483647", cmd,
		    arg[2], val);
		return -SH_EUSAGE;
	}
	if (arg[2] == 'n')
		*nonrep = v;
	else
		*maxrep = v;
	return 1;
}

/* Remove varbind i of a request list (names with NULL values). */
static int
drop_varbind(struct sn_vbl *vbl, size_t i)
{
	struct sn_vbl tmp;
	size_t j;

	sn_vbl_init(&tmp);
	for (j = 0; j < vbl->len; j++) {
		if (j != i && sn_vbl_add_null(&tmp, &vbl->vb[j].name) < 0) {
			sn_vbl_clear(&tmp);
			return SN_ENOMEM;
		}
	}
	sn_vbl_clear(vbl);
	*vbl = tmp;
	return 0;
}

struct reqspec {
	enum sn_pdu_type type;
	struct sn_vbl vbl;
	long nonrep;
	long maxrep;
};

static void
reqspec_free(void *p)
{
	struct reqspec *r = p;

	if (r == NULL)
		return;
	sn_vbl_clear(&r->vbl);
	free(r);
}

static int
req_parse(struct sh_shell *sh, int argc, char **argv, bool have_session,
    void **specp)
{
	const char *cmd = argv[0];
	struct sh_outopts o = sh->out;
	struct reqspec *r;
	struct sn_oid oid;
	char **oids;
	int i, rc, st = SH_OK, noids = 0;

	if ((r = calloc(1, sizeof(*r))) == NULL ||
	    (oids = calloc((size_t)argc, sizeof(*oids))) == NULL) {
		free(r);
		sh_err("%s: out of memory", cmd);
		return SH_ESNMP;
	}
	*specp = r;
	sn_vbl_init(&r->vbl);
	r->type = strcmp(cmd, "get") == 0 ? SN_PDU_GET :
	    strcmp(cmd, "getnext") == 0 ? SN_PDU_GETNEXT : SN_PDU_GETBULK;
	r->maxrep = 10;
	for (i = 1; i < argc; i++) {
		if ((rc = sh_parse_oopt(cmd, argc, argv, &i, &o)) != 0) {
			if (rc < 0) {
				st = -rc;
				goto out;
			}
			continue;
		}
		if (r->type == SN_PDU_GETBULK &&
		    strncmp(argv[i], "-C", 2) == 0) {
			rc = bulk_copt(cmd, argc, argv, &i, &r->nonrep,
			    &r->maxrep);
			if (rc < 0) {
				st = -rc;
				goto out;
			}
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			sh_err("%s: %s: unknown option", cmd, argv[i]);
			st = SH_EUSAGE;
			goto out;
		}
		oids[noids++] = argv[i];
	}
	if (noids == 0) {
		sh_err("%s: missing OID (usage: %s)", cmd,
		    sh_cmd_find(cmd)->usage);
		st = SH_EUSAGE;
		goto out;
	}
	if (noids > SN_VBL_MAX) {
		sh_err("%s: more than %d OIDs", cmd, SN_VBL_MAX);
		st = SH_EUSAGE;
		goto out;
	}
	if (!have_session) {
		(void)sh_need_session(sh, cmd);
		st = SH_EUSAGE;
		goto out;
	}
	for (i = 0; i < noids; i++) {
		if ((st = sh_resolve_oid(sh, cmd, oids[i], &oid)) != SH_OK)
			goto out;
		if (sn_vbl_add_null(&r->vbl, &oid) < 0) {
			sh_err("%s: out of memory", cmd);
			st = SH_ESNMP;
			goto out;
		}
	}
out:
	free(oids);
	return st;
}

/* A job's request: the PDU (varbinds drop out on SNMPv1 retries). */
struct reqstate {
	struct sn_pdu pdu;
	int worst;
};

static void
reqstate_free(void *p)
{
	struct reqstate *q = p;

	if (q == NULL)
		return;
	sn_pdu_clear(&q->pdu);
	free(q);
}

static void req_cb(struct sn_request *req, int status,
    const struct sn_pdu *resp, void *ud);

static int
req_send(struct sh_job *j)
{
	struct reqstate *q = j->state;
	struct sn_request *req = NULL;
	struct sn_error err;
	int rc;

	sn_error_clear(&err);
	rc = sn_session_send(j->ss->s, &q->pdu, req_cb, j, &req, &err);
	if (rc < 0)
		return sh_report_status(j->sh, j->ss, j->cmd, rc, &err);
	if (!j->done)
		j->req = req;
	return SH_OK;
}

static void
req_cb(struct sn_request *req, int status, const struct sn_pdu *resp,
    void *ud)
{
	struct sh_job *j = ud;
	struct sh_shell *sh = j->sh;
	struct reqstate *q = j->state;
	struct sh_sink *prev;
	enum sn_pdu_type type = q->pdu.type;
	int rst;

	(void)req;
	j->req = NULL;
	prev = sh_job_enter(j);
	if (status != 0) {
		rst = sh_report_status(sh, j->ss, j->cmd, status, NULL);
		sh_job_finish(j, rst > q->worst ? rst : q->worst);
		goto out;
	}
	sh_job_replied(j);
	if (type == SN_PDU_GETBULK && resp->error_status == SN_ERR_NOSUCHNAME) {
		/* snmpbulkget takes this SNMPv1 error-status (which RFC 3416
		 * agents never send) as the end: stdout, status 0 */
		sh_printf(sh, "End of MIB.\n");
		sh_job_finish(j, q->worst);
		goto out;
	}
	/* snmpget says "Error in packet", snmpgetnext and snmpbulkget
	 * "Error in packet." */
	rst = sh_print_response(sh, resp, &j->o, type != SN_PDU_GET);
	q->worst = rst > q->worst ? rst : q->worst;
	/*
	 * As snmpget/snmpgetnext do for SNMPv1 (RFC 1157 §4.1.2 stops a
	 * request at the first missing name): drop the failed varbind and
	 * ask again for the others.
	 */
	if (rst == SH_OK || type == SN_PDU_GETBULK ||
	    resp->error_status != SN_ERR_NOSUCHNAME || resp->error_index < 1 ||
	    (size_t)resp->error_index > q->pdu.vbl.len ||
	    q->pdu.vbl.len < 2 || sh->interrupted ||
	    drop_varbind(&q->pdu.vbl, (size_t)resp->error_index - 1) < 0) {
		sh_job_finish(j, q->worst);
		goto out;
	}
	if ((rst = req_send(j)) != SH_OK)
		sh_job_finish(j, rst > q->worst ? rst : q->worst);
out:
	sh_job_leave(j, prev);
}

static int
req_start(struct sh_job *j)
{
	const struct reqspec *r = j->spec;
	struct reqstate *q;
	size_t i;

	if (r->type == SN_PDU_GETBULK && sn_session_version(j->ss->s) ==
	    SN_V1) {
		/* RFC 3416 §4.2.3: GetBulk does not exist in SNMPv1. */
		sh_errj(j->sh, "%s: GETBULK needs SNMPv2c or SNMPv3 (session "
		    "%s is SNMPv1)", j->cmd, j->ss->name);
		return SH_EUSAGE;
	}
	if ((q = calloc(1, sizeof(*q))) == NULL) {
		sh_errj(j->sh, "%s: out of memory", j->cmd);
		return SH_ESNMP;
	}
	j->state = q;
	j->state_free = reqstate_free;
	sn_pdu_init(&q->pdu, r->type);
	for (i = 0; i < r->vbl.len; i++)
		if (sn_vbl_add_null(&q->pdu.vbl, &r->vbl.vb[i].name) < 0) {
			sh_errj(j->sh, "%s: out of memory", j->cmd);
			return SH_ESNMP;
		}
	if (r->type == SN_PDU_GETBULK) {
		/* RFC 3416 §3: non-repeaters and max-repetitions. */
		q->pdu.error_status = (int32_t)r->nonrep;
		q->pdu.error_index = (int32_t)r->maxrep;
	}
	return req_send(j);
}

const struct sh_jobdef sh_job_get = {
	"get", req_parse, req_start, reqspec_free
};
const struct sh_jobdef sh_job_getnext = {
	"getnext", req_parse, req_start, reqspec_free
};
const struct sh_jobdef sh_job_getbulk = {
	"getbulk", req_parse, req_start, reqspec_free
};

int
sh_cmd_get(struct sh_shell *sh, int argc, char **argv)
{
	return sh_jobs_run_cur(sh, &sh_job_get, argc, argv);
}

int
sh_cmd_getnext(struct sh_shell *sh, int argc, char **argv)
{
	return sh_jobs_run_cur(sh, &sh_job_getnext, argc, argv);
}

int
sh_cmd_getbulk(struct sh_shell *sh, int argc, char **argv)
{
	return sh_jobs_run_cur(sh, &sh_job_getbulk, argc, argv);
}
