/*
 * The notification receiver of RFC 3413 §3.4: listeners on one or more
 * transports accepting SNMPv1 Trap-PDUs (RFC 1157 §4.1.6), SNMPv2-Trap-PDUs
 * and InformRequest-PDUs (RFC 3416 §4.2.6-§4.2.7, answered with a Response
 * carrying the same request-id and varbinds) in community messages and in
 * SNMPv3 messages with USM (RFC 3412 §7.2, RFC 3414 §3.2).
 *
 * SNMPv3 roles (RFC 3414 §1.5.1): a trap is not reportable and its sender
 * is authoritative, so its msgAuthoritativeEngineID names the sender's
 * engine: each user's keys are localised (RFC 3414 §2.6) to each new
 * engine ID on first sight and kept in a bounded table of remote engines
 * together with their boots and time (RFC 3414 §2.3, §3.2 step 7b), so
 * that any number of senders work without being registered one by one.
 * An inform is reportable and the receiver is authoritative: the
 * listener's own engine ID, boots and time; a probe with another engine ID
 * gets the usmStatsUnknownEngineIDs report that makes the sender discover
 * us (RFC 3414 §4), an untimely one the authenticated notInTimeWindow
 * report (§3.2 step 7a).  What is dropped is counted.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sn/notify.h>

#include "engine/crypto.h"
#include "engine/mp_v3.h"
#include "engine/notify.h"
#include "engine/transport.h"
#include "engine/usm.h"
#include "engine/usm_local.h"

/* IANA's enterprise number for documentation (RFC 5612). */
#define DOC_PEN 32473u
/* Remote (trap sending) engines whose keys and time we keep. */
#define REMOTES_MAX 256

/* A remote engine seen with one user: localised keys and its clock. */
struct remote {
	uint8_t id[SN_USM_ENGINEID_MAX];
	size_t id_len;
	size_t user;			/* index in users */
	uint64_t used;			/* LRU tick */
	struct sn_usm_timeinfo ti;
	uint8_t *keys;			/* auth then priv, secret */
};
#define RKEYS_SIZE (SN_USM_KEY_MAX + SN_USM_PRIVKEY_MAX)

struct lsock {
	struct sn_listener *l;
	struct sn_transport *t;
	char addr[SN_TADDR_STR_MAX];
};

struct community {
	uint8_t *s;
	size_t len;
};

struct sn_listener {
	struct sn_loop *loop;
	sn_notification_cb cb;
	void *ud;
	struct lsock **socks;
	size_t nsocks;
	struct community *comms;
	size_t ncomms;
	struct remote *remotes;		/* REMOTES_MAX slots */
	size_t nremotes;
	uint64_t tick;
	struct sn_usm_local loc;	/* our engine (informs) and users */
	struct sn_listener_stats stats;
	/* reused for every message */
	struct sn_msg in;
	struct sn_msg out;
	struct sn_v3_msg v3in;
	struct sn_v3_msg v3out;
	struct sn_vbl conv;		/* the v2 form of a v1 trap */
	uint8_t *buf;			/* SN_MSG_MAX octets */
	uint8_t *scratch;		/* keys of a new sender, secret */
	int depth;			/* callbacks running */
	bool closing;
	bool reply_response;		/* the reply is a Response */
};

static int64_t
now_s(const struct sn_listener *l)
{
	return l->loop != NULL ? (int64_t)(sn_loop_now(l->loop) / 1000) : 0;
}

int
sn_listener_new(struct sn_loop *loop, sn_notification_cb cb, void *ud,
    struct sn_listener **out, struct sn_error *err)
{
	struct sn_listener *l;
	struct sn_usm_local *lc;
	time_t now = time(NULL);
	int rc;

