/*
 * The command generator of RFC 3413 §3.1 for SNMPv1 (RFC 1157), SNMPv2c
 * (RFC 1901) and SNMPv3 (RFC 3412 with the User-based Security Model of
 * RFC 3414): a session names one agent and the message parameters; each
 * request is encoded once (RFC 3416 §4.2 PDUs inside a community message
 * or a v3 message), handed to the session's dispatcher for sending,
 * retries and reply matching, and completes exactly once.  For SNMPv3 the
 * session, as the non-authoritative engine, discovers the agent's engine
 * ID, boots and time (RFC 3414 §4), localises its keys once per engine
 * ID, matches replies by msgID (RFC 3412 §7.2 step 10), verifies and
 * decrypts them (RFC 3414 §3.2), and turns usmStats reports into security
 * codes, resending once after a notInTimeWindow report (RFC 3414 §4).
 * The synchronous form runs the loop until its request completes.
 * The SNMPv3 side is cmdgen_v3.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sn/session.h>

#include "engine/cmdgen_int.h"

#define DEFAULT_PORT 161	/* RFC 3417 §3: snmp, UDP port 161 */

void
sn_session_opts_init(struct sn_session_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->version = SN_V2C;
	opts->community = "public";
	opts->timeout_ms = 1000;	/* Net-SNMP: -t 1 */
	opts->retries = 5;		/* Net-SNMP: -r 5 */
}

int
sn_session_open(struct sn_loop *loop, const char *agent,
    const struct sn_session_opts *opts, struct sn_session **out,
    struct sn_error *err)
{
	struct sn_session_opts defaults;
	struct sn_session *s;
	struct sn_taddr peer;
	const char *community;
	size_t clen;
	int rc;

	*out = NULL;
	if (opts == NULL) {
		sn_session_opts_init(&defaults);
		opts = &defaults;
	}
	if (agent == NULL || *agent == '\0')
		return sn_error_set(err, SN_EADDR, "no agent address given");
	if (opts->version != SN_V1 && opts->version != SN_V2C &&
	    opts->version != SN_V3)
		return sn_error_set(err, SN_EVERSION,
		    "unknown SNMP version %d", (int)opts->version);
	community = opts->community != NULL ? opts->community : "public";
	if ((clen = strlen(community)) > SN_COMMUNITY_MAX)
		return sn_error_set(err, SN_ETOOLONG,
		    "community longer than %d bytes", SN_COMMUNITY_MAX);
	if ((rc = sn_taddr_parse(agent, DEFAULT_PORT, &peer, err)) != 0)
		return rc;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	s->loop = loop;
	s->version = opts->version;
	s->timeout_ms = opts->timeout_ms;
	s->retries = opts->retries < 0 ? 0 : opts->retries;
	memcpy(s->community, community, clen);
	s->community_len = clen;
	sn_taddr_format(&peer, s->peer_addr, sizeof(s->peer_addr));
	s->peer = strdup(agent);
	s->encbuf = malloc(SN_MSG_MAX);
	if (s->peer == NULL || s->encbuf == NULL) {
		rc = sn_error_set(err, SN_ENOMEM, "out of memory");
		goto fail;
	}
	if (s->version == SN_V3 && (rc = sn_cmdgen_v3_open(s, opts, err)) != 0)
		goto fail;
	if ((rc = sn_dispatch_open(loop, &peer, &s->d, err)) != 0)
		goto fail;
	if (s->v3 != NULL)
		sn_dispatch_set_raw(s->d, sn_cmdgen_v3_recv, s);
	*out = s;
	return 0;
fail:
	sn_cmdgen_v3_free(s->v3);
	free(s->peer);
	free(s->encbuf);
	free(s);
	return rc;
}

void
sn_cmdgen_session_free(struct sn_session *s)
{
	sn_cmdgen_v3_free(s->v3);
	free(s->peer);
	free(s->encbuf);
	free(s);
}

void
sn_session_close(struct sn_session *s)
{
	if (s == NULL || s->closing)
		return;
	s->closing = true;
	/* walks first: they own requests and report SN_ECANCELED once */
	while (s->children != NULL)
		s->children->cancel(s->children);
	sn_dispatch_close(s->d);
	/* a v3 reply handler on the stack frees s when it returns */
	if (s->v3 != NULL && s->v3->depth > 0)
		return;
	sn_cmdgen_session_free(s);
}

