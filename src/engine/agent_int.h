/*
 * Internal: the command responder's agent object, shared by cmdrsp.c (the
 * PDU processing of RFC 3416 §4.2 and RFC 3413 §3.2) and agent.c (its
 * transports, communities of RFC 3584 §5, SNMPv3 users and VACM tables).
 */
#ifndef SN_ENGINE_AGENT_INT_H
#define SN_ENGINE_AGENT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sn/agent.h>
#include <sn/pdu.h>

#include "transport.h"
#include "engine/vacm.h"

struct reg {
	struct sn_oid subtree;
	const struct sn_mo_ops *ops;
	void *ud;
};

struct community {
	uint8_t *s;	/* owned */
	size_t len;
	bool writable;
	/* RFC 3584 §5.1 snmpCommunitySecurityName and ContextName */
	uint8_t sec[SN_VACM_NAME_MAX];
	size_t sec_len;
	uint8_t ctx[SN_VACM_NAME_MAX];
	size_t ctx_len;
};

struct listener {
	struct sn_agent *agent;
	struct sn_transport *t;
	char addr[SN_TADDR_STR_MAX];
};

struct sn_agent {
	struct sn_loop *loop;
	struct reg *regs;	/* sorted by subtree, not overlapping */
	size_t nregs;
	struct listener **ls;
	size_t nls;
	struct community *comms;
	size_t ncomms;
	struct sn_agent_stats stats;
	/* Reused across requests, so serving allocates little. */
	struct sn_msg in;
	struct sn_msg out;
	uint8_t *buf;	/* SN_MSG_MAX bytes */
	struct sn_agent_usm *usm;	/* SNMPv3, with the first user */
	struct sn_vacm *vacm;	/* RFC 3415, once configured */
	bool denied;		/* the last request met a VACM refusal */
};

/* The PDU budget of a response message carrying this community. */
size_t sn_agent_pdu_budget(size_t community_len);

#endif