	*out = NULL;
	if ((l = calloc(1, sizeof(*l))) == NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	lc = &l->loc;
	l->loop = loop;
	l->cb = cb;
	l->ud = ud;
	sn_msg_init(&l->in);
	sn_msg_init(&l->out);
	sn_pdu_init(&l->out.pdu, SN_PDU_RESPONSE);
	sn_v3_msg_init(&l->v3in);
	sn_v3_msg_init(&l->v3out);
	sn_vbl_init(&l->conv);
	l->remotes = calloc(REMOTES_MAX, sizeof(*l->remotes));
	l->buf = malloc(SN_MSG_MAX);
	l->scratch = sn_secret_alloc(RKEYS_SIZE);
	if (l->remotes == NULL || l->buf == NULL || l->scratch == NULL) {
		sn_listener_close(l);
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	}
	lc->opt_words = true;
	if ((rc = sn_usm_local_init(lc, now_s(l), err)) != 0) {
		sn_listener_close(l);
		return rc;
	}
	/* RFC 3411 §5 format 5 (octets, administratively assigned) */
	lc->engine_id[0] = 0x80 | (uint8_t)(DOC_PEN >> 24);
	lc->engine_id[1] = (uint8_t)(DOC_PEN >> 16);
	lc->engine_id[2] = (uint8_t)(DOC_PEN >> 8);
	lc->engine_id[3] = (uint8_t)DOC_PEN;
	lc->engine_id[4] = 5;
	if (sn_crypto_random(lc->crypto, lc->engine_id + 5, 8, NULL) != 0)
		memcpy(lc->engine_id + 5, &now, sizeof(now) < 8 ?
		    sizeof(now) : 8);
	lc->engine_id_len = 13;
	*out = l;
	return 0;
}

static void
remotes_forget(struct sn_listener *l)
{
	size_t i;

	for (i = 0; i < l->nremotes; i++)
		sn_secret_free(l->remotes[i].keys, RKEYS_SIZE);
	l->nremotes = 0;
}

static void
listener_free(struct sn_listener *l)
{
	size_t i;

	for (i = 0; i < l->nsocks; i++)
		free(l->socks[i]);
	free(l->socks);
	for (i = 0; i < l->ncomms; i++)
		free(l->comms[i].s);
	free(l->comms);
	sn_usm_local_clear(&l->loc);
	if (l->remotes != NULL)
		remotes_forget(l);
	free(l->remotes);
	sn_msg_clear(&l->in);
	sn_msg_clear(&l->out);
	sn_v3_msg_clear(&l->v3in);
	sn_v3_msg_clear(&l->v3out);
	sn_vbl_clear(&l->conv);
	sn_secret_free(l->scratch, RKEYS_SIZE);
	free(l->buf);
	free(l);
}

void
sn_listener_close(struct sn_listener *l)
{
	size_t i;

	if (l == NULL || l->closing)
		return;
	l->closing = true;
	/* the lsock structures live on until listener_free: a callback
	 * closing us may still hold their addresses */
	for (i = 0; i < l->nsocks; i++) {
		sn_transport_close(l->socks[i]->t);
		l->socks[i]->t = NULL;
	}
	if (l->depth == 0)
		listener_free(l);
}

const char *
sn_listener_address(const struct sn_listener *l, size_t i)
{
	return i < l->nsocks ? l->socks[i]->addr : NULL;
}

int
sn_listener_add_community(struct sn_listener *l, const char *community)
{
	size_t len = strlen(community);
	struct community *p;

	if (len > SN_COMMUNITY_MAX)
		return SN_ETOOLONG;
	p = realloc(l->comms, (l->ncomms + 1) * sizeof(*p));
	if (p == NULL)
		return SN_ENOMEM;
	l->comms = p;
	if ((p[l->ncomms].s = malloc(len ? len : 1)) == NULL)
		return SN_ENOMEM;
	memcpy(p[l->ncomms].s, community, len);
	p[l->ncomms].len = len;
	l->ncomms++;
	return 0;
}

int
sn_listener_add_user(struct sn_listener *l, const struct sn_notify_user *user,
    struct sn_error *err)
{
	struct sn_usm_user_spec spec = {
		user->name, user->auth_proto, user->auth_pass,
		user->priv_proto, user->priv_pass, false
	};
	int rc;

