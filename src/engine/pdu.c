/*
 * PDUs of RFC 3416 §3 (Get, GetNext, GetBulk, Set, Response, Inform,
 * SNMPv2-Trap, Report) and the SNMPv1 Trap-PDU of RFC 1157 §4.1.6:
 * encoding into the backwards BER writer, decoding into a reusable struct
 * sn_pdu, and Net-SNMP's names and texts of the error-status values.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sn/pdu.h>

#include "ber.h"

void
sn_pdu_init(struct sn_pdu *pdu, enum sn_pdu_type type)
{
	pdu->type = type;
	pdu->request_id = 0;
	pdu->error_status = 0;
	pdu->error_index = 0;
	pdu->enterprise.len = 0;
	memset(pdu->agent_addr, 0, sizeof(pdu->agent_addr));
	pdu->generic_trap = 0;
	pdu->specific_trap = 0;
	pdu->time_stamp = 0;
	sn_vbl_init(&pdu->vbl);
}

void
sn_pdu_clear(struct sn_pdu *pdu)
{
	if (pdu == NULL)
		return;
	sn_vbl_clear(&pdu->vbl);
	sn_pdu_init(pdu, pdu->type);
}

int
sn_pdu_copy(struct sn_pdu *dst, const struct sn_pdu *src)
{
	if (dst == src)
		return 0;
	dst->type = src->type;
	dst->request_id = src->request_id;
	dst->error_status = src->error_status;
	dst->error_index = src->error_index;
	/* only the sub-identifiers in use: the whole OID is 516 octets */
	dst->enterprise.len = src->enterprise.len;
	memcpy(dst->enterprise.sub, src->enterprise.sub,
	    (src->enterprise.len <= SN_OID_MAX_LEN ? src->enterprise.len :
	    SN_OID_MAX_LEN) * sizeof(src->enterprise.sub[0]));
	memcpy(dst->agent_addr, src->agent_addr, sizeof(dst->agent_addr));
	dst->generic_trap = src->generic_trap;
	dst->specific_trap = src->specific_trap;
	dst->time_stamp = src->time_stamp;
	return sn_vbl_copy(&dst->vbl, &src->vbl);
}

const char *
sn_pdu_type_name(enum sn_pdu_type type)
{
	switch (type) {
	case SN_PDU_GET:
		return "get";
	case SN_PDU_GETNEXT:
		return "getnext";
	case SN_PDU_RESPONSE:
		return "response";
	case SN_PDU_SET:
		return "set";
	case SN_PDU_TRAP_V1:
		return "trap";
	case SN_PDU_GETBULK:
		return "getbulk";
	case SN_PDU_INFORM:
		return "inform";
	case SN_PDU_TRAP:
		return "trap2";
	case SN_PDU_REPORT:
		return "report";
	}
	return "unknown";
}

/*
 * Net-SNMP's error_string table (snmplib/snmp_api.c, checked against
 * snmp_errstring() of libnetsnmp 5.9.3): name, text, and the whole string.
 */
struct errstat {
	const char *name;
	const char *text;
	const char *string;
};

