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
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sn/session.h>

#include "engine/cmdgen.h"
#include "engine/crypto.h"
#include "engine/dispatch.h"
#include "engine/mp_v3.h"
#include "engine/transport.h"
#include "engine/usm.h"

#define DEFAULT_PORT 161	/* RFC 3417 §3: snmp, UDP port 161 */

struct sn_session {
	struct sn_loop *loop;
	struct sn_dispatch *d;
	enum sn_version version;
	unsigned timeout_ms;
	int retries;
	uint8_t community[SN_COMMUNITY_MAX];
	size_t community_len;
	char *peer;			/* the agent text as given */
	char peer_addr[SN_TADDR_STR_MAX];
	uint8_t *encbuf;		/* SN_MSG_MAX bytes, reused */
	struct sn_session_child *children;
	bool closing;
	struct v3state *v3;		/* SNMPv3 only */
};

/* A session's USM state as a non-authoritative engine (RFC 3414 §2.3). */
struct v3state {
	struct sn_crypto *crypto;
	struct sn_usm_keycache *kc;
	bool auth;			/* securityLevel */
	bool priv;
	enum sn_auth_proto auth_proto;
	enum sn_priv_proto priv_proto;
	uint8_t *auth_pass;		/* sn_secret_alloc'd */
	size_t auth_pass_len;
	uint8_t *priv_pass;
	size_t priv_pass_len;
	/* localised keys, auth then priv (SN_USM_KEY_MAX +
	 * SN_USM_PRIVKEY_MAX), sn_secret_alloc'd */
	uint8_t *keys;
	/* keys given in hex, auth then priv (2 * SN_USM_KEY_MAX), secret */
	uint8_t *given;
	size_t auth_given_len;		/* 0: from the passphrase */
	size_t priv_given_len;
	bool auth_given_local;		/* -3k (else -3m) */
	bool priv_given_local;		/* -3K (else -3M) */
	bool keys_ready;
	uint8_t user[SN_USM_USER_MAX];
	size_t user_len;
	uint8_t engine_id[SN_USM_ENGINEID_MAX];	/* the agent's */
	size_t engine_id_len;		/* 0: not discovered yet */
	bool engine_fixed;		/* from -e: never rediscovered */
	uint8_t ctx_engine_id[SN_USM_ENGINEID_MAX];
	size_t ctx_engine_id_len;
	bool ctx_engine_set;
	uint8_t context[SN_V3_CONTEXT_MAX];
	size_t context_len;
	struct sn_usm_timeinfo ti;
	uint64_t salt;
	int depth;			/* reply handlers running */
	struct sn_v3_msg rx;		/* reused for every reply */
};

/* SNMPv3 steps of a request. */
enum v3phase {
	PH_PLAIN,	/* v1/v2c, or the v3 request itself */
	PH_PROBE	/* the discovery probe of RFC 3414 §4 */
};

struct sn_request {
	struct sn_session *s;
	struct sn_dreq *dr;
	sn_request_cb cb;
	void *ud;
	/* SNMPv3 */
	struct sn_pdu pdu;		/* a copy, to encode again */
	bool has_pdu;
	enum v3phase phase;
	int32_t id;			/* msgID and request-id */
	int resends;			/* after notInTimeWindow reports */
	bool resend;			/* set by the reply handler */
	int code;			/* security code from a report */
};

static int v3_open(struct sn_session *s, const struct sn_session_opts *opts,
    struct sn_error *err);
static void v3_free(struct v3state *v);
static int64_t now_s(const struct sn_session *s);
static void session_free(struct sn_session *s);
static int v3_send(struct sn_request *req, struct sn_error *err);
static void v3_recv(struct sn_dispatch *d, const uint8_t *buf, size_t len,
    void *ud);

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
	if (s->version == SN_V3 && (rc = v3_open(s, opts, err)) != 0)
		goto fail;
	if ((rc = sn_dispatch_open(loop, &peer, &s->d, err)) != 0)
		goto fail;
	if (s->v3 != NULL)
		sn_dispatch_set_raw(s->d, v3_recv, s);
	*out = s;
	return 0;
fail:
	v3_free(s->v3);
	free(s->peer);
	free(s->encbuf);
	free(s);
	return rc;
}

