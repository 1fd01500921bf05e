/*
 * The command generator of RFC 3413 §3.1: sessions to one agent, requests
 * (get, getnext, getbulk, set) with request-id matching, timeouts and
 * retries, and streaming walks over GETNEXT or GETBULK.
 *
 * Handles (sessions) are long-lived; requests and walks are short-lived and
 * get exactly one completion callback: response, timeout, error, or
 * SN_ECANCELED.  Everything runs on the caller's sn_loop.
 */
#ifndef SN_SESSION_H
#define SN_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include <sn/error.h>
#include <sn/loop.h>
#include <sn/oid.h>
#include <sn/pdu.h>
#include <sn/value.h>

struct sn_session;
struct sn_request;
struct sn_walk;

struct sn_session_opts {
	enum sn_version version;	/* default SN_V2C */
	const char *community;		/* default "public" */
	unsigned timeout_ms;		/* per try; default 1000 */
	int retries;			/* default 5, as Net-SNMP */
	/*
	 * SNMPv3 (RFC 3412, RFC 3414 USM), used when version is SN_V3.  All
	 * borrowed during sn_session_open only (copied; passphrases into
	 * buffers wiped on close).  Names as Net-SNMP's options take them.
	 */
	const char *user;		/* -u securityName; default "" */
	/* -l noAuthNoPriv|authNoPriv|authPriv (or noauth|auth|priv|1|2|3);
	 * NULL: noAuthNoPriv */
	const char *sec_level;
	const char *auth_proto;		/* -a MD5|SHA...; NULL: MD5 */
	const char *auth_pass;		/* -A */
	const char *priv_proto;		/* -x DES|3DES|AES|AES-192...;
					   NULL: DES */
	const char *priv_pass;		/* -X */
	const char *sec_engine_id;	/* -e, hex ("0x" optional): skips
					   discovery; NULL: discover it */
	const char *ctx_engine_id;	/* -E, hex; NULL: the security one */
	const char *context;		/* -n contextName; default "" */
	/*
	 * Keys in hex instead of passphrases (Net-SNMP's -3m -3M -3k -3K):
	 * master keys Ku (RFC 3414 A.2, the hash's length), localised to
	 * the agent's engine ID by the session, or keys already localised
	 * (Kul; a privacy key of the hash's length is extended as the
	 * protocol says, one of the cipher's key length is used as is).
	 */
	const char *auth_master_key;	/* -3m */
	const char *priv_master_key;	/* -3M */
	const char *auth_local_key;	/* -3k */
	const char *priv_local_key;	/* -3K */
};

SN_API void sn_session_opts_init(struct sn_session_opts *opts);

/*
 * Whether name is an SNMPv3 authentication (-a) or privacy (-x) protocol
 * the engine knows, as sn_session_open will take it (case-insensitive:
 * Net-SNMP's names and their spellings without dashes): 0, or SN_EINVAL.
 * The *_names functions give the canonical names, NULL-terminated, for
 * messages and completion ("MD5", "SHA", "SHA-224" ...; "DES", "3DES",
 * "AES", "AES-192" ...).
 */
SN_API int sn_auth_proto_parse(const char *name);
SN_API int sn_priv_proto_parse(const char *name);
SN_API const char *const *sn_auth_proto_names(void);
SN_API const char *const *sn_priv_proto_names(void);

/*
 * Open a session to agent ("[udp:|udp6:|unix:]host[:port]", default port
 * 161).  Opens a client transport on loop.  The session copies opts.
 * Errors: SN_EADDR (with the offending text), SN_ESOCKET, SN_ENOMEM;
 * SNMPv3: SN_EINVAL for a bad level, protocol, engine ID or a passphrase
 * missing or shorter than 8 octets (err names the option).
 *
 * SNMPv3 requests first discover the agent's snmpEngineID, boots and time
 * (RFC 3414 §4) unless sec_engine_id was given, once per session; keys
 * are localised once per engine ID.  A request answered by a usmStats
 * report completes with the matching security code (SN_EWRONGDIGEST,
 * SN_EUNKNOWNUSER, SN_EUNSUPSECLEVEL, SN_EDECRYPT, SN_EUNKNOWNENGINEID,
 * SN_ENOTINTIMEWINDOW after one resynchronised retry);
 * sn_session_strerror() gives Net-SNMP's wording for them.
 */
