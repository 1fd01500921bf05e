/*
 * Subtree walks over GetNext or GetBulk (RFC 3416 §4.2.2, §4.2.3), with
 * the semantics of Net-SNMP's snmpwalk and snmpbulkwalk: each varbind
 * inside the subtree is reported as it arrives; the walk ends at the first
 * varbind outside it (not reported), after an exception value inside it
 * (reported), at a non-increasing OID (reported, then SN_ENOTINCREASING),
 * at v1 noSuchName ("End of MIB"), or at another error-status.  A walk
 * that reported nothing GETs the root once.  Memory is constant: one
 * request PDU is reused, and replies are read in the dispatcher's buffer.
 * A consumer may pause the walk between two varbinds (a Lua iterator does
 * after each): the rest of the reply is kept (one copy) and no request
 * goes out until it resumes.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sn/session.h>

#include "engine/cmdgen.h"

/*
 * With checking off, the walk follows whatever the agent returns; it ends
 * after this many varbinds without a new greatest OID, since an agent
 * cycling through OIDs would otherwise keep it going for ever.
 */
#define NO_PROGRESS_MAX 10000

enum phase {
	P_INCLUDE,	/* GET of the root before the walk (-Ci) */
	P_WALK,
	P_FALLBACK	/* GET of the root after an empty walk */
};

struct sn_walk {
	struct sn_session_child child;
	struct sn_session *s;
	struct sn_walk_opts opts;
	struct sn_walk_cbs cbs;
	void *ud;
	struct sn_oid root;
	struct sn_oid prev;	/* the OID last requested (or compared) */
	struct sn_oid last;	/* the OID that was not increasing */
	struct sn_oid max;	/* greatest OID seen (checking off) */
	unsigned long no_progress;
	struct sn_pdu req;	/* reused for every request */
	struct sn_request *r;	/* outstanding request, or NULL */
	enum phase phase;
	uint64_t count;
	bool end_of_mib;
	bool finished;
	int depth;		/* walk frames on the stack */
	struct sn_error err;
	bool paused;		/* sn_walk_pause() */
	bool need_send;		/* the next request waits for resume */
	bool have_held;		/* held[held_pos..] still to report */
	size_t held_pos;
	struct sn_pdu held;	/* the rest of a reply while paused */
};

void
sn_walk_opts_init(struct sn_walk_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->max_repetitions = 10;	/* snmpbulkwalk's -Cr default */
}

static void
walk_free(struct sn_walk *w)
{
	sn_pdu_clear(&w->req);
	sn_pdu_clear(&w->held);
	free(w);
}

/* Report the end once; memory goes when no walk frame is running. */
static void
finish(struct sn_walk *w, int status, const struct sn_pdu *resp)
{
	if (w->finished)
		return;
	w->finished = true;
	sn_session_child_remove(w->s, &w->child);
	if (status == 0)
		sn_error_clear(&w->err);
	else if (w->err.code != status)
		sn_error_set(&w->err, status, NULL);
	w->depth++;
	if (w->cbs.on_done != NULL)
		w->cbs.on_done(w, status, resp, &w->err, w->ud);
	w->depth--;
	if (w->depth == 0)
		walk_free(w);
}

static void on_resp(struct sn_request *req, int status,
    const struct sn_pdu *resp, void *ud);

static int
send_req(struct sn_walk *w, enum sn_pdu_type type, const struct sn_oid *oid)
{
	int rc;

	sn_vbl_reset(&w->req.vbl);
	w->req.type = type;
	w->req.error_status = 0;
	w->req.error_index = 0;
	if (type == SN_PDU_GETBULK) {
		/* RFC 3416 §4.2.3: non-repeaters 0, max-repetitions */
		w->req.error_index = w->opts.max_repetitions;
	}
	if ((rc = sn_vbl_add_null(&w->req.vbl, oid)) != 0)
		return sn_error_set(&w->err, rc, "out of memory");
	return sn_session_send(w->s, &w->req, on_resp, w, &w->r, &w->err);
}

static int
send_next(struct sn_walk *w)
{
	return send_req(w, w->opts.bulk ? SN_PDU_GETBULK : SN_PDU_GETNEXT,
	    &w->prev);
}

/* Pass vb on; false when the walk ended meanwhile (stop, cancel). */
static bool
report(struct sn_walk *w, const struct sn_varbind *vb,
    const struct sn_pdu *resp)
{
	int rc;

	w->count++;
	rc = w->cbs.on_varbind != NULL ?
	    w->cbs.on_varbind(w, vb, w->ud) : 0;
	if (w->finished)
		return false;
	if (rc != 0) {
		sn_error_set(&w->err, SN_ECANCELED, "walk stopped");
		finish(w, SN_ECANCELED, resp);
		return false;
	}
	return true;
}

/* The walk found the end of its subtree: GET the root if it was empty. */
static void
end_normally(struct sn_walk *w, const struct sn_pdu *resp)
{
	if (w->count == 0 && !w->opts.no_get_fallback) {
		w->phase = P_FALLBACK;
		if (send_req(w, SN_PDU_GET, &w->root) == 0)
			return;
		/* snmpwalk ignores a failing fallback GET */
	}
	finish(w, 0, resp);
}