	if ((rc = sn_usm_local_add_user(&l->loc, &spec, err)) == 0)
		/* keys localised for the old user are stale */
		remotes_forget(l);
	return rc;
}

int
sn_listener_set_engine_id(struct sn_listener *l, const uint8_t *id,
    size_t len, uint32_t boots, struct sn_error *err)
{
	return sn_usm_local_set_engine(&l->loc, id, len, boots, now_s(l),
	    err);
}

size_t
sn_listener_engine_id(const struct sn_listener *l, uint8_t *buf, size_t cap)
{
	memcpy(buf, l->loc.engine_id, l->loc.engine_id_len < cap ?
	    l->loc.engine_id_len : cap);
	return l->loc.engine_id_len;
}

void
sn_listener_stats(const struct sn_listener *l, struct sn_listener_stats *out)
{
	*out = l->stats;
}

/* ---- delivery ---- */

/* The uptime and trap OID of an SNMPv2 notification (RFC 3416 §4.2.6). */
static void
v2_fields(const struct sn_vbl *vbl, struct sn_notification *n)
{
	if (vbl->len > 0 && vbl->vb[0].value.type == SN_T_TIMETICKS &&
	    sn_oid_cmp(&vbl->vb[0].name, &sn_oid_sysuptime0) == 0)
		n->uptime = vbl->vb[0].value.v.u;
	if (vbl->len > 1 && vbl->vb[1].value.type == SN_T_OID &&
	    sn_oid_cmp(&vbl->vb[1].name, &sn_oid_snmptrapoid0) == 0)
		n->trap_oid = vbl->vb[1].value.v.oid;
}

static void
deliver(struct sn_listener *l, struct sn_notification *n)
{
	switch (n->type) {
	case SN_PDU_TRAP_V1:
		l->stats.traps_v1++;
		break;
	case SN_PDU_INFORM:
		l->stats.informs++;
		break;
	default:
		l->stats.traps_v2++;
		break;
	}
	l->stats.accepted++;
	if (l->cb == NULL)
		return;
	l->depth++;
	l->cb(l, n, l->ud);
	l->depth--;
}

/*
 * RFC 3416 §4.2.7: the Response to an inform carries the same request-id
 * and varbinds, error-status noError.  SN_ENOMEM.
 */
static int
inform_response(struct sn_pdu *out, const struct sn_pdu *in)
{
	out->type = SN_PDU_RESPONSE;
	out->request_id = in->request_id;
	out->error_status = 0;
	out->error_index = 0;
	return sn_vbl_copy(&out->vbl, &in->vbl) != 0 ? SN_ENOMEM : 0;
}

/* ---- SNMPv1 and SNMPv2c ---- */

static bool
community_ok(const struct sn_listener *l, const uint8_t *s, size_t len)
{
	size_t i, k;
	unsigned diff;

	if (l->ncomms == 0)
		return true;
	for (i = 0; i < l->ncomms; i++) {
		if (l->comms[i].len != len)
			continue;
		/* no early exit on the first differing byte */
		for (diff = 0, k = 0; k < len; k++)
			diff |= (unsigned)(l->comms[i].s[k] ^ s[k]);
		if (diff == 0)
			return true;
	}
	return false;
}

static int
input_community(struct sn_listener *l, const uint8_t *buf, size_t len,
    struct sn_notification *n, const uint8_t **reply, size_t *replylen)
{
	struct sn_msg *m = &l->in;
	uint8_t *wire;
	size_t wlen;
	int rc;