static const struct errstat errstats[] = {
	{ "noError", "No Error", "(noError) No Error" },
	{ "tooBig", "Response message would have been too large.",
	    "(tooBig) Response message would have been too large." },
	{ "noSuchName", "There is no such variable name in this MIB.",
	    "(noSuchName) There is no such variable name in this MIB." },
	{ "badValue", "The value given has the wrong type or length.",
	    "(badValue) The value given has the wrong type or length." },
	{ "readOnly",
	    "The two parties used do not have access to use the specified "
	    "SNMP PDU.",
	    "(readOnly) The two parties used do not have access to use the "
	    "specified SNMP PDU." },
	{ "genError", "A general failure occured",
	    "(genError) A general failure occured" },
	{ "noAccess", "", "noAccess" },
	{ "wrongType",
	    "The set datatype does not match the data type the agent expects",
	    "wrongType (The set datatype does not match the data type the "
	    "agent expects)" },
	{ "wrongLength",
	    "The set value has an illegal length from what the agent expects",
	    "wrongLength (The set value has an illegal length from what the "
	    "agent expects)" },
	{ "wrongEncoding", "", "wrongEncoding" },
	{ "wrongValue",
	    "The set value is illegal or unsupported in some way",
	    "wrongValue (The set value is illegal or unsupported in some "
	    "way)" },
	{ "noCreation",
	    "That table does not support row creation or that object can not "
	    "ever be created",
	    "noCreation (That table does not support row creation or that "
	    "object can not ever be created)" },
	{ "inconsistentValue",
	    "The set value is illegal or unsupported in some way",
	    "inconsistentValue (The set value is illegal or unsupported in "
	    "some way)" },
	{ "resourceUnavailable",
	    "This is likely a out-of-memory failure within the agent",
	    "resourceUnavailable (This is likely a out-of-memory failure "
	    "within the agent)" },
	{ "commitFailed", "", "commitFailed" },
	{ "undoFailed", "", "undoFailed" },
	{ "authorizationError", "access denied to that object",
	    "authorizationError (access denied to that object)" },
	{ "notWritable", "That object does not support modification",
	    "notWritable (That object does not support modification)" },
	{ "inconsistentName", "That object can not currently be created",
	    "inconsistentName (That object can not currently be created)" }
};

#define NERRSTATS (sizeof(errstats) / sizeof(errstats[0]))

const char *
sn_errstat_name(int status)
{
	if (status < 0 || (size_t)status >= NERRSTATS)
		return "unknown";
	return errstats[status].name;
}

const char *
sn_errstat_text(int status)
{
	if (status < 0 || (size_t)status >= NERRSTATS)
		return "Unknown Error";
	return errstats[status].text;
}

const char *
sn_errstat_string(int status)
{
	if (status < 0 || (size_t)status >= NERRSTATS)
		return "Unknown Error";
	return errstats[status].string;
}

static int
is_pdu_type(unsigned tag)
{
	return tag >= SN_PDU_GET && tag <= SN_PDU_REPORT;
}

static int
put_error(int rc, struct sn_error *err, const char *what)
{
	if (rc == SN_EENCODE) {
		return sn_error_set(err, rc,
		    "encoding %s: buffer too small", what);
	}
	return sn_error_set(err, rc, "encoding %s: invalid value", what);
}

int
sn_ber_put_pdu(struct sn_ber_enc *e, const struct sn_pdu *pdu,
    struct sn_error *err)
{
	const struct sn_varbind *vb;
	uint8_t *mark_pdu = e->p, *mark_vbl, *mark_vb;
	char what[40];
	size_t i;
	int rc;

