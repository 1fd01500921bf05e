/*
 * libFuzzer target for the community-message and PDU decoders (RFC 1157 §4,
 * RFC 1901 §3, RFC 3416 §3): whatever decodes must re-encode, decode again
 * to the same content, and re-encode to the same bytes (the encoding of a
 * decoded message is canonical); nothing may read out of bounds, leak or
 * overflow.  (Re-encoding may grow: a sloppy 41 01 ff becomes 41 05 00 ff
 * ff ff ff.)  Built with -fsanitize=fuzzer under --enable-fuzzing and, for
 * make check, linked with replay.c to run the corpus.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sn/pdu.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static bool
same_value(const struct sn_value *a, const struct sn_value *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case SN_T_INTEGER:
		return a->v.i == b->v.i;
	case SN_T_COUNTER32:
	case SN_T_GAUGE32:
	case SN_T_TIMETICKS:
	case SN_T_UINTEGER32:
		return a->v.u == b->v.u;
	case SN_T_COUNTER64:
		return a->v.u64 == b->v.u64;
	case SN_T_OCTETS:
	case SN_T_OPAQUE:
	case SN_T_IPADDR:
	case SN_T_NSAP:
		return a->v.str.len == b->v.str.len && (a->v.str.len == 0 ||
		    memcmp(a->v.str.ptr, b->v.str.ptr, a->v.str.len) == 0);
	case SN_T_OID:
		return sn_oid_cmp(&a->v.oid, &b->v.oid) == 0;
	default:
		return true;
	}
}

static bool
same_pdu(const struct sn_pdu *a, const struct sn_pdu *b)
{
	size_t i;

	if (a->type != b->type || a->request_id != b->request_id ||
	    a->error_status != b->error_status ||
	    a->error_index != b->error_index || a->vbl.len != b->vbl.len)
		return false;
	if (a->type == SN_PDU_TRAP_V1 &&
	    (sn_oid_cmp(&a->enterprise, &b->enterprise) != 0 ||
	    memcmp(a->agent_addr, b->agent_addr, 4) != 0 ||
	    a->generic_trap != b->generic_trap ||
	    a->specific_trap != b->specific_trap ||
	    a->time_stamp != b->time_stamp))
		return false;
	for (i = 0; i < a->vbl.len; i++) {
		if (sn_oid_cmp(&a->vbl.vb[i].name, &b->vbl.vb[i].name) != 0 ||
		    !same_value(&a->vbl.vb[i].value, &b->vbl.vb[i].value))
			return false;
	}
	return true;
}

/* Whether an SNMPv1 message may carry every value (RFC 3584 §4.2.2.1). */
static bool
v1_encodable(const struct sn_msg *m)
{
	size_t i;

	for (i = 0; i < m->pdu.vbl.len; i++) {
		enum sn_type t = m->pdu.vbl.vb[i].value.type;

		if (t == SN_T_COUNTER64 || sn_type_is_exception(t))
			return false;
	}
	return true;
}

static void
fuzz_msg(const uint8_t *data, size_t size)
{
	static uint8_t buf1[4 * SN_MSG_MAX], buf2[4 * SN_MSG_MAX];
	struct sn_msg a, b;
	struct sn_error err;
	uint8_t *o1, *o2;
	size_t l1, l2;
	long ver;
	int rc;

	sn_msg_init(&a);
	sn_msg_init(&b);
	rc = sn_msg_decode(data, size, &a, &err);
	if (rc != 0) {
		CHECK(rc < 0 && err.code == rc && a.pdu.vbl.len == 0);
		goto out;
	}
	CHECK(sn_msg_peek_version(data, size, &ver, NULL) == 0 &&
	    ver == (long)a.version);
	rc = sn_msg_encode(&a, buf1, sizeof(buf1), &o1, &l1, &err);
	if (a.version == SN_V1 && !v1_encodable(&a)) {
		CHECK(rc == SN_EINVAL);
		goto out;
	}
	if (rc == SN_ETOOBIG)
		goto out;
	CHECK(rc == 0);
	CHECK(sn_msg_decode(o1, l1, &b, &err) == 0);
	CHECK(a.version == b.version && a.community_len == b.community_len &&
	    memcmp(a.community, b.community, a.community_len) == 0);
	CHECK(same_pdu(&a.pdu, &b.pdu));
	CHECK(sn_msg_encode(&b, buf2, sizeof(buf2), &o2, &l2, &err) == 0);
	CHECK(l1 == l2 && memcmp(o1, o2, l1) == 0);
out:
	sn_msg_clear(&a);
	sn_msg_clear(&b);
}

static void
fuzz_pdu(const uint8_t *data, size_t size)
{
	static uint8_t buf1[4 * SN_MSG_MAX], buf2[4 * SN_MSG_MAX];
	struct sn_pdu a, b;
	struct sn_error err;
	uint8_t *o1, *o2;
	size_t l1, l2;
	int rc;

	sn_pdu_init(&a, SN_PDU_GET);
	sn_pdu_init(&b, SN_PDU_GET);
	rc = sn_pdu_decode(data, size, &a, &err);
	if (rc != 0) {
		CHECK(rc < 0 && err.code == rc && a.vbl.len == 0);
		goto out;
	}
	CHECK(sn_pdu_encode(&a, buf1, sizeof(buf1), &o1, &l1, &err) == 0);
	CHECK(sn_pdu_decode(o1, l1, &b, &err) == 0 && same_pdu(&a, &b));
	CHECK(sn_pdu_encode(&b, buf2, sizeof(buf2), &o2, &l2, &err) == 0);
	CHECK(l1 == l2 && memcmp(o1, o2, l1) == 0);
out:
	sn_pdu_clear(&a);
	sn_pdu_clear(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_msg(data, size);
	fuzz_pdu(data, size);
	/* a message's PDU is also worth decoding alone: skip its header */
	if (size > 2 && data[0] == 0x30)
		fuzz_pdu(data + 2, size - 2);
	return 0;
}
