/*
 * The SNMPv3 side of the command generator (RFC 3412 with the User-based
 * Security Model of RFC 3414), the session being the non-authoritative
 * engine: the session's USM options and keys (passphrases, RFC 3414 A.2,
 * or keys given in hex), discovery of the agent's engine ID, boots and
 * time (RFC 3414 §4) with a probe, keys localised once per engine ID
 * (RFC 3414 §2.6), requests encoded at the session's level, replies
 * matched by msgID (RFC 3412 §7.2 step 10), verified and decrypted (RFC
 * 3414 §3.2), usmStats reports turned into security codes with one resend
 * after notInTimeWindow, and traps sent with the local engine
 * authoritative (RFC 3414 §1.5.1, for notify_tx.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sn/session.h>

#include "engine/cmdgen_int.h"

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

int
sn_cmdgen_v3_open(struct sn_session *s, const struct sn_session_opts *opts,
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
	sn_vbl_init(&v->spare);
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

void
sn_cmdgen_v3_free(struct v3state *v)
{
	if (v == NULL)
		return;
	sn_v3_msg_clear(&v->rx);
	sn_vbl_clear(&v->spare);
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
 * A request keeps its PDU until it completes, as a resend after a report
 * encodes it again.  A walk sends one request per reply: recycling the
 * varbind storage (an array of 16 varbinds of ~1 KiB each and a string
 * chunk) spares an allocation and a free of ~20 KiB per message.
 */
int
sn_cmdgen_v3_pdu_keep(struct sn_request *req, const struct sn_pdu *pdu)
{
	struct v3state *v = req->s->v3;
	int rc;

	sn_pdu_init(&req->pdu, pdu->type);
	if (v->spare.vb != NULL || v->spare.chunks != NULL) {
		req->pdu.vbl = v->spare;
		sn_vbl_init(&v->spare);
	}
	if ((rc = sn_pdu_copy(&req->pdu, pdu)) != 0) {
		sn_pdu_clear(&req->pdu);
		return rc;
	}
	req->has_pdu = true;
	return 0;
}

void
sn_cmdgen_v3_pdu_done(struct sn_request *req)
{
	struct v3state *v;

	if (!req->has_pdu)
		return;
	req->has_pdu = false;
	v = req->s->v3;
	if (v != NULL && !req->s->closing && v->spare.vb == NULL &&
	    v->spare.chunks == NULL) {
		sn_vbl_reset(&req->pdu.vbl);
		v->spare = req->pdu.vbl;
		sn_vbl_init(&req->pdu.vbl);
	}
	sn_pdu_clear(&req->pdu);
}

/*
 * Shallow views (the varbind list shared, not copied) built field by
 * field: a message pair would otherwise clear and copy about 3 KiB of
 * structures, mostly the unused enterprise OID (516 octets) and the
 * community buffer, which costs more than its BER.
 */
static void
pdu_view(struct sn_pdu *dst, const struct sn_pdu *src)
{
	size_t n = src->enterprise.len <= SN_OID_MAX_LEN ?
	    src->enterprise.len : SN_OID_MAX_LEN;

	dst->type = src->type;
	dst->request_id = src->request_id;
	dst->error_status = src->error_status;
	dst->error_index = src->error_index;
	dst->enterprise.len = src->enterprise.len;
	memcpy(dst->enterprise.sub, src->enterprise.sub,
	    n * sizeof(src->enterprise.sub[0]));
	memcpy(dst->agent_addr, src->agent_addr, sizeof(dst->agent_addr));
	dst->generic_trap = src->generic_trap;
	dst->specific_trap = src->specific_trap;
	dst->time_stamp = src->time_stamp;
	dst->vbl = src->vbl;
}

/* A v3 reply as the dispatcher's message: only the PDU is read. */
static void
msg_view(struct sn_msg *out, const struct sn_v3_msg *m)
{
	out->version = SN_V3;
	out->community_len = 0;
	pdu_view(&out->pdu, &m->pdu);
}

/* The fields of an outgoing message that sn_v3_encode reads, cleared. */
static void
msg_start(struct sn_v3_msg *m, int32_t id)
{
	m->msg_id = id;
	m->max_size = SN_MSG_MAX;
	m->flags = 0;
	m->security_model = SN_SECMODEL_USM;
	m->engine_id_len = 0;
	m->boots = m->time = 0;
	m->user_len = 0;
	m->auth_params = m->priv_params = m->encrypted = NULL;
	m->auth_params_len = m->priv_params_len = m->encrypted_len = 0;
	m->auth_params_off = 0;
	m->drop = SN_V3_DROP_NONE;
	m->plain = NULL;
	m->plain_cap = 0;
	m->context_engine_id_len = 0;
	m->context_name_len = 0;
}

/*
 * Encode and send req: the discovery probe while the engine ID is unknown
 * (RFC 3414 §4: noAuthNoPriv, reportable, empty engine ID and user, an
 * empty GET), else the request at the session's level.
 */
int
sn_cmdgen_v3_send(struct sn_request *req, struct sn_error *err)
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
	msg_start(&m, req->id);
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
		    sn_usm_time_now(&v->ti, sn_cmdgen_now_s(s)));
		/* a shallow view of the request's PDU: encoding only reads */
		pdu_view(&m.pdu, &req->pdu);
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
	    s->timeout_ms, s->retries, sn_cmdgen_on_dreq, req, &req->dr, err);
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
		sn_usm_time_sync(&v->ti, sn_cmdgen_now_s(s), m->boots, m->time);
		req->resend = true;
	} else if (code == SN_ENOTINTIMEWINDOW && req->resends == 0 &&
	    (m->flags & SN_V3_FLAG_AUTH) != 0) {
		/* RFC 3414 §4: an authenticated notInTimeWindow report
		 * carries the agent's boots and time; resend once */
		sn_usm_time_sync(&v->ti, sn_cmdgen_now_s(s), m->boots, m->time);
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
	msg_view(&out, m);
	sn_dreq_complete(r, 0, &out);
}

void
sn_cmdgen_v3_recv(struct sn_dispatch *d, const uint8_t *buf, size_t len,
    void *ud)
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
		    sn_usm_time_check_remote(&v->ti, sn_cmdgen_now_s(s),
		    m->boots, m->time) != 0) {
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
		    sn_usm_time_check_remote(&v->ti, sn_cmdgen_now_s(s),
		    m->boots, m->time) != 0) {
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
	msg_view(&out, m);
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
		sn_cmdgen_session_free(s);
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
