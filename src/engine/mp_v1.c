/*
 * Community-based messages: SNMPv1 (RFC 1157 §4) and SNMPv2c (RFC 1901 §3),
 * Message ::= SEQUENCE { version INTEGER, community OCTET STRING, data PDU }.
 * Encoding and decoding with the PDU types each version may carry
 * (RFC 3584 §4.2.2.1 for what SNMPv1 cannot carry), and a peek at the
 * version field so that v3 messages (RFC 3412 §6) can be routed elsewhere.
 */
#include "config.h"

#include <string.h>

#include <sn/pdu.h>

#include "ber.h"

void
sn_msg_init(struct sn_msg *msg)
{
	msg->version = SN_V2C;
	msg->community_len = 0;
	sn_pdu_init(&msg->pdu, SN_PDU_GET);
}

void
sn_msg_clear(struct sn_msg *msg)
{
	if (msg == NULL)
		return;
	sn_pdu_clear(&msg->pdu);
	msg->community_len = 0;
}

int
sn_msg_set_community(struct sn_msg *msg, const void *c, size_t len)
{
	if (len > SN_COMMUNITY_MAX)
		return SN_ETOOLONG;
	if (len > 0)
		memcpy(msg->community, c, len);
	msg->community_len = len;
	return 0;
}

static const char *
version_name(long version)
{
	switch (version) {
	case SN_V1:
		return "SNMPv1";
	case SN_V2C:
		return "SNMPv2c";
	case SN_V3:
		return "SNMPv3";
	}
	return "unknown version";
}

static const char *
pdu_label(unsigned type)
{
	switch (type) {
	case SN_PDU_GET:
		return "GetRequest-PDU";
	case SN_PDU_GETNEXT:
		return "GetNextRequest-PDU";
	case SN_PDU_RESPONSE:
		return "Response-PDU";
	case SN_PDU_SET:
		return "SetRequest-PDU";
	case SN_PDU_TRAP_V1:
		return "Trap-PDU";
	case SN_PDU_GETBULK:
		return "GetBulkRequest-PDU";
	case SN_PDU_INFORM:
		return "InformRequest-PDU";
	case SN_PDU_TRAP:
		return "SNMPv2-Trap-PDU";
	case SN_PDU_REPORT:
		return "Report-PDU";
	}
	return "unknown PDU";
}

/* Whether version may carry the PDU type. */
static int
pdu_allowed(long version, unsigned type)
{
	if (version == SN_V1) {
		/* RFC 1157 §4.1 */
		return type == SN_PDU_GET || type == SN_PDU_GETNEXT ||
		    type == SN_PDU_RESPONSE || type == SN_PDU_SET ||
		    type == SN_PDU_TRAP_V1;
	}
	/* RFC 1901 §3, RFC 3416 §3: all but the SNMPv1 Trap-PDU */
	return type >= SN_PDU_GET && type <= SN_PDU_REPORT &&
	    type != SN_PDU_TRAP_V1;
}

int
sn_msg_encode(const struct sn_msg *msg, uint8_t *buf, size_t cap,
    uint8_t **out, size_t *outlen, struct sn_error *err)
{
	const struct sn_vbl *vbl = &msg->pdu.vbl;
	struct sn_ber_enc e;
	uint8_t *mark;
	size_t i, n;
	int rc;

	if (msg->version != SN_V1 && msg->version != SN_V2C) {
		return sn_error_set(err, SN_EINVAL,
		    "encoding message: %s is not community-based",
		    version_name(msg->version));
	}
	if (!pdu_allowed(msg->version, msg->pdu.type)) {
		return sn_error_set(err, SN_EINVAL,
		    "encoding message: %s is not valid in %s",
		    pdu_label(msg->pdu.type), version_name(msg->version));
	}
	if (msg->community_len > SN_COMMUNITY_MAX) {
		return sn_error_set(err, SN_EINVAL,
		    "encoding message: community longer than %d bytes",
		    SN_COMMUNITY_MAX);
	}
	if (msg->version == SN_V1) {
		/* RFC 3584 §4.2.2.1: no Counter64 and no exceptions in v1 */
		for (i = 0; i < vbl->len; i++) {
			enum sn_type t = vbl->vb[i].value.type;

			if (t == SN_T_COUNTER64 || sn_type_is_exception(t)) {
				return sn_error_set(err, SN_EINVAL,
				    "encoding message: varbind %zu: %s "
				    "cannot be sent in SNMPv1", i + 1,
				    sn_type_name(t));
			}
		}
	}
	if (buf == NULL && cap > 0)
		return sn_error_set(err, SN_EINVAL, "no output buffer");
	sn_ber_enc_init(&e, buf, cap);
	mark = e.p;
	if ((rc = sn_ber_put_pdu(&e, &msg->pdu, err)) != 0)
		return rc;
	if ((rc = sn_ber_put_octets(&e, SN_BER_OCTETS, msg->community,
	    msg->community_len)) != 0 ||
	    (rc = sn_ber_put_int32(&e, SN_BER_INTEGER,
	    (int32_t)msg->version)) != 0 ||
	    (rc = sn_ber_put_wrap(&e, SN_BER_SEQUENCE, mark)) != 0) {
		return sn_error_set(err, rc,
		    "encoding message: buffer too small");
	}
	n = (size_t)(mark - e.p);
	if (n > SN_MSG_MAX) {
		return sn_error_set(err, SN_ETOOBIG,
		    "encoding message: %zu bytes exceed %d", n, SN_MSG_MAX);
	}
	*out = e.p;
	*outlen = n;
	return 0;
}