static void
session_free(struct sn_session *s)
{
	v3_free(s->v3);
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
	session_free(s);
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
	*time = ti->valid ? sn_usm_time_now(ti, now_s(s)) : 0;
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

static void
on_dreq(struct sn_dreq *r, int status, const struct sn_msg *resp, void *ud)
{
	struct sn_request *req = ud;

	(void)r;
	if (req->resend) {
		/* RFC 3414 §4: discovery done or time resynchronised */
		req->resend = false;
		if ((status = v3_send(req, NULL)) == 0)
			return;
	} else if (status == 0 && req->code != 0) {
		status = req->code;
	}
	/* the session may be closed by the callback: do not touch it after */
	req->cb(req, status, status == 0 ? &resp->pdu : NULL, req->ud);
	if (req->has_pdu)
		sn_pdu_clear(&req->pdu);
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
		sn_pdu_init(&req->pdu, pdu->type);
		if ((rc = sn_pdu_copy(&req->pdu, pdu)) != 0) {
			sn_pdu_clear(&req->pdu);
			free(req);
			return sn_error_set(err, rc, "out of memory");
		}
		req->has_pdu = true;
		if ((rc = v3_send(req, err)) != 0) {
			sn_pdu_clear(&req->pdu);
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
	    s->community_len, wire, len, s->timeout_ms, s->retries, on_dreq,
	    req, &req->dr, err);
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

/* --- SNMPv3 ------------------------------------------------------------ */

/* An SnmpEngineID (RFC 3411 §5: 5..32 octets) from hex text. */
static int
parse_engine_id(const char *opt, const char *text, uint8_t *out,
    size_t *outlen, struct sn_error *err)
{
	size_t n;

	if (sn_hex_decode(text, out, SN_USM_ENGINEID_MAX, &n, 0) != 0 ||
	    n < 5)
		return sn_error_set(err, SN_EINVAL, "%s %s: an engine ID is "
		    "5 to 32 octets in hexadecimal", opt, text);
	*outlen = n;
	return 0;
}

/* A key in hex ("0x" optional) into out (SN_USM_KEY_MAX octets). */
static int
parse_key(const char *opt, const char *text, uint8_t *out, size_t *outlen,
    struct sn_error *err)
{
	if (sn_hex_decode(text, out, SN_USM_KEY_MAX, outlen, 0) != 0) {
		sn_crypto_wipe(out, SN_USM_KEY_MAX);
		/* the key is a secret: not repeated in the message */
		return sn_error_set(err, SN_EINVAL, "%s: a key is at most %d "
		    "octets in hexadecimal", opt, SN_USM_KEY_MAX);
	}
	return 0;
}

/* The keys given instead of passphrases; lengths checked per protocol. */
static int
given_keys(struct v3state *v, const struct sn_session_opts *opts,
    struct sn_error *err)
{
	const struct sn_usm_auth_info *ai = sn_usm_auth_info(v->auth_proto);
	const struct sn_usm_priv_info *pi = sn_usm_priv_info(v->priv_proto);
	const char *ak = opts->auth_local_key != NULL ? opts->auth_local_key :
	    opts->auth_master_key;
	const char *pk = opts->priv_local_key != NULL ? opts->priv_local_key :
	    opts->priv_master_key;
	int rc;

	if ((ak == NULL || !v->auth) && (pk == NULL || !v->priv))
		return 0;
	if ((v->given = sn_secret_alloc(2 * SN_USM_KEY_MAX)) == NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	if (ak != NULL && v->auth) {
		v->auth_given_local = opts->auth_local_key != NULL;
		if ((rc = parse_key(v->auth_given_local ? "-3k" : "-3m", ak,
		    v->given, &v->auth_given_len, err)) != 0)
			return rc;
		if (v->auth_given_len != ai->key_len)
			return sn_error_set(err, SN_EINVAL, "%s: a %s key is "
			    "%zu octets", v->auth_given_local ? "-3k" : "-3m",
			    ai->name, ai->key_len);
	}
	if (pk != NULL && v->priv) {
		v->priv_given_local = opts->priv_local_key != NULL;
		if ((rc = parse_key(v->priv_given_local ? "-3K" : "-3M", pk,
		    v->given + SN_USM_KEY_MAX, &v->priv_given_len, err)) != 0)
			return rc;
		if (v->priv_given_len != ai->key_len &&
		    !(v->priv_given_local && v->priv_given_len == pi->key_len))
			return sn_error_set(err, SN_EINVAL, "%s: a %s key "
			    "for %s is %zu octets", v->priv_given_local ?
			    "-3K" : "-3M", pi->name, ai->name, ai->key_len);
	}
	return 0;
}

static int
copy_pass(const char *opt, const char *pass, uint8_t **out, size_t *outlen,
    struct sn_error *err)
{
	size_t n;

	if (pass == NULL)
		return sn_error_set(err, SN_EINVAL,
		    "%s: a passphrase is required at this security level",
		    opt);
	/* RFC 3414 §11.2; Net-SNMP refuses shorter ones too */
	if ((n = strlen(pass)) < SN_USM_PASS_MIN)
		return sn_error_set(err, SN_EINVAL,
		    "%s: the passphrase must be at least %d characters", opt,
		    SN_USM_PASS_MIN);
	if ((*out = sn_secret_alloc(n)) == NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	memcpy(*out, pass, n);
	*outlen = n;
	return 0;
}

static int
parse_level(const char *text, bool *auth, bool *priv)
{
	*auth = *priv = false;
	if (text == NULL || strcasecmp(text, "noAuthNoPriv") == 0 ||
	    strcasecmp(text, "noauth") == 0 || strcmp(text, "1") == 0)
		return 0;
	*auth = true;
	if (strcasecmp(text, "authNoPriv") == 0 ||
	    strcasecmp(text, "auth") == 0 || strcmp(text, "2") == 0)
		return 0;
	*priv = true;
	if (strcasecmp(text, "authPriv") == 0 ||
	    strcasecmp(text, "priv") == 0 || strcmp(text, "3") == 0)
		return 0;
	return SN_EINVAL;
}

static int
v3_open(struct sn_session *s, const struct sn_session_opts *opts,
    struct sn_error *err)
{
	struct v3state *v;
	const struct sn_usm_priv_info *pi;
	size_t n;
	int rc;

	if ((v = calloc(1, sizeof(*v))) == NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	s->v3 = v;
	sn_v3_msg_init(&v->rx);
	if (parse_level(opts->sec_level, &v->auth, &v->priv) != 0)
		return sn_error_set(err, SN_EINVAL, "-l %s: unknown security "
		    "level (noAuthNoPriv, authNoPriv or authPriv)",
		    opts->sec_level);
	n = opts->user != NULL ? strlen(opts->user) : 0;
	if (n > SN_USM_USER_MAX)
		return sn_error_set(err, SN_EINVAL,
		    "-u: a user name has at most %d octets", SN_USM_USER_MAX);
	if (n > 0)
		memcpy(v->user, opts->user, n);
	v->user_len = n;
	n = opts->context != NULL ? strlen(opts->context) : 0;
	if (n > SN_V3_CONTEXT_MAX)
		return sn_error_set(err, SN_EINVAL,
		    "-n: a context name has at most %d octets",
		    SN_V3_CONTEXT_MAX);
	if (n > 0)
		memcpy(v->context, opts->context, n);
	v->context_len = n;
	if (opts->sec_engine_id != NULL && (rc = parse_engine_id("-e",
	    opts->sec_engine_id, v->engine_id, &v->engine_id_len, err)) != 0)
		return rc;
	v->engine_fixed = v->engine_id_len > 0;
	if (opts->ctx_engine_id != NULL) {
		if ((rc = parse_engine_id("-E", opts->ctx_engine_id,
		    v->ctx_engine_id, &v->ctx_engine_id_len, err)) != 0)
			return rc;
		v->ctx_engine_set = true;
	}
	if (v->auth) {
		if (sn_usm_auth_parse(opts->auth_proto != NULL ?
		    opts->auth_proto : "MD5", &v->auth_proto) != 0)
			return sn_error_set(err, SN_EINVAL, "-a %s: unknown "
			    "authentication protocol", opts->auth_proto);
		if (opts->auth_master_key == NULL &&
		    opts->auth_local_key == NULL &&
		    (rc = copy_pass("-A", opts->auth_pass, &v->auth_pass,
		    &v->auth_pass_len, err)) != 0)
			return rc;
	}
	if (v->priv) {
		if (sn_usm_priv_parse(opts->priv_proto != NULL ?
		    opts->priv_proto : "DES", &v->priv_proto) != 0)
			return sn_error_set(err, SN_EINVAL, "-x %s: unknown "
			    "privacy protocol", opts->priv_proto);
		if (opts->priv_master_key == NULL &&
		    opts->priv_local_key == NULL &&
		    (rc = copy_pass("-X", opts->priv_pass, &v->priv_pass,
		    &v->priv_pass_len, err)) != 0)
			return rc;
	}
	if ((rc = given_keys(v, opts, err)) != 0)
		return rc;
	if ((v->keys = sn_secret_alloc(SN_USM_KEY_MAX +
	    SN_USM_PRIVKEY_MAX)) == NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	if ((rc = sn_crypto_new(&v->crypto, err)) != 0)
		return rc;
	if (v->priv) {
		pi = sn_usm_priv_info(v->priv_proto);
		if (pi == NULL || !sn_crypto_has_cipher(v->crypto, pi->cipher))
			return sn_error_set(err, SN_EPROTO, "-x %s: this "
			    "privacy protocol is not available",
			    opts->priv_proto);
	}
	if ((rc = sn_usm_keycache_new(&v->kc, err)) != 0)
		return rc;
	/* RFC 3826 §3.1.2.1: any 64-bit start; DES wants boots in the high
	 * half (RFC 3414 §8.1.1.1), ours are 0 as a non-authoritative
	 * engine without persistent state */
	if (sn_crypto_random(v->crypto, &v->salt, sizeof(v->salt), err) != 0)
		v->salt = (uint64_t)time(NULL);
	if (v->priv_proto == SN_PRIV_DES || v->priv_proto == SN_PRIV_3DES)
		v->salt &= 0xffffffffu;
	return 0;
}

static void
v3_free(struct v3state *v)
{
	if (v == NULL)
		return;
	sn_v3_msg_clear(&v->rx);
	sn_secret_free(v->auth_pass, v->auth_pass_len);
	sn_secret_free(v->priv_pass, v->priv_pass_len);
	sn_secret_free(v->keys, SN_USM_KEY_MAX + SN_USM_PRIVKEY_MAX);
	sn_secret_free(v->given, 2 * SN_USM_KEY_MAX);
	sn_usm_keycache_free(v->kc);
	sn_crypto_free(v->crypto);
	free(v);
}

/*
 * Localise the keys for the current engine ID: from passphrases through
 * the cache, from given master keys, or given localised keys as they are.
 */
static int
v3_keys(struct v3state *v, struct sn_error *err)
{
	const struct sn_usm_auth_info *ai;
	const struct sn_usm_priv_info *pi;
	uint8_t kul[SN_USM_KEY_MAX];
	const uint8_t *gp;
	int rc;

	if (v->keys_ready || !v->auth)
		return 0;
	ai = sn_usm_auth_info(v->auth_proto);
	/* RFC 3414 §2.6: keys are localised to the authoritative engine */
	rc = 0;
	if (v->auth_given_len == 0)
		rc = sn_usm_keycache_auth_key(v->kc, v->crypto, v->auth_proto,
		    v->auth_pass, v->auth_pass_len, v->engine_id,
		    v->engine_id_len, v->keys, err);
	else if (v->auth_given_local)
		memcpy(v->keys, v->given, ai->key_len);
	else
		rc = sn_usm_localize(v->crypto, ai->hash, v->given,
		    v->engine_id, v->engine_id_len, v->keys, err);
	if (rc != 0 || !v->priv)
		goto out;
	pi = sn_usm_priv_info(v->priv_proto);
	gp = v->given != NULL ? v->given + SN_USM_KEY_MAX : NULL;
	if (v->priv_given_len == 0) {
		rc = sn_usm_keycache_priv_key(v->kc, v->crypto, v->auth_proto,
		    v->priv_proto, v->priv_pass, v->priv_pass_len,
		    v->engine_id, v->engine_id_len, v->keys + SN_USM_KEY_MAX,
		    err);
	} else if (v->priv_given_local && v->priv_given_len == pi->key_len &&
	    v->priv_given_len != ai->key_len) {
		memcpy(v->keys + SN_USM_KEY_MAX, gp, pi->key_len);
	} else {
		if (v->priv_given_local)
			memcpy(kul, gp, ai->key_len);
		else
			rc = sn_usm_localize(v->crypto, ai->hash, gp,
			    v->engine_id, v->engine_id_len, kul, err);
		if (rc == 0)
			rc = sn_usm_priv_key(v->crypto, v->auth_proto,
			    v->priv_proto, kul, v->engine_id,
			    v->engine_id_len, v->keys + SN_USM_KEY_MAX, err);
		sn_crypto_wipe(kul, sizeof(kul));
	}
out:
	if (rc == 0)
		v->keys_ready = true;
	return rc;
}

static int64_t
now_s(const struct sn_session *s)
{
	return (int64_t)(sn_loop_now(s->loop) / 1000);
}

/*
 * The security parameters and scope of m for the authoritative engine
 * eid at its boots and time (RFC 3412 §6, RFC 3414 §2.4): the user, the
 * contextEngineID (RFC 3413 §3.1.1 and §3.3: the authoritative engine's
 * unless -E names another) and the contextName.
 */
static void
v3_scope(const struct v3state *v, struct sn_v3_msg *m, const uint8_t *eid,
    size_t eid_len, uint32_t boots, uint32_t time)
{
	memcpy(m->engine_id, eid, eid_len);
	m->engine_id_len = eid_len;
	m->boots = boots;
	m->time = time;
	memcpy(m->user, v->user, v->user_len);
	m->user_len = v->user_len;
	if (v->ctx_engine_set) {
		memcpy(m->context_engine_id, v->ctx_engine_id,
		    v->ctx_engine_id_len);
		m->context_engine_id_len = v->ctx_engine_id_len;
	} else {
		memcpy(m->context_engine_id, eid, eid_len);
		m->context_engine_id_len = eid_len;
	}
	memcpy(m->context_name, v->context, v->context_len);
	m->context_name_len = v->context_len;
}

/*
 * Encode and send req: the discovery probe while the engine ID is unknown
 * (RFC 3414 §4: noAuthNoPriv, reportable, empty engine ID and user, an
 * empty GET), else the request at the session's level.
 */
static int
v3_send(struct sn_request *req, struct sn_error *err)
{
	struct sn_session *s = req->s;
	struct v3state *v = s->v3;
	struct sn_v3_msg m;
	struct sn_v3_keys keys;
	uint8_t *wire;
	size_t len;
	int rc;

	if (s->closing)
		return sn_error_set(err, SN_ECANCELED, "session is closing");
	req->id = sn_dispatch_next_id(s->d);
	req->code = 0;
	memset(&m, 0, sizeof(m));
	m.msg_id = req->id;
	m.max_size = SN_MSG_MAX;
	m.security_model = SN_SECMODEL_USM;
	memset(&keys, 0, sizeof(keys));
	if (v->engine_id_len == 0) {
		req->phase = PH_PROBE;
		m.flags = SN_V3_FLAG_REPORTABLE;
		sn_pdu_init(&m.pdu, SN_PDU_GET);
		m.pdu.request_id = req->id;
	} else {
		req->phase = PH_PLAIN;
		if ((rc = v3_keys(v, err)) != 0)
			return rc;
		m.flags = sn_v3_flags(req->pdu.type, v->auth, v->priv);
		v3_scope(v, &m, v->engine_id, v->engine_id_len, v->ti.boots,
		    sn_usm_time_now(&v->ti, now_s(s)));
		/* a shallow view of the request's PDU: encoding only reads */
		m.pdu = req->pdu;
		m.pdu.request_id = req->id;
		keys.auth = v->auth ? v->auth_proto : SN_AUTH_NONE;
		keys.auth_key = v->keys;
		keys.priv = v->priv ? v->priv_proto : SN_PRIV_NONE;
		keys.priv_key = v->keys + SN_USM_KEY_MAX;
		keys.salt = v->salt++;
	}
	/* DES padding needs room past the message: keep 16 octets spare */
	rc = sn_v3_encode(v->crypto, &m, &keys, s->encbuf, SN_MSG_MAX - 16,
	    &wire, &len, err);
	if (rc != 0)
		return rc;
	return sn_dispatch_send(s->d, req->id, SN_V3, NULL, 0, wire, len,
	    s->timeout_ms, s->retries, on_dreq, req, &req->dr, err);
}

/* snmpUnavailableContexts and snmpUnknownContexts: 1.3.6.1.6.3.12.1.4-5 */
static const struct sn_oid unknown_contexts = {
	9, { 1, 3, 6, 1, 6, 3, 12, 1, 4 }
};
static const struct sn_oid unknown_contexts_end = {
	9, { 1, 3, 6, 1, 6, 3, 12, 1, 6 }
};

/* Complete r after a report: resend (discovery, time) or fail with code. */
static void
v3_report(struct sn_request *req, struct sn_dreq *r, struct sn_v3_msg *m,
    int code)
{
	struct sn_session *s = req->s;
	struct v3state *v = s->v3;
	struct sn_msg out;

	if (req->phase == PH_PROBE && m->engine_id_len > 0) {
		/* RFC 3414 §4: learn snmpEngineID, boots and time */
		memcpy(v->engine_id, m->engine_id, m->engine_id_len);
		v->engine_id_len = m->engine_id_len;
		v->keys_ready = false;
		sn_usm_time_sync(&v->ti, now_s(s), m->boots, m->time);
		req->resend = true;
	} else if (code == SN_ENOTINTIMEWINDOW && req->resends == 0 &&
	    (m->flags & SN_V3_FLAG_AUTH) != 0) {
		/* RFC 3414 §4: an authenticated notInTimeWindow report
		 * carries the agent's boots and time; resend once */
		sn_usm_time_sync(&v->ti, now_s(s), m->boots, m->time);
		req->resends++;
		req->resend = true;
	} else if (code == SN_EUNKNOWNENGINEID && req->resends == 0 &&
	    !v->engine_fixed) {
		/* the agent has a new engine ID (RFC 3414 §4): discover
		 * it again, once */
		v->engine_id_len = 0;
		v->keys_ready = false;
		memset(&v->ti, 0, sizeof(v->ti));
		req->resends++;
		req->resend = true;
	} else if (code != 0) {
		req->code = code;
	} else if (m->pdu.vbl.len > 0 &&
	    sn_oid_cmp(&m->pdu.vbl.vb[0].name, &unknown_contexts) >= 0 &&
	    sn_oid_cmp(&m->pdu.vbl.vb[0].name, &unknown_contexts_end) < 0) {
		/* SNMP-TARGET-MIB snmpUnavailableContexts, snmpUnknown-
		 * Contexts (RFC 3413 §4.1.2): the context is not there */
		req->code = SN_ENOACCESS;
	} else {
		/* another report (RFC 3412 §7.2 snmpUnknownPDUHandlers...) */
		req->code = SN_EPROTO;
	}
	memset(&out, 0, sizeof(out));
	out.version = SN_V3;
	out.pdu = m->pdu;
	sn_dreq_complete(r, 0, &out);
}

static void
v3_recv(struct sn_dispatch *d, const uint8_t *buf, size_t len, void *ud)
{
	struct sn_session *s = ud;
	struct v3state *v = s->v3;
	struct sn_v3_msg *m = &v->rx, *heap = NULL;
	struct sn_request *req;
	struct sn_dreq *r;
	struct sn_msg out;
	bool authed;
	int code;

	if (v->depth > 0) {
		/* a callback runs the loop again: v->rx is in use */
		if ((heap = malloc(sizeof(*heap))) == NULL)
			return;
		sn_v3_msg_init(heap);
		m = heap;
	}
	v->depth++;
	if (sn_v3_decode(buf, len, m, NULL) != 0) {
		sn_dispatch_count_drop(d, 0);
		goto drop;
	}
	/* RFC 3412 §7.2 step 10: match the outstanding request by msgID */
	if ((r = sn_dispatch_find(d, m->msg_id)) == NULL) {
		sn_dispatch_count_drop(d, 1);
		goto drop;
	}
	req = sn_dreq_ud(r);
	authed = (m->flags & SN_V3_FLAG_AUTH) != 0;
	if (authed) {
		/* RFC 3414 §3.2 steps 3, 6: our user at our engine */
		if (!v->auth || !v->keys_ready || req->phase == PH_PROBE ||
		    m->engine_id_len != v->engine_id_len ||
		    memcmp(m->engine_id, v->engine_id, v->engine_id_len) != 0 ||
		    m->user_len != v->user_len ||
		    memcmp(m->user, v->user, v->user_len) != 0 ||
		    sn_v3_authenticate(v->crypto, buf, len, m, v->auth_proto,
		    v->keys, NULL) != 0) {
			sn_dispatch_count_drop(d, 2);
			goto drop;
		}
		/* RFC 3414 §3.2 step 7b: timeliness of an authentic reply;
		 * a report is exempt (it may be the one resynchronising) */
		if (m->pdu.type != SN_PDU_REPORT &&
		    (m->flags & SN_V3_FLAG_PRIV) == 0 &&
		    sn_usm_time_check_remote(&v->ti, now_s(s), m->boots,
		    m->time) != 0) {
			sn_dispatch_count_drop(d, 2);
			goto drop;
		}
	}
	if ((m->flags & SN_V3_FLAG_PRIV) != 0) {
		/* RFC 3414 §3.2 step 8 */
		if (!v->priv || sn_v3_decrypt(v->crypto, m, v->priv_proto,
		    v->keys + SN_USM_KEY_MAX, NULL) != 0) {
			sn_dispatch_count_drop(d, 2);
			goto drop;
		}
		if (m->pdu.type != SN_PDU_REPORT &&
		    sn_usm_time_check_remote(&v->ti, now_s(s), m->boots,
		    m->time) != 0) {
			sn_dispatch_count_drop(d, 2);
			goto drop;
		}
	}
	if (m->pdu.type == SN_PDU_REPORT) {
		/* RFC 3412 §7.2 step 10b: a report matches by msgID alone; it
		 * may come at a lower level (an unauthenticated usmStats) */
		code = m->pdu.vbl.len > 0 ?
		    sn_usm_stats_code(&m->pdu.vbl.vb[0].name) : 0;
		v3_report(req, r, m, code);
		goto done;
	}
	/* RFC 3412 §7.2 step 10a: a Response at the request's level, from
	 * the engine and for the user it went to, with its request-id */
	if (m->pdu.type != SN_PDU_RESPONSE || req->phase == PH_PROBE ||
	    m->pdu.request_id != req->id || authed != v->auth ||
	    ((m->flags & SN_V3_FLAG_PRIV) != 0) != v->priv ||
	    m->user_len != v->user_len ||
	    memcmp(m->user, v->user, v->user_len) != 0) {
		sn_dispatch_count_drop(d, 2);
		goto drop;
	}
	memset(&out, 0, sizeof(out));
	out.version = SN_V3;
	out.pdu = m->pdu;
	sn_dreq_complete(r, 0, &out);
	goto done;
drop:
done:
	/* d may be gone (the callback closed the session); s and v wait */
	if (heap != NULL) {
		sn_v3_msg_clear(heap);
		free(heap);
	}
	if (--v->depth == 0 && s->closing)
		session_free(s);
}

/* --- unconfirmed PDUs (notify_tx.c) ------------------------------------ */

/*
 * The session user's keys localised to a local engine ID (a trap's
 * authoritative engine is its sender, RFC 3414 §1.5.1 and §2.6), into
 * keys (SN_USM_KEY_MAX + SN_USM_PRIVKEY_MAX octets, secret).
 */
static int
v3_local_keys(struct v3state *v, const uint8_t *id, size_t len,
    uint8_t *keys, struct sn_error *err)
{
	const struct sn_usm_auth_info *ai = sn_usm_auth_info(v->auth_proto);
	const struct sn_usm_priv_info *pi = sn_usm_priv_info(v->priv_proto);
	uint8_t kul[SN_USM_KEY_MAX];
	const uint8_t *gp = v->given != NULL ? v->given + SN_USM_KEY_MAX :
	    NULL;
	int rc = 0;

	if (!v->auth)
		return 0;
	if (v->auth_given_len == 0)
		rc = sn_usm_keycache_auth_key(v->kc, v->crypto, v->auth_proto,
		    v->auth_pass, v->auth_pass_len, id, len, keys, err);
	else if (v->auth_given_local)
		memcpy(keys, v->given, ai->key_len);
	else
		rc = sn_usm_localize(v->crypto, ai->hash, v->given, id, len,
		    keys, err);
	if (rc != 0 || !v->priv)
		return rc;
	if (v->priv_given_len == 0)
		return sn_usm_keycache_priv_key(v->kc, v->crypto,
		    v->auth_proto, v->priv_proto, v->priv_pass,
		    v->priv_pass_len, id, len, keys + SN_USM_KEY_MAX, err);
	if (v->priv_given_local && v->priv_given_len == pi->key_len &&
	    v->priv_given_len != ai->key_len) {
		memcpy(keys + SN_USM_KEY_MAX, gp, pi->key_len);
		return 0;
	}
	if (v->priv_given_local)
		memcpy(kul, gp, ai->key_len);
	else
		rc = sn_usm_localize(v->crypto, ai->hash, gp, id, len, kul,
		    err);
	if (rc == 0)
		rc = sn_usm_priv_key(v->crypto, v->auth_proto, v->priv_proto,
		    kul, id, len, keys + SN_USM_KEY_MAX, err);
	sn_crypto_wipe(kul, sizeof(kul));
	return rc;
}

int
sn_session_send_unconfirmed(struct sn_session *s, const struct sn_pdu *pdu,
    const uint8_t *engine_id, size_t engine_id_len, uint32_t boots,
    uint32_t time, struct sn_error *err)
{
	struct v3state *v = s->v3;
	struct sn_v3_msg m;
	struct sn_v3_keys keys;
	struct sn_msg cm;
	uint8_t *wire, *k;
	size_t len;
	int rc;

	if (s->closing)
		return sn_error_set(err, SN_ECANCELED, "session is closing");
	if (v == NULL) {
		/* a shallow view of the caller's PDU: encoding only reads */
		memset(&cm, 0, sizeof(cm));
		cm.version = s->version;
		memcpy(cm.community, s->community, s->community_len);
		cm.community_len = s->community_len;
		cm.pdu = *pdu;
		cm.pdu.request_id = sn_dispatch_next_id(s->d);
		rc = sn_msg_encode(&cm, s->encbuf, SN_MSG_MAX, &wire, &len,
		    err);
		return rc != 0 ? rc : sn_dispatch_send_once(s->d, wire, len,
		    err);
	}
	if (v->engine_fixed) {
		engine_id = v->engine_id;
		engine_id_len = v->engine_id_len;
	}
	if (engine_id == NULL || engine_id_len < 5 ||
	    engine_id_len > SN_USM_ENGINEID_MAX)
		return sn_error_set(err, SN_EINVAL,
		    "a trap needs a local engine ID of 5 to 32 octets");
	if ((k = sn_secret_alloc(SN_USM_KEY_MAX + SN_USM_PRIVKEY_MAX)) ==
	    NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	if ((rc = v3_local_keys(v, engine_id, engine_id_len, k, err)) != 0)
		goto out;
	memset(&m, 0, sizeof(m));
	m.msg_id = sn_dispatch_next_id(s->d);
	m.max_size = SN_MSG_MAX;
	m.security_model = SN_SECMODEL_USM;
	/* RFC 3412 §6.4: a trap is not reportable */
	m.flags = sn_v3_flags(pdu->type, v->auth, v->priv);
	v3_scope(v, &m, engine_id, engine_id_len, boots, time);
	m.pdu = *pdu;
	m.pdu.request_id = m.msg_id;
	memset(&keys, 0, sizeof(keys));
	keys.auth = v->auth ? v->auth_proto : SN_AUTH_NONE;
	keys.auth_key = k;
	keys.priv = v->priv ? v->priv_proto : SN_PRIV_NONE;
	keys.priv_key = k + SN_USM_KEY_MAX;
	/* RFC 3414 §8.1.1.1: DES salt is the sender's boots || counter */
	keys.salt = v->salt++;
	if (v->priv_proto == SN_PRIV_DES || v->priv_proto == SN_PRIV_3DES)
		keys.salt = (uint64_t)boots << 32 | (uint32_t)keys.salt;
	rc = sn_v3_encode(v->crypto, &m, &keys, s->encbuf, SN_MSG_MAX - 16,
	    &wire, &len, err);
	if (rc == 0)
		rc = sn_dispatch_send_once(s->d, wire, len, err);
out:
	sn_secret_free(k, SN_USM_KEY_MAX + SN_USM_PRIVKEY_MAX);
	return rc;
}
