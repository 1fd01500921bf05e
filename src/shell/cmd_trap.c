/*
 * The notification originator in the shell (RFC 3413 §3.2): `trap` and
 * `inform` with snmptrap(1)'s argument order, as request jobs (job.c), so
 * that `@A,B inform ...` sends from A and B at once and a dead receiver's
 * timeout delays nobody else.  A trap is sent once, unconfirmed (RFC 3416
 * §4.2.6); an inform is a confirmed request that completes with the
 * receiver's Response-PDU or the session's timeout after its retries
 * (RFC 3416 §4.2.7).  SNMPv1 sessions send a Trap-PDU (RFC 1157 §4.1.6),
 * the others an SNMPv2-Trap-PDU; an SNMPv3 trap comes from the shell's own
 * engine (RFC 3414 §1.5.1, cmd_notify.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sn/notify.h>

#include "shell.h"

/* Net-SNMP's default enterprise for snmptrap -v 1 '' (enterprises.3.1.1) */
static const struct sn_oid default_enterprise = {
	9, { 1, 3, 6, 1, 4, 1, 3, 1, 1 }
};

/*
 * The PDU of one form (SNMPv1 Trap-PDU, or the SNMPv2 form v2c and v3
 * share), built when the first job needs it, so that a usage error in the
 * words is printed once however many sessions the command runs on.
 */
struct ntf_form {
	bool tried;
	int status;
	struct sn_pdu pdu;
};

struct ntf_spec {
	bool inform;
	int n;				/* words after the options */
	char **args;			/* borrowed from argv */
	struct ntf_form *forms;		/* [0] SNMPv2, [1] SNMPv1 */
};

static int
parse_uptime(const char *cmd, const char *text, uint32_t *out)
{
	if (text[0] == '\0') {
		*out = sn_notify_uptime();
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
 * Build the PDU of `trap` or `inform` from the words after the options:
 * v1 trap: ENTERPRISE AGENT-ADDR GENERIC SPECIFIC UPTIME [OID TYPE
 * VALUE]...; else UPTIME TRAP-OID [OID TYPE VALUE]... (snmptrap(1)).
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

static void
ntf_spec_free(void *p)
{
	struct ntf_spec *sp = p;
	size_t i;

	if (sp == NULL)
		return;
	for (i = 0; sp->forms != NULL && i < 2; i++)
		if (sp->forms[i].tried)
			sn_pdu_clear(&sp->forms[i].pdu);
	free(sp->forms);
	free(sp->args);
	free(sp);
}

static int
ntf_parse(struct sh_shell *sh, int argc, char **argv, bool have_session,
    bool inform, void **specp)
{
	const char *cmd = argv[0];
	struct sh_outopts o = sh->out;
	struct ntf_spec *sp;
	int i, rc;

	if (!have_session) {
		(void)sh_need_session(sh, cmd);
		return SH_EUSAGE;
	}
	if ((sp = calloc(1, sizeof(*sp))) == NULL ||
	    (sp->args = calloc((size_t)argc, sizeof(*sp->args))) == NULL ||
	    (sp->forms = calloc(2, sizeof(*sp->forms))) == NULL) {
		ntf_spec_free(sp);
		sh_err("%s: out of memory", cmd);
		return SH_ESNMP;
	}
	*specp = sp;
	sp->inform = inform;
	for (i = 1; i < argc; i++) {
		/* options first; values ('' uptime, -1) may follow; the
		 * -O letters are recorded for the jobs (job.c) */
		if (sp->n == 0 && (rc = sh_parse_oopt(cmd, argc, argv, &i,
		    &o)) != 0) {
			if (rc < 0)
				return -rc;
			continue;
		}
		sp->args[sp->n++] = argv[i];
	}
	return SH_OK;
}

static int
trap_parse(struct sh_shell *sh, int argc, char **argv, bool have_session,
    void **specp)
{
	return ntf_parse(sh, argc, argv, have_session, false, specp);
}

static int
inform_parse(struct sh_shell *sh, int argc, char **argv, bool have_session,
    void **specp)
{
	return ntf_parse(sh, argc, argv, have_session, true, specp);
}

static void
inform_cb(struct sn_request *req, int status, const struct sn_pdu *resp,
    void *ud)
{
	struct sh_job *j = ud;
	struct sh_sink *prev;
	int st = SH_OK;

	(void)req;
	j->req = NULL;
	prev = sh_job_enter(j);
	if (status != 0) {
		st = sh_report_status(j->sh, j->ss, j->cmd, status, NULL);
	} else {
		/* the acknowledgement (RFC 3416 §4.2.7): a Response-PDU */
		sh_job_replied(j);
		if (resp->error_status != 0)
			st = sh_print_response(j->sh, resp, &j->o, true);
	}
	sh_job_finish(j, st);
	sh_job_leave(j, prev);
}

static int
ntf_start(struct sh_job *j)
{
	const struct ntf_spec *sp = j->spec;
	struct sh_shell *sh = j->sh;
	enum sn_version v = sn_session_version(j->ss->s);
	struct ntf_form *f = &sp->forms[v == SN_V1];
	struct sn_notify_engine eng;
	struct sn_request *req = NULL;
	struct sn_error err;
	int rc;

	if (sp->inform && v == SN_V1) {
		sh_errj(sh, "%s: INFORM is not available in SNMPv1 (open the "
		    "session with -v 2c or -v 3)", j->cmd);
		return SH_EUSAGE;
	}
	if (!f->tried) {
		f->tried = true;
		sn_pdu_init(&f->pdu, sp->inform ? SN_PDU_INFORM :
		    SN_PDU_TRAP);
		f->status = build_pdu(sh, j->cmd, v == SN_V1, sp->inform ?
		    SN_PDU_INFORM : SN_PDU_TRAP, sp->n, sp->args, &f->pdu);
	}
	if (f->status != SH_OK)
		return f->status;
	sn_error_clear(&err);
	if (sp->inform) {
		/* a confirmed request: the session's timeout and retries */
		rc = sn_notify_inform(j->ss->s, &f->pdu, inform_cb, j, &req,
		    &err);
		if (rc < 0)
			return sh_report_status(sh, j->ss, j->cmd, rc, &err);
		if (!j->done)
			j->req = req;
		return SH_OK;
	}
	if (v == SN_V3 && sh_notify_engine(sh, &eng) < 0) {
		sh_errj(sh, "%s: no local engine ID", j->cmd);
		return SH_ESNMP;
	}
	if ((rc = sn_notify_trap(j->ss->s, &f->pdu, v == SN_V3 ? &eng : NULL,
	    &err)) < 0)
		return sh_report_status(sh, j->ss, j->cmd, rc, &err);
	sh_job_finish(j, SH_OK);
	return SH_OK;
}

const struct sh_jobdef sh_job_trap = {
	"trap", trap_parse, ntf_start, ntf_spec_free
};
const struct sh_jobdef sh_job_inform = {
	"inform", inform_parse, ntf_start, ntf_spec_free
};

int
sh_cmd_trap(struct sh_shell *sh, int argc, char **argv)
{
	return sh_jobs_run_cur(sh, &sh_job_trap, argc, argv);
}

int
sh_cmd_inform(struct sh_shell *sh, int argc, char **argv)
{
	return sh_jobs_run_cur(sh, &sh_job_inform, argc, argv);
}