SN_API int sn_session_open(struct sn_loop *loop, const char *agent,
    const struct sn_session_opts *opts, struct sn_session **out,
    struct sn_error *err);
/*
 * Close: every outstanding request and walk completes with SN_ECANCELED
 * (callbacks run before this returns), then the session is freed.
 */
SN_API void sn_session_close(struct sn_session *s);
/*
 * The peer as Net-SNMP names it in messages: the agent text as given to
 * sn_session_open ("udp:127.0.0.1:161", "localhost", "[::1]:1161"), as
 * Net-SNMP prints session.peername.
 */
SN_API const char *sn_session_peer(const struct sn_session *s);
/* The resolved peer address: "udp:127.0.0.1:161", "udp6:[::1]:161". */
SN_API const char *sn_session_peer_addr(const struct sn_session *s);
SN_API enum sn_version sn_session_version(const struct sn_session *s);
SN_API struct sn_loop *sn_session_loop(const struct sn_session *s);
/*
 * The authoritative engine of an SNMPv3 session, as discovered (RFC 3414
 * §4) or given with -e: its snmpEngineID copied into id (cap octets at
 * least SN_ENGINE_ID_MAX, *len set), and its snmpEngineBoots and
 * snmpEngineTime now as this session keeps them in step (0 before the
 * first authenticated exchange or report gave them).  Returns 0,
 * SN_EINVAL for an SNMPv1/v2c session or a short buffer, SN_ENOTFOUND
 * before discovery.
 */
#define SN_ENGINE_ID_MAX 32
SN_API int sn_session_engine(const struct sn_session *s, uint8_t *id,
    size_t cap, size_t *len, uint32_t *boots, uint32_t *time);
/*
 * Net-SNMP's text for a request's completion status, as snmpget prints it
 * after "snmpget: " ("Authentication failure (incorrect password,
 * community or key)", "Unknown user name", "Unsupported security level",
 * "Decryption error", "Unknown engine ID", "Not in time window");
 * sn_strerror() for other codes.  Never NULL.
 */
SN_API const char *sn_session_strerror(int status);
/* Change timeout (ms) and retries of later requests. */
SN_API void sn_session_set_timeout(struct sn_session *s, unsigned timeout_ms,
    int retries);

/*
 * Completion of a request.  status 0: resp is the Response-PDU (its
 * error-status is data, not an engine error); otherwise resp is NULL and
 * status is SN_ETIMEDOUT, SN_ECANCELED, SN_ESEND....  resp is valid only
 * during the callback (sn_pdu_copy to keep it).
 */
typedef void (*sn_request_cb)(struct sn_request *req, int status,
    const struct sn_pdu *resp, void *ud);

/*
 * Send pdu (copied; its request_id is assigned by the session) and call cb
 * exactly once.  *out (may be NULL) is valid until cb runs.  When this
 * returns an error (SN_EINVAL for GetBulk on v1, SN_EENCODE past
 * SN_MSG_MAX, SN_ESEND when the first send fails...), cb is never called.
 */
SN_API int sn_session_send(struct sn_session *s, const struct sn_pdu *pdu,
    sn_request_cb cb, void *ud, struct sn_request **out,
    struct sn_error *err);
/* Cancel: cb runs with SN_ECANCELED before this returns. */
SN_API void sn_request_cancel(struct sn_request *req);

/*
 * Synchronous form: run the loop until the request completes.  On success
 * resp (initialised by the caller) holds the Response-PDU.  Returns 0 or
 * the completion status; err gets "Timeout: No Response from ..." style
 * detail.
 */
