/*
 * The command responder's agent object: listeners on transports and the
 * datagram path (RFC 3412 §4.2.1 routing by version, snmpInPkts and the
 * other RFC 3418 counters), the communities of SNMPv1/v2c (RFC 1157 §4.1,
 * RFC 3584 §5.2.1: unknown ones dropped, each mapped to a securityName
 * and contextName for VACM), and the SNMPv3 side (agent_usm.c) and VACM
 * tables (vacm.c) it owns.  The PDUs themselves are answered by cmdrsp.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sn/agent.h>

#include "transport.h"
#include "engine/agent_int.h"
#include "engine/agent_usm.h"
#include "engine/vacm.h"

/* Length of an optional string (NULL: ""). */
static size_t
cstr_len(const char *s)
{
	return s != NULL ? strlen(s) : 0;
}

bool
sn_agent_has_vacm(const struct sn_agent *a)
{
	return a->vacm != NULL;
}

struct sn_vacm *
sn_agent_vacm_tables(const struct sn_agent *a)
{
	return a->vacm;
}

struct sn_vacm *
sn_agent_vacm_make(struct sn_agent *a)
{
	if (a->vacm == NULL && sn_vacm_new(&a->vacm) != 0)
		return NULL;
	return a->vacm;
}

/* ---- transport side ---- */

/* Monotonic seconds (snmpEngineTime's clock); 0 without a loop. */
static int64_t
agent_now(const struct sn_agent *a)
{
	return a->loop != NULL ? (int64_t)(sn_loop_now(a->loop) / 1000) : 0;
}

static bool
community_eq(const struct community *c, const uint8_t *s, size_t len)
{
	unsigned diff = 0;
	size_t i;

	/* no early exit on the first differing byte */
	if (c->len != len)
		return false;
	for (i = 0; i < len; i++)
		diff |= (unsigned)(c->s[i] ^ s[i]);
	return diff == 0;
}

static void
on_datagram(struct sn_transport *t, const uint8_t *buf, size_t len,
    const struct sn_taddr *from, void *ud)
{
	struct listener *l = ud;
	struct sn_agent *a = l->agent;
	const struct community *c = NULL;
	uint8_t *out;
	size_t i, outlen;
	int rc;

	a->stats.in_pkts++;
	if (a->usm != NULL) {
		long version;

		/* RFC 3412 §4.2.1: route by msgVersion */
		if (sn_msg_peek_version(buf, len, &version, NULL) == 0 &&
		    version == 3) {
			if (sn_agent_usm_process(a->usm, a,
			    agent_now(a), buf, len,
			    a->buf, SN_MSG_MAX, &out, &outlen) == 0 &&
			    sn_transport_send(t, out, outlen, from, NULL) == 0)
				a->stats.out_pkts++;
			return;
		}
	}
	rc = sn_msg_decode(buf, len, &a->in, NULL);
	if (rc == SN_EVERSION) {
		a->stats.bad_versions++;	/* RFC 3412 §4.2.1 */
		return;
	}
	if (rc < 0) {
		a->stats.asn_parse_errs++;	/* RFC 3412 §4.2.1 */
		return;
	}
	if (a->in.version != SN_V1 && a->in.version != SN_V2C) {
		a->stats.bad_versions++;
		return;
	}
	for (i = 0; i < a->ncomms; i++) {
		if (community_eq(&a->comms[i], a->in.community,
		    a->in.community_len)) {
			c = &a->comms[i];
			break;
		}
	}
	if (c == NULL) {
		/* RFC 3584 §5.2.1, RFC 1157 §4.1: discard */
		a->stats.bad_community_names++;
		return;
	}
	a->out.version = a->in.version;
	if (sn_msg_set_community(&a->out, a->in.community,
	    a->in.community_len) < 0)
		return;
	if (a->vacm != NULL) {
		/* RFC 3584 §5.2.1: the community's securityName, context */
		rc = sn_agent_process_vacm(a, a->in.version,
		    a->in.version == SN_V1 ? SN_VACM_MODEL_V1 :
		    SN_VACM_MODEL_V2C, c->sec, c->sec_len, SN_VACM_NOAUTH,
		    c->ctx, c->ctx_len, &a->in.pdu,
		    sn_agent_pdu_budget(a->in.community_len), &a->out.pdu,
		    NULL);
		if (a->denied)
			a->stats.bad_community_uses++;
	} else {
		rc = sn_agent_process(a, a->in.version, c->writable,
		    &a->in.pdu, sn_agent_pdu_budget(a->in.community_len),
		    &a->out.pdu, NULL);
	}
	if (rc < 0)
		return;
	rc = sn_msg_encode(&a->out, a->buf, SN_MSG_MAX, &out, &outlen, NULL);
	if (rc < 0) {
		/* our size estimate was short: fall back to tooBig */
		sn_vbl_reset(&a->out.pdu.vbl);
		a->out.pdu.error_status = SN_ERR_TOOBIG;
		a->out.pdu.error_index = 0;
		rc = sn_msg_encode(&a->out, a->buf, SN_MSG_MAX, &out,
		    &outlen, NULL);
		if (rc < 0) {
			a->stats.silent_drops++;
			return;
		}
	}
	if (sn_transport_send(t, out, outlen, from, NULL) == 0)
		a->stats.out_pkts++;
}

