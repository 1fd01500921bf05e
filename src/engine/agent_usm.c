/*
 * The authoritative SNMPv3 engine of the command responder: RFC 3412
 * §7.2 (prepareDataElements) and RFC 3414 §3.2 (processIncomingMsg) for
 * requests, §3.1 (generateResponseMsg) for responses and reports.  It
 * keeps the local snmpEngineID, snmpEngineBoots and snmpEngineTime
 * (RFC 3414 §2.2) and the users table with keys localised to the engine
 * ID (RFC 3414 §2.6) in a struct sn_usm_local (usm_local.c, shared with
 * the notification receiver), the usmStats counters whose reports drive the
 * manager's discovery and time synchronisation (RFC 3414 §4), and the
 * access decision: RFC 3415 VACM when configured (securityModel USM),
 * else the simple policy of sn_agent_user.
 * The PDU itself is answered by sn_agent_process() with SNMPv2 rules.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine/agent_usm.h"
#include "engine/crypto.h"
#include "engine/mp_v3.h"
#include "engine/usm.h"
#include "engine/usm_local.h"

/* IANA's enterprise number for documentation (RFC 5612). */
#define DOC_PEN 32473u
/* A response's ScopedPDU and security header need at most this much. */
#define V3_OVERHEAD 320

struct sn_agent_usm {
	struct sn_loop *loop;		/* may be NULL */
	struct sn_usm_local loc;	/* engine ID, clock, users */
	struct sn_agent_v3_stats stats;
	struct sn_v3_msg in;
	struct sn_v3_msg out;
};

/* RFC 3411 §5 SnmpEngineID format 5 under DOC_PEN, stable per host+uid. */
static int
default_engine_id(struct sn_usm_local *u, struct sn_error *err)
{
	char host[256];
	uint8_t h[SN_HASH_MAX];
	unsigned long uid = (unsigned long)getuid();
	struct sn_iov iov[2];
	int rc;

	if (gethostname(host, sizeof(host)) != 0)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	iov[0].p = host;
	iov[0].len = strlen(host);
	iov[1].p = &uid;
	iov[1].len = sizeof(uid);
	if ((rc = sn_crypto_digest(u->crypto, SN_HASH_SHA256, iov, 2, h,
	    err)) != 0)
		return rc;
	u->engine_id[0] = 0x80 | (uint8_t)(DOC_PEN >> 24);
	u->engine_id[1] = (uint8_t)(DOC_PEN >> 16);
	u->engine_id[2] = (uint8_t)(DOC_PEN >> 8);
	u->engine_id[3] = (uint8_t)DOC_PEN;
	u->engine_id[4] = 5;	/* RFC 3411 §5: octets, admin. assigned */
	memcpy(u->engine_id + 5, h, 8);
	u->engine_id_len = 13;
	return 0;
}

static int64_t
loop_now_s(const struct sn_agent_usm *u)
{
	return u->loop != NULL ? (int64_t)(sn_loop_now(u->loop) / 1000) : 0;
}

int
sn_agent_usm_new(struct sn_loop *loop, struct sn_agent_usm **out,
    struct sn_error *err)
{
	struct sn_agent_usm *u;
	int rc;