static bool
in_range(const struct sn_walk *w, const struct sn_oid *name)
{
	if (w->opts.end.len > 0)
		return sn_oid_cmp(name, &w->opts.end) < 0;
	if (w->opts.ignore_end)
		return true;
	if (w->opts.bulk)
		return sn_oid_has_prefix(name, &w->root);
	/* snmpwalk: anything before the successor of the root */
	return sn_oid_has_prefix(name, &w->root) ||
	    sn_oid_cmp(name, &w->root) < 0;
}

static void
not_increasing(struct sn_walk *w, const struct sn_oid *prev,
    const struct sn_oid *name, const struct sn_pdu *resp)
{
	char a[SN_OID_STR_MAX], b[SN_OID_STR_MAX];

	if (prev != &w->prev)
		w->prev = *prev;
	w->last = *name;
	sn_oid_format(&w->prev, true, a, sizeof(a));
	sn_oid_format(&w->last, true, b, sizeof(b));
	sn_error_set(&w->err, SN_ENOTINCREASING,
	    "OID not increasing: %s >= %s", a, b);
	finish(w, SN_ENOTINCREASING, resp);
}

/* Send the next request of the walk, unless paused (then on resume). */
static void
go_on(struct sn_walk *w)
{
	if (w->paused) {
		w->need_send = true;
		return;
	}
	if (send_next(w) != 0)
		finish(w, w->err.code, NULL);
}

/*
 * Keep the varbinds of resp from index pos for sn_walk_resume() (resp may
 * be the held copy itself).
 */
static void
hold(struct sn_walk *w, const struct sn_pdu *resp, size_t pos)
{
	if (pos >= resp->vbl.len) {
		w->need_send = true;
		return;
	}
	if (resp != &w->held) {
		sn_pdu_clear(&w->held);
		sn_pdu_init(&w->held, SN_PDU_RESPONSE);
		if (sn_pdu_copy(&w->held, resp) != 0) {
			sn_error_set(&w->err, SN_ENOMEM, "out of memory");
			finish(w, SN_ENOMEM, NULL);
			return;
		}
	}
	w->held_pos = pos;
	w->have_held = true;
}

/*
 * The varbinds of one reply of the walk proper from index i on, as
 * snmpwalk and snmpbulkwalk treat them.  Each OID must exceed the one
 * before it (the requested OID for the first), so the walk always
 * progresses.
 */
static void
walk_varbinds(struct sn_walk *w, const struct sn_pdu *resp, size_t i)
{
	const struct sn_oid *prev = &w->prev;

	for (; i < resp->vbl.len; i++) {
		const struct sn_varbind *vb = &resp->vbl.vb[i];

		if (!in_range(w, &vb->name)) {
			end_normally(w, resp);
			return;
		}
		if (!report(w, vb, resp))
			return;
		/* RFC 3416 §4.2.2.1: endOfMibView and, for robustness,
		 * the other exceptions end the walk */
		if (sn_type_is_exception(vb->value.type)) {
			end_normally(w, resp);
			return;
		}
		if (sn_oid_cmp(&vb->name, prev) <= 0) {
			if (!w->opts.no_check ||
			    sn_oid_cmp(&vb->name, prev) == 0) {
				not_increasing(w, prev, &vb->name, resp);
				return;
			}
			if (++w->no_progress > NO_PROGRESS_MAX) {
				not_increasing(w, prev, &vb->name, resp);
				return;
			}
		} else if (w->opts.no_check) {
			if (sn_oid_cmp(&vb->name, &w->max) > 0) {
				w->max = vb->name;
				w->no_progress = 0;
			} else if (++w->no_progress > NO_PROGRESS_MAX) {
				not_increasing(w, prev, &vb->name, resp);
				return;
			}
		}
		prev = &vb->name;
		if (w->paused) {
			w->prev = *prev;
			hold(w, resp, i + 1);
			return;
		}
	}
	w->prev = *prev;
	go_on(w);
}

/* One reply of the walk proper. */
static void
walk_reply(struct sn_walk *w, const struct sn_pdu *resp)
{
	if (resp->error_status != SN_ERR_NOERROR) {
		if (resp->error_status == SN_ERR_NOSUCHNAME) {
			/* RFC 1157 §4.1.3: v1's end of the MIB view */
			w->end_of_mib = true;
			end_normally(w, resp);
			return;
		}
		sn_error_set(&w->err, SN_ERESPONSE,
		    "Error in packet. Reason: %s",
		    sn_errstat_text(resp->error_status));
		finish(w, SN_ERESPONSE, resp);
		return;
	}
	if (resp->vbl.len == 0) {
		end_normally(w, resp);	/* nothing to go on with */
		return;
	}
	walk_varbinds(w, resp, 0);
}