int
sn_agent_new(struct sn_loop *loop, struct sn_agent **out,
    struct sn_error *err)
{
	struct sn_agent *a;

	*out = NULL;
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return sn_error_set(err, SN_ENOMEM, NULL);
	if ((a->buf = malloc(SN_MSG_MAX)) == NULL) {
		free(a);
		return sn_error_set(err, SN_ENOMEM, NULL);
	}
	a->loop = loop;
	sn_msg_init(&a->in);
	sn_msg_init(&a->out);
	sn_pdu_init(&a->out.pdu, SN_PDU_RESPONSE);
	*out = a;
	return 0;
}

void
sn_agent_free(struct sn_agent *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < a->nls; i++) {
		sn_transport_close(a->ls[i]->t);
		free(a->ls[i]);
	}
	for (i = 0; i < a->ncomms; i++)
		free(a->comms[i].s);
	free(a->ls);
	free(a->comms);
	free(a->regs);
	sn_msg_clear(&a->in);
	sn_msg_clear(&a->out);
	sn_agent_usm_free(a->usm);
	sn_vacm_free(a->vacm);
	free(a->buf);
	free(a);
}

int
sn_agent_listen(struct sn_agent *a, const char *spec, struct sn_error *err)
{
	struct sn_taddr addr;
	struct listener *l, **p;
	int rc;

	if (a->loop == NULL)
		return sn_error_set(err, SN_EINVAL, "agent: no event loop");
	if ((rc = sn_taddr_parse(spec, 161, &addr, err)) < 0)
		return rc;
	p = realloc(a->ls, (a->nls + 1) * sizeof(*p));
	if (p == NULL)
		return sn_error_set(err, SN_ENOMEM, NULL);
	a->ls = p;
	if ((l = calloc(1, sizeof(*l))) == NULL)
		return sn_error_set(err, SN_ENOMEM, NULL);
	l->agent = a;
	rc = sn_transport_open_server(a->loop, &addr, on_datagram, l, &l->t,
	    err);
	if (rc < 0) {
		free(l);
		return rc;
	}
	if (sn_taddr_format(sn_transport_local(l->t), l->addr,
	    sizeof(l->addr)) < 0)
		l->addr[0] = '\0';
	a->ls[a->nls++] = l;
	return 0;
}

const char *
sn_agent_address(const struct sn_agent *a, size_t i)
{
	if (i >= a->nls)
		return NULL;
	return a->ls[i]->addr;
}

