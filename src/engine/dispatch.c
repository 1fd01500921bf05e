/*
 * The dispatcher of one client transport: outstanding requests in a hash
 * table keyed by request-id, retransmission of the same encoded message
 * after each timeout (so a late reply to an earlier try still matches),
 * and matching of replies as RFC 3412 §4.1.3 and RFC 3416 §4.2 require for
 * community messages: a Response-PDU is accepted only from the address the
 * request went to, with an outstanding request-id and the request's
 * version and community.  Everything else is dropped and counted; a
 * request completes exactly once.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine/dispatch.h"

struct sn_dreq {
	struct sn_dispatch *d;
	struct sn_dreq *hnext;
	int32_t id;
	enum sn_version version;
	struct sn_timer *timer;
	int tries_left;
	sn_dreq_cb cb;
	void *ud;
	size_t community_len;
	size_t len;
	uint8_t *community;
	uint8_t *wire;
	uint8_t data[];
};

struct sn_dispatch {
	struct sn_loop *loop;
	struct sn_transport *t;
	struct sn_taddr peer;
	struct sn_dreq **bucket;
	size_t nbucket;		/* a power of two */
	size_t count;
	int32_t next_id;
	int busy;		/* depth of completion callbacks running */
	bool closing;
	sn_dispatch_raw_cb raw;	/* SNMPv3: the session matches replies */
	void *raw_ud;
	struct sn_msg rx;	/* reused for every reply */
	struct sn_dispatch_stats stats;
};

static uint32_t
random_u32(void)
{
	uint32_t v = 0;
	struct timespec ts;

	if (getentropy(&v, sizeof(v)) == 0)
		return v;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint32_t)ts.tv_nsec ^ ((uint32_t)getpid() << 16) ^
	    (uint32_t)ts.tv_sec;
}

int32_t
sn_dispatch_next_id(struct sn_dispatch *d)
{
	int32_t id = d->next_id;

	/* stay within 1..2^31-1: some agents mishandle negative ids */
	d->next_id = id == INT32_MAX ? 1 : id + 1;
	return id;
}

static size_t
slot(const struct sn_dispatch *d, int32_t id)
{
	uint32_t h = (uint32_t)id * 2654435761u;	/* Knuth's multiplier */

	return (size_t)(h >> 8) & (d->nbucket - 1);
}

static struct sn_dreq *
lookup(const struct sn_dispatch *d, int32_t id)
{
	struct sn_dreq *r;

	for (r = d->bucket[slot(d, id)]; r != NULL; r = r->hnext) {
		if (r->id == id)
			return r;
	}
	return NULL;
}

static void
grow(struct sn_dispatch *d)
{
	size_t n = d->nbucket * 2, i;
	struct sn_dreq **nb = calloc(n, sizeof(*nb));
	struct sn_dreq **old = d->bucket;
	size_t oldn = d->nbucket;

	if (nb == NULL)
		return;	/* keep the longer chains */
	d->bucket = nb;
	d->nbucket = n;
	for (i = 0; i < oldn; i++) {
		struct sn_dreq *r = old[i], *next;

		for (; r != NULL; r = next) {
			size_t k = slot(d, r->id);

			next = r->hnext;
			r->hnext = nb[k];
			nb[k] = r;
		}
	}
	free(old);
}

static void
unlink_req(struct sn_dispatch *d, struct sn_dreq *r)
{
	struct sn_dreq **pp = &d->bucket[slot(d, r->id)];

	for (; *pp != NULL; pp = &(*pp)->hnext) {
		if (*pp == r) {
			*pp = r->hnext;
			d->count--;
			return;
		}
	}
}

static void
dispatch_free(struct sn_dispatch *d)
{
	sn_msg_clear(&d->rx);
	free(d->bucket);
	free(d);
}

/* Remove r, run its callback once, free it. */
static void
complete(struct sn_dreq *r, int status, const struct sn_msg *resp)
{
	struct sn_dispatch *d = r->d;

	unlink_req(d, r);
	sn_timer_stop(r->timer);	/* safe from its own callback */
	r->timer = NULL;
	d->busy++;
	r->cb(r, status, resp, r->ud);
	d->busy--;
	free(r);
	if (d->closing && d->busy == 0 && d->t == NULL)
		dispatch_free(d);
}

