/*
 * libFuzzer target for the command responder (RFC 3416 §4.2, RFC 3584
 * §4.4): the bytes are decoded as a v1/v2c message exactly as the agent's
 * receive path does, answered by sn_agent_process over a small store of
 * scalars and table cells (some writable, one Counter64 for the v1 rules),
 * and the response is encoded within the size the agent allows.  Whatever
 * the input, the responder must answer or drop it without reading out of
 * bounds, leaking, or producing a response it cannot encode.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sn/agent.h>
#include <sn/loop.h>
#include <sn/pdu.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c) do { if (!(c)) abort(); } while (0)

/*
 * The agent and its store live for the whole fuzzing run, as in a real
 * responder; the loop is never run (sn_agent_process needs no network).
 */
static struct sn_loop *loop;
static struct sn_agent *agent;
static struct sn_mostore *store;

static void
put(const char *oid, struct sn_value v, bool writable)
{
	struct sn_oid o;

	CHECK(sn_oid_parse(&o, oid, NULL) == 0);
	CHECK(sn_mostore_put(store, &o, &v, writable) == 0);
}

static void
setup(void)
{
	struct sn_oid sub;
	static const uint8_t mac[6] = { 0, 0x11, 0x22, 0x33, 0x44, 0x55 };
	struct sn_oid objid;

	CHECK(sn_loop_new(&loop, NULL) == 0);
	CHECK(sn_agent_new(loop, &agent, NULL) == 0);
	CHECK(sn_mostore_new(&store) == 0);
	CHECK(sn_oid_parse(&objid, "1.3.6.1.4.1.99999.1", NULL) == 0);
	put("1.3.6.1.2.1.1.1.0", sn_value_str(SN_T_OCTETS, "fuzz", 4), false);
	put("1.3.6.1.2.1.1.2.0", sn_value_oid(&objid), false);
	put("1.3.6.1.2.1.1.3.0", sn_value_uint(SN_T_TIMETICKS, 12345), false);
	put("1.3.6.1.2.1.1.4.0", sn_value_str(SN_T_OCTETS, "c", 1), true);
	put("1.3.6.1.2.1.1.5.0", sn_value_str(SN_T_OCTETS, "n", 1), true);
	put("1.3.6.1.2.1.2.1.0", sn_value_int(2), false);
	put("1.3.6.1.2.1.2.2.1.1.1", sn_value_int(1), false);
	put("1.3.6.1.2.1.2.2.1.1.2", sn_value_int(2), false);
	put("1.3.6.1.2.1.2.2.1.6.1", sn_value_str(SN_T_OCTETS, mac, 6), false);
	put("1.3.6.1.2.1.2.2.1.6.2", sn_value_str(SN_T_OCTETS, mac, 6), false);
	put("1.3.6.1.2.1.2.2.1.7.1", sn_value_int(1), true);
	put("1.3.6.1.2.1.2.2.1.7.2", sn_value_int(2), true);
	put("1.3.6.1.2.1.2.2.1.10.1", sn_value_uint(SN_T_COUNTER32, 7), false);
	put("1.3.6.1.2.1.4.20.1.1.127.0.0.1",
	    sn_value_str(SN_T_IPADDR, "\177\0\0\1", 4), false);
	put("1.3.6.1.2.1.31.1.1.1.6.1", sn_value_u64(UINT64_MAX), false);
	CHECK(sn_oid_parse(&sub, "1.3.6.1.2.1", NULL) == 0);
	CHECK(sn_agent_register(agent, &sub, sn_mostore_ops(), store,
	    NULL) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[SN_MSG_MAX];
	struct sn_msg req, resp;
	uint8_t *enc;
	size_t enclen;
	int rc;

	if (agent == NULL)
		setup();
	sn_msg_init(&req);
	sn_msg_init(&resp);
	if (sn_msg_decode(data, size, &req, NULL) == 0) {
		/* The first community byte decides read-only or read-write,
		 * so both access paths are explored. */
		bool writable = req.community_len > 0 &&
		    (req.community[0] & 1);

		resp.version = req.version;
		CHECK(sn_msg_set_community(&resp, req.community,
		    req.community_len) == 0);
		rc = sn_agent_process(agent, req.version, writable, &req.pdu,
		    SN_MSG_MAX - 64 - req.community_len, &resp.pdu, NULL);
		if (rc == 0) {
			/* A response the agent decided to send must encode. */
			CHECK(resp.pdu.type == SN_PDU_RESPONSE);
			CHECK(resp.pdu.request_id == req.pdu.request_id);
			CHECK(sn_msg_encode(&resp, out, sizeof(out), &enc,
			    &enclen, NULL) == 0);
			CHECK(enclen <= SN_MSG_MAX);
		}
	}
	sn_msg_clear(&req);
	sn_msg_clear(&resp);
	return 0;
}
