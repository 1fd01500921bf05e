/*
 * The command responder application of RFC 3413 §3.2 for SNMPv1 and
 * SNMPv2c: community check (RFC 1157 §4.1, RFC 3584 §5.2; the datagram
 * path, listeners and communities are in agent.c), dispatch of
 * Get, GetNext, GetBulk and Set to the handlers registered by subtree, and
 * the Response-PDU rules of RFC 3416 §4.2 (exceptions, endOfMibView,
 * GetBulk repetitions and truncation, tooBig, two-phase Set with undo),
 * mapped for SNMPv1 managers as RFC 3584 §4.4 and RFC 1157 §4.1 require
 * (noSuchName instead of exceptions, no Counter64, no GetBulk).
 *
 * Choices where the RFCs leave room, following Net-SNMP's snmpd:
 * - unknown community: dropped, snmpInBadCommunityNames counted;
 * - Set with a read-only community: noAccess at index 1 (v1: noSuchName,
 *   by the RFC 3584 §4.4 mapping), snmpInBadCommunityUses counted;
 * - Set of an OID no handler serves: notWritable (v1: noSuchName);
 * - GetBulk in an SNMPv1 message: not a valid SNMPv1 PDU (RFC 1157 §4),
 *   dropped and counted in snmpInASNParseErrs;
 * - GetBulk too large for the message: whole repetitions are dropped from
 *   the end (RFC 3416 §4.2.3); when not even one repetition fits, as many
 *   varbinds as fit; when none fits, tooBig.
 * Responses are sent from the listener a request came to, to its source.
 * SNMPv3 datagrams go to agent_usm.c (RFC 3414 §3.2, authoritative),
 * which answers through sn_agent_process() with SNMPv2 rules.
 * Once VACM is configured (vacm.c, RFC 3415), every request is answered
 * within the MIB view isAccessAllowed selects (RFC 3413 §3.2): objects
 * outside it do not exist for the request, Set outside the write view is
 * noAccess, and a refused principal gets authorizationError.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sn/agent.h>

#include "transport.h"
#include "engine/agent_int.h"
#include "engine/agent_usm.h"
#include "engine/vacm.h"

/* ---- encoded sizes (BER, X.690 §8.1.3 definite lengths) ---- */

static size_t
len_of_len(size_t n)
{
	if (n < 0x80)
		return 1;
	if (n < 0x100)
		return 2;
	if (n < 0x10000)
		return 3;
	if (n < 0x1000000)
		return 4;
	return 5;
}

static size_t
tlv_size(size_t content)
{
	return 1 + len_of_len(content) + content;
}

/* Two's complement content length of a signed integer (X.690 §8.3.2). */
static size_t
int_size(int64_t v)
{
	size_t n = 1;

	while (n < 8 && (v < -(INT64_C(1) << (8 * n - 1)) ||
	    v >= (INT64_C(1) << (8 * n - 1))))
		n++;
	return n;
}

/* Unsigned types are encoded as non-negative INTEGERs (RFC 2578 §7.1). */
static size_t
uint_size(uint64_t u)
{
	size_t n = 1;

	while (n < 9 && (n == 8 || (u >> (8 * n - 1)) != 0))
		n++;
	return n;
}