	*out = NULL;
	if ((u = calloc(1, sizeof(*u))) == NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	u->loop = loop;
	sn_v3_msg_init(&u->in);
	sn_v3_msg_init(&u->out);
	if ((rc = sn_usm_local_init(&u->loc, loop_now_s(u), err)) != 0 ||
	    (rc = default_engine_id(&u->loc, err)) != 0) {
		sn_agent_usm_free(u);
		return rc;
	}
	*out = u;
	return 0;
}

void
sn_agent_usm_free(struct sn_agent_usm *u)
{
	if (u == NULL)
		return;
	sn_usm_local_clear(&u->loc);
	sn_v3_msg_clear(&u->in);
	sn_v3_msg_clear(&u->out);
	free(u);
}

int
sn_agent_usm_add_user(struct sn_agent_usm *u,
    const struct sn_agent_user *user, struct sn_error *err)
{
	struct sn_usm_user_spec spec = {
		user->name, user->auth_proto, user->auth_pass,
		user->priv_proto, user->priv_pass, user->writable
	};

	return sn_usm_local_add_user(&u->loc, &spec, err);
}

int
sn_agent_usm_set_engine(struct sn_agent_usm *u, const uint8_t *id,
    size_t len, uint32_t boots, int64_t now_s, struct sn_error *err)
{
	return sn_usm_local_set_engine(&u->loc, id, len, boots, now_s, err);
}

size_t
sn_agent_usm_engine_id(const struct sn_agent_usm *u, uint8_t *buf,
    size_t cap)
{
	const struct sn_usm_local *lc = &u->loc;

	memcpy(buf, lc->engine_id, lc->engine_id_len < cap ?
	    lc->engine_id_len : cap);
	return lc->engine_id_len;
}

void
sn_agent_usm_stats(const struct sn_agent_usm *u,
    struct sn_agent_v3_stats *out)
{
	*out = u->stats;
}

/*
 * A Report (RFC 3412 §7.1 step 3, RFC 3414 §3.1): the counter's varbind,
 * at noAuthNoPriv, or authNoPriv for notInTimeWindow (RFC 3414 §3.2 step
 * 7a, so that the manager can trust the boots and time it carries).
 * Only for reportable requests (RFC 3412 §7.2 step 3).
 */
static int
report(struct sn_agent_usm *u, const struct sn_v3_msg *in,
    const struct sn_usm_user *us, const struct sn_oid *oid,
    unsigned long count, int32_t rid, int64_t now_s, uint8_t *obuf,
    size_t ocap, uint8_t **out, size_t *outlen)
{
	struct sn_value v = sn_value_uint(SN_T_COUNTER32, (uint32_t)count);
	bool auth = us != NULL;

	if ((in->flags & SN_V3_FLAG_REPORTABLE) == 0)
		return SN_EAUTH;
	sn_usm_local_header(&u->loc, &u->out, in, now_s);
	u->out.flags = auth ? SN_V3_FLAG_AUTH : 0;
	sn_vbl_reset(&u->out.pdu.vbl);
	u->out.pdu.type = SN_PDU_REPORT;
	/* the request-id when the ScopedPDU could be read, else 0 */
	u->out.pdu.request_id = rid;
	u->out.pdu.error_status = 0;
	u->out.pdu.error_index = 0;
	if (sn_vbl_add(&u->out.pdu.vbl, oid, &v) != 0)
		return SN_ENOMEM;
	u->stats.reports++;
	return sn_usm_local_encode(&u->loc, &u->out, us, obuf, ocap,
	    out, outlen);
}

static int
usm_report(struct sn_agent_usm *u, const struct sn_v3_msg *in,
    const struct sn_usm_user *us, int code, unsigned long *counter,
    int64_t now_s, uint8_t *obuf, size_t ocap, uint8_t **out,
    size_t *outlen)
{
	struct sn_oid oid;

	(*counter)++;
	if (sn_usm_stats_oid(code, &oid) != 0)
		return SN_EINTERNAL;
	/* before decryption the ScopedPDU of a priv message is unknown */
	return report(u, in, us, &oid, *counter, (in->flags &
	    SN_V3_FLAG_PRIV) == 0 ? in->pdu.request_id : 0, now_s, obuf,
	    ocap, out, outlen);
}

/* RFC 3413 §3.2 step 3: the snmpUnknownContexts report. */
static int
unknown_context(struct sn_agent_usm *u, const struct sn_v3_msg *in,
    const struct sn_usm_user *us, int64_t now_s, uint8_t *obuf, size_t ocap,
    uint8_t **out, size_t *outlen)
{
	/* snmpUnknownContexts.0 (RFC 3413 §4.1.2, SNMP-TARGET-MIB) */
	static const struct sn_oid unknown_ctx = {
		10, { 1, 3, 6, 1, 6, 3, 12, 1, 5, 0 }
	};

	u->stats.unknown_contexts++;
	return report(u, in, us, &unknown_ctx, u->stats.unknown_contexts,
	    in->pdu.request_id, now_s, obuf, ocap, out, outlen);
}

int
sn_agent_usm_process(struct sn_agent_usm *u, struct sn_agent *a,
    int64_t now_s, const uint8_t *buf, size_t len, uint8_t *obuf,
    size_t ocap, uint8_t **out, size_t *outlen)
{
	struct sn_usm_local *lc = &u->loc;
	struct sn_v3_msg *in = &u->in;
	struct sn_agent_v3_stats *st = &u->stats;
	struct sn_usm_user *us;
	bool auth, priv;
	size_t budget;
	int rc;

	/* RFC 3412 §7.2 steps 1-5: header, msgFlags, security model */
	if ((rc = sn_v3_decode(buf, len, in, NULL)) != 0) {
		if (in->drop == SN_V3_DROP_INVALID)
			st->invalid_msgs++;
		else
			st->parse_errs++;
		return rc;
	}
	auth = (in->flags & SN_V3_FLAG_AUTH) != 0;
	priv = (in->flags & SN_V3_FLAG_PRIV) != 0;
	/* RFC 3414 §3.2 step 3: our engine ID, or a discovery probe */
	if (!sn_usm_local_is_ours(lc, in->engine_id, in->engine_id_len))
		return usm_report(u, in, NULL, SN_EUNKNOWNENGINEID,
		    &st->unknown_engine_ids, now_s, obuf, ocap, out, outlen);
	/* step 4: the user */
	if ((us = sn_usm_local_find(lc, in->user, in->user_len)) == NULL)
		return usm_report(u, in, NULL, SN_EUNKNOWNUSER,
		    &st->unknown_user_names, now_s, obuf, ocap, out, outlen);
	/* step 5: a level the user's keys support */
	if ((auth && us->auth == SN_AUTH_NONE) ||
	    (priv && us->priv == SN_PRIV_NONE))
		return usm_report(u, in, NULL, SN_EUNSUPSECLEVEL,
		    &st->unsupported_sec_levels, now_s, obuf, ocap, out,
		    outlen);
	if (auth) {
		/* step 6: msgAuthenticationParameters */
		if (sn_v3_authenticate(lc->crypto, buf, len, in, us->auth,
		    SN_USM_K_AUTH(us), NULL) != 0)
			return usm_report(u, in, NULL, SN_EWRONGDIGEST,
			    &st->wrong_digests, now_s, obuf, ocap, out, outlen);
		/* step 7a: timeliness, answered with an authentic report */
		if (sn_usm_time_check_authoritative(lc->boots,
		    sn_usm_local_time(lc, now_s), in->boots, in->time) != 0)
			return usm_report(u, in, us, SN_ENOTINTIMEWINDOW,
			    &st->not_in_time_windows, now_s, obuf, ocap, out,
			    outlen);
	}
	/* step 8: decrypt */
	if (priv && sn_v3_decrypt(lc->crypto, in, us->priv, SN_USM_K_PRIV(us),
	    NULL) != 0)
		return usm_report(u, in, NULL, SN_EDECRYPT,
		    &st->decryption_errors, now_s, obuf, ocap, out, outlen);
	/* RFC 3413 §3.2 step 1: our contextEngineID and a known context
	 * (without VACM only the default one; with it, checked below) */
	if (!sn_usm_local_is_ours(lc, in->context_engine_id,
	    in->context_engine_id_len) ||
	    (in->context_name_len != 0 && !sn_agent_has_vacm(a)))
		return unknown_context(u, in, auth ? us : NULL, now_s, obuf,
		    ocap, out, outlen);
	switch (in->pdu.type) {
	case SN_PDU_GET:
	case SN_PDU_GETNEXT:
	case SN_PDU_GETBULK:
	case SN_PDU_SET:
		break;
	default:
		/* responses, reports, traps: not for the command responder */
		return SN_EINVAL;
	}
	sn_usm_local_header(lc, &u->out, in, now_s);
	/* RFC 3412 §7.1 step 2: the response at the request's level */
	u->out.flags = in->flags & (SN_V3_FLAG_AUTH | SN_V3_FLAG_PRIV);
	memcpy(u->out.context_engine_id, in->context_engine_id,
	    in->context_engine_id_len);
	u->out.context_engine_id_len = in->context_engine_id_len;
	budget = SN_MSG_MAX - V3_OVERHEAD;
	if (in->max_size >= SN_V3_MAXSIZE_MIN &&
	    (size_t)in->max_size < SN_MSG_MAX)
		budget = (size_t)in->max_size > V3_OVERHEAD ?
		    (size_t)in->max_size - V3_OVERHEAD : SN_V3_MAXSIZE_MIN;
	if (sn_agent_has_vacm(a)) {
		/* RFC 3415 §3.2 with securityModel USM (RFC 3414) */
		rc = sn_agent_process_vacm(a, SN_V2C, SN_VACM_MODEL_USM,
		    us->name, us->name_len, priv ? SN_VACM_AUTHPRIV : auth ?
		    SN_VACM_AUTHNOPRIV : SN_VACM_NOAUTH, in->context_name,
		    in->context_name_len, &in->pdu, budget, &u->out.pdu, NULL);
		if (rc == SN_ENOSUCHCONTEXT)
			return unknown_context(u, in, auth ? us : NULL, now_s,
			    obuf, ocap, out, outlen);
		goto encode;
	}
	/*
	 * Access without VACM (RFC 3415 §3.2 noAccess): a user's own level
	 * or above; authorizationError below it.
	 */
	if ((us->auth != SN_AUTH_NONE && !auth) ||
	    (us->priv != SN_PRIV_NONE && !priv)) {
		sn_vbl_reset(&u->out.pdu.vbl);
		u->out.pdu.type = SN_PDU_RESPONSE;
		u->out.pdu.request_id = in->pdu.request_id;
		u->out.pdu.error_status = SN_ERR_AUTHORIZATIONERROR;
		u->out.pdu.error_index = 0;
		if (sn_vbl_copy(&u->out.pdu.vbl, &in->pdu.vbl) != 0)
			return SN_ENOMEM;
		return sn_usm_local_encode(lc, &u->out, us, obuf, ocap,
	    out, outlen);
	}
	rc = sn_agent_process(a, SN_V2C, us->writable, &in->pdu, budget,
	    &u->out.pdu, NULL);
encode:
	if (rc != 0)
		return rc;
	rc = sn_usm_local_encode(lc, &u->out, us, obuf, ocap,
	    out, outlen);
	if (rc != 0) {
		/* our estimate was short: tooBig (RFC 3416 §4.2.1) */
		sn_vbl_reset(&u->out.pdu.vbl);
		u->out.pdu.error_status = SN_ERR_TOOBIG;
		u->out.pdu.error_index = 0;
		rc = sn_usm_local_encode(lc, &u->out, us, obuf, ocap,
	    out, outlen);
	}
	return rc;
}

/*
 * The scalars of SNMP-FRAMEWORK-MIB snmpEngine (RFC 3411 §5:
 * snmpEngineID, snmpEngineBoots, snmpEngineTime, snmpEngineMaxMessageSize)
 * and of SNMP-USER-BASED-SM-MIB usmStats (RFC 3414 §5), read-only.
 */
static const uint32_t engine_arc[] = { 1, 3, 6, 1, 6, 3, 10, 2, 1 };
static const uint32_t stats_arc[] = { 1, 3, 6, 1, 6, 3, 15, 1, 1 };
#define ARC_LEN 9

void
sn_agent_usm_subtrees(struct sn_oid *engine, struct sn_oid *stats)
{
	engine->len = stats->len = ARC_LEN;
	memcpy(engine->sub, engine_arc, sizeof(engine_arc));
	memcpy(stats->sub, stats_arc, sizeof(stats_arc));
}

/* Value of scalar n (1-based) of the group at arc; false past the end. */
static bool
scalar(struct sn_agent_usm *u, bool engine, uint32_t n, struct sn_value *out)
{
	const struct sn_agent_v3_stats *st = &u->stats;
	unsigned long c;

	if (engine) {
		switch (n) {
		case 1:
			*out = sn_value_str(SN_T_OCTETS, u->loc.engine_id,
			    u->loc.engine_id_len);
			return true;
		case 2:
			*out = sn_value_int((int32_t)u->loc.boots);
			return true;
		case 3:
			*out = sn_value_int((int32_t)sn_usm_local_time(&u->loc,
			    loop_now_s(u)));
			return true;
		case 4:
			*out = sn_value_int(SN_MSG_MAX);
			return true;
		default:
			return false;
		}
	}
	switch (n) {
	case 1: c = st->unsupported_sec_levels; break;
	case 2: c = st->not_in_time_windows; break;
	case 3: c = st->unknown_user_names; break;
	case 4: c = st->unknown_engine_ids; break;
	case 5: c = st->wrong_digests; break;
	case 6: c = st->decryption_errors; break;
	default: return false;
	}
	*out = sn_value_uint(SN_T_COUNTER32, (uint32_t)c);
	return true;
}

/* Exact instance ARC.n.0 of the group. */
static int
group_get(struct sn_agent_usm *u, bool engine, const struct sn_oid *oid,
    struct sn_value *out)
{
	if (oid->len > ARC_LEN && scalar(u, engine, oid->sub[ARC_LEN], out)) {
		if (oid->len == ARC_LEN + 2 && oid->sub[ARC_LEN + 1] == 0)
			return 0;
		*out = sn_value_null(SN_T_NOSUCHINSTANCE);
		return SN_ENOTFOUND;
	}
	*out = sn_value_null(SN_T_NOSUCHOBJECT);
	return SN_ENOTFOUND;
}

/* The first instance ARC.n.0 strictly after `after`. */
static int
group_next(struct sn_agent_usm *u, bool engine, const struct sn_oid *after,
    struct sn_oid *found, struct sn_value *out)
{
	const uint32_t *arc = engine ? engine_arc : stats_arc;
	struct sn_oid root;
	uint32_t n = 1;