static void
on_timer(struct sn_timer *t, void *ud)
{
	struct sn_dreq *r = ud;
	struct sn_dispatch *d = r->d;

	(void)t;
	if (r->tries_left <= 0) {
		complete(r, SN_ETIMEDOUT, NULL);
		return;
	}
	r->tries_left--;
	d->stats.retries++;
	/* the same bytes: same request-id, so any try's reply matches;
	 * a failed resend counts as a lost datagram (SPEC §2) */
	if (sn_transport_send(d->t, r->wire, r->len, &d->peer, NULL) == 0)
		d->stats.sent++;
}

/* Compare communities without an early exit (they act as passwords). */
static bool
same_bytes(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
	unsigned char diff = 0;
	size_t i;

	if (an != bn)
		return false;
	for (i = 0; i < an; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

static void
on_recv(struct sn_transport *t, const uint8_t *buf, size_t len,
    const struct sn_taddr *from, void *ud)
{
	struct sn_dispatch *d = ud;
	struct sn_msg *m = &d->rx;
	struct sn_dreq *r;

	(void)t;
	d->stats.received++;
	if (d->closing)
		return;
	/* RFC 3412 §4.1.3: a response must come from the request's peer */
	if (!sn_taddr_equal(from, &d->peer)) {
		d->stats.bad_source++;
		return;
	}
	if (d->raw != NULL) {
		/* RFC 3412 §7.2: v3 matching needs the session's USM state */
		d->raw(d, buf, len, d->raw_ud);
		return;
	}
	if (d->busy > 0) {
		/* a callback runs the loop again: d->rx is still in use */
		if ((m = malloc(sizeof(*m))) == NULL)
			return;
		sn_msg_init(m);
	}
	if (sn_msg_decode(buf, len, m, NULL) != 0) {
		d->stats.bad_decode++;
		goto out;
	}
	if ((r = lookup(d, m->pdu.request_id)) == NULL) {
		/* unknown, or a duplicate of an answered request */
		d->stats.unknown_id++;
		goto out;
	}
	if (m->pdu.type != SN_PDU_RESPONSE || m->version != r->version ||
	    !same_bytes(m->community, m->community_len, r->community,
	    r->community_len)) {
		d->stats.mismatch++;
		goto out;
	}
	if (m != &d->rx) {
		/* complete() may free d; m is ours to free */
		complete(r, 0, m);
		sn_msg_clear(m);
		free(m);
		return;
	}
	complete(r, 0, m);
	return;
out:
	if (m != &d->rx) {
		sn_msg_clear(m);
		free(m);
	}
}

int
sn_dispatch_open(struct sn_loop *loop, const struct sn_taddr *peer,
    struct sn_dispatch **out, struct sn_error *err)
{
	struct sn_dispatch *d;
	int rc;

	*out = NULL;
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	d->nbucket = 16;
	if ((d->bucket = calloc(d->nbucket, sizeof(*d->bucket))) == NULL) {
		free(d);
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	}
	d->loop = loop;
	d->peer = *peer;
	d->next_id = (int32_t)(random_u32() & 0x7fffffffu);
	if (d->next_id == 0)
		d->next_id = 1;
	sn_msg_init(&d->rx);
	rc = sn_transport_open_client(loop, peer, on_recv, d, &d->t, err);
	if (rc != 0) {
		dispatch_free(d);
		return rc;
	}
	*out = d;
	return 0;
}

int
sn_dispatch_send(struct sn_dispatch *d, int32_t id, enum sn_version v,
    const uint8_t *community, size_t community_len, const uint8_t *wire,
    size_t len, unsigned timeout_ms, int retries, sn_dreq_cb cb, void *ud,
    struct sn_dreq **out, struct sn_error *err)
{
	struct sn_dreq *r;
	int rc;

	if (out != NULL)
		*out = NULL;
	if (d->closing)
		return sn_error_set(err, SN_ECANCELED, "session is closing");
	if (lookup(d, id) != NULL)
		return sn_error_set(err, SN_EINVAL,
		    "request-id %ld already outstanding", (long)id);
	r = calloc(1, sizeof(*r) + len + community_len);
	if (r == NULL)
		return sn_error_set(err, SN_ENOMEM, "out of memory");
	r->d = d;
	r->id = id;
	r->version = v;
	r->tries_left = retries > 0 ? retries : 0;
	r->cb = cb;
	r->ud = ud;
	r->len = len;
	r->wire = r->data;
	memcpy(r->wire, wire, len);
	r->community_len = community_len;
	r->community = r->data + len;
	if (community_len > 0)
		memcpy(r->community, community, community_len);
	if ((rc = sn_transport_send(d->t, wire, len, &d->peer, err)) != 0) {
		free(r);
		return rc;
	}
	d->stats.sent++;
	/* the loop's cached time may be stale after a long callback */
	sn_loop_update_time(d->loop);
	rc = sn_timer_start(d->loop, timeout_ms, timeout_ms > 0 ? timeout_ms :
	    1, on_timer, r, &r->timer);
	if (rc != 0) {
		free(r);
		return sn_error_set(err, rc, "out of memory");
	}
	if (d->count >= d->nbucket)
		grow(d);
	r->hnext = d->bucket[slot(d, id)];
	d->bucket[slot(d, id)] = r;
	d->count++;
	if (out != NULL)
		*out = r;
	return 0;
}

void
sn_dreq_cancel(struct sn_dreq *r)
{
	if (r != NULL)
		complete(r, SN_ECANCELED, NULL);
}

void
sn_dispatch_cancel_all(struct sn_dispatch *d)
{
	size_t i;

	/* callbacks may cancel others: restart the scan after each one */
	for (i = 0; i < d->nbucket;) {
		if (d->bucket[i] != NULL)
			complete(d->bucket[i], SN_ECANCELED, NULL);
		else
			i++;
	}
}

void
sn_dispatch_close(struct sn_dispatch *d)
{
	if (d == NULL || d->closing)
		return;
	d->closing = true;	/* no new requests from the callbacks */
	d->busy++;
	sn_dispatch_cancel_all(d);
	d->busy--;
	sn_transport_close(d->t);
	d->t = NULL;
	if (d->busy == 0)
		dispatch_free(d);
}

size_t
sn_dispatch_pending(const struct sn_dispatch *d)
{
	return d->count;
}

const struct sn_taddr *
sn_dispatch_peer(const struct sn_dispatch *d)
{
	return &d->peer;
}

const struct sn_taddr *
sn_dispatch_local(const struct sn_dispatch *d)
{
	return sn_transport_local(d->t);
}

void
sn_dispatch_get_stats(const struct sn_dispatch *d,
    struct sn_dispatch_stats *out)
{
	*out = d->stats;
}

void
sn_dispatch_set_raw(struct sn_dispatch *d, sn_dispatch_raw_cb cb, void *ud)
{
	d->raw = cb;
	d->raw_ud = ud;
}

struct sn_dreq *
sn_dispatch_find(const struct sn_dispatch *d, int32_t id)
{
	return lookup(d, id);
}

void *
sn_dreq_ud(const struct sn_dreq *r)
{
	return r->ud;
}

void
sn_dreq_complete(struct sn_dreq *r, int status, const struct sn_msg *resp)
{
	complete(r, status, resp);
}

void
sn_dispatch_count_drop(struct sn_dispatch *d, int kind)
{
	if (kind == 0)
		d->stats.bad_decode++;
	else if (kind == 1)
		d->stats.unknown_id++;
	else
		d->stats.mismatch++;
}

int
sn_dispatch_send_once(struct sn_dispatch *d, const uint8_t *wire, size_t len,
    struct sn_error *err)
{
	int rc;

	/* RFC 3416 §4.2.6: an unconfirmed PDU, no reply expected */
	if ((rc = sn_transport_send(d->t, wire, len, &d->peer, err)) == 0)
		d->stats.sent++;
	return rc;
}