static size_t
subid_size(uint64_t v)
{
	size_t n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

/* Content length of an OID (X.690 §8.19); short OIDs counted as 2 arcs. */
static size_t
oid_size(const struct sn_oid *o)
{
	size_t i, n;

	if (o->len < 2)
		return 2;
	n = subid_size((uint64_t)o->sub[0] * 40 + o->sub[1]);
	for (i = 2; i < o->len; i++)
		n += subid_size(o->sub[i]);
	return n;
}

static size_t
value_size(const struct sn_value *v)
{
	switch (v->type) {
	case SN_T_INTEGER:
		return tlv_size(int_size(v->v.i));
	case SN_T_COUNTER32:
	case SN_T_GAUGE32:
	case SN_T_TIMETICKS:
	case SN_T_UINTEGER32:
		return tlv_size(uint_size(v->v.u));
	case SN_T_COUNTER64:
		return tlv_size(uint_size(v->v.u64));
	case SN_T_OCTETS:
	case SN_T_OPAQUE:
	case SN_T_IPADDR:
	case SN_T_NSAP:
		return tlv_size(v->v.str.len);
	case SN_T_OID:
		return tlv_size(oid_size(&v->v.oid));
	default:
		return 2;	/* NULL and exceptions: tag, zero length */
	}
}

static size_t
varbind_size(const struct sn_oid *name, const struct sn_value *v)
{
	return tlv_size(tlv_size(oid_size(name)) + value_size(v));
}

/* The encoded PDU given the sum of its varbinds' sizes (RFC 3416 §3). */
static size_t
pdu_size(const struct sn_pdu *p, size_t vbsum)
{
	return tlv_size(tlv_size(int_size(p->request_id)) +
	    tlv_size(int_size(p->error_status)) +
	    tlv_size(int_size(p->error_index)) + tlv_size(vbsum));
}

static size_t
vbl_size(const struct sn_vbl *l)
{
	size_t i, n = 0;

	for (i = 0; i < l->len; i++)
		n += varbind_size(&l->vb[i].name, &l->vb[i].value);
	return n;
}

/* ---- registrations ---- */

/* Index of the registration serving oid, or -1; *next: first one after. */
static long
reg_find(const struct sn_agent *a, const struct sn_oid *oid, size_t *next)
{
	size_t lo = 0, hi = a->nregs;

	/* lo: the first registration whose subtree is > oid */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sn_oid_cmp(&a->regs[mid].subtree, oid) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (next != NULL)
		*next = lo;
	if (lo > 0 && sn_oid_has_prefix(oid, &a->regs[lo - 1].subtree))
		return (long)(lo - 1);
	return -1;
}

int
sn_agent_register(struct sn_agent *a, const struct sn_oid *subtree,
    const struct sn_mo_ops *ops, void *ud, struct sn_error *err)
{
	size_t i, pos;
	struct reg *p;

	if (ops == NULL || ops->get == NULL || ops->next == NULL ||
	    subtree->len == 0 || subtree->len > SN_OID_MAX_LEN)
		return sn_error_set(err, SN_EINVAL, "agent: bad registration");
	for (i = 0; i < a->nregs; i++) {
		if (sn_oid_has_prefix(subtree, &a->regs[i].subtree) ||
		    sn_oid_has_prefix(&a->regs[i].subtree, subtree)) {
			char buf[SN_OID_STR_MAX];

			sn_oid_format(subtree, false, buf, sizeof(buf));
			return sn_error_set(err, SN_EINVAL,
			    "agent: subtree %s overlaps a registered one",
			    buf);
		}
	}
	p = realloc(a->regs, (a->nregs + 1) * sizeof(*p));
	if (p == NULL)
		return sn_error_set(err, SN_ENOMEM, NULL);
	a->regs = p;
	reg_find(a, subtree, &pos);
	memmove(&a->regs[pos + 1], &a->regs[pos],
	    (a->nregs - pos) * sizeof(*p));
	a->regs[pos].subtree = *subtree;
	a->regs[pos].ops = ops;
	a->regs[pos].ud = ud;
	a->nregs++;
	return 0;
}

/* ---- per-variable operations ---- */

/*
 * RFC 3416 §4.2.1: the value of one name.  Returns 0 (out may hold an
 * exception), or SN_ERR_GENERR when a handler fails.
 */
static int
resolve_get(const struct sn_agent *a, const struct sn_oid *name,
    struct sn_value *out)
{
	long r = reg_find(a, name, NULL);
	int rc;

	if (r < 0) {
		/* §4.2.1 (1) */
		*out = sn_value_null(SN_T_NOSUCHOBJECT);
		return 0;
	}
	out->type = SN_T_NULL;
	rc = a->regs[r].ops->get(a->regs[r].ud, name, out);
	if (rc == SN_ENOTFOUND) {
		/* §4.2.1 (2): the handler tells which exception */
		if (out->type != SN_T_NOSUCHINSTANCE)
			*out = sn_value_null(SN_T_NOSUCHOBJECT);
		return 0;
	}
	if (rc < 0 || out->type == SN_T_NULL ||
	    out->type == SN_T_ENDOFMIBVIEW)
		return SN_ERR_GENERR;	/* §4.2.1 (3) */
	return 0;
}

/*
 * RFC 3416 §4.2.2: the first instance after name, skipping Counter64 for
 * SNMPv1 (RFC 3584 §4.4).  Returns 0 with *found and *out, 1 at the end of
 * the MIB view, or SN_ERR_GENERR.
 */
static int
resolve_next(const struct sn_agent *a, enum sn_version version,
    const struct sn_oid *name, struct sn_oid *found, struct sn_value *out)
{
	struct sn_oid after = *name;
	size_t i;
	long r = reg_find(a, name, &i);

	if (r >= 0)
		i = (size_t)r;
	while (i < a->nregs) {
		const struct reg *g = &a->regs[i];
		int rc;

		out->type = SN_T_NULL;
		rc = g->ops->next(g->ud, &after, found, out);
		if (rc == SN_ENOTFOUND) {
			i++;
			continue;
		}
		if (rc < 0)
			return SN_ERR_GENERR;
		/* A handler's answer must move forward inside its subtree. */
		if (!sn_oid_has_prefix(found, &g->subtree) ||
		    sn_oid_cmp(found, &after) <= 0 ||
		    sn_type_is_exception(out->type) ||
		    out->type == SN_T_NULL) {
			i++;
			continue;
		}
		if (version == SN_V1 && out->type == SN_T_COUNTER64) {
			after = *found;
			continue;
		}
		return 0;
	}
	return 1;
}

/*
 * resolve_next restricted to a MIB view (RFC 3416 §4.2.2 (1): "the
 * lexicographic successor ... in the MIB view"): instances outside it are
 * passed over, whole stretches at a time where the view allows
 * (sn_vacm_view_skip).  view NULL: no restriction.
 */
static int
next_in_view(const struct sn_agent *a, enum sn_version version,
    const struct sn_vacm_view *view, const struct sn_oid *name,
    struct sn_oid *found, struct sn_value *out)
{
	struct sn_oid after = *name, x;
	int rc;

	for (;;) {
		if ((rc = resolve_next(a, version, &after, found, out)) != 0)
			return rc;
		if (view == NULL || sn_vacm_in_view(view, found))
			return 0;
		rc = sn_vacm_view_skip(view, found, &x);
		if (rc == 1)
			return 1;	/* nothing further is in view */
		if (rc == 2) {
			after = *found;
			continue;
		}
		/* x itself may be the first instance in the view */
		if (sn_vacm_in_view(view, &x) &&
		    resolve_get(a, &x, out) == 0 &&
		    !sn_type_is_exception(out->type) &&
		    !(version == SN_V1 && out->type == SN_T_COUNTER64)) {
			*found = x;
			return 0;
		}
		after = x;
	}
}

/* RFC 3584 §4.4: an SNMPv2 error-status as an SNMPv1 manager sees it. */
static int
v1_errstat(int st)
{
	switch (st) {
	case SN_ERR_NOERROR:
	case SN_ERR_TOOBIG:
	case SN_ERR_NOSUCHNAME:
	case SN_ERR_BADVALUE:
	case SN_ERR_READONLY:
	case SN_ERR_GENERR:
		return st;
	case SN_ERR_WRONGVALUE:
	case SN_ERR_WRONGENCODING:
	case SN_ERR_WRONGTYPE:
	case SN_ERR_WRONGLENGTH:
	case SN_ERR_INCONSISTENTVALUE:
		return SN_ERR_BADVALUE;
	case SN_ERR_NOACCESS:
	case SN_ERR_NOTWRITABLE:
	case SN_ERR_NOCREATION:
	case SN_ERR_INCONSISTENTNAME:
	case SN_ERR_AUTHORIZATIONERROR:
		return SN_ERR_NOSUCHNAME;
	case SN_ERR_RESOURCEUNAVAILABLE:
	case SN_ERR_COMMITFAILED:
	case SN_ERR_UNDOFAILED:
	default:
		return SN_ERR_GENERR;
	}
}

/*
 * An error Response: the request's varbinds with error-status and
 * error-index (RFC 3416 §4.2.1-§4.2.5, RFC 1157 §4.1.2-§4.1.5).
 */
static int
respond_error(enum sn_version version, const struct sn_pdu *req,
    struct sn_pdu *resp, int status, int index)
{
	int rc;
	size_t i;

	if (version == SN_V1)
		status = v1_errstat(status);
	resp->error_status = status;
	resp->error_index = index;
	if ((rc = sn_vbl_copy(&resp->vbl, &req->vbl)) < 0)
		return rc;
	/*
	 * A v1 request may carry values SNMPv1 cannot encode (Counter64,
	 * exceptions: RFC 3584 §4.2.2.1); echo them as NULL so the error
	 * response can still be sent.
	 */
	for (i = 0; version == SN_V1 && i < resp->vbl.len; i++) {
		enum sn_type t = resp->vbl.vb[i].value.type;

		if (t == SN_T_COUNTER64 || sn_type_is_exception(t))
			resp->vbl.vb[i].value = sn_value_null(SN_T_NULL);
	}
	return 0;
}

/* ---- PDU processing ---- */

/* Get or GetNext (RFC 3416 §4.2.1, §4.2.2; RFC 1157 §4.1.2, §4.1.3). */
static int
process_get(struct sn_agent *a, enum sn_version version,
    const struct sn_vacm_view *view, const struct sn_pdu *req,
    size_t max_size, struct sn_pdu *resp, bool *toobig)
{
	struct sn_value val;
	struct sn_oid found;
	size_t i, sum = 0;
	int rc;

	for (i = 0; i < req->vbl.len; i++) {
		const struct sn_oid *name = &req->vbl.vb[i].name;

		if (req->type == SN_PDU_GET) {
			rc = resolve_get(a, name, &val);
			/* RFC 3416 §4.2.1 (1): outside the MIB view */
			if (rc == 0 && view != NULL &&
			    !sn_vacm_in_view(view, name))
				val = sn_value_null(SN_T_NOSUCHOBJECT);
			if (rc > 0)
				return respond_error(version, req, resp, rc,
				    (int)i + 1);
			if (version == SN_V1 &&
			    (sn_type_is_exception(val.type) ||
			    val.type == SN_T_COUNTER64))
				return respond_error(version, req, resp,
				    SN_ERR_NOSUCHNAME, (int)i + 1);
			rc = sn_vbl_add(&resp->vbl, name, &val);
			sum += varbind_size(name, &val);
		} else {
			rc = next_in_view(a, version, view, name, &found,
			    &val);
			if (rc == SN_ERR_GENERR)
				return respond_error(version, req, resp, rc,
				    (int)i + 1);
			if (rc == 1) {
				if (version == SN_V1)
					return respond_error(version, req,
					    resp, SN_ERR_NOSUCHNAME,
					    (int)i + 1);
				/* §4.2.2 (2): name unchanged */
				val = sn_value_null(SN_T_ENDOFMIBVIEW);
				found = *name;
			}
			rc = sn_vbl_add(&resp->vbl, &found, &val);
			sum += varbind_size(&found, &val);
		}
		if (rc < 0)
			return respond_error(version, req, resp,
			    SN_ERR_GENERR, (int)i + 1);
		if (pdu_size(resp, sum) > max_size) {
			*toobig = true;
			return 0;
		}
	}
	return 0;
}

/* GetBulk (RFC 3416 §4.2.3). */
static int
process_bulk(struct sn_agent *a, const struct sn_vacm_view *view,
    const struct sn_pdu *req, size_t max_size, struct sn_pdu *resp,
    bool *toobig)
{
	size_t nvb = req->vbl.len, n, r, m, i, j, sum = 0, fit;
	struct sn_value val;
	struct sn_oid found, prev;
	bool full = false;
	int rc;

	/* §4.2.3: negative non-repeaters or max-repetitions count as 0 */
	n = req->error_status < 0 ? 0 : (size_t)req->error_status;
	if (n > nvb)
		n = nvb;
	m = req->error_index < 0 ? 0 : (size_t)req->error_index;
	r = nvb - n;
	if (r == 0)
		m = 0;

	for (i = 0; i < n && !full; i++) {
		const struct sn_oid *name = &req->vbl.vb[i].name;

		rc = next_in_view(a, SN_V2C, view, name, &found, &val);
		if (rc == SN_ERR_GENERR)
			return respond_error(SN_V2C, req, resp, rc,
			    (int)i + 1);
		if (rc == 1) {
			val = sn_value_null(SN_T_ENDOFMIBVIEW);
			found = *name;
		}
		sum += varbind_size(&found, &val);
		if (pdu_size(resp, sum) > max_size ||
		    resp->vbl.len >= SN_VBL_MAX) {
			full = true;
			break;
		}
		if (sn_vbl_add(&resp->vbl, &found, &val) < 0)
			return respond_error(SN_V2C, req, resp,
			    SN_ERR_GENERR, (int)i + 1);
	}
	for (i = 0; i < m && !full; i++) {
		bool all_end = true;

		for (j = 0; j < r; j++) {
			size_t src = n + j;

			/* the previous result of this repeater, or its name */
			const struct sn_varbind *pv = i == 0 ? NULL :
			    &resp->vbl.vb[n + (i - 1) * r + j];

			prev = pv == NULL ? req->vbl.vb[src].name : pv->name;
			if (pv != NULL &&
			    pv->value.type == SN_T_ENDOFMIBVIEW) {
				/* §4.2.3: stays at the end of the view */
				rc = 1;
			} else {
				rc = next_in_view(a, SN_V2C, view, &prev,
				    &found, &val);
				if (rc == SN_ERR_GENERR)
					return respond_error(SN_V2C, req,
					    resp, rc, (int)src + 1);
			}
			if (rc == 1) {
				val = sn_value_null(SN_T_ENDOFMIBVIEW);
				found = prev;
			}
			if (val.type != SN_T_ENDOFMIBVIEW)
				all_end = false;
			sum += varbind_size(&found, &val);
			if (pdu_size(resp, sum) > max_size ||
			    resp->vbl.len >= SN_VBL_MAX) {
				full = true;
				break;
			}
			if (sn_vbl_add(&resp->vbl, &found, &val) < 0)
				return respond_error(SN_V2C, req, resp,
				    SN_ERR_GENERR, (int)src + 1);
		}
		/* §4.2.3: may stop once a whole repetition is endOfMibView */
		if (!full && all_end)
			break;
	}
	if (full) {
		/* §4.2.3: drop whole repetitions at the end */
		fit = resp->vbl.len;
		if (fit >= n + r && r > 0)
			fit = n + ((fit - n) / r) * r;
		if (fit == 0 && nvb > 0) {
			*toobig = true;
			return 0;
		}
		resp->vbl.len = fit;
	}
	return 0;
}

/* Set (RFC 3416 §4.2.5; RFC 1157 §4.1.5): test all, then commit all. */
static int
process_set(struct sn_agent *a, enum sn_version version,
    const struct sn_vacm_view *view, const struct sn_pdu *req,
    struct sn_pdu *resp)
{
	size_t i, k;
	bool undo_failed;
	int rc;

	for (i = 0; i < req->vbl.len; i++) {
		const struct sn_varbind *vb = &req->vbl.vb[i];
		long r = reg_find(a, &vb->name, NULL);

		if (view != NULL && !sn_vacm_in_view(view, &vb->name)) {
			/* §4.2.5 (1): not in the write view */
			a->denied = true;
			return respond_error(version, req, resp,
			    SN_ERR_NOACCESS, (int)i + 1);
		}
		if (r < 0 || a->regs[r].ops->set == NULL) {
			/* §4.2.5 (2) */
			return respond_error(version, req, resp,
			    SN_ERR_NOTWRITABLE, (int)i + 1);
		}
		if (sn_type_is_exception(vb->value.type)) {
			return respond_error(version, req, resp,
			    SN_ERR_WRONGTYPE, (int)i + 1);
		}
		rc = a->regs[r].ops->set(a->regs[r].ud, SN_SET_TEST,
		    &vb->name, &vb->value);
		if (rc != 0) {
			if (rc < 0 || rc > SN_ERR_INCONSISTENTNAME)
				rc = SN_ERR_GENERR;
			return respond_error(version, req, resp, rc,
			    (int)i + 1);
		}
	}
	for (i = 0; i < req->vbl.len; i++) {
		const struct sn_varbind *vb = &req->vbl.vb[i];
		long r = reg_find(a, &vb->name, NULL);

		rc = a->regs[r].ops->set(a->regs[r].ud, SN_SET_COMMIT,
		    &vb->name, &vb->value);
		if (rc == 0)
			continue;
		/* §4.2.5: undo the others (all of them, even past a failed
		 * one), then commitFailed, or undoFailed with index 0 */
		undo_failed = false;
		for (k = i; k-- > 0;) {
			const struct sn_varbind *u = &req->vbl.vb[k];
			long ur = reg_find(a, &u->name, NULL);

			if (a->regs[ur].ops->set(a->regs[ur].ud, SN_SET_UNDO,
			    &u->name, &u->value) != 0)
				undo_failed = true;
		}
		if (undo_failed)
			return respond_error(version, req, resp,
			    SN_ERR_UNDOFAILED, 0);
		return respond_error(version, req, resp, SN_ERR_COMMITFAILED,
		    (int)i + 1);
	}
	/* §4.2.5: the Response carries the request's varbinds */
	return sn_vbl_copy(&resp->vbl, &req->vbl);
}

/* view: the MIB view of the request's type (VACM), NULL for everything. */
static int
serve(struct sn_agent *a, enum sn_version version, bool writable,
    const struct sn_vacm_view *view, const struct sn_pdu *req,
    size_t max_size, struct sn_pdu *resp, struct sn_error *err)
{
	bool toobig = false;
	int rc;

	sn_vbl_reset(&resp->vbl);
	resp->type = SN_PDU_RESPONSE;
	resp->request_id = req->request_id;
	resp->error_status = 0;
	resp->error_index = 0;
	if (version != SN_V1 && version != SN_V2C)
		return sn_error_set(err, SN_EVERSION,
		    "agent: version %d not served", (int)version);
	switch (req->type) {
	case SN_PDU_GET:
	case SN_PDU_GETNEXT:
		rc = process_get(a, version, view, req, max_size, resp,
		    &toobig);
		break;
	case SN_PDU_GETBULK:
		if (version == SN_V1) {
			/* RFC 1157 §4: no such PDU in SNMPv1 */
			a->stats.asn_parse_errs++;
			return sn_error_set(err, SN_EINVAL,
			    "agent: GetBulk in an SNMPv1 message");
		}
		rc = process_bulk(a, view, req, max_size, resp, &toobig);
		break;
	case SN_PDU_SET:
		if (!writable) {
			/* read-only community, as Net-SNMP: noAccess */
			a->stats.bad_community_uses++;
			rc = respond_error(version, req, resp,
			    SN_ERR_NOACCESS, req->vbl.len ? 1 : 0);
			break;
		}
		rc = process_set(a, version, view, req, resp);
		break;
	default:
		return sn_error_set(err, SN_EINVAL,
		    "agent: %s PDU not answered", sn_pdu_type_name(req->type));
	}
	if (rc < 0) {
		sn_vbl_reset(&resp->vbl);
		return sn_error_set(err, rc, NULL);
	}
	if (!toobig && pdu_size(resp, vbl_size(&resp->vbl)) > max_size)
		toobig = true;
	if (toobig) {
		/*
		 * RFC 3416 §4.2.1: tooBig, error-index 0, no varbinds.
		 * RFC 1157 §4.1.2: SNMPv1 echoes the request's varbinds
		 * when they fit.
		 */
		sn_vbl_reset(&resp->vbl);
		resp->error_status = SN_ERR_TOOBIG;
		resp->error_index = 0;
		if (version == SN_V1 &&
		    pdu_size(resp, vbl_size(&req->vbl)) <= max_size &&
		    sn_vbl_copy(&resp->vbl, &req->vbl) < 0)
			sn_vbl_reset(&resp->vbl);
		if (pdu_size(resp, vbl_size(&resp->vbl)) > max_size) {
			/* §4.2.1: silently dropped, snmpSilentDrops */
			a->stats.silent_drops++;
			sn_vbl_reset(&resp->vbl);
			return sn_error_set(err, SN_ETOOBIG,
			    "agent: response does not fit in %zu bytes",
			    max_size);
		}
	}
	return 0;
}

int
sn_agent_process(struct sn_agent *a, enum sn_version version,
    bool writable, const struct sn_pdu *req, size_t max_size,
    struct sn_pdu *resp, struct sn_error *err)
{
	return serve(a, version, writable, NULL, req, max_size, resp, err);
}

int
sn_agent_process_vacm(struct sn_agent *a, enum sn_version version,
    int model, const uint8_t *sec, size_t sec_len, int level,
    const uint8_t *ctx, size_t ctx_len, const struct sn_pdu *req,
    size_t max_size, struct sn_pdu *resp, struct sn_error *err)
{
	const struct sn_vacm_view *view;
	int rc;

	a->denied = false;
	if (a->vacm == NULL)
		return serve(a, version, true, NULL, req, max_size, resp,
		    err);
	/* RFC 3413 §3.2 step 4: isAccessAllowed up to the view */
	rc = sn_vacm_select(a->vacm, model, sec, sec_len, level, ctx,
	    ctx_len, req->type == SN_PDU_SET ? SN_VACM_WRITE : SN_VACM_READ,
	    &view);
	if (rc == SN_ENOSUCHCONTEXT && model == SN_VACM_MODEL_USM)
		return sn_error_set(err, rc, "agent: unknown context");
	if (rc != 0) {
		/* noSuchView, noAccessEntry, noGroupName: authorizationError */
		a->denied = true;
		sn_vbl_reset(&resp->vbl);
		resp->type = SN_PDU_RESPONSE;
		resp->request_id = req->request_id;
		switch (req->type) {
		case SN_PDU_GET:
		case SN_PDU_GETNEXT:
		case SN_PDU_SET:
			break;
		case SN_PDU_GETBULK:
			if (version != SN_V1)
				break;
			/* FALLTHROUGH */
		default:
			return serve(a, version, false, NULL, req, max_size,
			    resp, err);
		}
		rc = respond_error(version, req, resp,
		    SN_ERR_AUTHORIZATIONERROR,
		    version == SN_V1 && req->vbl.len > 0 ? 1 : 0);
		if (rc == 0 && pdu_size(resp, vbl_size(&resp->vbl)) >
		    max_size) {
			sn_vbl_reset(&resp->vbl);
			if (pdu_size(resp, 0) > max_size)
				rc = SN_ETOOBIG;
		}
		return rc < 0 ? sn_error_set(err, rc, NULL) : 0;
	}
	return serve(a, version, true, view, req, max_size, resp, err);
}

/* The principal's names as octets (NULL: ""). */
static size_t
cstr_len(const char *s)
{
	return s != NULL ? strlen(s) : 0;
}

int
sn_agent_process_as(struct sn_agent *a, enum sn_version version,
    const struct sn_agent_principal *who, const struct sn_pdu *req,
    size_t max_size, struct sn_pdu *resp, struct sn_error *err)
{
	return sn_agent_process_vacm(a, version, (int)who->model,
	    (const uint8_t *)who->security_name, cstr_len(who->security_name),
	    (int)who->level, (const uint8_t *)who->context,
	    cstr_len(who->context), req, max_size, resp, err);
}

/* The PDU budget of a response message carrying this community. */
size_t
sn_agent_pdu_budget(size_t community_len)
{
	/* SEQUENCE header (at most 4 bytes below 64 KiB), version, community */
	size_t overhead = 4 + 3 + tlv_size(community_len);

	return SN_MSG_MAX > overhead ? SN_MSG_MAX - overhead : 0;
}
