/*
 * The yardstick side of the codec benchmark: the reference v2c
 * GetResponse message (RFC 1901, RFC 3416 §3) built and parsed with
 * libnetsnmp's public API (snmp_build, snmp_parse), the way its tools do
 * for every packet.  Linked only into the benchmark program, never into
 * snmpsh.
 */
#include "config.h"

/*
 * Net-SNMP's configuration header defines autoconf's package macros of
 * its own; drop ours (unused here) so neither side redefines the other.
 */
#undef PACKAGE_BUGREPORT
#undef PACKAGE_NAME
#undef PACKAGE_STRING
#undef PACKAGE_TARNAME
#undef PACKAGE_URL
#undef PACKAGE_VERSION
#undef LT_OBJDIR
#undef STDC_HEADERS

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stdlib.h>
#include <string.h>

#include "codec.h"

struct bns {
	netsnmp_session sess;
	netsnmp_pdu *pdu;
	u_char *pkt;
	size_t pkt_len;
	u_char community[256];
};

int
bns_init(void)
{
	/* As `-m ''` does in snmp_parse_args: no MIB is loaded. */
	if (setenv("MIBS", "", 1) != 0)
		return -1;
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
	    NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
	    NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
	    NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
	init_snmp("snmpsh-bench");
	return 0;
}

static int
add_vb(netsnmp_pdu *pdu, const struct bench_vb *vb)
{
	oid name[BENCH_MAX_SUBIDS], val[BENCH_MAX_SUBIDS];
	long l;
	struct counter64 c64;
	size_t k;

	for (k = 0; k < vb->name_len; k++)
		name[k] = vb->name[k];
	switch (vb->kind) {
	case BK_INTEGER:
		l = vb->i;
		return snmp_pdu_add_variable(pdu, name, vb->name_len, ASN_INTEGER,
		    &l, sizeof(l)) == NULL ? -1 : 0;
	case BK_COUNTER32:
	case BK_GAUGE32:
	case BK_TIMETICKS:
		l = (long)vb->u;
		return snmp_pdu_add_variable(pdu, name, vb->name_len,
		    (u_char)vb->kind, &l, sizeof(l)) == NULL ? -1 : 0;
	case BK_COUNTER64:
		c64.high = (u_long)(vb->u >> 32);
		c64.low = (u_long)(vb->u & 0xffffffffu);
		return snmp_pdu_add_variable(pdu, name, vb->name_len,
		    ASN_COUNTER64, &c64, sizeof(c64)) == NULL ? -1 : 0;
	case BK_OCTETS:
	case BK_IPADDR:
		return snmp_pdu_add_variable(pdu, name, vb->name_len,
		    (u_char)vb->kind, vb->str, vb->str_len) == NULL ? -1 : 0;
	case BK_OID:
		for (k = 0; k < vb->oid_len; k++)
			val[k] = vb->oid[k];
		return snmp_pdu_add_variable(pdu, name, vb->name_len,
		    ASN_OBJECT_ID, val, vb->oid_len * sizeof(oid)) == NULL ?
		    -1 : 0;
	default:
		return -1;
	}
}

struct bns *
bns_new(const struct bench_msg *m)
{
	struct bns *b;
	size_t i, clen;

	if ((b = calloc(1, sizeof(*b))) == NULL)
		return NULL;
	clen = strlen(m->community);
	if (clen > sizeof(b->community))
		goto fail;
	memcpy(b->community, m->community, clen);
	snmp_sess_init(&b->sess);
	b->sess.version = SNMP_VERSION_2c;
	b->sess.community = b->community;
	b->sess.community_len = clen;
	if ((b->pdu = snmp_pdu_create(SNMP_MSG_RESPONSE)) == NULL)
		goto fail;
	/* snmp_send fills these in from the session before building. */
	b->pdu->version = SNMP_VERSION_2c;
	if ((b->pdu->community = malloc(clen + 1)) == NULL)
		goto fail;
	memcpy(b->pdu->community, m->community, clen);
	b->pdu->community[clen] = '\0';
	b->pdu->community_len = clen;
	b->pdu->reqid = m->request_id;
	b->pdu->errstat = 0;
	b->pdu->errindex = 0;
	for (i = 0; i < m->n; i++)
		if (add_vb(b->pdu, &m->vb[i]) != 0)
			goto fail;
	b->pkt_len = 2048;
	if ((b->pkt = malloc(b->pkt_len)) == NULL)
		goto fail;
	return b;
fail:
	bns_free(b);
	return NULL;
}

