/*
 * Internal: the dispatcher of one client transport (RFC 3412 §4.1 in its
 * v1/v2c form).  It owns the outstanding requests sent to one peer: each
 * keeps its encoded message, is retransmitted unchanged after every
 * timeout until its retries are used up, and completes exactly once.
 * Replies are matched by source address, request-id, version and
 * community; anything else is dropped and counted.  SNMPv3 sessions
 * install a raw handler that matches by msgID (sn_dispatch_set_raw).
 */
#ifndef SN_ENGINE_DISPATCH_H
#define SN_ENGINE_DISPATCH_H

#include <stddef.h>
#include <stdint.h>

#include <sn/error.h>
#include <sn/loop.h>
#include <sn/pdu.h>

#include "engine/transport.h"

struct sn_dispatch;
struct sn_dreq;

/*
 * Completion: status 0 with resp (valid during the call only), or
 * SN_ETIMEDOUT / SN_ECANCELED with resp NULL.  The request is freed after
 * the callback returns.
 */
typedef void (*sn_dreq_cb)(struct sn_dreq *r, int status,
    const struct sn_msg *resp, void *ud);

/* Replies that were not accepted, and work done (for tests). */
struct sn_dispatch_stats {
	unsigned long sent;		/* datagrams sent, with retries */
	unsigned long retries;
	unsigned long received;
	unsigned long bad_source;	/* from another address or port */
	unsigned long bad_decode;	/* not a v1/v2c message */
	unsigned long unknown_id;	/* no such outstanding request-id */
	unsigned long mismatch;		/* wrong version, community, type */
};

/* Open a dispatcher with a client transport able to reach peer. */
int sn_dispatch_open(struct sn_loop *loop, const struct sn_taddr *peer,
    struct sn_dispatch **out, struct sn_error *err);
/*
 * Complete every outstanding request with SN_ECANCELED (callbacks run
 * before this returns), close the transport and free.  Safe from inside
 * a completion callback: memory is then reclaimed when it returns.
 */
void sn_dispatch_close(struct sn_dispatch *d);
/*
 * The next request-id: 31-bit positive, starting at a random value and
 * incrementing (RFC 3416 §4.1 leaves the choice to the generator).
 */
int32_t sn_dispatch_next_id(struct sn_dispatch *d);
/*
 * Send the encoded message wire (copied) carrying request-id id, version v
 * and community (copied), and wait timeout_ms per try, retries more
 * tries.  A send failure of the first try is returned (cb is then never
 * called); later ones count as lost datagrams.
 */
int sn_dispatch_send(struct sn_dispatch *d, int32_t id, enum sn_version v,
    const uint8_t *community, size_t community_len, const uint8_t *wire,
    size_t len, unsigned timeout_ms, int retries, sn_dreq_cb cb, void *ud,
    struct sn_dreq **out, struct sn_error *err);
/* Cancel: cb runs with SN_ECANCELED before this returns. */
void sn_dreq_cancel(struct sn_dreq *r);
/* Cancel every outstanding request. */
void sn_dispatch_cancel_all(struct sn_dispatch *d);
/* Number of outstanding requests. */
size_t sn_dispatch_pending(const struct sn_dispatch *d);
const struct sn_taddr *sn_dispatch_peer(const struct sn_dispatch *d);
const struct sn_taddr *sn_dispatch_local(const struct sn_dispatch *d);
void sn_dispatch_get_stats(const struct sn_dispatch *d,
    struct sn_dispatch_stats *out);

/*
 * SNMPv3 (RFC 3412 §7.2): a session whose messages the dispatcher cannot
 * judge by itself installs a raw handler.  Every datagram from the peer
 * then goes to it (source already checked); it decodes and verifies the
 * message, finds the request by msgID (the id given to sn_dispatch_send)
 * with sn_dispatch_find() and completes it with sn_dreq_complete().  The
 * handler must not touch d after completing a request (the completion
 * callback may close it).
 */
typedef void (*sn_dispatch_raw_cb)(struct sn_dispatch *d, const uint8_t *buf,
    size_t len, void *ud);
void sn_dispatch_set_raw(struct sn_dispatch *d, sn_dispatch_raw_cb cb,
    void *ud);
/* The outstanding request with this id (msgID for v3), or NULL. */
struct sn_dreq *sn_dispatch_find(const struct sn_dispatch *d, int32_t id);
/* The ud given to sn_dispatch_send(). */
void *sn_dreq_ud(const struct sn_dreq *r);
/* Complete r now: its callback runs with status and resp, then r is freed. */
void sn_dreq_complete(struct sn_dreq *r, int status,
    const struct sn_msg *resp);
/* Count a dropped reply (raw handlers): 0 decode, 1 unknown id, 2 other. */
void sn_dispatch_count_drop(struct sn_dispatch *d, int kind);

/*
 * Send an encoded message once, expecting no reply (a trap, RFC 3416
 * §4.2.6), from the dispatcher's transport to its peer.  SN_ESEND.
 */
int sn_dispatch_send_once(struct sn_dispatch *d, const uint8_t *wire,
    size_t len, struct sn_error *err);

#endif