	if ((rc = sn_msg_decode(buf, len, m, NULL)) != 0) {
		if (rc == SN_EVERSION)
			l->stats.bad_versions++;	/* RFC 3412 §4.2.1 */
		else
			l->stats.parse_errs++;
		return rc;
	}
	/* RFC 3584 §5.2.1 and RFC 1157 §4.1: unknown community, dropped */
	if (!community_ok(l, m->community, m->community_len)) {
		l->stats.bad_community++;
		return SN_EAUTH;
	}
	if ((m->version == SN_V1 && m->pdu.type != SN_PDU_TRAP_V1) ||
	    (m->version == SN_V2C && m->pdu.type != SN_PDU_TRAP &&
	    m->pdu.type != SN_PDU_INFORM)) {
		l->stats.bad_pdu_type++;
		return SN_EINVAL;
	}
	n->version = m->version;
	n->type = m->pdu.type;
	n->community = m->community;
	n->community_len = m->community_len;
	n->pdu = &m->pdu;
	if (m->pdu.type == SN_PDU_TRAP_V1) {
		/* RFC 3584 §3.1: shown in the SNMPv2 form too */
		if ((rc = sn_trap_v1_to_v2(&m->pdu, m->community,
		    m->community_len, &l->conv, &n->trap_oid, NULL)) != 0) {
			l->stats.parse_errs++;
			return rc;
		}
		n->uptime = m->pdu.time_stamp;
		n->vbl = &l->conv;
	} else {
		n->vbl = &m->pdu.vbl;
		v2_fields(n->vbl, n);
	}
	if (m->pdu.type == SN_PDU_INFORM) {
		l->out.version = m->version;
		if (sn_msg_set_community(&l->out, m->community,
		    m->community_len) != 0 ||
		    inform_response(&l->out.pdu, &m->pdu) != 0)
			return SN_ENOMEM;
		if (sn_msg_encode(&l->out, l->buf, SN_MSG_MAX, &wire, &wlen,
		    NULL) == 0) {
			*reply = wire;
			*replylen = wlen;
			l->reply_response = true;
		}
	}
	return 0;
}

/* ---- SNMPv3 ---- */

/* The remote engine entry of (engine ID, user), or NULL. */
static struct remote *
remote_find(struct sn_listener *l, const uint8_t *id, size_t len,
    const struct sn_usm_user *us)
{
	size_t i, ui = (size_t)(us - l->loc.users);
	struct remote *r;

	for (i = 0; i < l->nremotes; i++) {
		r = &l->remotes[i];
		if (r->user == ui && r->id_len == len &&
		    memcmp(r->id, id, len) == 0) {
			r->used = ++l->tick;
			return r;
		}
	}
	return NULL;
}

/*
 * Remember (engine ID, user) with the keys localised to it, once a
 * message from it has authenticated: unauthenticated traffic cannot
 * evict entries or reset their clocks.  The least recently used entry
 * is replaced when the table is full.  NULL when out of memory.
 */
static struct remote *
remote_add(struct sn_listener *l, const uint8_t *id, size_t len,
    const struct sn_usm_user *us, const uint8_t *keys)
{
	size_t i, victim = 0;
	struct remote *r;

	if (l->nremotes < REMOTES_MAX) {
		r = &l->remotes[l->nremotes];
		if ((r->keys = sn_secret_alloc(RKEYS_SIZE)) == NULL)
			return NULL;
		l->nremotes++;
	} else {
		for (i = 1; i < l->nremotes; i++) {
			if (l->remotes[i].used < l->remotes[victim].used)
				victim = i;
		}
		r = &l->remotes[victim];
	}
	memcpy(r->id, id, len);
	r->id_len = len;
	r->user = (size_t)(us - l->loc.users);
	r->used = ++l->tick;
	memset(&r->ti, 0, sizeof(r->ti));
	memcpy(r->keys, keys, RKEYS_SIZE);
	return r;
}

static int
encode_out(struct sn_listener *l, const struct sn_usm_user *us,
    const uint8_t **reply, size_t *replylen)
{
	uint8_t *wire;
	size_t wlen;
	int rc;

	rc = sn_usm_local_encode(&l->loc, &l->v3out, us, l->buf, SN_MSG_MAX,
	    &wire, &wlen);
	if (rc == 0) {
		*reply = wire;
		*replylen = wlen;
	}
	return rc;
}

/*
 * A usmStats report (RFC 3412 §7.1 step 3, RFC 3414 §3.1) for a reportable
 * message: noAuthNoPriv, or authNoPriv for notInTimeWindow (RFC 3414 §3.2
 * step 7a).  Returns code (the message is dropped either way).
 */
static int
report(struct sn_listener *l, const struct sn_v3_msg *in,
    const struct sn_usm_user *us, int code, unsigned long *counter,
    const uint8_t **reply, size_t *replylen)
{
	struct sn_oid oid;
	struct sn_value v;

	(*counter)++;
	if ((in->flags & SN_V3_FLAG_REPORTABLE) == 0 ||
	    sn_usm_stats_oid(code, &oid) != 0)
		return code;
	sn_usm_local_header(&l->loc, &l->v3out, in, now_s(l));
	l->v3out.flags = us != NULL ? SN_V3_FLAG_AUTH : 0;
	sn_vbl_reset(&l->v3out.pdu.vbl);
	l->v3out.pdu.type = SN_PDU_REPORT;
	/* the request-id when the ScopedPDU could be read, else 0 */
	l->v3out.pdu.request_id = (in->flags & SN_V3_FLAG_PRIV) == 0 ?
	    in->pdu.request_id : 0;
	l->v3out.pdu.error_status = 0;
	l->v3out.pdu.error_index = 0;
	v = sn_value_uint(SN_T_COUNTER32, (uint32_t)*counter);
	if (sn_vbl_add(&l->v3out.pdu.vbl, &oid, &v) == 0 &&
	    encode_out(l, us, reply, replylen) == 0)
		l->stats.reports++;
	return code;
}

static int
input_v3(struct sn_listener *l, const uint8_t *buf, size_t len,
    struct sn_notification *n, const uint8_t **reply, size_t *replylen)
{
	struct sn_usm_local *lc = &l->loc;
	struct sn_v3_msg *in = &l->v3in;
	struct sn_listener_stats *st = &l->stats;
	const uint8_t *kauth, *kpriv;
	struct remote *r = NULL;
	struct sn_usm_user *us;
	bool auth, priv, authoritative;
	int rc;