	root.len = ARC_LEN;
	memcpy(root.sub, arc, sizeof(engine_arc));
	if (after->len > ARC_LEN && memcmp(after->sub, arc,
	    sizeof(engine_arc)) == 0) {
		n = after->sub[ARC_LEN];
		/* ARC.n.0 and anything under it come before ARC.(n+1).0 */
		if (after->len > ARC_LEN + 1) {
			if (n == UINT32_MAX)
				return SN_ENOTFOUND;
			n++;
		}
		if (n == 0)
			n = 1;
	} else if (sn_oid_cmp(after, &root) > 0) {
		return SN_ENOTFOUND;
	}
	if (!scalar(u, engine, n, out))
		return SN_ENOTFOUND;
	found->len = ARC_LEN + 2;
	memcpy(found->sub, arc, sizeof(engine_arc));
	found->sub[ARC_LEN] = n;
	found->sub[ARC_LEN + 1] = 0;
	return 0;
}

static int
engine_get(void *ud, const struct sn_oid *oid, struct sn_value *out)
{
	return group_get(ud, true, oid, out);
}

static int
engine_next(void *ud, const struct sn_oid *after, struct sn_oid *found,
    struct sn_value *out)
{
	return group_next(ud, true, after, found, out);
}

static int
stats_get(void *ud, const struct sn_oid *oid, struct sn_value *out)
{
	return group_get(ud, false, oid, out);
}

static int
stats_next(void *ud, const struct sn_oid *after, struct sn_oid *found,
    struct sn_value *out)
{
	return group_next(ud, false, after, found, out);
}

static const struct sn_mo_ops engine_ops = { engine_get, engine_next, NULL };
static const struct sn_mo_ops stats_ops = { stats_get, stats_next, NULL };

const struct sn_mo_ops *
sn_agent_usm_ops(bool engine)
{
	return engine ? &engine_ops : &stats_ops;
}
