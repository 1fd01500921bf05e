/*
 * Internal to the command generator (cmdgen.c: sessions, requests,
 * community messages; cmdgen_v3.c: the SNMPv3 side, RFC 3412 and RFC
 * 3414 as the non-authoritative engine): the session and request
 * structures both files work on, and the calls between them.
 */
#ifndef SN_ENGINE_CMDGEN_INT_H
#define SN_ENGINE_CMDGEN_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sn/loop.h>
#include <sn/session.h>

#include "engine/cmdgen.h"
#include "engine/crypto.h"
#include "engine/dispatch.h"
#include "engine/mp_v3.h"
#include "engine/transport.h"
#include "engine/usm.h"

struct sn_session {
	struct sn_loop *loop;
	struct sn_dispatch *d;
	enum sn_version version;
	unsigned timeout_ms;
	int retries;
	uint8_t community[SN_COMMUNITY_MAX];
	size_t community_len;
	char *peer;			/* the agent text as given */
	char peer_addr[SN_TADDR_STR_MAX];
	uint8_t *encbuf;		/* SN_MSG_MAX bytes, reused */
	struct sn_session_child *children;
	bool closing;
	struct v3state *v3;		/* SNMPv3 only */
};

/* A session's USM state as a non-authoritative engine (RFC 3414 §2.3). */
struct v3state {
	struct sn_crypto *crypto;
	struct sn_usm_keycache *kc;
	bool auth;			/* securityLevel */
	bool priv;
	enum sn_auth_proto auth_proto;
	enum sn_priv_proto priv_proto;
	uint8_t *auth_pass;		/* sn_secret_alloc'd */
	size_t auth_pass_len;
	uint8_t *priv_pass;
	size_t priv_pass_len;
	/* localised keys, auth then priv (SN_USM_KEY_MAX +
	 * SN_USM_PRIVKEY_MAX), sn_secret_alloc'd */
	uint8_t *keys;
	/* keys given in hex, auth then priv (2 * SN_USM_KEY_MAX), secret */
	uint8_t *given;
	size_t auth_given_len;		/* 0: from the passphrase */
	size_t priv_given_len;
	bool auth_given_local;		/* -3k (else -3m) */
	bool priv_given_local;		/* -3K (else -3M) */
	bool keys_ready;
	uint8_t user[SN_USM_USER_MAX];
	size_t user_len;
	uint8_t engine_id[SN_USM_ENGINEID_MAX];	/* the agent's */
	size_t engine_id_len;		/* 0: not discovered yet */
	bool engine_fixed;		/* from -e: never rediscovered */
	uint8_t ctx_engine_id[SN_USM_ENGINEID_MAX];
	size_t ctx_engine_id_len;
	bool ctx_engine_set;
	uint8_t context[SN_V3_CONTEXT_MAX];
	size_t context_len;
	struct sn_usm_timeinfo ti;
	uint64_t salt;
	int depth;			/* reply handlers running */
	struct sn_v3_msg rx;		/* reused for every reply */
	/* the varbind storage of the last finished request's PDU copy,
	 * reset, for the next request (sn_cmdgen_v3_pdu_keep) */
	struct sn_vbl spare;
};

/* SNMPv3 steps of a request. */
enum v3phase {
	PH_PLAIN,	/* v1/v2c, or the v3 request itself */
	PH_PROBE	/* the discovery probe of RFC 3414 §4 */
};

struct sn_request {
	struct sn_session *s;
	struct sn_dreq *dr;
	sn_request_cb cb;
	void *ud;
	/* SNMPv3 */
	struct sn_pdu pdu;		/* a copy, to encode again */
	bool has_pdu;
	enum v3phase phase;
	int32_t id;			/* msgID and request-id */
	int resends;			/* after notInTimeWindow reports */
	bool resend;			/* set by the reply handler */
	int code;			/* security code from a report */
};

/* The session's loop clock in seconds (USM times, RFC 3414 §2.2.1). */
static inline int64_t
sn_cmdgen_now_s(const struct sn_session *s)
{
	return (int64_t)(sn_loop_now(s->loop) / 1000);
}

/* cmdgen.c */
/* Free s and everything it owns (no callbacks run). */
void sn_cmdgen_session_free(struct sn_session *s);
/* The dispatcher's completion of a request's message (sn_dreq_cb). */
void sn_cmdgen_on_dreq(struct sn_dreq *r, int status,
    const struct sn_msg *resp, void *ud);

/* cmdgen_v3.c */
/* Set up s->v3 from the SNMPv3 options (-u -l -a -A -x -X -e -E -n, the
 * -3m/-3k keys). */
int sn_cmdgen_v3_open(struct sn_session *s,
    const struct sn_session_opts *opts, struct sn_error *err);
/* Wipe and free; NULL is a no-op. */
void sn_cmdgen_v3_free(struct v3state *v);
/* Encode and send req: the discovery probe first, else the request. */
int sn_cmdgen_v3_send(struct sn_request *req, struct sn_error *err);
/* Keep a copy of pdu in req to encode again (RFC 3414 §4 discovery and
 * time synchronisation), in the session's spare varbind storage when it
 * has one; sets req->has_pdu.  SN_ENOMEM. */
int sn_cmdgen_v3_pdu_keep(struct sn_request *req, const struct sn_pdu *pdu);
/* Release req's copy (no-op without one), its storage becoming the
 * session's spare; req->s must still be alive. */
void sn_cmdgen_v3_pdu_done(struct sn_request *req);
/* The dispatcher's raw receiver of a v3 session's datagrams. */
void sn_cmdgen_v3_recv(struct sn_dispatch *d, const uint8_t *buf,
    size_t len, void *ud);

#endif