	/* RFC 3412 §7.2 steps 1-5: header, msgFlags, security model */
	if ((rc = sn_v3_decode(buf, len, in, NULL)) != 0) {
		st->parse_errs++;
		return rc;
	}
	auth = (in->flags & SN_V3_FLAG_AUTH) != 0;
	priv = (in->flags & SN_V3_FLAG_PRIV) != 0;
	/*
	 * RFC 3414 §1.5.1: a reportable message (an inform, or the probe
	 * before it) names us as authoritative; an unconfirmed one (a trap)
	 * names its sender.
	 */
	authoritative = (in->flags & SN_V3_FLAG_REPORTABLE) != 0;
	if (authoritative) {
		/* RFC 3414 §3.2 step 3: our engine ID, or discovery */
		if (!sn_usm_local_is_ours(lc, in->engine_id,
		    in->engine_id_len))
			return report(l, in, NULL, SN_EUNKNOWNENGINEID,
			    &st->unknown_engine_ids, reply, replylen);
	} else if (in->engine_id_len < 5) {
		/* RFC 3411 §5: no valid SnmpEngineID of a sender */
		st->unknown_engine_ids++;
		return SN_EUNKNOWNENGINEID;
	}
	/* step 4: the user */
	if ((us = sn_usm_local_find(lc, in->user, in->user_len)) == NULL)
		return report(l, in, NULL, SN_EUNKNOWNUSER,
		    &st->unknown_users, reply, replylen);
	/* step 5: a level the user's keys support, and the user's own
	 * level at least (our filter, as snmptrapd's authUser) */
	if ((auth && us->auth == SN_AUTH_NONE) ||
	    (priv && us->priv == SN_PRIV_NONE) ||
	    (!auth && us->auth != SN_AUTH_NONE) ||
	    (!priv && us->priv != SN_PRIV_NONE))
		return report(l, in, NULL, SN_EUNSUPSECLEVEL,
		    &st->unsupported_sec_levels, reply, replylen);
	kauth = SN_USM_K_AUTH(us);
	kpriv = SN_USM_K_PRIV(us);
	if (auth && !authoritative) {
		/* keys localised to the sender's engine (RFC 3414 §2.6):
		 * known, or computed now on first sight */
		if ((r = remote_find(l, in->engine_id, in->engine_id_len,
		    us)) != NULL) {
			kauth = r->keys;
		} else if (sn_usm_user_localize(lc->crypto, us, in->engine_id,
		    in->engine_id_len, l->scratch, l->scratch +
		    SN_USM_KEY_MAX, NULL) == 0) {
			kauth = l->scratch;
		} else {
			st->wrong_digests++;
			return SN_EWRONGDIGEST;
		}
		kpriv = kauth + SN_USM_KEY_MAX;
	}
	if (auth) {
		/* step 6: msgAuthenticationParameters */
		if (sn_v3_authenticate(lc->crypto, buf, len, in, us->auth,
		    kauth, NULL) != 0)
			return report(l, in, NULL, SN_EWRONGDIGEST,
			    &st->wrong_digests, reply, replylen);
		/* authentic: the sender's engine is cached from now on */
		if (!authoritative && r == NULL) {
			if ((r = remote_add(l, in->engine_id,
			    in->engine_id_len, us, l->scratch)) == NULL)
				return SN_ENOMEM;
			kpriv = r->keys + SN_USM_KEY_MAX;
		}
		/* step 7: timeliness, ours (7a) or the sender's (7b) */
		if (authoritative ? sn_usm_time_check_authoritative(lc->boots,
		    sn_usm_local_time(lc, now_s(l)), in->boots, in->time) != 0 :
		    sn_usm_time_check_remote(&r->ti, now_s(l), in->boots,
		    in->time) != 0)
			return report(l, in, us, SN_ENOTINTIMEWINDOW,
			    &st->not_in_time_windows, reply, replylen);
	}
	/* step 8: decrypt */
	if (priv && sn_v3_decrypt(lc->crypto, in, us->priv, kpriv, NULL) != 0)
		return report(l, in, NULL, SN_EDECRYPT, &st->decryption_errors,
		    reply, replylen);
	if ((authoritative && in->pdu.type != SN_PDU_INFORM) ||
	    (!authoritative && in->pdu.type != SN_PDU_TRAP)) {
		st->bad_pdu_type++;
		return SN_EINVAL;
	}
	n->version = SN_V3;
	n->type = in->pdu.type;
	n->user = in->user;
	n->user_len = in->user_len;
	n->sec_level = priv ? 3 : auth ? 2 : 1;
	n->engine_id = in->engine_id;
	n->engine_id_len = in->engine_id_len;
	n->context_engine_id = in->context_engine_id;
	n->context_engine_id_len = in->context_engine_id_len;
	n->context = in->context_name;
	n->context_len = in->context_name_len;
	n->pdu = &in->pdu;
	n->vbl = &in->pdu.vbl;
	v2_fields(n->vbl, n);
	if (authoritative) {
		/* RFC 3416 §4.2.7 in the request's context and level
		 * (RFC 3412 §7.1 step 2) */
		sn_usm_local_header(lc, &l->v3out, in, now_s(l));
		l->v3out.flags = in->flags & (SN_V3_FLAG_AUTH |
		    SN_V3_FLAG_PRIV);
		memcpy(l->v3out.context_engine_id, in->context_engine_id,
		    in->context_engine_id_len);
		l->v3out.context_engine_id_len = in->context_engine_id_len;
		memcpy(l->v3out.context_name, in->context_name,
		    in->context_name_len);
		l->v3out.context_name_len = in->context_name_len;
		if (inform_response(&l->v3out.pdu, &in->pdu) != 0)
			return SN_ENOMEM;
		if (encode_out(l, us, reply, replylen) == 0)
			l->reply_response = true;
	}
	return 0;
}

/*
 * Process one message into *n (delivered by the caller once the reply,
 * which lives in l->buf, has been sent: a callback may run the loop and
 * receive again).
 */
static int
input(struct sn_listener *l, const uint8_t *buf, size_t len,
    const char *source, const char *local, struct sn_notification *n,
    const uint8_t **reply, size_t *replylen)
{
	long version;

	*reply = NULL;
	*replylen = 0;
	l->reply_response = false;
	l->stats.packets++;
	memset(n, 0, sizeof(*n));
	n->source = source != NULL ? source : "";
	n->local = local;
	/* RFC 3412 §4.2.1: route by msgVersion */
	if (sn_msg_peek_version(buf, len, &version, NULL) != 0) {
		l->stats.parse_errs++;
		return SN_EDECODE;
	}
	if (version == 3)
		return input_v3(l, buf, len, n, reply, replylen);
	return input_community(l, buf, len, n, reply, replylen);
}

int
sn_listener_input(struct sn_listener *l, const uint8_t *buf, size_t len,
    const char *source, const uint8_t **reply, size_t *replylen)
{
	struct sn_notification n;
	int rc;

	if ((rc = input(l, buf, len, source, "", &n, reply, replylen)) == 0)
		deliver(l, &n);
	return rc;
}

static void
on_datagram(struct sn_transport *t, const uint8_t *buf, size_t len,
    const struct sn_taddr *from, void *ud)
{
	struct lsock *s = ud;
	struct sn_listener *l = s->l;
	struct sn_notification n;
	char src[SN_TADDR_STR_MAX];
	const uint8_t *reply;
	size_t rlen;
	int rc;

	if (sn_taddr_format(from, src, sizeof(src)) < 0)
		src[0] = '\0';
	/* the callback may close the listener: keep it until we return */
	l->depth++;
	rc = input(l, buf, len, src, s->addr, &n, &reply, &rlen);
	if (rlen > 0 && !l->closing) {
		if (sn_transport_send(t, reply, rlen, from, NULL) != 0)
			l->stats.send_errors++;
		else if (l->reply_response)
			l->stats.responses++;
	}
	/* RFC 3416 §4.2.7: the inform is acknowledged before it is
	 * handed over */
	if (rc == 0 && !l->closing)
		deliver(l, &n);
	l->depth--;
	if (l->closing && l->depth == 0)
		listener_free(l);
}

int
sn_listener_listen(struct sn_listener *l, const char *spec,
    struct sn_error *err)
{
	struct sn_taddr addr;
	struct lsock *s, **p;
	int rc;

	if (l->loop == NULL)
		return sn_error_set(err, SN_EINVAL, "listen: no event loop");
	if ((rc = sn_taddr_parse(spec, SN_TRAP_PORT, &addr, err)) < 0)
		return rc;
	p = realloc(l->socks, (l->nsocks + 1) * sizeof(*p));
	if (p == NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	l->socks = p;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	s->l = l;
	rc = sn_transport_open_server(l->loop, &addr, on_datagram, s, &s->t,
	    err);
	if (rc < 0) {
		free(s);
		return rc;
	}
	if (sn_taddr_format(sn_transport_local(s->t), s->addr,
	    sizeof(s->addr)) < 0)
		s->addr[0] = '\0';
	l->socks[l->nsocks++] = s;
	return 0;
}