const char *
sn_session_peer(const struct sn_session *s)
{
	return s->peer;
}

const char *
sn_session_peer_addr(const struct sn_session *s)
{
	return s->peer_addr;
}

enum sn_version
sn_session_version(const struct sn_session *s)
{
	return s->version;
}

int
sn_session_engine(const struct sn_session *s, uint8_t *id, size_t cap,
    size_t *len, uint32_t *boots, uint32_t *time)
{
	const struct sn_usm_timeinfo *ti;

	if (s->v3 == NULL || cap < s->v3->engine_id_len)
		return SN_EINVAL;
	if (s->v3->engine_id_len == 0)
		return SN_ENOTFOUND;
	memcpy(id, s->v3->engine_id, s->v3->engine_id_len);
	*len = s->v3->engine_id_len;
	ti = &s->v3->ti;
	*boots = ti->valid ? ti->boots : 0;
	*time = ti->valid ? sn_usm_time_now(ti, sn_cmdgen_now_s(s)) : 0;
	return 0;
}

struct sn_loop *
sn_session_loop(const struct sn_session *s)
{
	return s->loop;
}

void
sn_session_set_timeout(struct sn_session *s, unsigned timeout_ms,
    int retries)
{
	s->timeout_ms = timeout_ms;
	s->retries = retries < 0 ? 0 : retries;
}

void
sn_session_child_add(struct sn_session *s, struct sn_session_child *c)
{
	c->prev = NULL;
	c->next = s->children;
	if (s->children != NULL)
		s->children->prev = c;
	s->children = c;
}

void
sn_session_child_remove(struct sn_session *s, struct sn_session_child *c)
{
	if (c->prev != NULL)
		c->prev->next = c->next;
	else if (s->children == c)
		s->children = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	c->prev = c->next = NULL;
}

struct sn_dispatch *
sn_session_dispatch(const struct sn_session *s)
{
	return s->d;
}

int
sn_session_timeout_error(const struct sn_session *s, struct sn_error *err)
{
	/* Net-SNMP's wording (snmp_api.c, SNMPERR_TIMEOUT) */
	return sn_error_set(err, SN_ETIMEDOUT, "Timeout: No Response from %s.",
	    s->peer);
}

void
sn_cmdgen_on_dreq(struct sn_dreq *r, int status, const struct sn_msg *resp,
    void *ud)
{
	struct sn_request *req = ud;

	(void)r;
	if (req->resend) {
		/* RFC 3414 §4: discovery done or time resynchronised */
		req->resend = false;
		if ((status = sn_cmdgen_v3_send(req, NULL)) == 0)
			return;
	} else if (status == 0 && req->code != 0) {
		status = req->code;
	}
	/* the copy is not needed any more: its storage goes to the next
	 * request (the session is still there) */
	sn_cmdgen_v3_pdu_done(req);
	/* the session may be closed by the callback: do not touch it after */
	req->cb(req, status, status == 0 ? &resp->pdu : NULL, req->ud);
	free(req);
}

int
sn_session_send(struct sn_session *s, const struct sn_pdu *pdu,
    sn_request_cb cb, void *ud, struct sn_request **out,
    struct sn_error *err)
{
	struct sn_request *req;
	struct sn_msg m;
	uint8_t *wire;
	size_t len;
	int32_t id;
	int rc;