/* A GET of the root (before or after the walk): snmp_get_and_print. */
static bool
get_reply(struct sn_walk *w, int status, const struct sn_pdu *resp)
{
	size_t i;

	if (status != 0 || resp->error_status != SN_ERR_NOERROR)
		return true;	/* errors are not reported, as snmpwalk */
	for (i = 0; i < resp->vbl.len; i++) {
		if (!report(w, &resp->vbl.vb[i], resp))
			return false;
	}
	return true;
}

static void
on_resp(struct sn_request *req, int status, const struct sn_pdu *resp,
    void *ud)
{
	struct sn_walk *w = ud;

	(void)req;
	w->r = NULL;
	w->depth++;
	if (status == SN_ECANCELED) {
		sn_error_set(&w->err, SN_ECANCELED, "walk cancelled");
		finish(w, status, NULL);
	} else if (w->phase == P_INCLUDE) {
		if (get_reply(w, status, resp)) {
			w->phase = P_WALK;
			go_on(w);
		}
	} else if (w->phase == P_FALLBACK) {
		if (get_reply(w, status, resp))
			finish(w, 0, status == 0 ? resp : NULL);
	} else if (status != 0) {
		if (status == SN_ETIMEDOUT)
			sn_session_timeout_error(w->s, &w->err);
		else
			sn_error_set(&w->err, status, NULL);
		finish(w, status, NULL);
	} else {
		walk_reply(w, resp);
	}
	w->depth--;
	if (w->finished && w->depth == 0)
		walk_free(w);
}

void
sn_walk_cancel(struct sn_walk *w)
{
	if (w == NULL || w->finished)
		return;
	if (w->r != NULL) {
		sn_request_cancel(w->r);	/* on_resp finishes */
		return;
	}
	sn_error_set(&w->err, SN_ECANCELED, "walk cancelled");
	finish(w, SN_ECANCELED, NULL);
}

void
sn_walk_pause(struct sn_walk *w)
{
	if (w != NULL && !w->finished)
		w->paused = true;
}

void
sn_walk_resume(struct sn_walk *w)
{
	if (w == NULL || w->finished || !w->paused)
		return;
	w->paused = false;
	w->depth++;
	if (w->have_held) {
		w->have_held = false;
		/* may pause again: then held keeps what is left */
		walk_varbinds(w, &w->held, w->held_pos);
	} else if (w->need_send) {
		w->need_send = false;
		go_on(w);
	}
	w->depth--;
	if (w->finished && w->depth == 0)
		walk_free(w);
}

static void
cancel_child(struct sn_session_child *c)
{
	sn_walk_cancel((struct sn_walk *)(void *)c);
}

int
sn_walk_start(struct sn_session *s, const struct sn_oid *root,
    const struct sn_walk_opts *opts, const struct sn_walk_cbs *cbs, void *ud,
    struct sn_walk **out, struct sn_error *err)
{
	struct sn_walk_opts defaults;
	struct sn_walk *w;
	int rc;

	if (out != NULL)
		*out = NULL;
	if (s == NULL || root == NULL || cbs == NULL)
		return sn_error_set(err, SN_EINVAL, "walk: missing argument");
	if (opts == NULL) {
		sn_walk_opts_init(&defaults);
		opts = &defaults;
	}
	if (opts->bulk && sn_session_version(s) == SN_V1)
		return sn_error_set(err, SN_EINVAL,
		    "GETBULK is not available in SNMPv1 (use -v 2c)");
	if (opts->bulk && (opts->max_repetitions < 0 ||
	    opts->max_repetitions > SN_VBL_MAX))
		return sn_error_set(err, SN_ERANGE,
		    "max-repetitions %d out of range", opts->max_repetitions);
	if ((w = calloc(1, sizeof(*w))) == NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	w->s = s;
	w->opts = *opts;
	if (w->opts.max_repetitions == 0)
		w->opts.max_repetitions = 10;
	w->cbs = *cbs;
	w->ud = ud;
	w->root = *root;
	w->prev = *root;
	w->max = *root;
	sn_pdu_init(&w->req, SN_PDU_GETNEXT);
	sn_pdu_init(&w->held, SN_PDU_RESPONSE);
	w->child.cancel = cancel_child;
	if (opts->include_root) {
		w->phase = P_INCLUDE;
		rc = send_req(w, SN_PDU_GET, &w->root);
	} else {
		w->phase = P_WALK;
		rc = send_next(w);
	}
	if (rc != 0) {
		if (err != NULL)
			*err = w->err;
		walk_free(w);
		return rc;
	}
	sn_session_child_add(s, &w->child);
	if (out != NULL)
		*out = w;
	return 0;
}

const struct sn_oid *
sn_walk_prev_oid(const struct sn_walk *w)
{
	return &w->prev;
}

const struct sn_oid *
sn_walk_last_oid(const struct sn_walk *w)
{
	return &w->last;
}

bool
sn_walk_end_of_mib(const struct sn_walk *w)
{
	return w->end_of_mib;
}

uint64_t
sn_walk_count(const struct sn_walk *w)
{
	return w->count;
}