SN_API int sn_session_request_sync(struct sn_session *s,
    const struct sn_pdu *pdu, struct sn_pdu *resp, struct sn_error *err);

/* Walk options; Net-SNMP's snmpwalk -C letters in brackets. */
struct sn_walk_opts {
	bool bulk;		/* GETBULK (v2c/v3) instead of GETNEXT */
	int max_repetitions;	/* bulk: default 10 (-Cr) */
	bool include_root;	/* GET the root first and report it (-Ci) */
	bool no_check;		/* do not check increasing OIDs (-Cc) */
	bool no_get_fallback;	/* no GET when the subtree is empty (-CI) */
	bool ignore_end;	/* no subtree end: walk to the end of the MIB */
	struct sn_oid end;	/* when end.len > 0: stop at this OID (-CE);
				   it replaces the subtree end */
};

SN_API void sn_walk_opts_init(struct sn_walk_opts *opts);

/*
 * Walk events.  on_varbind is called for each varbind inside the subtree,
 * in order, including a final exception varbind (endOfMibView...) and the
 * fallback GET's varbind; return non-zero to stop the walk (then on_done
 * gets SN_ECANCELED).  on_done is called exactly once:
 *   0                  finished (end of subtree, endOfMibView, v1 noSuchName:
 *                      then *end_of_mib is set for Net-SNMP's "End of MIB")
 *   SN_ENOTINCREASING  the agent returned a non-increasing OID; the
 *                      offending varbind was already reported, and
 *                      sn_walk_prev_oid()/sn_walk_last_oid() name both
 *   SN_ERESPONSE       resp carries an error-status
 *   SN_ETIMEDOUT, SN_ECANCELED, ...
 * resp is the last Response-PDU (or NULL), valid during the callback.
 */
struct sn_walk_cbs {
	int (*on_varbind)(struct sn_walk *w, const struct sn_varbind *vb,
	    void *ud);
	void (*on_done)(struct sn_walk *w, int status, const struct sn_pdu *resp,
	    const struct sn_error *err, void *ud);
};

/*
 * Start a walk of the subtree under root.  Memory use is constant for any
 * walk length.  *out (may be NULL) is valid until on_done runs.
 */
SN_API int sn_walk_start(struct sn_session *s, const struct sn_oid *root,
    const struct sn_walk_opts *opts, const struct sn_walk_cbs *cbs, void *ud,
    struct sn_walk **out, struct sn_error *err);
/* Stop a walk: on_done runs with SN_ECANCELED before this returns. */
SN_API void sn_walk_cancel(struct sn_walk *w);
/*
 * Pull-style walks (a consumer that takes varbinds one at a time): after
 * sn_walk_pause(), typically from on_varbind, no further varbind is
 * reported and no request is sent; the rest of the current reply is kept
 * (one copy, so memory stays constant).  sn_walk_resume() reports what was
 * kept, then sends the next request; it calls the callbacks before it
 * returns and may end the walk (on_done runs; w is then gone); it is not
 * to be called from the walk's own callbacks.  A request already in flight
 * still completes; cancel works as ever.  Both are no-ops on a finished
 * walk.
 */
SN_API void sn_walk_pause(struct sn_walk *w);
SN_API void sn_walk_resume(struct sn_walk *w);
/* During on_done after SN_ENOTINCREASING: the two OIDs compared. */
SN_API const struct sn_oid *sn_walk_prev_oid(const struct sn_walk *w);
SN_API const struct sn_oid *sn_walk_last_oid(const struct sn_walk *w);
/* Whether the walk ended with v1 noSuchName (Net-SNMP's "End of MIB"). */
SN_API bool sn_walk_end_of_mib(const struct sn_walk *w);
/* Number of varbinds reported so far. */
SN_API uint64_t sn_walk_count(const struct sn_walk *w);

#endif