/* Enter the message SEQUENCE and read the version. */
static int
get_version(struct sn_ber *d, struct sn_ber *m, int32_t *version,
    size_t *voff, struct sn_error *err)
{
	int rc;

	if (sn_ber_left(d) > SN_MSG_MAX) {
		return sn_error_set(err, SN_ETOOBIG,
		    "message of %zu bytes exceeds %d", sn_ber_left(d),
		    SN_MSG_MAX);
	}
	if ((rc = sn_ber_enter(d, SN_BER_SEQUENCE, NULL, m, "Message",
	    err)) != 0)
		return rc;
	*voff = sn_ber_offset(m);
	return sn_ber_get_int32(m, SN_BER_INTEGER, version, "version", err);
}

int
sn_msg_peek_version(const uint8_t *buf, size_t len, long *version,
    struct sn_error *err)
{
	struct sn_ber d, m;
	size_t off;
	int32_t v;
	int rc;

	sn_ber_init(&d, buf, len);
	if ((rc = get_version(&d, &m, &v, &off, err)) != 0)
		return rc;
	*version = v;
	return 0;
}

int
sn_msg_decode(const uint8_t *buf, size_t len, struct sn_msg *msg,
    struct sn_error *err)
{
	struct sn_ber d, m;
	const uint8_t *comm;
	size_t clen, off;
	int32_t version;
	int rc;

	sn_ber_init(&d, buf, len);
	if ((rc = get_version(&d, &m, &version, &off, err)) != 0)
		goto fail;
	if (version != SN_V1 && version != SN_V2C) {
		/* RFC 3412 §7.2 step 2: another model handles the rest */
		rc = sn_error_set(err, SN_EVERSION,
		    "at offset %zu: message version %ld (%s) is not v1 or "
		    "v2c", off, (long)version, version_name(version));
		goto fail;
	}
	if ((rc = sn_ber_finish(&d, "Message", err)) != 0)
		goto fail;
	off = sn_ber_offset(&m);
	if ((rc = sn_ber_get_octets(&m, SN_BER_OCTETS, &comm, &clen,
	    "community", err)) != 0)
		goto fail;
	if (clen > SN_COMMUNITY_MAX) {
		rc = sn_error_set(err, SN_ETOOLONG,
		    "at offset %zu: community of %zu bytes (at most %d)", off,
		    clen, SN_COMMUNITY_MAX);
		goto fail;
	}
	msg->version = (enum sn_version)version;
	memcpy(msg->community, comm, clen);
	msg->community_len = clen;
	off = sn_ber_offset(&m);
	if ((rc = sn_ber_get_pdu(&m, &msg->pdu, err)) != 0)
		return rc;
	if (!pdu_allowed(version, msg->pdu.type)) {
		sn_vbl_reset(&msg->pdu.vbl);
		return sn_error_set(err, SN_ETAG,
		    "at offset %zu: %s is not valid in %s", off,
		    pdu_label(msg->pdu.type), version_name(version));
	}
	if ((rc = sn_ber_finish(&m, "PDU", err)) != 0) {
		sn_vbl_reset(&msg->pdu.vbl);
		return rc;
	}
	return 0;
fail:
	sn_vbl_reset(&msg->pdu.vbl);
	return rc;
}