	if (!is_pdu_type(pdu->type)) {
		return sn_error_set(err, SN_EINVAL,
		    "encoding PDU: unknown PDU type 0x%02x",
		    (unsigned)pdu->type);
	}
	if (pdu->vbl.len > SN_VBL_MAX) {
		return sn_error_set(err, SN_ELIMIT,
		    "encoding PDU: more than %d varbinds", SN_VBL_MAX);
	}
	/* RFC 3416 §3: VarBindList ::= SEQUENCE OF VarBind, written last
	 * varbind first */
	mark_vbl = e->p;
	for (i = pdu->vbl.len; i > 0; i--) {
		vb = &pdu->vbl.vb[i - 1];
		mark_vb = e->p;
		if ((rc = sn_ber_put_value(e, &vb->value)) != 0) {
			snprintf(what, sizeof(what), "value of varbind %zu", i);
			if (rc == SN_EINVAL) {
				return sn_error_set(err, rc,
				    "encoding varbind %zu: %s value cannot "
				    "be encoded", i,
				    sn_type_name(vb->value.type));
			}
			return put_error(rc, err, what);
		}
		if ((rc = sn_ber_put_oid(e, SN_BER_OID, &vb->name)) != 0) {
			snprintf(what, sizeof(what), "name of varbind %zu", i);
			return put_error(rc, err, what);
		}
		if ((rc = sn_ber_put_wrap(e, SN_BER_SEQUENCE, mark_vb)) != 0)
			return put_error(rc, err, "varbind");
	}
	if ((rc = sn_ber_put_wrap(e, SN_BER_SEQUENCE, mark_vbl)) != 0)
		return put_error(rc, err, "varbind list");
	if (pdu->type == SN_PDU_TRAP_V1) {
		/* RFC 1157 §4.1.6: enterprise, agent-addr, generic-trap,
		 * specific-trap, time-stamp */
		if ((rc = sn_ber_put_uint64(e, SN_T_TIMETICKS,
		    pdu->time_stamp)) != 0 ||
		    (rc = sn_ber_put_int32(e, SN_BER_INTEGER,
		    pdu->specific_trap)) != 0 ||
		    (rc = sn_ber_put_int32(e, SN_BER_INTEGER,
		    pdu->generic_trap)) != 0 ||
		    (rc = sn_ber_put_octets(e, SN_T_IPADDR, pdu->agent_addr,
		    4)) != 0)
			return put_error(rc, err, "Trap-PDU header");
		if ((rc = sn_ber_put_oid(e, SN_BER_OID,
		    &pdu->enterprise)) != 0)
			return put_error(rc, err, "Trap-PDU enterprise");
	} else {
		/* RFC 3416 §3: request-id, error-status (non-repeaters),
		 * error-index (max-repetitions) */
		if ((rc = sn_ber_put_int32(e, SN_BER_INTEGER,
		    pdu->error_index)) != 0 ||
		    (rc = sn_ber_put_int32(e, SN_BER_INTEGER,
		    pdu->error_status)) != 0 ||
		    (rc = sn_ber_put_int32(e, SN_BER_INTEGER,
		    pdu->request_id)) != 0)
			return put_error(rc, err, "PDU header");
	}
	if ((rc = sn_ber_put_wrap(e, (uint8_t)pdu->type, mark_pdu)) != 0)
		return put_error(rc, err, "PDU");
	return 0;
}

int
sn_pdu_encode(const struct sn_pdu *pdu, uint8_t *buf, size_t cap,
    uint8_t **out, size_t *outlen, struct sn_error *err)
{
	struct sn_ber_enc e;
	int rc;

	if (buf == NULL && cap > 0)
		return sn_error_set(err, SN_EINVAL, "no output buffer");
	sn_ber_enc_init(&e, buf, cap);
	if ((rc = sn_ber_put_pdu(&e, pdu, err)) != 0)
		return rc;
	*out = e.p;
	*outlen = (size_t)(buf + cap - e.p);
	return 0;
}

/* Read the VarBindList, copying strings into the list's storage. */
static int
get_vbl(struct sn_ber *d, struct sn_vbl *vbl, struct sn_error *err)
{
	struct sn_ber list, one;
	struct sn_varbind *vb;
	uint8_t *s;
	size_t off;
	int rc;

	if ((rc = sn_ber_enter(d, SN_BER_SEQUENCE, NULL, &list,
	    "VarBindList", err)) != 0)
		return rc;
	while (list.p < list.end) {
		off = sn_ber_offset(&list);
		if ((rc = sn_ber_enter(&list, SN_BER_SEQUENCE, NULL, &one,
		    "VarBind", err)) != 0)
			return rc;
		if ((vb = sn_vbl_push(vbl)) == NULL) {
			if (vbl->len >= SN_VBL_MAX) {
				return sn_error_set(err, SN_ELIMIT,
				    "at offset %zu: more than %d varbinds",
				    off, SN_VBL_MAX);
			}
			return sn_error_set(err, SN_ENOMEM,
			    "at offset %zu: out of memory for varbinds", off);
		}
		if ((rc = sn_ber_get_oid(&one, SN_BER_OID, &vb->name,
		    "varbind name", err)) != 0 ||
		    (rc = sn_ber_get_value(&one, &vb->value, err)) != 0 ||
		    (rc = sn_ber_finish(&one, "varbind value", err)) != 0)
			return rc;
		switch (vb->value.type) {
		case SN_T_OCTETS:
		case SN_T_OPAQUE:
		case SN_T_IPADDR:
		case SN_T_NSAP:
			s = sn_vbl_store(vbl, vb->value.v.str.ptr,
			    vb->value.v.str.len);
			if (s == NULL) {
				return sn_error_set(err, SN_ENOMEM,
				    "at offset %zu: out of memory for a "
				    "string of %zu bytes", off,
				    vb->value.v.str.len);
			}
			vb->value.v.str.ptr = s;
			break;
		default:
			break;
		}
	}
	return 0;
}