int
sn_agent_add_community(struct sn_agent *a, const char *community,
    bool writable)
{
	size_t len = strlen(community);
	struct community *p;

	if (len > SN_COMMUNITY_MAX)
		return SN_ETOOLONG;
	p = realloc(a->comms, (a->ncomms + 1) * sizeof(*p));
	if (p == NULL)
		return SN_ENOMEM;
	a->comms = p;
	if ((p[a->ncomms].s = malloc(len ? len : 1)) == NULL)
		return SN_ENOMEM;
	memcpy(p[a->ncomms].s, community, len);
	p[a->ncomms].len = len;
	p[a->ncomms].writable = writable;
	/* RFC 3584 §5.2.1: by default the community is its securityName
	 * (cut to the 32 octets of an SnmpAdminString), context "" */
	p[a->ncomms].sec_len = len < SN_VACM_NAME_MAX ? len :
	    SN_VACM_NAME_MAX;
	memcpy(p[a->ncomms].sec, community, p[a->ncomms].sec_len);
	p[a->ncomms].ctx_len = 0;
	a->ncomms++;
	return 0;
}

int
sn_agent_map_community(struct sn_agent *a, const char *community,
    const char *security_name, const char *context, struct sn_error *err)
{
	size_t slen = cstr_len(security_name), clen = cstr_len(context);
	size_t len = cstr_len(community), i;
	struct community *c = NULL;
	int rc;

	if (community == NULL || slen == 0 || slen > SN_VACM_NAME_MAX ||
	    clen > SN_VACM_NAME_MAX)
		return sn_error_set(err, SN_EINVAL, "agent: community "
		    "mapping needs a securityName of 1 to 32 octets and a "
		    "context of at most 32");
	for (i = 0; i < a->ncomms; i++) {
		if (community_eq(&a->comms[i], (const uint8_t *)community,
		    len))
			c = &a->comms[i];
	}
	if (c == NULL) {
		if ((rc = sn_agent_add_community(a, community, false)) < 0)
			return sn_error_set(err, rc, NULL);
		c = &a->comms[a->ncomms - 1];
	}
	memcpy(c->sec, security_name, slen);
	c->sec_len = slen;
	if (clen > 0)
		memcpy(c->ctx, context, clen);
	c->ctx_len = clen;
	return 0;
}

void
sn_agent_stats(const struct sn_agent *a, struct sn_agent_stats *out)
{
	*out = a->stats;
}

/* ---- SNMPv3 users and engine (agent_usm.c) ---- */

static int
need_usm(struct sn_agent *a, struct sn_error *err)
{
	if (a->usm != NULL)
		return 0;
	return sn_agent_usm_new(a->loop, &a->usm, err);
}

int
sn_agent_register_v3_mib(struct sn_agent *a, struct sn_error *err)
{
	struct sn_oid engine, stats;
	int rc;

	if ((rc = need_usm(a, err)) != 0)
		return rc;
	/* RFC 3411 snmpEngine and RFC 3414 usmStats */
	sn_agent_usm_subtrees(&engine, &stats);
	if ((rc = sn_agent_register(a, &engine, sn_agent_usm_ops(true),
	    a->usm, err)) != 0)
		return rc;
	return sn_agent_register(a, &stats, sn_agent_usm_ops(false), a->usm,
	    err);
}

int
sn_agent_add_user(struct sn_agent *a, const struct sn_agent_user *user,
    struct sn_error *err)
{
	int rc;

	if ((rc = need_usm(a, err)) != 0)
		return rc;
	return sn_agent_usm_add_user(a->usm, user, err);
}

int
sn_agent_set_engine_id(struct sn_agent *a, const uint8_t *id, size_t len,
    uint32_t boots, struct sn_error *err)
{
	int rc;

	if ((rc = need_usm(a, err)) != 0)
		return rc;
	return sn_agent_usm_set_engine(a->usm, id, len, boots,
	    agent_now(a), err);
}

size_t
sn_agent_engine_id(struct sn_agent *a, uint8_t *buf, size_t cap)
{
	if (need_usm(a, NULL) != 0)
		return 0;
	return sn_agent_usm_engine_id(a->usm, buf, cap);
}

void
sn_agent_v3_stats(const struct sn_agent *a, struct sn_agent_v3_stats *out)
{
	if (a->usm == NULL) {
		memset(out, 0, sizeof(*out));
		return;
	}
	sn_agent_usm_stats(a->usm, out);
}