void
bns_free(struct bns *b)
{
	if (b == NULL)
		return;
	if (b->pdu != NULL)
		snmp_free_pdu(b->pdu);
	free(b->pkt);
	free(b);
}

int
bns_encode(struct bns *b, const uint8_t **out, size_t *outlen)
{
	size_t offset = 0;

	/* The buffer is reused; snmp_build grows it when needed. */
	if (snmp_build(&b->pkt, &b->pkt_len, &offset, &b->sess, b->pdu) != 0)
		return -1;
	/* As netsnmp_build_packet locates the result. */
	if (b->pdu->flags & UCD_MSG_FLAG_FORWARD_ENCODE)
		*out = b->pkt;
	else
		*out = b->pkt + b->pkt_len - offset;
	*outlen = offset;
	return 0;
}

static netsnmp_pdu *
parse(struct bns *b, const uint8_t *buf, size_t len)
{
	netsnmp_pdu *pdu;

	/* As _sess_process_packet does for each packet. */
	if ((pdu = calloc(1, sizeof(*pdu))) == NULL)
		return NULL;
	/* snmp_parse takes a non-const pointer but does not write. */
	if (snmp_parse(NULL, &b->sess, pdu, (u_char *)(uintptr_t)buf,
	    len) != SNMPERR_SUCCESS) {
		snmp_free_pdu(pdu);
		return NULL;
	}
	return pdu;
}

int
bns_decode(struct bns *b, const uint8_t *buf, size_t len)
{
	netsnmp_pdu *pdu;

	if ((pdu = parse(b, buf, len)) == NULL)
		return -1;
	snmp_free_pdu(pdu);
	return 0;
}

int
bns_dump(struct bns *b, const uint8_t *buf, size_t len, struct bench_dump *d)
{
	netsnmp_pdu *pdu;
	netsnmp_variable_list *v;
	uint32_t sub[BENCH_MAX_SUBIDS];
	uint64_t u64;
	size_t k, n;
	int rc = 0;

	if ((pdu = parse(b, buf, len)) == NULL)
		return -1;
	bench_dump_init(d);
	bench_dump_printf(d, "version %ld community ", pdu->version);
	bench_dump_hex(d, pdu->community, pdu->community_len);
	bench_dump_printf(d, " pdu %02x id %ld status %ld index %ld\n",
	    (unsigned)pdu->command, pdu->reqid, pdu->errstat, pdu->errindex);
	for (v = pdu->variables; v != NULL; v = v->next_variable) {
		if (v->name_length > BENCH_MAX_SUBIDS) {
			rc = -1;
			break;
		}
		for (k = 0; k < v->name_length; k++)
			sub[k] = (uint32_t)v->name[k];
		bench_dump_oid(d, sub, v->name_length);
		bench_dump_printf(d, " %02x ", (unsigned)v->type);
		switch (v->type) {
		case ASN_INTEGER:
			bench_dump_printf(d, "%ld", *v->val.integer);
			break;
		case ASN_COUNTER:
		case ASN_GAUGE:
		case ASN_TIMETICKS:
			bench_dump_printf(d, "%lu",
			    (unsigned long)*v->val.integer & 0xffffffffUL);
			break;
		case ASN_COUNTER64:
			u64 = ((uint64_t)v->val.counter64->high << 32) |
			    (v->val.counter64->low & 0xffffffffu);
			bench_dump_printf(d, "%llu", (unsigned long long)u64);
			break;
		case ASN_OCTET_STR:
		case ASN_IPADDRESS:
			bench_dump_hex(d, v->val.string, v->val_len);
			break;
		case ASN_OBJECT_ID:
			n = v->val_len / sizeof(oid);
			if (n > BENCH_MAX_SUBIDS) {
				rc = -1;
				break;
			}
			for (k = 0; k < n; k++)
				sub[k] = (uint32_t)v->val.objid[k];
			bench_dump_oid(d, sub, n);
			break;
		default:
			bench_dump_printf(d, "?");
			break;
		}
		bench_dump_printf(d, "\n");
	}
	snmp_free_pdu(pdu);
	return rc;
}