int
sn_ber_get_pdu(struct sn_ber *d, struct sn_pdu *pdu, struct sn_error *err)
{
	struct sn_ber c;
	const uint8_t *addr;
	size_t off = sn_ber_offset(d), alen;
	uint8_t tag;
	int rc;

	sn_vbl_reset(&pdu->vbl);
	if ((rc = sn_ber_enter(d, 0, &tag, &c, "PDU", err)) != 0)
		return rc;
	/* RFC 3416 §3: PDUs are [0] .. [8] IMPLICIT */
	if (!is_pdu_type(tag)) {
		d->p = d->base + off;
		return sn_error_set(err, SN_ETAG,
		    "at offset %zu: tag 0x%02x is not a PDU", off, tag);
	}
	pdu->type = (enum sn_pdu_type)tag;
	if (tag == SN_PDU_TRAP_V1) {
		/* RFC 1157 §4.1.6 */
		pdu->request_id = 0;
		pdu->error_status = 0;
		pdu->error_index = 0;
		if ((rc = sn_ber_get_oid(&c, SN_BER_OID, &pdu->enterprise,
		    "enterprise", err)) != 0)
			goto fail;
		off = sn_ber_offset(&c);
		if ((rc = sn_ber_get_octets(&c, SN_T_IPADDR, &addr, &alen,
		    "agent-addr", err)) != 0)
			goto fail;
		if (alen != 4) {
			rc = sn_error_set(err, SN_ELENGTH,
			    "at offset %zu: agent-addr of %zu octets", off,
			    alen);
			goto fail;
		}
		memcpy(pdu->agent_addr, addr, 4);
		if ((rc = sn_ber_get_int32(&c, SN_BER_INTEGER,
		    &pdu->generic_trap, "generic-trap", err)) != 0 ||
		    (rc = sn_ber_get_int32(&c, SN_BER_INTEGER,
		    &pdu->specific_trap, "specific-trap", err)) != 0 ||
		    (rc = sn_ber_get_uint32(&c, SN_T_TIMETICKS,
		    &pdu->time_stamp, "time-stamp", err)) != 0)
			goto fail;
	} else {
		pdu->enterprise.len = 0;
		memset(pdu->agent_addr, 0, sizeof(pdu->agent_addr));
		pdu->generic_trap = 0;
		pdu->specific_trap = 0;
		pdu->time_stamp = 0;
		if ((rc = sn_ber_get_int32(&c, SN_BER_INTEGER,
		    &pdu->request_id, "request-id", err)) != 0 ||
		    (rc = sn_ber_get_int32(&c, SN_BER_INTEGER,
		    &pdu->error_status, "error-status", err)) != 0 ||
		    (rc = sn_ber_get_int32(&c, SN_BER_INTEGER,
		    &pdu->error_index, "error-index", err)) != 0)
			goto fail;
	}
	if ((rc = get_vbl(&c, &pdu->vbl, err)) != 0 ||
	    (rc = sn_ber_finish(&c, "VarBindList", err)) != 0)
		goto fail;
	return 0;
fail:
	sn_vbl_reset(&pdu->vbl);
	return rc;
}

int
sn_pdu_decode(const uint8_t *buf, size_t len, struct sn_pdu *pdu,
    struct sn_error *err)
{
	struct sn_ber d;
	int rc;

	if (len > SN_MSG_MAX) {
		sn_vbl_reset(&pdu->vbl);
		return sn_error_set(err, SN_ETOOBIG,
		    "PDU of %zu bytes exceeds %d", len, SN_MSG_MAX);
	}
	sn_ber_init(&d, buf, len);
	if ((rc = sn_ber_get_pdu(&d, pdu, err)) != 0)
		return rc;
	if ((rc = sn_ber_finish(&d, "PDU", err)) != 0) {
		sn_vbl_reset(&pdu->vbl);
		return rc;
	}
	return 0;
}