	if (out != NULL)
		*out = NULL;
	if (s == NULL || pdu == NULL || cb == NULL)
		return sn_error_set(err, SN_EINVAL, "no session or PDU");
	if (s->closing)
		return sn_error_set(err, SN_ECANCELED, "session is closing");
	switch (pdu->type) {
	case SN_PDU_GET:
	case SN_PDU_GETNEXT:
	case SN_PDU_SET:
		break;
	case SN_PDU_GETBULK:
		/* RFC 3416 §4.2.3: GetBulk exists from SNMPv2 on */
		if (s->version == SN_V1)
			return sn_error_set(err, SN_EINVAL,
			    "GETBULK is not available in SNMPv1 (use -v 2c)");
		break;
	case SN_PDU_INFORM:
		if (s->version == SN_V1)
			return sn_error_set(err, SN_EINVAL,
			    "INFORM is not available in SNMPv1");
		break;
	default:
		return sn_error_set(err, SN_EINVAL,
		    "a %s PDU is not a request", sn_pdu_type_name(pdu->type));
	}
	if ((req = calloc(1, sizeof(*req))) == NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	req->s = s;
	req->cb = cb;
	req->ud = ud;
	if (s->v3 != NULL) {
		if ((rc = sn_cmdgen_v3_pdu_keep(req, pdu)) != 0) {
			free(req);
			return sn_error_set(err, rc, "out of memory");
		}
		if ((rc = sn_cmdgen_v3_send(req, err)) != 0) {
			sn_cmdgen_v3_pdu_done(req);
			free(req);
			return rc;
		}
		if (out != NULL)
			*out = req;
		return 0;
	}
	id = sn_dispatch_next_id(s->d);
	/* a shallow view of the caller's PDU: encoding only reads it */
	memset(&m, 0, sizeof(m));
	m.version = s->version;
	memcpy(m.community, s->community, s->community_len);
	m.community_len = s->community_len;
	m.pdu = *pdu;
	m.pdu.request_id = id;
	rc = sn_msg_encode(&m, s->encbuf, SN_MSG_MAX, &wire, &len, err);
	if (rc != 0) {
		free(req);
		return rc;
	}
	rc = sn_dispatch_send(s->d, id, s->version, s->community,
	    s->community_len, wire, len, s->timeout_ms, s->retries,
	    sn_cmdgen_on_dreq, req, &req->dr, err);
	if (rc != 0) {
		free(req);
		return rc;
	}
	if (out != NULL)
		*out = req;
	return 0;
}

void
sn_request_cancel(struct sn_request *req)
{
	if (req != NULL)
		sn_dreq_cancel(req->dr);
}

struct sync_wait {
	bool done;
	int status;
	struct sn_pdu *resp;
	struct sn_error *err;
	struct sn_session *s;
};

static void
on_sync(struct sn_request *req, int status, const struct sn_pdu *resp,
    void *ud)
{
	struct sync_wait *w = ud;

	(void)req;
	w->done = true;
	w->status = status;
	if (status == 0) {
		if (w->resp != NULL && sn_pdu_copy(w->resp, resp) != 0)
			w->status = sn_error_set(w->err, SN_ENOMEM,
			    "out of memory");
	} else if (status == SN_ETIMEDOUT) {
		sn_session_timeout_error(w->s, w->err);
	} else if (status == SN_ECANCELED) {
		sn_error_set(w->err, SN_ECANCELED, "request cancelled");
	} else {
		sn_error_set(w->err, status, "%s", sn_session_strerror(status));
	}
}

int
sn_session_request_sync(struct sn_session *s, const struct sn_pdu *pdu,
    struct sn_pdu *resp, struct sn_error *err)
{
	struct sync_wait w;
	struct sn_loop *loop;
	int rc;

	memset(&w, 0, sizeof(w));
	w.resp = resp;
	w.err = err;
	w.s = s;
	rc = sn_session_send(s, pdu, on_sync, &w, NULL, err);
	if (rc != 0)
		return rc;
	loop = s->loop;
	while (!w.done)
		sn_loop_run(loop, SN_RUN_ONCE);
	return w.status;
}

const char *
sn_session_strerror(int status)
{
	/* Net-SNMP's snmp_api.c texts of the SNMPERR_* USM codes */
	switch (status) {
	case SN_EWRONGDIGEST:
		return "Authentication failure (incorrect password, "
		    "community or key)";
	case SN_EUNKNOWNUSER:
		return "Unknown user name";
	case SN_EUNSUPSECLEVEL:
		return "Unsupported security level";
	case SN_EDECRYPT:
		return "Decryption error";
	case SN_EUNKNOWNENGINEID:
		return "Unknown engine ID";
	case SN_ENOTINTIMEWINDOW:
		return "Not in time window";
	default:
		return sn_strerror(status);
	}
}
