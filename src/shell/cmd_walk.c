/*
 * The walk commands: a subtree walk over GETNEXT (walk) or GETBULK
 * (bulkwalk), RFC 3416 §4.2.2-4.2.3, as the engine streams it, printed the
 * way Net-SNMP's snmpwalk/snmpbulkwalk print it: one line per varbind, the
 * exception line that ends a walk, "End of MIB" for an SNMPv1 noSuchName,
 * "Error: OID not increasing: A >= B", and the -C letters c i I p t E
 * (and r for bulkwalk).  Output goes through the shell's buffer in large
 * writes, since walks can be long.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "shell.h"

/* Flush the output buffer to stdio past this size. */
#define WALK_FLUSH 65536

struct walkctx {
	struct sh_shell *sh;
	struct sh_outopts o;
	bool done;
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

static int
walk_varbind(struct sn_walk *w, const struct sn_varbind *vb, void *ud)
{
	struct walkctx *c = ud;
	struct sh_shell *sh = c->sh;

	(void)w;
	sh_out_varbind(sh, &sh->ob, vb, &c->o);
	if (sh->ob.len >= WALK_FLUSH)
		sh_flush_ob(sh);
	c->count++;
	return 0;
}

static void
walk_done(struct sn_walk *w, int status, const struct sn_pdu *resp,
    const struct sn_error *err, void *ud)
{
	struct walkctx *c = ud;

	c->done = true;
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
	c->sh->walk = NULL;
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

static double
now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
walk_report(struct sh_shell *sh, struct sh_session *ss, const char *cmd,
    struct walkctx *c)
{
	int st = SH_OK;

	sh_flush_ob(sh);
	switch (c->status) {
	case 0:
		if (c->end_of_mib)
			fputs("End of MIB\n", stdout);
		break;
	case SN_ENOTINCREASING:
		/* snmpwalk prints each OID with fprint_objid(), which ends
		 * it with a newline: "A\n >= B\n" */
		sh_out_oid(sh, &sh->ob, &c->prev, &c->o);
		sh_buf_add(&sh->ob, "\n >= ", 5);
		sh_out_oid(sh, &sh->ob, &c->last, &c->o);
		fflush(stdout);
		fprintf(stderr, "Error: OID not increasing: %.*s\n",
		    (int)sh->ob.len, sh->ob.p);
		sh->ob.len = 0;
		st = SH_ESNMP;
		break;
	case SN_ERESPONSE:
		fflush(stdout);
		fprintf(stderr, "Error in packet.\nReason: %s\n",
		    sn_errstat_string(c->errstat));
		if (c->has_failed) {
			sh_out_oid(sh, &sh->ob, &c->failed, &c->o);
			/* Net-SNMP ends this report with an empty line. */
			fprintf(stderr, "Failed object: %.*s\n\n",
			    (int)sh->ob.len, sh->ob.p);
			sh->ob.len = 0;
		}
		st = SH_ESNMP;
		break;
	default:
		st = sh_report_status(sh, ss, cmd, c->status,
		    c->err.msg[0] != '\0' ? &c->err : NULL);
		break;
	}
	fflush(stderr);
	return st;
}

static int
do_walk(struct sh_shell *sh, int argc, char **argv, bool bulk)
{
	const char *cmd = argv[0];
	struct walkctx c;
	struct walkargs wa;
	struct sh_session *ss;
	struct sn_walk_cbs cbs = { walk_varbind, walk_done };
	struct sn_walk *w = NULL;
	struct sn_oid root;
	double t0 = 0;
	int i, rc, st;

	memset(&c, 0, sizeof(c));
	memset(&wa, 0, sizeof(wa));
	c.sh = sh;
	c.o = sh->out;
	sn_walk_opts_init(&wa.wo);
	wa.wo.bulk = bulk;
	wa.wo.max_repetitions = 10;
	for (i = 1; i < argc; i++) {
		if ((rc = sh_parse_oopt(cmd, argc, argv, &i, &c.o)) != 0) {
			if (rc < 0)
				return -rc;
			continue;
		}
		if (strncmp(argv[i], "-C", 2) == 0) {
			rc = walk_copt(cmd, argc, argv, &i, bulk, &wa);
			if (rc < 0)
				return -rc;
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			sh_err("%s: %s: unknown option", cmd, argv[i]);
			return SH_EUSAGE;
		}
		if (wa.root_text != NULL) {
			sh_err("%s: %s: only one OID (usage: %s)", cmd,
			    argv[i], sh_cmd_find(cmd)->usage);
			return SH_EUSAGE;
		}
		wa.root_text = argv[i];
	}
	if ((ss = sh_need_session(sh, cmd)) == NULL)
		return SH_EUSAGE;
	if (bulk && sn_session_version(ss->s) == SN_V1) {
		/* RFC 3416 §4.2.3: GetBulk does not exist in SNMPv1. */
		sh_err("%s: GETBULK needs SNMPv2c or SNMPv3 (session %s is "
		    "SNMPv1; use walk)", cmd, ss->name);
		return SH_EUSAGE;
	}
	/* snmpwalk's default subtree: mib-2 (RFC 1213). */
	if ((st = sh_resolve_oid(sh, cmd, wa.root_text ? wa.root_text :
	    "1.3.6.1.2.1", &root)) != SH_OK)
		return st;
	if (wa.end_text != NULL &&
	    (st = sh_resolve_oid(sh, cmd, wa.end_text, &wa.wo.end)) != SH_OK)
		return st;
	if (wa.timing)
		t0 = now_sec();
	rc = sn_walk_start(ss->s, &root, &wa.wo, &cbs, &c, &w, &c.err);
	if (rc < 0)
		return sh_report_status(sh, ss, cmd, rc, &c.err);
	if (!c.done)
		sh->walk = w;
	if (sh->interrupted && sh->walk != NULL)
		sn_walk_cancel(sh->walk);
	while (!c.done)
		sn_loop_run(sh->loop, SN_RUN_ONCE);
	sh->walk = NULL;
	st = walk_report(sh, ss, cmd, &c);
	if (st == SH_EINTR)
		return st;
	if (wa.print_count)
		printf("Variables found: %llu\n", (unsigned long long)c.count);
	if (wa.timing) {
		fflush(stdout);
		fprintf(stderr, "Total traversal time = %f seconds\n",
		    now_sec() - t0);
	}
	return st;
}

int
sh_cmd_walk(struct sh_shell *sh, int argc, char **argv)
{
	return do_walk(sh, argc, argv, false);
}

int
sh_cmd_bulkwalk(struct sh_shell *sh, int argc, char **argv)
{
	return do_walk(sh, argc, argv, true);
}
